/*
 * procfs: process and system information as text files.  An instance
 * belongs to the pid namespace of the task that mounted it and shows only
 * that namespace's processes, by their numbers in it.
 *
 * Inode numbers encode what a file is: (root-namespace pid << 8) | type.
 * A file's text is generated when it is opened and kept with the open file,
 * so a reader sees one consistent snapshot.  Names are never cached by the
 * VFS (no_dcache): processes come and go on their own.
 */
#include "pcache.h"
#include "bcache.h"
#include "fs.h"
#include "vfs.h"
#include "file.h"
#include "proc.h"
#include "ns.h"
#include "cred.h"
#include "signal.h"
#include "vm.h"
#include "mm.h"
#include "tty.h"
#include "timer.h"
#include "kmalloc.h"
#include "string.h"
#include "printk.h"
#include <linux/magic.h>

enum proc_type {
	P_ROOT = 1, P_SELF, P_MEMINFO, P_UPTIME, P_MOUNTS, P_LOADAVG, P_FILESYSTEMS,
	P_PID_DIR = 0x10, P_PID_STAT, P_PID_STATUS, P_PID_CMDLINE, P_PID_COMM, P_PID_MOUNTS,
	P_PID_EXE, P_PID_CWD, P_PID_ROOT,
};

struct proc_entry {
	const char *name;
	enum proc_type type;
	umode_t mode;
};

static const struct proc_entry root_entries[] = {
	{ "self", P_SELF, S_IFLNK | 0777 },
	{ "meminfo", P_MEMINFO, S_IFREG | 0444 },
	{ "uptime", P_UPTIME, S_IFREG | 0444 },
	{ "mounts", P_MOUNTS, S_IFLNK | 0777 },
	{ "loadavg", P_LOADAVG, S_IFREG | 0444 },
	{ "filesystems", P_FILESYSTEMS, S_IFREG | 0444 },
};

static const struct proc_entry pid_entries[] = {
	{ "stat", P_PID_STAT, S_IFREG | 0444 },
	{ "status", P_PID_STATUS, S_IFREG | 0444 },
	{ "cmdline", P_PID_CMDLINE, S_IFREG | 0444 },
	{ "comm", P_PID_COMM, S_IFREG | 0444 },
	{ "mounts", P_PID_MOUNTS, S_IFREG | 0444 },
	{ "exe", P_PID_EXE, S_IFLNK | 0777 },
	{ "cwd", P_PID_CWD, S_IFLNK | 0777 },
	{ "root", P_PID_ROOT, S_IFLNK | 0777 },
};

static const struct inode_operations proc_dir_iops;
static const struct inode_operations proc_link_iops;
static const struct file_operations proc_root_fops;
static const struct file_operations proc_pid_fops;
static const struct file_operations proc_file_fops;

#define INO(nr, type)	(((ino_t)(nr) << 8) | (type))
#define INO_NR(ino)	((int)((ino) >> 8))
#define INO_TYPE(ino)	((enum proc_type)((ino) & 0xff))

static struct pid_namespace *sb_ns(struct super_block *sb)
{
	return sb->private;
}

/* The thread-group leader with root-level number nr, or NULL. */
static struct task *task_by_root_nr(int nr)
{
	struct task *t = NULL;
	spin_lock(&pidmap_lock);
	struct pid *pid = find_pid_ns(nr, &init_pid_ns);
	if (pid && !list_empty(&pid->tasks[PIDTYPE_PID]))
		t = list_first_entry(&pid->tasks[PIDTYPE_PID], struct task, pid_links[PIDTYPE_PID]);
	if (t && t->group_leader != t)
		t = NULL;
	if (t)
		__atomic_add_fetch(&t->refcnt, 1, __ATOMIC_RELAXED);
	spin_unlock(&pidmap_lock);
	return t;
}

static umode_t mode_of(enum proc_type type)
{
	if (type == P_ROOT || type == P_PID_DIR)
		return S_IFDIR | 0555;
	for (size_t i = 0; i < ARRAY_SIZE(root_entries); i++)
		if (root_entries[i].type == type)
			return root_entries[i].mode;
	for (size_t i = 0; i < ARRAY_SIZE(pid_entries); i++)
		if (pid_entries[i].type == type)
			return pid_entries[i].mode;
	return 0;
}

static int proc_read_inode(struct inode *in)
{
	enum proc_type type = INO_TYPE(in->ino);
	in->mode = mode_of(type);
	if (!in->mode)
		return -ENOENT;
	in->nlink = S_ISDIR(in->mode) ? 2 : 1;
	in->atime = in->mtime = in->ctime = current_time();
	if (type == P_ROOT) {
		in->i_op = &proc_dir_iops;
		in->i_fop = &proc_root_fops;
	} else if (type == P_PID_DIR) {
		in->i_op = &proc_dir_iops;
		in->i_fop = &proc_pid_fops;
	} else if (S_ISLNK(in->mode)) {
		in->i_op = &proc_link_iops;
	} else {
		in->i_fop = &proc_file_fops;
	}
	if (type >= P_PID_DIR) {
		struct task *t = task_by_root_nr(INO_NR(in->ino));
		if (t) {
			in->uid = t->cred ? t->cred->euid : 0;
			in->gid = t->cred ? t->cred->egid : 0;
			in->mtime = in->ctime = in->atime;
			task_put(t);
		}
	}
	return 0;
}

static int parse_pid(const char *name, size_t len)
{
	int nr = 0;
	if (!len || len > 9)
		return -1;
	for (size_t i = 0; i < len; i++) {
		if (name[i] < '0' || name[i] > '9')
			return -1;
		nr = nr * 10 + (name[i] - '0');
	}
	return nr;
}

static int proc_lookup(struct inode *dir, const char *name, size_t len, struct inode **out)
{
	struct super_block *sb = dir->sb;
	ino_t ino = 0;
	if (INO_TYPE(dir->ino) == P_ROOT) {
		for (size_t i = 0; i < ARRAY_SIZE(root_entries); i++)
			if (strlen(root_entries[i].name) == len &&
			    memcmp(root_entries[i].name, name, len) == 0)
				ino = INO(0, root_entries[i].type);
		int nr = ino ? -1 : parse_pid(name, len);
		if (nr > 0) {
			spin_lock(&pidmap_lock);
			struct pid *pid = find_pid_ns(nr, sb_ns(sb));
			bool live = pid && !list_empty(&pid->tasks[PIDTYPE_PID]);
			if (live) {
				struct task *t = list_first_entry(&pid->tasks[PIDTYPE_PID], struct task,
								  pid_links[PIDTYPE_PID]);
				live = t->group_leader == t && t->state != TASK_DEAD;
			}
			if (live)
				ino = INO(pid->numbers[0].nr, P_PID_DIR);
			spin_unlock(&pidmap_lock);
		}
	} else {
		int nr = INO_NR(dir->ino);
		struct task *t = task_by_root_nr(nr);
		if (!t)
			return -ENOENT;
		task_put(t);
		for (size_t i = 0; i < ARRAY_SIZE(pid_entries); i++)
			if (strlen(pid_entries[i].name) == len &&
			    memcmp(pid_entries[i].name, name, len) == 0)
				ino = INO(nr, pid_entries[i].type);
	}
	if (!ino)
		return -ENOENT;
	struct inode *in = iget(sb, ino);
	if (IS_ERR(in))
		return PTR_ERR(in);
	*out = in;
	return 0;
}

/* exe, cwd, root of a process: its path as the reader sees it. */
static ssize_t pid_link(struct inode *in, char *buf, size_t len)
{
	struct task *t = task_by_root_nr(INO_NR(in->ino));
	if (!t)
		return -ENOENT;
	struct path p = { NULL, NULL };
	enum proc_type type = INO_TYPE(in->ino);
	spin_lock(&tasklist_lock);
	if (type == P_PID_EXE && t->mm && t->mm->exe_file)
		p = t->mm->exe_file->f_path;
	else if (type != P_PID_EXE && t->fs)
		p = type == P_PID_CWD ? t->fs->pwd : t->fs->root;
	if (p.dentry)
		path_get(&p);
	spin_unlock(&tasklist_lock);
	task_put(t);
	if (!p.dentry)
		return -ENOENT;
	struct fs_struct *fs = current->fs;
	spin_lock(&fs->lock);
	struct path root = fs->root;
	path_get(&root);
	spin_unlock(&fs->lock);
	char *tmp = kmalloc(PAGE_SIZE);
	long n = tmp ? d_path(&p, &root, tmp, PAGE_SIZE) : -ENOMEM;
	if (n > 0) {
		n = MIN((size_t)n - 1, len);
		memcpy(buf, tmp, n);
	}
	kfree(tmp);
	path_put(&root);
	path_put(&p);
	return n;
}

static ssize_t proc_readlink(struct inode *in, char *buf, size_t len)
{
	char tmp[24];
	int n;
	if (INO_TYPE(in->ino) >= P_PID_DIR)
		return pid_link(in, buf, len);
	if (INO_TYPE(in->ino) == P_SELF)
		n = snprintf(tmp, sizeof(tmp), "%d", pid_nr_ns(current->group_leader->pid,
							       sb_ns(in->sb)));
	else
		n = snprintf(tmp, sizeof(tmp), "self/mounts");
	n = MIN((size_t)n, len);
	memcpy(buf, tmp, n);
	return n;
}

static int proc_root_iterate(struct file *f, struct dir_context *ctx)
{
	struct pid_namespace *ns = sb_ns(f->inode->sb);
	off_t i = 0;
	if (ctx->pos == 0) {
		ctx->pos = 1;
		if (!ctx->emit(ctx, ".", 1, INO(0, P_ROOT), DT_DIR))
			return 0;
	}
	if (ctx->pos == 1) {
		ctx->pos = 2;
		if (!ctx->emit(ctx, "..", 2, INO(0, P_ROOT), DT_DIR))
			return 0;
	}
	for (size_t k = 0; k < ARRAY_SIZE(root_entries); k++, i++) {
		if (i < ctx->pos - 2)
			continue;
		const struct proc_entry *e = &root_entries[k];
		ctx->pos++;
		if (!ctx->emit(ctx, e->name, strlen(e->name), INO(0, e->type),
			       S_ISLNK(e->mode) ? DT_LNK : DT_REG))
			return 0;
	}
	/* Processes: positions past the fixed entries are pid numbers + base. */
	off_t base = 2 + ARRAY_SIZE(root_entries);
	int last = ctx->pos > base ? (int)(ctx->pos - base) : 0;
	for (;;) {
		int best = 0, root_nr = 0;
		spin_lock(&tasklist_lock);
		struct task *t;
		list_for_each_entry(t, &all_tasks, all_link) {
			if (t->group_leader != t || !t->pid || t->state == TASK_DEAD)
				continue;
			int nr = pid_nr_ns(t->pid, ns);
			if (nr > last && (!best || nr < best)) {
				best = nr;
				root_nr = t->pid->numbers[0].nr;
			}
		}
		spin_unlock(&tasklist_lock);
		if (!best)
			break;
		char name[12];
		int n = snprintf(name, sizeof(name), "%d", best);
		ctx->pos = base + best;
		if (!ctx->emit(ctx, name, n, INO(root_nr, P_PID_DIR), DT_DIR)) {
			ctx->pos = base + last;
			return 0;
		}
		last = best;
	}
	f->pos = ctx->pos;
	return 0;
}

static int proc_pid_iterate(struct file *f, struct dir_context *ctx)
{
	int nr = INO_NR(f->inode->ino);
	if (ctx->pos == 0) {
		ctx->pos = 1;
		if (!ctx->emit(ctx, ".", 1, f->inode->ino, DT_DIR))
			return 0;
	}
	if (ctx->pos == 1) {
		ctx->pos = 2;
		if (!ctx->emit(ctx, "..", 2, INO(0, P_ROOT), DT_DIR))
			return 0;
	}
	for (size_t k = ctx->pos - 2; k < ARRAY_SIZE(pid_entries); k++) {
		ctx->pos++;
		if (!ctx->emit(ctx, pid_entries[k].name, strlen(pid_entries[k].name),
			       INO(nr, pid_entries[k].type),
			       S_ISLNK(pid_entries[k].mode) ? DT_LNK : DT_REG))
			return 0;
	}
	f->pos = ctx->pos;
	return 0;
}

/* ---- generated files ---- */

struct textbuf {
	char *buf;
	size_t len, cap;
};

static void tb_printf(struct textbuf *tb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void tb_printf(struct textbuf *tb, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	size_t room = tb->cap - tb->len;
	int n = vsnprintf(tb->buf + tb->len, room, fmt, ap);
	va_end(ap);
	tb->len += (size_t)n < room ? (size_t)n : room ? room - 1 : 0;
}

static char state_char(struct task *t)
{
	switch (t->state) {
	case TASK_RUNNING: return 'R';
	case TASK_INTERRUPTIBLE: return 'S';
	case TASK_UNINTERRUPTIBLE: return 'D';
	case TASK_STOPPED: return 'T';
	case TASK_ZOMBIE: return 'Z';
	default: return 'X';
	}
}

static const char *state_name(char c)
{
	switch (c) {
	case 'R': return "R (running)";
	case 'S': return "S (sleeping)";
	case 'D': return "D (disk sleep)";
	case 'T': return "T (stopped)";
	case 'Z': return "Z (zombie)";
	default: return "X (dead)";
	}
}

static unsigned long vm_size(struct mm *mm)
{
	unsigned long total = 0;
	struct vma *v;
	if (!mm)
		return 0;
	list_for_each_entry(v, &mm->vmas, link)
		total += v->end - v->start;
	return total;
}

static int tty_nr_of(struct task *t)
{
	struct tty *tty = t->signal ? t->signal->tty : NULL;
	if (!tty)
		return 0;
	unsigned int ma = MAJOR(tty->dev), mi = MINOR(tty->dev);
	return (mi & 0xff) | (ma << 8) | ((mi & ~0xffu) << 12);
}

static void gen_stat(struct textbuf *tb, struct task *t, struct pid_namespace *ns)
{
	struct task *parent = t->parent;
	struct tty *tty = t->signal->tty;
	int tpgid = tty && tty->pgrp ? pid_nr_ns(tty->pgrp, ns) : -1;
	uint64_t start_ticks = t->start_time / 10000000ull;
	tb_printf(tb, "%d (%s) %c %d %d %d %d %d %u %lu %lu %lu %lu %lu %lu %ld %ld %ld %ld %d 0 %lu %lu %ld %lu",
		  pid_nr_ns(t->pid, ns), t->comm, state_char(t),
		  parent ? pid_nr_ns(parent->pid, ns) : 0, pid_nr_ns(t->signal->pgrp, ns),
		  pid_nr_ns(t->signal->session, ns), tty_nr_of(t), tpgid, 0u,
		  0ul, 0ul, 0ul, 0ul, (unsigned long)t->utime, (unsigned long)t->stime,
		  (long)t->signal->cutime, (long)t->signal->cstime, 20l, 0l,
		  t->signal->nr_threads, (unsigned long)start_ticks, vm_size(t->mm),
		  t->mm ? (long)t->mm->rss : 0l, ~0ul);
	tb_printf(tb, " 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0\n");
}

static void gen_status(struct textbuf *tb, struct task *t, struct pid_namespace *ns)
{
	const struct cred *c = t->cred;
	uint64_t ign = 0, cgt = 0;
	for (int i = 0; i < _NSIG && t->sighand; i++) {
		unsigned long h = t->sighand->action[i].handler;
		if (h == (unsigned long)SIG_IGN)
			ign |= 1ull << i;
		else if (h != (unsigned long)SIG_DFL)
			cgt |= 1ull << i;
	}
	tb_printf(tb, "Name:\t%s\nUmask:\t%04o\nState:\t%s\nTgid:\t%d\nNgid:\t0\nPid:\t%d\nPPid:\t%d\n"
		  "TracerPid:\t0\nUid:\t%u\t%u\t%u\t%u\nGid:\t%u\t%u\t%u\t%u\nFDSize:\t%u\nGroups:\t",
		  t->comm, t->fs ? t->fs->umask : 0, state_name(state_char(t)), pid_nr_ns(t->pid, ns),
		  pid_nr_ns(t->pid, ns), t->parent ? pid_nr_ns(t->parent->pid, ns) : 0,
		  c->uid, c->euid, c->suid, c->fsuid, c->gid, c->egid, c->sgid, c->fsgid,
		  t->files ? t->files->max : 0);
	for (int i = 0; i < c->ngroups; i++)
		tb_printf(tb, "%u ", c->groups[i]);
	tb_printf(tb, "\nNStgid:\t");
	for (int l = ns->level; l <= (int)t->pid->level; l++)
		tb_printf(tb, "%d%s", t->pid->numbers[l].nr, l < (int)t->pid->level ? "\t" : "");
	tb_printf(tb, "\nNSpid:\t");
	for (int l = ns->level; l <= (int)t->pid->level; l++)
		tb_printf(tb, "%d%s", t->pid->numbers[l].nr, l < (int)t->pid->level ? "\t" : "");
	unsigned long vsz = vm_size(t->mm) >> 10, rss = t->mm ? t->mm->rss * (PAGE_SIZE >> 10) : 0;
	tb_printf(tb, "\nVmPeak:\t%8lu kB\nVmSize:\t%8lu kB\nVmRSS:\t%8lu kB\nThreads:\t%d\n"
		  "SigPnd:\t%016lx\nShdPnd:\t%016lx\nSigBlk:\t%016lx\nSigIgn:\t%016lx\nSigCgt:\t%016lx\n"
		  "CapInh:\t%016lx\nCapPrm:\t%016lx\nCapEff:\t%016lx\nCapBnd:\t%016lx\nCapAmb:\t%016lx\n",
		  vsz, vsz, rss, t->signal->nr_threads, (unsigned long)t->pending,
		  (unsigned long)t->signal->shared_pending, (unsigned long)t->blocked,
		  (unsigned long)ign, (unsigned long)cgt,
		  (unsigned long)c->cap_inheritable, (unsigned long)c->cap_permitted,
		  (unsigned long)c->cap_effective, (unsigned long)c->cap_bset,
		  (unsigned long)c->cap_ambient);
}

/* argv as NUL-separated bytes, read from the process's own memory. */
static void gen_cmdline(struct textbuf *tb, struct task *t)
{
	struct mm *mm = t->mm;
	if (!mm || mm->arg_end <= mm->arg_start)
		return;
	size_t n = MIN(mm->arg_end - mm->arg_start, tb->cap - tb->len);
	extern int mm_read_user(struct mm *mm, unsigned long addr, void *buf, size_t len);
	if (mm_read_user(mm, mm->arg_start, tb->buf + tb->len, n) == 0)
		tb->len += n;
}

struct mounts_arg {
	struct textbuf *tb;
	struct path root;
};

static void show_mount(struct mount *m, void *arg)
{
	struct mounts_arg *a = arg;
	char *path = kmalloc(512);
	if (!path)
		return;
	struct path p = { m, m->root };
	if (d_path(&p, &a->root, path, 512) < 0) {
		kfree(path);
		return;
	}
	tb_printf(a->tb, "%s %s %s %s 0 0\n", m->source, path, m->sb->type->name,
		  (m->flags & 1) ? "ro" : "rw");
	kfree(path);
}

void for_each_mount(struct mnt_namespace *ns, void (*fn)(struct mount *m, void *arg), void *arg);

static void gen_mounts(struct textbuf *tb, struct task *t)
{
	if (!t->fs || !t->nsproxy)
		return;
	struct mounts_arg a = { tb, t->fs->root };
	for_each_mount(t->nsproxy->mnt_ns, show_mount, &a);
}

static void gen_meminfo(struct textbuf *tb)
{
	unsigned long kb = PAGE_SIZE / 1024;
	unsigned long total = nr_total_pages() * kb, free = nr_free_pages() * kb;
	unsigned long cached = pcache_pages() * kb, buffers = bcache_bytes() / 1024;
	unsigned long avail = free + pcache_reclaimable() * kb + buffers;
	tb_printf(tb, "MemTotal:       %8lu kB\nMemFree:        %8lu kB\nMemAvailable:   %8lu kB\n"
		  "Buffers:        %8lu kB\nCached:         %8lu kB\nSwapCached:     %8lu kB\n"
		  "Shmem:          %8lu kB\nSReclaimable:   %8lu kB\nSwapTotal:      %8lu kB\n"
		  "SwapFree:       %8lu kB\n", total, free, avail, buffers, cached, 0ul, 0ul, 0ul, 0ul, 0ul);
}

static int generate(struct inode *in, struct textbuf *tb)
{
	enum proc_type type = INO_TYPE(in->ino);
	struct pid_namespace *ns = sb_ns(in->sb);
	uint64_t now = timer_now_ns();
	switch (type) {
	case P_MEMINFO:
		gen_meminfo(tb);
		return 0;
	case P_UPTIME:
		tb_printf(tb, "%lu.%02lu %lu.%02lu\n", (unsigned long)(now / 1000000000ull),
			  (unsigned long)(now / 10000000ull % 100), 0ul, 0ul);
		return 0;
	case P_LOADAVG:
		tb_printf(tb, "0.00 0.00 0.00 1/1 %d\n", ns->last_pid);
		return 0;
	case P_FILESYSTEMS:
		tb_printf(tb, "\text2\nnodev\ttmpfs\nnodev\tdevtmpfs\nnodev\tproc\n");
		return 0;
	default:
		break;
	}
	struct task *t = task_by_root_nr(INO_NR(in->ino));
	if (!t)
		return -ESRCH;
	int err = 0;
	spin_lock(&tasklist_lock);
	bool alive = t->state != TASK_DEAD && t->signal && t->cred;
	spin_unlock(&tasklist_lock);
	if (!alive) {
		err = -ESRCH;
	} else if (type == P_PID_STAT) {
		gen_stat(tb, t, ns);
	} else if (type == P_PID_STATUS) {
		gen_status(tb, t, ns);
	} else if (type == P_PID_COMM) {
		tb_printf(tb, "%s\n", t->comm);
	} else if (type == P_PID_CMDLINE) {
		if (t->mm)
			mutex_lock(&t->mm->lock);
		struct mm *mm = t->mm;
		if (mm)
			gen_cmdline(tb, t);
		if (mm)
			mutex_unlock(&mm->lock);
	} else if (type == P_PID_MOUNTS) {
		gen_mounts(tb, t);
	}
	task_put(t);
	return err;
}

static int proc_file_open(struct inode *in, struct file *f)
{
	struct textbuf *tb = kzalloc(sizeof(*tb));
	if (!tb)
		return -ENOMEM;
	tb->cap = PAGE_SIZE * 4;
	tb->buf = kmalloc(tb->cap);
	if (!tb->buf) {
		kfree(tb);
		return -ENOMEM;
	}
	int err = generate(in, tb);
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
	if (*pos >= (off_t)tb->len)
		return 0;
	size_t n = MIN(len, tb->len - *pos);
	if (copy_out(buf, tb->buf + *pos, n, user))
		return -EFAULT;
	*pos += n;
	return n;
}

static const struct inode_operations proc_dir_iops = { .lookup = proc_lookup };
static const struct inode_operations proc_link_iops = { .readlink = proc_readlink };
static const struct file_operations proc_root_fops = { .iterate = proc_root_iterate };
static const struct file_operations proc_pid_fops = { .iterate = proc_pid_iterate };
static const struct file_operations proc_file_fops = {
	.open = proc_file_open, .release = proc_file_release, .read = proc_file_read,
};
static const struct super_operations proc_sops = { .read_inode = proc_read_inode };

static int proc_mount(struct file_system_type *type, struct blockdev *bdev,
		      unsigned long flags, const char *data, struct super_block **out)
{
	struct super_block *sb = sb_alloc(type, NULL);
	if (!sb)
		return -ENOMEM;
	sb->s_op = &proc_sops;
	sb->magic = PROC_SUPER_MAGIC;
	sb->no_dcache = true;
	sb->private = task_active_pid_ns(current);
	sb->root = iget(sb, INO(0, P_ROOT));
	if (IS_ERR(sb->root)) {
		int err = PTR_ERR(sb->root);
		sb_free(sb);
		return err;
	}
	*out = sb;
	return 0;
}

static struct file_system_type proc_type = { .name = "proc", .mount = proc_mount };

void procfs_init(void)
{
	register_filesystem(&proc_type);
}
