/*
 * The block cache and the list of block devices.
 *
 * Every cached block is a struct buf in one hash chain keyed by (device,
 * block number).  A buffer nobody references sits on the LRU list (most
 * recently released at the head); when the cache is at its limit (a share of
 * memory), a new block takes over the least recently used buffer.  A dirty
 * victim is not written alone: write-back gathers the device's dirty blocks,
 * sorts them and writes each run of consecutive blocks as one request
 * (through a bounce buffer, since the blocks' data are not adjacent in
 * memory), so streaming a file costs a few large requests rather than one
 * per block.  bsync() writes the same way, and so does the flusher, a
 * kernel thread woken for every BCACHE_FLUSH_BATCH blocks dirtied, so that
 * the device works while writers go on and fsync finds little left.  The
 * blocks of a request are copied out and unlocked before the device is
 * started; the list of writes in flight keeps a later write of a block
 * from overtaking an earlier one, and bsync() waits for it to empty.
 *
 * Locks:
 *   cache_lock (spinlock) guards the hash chains, the LRU list, every
 *     buffer's refcnt, bdev, blockno and size, the counters below, and
 *     the locked flag of every buffer's lock.
 *   buf->lock guards data, valid and dirty; whoever holds a reference from
 *     bread()/bget_zeroed() holds it until brelse().  It sleeps like a
 *     mutex, but its flag is taken and dropped under cache_lock, together
 *     with the reference, so that a cached block costs one lock round
 *     trip to get and one to release (its own spinlock is unused); a task
 *     that must wait sleeps on the lock's wait queue, and lock_waiters
 *     tells a releaser whether to wake anybody.
 *   cache_lock also guards the list of writes in flight.  The count of
 *     dirty buffers and the flusher's kick counter are atomics.
 *   devices_lock guards the list of block devices.
 * A buffer's identity (bdev, blockno) changes only while cache_lock is held
 * and its refcnt is 0 or held by the evictor alone, so whoever finds a buffer
 * in the hash and takes a reference keeps the block it asked for.
 */
#include "bcache.h"
#include "cgroup.h"
#include "kmalloc.h"
#include "mm.h"
#include "proc.h"
#include "string.h"

#define BCACHE_HASH_SIZE	4096	/* chains; a power of two */
#define BCACHE_MIN_BYTES	(4ul << 20)	/* block data kept at most: */
#define BCACHE_MAX_BYTES	(256ul << 20)	/* a quarter of memory, */
#define BCACHE_MEM_SHARE	4		/* within these bounds */
#define BCACHE_SYNC_BATCH	1024	/* buffers sorted at a time, at least */
#define BCACHE_RUN_BYTES	(1ul << 20)	/* the largest merged request */
#define BCACHE_RECYCLE_TRIES	8	/* LRU buffers tried before growing */
#define BCACHE_FLUSH_BATCH	256	/* blocks dirtied per flusher round */

static struct spinlock cache_lock = SPINLOCK_INIT("bcache");
static struct list_head hash_chains[BCACHE_HASH_SIZE];
static LIST_HEAD(lru);
static size_t cache_bytes;	/* data of every buffer */
static size_t cache_limit = BCACHE_MIN_BYTES;	/* set once at boot */
static int lock_waiters;	/* tasks asleep on a buffer's lock */

/* A write on its way to the device: blocks first .. first + n - 1. */
struct flight {
	struct blockdev *bdev;
	uint64_t first;
	size_t n;
	struct list_head link;	/* in flights */
};
static LIST_HEAD(flights);	/* cache_lock */
static int nflights;		/* cache_lock; read alone by bsync's wait */
static unsigned long flight_gen;	/* cache_lock: counts flights ended */
static struct waitqueue flight_wq = WAITQUEUE_INIT(flight_wq);

static unsigned long ndirty;		/* dirty buffers (atomic) */
static unsigned long flush_kicks;	/* atomic: flusher wake-ups asked */
static unsigned long kicks_yielded;	/* the last kick a writer yielded for */
static struct task *flusher_task;	/* NULL if it could not start */
static struct waitqueue flusher_wq = WAITQUEUE_INIT(flusher_wq);

static int flusher(void *arg);

static struct spinlock devices_lock = SPINLOCK_INIT("blockdevs");
static LIST_HEAD(devices);

static unsigned long bcache_shrink_pages(unsigned long want)
{
	return ALIGN_UP(bcache_shrink(want * PAGE_SIZE), PAGE_SIZE) / PAGE_SIZE;
}

static struct shrinker bcache_shrinker = { .scan = bcache_shrink_pages };

void bcache_init(void)
{
	size_t share = nr_total_pages() * 4096 / BCACHE_MEM_SHARE;

	for (size_t i = 0; i < BCACHE_HASH_SIZE; i++)
		list_init(&hash_chains[i]);
	cache_limit = MIN(MAX(share, BCACHE_MIN_BYTES), BCACHE_MAX_BYTES);
	/* Without the flusher, fsync and eviction do all the writing. */
	flusher_task = kthread_create(flusher, NULL, "bflush");
	register_shrinker(&bcache_shrinker);
}

int blockdev_register(struct blockdev *bdev)
{
	spin_lock(&devices_lock);
	list_add_tail(&bdev->link, &devices);
	spin_unlock(&devices_lock);
	return 0;
}

struct blockdev *blockdev_get(dev_t dev)
{
	struct blockdev *bdev, *found = NULL;

	spin_lock(&devices_lock);
	list_for_each_entry(bdev, &devices, link) {
		if (bdev->dev == dev) {
			found = bdev;
			break;
		}
	}
	spin_unlock(&devices_lock);
	return found;
}

static struct list_head *chain_of(struct blockdev *bdev, uint64_t blockno)
{
	uint64_t h = blockno * 0x9e3779b97f4a7c15ull ^ (uintptr_t)bdev;
	return &hash_chains[(h >> 32) & (BCACHE_HASH_SIZE - 1)];
}

/* Called with cache_lock held. */
static struct buf *lookup(struct blockdev *bdev, uint64_t blockno)
{
	struct buf *b;

	list_for_each_entry(b, chain_of(bdev, blockno), hash_link)
		if (b->bdev == bdev && b->blockno == blockno)
			return b;
	return NULL;
}

/* Take a reference (cache_lock held). */
static void hold(struct buf *b)
{
	if (b->refcnt++ == 0)
		list_del(&b->lru_link);
}

/* Drop a reference (cache_lock held). */
static void unhold(struct buf *b)
{
	if (--b->refcnt == 0)
		list_add(&b->lru_link, &lru);
}

static int transfer(struct buf *b, bool write)
{
	uint64_t sector = b->blockno * (b->size / SECTOR_SIZE);

	if (sector + b->size / SECTOR_SIZE > b->bdev->nsectors)
		return -EIO;
	cgroup_io_charge(b->bdev->dev, write, b->size);
	return b->bdev->transfer(b->bdev, sector, b->data, b->size, write);
}

/* A fresh buffer, not yet in the cache; NULL when memory is short. */
static struct buf *buf_alloc(uint32_t size)
{
	struct buf *b = kzalloc(sizeof(*b));

	if (!b)
		return NULL;
	b->data = kmalloc(size);
	if (!b->data) {
		kfree(b);
		return NULL;
	}
	b->size = size;
	mutex_init(&b->lock, "buf");
	list_init(&b->hash_link);
	list_init(&b->lru_link);
	return b;
}

/* Lock b, which the caller references: called and returns with
 * cache_lock held, but drops it to sleep while somebody else holds b. */
static void lock_held(struct buf *b)
{
	while (b->lock.locked) {
		lock_waiters++;
		spin_unlock(&cache_lock);
		wait_event(b->lock.wq, !READ_ONCE(b->lock.locked));
		spin_lock(&cache_lock);
		lock_waiters--;
	}
	b->lock.locked = true;
}

/* Unlock b (cache_lock held); b stays referenced. */
static void unlock_held(struct buf *b)
{
	b->lock.locked = false;
	if (lock_waiters)
		wake_up(&b->lock.wq);
}

/* Buffers in disk order: by device, then block number (Shell sort). */
static bool before(const struct buf *a, const struct buf *b)
{
	if (a->bdev != b->bdev)
		return (uintptr_t)a->bdev < (uintptr_t)b->bdev;
	return a->blockno < b->blockno;
}

static void shell_sort(struct buf **v, size_t n)
{
	for (size_t gap = n / 2; gap > 0; gap /= 2) {
		for (size_t i = gap; i < n; i++) {
			struct buf *x = v[i];
			size_t j = i;
			for (; j >= gap && before(x, v[j - gap]); j -= gap)
				v[j] = v[j - gap];
			v[j] = x;
		}
	}
}

/* Bottom-up merge sort through a scratch array; Shell sort (slower on the
 * thousands of blocks an fsync may write) when memory is short. */
static void sort_by_block(struct buf **v, size_t n)
{
	struct buf **tmp = n > 16 ? kmalloc(n * sizeof(*tmp)) : NULL, **src = v, **dst = tmp, **t;

	if (!tmp) {
		shell_sort(v, n);
		return;
	}
	for (size_t width = 1; width < n; width *= 2) {
		for (size_t lo = 0; lo < n; lo += 2 * width) {
			size_t mid = MIN(lo + width, n), hi = MIN(lo + 2 * width, n);
			size_t a = lo, b = mid, k = lo;
			while (a < mid && b < hi)
				dst[k++] = before(src[b], src[a]) ? src[b++] : src[a++];
			while (a < mid)
				dst[k++] = src[a++];
			while (b < hi)
				dst[k++] = src[b++];
		}
		t = src;
		src = dst;
		dst = t;
	}
	if (src != v)
		memcpy(v, src, n * sizeof(*v));
	kfree(tmp);
}

/*
 * Reference up to max buffers of bdev (of every device if NULL) that look
 * dirty; idle_only takes only buffers nobody references.  Write-back for
 * eviction runs inside bget(), whose caller may hold other buffers: it must
 * not wait for a buffer whose holder may be waiting for one of those, so
 * with idle_only it skips buffers that are locked when their turn comes.
 */
static size_t collect_dirty(struct blockdev *bdev, struct buf **v, size_t max,
			    bool idle_only)
{
	size_t n = 0;
	struct buf *b;

	spin_lock(&cache_lock);
	for (size_t i = 0; i < BCACHE_HASH_SIZE && n < max; i++) {
		list_for_each_entry(b, &hash_chains[i], hash_link) {
			if (n == max)
				break;
			/* dirty is the buffer's, read here only as a hint:
			 * it is checked again under the buffer's lock. */
			if ((!bdev || b->bdev == bdev) && READ_ONCE(b->dirty) &&
			    (!idle_only || b->refcnt == 0)) {
				hold(b);
				v[n++] = b;
			}
		}
	}
	spin_unlock(&cache_lock);
	return n;
}

/* How many buffers collect_dirty would find now: it takes them all in one
 * batch when memory allows, so that runs of consecutive blocks (spread
 * over the hash chains) come out whole. */
static size_t count_dirty(struct blockdev *bdev, bool idle_only)
{
	size_t n = 0;
	struct buf *b;

	spin_lock(&cache_lock);
	for (size_t i = 0; i < BCACHE_HASH_SIZE; i++)
		list_for_each_entry(b, &hash_chains[i], hash_link)
			if ((!bdev || b->bdev == bdev) && READ_ONCE(b->dirty) &&
			    (!idle_only || b->refcnt == 0))
				n++;
	spin_unlock(&cache_lock);
	return n;
}

/* Drop a reference taken by collect_dirty without the buffer's lock. */
static void unhold_unlocked(struct buf *b)
{
	spin_lock(&cache_lock);
	unhold(b);
	spin_unlock(&cache_lock);
}

/* Lock a buffer collect_dirty referenced: waiting for it if wait, else
 * only if nobody holds it (false if somebody does). */
static bool lock_collected(struct buf *b, bool wait)
{
	bool got = true;

	spin_lock(&cache_lock);
	if (wait)
		lock_held(b);
	else if (b->lock.locked)
		got = false;
	else
		b->lock.locked = true;
	spin_unlock(&cache_lock);
	return got;
}

/* Is b the block k places after first, on the same device? */
static bool follows(const struct buf *b, const struct buf *first, size_t k)
{
	return b->bdev == first->bdev && b->size == first->size &&
	       b->blockno == first->blockno + k;
}

/* Wait until no write in flight overlaps f, then enter f into the list
 * (cache_lock held; dropped while waiting). */
static void flight_begin(struct flight *f)
{
	struct flight *o;
	bool clash;

	for (;;) {
		clash = false;
		list_for_each_entry(o, &flights, link)
			if (o->bdev == f->bdev && o->first < f->first + f->n &&
			    f->first < o->first + o->n)
				clash = true;
		if (!clash)
			break;
		unsigned long gen = flight_gen;
		spin_unlock(&cache_lock);
		wait_event(flight_wq, READ_ONCE(flight_gen) != gen);
		spin_lock(&cache_lock);
	}
	list_add(&f->link, &flights);
	nflights++;
}

/* The write of f is over (cache_lock held). */
static void flight_end(struct flight *f)
{
	list_del(&f->link);
	nflights--;
	flight_gen++;
	wake_up(&flight_wq);
}

/* Mark b clean or dirty (its lock held), keeping the count of dirty
 * buffers that wakes the flusher. */
static void set_dirty(struct buf *b, bool dirty)
{
	if (b->dirty == dirty)
		return;
	b->dirty = dirty;
	if (!dirty) {
		__atomic_sub_fetch(&ndirty, 1, __ATOMIC_RELAXED);
	} else if (__atomic_add_fetch(&ndirty, 1, __ATOMIC_RELAXED) % BCACHE_FLUSH_BATCH == 0) {
		__atomic_add_fetch(&flush_kicks, 1, __ATOMIC_RELAXED);
		wake_up(&flusher_wq);
	}
}

/*
 * Write the n locked, dirty, referenced buffers of run (consecutive
 * blocks of one device) as one request, and release them.  With a bounce
 * buffer their contents are copied there, the buffers marked clean and
 * unlocked, and the request runs while others use them (a buffer changed
 * meanwhile is dirty again; the list of writes in flight keeps a later
 * write of a block from overtaking an earlier one, and bsync waits for
 * them).  If the device fails they are dirty again.
 */
static int write_run(struct buf **run, size_t n, char *bounce)
{
	struct buf *first = run[0];
	uint32_t size = first->size;
	uint64_t sector = first->blockno * (size / SECTOR_SIZE);
	struct flight f = { first->bdev, first->blockno, n, LIST_HEAD_INIT(f.link) };
	bool unlocked = false;
	int err = 0;

	if (sector + n * (size / SECTOR_SIZE) > first->bdev->nsectors)
		err = -EIO;
	if (!err && bounce) {
		for (size_t i = 0; i < n; i++)
			memcpy(bounce + i * size, run[i]->data, size);
	}
	spin_lock(&cache_lock);
	if (!err) {
		flight_begin(&f);
		unlocked = bounce != NULL;
		for (size_t i = 0; unlocked && i < n; i++) {
			set_dirty(run[i], false);
			unlock_held(run[i]);
		}
		spin_unlock(&cache_lock);
		cgroup_io_charge(first->bdev->dev, true, n * size);
		err = first->bdev->transfer(first->bdev, sector, bounce ? bounce : first->data,
					    n * size, true);
		if (err > 0)
			err = -EIO;
		spin_lock(&cache_lock);
		flight_end(&f);
	}
	for (size_t i = 0; i < n; i++) {
		if (unlocked && !err) {
			unhold(run[i]);
			continue;
		}
		if (unlocked)	/* failed after unlocking */
			lock_held(run[i]);
		set_dirty(run[i], err != 0);
		unlock_held(run[i]);
		unhold(run[i]);
	}
	spin_unlock(&cache_lock);
	return err;
}

/*
 * Write back the dirty buffers of bdev (every device if NULL), merging
 * consecutive blocks: every buffer dirty when it starts, or (idle_only)
 * those nobody uses, skipping any that are busy.  The first error stops it
 * and is returned (the block stays dirty).
 */
static int writeback(struct blockdev *bdev, bool idle_only)
{
	size_t max = MAX(count_dirty(bdev, idle_only), BCACHE_SYNC_BATCH), n, bounce_bytes = 0;
	struct buf *one[1], **v = kmalloc(max * sizeof(*v));
	char *bounce = NULL;
	int err = 0;

	if (!v && max > BCACHE_SYNC_BATCH)
		v = kmalloc((max = BCACHE_SYNC_BATCH) * sizeof(*v));
	if (!v) {
		v = one;
		max = 1;
	}
	for (size_t want = BCACHE_RUN_BYTES; want >= 8192 && !bounce; want /= 4) {
		bounce = kmalloc(want);
		bounce_bytes = bounce ? want : 0;
	}
	while (!err && (n = collect_dirty(bdev, v, max, idle_only)) > 0) {
		sort_by_block(v, n);
		for (size_t i = 0; i < n;) {
			struct buf *b = v[i];
			size_t k = 1, cap = bounce ? bounce_bytes / b->size : 1;

			if (err) {
				unhold_unlocked(b);
				i++;
				continue;
			}
			if (!lock_collected(b, !idle_only)) {
				unhold_unlocked(b);	/* busy: next time */
				i++;
				continue;
			}
			if (!b->dirty) {
				brelse(b);
				i++;
				continue;
			}
			/* Extend the run over the following blocks that are
			 * still dirty.  Never wait for a lock while holding
			 * others: a busy block starts a run of its own. */
			while (i + k < n && k < cap && follows(v[i + k], b, k)) {
				if (!lock_collected(v[i + k], false))
					break;
				if (v[i + k]->dirty) {
					k++;
					continue;
				}
				brelse(v[i + k]);	/* clean after all */
				v[i + k] = NULL;
				break;
			}
			err = write_run(v + i, k, bounce);
			i += k;
			while (i < n && !v[i])
				i++;
		}
		/* Another round only if this one could not take every
		 * dirty buffer: blocks dirtied since are not our business. */
		if (idle_only || n < max)
			break;
	}
	kfree(bounce);
	if (v != one)
		kfree(v);
	return err;
}

/*
 * Take over the least recently used buffer for (bdev, blockno): returns it
 * referenced, unlocked, already in its new hash chain, or NULL when the few
 * buffers tried were busy or would not write (the caller then grows the
 * cache past its limit rather than wait).  Called and returns with
 * cache_lock held, but drops it to write dirty buffers back.
 */
static struct buf *recycle(struct blockdev *bdev, uint64_t blockno, uint32_t size)
{
	struct list_head *pos = lru.prev;
	bool flushed = false;
	struct buf *b;

	for (int tries = 0; tries < BCACHE_RECYCLE_TRIES && pos != &lru; tries++) {
		b = list_entry(pos, struct buf, lru_link);
		if (READ_ONCE(b->dirty)) {
			pos = pos->prev;
			if (flushed)
				continue;	/* would not write: try more */
			/* Clean the idle part of the cache in large
			 * requests; the buffers stay findable meanwhile, so
			 * nobody reads a stale block. */
			struct blockdev *dirty_dev = b->bdev;
			flushed = true;
			spin_unlock(&cache_lock);
			writeback(dirty_dev, true);
			spin_lock(&cache_lock);
			pos = lru.prev;
			tries = -1;
			continue;
		}
		/* Unreferenced (on the LRU list) and clean: ours. */
		hold(b);
		list_del(&b->hash_link);
		if (b->size != size || lookup(bdev, blockno)) {
			/* Another device's block size, or another task
			 * cached our block meanwhile: drop this one. */
			cache_bytes -= b->size;
			kfree(b->data);
			kfree(b);
			return NULL;
		}
		b->bdev = bdev;
		b->blockno = blockno;
		b->valid = false;
		list_add(&b->hash_link, chain_of(bdev, blockno));
		return b;
	}
	return NULL;
}
/* The buffer of (bdev, blockno), referenced and locked; contents may not
 * be valid yet. */
static struct buf *bget(struct blockdev *bdev, uint64_t blockno, uint32_t size)
{
	struct buf *b, *fresh;

	for (;;) {
		spin_lock(&cache_lock);
		b = lookup(bdev, blockno);
		if (b) {
			hold(b);
			break;
		}
		if (cache_bytes + size > cache_limit) {
			b = recycle(bdev, blockno, size);
			if (b)
				break;
		}
		spin_unlock(&cache_lock);
		/* Grow the cache (also when recycling found nothing). */
		fresh = buf_alloc(size);
		if (!fresh)
			return ERR_PTR(-ENOMEM);
		spin_lock(&cache_lock);
		if (lookup(bdev, blockno)) {
			spin_unlock(&cache_lock);
			kfree(fresh->data);
			kfree(fresh);
			continue;
		}
		fresh->bdev = bdev;
		fresh->blockno = blockno;
		fresh->refcnt = 1;
		list_add(&fresh->hash_link, chain_of(bdev, blockno));
		cache_bytes += size;
		b = fresh;
		break;
	}
	lock_held(b);
	spin_unlock(&cache_lock);
	if (b->size != size) {
		/* The contract is one block size per device. */
		brelse(b);
		return ERR_PTR(-EINVAL);
	}
	return b;
}

struct buf *bread(struct blockdev *bdev, uint64_t blockno, uint32_t size)
{
	struct buf *b = bget(bdev, blockno, size);
	int err;

	if (IS_ERR(b) || b->valid)
		return b;
	err = transfer(b, false);
	if (err) {
		brelse(b);
		return ERR_PTR(err < 0 ? err : -EIO);
	}
	b->valid = true;
	return b;
}

struct buf *bget_zeroed(struct blockdev *bdev, uint64_t blockno, uint32_t size)
{
	struct buf *b = bget(bdev, blockno, size);

	if (IS_ERR(b))
		return b;
	memset(b->data, 0, b->size);
	b->valid = true;
	return b;
}

/* For a block the caller overwrites whole before brelse: no read, no
 * zeroing (the data is whatever the buffer held). */
struct buf *bget_overwrite(struct blockdev *bdev, uint64_t blockno, uint32_t size)
{
	struct buf *b = bget(bdev, blockno, size);

	if (!IS_ERR(b))
		b->valid = true;
	return b;
}

void bdirty(struct buf *b)
{
	if (!b->dirty)
		set_dirty(b, true);
}

int bwrite(struct buf *b)
{
	struct flight f = { b->bdev, b->blockno, 1, LIST_HEAD_INIT(f.link) };
	int err;

	spin_lock(&cache_lock);
	flight_begin(&f);
	spin_unlock(&cache_lock);
	err = transfer(b, true);
	spin_lock(&cache_lock);
	flight_end(&f);
	if (!err)
		set_dirty(b, false);
	spin_unlock(&cache_lock);
	return err ? (err < 0 ? err : -EIO) : 0;
}

void brelse(struct buf *b)
{
	spin_lock(&cache_lock);
	unlock_held(b);
	unhold(b);
	spin_unlock(&cache_lock);
}

/*
 * Memory is short (the page allocator asks): clean buffers nobody uses go,
 * least recently used first, until want bytes went.  Returns the bytes
 * freed.  A hart that is inside the cache already gets nothing.
 */
size_t bcache_shrink(size_t want)
{
	size_t freed = 0;
	if (!spin_trylock(&cache_lock))
		return 0;
	struct list_head *pos = lru.prev;
	while (pos != &lru && freed < want) {
		struct buf *b = list_entry(pos, struct buf, lru_link);
		pos = pos->prev;
		if (READ_ONCE(b->dirty) || b->refcnt)
			continue;
		list_del(&b->lru_link);
		list_del(&b->hash_link);
		cache_bytes -= b->size;
		freed += b->size;
		kfree(b->data);
		kfree(b);
	}
	spin_unlock(&cache_lock);
	return freed;
}

size_t bcache_bytes(void)
{
	return READ_ONCE(cache_bytes);
}

/* Write back every dirty block of bdev (of every device if NULL). */
int bsync(struct blockdev *bdev)
{
	int err = writeback(bdev, false);

	/* Blocks the flusher took before us may still be on their way. */
	wait_event(flight_wq, READ_ONCE(nflights) == 0);
	return err;
}

/* The flusher: a kernel thread writing dirty blocks back in the
 * background, one batch of idle buffers for every BCACHE_FLUSH_BATCH
 * blocks dirtied, so that a writer's fsync finds little left to do and
 * eviction finds clean buffers. */
static int flusher(void *arg)
{
	unsigned long seen = 0;

	(void)arg;
	for (;;) {
		wait_event(flusher_wq, READ_ONCE(flush_kicks) != seen);
		seen = READ_ONCE(flush_kicks);
		writeback(NULL, true);
	}
	return 0;
}

/*
 * Called by a file system's write between writes, holding no buffer: once
 * per BCACHE_FLUSH_BATCH blocks dirtied, give the flusher the hart, so
 * that it starts its next request at once rather than at the writer's next
 * preemption, and the device works while the writer goes on.
 */
void bcache_writer_yield(void)
{
	unsigned long k = READ_ONCE(flush_kicks);

	if (!flusher_task || k == READ_ONCE(kicks_yielded))
		return;
	WRITE_ONCE(kicks_yielded, k);
	schedule();
}

