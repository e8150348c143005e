/*
 * ext2 regular files: read, write, attribute changes and fsync, plus the
 * operations of symlinks and device/fifo/socket inodes.
 *
 * The VFS holds inode->lock around write and setattr; read runs beside
 * them, taking only the block map's lock for each block it maps.
 */
#include "ext2.h"

static ssize_t ext2_file_read(struct file *file, void *buf, size_t len,
			      off_t *pos, bool user)
{
	struct inode *inode = file->inode;
	struct super_block *sb = inode->sb;
	uint32_t bs = sb->block_size, phys, off, chunk;
	size_t done = 0;
	off_t size = READ_ONCE(inode->size);
	struct buf *b;
	int err = 0;

	if (*pos < 0)
		return -EINVAL;
	if (*pos >= size)
		return 0;
	len = MIN(len, (size_t)(size - *pos));
	while (done < len) {
		off = (uint32_t)(*pos % bs);
		chunk = (uint32_t)MIN((size_t)(bs - off), len - done);
		err = ext2_bmap(inode, (uint64_t)*pos / bs, false, &phys, NULL);
		if (err)
			break;
		if (phys == 0) {
			err = zero_out((char *)buf + done, chunk, user);	/* a hole */
		} else {
			b = bread(sb->bdev, phys, bs);
			if (IS_ERR(b)) {
				err = PTR_ERR(b);
				break;
			}
			err = copy_out((char *)buf + done, b->data + off, chunk, user);
			brelse(b);
		}
		if (err)
			break;
		done += chunk;
		*pos += chunk;
	}
	return done ? (ssize_t)done : err;
}

/* Write one block's worth of a write(): chunk bytes at off in lblk.  A
 * new block starts zeroed, unless it is written whole (then it is zeroed
 * only if the copy faults); an old one is read first (cheap when cached),
 * so a fault in the user's buffer never loses what the block held. */
static int write_block(struct inode *inode, uint64_t lblk, uint32_t off,
		       const char *src, uint32_t chunk, bool user)
{
	struct super_block *sb = inode->sb;
	uint32_t phys;
	bool fresh, whole;
	struct buf *b;
	int err;

	err = ext2_bmap(inode, lblk, true, &phys, &fresh);
	if (err)
		return err;
	whole = fresh && chunk == sb->block_size;
	if (whole)
		b = bget_overwrite(sb->bdev, phys, sb->block_size);
	else if (fresh)
		b = bget_zeroed(sb->bdev, phys, sb->block_size);
	else
		b = bread(sb->bdev, phys, sb->block_size);
	if (IS_ERR(b))
		return PTR_ERR(b);
	err = copy_in(b->data + off, src, chunk, user);
	if (err && whole)
		memset(b->data, 0, chunk);
	bdirty(b);
	brelse(b);
	return err;
}

static ssize_t ext2_file_write(struct file *file, const void *buf, size_t len,
			       off_t *pos, bool user)
{
	struct inode *inode = file->inode;
	uint32_t bs = inode->sb->block_size, off, chunk;
	uint64_t max = ext2_max_file_size(inode->sb);
	size_t done = 0;
	int err = 0;

	if (file->flags & O_APPEND)
		*pos = inode->size;
	if (*pos < 0)
		return -EINVAL;
	if ((uint64_t)*pos >= max)
		return len ? -EFBIG : 0;
	len = MIN(len, (size_t)(max - (uint64_t)*pos));
	while (done < len) {
		off = (uint32_t)(*pos % bs);
		chunk = (uint32_t)MIN((size_t)(bs - off), len - done);
		err = write_block(inode, (uint64_t)*pos / bs, off,
				  (const char *)buf + done, chunk, user);
		if (err)
			break;
		done += chunk;
		*pos += chunk;
		if (*pos > inode->size)
			inode->size = *pos;
	}
	if (done) {
		inode->mtime = inode->ctime = current_time();
		mark_inode_dirty(inode);
		bcache_writer_yield();
		return (ssize_t)done;
	}
	mark_inode_dirty(inode);	/* blocks may have been allocated */
	return err;
}

/* Zero the bytes of the last block past a new, shorter size, so that a
 * later extension reads zeros there. */
static int zero_tail(struct inode *inode, off_t size)
{
	uint32_t bs = inode->sb->block_size, off = (uint32_t)(size % bs), phys;
	struct buf *b;
	int err;

	if (off == 0)
		return 0;
	err = ext2_bmap(inode, (uint64_t)size / bs, false, &phys, NULL);
	if (err || phys == 0)
		return err;
	b = bread(inode->sb->bdev, phys, bs);
	if (IS_ERR(b))
		return PTR_ERR(b);
	memset(b->data + off, 0, bs - off);
	bdirty(b);
	brelse(b);
	return 0;
}

static int set_size(struct inode *inode, off_t size)
{
	int err;

	if (!S_ISREG(inode->mode))
		return -EINVAL;
	if (size < 0 || (uint64_t)size > ext2_max_file_size(inode->sb))
		return -EFBIG;
	if (size < inode->size) {
		err = zero_tail(inode, size);
		if (err)
			return err;
		err = ext2_truncate_blocks(inode, size);
		if (err)
			return err;
	}
	inode->size = size;
	inode->mtime = inode->ctime = current_time();
	return 0;
}

int ext2_setattr(struct inode *inode, const struct iattr *attr)
{
	int err;

	if (inode->sb->flags & MS_RDONLY)
		return -EROFS;
	if (attr->valid & ATTR_SIZE) {
		err = set_size(inode, attr->size);
		if (err)
			return err;
	}
	if (attr->valid & ATTR_MODE)
		inode->mode = (inode->mode & S_IFMT) | (attr->mode & ~S_IFMT);
	if (attr->valid & ATTR_UID)
		inode->uid = attr->uid;
	if (attr->valid & ATTR_GID)
		inode->gid = attr->gid;
	if (attr->valid & ATTR_ATIME)
		inode->atime = attr->atime;
	if (attr->valid & ATTR_MTIME)
		inode->mtime = attr->mtime;
	if (attr->valid & ATTR_CTIME)
		inode->ctime = attr->ctime;
	return mark_inode_dirty(inode);
}

/* Durable after return: the inode and everything of this file system. */
static int ext2_fsync(struct file *file)
{
	int err = mark_inode_dirty(file->inode);

	if (err)
		return err;
	return ext2_sync(file->inode->sb);
}

static ssize_t ext2_readlink(struct inode *inode, char *buf, size_t len)
{
	struct ext2_inode_info *ei = EXT2_I(inode);
	size_t n = (size_t)MIN((off_t)len, inode->size);
	uint32_t phys;
	struct buf *b;
	int err;

	if (inode->size <= 0 || inode->size >= inode->sb->block_size)
		return -EIO;
	if (inode->blocks == (ei->file_acl ? inode->sb->block_size / 512 : 0)) {
		if (inode->size >= EXT2_FAST_SYMLINK_MAX)
			return -EIO;
		memcpy(buf, ei->i_block, n);
		return (ssize_t)n;
	}
	err = ext2_bmap(inode, 0, false, &phys, NULL);
	if (err)
		return err;
	if (phys == 0)
		return -EIO;
	b = bread(inode->sb->bdev, phys, inode->sb->block_size);
	if (IS_ERR(b))
		return PTR_ERR(b);
	memcpy(buf, b->data, n);
	brelse(b);
	return (ssize_t)n;
}

const struct file_operations ext2_file_fops = {
	.read = ext2_file_read,
	.write = ext2_file_write,
	.fsync = ext2_fsync,
};

const struct inode_operations ext2_file_iops = {
	.setattr = ext2_setattr,
	.getxattr = ext2_getxattr,
	.setxattr = ext2_setxattr,
	.listxattr = ext2_listxattr,
};

const struct inode_operations ext2_symlink_iops = {
	.readlink = ext2_readlink,
	.setattr = ext2_setattr,
	.getxattr = ext2_getxattr,
	.setxattr = ext2_setxattr,
	.listxattr = ext2_listxattr,
};

const struct inode_operations ext2_special_iops = {
	.setattr = ext2_setattr,
	.getxattr = ext2_getxattr,
	.setxattr = ext2_setxattr,
	.listxattr = ext2_listxattr,
};

/* Directories share fsync. */
int ext2_dir_fsync(struct file *file)
{
	return ext2_fsync(file);
}
