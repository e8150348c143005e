/*
 * echo: write the arguments separated by spaces, then a newline.
 * -n drops the newline; -e interprets backslash escapes (\n \t \\ \c ...).
 * Like GNU echo, options are only recognised before the first operand and
 * an unknown option is printed as text.
 */
#include <stdio.h>
#include <string.h>

/* Print s interpreting escapes; returns 1 when \c asked to stop output. */
static int
print_escaped(const char *s)
{
	for (; *s; s++) {
		if (*s != '\\' || s[1] == '\0') {
			putchar(*s);
			continue;
		}
		s++;
		switch (*s) {
		case 'a': putchar('\a'); break;
		case 'b': putchar('\b'); break;
		case 'c': return 1;
		case 'e': putchar(033); break;
		case 'f': putchar('\f'); break;
		case 'n': putchar('\n'); break;
		case 'r': putchar('\r'); break;
		case 't': putchar('\t'); break;
		case 'v': putchar('\v'); break;
		case '\\': putchar('\\'); break;
		case '0': {
			int value = 0, digits = 0;
			while (digits < 3 && s[1] >= '0' && s[1] <= '7') {
				value = value * 8 + (*++s - '0');
				digits++;
			}
			putchar(value);
			break;
		}
		default:
			putchar('\\');
			putchar(*s);
		}
	}
	return 0;
}

/* An argument is an option word only if every letter is one we know. */
static int
is_option(const char *arg)
{
	if (arg[0] != '-' || arg[1] == '\0')
		return 0;
	return strspn(arg + 1, "neE") == strlen(arg + 1);
}

int
main(int argc, char *argv[])
{
	int newline = 1, escapes = 0, i;

	for (i = 1; i < argc && is_option(argv[i]); i++) {
		for (const char *p = argv[i] + 1; *p; p++) {
			if (*p == 'n')
				newline = 0;
			else if (*p == 'e')
				escapes = 1;
			else
				escapes = 0;
		}
	}
	for (; i < argc; i++) {
		if (escapes) {
			if (print_escaped(argv[i]))
				return fflush(stdout) != 0;
		} else
			fputs(argv[i], stdout);
		if (i + 1 < argc)
			putchar(' ');
	}
	if (newline)
		putchar('\n');
	return fflush(stdout) != 0;
}
