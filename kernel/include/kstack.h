/*
 * Kernel stacks (mm/kstack.c), each KSTACK_SIZE bytes at the top of its
 * own KSTACK_SLOT-byte slot in KSTACK_AREA, a gigabyte of the kernel half
 * set apart for them.  The rest of the slot, below the stack, is never
 * mapped: a stack that overflows faults there (trap.c panics with "kernel
 * stack overflow", naming the task) instead of overwriting what lies
 * below, as it would in the direct map.
 */
#ifndef KERNEL_KSTACK_H
#define KERNEL_KSTACK_H

#include "types.h"
#include "riscv.h"
#include "proc.h"	/* KSTACK_SIZE */

#define KSTACK_AREA	_UL(0xffffffe000000000)
#define KSTACK_AREA_END	(KSTACK_AREA + PT_LEVEL_SIZE(2))
#define KSTACK_SLOT	(2 * KSTACK_SIZE)	/* the guard is as big as the stack */

/* A stack (its lowest address), or NULL when out of memory or slots. */
void *kstack_alloc(void);
void kstack_free(void *stack);

/* Is addr in the unmapped guard below some stack? */
static inline bool kstack_guard(unsigned long addr)
{
	return addr >= KSTACK_AREA && addr < KSTACK_AREA_END &&
	       (addr - KSTACK_AREA) % KSTACK_SLOT < KSTACK_SLOT - KSTACK_SIZE;
}

#endif
