/*
 * File status: fstat, newfstatat, statx, statfs, fstatfs, readlinkat.
 */
#include "vfs.h"
#include "file.h"
#include "proc.h"
#include "cred.h"
#include "string.h"
#include "uaccess.h"
#include "kmalloc.h"
#include <asm/stat.h>
#include <asm/statfs.h>
#include <linux/fcntl.h>

/* Owners are shown as the caller's user namespace names them. */
static void fill_stat(struct inode *in, struct stat *st)
{
	memset(st, 0, sizeof(*st));
	st->st_dev = dev_to_user(in->sb->dev);
	st->st_ino = in->ino;
	st->st_mode = in->mode;
	st->st_nlink = in->nlink;
	st->st_uid = from_kuid_munged(current_user_ns(), in->uid);
	st->st_gid = from_kgid_munged(current_user_ns(), in->gid);
	st->st_rdev = dev_to_user(in->rdev);
	st->st_size = in->size;
	st->st_blksize = in->sb->block_size ? in->sb->block_size : PAGE_SIZE;
	st->st_blocks = in->blocks;
	st->st_atime = in->atime.tv_sec;
	st->st_atime_nsec = in->atime.tv_nsec;
	st->st_mtime = in->mtime.tv_sec;
	st->st_mtime_nsec = in->mtime.tv_nsec;
	st->st_ctime = in->ctime.tv_sec;
	st->st_ctime_nsec = in->ctime.tv_nsec;
}

/* A pipe(2) end has no inode: Linux shows a fifo owned by its creator;
 * here the caller stands in for the creator. */
static void fill_pipe_stat(struct file *f, struct stat *st)
{
	memset(st, 0, sizeof(*st));
	st->st_ino = pipe_ino(f);
	st->st_mode = S_IFIFO | 0600;
	st->st_nlink = 1;
	st->st_uid = from_kuid_munged(current_user_ns(), current->cred->fsuid);
	st->st_gid = from_kgid_munged(current_user_ns(), current->cred->fsgid);
	st->st_blksize = PAGE_SIZE;
}

/* The inode that dirfd+name names, per the AT_* flags. */
static int stat_target(int dirfd, const char __user *uname, int flags, struct path *p)
{
	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH | AT_NO_AUTOMOUNT | AT_STATX_SYNC_TYPE))
		return -EINVAL;
	char *name = getname(uname);
	if (IS_ERR(name))
		return PTR_ERR(name);
	int err;
	if (!*name && (flags & AT_EMPTY_PATH)) {
		struct file *f = dirfd == AT_FDCWD ? NULL : fd_get(dirfd);
		if (dirfd == AT_FDCWD) {
			struct nameidata nd;
			err = path_lookup_at(AT_FDCWD, ".", LOOKUP_FOLLOW, &nd);
			*p = nd.path;
		} else if (!f) {
			err = -EBADF;
		} else {
			*p = f->f_path;
			err = p->dentry ? 0 : -EBADF;
			if (!err)
				path_get(p);
			file_put(f);
		}
	} else {
		struct nameidata nd;
		err = path_lookup_at(dirfd, name, (flags & AT_SYMLINK_NOFOLLOW) ? 0 : LOOKUP_FOLLOW,
				     &nd);
		*p = nd.path;
	}
	putname(name);
	return err;
}

long sys_fstat(int fd, struct stat __user *ust)
{
	struct file *f = fd_get(fd);
	if (!f)
		return -EBADF;
	struct stat st;
	long err = 0;
	if (f->inode)
		fill_stat(f->inode, &st);
	else if (pipe_ino(f))
		fill_pipe_stat(f, &st);
	else
		err = -EBADF;
	file_put(f);
	if (!err && copy_to_user(ust, &st, sizeof(st)))
		err = -EFAULT;
	return err;
}

/* fstatat(fd, "", AT_EMPTY_PATH) (glibc's fstat): the open file,
 * referenced, which is asked directly as fstat does (a pipe(2) end has no
 * inode; an unlinked file's dentry is negative); NULL for anything else. */
static struct file *empty_path_file(int dirfd, const char __user *uname, int flags)
{
	char first;
	if (!(flags & AT_EMPTY_PATH) || dirfd < 0 || get_user(first, uname) || first)
		return NULL;
	struct file *f = fd_get(dirfd);
	if (f && !f->inode && !pipe_ino(f)) {
		file_put(f);
		f = NULL;
	}
	return f;
}

long sys_newfstatat(int dirfd, const char __user *uname, struct stat __user *ust, int flags)
{
	struct path p;
	struct stat st;
	struct file *pf = empty_path_file(dirfd, uname, flags);
	if (pf) {
		if (pf->inode)
			fill_stat(pf->inode, &st);
		else
			fill_pipe_stat(pf, &st);
		file_put(pf);
		return copy_to_user(ust, &st, sizeof(st)) ? -EFAULT : 0;
	}
	int err = stat_target(dirfd, uname, flags, &p);
	if (err)
		return err;
	fill_stat(p.dentry->inode, &st);
	path_put(&p);
	return copy_to_user(ust, &st, sizeof(st)) ? -EFAULT : 0;
}

long sys_statx(int dirfd, const char __user *uname, int flags, unsigned int mask,
	       struct statx __user *ustx)
{
	struct path p;
	struct statx sx;
	memset(&sx, 0, sizeof(sx));
	struct file *pf = empty_path_file(dirfd, uname, flags);
	struct inode *in = NULL;
	if (pf && pf->inode) {
		in = pf->inode;
	} else if (pf) {
		struct stat st;
		fill_pipe_stat(pf, &st);
		file_put(pf);
		sx.stx_mask = STATX_BASIC_STATS;
		sx.stx_blksize = st.st_blksize;
		sx.stx_nlink = st.st_nlink;
		sx.stx_uid = st.st_uid;
		sx.stx_gid = st.st_gid;
		sx.stx_mode = st.st_mode;
		sx.stx_ino = st.st_ino;
		return copy_to_user(ustx, &sx, sizeof(sx)) ? -EFAULT : 0;
	}
	if (!in) {
		int err = stat_target(dirfd, uname, flags & ~AT_STATX_SYNC_TYPE, &p);
		if (err)
			return err;
		in = p.dentry->inode;
	}
	sx.stx_mask = STATX_BASIC_STATS;
	sx.stx_blksize = in->sb->block_size ? in->sb->block_size : PAGE_SIZE;
	sx.stx_nlink = in->nlink;
	sx.stx_uid = from_kuid_munged(current_user_ns(), in->uid);
	sx.stx_gid = from_kgid_munged(current_user_ns(), in->gid);
	sx.stx_mode = in->mode;
	sx.stx_ino = in->ino;
	sx.stx_size = in->size;
	sx.stx_blocks = in->blocks;
	sx.stx_atime.tv_sec = in->atime.tv_sec;
	sx.stx_atime.tv_nsec = in->atime.tv_nsec;
	sx.stx_mtime.tv_sec = in->mtime.tv_sec;
	sx.stx_mtime.tv_nsec = in->mtime.tv_nsec;
	sx.stx_ctime.tv_sec = in->ctime.tv_sec;
	sx.stx_ctime.tv_nsec = in->ctime.tv_nsec;
	sx.stx_rdev_major = MAJOR(in->rdev);
	sx.stx_rdev_minor = MINOR(in->rdev);
	sx.stx_dev_major = MAJOR(in->sb->dev);
	sx.stx_dev_minor = MINOR(in->sb->dev);
	if (pf)
		file_put(pf);
	else
		path_put(&p);
	return copy_to_user(ustx, &sx, sizeof(sx)) ? -EFAULT : 0;
}

static long do_statfs(struct super_block *sb, struct statfs __user *ubuf)
{
	struct statfs_info info = { 0 };
	struct statfs st;
	int err = sb->s_op && sb->s_op->statfs ? sb->s_op->statfs(sb, &info) : 0;
	if (err)
		return err;
	memset(&st, 0, sizeof(st));
	st.f_type = info.type ? info.type : sb->magic;
	st.f_bsize = info.bsize ? info.bsize : PAGE_SIZE;
	st.f_blocks = info.blocks;
	st.f_bfree = info.bfree;
	st.f_bavail = info.bavail;
	st.f_files = info.files;
	st.f_ffree = info.ffree;
	st.f_namelen = info.namelen ? info.namelen : 255;
	st.f_frsize = st.f_bsize;
	st.f_flags = sb->flags;
	return copy_to_user(ubuf, &st, sizeof(st)) ? -EFAULT : 0;
}

long sys_statfs(const char __user *uname, struct statfs __user *ubuf)
{
	struct path p;
	int err = user_path_at(AT_FDCWD, uname, LOOKUP_FOLLOW, &p);
	if (err)
		return err;
	err = do_statfs(p.mnt->sb, ubuf);
	path_put(&p);
	return err;
}

long sys_fstatfs(int fd, struct statfs __user *ubuf)
{
	struct file *f = fd_get(fd);
	if (!f)
		return -EBADF;
	long err = f->inode ? do_statfs(f->inode->sb, ubuf) : -EBADF;
	file_put(f);
	return err;
}

long sys_readlinkat(int dirfd, const char __user *uname, char __user *ubuf, int len)
{
	if (len <= 0)
		return -EINVAL;
	struct path p;
	int err = user_path_at(dirfd, uname, LOOKUP_EMPTY, &p);
	if (err)
		return err;
	struct inode *in = p.dentry->inode;
	long n;
	if (!S_ISLNK(in->mode) || !in->i_op || !in->i_op->readlink) {
		n = -EINVAL;
	} else {
		char *buf = kmalloc(PAGE_SIZE);
		n = buf ? in->i_op->readlink(in, buf, MIN((size_t)len, PAGE_SIZE)) : -ENOMEM;
		if (n > 0 && copy_to_user(ubuf, buf, n))
			n = -EFAULT;
		kfree(buf);
	}
	path_put(&p);
	return n;
}
