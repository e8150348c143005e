/*
 * getopts.c - the getopts builtin (XCU getopts).  OPTIND names the next
 * argument; the position inside a group like -abc is kept here and reset
 * whenever OPTIND is assigned.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sh.h"

static int char_pos = 1;	/* within the current argument */

void getopts_reset(void)
{
	char_pos = 1;
}

int bi_getopts(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: getopts optstring name [arg...]\n");
		return 2;
	}
	const char *optstring = argv[1], *name = argv[2];
	char **args = argc > 3 ? argv + 3 : params.v;
	int nargs = argc > 3 ? argc - 3 : params.n;
	const char *oi = var_get("OPTIND");
	int optind = oi ? atoi(oi) : 1;
	int silent = optstring[0] == ':';
	if (optind < 1)
		optind = 1;
	char buf[32];
	int saved_pos = char_pos;
	if (optind > nargs || args[optind - 1][0] != '-' || !args[optind - 1][1] ||
	    strcmp(args[optind - 1], "--") == 0) {
		if (optind <= nargs && strcmp(args[optind - 1], "--") == 0)
			optind++;
		var_set(name, "?", 0);
		snprintf(buf, sizeof buf, "%d", optind);
		var_set("OPTIND", buf, 0);
		var_unset("OPTARG");
		return 1;
	}
	const char *arg = args[optind - 1];
	char c = arg[saved_pos];
	const char *spec = c != ':' ? strchr(optstring, c) : NULL;
	int next_pos = saved_pos + 1;
	int next_ind = optind;
	if (!arg[next_pos]) {
		next_ind++;
		next_pos = 1;
	}
	char opt_s[2] = { c, 0 };
	if (!spec) {
		if (silent) {
			var_set("OPTARG", opt_s, 0);
		} else {
			fprintf(stderr, "%s: illegal option -- %c\n", arg0, c);
			var_unset("OPTARG");
		}
		var_set(name, "?", 0);
	} else if (spec[1] == ':') {
		if (arg[saved_pos + 1]) {
			var_set("OPTARG", arg + saved_pos + 1, 0);
			next_ind = optind + 1;
			next_pos = 1;
		} else if (optind < nargs) {
			var_set("OPTARG", args[optind], 0);
			next_ind = optind + 2;
			next_pos = 1;
		} else {
			if (silent) {
				var_set("OPTARG", opt_s, 0);
				var_set(name, ":", 0);
			} else {
				fprintf(stderr, "%s: option requires an argument -- %c\n",
					arg0, c);
				var_unset("OPTARG");
				var_set(name, "?", 0);
			}
			next_ind = optind + 1;
			next_pos = 1;
			goto done;
		}
		var_set(name, opt_s, 0);
	} else {
		var_unset("OPTARG");
		var_set(name, opt_s, 0);
	}
done:
	snprintf(buf, sizeof buf, "%d", next_ind);
	var_set("OPTIND", buf, 0);
	char_pos = next_pos;
	return 0;
}
