/*
 * net/ipfrag.c - IPv4 fragmentation and reassembly (RFC 791; inet.h).
 * Output splits a datagram larger than the device MTU into fragments of
 * a multiple of 8 bytes; input gathers fragments in a queue per (source,
 * destination, id, protocol) until every byte from 0 to the last
 * fragment's end is there, then builds the whole datagram.  A fragment
 * that overlaps one already queued is dropped (RFC 5722's rule, which
 * Linux applies to IPv4 too); a queue not completed within
 * IPFRAG_TIME_NS is dropped with an ICMP "fragment reassembly time
 * exceeded" when its first fragment came.  At most IPFRAG_HIGH_THRESH
 * bytes wait per namespace; beyond, new fragments are dropped.
 *
 * Locks: inet->lock guards the queues (ip_defrag and ip_fragment run
 * under it, ipfrag_expire takes it).  The timer fires in interrupt
 * context and only schedules the namespace's work (net_schedule_work).
 */
#include "inet.h"
#include "ns.h"
#include "timer.h"
#include "kmalloc.h"
#include "string.h"

struct ipfrag_queue {
	struct list_head link;		/* in frags->queues, oldest first */
	uint32_t saddr, daddr;
	uint16_t id;
	uint8_t proto;
	struct list_head frags;		/* struct pkt by offset (p->seq), payload at data */
	unsigned int meat;		/* payload bytes queued */
	unsigned int total;		/* the datagram's payload length; 0: not known yet */
	uint64_t expires;
};

struct ipfrag_queues {
	struct list_head queues;
	size_t mem;			/* truesize of what is queued */
	struct ktimer timer;
	struct net *net;		/* not referenced: it owns the queues */
};

static uint64_t ipfrag_timer_fire(struct ktimer *t)
{
	struct ipfrag_queues *f = container_of(t, struct ipfrag_queues, timer);
	net_schedule_work(f->net, NET_WORK_FRAG);
	return 0;
}

int ipfrag_init_net(struct net *net)
{
	struct ipfrag_queues *f = kzalloc(sizeof(*f));
	if (!f)
		return -ENOMEM;
	list_init(&f->queues);
	f->timer.fn = ipfrag_timer_fire;
	f->net = net;
	net->inet->frags = f;
	return 0;
}

static void queue_free(struct ipfrag_queues *f, struct ipfrag_queue *q)
{
	while (!list_empty(&q->frags)) {
		struct pkt *p = list_first_entry(&q->frags, struct pkt, link);
		list_del(&p->link);
		f->mem -= p->truesize;
		pkt_free(p);
	}
	list_del(&q->link);
	kfree(q);
}

void ipfrag_exit_net(struct net *net)
{
	struct ipfrag_queues *f = net->inet->frags;
	if (!f)
		return;
	ktimer_cancel(&f->timer);
	while (!list_empty(&f->queues))
		queue_free(f, list_first_entry(&f->queues, struct ipfrag_queue, link));
	kfree(f);
	net->inet->frags = NULL;
}

void ipfrag_expire(struct net *net)
{
	struct inet_net *in = net->inet;
	struct ipfrag_queues *f = in->frags;
	mutex_lock(&in->lock);
	uint64_t now = timer_now_ns();
	while (!list_empty(&f->queues)) {
		struct ipfrag_queue *q = list_first_entry(&f->queues, struct ipfrag_queue, link);
		if (q->expires > now) {
			ktimer_arm(&f->timer, q->expires);
			break;
		}
		struct pkt *first = list_empty(&q->frags) ? NULL :
				    list_first_entry(&q->frags, struct pkt, link);
		if (first && first->seq == 0)
			icmp_send(net, first, ICMP_TIME_EXCEEDED, ICMP_EXC_FRAGTIME);
		IP_INC(net, REASMTIMEOUT);
		IP_INC(net, REASMFAILS);
		queue_free(f, q);
	}
	mutex_unlock(&in->lock);
}

/* ---- input ---- */

static struct ipfrag_queue *queue_find(struct ipfrag_queues *f, const struct iphdr *ih)
{
	struct ipfrag_queue *q;
	list_for_each_entry(q, &f->queues, link)
		if (q->id == ih->id && q->saddr == ih->saddr && q->daddr == ih->daddr &&
		    q->proto == ih->protocol)
			return q;
	q = kzalloc(sizeof(*q));
	if (!q)
		return NULL;
	q->saddr = ih->saddr;
	q->daddr = ih->daddr;
	q->id = ih->id;
	q->proto = ih->protocol;
	list_init(&q->frags);
	q->expires = timer_now_ns() + IPFRAG_TIME_NS;
	if (list_empty(&f->queues))
		ktimer_arm(&f->timer, q->expires);
	list_add_tail(&q->link, &f->queues);
	return q;
}

/* Put p (offset off, p->len bytes) in order; false when it overlaps. */
static bool queue_insert(struct ipfrag_queue *q, struct pkt *p, unsigned int off)
{
	unsigned int end = off + p->len;
	struct pkt *at;
	list_for_each_entry(at, &q->frags, link) {
		if (at->seq >= end)
			break;
		if (at->seq + at->len > off)
			return false;
	}
	p->seq = off;
	list_insert(&p->link, at->link.prev, &at->link);
	q->meat += p->len;
	return true;
}

/* The whole datagram of a complete queue, or NULL without memory. */
static struct pkt *reassemble(struct ipfrag_queue *q)
{
	struct pkt *first = list_first_entry(&q->frags, struct pkt, link);
	const struct iphdr *fh = (const struct iphdr *)first->nh;
	size_t hl = fh->ihl * 4;
	struct pkt *np = pkt_alloc_hdr(hl, q->total);
	if (!np)
		return NULL;
	memcpy(np->data, fh, hl);
	struct pkt *p;
	list_for_each_entry(p, &q->frags, link)
		memcpy(np->data + hl + p->seq, p->data, p->len);
	struct iphdr *ih = (struct iphdr *)np->data;
	ih->tot_len = htons(hl + q->total);
	ih->frag_off = 0;
	ih->check = 0;
	ih->check = csum_fold(csum_partial(ih, hl, 0));
	np->dev = first->dev;
	np->pkt_type = first->pkt_type;
	np->protocol = first->protocol;
	np->saddr = ih->saddr;
	np->nh = np->data;
	pkt_pull(np, hl);
	return np;
}

struct pkt *ip_defrag(struct net *net, struct pkt *p)
{
	struct ipfrag_queues *f = net->inet->frags;
	const struct iphdr *ih = (const struct iphdr *)p->nh;
	uint16_t fo = ntohs(ih->frag_off);
	unsigned int off = (fo & IP_OFFSET) * 8, end = off + p->len;
	bool more = fo & IP_MF;
	IP_INC(net, REASMREQDS);
	/* Every fragment but the last carries a multiple of 8 bytes, and
	 * the datagram stays within 65535 bytes. */
	if ((more && (p->len & 7)) || ih->ihl * 4u + end > 65535 ||
	    f->mem + p->truesize > IPFRAG_HIGH_THRESH)
		goto drop;
	struct ipfrag_queue *q = queue_find(f, ih);
	if (!q)
		goto drop;
	if ((!more && q->total && q->total != end) || (q->total && end > q->total) ||
	    !queue_insert(q, p, off))
		goto drop;
	if (!more)
		q->total = end;
	f->mem += p->truesize;
	if (!q->total || q->meat != q->total)
		return NULL;
	struct pkt *whole = reassemble(q);
	queue_free(f, q);
	if (whole)
		IP_INC(net, REASMOKS);
	else
		IP_INC(net, REASMFAILS);
	return whole;
drop:
	IP_INC(net, REASMFAILS);
	pkt_free(p);
	return NULL;
}

/* ---- output ---- */

int ip_fragment(struct net *net, struct pkt *p, unsigned int mtu, uint32_t daddr,
		const struct rt_result *rt)
{
	const struct iphdr *ih = (const struct iphdr *)p->data;
	size_t hl = ih->ihl * 4;
	size_t len = p->len - hl;
	size_t chunk = (mtu - hl) & ~7u;
	uint16_t fo = ntohs(ih->frag_off);
	unsigned int base = (fo & IP_OFFSET) * 8;	/* a fragment being forwarded */
	bool last_more = fo & IP_MF;
	int err = 0;
	for (size_t off = 0; off < len && !err; off += chunk) {
		size_t n = MIN(chunk, len - off);
		struct pkt *q = pkt_alloc_hdr(hl, n);
		if (!q) {
			err = -ENOBUFS;
			break;
		}
		memcpy(q->data, ih, hl);
		memcpy(q->data + hl, p->data + hl + off, n);
		struct iphdr *qh = (struct iphdr *)q->data;
		bool more = off + n < len || last_more;
		qh->frag_off = htons(((base + off) / 8) | (more ? IP_MF : 0));
		qh->tot_len = htons(hl + n);
		qh->check = 0;
		qh->check = csum_fold(csum_partial(qh, hl, 0));
		q->protocol = p->protocol;
		IP_INC(net, FRAGCREATES);
		err = ip_finish_output(net, q, daddr, rt);
	}
	if (err)
		IP_INC(net, FRAGFAILS);
	else
		IP_INC(net, FRAGOKS);
	pkt_free(p);
	return err;
}
