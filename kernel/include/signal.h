/* Signals (proc/signal.c).  Numbers, flags and si_codes are Linux's. */
#ifndef KERNEL_SIGNAL_H
#define KERNEL_SIGNAL_H

#include "types.h"
#include "lock.h"
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

struct signal_struct {
	int refcnt;
	uint64_t shared_pending;
	int group_exit_code;
	bool group_exiting;
};

int send_signal(struct task *t, int sig);
void force_sig_fault(int sig, int code, unsigned long addr);
bool signal_work_pending(struct task *t);
void do_signal(struct trapframe *tf);

#endif
