/*
 * crt0.S - program entry.  The kernel (or qemu-riscv64) starts us with
 * sp pointing at argc, followed by argv[], NULL, envp[], NULL and the
 * auxiliary vector.  We set the global pointer for linker relaxation, hand
 * the original sp to __libc_start (start.c) and never return.
 *
 * _start is weak so that a link line naming crt0.o twice (the multi-file
 * program rule lists it among its objects as well) still links.
 */
	.section .text.startup._start, "ax"
	.weak _start
	.type _start, @function
_start:
	.option push
	.option norelax
	la	gp, __global_pointer$
	.option pop
	mv	a0, sp
	andi	sp, sp, -16
	li	ra, 0
	call	__libc_start
	unimp
	.size _start, . - _start
