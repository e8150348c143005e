/*
 * Trap entry and exit.  sscratch is 0 while the hart runs kernel code and
 * holds the current task while it runs user code; tp is the current task in
 * the kernel and the thread pointer in user mode.  No page table switch
 * happens here: the kernel half is mapped in every address space.
 */
#include "riscv.h"
#include "trap_offsets.h"

#define TASK_KSTACK_TOP	0
#define TASK_SCRATCH_SP	8
#define TF_SIZE		288
#define TF_STATUS	256
#define TF_TVAL		264
#define TF_CAUSE	272
#define TF_ORIG_A0	280
#define NR_SYSCALLS	512		/* as kernel/include/syscall.h */
#define REG(n)		((n) * 8)

	.text
	.balign	4
	.globl	trap_entry
trap_entry:
	csrrw	tp, sscratch, tp
	bnez	tp, 1f
	/* From the kernel: tp was already the task; sscratch now holds it
	 * until the frame is saved.  So a fault while saving it (the stack
	 * ran into its guard, kstack.h) comes back here as if from user
	 * mode and saves this frame at the task's stack top instead, where
	 * trap_handler finds the guard address and panics. */
	csrr	tp, sscratch
	sd	sp, TASK_SCRATCH_SP(tp)
	j	2f
1:	sd	sp, TASK_SCRATCH_SP(tp)
	ld	sp, TASK_KSTACK_TOP(tp)
2:	addi	sp, sp, -TF_SIZE
	sd	x1, REG(1)(sp)
	sd	x3, REG(3)(sp)
	sd	x5, REG(5)(sp)
	sd	x6, REG(6)(sp)
	sd	x7, REG(7)(sp)
	sd	x8, REG(8)(sp)
	sd	x9, REG(9)(sp)
	sd	x10, REG(10)(sp)
	sd	x11, REG(11)(sp)
	sd	x12, REG(12)(sp)
	sd	x13, REG(13)(sp)
	sd	x14, REG(14)(sp)
	sd	x15, REG(15)(sp)
	sd	x16, REG(16)(sp)
	sd	x17, REG(17)(sp)
	sd	x18, REG(18)(sp)
	sd	x19, REG(19)(sp)
	sd	x20, REG(20)(sp)
	sd	x21, REG(21)(sp)
	sd	x22, REG(22)(sp)
	sd	x23, REG(23)(sp)
	sd	x24, REG(24)(sp)
	sd	x25, REG(25)(sp)
	sd	x26, REG(26)(sp)
	sd	x27, REG(27)(sp)
	sd	x28, REG(28)(sp)
	sd	x29, REG(29)(sp)
	sd	x30, REG(30)(sp)
	sd	x31, REG(31)(sp)
	ld	t0, TASK_SCRATCH_SP(tp)
	sd	t0, REG(2)(sp)
	csrrw	t0, sscratch, zero	/* the interrupted tp */
	sd	t0, REG(4)(sp)
	csrr	t0, sepc
	csrr	t1, sstatus
	csrr	t3, scause
	sd	t1, TF_STATUS(sp)
	sd	t3, TF_CAUSE(sp)
	/* User memory is reachable only inside the copy routines below: a
	 * fault taken in one (SUM set) must not leave the handler, or the
	 * tasks it sleeps for, with it.  The frame keeps the old value,
	 * which the return restores. */
	li	t2, SSTATUS_SUM
	csrc	sstatus, t2
	li	t4, EXC_ECALL_U
	beq	t3, t4, 3f
	csrr	t2, stval
	sd	t0, REG(0)(sp)
	sd	t2, TF_TVAL(sp)
	mv	a0, sp
	call	trap_handler
	j	trap_return

	/*
	 * A system call, the hot path, dispatched here: a0..a5 and a7 still
	 * hold the caller's arguments and number (only t0..t4 were used).
	 */
3:	addi	t0, t0, 4		/* return past the ecall */
	sd	t0, REG(0)(sp)
	sd	a0, TF_ORIG_A0(sp)	/* for a restart (tval is not kept for an ecall) */
	csrsi	sstatus, SSTATUS_SIE
	lbu	t1, TASK_SYSCALL_WORK(tp)
	bnez	t1, 7f
8:	li	t1, NR_SYSCALLS
	bgeu	a7, t1, 5f
	slli	t2, a7, 3
	lla	t1, syscall_table
	add	t1, t1, t2
	ld	t1, 0(t1)
	beqz	t1, 5f
	jalr	t1
	/*
	 * Back from the call, interrupts off from here: is there exit work?
	 * The test is syscall_exit_work's (trap.c): need_resched or
	 * regs_replaced, an unblocked pending signal, a child tid to write.
	 */
4:	csrci	sstatus, SSTATUS_SIE
	lhu	t0, TASK_EXIT_FLAGS(tp)
	ld	t1, TASK_PENDING(tp)
	ld	t2, TASK_BLOCKED(tp)
	ld	t3, TASK_SET_CHILD_TID(tp)
	not	t2, t2
	and	t1, t1, t2
	or	t0, t0, t1
	or	t0, t0, t3
	bnez	t0, 6f
	/*
	 * None: the quick way back.  s0..s11 still hold the caller's values
	 * (the C code preserved them, and nothing rewrote them in the frame)
	 * and a0 holds the result, so only what C code or another task may
	 * have changed is reloaded.  Interrupts stay off, as in trap_return,
	 * from sscratch to sret.
	 */
	ld	t1, TF_STATUS(sp)
	csrw	sscratch, tp
	ld	t0, REG(0)(sp)
	csrw	sepc, t0
	csrw	sstatus, t1
	ld	x1, REG(1)(sp)
	ld	x3, REG(3)(sp)
	ld	x4, REG(4)(sp)
	ld	x5, REG(5)(sp)
	ld	x6, REG(6)(sp)
	ld	x7, REG(7)(sp)
	ld	x11, REG(11)(sp)
	ld	x12, REG(12)(sp)
	ld	x13, REG(13)(sp)
	ld	x14, REG(14)(sp)
	ld	x15, REG(15)(sp)
	ld	x16, REG(16)(sp)
	ld	x17, REG(17)(sp)
	ld	x28, REG(28)(sp)
	ld	x29, REG(29)(sp)
	ld	x30, REG(30)(sp)
	ld	x31, REG(31)(sp)
	ld	x2, REG(2)(sp)
	sret
6:	sd	a0, REG(10)(sp)
	call	syscall_exit_work
	j	trap_return

	.globl	trap_return
trap_return:
	/* sp points at the trap frame; interrupts are off here. */
	ld	t1, TF_STATUS(sp)
	andi	t0, t1, SSTATUS_SPP
	bnez	t0, 1f
	/* Back to user: remember the task.  From here to sret a trap would
	 * be taken for one from user mode and save over this very frame, so
	 * interrupts must stay off: every saved status has SIE clear (the
	 * hardware clears it on entry; exec builds its status without it)
	 * and SPIE turns them on in user mode. */
	csrw	sscratch, tp
1:	ld	t0, REG(0)(sp)
	csrw	sepc, t0
	csrw	sstatus, t1
	ld	x1, REG(1)(sp)
	ld	x3, REG(3)(sp)
	ld	x4, REG(4)(sp)
	ld	x5, REG(5)(sp)
	ld	x6, REG(6)(sp)
	ld	x7, REG(7)(sp)
	ld	x8, REG(8)(sp)
	ld	x9, REG(9)(sp)
	ld	x10, REG(10)(sp)
	ld	x11, REG(11)(sp)
	ld	x12, REG(12)(sp)
	ld	x13, REG(13)(sp)
	ld	x14, REG(14)(sp)
	ld	x15, REG(15)(sp)
	ld	x16, REG(16)(sp)
	ld	x17, REG(17)(sp)
	ld	x18, REG(18)(sp)
	ld	x19, REG(19)(sp)
	ld	x20, REG(20)(sp)
	ld	x21, REG(21)(sp)
	ld	x22, REG(22)(sp)
	ld	x23, REG(23)(sp)
	ld	x24, REG(24)(sp)
	ld	x25, REG(25)(sp)
	ld	x26, REG(26)(sp)
	ld	x27, REG(27)(sp)
	ld	x28, REG(28)(sp)
	ld	x29, REG(29)(sp)
	ld	x30, REG(30)(sp)
	ld	x31, REG(31)(sp)
	ld	x2, REG(2)(sp)
	sret

5:	mv	a0, a7
	call	syscall_enosys
	j	4b

	/* Entry work (seccomp): syscall_entry_work(frame) says whether the
	 * call is made, with its arguments as the frame now holds them, or
	 * skipped with the frame's a0 as its result. */
7:	mv	a0, sp
	call	syscall_entry_work
	bnez	a0, 9f
	ld	a0, REG(10)(sp)
	ld	a1, REG(11)(sp)
	ld	a2, REG(12)(sp)
	ld	a3, REG(13)(sp)
	ld	a4, REG(14)(sp)
	ld	a5, REG(15)(sp)
	ld	a7, REG(17)(sp)
	j	8b
9:	ld	a0, REG(10)(sp)
	j	4b

/* A new task's first run: finish the switch, then leave through its frame. */
	.globl	ret_from_fork
ret_from_fork:
	call	finish_new_task
	csrc	sstatus, SSTATUS_SIE
	mv	sp, s0
	call	prepare_user_return
	j	trap_return

/* Leave a kernel thread for the user image exec just built: a0 = frame. */
	.globl	enter_user
enter_user:
	csrc	sstatus, SSTATUS_SIE
	mv	sp, a0
	call	prepare_user_return
	j	trap_return

/* A kernel thread's first run: s0 = function, s1 = its argument. */
	.globl	kthread_start
kthread_start:
	call	finish_new_task
	mv	a0, s1
	jalr	s0
	call	kthread_exit

/* struct task *__switch(struct task *prev, struct task *next) */
	.globl	__switch
__switch:
	sd	ra, 16(a0)
	sd	sp, 24(a0)
	sd	s0, 32(a0)
	sd	s1, 40(a0)
	sd	s2, 48(a0)
	sd	s3, 56(a0)
	sd	s4, 64(a0)
	sd	s5, 72(a0)
	sd	s6, 80(a0)
	sd	s7, 88(a0)
	sd	s8, 96(a0)
	sd	s9, 104(a0)
	sd	s10, 112(a0)
	sd	s11, 120(a0)
	sd	tp, 128(a0)
	ld	ra, 16(a1)
	ld	sp, 24(a1)
	ld	s0, 32(a1)
	ld	s1, 40(a1)
	ld	s2, 48(a1)
	ld	s3, 56(a1)
	ld	s4, 64(a1)
	ld	s5, 72(a1)
	ld	s6, 80(a1)
	ld	s7, 88(a1)
	ld	s8, 96(a1)
	ld	s9, 104(a1)
	ld	s10, 112(a1)
	ld	s11, 120(a1)
	ld	tp, 128(a1)
	ret

/* FP state of user tasks (the kernel itself never uses FP registers). */
	.option	push
	.option	arch, +d
	.globl	fp_save
fp_save:
	li	t0, SSTATUS_FS
	csrs	sstatus, t0
	fsd	f0, 0(a0)
	fsd	f1, 8(a0)
	fsd	f2, 16(a0)
	fsd	f3, 24(a0)
	fsd	f4, 32(a0)
	fsd	f5, 40(a0)
	fsd	f6, 48(a0)
	fsd	f7, 56(a0)
	fsd	f8, 64(a0)
	fsd	f9, 72(a0)
	fsd	f10, 80(a0)
	fsd	f11, 88(a0)
	fsd	f12, 96(a0)
	fsd	f13, 104(a0)
	fsd	f14, 112(a0)
	fsd	f15, 120(a0)
	fsd	f16, 128(a0)
	fsd	f17, 136(a0)
	fsd	f18, 144(a0)
	fsd	f19, 152(a0)
	fsd	f20, 160(a0)
	fsd	f21, 168(a0)
	fsd	f22, 176(a0)
	fsd	f23, 184(a0)
	fsd	f24, 192(a0)
	fsd	f25, 200(a0)
	fsd	f26, 208(a0)
	fsd	f27, 216(a0)
	fsd	f28, 224(a0)
	fsd	f29, 232(a0)
	fsd	f30, 240(a0)
	fsd	f31, 248(a0)
	frcsr	t1
	sw	t1, 256(a0)
	csrc	sstatus, t0
	ret

	.globl	fp_restore
fp_restore:
	li	t0, SSTATUS_FS
	csrs	sstatus, t0
	fld	f0, 0(a0)
	fld	f1, 8(a0)
	fld	f2, 16(a0)
	fld	f3, 24(a0)
	fld	f4, 32(a0)
	fld	f5, 40(a0)
	fld	f6, 48(a0)
	fld	f7, 56(a0)
	fld	f8, 64(a0)
	fld	f9, 72(a0)
	fld	f10, 80(a0)
	fld	f11, 88(a0)
	fld	f12, 96(a0)
	fld	f13, 104(a0)
	fld	f14, 112(a0)
	fld	f15, 120(a0)
	fld	f16, 128(a0)
	fld	f17, 136(a0)
	fld	f18, 144(a0)
	fld	f19, 152(a0)
	fld	f20, 160(a0)
	fld	f21, 168(a0)
	fld	f22, 176(a0)
	fld	f23, 184(a0)
	fld	f24, 192(a0)
	fld	f25, 200(a0)
	fld	f26, 208(a0)
	fld	f27, 216(a0)
	fld	f28, 224(a0)
	fld	f29, 232(a0)
	fld	f30, 240(a0)
	fld	f31, 248(a0)
	lw	t1, 256(a0)
	fscsr	t1
	csrc	sstatus, t0
	ret
	.option	pop

/*
 * User memory access.  Each routine runs with SSTATUS_SUM set; a fault
 * inside it is found in the exception table, and the trap handler resumes
 * at the fixup, which returns -EFAULT (or the bytes not copied).
 */
#define EX_ENTRY(insn, fixup) \
	.pushsection .ex_table, "a"; .balign 8; .dword insn, fixup; .popsection

/* One load from a1 or store to a0 that may fault. */
.macro	uld reg, off
100:	ld	\reg, \off(a1)
	EX_ENTRY(100b, copy_fault)
.endm
.macro	usd reg, off
100:	sd	\reg, \off(a0)
	EX_ENTRY(100b, copy_fault)
.endm
/* 64 bytes through eight registers, at offset off of both ends. */
.macro	copy64 off
	uld	a3, \off
	uld	a4, \off + 8
	uld	a5, \off + 16
	uld	a6, \off + 24
	uld	a7, \off + 32
	uld	t2, \off + 40
	uld	t3, \off + 48
	uld	t4, \off + 56
	usd	a3, \off
	usd	a4, \off + 8
	usd	a5, \off + 16
	usd	a6, \off + 24
	usd	a7, \off + 32
	usd	t2, \off + 40
	usd	t3, \off + 48
	usd	t4, \off + 56
.endm

/* long __copy_user(void *dst, const void *src, size_t n): 0 or -EFAULT.
 * When both ends are 8-byte aligned it moves 128 bytes per round (a read
 * or write of a 4 KiB block is mostly this loop), then 8 at a time.
 * Otherwise (from 32 bytes on) it aligns dst, and when src is still
 * misaligned builds each dst word from two aligned src words (5: below),
 * where a byte at a time cost 7 instructions a byte. */
	.globl	__copy_user
__copy_user:
	li	t6, SSTATUS_SUM
	csrs	sstatus, t6
	or	t0, a0, a1
	andi	t0, t0, 7
	bnez	t0, 5f
0:	andi	t0, a2, -128
	add	t1, a1, t0		/* where the 128-byte rounds end in src */
	andi	a2, a2, 127
	beq	a1, t1, 2f
1:	copy64	0
	copy64	64
	addi	a1, a1, 128
	addi	a0, a0, 128
	bne	a1, t1, 1b
2:	li	t1, 8
	bltu	a2, t1, 3f
26:	ld	a3, 0(a1)
27:	sd	a3, 0(a0)
	addi	a0, a0, 8
	addi	a1, a1, 8
	addi	a2, a2, -8
	j	2b
3:	beqz	a2, 4f
28:	lbu	a3, 0(a1)
29:	sb	a3, 0(a0)
	addi	a0, a0, 1
	addi	a1, a1, 1
	addi	a2, a2, -1
	j	3b
4:	csrc	sstatus, t6
	li	a0, 0
	ret
/* Misaligned ends: bytes until dst is aligned; if src is then aligned
 * too, the rounds above; else src is k = 1..7 bytes past the aligned word
 * a1, and each 16 bytes of dst come from three aligned words, shifted
 * right by 8k and left by 64 - 8k (little-endian).  Only words that hold
 * a byte of src are read, so no page src does not reach. */
5:	li	t0, 32
	bltu	a2, t0, 3b
6:	andi	t0, a0, 7
	beqz	t0, 7f
40:	lbu	a3, 0(a1)
41:	sb	a3, 0(a0)
	addi	a0, a0, 1
	addi	a1, a1, 1
	addi	a2, a2, -1
	j	6b
7:	andi	t0, a1, 7
	beqz	t0, 0b
	slli	t1, t0, 3		/* 8k */
	neg	t2, t1			/* 64 - 8k, as sll reads 6 bits */
	sub	a1, a1, t0
	andi	t3, a2, -16
	add	t3, a0, t3		/* where the 16-byte rounds end in dst */
	andi	a2, a2, 15
42:	ld	a4, 0(a1)
	beq	a0, t3, 9f
8:
43:	ld	a5, 8(a1)
44:	ld	a6, 16(a1)
	srl	a3, a4, t1
	sll	a7, a5, t2
	or	a3, a3, a7
	srl	a5, a5, t1
	sll	a7, a6, t2
	or	a5, a5, a7
45:	sd	a3, 0(a0)
46:	sd	a5, 8(a0)
	mv	a4, a6
	addi	a1, a1, 16
	addi	a0, a0, 16
	bne	a0, t3, 8b
9:	add	a1, a1, t0		/* src's byte address again */
	j	3b
	EX_ENTRY(26b, copy_fault)
	EX_ENTRY(27b, copy_fault)
	EX_ENTRY(28b, copy_fault)
	EX_ENTRY(29b, copy_fault)
	EX_ENTRY(40b, copy_fault)
	EX_ENTRY(41b, copy_fault)
	EX_ENTRY(42b, copy_fault)
	EX_ENTRY(43b, copy_fault)
	EX_ENTRY(44b, copy_fault)
	EX_ENTRY(45b, copy_fault)
	EX_ENTRY(46b, copy_fault)
copy_fault:
	li	t6, SSTATUS_SUM
	csrc	sstatus, t6
	li	a0, -14
	ret

/* long __clear_user(void *dst, size_t n): 0 or -EFAULT */
	.globl	__clear_user
__clear_user:
	li	t6, SSTATUS_SUM
	csrs	sstatus, t6
	andi	t0, a0, 7
	bnez	t0, 3f
	li	t1, 32
1:	bltu	a1, t1, 2f
30:	sd	zero, 0(a0)
31:	sd	zero, 8(a0)
32:	sd	zero, 16(a0)
33:	sd	zero, 24(a0)
	addi	a0, a0, 32
	addi	a1, a1, -32
	j	1b
2:	li	t1, 8
	bltu	a1, t1, 3f
34:	sd	zero, 0(a0)
	addi	a0, a0, 8
	addi	a1, a1, -8
	j	2b
3:	beqz	a1, 4f
35:	sb	zero, 0(a0)
	addi	a0, a0, 1
	addi	a1, a1, -1
	j	3b
4:	csrc	sstatus, t6
	li	a0, 0
	ret
	EX_ENTRY(30b, copy_fault)
	EX_ENTRY(31b, copy_fault)
	EX_ENTRY(32b, copy_fault)
	EX_ENTRY(33b, copy_fault)
	EX_ENTRY(34b, copy_fault)
	EX_ENTRY(35b, copy_fault)

/* long __strncpy_user(char *dst, const char *src, long n): length or -EFAULT */
	.globl	__strncpy_user
__strncpy_user:
	li	t6, SSTATUS_SUM
	csrs	sstatus, t6
	li	t0, 0
1:	beq	t0, a2, 2f
36:	lbu	t1, 0(a1)
	sb	t1, 0(a0)
	beqz	t1, 2f
	addi	a0, a0, 1
	addi	a1, a1, 1
	addi	t0, t0, 1
	j	1b
2:	csrc	sstatus, t6
	mv	a0, t0
	ret
	EX_ENTRY(36b, copy_fault)

/* long __get_user_u32(uint32_t *dst, const uint32_t *uaddr): for futex */
	.globl	__get_user_u32
__get_user_u32:
	li	t6, SSTATUS_SUM
	csrs	sstatus, t6
37:	lw	t0, 0(a1)
	sw	t0, 0(a0)
	csrc	sstatus, t6
	li	a0, 0
	ret
	EX_ENTRY(37b, copy_fault)
