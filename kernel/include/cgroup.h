/*
 * cgroup v2: one hierarchy of control groups, shown by the "cgroup2" file
 * system (kernel/cgroup/).  Every task belongs to exactly one cgroup: the
 * root at boot, its parent's at fork (or the one clone3's
 * CLONE_INTO_CGROUP names), another when a process is written into a
 * cgroup.procs file.  Controllers (cpu, io, memory and pids)
 * are entries of a table (struct cgroup_subsys) with their files and hooks
 * at fork, migration and release, like Linux's cgroup_subsys.
 *
 * Locks, taken in this order:
 *  - cgroup_mutex (a mutex) guards the shape of the tree (children lists,
 *    mkdir, rmdir), every setting written through a file (subtree_control,
 *    max.depth, max.descendants, freeze, a controller's limits) and each
 *    cgroup's file attributes.  Held across a whole migration.
 *  - tasklist_lock (proc.h): finding a task and its threads.
 *  - css_set_lock (a spinlock) guards task->cgroup, each cgroup's task list
 *    and nr_tasks, the effective freeze state, the task freeze flags, the
 *    controllers' counters (pids.current) and the children lists too
 *    (changed under both, so walkers may hold either).
 *
 * Lifetime: a cgroup is referenced by its parent while in the tree, by
 * each task pointing at it (until the task is reaped), by each inode of
 * it, by a cgroup namespace rooted at it and by a super block whose root
 * it is; rmdir takes it out of the tree and the last put frees it.
 */
#ifndef KERNEL_CGROUP_H
#define KERNEL_CGROUP_H

#include "ns_common.h"
#include "types.h"
#include "list.h"
#include "lock.h"
#include "memcontrol.h"

struct task;
struct file;
struct inode;
struct super_block;
struct user_namespace;
struct cgroup_namespace;

/* The controllers, in the order cgroup.controllers lists them. */
enum cgroup_subsys_id {
	CGROUP_SUBSYS_CPU,
	CGROUP_SUBSYS_IO,
	CGROUP_SUBSYS_MEMORY,
	CGROUP_SUBSYS_PIDS,
	CGROUP_SUBSYS_COUNT,
};

#define CGROUP_MAX_FILES	48	/* core and controller files together (cgroupfs numbers up to 63) */
#define CGROUP_NAME_MAX		255
#define CGROUP_LIMIT_MAX	0x7fffffff	/* "max" for counts */

/* The owner and mode of one name in a cgroup's directory. */
struct cgroup_attr {
	uid_t uid;
	gid_t gid;
	umode_t mode;
};

/* The pids controller's state (pids.c), kept in every cgroup. */
struct pids_state {
	long max;		/* CGROUP_LIMIT_MAX: no limit; cgroup_mutex */
	long count, peak;	/* pids.current, pids.peak; css_set_lock */
	long events_max;	/* forks refused by this limit; css_set_lock */
};

/* The memory controller's state (memcontrol.h), kept in every cgroup but
 * the root.  Counts are in pages. */
#define MEMCG_MAX_PAGES	(0x7fffffffffffffffl / 4096)	/* "max": Linux's PAGE_COUNTER_MAX */
struct memcg_state {
	long usage, peak;		/* this subtree's charges; atomic */
	long max, high, low, min;	/* written under cgroup_mutex, read without */
	bool oom_group;			/* memory.oom.group; cgroup_mutex */
	long stat[MEMCG_NR_KINDS];	/* this group's own charges; atomic */
	long events[MEMCG_NR_EVENTS];	/* this group's own events; atomic */
	long pgfault;			/* faults of its tasks; atomic */
	/* Its page-cache pages, least recently used first, by page->link
	 * (pcache_lock); a removed cgroup's go to its parent's. */
	struct list_head pc_pages;
	/* Reclaim's view of memory.min and memory.low (memcontrol.c's
	 * memcg_calc_protection; css_set_lock): the effective protection
	 * below the reclaim's root, and what its children claim of it. */
	long emin, elow;
	long children_min, children_low, children_usage;
};

/* The io controller's state (io.c), kept in every cgroup, under io.c's
 * io_lock: per device, what went through it and the limits. */
#define IO_MAX_DEVS	4
enum { IO_RBPS, IO_WBPS, IO_RIOPS, IO_WIOPS, IO_NLIMITS };
struct io_dev_state {
	bool used;
	dev_t dev;
	uint64_t rbytes, wbytes, rios, wios;	/* io.stat */
	uint64_t limit[IO_NLIMITS];		/* io.max; 0: "max" */
	uint64_t next_ns[IO_NLIMITS];		/* each limit's pacing clock */
};
struct io_state {
	struct io_dev_state dev[IO_MAX_DEVS];
};

/* The cpu controller's state (cpu.c, used by sched.c), kept in every
 * cgroup: the settings under cgroup_mutex and sched_lock, the rest under
 * sched_lock.  Times are in ns. */
struct cpu_state {
	int weight;			/* cpu.weight, 1 .. 10000 */
	uint64_t quota, period;		/* cpu.max; quota 0: "max" */
	uint64_t usage, user, system;	/* cpu.stat */
	uint64_t nr_periods, nr_throttled, throttled;
	uint64_t period_start, period_used;	/* of the current period */
	uint64_t throttle_end;		/* throttled until then */
	int nr_running;			/* runnable tasks in it (not below) */
	struct list_head parked;	/* its tasks waiting for the refill */
	struct list_head throttle_link;	/* in sched.c's list while parked is not empty */
};

struct cgroup {
	int refcnt;			/* atomic */
	unsigned int id;		/* unique, never reused: inode numbers */
	char *name;			/* "" for the root */
	struct cgroup *parent;		/* NULL for the root */
	int level;			/* 0 for the root */
	struct list_head children;	/* see the locks above */
	struct list_head sibling;
	struct list_head all_link;	/* in every cgroup's list, by id */
	bool dead;			/* removed by rmdir */
	int nr_descendants;		/* live ones below it */
	int max_depth, max_descendants;	/* CGROUP_LIMIT_MAX: "max" */
	unsigned int subtree_control;	/* 1 << CGROUP_SUBSYS_* */
	struct list_head tasks;		/* threads in it, by task->cg_node */
	int nr_tasks;
	bool freeze;			/* cgroup.freeze as written */
	bool e_freeze;			/* it or an ancestor is frozen */
	struct super_block *sb;		/* a cgroup2 instance rooted here */
	struct cgroup_attr dir_attr;
	struct cgroup_attr attrs[CGROUP_MAX_FILES];
	struct pids_state pids;
	struct memcg_state mem;
	struct io_state io;
	struct cpu_state cpu;
};

/* A text file's contents are generated into a buffer like this. */
struct cgroup_buf {
	char *buf;
	size_t len, cap;
	bool overflow;
};
void cgbuf_printf(struct cgroup_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* One file of every cgroup's directory (or of a controller's). */
#define CFTYPE_NOT_ON_ROOT	1u
#define CFTYPE_ONLY_ON_ROOT	2u
struct cftype {
	const char *name;
	umode_t mode;
	unsigned int flags;
	/* The text the file reads as, for the reader current. */
	int (*show)(struct cgroup *cgrp, struct cgroup_buf *b);
	/* A write of the NUL-terminated buf (its length len); f is the open
	 * file.  Called with cgroup_mutex held.  len or -errno. */
	ssize_t (*write)(struct cgroup *cgrp, char *buf, size_t len, struct file *f);
};

/* A controller. */
struct cgroup_subsys {
	const char *name;
	const struct cftype *files;	/* shown where the parent enables it */
	size_t nr_files;
	/* Under css_set_lock: may a task be forked into cgrp (-errno if
	 * not; charges it), and the undo of a successful can_fork. */
	int (*can_fork)(struct cgroup *cgrp);
	void (*cancel_fork)(struct cgroup *cgrp);
	/* Under css_set_lock: a task moves from one cgroup to another. */
	void (*attach)(struct task *t, struct cgroup *from, struct cgroup *to);
	/* Under css_set_lock: a task of cgrp is reaped. */
	void (*release)(struct task *t, struct cgroup *cgrp);
	/* Under cgroup_mutex: the controller was disabled for cgrp (its
	 * parent's subtree_control lost it): its limits go back to none. */
	void (*reset)(struct cgroup *cgrp);
};
extern const struct cgroup_subsys pids_subsys;
extern const struct cgroup_subsys memory_subsys;
extern const struct cgroup_subsys io_subsys;

/* io.c: a transfer of bytes to (write) or from block device dev by
 * current, charged to its cgroup and ancestors; sleeps while a limit
 * (io.max) holds it back.  Called by the block cache, holding no spinlock. */
void cgroup_io_charge(dev_t dev, bool write, size_t bytes);
extern const struct cgroup_subsys cpu_subsys;
/* cpu.c: a new cgroup's cpu state (defaults); the core's cpu.stat file. */
void cpu_cgroup_init(struct cgroup *cgrp);
int cpu_stat_show(struct cgroup *cgrp, struct cgroup_buf *b);

extern struct cgroup cgroup_root;
extern struct mutex cgroup_mutex;
extern struct spinlock css_set_lock;

/* cgroup.c: the core. */
void cgroup_init(void);
struct cgroup *cgroup_get(struct cgroup *cgrp);
void cgroup_put(struct cgroup *cgrp);
bool cgroup_is_descendant(struct cgroup *cgrp, struct cgroup *ancestor);
/* The cgroup with this id, referenced, or NULL (also once removed). */
struct cgroup *cgroup_find_id(unsigned int id);
/* The cgroup a task is in, referenced (the root for kernel threads). */
struct cgroup *task_get_cgroup(struct task *t);
/* PID 1 joins the root cgroup (init_task.c). */
void cgroup_init_task(struct task *t);
/* clone: charge and link child t into into (or parent's cgroup when
 * NULL); -EAGAIN past pids.max, -EBUSY/-ENODEV for a CLONE_INTO_CGROUP
 * target that cannot take processes.  Caller holds tasklist_lock. */
int cgroup_fork(struct task *t, struct task *parent, struct cgroup *into);
/* do_exit: t leaves its cgroup's task list (it stays charged). */
void cgroup_exit(struct task *t);
/* t is reaped (or its fork failed after cgroup_fork): uncharge, drop. */
void cgroup_release(struct task *t);
/* Move process pid (0: current) with all its threads, or with
 * !threadgroup the one thread pid, into dst, with the checks of a write to
 * dst's cgroup.procs (whose own write permission the open checked):
 * ESRCH, EACCES, ENOENT outside the writer's cgroup namespace, EBUSY for
 * the no-internal-process rule, EOPNOTSUPP for a thread.  Caller holds
 * cgroup_mutex. */
int cgroup_attach_pid(struct cgroup *dst, pid_t pid, bool threadgroup);
/* The checks of a move of current's process to dst (CLONE_INTO_CGROUP):
 * write permission on dst's and the common ancestor's cgroup.procs, dst
 * within current's namespace, no internal process. */
int cgroup_may_fork_into(struct cgroup *dst);
/* "/a/b" of cgrp seen from root ("/.." steps when cgrp is outside it);
 * the length, or -ENAMETOOLONG. */
int cgroup_path_from(struct cgroup *cgrp, struct cgroup *root, char *buf, size_t len);
/* /proc/PID/cgroup of t for the reader current. */
int cgroup_proc_show(struct task *t, char *buf, size_t len);
/* The controllers enabled in cgrp's parent (all for the root). */
unsigned int cgroup_control(struct cgroup *cgrp);
extern const struct cgroup_subsys *const cgroup_subsys[CGROUP_SUBSYS_COUNT];
/* May current do mask (MAY_*) to a name with these attributes, as
 * vfs_permission decides for an inode: 0 or -EACCES. */
int cgroup_attr_permission(const struct cgroup_attr *a, int mask);
/* Sub-tree walk: next cgroup after pos in pre-order below root, or NULL.
 * Caller holds cgroup_mutex or css_set_lock. */
struct cgroup *cgroup_next_descendant(struct cgroup *pos, struct cgroup *root);

/* cgroupfs.c: the "cgroup2" file system; its type registers at boot. */
void cgroupfs_init(void);
/* The cgroup a directory of cgroup2 stands for, referenced, or NULL
 * (clone3's CLONE_INTO_CGROUP descriptor). */
struct cgroup *cgroup_of_file(struct file *f);
/* The core files' table (cgroup.c), for cgroupfs. */
extern const struct cftype cgroup_core_files[];
extern const size_t cgroup_nr_core_files;

/* freezer.c: cgroup.freeze and cgroup.kill. */
/* Apply cgrp's setting to its subtree (cgroup_mutex held). */
void cgroup_freeze_apply(struct cgroup *cgrp);
/* Is every task of cgrp's subtree stopped by the freezer or asleep? */
bool cgroup_is_frozen(struct cgroup *cgrp);
/* A task moved into or forked into cgrp: stop it if cgrp is frozen.
 * Caller holds css_set_lock. */
void cgroup_freezer_join(struct task *t, struct cgroup *cgrp);
/* do_signal: current stops here while its cgroup is frozen (until thawed,
 * moved out or killed). */
void cgroup_freezer_trap(void);
/* SIGKILL to every task in cgrp's subtree. */
void cgroup_kill(struct cgroup *cgrp);

/* ns/cgroup.c: cgroup namespaces, shaped like the other namespaces. */
struct cgroup_namespace {
	struct ns_common ns;		/* /proc/PID/ns/cgroup (ns_common.h) */
	int refcnt;			/* atomic */
	struct user_namespace *user_ns;	/* its owner */
	struct cgroup *root;		/* referenced: the cgroup it was made in */
};
extern struct cgroup_namespace init_cgroup_ns;
struct cgroup_namespace *get_cgroup_ns(struct cgroup_namespace *ns);
void put_cgroup_ns(struct cgroup_namespace *ns);
/* CLONE_NEWCGROUP: a namespace rooted at current's cgroup, owned by
 * user_ns; NULL when out of memory. */
struct cgroup_namespace *copy_cgroup_ns(struct user_namespace *user_ns);
/* The root of current's cgroup namespace (not referenced: current's
 * nsproxy holds it). */
struct cgroup *current_cgroup_ns_root(void);

#endif
