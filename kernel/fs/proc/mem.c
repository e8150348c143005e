/*
 * procfs: /proc/PID/mem, the process's memory at file offsets that are its
 * addresses, for the owner (the ptrace rule of proc_may_access).  The
 * address space is held from open to close; each read or write goes
 * through a page-sized bounce buffer, so the target's lock is never held
 * while the caller's memory is touched (which may be the same mm).
 */
#include "internal.h"
#include "vm.h"
#include "mm.h"
#include "kmalloc.h"
#include <linux/fs.h>

static int proc_mem_open(struct inode *in, struct file *f)
{
	struct task *t = task_by_root_nr(INO_NR(in->ino));
	if (!t)
		return -ESRCH;
	int err = proc_may_access(t) ? 0 : -EACCES;
	struct mm *mm = NULL;
	if (!err) {
		spin_lock(&tasklist_lock);	/* do_exit and exec change t->mm under it */
		mm = t->mm;
		if (mm)
			mm_get(mm);
		spin_unlock(&tasklist_lock);
		if (!mm)
			err = -ESRCH;
	}
	task_put(t);
	f->private = mm;
	return err;
}

static int proc_mem_release(struct inode *in, struct file *f)
{
	if (f->private)
		mm_put(f->private);
	return 0;
}

static ssize_t proc_mem_rw(struct file *f, void *buf, size_t len, off_t *pos, bool user,
			   bool write)
{
	char *bounce = kmalloc(PAGE_SIZE);
	size_t done = 0;
	ssize_t err = 0;
	if (!bounce)
		return -ENOMEM;
	while (done < len) {
		size_t n = MIN(len - done, PAGE_SIZE);
		if (write && copy_in(bounce, (const char *)buf + done, n, user)) {
			err = -EFAULT;
			break;
		}
		int got = mm_access(f->private, (unsigned long)*pos, bounce, n, write);
		if (got < 0) {
			err = got;
			break;
		}
		if (!write && copy_out((char *)buf + done, bounce, got, user)) {
			err = -EFAULT;
			break;
		}
		done += got;
		*pos += got;
		if ((size_t)got < n)
			break;
	}
	kfree(bounce);
	return done ? (ssize_t)done : err;
}

static ssize_t proc_mem_read(struct file *f, void *buf, size_t len, off_t *pos, bool user)
{
	return proc_mem_rw(f, buf, len, pos, user, false);
}

static ssize_t proc_mem_write(struct file *f, const void *buf, size_t len, off_t *pos,
			      bool user)
{
	return proc_mem_rw(f, (void *)buf, len, pos, user, true);
}

static off_t proc_mem_llseek(struct file *f, off_t off, int whence)
{
	mutex_lock(&f->pos_lock);
	off_t pos = whence == SEEK_SET ? off : whence == SEEK_CUR ? f->pos + off : -1;
	if (whence == SEEK_SET || whence == SEEK_CUR)
		f->pos = pos;
	mutex_unlock(&f->pos_lock);
	return whence == SEEK_SET || whence == SEEK_CUR ? pos : -EINVAL;
}

const struct file_operations proc_mem_fops = {
	.open = proc_mem_open, .release = proc_mem_release, .read = proc_mem_read,
	.write = proc_mem_write, .llseek = proc_mem_llseek,
};

