/*
 * Path resolution: names to (mount, dentry) pairs, through the dentry cache,
 * mount points, ".." across mounts and symbolic links (at most MAX_LINKS).
 */
#include "vfs.h"
#include "denials.h"
#include "file.h"
#include "proc.h"
#include "cred.h"
#include "kmalloc.h"
#include "string.h"
#include "uaccess.h"
#include <linux/fcntl.h>
#include <linux/capability.h>
#include <linux/limits.h>

#define MAX_LINKS 40

/*
 * May current reach inode for mask (MAY_READ | MAY_WRITE | MAY_EXEC)?  A file
 * system's permission hook may grant first; then the owner, group or other
 * bits decide, and where they refuse, privilege: CAP_DAC_READ_SEARCH reads
 * any file and searches any directory, CAP_DAC_OVERRIDE does anything but
 * execute a file that has no x bit at all.  Privilege counts in the
 * caller's user namespace and over inodes whose owner and group are mapped
 * there (capable_wrt_inode_uidgid): root in a namespace of alice's is
 * still kept out of root's 0600 files.
 */
int vfs_permission(struct inode *inode, int mask)
{
	const struct cred *c = current->cred;
	umode_t mode = inode->mode;

	if (inode->i_op && inode->i_op->permission && inode->i_op->permission(inode, mask) == 0)
		return 0;
	mask &= MAY_READ | MAY_WRITE | MAY_EXEC;
	if (c->fsuid == inode->uid)
		mode >>= 6;
	else if (in_group(c, inode->gid))
		mode >>= 3;
	if ((mode & mask) == (unsigned int)mask)
		return 0;
	if (!(mask & MAY_WRITE) && (S_ISDIR(inode->mode) || mask == MAY_READ) &&
	    capable_wrt_inode_uidgid_noaudit(inode, CAP_DAC_READ_SEARCH))
		return 0;
	if (((mask & MAY_EXEC) && !S_ISDIR(inode->mode) && !(inode->mode & 0111)) ||
	    !capable_wrt_inode_uidgid_noaudit(inode, CAP_DAC_OVERRIDE)) {
		denial_record("mode: inode %lu on %u:%u %04o %u:%u, want %s%s%s, fsuid %u",
			      (unsigned long)inode->ino, MAJOR(inode->sb->dev), MINOR(inode->sb->dev),
			      inode->mode & 07777, inode->uid, inode->gid,
			      mask & MAY_READ ? "r" : "", mask & MAY_WRITE ? "w" : "",
			      mask & MAY_EXEC ? "x" : "", c->fsuid);
		return -EACCES;
	}
	return 0;
}

char *getname(const char __user *uname)
{
	char *name = kmalloc(PATH_MAX);
	if (!name)
		return ERR_PTR(-ENOMEM);
	long n = strncpy_from_user(name, uname, PATH_MAX);
	if (n < 0) {
		kfree(name);
		return ERR_PTR(n);
	}
	return name;
}

void putname(char *name)
{
	kfree(name);
}

static void get_root(struct path *root)
{
	struct fs_struct *fs = current->fs;
	spin_lock(&fs->lock);
	*root = fs->root;
	path_get(root);
	spin_unlock(&fs->lock);
}

static int start_path(int dirfd, const char *name, struct path *start)
{
	if (name[0] == '/') {
		get_root(start);
		return 0;
	}
	if (dirfd == AT_FDCWD) {
		struct fs_struct *fs = current->fs;
		spin_lock(&fs->lock);
		*start = fs->pwd;
		path_get(start);
		spin_unlock(&fs->lock);
		return 0;
	}
	struct file *f = fd_get(dirfd);
	if (!f)
		return -EBADF;
	if (!f->f_path.dentry) {
		file_put(f);
		return -ENOTDIR;
	}
	*start = f->f_path;
	path_get(start);
	file_put(f);
	return 0;
}

/* Step into whatever is mounted on p, repeatedly. */
static void follow_mounts(struct path *p)
{
	while (p->dentry->mounted) {
		struct mount *m = lookup_mnt(p->mnt, p->dentry);
		if (!m)
			break;
		struct path next = { m, dget(m->root) };
		path_put(p);
		*p = next;
	}
}

/* The caller's root, taken the first time a walk needs it (".."): most
 * walks never do (an absolute link takes the root itself). */
static const struct path *walk_root(struct path *root)
{
	if (!root->dentry)
		get_root(root);
	return root;
}

static void follow_dotdot(struct path *p, const struct path *root)
{
	for (;;) {
		if (p->dentry == root->dentry && p->mnt == root->mnt)
			return;
		if (p->dentry != p->mnt->root) {
			struct dentry *parent = dget(p->dentry->parent);
			dput(p->dentry);
			p->dentry = parent;
			break;
		}
		/* Read under mount_lock: an umount may unlink p->mnt meanwhile. */
		struct path up;
		if (!mnt_parent_path(p->mnt, &up))
			return;
		path_put(p);
		*p = up;
	}
	follow_mounts(p);
}

static int walk(struct path *cur, const char *name, unsigned int flags, int depth,
		struct nameidata *nd);

static int follow_link(struct path *cur, struct path *link, int depth, bool dir_wanted)
{
	struct inode *in = link->dentry->inode;
	if (depth >= MAX_LINKS)
		return -ELOOP;
	if (in->i_op && in->i_op->get_link_path) {
		struct path to;
		int err = in->i_op->get_link_path(in, &to);
		if (err)
			return err;
		path_put(cur);
		*cur = to;
		return 0;
	}
	if (!in->i_op || !in->i_op->readlink)
		return -EINVAL;
	char *target = kmalloc(PATH_MAX);
	if (!target)
		return -ENOMEM;
	ssize_t n = in->i_op->readlink(in, target, PATH_MAX - 1);
	if (n < 0) {
		kfree(target);
		return n;
	}
	target[n] = 0;
	struct nameidata sub;
	if (target[0] == '/') {
		path_put(cur);
		get_root(cur);
	}
	int err = walk(cur, target, LOOKUP_FOLLOW | (dir_wanted ? LOOKUP_DIRECTORY : 0),
		       depth + 1, &sub);
	kfree(target);
	return err;
}

/* Resolve name from *cur (referenced; replaced by the result). */
static int walk(struct path *cur, const char *name, unsigned int flags, int depth,
		struct nameidata *nd)
{
	const char *p = name;
	int err = 0;
	struct path root = { NULL, NULL };
	nd->trailing_slash = false;
	nd->last = NULL;
	for (;;) {
		while (*p == '/')
			p++;
		if (!*p)
			break;
		const char *end = p;
		while (*end && *end != '/')
			end++;
		size_t len = end - p;
		const char *rest = end;
		while (*rest == '/')
			rest++;
		bool last = !*rest;
		struct inode *dir = cur->dentry->inode;
		if (!S_ISDIR(dir->mode)) {
			err = -ENOTDIR;
			break;
		}
		if ((err = vfs_permission(dir, MAY_EXEC)))
			break;
		if (len > NAME_MAX) {
			err = -ENAMETOOLONG;
			break;
		}
		if (last && (flags & LOOKUP_PARENT)) {
			nd->last = p;
			nd->last_len = len;
			nd->last_is_dot = (len == 1 && p[0] == '.') ||
					  (len == 2 && p[0] == '.' && p[1] == '.');
			nd->trailing_slash = *end == '/';
			break;
		}
		p = end;
		if (len == 1 && end[-1] == '.')
			continue;
		if (len == 2 && end[-2] == '.' && end[-1] == '.') {
			follow_dotdot(cur, walk_root(&root));
			continue;
		}
		struct dentry *d = d_lookup_cached(cur->dentry, end - len, len);
		if (!d) {
			mutex_lock(&dir->lock);
			d = d_lookup_or_fetch(cur->dentry, end - len, len);
			mutex_unlock(&dir->lock);
		}
		if (IS_ERR(d)) {
			err = PTR_ERR(d);
			break;
		}
		struct path next = { mnt_get(cur->mnt), d };
		follow_mounts(&next);
		struct inode *in = next.dentry->inode;
		if (!in) {
			path_put(&next);
			err = -ENOENT;
			break;
		}
		if (S_ISLNK(in->mode) && (!last || (flags & LOOKUP_FOLLOW) || *end == '/')) {
			err = follow_link(cur, &next, depth, !last || *end == '/');
			path_put(&next);
			if (err)
				break;
			continue;
		}
		path_put(cur);
		*cur = next;
	}
	if (!err && !(flags & LOOKUP_PARENT)) {
		bool slash = p > name && p[-1] == '/';
		if ((flags & LOOKUP_DIRECTORY || slash) && !S_ISDIR(cur->dentry->inode->mode))
			err = -ENOTDIR;
	}
	if (!err && (flags & LOOKUP_PARENT) && !nd->last) {
		/* "/" or "dir/" with nothing after: the parent is the result itself. */
		nd->last = ".";
		nd->last_len = 1;
		nd->last_is_dot = true;
	}
	if (root.dentry)
		path_put(&root);
	return err;
}

int path_lookup_at(int dirfd, const char *name, unsigned int flags, struct nameidata *nd)
{
	if (!*name && !(flags & LOOKUP_EMPTY))
		return -ENOENT;
	int err = start_path(dirfd, name, &nd->path);
	if (err)
		return err;
	err = walk(&nd->path, name, flags, 0, nd);
	if (err)
		path_put(&nd->path);
	return err;
}

int kern_path(const char *name, unsigned int flags, struct path *out)
{
	struct nameidata nd;
	int err = path_lookup_at(AT_FDCWD, name, flags, &nd);
	if (!err)
		*out = nd.path;
	return err;
}

int user_path_at(int dirfd, const char __user *uname, unsigned int flags, struct path *out)
{
	char *name = getname(uname);
	if (IS_ERR(name))
		return PTR_ERR(name);
	struct nameidata nd;
	int err = path_lookup_at(dirfd, name, flags, &nd);
	putname(name);
	if (!err)
		*out = nd.path;
	return err;
}
