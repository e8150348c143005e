/*
 * net/arp.c - the neighbour table of a network namespace and ARP (RFC
 * 826) over Ethernet devices (neighbour.h): resolving next hops for
 * neigh_output, answering requests for our addresses, learning from the
 * requests addressed to us, the state machine's deadlines, and the rows
 * of /proc/net/arp.
 *
 * Locks: tbl->lock (a spinlock) guards the hash chains, the count, every
 * entry (state, address, deadline, queue) and tbl->next_timer.  It is
 * taken with or without inet->lock held (never the reverse order), and
 * released before anything is sent: what must go out is gathered on a
 * local list first.
 *
 * Lifetime: the table is made and freed with its namespace; the timer is
 * cancelled first, and a run of the network work thread holds a
 * reference on the namespace, so no deadline runs on a freed table.
 */
#include "neighbour.h"
#include "inet.h"
#include "netdevice.h"
#include "ns.h"
#include "timer.h"
#include "kmalloc.h"
#include "string.h"

#define NEIGH_HASH_SIZE		32

struct neighbour {
	struct list_head link;		/* in its hash chain */
	struct net_device *dev;
	uint32_t addr;			/* network order */
	uint32_t probe_src;		/* the source address our requests give */
	uint8_t ha[ETH_ALEN];
	struct neigh_fsm fsm;		/* state, probes, deadline (neigh_fsm.c) */
	uint64_t updated;		/* ns: the last change of state */
	struct list_head queue;		/* packets waiting (INCOMPLETE) */
	size_t qbytes;			/* their truesize */
};

struct neigh_table {
	struct spinlock lock;
	struct list_head hash[NEIGH_HASH_SIZE];
	int count;
	uint64_t next_timer;		/* the deadline the ktimer is armed at, 0 none */
	struct ktimer timer;
	struct net *net;		/* not referenced: it owns the table */
};

/* An ARP packet for IPv4 over Ethernet. */
struct arp_eth {
	struct arphdr h;
	uint8_t sha[ETH_ALEN];
	uint8_t sip[4];
	uint8_t tha[ETH_ALEN];
	uint8_t tip[4];
} __attribute__((packed));

static struct list_head *chain(struct neigh_table *tbl, uint32_t addr)
{
	uint32_t h = addr * 2654435761u;
	return &tbl->hash[(h >> 16) % NEIGH_HASH_SIZE];
}

static uint64_t neigh_timer_fire(struct ktimer *t)
{
	struct neigh_table *tbl = container_of(t, struct neigh_table, timer);
	net_schedule_work(tbl->net, NET_WORK_NEIGH);
	return 0;
}

int neigh_init_net(struct net *net)
{
	struct neigh_table *tbl = kzalloc(sizeof(*tbl));
	if (!tbl)
		return -ENOMEM;
	spin_init(&tbl->lock, "neigh");
	for (int i = 0; i < NEIGH_HASH_SIZE; i++)
		list_init(&tbl->hash[i]);
	tbl->timer.fn = neigh_timer_fire;
	tbl->net = net;
	net->inet->neigh = tbl;
	return 0;
}

static void queue_purge(struct list_head *q)
{
	while (!list_empty(q)) {
		struct pkt *p = list_first_entry(q, struct pkt, link);
		list_del(&p->link);
		pkt_free(p);
	}
}

void neigh_exit_net(struct net *net)
{
	struct neigh_table *tbl = net->inet->neigh;
	if (!tbl)
		return;
	ktimer_cancel(&tbl->timer);
	for (int i = 0; i < NEIGH_HASH_SIZE; i++) {
		struct neighbour *n, *nn;
		list_for_each_entry_safe(n, nn, &tbl->hash[i], link) {
			queue_purge(&n->queue);
			list_del(&n->link);
			kfree(n);
		}
	}
	kfree(tbl);
	net->inet->neigh = NULL;
}

/* ---- entries (tbl->lock held) ---- */

static struct neighbour *neigh_lookup(struct neigh_table *tbl, struct net_device *dev,
				      uint32_t addr)
{
	struct neighbour *n;
	list_for_each_entry(n, chain(tbl, addr), link)
		if (n->addr == addr && n->dev == dev)
			return n;
	return NULL;
}

/* The table is full: forget the entry unused longest among those
 * nobody waits on that are STALE or FAILED (Linux's forced garbage
 * collection).  False when there is none. */
static bool neigh_forced_gc(struct neigh_table *tbl)
{
	struct neighbour *victim = NULL;
	for (int i = 0; i < NEIGH_HASH_SIZE; i++) {
		struct neighbour *n;
		list_for_each_entry(n, &tbl->hash[i], link)
			if ((n->fsm.state & (NUD_STALE | NUD_FAILED)) && list_empty(&n->queue) &&
			    (!victim || n->updated < victim->updated))
				victim = n;
	}
	if (!victim)
		return false;
	list_del(&victim->link);
	tbl->count--;
	kfree(victim);
	return true;
}

static struct neighbour *neigh_create(struct neigh_table *tbl, struct net_device *dev,
				      uint32_t addr)
{
	if (tbl->count >= NEIGH_TABLE_MAX && !neigh_forced_gc(tbl))
		return NULL;
	struct neighbour *n = kzalloc(sizeof(*n));
	if (!n)
		return NULL;
	n->dev = dev;
	n->addr = addr;
	n->fsm.state = NUD_NONE;
	n->updated = timer_now_ns();
	list_init(&n->queue);
	list_add_tail(&n->link, chain(tbl, addr));
	tbl->count++;
	return n;
}

/* After a step of n's state machine (old: its state before): note the
 * change, and arm the table's timer if n's deadline is the earliest. */
static void neigh_stepped(struct neigh_table *tbl, struct neighbour *n, uint8_t old, uint64_t now)
{
	if (n->fsm.state != old)
		n->updated = now;
	uint64_t at = n->fsm.deadline;
	if (at && (!tbl->next_timer || at < tbl->next_timer)) {
		tbl->next_timer = at;
		ktimer_arm(&tbl->timer, at);
	}
}

/* ---- sending ---- */

/* An ARP packet of op from dev (sip) to tip (tha: the hardware address
 * asked about or answered to; dest: the frame's destination). */
static void arp_send(struct net_device *dev, int op, uint32_t sip, uint32_t tip,
		     const uint8_t *tha, const uint8_t *dest)
{
	struct pkt *p = pkt_alloc(sizeof(struct arp_eth));
	if (!p)
		return;
	struct arp_eth *a = (struct arp_eth *)p->data;
	a->h.ar_hrd = htons(ARPHRD_ETHER);
	a->h.ar_pro = htons(ETH_P_IP);
	a->h.ar_hln = ETH_ALEN;
	a->h.ar_pln = 4;
	a->h.ar_op = htons(op);
	memcpy(a->sha, dev->dev_addr, ETH_ALEN);
	memcpy(a->sip, &sip, 4);
	if (tha)
		memcpy(a->tha, tha, ETH_ALEN);
	else
		memset(a->tha, 0, ETH_ALEN);
	memcpy(a->tip, &tip, 4);
	p->protocol = ETH_P_ARP;
	eth_header(p, dev, dest, ETH_P_ARP);
	dev_queue_xmit(p, dev);
}

/* Frame and send the packets of q to ha. */
static void send_queue(struct list_head *q, struct net_device *dev, const uint8_t *ha)
{
	while (!list_empty(q)) {
		struct pkt *p = list_first_entry(q, struct pkt, link);
		list_del(&p->link);
		eth_header(p, dev, ha, ETH_P_IP);
		dev_queue_xmit(p, dev);
	}
}

/* The source our requests for an address give: the packet's own source
 * when it is ours (Linux's arp_announce 0), else the device's first
 * address.  inet->lock held. */
static uint32_t probe_source(struct net *net, struct pkt *p, struct net_device *dev)
{
	const struct iphdr *ih = (const struct iphdr *)p->data;
	if (inet_addr_is_local(net, ih->saddr))
		return ih->saddr;
	struct in_ifaddr *ifa = inet_dev_first_addr(net->inet, dev);
	return ifa ? ifa->local : 0;
}

int neigh_output(struct net *net, struct pkt *p, uint32_t nexthop, struct net_device *dev)
{
	struct neigh_table *tbl = net->inet->neigh;
	uint8_t ha[ETH_ALEN];
	uint32_t src = probe_source(net, p, dev);
	uint64_t now = timer_now_ns();
	spin_lock(&tbl->lock);
	struct neighbour *n = neigh_lookup(tbl, dev, nexthop);
	if (!n && !(n = neigh_create(tbl, dev, nexthop))) {
		spin_unlock(&tbl->lock);
		__atomic_add_fetch(&dev->stats.tx_dropped, 1, __ATOMIC_RELAXED);
		pkt_free(p);
		return -ENOBUFS;
	}
	uint8_t old = n->fsm.state;
	int verdict = neigh_fsm_output(&n->fsm, now);
	neigh_stepped(tbl, n, old, now);
	if (n->fsm.state != old)
		n->probe_src = src;
	if (verdict == NEIGH_SEND) {
		memcpy(ha, n->ha, ETH_ALEN);
		spin_unlock(&tbl->lock);
		eth_header(p, dev, ha, ETH_P_IP);
		return dev_queue_xmit(p, dev);
	}
	if (verdict == NEIGH_QUEUE_RESOLVE)
		memset(n->ha, 0, ETH_ALEN);
	/* Waiting: the oldest make room (Linux drops the head). */
	while (!list_empty(&n->queue) && n->qbytes + p->truesize > ARP_UNRES_QLEN_BYTES) {
		struct pkt *first = list_first_entry(&n->queue, struct pkt, link);
		list_del(&first->link);
		n->qbytes -= first->truesize;
		pkt_free(first);
		__atomic_add_fetch(&dev->stats.tx_dropped, 1, __ATOMIC_RELAXED);
	}
	p->dev = dev;
	list_add_tail(&p->link, &n->queue);
	n->qbytes += p->truesize;
	spin_unlock(&tbl->lock);
	if (verdict == NEIGH_QUEUE_RESOLVE)
		arp_send(dev, ARPOP_REQUEST, src, nexthop, NULL, eth_broadcast_addr);
	return 0;
}

/* ---- receiving ---- */

/*
 * What an ARP packet from sip/sha tells the table (tbl->lock held): a
 * reply confirms (REACHABLE); a request addressed to us makes or
 * refreshes the sender's entry (STALE unless it was reachable at the
 * same address); anything else only refreshes an existing entry.  What
 * waited for the address moves to ready, to be sent by the caller.
 */
static void neigh_learn(struct neigh_table *tbl, struct net_device *dev, uint32_t sip,
			const uint8_t *sha, bool reply, bool for_us, struct list_head *ready)
{
	struct neighbour *n = neigh_lookup(tbl, dev, sip);
	if (!n && (!for_us || !(n = neigh_create(tbl, dev, sip))))
		return;
	uint64_t now = timer_now_ns();
	uint8_t old = n->fsm.state;
	if (!neigh_fsm_learn(&n->fsm, now, reply, !memcmp(n->ha, sha, ETH_ALEN)))
		return;
	neigh_stepped(tbl, n, old, now);
	memcpy(n->ha, sha, ETH_ALEN);
	list_splice_init(&n->queue, ready);
	n->qbytes = 0;
}

void arp_rcv(struct net *net, struct pkt *p)
{
	struct net_device *dev = p->dev;
	const struct arp_eth *a = (const struct arp_eth *)p->data;
	if (p->len < sizeof(*a) || a->h.ar_hrd != htons(ARPHRD_ETHER) ||
	    a->h.ar_pro != htons(ETH_P_IP) || a->h.ar_hln != ETH_ALEN || a->h.ar_pln != 4 ||
	    (a->h.ar_op != htons(ARPOP_REQUEST) && a->h.ar_op != htons(ARPOP_REPLY)) ||
	    (dev->flags & IFF_NOARP)) {
		pkt_free(p);
		return;
	}
	uint32_t sip, tip;
	uint8_t sha[ETH_ALEN];
	memcpy(&sip, a->sip, 4);
	memcpy(&tip, a->tip, 4);
	memcpy(sha, a->sha, ETH_ALEN);
	bool reply = a->h.ar_op == htons(ARPOP_REPLY);
	pkt_free(p);
	/* Nothing about multicast or loopback addresses, nor from a
	 * broadcast or multicast hardware address. */
	if (IN_MULTICAST(ntohl(tip)) || IN_MULTICAST(ntohl(sip)) ||
	    (ntohl(tip) >> 24) == IN_LOOPBACKNET || (sha[0] & 1))
		return;
	struct inet_net *in = net->inet;
	mutex_lock(&in->lock);
	bool for_us = inet_addr_is_local(net, tip);
	mutex_unlock(&in->lock);
	if (!reply && for_us)
		arp_send(dev, ARPOP_REPLY, tip, sip, sha, sha);
	if (!sip)		/* a duplicate address probe: nobody to learn */
		return;
	struct neigh_table *tbl = in->neigh;
	LIST_HEAD(ready);
	spin_lock(&tbl->lock);
	neigh_learn(tbl, dev, sip, sha, reply && for_us, for_us, &ready);
	spin_unlock(&tbl->lock);
	send_queue(&ready, dev, sha);
}

/* ---- deadlines ---- */

/* An entry's deadline passed (tbl->lock held): the requests it sends go
 * on probes (as struct neighbour copies' fields: addr, src, ha), the
 * packets it gives up on on failed. */
struct probe {
	struct net_device *dev;
	uint32_t addr, src;
	uint8_t ha[ETH_ALEN];
	bool unicast;
};

static bool neigh_expire(struct neigh_table *tbl, struct neighbour *n, uint64_t now,
			 struct probe *pr, struct list_head *failed)
{
	uint8_t old = n->fsm.state;
	int action = neigh_fsm_timeout(&n->fsm, now);
	neigh_stepped(tbl, n, old, now);
	switch (action) {
	case NEIGH_FAIL:
		memset(n->ha, 0, ETH_ALEN);
		list_splice_init(&n->queue, failed);
		n->qbytes = 0;
		return false;
	case NEIGH_PROBE_BROADCAST:
	case NEIGH_PROBE_UNICAST:
		pr->dev = n->dev;
		pr->addr = n->addr;
		pr->src = n->probe_src;
		pr->unicast = action == NEIGH_PROBE_UNICAST;
		memcpy(pr->ha, n->ha, ETH_ALEN);
		return true;
	}
	return false;
}

/* Tell the senders of packets that found no neighbour (ICMP host
 * unreachable, as Linux's arp_error_report). */
static void neigh_report_failed(struct net *net, struct list_head *failed)
{
	struct inet_net *in = net->inet;
	mutex_lock(&in->lock);
	while (!list_empty(failed)) {
		struct pkt *p = list_first_entry(failed, struct pkt, link);
		list_del(&p->link);
		__atomic_add_fetch(&p->dev->stats.tx_dropped, 1, __ATOMIC_RELAXED);
		p->nh = p->data;
		icmp_send(net, p, ICMP_DEST_UNREACH, ICMP_HOST_UNREACH);
		pkt_free(p);
	}
	mutex_unlock(&in->lock);
}

#define PROBES_PER_RUN	16

void neigh_run_timers(struct net *net)
{
	struct neigh_table *tbl = net->inet->neigh;
	struct probe probes[PROBES_PER_RUN];
	int nprobes;
	LIST_HEAD(failed);
	do {
		nprobes = 0;
		uint64_t now = timer_now_ns(), next = 0;
		spin_lock(&tbl->lock);
		for (int i = 0; i < NEIGH_HASH_SIZE; i++) {
			struct neighbour *n;
			list_for_each_entry(n, &tbl->hash[i], link) {
				uint64_t d = n->fsm.deadline;
				if (d && d <= now && nprobes < PROBES_PER_RUN &&
				    neigh_expire(tbl, n, now, &probes[nprobes], &failed))
					nprobes++;
				d = n->fsm.deadline;
				if (d && (!next || d < next))
					next = d;
			}
		}
		tbl->next_timer = next;
		if (next)
			ktimer_arm(&tbl->timer, next);
		spin_unlock(&tbl->lock);
		for (int i = 0; i < nprobes; i++) {
			struct probe *pr = &probes[i];
			arp_send(pr->dev, ARPOP_REQUEST, pr->src, pr->addr,
				 pr->unicast ? pr->ha : NULL,
				 pr->unicast ? pr->ha : eth_broadcast_addr);
		}
	} while (nprobes == PROBES_PER_RUN);
	if (!list_empty(&failed))
		neigh_report_failed(net, &failed);
}

void neigh_ifdown(struct net *net, struct net_device *dev)
{
	struct neigh_table *tbl = net->inet->neigh;
	LIST_HEAD(dropped);
	spin_lock(&tbl->lock);
	for (int i = 0; i < NEIGH_HASH_SIZE; i++) {
		struct neighbour *n, *nn;
		list_for_each_entry_safe(n, nn, &tbl->hash[i], link) {
			if (n->dev != dev)
				continue;
			list_splice_init(&n->queue, &dropped);
			list_del(&n->link);
			tbl->count--;
			kfree(n);
		}
	}
	spin_unlock(&tbl->lock);
	queue_purge(&dropped);
}

/* ---- the rows ---- */

void neigh_for_each(struct net *net, void (*fn)(const struct neigh_row *r, void *arg), void *arg)
{
	struct neigh_table *tbl = net->inet->neigh;
	struct neigh_row r;
	spin_lock(&tbl->lock);
	for (int i = 0; i < NEIGH_HASH_SIZE; i++) {
		struct neighbour *n;
		list_for_each_entry(n, &tbl->hash[i], link) {
			if (n->fsm.state == NUD_NONE)
				continue;
			memset(&r, 0, sizeof(r));
			r.addr = n->addr;
			r.ifindex = n->dev->ifindex;
			strlcpy(r.dev, n->dev->name, sizeof(r.dev));
			r.type = n->dev->type;
			memcpy(r.ha, n->ha, ETH_ALEN);
			r.state = n->fsm.state;
			r.updated_ns = n->updated;
			fn(&r, arg);
		}
	}
	spin_unlock(&tbl->lock);
}
