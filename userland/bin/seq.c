/*
 * seq: print a sequence of numbers.
 *   seq [-w] [-s sep] [first [incr]] last
 * As GNU seq prints them: the numbers carry as many decimals as the
 * most precise of FIRST and INCR ("seq 1 0.5 2" prints 1.0 1.5 2.0);
 * -w pads with leading zeros to the width of the widest of FIRST and LAST;
 * the separator (newline by default) goes between numbers and a newline
 * ends the output.  The i-th number is computed as FIRST + i * INCR, so
 * decimal increments do not accumulate rounding errors, and a number a
 * rounding error past LAST that prints as LAST is still printed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NUM_MAX 64		/* one formatted number */

struct operand {
	double value;
	int decimals;		/* digits after the point as written */
	int width;		/* characters as printed at the output precision */
};

static void
usage(void)
{
	fprintf(stderr, "usage: seq [-w] [-s separator] [first [increment]] last\n");
	exit(1);
}

static void
parse_operand(const char *s, struct operand *op)
{
	const char *point;
	char *end;

	op->value = strtod(s, &end);
	if (*s == '\0' || *end != '\0' || op->value != op->value) {
		fprintf(stderr, "seq: invalid floating point argument: '%s'\n", s);
		exit(1);
	}
	point = strchr(s, '.');
	op->decimals = point != NULL && strpbrk(s, "eE") == NULL ?
	    (int)strlen(point + 1) : 0;
}

static int
formatted_width(double value, int decimals)
{
	char buf[NUM_MAX];

	return snprintf(buf, sizeof(buf), "%.*f", decimals, value);
}

/* The number as printed; -0.0 (a rounding error around zero) is 0.0. */
static void
format_number(char *buf, size_t size, double value, int width, int decimals)
{
	snprintf(buf, size, "%0*.*f", width, decimals, value);
	if (value < 0 && strtod(buf, NULL) == 0)
		snprintf(buf, size, "%0*.*f", width, decimals, 0.0);
}

static int
prints_as(double value, double other, int decimals)
{
	char a[NUM_MAX], b[NUM_MAX];

	format_number(a, sizeof(a), value, 0, decimals);
	format_number(b, sizeof(b), other, 0, decimals);
	return strcmp(a, b) == 0;
}

static int
is_option(const char *arg)
{
	return arg[0] == '-' && arg[1] != '\0' && arg[1] != '.' &&
	    (arg[1] < '0' || arg[1] > '9');
}

int
main(int argc, char *argv[])
{
	struct operand first = { 1, 0, 0 }, incr = { 1, 0, 0 }, last;
	const char *sep = "\n";
	int equal_width = 0, decimals, width = 0, nargs, optind = 1;

	/* Options by hand: "-1" is a negative operand, not an option. */
	while (optind < argc && is_option(argv[optind])) {
		const char *opt = argv[optind++];

		if (strcmp(opt, "--") == 0)
			break;
		for (opt++; *opt != '\0'; opt++) {
			if (*opt == 'w') {
				equal_width = 1;
			} else if (*opt == 's') {
				if (opt[1] == '\0' && optind == argc)
					usage();
				sep = opt[1] != '\0' ? opt + 1 : argv[optind++];
				break;
			} else {
				usage();
			}
		}
	}
	nargs = argc - optind;
	if (nargs < 1 || nargs > 3)
		usage();
	parse_operand(argv[argc - 1], &last);
	if (nargs >= 2)
		parse_operand(argv[optind], &first);
	if (nargs == 3)
		parse_operand(argv[optind + 1], &incr);
	if (incr.value == 0) {
		fprintf(stderr, "seq: invalid Zero increment value: '%s'\n", argv[optind + 1]);
		return 1;
	}
	decimals = first.decimals > incr.decimals ? first.decimals : incr.decimals;
	if (equal_width) {
		first.width = formatted_width(first.value, decimals);
		last.width = formatted_width(last.value, decimals);
		width = first.width > last.width ? first.width : last.width;
	}
	for (long i = 0;; i++) {
		double value = first.value + i * incr.value;
		int at_end = 0;
		char buf[NUM_MAX];

		if (incr.value > 0 ? value > last.value : value < last.value) {
			/* 0.1 * 3 is a little over 0.3: what is printed decides. */
			if (!prints_as(value, last.value, decimals))
				break;
			value = last.value;
			at_end = 1;
		}
		format_number(buf, sizeof(buf), value, width, decimals);
		printf("%s%s", i > 0 ? sep : "", buf);
		if (at_end)
			break;
	}
	if (incr.value > 0 ? first.value <= last.value : first.value >= last.value)
		putchar('\n');
	return fflush(stdout) != 0;
}
