/*
 * net/bridge.c - Ethernet bridges (bridge.h): the bridge device, its
 * ports, the forwarding database (FDB) and the forwarding itself.
 *
 * Locks: br_lock (one spinlock for every bridge) guards every bridge's
 * port list and port count, every port's link to its bridge as the
 * receive path sees it (dev->rx_handler_data), every FDB and its ageing
 * time, and the bridge's address while it changes.  The receive hook
 * runs in whoever runs the namespace's backlog (the netrx thread, or a
 * sender after it sent) with no lock held; the bridge's transmit runs
 * under its namespace's inet->lock; both take br_lock and hand frames to
 * ports' xmit (which only queue them) under it.  Making, deleting,
 * enslaving and releasing run under rtnl as well, which keeps a port's
 * dev->master, the port lists and mtu_auto stable for them (they read
 * the lists without br_lock).  The FDB dump takes br_lock inside
 * net->dev_lock; nothing takes dev_lock under br_lock.
 */
#include "bridge.h"
#include "netlink.h"
#include "net.h"
#include "inet.h"
#include "neighbour.h"
#include "timer.h"
#include "kmalloc.h"
#include "string.h"
#include "list.h"
#include <linux/neighbour.h>
#include <linux/if_link.h>

struct bridge;
static const struct net_device_ops br_ops;

struct br_port {
	struct list_head link;		/* in br->ports */
	struct bridge *br;
	struct net_device *dev;
};

/* Where a source address was last seen. */
struct br_fdb {
	struct list_head link;		/* in a br->fdb bucket */
	uint8_t addr[ETH_ALEN];
	struct br_port *port;
	uint64_t updated_ns;		/* last seen (timer_now_ns) */
};

struct bridge {
	struct net_device *dev;
	struct list_head ports;		/* struct br_port */
	int nports;
	struct list_head fdb[BR_HASH_SIZE];
	int nfdb;
	uint64_t ageing_ns;		/* an entry not seen for this long is forgotten */
	unsigned int mtu_auto;		/* the MTU it last took from its ports (rtnl) */
};

static struct spinlock br_lock = SPINLOCK_INIT("bridge");

#define NSEC_PER_CLOCK_T	(1000000000 / 100)	/* USER_HZ: netlink's times */

static struct bridge *br_of(struct net_device *dev)
{
	return dev->priv;
}

static bool is_multicast(const uint8_t *a)
{
	return a[0] & 1;	/* broadcast included */
}

static bool port_forwarding(const struct br_port *p)
{
	return netif_running_carrier(p->dev);
}

static void count_rx(struct net_device *dev, size_t len)
{
	__atomic_add_fetch(&dev->stats.rx_packets, 1, __ATOMIC_RELAXED);
	__atomic_add_fetch(&dev->stats.rx_bytes, len, __ATOMIC_RELAXED);
}

static void count_tx(struct net_device *dev, size_t len)
{
	__atomic_add_fetch(&dev->stats.tx_packets, 1, __ATOMIC_RELAXED);
	__atomic_add_fetch(&dev->stats.tx_bytes, len, __ATOMIC_RELAXED);
}

/* ---- the forwarding database (br_lock held) ---- */

static unsigned int fdb_hash(const uint8_t *a)
{
	uint32_t h = 0;
	for (int i = 0; i < ETH_ALEN; i++)
		h = h * 31 + a[i];
	return (h ^ (h >> 8) ^ (h >> 16)) % BR_HASH_SIZE;
}

static void fdb_delete(struct bridge *br, struct br_fdb *f)
{
	list_del(&f->link);
	kfree(f);
	br->nfdb--;
}

static bool fdb_expired(const struct bridge *br, const struct br_fdb *f, uint64_t now)
{
	return now - f->updated_ns >= br->ageing_ns;
}

/* The live entry for addr, or NULL (an aged one is dropped on the way). */
static struct br_fdb *fdb_find(struct bridge *br, const uint8_t *addr, uint64_t now)
{
	struct br_fdb *f, *n;
	list_for_each_entry_safe(f, n, &br->fdb[fdb_hash(addr)], link) {
		if (memcmp(f->addr, addr, ETH_ALEN))
			continue;
		if (!fdb_expired(br, f, now))
			return f;
		fdb_delete(br, f);
		return NULL;
	}
	return NULL;
}

/* Drop every entry that aged out, or that points at port (if not NULL). */
static void fdb_purge(struct bridge *br, const struct br_port *port, uint64_t now)
{
	for (int i = 0; i < BR_HASH_SIZE; i++) {
		struct br_fdb *f, *n;
		list_for_each_entry_safe(f, n, &br->fdb[i], link)
			if (f->port == port || (!port && fdb_expired(br, f, now)))
				fdb_delete(br, f);
	}
}

/* Is addr the bridge's own or one of its ports'?  (Linux keeps "local"
 * FDB entries for them: frames to them are the bridge's.) */
static bool is_local(struct bridge *br, const uint8_t *addr)
{
	if (!memcmp(addr, br->dev->dev_addr, ETH_ALEN))
		return true;
	struct br_port *p;
	list_for_each_entry(p, &br->ports, link)
		if (!memcmp(addr, p->dev->dev_addr, ETH_ALEN))
			return true;
	return false;
}

/* The source of a frame that came in on port lives behind it. */
static void fdb_learn(struct bridge *br, struct br_port *port, const uint8_t *addr,
		      uint64_t now)
{
	if (is_multicast(addr) || !memcmp(addr, "\0\0\0\0\0\0", ETH_ALEN) || is_local(br, addr))
		return;
	struct br_fdb *f = fdb_find(br, addr, now);
	if (f) {
		f->port = port;
		f->updated_ns = now;
		return;
	}
	if (br->nfdb >= BR_FDB_MAX)
		fdb_purge(br, NULL, now);
	if (br->nfdb >= BR_FDB_MAX || !(f = kmalloc(sizeof(*f))))
		return;
	memcpy(f->addr, addr, ETH_ALEN);
	f->port = port;
	f->updated_ns = now;
	list_add(&f->link, &br->fdb[fdb_hash(addr)]);
	br->nfdb++;
}

/* ---- forwarding (br_lock held) ---- */

static struct pkt *pkt_copy(const struct pkt *p)
{
	struct pkt *c = pkt_alloc(p->len);
	if (!c)
		return NULL;
	memcpy(c->data, p->data, p->len);
	c->protocol = p->protocol;
	c->csum_ok = p->csum_ok;	/* a copy is as intact as p */
	return c;
}

/* Out through port: the port's xmit takes p. */
static void br_forward(struct br_port *to, struct pkt *p)
{
	dev_queue_xmit(p, to->dev);
}

/* A copy of p to every forwarding port but from; p itself goes to the
 * last one unless keep (then p stays the caller's).  Returns whether p
 * was taken. */
static bool br_flood(struct bridge *br, struct pkt *p, const struct br_port *from, bool keep)
{
	struct br_port *port, *prev = NULL;
	list_for_each_entry(port, &br->ports, link) {
		if (port == from || !port_forwarding(port))
			continue;
		if (prev) {
			struct pkt *c = pkt_copy(p);
			if (c)
				br_forward(prev, c);
			else
				__atomic_add_fetch(&br->dev->stats.tx_dropped, 1, __ATOMIC_RELAXED);
		}
		prev = port;
	}
	if (!prev)
		return false;
	if (keep) {
		struct pkt *c = pkt_copy(p);
		if (c)
			br_forward(prev, c);
		return false;
	}
	br_forward(prev, p);
	return true;
}

/* The port dest is known behind (and that can take it), or NULL. */
static struct br_port *fdb_port(struct bridge *br, const uint8_t *dest, uint64_t now)
{
	struct br_fdb *f = fdb_find(br, dest, now);
	return f && port_forwarding(f->port) ? f->port : NULL;
}

/*
 * The receive hook of every port (eth_rcv calls it first): learn the
 * source, then forward, flood, or pass up to the bridge's own stack
 * (as a frame received on the bridge, queued on the namespace's backlog
 * like any other: eth_rcv then sees p->dev the bridge).
 */
static bool br_handle_frame(struct pkt *p)
{
	spin_lock(&br_lock);
	struct br_port *port = p->dev->rx_handler_data;
	if (!port) {		/* released since the hook was read */
		spin_unlock(&br_lock);
		return false;
	}
	struct bridge *br = port->br;
	struct net_device *brdev = br->dev;
	/* A bridge that is down has its ports disabled: they drop. */
	if (p->len < ETH_HLEN || !(__atomic_load_n(&brdev->flags, __ATOMIC_RELAXED) & IFF_UP)) {
		spin_unlock(&br_lock);
		__atomic_add_fetch(&p->dev->stats.rx_dropped, 1, __ATOMIC_RELAXED);
		pkt_free(p);
		return true;
	}
	const struct ethhdr *eh = (const struct ethhdr *)p->data;
	uint64_t now = timer_now_ns();
	fdb_learn(br, port, eh->h_source, now);
	bool local = false, taken = false;
	if (is_multicast(eh->h_dest)) {
		local = true;
		br_flood(br, p, port, true);
	} else if (is_local(br, eh->h_dest)) {
		local = true;
	} else {
		struct br_port *to = fdb_port(br, eh->h_dest, now);
		if (!to)
			taken = br_flood(br, p, port, false);
		else if (to != port) {
			br_forward(to, p);
			taken = true;
		}
	}
	if (local) {
		count_rx(brdev, p->len);
		p->dev = brdev;
		netif_rx(p);
		taken = true;
	}
	spin_unlock(&br_lock);
	if (!taken)
		pkt_free(p);
	return true;
}

/* The bridge's own transmit (its stack's frames: ARP, IPv4). */
static int br_dev_xmit(struct pkt *p, struct net_device *dev)
{
	struct bridge *br = br_of(dev);
	const struct ethhdr *eh = (const struct ethhdr *)p->data;
	count_tx(dev, p->len);
	spin_lock(&br_lock);
	struct br_port *to = is_multicast(eh->h_dest) ? NULL :
			     fdb_port(br, eh->h_dest, timer_now_ns());
	bool taken = true;
	if (to)
		br_forward(to, p);
	else
		taken = br_flood(br, p, NULL, false);
	spin_unlock(&br_lock);
	if (!taken)
		pkt_free(p);
	return 0;
}

/* ---- the bridge's state (rtnl held) ---- */

/* Up with a forwarding port. */
static bool br_has_carrier(struct bridge *br)
{
	bool on = false;
	struct br_port *p;
	spin_lock(&br_lock);
	list_for_each_entry(p, &br->ports, link)
		on |= port_forwarding(p);
	spin_unlock(&br_lock);
	return on;
}

static void br_update_carrier(struct bridge *br)
{
	bool on = (br->dev->flags & IFF_UP) && br_has_carrier(br);
	if (on != br->dev->carrier) {
		if (on)
			netif_carrier_on(br->dev);
		else
			netif_carrier_off(br->dev);
	}
}

/* The lowest port address becomes the bridge's (zero with no port),
 * unless user space chose one. */
static void br_update_addr(struct bridge *br)
{
	if (br->dev->addr_set)
		return;
	uint8_t addr[ETH_ALEN] = { 0 };
	bool any = false;
	struct br_port *p;
	spin_lock(&br_lock);
	list_for_each_entry(p, &br->ports, link) {
		if (!any || memcmp(p->dev->dev_addr, addr, ETH_ALEN) < 0)
			memcpy(addr, p->dev->dev_addr, ETH_ALEN);
		any = true;
	}
	memcpy(br->dev->dev_addr, addr, ETH_ALEN);
	spin_unlock(&br_lock);
}

/* The lowest port MTU becomes the bridge's (1500 with no port), unless
 * user space changed it since the bridge last chose (Linux's
 * br_mtu_auto_adjust). */
static void br_update_mtu(struct bridge *br)
{
	if (br->dev->mtu != br->mtu_auto)
		return;
	unsigned int mtu = 0;
	struct br_port *p;
	list_for_each_entry(p, &br->ports, link)
		if (!mtu || p->dev->mtu < mtu)
			mtu = p->dev->mtu;
	br->mtu_auto = mtu ? mtu : ETH_DATA_LEN;
	dev_set_mtu(br->dev, br->mtu_auto);
}

static int br_open(struct net_device *dev)
{
	dev->carrier = br_has_carrier(br_of(dev));	/* dev_change_flags sets IFF_RUNNING */
	return 0;
}

static void br_stop(struct net_device *dev)
{
	netif_carrier_off(dev);
}

static int br_add_slave(struct net_device *dev, struct net_device *pdev, const char **errmsg)
{
	struct bridge *br = br_of(dev);
	if ((pdev->flags & IFF_LOOPBACK) || pdev->type != ARPHRD_ETHER ||
	    pdev->addr_len != ETH_ALEN)
		return -EINVAL;
	if (pdev->ops->add_slave == br_add_slave) {
		*errmsg = "Can not enslave a bridge to a bridge";
		return -ELOOP;
	}
	if (pdev->master)
		return -EBUSY;
	if (br->nports >= BR_MAX_PORTS)
		return -EXFULL;
	struct br_port *p = kzalloc(sizeof(*p));
	if (!p)
		return -ENOMEM;
	p->br = br;
	p->dev = pdev;
	pdev->master = dev;
	spin_lock(&br_lock);
	list_add_tail(&p->link, &br->ports);
	br->nports++;
	pdev->rx_handler_data = p;
	__atomic_store_n(&pdev->rx_handler, br_handle_frame, __ATOMIC_RELEASE);
	spin_unlock(&br_lock);
	br_update_addr(br);
	br_update_mtu(br);
	br_update_carrier(br);
	return 0;
}

static void br_del_slave(struct net_device *dev, struct net_device *pdev)
{
	struct bridge *br = br_of(dev);
	spin_lock(&br_lock);
	struct br_port *p = pdev->rx_handler_data;
	__atomic_store_n(&pdev->rx_handler, NULL, __ATOMIC_RELEASE);
	pdev->rx_handler_data = NULL;
	list_del(&p->link);
	br->nports--;
	fdb_purge(br, p, 0);
	spin_unlock(&br_lock);
	pdev->master = NULL;
	kfree(p);
	br_update_addr(br);
	br_update_mtu(br);
	br_update_carrier(br);
}

static void br_slave_changed(struct net_device *dev, struct net_device *pdev)
{
	struct bridge *br = br_of(dev);
	if (!port_forwarding(pdev->rx_handler_data)) {
		/* What was learnt behind a port that stopped is forgotten. */
		spin_lock(&br_lock);
		fdb_purge(br, pdev->rx_handler_data, 0);
		spin_unlock(&br_lock);
	}
	br_update_addr(br);
	br_update_mtu(br);
	br_update_carrier(br);
}

/* Going away: every port is released first. */
static void br_uninit(struct net_device *dev)
{
	struct bridge *br = br_of(dev);
	while (!list_empty(&br->ports))
		br_del_slave(dev, list_first_entry(&br->ports, struct br_port, link)->dev);
	spin_lock(&br_lock);
	fdb_purge(br, NULL, ~0ull);
	spin_unlock(&br_lock);
}

/* ---- the FDB as `bridge fdb show` reads it (rtnl held) ---- */

struct fdb_dump {
	struct nl_msg *m;
	struct nl_dump_cb *cb;
	long k;			/* entries seen */
	bool full;
	uint64_t now;
};

/* One entry, as Linux's fdb_fill_info (no VLAN).  age_ns: since it was
 * last seen (0 for a port's own address). */
static void fdb_put(struct fdb_dump *d, const uint8_t *addr, int ifindex, int master,
		    uint16_t state, uint64_t age_ns)
{
	if (d->full || d->k++ < d->cb->args[0])
		return;
	struct nlmsghdr *nlh = nlmsg_put(d->m, d->cb->portid, d->cb->seq, RTM_NEWNEIGH,
					 sizeof(struct ndmsg), NLM_F_MULTI);
	if (!nlh) {
		d->full = true;
		return;
	}
	struct ndmsg *nd = NLMSG_DATA(nlh);
	nd->ndm_family = AF_BRIDGE;
	nd->ndm_ifindex = ifindex;
	nd->ndm_state = state;
	struct nda_cacheinfo ci = {
		.ndm_used = age_ns / NSEC_PER_CLOCK_T,
		.ndm_updated = age_ns / NSEC_PER_CLOCK_T,
	};
	if (nla_put(d->m, NDA_LLADDR, ETH_ALEN, addr) || nla_put_u32(d->m, NDA_MASTER, master) ||
	    nla_put(d->m, NDA_CACHEINFO, sizeof(ci), &ci)) {
		nlmsg_cancel(d->m, nlh);
		d->full = true;
		return;
	}
	nlmsg_end(d->m, nlh);
	d->cb->args[0]++;
}

/* A bridge's entries: each port's own address (permanent), then what
 * it learnt.  net->dev_lock held (netdev_for_each), br_lock taken. */
static void fdb_dump_dev(const struct net_device *dev, void *arg)
{
	struct fdb_dump *d = arg;
	if (dev->ops != &br_ops)
		return;
	struct bridge *br = br_of((struct net_device *)dev);
	spin_lock(&br_lock);
	struct br_port *p;
	list_for_each_entry(p, &br->ports, link)
		fdb_put(d, p->dev->dev_addr, p->dev->ifindex, dev->ifindex, NUD_PERMANENT, 0);
	for (int i = 0; i < BR_HASH_SIZE; i++) {
		struct br_fdb *f;
		list_for_each_entry(f, &br->fdb[i], link)
			if (!fdb_expired(br, f, d->now))
				fdb_put(d, f->addr, f->port->dev->ifindex, dev->ifindex,
					NUD_REACHABLE, d->now - f->updated_ns);
	}
	spin_unlock(&br_lock);
}

int br_fdb_dump(struct nl_msg *m, struct nl_dump_cb *cb)
{
	struct fdb_dump d = { .m = m, .cb = cb, .now = timer_now_ns() };
	netdev_for_each(nl_net(cb->sk), fdb_dump_dev, &d);
	return d.full ? 1 : 0;
}

/* ip link set br0 type bridge ageing_time CENTISECONDS: the one setting
 * of IFLA_INFO_DATA's kept here (the others are accepted and ignored). */
static int br_changelink(struct net_device *dev, const struct nlattr *data)
{
	struct nlattr *tb[IFLA_BR_MAX + 1];
	int err = nla_parse(tb, IFLA_BR_MAX, nla_data(data), nla_len(data));
	if (err)
		return err;
	if (tb[IFLA_BR_AGEING_TIME]) {
		if (nla_len(tb[IFLA_BR_AGEING_TIME]) < 4)
			return -EINVAL;
		uint32_t centis;
		memcpy(&centis, nla_data(tb[IFLA_BR_AGEING_TIME]), sizeof(centis));
		spin_lock(&br_lock);
		br_of(dev)->ageing_ns = (uint64_t)centis * NSEC_PER_CLOCK_T;
		spin_unlock(&br_lock);
	}
	return 0;
}

static const struct net_device_ops br_ops = {
	.xmit = br_dev_xmit,
	.open = br_open,
	.stop = br_stop,
	.uninit = br_uninit,
	.add_slave = br_add_slave,
	.del_slave = br_del_slave,
	.slave_changed = br_slave_changed,
	.changelink = br_changelink,
};

int br_create(struct net *net, const struct link_cfg *c, struct net_device **out)
{
	if (c->mtu && (c->mtu < ETH_MIN_MTU || c->mtu > ETH_MAX_MTU))
		return -EINVAL;
	struct net_device *dev = alloc_netdev(sizeof(struct bridge),
					      c->name[0] ? c->name : "bridge%d");
	if (!dev)
		return -ENOMEM;
	ether_setup(dev);
	dev->ops = &br_ops;
	dev->kind = "bridge";
	dev->netns_local = true;
	if (c->mtu)
		dev->mtu = c->mtu;
	if (c->has_addr) {
		memcpy(dev->dev_addr, c->addr, ETH_ALEN);
		dev->addr_set = true;
	}
	if (c->has_txqlen)
		dev->tx_queue_len = c->txqlen;
	struct bridge *br = br_of(dev);
	br->dev = dev;
	br->mtu_auto = dev->mtu;
	br->ageing_ns = BR_AGEING_TIME_NS;
	list_init(&br->ports);
	for (int i = 0; i < BR_HASH_SIZE; i++)
		list_init(&br->fdb[i]);
	int err = register_netdevice(net, dev);
	if (err) {
		dev_put(dev);
		return err;
	}
	*out = dev;
	return 0;
}
