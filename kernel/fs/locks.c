/* POSIX record locks: see locks.h. */
#include "locks.h"
#include "file.h"
#include "proc.h"
#include "kmalloc.h"
#include "uaccess.h"
#include "ns.h"
#include <linux/fcntl.h>
#include <linux/fs.h>

#define OFFSET_MAX ((off_t)0x7fffffffffffffffll)

struct file_lock {
	struct list_head link;		/* in inode->i_flock */
	struct files_struct *owner;
	pid_t pid;			/* the locking process, for F_GETLK */
	short type;			/* F_RDLCK or F_WRLCK */
	off_t start, end;		/* bytes start..end, both included */
};

static struct spinlock file_lock_lock = SPINLOCK_INIT("file_lock");
static struct waitqueue file_lock_wq = WAITQUEUE_INIT(file_lock_wq);

/* struct flock relative to f: the range [*start, *end], or -EINVAL. */
static int flock_range(struct file *f, const struct flock *fl, off_t *start, off_t *end)
{
	off_t base;
	switch (fl->l_whence) {
	case SEEK_SET:
		base = 0;
		break;
	case SEEK_CUR:
		base = READ_ONCE(f->pos);
		break;
	case SEEK_END:
		base = READ_ONCE(f->inode->size);
		break;
	default:
		return -EINVAL;
	}
	off_t s = base + fl->l_start, e;
	if (fl->l_len > 0) {
		e = s + fl->l_len - 1;
		if (e < s)
			return -EOVERFLOW;
	} else if (fl->l_len == 0) {
		e = OFFSET_MAX;
	} else {
		e = s - 1;
		s += fl->l_len;
	}
	if (s < 0)
		return -EINVAL;
	*start = s;
	*end = e;
	return 0;
}

static bool overlap(const struct file_lock *l, off_t start, off_t end)
{
	return l->start <= end && start <= l->end;
}

/* The first lock of another owner that the request cannot share with;
 * file_lock_lock held. */
static struct file_lock *conflict(struct inode *in, struct files_struct *owner, short type,
				  off_t start, off_t end)
{
	struct file_lock *l;
	list_for_each_entry(l, &in->i_flock, link)
		if (l->owner != owner && overlap(l, start, end) &&
		    (l->type == F_WRLCK || type == F_WRLCK))
			return l;
	return NULL;
}

static bool can_lock(struct inode *in, struct files_struct *owner, short type, off_t start,
		     off_t end)
{
	spin_lock(&file_lock_lock);
	bool ok = !conflict(in, owner, type, start, end);
	spin_unlock(&file_lock_lock);
	return ok;
}

long fcntl_getlk(struct file *f, unsigned long arg)
{
	struct flock fl;
	off_t start, end;
	if (copy_from_user(&fl, (void __user *)arg, sizeof(fl)))
		return -EFAULT;
	if (fl.l_type != F_RDLCK && fl.l_type != F_WRLCK)
		return -EINVAL;
	if (!f->inode)
		return -EINVAL;
	int err = flock_range(f, &fl, &start, &end);
	if (err)
		return err;
	spin_lock(&file_lock_lock);
	struct file_lock *l = conflict(f->inode, current->files, fl.l_type, start, end);
	if (l) {
		fl.l_type = l->type;
		fl.l_whence = SEEK_SET;
		fl.l_start = l->start;
		fl.l_len = l->end == OFFSET_MAX ? 0 : l->end - l->start + 1;
		fl.l_pid = l->pid;
	} else {
		fl.l_type = F_UNLCK;
	}
	spin_unlock(&file_lock_lock);
	return copy_to_user((void __user *)arg, &fl, sizeof(fl)) ? -EFAULT : 0;
}

/*
 * Apply owner's request to in (file_lock_lock held, no conflict): its own
 * locks over the range go or shrink (one may split in two, using *spare),
 * then the new lock (*fresh, unless unlocking) goes in.  Whatever of the
 * two was used is set to NULL.
 */
static void apply(struct inode *in, struct files_struct *owner, short type, off_t start,
		  off_t end, struct file_lock **fresh, struct file_lock **spare)
{
	struct file_lock *l, *n;
	list_for_each_entry_safe(l, n, &in->i_flock, link) {
		if (l->owner != owner || !overlap(l, start, end))
			continue;
		if (l->start < start && l->end > end) {
			struct file_lock *tail = *spare;
			*spare = NULL;
			*tail = *l;
			tail->start = end + 1;
			list_add(&tail->link, &l->link);
			l->end = start - 1;
		} else if (l->start < start) {
			l->end = start - 1;
		} else if (l->end > end) {
			l->start = end + 1;
		} else {
			list_del(&l->link);
			kfree(l);
		}
	}
	if (type != F_UNLCK) {
		struct file_lock *nl = *fresh;
		*fresh = NULL;
		nl->owner = owner;
		nl->pid = current->group_leader->pid->numbers[0].nr;
		nl->type = type;
		nl->start = start;
		nl->end = end;
		list_add_tail(&nl->link, &in->i_flock);
	}
}

long fcntl_setlk(struct file *f, unsigned int cmd, unsigned long arg)
{
	struct flock fl;
	off_t start, end;
	if (copy_from_user(&fl, (void __user *)arg, sizeof(fl)))
		return -EFAULT;
	if (!f->inode)
		return -EINVAL;
	switch (fl.l_type) {
	case F_RDLCK:
		if (!(f->mode & FMODE_READ))
			return -EBADF;
		break;
	case F_WRLCK:
		if (!(f->mode & FMODE_WRITE))
			return -EBADF;
		break;
	case F_UNLCK:
		break;
	default:
		return -EINVAL;
	}
	int err = flock_range(f, &fl, &start, &end);
	if (err)
		return err;
	struct inode *in = f->inode;
	struct files_struct *owner = current->files;
	struct file_lock *fresh = kmalloc(sizeof(*fresh)), *spare = kmalloc(sizeof(*spare));
	if (!fresh || !spare) {
		kfree(fresh);
		kfree(spare);
		return -ENOLCK;
	}
	for (;;) {
		spin_lock(&file_lock_lock);
		if (fl.l_type == F_UNLCK || !conflict(in, owner, fl.l_type, start, end))
			break;
		spin_unlock(&file_lock_lock);
		if (cmd != F_SETLKW) {
			err = -EAGAIN;
			goto out;
		}
		if (wait_event_interruptible(file_lock_wq, can_lock(in, owner, fl.l_type, start, end))) {
			err = -ERESTARTSYS;
			goto out;
		}
	}
	apply(in, owner, fl.l_type, start, end, &fresh, &spare);
	spin_unlock(&file_lock_lock);
	wake_up(&file_lock_wq);
out:
	kfree(fresh);
	kfree(spare);
	return err;
}

void locks_remove_posix(struct inode *in, struct files_struct *owner)
{
	struct file_lock *l, *n;
	bool removed = false;
	spin_lock(&file_lock_lock);
	list_for_each_entry_safe(l, n, &in->i_flock, link) {
		if (l->owner == owner) {
			list_del(&l->link);
			kfree(l);
			removed = true;
		}
	}
	spin_unlock(&file_lock_lock);
	if (removed)
		wake_up(&file_lock_wq);
}
