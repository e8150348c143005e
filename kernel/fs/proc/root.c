/*
 * procfs: the root directory: its fixed entries (a table), then one
 * directory per process of the instance's pid namespace, and the global
 * files' generators.  The processes are found under pidmap_lock (lookup)
 * and tasklist_lock (readdir, counts); the rest reads counters that other
 * harts update, possibly a little stale.
 */
#include "internal.h"
#include "panic.h"
#include "boot.h"
#include "bcache.h"
#include "pcache.h"
#include "mm.h"
#include "timer.h"
#include "profile.h"
#include <linux/fs.h>
#include "string.h"

/* ---- the global files ---- */

static int show_meminfo(struct textbuf *tb, struct task *t, struct inode *in)
{
	unsigned long kb = PAGE_SIZE / 1024;
	unsigned long total = nr_total_pages() * kb, free = nr_free_pages() * kb;
	unsigned long cached = pcache_pages() * kb, buffers = bcache_bytes() / 1024;
	unsigned long avail = free + pcache_reclaimable() * kb + buffers;
	tb_printf(tb, "MemTotal:       %8lu kB\nMemFree:        %8lu kB\nMemAvailable:   %8lu kB\n"
		  "Buffers:        %8lu kB\nCached:         %8lu kB\nSwapCached:     %8lu kB\n"
		  "Shmem:          %8lu kB\nSReclaimable:   %8lu kB\nSwapTotal:      %8lu kB\n"
		  "SwapFree:       %8lu kB\n", total, free, avail, buffers, cached, 0ul, 0ul, 0ul, 0ul, 0ul);
	return 0;
}

static int show_uptime(struct textbuf *tb, struct task *t, struct inode *in)
{
	uint64_t now = timer_now_ns(), idle = 0;
	for (int i = 0; i < ncpus; i++)
		idle += READ_ONCE(cpus[i].idle_ticks);
	idle *= TICK_NSEC;
	tb_printf(tb, "%lu.%02lu %lu.%02lu\n", (unsigned long)(now / 1000000000ull),
		  (unsigned long)(now / 10000000ull % 100), (unsigned long)(idle / 1000000000ull),
		  (unsigned long)(idle / 10000000ull % 100));
	return 0;
}

/* The cpu lines of /proc/stat (user nice system idle iowait irq softirq
 * steal guest guest_nice, in USER_HZ ticks) and the boot time. */
static int show_stat(struct textbuf *tb, struct task *t, struct inode *in)
{
	uint64_t user = 0, system = 0, idle = 0, now = timer_now_ns();
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
	proc_show_stat_counts(tb);
	tb_printf(tb, "btime %lu\n", (unsigned long)((realtime_ns() - now) / 1000000000ull));
	return 0;
}

/* A fixed-point load average as Linux prints it: two decimals. */
static void show_load(struct textbuf *tb, unsigned long load)
{
	unsigned long hundredths = (load & (LOAD_FIXED_1 - 1)) * 100 >> LOAD_FSHIFT;
	tb_printf(tb, "%lu.%02lu ", load >> LOAD_FSHIFT, hundredths);
}

/*
 * loadavg: the three averages (loadavg.c), the tasks running and all
 * tasks of the instance's namespace (threads counted, as Linux), and the
 * last pid handed out in it.
 */
static int show_loadavg(struct textbuf *tb, struct task *t, struct inode *in)
{
	struct pid_namespace *ns = proc_sb_ns(in->sb);
	unsigned long loads[3];
	int running = 0, total = 0;
	struct task *p;
	loadavg_read(loads);
	for (int i = 0; i < 3; i++)
		show_load(tb, loads[i]);
	spin_lock(&tasklist_lock);
	list_for_each_entry(p, &all_tasks, all_link) {
		if (!p->pid || p->state == TASK_DEAD || !pid_nr_ns(p->pid, ns))
			continue;
		total++;
		running += p->state == TASK_RUNNING;
	}
	spin_unlock(&tasklist_lock);
	tb_printf(tb, "%d/%d %d\n", running, total, ns->last_pid);
	return 0;
}

static void show_filesystem(struct file_system_type *type, void *arg)
{
	tb_printf(arg, "%s\t%s\n", type->needs_device ? "" : "nodev", type->name);
}

/* filesystems: the registered types, "nodev" before those that need no
 * block device. */
static int show_filesystems(struct textbuf *tb, struct task *t, struct inode *in)
{
	for_each_filesystem(show_filesystem, tb);
	return 0;
}

/*
 * cpuinfo: Linux's riscv layout, a block per online hart: processor (our
 * index), hart (its id), isa (the device tree's string, the same for
 * every hart here), mmu, then a blank line.
 */
static int show_cpuinfo(struct textbuf *tb, struct task *t, struct inode *in)
{
	for (int i = 0; i < ncpus; i++)
		tb_printf(tb, "processor\t: %d\nhart\t\t: %lu\nisa\t\t: %s\nmmu\t\t: sv39\n\n",
			  i, cpus[i].hartid, boot_info.isa);
	return 0;
}

/* version: Linux's banner with the names uname gives the reader. */
static int show_version(struct textbuf *tb, struct task *t, struct inode *in)
{
	struct new_utsname u;
	uts_get_name(&u);
	tb_printf(tb, "%s version %s (isolate@build) (gcc version " __VERSION__ ") %s\n",
		  u.sysname, u.release, u.version);
	return 0;
}

/* The kernel's command line, as the boot loader gave it. */
static int show_cmdline(struct textbuf *tb, struct task *t, struct inode *in)
{
	tb_printf(tb, "%s\n", boot_info.bootargs);
	return 0;
}

/* ---- links ---- */

static ssize_t link_text(char *buf, size_t len, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static ssize_t link_text(char *buf, size_t len, const char *fmt, ...)
{
	char tmp[32];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	n = MIN((size_t)n, len);
	memcpy(buf, tmp, n);
	return n;
}

/* self: the reader's process, by its number in the instance's namespace. */
static ssize_t self_link(struct inode *in, char *buf, size_t len)
{
	return link_text(buf, len, "%d", pid_nr_ns(current->group_leader->pid, proc_sb_ns(in->sb)));
}

/* thread-self: the reader's thread, PID/task/TID. */
static ssize_t thread_self_link(struct inode *in, char *buf, size_t len)
{
	struct pid_namespace *ns = proc_sb_ns(in->sb);
	return link_text(buf, len, "%d/task/%d", pid_nr_ns(current->group_leader->pid, ns),
			 pid_nr_ns(current->pid, ns));
}

static ssize_t mounts_link(struct inode *in, char *buf, size_t len)
{
	return link_text(buf, len, "self/mounts");
}

static ssize_t net_link(struct inode *in, char *buf, size_t len)
{
	return link_text(buf, len, "self/net");
}

/* /proc/profile: the profiler's histogram (profile.h); a write clears it. */
static ssize_t profile_file_read(struct file *f, void *buf, size_t len, off_t *pos, bool user)
{
	return profile_read(buf, len, pos, user);
}

static ssize_t profile_file_write(struct file *f, const void *buf, size_t len, off_t *pos,
				  bool user)
{
	profile_reset();
	return len;
}

static off_t profile_file_llseek(struct file *f, off_t off, int whence)
{
	mutex_lock(&f->pos_lock);
	off_t pos = whence == SEEK_SET ? off : whence == SEEK_CUR ? f->pos + off :
		    whence == SEEK_END ? (off_t)profile_size() + off : -1;
	if (pos >= 0)
		f->pos = pos;
	mutex_unlock(&f->pos_lock);
	return pos >= 0 ? pos : -EINVAL;
}

static const struct file_operations profile_fops = {
	.read = profile_file_read, .write = profile_file_write, .llseek = profile_file_llseek,
};

/* /proc/sysrq-trigger, as Linux's for the one key kept here: "t" writes
 * every task with its state and kernel stack to the console (panic.h).
 * Root only (mode 0200); other keys are accepted and ignored. */
static int show_sysrq(struct textbuf *tb, struct task *t, struct inode *in)
{
	return 0;
}

static ssize_t write_sysrq(struct file *f, struct task *t, const void *buf, size_t len,
			   off_t *pos, bool user)
{
	char c;
	if (len == 0)
		return 0;
	if (copy_in(&c, buf, 1, user))
		return -EFAULT;
	if (c == 't')
		show_all_tasks();
	return len;
}

static const struct proc_entry root_entries[] = {
	[PROC_ROOT_SYS] = { "sys", S_IFDIR | 0555, .dir = &proc_sys_table },
	{ "self", S_IFLNK | 0777, .link = self_link },
	{ "thread-self", S_IFLNK | 0777, .link = thread_self_link },
	{ "meminfo", S_IFREG | 0444, .show = show_meminfo },
	{ "uptime", S_IFREG | 0444, .show = show_uptime },
	{ "mounts", S_IFLNK | 0777, .link = mounts_link },
	{ "net", S_IFLNK | 0777, .link = net_link },
	{ "loadavg", S_IFREG | 0444, .show = show_loadavg },
	{ "filesystems", S_IFREG | 0444, .show = show_filesystems },
	{ "stat", S_IFREG | 0444, .show = show_stat },
	{ "cpuinfo", S_IFREG | 0444, .show = show_cpuinfo },
	{ "version", S_IFREG | 0444, .show = show_version },
	{ "cmdline", S_IFREG | 0444, .show = show_cmdline },
	{ "slabinfo", S_IFREG | 0400, .show = proc_show_slabinfo },
	{ "vmstat", S_IFREG | 0444, .show = proc_show_vmstat },
	{ "interrupts", S_IFREG | 0444, .show = proc_show_interrupts },
	{ "sysrq-trigger", S_IFREG | 0200, .show = show_sysrq, .write = write_sysrq },
	{ "lock_stat", S_IFREG | 0600, .show = proc_show_lock_stat, .write = proc_write_lock_stat },
	{ "profile", S_IFREG | 0644, .fops = &profile_fops, .visible = profile_enabled,
	  .size = profile_size },
};

const struct proc_table proc_root_table = {
	PROC_T_ROOT, root_entries, ARRAY_SIZE(root_entries), PROC_T_SPECIAL, PROC_ROOT_DIR,
};

/* ---- the directory: fixed entries, then processes ---- */

/* The root-level number of process nr of ns while it lives, else 0. */
static int live_process(struct pid_namespace *ns, int nr)
{
	int root_nr = 0;
	spin_lock(&pidmap_lock);
	struct pid *pid = find_pid_ns(nr, ns);
	if (pid && !list_empty(&pid->tasks[PIDTYPE_PID])) {
		struct task *t = list_first_entry(&pid->tasks[PIDTYPE_PID], struct task,
						  pid_links[PIDTYPE_PID]);
		if (t->group_leader == t && t->state != TASK_DEAD)
			root_nr = pid->numbers[0].nr;
	}
	spin_unlock(&pidmap_lock);
	return root_nr;
}

static int proc_root_lookup(struct inode *dir, const char *name, size_t len, struct inode **out)
{
	int err = proc_table_lookup(dir, &proc_root_table, 0, name, len, out);
	if (err != -ENOENT)
		return err;
	int nr = proc_parse_nr(name, len);
	int root_nr = nr > 0 ? live_process(proc_sb_ns(dir->sb), nr) : 0;
	if (!root_nr)
		return -ENOENT;
	return proc_iget(dir->sb, INO_SPECIAL(root_nr, PROC_PID_DIR), out);
}

/* The process of ns with the lowest number above last: that number, and
 * its root-level one in *root_nr; 0 when there is none. */
static int next_process(struct pid_namespace *ns, int last, int *root_nr)
{
	int best = 0;
	struct task *t;
	spin_lock(&tasklist_lock);
	list_for_each_entry(t, &all_tasks, all_link) {
		if (t->group_leader != t || !t->pid || t->state == TASK_DEAD)
			continue;
		int nr = pid_nr_ns(t->pid, ns);
		if (nr > last && (!best || nr < best)) {
			best = nr;
			*root_nr = t->pid->numbers[0].nr;
		}
	}
	spin_unlock(&tasklist_lock);
	return best;
}

static int proc_root_iterate(struct file *f, struct dir_context *ctx)
{
	struct pid_namespace *ns = proc_sb_ns(f->inode->sb);
	ino_t root = INO_SPECIAL(0, PROC_ROOT_DIR);
	if (!proc_emit_dots(ctx, root, root) || !proc_table_iterate(ctx, &proc_root_table, 0))
		return 0;
	/* Processes: positions past the fixed entries are pid numbers + base. */
	off_t base = 2 + proc_root_table.n;
	int last = ctx->pos > base ? (int)(ctx->pos - base) : 0, nr, root_nr = 0;
	while ((nr = next_process(ns, last, &root_nr))) {
		char name[12];
		int n = snprintf(name, sizeof(name), "%d", nr);
		ctx->pos = base + nr;
		if (!ctx->emit(ctx, name, n, INO_SPECIAL(root_nr, PROC_PID_DIR), DT_DIR)) {
			ctx->pos = base + last;
			return 0;
		}
		last = nr;
	}
	f->pos = ctx->pos;
	return 0;
}

/* A cached /N still names the process its inode is for: pids are reused. */
static bool proc_root_revalidate(struct inode *dir, const char *name, size_t len,
				 struct inode *in)
{
	if (INO_TABLE(in->ino) != PROC_T_SPECIAL)
		return proc_revalidate(dir, name, len, in);
	int nr = proc_parse_nr(name, len);
	int root_nr = nr > 0 ? live_process(proc_sb_ns(dir->sb), nr) : 0;
	if (!root_nr || root_nr != INO_NR(in->ino))
		return false;
	proc_set_owner(in);
	return true;
}

const struct inode_operations proc_root_iops = {
	.lookup = proc_root_lookup,
	.revalidate = proc_root_revalidate,
};
const struct file_operations proc_root_fops = { .iterate = proc_root_iterate };
