/*
 * Opening files and the system calls that name paths: openat, mkdirat,
 * mknodat, unlinkat, symlinkat, linkat, renameat2, fchmodat, fchownat,
 * utimensat, faccessat, truncate, chdir, fchdir, chroot, getcwd, umask,
 * mount, umount2, pivot_root.  Directory changes hold the directory's inode mutex.
 */
#include "pcache.h"
#include "vfs.h"
#include "file.h"
#include "proc.h"
#include "cred.h"
#include "kmalloc.h"
#include "string.h"
#include "uaccess.h"
#include "chrdev.h"
#include "xattr.h"
#include <linux/fcntl.h>
#include <linux/fs.h>
#include <linux/limits.h>
#include <linux/capability.h>
#include <linux/close_range.h>

#define MS_RDONLY_ 1
#define UTIME_NOW	((1l << 30) - 1l)
#define UTIME_OMIT	((1l << 30) - 2l)

bool is_rdonly(const struct path *p)
{
	return (p->mnt->flags & MS_RDONLY_) || (p->mnt->sb->flags & MS_RDONLY_);
}

struct file *vfs_open(const struct path *path, unsigned int flags)
{
	struct inode *in = path->dentry->inode;
	const struct file_operations *fop = in->i_fop;
	if (S_ISSOCK(in->mode))		/* a socket is reached by connect, never open */
		return ERR_PTR(-ENXIO);
	if (S_ISCHR(in->mode) || S_ISBLK(in->mode) || S_ISFIFO(in->mode)) {
		fop = device_fops(in);
		if (!fop)
			return ERR_PTR(-ENXIO);
	}
	struct file *f = file_alloc(in, fop, flags & ~(O_CREAT | O_EXCL | O_TRUNC));
	if (!f)
		return ERR_PTR(-ENOMEM);
	unsigned int acc = flags & O_ACCMODE;
	f->mode = (acc == O_RDONLY || acc == O_RDWR ? FMODE_READ : 0) |
		  (acc == O_WRONLY || acc == O_RDWR ? FMODE_WRITE : 0);
	f->f_path = *path;
	path_get(path);
	if (fop && fop->open) {
		int err = fop->open(in, f);
		if (err) {
			file_put(f);
			return ERR_PTR(err);
		}
	}
	return f;
}

/* Set the owner of a freshly made inode to the caller. */
static void set_owner(struct inode *in, struct inode *dir)
{
	const struct cred *c = current->cred;
	struct iattr a = { .valid = ATTR_UID | ATTR_GID, .uid = c->fsuid,
			   .gid = (dir->mode & S_ISGID) ? dir->gid : c->fsgid };
	if (in->uid == a.uid && in->gid == a.gid)
		return;
	if (in->i_op && in->i_op->setattr)
		in->i_op->setattr(in, &a);
}

/* Look up the last name of nd in its (locked) parent. */
static struct dentry *lookup_last(struct nameidata *nd)
{
	return d_lookup_or_fetch(nd->path.dentry, nd->last, nd->last_len);
}

static int may_create(struct nameidata *nd)
{
	struct inode *dir = nd->path.dentry->inode;
	if (is_rdonly(&nd->path))
		return -EROFS;
	return vfs_permission(dir, MAY_WRITE | MAY_EXEC);
}

/* Is current the owner of in, or privileged as if (CAP_FOWNER in its user
 * namespace, over an inode whose ids are mapped there)? */
bool owner_or_cap(struct inode *in)
{
	return current->cred->fsuid == in->uid || capable_wrt_inode_uidgid(in, CAP_FOWNER);
}

static struct file *do_open(int dirfd, const char *name, int flags, umode_t mode)
{
	struct nameidata nd;
	int err = path_lookup_at(dirfd, name, LOOKUP_PARENT, &nd);
	if (err)
		return ERR_PTR(err);
	struct path target;
	if (nd.last_is_dot) {
		/* "dir/.", "..", "/": open what the parent path resolves to. */
		path_put(&nd.path);
		err = path_lookup_at(dirfd, name, LOOKUP_FOLLOW, &nd);
		if (err)
			return ERR_PTR(err);
		if (flags & O_CREAT) {
			path_put(&nd.path);
			return ERR_PTR(-EISDIR);
		}
		target = nd.path;
	} else {
		struct inode *dir = nd.path.dentry->inode;
		mutex_lock(&dir->lock);
		struct dentry *d = lookup_last(&nd);
		if (IS_ERR(d)) {
			mutex_unlock(&dir->lock);
			path_put(&nd.path);
			return ERR_PTR(PTR_ERR(d));
		}
		if (!d->inode) {
			if (!(flags & O_CREAT) || nd.trailing_slash) {
				err = nd.trailing_slash && (flags & O_CREAT) ? -EISDIR : -ENOENT;
			} else if (!(err = may_create(&nd))) {
				struct inode *in = NULL;
				umode_t m = S_IFREG | (mode & 07777 & ~current->fs->umask);
				err = dir->i_op->create ? dir->i_op->create(dir, nd.last, nd.last_len,
								m, 0, &in) : -EPERM;
				if (!err) {
					set_owner(in, dir);
					d_instantiate(d, in);
					flags &= ~O_TRUNC;
				}
			}
			mutex_unlock(&dir->lock);
			if (err) {
				dput(d);
				path_put(&nd.path);
				return ERR_PTR(err);
			}
			target = (struct path){ mnt_get(nd.path.mnt), d };
			path_put(&nd.path);
			goto opened;
		}
		mutex_unlock(&dir->lock);
		if ((flags & O_CREAT) && (flags & O_EXCL)) {
			dput(d);
			path_put(&nd.path);
			return ERR_PTR(-EEXIST);
		}
		dput(d);
		path_put(&nd.path);
		unsigned int lf = (flags & O_NOFOLLOW) ? 0 : LOOKUP_FOLLOW;
		if (flags & O_DIRECTORY)
			lf |= LOOKUP_DIRECTORY;
		err = path_lookup_at(dirfd, name, lf, &nd);
		if (err)
			return ERR_PTR(err);
		target = nd.path;
		if (S_ISLNK(target.dentry->inode->mode)) {
			path_put(&target);
			return ERR_PTR(-ELOOP);
		}
	}
	struct inode *in = target.dentry->inode;
	unsigned int acc = flags & O_ACCMODE;
	int mask = (acc != O_WRONLY ? MAY_READ : 0) | (acc != O_RDONLY ? MAY_WRITE : 0);
	if ((flags & O_DIRECTORY) && !S_ISDIR(in->mode))
		err = -ENOTDIR;
	else if (S_ISDIR(in->mode) && (acc != O_RDONLY || (flags & O_TRUNC)))
		err = -EISDIR;
	else if ((mask & MAY_WRITE) && is_rdonly(&target) && !S_ISCHR(in->mode))
		err = -EROFS;
	else if ((S_ISCHR(in->mode) || S_ISBLK(in->mode)) && (target.mnt->flags & MS_NODEV))
		err = -EACCES;
	else if ((flags & O_NOATIME) && !owner_or_cap(in))
		err = -EPERM;
	else
		err = vfs_permission(in, mask);
	if (!err && (flags & O_TRUNC) && S_ISREG(in->mode) && acc != O_RDONLY) {
		struct iattr a = { .valid = ATTR_SIZE | ATTR_MTIME | ATTR_CTIME, .size = 0 };
		a.mtime = a.ctime = current_time();
		mutex_lock(&in->lock);
		err = in->i_op && in->i_op->setattr ? in->i_op->setattr(in, &a) : 0;
		if (!err)
			pcache_truncated(in, 0);
		mutex_unlock(&in->lock);
	}
	if (err) {
		path_put(&target);
		return ERR_PTR(err);
	}
opened:;
	struct file *f = vfs_open(&target, flags);
	path_put(&target);
	return f;
}

struct file *file_open_kernel(const char *name, unsigned int flags, umode_t mode)
{
	return do_open(AT_FDCWD, name, flags, mode);
}

long do_sys_openat(int dirfd, const char __user *uname, int flags, umode_t mode)
{
	char *name = getname(uname);
	if (IS_ERR(name))
		return PTR_ERR(name);
	flags |= O_LARGEFILE;	/* implied on 64-bit, and shown by F_GETFL as on Linux */
	struct file *f = do_open(dirfd, name, flags, mode);
	putname(name);
	if (IS_ERR(f))
		return PTR_ERR(f);
	int fd = fd_install(f, 0, flags & O_CLOEXEC);
	if (fd < 0)
		file_put(f);
	return fd;
}

long sys_openat(int dirfd, const char __user *uname, int flags, umode_t mode)
{
	return do_sys_openat(dirfd, uname, flags, mode);
}

long sys_close(int fd)
{
	struct files_struct *files = current->files;
	spin_lock(&files->lock);
	if (fd < 0 || (unsigned int)fd >= files->max || !files->fds[fd]) {
		spin_unlock(&files->lock);
		return -EBADF;
	}
	struct file *f = files->fds[fd];
	files->fds[fd] = NULL;
	fd_freed(files, fd);
	files->cloexec[fd / 64] &= ~(1ull << (fd % 64));
	spin_unlock(&files->lock);
	filp_close(f, files);
	return 0;
}

/* Give the caller its own copy of a descriptor table shared by CLONE_FILES. */
int unshare_files(void)
{
	struct task *t = current;
	struct files_struct *old = t->files;
	if (__atomic_load_n(&old->refcnt, __ATOMIC_ACQUIRE) == 1)
		return 0;
	struct files_struct *copy = files_dup(old);
	if (!copy)
		return -ENOMEM;
	t->files = copy;
	files_put(old);
	return 0;
}

/*
 * close_range: close every descriptor in [first, last] (last may be ~0),
 * or only mark them close-on-exec with CLOSE_RANGE_CLOEXEC; with
 * CLOSE_RANGE_UNSHARE on a table of the caller's own.  Never EBADF.
 */
long sys_close_range(unsigned int first, unsigned int last, unsigned int flags)
{
	if ((flags & ~(CLOSE_RANGE_UNSHARE | CLOSE_RANGE_CLOEXEC)) || first > last)
		return -EINVAL;
	if ((flags & CLOSE_RANGE_UNSHARE) && unshare_files())
		return -ENOMEM;
	struct files_struct *files = current->files;
	spin_lock(&files->lock);
	for (unsigned int fd = first; fd < files->max && fd <= last; fd++) {
		struct file *f = files->fds[fd];
		if (!f)
			continue;
		if (flags & CLOSE_RANGE_CLOEXEC) {
			files->cloexec[fd / 64] |= 1ull << (fd % 64);
			continue;
		}
		files->fds[fd] = NULL;
		fd_freed(files, fd);
		files->cloexec[fd / 64] &= ~(1ull << (fd % 64));
		spin_unlock(&files->lock);
		filp_close(f, files);
		spin_lock(&files->lock);
	}
	spin_unlock(&files->lock);
	return 0;
}

/* Resolve the parent of a user path for a create/remove operation. */
static int parent_of(int dirfd, const char __user *uname, struct nameidata *nd, char **name)
{
	*name = getname(uname);
	if (IS_ERR(*name))
		return PTR_ERR(*name);
	int err = path_lookup_at(dirfd, *name, LOOKUP_PARENT, nd);
	if (err)
		putname(*name);
	return err;
}

typedef int (*make_fn)(struct inode *dir, struct nameidata *nd, void *arg, struct inode **out);

/* Create the new name (a kernel string) in a directory with fn; -EEXIST
 * when it exists.  out, if not NULL, gets the new node's path. */
static long make_node_at(int dirfd, const char *name, make_fn fn, void *arg, struct path *out)
{
	struct nameidata nd;
	int err = path_lookup_at(dirfd, name, LOOKUP_PARENT, &nd);
	if (err)
		return err;
	struct inode *dir = nd.path.dentry->inode;
	if (nd.last_is_dot) {
		err = -EEXIST;
		goto out;
	}
	mutex_lock(&dir->lock);
	struct dentry *d = lookup_last(&nd);
	if (IS_ERR(d)) {
		err = PTR_ERR(d);
	} else {
		if (d->inode)
			err = -EEXIST;
		else if (!(err = may_create(&nd))) {
			struct inode *in = NULL;
			err = fn(dir, &nd, arg, &in);
			if (!err) {
				set_owner(in, dir);
				d_instantiate(d, in);
				if (out) {
					out->mnt = mnt_get(nd.path.mnt);
					out->dentry = dget(d);
				}
			}
		}
		dput(d);
	}
	mutex_unlock(&dir->lock);
out:
	path_put(&nd.path);
	return err;
}

static long make_node(int dirfd, const char __user *uname, make_fn fn, void *arg)
{
	char *name = getname(uname);
	if (IS_ERR(name))
		return PTR_ERR(name);
	long err = make_node_at(dirfd, name, fn, arg, NULL);
	putname(name);
	return err;
}

static int mkdir_fn(struct inode *dir, struct nameidata *nd, void *arg, struct inode **out)
{
	umode_t mode = *(umode_t *)arg;
	if (!dir->i_op->mkdir)
		return -EPERM;
	return dir->i_op->mkdir(dir, nd->last, nd->last_len,
				S_IFDIR | (mode & 07777 & ~current->fs->umask), out);
}

long sys_mkdirat(int dirfd, const char __user *uname, umode_t mode)
{
	return make_node(dirfd, uname, mkdir_fn, &mode);
}

struct mknod_arg { umode_t mode; dev_t dev; };

static int mknod_fn(struct inode *dir, struct nameidata *nd, void *arg, struct inode **out)
{
	struct mknod_arg *a = arg;
	if (!dir->i_op->create)
		return -EPERM;
	return dir->i_op->create(dir, nd->last, nd->last_len, a->mode, a->dev, out);
}

long sys_mknodat(int dirfd, const char __user *uname, umode_t mode, unsigned int dev)
{
	umode_t type = mode & S_IFMT;
	if (type == 0)
		type = S_IFREG;
	if (type != S_IFREG && type != S_IFCHR && type != S_IFBLK && type != S_IFIFO &&
	    type != S_IFSOCK)
		return -EINVAL;
	if ((type == S_IFCHR || type == S_IFBLK) && !capable(CAP_MKNOD))
		return -EPERM;
	struct mknod_arg a = { type | (mode & 07777 & ~current->fs->umask), dev_from_user(dev) };
	return make_node(dirfd, uname, mknod_fn, &a);
}

int vfs_mknod_socket(const char *name, umode_t mode, struct path *out)
{
	struct mknod_arg a = { S_IFSOCK | (mode & 07777 & ~current->fs->umask), 0 };
	return make_node_at(AT_FDCWD, name, mknod_fn, &a, out);
}

static int symlink_fn(struct inode *dir, struct nameidata *nd, void *arg, struct inode **out)
{
	if (!dir->i_op->symlink)
		return -EPERM;
	return dir->i_op->symlink(dir, nd->last, nd->last_len, arg, out);
}

long sys_symlinkat(const char __user *utarget, int dirfd, const char __user *uname)
{
	char *target = getname(utarget);
	if (IS_ERR(target))
		return PTR_ERR(target);
	long err = *target ? make_node(dirfd, uname, symlink_fn, target) : -ENOENT;
	putname(target);
	return err;
}

long sys_linkat(int olddirfd, const char __user *uold, int newdirfd,
		const char __user *unew, int flags)
{
	struct path old;
	int err = user_path_at(olddirfd, uold, (flags & AT_SYMLINK_FOLLOW) ? LOOKUP_FOLLOW : 0,
			       &old);
	if (err)
		return err;
	struct nameidata nd;
	char *name;
	err = parent_of(newdirfd, unew, &nd, &name);
	if (err) {
		path_put(&old);
		return err;
	}
	struct inode *dir = nd.path.dentry->inode, *in = old.dentry->inode;
	if (nd.path.mnt->sb != old.mnt->sb)
		err = -EXDEV;
	else if (S_ISDIR(in->mode))
		err = -EPERM;
	else if (nd.last_is_dot)
		err = -EEXIST;
	if (!err) {
		mutex_lock(&dir->lock);
		struct dentry *d = lookup_last(&nd);
		if (IS_ERR(d)) {
			err = PTR_ERR(d);
		} else {
			if (d->inode)
				err = -EEXIST;
			else if (!(err = may_create(&nd)))
				err = dir->i_op->link ? dir->i_op->link(in, dir, nd.last, nd.last_len)
						      : -EPERM;
			if (!err)
				d_instantiate(d, igrab(in));
			dput(d);
		}
		mutex_unlock(&dir->lock);
	}
	path_put(&nd.path);
	putname(name);
	path_put(&old);
	return err;
}

/* Sticky directories: only the owner of the file or of the directory. */
static int may_delete(struct inode *dir, struct inode *victim)
{
	const struct cred *c = current->cred;
	int err = vfs_permission(dir, MAY_WRITE | MAY_EXEC);
	if (err)
		return err;
	if ((dir->mode & S_ISVTX) && c->fsuid != victim->uid && c->fsuid != dir->uid &&
	    !capable_wrt_inode_uidgid(victim, CAP_FOWNER))
		return -EPERM;
	return 0;
}

long sys_unlinkat(int dirfd, const char __user *uname, int flags)
{
	if (flags & ~AT_REMOVEDIR)
		return -EINVAL;
	struct nameidata nd;
	char *name;
	int err = parent_of(dirfd, uname, &nd, &name);
	if (err)
		return err;
	bool rmdir = flags & AT_REMOVEDIR;
	struct inode *dir = nd.path.dentry->inode;
	if (nd.last_is_dot) {
		err = rmdir ? (nd.last_len == 1 ? -EINVAL : -ENOTEMPTY) : -EISDIR;
		goto out;
	}
	if (is_rdonly(&nd.path)) {
		err = -EROFS;
		goto out;
	}
	mutex_lock(&dir->lock);
	struct dentry *d = lookup_last(&nd);
	if (IS_ERR(d)) {
		err = PTR_ERR(d);
	} else {
		struct inode *in = d->inode;
		if (!in)
			err = -ENOENT;
		else if (rmdir && !S_ISDIR(in->mode))
			err = -ENOTDIR;
		else if (!rmdir && S_ISDIR(in->mode))
			err = -EISDIR;
		else if (!rmdir && nd.trailing_slash)
			err = -ENOTDIR;
		else if (d->mounted)
			err = -EBUSY;
		else if (!(err = may_delete(dir, in))) {
			if (rmdir) {
				mutex_lock(&in->lock);
				err = dir->i_op->rmdir ? dir->i_op->rmdir(dir, nd.last, nd.last_len, in)
						       : -EPERM;
				mutex_unlock(&in->lock);
				if (!err)
					d_drop_children(d);
			} else {
				err = dir->i_op->unlink ? dir->i_op->unlink(dir, nd.last, nd.last_len, in)
							: -EPERM;
			}
			if (!err)
				d_make_negative(d);
		}
		dput(d);
	}
	mutex_unlock(&dir->lock);
out:
	path_put(&nd.path);
	putname(name);
	return err;
}

/* Is a an ancestor of (or equal to) b within one file system? */
static bool is_ancestor(struct dentry *a, struct dentry *b)
{
	for (;;) {
		if (a == b)
			return true;
		if (b->parent == b)
			return false;
		b = b->parent;
	}
}

static struct mutex rename_lock = { .name = "rename",
	.wq = WAITQUEUE_INIT(rename_lock.wq) };

long sys_renameat2(int olddirfd, const char __user *uold, int newdirfd,
		   const char __user *unew, unsigned int flags)
{
	if (flags & ~(RENAME_NOREPLACE | RENAME_EXCHANGE))
		return -EINVAL;
	struct nameidata on, nn;
	char *oname, *nname;
	int err = parent_of(olddirfd, uold, &on, &oname);
	if (err)
		return err;
	err = parent_of(newdirfd, unew, &nn, &nname);
	if (err) {
		path_put(&on.path);
		putname(oname);
		return err;
	}
	struct inode *odir = on.path.dentry->inode, *ndir = nn.path.dentry->inode;
	if (on.last_is_dot || nn.last_is_dot)
		err = on.last_is_dot ? -EBUSY : -EEXIST;
	else if (on.path.mnt != nn.path.mnt)
		err = -EXDEV;
	else if (is_rdonly(&nn.path))
		err = -EROFS;
	if (err)
		goto out;
	/* One rename at a time keeps the ancestry check and locking simple. */
	mutex_lock(&rename_lock);
	struct inode *first = odir < ndir ? odir : ndir, *second = odir < ndir ? ndir : odir;
	mutex_lock(&first->lock);
	if (second != first)
		mutex_lock(&second->lock);
	struct dentry *od = lookup_last(&on);
	struct dentry *nd = IS_ERR(od) ? od : lookup_last(&nn);
	if (IS_ERR(od) || IS_ERR(nd)) {
		err = IS_ERR(od) ? PTR_ERR(od) : PTR_ERR(nd);
		if (!IS_ERR(od))
			dput(od);
		goto unlock;
	}
	struct inode *src = od->inode, *dst = nd->inode;
	if (!src)
		err = -ENOENT;
	else if (dst && (flags & RENAME_NOREPLACE))
		err = -EEXIST;
	else if ((flags & RENAME_EXCHANGE) && !dst)
		err = -ENOENT;
	else if (S_ISDIR(src->mode) && is_ancestor(od, nn.path.dentry))
		err = -EINVAL;
	else if (dst && S_ISDIR(src->mode) && !S_ISDIR(dst->mode))
		err = -ENOTDIR;
	else if (dst && !S_ISDIR(src->mode) && S_ISDIR(dst->mode))
		err = -EISDIR;
	else if (nn.trailing_slash && !S_ISDIR(src->mode))
		err = -ENOTDIR;
	else if (od->mounted || (dst && nd->mounted))
		err = -EBUSY;
	else if (src == dst)
		err = 0;
	else if (!(err = may_delete(odir, src)) &&
		 !(err = vfs_permission(ndir, MAY_WRITE | MAY_EXEC))) {
		err = odir->i_op->rename ? odir->i_op->rename(odir, on.last, on.last_len, ndir,
				nn.last, nn.last_len, src, dst, flags) : -EPERM;
		if (!err) {
			if (dst)
				d_make_negative(nd);
			d_move(od, nn.path.dentry, nn.last, nn.last_len);
		}
	}
	dput(od);
	dput(nd);
unlock:
	if (second != first)
		mutex_unlock(&second->lock);
	mutex_unlock(&first->lock);
	mutex_unlock(&rename_lock);
out:
	path_put(&on.path);
	path_put(&nn.path);
	putname(oname);
	putname(nname);
	return err;
}

/* Change in, reached by p (whose dentry may have gone negative since:
 * an unlinked open file). */
static long setattr_inode(const struct path *p, struct inode *in, struct iattr *a)
{
	if (is_rdonly(p))
		return -EROFS;
	a->valid |= ATTR_CTIME;
	a->ctime = current_time();
	mutex_lock(&in->lock);
	int err = in->i_op && in->i_op->setattr ? in->i_op->setattr(in, a) : -EPERM;
	if (!err && (a->valid & ATTR_SIZE))
		pcache_truncated(in, a->size);
	mutex_unlock(&in->lock);
	return err;
}

/* chmod, chown and utimes change in, reached by p: a name's inode, or an
 * open file's (whose dentry is negative once the file is unlinked). */
long chmod_path(const struct path *p, struct inode *in, umode_t mode)
{
	if (!owner_or_cap(in))
		return -EPERM;
	/* Only a member of its group (or CAP_FSETID) leaves a file set-group-ID. */
	if ((mode & S_ISGID) && !S_ISDIR(in->mode) && !in_group(current->cred, in->gid) &&
	    !capable_wrt_inode_uidgid_noaudit(in, CAP_FSETID))
		mode &= ~S_ISGID;
	struct iattr a = { .valid = ATTR_MODE, .mode = (in->mode & S_IFMT) | (mode & 07777) };
	return setattr_inode(p, in, &a);
}

void file_remove_privs(struct file *f)
{
	struct inode *in = f->inode;
	umode_t kill = S_ISUID | ((in->mode & S_IXGRP) ? S_ISGID : 0);
	if (!f->f_path.dentry)
		return;
	/* File capabilities go whoever writes, as on Linux. */
	vfs_remove_fcaps(in, &f->f_path);
	if (!(in->mode & kill) || ns_capable_noaudit(&init_user_ns, CAP_FSETID))
		return;
	struct iattr a = { .valid = ATTR_MODE, .mode = in->mode & ~kill };
	setattr_inode(&f->f_path, in, &a);
}

long sys_fchmodat(int dirfd, const char __user *uname, umode_t mode)
{
	struct path p;
	int err = user_path_at(dirfd, uname, LOOKUP_FOLLOW, &p);
	if (err)
		return err;
	err = p.dentry->inode ? chmod_path(&p, p.dentry->inode, mode) : -ENOENT;
	path_put(&p);
	return err;
}

/* uid and gid are named in the caller's user namespace ((uid_t)-1: keep);
 * one unmapped there is EINVAL.  CAP_CHOWN counts over an inode whose ids
 * are mapped in the caller's namespace. */
long chown_path(const struct path *p, struct inode *in, uid_t user, gid_t group)
{
	struct iattr a = { 0 };
	uid_t uid = user == (uid_t)-1 ? user : make_kuid(current_user_ns(), user);
	gid_t gid = group == (gid_t)-1 ? group : make_kgid(current_user_ns(), group);
	if ((user != (uid_t)-1 && uid == INVALID_UID) || (group != (gid_t)-1 && gid == INVALID_GID))
		return -EINVAL;
	bool priv = capable_wrt_inode_uidgid(in, CAP_CHOWN);
	if (uid != (uid_t)-1 && uid != in->uid) {
		if (!priv)
			return -EPERM;
		a.valid |= ATTR_UID;
		a.uid = uid;
	}
	if (gid != (gid_t)-1 && gid != in->gid) {
		if (!priv && (current->cred->fsuid != in->uid || !in_group(current->cred, gid)))
			return -EPERM;
		a.valid |= ATTR_GID;
		a.gid = gid;
	}
	if (a.valid && !S_ISDIR(in->mode) && (in->mode & (S_ISUID | S_ISGID))) {
		a.valid |= ATTR_MODE;
		a.mode = in->mode & ~(S_ISUID | S_ISGID);
	}
	int err = a.valid ? setattr_inode(p, in, &a) : 0;
	/* Any permitted chown drops the file's capabilities (Linux's
	 * ATTR_KILL_PRIV), even one that changes nothing. */
	if (!err && !S_ISDIR(in->mode))
		err = vfs_remove_fcaps(in, p);
	return err;
}

/* uid and gid arrive zero-extended (see ioctl in read_write.c). */
long sys_fchownat(int dirfd, const char __user *uname, unsigned long uid_arg,
		  unsigned long gid_arg, int flags)
{
	uid_t uid = (uid_t)uid_arg;
	gid_t gid = (gid_t)gid_arg;
	struct path p;
	unsigned int lf = (flags & AT_SYMLINK_NOFOLLOW) ? 0 : LOOKUP_FOLLOW;
	if (flags & AT_EMPTY_PATH)
		lf |= LOOKUP_EMPTY;
	int err = user_path_at(dirfd, uname, lf, &p);
	if (err)
		return err;
	err = p.dentry->inode ? chown_path(&p, p.dentry->inode, uid, gid) : -ENOENT;
	path_put(&p);
	return err;
}

long utimes_path(const struct path *p, struct inode *in, const struct timespec64 __user *utimes)
{
	struct timespec64 ts[2];
	struct timespec64 now = current_time();
	struct iattr a = { .valid = ATTR_ATIME | ATTR_MTIME };
	if (utimes) {
		if (copy_from_user(ts, utimes, sizeof(ts)))
			return -EFAULT;
		for (int i = 0; i < 2; i++) {
			if (ts[i].tv_nsec == UTIME_NOW)
				ts[i] = now;
			else if (ts[i].tv_nsec == UTIME_OMIT)
				a.valid &= ~(i ? ATTR_MTIME : ATTR_ATIME);
			else if (ts[i].tv_nsec < 0 || ts[i].tv_nsec >= 1000000000)
				return -EINVAL;
		}
		if (!owner_or_cap(in))
			return -EPERM;
	} else {
		ts[0] = ts[1] = now;
		if (!owner_or_cap(in) && vfs_permission(in, MAY_WRITE))
			return -EACCES;
	}
	a.atime = ts[0];
	a.mtime = ts[1];
	return setattr_inode(p, in, &a);
}

long sys_utimensat(int dirfd, const char __user *uname, const struct timespec64 __user *t,
		   int flags)
{
	struct inode *in = NULL;
	struct path p;
	int err;
	if (!uname) {
		struct file *f = fd_get(dirfd);
		if (!f)
			return -EBADF;
		p = f->f_path;
		in = f->inode;
		path_get(&p);
		file_put(f);
	} else {
		err = user_path_at(dirfd, uname, (flags & AT_SYMLINK_NOFOLLOW) ? 0 : LOOKUP_FOLLOW,
				   &p);
		if (err)
			return err;
		in = p.dentry->inode;
	}
	err = p.dentry && in ? utimes_path(&p, in, t) : -EBADF;
	path_put(&p);
	return err;
}

/*
 * access(2) asks with the real ids, as a set-user-ID program checks what its
 * caller may do; AT_EACCESS (faccessat2) with the effective ones.  The real
 * ids stand in a private copy of the credentials for the walk, with the
 * capabilities a real root has (all it may have) or none.
 */
long sys_faccessat2(int dirfd, const char __user *uname, int mode, int flags)
{
	struct path p;
	if (mode & ~7)
		return -EINVAL;
	if (flags & ~(AT_EACCESS | AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	const struct cred *saved = NULL;
	const struct cred *c = current->cred;
	uid_t root = make_kuid(c->user_ns, 0);
	if (!(flags & AT_EACCESS) && (c->fsuid != c->uid || c->fsgid != c->gid ||
				      (c->uid == root ? c->cap_effective != c->cap_permitted
						      : c->cap_effective != 0))) {
		struct cred *r = prepare_creds();
		if (!r)
			return -ENOMEM;
		r->fsuid = r->uid;
		r->fsgid = r->gid;
		r->cap_effective = r->uid == root ? r->cap_permitted : 0;
		saved = current->cred;
		current->cred = r;
	}
	unsigned int lf = (flags & AT_SYMLINK_NOFOLLOW) ? 0 : LOOKUP_FOLLOW;
	if (flags & AT_EMPTY_PATH)
		lf |= LOOKUP_EMPTY;
	int err = user_path_at(dirfd, uname, lf, &p);
	if (!err) {
		if ((mode & MAY_WRITE) && is_rdonly(&p))
			err = -EROFS;
		else if (mode)
			err = vfs_permission(p.dentry->inode, mode);
		path_put(&p);
	}
	if (saved) {
		put_cred(current->cred);
		current->cred = (struct cred *)saved;
	}
	return err;
}

long sys_faccessat(int dirfd, const char __user *uname, int mode)
{
	return sys_faccessat2(dirfd, uname, mode, 0);
}

long truncate_path(const struct path *p, struct inode *in, off_t len)
{
	if (len < 0)
		return -EINVAL;
	if (S_ISDIR(in->mode))
		return -EISDIR;
	if (!S_ISREG(in->mode))
		return -EINVAL;
	struct iattr a = { .valid = ATTR_SIZE | ATTR_MTIME, .size = len, .mtime = current_time() };
	return setattr_inode(p, in, &a);
}

long sys_truncate(const char __user *uname, off_t len)
{
	struct path p;
	int err = user_path_at(AT_FDCWD, uname, LOOKUP_FOLLOW, &p);
	if (err)
		return err;
	err = vfs_permission(p.dentry->inode, MAY_WRITE);
	if (!err)
		err = truncate_path(&p, p.dentry->inode, len);
	path_put(&p);
	return err;
}

long sys_ftruncate(int fd, off_t len)
{
	struct file *f = fd_get(fd);
	if (!f)
		return -EBADF;
	/* The file's own inode: an unlinked file's dentry is negative. */
	long err = (f->mode & FMODE_WRITE) && f->f_path.dentry && f->inode ?
		truncate_path(&f->f_path, f->inode, len) : -EINVAL;
	file_put(f);
	return err;
}

static long set_dir(const struct path *p, bool root)
{
	struct inode *in = p->dentry->inode;
	if (!S_ISDIR(in->mode))
		return -ENOTDIR;
	int err = vfs_permission(in, MAY_EXEC);
	if (err)
		return err;
	struct fs_struct *fs = current->fs;
	path_get(p);
	spin_lock(&fs->lock);
	struct path old = root ? fs->root : fs->pwd;
	if (root)
		fs->root = *p;
	else
		fs->pwd = *p;
	spin_unlock(&fs->lock);
	path_put(&old);
	return 0;
}

long sys_chdir(const char __user *uname)
{
	struct path p;
	int err = user_path_at(AT_FDCWD, uname, LOOKUP_FOLLOW | LOOKUP_DIRECTORY, &p);
	if (err)
		return err;
	err = set_dir(&p, false);
	path_put(&p);
	return err;
}

long sys_fchdir(int fd)
{
	struct file *f = fd_get(fd);
	if (!f)
		return -EBADF;
	long err = f->f_path.dentry ? set_dir(&f->f_path, false) : -ENOTDIR;
	file_put(f);
	return err;
}

/* chroot(2) as Linux orders its checks: the path, search permission on
 * it, then CAP_SYS_CHROOT. */
long sys_chroot(const char __user *uname)
{
	struct path p;
	int err = user_path_at(AT_FDCWD, uname, LOOKUP_FOLLOW | LOOKUP_DIRECTORY, &p);
	if (err)
		return err;
	err = vfs_permission(p.dentry->inode, MAY_EXEC);
	if (!err && !ns_capable(current_user_ns(), CAP_SYS_CHROOT))
		err = -EPERM;
	if (!err)
		err = set_dir(&p, true);
	path_put(&p);
	return err;
}

long sys_getcwd(char __user *ubuf, size_t size)
{
	struct fs_struct *fs = current->fs;
	char *buf = kmalloc(PATH_MAX);
	if (!buf)
		return -ENOMEM;
	struct path pwd, root;
	spin_lock(&fs->lock);
	pwd = fs->pwd;
	root = fs->root;
	path_get(&pwd);
	path_get(&root);
	spin_unlock(&fs->lock);
	long n = d_path(&pwd, &root, buf, PATH_MAX);
	if (n > 0 && (size_t)n > size)
		n = -ERANGE;
	if (n > 0 && copy_to_user(ubuf, buf, n))
		n = -EFAULT;
	path_put(&pwd);
	path_put(&root);
	kfree(buf);
	return n;
}

long sys_umask(int mask)
{
	struct fs_struct *fs = current->fs;
	spin_lock(&fs->lock);
	umode_t old = fs->umask;
	fs->umask = mask & 0777;
	spin_unlock(&fs->lock);
	return old;
}

long sys_mount(const char __user *usrc, const char __user *utarget, const char __user *utype,
	       unsigned long flags, const void __user *udata)
{
	if (!may_mount())
		return -EPERM;
	char *src = NULL, *target = NULL, *type = NULL, *data = NULL;
	long err = 0;
	if (usrc && IS_ERR(src = getname(usrc)))
		err = PTR_ERR(src), src = NULL;
	if (!err && IS_ERR(target = getname(utarget)))
		err = PTR_ERR(target), target = NULL;
	if (!err && utype && IS_ERR(type = getname(utype)))
		err = PTR_ERR(type), type = NULL;
	if (!err && udata && IS_ERR(data = getname(udata)))
		err = PTR_ERR(data), data = NULL;
	if (!err)
		err = do_mount(src, target, type, flags, data);
	putname(src);
	putname(target);
	putname(type);
	putname(data);
	return err;
}

long sys_umount2(const char __user *utarget, int flags)
{
	if (flags & ~UMOUNT_FLAGS)
		return -EINVAL;	/* before the path, as on Linux */
	if (!may_mount())
		return -EPERM;
	struct path p;
	int err = user_path_at(AT_FDCWD, utarget, (flags & UMOUNT_NOFOLLOW) ? 0 : LOOKUP_FOLLOW, &p);
	if (err)
		return err;
	err = do_umount(&p, flags);
	path_put(&p);
	return err;
}

/* pivot_root(2): both paths must be directories; do_pivot_root has the
 * rest of Linux's rules. */
long sys_pivot_root(const char __user *unew, const char __user *uold)
{
	if (!may_mount())
		return -EPERM;
	struct path new_root, put_old;
	int err = user_path_at(AT_FDCWD, unew, LOOKUP_FOLLOW | LOOKUP_DIRECTORY, &new_root);
	if (err)
		return err;
	err = user_path_at(AT_FDCWD, uold, LOOKUP_FOLLOW | LOOKUP_DIRECTORY, &put_old);
	if (!err) {
		err = do_pivot_root(&new_root, &put_old);
		path_put(&put_old);
	}
	path_put(&new_root);
	return err;
}

/* fchmod and fchown act on the open file's path and inode. */
static long fd_path(int fd, struct path *p, struct inode **in)
{
	struct file *f = fd_get(fd);
	if (!f)
		return -EBADF;
	long err = f->f_path.dentry && f->inode ? 0 : -EBADF;
	if (!err) {
		*p = f->f_path;
		*in = f->inode;
		path_get(p);
	}
	file_put(f);
	return err;
}

long sys_fchmod(int fd, umode_t mode)
{
	struct inode *in;
	struct path p;
	long err = fd_path(fd, &p, &in);
	if (err)
		return err;
	err = chmod_path(&p, in, mode);
	path_put(&p);
	return err;
}

long sys_fchown(int fd, unsigned long uid_arg, unsigned long gid_arg)
{
	uid_t uid = (uid_t)uid_arg;
	gid_t gid = (gid_t)gid_arg;
	struct inode *in;
	struct path p;
	long err = fd_path(fd, &p, &in);
	if (err)
		return err;
	err = chown_path(&p, in, uid, gid);
	path_put(&p);
	return err;
}
