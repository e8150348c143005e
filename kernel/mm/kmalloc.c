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
 */
#include "kmalloc.h"
#include "mm.h"
#include "lock.h"
#include "string.h"
#include "kmemleak.h"
#include "proc.h"

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

static void *kmalloc_object(size_t size)
{
	if (size > classes[NCLASSES - 1].size) {
		unsigned int o = order_of(size);
		if (o >= MAX_ORDER)
			return NULL;
		struct page *pg = alloc_pages(o);
		return pg ? page_address(pg) : NULL;
	}
	int c = class_of(size);
	irq_push_off();
	struct cpu_cache *cc = &cpu_caches[this_cpu()->id][c];
	if (cc->n) {
		void *p = cc->objs[--cc->n];
		cc->objs[cc->n] = NULL;
		irq_pop_off();
		return p;
	}
	irq_pop_off();
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
	if (!(pg->flags & PG_SLAB)) {
		free_pages(pg, pg->order);
		return;
	}
	irq_push_off();
	struct cpu_cache *cc = &cpu_caches[this_cpu()->id][pg->slab_class];
	if (cc->n < CPU_CACHE_OBJS) {
		cc->objs[cc->n++] = p;
		irq_pop_off();
		return;
	}
	irq_pop_off();
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
