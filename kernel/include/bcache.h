/*
 * Block devices and the block cache.
 *
 * A block device moves whole sectors synchronously (the caller sleeps while
 * the device works).  The cache keeps blocks of one size per device in
 * memory, keyed by (device, block number); a cached block is returned locked
 * (its mutex held) and referenced; brelse() unlocks and drops the reference.
 * Dirty blocks are written back by bsync(), on eviction, and at poweroff.
 */
#ifndef KERNEL_BCACHE_H
#define KERNEL_BCACHE_H

#include "types.h"
#include "lock.h"
#include "list.h"

#define SECTOR_SIZE 512

struct blockdev {
	dev_t dev;
	const char *name;		/* "vda" */
	uint64_t nsectors;
	/* Read or write nbytes (a multiple of SECTOR_SIZE) at sector. */
	int (*transfer)(struct blockdev *bdev, uint64_t sector, void *buf,
			size_t nbytes, bool write);
	void *priv;
	struct list_head link;		/* in the list of block devices */
};

int blockdev_register(struct blockdev *bdev);
struct blockdev *blockdev_get(dev_t dev);	/* NULL if none */

struct buf {
	struct blockdev *bdev;
	uint64_t blockno;
	uint32_t size;
	bool valid;		/* data holds the block's contents */
	bool dirty;		/* data must be written back */
	int refcnt;		/* guarded by the cache lock */
	struct mutex lock;	/* guards data, valid, dirty */
	char *data;
	struct list_head hash_link;	/* guarded by the cache lock */
	struct list_head lru_link;
};

/* Free clean unused buffers, up to want bytes; returns the bytes freed. */
size_t bcache_shrink(size_t want);
size_t bcache_bytes(void);		/* block data held now */

/* Returns the block locked, with its contents; ERR_PTR(-EIO or -ENOMEM). */
struct buf *bread(struct blockdev *bdev, uint64_t blockno, uint32_t size);
/* Like bread but without reading: for a block about to be overwritten
 * whole (the data is zeroed). */
struct buf *bget_zeroed(struct blockdev *bdev, uint64_t blockno, uint32_t size);
/* Like bget_zeroed without the zeroing, for a block the caller fills whole
 * before brelse. */
struct buf *bget_overwrite(struct blockdev *bdev, uint64_t blockno, uint32_t size);
void bcache_writer_yield(void);		/* let the background flusher run */
void bdirty(struct buf *b);		/* mark for write-back */
int bwrite(struct buf *b);		/* write now (block stays cached) */
void brelse(struct buf *b);
int bsync(struct blockdev *bdev);	/* write back every dirty block */
void bcache_init(void);

#endif
