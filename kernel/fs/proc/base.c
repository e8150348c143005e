/*
 * procfs: a process's directory, /proc/PID: its table of entries and the
 * text files' generators and writers.  The process is found by its
 * root-namespace number and referenced; its parts are read under their
 * own locks: tasklist_lock for the pointers do_exit clears (fs, mm,
 * nsproxy), mm->lock for its memory, signal->lock for the limits and the
 * OOM adjustment.
 */
#include "cgroup.h"
#include "internal.h"
#include "cred.h"
#include "denials.h"
#include "user_ns.h"
#include "signal.h"
#include "vm.h"
#include "mm.h"
#include "tty.h"
#include "timer.h"
#include "kmalloc.h"
#include "string.h"
#include <linux/capability.h>
#include <linux/resource.h>
#include <linux/oom.h>

/* The task with root-level number nr, referenced, or NULL: a process
 * (/proc/PID) or one of its threads (/proc/PID/task/TID). */
struct task *task_by_root_nr(int nr)
{
	struct task *t = NULL;
	spin_lock(&pidmap_lock);
	struct pid *pid = find_pid_ns(nr, &init_pid_ns);
	if (pid && !list_empty(&pid->tasks[PIDTYPE_PID]))
		t = list_first_entry(&pid->tasks[PIDTYPE_PID], struct task, pid_links[PIDTYPE_PID]);
	if (t)
		__atomic_add_fetch(&t->refcnt, 1, __ATOMIC_RELAXED);
	spin_unlock(&pidmap_lock);
	return t;
}

/*
 * May the caller look at t's open files, memory and links (fd/, exe, cwd,
 * root, fdinfo/, environ, mem)?  As Linux's ptrace read check: its own
 * process, CAP_SYS_PTRACE in t's user namespace, or the same uids and
 * gids throughout (the caller's file system ids against t's real,
 * effective and saved ones) while t is dumpable.
 */
bool proc_may_access(struct task *t)
{
	if (t->group_leader == current->group_leader)
		return true;
	const struct cred *c = current->cred;
	struct cred *tc = get_task_cred(t);
	if (!tc)
		return false;
	/* CAP_SYS_PTRACE counts in t's user namespace: root of a container
	 * looks into its own processes, not the host's. */
	bool cap = ns_capable_noaudit(tc->user_ns, CAP_SYS_PTRACE);
	bool same = c->fsuid == tc->uid && c->fsuid == tc->euid && c->fsuid == tc->suid &&
		    c->fsgid == tc->gid && c->fsgid == tc->egid && c->fsgid == tc->sgid;
	put_cred(tc);
	return (same || cap) && (!t->signal->undumpable || cap);
}

/*
 * The owner of a /proc/PID file is the process's effective user, or root
 * while it is not dumpable (as Linux).  Run whenever the inode is looked
 * up: the inode cache may hold an inode made for an earlier state.
 */
void proc_task_set_owner(struct inode *in, struct task *t)
{
	struct cred *c = get_task_cred(t);
	bool undumpable = t->signal && t->signal->undumpable;
	in->uid = c && !undumpable ? c->euid : 0;
	in->gid = c && !undumpable ? c->egid : 0;
	if (c)
		put_cred(c);
	if (INO_TABLE(in->ino) == PROC_T_SPECIAL && INO_INDEX(in->ino) == PROC_FD_LINK)
		proc_fd_set_mode(in, t);
}

void proc_set_owner(struct inode *in)
{
	struct task *t = task_by_root_nr(INO_NR(in->ino));
	if (!t)
		return;
	proc_task_set_owner(in, t);
	task_put(t);
}

/* t's working directory or root, referenced. */
int task_fs_path(struct task *t, bool root, struct path *out)
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

/* ---- stat, statm, status ---- */

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

static int show_stat(struct textbuf *tb, struct task *t, struct inode *in)
{
	struct pid_namespace *ns = proc_sb_ns(in->sb);
	struct task *parent = t->parent;
	struct tty *tty = t->signal->tty;
	int tpgid = tty && tty->pgrp ? pid_nr_ns(tty->pgrp, ns) : -1;
	uint64_t start_ticks = t->start_time / TICK_NSEC;
	tb_printf(tb, "%d (%s) %c %d %d %d %d %d %u %lu %lu %lu %lu %lu %lu %ld %ld %ld %ld %d 0 %lu %lu %ld %lu",
		  pid_nr_ns(t->pid, ns), t->comm, state_char(t),
		  parent ? pid_nr_ns(parent->pid, ns) : 0, pid_nr_ns(t->signal->pgrp, ns),
		  pid_nr_ns(t->signal->session, ns), tty_nr_of(t), tpgid, 0u,
		  0ul, 0ul, 0ul, 0ul, (unsigned long)t->utime, (unsigned long)t->stime,
		  (long)t->signal->cutime, (long)t->signal->cstime,
		  /* priority and nice as Linux shows them: 20 + nice, or
		   * -1 - rt_priority for a real-time task */
		  t->rt_priority ? -1l - t->rt_priority : 20l + t->nice, (long)t->nice,
		  t->signal->nr_threads, (unsigned long)start_ticks, vm_size(t->mm),
		  t->mm ? (long)t->mm->rss : 0l, ~0ul);
	/* ... exit_signal, processor, rt_priority, policy, ... */
	tb_printf(tb, " 0 0 0 0 0 0 0 0 0 0 0 0 0 %d %d %d 0 0 0 0 0 0 0 0 0 0 0\n",
		  sched_task_cpu(t), t->rt_priority, t->policy);
	return 0;
}

/* Ids are shown as the reader's user namespace names them. */
static int show_status(struct textbuf *tb, struct task *t, struct inode *in)
{
	struct pid_namespace *ns = proc_sb_ns(in->sb);
	struct cred *c = get_task_cred(t);
	if (!c)
		return -ESRCH;
	struct user_namespace *user_ns = current_user_ns();
	uint64_t ign = 0, cgt = 0;
	spin_lock(&tasklist_lock);	/* the leader outlives a thread until it is dead */
	int tgid = t->state != TASK_DEAD ? pid_nr_ns(t->group_leader->pid, ns) : 0;
	spin_unlock(&tasklist_lock);
	for (int i = 0; i < _NSIG && t->sighand; i++) {
		unsigned long h = t->sighand->action[i].handler;
		if (h == (unsigned long)SIG_IGN)
			ign |= 1ull << i;
		else if (h != (unsigned long)SIG_DFL)
			cgt |= 1ull << i;
	}
	tb_printf(tb, "Name:\t%s\nUmask:\t%04o\nState:\t%s\nTgid:\t%d\nNgid:\t0\nPid:\t%d\nPPid:\t%d\n"
		  "TracerPid:\t0\nUid:\t%u\t%u\t%u\t%u\nGid:\t%u\t%u\t%u\t%u\nFDSize:\t%u\nGroups:\t",
		  t->comm, t->fs ? t->fs->umask : 0, state_name(state_char(t)),
		  tgid, pid_nr_ns(t->pid, ns), t->parent ? pid_nr_ns(t->parent->pid, ns) : 0,
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
	tb_printf(tb, "NoNewPrivs:\t%d\nSeccomp:\t%d\nSeccomp_filters:\t%d\n", t->no_new_privs,
		  READ_ONCE(t->seccomp_mode), READ_ONCE(t->seccomp_count));
	put_cred(c);
	return 0;
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

/* The address space of t, referenced, or NULL (exec and do_exit change
 * t->mm under tasklist_lock). */
struct mm *task_mm_get(struct task *t)
{
	spin_lock(&tasklist_lock);
	struct mm *mm = t->mm;
	if (mm)
		mm_get(mm);
	spin_unlock(&tasklist_lock);
	return mm;
}

static int show_mm_strings(struct textbuf *tb, struct task *t, bool environ)
{
	struct mm *mm = task_mm_get(t);
	if (!mm)
		return 0;
	mutex_lock(&mm->lock);
	if (environ)
		gen_strings(tb, mm, mm->env_start, mm->env_end);
	else
		gen_strings(tb, mm, mm->arg_start, mm->arg_end);
	mutex_unlock(&mm->lock);
	mm_put(mm);
	return 0;
}

static int show_cmdline(struct textbuf *tb, struct task *t, struct inode *in)
{
	return show_mm_strings(tb, t, false);
}

/* The environment is the owner's only (the ptrace rule). */
static int show_environ(struct textbuf *tb, struct task *t, struct inode *in)
{
	return proc_may_access(t) ? show_mm_strings(tb, t, true) : -EACCES;
}

/*
 * statm: size resident shared text lib data dt, in pages.  Linux counts
 * text from the program's code segment and data as the private writable
 * and stack mappings; here text is every executable mapping and data every
 * writable private one.  Shared (file-backed resident pages) is not
 * tracked apart from the rest: 0.  lib and dt are always 0 on Linux.
 */
static int show_statm(struct textbuf *tb, struct task *t, struct inode *in)
{
	unsigned long size = 0, text = 0, data = 0, rss = 0;
	struct mm *mm = task_mm_get(t);
	if (mm) {
		mutex_lock(&mm->lock);
		struct vma *v;
		list_for_each_entry(v, &mm->vmas, link) {
			unsigned long pages = (v->end - v->start) / PAGE_SIZE;
			size += pages;
			if (v->flags & VM_EXEC)
				text += pages;
			else if ((v->flags & VM_WRITE) && !(v->flags & VM_SHARED))
				data += pages;
		}
		rss = mm->rss;
		mutex_unlock(&mm->lock);
		mm_put(mm);
	}
	tb_printf(tb, "%lu %lu %lu %lu 0 %lu 0\n", size, rss, 0ul, text, data);
	return 0;
}

static int show_comm(struct textbuf *tb, struct task *t, struct inode *in)
{
	tb_printf(tb, "%s\n", t->comm);
	return 0;
}

/*
 * Writing /proc/PID/comm renames the process, as PR_SET_NAME renames a
 * thread: the first TASK_COMM_LEN - 1 bytes, a newline included, as on
 * Linux.  Only a process's own threads may.
 */
static ssize_t write_comm(struct file *f, struct task *t, const void *buf, size_t len,
			  off_t *pos, bool user)
{
	char name[TASK_COMM_LEN] = { 0 };
	if (copy_in(name, buf, MIN(len, sizeof(name) - 1), user))
		return -EFAULT;
	if (t->group_leader != current->group_leader)
		return -EINVAL;
	set_task_comm(t, name);
	return len;
}

/* ---- limits, cgroup, OOM ---- */

/* limits: Linux's table, a row per resource in RLIMIT_* order. */
static const struct {
	const char *name, *unit;
} limit_rows[RLIM_NLIMITS] = {
	[RLIMIT_CPU] = { "Max cpu time", "seconds" },
	[RLIMIT_FSIZE] = { "Max file size", "bytes" },
	[RLIMIT_DATA] = { "Max data size", "bytes" },
	[RLIMIT_STACK] = { "Max stack size", "bytes" },
	[RLIMIT_CORE] = { "Max core file size", "bytes" },
	[RLIMIT_RSS] = { "Max resident set", "bytes" },
	[RLIMIT_NPROC] = { "Max processes", "processes" },
	[RLIMIT_NOFILE] = { "Max open files", "files" },
	[RLIMIT_MEMLOCK] = { "Max locked memory", "bytes" },
	[RLIMIT_AS] = { "Max address space", "bytes" },
	[RLIMIT_LOCKS] = { "Max file locks", "locks" },
	[RLIMIT_SIGPENDING] = { "Max pending signals", "signals" },
	[RLIMIT_MSGQUEUE] = { "Max msgqueue size", "bytes" },
	[RLIMIT_NICE] = { "Max nice priority", NULL },		/* no unit column */
	[RLIMIT_RTPRIO] = { "Max realtime priority", NULL },
	[RLIMIT_RTTIME] = { "Max realtime timeout", "us" },
};

static void show_limit_value(struct textbuf *tb, uint64_t v)
{
	if (v == RLIM_INFINITY)
		tb_printf(tb, "%-20s ", "unlimited");
	else
		tb_printf(tb, "%-20lu ", (unsigned long)v);
}

static int show_limits(struct textbuf *tb, struct task *t, struct inode *in)
{
	uint64_t cur[RLIM_NLIMITS], max[RLIM_NLIMITS];
	spin_lock(&t->signal->lock);
	memcpy(cur, t->signal->rlim_cur, sizeof(cur));
	memcpy(max, t->signal->rlim_max, sizeof(max));
	spin_unlock(&t->signal->lock);
	tb_printf(tb, "%-25s %-20s %-20s %-10s\n", "Limit", "Soft Limit", "Hard Limit", "Units");
	for (int i = 0; i < RLIM_NLIMITS; i++) {
		tb_printf(tb, "%-25s ", limit_rows[i].name);
		show_limit_value(tb, cur[i]);
		show_limit_value(tb, max[i]);
		if (limit_rows[i].unit)
			tb_printf(tb, "%-10s", limit_rows[i].unit);
		tb_printf(tb, "\n");
	}
	return 0;
}

/* cgroup: the cgroup v2 line, the path from the reader's cgroup
 * namespace root. */
static int show_cgroup(struct textbuf *tb, struct task *t, struct inode *in)
{
	char *line = kmalloc(PAGE_SIZE);
	if (!line)
		return -ENOMEM;
	int n = cgroup_proc_show(t, line, PAGE_SIZE);
	if (n >= 0)
		tb_printf(tb, "%s", line);
	kfree(line);
	return n < 0 ? n : 0;
}

/*
 * oom_score: Linux's badness scaled to 0..2000: 1000 plus the process's
 * share of memory in thousandths, its resident pages counted, plus
 * oom_score_adj; -1000 (never kill) reads 0.
 */
static int show_oom_score(struct textbuf *tb, struct task *t, struct inode *in)
{
	long total = nr_total_pages(), score = 0;
	spin_lock(&t->signal->lock);
	long adj = t->signal->oom_score_adj;
	spin_unlock(&t->signal->lock);
	if (adj != OOM_SCORE_ADJ_MIN) {
		struct mm *mm = task_mm_get(t);
		long points = mm ? (long)READ_ONCE(mm->rss) : 0;
		if (mm)
			mm_put(mm);
		points += adj * total / 1000;
		score = 1000 + points * 1000 / total;
		score = score < 0 ? 0 : score > 2000 ? 2000 : score;
	}
	tb_printf(tb, "%ld\n", score);
	return 0;
}

static int show_oom_score_adj(struct textbuf *tb, struct task *t, struct inode *in)
{
	spin_lock(&t->signal->lock);
	int adj = t->signal->oom_score_adj;
	spin_unlock(&t->signal->lock);
	tb_printf(tb, "%d\n", adj);
	return 0;
}

static bool is_space(char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

/* A decimal number, optionally signed, white space around it allowed. */
static int parse_int(const char *s, long *out)
{
	while (is_space(*s))
		s++;
	bool neg = *s == '-';
	long v = 0;
	if (*s == '-' || *s == '+')
		s++;
	if (*s < '0' || *s > '9')
		return -EINVAL;
	while (*s >= '0' && *s <= '9') {
		v = v * 10 + (*s++ - '0');
		if (v > 1000000)
			return -EINVAL;
	}
	while (is_space(*s))
		s++;
	if (*s)
		return -EINVAL;
	*out = neg ? -v : v;
	return 0;
}

/*
 * oom_score_adj: -1000 .. 1000 (EINVAL outside).  As Linux: going below
 * oom_score_adj_min needs CAP_SYS_RESOURCE, and a writer holding it moves
 * that floor to the new value, so an unprivileged process can go back
 * down to where it was put, but no lower.  Kept in the signal struct: the
 * whole thread group shares it and fork copies it.
 */
static ssize_t write_oom_score_adj(struct file *f, struct task *t, const void *buf, size_t len,
				   off_t *pos, bool user)
{
	char text[16];
	long adj;
	if (len >= sizeof(text))
		return -EINVAL;
	if (copy_in(text, buf, len, user))
		return -EFAULT;
	text[len] = '\0';
	if (parse_int(text, &adj) || adj < OOM_SCORE_ADJ_MIN || adj > OOM_SCORE_ADJ_MAX)
		return -EINVAL;
	bool privileged = capable(CAP_SYS_RESOURCE);
	struct signal_struct *sig = t->signal;
	spin_lock(&sig->lock);
	int err = adj < sig->oom_score_adj_min && !privileged ? -EACCES : 0;
	if (!err) {
		sig->oom_score_adj = adj;
		if (privileged)
			sig->oom_score_adj_min = adj;
	}
	spin_unlock(&sig->lock);
	return err ? err : (ssize_t)len;
}

/* ---- user namespace maps ---- */

/* uid_map and gid_map: Linux's format, the lower ids as the reader names
 * them (user_ns.h); setgroups: "allow" or "deny". */
static void show_id_map(struct textbuf *tb, struct task *t, enum id_map_kind kind)
{
	struct uid_gid_extent extents[UID_GID_MAP_MAX_EXTENTS];
	struct user_namespace *t_ns = get_task_user_ns(t);
	if (!t_ns)
		return;
	int n = userns_read_map(t_ns, kind, current_user_ns(), extents);
	put_user_ns(t_ns);
	for (int i = 0; i < n; i++)
		tb_printf(tb, "%10u %10u %10u\n", extents[i].first, extents[i].lower_first,
			  extents[i].count);
}

/* uid_map, gid_map: one write, at the start, of less than a page; the
 * rules are the user namespace's (userns_write_map). */
static ssize_t write_id_map(struct file *f, struct task *t, enum id_map_kind kind,
			    const void *buf, size_t len, off_t *pos, bool user)
{
	if (*pos != 0 || len >= PAGE_SIZE)
		return -EINVAL;
	char *text = kmalloc(len + 1);
	if (!text)
		return -ENOMEM;
	ssize_t ret = copy_in(text, buf, len, user) ? -EFAULT : 0;
	if (!ret) {
		text[len] = '\0';
		struct user_namespace *ns = get_task_user_ns(t);
		ret = ns ? userns_write_map(ns, kind, f->f_cred, text) : -ESRCH;
		put_user_ns(ns);
	}
	kfree(text);
	if (ret)
		return ret;
	*pos = len;
	return len;
}

/* setgroups: "allow" or "deny", white space after it allowed. */
static ssize_t write_setgroups(struct file *f, struct task *t, const void *buf, size_t len,
			       off_t *pos, bool user)
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
	while (is_space(*rest))
		rest++;
	if (*rest)
		return -EINVAL;
	struct user_namespace *ns = get_task_user_ns(t);
	int err = ns ? userns_set_setgroups(ns, allow) : -ESRCH;
	put_user_ns(ns);
	if (err)
		return err;
	*pos = len;
	return len;
}

static int show_uid_map(struct textbuf *tb, struct task *t, struct inode *in)
{
	show_id_map(tb, t, ID_MAP_UID);
	return 0;
}

static int show_gid_map(struct textbuf *tb, struct task *t, struct inode *in)
{
	show_id_map(tb, t, ID_MAP_GID);
	return 0;
}

static ssize_t write_uid_map(struct file *f, struct task *t, const void *buf, size_t len,
			     off_t *pos, bool user)
{
	return write_id_map(f, t, ID_MAP_UID, buf, len, pos, user);
}

static ssize_t write_gid_map(struct file *f, struct task *t, const void *buf, size_t len,
			     off_t *pos, bool user)
{
	return write_id_map(f, t, ID_MAP_GID, buf, len, pos, user);
}

static int show_setgroups(struct textbuf *tb, struct task *t, struct inode *in)
{
	struct user_namespace *ns = get_task_user_ns(t);
	if (!ns)
		return -ESRCH;
	tb_printf(tb, "%s\n", userns_setgroups_allowed(ns) ? "allow" : "deny");
	put_user_ns(ns);
	return 0;
}

/* Opening setgroups for writing needs CAP_SYS_ADMIN in the namespace. */
static int setgroups_may_open(struct task *t, struct file *f)
{
	if (!(f->mode & FMODE_WRITE))
		return 0;
	struct user_namespace *ns = get_task_user_ns(t);
	bool ok = ns && ns_capable(ns, CAP_SYS_ADMIN);
	put_user_ns(ns);
	return ok ? 0 : -EPERM;
}

/* ---- task/: a directory per thread ---- */

/* The thread of the process of task nr (root level) whose number in ns
 * is the lowest above last: that number, its root-level one in *root_nr;
 * 0 when there is none. */
static void consider_thread(struct task *th, struct pid_namespace *ns, int last, int *best,
			    int *root_nr)
{
	int tid = th->pid && th->state != TASK_DEAD ? pid_nr_ns(th->pid, ns) : 0;
	if (tid > last && (!*best || tid < *best)) {
		*best = tid;
		*root_nr = th->pid->numbers[0].nr;
	}
}

static int next_thread(int nr, struct pid_namespace *ns, int last, int *root_nr)
{
	struct task *t = task_by_root_nr(nr), *th;
	int best = 0;
	if (!t)
		return 0;
	spin_lock(&tasklist_lock);
	/* A thread that has not exited keeps its leader (a zombie at worst). */
	if (t->group_leader == t || t->state != TASK_DEAD) {
		struct task *leader = t->group_leader;
		consider_thread(leader, ns, last, &best, root_nr);
		list_for_each_entry(th, &leader->threads, thread_link)
			consider_thread(th, ns, last, &best, root_nr);
	}
	spin_unlock(&tasklist_lock);
	task_put(t);
	return best;
}

/* task/TID: a thread of this process, shown as a process's directory. */
static int proc_task_lookup(struct inode *dir, const char *name, size_t len, struct inode **out)
{
	struct pid_namespace *ns = proc_sb_ns(dir->sb);
	int tid = proc_parse_nr(name, len), root_nr = 0;
	if (tid <= 0 || next_thread(INO_NR(dir->ino), ns, tid - 1, &root_nr) != tid)
		return -ENOENT;
	return proc_iget(dir->sb, INO_SPECIAL(root_nr, PROC_PID_DIR), out);
}

static int proc_task_iterate(struct file *f, struct dir_context *ctx)
{
	struct pid_namespace *ns = proc_sb_ns(f->inode->sb);
	int nr = INO_NR(f->inode->ino);
	if (!proc_emit_dots(ctx, f->inode->ino, INO_SPECIAL(nr, PROC_PID_DIR)))
		return 0;
	/* Threads: position 2 + their number. */
	int last = ctx->pos > 2 ? (int)(ctx->pos - 2) : 0, tid, root_nr = 0;
	while ((tid = next_thread(nr, ns, last, &root_nr))) {
		char name[12];
		int n = snprintf(name, sizeof(name), "%d", tid);
		ctx->pos = 2 + tid;
		if (!ctx->emit(ctx, name, n, INO_SPECIAL(root_nr, PROC_PID_DIR), DT_DIR)) {
			ctx->pos = 2 + last;
			return 0;
		}
		last = tid;
	}
	f->pos = ctx->pos;
	return 0;
}

static const struct inode_operations proc_task_iops = { .lookup = proc_task_lookup };
static const struct file_operations proc_task_fops = { .iterate = proc_task_iterate };

/* The last refusals of the process (denials.h): the owner's only, as
 * environ (they name files and rules). */
static int show_denials(struct textbuf *tb, struct task *t, struct inode *in)
{
	size_t len = DENIALS_SHOWN * DENIAL_LEN + 1;
	if (!proc_may_access(t))
		return -EACCES;
	char *buf = kmalloc(len);
	if (!buf)
		return -ENOMEM;
	denials_read(t, buf, len);
	tb_printf(tb, "%s", buf);
	kfree(buf);
	return 0;
}

/* ---- the directory ---- */

#define TEXT(name, mode, gen)	{ name, S_IFREG | (mode), .show = gen }
#define RW(name, mode, gen, writer)	{ name, S_IFREG | (mode), .show = gen, .write = writer }
#define LINK(name, fn)	{ name, S_IFLNK | 0777, .target = fn }

static const struct proc_entry pid_entries[] = {
	TEXT("stat", 0444, show_stat),
	TEXT("statm", 0444, show_statm),
	TEXT("status", 0444, show_status),
	TEXT("cmdline", 0444, show_cmdline),
	TEXT("environ", 0400, show_environ),
	{ "mem", S_IFREG | 0600, .fops = &proc_mem_fops },
	RW("comm", 0644, show_comm, write_comm),
	TEXT("mounts", 0444, proc_show_mounts),
	TEXT("mountinfo", 0444, proc_show_mountinfo),
	RW("uid_map", 0644, show_uid_map, write_uid_map),
	RW("gid_map", 0644, show_gid_map, write_gid_map),
	{ "setgroups", S_IFREG | 0644, .show = show_setgroups, .write = write_setgroups,
	  .may_open = setgroups_may_open },
	TEXT("cgroup", 0444, show_cgroup),
	TEXT("limits", 0444, show_limits),
	TEXT("oom_score", 0444, show_oom_score),
	RW("oom_score_adj", 0644, show_oom_score_adj, write_oom_score_adj),
	LINK("exe", proc_exe_target),
	LINK("cwd", proc_cwd_target),
	LINK("root", proc_root_target),
	{ "fd", S_IFDIR | 0500, .iops = &proc_fd_dir_iops, .fops = &proc_fd_dir_fops },
	{ "fdinfo", S_IFDIR | 0555, .iops = &proc_fdinfo_dir_iops, .fops = &proc_fdinfo_dir_fops },
	{ "task", S_IFDIR | 0555, .iops = &proc_task_iops, .fops = &proc_task_fops },
	{ "ns", S_IFDIR | 0511, .dir = &proc_ns_table },
	{ "net", S_IFDIR | 0555, .dir = &proc_net_table },
	TEXT("denials", 0400, show_denials),
	TEXT("maps", 0444, proc_show_maps),
};

const struct proc_table proc_pid_table = {
	PROC_T_PID, pid_entries, ARRAY_SIZE(pid_entries), PROC_T_SPECIAL, PROC_ROOT_DIR,
};
