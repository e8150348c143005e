/*
 * procfs: a process's open files and directories: fd/ (one link per open
 * descriptor), fdinfo/ (one file per descriptor) and the exe, cwd and root
 * links.  Another task's files and fs tables are referenced under
 * tasklist_lock (do_exit clears them under it), their contents read under
 * files->lock and fs->lock.
 */
#include "internal.h"
#include "vm.h"
#include "kmalloc.h"
#include <linux/fcntl.h>

#define FD_LINK_SIZE	64	/* what Linux's lstat says of an fd/N link */

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

/* An fd/N link's permission bits say how the descriptor is open. */
void proc_fd_set_mode(struct inode *in, struct task *t)
{
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

/* fd/N (index PROC_FD_LINK) or fdinfo/N (PROC_FDINFO_FILE), while
 * descriptor N is open. */
static int fd_lookup(struct inode *dir, int index, const char *name, size_t len,
		     struct inode **out)
{
	int nr = INO_NR(dir->ino), fd = proc_parse_nr(name, len);
	struct task *t = task_by_root_nr(nr);
	if (!t)
		return -ENOENT;
	struct file *f = fd >= 0 ? task_fd_get(t, fd, NULL) : NULL;
	task_put(t);
	if (!f)
		return -ENOENT;
	file_put(f);
	return proc_iget(dir->sb, INO_FD(nr, index, fd), out);
}

static int proc_fd_lookup(struct inode *dir, const char *name, size_t len, struct inode **out)
{
	return fd_lookup(dir, PROC_FD_LINK, name, len, out);
}

static int proc_fdinfo_lookup(struct inode *dir, const char *name, size_t len,
			      struct inode **out)
{
	return fd_lookup(dir, PROC_FDINFO_FILE, name, len, out);
}

/* fd/ and fdinfo/: ".", "..", then one entry per open descriptor, at
 * position 2 + descriptor. */
static int fd_iterate(struct file *f, struct dir_context *ctx, bool links)
{
	int nr = INO_NR(f->inode->ino);
	if (!proc_emit_dots(ctx, f->inode->ino, INO_SPECIAL(nr, PROC_PID_DIR)))
		return 0;
	struct task *t = task_by_root_nr(nr);
	if (!t)
		return 0;
	int fd;
	while ((fd = task_next_fd(t, ctx->pos - 2)) >= 0) {
		char name[12];
		int n = snprintf(name, sizeof(name), "%d", fd);
		ctx->pos = 2 + fd;
		if (!ctx->emit(ctx, name, n, INO_FD(nr, links ? PROC_FD_LINK : PROC_FDINFO_FILE, fd),
			       links ? DT_LNK : DT_REG))
			break;
		ctx->pos++;
	}
	task_put(t);
	f->pos = ctx->pos;
	return 0;
}

static int proc_fd_iterate(struct file *f, struct dir_context *ctx)
{
	return fd_iterate(f, ctx, true);
}

static int proc_fdinfo_iterate(struct file *f, struct dir_context *ctx)
{
	return fd_iterate(f, ctx, false);
}

/* A process may always look into its own fd/ and fdinfo/, even when it is
 * not dumpable and they belong to root. */
static int proc_fd_dir_permission(struct inode *in, int mask)
{
	struct task *t = task_by_root_nr(INO_NR(in->ino));
	int err = t && t->group_leader == current->group_leader ? 0 : -EACCES;
	if (t)
		task_put(t);
	return err;
}

const struct inode_operations proc_fd_dir_iops = {
	.lookup = proc_fd_lookup, .permission = proc_fd_dir_permission,
};
const struct file_operations proc_fd_dir_fops = { .iterate = proc_fd_iterate };
const struct inode_operations proc_fdinfo_dir_iops = {
	.lookup = proc_fdinfo_lookup, .permission = proc_fd_dir_permission,
};
const struct file_operations proc_fdinfo_dir_fops = { .iterate = proc_fdinfo_iterate };

/* fdinfo/N: Linux's first four lines, then the file's own lines (epoll's
 * watches, an eventfd's count ...: its show_fdinfo, a page at most).  A
 * pipe(2) end is on no mount here (Linux's is on its internal pipefs
 * mount): mnt_id 0. */
int proc_show_fdinfo(struct textbuf *tb, struct task *t, struct inode *in)
{
	bool cloexec = false;
	if (!proc_may_access(t))
		return -EACCES;
	struct file *f = task_fd_get(t, INO_FDNUM(in->ino), &cloexec);
	if (!f)
		return -ENOENT;
	tb_printf(tb, "pos:\t%lld\nflags:\t0%o\nmnt_id:\t%d\nino:\t%lu\n", (long long)f->pos,
		  file_status_flags(f) | (cloexec ? O_CLOEXEC : 0),
		  f->f_path.mnt ? f->f_path.mnt->id : 0,
		  (unsigned long)(f->inode ? f->inode->ino : pipe_ino(f)));
	if (f->f_op && f->f_op->show_fdinfo) {
		char *page = kmalloc(PAGE_SIZE);
		if (page) {
			size_t n = f->f_op->show_fdinfo(f, page, PAGE_SIZE - 1);
			page[n] = 0;
			tb_printf(tb, "%s", page);
			kfree(page);
		}
	}
	file_put(f);
	return 0;
}

/* ---- link targets: an open file in *f, or a directory in *p ---- */

/* exe: the file the process runs. */
int proc_exe_target(struct task *t, struct inode *in, struct file **f, struct path *p)
{
	spin_lock(&tasklist_lock);
	if (t->mm && t->mm->exe_file)
		*f = file_get(t->mm->exe_file);
	spin_unlock(&tasklist_lock);
	return *f ? 0 : -ENOENT;
}

int proc_cwd_target(struct task *t, struct inode *in, struct file **f, struct path *p)
{
	return task_fs_path(t, false, p);
}

int proc_root_target(struct task *t, struct inode *in, struct file **f, struct path *p)
{
	return task_fs_path(t, true, p);
}

int proc_fd_target(struct task *t, struct inode *in, struct file **f, struct path *p)
{
	*f = task_fd_get(t, INO_FDNUM(in->ino), NULL);
	return *f ? 0 : -ENOENT;
}
