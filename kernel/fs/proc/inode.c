/*
 * procfs: process and system information as files.  An instance belongs
 * to the pid namespace of the task that mounted it (sb->private, held
 * until the super_block goes) and shows only that namespace's processes,
 * by their numbers in it.
 *
 * This file owns what every entry shares: turning an inode number into
 * its table entry (internal.h), inodes, the lookup and readdir of table
 * directories, the text files' open/read/write and the links.  Nothing
 * here is locked: the tables are constant, and what a generator reads of
 * a process it reads under that process's locks (base.c).  Names are
 * never trusted by the VFS as they are (no_dcache): processes come and go
 * on their own, so a cached name is looked up again or revalidated.
 */
#include "internal.h"
#include "kmalloc.h"
#include "string.h"
#include "timer.h"
#include "ns_common.h"
#include "net.h"
#include <linux/fs.h>
#include <linux/magic.h>

static const struct proc_entry special_entries[] = {
	[PROC_ROOT_DIR] = { "", S_IFDIR | 0555, .iops = &proc_root_iops, .fops = &proc_root_fops },
	[PROC_PID_DIR] = { "", S_IFDIR | 0555, .dir = &proc_pid_table },
	[PROC_FD_LINK] = { "", S_IFLNK, .target = proc_fd_target },	/* bits: proc_fd_set_mode */
	[PROC_FDINFO_FILE] = { "", S_IFREG | 0444, .show = proc_show_fdinfo },
};

const struct proc_table proc_special_table = {
	PROC_T_SPECIAL, special_entries, ARRAY_SIZE(special_entries), PROC_T_SPECIAL, PROC_ROOT_DIR,
};

static const struct proc_table *const tables[PROC_T_COUNT] = {
	[PROC_T_SPECIAL] = &proc_special_table,
	[PROC_T_ROOT] = &proc_root_table,
	[PROC_T_PID] = &proc_pid_table,
	[PROC_T_SYS] = &proc_sys_table,
	[PROC_T_SYS_KERNEL] = &proc_sys_kernel_table,
	[PROC_T_NS] = &proc_ns_table,
	[PROC_T_NET] = &proc_net_table,
	[PROC_T_SYS_USER] = &proc_sys_user_table,
	[PROC_T_SYS_NET] = &proc_sys_net_table,
	[PROC_T_SYS_NET_IPV4] = &proc_sys_net_ipv4_table,
	[PROC_T_SYS_NET_IPV4_CONF] = &proc_sys_net_ipv4_conf_table,
	[PROC_T_SYS_NET_IPV4_CONF_ALL] = &proc_sys_net_ipv4_conf_all_table,
};

const struct proc_entry *proc_entry_of(ino_t ino)
{
	int table = INO_TABLE(ino), index = INO_INDEX(ino);
	if (table >= PROC_T_COUNT || (size_t)index >= tables[table]->n)
		return NULL;
	return &tables[table]->entries[index];
}

/*
 * Each procfs instance shows one pid namespace; all of them are on
 * proc_instances (under proc_instances_lock), so a process that is reaped
 * can have its names dropped from every instance that showed it.
 */
struct proc_instance {
	struct super_block *sb;
	struct pid_namespace *ns;	/* referenced */
	struct list_head link;
};

static LIST_HEAD(proc_instances);
static struct spinlock proc_instances_lock = SPINLOCK_INIT("procfs instances");

struct pid_namespace *proc_sb_ns(struct super_block *sb)
{
	return ((struct proc_instance *)sb->private)->ns;
}

/* pid was reaped: its /proc/NR names (cached since they were looked up)
 * go from every instance, as Linux's proc_flush_pid. */
void proc_flush_pid(struct pid *pid)
{
	struct proc_instance *pi;
	char name[16];
	spin_lock(&proc_instances_lock);
	list_for_each_entry(pi, &proc_instances, link) {
		int nr = pid_nr_ns(pid, pi->ns);
		if (nr <= 0)
			continue;
		/* The name in decimal, written backwards from the end of name
		 * (every reaped process passes here: no vsnprintf). */
		char *p = name + sizeof(name);
		do
			*--p = (char)('0' + nr % 10);
		while ((nr /= 10) > 0);
		d_invalidate_child(pi->sb, p, name + sizeof(name) - p);
	}
	spin_unlock(&proc_instances_lock);
}

/* A text grows (doubling) up to this; past it, or when memory is short,
 * it is cut. */
#define TB_MAX	(4u << 20)

void tb_printf(struct textbuf *tb, const char *fmt, ...)
{
	for (;;) {
		va_list ap;
		va_start(ap, fmt);
		size_t room = tb->cap - tb->len;
		int n = vsnprintf(tb->buf + tb->len, room, fmt, ap);
		va_end(ap);
		if (n < 0)
			return;
		if ((size_t)n < room) {
			tb->len += n;
			return;
		}
		size_t cap = tb->cap * 2;
		while (cap <= tb->len + n)
			cap *= 2;
		char *nb = cap <= TB_MAX ? kmalloc(cap) : NULL;
		if (!nb) {
			tb->len += room ? room - 1 : 0;
			return;
		}
		memcpy(nb, tb->buf, tb->len);
		kfree(tb->buf);
		tb->buf = nb;
		tb->cap = cap;
	}
}

static const struct file_operations proc_file_fops;

static int proc_read_inode(struct inode *in)
{
	const struct proc_entry *e = proc_entry_of(in->ino);
	if (!e)
		return -ENOENT;
	in->mode = e->mode;
	in->nlink = S_ISDIR(in->mode) ? 2 : 1;
	in->atime = in->mtime = in->ctime = current_time();
	if (e->dir) {
		in->i_op = &proc_table_dir_iops;
		in->i_fop = &proc_table_dir_fops;
	} else if (e->show) {
		in->i_fop = &proc_file_fops;
		in->i_op = e->iops;	/* a permission hook, where one is set */
	} else if (S_ISLNK(e->mode)) {
		in->i_op = e->target ? &proc_pid_link_iops : &proc_link_iops;
	} else {
		in->i_op = e->iops;
		in->i_fop = e->fops;
	}
	if (e->size)
		in->size = e->size();
	return 0;	/* a process's file: proc_iget gives it its owner */
}

/* The inode numbered ino, referenced; a process's file gets its owner
 * (t's, when the caller has the process: NULL to look it up), each time,
 * as the inode cache may hold one made for an earlier state.  Every
 * procfs inode but the root's is had through here. */
static int proc_iget_task(struct super_block *sb, ino_t ino, struct task *t, struct inode **out)
{
	struct inode *in = iget(sb, ino);
	if (IS_ERR(in))
		return PTR_ERR(in);
	if (t)
		proc_task_set_owner(in, t);
	else if (INO_NR(ino))
		proc_set_owner(in);
	*out = in;
	return 0;
}

int proc_iget(struct super_block *sb, ino_t ino, struct inode **out)
{
	return proc_iget_task(sb, ino, NULL, out);
}

/* A decimal number without sign or leading zero ("03" is not 3, as on
 * Linux), or -1. */
int proc_parse_nr(const char *name, size_t len)
{
	int nr = 0;
	if (!len || len > 9 || (len > 1 && name[0] == '0'))
		return -1;
	for (size_t i = 0; i < len; i++) {
		if (name[i] < '0' || name[i] > '9')
			return -1;
		nr = nr * 10 + (name[i] - '0');
	}
	return nr;
}

/* name in tab, the table of a directory of process nr (0: global). */
int proc_table_lookup(struct inode *dir, const struct proc_table *tab, int nr,
		      const char *name, size_t len, struct inode **out)
{
	struct task *t = NULL;
	int err = -ENOENT;
	if (nr && !(t = task_by_root_nr(nr)))
		return -ENOENT;
	for (size_t i = 0; i < tab->n; i++) {
		const struct proc_entry *e = &tab->entries[i];
		if (e->name[0] == name[0] && strncmp(e->name, name, len) == 0 && !e->name[len] &&
		    (!e->visible || e->visible())) {
			err = proc_iget_task(dir->sb, INO(nr, tab->id, i), t, out);
			break;
		}
	}
	if (t)
		task_put(t);
	return err;
}

static int proc_dir_lookup(struct inode *dir, const char *name, size_t len, struct inode **out)
{
	return proc_table_lookup(dir, proc_entry_of(dir->ino)->dir, INO_NR(dir->ino), name, len, out);
}

static unsigned int dtype_of(umode_t mode)
{
	return S_ISDIR(mode) ? DT_DIR : S_ISLNK(mode) ? DT_LNK : DT_REG;
}

/* "." and ".." at positions 0 and 1; false when the caller's buffer is full. */
bool proc_emit_dots(struct dir_context *ctx, ino_t self, ino_t parent)
{
	if (ctx->pos == 0) {
		ctx->pos = 1;
		if (!ctx->emit(ctx, ".", 1, self, DT_DIR))
			return false;
	}
	if (ctx->pos == 1) {
		ctx->pos = 2;
		if (!ctx->emit(ctx, "..", 2, parent, DT_DIR))
			return false;
	}
	return true;
}

/* The entries of tab at positions 2 .. 2 + n - 1; false when the caller's
 * buffer is full. */
bool proc_table_iterate(struct dir_context *ctx, const struct proc_table *tab, int nr)
{
	for (size_t k = ctx->pos - 2; k < tab->n; k++) {
		const struct proc_entry *e = &tab->entries[k];
		ctx->pos++;
		if (e->visible && !e->visible())
			continue;
		if (!ctx->emit(ctx, e->name, strlen(e->name), INO(nr, tab->id, k), dtype_of(e->mode)))
			return false;
	}
	return true;
}

static int proc_dir_iterate(struct file *f, struct dir_context *ctx)
{
	const struct proc_table *tab = proc_entry_of(f->inode->ino)->dir;
	int nr = INO_NR(f->inode->ino);
	/* A process's directory is in the root; the others are below it. */
	int parent_nr = tab->id == PROC_T_PID ? 0 : nr;
	ino_t parent = INO(parent_nr, tab->parent_table, tab->parent_index);
	if (proc_emit_dots(ctx, f->inode->ino, parent) && proc_table_iterate(ctx, tab, nr))
		f->pos = ctx->pos;
	return 0;
}

bool proc_revalidate(struct inode *dir, const char *name, size_t len, struct inode *in)
{
	(void)name;
	(void)len;
	ino_t ino = in->ino;
	const struct proc_entry *e = proc_entry_of(ino);
	int nr = INO_NR(ino);
	if (!e || INO_TABLE(ino) == PROC_T_SPECIAL || nr != INO_NR(dir->ino))
		return false;
	if (e->visible && !e->visible())
		return false;
	if (!nr)
		return true;
	struct task *t = task_by_root_nr(nr);
	if (!t)
		return false;
	proc_task_set_owner(in, t);
	task_put(t);
	return true;
}

const struct inode_operations proc_table_dir_iops = {
	.lookup = proc_dir_lookup,
	.revalidate = proc_revalidate,
};
const struct file_operations proc_table_dir_fops = { .iterate = proc_dir_iterate };

/* ---- text files ---- */

/* The process a file belongs to, referenced, while it is alive; NULL with
 * *err 0 for a global file. */
static struct task *file_task(struct inode *in, int *err)
{
	*err = 0;
	if (!INO_NR(in->ino))
		return NULL;
	struct task *t = task_by_root_nr(INO_NR(in->ino));
	if (!t) {
		*err = -ESRCH;
		return NULL;
	}
	spin_lock(&tasklist_lock);
	bool alive = t->state != TASK_DEAD && t->signal && t->cred;
	spin_unlock(&tasklist_lock);
	if (!alive) {
		task_put(t);
		*err = -ESRCH;
		return NULL;
	}
	return t;
}

static int generate(struct inode *in, struct file *f, struct textbuf *tb)
{
	const struct proc_entry *e = proc_entry_of(in->ino);
	int err;
	struct task *t = file_task(in, &err);
	if (err)
		return err;
	if (e->may_open)
		err = e->may_open(t, f);
	if (!err)
		err = e->show(tb, t, in);
	if (t)
		task_put(t);
	return err;
}

/* A text file's content is made at open, so reads see one moment; an open
 * for writing only (a uid_map, comm) needs no content, only the checks. */
static int proc_file_open(struct inode *in, struct file *f)
{
	if (!(f->mode & FMODE_READ)) {
		const struct proc_entry *e = proc_entry_of(in->ino);
		int err;
		struct task *t = file_task(in, &err);
		if (!err && e->may_open)
			err = e->may_open(t, f);
		if (t)
			task_put(t);
		return err;
	}
	struct textbuf *tb = kzalloc(sizeof(*tb));
	if (!tb)
		return -ENOMEM;
	tb->cap = PAGE_SIZE * 4;
	tb->buf = kmalloc(tb->cap);
	int err = tb->buf ? generate(in, f, tb) : -ENOMEM;
	if (err) {
		kfree(tb->buf);
		kfree(tb);
		return err;
	}
	f->private = tb;
	return 0;
}

static int proc_file_release(struct inode *in, struct file *f)
{
	struct textbuf *tb = f->private;
	if (tb) {
		kfree(tb->buf);
		kfree(tb);
	}
	return 0;
}

static ssize_t proc_file_read(struct file *f, void *buf, size_t len, off_t *pos, bool user)
{
	struct textbuf *tb = f->private;
	if (!tb)
		return -EBADF;
	if (*pos >= (off_t)tb->len)
		return 0;
	size_t n = MIN(len, tb->len - *pos);
	if (copy_out(buf, tb->buf + *pos, n, user))
		return -EFAULT;
	*pos += n;
	return n;
}

static ssize_t proc_file_write(struct file *f, const void *buf, size_t len, off_t *pos,
			       bool user)
{
	const struct proc_entry *e = proc_entry_of(f->inode->ino);
	if (!e->write)
		return -EINVAL;
	int err;
	struct task *t = file_task(f->inode, &err);
	if (err)
		return err;
	ssize_t ret = e->write(f, t, buf, len, pos, user);
	if (t)
		task_put(t);
	return ret;
}

static const struct file_operations proc_file_fops = {
	.open = proc_file_open, .release = proc_file_release, .read = proc_file_read,
	.write = proc_file_write,
};

/* ---- links ---- */

static ssize_t proc_readlink(struct inode *in, char *buf, size_t len)
{
	return proc_entry_of(in->ino)->link(in, buf, len);
}

/* The object behind a link of a process the caller may look at. */
static int proc_link_target(struct inode *in, struct file **f, struct path *p)
{
	struct task *t = task_by_root_nr(INO_NR(in->ino));
	if (!t)
		return -ENOENT;
	*f = NULL;
	int err = proc_may_access(t) ? proc_entry_of(in->ino)->target(t, in, f, p) : -EACCES;
	task_put(t);
	return err;
}

/* p's name as the caller sees it (from its root), without the NUL. */
static ssize_t path_name(const struct path *p, char *buf, size_t len)
{
	ssize_t ns_len = nsfs_dentry_name(p->dentry, buf, len);
	if (ns_len >= 0)
		return ns_len;	/* "uts:[4026531838]" */
	struct fs_struct *fs = current->fs;
	spin_lock(&fs->lock);
	struct path root = fs->root;
	path_get(&root);
	spin_unlock(&fs->lock);
	char *tmp = kmalloc(PAGE_SIZE);
	long n = tmp ? d_path(p, &root, tmp, PAGE_SIZE) : -ENOMEM;
	if (n > 0) {
		n = MIN((size_t)n - 1, len);
		memcpy(buf, tmp, n);
	}
	kfree(tmp);
	path_put(&root);
	return n;
}

/* Was f's name unlinked (the dentry is negative, or names a newer file)? */
static bool file_deleted(struct file *f)
{
	return f->inode && f->f_path.dentry && READ_ONCE(f->f_path.dentry->inode) != f->inode;
}

/* An open file's name: its path (" (deleted)" after it when it is gone, as
 * Linux), or what Linux calls a pipe. */
ssize_t proc_file_name(struct file *f, char *buf, size_t len)
{
	static const char deleted[] = " (deleted)";
	char tmp[32];
	if (f->f_path.dentry && !f->f_path.dentry->anon) {
		ssize_t n = path_name(&f->f_path, buf, len);
		if (n >= 0 && file_deleted(f)) {
			size_t more = MIN(sizeof(deleted) - 1, len - n);
			memcpy(buf + n, deleted, more);
			n += more;
		}
		return n;
	}
	ssize_t ns_len = nsfs_dentry_name(f->f_path.dentry, buf, len);
	if (ns_len >= 0)
		return ns_len;
	if (pipe_ino(f))
		snprintf(tmp, sizeof(tmp), "pipe:[%lu]", pipe_ino(f));
	else if (sock_ino(f))
		snprintf(tmp, sizeof(tmp), "socket:[%lu]", sock_ino(f));
	else if (f->f_op && f->f_op->anon_name)
		snprintf(tmp, sizeof(tmp), "anon_inode:%s", f->f_op->anon_name);
	else
		snprintf(tmp, sizeof(tmp), "anon_inode:[unknown]");
	size_t n = MIN(strlen(tmp), len);
	memcpy(buf, tmp, n);
	return n;
}

/* exe, cwd, root and fd/N of a process: the name of what they stand for. */
static ssize_t proc_pid_readlink(struct inode *in, char *buf, size_t len)
{
	struct file *f;
	struct path p;
	int err = proc_link_target(in, &f, &p);
	if (err)
		return err;
	ssize_t n;
	if (f) {
		n = proc_file_name(f, buf, len);
		file_put(f);
	} else {
		n = path_name(&p, buf, len);
		path_put(&p);
	}
	return n;
}

/* Following one of those links goes to the object itself, even where its
 * name would not lead there: a pipe opens again as a fifo would (pipefs).
 * A deleted file cannot be opened again this way yet (ENOENT), nor another
 * file without a path (ENXIO): the VFS has no dentry for them. */
static int proc_get_link_path(struct inode *in, struct path *out)
{
	struct file *f;
	int err = proc_link_target(in, &f, out);
	if (err || !f)
		return err;
	if (file_deleted(f)) {
		err = -ENOENT;
	} else if (f->f_path.dentry) {
		*out = f->f_path;
		path_get(out);
	} else if (pipe_ino(f)) {
		err = pipe_reopen_path(f, out);
	} else {
		err = -ENXIO;
	}
	file_put(f);
	return err;
}

const struct inode_operations proc_link_iops = { .readlink = proc_readlink };
const struct inode_operations proc_pid_link_iops = {
	.readlink = proc_pid_readlink, .get_link_path = proc_get_link_path,
};

/* ---- the file system ---- */

static void proc_put_super(struct super_block *sb)
{
	struct proc_instance *pi = sb->private;
	spin_lock(&proc_instances_lock);
	list_del(&pi->link);
	spin_unlock(&proc_instances_lock);
	put_pid_ns(pi->ns);
	kfree(pi);
}

static const struct super_operations proc_sops = {
	.read_inode = proc_read_inode, .put_super = proc_put_super,
};

static int proc_mount(struct file_system_type *type, struct blockdev *bdev,
		      unsigned long flags, const char *data, struct super_block **out)
{
	struct super_block *sb = sb_alloc(type, NULL);
	struct proc_instance *pi = kmalloc(sizeof(*pi));
	if (!sb || !pi) {
		if (sb)
			sb_free(sb);
		kfree(pi);
		return -ENOMEM;
	}
	sb->s_op = &proc_sops;
	sb->magic = PROC_SUPER_MAGIC;
	sb->no_dcache = true;
	pi->sb = sb;
	pi->ns = get_pid_ns(task_active_pid_ns(current));
	sb->private = pi;
	sb->root = iget(sb, INO_SPECIAL(0, PROC_ROOT_DIR));
	if (IS_ERR(sb->root)) {
		int err = PTR_ERR(sb->root);
		put_pid_ns(pi->ns);
		kfree(pi);
		sb_free(sb);
		return err;
	}
	spin_lock(&proc_instances_lock);
	list_add(&pi->link, &proc_instances);
	spin_unlock(&proc_instances_lock);
	*out = sb;
	return 0;
}

static struct file_system_type proc_type = {
	.name = "proc", .mount = proc_mount, .kill_sb = kill_anon_super,
};

void procfs_init(void)
{
	register_filesystem(&proc_type);
}
