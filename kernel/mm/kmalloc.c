/*
 * kmalloc: objects of 16..2048 bytes come from slab pages, one size class
 * per page, free objects chained through their first word; bigger requests
 * get whole buddy blocks.  Each class has a list of pages with free objects
 * and a spinlock guarding that list, the slab fields of its pages and its
 * count of wholly free pages.  A class keeps up to SLAB_KEEP_EMPTY pages
 * with no object in use instead of freeing them, so a kmalloc/kfree pair
 * (a name looked up and dropped) does not make and break a slab each time.
 * The class's counts of slab pages and objects in use (/proc/slabinfo)
 * change under the same lock.
 *
 * In front of the classes, each hart keeps a few freed objects of each
 * class (struct cpu_cache, a stack of CPU_CACHE_OBJS): kfree puts an object
 * there and kmalloc takes the most recent one back, with interrupts off on
 * that hart and no lock, so a name looked up and dropped, a vma or a
 * credential made and freed costs no slab lock.  Only when a hart's stack
 * is empty (or full) does the class's list and lock see the request.
 * Cached objects count as in use in /proc/slabinfo; a slot is cleared when
 * its object leaves, so kmemleak never sees a stale pointer to it there.
 *
 * "slab_debug" on the command line catches use after free: kfree fills a
 * small object with POISON_FREE and parks it in a quarantine ring (its own
 * spinlock) with the return addresses on the freeing stack, and only the
 * object pushed out of the ring is really freed, after a check that its
 * poison is whole (a write after free is reported with its offset and who
 * freed it).  A read after free finds the poison; an oops names the freed
 * object any register points into (slab_debug_explain).
 */
#include "kmalloc.h"
#include "mm.h"
#include "lock.h"
#include "string.h"
#include "kmemleak.h"
#include "proc.h"
#include "boot.h"
#include "ns.h"
#include "panic.h"
#include "printk.h"
#include "kallsyms.h"

#define MIN_SHIFT	4
#define NCLASSES	KMALLOC_NR_CLASSES	/* 16, 32, ..., 2048 */
#define SLAB_KEEP_EMPTY	1

struct slab_class {
	struct spinlock lock;
	struct list_head partial;	/* pages with at least one free object */
	size_t size;
	int nr_empty;			/* pages on partial with no object in use */
	unsigned long nr_slabs;		/* pages of this class */
	unsigned long nr_active;	/* objects in use */
};

static struct slab_class classes[NCLASSES];

#define CPU_CACHE_OBJS	16

struct cpu_cache {
	int n;
	void *objs[CPU_CACHE_OBJS];
};
static struct cpu_cache cpu_caches[MAX_CPUS][NCLASSES];	/* [hart][class], irqs off */

/* The smallest class that holds size (1..2048 bytes), by 16-byte steps:
 * class_by_step[(size - 1) >> MIN_SHIFT], filled by kmalloc_init. */
static uint8_t class_by_step[(2048 >> MIN_SHIFT)];

static int class_of(size_t size)
{
	return class_by_step[(size - 1) >> MIN_SHIFT];
}

/* ---- slab_debug: a quarantine for freed objects ---- */

#define QUARANTINE	2048
#define FREE_TRACE	8
#define POISON_FREE	0x6b

struct quarantined {
	void *obj;
	size_t size;
	int pid;
	unsigned long trace[FREE_TRACE];
};

bool slab_debug;
static struct spinlock quarantine_lock = SPINLOCK_INIT("quarantine");
static struct quarantined *quarantine;	/* [QUARANTINE], ring */
static unsigned int quarantine_next;

static void kfree_object(void *p, struct page *pg);
static unsigned int order_of(size_t size);

/* Straight to the console: an oops may call slab_debug_explain. */
static void dbg_say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void dbg_say(const char *fmt, ...)
{
	char line[160];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	console_write(line, strlen(line));
}

static void say_trace(const struct quarantined *q)
{
	dbg_say("  freed by pid %d at:\n", q->pid);
	for (int i = 0; i < FREE_TRACE && q->trace[i]; i++) {
		unsigned long off, size;
		const char *name = kallsyms_lookup(q->trace[i] - 1, &off, &size);
		dbg_say("   %016lx %s+0x%lx\n", q->trace[i], name ? name : "?", off + 1);
	}
}

static void quarantine_check(const struct quarantined *q)
{
	const unsigned char *b = q->obj;
	for (size_t i = sizeof(void *); i < q->size; i++)
		if (b[i] != POISON_FREE) {
			dbg_say("slab_debug: object %p (%zu bytes) written after free at offset %zu "
			       "(byte 0x%02x)\n", q->obj, q->size, i, b[i]);
			say_trace(q);
			return;
		}
}

/* Park p (of class size) in the ring; the object it pushes out is freed. */
static __attribute__((noinline, cold)) void quarantine_add(void *p, size_t size, struct page *pg)
{
	memset(p, POISON_FREE, size);
	struct quarantined q = { p, size, current && current->pid ? current->pid->numbers[0].nr : 0, { 0 } };
	stack_trace_save(q.trace, FREE_TRACE);
	spin_lock(&quarantine_lock);
	struct quarantined old = quarantine[quarantine_next];
	quarantine[quarantine_next] = q;
	quarantine_next = (quarantine_next + 1) % QUARANTINE;
	spin_unlock(&quarantine_lock);
	if (old.obj) {
		quarantine_check(&old);
		kfree_object(old.obj, virt_to_page(old.obj));
	}
}

void slab_debug_explain(unsigned long addr)
{
	if (!slab_debug || !quarantine)
		return;
	for (int i = 0; i < QUARANTINE; i++) {
		const struct quarantined *q = &quarantine[i];
		if (q->obj && addr >= (unsigned long)q->obj && addr < (unsigned long)q->obj + q->size) {
			dbg_say("slab_debug: %lx is in object %p (%zu bytes), freed\n", addr, q->obj,
			       q->size);
			say_trace(q);
		}
	}
}

void kmalloc_init(void)
{
	for (int i = 0; i < NCLASSES; i++) {
		spin_init(&classes[i].lock, "slab");
		list_init(&classes[i].partial);
		classes[i].size = 1ul << (i + MIN_SHIFT);
	}
	for (size_t step = 0, c = 0; step < ARRAY_SIZE(class_by_step); step++) {
		while (classes[c].size < ((step + 1) << MIN_SHIFT))
			c++;
		class_by_step[step] = (uint8_t)c;
	}
	if (cmdline_has("slab_debug")) {
		size_t bytes = QUARANTINE * sizeof(struct quarantined);
		struct page *pg = alloc_pages(order_of(bytes));
		if (pg) {
			quarantine = page_address(pg);
			memset(quarantine, 0, bytes);
			slab_debug = true;
		}
	}
}

static struct page *slab_new(int c)
{
	struct page *pg = alloc_pages(0);
	if (!pg)
		return NULL;
	size_t size = classes[c].size;
	char *base = page_address(pg);
	pg->flags |= PG_SLAB;
	pg->slab_class = c;
	pg->slab_inuse = 0;
	pg->slab_free = NULL;
	for (size_t off = PAGE_SIZE; off >= size; off -= size) {
		void **obj = (void **)(base + off - size);
		*obj = pg->slab_free;
		pg->slab_free = obj;
	}
	return pg;
}

static unsigned int order_of(size_t size)
{
	unsigned int o = 0;
	while ((PAGE_SIZE << o) < size)
		o++;
	return o;
}

/* A request bigger than the largest class: whole buddy pages. */
static __attribute__((noinline)) void *kmalloc_large(size_t size)
{
	unsigned int o = order_of(size);
	if (o >= MAX_ORDER)
		return NULL;
	struct page *pg = alloc_pages(o);
	return pg ? page_address(pg) : NULL;
}

/* This hart's stack of class c was empty: an object from the class's
 * pages, under its lock (a new page when none has a free object). */
static __attribute__((noinline)) void *kmalloc_slab(int c)
{
	struct slab_class *sc = &classes[c];
	spin_lock(&sc->lock);
	if (list_empty(&sc->partial)) {
		spin_unlock(&sc->lock);
		struct page *pg = slab_new(c);
		if (!pg)
			return NULL;
		spin_lock(&sc->lock);
		list_add(&pg->link, &sc->partial);
		sc->nr_slabs++;
	}
	struct page *pg = list_first_entry(&sc->partial, struct page, link);
	void **obj = pg->slab_free;
	pg->slab_free = *obj;
	if (pg->slab_inuse++ == 0 && pg->flags & PG_SLAB_KEPT) {
		pg->flags &= ~PG_SLAB_KEPT;
		sc->nr_empty--;
	}
	if (!pg->slab_free)
		list_del(&pg->link);
	sc->nr_active++;
	spin_unlock(&sc->lock);
	return obj;
}

static void *kmalloc_object(size_t size)
{
	if (unlikely(size > classes[NCLASSES - 1].size))
		return kmalloc_large(size);
	int c = class_of(size);
	unsigned long irq = local_irq_save();
	struct cpu_cache *cc = &cpu_caches[this_cpu()->id][c];
	if (cc->n) {
		void *p = cc->objs[--cc->n];
		cc->objs[cc->n] = NULL;
		local_irq_restore(irq);
		return p;
	}
	local_irq_restore(irq);
	return kmalloc_slab(c);
}

/* caller: whose request it is, for kmemleak. */
static void *kmalloc_caller(size_t size, unsigned long caller)
{
	if (size == 0)
		size = 1;
	void *p = kmalloc_object(size);
	if (unlikely(kmemleak_enabled) && p)
		kmemleak_alloc(p, size, caller);
	return p;
}

#define RET_IP	((unsigned long)__builtin_return_address(0))

void *kmalloc(size_t size)
{
	return kmalloc_caller(size, RET_IP);
}

void *kzalloc(size_t size)
{
	void *p = kmalloc_caller(size, RET_IP);
	if (p)
		memset(p, 0, size);
	return p;
}

void kfree(void *p)
{
	if (!p)
		return;
	if (unlikely(kmemleak_enabled))
		kmemleak_free(p);
	struct page *pg = virt_to_page(p);
	if (unlikely(slab_debug) && (pg->flags & PG_SLAB)) {
		quarantine_add(p, classes[pg->slab_class].size, pg);
		return;
	}
	kfree_object(p, pg);
}

/* This hart's stack of the class was full: p back to its page, under the
 * class's lock; a page left with no object in use is kept (up to
 * SLAB_KEEP_EMPTY of them) or freed. */
static __attribute__((noinline)) void kfree_slab(void *p, struct page *pg)
{
	struct slab_class *sc = &classes[pg->slab_class];
	spin_lock(&sc->lock);
	void **obj = p;
	if (!pg->slab_free)
		list_add(&pg->link, &sc->partial);
	*obj = pg->slab_free;
	pg->slab_free = obj;
	sc->nr_active--;
	if (--pg->slab_inuse == 0) {
		if (sc->nr_empty < SLAB_KEEP_EMPTY) {
			pg->flags |= PG_SLAB_KEPT;
			sc->nr_empty++;
			spin_unlock(&sc->lock);
			return;
		}
		list_del(&pg->link);
		sc->nr_slabs--;
		spin_unlock(&sc->lock);
		pg->flags &= ~PG_SLAB;
		free_pages(pg, 0);
		return;
	}
	spin_unlock(&sc->lock);
}

static void kfree_object(void *p, struct page *pg)
{
	if (!(pg->flags & PG_SLAB)) {
		free_pages(pg, pg->order);
		return;
	}
	unsigned long irq = local_irq_save();
	struct cpu_cache *cc = &cpu_caches[this_cpu()->id][pg->slab_class];
	if (cc->n < CPU_CACHE_OBJS) {
		cc->objs[cc->n++] = p;
		local_irq_restore(irq);
		return;
	}
	local_irq_restore(irq);
	kfree_slab(p, pg);
}

void kmalloc_class_stats(int c, struct kmalloc_class_stats *st)
{
	struct slab_class *sc = &classes[c];
	spin_lock(&sc->lock);
	st->size = sc->size;
	st->active_objs = sc->nr_active;
	st->num_slabs = sc->nr_slabs;
	spin_unlock(&sc->lock);
}

char *kstrndup(const char *s, size_t n)
{
	size_t len = strnlen(s, n);
	char *d = kmalloc_caller(len + 1, RET_IP);
	if (d) {
		memcpy(d, s, len);
		d[len] = 0;
	}
	return d;
}
