/*
 * ext2 mount, superblock and group descriptors.
 *
 * The superblock and the group descriptor table are read once at mount into
 * ext2_sb_info and kept there.  Allocation changes only their free counts,
 * in memory (counts_dirty says so); ext2_sync() copies them into their
 * cached blocks before writing the cache back, so every sync, fsync and
 * unmount leaves consistent counters on disk.  Other changes are written
 * into the cached blocks at once.  Both are guarded by ext2_sb_info.lock.
 */
#include "ext2.h"

_Static_assert(sizeof(struct ext2_super_block) == EXT2_SUPER_SIZE, "superblock");
_Static_assert(sizeof(struct ext2_group_desc) == 32, "group descriptor");
_Static_assert(sizeof(struct ext2_inode) == EXT2_GOOD_OLD_INODE_SIZE, "inode");

/* Where the primary superblock lives: its block and offset in it. */
static void super_location(struct ext2_sb_info *sbi, uint64_t *block, uint32_t *off)
{
	*block = EXT2_SUPER_OFFSET / sbi->block_size;
	*off = EXT2_SUPER_OFFSET % sbi->block_size;
}

/* Copy the in-memory superblock into its cached block (sbi->lock held, or
 * the file system not yet shared). */
int ext2_commit_super(struct super_block *sb)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	uint64_t block;
	uint32_t off;
	struct buf *b;

	super_location(sbi, &block, &off);
	b = bread(sb->bdev, block, sbi->block_size);
	if (IS_ERR(b))
		return PTR_ERR(b);
	memcpy(b->data + off, &sbi->es, sizeof(sbi->es));
	bdirty(b);
	brelse(b);
	return 0;
}

/* Copy the whole group descriptor table into its cached blocks (sbi->lock
 * held). */
static int commit_groups(struct super_block *sb)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	uint32_t nblocks = (sbi->ngroups + sbi->gd_per_block - 1) / sbi->gd_per_block;
	size_t table = sbi->ngroups * sizeof(struct ext2_group_desc), off, n;
	struct buf *b;

	for (uint32_t i = 0; i < nblocks; i++) {
		b = bread(sb->bdev, sbi->gd_block + i, sbi->block_size);
		if (IS_ERR(b))
			return PTR_ERR(b);
		off = (size_t)i * sbi->block_size;
		n = MIN((size_t)sbi->block_size, table - off);
		memcpy(b->data, (char *)sbi->gd + off, n);
		bdirty(b);
		brelse(b);
	}
	return 0;
}

/* Turn on a read-only-compatible feature (large_file) the first time a
 * file needs it. */
int ext2_set_ro_compat(struct super_block *sb, uint32_t feature)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	int err = 0;

	mutex_lock(&sbi->lock);
	if (!(sbi->es.s_feature_ro_compat & feature)) {
		sbi->es.s_feature_ro_compat |= feature;
		err = ext2_commit_super(sb);
	}
	mutex_unlock(&sbi->lock);
	return err;
}

int ext2_set_compat(struct super_block *sb, uint32_t feature)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	int err = 0;

	mutex_lock(&sbi->lock);
	if (!(sbi->es.s_feature_compat & feature)) {
		sbi->es.s_feature_compat |= feature;
		err = ext2_commit_super(sb);
	}
	mutex_unlock(&sbi->lock);
	return err;
}

/* Everything to the cache, then the cache to the disk. */
int ext2_sync(struct super_block *sb)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	int err;

	if (!(sb->flags & MS_RDONLY)) {
		mutex_lock(&sbi->lock);
		sbi->es.s_wtime = (uint32_t)current_time().tv_sec;
		err = sbi->counts_dirty ? commit_groups(sb) : 0;
		if (!err)
			err = ext2_commit_super(sb);
		if (!err)
			sbi->counts_dirty = false;
		mutex_unlock(&sbi->lock);
		if (err)
			return err;
	}
	return bsync(sb->bdev);
}

static int ext2_sync_fs(struct super_block *sb)
{
	return ext2_sync(sb);
}

static int ext2_statfs(struct super_block *sb, struct statfs_info *st)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	struct ext2_super_block *es = &sbi->es;

	mutex_lock(&sbi->lock);
	st->type = EXT2_SUPER_MAGIC;
	st->bsize = sbi->block_size;
	st->blocks = es->s_blocks_count;
	st->bfree = es->s_free_blocks_count;
	st->bavail = es->s_free_blocks_count > es->s_r_blocks_count ?
		es->s_free_blocks_count - es->s_r_blocks_count : 0;
	st->files = es->s_inodes_count;
	st->ffree = es->s_free_inodes_count;
	st->namelen = EXT2_NAME_LEN;
	mutex_unlock(&sbi->lock);
	return 0;
}

/* The VFS has released every inode; mark the file system clean. */
static void ext2_put_super(struct super_block *sb)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);

	if (!(sb->flags & MS_RDONLY)) {
		mutex_lock(&sbi->lock);
		sbi->es.s_state |= EXT2_VALID_FS;
		mutex_unlock(&sbi->lock);
	}
	ext2_sync(sb);
	kfree(sbi->gd);
	kfree(sbi);
	sb->private = NULL;
}

const struct super_operations ext2_super_ops = {
	.read_inode = ext2_read_inode,
	.write_inode = ext2_write_inode,
	.evict_inode = ext2_evict_inode,
	.sync_fs = ext2_sync_fs,
	.statfs = ext2_statfs,
	.put_super = ext2_put_super,
};

/* Read the superblock straight from the device: the cache holds blocks of
 * one size per device and we do not know the block size yet. */
static int read_super(struct blockdev *bdev, struct ext2_super_block *es)
{
	if (bdev->nsectors < (EXT2_SUPER_OFFSET + EXT2_SUPER_SIZE) / SECTOR_SIZE)
		return -EINVAL;
	return bdev->transfer(bdev, EXT2_SUPER_OFFSET / SECTOR_SIZE, es,
			      EXT2_SUPER_SIZE, false) ? -EIO : 0;
}

/* Is this a superblock we can mount (read-write unless rdonly)? */
static int check_super(const struct ext2_super_block *es, uint64_t nsectors,
		       bool rdonly)
{
	uint32_t bs, inode_size;

	if (es->s_magic != EXT2_SUPER_MAGIC)
		return -EINVAL;
	if (es->s_rev_level > EXT2_DYNAMIC_REV)
		return -EINVAL;
	if (es->s_log_block_size > EXT2_MAX_BLOCK_LOG - EXT2_MIN_BLOCK_LOG)
		return -EINVAL;
	bs = 1024u << es->s_log_block_size;
	if (es->s_rev_level == EXT2_DYNAMIC_REV) {
		if (es->s_feature_incompat & ~EXT2_SUPPORTED_INCOMPAT)
			return -EINVAL;
		if (!rdonly && (es->s_feature_ro_compat & ~EXT2_SUPPORTED_RO_COMPAT))
			return -EROFS;
		inode_size = es->s_inode_size;
		if (inode_size < EXT2_GOOD_OLD_INODE_SIZE || inode_size > bs ||
		    (inode_size & (inode_size - 1)))
			return -EINVAL;
		if (es->s_first_ino <= EXT2_ROOT_INO)
			return -EINVAL;
	}
	if (es->s_blocks_per_group == 0 || es->s_blocks_per_group > 8 * bs ||
	    es->s_inodes_per_group == 0 || es->s_inodes_per_group > 8 * bs)
		return -EINVAL;
	if (es->s_first_data_block >= es->s_blocks_count ||
	    es->s_first_data_block != (bs == 1024 ? 1u : 0u))
		return -EINVAL;
	if ((uint64_t)es->s_blocks_count * (bs / SECTOR_SIZE) > nsectors)
		return -EINVAL;
	return 0;
}

/* Fill the geometry of sbi from its superblock copy. */
static int setup_geometry(struct ext2_sb_info *sbi)
{
	struct ext2_super_block *es = &sbi->es;

	sbi->block_size = 1024u << es->s_log_block_size;
	sbi->addr_per_block = sbi->block_size / sizeof(uint32_t);
	if (es->s_rev_level == EXT2_GOOD_OLD_REV) {
		sbi->inode_size = EXT2_GOOD_OLD_INODE_SIZE;
		sbi->first_ino = EXT2_GOOD_OLD_FIRST_INO;
	} else {
		sbi->inode_size = es->s_inode_size;
		sbi->first_ino = es->s_first_ino;
	}
	sbi->inodes_per_block = sbi->block_size / sbi->inode_size;
	sbi->gd_per_block = sbi->block_size / sizeof(struct ext2_group_desc);
	sbi->gd_block = es->s_first_data_block + 1;
	sbi->ngroups = (es->s_blocks_count - es->s_first_data_block +
			es->s_blocks_per_group - 1) / es->s_blocks_per_group;
	if ((uint64_t)sbi->ngroups * es->s_inodes_per_group < es->s_inodes_count)
		return -EINVAL;
	sbi->has_filetype = es->s_rev_level == EXT2_DYNAMIC_REV &&
		(es->s_feature_incompat & EXT2_FEATURE_INCOMPAT_FILETYPE);
	return 0;
}

/* Read the group descriptor table and check it points inside the disk. */
static int read_groups(struct super_block *sb)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	uint32_t nblocks = (sbi->ngroups + sbi->gd_per_block - 1) / sbi->gd_per_block;
	uint32_t itable_blocks = (sbi->es.s_inodes_per_group + sbi->inodes_per_block - 1) /
		sbi->inodes_per_block;
	struct ext2_group_desc *gd;
	struct buf *b;

	sbi->gd = kmalloc(nblocks * sbi->block_size);
	if (!sbi->gd)
		return -ENOMEM;
	for (uint32_t i = 0; i < nblocks; i++) {
		b = bread(sb->bdev, sbi->gd_block + i, sbi->block_size);
		if (IS_ERR(b))
			return PTR_ERR(b);
		memcpy((char *)sbi->gd + i * sbi->block_size, b->data, sbi->block_size);
		brelse(b);
	}
	for (uint32_t g = 0; g < sbi->ngroups; g++) {
		gd = &sbi->gd[g];
		if (gd->bg_block_bitmap >= sbi->es.s_blocks_count ||
		    gd->bg_inode_bitmap >= sbi->es.s_blocks_count ||
		    gd->bg_inode_table == 0 ||
		    gd->bg_inode_table + itable_blocks > sbi->es.s_blocks_count)
			return -EINVAL;
	}
	return 0;
}

/* Mounting read-write: the file system is not clean until put_super. */
static int mark_mounted(struct super_block *sb)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	uint64_t block;
	uint32_t off;
	struct buf *b;
	int err;

	sbi->es.s_state &= ~EXT2_VALID_FS;
	sbi->es.s_mnt_count++;
	sbi->es.s_mtime = (uint32_t)current_time().tv_sec;
	err = ext2_commit_super(sb);
	if (err)
		return err;
	super_location(sbi, &block, &off);
	b = bread(sb->bdev, block, sbi->block_size);
	if (IS_ERR(b))
		return PTR_ERR(b);
	err = bwrite(b);
	brelse(b);
	return err;
}

static int ext2_mount(struct file_system_type *type, struct blockdev *bdev,
		      unsigned long flags, const char *data, struct super_block **out)
{
	struct ext2_sb_info *sbi;
	struct super_block *sb;
	struct inode *root;
	int err;

	(void)data;
	if (!bdev)
		return -ENOTBLK;
	sbi = kzalloc(sizeof(*sbi));
	if (!sbi)
		return -ENOMEM;
	mutex_init(&sbi->lock, "ext2 sb");
	err = read_super(bdev, &sbi->es);
	if (!err)
		err = check_super(&sbi->es, bdev->nsectors, flags & MS_RDONLY);
	if (!err)
		err = setup_geometry(sbi);
	if (err)
		goto fail_sbi;
	sb = sb_alloc(type, bdev);
	if (!sb) {
		err = -ENOMEM;
		goto fail_sbi;
	}
	sb->s_op = &ext2_super_ops;
	sb->dev = bdev->dev;
	sb->flags = flags;
	sb->block_size = sbi->block_size;
	sb->magic = EXT2_SUPER_MAGIC;
	sb->pcache = true;
	sb->private = sbi;
	err = read_groups(sb);
	if (!err && !(flags & MS_RDONLY))
		err = mark_mounted(sb);
	if (err)
		goto fail_sb;
	root = iget(sb, EXT2_ROOT_INO);
	if (IS_ERR(root)) {
		err = PTR_ERR(root);
		goto fail_sb;
	}
	if (!S_ISDIR(root->mode)) {
		iput(root);
		err = -EINVAL;
		goto fail_sb;
	}
	sb->root = root;
	*out = sb;
	return 0;

fail_sb:
	kfree(sbi->gd);
	sb_free(sb);
fail_sbi:
	kfree(sbi);
	return err;
}

static struct file_system_type ext2_fs_type = {
	.name = "ext2",
	.needs_device = true,
	.mount = ext2_mount,
};

void ext2_init(void)
{
	register_filesystem(&ext2_fs_type);
}
