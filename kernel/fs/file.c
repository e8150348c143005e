/*
 * Open file descriptions and descriptor tables.  A struct file is shared by
 * every descriptor that refers to it (dup, fork) and freed with its last
 * reference; the descriptor table grows by doubling up to NR_OPEN_MAX.
 */
#include "file.h"
#include "proc.h"
#include "kmalloc.h"
#include "string.h"
#include "signal.h"
#include "cred.h"
#include "vfs.h"
#include "locks.h"
#include "eventpoll.h"
#include <linux/resource.h>
#include <linux/fcntl.h>

struct file *file_alloc(struct inode *inode, const struct file_operations *fop,
			unsigned int flags)
{
	struct file *f = kzalloc(sizeof(*f));
	if (!f)
		return NULL;
	f->inode = inode ? igrab(inode) : NULL;
	f->f_op = fop;
	f->flags = flags;
	f->refcnt = 1;
	/* A kernel thread (no credentials of its own) opens as root. */
	f->f_cred = get_cred(current->cred ? current->cred : &root_cred);
	mutex_init(&f->pos_lock, "file");
	list_init(&f->f_ep_links);
	return f;
}

unsigned int file_status_flags(const struct file *f)
{
	unsigned int acc = f->mode == (FMODE_READ | FMODE_WRITE) ? O_RDWR :
			   f->mode == FMODE_WRITE ? O_WRONLY : O_RDONLY;
	return (f->flags & ~(O_ACCMODE | O_CLOEXEC | O_NOCTTY)) | acc;
}

struct file *file_get(struct file *f)
{
	__atomic_add_fetch(&f->refcnt, 1, __ATOMIC_RELAXED);
	return f;
}

void filp_close(struct file *f, struct files_struct *files)
{
	if (f->inode && !list_empty(&f->inode->i_flock))
		locks_remove_posix(f->inode, files);
	file_put(f);
}

void file_put(struct file *f)
{
	if (__atomic_sub_fetch(&f->refcnt, 1, __ATOMIC_ACQ_REL))
		return;
	if (!list_empty(&f->f_ep_links))
		eventpoll_release_file(f);
	if (f->f_op && f->f_op->release)
		f->f_op->release(f->inode, f);
	/* The inode before the path: the path's mount may hold the last
	 * reference to the super block that iput locks (a lazily unmounted
	 * file system goes with its last open file). */
	if (f->inode)
		iput(f->inode);
	if (f->f_path.dentry)
		path_put(&f->f_path);
	put_cred(f->f_cred);
	kfree(f);
}

ssize_t kernel_read(struct file *f, void *buf, size_t len, off_t *pos)
{
	if (!f->f_op || !f->f_op->read)
		return -EINVAL;
	return f->f_op->read(f, buf, len, pos, false);
}

int kernel_read_page(struct file *f, void *page, size_t n, off_t pos)
{
	ssize_t got = kernel_read(f, page, n, &pos);
	if (got < 0)
		return got;
	memset((char *)page + got, 0, PAGE_SIZE - got);
	return 0;
}

static int files_resize(struct files_struct *files, unsigned int max)
{
	struct file **fds = kzalloc(max * sizeof(*fds));
	uint64_t *cloexec = kzalloc(max / 8);
	if (!fds || !cloexec) {
		kfree(fds);
		kfree(cloexec);
		return -ENOMEM;
	}
	if (files->fds) {
		memcpy(fds, files->fds, files->max * sizeof(*fds));
		memcpy(cloexec, files->cloexec, files->max / 8);
		kfree(files->fds);
		kfree(files->cloexec);
	}
	files->fds = fds;
	files->cloexec = cloexec;
	files->max = max;
	return 0;
}

struct files_struct *files_alloc(void)
{
	struct files_struct *files = kzalloc(sizeof(*files));
	if (!files)
		return NULL;
	files->refcnt = 1;
	spin_init(&files->lock, "files");
	if (files_resize(files, NR_OPEN_DEFAULT)) {
		kfree(files);
		return NULL;
	}
	return files;
}

struct files_struct *files_dup(struct files_struct *old)
{
	struct files_struct *files = files_alloc();
	if (!files)
		return NULL;
	spin_lock(&old->lock);
	unsigned int max = old->max;
	spin_unlock(&old->lock);
	if (max > files->max && files_resize(files, max)) {
		files_put(files);
		return NULL;
	}
	spin_lock(&old->lock);
	for (unsigned int fd = 0; fd < old->max && fd < files->max; fd++) {
		if (old->fds[fd])
			files->fds[fd] = file_get(old->fds[fd]);
	}
	memcpy(files->cloexec, old->cloexec, MIN(old->max, files->max) / 8);
	spin_unlock(&old->lock);
	return files;
}

void files_put(struct files_struct *files)
{
	if (__atomic_sub_fetch(&files->refcnt, 1, __ATOMIC_ACQ_REL))
		return;
	for (unsigned int fd = 0; fd < files->max; fd++)
		if (files->fds[fd])
			filp_close(files->fds[fd], files);
	kfree(files->fds);
	kfree(files->cloexec);
	kfree(files);
}

struct file *fd_get(int fd)
{
	struct files_struct *files = current->files;
	struct file *f = NULL;

	if (!files || fd < 0)
		return NULL;
	spin_lock(&files->lock);
	if ((unsigned int)fd < files->max && files->fds[fd])
		f = file_get(files->fds[fd]);
	spin_unlock(&files->lock);
	return f;
}

int fd_install(struct file *f, int min, bool cloexec)
{
	struct files_struct *files = current->files;
	int ret = -EMFILE;
	unsigned long limit = current->signal ? current->signal->rlim_cur[RLIMIT_NOFILE] : NR_OPEN_MAX;

	if (limit > NR_OPEN_MAX)
		limit = NR_OPEN_MAX;
	if (min < 0 || min >= NR_OPEN_MAX)
		return -EINVAL;
	spin_lock(&files->lock);
	/* Below next_fd every fd is in use. */
	bool from_hint = (unsigned int)min <= files->next_fd;
	for (unsigned int fd = from_hint ? files->next_fd : (unsigned int)min; fd < limit; fd++) {
		/* kmalloc never sleeps, so the table can grow under the lock. */
		if (fd >= files->max && (ret = files_resize(files, files->max * 2)))
			break;
		if (files->fds[fd])
			continue;
		files->fds[fd] = f;
		if (from_hint)
			files->next_fd = fd + 1;
		if (cloexec)
			files->cloexec[fd / 64] |= 1ull << (fd % 64);
		else
			files->cloexec[fd / 64] &= ~(1ull << (fd % 64));
		ret = fd;
		break;
	}
	spin_unlock(&files->lock);
	return ret;
}
