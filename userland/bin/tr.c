/*
 * tr: translate, squeeze or delete bytes.
 *   tr [-c] set1 set2        translate set1 to set2
 *   tr [-c] -d set1          delete
 *   tr [-c] -s set1          squeeze runs of one byte to one
 *   tr [-c] -d -s set1 set2  delete set1, then squeeze set2
 *   tr [-c] -s set1 set2     translate, then squeeze set2
 * Sets hold bytes, escapes (\n \t \r \a \b \f \v \\ \NNN octal), ranges
 * (a-z), classes ([:alpha:] [:digit:] ...), [=c=], and in set2 [c*n] or
 * [c*] (repeat c n times, or as often as set1 needs).  A set2 shorter
 * than set1 is padded with its last byte, as GNU tr does.  -c takes the
 * bytes not in set1, in ascending order.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define NBYTES 256
#define SET_MAX 4096		/* expanded length of one set */
#define OCTAL_DIGITS 3

struct set {
	unsigned char bytes[SET_MAX];
	size_t len;
	long fill_at;		/* index of a [c*] to grow, or -1 */
};

struct char_class {
	const char *name;
	int (*test)(int);
};

static const struct char_class classes[] = {
	{ "alnum", isalnum }, { "alpha", isalpha }, { "blank", isblank },
	{ "cntrl", iscntrl }, { "digit", isdigit }, { "graph", isgraph },
	{ "lower", islower }, { "print", isprint }, { "punct", ispunct },
	{ "space", isspace }, { "upper", isupper }, { "xdigit", isxdigit },
};

static void
usage(void)
{
	fprintf(stderr, "usage: tr [-cs] set1 set2\n       tr [-c] -d [-s] set1 [set2]\n"
	    "       tr [-c] -s set1\n");
	exit(1);
}

static void
die(const char *what, const char *why)
{
	fprintf(stderr, "tr: %s: %s\n", what, why);
	exit(1);
}

static void
set_add(struct set *set, int byte, const char *spec)
{
	if (set->len == SET_MAX)
		die(spec, "set too long");
	set->bytes[set->len++] = (unsigned char)byte;
}

/* One byte of a set at *s, with escapes resolved. */
static int
next_byte(const char **s)
{
	const char *p = *s;
	int c = (unsigned char)*p++;

	if (c == '\\' && *p != '\0') {
		c = (unsigned char)*p++;
		switch (c) {
		case 'n': c = '\n'; break;
		case 't': c = '\t'; break;
		case 'r': c = '\r'; break;
		case 'a': c = '\a'; break;
		case 'b': c = '\b'; break;
		case 'f': c = '\f'; break;
		case 'v': c = '\v'; break;
		default:
			if (c >= '0' && c <= '7') {
				c -= '0';
				for (int i = 1; i < OCTAL_DIGITS && *p >= '0' && *p <= '7'; i++)
					c = c * 8 + (*p++ - '0');
				c &= NBYTES - 1;
			}
		}
	}
	*s = p;
	return c;
}

/* [:name:] at s; returns the length consumed or 0 if s is not a class. */
static size_t
add_class(struct set *set, const char *s, const char *spec)
{
	const char *end;

	if (strncmp(s, "[:", 2) != 0 || (end = strstr(s + 2, ":]")) == NULL)
		return 0;
	for (size_t i = 0; i < sizeof(classes) / sizeof(classes[0]); i++) {
		if (strlen(classes[i].name) != (size_t)(end - s - 2) ||
		    strncmp(classes[i].name, s + 2, end - s - 2) != 0)
			continue;
		for (int c = 0; c < NBYTES; c++)
			if (classes[i].test(c))
				set_add(set, c, spec);
		return end + 2 - s;
	}
	die(spec, "invalid character class");
	return 0;
}

/* [=c=] or [c*n] / [c*] at s; returns the length consumed or 0. */
static size_t
add_bracket(struct set *set, const char *s, const char *spec, int is_set2)
{
	const char *p = s + 1;
	int c;

	if (s[0] != '[' || s[1] == '\0')
		return 0;
	if (s[1] == '=' && s[2] != '\0' && s[3] == '=' && s[4] == ']') {
		set_add(set, (unsigned char)s[2], spec);
		return 5;
	}
	c = next_byte(&p);
	if (!is_set2 || *p != '*')
		return 0;
	p++;
	char *end;
	long count = strtol(p, &end, *p == '0' ? 8 : 10);
	if (*end != ']')
		return 0;
	if (end == p || count == 0) {
		set->fill_at = set->len;
		set_add(set, c, spec);
	}
	for (long i = 0; i < count; i++)
		set_add(set, c, spec);
	return end + 1 - s;
}

static void
parse_set(struct set *set, const char *spec, int is_set2)
{
	const char *s = spec;

	set->len = 0;
	set->fill_at = -1;
	while (*s != '\0') {
		size_t used = add_class(set, s, spec);
		int first, last;

		if (used == 0)
			used = add_bracket(set, s, spec, is_set2);
		if (used > 0) {
			s += used;
			continue;
		}
		first = next_byte(&s);
		if (*s == '-' && s[1] != '\0') {
			s++;
			last = next_byte(&s);
			if (last < first)
				die(spec, "range-endpoints are in reverse collating sequence order");
			for (int c = first; c <= last; c++)
				set_add(set, c, spec);
			continue;
		}
		set_add(set, first, spec);
	}
}

static void
complement(struct set *set)
{
	unsigned char member[NBYTES] = { 0 };

	for (size_t i = 0; i < set->len; i++)
		member[set->bytes[i]] = 1;
	set->len = 0;
	for (int c = 0; c < NBYTES; c++)
		if (!member[c])
			set->bytes[set->len++] = (unsigned char)c;
}

/* Grow a [c*] in set2, or pad with its last byte, to set1's length. */
static void
fit_set2(struct set *set2, size_t want)
{
	if (set2->len >= want)
		return;
	if (set2->fill_at >= 0) {
		size_t grow = want - set2->len;
		memmove(set2->bytes + set2->fill_at + grow, set2->bytes + set2->fill_at,
		    set2->len - set2->fill_at);
		memset(set2->bytes + set2->fill_at, set2->bytes[set2->fill_at + grow], grow);
		set2->len = want;
		return;
	}
	memset(set2->bytes + set2->len, set2->bytes[set2->len - 1], want - set2->len);
	set2->len = want;
}

static void
mark(unsigned char *member, const struct set *set)
{
	for (size_t i = 0; i < set->len; i++)
		member[set->bytes[i]] = 1;
}

int
main(int argc, char *argv[])
{
	static struct set set1, set2;
	unsigned char map[NBYTES], delete[NBYTES] = { 0 }, squeeze[NBYTES] = { 0 };
	int opt_complement = 0, opt_delete = 0, opt_squeeze = 0, nsets, c, last = EOF;

	while ((c = getopt(argc, argv, "cCds")) != -1) {
		switch (c) {
		case 'c': case 'C': opt_complement = 1; break;
		case 'd': opt_delete = 1; break;
		case 's': opt_squeeze = 1; break;
		default: usage();
		}
	}
	nsets = argc - optind;
	if (nsets < 1 || nsets > 2 || (nsets == 1 && !opt_delete && !opt_squeeze) ||
	    (nsets == 2 && opt_delete && !opt_squeeze))
		usage();
	parse_set(&set1, argv[optind], 0);
	if (opt_complement)
		complement(&set1);
	if (nsets == 2)
		parse_set(&set2, argv[optind + 1], 1);
	for (int i = 0; i < NBYTES; i++)
		map[i] = (unsigned char)i;
	if (opt_delete) {
		mark(delete, &set1);
		mark(squeeze, &set2);
	} else if (nsets == 2) {
		if (set2.len == 0)
			die(argv[optind + 1], "set2 must be non-empty");
		fit_set2(&set2, set1.len);
		for (size_t i = 0; i < set1.len; i++)
			map[set1.bytes[i]] = set2.bytes[i];
		mark(squeeze, &set2);
	} else {
		mark(squeeze, &set1);
	}
	while ((c = getchar()) != EOF) {
		if (delete[c])
			continue;
		c = map[c];
		if (opt_squeeze && squeeze[c] && c == last)
			continue;
		last = c;
		putchar(c);
	}
	if (ferror(stdin)) {
		fprintf(stderr, "tr: standard input: %s\n", strerror(errno));
		return 1;
	}
	return fflush(stdout) != 0;
}
