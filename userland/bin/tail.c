/*
 * tail: print the last lines (or bytes) of a file (10 lines by default).
 *   tail [-f] [-n [+]count | -c [+]bytes | -count] [file ...]
 * -n +N starts at line N, -c +N at byte N; -count is the old spelling
 * of -n count; -f keeps reading as the (one) file grows.  Several files
 * get "==> name <==" headers, as with head.  The whole input is
 * read once, keeping only the last count lines (or bytes) in a ring, so
 * pipes and regular files take the same path.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* -f polls for growth once per this many microseconds. */
#define FOLLOW_INTERVAL_US 250000
#define DEFAULT_LINES 10

/* What the count counts, and where it is counted from. */
struct range {
	long count;
	int by_bytes;		/* -c: bytes, else lines */
	int from_start;		/* +N: from unit N on, else the last N */
};

static void
usage(void)
{
	fprintf(stderr, "usage: tail [-f] [-n [+]count | -c [+]bytes | -count] [file ...]\n");
	exit(1);
}

static void
die_errno(const char *what)
{
	fprintf(stderr, "tail: %s: %s\n", what, strerror(errno));
	exit(1);
}

/* "[+]N" into r; exits with a message when it is not a number. */
static void
parse_range(const char *s, int by_bytes, struct range *r)
{
	const char *digits = s + (s[0] == '+' || s[0] == '-');
	char *end;

	errno = 0;
	r->by_bytes = by_bytes;
	r->from_start = s[0] == '+';
	r->count = strtol(digits, &end, 10);
	if (!isdigit((unsigned char)*digits) || *end != '\0' || errno != 0) {
		fprintf(stderr, "tail: invalid number of %s: '%s'\n",
		    by_bytes ? "bytes" : "lines", s);
		exit(1);
	}
}

/* Print from unit number first (1-based: line or byte) to the end. */
static int
tail_from(FILE *in, long first, int by_bytes)
{
	long unit = 1;
	int c;

	while ((c = getc(in)) != EOF) {
		if (unit >= first)
			putchar(c);
		if (by_bytes || c == '\n')
			unit++;
	}
	return ferror(in) ? -1 : 0;
}

/* Print the last count bytes, kept in a ring as the input passes. */
static int
tail_last_bytes(FILE *in, long count)
{
	char *ring = count > 0 ? malloc(count) : NULL;
	long next = 0, stored = 0;
	int c;

	if (count > 0 && ring == NULL)
		die_errno("memory");
	while ((c = getc(in)) != EOF) {
		if (count == 0)
			continue;
		ring[next] = (char)c;
		next = (next + 1) % count;
		if (stored < count)
			stored++;
	}
	for (long i = 0; i < stored; i++)
		putchar(ring[(next - stored + i + count) % count]);
	free(ring);
	return ferror(in) ? -1 : 0;
}

/* Print the last count lines, keeping them in a ring of getline buffers. */
static int
tail_last(FILE *in, long count)
{
	char **ring;
	size_t *sizes, *lens;
	long next = 0, stored = 0;
	ssize_t len;
	size_t cap = 0;
	char *line = NULL;

	if (count == 0) {
		while (getc(in) != EOF)
			;
		return ferror(in) ? -1 : 0;
	}
	ring = calloc(count, sizeof(*ring));
	sizes = calloc(count, sizeof(*sizes));
	lens = calloc(count, sizeof(*lens));
	if (ring == NULL || sizes == NULL || lens == NULL)
		die_errno("memory");
	while ((len = getline(&line, &cap, in)) >= 0) {
		/* Swap buffers with the slot being overwritten: no copying. */
		char *old = ring[next];
		size_t old_size = sizes[next];
		ring[next] = line;
		sizes[next] = cap;
		lens[next] = len;
		line = old;
		cap = old_size;
		next = (next + 1) % count;
		if (stored < count)
			stored++;
	}
	for (long i = 0; i < stored; i++) {
		long slot = (next - stored + i + count) % count;
		fwrite(ring[slot], 1, lens[slot], stdout);
	}
	for (long i = 0; i < count; i++)
		free(ring[i]);
	free(line);
	free(ring);
	free(sizes);
	free(lens);
	return ferror(in) ? -1 : 0;
}

/* After EOF, print whatever is appended, forever (until killed). */
static void
follow(FILE *in)
{
	int c;

	for (;;) {
		fflush(stdout);
		usleep(FOLLOW_INTERVAL_US);
		clearerr(in);
		while ((c = getc(in)) != EOF)
			putchar(c);
	}
}

static int
tail_stream(FILE *in, const struct range *r)
{
	if (r->from_start)
		return tail_from(in, r->count, r->by_bytes);
	if (r->by_bytes)
		return tail_last_bytes(in, r->count);
	return tail_last(in, r->count);
}

int
main(int argc, char *argv[])
{
	struct range r = { DEFAULT_LINES, 0, 0 };
	int opt_follow = 0, status = 0, c;

	/* "tail -3": the obsolete form, a count standing alone as option. */
	if (argc > 1 && argv[1][0] == '-' && isdigit((unsigned char)argv[1][1])) {
		parse_range(argv[1], 0, &r);
		argv[1] = argv[0];
		argv++;
		argc--;
	}
	while ((c = getopt(argc, argv, "c:fn:")) != -1) {
		switch (c) {
		case 'c':
			parse_range(optarg, 1, &r);
			break;
		case 'f':
			opt_follow = 1;
			break;
		case 'n':
			parse_range(optarg, 0, &r);
			break;
		default:
			usage();
		}
	}
	if (opt_follow && argc - optind > 1)
		usage();	/* -f follows one file */
	if (optind == argc)
		argv[--optind] = "-";
	for (int i = optind; i < argc; i++) {
		int is_stdin = strcmp(argv[i], "-") == 0;
		const char *name = is_stdin ? "standard input" : argv[i];
		FILE *in = is_stdin ? stdin : fopen(argv[i], "r");

		if (in == NULL) {
			fprintf(stderr, "tail: %s: %s\n", name, strerror(errno));
			status = 1;
			continue;
		}
		if (argc - optind > 1)
			printf("%s==> %s <==\n", i > optind ? "\n" : "", name);
		if (tail_stream(in, &r) < 0) {
			fprintf(stderr, "tail: %s: %s\n", name, strerror(errno));
			status = 1;
		}
		if (opt_follow && !is_stdin)
			follow(in);
		if (!is_stdin)
			fclose(in);
	}
	return fflush(stdout) != 0 ? 1 : status;
}
