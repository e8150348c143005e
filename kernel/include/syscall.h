/* The system-call table (proc/syscall.c): Linux riscv64 numbers. */
#ifndef KERNEL_SYSCALL_H
#define KERNEL_SYSCALL_H

#include "proc.h"

#define NR_SYSCALLS 512

typedef long (*syscall_fn)(unsigned long, unsigned long, unsigned long,
			   unsigned long, unsigned long, unsigned long);

extern const syscall_fn syscall_table[NR_SYSCALLS];
long syscall_enosys(unsigned long nr);
/* The names, for the log line (generated at build time from the UAPI). */
extern const char *const syscall_names[NR_SYSCALLS];

/* kernel/arch/riscv/trap.S indexes syscall_table itself (the hot path). */

#endif
