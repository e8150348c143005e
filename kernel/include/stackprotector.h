/*
 * The kernel's stack protector (arch/riscv/stackprotector.c): GCC calls
 * __stack_chk_fail from a protected function whose copy of its task's
 * canary changed; it panics naming the place and the task.
 */
#ifndef KERNEL_STACKPROTECTOR_H
#define KERNEL_STACKPROTECTOR_H

void __stack_chk_fail(void) __attribute__((noreturn));

#endif
