/*
 * /proc/PID/net (and /proc/net, a link to self/net): the network of the
 * process's network namespace.  dev lists its devices with their
 * counters, in Linux's layout; the files of the network stack (tcp, udp,
 * unix, route, arp, snmp) join this table with it.
 */
#include "internal.h"
#include "netdevice.h"
#include "inet.h"
#include "net.h"
#include "neighbour.h"
#include <linux/route.h>
#include "ns.h"
#include "user_ns.h"
#include "cred.h"
#include "proc.h"
#include "uaccess.h"

/* The network namespace of t, referenced (put_net), or NULL when t has
 * none any more. */
static struct net *task_net(struct task *t)
{
	struct nsproxy *nsproxy = task_nsproxy_get(t);
	if (!nsproxy)
		return NULL;
	struct net *net = get_net(nsproxy->net_ns);
	put_nsproxy(nsproxy);
	return net;
}

static void dev_row(const struct net_device *dev, void *arg)
{
	const struct net_device_stats64 *s = &dev->stats;
	tb_printf(arg, "%6s:%8llu %7llu %4llu %4llu %4llu %5llu %10llu %9llu "
		  "%8llu %7llu %4llu %4llu %4llu %5llu %7llu %10llu\n", dev->name,
		  (unsigned long long)s->rx_bytes, (unsigned long long)s->rx_packets,
		  (unsigned long long)s->rx_errors, (unsigned long long)s->rx_dropped, 0ull, 0ull, 0ull,
		  (unsigned long long)s->multicast, (unsigned long long)s->tx_bytes,
		  (unsigned long long)s->tx_packets, (unsigned long long)s->tx_errors,
		  (unsigned long long)s->tx_dropped, 0ull, (unsigned long long)s->collisions, 0ull,
		  0ull);
}

static int show_net_dev(struct textbuf *tb, struct task *t, struct inode *in)
{
	struct net *net = task_net(t);
	if (!net)
		return -ESRCH;
	tb_printf(tb, "Inter-|   Receive                                                |  Transmit\n"
		  " face |bytes    packets errs drop fifo frame compressed multicast|"
		  "bytes    packets errs drop fifo colls carrier compressed\n");
	netdev_for_each(net, dev_row, tb);
	put_net(net);
	return 0;
}

/* /proc/net/udp: Linux's layout, each line padded to 127 columns; the
 * addresses are the network-order words printed as numbers, the kernel
 * pointer hidden (kptr_restrict). */
struct udp_show {
	struct textbuf *tb;
	struct user_namespace *ns;
};

static void udp_row(const struct inet_sock_row *r, void *arg)
{
	struct udp_show *s = arg;
	char line[160];
	int n = snprintf(line, sizeof(line), "%5d: %08X:%04X %08X:%04X %02X %08X:%08X %02X:%08lX "
			 "%08X %5u %8d %lu %d %016lx %u", r->bucket, r->laddr, r->lport, r->raddr,
			 r->rport, r->state, (unsigned int)r->txq, (unsigned int)r->rxq, 0, 0ul, 0,
			 from_kuid_munged(s->ns, r->uid), 0, r->ino, 2, 0ul, r->drops);
	tb_printf(s->tb, "%-127s\n", n > 0 ? line : "");
}

static int show_net_udp(struct textbuf *tb, struct task *t, struct inode *in)
{
	struct net *net = task_net(t);
	if (!net)
		return -ESRCH;
	tb_printf(tb, "%-127s\n", "   sl  local_address rem_address   st tx_queue rx_queue tr "
		  "tm->when retrnsmt   uid  timeout inode ref pointer drops");
	struct udp_show s = { tb, current_user_ns() };
	udp_for_each(net, udp_row, &s);
	put_net(net);
	return 0;
}

/* /proc/net/tcp: Linux's layout, lines padded to 149 columns; listeners
 * first, then connections (TIME_WAIT ones in their shorter form). */
static void tcp_row(const struct tcp_row *r, void *arg)
{
	struct udp_show *s = arg;
	char line[200];
	int n;
	if (r->timewait)
		n = snprintf(line, sizeof(line), "%4d: %08X:%04X %08X:%04X %02X %08X:%08X %02X:%08lX "
			     "%08X %5d %8d %d %d %016lx", r->sl, r->laddr, r->lport, r->raddr,
			     r->rport, r->state, 0, 0, 3, r->when, 0, 0, 0, 0, 3, 0ul);
	else
		n = snprintf(line, sizeof(line), "%4d: %08X:%04X %08X:%04X %02X %08X:%08X %02X:%08lX "
			     "%08X %5u %8d %lu %d %016lx %ld %ld %d %d %d", r->sl, r->laddr, r->lport,
			     r->raddr, r->rport, r->state, r->txq, r->rxq, r->timer, r->when,
			     r->retrans, from_kuid_munged(s->ns, r->uid), 0, r->ino, 1, 0ul, r->rto,
			     r->ato, 0, r->cwnd, r->ssthresh);
	tb_printf(s->tb, "%-149s\n", n > 0 ? line : "");
}

static int show_net_tcp(struct textbuf *tb, struct task *t, struct inode *in)
{
	struct net *net = task_net(t);
	if (!net)
		return -ESRCH;
	tb_printf(tb, "%-149s\n", "  sl  local_address rem_address   st tx_queue rx_queue tr "
		  "tm->when retrnsmt   uid  timeout inode");
	struct udp_show s = { tb, current_user_ns() };
	tcp_for_each(net, tcp_row, &s);
	put_net(net);
	return 0;
}

/* /proc/net/unix: Linux's layout; the kernel address hidden
 * (kptr_restrict), an abstract name after '@' with its NULs as '@'. */
static void unix_row(const struct unix_row *r, void *arg)
{
	struct textbuf *tb = arg;
	tb_printf(tb, "%016lx: %08X %08X %08X %04X %02X %5lu", 0ul, r->refcnt, 0,
		  r->listening ? 1u << 16 : 0, r->type, r->state, r->ino);
	if (r->name_len) {
		char name[110];
		int n = 0;
		name[n++] = ' ';
		for (int i = 0; i < r->name_len && n < (int)sizeof(name) - 1; i++)
			name[n++] = r->name[i] ? r->name[i] : '@';
		name[n] = 0;
		tb_printf(tb, "%s", name);
	}
	tb_printf(tb, "\n");
}

static int show_net_unix(struct textbuf *tb, struct task *t, struct inode *in)
{
	struct net *net = task_net(t);
	if (!net)
		return -ESRCH;
	tb_printf(tb, "Num       RefCount Protocol Flags    Type St Inode Path\n");
	unix_for_each(net, unix_row, tb);
	put_net(net);
	return 0;
}

/* /proc/net/arp: Linux's layout, one row per neighbour of an ARP
 * device, the hardware address zero until resolved. */
static void arp_row(const struct neigh_row *r, void *arg)
{
	uint32_t a = ntohl(r->addr);
	char ip[16];
	snprintf(ip, sizeof(ip), "%u.%u.%u.%u", a >> 24, (a >> 16) & 255, (a >> 8) & 255, a & 255);
	unsigned int flags = r->state & NUD_PERMANENT ? ATF_PERM | ATF_COM :
			     r->state & (NUD_REACHABLE | NUD_STALE | NUD_DELAY | NUD_PROBE) ?
			     ATF_COM : 0;
	const uint8_t *h = r->ha;
	tb_printf(arg, "%-16s 0x%-10x0x%-10x%02x:%02x:%02x:%02x:%02x:%02x     *        %s\n", ip,
		  r->type, flags, h[0], h[1], h[2], h[3], h[4], h[5], r->dev);
}

static int show_net_arp(struct textbuf *tb, struct task *t, struct inode *in)
{
	struct net *net = task_net(t);
	if (!net)
		return -ESRCH;
	tb_printf(tb, "IP address       HW type     Flags       HW address            Mask     Device\n");
	neigh_for_each(net, arp_row, tb);
	put_net(net);
	return 0;
}

/* /proc/net/route: the main table in Linux's layout, lines padded to
 * 127 columns, addresses as the network-order words in hex. */
static void route_row(const struct inet_route *r, void *arg)
{
	char line[160];
	uint32_t mask = r->plen ? htonl(~0u << (32 - r->plen)) : 0;
	unsigned int flags = RTF_UP | (r->gw ? RTF_GATEWAY : 0) | (r->plen == 32 ? RTF_HOST : 0);
	int n = snprintf(line, sizeof(line), "%s\t%08X\t%08X\t%04X\t%d\t%u\t%d\t%08X\t%d\t%u\t%u",
			 r->dev->name, r->dst, r->gw, flags, 0, 0u, 0, mask, 0, 0u, 0u);
	tb_printf(arg, "%-127s\n", n > 0 ? line : "");
}

static int show_net_route(struct textbuf *tb, struct task *t, struct inode *in)
{
	struct net *net = task_net(t);
	if (!net)
		return -ESRCH;
	tb_printf(tb, "%-127s\n", "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\t"
		  "Mask\t\tMTU\tWindow\tIRTT");
	inet_route_for_each(net, route_row, tb);
	put_net(net);
	return 0;
}

/* /proc/net/snmp: Linux 6.1's lines and columns (UAPI linux/snmp.h's
 * numbering), each a header line and a values line. */
static const char *const snmp_ip[] = {
	"InReceives", "InHdrErrors", "InAddrErrors", "ForwDatagrams", "InUnknownProtos",
	"InDiscards", "InDelivers", "OutRequests", "OutDiscards", "OutNoRoutes", "ReasmTimeout",
	"ReasmReqds", "ReasmOKs", "ReasmFails", "FragOKs", "FragFails", "FragCreates",
};
static const int snmp_ip_field[] = {
	IPSTATS_MIB_INPKTS, IPSTATS_MIB_INHDRERRORS, IPSTATS_MIB_INADDRERRORS,
	IPSTATS_MIB_OUTFORWDATAGRAMS, IPSTATS_MIB_INUNKNOWNPROTOS, IPSTATS_MIB_INDISCARDS,
	IPSTATS_MIB_INDELIVERS, IPSTATS_MIB_OUTPKTS, IPSTATS_MIB_OUTDISCARDS,
	IPSTATS_MIB_OUTNOROUTES, IPSTATS_MIB_REASMTIMEOUT, IPSTATS_MIB_REASMREQDS,
	IPSTATS_MIB_REASMOKS, IPSTATS_MIB_REASMFAILS, IPSTATS_MIB_FRAGOKS, IPSTATS_MIB_FRAGFAILS,
	IPSTATS_MIB_FRAGCREATES,
};
/* The Icmp line's per type columns: name and type. */
static const struct { const char *name; int type; } snmp_icmp_types[] = {
	{ "DestUnreachs", 3 }, { "TimeExcds", 11 }, { "ParmProbs", 12 }, { "SrcQuenchs", 4 },
	{ "Redirects", 5 }, { "Echos", 8 }, { "EchoReps", 0 }, { "Timestamps", 13 },
	{ "TimestampReps", 14 }, { "AddrMasks", 17 }, { "AddrMaskReps", 18 },
};
static const char *const snmp_tcp[] = {
	"ActiveOpens", "PassiveOpens", "AttemptFails", "EstabResets", "CurrEstab", "InSegs",
	"OutSegs", "RetransSegs", "InErrs", "OutRsts", "InCsumErrors",
};
static const char *const snmp_udp[] = {
	"InDatagrams", "NoPorts", "InErrors", "OutDatagrams", "RcvbufErrors", "SndbufErrors",
	"InCsumErrors", "IgnoredMulti", "MemErrors",
};

static unsigned long mib_read(const unsigned long *v)
{
	return __atomic_load_n(v, __ATOMIC_RELAXED);
}

static int show_net_snmp(struct textbuf *tb, struct task *t, struct inode *in)
{
	struct net *net = task_net(t);
	if (!net)
		return -ESRCH;
	struct inet_mib *m = &net->inet->mib;
	tb_printf(tb, "Ip: Forwarding DefaultTTL");
	for (size_t i = 0; i < ARRAY_SIZE(snmp_ip); i++)
		tb_printf(tb, " %s", snmp_ip[i]);
	tb_printf(tb, "\nIp: %d %d", inet_forwarding(net) ? 1 : 2, IPDEFTTL);
	for (size_t i = 0; i < ARRAY_SIZE(snmp_ip_field); i++)
		tb_printf(tb, " %lu", mib_read(&m->ip[snmp_ip_field[i]]));
	tb_printf(tb, "\nIcmp: InMsgs InErrors InCsumErrors");
	for (size_t i = 0; i < ARRAY_SIZE(snmp_icmp_types); i++)
		tb_printf(tb, " In%s", snmp_icmp_types[i].name);
	tb_printf(tb, " OutMsgs OutErrors");
	for (size_t i = 0; i < ARRAY_SIZE(snmp_icmp_types); i++)
		tb_printf(tb, " Out%s", snmp_icmp_types[i].name);
	tb_printf(tb, "\nIcmp: %lu %lu %lu", mib_read(&m->icmp[ICMP_MIB_INMSGS]),
		  mib_read(&m->icmp[ICMP_MIB_INERRORS]), mib_read(&m->icmp[ICMP_MIB_CSUMERRORS]));
	for (size_t i = 0; i < ARRAY_SIZE(snmp_icmp_types); i++)
		tb_printf(tb, " %lu", mib_read(&m->icmp_in[snmp_icmp_types[i].type]));
	tb_printf(tb, " %lu %lu", mib_read(&m->icmp[ICMP_MIB_OUTMSGS]),
		  mib_read(&m->icmp[ICMP_MIB_OUTERRORS]));
	for (size_t i = 0; i < ARRAY_SIZE(snmp_icmp_types); i++)
		tb_printf(tb, " %lu", mib_read(&m->icmp_out[snmp_icmp_types[i].type]));
	tb_printf(tb, "\n");
	/* IcmpMsg: only the types seen, in then out; no line without any. */
	bool any = false;
	for (int type = 0; type <= 18; type++)
		any = any || mib_read(&m->icmp_in[type]) || mib_read(&m->icmp_out[type]);
	for (int pass = 0; any && pass < 2; pass++) {
		tb_printf(tb, "IcmpMsg:");
		for (int out = 0; out < 2; out++)
			for (int type = 0; type <= 18; type++) {
				unsigned long v = mib_read(out ? &m->icmp_out[type] : &m->icmp_in[type]);
				if (v && pass == 0)
					tb_printf(tb, " %sType%d", out ? "Out" : "In", type);
				else if (v)
					tb_printf(tb, " %lu", v);
			}
		tb_printf(tb, "\n");
	}
	tb_printf(tb, "Tcp: RtoAlgorithm RtoMin RtoMax MaxConn");
	for (size_t i = 0; i < ARRAY_SIZE(snmp_tcp); i++)
		tb_printf(tb, " %s", snmp_tcp[i]);
	/* RtoMin is Linux's constant, whatever tcp_rto_min_us says. */
	tb_printf(tb, "\nTcp: 1 200 120000 -1");
	for (int f = TCP_MIB_ACTIVEOPENS; f < __TCP_MIB_MAX; f++)
		tb_printf(tb, " %ld", __atomic_load_n(&m->tcp[f], __ATOMIC_RELAXED));
	for (int lite = 0; lite < 2; lite++) {
		tb_printf(tb, "\n%s:", lite ? "UdpLite" : "Udp");
		for (size_t i = 0; i < ARRAY_SIZE(snmp_udp); i++)
			tb_printf(tb, " %s", snmp_udp[i]);
		tb_printf(tb, "\n%s:", lite ? "UdpLite" : "Udp");
		for (int f = UDP_MIB_INDATAGRAMS; f < __UDP_MIB_MAX; f++)
			tb_printf(tb, " %lu", lite ? 0ul : mib_read(&m->udp[f]));
	}
	tb_printf(tb, "\n");
	put_net(net);
	return 0;
}

/* /proc/net/netstat: the TcpExt and IpExt columns this stack counts,
 * under Linux's names (a reader looks a column up by its name). */
static const char *const netstat_tcpext[TCPEXT_MAX] = {
	[TCPEXT_TW] = "TW", [TCPEXT_DELAYEDACKS] = "DelayedACKs",
	[TCPEXT_LISTENOVERFLOWS] = "ListenOverflows", [TCPEXT_LISTENDROPS] = "ListenDrops",
	[TCPEXT_RENORECOVERY] = "TCPRenoRecovery", [TCPEXT_FASTRETRANS] = "TCPFastRetrans",
	[TCPEXT_TIMEOUTS] = "TCPTimeouts",
	[TCPEXT_SACKRECOVERY] = "TCPSackRecovery", [TCPEXT_SLOWSTARTRETRANS] = "TCPSlowStartRetrans",
	[TCPEXT_OFOQUEUE] = "TCPOFOQueue",
	[TCPEXT_RCVQDROP] = "TCPRcvQDrop", [TCPEXT_OFODROP] = "TCPOFODrop",
};
static const struct { const char *name; int field; } netstat_ipext[] = {
	{ "InBcastPkts", IPSTATS_MIB_INBCASTPKTS }, { "OutBcastPkts", IPSTATS_MIB_OUTBCASTPKTS },
	{ "InOctets", IPSTATS_MIB_INOCTETS }, { "OutOctets", IPSTATS_MIB_OUTOCTETS },
};

static int show_net_netstat(struct textbuf *tb, struct task *t, struct inode *in)
{
	struct net *net = task_net(t);
	if (!net)
		return -ESRCH;
	struct inet_mib *m = &net->inet->mib;
	tb_printf(tb, "TcpExt:");
	for (int i = 0; i < TCPEXT_MAX; i++)
		tb_printf(tb, " %s", netstat_tcpext[i]);
	tb_printf(tb, "\nTcpExt:");
	for (int i = 0; i < TCPEXT_MAX; i++)
		tb_printf(tb, " %lu", mib_read(&m->tcpext[i]));
	tb_printf(tb, "\nIpExt:");
	for (size_t i = 0; i < ARRAY_SIZE(netstat_ipext); i++)
		tb_printf(tb, " %s", netstat_ipext[i].name);
	tb_printf(tb, "\nIpExt:");
	for (size_t i = 0; i < ARRAY_SIZE(netstat_ipext); i++)
		tb_printf(tb, " %lu", mib_read(&m->ip[netstat_ipext[i].field]));
	tb_printf(tb, "\n");
	put_net(net);
	return 0;
}

static const struct proc_entry net_entries[] = {
	{ "arp", S_IFREG | 0444, .show = show_net_arp },
	{ "dev", S_IFREG | 0444, .show = show_net_dev },
	{ "netstat", S_IFREG | 0444, .show = show_net_netstat },
	{ "route", S_IFREG | 0444, .show = show_net_route },
	{ "snmp", S_IFREG | 0444, .show = show_net_snmp },
	{ "tcp", S_IFREG | 0444, .show = show_net_tcp },
	{ "udp", S_IFREG | 0444, .show = show_net_udp },
	{ "unix", S_IFREG | 0444, .show = show_net_unix },
};

const struct proc_table proc_net_table = {
	PROC_T_NET, net_entries, ARRAY_SIZE(net_entries), PROC_T_SPECIAL, PROC_PID_DIR,
};

/*
 * /proc/sys/net/ipv4: the sysctls of the opener's network namespace.
 * ip_local_port_range: two ports, the first below the second (as Linux,
 * which also wants the first even with the second odd, not asked here).
 * ping_group_range: two gids of the writer's user namespace, kept as
 * kernel gids; a range that is backwards or unmapped means nobody ("1 0"
 * of the initial namespace).  Writing needs CAP_NET_ADMIN over the
 * namespace (Linux: root of its owner, by the file's mode).
 */
static struct net *opener_net(void)
{
	return current->nsproxy->net_ns;
}

/* Two unsigned numbers separated by blanks, a newline after. */
static int parse_two(const void *buf, size_t len, off_t *pos, bool user, long *a, long *b)
{
	char text[32];
	if (*pos != 0 || len == 0 || len >= sizeof(text))
		return -EINVAL;
	if (copy_in(text, buf, len, user))
		return -EFAULT;
	text[len] = 0;
	long v[2];
	char *s = text;
	for (int k = 0; k < 2; k++) {
		while (*s == ' ' || *s == '\t' || (k && *s == '\n'))
			s++;
		if (*s < '0' || *s > '9')
			return -EINVAL;
		v[k] = 0;
		for (; *s >= '0' && *s <= '9'; s++) {
			v[k] = v[k] * 10 + (*s - '0');
			if (v[k] > 0xffffffffl)
				return -EINVAL;
		}
	}
	while (*s == ' ' || *s == '\t' || *s == '\n')
		s++;
	if (*s)
		return -EINVAL;
	*a = v[0];
	*b = v[1];
	return 0;
}

static int show_port_range(struct textbuf *tb, struct task *t, struct inode *in)
{
	struct inet_net *inet = opener_net()->inet;
	tb_printf(tb, "%d\t%d\n", inet->port_lo, inet->port_hi);
	return 0;
}

static ssize_t write_port_range(struct file *f, struct task *t, const void *buf, size_t len,
				off_t *pos, bool user)
{
	struct net *net = opener_net();
	if (!ns_capable(net->user_ns, CAP_NET_ADMIN))
		return -EPERM;
	long lo, hi;
	int err = parse_two(buf, len, pos, user, &lo, &hi);
	if (err)
		return err;
	if (lo < 1 || hi > 65535 || lo >= hi)
		return -EINVAL;
	mutex_lock(&net->inet->lock);
	net->inet->port_lo = lo;
	net->inet->port_hi = hi;
	mutex_unlock(&net->inet->lock);
	*pos = len;
	return len;
}

static int show_ping_range(struct textbuf *tb, struct task *t, struct inode *in)
{
	struct inet_net *inet = opener_net()->inet;
	struct user_namespace *ns = current_user_ns();
	tb_printf(tb, "%u\t%u\n", from_kgid_munged(ns, inet->ping_gid_lo),
		  from_kgid_munged(ns, inet->ping_gid_hi));
	return 0;
}

static ssize_t write_ping_range(struct file *f, struct task *t, const void *buf, size_t len,
				off_t *pos, bool user)
{
	struct net *net = opener_net();
	if (!ns_capable(net->user_ns, CAP_NET_ADMIN))
		return -EPERM;
	long a, b;
	int err = parse_two(buf, len, pos, user, &a, &b);
	if (err)
		return err;
	struct user_namespace *ns = current_user_ns();
	gid_t lo = make_kgid(ns, a), hi = make_kgid(ns, b);
	if (lo == INVALID_GID || hi == INVALID_GID)
		return -EINVAL;
	if (b < a || hi < lo) {
		lo = 1;
		hi = 0;
	}
	mutex_lock(&net->inet->lock);
	net->inet->ping_gid_lo = lo;
	net->inet->ping_gid_hi = hi;
	mutex_unlock(&net->inet->lock);
	*pos = len;
	return len;
}

/* loopback_loss and veth_loss (this kernel's, for tests; Linux has
 * none): the percent of packets loopback / the namespace's veth devices
 * drop as they send, 0 to 100. */
static int show_lo_loss(struct textbuf *tb, struct task *t, struct inode *in)
{
	tb_printf(tb, "%d\n", opener_net()->inet->lo_loss);
	return 0;
}

static int show_veth_loss(struct textbuf *tb, struct task *t, struct inode *in)
{
	tb_printf(tb, "%d\n", opener_net()->inet->veth_loss);
	return 0;
}

static ssize_t write_percent(struct net *net, int *knob, const void *buf, size_t len, off_t *pos,
			     bool user)
{
	if (!ns_capable(net->user_ns, CAP_NET_ADMIN))
		return -EPERM;
	char text[8];
	if (*pos != 0 || len == 0 || len >= sizeof(text))
		return -EINVAL;
	if (copy_in(text, buf, len, user))
		return -EFAULT;
	text[len] = 0;
	int v = 0, i = 0;
	for (; text[i] >= '0' && text[i] <= '9'; i++)
		v = v * 10 + (text[i] - '0');
	if (!i || (text[i] && text[i] != '\n') || v > 100)
		return -EINVAL;
	__atomic_store_n(knob, v, __ATOMIC_RELAXED);
	*pos = len;
	return len;
}

static ssize_t write_lo_loss(struct file *f, struct task *t, const void *buf, size_t len,
			     off_t *pos, bool user)
{
	struct net *net = opener_net();
	return write_percent(net, &net->inet->lo_loss, buf, len, pos, user);
}

static ssize_t write_veth_loss(struct file *f, struct task *t, const void *buf, size_t len,
			       off_t *pos, bool user)
{
	struct net *net = opener_net();
	return write_percent(net, &net->inet->veth_loss, buf, len, pos, user);
}

/* tcp_rto_min_us (Linux 6.11's): the least retransmission timeout, in
 * microseconds, 1 to INT_MAX. */
static int show_rto_min(struct textbuf *tb, struct task *t, struct inode *in)
{
	tb_printf(tb, "%d\n", opener_net()->inet->tcp_rto_min_us);
	return 0;
}

static ssize_t write_rto_min(struct file *f, struct task *t, const void *buf, size_t len,
			     off_t *pos, bool user)
{
	struct net *net = opener_net();
	if (!ns_capable(net->user_ns, CAP_NET_ADMIN))
		return -EPERM;
	char text[16];
	if (*pos != 0 || len == 0 || len >= sizeof(text))
		return -EINVAL;
	if (copy_in(text, buf, len, user))
		return -EFAULT;
	text[len] = 0;
	long v = 0;
	int i = 0;
	for (; text[i] >= '0' && text[i] <= '9' && v <= 0x7fffffff; i++)
		v = v * 10 + (text[i] - '0');
	if (!i || (text[i] && text[i] != '\n') || v < 1 || v > 0x7fffffff)
		return -EINVAL;
	__atomic_store_n(&net->inet->tcp_rto_min_us, (int)v, __ATOMIC_RELAXED);
	*pos = len;
	return len;
}

/* ip_forward and conf/all/forwarding (one setting, as Linux's "all"):
 * whether packets for other hosts are routed on, 0 or 1. */
static int show_forward(struct textbuf *tb, struct task *t, struct inode *in)
{
	tb_printf(tb, "%d\n", __atomic_load_n(&opener_net()->inet->ip_forward, __ATOMIC_RELAXED));
	return 0;
}

/* Write a 0-or-1 knob of net's. */
static ssize_t write_bool(struct net *net, int *knob, const void *buf, size_t len, off_t *pos,
			  bool user)
{
	if (!ns_capable(net->user_ns, CAP_NET_ADMIN))
		return -EPERM;
	char text[8];
	if (*pos != 0 || len == 0 || len >= sizeof(text))
		return -EINVAL;
	if (copy_in(text, buf, len, user))
		return -EFAULT;
	text[len] = 0;
	if ((text[0] != '0' && text[0] != '1') || (text[1] && text[1] != '\n'))
		return -EINVAL;
	__atomic_store_n(knob, text[0] - '0', __ATOMIC_RELAXED);
	*pos = len;
	return len;
}

static ssize_t write_forward(struct file *f, struct task *t, const void *buf, size_t len,
			     off_t *pos, bool user)
{
	struct net *net = opener_net();
	return write_bool(net, &net->inet->ip_forward, buf, len, pos, user);
}

/* tcp_sack: whether SYNs offer SACK (RFC 2018), 0 or 1. */
static int show_tcp_sack(struct textbuf *tb, struct task *t, struct inode *in)
{
	tb_printf(tb, "%d\n", __atomic_load_n(&opener_net()->inet->tcp_sack, __ATOMIC_RELAXED));
	return 0;
}

static ssize_t write_tcp_sack(struct file *f, struct task *t, const void *buf, size_t len,
			      off_t *pos, bool user)
{
	struct net *net = opener_net();
	return write_bool(net, &net->inet->tcp_sack, buf, len, pos, user);
}

static const struct proc_entry sys_net_ipv4_conf_all_entries[] = {
	{ "forwarding", S_IFREG | 0644, .show = show_forward, .write = write_forward },
};

const struct proc_table proc_sys_net_ipv4_conf_all_table = {
	PROC_T_SYS_NET_IPV4_CONF_ALL, sys_net_ipv4_conf_all_entries,
	ARRAY_SIZE(sys_net_ipv4_conf_all_entries), PROC_T_SYS_NET_IPV4_CONF, 0,
};

static const struct proc_entry sys_net_ipv4_conf_entries[] = {
	{ "all", S_IFDIR | 0555, .dir = &proc_sys_net_ipv4_conf_all_table },
};

const struct proc_table proc_sys_net_ipv4_conf_table = {
	PROC_T_SYS_NET_IPV4_CONF, sys_net_ipv4_conf_entries, ARRAY_SIZE(sys_net_ipv4_conf_entries),
	PROC_T_SYS_NET_IPV4, PROC_SYS_NET_IPV4_CONF,
};

static const struct proc_entry sys_net_ipv4_entries[] = {
	{ "ip_local_port_range", S_IFREG | 0644, .show = show_port_range,
	  .write = write_port_range },
	{ "loopback_loss", S_IFREG | 0644, .show = show_lo_loss, .write = write_lo_loss },
	{ "veth_loss", S_IFREG | 0644, .show = show_veth_loss, .write = write_veth_loss },
	{ "ping_group_range", S_IFREG | 0644, .show = show_ping_range,
	  .write = write_ping_range },
	{ "tcp_rto_min_us", S_IFREG | 0644, .show = show_rto_min, .write = write_rto_min },
	{ "conf", S_IFDIR | 0555, .dir = &proc_sys_net_ipv4_conf_table },	/* PROC_SYS_NET_IPV4_CONF */
	{ "ip_forward", S_IFREG | 0644, .show = show_forward, .write = write_forward },
	{ "tcp_sack", S_IFREG | 0644, .show = show_tcp_sack, .write = write_tcp_sack },
};

const struct proc_table proc_sys_net_ipv4_table = {
	PROC_T_SYS_NET_IPV4, sys_net_ipv4_entries, ARRAY_SIZE(sys_net_ipv4_entries),
	PROC_T_SYS, PROC_SYS_NET,
};

static const struct proc_entry sys_net_entries[] = {
	{ "ipv4", S_IFDIR | 0555, .dir = &proc_sys_net_ipv4_table },
};

const struct proc_table proc_sys_net_table = {
	PROC_T_SYS_NET, sys_net_entries, ARRAY_SIZE(sys_net_entries), PROC_T_ROOT, PROC_ROOT_SYS,
};
