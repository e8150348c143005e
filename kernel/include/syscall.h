/* The system-call table (proc/syscall.c): Linux riscv64 numbers. */
#ifndef KERNEL_SYSCALL_H
#define KERNEL_SYSCALL_H

#include "proc.h"

long syscall_dispatch(struct trapframe *tf);

#endif
