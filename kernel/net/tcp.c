/*
 * net/tcp.c - TCP (RFC 793, 6298, 1122) over the IPv4 of inet.h: the
 * state machine, sequence numbers from a random ISN, send and receive
 * queues with flow control, window scaling (RFC 7323: our windows are
 * shifted so that the largest receive buffer fits the field), the MSS
 * option, retransmission with RTT estimation (RFC 6298, Karn),
 * congestion control (RFC 5681: a window of 10 segments to start, slow
 * start and congestion avoidance counting bytes; the pure arithmetic is
 * tcp_cong.c's), fast retransmit after three duplicate ACKs with
 * NewReno's recovery (RFC 6582: each partial ACK resends the next hole),
 * or with SACK (RFC 2018: both SYNs say SACK-permitted, the receiver
 * reports up to four blocks of its out-of-order queue) RFC 6675's, which
 * resends only the holes, as much as the pipe lets; after a timeout one
 * segment of window and go-back-N in slow start; delayed ACKs, Nagle
 * (TCP_NODELAY), keepalive, SO_LINGER, shutdown, RSTs for closed ports,
 * listen/accept with a backlog, TCP_INFO, and /proc/net/tcp's rows.
 *
 * Locks: every TCP socket of a namespace, its queues, its state and the
 * two hashes (tcp_bhash: bound sockets by port; tcp_ehash: connections
 * by address pair) are guarded by inet->lock, as the datagram sockets.
 * Packets are sent under it and delivered after it is dropped
 * (net_rx_run), never inside another socket's critical section.
 *
 * Timers: each socket has one ktimer armed at its earliest deadline
 * (retransmit, delayed ACK, keepalive, TIME_WAIT/FIN_WAIT2).  It fires in
 * interrupt context, where it only queues the socket (tcp_work_lock, a
 * spinlock) for the "tcptimer" kernel thread, which takes inet->lock and
 * does the work.
 *
 * Lifetime: a tcp_sock is reference counted (refcnt, atomic): one for its
 * struct socket while it has one, one for the stack while it is not
 * CLOSE (hashed, or an orphan finishing its close), one while queued for
 * the timer thread.  An orphan (closed by its owner, still in FIN_WAIT,
 * LAST_ACK, TIME_WAIT...) holds its namespace (get_net) as every tcp_sock
 * does, so a namespace is freed only after its last connection is.
 */
#include "inet.h"
#include "tcp_fsm.h"
#include "tcp_cong.h"
#include "sock_mem.h"
#include "net.h"
#include "netdevice.h"
#include "ns.h"
#include "cred.h"
#include "proc.h"
#include "poll.h"
#include "signal.h"
#include "random.h"
#include "timer.h"
#include "kmalloc.h"
#include "string.h"
#include "uaccess.h"
#include <asm/ioctls.h>
#include <linux/sockios.h>
#include <linux/tcp.h>


#define TCPF(s)		(1u << (s))
#define MS		1000000ull		/* ns */
#define TCP_RTO_MAX	(120000 * MS)
#define TCP_RTO_INIT	(1000 * MS)
#define TCP_DELACK	(40 * MS)
#define TCP_TIMEWAIT_LEN (60000 * MS)
#define TCP_FIN_TIMEOUT	(60000 * MS)
#define TCP_SYN_RETRIES	6
#define TCP_RETRIES2	15
#define TCP_MAX_WINDOW	65535			/* a window field, unscaled */
#define TCP_MAX_WSCALE	14			/* RFC 7323's largest shift */
/* Option kinds and lengths (RFC 793, 7323). */
#define TCPOPT_EOL	0
#define TCPOPT_NOP	1
#define TCPOPT_MSS	2
#define TCPOPT_WINDOW	3
#define TCPOPT_SACK_PERM 4
#define TCPOPT_SACK	5
#define TCPOLEN_MSS	4
#define TCPOLEN_WINDOW	3
#define TCPOLEN_SACK_PERM 2
#define TCPOLEN_SACK_BLOCK 8			/* one block's two edges */
#define TCP_SACK_BLOCKS	4			/* what 40 option bytes hold, NOPs included */
#define TCP_OPT_SPACE	40
#define TCP_SACK_OPT_MAX (4 + TCP_SACK_BLOCKS * TCPOLEN_SACK_BLOCK)	/* NOP NOP kind len blocks */
#define TCP_DEFAULT_MSS	536
#define TCP_MIN_SND_MSS	48			/* Linux's tcp_min_snd_mss */
#define KEEPIDLE_SECS	7200
#define KEEPINTVL_SECS	75
#define KEEPCNT_PROBES	9

struct tcp_sock {
	struct socket *sock;		/* NULL for an orphan or a child not accepted */
	struct net *net;		/* referenced */
	int refcnt;			/* atomic */
	int state;
	uint32_t laddr, raddr;		/* network order */
	uint16_t lport, rport;		/* host order */
	bool bound, ehashed, port_locked;
	bool reuseaddr, reuseport, nodelay, keepalive, linger_on;
	int linger;			/* seconds */
	int ttl;			/* -1: default */
	int shutdown;			/* RCV_SHUTDOWN | SEND_SHUTDOWN */
	bool connecting;		/* connect() said EINPROGRESS and not yet 0 */
	bool was_connected;
	uid_t uid;
	struct list_head bind_link, ehash_link;

	/* listening */
	int backlog;
	struct tcp_sock *parent;	/* a child's listener, until accepted */
	struct list_head accept_q;	/* established children */
	struct list_head child_link;	/* in the parent's accept_q or syn_q */
	struct list_head syn_q;		/* children in SYN_RECV */
	int accept_len, syn_len;

	/* sending */
	uint32_t iss, snd_una, snd_nxt, write_seq, snd_wnd, snd_wl1, snd_wl2;
	uint32_t snd_max;		/* the highest sequence number sent: below it is a resend */
	bool snd_max_set;
	uint32_t mss;			/* what the peer takes */
	uint32_t max_wnd;		/* the largest window the peer offered */
	bool wscale_ok;			/* both sides sent the window scale option */
	uint8_t snd_wscale;		/* the peer's windows are shifted by this */
	uint8_t rcv_wscale;		/* ours are (0 until it is agreed) */
	struct list_head sndq;		/* struct pkt: seq, data, len */
	uint32_t sndq_bytes;
	bool fin_queued, fin_sent;
	int retransmits;
	int dupacks;			/* duplicate ACKs in a row */
	struct tcp_cc cc;		/* cwnd, ssthresh (tcp_cong.h) */
	int ca_state;			/* TCP_CA_Open, _Recovery or _Loss (linux/tcp.h) */
	uint32_t recover;		/* Recovery: snd_nxt when it began; Loss: snd_max */
	uint32_t high_rxt;		/* SACK recovery: resent up to here */
	bool sack_ok;			/* both SYNs said SACK-permitted (ours alone until then) */
	struct tcp_scoreboard sacked;	/* what the peer SACKed above snd_una */
	uint32_t total_retrans;		/* segments resent (tcpi_total_retrans) */
	uint64_t srtt, rttvar, rto;	/* ns; srtt 0: no sample yet */
	uint32_t rtt_seq;
	uint64_t rtt_start;		/* 0: none timed */

	/* receiving */
	uint32_t irs, rcv_nxt, rcv_adv;	/* rcv_adv: the right edge advertised */
	struct list_head rcvq;		/* in order, struct pkt: seq, data, len */
	struct list_head oooq;		/* out of order, by seq */
	uint32_t rcvq_bytes, copied_seq;
	struct sk_mem mem;		/* sndq, rcvq and oooq charged to the memcg */
	uint32_t sack_recent[TCP_SACK_BLOCKS];	/* out-of-order blocks, the newest first */
	int sack_nrecent;
	uint32_t rcv_mss;		/* the largest segment received (tcpi_rcv_mss) */
	bool fin_rcvd;
	uint32_t unacked;		/* received bytes not acknowledged yet */

	/* timers */
	uint64_t rto_at, delack_at, keep_at, tw_at;
	int probes;
	struct ktimer timer;
	bool work_queued;
	struct list_head work_link;
	struct waitqueue wq;
};

static const struct proto_ops tcp_ops;

#define before tcp_before
#define after tcp_after

static struct tcp_sock *tcp_sk(struct socket *sock)
{
	return sock->sk;
}

/* ---- lifetime and the timer thread ---- */

static struct spinlock tcp_work_lock = SPINLOCK_INIT("tcp_work");
static LIST_HEAD(tcp_work);
static struct waitqueue tcp_work_wq = WAITQUEUE_INIT(tcp_work_wq);
static struct mutex tcp_thread_lock = { .name = "tcp_thread",
					.wq = WAITQUEUE_INIT(tcp_thread_lock.wq) };
static struct task *tcp_thread;

static void tcp_get(struct tcp_sock *t)
{
	__atomic_add_fetch(&t->refcnt, 1, __ATOMIC_RELAXED);
}

static void queue_purge(struct list_head *q)
{
	while (!list_empty(q)) {
		struct pkt *p = list_first_entry(q, struct pkt, link);
		list_del(&p->link);
		pkt_free(p);
	}
}

static void tcp_put(struct tcp_sock *t)
{
	if (__atomic_sub_fetch(&t->refcnt, 1, __ATOMIC_ACQ_REL))
		return;
	ktimer_cancel(&t->timer);
	/* The timer may have queued it (taking a reference) before the
	 * cancel: then the thread's put frees it. */
	if (__atomic_load_n(&t->refcnt, __ATOMIC_ACQUIRE))
		return;
	queue_purge(&t->sndq);
	queue_purge(&t->rcvq);
	queue_purge(&t->oooq);
	sk_mem_detach(&t->mem);
	put_net(t->net);
	kfree(t);
}

static uint64_t tcp_timer_fire(struct ktimer *kt)
{
	struct tcp_sock *t = container_of(kt, struct tcp_sock, timer);
	spin_lock(&tcp_work_lock);
	if (!t->work_queued) {
		t->work_queued = true;
		tcp_get(t);
		list_add_tail(&t->work_link, &tcp_work);
	}
	spin_unlock(&tcp_work_lock);
	wake_up(&tcp_work_wq);
	return 0;
}

static void tcp_timers(struct tcp_sock *t);

static int tcp_timer_thread(void *arg)
{
	for (;;) {
		wait_event(tcp_work_wq, !list_empty(&tcp_work));
		spin_lock(&tcp_work_lock);
		if (list_empty(&tcp_work)) {
			spin_unlock(&tcp_work_lock);
			continue;
		}
		struct tcp_sock *t = list_first_entry(&tcp_work, struct tcp_sock, work_link);
		list_del(&t->work_link);
		t->work_queued = false;
		spin_unlock(&tcp_work_lock);
		struct net *net = t->net;
		mutex_lock(&net->inet->lock);
		tcp_timers(t);
		mutex_unlock(&net->inet->lock);
		net_rx_run(net);
		tcp_put(t);
	}
	return 0;
}

/* Arm the socket's ktimer at its earliest deadline (lock held). */
static void tcp_rearm(struct tcp_sock *t)
{
	uint64_t d = 0;
	uint64_t all[4] = { t->rto_at, t->delack_at, t->keep_at, t->tw_at };
	for (int i = 0; i < 4; i++)
		if (all[i] && (!d || all[i] < d))
			d = all[i];
	if (d)
		ktimer_arm(&t->timer, d);
}

/* ---- hashing ---- */

static struct list_head *bhash(struct inet_net *in, uint16_t port)
{
	return &in->tcp_bhash[port & in->port_mask];
}

static struct list_head *ehash(struct inet_net *in, uint32_t laddr, uint16_t lport,
			       uint32_t raddr, uint16_t rport)
{
	uint32_t h = laddr ^ raddr * 31 ^ ((uint32_t)lport << 16 | rport) * 2654435761u;
	h ^= h >> 15;
	return &in->tcp_ehash[h & in->conn_mask];
}

static void tcp_ehash_add(struct inet_net *in, struct tcp_sock *t)
{
	list_add_tail(&t->ehash_link, ehash(in, t->laddr, t->lport, t->raddr, t->rport));
	t->ehashed = true;
}

static void tcp_unhash(struct tcp_sock *t, bool unbind)
{
	if (t->ehashed) {
		list_del(&t->ehash_link);
		t->ehashed = false;
	}
	if (unbind && t->bound) {
		list_del(&t->bind_link);
		t->bound = false;
	}
}

static bool tcp_conflict(struct inet_net *in, struct tcp_sock *t, uint32_t addr, uint16_t port)
{
	struct tcp_sock *o;
	list_for_each_entry(o, bhash(in, port), bind_link) {
		if (o == t || o->lport != port)
			continue;
		if (o->laddr && addr && o->laddr != addr)
			continue;
		/* SO_REUSEADDR: a port whose other users do not listen. */
		if (t->reuseaddr && o->reuseaddr && o->state != TCP_LISTEN)
			continue;
		if (t->reuseport && o->reuseport && o->uid == t->uid)
			continue;
		return true;
	}
	return false;
}

static void tcp_bind_hash(struct inet_net *in, struct tcp_sock *t, uint32_t addr, uint16_t port)
{
	t->laddr = addr;
	t->lport = port;
	list_add_tail(&t->bind_link, bhash(in, port));
	t->bound = true;
}

static int tcp_get_port(struct inet_net *in, struct tcp_sock *t, uint32_t addr, uint16_t port)
{
	if (port) {
		if (tcp_conflict(in, t, addr, port))
			return -EADDRINUSE;
		tcp_bind_hash(in, t, addr, port);
		return 0;
	}
	int lo = in->port_lo, n = in->port_hi - in->port_lo + 1;
	uint32_t r;
	get_random_bytes(&r, sizeof(r));
	bool ra = t->reuseaddr;
	t->reuseaddr = false;		/* an ephemeral port nobody else has */
	for (int i = 0; i < n; i++) {
		uint16_t p = lo + (r + i) % n;
		if (!tcp_conflict(in, t, addr, p)) {
			t->reuseaddr = ra;
			tcp_bind_hash(in, t, addr, p);
			return 0;
		}
	}
	t->reuseaddr = ra;
	return -EAGAIN;
}

/* ---- sending segments ---- */

/* The shift our windows are offered with: the least that makes the
 * largest receive buffer fit the 16-bit field. */
static uint8_t tcp_rcv_wscale(void)
{
	uint8_t s = 0;
	while (s < TCP_MAX_WSCALE && (SOCK_BUF_MAX >> s) > TCP_MAX_WINDOW)
		s++;
	return s;
}

/* The window there is room for (bytes, before scaling). */
static uint32_t tcp_window(struct tcp_sock *t)
{
	int space = t->sock ? t->sock->rcvbuf : SOCK_BUF_DEFAULT;
	long w = (long)space - t->rcvq_bytes;
	if (w < 0)
		w = 0;
	if (w > (long)TCP_MAX_WINDOW << t->rcv_wscale)
		w = (long)TCP_MAX_WINDOW << t->rcv_wscale;
	/* Never move the right edge back. */
	if (after(t->rcv_adv, t->rcv_nxt) && (long)(t->rcv_adv - t->rcv_nxt) > w)
		w = t->rcv_adv - t->rcv_nxt;
	return w;
}

static uint32_t route_mss(struct net *net, uint32_t daddr)
{
	struct rt_result rt;
	if (inet_route_lookup(net, daddr, &rt))
		return TCP_DEFAULT_MSS;
	/* An IPv4 datagram is at most 65535 bytes, whatever lo's MTU. */
	uint32_t mtu = MIN(rt.dev->mtu, 65535u);
	uint32_t mss = mtu - sizeof(struct iphdr) - sizeof(struct tcphdr);
	/* At loopback's 64 KiB a multiple of 8 (65488): full segments keep
	 * the stream's words aligned in the packets, so copies to and from
	 * user memory go a word at a time.  Any smaller MTU gives the RFC's
	 * (1460 at 1500), as Linux and the peer expect. */
	return mtu >= 65535 ? mss & ~7u : mss;
}

/* Send one segment: flags (TCP_FLAG_*-like bits of the header), seq,
 * len bytes of data (may be NULL for none).  Lock held. */
#define F_FIN 0x01
#define F_SYN 0x02
#define F_RST 0x04
#define F_PSH 0x08
#define F_ACK 0x10

/* Copy len bytes of the send queue q from sequence number seq. */
static void sndq_copy(const struct list_head *q, uint32_t seq, unsigned char *dst, size_t len)
{
	struct pkt *p;
	list_for_each_entry(p, q, link) {
		if (!len)
			break;
		if (!before(seq, p->seq + p->len))
			continue;
		uint32_t off = seq - p->seq;
		size_t n = MIN((size_t)(p->len - off), len);
		memcpy(dst, p->data + off, n);
		dst += n;
		seq += n;
		len -= n;
	}
}

/* data: len bytes, or (data NULL, q set) len bytes of the send queue q
 * from seq; opt: optlen bytes of options (a multiple of 4). */
static void tcp_send_raw(struct net *net, uint32_t saddr, uint16_t sport, uint32_t daddr,
			 uint16_t dport, uint32_t seq, uint32_t ack, int flags, uint16_t win,
			 const void *data, const struct list_head *q, size_t len,
			 const unsigned char *opt, size_t optlen, int ttl)
{
	struct pkt *p = pkt_alloc_hdr(sizeof(struct tcphdr) + optlen, len);
	if (!p)
		return;
	struct tcphdr *th = (struct tcphdr *)p->data;
	memset(th, 0, sizeof(*th));
	th->source = htons(sport);
	th->dest = htons(dport);
	th->seq = htonl(seq);
	th->ack_seq = htonl(ack);
	th->doff = (sizeof(*th) + optlen) / 4;
	th->fin = !!(flags & F_FIN);
	th->syn = !!(flags & F_SYN);
	th->rst = !!(flags & F_RST);
	th->psh = !!(flags & F_PSH);
	th->ack = !!(flags & F_ACK);
	th->window = htons(win);
	unsigned char *o = (unsigned char *)(th + 1);
	if (optlen)
		memcpy(o, opt, optlen);
	if (len && data)
		memcpy(o + optlen, data, len);
	else if (len)
		sndq_copy(q, seq, o + optlen, len);
	struct rt_result rt;
	if (inet_route_lookup(net, daddr, &rt)) {
		pkt_free(p);
		return;
	}
	if (inet_csum_needless(rt.dev, p->len)) {
		p->csum_ok = true;	/* th->check stays 0 */
	} else {
		uint32_t sum = csum_partial(&saddr, 4, csum_partial(&daddr, 4, 0));
		sum += htons(IPPROTO_TCP) + htons(p->len);
		th->check = csum_fold(csum_partial(p->data, p->len, sum));
	}
	ip_output(net, p, saddr, daddr, IPPROTO_TCP, ttl < 0 ? IPDEFTTL : ttl, &rt);
}

/* The window field to send, and the right edge it advertises.  A SYN's
 * window is never scaled; a scaled one is rounded up, so that the edge
 * never moves back. */
static uint16_t tcp_window_field(struct tcp_sock *t, bool syn)
{
	uint32_t w = tcp_window(t), field;
	if (syn) {
		field = MIN(w, (uint32_t)TCP_MAX_WINDOW);
		t->rcv_adv = t->rcv_nxt + field;
		return field;
	}
	field = (w + (1u << t->rcv_wscale) - 1) >> t->rcv_wscale;
	if (field > TCP_MAX_WINDOW)
		field = TCP_MAX_WINDOW;
	t->rcv_adv = t->rcv_nxt + (field << t->rcv_wscale);
	return field;
}

/* The options of our SYN or SYN-ACK, as Linux orders them (without
 * timestamps): MSS, SACK-permitted, window scale.  Returns their length. */
static size_t tcp_syn_options(struct tcp_sock *t, unsigned char *opt)
{
	uint16_t mss = route_mss(t->net, t->raddr);
	size_t n = 0;
	opt[n++] = TCPOPT_MSS;
	opt[n++] = TCPOLEN_MSS;
	opt[n++] = mss >> 8;
	opt[n++] = mss & 0xff;
	if (t->sack_ok) {
		opt[n++] = TCPOPT_NOP;
		opt[n++] = TCPOPT_NOP;
		opt[n++] = TCPOPT_SACK_PERM;
		opt[n++] = TCPOLEN_SACK_PERM;
	}
	if (t->wscale_ok) {
		opt[n++] = TCPOPT_NOP;
		opt[n++] = TCPOPT_WINDOW;
		opt[n++] = TCPOLEN_WINDOW;
		opt[n++] = t->rcv_wscale;
	}
	return n;
}

/* The run of the out-of-order queue (contiguous or overlapping segments)
 * that holds seq: true and [*start, *end), or false. */
static bool ooo_run(const struct tcp_sock *t, uint32_t seq, uint32_t *start, uint32_t *end)
{
	const struct pkt *p;
	bool have = false;
	uint32_t rs = 0, re = 0;
	list_for_each_entry(p, &t->oooq, link) {
		if (have && !after(p->seq, re)) {
			if (after(p->seq + p->len, re))
				re = p->seq + p->len;
			continue;
		}
		if (have && !before(seq, rs) && before(seq, re))
			break;
		rs = p->seq;
		re = p->seq + p->len;
		have = true;
	}
	if (!have || before(seq, rs) || !before(seq, re))
		return false;
	*start = rs;
	*end = re;
	return true;
}

static void put_be32(unsigned char *o, uint32_t v)
{
	o[0] = v >> 24;
	o[1] = v >> 16;
	o[2] = v >> 8;
	o[3] = v;
}

static uint32_t get_be32(const unsigned char *o)
{
	return (uint32_t)o[0] << 24 | (uint32_t)o[1] << 16 | (uint32_t)o[2] << 8 | o[3];
}

/* Is a block starting at start among the first n of the SACK option opt? */
static bool sack_reported(const unsigned char *opt, int n, uint32_t start)
{
	for (int i = 0; i < n; i++)
		if (get_be32(opt + 4 + i * TCPOLEN_SACK_BLOCK) == start)
			return true;
	return false;
}

/* The SACK option of an ACK (RFC 2018): the blocks of the out-of-order
 * queue, the one with the newest segment first, then those reported
 * lately.  Returns its length (0: no block). */
static size_t tcp_sack_option(struct tcp_sock *t, unsigned char *opt)
{
	int blocks = 0, keep = 0;
	opt[0] = TCPOPT_NOP;
	opt[1] = TCPOPT_NOP;
	opt[2] = TCPOPT_SACK;
	for (int i = 0; i < t->sack_nrecent; i++) {
		uint32_t s, e;
		if (!ooo_run(t, t->sack_recent[i], &s, &e) || sack_reported(opt, blocks, s))
			continue;		/* delivered, or joined to a newer one */
		t->sack_recent[keep++] = t->sack_recent[i];
		put_be32(opt + 4 + blocks * TCPOLEN_SACK_BLOCK, s);
		put_be32(opt + 8 + blocks * TCPOLEN_SACK_BLOCK, e);
		blocks++;
	}
	t->sack_nrecent = keep;
	if (!blocks)
		return 0;
	opt[3] = 2 + blocks * TCPOLEN_SACK_BLOCK;
	return 4 + blocks * TCPOLEN_SACK_BLOCK;
}

/* The segment at seq went to the out-of-order queue: its block becomes
 * the newest, those it joined leave the list. */
static void sack_note(struct tcp_sock *t, uint32_t seq)
{
	uint32_t s, e;
	int keep = 0;
	if (!ooo_run(t, seq, &s, &e))
		return;
	for (int i = 0; i < t->sack_nrecent; i++) {
		uint32_t r = t->sack_recent[i];
		if (before(r, s) || !before(r, e))
			t->sack_recent[keep++] = r;
	}
	if (keep == TCP_SACK_BLOCKS)
		keep--;
	for (int i = keep; i > 0; i--)
		t->sack_recent[i] = t->sack_recent[i - 1];
	t->sack_recent[0] = seq;
	t->sack_nrecent = keep + 1;
}

/* The data a segment of ours may carry: the MSS, less the room of the
 * SACK option while data waits in the out-of-order queue (each segment
 * then carries the blocks, and must still fit the path, as Linux's
 * tcp_current_mss). */
static uint32_t tcp_send_mss(const struct tcp_sock *t)
{
	if (t->sack_ok && !list_empty(&t->oooq) && t->mss > 2 * TCP_SACK_OPT_MAX)
		return t->mss - TCP_SACK_OPT_MAX;
	return t->mss;
}

/* A segment of t: len bytes of its send queue from seq (0: none). */
static void tcp_send(struct tcp_sock *t, uint32_t seq, int flags, size_t len)
{
	uint16_t win = 0;
	uint32_t ack = 0;
	if (t->state != TCP_SYN_SENT || (flags & F_ACK)) {
		win = tcp_window_field(t, flags & F_SYN);
		ack = t->rcv_nxt;
		flags |= F_ACK;
		t->unacked = 0;
		t->delack_at = 0;
	}
	if (t->state == TCP_SYN_SENT && !(flags & F_ACK))
		win = MIN(tcp_window(t), (uint32_t)TCP_MAX_WINDOW);
	unsigned char opt[TCP_OPT_SPACE];
	size_t optlen = 0;
	if (flags & F_SYN)
		optlen = tcp_syn_options(t, opt);
	else if (t->sack_ok && (flags & F_ACK) && !list_empty(&t->oooq) &&
		 len + TCP_SACK_OPT_MAX <= t->mss)
		optlen = tcp_sack_option(t, opt);
	/* Linux counts a resend in RetransSegs, not OutSegs. */
	uint32_t end = seq + len + !!(flags & F_SYN) + !!(flags & F_FIN);
	/* Before anything was sent, snd_max means nothing (a random ISS is
	 * "before" it half the time): the first SYN is no resend. */
	if (end != seq && t->snd_max_set && before(seq, t->snd_max) && !(flags & F_RST)) {
		TCP_INC(t->net, RETRANSSEGS);
		t->total_retrans++;
	} else {
		TCP_INC(t->net, OUTSEGS);
		if (flags & F_RST)
			TCP_INC(t->net, OUTRSTS);
	}
	if (end != seq && (after(end, t->snd_max) || !t->snd_max_set)) {
		t->snd_max = end;
		t->snd_max_set = true;
	}
	tcp_send_raw(t->net, t->laddr, t->lport, t->raddr, t->rport, seq, ack, flags, win, NULL,
		     &t->sndq, len, opt, optlen, t->ttl);
}

static void tcp_send_ack(struct tcp_sock *t)
{
	tcp_send(t, t->snd_nxt, F_ACK, 0);
}

/* A reset answering the segment th (of len data bytes) that found no
 * socket or was unacceptable (RFC 793). */
static void tcp_send_reset(struct net *net, const struct iphdr *ih, const struct tcphdr *th,
			   size_t len)
{
	if (th->rst)
		return;
	TCP_INC(net, OUTSEGS);
	TCP_INC(net, OUTRSTS);
	if (th->ack)
		tcp_send_raw(net, ih->daddr, ntohs(th->dest), ih->saddr, ntohs(th->source),
			     ntohl(th->ack_seq), 0, F_RST, 0, NULL, NULL, 0, NULL, 0, -1);
	else
		tcp_send_raw(net, ih->daddr, ntohs(th->dest), ih->saddr, ntohs(th->source), 0,
			     ntohl(th->seq) + len + th->syn + th->fin, F_RST | F_ACK, 0, NULL, NULL,
			     0, NULL, 0, -1);
}

static void rto_arm(struct tcp_sock *t)
{
	if (!t->rto_at)
		t->rto_at = timer_now_ns() + t->rto;
}

/* Send one segment at snd_nxt if the window (up to wnd_end) and Nagle
 * allow, or the FIN; true when more may follow. */
static bool tcp_output_one(struct tcp_sock *t, uint32_t wnd_end)
{
	if (before(t->snd_nxt, t->write_seq)) {
		uint32_t mss = tcp_send_mss(t);
		uint32_t len = MIN(t->write_seq - t->snd_nxt, mss);
		if (!before(t->snd_nxt, wnd_end)) {
			/* A zero window: the retransmit timer probes it. */
			if (t->snd_una == t->snd_nxt)
				rto_arm(t);
			return false;
		}
		uint32_t avail = len;
		if (len > wnd_end - t->snd_nxt)
			len = wnd_end - t->snd_nxt;
		bool last = t->snd_nxt + len == t->write_seq;
		/* Nagle: a small segment waits while data is unacknowledged;
		 * small is what there is to send, not what the window
		 * lets through, which only waits when it is a sliver of
		 * the window the peer offers (silly window avoidance). */
		if (avail < mss && !t->nodelay && t->snd_una != t->snd_nxt &&
		    !(last && t->fin_queued))
			return false;
		if (len < avail && len < t->max_wnd / 2 && t->snd_una != t->snd_nxt)
			return false;
		if (t->ca_state == TCP_CA_Loss && before(t->snd_nxt, t->snd_max))
			TCPEXT_INC(t->net, SLOWSTARTRETRANS);
		tcp_send(t, t->snd_nxt, last ? F_PSH : 0, len);
		if (!t->rtt_start) {
			t->rtt_start = timer_now_ns();
			t->rtt_seq = t->snd_nxt + len;
		}
		t->snd_nxt += len;
		rto_arm(t);
		return true;
	}
	if (t->fin_queued && !t->fin_sent && t->snd_nxt == t->write_seq) {
		tcp_send(t, t->snd_nxt, F_FIN, 0);
		t->snd_nxt++;
		t->fin_sent = true;
		rto_arm(t);
	}
	return false;
}

/* Resend up to len bytes (at most a segment) from seq, during recovery;
 * returns the bytes sent. */
static uint32_t tcp_retransmit(struct tcp_sock *t, uint32_t seq, uint32_t len)
{
	uint32_t top = before(t->snd_nxt, t->write_seq) ? t->snd_nxt : t->write_seq;
	if (!before(seq, top))
		return 0;		/* only the FIN is out: its timer resends it */
	len = MIN(MIN(len, tcp_send_mss(t)), top - seq);
	tcp_send(t, seq, 0, len);
	t->rtt_start = 0;		/* Karn */
	TCPEXT_INC(t->net, FASTRETRANS);
	if (after(seq + len, t->high_rxt))
		t->high_rxt = seq + len;
	return len;
}

/* SACK recovery's transmission (RFC 6675 5, NextSeg's rules 1 and 2):
 * while the congestion window has a segment's room over the pipe, the
 * next lost hole, or else new data. */
static void tcp_sack_output(struct tcp_sock *t)
{
	for (;;) {
		uint32_t pipe = tcp_sb_pipe(&t->sacked, t->snd_una, t->snd_nxt, t->high_rxt, t->mss);
		if (pipe >= t->cc.cwnd || t->cc.cwnd - pipe < t->mss)
			return;
		uint32_t seq, len;
		if (tcp_sb_next_lost(&t->sacked, t->snd_una, t->high_rxt, t->mss, &seq, &len)) {
			if (tcp_retransmit(t, seq, len))
				continue;
			return;
		}
		if (!tcp_output_one(t, t->snd_una + t->snd_wnd))
			return;
	}
}

/* Send what the windows (the peer's and the congestion window) and Nagle
 * allow (lock held). */
static void tcp_output(struct tcp_sock *t)
{
	if (!(TCPF(t->state) & (TCPF(TCP_ESTABLISHED) | TCPF(TCP_CLOSE_WAIT) |
				TCPF(TCP_FIN_WAIT1) | TCPF(TCP_CLOSING) | TCPF(TCP_LAST_ACK))))
		return;
	if (t->ca_state == TCP_CA_Recovery && t->sack_ok)
		tcp_sack_output(t);
	else
		while (tcp_output_one(t, t->snd_una + MIN(t->snd_wnd, t->cc.cwnd)))
			;
	tcp_rearm(t);
}

/* ---- states ---- */

/* Linux's counting: CurrEstab is the connections in ESTABLISHED, and
 * EstabResets those that went from ESTABLISHED or CLOSE_WAIT straight to
 * CLOSE. */
static void tcp_set_state(struct tcp_sock *t, int state)
{
	int old = t->state;
	if (state == TCP_ESTABLISHED && old != TCP_ESTABLISHED)
		TCP_INC(t->net, CURRESTAB);
	else if (old == TCP_ESTABLISHED && state != TCP_ESTABLISHED)
		INET_MIB_ADD(t->net, tcp, TCP_MIB_CURRESTAB, -1);
	if (state == TCP_CLOSE && (old == TCP_ESTABLISHED || old == TCP_CLOSE_WAIT))
		TCP_INC(t->net, ESTABRESETS);
	if (state == TCP_CLOSE && (old == TCP_SYN_SENT || old == TCP_SYN_RECV))
		TCP_INC(t->net, ATTEMPTFAILS);
	t->state = state;
	if (state == TCP_ESTABLISHED)
		t->was_connected = true;
}

static void tcp_drop_child(struct tcp_sock *c);

/* The connection is over (lock held): unhashed, timers off, waiters
 * woken, the stack's reference dropped (an orphan is freed: t must not
 * be used after unless the caller holds a reference of its own). */
static void tcp_done(struct tcp_sock *t)
{
	int old = t->state;
	tcp_set_state(t, TCP_CLOSE);
	t->shutdown = SHUTDOWN_MASK;
	t->rto_at = t->delack_at = t->keep_at = t->tw_at = 0;
	tcp_unhash(t, !t->sock || !t->port_locked);
	if (t->parent) {
		list_del(&t->child_link);
		if (old == TCP_SYN_RECV)
			t->parent->syn_len--;
		else
			t->parent->accept_len--;
		t->parent = NULL;
	}
	wake_up(&t->wq);
	if (old != TCP_CLOSE)
		tcp_put(t);		/* the stack's: an orphan may go now */
}

static void tcp_reset(struct tcp_sock *t, int err)
{
	if (t->sock)
		__atomic_store_n(&t->sock->err, err, __ATOMIC_RELAXED);
	tcp_done(t);
}

static void tcp_time_wait(struct tcp_sock *t)
{
	tcp_set_state(t, TCP_TIME_WAIT);
	t->rto_at = t->delack_at = t->keep_at = 0;
	t->tw_at = timer_now_ns() + TCP_TIMEWAIT_LEN;
	tcp_rearm(t);
}

static void keepalive_reset(struct tcp_sock *t)
{
	if (t->keepalive && t->state == TCP_ESTABLISHED) {
		t->keep_at = timer_now_ns() + KEEPIDLE_SECS * NSEC_PER_SEC;
		t->probes = 0;
	} else {
		t->keep_at = 0;
	}
}

/* A retransmission timeout (RFC 5681 3.1, RFC 6298 5): one segment of
 * congestion window, slow start up to half what was in flight (a second
 * timeout of the same data keeps ssthresh), go back to the first byte not
 * acknowledged.  What the peer SACKed is forgotten, as it may renege. */
static void tcp_enter_loss(struct tcp_sock *t)
{
	if (t->retransmits == 1 && t->ca_state != TCP_CA_Recovery)
		t->cc.ssthresh = tcp_cc_ssthresh(t->snd_nxt - t->snd_una, t->mss);
	t->cc.cwnd = t->mss;
	t->cc.bytes_acked = 0;
	t->ca_state = TCP_CA_Loss;
	t->recover = t->snd_max;
	tcp_sb_clear(&t->sacked);
	t->snd_nxt = t->snd_una;
	t->high_rxt = t->snd_una;
	t->dupacks = 0;
	if (t->fin_sent && !after(t->snd_una, t->write_seq))
		t->fin_sent = false;
}

static void tcp_timers(struct tcp_sock *t)
{
	uint64_t now = timer_now_ns();
	if (t->tw_at && now >= t->tw_at) {
		t->tw_at = 0;
		if (t->state == TCP_TIME_WAIT)
			TCPEXT_INC(t->net, TW);
		tcp_done(t);
		return;
	}
	if (t->delack_at && now >= t->delack_at) {
		t->delack_at = 0;
		if (t->unacked) {
			TCPEXT_INC(t->net, DELAYEDACKS);
			tcp_send_ack(t);
		}
	}
	if (t->rto_at && now >= t->rto_at) {
		t->rto_at = 0;
		int limit = TCPF(t->state) & (TCPF(TCP_SYN_SENT) | TCPF(TCP_SYN_RECV)) ?
			    TCP_SYN_RETRIES : TCP_RETRIES2;
		bool pending = t->snd_una != t->snd_nxt || before(t->snd_nxt, t->write_seq) ||
			       t->state == TCP_SYN_SENT || t->state == TCP_SYN_RECV;
		if (pending) {
			if (++t->retransmits > limit) {
				tcp_reset(t, -ETIMEDOUT);
				return;
			}
			t->rto = MIN(t->rto * 2, TCP_RTO_MAX);
			t->rtt_start = 0;		/* Karn */
			TCPEXT_INC(t->net, TIMEOUTS);
			if (t->state == TCP_SYN_SENT) {
				tcp_send(t, t->iss, F_SYN, 0);
			} else if (t->state == TCP_SYN_RECV) {
				tcp_send(t, t->iss, F_SYN | F_ACK, 0);
			} else if (t->snd_una == t->snd_nxt && before(t->snd_nxt, t->write_seq)) {
				/* Zero window probe: one byte past it. */
				tcp_send(t, t->snd_nxt, 0, 1);
				t->snd_nxt++;
			} else {
				tcp_enter_loss(t);
				tcp_output(t);
			}
			rto_arm(t);
		}
	}
	if (t->keep_at && now >= t->keep_at) {
		if (t->probes >= KEEPCNT_PROBES) {
			tcp_reset(t, -ETIMEDOUT);
			return;
		}
		/* A probe: an old sequence number, the peer answers with an ACK. */
		tcp_send(t, t->snd_una - 1, F_ACK, 0);
		t->probes++;
		t->keep_at = now + KEEPINTVL_SECS * NSEC_PER_SEC;
	}
	if (t->state == TCP_FIN_WAIT2 && !t->sock && !t->tw_at)
		t->tw_at = now + TCP_FIN_TIMEOUT;
	tcp_rearm(t);
}

/* ---- receiving ---- */

static void rtt_sample(struct tcp_sock *t, uint64_t r)
{
	uint64_t lo = (uint64_t)__atomic_load_n(&t->net->inet->tcp_rto_min_us, __ATOMIC_RELAXED) * 1000;
	t->rto = tcp_rto_update(&t->srtt, &t->rttvar, r, lo, TCP_RTO_MAX);
}

/* Acknowledged data leaves the send queue. */
static void tcp_clean_sndq(struct tcp_sock *t, uint32_t ack)
{
	while (!list_empty(&t->sndq)) {
		struct pkt *p = list_first_entry(&t->sndq, struct pkt, link);
		if (!after(ack, p->seq))
			break;
		uint32_t n = ack - p->seq;
		if (n >= p->len) {
			t->sndq_bytes -= p->len;
			list_del(&p->link);
			sk_mem_uncharge(&t->mem, p->truesize);
			pkt_free(p);
			continue;
		}
		pkt_pull(p, n);
		p->seq = ack;
		t->sndq_bytes -= n;
		break;
	}
}

/* Fast retransmit (RFC 5681 3.2, RFC 6675 5): ssthresh to half what is in
 * flight, and the first segment not acknowledged goes again.  NewReno
 * inflates cwnd by the three segments the duplicates say have left; SACK
 * counts the pipe instead. */
static void tcp_enter_recovery(struct tcp_sock *t)
{
	t->cc.ssthresh = tcp_cc_ssthresh(t->snd_nxt - t->snd_una, t->mss);
	t->cc.bytes_acked = 0;
	t->ca_state = TCP_CA_Recovery;
	t->recover = t->snd_nxt;
	t->high_rxt = t->snd_una;
	if (t->sack_ok) {
		TCPEXT_INC(t->net, SACKRECOVERY);
		t->cc.cwnd = t->cc.ssthresh;
	} else {
		TCPEXT_INC(t->net, RENORECOVERY);
		t->cc.cwnd = t->cc.ssthresh + TCP_DUPTHRESH * t->mss;
	}
	tcp_retransmit(t, t->snd_una, t->mss);
}

/* acked new bytes were acknowledged (snd_una moved), of flight
 * outstanding before. */
static void tcp_cong_ack(struct tcp_sock *t, uint32_t acked, uint32_t flight)
{
	if (t->ca_state == TCP_CA_Recovery) {
		if (!before(t->snd_una, t->recover)) {
			/* All that was out when it began: RFC 6582's exit. */
			uint32_t flight = t->snd_nxt - t->snd_una;
			t->cc.cwnd = MIN(t->cc.ssthresh, MAX(flight, t->mss) + t->mss);
			t->ca_state = TCP_CA_Open;
		} else if (!t->sack_ok) {
			/* A partial ACK: the next hole goes at once, and cwnd
			 * deflates by what left (RFC 6582 3.2 (5)). */
			tcp_retransmit(t, t->snd_una, t->mss);
			t->cc.cwnd = t->cc.cwnd > acked ? t->cc.cwnd - acked : 0;
			if (acked >= t->mss || t->cc.cwnd < t->mss)
				t->cc.cwnd += t->mss;
		} else if (!before(t->snd_una, t->high_rxt)) {
			/* The hole at the new snd_una was never resent: the
			 * ACK says it is lost too, whatever SACKs follow. */
			tcp_retransmit(t, t->snd_una, t->mss);
		}
		return;
	}
	if (t->ca_state == TCP_CA_Loss && !before(t->snd_una, t->recover))
		t->ca_state = TCP_CA_Open;
	tcp_cc_acked(&t->cc, acked, flight, t->mss);
}

/* A duplicate ACK (the dupacks-th in a row). */
static void tcp_cong_dupack(struct tcp_sock *t)
{
	if (t->ca_state == TCP_CA_Recovery) {
		if (!t->sack_ok)
			t->cc.cwnd = MIN(t->cc.cwnd + t->mss, TCP_CWND_MAX);	/* RFC 5681 (4) */
		return;
	}
	if (t->ca_state == TCP_CA_Open && t->dupacks == TCP_DUPTHRESH)
		tcp_enter_recovery(t);
}

/* Option kind in th's options: its bytes (o[1] of them, validated), or NULL. */
static const unsigned char *tcp_find_option(const struct tcphdr *th, int kind)
{
	const unsigned char *o = (const unsigned char *)(th + 1);
	int len = th->doff * 4 - sizeof(*th);
	while (len > 0) {
		if (o[0] == TCPOPT_EOL)
			break;
		if (o[0] == TCPOPT_NOP) {
			o++;
			len--;
			continue;
		}
		if (len < 2 || o[1] < 2 || o[1] > len)
			break;
		if (o[0] == kind)
			return o;
		len -= o[1];
		o += o[1];
	}
	return NULL;
}

/* The SACK blocks of an ACK go on the scoreboard: those above ack and
 * within what was sent (a D-SACK, below, is not used). */
static void tcp_sack_parse(struct tcp_sock *t, const struct tcphdr *th, uint32_t ack)
{
	const unsigned char *o = tcp_find_option(th, TCPOPT_SACK);
	if (!o)
		return;
	for (int i = 2; i + TCPOLEN_SACK_BLOCK <= o[1]; i += TCPOLEN_SACK_BLOCK) {
		uint32_t start = get_be32(o + i), end = get_be32(o + i + 4);
		if (!after(end, start) || before(start, ack) || after(end, t->snd_max))
			continue;
		tcp_sb_add(&t->sacked, start, end);
	}
}

/* dlen: the segment's data bytes (a duplicate ACK carries none). */
static void tcp_ack(struct tcp_sock *t, const struct tcphdr *th, uint32_t seq, uint32_t dlen)
{
	uint32_t ack = ntohl(th->ack_seq);
	uint32_t wnd = (uint32_t)ntohs(th->window) << t->snd_wscale;
	if (after(ack, t->snd_nxt)) {
		/* Go-back-N may have moved snd_nxt below what the peer had. */
		uint32_t top = t->write_seq + (t->fin_sent || t->fin_queued ? 1 : 0);
		if (after(ack, top)) {
			tcp_send_ack(t);
			return;
		}
		t->snd_nxt = ack;
		if (t->fin_queued && ack == t->write_seq + 1)
			t->fin_sent = true;
	}
	if (t->sack_ok && th->doff * 4u > sizeof(*th))
		tcp_sack_parse(t, th, ack);
	if (after(ack, t->snd_una)) {
		if (t->rtt_start && !before(ack, t->rtt_seq)) {
			rtt_sample(t, timer_now_ns() - t->rtt_start);
			t->rtt_start = 0;
		}
		uint32_t acked = ack - t->snd_una, flight = t->snd_nxt - t->snd_una;
		tcp_clean_sndq(t, ack);
		t->snd_una = ack;
		t->retransmits = 0;
		t->dupacks = 0;
		t->rto_at = 0;
		tcp_sb_ack(&t->sacked, ack);
		tcp_cong_ack(t, acked, flight);
		if (t->snd_una != t->snd_nxt)
			rto_arm(t);
		if (t->sock)
			wake_up(&t->wq);	/* room to write */
	} else if (ack == t->snd_una && !dlen && !th->fin && wnd == t->snd_wnd &&
		   t->snd_una != t->snd_nxt) {
		t->dupacks++;
		tcp_cong_dupack(t);
	}
	/* With SACK, RFC 6675's other way in: enough SACKed above snd_una. */
	if (t->ca_state == TCP_CA_Open && t->sacked.n &&
	    tcp_sb_is_lost(&t->sacked, t->snd_una, t->mss))
		tcp_enter_recovery(t);
	if (before(t->snd_wl1, seq) || (t->snd_wl1 == seq && !before(ack, t->snd_wl2))) {
		if (t->snd_wnd == 0 && wnd) {
			/* The probe's timer goes; what is still unacknowledged
			 * (a FIN the peer's closed window refused) keeps one. */
			t->rto_at = 0;
			if (t->snd_una != t->snd_nxt)
				rto_arm(t);
		}
		t->snd_wnd = wnd;
		t->snd_wl1 = seq;
		t->snd_wl2 = ack;
		if (wnd > t->max_wnd)
			t->max_wnd = wnd;
	}
}

static bool fin_acked(struct tcp_sock *t)
{
	return t->fin_sent && t->snd_una == t->write_seq + 1;
}

static void tcp_queue_data(struct tcp_sock *t, struct pkt *p)
{
	list_add_tail(&p->link, &t->rcvq);
	t->rcvq_bytes += p->len;
	t->rcv_nxt += p->len;
	t->unacked += p->len;
}

/* In-order data and what of the out-of-order queue it completes, or
 * data to keep out of order.  Returns whether to acknowledge at once: a
 * segment out of order (a duplicate ACK, with its SACK block) or one
 * that fills a hole (RFC 5681 4.2). */
static bool tcp_data(struct tcp_sock *t, struct pkt *p)
{
	if (before(p->seq, t->rcv_nxt)) {
		uint32_t n = t->rcv_nxt - p->seq;
		pkt_pull(p, n);
		p->seq = t->rcv_nxt;
	}
	if (p->len > t->rcv_mss)
		t->rcv_mss = p->len;
	if (p->seq == t->rcv_nxt) {
		/* Over the memory cgroup's limit the segment is dropped (the
		 * sender resends), unless nothing is queued (Linux's
		 * tcp_data_queue, sk_forced_mem_schedule). */
		if (!sk_mem_charge(&t->mem, p->truesize, list_empty(&t->rcvq))) {
			TCPEXT_INC(t->net, RCVQDROP);
			pkt_free(p);
			return true;
		}
		bool filled = !list_empty(&t->oooq);
		tcp_queue_data(t, p);
		while (!list_empty(&t->oooq)) {
			struct pkt *o = list_first_entry(&t->oooq, struct pkt, link);
			if (after(o->seq, t->rcv_nxt))
				break;
			list_del(&o->link);
			if (!after(o->seq + o->len, t->rcv_nxt)) {
				sk_mem_uncharge(&t->mem, o->truesize);
				pkt_free(o);
				continue;
			}
			pkt_pull(o, t->rcv_nxt - o->seq);
			o->seq = t->rcv_nxt;
			tcp_queue_data(t, o);
		}
		wake_up(&t->wq);
		return filled;
	}
	/* Out of order: keep it sorted (the window bounds the queue), unless
	 * one segment there already holds all of it. */
	struct pkt *o;
	list_for_each_entry(o, &t->oooq, link) {
		if (!after(o->seq, p->seq) && !before(o->seq + o->len, p->seq + p->len)) {
			pkt_free(p);
			return true;
		}
		if (after(o->seq, p->seq))
			break;
	}
	if (!sk_mem_charge(&t->mem, p->truesize, false)) {
		TCPEXT_INC(t->net, OFODROP);
		pkt_free(p);
		return true;
	}
	list_insert(&p->link, o->link.prev, &o->link);
	TCPEXT_INC(t->net, OFOQUEUE);
	if (t->sack_ok)
		sack_note(t, p->seq);
	t->unacked = 1;
	return true;
}

static void tcp_fin(struct tcp_sock *t)
{
	t->rcv_nxt++;
	t->fin_rcvd = true;
	t->shutdown |= RCV_SHUTDOWN;
	int next = tcp_state_on_fin(t->state, fin_acked(t));
	if (next == TCP_TIME_WAIT)
		tcp_time_wait(t);
	else
		tcp_set_state(t, next);
	if (next == TCP_CLOSE_WAIT)
		t->keep_at = 0;
	tcp_send_ack(t);
	wake_up(&t->wq);
}

/* The options of the peer's SYN: the MSS (t->mss lowered to it), and the
 * window scale and SACK agreed or not (t->sack_ok: ours offered or to be
 * offered in the SYN-ACK); then the congestion window starts, in
 * segments of the MSS agreed. */
static void tcp_syn_agree(struct tcp_sock *t, const struct tcphdr *th)
{
	const unsigned char *o = tcp_find_option(th, TCPOPT_MSS);
	if (o && o[1] == TCPOLEN_MSS) {
		uint32_t m = o[2] << 8 | o[3];
		if (m && m < t->mss)
			t->mss = m;
	}
	o = tcp_find_option(th, TCPOPT_WINDOW);
	t->wscale_ok = o && o[1] == TCPOLEN_WINDOW;
	t->snd_wscale = t->wscale_ok ? MIN(o[2], TCP_MAX_WSCALE) : 0;
	t->rcv_wscale = t->wscale_ok ? tcp_rcv_wscale() : 0;
	o = tcp_find_option(th, TCPOPT_SACK_PERM);
	t->sack_ok = t->sack_ok && o && o[1] == TCPOLEN_SACK_PERM;
	tcp_cc_init(&t->cc, t->mss);
}

/* net.ipv4.tcp_sack: are SYNs to offer SACK? */
static bool tcp_sack_enabled(struct net *net)
{
	return __atomic_load_n(&net->inet->tcp_sack, __ATOMIC_RELAXED) != 0;
}

static struct tcp_sock *tcp_alloc(struct net *net);

/* A SYN for the listener l: a child in SYN_RECV answers it. */
static void tcp_listen_syn(struct tcp_sock *l, const struct iphdr *ih, const struct tcphdr *th)
{
	struct net *net = l->net;
	if (l->accept_len + l->syn_len >= l->backlog + 1) {
		TCPEXT_INC(net, LISTENOVERFLOWS);
		TCPEXT_INC(net, LISTENDROPS);
		return;				/* full: the peer retries */
	}
	struct tcp_sock *c = tcp_alloc(net);
	if (!c)
		return;
	c->laddr = ih->daddr;
	c->lport = l->lport;
	c->raddr = ih->saddr;
	c->rport = ntohs(th->source);
	c->uid = l->uid;
	c->nodelay = l->nodelay;
	/* As Linux's sk_clone: a connection keeps its listener's reuse
	 * options, so that a listener with SO_REUSEADDR may bind the port
	 * again while its old connections are in TIME_WAIT. */
	c->reuseaddr = l->reuseaddr;
	c->reuseport = l->reuseport;
	c->keepalive = l->keepalive;
	c->linger_on = l->linger_on;
	c->linger = l->linger;
	c->ttl = l->ttl;
	c->irs = ntohl(th->seq);
	c->rcv_nxt = c->irs + 1;
	c->snd_wnd = ntohs(th->window);
	c->max_wnd = c->snd_wnd;
	c->snd_wl1 = c->irs;
	c->mss = route_mss(net, c->raddr);
	c->sack_ok = tcp_sack_enabled(net);
	tcp_syn_agree(c, th);
	list_add_tail(&c->bind_link, bhash(net->inet, c->lport));
	c->bound = true;
	tcp_ehash_add(net->inet, c);
	tcp_set_state(c, TCP_SYN_RECV);
	c->parent = l;
	list_add_tail(&c->child_link, &l->syn_q);
	l->syn_len++;
	tcp_send(c, c->iss, F_SYN | F_ACK, 0);
	c->snd_nxt = c->iss + 1;
	rto_arm(c);
	tcp_rearm(c);
}

static struct tcp_sock *tcp_lookup(struct inet_net *in, const struct iphdr *ih,
				   const struct tcphdr *th)
{
	uint16_t sport = ntohs(th->source), dport = ntohs(th->dest);
	struct tcp_sock *t;
	list_for_each_entry(t, ehash(in, ih->daddr, dport, ih->saddr, sport), ehash_link)
		if (t->lport == dport && t->rport == sport && t->laddr == ih->daddr &&
		    t->raddr == ih->saddr)
			return t;
	struct tcp_sock *best = NULL;
	list_for_each_entry(t, bhash(in, dport), bind_link)
		if (t->state == TCP_LISTEN && t->lport == dport) {
			if (t->laddr == ih->daddr)
				return t;
			if (!t->laddr)
				best = t;
		}
	return best;
}

/* An ICMP error about a segment we sent (inner: its IPv4 header and 8
 * bytes of TCP), lock held.  As Linux's tcp_v4_err: an unreachable
 * during the handshake ends the connect with its error (the hard errors
 * of RFC 1122 4.2.3.9); on an established connection it is soft and
 * ignored, the retransmissions deciding. */
/* Path MTU discovery (RFC 1191, Linux's tcp_v4_mtu_reduced): a router
 * could not pass a segment of t's: segments shrink to what the MTU it
 * names lets through, and what is out goes again in the new size. */
static void tcp_mtu_reduced(struct tcp_sock *t, unsigned int mtu)
{
	unsigned int mss = mtu > sizeof(struct iphdr) + sizeof(struct tcphdr) + TCP_MIN_SND_MSS ?
			   mtu - sizeof(struct iphdr) - sizeof(struct tcphdr) : TCP_MIN_SND_MSS;
	if (t->state == TCP_LISTEN || t->state == TCP_CLOSE || mss >= t->mss)
		return;
	t->mss = mss;
	if (t->state == TCP_SYN_SENT || t->state == TCP_SYN_RECV)
		return;
	/* Not a congestion signal: the window stays, recovery ends. */
	t->ca_state = TCP_CA_Open;
	tcp_sb_clear(&t->sacked);
	t->snd_nxt = t->snd_una;
	if (t->fin_sent && !after(t->snd_una, t->write_seq))
		t->fin_sent = false;
	t->rtt_start = 0;		/* Karn */
	tcp_output(t);
}

void tcp_err(struct net *net, const struct iphdr *inner, size_t len, int type, int code,
	     unsigned int mtu)
{
	const struct tcphdr *th = (const void *)((const char *)inner + inner->ihl * 4);
	uint16_t lport = ntohs(th->source), rport = ntohs(th->dest);
	struct tcp_sock *t;
	if (type != ICMP_DEST_UNREACH)
		return;
	list_for_each_entry(t, ehash(net->inet, inner->saddr, lport, inner->daddr, rport), ehash_link)
		if (t->lport == lport && t->rport == rport && t->laddr == inner->saddr &&
		    t->raddr == inner->daddr) {
			if (code == ICMP_FRAG_NEEDED) {
				tcp_mtu_reduced(t, mtu);
				return;
			}
			if (t->state != TCP_SYN_SENT)
				return;
			int err = code == ICMP_PORT_UNREACH || code == ICMP_PROT_UNREACH ?
				  -ECONNREFUSED : code == ICMP_NET_UNREACH ? -ENETUNREACH :
				  -EHOSTUNREACH;
			tcp_reset(t, err);
			return;
		}
}

void tcp_rcv(struct net *net, struct pkt *p)
{
	struct iphdr *ih = (struct iphdr *)p->nh;
	struct tcphdr *th = (struct tcphdr *)p->data;
	if (p->len < sizeof(*th) || th->doff < 5 || th->doff * 4u > p->len) {
		TCP_INC(net, INERRS);
		goto drop;
	}
	TCP_INC(net, INSEGS);
	uint32_t sum = csum_partial(&ih->saddr, 8, 0);
	sum += htons(IPPROTO_TCP) + htons(p->len);
	if (!p->csum_ok && csum_fold(csum_partial(p->data, p->len, sum))) {
		TCP_INC(net, CSUMERRORS);
		TCP_INC(net, INERRS);
		goto drop;
	}
	struct tcp_sock *t = tcp_lookup(net->inet, ih, th);
	size_t dlen = p->len - th->doff * 4;
	uint32_t seq = ntohl(th->seq), ack = ntohl(th->ack_seq);
	if (!t || t->state == TCP_CLOSE) {
		tcp_send_reset(net, ih, th, dlen);
		goto drop;
	}
	if (t->state == TCP_LISTEN) {
		if (th->rst)
			goto drop;
		if (th->ack) {
			tcp_send_reset(net, ih, th, dlen);
			goto drop;
		}
		if (th->syn)
			tcp_listen_syn(t, ih, th);
		goto drop;
	}
	if (t->state == TCP_SYN_SENT) {
		if (th->ack && (!after(ack, t->iss) || after(ack, t->snd_nxt))) {
			tcp_send_reset(net, ih, th, dlen);
			goto drop;
		}
		if (th->rst) {
			if (th->ack)
				tcp_reset(t, -ECONNREFUSED);
			goto drop;
		}
		if (!th->syn)
			goto drop;
		t->irs = seq;
		t->rcv_nxt = seq + 1;
		t->snd_wnd = ntohs(th->window);
		t->max_wnd = t->snd_wnd;
		t->snd_wl1 = seq;
		t->snd_wl2 = ack;
		tcp_syn_agree(t, th);
		if (th->ack) {
			t->snd_una = ack;
			t->rto_at = 0;
			t->retransmits = 0;
			if (t->rtt_start) {
				rtt_sample(t, timer_now_ns() - t->rtt_start);
				t->rtt_start = 0;
			}
			tcp_set_state(t, TCP_ESTABLISHED);
			keepalive_reset(t);
			tcp_send_ack(t);
			wake_up(&t->wq);
			tcp_output(t);
		} else {
			tcp_set_state(t, TCP_SYN_RECV);	/* simultaneous open */
			tcp_send(t, t->iss, F_SYN | F_ACK, 0);
		}
		tcp_rearm(t);
		goto drop;
	}

	/* Is the segment in the window (RFC 793's four cases)? */
	uint32_t wnd = t->rcv_adv - t->rcv_nxt;
	if (after(t->rcv_nxt, t->rcv_adv))
		wnd = 0;
	uint32_t slen = dlen + th->syn + th->fin;
	bool ok = tcp_seq_acceptable(t->rcv_nxt, wnd, seq, slen);
	if (!ok && !slen && before(seq, t->rcv_nxt) && !th->rst)
		ok = true;	/* an old pure ACK still acknowledges */
	if (!ok) {
		if (!th->rst) {
			if (t->state == TCP_TIME_WAIT && th->fin)
				t->tw_at = timer_now_ns() + TCP_TIMEWAIT_LEN;
			tcp_send_ack(t);
			tcp_rearm(t);
		}
		goto drop;
	}
	if (th->rst) {
		if (t->state == TCP_SYN_RECV && t->parent)
			tcp_drop_child(t);
		else
			tcp_reset(t, t->state == TCP_CLOSE_WAIT ? -EPIPE : -ECONNRESET);
		goto drop;
	}
	if (th->syn) {
		/* A SYN in the window (RFC 5961): answer with an ACK. */
		tcp_send_ack(t);
		goto drop;
	}
	if (!th->ack)
		goto drop;
	if (t->state == TCP_SYN_RECV) {
		if (!after(ack, t->iss) || after(ack, t->snd_nxt)) {
			tcp_send_reset(net, ih, th, dlen);
			goto drop;
		}
		tcp_set_state(t, TCP_ESTABLISHED);
		if (t->parent)
			TCP_INC(net, PASSIVEOPENS);	/* Linux: when the handshake ends */
		t->snd_una = ack;
		t->snd_wnd = (uint32_t)ntohs(th->window) << t->snd_wscale;
		t->max_wnd = t->snd_wnd;
		t->snd_wl1 = seq;
		t->snd_wl2 = ack;
		t->rto_at = 0;
		t->retransmits = 0;
		struct tcp_sock *l = t->parent;
		if (l) {
			list_del(&t->child_link);
			l->syn_len--;
			list_add_tail(&t->child_link, &l->accept_q);
			l->accept_len++;
			wake_up(&l->wq);
		}
		keepalive_reset(t);
	}
	tcp_ack(t, th, seq, dlen);
	int acked_state = fin_acked(t) ? tcp_state_on_fin_acked(t->state) : t->state;
	if (t->state == TCP_FIN_WAIT1 && acked_state == TCP_FIN_WAIT2) {
		tcp_set_state(t, TCP_FIN_WAIT2);
		if (!t->sock)
			t->tw_at = timer_now_ns() + TCP_FIN_TIMEOUT;
	} else if (t->state == TCP_CLOSING && acked_state == TCP_TIME_WAIT) {
		tcp_time_wait(t);
	} else if (t->state == TCP_LAST_ACK && acked_state == TCP_CLOSE) {
		tcp_done(t);
		goto drop;
	} else if (t->state == TCP_TIME_WAIT) {
		if (th->fin) {
			tcp_send_ack(t);
			t->tw_at = timer_now_ns() + TCP_TIMEWAIT_LEN;
		}
		tcp_rearm(t);
		goto drop;
	}
	if (t->keepalive)
		keepalive_reset(t);
	bool fin = th->fin;
	if (dlen && (TCPF(t->state) & (TCPF(TCP_ESTABLISHED) | TCPF(TCP_FIN_WAIT1) |
				       TCPF(TCP_FIN_WAIT2)))) {
		if ((t->shutdown & RCV_SHUTDOWN) && !t->sock) {
			/* Data for a socket nobody will read: reset, as Linux. */
			tcp_send(t, t->snd_nxt, F_RST, 0);
			tcp_done(t);
			goto drop;
		}
		pkt_pull(p, th->doff * 4);
		p->seq = seq;
		bool in_order = !after(seq, t->rcv_nxt);
		bool ack_now = tcp_data(t, p);
		p = NULL;
		if (fin && !in_order)
			fin = false;		/* the FIN comes again with the rest */
		if (fin && t->rcv_nxt != seq + dlen)
			fin = false;
		if (!fin) {
			if (t->unacked >= MIN(t->mss, TCP_MAX_WINDOW / 2) || ack_now)
				tcp_send_ack(t);
			else if (t->unacked && !t->delack_at)
				t->delack_at = timer_now_ns() + TCP_DELACK;
		}
	} else if (fin && seq != t->rcv_nxt) {
		fin = false;
	}
	if (fin && (TCPF(t->state) & (TCPF(TCP_ESTABLISHED) | TCPF(TCP_FIN_WAIT1) |
				      TCPF(TCP_FIN_WAIT2) | TCPF(TCP_SYN_RECV))))
		tcp_fin(t);
	tcp_output(t);
drop:
	if (p)
		pkt_free(p);
}

/* ---- the socket calls ---- */

static struct tcp_sock *tcp_alloc(struct net *net)
{
	struct tcp_sock *t = kzalloc(sizeof(*t));
	if (!t)
		return NULL;
	t->net = get_net(net);
	t->refcnt = 1;			/* the stack's or the socket's */
	t->state = TCP_CLOSE;
	t->ttl = -1;
	t->mss = TCP_DEFAULT_MSS;
	t->rto = TCP_RTO_INIT;
	t->ca_state = TCP_CA_Open;
	tcp_cc_init(&t->cc, t->mss);
	list_init(&t->bind_link);
	list_init(&t->ehash_link);
	list_init(&t->accept_q);
	list_init(&t->syn_q);
	list_init(&t->child_link);
	list_init(&t->sndq);
	list_init(&t->rcvq);
	list_init(&t->oooq);
	list_init(&t->work_link);
	waitqueue_init(&t->wq);
	t->timer.fn = tcp_timer_fire;
	list_init(&t->timer.link);
	uint32_t iss;
	get_random_bytes(&iss, sizeof(iss));
	t->iss = iss;
	t->snd_una = t->snd_nxt = t->write_seq = iss + 1;
	return t;
}

static int tcp_bind(struct socket *sock, const void *addr, int len)
{
	struct tcp_sock *t = tcp_sk(sock);
	const struct sockaddr_in *sin = addr;
	if (len < (int)sizeof(*sin))
		return -EINVAL;
	if (sin->sin_family != AF_INET &&
	    !(sin->sin_family == AF_UNSPEC && sin->sin_addr.s_addr == htonl(INADDR_ANY)))
		return -EAFNOSUPPORT;
	struct net *net = sock->net;
	uint16_t port = ntohs(sin->sin_port);
	if (port && port < 1024 && !ns_capable(net->user_ns, CAP_NET_BIND_SERVICE))
		return -EACCES;
	int err;
	mutex_lock(&net->inet->lock);
	if (sin->sin_addr.s_addr && !inet_addr_is_local(net, sin->sin_addr.s_addr))
		err = -EADDRNOTAVAIL;
	else if (t->bound || t->state != TCP_CLOSE)
		err = -EINVAL;
	else if (!(err = tcp_get_port(net->inet, t, sin->sin_addr.s_addr, port)))
		t->port_locked = port != 0;
	mutex_unlock(&net->inet->lock);
	return err;
}

static int tcp_listen(struct socket *sock, int backlog)
{
	struct tcp_sock *t = tcp_sk(sock);
	struct net *net = sock->net;
	int err = 0;
	mutex_lock(&net->inet->lock);
	if (t->state != TCP_CLOSE && t->state != TCP_LISTEN)
		err = -EINVAL;
	else if (!t->bound)
		err = tcp_get_port(net->inet, t, 0, 0);
	if (!err) {
		if (t->state == TCP_CLOSE) {
			tcp_get(t);		/* the stack's, while it listens */
			tcp_set_state(t, TCP_LISTEN);
		}
		t->backlog = backlog < 0 ? 0 : backlog;
		sock->listening = true;
	}
	mutex_unlock(&net->inet->lock);
	return err;
}

static int tcp_connect(struct socket *sock, const void *addr, int len, int flags)
{
	struct tcp_sock *t = tcp_sk(sock);
	const struct sockaddr_in *sin = addr;
	struct net *net = sock->net;
	struct inet_net *in = net->inet;
	if (len < (int)sizeof(sa_family_t))
		return -EINVAL;
	if (sin->sin_family == AF_UNSPEC) {
		/* Disconnect: an abort, as Linux. */
		mutex_lock(&in->lock);
		if (t->state != TCP_CLOSE && t->state != TCP_LISTEN) {
			tcp_send(t, t->snd_nxt, F_RST, 0);
			tcp_done(t);
		}
		t->connecting = false;
		mutex_unlock(&in->lock);
		net_rx_run(net);
		return 0;
	}
	if (len < (int)sizeof(*sin))
		return -EINVAL;
	if (sin->sin_family != AF_INET)
		return -EAFNOSUPPORT;
	int err = 0;
	mutex_lock(&in->lock);
	switch (t->state) {
	case TCP_CLOSE:
		if (t->connecting) {
			/* A non-blocking connect that failed: its error. */
			t->connecting = false;
			err = __atomic_exchange_n(&sock->err, 0, __ATOMIC_RELAXED);
			if (!err)
				err = -ECONNABORTED;
			goto out;
		}
		break;
	case TCP_SYN_SENT:
	case TCP_SYN_RECV:
		err = (flags & O_NONBLOCK) ? -EALREADY : 0;
		if (err)
			goto out;
		goto wait;
	case TCP_LISTEN:
		err = -EISCONN;
		goto out;
	default:
		if (t->connecting) {
			t->connecting = false;
			err = 0;
		} else {
			err = -EISCONN;
		}
		goto out;
	}
	uint32_t daddr = sin->sin_addr.s_addr ? sin->sin_addr.s_addr : htonl(INADDR_LOOPBACK);
	struct rt_result rt;
	if ((err = inet_route_lookup(net, daddr, &rt)))
		goto out;
	if (rt.type == RTN_BROADCAST) {
		err = -ENETUNREACH;
		goto out;
	}
	if (!t->bound && (err = tcp_get_port(in, t, 0, 0)))
		goto out;
	if (!t->laddr)
		t->laddr = rt.src;
	t->raddr = daddr;
	t->rport = ntohs(sin->sin_port);
	/* The pair must be new (a bound port may have other connections). */
	struct tcp_sock *o;
	list_for_each_entry(o, ehash(in, t->laddr, t->lport, t->raddr, t->rport), ehash_link)
		if (o->lport == t->lport && o->rport == t->rport && o->laddr == t->laddr &&
		    o->raddr == t->raddr) {
			err = -EADDRNOTAVAIL;
			goto out;
		}
	t->mss = route_mss(net, daddr);
	t->wscale_ok = true;			/* offered; agreed or not at the SYN-ACK */
	t->rcv_wscale = tcp_rcv_wscale();
	t->sack_ok = tcp_sack_enabled(net);	/* the same */
	tcp_ehash_add(in, t);
	tcp_get(t);				/* the stack's */
	tcp_set_state(t, TCP_SYN_SENT);
	TCP_INC(net, ACTIVEOPENS);
	t->snd_nxt = t->iss + 1;
	tcp_send(t, t->iss, F_SYN, 0);
	t->rtt_start = timer_now_ns();
	t->rtt_seq = t->iss + 1;
	rto_arm(t);
	tcp_rearm(t);
	if (flags & O_NONBLOCK) {
		t->connecting = true;
		err = -EINPROGRESS;
		goto out;
	}
wait:
	mutex_unlock(&in->lock);
	net_rx_run(net);
	uint64_t deadline = sock_deadline(sock, true);
	err = sock_wait_event(t->wq, t->state != TCP_SYN_SENT && t->state != TCP_SYN_RECV,
			      deadline);
	mutex_lock(&in->lock);
	if (err == -EAGAIN)
		err = -EINPROGRESS;
	else if (!err && t->state == TCP_CLOSE) {
		err = __atomic_exchange_n(&sock->err, 0, __ATOMIC_RELAXED);
		if (!err)
			err = -ECONNABORTED;
	}
	if (err == -EINPROGRESS || err == -EINTR || err == -ERESTARTSYS)
		t->connecting = true;
out:
	mutex_unlock(&in->lock);
	net_rx_run(net);
	return err;
}

static int tcp_accept(struct socket *sock, struct socket *newsock, int flags)
{
	struct tcp_sock *l = tcp_sk(sock);
	struct net *net = sock->net;
	struct inet_net *in = net->inet;
	uint64_t deadline = sock_deadline(sock, false);
	mutex_lock(&in->lock);
	for (;;) {
		if (l->state != TCP_LISTEN) {
			mutex_unlock(&in->lock);
			return -EINVAL;
		}
		if (!list_empty(&l->accept_q))
			break;
		mutex_unlock(&in->lock);
		if (flags & O_NONBLOCK)
			return -EAGAIN;
		int err = sock_wait_event(l->wq, !list_empty(&l->accept_q) ||
					  l->state != TCP_LISTEN, deadline);
		if (err)
			return err;
		mutex_lock(&in->lock);
	}
	struct tcp_sock *c = list_first_entry(&l->accept_q, struct tcp_sock, child_link);
	list_del(&c->child_link);
	list_init(&c->child_link);
	l->accept_len--;
	c->parent = NULL;
	/* The fresh socket's own tcp_sock gives way to the child. */
	struct tcp_sock *fresh = tcp_sk(newsock);
	newsock->sk = c;
	c->sock = newsock;
	sk_mem_attach(&c->mem);			/* the accepter's cgroup, as Linux */
	tcp_get(c);				/* the socket's */
	mutex_unlock(&in->lock);
	tcp_put(fresh);
	return 0;
}

static int tcp_getname(struct socket *sock, void *addr, bool peer)
{
	struct tcp_sock *t = tcp_sk(sock);
	struct sockaddr_in *sin = addr;
	memset(sin, 0, sizeof(*sin));
	sin->sin_family = AF_INET;
	int ret = sizeof(*sin);
	mutex_lock(&sock->net->inet->lock);
	if (peer) {
		if (TCPF(t->state) & (TCPF(TCP_CLOSE) | TCPF(TCP_LISTEN) | TCPF(TCP_SYN_SENT)))
			ret = -ENOTCONN;
		sin->sin_addr.s_addr = t->raddr;
		sin->sin_port = htons(t->rport);
	} else {
		sin->sin_addr.s_addr = t->laddr;
		sin->sin_port = htons(t->lport);
	}
	mutex_unlock(&sock->net->inet->lock);
	return ret;
}

static uint32_t send_room(struct tcp_sock *t)
{
	uint32_t cap = t->sock->sndbuf;
	return t->sndq_bytes < cap ? cap - t->sndq_bytes : 0;
}

#define SEND_WAIT_ROOM	UINT32_MAX

/* A sender waits (in->lock held; released while it waits): with queued
 * SEND_WAIT_ROOM, for the handshake to be over and room in the send
 * buffer; else, for the send queue to fall below queued bytes (the
 * memory cgroup's limit).  0 with the lock taken again, or -errno
 * (-EAGAIN for MSG_DONTWAIT) with it released. */
static int tcp_send_wait(struct socket *sock, int flags, uint64_t deadline, uint32_t queued)
{
	struct tcp_sock *t = tcp_sk(sock);
	struct net *net = sock->net;
	mutex_unlock(&net->inet->lock);
	net_rx_run(net);
	if (flags & MSG_DONTWAIT)
		return -EAGAIN;
	int err = sock_wait_event(t->wq,
				  (queued == SEND_WAIT_ROOM ?
				   !(TCPF(t->state) & (TCPF(TCP_SYN_SENT) | TCPF(TCP_SYN_RECV))) &&
				   send_room(t) : t->sndq_bytes < queued) ||
				  (t->shutdown & SEND_SHUTDOWN) ||
				  __atomic_load_n(&sock->err, __ATOMIC_RELAXED) ||
				  t->state == TCP_CLOSE, deadline);
	if (err)
		return err;
	mutex_lock(&net->inet->lock);
	return 0;
}

static ssize_t tcp_sendmsg(struct socket *sock, struct kmsg *m, int flags)
{
	struct tcp_sock *t = tcp_sk(sock);
	struct net *net = sock->net;
	struct inet_net *in = net->inet;
	if (flags & MSG_OOB)
		return -EOPNOTSUPP;
	uint64_t deadline = sock_deadline(sock, true);
	size_t done = 0;
	ssize_t err = 0;
	mutex_lock(&in->lock);
	while (m->iter.count) {
		if ((err = __atomic_exchange_n(&sock->err, 0, __ATOMIC_RELAXED)))
			break;
		if ((t->shutdown & SEND_SHUTDOWN) ||
		    !(TCPF(t->state) & (TCPF(TCP_ESTABLISHED) | TCPF(TCP_CLOSE_WAIT) |
					TCPF(TCP_SYN_SENT) | TCPF(TCP_SYN_RECV)))) {
			err = t->was_connected || (t->shutdown & SEND_SHUTDOWN) ? -EPIPE : -ENOTCONN;
			break;
		}
		uint32_t room = send_room(t);
		if (t->state == TCP_SYN_SENT || t->state == TCP_SYN_RECV || !room) {
			if ((err = tcp_send_wait(sock, flags, deadline, SEND_WAIT_ROOM)))
				goto unlocked;
			continue;
		}
		/* Fill the last queued packet, or start one of up to an MSS. */
		struct pkt *p = list_empty(&t->sndq) ? NULL :
				list_entry(t->sndq.prev, struct pkt, link);
		size_t tail = p ? (size_t)((unsigned char *)p + p->truesize - (p->data + p->len)) : 0;
		if (!p || !tail || p->len >= t->mss) {
			size_t size = MIN((size_t)t->mss, MAX(m->iter.count, (size_t)4096));
			p = pkt_alloc(size);
			if (!p) {
				err = -ENOBUFS;
				break;
			}
			/* Over the memory cgroup's limit: wait as for a full
			 * send buffer, until something queued is acknowledged
			 * (an empty queue always takes one: Linux's
			 * sk_forced_mem_schedule). */
			if (!sk_mem_charge(&t->mem, p->truesize, list_empty(&t->sndq))) {
				pkt_free(p);
				if ((err = tcp_send_wait(sock, flags, deadline, t->sndq_bytes)))
					goto unlocked;
				continue;
			}
			p->len = 0;
			p->seq = t->write_seq;
			list_add_tail(&p->link, &t->sndq);
			tail = size;
		}
		size_t n = MIN(MIN(tail, (size_t)room), m->iter.count);
		if (msg_copy_from(&m->iter, p->data + p->len, n)) {
			err = -EFAULT;
			if (!p->len) {
				list_del(&p->link);
				sk_mem_uncharge(&t->mem, p->truesize);
				pkt_free(p);
			}
			break;
		}
		p->len += n;
		t->sndq_bytes += n;
		t->write_seq += n;
		done += n;
		tcp_output(t);
		if (m->iter.count && !send_room(t)) {
			/* Let the receiver run before waiting for room. */
			mutex_unlock(&in->lock);
			net_rx_run(net);
			mutex_lock(&in->lock);
		}
	}
	tcp_output(t);
	mutex_unlock(&in->lock);
	net_rx_run(net);
unlocked:
	if (done)
		return done;
	if (err == -EPIPE && !(flags & MSG_NOSIGNAL))
		send_signal(current, SIGPIPE);
	return err;
}

/* After a read: tell the peer when the window opened enough. */
static void tcp_window_update(struct tcp_sock *t)
{
	if (!(TCPF(t->state) & (TCPF(TCP_ESTABLISHED) | TCPF(TCP_FIN_WAIT1) |
				TCPF(TCP_FIN_WAIT2))))
		return;
	uint32_t adv = after(t->rcv_adv, t->rcv_nxt) ? t->rcv_adv - t->rcv_nxt : 0;
	uint32_t now = tcp_window(t);
	if (now > adv && now - adv >= MIN(t->mss, TCP_MAX_WINDOW / 2))
		tcp_send_ack(t);
}

/* Copy from the receive queue: consumed, or from offset done on for a
 * peek.  0 or -EFAULT; *done advanced. */
static int tcp_copy_out(struct tcp_sock *t, struct kmsg *m, size_t want, size_t *done, bool peek)
{
	if (peek) {
		size_t skip = *done;
		struct pkt *q;
		list_for_each_entry(q, &t->rcvq, link) {
			if (*done >= want)
				break;
			if (skip >= q->len) {
				skip -= q->len;
				continue;
			}
			size_t n = MIN(q->len - skip, want - *done);
			if (msg_copy_to(&m->iter, q->data + skip, n))
				return -EFAULT;
			*done += n;
			skip = 0;
		}
		return 0;
	}
	while (*done < want && !list_empty(&t->rcvq)) {
		struct pkt *q = list_first_entry(&t->rcvq, struct pkt, link);
		size_t n = MIN(q->len, want - *done);
		if (msg_copy_to(&m->iter, q->data, n))
			return -EFAULT;
		*done += n;
		pkt_pull(q, n);
		q->seq += n;
		t->rcvq_bytes -= n;
		if (!q->len) {
			list_del(&q->link);
			sk_mem_uncharge(&t->mem, q->truesize);
			pkt_free(q);
		}
	}
	return 0;
}

static ssize_t tcp_recvmsg(struct socket *sock, struct kmsg *m, int flags)
{
	struct tcp_sock *t = tcp_sk(sock);
	struct net *net = sock->net;
	struct inet_net *in = net->inet;
	if (flags & MSG_OOB)
		return -EINVAL;
	bool peek = flags & MSG_PEEK;
	uint64_t deadline = sock_deadline(sock, false);
	size_t done = 0, want = m->iter.count;
	ssize_t err = 0;
	mutex_lock(&in->lock);
	if (t->state == TCP_LISTEN) {
		mutex_unlock(&in->lock);
		return -ENOTCONN;
	}
	for (;;) {
		if ((err = tcp_copy_out(t, m, want, &done, peek)))
			break;
		if (done == want || (done && (peek || !(flags & MSG_WAITALL))))
			break;
		if ((err = __atomic_exchange_n(&sock->err, 0, __ATOMIC_RELAXED)))
			break;
		if ((t->shutdown & RCV_SHUTDOWN) || t->state == TCP_CLOSE) {
			if (t->state == TCP_CLOSE && !t->was_connected)
				err = -ENOTCONN;
			break;
		}
		if (flags & MSG_DONTWAIT) {
			err = -EAGAIN;
			break;
		}
		tcp_window_update(t);
		mutex_unlock(&in->lock);
		net_rx_run(net);
		err = sock_wait_event(t->wq, t->rcvq_bytes || (t->shutdown & RCV_SHUTDOWN) ||
				      t->state == TCP_CLOSE ||
				      __atomic_load_n(&sock->err, __ATOMIC_RELAXED), deadline);
		mutex_lock(&in->lock);
		if (err)
			break;
	}
	if (!peek)
		tcp_window_update(t);
	mutex_unlock(&in->lock);
	net_rx_run(net);
	if (done)
		return done;
	return err;
}

static unsigned int tcp_poll(struct socket *sock, struct poll_table *pt)
{
	struct tcp_sock *t = tcp_sk(sock);
	poll_wait(&t->wq, pt);
	unsigned int mask = 0;
	mutex_lock(&sock->net->inet->lock);
	if (t->state == TCP_LISTEN) {
		if (!list_empty(&t->accept_q))
			mask = POLLIN | POLLRDNORM;
		goto out;
	}
	if (t->shutdown == SHUTDOWN_MASK || t->state == TCP_CLOSE)
		mask |= POLLHUP;
	if (t->shutdown & RCV_SHUTDOWN)
		mask |= POLLIN | POLLRDNORM | POLLRDHUP;
	if (t->state != TCP_SYN_SENT && t->state != TCP_SYN_RECV) {
		if (t->rcvq_bytes)
			mask |= POLLIN | POLLRDNORM;
		if (!(t->shutdown & SEND_SHUTDOWN)) {
			if (send_room(t) >= (uint32_t)MIN(t->sock->sndbuf / 2, 16384))
				mask |= POLLOUT | POLLWRNORM;
		} else {
			mask |= POLLOUT | POLLWRNORM;
		}
	}
	if (__atomic_load_n(&sock->err, __ATOMIC_RELAXED))
		mask |= POLLERR;
out:
	mutex_unlock(&sock->net->inet->lock);
	return mask;
}

static int tcp_shutdown(struct socket *sock, int how)
{
	struct tcp_sock *t = tcp_sk(sock);
	struct net *net = sock->net;
	int err = 0;
	mutex_lock(&net->inet->lock);
	int mask = how + 1;
	if (TCPF(t->state) & (TCPF(TCP_CLOSE) | TCPF(TCP_SYN_SENT))) {
		err = -ENOTCONN;
		if (t->state == TCP_SYN_SENT) {
			t->shutdown |= mask;
			tcp_done(t);
		}
	} else if (t->state == TCP_LISTEN) {
		if (mask & RCV_SHUTDOWN) {
			/* Linux stops listening. */
			t->shutdown |= mask;
			wake_up(&t->wq);
		}
	} else {
		t->shutdown |= mask;
		if ((mask & SEND_SHUTDOWN) && !t->fin_queued &&
		    (TCPF(t->state) & (TCPF(TCP_ESTABLISHED) | TCPF(TCP_CLOSE_WAIT) |
				       TCPF(TCP_SYN_RECV)))) {
			t->fin_queued = true;
			tcp_set_state(t, tcp_state_on_close(t->state));
			t->keep_at = 0;
			tcp_output(t);
		}
		wake_up(&t->wq);
	}
	mutex_unlock(&net->inet->lock);
	net_rx_run(net);
	return err;
}

/* A child not accepted goes with a reset. */
static void tcp_drop_child(struct tcp_sock *c)
{
	if (c->state != TCP_CLOSE)
		tcp_send(c, c->snd_nxt, F_RST, 0);
	tcp_done(c);
}

static void tcp_release(struct socket *sock)
{
	struct tcp_sock *t = tcp_sk(sock);
	struct net *net = sock->net;
	struct inet_net *in = net->inet;
	if (!t)
		return;
	mutex_lock(&in->lock);
	if (t->state == TCP_LISTEN) {
		while (!list_empty(&t->accept_q))
			tcp_drop_child(list_first_entry(&t->accept_q, struct tcp_sock, child_link));
		while (!list_empty(&t->syn_q))
			tcp_drop_child(list_first_entry(&t->syn_q, struct tcp_sock, child_link));
		t->sock = NULL;
		tcp_done(t);
		tcp_unhash(t, true);
	} else {
		bool unread = t->rcvq_bytes || !list_empty(&t->oooq);
		t->sock = NULL;
		sock->sk = NULL;
		if (t->state == TCP_CLOSE) {
			tcp_unhash(t, true);
		} else if (TCPF(t->state) & (TCPF(TCP_SYN_SENT) | TCPF(TCP_SYN_RECV))) {
			if (t->state == TCP_SYN_RECV)
				tcp_send(t, t->snd_nxt, F_RST, 0);
			tcp_done(t);
		} else if (unread || (t->linger_on && !t->linger)) {
			/* Unread data, or SO_LINGER 0: an abort, no TIME_WAIT. */
			if (TCPF(t->state) & (TCPF(TCP_ESTABLISHED) | TCPF(TCP_CLOSE_WAIT) |
					      TCPF(TCP_FIN_WAIT1) | TCPF(TCP_FIN_WAIT2) |
					      TCPF(TCP_CLOSING) | TCPF(TCP_LAST_ACK)))
				tcp_send(t, t->snd_nxt, F_RST, 0);
			tcp_done(t);
		} else {
			t->shutdown = SHUTDOWN_MASK;
			if (TCPF(t->state) & (TCPF(TCP_ESTABLISHED) | TCPF(TCP_CLOSE_WAIT))) {
				t->fin_queued = true;
				tcp_set_state(t, tcp_state_on_close(t->state));
				t->keep_at = 0;
				tcp_output(t);
			} else if (t->state == TCP_FIN_WAIT2) {
				t->tw_at = timer_now_ns() + TCP_FIN_TIMEOUT;
				tcp_rearm(t);
			}
		}
	}
	mutex_unlock(&in->lock);
	net_rx_run(net);
	tcp_put(t);			/* the socket's */
}

static long tcp_ioctl(struct socket *sock, unsigned int cmd, unsigned long arg)
{
	struct tcp_sock *t = tcp_sk(sock);
	int n;
	mutex_lock(&sock->net->inet->lock);
	switch (cmd) {
	case SIOCINQ:
		n = t->state == TCP_LISTEN ? -EINVAL : (int)t->rcvq_bytes;
		break;
	case SIOCOUTQ:
		n = t->state == TCP_LISTEN ? -EINVAL : (int)(t->write_seq - t->snd_una);
		break;
	default:
		n = -ENOTTY;
	}
	mutex_unlock(&sock->net->inet->lock);
	if (n < 0)
		return n;
	return put_user(n, (int __user *)arg) ? -EFAULT : 0;
}

struct linger_opt {
	int l_onoff;
	int l_linger;
};

static int tcp_setsockopt(struct socket *sock, int level, int name, const void *val, int len)
{
	struct tcp_sock *t = tcp_sk(sock);
	int v;
	if (level == SOL_SOCKET && name == SO_LINGER) {
		struct linger_opt l;
		if (len < (int)sizeof(l))
			return -EINVAL;
		memcpy(&l, val, sizeof(l));
		t->linger_on = l.l_onoff != 0;
		t->linger = l.l_linger < 0 ? 0 : l.l_linger;
		return 0;
	}
	if (len < (int)sizeof(int))
		return -EINVAL;
	memcpy(&v, val, sizeof(v));
	int err = 0;
	mutex_lock(&sock->net->inet->lock);
	if (level == SOL_SOCKET) {
		switch (name) {
		case SO_REUSEADDR: t->reuseaddr = v != 0; break;
		case SO_REUSEPORT: t->reuseport = v != 0; break;
		case SO_KEEPALIVE:
			t->keepalive = v != 0;
			keepalive_reset(t);
			tcp_rearm(t);
			break;
		default: err = -ENOPROTOOPT;
		}
	} else if (level == IPPROTO_IP && name == IP_TTL) {
		if (v < -1 || v == 0 || v > 255)
			err = -EINVAL;
		else
			t->ttl = v;
	} else if (level == IPPROTO_TCP && name == TCP_NODELAY) {
		t->nodelay = v != 0;
		tcp_output(t);
	} else if (level == IPPROTO_TCP && name == TCP_MAXSEG) {
		if (v < 88 || v > 65495)
			err = -EINVAL;
		else if (t->state == TCP_CLOSE)
			t->mss = v;
	} else {
		err = -ENOPROTOOPT;
	}
	mutex_unlock(&sock->net->inet->lock);
	net_rx_run(sock->net);
	return err;
}

#define TCP_INFINITE_SSTHRESH	0x7fffffff	/* Linux's, for no ssthresh yet */

/* TCP_INFO's basic fields, as Linux fills them (times in microseconds,
 * windows in segments); the rest are 0. */
static void tcp_get_info(struct tcp_sock *t, struct tcp_info *info)
{
	memset(info, 0, sizeof(*info));
	mutex_lock(&t->net->inet->lock);
	info->tcpi_state = t->state;
	info->tcpi_ca_state = t->ca_state;
	info->tcpi_retransmits = t->retransmits;
	info->tcpi_probes = t->probes;
	if (t->sack_ok)
		info->tcpi_options |= TCPI_OPT_SACK;
	if (t->wscale_ok) {
		info->tcpi_options |= TCPI_OPT_WSCALE;
		info->tcpi_snd_wscale = t->snd_wscale;
		info->tcpi_rcv_wscale = t->rcv_wscale;
	}
	info->tcpi_rto = t->rto / 1000;
	info->tcpi_ato = TCP_DELACK / 1000;
	info->tcpi_snd_mss = t->mss;
	info->tcpi_rcv_mss = t->rcv_mss ? t->rcv_mss : TCP_DEFAULT_MSS;
	if (t->state != TCP_LISTEN) {
		info->tcpi_unacked = (t->snd_nxt - t->snd_una + t->mss - 1) / t->mss;
		info->tcpi_sacked = (tcp_sb_sacked(&t->sacked) + t->mss - 1) / t->mss;
	}
	info->tcpi_rtt = t->srtt / 1000;
	info->tcpi_rttvar = t->rttvar / 1000;
	info->tcpi_snd_ssthresh = t->cc.ssthresh >= TCP_CWND_MAX ? TCP_INFINITE_SSTHRESH :
				  t->cc.ssthresh / t->mss;
	info->tcpi_snd_cwnd = t->cc.cwnd / t->mss;
	info->tcpi_advmss = route_mss(t->net, t->raddr);
	info->tcpi_reordering = TCP_DUPTHRESH;
	info->tcpi_total_retrans = t->total_retrans;
	mutex_unlock(&t->net->inet->lock);
}

static int tcp_getsockopt(struct socket *sock, int level, int name, void *val, int *len)
{
	struct tcp_sock *t = tcp_sk(sock);
	int v;
	if (level == SOL_SOCKET && name == SO_LINGER) {
		struct linger_opt l = { t->linger_on, t->linger };
		memcpy(val, &l, sizeof(l));
		*len = sizeof(l);
		return 0;
	}
	if (level == SOL_SOCKET) {
		switch (name) {
		case SO_REUSEADDR: v = t->reuseaddr; break;
		case SO_REUSEPORT: v = t->reuseport; break;
		case SO_KEEPALIVE: v = t->keepalive; break;
		default: return -ENOPROTOOPT;
		}
	} else if (level == IPPROTO_IP && name == IP_TTL) {
		v = t->ttl < 0 ? IPDEFTTL : t->ttl;
	} else if (level == IPPROTO_TCP && name == TCP_NODELAY) {
		v = t->nodelay;
	} else if (level == IPPROTO_TCP && name == TCP_MAXSEG) {
		v = t->mss;
	} else if (level == IPPROTO_TCP && name == TCP_INFO) {
		struct tcp_info info;
		tcp_get_info(t, &info);
		*len = MIN(*len, (int)sizeof(info));
		memcpy(val, &info, *len);
		return 0;
	} else {
		return -ENOPROTOOPT;
	}
	memcpy(val, &v, sizeof(v));
	*len = sizeof(v);
	return 0;
}

static const struct proto_ops tcp_ops = {
	.family = AF_INET,
	.release = tcp_release,
	.bind = tcp_bind,
	.connect = tcp_connect,
	.listen = tcp_listen,
	.accept = tcp_accept,
	.getname = tcp_getname,
	.poll = tcp_poll,
	.ioctl = tcp_ioctl,
	.shutdown = tcp_shutdown,
	.sendmsg = tcp_sendmsg,
	.recvmsg = tcp_recvmsg,
	.setsockopt = tcp_setsockopt,
	.getsockopt = tcp_getsockopt,
};

int tcp_create(struct socket *sock)
{
	mutex_lock(&tcp_thread_lock);
	if (!tcp_thread)
		tcp_thread = kthread_create(tcp_timer_thread, NULL, "tcptimer");
	mutex_unlock(&tcp_thread_lock);
	if (!tcp_thread)
		return -ENOMEM;
	struct tcp_sock *t = tcp_alloc(sock->net);
	if (!t)
		return -ENOMEM;
	sk_mem_attach(&t->mem);
	t->sock = sock;
	t->uid = current->cred->fsuid;
	sock->sk = t;
	sock->ops = &tcp_ops;
	return 0;
}

/* ---- /proc/net/tcp ---- */

static void tcp_row_of(struct tcp_sock *t, int sl, struct tcp_row *r)
{
	uint64_t now = timer_now_ns();
	memset(r, 0, sizeof(*r));
	r->sl = sl;
	r->laddr = t->laddr;
	r->lport = t->lport;
	r->raddr = t->raddr;
	r->rport = t->rport;
	r->state = t->state;
	r->uid = t->uid;
	r->ino = t->sock ? t->sock->ino : 0;
	r->rto = t->rto / (NSEC_PER_SEC / HZ);
	r->ato = TCP_DELACK / (NSEC_PER_SEC / HZ);
	r->cwnd = t->cc.cwnd / t->mss;
	r->ssthresh = t->cc.ssthresh >= TCP_CWND_MAX ? -1 : (int)(t->cc.ssthresh / t->mss);
	r->retrans = t->retransmits;
	if (t->state == TCP_LISTEN) {
		r->rxq = t->accept_len;
		r->txq = t->backlog;
		r->ssthresh = 0;
	} else {
		r->rxq = t->rcvq_bytes;
		r->txq = t->write_seq - t->snd_una;
	}
	uint64_t at = 0;
	if (t->state == TCP_TIME_WAIT) {
		r->timewait = true;
		r->timer = 3;
		at = t->tw_at;
	} else if (t->rto_at) {
		r->timer = 1;
		at = t->rto_at;
	} else if (t->keep_at) {
		r->timer = 2;
		at = t->keep_at;
	}
	if (at)
		r->when = at > now ? (long)((at - now) / (NSEC_PER_SEC / HZ)) : 0;
}

void tcp_for_each(struct net *net, void (*fn)(const struct tcp_row *r, void *arg), void *arg)
{
	struct inet_net *in = net->inet;
	struct tcp_row r;
	int sl = 0;
	mutex_lock(&in->lock);
	for (int b = 0; b <= (int)in->port_mask; b++) {
		struct tcp_sock *t;
		list_for_each_entry(t, &in->tcp_bhash[b], bind_link)
			if (t->state == TCP_LISTEN) {
				tcp_row_of(t, sl++, &r);
				fn(&r, arg);
			}
	}
	for (int b = 0; b <= (int)in->conn_mask; b++) {
		struct tcp_sock *t;
		list_for_each_entry(t, &in->tcp_ehash[b], ehash_link) {
			tcp_row_of(t, sl++, &r);
			fn(&r, arg);
		}
	}
	mutex_unlock(&in->lock);
}
