/*
 * Lock statistics (lock_stat.h): the class table and its counters.
 *
 * classes[] is an open-addressed hash table keyed by the name pointer;
 * a slot's key goes from NULL to a name once (compare-and-swap) and never
 * changes, so a lookup that finds its name or an empty slot is final.
 * The counters are updated with atomic adds, the minimums and maximums
 * with compare-and-swap loops.  No lock anywhere: this code runs inside
 * spin_lock and spin_unlock.  A clear zeroes the counters, not the keys,
 * so a lock that reports while it runs is at worst counted half.
 */
#include "lock_stat.h"
#include "boot.h"
#include "proc.h"
#include "string.h"

#define HASH_SHIFT	8
_Static_assert(LOCK_STAT_CLASSES == 1 << HASH_SHIFT, "table size");
#define GOLDEN_RATIO_64	0x61c8864680b583ebull
#define NSEC_PER_SEC	1000000000ull

struct lock_class {
	const char *name;		/* the key: NULL while the slot is free */
	int last_cpu;			/* the hart that last took a lock of the class */
	unsigned long con_bounces, contentions, acq_bounces, acquisitions, holds;
	uint64_t wait_min, wait_max, wait_total;
	uint64_t hold_min, hold_max, hold_total;
};

bool lock_stat_enabled;
static struct lock_class classes[LOCK_STAT_CLASSES];
static unsigned long overflows;		/* reports dropped: the table was full */

void lock_stat_init(void)
{
	lock_stat_enabled = cmdline_has("lockstat");
}

void lock_stat_set(bool on)
{
	__atomic_store_n(&lock_stat_enabled, on, __ATOMIC_RELAXED);
}

static struct lock_class *class_of(const char *name)
{
	unsigned long h = ((unsigned long)name * GOLDEN_RATIO_64) >> (64 - HASH_SHIFT);
	for (int i = 0; i < LOCK_STAT_CLASSES; i++) {
		struct lock_class *c = &classes[(h + i) % LOCK_STAT_CLASSES];
		const char *key = __atomic_load_n(&c->name, __ATOMIC_ACQUIRE);
		if (key == name)
			return c;
		if (!key) {
			const char *expect = NULL;
			if (__atomic_compare_exchange_n(&c->name, &expect, name, false,
							__ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE) ||
			    expect == name)
				return c;
		}
	}
	__atomic_fetch_add(&overflows, 1, __ATOMIC_RELAXED);
	return NULL;
}

static void add(unsigned long *v, unsigned long n)
{
	__atomic_fetch_add(v, n, __ATOMIC_RELAXED);
}

static void add64(uint64_t *v, uint64_t n)
{
	__atomic_fetch_add(v, n, __ATOMIC_RELAXED);
}

/* Minimums start at 0, meaning "none yet". */
static void set_min(uint64_t *v, uint64_t t)
{
	uint64_t old = __atomic_load_n(v, __ATOMIC_RELAXED);
	while ((old == 0 || t < old) &&
	       !__atomic_compare_exchange_n(v, &old, t, true, __ATOMIC_RELAXED, __ATOMIC_RELAXED))
		;
}

static void set_max(uint64_t *v, uint64_t t)
{
	uint64_t old = __atomic_load_n(v, __ATOMIC_RELAXED);
	while (t > old &&
	       !__atomic_compare_exchange_n(v, &old, t, true, __ATOMIC_RELAXED, __ATOMIC_RELAXED))
		;
}

/* A lock without a name is counted under this one. */
static const char unnamed[] = "(unnamed)";

void lock_stat_acquired(const char *name, uint64_t wait, bool contended)
{
	struct lock_class *c = class_of(name ? name : unnamed);
	if (!c)
		return;
	int cpu = this_cpu()->id;
	bool bounce = __atomic_exchange_n(&c->last_cpu, cpu, __ATOMIC_RELAXED) != cpu;
	add(&c->acquisitions, 1);
	if (bounce)
		add(&c->acq_bounces, 1);
	if (!contended)
		return;
	add(&c->contentions, 1);
	if (bounce)
		add(&c->con_bounces, 1);
	add64(&c->wait_total, wait);
	set_min(&c->wait_min, wait ? wait : 1);
	set_max(&c->wait_max, wait);
}

void lock_stat_released(const char *name, uint64_t hold)
{
	struct lock_class *c = class_of(name ? name : unnamed);
	if (!c)
		return;
	add(&c->holds, 1);
	add64(&c->hold_total, hold);
	set_min(&c->hold_min, hold ? hold : 1);
	set_max(&c->hold_max, hold);
}

void lock_stat_clear(void)
{
	for (int i = 0; i < LOCK_STAT_CLASSES; i++) {
		struct lock_class *c = &classes[i];
		__atomic_store_n(&c->con_bounces, 0, __ATOMIC_RELAXED);
		__atomic_store_n(&c->contentions, 0, __ATOMIC_RELAXED);
		__atomic_store_n(&c->acq_bounces, 0, __ATOMIC_RELAXED);
		__atomic_store_n(&c->acquisitions, 0, __ATOMIC_RELAXED);
		__atomic_store_n(&c->holds, 0, __ATOMIC_RELAXED);
		__atomic_store_n(&c->wait_min, 0, __ATOMIC_RELAXED);
		__atomic_store_n(&c->wait_max, 0, __ATOMIC_RELAXED);
		__atomic_store_n(&c->wait_total, 0, __ATOMIC_RELAXED);
		__atomic_store_n(&c->hold_min, 0, __ATOMIC_RELAXED);
		__atomic_store_n(&c->hold_max, 0, __ATOMIC_RELAXED);
		__atomic_store_n(&c->hold_total, 0, __ATOMIC_RELAXED);
	}
}

static uint64_t to_ns(uint64_t ticks)
{
	uint64_t f = boot_info.timebase_freq;
	return ticks / f * NSEC_PER_SEC + ticks % f * NSEC_PER_SEC / f;
}

int lock_stat_snapshot(struct lock_class_stats *out, int max)
{
	int n = 0;
	for (int i = 0; i < LOCK_STAT_CLASSES && n < max; i++) {
		struct lock_class *c = &classes[i];
		const char *name = __atomic_load_n(&c->name, __ATOMIC_ACQUIRE);
		unsigned long acq = __atomic_load_n(&c->acquisitions, __ATOMIC_RELAXED);
		if (!name || !acq)
			continue;
		out[n] = (struct lock_class_stats){
			.name = name,
			.con_bounces = READ_ONCE(c->con_bounces),
			.contentions = READ_ONCE(c->contentions),
			.acq_bounces = READ_ONCE(c->acq_bounces),
			.acquisitions = acq,
			.holds = READ_ONCE(c->holds),
			.wait_min = to_ns(READ_ONCE(c->wait_min)),
			.wait_max = to_ns(READ_ONCE(c->wait_max)),
			.wait_total = to_ns(READ_ONCE(c->wait_total)),
			.hold_min = to_ns(READ_ONCE(c->hold_min)),
			.hold_max = to_ns(READ_ONCE(c->hold_max)),
			.hold_total = to_ns(READ_ONCE(c->hold_total)),
		};
		n++;
	}
	return n;
}
