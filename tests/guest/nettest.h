/*
 * Helpers of the guest network tests that build namespaces joined by veth
 * pairs (tcpcc.c, forward.c): files, a user namespace mapping the caller
 * to root, addresses, setns, rtnetlink requests
 * and the device ioctls.  The includer defines NT_TEST (its name, for the
 * check a failed setns reports) and HANG_SECONDS (the socket timeouts,
 * which only stop a hang), and includes the system headers these use.
 */
#ifndef GUEST_NETTEST_H
#define GUEST_NETTEST_H

#if !defined(NT_TEST) || !defined(HANG_SECONDS)
#error "define NT_TEST and HANG_SECONDS before including nettest.h"
#endif

#include "t.h"

static inline int write_text(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY);
	if (fd < 0)
		return -1;
	ssize_t n = write(fd, text, strlen(text));
	close(fd);
	return n == (ssize_t)strlen(text) ? 0 : -1;
}

/* A new user namespace where the caller's uid and gid are 0 (one line
 * each, setgroups denied first, as an unprivileged writer must). */
static inline int map_root(void)
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
	return write_text("/proc/self/gid_map", map);
}

static inline long slurp(const char *path, char *buf, size_t size)
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

static inline struct sockaddr_in sin_of(const char *addr, int port)
{
	struct sockaddr_in a;

	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_port = htons(port);
	inet_pton(AF_INET, addr, &a.sin_addr);
	return a;
}

static inline void set_timeout(int fd)
{
	struct timeval tv = { HANG_SECONDS, 0 };

	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
}

static inline void enter(int ns)
{
	if (setns(ns, CLONE_NEWNET) != 0) {
		check(NT_TEST "-setns", 0, "%s", strerror(errno));
		exit(0);
	}
}

/* ---- rtnetlink ---- */

struct nlreq {
	struct nlmsghdr h;
	char buf[1024];
};

static inline void *nl_tail(struct nlreq *r)
{
	return (char *)&r->h + NLMSG_ALIGN(r->h.nlmsg_len);
}

static inline void nl_bytes(struct nlreq *r, const void *data, size_t len)
{
	memcpy(nl_tail(r), data, len);
	r->h.nlmsg_len = NLMSG_ALIGN(r->h.nlmsg_len) + len;
}

static inline struct rtattr *nl_attr(struct nlreq *r, int type, const void *data, size_t len)
{
	struct rtattr *a = nl_tail(r);

	a->rta_type = type;
	a->rta_len = RTA_LENGTH(len);
	if (len)
		memcpy(RTA_DATA(a), data, len);
	r->h.nlmsg_len = NLMSG_ALIGN(r->h.nlmsg_len) + RTA_ALIGN(a->rta_len);
	return a;
}

static inline void nl_end(struct nlreq *r, struct rtattr *nest)
{
	nest->rta_len = (char *)&r->h + r->h.nlmsg_len - (char *)nest;
}

/* Send the request, read its acknowledgement: 0 or -errno. */
static inline int nl_talk(struct nlreq *r)
{
	int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
	char buf[4096];

	if (fd < 0)
		return -errno;
	set_timeout(fd);
	r->h.nlmsg_flags |= NLM_F_REQUEST | NLM_F_ACK;
	r->h.nlmsg_seq = 1;
	if (send(fd, &r->h, r->h.nlmsg_len, 0) != (ssize_t)r->h.nlmsg_len) {
		close(fd);
		return -errno;
	}
	ssize_t n = recv(fd, buf, sizeof(buf), 0);
	close(fd);
	struct nlmsghdr *h = (struct nlmsghdr *)buf;
	if (n < (ssize_t)NLMSG_LENGTH(sizeof(struct nlmsgerr)) || h->nlmsg_type != NLMSG_ERROR)
		return -EPROTO;
	return ((struct nlmsgerr *)NLMSG_DATA(h))->error;
}

/* A veth pair: name here, peer in the namespace peer_ns. */
static inline int veth_add(const char *name, const char *peer, int peer_ns)
{
	struct nlreq r;
	struct ifinfomsg ifi = { .ifi_family = AF_UNSPEC };

	memset(&r, 0, sizeof(r));
	r.h.nlmsg_len = NLMSG_LENGTH(0);
	r.h.nlmsg_type = RTM_NEWLINK;
	r.h.nlmsg_flags = NLM_F_CREATE | NLM_F_EXCL;
	nl_bytes(&r, &ifi, sizeof(ifi));
	nl_attr(&r, IFLA_IFNAME, name, strlen(name) + 1);
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

static inline int if_ioctl(const char *name, unsigned long cmd, struct ifreq *r)
{
	int fd = socket(AF_INET, SOCK_DGRAM, 0);

	strcpy(r->ifr_name, name);
	int err = ioctl(fd, cmd, r);
	close(fd);
	return err;
}

static inline int if_up(const char *name)
{
	struct ifreq r;

	memset(&r, 0, sizeof(r));
	if (if_ioctl(name, SIOCGIFFLAGS, &r) != 0)
		return -1;
	r.ifr_flags |= IFF_UP;
	return if_ioctl(name, SIOCSIFFLAGS, &r);
}

/* Bring name up with addr/24 (and lo up): its ifindex, or -1. */
static inline int if_setup(const char *name, const char *addr)
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
	if (if_up(name) != 0 || if_ioctl(name, SIOCGIFINDEX, &r) != 0)
		return -1;
	return r.ifr_ifindex;
}

static inline int new_ns(void)
{
	if (unshare(CLONE_NEWNET) != 0)
		return -1;
	return open("/proc/self/ns/net", O_RDONLY);
}

#endif
