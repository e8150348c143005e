/*
 * rtnl: AF_NETLINK / NETLINK_ROUTE spoken raw (no library), in a fresh
 * network namespace the program makes for itself (a new user namespace
 * where it is root, and a new network namespace), so the Linux host's run
 * sees what a fresh Linux namespace has.  The socket (port ids, peeking
 * with MSG_TRUNC, dumps continued over several receives, NLMSG_ERROR with
 * the request's header, multicast notifications, poll); links (a fresh
 * namespace has lo only, down; veth pairs in one namespace and with the
 * peer in another by pid and by fd; up, down and carrier; MTU; rename;
 * moving; deleting, the peer too); IPv4 addresses and routes (add, dump,
 * get, delete, gateways); the errors (EEXIST, ENODEV, EPERM without
 * CAP_NET_ADMIN, EINVAL, EOPNOTSUPP, ESRCH, ENETUNREACH); and a
 * namespace's death taking its veths' peers along.  Also natively on the
 * Linux host, and built with glibc.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <fcntl.h>
#include <net/if.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdbool.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/if_link.h>
#include <linux/if_addr.h>
#include <linux/if_arp.h>
#include <linux/veth.h>
#include "t.h"

#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif

static int write_text(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY);
	if (fd < 0)
		return -1;
	ssize_t n = write(fd, text, strlen(text));
	close(fd);
	return n == (ssize_t)strlen(text) ? 0 : -1;
}

/* Root of a new user namespace owning a new network namespace. */
static int new_netns(void)
{
	char map[64];
	uid_t uid = getuid();
	gid_t gid = getgid();

	if (unshare(CLONE_NEWUSER | CLONE_NEWNET) != 0)
		return -1;
	snprintf(map, sizeof(map), "0 %u 1\n", (unsigned)uid);
	if (write_text("/proc/self/uid_map", map) != 0)
		return -1;
	if (write_text("/proc/self/setgroups", "deny") != 0)
		return -1;
	snprintf(map, sizeof(map), "0 %u 1\n", (unsigned)gid);
	return write_text("/proc/self/gid_map", map);
}

/* Wait a little (conditions are polled, never timed). */
static void nap(void)
{
	struct timespec ts = { 0, 10 * 1000 * 1000 };
	nanosleep(&ts, NULL);
}

/* ---- building requests ---- */

struct req {
	union {
		struct nlmsghdr h;
		char buf[4096];
	};
};

static void *req_init(struct req *r, int type, int flags, size_t hdrlen)
{
	memset(r, 0, sizeof(*r));
	r->h.nlmsg_len = NLMSG_LENGTH(hdrlen);
	r->h.nlmsg_type = type;
	r->h.nlmsg_flags = NLM_F_REQUEST | flags;
	return NLMSG_DATA(&r->h);
}

static struct rtattr *addattr(struct req *r, int type, const void *data, size_t len)
{
	struct rtattr *a = (struct rtattr *)(r->buf + NLMSG_ALIGN(r->h.nlmsg_len));
	a->rta_type = type;
	a->rta_len = RTA_LENGTH(len);
	if (len)
		memcpy(RTA_DATA(a), data, len);
	r->h.nlmsg_len = NLMSG_ALIGN(r->h.nlmsg_len) + RTA_ALIGN(a->rta_len);
	return a;
}

static void addattr_u32(struct req *r, int type, uint32_t v)
{
	addattr(r, type, &v, 4);
}

static void addattr_str(struct req *r, int type, const char *s)
{
	addattr(r, type, s, strlen(s) + 1);
}

static void addattr_ip(struct req *r, int type, const char *ip)
{
	struct in_addr a;
	inet_pton(AF_INET, ip, &a);
	addattr(r, type, &a, 4);
}

static struct rtattr *nest(struct req *r, int type)
{
	return addattr(r, type, NULL, 0);
}

static void nest_end(struct req *r, struct rtattr *a)
{
	a->rta_len = r->buf + r->h.nlmsg_len - (char *)a;
}

/* ---- talking ---- */

static unsigned int seqno = 100;

static int nl_open(void)
{
	int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
	if (fd < 0)
		return -1;
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) != 0) {
		close(fd);
		return -1;
	}
	return fd;
}

static int nl_send(int fd, struct req *r)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	r->h.nlmsg_seq = ++seqno;
	if (sendto(fd, r->buf, r->h.nlmsg_len, 0, (struct sockaddr *)&sa, sizeof(sa)) !=
	    (ssize_t)r->h.nlmsg_len)
		return -1;
	return r->h.nlmsg_seq;
}

static char rbuf[65536];
static struct nlmsgerr last_err;

/* Send r with NLM_F_ACK and read its answer: 0 or -errno (from the
 * NLMSG_ERROR); -1000 if the answer is not there. */
static int nl_talk(int fd, struct req *r)
{
	r->h.nlmsg_flags |= NLM_F_ACK;
	int seq = nl_send(fd, r);
	if (seq < 0)
		return -1000;
	for (;;) {
		ssize_t n = recv(fd, rbuf, sizeof(rbuf), 0);
		if (n < 0)
			return -1000;
		for (struct nlmsghdr *h = (struct nlmsghdr *)rbuf; NLMSG_OK(h, n); h = NLMSG_NEXT(h, n)) {
			if (h->nlmsg_seq != (unsigned)seq)
				continue;
			if (h->nlmsg_type == NLMSG_ERROR) {
				memcpy(&last_err, NLMSG_DATA(h), sizeof(last_err));
				return last_err.error;
			}
		}
	}
}

/* The messages of a dump, concatenated (NLMSG_DONE excluded) into dbuf;
 * the number of receives it took in *parts.  Each datagram is sized
 * first with MSG_PEEK | MSG_TRUNC, as iproute2 does (Linux fills up to
 * 32 KiB at a time).  Bytes, or -1. */
static char dbuf[1 << 18];

static ssize_t nl_dump(int fd, int type, int family, int *parts)
{
	struct req r;
	struct rtgenmsg *g = req_init(&r, type, NLM_F_DUMP, sizeof(struct ifinfomsg));
	g->rtgen_family = family;
	int seq = nl_send(fd, &r);
	if (seq < 0)
		return -1;
	size_t used = 0;
	int n_parts = 0;
	for (;;) {
		ssize_t n = recv(fd, NULL, 0, MSG_PEEK | MSG_TRUNC);
		if (n <= 0 || n > (ssize_t)sizeof(rbuf))
			return -1;
		if (recv(fd, rbuf, n, 0) != n)
			return -1;
		n_parts++;
		for (struct nlmsghdr *h = (struct nlmsghdr *)rbuf; NLMSG_OK(h, n); h = NLMSG_NEXT(h, n)) {
			if (h->nlmsg_seq != (unsigned)seq)
				continue;
			if (h->nlmsg_type == NLMSG_DONE) {
				if (parts)
					*parts = n_parts;
				return used;
			}
			if (h->nlmsg_type == NLMSG_ERROR)
				return -1;
			if (!(h->nlmsg_flags & NLM_F_MULTI) || used + h->nlmsg_len > sizeof(dbuf))
				return -1;
			memcpy(dbuf + used, h, NLMSG_ALIGN(h->nlmsg_len));
			used += NLMSG_ALIGN(h->nlmsg_len);
		}
	}
}

#define for_each_msg(h, buf, len) \
	for (struct nlmsghdr *h = (struct nlmsghdr *)(buf); (len) > 0 && NLMSG_OK(h, (len)); \
	     h = (struct nlmsghdr *)((char *)h + NLMSG_ALIGN(h->nlmsg_len)), \
	     (len) -= NLMSG_ALIGN(h->nlmsg_len) > (size_t)(len) ? (len) : 0)

/* The attributes after a family header into tb. */
static void parse_attrs(struct nlmsghdr *h, size_t hdrlen, struct rtattr **tb, int max)
{
	memset(tb, 0, sizeof(*tb) * (max + 1));
	struct rtattr *a = (struct rtattr *)((char *)NLMSG_DATA(h) + NLMSG_ALIGN(hdrlen));
	int len = h->nlmsg_len - NLMSG_SPACE(hdrlen);
	for (; RTA_OK(a, len); a = RTA_NEXT(a, len))
		if (a->rta_type <= max)
			tb[a->rta_type] = a;
}

static uint32_t rta_u32(struct rtattr *a)
{
	uint32_t v;
	memcpy(&v, RTA_DATA(a), 4);
	return v;
}

/* ---- links ---- */

struct link {
	int index;
	unsigned int flags;
	unsigned short type;
	char name[IFNAMSIZ];
	unsigned int mtu, txqlen;
	int operstate;
	int link;		/* IFLA_LINK, 0 if none */
	bool has_netnsid;
	char kind[16];
	char qdisc[16];
	unsigned char addr[6], brd[6];
	int addrlen;
};

static struct link links[128];
static int nlinks;

/* All links of fd's namespace into links[]: their number, or -1. */
static int get_links(int fd)
{
	ssize_t len = nl_dump(fd, RTM_GETLINK, AF_UNSPEC, NULL);
	if (len < 0)
		return -1;
	nlinks = 0;
	for (struct nlmsghdr *h = (struct nlmsghdr *)dbuf; len > 0 && NLMSG_OK(h, len);
	     h = NLMSG_NEXT(h, len)) {
		if (h->nlmsg_type != RTM_NEWLINK || nlinks == 128)
			continue;
		struct ifinfomsg *ifi = NLMSG_DATA(h);
		struct rtattr *tb[IFLA_MAX + 1];
		parse_attrs(h, sizeof(*ifi), tb, IFLA_MAX);
		struct link *l = &links[nlinks++];
		memset(l, 0, sizeof(*l));
		l->index = ifi->ifi_index;
		l->flags = ifi->ifi_flags;
		l->type = ifi->ifi_type;
		if (tb[IFLA_IFNAME])
			snprintf(l->name, sizeof(l->name), "%s", (char *)RTA_DATA(tb[IFLA_IFNAME]));
		if (tb[IFLA_MTU])
			l->mtu = rta_u32(tb[IFLA_MTU]);
		if (tb[IFLA_TXQLEN])
			l->txqlen = rta_u32(tb[IFLA_TXQLEN]);
		l->operstate = tb[IFLA_OPERSTATE] ? *(unsigned char *)RTA_DATA(tb[IFLA_OPERSTATE]) : -1;
		if (tb[IFLA_LINK])
			l->link = rta_u32(tb[IFLA_LINK]);
		l->has_netnsid = tb[IFLA_LINK_NETNSID] != NULL;
		if (tb[IFLA_QDISC])
			snprintf(l->qdisc, sizeof(l->qdisc), "%s", (char *)RTA_DATA(tb[IFLA_QDISC]));
		if (tb[IFLA_ADDRESS] && RTA_PAYLOAD(tb[IFLA_ADDRESS]) == 6) {
			memcpy(l->addr, RTA_DATA(tb[IFLA_ADDRESS]), 6);
			l->addrlen = 6;
		}
		if (tb[IFLA_BROADCAST] && RTA_PAYLOAD(tb[IFLA_BROADCAST]) == 6)
			memcpy(l->brd, RTA_DATA(tb[IFLA_BROADCAST]), 6);
		if (tb[IFLA_LINKINFO]) {
			struct rtattr *a = RTA_DATA(tb[IFLA_LINKINFO]);
			int alen = RTA_PAYLOAD(tb[IFLA_LINKINFO]);
			for (; RTA_OK(a, alen); a = RTA_NEXT(a, alen))
				if (a->rta_type == IFLA_INFO_KIND)
					snprintf(l->kind, sizeof(l->kind), "%s", (char *)RTA_DATA(a));
		}
	}
	return nlinks;
}

static struct link *find(int fd, const char *name)
{
	if (get_links(fd) < 0)
		return NULL;
	for (int i = 0; i < nlinks; i++)
		if (!strcmp(links[i].name, name))
			return &links[i];
	return NULL;
}

static int link_index(int fd, const char *name)
{
	struct link *l = find(fd, name);
	return l ? l->index : 0;
}

/* ip link add NAME type veth peer name PEER [netns by pid / fd] */
static int add_veth(int fd, const char *name, const char *peer, int ns_attr, int ns_val)
{
	struct req r;
	req_init(&r, RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL, sizeof(struct ifinfomsg));
	if (name)
		addattr_str(&r, IFLA_IFNAME, name);
	struct rtattr *li = nest(&r, IFLA_LINKINFO);
	addattr(&r, IFLA_INFO_KIND, "veth", 4);	/* without its NUL, as iproute2 */
	struct rtattr *data = nest(&r, IFLA_INFO_DATA);
	struct rtattr *p = nest(&r, VETH_INFO_PEER);
	struct ifinfomsg pifi = { .ifi_family = AF_UNSPEC };
	memcpy(r.buf + r.h.nlmsg_len, &pifi, sizeof(pifi));
	r.h.nlmsg_len += NLMSG_ALIGN(sizeof(pifi));
	if (peer)
		addattr_str(&r, IFLA_IFNAME, peer);
	if (ns_attr)
		addattr_u32(&r, ns_attr, ns_val);
	nest_end(&r, p);
	nest_end(&r, data);
	nest_end(&r, li);
	return nl_talk(fd, &r);
}

/* ip link set: flags under mask, and one attribute (type 0: none). */
static int set_link(int fd, int index, unsigned int flags, unsigned int change, int type,
		    const void *data, size_t len)
{
	struct req r;
	struct ifinfomsg *ifi = req_init(&r, RTM_NEWLINK, 0, sizeof(*ifi));
	ifi->ifi_index = index;
	ifi->ifi_flags = flags;
	ifi->ifi_change = change;
	if (type)
		addattr(&r, type, data, len);
	return nl_talk(fd, &r);
}

static int del_link(int fd, int index, const char *name)
{
	struct req r;
	struct ifinfomsg *ifi = req_init(&r, RTM_DELLINK, 0, sizeof(*ifi));
	ifi->ifi_index = index;
	if (name)
		addattr_str(&r, IFLA_IFNAME, name);
	return nl_talk(fd, &r);
}

/* Wait until name's operstate is want (Linux sets it a moment later). */
static int wait_oper(int fd, const char *name, int want)
{
	struct link *l = NULL;
	for (int i = 0; i < 1000; i++) {
		l = find(fd, name);
		if (l && l->operstate == want)
			return want;
		nap();
	}
	return l ? l->operstate : -2;
}

/* ---- addresses and routes ---- */

static int addr_req(int fd, int type, int index, const char *ip, int plen)
{
	struct req r;
	struct ifaddrmsg *ifa = req_init(&r, type, type == RTM_NEWADDR ? NLM_F_CREATE | NLM_F_EXCL : 0,
					 sizeof(*ifa));
	ifa->ifa_family = AF_INET;
	ifa->ifa_prefixlen = plen;
	ifa->ifa_index = index;
	addattr_ip(&r, IFA_LOCAL, ip);
	addattr_ip(&r, IFA_ADDRESS, ip);
	return nl_talk(fd, &r);
}

/* The IPv4 addresses of the device index, "a.b.c.d/len label" joined by
 * spaces, into out. */
static int addrs_of(int fd, int index, char *out, size_t size)
{
	ssize_t len = nl_dump(fd, RTM_GETADDR, AF_INET, NULL);
	out[0] = 0;
	if (len < 0)
		return -1;
	int n = 0;
	for (struct nlmsghdr *h = (struct nlmsghdr *)dbuf; len > 0 && NLMSG_OK(h, len);
	     h = NLMSG_NEXT(h, len)) {
		struct ifaddrmsg *ifa = NLMSG_DATA(h);
		if (h->nlmsg_type != RTM_NEWADDR || ifa->ifa_family != AF_INET ||
		    (int)ifa->ifa_index != index)
			continue;
		struct rtattr *tb[IFA_MAX + 1];
		parse_attrs(h, sizeof(*ifa), tb, IFA_MAX);
		char ip[32] = "?", *label = tb[IFA_LABEL] ? RTA_DATA(tb[IFA_LABEL]) : "?";
		if (tb[IFA_LOCAL])
			inet_ntop(AF_INET, RTA_DATA(tb[IFA_LOCAL]), ip, sizeof(ip));
		bool perm = tb[IFA_FLAGS] && (rta_u32(tb[IFA_FLAGS]) & IFA_F_PERMANENT);
		size_t used = strlen(out);
		snprintf(out + used, size - used, "%s%s/%d %s%s%s", n ? " " : "", ip,
			 ifa->ifa_prefixlen, label, perm ? "" : " !permanent",
			 tb[IFA_CACHEINFO] ? "" : " !cacheinfo");
		n++;
	}
	return n;
}

static int route_req(int fd, int type, int flags, const char *dst, int plen, const char *gw,
		     int oif)
{
	struct req r;
	struct rtmsg *rtm = req_init(&r, type, flags, sizeof(*rtm));
	rtm->rtm_family = AF_INET;
	rtm->rtm_dst_len = plen;
	rtm->rtm_table = RT_TABLE_MAIN;
	rtm->rtm_protocol = RTPROT_BOOT;
	rtm->rtm_type = RTN_UNICAST;
	rtm->rtm_scope = type == RTM_DELROUTE ? RT_SCOPE_NOWHERE :
			 gw ? RT_SCOPE_UNIVERSE : RT_SCOPE_LINK;
	if (plen)
		addattr_ip(&r, RTA_DST, dst);
	if (gw)
		addattr_ip(&r, RTA_GATEWAY, gw);
	if (oif)
		addattr_u32(&r, RTA_OIF, oif);
	return nl_talk(fd, &r);
}

/* The main table's routes as `ip route` prints them (roughly), joined by
 * "; ", into out. */
static int routes(int fd, int table, char *out, size_t size)
{
	ssize_t len = nl_dump(fd, RTM_GETROUTE, AF_INET, NULL);
	out[0] = 0;
	if (len < 0)
		return -1;
	int n = 0;
	for (struct nlmsghdr *h = (struct nlmsghdr *)dbuf; len > 0 && NLMSG_OK(h, len);
	     h = NLMSG_NEXT(h, len)) {
		struct rtmsg *rtm = NLMSG_DATA(h);
		if (h->nlmsg_type != RTM_NEWROUTE || rtm->rtm_family != AF_INET)
			continue;
		struct rtattr *tb[RTA_MAX + 1];
		parse_attrs(h, sizeof(*rtm), tb, RTA_MAX);
		int t = tb[RTA_TABLE] ? (int)rta_u32(tb[RTA_TABLE]) : rtm->rtm_table;
		if (t != table)
			continue;
		char dst[32] = "default", gw[32] = "", src[32] = "", ifname[IFNAMSIZ] = "?";
		if (tb[RTA_DST]) {
			inet_ntop(AF_INET, RTA_DATA(tb[RTA_DST]), dst, sizeof(dst));
			if (rtm->rtm_dst_len != 32)
				snprintf(dst + strlen(dst), sizeof(dst) - strlen(dst), "/%d",
					 rtm->rtm_dst_len);
		}
		if (tb[RTA_GATEWAY]) {
			strcpy(gw, " via ");
			inet_ntop(AF_INET, RTA_DATA(tb[RTA_GATEWAY]), gw + 5, sizeof(gw) - 5);
		}
		if (tb[RTA_PREFSRC]) {
			strcpy(src, " src ");
			inet_ntop(AF_INET, RTA_DATA(tb[RTA_PREFSRC]), src + 5, sizeof(src) - 5);
		}
		if (tb[RTA_OIF])
			if_indextoname(rta_u32(tb[RTA_OIF]), ifname);
		const char *type = rtm->rtm_type == RTN_LOCAL ? "local " :
				   rtm->rtm_type == RTN_BROADCAST ? "broadcast " : "";
		size_t used = strlen(out);
		snprintf(out + used, size - used, "%s%s%s%s dev %s proto %d scope %d%s", n ? "; " : "",
			 type, dst, gw, ifname, rtm->rtm_protocol, rtm->rtm_scope, src);
		n++;
	}
	return n;
}

/* ip route get DST: "via GW dev IF src SRC" into out; 0 or -errno. */
static int route_get(int fd, const char *dst, char *out, size_t size)
{
	struct req r;
	struct rtmsg *rtm = req_init(&r, RTM_GETROUTE, 0, sizeof(*rtm));
	rtm->rtm_family = AF_INET;
	rtm->rtm_dst_len = 32;
	addattr_ip(&r, RTA_DST, dst);
	int seq = nl_send(fd, &r);
	out[0] = 0;
	ssize_t n = recv(fd, rbuf, sizeof(rbuf), 0);
	if (n <= 0)
		return -1000;
	struct nlmsghdr *h = (struct nlmsghdr *)rbuf;
	if (!NLMSG_OK(h, n) || h->nlmsg_seq != (unsigned)seq)
		return -1000;
	if (h->nlmsg_type == NLMSG_ERROR)
		return ((struct nlmsgerr *)NLMSG_DATA(h))->error;
	if (h->nlmsg_type != RTM_NEWROUTE)
		return -1000;
	struct rtattr *tb[RTA_MAX + 1];
	parse_attrs(h, sizeof(*rtm), tb, RTA_MAX);
	rtm = NLMSG_DATA(h);
	char gw[32] = "-", src[32] = "-", ifname[IFNAMSIZ] = "?";
	if (tb[RTA_GATEWAY])
		inet_ntop(AF_INET, RTA_DATA(tb[RTA_GATEWAY]), gw, sizeof(gw));
	if (tb[RTA_PREFSRC])
		inet_ntop(AF_INET, RTA_DATA(tb[RTA_PREFSRC]), src, sizeof(src));
	if (tb[RTA_OIF])
		if_indextoname(rta_u32(tb[RTA_OIF]), ifname);
	snprintf(out, size, "via %s dev %s src %s%s%s%s", gw, ifname, src,
		 tb[RTA_UID] ? " uid" : "", tb[RTA_CACHEINFO] ? " cache" : "",
		 rtm->rtm_flags & RTM_F_CLONED ? " cloned" : "");
	return 0;
}

/* ---- a second namespace, run by a child that answers questions ---- */

struct other {
	pid_t pid;
	int to, from;		/* pipes: questions, answers */
};

static void other_serve(int in, int out)
{
	int fd = nl_open();
	char q[128];
	ssize_t n;
	while ((n = read(in, q, sizeof(q) - 1)) > 0) {
		q[n] = 0;
		char a[512] = "?";
		if (fd < 0) {
			strcpy(a, "no socket");
		} else if (!strncmp(q, "has ", 4)) {
			struct link *l = find(fd, q + 4);
			snprintf(a, sizeof(a), "%s", !l ? "no" : l->has_netnsid ? "yes netnsid" : "yes");
		} else if (!strncmp(q, "index ", 6)) {
			snprintf(a, sizeof(a), "%d", link_index(fd, q + 6));
		} else if (!strncmp(q, "addrs ", 6)) {
			addrs_of(fd, link_index(fd, q + 6), a, sizeof(a));
		} else if (!strcmp(q, "links")) {
			get_links(fd);
			a[0] = 0;
			for (int i = 0; i < nlinks; i++)
				snprintf(a + strlen(a), sizeof(a) - strlen(a), "%s%s", i ? " " : "",
					 links[i].name);
		} else if (!strcmp(q, "quit")) {
			break;
		}
		/* Answers begin with '=', so an empty one is still a write. */
		char w[520];
		snprintf(w, sizeof(w), "=%s", a);
		if (write(out, w, strlen(w)) < 0)
			break;
	}
	_exit(0);
}

static int other_start(struct other *o)
{
	int a[2], b[2];
	if (pipe(a) || pipe(b))
		return -1;
	o->pid = fork();
	if (o->pid < 0)
		return -1;
	if (o->pid == 0) {
		close(a[1]);
		close(b[0]);
		if (unshare(CLONE_NEWNET) != 0)
			_exit(1);
		if (write(b[1], "ready", 5) != 5)
			_exit(1);
		other_serve(a[0], b[1]);
	}
	close(a[0]);
	close(b[1]);
	o->to = a[1];
	o->from = b[0];
	char buf[8];
	return read(o->from, buf, 5) == 5 ? 0 : -1;
}

static const char *ask(struct other *o, const char *q)
{
	static char a[512];
	if (write(o->to, q, strlen(q)) < 0)
		return "write failed";
	ssize_t n = read(o->from, a, sizeof(a) - 1);
	a[n > 0 ? n : 0] = 0;
	return a[0] == '=' ? a + 1 : a;
}

static void other_stop(struct other *o)
{
	ask(o, "quit");
	close(o->to);
	close(o->from);
	waitpid(o->pid, NULL, 0);
}

/* ---- the checks ---- */

static void socket_checks(void)
{
	int fd = socket(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE);
	check("rtnl-socket-raw", fd >= 0, "%s", strerror(errno));
	int d = socket(AF_NETLINK, SOCK_DGRAM, NETLINK_ROUTE);
	check("rtnl-socket-dgram", d >= 0, "%s", strerror(errno));
	long ret = socket(AF_NETLINK, SOCK_RAW, 31);
	check_errno("rtnl-socket-protocol", ret, errno, EPROTONOSUPPORT);
	ret = socket(AF_NETLINK, SOCK_STREAM, NETLINK_ROUTE);
	check_errno("rtnl-socket-stream", ret, errno, ESOCKTNOSUPPORT);

	/* Port ids: the first socket bound with 0 gets the thread group's id. */
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	socklen_t sl = sizeof(sa);
	int ok = bind(fd, (struct sockaddr *)&sa, sizeof(sa)) == 0 &&
		 getsockname(fd, (struct sockaddr *)&sa, &sl) == 0;
	check("rtnl-bind-portid-tgid", ok && sl == sizeof(sa) && sa.nl_family == AF_NETLINK &&
	      sa.nl_pid == (unsigned)getpid(), "pid %u against %d", sa.nl_pid, getpid());
	struct sockaddr_nl sb = { .nl_family = AF_NETLINK };
	sl = sizeof(sb);
	ok = bind(d, (struct sockaddr *)&sb, sizeof(sb)) == 0 &&
	     getsockname(d, (struct sockaddr *)&sb, &sl) == 0;
	check("rtnl-bind-second-portid", ok && sb.nl_pid && sb.nl_pid != sa.nl_pid, "pid %u", sb.nl_pid);
	struct sockaddr_nl taken = { .nl_family = AF_NETLINK, .nl_pid = sa.nl_pid };
	int e = socket(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE);
	ret = bind(e, (struct sockaddr *)&taken, sizeof(taken));
	check_errno("rtnl-bind-taken", ret, errno, EADDRINUSE);
	close(e);

	/* The options iproute2 sets. */
	int one = 1, big = 1024 * 1024, v = 0;
	socklen_t vl = sizeof(v);
	check("rtnl-setsockopt", setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &big, sizeof(big)) == 0 &&
	      setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &big, sizeof(big)) == 0 &&
	      setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one)) == 0 &&
	      setsockopt(fd, SOL_NETLINK, NETLINK_GET_STRICT_CHK, &one, sizeof(one)) == 0,
	      "%s", strerror(errno));
	check("rtnl-getsockopt-ext-ack", getsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, &v, &vl) == 0 &&
	      v == 1, "v %d: %s", v, strerror(errno));

	/* Nothing to read yet. */
	ret = recv(fd, rbuf, sizeof(rbuf), MSG_DONTWAIT);
	check_errno("rtnl-recv-dontwait", ret, errno, EAGAIN);

	/* A dump request: MSG_PEEK|MSG_TRUNC tells the size (iproute2's way). */
	struct req r;
	struct rtgenmsg *g = req_init(&r, RTM_GETLINK, NLM_F_DUMP, sizeof(struct ifinfomsg));
	g->rtgen_family = AF_UNSPEC;
	int seq = nl_send(fd, &r);
	struct pollfd pfd = { fd, POLLIN, 0 };
	check("rtnl-poll-in", poll(&pfd, 1, 10000) == 1 && (pfd.revents & POLLIN), "revents %x",
	      pfd.revents);
	ssize_t peek = recv(fd, NULL, 0, MSG_PEEK | MSG_TRUNC);
	struct sockaddr_nl from;
	socklen_t fl = sizeof(from);
	ssize_t n = recvfrom(fd, rbuf, sizeof(rbuf), 0, (struct sockaddr *)&from, &fl);
	check("rtnl-peek-trunc-size", peek > 0 && peek == n, "peek %zd, recv %zd", peek, n);
	check("rtnl-recv-from-kernel", fl == sizeof(from) && from.nl_family == AF_NETLINK &&
	      from.nl_pid == 0, "len %u pid %u", fl, from.nl_pid);
	struct nlmsghdr *h = (struct nlmsghdr *)rbuf;
	check("rtnl-dump-reply-header", NLMSG_OK(h, n) && h->nlmsg_type == RTM_NEWLINK &&
	      h->nlmsg_seq == (unsigned)seq && h->nlmsg_pid == sa.nl_pid &&
	      (h->nlmsg_flags & NLM_F_MULTI), "type %d seq %u pid %u flags %x", h->nlmsg_type,
	      h->nlmsg_seq, h->nlmsg_pid, h->nlmsg_flags);
	/* The rest ends with NLMSG_DONE (on Linux in a datagram of its own). */
	bool done = false;
	for (h = (struct nlmsghdr *)rbuf; NLMSG_OK(h, n); h = NLMSG_NEXT(h, n))
		if (h->nlmsg_type == NLMSG_DONE)
			done = true;
	while (!done) {
		n = recv(fd, rbuf, sizeof(rbuf), 0);
		if (n <= 0)
			break;
		for (h = (struct nlmsghdr *)rbuf; NLMSG_OK(h, n); h = NLMSG_NEXT(h, n))
			if (h->nlmsg_type == NLMSG_DONE)
				done = true;
	}
	check("rtnl-dump-done", done, "no NLMSG_DONE");

	/* A truncated receive says MSG_TRUNC, and the datagram is gone. */
	seq = nl_send(fd, &r);
	struct iovec iov = { rbuf, 20 };
	struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1 };
	n = recvmsg(fd, &mh, 0);
	check("rtnl-recv-trunc", n == 20 && (mh.msg_flags & MSG_TRUNC), "n %zd flags %x", n,
	      mh.msg_flags);
	while ((n = recv(fd, rbuf, sizeof(rbuf), 0)) > 0) {
		h = (struct nlmsghdr *)rbuf;
		if (NLMSG_OK(h, n) && h->nlmsg_type == NLMSG_DONE)
			break;
	}

	/* An error answer carries the request's header. */
	struct ifinfomsg *ifi = req_init(&r, RTM_GETLINK, 0, sizeof(*ifi));
	ifi->ifi_index = 9999;
	int err = nl_talk(fd, &r);
	check("rtnl-error-enodev", err == -ENODEV, "error %d", err);
	check("rtnl-error-has-request", last_err.msg.nlmsg_seq == seqno &&
	      last_err.msg.nlmsg_type == RTM_GETLINK && last_err.msg.nlmsg_len == r.h.nlmsg_len,
	      "seq %u type %d len %u", last_err.msg.nlmsg_seq, last_err.msg.nlmsg_type,
	      last_err.msg.nlmsg_len);
	/* A request too short for its header. */
	req_init(&r, RTM_NEWLINK, 0, 4);
	err = nl_talk(fd, &r);
	check("rtnl-error-short-einval", err == -EINVAL, "error %d", err);
	/* An acknowledged success. */
	ifi = req_init(&r, RTM_GETLINK, 0, sizeof(*ifi));
	ifi->ifi_index = 1;
	r.h.nlmsg_flags |= NLM_F_ACK;
	seq = nl_send(fd, &r);
	int got_link = 0, got_ack = 0;
	while (!got_ack && (n = recv(fd, rbuf, sizeof(rbuf), 0)) > 0)
		for (h = (struct nlmsghdr *)rbuf; NLMSG_OK(h, n); h = NLMSG_NEXT(h, n)) {
			if (h->nlmsg_type == RTM_NEWLINK && !(h->nlmsg_flags & NLM_F_MULTI))
				got_link++;
			if (h->nlmsg_type == NLMSG_ERROR)
				got_ack = ((struct nlmsgerr *)NLMSG_DATA(h))->error == 0 ? 1 : -1;
		}
	check("rtnl-get-one-with-ack", got_link == 1 && got_ack == 1, "links %d ack %d", got_link,
	      got_ack);
	close(fd);
	close(d);
}

static void fresh_checks(int fd)
{
	int n = get_links(fd);
	check("rtnl-fresh-lo-only", n == 1 && !strcmp(links[0].name, "lo") && links[0].index == 1,
	      "%d links, first '%s'", n, n > 0 ? links[0].name : "");
	struct link *lo = &links[0];
	check("rtnl-fresh-lo-attrs", n == 1 && lo->type == ARPHRD_LOOPBACK &&
	      (lo->flags & IFF_LOOPBACK) && !(lo->flags & IFF_UP) && lo->mtu == 65536 &&
	      lo->operstate == IF_OPER_DOWN && lo->txqlen == 1000 && !strcmp(lo->qdisc, "noop") &&
	      lo->addrlen == 6, "type %d flags %x mtu %u oper %d txq %u qdisc %s", lo->type,
	      lo->flags, lo->mtu, lo->operstate, lo->txqlen, lo->qdisc);
	/* One by name. */
	struct req r;
	req_init(&r, RTM_GETLINK, 0, sizeof(struct ifinfomsg));
	addattr_str(&r, IFLA_IFNAME, "lo");
	int seq = nl_send(fd, &r);
	ssize_t len = recv(fd, rbuf, sizeof(rbuf), 0);
	struct nlmsghdr *h = (struct nlmsghdr *)rbuf;
	check("rtnl-get-by-name", len > 0 && NLMSG_OK(h, len) && h->nlmsg_seq == (unsigned)seq &&
	      h->nlmsg_type == RTM_NEWLINK && ((struct ifinfomsg *)NLMSG_DATA(h))->ifi_index == 1,
	      "len %zd type %d", len, h->nlmsg_type);
	req_init(&r, RTM_GETLINK, 0, sizeof(struct ifinfomsg));
	addattr_str(&r, IFLA_IFNAME, "nosuch0");
	int err = nl_talk(fd, &r);
	check("rtnl-get-by-name-enodev", err == -ENODEV, "error %d", err);
	char out[512];
	n = addrs_of(fd, 1, out, sizeof(out));
	check("rtnl-fresh-no-addrs", n == 0, "%d: %s", n, out);
	n = routes(fd, RT_TABLE_MAIN, out, sizeof(out));
	check("rtnl-fresh-no-routes", n == 0, "%d: %s", n, out);
	int parts;
	ssize_t nb = nl_dump(fd, RTM_GETNEIGH, AF_INET, &parts);
	check("rtnl-neigh-empty", nb == 0, "%zd bytes", nb);

	/* lo up: 127.0.0.1/8 and its local routes. */
	err = set_link(fd, 1, IFF_UP, IFF_UP, 0, NULL, 0);
	struct link *l = find(fd, "lo");
	check("rtnl-lo-up", !err && l && (l->flags & IFF_UP) && (l->flags & IFF_RUNNING) &&
	      (l->flags & IFF_LOWER_UP) && !strcmp(l->qdisc, "noqueue"), "error %d flags %x", err,
	      l ? l->flags : 0);
	check("rtnl-lo-oper-unknown", wait_oper(fd, "lo", IF_OPER_UNKNOWN) == IF_OPER_UNKNOWN, "%d",
	      l ? l->operstate : -1);
	n = addrs_of(fd, 1, out, sizeof(out));
	check("rtnl-lo-addr", n == 1 && !strcmp(out, "127.0.0.1/8 lo"), "%d: %s", n, out);
	n = routes(fd, RT_TABLE_LOCAL, out, sizeof(out));
	check("rtnl-lo-local-routes", !strcmp(out, "local 127.0.0.0/8 dev lo proto 2 scope 254 src 127.0.0.1; "
	      "local 127.0.0.1 dev lo proto 2 scope 254 src 127.0.0.1; "
	      "broadcast 127.255.255.255 dev lo proto 2 scope 253 src 127.0.0.1"), "%s", out);
	err = del_link(fd, 1, NULL);
	check("rtnl-del-lo-eopnotsupp", err == -EOPNOTSUPP, "error %d", err);
}

static void veth_checks(int fd)
{
	int err = add_veth(fd, "v0", "v1", 0, 0);
	check("rtnl-veth-add", err == 0, "error %d", err);
	int n = get_links(fd);
	struct link *v0 = NULL, *v1 = NULL;
	for (int i = 0; i < n; i++) {
		if (!strcmp(links[i].name, "v0"))
			v0 = &links[i];
		if (!strcmp(links[i].name, "v1"))
			v1 = &links[i];
	}
	check("rtnl-veth-both", n == 3 && v0 && v1, "%d links", n);
	if (!v0 || !v1)
		return;
	check("rtnl-veth-peer-first", v1->index < v0->index, "v0 %d v1 %d", v0->index, v1->index);
	check("rtnl-veth-link", v0->link == v1->index && v1->link == v0->index && !v0->has_netnsid,
	      "v0 link %d v1 link %d", v0->link, v1->link);
	check("rtnl-veth-kind", !strcmp(v0->kind, "veth") && !strcmp(v1->kind, "veth"), "'%s' '%s'",
	      v0->kind, v1->kind);
	check("rtnl-veth-attrs", v0->type == ARPHRD_ETHER && v0->mtu == 1500 &&
	      v0->flags == (IFF_BROADCAST | IFF_MULTICAST) && v0->operstate == IF_OPER_DOWN &&
	      v0->txqlen == 1000, "type %d mtu %u flags %x oper %d", v0->type, v0->mtu, v0->flags,
	      v0->operstate);
	check("rtnl-veth-mac", v0->addrlen == 6 && (v0->addr[0] & 2) && !(v0->addr[0] & 1) &&
	      memcmp(v0->addr, v1->addr, 6) && !memcmp(v0->brd, "\xff\xff\xff\xff\xff\xff", 6),
	      "%02x:%02x", v0->addr[0], v0->addr[1]);
	int i0 = v0->index, i1 = v1->index;

	/* /proc/net/dev lists them. */
	char buf[4096] = "";
	int pf = open("/proc/self/net/dev", O_RDONLY);
	ssize_t got = pf >= 0 ? read(pf, buf, sizeof(buf) - 1) : -1;
	if (pf >= 0)
		close(pf);
	buf[got > 0 ? got : 0] = 0;
	check("rtnl-proc-net-dev", strstr(buf, "    v0:") && strstr(buf, "    v1:"), "%.300s", buf);

	err = add_veth(fd, "v0", "v9", 0, 0);
	check("rtnl-veth-eexist", err == -EEXIST, "error %d", err);
	err = add_veth(fd, "v8", "v1", 0, 0);
	check("rtnl-veth-peer-eexist", err == -EEXIST && !find(fd, "v8"), "error %d", err);
	struct req r;
	req_init(&r, RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL, sizeof(struct ifinfomsg));
	addattr_str(&r, IFLA_IFNAME, "d0");
	struct rtattr *li = nest(&r, IFLA_LINKINFO);
	addattr_str(&r, IFLA_INFO_KIND, "nosuchkind");
	nest_end(&r, li);
	err = nl_talk(fd, &r);
	check("rtnl-kind-eopnotsupp", err == -EOPNOTSUPP, "error %d", err);
	req_init(&r, RTM_NEWLINK, 0, sizeof(struct ifinfomsg));
	addattr_str(&r, IFLA_IFNAME, "d0");
	err = nl_talk(fd, &r);
	check("rtnl-newlink-nocreate-enodev", err == -ENODEV, "error %d", err);

	/* Default names. */
	err = add_veth(fd, NULL, NULL, 0, 0);
	check("rtnl-veth-default-names", err == 0 && find(fd, "veth0") && find(fd, "veth1"),
	      "error %d", err);
	err = del_link(fd, 0, "veth0");
	check("rtnl-veth-default-del", err == 0 && !find(fd, "veth0") && !find(fd, "veth1"),
	      "error %d", err);

	/* Up, down and the carrier: IFF_LOWER_UP follows the carrier at
	 * once; the operstate, and IFF_RUNNING with it, a moment later on
	 * Linux (its linkwatch), so they are waited for. */
	err = set_link(fd, i0, IFF_UP, IFF_UP, 0, NULL, 0);
	struct link *l = find(fd, "v0");
	check("rtnl-up-one-no-carrier", !err && l && (l->flags & IFF_UP) && !(l->flags & IFF_LOWER_UP),
	      "error %d flags %x", err, l ? l->flags : 0);
	int st = wait_oper(fd, "v0", IF_OPER_LOWERLAYERDOWN);
	l = find(fd, "v0");
	check("rtnl-up-one-lowerlayerdown", st == IF_OPER_LOWERLAYERDOWN && l &&
	      !(l->flags & IFF_RUNNING), "operstate %d", st);
	err = set_link(fd, i1, IFF_UP, IFF_UP, 0, NULL, 0);
	l = find(fd, "v0");
	check("rtnl-up-both-carrier", !err && l && (l->flags & IFF_LOWER_UP), "error %d flags %x", err,
	      l ? l->flags : 0);
	st = wait_oper(fd, "v0", IF_OPER_UP);
	int st1 = wait_oper(fd, "v1", IF_OPER_UP);
	l = find(fd, "v0");
	check("rtnl-up-both-oper-up", st == IF_OPER_UP && st1 == IF_OPER_UP && l &&
	      (l->flags & IFF_RUNNING), "%d %d", st, st1);
	err = set_link(fd, i1, 0, IFF_UP, 0, NULL, 0);
	l = find(fd, "v0");
	check("rtnl-peer-down-carrier-off", !err && l && (l->flags & IFF_UP) &&
	      !(l->flags & IFF_LOWER_UP), "error %d flags %x", err, l ? l->flags : 0);
	st = wait_oper(fd, "v0", IF_OPER_LOWERLAYERDOWN);
	l = find(fd, "v0");
	check("rtnl-peer-down-not-running", st == IF_OPER_LOWERLAYERDOWN && l &&
	      !(l->flags & IFF_RUNNING), "operstate %d", st);

	/* MTU. */
	unsigned int mtu = 9000;
	err = set_link(fd, i0, 0, 0, IFLA_MTU, &mtu, 4);
	l = find(fd, "v0");
	check("rtnl-mtu-set", !err && l && l->mtu == 9000, "error %d mtu %u", err, l ? l->mtu : 0);
	mtu = 67;
	err = set_link(fd, i0, 0, 0, IFLA_MTU, &mtu, 4);
	check("rtnl-mtu-too-small", err == -EINVAL, "error %d", err);
	mtu = 65536;
	err = set_link(fd, i0, 0, 0, IFLA_MTU, &mtu, 4);
	check("rtnl-mtu-too-big", err == -EINVAL, "error %d", err);

	/* Rename (Linux 6.x renames a device that is up too). */
	err = set_link(fd, i0, 0, 0, IFLA_IFNAME, "w0", 3);
	l = find(fd, "w0");
	check("rtnl-rename", !err && l && l->index == i0 && !find(fd, "v0"), "error %d", err);
	err = set_link(fd, i0, 0, 0, IFLA_IFNAME, "v1", 3);
	check("rtnl-rename-eexist", err == -EEXIST, "error %d", err);
	err = set_link(fd, i0, 0, 0, IFLA_IFNAME, "a/b", 4);
	check("rtnl-rename-einval", err == -EINVAL, "error %d", err);
	set_link(fd, i0, 0, IFF_UP, 0, NULL, 0);
	err = set_link(fd, i0, 0, 0, IFLA_IFNAME, "x0", 3);
	int err2 = set_link(fd, i0, 0, 0, IFLA_IFNAME, "w0", 3);
	check("rtnl-rename-down", !err && !err2 && find(fd, "w0") && !find(fd, "x0"), "error %d %d",
	      err, err2);

	/* A MAC address. */
	unsigned char mac[6] = { 0x02, 0x11, 0x22, 0x33, 0x44, 0x55 };
	err = set_link(fd, i0, 0, 0, IFLA_ADDRESS, mac, 6);
	l = find(fd, "w0");
	check("rtnl-set-address", !err && l && !memcmp(l->addr, mac, 6), "error %d", err);
	mac[0] = 1;
	err = set_link(fd, i0, 0, 0, IFLA_ADDRESS, mac, 6);
	check("rtnl-set-address-multicast", err == -EADDRNOTAVAIL, "error %d", err);
}

static void addr_route_checks(int fd)
{
	int i0 = link_index(fd, "w0"), i1 = link_index(fd, "v1");
	set_link(fd, i0, IFF_UP, IFF_UP, 0, NULL, 0);
	set_link(fd, i1, IFF_UP, IFF_UP, 0, NULL, 0);
	int err = addr_req(fd, RTM_NEWADDR, i0, "10.1.0.1", 24);
	char out[1024];
	int n = addrs_of(fd, i0, out, sizeof(out));
	check("rtnl-addr-add", !err && n == 1 && !strcmp(out, "10.1.0.1/24 w0"), "error %d, %d: %s",
	      err, n, out);
	err = addr_req(fd, RTM_NEWADDR, i0, "10.1.0.1", 24);
	check("rtnl-addr-eexist", err == -EEXIST, "error %d", err);
	err = addr_req(fd, RTM_NEWADDR, 9999, "10.1.0.1", 24);
	check("rtnl-addr-enodev", err == -ENODEV, "error %d", err);
	err = addr_req(fd, RTM_NEWADDR, i0, "10.1.0.1", 33);
	check("rtnl-addr-einval", err == -EINVAL, "error %d", err);
	err = addr_req(fd, RTM_NEWADDR, i0, "10.1.0.7", 24);
	n = addrs_of(fd, i0, out, sizeof(out));
	check("rtnl-addr-second", !err && n == 2, "error %d, %d: %s", err, n, out);
	err = addr_req(fd, RTM_DELADDR, i0, "10.1.0.7", 24);
	n = addrs_of(fd, i0, out, sizeof(out));
	check("rtnl-addr-del", !err && n == 1 && !strcmp(out, "10.1.0.1/24 w0"), "error %d, %d: %s",
	      err, n, out);
	err = addr_req(fd, RTM_DELADDR, i0, "10.1.0.7", 24);
	check("rtnl-addr-del-eaddrnotavail", err == -EADDRNOTAVAIL, "error %d", err);

	/* The connected route, then a default route by a gateway. */
	routes(fd, RT_TABLE_MAIN, out, sizeof(out));
	check("rtnl-route-connected", !strcmp(out, "10.1.0.0/24 dev w0 proto 2 scope 253 src 10.1.0.1"),
	      "%s", out);
	routes(fd, RT_TABLE_LOCAL, out, sizeof(out));
	check("rtnl-route-local-table", strstr(out, "local 10.1.0.1 dev w0 proto 2 scope 254 src 10.1.0.1") &&
	      strstr(out, "broadcast 10.1.0.255 dev w0 proto 2 scope 253 src 10.1.0.1"), "%s", out);
	err = route_req(fd, RTM_NEWROUTE, NLM_F_CREATE | NLM_F_EXCL, "0.0.0.0", 0, "10.1.0.254", 0);
	routes(fd, RT_TABLE_MAIN, out, sizeof(out));
	check("rtnl-route-default", !err && !strcmp(out, "default via 10.1.0.254 dev w0 proto 3 scope 0; "
	      "10.1.0.0/24 dev w0 proto 2 scope 253 src 10.1.0.1"), "error %d: %s", err, out);
	err = route_req(fd, RTM_NEWROUTE, NLM_F_CREATE | NLM_F_EXCL, "0.0.0.0", 0, "10.1.0.254", 0);
	check("rtnl-route-eexist", err == -EEXIST, "error %d", err);
	err = route_req(fd, RTM_NEWROUTE, NLM_F_CREATE | NLM_F_EXCL, "10.9.0.0", 16, "10.7.0.1", 0);
	check("rtnl-route-gw-unreachable", err == -ENETUNREACH, "error %d", err);
	err = route_req(fd, RTM_NEWROUTE, NLM_F_CREATE | NLM_F_EXCL, "10.2.0.0", 16, NULL, i0);
	check("rtnl-route-dev", err == 0, "error %d", err);
	err = route_req(fd, RTM_NEWROUTE, NLM_F_CREATE | NLM_F_EXCL, "10.3.0.1", 16, NULL, i0);
	check("rtnl-route-bad-prefix", err == -EINVAL, "error %d", err);
	err = route_req(fd, RTM_NEWROUTE, NLM_F_CREATE | NLM_F_EXCL, "10.3.0.0", 16, NULL, 9999);
	check("rtnl-route-enodev", err == -ENODEV, "error %d", err);

	/* A source that is no address of this host. */
	struct req r;
	struct rtmsg *rtm = req_init(&r, RTM_NEWROUTE, NLM_F_CREATE | NLM_F_EXCL, sizeof(*rtm));
	rtm->rtm_family = AF_INET;
	rtm->rtm_dst_len = 16;
	rtm->rtm_table = RT_TABLE_MAIN;
	rtm->rtm_protocol = RTPROT_BOOT;
	rtm->rtm_type = RTN_UNICAST;
	rtm->rtm_scope = RT_SCOPE_LINK;
	addattr_ip(&r, RTA_DST, "10.4.0.0");
	addattr_ip(&r, RTA_PREFSRC, "10.99.0.1");
	addattr_u32(&r, RTA_OIF, i0);
	err = nl_talk(fd, &r);
	check("rtnl-route-bad-prefsrc", err == -EINVAL, "error %d", err);

	err = route_get(fd, "8.8.8.8", out, sizeof(out));
	check("rtnl-route-get-gateway", !err && !strcmp(out, "via 10.1.0.254 dev w0 src 10.1.0.1 uid cache cloned"),
	      "error %d: %s", err, out);
	err = route_get(fd, "10.1.0.9", out, sizeof(out));
	check("rtnl-route-get-connected", !err && !strcmp(out, "via - dev w0 src 10.1.0.1 uid cache cloned"),
	      "error %d: %s", err, out);
	err = route_get(fd, "10.2.3.4", out, sizeof(out));
	check("rtnl-route-get-dev", !err && !strncmp(out, "via - dev w0", 12), "error %d: %s", err, out);

	err = route_req(fd, RTM_DELROUTE, 0, "0.0.0.0", 0, NULL, 0);
	check("rtnl-route-del", err == 0, "error %d", err);
	err = route_req(fd, RTM_DELROUTE, 0, "0.0.0.0", 0, NULL, 0);
	check("rtnl-route-del-esrch", err == -ESRCH, "error %d", err);
	err = route_get(fd, "8.8.8.8", out, sizeof(out));
	check("rtnl-route-get-unreachable", err == -ENETUNREACH, "error %d: %s", err, out);
	err = route_req(fd, RTM_DELROUTE, 0, "10.2.0.0", 16, NULL, 0);
	routes(fd, RT_TABLE_MAIN, out, sizeof(out));
	check("rtnl-route-after-del", !err && !strcmp(out, "10.1.0.0/24 dev w0 proto 2 scope 253 src 10.1.0.1"),
	      "error %d: %s", err, out);

	/* Down: the connected route goes; up: it is back. */
	set_link(fd, i0, 0, IFF_UP, 0, NULL, 0);
	routes(fd, RT_TABLE_MAIN, out, sizeof(out));
	check("rtnl-route-down-gone", !strcmp(out, ""), "%s", out);
	set_link(fd, i0, IFF_UP, IFF_UP, 0, NULL, 0);
	routes(fd, RT_TABLE_MAIN, out, sizeof(out));
	check("rtnl-route-up-back", !strcmp(out, "10.1.0.0/24 dev w0 proto 2 scope 253 src 10.1.0.1"),
	      "%s", out);

	/* The device's last address going takes its routes along. */
	err = route_req(fd, RTM_NEWROUTE, NLM_F_CREATE | NLM_F_EXCL, "0.0.0.0", 0, "10.1.0.254", 0);
	int err2 = addr_req(fd, RTM_DELADDR, i0, "10.1.0.1", 24);
	routes(fd, RT_TABLE_MAIN, out, sizeof(out));
	check("rtnl-last-addr-takes-routes", !err && !err2 && !strcmp(out, ""), "errors %d %d: %s", err,
	      err2, out);
}

static void notify_checks(int fd)
{
	int mon = socket(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE);
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK, .nl_groups = RTMGRP_LINK };
	int ok = mon >= 0 && bind(mon, (struct sockaddr *)&sa, sizeof(sa)) == 0;
	int grp = RTNLGRP_IPV4_IFADDR, grp2 = RTNLGRP_IPV4_ROUTE;
	ok = ok && setsockopt(mon, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, &grp, sizeof(grp)) == 0 &&
	     setsockopt(mon, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, &grp2, sizeof(grp2)) == 0;
	check("rtnl-monitor-bind", ok, "%s", strerror(errno));
	int ep = epoll_create1(EPOLL_CLOEXEC);
	struct epoll_event ev = { .events = EPOLLIN, .data.fd = mon }, got;
	ok = ep >= 0 && epoll_ctl(ep, EPOLL_CTL_ADD, mon, &ev) == 0 && epoll_wait(ep, &got, 1, 0) == 0;
	int err = add_veth(fd, "m0", "m1", 0, 0);
	check("rtnl-monitor-epoll", ok && epoll_wait(ep, &got, 1, 10000) == 1 && got.data.fd == mon &&
	      (got.events & EPOLLIN), "%s", strerror(errno));
	if (ep >= 0)
		close(ep);
	int im0 = link_index(fd, "m0");
	addr_req(fd, RTM_NEWADDR, im0, "10.5.0.1", 24);
	struct pollfd pfd = { mon, POLLIN, 0 };
	int pr = poll(&pfd, 1, 10000);
	bool m0 = false, m1 = false, addr = false;
	ssize_t n;
	while ((n = recv(mon, rbuf, sizeof(rbuf), MSG_DONTWAIT)) > 0)
		for (struct nlmsghdr *h = (struct nlmsghdr *)rbuf; NLMSG_OK(h, n); h = NLMSG_NEXT(h, n)) {
			if (h->nlmsg_type == RTM_NEWLINK) {
				struct rtattr *tb[IFLA_MAX + 1];
				parse_attrs(h, sizeof(struct ifinfomsg), tb, IFLA_MAX);
				if (tb[IFLA_IFNAME] && !strcmp(RTA_DATA(tb[IFLA_IFNAME]), "m0"))
					m0 = true;
				if (tb[IFLA_IFNAME] && !strcmp(RTA_DATA(tb[IFLA_IFNAME]), "m1"))
					m1 = true;
			}
			if (h->nlmsg_type == RTM_NEWADDR)
				addr = true;
		}
	check("rtnl-notify-newlink", !err && pr == 1 && m0 && m1, "error %d poll %d m0 %d m1 %d", err,
	      pr, m0, m1);
	check("rtnl-notify-newaddr", addr, "none");

	/* Routes: one added, then deleted. */
	set_link(fd, link_index(fd, "m1"), IFF_UP, IFF_UP, 0, NULL, 0);
	set_link(fd, im0, IFF_UP, IFF_UP, 0, NULL, 0);
	while (recv(mon, rbuf, sizeof(rbuf), MSG_DONTWAIT) > 0)
		;
	int e1 = route_req(fd, RTM_NEWROUTE, NLM_F_CREATE | NLM_F_EXCL, "10.5.7.0", 24, NULL, im0);
	int e2 = route_req(fd, RTM_DELROUTE, 0, "10.5.7.0", 24, NULL, 0);
	bool newroute = false, delroute = false;
	for (int i = 0; i < 1000 && !(newroute && delroute); i++) {
		while ((n = recv(mon, rbuf, sizeof(rbuf), MSG_DONTWAIT)) > 0)
			for (struct nlmsghdr *h = (struct nlmsghdr *)rbuf; NLMSG_OK(h, n); h = NLMSG_NEXT(h, n)) {
				if (h->nlmsg_type != RTM_NEWROUTE && h->nlmsg_type != RTM_DELROUTE)
					continue;
				struct rtattr *tb[RTA_MAX + 1];
				parse_attrs(h, sizeof(struct rtmsg), tb, RTA_MAX);
				if (!tb[RTA_DST] || memcmp(RTA_DATA(tb[RTA_DST]), "\x0a\x05\x07\x00", 4))
					continue;
				if (h->nlmsg_type == RTM_NEWROUTE)
					newroute = true;
				else
					delroute = true;
			}
		if (!(newroute && delroute))
			nap();
	}
	check("rtnl-notify-routes", !e1 && !e2 && newroute && delroute, "errors %d %d, new %d del %d",
	      e1, e2, newroute, delroute);
	del_link(fd, im0, NULL);
	bool dellink = false;
	for (int i = 0; i < 1000 && !dellink; i++) {
		while ((n = recv(mon, rbuf, sizeof(rbuf), MSG_DONTWAIT)) > 0)
			for (struct nlmsghdr *h = (struct nlmsghdr *)rbuf; NLMSG_OK(h, n); h = NLMSG_NEXT(h, n))
				if (h->nlmsg_type == RTM_DELLINK)
					dellink = true;
		if (!dellink)
			nap();
	}
	check("rtnl-notify-dellink", dellink, "none");
	close(mon);
}

static void dump_parts_checks(int fd)
{
	/* Enough devices that one datagram cannot take the dump (on Linux a
	 * link takes over 1 KiB, and a step fills at most 32 KiB; this kernel
	 * is terser but fills less). */
	char a[16], b[16];
	int err = 0;
	for (int i = 0; i < 20 && !err; i++) {
		snprintf(a, sizeof(a), "p%da", i);
		snprintf(b, sizeof(b), "p%db", i);
		err = add_veth(fd, a, b, 0, 0);
	}
	int before = get_links(fd);
	int parts = 0;
	ssize_t len = nl_dump(fd, RTM_GETLINK, AF_UNSPEC, &parts);
	int count = 0;
	for (struct nlmsghdr *h = (struct nlmsghdr *)dbuf; len > 0 && NLMSG_OK(h, len);
	     h = NLMSG_NEXT(h, len))
		count += h->nlmsg_type == RTM_NEWLINK;
	check("rtnl-dump-continues", !err && count == before && before >= 40 && parts > 1,
	      "error %d, %d of %d links in %d receives", err, count, before, parts);
	for (int i = 0; i < 20; i++) {
		snprintf(a, sizeof(a), "p%da", i);
		del_link(fd, 0, a);
	}
	check("rtnl-dump-cleanup", get_links(fd) == before - 40, "%d links", nlinks);
}

static void netns_checks(int fd)
{
	struct other o;
	if (!check("rtnl-other-ns", other_start(&o) == 0, "%s", strerror(errno)))
		return;
	char q[64];
	/* The peer placed by pid. */
	int err = add_veth(fd, "a0", "a1", IFLA_NET_NS_PID, o.pid);
	struct link *l = find(fd, "a0");
	check("rtnl-veth-peer-by-pid", !err && l && !find(fd, "a1"), "error %d", err);
	l = find(fd, "a0");
	check("rtnl-veth-peer-netnsid", l && l->has_netnsid && l->link > 0, "netnsid %d link %d",
	      l ? l->has_netnsid : -1, l ? l->link : -1);
	const char *a = ask(&o, "has a1");
	check("rtnl-veth-peer-there", !strcmp(a, "yes netnsid"), "'%s'", a);

	/* The peer placed by a namespace file. */
	snprintf(q, sizeof(q), "/proc/%d/ns/net", o.pid);
	int nsfd = open(q, O_RDONLY | O_CLOEXEC);
	err = add_veth(fd, "b0", "b1", IFLA_NET_NS_FD, nsfd);
	a = ask(&o, "has b1");
	check("rtnl-veth-peer-by-fd", nsfd >= 0 && !err && find(fd, "b0") && !find(fd, "b1") &&
	      !strcmp(a, "yes netnsid"), "fd %d error %d '%s'", nsfd, err, a);

	/* Moving b0 there: it keeps its number, loses its addresses, goes down. */
	int ib0 = link_index(fd, "b0");
	set_link(fd, ib0, IFF_UP, IFF_UP, 0, NULL, 0);
	addr_req(fd, RTM_NEWADDR, ib0, "10.6.0.1", 24);
	err = set_link(fd, ib0, 0, 0, IFLA_NET_NS_FD, &nsfd, 4);
	a = ask(&o, "has b0");
	check("rtnl-move", !err && !find(fd, "b0") && !strcmp(a, "yes"), "error %d '%s'", err, a);
	a = ask(&o, "addrs b0");
	check("rtnl-move-no-addrs", !strcmp(a, ""), "'%s'", a);
	a = ask(&o, "index b0");
	check("rtnl-move-keeps-ifindex", atoi(a) == ib0, "%s against %d", a, ib0);
	a = ask(&o, "links");
	check("rtnl-move-other-links", !strcmp(a, "lo a1 b1 b0") || !strcmp(a, "lo a1 b0 b1"), "'%s'", a);
	err = set_link(fd, 1, 0, 0, IFLA_NET_NS_FD, &nsfd, 4);
	check("rtnl-move-lo-einval", err == -EINVAL, "error %d", err);
	close(nsfd);

	/* Deleting a0 here takes a1 there. */
	err = del_link(fd, 0, "a0");
	a = ask(&o, "has a1");
	check("rtnl-del-peer-elsewhere", !err && !find(fd, "a0") && !strcmp(a, "no"), "error %d '%s'",
	      err, a);

	/* c0 here, c1 there: the other namespace dies, c0 goes too. */
	err = add_veth(fd, "c0", "c1", IFLA_NET_NS_PID, o.pid);
	check("rtnl-veth-c", !err && find(fd, "c0"), "error %d", err);
	other_stop(&o);
	struct link *c = NULL;
	for (int i = 0; i < 1000 && (c = find(fd, "c0")); i++)
		nap();
	check("rtnl-netns-death-takes-peer", !c, "c0 still here");
}

static void eperm_checks(int fd)
{
	int idx = link_index(fd, "w0");
	pid_t pid = fork();
	if (pid == 0) {
		/* A new user namespace: no capability over this network
		 * namespace, whose owner is the parent one. */
		if (unshare(CLONE_NEWUSER) != 0)
			_exit(10);
		int s = nl_open();
		if (s < 0)
			_exit(11);
		if (add_veth(s, "e0", "e1", 0, 0) != -EPERM)
			_exit(1);
		if (set_link(s, idx, 0, IFF_UP, 0, NULL, 0) != -EPERM)
			_exit(2);
		if (addr_req(s, RTM_NEWADDR, idx, "10.8.0.1", 24) != -EPERM)
			_exit(3);
		if (route_req(s, RTM_NEWROUTE, NLM_F_CREATE, "10.8.0.0", 16, NULL, idx) != -EPERM)
			_exit(4);
		if (del_link(s, idx, NULL) != -EPERM)
			_exit(5);
		if (get_links(s) < 2)
			_exit(6);	/* reading is free */
		_exit(0);
	}
	int status = -1;
	waitpid(pid, &status, 0);
	check("rtnl-eperm", WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "status 0x%x (10 unshare, 1 add, 2 set, 3 addr, 4 route, 5 del, 6 dump)", status);
}

static void delete_checks(int fd)
{
	int i0 = link_index(fd, "w0");
	int err = del_link(fd, i0, NULL);
	check("rtnl-del-veth-and-peer", !err && !find(fd, "w0") && !find(fd, "v1"), "error %d", err);
	err = del_link(fd, i0, NULL);
	check("rtnl-del-enodev", err == -ENODEV, "error %d", err);
	char out[512];
	int n = routes(fd, RT_TABLE_MAIN, out, sizeof(out));
	check("rtnl-del-routes-gone", n == 0, "%s", out);
	n = get_links(fd);
	check("rtnl-del-only-lo", n == 1 && !strcmp(links[0].name, "lo"), "%d links", n);
}

int main(void)
{
	if (!check("rtnl-new-netns", new_netns() == 0, "%s", strerror(errno)))
		return 1;
	socket_checks();
	int fd = nl_open();
	if (!check("rtnl-open", fd >= 0, "%s", strerror(errno)))
		return 1;
	fresh_checks(fd);
	veth_checks(fd);
	addr_route_checks(fd);
	notify_checks(fd);
	dump_parts_checks(fd);
	netns_checks(fd);
	eperm_checks(fd);
	delete_checks(fd);
	close(fd);
	return 0;
}
