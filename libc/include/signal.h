/*
 * signal.h - signals as the Linux riscv64 kernel defines them.
 *
 * sigset_t is the kernel's 64-bit mask and struct sigaction is exactly the
 * structure rt_sigaction() takes on riscv (no sa_restorer: the kernel supplies
 * the return trampoline), so sigaction() hands it to the kernel unchanged.
 */
#ifndef _SIGNAL_H
#define _SIGNAL_H

#include <sys/cdefs.h>
#include <sys/types.h>
#include <sys/_sigset.h>
#include <sys/_timespec.h>

__BEGIN_DECLS

#define SIGHUP     1
#define SIGINT     2
#define SIGQUIT    3
#define SIGILL     4
#define SIGTRAP    5
#define SIGABRT    6
#define SIGIOT     SIGABRT
#define SIGBUS     7
#define SIGFPE     8
#define SIGKILL    9
#define SIGUSR1    10
#define SIGSEGV    11
#define SIGUSR2    12
#define SIGPIPE    13
#define SIGALRM    14
#define SIGTERM    15
#define SIGSTKFLT  16
#define SIGCHLD    17
#define SIGCLD     SIGCHLD
#define SIGCONT    18
#define SIGSTOP    19
#define SIGTSTP    20
#define SIGTTIN    21
#define SIGTTOU    22
#define SIGURG     23
#define SIGXCPU    24
#define SIGXFSZ    25
#define SIGVTALRM  26
#define SIGPROF    27
#define SIGWINCH   28
#define SIGIO      29
#define SIGPOLL    SIGIO
#define SIGPWR     30
#define SIGSYS     31
#define SIGRTMIN   32
#define SIGRTMAX   64
#define _NSIG      65
#define NSIG       _NSIG

#define SA_NOCLDSTOP  0x00000001
#define SA_NOCLDWAIT  0x00000002
#define SA_SIGINFO    0x00000004
#define SA_ONSTACK    0x08000000
#define SA_RESTART    0x10000000
#define SA_NODEFER    0x40000000
#define SA_RESETHAND  0x80000000
#define SA_NOMASK     SA_NODEFER
#define SA_ONESHOT    SA_RESETHAND

#define SIG_BLOCK     0
#define SIG_UNBLOCK   1
#define SIG_SETMASK   2

#define SS_ONSTACK    1
#define SS_DISABLE    2
#define MINSIGSTKSZ   2048
#define SIGSTKSZ      8192

typedef void (*sighandler_t)(int);
typedef sighandler_t _sig_func_ptr;

#define SIG_DFL  ((sighandler_t)0)
#define SIG_IGN  ((sighandler_t)1)
#define SIG_ERR  ((sighandler_t)-1)

typedef __sigset_t sigset_t;
typedef int sig_atomic_t;

union sigval {
	int sival_int;
	void *sival_ptr;
};
typedef union sigval sigval_t;

/* The kernel's siginfo: three ints, padding, then a 112-byte union. */
typedef struct {
	int si_signo;
	int si_errno;
	int si_code;
	int __si_pad;
	union {
		int __pad[28];
		struct {
			pid_t pid;
			uid_t uid;
			union sigval value;
		} __kill;
		struct {
			int tid;
			int overrun;
			union sigval value;
		} __timer;
		struct {
			pid_t pid;
			uid_t uid;
			int status;
			long utime;
			long stime;
		} __chld;
		struct {
			void *addr;
		} __fault;
		struct {
			long band;
			int fd;
		} __poll;
		struct {
			void *call_addr;
			int syscall;
			unsigned int arch;
		} __sigsys;
	} __fields;
} siginfo_t;

#define si_pid      __fields.__kill.pid
#define si_uid      __fields.__kill.uid
#define si_value    __fields.__kill.value
#define si_int      __fields.__kill.value.sival_int
#define si_ptr      __fields.__kill.value.sival_ptr
#define si_status   __fields.__chld.status
#define si_utime    __fields.__chld.utime
#define si_stime    __fields.__chld.stime
#define si_addr     __fields.__fault.addr
#define si_band     __fields.__poll.band
#define si_fd       __fields.__poll.fd
#define si_timerid  __fields.__timer.tid
#define si_overrun  __fields.__timer.overrun
#define si_call_addr __fields.__sigsys.call_addr
#define si_syscall  __fields.__sigsys.syscall
#define si_arch     __fields.__sigsys.arch

/* si_code values. */
#define SI_USER     0
#define SI_KERNEL   0x80
#define SI_QUEUE    (-1)
#define SI_TIMER    (-2)
#define SI_MESGQ    (-3)
#define SI_TKILL    (-6)
#define CLD_EXITED     1
#define CLD_KILLED     2
#define CLD_DUMPED     3
#define CLD_TRAPPED    4
#define CLD_STOPPED    5
#define CLD_CONTINUED  6
#define SYS_SECCOMP    1

struct sigaction {
	union {
		void (*__sa_handler)(int);
		void (*__sa_sigaction)(int, siginfo_t *, void *);
	} __sa_u;
	unsigned long sa_flags;
	sigset_t sa_mask;
};
#define sa_handler    __sa_u.__sa_handler
#define sa_sigaction  __sa_u.__sa_sigaction

typedef struct sigaltstack {
	void *ss_sp;
	int ss_flags;
	size_t ss_size;
} stack_t;

#define SIGEV_SIGNAL    0
#define SIGEV_NONE      1
#define SIGEV_THREAD    2

struct sigevent {
	union sigval sigev_value;
	int sigev_signo;
	int sigev_notify;
	union {
		int __pad[12];
		int __tid;
	} __sigev_un;
};

sighandler_t signal(int sig, sighandler_t handler);
int sigaction(int sig, const struct sigaction *act, struct sigaction *old);
int sigprocmask(int how, const sigset_t *set, sigset_t *old);
int pthread_sigmask(int how, const sigset_t *set, sigset_t *old);
int sigpending(sigset_t *set);
int sigsuspend(const sigset_t *mask);
int sigwait(const sigset_t *set, int *sig);
int sigwaitinfo(const sigset_t *set, siginfo_t *info);
int sigtimedwait(const sigset_t *set, siginfo_t *info,
		 const struct timespec *timeout);
int sigaltstack(const stack_t *ss, stack_t *old);
int siginterrupt(int sig, int flag);

int sigemptyset(sigset_t *set);
int sigfillset(sigset_t *set);
int sigaddset(sigset_t *set, int sig);
int sigdelset(sigset_t *set, int sig);
int sigismember(const sigset_t *set, int sig);
int sigisemptyset(const sigset_t *set);

int raise(int sig);
int kill(pid_t pid, int sig);
int killpg(pid_t pgrp, int sig);
void psignal(int sig, const char *msg);
void psiginfo(const siginfo_t *info, const char *msg);

/* A signal's abbreviation ("TERM") and description ("Terminated"), as in
 * glibc; NULL for real-time signals and numbers that are not signals. */
const char *sigabbrev_np(int sig);
const char *sigdescr_np(int sig);

__END_DECLS

#endif /* _SIGNAL_H */
