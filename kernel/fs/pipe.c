/*
 * Pipes and fifos: a ring buffer of PIPE_SIZE bytes.  pipe->lock (a mutex)
 * guards the buffer and counts; readers and writers sleep on one wait
 * queue.  Writes of at most PIPE_BUF bytes are atomic.
 */
#include "fs.h"
#include "file.h"
#include "proc.h"
#include "signal.h"
#include "kmalloc.h"
#include "uaccess.h"
#include "chrdev.h"
#include <linux/fcntl.h>
#include <linux/limits.h>
#include "poll.h"
#include "vfs.h"
#include "cred.h"
#include <asm/ioctls.h>
#include <linux/magic.h>

#define PIPE_SIZE 65536

struct pipe {
	struct mutex lock;
	struct waitqueue wq;
	char *buf;
	size_t head, tail;		/* bytes written, bytes read */
	int readers, writers;
	unsigned int r_opens, w_opens;	/* ends opened so far (fifo_open) */
	int refcnt;
	unsigned long ino;		/* names it: fstat's st_ino, "pipe:[ino]" */
};

static struct pipe *pipe_alloc(void)
{
	struct pipe *p = kzalloc(sizeof(*p));
	if (!p)
		return NULL;
	p->buf = kmalloc(PIPE_SIZE);
	if (!p->buf) {
		kfree(p);
		return NULL;
	}
	mutex_init(&p->lock, "pipe");
	waitqueue_init(&p->wq);
	static unsigned long last_ino;
	p->ino = __atomic_add_fetch(&last_ino, 1, __ATOMIC_RELAXED);
	return p;
}

static void pipe_put(struct pipe *p)
{
	if (__atomic_sub_fetch(&p->refcnt, 1, __ATOMIC_ACQ_REL) == 0) {
		kfree(p->buf);
		kfree(p);
	}
}

static ssize_t pipe_read(struct file *f, void *buf, size_t len, off_t *pos, bool user)
{
	struct pipe *p = f->private;
	if (!len)
		return 0;
	for (;;) {
		mutex_lock(&p->lock);
		size_t avail = p->head - p->tail;
		if (avail) {
			size_t n = MIN(len, avail), done = 0;
			while (done < n) {
				size_t off = p->tail % PIPE_SIZE;
				size_t chunk = MIN(n - done, PIPE_SIZE - off);
				if (copy_out((char *)buf + done, p->buf + off, chunk, user)) {
					mutex_unlock(&p->lock);
					return done ? (ssize_t)done : -EFAULT;
				}
				p->tail += chunk;
				done += chunk;
			}
			mutex_unlock(&p->lock);
			wake_up(&p->wq);
			return n;
		}
		bool no_writers = p->writers == 0;
		mutex_unlock(&p->lock);
		if (no_writers)
			return 0;
		if (f->flags & O_NONBLOCK)
			return -EAGAIN;
		if (wait_event_interruptible(p->wq, READ_ONCE(p->head) != READ_ONCE(p->tail) ||
					     READ_ONCE(p->writers) == 0))
			return -ERESTARTSYS;
	}
}

static ssize_t pipe_write(struct file *f, const void *buf, size_t len, off_t *pos, bool user)
{
	struct pipe *p = f->private;
	size_t done = 0;
	while (done < len) {
		mutex_lock(&p->lock);
		if (p->readers == 0) {
			mutex_unlock(&p->lock);
			send_signal(current, SIGPIPE);
			return done ? (ssize_t)done : -EPIPE;
		}
		size_t space = PIPE_SIZE - (p->head - p->tail);
		bool atomic = len - done <= PIPE_BUF;
		if (space && (!atomic || space >= len - done)) {
			size_t n = MIN(len - done, space);
			size_t copied = 0;
			while (copied < n) {
				size_t off = p->head % PIPE_SIZE;
				size_t chunk = MIN(n - copied, PIPE_SIZE - off);
				if (copy_in(p->buf + off, (const char *)buf + done + copied, chunk, user)) {
					mutex_unlock(&p->lock);
					wake_up(&p->wq);
					return done + copied ? (ssize_t)(done + copied) : -EFAULT;
				}
				p->head += chunk;
				copied += chunk;
			}
			done += n;
			mutex_unlock(&p->lock);
			wake_up(&p->wq);
			continue;
		}
		mutex_unlock(&p->lock);
		if (f->flags & O_NONBLOCK)
			return done ? (ssize_t)done : -EAGAIN;
		if (wait_event_interruptible(p->wq,
			PIPE_SIZE - (READ_ONCE(p->head) - READ_ONCE(p->tail)) >= MIN(len - done, (size_t)PIPE_BUF) ||
			READ_ONCE(p->readers) == 0))
			return done ? (ssize_t)done : -ERESTARTSYS;
	}
	return done;
}

static int pipe_release(struct inode *in, struct file *f)
{
	struct pipe *p = f->private;
	mutex_lock(&p->lock);
	if (f->mode & FMODE_READ)
		p->readers--;
	if (f->mode & FMODE_WRITE)
		p->writers--;
	mutex_unlock(&p->lock);
	wake_up(&p->wq);
	pipe_put(p);
	return 0;
}

static long pipe_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	struct pipe *p = f->private;
	if (cmd != FIONREAD)
		return -ENOTTY;
	int n = p->head - p->tail;
	return put_user(n, (int __user *)arg);
}

static unsigned int pipe_poll(struct file *f, struct poll_table *pt)
{
	struct pipe *p = f->private;
	poll_wait(&p->wq, pt);
	unsigned int mask = 0;
	mutex_lock(&p->lock);
	if (f->mode & FMODE_READ) {
		if (p->head != p->tail)
			mask |= POLLIN | POLLRDNORM;
		if (!p->writers)
			mask |= POLLHUP;
	}
	if (f->mode & FMODE_WRITE) {
		if (PIPE_SIZE - (p->head - p->tail) >= PIPE_BUF)
			mask |= POLLOUT | POLLWRNORM;
		if (!p->readers)
			mask |= POLLERR;
	}
	mutex_unlock(&p->lock);
	return mask;
}

static const struct file_operations pipe_fops = {
	.poll = pipe_poll,
	.read = pipe_read,
	.write = pipe_write,
	.release = pipe_release,
	.ioctl = pipe_ioctl,
};

unsigned long pipe_ino(const struct file *f)
{
	if (f->f_op != &pipe_fops)
		return 0;
	return ((struct pipe *)f->private)->ino;
}

static struct file *pipe_end(struct pipe *p, unsigned int mode, unsigned int flags)
{
	struct file *f = file_alloc(NULL, &pipe_fops, flags);
	if (!f)
		return NULL;
	f->mode = mode;
	f->private = p;
	__atomic_add_fetch(&p->refcnt, 1, __ATOMIC_RELAXED);
	if (mode & FMODE_READ)
		p->readers++;
	if (mode & FMODE_WRITE)
		p->writers++;
	return f;
}

long sys_pipe2(int __user *ufds, int flags)
{
	if (flags & ~(O_CLOEXEC | O_NONBLOCK))
		return -EINVAL;
	struct pipe *p = pipe_alloc();
	if (!p)
		return -ENOMEM;
	p->refcnt = 1;
	struct file *r = pipe_end(p, FMODE_READ, flags & O_NONBLOCK);
	struct file *w = r ? pipe_end(p, FMODE_WRITE, flags & O_NONBLOCK) : NULL;
	pipe_put(p);
	if (!w) {
		if (r)
			file_put(r);
		return -ENOMEM;
	}
	int fds[2];
	fds[0] = fd_install(r, 0, flags & O_CLOEXEC);
	fds[1] = fds[0] < 0 ? fds[0] : fd_install(w, 0, flags & O_CLOEXEC);
	if (fds[1] < 0) {
		if (fds[0] >= 0) {
			sys_close(fds[0]);
		} else {
			file_put(r);
		}
		file_put(w);
		return fds[1];
	}
	if (copy_to_user(ufds, fds, sizeof(fds))) {
		sys_close(fds[0]);
		sys_close(fds[1]);
		return -EFAULT;
	}
	return 0;
}

/* A fifo's pipe lives with its inode while any end is open. */
static struct spinlock fifo_lock = SPINLOCK_INIT("fifo");

static int fifo_open(struct inode *in, struct file *f)
{
	spin_lock(&fifo_lock);
	struct pipe *p = in->pipe;
	if (!p) {
		spin_unlock(&fifo_lock);
		struct pipe *np = pipe_alloc();
		if (!np)
			return -ENOMEM;
		spin_lock(&fifo_lock);
		if (!in->pipe) {
			in->pipe = np;
			np->refcnt = 1;	/* the inode's */
		} else {
			kfree(np->buf);
			kfree(np);
		}
		p = in->pipe;
	}
	__atomic_add_fetch(&p->refcnt, 1, __ATOMIC_RELAXED);
	spin_unlock(&fifo_lock);
	f->private = p;
	f->f_op = &pipe_fops;
	mutex_lock(&p->lock);
	if (f->mode & FMODE_READ) {
		p->readers++;
		p->r_opens++;
	}
	if (f->mode & FMODE_WRITE) {
		p->writers++;
		p->w_opens++;
	}
	/* Opening one end of a fifo blocks until the other end is opened, as Linux:
	 * only if no other end is open now, and then until one more opens
	 * (the opens counters), even if it closes again before this one
	 * runs: a writer may write and close before the reader it woke. */
	/* A pipe(2) pipe opened again through /proc (pipefs) never waits,
	 * as on Linux: its writers may all be gone already (bash's <(...)
	 * whose command has finished). */
	bool is_pipe = in->sb->magic == PIPEFS_MAGIC;
	bool wait_writer = !is_pipe && f->mode == FMODE_READ && !p->writers &&
			   !(f->flags & O_NONBLOCK);
	bool wait_reader = !is_pipe && f->mode == FMODE_WRITE && !p->readers;
	unsigned int r_seen = p->r_opens, w_seen = p->w_opens;
	mutex_unlock(&p->lock);
	wake_up(&p->wq);
	if (wait_writer)
		wait_event_interruptible(p->wq, READ_ONCE(p->w_opens) != w_seen);
	if (wait_reader) {
		if (f->flags & O_NONBLOCK) {
			pipe_release(in, f);
			f->private = NULL;
			f->f_op = NULL;
			return -ENXIO;
		}
		wait_event_interruptible(p->wq, READ_ONCE(p->r_opens) != r_seen);
	}
	return 0;
}

const struct file_operations fifo_fops = {
	.open = fifo_open,
};

/* The last reference to a fifo's inode (on disk, or pipefs's below) is
 * gone: so is its hold on the pipe. */
void fifo_inode_evict(struct inode *in)
{
	if (in->pipe)
		pipe_put(in->pipe);
	in->pipe = NULL;
}

/*
 * pipefs: a pipe(2) end opened again through /proc/PID/fd/N (bash's <(...)
 * is /dev/fd/63) opens the pipe the way a fifo is opened.  Each such open
 * gets a fifo inode of its own, bound to the pipe (holding a reference, as
 * a fifo's inode does), under an anonymous dentry on a mount no namespace
 * contains; the new file is then a fifo end like any other, and the inode
 * goes with the last file that uses it.  pipefs_lock guards the one-time
 * set-up.
 */
static struct file_system_type pipefs_type = { .name = "pipefs" };
static struct mount *pipefs_mnt;
static struct mutex pipefs_lock = { .name = "pipefs", .wq = WAITQUEUE_INIT(pipefs_lock.wq) };

static struct mount *pipefs_mount(void)
{
	mutex_lock(&pipefs_lock);
	if (!pipefs_mnt) {
		struct super_block *sb = sb_alloc(&pipefs_type, NULL);
		struct inode *root = sb ? new_inode(sb, 1) : NULL;
		if (root) {
			root->mode = S_IFDIR | 0500;
			root->nlink = 2;
			sb->root = root;
			sb->magic = PIPEFS_MAGIC;
			pipefs_mnt = kern_mount(sb, "pipefs");
		}
		if (!pipefs_mnt) {	/* nothing else holds them yet */
			kfree(root);
			if (sb)
				sb_free(sb);
		}
	}
	mutex_unlock(&pipefs_lock);
	return pipefs_mnt;
}

int pipe_reopen_path(struct file *f, struct path *out)
{
	struct pipe *p = f->private;
	struct mount *m = pipefs_mount();
	struct inode *in = m ? new_inode(m->sb, p->ino) : NULL;
	if (!in)
		return -ENOMEM;
	in->mode = S_IFIFO | 0600;
	in->nlink = 1;
	in->uid = current->cred->fsuid;
	in->gid = current->cred->fsgid;
	in->atime = in->mtime = in->ctime = current_time();
	__atomic_add_fetch(&p->refcnt, 1, __ATOMIC_RELAXED);
	in->pipe = p;
	struct dentry *d = d_alloc_anon(in);
	if (!d) {
		iput(in);
		return -ENOMEM;
	}
	out->mnt = mnt_get(m);
	out->dentry = d;
	return 0;
}
