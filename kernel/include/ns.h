/*
 * Namespaces and PIDs.  Every task points to an nsproxy naming its uts,
 * mount, pid (for children) and other namespaces; lookups of PIDs,
 * hostnames and mounts go through it.  A struct pid carries one number per
 * pid-namespace level, from the root (level 0) down to the namespace it was
 * made in, so a process has its own number in every ancestor namespace.
 *
 * Each namespace embeds a struct ns_common (ns_common.h): its inode number
 * and its kind's operations, for /proc/PID/ns, nsfs and setns.
 *
 * pidmap_lock guards every pid namespace's hash and counters, and the task
 * lists hanging off each struct pid.
 */
#ifndef KERNEL_NS_H
#define KERNEL_NS_H

#include "types.h"
#include "list.h"
#include "lock.h"
#include "ns_common.h"
#include "ipc.h"
#include <linux/utsname.h>

#define PID_MAX		32768
#define PID_HASH	256	/* the initial namespace's buckets */
#define PID_HASH_NS	64	/* a new namespace's (a container's: few processes) */
#define MAX_PID_NS_LEVEL 32

struct task;
struct mnt_namespace;
struct cgroup_namespace;

struct user_namespace;

struct uts_namespace {
	struct ns_common ns;
	int refcnt;			/* atomic */
	/* guarded by uts_lock (pid.c); aligned so that copying it (each new
	 * uts namespace, uname) moves 8 bytes at a time */
	struct new_utsname name __attribute__((aligned(8)));
	struct user_namespace *user_ns;	/* owner: CAP_SYS_ADMIN there changes it */
};

struct pid_namespace {
	struct ns_common ns;
	int refcnt;			/* atomic; each holds its parent */
	unsigned int level;
	struct pid_namespace *parent;
	struct user_namespace *user_ns;	/* owner (referenced): setns needs CAP_SYS_ADMIN there */
	/* Chains of this level's numbers, by nr & hash_mask: one pointer a
	 * bucket, so a new namespace's (allocated after it) are zeroed,
	 * never initialised; PID_HASH of them in the initial namespace,
	 * PID_HASH_NS in the others. */
	struct upid **hash;
	unsigned int hash_mask;
	int last_pid;
	int nr_pids;
	struct task *child_reaper;	/* its init */
	bool dying;			/* init has exited: no new pids */
	int reboot;			/* reboot(2) inside: the signal its init
					 * is reported killed by (SIGHUP, SIGINT) */
};

struct upid {
	int nr;
	struct pid_namespace *ns;
	struct upid *hash_next;		/* pidmap_lock */
	struct upid **hash_pprev;	/* what points at this one */
};

enum pid_type { PIDTYPE_PID, PIDTYPE_PGID, PIDTYPE_SID, PIDTYPE_MAX };

struct pid {
	int refcnt;
	unsigned int level;
	struct list_head tasks[PIDTYPE_MAX];	/* tasks using this as pid/pgid/sid */
	struct upid numbers[];			/* level + 1 entries */
};

/*
 * IPC and network namespaces, each owned by a user namespace and freed at
 * its last put.  An IPC namespace holds System V IPC: a table per kind of
 * object (ipc.h), emptied when it goes.  The network stack, which will
 * live in the network namespace, is still to be written.
 */
struct mq_instance;
struct ipc_namespace {
	struct ns_common ns;
	int refcnt;			/* atomic */
	struct user_namespace *user_ns;
	struct ipc_ids ids[IPC_NR_IDS];	/* System V IPC (kernel/ipc) */
	struct mq_instance *mq;		/* its POSIX message queues (ipc/mqueue.c), from their first use */
};

struct net_device;
struct inet_net;
struct net {
	struct ns_common ns;
	int refcnt;			/* atomic */
	struct user_namespace *user_ns;
	/* Its devices (net/dev.c, netdevice.h): dev_lock guards the list and
	 * the last ifindex handed out. */
	struct spinlock dev_lock;
	struct list_head dev_list;
	int ifindex_last;
	struct net_device *loopback_dev;
	struct inet_net *inet;		/* its IPv4 stack (inet.h) */
};

struct nsproxy {
	int refcnt;
	struct uts_namespace *uts_ns;
	struct ipc_namespace *ipc_ns;
	struct mnt_namespace *mnt_ns;
	struct pid_namespace *pid_ns_for_children;
	struct net *net_ns;
	struct cgroup_namespace *cgroup_ns;	/* cgroup.h, ns/cgroup.c */
};

extern struct ipc_namespace init_ipc_ns;
extern struct net init_net;
/* ns/ipc.c, ns/net.c: a new one owned by user_ns, or NULL. */
struct ipc_namespace *create_ipc_ns(struct user_namespace *user_ns);
struct ipc_namespace *get_ipc_ns(struct ipc_namespace *ns);
void put_ipc_ns(struct ipc_namespace *ns);
struct net *create_net(struct user_namespace *user_ns);
void net_ns_init(void);		/* boot: the first namespace's devices */
struct net *get_net(struct net *net);
void put_net(struct net *net);

extern struct pid_namespace init_pid_ns;
extern struct uts_namespace init_uts_ns;
extern struct nsproxy init_nsproxy;
extern struct spinlock pidmap_lock;

struct pid *alloc_pid(struct pid_namespace *ns);	/* ERR_PTR(-EAGAIN/-ENOMEM) */
struct pid *get_pid(struct pid *pid);
void put_pid(struct pid *pid);
/* pid's number in ns; 0 if invisible there. */
static inline pid_t pid_nr_ns(struct pid *pid, struct pid_namespace *ns)
{
	if (!pid || ns->level > pid->level)
		return 0;
	struct upid *u = &pid->numbers[ns->level];
	return u->ns == ns ? u->nr : 0;
}
struct pid *find_pid_ns(int nr, struct pid_namespace *ns);	/* pidmap_lock held */
struct pid_namespace *task_active_pid_ns(struct task *t);
void ns_init(void);
struct pid_namespace *get_pid_ns(struct pid_namespace *ns);
void put_pid_ns(struct pid_namespace *ns);	/* the last put frees it */
/* A new pid namespace below parent, owned by user_ns: ERR_PTR(-ENOSPC)
 * past 32 levels. */
struct pid_namespace *create_pid_ns(struct pid_namespace *parent, struct user_namespace *user_ns);
/* reboot(2) in a pid namespace other than the first, as Linux: the init
 * is killed and reported killed by SIGHUP (restart) or SIGINT (power off,
 * halt), the caller exits; -EINVAL for other commands. */
int reboot_pid_ns(struct pid_namespace *ns, unsigned int cmd);
/* The init of ns is exiting: no new pids there, and every other process
 * in it (and below) is killed. */
void zap_pid_ns_processes(struct pid_namespace *ns);

/* ns/nsproxy.c.  The CLONE_NEW* flags clone and unshare accept so far;
 * the others are refused with EINVAL.  CLONE_NEWUSER changes the cred
 * (copy_creds, create_user_ns), not the nsproxy. */
#define NS_CLONE_SUPPORTED	(CLONE_NEWUTS | CLONE_NEWPID | CLONE_NEWNS | CLONE_NEWUSER | \
				 CLONE_NEWIPC | CLONE_NEWNET | CLONE_NEWCGROUP)
struct nsproxy *get_nsproxy(struct nsproxy *ns);
void put_nsproxy(struct nsproxy *ns);	/* the last put frees it */
/* t's nsproxy, referenced, taken under tasklist_lock as unshare and setns
 * change it; NULL once t has none (it has exited). */
struct nsproxy *task_nsproxy_get(struct task *t);
/* A copy of ns with a reference to each of its namespaces, or NULL. */
struct nsproxy *nsproxy_dup(struct nsproxy *ns);

/* ns/setns.c.  May nsset's cred join a namespace owned by owner?
 * CAP_SYS_ADMIN there and in the cred's own user namespace. */
struct nsset;
bool setns_capable(struct nsset *nsset, struct user_namespace *owner);
/* The nsproxy a task gets for clone/unshare flags: old itself (another
 * reference) when no CLONE_NEW* is asked for; else a new one with new
 * namespaces where asked, owned by user_ns (the task's user namespace, a
 * new one when CLONE_NEWUSER came with them), where current needs
 * CAP_SYS_ADMIN; ERR_PTR on failure.  fs is the task's own root and cwd,
 * moved into a CLONE_NEWNS copy. */
struct fs_struct;
struct nsproxy *copy_namespaces(unsigned long flags, struct nsproxy *old,
				struct user_namespace *user_ns, struct fs_struct *fs);

/* ns/uts.c: uts_lock (its own) guards the names. */
struct uts_namespace *get_uts_ns(struct uts_namespace *ns);
void put_uts_ns(struct uts_namespace *ns);
/* A copy of old owned by user_ns, or NULL. */
struct uts_namespace *copy_uts_ns(struct uts_namespace *old, struct user_namespace *user_ns);
void uts_get_name(struct new_utsname *out);
int uts_set_field(int which, const char *val, size_t len);	/* 0 host, 1 domain */

#endif
