/*
 * clone.S - int clone(int (*fn)(void *), void *stack, int flags, void *arg,
 *                     pid_t *parent_tid, void *tls, pid_t *child_tid)
 *
 * The kernel's clone on riscv takes (flags, stack, parent_tid, tls,
 * child_tid).  fn and arg are saved on the child's new stack before the
 * call, because the child starts with only its registers and that stack;
 * it runs fn(arg) and exits with the result.  The parent gets the raw
 * result converted by __syscall_ret.
 */
	.text
	.globl clone
	.type clone, @function
clone:
	andi	a1, a1, -16
	addi	a1, a1, -16
	sd	a0, 0(a1)
	sd	a3, 8(a1)
	mv	a0, a2
	mv	a2, a4
	mv	a3, a5
	mv	a4, a6
	li	a7, 220		/* SYS_clone */
	ecall
	beqz	a0, 1f
	tail	__syscall_ret
1:
	ld	a1, 0(sp)
	ld	a0, 8(sp)
	jalr	a1
	li	a7, 93		/* SYS_exit: only this thread */
	ecall
	unimp
	.size clone, . - clone
