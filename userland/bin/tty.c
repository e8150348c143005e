/* tty: print the name of the terminal on standard input (-s: only the
 * status), as coreutils' tty: status 1 when it is not a terminal, 2 for a
 * bad option. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int
main(int argc, char *argv[])
{
	int silent = 0;

	if (argc == 2 && (strcmp(argv[1], "-s") == 0 || strcmp(argv[1], "--silent") == 0 ||
			  strcmp(argv[1], "--quiet") == 0)) {
		silent = 1;
	} else if (argc > 1) {
		fprintf(stderr, "usage: tty [-s]\n");
		return 2;
	}
	const char *name = ttyname(0);
	if (!silent)
		puts(name ? name : "not a tty");
	return name ? 0 : 1;
}
