/*
 * net/netlink.c - AF_NETLINK sockets (netlink.h): port ids, the receive
 * queue of datagrams, requests to the kernel (handed to rtnetlink),
 * acknowledgements and NLMSG_ERROR, dumps in steps, multicast groups,
 * and the message-building helpers.
 *
 * Locks, in the order they nest:
 *   nl->rx_mutex   one receive at a time on a socket (it copies out of the
 *                  queue's first message without the spinlock);
 *   nl->dump_mutex one dump step at a time on a socket;
 *   rtnl           (netdevice.h) taken around every request and dump step;
 *   nl_table_lock  the list of sockets (port ids, groups, multicast);
 *   nl->lock       (spinlock) the receive queue, its byte count and the
 *                  dump in progress (nl->cb).
 * Only a receive (under rx_mutex) or release frees a queued message.
 */
#include "netlink.h"
#include "net.h"
#include "netdevice.h"
#include "ns.h"
#include "proc.h"
#include "cred.h"
#include "poll.h"
#include "signal.h"
#include "timer.h"
#include "kmalloc.h"
#include "string.h"

struct nl_sock {
	struct socket *sock;
	struct net *net;		/* sock->net */
	uint32_t portid;
	bool bound;
	uint32_t groups;		/* bit g-1: member of group g */
	uint32_t dst_portid, dst_group;	/* connect */
	struct list_head link;		/* in nl_socks */
	struct spinlock lock;
	struct list_head rxq;		/* struct nl_msg */
	size_t rx_bytes;
	struct waitqueue wq;
	struct mutex rx_mutex, dump_mutex;
	struct nl_dump_cb *cb;		/* the dump in progress */
	size_t max_recv;		/* the largest receive buffer seen */
	bool ext_ack, strict, cap_ack, no_enobufs, pktinfo, bcast_err, listen_all;
};

static LIST_HEAD(nl_socks);
static struct mutex nl_table_lock = { .name = "nl_table", .wq = WAITQUEUE_INIT(nl_table_lock.wq) };

#define NL_GOODSIZE	3776	/* a first dump step's room, as Linux's NLMSG_GOODSIZE */
#define NL_DUMP_MAX	32768

static struct nl_sock *nl_sk(struct socket *sock)
{
	return sock->sk;
}

uint32_t nl_portid(struct nl_sock *sk) { return sk->portid; }
bool nl_strict(struct nl_sock *sk) { return sk->strict; }
struct net *nl_net(struct nl_sock *sk) { return sk->net; }

/* ---- messages ---- */

struct nl_msg *nl_msg_new(size_t cap)
{
	struct nl_msg *m = kmalloc(sizeof(*m) + cap);
	if (!m)
		return NULL;
	list_init(&m->link);
	m->len = 0;
	m->cap = cap;
	m->group = 0;
	return m;
}

void nl_msg_free(struct nl_msg *m)
{
	kfree(m);
}

struct nlmsghdr *nlmsg_put(struct nl_msg *m, uint32_t portid, uint32_t seq, int type,
			   size_t payload, int flags)
{
	size_t need = NLMSG_ALIGN(NLMSG_HDRLEN + payload);
	if (m->len + need > m->cap)
		return NULL;
	struct nlmsghdr *nlh = (struct nlmsghdr *)(m->data + m->len);
	memset(nlh, 0, need);
	nlh->nlmsg_len = NLMSG_HDRLEN + payload;
	nlh->nlmsg_type = type;
	nlh->nlmsg_flags = flags;
	nlh->nlmsg_seq = seq;
	nlh->nlmsg_pid = portid;
	m->len += need;
	return nlh;
}

void nlmsg_end(struct nl_msg *m, struct nlmsghdr *nlh)
{
	nlh->nlmsg_len = m->data + m->len - (unsigned char *)nlh;
}

void nlmsg_cancel(struct nl_msg *m, struct nlmsghdr *nlh)
{
	m->len = (unsigned char *)nlh - m->data;
}

int nla_put(struct nl_msg *m, int type, size_t len, const void *data)
{
	size_t need = NLA_ALIGN(NLA_HDRLEN + len);
	if (m->len + need > m->cap)
		return -EMSGSIZE;
	struct nlattr *a = (struct nlattr *)(m->data + m->len);
	a->nla_len = NLA_HDRLEN + len;
	a->nla_type = type;
	if (len)
		memcpy(nla_data(a), data, len);
	memset((char *)a + NLA_HDRLEN + len, 0, need - NLA_HDRLEN - len);
	m->len += need;
	return 0;
}

int nla_put_string(struct nl_msg *m, int type, const char *s)
{
	return nla_put(m, type, strlen(s) + 1, s);
}

struct nlattr *nla_nest_start(struct nl_msg *m, int type)
{
	struct nlattr *a = (struct nlattr *)(m->data + m->len);
	/* Without NLA_F_NESTED, as Linux's rtnetlink nests (IFLA_LINKINFO). */
	if (nla_put(m, type, 0, NULL))
		return NULL;
	return a;
}

void nla_nest_end(struct nl_msg *m, struct nlattr *nest)
{
	nest->nla_len = m->data + m->len - (unsigned char *)nest;
}

int nla_parse(struct nlattr **tb, int max, const void *buf, size_t len)
{
	for (int i = 0; i <= max; i++)
		tb[i] = NULL;
	const unsigned char *p = buf;
	while (len >= NLA_HDRLEN) {
		const struct nlattr *a = (const struct nlattr *)p;
		if (a->nla_len < NLA_HDRLEN || a->nla_len > len)
			return -EINVAL;
		int type = a->nla_type & NLA_TYPE_MASK;
		if (type <= max)
			tb[type] = (struct nlattr *)a;
		size_t step = NLA_ALIGN(a->nla_len);
		if (step >= len)
			break;
		p += step;
		len -= step;
	}
	return 0;
}

/* ---- queues ---- */

/* Queue m on sk unless its buffer is full (then ENOBUFS is its error,
 * as Linux).  m is consumed. */
static void nl_queue(struct nl_sock *sk, struct nl_msg *m)
{
	spin_lock(&sk->lock);
	if (sk->rx_bytes > (size_t)sk->sock->rcvbuf) {
		spin_unlock(&sk->lock);
		if (!sk->no_enobufs)
			__atomic_store_n(&sk->sock->err, -ENOBUFS, __ATOMIC_RELAXED);
		nl_msg_free(m);
		wake_up(&sk->wq);
		return;
	}
	list_add_tail(&m->link, &sk->rxq);
	sk->rx_bytes += sizeof(*m) + m->cap;
	spin_unlock(&sk->lock);
	wake_up(&sk->wq);
}

void nl_unicast(struct nl_sock *sk, struct nl_msg *m)
{
	nl_queue(sk, m);
}

void nl_broadcast(struct net *net, uint32_t group, struct nl_msg *m)
{
	if (group < 1 || group > 32) {
		nl_msg_free(m);
		return;
	}
	mutex_lock(&nl_table_lock);
	struct nl_sock *sk;
	list_for_each_entry(sk, &nl_socks, link) {
		if (sk->net != net || !(sk->groups & (1u << (group - 1))))
			continue;
		struct nl_msg *c = nl_msg_new(m->len);
		if (!c) {
			__atomic_store_n(&sk->sock->err, -ENOBUFS, __ATOMIC_RELAXED);
			continue;
		}
		memcpy(c->data, m->data, m->len);
		c->len = m->len;
		c->group = group;
		nl_queue(sk, c);
	}
	mutex_unlock(&nl_table_lock);
	nl_msg_free(m);
}

/* ---- port ids ---- */

static struct nl_sock *port_lookup(struct net *net, uint32_t portid)
{
	struct nl_sock *sk;
	list_for_each_entry(sk, &nl_socks, link)
		if (sk->net == net && sk->bound && sk->portid == portid)
			return sk;
	return NULL;
}

/* Bind to portid, or choose one when 0: the thread group's id first,
 * then -4096, -4097 ... as Linux.  nl_table_lock held. */
static int do_bind(struct nl_sock *sk, uint32_t portid)
{
	if (sk->bound)
		return portid && portid != sk->portid ? -EINVAL : 0;
	if (portid) {
		if (port_lookup(sk->net, portid))
			return -EADDRINUSE;
	} else {
		static int32_t rover = -4096;
		portid = task_tgid_vnr(current);
		while (port_lookup(sk->net, portid)) {
			portid = (uint32_t)rover--;
			if (rover > -4096)
				rover = -4096;
		}
	}
	sk->portid = portid;
	sk->bound = true;
	return 0;
}

static int nl_autobind(struct nl_sock *sk)
{
	mutex_lock(&nl_table_lock);
	int err = do_bind(sk, 0);
	mutex_unlock(&nl_table_lock);
	return err;
}

static int nl_bind(struct socket *sock, const void *addr, int len)
{
	struct nl_sock *sk = nl_sk(sock);
	const struct sockaddr_nl *nla = addr;
	if (len < (int)sizeof(*nla) || nla->nl_family != AF_NETLINK)
		return -EINVAL;
	mutex_lock(&nl_table_lock);
	int err = do_bind(sk, nla->nl_pid);
	if (!err)
		sk->groups = nla->nl_groups;
	mutex_unlock(&nl_table_lock);
	return err;
}

static int nl_connect(struct socket *sock, const void *addr, int len, int flags)
{
	struct nl_sock *sk = nl_sk(sock);
	const struct sockaddr_nl *nla = addr;
	if (len < (int)sizeof(sa_family_t))
		return -EINVAL;
	if (nla->nl_family == AF_UNSPEC) {
		sk->dst_portid = sk->dst_group = 0;
		return 0;
	}
	if (len < (int)sizeof(*nla) || nla->nl_family != AF_NETLINK)
		return -EINVAL;
	if (nla->nl_groups && !ns_capable(sk->net->user_ns, CAP_NET_ADMIN))
		return -EPERM;
	int err = nl_autobind(sk);
	if (err)
		return err;
	sk->dst_portid = nla->nl_pid;
	sk->dst_group = nla->nl_groups ? __builtin_ctz(nla->nl_groups) + 1 : 0;
	return 0;
}

static int nl_getname(struct socket *sock, void *addr, bool peer)
{
	struct nl_sock *sk = nl_sk(sock);
	struct sockaddr_nl *nla = addr;
	memset(nla, 0, sizeof(*nla));
	nla->nl_family = AF_NETLINK;
	if (peer) {
		nla->nl_pid = sk->dst_portid;
		nla->nl_groups = sk->dst_group ? 1u << (sk->dst_group - 1) : 0;
	} else {
		nla->nl_pid = sk->portid;
		nla->nl_groups = sk->groups;
	}
	return sizeof(*nla);
}

/* ---- dumps ---- */

int netlink_dump_start(struct nl_sock *sk, const struct nlmsghdr *nlh,
		       int (*step)(struct nl_msg *m, struct nl_dump_cb *cb))
{
	struct nl_dump_cb *cb = kzalloc(sizeof(*cb));
	struct nlmsghdr *copy = kmalloc(nlh->nlmsg_len);
	if (!cb || !copy) {
		kfree(cb);
		kfree(copy);
		return -ENOMEM;
	}
	memcpy(copy, nlh, nlh->nlmsg_len);
	cb->sk = sk;
	cb->nlh = copy;
	cb->portid = sk->portid;
	cb->seq = nlh->nlmsg_seq;
	cb->step = step;
	spin_lock(&sk->lock);
	bool busy = sk->cb;
	if (!busy)
		sk->cb = cb;
	spin_unlock(&sk->lock);
	if (busy) {
		kfree(copy);
		kfree(cb);
		return -EBUSY;
	}
	return NL_DUMP_STARTED;
}

static void cb_free(struct nl_dump_cb *cb)
{
	kfree(cb->nlh);
	kfree(cb);
}

/* Run one step of sk's dump, if one is in progress. */
static void nl_dump_run(struct nl_sock *sk)
{
	mutex_lock(&sk->dump_mutex);
	struct nl_dump_cb *cb = __atomic_load_n(&sk->cb, __ATOMIC_ACQUIRE);
	if (!cb) {
		mutex_unlock(&sk->dump_mutex);
		return;
	}
	size_t size = MAX(sk->max_recv, (size_t)NL_GOODSIZE);
	if (size > NL_DUMP_MAX)
		size = NL_DUMP_MAX;
	struct nl_msg *m = nl_msg_new(size);
	int ret = -ENOMEM;
	if (m) {
		rtnl_lock();
		ret = cb->step(m, cb);
		rtnl_unlock();
		if (ret > 0 && !m->len)
			ret = -EMSGSIZE;	/* one entry larger than a message */
	}
	if (ret <= 0) {
		/* NLMSG_DONE carries the dump's result in a datagram of its
		 * own, as Linux's link, address and route dumps send it
		 * (RTNL_FLAG_DUMP_SPLIT_NLM_DONE: some programs expect it). */
		if (m && m->len) {
			nl_queue(sk, m);
			m = NULL;
		}
		if (!m)
			m = nl_msg_new(NLMSG_SPACE(sizeof(int)));
		struct nlmsghdr *done = m ? nlmsg_put(m, cb->portid, cb->seq, NLMSG_DONE,
						      sizeof(int), NLM_F_MULTI) : NULL;
		if (done)
			*(int *)NLMSG_DATA(done) = ret;
		spin_lock(&sk->lock);
		sk->cb = NULL;
		spin_unlock(&sk->lock);
		cb_free(cb);
	}
	if (m)
		nl_queue(sk, m);
	mutex_unlock(&sk->dump_mutex);
}

/* ---- requests ---- */

static void nl_ack(struct nl_sock *sk, struct nlmsghdr *req, int err, const char *errmsg)
{
	bool full = err && !sk->cap_ack;
	size_t payload = sizeof(struct nlmsgerr) + (full ? req->nlmsg_len - NLMSG_HDRLEN : 0);
	size_t tlvs = 0;
	if (sk->ext_ack && errmsg && err)
		tlvs = NLA_ALIGN(NLA_HDRLEN + strlen(errmsg) + 1);
	struct nl_msg *m = nl_msg_new(NLMSG_SPACE(payload) + tlvs);
	if (!m) {
		__atomic_store_n(&sk->sock->err, -ENOBUFS, __ATOMIC_RELAXED);
		wake_up(&sk->wq);
		return;
	}
	int flags = (full ? 0 : NLM_F_CAPPED) | (tlvs ? NLM_F_ACK_TLVS : 0);
	struct nlmsghdr *nlh = nlmsg_put(m, sk->portid, req->nlmsg_seq, NLMSG_ERROR, payload, flags);
	struct nlmsgerr *e = NLMSG_DATA(nlh);
	e->error = err;
	memcpy(&e->msg, req, full ? req->nlmsg_len : sizeof(*req));
	if (tlvs)
		nla_put_string(m, NLMSGERR_ATTR_MSG, errmsg);
	nlmsg_end(m, nlh);
	nl_queue(sk, m);
}

/* The requests in buf, one after another (Linux's netlink_rcv_skb). */
static void nl_rcv(struct nl_sock *sk, unsigned char *buf, size_t len)
{
	while (len >= NLMSG_HDRLEN) {
		struct nlmsghdr *nlh = (struct nlmsghdr *)buf;
		if (nlh->nlmsg_len < NLMSG_HDRLEN || nlh->nlmsg_len > len)
			return;
		int err = 0;
		const char *errmsg = NULL;
		if (!(nlh->nlmsg_flags & NLM_F_REQUEST))
			goto skip;
		if (nlh->nlmsg_type >= NLMSG_MIN_TYPE) {
			err = rtnetlink_rcv(sk, nlh, &errmsg);
			if (err == NL_DUMP_STARTED) {
				nl_dump_run(sk);
				goto skip;
			}
		}
		if (err || (nlh->nlmsg_flags & NLM_F_ACK))
			nl_ack(sk, nlh, err, errmsg);
skip:;
		size_t step = NLMSG_ALIGN(nlh->nlmsg_len);
		if (step >= len)
			return;
		buf += step;
		len -= step;
	}
}

static ssize_t nl_sendmsg(struct socket *sock, struct kmsg *m, int flags)
{
	struct nl_sock *sk = nl_sk(sock);
	if (flags & MSG_OOB)
		return -EOPNOTSUPP;
	uint32_t dst_portid = sk->dst_portid, dst_group = sk->dst_group;
	if (m->name) {
		const struct sockaddr_nl *nla = m->name;
		if (m->namelen < (int)sizeof(*nla) || nla->nl_family != AF_NETLINK)
			return -EINVAL;
		dst_portid = nla->nl_pid;
		dst_group = nla->nl_groups ? __builtin_ctz(nla->nl_groups) + 1 : 0;
	}
	if ((dst_portid || dst_group) && !ns_capable(sk->net->user_ns, CAP_NET_ADMIN))
		return -EPERM;
	size_t len = m->iter.count;
	if (len > (size_t)sock->sndbuf - 32)
		return -EMSGSIZE;
	int err = nl_autobind(sk);
	if (err)
		return err;
	struct nl_msg *msg = nl_msg_new(len);
	if (!msg)
		return -ENOBUFS;
	if (msg_copy_from(&m->iter, msg->data, len)) {
		nl_msg_free(msg);
		return -EFAULT;
	}
	msg->len = len;
	if (dst_group) {
		struct nl_msg *c = nl_msg_new(len);
		if (c) {
			memcpy(c->data, msg->data, len);
			c->len = len;
			nl_broadcast(sk->net, dst_group, c);
		}
	}
	if (dst_portid) {
		mutex_lock(&nl_table_lock);
		struct nl_sock *to = port_lookup(sk->net, dst_portid);
		if (to)
			nl_queue(to, msg);
		mutex_unlock(&nl_table_lock);
		if (!to) {
			nl_msg_free(msg);
			return -ECONNREFUSED;
		}
		return len;
	}
	if (!dst_group)
		nl_rcv(sk, msg->data, len);
	nl_msg_free(msg);
	return len;
}

static ssize_t nl_recvmsg(struct socket *sock, struct kmsg *m, int flags)
{
	struct nl_sock *sk = nl_sk(sock);
	if (flags & MSG_OOB)
		return -EOPNOTSUPP;
	uint64_t deadline = sock_deadline(sock, false);
	struct nl_msg *msg;
	mutex_lock(&sk->rx_mutex);
	if (m->iter.count > sk->max_recv)
		sk->max_recv = MIN(m->iter.count, (size_t)NL_DUMP_MAX);
	for (;;) {
		spin_lock(&sk->lock);
		msg = list_empty(&sk->rxq) ? NULL : list_first_entry(&sk->rxq, struct nl_msg, link);
		bool dumping = sk->cb;
		spin_unlock(&sk->lock);
		if (msg)
			break;
		int err = __atomic_exchange_n(&sock->err, 0, __ATOMIC_RELAXED);
		if (err) {
			mutex_unlock(&sk->rx_mutex);
			return err;
		}
		if (dumping) {
			nl_dump_run(sk);
			continue;
		}
		mutex_unlock(&sk->rx_mutex);
		if (flags & MSG_DONTWAIT)
			return -EAGAIN;
		err = sock_wait_event(sk->wq, !list_empty(&sk->rxq) ||
				      __atomic_load_n(&sock->err, __ATOMIC_RELAXED) ||
				      __atomic_load_n(&sk->cb, __ATOMIC_RELAXED), deadline);
		if (err)
			return err;
		mutex_lock(&sk->rx_mutex);
	}
	size_t n = MIN(msg->len, m->iter.count);
	ssize_t ret = n;
	if (msg_copy_to(&m->iter, msg->data, n))
		ret = -EFAULT;
	if (n < msg->len) {
		m->flags |= MSG_TRUNC;
		if ((flags & MSG_TRUNC) && ret >= 0)
			ret = msg->len;
	}
	struct sockaddr_nl *nla = m->name;
	if (nla) {
		memset(nla, 0, sizeof(*nla));
		nla->nl_family = AF_NETLINK;
		nla->nl_groups = msg->group ? 1u << (msg->group - 1) : 0;
		m->namelen = sizeof(*nla);
	}
	if (!(flags & MSG_PEEK)) {
		spin_lock(&sk->lock);
		list_del(&msg->link);
		sk->rx_bytes -= sizeof(*msg) + msg->cap;
		bool more = sk->cb && sk->rx_bytes <= (size_t)sock->rcvbuf / 2;
		spin_unlock(&sk->lock);
		nl_msg_free(msg);
		if (more)
			nl_dump_run(sk);
	}
	mutex_unlock(&sk->rx_mutex);
	return ret;
}

static unsigned int nl_poll(struct socket *sock, struct poll_table *pt)
{
	struct nl_sock *sk = nl_sk(sock);
	poll_wait(&sk->wq, pt);
	unsigned int mask = POLLOUT | POLLWRNORM | POLLWRBAND;
	spin_lock(&sk->lock);
	if (!list_empty(&sk->rxq) || sk->cb)
		mask |= POLLIN | POLLRDNORM;
	spin_unlock(&sk->lock);
	if (__atomic_load_n(&sock->err, __ATOMIC_RELAXED))
		mask |= POLLERR;
	return mask;
}

/* ---- options ---- */

static bool *nl_flag(struct nl_sock *sk, int name)
{
	switch (name) {
	case NETLINK_EXT_ACK: return &sk->ext_ack;
	case NETLINK_GET_STRICT_CHK: return &sk->strict;
	case NETLINK_CAP_ACK: return &sk->cap_ack;
	case NETLINK_NO_ENOBUFS: return &sk->no_enobufs;
	case NETLINK_PKTINFO: return &sk->pktinfo;
	case NETLINK_BROADCAST_ERROR: return &sk->bcast_err;
	case NETLINK_LISTEN_ALL_NSID: return &sk->listen_all;
	}
	return NULL;
}

static int nl_setsockopt(struct socket *sock, int level, int name, const void *val, int len)
{
	struct nl_sock *sk = nl_sk(sock);
	if (level != SOL_NETLINK)
		return -ENOPROTOOPT;
	int v;
	if (len < (int)sizeof(v))
		return -EINVAL;
	memcpy(&v, val, sizeof(v));
	if (name == NETLINK_ADD_MEMBERSHIP || name == NETLINK_DROP_MEMBERSHIP) {
		if (v < 1 || v > 32)
			return -EINVAL;	/* this kernel's groups are the first 32 */
		int err = nl_autobind(sk);
		if (err)
			return err;
		mutex_lock(&nl_table_lock);
		if (name == NETLINK_ADD_MEMBERSHIP)
			sk->groups |= 1u << (v - 1);
		else
			sk->groups &= ~(1u << (v - 1));
		mutex_unlock(&nl_table_lock);
		return 0;
	}
	if (name == NETLINK_LISTEN_ALL_NSID && !ns_capable(sk->net->user_ns, CAP_NET_BROADCAST))
		return -EPERM;
	bool *f = nl_flag(sk, name);
	if (!f)
		return -ENOPROTOOPT;
	*f = v != 0;
	return 0;
}

static int nl_getsockopt(struct socket *sock, int level, int name, void *val, int *len)
{
	struct nl_sock *sk = nl_sk(sock);
	if (level != SOL_NETLINK)
		return -ENOPROTOOPT;
	if (*len < (int)sizeof(int))
		return -EINVAL;
	bool *f = nl_flag(sk, name);
	if (!f)
		return -ENOPROTOOPT;
	int v = *f;
	memcpy(val, &v, sizeof(v));
	*len = sizeof(v);
	return 0;
}

static void nl_release(struct socket *sock)
{
	struct nl_sock *sk = nl_sk(sock);
	mutex_lock(&nl_table_lock);
	list_del(&sk->link);
	mutex_unlock(&nl_table_lock);
	struct nl_msg *m, *n;
	list_for_each_entry_safe(m, n, &sk->rxq, link)
		nl_msg_free(m);
	if (sk->cb)
		cb_free(sk->cb);
	kfree(sk);
	sock->sk = NULL;
}

static const struct proto_ops nl_ops = {
	.family = AF_NETLINK,
	.release = nl_release,
	.bind = nl_bind,
	.connect = nl_connect,
	.getname = nl_getname,
	.poll = nl_poll,
	.sendmsg = nl_sendmsg,
	.recvmsg = nl_recvmsg,
	.setsockopt = nl_setsockopt,
	.getsockopt = nl_getsockopt,
};

static int nl_create(struct socket *sock, int protocol)
{
	if (sock->type != SOCK_RAW && sock->type != SOCK_DGRAM)
		return -ESOCKTNOSUPPORT;
	if (protocol != NETLINK_ROUTE)
		return -EPROTONOSUPPORT;
	struct nl_sock *sk = kzalloc(sizeof(*sk));
	if (!sk)
		return -ENOMEM;
	sk->sock = sock;
	sk->net = sock->net;
	spin_init(&sk->lock, "netlink");
	list_init(&sk->rxq);
	waitqueue_init(&sk->wq);
	mutex_init(&sk->rx_mutex, "nl_rx");
	mutex_init(&sk->dump_mutex, "nl_dump");
	sock->sk = sk;
	sock->ops = &nl_ops;
	mutex_lock(&nl_table_lock);
	list_add_tail(&sk->link, &nl_socks);
	mutex_unlock(&nl_table_lock);
	return 0;
}

const struct net_proto_family netlink_family = {
	.family = AF_NETLINK,
	.create = nl_create,
};
