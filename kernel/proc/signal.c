/*
 * Signals: sending, masks, actions, delivery through the riscv signal frame
 * and return through the trampoline page (mm->vdso_base).  Pending sets change
 * with atomic operations; sighand->lock guards the actions.
 *
 * System calls interrupted by a signal return -ERESTARTSYS; delivery turns
 * that into a restart (SA_RESTART, or no handler ran) or into -EINTR.
 */
#include "signal.h"
#include "proc.h"
#include "ns.h"
#include "cred.h"
#include <linux/capability.h>
#include "vm.h"
#include "uaccess.h"
#include "string.h"
#include "printk.h"
#include "kmalloc.h"
#include "timer.h"
#include "cgroup.h"
#include "signalfd.h"

#ifndef SS_DISABLE
#define SS_ONSTACK	1
#define SS_DISABLE	2
#endif
#include <asm/sigcontext.h>
#include <asm/ucontext.h>
#include <asm/unistd.h>
#include <linux/audit.h>

#define UNBLOCKABLE	(sigmask(SIGKILL) | sigmask(SIGSTOP))
#define IGNORED_BY_DEFAULT (sigmask(SIGCHLD) | sigmask(SIGURG) | sigmask(SIGWINCH) | \
			    sigmask(SIGCONT))
#define STOP_BY_DEFAULT	(sigmask(SIGSTOP) | sigmask(SIGTSTP) | sigmask(SIGTTIN) | \
			 sigmask(SIGTTOU))
#define CORE_BY_DEFAULT	(sigmask(SIGQUIT) | sigmask(SIGILL) | sigmask(SIGTRAP) | \
			 sigmask(SIGABRT) | sigmask(SIGBUS) | sigmask(SIGFPE) | \
			 sigmask(SIGSEGV) | sigmask(SIGXCPU) | sigmask(SIGXFSZ) | sigmask(SIGSYS))

struct rt_sigframe {
	siginfo_t info;
	struct ucontext uc;
};

/* A signal is discarded at once only if ignored and not blocked (a
 * blocked one stays pending: the handler may change before unblocking). */
static bool sig_ignored(struct task *t, int sig)
{
	if (t->blocked & sigmask(sig))
		return false;
	unsigned long h = t->sighand->action[sig - 1].handler;
	if (h == (unsigned long)SIG_IGN)
		return true;
	return h == (unsigned long)SIG_DFL && (sigmask(sig) & IGNORED_BY_DEFAULT) &&
	       sig != SIGCONT;
}

/*
 * A stopped process is continued: as Linux, this is recorded (and the
 * parent told) when SIGCONT is sent, so a waiting parent sees "continued"
 * before the child has run again, let alone exited.
 */
static void note_continued(struct task *t)
{
	struct signal_struct *s = t->signal;
	spin_lock(&s->lock);
	bool was_stopped = s->stopped;
	s->stopped = false;
	if (was_stopped)
		s->continued = true;
	spin_unlock(&s->lock);
	struct task *leader = t->group_leader;
	struct task *parent = READ_ONCE(leader->parent);
	if (!was_stopped || !parent)
		return;
	struct k_sigaction *sa = &parent->sighand->action[SIGCHLD - 1];
	struct kinfo info = { CLD_CONTINUED, leader->pid->numbers[0].nr,
			      t->cred->uid, SIGCONT, 0 };
	if (!(sa->flags & SA_NOCLDSTOP))
		send_signal_info(parent, SIGCHLD, &info);
	wake_up(&parent->signal->wait_chldexit);
}

int send_signal(struct task *t, int sig)
{
	struct kinfo info = { SI_KERNEL, 0, 0, 0, 0 };
	return send_signal_info(t, sig, &info);
}

/* Queue sig for t (a thread) and wake it. */
int send_signal_info(struct task *t, int sig, const struct kinfo *info)
{
	if (sig < 1 || sig > _NSIG)
		return -EINVAL;
	if (!t->sighand)
		return 0;
	if (sig == SIGCONT || sig == SIGKILL) {
		/* Continue the whole group and forget pending stops. */
		__atomic_and_fetch(&t->pending, ~STOP_BY_DEFAULT, __ATOMIC_RELAXED);
		__atomic_add_fetch(&t->cont_seq, 1, __ATOMIC_SEQ_CST);
		if (sig == SIGCONT)
			note_continued(t);
		wake_up_stopped(t);
	}
	if (sigmask(sig) & STOP_BY_DEFAULT)
		__atomic_and_fetch(&t->pending, ~sigmask(SIGCONT), __ATOMIC_RELAXED);
	if (sig_ignored(t, sig) && sig != SIGCONT)
		return 0;
	if (sig >= SIGRTMIN) {
		struct rt_sig *q = kmalloc(sizeof(*q));
		if (!q)
			return -EAGAIN;
		q->sig = sig;
		q->info = *info;
		spin_lock(&t->rt_lock);
		list_add_tail(&q->link, &t->rt_queue);
		spin_unlock(&t->rt_lock);
	} else if (t->siginfo && !(READ_ONCE(t->pending) & sigmask(sig))) {
		t->siginfo[sig - 1] = *info;
	}
	__atomic_or_fetch(&t->pending, sigmask(sig), __ATOMIC_SEQ_CST);
	if (!(t->blocked & sigmask(sig)) || sig == SIGKILL) {
		wake_up_task(t);
		if (t->on_cpu && t != current)
			t->need_resched = true;
	}
	signalfd_notify();
	return 0;
}

void force_sig_fault(int sig, int code, unsigned long addr)
{
	struct task *t = current;
	/* A fault the program blocks or ignores would loop: take the default. */
	if (t->blocked & sigmask(sig) || t->sighand->action[sig - 1].handler == (unsigned long)SIG_IGN) {
		t->blocked &= ~sigmask(sig);
		t->sighand->action[sig - 1].handler = (unsigned long)SIG_DFL;
	}
	t->fault_addr = addr;
	t->fault_code = code;
	send_signal(t, sig);
}

void force_sig_seccomp(int nr, int reason)
{
	struct task *t = current;
	if (t->blocked & sigmask(SIGSYS) ||
	    t->sighand->action[SIGSYS - 1].handler == (unsigned long)SIG_IGN) {
		t->blocked &= ~sigmask(SIGSYS);
		t->sighand->action[SIGSYS - 1].handler = (unsigned long)SIG_DFL;
	}
	struct kinfo ki = { SYS_SECCOMP, 0, (uid_t)reason, nr, (long)t->tf->epc };
	send_signal_info(t, SIGSYS, &ki);
}

bool signal_pending_current(void)
{
	return READ_ONCE(current->pending) & ~current->blocked;
}


static void do_stop(int sig)
{
	struct task *t = current;
	/* Read before the parent hears of the stop: once told, it may send
	 * SIGCONT at once, and that continue must end the sleep below. */
	unsigned int seq = READ_ONCE(t->cont_seq);
	t->group_leader->exit_code = W_STOPCODE(sig);
	spin_lock(&t->signal->lock);
	t->signal->stopped = true;
	t->signal->stop_reported = false;
	t->signal->continued = false;
	spin_unlock(&t->signal->lock);
	/* Under tasklist_lock, as exit's notice: without it the parent could
	 * exit and be reaped, its signal_struct freed, between the read of
	 * the pointer and the wake-up. */
	spin_lock(&tasklist_lock);
	struct task *parent = t->group_leader->parent;
	if (parent) {
		struct k_sigaction *sa = &parent->sighand->action[SIGCHLD - 1];
		struct kinfo info = { CLD_STOPPED, t->group_leader->pid->numbers[0].nr,
				      t->cred->uid, sig, 0 };
		if (!(sa->flags & SA_NOCLDSTOP))
			send_signal_info(parent, SIGCHLD, &info);
		wake_up(&parent->signal->wait_chldexit);
	}
	spin_unlock(&tasklist_lock);
	/* A SIGCONT between the report and the sleep must not be lost. */
	set_current_state(TASK_STOPPED);
	if (READ_ONCE(t->cont_seq) == seq && !(READ_ONCE(t->pending) & sigmask(SIGKILL)))
		schedule();
	t->state = TASK_RUNNING;
	/* The sender of SIGCONT recorded the continue (note_continued). */
}

static int setup_frame(struct trapframe *tf, int sig, struct k_sigaction *ka, uint64_t oldmask,
		       const struct kinfo *ki)
{
	struct task *t = current;
	unsigned long sp = tf->sp;
	if ((ka->flags & SA_ONSTACK) && t->sas_size &&
	    !(sp > t->sas_sp && sp <= t->sas_sp + t->sas_size))
		sp = t->sas_sp + t->sas_size;
	sp = ALIGN_DOWN(sp - sizeof(struct rt_sigframe), 16);
	struct rt_sigframe *frame = (struct rt_sigframe *)sp;
	struct rt_sigframe k;
	memset(&k, 0, sizeof(k));
	k.info.si_signo = sig;
	if (ki && ki->code == SI_KERNEL && (sig == SIGSEGV || sig == SIGBUS || sig == SIGILL ||
					    sig == SIGFPE || sig == SIGTRAP)) {
		k.info.si_code = t->fault_code;
		k.info.si_addr = (void *)t->fault_addr;
	} else if (ki && sig == SIGSYS && ki->code == SYS_SECCOMP) {
		k.info.si_code = SYS_SECCOMP;
		k.info.si_errno = (int)ki->uid;
		k.info.si_call_addr = (void *)ki->value;
		k.info.si_syscall = ki->status;
		k.info.si_arch = AUDIT_ARCH_RISCV64;
	} else if (ki) {
		k.info.si_code = ki->code;
		if (ki->pid_root) {
			spin_lock(&pidmap_lock);
			struct pid *p = find_pid_ns(ki->pid_root, &init_pid_ns);
			k.info.si_pid = p ? pid_nr_ns(p, task_active_pid_ns(t)) : 0;
			spin_unlock(&pidmap_lock);
		}
		k.info.si_uid = from_kuid_munged(t->cred->user_ns, ki->uid);
		if (sig == SIGCHLD)
			k.info.si_status = ki->status;
		else if (ki->code == SI_QUEUE || ki->code == SI_MESGQ)
			k.info.si_ptr = (void *)ki->value;
	}
	k.uc.uc_sigmask.sig[0] = oldmask;
	k.uc.uc_stack.ss_sp = (void *)t->sas_sp;
	k.uc.uc_stack.ss_size = t->sas_size;
	memcpy(&k.uc.uc_mcontext.sc_regs, tf, sizeof(struct user_regs_struct));
	if ((tf->status & SSTATUS_FS) != SSTATUS_FS_OFF) {
		struct fp_state fp;
		fp_save(&fp);
		memcpy(k.uc.uc_mcontext.sc_fpregs.d.f, fp.f, sizeof(fp.f));
		k.uc.uc_mcontext.sc_fpregs.d.fcsr = fp.fcsr;
	}
	if (copy_to_user(frame, &k, sizeof(k)))
		return -EFAULT;
	tf->epc = ka->handler;
	tf->a0 = sig;
	tf->a1 = (unsigned long)&frame->info;
	tf->a2 = (unsigned long)&frame->uc;
	tf->sp = sp;
	tf->ra = t->mm->vdso_base;
	return 0;
}

/* The lowest pending, unblocked signal, dequeued; 0 if none. */
/* Take one instance of sig off t's pending set: its info into *out. */
static bool take_signal(struct task *t, int sig, struct kinfo *out)
{
	if (sig < SIGRTMIN) {
		if (!(__atomic_fetch_and(&t->pending, ~sigmask(sig), __ATOMIC_ACQUIRE) & sigmask(sig)))
			return false;
		*out = t->siginfo ? t->siginfo[sig - 1] : (struct kinfo){ SI_KERNEL, 0, 0, 0, 0 };
		return true;
	}
	/* Real-time: the first queued instance; the bit stays while more wait. */
	bool found = false, more = false;
	spin_lock(&t->rt_lock);
	struct rt_sig *q, *first = NULL;
	list_for_each_entry(q, &t->rt_queue, link) {
		if (q->sig != sig)
			continue;
		if (!first)
			first = q;
		else {
			more = true;
			break;
		}
	}
	if (first) {
		list_del(&first->link);
		*out = first->info;
		found = true;
	}
	if (!more)
		__atomic_and_fetch(&t->pending, ~sigmask(sig), __ATOMIC_ACQUIRE);
	spin_unlock(&t->rt_lock);
	kfree(first);
	if (!found)
		*out = (struct kinfo){ SI_KERNEL, 0, 0, 0, 0 };
	return true;
}

static int dequeue_signal(struct task *t, uint64_t allowed, struct kinfo *info)
{
	for (;;) {
		uint64_t pend = READ_ONCE(t->pending) & allowed;
		if (!pend)
			return 0;
		int sig = __builtin_ctzll(pend) + 1;
		if (take_signal(t, sig, info))
			return sig;
	}
}

void do_signal(struct trapframe *tf)
{
	struct task *t = current;
	bool in_syscall = tf->cause == EXC_ECALL_U;

	/* A frozen cgroup stops its tasks here, before any signal. */
	if (READ_ONCE(t->cg_freeze))
		cgroup_freezer_trap();
	if (t->set_child_tid) {
		int *p = t->set_child_tid;
		t->set_child_tid = NULL;
		put_user(task_pid_vnr(t), p);
	}
	int sig;
	struct kinfo ki;
	while ((sig = dequeue_signal(t, ~t->blocked, &ki))) {
		struct k_sigaction ka = t->sighand->action[sig - 1];
		if (ka.handler == (unsigned long)SIG_IGN)
			continue;
		if (ka.handler == (unsigned long)SIG_DFL) {
			uint64_t m = sigmask(sig);
			if (m & IGNORED_BY_DEFAULT)
				continue;
			if (m & STOP_BY_DEFAULT) {
				do_stop(sig);
				continue;
			}
			do_group_exit(sig | ((m & CORE_BY_DEFAULT) ? WCOREFLAG : 0));
		}
		if (in_syscall && (long)tf->a0 == -ERESTARTSYS) {
			if (ka.flags & SA_RESTART) {
				tf->a0 = tf->orig_a0;
				tf->epc -= 4;
			} else {
				tf->a0 = -EINTR;
			}
		}
		uint64_t oldmask = t->restore_sigmask ? t->saved_sigmask : t->blocked;
		t->restore_sigmask = false;
		if (setup_frame(tf, sig, &ka, oldmask, &ki)) {
			force_sig_fault(SIGSEGV, SI_KERNEL, 0);
			continue;
		}
		spin_lock(&t->sighand->lock);
		t->blocked |= ka.mask | ((ka.flags & SA_NODEFER) ? 0 : sigmask(sig));
		t->blocked &= ~UNBLOCKABLE;
		if (ka.flags & SA_RESETHAND)
			t->sighand->action[sig - 1].handler = (unsigned long)SIG_DFL;
		spin_unlock(&t->sighand->lock);
		return;
	}
	/* No handler ran: an interrupted call restarts. */
	if (in_syscall && (long)tf->a0 == -ERESTARTSYS) {
		tf->a0 = tf->orig_a0;
		tf->epc -= 4;
	}
	if (t->restore_sigmask) {
		t->blocked = t->saved_sigmask;
		t->restore_sigmask = false;
	}
}

long sys_rt_sigreturn(void)
{
	struct task *t = current;
	struct trapframe *tf = t->tf;
	struct rt_sigframe *frame = (struct rt_sigframe *)tf->sp;
	struct rt_sigframe k;
	if (copy_from_user(&k, frame, sizeof(k))) {
		force_sig_fault(SIGSEGV, SI_KERNEL, 0);
		return tf->a0;
	}
	unsigned long status = tf->status;
	memcpy(tf, &k.uc.uc_mcontext.sc_regs, sizeof(struct user_regs_struct));
	t->regs_replaced = true;
	tf->status = status;
	tf->cause = 0;	/* not a system call any more: no restart */
	if ((status & SSTATUS_FS) != SSTATUS_FS_OFF) {
		struct fp_state fp;
		memcpy(fp.f, k.uc.uc_mcontext.sc_fpregs.d.f, sizeof(fp.f));
		fp.fcsr = k.uc.uc_mcontext.sc_fpregs.d.fcsr;
		fp_restore(&fp);
		tf->status = (status & ~SSTATUS_FS) | SSTATUS_FS_DIRTY;
	}
	t->blocked = k.uc.uc_sigmask.sig[0] & ~UNBLOCKABLE;
	return tf->a0;
}

long sys_rt_sigaction(int sig, const struct k_sigaction __user *uact,
		      struct k_sigaction __user *uold, size_t setsize)
{
	if (setsize != sizeof(uint64_t) || sig < 1 || sig > _NSIG)
		return -EINVAL;
	struct k_sigaction act, old;
	if (uact && copy_from_user(&act, uact, sizeof(act)))
		return -EFAULT;
	if (uact && (sig == SIGKILL || sig == SIGSTOP))
		return -EINVAL;
	struct sighand *sh = current->sighand;
	spin_lock(&sh->lock);
	old = sh->action[sig - 1];
	if (uact) {
		act.mask &= ~UNBLOCKABLE;
		sh->action[sig - 1] = act;
	}
	spin_unlock(&sh->lock);
	if (uact && sig_ignored(current, sig))
		__atomic_and_fetch(&current->pending, ~sigmask(sig), __ATOMIC_RELAXED);
	if (uold && copy_to_user(uold, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

long sys_rt_sigprocmask(int how, const uint64_t __user *uset, uint64_t __user *uold,
			size_t setsize)
{
	if (setsize != sizeof(uint64_t))
		return -EINVAL;
	struct task *t = current;
	uint64_t old = t->blocked, set;
	if (uset) {
		if (copy_from_user(&set, uset, sizeof(set)))
			return -EFAULT;
		if (how == SIG_BLOCK)
			t->blocked |= set;
		else if (how == SIG_UNBLOCK)
			t->blocked &= ~set;
		else if (how == SIG_SETMASK)
			t->blocked = set;
		else
			return -EINVAL;
		t->blocked &= ~UNBLOCKABLE;
	}
	return uold && copy_to_user(uold, &old, sizeof(old)) ? -EFAULT : 0;
}

long sys_rt_sigpending(uint64_t __user *uset, size_t setsize)
{
	if (setsize != sizeof(uint64_t))
		return -EINVAL;
	uint64_t p = current->pending & current->blocked;
	return copy_to_user(uset, &p, sizeof(p)) ? -EFAULT : 0;
}

int set_user_sigmask(const uint64_t __user *umask, size_t size)
{
	if (!umask)
		return 0;
	uint64_t mask;
	if (size != sizeof(mask))
		return -EINVAL;
	if (copy_from_user(&mask, umask, sizeof(mask)))
		return -EFAULT;
	current->saved_sigmask = current->blocked;
	current->restore_sigmask = true;
	current->blocked = mask & ~UNBLOCKABLE;
	return 0;
}

void restore_user_sigmask(const uint64_t __user *umask, int ret)
{
	/* On -ERESTARTSYS the mask is restored after the handler runs. */
	if (umask && ret != -ERESTARTSYS && current->restore_sigmask) {
		current->blocked = current->saved_sigmask;
		current->restore_sigmask = false;
	}
}

long sys_rt_sigsuspend(const uint64_t __user *uset, size_t setsize)
{
	uint64_t set;
	if (setsize != sizeof(uint64_t))
		return -EINVAL;
	if (copy_from_user(&set, uset, sizeof(set)))
		return -EFAULT;
	struct task *t = current;
	t->saved_sigmask = t->blocked;
	t->restore_sigmask = true;
	t->blocked = set & ~UNBLOCKABLE;
	while (!signal_pending_current()) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (!signal_pending_current())
			schedule();
		t->state = TASK_RUNNING;
	}
	return -EINTR;
}

long sys_sigaltstack(const stack_t __user *uss, stack_t __user *uoss)
{
	struct task *t = current;
	unsigned long usp = t->tf->sp;
	bool on = t->sas_size && usp > t->sas_sp && usp <= t->sas_sp + t->sas_size;
	stack_t old = { (void *)t->sas_sp, on ? SS_ONSTACK : t->sas_size ? 0 : SS_DISABLE,
			t->sas_size };
	if (uss && on)
		return -EPERM;	/* cannot change the stack one is running on */
	if (uss) {
		stack_t ss;
		if (copy_from_user(&ss, uss, sizeof(ss)))
			return -EFAULT;
		if (ss.ss_flags & SS_DISABLE) {
			t->sas_sp = t->sas_size = 0;
		} else if (ss.ss_flags) {
			return -EINVAL;
		} else {
			if (ss.ss_size < MINSIGSTKSZ)
				return -ENOMEM;
			t->sas_sp = (unsigned long)ss.ss_sp;
			t->sas_size = ss.ss_size;
		}
	}
	return uoss && copy_to_user(uoss, &old, sizeof(old)) ? -EFAULT : 0;
}

/* May the current task signal t?  CAP_KILL counts in t's user namespace:
 * root of a container signals its own processes, not the host's. */
static bool may_kill(struct task *t, int sig)
{
	const struct cred *c = current->cred, *tc = t->cred;
	if (c->uid == tc->uid || c->euid == tc->uid || c->uid == tc->suid ||
	    c->euid == tc->suid || ns_capable(tc->user_ns, CAP_KILL))
		return true;
	return sig == SIGCONT && t->signal->session == current->signal->session;
}

/*
 * The init of a pid namespace gets only the signals it has a handler for:
 * from inside its namespace none of the others, from an ancestor
 * namespace SIGKILL and SIGSTOP too (as Linux's SIGNAL_UNKILLABLE).
 */
static bool init_shielded(struct task *t, int sig)
{
	struct pid_namespace *ns = task_active_pid_ns(t);
	/* A blocked signal is queued whatever its handler: the handler may
	 * change before it is unblocked (Linux's sig_ignored). */
	if (!sig || ns->child_reaper != t->group_leader ||
	    (READ_ONCE(t->blocked) & (1ull << (sig - 1))) ||
	    READ_ONCE(t->sighand->action[sig - 1].handler) != (unsigned long)SIG_DFL)
		return false;
	bool from_ancestor = task_active_pid_ns(current)->level < ns->level;
	return !(from_ancestor && (sig == SIGKILL || sig == SIGSTOP));
}

static int kill_task_code(struct task *t, int sig, int code)
{
	if (!may_kill(t, sig))
		return -EPERM;
	if (init_shielded(t, sig))
		return 0;
	struct kinfo info = { code, current->group_leader->pid->numbers[0].nr,
			      current->cred->uid, 0, 0 };
	return sig ? send_signal_info(t, sig, &info) : 0;
}

static int kill_task(struct task *t, int sig)
{
	return kill_task_code(t, sig, SI_USER);
}

int kill_pgrp(struct pid *pg, int sig, bool priv)
{
	int err = -ESRCH;
	struct task *t;
	if (!pg)
		return err;
	spin_lock(&pidmap_lock);
	list_for_each_entry(t, &pg->tasks[PIDTYPE_PGID], pid_links[PIDTYPE_PGID]) {
		int e = priv ? send_signal(t, sig) : kill_task(t, sig);
		if (err)
			err = e;
	}
	spin_unlock(&pidmap_lock);
	return err;
}

long sys_kill(pid_t pid, int sig)
{
	if (sig < 0 || sig > _NSIG)
		return -EINVAL;
	struct pid_namespace *ns = task_active_pid_ns(current);
	if (pid > 0) {
		struct task *t = find_task_by_vpid(pid);
		if (!t)
			return -ESRCH;
		return kill_task(t->group_leader, sig);
	}
	if (pid == -1) {
		int err = -ESRCH;
		struct task *t;
		spin_lock(&tasklist_lock);
		list_for_each_entry(t, &all_tasks, all_link) {
			if (t->group_leader != t || t == current->group_leader || !t->mm ||
			    pid_nr_ns(t->pid, ns) <= 1)
				continue;
			int e = kill_task(t, sig);
			if (err)
				err = e;
		}
		spin_unlock(&tasklist_lock);
		return err;
	}
	struct pid *pg;
	if (pid == 0) {
		pg = current->signal->pgrp;
	} else {
		spin_lock(&pidmap_lock);
		pg = find_pid_ns(-pid, ns);
		spin_unlock(&pidmap_lock);
		if (!pg)
			return -ESRCH;
	}
	return kill_pgrp(pg, sig, false);
}

long sys_tgkill(pid_t tgid, pid_t tid, int sig)
{
	if (sig < 0 || sig > _NSIG || tid <= 0)
		return -EINVAL;
	struct task *t = find_task_by_vpid(tid);
	if (!t || (tgid > 0 && task_tgid_vnr(t) != tgid))
		return -ESRCH;
	return kill_task_code(t, sig, SI_TKILL);
}

long sys_tkill(pid_t tid, int sig)
{
	return sys_tgkill(-1, tid, sig);
}

/* Fill a user siginfo from what was kept when sig was sent. */
static void kinfo_to_user(struct task *t, int sig, const struct kinfo *ki, siginfo_t *out)
{
	memset(out, 0, sizeof(*out));
	out->si_signo = sig;
	out->si_code = ki->code;
	if (sig == SIGSYS && ki->code == SYS_SECCOMP) {
		out->si_errno = (int)ki->uid;
		out->si_call_addr = (void *)ki->value;
		out->si_syscall = ki->status;
		out->si_arch = AUDIT_ARCH_RISCV64;
		return;
	}
	if (ki->pid_root) {
		spin_lock(&pidmap_lock);
		struct pid *p = find_pid_ns(ki->pid_root, &init_pid_ns);
		out->si_pid = p ? pid_nr_ns(p, task_active_pid_ns(t)) : 0;
		spin_unlock(&pidmap_lock);
	}
	out->si_uid = from_kuid_munged(t->cred->user_ns, ki->uid);
	if (sig == SIGCHLD)
		out->si_status = ki->status;
	else if (ki->code == SI_QUEUE || ki->code == SI_MESGQ)
		out->si_ptr = (void *)ki->value;
}

int dequeue_signal_info(uint64_t mask, siginfo_t *info)
{
	struct kinfo ki;
	int sig = dequeue_signal(current, mask & ~UNBLOCKABLE, &ki);
	if (sig)
		kinfo_to_user(current, sig, &ki, info);
	return sig;
}

long sys_rt_sigtimedwait(const uint64_t __user *uset, siginfo_t __user *uinfo,
			 const struct timespec64 __user *uts, size_t setsize)
{
	uint64_t set;
	if (setsize != sizeof(set))
		return -EINVAL;
	if (copy_from_user(&set, uset, sizeof(set)))
		return -EFAULT;
	set &= ~UNBLOCKABLE;
	uint64_t deadline = 0;
	if (uts) {
		struct timespec64 ts;
		int err = timespec_from_user(&ts, uts);
		if (err)
			return err;
		deadline = timer_now_ns() + timespec_to_ns(&ts);
	}
	struct task *t = current;
	uint64_t saved = t->blocked;
	/* While waiting, the awaited signals wake us though the caller blocks them. */
	t->blocked &= ~set;
	long ret;
	for (;;) {
		struct kinfo ki;
		int sig = dequeue_signal(t, set, &ki);
		if (sig) {
			siginfo_t info;
			kinfo_to_user(t, sig, &ki, &info);
			ret = uinfo && copy_to_user(uinfo, &info, sizeof(info)) ? -EFAULT : sig;
			break;
		}
		if (signal_pending_current()) {
			ret = -EINTR;
			break;
		}
		if (deadline && timer_now_ns() >= deadline) {
			ret = -EAGAIN;
			break;
		}
		set_current_state(TASK_INTERRUPTIBLE);
		if (!(READ_ONCE(t->pending) & ~t->blocked)) {
			if (deadline)
				schedule_until(deadline);
			else
				schedule();
		}
		t->state = TASK_RUNNING;
	}
	t->blocked = saved;
	return ret;
}

static long queue_info(struct task *t, int sig, siginfo_t __user *uinfo)
{
	siginfo_t info;
	if (copy_from_user(&info, uinfo, sizeof(info)))
		return -EFAULT;
	/* Only the kernel may claim kernel or kill() origins, as Linux:
	 * except to oneself, si_code must be negative and not SI_TKILL. */
	if ((info.si_code >= 0 || info.si_code == SI_TKILL) &&
	    t->group_leader != current->group_leader)
		return -EPERM;
	if (!may_kill(t, sig))
		return -EPERM;
	struct kinfo ki = { info.si_code, current->group_leader->pid->numbers[0].nr,
			    current->cred->uid, 0, (long)info.si_ptr };
	return sig ? send_signal_info(t, sig, &ki) : 0;
}

long sys_rt_sigqueueinfo(pid_t pid, int sig, siginfo_t __user *uinfo)
{
	if (sig < 0 || sig > _NSIG)
		return -EINVAL;
	struct task *t = find_task_by_vpid(pid);
	if (!t)
		return -ESRCH;
	return queue_info(t->group_leader, sig, uinfo);
}

long sys_rt_tgsigqueueinfo(pid_t tgid, pid_t tid, int sig, siginfo_t __user *uinfo)
{
	if (sig < 0 || sig > _NSIG || tid <= 0)
		return -EINVAL;
	struct task *t = find_task_by_vpid(tid);
	if (!t || task_tgid_vnr(t) != tgid)
		return -ESRCH;
	return queue_info(t, sig, uinfo);
}
