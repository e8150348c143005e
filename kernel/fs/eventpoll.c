/*
 * epoll: epoll_create1, epoll_ctl, epoll_pwait and epoll_pwait2 (riscv64
 * has no plain epoll_wait or epoll_create; libc builds them on these).
 *
 * An eventpoll is the private of an epoll file (anon_inode:[eventpoll]).
 * Each watched (file, fd) pair is an epitem with a callback entry on every
 * wait queue the file's poll registered (at most EP_MAX_WAITS).  When a
 * queue is woken, ep_poll_callback puts the item on the ready list and
 * wakes the epoll's waiters; epoll_wait then polls the ready items only,
 * so a call costs O(ready items), whatever the number watched.  A
 * level-triggered item that was still ready goes back on the list; an
 * edge-triggered one waits for the next wake-up; a one-shot one is
 * disabled until EPOLL_CTL_MOD.
 *
 * Locks, outermost first:
 *   epmutex (global mutex): the watch topology: every file's f_ep_links
 *     and every eventpoll's items list change under it (and under the
 *     eventpoll's mtx too); epoll_ctl and the release of a watched file
 *     take it, so the loop check sees a fixed graph.
 *   ep->mtx (mutex): the items and their events, and keeps them alive
 *     while epoll_wait polls them.  Nested epolls are taken outer first.
 *   ep->lock (spinlock, taken from wake-up callbacks with a file's queue
 *     lock held): the ready list and every item's rdllink.
 * An item holds no reference to its file: the file's last file_put
 * removes the item (eventpoll_release_file) before the file goes.
 */
#include "eventpoll.h"
#include "poll.h"
#include "file.h"
#include "proc.h"
#include "signal.h"
#include "timer.h"
#include "kmalloc.h"
#include "uaccess.h"
#include "string.h"
#include "printk.h"
#include <linux/fcntl.h>

#define EP_MAX_WAITS	4	/* wait queues one file's poll may register */
#define EP_MAX_NESTS	4	/* epoll-in-epoll edges on any chain (Linux's) */
#define EP_MAX_EVENTS	(INT_MAX / sizeof(struct epoll_event))
#define EP_PRIVATE_BITS	(EPOLLWAKEUP | EPOLLONESHOT | EPOLLET | EPOLLEXCLUSIVE)
#define EPOLLEXCLUSIVE_OK_BITS	(EPOLLIN | EPOLLOUT | EPOLLERR | EPOLLHUP | EPOLLWAKEUP | \
				 EPOLLET | EPOLLEXCLUSIVE)

struct eventpoll {
	struct mutex mtx;
	struct spinlock lock;
	struct list_head rdllist;	/* of epitem.rdllink (lock) */
	struct list_head items;		/* of epitem.itemlink (epmutex and mtx) */
	struct waitqueue wq;		/* tasks in epoll_wait */
	struct waitqueue poll_wq;	/* pollers of this epoll file */
	struct file *file;		/* the epoll file (not referenced) */
	unsigned long loop_gen;		/* the loop check's memo (epmutex) */
	int loop_depth;
};

struct epitem;

struct eppoll_entry {
	struct wait_entry w;		/* func = ep_poll_callback */
	struct waitqueue *wq;
	struct epitem *epi;
};

struct epitem {
	struct eventpoll *ep;
	struct file *file;
	int fd;
	struct epoll_event event;	/* events under ep->lock and mtx */
	struct list_head rdllink;	/* in ep->rdllist, or empty */
	struct list_head itemlink;	/* in ep->items */
	struct list_head fllink;	/* in file->f_ep_links */
	int nwait;			/* -1: a queue could not be watched */
	struct eppoll_entry pwq[EP_MAX_WAITS];
};

static struct mutex epmutex = { .name = "epmutex", .wq = WAITQUEUE_INIT(epmutex.wq) };
static unsigned long loop_check_gen;	/* epmutex */

static const struct file_operations eventpoll_fops;

static bool is_file_epoll(struct file *f)
{
	return f->f_op == &eventpoll_fops;
}

/* ---- readiness ---- */

static bool ep_poll_callback(struct wait_entry *w)
{
	struct eppoll_entry *pe = container_of(w, struct eppoll_entry, w);
	struct epitem *epi = pe->epi;
	struct eventpoll *ep = epi->ep;
	spin_lock(&ep->lock);
	if (!(epi->event.events & ~EP_PRIVATE_BITS)) {
		/* A one-shot item already reported: disabled until MOD. */
		spin_unlock(&ep->lock);
		return false;
	}
	if (list_empty(&epi->rdllink))
		list_add_tail(&epi->rdllink, &ep->rdllist);
	bool waiters = !list_empty(&ep->wq.waiters);
	spin_unlock(&ep->lock);
	wake_up(&ep->wq);
	wake_up(&ep->poll_wq);
	/* An exclusive watch counts as the one woken only if a task was
	 * waiting to take the event (Linux's rule). */
	return waiters;
}

struct ep_pqueue {
	struct poll_table pt;
	struct epitem *epi;
};

static void ep_ptable_queue_proc(struct waitqueue *wq, struct poll_table *pt)
{
	struct epitem *epi = container_of(pt, struct ep_pqueue, pt)->epi;
	if (epi->nwait < 0 || epi->nwait >= EP_MAX_WAITS) {
		epi->nwait = -1;
		return;
	}
	struct eppoll_entry *pe = &epi->pwq[epi->nwait++];
	pe->wq = wq;
	pe->epi = epi;
	pe->w = (struct wait_entry){ NULL, LIST_HEAD_INIT(pe->w.link), ep_poll_callback,
				     (epi->event.events & EPOLLEXCLUSIVE) != 0 };
	wait_entry_add(wq, &pe->w);
}

static unsigned int ep_item_poll(struct epitem *epi)
{
	return vfs_poll(epi->file, NULL) & epi->event.events;
}

/* Put epi on the ready list (if not there) and wake the waiters. */
static void ep_set_ready(struct eventpoll *ep, struct epitem *epi)
{
	spin_lock(&ep->lock);
	if (list_empty(&epi->rdllink))
		list_add_tail(&epi->rdllink, &ep->rdllist);
	spin_unlock(&ep->lock);
	wake_up(&ep->wq);
	wake_up(&ep->poll_wq);
}

/*
 * Go through the ready list (ep->mtx held): each item still ready is
 * handed to report(), which returns false to stop (the buffer is full, or
 * a fault); items no longer ready are dropped.  Items not reached go back
 * to the front of the list.  Returns the number reported.
 */
static int ep_scan_ready(struct eventpoll *ep,
			 bool (*report)(struct epitem *epi, unsigned int mask, void *arg),
			 void *arg)
{
	LIST_HEAD(txlist);
	int n = 0;
	spin_lock(&ep->lock);
	list_splice_init(&ep->rdllist, &txlist);
	spin_unlock(&ep->lock);
	LIST_HEAD(again);	/* level-triggered items reported */
	while (!list_empty(&txlist)) {
		struct epitem *epi = list_first_entry(&txlist, struct epitem, rdllink);
		/* Off every list before polling: a wake-up from now on puts
		 * it on the ready list again. */
		spin_lock(&ep->lock);
		list_del(&epi->rdllink);
		spin_unlock(&ep->lock);
		unsigned int mask = ep_item_poll(epi);
		if (!mask)
			continue;
		if (!report(epi, mask, arg)) {
			spin_lock(&ep->lock);
			if (list_empty(&epi->rdllink))
				list_add(&epi->rdllink, &txlist);
			spin_unlock(&ep->lock);
			break;
		}
		n++;
		spin_lock(&ep->lock);
		if (epi->event.events & EPOLLONESHOT)
			epi->event.events &= EP_PRIVATE_BITS;
		else if (!(epi->event.events & EPOLLET) && list_empty(&epi->rdllink))
			list_add_tail(&epi->rdllink, &again);
		spin_unlock(&ep->lock);
	}
	spin_lock(&ep->lock);
	list_splice_init(&txlist, &ep->rdllist);
	/* Level-triggered ones go behind the rest, so each gets its turn. */
	while (!list_empty(&again)) {
		struct epitem *epi = list_first_entry(&again, struct epitem, rdllink);
		list_del(&epi->rdllink);
		list_add_tail(&epi->rdllink, &ep->rdllist);
	}
	spin_unlock(&ep->lock);
	return n;
}

struct ep_send {
	struct epoll_event __user *uevents;
	int max, n;
	bool fault;
};

static bool ep_report_user(struct epitem *epi, unsigned int mask, void *arg)
{
	struct ep_send *s = arg;
	if (s->n >= s->max)
		return false;
	struct epoll_event ev = { mask, epi->event.data };
	if (copy_to_user(&s->uevents[s->n], &ev, sizeof(ev))) {
		s->fault = true;
		return false;
	}
	s->n++;
	return true;
}

static bool ep_report_any(struct epitem *epi, unsigned int mask, void *arg)
{
	(void)epi;
	(void)mask;
	(void)arg;
	return false;	/* one is enough: stop, keeping it on the list */
}

/* ---- the epoll file ---- */

/* An epoll is readable while one of its ready items still is. */
static unsigned int ep_eventpoll_poll(struct file *f, struct poll_table *pt)
{
	struct eventpoll *ep = f->private;
	poll_wait(&ep->poll_wq, pt);
	mutex_lock(&ep->mtx);
	ep_scan_ready(ep, ep_report_any, NULL);
	bool ready = !list_empty(&ep->rdllist);
	mutex_unlock(&ep->mtx);
	return ready ? EPOLLIN | EPOLLRDNORM : 0;
}

/* Take epi out of everything (epmutex and ep->mtx held) and free it;
 * once its entries are off their queues no callback can see it. */
static void ep_remove(struct eventpoll *ep, struct epitem *epi)
{
	for (int i = 0; i < epi->nwait; i++)
		wait_entry_remove(epi->pwq[i].wq, &epi->pwq[i].w);
	spin_lock(&ep->lock);
	if (!list_empty(&epi->rdllink))
		list_del(&epi->rdllink);
	spin_unlock(&ep->lock);
	list_del(&epi->fllink);
	list_del(&epi->itemlink);
	kfree(epi);
}

static int ep_release(struct inode *in, struct file *f)
{
	(void)in;
	struct eventpoll *ep = f->private;
	mutex_lock(&epmutex);
	mutex_lock(&ep->mtx);
	while (!list_empty(&ep->items))
		ep_remove(ep, list_first_entry(&ep->items, struct epitem, itemlink));
	mutex_unlock(&ep->mtx);
	mutex_unlock(&epmutex);
	kfree(ep);
	return 0;
}

void eventpoll_release_file(struct file *f)
{
	mutex_lock(&epmutex);
	while (!list_empty(&f->f_ep_links)) {
		struct epitem *epi = list_first_entry(&f->f_ep_links, struct epitem, fllink);
		struct eventpoll *ep = epi->ep;
		mutex_lock(&ep->mtx);
		ep_remove(ep, epi);
		mutex_unlock(&ep->mtx);
	}
	mutex_unlock(&epmutex);
}

/* fdinfo: one line per watch, as Linux prints it. */
static size_t ep_show_fdinfo(struct file *f, char *buf, size_t len)
{
	struct eventpoll *ep = f->private;
	size_t n = 0;
	mutex_lock(&ep->mtx);
	struct epitem *epi;
	list_for_each_entry(epi, &ep->items, itemlink) {
		struct inode *in = epi->file->inode;
		unsigned long ino = in ? in->ino : pipe_ino(epi->file);
		int w = snprintf(buf + n, len - n,
				 "tfd: %8d events: %8x data: %16llx  pos:%lli ino:%lx sdev:%x\n",
				 epi->fd, epi->event.events, (unsigned long long)epi->event.data,
				 (long long)epi->file->pos, ino, in && in->sb ? (unsigned)in->sb->dev : 0);
		if (w < 0 || (size_t)w >= len - n)
			break;
		n += w;
	}
	mutex_unlock(&ep->mtx);
	return n;
}

static const struct file_operations eventpoll_fops = {
	.poll = ep_eventpoll_poll,
	.release = ep_release,
	.show_fdinfo = ep_show_fdinfo,
	.anon_name = "[eventpoll]",
};

long sys_epoll_create1(int flags)
{
	if (flags & ~EPOLL_CLOEXEC)
		return -EINVAL;
	struct eventpoll *ep = kzalloc(sizeof(*ep));
	if (!ep)
		return -ENOMEM;
	mutex_init(&ep->mtx, "eventpoll");
	spin_init(&ep->lock, "eventpoll");
	list_init(&ep->rdllist);
	list_init(&ep->items);
	waitqueue_init(&ep->wq);
	waitqueue_init(&ep->poll_wq);
	struct file *f = file_alloc(NULL, &eventpoll_fops, O_RDWR);
	if (!f) {
		kfree(ep);
		return -ENOMEM;
	}
	f->mode = FMODE_READ | FMODE_WRITE;
	f->private = ep;
	ep->file = f;
	int fd = fd_install(f, 0, flags & EPOLL_CLOEXEC);
	if (fd < 0)
		file_put(f);
	return fd;
}

/* ---- epoll_ctl ---- */

/* The item watching (file, fd) in ep, or NULL (epmutex held): a file is
 * watched by few epolls, so its own list is the short one to search. */
static struct epitem *ep_find(struct eventpoll *ep, struct file *file, int fd)
{
	struct epitem *epi;
	list_for_each_entry(epi, &file->f_ep_links, fllink)
		if (epi->ep == ep && epi->fd == fd)
			return epi;
	return NULL;
}

/* The longest chain of epolls below ep, in edges; more than EP_MAX_NESTS
 * if target is among them (adding ep's file to target would close a loop). */
static int ep_depth_below(struct eventpoll *ep, struct eventpoll *target, int depth)
{
	if (ep->loop_gen == loop_check_gen)
		return ep->loop_depth;
	ep->loop_gen = loop_check_gen;
	int result = 0;
	struct epitem *epi;
	list_for_each_entry(epi, &ep->items, itemlink) {
		if (!is_file_epoll(epi->file))
			continue;
		struct eventpoll *child = epi->file->private;
		if (child == target || depth > EP_MAX_NESTS)
			result = EP_MAX_NESTS + 1;
		else
			result = MAX(result, ep_depth_below(child, target, depth + 1) + 1);
		if (result > EP_MAX_NESTS)
			break;
	}
	ep->loop_depth = result;
	return result;
}

/* The longest chain of epolls watching ep, in edges. */
static int ep_depth_above(struct eventpoll *ep, int depth)
{
	int result = 0;
	struct epitem *epi;
	if (depth > EP_MAX_NESTS)
		return depth;
	list_for_each_entry(epi, &ep->file->f_ep_links, fllink)
		result = MAX(result, ep_depth_above(epi->ep, depth + 1) + 1);
	return result;
}

/* May ep watch the epoll target?  -ELOOP if that closes a loop or makes a
 * chain longer than EP_MAX_NESTS (epmutex held). */
static int ep_loop_check(struct eventpoll *ep, struct eventpoll *target)
{
	loop_check_gen++;
	int below = ep_depth_below(target, ep, 0);
	if (below > EP_MAX_NESTS)
		return -ELOOP;
	return below + 1 + ep_depth_above(ep, 0) > EP_MAX_NESTS ? -ELOOP : 0;
}

static int ep_insert(struct eventpoll *ep, const struct epoll_event *event,
		     struct file *tf, int fd)
{
	struct epitem *epi = kzalloc(sizeof(*epi));
	if (!epi)
		return -ENOMEM;
	epi->ep = ep;
	epi->file = tf;
	epi->fd = fd;
	epi->event = *event;
	list_init(&epi->rdllink);
	list_add_tail(&epi->fllink, &tf->f_ep_links);
	list_add_tail(&epi->itemlink, &ep->items);
	struct ep_pqueue epq = { { ep_ptable_queue_proc }, epi };
	unsigned int mask = vfs_poll(tf, &epq.pt);
	if (epi->nwait < 0) {
		epi->nwait = EP_MAX_WAITS;
		ep_remove(ep, epi);
		return -ENOMEM;
	}
	if (mask & event->events)
		ep_set_ready(ep, epi);
	return 0;
}

static void ep_modify(struct eventpoll *ep, struct epitem *epi, const struct epoll_event *event)
{
	spin_lock(&ep->lock);
	epi->event = *event;
	spin_unlock(&ep->lock);
	if (ep_item_poll(epi))
		ep_set_ready(ep, epi);
}

/* The checks Linux makes before taking any lock, in its order. */
static int ep_ctl_check(struct file *epf, struct file *tf, int op, struct epoll_event *ev)
{
	if (!file_can_poll(tf))
		return -EPERM;
	if (op != EPOLL_CTL_DEL)
		ev->events &= ~EPOLLWAKEUP;	/* needs CAP_BLOCK_SUSPEND: no suspend here */
	if (epf == tf || !is_file_epoll(epf))
		return -EINVAL;
	if (op != EPOLL_CTL_DEL && (ev->events & EPOLLEXCLUSIVE)) {
		if (op == EPOLL_CTL_MOD)
			return -EINVAL;
		if (op == EPOLL_CTL_ADD &&
		    (is_file_epoll(tf) || (ev->events & ~EPOLLEXCLUSIVE_OK_BITS)))
			return -EINVAL;
	}
	return 0;
}

static long ep_ctl_locked(struct eventpoll *ep, int op, int fd, struct file *tf,
			  struct epoll_event *ev)
{
	if (op == EPOLL_CTL_ADD && is_file_epoll(tf)) {
		int err = ep_loop_check(ep, tf->private);
		if (err)
			return err;
	}
	struct epitem *epi = ep_find(ep, tf, fd);
	switch (op) {
	case EPOLL_CTL_ADD:
		if (epi)
			return -EEXIST;
		ev->events |= EPOLLERR | EPOLLHUP;
		return ep_insert(ep, ev, tf, fd);
	case EPOLL_CTL_DEL:
		if (!epi)
			return -ENOENT;
		ep_remove(ep, epi);
		return 0;
	case EPOLL_CTL_MOD:
		if (!epi)
			return -ENOENT;
		if (epi->event.events & EPOLLEXCLUSIVE)
			return -EINVAL;
		ev->events |= EPOLLERR | EPOLLHUP;
		ep_modify(ep, epi, ev);
		return 0;
	}
	return -EINVAL;
}

long sys_epoll_ctl(int epfd, int op, int fd, struct epoll_event __user *uevent)
{
	struct epoll_event ev = { 0, 0 };
	if (op != EPOLL_CTL_DEL && copy_from_user(&ev, uevent, sizeof(ev)))
		return -EFAULT;
	struct file *epf = fd_get(epfd);
	if (!epf)
		return -EBADF;
	struct file *tf = fd_get(fd);
	long err = -EBADF;
	if (!tf)
		goto out_epf;
	err = ep_ctl_check(epf, tf, op, &ev);
	if (err)
		goto out_tf;
	struct eventpoll *ep = epf->private;
	mutex_lock(&epmutex);
	mutex_lock(&ep->mtx);
	err = ep_ctl_locked(ep, op, fd, tf, &ev);
	mutex_unlock(&ep->mtx);
	mutex_unlock(&epmutex);
out_tf:
	file_put(tf);
out_epf:
	file_put(epf);
	return err;
}

/* ---- epoll_wait ---- */

/* deadline: 0 forever, ~0 not at all, else monotonic ns. */
static long ep_poll(struct eventpoll *ep, struct epoll_event __user *uevents, int maxevents,
		    uint64_t deadline)
{
	struct ep_send s = { uevents, maxevents, 0, false };
	for (;;) {
		mutex_lock(&ep->mtx);
		ep_scan_ready(ep, ep_report_user, &s);
		mutex_unlock(&ep->mtx);
		if (s.n)
			return s.n;
		if (s.fault)
			return -EFAULT;
		if (deadline == ~0ull)
			return 0;
		if (signal_pending_current())
			return -EINTR;	/* epoll_wait is never restarted */
		if (deadline && timer_now_ns() >= deadline)
			return 0;
		struct wait_entry w = WAIT_ENTRY_INIT(w, NULL);
		prepare_to_wait(&ep->wq, &w, true);
		if (list_empty(&ep->rdllist) && !signal_pending_current()) {
			if (deadline)
				schedule_until(deadline);
			else
				schedule();
		}
		finish_wait(&ep->wq, &w);
	}
}

static long do_epoll_wait(int epfd, struct epoll_event __user *uevents, int maxevents,
			  uint64_t deadline, const uint64_t __user *umask, size_t masksize)
{
	if (maxevents <= 0 || (size_t)maxevents > EP_MAX_EVENTS)
		return -EINVAL;
	if (!access_ok(uevents, maxevents * sizeof(struct epoll_event)))
		return -EFAULT;
	struct file *f = fd_get(epfd);
	if (!f)
		return -EBADF;
	long ret = -EINVAL;
	if (is_file_epoll(f)) {
		ret = set_user_sigmask(umask, masksize);
		if (!ret) {
			ret = ep_poll(f->private, uevents, maxevents, deadline);
			restore_user_sigmask(umask, ret == -EINTR ? -ERESTARTSYS : ret);
		}
	}
	file_put(f);
	return ret;
}

long sys_epoll_pwait(int epfd, struct epoll_event __user *uevents, int maxevents, int timeout_ms,
		     const uint64_t __user *umask, size_t masksize)
{
	uint64_t deadline = timeout_ms < 0 ? 0 : timeout_ms == 0 ? ~0ull
			  : timer_now_ns() + (uint64_t)timeout_ms * 1000000ull;
	return do_epoll_wait(epfd, uevents, maxevents, deadline, umask, masksize);
}

long sys_epoll_pwait2(int epfd, struct epoll_event __user *uevents, int maxevents,
		      const struct timespec64 __user *uts, const uint64_t __user *umask,
		      size_t masksize)
{
	uint64_t deadline = 0;
	if (uts) {
		struct timespec64 ts;
		int err = timespec_from_user(&ts, uts);
		if (err)
			return err;
		deadline = ts.tv_sec == 0 && ts.tv_nsec == 0 ? ~0ull
			   : timer_now_ns() + timespec_to_ns(&ts);
	}
	return do_epoll_wait(epfd, uevents, maxevents, deadline, umask, masksize);
}
