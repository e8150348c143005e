/*
 * ext2 directories: blocks of variable-length entries chained by rec_len.
 * A deleted entry is merged into the one before it in its block (or, first
 * in its block, keeps its place with inode 0), so a block is always covered
 * exactly by its entries.  Lookups scan linearly and cache nothing.
 *
 * The VFS holds the directories' inode->lock around everything here; a
 * function holds at most one directory block at a time.
 */
#include "ext2.h"

#define NO_PREV		UINT32_MAX	/* the entry is first in its block */

/* Where find_entry found a name: the block stays locked until put_slot. */
struct dir_slot {
	struct buf *b;
	uint32_t off;		/* of the entry in the block */
	uint32_t prev;		/* of the entry before it, or NO_PREV */
};

static const uint8_t ft_to_dtype[] = {
	[EXT2_FT_UNKNOWN] = EXT2_DT_UNKNOWN, [EXT2_FT_REG_FILE] = EXT2_DT_REG,
	[EXT2_FT_DIR] = EXT2_DT_DIR, [EXT2_FT_CHRDEV] = EXT2_DT_CHR,
	[EXT2_FT_BLKDEV] = EXT2_DT_BLK, [EXT2_FT_FIFO] = EXT2_DT_FIFO,
	[EXT2_FT_SOCK] = EXT2_DT_SOCK, [EXT2_FT_SYMLINK] = EXT2_DT_LNK,
};

unsigned int ext2_file_type(umode_t mode)
{
	switch (mode & S_IFMT) {
	case S_IFREG:	return EXT2_FT_REG_FILE;
	case S_IFDIR:	return EXT2_FT_DIR;
	case S_IFCHR:	return EXT2_FT_CHRDEV;
	case S_IFBLK:	return EXT2_FT_BLKDEV;
	case S_IFIFO:	return EXT2_FT_FIFO;
	case S_IFSOCK:	return EXT2_FT_SOCK;
	case S_IFLNK:	return EXT2_FT_SYMLINK;
	}
	return EXT2_FT_UNKNOWN;
}

static struct ext2_dir_entry *entry_at(struct buf *b, uint32_t off)
{
	return (struct ext2_dir_entry *)(b->data + off);
}

/* Is the entry at off sane, so that following rec_len stays in the block? */
static bool entry_ok(struct buf *b, uint32_t off)
{
	struct ext2_dir_entry *de = entry_at(b, off);

	if (b->size - off < EXT2_DIR_ENTRY_HEADER)
		return false;
	return de->rec_len >= EXT2_DIR_ENTRY_HEADER && de->rec_len % 4 == 0 &&
	       de->rec_len <= b->size - off &&
	       (uint32_t)de->name_len + EXT2_DIR_ENTRY_HEADER <= de->rec_len;
}

static uint32_t dir_nblocks(struct inode *dir)
{
	return (uint32_t)(dir->size / dir->sb->block_size);
}

/* Block lblk of a directory, locked; a hole is corruption. */
static struct buf *dir_block(struct inode *dir, uint32_t lblk)
{
	uint32_t phys;
	int err = ext2_bmap(dir, lblk, false, &phys, NULL);

	if (err)
		return ERR_PTR(err);
	if (phys == 0)
		return ERR_PTR(-EIO);
	return bread(dir->sb->bdev, phys, dir->sb->block_size);
}

static bool name_is(const struct ext2_dir_entry *de, const char *name, size_t len)
{
	return de->inode && de->name_len == len && memcmp(de->name, name, len) == 0;
}

/* Find name in dir: 0 with slot filled (its block locked), or -ENOENT. */
static int find_entry(struct inode *dir, const char *name, size_t len,
		      struct dir_slot *slot)
{
	struct ext2_dir_entry *de;
	struct buf *b;

	for (uint32_t lblk = 0; lblk < dir_nblocks(dir); lblk++) {
		b = dir_block(dir, lblk);
		if (IS_ERR(b))
			return PTR_ERR(b);
		slot->prev = NO_PREV;
		for (uint32_t off = 0; off < b->size; off += de->rec_len) {
			if (!entry_ok(b, off)) {
				brelse(b);
				return -EIO;
			}
			de = entry_at(b, off);
			if (name_is(de, name, len)) {
				slot->b = b;
				slot->off = off;
				return 0;
			}
			slot->prev = off;
		}
		brelse(b);
	}
	return -ENOENT;
}

/* A directory changed: times, and no more hashed index (we do not keep
 * one up to date; without the flag the blocks read as a plain list). */
static void dir_changed(struct inode *dir)
{
	dir->mtime = dir->ctime = current_time();
	EXT2_I(dir)->flags &= ~EXT2_INDEX_FL;
	mark_inode_dirty(dir);
}

static void fill_entry(struct inode *dir, struct ext2_dir_entry *de,
		       const char *name, size_t len, ino_t ino, umode_t mode)
{
	de->inode = (uint32_t)ino;
	de->name_len = (uint8_t)len;
	de->file_type = EXT2_SB(dir->sb)->has_filetype ? ext2_file_type(mode) : 0;
	memcpy(de->name, name, len);
}

/* Room for a new entry of rec_len need inside the entry at off? */
static bool entry_has_room(struct ext2_dir_entry *de, uint32_t need)
{
	uint32_t used = de->inode ? EXT2_DIR_REC_LEN(de->name_len) : 0;
	return de->rec_len >= used + need;
}

/*
 * Find where a new name fits: *lblk and *off of an entry with room, or
 * *lblk == dir_nblocks when a new block is needed.  Fails with -EEXIST if
 * the name is already there.
 */
static int find_room(struct inode *dir, const char *name, size_t len,
		     uint32_t *lblk_out, uint32_t *off_out)
{
	uint32_t need = EXT2_DIR_REC_LEN(len), nblocks = dir_nblocks(dir);
	struct ext2_dir_entry *de;
	struct buf *b;
	bool found = false;

	*lblk_out = nblocks;
	for (uint32_t lblk = 0; lblk < nblocks; lblk++) {
		b = dir_block(dir, lblk);
		if (IS_ERR(b))
			return PTR_ERR(b);
		for (uint32_t off = 0; off < b->size; off += de->rec_len) {
			if (!entry_ok(b, off)) {
				brelse(b);
				return -EIO;
			}
			de = entry_at(b, off);
			if (name_is(de, name, len)) {
				brelse(b);
				return -EEXIST;
			}
			if (!found && entry_has_room(de, need)) {
				found = true;
				*lblk_out = lblk;
				*off_out = off;
			}
		}
		brelse(b);
	}
	return 0;
}

/* Put the new entry into the entry at off (split off its slack). */
static int insert_at(struct inode *dir, uint32_t lblk, uint32_t off,
		     const char *name, size_t len, ino_t ino, umode_t mode)
{
	struct ext2_dir_entry *de, *room;
	struct buf *b = dir_block(dir, lblk);
	uint32_t used;

	if (IS_ERR(b))
		return PTR_ERR(b);
	de = entry_at(b, off);
	room = de;
	if (de->inode) {
		used = EXT2_DIR_REC_LEN(de->name_len);
		room = entry_at(b, off + used);
		room->rec_len = (uint16_t)(de->rec_len - used);
		de->rec_len = (uint16_t)used;
	}
	fill_entry(dir, room, name, len, ino, mode);
	bdirty(b);
	brelse(b);
	return 0;
}

/* Grow the directory by a block holding just the new entry. */
static int append_block(struct inode *dir, uint32_t lblk, const char *name,
			size_t len, ino_t ino, umode_t mode)
{
	struct ext2_dir_entry *de;
	uint32_t phys;
	struct buf *b;
	int err;

	err = ext2_bmap(dir, lblk, true, &phys, NULL);
	if (err)
		return err;
	b = bget_zeroed(dir->sb->bdev, phys, dir->sb->block_size);
	if (IS_ERR(b))
		return PTR_ERR(b);
	de = entry_at(b, 0);
	de->rec_len = (uint16_t)b->size;
	fill_entry(dir, de, name, len, ino, mode);
	bdirty(b);
	brelse(b);
	dir->size += dir->sb->block_size;
	return 0;
}

static int add_entry(struct inode *dir, const char *name, size_t len,
		     ino_t ino, umode_t mode)
{
	uint32_t lblk, off = 0;
	int err;

	if (len == 0 || len > EXT2_NAME_LEN)
		return len ? -ENAMETOOLONG : -ENOENT;
	err = find_room(dir, name, len, &lblk, &off);
	if (err)
		return err;
	if (lblk < dir_nblocks(dir))
		err = insert_at(dir, lblk, off, name, len, ino, mode);
	else
		err = append_block(dir, lblk, name, len, ino, mode);
	if (!err)
		dir_changed(dir);
	return err;
}

/* Remove the entry find_entry found, and unlock its block. */
static void remove_slot(struct inode *dir, struct dir_slot *slot)
{
	struct ext2_dir_entry *de = entry_at(slot->b, slot->off);

	if (slot->prev != NO_PREV)
		entry_at(slot->b, slot->prev)->rec_len += de->rec_len;
	else
		de->inode = 0;
	bdirty(slot->b);
	brelse(slot->b);
	dir_changed(dir);
}

/* Remove name from dir if it names ino. */
static int remove_entry(struct inode *dir, const char *name, size_t len, ino_t ino)
{
	struct dir_slot slot;
	int err = find_entry(dir, name, len, &slot);

	if (err)
		return err;
	if (entry_at(slot.b, slot.off)->inode != ino) {
		brelse(slot.b);
		return -ENOENT;	/* the VFS's view is stale */
	}
	remove_slot(dir, &slot);
	return 0;
}

/* Only "." and ".." left?  1 yes, 0 no, or -errno. */
static int dir_is_empty(struct inode *dir)
{
	struct ext2_dir_entry *de;
	struct buf *b;

	for (uint32_t lblk = 0; lblk < dir_nblocks(dir); lblk++) {
		b = dir_block(dir, lblk);
		if (IS_ERR(b))
			return PTR_ERR(b);
		for (uint32_t off = 0; off < b->size; off += de->rec_len) {
			if (!entry_ok(b, off)) {
				brelse(b);
				return -EIO;
			}
			de = entry_at(b, off);
			if (de->inode && !name_is(de, ".", 1) && !name_is(de, "..", 2)) {
				brelse(b);
				return 0;
			}
		}
		brelse(b);
	}
	return 1;
}

/* The first block of a new directory: "." and "..". */
int ext2_make_empty_dir(struct inode *dir, struct inode *parent)
{
	struct ext2_dir_entry *dot, *dotdot;
	uint32_t phys;
	struct buf *b;
	int err;

	err = ext2_bmap(dir, 0, true, &phys, NULL);
	if (err)
		return err;
	b = bget_zeroed(dir->sb->bdev, phys, dir->sb->block_size);
	if (IS_ERR(b))
		return PTR_ERR(b);
	dot = entry_at(b, 0);
	dot->rec_len = EXT2_DIR_REC_LEN(1);
	fill_entry(dir, dot, ".", 1, dir->ino, S_IFDIR);
	dotdot = entry_at(b, dot->rec_len);
	dotdot->rec_len = (uint16_t)(b->size - dot->rec_len);
	fill_entry(dir, dotdot, "..", 2, parent->ino, S_IFDIR);
	bdirty(b);
	brelse(b);
	dir->size = dir->sb->block_size;
	return 0;
}

/* Point a moved directory's ".." at its new parent. */
static int set_dotdot(struct inode *dir, ino_t parent)
{
	struct ext2_dir_entry *dot, *dotdot;
	struct buf *b = dir_block(dir, 0);
	int err = -EIO;

	if (IS_ERR(b))
		return PTR_ERR(b);
	dot = entry_at(b, 0);
	if (entry_ok(b, 0) && name_is(dot, ".", 1) && entry_ok(b, dot->rec_len)) {
		dotdot = entry_at(b, dot->rec_len);
		if (dotdot->name_len == 2 && memcmp(dotdot->name, "..", 2) == 0) {
			dotdot->inode = (uint32_t)parent;
			bdirty(b);
			err = 0;
		}
	}
	brelse(b);
	return err;
}

static int ext2_lookup(struct inode *dir, const char *name, size_t len,
		       struct inode **out)
{
	struct dir_slot slot;
	struct inode *inode;
	uint32_t ino;
	int err;

	if (len > EXT2_NAME_LEN)
		return -ENAMETOOLONG;
	err = find_entry(dir, name, len, &slot);
	if (err)
		return err;
	ino = entry_at(slot.b, slot.off)->inode;
	brelse(slot.b);
	inode = iget(dir->sb, ino);
	if (IS_ERR(inode))
		return (int)PTR_ERR(inode);
	*out = inode;
	return 0;
}

/* Enter a freshly made inode under name; on failure it is freed again. */
static int enter_new(struct inode *dir, const char *name, size_t len,
		     struct inode *inode, struct inode **out)
{
	int err = mark_inode_dirty(inode);

	if (!err)
		err = add_entry(dir, name, len, inode->ino, inode->mode);
	if (err) {
		inode->nlink = 0;
		iput(inode);
		return err;
	}
	*out = inode;
	return 0;
}

static int ext2_create(struct inode *dir, const char *name, size_t len,
		       umode_t mode, dev_t rdev, struct inode **out)
{
	struct inode *inode;

	if (!S_ISREG(mode) && !S_ISCHR(mode) && !S_ISBLK(mode) &&
	    !S_ISFIFO(mode) && !S_ISSOCK(mode))
		return -EINVAL;
	inode = ext2_new_inode(dir, mode);
	if (IS_ERR(inode))
		return (int)PTR_ERR(inode);
	if (S_ISCHR(mode) || S_ISBLK(mode))
		inode->rdev = rdev;
	return enter_new(dir, name, len, inode, out);
}

static int ext2_mkdir(struct inode *dir, const char *name, size_t len,
		      umode_t mode, struct inode **out)
{
	struct inode *inode;
	int err;

	if (dir->nlink >= EXT2_LINK_MAX)
		return -EMLINK;
	inode = ext2_new_inode(dir, S_IFDIR | (mode & ~S_IFMT));
	if (IS_ERR(inode))
		return (int)PTR_ERR(inode);
	inode->nlink = 2;
	err = ext2_make_empty_dir(inode, dir);
	if (err) {
		inode->nlink = 0;
		iput(inode);
		return err;
	}
	err = enter_new(dir, name, len, inode, out);
	if (err)
		return err;
	dir->nlink++;
	return mark_inode_dirty(dir);
}

static int ext2_symlink(struct inode *dir, const char *name, size_t len,
			const char *target, struct inode **out)
{
	size_t tlen = strlen(target);
	struct inode *inode;
	uint32_t phys;
	struct buf *b;
	int err = 0;

	if (tlen == 0)
		return -ENOENT;
	if (tlen >= dir->sb->block_size)
		return -ENAMETOOLONG;
	inode = ext2_new_inode(dir, S_IFLNK | 0777);
	if (IS_ERR(inode))
		return (int)PTR_ERR(inode);
	inode->size = (off_t)tlen;
	if (tlen < EXT2_FAST_SYMLINK_MAX) {
		memcpy(EXT2_I(inode)->i_block, target, tlen);	/* a fast symlink */
	} else {
		err = ext2_bmap(inode, 0, true, &phys, NULL);
		b = err ? NULL : bget_zeroed(dir->sb->bdev, phys, dir->sb->block_size);
		if (IS_ERR(b)) {
			err = (int)PTR_ERR(b);
		} else if (b) {
			memcpy(b->data, target, tlen);
			bdirty(b);
			brelse(b);
		}
	}
	if (err) {
		inode->nlink = 0;
		iput(inode);
		return err;
	}
	return enter_new(dir, name, len, inode, out);
}

static int ext2_link(struct inode *target, struct inode *dir, const char *name,
		     size_t len)
{
	int err;

	if (target->nlink >= EXT2_LINK_MAX)
		return -EMLINK;
	err = add_entry(dir, name, len, target->ino, target->mode);
	if (err)
		return err;
	target->nlink++;
	target->ctime = current_time();
	return mark_inode_dirty(target);
}

static void drop_link(struct inode *inode)
{
	if (inode->nlink > 0)
		inode->nlink--;
	inode->ctime = current_time();
	mark_inode_dirty(inode);
}

static int ext2_unlink(struct inode *dir, const char *name, size_t len,
		       struct inode *victim)
{
	int err = remove_entry(dir, name, len, victim->ino);

	if (err)
		return err;
	drop_link(victim);
	return 0;
}

static int ext2_rmdir(struct inode *dir, const char *name, size_t len,
		      struct inode *victim)
{
	int err = dir_is_empty(victim);

	if (err <= 0)
		return err ? err : -ENOTEMPTY;
	err = remove_entry(dir, name, len, victim->ino);
	if (err)
		return err;
	victim->nlink = 0;	/* its name and its "." */
	victim->ctime = current_time();
	mark_inode_dirty(victim);
	drop_link(dir);		/* its ".." */
	return 0;
}

/* Make the existing entry new_name in dir name source instead. */
static int retarget_entry(struct inode *dir, const char *name, size_t len,
			  struct inode *old, struct inode *source)
{
	struct ext2_dir_entry *de;
	struct dir_slot slot;
	int err = find_entry(dir, name, len, &slot);

	if (err)
		return err;
	de = entry_at(slot.b, slot.off);
	if (de->inode != old->ino) {
		brelse(slot.b);
		return -ENOENT;
	}
	fill_entry(dir, de, name, len, source->ino, source->mode);
	bdirty(slot.b);
	brelse(slot.b);
	dir_changed(dir);
	return 0;
}

/* Checks before rename changes anything. */
static int rename_allowed(struct inode *old_dir, struct inode *new_dir,
			  struct inode *source, struct inode *target,
			  unsigned int flags)
{
	int empty;

	if (flags & ~RENAME_NOREPLACE)
		return -EINVAL;
	if (target && (flags & RENAME_NOREPLACE))
		return -EEXIST;
	if (target && S_ISDIR(target->mode)) {
		empty = dir_is_empty(target);
		if (empty <= 0)
			return empty ? empty : -ENOTEMPTY;
	}
	if (S_ISDIR(source->mode) && old_dir != new_dir &&
	    !(target && S_ISDIR(target->mode)) && new_dir->nlink >= EXT2_LINK_MAX)
		return -EMLINK;
	return 0;
}

static int ext2_rename(struct inode *old_dir, const char *old_name, size_t old_len,
		       struct inode *new_dir, const char *new_name, size_t new_len,
		       struct inode *source, struct inode *target, unsigned int flags)
{
	bool moved_dir = S_ISDIR(source->mode) && old_dir != new_dir;
	int err;

	if (source == target)
		return 0;	/* two names of one inode: nothing to do */
	err = rename_allowed(old_dir, new_dir, source, target, flags);
	if (err)
		return err;
	/* The new name first: a failure leaves the old one in place. */
	if (target)
		err = retarget_entry(new_dir, new_name, new_len, target, source);
	else
		err = add_entry(new_dir, new_name, new_len, source->ino, source->mode);
	if (err)
		return err;
	err = remove_entry(old_dir, old_name, old_len, source->ino);
	if (err)
		return err;
	if (moved_dir) {
		err = set_dotdot(source, new_dir->ino);
		drop_link(old_dir);
		new_dir->nlink++;
		mark_inode_dirty(new_dir);
	}
	if (target) {
		if (S_ISDIR(target->mode)) {
			target->nlink = 1;	/* drop_link takes the last */
			drop_link(new_dir);	/* the target's ".." */
		}
		drop_link(target);
	}
	source->ctime = current_time();
	mark_inode_dirty(source);
	return err;
}

static int ext2_iterate(struct file *file, struct dir_context *ctx)
{
	struct inode *dir = file->inode;
	uint32_t bs = dir->sb->block_size, start;
	struct ext2_dir_entry *de;
	struct buf *b;
	unsigned int dtype;

	ctx->pos = file->pos;
	while (ctx->pos >= 0 && ctx->pos < dir->size) {
		uint32_t lblk = (uint32_t)(ctx->pos / bs);
		start = (uint32_t)(ctx->pos % bs);
		b = dir_block(dir, lblk);
		if (IS_ERR(b))
			return (int)PTR_ERR(b);
		for (uint32_t off = 0; off < bs; off += de->rec_len) {
			if (!entry_ok(b, off)) {
				brelse(b);
				return -EIO;
			}
			de = entry_at(b, off);
			if (off < start)
				continue;	/* resume at the first entry at pos */
			dtype = de->file_type < ARRAY_SIZE(ft_to_dtype) ?
				ft_to_dtype[de->file_type] : EXT2_DT_UNKNOWN;
			if (de->inode && !ctx->emit(ctx, de->name, de->name_len,
						    de->inode, dtype)) {
				brelse(b);
				return 0;
			}
			ctx->pos = (off_t)lblk * bs + off + de->rec_len;
			file->pos = ctx->pos;
		}
		brelse(b);
		ctx->pos = (off_t)(lblk + 1) * bs;
		file->pos = ctx->pos;
	}
	return 0;
}

const struct inode_operations ext2_dir_iops = {
	.lookup = ext2_lookup,
	.create = ext2_create,
	.mkdir = ext2_mkdir,
	.symlink = ext2_symlink,
	.link = ext2_link,
	.unlink = ext2_unlink,
	.rmdir = ext2_rmdir,
	.rename = ext2_rename,
	.setattr = ext2_setattr,
	.getxattr = ext2_getxattr,
	.setxattr = ext2_setxattr,
	.listxattr = ext2_listxattr,
};

const struct file_operations ext2_dir_fops = {
	.iterate = ext2_iterate,
	.fsync = ext2_dir_fsync,
};
