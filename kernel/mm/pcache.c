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
 *
 * Shared mappings map the cached page itself, and a store through one makes
 * it dirty (PG_DIRTY, pcache_dirty): the page then holds data the file does
 * not have yet.  Dirty pages are never shrunk away, read() of them is
 * preceded by their write-back, and write() copies only the bytes it wrote
 * into them.  Write-back (pcache_writeback: msync, fsync, munmap, sync and
 * the flusher thread every PC_WRITEBACK_NS) writes each page through the
 * file system's write, after making it read-only in every shared mapping
 * (mapping_wrprotect), so the next store marks it dirty again.  An inode
 * with dirty pages holds a reference to itself, so it outlives its
 * mappings until they are written.  pcache_lock guards PG_DIRTY, pc_dirty
 * and the list of dirty inodes; wb_mutex serialises write-backs with
 * write()s of dirty files, so that neither undoes the other.
 *
 * Memory cgroups (memcontrol.h): a page is charged to the cgroup of the
 * task whose fault brought it in, and while it is cached it sits on that
 * cgroup's list (memcg_state.pc_pages, by page->link, with its inode and
 * index in the page; pcache_lock), least recently used first: a group at
 * its limit gives back its own pages from there (pcache_memcg_reclaim).
 * Both reclaims leave each group what its memory.min and memory.low
 * protect (memcontrol.h).  css_set_lock, which guards the cgroup tree, is
 * taken before pcache_lock (the shrinker only tries it, after).
 */
#include "pcache.h"
#include "mm.h"
#include "fs.h"
#include "file.h"
#include "kmalloc.h"
#include "lock.h"
#include "string.h"
#include "proc.h"
#include "timer.h"
#include "vm.h"
#include "memcontrol.h"
#include "cgroup.h"
#include <linux/fcntl.h>

#define PC_MAX_PAGES	(1u << 20)	/* files beyond 4 GiB are not cached */
#define PC_WRITEBACK_NS	(5ull * 1000000000)	/* as Linux's dirty_writeback_centisecs */
#define PC_GET_TRIES	8		/* for a page that must be the cache's */

static struct spinlock pcache_lock = SPINLOCK_INIT("pcache");
static LIST_HEAD(pc_inodes);		/* inodes with slots */
static LIST_HEAD(pc_dirty_inodes);	/* inodes with dirty pages */
static unsigned long pc_total;		/* pages in the cache */
static struct mutex wb_mutex = {	/* see above */
	.name = "pcache wb", .wq = WAITQUEUE_INIT(wb_mutex.wq)
};
static int flusher_started;		/* atomic: set by the first dirty page */

static bool cacheable(struct inode *in)
{
	return S_ISREG(in->mode) && in->sb && in->sb->pcache;
}

/* Read page index of f into page (zeros past the end of the file). */
static int fill(struct file *f, unsigned long index, void *page)
{
	return kernel_read_page(f, page, PAGE_SIZE, (off_t)index << PAGE_SHIFT);
}

/* pg of in is clean now; true if it was in's last dirty page (the caller
 * then drops in's reference to itself, after pcache_lock).  Lock held. */
static bool clear_dirty(struct inode *in, struct page *pg)
{
	pg->flags &= ~PG_DIRTY;
	if (--in->pc_dirty)
		return false;
	list_del(&in->pc_dirty_link);
	return true;
}

/* A charged page enters the cache (onto its cgroup's list), is used again
 * (to the end of the list), leaves it.  pcache_lock held. */
static void lru_add(struct page *pg, struct inode *in, unsigned long index)
{
	if (!pg->memcg)
		return;
	pg->pc_inode = in;
	pg->pc_index = (uint32_t)index;
	list_add_tail(&pg->link, &pg->memcg->mem.pc_pages);
}

static void lru_touch(struct page *pg)
{
	if (pg->memcg && !list_empty(&pg->link)) {
		list_del(&pg->link);
		list_add_tail(&pg->link, &pg->memcg->mem.pc_pages);
	}
}

/* Drop the cache's reference to slot i of in; true as clear_dirty.
 * pcache_lock held. */
static bool drop_slot(struct inode *in, uint32_t i)
{
	struct page *pg = in->pc_slots[i];
	if (!list_empty(&pg->link))
		list_del(&pg->link);	/* its cgroup's list */
	bool last = (pg->flags & PG_DIRTY) && clear_dirty(in, pg);
	in->pc_slots[i] = NULL;
	in->pc_count--;
	pc_total--;
	pg->flags &= ~PG_CACHE;
	put_page(pg);
	return last;
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
			lru_touch(pg);
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
	if (memcg_charge_page(pg, MEMCG_FILE)) {
		free_pages(pg, 0);
		return ERR_PTR(-ENOMEM);
	}
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
				lru_add(pg, in, index);
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

/* Bring cached page pg (index i of f) up to date with the file's bytes
 * [start, end) just written: only those, so that what a mapping stores
 * elsewhere in the page meanwhile stays. */
static int refresh(struct file *f, unsigned long i, struct page *pg, off_t start, off_t end)
{
	off_t base = (off_t)i << PAGE_SHIFT;
	off_t from = MAX(start, base), to = MIN(end, base + (off_t)PAGE_SIZE);
	ssize_t got = kernel_read(f, (char *)page_address(pg) + (from - base), to - from, &from);
	return got < 0 ? (int)got : 0;
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
		if (refresh(f, i, pg, start, end)) {
			/* Cannot read it back: let it go from the cache. */
			spin_lock(&pcache_lock);
			bool last_dirty = i < in->pc_nslots && in->pc_slots[i] == pg &&
					  drop_slot(in, i);
			spin_unlock(&pcache_lock);
			if (last_dirty)
				iput(in);
		}
		put_page(pg);
	}
}

void pcache_truncated(struct inode *in, off_t size)
{
	bool last_dirty = false;
	unsigned long keep = (unsigned long)ALIGN_UP(size, PAGE_SIZE) >> PAGE_SHIFT;

	spin_lock(&pcache_lock);
	in->pc_gen++;
	for (uint32_t i = keep; i < in->pc_nslots && in->pc_count; i++)
		if (in->pc_slots[i])
			last_dirty |= drop_slot(in, i);
	/* The page the new end falls in stays (mappings share it), with
	 * zeros past the end, as a later extension must read. */
	unsigned long part = (unsigned long)size & (PAGE_SIZE - 1);
	if (part && keep - 1 < in->pc_nslots && in->pc_slots[keep - 1])
		memset((char *)page_address(in->pc_slots[keep - 1]) + part, 0, PAGE_SIZE - part);
	spin_unlock(&pcache_lock);
	if (last_dirty)
		iput(in);
	mapping_truncate(in, size);
}

void pcache_evict(struct inode *in)
{
	spin_lock(&pcache_lock);
	if (!in->pc_slots) {
		spin_unlock(&pcache_lock);
		return;
	}
	/* No page is dirty here: a dirty page keeps its inode referenced. */
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

/* Only the cache holds pg, and it holds nothing the file lacks. */
static bool unused(struct page *pg)
{
	return pg && !(pg->flags & PG_DIRTY) &&
	       __atomic_load_n(&pg->refcnt, __ATOMIC_ACQUIRE) == 1;
}

/* Is pg charged to cgrp's subtree? */
static bool charged_below(struct page *pg, struct cgroup *cgrp)
{
	return pg->memcg && cgroup_is_descendant(pg->memcg, cgrp);
}

/* Up to want clean pages no mapping holds from c's list, least recently
 * used first, while c's usage stays above floor; the others move to the
 * end of the list, so that the next look starts with new ones.  How many
 * went.  Caller holds css_set_lock and pcache_lock. */
static unsigned long reclaim_list(struct cgroup *root, struct cgroup *c, unsigned long want,
				  long floor)
{
	struct list_head *list = &c->mem.pc_pages;
	/* Each page is looked at once at most: the ones kept go to the
	 * end, after the last one there now. */
	struct list_head *last = list->prev;
	unsigned long got = 0;
	while (got < want && !list_empty(list) && READ_ONCE(c->mem.usage) > floor) {
		struct page *pg = list_first_entry(list, struct page, link);
		bool end = &pg->link == last;
		if (unused(pg) && charged_below(pg, root)) {
			drop_slot(pg->pc_inode, pg->pc_index);	/* clean: never the last dirty one */
			got++;
		} else {
			list_del(&pg->link);
			list_add_tail(&pg->link, list);
		}
		if (end)
			break;
	}
	return got;
}

/* The groups of root's subtree give up to want pages together, each in
 * proportion to what it has above its protection (memcontrol.h), as
 * Linux scans each group's lists in proportion.  *skipped_low (when not
 * NULL) tells whether a group kept pages because of its memory.low.
 * css_set_lock and pcache_lock held, memcg_calc_protection(root) done. */
static unsigned long reclaim_pass(struct cgroup *root, unsigned long want, bool low_reclaim,
				  bool *skipped_low)
{
	long total = 0;
	bool by_low, held;
	for (struct cgroup *c = root; c; c = cgroup_next_descendant(c, root)) {
		total += memcg_reclaim_room(root, c, low_reclaim, &by_low, &held);
		if (held && skipped_low && !list_empty(&c->mem.pc_pages))
			*skipped_low = true;
	}
	unsigned long freed = 0;
	for (struct cgroup *c = root; c && total && freed < want;
	     c = cgroup_next_descendant(c, root)) {
		long room = memcg_reclaim_room(root, c, low_reclaim, &by_low, &held);
		if (room <= 0)
			continue;
		unsigned long share = (unsigned long)(((__int128)room * want + total - 1) / total);
		long floor = memcg_protected(root, c, low_reclaim, &by_low);
		unsigned long got = reclaim_list(root, c, MIN(share, want - freed), floor);
		if (got && low_reclaim && by_low)
			memcg_count_low(c);
		freed += got;
	}
	return freed;
}

/* May global reclaim take pg (of no mapping, clean)?  Not when its group
 * is at or under its protection (tree: css_set_lock held and the
 * protection computed from the root; without the lock, any group with a
 * memory.min or memory.low of its own keeps its pages). */
static bool may_shrink(struct page *pg, bool tree, bool *skipped_low)
{
	struct cgroup *c = pg->memcg;
	if (!c)
		return true;
	while (c->dead && c->parent)	/* the live group whose list holds it */
		c = c->parent;
	if (!tree)
		return !READ_ONCE(c->mem.min) && !READ_ONCE(c->mem.low);
	bool by_low;
	if (READ_ONCE(c->mem.usage) > memcg_protected(&cgroup_root, c, false, &by_low))
		return true;
	*skipped_low |= by_low;
	return false;
}

/*
 * The page allocator is short of memory: the clean pages nobody maps go,
 * file by file, except those protection keeps (memcontrol.h).  When that
 * frees nothing because of memory.low alone, the groups' lists are
 * reclaimed again honouring memory.min only.  Both locks are only tried:
 * this hart may be inside the cache or the cgroup tree already.
 */
unsigned long pcache_shrink(unsigned long want)
{
	unsigned long freed = 0;
	bool skipped_low = false;
	if (!spin_trylock(&pcache_lock))
		return 0;
	bool tree = spin_trylock(&css_set_lock);	/* out of order: only tried */
	if (tree)
		memcg_calc_protection(&cgroup_root);
	struct inode *in;
	list_for_each_entry(in, &pc_inodes, pc_link) {
		for (uint32_t i = 0; i < in->pc_nslots && in->pc_count; i++) {
			struct page *pg = in->pc_slots[i];
			if (unused(pg) && may_shrink(pg, tree, &skipped_low)) {
				drop_slot(in, i);
				if (++freed >= want)
					goto out;
			}
		}
	}
	if (!freed && skipped_low)
		freed = reclaim_pass(&cgroup_root, want, true, NULL);
out:
	if (tree)
		spin_unlock(&css_set_lock);
	spin_unlock(&pcache_lock);
	return freed;
}

static struct shrinker pcache_shrinker = { .scan = pcache_shrink };

/* A memory cgroup at its limit (memory.max or memory.high of root): a
 * pass honouring protection, then, if that freed nothing because of
 * memory.low, one honouring memory.min only. */
unsigned long pcache_memcg_reclaim(struct cgroup *cgrp, unsigned long want)
{
	bool skipped_low = false;
	spin_lock(&css_set_lock);
	spin_lock(&pcache_lock);
	memcg_calc_protection(cgrp);
	unsigned long freed = reclaim_pass(cgrp, want, false, &skipped_low);
	if (!freed && skipped_low)
		freed = reclaim_pass(cgrp, want, true, NULL);
	spin_unlock(&pcache_lock);
	spin_unlock(&css_set_lock);
	return freed;
}

void pcache_memcg_reparent(struct cgroup *cgrp)
{
	spin_lock(&pcache_lock);
	list_splice_init(&cgrp->mem.pc_pages, &cgrp->parent->mem.pc_pages);
	spin_unlock(&pcache_lock);
}

void pcache_memcg_stat(struct cgroup *cgrp, unsigned long *mapped, unsigned long *dirty)
{
	*mapped = *dirty = 0;
	spin_lock(&css_set_lock);
	spin_lock(&pcache_lock);
	for (struct cgroup *c = cgrp; c; c = cgroup_next_descendant(c, cgrp)) {
		struct page *pg;
		list_for_each_entry(pg, &c->mem.pc_pages, link) {
			if (!charged_below(pg, cgrp))
				continue;
			if (__atomic_load_n(&pg->refcnt, __ATOMIC_RELAXED) > 1)
				(*mapped)++;
			if (pg->flags & PG_DIRTY)
				(*dirty)++;
		}
	}
	spin_unlock(&pcache_lock);
	spin_unlock(&css_set_lock);
}

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
			if (unused(in->pc_slots[i]))
				n++;
	spin_unlock(&pcache_lock);
	return n;
}

bool pcache_resident(struct inode *in, unsigned long index)
{
	spin_lock(&pcache_lock);
	bool here = index < in->pc_nslots && in->pc_slots[index];
	spin_unlock(&pcache_lock);
	return here;
}

int pcache_find_range(struct inode *in, unsigned long index, struct page **pages, int n)
{
	int found = 0;
	for (int i = 0; i < n; i++)
		pages[i] = NULL;
	if (!cacheable(in))
		return 0;
	spin_lock(&pcache_lock);
	for (int i = 0; i < n && index + i < in->pc_nslots; i++) {
		struct page *pg = in->pc_slots[index + i];
		if (pg) {
			get_page(pg);
			lru_touch(pg);
			pages[i] = pg;
			found++;
		}
	}
	spin_unlock(&pcache_lock);
	return found;
}

struct page *pcache_get_shared(struct file *f, unsigned long index)
{
	if (!cacheable(f->inode) || index >= PC_MAX_PAGES)
		return ERR_PTR(-ENODEV);
	for (int tries = 0; tries < PC_GET_TRIES; tries++) {
		bool cached;
		struct page *pg = pcache_get(f, index, &cached);
		if (IS_ERR(pg) || cached)
			return pg;
		put_page(pg);	/* raced with a write, or no room for slots */
	}
	return ERR_PTR(-EAGAIN);
}

/* ---- dirty pages and their write-back ---- */

static int flusher(void *arg);

/* The flusher thread, the first time a page gets dirty. */
static void start_flusher(void)
{
	if (!__atomic_load_n(&flusher_started, __ATOMIC_RELAXED) &&
	    !__atomic_exchange_n(&flusher_started, 1, __ATOMIC_ACQ_REL))
		kthread_create(flusher, NULL, "pcflush");	/* without it: msync, fsync... */
}

bool pcache_dirty(struct inode *in, unsigned long index, struct page *pg)
{
	start_flusher();
	spin_lock(&pcache_lock);
	bool here = index < in->pc_nslots && in->pc_slots[index] == pg;
	if (here && !(pg->flags & PG_DIRTY)) {
		pg->flags |= PG_DIRTY;
		if (in->pc_dirty++ == 0) {
			igrab(in);
			list_add_tail(&in->pc_dirty_link, &pc_dirty_inodes);
		}
	}
	spin_unlock(&pcache_lock);
	return here;
}

/* Write cached page index of in back to the file, up to the file's end.
 * The write goes as through a fresh O_WRONLY file of in: a file system's
 * write looks at nothing else of the file. */
static int write_page(struct inode *in, unsigned long index, struct page *pg)
{
	struct file wf = { .inode = in, .f_op = in->i_fop, .flags = O_WRONLY,
			   .mode = FMODE_WRITE };
	off_t pos = (off_t)index << PAGE_SHIFT, size = READ_ONCE(in->size);
	if (pos >= size || !wf.f_op || !wf.f_op->write)
		return 0;
	size_t n = MIN(PAGE_SIZE, (size_t)(size - pos));
	ssize_t done = wf.f_op->write(&wf, page_address(pg), n, &pos, false);
	return done == (ssize_t)n ? 0 : done < 0 ? (int)done : -EIO;
}

#define WB_CHUNK	32	/* pages cleaned per write-protection of the mappings */

/* Write back in's dirty pages first..last.  wb_mutex held.  Pages are
 * cleaned, then write-protected in every shared mapping, then copied: a
 * store before the copy is in it, a store after it faults and dirties the
 * page again. */
static int writeback_locked(struct inode *in, unsigned long first, unsigned long last)
{
	struct page *pages[WB_CHUNK];
	unsigned long index[WB_CHUNK], i = first;
	bool put_inode = false, more = true;
	int err = 0;

	while (more) {
		int n = 0;
		spin_lock(&pcache_lock);
		if (!in->pc_dirty || i >= in->pc_nslots) {
			spin_unlock(&pcache_lock);
			break;
		}
		unsigned long stop = MIN(last, (unsigned long)in->pc_nslots - 1);
		for (; i <= stop && n < WB_CHUNK; i++) {
			struct page *pg = in->pc_slots[i];
			if (pg && (pg->flags & PG_DIRTY)) {
				put_inode |= clear_dirty(in, pg);
				get_page(pg);
				pages[n] = pg;
				index[n++] = i;
			}
		}
		more = i <= stop;
		spin_unlock(&pcache_lock);
		if (n && READ_ONCE(in->i_mmap_writable))
			mapping_wrprotect(in, index[0], index[n - 1]);
		for (int k = 0; k < n; k++) {
			int e = write_page(in, index[k], pages[k]);
			put_page(pages[k]);
			if (e)
				err = e;	/* the data stays only in the page */
		}
	}
	if (put_inode)
		iput(in);
	return err;
}

int pcache_writeback(struct inode *in, off_t start, off_t end)
{
	if (!READ_ONCE(in->pc_dirty) || end <= start)
		return 0;
	unsigned long last = end == PCACHE_EOF ? ~0ul : (unsigned long)(end - 1) >> PAGE_SHIFT;
	mutex_lock(&wb_mutex);
	int err = writeback_locked(in, (unsigned long)start >> PAGE_SHIFT, last);
	mutex_unlock(&wb_mutex);
	return err;
}

void pcache_writeback_all(void)
{
	if (!__atomic_load_n(&flusher_started, __ATOMIC_ACQUIRE))
		return;		/* nothing was ever dirty */
	spin_lock(&pcache_lock);
	unsigned long n = 0;
	struct inode *in;
	list_for_each_entry(in, &pc_dirty_inodes, pc_dirty_link)
		n++;
	spin_unlock(&pcache_lock);
	/* Each round takes the first dirty inode and moves it last. */
	while (n--) {
		spin_lock(&pcache_lock);
		if (list_empty(&pc_dirty_inodes)) {
			spin_unlock(&pcache_lock);
			break;
		}
		in = list_first_entry(&pc_dirty_inodes, struct inode, pc_dirty_link);
		list_del(&in->pc_dirty_link);
		list_add_tail(&in->pc_dirty_link, &pc_dirty_inodes);
		igrab(in);
		spin_unlock(&pcache_lock);
		pcache_writeback(in, 0, PCACHE_EOF);
		iput(in);
	}
}

void pcache_wb_lock(void)
{
	mutex_lock(&wb_mutex);
}

void pcache_wb_unlock(void)
{
	mutex_unlock(&wb_mutex);
}

static int flusher(void *arg)
{
	(void)arg;
	for (;;) {
		sleep_until(timer_now_ns() + PC_WRITEBACK_NS, false);
		pcache_writeback_all();
	}
	return 0;
}
