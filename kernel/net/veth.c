/*
 * net/veth.c - virtual Ethernet pairs: two ARPHRD_ETHER devices, maybe in
 * different namespaces, each transmitting into the other.  A frame sent
 * on one is received unchanged on its peer (p->dev = peer; netif_rx) when
 * the peer is up, else dropped and counted (tx_dropped).  The carrier
 * (IFF_RUNNING, IFF_LOWER_UP, operstate UP) is on only while both ends
 * are up.  Deleting either end deletes both.  A frame crosses unchanged
 * and in memory, so TCP and UDP leave their checksum out through a veth
 * end as through loopback (inet_csum_needless, pkt->csum_ok; Linux's veth
 * offers checksum offload the same way); dev_queue_xmit fills it in if
 * such a packet is later sent on through a device that puts it on a wire.
 *
 * Locks: veth_lock (a spinlock) guards every pair's peer pointers and is
 * held across a transmit's hand-off, so a frame never reaches a peer
 * being unregistered; everything else (making, opening, deleting) runs
 * under rtnl.
 */
#include "netdevice.h"
#include "inet.h"
#include "ns.h"
#include "kmalloc.h"
#include "string.h"

struct veth_priv {
	struct net_device *peer;	/* NULL once the pair is being taken apart */
};

static struct spinlock veth_lock = SPINLOCK_INIT("veth");

static struct veth_priv *veth_priv(struct net_device *dev)
{
	return dev->priv;
}

static int veth_xmit(struct pkt *p, struct net_device *dev)
{
	spin_lock(&veth_lock);
	struct net_device *peer = veth_priv(dev)->peer;
	if (!peer || !(__atomic_load_n(&peer->flags, __ATOMIC_RELAXED) & IFF_UP)) {
		spin_unlock(&veth_lock);
		__atomic_add_fetch(&dev->stats.tx_dropped, 1, __ATOMIC_RELAXED);
		pkt_free(p);
		return 0;
	}
	if (net_test_lose(dev->net->inet, &dev->net->inet->veth_loss)) {
		spin_unlock(&veth_lock);
		__atomic_add_fetch(&dev->stats.tx_dropped, 1, __ATOMIC_RELAXED);
		pkt_free(p);
		return 0;
	}
	size_t len = p->len;
	__atomic_add_fetch(&dev->stats.tx_packets, 1, __ATOMIC_RELAXED);
	__atomic_add_fetch(&dev->stats.tx_bytes, len, __ATOMIC_RELAXED);
	__atomic_add_fetch(&peer->stats.rx_packets, 1, __ATOMIC_RELAXED);
	__atomic_add_fetch(&peer->stats.rx_bytes, len, __ATOMIC_RELAXED);
	p->dev = peer;
	netif_rx(p);
	spin_unlock(&veth_lock);
	return 0;
}

static struct net_device *peer_of(struct net_device *dev)
{
	spin_lock(&veth_lock);
	struct net_device *peer = veth_priv(dev)->peer;
	spin_unlock(&veth_lock);
	return peer;
}

/* Both ends up: both have a carrier. */
static int veth_open(struct net_device *dev)
{
	struct net_device *peer = peer_of(dev);
	if (peer && (peer->flags & IFF_UP)) {
		dev->carrier = true;	/* dev_change_flags sets IFF_RUNNING */
		netif_carrier_on(peer);
	}
	return 0;
}

static void veth_stop(struct net_device *dev)
{
	struct net_device *peer = peer_of(dev);
	netif_carrier_off(dev);
	if (peer)
		netif_carrier_off(peer);
}

/* Unregistering one end takes the other along. */
static void veth_uninit(struct net_device *dev)
{
	spin_lock(&veth_lock);
	struct net_device *peer = veth_priv(dev)->peer;
	veth_priv(dev)->peer = NULL;
	if (peer)
		veth_priv(peer)->peer = NULL;
	spin_unlock(&veth_lock);
	if (peer)
		unregister_netdevice(peer);
}

static const struct net_device_ops veth_ops = {
	.xmit = veth_xmit,
	.open = veth_open,
	.stop = veth_stop,
	.uninit = veth_uninit,
};

struct net_device *veth_peer(struct net_device *dev)
{
	return dev->ops == &veth_ops ? peer_of(dev) : NULL;
}

bool netif_is_veth(const struct net_device *dev)
{
	return dev->ops == &veth_ops;
}

static struct net_device *veth_alloc(const struct link_cfg *c)
{
	struct net_device *dev = alloc_netdev(sizeof(struct veth_priv),
					      c->name[0] ? c->name : "veth%d");
	if (!dev)
		return NULL;
	ether_setup(dev);
	dev->ops = &veth_ops;
	dev->kind = "veth";
	if (c->mtu)
		dev->mtu = c->mtu;
	if (c->has_addr)
		memcpy(dev->dev_addr, c->addr, ETH_ALEN);
	if (c->has_txqlen)
		dev->tx_queue_len = c->txqlen;
	return dev;
}

int veth_create(struct net *net, const struct link_cfg *dc, struct net *peer_net,
		const struct link_cfg *pc, struct net_device **out)
{
	if ((dc->mtu && (dc->mtu < ETH_MIN_MTU || dc->mtu > ETH_MAX_MTU)) ||
	    (pc->mtu && (pc->mtu < ETH_MIN_MTU || pc->mtu > ETH_MAX_MTU)))
		return -EINVAL;
	struct net_device *dev = veth_alloc(dc);
	struct net_device *peer = dev ? veth_alloc(pc) : NULL;
	if (!peer) {
		if (dev)
			dev_put(dev);
		return -ENOMEM;
	}
	/* The peer first, as Linux: it has the lower number. */
	int err = register_netdevice(peer_net, peer);
	if (err) {
		dev_put(peer);
		dev_put(dev);
		return err;
	}
	err = register_netdevice(net, dev);
	if (err) {
		dev_put(dev);
		unregister_netdevice(peer);
		return err;
	}
	spin_lock(&veth_lock);
	veth_priv(dev)->peer = peer;
	veth_priv(peer)->peer = dev;
	spin_unlock(&veth_lock);
	*out = dev;
	return 0;
}
