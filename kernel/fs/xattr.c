/*
 * The extended attribute system calls: {,l,f}{get,set,list,remove}xattr.
 *
 * This file owns the user-facing rules (Linux's): the name's prefix picks
 * a namespace, which decides who may read and write (see xattr.h); names
 * are 1..XATTR_NAME_MAX bytes (else -ERANGE), values at most
 * XATTR_SIZE_MAX (else -E2BIG); a size of 0 asks for the size needed.
 * The file system stores the pairs through its inode operations, called
 * with inode->lock held, which also guards inode->nosec.
 */
#include "vfs.h"
#include "fs.h"
#include "file.h"
#include "proc.h"
#include "cred.h"
#include "fcaps.h"
#include "xattr.h"
#include "kmalloc.h"
#include "string.h"
#include "uaccess.h"
#include "syscalls.h"
#include <linux/fcntl.h>
#include <linux/capability.h>

struct xattr_prefix {
	const char *prefix;
	size_t len;
	int index;
};

static const struct xattr_prefix xattr_prefixes[] = {
	{ XATTR_USER_PREFIX, XATTR_USER_PREFIX_LEN, XATTR_INDEX_USER },
	{ XATTR_TRUSTED_PREFIX, XATTR_TRUSTED_PREFIX_LEN, XATTR_INDEX_TRUSTED },
	{ XATTR_SECURITY_PREFIX, XATTR_SECURITY_PREFIX_LEN, XATTR_INDEX_SECURITY },
};

static const struct xattr_prefix *prefix_of_index(int index)
{
	for (size_t i = 0; i < ARRAY_SIZE(xattr_prefixes); i++)
		if (xattr_prefixes[i].index == index)
			return &xattr_prefixes[i];
	return NULL;
}

/* An attribute named in a call: its namespace and the rest of the name. */
struct xattr_name {
	char full[XATTR_NAME_MAX + 1];
	int index;
	const char *suffix;
};

static bool is_fcaps(const struct xattr_name *n)
{
	return n->index == XATTR_INDEX_SECURITY && !strcmp(n->suffix, XATTR_CAPS_SUFFIX);
}

/* Copy and split the name: -ERANGE for an empty or too long one,
 * -EOPNOTSUPP for a namespace we do not keep, -EINVAL for a bare prefix. */
static int get_xattr_name(const char __user *uname, struct xattr_name *n)
{
	long len = strncpy_from_user(n->full, uname, sizeof(n->full));
	if (len == -ENAMETOOLONG || len == 0)
		return -ERANGE;
	if (len < 0)
		return (int)len;
	for (size_t i = 0; i < ARRAY_SIZE(xattr_prefixes); i++) {
		const struct xattr_prefix *p = &xattr_prefixes[i];
		if (!strncmp(n->full, p->prefix, p->len)) {
			n->index = p->index;
			n->suffix = n->full + p->len;
			return *n->suffix ? 0 : -EINVAL;
		}
	}
	return -EOPNOTSUPP;
}

/* May current read (want MAY_READ) or change (MAY_WRITE) attribute n of
 * in?  A refused read is -ENODATA where Linux hides the attribute. */
static int xattr_permission(struct inode *in, const struct xattr_name *n, int want)
{
	bool write = want == MAY_WRITE;
	switch (n->index) {
	case XATTR_INDEX_TRUSTED:
		if (!capable(CAP_SYS_ADMIN))
			return write ? -EPERM : -ENODATA;
		return 0;
	case XATTR_INDEX_SECURITY:
		if (!write)
			return 0;
		if (is_fcaps(n))
			return capable_wrt_inode_uidgid(in, CAP_SETFCAP) ? 0 : -EPERM;
		return capable(CAP_SYS_ADMIN) ? 0 : -EPERM;
	default:
		if (!S_ISREG(in->mode) && !S_ISDIR(in->mode))
			return write ? -EPERM : -ENODATA;
		if (write && S_ISDIR(in->mode) && (in->mode & S_ISVTX) && !owner_or_cap(in))
			return -EPERM;
		return vfs_permission(in, want);
	}
}

ssize_t vfs_getxattr_kernel(struct inode *in, int index, const char *name, void *buf,
			    size_t size)
{
	if (!in->i_op || !in->i_op->getxattr)
		return -EOPNOTSUPP;
	mutex_lock(&in->lock);
	ssize_t n = in->i_op->getxattr(in, index, name, buf, size);
	mutex_unlock(&in->lock);
	return n;
}

/* Set (value not NULL) or remove attribute n of the file at p. */
static long setxattr_path(const struct path *p, struct inode *in, const struct xattr_name *n,
			  void *value, size_t size, int flags)
{
	if (is_rdonly(p))
		return -EROFS;
	if (!in->i_op || !in->i_op->setxattr)
		return -EOPNOTSUPP;
	long err = xattr_permission(in, n, MAY_WRITE);
	if (err)
		return err;
	if (value && is_fcaps(n)) {
		err = fcaps_convert_for_set(in, value, &size);
		if (err)
			return err;
	}
	mutex_lock(&in->lock);
	err = in->i_op->setxattr(in, n->index, n->suffix, value, size, flags);
	if (!err && is_fcaps(n))
		in->nosec = !value;
	mutex_unlock(&in->lock);
	return err;
}

static long getxattr_path(struct inode *in, const struct xattr_name *n,
			  void __user *uvalue, size_t size)
{
	if (!in->i_op || !in->i_op->getxattr)
		return -EOPNOTSUPP;
	long err = xattr_permission(in, n, MAY_READ);
	if (err)
		return err;
	if (size > XATTR_SIZE_MAX)
		size = XATTR_SIZE_MAX;
	/* Capabilities are read whole, then shown as the caller's
	 * namespace sees them (which may change their size). */
	size_t room = is_fcaps(n) ? XATTR_CAPS_SZ_3 : size;
	void *buf = room ? kmalloc(room) : NULL;
	if (room && !buf)
		return -ENOMEM;
	ssize_t len = vfs_getxattr_kernel(in, n->index, n->suffix, buf, room);
	if (len >= 0 && is_fcaps(n))
		len = fcaps_convert_for_get(buf, len);
	if (len >= 0 && size) {
		if ((size_t)len > size)
			len = -ERANGE;
		else if (copy_to_user(uvalue, buf, len))
			len = -EFAULT;
	}
	kfree(buf);
	return len;
}

/* The name list being built by listxattr_path. */
struct xattr_list {
	char *buf;		/* NULL: only count */
	size_t size, used;
	bool trusted;		/* the caller may see trusted.* */
};

static int list_emit(void *ctx, int index, const char *name, size_t len)
{
	struct xattr_list *l = ctx;
	const struct xattr_prefix *p = prefix_of_index(index);
	if (!p || (index == XATTR_INDEX_TRUSTED && !l->trusted))
		return 0;
	size_t need = p->len + len + 1;
	if (l->buf) {
		if (l->used + need > l->size)
			return -ERANGE;
		memcpy(l->buf + l->used, p->prefix, p->len);
		memcpy(l->buf + l->used + p->len, name, len);
		l->buf[l->used + need - 1] = '\0';
	}
	l->used += need;
	return 0;
}

/* A file system without attributes lists none (as Linux). */
static long listxattr_path(struct inode *in, char __user *ulist, size_t size)
{
	if (!in->i_op || !in->i_op->listxattr)
		return 0;
	if (size > XATTR_LIST_MAX)
		size = XATTR_LIST_MAX;
	struct xattr_list l = { .size = size,
				.trusted = ns_capable_noaudit(&init_user_ns, CAP_SYS_ADMIN) };
	if (size && !(l.buf = kmalloc(size)))
		return -ENOMEM;
	mutex_lock(&in->lock);
	long err = in->i_op->listxattr(in, list_emit, &l);
	mutex_unlock(&in->lock);
	if (err == -ERANGE && size == XATTR_LIST_MAX)
		err = -E2BIG;
	if (!err && size && copy_to_user(ulist, l.buf, l.used))
		err = -EFAULT;
	kfree(l.buf);
	return err ? err : (long)l.used;
}

int vfs_remove_fcaps(struct inode *in, const struct path *p)
{
	if (in->nosec || !S_ISREG(in->mode))
		return 0;
	if (!in->i_op || !in->i_op->getxattr || !in->i_op->setxattr) {
		in->nosec = true;
		return 0;
	}
	mutex_lock(&in->lock);
	int err = (int)in->i_op->getxattr(in, XATTR_INDEX_SECURITY, XATTR_CAPS_SUFFIX, NULL, 0);
	if (err >= 0)
		err = is_rdonly(p) ? -EROFS :
			in->i_op->setxattr(in, XATTR_INDEX_SECURITY, XATTR_CAPS_SUFFIX, NULL, 0, 0);
	if (!err || err == -ENODATA) {
		in->nosec = true;
		err = 0;
	}
	mutex_unlock(&in->lock);
	return err;
}

/* The file a call names, its path referenced and its inode: by name
 * (following a final symlink or not) or, for the f* calls, by descriptor
 * (uname NULL; the open file's inode, as its dentry is negative once the
 * file is unlinked). */
static long xattr_path(int fd, const char __user *uname, bool follow, struct path *p,
		       struct inode **in)
{
	if (uname) {
		long err = user_path_at(AT_FDCWD, uname, follow ? LOOKUP_FOLLOW : 0, p);
		if (!err)
			*in = p->dentry->inode;
		return err;
	}
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

static long do_setxattr(int fd, const char __user *upath, bool follow,
			const char __user *uname, const void __user *uvalue, size_t size,
			int flags)
{
	struct xattr_name *n;
	struct inode *in;
	struct path p;
	void *value = NULL;
	long err;

	if (flags & ~(XATTR_CREATE | XATTR_REPLACE))
		return -EINVAL;
	if (!(n = kmalloc(sizeof(*n))))
		return -ENOMEM;
	err = get_xattr_name(uname, n);
	if (err)
		goto out_name;
	if (size > XATTR_SIZE_MAX) {
		err = -E2BIG;
		goto out_name;
	}
	/* Room for a capability value to grow to its namespaced form. */
	value = kmalloc(size > XATTR_CAPS_SZ_3 ? size : XATTR_CAPS_SZ_3);
	if (!value) {
		err = -ENOMEM;
		goto out_name;
	}
	if (size && copy_from_user(value, uvalue, size)) {
		err = -EFAULT;
		goto out_value;
	}
	err = xattr_path(fd, upath, follow, &p, &in);
	if (err)
		goto out_value;
	err = setxattr_path(&p, in, n, value, size, flags);
	path_put(&p);
out_value:
	kfree(value);
out_name:
	kfree(n);
	return err;
}

static long do_getxattr(int fd, const char __user *upath, bool follow,
			const char __user *uname, void __user *uvalue, size_t size)
{
	struct xattr_name *n = kmalloc(sizeof(*n));
	struct inode *in;
	struct path p;
	if (!n)
		return -ENOMEM;
	long err = get_xattr_name(uname, n);
	if (!err && !(err = xattr_path(fd, upath, follow, &p, &in))) {
		err = getxattr_path(in, n, uvalue, size);
		path_put(&p);
	}
	kfree(n);
	return err;
}

static long do_listxattr(int fd, const char __user *upath, bool follow, char __user *ulist,
			 size_t size)
{
	struct inode *in;
	struct path p;
	long err = xattr_path(fd, upath, follow, &p, &in);
	if (err)
		return err;
	err = listxattr_path(in, ulist, size);
	path_put(&p);
	return err;
}

static long do_removexattr(int fd, const char __user *upath, bool follow,
			   const char __user *uname)
{
	struct xattr_name *n = kmalloc(sizeof(*n));
	struct inode *in;
	struct path p;
	if (!n)
		return -ENOMEM;
	long err = get_xattr_name(uname, n);
	if (!err && !(err = xattr_path(fd, upath, follow, &p, &in))) {
		err = setxattr_path(&p, in, n, NULL, 0, 0);
		path_put(&p);
	}
	kfree(n);
	return err;
}

long sys_setxattr(const char __user *path, const char __user *name, const void __user *value,
		  size_t size, int flags)
{
	return do_setxattr(-1, path, true, name, value, size, flags);
}

long sys_lsetxattr(const char __user *path, const char __user *name, const void __user *value,
		   size_t size, int flags)
{
	return do_setxattr(-1, path, false, name, value, size, flags);
}

long sys_fsetxattr(int fd, const char __user *name, const void __user *value, size_t size,
		   int flags)
{
	return do_setxattr(fd, NULL, false, name, value, size, flags);
}

long sys_getxattr(const char __user *path, const char __user *name, void __user *value,
		  size_t size)
{
	return do_getxattr(-1, path, true, name, value, size);
}

long sys_lgetxattr(const char __user *path, const char __user *name, void __user *value,
		   size_t size)
{
	return do_getxattr(-1, path, false, name, value, size);
}

long sys_fgetxattr(int fd, const char __user *name, void __user *value, size_t size)
{
	return do_getxattr(fd, NULL, false, name, value, size);
}

long sys_listxattr(const char __user *path, char __user *list, size_t size)
{
	return do_listxattr(-1, path, true, list, size);
}

long sys_llistxattr(const char __user *path, char __user *list, size_t size)
{
	return do_listxattr(-1, path, false, list, size);
}

long sys_flistxattr(int fd, char __user *list, size_t size)
{
	return do_listxattr(fd, NULL, false, list, size);
}

long sys_removexattr(const char __user *path, const char __user *name)
{
	return do_removexattr(-1, path, true, name);
}

long sys_lremovexattr(const char __user *path, const char __user *name)
{
	return do_removexattr(-1, path, false, name);
}

long sys_fremovexattr(int fd, const char __user *name)
{
	return do_removexattr(fd, NULL, false, name);
}
