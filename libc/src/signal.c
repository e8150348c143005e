/*
 * signal.c - signal dispositions, masks and delivery.
 *
 * struct sigaction and sigset_t are the kernel's own (see <signal.h>), so
 * the rt_sig* system calls take them directly with an 8-byte set size.
 * The riscv kernel returns from handlers through its own trampoline.
 */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/time.h>
#include "syscall.h"

static int bad_signal(int sig)
{
	if (sig < 1 || sig >= _NSIG) {
		errno = EINVAL;
		return 1;
	}
	return 0;
}

int sigemptyset(sigset_t *set)
{
	*set = 0;
	return 0;
}

int sigfillset(sigset_t *set)
{
	*set = ~0UL;
	return 0;
}

int sigaddset(sigset_t *set, int sig)
{
	if (bad_signal(sig))
		return -1;
	*set |= 1UL << (sig - 1);
	return 0;
}

int sigdelset(sigset_t *set, int sig)
{
	if (bad_signal(sig))
		return -1;
	*set &= ~(1UL << (sig - 1));
	return 0;
}

int sigismember(const sigset_t *set, int sig)
{
	if (bad_signal(sig))
		return -1;
	return (*set >> (sig - 1)) & 1;
}

int sigisemptyset(const sigset_t *set)
{
	return *set == 0;
}

/* The old action comes through a buffer with room past Linux's riscv
 * struct (24 bytes): qemu-riscv64's user mode, which runs our programs in
 * host tests, writes 32 (a restorer field riscv does not have), which
 * would overrun the caller's struct. */
int sigaction(int sig, const struct sigaction *act, struct sigaction *old)
{
	struct {
		struct sigaction sa;
		unsigned long spare;
	} k;
	int r = SC4(SYS_rt_sigaction, sig, act, old ? &k.sa : NULL, KERNEL_SIGSET_SIZE);
	if (r == 0 && old)
		*old = k.sa;
	return r;
}

/* signal() has BSD semantics: the handler stays and calls restart. */
sighandler_t signal(int sig, sighandler_t handler)
{
	struct sigaction sa, old;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = handler;
	sa.sa_flags = SA_RESTART;
	if (sigaction(sig, &sa, &old) < 0)
		return SIG_ERR;
	return old.sa_handler;
}

int siginterrupt(int sig, int flag)
{
	struct sigaction sa;

	if (sigaction(sig, 0, &sa) < 0)
		return -1;
	if (flag)
		sa.sa_flags &= ~SA_RESTART;
	else
		sa.sa_flags |= SA_RESTART;
	return sigaction(sig, &sa, 0);
}

int sigprocmask(int how, const sigset_t *set, sigset_t *old)
{
	return SC4(SYS_rt_sigprocmask, how, set, old, KERNEL_SIGSET_SIZE);
}

int pthread_sigmask(int how, const sigset_t *set, sigset_t *old)
{
	long r = __syscall4(SYS_rt_sigprocmask, how, (long)set, (long)old,
			    KERNEL_SIGSET_SIZE);

	return (int)-r;
}

int sigpending(sigset_t *set)
{
	return SC2(SYS_rt_sigpending, set, KERNEL_SIGSET_SIZE);
}

int sigsuspend(const sigset_t *mask)
{
	return SC2(SYS_rt_sigsuspend, mask, KERNEL_SIGSET_SIZE);
}

int sigtimedwait(const sigset_t *set, siginfo_t *info,
		 const struct timespec *timeout)
{
	long r;

	do
		r = __syscall4(SYS_rt_sigtimedwait, (long)set, (long)info,
			       (long)timeout, KERNEL_SIGSET_SIZE);
	while (r == -EINTR);
	return __syscall_ret(r);
}

int sigwaitinfo(const sigset_t *set, siginfo_t *info)
{
	return sigtimedwait(set, info, 0);
}

int sigwait(const sigset_t *set, int *sig)
{
	int r = sigtimedwait(set, 0, 0);

	if (r < 0)
		return errno;
	*sig = r;
	return 0;
}

int sigaltstack(const stack_t *ss, stack_t *old)
{
	return SC2(SYS_sigaltstack, ss, old);
}

int kill(pid_t pid, int sig)
{
	return SC2(SYS_kill, pid, sig);
}

int killpg(pid_t pgrp, int sig)
{
	if (pgrp < 0) {
		errno = EINVAL;
		return -1;
	}
	return kill(-pgrp, sig);
}

int raise(int sig)
{
	return SC3(SYS_tgkill, getpid(), gettid(), sig);
}

/*
 * abort(): SIGABRT unblocked and raised; if a handler returns, the default
 * action is restored and the signal raised again.
 */
void abort(void)
{
	sigset_t set;
	struct sigaction sa;

	sigemptyset(&set);
	sigaddset(&set, SIGABRT);
	sigprocmask(SIG_UNBLOCK, &set, 0);
	raise(SIGABRT);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = SIG_DFL;
	sigaction(SIGABRT, &sa, 0);
	raise(SIGABRT);
	_exit(127);
}

int pause(void)
{
	return SC4(SYS_ppoll, 0, 0, 0, 0);
}

int getitimer(int which, struct itimerval *value)
{
	return SC2(SYS_getitimer, which, value);
}

int setitimer(int which, const struct itimerval *value,
	      struct itimerval *old)
{
	return SC3(SYS_setitimer, which, value, old);
}

unsigned int alarm(unsigned int seconds)
{
	struct itimerval it, old;

	memset(&it, 0, sizeof(it));
	it.it_value.tv_sec = seconds;
	if (setitimer(ITIMER_REAL, &it, &old) < 0)
		return 0;
	return (unsigned int)old.it_value.tv_sec + (old.it_value.tv_usec ? 1 : 0);
}
