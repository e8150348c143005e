/*
 * uniq: report or omit repeated adjacent lines.
 *   uniq [-c] [-d | -u] [-i] [-f fields] [-s chars] [input [output]]
 * -c prefixes each line with its count (GNU's "%7d "), -d prints only
 * repeated lines, -u only unrepeated ones, -i compares ignoring case.
 * -f skips that many fields (blanks, then non-blanks) and -s that many
 * more characters before comparing.  Of a run of equal lines the first
 * is printed.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

static int opt_count, opt_repeated, opt_unique, opt_ignore_case;
static long skip_fields, skip_chars;

static void
usage(void)
{
	fprintf(stderr, "usage: uniq [-c] [-d | -u] [-i] [-f fields] [-s chars] [input [output]]\n");
	exit(1);
}

/* The part of a line that is compared: after -f fields and -s chars. */
static const char *
compared_part(const char *line)
{
	for (long f = 0; f < skip_fields; f++) {
		while (isblank((unsigned char)*line))
			line++;
		while (*line != '\0' && !isblank((unsigned char)*line))
			line++;
	}
	for (long c = 0; c < skip_chars && *line != '\0'; c++)
		line++;
	return line;
}

static int
same_line(const char *a, const char *b)
{
	a = compared_part(a);
	b = compared_part(b);
	return opt_ignore_case ? strcasecmp(a, b) == 0 : strcmp(a, b) == 0;
}

static long
parse_skip(const char *s, const char *what)
{
	char *end;
	long n = strtol(s, &end, 10);

	if (*s == '\0' || *end != '\0' || n < 0) {
		fprintf(stderr, "uniq: %s: invalid number of %s to skip\n", s, what);
		exit(1);
	}
	return n;
}

static void
print_run(FILE *out, const char *line, long count)
{
	if (opt_repeated && count < 2)
		return;
	if (opt_unique && count > 1)
		return;
	if (opt_count)
		fprintf(out, "%7ld ", count);
	fprintf(out, "%s\n", line);
}

static int
uniq_stream(FILE *in, FILE *out)
{
	char *line = NULL, *prev = NULL;
	size_t cap = 0, prev_cap = 0;
	ssize_t len;
	long count = 0;

	while ((len = getline(&line, &cap, in)) >= 0) {
		if (len > 0 && line[len - 1] == '\n')
			line[--len] = '\0';
		if (count > 0 && same_line(prev, line)) {
			count++;
			continue;
		}
		if (count > 0)
			print_run(out, prev, count);
		/* Keep the new line: swap buffers so nothing is copied. */
		char *tmp = prev;
		size_t tmp_cap = prev_cap;
		prev = line;
		prev_cap = cap;
		line = tmp;
		cap = tmp_cap;
		count = 1;
	}
	if (count > 0)
		print_run(out, prev, count);
	free(line);
	free(prev);
	return ferror(in) ? -1 : 0;
}

int
main(int argc, char *argv[])
{
	FILE *in = stdin, *out = stdout;
	const char *in_name = "standard input", *out_name = "standard output";
	int c;

	while ((c = getopt(argc, argv, "cdf:is:u")) != -1) {
		switch (c) {
		case 'c': opt_count = 1; break;
		case 'd': opt_repeated = 1; break;
		case 'f': skip_fields = parse_skip(optarg, "fields"); break;
		case 's': skip_chars = parse_skip(optarg, "bytes"); break;
		case 'i': opt_ignore_case = 1; break;
		case 'u': opt_unique = 1; break;
		default: usage();
		}
	}
	if (argc - optind > 2)
		usage();
	if (optind < argc && strcmp(argv[optind], "-") != 0) {
		in_name = argv[optind];
		if ((in = fopen(in_name, "r")) == NULL) {
			fprintf(stderr, "uniq: %s: %s\n", in_name, strerror(errno));
			return 1;
		}
	}
	if (optind + 1 < argc && strcmp(argv[optind + 1], "-") != 0) {
		out_name = argv[optind + 1];
		if ((out = fopen(out_name, "w")) == NULL) {
			fprintf(stderr, "uniq: %s: %s\n", out_name, strerror(errno));
			return 1;
		}
	}
	if (uniq_stream(in, out) < 0) {
		fprintf(stderr, "uniq: %s: %s\n", in_name, strerror(errno));
		return 1;
	}
	if (fflush(out) != 0 || (out != stdout && fclose(out) != 0)) {
		fprintf(stderr, "uniq: %s: %s\n", out_name, strerror(errno));
		return 1;
	}
	return 0;
}
