/*
 * PIDs and pid namespaces (see ns.h).  Numbers are handed out upward from
 * last_pid with wrap-around, and found by hashing, never by scanning tasks.
 */
#include "ns.h"
#include "proc.h"
#include "kmalloc.h"
#include "string.h"
#include "vfs.h"
#include "signal.h"
#include "user_ns.h"
#include <linux/sched.h>
#include <linux/reboot.h>

struct spinlock pidmap_lock = SPINLOCK_INIT("pidmap");
static struct upid *init_pid_hash[PID_HASH];
struct pid_namespace init_pid_ns = {
	.ns = { .inum = PROC_PID_INIT_INO, .ops = &pidns_operations },
	.refcnt = 1,
	.level = 0,
	.user_ns = &init_user_ns,
	.hash = init_pid_hash,
	.hash_mask = PID_HASH - 1,
};
void ns_init(void)
{
}

static void hash_add(struct pid_namespace *ns, struct upid *u)
{
	struct upid **head = &ns->hash[u->nr & ns->hash_mask];
	u->hash_next = *head;
	if (*head)
		(*head)->hash_pprev = &u->hash_next;
	u->hash_pprev = head;
	*head = u;
}

static void hash_del(struct upid *u)
{
	*u->hash_pprev = u->hash_next;
	if (u->hash_next)
		u->hash_next->hash_pprev = u->hash_pprev;
}

struct pid *find_pid_ns(int nr, struct pid_namespace *ns)
{
	struct upid *u;
	if (nr <= 0)
		return NULL;
	for (u = ns->hash[nr & ns->hash_mask]; u; u = u->hash_next)
		if (u->nr == nr)
			return container_of(u, struct pid, numbers[ns->level]);
	return NULL;
}

static int alloc_nr(struct pid_namespace *ns)
{
	if (ns->nr_pids >= PID_MAX - 1)
		return -EAGAIN;
	int nr = ns->last_pid;
	for (;;) {
		nr = nr + 1 >= PID_MAX ? 2 : nr + 1;
		if (ns->last_pid == 0)
			nr = 1;
		if (!find_pid_ns(nr, ns))
			break;
	}
	ns->last_pid = nr;
	ns->nr_pids++;
	return nr;
}

struct pid *alloc_pid(struct pid_namespace *ns)
{
	struct pid *pid = kzalloc(sizeof(*pid) + (ns->level + 1) * sizeof(struct upid));
	if (!pid)
		return ERR_PTR(-ENOMEM);
	pid->refcnt = 1;
	pid->level = ns->level;
	for (int t = 0; t < PIDTYPE_MAX; t++)
		list_init(&pid->tasks[t]);
	spin_lock(&pidmap_lock);
	struct pid_namespace *p = ns;
	for (int l = ns->level; l >= 0; l--, p = p->parent) {
		/* A namespace whose init is gone takes no new process: fork
		 * there fails with ENOMEM, as on Linux. */
		int nr = p->dying ? -ENOMEM : alloc_nr(p);
		if (nr < 0) {
			for (int k = ns->level; k > l; k--) {
				hash_del(&pid->numbers[k]);
				pid->numbers[k].ns->nr_pids--;
			}
			spin_unlock(&pidmap_lock);
			kfree(pid);
			return ERR_PTR(nr);
		}
		pid->numbers[l].nr = nr;
		pid->numbers[l].ns = p;
		hash_add(p, &pid->numbers[l]);
	}
	spin_unlock(&pidmap_lock);
	get_pid_ns(ns);
	return pid;
}

struct pid *get_pid(struct pid *pid)
{
	if (pid)
		__atomic_add_fetch(&pid->refcnt, 1, __ATOMIC_RELAXED);
	return pid;
}

void put_pid(struct pid *pid)
{
	if (!pid || __atomic_sub_fetch(&pid->refcnt, 1, __ATOMIC_ACQ_REL))
		return;
	spin_lock(&pidmap_lock);
	for (int l = 0; l <= (int)pid->level; l++) {
		hash_del(&pid->numbers[l]);
		pid->numbers[l].ns->nr_pids--;
	}
	spin_unlock(&pidmap_lock);
	put_pid_ns(pid->numbers[pid->level].ns);
	kfree(pid);
}

struct pid_namespace *get_pid_ns(struct pid_namespace *ns)
{
	__atomic_add_fetch(&ns->refcnt, 1, __ATOMIC_RELAXED);
	return ns;
}

void put_pid_ns(struct pid_namespace *ns)
{
	while (ns && ns != &init_pid_ns &&
	       __atomic_sub_fetch(&ns->refcnt, 1, __ATOMIC_ACQ_REL) == 0) {
		struct pid_namespace *parent = ns->parent;
		ns_uncharge(&ns->ns, UCOUNT_PID_NAMESPACES);
		put_user_ns(ns->user_ns);
		kfree(ns);
		ns = parent;
	}
}

struct pid_namespace *create_pid_ns(struct pid_namespace *parent, struct user_namespace *user_ns)
{
	if (parent->level + 1 >= MAX_PID_NS_LEVEL)
		return ERR_PTR(-ENOSPC);
	struct pid_namespace *ns = kzalloc(sizeof(*ns) + PID_HASH_NS * sizeof(struct upid *));
	if (!ns)
		return ERR_PTR(-ENOMEM);
	ns->hash = (struct upid **)(ns + 1);
	ns->hash_mask = PID_HASH_NS - 1;
	ns->refcnt = 1;
	ns->level = parent->level + 1;
	ns->parent = get_pid_ns(parent);
	ns->user_ns = get_user_ns(user_ns);
	ns->ns.inum = ns_alloc_inum();
	ns->ns.ops = &pidns_operations;
	return ns;
}

int reboot_pid_ns(struct pid_namespace *ns, unsigned int cmd)
{
	int sig;
	switch (cmd) {
	case LINUX_REBOOT_CMD_RESTART:
	case LINUX_REBOOT_CMD_RESTART2:
		sig = SIGHUP;
		break;
	case LINUX_REBOOT_CMD_POWER_OFF:
	case LINUX_REBOOT_CMD_HALT:
		sig = SIGINT;
		break;
	default:
		return -EINVAL;
	}
	__atomic_store_n(&ns->reboot, sig, __ATOMIC_RELEASE);
	spin_lock(&tasklist_lock);
	if (ns->child_reaper)
		send_signal(ns->child_reaper, SIGKILL);
	spin_unlock(&tasklist_lock);
	do_exit(0);
}

void zap_pid_ns_processes(struct pid_namespace *ns)
{
	struct task *t;
	spin_lock(&pidmap_lock);
	ns->dying = true;
	spin_unlock(&pidmap_lock);
	spin_lock(&tasklist_lock);
	list_for_each_entry(t, &all_tasks, all_link)
		if (t != ns->child_reaper && t->pid && pid_nr_ns(t->pid, ns) > 0 &&
		    t->state != TASK_ZOMBIE && t->state != TASK_DEAD)
			send_signal(t, SIGKILL);
	spin_unlock(&tasklist_lock);
}

struct pid_namespace *task_active_pid_ns(struct task *t)
{
	struct pid *pid = t->pid;
	return pid ? pid->numbers[pid->level].ns : &init_pid_ns;
}

pid_t task_pid_vnr(struct task *t)
{
	return pid_nr_ns(t->pid, task_active_pid_ns(current));
}

pid_t task_tgid_vnr(struct task *t)
{
	return pid_nr_ns(t->group_leader->pid, task_active_pid_ns(current));
}

struct task *find_task_by_vpid(pid_t nr)
{
	spin_lock(&pidmap_lock);
	struct pid *pid = find_pid_ns(nr, task_active_pid_ns(current));
	struct task *t = NULL;
	if (pid && !list_empty(&pid->tasks[PIDTYPE_PID]))
		t = list_first_entry(&pid->tasks[PIDTYPE_PID], struct task, pid_links[PIDTYPE_PID]);
	spin_unlock(&pidmap_lock);
	return t;
}

/* ---- /proc/PID/ns/pid and pid_for_children ---- */

static struct pid_namespace *to_pid_ns(struct ns_common *ns)
{
	return container_of(ns, struct pid_namespace, ns);
}

/* The namespace t was made in (its pid never changes while t lives). */
static struct ns_common *pidns_get(struct task *t)
{
	return &get_pid_ns(task_active_pid_ns(t))->ns;
}

static struct ns_common *pidns_for_children_get(struct task *t)
{
	struct nsproxy *nsproxy = task_nsproxy_get(t);
	if (!nsproxy)
		return NULL;
	struct ns_common *ns = &get_pid_ns(nsproxy->pid_ns_for_children)->ns;
	put_nsproxy(nsproxy);
	return ns;
}

static void pidns_put(struct ns_common *ns)
{
	put_pid_ns(to_pid_ns(ns));
}

/* Is ns the caller's own pid namespace or below it? */
static bool pid_ns_in_reach(struct pid_namespace *ns)
{
	struct pid_namespace *active = task_active_pid_ns(current);
	while (ns && ns->level > active->level)
		ns = ns->parent;
	return ns == active;
}

/* Only the caller's own namespace or one below it, for its children. */
static int pidns_install(struct nsset *nsset, struct ns_common *ns)
{
	struct pid_namespace *pid_ns = to_pid_ns(ns);
	if (!setns_capable(nsset, pid_ns->user_ns))
		return -EPERM;
	if (!pid_ns_in_reach(pid_ns))
		return -EINVAL;
	put_pid_ns(nsset->nsproxy->pid_ns_for_children);
	nsset->nsproxy->pid_ns_for_children = get_pid_ns(pid_ns);
	return 0;
}

static struct user_namespace *pidns_owner(struct ns_common *ns)
{
	return to_pid_ns(ns)->user_ns;
}

static struct ns_common *pidns_get_parent(struct ns_common *ns)
{
	struct pid_namespace *parent = to_pid_ns(ns)->parent;
	if (!parent || !pid_ns_in_reach(parent))
		return ERR_PTR(-EPERM);
	return &get_pid_ns(parent)->ns;
}

const struct proc_ns_operations pidns_operations = {
	.name = "pid",
	.real_name = "pid",
	.type = CLONE_NEWPID,
	.get = pidns_get,
	.put = pidns_put,
	.install = pidns_install,
	.owner = pidns_owner,
	.get_parent = pidns_get_parent,
};

const struct proc_ns_operations pidns_for_children_operations = {
	.name = "pid_for_children",
	.real_name = "pid",
	.type = CLONE_NEWPID,
	.get = pidns_for_children_get,
	.put = pidns_put,
	.install = pidns_install,
	.owner = pidns_owner,
	.get_parent = pidns_get_parent,
};
