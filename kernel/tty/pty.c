/*
 * Pseudo-terminals.  Opening /dev/ptmx makes a pair: the master is this
 * file, the slave /dev/pts/N is an ordinary tty (the same line discipline
 * as the console).  Bytes written to the master are the slave's input;
 * the slave's output collects in obuf until the master reads it.
 *
 * pty_lock guards ptys[] and the open counts; a pair's obuf and its tty
 * state are guarded by the slave tty's lock.
 */
#include "tty.h"
#include "fs.h"
#include "file.h"
#include "proc.h"
#include "signal.h"
#include "cred.h"
#include "ns.h"
#include "chrdev.h"
#include "poll.h"
#include "kmalloc.h"
#include "uaccess.h"
#include "string.h"
#include <asm/ioctls.h>
#include <linux/fcntl.h>

#define PTY_MAX		64
#define PTY_OBUF	8192
#define PTS_MAJOR	136

struct pty {
	struct tty tty;			/* the slave side */
	char obuf[PTY_OBUF];		/* slave output for the master: [tail, head) */
	unsigned int head, tail;
	struct waitqueue master_wq;
	int index;
	bool locked;			/* TIOCSPTLCK: the slave cannot be opened */
	int master_refs, slave_refs;
	bool slave_opened;
};

static struct pty *ptys[PTY_MAX];
static struct spinlock pty_lock = SPINLOCK_INIT("pty");

static struct pty *pty_of(struct tty *tty)
{
	return container_of(tty, struct pty, tty);
}

/* The slave's device: its output goes to obuf (tty->lock held). */
static void pty_slave_write(struct tty *tty, const char *s, size_t n)
{
	struct pty *pty = pty_of(tty);
	for (size_t i = 0; i < n && pty->head - pty->tail < PTY_OBUF; i++)
		pty->obuf[pty->head++ % PTY_OBUF] = s[i];
	wake_up(&pty->master_wq);
}

static size_t pty_write_room(struct tty *tty)
{
	struct pty *pty = pty_of(tty);
	return PTY_OBUF - (READ_ONCE(pty->head) - READ_ONCE(pty->tail));
}

static void pty_free_if_unused(struct pty *pty)
{
	spin_lock(&pty_lock);
	bool unused = pty->master_refs == 0 && pty->slave_refs == 0;
	if (unused)
		ptys[pty->index] = NULL;
	spin_unlock(&pty_lock);
	if (unused) {
		devpts_remove(pty->index);
		put_pid(pty->tty.pgrp);
		put_pid(pty->tty.session);
		kfree(pty);
	}
}

static int ptmx_open(struct inode *in, struct file *f)
{
	struct pty *pty = kzalloc(sizeof(*pty));
	if (!pty)
		return -ENOMEM;
	spin_init(&pty->tty.lock, "pty");
	waitqueue_init(&pty->tty.read_wq);
	waitqueue_init(&pty->tty.write_wq);
	waitqueue_init(&pty->master_wq);
	tty_defaults(&pty->tty);
	pty->tty.winsize = (struct winsize){ 24, 80, 0, 0 };
	pty->tty.write = pty_slave_write;
	pty->tty.write_room = pty_write_room;
	pty->locked = true;
	pty->master_refs = 1;
	spin_lock(&pty_lock);
	int index = -1;
	for (int i = 0; i < PTY_MAX && index < 0; i++)
		if (!ptys[i])
			index = i;
	if (index >= 0)
		ptys[index] = pty;
	spin_unlock(&pty_lock);
	if (index < 0) {
		kfree(pty);
		return -ENOSPC;
	}
	pty->index = index;
	pty->tty.dev = MKDEV(PTS_MAJOR, index);
	int err = devpts_add(index, current->cred->fsuid);
	if (err) {
		pty->master_refs = 0;
		pty_free_if_unused(pty);
		return err;
	}
	f->private = &pty->tty;
	return 0;
}

static int ptmx_release(struct inode *in, struct file *f)
{
	struct pty *pty = pty_of(f->private);
	spin_lock(&pty_lock);
	pty->master_refs--;
	spin_unlock(&pty_lock);
	spin_lock(&pty->tty.lock);
	pty->tty.hung_up = true;
	spin_unlock(&pty->tty.lock);
	wake_up(&pty->tty.read_wq);
	wake_up(&pty->tty.write_wq);
	/* The slave's session loses its terminal: SIGHUP, as a modem hang-up. */
	struct pid *pg = pty->tty.pgrp;
	kill_pgrp(pg, SIGHUP, true);
	kill_pgrp(pg, SIGCONT, true);
	pty_free_if_unused(pty);
	return 0;
}

static bool master_readable(struct pty *pty)
{
	return READ_ONCE(pty->head) != READ_ONCE(pty->tail) ||
	       (pty->slave_opened && READ_ONCE(pty->slave_refs) == 0);
}

static ssize_t ptmx_read(struct file *f, void *buf, size_t len, off_t *pos, bool user)
{
	struct pty *pty = pty_of(f->private);
	char tmp[512];
	for (;;) {
		spin_lock(&pty->tty.lock);
		if (pty->head != pty->tail)
			break;
		bool gone = pty->slave_opened && pty->slave_refs == 0;
		spin_unlock(&pty->tty.lock);
		if (gone)
			return -EIO;
		if (f->flags & O_NONBLOCK)
			return -EAGAIN;
		if (wait_event_interruptible(pty->master_wq, master_readable(pty)))
			return -ERESTARTSYS;
	}
	size_t n = 0;
	while (n < len && n < sizeof(tmp) && pty->tail != pty->head)
		tmp[n++] = pty->obuf[pty->tail++ % PTY_OBUF];
	spin_unlock(&pty->tty.lock);
	wake_up(&pty->tty.write_wq);
	return copy_out(buf, tmp, n, user) ? -EFAULT : (ssize_t)n;
}

static ssize_t ptmx_write(struct file *f, const void *buf, size_t len, off_t *pos, bool user)
{
	struct pty *pty = pty_of(f->private);
	char tmp[256];
	size_t done = 0;
	while (done < len) {
		size_t n = MIN(len - done, sizeof(tmp));
		if (copy_in(tmp, (const char *)buf + done, n, user))
			return done ? (ssize_t)done : -EFAULT;
		for (size_t i = 0; i < n; i++)
			tty_receive(&pty->tty, tmp[i]);
		done += n;
	}
	return done;
}

static long ptmx_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	struct pty *pty = pty_of(f->private);
	switch (cmd) {
	case TIOCGPTN:
		return put_user((unsigned int)pty->index, (unsigned int __user *)arg);
	case TIOCSPTLCK: {
		int lock;
		if (get_user(lock, (int __user *)arg))
			return -EFAULT;
		pty->locked = lock != 0;
		return 0;
	}
	case TIOCSCTTY:
		return -EINVAL;	/* the master is never a controlling terminal here */
	case TIOCGPGRP: {
		/* The master may ask for the slave's foreground group. */
		int nr = pty->tty.pgrp ? pid_nr_ns(pty->tty.pgrp, task_active_pid_ns(current)) : 0;
		return put_user(nr, (int __user *)arg);
	}
	case FIONREAD: {
		int n = READ_ONCE(pty->head) - READ_ONCE(pty->tail);
		return put_user(n, (int __user *)arg);
	}
	}
	return tty_ioctl(f, cmd, arg);
}

static unsigned int ptmx_poll(struct file *f, struct poll_table *pt)
{
	struct pty *pty = pty_of(f->private);
	poll_wait(&pty->master_wq, pt);
	unsigned int mask = POLLOUT | POLLWRNORM;
	if (READ_ONCE(pty->head) != READ_ONCE(pty->tail))
		mask |= POLLIN | POLLRDNORM;
	if (pty->slave_opened && READ_ONCE(pty->slave_refs) == 0)
		mask |= POLLHUP;
	return mask;
}

static const struct file_operations ptmx_fops = {
	.open = ptmx_open, .release = ptmx_release, .read = ptmx_read,
	.write = ptmx_write, .ioctl = ptmx_ioctl, .poll = ptmx_poll,
};

static int pts_open(struct inode *in, struct file *f)
{
	unsigned int index = MINOR(in->rdev) + 256 * (MAJOR(in->rdev) - PTS_MAJOR);
	spin_lock(&pty_lock);
	struct pty *pty = index < PTY_MAX ? ptys[index] : NULL;
	int err = !pty ? -ENXIO : (pty->locked || pty->master_refs == 0) ? -EIO : 0;
	if (!err) {
		pty->slave_refs++;
		pty->slave_opened = true;
	}
	spin_unlock(&pty_lock);
	if (err)
		return err;
	f->private = &pty->tty;
	/* A session leader without a terminal acquires the slave it opens. */
	struct signal_struct *sig = current->signal;
	if (!(f->flags & O_NOCTTY) && !sig->tty && sig->session == current->group_leader->pid &&
	    !pty->tty.session) {
		pty->tty.session = get_pid(sig->session);
		pty->tty.pgrp = get_pid(sig->pgrp);
		sig->tty = &pty->tty;
	}
	return 0;
}

static int pts_release(struct inode *in, struct file *f)
{
	struct pty *pty = pty_of(f->private);
	spin_lock(&pty_lock);
	pty->slave_refs--;
	spin_unlock(&pty_lock);
	wake_up(&pty->master_wq);
	pty_free_if_unused(pty);
	return 0;
}

const struct file_operations pts_fops = {
	.open = pts_open, .release = pts_release, .read = tty_read,
	.write = tty_write, .ioctl = tty_ioctl, .poll = tty_poll,
};

void pty_init(void)
{
	register_chrdev(TTY_MAJOR, 2, &ptmx_fops);
}
