/* whoami: print the user name of the effective user id. */
#include <stdio.h>
#include <unistd.h>

#include "accounts.h"

int
main(int argc, char *argv[])
{
	const struct account *u;
	uid_t uid = geteuid();

	(void)argv;
	if (argc > 1) {
		fprintf(stderr, "usage: whoami\n");
		return 1;
	}
	u = user_by_id(uid);
	if (u == NULL) {
		fprintf(stderr, "whoami: cannot find name for user ID %u\n", (unsigned)uid);
		return 1;
	}
	puts(u->name);
	return 0;
}
