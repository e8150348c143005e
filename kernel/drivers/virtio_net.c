/*
 * virtio network devices (virtio spec 5.1): eth0, eth1... of the initial
 * network namespace, ARPHRD_ETHER, their address from the device's
 * configuration (VIRTIO_NET_F_MAC), down until someone brings them up.
 *
 * Features: VIRTIO_NET_F_MAC, and VIRTIO_F_VERSION_1 on a modern device
 * (ANY_LAYOUT on a legacy one); no checksum or segmentation offload, so
 * the stack computes every checksum and the device carries frames of at
 * most the MTU.  Every frame is preceded by a struct virtio_net_hdr: 12
 * bytes (virtio_net_hdr_v1) with VERSION_1, 10 without.
 *
 * Receive: the receive queue is kept full of buffers, each a packet
 * with room for a header and a whole frame; the interrupt hands a filled
 * one to netif_rx and puts a new buffer in its place (or the same one
 * back, its frame dropped, when memory is short).  Transmit: a frame is
 * two descriptors, a shared all-zero header and the packet; when the
 * ring is full frames wait on txq (up to TXQ_MAX, Linux's txqueuelen)
 * and go as completions free descriptors; completed packets are freed
 * from the interrupt.  Nothing here sleeps.
 *
 * Locks: vn->tx_lock (a spinlock) guards txq and keeps frames in order;
 * it is taken before the transmit queue's vq->lock.  The counters are
 * the device's (atomic adds).
 */
#include "virtio.h"
#include "netdevice.h"
#include "inet.h"
#include "ns.h"
#include "kmalloc.h"
#include "string.h"
#include "printk.h"
#include <linux/virtio_net.h>

#define RXQ		0
#define TXQ		1
#define TXQ_MAX		1000
/* A received frame: the largest Ethernet frame, and a VLAN tag's room. */
#define RX_FRAME_LEN	(ETH_FRAME_LEN + 4)

struct virtio_net {
	struct virtio_dev *vdev;
	struct net_device *dev;
	struct virtq *rx, *tx;
	unsigned int hdr_len;		/* the virtio_net_hdr in front of frames */
	void *tx_hdr;			/* all zero: no offload asked */
	struct spinlock tx_lock;
	struct list_head txq;
	unsigned int txq_len;
};

static int nnet;

static void stat_add(uint64_t *counter, uint64_t v)
{
	__atomic_add_fetch(counter, v, __ATOMIC_RELAXED);
}

/* ---- receive ---- */

/* Where the device writes into p: placed so that the IPv4 header after
 * the virtio and Ethernet headers is 8-byte aligned. */
static unsigned char *rx_start(struct virtio_net *vn, struct pkt *p)
{
	uintptr_t at = (uintptr_t)(p->head + PKT_HEADROOM) + vn->hdr_len + ETH_HLEN;
	return (unsigned char *)((at + 7) & ~(uintptr_t)7) - vn->hdr_len - ETH_HLEN;
}

static struct pkt *rx_alloc(struct virtio_net *vn)
{
	return pkt_alloc(vn->hdr_len + RX_FRAME_LEN + 8);
}

static int rx_post(struct virtio_net *vn, struct pkt *p)
{
	struct virtio_buf b = { rx_start(vn, p), vn->hdr_len + RX_FRAME_LEN, true };
	return virtq_try_submit(vn->rx, &b, 1, p);
}

static void rx_done(struct virtq *vq, void *cookie, uint32_t len)
{
	struct virtio_net *vn = vq->dev->priv;
	struct net_device *dev = vn->dev;
	struct pkt *p = cookie;
	struct pkt *fresh = NULL;
	if (len < vn->hdr_len + ETH_HLEN || len > vn->hdr_len + RX_FRAME_LEN) {
		stat_add(&dev->stats.rx_errors, 1);
	} else if (!(__atomic_load_n(&dev->flags, __ATOMIC_RELAXED) & IFF_UP)) {
		stat_add(&dev->stats.rx_dropped, 1);
	} else if (!(fresh = rx_alloc(vn))) {
		stat_add(&dev->stats.rx_dropped, 1);
	} else {
		p->data = rx_start(vn, p) + vn->hdr_len;
		p->len = len - vn->hdr_len;
		p->dev = dev;
		stat_add(&dev->stats.rx_packets, 1);
		stat_add(&dev->stats.rx_bytes, p->len);
		netif_rx(p);
		p = fresh;
	}
	/* The ring keeps its size: a descriptor was just freed for it. */
	if (rx_post(vn, p))
		pkt_free(p);
}

/* ---- transmit ---- */

static int tx_post(struct virtio_net *vn, struct pkt *p)
{
	struct virtio_buf b[2] = {
		{ vn->tx_hdr, vn->hdr_len, false },
		{ p->data, p->len, false },
	};
	int err = virtq_try_submit(vn->tx, b, 2, p);
	if (!err) {
		stat_add(&vn->dev->stats.tx_packets, 1);
		stat_add(&vn->dev->stats.tx_bytes, p->len);
	}
	return err;
}

static int virtio_net_xmit(struct pkt *p, struct net_device *dev)
{
	struct virtio_net *vn = dev->priv;
	spin_lock(&vn->tx_lock);
	if (list_empty(&vn->txq) && !tx_post(vn, p)) {
		spin_unlock(&vn->tx_lock);
		return 0;
	}
	if (vn->txq_len >= TXQ_MAX) {
		spin_unlock(&vn->tx_lock);
		stat_add(&dev->stats.tx_dropped, 1);
		pkt_free(p);
		return -ENOBUFS;
	}
	list_add_tail(&p->link, &vn->txq);
	vn->txq_len++;
	spin_unlock(&vn->tx_lock);
	return 0;
}

static void tx_done(struct virtq *vq, void *cookie, uint32_t len)
{
	struct virtio_net *vn = vq->dev->priv;
	pkt_free(cookie);
	spin_lock(&vn->tx_lock);
	while (!list_empty(&vn->txq)) {
		struct pkt *p = list_first_entry(&vn->txq, struct pkt, link);
		if (tx_post(vn, p))
			break;
		list_del(&p->link);
		vn->txq_len--;
	}
	spin_unlock(&vn->tx_lock);
}

static const struct net_device_ops virtio_net_ops = { .xmit = virtio_net_xmit };

/* ---- probe ---- */

static void read_mac(struct virtio_dev *vdev, uint8_t *mac)
{
	uint32_t lo = virtio_config_read32(vdev, 0), hi = virtio_config_read32(vdev, 4);
	for (int i = 0; i < 4; i++)
		mac[i] = lo >> (8 * i);
	mac[4] = hi;
	mac[5] = hi >> 8;
}

int virtio_net_probe(struct virtio_dev *vdev)
{
	char name[IFNAMSIZ];
	snprintf(name, sizeof(name), "eth%d", nnet);
	struct virtio_net *vn = kzalloc(sizeof(*vn));
	struct net_device *dev = alloc_netdev(0, name);
	if (!vn || !dev || !(vn->tx_hdr = kzalloc(sizeof(struct virtio_net_hdr_v1))))
		goto nomem;
	ether_setup(dev);
	uint64_t want = 1ull << VIRTIO_NET_F_MAC | 1ull << VIRTIO_F_ANY_LAYOUT;
	int err = virtio_setup(vdev, want);
	if (err)
		goto fail;
	vn->hdr_len = (vdev->features & (1ull << VIRTIO_F_VERSION_1)) ?
		      sizeof(struct virtio_net_hdr_v1) : sizeof(struct virtio_net_hdr);
	vn->vdev = vdev;
	vn->dev = dev;
	spin_init(&vn->tx_lock, "virtio_net_tx");
	list_init(&vn->txq);
	vdev->priv = vn;
	err = -EIO;
	if (!(vn->rx = virtq_create(vdev, RXQ, rx_done)) ||
	    !(vn->tx = virtq_create(vdev, TXQ, tx_done)))
		goto fail;
	if (vdev->features & (1ull << VIRTIO_NET_F_MAC)) {
		read_mac(vdev, dev->dev_addr);
	} else {
		/* A locally administered unicast address of our own. */
		static const uint8_t local[ETH_ALEN] = { 0x02, 0x00, 0x00, 0x00, 0x00, 0x00 };
		memcpy(dev->dev_addr, local, ETH_ALEN);
		dev->dev_addr[5] = nnet + 1;
	}
	dev->ops = &virtio_net_ops;
	dev->priv = vn;
	dev->max_mtu = ETH_DATA_LEN;	/* the receive buffers' size */
	virtio_driver_ok(vdev);
	for (unsigned int i = 0; i < vn->rx->size; i++) {
		struct pkt *p = rx_alloc(vn);
		if (!p)
			break;
		if (rx_post(vn, p)) {
			pkt_free(p);
			break;
		}
	}
	rtnl_lock();
	err = register_netdevice(&init_net, dev);
	if (!err)
		netif_carrier_on(dev);	/* qemu's link is always there */
	rtnl_unlock();
	if (err) {
		printk("virtio-net: %s: cannot register (%d)\n", name, err);
		return err;
	}
	nnet++;
	const uint8_t *m = dev->dev_addr;
	printk("virtio-net: %s, %02x:%02x:%02x:%02x:%02x:%02x%s\n", dev->name, m[0], m[1], m[2],
	       m[3], m[4], m[5], vdev->legacy ? " (legacy virtio-mmio)" : "");
	return 0;
nomem:
	err = -ENOMEM;
fail:
	vdev->priv = NULL;
	if (vn)
		kfree(vn->tx_hdr);
	kfree(vn);
	kfree(dev);
	return err;
}
