/*
 * ip address: list the interfaces with their addresses (RTM_GETLINK and
 * RTM_GETADDR dumps, joined by index), add and delete one address
 * (RTM_NEWADDR, RTM_DELADDR), and flush those of an interface.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <linux/if.h>
#include <linux/if_addr.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ip.h"

/* An address lifetime that never ends (struct ifa_cacheinfo). */
#define INFINITY_LIFE_TIME	0xFFFFFFFFu

/* The address flags in iproute2's order; "dynamic" is the absence of
 * IFA_F_PERMANENT, and IPv6 calls IFA_F_SECONDARY "temporary". */
static const struct {
	unsigned int bit;
	const char *name;
} ifa_flags[] = {
	{ IFA_F_SECONDARY, "secondary" }, { IFA_F_NODAD, "nodad" },
	{ IFA_F_OPTIMISTIC, "optimistic" }, { IFA_F_DADFAILED, "dadfailed" },
	{ IFA_F_HOMEADDRESS, "home" }, { IFA_F_DEPRECATED, "deprecated" },
	{ IFA_F_TENTATIVE, "tentative" }, { IFA_F_PERMANENT, "dynamic" },
	{ IFA_F_MANAGETEMPADDR, "mngtmpaddr" }, { IFA_F_NOPREFIXROUTE, "noprefixroute" },
	{ IFA_F_MCAUTOJOIN, "autojoin" }, { IFA_F_STABLE_PRIVACY, "stable-privacy" },
};

static void
print_ifa_flags(int family, unsigned int flags)
{
	for (size_t i = 0; i < sizeof(ifa_flags) / sizeof(ifa_flags[0]); i++) {
		unsigned int bit = ifa_flags[i].bit;

		if (bit == IFA_F_PERMANENT) {
			if (!(flags & bit))
				printf("dynamic ");
		} else if (flags & bit) {
			printf("%s ", bit == IFA_F_SECONDARY && family == AF_INET6 ?
			    "temporary" : ifa_flags[i].name);
		}
		flags &= ~bit;
	}
	if (flags)
		printf("flags %02x ", flags);
}

static void
print_lifetime(uint32_t secs)
{
	if (secs == INFINITY_LIFE_TIME)
		printf("forever");
	else
		printf("%usec", secs);
}

void
print_addr(struct nlmsghdr *n)
{
	struct ifaddrmsg *ifa = NLMSG_DATA(n);
	struct rtattr *tb[IFA_MAX + 1];
	char buf[ADDR_TEXT_LEN], scope[16];
	unsigned int flags;
	size_t alen = ifa->ifa_family == AF_INET ? 4 : 16;

	NL_PARSE(tb, IFA_MAX, n, ifa);
	flags = tb[IFA_FLAGS] ? rta_u32(tb[IFA_FLAGS]) : ifa->ifa_flags;
	if (!tb[IFA_LOCAL])
		tb[IFA_LOCAL] = tb[IFA_ADDRESS];
	if (!tb[IFA_ADDRESS])
		tb[IFA_ADDRESS] = tb[IFA_LOCAL];
	if (n->nlmsg_type == RTM_DELADDR)
		printf("Deleted ");
	if (!opts.brief) {
		if (opts.oneline)
			printf("%u: %s", ifa->ifa_index, ll_index_to_name(ifa->ifa_index));
		if (ifa->ifa_family == AF_INET)
			printf("    inet ");
		else if (ifa->ifa_family == AF_INET6)
			printf("    inet6 ");
		else
			printf("    family %d ", ifa->ifa_family);
	}
	if (tb[IFA_LOCAL]) {
		struct rtattr *l = tb[IFA_LOCAL], *a = tb[IFA_ADDRESS];

		printf("%s", addr_text(ifa->ifa_family, RTA_DATA(l), RTA_PAYLOAD(l), buf, sizeof(buf)));
		if (RTA_PAYLOAD(a) >= alen && RTA_PAYLOAD(l) >= alen &&
		    memcmp(RTA_DATA(a), RTA_DATA(l), alen) != 0)
			printf(" peer %s", addr_text(ifa->ifa_family, RTA_DATA(a), RTA_PAYLOAD(a),
			    buf, sizeof(buf)));
		printf("/%d ", ifa->ifa_prefixlen);
		if (tb[IFA_RT_PRIORITY])
			printf("metric %u ", rta_u32(tb[IFA_RT_PRIORITY]));
	}
	if (opts.brief)
		return;
	if (tb[IFA_BROADCAST])
		printf("brd %s ", addr_text(ifa->ifa_family, RTA_DATA(tb[IFA_BROADCAST]),
		    RTA_PAYLOAD(tb[IFA_BROADCAST]), buf, sizeof(buf)));
	if (tb[IFA_ANYCAST])
		printf("any %s ", addr_text(ifa->ifa_family, RTA_DATA(tb[IFA_ANYCAST]),
		    RTA_PAYLOAD(tb[IFA_ANYCAST]), buf, sizeof(buf)));
	printf("scope %s ", scope_name(ifa->ifa_scope, scope, sizeof(scope)));
	print_ifa_flags(ifa->ifa_family, flags);
	if (tb[IFA_LABEL])
		printf("%s", (char *)RTA_DATA(tb[IFA_LABEL]));
	if (tb[IFA_CACHEINFO]) {
		struct ifa_cacheinfo ci;

		memcpy(&ci, RTA_DATA(tb[IFA_CACHEINFO]), sizeof(ci));
		printf("%s       valid_lft ", nl_sep());
		print_lifetime(ci.ifa_valid);
		printf(" preferred_lft ");
		print_lifetime(ci.ifa_prefered);
	}
	printf("\n");
}

/* An address of the listing's family on interface INDEX. */
static int
addr_matches(struct nlmsghdr *n, int index)
{
	struct ifaddrmsg *ifa = NLMSG_DATA(n);

	if (index && (int)ifa->ifa_index != index)
		return 0;
	return opts.family == AF_UNSPEC || opts.family == AF_PACKET ||
	    ifa->ifa_family == opts.family;
}

static int
link_has_addr(struct nl_list *addrs, int index)
{
	for (size_t i = 0; i < addrs->nr; i++)
		if (addr_matches(addrs->msg[i], index))
			return 1;
	return 0;
}

/* Delete every address of INDEX (of the family asked), in rounds: the
 * kernel removes an IPv4 primary's secondaries with it. */
static int
addr_flush(int index)
{
	for (int round = 0; round < 10; round++) {
		struct nl_list addrs;
		int left = 0;

		if (nl_dump(RTM_GETADDR, opts.family == AF_PACKET ? AF_UNSPEC : opts.family,
		    &addrs) < 0)
			return EXIT_KERNEL;
		for (size_t i = 0; i < addrs.nr; i++) {
			struct nlmsghdr *n = addrs.msg[i];
			int err;

			if (!addr_matches(n, index))
				continue;
			left = 1;
			n->nlmsg_type = RTM_DELADDR;
			n->nlmsg_flags = NLM_F_REQUEST;
			err = nl_talk_quiet(n, NULL);
			if (err < 0 && err != -EADDRNOTAVAIL) {
				fprintf(stderr, "Failed to send flush request: %s\n", strerror(-err));
				nl_list_free(&addrs);
				return EXIT_KERNEL;
			}
		}
		nl_list_free(&addrs);
		if (!left)
			return 0;
	}
	fprintf(stderr, "*** Flush remains incomplete after %d rounds. ***\n", 10);
	return 1;
}

/* ip addr [show] [[dev] NAME] [up]; ip addr flush [dev] NAME. */
static int
addr_list(int argc, char **argv, int flush)
{
	struct nl_list links, addrs;
	const char *dev = NULL;
	int index = 0, up = 0;

	dev_up_args(argc, argv, &dev, &up);
	if (flush && !dev) {
		fprintf(stderr, "Flush requires arguments.\n");
		return 1;
	}
	if (dev && !(index = ll_name_to_index(dev))) {
		fprintf(stderr, "Device \"%s\" does not exist.\n", dev);
		return 1;
	}
	if (flush)
		return addr_flush(index);
	/* One interface is asked for alone.  Linux answers an AF_INET6 dump
	 * with IPv6's own, shorter, description of each interface (no qdisc,
	 * no group), which ip -6 shows. */
	if ((index ? link_get(index, &links) :
	    nl_dump(RTM_GETLINK, opts.family == AF_INET6 ? AF_INET6 : AF_UNSPEC, &links)) < 0)
		return EXIT_KERNEL;
	if (nl_dump(RTM_GETADDR, opts.family == AF_PACKET ? AF_UNSPEC : opts.family, &addrs) < 0)
		return EXIT_KERNEL;
	for (size_t i = 0; i < links.nr; i++) {
		struct ifinfomsg *ifi = NLMSG_DATA(links.msg[i]);

		if ((index && ifi->ifi_index != index) || (up && !(ifi->ifi_flags & IFF_UP)))
			continue;
		if (opts.family != AF_UNSPEC && opts.family != AF_PACKET &&
		    !link_has_addr(&addrs, ifi->ifi_index))
			continue;
		if ((opts.brief || !opts.oneline) && print_link(links.msg[i], 0) < 0)
			continue;
		if (opts.family != AF_PACKET)
			for (size_t j = 0; j < addrs.nr; j++)
				if (addr_matches(addrs.msg[j], ifi->ifi_index))
					print_addr(addrs.msg[j]);
		if (opts.brief)
			printf("\n");
	}
	nl_list_free(&links);
	nl_list_free(&addrs);
	return 0;
}

_Noreturn static void
addr_usage(void)
{
	fprintf(stderr,
	    "Usage: ip address { add | del } IFADDR dev IFNAME [ label LABEL ] [ scope SCOPE ]\n"
	    "       ip address flush [ dev ] IFNAME\n"
	    "       ip address [ show ] [ [ dev ] IFNAME ] [ up ]\n"
	    "IFADDR := PREFIX [ peer PREFIX ] [ broadcast { ADDR | + | - } ]\n"
	    "SCOPE := [ host | link | global | NUMBER ]\n");
	exit(EXIT_USAGE);
}

/* ip addr add|del [local] ADDR[/PLEN] [brd +|-|ADDR] [peer ADDR]
 * [scope SCOPE] [label LABEL] dev NAME */
static int
addr_modify(int type, int flags, int argc, char **argv)
{
	struct nl_req req;
	struct ifaddrmsg *ifa = nl_start(&req, type, flags, sizeof(*ifa));
	struct prefix local, peer, brd;
	const char *dev = NULL, *label = NULL, *argv_local = NULL;
	int have_local = 0, have_peer = 0, brd_mode = 0, scoped = 0;

	memset(&local, 0, sizeof(local));
	for (; argc > 0; argc--, argv++) {
		const char *w = argv[0];

		if (strcmp(w, "peer") == 0 || strcmp(w, "remote") == 0 || strcmp(w, "dev") == 0 ||
		    strcmp(w, "label") == 0 || strcmp(w, "scope") == 0 ||
		    strcmp(w, "brd") == 0 || matches(w, "broadcast")) {
			if (argc < 2)
				missing_arg(w);
			argc--, argv++;
		}
		const char *val = argv[0];
		if (strcmp(w, "peer") == 0 || strcmp(w, "remote") == 0) {
			prefix_need(val, ifa->ifa_family, &peer);
			nl_attr(&req.n, IFA_ADDRESS, peer.data, peer.bytes);
			if (peer.has_len)
				ifa->ifa_prefixlen = peer.bits;
			have_peer = 1;
		} else if (strcmp(w, "brd") == 0 || matches(w, "broadcast")) {
			if (strcmp(val, "+") == 0) {
				brd_mode = 1;
			} else if (strcmp(val, "-") == 0) {
				brd_mode = 2;
			} else {
				addr_need(val, ifa->ifa_family, &brd);
				nl_attr(&req.n, IFA_BROADCAST, brd.data, brd.bytes);
			}
		} else if (strcmp(w, "scope") == 0) {
			int scope;

			if (scope_parse(val, &scope) < 0)
				invarg("invalid scope value.", val);
			ifa->ifa_scope = scope;
			scoped = 1;
		} else if (strcmp(w, "dev") == 0) {
			dev = val;
		} else if (strcmp(w, "label") == 0) {
			label = val;
			nl_attr_str(&req.n, IFA_LABEL, val);
		} else {
			if (matches(w, "help"))
				addr_usage();
			if (strcmp(w, "local") == 0) {
				if (argc < 2)
					missing_arg(w);
				argc--, argv++;
			}
			if (have_local) {
				fprintf(stderr, "Error: either \"local\" is duplicate, or \"%s\" is a garbage.\n",
				    argv[0]);
				exit(EXIT_USAGE);
			}
			prefix_need(argv[0], ifa->ifa_family, &local);
			argv_local = argv[0];
			if (!local.bytes) {
				fprintf(stderr, "Error: any valid prefix is expected rather than \"%s\".\n",
				    argv[0]);
				exit(1);
			}
			ifa->ifa_family = local.family;
			nl_attr(&req.n, IFA_LOCAL, local.data, local.bytes);
			have_local = 1;
		}
	}
	if (!dev) {
		fprintf(stderr, "Not enough information: \"dev\" argument is required.\n");
		return EXIT_USAGE;
	}
	if (label && strncmp(dev, label, strlen(dev)) != 0) {
		fprintf(stderr, "\"dev\" (%s) must match \"label\" (%s).\n", dev, label);
		return EXIT_USAGE;
	}
	if (have_local && !have_peer) {
		/* "del ADDR" without a length deletes ADDR whatever its
		 * prefix (the kernel matches IFA_LOCAL alone), with a warning. */
		if (type == RTM_DELADDR && local.family == AF_INET && !local.has_len)
			fprintf(stderr, "Warning: Executing wildcard deletion to stay compatible with old scripts.\n"
			    "         Explicitly specify the prefix length (%s/%d) to avoid this warning.\n"
			    "         This special behaviour is likely to disappear in further releases,\n"
			    "         fix your scripts!\n", argv_local, local.bits);
		else
			nl_attr(&req.n, IFA_ADDRESS, local.data, local.bytes);
	}
	if (ifa->ifa_prefixlen == 0)
		ifa->ifa_prefixlen = local.bits;
	if (brd_mode && type != RTM_DELADDR && have_local && local.bits <= 30) {
		uint32_t a, mask = local.bits ? ~0u << (32 - local.bits) : 0;

		memcpy(&a, local.data, 4);
		a = ntohl(a);
		a = brd_mode == 1 ? a | ~mask : a & mask;
		a = htonl(a);
		nl_attr(&req.n, IFA_BROADCAST, &a, 4);
	}
	if (!scoped && type != RTM_DELADDR && local.family == AF_INET && local.data[0] == 127)
		ifa->ifa_scope = RT_SCOPE_HOST;
	ifa->ifa_index = ll_need(dev);
	if (nl_talk(&req.n, NULL) < 0)
		return EXIT_KERNEL;
	return 0;
}

int
do_addr(int argc, char **argv)
{
	if (argc < 1)
		return addr_list(0, NULL, 0);
	if (matches(argv[0], "add"))
		return addr_modify(RTM_NEWADDR, NLM_F_CREATE | NLM_F_EXCL, argc - 1, argv + 1);
	if (matches(argv[0], "delete"))
		return addr_modify(RTM_DELADDR, 0, argc - 1, argv + 1);
	if (matches(argv[0], "show") || matches(argv[0], "lst") || matches(argv[0], "list"))
		return addr_list(argc - 1, argv + 1, 0);
	if (matches(argv[0], "flush"))
		return addr_list(argc - 1, argv + 1, 1);
	if (matches(argv[0], "help"))
		addr_usage();
	unknown_command(argv[0], "address");
}
