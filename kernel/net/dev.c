/*
 * net/dev.c - the devices of a network namespace (see netdevice.h): the
 * list, the ifindex counter, the loopback device made with every
 * namespace, and the walk /proc/net/dev makes.
 */
#include "netdevice.h"
#include "ns.h"
#include "kmalloc.h"
#include "string.h"

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
