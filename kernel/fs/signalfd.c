/*
 * signalfd4: a file (anon_inode:[signalfd]) holding a signal mask.  A read
 * takes the reader's own pending signals in that mask, lowest first, each
 * as a struct signalfd_siginfo (pid and uid as the reader's namespaces see
 * them), as many as the buffer holds; it blocks (or EAGAIN) while none is
 * pending.  It is readable while the poller has one pending.  Calling
 * signalfd4 again with the fd replaces the mask.  SIGKILL and SIGSTOP are
 * never in a mask.
 *
 * Every queued signal wakes signalfd_wait (one queue for the system, as
 * pidfds do: it never goes away under a watch, and a wake-up with nobody
 * waiting costs a fence); each woken reader rechecks its own signals.
 * ctx->mask is one word, read and written with atomic loads and stores.
 */
#include "signalfd.h"
#include "fs.h"
#include "file.h"
#include "poll.h"
#include "proc.h"
#include "signal.h"
#include "kmalloc.h"
#include "uaccess.h"
#include "string.h"
#include "printk.h"
#include <linux/signalfd.h>

#define SFD_FLAGS	(SFD_CLOEXEC | SFD_NONBLOCK)
#define UNBLOCKABLE	(sigmask(SIGKILL) | sigmask(SIGSTOP))

static struct waitqueue signalfd_wait = WAITQUEUE_INIT(signalfd_wait);

struct signalfd_ctx {
	uint64_t mask;
};

void signalfd_notify(void)
{
	wake_up(&signalfd_wait);
}

static bool signalfd_pending(struct signalfd_ctx *ctx)
{
	return READ_ONCE(current->pending) & READ_ONCE(ctx->mask);
}

/* Linux's signalfd_copyinfo: which fields a si_code fills. */
static void siginfo_to_ssi(const siginfo_t *si, struct signalfd_siginfo *ssi)
{
	memset(ssi, 0, sizeof(*ssi));
	ssi->ssi_signo = si->si_signo;
	ssi->ssi_errno = si->si_errno;
	ssi->ssi_code = si->si_code;
	if (si->si_signo == SIGSYS && si->si_code == SYS_SECCOMP) {
		ssi->ssi_call_addr = (unsigned long)si->si_call_addr;
		ssi->ssi_syscall = si->si_syscall;
		ssi->ssi_arch = si->si_arch;
		return;
	}
	ssi->ssi_pid = si->si_pid;
	ssi->ssi_uid = si->si_uid;
	if (si->si_signo == SIGCHLD) {
		ssi->ssi_status = si->si_status;
	} else if (si->si_code == SI_QUEUE || si->si_code == SI_MESGQ) {
		ssi->ssi_ptr = (unsigned long)si->si_ptr;
		ssi->ssi_int = si->si_int;
	}
}

static ssize_t signalfd_read(struct file *f, void *buf, size_t len, off_t *pos, bool user)
{
	(void)pos;
	struct signalfd_ctx *ctx = f->private;
	size_t count = len / sizeof(struct signalfd_siginfo), done = 0;
	if (!count)
		return -EINVAL;
	while (done < count) {
		siginfo_t si;
		int sig = dequeue_signal_info(READ_ONCE(ctx->mask), &si);
		if (!sig) {
			if (done)
				break;
			if (f->flags & O_NONBLOCK)
				return -EAGAIN;
			if (wait_event_interruptible(signalfd_wait, signalfd_pending(ctx)))
				return -ERESTARTSYS;
			continue;
		}
		struct signalfd_siginfo ssi;
		siginfo_to_ssi(&si, &ssi);
		if (copy_out((char *)buf + done * sizeof(ssi), &ssi, sizeof(ssi), user))
			return done ? (ssize_t)(done * sizeof(ssi)) : -EFAULT;
		done++;
	}
	return done * sizeof(struct signalfd_siginfo);
}

static unsigned int signalfd_poll(struct file *f, struct poll_table *pt)
{
	poll_wait(&signalfd_wait, pt);
	return signalfd_pending(f->private) ? POLLIN | POLLRDNORM : 0;
}

/* Linux prints the mask as its render_sigset_t does: 16 hex digits. */
static size_t signalfd_show_fdinfo(struct file *f, char *buf, size_t len)
{
	struct signalfd_ctx *ctx = f->private;
	int n = snprintf(buf, len, "sigmask:\t%016llx\n", (unsigned long long)READ_ONCE(ctx->mask));
	return n < 0 ? 0 : MIN((size_t)n, len);
}

static int signalfd_release(struct inode *in, struct file *f)
{
	(void)in;
	kfree(f->private);
	return 0;
}

static const struct file_operations signalfd_fops = {
	.read = signalfd_read,
	.poll = signalfd_poll,
	.release = signalfd_release,
	.show_fdinfo = signalfd_show_fdinfo,
	.anon_name = "[signalfd]",
};

static long signalfd_create(uint64_t mask, int flags)
{
	struct signalfd_ctx *ctx = kzalloc(sizeof(*ctx));
	if (!ctx)
		return -ENOMEM;
	ctx->mask = mask;
	struct file *f = file_alloc(NULL, &signalfd_fops, O_RDWR | (flags & SFD_NONBLOCK));
	if (!f) {
		kfree(ctx);
		return -ENOMEM;
	}
	f->mode = FMODE_READ | FMODE_WRITE;
	f->private = ctx;
	int fd = fd_install(f, 0, flags & SFD_CLOEXEC);
	if (fd < 0)
		file_put(f);
	return fd;
}

long sys_signalfd4(int fd, const uint64_t __user *umask, size_t sizemask, int flags)
{
	uint64_t mask;
	if (flags & ~SFD_FLAGS)
		return -EINVAL;
	if (sizemask != sizeof(mask))
		return -EINVAL;
	if (copy_from_user(&mask, umask, sizeof(mask)))
		return -EFAULT;
	mask &= ~UNBLOCKABLE;
	if (fd == -1)
		return signalfd_create(mask, flags);
	struct file *f = fd_get(fd);
	if (!f)
		return -EBADF;
	long ret = fd;
	if (f->f_op != &signalfd_fops) {
		ret = -EINVAL;
	} else {
		__atomic_store_n(&((struct signalfd_ctx *)f->private)->mask, mask, __ATOMIC_RELAXED);
		/* A reader may now have a signal to take. */
		wake_up(&signalfd_wait);
	}
	file_put(f);
	return ret;
}
