/*
 * The buddy allocator.  Free blocks of 2^order pages sit on free_area[order];
 * a block's head page has PG_FREE and its order.  Freeing merges a block with
 * its buddy while the buddy is free and of the same order.  One spinlock,
 * zone_lock, guards the free lists and the PG_FREE/order fields of free
 * blocks.  Reference counts of allocated pages are atomic.  The list of
 * shrinkers only grows: shrinker_lock serialises the appends, each published
 * with a release store, so the allocator walks it without a lock.
 * A page charged to a memory cgroup (page->memcg, memcontrol.h) is
 * uncharged when it is freed.
 *
 * In front of the buddy lists, each hart keeps a few free single pages
 * (struct pcp, as Linux's per-cpu page lists): free_pages of one page
 * pushes it there and alloc_pages of one takes the most recent back, with
 * interrupts off on that hart and no lock, so a process made and ended
 * (its page tables, stack and data pages) mostly never takes zone_lock.
 * Only a full (or empty) stack sends the request on to the buddy lists;
 * a failed allocation first gives this hart's stack back to them.  Pages
 * held there count as free.
 */
#include "mm.h"
#include "lock.h"
#include "string.h"
#include "printk.h"
#include "vmstat.h"
#include "memcontrol.h"
#include "proc.h"

struct page *mem_map;
paddr_t mem_start, mem_end;

static struct list_head free_area[MAX_ORDER];
static unsigned long nr_free, nr_total;
static struct spinlock zone_lock = SPINLOCK_INIT("zone");
static struct shrinker *shrinkers;	/* first registered first */
static struct spinlock shrinker_lock = SPINLOCK_INIT("shrinkers");

#define PCP_PAGES	16

struct pcp {
	int n;
	struct page *pages[PCP_PAGES];
};
static struct pcp pcps[MAX_CPUS];	/* [hart], interrupts off */

static inline unsigned long pfn_of(struct page *pg) { return pg - mem_map; }

static void free_block_locked(struct page *pg, unsigned int order)
{
	unsigned long pfn = pfn_of(pg);
	unsigned long npages = (mem_end - mem_start) >> PAGE_SHIFT;

	nr_free += 1ul << order;
	while (order < MAX_ORDER - 1) {
		unsigned long buddy_pfn = pfn ^ (1ul << order);
		if (buddy_pfn + (1ul << order) > npages)
			break;
		struct page *buddy = &mem_map[buddy_pfn];
		if (!(buddy->flags & PG_FREE) || buddy->order != order)
			break;
		list_del(&buddy->link);
		buddy->flags &= ~PG_FREE;
		pfn &= ~(1ul << order);
		order++;
	}
	pg = &mem_map[pfn];
	pg->flags = PG_FREE;
	pg->order = order;
	list_add(&pg->link, &free_area[order]);
}

void page_alloc_init(paddr_t free_start, paddr_t free_end)
{
	for (int i = 0; i < MAX_ORDER; i++)
		list_init(&free_area[i]);
	unsigned long npages = (mem_end - mem_start) >> PAGE_SHIFT;
	for (unsigned long i = 0; i < npages; i++) {
		mem_map[i].flags = PG_RESERVED;
		mem_map[i].refcnt = 1;
		list_init(&mem_map[i].link);
	}
	for (paddr_t pa = free_start; pa + PAGE_SIZE <= free_end; pa += PAGE_SIZE) {
		struct page *pg = pa_to_page(pa);
		pg->flags = 0;
		pg->refcnt = 0;
		free_block_locked(pg, 0);
		nr_total++;
	}
}

static struct page *try_alloc(unsigned int order);

void register_shrinker(struct shrinker *s)
{
	struct shrinker **pp = &shrinkers;
	s->next = NULL;
	spin_lock(&shrinker_lock);
	while (*pp)
		pp = &(*pp)->next;
	__atomic_store_n(pp, s, __ATOMIC_RELEASE);
	spin_unlock(&shrinker_lock);
}

/* Ask the shrinkers in turn for want pages until one gives some. */
static bool shrink_caches(unsigned long want)
{
	struct shrinker *s = __atomic_load_n(&shrinkers, __ATOMIC_ACQUIRE);
	for (; s; s = __atomic_load_n(&s->next, __ATOMIC_ACQUIRE))
		if (s->scan(want))
			return true;
	return false;
}

/* When the free lists run dry, the registered caches give back what they
 * can (the page cache what nobody maps, the block cache its clean unused
 * blocks). */
static void free_block_locked(struct page *pg, unsigned int order);

/* This hart's stack of single pages back to the buddy lists. */
static void pcp_drain(void)
{
	irq_push_off();
	struct pcp *p = &pcps[this_cpu()->id];
	if (p->n) {
		spin_lock(&zone_lock);
		while (p->n)
			free_block_locked(p->pages[--p->n], 0);
		spin_unlock(&zone_lock);
	}
	irq_pop_off();
}

struct page *alloc_pages(unsigned int order)
{
	if (order == 0) {
		unsigned long irq = local_irq_save();
		struct pcp *p = &pcps[this_cpu()->id];
		if (p->n) {
			struct page *pg = p->pages[--p->n];
			local_irq_restore(irq);
			pg->order = 0;
			pg->refcnt = 1;
			count_vm_events(PGALLOC_NORMAL, 1);
			return pg;
		}
		local_irq_restore(irq);
	}
	struct page *pg = try_alloc(order);
	if (!pg) {
		pcp_drain();
		pg = try_alloc(order);
	}
	/* What a shrinker frees may land on this hart's stack: drained
	 * before each try, so the buddy lists see it. */
	while (!pg && shrink_caches(64ul << order)) {
		pcp_drain();
		pg = try_alloc(order);
	}
	return pg;
}

static struct page *try_alloc(unsigned int order)
{
	unsigned int o;
	struct page *pg = NULL;

	spin_lock(&zone_lock);
	for (o = order; o < MAX_ORDER; o++)
		if (!list_empty(&free_area[o]))
			break;
	if (o < MAX_ORDER) {
		pg = list_first_entry(&free_area[o], struct page, link);
		list_del(&pg->link);
		pg->flags &= ~PG_FREE;
		/* Split: give back the upper halves. */
		while (o > order) {
			o--;
			struct page *half = pg + (1ul << o);
			half->flags = PG_FREE;
			half->order = o;
			list_add(&half->link, &free_area[o]);
		}
		nr_free -= 1ul << order;
		pg->order = order;
		pg->refcnt = 1;
	}
	spin_unlock(&zone_lock);
	if (pg)
		count_vm_events(PGALLOC_NORMAL, 1ul << order);
	return pg;
}

void free_pages(struct page *pg, unsigned int order)
{
	if (!pg || (pg->flags & PG_RESERVED))
		return;
	if (pg->memcg)
		memcg_uncharge_page(pg, order);
	pg->refcnt = 0;
	pg->flags = 0;
	if (order == 0) {
		unsigned long irq = local_irq_save();
		struct pcp *p = &pcps[this_cpu()->id];
		if (p->n < PCP_PAGES) {
			p->pages[p->n++] = pg;
			local_irq_restore(irq);
			count_vm_events(PGFREE, 1);
			return;
		}
		local_irq_restore(irq);
	}
	spin_lock(&zone_lock);
	free_block_locked(pg, order);
	spin_unlock(&zone_lock);
	count_vm_events(PGFREE, 1ul << order);
}

void put_page(struct page *pg)
{
	if (__atomic_sub_fetch(&pg->refcnt, 1, __ATOMIC_ACQ_REL) == 0)
		free_pages(pg, 0);
}

void *get_free_page(void)
{
	struct page *pg = alloc_pages(0);
	return pg ? page_address(pg) : NULL;
}

void *get_zeroed_page(void)
{
	void *p = get_free_page();
	if (p)
		memset(p, 0, PAGE_SIZE);
	return p;
}

void free_page(void *va)
{
	if (va)
		free_pages(virt_to_page(va), 0);
}

/* The buddy lists' count and the harts' stacks, read without locks. */
unsigned long nr_free_pages(void)
{
	unsigned long n = READ_ONCE(nr_free);
	for (int i = 0; i < MAX_CPUS; i++)
		n += READ_ONCE(pcps[i].n);
	return n;
}
unsigned long nr_total_pages(void) { return nr_total; }
