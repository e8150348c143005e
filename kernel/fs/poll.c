/*
 * ppoll and pselect6, and vfs_poll (poll.h).  Each round registers the
 * caller on the wait queues of every polled file (through their poll
 * operations and poll.h's queue_proc), checks readiness, and sleeps until
 * a queue is woken, the timeout passes or a signal comes.  The entries are
 * the calling task's own (in chunks the call allocates); each queue's
 * spinlock guards its list.  A round costs O(polled files).
 */
#include "poll.h"
#include "file.h"
#include "proc.h"
#include "signal.h"
#include "timer.h"
#include "kmalloc.h"
#include "uaccess.h"
#include "string.h"

#define POLL_FDS_MAX 1024

/*
 * The entries poll and select queue on files' wait queues: one per
 * poll_wait call, in chunks of a page that are kept for the whole call (a
 * file polled in every round registers again each round).
 */
struct poll_entry {
	struct waitqueue *wq;
	struct wait_entry w;
};

#define POLL_CHUNK_ENTRIES ((PAGE_SIZE - 2 * sizeof(void *)) / sizeof(struct poll_entry))

struct poll_chunk {
	struct poll_chunk *next;
	size_t n;
	struct poll_entry e[POLL_CHUNK_ENTRIES];
};

struct poll_wqueues {
	struct poll_table pt;
	struct poll_chunk *chunks;	/* the newest first */
	bool nomem;			/* an entry could not be queued */
};

static void pollwait_queue(struct waitqueue *wq, struct poll_table *pt)
{
	struct poll_wqueues *pwq = container_of(pt, struct poll_wqueues, pt);
	struct poll_chunk *c = pwq->chunks;
	if (!c || c->n == POLL_CHUNK_ENTRIES) {
		c = kmalloc(sizeof(*c));
		if (!c) {
			pwq->nomem = true;
			return;
		}
		c->n = 0;
		c->next = pwq->chunks;
		pwq->chunks = c;
	}
	struct poll_entry *e = &c->e[c->n++];
	e->wq = wq;
	e->w = (struct wait_entry){ current, LIST_HEAD_INIT(e->w.link), NULL, false };
	spin_lock(&wq->lock);
	list_add_tail(&e->w.link, &wq->waiters);
	spin_unlock(&wq->lock);
	__atomic_thread_fence(__ATOMIC_SEQ_CST);	/* as prepare_to_wait */
}

/* Take every entry off its queue; the chunks stay for the next round. */
static void poll_unregister(struct poll_wqueues *pwq)
{
	for (struct poll_chunk *c = pwq->chunks; c; c = c->next) {
		for (size_t i = 0; i < c->n; i++) {
			struct waitqueue *wq = c->e[i].wq;
			spin_lock(&wq->lock);
			if (!list_empty(&c->e[i].w.link))
				list_del(&c->e[i].w.link);
			spin_unlock(&wq->lock);
		}
		c->n = 0;
	}
}

static void poll_free(struct poll_wqueues *pwq)
{
	poll_unregister(pwq);
	while (pwq->chunks) {
		struct poll_chunk *c = pwq->chunks;
		pwq->chunks = c->next;
		kfree(c);
	}
}

bool file_can_poll(struct file *f)
{
	return f->f_op && f->f_op->poll;
}

unsigned int vfs_poll(struct file *f, struct poll_table *pt)
{
	if (file_can_poll(f))
		return f->f_op->poll(f, pt);
	return POLLIN | POLLOUT | POLLRDNORM | POLLWRNORM;
}

/* One readiness check of every fd; returns the number ready. */
static int poll_once(struct pollfd *fds, unsigned int nfds, struct poll_table *pt)
{
	int ready = 0;
	for (unsigned int i = 0; i < nfds; i++) {
		fds[i].revents = 0;
		if (fds[i].fd < 0)
			continue;
		struct file *f = fd_get(fds[i].fd);
		if (!f) {
			fds[i].revents = POLLNVAL;
			ready++;
			continue;
		}
		unsigned int mask = vfs_poll(f, pt);
		file_put(f);
		fds[i].revents = mask & (fds[i].events | POLLERR | POLLHUP | POLLNVAL);
		if (fds[i].revents)
			ready++;
	}
	return ready;
}

/* Has any queue this round registered on been woken (or could one not be
 * registered on, so that sleeping might miss it)? */
static bool any_woken(struct poll_wqueues *pwq)
{
	if (pwq->nomem)
		return true;
	for (struct poll_chunk *c = pwq->chunks; c; c = c->next)
		for (size_t i = 0; i < c->n; i++)
			if (list_empty(&c->e[i].w.link))
				return true;
	return false;
}

/* deadline 0: wait forever; ~0: do not wait.  Files are polled while
 * running (their poll may take a mutex); the sleep starts only if none of
 * the queues registered on has been woken since. */
static int do_poll(struct pollfd *fds, unsigned int nfds, uint64_t deadline)
{
	struct poll_wqueues pwq = { { pollwait_queue }, NULL, false };
	int ready;
	for (;;) {
		ready = poll_once(fds, nfds, deadline == ~0ull ? NULL : &pwq.pt);
		if (ready || deadline == ~0ull)
			break;
		if (signal_pending_current()) {
			ready = -ERESTARTSYS;
			break;
		}
		if (deadline && timer_now_ns() >= deadline)
			break;
		set_current_state(TASK_INTERRUPTIBLE);
		if (!any_woken(&pwq) && !signal_pending_current()) {
			if (deadline)
				schedule_until(deadline);
			else
				schedule();
		}
		current->state = TASK_RUNNING;
		if (pwq.nomem) {
			ready = -ENOMEM;
			break;
		}
		poll_unregister(&pwq);
	}
	poll_free(&pwq);
	return ready;
}

static int timeout_to_deadline(const struct timespec64 __user *uts, uint64_t *deadline)
{
	if (!uts) {
		*deadline = 0;
		return 0;
	}
	struct timespec64 ts;
	int err = timespec_from_user(&ts, uts);
	if (err)
		return err;
	if (ts.tv_sec == 0 && ts.tv_nsec == 0)
		*deadline = ~0ull;
	else
		*deadline = timer_now_ns() + timespec_to_ns(&ts);
	return 0;
}

long sys_ppoll(struct pollfd __user *ufds, unsigned int nfds,
	       const struct timespec64 __user *uts, const uint64_t __user *umask, size_t size)
{
	if (nfds > POLL_FDS_MAX)
		return -EINVAL;
	uint64_t deadline;
	int err = timeout_to_deadline(uts, &deadline);
	if (err)
		return err;
	struct pollfd *fds = kmalloc(nfds * sizeof(*fds) + 1);
	if (!fds)
		return -ENOMEM;
	if (copy_from_user(fds, ufds, nfds * sizeof(*fds))) {
		kfree(fds);
		return -EFAULT;
	}
	if ((err = set_user_sigmask(umask, size))) {
		kfree(fds);
		return err;
	}
	long ret = do_poll(fds, nfds, deadline);
	if (ret == -ERESTARTSYS)
		ret = -EINTR;	/* ppoll is never restarted after a handler */
	restore_user_sigmask(umask, ret == -EINTR ? -ERESTARTSYS : ret);
	for (unsigned int i = 0; ret >= 0 && i < nfds; i++)
		if (put_user(fds[i].revents, &ufds[i].revents))
			ret = -EFAULT;
	kfree(fds);
	return ret;
}

#define FDSET_LONGS(n) (((n) + 63) / 64)

long sys_pselect6(int nfds, unsigned long __user *uin, unsigned long __user *uout,
		  unsigned long __user *uex, struct timespec64 __user *uts, void __user *usig)
{
	if (nfds < 0 || nfds > POLL_FDS_MAX)
		return -EINVAL;
	unsigned long in[FDSET_LONGS(POLL_FDS_MAX)] = { 0 }, out[FDSET_LONGS(POLL_FDS_MAX)] = { 0 },
		      ex[FDSET_LONGS(POLL_FDS_MAX)] = { 0 };
	size_t bytes = FDSET_LONGS(nfds) * sizeof(unsigned long);
	if ((uin && copy_from_user(in, uin, bytes)) || (uout && copy_from_user(out, uout, bytes)) ||
	    (uex && copy_from_user(ex, uex, bytes)))
		return -EFAULT;
	uint64_t deadline;
	int err = timeout_to_deadline(uts, &deadline);
	if (err)
		return err;
	struct { const uint64_t __user *set; size_t size; } sig = { NULL, 0 };
	if (usig && copy_from_user(&sig, usig, sizeof(sig)))
		return -EFAULT;
	struct pollfd *fds = kmalloc(nfds * sizeof(*fds) + 1);
	if (!fds)
		return -ENOMEM;
	unsigned int n = 0;
	for (int fd = 0; fd < nfds; fd++) {
		unsigned long bit = 1ul << (fd % 64);
		short ev = ((in[fd / 64] & bit) ? POLLIN : 0) | ((out[fd / 64] & bit) ? POLLOUT : 0) |
			   ((ex[fd / 64] & bit) ? POLLPRI : 0);
		if (ev)
			fds[n++] = (struct pollfd){ fd, ev, 0 };
	}
	if ((err = set_user_sigmask(sig.set, sig.size))) {
		kfree(fds);
		return err;
	}
	long ret = do_poll(fds, n, deadline);
	if (ret == -ERESTARTSYS)
		ret = -EINTR;
	restore_user_sigmask(sig.set, ret == -EINTR ? -ERESTARTSYS : ret);
	if (ret >= 0) {
		memset(in, 0, bytes);
		memset(out, 0, bytes);
		memset(ex, 0, bytes);
		ret = 0;
		for (unsigned int i = 0; i < n; i++) {
			int fd = fds[i].fd;
			unsigned long bit = 1ul << (fd % 64);
			if (fds[i].revents & POLLNVAL) {
				ret = -EBADF;
				break;
			}
			if (fds[i].revents & (POLLIN | POLLHUP | POLLERR) & (fds[i].events | POLLHUP | POLLERR) &&
			    (fds[i].events & POLLIN)) {
				in[fd / 64] |= bit;
				ret++;
			}
			if (fds[i].revents & (POLLOUT | POLLERR) && (fds[i].events & POLLOUT)) {
				out[fd / 64] |= bit;
				ret++;
			}
			if (fds[i].revents & POLLPRI) {
				ex[fd / 64] |= bit;
				ret++;
			}
		}
		if (ret >= 0 && ((uin && copy_to_user(uin, in, bytes)) ||
				 (uout && copy_to_user(uout, out, bytes)) ||
				 (uex && copy_to_user(uex, ex, bytes))))
			ret = -EFAULT;
	}
	kfree(fds);
	return ret;
}
