/*
 * net/dev.c - the devices of a network namespace (see netdevice.h): the
 * list, the ifindex counter, the loopback device made with every
 * namespace, its transmit (straight to the receive backlog, inet.h), and
 * the walk /proc/net/dev makes; and the lifecycle of every device (the
 * rtnl mutex, references, register / unregister, moving between
 * namespaces, rename, MTU, carrier).  Locks: rtnl_mutex serializes every
 * configuration change (netdevice.h); dev_lock the list and the flags.
 */
#include "netdevice.h"
#include "inet.h"
#include "neighbour.h"
#include "ns.h"
#include "kmalloc.h"
#include "string.h"
#include "random.h"

bool net_test_lose(struct inet_net *in, const int *pct_knob)
{
	int pct = __atomic_load_n(pct_knob, __ATOMIC_RELAXED);
	if (!pct)
		return false;
	uint32_t x = in->loss_rand;
	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	in->loss_rand = x;
	return x % 100 < (uint32_t)pct;
}

/* Loopback: what is sent is received, counted both ways. */
static int loopback_xmit(struct pkt *p, struct net_device *dev)
{
	if (net_test_lose(dev->net->inet, &dev->net->inet->lo_loss)) {
		__atomic_add_fetch(&dev->stats.tx_dropped, 1, __ATOMIC_RELAXED);
		pkt_free(p);
		return 0;
	}
	__atomic_add_fetch(&dev->stats.tx_packets, 1, __ATOMIC_RELAXED);
	__atomic_add_fetch(&dev->stats.tx_bytes, p->len, __ATOMIC_RELAXED);
	__atomic_add_fetch(&dev->stats.rx_packets, 1, __ATOMIC_RELAXED);
	__atomic_add_fetch(&dev->stats.rx_bytes, p->len, __ATOMIC_RELAXED);
	p->dev = dev;
	netif_rx(p);
	return 0;
}

static const struct net_device_ops loopback_ops = { .xmit = loopback_xmit };

/* Does dev carry a packet whose checksum was left out (pkt->csum_ok) to
 * a receiver that trusts it?  Loopback and veth hand the packet itself
 * over; a bridge hands it to its ports, each checked in turn. */
static bool dev_carries_unsummed(const struct net_device *dev)
{
	return (dev->flags & IFF_LOOPBACK) || netif_is_veth(dev) ||
	       (dev->kind && !strcmp(dev->kind, "bridge"));
}

int dev_queue_xmit(struct pkt *p, struct net_device *dev)
{
	if (!(__atomic_load_n(&dev->flags, __ATOMIC_RELAXED) & IFF_UP)) {
		__atomic_add_fetch(&dev->stats.tx_dropped, 1, __ATOMIC_RELAXED);
		pkt_free(p);
		return -ENETDOWN;
	}
	if (p->csum_ok && !dev_carries_unsummed(dev))
		inet_csum_fill(p, dev->type == ARPHRD_ETHER ? ETH_HLEN : 0);
	return dev->ops->xmit(p, dev);
}

static struct net_device *find_name(struct net *net, const char *name);
static struct net_device *find_index(struct net *net, int ifindex);

struct net_device *dev_get_by_name(struct net *net, const char *name)
{
	spin_lock(&net->dev_lock);
	struct net_device *found = find_name(net, name);
	spin_unlock(&net->dev_lock);
	return found;
}

struct net_device *dev_get_by_index(struct net *net, int ifindex)
{
	spin_lock(&net->dev_lock);
	struct net_device *found = find_index(net, ifindex);
	spin_unlock(&net->dev_lock);
	return found;
}

/* The flags user space may change (Linux's dev_change_flags mask, of
 * those this kernel has). */
#define IFF_USER_MASK (IFF_UP | IFF_DEBUG | IFF_NOTRAILERS | IFF_NOARP | IFF_PROMISC | \
		       IFF_ALLMULTI | IFF_MULTICAST | IFF_PORTSEL | IFF_AUTOMEDIA)

/* A port's state changed: its master hears of it (rtnl held). */
static void notify_master(struct net_device *dev)
{
	struct net_device *master = dev->master;
	if (master && master->ops->slave_changed)
		master->ops->slave_changed(master, dev);
}

static void dev_set_running(struct net_device *dev)
{
	struct net *net = dev->net;
	spin_lock(&net->dev_lock);
	unsigned int f = dev->flags;
	if ((f & IFF_UP) && dev->carrier)
		f |= IFF_RUNNING;
	else
		f &= ~IFF_RUNNING;
	__atomic_store_n(&dev->flags, f, __ATOMIC_RELAXED);
	spin_unlock(&net->dev_lock);
	notify_master(dev);
}

void netif_carrier_on(struct net_device *dev)
{
	dev->carrier = true;
	dev_set_running(dev);
}

void netif_carrier_off(struct net_device *dev)
{
	dev->carrier = false;
	dev_set_running(dev);
}

int dev_change_flags(struct net_device *dev, unsigned int flags)
{
	struct net *net = dev->net;
	bool was_up = dev->flags & IFF_UP;
	bool up = flags & IFF_UP;
	if (!was_up && up && dev->ops->open) {
		int err = dev->ops->open(dev);
		if (err)
			return err;
	}
	spin_lock(&net->dev_lock);
	unsigned int nf = (dev->flags & ~IFF_USER_MASK) | (flags & IFF_USER_MASK);
	/* A device that is up runs when it has a carrier (loopback always). */
	if ((nf & IFF_UP) && dev->carrier)
		nf |= IFF_RUNNING;
	else
		nf &= ~IFF_RUNNING;
	__atomic_store_n(&dev->flags, nf, __ATOMIC_RELAXED);
	spin_unlock(&net->dev_lock);
	if (was_up && !up) {
		if (dev->ops->stop)
			dev->ops->stop(dev);
		inet_dev_down(dev);
	}
	if (!was_up && up)
		inet_dev_up(dev);
	if (was_up && !(nf & IFF_UP) && dev->type == ARPHRD_ETHER)
		neigh_ifdown(net, dev);
	if (was_up != up)
		notify_master(dev);
	return 0;
}

int dev_set_master(struct net_device *dev, int master_ifindex, const char **errmsg)
{
	if (dev->master) {
		if (dev->master->ifindex == master_ifindex)
			return 0;
		dev->master->ops->del_slave(dev->master, dev);
	}
	if (!master_ifindex)
		return 0;
	/* Released even when the new master is not there, as Linux. */
	struct net_device *master = dev_get_by_index(dev->net, master_ifindex);
	if (!master)
		return -EINVAL;
	if (!master->ops->add_slave)
		return -EOPNOTSUPP;
	return master->ops->add_slave(master, dev, errmsg);
}

/* ---- lifecycle ---- */

static struct mutex rtnl_mutex = { .name = "rtnl", .wq = WAITQUEUE_INIT(rtnl_mutex.wq) };

void rtnl_lock(void)
{
	mutex_lock(&rtnl_mutex);
}

void rtnl_unlock(void)
{
	mutex_unlock(&rtnl_mutex);
}

bool rtnl_is_locked(void)
{
	return mutex_holding(&rtnl_mutex);
}

void dev_put(struct net_device *dev)
{
	if (__atomic_sub_fetch(&dev->refcnt, 1, __ATOMIC_ACQ_REL))
		return;
	if (dev->ops && dev->ops->free)
		dev->ops->free(dev);
	kfree(dev);
}

struct net_device *alloc_netdev(size_t priv, const char *name)
{
	size_t size = (sizeof(struct net_device) + 7) & ~7ul;
	struct net_device *dev = kzalloc(size + priv);
	if (!dev)
		return NULL;
	strlcpy(dev->name, name, sizeof(dev->name));
	dev->refcnt = 1;
	dev->tx_queue_len = 1000;
	dev->min_mtu = 68;
	dev->max_mtu = 65535;
	dev->priv = priv ? (char *)dev + size : NULL;
	list_init(&dev->link);
	return dev;
}

void ether_setup(struct net_device *dev)
{
	dev->type = ARPHRD_ETHER;
	dev->hard_header_len = ETH_HLEN;
	dev->mtu = ETH_DATA_LEN;
	dev->min_mtu = ETH_MIN_MTU;
	dev->max_mtu = ETH_MAX_MTU;
	dev->flags = IFF_BROADCAST | IFF_MULTICAST;
	dev->addr_len = ETH_ALEN;
	memset(dev->broadcast, 0xff, ETH_ALEN);
	get_random_bytes(dev->dev_addr, ETH_ALEN);
	dev->dev_addr[0] &= 0xfe;	/* unicast */
	dev->dev_addr[0] |= 0x02;	/* locally administered */
	dev->tx_queue_len = 1000;
}

bool dev_valid_name(const char *name)
{
	size_t n = strnlen(name, IFNAMSIZ);
	if (!n || n >= IFNAMSIZ || !strcmp(name, ".") || !strcmp(name, ".."))
		return false;
	for (const char *c = name; *c; c++)
		if (*c == '/' || *c == ':' || *c == ' ' || (*c >= '\t' && *c <= '\r'))
			return false;
	return true;
}

static struct net_device *find_name(struct net *net, const char *name)
{
	struct net_device *dev;
	list_for_each_entry(dev, &net->dev_list, link)
		if (!strncmp(dev->name, name, IFNAMSIZ))
			return dev;
	return NULL;
}

static struct net_device *find_index(struct net *net, int ifindex)
{
	struct net_device *dev;
	list_for_each_entry(dev, &net->dev_list, link)
		if (dev->ifindex == ifindex)
			return dev;
	return NULL;
}

/* A "%d" pattern's lowest free name in net into out (dev_lock held). */
static int expand_name(struct net *net, const char *pat, char *out)
{
	const char *d = strchr(pat, '%');
	if (d && d[1] != 'd')
		return -EINVAL;
	if (!d) {
		if (!dev_valid_name(pat))
			return -EINVAL;
		strlcpy(out, pat, IFNAMSIZ);
		return 0;
	}
	if (strchr(d + 2, '%'))
		return -EINVAL;
	for (int i = 0; i < 32768; i++) {
		char num[8];
		int k = 7;
		int v = i;
		num[k] = 0;
		do {
			num[--k] = '0' + v % 10;
			v /= 10;
		} while (v);
		size_t pre = d - pat;
		size_t nl = strlen(num + k), rest = strlen(d + 2);
		if (pre + nl + rest >= IFNAMSIZ)
			return -EINVAL;
		memcpy(out, pat, pre);
		memcpy(out + pre, num + k, nl);
		memcpy(out + pre + nl, d + 2, rest + 1);
		if (!find_name(net, out))
			return 0;
	}
	return -ENFILE;
}

/* Put dev on net's list (dev_lock held): its name and number settled. */
static int list_dev(struct net *net, struct net_device *dev, const char *pattern)
{
	char name[IFNAMSIZ];
	int err = expand_name(net, pattern, name);
	if (err)
		return err;
	if (find_name(net, name))
		return -EEXIST;
	strlcpy(dev->name, name, sizeof(dev->name));
	if (!dev->ifindex || find_index(net, dev->ifindex)) {
		do
			dev->ifindex = ++net->ifindex_last;
		while (find_index(net, dev->ifindex));
	}
	dev->net = net;
	list_add_tail(&dev->link, &net->dev_list);
	dev->registered = true;
	return 0;
}

int register_netdevice(struct net *net, struct net_device *dev)
{
	char pattern[IFNAMSIZ];
	strlcpy(pattern, dev->name, sizeof(pattern));
	spin_lock(&net->dev_lock);
	int err = list_dev(net, dev, pattern);
	spin_unlock(&net->dev_lock);
	return err;
}

/* Down, without its addresses and routes, off its list. */
static void dev_unlist(struct net_device *dev)
{
	if (dev->master)
		dev->master->ops->del_slave(dev->master, dev);
	if (dev->flags & IFF_UP)
		dev_change_flags(dev, dev->flags & ~IFF_UP);
	inet_dev_unregister(dev);
	struct net *net = dev->net;
	spin_lock(&net->dev_lock);
	list_del(&dev->link);
	list_init(&dev->link);
	dev->registered = false;
	spin_unlock(&net->dev_lock);
}

void unregister_netdevice(struct net_device *dev)
{
	if (!dev->registered)
		return;
	if (dev->ops->uninit)
		dev->ops->uninit(dev);
	dev_unlist(dev);
	dev_put(dev);
}

int dev_change_net_namespace(struct net_device *dev, struct net *net)
{
	if ((dev->flags & IFF_LOOPBACK) || dev->netns_local)
		return -EINVAL;
	if (net == dev->net)
		return 0;
	spin_lock(&net->dev_lock);
	bool taken = find_name(net, dev->name);
	spin_unlock(&net->dev_lock);
	if (taken)
		return -EEXIST;
	dev_unlist(dev);
	spin_lock(&net->dev_lock);
	/* The name was free a moment ago and rtnl keeps it so. */
	int err = list_dev(net, dev, dev->name);
	spin_unlock(&net->dev_lock);
	return err;
}

int dev_change_name(struct net_device *dev, const char *name)
{
	if (!dev_valid_name(name))
		return -EINVAL;
	if (!strncmp(dev->name, name, IFNAMSIZ))
		return 0;
	/* Linux 6.x renames a device that is up too (no EBUSY). */
	struct net *net = dev->net;
	char old[IFNAMSIZ];
	strlcpy(old, dev->name, sizeof(old));
	spin_lock(&net->dev_lock);
	int err = find_name(net, name) ? -EEXIST : 0;
	if (!err)
		strlcpy(dev->name, name, sizeof(dev->name));
	spin_unlock(&net->dev_lock);
	if (!err)
		inet_dev_rename(dev, old);
	return err;
}

void dev_set_mac_address(struct net_device *dev, const uint8_t *addr)
{
	memcpy(dev->dev_addr, addr, dev->addr_len);
	dev->addr_set = true;
	notify_master(dev);
}

int dev_set_mtu(struct net_device *dev, unsigned int mtu)
{
	if (mtu < dev->min_mtu || mtu > dev->max_mtu)
		return -EINVAL;
	__atomic_store_n(&dev->mtu, mtu, __ATOMIC_RELAXED);
	notify_master(dev);
	return 0;
}

int netdev_init_net(struct net *net)
{
	spin_init(&net->dev_lock, "netdev");
	list_init(&net->dev_list);
	net->ifindex_last = 0;
	/* Loopback is the first device of every namespace, and down until
	 * someone brings it up (ip link set lo up). */
	struct net_device *lo = alloc_netdev(0, "lo");
	if (!lo)
		return -ENOMEM;
	lo->flags = IFF_LOOPBACK;
	lo->mtu = LOOPBACK_MTU;
	lo->min_mtu = 68;
	lo->max_mtu = LOOPBACK_MTU;
	lo->ops = &loopback_ops;
	lo->type = ARPHRD_LOOPBACK;
	lo->addr_len = 6;
	lo->carrier = true;
	register_netdevice(net, lo);
	net->loopback_dev = lo;
	return 0;
}

void netdev_exit_net(struct net *net)
{
	/* The last put of a namespace may come from a request that holds
	 * rtnl (rtnetlink's reference to a namespace named by pid or fd). */
	bool locked = rtnl_is_locked();
	if (!locked)
		rtnl_lock();
	/* Every device but loopback (a veth takes its peer along, maybe one
	 * of this list), then loopback. */
	for (;;) {
		struct net_device *dev, *victim = NULL;
		spin_lock(&net->dev_lock);
		list_for_each_entry(dev, &net->dev_list, link)
			if (dev != net->loopback_dev)
				victim = dev;
		spin_unlock(&net->dev_lock);
		if (!victim)
			break;
		unregister_netdevice(victim);
	}
	struct net_device *lo = net->loopback_dev;
	if (lo)
		unregister_netdevice(lo);
	net->loopback_dev = NULL;
	if (!locked)
		rtnl_unlock();
}

void netdev_for_each(struct net *net, void (*fn)(const struct net_device *dev, void *arg),
		     void *arg)
{
	struct net_device *dev;
	spin_lock(&net->dev_lock);
	list_for_each_entry(dev, &net->dev_list, link)
		fn(dev, arg);
	spin_unlock(&net->dev_lock);
}
