/*
 * syscall.S - long syscall(long number, ...)
 *
 * On riscv the variadic arguments of an integer-only call arrive in a1..a6
 * exactly as fixed ones would, so no va_list is needed: the number moves
 * to a7, each argument one register down, and a result in [-4095, -1]
 * becomes -1 with errno set (__syscall_ret).  A C version with va_arg
 * spills every register first and costs twice the instructions.
 */
	.text
	.globl	syscall
	.type	syscall, @function
syscall:
	mv	t0, a0
	mv	a0, a1
	mv	a1, a2
	mv	a2, a3
	mv	a3, a4
	mv	a4, a5
	mv	a5, a6
	mv	a7, t0
	ecall
	li	t0, -4096
	bgtu	a0, t0, 1f
	ret
1:	tail	__syscall_ret
	.size	syscall, .-syscall
