/*
 * Spinlocks (arch/riscv/spinlock.c): short critical sections; interrupts are
 * off on this hart while one is held (nesting is counted per hart, as xv6's
 * push_off/pop_off).  They need nothing from the scheduler, so every layer,
 * lib/ included, may take them.
 *
 * A hart that waits SPIN_LOCKUP_SECONDS for one lock says so on the
 * console once (the lock, the hart holding it, where it was taken when
 * lock_stat is on, and its own backtrace: panic.h), then goes on waiting.
 */
#ifndef KERNEL_SPINLOCK_H
#define KERNEL_SPINLOCK_H

#include "types.h"

struct spinlock {
	volatile uint32_t locked;
	int cpu;		/* hart holding it, for debugging */
	const char *name;	/* also its lock_stat class (lock_stat.h) */
	uint64_t acquired_at;	/* time CSR when taken, while lock_stat is on */
	unsigned long pc;	/* where it was taken, with lock_stat on: a lockup report */
};
#define SPINLOCK_INIT(n) { 0, -1, n, 0, 0 }
#define SPIN_LOCKUP_SECONDS 20

void spin_init(struct spinlock *lk, const char *name);
void spin_lock(struct spinlock *lk);
bool spin_trylock(struct spinlock *lk);	/* true: taken */
void spin_unlock(struct spinlock *lk);
bool spin_holding(struct spinlock *lk);

/* Interrupt disabling with per-hart nesting (used by spin_lock). */
void irq_push_off(void);
void irq_pop_off(void);

#endif
