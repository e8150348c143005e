/*
 * seccomp (security/seccomp.c): a task's system-call filter, as Linux's
 * seccomp(2) and prctl(PR_SET_SECCOMP).
 *
 * A task is in one mode: SECCOMP_MODE_DISABLED, SECCOMP_MODE_STRICT (read,
 * write, exit and rt_sigreturn; any other call kills the thread with
 * SIGKILL) or SECCOMP_MODE_FILTER (a stack of classic BPF programs, all
 * run on every call, the most restrictive action winning).  The mode only
 * tightens: it is kept by fork, clone and exec, and a filter only adds to
 * the stack.  Filters are immutable and reference-counted; a stack is a
 * list through prev, shared by the tasks that inherited it.
 *
 * The system-call path pays nothing without seccomp: trap.S tests
 * task->syscall_work and only when it is set calls syscall_entry_work
 * (trap.c), which calls seccomp_syscall.
 *
 * Locks: tasklist_lock guards every change of a task's seccomp_mode,
 * seccomp_filter and seccomp_count (its own or, with
 * SECCOMP_FILTER_FLAG_TSYNC, another thread's of its process); the task
 * itself reads its own without it (a replaced stack always contains the
 * one it replaced, so what it reads stays referenced).
 */
#ifndef KERNEL_SECCOMP_H
#define KERNEL_SECCOMP_H

#include "types.h"

struct task;
struct trapframe;
struct seccomp_filter;

long sys_seccomp(unsigned int op, unsigned int flags, void __user *uargs);
/* prctl(PR_SET_SECCOMP, mode, filter) and prctl(PR_GET_SECCOMP). */
long prctl_set_seccomp(unsigned long mode, void __user *filter);
int seccomp_get_mode(void);
/* fork: child starts with parent's mode and stack (tasklist_lock held). */
void seccomp_fork(struct task *child, const struct task *parent);
/* A freed task drops its stack. */
void seccomp_release(struct task *t);
/* On system-call entry with task->syscall_work set (tf: the entry frame,
 * a0 to a5 and a7 as the caller passed them): true when the call must not
 * run, its result then in tf->a0 (an action may also not return at all:
 * the kill actions). */
bool seccomp_syscall(struct trapframe *tf);

#endif
