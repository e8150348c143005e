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

int bi_printf(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: printf format [arg...]\n");
		return 2;
	}
	const char *fmt = argv[1];
	int ai = 2, err = 0, stop = 0;
	struct str out = {0};
	do {
		int used = ai;
		for (const char *f = fmt; *f && !stop; ) {
			if (*f == '\\') {
				f++;
				put_escape(&out, &f, 0);
				continue;
			}
			if (*f != '%') {
				str_putc(&out, *f++);
				continue;
			}
			if (f[1] == '%') {
				str_putc(&out, '%');
				f += 2;
				continue;
			}
			char spec[64];
			size_t n = 0;
			spec[n++] = *f++;
			while (*f && strchr("-+ #0", *f) && n < 40)
				spec[n++] = *f++;
			for (int part = 0; part < 2; part++) {
				if (*f == '*') {
					f++;
					long w = ai < argc ? num_arg(argv[ai++], &err) : 0;
					n += snprintf(spec + n, sizeof spec - n - 4, "%ld", w);
				} else {
					while (*f >= '0' && *f <= '9' && n < 50)
						spec[n++] = *f++;
				}
				if (part == 0 && *f == '.')
					spec[n++] = *f++;
				else
					break;
			}
			char conv = *f ? *f++ : 's';
			const char *arg = ai < argc ? argv[ai++] : NULL;
			char buf[512];
			char *dyn = NULL;
			switch (conv) {
			case 'd': case 'i': case 'o': case 'u': case 'x': case 'X': case 'c': {
				if (conv == 'c') {
					spec[n++] = 'c';
					spec[n] = '\0';
					snprintf(buf, sizeof buf, spec, arg ? arg[0] : 0);
					str_putn(&out, buf, arg && arg[0] ? strlen(buf) : strlen(buf));
					if (arg && !arg[0])
						str_putc(&out, '\0');
					if (arg && !arg[0])
						out.len--;
					break;
				}
				spec[n++] = 'l';
				spec[n++] = conv == 'i' ? 'd' : conv;
				spec[n] = '\0';
				long v = arg ? num_arg(arg, &err) : 0;
				snprintf(buf, sizeof buf, spec, v);
				str_puts(&out, buf);
				break;
			}
			case 's': case 'b': {
				const char *s = arg ? arg : "";
				if (conv == 'b') {
					struct str e = {0};
					str_puts(&e, "");
					for (const char *p = s; *p; ) {
						if (*p == '\\') {
							p++;
							if (put_escape(&e, &p, 1)) {
								stop = 1;
								break;
							}
						} else {
							str_putc(&e, *p++);
						}
					}
					dyn = str_take(&e);
					s = dyn;
				}
				spec[n++] = 's';
				spec[n] = '\0';
				int len = snprintf(NULL, 0, spec, s);
				char *o = xmalloc(len + 1);
				snprintf(o, len + 1, spec, s);
				str_putn(&out, o, len);
				free(o);
				free(dyn);
				break;
			}
			default:
				sh_warn("printf: %%%c: invalid directive", conv);
				free(out.s);
				return 1;
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
