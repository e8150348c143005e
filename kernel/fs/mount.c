/*
 * Mounts and mount namespaces.  mount_lock guards the mount hash, the tree
 * links of every mount and each namespace's list.  A mount holds a
 * reference on its super_block's root dentry and on its mountpoint.
 */
#include "vfs.h"
#include "bcache.h"
#include "kmalloc.h"
#include "string.h"
#include "printk.h"
#include "proc.h"
#include <linux/mount.h>

#define MOUNT_BUCKETS 64

static struct list_head mount_hash[MOUNT_BUCKETS];
static struct spinlock mount_lock = SPINLOCK_INIT("mount");
static bool mount_ready;

static unsigned int mount_bucket(struct mount *parent, struct dentry *mp)
{
	return (((uintptr_t)parent >> 4) ^ ((uintptr_t)mp >> 4)) % MOUNT_BUCKETS;
}

struct mount *mnt_get(struct mount *m)
{
	__atomic_add_fetch(&m->refcnt, 1, __ATOMIC_RELAXED);
	return m;
}

void mnt_put(struct mount *m)
{
	__atomic_sub_fetch(&m->refcnt, 1, __ATOMIC_RELEASE);
}

void path_get(const struct path *p)
{
	mnt_get(p->mnt);
	dget(p->dentry);
}

void path_put(const struct path *p)
{
	dput(p->dentry);
	mnt_put(p->mnt);
}

struct mount *lookup_mnt(struct mount *parent, struct dentry *mp)
{
	struct mount *m, *found = NULL;
	spin_lock(&mount_lock);
	list_for_each_entry(m, &mount_hash[mount_bucket(parent, mp)], hash_link)
		if (m->parent == parent && m->mountpoint == mp) {
			found = m;	/* the last one mounted wins: keep looking */
		}
	spin_unlock(&mount_lock);
	return found;
}

static struct mount *mount_alloc(struct super_block *sb, struct dentry *root,
				 const char *source)
{
	struct mount *m = kzalloc(sizeof(*m));
	if (!m)
		return NULL;
	m->source = kstrndup(source ? source : "none", 255);
	if (!m->source) {
		kfree(m);
		return NULL;
	}
	static int last_id;
	m->id = __atomic_add_fetch(&last_id, 1, __ATOMIC_RELAXED);
	m->sb = sb;
	m->root = dget(root);
	m->parent = m;
	m->refcnt = 1;
	list_init(&m->hash_link);
	list_init(&m->children);
	list_init(&m->child_link);
	list_init(&m->ns_link);
	return m;
}

struct mount *kern_mount(struct super_block *sb, const char *source)
{
	struct dentry *root = d_alloc_root(sb->root);
	struct mount *m = root ? mount_alloc(sb, root, source) : NULL;
	dput(root);
	return m;
}

struct mnt_namespace *mnt_ns_create_root(struct super_block *root_sb, const char *source)
{
	if (!mount_ready) {
		for (int i = 0; i < MOUNT_BUCKETS; i++)
			list_init(&mount_hash[i]);
		mount_ready = true;
	}
	struct mnt_namespace *ns = kzalloc(sizeof(*ns));
	struct dentry *root = d_alloc_root(root_sb->root);
	struct mount *m = root ? mount_alloc(root_sb, root, source) : NULL;
	if (!ns || !m) {
		kfree(ns);
		return NULL;
	}
	dput(root);
	ns->refcnt = 1;
	list_init(&ns->mounts);
	ns->root = m;
	m->ns = ns;
	m->flags = root_sb->flags;
	list_add_tail(&m->ns_link, &ns->mounts);
	return ns;
}

struct mnt_namespace *mnt_ns_get(struct mnt_namespace *ns)
{
	__atomic_add_fetch(&ns->refcnt, 1, __ATOMIC_RELAXED);
	return ns;
}

void mnt_ns_put(struct mnt_namespace *ns)
{
	__atomic_sub_fetch(&ns->refcnt, 1, __ATOMIC_RELEASE);
}

/* Attach m on the directory at `at`. Caller holds nothing. */
static void attach_mount(struct mount *m, const struct path *at)
{
	spin_lock(&mount_lock);
	m->parent = mnt_get(at->mnt);
	m->mountpoint = dget(at->dentry);
	m->ns = at->mnt->ns;
	at->dentry->mounted++;
	list_add_tail(&m->hash_link, &mount_hash[mount_bucket(m->parent, m->mountpoint)]);
	list_add_tail(&m->child_link, &m->parent->children);
	list_add_tail(&m->ns_link, &m->ns->mounts);
	spin_unlock(&mount_lock);
}

static int mount_new(const char *source, const struct path *at, const char *type,
		     unsigned long flags, const char *data)
{
	struct file_system_type *fst = find_filesystem(type);
	if (!fst)
		return -ENODEV;
	struct blockdev *bdev = NULL;
	if (fst->needs_device) {
		if (!source)
			return -EINVAL;
		struct path dev;
		int err = kern_path(source, LOOKUP_FOLLOW, &dev);
		if (err)
			return err;
		struct inode *in = dev.dentry->inode;
		bdev = S_ISBLK(in->mode) ? blockdev_get(in->rdev) : NULL;
		path_put(&dev);
		if (!bdev)
			return S_ISBLK(in->mode) ? -ENXIO : -ENOTBLK;
	}
	struct super_block *sb;
	int err = fst->mount(fst, bdev, flags, data, &sb);
	if (err)
		return err;
	/* The same file system already on this very spot (devtmpfs twice). */
	if (at->mnt->sb == sb && at->dentry == at->mnt->root)
		return -EBUSY;
	struct dentry *root = d_alloc_root(sb->root);
	struct mount *m = root ? mount_alloc(sb, root, source) : NULL;
	if (root)
		dput(root);
	if (!m)
		return -ENOMEM;
	m->flags = flags & (MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC);
	attach_mount(m, at);
	return 0;
}

static int mount_bind(const char *source, const struct path *at, unsigned long flags)
{
	struct path src;
	int err = kern_path(source, LOOKUP_FOLLOW, &src);
	if (err)
		return err;
	struct mount *m = mount_alloc(src.mnt->sb, src.dentry, src.mnt->source);
	path_put(&src);
	if (!m)
		return -ENOMEM;
	m->flags = src.mnt->flags;
	attach_mount(m, at);
	return 0;
}

int do_mount(const char *source, const char *target, const char *type,
	     unsigned long flags, const char *data)
{
	struct path at;
	int err = kern_path(target, LOOKUP_FOLLOW, &at);
	if (err)
		return err;
	if (flags & MS_REMOUNT) {
		if (at.dentry != at.mnt->root)
			err = -EINVAL;
		else
			at.mnt->flags = (at.mnt->flags & ~(MS_RDONLY | MS_NOSUID | MS_NODEV |
				MS_NOEXEC)) | (flags & (MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC));
	} else if (!S_ISDIR(at.dentry->inode->mode) && !(flags & MS_BIND)) {
		err = -ENOTDIR;
	} else if (flags & MS_BIND) {
		err = mount_bind(source, &at, flags);
	} else if (flags & (MS_PRIVATE | MS_SHARED | MS_SLAVE | MS_UNBINDABLE)) {
		err = 0;	/* propagation: every mount is private here */
	} else if (!type) {
		err = -EINVAL;
	} else {
		err = mount_new(source, &at, type, flags, data);
	}
	path_put(&at);
	return err;
}

/* Detach the mount whose root is at p (umount2). */
int do_umount(const struct path *p, int flags)
{
	struct mount *m = p->mnt;
	if (p->dentry != m->root)
		return -EINVAL;
	if (m->parent == m)
		return -EBUSY;
	spin_lock(&mount_lock);
	if (!list_empty(&m->children) && !(flags & MNT_DETACH)) {
		spin_unlock(&mount_lock);
		return -EBUSY;
	}
	list_del(&m->hash_link);
	list_del(&m->child_link);
	list_del(&m->ns_link);
	m->mountpoint->mounted--;
	struct mount *parent = m->parent;
	struct dentry *mp = m->mountpoint;
	m->parent = m;
	spin_unlock(&mount_lock);
	dput(mp);
	mnt_put(parent);
	if (m->sb->s_op && m->sb->s_op->sync_fs)
		m->sb->s_op->sync_fs(m->sb);
	if (m->sb->bdev)
		bsync(m->sb->bdev);
	return 0;
}

/* Walk the mounts of ns in order, for /proc/mounts. */
void for_each_mount(struct mnt_namespace *ns,
		    void (*fn)(struct mount *m, void *arg), void *arg)
{
	struct mount *m;
	spin_lock(&mount_lock);
	list_for_each_entry(m, &ns->mounts, ns_link)
		fn(m, arg);
	spin_unlock(&mount_lock);
}

struct fs_struct *fs_alloc(void)
{
	struct fs_struct *fs = kzalloc(sizeof(*fs));
	if (!fs)
		return NULL;
	fs->refcnt = 1;
	spin_init(&fs->lock, "fs");
	fs->umask = 022;
	return fs;
}

struct fs_struct *fs_dup(struct fs_struct *old)
{
	struct fs_struct *fs = fs_alloc();
	if (!fs)
		return NULL;
	spin_lock(&old->lock);
	fs->root = old->root;
	fs->pwd = old->pwd;
	fs->umask = old->umask;
	path_get(&fs->root);
	path_get(&fs->pwd);
	spin_unlock(&old->lock);
	return fs;
}

void fs_put(struct fs_struct *fs)
{
	if (__atomic_sub_fetch(&fs->refcnt, 1, __ATOMIC_ACQ_REL))
		return;
	path_put(&fs->root);
	path_put(&fs->pwd);
	kfree(fs);
}
