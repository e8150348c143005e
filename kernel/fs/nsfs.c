/*
 * nsfs: the file system whose files stand for namespaces (ns_common.h).
 *
 * It has one super block, mounted by the kernel alone (no namespace
 * contains the mount), made at first use under nsfs_lock.  Each time a
 * namespace's file is asked for (following /proc/PID/ns/NAME, or an
 * NS_GET_* ioctl) it gets an inode of its own, numbered with the
 * namespace's inode number and holding a reference to the namespace,
 * under an anonymous dentry: so every file of one namespace has the same
 * st_dev and st_ino, and the namespace lives as long as any open file,
 * bind mount or walk holds that dentry.  The inode's last put puts the
 * namespace.  Inodes never change once made; nothing else needs a lock.
 *
 * Also here: the /proc/PID/ns directory's contents, which procfs names
 * by index into proc_ns_kinds.
 */
#include "ns_common.h"
#include "ns.h"
#include "user_ns.h"
#include "cred.h"
#include "proc.h"
#include "fs.h"
#include "vfs.h"
#include "file.h"
#include "uaccess.h"
#include "kmalloc.h"
#include "string.h"
#include "printk.h"
#include <linux/magic.h>
#include <linux/nsfs.h>
#include <linux/fcntl.h>
#include <linux/sched.h>

#define NSFS_ROOT_INO	1
#define NS_NAME_MAX	48	/* "pid_for_children:[4294967295]" and room */

static struct file_system_type nsfs_type = { .name = "nsfs" };
static struct mount *nsfs_mnt;
static struct mutex nsfs_lock = { .name = "nsfs", .wq = WAITQUEUE_INIT(nsfs_lock.wq) };

static void nsfs_evict_inode(struct inode *in)
{
	struct ns_common *ns = in->private;
	if (ns)
		ns->ops->put(ns);
	in->private = NULL;
}

static const struct super_operations nsfs_sops = { .evict_inode = nsfs_evict_inode };

static struct mount *nsfs_mount(void)
{
	mutex_lock(&nsfs_lock);
	if (!nsfs_mnt) {
		struct super_block *sb = sb_alloc(&nsfs_type, NULL);
		struct inode *root = sb ? new_inode(sb, NSFS_ROOT_INO) : NULL;
		if (root) {
			root->mode = S_IFDIR | 0500;
			root->nlink = 2;
			sb->root = root;
			sb->magic = NSFS_MAGIC;
			sb->s_op = &nsfs_sops;
			nsfs_mnt = kern_mount(sb, "nsfs");
		}
		if (!nsfs_mnt) {	/* nothing else holds them yet */
			kfree(root);
			if (sb)
				sb_free(sb);
		}
	}
	mutex_unlock(&nsfs_lock);
	return nsfs_mnt;
}

static const struct file_operations ns_file_operations;

int nsfs_path(struct ns_common *ns, struct path *out)
{
	struct mount *m = nsfs_mount();
	struct inode *in = m ? new_inode(m->sb, ns->inum) : NULL;
	if (!in) {
		ns->ops->put(ns);
		return -ENOMEM;
	}
	in->mode = S_IFREG | 0444;
	in->nlink = 1;
	in->atime = in->mtime = in->ctime = current_time();
	in->i_fop = &ns_file_operations;
	in->private = ns;
	struct dentry *d = d_alloc_anon(in);
	if (!d) {
		iput(in);
		return -ENOMEM;
	}
	out->mnt = mnt_get(m);
	out->dentry = d;
	return 0;
}

long nsfs_open_fd(struct ns_common *ns)
{
	struct path p;
	int err = nsfs_path(ns, &p);
	if (err)
		return err;
	struct file *f = vfs_open(&p, O_RDONLY);
	path_put(&p);
	if (IS_ERR(f))
		return PTR_ERR(f);
	int fd = fd_install(f, 0, true);
	if (fd < 0)
		file_put(f);
	return fd;
}

struct ns_common *nsfs_dentry_ns(const struct dentry *d)
{
	struct inode *in = d ? d->inode : NULL;
	if (!in || in->sb->type != &nsfs_type || in->i_fop != &ns_file_operations)
		return NULL;
	return in->private;
}

struct ns_common *nsfs_file_ns(struct file *f)
{
	return f->f_op == &ns_file_operations ? f->inode->private : NULL;
}

static size_t ns_name(struct ns_common *ns, char *buf, size_t len)
{
	char tmp[NS_NAME_MAX];
	int n = snprintf(tmp, sizeof(tmp), "%s:[%u]", ns->ops->real_name, ns->inum);
	size_t count = MIN((size_t)n, len);
	memcpy(buf, tmp, count);
	return count;
}

ssize_t nsfs_dentry_name(const struct dentry *d, char *buf, size_t len)
{
	struct ns_common *ns = nsfs_dentry_ns(d);
	return ns ? (ssize_t)ns_name(ns, buf, len) : -EINVAL;
}

bool nsfs_mnt_ns_loop(const struct dentry *d)
{
	struct ns_common *ns = nsfs_dentry_ns(d);
	if (!ns || ns->ops->type != CLONE_NEWNS)
		return false;
	return ns->inum <= current->nsproxy->mnt_ns->ns.inum;
}

/* ---- ioctls ---- */

/* Is ns the caller's user namespace or one below it? */
static bool user_ns_in_reach(struct user_namespace *ns)
{
	struct user_namespace *mine = current_user_ns();
	while (ns && ns != mine)
		ns = ns->parent;
	return ns != NULL;
}

static long ns_get_owner_fd(struct ns_common *ns)
{
	struct user_namespace *owner = ns->ops->owner(ns);
	if (!owner || !user_ns_in_reach(owner))
		return -EPERM;
	return nsfs_open_fd(&get_user_ns(owner)->ns);
}

static long ns_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	struct ns_common *ns = f->inode->private;
	switch (cmd) {
	case NS_GET_USERNS:
		return ns_get_owner_fd(ns);
	case NS_GET_PARENT: {
		if (!ns->ops->get_parent)
			return -EINVAL;
		struct ns_common *parent = ns->ops->get_parent(ns);
		return IS_ERR(parent) ? PTR_ERR(parent) : nsfs_open_fd(parent);
	}
	case NS_GET_NSTYPE:
		return ns->ops->type;
	case NS_GET_OWNER_UID: {
		if (ns->ops->type != CLONE_NEWUSER)
			return -EINVAL;
		struct user_namespace *user_ns = container_of(ns, struct user_namespace, ns);
		uid_t uid = from_kuid_munged(current_user_ns(), user_ns->owner);
		return copy_to_user((void __user *)arg, &uid, sizeof(uid)) ? -EFAULT : 0;
	}
	default:
		return -ENOTTY;
	}
}

static const struct file_operations ns_file_operations = { .ioctl = ns_ioctl };

/* ---- /proc/PID/ns ---- */

/* In Linux's order (alphabetical; time namespaces are not written yet). */
const struct proc_ns_operations *const proc_ns_kinds[] = {
	&cgroupns_operations, &ipcns_operations, &mntns_operations, &netns_operations, &pidns_operations,
	&pidns_for_children_operations, &userns_operations, &utsns_operations,
};
const size_t proc_ns_kinds_count = ARRAY_SIZE(proc_ns_kinds);

int proc_ns_lookup(const char *name, size_t len)
{
	for (size_t i = 0; i < proc_ns_kinds_count; i++)
		if (strlen(proc_ns_kinds[i]->name) == len && memcmp(proc_ns_kinds[i]->name, name, len) == 0)
			return i;
	return -1;
}

ssize_t proc_ns_readlink(struct task *t, int i, char *buf, size_t len)
{
	struct ns_common *ns = proc_ns_kinds[i]->get(t);
	if (!ns)
		return -ENOENT;
	size_t n = ns_name(ns, buf, len);
	ns->ops->put(ns);
	return n;
}

int proc_ns_get_link(struct task *t, int i, struct path *out)
{
	struct ns_common *ns = proc_ns_kinds[i]->get(t);
	return ns ? nsfs_path(ns, out) : -ENOENT;
}
