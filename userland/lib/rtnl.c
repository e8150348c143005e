/*
 * rtnl.c - requests to the kernel's routing netlink (see rtnl.h).
 *
 * A request is one netlink message in a buffer on the stack: a header, the
 * family's fixed part (ifinfomsg, ifaddrmsg, rtmsg), then attributes, each
 * aligned to 4 bytes; a nested attribute is opened, filled and closed by
 * patching its length.  Every request asks for an acknowledgement
 * (NLM_F_ACK) and the answer's error field is the call's result.
 */
#include <errno.h>
#include <net/if.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <linux/if_link.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/veth.h>

#include "rtnl.h"

#define REQ_MAX 1024

struct req {
	struct nlmsghdr *nh;
	char buf[REQ_MAX] __attribute__((aligned(NLMSG_ALIGNTO)));
};

static unsigned seq;

/* A request of type with its fixed part (len bytes of fixed), zeroed. */
static void *
req_start(struct req *r, int type, int flags, size_t len)
{
	memset(r->buf, 0, NLMSG_SPACE(len));
	r->nh = (struct nlmsghdr *)r->buf;
	r->nh->nlmsg_len = NLMSG_LENGTH(len);
	r->nh->nlmsg_type = type;
	r->nh->nlmsg_flags = NLM_F_REQUEST | flags;
	r->nh->nlmsg_seq = ++seq;
	return NLMSG_DATA(r->nh);
}

/* Append an attribute; its start (for a nest), or NULL when it does not
 * fit (the request is then sent cut short and refused). */
static struct rtattr *
attr_add(struct req *r, int type, const void *data, size_t len)
{
	size_t at = NLMSG_ALIGN(r->nh->nlmsg_len);

	if (at + RTA_SPACE(len) > sizeof(r->buf))
		return NULL;
	struct rtattr *rta = (struct rtattr *)(r->buf + at);
	rta->rta_type = type;
	rta->rta_len = RTA_LENGTH(len);
	if (len)
		memcpy(RTA_DATA(rta), data, len);
	r->nh->nlmsg_len = at + RTA_ALIGN(rta->rta_len);
	return rta;
}

static void
attr_str(struct req *r, int type, const char *s)
{
	attr_add(r, type, s, strlen(s) + 1);
}

static void
attr_u32(struct req *r, int type, uint32_t v)
{
	attr_add(r, type, &v, sizeof(v));
}

/* Close a nest opened by attr_add(r, type, NULL, 0). */
static void
nest_end(struct req *r, struct rtattr *nest)
{
	if (nest)
		nest->rta_len = (unsigned short)(r->buf + r->nh->nlmsg_len - (char *)nest);
}

static int
send_req(int fd, struct req *r)
{
	struct sockaddr_nl kernel = { .nl_family = AF_NETLINK };

	for (;;) {
		ssize_t n = sendto(fd, r->buf, r->nh->nlmsg_len, 0,
		    (struct sockaddr *)&kernel, sizeof(kernel));
		if (n >= 0)
			return 0;
		if (errno != EINTR)
			return -1;
	}
}

/* One receive into buf: its length, or -1. */
static ssize_t
recv_answer(int fd, char *buf, size_t size)
{
	for (;;) {
		ssize_t n = recv(fd, buf, size, 0);
		if (n >= 0 || errno != EINTR)
			return n;
	}
}

/* Send r and wait for its acknowledgement: 0, or -1 with its errno. */
static int
talk(int fd, struct req *r)
{
	char buf[4096] __attribute__((aligned(NLMSG_ALIGNTO)));
	unsigned want = r->nh->nlmsg_seq;

	r->nh->nlmsg_flags |= NLM_F_ACK;
	if (send_req(fd, r) < 0)
		return -1;
	for (;;) {
		ssize_t n = recv_answer(fd, buf, sizeof(buf));
		if (n < 0)
			return -1;
		if (n == 0) {
			errno = EPROTO;
			return -1;
		}
		size_t left = (size_t)n;
		for (struct nlmsghdr *nh = (struct nlmsghdr *)buf; NLMSG_OK(nh, left);
		    nh = NLMSG_NEXT(nh, left)) {
			if (nh->nlmsg_seq != want || nh->nlmsg_type != NLMSG_ERROR)
				continue;
			const struct nlmsgerr *e = NLMSG_DATA(nh);
			if (nh->nlmsg_len < NLMSG_LENGTH(sizeof(*e))) {
				errno = EPROTO;
				return -1;
			}
			if (e->error == 0)
				return 0;
			errno = -e->error;
			return -1;
		}
	}
}

int
rtnl_open(void)
{
	struct sockaddr_nl me = { .nl_family = AF_NETLINK };
	int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);

	if (fd < 0)
		return -1;
	if (bind(fd, (struct sockaddr *)&me, sizeof(me)) < 0) {
		int saved = errno;
		close(fd);
		errno = saved;
		return -1;
	}
	return fd;
}

int
rtnl_ifindex(int fd, const char *name)
{
	struct ifreq ifr;

	if (strlen(name) >= IFNAMSIZ) {
		errno = ENODEV;
		return -1;
	}
	memset(&ifr, 0, sizeof(ifr));
	strcpy(ifr.ifr_name, name);
	if (ioctl(fd, SIOCGIFINDEX, &ifr) < 0)
		return -1;
	return ifr.ifr_ifindex;
}

int
rtnl_veth_add(int fd, const char *name, const char *peer, int peer_netns_fd)
{
	struct req r;

	req_start(&r, RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL, sizeof(struct ifinfomsg));
	attr_str(&r, IFLA_IFNAME, name);
	struct rtattr *linkinfo = attr_add(&r, IFLA_LINKINFO, NULL, 0);
	attr_str(&r, IFLA_INFO_KIND, "veth");
	struct rtattr *data = attr_add(&r, IFLA_INFO_DATA, NULL, 0);
	/* The peer: its own ifinfomsg, then its attributes. */
	struct ifinfomsg ifi = { .ifi_family = AF_UNSPEC };
	struct rtattr *info_peer = attr_add(&r, VETH_INFO_PEER, &ifi, sizeof(ifi));
	attr_str(&r, IFLA_IFNAME, peer);
	if (peer_netns_fd >= 0)
		attr_u32(&r, IFLA_NET_NS_FD, (uint32_t)peer_netns_fd);
	nest_end(&r, info_peer);
	nest_end(&r, data);
	nest_end(&r, linkinfo);
	return talk(fd, &r);
}

int
rtnl_link_del(int fd, int ifindex)
{
	struct req r;
	struct ifinfomsg *ifi = req_start(&r, RTM_DELLINK, 0, sizeof(*ifi));

	ifi->ifi_family = AF_UNSPEC;
	ifi->ifi_index = ifindex;
	return talk(fd, &r);
}

int
rtnl_link_up(int fd, int ifindex, int up)
{
	struct req r;
	struct ifinfomsg *ifi = req_start(&r, RTM_NEWLINK, 0, sizeof(*ifi));

	ifi->ifi_family = AF_UNSPEC;
	ifi->ifi_index = ifindex;
	ifi->ifi_change = IFF_UP;
	ifi->ifi_flags = up ? IFF_UP : 0;
	return talk(fd, &r);
}

int
rtnl_addr_add(int fd, int ifindex, uint32_t addr, int plen)
{
	struct req r;
	struct ifaddrmsg *ifa = req_start(&r, RTM_NEWADDR, NLM_F_CREATE | NLM_F_EXCL, sizeof(*ifa));
	uint32_t host = plen >= 32 ? 0 : 0xffffffffu >> plen;
	uint32_t brd = addr | __builtin_bswap32(host);

	ifa->ifa_family = AF_INET;
	ifa->ifa_prefixlen = (unsigned char)plen;
	ifa->ifa_index = (unsigned)ifindex;
	attr_add(&r, IFA_LOCAL, &addr, sizeof(addr));
	attr_add(&r, IFA_ADDRESS, &addr, sizeof(addr));
	if (plen < 31)
		attr_add(&r, IFA_BROADCAST, &brd, sizeof(brd));
	return talk(fd, &r);
}

int
rtnl_route_add(int fd, uint32_t dst, int plen, uint32_t gw, int ifindex)
{
	struct req r;
	struct rtmsg *rtm = req_start(&r, RTM_NEWROUTE, NLM_F_CREATE | NLM_F_EXCL, sizeof(*rtm));

	rtm->rtm_family = AF_INET;
	rtm->rtm_dst_len = (unsigned char)plen;
	rtm->rtm_table = RT_TABLE_MAIN;
	rtm->rtm_protocol = RTPROT_BOOT;
	rtm->rtm_scope = gw ? RT_SCOPE_UNIVERSE : RT_SCOPE_LINK;
	rtm->rtm_type = RTN_UNICAST;
	if (plen)
		attr_add(&r, RTA_DST, &dst, sizeof(dst));
	if (gw)
		attr_add(&r, RTA_GATEWAY, &gw, sizeof(gw));
	attr_u32(&r, RTA_OIF, (uint32_t)ifindex);
	return talk(fd, &r);
}

int
rtnl_addr_walk(int fd, int (*fn)(int ifindex, uint32_t addr, int plen, void *arg), void *arg)
{
	char buf[8192] __attribute__((aligned(NLMSG_ALIGNTO)));
	struct req r;
	struct ifaddrmsg *ifa = req_start(&r, RTM_GETADDR, NLM_F_DUMP, sizeof(*ifa));
	int stopped = 0;

	ifa->ifa_family = AF_INET;
	if (send_req(fd, &r) < 0)
		return -1;
	for (;;) {
		ssize_t n = recv_answer(fd, buf, sizeof(buf));
		if (n <= 0) {
			if (n == 0)
				errno = EPROTO;
			return -1;
		}
		size_t left = (size_t)n;
		for (struct nlmsghdr *nh = (struct nlmsghdr *)buf; NLMSG_OK(nh, left);
		    nh = NLMSG_NEXT(nh, left)) {
			if (nh->nlmsg_seq != r.nh->nlmsg_seq)
				continue;
			if (nh->nlmsg_type == NLMSG_DONE)
				return 0;
			if (nh->nlmsg_type == NLMSG_ERROR) {
				const struct nlmsgerr *e = NLMSG_DATA(nh);
				errno = e->error ? -e->error : EPROTO;
				return -1;
			}
			if (nh->nlmsg_type != RTM_NEWADDR || stopped)
				continue;
			const struct ifaddrmsg *a = NLMSG_DATA(nh);
			if (a->ifa_family != AF_INET)
				continue;
			size_t alen = IFA_PAYLOAD(nh);
			uint32_t addr = 0;
			int have = 0;
			for (const struct rtattr *rta = IFA_RTA(a); RTA_OK(rta, alen);
			    rta = RTA_NEXT(rta, alen)) {
				if ((rta->rta_type == IFA_LOCAL || (rta->rta_type == IFA_ADDRESS && !have)) &&
				    RTA_PAYLOAD(rta) == sizeof(addr)) {
					memcpy(&addr, RTA_DATA(rta), sizeof(addr));
					have = 1;
				}
			}
			/* Read on to NLMSG_DONE even after fn stops the walk:
			 * the socket must be left empty for the next request. */
			if (have && fn((int)a->ifa_index, addr, a->ifa_prefixlen, arg))
				stopped = 1;
		}
	}
}
