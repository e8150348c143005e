/*
 * The block cache and the list of block devices.
 *
 * Every cached block is a struct buf in one hash chain keyed by (device,
 * block number).  A buffer nobody references sits on the LRU list (most
 * recently released at the head); when the cache is at its limit, a new block
 * takes over the least recently used buffer, preferring a clean one and
 * writing a dirty one back first.
 *
 * Locks:
 *   cache_lock (spinlock) guards the hash chains, the LRU list, every
 *     buffer's refcnt, bdev, blockno and size, and the counters below.
 *   buf->lock (mutex) guards data, valid and dirty; whoever holds a
 *     reference from bread()/bget_zeroed() holds it until brelse().
 *   devices_lock guards the list of block devices.
 * A buffer's identity (bdev, blockno) changes only while cache_lock is held
 * and its refcnt is 0 or held by the evictor alone, so whoever finds a buffer
 * in the hash and takes a reference keeps the block it asked for.
 */
#include "bcache.h"
#include "kmalloc.h"
#include "string.h"

#define BCACHE_HASH_SIZE	1024	/* chains; a power of two */
#define BCACHE_MAX_BYTES	(16ul << 20)	/* block data kept at most */
#define BCACHE_SYNC_BATCH	256	/* buffers bsync sorts at a time */
#define BCACHE_RECYCLE_TRIES	8	/* LRU buffers tried before growing */

static struct spinlock cache_lock = SPINLOCK_INIT("bcache");
static struct list_head hash_chains[BCACHE_HASH_SIZE];
static LIST_HEAD(lru);
static size_t cache_bytes;	/* data of every buffer */

static struct spinlock devices_lock = SPINLOCK_INIT("blockdevs");
static LIST_HEAD(devices);

void bcache_init(void)
{
	for (size_t i = 0; i < BCACHE_HASH_SIZE; i++)
		list_init(&hash_chains[i]);
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

/*
 * Take over the least recently used buffer for (bdev, blockno): returns it
 * referenced, unlocked, already in its new hash chain, or NULL when the few
 * buffers tried were busy or would not write (the caller then grows the
 * cache past its limit rather than wait).  Called and returns with
 * cache_lock held, but drops it to write a dirty victim back.
 */
static struct buf *recycle(struct blockdev *bdev, uint64_t blockno, uint32_t size)
{
	struct buf *b;

	for (int tries = 0; tries < BCACHE_RECYCLE_TRIES && !list_empty(&lru); tries++) {
		b = list_entry(lru.prev, struct buf, lru_link);
		hold(b);
		if (READ_ONCE(b->dirty)) {
			/* Write back with the cache unlocked; the buffer
			 * stays findable, so nobody reads a stale block. */
			spin_unlock(&cache_lock);
			mutex_lock(&b->lock);
			if (b->dirty && transfer(b, true) == 0)
				b->dirty = false;
			mutex_unlock(&b->lock);
			spin_lock(&cache_lock);
		}
		if (b->refcnt != 1 || READ_ONCE(b->dirty)) {
			/* Someone wanted it meanwhile, or it would not write. */
			unhold(b);
			continue;
		}
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
			spin_unlock(&cache_lock);
			break;
		}
		if (cache_bytes + size > BCACHE_MAX_BYTES) {
			b = recycle(bdev, blockno, size);
			spin_unlock(&cache_lock);
			if (b)
				break;
		} else {
			spin_unlock(&cache_lock);
		}
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
		spin_unlock(&cache_lock);
		b = fresh;
		break;
	}
	mutex_lock(&b->lock);
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

void bdirty(struct buf *b)
{
	b->dirty = true;
}

int bwrite(struct buf *b)
{
	int err = transfer(b, true);

	if (err)
		return err < 0 ? err : -EIO;
	b->dirty = false;
	return 0;
}

void brelse(struct buf *b)
{
	mutex_unlock(&b->lock);
	spin_lock(&cache_lock);
	unhold(b);
	spin_unlock(&cache_lock);
}

/* Shell sort by block number: bsync writes in disk order. */
static void sort_by_block(struct buf **v, size_t n)
{
	for (size_t gap = n / 2; gap > 0; gap /= 2) {
		for (size_t i = gap; i < n; i++) {
			struct buf *x = v[i];
			size_t j = i;
			for (; j >= gap && v[j - gap]->blockno > x->blockno; j -= gap)
				v[j] = v[j - gap];
			v[j] = x;
		}
	}
}

/* Reference up to max buffers of bdev that look dirty. */
static size_t collect_dirty(struct blockdev *bdev, struct buf **v, size_t max)
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
			if ((!bdev || b->bdev == bdev) && READ_ONCE(b->dirty)) {
				hold(b);
				v[n++] = b;
			}
		}
	}
	spin_unlock(&cache_lock);
	return n;
}

/* Write back every dirty block of bdev (of every device if NULL). */
int bsync(struct blockdev *bdev)
{
	struct buf **v = kmalloc(BCACHE_SYNC_BATCH * sizeof(*v));
	struct buf *one[1];
	size_t max = v ? BCACHE_SYNC_BATCH : 1, n;
	int err = 0, e;

	if (!v)
		v = one;
	/* Batches until nothing is dirty; a block that will not write
	 * stops the loop with its error. */
	while (!err && (n = collect_dirty(bdev, v, max)) > 0) {
		sort_by_block(v, n);
		for (size_t i = 0; i < n; i++) {
			mutex_lock(&v[i]->lock);
			if (v[i]->dirty && (e = bwrite(v[i])) && !err)
				err = e;
			brelse(v[i]);
		}
	}
	if (v != one)
		kfree(v);
	return err;
}
