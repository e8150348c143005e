/* The system-call table (proc/syscall.c): Linux riscv64 numbers. */
#ifndef KERNEL_SYSCALL_H
#define KERNEL_SYSCALL_H

#include "proc.h"

#define NR_SYSCALLS 512

typedef long (*syscall_fn)(unsigned long, unsigned long, unsigned long,
			   unsigned long, unsigned long, unsigned long);

extern const syscall_fn syscall_table[NR_SYSCALLS];
long syscall_enosys(unsigned long nr);

/* Inline: it sits on the path of every system call. */
static inline long syscall_dispatch(struct trapframe *tf)
{
	unsigned long nr = tf->a7;
	if (unlikely(nr >= NR_SYSCALLS || !syscall_table[nr]))
		return syscall_enosys(nr);
	return syscall_table[nr](tf->a0, tf->a1, tf->a2, tf->a3, tf->a4, tf->a5);
}

#endif
