/*
 * getopt.c - command-line option parsing: getopt, getopt_long and
 * getopt_long_only, behaving like glibc's so that a program parses its
 * arguments the same way in its guest and host builds.
 *
 * picolibc's version starts with optind = 0 and breaks when a program
 * resets optind to 1, which POSIX allows; hence this one.
 *
 * As in glibc, non-option arguments are moved behind the options
 * ("permutation") unless the option string starts with '+' or
 * POSIXLY_CORRECT is set; a leading '-' returns each non-option as the
 * argument of option 1.  A ':' (after any '+'/'-') makes a missing
 * argument return ':' silently.  Setting optind to 0 restarts a scan.
 *
 * The permutation bookkeeping: argv[first_nonopt, last_nonopt) holds
 * non-options skipped so far; when options follow them, the two blocks
 * are swapped so the skipped arguments end up behind the options.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

char *optarg;
int optind = 1;
int opterr = 1;
int optopt = '?';
int optreset;

enum ordering { PERMUTE, REQUIRE_ORDER, RETURN_IN_ORDER };

static char *nextchar;		/* rest of a cluster of short options */
static int first_nonopt = 1, last_nonopt = 1;

static int is_option(const char *arg)
{
	return arg[0] == '-' && arg[1] != '\0';
}

static void reverse(char **argv, int from, int to)
{
	char *t;

	for (to--; from < to; from++, to--) {
		t = argv[from];
		argv[from] = argv[to];
		argv[to] = t;
	}
}

/* Moves the skipped non-options [first, last) behind the options [last, optind). */
static void exchange(char **argv)
{
	reverse(argv, first_nonopt, last_nonopt);
	reverse(argv, last_nonopt, optind);
	reverse(argv, first_nonopt, optind);
	first_nonopt += optind - last_nonopt;
	last_nonopt = optind;
}

static void report(const char *argv0, const char *fmt, const char *what,
		   int c)
{
	if (!opterr)
		return;
	fprintf(stderr, "%s: ", argv0);
	if (what)
		fprintf(stderr, fmt, what);
	else
		fprintf(stderr, fmt, c);
	fputc('\n', stderr);
}

/*
 * Moves optind to the next option, permuting as needed.  Returns 0 when
 * argv[optind] is an option to parse, -1 at the end, 1 for an in-order
 * non-option (already stored in optarg).
 */
static int next_element(int argc, char **argv, enum ordering ordering)
{
	if (last_nonopt > optind)
		last_nonopt = optind;
	if (first_nonopt > optind)
		first_nonopt = optind;
	if (ordering == PERMUTE) {
		if (first_nonopt != last_nonopt && last_nonopt != optind)
			exchange(argv);
		else if (last_nonopt != optind)
			first_nonopt = optind;
		while (optind < argc && !is_option(argv[optind]))
			optind++;
		last_nonopt = optind;
	}
	if (optind != argc && strcmp(argv[optind], "--") == 0) {
		optind++;
		if (first_nonopt != last_nonopt && last_nonopt != optind)
			exchange(argv);
		else if (first_nonopt == last_nonopt)
			first_nonopt = optind;
		last_nonopt = argc;
		optind = argc;
	}
	if (optind == argc) {
		if (first_nonopt != last_nonopt)
			optind = first_nonopt;
		return -1;
	}
	if (!is_option(argv[optind])) {
		if (ordering == REQUIRE_ORDER)
			return -1;
		optarg = argv[optind++];
		return 1;
	}
	return 0;
}

/* Finds name (namelen bytes) among longopts: exact, else a unique prefix. */
static const struct option *find_long(const struct option *longopts,
				      const char *name, size_t namelen,
				      int *index, int *ambiguous)
{
	const struct option *o, *found = 0;
	int i;

	*ambiguous = 0;
	for (o = longopts, i = 0; o->name; o++, i++) {
		if (strncmp(o->name, name, namelen) != 0)
			continue;
		if (strlen(o->name) == namelen) {
			*index = i;
			*ambiguous = 0;
			return o;
		}
		if (!found) {
			found = o;
			*index = i;
		} else if (found->has_arg != o->has_arg ||
			   found->flag != o->flag || found->val != o->val) {
			*ambiguous = 1;
		}
	}
	return *ambiguous ? 0 : found;
}

/*
 * Parses the long option at argv[optind] (name after the dashes in
 * text).  Returns the option's result, or -2 when long_only should fall
 * back to short options.
 */
static int parse_long(int argc, char **argv, const char *text,
		      const struct option *longopts, int *longindex,
		      int long_only, int colon)
{
	const char *eq = strchr(text, '=');
	size_t namelen = eq ? (size_t)(eq - text) : strlen(text);
	const char *dashes = long_only && argv[optind][1] != '-' ? "-" : "--";
	const struct option *o;
	int index = 0, ambiguous;

	o = find_long(longopts, text, namelen, &index, &ambiguous);
	if (!o) {
		if (long_only && argv[optind][1] != '-' && !ambiguous)
			return -2;
		report(argv[0], ambiguous ? "option '%s' is ambiguous" :
		       "unrecognized option '%s'", argv[optind], 0);
		optind++;
		optopt = 0;
		return '?';
	}
	optind++;
	optarg = 0;
	if (eq) {
		if (o->has_arg == no_argument) {
			if (opterr)
				fprintf(stderr, "%s: option '%s%s' doesn't allow "
					"an argument\n", argv[0], dashes,
					o->name);
			optopt = o->flag ? 0 : o->val;
			return '?';
		}
		optarg = (char *)eq + 1;
	} else if (o->has_arg == required_argument) {
		if (optind >= argc) {
			if (opterr && !colon)
				fprintf(stderr, "%s: option '%s%s' requires an "
					"argument\n", argv[0], dashes, o->name);
			optopt = o->flag ? 0 : o->val;
			return colon ? ':' : '?';
		}
		optarg = argv[optind++];
	}
	if (longindex)
		*longindex = index;
	if (o->flag) {
		*o->flag = o->val;
		return 0;
	}
	return o->val;
}

static int parse_short(int argc, char **argv, const char *optstring,
		       int colon)
{
	char c = *nextchar++;
	const char *spec = c == ':' ? 0 : strchr(optstring, c);

	if (!spec) {
		if (!colon)
			report(argv[0], "invalid option -- '%c'", 0, c);
		optopt = c;
		if (!*nextchar)
			optind++;
		return '?';
	}
	if (spec[1] != ':') {
		if (!*nextchar)
			optind++;
		return c;
	}
	if (*nextchar) {
		optarg = nextchar;
		optind++;
	} else if (spec[2] == ':') {
		optarg = 0;
		optind++;
	} else if (++optind >= argc) {
		nextchar = 0;
		optopt = c;
		if (!colon)
			report(argv[0], "option requires an argument -- '%c'",
			       0, c);
		return colon ? ':' : '?';
	} else {
		optarg = argv[optind++];
	}
	nextchar = 0;
	return c;
}

static int getopt_internal(int argc, char *const argv_const[],
			   const char *optstring,
			   const struct option *longopts, int *longindex,
			   int long_only)
{
	char **argv = (char **)argv_const;
	enum ordering ordering = PERMUTE;
	const char *arg;
	int colon, r;

	if (optind == 0 || optreset) {
		optind = 1;
		optreset = 0;
		nextchar = 0;
		first_nonopt = last_nonopt = 1;
	}
	if (*optstring == '+' || *optstring == '-') {
		ordering = *optstring == '+' ? REQUIRE_ORDER : RETURN_IN_ORDER;
		optstring++;
	} else if (getenv("POSIXLY_CORRECT")) {
		ordering = REQUIRE_ORDER;
	}
	colon = *optstring == ':';
	optarg = 0;

	if (!nextchar || !*nextchar) {
		nextchar = 0;
		r = next_element(argc, argv, ordering);
		if (r != 0)
			return r;
		arg = argv[optind];
		if (longopts && arg[1] == '-')
			return parse_long(argc, argv, arg + 2, longopts,
					  longindex, long_only, colon);
		/* long_only: "-x" stays a short option when x is one */
		if (longopts && long_only &&
		    (arg[2] || !strchr(optstring, arg[1]))) {
			r = parse_long(argc, argv, arg + 1, longopts,
				       longindex, long_only, colon);
			if (r != -2)
				return r;
		}
		nextchar = argv[optind] + 1;
	}
	return parse_short(argc, argv, optstring, colon);
}

int getopt(int argc, char *const argv[], const char *optstring)
{
	return getopt_internal(argc, argv, optstring, 0, 0, 0);
}

int getopt_long(int argc, char *const argv[], const char *optstring,
		const struct option *longopts, int *longindex)
{
	return getopt_internal(argc, argv, optstring, longopts, longindex, 0);
}

int getopt_long_only(int argc, char *const argv[], const char *optstring,
		     const struct option *longopts, int *longindex)
{
	return getopt_internal(argc, argv, optstring, longopts, longindex, 1);
}
