/*
 * procfs: process and system information as text files.  An instance
 * belongs to the pid namespace of the task that mounted it and shows only
 * that namespace's processes, by their numbers in it.
 *
 * Inode numbers encode what a file is: (root-namespace pid << 8) | type,
 * and for the entries of fd/ and fdinfo/ the descriptor + 1 above bit
 * INO_FD_SHIFT.
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
#include "user_ns.h"
#include "signal.h"
#include "vm.h"
#include "mm.h"
#include "tty.h"
#include "timer.h"
#include "kmalloc.h"
#include "string.h"
#include "printk.h"
#include <linux/fs.h>
#include <linux/magic.h>
#include <linux/capability.h>
#include <linux/fcntl.h>
#include <linux/mount.h>

enum proc_type {
	P_ROOT = 1, P_SELF, P_MEMINFO, P_UPTIME, P_MOUNTS, P_LOADAVG, P_FILESYSTEMS, P_STAT,
	P_PID_DIR = 0x10, P_PID_STAT, P_PID_STATUS, P_PID_CMDLINE, P_PID_COMM, P_PID_MOUNTS,
	P_PID_MOUNTINFO,
	P_PID_ENVIRON, P_PID_MEM, P_PID_UID_MAP, P_PID_GID_MAP, P_PID_SETGROUPS,
	P_PID_EXE, P_PID_CWD, P_PID_ROOT, P_PID_FD, P_PID_FDINFO,
	P_FD_LINK, P_FDINFO_FILE,	/* fd/N and fdinfo/N */
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
	{ "stat", P_STAT, S_IFREG | 0444 },
};

static const struct proc_entry pid_entries[] = {
	{ "stat", P_PID_STAT, S_IFREG | 0444 },
	{ "status", P_PID_STATUS, S_IFREG | 0444 },
	{ "cmdline", P_PID_CMDLINE, S_IFREG | 0444 },
	{ "environ", P_PID_ENVIRON, S_IFREG | 0400 },
	{ "mem", P_PID_MEM, S_IFREG | 0600 },
	{ "comm", P_PID_COMM, S_IFREG | 0644 },
	{ "mounts", P_PID_MOUNTS, S_IFREG | 0444 },
	{ "mountinfo", P_PID_MOUNTINFO, S_IFREG | 0444 },
	{ "uid_map", P_PID_UID_MAP, S_IFREG | 0644 },
	{ "gid_map", P_PID_GID_MAP, S_IFREG | 0644 },
	{ "setgroups", P_PID_SETGROUPS, S_IFREG | 0644 },
	{ "exe", P_PID_EXE, S_IFLNK | 0777 },
	{ "cwd", P_PID_CWD, S_IFLNK | 0777 },
	{ "root", P_PID_ROOT, S_IFLNK | 0777 },
	{ "fd", P_PID_FD, S_IFDIR | 0500 },
	{ "fdinfo", P_PID_FDINFO, S_IFDIR | 0555 },
};

static const struct inode_operations proc_dir_iops;
static const struct inode_operations proc_link_iops;
static const struct inode_operations proc_fd_dir_iops;
static const struct inode_operations proc_pid_link_iops;
static const struct file_operations proc_root_fops;
static const struct file_operations proc_pid_fops;
static const struct file_operations proc_fd_dir_fops;
static const struct file_operations proc_file_fops;
static const struct file_operations proc_mem_fops;

#define INO(nr, type)	(((ino_t)(nr) << 8) | (type))
#define INO_NR(ino)	((int)(((ino) >> 8) & 0xffffffffu))
#define INO_TYPE(ino)	((enum proc_type)((ino) & 0xff))
#define INO_FD_SHIFT	40
#define INO_FD(nr, type, fd) (INO(nr, type) | ((ino_t)(fd) + 1) << INO_FD_SHIFT)
#define INO_FDNUM(ino)	((int)((ino) >> INO_FD_SHIFT) - 1)
#define FD_LINK_SIZE	64	/* what Linux's lstat says of an fd/N link */

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
	if (type == P_FD_LINK)
		return S_IFLNK;		/* permission bits: proc_set_owner */
	if (type == P_FDINFO_FILE)
		return S_IFREG | 0444;
	return 0;
}

/* ---- another task's parts, referenced under tasklist_lock ---- */

/* do_exit clears t->files and t->fs under tasklist_lock before dropping
 * them, so a reference taken under it is a reference to a live table. */
static struct files_struct *task_files_get(struct task *t)
{
	spin_lock(&tasklist_lock);
	struct files_struct *files = t->files;
	if (files)
		__atomic_add_fetch(&files->refcnt, 1, __ATOMIC_RELAXED);
	spin_unlock(&tasklist_lock);
	return files;
}

static bool fd_cloexec(struct files_struct *files, int fd)
{
	return (files->cloexec[fd / 64] >> (fd % 64)) & 1;
}

/* The open file at descriptor fd of t (referenced) or NULL; *cloexec gets
 * the descriptor's close-on-exec bit when cloexec is not NULL. */
static struct file *task_fd_get(struct task *t, int fd, bool *cloexec)
{
	struct files_struct *files = task_files_get(t);
	struct file *f = NULL;
	if (!files)
		return NULL;
	spin_lock(&files->lock);
	if (fd >= 0 && (unsigned int)fd < files->max && files->fds[fd]) {
		f = file_get(files->fds[fd]);
		if (cloexec)
			*cloexec = fd_cloexec(files, fd);
	}
	spin_unlock(&files->lock);
	files_put(files);
	return f;
}

/* The lowest open descriptor of t that is >= from, or -1. */
static int task_next_fd(struct task *t, int from)
{
	struct files_struct *files = task_files_get(t);
	int found = -1;
	if (!files)
		return -1;
	spin_lock(&files->lock);
	for (unsigned int fd = from; fd < files->max; fd++)
		if (files->fds[fd]) {
			found = fd;
			break;
		}
	spin_unlock(&files->lock);
	files_put(files);
	return found;
}

/*
 * May the caller look at t's open files, memory map and links (fd/, exe,
 * cwd, root, fdinfo/)?  As Linux's ptrace read check: its own process,
 * CAP_SYS_PTRACE, or the same uids and gids throughout (the caller's file
 * system ids against t's real, effective and saved ones) while t is
 * dumpable.
 */
static bool proc_may_access(struct task *t)
{
	if (t == current->group_leader || capable(CAP_SYS_PTRACE))
		return true;
	const struct cred *c = current->cred, *tc = t->cred;
	if (!tc || t->signal->undumpable)
		return false;
	return c->fsuid == tc->uid && c->fsuid == tc->euid && c->fsuid == tc->suid &&
	       c->fsgid == tc->gid && c->fsgid == tc->egid && c->fsgid == tc->sgid;
}

/*
 * The owner of a /proc/PID file is the process's effective user, or root
 * while it is not dumpable (as Linux).  An fd/N link's permission bits say
 * how the descriptor is open.  Run whenever the inode is looked up: the
 * inode cache may hold an inode made for an earlier state.
 */
static void proc_set_owner(struct inode *in)
{
	struct task *t = task_by_root_nr(INO_NR(in->ino));
	if (!t)
		return;
	const struct cred *c = t->cred;
	bool undumpable = t->signal && t->signal->undumpable;
	in->uid = c && !undumpable ? c->euid : 0;
	in->gid = c && !undumpable ? c->egid : 0;
	if (INO_TYPE(in->ino) == P_FD_LINK) {
		struct file *f = task_fd_get(t, INO_FDNUM(in->ino), NULL);
		in->mode = S_IFLNK;
		in->size = FD_LINK_SIZE;
		if (f && (f->mode & FMODE_READ))
			in->mode |= S_IRUSR | S_IXUSR;
		if (f && (f->mode & FMODE_WRITE))
			in->mode |= S_IWUSR | S_IXUSR;
		if (f)
			file_put(f);
	}
	task_put(t);
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
	} else if (S_ISDIR(in->mode)) {
		in->i_op = &proc_fd_dir_iops;
		in->i_fop = &proc_fd_dir_fops;
	} else if (S_ISLNK(in->mode)) {
		in->i_op = type >= P_PID_DIR ? &proc_pid_link_iops : &proc_link_iops;
	} else {
		in->i_fop = type == P_PID_MEM ? &proc_mem_fops : &proc_file_fops;
	}
	if (type >= P_PID_DIR)
		proc_set_owner(in);
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

/* fd/N or fdinfo/N: the inode number while descriptor N is open, else 0. */
static ino_t fd_dir_lookup(struct inode *dir, const char *name, size_t len)
{
	int nr = INO_NR(dir->ino), fd = parse_pid(name, len);
	if (len > 1 && name[0] == '0')
		return 0;	/* "03" is not descriptor 3, as on Linux */
	enum proc_type type = INO_TYPE(dir->ino) == P_PID_FD ? P_FD_LINK : P_FDINFO_FILE;
	struct task *t = task_by_root_nr(nr);
	if (!t)
		return 0;
	struct file *f = fd >= 0 ? task_fd_get(t, fd, NULL) : NULL;
	task_put(t);
	if (!f)
		return 0;
	file_put(f);
	return INO_FD(nr, type, fd);
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
	} else if (INO_TYPE(dir->ino) == P_PID_DIR) {
		int nr = INO_NR(dir->ino);
		struct task *t = task_by_root_nr(nr);
		if (!t)
			return -ENOENT;
		task_put(t);
		for (size_t i = 0; i < ARRAY_SIZE(pid_entries); i++)
			if (strlen(pid_entries[i].name) == len &&
			    memcmp(pid_entries[i].name, name, len) == 0)
				ino = INO(nr, pid_entries[i].type);
	} else {
		ino = fd_dir_lookup(dir, name, len);
	}
	if (!ino)
		return -ENOENT;
	struct inode *in = iget(sb, ino);
	if (IS_ERR(in))
		return PTR_ERR(in);
	if (INO_TYPE(ino) >= P_PID_DIR)
		proc_set_owner(in);
	*out = in;
	return 0;
}

/* t's working directory or root, referenced. */
static int task_fs_path(struct task *t, bool root, struct path *out)
{
	spin_lock(&tasklist_lock);
	struct fs_struct *fs = t->fs;
	if (fs) {
		spin_lock(&fs->lock);
		*out = root ? fs->root : fs->pwd;
		path_get(out);
		spin_unlock(&fs->lock);
	}
	spin_unlock(&tasklist_lock);
	return fs ? 0 : -ENOENT;
}

/*
 * What a link of t stands for: an open file (fd/N, and exe: the file the
 * process runs), or a directory (cwd, root).  *f is set, referenced, for
 * the first kind, *p, referenced, for the second.
 */
static int task_link_target(struct task *t, struct inode *in, struct file **f, struct path *p)
{
	*f = NULL;
	switch (INO_TYPE(in->ino)) {
	case P_PID_EXE:
		spin_lock(&tasklist_lock);
		if (t->mm && t->mm->exe_file)
			*f = file_get(t->mm->exe_file);
		spin_unlock(&tasklist_lock);
		return *f ? 0 : -ENOENT;
	case P_FD_LINK:
		*f = task_fd_get(t, INO_FDNUM(in->ino), NULL);
		return *f ? 0 : -ENOENT;
	default:
		return task_fs_path(t, INO_TYPE(in->ino) == P_PID_ROOT, p);
	}
}

/* The object behind a link of a process the caller may look at. */
static int proc_link_target(struct inode *in, struct file **f, struct path *p)
{
	struct task *t = task_by_root_nr(INO_NR(in->ino));
	if (!t)
		return -ENOENT;
	int err = proc_may_access(t) ? task_link_target(t, in, f, p) : -EACCES;
	task_put(t);
	return err;
}

/* p's name as the caller sees it (from its root), without the NUL. */
static ssize_t path_name(const struct path *p, char *buf, size_t len)
{
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
static ssize_t file_name(struct file *f, char *buf, size_t len)
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
	if (pipe_ino(f))
		snprintf(tmp, sizeof(tmp), "pipe:[%lu]", pipe_ino(f));
	else
		snprintf(tmp, sizeof(tmp), "anon_inode:[unknown]");
	size_t n = MIN(strlen(tmp), len);
	memcpy(buf, tmp, n);
	return n;
}

/* exe, cwd, root and fd/N of a process: the name of what they stand for. */
static ssize_t pid_link(struct inode *in, char *buf, size_t len)
{
	struct file *f;
	struct path p;
	int err = proc_link_target(in, &f, &p);
	if (err)
		return err;
	ssize_t n;
	if (f) {
		n = file_name(f, buf, len);
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

static unsigned int dtype_of(umode_t mode)
{
	return S_ISDIR(mode) ? DT_DIR : S_ISLNK(mode) ? DT_LNK : DT_REG;
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
			       INO(nr, pid_entries[k].type), dtype_of(pid_entries[k].mode)))
			return 0;
	}
	f->pos = ctx->pos;
	return 0;
}

/* fd/ and fdinfo/: ".", "..", then one entry per open descriptor, at
 * position 2 + descriptor. */
static int proc_fd_iterate(struct file *f, struct dir_context *ctx)
{
	int nr = INO_NR(f->inode->ino);
	bool links = INO_TYPE(f->inode->ino) == P_PID_FD;
	if (ctx->pos == 0) {
		ctx->pos = 1;
		if (!ctx->emit(ctx, ".", 1, f->inode->ino, DT_DIR))
			return 0;
	}
	if (ctx->pos == 1) {
		ctx->pos = 2;
		if (!ctx->emit(ctx, "..", 2, INO(nr, P_PID_DIR), DT_DIR))
			return 0;
	}
	struct task *t = task_by_root_nr(nr);
	if (!t)
		return 0;
	int fd;
	while ((fd = task_next_fd(t, ctx->pos - 2)) >= 0) {
		char name[12];
		int n = snprintf(name, sizeof(name), "%d", fd);
		ctx->pos = 2 + fd;
		if (!ctx->emit(ctx, name, n, INO_FD(nr, links ? P_FD_LINK : P_FDINFO_FILE, fd),
			       links ? DT_LNK : DT_REG))
			break;
		ctx->pos++;
	}
	task_put(t);
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
	uint64_t start_ticks = t->start_time / TICK_NSEC;
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

/* Ids are shown as the reader's user namespace names them. */
static void gen_status(struct textbuf *tb, struct task *t, struct pid_namespace *ns)
{
	const struct cred *c = t->cred;
	struct user_namespace *user_ns = current_user_ns();
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
		  from_kuid_munged(user_ns, c->uid), from_kuid_munged(user_ns, c->euid),
		  from_kuid_munged(user_ns, c->suid), from_kuid_munged(user_ns, c->fsuid),
		  from_kgid_munged(user_ns, c->gid), from_kgid_munged(user_ns, c->egid),
		  from_kgid_munged(user_ns, c->sgid), from_kgid_munged(user_ns, c->fsgid),
		  t->files ? t->files->max : 0);
	for (int i = 0; i < c->ngroups; i++)
		tb_printf(tb, "%u ", from_kgid_munged(user_ns, c->groups[i]));
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
	tb_printf(tb, "NoNewPrivs:\t%d\n", t->no_new_privs);
}

/* argv (or the environment) as NUL-separated bytes, read from the
 * process's own memory; the caller holds mm->lock. */
static void gen_strings(struct textbuf *tb, struct mm *mm, unsigned long start, unsigned long end)
{
	if (end <= start)
		return;
	size_t n = MIN(end - start, tb->cap - tb->len);
	if (mm_read_user(mm, start, tb->buf + tb->len, n) == 0)
		tb->len += n;
}

/* /proc/PID/mounts and mountinfo: the mounts of the process's namespace
 * that its root reaches, named as it sees them. */
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

/* fdinfo/N: Linux's first four lines.  A pipe(2) end is on no mount here
 * (Linux's is on its internal pipefs mount): mnt_id 0. */
static int gen_fdinfo(struct textbuf *tb, struct task *t, int fd)
{
	bool cloexec = false;
	if (!proc_may_access(t))
		return -EACCES;
	struct file *f = task_fd_get(t, fd, &cloexec);
	if (!f)
		return -ENOENT;
	tb_printf(tb, "pos:\t%lld\nflags:\t0%o\nmnt_id:\t%d\nino:\t%lu\n", (long long)f->pos,
		  file_status_flags(f) | (cloexec ? O_CLOEXEC : 0),
		  f->f_path.mnt ? f->f_path.mnt->id : 0,
		  (unsigned long)(f->inode ? f->inode->ino : pipe_ino(f)));
	file_put(f);
	return 0;
}

/* uid_map and gid_map: Linux's format, the lower ids as the reader names
 * them (user_ns.h); setgroups: "allow" or "deny". */
static void gen_id_map(struct textbuf *tb, struct task *t, enum id_map_kind kind)
{
	struct uid_gid_extent extents[UID_GID_MAP_MAX_EXTENTS];
	int n = userns_read_map(t->cred->user_ns, kind, current_user_ns(), extents);
	for (int i = 0; i < n; i++)
		tb_printf(tb, "%10u %10u %10u\n", extents[i].first, extents[i].lower_first,
			  extents[i].count);
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

/* The cpu lines of /proc/stat (user nice system idle iowait irq softirq
 * steal guest guest_nice, in USER_HZ ticks) and the boot time. */
static void gen_sys_stat(struct textbuf *tb, uint64_t now)
{
	uint64_t user = 0, system = 0, idle = 0;
	for (int i = 0; i < ncpus; i++) {
		user += READ_ONCE(cpus[i].user_ticks);
		system += READ_ONCE(cpus[i].system_ticks);
		idle += READ_ONCE(cpus[i].idle_ticks);
	}
	tb_printf(tb, "cpu  %lu 0 %lu %lu 0 0 0 0 0 0\n", (unsigned long)user,
		  (unsigned long)system, (unsigned long)idle);
	for (int i = 0; i < ncpus; i++)
		tb_printf(tb, "cpu%d %lu 0 %lu %lu 0 0 0 0 0 0\n", i,
			  (unsigned long)READ_ONCE(cpus[i].user_ticks),
			  (unsigned long)READ_ONCE(cpus[i].system_ticks),
			  (unsigned long)READ_ONCE(cpus[i].idle_ticks));
	tb_printf(tb, "btime %lu\n", (unsigned long)((realtime_ns() - now) / 1000000000ull));
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
	case P_STAT:
		gen_sys_stat(tb, now);
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
	} else if (type == P_PID_CMDLINE || type == P_PID_ENVIRON) {
		/* The environment is the owner's only (the ptrace rule). */
		if (type == P_PID_ENVIRON && !proc_may_access(t)) {
			err = -EACCES;
		} else if (t->mm) {
			struct mm *mm = t->mm;
			mutex_lock(&mm->lock);
			if (type == P_PID_CMDLINE)
				gen_strings(tb, mm, mm->arg_start, mm->arg_end);
			else
				gen_strings(tb, mm, mm->env_start, mm->env_end);
			mutex_unlock(&mm->lock);
		}
	} else if (type == P_PID_MOUNTS || type == P_PID_MOUNTINFO) {
		err = gen_mounts(tb, t, type == P_PID_MOUNTINFO);
	} else if (type == P_PID_UID_MAP || type == P_PID_GID_MAP) {
		gen_id_map(tb, t, type == P_PID_UID_MAP ? ID_MAP_UID : ID_MAP_GID);
	} else if (type == P_PID_SETGROUPS) {
		tb_printf(tb, "%s\n", userns_setgroups_allowed(t->cred->user_ns) ? "allow" : "deny");
	} else if (type == P_FDINFO_FILE) {
		err = gen_fdinfo(tb, t, INO_FDNUM(in->ino));
	}
	task_put(t);
	return err;
}

/* Opening setgroups for writing needs CAP_SYS_ADMIN in the namespace. */
static int setgroups_open_check(struct inode *in, struct file *f)
{
	if (INO_TYPE(in->ino) != P_PID_SETGROUPS || !(f->mode & FMODE_WRITE))
		return 0;
	struct task *t = task_by_root_nr(INO_NR(in->ino));
	if (!t)
		return -ESRCH;
	int err = ns_capable(t->cred->user_ns, CAP_SYS_ADMIN) ? 0 : -EPERM;
	task_put(t);
	return err;
}

static int proc_file_open(struct inode *in, struct file *f)
{
	int err = setgroups_open_check(in, f);
	if (err)
		return err;
	struct textbuf *tb = kzalloc(sizeof(*tb));
	if (!tb)
		return -ENOMEM;
	tb->cap = PAGE_SIZE * 4;
	tb->buf = kmalloc(tb->cap);
	if (!tb->buf) {
		kfree(tb);
		return -ENOMEM;
	}
	err = generate(in, tb);
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

/*
 * Writing /proc/PID/comm renames the process, as PR_SET_NAME renames a
 * thread: the first TASK_COMM_LEN - 1 bytes, a newline included, as on
 * Linux.  Only a process's own threads may.
 */
static ssize_t write_comm(struct task *t, const void *buf, size_t len, bool user)
{
	char name[TASK_COMM_LEN] = { 0 };
	if (copy_in(name, buf, MIN(len, sizeof(name) - 1), user))
		return -EFAULT;
	if (t != current->group_leader)
		return -EINVAL;
	set_task_comm(t, name);
	return len;
}

/* uid_map, gid_map: one write, at the start, of less than a page; the
 * rules are the user namespace's (userns_write_map). */
static ssize_t write_id_map(struct file *f, struct task *t, const void *buf, size_t len,
			    off_t *pos, bool user)
{
	enum id_map_kind kind = INO_TYPE(f->inode->ino) == P_PID_UID_MAP ? ID_MAP_UID : ID_MAP_GID;
	if (*pos != 0 || len >= PAGE_SIZE)
		return -EINVAL;
	char *text = kmalloc(len + 1);
	if (!text)
		return -ENOMEM;
	ssize_t ret = copy_in(text, buf, len, user) ? -EFAULT : 0;
	if (!ret) {
		text[len] = '\0';
		struct user_namespace *ns = get_user_ns(t->cred->user_ns);
		ret = userns_write_map(ns, kind, f->f_cred, text);
		put_user_ns(ns);
	}
	kfree(text);
	if (ret)
		return ret;
	*pos = len;
	return len;
}

/* setgroups: "allow" or "deny", white space after it allowed. */
static ssize_t write_setgroups(struct task *t, const void *buf, size_t len, off_t *pos,
			       bool user)
{
	char word[8];
	const char *rest;
	bool allow;
	if (*pos != 0 || len >= sizeof(word))
		return -EINVAL;
	if (copy_in(word, buf, len, user))
		return -EFAULT;
	word[len] = '\0';
	if (strncmp(word, "allow", 5) == 0) {
		allow = true;
		rest = word + 5;
	} else if (strncmp(word, "deny", 4) == 0) {
		allow = false;
		rest = word + 4;
	} else {
		return -EINVAL;
	}
	while (*rest == ' ' || (*rest >= '\t' && *rest <= '\r'))
		rest++;
	if (*rest)
		return -EINVAL;
	struct user_namespace *ns = get_user_ns(t->cred->user_ns);
	int err = userns_set_setgroups(ns, allow);
	put_user_ns(ns);
	if (err)
		return err;
	*pos = len;
	return len;
}

static ssize_t proc_file_write(struct file *f, const void *buf, size_t len, off_t *pos,
			       bool user)
{
	enum proc_type type = INO_TYPE(f->inode->ino);
	if (type != P_PID_COMM && type != P_PID_UID_MAP && type != P_PID_GID_MAP &&
	    type != P_PID_SETGROUPS)
		return -EINVAL;
	struct task *t = task_by_root_nr(INO_NR(f->inode->ino));
	if (!t)
		return -ESRCH;
	ssize_t ret;
	if (type == P_PID_COMM)
		ret = write_comm(t, buf, len, user);
	else if (type == P_PID_SETGROUPS)
		ret = write_setgroups(t, buf, len, pos, user);
	else
		ret = write_id_map(f, t, buf, len, pos, user);
	task_put(t);
	return ret;
}

/* A process may always look into its own fd/ and fdinfo/, even when it is
 * not dumpable and they belong to root. */
static int proc_fd_dir_permission(struct inode *in, int mask)
{
	return INO_NR(in->ino) == current->group_leader->pid->numbers[0].nr ? 0 : -EACCES;
}

static const struct inode_operations proc_dir_iops = { .lookup = proc_lookup };
static const struct inode_operations proc_fd_dir_iops = {
	.lookup = proc_lookup, .permission = proc_fd_dir_permission,
};
static const struct inode_operations proc_link_iops = { .readlink = proc_readlink };
static const struct inode_operations proc_pid_link_iops = {
	.readlink = proc_readlink, .get_link_path = proc_get_link_path,
};
static const struct file_operations proc_root_fops = { .iterate = proc_root_iterate };
static const struct file_operations proc_pid_fops = { .iterate = proc_pid_iterate };
static const struct file_operations proc_fd_dir_fops = { .iterate = proc_fd_iterate };
static const struct file_operations proc_file_fops = {
	.open = proc_file_open, .release = proc_file_release, .read = proc_file_read,
	.write = proc_file_write,
};
static void proc_put_super(struct super_block *sb)
{
	put_pid_ns(sb_ns(sb));
}

/*
 * /proc/PID/mem: the process's memory at file offsets that are its
 * addresses, for the owner (the ptrace rule of proc_may_access).  The
 * address space is held from open to close; each read or write goes
 * through a page-sized bounce buffer, so the target's lock is never held
 * while the caller's memory is touched (which may be the same mm).
 */
static int proc_mem_open(struct inode *in, struct file *f)
{
	struct task *t = task_by_root_nr(INO_NR(in->ino));
	if (!t)
		return -ESRCH;
	int err = proc_may_access(t) ? 0 : -EACCES;
	struct mm *mm = NULL;
	if (!err) {
		spin_lock(&tasklist_lock);	/* do_exit and exec change t->mm under it */
		mm = t->mm;
		if (mm)
			mm_get(mm);
		spin_unlock(&tasklist_lock);
		if (!mm)
			err = -ESRCH;
	}
	task_put(t);
	f->private = mm;
	return err;
}

static int proc_mem_release(struct inode *in, struct file *f)
{
	if (f->private)
		mm_put(f->private);
	return 0;
}

static ssize_t proc_mem_rw(struct file *f, void *buf, size_t len, off_t *pos, bool user,
			   bool write)
{
	char *bounce = kmalloc(PAGE_SIZE);
	size_t done = 0;
	ssize_t err = 0;
	if (!bounce)
		return -ENOMEM;
	while (done < len) {
		size_t n = MIN(len - done, PAGE_SIZE);
		if (write && copy_in(bounce, (const char *)buf + done, n, user)) {
			err = -EFAULT;
			break;
		}
		int got = mm_access(f->private, (unsigned long)*pos, bounce, n, write);
		if (got < 0) {
			err = got;
			break;
		}
		if (!write && copy_out((char *)buf + done, bounce, got, user)) {
			err = -EFAULT;
			break;
		}
		done += got;
		*pos += got;
		if ((size_t)got < n)
			break;
	}
	kfree(bounce);
	return done ? (ssize_t)done : err;
}

static ssize_t proc_mem_read(struct file *f, void *buf, size_t len, off_t *pos, bool user)
{
	return proc_mem_rw(f, buf, len, pos, user, false);
}

static ssize_t proc_mem_write(struct file *f, const void *buf, size_t len, off_t *pos,
			      bool user)
{
	return proc_mem_rw(f, (void *)buf, len, pos, user, true);
}

static off_t proc_mem_llseek(struct file *f, off_t off, int whence)
{
	mutex_lock(&f->pos_lock);
	off_t pos = whence == SEEK_SET ? off : whence == SEEK_CUR ? f->pos + off : -1;
	if (whence == SEEK_SET || whence == SEEK_CUR)
		f->pos = pos;
	mutex_unlock(&f->pos_lock);
	return whence == SEEK_SET || whence == SEEK_CUR ? pos : -EINVAL;
}

static const struct file_operations proc_mem_fops = {
	.open = proc_mem_open, .release = proc_mem_release, .read = proc_mem_read,
	.write = proc_mem_write, .llseek = proc_mem_llseek,
};

static const struct super_operations proc_sops = {
	.read_inode = proc_read_inode, .put_super = proc_put_super,
};

static int proc_mount(struct file_system_type *type, struct blockdev *bdev,
		      unsigned long flags, const char *data, struct super_block **out)
{
	struct super_block *sb = sb_alloc(type, NULL);
	if (!sb)
		return -ENOMEM;
	sb->s_op = &proc_sops;
	sb->magic = PROC_SUPER_MAGIC;
	sb->no_dcache = true;
	sb->private = get_pid_ns(task_active_pid_ns(current));
	sb->root = iget(sb, INO(0, P_ROOT));
	if (IS_ERR(sb->root)) {
		int err = PTR_ERR(sb->root);
		put_pid_ns(sb->private);
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
