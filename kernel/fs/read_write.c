/*
 * Descriptor system calls: read, write and their vector and positioned
 * forms, sendfile and copy_file_range, fadvise64, lseek, getdents64,
 * fsync, sync, dup, dup3, fcntl, ioctl.
 */
#include "vfs.h"
#include "locks.h"
#include "file.h"
#include "proc.h"
#include "bcache.h"
#include "pcache.h"
#include "kmalloc.h"
#include "string.h"
#include "uaccess.h"
#include "signal.h"
#include <linux/resource.h>
#include <linux/fcntl.h>
#include <linux/fs.h>
#include <linux/uio.h>
#include <linux/fadvise.h>
#include <asm/ioctls.h>

/* Linux's limit of one read or write: INT_MAX rounded down to a page. */
#define MAX_RW_COUNT	(0x7fffffff & ~(PAGE_SIZE - 1))

/* The record getdents64 writes (the Linux ABI's layout). */
struct linux_dirent64 {
	uint64_t d_ino;
	int64_t d_off;
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[];
};

static bool has_pos(struct file *f)
{
	return f->inode && (S_ISREG(f->inode->mode) || S_ISDIR(f->inode->mode) ||
			    S_ISBLK(f->inode->mode));
}

/* A read of a file with pages dirty in the page cache: those go to the
 * file first.  Kept out of file_read, whose common path stays a tail call. */
static __attribute__((noinline)) ssize_t file_read_dirty(struct file *f, void *buf,
							 size_t len, off_t *pos, bool user)
{
	pcache_writeback(f->inode, *pos, *pos + (off_t)len);
	return f->f_op->read(f, buf, len, pos, user);
}

/* buf is user memory unless user is false (sendfile's kernel buffer). */
static ssize_t file_read_as(struct file *f, void *buf, size_t len, off_t *pos, bool user)
{
	if (!(f->mode & FMODE_READ))
		return -EBADF;
	if (!f->f_op || !f->f_op->read)
		return f->inode && S_ISDIR(f->inode->mode) ? -EISDIR : -EINVAL;
	if (len > MAX_RW_COUNT)
		len = MAX_RW_COUNT;
	if (f->inode && unlikely(pcache_has_dirty(f->inode)))
		return file_read_dirty(f, buf, len, pos, user);
	return f->f_op->read(f, buf, len, pos, user);
}

static ssize_t file_read(struct file *f, void *buf, size_t len, off_t *pos)
{
	return file_read_as(f, buf, len, pos, true);
}

static ssize_t file_write_as(struct file *f, const void *buf, size_t len, off_t *pos,
			     bool user)
{
	if (!(f->mode & FMODE_WRITE))
		return -EBADF;
	if (!f->f_op || !f->f_op->write)
		return -EINVAL;
	if (len > MAX_RW_COUNT)
		len = MAX_RW_COUNT;
	if (unlikely(f->inode && S_ISREG(f->inode->mode) &&
		     ((f->inode->mode & (S_ISUID | S_ISGID)) || !f->inode->nosec)))
		file_remove_privs(f);
	bool locked = f->inode && pcache_write_lock(f->inode);
	ssize_t n = f->f_op->write(f, buf, len, pos, user);
	if (n > 0 && f->inode && S_ISREG(f->inode->mode))
		pcache_written(f, *pos - n, *pos);
	if (locked)
		pcache_wb_unlock();
	return n;
}

static ssize_t file_write(struct file *f, const void *buf, size_t len, off_t *pos)
{
	return file_write_as(f, buf, len, pos, true);
}

/* Read or write at the file position, serialised for seekable files. */
static ssize_t rw_at_pos(struct file *f, void *buf, size_t len, bool write)
{
	ssize_t n;
	if (!has_pos(f)) {
		off_t pos = 0;
		return write ? file_write(f, buf, len, &pos) : file_read(f, buf, len, &pos);
	}
	mutex_lock(&f->pos_lock);
	off_t pos = f->pos;
	n = write ? file_write(f, buf, len, &pos) : file_read(f, buf, len, &pos);
	if (n >= 0)
		f->pos = pos;
	mutex_unlock(&f->pos_lock);
	return n;
}

long sys_read(int fd, void __user *buf, size_t len)
{
	struct file *f = fd_get(fd);
	if (!f)
		return -EBADF;
	ssize_t n = rw_at_pos(f, buf, len, false);
	file_put(f);
	return n;
}

long sys_write(int fd, const void __user *buf, size_t len)
{
	struct file *f = fd_get(fd);
	if (!f)
		return -EBADF;
	ssize_t n = rw_at_pos(f, (void *)buf, len, true);
	file_put(f);
	return n;
}

static long rw_vec(int fd, const struct iovec __user *uiov, int cnt, off_t *ppos, bool write)
{
	if (cnt < 0 || cnt > UIO_MAXIOV)
		return -EINVAL;
	struct file *f = fd_get(fd);
	if (!f)
		return -EBADF;
	long total = 0;
	if (!ppos && has_pos(f))
		mutex_lock(&f->pos_lock);
	off_t pos = ppos ? *ppos : f->pos;
	for (int i = 0; i < cnt; i++) {
		struct iovec iov;
		if (copy_from_user(&iov, &uiov[i], sizeof(iov))) {
			total = total ? total : -EFAULT;
			break;
		}
		if (!iov.iov_len)
			continue;
		ssize_t n = write ? file_write(f, iov.iov_base, iov.iov_len, &pos)
				  : file_read(f, iov.iov_base, iov.iov_len, &pos);
		if (n < 0) {
			total = total ? total : n;
			break;
		}
		total += n;
		if ((size_t)n < iov.iov_len)
			break;
	}
	if (!ppos && has_pos(f)) {
		if (total > 0)
			f->pos = pos;
		mutex_unlock(&f->pos_lock);
	}
	file_put(f);
	return total;
}

long sys_readv(int fd, const struct iovec __user *iov, int cnt)
{
	return rw_vec(fd, iov, cnt, NULL, false);
}

long sys_writev(int fd, const struct iovec __user *iov, int cnt)
{
	return rw_vec(fd, iov, cnt, NULL, true);
}

static long rw_positioned(int fd, void __user *buf, size_t len, off_t pos, bool write)
{
	if (pos < 0)
		return -EINVAL;
	struct file *f = fd_get(fd);
	if (!f)
		return -EBADF;
	long n = !has_pos(f) ? -ESPIPE : write ? file_write(f, buf, len, &pos)
					       : file_read(f, buf, len, &pos);
	file_put(f);
	return n;
}

long sys_pread64(int fd, void __user *buf, size_t len, off_t pos)
{
	return rw_positioned(fd, buf, len, pos, false);
}

long sys_pwrite64(int fd, const void __user *buf, size_t len, off_t pos)
{
	return rw_positioned(fd, (void *)buf, len, pos, true);
}

/* ---- sendfile and copy_file_range: file to file in the kernel ---- */

#define COPY_CHUNK	(4 * PAGE_SIZE)	/* one kmalloc of whole pages */

/*
 * Up to len bytes from in at *in_pos to out at *out_pos, a chunk at a time
 * through a kernel buffer.  Only what was written counts: a short write
 * ends the copy with *in_pos moved back to just past it.  A signal ends it
 * between chunks.  Returns the bytes moved, or the first error when none
 * were.
 */
static ssize_t copy_between(struct file *in, off_t *in_pos, struct file *out, off_t *out_pos,
			    size_t len)
{
	char *buf = kmalloc(MIN(len, COPY_CHUNK));
	ssize_t done = 0, err = 0;
	if (!buf)
		return -ENOMEM;
	while ((size_t)done < len) {
		size_t want = MIN(len - (size_t)done, COPY_CHUNK);
		ssize_t n = file_read_as(in, buf, want, in_pos, false);
		if (n <= 0) {
			err = n;
			break;
		}
		ssize_t w = file_write_as(out, buf, (size_t)n, out_pos, false);
		if (w < 0) {
			*in_pos -= n;
			err = w;
			break;
		}
		done += w;
		if (w < n) {
			*in_pos -= n - w;
			break;
		}
		if (signal_pending_current())
			break;
	}
	kfree(buf);
	return done ? done : err;
}

/* *upos from user memory into *pos; negative is EINVAL. */
static int get_offset(const off_t __user *upos, off_t *pos)
{
	if (copy_from_user(pos, upos, sizeof(*pos)))
		return -EFAULT;
	return *pos < 0 ? -EINVAL : 0;
}

/*
 * The bytes from in to out, at *in_off and *out_off when given (they are
 * moved on, the positions left alone) or at the files' positions.  in and
 * out may be one file: its position lock is taken once, the bytes are
 * written back where they were read, and the position ends past them.
 */
static ssize_t copy_fds(struct file *in, off_t *in_off, struct file *out, off_t *out_off,
			size_t len)
{
	off_t in_pos = 0, out_pos = 0;
	bool lock_in = !in_off && has_pos(in);
	bool lock_out = !out_off && has_pos(out) && !(lock_in && out == in);
	if (lock_in) {
		mutex_lock(&in->pos_lock);
		in_pos = in->pos;
	}
	if (lock_out) {
		mutex_lock(&out->pos_lock);
		out_pos = out->pos;
	}
	bool one_pos = lock_in && !out_off && out == in;	/* written where it is read */
	if (one_pos)
		out_pos = in_pos;
	ssize_t n = copy_between(in, in_off ? in_off : &in_pos, out, out_off ? out_off : &out_pos,
				 MIN(len, (size_t)MAX_RW_COUNT));
	if (lock_out && n > 0)
		out->pos = out_pos;
	if (lock_in && n > 0)
		in->pos = one_pos ? out_pos : in_pos;
	if (lock_out)
		mutex_unlock(&out->pos_lock);
	if (lock_in)
		mutex_unlock(&in->pos_lock);
	return n;
}

/*
 * sendfile(out_fd, in_fd, offset, count), as Linux: in_fd a file that has
 * a position (a regular file or a block device), out_fd anything open for
 * writing but an O_APPEND file.
 */
long sys_sendfile(int out_fd, int in_fd, off_t __user *offset, size_t count)
{
	struct file *in = fd_get(in_fd), *out = fd_get(out_fd);
	off_t off;
	long ret = 0;
	if (!in || !out)
		ret = -EBADF;
	else if (!(in->mode & FMODE_READ) || !(out->mode & FMODE_WRITE))
		ret = -EBADF;
	else if (!in->inode || !(S_ISREG(in->inode->mode) || S_ISBLK(in->inode->mode)) ||
		 (out->flags & O_APPEND))
		ret = -EINVAL;
	else if (offset)
		ret = get_offset(offset, &off);
	if (!ret && count) {
		ret = copy_fds(in, offset ? &off : NULL, out, NULL, count);
		if (ret > 0 && offset && copy_to_user(offset, &off, sizeof(off)))
			ret = -EFAULT;
	}
	if (in)
		file_put(in);
	if (out)
		file_put(out);
	return ret;
}

/*
 * copy_file_range(fd_in, off_in, fd_out, off_out, len, flags), as Linux
 * 5.19 and later: two regular files on one file system (else EXDEV), no
 * flags, an O_APPEND destination refused (EBADF), and no overlap of the
 * two ranges within one file (EINVAL).  Nothing past the end of the
 * source is copied.
 */
long sys_copy_file_range(int fd_in, off_t __user *off_in, int fd_out, off_t __user *off_out,
			 size_t len, unsigned int flags)
{
	if (flags)
		return -EINVAL;
	struct file *in = fd_get(fd_in), *out = fd_get(fd_out);
	off_t a = 0, b = 0;
	long ret = 0;
	if (!in || !out || !(in->mode & FMODE_READ) || !(out->mode & FMODE_WRITE) ||
	    (out->flags & O_APPEND))
		ret = -EBADF;
	else if (!in->inode || !out->inode)
		ret = -EINVAL;
	else if (S_ISDIR(in->inode->mode) || S_ISDIR(out->inode->mode))
		ret = -EISDIR;
	else if (!S_ISREG(in->inode->mode) || !S_ISREG(out->inode->mode))
		ret = -EINVAL;
	else if (in->inode->sb != out->inode->sb)
		ret = -EXDEV;
	if (!ret && off_in)
		ret = get_offset(off_in, &a);
	if (!ret && off_out)
		ret = get_offset(off_out, &b);
	if (!ret && in->inode == out->inode) {
		off_t from = off_in ? a : in->pos, to = off_out ? b : out->pos;
		if (from < to + (off_t)len && to < from + (off_t)len)
			ret = -EINVAL;
	}
	if (!ret && len) {
		ret = copy_fds(in, off_in ? &a : NULL, out, off_out ? &b : NULL, len);
		if (ret > 0 && ((off_in && copy_to_user(off_in, &a, sizeof(a))) ||
				(off_out && copy_to_user(off_out, &b, sizeof(b)))))
			ret = -EFAULT;
	}
	if (in)
		file_put(in);
	if (out)
		file_put(out);
	return ret;
}

/*
 * fadvise64(fd, offset, len, advice): advice is a hint, and the page cache
 * here reads ahead and drops pages on its own, so it is checked and
 * taken: EBADF, ESPIPE for a pipe or FIFO, EINVAL for an unknown advice or
 * a negative length, as Linux.
 */
long sys_fadvise64(int fd, off_t offset, off_t len, int advice)
{
	(void)offset;
	struct file *f = fd_get(fd);
	if (!f)
		return -EBADF;
	long ret = 0;
	if (pipe_ino(f) || (f->inode && S_ISFIFO(f->inode->mode)))	/* a pipe(2) end has no inode */
		ret = -ESPIPE;
	else if (advice < POSIX_FADV_NORMAL || advice > POSIX_FADV_NOREUSE || len < 0)
		ret = -EINVAL;
	file_put(f);
	return ret;
}

long sys_lseek(int fd, off_t off, int whence)
{
	struct file *f = fd_get(fd);
	if (!f)
		return -EBADF;
	long ret;
	if (f->f_op && f->f_op->llseek) {
		ret = f->f_op->llseek(f, off, whence);
	} else if (!has_pos(f)) {
		ret = -ESPIPE;
	} else {
		mutex_lock(&f->pos_lock);
		off_t base = whence == SEEK_SET ? 0 : whence == SEEK_CUR ? f->pos :
			     whence == SEEK_END ? f->inode->size : -1;
		if (base < 0 && whence != SEEK_SET && whence != SEEK_CUR)
			ret = -EINVAL;
		else if (base + off < 0)
			ret = -EINVAL;
		else
			ret = f->pos = base + off;
		mutex_unlock(&f->pos_lock);
	}
	file_put(f);
	return ret;
}

struct getdents_ctx {
	struct dir_context ctx;
	char __user *buf;
	size_t left, used;
	int err;
};

static bool fill_dirent(struct dir_context *ctx, const char *name, size_t len,
			ino_t ino, unsigned int dtype)
{
	struct getdents_ctx *g = container_of(ctx, struct getdents_ctx, ctx);
	struct linux_dirent64 d;
	size_t reclen = ALIGN_UP(offsetof(struct linux_dirent64, d_name) + len + 1, 8);
	if (reclen > g->left) {
		if (!g->used)
			g->err = -EINVAL;
		return false;
	}
	d.d_ino = ino;
	d.d_off = ctx->pos;
	d.d_reclen = reclen;
	d.d_type = dtype;
	char __user *out = g->buf + g->used;
	size_t head = offsetof(struct linux_dirent64, d_name);
	char zero[8] = { 0 };
	if (copy_to_user(out, &d, head) || copy_to_user(out + head, name, len) ||
	    copy_to_user(out + head + len, zero, reclen - head - len)) {
		g->err = -EFAULT;
		return false;
	}
	g->used += reclen;
	g->left -= reclen;
	return true;
}

long sys_getdents64(int fd, void __user *buf, size_t len)
{
	struct file *f = fd_get(fd);
	if (!f)
		return -EBADF;
	long ret;
	if (!f->inode || !S_ISDIR(f->inode->mode) || !f->f_op || !f->f_op->iterate) {
		ret = -ENOTDIR;
	} else {
		struct getdents_ctx g = { { fill_dirent, 0 }, buf, len, 0, 0 };
		mutex_lock(&f->pos_lock);
		g.ctx.pos = f->pos;
		mutex_lock(&f->inode->lock);
		ret = f->f_op->iterate(f, &g.ctx);
		mutex_unlock(&f->inode->lock);
		mutex_unlock(&f->pos_lock);
		if (!ret)
			ret = g.err && !g.used ? g.err : (long)g.used;
	}
	file_put(f);
	return ret;
}

long sys_fsync(int fd)
{
	struct file *f = fd_get(fd);
	if (!f)
		return -EBADF;
	long err = f->inode ? pcache_writeback(f->inode, 0, PCACHE_EOF) : 0;
	long synced = f->f_op && f->f_op->fsync ? f->f_op->fsync(f) : 0;
	err = err ? err : synced;
	file_put(f);
	return err;
}

long sys_sync(void)
{
	pcache_writeback_all();
	sync_all();
	return 0;
}

static long do_dup(int oldfd, int newfd, int flags)
{
	struct files_struct *files = current->files;
	if ((unsigned int)newfd >= NR_OPEN_MAX ||
	    (unsigned long)newfd >= current->signal->rlim_cur[RLIMIT_NOFILE])
		return -EBADF;
	struct file *f = fd_get(oldfd);
	if (!f)
		return -EBADF;
	spin_lock(&files->lock);
	while ((unsigned int)newfd >= files->max) {
		spin_unlock(&files->lock);
		/* Grow by installing and removing a placeholder at newfd. */
		int fd = fd_install(f, newfd, false);
		spin_lock(&files->lock);
		if (fd >= 0) {
			files->fds[fd] = NULL;
			fd_freed(files, fd);
		} else {
			spin_unlock(&files->lock);
			file_put(f);
			return fd;
		}
	}
	struct file *old = files->fds[newfd];
	files->fds[newfd] = f;
	if (flags & O_CLOEXEC)
		files->cloexec[newfd / 64] |= 1ull << (newfd % 64);
	else
		files->cloexec[newfd / 64] &= ~(1ull << (newfd % 64));
	spin_unlock(&files->lock);
	if (old)
		filp_close(old, files);
	return newfd;
}

long sys_dup(int fd)
{
	struct file *f = fd_get(fd);
	if (!f)
		return -EBADF;
	int nfd = fd_install(f, 0, false);
	if (nfd < 0)
		file_put(f);
	return nfd;
}

long sys_dup3(int oldfd, int newfd, int flags)
{
	if (oldfd == newfd || (flags & ~O_CLOEXEC))
		return -EINVAL;
	return do_dup(oldfd, newfd, flags);
}

long sys_fcntl(int fd, unsigned int cmd, unsigned long arg)
{
	struct files_struct *files = current->files;
	struct file *f = fd_get(fd);
	long ret = 0;
	if (!f)
		return -EBADF;
	switch (cmd) {
	case F_DUPFD:
	case F_DUPFD_CLOEXEC:
		if (arg >= NR_OPEN_MAX || arg >= current->signal->rlim_cur[RLIMIT_NOFILE]) {
			ret = -EINVAL;
			break;
		}
		ret = fd_install(file_get(f), arg, cmd == F_DUPFD_CLOEXEC);
		if (ret < 0)
			file_put(f);
		break;
	case F_GETFD:
		spin_lock(&files->lock);
		ret = (files->cloexec[fd / 64] >> (fd % 64)) & 1 ? FD_CLOEXEC : 0;
		spin_unlock(&files->lock);
		break;
	case F_SETFD:
		spin_lock(&files->lock);
		if (arg & FD_CLOEXEC)
			files->cloexec[fd / 64] |= 1ull << (fd % 64);
		else
			files->cloexec[fd / 64] &= ~(1ull << (fd % 64));
		spin_unlock(&files->lock);
		break;
	case F_GETFL:
		ret = file_status_flags(f);
		break;
	case F_SETFL: {
		unsigned int settable = O_APPEND | O_NONBLOCK | FASYNC;
		f->flags = (f->flags & ~settable) | (arg & settable);
		break;
	}
	case F_GETLK:
		ret = fcntl_getlk(f, arg);
		break;
	case F_SETLK:
	case F_SETLKW:
		ret = fcntl_setlk(f, cmd, arg);
		break;
	default:
		ret = -EINVAL;
	}
	file_put(f);
	return ret;
}

/* The request travels as an unsigned long (user space's type); take the low
 * 32 bits explicitly, since the riscv calling convention expects a 32-bit
 * argument sign-extended and user space passed it zero-extended. */
long sys_ioctl(int fd, unsigned long request, unsigned long arg)
{
	unsigned int cmd = (unsigned int)request;
	struct file *f = fd_get(fd);
	if (!f)
		return -EBADF;
	long ret;
	if (cmd == FIOCLEX || cmd == FIONCLEX) {
		struct files_struct *files = current->files;
		spin_lock(&files->lock);
		if (cmd == FIOCLEX)
			files->cloexec[fd / 64] |= 1ull << (fd % 64);
		else
			files->cloexec[fd / 64] &= ~(1ull << (fd % 64));
		spin_unlock(&files->lock);
		ret = 0;
	} else if (cmd == FIONBIO) {	/* any file, as fcntl's O_NONBLOCK */
		int on;
		ret = get_user(on, (int __user *)arg) ? -EFAULT : 0;
		if (!ret && on)
			__atomic_fetch_or(&f->flags, O_NONBLOCK, __ATOMIC_RELAXED);
		else if (!ret)
			__atomic_fetch_and(&f->flags, ~O_NONBLOCK, __ATOMIC_RELAXED);
	} else if (f->f_op && f->f_op->ioctl) {
		ret = f->f_op->ioctl(f, cmd, arg);
	} else {
		ret = -ENOTTY;
	}
	file_put(f);
	return ret;
}
