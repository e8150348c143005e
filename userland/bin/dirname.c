/*
 * dirname: print each name with its last component removed.
 *   dirname NAME...
 * "a" gives ".", "/a" and "/" give "/", "a/b//" gives "a", as GNU
 * dirname does (which also keeps a leading "//" as "/").
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void
usage(void)
{
	fprintf(stderr, "usage: dirname name ...\n");
	exit(1);
}

static void
print_dir(const char *name)
{
	size_t end = strlen(name);

	while (end > 1 && name[end - 1] == '/')		/* trailing slashes */
		end--;
	while (end > 0 && name[end - 1] != '/')		/* the last component */
		end--;
	if (end == 0) {
		puts(".");
		return;
	}
	while (end > 1 && name[end - 1] == '/')		/* slashes before it */
		end--;
	printf("%.*s\n", (int)end, name);
}

int
main(int argc, char *argv[])
{
	int c;

	while ((c = getopt(argc, argv, "")) != -1)
		usage();
	if (optind == argc)
		usage();
	for (int i = optind; i < argc; i++)
		print_dir(argv[i]);
	return fflush(stdout) != 0;
}
