/*
 * Spinlocks and the per-hart interrupt-off nesting under them.  A spinlock
 * disables interrupts on the hart for as long as it is held
 * (push_off/pop_off count the nesting in struct cpu: inline in spin_lock
 * and spin_unlock, and as irq_push_off/irq_pop_off for others) so an
 * interrupt handler never spins on a lock its own hart holds.  The lock
 * word itself is the only shared state; the nesting count is per hart.
 *
 * With lock statistics on (lock_stat.h), taking and releasing a lock go
 * through the _stat slow paths below, which time the wait and the hold
 * with the time CSR; off, the fast paths pay one test of a flag (the slow
 * paths are never inlined, so the fast ones stay leaf functions that
 * save no registers).  A lock
 * taken while statistics were off has no acquired_at and its release is
 * not timed.
 */
#include "spinlock.h"
#include "proc.h"
#include "printk.h"
#include "riscv.h"
#include "sections.h"
#include "lock_stat.h"
#include "panic.h"
#include "boot.h"

/*
 * The nesting, inline in the lock paths below: interrupts go off (and
 * whether they were on is kept) at the outermost push, and come back on at
 * the matching pop only if they were.  A pop without a push is a bug.
 */
static inline __attribute__((always_inline)) void push_off(void)
{
	unsigned long on = local_irq_save();
	struct cpu *c = this_cpu();
	if (c->irq_depth++ == 0)
		c->irq_was_on = on;
}

static inline __attribute__((always_inline)) void pop_off(void)
{
	struct cpu *c = this_cpu();
	int depth = c->irq_depth - 1;
	BUG_ON(depth < 0);
	c->irq_depth = depth;
	if (depth == 0)
		local_irq_restore(c->irq_was_on);
}

__lockfunc void irq_push_off(void)
{
	push_off();
}

__lockfunc void irq_pop_off(void)
{
	BUG_ON(local_irq_enabled());
	pop_off();
}

void spin_init(struct spinlock *lk, const char *name)
{
	lk->locked = 0;
	lk->cpu = -1;
	lk->name = name;
	lk->acquired_at = 0;
	lk->pc = 0;
}

/* The wait for a lock another hart holds, after the first try failed;
 * rdtime only here, so the uncontended path pays nothing for it.  A wait
 * of SPIN_LOCKUP_SECONDS is reported once (a deadlock, or a hart stuck
 * with the lock held) and the wait goes on. */
static __lockfunc __attribute__((noinline, cold)) void spin_wait(struct spinlock *lk)
{
	uint64_t start = rdtime(), limit = SPIN_LOCKUP_SECONDS * boot_info.timebase_freq;
	bool told = false;
	do {
		while (READ_ONCE(lk->locked)) {
			cpu_relax();
			if (!told && limit && rdtime() - start > limit) {
				told = true;
				report_spin_lockup(lk->name, READ_ONCE(lk->cpu), READ_ONCE(lk->pc),
						   SPIN_LOCKUP_SECONDS);
			}
		}
	} while (__atomic_exchange_n(&lk->locked, 1, __ATOMIC_ACQUIRE));
}

static __lockfunc __attribute__((noinline, cold)) void spin_lock_stat(struct spinlock *lk)
{
	uint64_t start = rdtime();
	bool contended = false;
	if (__atomic_exchange_n(&lk->locked, 1, __ATOMIC_ACQUIRE)) {
		contended = true;
		spin_wait(lk);
	}
	uint64_t now = rdtime();
	lk->cpu = this_cpu()->id;
	/* spin_lock tail-calls this: the return address is its caller's. */
	lk->pc = (unsigned long)__builtin_return_address(0);
	lk->acquired_at = now;
	lock_stat_acquired(lk->name, now - start, contended);
}

__lockfunc void spin_lock(struct spinlock *lk)
{
	push_off();
	if (unlikely(lock_stat_enabled)) {
		spin_lock_stat(lk);
		return;
	}
	if (__atomic_exchange_n(&lk->locked, 1, __ATOMIC_ACQUIRE))
		spin_wait(lk);
	lk->cpu = this_cpu()->id;
}

__lockfunc bool spin_trylock(struct spinlock *lk)
{
	push_off();
	if (__atomic_exchange_n(&lk->locked, 1, __ATOMIC_ACQUIRE)) {
		pop_off();
		return false;
	}
	lk->cpu = this_cpu()->id;
	if (unlikely(lock_stat_enabled)) {
		lk->acquired_at = rdtime();
		lock_stat_acquired(lk->name, 0, false);
	}
	return true;
}

static __lockfunc void spin_release(struct spinlock *lk)
{
	lk->cpu = -1;
	__atomic_store_n(&lk->locked, 0, __ATOMIC_RELEASE);
	pop_off();
}

static __lockfunc __attribute__((noinline, cold)) void spin_unlock_stat(struct spinlock *lk)
{
	if (lk->acquired_at) {
		lock_stat_released(lk->name, rdtime() - lk->acquired_at);
		lk->acquired_at = 0;
	}
	lk->pc = 0;
	spin_release(lk);
}

__lockfunc void spin_unlock(struct spinlock *lk)
{
	if (unlikely(lock_stat_enabled)) {
		spin_unlock_stat(lk);
		return;
	}
	spin_release(lk);
}

bool spin_holding(struct spinlock *lk)
{
	return lk->locked && lk->cpu == this_cpu()->id;
}
