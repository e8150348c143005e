/*
 * Physical memory: one struct page per 4 KiB frame (mem_map), a buddy
 * allocator for blocks of 2^order frames, and page reference counts (user
 * pages are shared copy-on-write after fork).
 */
#ifndef KERNEL_MM_H
#define KERNEL_MM_H

#include "types.h"
#include "list.h"
#include "riscv.h"

struct cgroup;

#define MAX_ORDER	11		/* blocks up to 2^10 pages (4 MiB) */

#define PG_FREE		(1u << 0)	/* head of a free buddy block */
#define PG_SLAB		(1u << 1)	/* kmalloc slab page */
#define PG_RESERVED	(1u << 2)	/* kernel image, firmware: never freed */
#define PG_CACHE	(1u << 3)	/* in the page cache (mm/pcache.c) */
#define PG_DIRTY	(1u << 4)	/* a cached page written through a mapping */
#define PG_SLAB_KEPT	(1u << 5)	/* a slab page kept with no object in use */

struct page {
	int refcnt;			/* atomic */
	uint16_t flags;
	uint8_t order;			/* of a free block or a kmalloc block */
	uint8_t slab_class;
	uint16_t slab_inuse;
	uint8_t memcg_kind;		/* enum memcg_kind, while memcg is set */
	uint32_t pc_index;		/* a charged cached page: its index ... */
	union {
		void *slab_free;	/* free objects of a slab page */
		struct inode *pc_inode;	/* ... and inode (pcache_lock) */
	};
	/* Free list, slab partial list, or for a charged page-cache page its
	 * cgroup's list of them (memcg_state.pc_pages, pcache_lock). */
	struct list_head link;
	struct cgroup *memcg;		/* charged to (memcontrol.h), referenced */
};

extern struct page *mem_map;
extern paddr_t mem_start, mem_end;

static inline struct page *pa_to_page(paddr_t pa)
{
	return &mem_map[(pa - mem_start) >> PAGE_SHIFT];
}
static inline paddr_t page_to_pa(struct page *pg)
{
	return mem_start + ((paddr_t)(pg - mem_map) << PAGE_SHIFT);
}
static inline void *page_address(struct page *pg) { return phys_to_virt(page_to_pa(pg)); }
static inline struct page *virt_to_page(const void *va) { return pa_to_page(virt_to_phys(va)); }

void page_alloc_init(paddr_t free_start, paddr_t free_end);
struct page *alloc_pages(unsigned int order);	/* NULL when exhausted */
void free_pages(struct page *pg, unsigned int order);
void *get_zeroed_page(void);			/* kernel address, or NULL */
void *get_free_page(void);
void free_page(void *va);
static inline void get_page(struct page *pg) { __atomic_add_fetch(&pg->refcnt, 1, __ATOMIC_RELAXED); }
void put_page(struct page *pg);			/* frees at zero */
unsigned long nr_free_pages(void);
unsigned long nr_total_pages(void);

void kmalloc_init(void);

/*
 * Caches that can give memory back register a shrinker; when the free lists
 * run dry the allocator asks them in turn (first registered first) until
 * one gives something, and tries again.  Registered once, never removed.
 */
struct shrinker {
	/* Free up to want pages' worth; returns how many pages' worth went
	 * (0: nothing to give, or the cache is busy on this hart). */
	unsigned long (*scan)(unsigned long want);
	struct shrinker *next;
};
void register_shrinker(struct shrinker *s);

#endif
