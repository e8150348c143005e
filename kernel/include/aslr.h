/*
 * Address-space layout randomization (mm/aslr.c): how far exec moves each
 * part of a new image from its fixed place (vm.h draws the layout), with
 * Linux's number of random bits for riscv64 and 4 KiB pages:
 *
 *   stack top   down from STACK_TOP, STACK_RND_BITS of pages (Linux's
 *               STACK_RND_MASK 0x3ffff: 18 bits, up to 1 GiB)
 *   mmap base   up from MMAP_BASE, MMAP_RND_BITS of pages (Linux's
 *               mmap_rnd_bits default for riscv64, 18 bits, 1 GiB); the
 *               interpreter (ld.so) is mapped there, so it moves with it
 *   PIE base    up from ELF_ET_DYN_BASE, MMAP_RND_BITS of pages (Linux
 *               adds arch_mmap_rnd() to its ELF_ET_DYN_BASE the same way)
 *   brk start   up from the program's end by a page-aligned offset below
 *               BRK_RND_RANGE (Linux's arch_randomize_brk: 1 GiB on 64-bit,
 *               18 bits)
 *   vdso page   just above the stack, so it moves with it (Linux maps its
 *               vDSO in the mmap area, moving with that: 18 bits too); a
 *               place of its own would cost every process two page tables
 *
 * /proc/sys/kernel/randomize_va_space selects as on Linux: 0 nothing moves,
 * 1 all but brk, 2 (the default) everything; a task whose personality has
 * ADDR_NO_RANDOMIZE (setarch -R) gets 0 at its next exec; "norandmaps" on
 * the kernel command line starts it at 0, as on Linux.  The value is one
 * int read and written atomically: no lock.
 */
#ifndef KERNEL_ASLR_H
#define KERNEL_ASLR_H

#include "types.h"

#define STACK_RND_BITS	18
#define MMAP_RND_BITS	18
#define BRK_RND_RANGE	(1ul << 30)

/* Offsets in bytes, page aligned; all 0 when nothing is to move.  The
 * AT_RANDOM bytes come in the same draw: one request to the pool (a
 * round trip to virtio-rng) per exec. */
struct aslr_offsets {
	uint8_t at_random[16];	/* for the auxiliary vector, always drawn */
	unsigned long stack;	/* below STACK_TOP */
	unsigned long mmap;	/* above MMAP_BASE */
	unsigned long pie;	/* above ELF_ET_DYN_BASE */
	unsigned long brk;	/* above the end of the program */
};

/* Draw the offsets for an exec that leaves the task with this personality. */
void aslr_draw(struct aslr_offsets *o, unsigned int personality);

/* randomize_va_space: get, and set (0, 1 or 2, else -EINVAL). */
/* At boot: "norandmaps" on the command line sets the level to 0. */
void aslr_init(void);
int aslr_get_level(void);
int aslr_set_level(int level);

#endif
