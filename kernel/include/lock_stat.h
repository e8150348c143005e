/*
 * Lock statistics, Linux's lock_stat: for each lock class (the name a
 * lock was initialised with: one class for every lock of that name)
 * acquisitions, contentions, and the shortest, longest and total times
 * spent waiting for the lock and holding it, read in /proc/lock_stat.
 *
 * Off by default; on with "lockstat" on the command line or by writing 1
 * to /proc/sys/kernel/lock_stat.  Off, each lock and unlock pays one
 * test of lock_stat_enabled, a branch that is always predicted right.
 * On, the lock functions (spinlock.c, lock.c) take their slow paths and
 * report here.  Recording takes no lock (the locks are what is being
 * measured): a class is found by its name pointer in a fixed hash table
 * whose slots are claimed with compare-and-swap, and every counter is
 * updated with atomic operations, so a reader may see a class whose
 * counters are a moment apart but never torn.  Times are in ticks of
 * the time CSR while recorded, shown in microseconds.
 */
#ifndef KERNEL_LOCK_STAT_H
#define KERNEL_LOCK_STAT_H

#include "types.h"

extern bool lock_stat_enabled;

void lock_stat_init(void);			/* reads "lockstat" from the command line */
void lock_stat_set(bool on);			/* kernel.lock_stat */
void lock_stat_clear(void);			/* a write of 0 to /proc/lock_stat */

/* The lock functions' reports: an acquisition after waiting wait ticks
 * (0: it was free), and a release after holding it hold ticks. */
void lock_stat_acquired(const char *name, uint64_t wait, bool contended);
void lock_stat_released(const char *name, uint64_t hold);

/* A class's counters, times in nanoseconds. */
struct lock_class_stats {
	const char *name;
	unsigned long con_bounces, contentions, acq_bounces, acquisitions;
	uint64_t wait_min, wait_max, wait_total;	/* over the contended acquisitions */
	uint64_t hold_min, hold_max, hold_total;	/* over the releases */
	unsigned long holds;				/* releases timed */
};
#define LOCK_STAT_CLASSES	256

/* Copy out the classes that have been used (at most max): their number. */
int lock_stat_snapshot(struct lock_class_stats *out, int max);

#endif
