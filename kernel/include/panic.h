/*
 * How the kernel dies (arch/riscv/panic.c): panic() (printk.h) and oops()
 * print the message, the hart and the task, for an oops the registers of
 * the trap, and a backtrace with symbol names (kallsyms), then power the
 * machine off, or halt every hart with "panic=0" on the command line (as
 * Linux's default: the machine stays up to be looked at).
 */
#ifndef KERNEL_PANIC_H
#define KERNEL_PANIC_H

#include "types.h"

struct trapframe;

/* A fault the kernel cannot survive, taken at tf. */
void oops(const struct trapframe *tf, const char *fmt, ...)
	__attribute__((format(printf, 2, 3), noreturn));

/* Has a panic begun?  Another hart that gets an IPI then stops (trap.c). */
extern int panic_in_progress;
void panic_stop_this_hart(void) __attribute__((noreturn));

/* Reports that leave the kernel running, written straight to the console:
 * a spinlock waited on too long (spinlock.c), and every task with its
 * state and stack (/proc/sysrq-trigger "t"). */
void report_spin_lockup(const char *name, int holder, unsigned long holder_pc,
			unsigned long seconds);
void show_all_tasks(void);
/* The return addresses found on the current stack, innermost first. */
void stack_trace_save(unsigned long *out, int max);

#endif
