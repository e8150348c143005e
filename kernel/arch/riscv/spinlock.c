/*
 * Spinlocks and the per-hart interrupt-off nesting under them.  A spinlock
 * disables interrupts on the hart for as long as it is held
 * (irq_push_off/irq_pop_off count the nesting in struct cpu) so an
 * interrupt handler never spins on a lock its own hart holds.  The lock
 * word itself is the only shared state; the nesting count is per hart.
 */
#include "spinlock.h"
#include "proc.h"
#include "printk.h"
#include "riscv.h"
#include "sections.h"

__lockfunc void irq_push_off(void)
{
	bool on = local_irq_enabled();
	local_irq_disable();
	struct cpu *c = this_cpu();
	if (c->irq_depth++ == 0)
		c->irq_was_on = on;
}

__lockfunc void irq_pop_off(void)
{
	struct cpu *c = this_cpu();
	BUG_ON(local_irq_enabled() || c->irq_depth < 1);
	if (--c->irq_depth == 0 && c->irq_was_on)
		local_irq_enable();
}

void spin_init(struct spinlock *lk, const char *name)
{
	lk->locked = 0;
	lk->cpu = -1;
	lk->name = name;
}

__lockfunc void spin_lock(struct spinlock *lk)
{
	irq_push_off();
	while (__atomic_exchange_n(&lk->locked, 1, __ATOMIC_ACQUIRE))
		while (READ_ONCE(lk->locked))
			;
	lk->cpu = this_cpu()->id;
}

__lockfunc bool spin_trylock(struct spinlock *lk)
{
	irq_push_off();
	if (__atomic_exchange_n(&lk->locked, 1, __ATOMIC_ACQUIRE)) {
		irq_pop_off();
		return false;
	}
	lk->cpu = this_cpu()->id;
	return true;
}

__lockfunc void spin_unlock(struct spinlock *lk)
{
	lk->cpu = -1;
	__atomic_store_n(&lk->locked, 0, __ATOMIC_RELEASE);
	irq_pop_off();
}

bool spin_holding(struct spinlock *lk)
{
	return lk->locked && lk->cpu == this_cpu()->id;
}
