/*
 * bridge: an Ethernet bridge joining three network namespaces, made with
 * raw rtnetlink (RTM_NEWLINK kind "bridge", IFLA_MASTER):
 *
 *            A (10.77.0.2)   B (10.77.0.3)   C (10.77.0.4)
 *                a0              b0              c0
 *                |               |               |
 *                pa ------------ pb ------------ pc    ports of
 *                           br0 (10.77.0.1)            br0 in R
 *
 * Checked: br0 is made down, with kind "bridge" in the link dump and a
 * locally administered address; ports show IFLA_MASTER; loopback, a
 * bridge and an unknown master are refused (EINVAL, ELOOP, EINVAL); the
 * bridge takes its lowest port's address and MTU; its carrier follows
 * its ports; `bridge fdb show`'s dump lists what it learnt.
 * Pings (raw ICMP) A->B and A->br0, UDP A->C, and a 4 MiB TCP transfer
 * B->C arrive intact; once the bridge has learnt A and B, a unicast
 * exchange between them leaves C's port's transmit counter where it was
 * (counters, never times); br0 counts what it received and sent in
 * /proc/net/dev; a released port (nomaster) gets nothing more, and again
 * once enslaved again; deleting br0 leaves its ports alive and masterless;
 * a namespace dying with the peer of a port takes the port out of its
 * bridge; a broadcast circling a loop (both ends of a veth pair on one
 * bridge) neither stops the other namespaces' traffic nor outlives the
 * loop.
 *
 * The program makes its namespaces itself (a new user namespace where it
 * is root), so it runs natively on the Linux host, the oracle.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <fcntl.h>
#include <net/if.h>
#include <netinet/in.h>
#include <netinet/ip.h>
#include <netinet/ip_icmp.h>
#include <sched.h>
#include <stdbool.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <linux/if_link.h>
#include <linux/neighbour.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/veth.h>
#include "t.h"

#define HANG_SECONDS	60	/* only stops a hang */
#define PORT		7100
#define TCP_BYTES	(4 << 20)
#define EXCHANGE	64	/* datagrams each way in the learning check */

static int ns_r, ns_a, ns_b, ns_c;	/* the namespaces, as /proc/self/ns/net fds */

static int write_text(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY);
	if (fd < 0)
		return -1;
	ssize_t n = write(fd, text, strlen(text));
	close(fd);
	return n == (ssize_t)strlen(text) ? 0 : -1;
}

static long slurp(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY);
	long n = 0, got;

	if (fd < 0)
		return -1;
	while (n < (long)size - 1 && (got = read(fd, buf + n, size - 1 - n)) > 0)
		n += got;
	close(fd);
	buf[n] = 0;
	return n;
}

static struct sockaddr_in sin_of(const char *addr, int port)
{
	struct sockaddr_in a;

	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_port = htons(port);
	inet_pton(AF_INET, addr, &a.sin_addr);
	return a;
}

static void set_timeout(int fd)
{
	struct timeval tv = { HANG_SECONDS, 0 };

	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
}

static void enter(int ns)
{
	if (setns(ns, CLONE_NEWNET) != 0) {
		check("bridge-setns", 0, "%s", strerror(errno));
		exit(0);
	}
}

/* ---- rtnetlink ---- */

struct nlreq {
	struct nlmsghdr h;
	char buf[1024];
};

static void *nl_tail(struct nlreq *r)
{
	return (char *)&r->h + NLMSG_ALIGN(r->h.nlmsg_len);
}

static void nl_bytes(struct nlreq *r, const void *data, size_t len)
{
	memcpy(nl_tail(r), data, len);
	r->h.nlmsg_len = NLMSG_ALIGN(r->h.nlmsg_len) + len;
}

static struct rtattr *nl_attr(struct nlreq *r, int type, const void *data, size_t len)
{
	struct rtattr *a = nl_tail(r);

	a->rta_type = type;
	a->rta_len = RTA_LENGTH(len);
	if (len)
		memcpy(RTA_DATA(a), data, len);
	r->h.nlmsg_len = NLMSG_ALIGN(r->h.nlmsg_len) + RTA_ALIGN(a->rta_len);
	return a;
}

static void nl_end(struct nlreq *r, struct rtattr *nest)
{
	nest->rta_len = (char *)&r->h + r->h.nlmsg_len - (char *)nest;
}

static void nl_start(struct nlreq *r, int type, int flags, int ifindex)
{
	struct ifinfomsg ifi = { .ifi_family = AF_UNSPEC, .ifi_index = ifindex };

	memset(r, 0, sizeof(*r));
	r->h.nlmsg_len = NLMSG_LENGTH(0);
	r->h.nlmsg_type = type;
	r->h.nlmsg_flags = flags;
	nl_bytes(r, &ifi, sizeof(ifi));
}

/* Send the request; its answer (an acknowledgement or a link) into buf:
 * 0 or -errno. */
static int nl_exchange(struct nlreq *r, char *buf, size_t size)
{
	int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);

	if (fd < 0)
		return -errno;
	set_timeout(fd);
	r->h.nlmsg_flags |= NLM_F_REQUEST | NLM_F_ACK;
	r->h.nlmsg_seq = 1;
	if (send(fd, &r->h, r->h.nlmsg_len, 0) != (ssize_t)r->h.nlmsg_len) {
		close(fd);
		return -errno;
	}
	ssize_t n = recv(fd, buf, size, 0);
	close(fd);
	struct nlmsghdr *h = (struct nlmsghdr *)buf;
	if (n < (ssize_t)NLMSG_LENGTH(sizeof(struct ifinfomsg)))
		return -EPROTO;
	if (h->nlmsg_type == NLMSG_ERROR)
		return ((struct nlmsgerr *)NLMSG_DATA(h))->error;
	return 0;
}

static int nl_talk(struct nlreq *r)
{
	char buf[4096];

	return nl_exchange(r, buf, sizeof(buf));
}

/* A veth pair: name here (a port of master unless 0), peer in the
 * namespace peer_ns. */
static int veth_add_master(const char *name, const char *peer, int peer_ns, int master)
{
	struct nlreq r;
	struct ifinfomsg ifi = { .ifi_family = AF_UNSPEC };

	nl_start(&r, RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL, 0);
	nl_attr(&r, IFLA_IFNAME, name, strlen(name) + 1);
	if (master)
		nl_attr(&r, IFLA_MASTER, &master, sizeof(master));
	struct rtattr *info = nl_attr(&r, IFLA_LINKINFO, NULL, 0);
	nl_attr(&r, IFLA_INFO_KIND, "veth", 4);
	struct rtattr *data = nl_attr(&r, IFLA_INFO_DATA, NULL, 0);
	struct rtattr *p = nl_attr(&r, VETH_INFO_PEER, NULL, 0);
	nl_bytes(&r, &ifi, sizeof(ifi));
	nl_attr(&r, IFLA_IFNAME, peer, strlen(peer) + 1);
	nl_attr(&r, IFLA_NET_NS_FD, &peer_ns, sizeof(peer_ns));
	nl_end(&r, p);
	nl_end(&r, data);
	nl_end(&r, info);
	return nl_talk(&r);
}

static int veth_add(const char *name, const char *peer, int peer_ns)
{
	return veth_add_master(name, peer, peer_ns, 0);
}

static int bridge_add(const char *name)
{
	struct nlreq r;

	nl_start(&r, RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL, 0);
	nl_attr(&r, IFLA_IFNAME, name, strlen(name) + 1);
	struct rtattr *info = nl_attr(&r, IFLA_LINKINFO, NULL, 0);
	nl_attr(&r, IFLA_INFO_KIND, "bridge", 6);
	nl_end(&r, info);
	return nl_talk(&r);
}

/* ip link set DEV master MASTER (0: nomaster), by numbers. */
static int set_master(int ifindex, int master)
{
	struct nlreq r;

	nl_start(&r, RTM_NEWLINK, 0, ifindex);
	nl_attr(&r, IFLA_MASTER, &master, sizeof(master));
	return nl_talk(&r);
}

static int set_address(int ifindex, const unsigned char *mac)
{
	struct nlreq r;

	nl_start(&r, RTM_NEWLINK, 0, ifindex);
	nl_attr(&r, IFLA_ADDRESS, mac, 6);
	return nl_talk(&r);
}

/* ip link set DEV type bridge ageing_time CENTIS */
static int set_ageing(int ifindex, unsigned int centis)
{
	struct nlreq r;

	nl_start(&r, RTM_NEWLINK, 0, ifindex);
	struct rtattr *info = nl_attr(&r, IFLA_LINKINFO, NULL, 0);
	nl_attr(&r, IFLA_INFO_KIND, "bridge", 6);
	struct rtattr *data = nl_attr(&r, IFLA_INFO_DATA, NULL, 0);
	nl_attr(&r, IFLA_BR_AGEING_TIME, &centis, sizeof(centis));
	nl_end(&r, data);
	nl_end(&r, info);
	return nl_talk(&r);
}

static int link_del(int ifindex)
{
	struct nlreq r;

	nl_start(&r, RTM_DELLINK, 0, ifindex);
	return nl_talk(&r);
}

/* What a link dump says of one device. */
struct link {
	unsigned int flags;
	int master;		/* 0: none */
	char kind[16];
	unsigned int mtu;
	unsigned long long rx_packets, tx_packets;
};

/* The link named name in the current namespace: 0 or -errno. */
static int link_get(const char *name, struct link *l)
{
	struct nlreq r;
	static char buf[8192];

	memset(l, 0, sizeof(*l));
	nl_start(&r, RTM_GETLINK, 0, 0);
	nl_attr(&r, IFLA_IFNAME, name, strlen(name) + 1);
	int err = nl_exchange(&r, buf, sizeof(buf));
	if (err)
		return err;
	struct nlmsghdr *h = (struct nlmsghdr *)buf;
	struct ifinfomsg *ifi = NLMSG_DATA(h);
	l->flags = ifi->ifi_flags;
	int len = IFLA_PAYLOAD(h);
	for (struct rtattr *a = IFLA_RTA(ifi); RTA_OK(a, len); a = RTA_NEXT(a, len)) {
		if (a->rta_type == IFLA_MASTER)
			memcpy(&l->master, RTA_DATA(a), sizeof(int));
		else if (a->rta_type == IFLA_MTU)
			memcpy(&l->mtu, RTA_DATA(a), sizeof(int));
		else if (a->rta_type == IFLA_STATS64) {
			struct rtnl_link_stats64 st;
			memcpy(&st, RTA_DATA(a), sizeof(st));
			l->rx_packets = st.rx_packets;
			l->tx_packets = st.tx_packets;
		} else if (a->rta_type == IFLA_LINKINFO) {
			int ilen = RTA_PAYLOAD(a);
			for (struct rtattr *i = RTA_DATA(a); RTA_OK(i, ilen); i = RTA_NEXT(i, ilen))
				if (i->rta_type == IFLA_INFO_KIND)
					snprintf(l->kind, sizeof(l->kind), "%.*s",
						 (int)RTA_PAYLOAD(i), (char *)RTA_DATA(i));
		}
	}
	return 0;
}

/* Is addr in the forwarding database (RTM_GETNEIGH dumped for
 * AF_BRIDGE, `bridge fdb show`) behind port ifindex of bridge master, in
 * state?  1 yes, 0 no, -errno. */
static int fdb_has(const unsigned char *addr, int ifindex, int master, int state)
{
	struct {
		struct nlmsghdr h;
		struct ndmsg nd;
	} req = {
		.h = { .nlmsg_len = sizeof(req), .nlmsg_type = RTM_GETNEIGH,
		       .nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP, .nlmsg_seq = 2 },
		.nd = { .ndm_family = AF_BRIDGE },
	};
	static char buf[16384];
	int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE), found = 0;

	if (fd < 0)
		return -errno;
	set_timeout(fd);
	if (send(fd, &req, sizeof(req), 0) != sizeof(req)) {
		close(fd);
		return -errno;
	}
	for (;;) {
		ssize_t n = recv(fd, buf, sizeof(buf), 0);
		if (n <= 0)
			break;
		for (struct nlmsghdr *h = (struct nlmsghdr *)buf; NLMSG_OK(h, n); h = NLMSG_NEXT(h, n)) {
			if (h->nlmsg_type == NLMSG_DONE || h->nlmsg_type == NLMSG_ERROR) {
				close(fd);
				return found;
			}
			struct ndmsg *nd = NLMSG_DATA(h);
			int len = h->nlmsg_len - NLMSG_LENGTH(sizeof(*nd)), m = 0;
			bool same = false;
			for (struct rtattr *a = (struct rtattr *)((char *)nd + NLMSG_ALIGN(sizeof(*nd)));
			     RTA_OK(a, len); a = RTA_NEXT(a, len)) {
				if (a->rta_type == NDA_LLADDR)
					same = !memcmp(RTA_DATA(a), addr, 6);
				else if (a->rta_type == NDA_MASTER)
					memcpy(&m, RTA_DATA(a), sizeof(m));
			}
			found |= nd->ndm_family == AF_BRIDGE && same && nd->ndm_ifindex == ifindex &&
				 m == master && nd->ndm_state == state;
		}
	}
	close(fd);
	return -EPROTO;
}

/* ---- the device ioctls ---- */

static int if_ioctl(const char *name, unsigned long cmd, struct ifreq *r)
{
	int fd = socket(AF_INET, SOCK_DGRAM, 0);

	strcpy(r->ifr_name, name);
	int err = ioctl(fd, cmd, r);
	close(fd);
	return err;
}

static int if_up(const char *name)
{
	struct ifreq r;

	memset(&r, 0, sizeof(r));
	if (if_ioctl(name, SIOCGIFFLAGS, &r) != 0)
		return -1;
	r.ifr_flags |= IFF_UP;
	return if_ioctl(name, SIOCSIFFLAGS, &r);
}

static int set_mtu(const char *name, int mtu)
{
	struct ifreq r;

	memset(&r, 0, sizeof(r));
	r.ifr_mtu = mtu;
	return if_ioctl(name, SIOCSIFMTU, &r);
}

static int if_hwaddr(const char *name, unsigned char *mac)
{
	struct ifreq r;

	memset(&r, 0, sizeof(r));
	if (if_ioctl(name, SIOCGIFHWADDR, &r) != 0)
		return -1;
	memcpy(mac, r.ifr_hwaddr.sa_data, 6);
	return 0;
}

/* Bring name up with addr/24 (and lo up). */
static int if_setup(const char *name, const char *addr)
{
	struct ifreq r;

	if (if_up("lo") != 0)
		return -1;
	memset(&r, 0, sizeof(r));
	struct sockaddr_in *sin = (struct sockaddr_in *)&r.ifr_addr;
	*sin = sin_of(addr, 0);
	if (if_ioctl(name, SIOCSIFADDR, &r) != 0)
		return -1;
	*sin = sin_of("255.255.255.0", 0);
	if (if_ioctl(name, SIOCSIFNETMASK, &r) != 0)
		return -1;
	return if_up(name);
}

/* A new namespace (entered), without IPv6 where there is one: its
 * multicast chatter would cross the bridge and blur the counters. */
static int new_ns(void)
{
	if (unshare(CLONE_NEWNET) != 0)
		return -1;
	write_text("/proc/sys/net/ipv6/conf/all/disable_ipv6", "1\n");
	write_text("/proc/sys/net/ipv6/conf/default/disable_ipv6", "1\n");
	return open("/proc/self/ns/net", O_RDONLY);
}

/* Wait (HANG_SECONDS at most) until name's IFF_RUNNING is running. */
static bool wait_running(const char *name, bool running)
{
	for (int i = 0; i < HANG_SECONDS * 100; i++) {
		struct link l;
		if (link_get(name, &l) == 0 && !!(l.flags & IFF_RUNNING) == running)
			return true;
		usleep(10000);
	}
	return false;
}

static int setup_user(void)
{
	char map[64];
	uid_t uid = getuid();
	gid_t gid = getgid();

	if (unshare(CLONE_NEWUSER) != 0)
		return -1;
	snprintf(map, sizeof(map), "0 %u 1\n", (unsigned)uid);
	if (write_text("/proc/self/uid_map", map) || write_text("/proc/self/setgroups", "deny"))
		return -1;
	snprintf(map, sizeof(map), "0 %u 1\n", (unsigned)gid);
	if (write_text("/proc/self/gid_map", map))
		return -1;
	if ((ns_a = new_ns()) < 0 || (ns_b = new_ns()) < 0 || (ns_c = new_ns()) < 0 ||
	    (ns_r = new_ns()) < 0)
		return -1;
	return 0;
}

/* ---- the bridge and its ports ---- */

static void test_make(void)
{
	struct link l;
	unsigned char mac[6] = { 0 };

	check("bridge-create", bridge_add("br0") == 0, "failed");
	int err = bridge_add("br0");
	check("bridge-create-exists", err == -EEXIST, "%s", strerror(-err));
	err = link_get("br0", &l);
	check("bridge-kind", err == 0 && !strcmp(l.kind, "bridge"), "kind '%s' (%s)", l.kind,
	      strerror(-err));
	check("bridge-down-at-creation", !(l.flags & IFF_UP), "flags %#x", l.flags);
	check("bridge-mtu", l.mtu == 1500, "mtu %u", l.mtu);
	check("bridge-own-address", if_hwaddr("br0", mac) == 0 && (mac[0] & 3) == 2,
	      "%02x:%02x:%02x:%02x:%02x:%02x", mac[0], mac[1], mac[2], mac[3], mac[4], mac[5]);
	if (veth_add("pa", "a0", ns_a) || veth_add("pb", "b0", ns_b) || veth_add("pc", "c0", ns_c)) {
		check("bridge-veths", 0, "cannot make the veth pairs");
		exit(0);
	}
	int br = if_nametoindex("br0");
	const char *ports[] = { "pa", "pb", "pc" };
	for (int i = 0; i < 3; i++) {
		char name[64];
		snprintf(name, sizeof(name), "bridge-enslave-%s", ports[i]);
		err = set_master(if_nametoindex(ports[i]), br);
		check(name, err == 0, "%s", strerror(-err));
		snprintf(name, sizeof(name), "bridge-master-%s", ports[i]);
		err = link_get(ports[i], &l);
		check(name, err == 0 && l.master == br, "master %d, want %d", l.master, br);
	}
	err = set_master(if_nametoindex("pa"), br);
	check("bridge-enslave-again", err == 0, "%s", strerror(-err));
	err = set_master(if_nametoindex("lo"), br);
	check("bridge-enslave-lo", err == -EINVAL, "%s", strerror(-err));
	/* An unknown master is refused, but the port has left its old one
	 * first (Linux's do_set_master). */
	err = set_master(if_nametoindex("pa"), 999);
	check("bridge-enslave-unknown", err == -EINVAL, "%s", strerror(-err));
	link_get("pa", &l);
	check("bridge-enslave-unknown-released", l.master == 0, "master %d", l.master);
	err = set_master(if_nametoindex("pa"), br);
	check("bridge-enslave-after-unknown", err == 0, "%s", strerror(-err));
	bridge_add("br1");
	err = set_master(if_nametoindex("br1"), br);
	check("bridge-enslave-bridge", err == -ELOOP, "%s", strerror(-err));
	link_del(if_nametoindex("br1"));
	/* A link made with IFLA_MASTER is a port at once; refused, it is
	 * not made. */
	int self = open("/proc/self/ns/net", O_RDONLY);
	err = veth_add_master("pe", "pf", self, br);
	link_get("pe", &l);
	check("bridge-create-as-port", err == 0 && l.master == br, "%s, master %d",
	      strerror(-err), l.master);
	link_del(if_nametoindex("pe"));
	err = veth_add_master("pe", "pf", self, 999);
	check("bridge-create-as-port-unknown", err == -EINVAL && link_get("pe", &l) == -ENODEV &&
	      link_get("pf", &l) == -ENODEV, "%s", strerror(-err));
	close(self);
	link_get("br0", &l);
	check("bridge-master-none", l.master == 0, "master %d", l.master);
	/* Its address is now its lowest port's. */
	unsigned char low[6], pm[6];
	memset(low, 0xff, 6);
	for (int i = 0; i < 3; i++)
		if (if_hwaddr(ports[i], pm) == 0 && memcmp(pm, low, 6) < 0)
			memcpy(low, pm, 6);
	check("bridge-lowest-port-address", if_hwaddr("br0", mac) == 0 && !memcmp(mac, low, 6),
	      "%02x:%02x:%02x:%02x:%02x:%02x", mac[0], mac[1], mac[2], mac[3], mac[4], mac[5]);

	/* Its MTU is its ports' lowest, until it is set by hand. */
	set_mtu("pb", 1400);
	link_get("br0", &l);
	check("bridge-mtu-lowest-port", l.mtu == 1400, "mtu %u", l.mtu);
	set_mtu("pb", 1500);
	link_get("br0", &l);
	check("bridge-mtu-follows-ports", l.mtu == 1500, "mtu %u", l.mtu);
	set_mtu("br0", 1450);
	set_mtu("pb", 1300);
	link_get("br0", &l);
	check("bridge-mtu-set-by-hand", l.mtu == 1450, "mtu %u", l.mtu);
	set_mtu("pb", 1500);
	set_mtu("br0", 1500);

	/* A port's new address, now the lowest, becomes the bridge's. */
	static const unsigned char lowest[6] = { 0x02, 0, 0, 0, 0, 0x01 };
	err = set_address(if_nametoindex("pa"), lowest);
	check("bridge-port-new-address", err == 0 && if_hwaddr("br0", mac) == 0 &&
	      !memcmp(mac, lowest, 6), "%s, %02x:%02x:%02x:%02x:%02x:%02x", strerror(-err),
	      mac[0], mac[1], mac[2], mac[3], mac[4], mac[5]);
}

/* Everything up, addresses on; br0's carrier comes with its ports'. */
static void test_up(void)
{
	check("bridge-up", if_setup("br0", "10.77.0.1") == 0, "%s", strerror(errno));
	check("bridge-no-carrier-without-ports", wait_running("br0", false), "br0 running");
	if_up("pa");
	if_up("pb");
	if_up("pc");
	enter(ns_a);
	int ok = if_setup("a0", "10.77.0.2") == 0;
	enter(ns_b);
	ok &= if_setup("b0", "10.77.0.3") == 0;
	enter(ns_c);
	ok &= if_setup("c0", "10.77.0.4") == 0;
	enter(ns_r);
	check("bridge-hosts-up", ok, "%s", strerror(errno));
	check("bridge-carrier", wait_running("br0", true), "br0 not running");
	check("bridge-port-carrier", wait_running("pc", true), "pc not running");
}

static uint16_t icmp_sum(const void *buf, size_t len)
{
	const uint8_t *b = buf;
	uint32_t s = 0;

	for (size_t i = 0; i + 1 < len; i += 2)
		s += b[i] << 8 | b[i + 1];
	if (len & 1)
		s += b[len - 1] << 8;
	while (s >> 16)
		s = (s & 0xffff) + (s >> 16);
	return htons(~s);
}

/* One echo from the current namespace to dst, answered: true. */
static bool ping(const char *dst, int seq)
{
	int fd = socket(AF_INET, SOCK_RAW, IPPROTO_ICMP);
	unsigned char buf[256];
	struct icmphdr h = { .type = ICMP_ECHO };
	struct sockaddr_in to = sin_of(dst, 0);

	if (fd < 0)
		return false;
	set_timeout(fd);
	h.un.echo.id = htons(0x4272);
	h.un.echo.sequence = htons(seq);
	h.checksum = icmp_sum(&h, sizeof(h));
	if (sendto(fd, &h, sizeof(h), 0, (struct sockaddr *)&to, sizeof(to)) != sizeof(h)) {
		close(fd);
		return false;
	}
	ssize_t n;
	while ((n = recv(fd, buf, sizeof(buf), 0)) > 0) {
		struct iphdr *ih = (struct iphdr *)buf;
		struct icmphdr *ic = (struct icmphdr *)(buf + ih->ihl * 4);
		if (n >= ih->ihl * 4 + (ssize_t)sizeof(*ic) && ic->type == ICMP_ECHOREPLY &&
		    ih->saddr == to.sin_addr.s_addr && ic->un.echo.id == htons(0x4272) &&
		    ic->un.echo.sequence == htons(seq)) {
			close(fd);
			return true;
		}
	}
	close(fd);
	return false;
}

static int udp_socket(int ns, const char *addr, int port)
{
	enter(ns);
	int fd = socket(AF_INET, SOCK_DGRAM, 0);
	struct sockaddr_in a = sin_of(addr, port);

	set_timeout(fd);
	if (bind(fd, (struct sockaddr *)&a, sizeof(a)) != 0) {
		close(fd);
		return -1;
	}
	return fd;
}

static ssize_t send_to(int fd, const char *addr, int port, const void *buf, size_t len)
{
	struct sockaddr_in a = sin_of(addr, port);

	return sendto(fd, buf, len, 0, (struct sockaddr *)&a, sizeof(a));
}

/* A datagram from fd to addr, received on to: true. */
static bool udp_hop(int fd, const char *addr, int to, char c)
{
	char buf[16];

	return send_to(fd, addr, PORT, &c, 1) == 1 && recv(to, buf, sizeof(buf), 0) == 1 &&
	       buf[0] == c;
}

static unsigned long long port_tx(const char *port)
{
	struct link l;

	enter(ns_r);
	link_get(port, &l);
	return l.tx_packets;
}

static void test_traffic(void)
{
	enter(ns_a);
	check("bridge-ping-a-b", ping("10.77.0.3", 1), "no echo reply from B");
	check("bridge-ping-a-br0", ping("10.77.0.1", 2), "no echo reply from br0");
	int a = udp_socket(ns_a, "10.77.0.2", PORT);
	int b = udp_socket(ns_b, "10.77.0.3", PORT);
	int c = udp_socket(ns_c, "10.77.0.4", PORT);
	check("bridge-udp-a-c", udp_hop(a, "10.77.0.4", c, 'c'), "%s", strerror(errno));

	/* A and B are learnt (and resolved); the exchange between them
	 * then goes to their ports only: pc sends (almost) nothing of it. */
	bool ok = udp_hop(a, "10.77.0.3", b, 'w') && udp_hop(b, "10.77.0.2", a, 'w');
	unsigned long long before = port_tx("pc");
	for (int i = 0; i < EXCHANGE && ok; i++)
		ok = udp_hop(a, "10.77.0.3", b, 'x') && udp_hop(b, "10.77.0.2", a, 'y');
	unsigned long long after = port_tx("pc");
	check("bridge-exchange", ok, "%s", strerror(errno));
	check("bridge-learnt-not-flooded", after - before < EXCHANGE,
	      "pc sent %llu frames during %d datagrams between A and B", after - before,
	      2 * EXCHANGE);

	/* bridge fdb show: A learnt behind pa, pa's own address permanent. */
	unsigned char mac_a[6] = { 0 }, mac_pa[6] = { 0 };
	enter(ns_a);
	if_hwaddr("a0", mac_a);
	enter(ns_r);
	if_hwaddr("pa", mac_pa);
	int pa = if_nametoindex("pa"), br = if_nametoindex("br0");
	int got = fdb_has(mac_a, pa, br, NUD_REACHABLE);
	check("bridge-fdb-learnt", got == 1, "%s", got < 0 ? strerror(-got) : "not listed");
	got = fdb_has(mac_pa, pa, br, NUD_PERMANENT);
	check("bridge-fdb-port-own", got == 1, "%s", got < 0 ? strerror(-got) : "not listed");

	/* Ageing (300 s, here 1 s): A, silent, is forgotten. */
	int err = set_ageing(br, 100);
	for (int i = 0; i < HANG_SECONDS * 100 && (got = fdb_has(mac_a, pa, br, NUD_REACHABLE)) == 1;
	     i++)
		usleep(10000);
	check("bridge-fdb-ages-out", err == 0 && got == 0, "%s, %s", strerror(-err),
	      got < 0 ? strerror(-got) : got ? "still listed" : "gone");
	set_ageing(br, 30000);

	/* nomaster: pc leaves br0, and what A sends to C no longer reaches
	 * pc (a marker to B after it shows the bridge has handled it). */
	enter(ns_r);
	err = set_master(if_nametoindex("pc"), 0);
	struct link l;
	link_get("pc", &l);
	check("bridge-nomaster", err == 0 && l.master == 0, "%s, master %d", strerror(-err),
	      l.master);
	before = port_tx("pc");
	send_to(a, "10.77.0.4", PORT, "n", 1);
	ok = udp_hop(a, "10.77.0.3", b, 'm');
	after = port_tx("pc");
	char buf[16];
	check("bridge-nomaster-not-forwarded", ok && after == before &&
	      recv(c, buf, sizeof(buf), MSG_DONTWAIT) < 0, "pc sent %llu", after - before);
	enter(ns_r);
	err = set_master(if_nametoindex("pc"), if_nametoindex("br0"));
	check("bridge-enslave-again-forwards", err == 0 && udp_hop(a, "10.77.0.4", c, 'r'),
	      "%s / %s", strerror(-err), strerror(errno));
	close(a);
	close(b);
	close(c);
}

static void test_tcp(void)
{
	static unsigned char out[TCP_BYTES], in[TCP_BYTES];
	for (size_t i = 0; i < sizeof(out); i++)
		out[i] = i * 31 + (i >> 11);
	enter(ns_c);
	int l = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in a = sin_of("10.77.0.4", PORT);
	bind(l, (struct sockaddr *)&a, sizeof(a));
	listen(l, 1);
	pid_t pid = fork();
	if (pid == 0) {
		enter(ns_b);
		int c = socket(AF_INET, SOCK_STREAM, 0);
		set_timeout(c);
		if (connect(c, (struct sockaddr *)&a, sizeof(a)) != 0)
			_exit(1);
		size_t sent = 0;
		while (sent < sizeof(out)) {
			ssize_t n = write(c, out + sent, sizeof(out) - sent);
			if (n <= 0)
				_exit(2);
			sent += n;
		}
		close(c);
		_exit(0);
	}
	int c = accept(l, NULL, NULL);
	set_timeout(c);
	size_t got = 0;
	ssize_t n;
	while (got < sizeof(in) && (n = read(c, in + got, sizeof(in) - got)) > 0)
		got += n;
	check("bridge-tcp-b-c", got == sizeof(in) && !memcmp(in, out, sizeof(in)),
	      "read %zu of %zu", got, sizeof(in));
	int status;
	waitpid(pid, &status, 0);
	check("bridge-tcp-sender", WIFEXITED(status) && WEXITSTATUS(status) == 0, "status %#x",
	      status);
	close(c);
	close(l);
}

/* br0's row in /proc/net/dev counts what it received and sent. */
static void test_counters(void)
{
	static char buf[8192];
	unsigned long long rx = 0, tx = 0, x;

	enter(ns_r);
	slurp("/proc/net/dev", buf, sizeof(buf));
	char *row = strstr(buf, "br0:");
	if (row)
		sscanf(row + 4, "%llu %llu %llu %llu %llu %llu %llu %llu %llu %llu", &x, &rx, &x, &x,
		       &x, &x, &x, &x, &x, &tx);
	check("bridge-proc-net-dev", row && rx > 0 && tx > 0, "rx %llu tx %llu packets", rx, tx);
}

/*
 * A loop: a veth pair with both ends on one bridge (brl, in R, no
 * spanning tree) keeps a broadcast circling for as long as it exists,
 * on Linux too.  Meanwhile R's backlog never empties, and A and B must
 * still talk through br0; deleting brl and the pair ends it.
 */
static void test_loop(void)
{
	struct ifreq r;
	int one = 1;

	enter(ns_r);
	int err = bridge_add("brl");
	if (!err)
		err = veth_add("l0", "l1", ns_r);
	if (!err)
		err = set_master(if_nametoindex("l0"), if_nametoindex("brl"));
	if (!err)
		err = set_master(if_nametoindex("l1"), if_nametoindex("brl"));
	check("bridge-loop-setup", err == 0 && if_up("l0") == 0 && if_up("l1") == 0 &&
	      if_setup("brl", "10.78.0.1") == 0, "%s / %s", strerror(-err), strerror(errno));
	int u = socket(AF_INET, SOCK_DGRAM, 0);
	setsockopt(u, SOL_SOCKET, SO_BROADCAST, &one, sizeof(one));
	/* Linux turns a new port to forwarding when its carrier event is
	 * handled (linkwatch, up to a second later on a busy host): until
	 * l0 has sent a frame, the broadcast is sent again (a limit of 10 s
	 * only stops a hang). */
	bool sent = true;
	for (int i = 0; i < 1000 && sent && port_tx("l0") == 0; i++) {
		sent = send_to(u, "10.78.0.255", PORT, "b", 1) == 1;
		if (i)
			usleep(10000);
	}
	check("bridge-loop-broadcast", sent, "%s", strerror(errno));
	close(u);
	enter(ns_r);
	unsigned long long first = port_tx("l0");
	int a = udp_socket(ns_a, "10.77.0.2", PORT + 1);
	int b = udp_socket(ns_b, "10.77.0.3", PORT + 1);
	bool ok = true;
	for (int i = 0; i < 8 && ok; i++) {
		struct sockaddr_in to = sin_of("10.77.0.3", PORT + 1), back = sin_of("10.77.0.2", PORT + 1);
		char c;
		ok = sendto(a, "l", 1, 0, (struct sockaddr *)&to, sizeof(to)) == 1 &&
		     recv(b, &c, 1, 0) == 1 &&
		     sendto(b, "k", 1, 0, (struct sockaddr *)&back, sizeof(back)) == 1 &&
		     recv(a, &c, 1, 0) == 1;
	}
	check("bridge-loop-others-still-served", ok, "%s", strerror(errno));
	close(a);
	close(b);
	enter(ns_r);
	unsigned long long before = port_tx("l0");
	err = link_del(if_nametoindex("brl"));
	memset(&r, 0, sizeof(r));
	check("bridge-loop-delete", err == 0 && link_del(if_nametoindex("l0")) == 0 &&
	      if_ioctl("l1", SIOCGIFFLAGS, &r) != 0, "%s", strerror(-err));
	/* Nothing was sent since "first": a count still growing is the
	 * broadcast going round. */
	check("bridge-loop-circled", first > 0 && before > first, "l0 sent %llu frames, then %llu",
	      first, before);
}

static void test_delete(void)
{
	struct link l;

	enter(ns_r);
	int err = link_del(if_nametoindex("br0"));
	check("bridge-delete", err == 0, "%s", strerror(-err));
	const char *ports[] = { "pa", "pb", "pc" };
	for (int i = 0; i < 3; i++) {
		char name[64];
		snprintf(name, sizeof(name), "bridge-deleted-%s-masterless", ports[i]);
		err = link_get(ports[i], &l);
		check(name, err == 0 && l.master == 0, "%s, master %d", strerror(-err), l.master);
	}

	/* A port whose peer's namespace dies goes with it, out of br2. */
	bridge_add("br2");
	int d = open("/proc/self/ns/net", O_RDONLY);
	int ns_d = new_ns();
	enter(d);
	close(d);
	err = veth_add("pd", "d0", ns_d);
	if (!err)
		err = set_master(if_nametoindex("pd"), if_nametoindex("br2"));
	close(ns_d);
	check("bridge-dying-ns-setup", err == 0, "%s", strerror(-err));
	bool gone = false;
	for (int i = 0; i < HANG_SECONDS * 100 && !gone; i++) {
		gone = link_get("pd", &l) == -ENODEV;
		if (!gone)
			usleep(10000);
	}
	check("bridge-dying-ns-port-gone", gone, "pd still there");
	err = link_del(if_nametoindex("br2"));
	check("bridge-dying-ns-bridge-deleted", err == 0, "%s", strerror(-err));

	/* A namespace dies with a bridge and its port in it: the port's
	 * peer in A goes too. */
	int back = open("/proc/self/ns/net", O_RDONLY);
	int ns_e = new_ns();
	err = bridge_add("br3");
	if (!err)
		err = veth_add_master("pe0", "e1", ns_a, if_nametoindex("br3"));
	enter(back);
	close(back);
	close(ns_e);
	check("bridge-ns-dies-setup", err == 0, "%s", strerror(-err));
	enter(ns_a);
	gone = false;
	for (int i = 0; i < HANG_SECONDS * 100 && !gone; i++) {
		gone = link_get("e1", &l) == -ENODEV;
		if (!gone)
			usleep(10000);
	}
	check("bridge-ns-dies-peer-gone", gone, "e1 still there");
	enter(ns_r);
}

int main(void)
{
	if (!check("bridge-setup", setup_user() == 0, "%s", strerror(errno)))
		return 0;
	test_make();
	test_up();
	test_traffic();
	test_tcp();
	test_counters();
	test_loop();
	test_delete();
	return 0;
}
