/*
 * net/pkt.c - packet buffers, the Internet checksum, the receive
 * backlog of a network namespace and the network work thread (inet.h).
 * The backlog list and its running flag are guarded by inet->rx_lock;
 * packets are delivered with no lock held (ip_rcv, arp_rcv take
 * inet->lock themselves).  netrx_lock guards the work thread's list of
 * namespaces and their inet->work bits.
 */
#include "inet.h"
#include "neighbour.h"
#include "netdevice.h"
#include "ns.h"
#include "proc.h"
#include "timer.h"
#include "kmalloc.h"
#include <linux/if_packet.h>

struct pkt *pkt_alloc(size_t len)
{
	struct pkt *p = kmalloc(sizeof(*p) + PKT_HEADROOM + len);
	if (!p)
		return NULL;
	list_init(&p->link);
	p->dev = NULL;
	p->dev_ref = NULL;
	p->protocol = ETH_P_IP;
	p->data = p->head + PKT_HEADROOM;
	p->len = len;
	p->truesize = sizeof(*p) + PKT_HEADROOM + len;
	p->nh = NULL;
	p->pkt_type = PACKET_HOST;
	p->saddr = 0;
	p->sport = 0;
	p->csum_ok = false;
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
	struct net_device *dev = p->dev;
	struct inet_net *in = dev->net->inet;
	bool lo = dev->type == ARPHRD_LOOPBACK;
	/* The packet holds its device until it is freed. */
	if (p->dev_ref != dev) {
		if (p->dev_ref)
			dev_put(p->dev_ref);
		p->dev_ref = dev_hold(dev);
	}
	spin_lock(&in->rx_lock);
	/* What comes from a device other than loopback (a veth peer in
	 * another namespace, a driver) is bounded; loopback's own traffic is
	 * bounded by its senders, who run the backlog after sending. */
	if (!lo && in->backlog_len >= NETDEV_MAX_BACKLOG) {
		spin_unlock(&in->rx_lock);
		__atomic_add_fetch(&dev->stats.rx_dropped, 1, __ATOMIC_RELAXED);
		pkt_free(p);
		return;
	}
	list_add_tail(&p->link, &in->backlog);
	in->backlog_len++;
	spin_unlock(&in->rx_lock);
	/* Loopback's sender runs the backlog after it; nobody else's does. */
	if (!lo)
		net_schedule_work(dev->net, NET_WORK_RX);
}

/* A frame goes to its link layer's receive. */
static void netif_receive(struct net *net, struct pkt *p)
{
	if (p->dev->type == ARPHRD_ETHER)
		eth_rcv(net, p);
	else
		ip_rcv(net, p);
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
	int budget = NET_RX_BUDGET;
	bool more = false;
	while (!list_empty(&in->backlog)) {
		if (!budget--) {
			more = true;
			break;
		}
		struct pkt *p = list_first_entry(&in->backlog, struct pkt, link);
		list_del(&p->link);
		in->backlog_len--;
		spin_unlock(&in->rx_lock);
		netif_receive(net, p);
		spin_lock(&in->rx_lock);
	}
	in->rx_running = false;
	spin_unlock(&in->rx_lock);
	if (more)
		net_schedule_work(net, NET_WORK_RX);
}

/* ---- the network work thread ---- */

/* The thread pauses NETRX_PAUSE_NS after NETRX_BUSY_NS without once
 * finding nothing to do. */
#define NETRX_BUSY_NS	(20 * 1000000ull)
#define NETRX_PAUSE_NS	(5 * 1000000ull)

static struct spinlock netrx_lock = SPINLOCK_INIT("netrx");
static LIST_HEAD(netrx_list);		/* struct inet_net, by work_link */
static struct waitqueue netrx_wq = WAITQUEUE_INIT(netrx_wq);

/* A reference on net unless it is already going (its last put done). */
static bool net_tryget(struct net *net)
{
	int c = __atomic_load_n(&net->refcnt, __ATOMIC_RELAXED);
	while (c > 0)
		if (__atomic_compare_exchange_n(&net->refcnt, &c, c + 1, false, __ATOMIC_ACQUIRE,
						__ATOMIC_RELAXED))
			return true;
	return false;
}

void net_schedule_work(struct net *net, unsigned int what)
{
	struct inet_net *in = net->inet;
	spin_lock(&netrx_lock);
	if (!in->work) {
		if (!net_tryget(net)) {
			spin_unlock(&netrx_lock);
			return;
		}
		list_add_tail(&in->work_link, &netrx_list);
	}
	in->work |= what;
	spin_unlock(&netrx_lock);
	wake_up(&netrx_wq);
}

static int netrx_thread(void *arg)
{
	uint64_t busy_since = timer_now_ns();
	for (;;) {
		if (list_empty(&netrx_list)) {
			wait_event(netrx_wq, !list_empty(&netrx_list));
			busy_since = timer_now_ns();
		}
		spin_lock(&netrx_lock);
		if (list_empty(&netrx_list)) {
			spin_unlock(&netrx_lock);
			continue;
		}
		struct inet_net *in = list_first_entry(&netrx_list, struct inet_net, work_link);
		list_del(&in->work_link);
		unsigned int what = in->work;
		in->work = 0;
		spin_unlock(&netrx_lock);
		struct net *net = in->net;
		if (what & NET_WORK_NEIGH)
			neigh_run_timers(net);
		if (what & NET_WORK_FRAG)
			ipfrag_expire(net);
		net_rx_run(net);
		put_net(net);
		/* Kernel code is not preempted: work that never runs out
		 * (frames circling a loop of bridges, as on Linux) must not
		 * keep this hart from everything else. */
		if (timer_now_ns() - busy_since > NETRX_BUSY_NS) {
			sleep_until(timer_now_ns() + NETRX_PAUSE_NS, false);
			busy_since = timer_now_ns();
		}
	}
	return 0;
}

int net_work_init(void)
{
	return kthread_create(netrx_thread, NULL, "netrx") ? 0 : -ENOMEM;
}
