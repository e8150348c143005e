/*
 * Boot entry.  OpenSBI enters _start in S-mode with the MMU off, a0 = hart
 * id and a1 = the device tree's physical address.  We map the first 2 GiB of
 * RAM twice with gigapages (identity, and at PAGE_OFFSET), turn on Sv39,
 * jump to the kernel's linked (high) address and call kmain() on the boot
 * stack; kmain moves to a guarded stack (call_on_stack) once the kernel's
 * page table exists.  Secondary harts enter _start_secondary (started
 * through SBI HSM) with a1 = the top of their idle stack, a guarded one in
 * the kstack area (kstack.h), which only the kernel's page table maps: they
 * switch to that table before touching it, and call secondary_main().
 */
#include "riscv.h"

#define BOOT_PTE(pa)	((((pa) >> 12) << PTE_PPN_SHIFT) | PTE_V | PTE_R | PTE_W | PTE_X | PTE_A | PTE_D)
#define IDX(va)		PT_INDEX(va, 2)	/* in the root: gigapages */

#define SBI_EXT_HSM		0x48534D
#define SBI_HSM_HART_STOP	1

	.section .text.boot
	.globl _start
_start:
	csrw	sie, zero
	/* Only one hart may run kmain: OpenSBI enters _start on the boot hart
	 * alone, but a boot that once showed two harts initialising memory
	 * together says a second one can arrive.  The first to swap the
	 * lottery wins; a later one stops itself through HSM, so that
	 * start_secondary_harts can start it the proper way.  The lottery
	 * lives in .data: the winner zeroes .bss. */
	lla	t0, boot_lottery
	li	t1, 1
	amoswap.w.aq t1, t1, (t0)
	bnez	t1, lost_lottery
	csrw	sscratch, zero
	mv	s0, a0
	mv	s1, a1
	la	sp, boot_stack_top
	call	enable_boot_mmu
	li	t1, PAGE_OFFSET
	add	sp, sp, t1
	la	t0, 1f
	add	t0, t0, t1
	jr	t0
1:	la	t0, _bss_start
	la	t1, _bss_end
2:	bgeu	t0, t1, 3f
	sd	zero, 0(t0)
	addi	t0, t0, 8
	j	2b
3:	mv	tp, zero
	mv	a0, s0
	mv	a1, s1
	call	kmain
4:	wfi
	j	4b

	.globl _start_secondary
_start_secondary:
	csrw	sie, zero
	csrw	sscratch, zero
	mv	s0, a0
	mv	s1, a1
	call	enable_boot_mmu
	li	t1, PAGE_OFFSET
	la	t0, 1f
	add	t0, t0, t1
	jr	t0
1:	la	t0, kernel_pgd		/* satp = Sv39 | the kernel table's page number */
	ld	t0, 0(t0)
	li	t1, PAGE_OFFSET
	sub	t0, t0, t1
	srli	t0, t0, 12
	li	t1, SATP_MODE_SV39
	or	t0, t0, t1
	sfence.vma
	csrw	satp, t0
	sfence.vma
	mv	sp, s1
	mv	tp, zero
	mv	a0, s0
	mv	s0, zero		/* the first frame: no caller */
	call	secondary_main
2:	wfi
	j	2b

/*
 * call_on_stack(top, fn): run fn, which never returns, on the stack that
 * ends at top (kmain's way from the boot stack to its guarded one).
 */
	.globl	call_on_stack
call_on_stack:
	mv	sp, a0
	mv	s0, zero
	li	ra, 0
	jr	a1

lost_lottery:
	li	a7, SBI_EXT_HSM
	li	a6, SBI_HSM_HART_STOP
	ecall
5:	wfi
	j	5b

/* Runs at the physical address: may use only pc-relative addressing. */
enable_boot_mmu:
	la	t0, boot_pgd
	srli	t0, t0, 12
	li	t1, SATP_MODE_SV39
	or	t0, t0, t1
	sfence.vma
	csrw	satp, t0
	sfence.vma
	ret

	.section .data.boot_lottery, "aw"
	.balign	4
boot_lottery:
	.word	0

	.section .data.boot_pgd, "aw"
	.balign	4096
	.globl	boot_pgd
boot_pgd:
	.fill	IDX(0x80000000), 8, 0
	.quad	BOOT_PTE(0x80000000), BOOT_PTE(0xc0000000)
	.fill	IDX(PAGE_OFFSET + 0x80000000) - IDX(0x80000000) - 2, 8, 0
	.quad	BOOT_PTE(0x80000000), BOOT_PTE(0xc0000000)
	.fill	PTRS_PER_PT - IDX(PAGE_OFFSET + 0x80000000) - 2, 8, 0

	.section .bss.boot_stack, "aw", @nobits
	.balign	16
boot_stack:
	.skip	16384
	.globl	boot_stack_top
boot_stack_top:
