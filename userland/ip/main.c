/*
 * ip [ OPTIONS ] OBJECT { COMMAND | help }: the options, and the table
 * of objects.  As in iproute2, an option or an object may be shortened
 * to any prefix; the first entry of its table that the prefix matches
 * wins ("-b" is -batch, "-br" -brief; "a" is address, "n" neighbor).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ip.h"

struct ip_options opts;

const char *
nl_sep(void)
{
	return opts.oneline ? "\\" : "\n";
}

int
matches(const char *prefix, const char *word)
{
	size_t len = strlen(prefix);

	return len && len <= strlen(word) && strncmp(prefix, word, len) == 0;
}

_Noreturn static void
usage(void)
{
	fprintf(stderr,
	    "Usage: ip [ OPTIONS ] OBJECT { COMMAND | help }\n"
	    "       ip [ -force ] -batch filename\n"
	    "where  OBJECT := { address | addrlabel | amt | fou | help | ila | ioam | l2tp |\n"
	    "                   link | macsec | maddress | monitor | mptcp | mroute | mrule |\n"
	    "                   neighbor | neighbour | netconf | netns | nexthop | ntable |\n"
	    "                   ntbl | route | rule | sr | tap | tcpmetrics |\n"
	    "                   token | tunnel | tuntap | vrf | xfrm }\n"
	    "       OPTIONS := { -V[ersion] | -s[tatistics] | -d[etails] | -r[esolve] |\n"
	    "                    -h[uman-readable] | -iec | -j[son] | -p[retty] |\n"
	    "                    -f[amily] { inet | inet6 | mpls | bridge | link } |\n"
	    "                    -4 | -6 | -M | -B | -0 |\n"
	    "                    -l[oops] { maximum-addr-flush-attempts } | -br[ief] |\n"
	    "                    -o[neline] | -t[imestamp] | -ts[hort] | -b[atch] [filename] |\n"
	    "                    -rc[vbuf] [size] | -n[etns] name | -N[umeric] | -a[ll] |\n"
	    "                    -c[olor]}\n");
	exit(EXIT_USAGE);
}

_Noreturn void
invarg(const char *what, const char *arg)
{
	fprintf(stderr, "Error: argument \"%s\" is wrong: %s\n", arg, what);
	exit(EXIT_USAGE);
}

_Noreturn void
garbage(const char *arg)
{
	fprintf(stderr, "Error: either \"dev\" is duplicate, or \"%s\" is a garbage.\n", arg);
	exit(EXIT_USAGE);
}

_Noreturn void
unknown_command(const char *cmd, const char *object)
{
	fprintf(stderr, "Command \"%s\" is unknown, try \"ip %s help\".\n", cmd, object);
	exit(EXIT_USAGE);
}

_Noreturn void
missing_arg(const char *keyword)
{
	(void)keyword;
	fprintf(stderr, "Command line is not complete. Try option \"help\"\n");
	exit(EXIT_USAGE);
}

/* The objects, in iproute2's order (which decides what a prefix means);
 * those this ip does not have are listed so their prefixes still mean
 * them, and say so. */
static const struct object {
	const char *name;
	int (*run)(int argc, char **argv);
} objects[] = {
	{ "address", do_addr }, { "addrlabel", NULL }, { "maddress", NULL },
	{ "route", do_route }, { "rule", NULL }, { "neighbor", do_neigh },
	{ "neighbour", do_neigh }, { "ntable", NULL }, { "ntbl", NULL },
	{ "link", do_link }, { "l2tp", NULL }, { "fou", NULL }, { "ila", NULL },
	{ "macsec", NULL }, { "tunnel", NULL }, { "tunl", NULL }, { "tuntap", NULL },
	{ "tap", NULL }, { "token", NULL }, { "tcpmetrics", NULL },
	{ "tcp_metrics", NULL }, { "monitor", NULL }, { "xfrm", NULL },
	{ "mroute", NULL }, { "mrule", NULL }, { "netns", do_netns },
	{ "netconf", NULL }, { "vrf", NULL }, { "sr", NULL }, { "nexthop", NULL },
	{ "mptcp", NULL }, { "ioam", NULL }, { "help", NULL },
};

static int
run_object(int argc, char **argv)
{
	for (size_t i = 0; i < sizeof(objects) / sizeof(objects[0]); i++) {
		if (!matches(argv[0], objects[i].name))
			continue;
		if (strcmp(objects[i].name, "help") == 0)
			usage();
		if (!objects[i].run) {
			fprintf(stderr, "ip: object \"%s\" is not implemented here\n",
			    objects[i].name);
			return 1;
		}
		return objects[i].run(argc - 1, argv + 1);
	}
	fprintf(stderr, "Object \"%s\" is unknown, try \"ip help\".\n", argv[0]);
	return 1;
}

int
main(int argc, char **argv)
{
	opts.family = AF_UNSPEC;
	while (argc > 1) {
		const char *opt = argv[1];

		if (strcmp(opt, "--") == 0) {
			argc--;
			argv++;
			break;
		}
		if (opt[0] != '-')
			break;
		if (opt[1] == '-')
			opt++;
		if (strcmp(opt, "-4") == 0) {
			opts.family = AF_INET;
		} else if (strcmp(opt, "-6") == 0) {
			opts.family = AF_INET6;
		} else if (strcmp(opt, "-0") == 0) {
			opts.family = AF_PACKET;
		} else if (matches(opt, "-family")) {
			if (argc <= 2)
				usage();
			argc--;
			argv++;
			if (strcmp(argv[1], "inet") == 0)
				opts.family = AF_INET;
			else if (strcmp(argv[1], "inet6") == 0)
				opts.family = AF_INET6;
			else if (strcmp(argv[1], "link") == 0)
				opts.family = AF_PACKET;
			else
				invarg("invalid protocol family", argv[1]);
		} else if (matches(opt, "-stats") || matches(opt, "-statistics")) {
			opts.stats++;
		} else if (matches(opt, "-details")) {
			opts.details++;
		} else if (matches(opt, "-oneline")) {
			opts.oneline++;
		} else if (matches(opt, "-Version")) {
			printf("ip utility, iproute2-6.1.0 compatible (rtnetlink only)\n");
			return 0;
		} else if (matches(opt, "-help")) {
			usage();
		} else if (matches(opt, "-netns")) {
			if (argc <= 2)
				usage();
			argc--;
			argv++;
			if (netns_switch(argv[1]) < 0)
				exit(EXIT_USAGE);
		} else if (matches(opt, "-brief") && strlen(opt) > 2) {
			opts.brief++;
		} else {
			fprintf(stderr, "Option \"%s\" is unknown, try \"ip -help\".\n", opt);
			exit(EXIT_USAGE);
		}
		argc--;
		argv++;
	}
	if (argc <= 1)
		usage();
	return run_object(argc - 1, argv + 1);
}
