/* The page mapped into every process at mm->vdso_base: signal handlers return
 * through it (riscv has no sa_restorer; Linux uses its vDSO the same way). */
#include <asm/unistd.h>

	.section .text.vdso, "ax"
	.balign	4096
	.globl	sigreturn_trampoline
sigreturn_trampoline:
	li	a7, __NR_rt_sigreturn
	ecall
	.balign	4096
