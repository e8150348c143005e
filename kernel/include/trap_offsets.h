/*
 * Where trap.S finds the fields of struct task it reads on the system-call
 * return path, and GCC's stack protector the task's canary.  Plain numbers, so the assembler can use them; trap.c checks
 * every one against the C layout at compile time.
 */
#ifndef KERNEL_TRAP_OFFSETS_H
#define KERNEL_TRAP_OFFSETS_H

#define TASK_EXIT_FLAGS		160	/* need_resched, then regs_replaced: one halfword */
#define TASK_SYSCALL_WORK	162	/* a byte: work on system-call entry */
#define TASK_SET_CHILD_TID	432
#define TASK_BLOCKED		448
#define TASK_PENDING		456
#define TASK_STACK_CANARY	464	/* also given to GCC by kernel.mk */

#endif
