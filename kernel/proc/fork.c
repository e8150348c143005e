/*
 * clone: the one way tasks are made (fork and vfork are clone with flags).
 * Each shared part is either referenced (CLONE_VM, CLONE_FILES, CLONE_FS,
 * CLONE_SIGHAND, CLONE_THREAD) or copied.
 */
#include "proc.h"
#include "vm.h"
#include "file.h"
#include "vfs.h"
#include "signal.h"
#include "cred.h"
#include "ipc.h"
#include "seccomp.h"
#include "ns.h"
#include "kmalloc.h"
#include "string.h"
#include "uaccess.h"
#include "timer.h"
#include "cgroup.h"
#include "mm.h"
#include <linux/sched.h>

#define MAX_TASKS 4096
static int nr_tasks;		/* tasklist_lock */
/* vfork parents sleep here until their child's vfork_done flag is set;
 * the flag is on the parent's stack, the queue is not, so the child never
 * touches the parent's memory after setting it. */
static struct waitqueue vfork_wq = WAITQUEUE_INIT(vfork_wq);

static struct sighand *sighand_dup(struct sighand *old)
{
	struct sighand *sh = kmalloc(sizeof(*sh));
	if (!sh)
		return NULL;
	spin_lock(&old->lock);
	memcpy(sh->action, old->action, sizeof(sh->action));
	spin_unlock(&old->lock);
	sh->refcnt = 1;
	spin_init(&sh->lock, "sighand");
	return sh;
}

struct signal_struct *signal_alloc(void)
{
	struct signal_struct *sig = kzalloc(sizeof(*sig));
	if (!sig)
		return NULL;
	sig->refcnt = 1;
	sig->nr_threads = 1;
	spin_init(&sig->lock, "signal");
	waitqueue_init(&sig->wait_chldexit);
	return sig;
}

static int copy_parts(struct task *t, unsigned long flags)
{
	struct task *p = current;

	if (flags & CLONE_VM) {
		mm_get(p->mm);
		t->mm = p->mm;
	} else if (!(t->mm = mm_dup(p->mm))) {
		return -ENOMEM;
	}
	if (flags & CLONE_FILES) {
		__atomic_add_fetch(&p->files->refcnt, 1, __ATOMIC_RELAXED);
		t->files = p->files;
	} else if (!(t->files = files_dup(p->files))) {
		return -ENOMEM;
	}
	if (flags & CLONE_FS) {
		__atomic_add_fetch(&p->fs->refcnt, 1, __ATOMIC_RELAXED);
		t->fs = p->fs;
	} else if (!(t->fs = fs_dup(p->fs))) {
		return -ENOMEM;
	}
	if (flags & CLONE_SIGHAND) {
		__atomic_add_fetch(&p->sighand->refcnt, 1, __ATOMIC_RELAXED);
		t->sighand = p->sighand;
	} else if (!(t->sighand = sighand_dup(p->sighand))) {
		return -ENOMEM;
	}
	if (flags & CLONE_THREAD) {
		__atomic_add_fetch(&p->signal->refcnt, 1, __ATOMIC_RELAXED);
		__atomic_add_fetch(&p->signal->nr_threads, 1, __ATOMIC_RELAXED);
		t->signal = p->signal;
	} else {
		if (!(t->signal = signal_alloc()))
			return -ENOMEM;
		memcpy(t->signal->rlim_cur, p->signal->rlim_cur, sizeof(t->signal->rlim_cur));
		memcpy(t->signal->rlim_max, p->signal->rlim_max, sizeof(t->signal->rlim_max));
		t->signal->undumpable = p->signal->undumpable;
		spin_lock(&p->signal->lock);
		t->signal->oom_score_adj = p->signal->oom_score_adj;
		t->signal->oom_score_adj_min = p->signal->oom_score_adj_min;
		spin_unlock(&p->signal->lock);
	}
	t->cred = copy_creds(flags);
	if (IS_ERR(t->cred)) {
		int err = PTR_ERR(t->cred);
		t->cred = NULL;
		return err;
	}
	t->nsproxy = copy_namespaces(flags, p->nsproxy, t->cred->user_ns, t->fs);
	if (IS_ERR(t->nsproxy)) {
		int err = PTR_ERR(t->nsproxy);
		t->nsproxy = NULL;
		return err;
	}
	return copy_semundo(flags, t);
}

long do_clone(unsigned long flags, unsigned long newsp, int *parent_tid,
	      unsigned long tls, int *child_tid, struct cgroup *into)
{
	struct task *p = current;
	if ((flags & CLONE_THREAD) && !(flags & CLONE_SIGHAND))
		return -EINVAL;
	if ((flags & CLONE_SIGHAND) && !(flags & CLONE_VM))
		return -EINVAL;
	if ((flags & (CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWPID | CLONE_NEWNET |
		      CLONE_NEWUSER | CLONE_NEWCGROUP)) & ~NS_CLONE_SUPPORTED)
		return -EINVAL;	/* namespaces not written yet */
	/* The undo list of one IPC namespace's semaphores is not shared
	 * into another (as Linux). */
	if ((flags & CLONE_NEWIPC) && (flags & CLONE_SYSVSEM))
		return -EINVAL;
	/* A new pid namespace's first process is a process, not a thread,
	 * and its parent is the caller. */
	if ((flags & CLONE_NEWPID) && (flags & (CLONE_THREAD | CLONE_PARENT)))
		return -EINVAL;

	reap_dead_tasks();
	struct task *t = task_alloc();
	if (!t)
		return -ENOMEM;
	int err = copy_parts(t, flags);
	if (err)
		goto fail;
	/* The child's: with CLONE_NEWPID a new namespace, where it is 1. */
	struct pid *pid = alloc_pid(t->nsproxy->pid_ns_for_children);
	if (IS_ERR(pid)) {
		err = PTR_ERR(pid);
		goto fail;
	}
	t->pid = pid;

	*t->tf = *p->tf;
	t->tf->a0 = 0;
	if (newsp)
		t->tf->sp = newsp;
	if (flags & CLONE_SETTLS)
		t->tf->tp = tls;
	t->fp = p->fp;
	if ((p->tf->status & SSTATUS_FS) == SSTATUS_FS_DIRTY) {
		fp_save(&t->fp);
	}
	t->ctx.ra = (unsigned long)ret_from_fork;
	t->ctx.sp = (unsigned long)t->tf;
	t->ctx.s[0] = (unsigned long)t->tf;
	t->ctx.tp = (unsigned long)t;
	t->cpu = p->cpu;
	t->blocked = p->blocked;
	t->exec_done = false;
	t->no_new_privs = p->no_new_privs;	/* pdeath_signal starts clear */
	t->personality = p->personality;
	sched_fork(t, p);
	bool vfork_done = false;
	t->vfork_done = (flags & CLONE_VFORK) ? &vfork_done : NULL;
	t->start_time = timer_now_ns();
	memcpy(t->comm, p->comm, sizeof(t->comm));
	if (flags & CLONE_CHILD_SETTID)
		t->set_child_tid = child_tid;
	if (flags & CLONE_CHILD_CLEARTID)
		t->clear_child_tid = child_tid;
	t->exit_signal = (flags & CLONE_THREAD) ? -1 : (int)(flags & CSIGNAL);

	spin_lock(&tasklist_lock);
	if (nr_tasks >= MAX_TASKS) {
		spin_unlock(&tasklist_lock);
		err = -EAGAIN;
		goto fail;
	}
	/* The pids controller may refuse it; from here the child counts. */
	err = cgroup_fork(t, p, into);
	if (err) {
		spin_unlock(&tasklist_lock);
		goto fail;
	}
	nr_tasks++;
	if (flags & CLONE_THREAD) {
		t->group_leader = p->group_leader;
		t->parent = p->parent;
		t->parent_pid = get_pid(p->parent_pid);
		list_add_tail(&t->thread_link, &p->group_leader->threads);
	} else {
		t->group_leader = t;
		t->parent = (flags & CLONE_PARENT) ? p->parent : p;
		t->parent_pid = t->parent ? get_pid(t->parent->group_leader->pid) : NULL;
		list_add_tail(&t->sibling, &t->parent->children);
		t->signal->pgrp = get_pid(p->signal->pgrp);
		t->signal->session = get_pid(p->signal->session);
		t->signal->tty = p->signal->tty;
	}
	list_add_tail(&t->all_link, &all_tasks);
	seccomp_fork(t, p);	/* under tasklist_lock, so TSYNC sees every thread's */
	spin_lock(&pidmap_lock);
	list_add_tail(&t->pid_links[PIDTYPE_PID], &pid->tasks[PIDTYPE_PID]);
	/* Number 1 of a namespace is its init, the reaper of its orphans. */
	if (pid->numbers[pid->level].nr == 1)
		pid->numbers[pid->level].ns->child_reaper = t;
	if (t->group_leader == t) {
		list_add_tail(&t->pid_links[PIDTYPE_PGID], &t->signal->pgrp->tasks[PIDTYPE_PGID]);
		list_add_tail(&t->pid_links[PIDTYPE_SID], &t->signal->session->tasks[PIDTYPE_SID]);
	}
	spin_unlock(&pidmap_lock);
	spin_unlock(&tasklist_lock);

	pid_t nr = pid_nr_ns(pid, task_active_pid_ns(p));
	if (flags & CLONE_PARENT_SETTID)
		put_user(nr, parent_tid);
	sched_add_new(t);
	/* Uninterruptible, as the child borrows our stack until it execs or
	 * exits (Linux lets a fatal signal end this wait; not done here). */
	if (flags & CLONE_VFORK)
		wait_event(vfork_wq, __atomic_load_n(&vfork_done, __ATOMIC_ACQUIRE));
	return nr;
fail:
	/* A fork refused by pids.max is an everyday failure: give back its
	 * pid number and its share of the signal struct too. */
	put_pid(t->pid);
	if (t->signal) {
		if (flags & CLONE_THREAD)
			__atomic_sub_fetch(&t->signal->nr_threads, 1, __ATOMIC_RELAXED);
		put_signal(t->signal);
	}
	release_task_parts(t);
	task_free(t);
	return err;
}

void vfork_release(struct task *t)
{
	bool *done = t->vfork_done;
	if (!done)
		return;
	t->vfork_done = NULL;
	__atomic_store_n(done, true, __ATOMIC_RELEASE);
	wake_up(&vfork_wq);
}

void task_count_exit(void)
{
	spin_lock(&tasklist_lock);
	nr_tasks--;
	spin_unlock(&tasklist_lock);
}

long sys_clone(unsigned long flags, unsigned long newsp, int *parent_tid,
	       unsigned long tls, int *child_tid)
{
	return do_clone(flags, newsp, parent_tid, tls, child_tid, NULL);
}

/* The bytes of a struct clone_args larger than ours must all be zero. */
static int check_tail_zero(const char __user *p, size_t n)
{
	char chunk[64];
	while (n) {
		size_t k = MIN(n, sizeof(chunk));
		if (copy_from_user(chunk, p, k))
			return -EFAULT;
		for (size_t i = 0; i < k; i++)
			if (chunk[i])
				return -E2BIG;
		p += k;
		n -= k;
	}
	return 0;
}

/* clone3's arguments, checked as Linux's clone3_args_valid. */
static int clone3_args(const struct clone_args __user *uargs, size_t size, struct clone_args *args)
{
	if (size < CLONE_ARGS_SIZE_VER0)
		return -EINVAL;
	if (size > PAGE_SIZE)
		return -E2BIG;
	memset(args, 0, sizeof(*args));
	if (copy_from_user(args, uargs, MIN(size, sizeof(*args))))
		return -EFAULT;
	if (size > sizeof(*args)) {
		int err = check_tail_zero((const char __user *)uargs + sizeof(*args),
					  size - sizeof(*args));
		if (err)
			return err;
	}
	if (args->flags & ~(0xffffffffull | CLONE_INTO_CGROUP))
		return -EINVAL;	/* CLONE_CLEAR_SIGHAND and unknown bits */
	if (args->flags & (CLONE_DETACHED | CSIGNAL))
		return -EINVAL;
	if ((args->exit_signal & ~(uint64_t)CSIGNAL) || args->exit_signal > _NSIG)
		return -EINVAL;
	if ((args->flags & (CLONE_THREAD | CLONE_PARENT)) && args->exit_signal)
		return -EINVAL;
	if (!args->stack != !args->stack_size)
		return -EINVAL;
	if (args->set_tid || args->set_tid_size)
		return -EINVAL;	/* choosing the child's pids is not written */
	if ((args->flags & CLONE_INTO_CGROUP) &&
	    (args->cgroup > 0x7fffffff || size < CLONE_ARGS_SIZE_VER2))
		return -EINVAL;
	return 0;
}

long sys_clone3(const struct clone_args __user *uargs, size_t size)
{
	struct clone_args args;
	int err = clone3_args(uargs, size, &args);
	if (err)
		return err;
	struct cgroup *into = NULL;
	if (args.flags & CLONE_INTO_CGROUP) {
		struct file *f = fd_get(args.cgroup);
		into = f ? cgroup_of_file(f) : NULL;
		if (f)
			file_put(f);
		if (!into)
			return -EBADF;
		err = cgroup_may_fork_into(into);
		/* A thread stays in its process's cgroup (Linux: no threaded
		 * subtree here, so a thread elsewhere is EOPNOTSUPP). */
		if (!err && (args.flags & CLONE_THREAD)) {
			struct cgroup *own = task_get_cgroup(current);
			err = own == into ? 0 : -EOPNOTSUPP;
			cgroup_put(own);
		}
		if (err) {
			cgroup_put(into);
			return err;
		}
	}
	unsigned long flags = (args.flags & 0xffffffffull & ~CSIGNAL) | args.exit_signal;
	long ret = do_clone(flags, args.stack ? args.stack + args.stack_size : 0,
			    (int *)(uintptr_t)args.parent_tid, args.tls,
			    (int *)(uintptr_t)args.child_tid, into);
	if (into)
		cgroup_put(into);
	return ret;
}
