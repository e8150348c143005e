/*
 * ext2 block and inode allocation.
 *
 * Each group has one block bitmap and one inode bitmap block.  The free
 * counts in the group descriptor let a search skip full groups without
 * reading their bitmaps, so finding a block costs a scan of one bitmap from
 * the caller's goal (usually the block after the file's last one).  Blocks
 * that hold superblock backups, descriptor tables, bitmaps and inode tables
 * are marked used in the bitmaps by mke2fs, so they are never handed out.
 *
 * Everything here runs under ext2_sb_info.lock.
 */
#include "ext2.h"

static uint32_t group_first_block(struct ext2_sb_info *sbi, uint32_t group)
{
	return sbi->es.s_first_data_block + group * sbi->es.s_blocks_per_group;
}

/* Blocks in a group: the last one may be short. */
static uint32_t group_nblocks(struct ext2_sb_info *sbi, uint32_t group)
{
	uint32_t first = group_first_block(sbi, group);
	return MIN(sbi->es.s_blocks_per_group, sbi->es.s_blocks_count - first);
}

static bool test_bit(const uint8_t *map, uint32_t bit)
{
	return map[bit >> 3] & (1u << (bit & 7));
}

/* The first clear bit at or after start, wrapping around; -1 if none. */
static long find_clear_bit(const uint8_t *map, uint32_t nbits, uint32_t start)
{
	uint32_t bit = start < nbits ? start : 0;

	for (uint32_t seen = 0; seen < nbits;) {
		if (bit >= nbits)
			bit = 0;
		if ((bit & 7) == 0 && bit + 8 <= nbits && map[bit >> 3] == 0xff) {
			bit += 8;
			seen += 8;
			continue;
		}
		if (!test_bit(map, bit))
			return bit;
		bit++;
		seen++;
	}
	return -1;
}

/* Counters follow a bitmap change: group descriptor and superblock, in
 * memory until the next sync (see super.c). */
static int account(struct super_block *sb, uint32_t group, int dblocks,
		   int dinodes, int ddirs)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	struct ext2_group_desc *gd = &sbi->gd[group];

	gd->bg_free_blocks_count += dblocks;
	gd->bg_free_inodes_count += dinodes;
	gd->bg_used_dirs_count += ddirs;
	sbi->es.s_free_blocks_count += dblocks;
	sbi->es.s_free_inodes_count += dinodes;
	sbi->counts_dirty = true;
	return 0;
}

/* Take a free bit of the bitmap in block bitmap_block at or after start. */
static long take_bit(struct super_block *sb, uint32_t bitmap_block,
		     uint32_t nbits, uint32_t start)
{
	struct buf *b = bread(sb->bdev, bitmap_block, EXT2_SB(sb)->block_size);
	uint8_t *map;
	long bit;

	if (IS_ERR(b))
		return PTR_ERR(b);
	map = (uint8_t *)b->data;
	bit = find_clear_bit(map, nbits, start);
	if (bit >= 0) {
		map[bit >> 3] |= 1u << (bit & 7);
		bdirty(b);
	} else {
		bit = -ENOSPC;	/* the free count was wrong */
	}
	brelse(b);
	return bit;
}

/* Clear a bit that must be set; -EIO if it was not (a corrupt map). */
static int clear_bit(struct super_block *sb, uint32_t bitmap_block, uint32_t bit)
{
	struct buf *b = bread(sb->bdev, bitmap_block, EXT2_SB(sb)->block_size);
	uint8_t *map;
	int err = 0;

	if (IS_ERR(b))
		return PTR_ERR(b);
	map = (uint8_t *)b->data;
	if (test_bit(map, bit)) {
		map[bit >> 3] &= ~(1u << (bit & 7));
		bdirty(b);
	} else {
		err = -EIO;
	}
	brelse(b);
	return err;
}

/* Allocate one block, as near after goal as we find one. */
int ext2_alloc_block(struct super_block *sb, uint32_t goal, uint32_t *out)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	uint32_t bpg = sbi->es.s_blocks_per_group, start, group, g;
	long bit;
	int err = -ENOSPC;

	mutex_lock(&sbi->lock);
	if (goal < sbi->es.s_first_data_block || goal >= sbi->es.s_blocks_count)
		goal = sbi->es.s_first_data_block;
	group = (goal - sbi->es.s_first_data_block) / bpg;
	for (uint32_t i = 0; i < sbi->ngroups; i++) {
		g = (group + i) % sbi->ngroups;
		if (sbi->gd[g].bg_free_blocks_count == 0)
			continue;
		start = i == 0 ? (goal - sbi->es.s_first_data_block) % bpg : 0;
		bit = take_bit(sb, sbi->gd[g].bg_block_bitmap,
			       group_nblocks(sbi, g), start);
		if (bit == -ENOSPC)
			continue;
		if (bit < 0) {
			err = (int)bit;
			break;
		}
		*out = group_first_block(sbi, g) + (uint32_t)bit;
		err = account(sb, g, -1, 0, 0);
		break;
	}
	mutex_unlock(&sbi->lock);
	return err;
}

int ext2_free_block(struct super_block *sb, uint32_t block)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	uint32_t g, bit;
	int err;

	if (block < sbi->es.s_first_data_block || block >= sbi->es.s_blocks_count)
		return -EIO;
	g = (block - sbi->es.s_first_data_block) / sbi->es.s_blocks_per_group;
	bit = (block - sbi->es.s_first_data_block) % sbi->es.s_blocks_per_group;
	mutex_lock(&sbi->lock);
	err = clear_bit(sb, sbi->gd[g].bg_block_bitmap, bit);
	if (!err)
		err = account(sb, g, 1, 0, 0);
	mutex_unlock(&sbi->lock);
	return err;
}

/*
 * Allocate an inode number.  Files go near their directory; directories
 * are spread over the groups, one after the other, so that each new tree
 * finds free blocks around it.
 */
int ext2_alloc_inode(struct super_block *sb, uint32_t dir_group, bool is_dir,
		     uint32_t *out)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	uint32_t ipg = sbi->es.s_inodes_per_group, group, g, nbits, start;
	long bit;
	int err = -ENOSPC;

	mutex_lock(&sbi->lock);
	group = is_dir ? (sbi->last_group + 1) % sbi->ngroups : dir_group % sbi->ngroups;
	for (uint32_t i = 0; i < sbi->ngroups; i++) {
		g = (group + i) % sbi->ngroups;
		if (sbi->gd[g].bg_free_inodes_count == 0 || g * ipg >= sbi->es.s_inodes_count)
			continue;
		/* The last group may hold fewer inodes than a full one. */
		nbits = MIN(ipg, sbi->es.s_inodes_count - g * ipg);
		start = g == 0 ? sbi->first_ino - 1 : 0;
		bit = take_bit(sb, sbi->gd[g].bg_inode_bitmap, nbits, start);
		if (bit == -ENOSPC)
			continue;
		if (bit < 0) {
			err = (int)bit;
			break;
		}
		if (g * ipg + (uint32_t)bit + 1 < sbi->first_ino) {
			/* A reserved inode was marked free: leave it taken. */
			err = -EIO;
			break;
		}
		*out = g * ipg + (uint32_t)bit + 1;
		if (is_dir)
			sbi->last_group = g;
		err = account(sb, g, 0, -1, is_dir ? 1 : 0);
		break;
	}
	mutex_unlock(&sbi->lock);
	return err;
}

int ext2_free_inode(struct super_block *sb, uint32_t ino, bool is_dir)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	uint32_t ipg = sbi->es.s_inodes_per_group;
	uint32_t g = (ino - 1) / ipg;
	int err;

	if (ino < sbi->first_ino || ino > sbi->es.s_inodes_count)
		return -EIO;
	mutex_lock(&sbi->lock);
	err = clear_bit(sb, sbi->gd[g].bg_inode_bitmap, (ino - 1) % ipg);
	if (!err)
		err = account(sb, g, 0, 1, is_dir ? -1 : 0);
	mutex_unlock(&sbi->lock);
	return err;
}
