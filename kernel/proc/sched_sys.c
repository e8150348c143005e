/*
 * The scheduling system calls: affinity, getcpu, nice (getpriority and
 * setpriority), the policies (sched_setscheduler, sched_setattr and their
 * readers), the priority ranges and the round-robin interval, with
 * Linux's permission rules and errors.  The values live in struct task
 * under sched_lock and change through sched.c's setters; a task is looked
 * up and used under tasklist_lock (taken before sched_lock).
 */
#include "proc.h"
#include "cred.h"
#include "ns.h"
#include "signal.h"
#include "syscalls.h"
#include "timer.h"
#include "string.h"
#include "uaccess.h"
#include "user_ns.h"
#include <linux/capability.h>
#include <linux/resource.h>
#include <linux/sched.h>
#include <linux/sched/types.h>

#define MAX_RT_PRIO	99
#define RR_TIMESLICE_NS	(100 * (NSEC_PER_SEC / 1000))

/* The task pid names (0: current), tasklist_lock held; NULL if none. */
static struct task *lookup(pid_t pid)
{
	return pid ? find_task_by_vpid(pid) : current;
}

/* Linux's check_same_owner: current's euid is t's uid or euid. */
static bool same_owner(struct task *t)
{
	const struct cred *c = current->cred, *tc = t->cred;
	return c->euid == tc->euid || c->euid == tc->uid;
}

/* May current lower t's nice to nice (RLIMIT_NICE or CAP_SYS_NICE)? */
static bool can_nice(struct task *t, int nice)
{
	uint64_t rlim = t->signal ? t->signal->rlim_cur[RLIMIT_NICE] : 0;
	return (uint64_t)(20 - nice) <= rlim || capable(CAP_SYS_NICE);
}

long sys_sched_setaffinity(pid_t pid, unsigned int len, const unsigned long __user *umask)
{
	unsigned long mask = 0;
	if (copy_from_user(&mask, umask, MIN((size_t)len, sizeof(mask))))
		return -EFAULT;
	if (pid < 0)
		return -ESRCH;
	unsigned long online = (1ul << ncpus) - 1;
	if (!(mask & online))
		return -EINVAL;
	spin_lock(&tasklist_lock);
	struct task *t = lookup(pid);
	long err = 0;
	if (!t)
		err = -ESRCH;
	else if (!same_owner(t) && !ns_capable(t->cred->user_ns, CAP_SYS_NICE))
		err = -EPERM;
	else
		sched_set_affinity(t, mask);
	spin_unlock(&tasklist_lock);
	return err;
}

/*
 * As on Linux the buffer must hold nr_cpu_ids bits in whole longs, and the
 * answer is the number of bytes of the kernel's mask (one long: MAX_CPUS
 * <= 64).
 */
long sys_sched_getaffinity(pid_t pid, unsigned int len, unsigned long __user *umask)
{
	_Static_assert(MAX_CPUS < 8 * sizeof(unsigned long), "the mask is one long");
	if ((size_t)len * 8 < (size_t)ncpus || len % sizeof(unsigned long))
		return -EINVAL;
	if (pid < 0)
		return -ESRCH;
	spin_lock(&tasklist_lock);
	struct task *t = lookup(pid);
	unsigned long mask = t ? sched_get_affinity(t) : 0;
	spin_unlock(&tasklist_lock);
	if (!t)
		return -ESRCH;
	return copy_to_user(umask, &mask, sizeof(mask)) ? -EFAULT : (long)sizeof(mask);
}

long sys_getcpu(unsigned int __user *ucpu, unsigned int __user *unode, void __user *cache)
{
	unsigned int cpu = this_cpu()->id, node = 0;
	if (ucpu && copy_to_user(ucpu, &cpu, sizeof(cpu)))
		return -EFAULT;
	if (unode && copy_to_user(unode, &node, sizeof(node)))
		return -EFAULT;
	return 0;
}

/* Does t match setpriority's which and who (who already resolved)? */
static bool prio_match(struct task *t, int which, struct pid *pg, uid_t uid)
{
	if (t->state == TASK_ZOMBIE || t->state == TASK_DEAD || !t->mm)
		return false;
	if (which == PRIO_PGRP)
		return t->signal && t->signal->pgrp == pg;
	return t->cred->uid == uid;
}

/* The set of tasks of which and who: calls fn on each (tasklist_lock
 * held); -ESRCH if none, -EINVAL for a bad which. */
static long for_each_prio_task(int which, int who, long (*fn)(struct task *, long, long),
			       long arg)
{
	long acc = -ESRCH;
	if (which == PRIO_PROCESS) {
		struct task *t = lookup(who);
		return t ? fn(t, arg, acc) : -ESRCH;
	}
	struct pid *pg = NULL;
	uid_t uid = 0;
	if (which == PRIO_PGRP) {
		if (!who) {
			pg = current->signal->pgrp;
		} else {
			spin_lock(&pidmap_lock);
			pg = find_pid_ns(who, task_active_pid_ns(current));
			spin_unlock(&pidmap_lock);
		}
		if (!pg)
			return -ESRCH;
	} else {
		uid = who ? make_kuid(current->cred->user_ns, who) : current->cred->uid;
		if (uid == INVALID_UID)
			return -ESRCH;
	}
	struct task *t;
	list_for_each_entry(t, &all_tasks, all_link)
		if (prio_match(t, which, pg, uid))
			acc = fn(t, arg, acc);
	return acc;
}

/* getpriority's answer is 20 - nice, the largest of the set. */
static long get_one(struct task *t, long unused, long acc)
{
	long v = 20 - t->nice;
	return acc < 0 || v > acc ? v : acc;
}

/* Linux's set_one_prio: the first error sticks; a success clears ESRCH. */
static long set_one(struct task *t, long nice, long err)
{
	if (!same_owner(t) && !ns_capable(t->cred->user_ns, CAP_SYS_NICE))
		return -EPERM;
	if (nice < t->nice && !can_nice(t, nice))
		return -EACCES;
	sched_set_nice(t, nice);
	return err == -ESRCH ? 0 : err;
}

long sys_getpriority(int which, int who)
{
	if (which != PRIO_PROCESS && which != PRIO_PGRP && which != PRIO_USER)
		return -EINVAL;
	spin_lock(&tasklist_lock);
	long r = for_each_prio_task(which, who, get_one, 0);
	spin_unlock(&tasklist_lock);
	return r;
}

long sys_setpriority(int which, int who, int nice)
{
	if (which != PRIO_PROCESS && which != PRIO_PGRP && which != PRIO_USER)
		return -EINVAL;
	if (nice < -20)
		nice = -20;
	if (nice > 19)
		nice = 19;
	spin_lock(&tasklist_lock);
	long r = for_each_prio_task(which, who, set_one, nice);
	spin_unlock(&tasklist_lock);
	return r;
}

static bool valid_policy(int policy)
{
	return policy == SCHED_NORMAL || policy == SCHED_FIFO || policy == SCHED_RR ||
	       policy == SCHED_BATCH || policy == SCHED_IDLE;
}

static bool rt_policy(int policy)
{
	return policy == SCHED_FIFO || policy == SCHED_RR;
}

/* Linux's __sched_setscheduler for the classes here; tasklist_lock held. */
static long set_scheduler(struct task *t, int policy, int prio, int nice, bool reset_on_fork)
{
	if (!valid_policy(policy))
		return -EINVAL;
	if (prio < 0 || prio > MAX_RT_PRIO || rt_policy(policy) != (prio != 0))
		return -EINVAL;
	if (!capable(CAP_SYS_NICE)) {
		if (!rt_policy(policy) && nice < t->nice && !can_nice(t, nice))
			return -EPERM;
		if (rt_policy(policy)) {
			uint64_t rlim = t->signal ? t->signal->rlim_cur[RLIMIT_RTPRIO] : 0;
			if (policy != t->policy && !rlim)
				return -EPERM;
			if (prio > t->rt_priority && (uint64_t)prio > rlim)
				return -EPERM;
		}
		if (t->policy == SCHED_IDLE && policy != SCHED_IDLE && !can_nice(t, t->nice))
			return -EPERM;
		if (!same_owner(t))
			return -EPERM;
		if (t->reset_on_fork && !reset_on_fork)
			return -EPERM;
	}
	sched_set_policy(t, policy, prio, nice, reset_on_fork);
	return 0;
}

static long setscheduler_common(pid_t pid, int policy, const struct sched_param __user *uparam)
{
	struct sched_param p;
	if (!uparam || pid < 0)
		return -EINVAL;
	if (copy_from_user(&p, uparam, sizeof(p)))
		return -EFAULT;
	spin_lock(&tasklist_lock);
	struct task *t = lookup(pid);
	long err = -ESRCH;
	if (t) {
		bool rof = t->reset_on_fork;
		if (policy < 0) {
			policy = t->policy;	/* sched_setparam */
		} else {
			rof = policy & SCHED_RESET_ON_FORK;
			policy &= ~SCHED_RESET_ON_FORK;
		}
		err = set_scheduler(t, policy, p.sched_priority, t->nice, rof);
	}
	spin_unlock(&tasklist_lock);
	return err;
}

long sys_sched_setscheduler(pid_t pid, int policy, const struct sched_param __user *uparam)
{
	if (policy < 0)
		return -EINVAL;
	return setscheduler_common(pid, policy, uparam);
}

long sys_sched_setparam(pid_t pid, const struct sched_param __user *uparam)
{
	return setscheduler_common(pid, -1, uparam);
}

long sys_sched_getscheduler(pid_t pid)
{
	if (pid < 0)
		return -EINVAL;
	spin_lock(&tasklist_lock);
	struct task *t = lookup(pid);
	long r = t ? t->policy | (t->reset_on_fork ? SCHED_RESET_ON_FORK : 0) : -ESRCH;
	spin_unlock(&tasklist_lock);
	return r;
}

long sys_sched_getparam(pid_t pid, struct sched_param __user *uparam)
{
	if (!uparam || pid < 0)
		return -EINVAL;
	spin_lock(&tasklist_lock);
	struct task *t = lookup(pid);
	struct sched_param p = { t ? t->rt_priority : 0 };
	spin_unlock(&tasklist_lock);
	if (!t)
		return -ESRCH;
	return copy_to_user(uparam, &p, sizeof(p)) ? -EFAULT : 0;
}

long sys_sched_setattr(pid_t pid, struct sched_attr __user *uattr, unsigned int flags)
{
	struct sched_attr a;
	uint32_t size;
	if (!uattr || pid < 0 || flags)
		return -EINVAL;
	if (get_user(size, &uattr->size))
		return -EFAULT;
	if (!size)
		size = SCHED_ATTR_SIZE_VER0;
	if (size < SCHED_ATTR_SIZE_VER0 || size > PAGE_SIZE) {
		put_user((uint32_t)sizeof(a), &uattr->size);
		return -E2BIG;
	}
	memset(&a, 0, sizeof(a));
	if (copy_from_user(&a, uattr, MIN((size_t)size, sizeof(a))))
		return -EFAULT;
	/* A larger struct than ours must be zero past it. */
	for (size_t i = sizeof(a); i < size; i++) {
		char c;
		if (get_user(c, (char __user *)uattr + i))
			return -EFAULT;
		if (c) {
			put_user((uint32_t)sizeof(a), &uattr->size);
			return -E2BIG;
		}
	}
	if (a.sched_flags & ~(SCHED_FLAG_RESET_ON_FORK | SCHED_FLAG_KEEP_POLICY |
			      SCHED_FLAG_KEEP_PARAMS))
		return -EINVAL;
	if (!(a.sched_flags & SCHED_FLAG_KEEP_POLICY) && !valid_policy(a.sched_policy))
		return -EINVAL;
	int nice = a.sched_nice;
	spin_lock(&tasklist_lock);
	struct task *t = lookup(pid);
	long err = -ESRCH;
	if (t) {
		int policy = (a.sched_flags & SCHED_FLAG_KEEP_POLICY) ? t->policy : (int)a.sched_policy;
		int prio = (a.sched_flags & SCHED_FLAG_KEEP_PARAMS) ? t->rt_priority : (int)a.sched_priority;
		if (rt_policy(policy) || (a.sched_flags & SCHED_FLAG_KEEP_PARAMS))
			nice = t->nice;
		if (nice < -20)
			nice = -20;
		if (nice > 19)
			nice = 19;
		err = set_scheduler(t, policy, prio, nice,
				    a.sched_flags & SCHED_FLAG_RESET_ON_FORK);
	}
	spin_unlock(&tasklist_lock);
	return err;
}

long sys_sched_getattr(pid_t pid, struct sched_attr __user *uattr, unsigned int size,
		       unsigned int flags)
{
	if (!uattr || pid < 0 || size > PAGE_SIZE || size < SCHED_ATTR_SIZE_VER0 || flags)
		return -EINVAL;
	struct sched_attr a;
	memset(&a, 0, sizeof(a));
	spin_lock(&tasklist_lock);
	struct task *t = lookup(pid);
	if (t) {
		a.sched_policy = t->policy;
		a.sched_flags = t->reset_on_fork ? SCHED_FLAG_RESET_ON_FORK : 0;
		if (rt_policy(t->policy))
			a.sched_priority = t->rt_priority;
		else
			a.sched_nice = t->nice;
		a.sched_util_max = 1024;	/* Linux's SCHED_CAPACITY_SCALE: no clamp */
	}
	spin_unlock(&tasklist_lock);
	if (!t)
		return -ESRCH;
	a.size = MIN((size_t)size, sizeof(a));
	return copy_to_user(uattr, &a, a.size) ? -EFAULT : 0;
}

long sys_sched_get_priority_max(int policy)
{
	if (rt_policy(policy))
		return MAX_RT_PRIO;
	return valid_policy(policy) || policy == SCHED_DEADLINE ? 0 : -EINVAL;
}

long sys_sched_get_priority_min(int policy)
{
	if (rt_policy(policy))
		return 1;
	return valid_policy(policy) || policy == SCHED_DEADLINE ? 0 : -EINVAL;
}

long sys_sched_rr_get_interval(pid_t pid, struct timespec64 __user *uts)
{
	if (pid < 0)
		return -EINVAL;
	spin_lock(&tasklist_lock);
	struct task *t = lookup(pid);
	int policy = t ? t->policy : 0;
	spin_unlock(&tasklist_lock);
	if (!t)
		return -ESRCH;
	uint64_t ns = policy == SCHED_RR ? RR_TIMESLICE_NS : policy == SCHED_FIFO ? 0 : TICK_NSEC;
	struct timespec64 ts = { ns / NSEC_PER_SEC, ns % NSEC_PER_SEC };
	return copy_to_user(uts, &ts, sizeof(ts)) ? -EFAULT : 0;
}
