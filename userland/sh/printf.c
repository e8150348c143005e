/*
 * printf.c - the printf builtin (XCU printf): the format is reused until
 * the arguments run out; %b expands backslash escapes in its argument.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sh.h"

/* Appends the escape at *s (after the backslash); returns 1 for \c. */
static int put_escape(struct str *out, const char **s, int in_b)
{
	const char *p = *s;
	char c = *p++;
	int v = 0, k;
	switch (c) {
	case 'a': str_putc(out, '\a'); break;
	case 'b': str_putc(out, '\b'); break;
	case 'c': if (in_b) { *s = p; return 1; } str_puts(out, "\\c"); break;
	case 'e': str_putc(out, 033); break;
	case 'f': str_putc(out, '\f'); break;
	case 'n': str_putc(out, '\n'); break;
	case 'r': str_putc(out, '\r'); break;
	case 't': str_putc(out, '\t'); break;
	case 'v': str_putc(out, '\v'); break;
	case '\\': str_putc(out, '\\'); break;
	case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7':
		p--;
		if (in_b && *p == '0')
			p++;
		for (k = 0; k < 3 && *p >= '0' && *p <= '7'; k++)
			v = v * 8 + (*p++ - '0');
		str_putc(out, (char)v);
		break;
	case '\0':
		str_putc(out, '\\');
		p--;
		break;
	default:
		str_putc(out, '\\');
		str_putc(out, c);
	}
	*s = p;
	return 0;
}

static long num_arg(const char *s, int *err)
{
	if (s[0] == '\'' || s[0] == '"')
		return (unsigned char)s[1];
	char *end;
	errno = 0;
	long v = strtol(s, &end, 0);
	if (*end || errno || !*s) {
		if (*s)
			sh_warn("printf: %s: invalid number", s);
		if (*s)
			*err = 1;
	}
	return v;
}

/* %b: the argument with its backslash escapes expanded; *stop at \c. */
static char *expand_b(const char *s, int *stop)
{
	struct str e = {0};
	str_puts(&e, "");
	while (*s) {
		if (*s != '\\') {
			str_putc(&e, *s++);
			continue;
		}
		s++;
		if (put_escape(&e, &s, 1)) {
			*stop = 1;
			break;
		}
	}
	return str_take(&e);
}

/* One conversion.  spec holds "%", flags, width and precision; conv is
 * the conversion letter.  Returns -1 for an unknown conversion. */
static int convert(struct str *out, char *spec, size_t n, char conv,
		   const char *arg, int *err, int *stop)
{
	char *dyn = NULL;
	int len;
	switch (conv) {
	case 'd': case 'i': case 'o': case 'u': case 'x': case 'X': {
		long v = arg ? num_arg(arg, err) : 0;
		spec[n++] = 'l';
		spec[n++] = conv == 'i' ? 'd' : conv;
		spec[n] = '\0';
		len = snprintf(NULL, 0, spec, v);
		dyn = xmalloc(len + 1);
		snprintf(dyn, len + 1, spec, v);
		break;
	}
	case 'c':
		spec[n++] = 'c';
		spec[n] = '\0';
		if (!arg || !*arg)
			return 0;
		len = snprintf(NULL, 0, spec, arg[0]);
		dyn = xmalloc(len + 1);
		snprintf(dyn, len + 1, spec, arg[0]);
		break;
	case 's': case 'b': {
		char *b = conv == 'b' ? expand_b(arg ? arg : "", stop) : NULL;
		const char *s = b ? b : arg ? arg : "";
		spec[n++] = 's';
		spec[n] = '\0';
		len = snprintf(NULL, 0, spec, s);
		dyn = xmalloc(len + 1);
		snprintf(dyn, len + 1, spec, s);
		free(b);
		break;
	}
	default:
		return -1;
	}
	str_putn(out, dyn, len);
	free(dyn);
	return 0;
}

/* Reads "%[flags][width][.precision]" at *f into spec, taking * widths
 * from the arguments. */
static size_t read_spec(const char **f, char *spec, size_t cap, char **argv,
			int argc, int *ai, int *err)
{
	const char *p = *f;
	size_t n = 0;
	spec[n++] = *p++;
	while (*p && strchr("-+ #0", *p) && n < cap / 2)
		spec[n++] = *p++;
	for (int part = 0; part < 2; part++) {
		if (*p == '*') {
			p++;
			long w = *ai < argc ? num_arg(argv[(*ai)++], err) : 0;
			n += snprintf(spec + n, cap - n - 4, "%ld", w);
		} else {
			while (*p >= '0' && *p <= '9' && n < cap - 8)
				spec[n++] = *p++;
		}
		if (part == 1 || *p != '.')
			break;
		spec[n++] = *p++;
	}
	*f = p;
	return n;
}

int bi_printf(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: printf format [arg...]\n");
		return 2;
	}
	const char *fmt = argv[1];
	int ai = 2, err = 0, stop = 0;
	struct str out = {0};
	/* The format is reused while arguments remain. */
	do {
		int used = ai;
		for (const char *f = fmt; *f && !stop; ) {
			if (*f == '\\') {
				f++;
				put_escape(&out, &f, 0);
			} else if (*f != '%') {
				str_putc(&out, *f++);
			} else if (f[1] == '%') {
				str_putc(&out, '%');
				f += 2;
			} else {
				char spec[64];
				size_t n = read_spec(&f, spec, sizeof spec, argv, argc, &ai, &err);
				char conv = *f ? *f++ : 's';
				const char *arg = ai < argc ? argv[ai++] : NULL;
				if (convert(&out, spec, n, conv, arg, &err, &stop) < 0) {
					sh_warn("printf: %%%c: invalid directive", conv);
					free(out.s);
					return 1;
				}
			}
		}
		if (ai == used)
			break;
	} while (ai < argc && !stop);
	if (out.len)
		fwrite(out.s, 1, out.len, stdout);
	free(out.s);
	return err;
}
