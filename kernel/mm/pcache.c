/*
 * The page cache: one page per page-sized piece of a regular file, shared
 * by every mapping of that piece.  Mapped file pages (the text and data of
 * every program) stay at one physical address from one exec to the next, so
 * processes share them instead of copying them from the block cache at each
 * fault; under qemu this also keeps the host's translation of the code
 * valid, which is most of what an exec costs in wall time.
 *
 * Each inode has an array of slots, page index -> page, grown as needed.
 * One spinlock, pcache_lock, guards every inode's slots and counts and the
 * list of inodes that have slots.  A cached page holds one reference for
 * the cache; each mapping holds one more.  So a page whose count is 1 is
 * mapped nowhere and can go when memory runs short (pcache_shrink, the
 * shrinker pcache_init registers with the page allocator).
 *
 * Coherence: write() brings cached pages up to date after it has written
 * (pcache_written), truncate drops the pages past the new end, and both bump
 * the inode's pc_gen, so a fault that read the file before they did does
 * not put its (stale) copy into the cache.  A private writable mapping gets
 * the cached page read-only and copies it on the first write, as after fork.
 */
#include "pcache.h"
#include "mm.h"
#include "fs.h"
#include "file.h"
#include "kmalloc.h"
#include "lock.h"
#include "string.h"

#define PC_MAX_PAGES	(1u << 20)	/* files beyond 4 GiB are not cached */

static struct spinlock pcache_lock = SPINLOCK_INIT("pcache");
static LIST_HEAD(pc_inodes);		/* inodes with slots */
static unsigned long pc_total;		/* pages in the cache */

static bool cacheable(struct inode *in)
{
	return S_ISREG(in->mode) && in->sb && in->sb->pcache;
}

/* Read page index of f into page (zeros past the end of the file). */
static int fill(struct file *f, unsigned long index, void *page)
{
	return kernel_read_page(f, page, PAGE_SIZE, (off_t)index << PAGE_SHIFT);
}

/* Drop the cache's reference to slot i of in.  pcache_lock held. */
static void drop_slot(struct inode *in, uint32_t i)
{
	struct page *pg = in->pc_slots[i];
	in->pc_slots[i] = NULL;
	in->pc_count--;
	pc_total--;
	pg->flags &= ~PG_CACHE;
	put_page(pg);
}

struct page *pcache_get(struct file *f, unsigned long index, bool *cached)
{
	struct inode *in = f->inode;
	*cached = false;

	unsigned long gen = 0;
	bool use_cache = cacheable(in) && index < PC_MAX_PAGES;
	if (use_cache) {
		spin_lock(&pcache_lock);
		if (index < in->pc_nslots && in->pc_slots[index]) {
			struct page *pg = in->pc_slots[index];
			get_page(pg);
			spin_unlock(&pcache_lock);
			*cached = true;
			return pg;
		}
		gen = in->pc_gen;
		spin_unlock(&pcache_lock);
	}

	struct page *pg = alloc_pages(0);
	if (!pg)
		return ERR_PTR(-ENOMEM);
	int err = fill(f, index, page_address(pg));
	if (err) {
		put_page(pg);
		return ERR_PTR(err);
	}
	if (!use_cache)
		return pg;

	/* Take the slot, growing the array first if it is too short (to as
	 * many slots as the file has pages, at least). */
	struct page **grown = NULL;
	uint32_t want = 0;
	for (;;) {
		spin_lock(&pcache_lock);
		if (in->pc_gen != gen) {
			/* Written or truncated while we read: keep ours private. */
			spin_unlock(&pcache_lock);
			kfree(grown);
			return pg;
		}
		if (index < in->pc_nslots) {
			struct page *have = in->pc_slots[index];
			if (!have) {
				in->pc_slots[index] = have = pg;
				in->pc_count++;
				pc_total++;
				pg->flags |= PG_CACHE;
				pg = NULL;
			}
			get_page(have);
			spin_unlock(&pcache_lock);
			kfree(grown);
			if (pg)
				put_page(pg);	/* another fault filled it first */
			*cached = true;
			return have;
		}
		if (grown && want > index) {
			/* index >= pc_nslots here, so ours is the bigger array. */
			if (in->pc_nslots)
				memcpy(grown, in->pc_slots, in->pc_nslots * sizeof(*grown));
			else
				list_add(&in->pc_link, &pc_inodes);
			struct page **old = in->pc_slots;
			in->pc_slots = grown;
			in->pc_nslots = want;
			grown = NULL;
			spin_unlock(&pcache_lock);
			kfree(old);
			continue;
		}
		uint32_t have_n = in->pc_nslots;
		spin_unlock(&pcache_lock);
		kfree(grown);
		unsigned long pages = ((unsigned long)in->size + PAGE_SIZE - 1) >> PAGE_SHIFT;
		unsigned long w = MAX(MAX(index + 1, pages), 2ul * have_n);
		want = MIN(MAX(w, 16ul), (unsigned long)PC_MAX_PAGES);
		grown = kzalloc(want * sizeof(*grown));
		if (!grown)
			return pg;	/* no room to remember it: private */
	}
}

void pcache_written(struct file *f, off_t start, off_t end)
{
	struct inode *in = f->inode;
	if (!cacheable(in) || end <= start)
		return;
	spin_lock(&pcache_lock);
	in->pc_gen++;
	bool any = in->pc_count != 0;
	spin_unlock(&pcache_lock);
	if (!any)
		return;
	unsigned long last = (unsigned long)(end - 1) >> PAGE_SHIFT;
	for (unsigned long i = (unsigned long)start >> PAGE_SHIFT; i <= last; i++) {
		spin_lock(&pcache_lock);
		struct page *pg = i < in->pc_nslots ? in->pc_slots[i] : NULL;
		if (pg)
			get_page(pg);
		spin_unlock(&pcache_lock);
		if (!pg)
			continue;
		if (fill(f, i, page_address(pg))) {
			/* Cannot read it back: let it go from the cache. */
			spin_lock(&pcache_lock);
			if (i < in->pc_nslots && in->pc_slots[i] == pg)
				drop_slot(in, i);
			spin_unlock(&pcache_lock);
		}
		put_page(pg);
	}
}

void pcache_truncated(struct inode *in, off_t size)
{
	spin_lock(&pcache_lock);
	in->pc_gen++;
	for (uint32_t i = (unsigned long)size >> PAGE_SHIFT; i < in->pc_nslots && in->pc_count; i++)
		if (in->pc_slots[i])
			drop_slot(in, i);
	spin_unlock(&pcache_lock);
}

void pcache_evict(struct inode *in)
{
	spin_lock(&pcache_lock);
	if (!in->pc_slots) {
		spin_unlock(&pcache_lock);
		return;
	}
	for (uint32_t i = 0; i < in->pc_nslots && in->pc_count; i++)
		if (in->pc_slots[i])
			drop_slot(in, i);
	list_del(&in->pc_link);
	struct page **slots = in->pc_slots;
	in->pc_slots = NULL;
	in->pc_nslots = 0;
	spin_unlock(&pcache_lock);
	kfree(slots);
}

unsigned long pcache_shrink(unsigned long want)
{
	unsigned long freed = 0;
	if (!spin_trylock(&pcache_lock))
		return 0;	/* this hart is inside the cache already */
	struct inode *in;
	list_for_each_entry(in, &pc_inodes, pc_link) {
		for (uint32_t i = 0; i < in->pc_nslots && in->pc_count; i++) {
			struct page *pg = in->pc_slots[i];
			if (pg && __atomic_load_n(&pg->refcnt, __ATOMIC_ACQUIRE) == 1) {
				drop_slot(in, i);
				if (++freed >= want)
					goto out;
			}
		}
	}
out:
	spin_unlock(&pcache_lock);
	return freed;
}

static struct shrinker pcache_shrinker = { .scan = pcache_shrink };

void pcache_init(void)
{
	register_shrinker(&pcache_shrinker);
}

unsigned long pcache_pages(void)
{
	return pc_total;
}

/* Pages only the cache holds: what a shrink could give back. */
unsigned long pcache_reclaimable(void)
{
	unsigned long n = 0;
	spin_lock(&pcache_lock);
	struct inode *in;
	list_for_each_entry(in, &pc_inodes, pc_link)
		for (uint32_t i = 0; i < in->pc_nslots; i++)
			if (in->pc_slots[i] &&
			    __atomic_load_n(&in->pc_slots[i]->refcnt, __ATOMIC_RELAXED) == 1)
				n++;
	spin_unlock(&pcache_lock);
	return n;
}
