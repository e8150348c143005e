/*
 * procfs: /proc/PID/mounts and mountinfo, the mounts of the process's
 * mount namespace that its root reaches, named as it sees them.  The
 * namespace is referenced under tasklist_lock (unshare changes it); the
 * mount tree is walked under mount_lock by for_each_mount.
 */
#include "internal.h"
#include "kmalloc.h"
#include <linux/mount.h>

struct mounts_arg {
	struct textbuf *tb;
	struct path root;
	bool info;		/* mountinfo's format, else mounts' */
	char *mnt_path, *fs_path;
};

#define MOUNT_PATH_MAX 512

/* Is m at or below the mount of root?  (Linux also leaves out a mount of
 * root's own mount that is outside root's directory; not done here.)
 * Called under mount_lock, from for_each_mount. */
static bool mount_visible(struct mount *m, const struct path *root)
{
	while (m != root->mnt && m->parent != m)
		m = m->parent;
	return m == root->mnt;
}

/* Per-mount options as Linux prints them first: rw or ro, then the rest. */
static void show_mount_opts(struct textbuf *tb, unsigned long flags)
{
	tb_printf(tb, "%s%s%s%s", (flags & MS_RDONLY) ? "ro" : "rw",
		  (flags & MS_NOSUID) ? ",nosuid" : "", (flags & MS_NODEV) ? ",nodev" : "",
		  (flags & MS_NOEXEC) ? ",noexec" : "");
}

static void show_mount(struct mount *m, void *arg)
{
	struct mounts_arg *a = arg;
	struct path p = { m, m->root };
	if (!mount_visible(m, &a->root) || d_path(&p, &a->root, a->mnt_path, MOUNT_PATH_MAX) < 0)
		return;
	if (!a->info) {
		tb_printf(a->tb, "%s %s %s ", m->source, a->mnt_path, m->sb->type->name);
		show_mount_opts(a->tb, m->flags);
		tb_printf(a->tb, " 0 0\n");
		return;
	}
	if (dentry_fs_path(m->root, a->fs_path, MOUNT_PATH_MAX) < 0)
		return;
	tb_printf(a->tb, "%d %d %u:%u %s %s ", m->id, m->parent->id, MAJOR(m->sb->dev),
		  MINOR(m->sb->dev), a->fs_path, a->mnt_path);
	show_mount_opts(a->tb, m->flags);
	if (m->shared_id)
		tb_printf(a->tb, " shared:%d", m->shared_id);
	if (m->master_id) {
		int from = mount_dominating_id(m);
		tb_printf(a->tb, " master:%d", m->master_id);
		if (from && from != m->master_id)
			tb_printf(a->tb, " propagate_from:%d", from);
	}
	if (m->unbindable)
		tb_printf(a->tb, " unbindable");
	tb_printf(a->tb, " - %s %s %s\n", m->sb->type->name, m->source,
		  (m->sb->flags & MS_RDONLY) ? "ro" : "rw");
}

/* t's mount namespace, referenced, taken under tasklist_lock as unshare
 * changes it; NULL once t has none. */
static struct mnt_namespace *task_mnt_ns_get(struct task *t)
{
	struct mnt_namespace *mnt_ns = NULL;
	spin_lock(&tasklist_lock);
	if (t->nsproxy && t->nsproxy->mnt_ns)
		mnt_ns = mnt_ns_get(t->nsproxy->mnt_ns);
	spin_unlock(&tasklist_lock);
	return mnt_ns;
}

static int gen_mounts(struct textbuf *tb, struct task *t, bool info)
{
	struct mounts_arg a = { .tb = tb, .info = info };
	if (task_fs_path(t, true, &a.root))
		return 0;
	struct mnt_namespace *mnt_ns = task_mnt_ns_get(t);
	a.mnt_path = kmalloc(MOUNT_PATH_MAX);
	a.fs_path = kmalloc(MOUNT_PATH_MAX);
	int err = mnt_ns && a.mnt_path && a.fs_path ? 0 : -ENOMEM;
	if (!err)
		for_each_mount(mnt_ns, show_mount, &a);
	kfree(a.mnt_path);
	kfree(a.fs_path);
	if (mnt_ns)
		mnt_ns_put(mnt_ns);
	path_put(&a.root);
	return mnt_ns ? err : 0;
}

int proc_show_mounts(struct textbuf *tb, struct task *t, struct inode *in)
{
	return gen_mounts(tb, t, false);
}

int proc_show_mountinfo(struct textbuf *tb, struct task *t, struct inode *in)
{
	return gen_mounts(tb, t, true);
}
