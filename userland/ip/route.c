/*
 * ip route: list a table (RTM_GETROUTE dump, filtered here by table and
 * device), add and delete a route (RTM_NEWROUTE, RTM_DELROUTE), and ask
 * the kernel which route a destination takes (RTM_GETROUTE on an
 * address, answered with one route marked RTM_F_CLONED).
 */
#include <linux/if.h>
#include <linux/in_route.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ip.h"

/* What a listing shows: the table (0: all), an output device. */
struct route_filter {
	uint32_t table;
	int oif;
	/* [to] [root|match|exact] PREFIX: the destinations shown. */
	enum { DST_ANY, DST_ROOT, DST_MATCH, DST_EXACT } dst_how;
	struct prefix dst;
};

/* Does bits bits of a match b? */
static int
prefix_bits_equal(const unsigned char *a, const unsigned char *b, int bits)
{
	int whole = bits / 8, rest = bits % 8;

	if (memcmp(a, b, whole))
		return 0;
	return !rest || !((a[whole] ^ b[whole]) & (0xff << (8 - rest)));
}

/* iproute2's selectors: root PREFIX takes the routes inside it, match
 * PREFIX the ones that contain it, a bare PREFIX (exact) that one. */
static int
dst_selected(const struct route_filter *f, const struct rtmsg *r, struct rtattr **tb)
{
	unsigned char dst[16] = { 0 };

	if (f->dst_how == DST_ANY)
		return 1;
	if (f->dst.family != AF_UNSPEC && r->rtm_family != f->dst.family)
		return 0;
	if (tb[RTA_DST])
		memcpy(dst, RTA_DATA(tb[RTA_DST]), RTA_PAYLOAD(tb[RTA_DST]) < 16 ?
		    RTA_PAYLOAD(tb[RTA_DST]) : 16);
	switch (f->dst_how) {
	case DST_ROOT:
		return r->rtm_dst_len >= f->dst.bits && prefix_bits_equal(dst, f->dst.data, f->dst.bits);
	case DST_MATCH:
		return r->rtm_dst_len <= f->dst.bits &&
		    prefix_bits_equal(dst, f->dst.data, r->rtm_dst_len);
	default:
		return r->rtm_dst_len == f->dst.bits && prefix_bits_equal(dst, f->dst.data, f->dst.bits);
	}
}

static uint32_t
route_table(const struct rtmsg *r, struct rtattr **tb)
{
	return tb[RTA_TABLE] ? rta_u32(tb[RTA_TABLE]) : r->rtm_table;
}

static void
print_addr_attr(const char *fmt, int family, const struct rtattr *rta)
{
	char buf[ADDR_TEXT_LEN];

	printf(fmt, addr_text(family, RTA_DATA(rta), RTA_PAYLOAD(rta), buf, sizeof(buf)));
}

static void
print_route_flags(unsigned int flags)
{
	static const struct {
		unsigned int bit;
		const char *name;
	} names[] = {
		{ RTNH_F_DEAD, "dead" }, { RTNH_F_ONLINK, "onlink" },
		{ RTNH_F_PERVASIVE, "pervasive" }, { RTNH_F_OFFLOAD, "offload" },
		{ RTNH_F_TRAP, "trap" }, { RTM_F_NOTIFY, "notify" },
		{ RTNH_F_LINKDOWN, "linkdown" }, { RTNH_F_UNRESOLVED, "unresolved" },
		{ RTM_F_OFFLOAD, "rt_offload" }, { RTM_F_TRAP, "rt_trap" },
		{ RTM_F_OFFLOAD_FAILED, "rt_offload_failed" },
	};

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (flags & names[i].bit)
			printf("%s ", names[i].name);
}

/* The second line of an answer to `ip route get`: the cache flags that
 * the kernel keeps in the top half of rtm_flags (RTCF_*). */
static void
print_cache_flags(unsigned int flags)
{
	static const struct {
		unsigned int bit;
		const char *name;
	} names[] = {
		{ RTCF_LOCAL, "local" }, { RTCF_REJECT, "reject" },
		{ RTCF_MULTICAST, "mc" }, { RTCF_BROADCAST, "brd" }, { RTCF_DNAT, "dst-nat" },
		{ RTCF_SNAT, "src-nat" }, { RTCF_MASQ, "masq" },
		{ RTCF_DIRECTDST, "dst-direct" }, { RTCF_DIRECTSRC, "src-direct" },
		{ RTCF_REDIRECTED, "redirected" }, { RTCF_DOREDIRECT, "redirect" },
		{ RTCF_FAST, "fastroute" }, { RTCF_NOTIFY, "notify" }, { RTCF_TPROXY, "tproxy" },
	};
	int first = 1;

	flags &= ~0xFFFFu;
	printf("%s    cache ", nl_sep());
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (flags & names[i].bit) {
			flags &= ~names[i].bit;
			printf("%s%s", first ? "<" : ",", names[i].name);
			first = 0;
		}
	if (flags) {
		printf("%s%x", first ? "<" : ",", flags);
		first = 0;
	}
	if (!first)
		printf("> ");
}

static void
print_route(struct nlmsghdr *n, const struct route_filter *f)
{
	struct rtmsg *r = NLMSG_DATA(n);
	struct rtattr *tb[RTA_MAX + 1];
	int host_len = r->rtm_family == AF_INET6 ? 128 : 32;
	uint32_t table;
	char buf[32];

	NL_PARSE(tb, RTA_MAX, n, r);
	table = route_table(r, tb);
	if (n->nlmsg_type == RTM_DELROUTE)
		printf("Deleted ");
	if (r->rtm_type != RTN_UNICAST || opts.details)
		printf("%s ", rtntype_name(r->rtm_type, buf, sizeof(buf)));
	if (tb[RTA_DST]) {
		char a[ADDR_TEXT_LEN];

		addr_text(r->rtm_family, RTA_DATA(tb[RTA_DST]), RTA_PAYLOAD(tb[RTA_DST]), a, sizeof(a));
		if (r->rtm_dst_len != host_len)
			printf("%s/%u ", a, r->rtm_dst_len);
		else
			printf("%s ", a);
	} else if (r->rtm_dst_len) {
		printf("0/%d ", r->rtm_dst_len);
	} else {
		printf("default ");
	}
	if (tb[RTA_SRC])
		print_addr_attr("from %s ", r->rtm_family, tb[RTA_SRC]);
	if (tb[RTA_GATEWAY])
		print_addr_attr("via %s ", r->rtm_family, tb[RTA_GATEWAY]);
	if (tb[RTA_OIF] && !f->oif)
		printf("dev %s ", ll_index_to_name(rta_u32(tb[RTA_OIF])));
	if (table && (table != RT_TABLE_MAIN || opts.details) && !f->table)
		printf("table %s ", table_name(table, buf, sizeof(buf)));
	/* An answer of `route get` (cloned) has neither. */
	if (!(r->rtm_flags & RTM_F_CLONED)) {
		if (r->rtm_protocol != RTPROT_BOOT || opts.details)
			printf("proto %s ", proto_name(r->rtm_protocol, buf, sizeof(buf)));
		if (r->rtm_scope != RT_SCOPE_UNIVERSE || opts.details)
			printf("scope %s ", scope_name(r->rtm_scope, buf, sizeof(buf)));
	}
	if (tb[RTA_PREFSRC])
		print_addr_attr("src %s ", r->rtm_family, tb[RTA_PREFSRC]);
	if (tb[RTA_PRIORITY])
		printf("metric %u ", rta_u32(tb[RTA_PRIORITY]));
	print_route_flags(r->rtm_flags);
	if (tb[RTA_MARK] && rta_u32(tb[RTA_MARK]))
		printf("mark 0x%x ", rta_u32(tb[RTA_MARK]));
	if (tb[RTA_UID])
		printf("uid %u ", rta_u32(tb[RTA_UID]));
	if ((r->rtm_flags & RTM_F_CLONED) && r->rtm_family == AF_INET)
		print_cache_flags(r->rtm_flags);
	if (tb[RTA_IIF])
		printf("iif %s ", ll_index_to_name(rta_u32(tb[RTA_IIF])));
	if (tb[RTA_PREF]) {
		static const char *const prefs[] = { "medium", "high", "", "low" };
		unsigned int pref = rta_u8(tb[RTA_PREF]);

		if (pref < 4 && pref != 2)
			printf("pref %s", prefs[pref]);
		else
			printf("pref %u", pref);
	}
	printf("\n");
}

/* ip route [show] [table TABLE] [dev NAME] [[to] [root|match|exact] PREFIX] */
static int
route_show(int argc, char **argv)
{
	struct route_filter f = { .table = RT_TABLE_MAIN, .oif = 0 };
	struct nl_list routes;
	int family = opts.family == AF_PACKET ? AF_UNSPEC : opts.family;

	for (; argc > 0; argc--, argv++) {
		if (strcmp(argv[0], "table") == 0) {
			if (argc < 2)
				missing_arg(argv[0]);
			argc--, argv++;
			if (table_parse(argv[0], &f.table) < 0)
				invarg("table id value is invalid\n", argv[0]);
		} else if (strcmp(argv[0], "dev") == 0 || strcmp(argv[0], "oif") == 0) {
			if (argc < 2)
				missing_arg(argv[0]);
			argc--, argv++;
			f.oif = ll_need(argv[0]);
		} else {
			/* A later selector replaces an earlier one, as iproute2. */
			if (strcmp(argv[0], "to") == 0 && argc > 1)
				argc--, argv++;
			f.dst_how = DST_EXACT;
			if (strcmp(argv[0], "root") == 0 || strcmp(argv[0], "match") == 0 ||
			    strcmp(argv[0], "exact") == 0) {
				if (argc < 2)
					missing_arg(argv[0]);
				f.dst_how = argv[0][0] == 'r' ? DST_ROOT : argv[0][0] == 'm' ?
				    DST_MATCH : DST_EXACT;
				argc--, argv++;
			}
			prefix_need(argv[0], family == AF_UNSPEC ? AF_INET : family, &f.dst);
			if (!f.dst.has_len)
				f.dst.bits = f.dst.bytes * 8;
		}
	}
	if (family == AF_UNSPEC && f.table)
		family = AF_INET;
	if (nl_dump(RTM_GETROUTE, family, &routes) < 0)
		return EXIT_KERNEL;
	for (size_t i = 0; i < routes.nr; i++) {
		struct nlmsghdr *n = routes.msg[i];
		struct rtmsg *r = NLMSG_DATA(n);
		struct rtattr *tb[RTA_MAX + 1];

		if (n->nlmsg_type != RTM_NEWROUTE || (r->rtm_flags & RTM_F_CLONED))
			continue;
		NL_PARSE(tb, RTA_MAX, n, r);
		if (f.table && route_table(r, tb) != f.table)
			continue;
		if (f.oif && (!tb[RTA_OIF] || (int)rta_u32(tb[RTA_OIF]) != f.oif))
			continue;
		if (!dst_selected(&f, r, tb))
			continue;
		print_route(n, &f);
	}
	nl_list_free(&routes);
	return 0;
}

_Noreturn static void
route_usage(void)
{
	fprintf(stderr,
	    "Usage: ip route [ list ] [ table TABLE_ID ] [ dev NAME ]\n"
	    "       ip route get ADDRESS [ from ADDRESS ] [ oif NAME ]\n"
	    "       ip route { add | del } [ TYPE ] PREFIX [ via ADDRESS ] [ dev NAME ]\n"
	    "                [ src ADDRESS ] [ metric NUMBER ] [ table TABLE_ID ]\n"
	    "                [ proto RTPROTO ] [ scope SCOPE ] [ onlink ]\n"
	    "PREFIX := { default | ADDRESS[/LENGTH] }\n"
	    "TYPE := { unicast | local | broadcast | multicast | throw |\n"
	    "          unreachable | prohibit | blackhole | nat }\n"
	    "TABLE_ID := [ local | main | default | all | NUMBER ]\n"
	    "SCOPE := [ host | link | global | NUMBER ]\n"
	    "RTPROTO := [ kernel | boot | static | NUMBER ]\n");
	exit(EXIT_USAGE);
}

/* The words after "via", "src", "metric", ... */
static int
route_keyword(const char *w)
{
	static const char *const words[] = {
		"via", "src", "metric", "priority", "preference", "scope", "table",
		"dev", "oif", "proto",
	};

	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strcmp(w, words[i]) == 0)
			return 1;
	return 0;
}

/* ip route add|del [TYPE] PREFIX [via GW] [dev NAME] [src ADDR]
 * [metric N] [table T] [proto P] [scope S] [onlink] */
static int
route_modify(int type, int flags, int argc, char **argv)
{
	struct nl_req req;
	struct rtmsg *r = nl_start(&req, type, flags, sizeof(*r));
	const char *dev = NULL;
	int have_dst = 0, have_gw = 0, scoped = 0, tabled = 0;
	struct prefix p;

	r->rtm_table = RT_TABLE_MAIN;
	r->rtm_scope = RT_SCOPE_NOWHERE;
	if (type != RTM_DELROUTE) {
		r->rtm_protocol = RTPROT_BOOT;
		r->rtm_scope = RT_SCOPE_UNIVERSE;
		r->rtm_type = RTN_UNICAST;
	}
	for (; argc > 0; argc--, argv++) {
		const char *w = argv[0], *val;
		unsigned int v;
		int i;

		if (strcmp(w, "onlink") == 0) {
			r->rtm_flags |= RTNH_F_ONLINK;
			continue;
		}
		if (!route_keyword(w)) {
			int rtype;

			if (strcmp(w, "to") == 0) {
				if (argc < 2)
					missing_arg(w);
				argc--, argv++;
			}
			if ((argv[0][0] < '0' || argv[0][0] > '9') && rtntype_parse(argv[0], &rtype) == 0) {
				if (argc < 2)
					missing_arg(argv[0]);
				argc--, argv++;
				r->rtm_type = rtype;
			}
			if (strcmp(argv[0], "help") == 0)
				route_usage();
			if (have_dst) {
				fprintf(stderr, "Error: either \"to\" is duplicate, or \"%s\" is a garbage.\n",
				    argv[0]);
				exit(EXIT_USAGE);
			}
			prefix_need(argv[0], r->rtm_family, &p);
			if (r->rtm_family == AF_UNSPEC && p.bytes)
				r->rtm_family = p.family;
			r->rtm_dst_len = p.bytes ? p.bits : 0;
			if (p.bytes)
				nl_attr(&req.n, RTA_DST, p.data, p.bytes);
			have_dst = 1;
			continue;
		}
		if (argc < 2)
			missing_arg(w);
		argc--, argv++;
		val = argv[0];
		if (strcmp(w, "via") == 0) {
			addr_need(val, r->rtm_family, &p);
			if (r->rtm_family == AF_UNSPEC)
				r->rtm_family = p.family;
			nl_attr(&req.n, RTA_GATEWAY, p.data, p.bytes);
			have_gw = 1;
		} else if (strcmp(w, "src") == 0) {
			addr_need(val, r->rtm_family, &p);
			nl_attr(&req.n, RTA_PREFSRC, p.data, p.bytes);
		} else if (strcmp(w, "dev") == 0 || strcmp(w, "oif") == 0) {
			dev = val;
		} else if (strcmp(w, "scope") == 0) {
			if (scope_parse(val, &i) < 0)
				invarg("invalid \"scope\" value\n", val);
			r->rtm_scope = i;
			scoped = 1;
		} else if (strcmp(w, "proto") == 0) {
			if (proto_parse(val, &i) < 0)
				invarg("\"protocol\" value is invalid\n", val);
			r->rtm_protocol = i;
		} else if (strcmp(w, "table") == 0) {
			uint32_t t;

			if (table_parse(val, &t) < 0)
				invarg("\"table\" value is invalid\n", val);
			if (t < 256) {
				r->rtm_table = t;
			} else {
				r->rtm_table = RT_TABLE_UNSPEC;
				nl_attr_u32(&req.n, RTA_TABLE, t);
			}
			tabled = 1;
		} else {
			if (uint_parse(val, &v) < 0)
				invarg("\"metric\" value is invalid\n", val);
			nl_attr_u32(&req.n, RTA_PRIORITY, v);
		}
	}
	if (!have_dst)
		route_usage();
	if (dev)
		nl_attr_u32(&req.n, RTA_OIF, ll_need(dev));
	if (!scoped) {
		if (r->rtm_type == RTN_LOCAL || r->rtm_type == RTN_NAT)
			r->rtm_scope = RT_SCOPE_HOST;
		else if (r->rtm_type == RTN_BROADCAST || r->rtm_type == RTN_MULTICAST ||
		    r->rtm_type == RTN_ANYCAST)
			r->rtm_scope = RT_SCOPE_LINK;
		else if (r->rtm_type == RTN_UNICAST || r->rtm_type == RTN_UNSPEC)
			r->rtm_scope = type == RTM_DELROUTE ? RT_SCOPE_NOWHERE :
			    have_gw ? r->rtm_scope : RT_SCOPE_LINK;
	}
	if (!tabled && r->rtm_type == RTN_LOCAL)
		r->rtm_table = RT_TABLE_LOCAL;
	if (r->rtm_family == AF_UNSPEC)
		r->rtm_family = AF_INET;
	if (nl_talk(&req.n, NULL) < 0)
		return EXIT_KERNEL;
	return 0;
}

/* ip route get [to] ADDRESS [from ADDRESS] [oif|dev NAME] [iif NAME] */
static int
route_get(int argc, char **argv)
{
	struct nl_req req;
	struct rtmsg *r = nl_start(&req, RTM_GETROUTE, 0, sizeof(*r));
	struct route_filter f = { .table = 0, .oif = 0 };
	struct nlmsghdr *answer;
	int have_dst = 0;
	struct prefix p;

	r->rtm_family = opts.family == AF_PACKET ? AF_UNSPEC : opts.family;
	for (; argc > 0; argc--, argv++) {
		const char *w = argv[0];

		if (strcmp(w, "from") == 0 || strcmp(w, "iif") == 0 || strcmp(w, "oif") == 0 ||
		    strcmp(w, "dev") == 0) {
			if (argc < 2)
				missing_arg(w);
			argc--, argv++;
			if (strcmp(w, "from") == 0) {
				prefix_need(argv[0], r->rtm_family, &p);
				if (r->rtm_family == AF_UNSPEC)
					r->rtm_family = p.family;
				if (p.bytes)
					nl_attr(&req.n, RTA_SRC, p.data, p.bytes);
				r->rtm_src_len = p.bits;
			} else {
				nl_attr_u32(&req.n, strcmp(w, "iif") == 0 ? RTA_IIF : RTA_OIF,
				    ll_need(argv[0]));
			}
			continue;
		}
		if (strcmp(w, "to") == 0) {
			if (argc < 2)
				missing_arg(w);
			argc--, argv++;
		}
		prefix_need(argv[0], r->rtm_family, &p);
		if (r->rtm_family == AF_UNSPEC)
			r->rtm_family = p.family;
		if (p.bytes)
			nl_attr(&req.n, RTA_DST, p.data, p.bytes);
		r->rtm_dst_len = p.bits;
		have_dst = 1;
	}
	if (!have_dst) {
		fprintf(stderr, "need at least a destination address\n");
		return 1;
	}
	if (r->rtm_family == AF_UNSPEC)
		r->rtm_family = AF_INET;
	if (nl_talk(&req.n, &answer) < 0)
		return EXIT_KERNEL;
	print_route(answer, &f);
	free(answer);
	return 0;
}

int
do_route(int argc, char **argv)
{
	if (argc < 1)
		return route_show(0, NULL);
	if (matches(argv[0], "add"))
		return route_modify(RTM_NEWROUTE, NLM_F_CREATE | NLM_F_EXCL, argc - 1, argv + 1);
	if (matches(argv[0], "delete"))
		return route_modify(RTM_DELROUTE, 0, argc - 1, argv + 1);
	if (matches(argv[0], "list") || matches(argv[0], "show") || matches(argv[0], "lst"))
		return route_show(argc - 1, argv + 1);
	if (matches(argv[0], "get"))
		return route_get(argc - 1, argv + 1);
	if (matches(argv[0], "help"))
		route_usage();
	unknown_command(argv[0], "route");
}
