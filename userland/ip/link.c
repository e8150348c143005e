/*
 * ip link: show the interfaces (RTM_GETLINK), make them (RTM_NEWLINK
 * with NLM_F_CREATE: veth pairs, bridges), change them (RTM_NEWLINK on
 * an index: up/down, mtu, name, address, netns, master) and delete them
 * (RTM_DELLINK).  print_link also draws the interface line of ip addr.
 */
#include <errno.h>
#include <net/if.h>
#include <linux/if_arp.h>
#include <linux/if_link.h>
#include <linux/sockios.h>
#include <linux/veth.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "ip.h"

static const char *const oper_states[] = {
	"UNKNOWN", "NOTPRESENT", "DOWN", "LOWERLAYERDOWN", "TESTING", "DORMANT", "UP",
};
static const char *const link_modes[] = { "DEFAULT", "DORMANT", "TESTING" };

/* "NAME@PEER" as iproute2 writes an interface with a link (a veth's
 * other end; "ifN" when that is in another namespace).  Returns whether
 * the link is down (the M-DOWN flag). */
static int
print_name_and_link(const char *fmt, const char *name, struct rtattr **tb)
{
	char buf[2 * IFNAMSIZ + 16];
	int mdown = 0;

	if (tb[IFLA_LINK]) {
		int iflink = (int)rta_u32(tb[IFLA_LINK]);

		if (!iflink) {
			snprintf(buf, sizeof(buf), "%s@NONE", name);
		} else if (tb[IFLA_LINK_NETNSID]) {
			snprintf(buf, sizeof(buf), "%s@if%d", name, iflink);
		} else {
			snprintf(buf, sizeof(buf), "%s@%s", name, ll_index_to_name(iflink));
			mdown = !(ll_index_to_flags(iflink) & IFF_UP);
		}
		name = buf;
	}
	printf(fmt, name);
	return mdown;
}

static void
print_link_flags(unsigned int flags, int mdown)
{
	static const struct {
		unsigned int bit;
		const char *name;
	} names[] = {
		{ IFF_LOOPBACK, "LOOPBACK" }, { IFF_BROADCAST, "BROADCAST" },
		{ IFF_POINTOPOINT, "POINTOPOINT" }, { IFF_MULTICAST, "MULTICAST" },
		{ IFF_NOARP, "NOARP" }, { IFF_ALLMULTI, "ALLMULTI" }, { IFF_PROMISC, "PROMISC" },
		{ IFF_MASTER, "MASTER" }, { IFF_SLAVE, "SLAVE" }, { IFF_DEBUG, "DEBUG" },
		{ IFF_DYNAMIC, "DYNAMIC" }, { IFF_AUTOMEDIA, "AUTOMEDIA" },
		{ IFF_PORTSEL, "PORTSEL" }, { IFF_NOTRAILERS, "NOTRAILERS" }, { IFF_UP, "UP" },
		{ IFF_LOWER_UP, "LOWER_UP" }, { IFF_DORMANT, "DORMANT" }, { IFF_ECHO, "ECHO" },
	};

	printf("<");
	if ((flags & IFF_UP) && !(flags & IFF_RUNNING))
		printf(flags ? "NO-CARRIER," : "NO-CARRIER");
	flags &= ~IFF_RUNNING;
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (flags & names[i].bit) {
			flags &= ~names[i].bit;
			printf(flags ? "%s," : "%s", names[i].name);
		}
	if (flags)
		printf("%x", flags);
	if (mdown)
		printf(",M-DOWN");
	printf("> ");
}

static void
print_operstate(unsigned int state)
{
	if (state >= sizeof(oper_states) / sizeof(oper_states[0]))
		printf("state %#x ", state);
	else if (opts.brief)
		printf("%-14s ", oper_states[state]);
	else
		printf("state %s ", oper_states[state]);
}

static void
print_lladdr(const struct rtattr *rta)
{
	char buf[3 * 32 + 1];

	printf("%s", lladdr_text(RTA_DATA(rta), RTA_PAYLOAD(rta), buf, sizeof(buf)));
}

/* Digits of V, for the width of a statistics column. */
static unsigned int
digits(uint64_t v)
{
	unsigned int n = 1;

	while (v >= 10) {
		v /= 10;
		n++;
	}
	return n;
}

/* Widen COLS[1..] to fit the N values V (a row that starts in column 1). */
static void
fit_columns(unsigned int *cols, const uint64_t *v, int first, int n)
{
	for (int i = 0; i < n; i++)
		if (digits(v[i]) > cols[first + i])
			cols[first + i] = digits(v[i]);
}

static void
print_row(const unsigned int *cols, const uint64_t *v, int first, int n)
{
	if (first)
		printf("%*s", cols[0] + 5, "");
	else
		printf("    ");
	for (int i = 0; i < n; i++)
		printf("%*llu ", cols[first + i], (unsigned long long)v[i]);
}

/* The counters of IFLA_STATS64, or of the older 32-bit IFLA_STATS. */
static int
link_stats(struct rtattr **tb, struct rtnl_link_stats64 *s)
{
	memset(s, 0, sizeof(*s));
	if (tb[IFLA_STATS64]) {
		size_t len = RTA_PAYLOAD(tb[IFLA_STATS64]);

		memcpy(s, RTA_DATA(tb[IFLA_STATS64]), len < sizeof(*s) ? len : sizeof(*s));
		return 0;
	}
	if (tb[IFLA_STATS]) {
		struct rtnl_link_stats s32;
		size_t len = RTA_PAYLOAD(tb[IFLA_STATS]);

		memset(&s32, 0, sizeof(s32));
		memcpy(&s32, RTA_DATA(tb[IFLA_STATS]), len < sizeof(s32) ? len : sizeof(s32));
		s->rx_bytes = s32.rx_bytes, s->rx_packets = s32.rx_packets;
		s->rx_errors = s32.rx_errors, s->rx_dropped = s32.rx_dropped;
		s->rx_missed_errors = s32.rx_missed_errors, s->multicast = s32.multicast;
		s->rx_compressed = s32.rx_compressed;
		s->rx_length_errors = s32.rx_length_errors, s->rx_crc_errors = s32.rx_crc_errors;
		s->rx_frame_errors = s32.rx_frame_errors, s->rx_fifo_errors = s32.rx_fifo_errors;
		s->rx_over_errors = s32.rx_over_errors;
		s->tx_bytes = s32.tx_bytes, s->tx_packets = s32.tx_packets;
		s->tx_errors = s32.tx_errors, s->tx_dropped = s32.tx_dropped;
		s->tx_carrier_errors = s32.tx_carrier_errors, s->collisions = s32.collisions;
		s->tx_compressed = s32.tx_compressed;
		s->tx_aborted_errors = s32.tx_aborted_errors, s->tx_fifo_errors = s32.tx_fifo_errors;
		s->tx_window_errors = s32.tx_window_errors;
		s->tx_heartbeat_errors = s32.tx_heartbeat_errors;
		return 0;
	}
	return -1;
}

/* -s: two rows of counters, columns as wide as their widest entry; -s -s
 * adds a row of receive and one of transmit errors. */
static void
print_link_stats(struct rtattr **tb)
{
	struct rtnl_link_stats64 s;
	unsigned int cols[] = { 10, 7, 6, 7, 7, 7, 10 };
	const char *sep = nl_sep();
	int more = opts.stats > 1, changes = tb[IFLA_CARRIER_CHANGES] != NULL;

	if (link_stats(tb, &s) < 0)
		return;
	uint64_t rx[] = { s.rx_bytes, s.rx_packets, s.rx_errors, s.rx_dropped,
	    s.rx_missed_errors, s.multicast, s.rx_compressed };
	uint64_t tx[] = { s.tx_bytes, s.tx_packets, s.tx_errors, s.tx_dropped,
	    s.tx_carrier_errors, s.collisions, s.tx_compressed };
	uint64_t rx_err[] = { s.rx_length_errors, s.rx_crc_errors, s.rx_frame_errors,
	    s.rx_fifo_errors, s.rx_over_errors };
	uint64_t tx_err[] = { s.tx_aborted_errors, s.tx_fifo_errors, s.tx_window_errors,
	    s.tx_heartbeat_errors, changes ? rta_u32(tb[IFLA_CARRIER_CHANGES]) : 0 };

	fit_columns(cols, rx, 0, 7);
	fit_columns(cols, tx, 0, 7);
	if (more) {
		fit_columns(cols, rx_err, 1, 5);
		fit_columns(cols, tx_err, 1, 4 + changes);
	}
	printf("%s    RX: %*s %*s %*s %*s %*s %*s %*s%s", sep, cols[0] - 4, "bytes",
	    cols[1], "packets", cols[2], "errors", cols[3], "dropped", cols[4], "missed",
	    cols[5], "mcast", cols[6], s.rx_compressed ? "compressed" : "", sep);
	print_row(cols, rx, 0, 6 + !!s.rx_compressed);
	if (more) {
		printf("%s    RX errors:%*s %*s %*s %*s %*s %*s%s", sep, cols[0] - 10, "",
		    cols[1], "length", cols[2], "crc", cols[3], "frame", cols[4], "fifo",
		    cols[5], "overrun", sep);
		print_row(cols, rx_err, 1, 5);
	}
	printf("%s    TX: %*s %*s %*s %*s %*s %*s %*s%s", sep, cols[0] - 4, "bytes",
	    cols[1], "packets", cols[2], "errors", cols[3], "dropped", cols[4], "carrier",
	    cols[5], "collsns", cols[6], s.tx_compressed ? "compressed" : "", sep);
	print_row(cols, tx, 0, 6 + !!s.tx_compressed);
	if (more) {
		printf("%s    TX errors:%*s %*s %*s %*s %*s", sep, cols[0] - 10, "",
		    cols[1], "aborted", cols[2], "fifo", cols[3], "window", cols[4], "heartbt");
		if (changes)
			printf(" %*s", cols[5], "transns");
		printf("%s", sep);
		print_row(cols, tx_err, 1, 4 + changes);
	}
}

static void
print_addrgenmode(struct rtattr *af_spec)
{
	static const char *const modes[] = { "eui64", "none", "stable_secret", "random" };
	struct rtattr *fam[AF_INET6 + 1], *in6[IFLA_INET6_MAX + 1];

	NL_NESTED(fam, AF_INET6, af_spec);
	if (!fam[AF_INET6])
		return;
	NL_NESTED(in6, IFLA_INET6_MAX, fam[AF_INET6]);
	if (in6[IFLA_INET6_ADDR_GEN_MODE]) {
		unsigned int mode = rta_u8(in6[IFLA_INET6_ADDR_GEN_MODE]);

		if (mode < sizeof(modes) / sizeof(modes[0]))
			printf("addrgenmode %s ", modes[mode]);
		else
			printf("addrgenmode %#.2x ", mode);
	}
}

/* -d: the counters and limits, and the kind of a virtual interface. */
static void
print_link_details(struct rtattr **tb, int do_link)
{
	static const struct {
		int type;
		const char *fmt;
	} limits[] = {
		{ IFLA_NUM_TX_QUEUES, "numtxqueues %u " }, { IFLA_NUM_RX_QUEUES, "numrxqueues %u " },
		{ IFLA_GSO_MAX_SIZE, "gso_max_size %u " }, { IFLA_GSO_MAX_SEGS, "gso_max_segs %u " },
		{ IFLA_TSO_MAX_SIZE, "tso_max_size %u " }, { IFLA_TSO_MAX_SEGS, "tso_max_segs %u " },
		{ IFLA_GRO_MAX_SIZE, "gro_max_size %u " },
	};

	if (tb[IFLA_PROMISCUITY])
		printf(" promiscuity %u ", rta_u32(tb[IFLA_PROMISCUITY]));
	if (tb[IFLA_ALLMULTI])
		printf(" allmulti %u ", rta_u32(tb[IFLA_ALLMULTI]));
	if (tb[IFLA_MIN_MTU])
		printf("minmtu %u ", rta_u32(tb[IFLA_MIN_MTU]));
	if (tb[IFLA_MAX_MTU])
		printf("maxmtu %u ", rta_u32(tb[IFLA_MAX_MTU]));
	if (tb[IFLA_LINKINFO]) {
		struct rtattr *info[IFLA_INFO_MAX + 1];

		NL_NESTED(info, IFLA_INFO_MAX, tb[IFLA_LINKINFO]);
		if (info[IFLA_INFO_KIND])
			printf("%s    %s ", nl_sep(), (char *)RTA_DATA(info[IFLA_INFO_KIND]));
		if (info[IFLA_INFO_SLAVE_KIND])
			printf("%s    %s_slave ", nl_sep(),
			    (char *)RTA_DATA(info[IFLA_INFO_SLAVE_KIND]));
	}
	if (do_link && tb[IFLA_AF_SPEC])
		print_addrgenmode(tb[IFLA_AF_SPEC]);
	for (size_t i = 0; i < sizeof(limits) / sizeof(limits[0]); i++)
		if (tb[limits[i].type])
			printf(limits[i].fmt, rta_u32(tb[limits[i].type]));
	if (tb[IFLA_PARENT_DEV_BUS_NAME])
		printf("parentbus %s ", (char *)RTA_DATA(tb[IFLA_PARENT_DEV_BUS_NAME]));
	if (tb[IFLA_PARENT_DEV_NAME])
		printf("parentdev %s ", (char *)RTA_DATA(tb[IFLA_PARENT_DEV_NAME]));
}

/* The transmit queue's length: IFLA_TXQLEN, or, where the answer has
 * none (Linux's IPv6 link dump), SIOCGIFTXQLEN as iproute2 asks it. */
static void
print_queuelen(struct rtattr **tb)
{
	struct ifreq ifr;
	int fd, qlen;

	if (tb[IFLA_TXQLEN]) {
		qlen = (int)rta_u32(tb[IFLA_TXQLEN]);
	} else {
		fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
		if (fd < 0)
			return;
		memset(&ifr, 0, sizeof(ifr));
		snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", (char *)RTA_DATA(tb[IFLA_IFNAME]));
		if (ioctl(fd, SIOCGIFTXQLEN, &ifr) < 0) {
			fprintf(stderr, "ioctl(SIOCGIFTXQLEN) failed: %s\n", strerror(errno));
			close(fd);
			return;
		}
		close(fd);
		qlen = ifr.ifr_qlen;
	}
	if (qlen)
		printf("qlen %d", qlen);
}

static void
print_link_brief(struct ifinfomsg *ifi, struct rtattr **tb, const char *name)
{
	int mdown = print_name_and_link("%-16s ", name, tb);

	if (tb[IFLA_OPERSTATE])
		print_operstate(rta_u8(tb[IFLA_OPERSTATE]));
	if (opts.family == AF_PACKET) {
		if (tb[IFLA_ADDRESS]) {
			print_lladdr(tb[IFLA_ADDRESS]);
			printf(" ");
		}
		print_link_flags(ifi->ifi_flags, mdown);
		printf("\n");
	}
}

int
print_link(struct nlmsghdr *n, int do_link)
{
	struct ifinfomsg *ifi = NLMSG_DATA(n);
	struct rtattr *tb[IFLA_MAX + 1];
	const char *name;
	char buf[32];
	int mdown;

	NL_PARSE(tb, IFLA_MAX, n, ifi);
	if (!tb[IFLA_IFNAME])
		return -1;
	name = RTA_DATA(tb[IFLA_IFNAME]);
	if (opts.brief) {
		print_link_brief(ifi, tb, name);
		return 0;
	}
	if (n->nlmsg_type == RTM_DELLINK)
		printf("Deleted ");
	printf("%d: ", ifi->ifi_index);
	mdown = print_name_and_link("%s: ", name, tb);
	print_link_flags(ifi->ifi_flags, mdown);
	if (tb[IFLA_MTU])
		printf("mtu %u ", rta_u32(tb[IFLA_MTU]));
	if (tb[IFLA_QDISC])
		printf("qdisc %s ", (char *)RTA_DATA(tb[IFLA_QDISC]));
	if (tb[IFLA_MASTER])
		printf("master %s ", ll_index_to_name(rta_u32(tb[IFLA_MASTER])));
	if (tb[IFLA_OPERSTATE])
		print_operstate(rta_u8(tb[IFLA_OPERSTATE]));
	if (do_link && tb[IFLA_LINKMODE]) {
		unsigned int mode = rta_u8(tb[IFLA_LINKMODE]);

		if (mode < sizeof(link_modes) / sizeof(link_modes[0]))
			printf("mode %s ", link_modes[mode]);
		else
			printf("mode %d ", mode);
	}
	if (tb[IFLA_GROUP]) {
		uint32_t group = rta_u32(tb[IFLA_GROUP]);

		if (group)
			printf("group %u ", group);
		else
			printf("group default ");
	}
	print_queuelen(tb);
	if (opts.family == AF_UNSPEC || opts.family == AF_PACKET || opts.details) {
		printf("%s    link/%s ", nl_sep(), link_type_name(ifi->ifi_type, buf, sizeof(buf)));
		if (tb[IFLA_ADDRESS])
			print_lladdr(tb[IFLA_ADDRESS]);
		if (tb[IFLA_BROADCAST]) {
			printf(ifi->ifi_flags & IFF_POINTOPOINT ? " peer " : " brd ");
			print_lladdr(tb[IFLA_BROADCAST]);
		}
	}
	if (tb[IFLA_LINK_NETNSID]) {
		int nsid = (int)rta_u32(tb[IFLA_LINK_NETNSID]);
		const char *ns = nsid >= 0 ? netns_name_of_nsid(nsid) : NULL;

		if (ns)
			printf(" link-netns %s", ns);
		else if (nsid >= 0)
			printf(" link-netnsid %d", nsid);
		else
			printf(" link-netnsid unknown");
	}
	if (tb[IFLA_PROTO_DOWN] && rta_u8(tb[IFLA_PROTO_DOWN]))
		printf(" protodown on ");
	if (opts.details)
		print_link_details(tb, do_link);
	if ((do_link || opts.details) && tb[IFLA_IFALIAS])
		printf("%s    alias %s", nl_sep(), (char *)RTA_DATA(tb[IFLA_IFALIAS]));
	if (do_link && opts.stats)
		print_link_stats(tb);
	printf("\n");
	return 0;
}

_Noreturn static void
link_usage(void)
{
	fprintf(stderr,
	    "Usage: ip link add [ name ] NAME [ address LLADDR ] [ mtu MTU ]\n"
	    "                   type { veth [ peer [ name ] NAME [ OPTIONS ] ] |\n"
	    "                          bridge [ ageing_time AGEING_TIME ] }\n"
	    "       ip link set [ dev ] DEVICE [ up | down ] [ mtu MTU ] [ name NEWNAME ]\n"
	    "                   [ address LLADDR ] [ netns { NAME | PID } ]\n"
	    "                   [ master DEVICE ] [ nomaster ] [ txqueuelen PACKETS ]\n"
	    "       ip link delete [ dev ] DEVICE\n"
	    "       ip link [ show ] [ [ dev ] DEVICE ] [ up ] [ master DEVICE ] [ nomaster ]\n"
	    "                    [ type KIND ]\n");
	exit(EXIT_USAGE);
}

/* ip link [show] [[dev] NAME] [up]. */
void
dev_up_args(int argc, char **argv, const char **dev, int *up)
{
	for (; argc > 0; argc--, argv++) {
		if (strcmp(argv[0], "up") == 0) {
			*up = 1;
			continue;
		}
		if (strcmp(argv[0], "dev") == 0) {
			if (argc < 2)
				missing_arg("dev");
			argc--, argv++;
		}
		if (*dev)
			garbage(argv[0]);
		*dev = argv[0];
	}
}

/* ip link show's filters: master DEVICE, nomaster, type KIND. */
struct link_filter {
	int master;		/* 0: any; -1: none (nomaster) */
	const char *kind;
};

/* Take the filter words out of argv (the rest stay, in order): the
 * number of words left. */
static int
link_filter_args(int argc, char **argv, struct link_filter *f)
{
	int left = 0;

	memset(f, 0, sizeof(*f));
	for (int i = 0; i < argc; i++) {
		if (strcmp(argv[i], "nomaster") == 0) {
			f->master = -1;
		} else if (strcmp(argv[i], "master") == 0 || strcmp(argv[i], "type") == 0) {
			if (i + 1 >= argc)
				missing_arg(argv[i]);
			if (argv[i][0] == 't') {
				f->kind = argv[++i];
			} else if (!(f->master = ll_name_to_index(argv[++i]))) {
				invarg("Device does not exist\n", argv[i]);
			}
		} else {
			argv[left++] = argv[i];
		}
	}
	return left;
}

/* Does the link pass the filter? */
static int
link_filter_match(const struct link_filter *f, struct nlmsghdr *n)
{
	struct ifinfomsg *ifi = NLMSG_DATA(n);
	struct rtattr *tb[IFLA_MAX + 1], *info[IFLA_INFO_MAX + 1];
	int master;

	NL_PARSE(tb, IFLA_MAX, n, ifi);
	master = tb[IFLA_MASTER] ? (int)rta_u32(tb[IFLA_MASTER]) : 0;
	if ((f->master > 0 && master != f->master) || (f->master < 0 && master))
		return 0;
	if (f->kind) {
		if (!tb[IFLA_LINKINFO])
			return 0;
		NL_NESTED(info, IFLA_INFO_MAX, tb[IFLA_LINKINFO]);
		if (!info[IFLA_INFO_KIND] || strcmp(RTA_DATA(info[IFLA_INFO_KIND]), f->kind) != 0)
			return 0;
	}
	return 1;
}

static int
link_show(int argc, char **argv)
{
	struct nl_list links;
	struct link_filter filter;
	const char *dev = NULL;
	int index = 0, up = 0;

	argc = link_filter_args(argc, argv, &filter);
	dev_up_args(argc, argv, &dev, &up);
	if (dev && !(index = ll_name_to_index(dev))) {
		fprintf(stderr, "Device \"%s\" does not exist.\n", dev);
		return 1;
	}
	if (opts.family == AF_UNSPEC)
		opts.family = AF_PACKET;
	if ((index ? link_get(index, &links) : nl_dump(RTM_GETLINK, AF_UNSPEC, &links)) < 0)
		return EXIT_KERNEL;
	for (size_t i = 0; i < links.nr; i++) {
		struct ifinfomsg *ifi = NLMSG_DATA(links.msg[i]);

		if ((up && !(ifi->ifi_flags & IFF_UP)) || !link_filter_match(&filter, links.msg[i]))
			continue;
		print_link(links.msg[i], 1);
	}
	nl_list_free(&links);
	return 0;
}

/* What the words of a link's description say, for add and set (and a
 * veth's peer). */
struct link_args {
	const char *dev;	/* the interface named (set) or made (add) */
	const char *name;	/* "name NEW" */
	const char *kind;	/* "type KIND" */
	int kind_argc;		/* the words after KIND */
	char **kind_argv;
	unsigned int flags, change;	/* up/down */
	int addr_len;		/* of "address MAC", 0 without */
};

/* Read one description; the attributes it makes go into N. */
static int
link_parse(int argc, char **argv, struct nlmsghdr *n, struct link_args *a)
{
	unsigned char lladdr[32];
	unsigned int v;

	memset(a, 0, sizeof(*a));
	for (; argc > 0; argc--, argv++) {
		const char *w = argv[0];

		if (strcmp(w, "up") == 0 || strcmp(w, "down") == 0) {
			a->change |= IFF_UP;
			a->flags = w[0] == 'u' ? a->flags | IFF_UP : a->flags & ~IFF_UP;
			continue;
		}
		if (strcmp(w, "type") == 0) {
			if (argc < 2)
				missing_arg(w);
			a->kind = argv[1];
			a->kind_argc = argc - 2;
			a->kind_argv = argv + 2;
			return 0;
		}
		if (strcmp(w, "nomaster") == 0) {
			nl_attr_u32(n, IFLA_MASTER, 0);
			continue;
		}
		if (strcmp(w, "name") == 0 || strcmp(w, "mtu") == 0 || strcmp(w, "address") == 0 ||
		    strcmp(w, "netns") == 0 || strcmp(w, "master") == 0 ||
		    strcmp(w, "txqueuelen") == 0 || strcmp(w, "qlen") == 0) {
			if (argc < 2)
				missing_arg(w);
			argc--, argv++;
		}
		const char *val = argv[0];
		if (strcmp(w, "name") == 0) {
			a->name = val;
		} else if (strcmp(w, "mtu") == 0) {
			if (uint_parse(val, &v) < 0)
				invarg("Invalid \"mtu\" value\n", val);
			nl_attr_u32(n, IFLA_MTU, v);
		} else if (strcmp(w, "txqueuelen") == 0 || strcmp(w, "qlen") == 0) {
			if (uint_parse(val, &v) < 0)
				invarg("Invalid \"txqueuelen\" value\n", val);
			nl_attr_u32(n, IFLA_TXQLEN, v);
		} else if (strcmp(w, "address") == 0) {
			char bad[64];
			int len = lladdr_parse(val, lladdr, sizeof(lladdr), bad, sizeof(bad));

			if (len < 0) {
				fprintf(stderr, "\"%s\" is invalid lladdr.\n", bad);
				return -1;
			}
			nl_attr(n, IFLA_ADDRESS, lladdr, len);
			a->addr_len = len;
		} else if (strcmp(w, "netns") == 0) {
			int fd = netns_fd(val);

			if (fd >= 0)
				nl_attr_u32(n, IFLA_NET_NS_FD, fd);
			else if (uint_parse(val, &v) == 0)
				nl_attr_u32(n, IFLA_NET_NS_PID, v);
			else
				invarg("Invalid \"netns\" value\n", val);
		} else if (strcmp(w, "master") == 0) {
			int index = ll_name_to_index(val);

			if (!index)
				invarg("Device does not exist\n", val);
			nl_attr_u32(n, IFLA_MASTER, index);
		} else {
			if (matches(w, "help"))
				link_usage();
			if (strcmp(w, "dev") == 0) {
				if (argc < 2)
					missing_arg(w);
				argc--, argv++;
			}
			if (a->dev)
				garbage(argv[0]);
			a->dev = argv[0];
		}
	}
	return 0;
}

/* type veth peer [name] PEER [OPTIONS]: the peer's own ifinfomsg and
 * attributes inside VETH_INFO_PEER. */
static int
veth_parse(int argc, char **argv, struct nlmsghdr *n)
{
	struct link_args peer;
	struct rtattr *nest;
	struct ifinfomsg *ifi;
	size_t start;

	if (argc == 0)
		return 0;
	if (strcmp(argv[0], "peer") != 0) {
		fprintf(stderr, "Usage: ip link <options> type veth [peer <options>]\n"
		    "To get <options> type 'ip link add help'\n");
		return -1;
	}
	nest = nl_nest_start(n, VETH_INFO_PEER);
	start = n->nlmsg_len;
	n->nlmsg_len += NLMSG_ALIGN(sizeof(struct ifinfomsg));
	ifi = (struct ifinfomsg *)((char *)n + start);
	memset(ifi, 0, sizeof(*ifi));
	if (link_parse(argc - 1, argv + 1, n, &peer) < 0)
		return -1;
	ifi->ifi_flags = peer.flags;
	ifi->ifi_change = peer.change;
	if (peer.name || peer.dev)
		nl_attr_str(n, IFLA_IFNAME, peer.name ? peer.name : peer.dev);
	nl_nest_end(n, nest);
	return 0;
}

/* type bridge [ ageing_time CENTISECONDS ]: inside IFLA_INFO_DATA. */
static int
bridge_parse(int argc, char **argv, struct nlmsghdr *n)
{
	unsigned int v;

	for (; argc > 0; argc--, argv++) {
		if (strcmp(argv[0], "ageing_time") != 0) {
			fprintf(stderr, "bridge: unknown command \"%s\"?\n", argv[0]);
			fprintf(stderr, "Usage: ... bridge [ ageing_time AGEING_TIME ]\n");
			return -1;
		}
		if (argc < 2)
			missing_arg(argv[0]);
		argc--, argv++;
		if (uint_parse(argv[0], &v) < 0)
			invarg("invalid ageing_time", argv[0]);
		nl_attr_u32(n, IFLA_BR_AGEING_TIME, v);
	}
	return 0;
}

static int
link_kind(struct nlmsghdr *n, const struct link_args *a)
{
	struct rtattr *info = nl_nest_start(n, IFLA_LINKINFO);

	nl_attr_str(n, IFLA_INFO_KIND, a->kind);
	if (strcmp(a->kind, "veth") == 0) {
		struct rtattr *data = nl_nest_start(n, IFLA_INFO_DATA);

		if (veth_parse(a->kind_argc, a->kind_argv, n) < 0)
			return -1;
		nl_nest_end(n, data);
	} else if (strcmp(a->kind, "bridge") == 0 && a->kind_argc > 0) {
		struct rtattr *data = nl_nest_start(n, IFLA_INFO_DATA);

		if (bridge_parse(a->kind_argc, a->kind_argv, n) < 0)
			return -1;
		nl_nest_end(n, data);
	} else if (a->kind_argc > 0) {
		fprintf(stderr, "Garbage instead of arguments \"%s ...\". Try \"ip link help\".\n",
		    a->kind_argv[0]);
		exit(EXIT_USAGE);
	}
	nl_nest_end(n, info);
	return 0;
}

int
link_get(int index, struct nl_list *out)
{
	struct nl_req req;
	struct ifinfomsg *ifi = nl_start(&req, RTM_GETLINK, 0, sizeof(*ifi));
	struct nlmsghdr *answer;

	ifi->ifi_index = index;
	out->msg = NULL;
	out->nr = 0;
	if (nl_talk(&req.n, &answer) < 0)
		return -1;
	out->msg = malloc(sizeof(*out->msg));
	if (!out->msg) {
		perror("ip");
		exit(1);
	}
	out->msg[0] = answer;
	out->nr = 1;
	return 0;
}

/* A new address must be as long as the interface's own. */
static int
check_addr_len(int index, int len)
{
	struct nl_req req;
	struct ifinfomsg *ifi = nl_start(&req, RTM_GETLINK, 0, sizeof(*ifi));
	struct rtattr *tb[IFLA_MAX + 1];
	struct nlmsghdr *answer;
	int have;

	ifi->ifi_index = index;
	if (nl_talk_quiet(&req.n, &answer) < 0 || !answer)
		return 0;
	NL_PARSE(tb, IFLA_MAX, answer, (struct ifinfomsg *)NLMSG_DATA(answer));
	have = tb[IFLA_ADDRESS] ? (int)RTA_PAYLOAD(tb[IFLA_ADDRESS]) : -1;
	free(answer);
	if (have >= 0 && have != len) {
		fprintf(stderr, "Invalid address length %d - must be %d bytes\n", len, have);
		return -1;
	}
	return 0;
}

/* ip link add | set | delete: one RTM_NEWLINK or RTM_DELLINK. */
static int
link_modify(int type, int flags, int argc, char **argv)
{
	struct nl_req req;
	struct ifinfomsg *ifi = nl_start(&req, type, flags, sizeof(*ifi));
	struct link_args a;

	ifi->ifi_family = AF_UNSPEC;
	if (link_parse(argc, argv, &req.n, &a) < 0)
		return 1;
	ifi->ifi_flags = a.flags;
	ifi->ifi_change = a.change;
	if (flags & NLM_F_CREATE) {
		const char *name = a.name ? a.name : a.dev;

		if (a.name && a.dev && strcmp(a.name, a.dev) != 0) {
			fprintf(stderr, "both \"name\" and \"dev\" cannot be used when creating devices.\n");
			exit(EXIT_USAGE);
		}
		if (!name) {
			fprintf(stderr, "Not enough information: \"dev\" argument is required.\n");
			exit(EXIT_USAGE);
		}
		nl_attr_str(&req.n, IFLA_IFNAME, name);
	} else {
		if (!a.dev) {
			fprintf(stderr, "Not enough information: \"dev\" argument is required.\n");
			exit(EXIT_USAGE);
		}
		ifi->ifi_index = ll_need(a.dev);
		if (a.addr_len && check_addr_len(ifi->ifi_index, a.addr_len) < 0)
			return 1;
		if (a.name && strcmp(a.name, a.dev) != 0)
			nl_attr_str(&req.n, IFLA_IFNAME, a.name);
	}
	if (a.kind && link_kind(&req.n, &a) < 0)
		return 1;
	if (nl_talk(&req.n, NULL) < 0)
		return EXIT_KERNEL;
	ll_forget();
	return 0;
}

int
do_link(int argc, char **argv)
{
	if (argc < 1)
		return link_show(0, NULL);
	if (matches(argv[0], "add"))
		return link_modify(RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL, argc - 1, argv + 1);
	if (matches(argv[0], "set") || matches(argv[0], "change"))
		return link_modify(RTM_NEWLINK, 0, argc - 1, argv + 1);
	if (matches(argv[0], "delete"))
		return link_modify(RTM_DELLINK, 0, argc - 1, argv + 1);
	if (matches(argv[0], "show") || matches(argv[0], "lst") || matches(argv[0], "list"))
		return link_show(argc - 1, argv + 1);
	if (matches(argv[0], "help"))
		link_usage();
	unknown_command(argv[0], "link");
}
