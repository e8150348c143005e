/*
 * grep: print lines matching a pattern.
 *   grep [-cEFHhilnqsvx] [-e pattern] ... [pattern] [file ...]
 * Patterns are POSIX basic regular expressions (extended with -E, plain
 * strings with -F) compiled by regcomp(3).  Exit status: 0 if a line
 * was selected, 1 if none, 2 on error (even if a line was selected,
 * unless -q found one).
 */
#include <errno.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#define MAX_PATTERNS 64

static int opt_count, opt_extended, opt_fixed, opt_ignore_case, opt_list;
static int opt_number, opt_quiet, opt_silent, opt_invert, opt_line;
static int opt_with_name = -1;	/* -1: decided by the number of files */

static const char *patterns[MAX_PATTERNS];
static regex_t regexes[MAX_PATTERNS];
static int npatterns;

static void
usage(void)
{
	fprintf(stderr, "usage: grep [-cEFHhilnqsvx] [-e pattern] ... [pattern] [file ...]\n");
	exit(2);
}

static void
add_pattern(const char *p)
{
	if (npatterns == MAX_PATTERNS) {
		fprintf(stderr, "grep: too many patterns\n");
		exit(2);
	}
	patterns[npatterns++] = p;
}

static void
compile_patterns(void)
{
	/* -x needs the match offsets, which REG_NOSUB would withhold. */
	int flags = (opt_line ? 0 : REG_NOSUB) | (opt_extended ? REG_EXTENDED : 0) |
	    (opt_ignore_case ? REG_ICASE : 0);
	char msg[256];

	if (opt_fixed)
		return;
	for (int i = 0; i < npatterns; i++) {
		int err = regcomp(&regexes[i], patterns[i], flags);
		if (err != 0) {
			regerror(err, &regexes[i], msg, sizeof(msg));
			fprintf(stderr, "grep: %s: %s\n", patterns[i], msg);
			exit(2);
		}
	}
}

/* Fixed-string search, honouring -i and -x. */
static int
fixed_match(const char *line, const char *pattern)
{
	size_t plen = strlen(pattern), llen = strlen(line);

	if (opt_line)
		return opt_ignore_case ? strcasecmp(line, pattern) == 0 :
		    strcmp(line, pattern) == 0;
	for (size_t i = 0; i + plen <= llen; i++) {
		if ((opt_ignore_case ? strncasecmp(line + i, pattern, plen) :
		    strncmp(line + i, pattern, plen)) == 0)
			return 1;
	}
	return 0;
}

/* Whole-line match for -x: the regex must span the entire line. */
static int
regex_match(regex_t *re, const char *line)
{
	regmatch_t m;

	if (!opt_line)
		return regexec(re, line, 0, NULL, 0) == 0;
	if (regexec(re, line, 1, &m, 0) != 0)
		return 0;
	return m.rm_so == 0 && (size_t)m.rm_eo == strlen(line);
}

static int
line_selected(const char *line)
{
	int matched = 0;

	for (int i = 0; i < npatterns && !matched; i++)
		matched = opt_fixed ? fixed_match(line, patterns[i]) :
		    regex_match(&regexes[i], line);
	return matched != opt_invert;
}

/* Returns the number of selected lines, or -1 on a read error. */
static long
grep_stream(FILE *in, const char *name)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	long lineno = 0, selected = 0;

	while ((len = getline(&line, &cap, in)) >= 0) {
		lineno++;
		if (len > 0 && line[len - 1] == '\n')
			line[len - 1] = '\0';
		if (!line_selected(line))
			continue;
		selected++;
		if (opt_quiet) {
			free(line);
			exit(0);
		}
		if (opt_list)
			break;
		if (opt_count)
			continue;
		if (opt_with_name)
			printf("%s:", name);
		if (opt_number)
			printf("%ld:", lineno);
		puts(line);
	}
	free(line);
	if (ferror(in)) {
		if (!opt_silent)
			fprintf(stderr, "grep: %s: %s\n", name, strerror(errno));
		return -1;
	}
	if (opt_count) {
		if (opt_with_name)
			printf("%s:", name);
		printf("%ld\n", selected);
	}
	if (opt_list && selected)
		puts(name);
	return selected;
}

int
main(int argc, char *argv[])
{
	int status = 1, error = 0, c;

	while ((c = getopt(argc, argv, "cEe:FHhilnqsvx")) != -1) {
		switch (c) {
		case 'c': opt_count = 1; break;
		case 'E': opt_extended = 1; opt_fixed = 0; break;
		case 'e': add_pattern(optarg); break;
		case 'F': opt_fixed = 1; opt_extended = 0; break;
		case 'H': opt_with_name = 1; break;
		case 'h': opt_with_name = 0; break;
		case 'i': opt_ignore_case = 1; break;
		case 'l': opt_list = 1; break;
		case 'n': opt_number = 1; break;
		case 'q': opt_quiet = 1; break;
		case 's': opt_silent = 1; break;
		case 'v': opt_invert = 1; break;
		case 'x': opt_line = 1; break;
		default: usage();
		}
	}
	if (npatterns == 0) {
		if (optind >= argc)
			usage();
		add_pattern(argv[optind++]);
	}
	compile_patterns();
	if (opt_with_name < 0)
		opt_with_name = argc - optind > 1;
	if (optind == argc) {
		long n = grep_stream(stdin, "(standard input)");
		return n < 0 ? 2 : n > 0 ? 0 : 1;
	}
	for (int i = optind; i < argc; i++) {
		int is_stdin = strcmp(argv[i], "-") == 0;
		FILE *in = is_stdin ? stdin : fopen(argv[i], "r");
		long n;

		if (in == NULL) {
			if (!opt_silent)
				fprintf(stderr, "grep: %s: %s\n", argv[i], strerror(errno));
			error = 1;
			continue;
		}
		n = grep_stream(in, is_stdin ? "(standard input)" : argv[i]);
		if (n < 0)
			error = 1;
		else if (n > 0)
			status = 0;
		if (!is_stdin)
			fclose(in);
	}
	if (fflush(stdout) != 0)
		return 2;
	return error ? 2 : status;
}
