/*
 * suargs.c - su's options (see suargs.h).  getopt stops at the first
 * operand ('+'), so that the shell's arguments are left alone; a lone "-"
 * is an operand to getopt, taken here as --login before going on.
 */
#include <getopt.h>
#include <stddef.h>
#include <string.h>

#include "suargs.h"

static const struct option su_options[] = {
	{ "login", no_argument, NULL, 'l' },
	{ "command", required_argument, NULL, 'c' },
	{ "shell", required_argument, NULL, 's' },
	{ NULL, 0, NULL, 0 },
};

int su_parse_args(int argc, char **argv, struct su_args *args)
{
	int c;

	memset(args, 0, sizeof(*args));
	optind = 0;
	for (;;) {
		c = getopt_long(argc, argv, "+lc:s:", su_options, NULL);
		if (c == -1 && optind < argc && strcmp(argv[optind], "-") == 0) {
			args->login = 1;
			optind++;
			continue;
		}
		if (c == -1)
			break;
		switch (c) {
		case 'l':
			args->login = 1;
			break;
		case 'c':
			args->command = optarg;
			break;
		case 's':
			args->shell = optarg;
			break;
		default:
			return -1;
		}
	}
	args->user = SU_DEFAULT_USER;
	if (optind < argc)
		args->user = argv[optind++];
	args->shell_args = argv + optind;
	return 0;
}
