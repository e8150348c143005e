/*
 * ip neigh: the neighbour (ARP) table, from an RTM_GETNEIGH dump.
 */
#include <linux/neighbour.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ip.h"

static void
print_neigh_state(unsigned int state)
{
	static const struct {
		unsigned int bit;
		const char *name;
	} names[] = {
		{ NUD_INCOMPLETE, "INCOMPLETE" }, { NUD_REACHABLE, "REACHABLE" },
		{ NUD_STALE, "STALE" }, { NUD_DELAY, "DELAY" }, { NUD_PROBE, "PROBE" },
		{ NUD_FAILED, "FAILED" }, { NUD_NOARP, "NOARP" }, { NUD_PERMANENT, "PERMANENT" },
	};

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (state & names[i].bit)
			printf("%s ", names[i].name);
}

static void
print_neigh(struct nlmsghdr *n, int filter_index)
{
	struct ndmsg *nd = NLMSG_DATA(n);
	struct rtattr *tb[NDA_MAX + 1];
	char buf[ADDR_TEXT_LEN];

	NL_PARSE(tb, NDA_MAX, n, nd);
	if (n->nlmsg_type == RTM_DELNEIGH)
		printf("Deleted ");
	if (tb[NDA_DST])
		printf("%s ", addr_text(nd->ndm_family, RTA_DATA(tb[NDA_DST]),
		    RTA_PAYLOAD(tb[NDA_DST]), buf, sizeof(buf)));
	if (!filter_index && nd->ndm_ifindex)
		printf("dev %s ", ll_index_to_name(nd->ndm_ifindex));
	if (tb[NDA_LLADDR])
		printf("lladdr %s ", lladdr_text(RTA_DATA(tb[NDA_LLADDR]),
		    RTA_PAYLOAD(tb[NDA_LLADDR]), buf, sizeof(buf)));
	if (nd->ndm_flags & NTF_ROUTER)
		printf("router ");
	if (nd->ndm_flags & NTF_PROXY)
		printf("proxy ");
	if (nd->ndm_flags & NTF_EXT_LEARNED)
		printf("extern_learn ");
	if (nd->ndm_flags & NTF_OFFLOADED)
		printf("offload ");
	if (opts.stats && tb[NDA_PROBES])
		printf("probes %u ", rta_u32(tb[NDA_PROBES]));
	print_neigh_state(nd->ndm_state);
	printf("\n");
}

/* ip neigh [show] [dev NAME] */
static int
neigh_show(int argc, char **argv)
{
	struct nl_list neighs;
	int index = 0;

	for (; argc > 0; argc--, argv++) {
		if (strcmp(argv[0], "dev") == 0) {
			if (argc < 2)
				missing_arg(argv[0]);
			argc--, argv++;
			index = ll_need(argv[0]);
		} else {
			garbage(argv[0]);
		}
	}
	if (nl_dump(RTM_GETNEIGH, opts.family == AF_PACKET ? AF_UNSPEC : opts.family, &neighs) < 0)
		return EXIT_KERNEL;
	for (size_t i = 0; i < neighs.nr; i++) {
		struct ndmsg *nd = NLMSG_DATA(neighs.msg[i]);

		if (neighs.msg[i]->nlmsg_type != RTM_NEWNEIGH)
			continue;
		if (index && nd->ndm_ifindex != index)
			continue;
		if (opts.family != AF_UNSPEC && opts.family != AF_PACKET &&
		    nd->ndm_family != opts.family)
			continue;
		/* As iproute2: entries that need no resolution (NOARP, such as
		 * multicast groups) and those in no state are left out. */
		if (!(nd->ndm_state & ~NUD_NOARP) && !(nd->ndm_flags & (NTF_PROXY | NTF_EXT_LEARNED)))
			continue;
		print_neigh(neighs.msg[i], index);
	}
	nl_list_free(&neighs);
	return 0;
}

_Noreturn static void
neigh_usage(void)
{
	fprintf(stderr, "Usage: ip neigh [ show ] [ dev DEV ]\n");
	exit(EXIT_USAGE);
}

int
do_neigh(int argc, char **argv)
{
	if (argc < 1)
		return neigh_show(0, NULL);
	if (matches(argv[0], "show") || matches(argv[0], "list") || matches(argv[0], "lst"))
		return neigh_show(argc - 1, argv + 1);
	if (matches(argv[0], "help"))
		neigh_usage();
	unknown_command(argv[0], "neigh");
}
