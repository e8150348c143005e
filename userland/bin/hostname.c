/* hostname: print the host name, or set it (root) with an argument. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#ifndef HOST_NAME_MAX
#define HOST_NAME_MAX 64
#endif

int
main(int argc, char *argv[])
{
	char name[HOST_NAME_MAX + 1];
	int c;

	while ((c = getopt(argc, argv, "")) != -1) {
		fprintf(stderr, "usage: hostname [name]\n");
		return 1;
	}
	if (argc - optind > 1) {
		fprintf(stderr, "usage: hostname [name]\n");
		return 1;
	}
	if (optind < argc) {
		const char *new_name = argv[optind];
		if (sethostname(new_name, strlen(new_name)) < 0) {
			fprintf(stderr, "hostname: %s: %s\n", new_name, strerror(errno));
			return 1;
		}
		return 0;
	}
	if (gethostname(name, sizeof(name)) < 0) {
		fprintf(stderr, "hostname: %s\n", strerror(errno));
		return 1;
	}
	name[HOST_NAME_MAX] = '\0';
	puts(name);
	return 0;
}
