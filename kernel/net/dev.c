/*
 * net/dev.c - the devices of a network namespace (see netdevice.h): the
 * list, the ifindex counter, the loopback device made with every
 * namespace, its transmit (straight to the receive backlog, inet.h), and
 * the walk /proc/net/dev makes.
 */
#include "netdevice.h"
#include "inet.h"
#include "neighbour.h"
#include "ns.h"
#include "kmalloc.h"
#include "string.h"

/* The test knob /proc/sys/net/ipv4/loopback_loss: drop that percent of
 * what loopback carries (a xorshift generator; racy updates are fine). */
static bool loopback_lose(struct inet_net *in)
{
	int pct = __atomic_load_n(&in->lo_loss, __ATOMIC_RELAXED);
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
	if (loopback_lose(dev->net->inet)) {
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

int dev_queue_xmit(struct pkt *p, struct net_device *dev)
{
	if (!(__atomic_load_n(&dev->flags, __ATOMIC_RELAXED) & IFF_UP)) {
		__atomic_add_fetch(&dev->stats.tx_dropped, 1, __ATOMIC_RELAXED);
		pkt_free(p);
		return -ENETDOWN;
	}
	return dev->ops->xmit(p, dev);
}

struct net_device *dev_get_by_name(struct net *net, const char *name)
{
	struct net_device *dev, *found = NULL;
	spin_lock(&net->dev_lock);
	list_for_each_entry(dev, &net->dev_list, link)
		if (!strncmp(dev->name, name, IFNAMSIZ)) {
			found = dev;
			break;
		}
	spin_unlock(&net->dev_lock);
	return found;
}

struct net_device *dev_get_by_index(struct net *net, int ifindex)
{
	struct net_device *dev, *found = NULL;
	spin_lock(&net->dev_lock);
	list_for_each_entry(dev, &net->dev_list, link)
		if (dev->ifindex == ifindex) {
			found = dev;
			break;
		}
	spin_unlock(&net->dev_lock);
	return found;
}

/* The flags user space may change (Linux's dev_change_flags mask, of
 * those this kernel has). */
#define IFF_USER_MASK (IFF_UP | IFF_DEBUG | IFF_NOTRAILERS | IFF_NOARP | IFF_PROMISC | \
		       IFF_ALLMULTI | IFF_MULTICAST | IFF_PORTSEL | IFF_AUTOMEDIA)

int dev_change_flags(struct net_device *dev, unsigned int flags)
{
	struct net *net = dev->net;
	spin_lock(&net->dev_lock);
	bool was_up = dev->flags & IFF_UP;
	unsigned int nf = (dev->flags & ~IFF_USER_MASK) | (flags & IFF_USER_MASK);
	/* A device that is up runs: loopback has no carrier to wait for. */
	if (nf & IFF_UP)
		nf |= IFF_RUNNING;
	else
		nf &= ~IFF_RUNNING;
	__atomic_store_n(&dev->flags, nf, __ATOMIC_RELAXED);
	spin_unlock(&net->dev_lock);
	if (!was_up && (nf & IFF_UP))
		inet_dev_up(dev);
	if (was_up && !(nf & IFF_UP) && dev->type == ARPHRD_ETHER)
		neigh_ifdown(net, dev);
	return 0;
}

static struct net_device *netdev_alloc(const char *name, unsigned int flags, unsigned int mtu)
{
	struct net_device *dev = kzalloc(sizeof(*dev));
	if (!dev)
		return NULL;
	strlcpy(dev->name, name, sizeof(dev->name));
	dev->flags = flags;
	dev->mtu = mtu;
	list_init(&dev->link);
	return dev;
}

/* Add dev to net with the next number.  net->dev_lock not held. */
static void netdev_register(struct net *net, struct net_device *dev)
{
	spin_lock(&net->dev_lock);
	dev->net = net;
	dev->ifindex = ++net->ifindex_last;
	list_add_tail(&dev->link, &net->dev_list);
	spin_unlock(&net->dev_lock);
}

int netdev_init_net(struct net *net)
{
	spin_init(&net->dev_lock, "netdev");
	list_init(&net->dev_list);
	net->ifindex_last = 0;
	/* Loopback is the first device of every namespace, and down until
	 * someone brings it up (ip link set lo up). */
	struct net_device *lo = netdev_alloc("lo", IFF_LOOPBACK, LOOPBACK_MTU);
	if (!lo)
		return -ENOMEM;
	lo->ops = &loopback_ops;
	lo->type = ARPHRD_LOOPBACK;
	lo->addr_len = 6;
	netdev_register(net, lo);
	net->loopback_dev = lo;
	return 0;
}

void netdev_exit_net(struct net *net)
{
	struct net_device *dev, *n;
	spin_lock(&net->dev_lock);
	list_for_each_entry_safe(dev, n, &net->dev_list, link) {
		list_del(&dev->link);
		kfree(dev);
	}
	net->loopback_dev = NULL;
	spin_unlock(&net->dev_lock);
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

struct net_device *alloc_etherdev(const char *name)
{
	struct net_device *dev = netdev_alloc(name, IFF_BROADCAST | IFF_MULTICAST, ETH_DATA_LEN);
	if (!dev)
		return NULL;
	dev->type = ARPHRD_ETHER;
	dev->hard_header_len = ETH_HLEN;
	dev->addr_len = ETH_ALEN;
	return dev;
}

void register_netdev(struct net *net, struct net_device *dev)
{
	netdev_register(net, dev);
}
