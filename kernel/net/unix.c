/*
 * AF_UNIX sockets: SOCK_STREAM, SOCK_DGRAM and SOCK_SEQPACKET between
 * processes of one machine, named by a path (a S_IFSOCK node made by
 * bind) or by an abstract name (a leading NUL byte; per network
 * namespace), or by nothing (socketpair, autobind).
 *
 * Each socket's state is a struct unix_sock: a queue of received
 * messages (struct unix_skb: the bytes, and the descriptors and
 * credentials that came with them), its peer, its bound name.  A stream
 * connection is made at connect time: the listener gets an "embryo"
 * unix_sock, already connected to the caller, on its accept queue, and
 * accept gives the embryo a socket of its own.
 *
 * Locking: unix_lock (a mutex) guards every unix_sock's fields, the
 * lists of bound and of all sockets and the in-flight counts; one lock
 * for the family keeps the rules obvious (nothing here holds two, but
 * free_lock's moment on the list of messages to free).  Data is copied
 * from user memory before the lock is taken; it is copied out under it.
 * Descriptors are put (file_put may release another socket) only after
 * it is dropped, and iteratively (skb_free_list).  Each
 * unix_sock has a wait queue: its readers, acceptors, pollers, and the
 * senders and connectors waiting for room in it sleep there; whoever
 * changes what they wait for wakes it.
 *
 * Not done: MSG_OOB, SO_PEEK_OFF.
 */
#include "net.h"
#include "fs.h"
#include "vfs.h"
#include "file.h"
#include "proc.h"
#include "signal.h"
#include "timer.h"
#include "poll.h"
#include "cred.h"
#include "user_ns.h"
#include "ns.h"
#include "kmalloc.h"
#include "string.h"
#include "uaccess.h"
#include "printk.h"
#include <linux/un.h>
#include <linux/net.h>		/* SS_* */
#include <linux/capability.h>
#include <asm/ioctls.h>
#include <linux/sockios.h>

#define UNIX_DGRAM_QLEN	10	/* datagrams queued to an unconnected receiver
				 * (net.unix.max_dgram_qlen) */
#define UNIX_SKB_MAX	65536	/* bytes of a stream in one queued message */
#define SUN_OFFSET	((int)offsetof(struct sockaddr_un, sun_path))
#define AUTOBIND_LEN	(SUN_OFFSET + 1 + 5)	/* "\0" and five hex digits */

/* Credentials as the kernel names them: the sender's process and ids. */
struct unix_cred {
	struct pid *pid;		/* referenced, or NULL */
	uid_t uid;
	gid_t gid;
};

/* What one send carries besides bytes (SCM_RIGHTS, SCM_CREDENTIALS). */
struct unix_scm {
	struct file **fds;		/* referenced, kmalloc'd */
	int nfds;
	struct unix_cred cred;
};

struct unix_skb {
	struct list_head link;
	size_t len, off;		/* bytes, bytes already read (stream) */
	size_t mem;			/* what it costs its queue: bytes and what
					 * carries them, so that empty messages
					 * are not free (set when queued) */
	struct sockaddr_un from;	/* the sender's name, from_len 0 if none */
	int from_len;
	struct unix_scm scm;
	char data[];
};

enum unix_state { UNIX_UNCONNECTED, UNIX_LISTENING, UNIX_CONNECTED };

struct unix_sock {
	int refcnt;			/* its socket, a peer, an accept queue, a waiter */
	int type;
	struct socket *sock;		/* NULL: an embryo, or released */
	struct net *net;		/* referenced */
	struct waitqueue wq;
	enum unix_state state;
	bool dead;			/* released */
	struct unix_sock *peer;		/* referenced: connected to (DGRAM: sends to) */
	struct sockaddr_un addr;	/* bound name; addr_len 0: unbound */
	int addr_len;
	struct path path;		/* a path name's node, referenced */
	struct list_head bound_link;	/* in unix_bound while bound */
	struct list_head rcvq;		/* of unix_skb */
	int rcvq_len;
	size_t rcvq_bytes;		/* data bytes queued */
	size_t rcvq_mem;		/* and the memory they take: the limit */
	struct list_head acceptq;	/* embryos, of a listener */
	int acceptq_len, backlog;
	struct list_head accept_link;	/* an embryo's place there */
	unsigned int shutdown;		/* RCV_SHUTDOWN | SEND_SHUTDOWN */
	int err;			/* ECONNRESET, reported once */
	/* The collector's (see unix_gc_locked): */
	int inflight;			/* times its file is in a queued message */
	int gc_refs;			/* during a collection */
	bool gc_candidate;
	struct list_head all_link;	/* in unix_all */
	struct list_head gc_link;	/* on a collection's lists */
	struct unix_cred peercred;	/* SO_PEERCRED: set at connect, socketpair;
					 * a listener's own, given to its clients */
	bool has_peercred;
};

static struct mutex unix_lock = { .name = "unix", .wq = WAITQUEUE_INIT(unix_lock.wq) };
static LIST_HEAD(unix_bound);
static LIST_HEAD(unix_all);		/* every unix_sock, for the collector */
static int unix_inflight_total;		/* sockets' files in queued messages */
static const struct proto_ops unix_stream_ops, unix_dgram_ops, unix_seqpacket_ops;

static struct unix_sock *unix_sk(struct socket *sock)
{
	return sock->sk;
}

/* ---- credentials ---- */

static void cred_current(struct unix_cred *c, bool effective)
{
	c->pid = get_pid(current->group_leader->pid);
	c->uid = effective ? current->cred->euid : current->cred->uid;
	c->gid = effective ? current->cred->egid : current->cred->gid;
}

static void cred_put(struct unix_cred *c)
{
	if (c->pid)
		put_pid(c->pid);
	c->pid = NULL;
}

static void cred_copy(struct unix_cred *to, const struct unix_cred *from)
{
	cred_put(to);
	*to = *from;
	if (to->pid)
		get_pid(to->pid);
}

/* As the caller's namespaces see them. */
static struct ucred cred_to_user(const struct unix_cred *c)
{
	struct ucred u = { 0, -1, -1 };
	if (c->pid)
		u.pid = pid_nr_ns(c->pid, task_active_pid_ns(current));
	u.uid = from_kuid_munged(current_user_ns(), c->uid);
	u.gid = from_kgid_munged(current_user_ns(), c->gid);
	return u;
}

/* SCM_CREDENTIALS from a sender: its own ids, or others with privilege
 * (CAP_SYS_ADMIN over its pid namespace for a pid, CAP_SETUID, CAP_SETGID). */
static int cred_from_user(const struct ucred *u, struct unix_cred *c)
{
	const struct cred *cr = current->cred;
	struct pid_namespace *pid_ns = task_active_pid_ns(current);
	uid_t uid = make_kuid(cr->user_ns, u->uid);
	gid_t gid = make_kgid(cr->user_ns, u->gid);
	if (uid == INVALID_UID || gid == INVALID_GID)
		return -EINVAL;
	if ((pid_t)u->pid != task_tgid_vnr(current) && !ns_capable(pid_ns->user_ns, CAP_SYS_ADMIN))
		return -EPERM;
	if (uid != cr->uid && uid != cr->euid && uid != cr->suid &&
	    !ns_capable(cr->user_ns, CAP_SETUID))
		return -EPERM;
	if (gid != cr->gid && gid != cr->egid && gid != cr->sgid &&
	    !ns_capable(cr->user_ns, CAP_SETGID))
		return -EPERM;
	spin_lock(&pidmap_lock);
	struct pid *pid = find_pid_ns(u->pid, pid_ns);
	if (pid)
		get_pid(pid);
	spin_unlock(&pidmap_lock);
	if (!pid)
		return -ESRCH;
	cred_put(c);
	c->pid = pid;
	c->uid = uid;
	c->gid = gid;
	return 0;
}

/* ---- control messages ---- */

static void scm_destroy(struct unix_scm *scm)
{
	for (int i = 0; i < scm->nfds; i++)
		file_put(scm->fds[i]);
	kfree(scm->fds);
	scm->fds = NULL;
	scm->nfds = 0;
	cred_put(&scm->cred);
}

static int scm_add_rights(struct unix_scm *scm, const int *ufds, int n)
{
	if (n <= 0)
		return 0;
	if (scm->nfds + n > SCM_MAX_FD)
		return -EINVAL;
	if (!scm->fds) {
		scm->fds = kmalloc(SCM_MAX_FD * sizeof(struct file *));
		if (!scm->fds)
			return -ENOMEM;
	}
	for (int i = 0; i < n; i++) {
		int fd;
		memcpy(&fd, &ufds[i], sizeof(fd));
		struct file *f = fd_get(fd);
		if (!f)
			return -EBADF;
		scm->fds[scm->nfds++] = f;
	}
	return 0;
}

/* The control data of a send (a kernel copy) into scm; the sender's own
 * credentials unless it names others. */
static int scm_send(struct kmsg *m, struct unix_scm *scm)
{
	memset(scm, 0, sizeof(*scm));
	cred_current(&scm->cred, false);
	char *p = m->control;
	size_t left = m->controllen;
	int err = 0;
	while (!err && left >= sizeof(struct cmsghdr)) {
		struct cmsghdr h;
		memcpy(&h, p, sizeof(h));
		if (h.cmsg_len < sizeof(h) || h.cmsg_len > left) {
			err = -EINVAL;
			break;
		}
		size_t dlen = h.cmsg_len - CMSG_LEN(0);
		const char *data = p + CMSG_LEN(0);
		if (h.cmsg_level == SOL_SOCKET) {
			if (h.cmsg_type == SCM_RIGHTS) {
				err = scm_add_rights(scm, (const int *)data, dlen / sizeof(int));
			} else if (h.cmsg_type == SCM_CREDENTIALS) {
				struct ucred u;
				if (dlen != sizeof(u)) {
					err = -EINVAL;
					break;
				}
				memcpy(&u, data, sizeof(u));
				err = cred_from_user(&u, &scm->cred);
			} else {
				err = -EINVAL;
			}
		}
		size_t step = CMSG_ALIGN(h.cmsg_len);
		if (step >= left)
			break;
		p += step;
		left -= step;
	}
	if (err)
		scm_destroy(scm);
	return err;
}

/* Hand a received message's credentials and descriptors to the caller:
 * the descriptors are installed (or put, when there is no room: MSG_CTRUNC). */
static int scm_recv(struct socket *sock, struct kmsg *m, struct unix_scm *scm, int flags)
{
	int err = 0;
	if (sock->passcred && m->user_control) {
		struct ucred u = cred_to_user(&scm->cred);
		err = put_cmsg(m, SOL_SOCKET, SCM_CREDENTIALS, sizeof(u), &u);
	}
	if (!scm->nfds)
		goto out;
	int room = 0;
	if (m->user_control && m->controllen > CMSG_LEN(0))
		room = (m->controllen - CMSG_LEN(0)) / sizeof(int);
	int fds[SCM_MAX_FD], n = 0;
	for (; !err && n < scm->nfds && n < room; n++) {
		int fd = fd_install(scm->fds[n], 0, flags & MSG_CMSG_CLOEXEC);
		if (fd < 0)
			break;
		scm->fds[n] = NULL;
		fds[n] = fd;
	}
	if (n)
		err = put_cmsg(m, SOL_SOCKET, SCM_RIGHTS, n * sizeof(int), fds);
	if (n < scm->nfds)
		m->flags |= MSG_CTRUNC;
	for (int i = n; i < scm->nfds; i++)
		file_put(scm->fds[i]);
	scm->nfds = 0;
out:
	scm_destroy(scm);
	return err;
}

/* A copy of scm for a peek: the same files and process, referenced again. */
static int scm_dup(const struct unix_scm *from, struct unix_scm *to)
{
	*to = *from;
	to->fds = NULL;
	if (from->nfds) {
		to->fds = kmalloc(from->nfds * sizeof(struct file *));
		if (!to->fds)
			return -ENOMEM;
		for (int i = 0; i < from->nfds; i++)
			to->fds[i] = file_get(from->fds[i]);
	}
	if (to->cred.pid)
		get_pid(to->cred.pid);
	return 0;
}

/* ---- unix_sock lifetime ---- */

/* A fresh unix_sock; the caller adds it to unix_all under unix_lock. */
static struct unix_sock *unix_alloc(int type, struct net *net)
{
	struct unix_sock *u = kzalloc(sizeof(*u));
	if (!u)
		return NULL;
	u->refcnt = 1;
	u->type = type;
	u->net = get_net(net);
	waitqueue_init(&u->wq);
	list_init(&u->bound_link);
	list_init(&u->rcvq);
	list_init(&u->acceptq);
	list_init(&u->accept_link);
	list_init(&u->gc_link);
	return u;
}

static struct unix_sock *unix_get(struct unix_sock *u)
{
	u->refcnt++;
	return u;
}

/* Under unix_lock.  The last reference goes only after release, which
 * emptied the queues. */
static void unix_put(struct unix_sock *u)
{
	if (--u->refcnt)
		return;
	if (u->path.dentry)
		path_put(&u->path);
	cred_put(&u->peercred);
	list_del(&u->all_link);
	put_net(u->net);
	kfree(u);
}

static void skb_free(struct unix_skb *skb)
{
	scm_destroy(&skb->scm);
	kfree(skb);
}

/*
 * Free skbs taken off queues, after unix_lock is dropped.  Their
 * descriptors may be the last references to other sockets whose queues
 * hold more sockets, as deep as a user cares to nest them: put one by
 * one, each socket's released messages join one list that the first
 * caller (the drainer) empties, rather than recursing on the kernel
 * stack.  A caller finding a drainer at work leaves its messages to it.
 * free_lock guards free_list and drainer.
 */
static struct spinlock free_lock = SPINLOCK_INIT("unix_free");
static LIST_HEAD(free_list);
static struct task *drainer;

static void skb_free_list(struct list_head *gc)
{
	spin_lock(&free_lock);
	while (!list_empty(gc)) {
		struct unix_skb *skb = list_first_entry(gc, struct unix_skb, link);
		list_del(&skb->link);
		list_add_tail(&skb->link, &free_list);
	}
	if (drainer) {
		spin_unlock(&free_lock);
		return;
	}
	drainer = current;
	while (!list_empty(&free_list)) {
		struct unix_skb *skb = list_first_entry(&free_list, struct unix_skb, link);
		list_del(&skb->link);
		spin_unlock(&free_lock);
		skb_free(skb);
		spin_lock(&free_lock);
	}
	drainer = NULL;
	spin_unlock(&free_lock);
}

/* ---- descriptors in flight, and the collector of their cycles ---- */

/* The unix_sock of f if it is an AF_UNIX socket, else NULL. */
static struct unix_sock *unix_of_file(struct file *f)
{
	struct socket *sock = sock_from_file(f);
	return sock && sock->family == AF_UNIX ? sock->sk : NULL;
}

/* Under unix_lock: scm's descriptors enter (+1) or leave (-1) a queue. */
static void scm_inflight(struct unix_scm *scm, int delta)
{
	for (int i = 0; i < scm->nfds; i++) {
		struct unix_sock *v = unix_of_file(scm->fds[i]);
		if (v) {
			v->inflight += delta;
			unix_inflight_total += delta;
		}
	}
}

/* Under unix_lock: u's messages go to gc. */
static void queue_purge(struct unix_sock *u, struct list_head *gc)
{
	while (!list_empty(&u->rcvq)) {
		struct unix_skb *skb = list_first_entry(&u->rcvq, struct unix_skb, link);
		list_del(&skb->link);
		scm_inflight(&skb->scm, -1);
		list_add_tail(&skb->link, gc);
	}
	u->rcvq_len = 0;
	u->rcvq_bytes = 0;
	u->rcvq_mem = 0;
}

/* fn on each unix socket in a message queued on u or, for a listener, on
 * one of its embryos. */
static void for_each_inflight(struct unix_sock *u, void (*fn)(struct unix_sock *v,
							      struct list_head *work),
			      struct list_head *work)
{
	struct unix_skb *skb;
	list_for_each_entry(skb, &u->rcvq, link)
		for (int i = 0; i < skb->scm.nfds; i++) {
			struct unix_sock *v = unix_of_file(skb->scm.fds[i]);
			if (v)
				fn(v, work);
		}
	struct unix_sock *e;
	list_for_each_entry(e, &u->acceptq, accept_link)
		for_each_inflight(e, fn, work);
}

static void gc_drop_ref(struct unix_sock *v, struct list_head *work)
{
	if (v->gc_candidate)
		v->gc_refs--;
}

static void gc_reach(struct unix_sock *v, struct list_head *work)
{
	if (v->gc_candidate) {
		v->gc_candidate = false;
		list_del(&v->gc_link);
		list_add_tail(&v->gc_link, work);
	}
}

/*
 * Collect cycles of sockets in flight (a socket sent over itself, two
 * sent over each other, and closed): they hold each other's files, so no
 * release would ever come.  As Linux: the candidates are the sockets
 * whose file has no reference but the messages in flight; a candidate
 * still referenced from elsewhere (a message queued on a socket that is
 * no candidate) can be received, and so can all it holds; the others are
 * garbage, and their messages go to gc (whose freeing puts their files
 * and so releases them).  Under unix_lock, which every queue change
 * holds, so the counts stand still; run at each release while anything
 * is in flight.
 */
static void unix_gc_locked(struct list_head *gc)
{
	LIST_HEAD(candidates);
	LIST_HEAD(work);
	struct unix_sock *u, *n;
	if (!unix_inflight_total)
		return;
	list_for_each_entry(u, &unix_all, all_link)
		if (u->inflight && u->sock &&
		    __atomic_load_n(&u->sock->file->refcnt, __ATOMIC_ACQUIRE) == u->inflight) {
			u->gc_candidate = true;
			u->gc_refs = u->inflight;
			list_add_tail(&u->gc_link, &candidates);
		}
	list_for_each_entry(u, &candidates, gc_link)
		for_each_inflight(u, gc_drop_ref, NULL);
	list_for_each_entry_safe(u, n, &candidates, gc_link)
		if (u->gc_refs > 0)
			gc_reach(u, &work);
	while (!list_empty(&work)) {
		u = list_first_entry(&work, struct unix_sock, gc_link);
		list_del(&u->gc_link);
		for_each_inflight(u, gc_reach, &work);
	}
	while (!list_empty(&candidates)) {
		u = list_first_entry(&candidates, struct unix_sock, gc_link);
		list_del(&u->gc_link);
		u->gc_candidate = false;
		queue_purge(u, gc);
		struct unix_sock *e;
		list_for_each_entry(e, &u->acceptq, accept_link)
			queue_purge(e, gc);
	}
}

/* Under unix_lock: u is gone (its file closed, or an embryo nobody will
 * accept).  Its peer sees the connection end; its messages go to gc. */
static void unix_release_locked(struct unix_sock *u, struct list_head *gc)
{
	u->dead = true;
	u->sock = NULL;
	list_del(&u->bound_link);
	struct unix_sock *peer = u->peer;
	if (peer && u->type != SOCK_DGRAM) {
		peer->shutdown = SHUTDOWN_MASK;
		if (u->rcvq_len || u->state == UNIX_LISTENING)
			peer->err = ECONNRESET;
		wake_up(&peer->wq);
	}
	u->peer = NULL;
	queue_purge(u, gc);
	while (!list_empty(&u->acceptq)) {
		struct unix_sock *e = list_first_entry(&u->acceptq, struct unix_sock, accept_link);
		list_del(&e->accept_link);
		u->acceptq_len--;
		if (e->peer)
			e->peer->err = ECONNRESET;
		unix_release_locked(e, gc);
		unix_put(e);	/* the queue's */
	}
	wake_up(&u->wq);
	if (peer)
		unix_put(peer);
}

static void unix_release(struct socket *sock)
{
	LIST_HEAD(gc);
	mutex_lock(&unix_lock);
	struct unix_sock *u = unix_sk(sock);
	unix_release_locked(u, &gc);
	unix_put(u);
	unix_gc_locked(&gc);
	mutex_unlock(&unix_lock);
	skb_free_list(&gc);
}

/* ---- names ---- */

/* Check a sockaddr_un and give its canonical length (a path name ends at
 * its first NUL): the length or -EINVAL. */
static int unix_mkname(struct sockaddr_un *a, int len)
{
	if (len < SUN_OFFSET || len > (int)sizeof(*a) || a->sun_family != AF_UNIX)
		return -EINVAL;
	if (len == SUN_OFFSET || a->sun_path[0] == 0)
		return len;
	size_t n = strnlen(a->sun_path, len - SUN_OFFSET);
	if (n == sizeof(a->sun_path))
		return -EINVAL;
	a->sun_path[n] = 0;
	return SUN_OFFSET + n + 1;
}

/* The socket bound to an abstract name in net, or NULL.  Under unix_lock. */
static struct unix_sock *find_abstract(struct net *net, const struct sockaddr_un *a, int len)
{
	struct unix_sock *u;
	list_for_each_entry(u, &unix_bound, bound_link)
		if (u->net == net && !u->path.dentry && u->addr_len == len &&
		    !memcmp(&u->addr, a, len))
			return u;
	return NULL;
}

static int unix_autobind_locked(struct unix_sock *u)
{
	static unsigned int next;
	if (u->addr_len)
		return 0;
	for (unsigned int tries = 0; tries < 0x100000; tries++) {
		struct sockaddr_un a = { .sun_family = AF_UNIX };
		snprintf(a.sun_path + 1, 6, "%05x", next++ & 0xfffff);
		if (!find_abstract(u->net, &a, AUTOBIND_LEN)) {
			u->addr = a;
			u->addr_len = AUTOBIND_LEN;
			list_add(&u->bound_link, &unix_bound);
			return 0;
		}
	}
	return -ENOSPC;
}

static int unix_bind(struct socket *sock, const void *addr, int len)
{
	struct sockaddr_un a;
	memset(&a, 0, sizeof(a));
	memcpy(&a, addr, MIN(len, (int)sizeof(a)));
	if (len >= (int)sizeof(a.sun_family) && a.sun_family != AF_UNIX)
		return -EINVAL;
	len = unix_mkname(&a, len);
	if (len < 0)
		return len;
	struct unix_sock *u = unix_sk(sock);
	mutex_lock(&unix_lock);
	int err = -EINVAL;
	if (u->addr_len) {
		/* Linux makes the node first: a name in use is EADDRINUSE even
		 * for a socket that is already bound. */
		struct path p;
		if (len > SUN_OFFSET && a.sun_path[0] && !kern_path(a.sun_path, 0, &p)) {
			path_put(&p);
			err = -EADDRINUSE;
		}
		goto out;
	}
	if (len == SUN_OFFSET) {
		err = unix_autobind_locked(u);
		goto out;
	}
	if (a.sun_path[0]) {
		err = vfs_mknod_socket(a.sun_path, 0777, &u->path);
		if (err == -EEXIST)
			err = -EADDRINUSE;
	} else {
		err = find_abstract(u->net, &a, len) ? -EADDRINUSE : 0;
	}
	if (!err) {
		u->addr = a;
		u->addr_len = len;
		list_add(&u->bound_link, &unix_bound);
	}
out:
	mutex_unlock(&unix_lock);
	return err;
}

/* The socket a sockaddr_un names, referenced: -ECONNREFUSED when nothing
 * is bound there, -EPROTOTYPE when it is of another type. */
static struct unix_sock *unix_find(struct unix_sock *self, const void *addr, int len, int *err)
{
	struct sockaddr_un a;
	memset(&a, 0, sizeof(a));
	memcpy(&a, addr, MIN(len, (int)sizeof(a)));
	len = unix_mkname(&a, len);
	*err = len;
	if (len < 0)
		return NULL;
	*err = -EINVAL;
	if (len == SUN_OFFSET)
		return NULL;
	struct path p = { 0 };
	struct inode *in = NULL;
	if (a.sun_path[0]) {
		*err = kern_path(a.sun_path, LOOKUP_FOLLOW, &p);
		if (*err)
			return NULL;
		in = p.dentry->inode;
		*err = S_ISSOCK(in->mode) ? vfs_permission(in, MAY_WRITE) : -ECONNREFUSED;
		if (*err) {
			path_put(&p);
			return NULL;
		}
	}
	struct unix_sock *found = NULL;
	mutex_lock(&unix_lock);
	if (in) {
		struct unix_sock *u;
		list_for_each_entry(u, &unix_bound, bound_link)
			if (u->path.dentry && u->path.dentry->inode == in) {
				found = u;
				break;
			}
	} else {
		found = find_abstract(self->net, &a, len);
	}
	*err = -ECONNREFUSED;
	if (found && found->type != self->type) {
		*err = -EPROTOTYPE;
		found = NULL;
	}
	if (found)
		unix_get(found);
	mutex_unlock(&unix_lock);
	if (p.dentry)
		path_put(&p);
	return found;
}

static int unix_name(const struct unix_sock *u, void *addr)
{
	if (!u->addr_len) {
		struct sockaddr_un a = { .sun_family = AF_UNIX };
		memcpy(addr, &a, SUN_OFFSET);
		return SUN_OFFSET;
	}
	memcpy(addr, &u->addr, u->addr_len);
	return u->addr_len;
}

static int unix_getname(struct socket *sock, void *addr, bool peer)
{
	struct unix_sock *u = unix_sk(sock);
	mutex_lock(&unix_lock);
	int len;
	if (!peer)
		len = unix_name(u, addr);
	else if (u->peer && (u->type == SOCK_DGRAM || u->state == UNIX_CONNECTED))
		len = unix_name(u->peer, addr);
	else
		len = -ENOTCONN;
	mutex_unlock(&unix_lock);
	return len;
}

/* ---- connections ---- */

static int unix_listen(struct socket *sock, int backlog)
{
	struct unix_sock *u = unix_sk(sock);
	if (u->type == SOCK_DGRAM)
		return -EOPNOTSUPP;
	mutex_lock(&unix_lock);
	int err = -EINVAL;
	if (u->state == UNIX_CONNECTED || !u->addr_len)
		goto out;
	if (u->state != UNIX_LISTENING) {
		cred_put(&u->peercred);
		cred_current(&u->peercred, true);
		u->has_peercred = true;
	}
	u->state = UNIX_LISTENING;
	u->backlog = backlog;
	sock->listening = true;
	wake_up(&u->wq);
	err = 0;
out:
	mutex_unlock(&unix_lock);
	return err;
}

/* Connect u (unconnected) to the listener l: an embryo on l's queue, or
 * -EAGAIN when the queue is full.  Under unix_lock. */
static int unix_connect_to(struct unix_sock *u, struct unix_sock *l)
{
	if (l->dead || l->state != UNIX_LISTENING)
		return -ECONNREFUSED;
	if (l->acceptq_len > l->backlog)
		return -EAGAIN;
	struct unix_sock *e = unix_alloc(u->type, l->net);
	if (!e)
		return -ENOMEM;
	list_add(&e->all_link, &unix_all);
	e->state = UNIX_CONNECTED;
	e->addr = l->addr;
	e->addr_len = l->addr_len;
	e->peer = unix_get(u);
	cred_current(&e->peercred, true);
	e->has_peercred = true;
	list_add_tail(&e->accept_link, &l->acceptq);	/* the queue's reference */
	l->acceptq_len++;
	u->peer = unix_get(e);
	u->state = UNIX_CONNECTED;
	cred_copy(&u->peercred, &l->peercred);
	u->has_peercred = true;
	wake_up(&l->wq);
	return 0;
}

static int unix_stream_connect(struct socket *sock, const void *addr, int len, int flags)
{
	struct unix_sock *u = unix_sk(sock);
	int err;
	if (len >= SUN_OFFSET && ((const struct sockaddr_un *)addr)->sun_family != AF_UNIX)
		return -EINVAL;
	if (sock->passcred) {
		mutex_lock(&unix_lock);
		err = unix_autobind_locked(u);
		mutex_unlock(&unix_lock);
		if (err)
			return err;
	}
	struct unix_sock *l = unix_find(u, addr, len, &err);
	if (!l)
		return err;
	uint64_t deadline = sock_deadline(sock, true);
	for (;;) {
		mutex_lock(&unix_lock);
		if (u->state == UNIX_CONNECTED)
			err = -EISCONN;
		else if (u->state == UNIX_LISTENING)
			err = -EINVAL;
		else
			err = unix_connect_to(u, l);
		mutex_unlock(&unix_lock);
		if (err != -EAGAIN || flags)
			break;
		err = sock_wait_event(l->wq, READ_ONCE(l->acceptq_len) <= READ_ONCE(l->backlog) ||
				      READ_ONCE(l->dead) || READ_ONCE(l->state) != UNIX_LISTENING,
				      deadline);
		if (err)
			break;
	}
	mutex_lock(&unix_lock);
	unix_put(l);
	mutex_unlock(&unix_lock);
	return err;
}

static int unix_accept(struct socket *sock, struct socket *newsock, int flags)
{
	struct unix_sock *l = unix_sk(sock);
	uint64_t deadline = sock_deadline(sock, false);
	for (;;) {
		mutex_lock(&unix_lock);
		if (l->state != UNIX_LISTENING) {
			mutex_unlock(&unix_lock);
			return -EINVAL;
		}
		if (!list_empty(&l->acceptq))
			break;
		mutex_unlock(&unix_lock);
		if (flags)
			return -EAGAIN;
		int err = sock_wait_event(l->wq, READ_ONCE(l->acceptq_len) > 0 ||
					  READ_ONCE(l->state) != UNIX_LISTENING, deadline);
		if (err)
			return err;
	}
	struct unix_sock *e = list_first_entry(&l->acceptq, struct unix_sock, accept_link);
	list_del(&e->accept_link);
	l->acceptq_len--;
	struct unix_sock *fresh = unix_sk(newsock);
	newsock->sk = e;	/* the queue's reference passes to the socket */
	e->sock = newsock;
	newsock->passcred = sock->passcred;
	wake_up(&l->wq);	/* room for a waiting connect */
	unix_put(fresh);
	mutex_unlock(&unix_lock);
	return 0;
}

static int unix_socketpair(struct socket *a, struct socket *b)
{
	struct unix_sock *ua = unix_sk(a), *ub = unix_sk(b);
	mutex_lock(&unix_lock);
	ua->peer = unix_get(ub);
	ub->peer = unix_get(ua);
	if (ua->type != SOCK_DGRAM)
		ua->state = ub->state = UNIX_CONNECTED;
	cred_current(&ua->peercred, true);
	cred_current(&ub->peercred, true);
	ua->has_peercred = ub->has_peercred = true;
	mutex_unlock(&unix_lock);
	return 0;
}

/* DGRAM connect: the default destination (AF_UNSPEC: none). */
static int unix_dgram_connect(struct socket *sock, const void *addr, int len, int flags)
{
	struct unix_sock *u = unix_sk(sock), *target = NULL;
	int err;
	if (len >= (int)sizeof(short) && ((const struct sockaddr_un *)addr)->sun_family == AF_UNSPEC) {
		mutex_lock(&unix_lock);
		goto set;
	}
	if (sock->passcred) {
		mutex_lock(&unix_lock);
		err = unix_autobind_locked(u);
		mutex_unlock(&unix_lock);
		if (err)
			return err;
	}
	target = unix_find(u, addr, len, &err);
	if (!target)
		return err;
	mutex_lock(&unix_lock);
	if (target->dead) {
		unix_put(target);
		mutex_unlock(&unix_lock);
		return -ECONNREFUSED;
	}
set:;
	struct unix_sock *old = u->peer;
	u->peer = target;
	if (old) {
		wake_up(&old->wq);
		unix_put(old);
	}
	mutex_unlock(&unix_lock);
	return 0;
}

static int unix_shutdown(struct socket *sock, int how)
{
	struct unix_sock *u = unix_sk(sock);
	unsigned int mode = how + 1;	/* SHUT_RD: RCV_SHUTDOWN ... */
	mutex_lock(&unix_lock);
	u->shutdown |= mode;
	struct unix_sock *peer = u->peer;
	if (peer && u->type != SOCK_DGRAM) {
		if (mode & RCV_SHUTDOWN)
			peer->shutdown |= SEND_SHUTDOWN;
		if (mode & SEND_SHUTDOWN)
			peer->shutdown |= RCV_SHUTDOWN;
		wake_up(&peer->wq);
	}
	wake_up(&u->wq);
	mutex_unlock(&unix_lock);
	return 0;
}

/* ---- sending ---- */

static struct unix_skb *skb_alloc(struct kmsg *m, size_t len, int *err)
{
	struct unix_skb *skb = kmalloc(sizeof(*skb) + (len ? len : 1));
	if (!skb) {
		*err = -ENOMEM;
		return NULL;
	}
	memset(skb, 0, sizeof(*skb));
	skb->len = len;
	if ((*err = msg_copy_from(&m->iter, skb->data, len))) {
		kfree(skb);
		return NULL;
	}
	return skb;
}

/* Under unix_lock: queue skb on to, from u. */
static void skb_queue(struct unix_sock *to, struct unix_sock *from, struct unix_skb *skb)
{
	skb->from_len = from->addr_len;
	skb->from = from->addr;
	list_add_tail(&skb->link, &to->rcvq);
	scm_inflight(&skb->scm, 1);
	to->rcvq_len++;
	to->rcvq_bytes += skb->len;
	skb->mem = sizeof(*skb) + skb->len + skb->scm.nfds * sizeof(struct file *);
	to->rcvq_mem += skb->mem;
	wake_up(&to->wq);
}

static int stream_pipe_error(int flags)
{
	if (!(flags & MSG_NOSIGNAL))
		send_signal(current, SIGPIPE);
	return -EPIPE;
}

static ssize_t unix_stream_sendmsg(struct socket *sock, struct kmsg *m, int flags)
{
	struct unix_sock *u = unix_sk(sock);
	if (flags & MSG_OOB)
		return -EOPNOTSUPP;
	if (m->name)
		return u->state == UNIX_CONNECTED ? -EISCONN : -EOPNOTSUPP;
	if (u->state != UNIX_CONNECTED)
		return -ENOTCONN;
	struct unix_scm scm;
	int err = scm_send(m, &scm);
	if (err)
		return err;
	size_t sent = 0, total = m->iter.count;
	uint64_t deadline = sock_deadline(sock, true);
	bool first = true;
	if (u->shutdown & SEND_SHUTDOWN)
		err = stream_pipe_error(flags);
	while (!err && sent < total) {
		mutex_lock(&unix_lock);
		struct unix_sock *peer = u->peer;
		if ((u->shutdown & SEND_SHUTDOWN) || !peer || peer->dead ||
		    (peer->shutdown & RCV_SHUTDOWN)) {
			mutex_unlock(&unix_lock);
			err = sent ? 0 : stream_pipe_error(flags);
			break;
		}
		if (peer->rcvq_mem >= (size_t)sock->sndbuf) {
			unix_get(peer);
			mutex_unlock(&unix_lock);
			err = -EAGAIN;
			if (!(flags & MSG_DONTWAIT))
				err = sock_wait_event(peer->wq,
					READ_ONCE(peer->rcvq_mem) < (size_t)sock->sndbuf ||
					READ_ONCE(peer->dead) || READ_ONCE(u->peer) != peer ||
					(READ_ONCE(peer->shutdown) & RCV_SHUTDOWN) ||
					(READ_ONCE(u->shutdown) & SEND_SHUTDOWN), deadline);
			mutex_lock(&unix_lock);
			unix_put(peer);
			mutex_unlock(&unix_lock);
			if (err)
				break;
			continue;
		}
		size_t room = sock->sndbuf - peer->rcvq_mem;
		mutex_unlock(&unix_lock);
		size_t n = MIN(MIN(total - sent, room), (size_t)UNIX_SKB_MAX);
		struct unix_skb *skb = skb_alloc(m, n, &err);
		if (!skb)
			break;
		if (first) {
			skb->scm = scm;
			memset(&scm, 0, sizeof(scm));
		}
		mutex_lock(&unix_lock);
		if (u->peer != peer || peer->dead || (peer->shutdown & RCV_SHUTDOWN)) {
			mutex_unlock(&unix_lock);
			if (first)
				scm = skb->scm, memset(&skb->scm, 0, sizeof(skb->scm));
			kfree(skb);
			continue;
		}
		skb_queue(peer, u, skb);
		mutex_unlock(&unix_lock);
		sent += n;
		first = false;
	}
	scm_destroy(&scm);
	return sent ? (ssize_t)sent : err;
}

/* Is there room in `to` for a datagram from u?  Under unix_lock. */
static bool dgram_room(struct unix_sock *to, struct unix_sock *u, struct socket *sock)
{
	if (to->rcvq_mem >= (size_t)sock->sndbuf)
		return false;
	if (u->type == SOCK_DGRAM && to->peer != u && to->rcvq_len > UNIX_DGRAM_QLEN)
		return false;
	return true;
}

static ssize_t unix_dgram_sendmsg(struct socket *sock, struct kmsg *m, int flags)
{
	struct unix_sock *u = unix_sk(sock), *to = NULL;
	size_t len = m->iter.count;
	int err;
	if (flags & MSG_OOB)
		return -EOPNOTSUPP;
	if (len > (size_t)sock->sndbuf - 32)
		return -EMSGSIZE;
	if (u->type == SOCK_DGRAM && m->name) {
		to = unix_find(u, m->name, m->namelen, &err);
		if (!to)
			return err;
	}
	struct unix_scm scm;
	if ((err = scm_send(m, &scm)))
		goto put_to;
	struct unix_skb *skb = skb_alloc(m, len, &err);
	if (!skb)
		goto put_scm;
	skb->scm = scm;
	uint64_t deadline = sock_deadline(sock, true);
	mutex_lock(&unix_lock);
	if (sock->passcred && (err = unix_autobind_locked(u)))
		goto unlock;
	for (;;) {
		struct unix_sock *dest = to ? to : u->peer;
		err = u->type == SOCK_SEQPACKET && u->state != UNIX_CONNECTED ? -ENOTCONN : 0;
		if (!err && !dest)
			err = u->type == SOCK_SEQPACKET ? -EPIPE : -ENOTCONN;
		if (!err && dest->dead) {
			if (u->type == SOCK_SEQPACKET) {
				err = -EPIPE;
			} else {
				err = -ECONNREFUSED;
				if (!to && u->peer == dest) {
					u->peer = NULL;
					unix_put(dest);
				}
			}
		}
		if (!err && u->type == SOCK_DGRAM && dest->peer && dest->peer != u)
			err = -EPERM;
		if (!err && ((dest->shutdown & RCV_SHUTDOWN) || (u->shutdown & SEND_SHUTDOWN)))
			err = -EPIPE;
		if (err)
			goto unlock;
		if (dgram_room(dest, u, sock)) {
			skb_queue(dest, u, skb);
			skb = NULL;
			err = len;
			goto unlock;
		}
		if (flags & MSG_DONTWAIT) {
			err = -EAGAIN;
			goto unlock;
		}
		unix_get(dest);
		mutex_unlock(&unix_lock);
		err = sock_wait_event(dest->wq, dgram_room(dest, u, sock) || READ_ONCE(dest->dead),
				      deadline);
		mutex_lock(&unix_lock);
		unix_put(dest);
		if (err)
			goto unlock;
	}
unlock:
	if (to)
		unix_put(to);
	mutex_unlock(&unix_lock);
	if (skb)
		skb_free(skb);
	return err;	/* SEQPACKET's EPIPE raises no SIGPIPE, as on Linux */
put_scm:
	scm_destroy(&scm);
put_to:
	if (to) {
		mutex_lock(&unix_lock);
		unix_put(to);
		mutex_unlock(&unix_lock);
	}
	return err;
}

/* ---- receiving ---- */

/* Wait for a message to u (under unix_lock, which is dropped while
 * waiting): 0 with one queued, 1 at the end of the stream (nothing more
 * will come), or -errno. */
static int wait_for_data(struct socket *sock, struct unix_sock *u, int flags, uint64_t deadline)
{
	while (list_empty(&u->rcvq)) {
		if (u->err) {
			int err = -u->err;
			u->err = 0;
			return err;
		}
		if (u->shutdown & RCV_SHUTDOWN)
			return 1;
		if (flags & MSG_DONTWAIT)
			return -EAGAIN;
		mutex_unlock(&unix_lock);
		int err = sock_wait_event(u->wq, READ_ONCE(u->rcvq_len) || READ_ONCE(u->err) ||
					  (READ_ONCE(u->shutdown) & RCV_SHUTDOWN), deadline);
		mutex_lock(&unix_lock);
		if (err)
			return err;
	}
	return 0;
}

/* Under unix_lock: skb was read to its end; it leaves the queue. */
static void skb_unlink(struct unix_sock *u, struct unix_skb *skb)
{
	list_del(&skb->link);
	u->rcvq_len--;
	u->rcvq_bytes -= skb->len;
	u->rcvq_mem -= skb->mem;
	wake_up(&u->wq);
	if (u->peer)
		wake_up(&u->peer->wq);
}

static bool same_cred(const struct unix_cred *a, const struct unix_cred *b)
{
	return a->pid == b->pid && a->uid == b->uid && a->gid == b->gid;
}

static ssize_t unix_dgram_recvmsg(struct socket *sock, struct kmsg *m, int flags)
{
	struct unix_sock *u = unix_sk(sock);
	if (flags & MSG_OOB)
		return -EOPNOTSUPP;
	mutex_lock(&unix_lock);
	if (u->type == SOCK_SEQPACKET && u->state != UNIX_CONNECTED) {
		mutex_unlock(&unix_lock);
		return -ENOTCONN;
	}
	int err = wait_for_data(sock, u, flags, sock_deadline(sock, false));
	if (err) {
		mutex_unlock(&unix_lock);
		return err > 0 ? 0 : err;
	}
	struct unix_skb *skb = list_first_entry(&u->rcvq, struct unix_skb, link);
	size_t n = MIN(skb->len, m->iter.count);
	if (msg_copy_to(&m->iter, skb->data, n)) {
		mutex_unlock(&unix_lock);
		return -EFAULT;
	}
	if (n < skb->len)
		m->flags |= MSG_TRUNC;
	ssize_t ret = (flags & MSG_TRUNC) ? (ssize_t)skb->len : (ssize_t)n;
	if (m->name && skb->from_len) {
		memcpy(m->name, &skb->from, skb->from_len);
		m->namelen = skb->from_len;
	}
	struct unix_scm scm;
	if (flags & MSG_PEEK) {
		err = scm_dup(&skb->scm, &scm);
		skb = NULL;
	} else {
		skb_unlink(u, skb);
		scm_inflight(&skb->scm, -1);
		scm = skb->scm;
		memset(&skb->scm, 0, sizeof(skb->scm));
	}
	mutex_unlock(&unix_lock);
	if (skb)
		kfree(skb);
	if (err)
		return err;
	err = scm_recv(sock, m, &scm, flags);
	return err ? err : ret;
}

static ssize_t unix_stream_recvmsg(struct socket *sock, struct kmsg *m, int flags)
{
	struct unix_sock *u = unix_sk(sock);
	if (flags & MSG_OOB)
		return -EOPNOTSUPP;
	uint64_t deadline = sock_deadline(sock, false);
	size_t target = (flags & MSG_WAITALL) ? m->iter.count : 1, copied = 0;
	struct unix_scm scm = { 0 };
	bool have_scm = false;
	int err = 0;
	mutex_lock(&unix_lock);
	if (u->state != UNIX_CONNECTED) {
		mutex_unlock(&unix_lock);
		return -EINVAL;
	}
	struct unix_skb *skb = NULL;
	size_t skip = 0;	/* MSG_PEEK: bytes of skb already looked at */
	while (m->iter.count) {
		if (flags & MSG_PEEK) {
			skb = skb ? (skb->link.next == &u->rcvq ? NULL :
				     list_entry(skb->link.next, struct unix_skb, link))
				  : (list_empty(&u->rcvq) ? NULL :
				     list_first_entry(&u->rcvq, struct unix_skb, link));
			skip = 0;
			if (!skb)
				break;	/* peeking never waits for more */
		} else {
			if (copied >= target && list_empty(&u->rcvq))
				break;
			int w = wait_for_data(sock, u, copied ? flags | MSG_DONTWAIT : flags, deadline);
			if (w == -EAGAIN && copied && copied < target && !(flags & MSG_DONTWAIT)) {
				w = wait_for_data(sock, u, flags, deadline);
			}
			if (w) {
				if (!copied && w < 0)
					err = w;
				break;
			}
			skb = list_first_entry(&u->rcvq, struct unix_skb, link);
			skip = skb->off;
		}
		if (have_scm && sock->passcred && !same_cred(&scm.cred, &skb->scm.cred))
			break;
		size_t n = MIN(skb->len - skip, m->iter.count);
		if (msg_copy_to(&m->iter, skb->data + skip, n)) {
			if (!copied)
				err = -EFAULT;
			break;
		}
		if (!copied && m->name && skb->from_len) {
			memcpy(m->name, &skb->from, skb->from_len);
			m->namelen = skb->from_len;
		}
		copied += n;
		if (!have_scm) {
			cred_copy(&scm.cred, &skb->scm.cred);
			have_scm = true;
		}
		/* Descriptors come with the first message that has them, and
		 * end the read there. */
		bool had_fds = skb->scm.nfds != 0;
		if (had_fds && (flags & MSG_PEEK)) {
			struct unix_scm dup;
			if ((err = scm_dup(&skb->scm, &dup)))
				break;
			cred_put(&dup.cred);
			scm.fds = dup.fds;
			scm.nfds = dup.nfds;
		} else if (had_fds) {
			scm_inflight(&skb->scm, -1);
			scm.fds = skb->scm.fds;
			scm.nfds = skb->scm.nfds;
			skb->scm.fds = NULL;
			skb->scm.nfds = 0;
		}
		if (!(flags & MSG_PEEK)) {
			skb->off += n;
			if (skb->off == skb->len) {
				skb_unlink(u, skb);
				mutex_unlock(&unix_lock);
				skb_free(skb);
				mutex_lock(&unix_lock);
			}
		}
		if (had_fds)
			break;
	}
	mutex_unlock(&unix_lock);
	if (have_scm) {
		int e = scm_recv(sock, m, &scm, flags);
		if (e && !err)
			err = e;
	}
	if (err == -ERESTARTSYS && copied)
		err = 0;
	return copied ? (ssize_t)copied : err;
}

/* ---- poll, ioctl, options ---- */

static unsigned int unix_poll(struct socket *sock, struct poll_table *pt)
{
	struct unix_sock *u = unix_sk(sock);
	poll_wait(&u->wq, pt);
	unsigned int mask = 0;
	mutex_lock(&unix_lock);
	if (u->err)
		mask |= POLLERR;
	if (u->shutdown == SHUTDOWN_MASK)
		mask |= POLLHUP;
	if (u->shutdown & RCV_SHUTDOWN)
		mask |= POLLRDHUP | POLLIN | POLLRDNORM;
	if (u->rcvq_len || u->acceptq_len)
		mask |= POLLIN | POLLRDNORM;
	if (u->type != SOCK_DGRAM && u->state == UNIX_UNCONNECTED)
		mask |= POLLHUP;
	bool writable = u->state != UNIX_LISTENING;
	struct unix_sock *peer = u->peer;
	if (writable && peer && !peer->dead) {
		if (u->type == SOCK_STREAM)
			writable = peer->rcvq_mem < (size_t)sock->sndbuf;
		else
			writable = dgram_room(peer, u, sock);
	}
	if (writable)
		mask |= POLLOUT | POLLWRNORM | POLLWRBAND;
	mutex_unlock(&unix_lock);
	return mask;
}

static long unix_ioctl(struct socket *sock, unsigned int cmd, unsigned long arg)
{
	struct unix_sock *u = unix_sk(sock);
	if (cmd != FIONREAD)
		return -ENOTTY;
	mutex_lock(&unix_lock);
	int n = 0;
	if (u->state == UNIX_LISTENING)
		n = -EINVAL;
	else if (u->type == SOCK_STREAM)
		n = u->rcvq_bytes;	/* less what is read of the first */
	else if (u->rcvq_len)
		n = list_first_entry(&u->rcvq, struct unix_skb, link)->len;
	if (u->type == SOCK_STREAM && u->rcvq_len)
		n -= list_first_entry(&u->rcvq, struct unix_skb, link)->off;
	mutex_unlock(&unix_lock);
	if (n < 0)
		return n;
	return put_user(n, (int __user *)arg) ? -EFAULT : 0;
}

static int unix_getsockopt(struct socket *sock, int level, int name, void *val, int *len)
{
	if (level != SOL_SOCKET || name != SO_PEERCRED)
		return -ENOPROTOOPT;
	struct unix_sock *u = unix_sk(sock);
	struct ucred c = { 0, -1, -1 };
	mutex_lock(&unix_lock);
	if (u->has_peercred)
		c = cred_to_user(&u->peercred);
	mutex_unlock(&unix_lock);
	memcpy(val, &c, sizeof(c));
	*len = sizeof(c);
	return 0;
}

static const struct proto_ops unix_stream_ops = {
	.family = AF_UNIX,
	.release = unix_release,
	.bind = unix_bind,
	.connect = unix_stream_connect,
	.socketpair = unix_socketpair,
	.listen = unix_listen,
	.accept = unix_accept,
	.getname = unix_getname,
	.poll = unix_poll,
	.ioctl = unix_ioctl,
	.shutdown = unix_shutdown,
	.sendmsg = unix_stream_sendmsg,
	.recvmsg = unix_stream_recvmsg,
	.getsockopt = unix_getsockopt,
};

static const struct proto_ops unix_seqpacket_ops = {
	.family = AF_UNIX,
	.release = unix_release,
	.bind = unix_bind,
	.connect = unix_stream_connect,
	.socketpair = unix_socketpair,
	.listen = unix_listen,
	.accept = unix_accept,
	.getname = unix_getname,
	.poll = unix_poll,
	.ioctl = unix_ioctl,
	.shutdown = unix_shutdown,
	.sendmsg = unix_dgram_sendmsg,
	.recvmsg = unix_dgram_recvmsg,
	.getsockopt = unix_getsockopt,
};

static const struct proto_ops unix_dgram_ops = {
	.family = AF_UNIX,
	.release = unix_release,
	.bind = unix_bind,
	.connect = unix_dgram_connect,
	.socketpair = unix_socketpair,
	.getname = unix_getname,
	.poll = unix_poll,
	.ioctl = unix_ioctl,
	.shutdown = unix_shutdown,
	.sendmsg = unix_dgram_sendmsg,
	.recvmsg = unix_dgram_recvmsg,
	.getsockopt = unix_getsockopt,
};

static int unix_create(struct socket *sock, int protocol)
{
	if (protocol && protocol != AF_UNIX)
		return -EPROTONOSUPPORT;
	switch (sock->type) {
	case SOCK_STREAM:
		sock->ops = &unix_stream_ops;
		break;
	case SOCK_RAW:		/* Linux takes it for a datagram socket */
		sock->type = SOCK_DGRAM;
		/* fall through */
	case SOCK_DGRAM:
		sock->ops = &unix_dgram_ops;
		break;
	case SOCK_SEQPACKET:
		sock->ops = &unix_seqpacket_ops;
		break;
	default:
		return -ESOCKTNOSUPPORT;
	}
	struct unix_sock *u = unix_alloc(sock->type, sock->net);
	if (!u)
		return -ENOMEM;
	mutex_lock(&unix_lock);
	list_add(&u->all_link, &unix_all);
	mutex_unlock(&unix_lock);
	u->sock = sock;
	sock->sk = u;
	return 0;
}

const struct net_proto_family unix_family = {
	.family = AF_UNIX,
	.create = unix_create,
};

/* ---- /proc/net/unix ---- */

void unix_for_each(struct net *net, void (*fn)(const struct unix_row *r, void *arg), void *arg)
{
	struct unix_sock *u;
	mutex_lock(&unix_lock);
	list_for_each_entry_reverse(u, &unix_all, all_link) {
		if (u->net != net || u->dead)
			continue;
		struct unix_row r = {
			.refcnt = u->refcnt, .type = u->type,
			.listening = u->state == UNIX_LISTENING,
			.ino = u->sock ? u->sock->ino : 0,
		};
		/* An embryo on an accept queue has no socket yet: Linux says
		 * connecting. */
		if (u->state == UNIX_CONNECTED)
			r.state = u->sock ? SS_CONNECTED : SS_CONNECTING;
		else
			r.state = SS_UNCONNECTED;
		if (u->addr_len > SUN_OFFSET) {
			int len = u->addr_len - SUN_OFFSET;
			r.name = u->addr.sun_path;
			r.name_len = u->addr.sun_path[0] ? (int)strnlen(u->addr.sun_path, len) : len;
		}
		fn(&r, arg);
	}
	mutex_unlock(&unix_lock);
}
