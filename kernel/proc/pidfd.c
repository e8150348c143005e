/*
 * pidfds (pidfd.h).  The file's private is a referenced struct pid; the
 * file has no inode (anon_inode:[pidfd] in /proc/PID/fd, as Linux).
 * pidfd_wait, woken whenever a thread-group leader exits, is where
 * pollers sleep; each rechecks its own process.  pidmap_lock guards the
 * pid's task lists while the task is looked up.
 */
#include "pidfd.h"
#include "proc.h"
#include "ns.h"
#include "file.h"
#include "poll.h"
#include "signal.h"
#include <linux/fcntl.h>
#include <linux/pidfd.h>

static struct waitqueue pidfd_wait = WAITQUEUE_INIT(pidfd_wait);

static const struct file_operations pidfd_fops;

struct pid *pidfd_pid(struct file *f)
{
	return f->f_op == &pidfd_fops ? f->private : NULL;
}

struct task *pid_task_get(struct pid *pid)
{
	struct task *t = NULL;
	spin_lock(&pidmap_lock);
	if (!list_empty(&pid->tasks[PIDTYPE_PID]))
		t = list_first_entry(&pid->tasks[PIDTYPE_PID], struct task, pid_links[PIDTYPE_PID]);
	if (t)
		__atomic_add_fetch(&t->refcnt, 1, __ATOMIC_RELAXED);
	spin_unlock(&pidmap_lock);
	return t;
}

void pidfd_notify_exit(void)
{
	wake_up(&pidfd_wait);
}

/* Has pid's process exited (a zombie, or reaped)? */
static bool pid_exited(struct pid *pid)
{
	struct task *t = pid_task_get(pid);
	if (!t)
		return true;
	int state = READ_ONCE(t->state);
	task_put(t);
	return state == TASK_ZOMBIE || state == TASK_DEAD;
}

static unsigned int pidfd_poll(struct file *f, struct poll_table *pt)
{
	poll_wait(&pidfd_wait, pt);
	return pid_exited(f->private) ? POLLIN | POLLRDNORM : 0;
}

static int pidfd_release(struct inode *in, struct file *f)
{
	(void)in;
	put_pid(f->private);
	return 0;
}

static const struct file_operations pidfd_fops = {
	.poll = pidfd_poll,
	.release = pidfd_release,
	.anon_name = "[pidfd]",
};

/*
 * pidfd_open(2): a pidfd for the process numbered nr in the caller's pid
 * namespace.  flags: 0 or PIDFD_NONBLOCK.  EINVAL for a thread that leads
 * no thread group, ESRCH when there is no such process.
 */
long sys_pidfd_open(int nr, unsigned int flags)
{
	if (flags & ~PIDFD_NONBLOCK)
		return -EINVAL;
	if (nr <= 0)
		return -EINVAL;
	spin_lock(&pidmap_lock);
	struct pid *pid = find_pid_ns(nr, task_active_pid_ns(current));
	struct task *t = pid && !list_empty(&pid->tasks[PIDTYPE_PID])
		? list_first_entry(&pid->tasks[PIDTYPE_PID], struct task, pid_links[PIDTYPE_PID])
		: NULL;
	long err = !t ? -ESRCH : t->group_leader != t ? -EINVAL : 0;
	if (!err)
		get_pid(pid);
	spin_unlock(&pidmap_lock);
	if (err)
		return err;
	struct file *f = file_alloc(NULL, &pidfd_fops, O_RDWR | (flags & O_NONBLOCK));
	if (!f) {
		put_pid(pid);
		return -ENOMEM;
	}
	f->mode = FMODE_READ | FMODE_WRITE;
	f->private = pid;
	int fd = fd_install(f, 0, true);
	if (fd < 0)
		file_put(f);
	return fd;
}
