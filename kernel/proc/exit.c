/*
 * Exit and wait.  An exiting task drops its mm, files and fs at once, hands
 * its children to the reaper of its pid namespace, and stays a zombie until
 * its parent collects the status with wait4 (release_task frees it).
 */
#include "proc.h"
#include "vm.h"
#include "file.h"
#include "vfs.h"
#include "signal.h"
#include "cred.h"
#include "seccomp.h"
#include "ns.h"
#include "ipc.h"
#include "kmalloc.h"
#include "string.h"
#include "uaccess.h"
#include "printk.h"
#include "sbi.h"
#include "tty.h"
#include "pidfd.h"
#include "cgroup.h"
#include "denials.h"
#include <linux/wait.h>
#include <linux/resource.h>

void release_task_parts(struct task *t)
{
	exit_sem(t);
	if (t->mm) {
		mm_put(t->mm);
		t->mm = NULL;
	}
	if (t->files) {
		files_put(t->files);
		t->files = NULL;
	}
	if (t->fs) {
		fs_put(t->fs);
		t->fs = NULL;
	}
	if (t->sighand && __atomic_sub_fetch(&t->sighand->refcnt, 1, __ATOMIC_ACQ_REL) == 0)
		kfree(t->sighand);
	t->sighand = NULL;
	if (t->cred) {
		put_cred(t->cred);
		t->cred = NULL;
	}
	if (t->nsproxy) {
		put_nsproxy(t->nsproxy);
		t->nsproxy = NULL;
	}
	seccomp_release(t);
	cgroup_release(t);	/* a failed fork's; a reaped task let go already */
}

void put_signal(struct signal_struct *sig)
{
	if (sig && __atomic_sub_fetch(&sig->refcnt, 1, __ATOMIC_ACQ_REL) == 0) {
		ktimer_cancel(&sig->real_timer);
		put_pid(sig->pgrp);
		put_pid(sig->session);
		denials_free(sig->denials);
		kfree(sig);
	}
}

/* Free a reaped zombie.  Caller holds no locks. */
static void release_task(struct task *t)
{
	while (__atomic_load_n(&t->on_cpu, __ATOMIC_ACQUIRE))
		cpu_relax();
	spin_lock(&tasklist_lock);
	list_del(&t->all_link);
	list_del(&t->sibling);
	list_del(&t->thread_link);
	spin_unlock(&tasklist_lock);
	spin_lock(&pidmap_lock);
	list_del(&t->pid_links[PIDTYPE_PID]);
	if (t->group_leader == t) {
		list_del(&t->pid_links[PIDTYPE_PGID]);
		list_del(&t->pid_links[PIDTYPE_SID]);
	}
	spin_unlock(&pidmap_lock);
	proc_flush_pid(t->pid);
	cgroup_release(t);
	put_pid(t->pid);
	put_pid(t->parent_pid);
	put_signal(t->signal);
	task_count_exit();
	task_put(t);
}

static bool task_alive(struct task *t)
{
	return t->state != TASK_ZOMBIE && t->state != TASK_DEAD && !t->signal->group_exiting;
}

/*
 * Who adopts the children of exiting t, as on Linux: another living thread
 * of its process, else the nearest living ancestor in the same pid namespace
 * that is a child subreaper (PR_SET_CHILD_SUBREAPER), else the namespace's
 * reaper.  Caller holds tasklist_lock.
 */
static struct task *find_new_reaper(struct task *t)
{
	struct task *leader = t->group_leader, *th;
	if (leader != t && task_alive(leader))
		return leader;
	list_for_each_entry(th, &leader->threads, thread_link)
		if (th != t && task_alive(th))
			return th;
	struct task *reaper = task_active_pid_ns(t)->child_reaper;
	unsigned int level = t->pid->level;
	for (struct task *a = leader->parent; a && a != reaper && a->pid &&
	     a->pid->level == level; a = a->group_leader->parent)
		if (a->signal->is_child_subreaper && task_alive(a->group_leader))
			return a->group_leader;
	/* The namespace's init takes orphans until it has exited (it reaps
	 * them all before it does, do_exit); after, the first init does. */
	if (!reaper || reaper == t || reaper->state == TASK_ZOMBIE || reaper->state == TASK_DEAD)
		reaper = init_pid_ns.child_reaper;
	return reaper;
}

/* PR_SET_PDEATHSIG: each thread of child c that asked is told, as if the
 * exiting parent had sent the signal with kill(). */
static void send_pdeath_signals(struct task *c, struct task *parent)
{
	struct kinfo info = { SI_USER, parent->group_leader->pid->numbers[0].nr,
			      parent->cred ? parent->cred->uid : 0, 0, 0 };
	struct task *th;
	if (c->pdeath_signal)
		send_signal_info(c, c->pdeath_signal, &info);
	list_for_each_entry(th, &c->threads, thread_link)
		if (th->pdeath_signal)
			send_signal_info(th, th->pdeath_signal, &info);
}

/* Give t's children to their new reaper; caller holds tasklist_lock. */
static void reparent_children(struct task *t)
{
	struct task *reaper = find_new_reaper(t);
	struct task *c, *n;
	list_for_each_entry_safe(c, n, &t->children, sibling) {
		list_del(&c->sibling);
		c->parent = reaper;
		struct pid *old = c->parent_pid;
		c->parent_pid = reaper ? get_pid(reaper->group_leader->pid) : NULL;
		put_pid(old);
		list_add_tail(&c->sibling, &reaper->children);
		send_pdeath_signals(c, t);
	}
	if (reaper)
		wake_up(&reaper->signal->wait_chldexit);
}

/*
 * A process group is orphaned when no member has a parent in another group
 * of the same session (POSIX): nobody is left to continue its stopped jobs.
 * `leaving` is a task about to exit, not counted.  Caller holds tasklist_lock.
 */
static bool orphaned_locked(struct pid *pg, struct task *leaving)
{
	struct task *t;
	bool orphaned = true;
	spin_lock(&pidmap_lock);
	list_for_each_entry(t, &pg->tasks[PIDTYPE_PGID], pid_links[PIDTYPE_PGID]) {
		struct task *p = t->parent;
		if (t == leaving || t->state == TASK_ZOMBIE || t->state == TASK_DEAD || !p)
			continue;
		if (p->signal->pgrp != pg && p->signal->session == t->signal->session &&
		    p != init_pid_ns.child_reaper) {
			orphaned = false;
			break;
		}
	}
	spin_unlock(&pidmap_lock);
	return orphaned;
}

bool pgrp_is_orphaned(struct pid *pg)
{
	spin_lock(&tasklist_lock);
	bool o = orphaned_locked(pg, NULL);
	spin_unlock(&tasklist_lock);
	return o;
}

static bool has_stopped_locked(struct pid *pg)
{
	struct task *t;
	bool stopped = false;
	spin_lock(&pidmap_lock);
	list_for_each_entry(t, &pg->tasks[PIDTYPE_PGID], pid_links[PIDTYPE_PGID])
		if (t->signal->stopped)
			stopped = true;
	spin_unlock(&pidmap_lock);
	return stopped;
}

/* Orphaned groups with stopped jobs get SIGHUP then SIGCONT. */
static void hangup_pgrp_locked(struct pid *pg)
{
	kill_pgrp(pg, SIGHUP, true);
	kill_pgrp(pg, SIGCONT, true);
}

/* Called as a group leader exits, with tasklist_lock held, before its
 * children are handed on: the groups its exit orphans. */
static void kill_orphaned_pgrps(struct task *t)
{
	struct pid *pg = t->signal->pgrp;
	struct task *p = t->parent;
	if (p && p->signal->pgrp != pg && p->signal->session == t->signal->session &&
	    orphaned_locked(pg, t) && has_stopped_locked(pg))
		hangup_pgrp_locked(pg);
	struct task *c;
	list_for_each_entry(c, &t->children, sibling) {
		struct pid *cpg = c->signal->pgrp;
		if (cpg != pg && c->signal->session == t->signal->session &&
		    orphaned_locked(cpg, t) && has_stopped_locked(cpg))
			hangup_pgrp_locked(cpg);
	}
}

/* The SIGCHLD si_code and si_status of an exit status. */
static int exit_cld_code(int status)
{
	if (!W_TERMSIG(status))
		return CLD_EXITED;
	return (status & WCOREFLAG) ? CLD_DUMPED : CLD_KILLED;
}

static int exit_cld_status(int status)
{
	return W_TERMSIG(status) ? W_TERMSIG(status) : W_CODE(status);
}

/* Nobody waits for exited t: off its parent's list now, so a wait finds no
 * child left (ECHILD), and no longer found by its pid (release_task's
 * unlink of an unlinked node is harmless).  tasklist_lock held. */
static void unlink_autoreaped(struct task *t)
{
	t->state = TASK_DEAD;
	list_del(&t->sibling);
	list_init(&t->sibling);
	spin_lock(&pidmap_lock);
	list_del(&t->pid_links[PIDTYPE_PID]);
	list_init(&t->pid_links[PIDTYPE_PID]);
	spin_unlock(&pidmap_lock);
}

/* Tell the parent of leader t that its process exited.  tasklist_lock
 * held. */
static void notify_parent_exit(struct task *t)
{
	struct task *parent = t->parent;
	if (t->exit_signal > 0) {
		struct kinfo info = { exit_cld_code(t->exit_code), t->pid->numbers[0].nr,
				      t->cred ? t->cred->uid : 0, exit_cld_status(t->exit_code), 0 };
		send_signal_info(parent, t->exit_signal, &info);
	}
	wake_up(&parent->signal->wait_chldexit);
}

struct wait_result {
	pid_t pid;
	int status;		/* wait4's encoding */
	int what;		/* 1 exited, 2 stopped, 3 continued */
	uid_t uid;
	struct rusage ru;
};

/* A kernel-only wait option: sleep through signals (a namespace's init
 * reaping what it killed while it exits, with SIGKILL pending). */
#define WAIT_KERNEL_NOINTR	0x10000000

static long do_wait(pid_t pid, int options, struct wait_result *res);

void do_exit(int code)
{
	struct task *t = current;

	if (t == init_pid_ns.child_reaper) {
		console_quiet = false;	/* never silent: the machine stops here */
		printk("kernel: init exited with status 0x%x\n", code);
		sbi_shutdown(false);
	}
	/* The init of another pid namespace takes the namespace with it. */
	struct pid_namespace *own_ns = t->pid ? task_active_pid_ns(t) : NULL;
	if (own_ns && own_ns != &init_pid_ns && own_ns->child_reaper == t->group_leader &&
	    t->group_leader == t) {
		/* Rebooted from inside: the parent sees it killed by that signal. */
		int reboot = __atomic_load_n(&own_ns->reboot, __ATOMIC_ACQUIRE);
		if (reboot)
			code = reboot;
		zap_pid_ns_processes(own_ns);
		/* As Linux: the init reaps everything it killed before it goes,
		 * so no orphan of the namespace is ever left with a parent
		 * that has been freed (orphans come to the init until then). */
		struct wait_result res;
		while (do_wait(-1, WEXITED | __WALL | WAIT_KERNEL_NOINTR, &res) > 0)
			;
	}
	exit_sem(t);
	if (t->clear_child_tid && t->mm) {
		put_user(0, t->clear_child_tid);
		futex_wake_addr(t->clear_child_tid, 1);
	}
	if (t->mm) {
		struct mm *mm = t->mm;
		/* Under tasklist_lock: procfs takes its mm references under it. */
		spin_lock(&tasklist_lock);
		t->mm = NULL;
		spin_unlock(&tasklist_lock);
		switch_mm(NULL);
		mm_put(mm);
	}
	vfork_release(t);
	cgroup_exit(t);
	/* Under tasklist_lock: procfs takes its references to another task's
	 * files and fs under it. */
	spin_lock(&tasklist_lock);
	struct files_struct *files = t->files;
	struct fs_struct *fs = t->fs;
	t->files = NULL;
	t->fs = NULL;
	spin_unlock(&tasklist_lock);
	if (files)
		files_put(files);
	if (fs)
		fs_put(fs);

	if (t->group_leader == t) {
		ktimer_cancel(&t->signal->real_timer);
		t->signal->leader = NULL;
		/* A session leader's exit hangs up its terminal. */
		struct tty *tty = t->signal->tty;
		if (tty && t->signal->session == t->pid)
			tty_disassociate(tty, true);
	}
	spin_lock(&tasklist_lock);
	if (t->group_leader == t)
		kill_orphaned_pgrps(t);
	reparent_children(t);
	t->exit_code = code;
	bool leader = t->group_leader == t;
	struct task *parent = t->parent;
	bool autoreap = !leader;
	if (leader && parent) {
		struct k_sigaction *sa = &parent->sighand->action[SIGCHLD - 1];
		if (sa->handler == (unsigned long)SIG_IGN || (sa->flags & SA_NOCLDWAIT))
			autoreap = true;
	}
	/* A leader outlived by its threads waits for the last of them (Linux's
	 * delay_group_leader): its parent hears of it, or it is reaped, then. */
	bool delayed = leader && __atomic_load_n(&t->signal->nr_threads, __ATOMIC_RELAXED) > 1;
	if (delayed) {
		t->signal->leader_delayed = autoreap ? LEADER_REAP : LEADER_NOTIFY;
		autoreap = false;
	}
	t->state = autoreap ? TASK_DEAD : TASK_ZOMBIE;
	if (autoreap)
		unlink_autoreaped(t);
	/* A thread leaves its group's list now, not when it is freed: its
	 * release is deferred (reap_dead_tasks), and once the count below
	 * says it was the last, its leader may be reaped and freed first
	 * (release_task's unlink would then write into the freed leader). */
	if (!leader)
		list_del(&t->thread_link);
	struct task *reap_leader = NULL;
	if (!leader && __atomic_sub_fetch(&t->signal->nr_threads, 1, __ATOMIC_RELAXED) == 1 &&
	    t->signal->leader_delayed) {
		/* The last thread of a process whose leader went first: its
		 * status is the process's (as Linux reports it). */
		struct task *gl = t->group_leader;
		gl->exit_code = code;
		if (t->signal->leader_delayed == LEADER_REAP) {
			unlink_autoreaped(gl);
			reap_leader = gl;
		} else if (gl->parent) {
			notify_parent_exit(gl);
		}
		t->signal->leader_delayed = 0;
	}
	/* Still under tasklist_lock: the parent cannot finish exiting (and be
	 * reaped, its signal_struct freed) while it is ours. */
	if (leader && parent && !delayed)
		notify_parent_exit(t);
	spin_unlock(&tasklist_lock);
	if (leader || reap_leader)
		pidfd_notify_exit();
	if (reap_leader)
		defer_release(reap_leader);
	if (autoreap) {
		/* Freed later by reap_dead_tasks(), once off its own stack. */
		defer_release(t);
	}
	schedule();
	panic("dead task %s ran again", t->comm);
}

void do_group_exit(int code)
{
	struct signal_struct *sig = current->signal;
	spin_lock(&sig->lock);
	if (sig->group_exiting) {
		code = sig->group_exit_code;
	} else {
		sig->group_exiting = true;
		sig->group_exit_code = code;
	}
	spin_unlock(&sig->lock);
	if (sig->nr_threads > 1) {
		struct task *leader = current->group_leader, *th;
		spin_lock(&tasklist_lock);
		if (leader != current)
			send_signal(leader, SIGKILL);
		list_for_each_entry(th, &leader->threads, thread_link)
			if (th != current)
				send_signal(th, SIGKILL);
		spin_unlock(&tasklist_lock);
	}
	do_exit(code);
}

/* Zombies of autoreaped tasks are freed here, outside their own stack. */
static LIST_HEAD(dead_tasks);
static struct spinlock dead_lock = SPINLOCK_INIT("dead");

void defer_release(struct task *t)
{
	spin_lock(&dead_lock);
	list_add_tail(&t->dead_link, &dead_tasks);
	spin_unlock(&dead_lock);
}

void reap_dead_tasks(void)
{
	for (;;) {
		spin_lock(&dead_lock);
		if (list_empty(&dead_tasks)) {
			spin_unlock(&dead_lock);
			return;
		}
		struct task *t = list_first_entry(&dead_tasks, struct task, dead_link);
		if (__atomic_load_n(&t->on_cpu, __ATOMIC_ACQUIRE)) {
			spin_unlock(&dead_lock);
			return;
		}
		list_del(&t->dead_link);
		spin_unlock(&dead_lock);
		release_task(t);
	}
}

long sys_exit(int code)
{
	do_exit(W_EXITCODE(code, 0));
}

long sys_exit_group(int code)
{
	do_group_exit(W_EXITCODE(code, 0));
}

/* Does child c match wait4's pid argument? */
static bool wait_matches(struct task *c, pid_t pid)
{
	struct pid_namespace *ns = task_active_pid_ns(current);
	if (pid > 0)
		return pid_nr_ns(c->pid, ns) == pid;
	if (pid == -1)
		return true;
	struct pid *pg = c->signal->pgrp;
	if (pid == 0)
		return pg == current->signal->pgrp;
	return pid_nr_ns(pg, ns) == -pid;
}

static void fill_rusage(struct rusage *ru, struct task *c)
{
	uint64_t us_per_tick = USEC_PER_SEC / HZ;
	uint64_t ut = (c->utime + c->signal->cutime) * us_per_tick;
	uint64_t st = (c->stime + c->signal->cstime) * us_per_tick;
	ru->ru_utime.tv_sec = ut / USEC_PER_SEC;
	ru->ru_utime.tv_usec = ut % USEC_PER_SEC;
	ru->ru_stime.tv_sec = st / USEC_PER_SEC;
	ru->ru_stime.tv_usec = st % USEC_PER_SEC;
}

/* What a wait may report about child c now: 1 exited, 2 stopped, 3 continued. */
static int wait_event_of(struct task *c, int options)
{
	struct signal_struct *sig = c->signal;
	/* Events in the order they happened: a continue recorded before the
	 * child went on to exit is reported first. */
	if ((options & WCONTINUED) && sig->continued)
		return 3;
	/* A leader whose threads still run is reported when they are gone. */
	if (c->state == TASK_ZOMBIE && (options & WEXITED) &&
	    __atomic_load_n(&sig->nr_threads, __ATOMIC_RELAXED) == 1)
		return 1;
	if ((options & WSTOPPED) && sig->stopped && !sig->stop_reported)
		return 2;
	if ((options & WCONTINUED) && sig->continued)
		return 3;
	return 0;
}


/* The body of wait4 and waitid: pid selects as wait4's argument does. */
static long do_wait(pid_t pid, int options, struct wait_result *res)
{
	struct task *self = current;
	for (;;) {
		bool have_children = false;
		struct task *c, *found = NULL;
		int what = 0;
		spin_lock(&tasklist_lock);
		list_for_each_entry(c, &self->children, sibling) {
			if (!wait_matches(c, pid))
				continue;
			have_children = true;
			what = wait_event_of(c, options);
			if (!what)
				continue;
			found = c;
			res->status = what == 1 ? c->exit_code : what == 2 ? c->exit_code : W_CONTINUED;
			if (!(options & WNOWAIT)) {
				if (what == 1)
					c->state = TASK_DEAD;
				else if (what == 2)
					c->signal->stop_reported = true;
				else
					c->signal->continued = false;
			}
			break;
		}
		spin_unlock(&tasklist_lock);
		if (found) {
			res->pid = pid_nr_ns(found->pid, task_active_pid_ns(self));
			res->what = what;
			res->uid = found->cred ? found->cred->uid : 0;
			memset(&res->ru, 0, sizeof(res->ru));
			fill_rusage(&res->ru, found);
			if (what == 1 && !(options & WNOWAIT)) {
				self->signal->cutime += found->utime + found->signal->cutime;
				self->signal->cstime += found->stime + found->signal->cstime;
				release_task(found);
			}
			return res->pid;
		}
		if (!have_children)
			return -ECHILD;
		if (options & WNOHANG)
			return 0;
		struct waitqueue *wq = &self->signal->wait_chldexit;
#define WAIT_CHILD_READY ({						\
			bool ready = false, any = false;			\
			spin_lock(&tasklist_lock);				\
			list_for_each_entry(c, &self->children, sibling) {	\
				if (!wait_matches(c, pid))			\
					continue;				\
				any = true;					\
				if (wait_event_of(c, options))			\
					ready = true;				\
			}							\
			spin_unlock(&tasklist_lock);				\
			/* Children that go away unreaped end the wait too. */ \
			ready || !any; })
		if (options & WAIT_KERNEL_NOINTR) {
			wait_event(*wq, WAIT_CHILD_READY);
		} else if (wait_event_interruptible(*wq, WAIT_CHILD_READY)) {
			return -ERESTARTSYS;
		}
#undef WAIT_CHILD_READY
	}
}

long sys_wait4(pid_t pid, int __user *status, int options, struct rusage __user *uru)
{
	if (options & ~(WNOHANG | WUNTRACED | WCONTINUED | __WALL | __WCLONE | __WNOTHREAD))
		return -EINVAL;
	struct wait_result res = { 0 };
	long ret = do_wait(pid, options | WEXITED, &res);
	if (ret <= 0)
		return ret;
	if (status && put_user(res.status, status))
		return -EFAULT;
	if (uru && copy_to_user(uru, &res.ru, sizeof(res.ru)))
		return -EFAULT;
	return ret;
}

long sys_waitid(int idtype, int id, siginfo_t __user *uinfo, int options,
		struct rusage __user *uru)
{
	if (options & ~(WNOHANG | WEXITED | WSTOPPED | WCONTINUED | WNOWAIT |
			__WALL | __WCLONE | __WNOTHREAD))
		return -EINVAL;
	if (!(options & (WEXITED | WSTOPPED | WCONTINUED)))
		return -EINVAL;
	pid_t pid;
	if (idtype == P_ALL)
		pid = -1;
	else if (idtype == P_PID && id > 0)
		pid = id;
	else if (idtype == P_PGID && id >= 0)
		pid = id ? -id : 0;
	else
		return -EINVAL;
	struct wait_result res = { 0 };
	long ret = do_wait(pid, options, &res);
	if (ret < 0)
		return ret;
	siginfo_t info;
	memset(&info, 0, sizeof(info));
	if (ret > 0) {
		info.si_signo = SIGCHLD;
		info.si_pid = res.pid;
		info.si_uid = from_kuid_munged(current_user_ns(), res.uid);
		if (res.what == 1) {
			info.si_code = exit_cld_code(res.status);
			info.si_status = exit_cld_status(res.status);
		} else if (res.what == 2) {
			info.si_code = CLD_STOPPED;
			info.si_status = W_CODE(res.status);
		} else {
			info.si_code = CLD_CONTINUED;
			info.si_status = SIGCONT;
		}
	}
	if (uinfo && copy_to_user(uinfo, &info, sizeof(info)))
		return -EFAULT;
	if (uru && copy_to_user(uru, &res.ru, sizeof(res.ru)))
		return -EFAULT;
	return 0;
}
