/*
 * ppoll and pselect6.  Each round registers the caller on the wait queues
 * of every polled file (through their poll operations), checks readiness,
 * and sleeps until a queue is woken, the timeout passes or a signal comes.
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

void poll_wait(struct waitqueue *wq, struct poll_table *pt)
{
	if (!pt || pt->n >= POLL_MAX_WAITS)
		return;
	struct wait_entry *w = &pt->e[pt->n].w;
	pt->e[pt->n].wq = wq;
	pt->n++;
	w->task = current;
	spin_lock(&wq->lock);
	list_add_tail(&w->link, &wq->waiters);
	spin_unlock(&wq->lock);
	__atomic_thread_fence(__ATOMIC_SEQ_CST);	/* as prepare_to_wait */
}

static void poll_unregister(struct poll_table *pt)
{
	for (int i = 0; i < pt->n; i++) {
		struct waitqueue *wq = pt->e[i].wq;
		spin_lock(&wq->lock);
		if (!list_empty(&pt->e[i].w.link))
			list_del(&pt->e[i].w.link);
		spin_unlock(&wq->lock);
	}
	pt->n = 0;
}

static unsigned int file_poll(struct file *f, struct poll_table *pt)
{
	if (f->f_op && f->f_op->poll)
		return f->f_op->poll(f, pt);
	/* Files without a poll operation are always ready (regular files). */
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
		unsigned int mask = file_poll(f, pt);
		file_put(f);
		fds[i].revents = mask & (fds[i].events | POLLERR | POLLHUP | POLLNVAL);
		if (fds[i].revents)
			ready++;
	}
	return ready;
}

static bool any_woken(struct poll_table *pt)
{
	for (int i = 0; i < pt->n; i++)
		if (list_empty(&pt->e[i].w.link))
			return true;
	return false;
}

/* deadline 0: wait forever; ~0: do not wait.  Files are polled while
 * running (their poll may take a mutex); the sleep starts only if none of
 * the queues registered on has been woken since. */
static int do_poll(struct pollfd *fds, unsigned int nfds, uint64_t deadline)
{
	struct poll_table *pt = kzalloc(sizeof(*pt));
	if (!pt)
		return -ENOMEM;
	int ready;
	for (;;) {
		ready = poll_once(fds, nfds, deadline == ~0ull ? NULL : pt);
		if (ready || deadline == ~0ull)
			break;
		if (signal_pending_current()) {
			ready = -ERESTARTSYS;
			break;
		}
		if (deadline && timer_now_ns() >= deadline)
			break;
		set_current_state(TASK_INTERRUPTIBLE);
		if (!any_woken(pt) && !signal_pending_current()) {
			if (deadline)
				schedule_until(deadline);
			else
				schedule();
		}
		current->state = TASK_RUNNING;
		poll_unregister(pt);
	}
	poll_unregister(pt);
	kfree(pt);
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

/* Install a temporary signal mask for the call (ppoll, pselect6). */
static int set_call_mask(const uint64_t __user *umask, size_t size)
{
	if (!umask)
		return 0;
	uint64_t mask;
	if (size != sizeof(mask))
		return -EINVAL;
	if (copy_from_user(&mask, umask, sizeof(mask)))
		return -EFAULT;
	current->saved_sigmask = current->blocked;
	current->restore_sigmask = true;
	current->blocked = mask & ~(sigmask(SIGKILL) | sigmask(SIGSTOP));
	return 0;
}

static void end_call_mask(const uint64_t __user *umask, int ret)
{
	/* On -ERESTARTSYS/EINTR the mask is restored after the handler runs. */
	if (umask && ret != -ERESTARTSYS && current->restore_sigmask) {
		current->blocked = current->saved_sigmask;
		current->restore_sigmask = false;
	}
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
	if ((err = set_call_mask(umask, size))) {
		kfree(fds);
		return err;
	}
	long ret = do_poll(fds, nfds, deadline);
	if (ret == -ERESTARTSYS)
		ret = -EINTR;	/* ppoll is never restarted after a handler */
	end_call_mask(umask, ret == -EINTR ? -ERESTARTSYS : ret);
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
	if ((err = set_call_mask(sig.set, sig.size))) {
		kfree(fds);
		return err;
	}
	long ret = do_poll(fds, n, deadline);
	if (ret == -ERESTARTSYS)
		ret = -EINTR;
	end_call_mask(sig.set, ret == -EINTR ? -ERESTARTSYS : ret);
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
