/*
 * net/udp.c - AF_INET sockets (inet.h): UDP (SOCK_DGRAM), ICMP datagram
 * sockets (SOCK_DGRAM, IPPROTO_ICMP: "ping" sockets, allowed to the
 * groups of net.ipv4.ping_group_range) and raw ICMP sockets (SOCK_RAW,
 * IPPROTO_ICMP, CAP_NET_RAW).  Stream sockets are tcp.c's.
 *
 * Locks: everything of a socket (its binding, its peer, its receive
 * queue) and the port hashes are guarded by its namespace's inet->lock.
 * A bound UDP or ping socket is in the hash bucket of its port
 * (port & port_mask); raw sockets are on inet->raw_list.  Sends build
 * and send the packet under the lock and run the backlog after dropping
 * it (net_rx_run), so delivery never happens inside a socket's critical
 * section.  Waiters sleep on the socket's wq, woken under the lock.
 */
#include "inet.h"
#include "sock_mem.h"
#include "net.h"
#include "netdevice.h"
#include "ns.h"
#include "cred.h"
#include "proc.h"
#include "poll.h"
#include "random.h"
#include "timer.h"
#include "kmalloc.h"
#include "string.h"
#include "uaccess.h"
#include <asm/ioctls.h>
#include <linux/sockios.h>

enum { KIND_UDP, KIND_PING, KIND_RAW };

#define TCP_ESTABLISHED	1
#define TCP_CLOSE	7
#define UDP_MAX_PAYLOAD	(0xffff - sizeof(struct iphdr) - sizeof(struct udphdr))

struct inet_sock {
	struct socket *sock;
	struct net *net;
	int kind;
	uint32_t rcv_saddr;		/* bound or chosen local address (network order) */
	uint16_t sport;			/* host order; 0: not bound */
	uint32_t daddr;			/* network order */
	uint16_t dport;			/* host order */
	bool connected;
	bool addr_locked, port_locked;	/* bound by the user (connect AF_UNSPEC keeps it) */
	bool hashed;
	bool reuseaddr, reuseport, broadcast;
	bool recvttl;			/* IP_RECVTTL: each receive says the TTL */
	int ttl;			/* -1: the default */
	int shutdown;
	uid_t uid;			/* kernel uid of its creator */
	struct list_head link;		/* hash bucket or raw list */
	struct list_head rxq;		/* struct pkt */
	size_t rx_bytes;		/* truesize of what is queued */
	struct sk_mem mem;		/* rxq, charged to the memcg for UDP only */
	unsigned int drops;
	struct waitqueue wq;
};

static const struct proto_ops inet_dgram_ops;

static struct inet_sock *inet_sk(struct socket *sock)
{
	return sock->sk;
}

static struct list_head *port_bucket(struct inet_net *in, int kind, uint16_t port)
{
	return &(kind == KIND_PING ? in->ping_hash : in->udp_hash)[port & in->port_mask];
}

/* ---- binding ---- */

static bool addr_overlap(uint32_t a, uint32_t b)
{
	return !a || !b || a == b;
}

/* Would is, bound to addr:port, clash with a socket there (lock held)? */
static bool port_conflict(struct inet_net *in, struct inet_sock *is, uint32_t addr, uint16_t port)
{
	struct inet_sock *o;
	list_for_each_entry(o, port_bucket(in, is->kind, port), link) {
		if (o == is || o->sport != port || !addr_overlap(o->rcv_saddr, addr))
			continue;
		if (o->reuseaddr && is->reuseaddr)
			continue;
		if (o->reuseport && is->reuseport && o->uid == is->uid)
			continue;
		return true;
	}
	return false;
}

static void do_hash(struct inet_net *in, struct inet_sock *is, uint32_t addr, uint16_t port)
{
	is->rcv_saddr = addr;
	is->sport = port;
	list_add_tail(&is->link, port_bucket(in, is->kind, port));
	is->hashed = true;
}

/* Bind is to addr:port, an ephemeral port when port is 0 (lock held):
 * 0, -EADDRINUSE, or -EAGAIN when no port is free. */
static int get_port(struct inet_net *in, struct inet_sock *is, uint32_t addr, uint16_t port)
{
	if (port) {
		if (port_conflict(in, is, addr, port))
			return -EADDRINUSE;
		do_hash(in, is, addr, port);
		return 0;
	}
	int lo = in->port_lo, hi = in->port_hi, n = hi - lo + 1;
	uint32_t r;
	get_random_bytes(&r, sizeof(r));
	for (int i = 0; i < n; i++) {
		uint16_t p = lo + (r + i) % n;
		if (!port_conflict(in, is, addr, p)) {
			do_hash(in, is, addr, p);
			return 0;
		}
	}
	return -EAGAIN;
}

static void unhash(struct inet_sock *is)
{
	if (is->hashed) {
		list_del(&is->link);
		is->hashed = false;
	}
	is->sport = 0;
}

static int inet_bind(struct socket *sock, const void *addr, int len)
{
	struct inet_sock *is = inet_sk(sock);
	const struct sockaddr_in *sin = addr;
	if (len < (int)sizeof(*sin))
		return -EINVAL;
	if (sin->sin_family != AF_INET &&
	    !(sin->sin_family == AF_UNSPEC && sin->sin_addr.s_addr == htonl(INADDR_ANY)))
		return -EAFNOSUPPORT;
	struct net *net = sock->net;
	struct inet_net *in = net->inet;
	uint16_t port = ntohs(sin->sin_port);
	uint32_t a = sin->sin_addr.s_addr;
	if (is->kind != KIND_PING && port && port < 1024 &&
	    !ns_capable(net->user_ns, CAP_NET_BIND_SERVICE))
		return -EACCES;
	int err = 0;
	mutex_lock(&in->lock);
	if (a && a != htonl(INADDR_BROADCAST) && !inet_addr_is_local(net, a))
		err = -EADDRNOTAVAIL;
	else if (is->sport || is->kind == KIND_RAW) {
		if (is->kind == KIND_RAW && !err)
			is->rcv_saddr = a;
		else
			err = -EINVAL;
	} else if (!(err = get_port(in, is, a, port))) {
		is->addr_locked = a != 0;
		is->port_locked = port != 0;
	}
	mutex_unlock(&in->lock);
	return err;
}

static int autobind(struct inet_net *in, struct inet_sock *is)
{
	if (is->sport || is->kind == KIND_RAW)
		return 0;
	return get_port(in, is, is->rcv_saddr, 0);
}

/* The route to the destination a send or connect names: 0.0.0.0 is this
 * host, as Linux; a broadcast needs SO_BROADCAST (after the route: with
 * loopback alone, 255.255.255.255 has none).  Lock held. */
static int route_to(struct net *net, struct inet_sock *is, uint32_t *daddr, struct rt_result *rt)
{
	if (!*daddr)
		*daddr = htonl(INADDR_LOOPBACK);
	int err = inet_route_lookup(net, *daddr, rt);
	if (!err && (rt->type == RTN_BROADCAST || *daddr == htonl(INADDR_BROADCAST)) &&
	    !is->broadcast)
		err = -EACCES;
	return err;
}

static int inet_dgram_connect(struct socket *sock, const void *addr, int len, int flags)
{
	struct inet_sock *is = inet_sk(sock);
	const struct sockaddr_in *sin = addr;
	struct inet_net *in = sock->net->inet;
	if (len < (int)sizeof(sa_family_t))
		return -EINVAL;
	if (sin->sin_family == AF_UNSPEC) {
		mutex_lock(&in->lock);
		is->connected = false;
		is->daddr = 0;
		is->dport = 0;
		if (!is->addr_locked)
			is->rcv_saddr = 0;
		if (!is->port_locked)
			unhash(is);
		mutex_unlock(&in->lock);
		return 0;
	}
	if (len < (int)sizeof(*sin))
		return -EINVAL;
	if (sin->sin_family != AF_INET)
		return -EAFNOSUPPORT;
	uint32_t d = sin->sin_addr.s_addr;
	struct rt_result rt;
	mutex_lock(&in->lock);
	int err = route_to(sock->net, is, &d, &rt);
	if (!err)
		err = autobind(in, is);
	if (!err) {
		if (!is->rcv_saddr)
			is->rcv_saddr = rt.src;
		is->daddr = d;
		is->dport = ntohs(sin->sin_port);
		is->connected = true;
	}
	mutex_unlock(&in->lock);
	return err;
}

static int inet_getname(struct socket *sock, void *addr, bool peer)
{
	struct inet_sock *is = inet_sk(sock);
	struct sockaddr_in *sin = addr;
	struct inet_net *in = sock->net->inet;
	memset(sin, 0, sizeof(*sin));
	sin->sin_family = AF_INET;
	int ret = sizeof(*sin);
	mutex_lock(&in->lock);
	if (peer) {
		if (!is->connected)
			ret = -ENOTCONN;
		sin->sin_addr.s_addr = is->daddr;
		sin->sin_port = htons(is->dport);
	} else {
		sin->sin_addr.s_addr = is->rcv_saddr;
		sin->sin_port = htons(is->sport);
	}
	mutex_unlock(&in->lock);
	return ret;
}

/* ---- receiving ---- */

static void queue_rcv(struct inet_sock *is, struct pkt *p)
{
	if (is->rx_bytes > (size_t)is->sock->rcvbuf) {
		is->drops++;
		if (is->kind == KIND_UDP) {
			UDP_INC(is->sock->net, RCVBUFERRORS);
			UDP_INC(is->sock->net, INERRORS);
		}
		pkt_free(p);
		return;
	}
	/* Over the memory cgroup's limit the datagram is dropped (Linux's
	 * __udp_enqueue_schedule_skb: -ENOBUFS, counted as MemErrors). */
	if (!sk_mem_charge(&is->mem, p->truesize, false)) {
		is->drops++;
		UDP_INC(is->sock->net, MEMERRORS);
		UDP_INC(is->sock->net, INERRORS);
		pkt_free(p);
		return;
	}
	list_add_tail(&p->link, &is->rxq);
	is->rx_bytes += p->truesize;
	wake_up(&is->wq);
}

/* The bound socket of the kind for a packet to daddr:dport from
 * saddr:sport, the most specific match (lock held). */
static struct inet_sock *lookup(struct inet_net *in, int kind, uint32_t saddr, uint16_t sport,
				uint32_t daddr, uint16_t dport)
{
	struct inet_sock *is, *best = NULL;
	int best_score = -1;
	list_for_each_entry(is, port_bucket(in, kind, dport), link) {
		if (is->sport != dport)
			continue;
		int score = 0;
		if (is->rcv_saddr) {
			if (is->rcv_saddr != daddr)
				continue;
			score += 2;
		}
		if (is->connected) {
			if (is->daddr != saddr || (kind == KIND_UDP && is->dport != sport))
				continue;
			score += 4;
		}
		if (score > best_score) {
			best = is;
			best_score = score;
		}
	}
	return best;
}

void udp_rcv(struct net *net, struct pkt *p)
{
	struct iphdr *ih = (struct iphdr *)p->nh;
	struct udphdr *uh = (struct udphdr *)p->data;
	if (p->len < sizeof(*uh) || ntohs(uh->len) < sizeof(*uh) || ntohs(uh->len) > p->len)
		goto drop;
	p->len = ntohs(uh->len);
	if (uh->check) {
		uint32_t sum = csum_partial(&ih->saddr, 8, 0);
		sum += htons(IPPROTO_UDP) + htons(p->len);
		if (csum_fold(csum_partial(p->data, p->len, sum))) {
			UDP_INC(net, CSUMERRORS);
			UDP_INC(net, INERRORS);
			goto drop;
		}
	}
	struct inet_sock *is = lookup(net->inet, KIND_UDP, ih->saddr, ntohs(uh->source), ih->daddr,
				      ntohs(uh->dest));
	if (!is) {
		UDP_INC(net, NOPORTS);
		icmp_send(net, p, ICMP_DEST_UNREACH, ICMP_PORT_UNREACH);
		goto drop;
	}
	p->sport = uh->source;
	pkt_pull(p, sizeof(*uh));
	queue_rcv(is, p);
	return;
drop:
	pkt_free(p);
}

void ping_rcv(struct net *net, struct pkt *p)
{
	struct iphdr *ih = (struct iphdr *)p->nh;
	struct icmphdr *icmp = (struct icmphdr *)p->data;
	struct inet_sock *is = lookup(net->inet, KIND_PING, ih->saddr, 0, ih->daddr,
				      ntohs(icmp->un.echo.id));
	if (!is) {
		pkt_free(p);
		return;
	}
	queue_rcv(is, p);
}

void raw_rcv(struct net *net, struct pkt *p)
{
	struct iphdr *ih = (struct iphdr *)p->nh;
	struct inet_sock *is;
	list_for_each_entry(is, &net->inet->raw_list, link) {
		if ((is->rcv_saddr && is->rcv_saddr != ih->daddr) ||
		    (is->connected && is->daddr != ih->saddr))
			continue;
		size_t len = p->data + p->len - p->nh;
		struct pkt *c = pkt_alloc(len);
		if (!c)
			break;
		memcpy(c->data, p->nh, len);
		c->saddr = p->saddr;
		queue_rcv(is, c);
	}
}

/* The error an ICMP error reports to a connected socket, 0 when it is a
 * soft one (Linux's icmp_err_convert and __udp4_lib_err). */
static int udp_icmp_error(int type, int code)
{
	static const struct {
		int err;
		bool hard;
	} unreach[] = {
		[ICMP_NET_UNREACH] = { ENETUNREACH, false },
		[ICMP_HOST_UNREACH] = { EHOSTUNREACH, false },
		[ICMP_PROT_UNREACH] = { ENOPROTOOPT, true },
		[ICMP_PORT_UNREACH] = { ECONNREFUSED, true },
		[ICMP_FRAG_NEEDED] = { EMSGSIZE, true },	/* no IP_PMTUDISC_DONT here */
		[ICMP_SR_FAILED] = { EOPNOTSUPP, false },
		[ICMP_NET_UNKNOWN] = { ENETUNREACH, true },
		[ICMP_HOST_UNKNOWN] = { EHOSTDOWN, true },
		[ICMP_HOST_ISOLATED] = { ENONET, true },
		[ICMP_NET_ANO] = { ENETUNREACH, true },
		[ICMP_HOST_ANO] = { EHOSTUNREACH, true },
		[ICMP_NET_UNR_TOS] = { ENETUNREACH, false },
		[ICMP_HOST_UNR_TOS] = { EHOSTUNREACH, false },
		[ICMP_PKT_FILTERED] = { EHOSTUNREACH, true },
		[ICMP_PREC_VIOLATION] = { EHOSTUNREACH, false },
		[ICMP_PREC_CUTOFF] = { EHOSTUNREACH, false },
	};
	if (type == ICMP_PARAMETERPROB)
		return -EPROTO;
	if (type != ICMP_DEST_UNREACH || code < 0 || code >= (int)ARRAY_SIZE(unreach) ||
	    !unreach[code].hard)
		return 0;
	return -unreach[code].err;
}

void udp_err(struct net *net, const struct iphdr *inner, size_t len, int type, int code)
{
	const struct udphdr *uh = (const void *)((const char *)inner + inner->ihl * 4);
	struct inet_sock *is = lookup(net->inet, KIND_UDP, inner->daddr, ntohs(uh->dest),
				      inner->saddr, ntohs(uh->source));
	/* As Linux without IP_RECVERR: only a connected socket hears it,
	 * and only the hard errors (RFC 1122 4.2.3.9; Linux's
	 * icmp_err_convert): a network or host unreachable, a time
	 * exceeded are soft, left to the application's own timeouts. */
	if (!is || !is->connected)
		return;
	int err = udp_icmp_error(type, code);
	if (!err)
		return;
	__atomic_store_n(&is->sock->err, err, __ATOMIC_RELAXED);
	wake_up(&is->wq);
}

/* ---- sending ---- */

static ssize_t inet_dgram_sendmsg(struct socket *sock, struct kmsg *m, int flags)
{
	struct inet_sock *is = inet_sk(sock);
	struct net *net = sock->net;
	struct inet_net *in = net->inet;
	if (flags & MSG_OOB)
		return -EOPNOTSUPP;
	size_t len = m->iter.count;
	size_t hlen = is->kind == KIND_UDP ? sizeof(struct udphdr) : 0;
	if (len > UDP_MAX_PAYLOAD)
		return -EMSGSIZE;
	if (is->kind != KIND_UDP && len < sizeof(struct icmphdr))
		return -EINVAL;
	uint32_t daddr;
	uint16_t dport = 0;
	bool named = m->name && m->namelen;
	if (named) {
		const struct sockaddr_in *sin = m->name;
		if (m->namelen < (int)sizeof(*sin))
			return -EINVAL;
		if (sin->sin_family != AF_INET)
			return sin->sin_family == AF_UNSPEC && is->kind == KIND_UDP ? -EAFNOSUPPORT
										: -EINVAL;
		daddr = sin->sin_addr.s_addr;
		dport = ntohs(sin->sin_port);
		if (is->kind == KIND_UDP && !dport)
			return -EINVAL;
	}
	struct pkt *p = pkt_alloc_hdr(hlen, len);
	if (!p)
		return -ENOBUFS;
	if (msg_copy_from(&m->iter, p->data + hlen, len)) {
		pkt_free(p);
		return -EFAULT;
	}
	if (is->kind == KIND_PING) {
		struct icmphdr *icmp = (struct icmphdr *)p->data;
		if (icmp->type != ICMP_ECHO || icmp->code) {
			pkt_free(p);
			return -EINVAL;
		}
	}
	struct rt_result rt;
	int err = __atomic_exchange_n(&sock->err, 0, __ATOMIC_RELAXED);
	mutex_lock(&in->lock);
	if (err)
		goto fail;
	err = -EPIPE;
	if (is->shutdown & SEND_SHUTDOWN)
		goto fail;
	if (!named) {
		err = -EDESTADDRREQ;
		if (!is->connected)
			goto fail;
		daddr = is->daddr;
		dport = is->dport;
	}
	if ((err = route_to(net, is, &daddr, &rt)) || (err = autobind(in, is)))
		goto fail;
	uint32_t saddr = is->rcv_saddr ? is->rcv_saddr : rt.src;
	int proto = IPPROTO_ICMP;
	if (is->kind == KIND_UDP) {
		struct udphdr *uh = (struct udphdr *)p->data;
		uh->source = htons(is->sport);
		uh->dest = htons(dport);
		uh->len = htons(p->len);
		uh->check = 0;
		if (inet_csum_needless(rt.dev, p->len)) {
			p->csum_ok = true;	/* 0: no checksum, as IPv4's UDP allows */
		} else {
			uint32_t sum = csum_partial(&saddr, 4, csum_partial(&daddr, 4, 0));
			sum += htons(IPPROTO_UDP) + htons(p->len);
			uh->check = csum_fold(csum_partial(p->data, p->len, sum));
			if (!uh->check)
				uh->check = 0xffff;
		}
		proto = IPPROTO_UDP;
	} else if (is->kind == KIND_PING) {
		struct icmphdr *icmp = (struct icmphdr *)p->data;
		icmp->un.echo.id = htons(is->sport);
		icmp->checksum = 0;
		icmp->checksum = csum_fold(csum_partial(p->data, p->len, 0));
	}
	if (proto == IPPROTO_ICMP)
		icmp_count(net, ((struct icmphdr *)p->data)->type, true);
	err = ip_output(net, p, saddr, daddr, proto, is->ttl < 0 ? IPDEFTTL : is->ttl, &rt);
	p = NULL;
	if (!err && proto == IPPROTO_UDP)
		UDP_INC(net, OUTDATAGRAMS);
fail:
	mutex_unlock(&in->lock);
	if (p)
		pkt_free(p);
	net_rx_run(net);
	return err ? err : (ssize_t)len;
}

static ssize_t inet_dgram_recvmsg(struct socket *sock, struct kmsg *m, int flags)
{
	struct inet_sock *is = inet_sk(sock);
	struct inet_net *in = sock->net->inet;
	if (flags & MSG_OOB)
		return -EOPNOTSUPP;
	uint64_t deadline = sock_deadline(sock, false);
	mutex_lock(&in->lock);
	for (;;) {
		int err = __atomic_exchange_n(&sock->err, 0, __ATOMIC_RELAXED);
		if (err) {
			mutex_unlock(&in->lock);
			return err;
		}
		if (!list_empty(&is->rxq))
			break;
		if (is->shutdown & RCV_SHUTDOWN) {
			mutex_unlock(&in->lock);
			return 0;
		}
		mutex_unlock(&in->lock);
		if (flags & MSG_DONTWAIT)
			return -EAGAIN;
		err = sock_wait_event(is->wq, !list_empty(&is->rxq) ||
				      __atomic_load_n(&sock->err, __ATOMIC_RELAXED) ||
				      (is->shutdown & RCV_SHUTDOWN), deadline);
		if (err)
			return err;
		mutex_lock(&in->lock);
	}
	struct pkt *p = list_first_entry(&is->rxq, struct pkt, link);
	size_t n = MIN(p->len, m->iter.count);
	ssize_t ret = n;
	if (msg_copy_to(&m->iter, p->data, n)) {
		ret = -EFAULT;
	} else {
		if (n < p->len) {
			m->flags |= MSG_TRUNC;
			if (flags & MSG_TRUNC)
				ret = p->len;
		}
		struct sockaddr_in *sin = m->name;
		if (sin) {
			memset(sin, 0, sizeof(*sin));
			sin->sin_family = AF_INET;
			sin->sin_addr.s_addr = p->saddr;
			sin->sin_port = p->sport;
			m->namelen = sizeof(*sin);
		}
		if (is->recvttl && m->control && p->nh) {
			int ttl = ((struct iphdr *)p->nh)->ttl;
			if (put_cmsg(m, IPPROTO_IP, IP_TTL, sizeof(ttl), &ttl))
				ret = -EFAULT;
		}
	}
	/* Linux counts a datagram in when it is read. */
	if (ret >= 0 && !(flags & MSG_PEEK) && is->kind == KIND_UDP)
		UDP_INC(sock->net, INDATAGRAMS);
	if (!(flags & MSG_PEEK) || ret == -EFAULT) {	/* a fault loses it, as Linux */
		list_del(&p->link);
		is->rx_bytes -= p->truesize;
		sk_mem_uncharge(&is->mem, p->truesize);
		pkt_free(p);
	}
	mutex_unlock(&in->lock);
	return ret;
}

/* ---- the rest ---- */

static unsigned int inet_dgram_poll(struct socket *sock, struct poll_table *pt)
{
	struct inet_sock *is = inet_sk(sock);
	struct inet_net *in = sock->net->inet;
	poll_wait(&is->wq, pt);
	unsigned int mask = POLLOUT | POLLWRNORM | POLLWRBAND;
	mutex_lock(&in->lock);
	if (__atomic_load_n(&sock->err, __ATOMIC_RELAXED))
		mask |= POLLERR;
	if (!list_empty(&is->rxq))
		mask |= POLLIN | POLLRDNORM;
	if (is->shutdown & RCV_SHUTDOWN)
		mask |= POLLRDHUP | POLLIN | POLLRDNORM;
	if (is->shutdown == SHUTDOWN_MASK)
		mask |= POLLHUP;
	mutex_unlock(&in->lock);
	return mask;
}

static int inet_dgram_shutdown(struct socket *sock, int how)
{
	struct inet_sock *is = inet_sk(sock);
	struct inet_net *in = sock->net->inet;
	mutex_lock(&in->lock);
	/* As Linux: an unconnected socket says ENOTCONN but is shut all
	 * the same. */
	int err = is->connected ? 0 : -ENOTCONN;
	is->shutdown |= how + 1;
	wake_up(&is->wq);
	mutex_unlock(&in->lock);
	return err;
}

static long inet_dgram_ioctl(struct socket *sock, unsigned int cmd, unsigned long arg)
{
	struct inet_sock *is = inet_sk(sock);
	struct inet_net *in = sock->net->inet;
	int n = 0;
	switch (cmd) {
	case SIOCINQ:
		mutex_lock(&in->lock);
		if (!list_empty(&is->rxq))
			n = list_first_entry(&is->rxq, struct pkt, link)->len;
		mutex_unlock(&in->lock);
		break;
	case SIOCOUTQ:
		break;
	default:
		return -ENOTTY;
	}
	return put_user(n, (int __user *)arg) ? -EFAULT : 0;
}

static int inet_setsockopt(struct socket *sock, int level, int name, const void *val, int len)
{
	struct inet_sock *is = inet_sk(sock);
	int v;
	if (len < (int)sizeof(int))
		return -EINVAL;
	memcpy(&v, val, sizeof(v));
	if (level == SOL_SOCKET) {
		switch (name) {
		case SO_REUSEADDR: is->reuseaddr = v != 0; return 0;
		case SO_REUSEPORT: is->reuseport = v != 0; return 0;
		case SO_BROADCAST: is->broadcast = v != 0; return 0;
		}
	} else if (level == IPPROTO_IP && name == IP_TTL) {
		if (v < -1 || v == 0 || v > 255)
			return -EINVAL;
		is->ttl = v;
		return 0;
	} else if (level == IPPROTO_IP && name == IP_RECVTTL) {
		is->recvttl = v != 0;
		return 0;
	}
	return -ENOPROTOOPT;
}

static int inet_getsockopt(struct socket *sock, int level, int name, void *val, int *len)
{
	struct inet_sock *is = inet_sk(sock);
	int v;
	if (level == SOL_SOCKET) {
		switch (name) {
		case SO_REUSEADDR: v = is->reuseaddr; break;
		case SO_REUSEPORT: v = is->reuseport; break;
		case SO_BROADCAST: v = is->broadcast; break;
		default: return -ENOPROTOOPT;
		}
	} else if (level == IPPROTO_IP && name == IP_TTL) {
		v = is->ttl < 0 ? IPDEFTTL : is->ttl;
	} else if (level == IPPROTO_IP && name == IP_RECVTTL) {
		v = is->recvttl;
	} else {
		return -ENOPROTOOPT;
	}
	memcpy(val, &v, sizeof(v));
	*len = sizeof(v);
	return 0;
}

static void inet_release(struct socket *sock)
{
	struct inet_sock *is = inet_sk(sock);
	struct inet_net *in = sock->net->inet;
	mutex_lock(&in->lock);
	if (is->kind == KIND_RAW)
		list_del(&is->link);
	else
		unhash(is);
	struct pkt *p, *n;
	list_for_each_entry_safe(p, n, &is->rxq, link)
		pkt_free(p);
	in->nsockets--;
	mutex_unlock(&in->lock);
	sk_mem_detach(&is->mem);
	kfree(is);
	sock->sk = NULL;
}

static const struct proto_ops inet_dgram_ops = {
	.family = AF_INET,
	.release = inet_release,
	.bind = inet_bind,
	.connect = inet_dgram_connect,
	.getname = inet_getname,
	.poll = inet_dgram_poll,
	.ioctl = inet_dgram_ioctl,
	.shutdown = inet_dgram_shutdown,
	.sendmsg = inet_dgram_sendmsg,
	.recvmsg = inet_dgram_recvmsg,
	.setsockopt = inet_setsockopt,
	.getsockopt = inet_getsockopt,
};

/* May current open a ping socket in net (net.ipv4.ping_group_range)? */
static bool ping_allowed(struct inet_net *in)
{
	const struct cred *c = current->cred;
	gid_t lo = in->ping_gid_lo, hi = in->ping_gid_hi;
	if (c->egid >= lo && c->egid <= hi)
		return true;
	for (int i = 0; i < c->ngroups; i++)
		if (c->groups[i] >= lo && c->groups[i] <= hi)
			return true;
	return false;
}

static int inet_create(struct socket *sock, int protocol)
{
	struct net *net = sock->net;
	struct inet_net *in = net->inet;
	int kind;
	switch (sock->type) {
	case SOCK_DGRAM:
		if (protocol == 0 || protocol == IPPROTO_UDP) {
			kind = KIND_UDP;
			sock->protocol = IPPROTO_UDP;
		} else if (protocol == IPPROTO_ICMP) {
			if (!ping_allowed(in))
				return -EACCES;
			kind = KIND_PING;
		} else {
			return -EPROTONOSUPPORT;
		}
		break;
	case SOCK_RAW:
		if (!ns_capable(net->user_ns, CAP_NET_RAW))
			return -EPERM;
		if (protocol != IPPROTO_ICMP)
			return -EPROTONOSUPPORT;
		kind = KIND_RAW;
		break;
	case SOCK_STREAM:
		if (protocol && protocol != IPPROTO_TCP)
			return -EPROTONOSUPPORT;
		sock->protocol = IPPROTO_TCP;
		return tcp_create(sock);
	default:
		return -ESOCKTNOSUPPORT;
	}
	struct inet_sock *is = kzalloc(sizeof(*is));
	if (!is)
		return -ENOMEM;
	is->sock = sock;
	is->net = net;
	is->kind = kind;
	is->ttl = -1;
	is->uid = current->cred->fsuid;
	list_init(&is->link);
	list_init(&is->rxq);
	waitqueue_init(&is->wq);
	if (kind == KIND_UDP)
		sk_mem_attach(&is->mem);
	sock->sk = is;
	sock->ops = &inet_dgram_ops;
	mutex_lock(&in->lock);
	if (kind == KIND_RAW)
		list_add_tail(&is->link, &in->raw_list);
	in->nsockets++;
	mutex_unlock(&in->lock);
	return 0;
}

const struct net_proto_family inet_family = {
	.family = AF_INET,
	.create = inet_create,
};

void udp_for_each(struct net *net, void (*fn)(const struct inet_sock_row *r, void *arg),
		  void *arg)
{
	struct inet_net *in = net->inet;
	mutex_lock(&in->lock);
	for (int b = 0; b <= (int)in->port_mask; b++) {
		struct inet_sock *is;
		list_for_each_entry(is, &in->udp_hash[b], link) {
			struct inet_sock_row r = {
				.bucket = b, .laddr = is->rcv_saddr, .lport = is->sport,
				.raddr = is->daddr, .rport = is->dport,
				.state = is->connected ? TCP_ESTABLISHED : TCP_CLOSE,
				.rxq = is->rx_bytes, .uid = is->uid, .ino = is->sock->ino,
				.drops = is->drops,
			};
			fn(&r, arg);
		}
	}
	mutex_unlock(&in->lock);
}
