/*
 * cut: print selected parts of lines.
 *   cut -b list [file ...]
 *   cut -c list [file ...]
 *   cut -f list [-d delim] [-s] [file ...]
 * A list is ranges separated by commas: N, N-M, N- and -M, counted from 1.
 * Characters are bytes here (-c is -b).  Fields are split at the
 * delimiter (TAB by default) and printed joined by it; a line without
 * the delimiter is printed whole unless -s suppresses it.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define RANGES_MAX 256
#define OPEN_END ((size_t)-1)	/* "N-": to the end of the line */

struct range {
	size_t first, last;	/* 1-based, inclusive */
};

enum unit { UNIT_NONE, UNIT_BYTES, UNIT_FIELDS };

static struct range ranges[RANGES_MAX];
static int nranges;
static enum unit unit = UNIT_NONE;
static char delim = '\t';
static int only_delimited;

static void
usage(void)
{
	fprintf(stderr, "usage: cut -b list [file ...]\n       cut -c list [file ...]\n"
	    "       cut -f list [-d delim] [-s] [file ...]\n");
	exit(1);
}

static void
bad_list(const char *list, const char *why)
{
	fprintf(stderr, "cut: %s: %s\n", list, why);
	exit(1);
}

/* Parse a decimal position at *s; 0 if there are no digits. */
static size_t
parse_position(const char **s)
{
	size_t n = 0;

	while (**s >= '0' && **s <= '9')
		n = n * 10 + (size_t)(*(*s)++ - '0');
	return n;
}

static void
parse_list(const char *list)
{
	const char *s = list;

	do {
		struct range r;

		if (nranges == RANGES_MAX)
			bad_list(list, "too many ranges");
		r.first = parse_position(&s);
		r.last = r.first;
		if (*s == '-') {
			s++;
			r.last = *s >= '0' && *s <= '9' ? parse_position(&s) : OPEN_END;
			if (r.first == 0 && r.last == OPEN_END)
				bad_list(list, "invalid range with no endpoint");
			if (r.first == 0)
				r.first = 1;
		}
		if (r.first == 0 || r.last == 0)
			bad_list(list, "positions are numbered from 1");
		if (r.last < r.first)
			bad_list(list, "invalid decreasing range");
		if (*s != ',' && *s != '\0')
			bad_list(list, "invalid list");
		ranges[nranges++] = r;
	} while (*s++ == ',');
}

static int
selected(size_t pos)
{
	for (int i = 0; i < nranges; i++)
		if (pos >= ranges[i].first && pos <= ranges[i].last)
			return 1;
	return 0;
}

static void
cut_bytes(const char *line, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (selected(i + 1))
			putchar(line[i]);
	putchar('\n');
}

static void
cut_fields(const char *line, size_t len)
{
	const char *end = line + len, *field = line;
	size_t pos = 1;
	int printed = 0;

	if (memchr(line, delim, len) == NULL) {
		if (!only_delimited)
			printf("%.*s\n", (int)len, line);
		return;
	}
	while (field <= end) {
		const char *stop = memchr(field, delim, end - field);

		if (stop == NULL)
			stop = end;
		if (selected(pos)) {
			if (printed++)
				putchar(delim);
			fwrite(field, 1, stop - field, stdout);
		}
		field = stop + 1;
		pos++;
	}
	putchar('\n');
}

static int
cut_stream(FILE *in, const char *name)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;

	while ((len = getline(&line, &cap, in)) >= 0) {
		if (len > 0 && line[len - 1] == '\n')
			len--;
		if (unit == UNIT_FIELDS)
			cut_fields(line, len);
		else
			cut_bytes(line, len);
	}
	free(line);
	if (ferror(in)) {
		fprintf(stderr, "cut: %s: %s\n", name, strerror(errno));
		return -1;
	}
	return 0;
}

static void
set_unit(enum unit u, const char *list)
{
	if (unit != UNIT_NONE) {
		fprintf(stderr, "cut: only one list may be specified\n");
		usage();
	}
	unit = u;
	parse_list(list);
}

int
main(int argc, char *argv[])
{
	int status = 0, delim_given = 0, c;

	while ((c = getopt(argc, argv, "b:c:d:f:ns")) != -1) {
		switch (c) {
		case 'b': case 'c': set_unit(UNIT_BYTES, optarg); break;
		case 'f': set_unit(UNIT_FIELDS, optarg); break;
		case 'd':
			if (strlen(optarg) > 1) {
				fprintf(stderr, "cut: the delimiter must be a single character\n");
				usage();
			}
			delim = optarg[0];
			delim_given = 1;
			break;
		case 'n': break;
		case 's': only_delimited = 1; break;
		default: usage();
		}
	}
	if (unit == UNIT_NONE)
		usage();
	if (unit != UNIT_FIELDS && (delim_given || only_delimited)) {
		fprintf(stderr, "cut: -d and -s need a list of fields (-f)\n");
		usage();
	}
	if (optind == argc)
		status = cut_stream(stdin, "standard input") < 0;
	for (int i = optind; i < argc; i++) {
		int is_stdin = strcmp(argv[i], "-") == 0;
		FILE *in = is_stdin ? stdin : fopen(argv[i], "r");

		if (in == NULL) {
			fprintf(stderr, "cut: %s: %s\n", argv[i], strerror(errno));
			status = 1;
			continue;
		}
		if (cut_stream(in, argv[i]) < 0)
			status = 1;
		if (!is_stdin)
			fclose(in);
	}
	return fflush(stdout) != 0 ? 1 : status;
}
