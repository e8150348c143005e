/*
 * Signals: pending sets and default actions.  Handlers, masks and the
 * signal frame arrive with the job-control work; for now every signal takes
 * its default action.  Pending bits are changed with atomic operations.
 */
#include "signal.h"
#include "proc.h"

static const uint64_t ignored_by_default =
	sigmask(SIGCHLD) | sigmask(SIGURG) | sigmask(SIGWINCH) | sigmask(SIGCONT);

int send_signal(struct task *t, int sig)
{
	if (sig < 1 || sig > 64)
		return -EINVAL;
	if (sigmask(sig) & ignored_by_default)
		return 0;
	__atomic_or_fetch(&t->pending, sigmask(sig), __ATOMIC_RELEASE);
	wake_up_task(t);
	return 0;
}

void force_sig_fault(int sig, int code, unsigned long addr)
{
	send_signal(current, sig);
}

bool signal_pending_current(void)
{
	return READ_ONCE(current->pending) & ~current->blocked;
}

bool signal_work_pending(struct task *t)
{
	return READ_ONCE(t->pending) & ~t->blocked;
}

void do_signal(struct trapframe *tf)
{
	uint64_t pending = __atomic_exchange_n(&current->pending, 0, __ATOMIC_ACQUIRE);
	if (!pending)
		return;
	int sig = __builtin_ctzll(pending) + 1;
	do_group_exit(sig);
}
