/*
 * basename: strip the directory and, optionally, a suffix from names.
 *   basename NAME [SUFFIX]
 *   basename -a [-s SUFFIX] NAME...
 * Trailing slashes are ignored ("a/b/" gives "b", "/" gives "/"); the
 * suffix is removed only when something is left, as GNU basename does.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void
usage(void)
{
	fprintf(stderr, "usage: basename name [suffix]\n       basename -a [-s suffix] name ...\n");
	exit(1);
}

/* Print the last component of name, less suffix when it is a proper tail. */
static void
print_base(const char *name, const char *suffix)
{
	size_t end = strlen(name), start, slen;

	while (end > 1 && name[end - 1] == '/')
		end--;
	if (end == 1 && name[0] == '/') {
		puts("/");
		return;
	}
	start = end;
	while (start > 0 && name[start - 1] != '/')
		start--;
	slen = suffix != NULL ? strlen(suffix) : 0;
	if (slen > 0 && slen < end - start &&
	    memcmp(name + end - slen, suffix, slen) == 0)
		end -= slen;
	printf("%.*s\n", (int)(end - start), name + start);
}

int
main(int argc, char *argv[])
{
	const char *suffix = NULL;
	int all = 0, c;

	while ((c = getopt(argc, argv, "as:")) != -1) {
		switch (c) {
		case 'a': all = 1; break;
		case 's': suffix = optarg; all = 1; break;
		default: usage();
		}
	}
	if (optind == argc)
		usage();
	if (!all) {
		if (argc - optind > 2)
			usage();
		print_base(argv[optind], optind + 1 < argc ? argv[optind + 1] : NULL);
	} else {
		for (int i = optind; i < argc; i++)
			print_base(argv[i], suffix);
	}
	return fflush(stdout) != 0;
}
