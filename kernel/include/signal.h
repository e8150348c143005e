/* Signals (proc/signal.c).  Numbers, flags and si_codes are Linux's. */
#ifndef KERNEL_SIGNAL_H
#define KERNEL_SIGNAL_H

#include "types.h"
#include "lock.h"
#include "timer.h"
#include <asm/signal.h>
#include <asm-generic/siginfo.h>

struct task;
struct trapframe;

#define sigmask(sig)	(1ull << ((sig) - 1))

struct k_sigaction {
	unsigned long handler;
	unsigned long flags;
	uint64_t mask;
};

struct sighand {
	int refcnt;
	struct spinlock lock;
	struct k_sigaction action[_NSIG];
};

struct pid;
struct tty;

/* What a thread group shares.  lock guards the fields below it. */
enum { LEADER_NOTIFY = 1, LEADER_REAP = 2 };

struct signal_struct {
	int refcnt;
	int nr_threads;
	struct spinlock lock;
	uint64_t shared_pending;
	int group_exit_code;
	bool group_exiting;
	/* The leader exited while other threads ran: it stays a zombie its
	 * parent has not heard of until the last thread exits (LEADER_NOTIFY),
	 * or is reaped then (LEADER_REAP, nobody waits), so group_leader stays
	 * valid for the threads.  Guarded by tasklist_lock. */
	unsigned char leader_delayed;	/* 0, LEADER_NOTIFY or LEADER_REAP */
	struct pid *pgrp, *session;	/* tasklist_lock */
	struct tty *tty;		/* controlling terminal */
	bool stopped, stop_reported, continued;
	struct waitqueue wait_chldexit;	/* the parent waits here in wait4 */
	uint64_t cutime, cstime;	/* of reaped children, in ticks */
	uint64_t rlim_cur[16], rlim_max[16];
	struct ktimer real_timer;	/* ITIMER_REAL */
	uint64_t real_interval;		/* ns */
	struct task *leader;		/* gets SIGALRM */
	bool is_child_subreaper;	/* PR_SET_CHILD_SUBREAPER: adopts orphaned descendants */
	bool undumpable;		/* PR_SET_DUMPABLE 0; exec makes it dumpable again */
	/* /proc/PID/oom_score_adj and the floor an unprivileged writer may
	 * not go below (lock); fork copies both. */
	short oom_score_adj, oom_score_adj_min;
	struct denials *denials;	/* its last refusals (denials.h); made on the first */
};

/* Who sent a signal and why, kept per pending signal for SA_SIGINFO. */
struct kinfo {
	int code;		/* SI_USER, SI_TKILL, SI_KERNEL, CLD_* ... */
	int pid_root;		/* sender (or child) in the root pid namespace */
	uid_t uid;		/* SYS_SECCOMP (no sender): si_errno instead */
	int status;		/* SIGCHLD: exit status or signal; SYS_SECCOMP: si_syscall */
	long value;		/* sigqueue's si_value; SYS_SECCOMP: si_call_addr */
};

/* A queued instance of a real-time signal (task->rt_queue): signals from
 * SIGRTMIN on queue every instance. */
struct rt_sig {
	int sig;
	struct kinfo info;
	struct list_head link;
};

/* The wait status (wait4's *status, task->exit_code): Linux's encoding. */
#define W_EXITCODE(code, sig)	(((code) & 0xff) << 8 | (sig))
#define W_STOPCODE(sig)		((sig) << 8 | 0x7f)
#define W_CONTINUED		0xffff
#define WCOREFLAG		0x80	/* with the signal: a core was dumped */
#define W_TERMSIG(status)	((status) & 0x7f)	/* 0: it exited */
#define W_CODE(status)		(((status) >> 8) & 0xff)	/* exit code, stop signal */

int send_signal(struct task *t, int sig);	/* from the kernel: SI_KERNEL */
int send_signal_info(struct task *t, int sig, const struct kinfo *info);
/* Signal every process of the group pg (NULL: none): 0 if any got it.
 * priv: from the kernel (SI_KERNEL, no permission check), else from the
 * current task as kill(2) does.  Takes pidmap_lock. */
int kill_pgrp(struct pid *pg, int sig, bool priv);
void force_sig_fault(int sig, int code, unsigned long addr);
/* seccomp's SECCOMP_RET_TRAP: SIGSYS to current (taking the default action
 * if blocked or ignored) with si_code SYS_SECCOMP, si_syscall nr, si_arch
 * AUDIT_ARCH_RISCV64, si_call_addr the address after the ecall and si_errno
 * reason. */
void force_sig_seccomp(int nr, int reason);
/* Anything to do before returning to user mode (proc.h's struct task);
 * trap.S makes the same test on the way out of a system call. */
#define signal_work_pending(t) \
	((READ_ONCE((t)->pending) & ~(t)->blocked) || (t)->set_child_tid || \
	 READ_ONCE((t)->cg_freeze))
void do_signal(struct trapframe *tf);
/* A mask for the length of one call (ppoll, pselect6, epoll_pwait):
 * install *umask (NULL: none; size must be 8) ... */
int set_user_sigmask(const uint64_t __user *umask, size_t size);
/* ... and put the old one back when the call returns ret, unless ret is
 * -ERESTARTSYS: then it goes back after the handler has run. */
void restore_user_sigmask(const uint64_t __user *umask, int ret);
/* signalfd: take the lowest pending signal of current in mask, its
 * siginfo as the receiver sees it into *info; 0 if none pending. */
int dequeue_signal_info(uint64_t mask, siginfo_t *info);

#endif
