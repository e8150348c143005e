/*
 * net/pkt.c - packet buffers, the Internet checksum and the receive
 * backlog of a network namespace (inet.h).  The backlog list and its
 * running flag are guarded by inet->rx_lock; packets are delivered with
 * no lock held (ip_rcv takes inet->lock itself).
 */
#include "inet.h"
#include "netdevice.h"
#include "ns.h"
#include "kmalloc.h"

struct pkt *pkt_alloc(size_t len)
{
	struct pkt *p = kmalloc(sizeof(*p) + PKT_HEADROOM + len);
	if (!p)
		return NULL;
	list_init(&p->link);
	p->dev = NULL;
	p->dev_ref = NULL;
	p->backlog_counted = false;
	p->protocol = ETH_P_IP;
	p->data = p->head + PKT_HEADROOM;
	p->len = len;
	p->truesize = sizeof(*p) + PKT_HEADROOM + len;
	p->nh = NULL;
	p->saddr = 0;
	p->sport = 0;
	return p;
}

struct pkt *pkt_alloc_hdr(size_t hdrlen, size_t len)
{
	struct pkt *p = pkt_alloc(hdrlen + len + 7);
	if (!p)
		return NULL;
	uintptr_t pay = (uintptr_t)p->data + hdrlen;
	p->data += (8 - (pay & 7)) & 7;
	p->len = hdrlen + len;
	return p;
}

void pkt_free(struct pkt *p)
{
	if (p->dev_ref)
		dev_put(p->dev_ref);
	kfree(p);
}

uint32_t csum_partial(const void *buf, size_t len, uint32_t sum)
{
	const uint8_t *b = buf;
	uint64_t s = 0;
	/* Bytes up to an 8-byte boundary, then words (each 32-bit half
	 * added: the one's complement sum does not care about the order, and
	 * an odd start is undone by swapping the result's bytes). */
	bool odd = (uintptr_t)b & 1;
	if (odd && len) {
		s += (uint32_t)b[0] << 8;
		b++;
		len--;
	}
	while (len >= 2 && ((uintptr_t)b & 7)) {
		s += (uint32_t)b[0] | (uint32_t)b[1] << 8;
		b += 2;
		len -= 2;
	}
	while (len >= 8) {
		uint64_t w = *(const uint64_t *)b;
		s += (w & 0xffffffff) + (w >> 32);
		b += 8;
		len -= 8;
	}
	while (len >= 2) {
		s += (uint32_t)b[0] | (uint32_t)b[1] << 8;
		b += 2;
		len -= 2;
	}
	if (len)
		s += b[0];
	while (s >> 32)
		s = (s & 0xffffffff) + (s >> 32);
	if (odd) {
		/* The sum of a buffer read one byte late is the byte-swapped one. */
		s = (s & 0xffff) + (s >> 16);
		s = (s & 0xffff) + (s >> 16);
		s = ((s & 0xff) << 8) | (s >> 8);
	}
	s += sum;
	while (s >> 32)
		s = (s & 0xffffffff) + (s >> 32);
	return (uint32_t)s;
}

uint16_t csum_fold(uint32_t sum)
{
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

void netif_rx(struct pkt *p)
{
	struct inet_net *in = p->dev->net->inet;
	if (p->dev_ref != p->dev) {
		if (p->dev_ref)
			dev_put(p->dev_ref);
		p->dev_ref = dev_hold(p->dev);
	}
	spin_lock(&in->rx_lock);
	/* What comes from a device other than loopback (a veth peer in
	 * another namespace, whose backlog may not be run for a while) is
	 * bounded; loopback's own traffic is bounded by its senders. */
	if (p->dev->type != ARPHRD_LOOPBACK) {
		if (in->backlog_bytes + p->truesize > NETDEV_BACKLOG_MAX) {
			spin_unlock(&in->rx_lock);
			__atomic_add_fetch(&p->dev->stats.rx_dropped, 1, __ATOMIC_RELAXED);
			pkt_free(p);
			return;
		}
		in->backlog_bytes += p->truesize;
		p->backlog_counted = true;
	}
	list_add_tail(&p->link, &in->backlog);
	spin_unlock(&in->rx_lock);
}

void net_rx_run(struct net *net)
{
	struct inet_net *in = net->inet;
	spin_lock(&in->rx_lock);
	if (in->rx_running) {		/* its runner takes ours too */
		spin_unlock(&in->rx_lock);
		return;
	}
	in->rx_running = true;
	while (!list_empty(&in->backlog)) {
		struct pkt *p = list_first_entry(&in->backlog, struct pkt, link);
		list_del(&p->link);
		if (p->backlog_counted) {
			in->backlog_bytes -= p->truesize;
			p->backlog_counted = false;
		}
		spin_unlock(&in->rx_lock);
		ip_rcv(net, p);
		spin_lock(&in->rx_lock);
	}
	in->rx_running = false;
	spin_unlock(&in->rx_lock);
}
