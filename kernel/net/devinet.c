/*
 * net/devinet.c - the IPv4 side of a network namespace (inet.h): its
 * struct inet_net, the addresses of its devices (struct in_ifaddr), the
 * two route tables (local: the host's own addresses; main: the networks
 * reached through a device), the longest-prefix-match lookup, and the
 * device ioctls every socket answers (dev_ioctl).
 *
 * Locks: inet->lock guards the address list and both tables; device
 * flags are net->dev_lock's (dev_change_flags takes it).  The tables are
 * kept sorted longest prefix first, so a lookup takes the first match.
 */
#include "inet.h"
#include "neighbour.h"
#include "netdevice.h"
#include "net.h"
#include "ns.h"
#include "cred.h"
#include "kmalloc.h"
#include "string.h"
#include "uaccess.h"
#include "timer.h"
#include <linux/sockios.h>
#include <linux/if_arp.h>

static uint32_t make_mask(int plen)
{
	return plen ? htonl(~0u << (32 - plen)) : 0;
}

int inet_init_net(struct net *net)
{
	unsigned int ports = net == &init_net ? INET_PORT_BUCKETS : INET_PORT_BUCKETS_NS;
	unsigned int conns = net == &init_net ? INET_CONN_BUCKETS : INET_CONN_BUCKETS_NS;
	unsigned int nb = 3 * ports + conns;
	struct inet_net *in = kmalloc(sizeof(*in) + nb * sizeof(struct list_head));
	if (!in)
		return -ENOMEM;
	memset(in, 0, sizeof(*in));	/* every bucket is set below */
	for (unsigned int i = 0; i < nb; i++)
		list_init(&in->buckets[i]);
	in->port_mask = ports - 1;
	in->conn_mask = conns - 1;
	in->udp_hash = in->buckets;
	in->ping_hash = in->udp_hash + ports;
	in->tcp_bhash = in->ping_hash + ports;
	in->tcp_ehash = in->tcp_bhash + ports;
	mutex_init(&in->lock, "inet");
	list_init(&in->ifa_list);
	list_init(&in->local_table);
	list_init(&in->main_table);
	list_init(&in->raw_list);
	in->loss_rand = 0x9e3779b9u ^ (uint32_t)(uintptr_t)in;
	spin_init(&in->rx_lock, "inet_rx");
	list_init(&in->backlog);
	in->port_lo = 32768;
	in->port_hi = 60999;
	in->tcp_rto_min_us = 200000;
	in->tcp_sack = 1;
	in->ping_gid_lo = 1;	/* "1 0": nobody may open a ping socket */
	in->ping_gid_hi = 0;
	in->net = net;
	list_init(&in->work_link);
	net->inet = in;
	if (neigh_init_net(net) || ipfrag_init_net(net)) {
		inet_exit_net(net);
		return -ENOMEM;
	}
	return 0;
}

static void table_free(struct list_head *t)
{
	struct inet_route *r, *n;
	list_for_each_entry_safe(r, n, t, link) {
		list_del(&r->link);
		kfree(r);
	}
}

void inet_exit_net(struct net *net)
{
	struct inet_net *in = net->inet;
	if (!in)
		return;
	neigh_exit_net(net);
	ipfrag_exit_net(net);
	table_free(&in->local_table);
	table_free(&in->main_table);
	struct in_ifaddr *ifa, *ni;
	list_for_each_entry_safe(ifa, ni, &in->ifa_list, link) {
		list_del(&ifa->link);
		kfree(ifa);
	}
	struct pkt *p, *np;
	list_for_each_entry_safe(p, np, &in->backlog, link) {
		list_del(&p->link);
		pkt_free(p);
	}
	kfree(in);
	net->inet = NULL;
}

/* ---- routes ---- */

static int route_add(struct list_head *table, uint32_t dst, int plen, int type, int scope,
		     struct in_ifaddr *ifa)
{
	struct inet_route *r = kzalloc(sizeof(*r));
	if (!r)
		return -ENOMEM;
	r->dst = dst & make_mask(plen);
	r->plen = plen;
	r->type = type;
	r->scope = scope;
	r->dev = ifa->dev;
	r->prefsrc = ifa->local;
	r->ifa = ifa;
	r->protocol = RTPROT_KERNEL;
	struct inet_route *at;
	list_for_each_entry(at, table, link)
		if (at->plen < plen)
			break;
	list_insert(&r->link, at->link.prev, &at->link);
	return 0;
}

static void routes_del_ifa(struct list_head *table, struct in_ifaddr *ifa)
{
	struct inet_route *r, *n;
	list_for_each_entry_safe(r, n, table, link)
		if (r->ifa == ifa) {
			list_del(&r->link);
			kfree(r);
		}
}

/* The primary address of ifa's subnet on its device (ifa itself if it
 * is one), whose address its routes suggest as the source. */
static struct in_ifaddr *ifa_primary(struct inet_net *in, struct in_ifaddr *ifa)
{
	if (!(ifa->flags & IFA_F_SECONDARY))
		return ifa;
	struct in_ifaddr *p;
	list_for_each_entry(p, &in->ifa_list, link)
		if (p->dev == ifa->dev && !(p->flags & IFA_F_SECONDARY) &&
		    p->prefixlen == ifa->prefixlen && !((p->local ^ ifa->local) & p->mask))
			return p;
	return ifa;
}

/* The routes an address brings (Linux's fib_add_ifaddr): its own address
 * as local; the broadcast address it was given; for a primary, on
 * loopback the whole prefix as local, elsewhere the prefix as a
 * connected route, and the prefix's broadcast address. */
static int routes_add_ifa(struct inet_net *in, struct in_ifaddr *ifa)
{
	uint32_t src = ifa_primary(in, ifa)->local;
	uint32_t bcast = ifa->local | ~ifa->mask;
	int err = route_add(&in->local_table, ifa->local, 32, RTN_LOCAL, RT_SCOPE_HOST, ifa);
	if (!err && ifa->broadcast && ifa->broadcast != htonl(INADDR_BROADCAST) &&
	    !(ifa->prefixlen < 31 && !(ifa->flags & IFA_F_SECONDARY) && ifa->broadcast == bcast))
		err = route_add(&in->local_table, ifa->broadcast, 32, RTN_BROADCAST,
				RT_SCOPE_LINK, ifa);
	if (!err && ifa->prefixlen < 32 && !(ifa->flags & IFA_F_SECONDARY)) {
		if (ifa->dev->flags & IFF_LOOPBACK)
			err = route_add(&in->local_table, ifa->local, ifa->prefixlen, RTN_LOCAL,
					RT_SCOPE_HOST, ifa);
		else
			err = route_add(&in->main_table, ifa->local, ifa->prefixlen, RTN_UNICAST,
					RT_SCOPE_LINK, ifa);
		if (!err && ifa->prefixlen < 31)
			err = route_add(&in->local_table, bcast, 32, RTN_BROADCAST,
					RT_SCOPE_LINK, ifa);
	}
	struct inet_route *r;
	list_for_each_entry(r, &in->local_table, link)
		if (r->ifa == ifa)
			r->prefsrc = src;
	if (err) {
		routes_del_ifa(&in->local_table, ifa);
		routes_del_ifa(&in->main_table, ifa);
	}
	return err;
}

static bool dev_is_up(const struct net_device *dev)
{
	return __atomic_load_n(&dev->flags, __ATOMIC_RELAXED) & IFF_UP;
}

/* Is r in use?  Routes through a device that is down are not (Linux
 * flushes them and brings those of its addresses back when it comes up),
 * except the local routes of its own addresses, which Linux keeps. */
bool inet_route_alive(const struct inet_route *r)
{
	return dev_is_up(r->dev) || (r->ifa && r->type == RTN_LOCAL && r->plen == 32);
}

static struct inet_route *table_lookup(struct list_head *t, uint32_t dst)
{
	struct inet_route *r;
	list_for_each_entry(r, t, link)
		if ((dst & make_mask(r->plen)) == r->dst && inet_route_alive(r))
			return r;
	return NULL;
}

/* The source for a route that suggests none (Linux's inet_select_addr):
 * dev's address on the subnet of to, else dev's first primary, else any
 * of the namespace's addresses that is not loopback's. */
static uint32_t select_src(struct inet_net *in, struct net_device *dev, uint32_t to)
{
	struct in_ifaddr *ifa, *first = NULL, *any = NULL;
	list_for_each_entry(ifa, &in->ifa_list, link) {
		if (ifa->dev == dev && !((ifa->local ^ to) & ifa->mask))
			return ifa->local;
		if (ifa->dev == dev && !first && !(ifa->flags & IFA_F_SECONDARY))
			first = ifa;
		if (!any && ifa->scope != RT_SCOPE_HOST)
			any = ifa;
	}
	return first ? first->local : any ? any->local : 0;
}

int inet_route_lookup(struct net *net, uint32_t dst, struct rt_result *res)
{
	struct inet_net *in = net->inet;
	struct inet_route *r = table_lookup(&in->local_table, dst);
	if (!r)
		r = table_lookup(&in->main_table, dst);
	if (!r)
		return -ENETUNREACH;
	res->type = r->type;
	/* What is for this host goes through loopback, as Linux. */
	res->dev = r->type == RTN_LOCAL ? net->loopback_dev : r->dev;
	res->gw = r->gw;
	res->src = r->prefsrc;
	if (!res->src)
		res->src = select_src(in, r->dev, r->gw ? r->gw : dst);
	return 0;
}

bool inet_addr_is_local(struct net *net, uint32_t addr)
{
	struct inet_route *r = table_lookup(&net->inet->local_table, addr);
	return r && r->type == RTN_LOCAL;
}

struct in_ifaddr *inet_dev_first_addr(struct inet_net *in, struct net_device *dev)
{
	struct in_ifaddr *ifa;
	list_for_each_entry(ifa, &in->ifa_list, link)
		if (ifa->dev == dev)
			return ifa;
	return NULL;
}

/* ---- addresses ---- */

static struct in_ifaddr *ifa_new(struct net_device *dev, const char *label)
{
	struct in_ifaddr *ifa = kzalloc(sizeof(*ifa));
	if (!ifa)
		return NULL;
	ifa->dev = dev;
	strlcpy(ifa->label, label, sizeof(ifa->label));
	ifa->flags = IFA_F_PERMANENT;
	ifa->cstamp = timer_now_ns() / 10000000;
	return ifa;
}

/* Give ifa its address and prefix and its routes (in->lock held). */
static int ifa_set(struct inet_net *in, struct in_ifaddr *ifa, uint32_t addr, int plen)
{
	routes_del_ifa(&in->local_table, ifa);
	routes_del_ifa(&in->main_table, ifa);
	ifa->local = addr;
	ifa->prefixlen = plen;
	ifa->mask = make_mask(plen);
	ifa->broadcast = 0;
	if (!(ifa->dev->flags & IFF_LOOPBACK) && plen < 31)
		ifa->broadcast = addr | ~ifa->mask;
	ifa->scope = (ntohl(addr) >> 24) == 127 ? RT_SCOPE_HOST : RT_SCOPE_UNIVERSE;
	return routes_add_ifa(in, ifa);
}

static void ifa_del(struct inet_net *in, struct in_ifaddr *ifa)
{
	routes_del_ifa(&in->local_table, ifa);
	routes_del_ifa(&in->main_table, ifa);
	list_del(&ifa->link);
	kfree(ifa);
}

void inet_dev_up(struct net_device *dev)
{
	struct inet_net *in = dev->net->inet;
	if (!(dev->flags & IFF_LOOPBACK))
		return;
	mutex_lock(&in->lock);
	if (!inet_dev_first_addr(in, dev)) {
		struct in_ifaddr *ifa = ifa_new(dev, dev->name);
		if (ifa) {
			list_add_tail(&ifa->link, &in->ifa_list);
			if (ifa_set(in, ifa, htonl(INADDR_LOOPBACK), 8))
				ifa_del(in, ifa);
		}
	}
	mutex_unlock(&in->lock);
}

/* ---- devices coming and going (rtnl held) ---- */

static void routes_del_dev(struct list_head *table, struct net_device *dev, bool added_only)
{
	struct inet_route *r, *n;
	list_for_each_entry_safe(r, n, table, link)
		if (r->dev == dev && (!added_only || !r->ifa)) {
			list_del(&r->link);
			kfree(r);
		}
}

void inet_dev_down(struct net_device *dev)
{
	struct inet_net *in = dev->net->inet;
	mutex_lock(&in->lock);
	routes_del_dev(&in->main_table, dev, true);
	routes_del_dev(&in->local_table, dev, true);
	mutex_unlock(&in->lock);
}

void inet_dev_unregister(struct net_device *dev)
{
	struct inet_net *in = dev->net->inet;
	if (!in)
		return;
	mutex_lock(&in->lock);
	struct in_ifaddr *ifa, *n;
	list_for_each_entry_safe(ifa, n, &in->ifa_list, link)
		if (ifa->dev == dev)
			ifa_del(in, ifa);
	routes_del_dev(&in->main_table, dev, false);
	routes_del_dev(&in->local_table, dev, false);
	mutex_unlock(&in->lock);
	/* Neighbours (and what waits on them) keep no pointer to it. */
	if (dev->type == ARPHRD_ETHER)
		neigh_ifdown(dev->net, dev);
}

void inet_dev_rename(struct net_device *dev, const char *old)
{
	struct inet_net *in = dev->net->inet;
	size_t ol = strlen(old);
	mutex_lock(&in->lock);
	struct in_ifaddr *ifa;
	list_for_each_entry(ifa, &in->ifa_list, link) {
		if (ifa->dev != dev || strncmp(ifa->label, old, ol) ||
		    (ifa->label[ol] && ifa->label[ol] != ':'))
			continue;
		char label[IFNAMSIZ];
		strlcpy(label, dev->name, sizeof(label));
		size_t nl = strlen(label);
		if (ifa->label[ol] && nl < sizeof(label))
			strlcpy(label + nl, ifa->label + ol, sizeof(label) - nl);
		strlcpy(ifa->label, label, sizeof(ifa->label));
	}
	mutex_unlock(&in->lock);
}

/* ---- rtnetlink's addresses and routes (inet->lock held) ---- */

int inet_addr_add(struct net *net, struct net_device *dev, uint32_t local, int plen,
		  uint32_t broadcast, int scope, const char *label)
{
	struct inet_net *in = net->inet;
	uint32_t mask = make_mask(plen);
	bool secondary = false;
	struct in_ifaddr *ifa;
	list_for_each_entry(ifa, &in->ifa_list, link) {
		if (ifa->dev != dev)
			continue;
		if (ifa->local == local && ifa->prefixlen == plen)
			return -EEXIST;
		if (ifa->prefixlen == plen && !((ifa->local ^ local) & mask) &&
		    !(ifa->flags & IFA_F_SECONDARY))
			secondary = true;
	}
	ifa = ifa_new(dev, label);
	if (!ifa)
		return -ENOMEM;
	ifa->local = local;
	ifa->prefixlen = plen;
	ifa->mask = mask;
	ifa->broadcast = broadcast;
	ifa->scope = scope;
	if (secondary)
		ifa->flags |= IFA_F_SECONDARY;
	list_add_tail(&ifa->link, &in->ifa_list);
	int err = routes_add_ifa(in, ifa);
	if (err)
		ifa_del(in, ifa);
	return err;
}

int inet_addr_del(struct net *net, struct net_device *dev, bool has_local, uint32_t local,
		  bool has_addr, uint32_t addr, int plen, const char *label)
{
	struct inet_net *in = net->inet;
	struct in_ifaddr *ifa;
	list_for_each_entry(ifa, &in->ifa_list, link) {
		if (ifa->dev != dev)
			continue;
		if (has_local && ifa->local != local)
			continue;
		if (label && strncmp(label, ifa->label, IFNAMSIZ))
			continue;
		if (has_addr && (plen != ifa->prefixlen || ((addr ^ ifa->local) & ifa->mask)))
			continue;
		/* A primary takes its secondaries along (no promotion, as
		 * Linux by default). */
		if (!(ifa->flags & IFA_F_SECONDARY)) {
			struct in_ifaddr *s, *n;
			list_for_each_entry_safe(s, n, &in->ifa_list, link)
				if (s != ifa && s->dev == dev && (s->flags & IFA_F_SECONDARY) &&
				    s->prefixlen == ifa->prefixlen && !((s->local ^ ifa->local) & ifa->mask))
					ifa_del(in, s);
		}
		ifa_del(in, ifa);
		/* Its last address gone, the device's other routes go too
		 * (Linux's fib_disable_ip). */
		if (!inet_dev_first_addr(in, dev)) {
			routes_del_dev(&in->main_table, dev, false);
			routes_del_dev(&in->local_table, dev, false);
		}
		return 0;
	}
	return -EADDRNOTAVAIL;
}

static struct list_head *table_of(struct inet_net *in, int table)
{
	if (table == RT_TABLE_LOCAL)
		return &in->local_table;
	if (table == RT_TABLE_MAIN)
		return &in->main_table;
	return NULL;
}

int inet_route_add(struct net *net, struct inet_route_cfg *c)
{
	struct inet_net *in = net->inet;
	struct list_head *t = table_of(in, c->table);
	if (!t)
		return -EOPNOTSUPP;
	if (c->plen < 0 || c->plen > 32)
		return -EINVAL;
	if (c->dst & ~make_mask(c->plen)) {
		c->errmsg = "Invalid prefix for given prefix length";
		return -EINVAL;
	}
	struct net_device *dev = c->dev;
	if (c->prefsrc && !inet_addr_is_local(net, c->prefsrc)) {
		c->errmsg = "Invalid prefsrc address";
		return -EINVAL;
	}
	if (c->gw) {
		struct inet_route *g = table_lookup(&in->local_table, c->gw);
		if (g && g->type == RTN_LOCAL) {
			c->errmsg = "Nexthop has invalid gateway";
			return -EINVAL;
		}
		g = table_lookup(&in->main_table, c->gw);
		if (!g || g->gw || g->type != RTN_UNICAST || (dev && g->dev != dev)) {
			c->errmsg = "Nexthop has invalid gateway";
			return -ENETUNREACH;
		}
		dev = g->dev;
	} else if (!dev) {
		c->errmsg = "Nexthop device required";
		return -ENODEV;
	} else if (!dev_is_up(dev)) {
		c->errmsg = "Nexthop device is not up";
		return -ENETDOWN;
	}
	struct inet_route *r;
	list_for_each_entry(r, t, link) {
		if (r->dst != c->dst || r->plen != c->plen || r->priority != c->priority)
			continue;
		if (c->nlflags & NLM_F_EXCL)
			return -EEXIST;
		if (c->nlflags & NLM_F_REPLACE) {
			r->type = c->type;
			r->scope = c->scope;
			r->dev = dev;
			r->gw = c->gw;
			r->prefsrc = c->prefsrc;
			r->protocol = c->protocol;
			r->ifa = NULL;
			return 0;
		}
		if (r->dev == dev && r->gw == c->gw)
			return -EEXIST;
	}
	if (!(c->nlflags & NLM_F_CREATE))
		return -ENOENT;
	r = kzalloc(sizeof(*r));
	if (!r)
		return -ENOMEM;
	r->dst = c->dst;
	r->plen = c->plen;
	r->type = c->type;
	r->scope = c->scope;
	r->dev = dev;
	r->gw = c->gw;
	r->prefsrc = c->prefsrc;
	r->protocol = c->protocol;
	r->priority = c->priority;
	/* Longest prefix first; among equals, the lower metric first. */
	struct inet_route *at;
	list_for_each_entry(at, t, link)
		if (at->plen < c->plen || (at->plen == c->plen && at->priority > c->priority))
			break;
	list_insert(&r->link, at->link.prev, &at->link);
	return 0;
}

int inet_route_del(struct net *net, struct inet_route_cfg *c)
{
	struct inet_net *in = net->inet;
	struct list_head *t = table_of(in, c->table);
	if (!t)
		return -ESRCH;
	struct inet_route *r;
	list_for_each_entry(r, t, link) {
		if (r->dst != c->dst || r->plen != c->plen)
			continue;
		if (c->has_priority && r->priority != c->priority)
			continue;
		if ((c->type && r->type != c->type) ||
		    (c->scope != RT_SCOPE_NOWHERE && r->scope != c->scope) ||
		    (c->protocol && r->protocol != c->protocol) ||
		    (c->prefsrc && r->prefsrc != c->prefsrc) ||
		    (c->gw && r->gw != c->gw) || (c->dev && r->dev != c->dev))
			continue;
		if (c->deleted)
			c->deleted(net, r, c);
		list_del(&r->link);
		kfree(r);
		return 0;
	}
	return -ESRCH;
}

/* Linux's dump order: by key, then longer prefix first, then metric;
 * equal routes by address, so the order is total. */
static bool key_before(const struct inet_route_key *a, const struct inet_route_key *b)
{
	if (a->dst != b->dst)
		return a->dst < b->dst;
	if (a->plen != b->plen)
		return a->plen > b->plen;
	if (a->priority != b->priority)
		return a->priority < b->priority;
	return a->id < b->id;
}

void inet_route_key(const struct inet_route *r, struct inet_route_key *k)
{
	k->dst = ntohl(r->dst);
	k->plen = r->plen;
	k->priority = r->priority;
	k->id = (uintptr_t)r;
}

struct inet_route *inet_route_next(struct net *net, int table, const struct inet_route_key *after)
{
	struct list_head *t = table_of(net->inet, table);
	if (!t)
		return NULL;
	struct inet_route *r, *best = NULL;
	struct inet_route_key bk, k;
	list_for_each_entry(r, t, link) {
		inet_route_key(r, &k);
		if (after && !key_before(after, &k))
			continue;
		if (!best || key_before(&k, &bk)) {
			best = r;
			bk = k;
		}
	}
	return best;
}

/* ---- the ioctls ---- */

static struct in_ifaddr *ifa_by_label(struct inet_net *in, const char *label)
{
	struct in_ifaddr *ifa;
	list_for_each_entry(ifa, &in->ifa_list, link)
		if (!strncmp(ifa->label, label, IFNAMSIZ))
			return ifa;
	return NULL;
}

/* The prefix length of a mask, or -1 if its ones are not contiguous. */
static int mask_len(uint32_t mask)
{
	uint32_t m = ntohl(mask);
	int n = __builtin_popcount(m);
	return make_mask(n) == mask ? n : -1;
}

/* The class of an address, the prefix SIOCSIFADDR gives it (Linux's
 * inet_abc_len). */
static int abc_len(uint32_t addr)
{
	uint32_t a = ntohl(addr);
	if (!a)
		return 0;
	if (!(a & 0x80000000))
		return 8;
	if ((a & 0xc0000000) == 0x80000000)
		return 16;
	if ((a & 0xe0000000) == 0xc0000000)
		return 24;
	return -1;
}

static void put_sin(struct sockaddr *sa, uint32_t addr)
{
	struct sockaddr_in *sin = (struct sockaddr_in *)sa;
	memset(sin, 0, sizeof(*sin));
	sin->sin_family = AF_INET;
	sin->sin_addr.s_addr = addr;
}

static long ifconf(struct net *net, unsigned long arg)
{
	struct ifconf ifc;
	if (copy_from_user(&ifc, (void __user *)arg, sizeof(ifc)))
		return -EFAULT;
	struct inet_net *in = net->inet;
	int done = 0;
	long err = 0;
	mutex_lock(&in->lock);
	struct in_ifaddr *ifa;
	list_for_each_entry(ifa, &in->ifa_list, link) {
		if (!ifc.ifc_buf) {
			done += sizeof(struct ifreq);
			continue;
		}
		if (done + (int)sizeof(struct ifreq) > ifc.ifc_len)
			break;
		struct ifreq r;
		memset(&r, 0, sizeof(r));
		strlcpy(r.ifr_name, ifa->label, IFNAMSIZ);
		put_sin(&r.ifr_addr, ifa->local);
		if (copy_to_user(ifc.ifc_buf + done, &r, sizeof(r))) {
			err = -EFAULT;
			break;
		}
		done += sizeof(r);
	}
	mutex_unlock(&in->lock);
	if (err)
		return err;
	ifc.ifc_len = done;
	return copy_to_user((void __user *)arg, &ifc, sizeof(ifc)) ? -EFAULT : 0;
}

static long inet_ifreq(struct net *net, unsigned int cmd, struct ifreq *r, struct net_device *dev)
{
	struct inet_net *in = net->inet;
	struct sockaddr_in *sin = (struct sockaddr_in *)&r->ifr_addr;
	long err = 0;
	if ((cmd == SIOCSIFADDR || cmd == SIOCSIFNETMASK) && sin->sin_family != AF_INET)
		return -EINVAL;
	mutex_lock(&in->lock);
	struct in_ifaddr *ifa = ifa_by_label(in, r->ifr_name);
	switch (cmd) {
	case SIOCGIFADDR:
	case SIOCGIFNETMASK:
	case SIOCGIFBRDADDR:
		if (!ifa) {
			err = -EADDRNOTAVAIL;
			break;
		}
		put_sin(&r->ifr_addr, cmd == SIOCGIFADDR ? ifa->local :
				      cmd == SIOCGIFNETMASK ? ifa->mask : ifa->broadcast);
		break;
	case SIOCSIFADDR: {
		uint32_t a = sin->sin_addr.s_addr;
		int plen = abc_len(a);
		if (plen < 0) {
			err = -EINVAL;
			break;
		}
		if (!a) {		/* 0.0.0.0 takes the address away */
			if (ifa)
				ifa_del(in, ifa);
			break;
		}
		if (!ifa) {
			ifa = ifa_new(dev, r->ifr_name);
			if (!ifa) {
				err = -ENOMEM;
				break;
			}
			list_add_tail(&ifa->link, &in->ifa_list);
		}
		if ((err = ifa_set(in, ifa, a, plen)))
			ifa_del(in, ifa);
		break;
	}
	case SIOCSIFNETMASK: {
		int plen = mask_len(sin->sin_addr.s_addr);
		if (!ifa)
			err = -EADDRNOTAVAIL;
		else if (plen < 0)
			err = -EINVAL;
		else if (plen != ifa->prefixlen && (err = ifa_set(in, ifa, ifa->local, plen)))
			ifa_del(in, ifa);
		break;
	}
	}
	mutex_unlock(&in->lock);
	return err;
}

static long dev_ioctl_locked(struct net *net, unsigned int cmd, unsigned long arg);

long dev_ioctl(struct net *net, unsigned int cmd, unsigned long arg)
{
	switch (cmd) {
	case SIOCGIFCONF:
	case SIOCGIFNAME: case SIOCGIFINDEX: case SIOCGIFFLAGS: case SIOCSIFFLAGS:
	case SIOCGIFMTU: case SIOCSIFMTU: case SIOCGIFHWADDR: case SIOCGIFADDR:
	case SIOCSIFADDR: case SIOCGIFNETMASK: case SIOCSIFNETMASK: case SIOCGIFBRDADDR:
		break;
	default:
		return -ENOIOCTLCMD;
	}
	/* Devices may go away: rtnl keeps the one found. */
	rtnl_lock();
	long err = dev_ioctl_locked(net, cmd, arg);
	rtnl_unlock();
	return err;
}

static long dev_ioctl_locked(struct net *net, unsigned int cmd, unsigned long arg)
{
	switch (cmd) {
	case SIOCGIFCONF:
		return ifconf(net, arg);
	case SIOCGIFNAME: case SIOCGIFINDEX: case SIOCGIFFLAGS: case SIOCSIFFLAGS:
	case SIOCGIFMTU: case SIOCSIFMTU: case SIOCGIFHWADDR: case SIOCGIFADDR:
	case SIOCSIFADDR: case SIOCGIFNETMASK: case SIOCSIFNETMASK: case SIOCGIFBRDADDR:
		break;
	default:
		return -ENOIOCTLCMD;
	}
	struct ifreq r;
	if (copy_from_user(&r, (void __user *)arg, sizeof(r)))
		return -EFAULT;
	r.ifr_name[IFNAMSIZ - 1] = 0;
	struct net_device *dev;
	if (cmd == SIOCGIFNAME) {
		dev = dev_get_by_index(net, r.ifr_ifindex);
		if (!dev)
			return -ENODEV;
		strlcpy(r.ifr_name, dev->name, IFNAMSIZ);
		goto out;
	}
	/* A label "lo:1" names the device before its colon. */
	char name[IFNAMSIZ];
	strlcpy(name, r.ifr_name, sizeof(name));
	char *colon = strchr(name, ':');
	if (colon)
		*colon = 0;
	dev = dev_get_by_name(net, name);
	if (!dev)
		return -ENODEV;
	bool set = cmd == SIOCSIFFLAGS || cmd == SIOCSIFMTU || cmd == SIOCSIFADDR ||
		   cmd == SIOCSIFNETMASK;
	if (set && !ns_capable(net->user_ns, CAP_NET_ADMIN))
		return -EPERM;
	long err;
	switch (cmd) {
	case SIOCGIFINDEX:
		r.ifr_ifindex = dev->ifindex;
		break;
	case SIOCGIFFLAGS:
		r.ifr_flags = (short)__atomic_load_n(&dev->flags, __ATOMIC_RELAXED);
		break;
	case SIOCSIFFLAGS:
		return dev_change_flags(dev, (unsigned short)r.ifr_flags);
	case SIOCGIFMTU:
		r.ifr_mtu = dev->mtu;
		break;
	case SIOCSIFMTU:
		/* IPv4 needs 68 bytes (Linux then takes the addresses away
		 * instead; this kernel refuses). */
		if (r.ifr_mtu < 0)
			return -EINVAL;
		return dev_set_mtu(dev, r.ifr_mtu);
	case SIOCGIFHWADDR:
		memset(&r.ifr_hwaddr, 0, sizeof(r.ifr_hwaddr));
		r.ifr_hwaddr.sa_family = dev->type;
		memcpy(r.ifr_hwaddr.sa_data, dev->dev_addr, dev->addr_len);
		break;
	default:
		if ((err = inet_ifreq(net, cmd, &r, dev)))
			return err;
		if (cmd == SIOCSIFADDR || cmd == SIOCSIFNETMASK)
			return 0;
	}
out:
	return copy_to_user((void __user *)arg, &r, sizeof(r)) ? -EFAULT : 0;
}

/* ---- /proc/net/route ---- */

void inet_route_for_each(struct net *net, void (*fn)(const struct inet_route *r, void *arg),
			 void *arg)
{
	struct inet_net *in = net->inet;
	struct inet_route_key k;
	mutex_lock(&in->lock);
	for (struct inet_route *r = inet_route_next(net, RT_TABLE_MAIN, NULL); r;
	     r = inet_route_next(net, RT_TABLE_MAIN, &k)) {
		inet_route_key(r, &k);
		if (inet_route_alive(r))
			fn(r, arg);
	}
	mutex_unlock(&in->lock);
}

bool inet_forwarding(struct net *net)
{
	return __atomic_load_n(&net->inet->ip_forward, __ATOMIC_RELAXED);
}
