/*
 * tail: print the last lines of a file (10 by default).
 *   tail [-f] [-n [+]count] [file]
 * -n +N starts at line N; -f keeps reading as the file grows.
 * The whole input is read once, keeping only the last count lines in
 * a ring, so pipes and regular files take the same path.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* -f polls for growth once per this many microseconds. */
#define FOLLOW_INTERVAL_US 250000

static void
usage(void)
{
	fprintf(stderr, "usage: tail [-f] [-n [+]count] [file]\n");
	exit(1);
}

static void
die_errno(const char *what)
{
	fprintf(stderr, "tail: %s: %s\n", what, strerror(errno));
	exit(1);
}

/* Print from line number first (1-based) to the end. */
static int
tail_from(FILE *in, long first)
{
	long line = 1;
	int c;

	while ((c = getc(in)) != EOF) {
		if (line >= first)
			putchar(c);
		if (c == '\n')
			line++;
	}
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

int
main(int argc, char *argv[])
{
	long count = 10;
	int from_start = 0, opt_follow = 0, c;
	const char *name = "stdin";
	FILE *in = stdin;
	char *end;

	while ((c = getopt(argc, argv, "fn:")) != -1) {
		switch (c) {
		case 'f':
			opt_follow = 1;
			break;
		case 'n':
			from_start = optarg[0] == '+';
			count = strtol(optarg + (optarg[0] == '+' || optarg[0] == '-'), &end, 10);
			if (*optarg == '\0' || *end != '\0' || count < 0) {
				fprintf(stderr, "tail: invalid number of lines: '%s'\n", optarg);
				return 1;
			}
			break;
		default:
			usage();
		}
	}
	if (argc - optind > 1)
		usage();
	if (optind < argc && strcmp(argv[optind], "-") != 0) {
		name = argv[optind];
		in = fopen(name, "r");
		if (in == NULL)
			die_errno(name);
	}
	if ((from_start ? tail_from(in, count) : tail_last(in, count)) < 0)
		die_errno(name);
	if (opt_follow && in != stdin)
		follow(in);
	return fflush(stdout) != 0;
}
