/*
 * net/rtnetlink.c - NETLINK_ROUTE's kernel side (netlink.h): links
 * (RTM_GETLINK / NEWLINK / SETLINK / DELLINK, veth pairs, bridges and
 * their ports (IFLA_MASTER), moving devices between namespaces), IPv4 addresses (RTM_GETADDR / NEWADDR / DELADDR),
 * IPv4 routes (RTM_GETROUTE dump and "route get", NEWROUTE, DELROUTE)
 * and an empty neighbour dump, with Linux's message layouts and errors,
 * and the notifications of the RTNLGRP_LINK, IPV4_IFADDR and IPV4_ROUTE
 * groups.
 *
 * Locks: every request and dump step runs with rtnl held (devices cannot
 * go meanwhile); addresses and routes are read and changed under the
 * namespace's inet->lock, taken inside rtnl.  A change needs
 * CAP_NET_ADMIN in the user namespace owning the namespace changed (each
 * namespace a request touches); reading is free to all.
 */
#include "netlink.h"
#include "netdevice.h"
#include "bridge.h"
#include "inet.h"
#include "neighbour.h"
#include "net.h"
#include "ns.h"
#include "ns_common.h"
#include "proc.h"
#include "cred.h"
#include "user_ns.h"
#include "file.h"
#include "timer.h"
#include "kmalloc.h"
#include "string.h"
#include <linux/if_link.h>
#include <linux/if_addr.h>
#include <linux/veth.h>
#include <linux/neighbour.h>

#define INFINITY_LIFE_TIME 0xffffffffu	/* an address that never expires */
#define RTNL_MSG_SIZE	2048	/* room for one link, address or route */

static bool net_admin(struct net *net)
{
	return ns_capable(net->user_ns, CAP_NET_ADMIN);
}

/* The payload of nlh after its family header of hdrlen bytes, parsed
 * into tb: 0 or -EINVAL (too short, malformed). */
static int parse(const struct nlmsghdr *nlh, size_t hdrlen, struct nlattr **tb, int max)
{
	if (nlh->nlmsg_len < NLMSG_SPACE(hdrlen))
		return -EINVAL;
	const unsigned char *a = (const unsigned char *)NLMSG_DATA(nlh) + NLMSG_ALIGN(hdrlen);
	return nla_parse(tb, max, a, nlh->nlmsg_len - NLMSG_SPACE(hdrlen));
}

static uint32_t nla_u32(const struct nlattr *a)
{
	uint32_t v = 0;
	memcpy(&v, nla_data(a), MIN((size_t)nla_len(a), sizeof(v)));
	return v;
}

/* A string attribute into buf (IFNAMSIZ): -EINVAL when it does not fit. */
static int nla_name(const struct nlattr *a, char *buf)
{
	size_t n = strnlen(nla_data(a), nla_len(a));
	if (n >= IFNAMSIZ)
		return -EINVAL;
	memcpy(buf, nla_data(a), n);
	buf[n] = 0;
	return 0;
}

/* The namespace IFLA_NET_NS_PID / IFLA_NET_NS_FD name, referenced; NULL
 * with *err when neither is there (err 0) or it is bad. */
static struct net *net_from_attrs(struct nlattr **tb, int *err)
{
	*err = 0;
	if (tb[IFLA_NET_NS_PID]) {
		pid_t pid = nla_u32(tb[IFLA_NET_NS_PID]);
		struct net *net = NULL;
		spin_lock(&tasklist_lock);
		struct task *t = find_task_by_vpid(pid);
		if (t && t->nsproxy)
			net = get_net(t->nsproxy->net_ns);
		spin_unlock(&tasklist_lock);
		if (!net)
			*err = -ESRCH;
		return net;
	}
	if (tb[IFLA_NET_NS_FD]) {
		struct file *f = fd_get((int)nla_u32(tb[IFLA_NET_NS_FD]));
		if (!f) {
			*err = -EBADF;
			return NULL;
		}
		struct ns_common *ns = nsfs_file_ns(f);
		struct net *net = NULL;
		if (ns && ns->ops == &netns_operations)
			net = get_net(container_of(ns, struct net, ns));
		file_put(f);
		if (!net)
			*err = -EINVAL;
		return net;
	}
	return NULL;
}

/* ---- links ---- */

static uint8_t operstate(const struct net_device *dev)
{
	unsigned int f = __atomic_load_n(&dev->flags, __ATOMIC_RELAXED);
	if (!(f & IFF_UP))
		return IF_OPER_DOWN;
	if (f & IFF_LOOPBACK)
		return IF_OPER_UNKNOWN;
	return (f & IFF_RUNNING) ? IF_OPER_UP : IF_OPER_LOWERLAYERDOWN;
}

static int fill_link(struct nl_msg *m, struct net_device *dev, int type, uint32_t portid,
		     uint32_t seq, int flags)
{
	struct nlmsghdr *nlh = nlmsg_put(m, portid, seq, type, sizeof(struct ifinfomsg), flags);
	if (!nlh)
		return -EMSGSIZE;
	struct ifinfomsg *ifm = NLMSG_DATA(nlh);
	unsigned int f = __atomic_load_n(&dev->flags, __ATOMIC_RELAXED);
	ifm->ifi_family = AF_UNSPEC;
	ifm->ifi_type = dev->type;
	ifm->ifi_index = dev->ifindex;
	ifm->ifi_flags = f | ((f & IFF_UP) && dev->carrier ? IFF_LOWER_UP : 0);
	ifm->ifi_change = 0;
	bool lo = f & IFF_LOOPBACK;
	bool up = f & IFF_UP;
	struct net_device_stats64 *s = &dev->stats;
	struct rtnl_link_stats64 st64 = {
		.rx_packets = s->rx_packets, .tx_packets = s->tx_packets,
		.rx_bytes = s->rx_bytes, .tx_bytes = s->tx_bytes,
		.rx_errors = s->rx_errors, .tx_errors = s->tx_errors,
		.rx_dropped = s->rx_dropped, .tx_dropped = s->tx_dropped,
		.multicast = s->multicast, .collisions = s->collisions,
	};
	struct rtnl_link_stats st32 = {
		.rx_packets = st64.rx_packets, .tx_packets = st64.tx_packets,
		.rx_bytes = st64.rx_bytes, .tx_bytes = st64.tx_bytes,
		.rx_errors = st64.rx_errors, .tx_errors = st64.tx_errors,
		.rx_dropped = st64.rx_dropped, .tx_dropped = st64.tx_dropped,
		.multicast = st64.multicast, .collisions = st64.collisions,
	};
	struct net_device *peer = veth_peer(dev);
	int err = nla_put_string(m, IFLA_IFNAME, dev->name) ||
		  nla_put_u32(m, IFLA_TXQLEN, dev->tx_queue_len) ||
		  nla_put_u8(m, IFLA_OPERSTATE, operstate(dev)) ||
		  nla_put_u8(m, IFLA_LINKMODE, 0) ||
		  nla_put_u32(m, IFLA_MTU, dev->mtu) ||
		  nla_put_u32(m, IFLA_MIN_MTU, lo ? 0 : dev->min_mtu) ||
		  nla_put_u32(m, IFLA_MAX_MTU, lo ? 0 : dev->max_mtu) ||
		  nla_put_u32(m, IFLA_GROUP, 0) ||
		  nla_put_u32(m, IFLA_PROMISCUITY, dev->master ? 1 : 0) ||
		  nla_put_u32(m, IFLA_ALLMULTI, dev->master ? 1 : 0) ||
		  nla_put_u32(m, IFLA_NUM_TX_QUEUES, 1) ||
		  nla_put_u32(m, IFLA_NUM_RX_QUEUES, 1) ||
		  nla_put_u8(m, IFLA_CARRIER, dev->carrier) ||
		  nla_put_string(m, IFLA_QDISC, up ? "noqueue" : "noop") ||
		  nla_put(m, IFLA_ADDRESS, dev->addr_len, dev->dev_addr) ||
		  nla_put(m, IFLA_BROADCAST, dev->addr_len, dev->broadcast) ||
		  nla_put(m, IFLA_STATS64, sizeof(st64), &st64) ||
		  nla_put(m, IFLA_STATS, sizeof(st32), &st32);
	if (!err && peer) {
		err = nla_put_u32(m, IFLA_LINK, peer->ifindex);
		/* A peer elsewhere: its namespace's id as seen from here,
		 * kept simple (the first id Linux gives is 0). */
		if (!err && peer->net != dev->net)
			err = nla_put_u32(m, IFLA_LINK_NETNSID, 0);
	}
	if (!err && dev->master)
		err = nla_put_u32(m, IFLA_MASTER, dev->master->ifindex);
	if (!err && (dev->kind || dev->master)) {
		struct nlattr *li = nla_nest_start(m, IFLA_LINKINFO);
		err = !li || (dev->kind && nla_put_string(m, IFLA_INFO_KIND, dev->kind)) ||
		      (dev->master && nla_put_string(m, IFLA_INFO_SLAVE_KIND, dev->master->kind));
		if (!err)
			nla_nest_end(m, li);
	}
	if (err) {
		nlmsg_cancel(m, nlh);
		return -EMSGSIZE;
	}
	nlmsg_end(m, nlh);
	return 0;
}

static void notify_link(struct net_device *dev, int type)
{
	struct nl_msg *m = nl_msg_new(RTNL_MSG_SIZE);
	if (!m)
		return;
	if (fill_link(m, dev, type, 0, 0, 0)) {
		nl_msg_free(m);
		return;
	}
	nl_broadcast(dev->net, RTNLGRP_LINK, m);
}

/* The device after index, in ifindex order (net->dev_lock taken here). */
static struct net_device *next_dev(struct net *net, int after)
{
	struct net_device *dev, *best = NULL;
	spin_lock(&net->dev_lock);
	list_for_each_entry(dev, &net->dev_list, link)
		if (dev->ifindex > after && (!best || dev->ifindex < best->ifindex))
			best = dev;
	spin_unlock(&net->dev_lock);
	return best;
}

/* A dump's filters (Linux's link_master_filtered, link_kind_filtered):
 * IFLA_MASTER (-1: devices without one) and IFLA_LINKINFO's kind. */
struct link_filter {
	int master;
	char kind[16];
};

static void link_filter_from(const struct nlmsghdr *nlh, struct link_filter *f)
{
	struct nlattr *tb[IFLA_MAX + 1];
	memset(f, 0, sizeof(*f));
	if (nlh->nlmsg_len < NLMSG_LENGTH(sizeof(struct ifinfomsg)) ||
	    parse(nlh, sizeof(struct ifinfomsg), tb, IFLA_MAX))
		return;
	if (tb[IFLA_MASTER])
		f->master = (int)nla_u32(tb[IFLA_MASTER]);
	struct nlattr *li[IFLA_INFO_MAX + 1];
	if (tb[IFLA_LINKINFO] && !nla_parse(li, IFLA_INFO_MAX, nla_data(tb[IFLA_LINKINFO]),
					    nla_len(tb[IFLA_LINKINFO])) && li[IFLA_INFO_KIND]) {
		size_t n = MIN((size_t)nla_len(li[IFLA_INFO_KIND]), sizeof(f->kind) - 1);
		memcpy(f->kind, nla_data(li[IFLA_INFO_KIND]), n);
	}
}

static bool link_filtered(const struct net_device *dev, const struct link_filter *f)
{
	if (f->master == -1 && dev->master)
		return true;
	if (f->master > 0 && (!dev->master || dev->master->ifindex != f->master))
		return true;
	return f->kind[0] && (!dev->kind || strcmp(dev->kind, f->kind));
}

/* args[0]: the last ifindex given. */
static int dump_links(struct nl_msg *m, struct nl_dump_cb *cb)
{
	struct net *net = nl_net(cb->sk);
	struct net_device *dev;
	struct link_filter f;
	link_filter_from(cb->nlh, &f);
	while ((dev = next_dev(net, cb->args[0]))) {
		if (!link_filtered(dev, &f) &&
		    fill_link(m, dev, RTM_NEWLINK, cb->portid, cb->seq, NLM_F_MULTI))
			return 1;
		cb->args[0] = dev->ifindex;
	}
	return 0;
}

static struct net_device *find_link(struct net *net, const struct ifinfomsg *ifm,
				    struct nlattr **tb, int *err)
{
	struct net_device *dev = NULL;
	*err = 0;
	if (ifm->ifi_index > 0) {
		dev = dev_get_by_index(net, ifm->ifi_index);
	} else if (tb[IFLA_IFNAME]) {
		char name[IFNAMSIZ];
		if ((*err = nla_name(tb[IFLA_IFNAME], name)))
			return NULL;
		dev = dev_get_by_name(net, name);
	} else {
		return NULL;
	}
	if (!dev)
		*err = -ENODEV;
	return dev;
}

static int get_link(struct nl_sock *sk, struct nlmsghdr *nlh)
{
	if (nlh->nlmsg_flags & NLM_F_DUMP)
		return netlink_dump_start(sk, nlh, dump_links);
	struct nlattr *tb[IFLA_MAX + 1];
	int err = parse(nlh, sizeof(struct ifinfomsg), tb, IFLA_MAX);
	if (err)
		return err;
	struct ifinfomsg *ifm = NLMSG_DATA(nlh);
	struct net_device *dev = find_link(nl_net(sk), ifm, tb, &err);
	if (!dev)
		return err ? err : -EINVAL;
	struct nl_msg *m = nl_msg_new(RTNL_MSG_SIZE);
	if (!m)
		return -ENOBUFS;
	if ((err = fill_link(m, dev, RTM_NEWLINK, nl_portid(sk), nlh->nlmsg_seq, 0))) {
		nl_msg_free(m);
		return err;
	}
	nl_unicast(sk, m);
	return 0;
}

/* One end's settings from its attributes. */
static int link_cfg_from(struct nlattr **tb, struct link_cfg *c)
{
	memset(c, 0, sizeof(*c));
	int err;
	if (tb[IFLA_IFNAME]) {
		if ((err = nla_name(tb[IFLA_IFNAME], c->name)))
			return err;
		if (!strchr(c->name, '%') && !dev_valid_name(c->name))
			return -EINVAL;
	}
	if (tb[IFLA_MTU])
		c->mtu = nla_u32(tb[IFLA_MTU]);
	if (tb[IFLA_ADDRESS]) {
		if (nla_len(tb[IFLA_ADDRESS]) != ETH_ALEN)
			return -EINVAL;
		memcpy(c->addr, nla_data(tb[IFLA_ADDRESS]), ETH_ALEN);
		if (c->addr[0] & 1 || !memcmp(c->addr, "\0\0\0\0\0\0", 6))
			return -EADDRNOTAVAIL;
		c->has_addr = true;
	}
	if (tb[IFLA_TXQLEN]) {
		c->txqlen = nla_u32(tb[IFLA_TXQLEN]);
		c->has_txqlen = true;
	}
	return 0;
}

/* The flags a request asks for (Linux's rtnl_dev_combine_flags). */
static unsigned int combine_flags(const struct net_device *dev, const struct ifinfomsg *ifm)
{
	unsigned int flags = ifm->ifi_flags;
	if (ifm->ifi_change)
		flags = (flags & ifm->ifi_change) | (dev->flags & ~ifm->ifi_change);
	return flags;
}

/* IFLA_MASTER on a link just made (Linux's rtnl_newlink): when it is
 * refused, the link goes again (a veth with its peer). */
static int new_link_master(struct net_device *dev, struct nlattr **tb, const char **errmsg)
{
	if (!tb[IFLA_MASTER])
		return 0;
	int err = dev_set_master(dev, nla_u32(tb[IFLA_MASTER]), errmsg);
	if (err)
		unregister_netdevice(dev);
	return err;
}

static int new_veth(struct net *net, struct ifinfomsg *ifm, struct nlattr **tb,
		    struct nlattr *data, const char **errmsg)
{
	struct link_cfg dc, pc;
	int err = link_cfg_from(tb, &dc);
	if (err)
		return err;
	memset(&pc, 0, sizeof(pc));
	struct net *peer_net = get_net(net);
	struct net *dev_net = NULL;
	if (data) {
		struct nlattr *vt[VETH_INFO_MAX + 1];
		if ((err = nla_parse(vt, VETH_INFO_MAX, nla_data(data), nla_len(data))))
			goto out;
		struct nlattr *p = vt[VETH_INFO_PEER];
		if (p) {
			struct nlattr *pt[IFLA_MAX + 1];
			err = -EINVAL;
			if (nla_len(p) < (int)sizeof(struct ifinfomsg))
				goto out;
			const unsigned char *pa = (unsigned char *)nla_data(p) +
						  NLMSG_ALIGN(sizeof(struct ifinfomsg));
			if ((err = nla_parse(pt, IFLA_MAX, pa, nla_len(p) - NLMSG_ALIGN(sizeof(struct ifinfomsg)))) ||
			    (err = link_cfg_from(pt, &pc)))
				goto out;
			struct net *pn = net_from_attrs(pt, &err);
			if (err)
				goto out;
			if (pn) {
				put_net(peer_net);
				peer_net = pn;
			}
		}
	}
	/* The new device itself may be placed elsewhere too. */
	dev_net = net_from_attrs(tb, &err);
	if (err)
		goto out;
	if (!dev_net)
		dev_net = get_net(net);
	err = -EPERM;
	if (!net_admin(peer_net) || !net_admin(dev_net))
		goto out;
	struct net_device *dev;
	err = veth_create(dev_net, &dc, peer_net, &pc, &dev);
	if (!err)
		err = new_link_master(dev, tb, errmsg);
	if (!err) {
		notify_link(veth_peer(dev), RTM_NEWLINK);
		if (ifm->ifi_flags || ifm->ifi_change)
			dev_change_flags(dev, combine_flags(dev, ifm));
		notify_link(dev, RTM_NEWLINK);
	}
out:
	put_net(peer_net);
	if (dev_net)
		put_net(dev_net);
	return err;
}

/* A bridge (bridge.h), made down unless the request says up. */
static int new_bridge(struct net *net, struct ifinfomsg *ifm, struct nlattr **tb,
		      struct nlattr *data, const char **errmsg)
{
	struct link_cfg c;
	struct net_device *dev;
	int err = link_cfg_from(tb, &c);
	if (err || (err = br_create(net, &c, &dev)))
		return err;
	if (data && (err = dev->ops->changelink(dev, data))) {
		unregister_netdevice(dev);
		return err;
	}
	if ((err = new_link_master(dev, tb, errmsg)))
		return err;
	if (ifm->ifi_flags || ifm->ifi_change)
		dev_change_flags(dev, combine_flags(dev, ifm));
	notify_link(dev, RTM_NEWLINK);
	return 0;
}

/* Linux's do_setlink, of what this kernel has. */
static int set_link(struct net_device *dev, struct ifinfomsg *ifm, struct nlattr **tb,
		    const char **errmsg)
{
	int err;
	if (!net_admin(dev->net))
		return -EPERM;
	struct net *to = net_from_attrs(tb, &err);
	if (err)
		return err;
	if (to) {
		if (!net_admin(to)) {
			put_net(to);
			return -EPERM;
		}
		struct net *from = dev->net;
		if (to != from) {
			err = dev_change_net_namespace(dev, to);
			if (!err)
				notify_link(dev, RTM_NEWLINK);
		}
		put_net(to);
		if (err)
			return err;
		(void)from;
	}
	if (tb[IFLA_ADDRESS]) {
		if (dev->flags & IFF_LOOPBACK)
			return -EOPNOTSUPP;
		if (nla_len(tb[IFLA_ADDRESS]) < dev->addr_len)
			return -EINVAL;
		const uint8_t *a = nla_data(tb[IFLA_ADDRESS]);
		if ((a[0] & 1) || !memcmp(a, "\0\0\0\0\0\0", 6))
			return -EADDRNOTAVAIL;
		dev_set_mac_address(dev, a);
	}
	if (tb[IFLA_MTU] && (err = dev_set_mtu(dev, nla_u32(tb[IFLA_MTU]))))
		return err;
	if (tb[IFLA_IFNAME]) {
		char name[IFNAMSIZ];
		if ((err = nla_name(tb[IFLA_IFNAME], name)) || (err = dev_change_name(dev, name)))
			return err;
	}
	if (tb[IFLA_MASTER] && (err = dev_set_master(dev, nla_u32(tb[IFLA_MASTER]), errmsg)))
		return err;
	if (tb[IFLA_TXQLEN])
		dev->tx_queue_len = nla_u32(tb[IFLA_TXQLEN]);
	if (ifm->ifi_flags || ifm->ifi_change) {
		if ((err = dev_change_flags(dev, combine_flags(dev, ifm))))
			return err;
	}
	notify_link(dev, RTM_NEWLINK);
	return 0;
}

static int new_link(struct nl_sock *sk, struct nlmsghdr *nlh, const char **errmsg)
{
	struct nlattr *tb[IFLA_MAX + 1];
	int err = parse(nlh, sizeof(struct ifinfomsg), tb, IFLA_MAX);
	if (err)
		return err;
	struct net *net = nl_net(sk);
	struct ifinfomsg *ifm = NLMSG_DATA(nlh);
	struct net_device *dev = NULL;
	if (ifm->ifi_index > 0) {
		dev = dev_get_by_index(net, ifm->ifi_index);
		if (!dev)
			return -ENODEV;
	} else if (tb[IFLA_IFNAME]) {
		char name[IFNAMSIZ];
		if ((err = nla_name(tb[IFLA_IFNAME], name)))
			return err;
		dev = dev_get_by_name(net, name);
	}
	char kindbuf[16];
	const char *kind = NULL;
	struct nlattr *data = NULL;
	if (tb[IFLA_LINKINFO]) {
		struct nlattr *li[IFLA_INFO_MAX + 1];
		if ((err = nla_parse(li, IFLA_INFO_MAX, nla_data(tb[IFLA_LINKINFO]),
				     nla_len(tb[IFLA_LINKINFO]))))
			return err;
		if (li[IFLA_INFO_KIND]) {
			/* iproute2 sends the kind without its NUL. */
			size_t n = strnlen(nla_data(li[IFLA_INFO_KIND]), nla_len(li[IFLA_INFO_KIND]));
			if (n >= sizeof(kindbuf))
				return -EOPNOTSUPP;
			memcpy(kindbuf, nla_data(li[IFLA_INFO_KIND]), n);
			kindbuf[n] = 0;
			kind = kindbuf;
		}
		data = li[IFLA_INFO_DATA];
	}
	if (dev) {
		if (nlh->nlmsg_flags & NLM_F_EXCL)
			return -EEXIST;
		if (kind && (!dev->kind || strcmp(kind, dev->kind)))
			return -EOPNOTSUPP;
		if (data && dev->ops->changelink) {
			if (!net_admin(dev->net))
				return -EPERM;
			if ((err = dev->ops->changelink(dev, data)))
				return err;
		}
		return set_link(dev, ifm, tb, errmsg);
	}
	if (!(nlh->nlmsg_flags & NLM_F_CREATE))
		return -ENODEV;
	if (!net_admin(net))
		return -EPERM;
	if (kind && !strcmp(kind, "bridge"))
		return new_bridge(net, ifm, tb, data, errmsg);
	if (!kind || strcmp(kind, "veth"))
		return -EOPNOTSUPP;
	return new_veth(net, ifm, tb, data, errmsg);
}

static int set_link_req(struct nl_sock *sk, struct nlmsghdr *nlh, const char **errmsg)
{
	struct nlattr *tb[IFLA_MAX + 1];
	int err = parse(nlh, sizeof(struct ifinfomsg), tb, IFLA_MAX);
	if (err)
		return err;
	struct net_device *dev = find_link(nl_net(sk), NLMSG_DATA(nlh), tb, &err);
	if (!dev)
		return err ? err : -EINVAL;
	return set_link(dev, NLMSG_DATA(nlh), tb, errmsg);
}

static int del_link(struct nl_sock *sk, struct nlmsghdr *nlh)
{
	struct nlattr *tb[IFLA_MAX + 1];
	int err = parse(nlh, sizeof(struct ifinfomsg), tb, IFLA_MAX);
	if (err)
		return err;
	struct net *net = nl_net(sk);
	if (!net_admin(net))
		return -EPERM;
	struct net_device *dev = find_link(net, NLMSG_DATA(nlh), tb, &err);
	if (!dev)
		return err ? err : -EINVAL;
	if (!dev->kind)
		return -EOPNOTSUPP;
	struct nl_msg *m = nl_msg_new(RTNL_MSG_SIZE);
	if (m && fill_link(m, dev, RTM_DELLINK, 0, 0, 0)) {
		nl_msg_free(m);
		m = NULL;
	}
	unregister_netdevice(dev);
	if (m)
		nl_broadcast(net, RTNLGRP_LINK, m);
	return 0;
}

/* ---- addresses ---- */

static int fill_addr(struct nl_msg *m, struct in_ifaddr *ifa, int type, uint32_t portid,
		     uint32_t seq, int flags)
{
	struct nlmsghdr *nlh = nlmsg_put(m, portid, seq, type, sizeof(struct ifaddrmsg), flags);
	if (!nlh)
		return -EMSGSIZE;
	struct ifaddrmsg *ifm = NLMSG_DATA(nlh);
	ifm->ifa_family = AF_INET;
	ifm->ifa_prefixlen = ifa->prefixlen;
	ifm->ifa_flags = ifa->flags & 0xff;
	ifm->ifa_scope = ifa->scope;
	ifm->ifa_index = ifa->dev->ifindex;
	struct ifa_cacheinfo ci = {
		.ifa_prefered = INFINITY_LIFE_TIME, .ifa_valid = INFINITY_LIFE_TIME,
		.cstamp = ifa->cstamp, .tstamp = ifa->cstamp,
	};
	int err = nla_put(m, IFA_ADDRESS, 4, &ifa->local) ||
		  nla_put(m, IFA_LOCAL, 4, &ifa->local) ||
		  (ifa->broadcast && nla_put(m, IFA_BROADCAST, 4, &ifa->broadcast)) ||
		  nla_put_string(m, IFA_LABEL, ifa->label) ||
		  nla_put_u32(m, IFA_FLAGS, ifa->flags) ||
		  nla_put(m, IFA_CACHEINFO, sizeof(ci), &ci);
	if (err) {
		nlmsg_cancel(m, nlh);
		return -EMSGSIZE;
	}
	nlmsg_end(m, nlh);
	return 0;
}

static void notify_addr(struct net *net, struct in_ifaddr *ifa, int type)
{
	struct nl_msg *m = nl_msg_new(RTNL_MSG_SIZE);
	if (!m)
		return;
	if (fill_addr(m, ifa, type, 0, 0, 0)) {
		nl_msg_free(m);
		return;
	}
	nl_broadcast(net, RTNLGRP_IPV4_IFADDR, m);
}

/* The request's family (the first byte of its header, as Linux reads a
 * dump request of any length). */
static int req_family(const struct nlmsghdr *nlh)
{
	return nlh->nlmsg_len > NLMSG_HDRLEN ? *(const uint8_t *)NLMSG_DATA(nlh) : AF_UNSPEC;
}

/* args[0]: how many addresses were given. */
static int dump_addrs(struct nl_msg *m, struct nl_dump_cb *cb)
{
	struct net *net = nl_net(cb->sk);
	int fam = req_family(cb->nlh);
	if (fam != AF_UNSPEC && fam != AF_INET)
		return 0;
	struct inet_net *in = net->inet;
	int ret = 0;
	long k = 0;
	/* A strict request may name one device. */
	int only = 0;
	if (nl_strict(cb->sk) && cb->nlh->nlmsg_len >= NLMSG_LENGTH(sizeof(struct ifaddrmsg)))
		only = ((struct ifaddrmsg *)NLMSG_DATA(cb->nlh))->ifa_index;
	mutex_lock(&in->lock);
	/* Device by device in ifindex order, each one's in their order. */
	struct net_device *dev;
	int after = 0;
	while ((dev = next_dev(net, after))) {
		after = dev->ifindex;
		if (only && dev->ifindex != only)
			continue;
		struct in_ifaddr *ifa;
		list_for_each_entry(ifa, &in->ifa_list, link) {
			if (ifa->dev != dev)
				continue;
			if (k++ < cb->args[0])
				continue;
			if (fill_addr(m, ifa, RTM_NEWADDR, cb->portid, cb->seq, NLM_F_MULTI)) {
				ret = 1;
				goto out;
			}
			cb->args[0]++;
		}
	}
out:
	mutex_unlock(&in->lock);
	return ret;
}

static int get_addr(struct nl_sock *sk, struct nlmsghdr *nlh)
{
	if (!(nlh->nlmsg_flags & NLM_F_DUMP))
		return -EOPNOTSUPP;
	return netlink_dump_start(sk, nlh, dump_addrs);
}

static int addr_req(struct nl_sock *sk, struct nlmsghdr *nlh, bool add, const char **errmsg)
{
	struct nlattr *tb[IFA_MAX + 1];
	int err = parse(nlh, sizeof(struct ifaddrmsg), tb, IFA_MAX);
	if (err)
		return err;
	struct net *net = nl_net(sk);
	struct ifaddrmsg *ifm = NLMSG_DATA(nlh);
	if (ifm->ifa_family != AF_INET)
		return -EAFNOSUPPORT;
	if (!net_admin(net))
		return -EPERM;
	if (ifm->ifa_prefixlen > 32)
		return -EINVAL;
	struct net_device *dev = dev_get_by_index(net, ifm->ifa_index);
	if (!dev)
		return -ENODEV;
	for (int t = IFA_ADDRESS; t <= IFA_BROADCAST; t++)
		if (tb[t] && nla_len(tb[t]) < 4)
			return -EINVAL;
	uint32_t local = 0, addr = 0, bcast = 0;
	if (tb[IFA_LOCAL])
		memcpy(&local, nla_data(tb[IFA_LOCAL]), 4);
	if (tb[IFA_ADDRESS])
		memcpy(&addr, nla_data(tb[IFA_ADDRESS]), 4);
	if (tb[IFA_BROADCAST])
		memcpy(&bcast, nla_data(tb[IFA_BROADCAST]), 4);
	char label[IFNAMSIZ];
	if (tb[IFA_LABEL] && (err = nla_name(tb[IFA_LABEL], label)))
		return err;
	struct inet_net *in = net->inet;
	mutex_lock(&in->lock);
	if (add) {
		if (!tb[IFA_LOCAL] && !tb[IFA_ADDRESS]) {
			err = -EINVAL;
		} else {
			if (!tb[IFA_LOCAL])
				local = addr;
			err = inet_addr_add(net, dev, local, ifm->ifa_prefixlen, bcast, ifm->ifa_scope,
					    tb[IFA_LABEL] ? label : dev->name);
			if (err == -EEXIST && (nlh->nlmsg_flags & NLM_F_REPLACE) &&
			    !(nlh->nlmsg_flags & NLM_F_EXCL))
				err = 0;
			else if (!err) {
				struct in_ifaddr *ifa = container_of(in->ifa_list.prev, struct in_ifaddr, link);
				notify_addr(net, ifa, RTM_NEWADDR);
			}
		}
	} else {
		/* Tell the listeners what goes before it goes. */
		struct in_ifaddr *ifa;
		struct nl_msg *m = NULL;
		list_for_each_entry(ifa, &in->ifa_list, link)
			if (ifa->dev == dev && (!tb[IFA_LOCAL] || ifa->local == local) &&
			    (!tb[IFA_LABEL] || !strncmp(label, ifa->label, IFNAMSIZ)) &&
			    (!tb[IFA_ADDRESS] || (ifm->ifa_prefixlen == ifa->prefixlen &&
						  !((addr ^ ifa->local) & ifa->mask)))) {
				m = nl_msg_new(RTNL_MSG_SIZE);
				if (m && fill_addr(m, ifa, RTM_DELADDR, 0, 0, 0)) {
					nl_msg_free(m);
					m = NULL;
				}
				break;
			}
		err = inet_addr_del(net, dev, tb[IFA_LOCAL], local, tb[IFA_ADDRESS], addr,
				    ifm->ifa_prefixlen, tb[IFA_LABEL] ? label : NULL);
		if (m && !err)
			nl_broadcast(net, RTNLGRP_IPV4_IFADDR, m);
		else if (m)
			nl_msg_free(m);
	}
	mutex_unlock(&in->lock);
	(void)errmsg;
	return err;
}

/* ---- routes ---- */

static int fill_route(struct nl_msg *m, struct inet_route *r, int table, int type,
		      uint32_t portid, uint32_t seq, int flags)
{
	struct nlmsghdr *nlh = nlmsg_put(m, portid, seq, type, sizeof(struct rtmsg), flags);
	if (!nlh)
		return -EMSGSIZE;
	struct rtmsg *rtm = NLMSG_DATA(nlh);
	rtm->rtm_family = AF_INET;
	rtm->rtm_dst_len = r->plen;
	rtm->rtm_table = table;
	rtm->rtm_protocol = r->protocol;
	rtm->rtm_scope = r->scope;
	rtm->rtm_type = r->type;
	unsigned int f = __atomic_load_n(&r->dev->flags, __ATOMIC_RELAXED);
	if ((f & IFF_UP) && !(f & IFF_RUNNING) && r->type == RTN_UNICAST)
		rtm->rtm_flags = RTNH_F_LINKDOWN;
	int err = nla_put_u32(m, RTA_TABLE, table) ||
		  (r->plen && nla_put(m, RTA_DST, 4, &r->dst)) ||
		  (r->priority && nla_put_u32(m, RTA_PRIORITY, r->priority)) ||
		  (r->prefsrc && nla_put(m, RTA_PREFSRC, 4, &r->prefsrc)) ||
		  (r->gw && nla_put(m, RTA_GATEWAY, 4, &r->gw)) ||
		  nla_put_u32(m, RTA_OIF, r->dev->ifindex);
	if (err) {
		nlmsg_cancel(m, nlh);
		return -EMSGSIZE;
	}
	nlmsg_end(m, nlh);
	return 0;
}

static void notify_route(struct net *net, struct inet_route *r, int table, int type)
{
	struct nl_msg *m = nl_msg_new(RTNL_MSG_SIZE);
	if (!m)
		return;
	if (fill_route(m, r, table, type, 0, 0, 0)) {
		nl_msg_free(m);
		return;
	}
	nl_broadcast(net, RTNLGRP_IPV4_ROUTE, m);
}

/* args[0]: the table (0: main, 1: local, 2: done); args[1..4]: the key
 * of the last route given (args[5] 0: none yet). */
static int dump_routes(struct nl_msg *m, struct nl_dump_cb *cb)
{
	struct net *net = nl_net(cb->sk);
	int fam = req_family(cb->nlh);
	if (fam != AF_UNSPEC && fam != AF_INET)
		return 0;
	int want = 0;
	if (cb->nlh->nlmsg_len >= NLMSG_LENGTH(sizeof(struct rtmsg)))
		want = ((struct rtmsg *)NLMSG_DATA(cb->nlh))->rtm_table;
	static const int tables[2] = { RT_TABLE_MAIN, RT_TABLE_LOCAL };
	struct inet_net *in = net->inet;
	int ret = 0;
	mutex_lock(&in->lock);
	for (; cb->args[0] < 2; cb->args[0]++, cb->args[5] = 0) {
		int table = tables[cb->args[0]];
		if (want && want != table)
			continue;
		struct inet_route *r;
		for (;;) {
			struct inet_route_key k = {
				.dst = cb->args[1], .plen = cb->args[2], .priority = cb->args[3],
				.id = cb->args[4],
			};
			r = inet_route_next(net, table, cb->args[5] ? &k : NULL);
			if (!r)
				break;
			if (inet_route_alive(r) &&
			    fill_route(m, r, table, RTM_NEWROUTE, cb->portid, cb->seq, NLM_F_MULTI)) {
				ret = 1;
				goto out;
			}
			inet_route_key(r, &k);
			cb->args[1] = k.dst;
			cb->args[2] = k.plen;
			cb->args[3] = k.priority;
			cb->args[4] = k.id;
			cb->args[5] = 1;
		}
	}
out:
	mutex_unlock(&in->lock);
	return ret;
}

/* ip route get: the lookup's answer as one cloned route. */
static int route_get(struct nl_sock *sk, struct nlmsghdr *nlh, struct nlattr **tb)
{
	struct net *net = nl_net(sk);
	uint32_t dst = 0;
	if (tb[RTA_DST]) {
		if (nla_len(tb[RTA_DST]) < 4)
			return -EINVAL;
		memcpy(&dst, nla_data(tb[RTA_DST]), 4);
	}
	struct inet_net *in = net->inet;
	struct rt_result rt;
	mutex_lock(&in->lock);
	int err = inet_route_lookup(net, dst, &rt);
	mutex_unlock(&in->lock);
	if (err)
		return err;
	if (tb[RTA_OIF] && nla_u32(tb[RTA_OIF]) && (int)nla_u32(tb[RTA_OIF]) != rt.dev->ifindex &&
	    rt.type != RTN_LOCAL)
		return -ENETUNREACH;
	struct nl_msg *m = nl_msg_new(RTNL_MSG_SIZE);
	if (!m)
		return -ENOBUFS;
	struct nlmsghdr *rh = nlmsg_put(m, nl_portid(sk), nlh->nlmsg_seq, RTM_NEWROUTE,
					sizeof(struct rtmsg), 0);
	struct rtmsg *rtm = NLMSG_DATA(rh);
	rtm->rtm_family = AF_INET;
	rtm->rtm_dst_len = 32;
	rtm->rtm_table = rt.type == RTN_LOCAL ? RT_TABLE_LOCAL : RT_TABLE_MAIN;
	rtm->rtm_scope = RT_SCOPE_UNIVERSE;
	rtm->rtm_type = rt.type;
	rtm->rtm_flags = RTM_F_CLONED;
	struct rta_cacheinfo ci = { 0 };
	uint32_t uid = from_kuid_munged(current_user_ns(), current->cred->uid);
	err = nla_put_u32(m, RTA_TABLE, rtm->rtm_table) ||
	      nla_put(m, RTA_DST, 4, &dst) ||
	      nla_put_u32(m, RTA_OIF, rt.dev->ifindex) ||
	      (rt.src && nla_put(m, RTA_PREFSRC, 4, &rt.src)) ||
	      (rt.gw && nla_put(m, RTA_GATEWAY, 4, &rt.gw)) ||
	      nla_put_u32(m, RTA_UID, uid) ||
	      nla_put(m, RTA_CACHEINFO, sizeof(ci), &ci);
	if (err) {
		nl_msg_free(m);
		return -EMSGSIZE;
	}
	nlmsg_end(m, rh);
	nl_unicast(sk, m);
	return 0;
}

static int get_route(struct nl_sock *sk, struct nlmsghdr *nlh)
{
	if (nlh->nlmsg_flags & NLM_F_DUMP)
		return netlink_dump_start(sk, nlh, dump_routes);
	struct nlattr *tb[RTA_MAX + 1];
	int err = parse(nlh, sizeof(struct rtmsg), tb, RTA_MAX);
	if (err)
		return err;
	struct rtmsg *rtm = NLMSG_DATA(nlh);
	if (rtm->rtm_family != AF_INET)
		return -EAFNOSUPPORT;
	return route_get(sk, nlh, tb);
}

static void route_deleted(struct net *net, struct inet_route *r, struct inet_route_cfg *c)
{
	notify_route(net, r, c->table, RTM_DELROUTE);
}

static int route_req(struct nl_sock *sk, struct nlmsghdr *nlh, bool add, const char **errmsg)
{
	struct nlattr *tb[RTA_MAX + 1];
	int err = parse(nlh, sizeof(struct rtmsg), tb, RTA_MAX);
	if (err)
		return err;
	struct net *net = nl_net(sk);
	struct rtmsg *rtm = NLMSG_DATA(nlh);
	if (rtm->rtm_family != AF_INET)
		return -EAFNOSUPPORT;
	if (!net_admin(net))
		return -EPERM;
	struct inet_route_cfg c = {
		.table = tb[RTA_TABLE] ? (int)nla_u32(tb[RTA_TABLE]) : rtm->rtm_table,
		.plen = rtm->rtm_dst_len,
		.type = rtm->rtm_type,
		.scope = rtm->rtm_scope,
		.protocol = rtm->rtm_protocol,
		.nlflags = nlh->nlmsg_flags,
	};
	if (!c.table)
		c.table = RT_TABLE_MAIN;
	if (rtm->rtm_dst_len > 32 || rtm->rtm_src_len)
		return -EINVAL;
	for (int t = 0; t <= RTA_MAX; t++) {
		bool addr = t == RTA_DST || t == RTA_GATEWAY || t == RTA_PREFSRC;
		if (tb[t] && addr && nla_len(tb[t]) < 4)
			return -EINVAL;
	}
	if (tb[RTA_DST])
		memcpy(&c.dst, nla_data(tb[RTA_DST]), 4);
	if (tb[RTA_GATEWAY])
		memcpy(&c.gw, nla_data(tb[RTA_GATEWAY]), 4);
	if (tb[RTA_PREFSRC])
		memcpy(&c.prefsrc, nla_data(tb[RTA_PREFSRC]), 4);
	if (tb[RTA_PRIORITY]) {
		c.priority = nla_u32(tb[RTA_PRIORITY]);
		c.has_priority = true;
	}
	if (tb[RTA_OIF] && nla_u32(tb[RTA_OIF])) {
		c.dev = dev_get_by_index(net, nla_u32(tb[RTA_OIF]));
		if (!c.dev)
			return -ENODEV;
	}
	if (add) {
		if (c.type == RTN_UNSPEC)
			c.type = RTN_UNICAST;
		if (c.type != RTN_UNICAST && c.type != RTN_LOCAL && c.type != RTN_BROADCAST)
			return -EOPNOTSUPP;
		if (c.scope == RT_SCOPE_NOWHERE)
			return -EINVAL;
	}
	struct inet_net *in = net->inet;
	mutex_lock(&in->lock);
	if (add) {
		err = inet_route_add(net, &c);
		if (!err) {
			/* The route just made is the one of this key and metric. */
			struct inet_route *r;
			struct list_head *t = c.table == RT_TABLE_LOCAL ? &in->local_table : &in->main_table;
			list_for_each_entry(r, t, link)
				if (r->dst == c.dst && r->plen == c.plen && r->priority == c.priority &&
				    r->gw == c.gw) {
					notify_route(net, r, c.table, RTM_NEWROUTE);
					break;
				}
		}
	} else {
		c.deleted = route_deleted;
		err = inet_route_del(net, &c);
	}
	mutex_unlock(&in->lock);
	*errmsg = c.errmsg;
	return err;
}

/* ---- neighbours (the ARP table, neighbour.h) ---- */

struct neigh_dump {
	struct nl_msg *m;
	struct nl_dump_cb *cb;
	long k;				/* entries seen */
	bool full;			/* the message is full: the rest next time */
};

static void fill_neigh(const struct neigh_row *r, void *arg)
{
	struct neigh_dump *d = arg;
	if (d->full || d->k++ < d->cb->args[0])
		return;
	struct nlmsghdr *nlh = nlmsg_put(d->m, d->cb->portid, d->cb->seq, RTM_NEWNEIGH,
					 sizeof(struct ndmsg), NLM_F_MULTI);
	if (!nlh) {
		d->full = true;
		return;
	}
	struct ndmsg *nd = NLMSG_DATA(nlh);
	nd->ndm_family = AF_INET;
	nd->ndm_ifindex = r->ifindex;
	nd->ndm_state = r->state;
	nd->ndm_type = RTN_UNICAST;
	bool lladdr = r->state & (NUD_REACHABLE | NUD_STALE | NUD_DELAY | NUD_PROBE | NUD_PERMANENT);
	if (nla_put(d->m, NDA_DST, 4, &r->addr) ||
	    (lladdr && nla_put(d->m, NDA_LLADDR, ETH_ALEN, r->ha))) {
		nlmsg_cancel(d->m, nlh);
		d->full = true;
		return;
	}
	nlmsg_end(d->m, nlh);
	d->cb->args[0]++;
}

/* args[0]: how many entries were given. */
static int dump_neigh(struct nl_msg *m, struct nl_dump_cb *cb)
{
	int fam = req_family(cb->nlh);
	if (fam == AF_BRIDGE)
		return br_fdb_dump(m, cb);
	if (fam != AF_UNSPEC && fam != AF_INET)
		return 0;
	struct neigh_dump d = { m, cb, 0, false };
	neigh_for_each(nl_net(cb->sk), fill_neigh, &d);
	return d.full ? 1 : 0;
}

int rtnetlink_rcv(struct nl_sock *sk, struct nlmsghdr *nlh, const char **errmsg)
{
	int type = nlh->nlmsg_type;
	if (type < RTM_BASE || type > RTM_MAX)
		return -EOPNOTSUPP;
	/* The GET requests may dump. */
	bool get = (type - RTM_BASE) % 4 == 2;
	if (get && (nlh->nlmsg_flags & NLM_F_DUMP) == NLM_F_DUMP) {
		switch (type) {
		case RTM_GETLINK: return netlink_dump_start(sk, nlh, dump_links);
		case RTM_GETADDR: return get_addr(sk, nlh);
		case RTM_GETROUTE: return netlink_dump_start(sk, nlh, dump_routes);
		case RTM_GETNEIGH: return netlink_dump_start(sk, nlh, dump_neigh);
		}
		return -EOPNOTSUPP;
	}
	int err;
	rtnl_lock();
	switch (type) {
	case RTM_GETLINK: err = get_link(sk, nlh); break;
	case RTM_NEWLINK: err = new_link(sk, nlh, errmsg); break;
	case RTM_SETLINK: err = set_link_req(sk, nlh, errmsg); break;
	case RTM_DELLINK: err = del_link(sk, nlh); break;
	case RTM_NEWADDR: err = addr_req(sk, nlh, true, errmsg); break;
	case RTM_DELADDR: err = addr_req(sk, nlh, false, errmsg); break;
	case RTM_GETROUTE: err = get_route(sk, nlh); break;
	case RTM_NEWROUTE: err = route_req(sk, nlh, true, errmsg); break;
	case RTM_DELROUTE: err = route_req(sk, nlh, false, errmsg); break;
	default: err = -EOPNOTSUPP;
	}
	rtnl_unlock();
	return err;
}
