/*
 * eventfd2: a 64-bit counter behind a file (anon_inode:[eventfd]).  A
 * write of 8 bytes adds to it, blocking (or EAGAIN) while the sum would
 * pass EVENTFD_MAX; a read of 8 bytes takes the whole count, or 1 of it
 * with EFD_SEMAPHORE, blocking (or EAGAIN) while it is 0.  Shorter
 * buffers and a write of ~0 are EINVAL.  Readable while the count is
 * non-zero, writable while 1 more would fit.
 *
 * ctx->wq's spinlock also guards count: a reader or writer tests and
 * changes it under that lock, and every change wakes the queue (readers,
 * writers and pollers alike, each rechecks).
 */
#include "fs.h"
#include "file.h"
#include "poll.h"
#include "proc.h"
#include "kmalloc.h"
#include "uaccess.h"
#include "string.h"
#include "printk.h"
#include <linux/fcntl.h>

/* Linux's flag values (its uapi has no header of them). */
#define EFD_SEMAPHORE	1
#define EFD_CLOEXEC	O_CLOEXEC
#define EFD_NONBLOCK	O_NONBLOCK

#define EVENTFD_MAX	(~0ull - 1)	/* the largest count */

struct eventfd_ctx {
	struct waitqueue wq;
	uint64_t count;
	unsigned int flags;		/* EFD_SEMAPHORE */
	int id;				/* fdinfo's eventfd-id */
};

static int eventfd_last_id;

/* Try to take from the count: the amount taken, or 0 if it is 0. */
static uint64_t eventfd_take(struct eventfd_ctx *ctx)
{
	spin_lock(&ctx->wq.lock);
	uint64_t v = ctx->count;
	if (v && (ctx->flags & EFD_SEMAPHORE))
		v = 1;
	ctx->count -= v;
	spin_unlock(&ctx->wq.lock);
	return v;
}

/* Try to add n: true if it fitted. */
static bool eventfd_add(struct eventfd_ctx *ctx, uint64_t n)
{
	spin_lock(&ctx->wq.lock);
	bool fits = EVENTFD_MAX - ctx->count >= n;
	if (fits)
		ctx->count += n;
	spin_unlock(&ctx->wq.lock);
	return fits;
}

static ssize_t eventfd_read(struct file *f, void *buf, size_t len, off_t *pos, bool user)
{
	(void)pos;
	struct eventfd_ctx *ctx = f->private;
	if (len < sizeof(uint64_t))
		return -EINVAL;
	uint64_t v;
	if (f->flags & O_NONBLOCK) {
		if (!(v = eventfd_take(ctx)))
			return -EAGAIN;
	} else {
		int err = wait_event_interruptible(ctx->wq, (v = eventfd_take(ctx)) != 0);
		if (err)
			return -ERESTARTSYS;
	}
	wake_up(&ctx->wq);
	if (copy_out(buf, &v, sizeof(v), user))
		return -EFAULT;
	return sizeof(v);
}

static ssize_t eventfd_write(struct file *f, const void *buf, size_t len, off_t *pos, bool user)
{
	(void)pos;
	struct eventfd_ctx *ctx = f->private;
	uint64_t n;
	if (len < sizeof(n))
		return -EINVAL;
	if (copy_in(&n, buf, sizeof(n), user))
		return -EFAULT;
	if (n == ~0ull)
		return -EINVAL;
	if (f->flags & O_NONBLOCK) {
		if (!eventfd_add(ctx, n))
			return -EAGAIN;
	} else if (wait_event_interruptible(ctx->wq, eventfd_add(ctx, n))) {
		return -ERESTARTSYS;
	}
	wake_up(&ctx->wq);
	return sizeof(n);
}

static unsigned int eventfd_poll(struct file *f, struct poll_table *pt)
{
	struct eventfd_ctx *ctx = f->private;
	poll_wait(&ctx->wq, pt);
	uint64_t count = READ_ONCE(ctx->count);
	unsigned int mask = 0;
	if (count > 0)
		mask |= POLLIN | POLLRDNORM;
	if (count == ~0ull)
		mask |= POLLERR;
	if (count < EVENTFD_MAX)
		mask |= POLLOUT | POLLWRNORM;
	return mask;
}

static size_t eventfd_show_fdinfo(struct file *f, char *buf, size_t len)
{
	struct eventfd_ctx *ctx = f->private;
	int n = snprintf(buf, len, "eventfd-count: %16llx\neventfd-id: %d\neventfd-semaphore: %d\n",
			 (unsigned long long)READ_ONCE(ctx->count), ctx->id,
			 (ctx->flags & EFD_SEMAPHORE) != 0);
	return n < 0 ? 0 : MIN((size_t)n, len);
}

static int eventfd_release(struct inode *in, struct file *f)
{
	(void)in;
	kfree(f->private);
	return 0;
}

static const struct file_operations eventfd_fops = {
	.read = eventfd_read,
	.write = eventfd_write,
	.poll = eventfd_poll,
	.release = eventfd_release,
	.show_fdinfo = eventfd_show_fdinfo,
	.anon_name = "[eventfd]",
};

long sys_eventfd2(unsigned int initval, int flags)
{
	if (flags & ~(EFD_SEMAPHORE | EFD_CLOEXEC | EFD_NONBLOCK))
		return -EINVAL;
	struct eventfd_ctx *ctx = kzalloc(sizeof(*ctx));
	if (!ctx)
		return -ENOMEM;
	waitqueue_init(&ctx->wq);
	ctx->count = initval;
	ctx->flags = flags & EFD_SEMAPHORE;
	ctx->id = __atomic_fetch_add(&eventfd_last_id, 1, __ATOMIC_RELAXED);
	struct file *f = file_alloc(NULL, &eventfd_fops, O_RDWR | (flags & O_NONBLOCK));
	if (!f) {
		kfree(ctx);
		return -ENOMEM;
	}
	f->mode = FMODE_READ | FMODE_WRITE;
	f->private = ctx;
	int fd = fd_install(f, 0, flags & EFD_CLOEXEC);
	if (fd < 0)
		file_put(f);
	return fd;
}
