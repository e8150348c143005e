/*
 * timerfd: a timer behind a file (anon_inode:[timerfd]).  timerfd_settime
 * arms it (relative, or TFD_TIMER_ABSTIME on its clock, with an interval
 * or not); each expiry adds to a count that read (8 bytes) returns and
 * clears, blocking (or EAGAIN) while it is 0.  Readable while it is not.
 *
 * The clocks: CLOCK_MONOTONIC and CLOCK_BOOTTIME are one here (no
 * suspend); a CLOCK_REALTIME deadline is turned into a monotonic one when
 * the timer is set (a later clock_settime does not move it, and
 * TFD_TIMER_CANCEL_ON_SET is accepted but never cancels).  The _ALARM
 * clocks need CAP_WAKE_ALARM and are their plain clocks.
 *
 * ctx->wq's spinlock guards ticks, expires and interval; the ktimer's
 * callback (in the timer interrupt) takes it too.  settime cancels the
 * ktimer (waiting out a running callback) before changing them.
 */
#include "fs.h"
#include "file.h"
#include "poll.h"
#include "proc.h"
#include "cred.h"
#include "timer.h"
#include "kmalloc.h"
#include "uaccess.h"
#include "string.h"
#include "printk.h"
#include <linux/timerfd.h>
#include <linux/time.h>
#include <linux/capability.h>

#define TFD_CREATE_FLAGS	(TFD_CLOEXEC | TFD_NONBLOCK)
#define TFD_SETTIME_FLAGS	(TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET)
#define TIMERFD_MIN_FIRE_NS	100000ll	/* 100 us */

struct itimerspec64 {
	struct timespec64 it_interval;
	struct timespec64 it_value;
};

struct timerfd_ctx {
	struct waitqueue wq;
	struct ktimer timer;
	int clockid;
	int settime_flags;
	uint64_t ticks;		/* expiries not yet read */
	int64_t expires;	/* monotonic ns of the next expiry (may be < 0:
				 * a REALTIME time before boot); 0: disarmed */
	bool armed;
	uint64_t interval;	/* ns; 0: one expiry */
};

static uint64_t timerfd_fire(struct ktimer *t)
{
	struct timerfd_ctx *ctx = container_of(t, struct timerfd_ctx, timer);
	uint64_t next = 0;
	spin_lock(&ctx->wq.lock);
	int64_t now = timer_now_ns();
	if (ctx->armed && now >= ctx->expires) {
		if (ctx->interval) {
			/* Count every period that passed, as Linux's overruns. */
			uint64_t periods = (uint64_t)(now - ctx->expires) / ctx->interval + 1;
			ctx->ticks += periods;
			ctx->expires += periods * ctx->interval;
			/* A period shorter than an interrupt's cost would keep
			 * the hart in timer interrupts: fire at most every
			 * TIMERFD_MIN_FIRE_NS; the count stays exact. */
			next = MAX(ctx->expires, now + TIMERFD_MIN_FIRE_NS);
		} else {
			ctx->ticks++;
			ctx->armed = false;
		}
	} else if (ctx->armed) {
		next = ctx->expires;
	}
	spin_unlock(&ctx->wq.lock);
	wake_up(&ctx->wq);
	return next;
}

static uint64_t timerfd_take(struct timerfd_ctx *ctx)
{
	spin_lock(&ctx->wq.lock);
	uint64_t v = ctx->ticks;
	ctx->ticks = 0;
	spin_unlock(&ctx->wq.lock);
	return v;
}

static ssize_t timerfd_read(struct file *f, void *buf, size_t len, off_t *pos, bool user)
{
	(void)pos;
	struct timerfd_ctx *ctx = f->private;
	uint64_t v;
	if (len < sizeof(v))
		return -EINVAL;
	if (f->flags & O_NONBLOCK) {
		if (!(v = timerfd_take(ctx)))
			return -EAGAIN;
	} else if (wait_event_interruptible(ctx->wq, (v = timerfd_take(ctx)) != 0)) {
		return -ERESTARTSYS;
	}
	if (copy_out(buf, &v, sizeof(v), user))
		return -EFAULT;
	return sizeof(v);
}

static unsigned int timerfd_poll(struct file *f, struct poll_table *pt)
{
	struct timerfd_ctx *ctx = f->private;
	poll_wait(&ctx->wq, pt);
	return READ_ONCE(ctx->ticks) ? POLLIN | POLLRDNORM : 0;
}

static void ns_to_timespec(uint64_t ns, struct timespec64 *ts)
{
	ts->tv_sec = ns / NSEC_PER_SEC;
	ts->tv_nsec = ns % NSEC_PER_SEC;
}

/* The time left and the interval, as timerfd_gettime says them. */
static void timerfd_get(struct timerfd_ctx *ctx, struct itimerspec64 *out)
{
	spin_lock(&ctx->wq.lock);
	int64_t left = 0;
	if (ctx->armed) {
		left = ctx->expires - (int64_t)timer_now_ns();
		if (left <= 0)
			left = 1;	/* due, and about to fire */
	}
	ns_to_timespec(left, &out->it_value);
	ns_to_timespec(ctx->interval, &out->it_interval);
	spin_unlock(&ctx->wq.lock);
}

static size_t timerfd_show_fdinfo(struct file *f, char *buf, size_t len)
{
	struct timerfd_ctx *ctx = f->private;
	struct itimerspec64 its;
	timerfd_get(ctx, &its);
	int n = snprintf(buf, len,
			 "clockid: %d\nticks: %llu\nsettime flags: 0%o\n"
			 "it_value: (%llu, %llu)\nit_interval: (%llu, %llu)\n",
			 ctx->clockid, (unsigned long long)READ_ONCE(ctx->ticks), ctx->settime_flags,
			 (unsigned long long)its.it_value.tv_sec,
			 (unsigned long long)its.it_value.tv_nsec,
			 (unsigned long long)its.it_interval.tv_sec,
			 (unsigned long long)its.it_interval.tv_nsec);
	return n < 0 ? 0 : MIN((size_t)n, len);
}

static int timerfd_release(struct inode *in, struct file *f)
{
	(void)in;
	struct timerfd_ctx *ctx = f->private;
	ktimer_cancel(&ctx->timer);
	kfree(ctx);
	return 0;
}

static const struct file_operations timerfd_fops = {
	.read = timerfd_read,
	.poll = timerfd_poll,
	.release = timerfd_release,
	.show_fdinfo = timerfd_show_fdinfo,
	.anon_name = "[timerfd]",
};

long sys_timerfd_create(int clockid, int flags)
{
	if (flags & ~TFD_CREATE_FLAGS)
		return -EINVAL;
	if (clockid != CLOCK_REALTIME && clockid != CLOCK_MONOTONIC && clockid != CLOCK_BOOTTIME &&
	    clockid != CLOCK_REALTIME_ALARM && clockid != CLOCK_BOOTTIME_ALARM)
		return -EINVAL;
	if ((clockid == CLOCK_REALTIME_ALARM || clockid == CLOCK_BOOTTIME_ALARM) &&
	    !capable(CAP_WAKE_ALARM))
		return -EPERM;
	struct timerfd_ctx *ctx = kzalloc(sizeof(*ctx));
	if (!ctx)
		return -ENOMEM;
	waitqueue_init(&ctx->wq);
	list_init(&ctx->timer.link);
	ctx->timer.fn = timerfd_fire;
	ctx->clockid = clockid;
	struct file *f = file_alloc(NULL, &timerfd_fops, O_RDWR | (flags & TFD_NONBLOCK));
	if (!f) {
		kfree(ctx);
		return -ENOMEM;
	}
	f->mode = FMODE_READ | FMODE_WRITE;
	f->private = ctx;
	int fd = fd_install(f, 0, flags & TFD_CLOEXEC);
	if (fd < 0)
		file_put(f);
	return fd;
}

/* The timerfd at fd, referenced: -EBADF, or -EINVAL for another file. */
static struct file *timerfd_get_file(int fd, long *err)
{
	struct file *f = fd_get(fd);
	*err = 0;
	if (!f)
		*err = -EBADF;
	else if (f->f_op != &timerfd_fops) {
		file_put(f);
		f = NULL;
		*err = -EINVAL;
	}
	return f;
}

static int itimerspec_from_user(struct itimerspec64 *its, const struct itimerspec64 __user *u)
{
	int err = timespec_from_user(&its->it_interval, &u->it_interval);
	return err ? err : timespec_from_user(&its->it_value, &u->it_value);
}

/* Monotonic ns of the first expiry that value (on ctx's clock) means. */
static int64_t timerfd_deadline(struct timerfd_ctx *ctx, const struct timespec64 *value, int flags)
{
	int64_t ns = timespec_to_ns(value), now = timer_now_ns();
	if (!(flags & TFD_TIMER_ABSTIME))
		return now + ns;
	if (ctx->clockid == CLOCK_REALTIME || ctx->clockid == CLOCK_REALTIME_ALARM)
		return ns - (int64_t)realtime_ns() + now;
	return ns;
}

long sys_timerfd_settime(int fd, int flags, const struct itimerspec64 __user *unew,
			 struct itimerspec64 __user *uold)
{
	struct itimerspec64 its, old;
	int err = itimerspec_from_user(&its, unew);
	if (err)
		return err;
	if (flags & ~TFD_SETTIME_FLAGS)
		return -EINVAL;
	long ret;
	struct file *f = timerfd_get_file(fd, &ret);
	if (!f)
		return ret;
	struct timerfd_ctx *ctx = f->private;
	ktimer_cancel(&ctx->timer);
	timerfd_get(ctx, &old);
	bool arm = its.it_value.tv_sec || its.it_value.tv_nsec;
	spin_lock(&ctx->wq.lock);
	ctx->ticks = 0;
	ctx->settime_flags = flags;
	ctx->interval = timespec_to_ns(&its.it_interval);
	ctx->armed = arm;
	ctx->expires = arm ? timerfd_deadline(ctx, &its.it_value, flags) : 0;
	int64_t deadline = ctx->expires;
	spin_unlock(&ctx->wq.lock);
	if (arm)
		ktimer_arm(&ctx->timer, deadline > 0 ? deadline : 1);
	file_put(f);
	if (uold && copy_to_user(uold, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

long sys_timerfd_gettime(int fd, struct itimerspec64 __user *ucur)
{
	long ret;
	struct file *f = timerfd_get_file(fd, &ret);
	if (!f)
		return ret;
	struct itimerspec64 cur;
	timerfd_get(f->private, &cur);
	file_put(f);
	return copy_to_user(ucur, &cur, sizeof(cur)) ? -EFAULT : 0;
}
