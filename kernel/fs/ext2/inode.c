/*
 * ext2 inodes: reading and writing them in the inode table, creating and
 * freeing them, and the block map (i_block[]: 12 direct blocks, then a
 * single, a double and a triple indirect block).
 *
 * ext2_inode_info.map_lock guards i_block[], the indirect blocks and
 * inode->blocks; the VFS's inode->lock serialises the rest.
 */
#include "ext2.h"

/* The most we let a file grow to: the block map's reach, kept under 1 TiB
 * so that i_blocks (32 bits of 512-byte units) never overflows. */
#define EXT2_MAX_BYTES	(1ull << 40)

/* The cached inode table block holding ino, and where in it. */
static struct buf *inode_block(struct super_block *sb, ino_t ino, void **raw)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	uint32_t ipg = sbi->es.s_inodes_per_group;
	uint32_t group, index;
	struct buf *b;

	if (ino < 1 || ino > sbi->es.s_inodes_count)
		return ERR_PTR(-EIO);
	group = (uint32_t)(ino - 1) / ipg;
	index = (uint32_t)(ino - 1) % ipg;
	b = bread(sb->bdev, sbi->gd[group].bg_inode_table + index / sbi->inodes_per_block,
		  sbi->block_size);
	if (!IS_ERR(b))
		*raw = b->data + (index % sbi->inodes_per_block) * sbi->inode_size;
	return b;
}

/* The part behind the first 128 bytes, or NULL for 128-byte inodes. */
static struct ext2_inode_extra *inode_extra(struct super_block *sb, void *raw)
{
	if (EXT2_SB(sb)->inode_size <= EXT2_GOOD_OLD_INODE_SIZE)
		return NULL;
	return (struct ext2_inode_extra *)((char *)raw + EXT2_GOOD_OLD_INODE_SIZE);
}

/* Does the extra part hold the 32-bit field at this offset in it? */
#define EXTRA_HAS(x, field) \
	((x) && (x)->i_extra_isize >= offsetof(struct ext2_inode_extra, field) + 4)

static struct timespec64 decode_time(uint32_t sec, uint32_t extra)
{
	struct timespec64 t;

	t.tv_sec = (int32_t)sec + ((int64_t)(extra & 3) << 32);
	t.tv_nsec = extra >> 2;
	return t;
}

static uint32_t encode_extra(struct timespec64 t)
{
	uint32_t epoch = (uint32_t)((t.tv_sec - (int32_t)t.tv_sec) >> 32) & 3;
	return ((uint32_t)t.tv_nsec << 2) | epoch;
}

/* Device numbers in i_block, as Linux: the old 8:8 encoding in i_block[0]
 * when it fits, else the new one in i_block[1]. */
static dev_t decode_rdev(const uint32_t *blk)
{
	uint32_t old = blk[0], new = blk[1];

	if (old)
		return MKDEV((old >> 8) & 0xff, old & 0xff);
	return MKDEV((new & 0xfff00) >> 8, (new & 0xff) | ((new >> 12) & 0xfff00));
}

static void encode_rdev(uint32_t *blk, dev_t rdev)
{
	uint32_t ma = MAJOR(rdev), mi = MINOR(rdev);

	if (ma < 256 && mi < 256) {
		blk[0] = (ma << 8) | mi;
		blk[1] = 0;
	} else {
		blk[0] = 0;
		blk[1] = (mi & 0xff) | (ma << 8) | ((mi & ~0xffu) << 12);
	}
	blk[2] = 0;
}

static bool is_device(umode_t mode)
{
	return S_ISCHR(mode) || S_ISBLK(mode);
}

/* A symlink whose target lives in i_block rather than in a block. */
static bool is_fast_symlink(struct inode *inode)
{
	struct ext2_inode_info *ei = EXT2_I(inode);
	uint64_t ea_blocks = ei->file_acl ? inode->sb->block_size / 512 : 0;

	return S_ISLNK(inode->mode) && inode->blocks == ea_blocks;
}

/* Does i_block[] hold block numbers (rather than a device or a target)? */
static bool has_block_map(struct inode *inode)
{
	return S_ISREG(inode->mode) || S_ISDIR(inode->mode) ||
	       (S_ISLNK(inode->mode) && !is_fast_symlink(inode));
}

void ext2_set_ops(struct inode *inode)
{
	inode->i_fop = NULL;
	if (S_ISREG(inode->mode)) {
		inode->i_op = &ext2_file_iops;
		inode->i_fop = &ext2_file_fops;
	} else if (S_ISDIR(inode->mode)) {
		inode->i_op = &ext2_dir_iops;
		inode->i_fop = &ext2_dir_fops;
	} else if (S_ISLNK(inode->mode)) {
		inode->i_op = &ext2_symlink_iops;
	} else {
		inode->i_op = &ext2_special_iops;	/* the VFS opens these */
	}
}

static struct ext2_inode_info *info_alloc(struct super_block *sb, ino_t ino)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	struct ext2_inode_info *ei = kzalloc(sizeof(*ei));
	uint32_t group = (uint32_t)(ino - 1) / sbi->es.s_inodes_per_group;

	if (!ei)
		return NULL;
	mutex_init(&ei->map_lock, "ext2 map");
	ei->alloc_goal = sbi->es.s_first_data_block + group * sbi->es.s_blocks_per_group;
	return ei;
}

static void fill_inode(struct inode *inode, const struct ext2_inode *raw,
		       const struct ext2_inode_extra *x)
{
	struct ext2_inode_info *ei = EXT2_I(inode);

	inode->mode = raw->i_mode;
	inode->uid = raw->i_uid | ((uid_t)raw->i_uid_high << 16);
	inode->gid = raw->i_gid | ((gid_t)raw->i_gid_high << 16);
	inode->nlink = raw->i_links_count;
	inode->size = raw->i_size;
	if (S_ISREG(inode->mode))
		inode->size = (off_t)((uint64_t)raw->i_size_high << 32 | raw->i_size);
	inode->blocks = raw->i_blocks;
	inode->atime = decode_time(raw->i_atime, EXTRA_HAS(x, i_atime_extra) ? x->i_atime_extra : 0);
	inode->mtime = decode_time(raw->i_mtime, EXTRA_HAS(x, i_mtime_extra) ? x->i_mtime_extra : 0);
	inode->ctime = decode_time(raw->i_ctime, EXTRA_HAS(x, i_ctime_extra) ? x->i_ctime_extra : 0);
	inode->rdev = is_device(inode->mode) ? decode_rdev(raw->i_block) : 0;
	memcpy(ei->i_block, raw->i_block, sizeof(ei->i_block));
	ei->flags = raw->i_flags;
	ei->file_acl = raw->i_file_acl;
	ei->dtime = raw->i_dtime;
	ei->generation = raw->i_generation;
	ei->crtime = EXTRA_HAS(x, i_crtime) ? x->i_crtime : 0;
}

int ext2_read_inode(struct inode *inode)
{
	struct super_block *sb = inode->sb;
	struct ext2_inode_info *ei;
	struct ext2_inode *raw;
	struct buf *b;
	int err = 0;

	if (inode->ino != EXT2_ROOT_INO && inode->ino < EXT2_SB(sb)->first_ino)
		return -EIO;	/* a reserved inode named by a directory */
	ei = info_alloc(sb, inode->ino);
	if (!ei)
		return -ENOMEM;
	b = inode_block(sb, inode->ino, (void **)&raw);
	if (IS_ERR(b)) {
		kfree(ei);
		return PTR_ERR(b);
	}
	if (raw->i_links_count == 0) {
		err = -ESTALE;	/* a directory entry for a freed inode */
	} else {
		inode->private = ei;
		fill_inode(inode, raw, inode_extra(sb, raw));
		ext2_set_ops(inode);
	}
	brelse(b);
	if (err)
		kfree(ei);
	return err;
}

static void store_inode(struct inode *inode, struct ext2_inode *raw,
			struct ext2_inode_extra *x)
{
	struct ext2_inode_info *ei = EXT2_I(inode);

	raw->i_mode = (uint16_t)inode->mode;
	raw->i_uid = (uint16_t)inode->uid;
	raw->i_uid_high = (uint16_t)(inode->uid >> 16);
	raw->i_gid = (uint16_t)inode->gid;
	raw->i_gid_high = (uint16_t)(inode->gid >> 16);
	raw->i_links_count = (uint16_t)inode->nlink;
	raw->i_size = (uint32_t)inode->size;
	raw->i_size_high = S_ISREG(inode->mode) ? (uint32_t)((uint64_t)inode->size >> 32) : 0;
	raw->i_blocks = (uint32_t)inode->blocks;
	raw->i_atime = (uint32_t)inode->atime.tv_sec;
	raw->i_mtime = (uint32_t)inode->mtime.tv_sec;
	raw->i_ctime = (uint32_t)inode->ctime.tv_sec;
	raw->i_dtime = ei->dtime;
	raw->i_flags = ei->flags;
	raw->i_file_acl = ei->file_acl;
	raw->i_generation = ei->generation;
	if (is_device(inode->mode))
		encode_rdev(raw->i_block, inode->rdev);
	else
		memcpy(raw->i_block, ei->i_block, sizeof(raw->i_block));
	if (EXTRA_HAS(x, i_atime_extra)) {
		x->i_ctime_extra = encode_extra(inode->ctime);
		x->i_mtime_extra = encode_extra(inode->mtime);
		x->i_atime_extra = encode_extra(inode->atime);
	}
	if (EXTRA_HAS(x, i_crtime))
		x->i_crtime = ei->crtime;
}

int ext2_write_inode(struct inode *inode)
{
	struct super_block *sb = inode->sb;
	struct ext2_inode *raw;
	struct buf *b;
	int err;

	if (!EXT2_I(inode))
		return 0;
	if (sb->flags & MS_RDONLY)
		return -EROFS;
	if (S_ISREG(inode->mode) && inode->size > INT32_MAX) {
		err = ext2_set_ro_compat(sb, EXT2_FEATURE_RO_COMPAT_LARGE_FILE);
		if (err)
			return err;
	}
	b = inode_block(sb, inode->ino, (void **)&raw);
	if (IS_ERR(b))
		return PTR_ERR(b);
	store_inode(inode, raw, inode_extra(sb, raw));
	bdirty(b);
	brelse(b);
	return 0;
}

/* The last reference is gone; an unlinked inode goes back to the bitmap. */
void ext2_evict_inode(struct inode *inode)
{
	struct ext2_inode_info *ei = EXT2_I(inode);

	if (!ei)
		return;
	if (inode->nlink == 0 && !(inode->sb->flags & MS_RDONLY)) {
		if (has_block_map(inode))
			ext2_truncate_blocks(inode, 0);
		ext2_xattr_drop(inode);
		inode->size = 0;
		ei->dtime = (uint32_t)current_time().tv_sec;
		ext2_write_inode(inode);
		ext2_free_inode(inode->sb, (uint32_t)inode->ino, S_ISDIR(inode->mode));
	}
	kfree(ei);
	inode->private = NULL;
}

/* Start a fresh inode on disk: everything zero, the extra part sized. */
static int clear_disk_inode(struct super_block *sb, ino_t ino)
{
	struct ext2_inode_extra *x;
	struct buf *b;
	void *raw;

	b = inode_block(sb, ino, &raw);
	if (IS_ERR(b))
		return PTR_ERR(b);
	memset(raw, 0, EXT2_SB(sb)->inode_size);
	x = inode_extra(sb, raw);
	if (x && EXT2_SB(sb)->inode_size >= EXT2_GOOD_OLD_INODE_SIZE + EXT2_EXTRA_ISIZE)
		x->i_extra_isize = EXT2_EXTRA_ISIZE;
	bdirty(b);
	brelse(b);
	return 0;
}

/*
 * A new inode of the given mode for a name in dir: allocated on disk,
 * referenced in the inode cache, with one link; the caller writes it.
 * The owner is root and the group comes from a set-group-ID directory;
 * the VFS sets the caller's ids with setattr.
 */
struct inode *ext2_new_inode(struct inode *dir, umode_t mode)
{
	struct super_block *sb = dir->sb;
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	uint32_t dir_group = (uint32_t)(dir->ino - 1) / sbi->es.s_inodes_per_group;
	struct ext2_inode_info *ei;
	struct inode *inode;
	uint32_t ino;
	int err;

	err = ext2_alloc_inode(sb, dir_group, S_ISDIR(mode), &ino);
	if (err)
		return ERR_PTR(err);
	err = clear_disk_inode(sb, ino);
	ei = err ? NULL : info_alloc(sb, ino);
	if (!ei) {
		ext2_free_inode(sb, ino, S_ISDIR(mode));
		return ERR_PTR(err ? err : -ENOMEM);
	}
	inode = new_inode(sb, ino);
	if (!inode || IS_ERR(inode)) {
		kfree(ei);
		ext2_free_inode(sb, ino, S_ISDIR(mode));
		return inode ? inode : ERR_PTR(-ENOMEM);
	}
	inode->private = ei;
	inode->mode = mode;
	inode->uid = 0;
	inode->gid = 0;
	if (dir->mode & S_ISGID) {
		inode->gid = dir->gid;
		if (S_ISDIR(mode))
			inode->mode |= S_ISGID;
	}
	inode->nlink = 1;
	inode->size = 0;
	inode->blocks = 0;
	inode->rdev = 0;
	inode->atime = inode->mtime = inode->ctime = current_time();
	ei->crtime = (uint32_t)inode->ctime.tv_sec;
	mutex_lock(&sbi->lock);
	ei->generation = ++sbi->generation;
	mutex_unlock(&sbi->lock);
	ext2_set_ops(inode);
	return inode;
}

uint64_t ext2_max_file_size(struct super_block *sb)
{
	uint64_t p = EXT2_SB(sb)->addr_per_block;
	uint64_t blocks = EXT2_NDIR_BLOCKS + p + p * p + p * p * p;

	return MIN(blocks * sb->block_size, EXT2_MAX_BYTES);
}

/*
 * The path to logical block lblk: slot indexes from i_block[] down through
 * the indirect blocks; returns the depth (0 for a direct block) or -EFBIG.
 */
static int block_path(struct ext2_sb_info *sbi, uint64_t lblk, uint32_t path[4])
{
	uint64_t p = sbi->addr_per_block;

	if (lblk < EXT2_NDIR_BLOCKS) {
		path[0] = (uint32_t)lblk;
		return 0;
	}
	lblk -= EXT2_NDIR_BLOCKS;
	if (lblk < p) {
		path[0] = EXT2_IND_BLOCK;
		path[1] = (uint32_t)lblk;
		return 1;
	}
	lblk -= p;
	if (lblk < p * p) {
		path[0] = EXT2_DIND_BLOCK;
		path[1] = (uint32_t)(lblk / p);
		path[2] = (uint32_t)(lblk % p);
		return 2;
	}
	lblk -= p * p;
	if (lblk < p * p * p) {
		path[0] = EXT2_TIND_BLOCK;
		path[1] = (uint32_t)(lblk / (p * p));
		path[2] = (uint32_t)(lblk / p % p);
		path[3] = (uint32_t)(lblk % p);
		return 3;
	}
	return -EFBIG;
}

/* Allocate a block for inode near its last one; indirect blocks (zeroed
 * is true) start out zero. */
static int alloc_for(struct inode *inode, bool zeroed, uint32_t *out)
{
	struct ext2_inode_info *ei = EXT2_I(inode);
	struct buf *b;
	int err;

	err = ext2_alloc_block(inode->sb, ei->alloc_goal, out);
	if (err)
		return err;
	ei->alloc_goal = *out + 1;
	inode->blocks += inode->sb->block_size / 512;
	if (zeroed) {
		b = bget_zeroed(inode->sb->bdev, *out, inode->sb->block_size);
		if (IS_ERR(b))
			return PTR_ERR(b);
		bdirty(b);
		brelse(b);
	}
	return 0;
}

static bool block_ok(struct super_block *sb, uint32_t blk)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	return blk >= sbi->es.s_first_data_block && blk < sbi->es.s_blocks_count;
}

static void free_one(struct inode *inode, uint32_t *slot)
{
	uint64_t units = inode->sb->block_size / 512;

	ext2_free_block(inode->sb, *slot);
	*slot = 0;
	inode->blocks = inode->blocks >= units ? inode->blocks - units : 0;
}

/* How many of the n entries from e[0] on continue e[0]'s run of
 * consecutive blocks (at least 1 when e[0] is set). */
static uint32_t run_in(const uint32_t *e, uint32_t n)
{
	uint32_t k = 1;

	while (k < n && e[k] == e[0] + k)
		k++;
	return e[0] ? k : 0;
}

/*
 * Entry index of the map level under parent (0: i_block[] itself) into
 * *blk, allocating it when missing and create is set (*fresh then); *run
 * (when not NULL) gets how many entries from index on map consecutive
 * blocks.  No block is locked while allocating: the bitmaps are locked
 * after data blocks, and a corrupt map may name a bitmap as an indirect
 * block.
 */
static int map_slot(struct inode *inode, uint32_t parent, uint32_t index,
		    bool create, bool indirect, uint32_t *blk, bool *fresh,
		    uint32_t *run)
{
	struct ext2_inode_info *ei = EXT2_I(inode);
	struct super_block *sb = inode->sb;
	uint32_t val;
	struct buf *b;
	int err;

	*fresh = false;
	if (parent == 0) {
		val = ei->i_block[index];
		if (run)
			*run = run_in(&ei->i_block[index], EXT2_NDIR_BLOCKS - index);
	} else {
		b = bread(sb->bdev, parent, sb->block_size);
		if (IS_ERR(b))
			return PTR_ERR(b);
		val = ((uint32_t *)b->data)[index];
		if (run)
			*run = run_in((uint32_t *)b->data + index,
				      EXT2_SB(sb)->addr_per_block - index);
		brelse(b);
	}
	if (val || !create) {
		*blk = val;
		return 0;
	}
	err = alloc_for(inode, indirect, &val);
	if (err)
		return err;
	if (parent == 0) {
		ei->i_block[index] = val;
	} else {
		b = bread(sb->bdev, parent, sb->block_size);
		if (IS_ERR(b)) {
			free_one(inode, &val);
			return PTR_ERR(b);
		}
		((uint32_t *)b->data)[index] = val;
		bdirty(b);
		brelse(b);
	}
	*blk = val;
	*fresh = true;
	if (run)
		*run = 1;
	return 0;
}

/* Bracket a change of the run (map_lock held): readers that see run_seq
 * odd, or changed, look again. */
static void run_change_begin(struct ext2_inode_info *ei)
{
	__atomic_store_n(&ei->run_seq, ei->run_seq + 1, __ATOMIC_RELAXED);
	__atomic_thread_fence(__ATOMIC_RELEASE);
}

static void run_change_end(struct ext2_inode_info *ei)
{
	__atomic_store_n(&ei->run_seq, ei->run_seq + 1, __ATOMIC_RELEASE);
}

/* Remember that lblk maps to phys and the run blocks after it follow on
 * disk: a new run, or the growth of the current one by a block. */
static void note_run(struct ext2_inode_info *ei, uint64_t lblk, uint32_t phys,
		     uint32_t run)
{
	run_change_begin(ei);
	if (run == 1 && ei->run_len && lblk == ei->run_lblk + ei->run_len &&
	    phys == ei->run_phys + ei->run_len) {
		ei->run_len++;
	} else {
		ei->run_lblk = lblk;
		ei->run_phys = phys;
		ei->run_len = run;
	}
	run_change_end(ei);
}

/* The disk block of lblk if the run holds it, else 0; without the lock. */
static uint32_t run_lookup(struct ext2_inode_info *ei, uint64_t lblk)
{
	uint32_t seq, phys = 0, len;
	uint64_t first;

	seq = __atomic_load_n(&ei->run_seq, __ATOMIC_ACQUIRE);
	if (seq & 1)
		return 0;
	first = __atomic_load_n(&ei->run_lblk, __ATOMIC_RELAXED);
	len = __atomic_load_n(&ei->run_len, __ATOMIC_RELAXED);
	if (lblk - first < len)
		phys = __atomic_load_n(&ei->run_phys, __ATOMIC_RELAXED) +
			(uint32_t)(lblk - first);
	__atomic_thread_fence(__ATOMIC_ACQUIRE);
	if (__atomic_load_n(&ei->run_seq, __ATOMIC_RELAXED) != seq)
		return 0;
	return phys;
}

/*
 * Map logical block lblk of inode to a disk block in *phys (0: a hole).
 * With create, missing blocks are allocated and *fresh says whether the
 * data block is new (its contents are then undefined: the caller zeroes
 * what it does not overwrite).  The caller writes the inode afterwards.
 * A block inside the last run seen, or under the last indirect block
 * used, is found without walking the map from the top.
 */
int ext2_bmap(struct inode *inode, uint64_t lblk, bool create, uint32_t *phys,
	      bool *fresh)
{
	struct ext2_inode_info *ei = EXT2_I(inode);
	uint32_t path[4], blk = 0, parent = 0, run = 0;
	int depth, level = 0, err = 0;
	bool new;

	if (fresh)
		*fresh = false;
	*phys = run_lookup(ei, lblk);
	if (*phys)
		return 0;
	mutex_lock(&ei->map_lock);
	depth = block_path(EXT2_SB(inode->sb), lblk, path);
	if (depth < 0) {
		mutex_unlock(&ei->map_lock);
		return depth;
	}
	if (depth > 0 && ei->leaf_blk && lblk - ei->leaf_lblk == path[depth]) {
		level = depth;	/* straight to the last indirect block */
		parent = ei->leaf_blk;
	}
	for (;; level++) {
		err = map_slot(inode, parent, path[level], create, level < depth,
			       &blk, &new, level == depth ? &run : NULL);
		if (err || blk == 0)
			break;
		if (!block_ok(inode->sb, blk)) {
			err = -EIO;
			break;
		}
		if (level == depth) {
			*phys = blk;
			if (fresh)
				*fresh = new;
			note_run(ei, lblk, blk,
				 MIN(run, EXT2_SB(inode->sb)->es.s_blocks_count - blk));
			break;
		}
		if (level == depth - 1) {
			ei->leaf_blk = blk;
			ei->leaf_lblk = lblk - path[depth];
		}
		parent = blk;
	}
	mutex_unlock(&ei->map_lock);
	return err;
}

/*
 * Free the blocks at index start and beyond of the tree under *slot, which
 * has depth levels of indirect blocks; the indirect block itself goes too
 * once nothing is left in it.  The entries are worked on in a copy, so no
 * block is locked while the bitmaps are (see map_slot).
 */
static void truncate_tree(struct inode *inode, uint32_t *slot, int depth,
			  uint64_t start)
{
	uint32_t p = EXT2_SB(inode->sb)->addr_per_block, bs = inode->sb->block_size;
	uint32_t *entries;
	uint64_t span = 1;
	bool empty = true;
	struct buf *b;

	if (*slot == 0)
		return;
	if (!block_ok(inode->sb, *slot)) {
		*slot = 0;	/* a corrupt pointer: forget it */
		return;
	}
	entries = kmalloc(bs);
	if (!entries)
		return;
	b = bread(inode->sb->bdev, *slot, bs);
	if (IS_ERR(b))
		goto out;
	memcpy(entries, b->data, bs);
	brelse(b);
	for (int i = 1; i < depth; i++)
		span *= p;
	for (uint32_t i = (uint32_t)(start / span); i < p; i++) {
		if (!entries[i])
			continue;
		if (depth == 1)
			free_one(inode, &entries[i]);
		else
			truncate_tree(inode, &entries[i], depth - 1,
				      i == start / span ? start % span : 0);
	}
	for (uint32_t i = 0; i < p && empty; i++)
		empty = entries[i] == 0;
	if (empty) {
		free_one(inode, slot);
	} else {
		b = bread(inode->sb->bdev, *slot, bs);
		if (IS_ERR(b))
			goto out;
		memcpy(b->data, entries, bs);
		bdirty(b);
		brelse(b);
	}
out:
	kfree(entries);
}

/* Free every block past the first size bytes of the file. */
int ext2_truncate_blocks(struct inode *inode, off_t size)
{
	struct ext2_inode_info *ei = EXT2_I(inode);
	uint64_t bs = inode->sb->block_size, p = EXT2_SB(inode->sb)->addr_per_block;
	uint64_t keep = ((uint64_t)size + bs - 1) / bs, base = EXT2_NDIR_BLOCKS, cap = 1;

	mutex_lock(&ei->map_lock);
	run_change_begin(ei);
	ei->run_len = 0;
	run_change_end(ei);
	ei->leaf_blk = 0;
	for (uint64_t i = keep; i < EXT2_NDIR_BLOCKS; i++)
		if (ei->i_block[i])
			free_one(inode, &ei->i_block[i]);
	for (int depth = 1; depth <= 3; depth++) {
		cap *= p;
		if (keep < base + cap)
			truncate_tree(inode, &ei->i_block[EXT2_IND_BLOCK + depth - 1],
				      depth, keep > base ? keep - base : 0);
		base += cap;
	}
	mutex_unlock(&ei->map_lock);
	return 0;
}
