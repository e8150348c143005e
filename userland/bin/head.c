/*
 * head: print the first lines (or bytes) of files.
 *   head [-n count | -c bytes | -count] [file ...]
 * 10 lines by default; -count is the old spelling of -n count.  With
 * several files each gets a "==> name <==" header, as GNU head does.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define DEFAULT_LINES 10

static void
usage(void)
{
	fprintf(stderr, "usage: head [-n count | -c bytes | -count] [file ...]\n");
	exit(1);
}

/* A count operand: decimal digits only. */
static long
parse_count(const char *s, const char *what)
{
	char *end;
	long n;

	errno = 0;
	n = strtol(s, &end, 10);
	if (!isdigit((unsigned char)*s) || *end != '\0' || errno != 0) {
		fprintf(stderr, "head: invalid number of %s: '%s'\n", what, s);
		exit(1);
	}
	return n;
}

/* Copy count units of in to stdout: lines, or bytes when by_bytes. */
static int
head_stream(FILE *in, const char *name, long count, int by_bytes)
{
	int c;

	while (count > 0 && (c = getc(in)) != EOF) {
		putchar(c);
		if (by_bytes || c == '\n')
			count--;
	}
	if (ferror(in)) {
		fprintf(stderr, "head: %s: %s\n", name, strerror(errno));
		return -1;
	}
	return 0;
}

int
main(int argc, char *argv[])
{
	long count = DEFAULT_LINES;
	int status = 0, by_bytes = 0, c;

	/* "head -5": the obsolete form, a count standing alone as option. */
	if (argc > 1 && argv[1][0] == '-' && isdigit((unsigned char)argv[1][1])) {
		count = parse_count(argv[1] + 1, "lines");
		argv[1] = argv[0];
		argv++;
		argc--;
	}
	while ((c = getopt(argc, argv, "c:n:")) != -1) {
		switch (c) {
		case 'c':
			by_bytes = 1;
			count = parse_count(optarg, "bytes");
			break;
		case 'n':
			by_bytes = 0;
			count = parse_count(optarg, "lines");
			break;
		default:
			usage();
		}
	}
	if (optind == argc)
		return head_stream(stdin, "stdin", count, by_bytes) < 0;
	for (int i = optind; i < argc; i++) {
		int is_stdin = strcmp(argv[i], "-") == 0;
		FILE *in = is_stdin ? stdin : fopen(argv[i], "r");

		if (in == NULL) {
			fprintf(stderr, "head: %s: %s\n", argv[i], strerror(errno));
			status = 1;
			continue;
		}
		if (argc - optind > 1)
			printf("%s==> %s <==\n", i > optind ? "\n" : "",
			    is_stdin ? "standard input" : argv[i]);
		if (head_stream(in, argv[i], count, by_bytes) < 0)
			status = 1;
		if (!is_stdin)
			fclose(in);
	}
	return fflush(stdout) != 0 ? 1 : status;
}
