/* whoami: print the user name of the effective user id. */
#include <pwd.h>
#include <stdio.h>
#include <unistd.h>

int
main(int argc, char *argv[])
{
	struct passwd *pw;
	uid_t uid = geteuid();

	(void)argv;
	if (argc > 1) {
		fprintf(stderr, "usage: whoami\n");
		return 1;
	}
	pw = getpwuid(uid);
	if (pw == NULL) {
		fprintf(stderr, "whoami: cannot find name for user ID %u\n", (unsigned)uid);
		return 1;
	}
	puts(pw->pw_name);
	return 0;
}
