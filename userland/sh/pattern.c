/*
 * pattern.c - shell pattern matching (XCU 2.13) and pathname expansion.
 *
 * Patterns arrive with quoted characters escaped by a backslash (expand.c
 * builds them that way), so "a\*" matches only the two characters a*.
 */
#include <ctype.h>
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "sh.h"

struct char_class {
	const char *name;
	int (*fn)(int);
};

static const struct char_class classes[] = {
	{"alnum", isalnum}, {"alpha", isalpha}, {"blank", isblank},
	{"cntrl", iscntrl}, {"digit", isdigit}, {"graph", isgraph},
	{"lower", islower}, {"print", isprint}, {"punct", ispunct},
	{"space", isspace}, {"upper", isupper}, {"xdigit", isxdigit},
};

/* Matches c against the bracket expression at pat ('[' already skipped).
 * Returns the position after ']' and sets *ok, or NULL if the bracket is
 * not closed (then '[' is an ordinary character). */
static const char *match_bracket(const char *pat, unsigned char c, int *ok)
{
	int negate = 0, found = 0;
	const char *p = pat;
	if (*p == '!' || *p == '^') {
		negate = 1;
		p++;
	}
	int first = 1;
	while (*p && (*p != ']' || first)) {
		first = 0;
		if (p[0] == '[' && p[1] == ':') {
			const char *end = strstr(p + 2, ":]");
			if (end) {
				for (size_t i = 0; i < sizeof classes / sizeof classes[0]; i++)
					if (strlen(classes[i].name) == (size_t)(end - p - 2) &&
					    strncmp(classes[i].name, p + 2, end - p - 2) == 0 &&
					    classes[i].fn(c))
						found = 1;
				p = end + 2;
				continue;
			}
		}
		unsigned char lo = *p++;
		if (lo == '\\' && *p)
			lo = *p++;
		unsigned char hi = lo;
		if (p[0] == '-' && p[1] && p[1] != ']') {
			p++;
			hi = *p++;
			if (hi == '\\' && *p)
				hi = *p++;
		}
		if (lo <= c && c <= hi)
			found = 1;
	}
	if (*p != ']')
		return NULL;
	*ok = found != negate;
	return p + 1;
}

int pattern_match(const char *pat, const char *s)
{
	const char *star_p = NULL, *star_s = NULL;
	for (;;) {
		int ok;
		const char *after;
		switch (*pat) {
		case '\0':
			if (*s == '\0')
				return 1;
			goto backtrack;
		case '*':
			while (*pat == '*')
				pat++;
			if (*pat == '\0')
				return 1;
			star_p = pat;
			star_s = s;
			continue;
		case '?':
			if (*s == '\0')
				goto backtrack;
			pat++;
			s++;
			continue;
		case '[':
			if (*s == '\0')
				goto backtrack;
			after = match_bracket(pat + 1, *s, &ok);
			if (after) {
				if (!ok)
					goto backtrack;
				pat = after;
				s++;
				continue;
			}
			break;
		case '\\':
			if (pat[1])
				pat++;
			break;
		}
		if (*s != *pat)
			goto backtrack;
		pat++;
		s++;
		continue;
backtrack:
		if (!star_p || *star_s == '\0')
			return 0;
		pat = star_p;
		s = ++star_s;
	}
}

int pattern_has_magic(const char *pat)
{
	for (; *pat; pat++) {
		if (*pat == '\\' && pat[1])
			pat++;
		else if (*pat == '*' || *pat == '?')
			return 1;
		else if (*pat == '[') {
			/* Only a bracket expression that is closed is special. */
			int ok;
			if (match_bracket(pat + 1, 'a', &ok))
				return 1;
		}
	}
	return 0;
}

void pattern_unescape(char *s)
{
	char *d = s;
	for (; *s; s++) {
		if (*s == '\\' && s[1])
			s++;
		*d++ = *s;
	}
	*d = '\0';
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Expands the components of pat after prefix (which ends in '/' or is ""). */
static void glob_dir(struct str *prefix, const char *pat, struct arglist *out)
{
	while (*pat == '/') {
		str_putc(prefix, '/');
		pat++;
	}
	if (*pat == '\0') {
		arglist_add(out, xstrdup(prefix->s));
		return;
	}
	const char *slash = strchr(pat, '/');
	size_t clen = slash ? (size_t)(slash - pat) : strlen(pat);
	char *comp = xstrndup(pat, clen);
	size_t keep = prefix->len;
	if (!pattern_has_magic(comp)) {
		pattern_unescape(comp);
		str_puts(prefix, comp);
		struct stat st;
		if (lstat(prefix->s, &st) == 0 || (slash && stat(prefix->s, &st) == 0))
			glob_dir(prefix, pat + clen, out);
		goto done;
	}
	DIR *d = opendir(prefix->len ? prefix->s : ".");
	if (!d)
		goto done;
	struct dirent *de;
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.' && comp[0] != '.')
			continue;
		if (!pattern_match(comp, de->d_name))
			continue;
		str_puts(prefix, de->d_name);
		if (slash) {
			struct stat st;
			if (stat(prefix->s, &st) == 0 && S_ISDIR(st.st_mode))
				glob_dir(prefix, slash, out);
		} else {
			arglist_add(out, xstrdup(prefix->s));
		}
		prefix->len = keep;
		prefix->s[keep] = '\0';
	}
	closedir(d);
done:
	prefix->len = keep;
	if (prefix->s)
		prefix->s[keep] = '\0';
	free(comp);
}

void glob_expand(const char *pat, struct arglist *out)
{
	struct str prefix = {0};
	str_puts(&prefix, "");
	int first = out->n;
	glob_dir(&prefix, pat, out);
	free(prefix.s);
	qsort(out->v + first, out->n - first, sizeof *out->v, cmp_str);
}
