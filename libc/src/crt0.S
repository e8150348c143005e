/*
 * crt0.S - program entry.  The kernel (or qemu-riscv64) starts us with
 * sp pointing at argc, followed by argv[], NULL, envp[], NULL and the
 * auxiliary vector.  Programs are static PIEs (user.ld): the kernel put
 * this one at a random base, so before anything reads a pointer stored in
 * the image (a GOT entry, an address in .data) we add the base to each
 * one, as the R_RISCV_RELATIVE relocations between __rela_dyn_start and
 * __rela_dyn_end say.  That loop is here, in assembly, because it must
 * itself use nothing that needs relocating: only pc-relative addresses
 * (lla) and registers.  Then we set the global pointer, hand the
 * original sp to __libc_start (start.c) and never return.
 *
 * _start is weak so that a link line naming crt0.o twice (the multi-file
 * program rule lists it among its objects as well) still links.
 */
#include <linux/unistd.h>

#define R_RISCV_NONE		0	/* <elf.h>; r_info with symbol 0 */
#define R_RISCV_RELATIVE	3
#define RELA_SIZE		24	/* Elf64_Rela: r_offset, r_info, r_addend */
#define EXIT_RELOC_FAILED	127

	.section .text.startup._start, "ax"
	.weak _start
	.type _start, @function
_start:
	.option push
	.option norelax
	lla	gp, __global_pointer$
	.option pop
	/* The load base: where _DYNAMIC is now (pc-relative) less where it
	 * was linked, which ld keeps in the GOT's first word. */
	lla	t0, _DYNAMIC
	lla	t1, _GLOBAL_OFFSET_TABLE_
	ld	t1, 0(t1)
	sub	t0, t0, t1
	lla	t1, __rela_dyn_start
	lla	t2, __rela_dyn_end
	li	t5, R_RISCV_RELATIVE
1:	bgeu	t1, t2, 2f
	ld	t3, 8(t1)		/* r_info */
	beqz	t3, 4f			/* R_RISCV_NONE: a slot ld left unused */
	bne	t3, t5, 3f
	ld	t3, 0(t1)		/* r_offset */
	ld	t4, 16(t1)		/* r_addend */
	add	t3, t3, t0
	add	t4, t4, t0
	sd	t4, 0(t3)
4:	addi	t1, t1, RELA_SIZE
	j	1b
2:	mv	a0, sp
	andi	sp, sp, -16
	li	ra, 0
	call	__libc_start
	unimp
	/* A relocation of another kind: the program was linked wrong, and
	 * nothing (not even printing) can be trusted before relocation. */
3:	li	a0, EXIT_RELOC_FAILED
	li	a7, __NR_exit_group
	ecall
	unimp
	.size _start, . - _start
