/*
 * ext2 extended attributes: the one attribute block an inode's i_file_acl
 * names, in the format Linux and e2fsprogs use.
 *
 *   header (32 bytes): magic, refcount, blocks (1), hash of the entries
 *   entries from byte 32, each 16 bytes and its name padded to 4 bytes,
 *     sorted by (namespace index, name length, name), ended by 4 zero bytes
 *   values packed from the end of the block down, each padded to 4 bytes
 *
 * The block may be shared by several inodes (refcount; mke2fs and Linux
 * share identical blocks): a change to a shared block writes a copy.
 * A change rebuilds the block whole from the entries it keeps, so a
 * removal leaves no hole.  The block counts in the inode's i_blocks.
 * Attributes in the inode body (ext4's, after i_extra_isize) are not read.
 *
 * Locks: the VFS's inode->lock serialises the calls on one inode; the block
 * is read and written under its buf->lock; ext2_inode_info.map_lock guards
 * inode->blocks, as everywhere in ext2.  No block is held while
 * allocating or freeing one.
 */
#include "ext2.h"
#include "xattr.h"

#define EXT2_XATTR_MAGIC	0xEA020000
#define EXT2_XATTR_PAD		4
#define EXT2_XATTR_ROUND(n)	(((n) + EXT2_XATTR_PAD - 1) & ~(uint32_t)(EXT2_XATTR_PAD - 1))
#define EXT2_XATTR_LEN(name_len) EXT2_XATTR_ROUND((name_len) + sizeof(struct ext2_xattr_entry))
#define EXT2_XATTR_NAME_HASH_SHIFT	5
#define EXT2_XATTR_VALUE_HASH_SHIFT	16
#define EXT2_XATTR_BLOCK_HASH_SHIFT	16
#define EXT2_XATTR_END_LEN	4	/* the zero word after the last entry */

/* Where the next entry lies. */
static struct ext2_xattr_entry *next_entry(struct ext2_xattr_entry *e)
{
	return (struct ext2_xattr_entry *)((char *)e + EXT2_XATTR_LEN(e->e_name_len));
}

static bool is_last(const struct ext2_xattr_entry *e)
{
	return *(const uint32_t *)e == 0;
}

static uint32_t rotate_xor(uint32_t hash, int shift, uint32_t x)
{
	return (hash << shift) ^ (hash >> (32 - shift)) ^ x;
}

/* An entry's hash, of its name and then its value as 32-bit words. */
static uint32_t entry_hash(const struct ext2_xattr_entry *e, const void *value)
{
	uint32_t hash = 0;
	for (int i = 0; i < e->e_name_len; i++)
		hash = rotate_xor(hash, EXT2_XATTR_NAME_HASH_SHIFT, (uint8_t)e->e_name[i]);
	const uint32_t *w = value;
	for (uint32_t n = EXT2_XATTR_ROUND(e->e_value_size) / 4; n; n--)
		hash = rotate_xor(hash, EXT2_XATTR_VALUE_HASH_SHIFT, *w++);
	return hash;
}

/* The block's hash, of its entries' hashes. */
static uint32_t block_hash(struct ext2_xattr_header *h)
{
	uint32_t hash = 0;
	for (struct ext2_xattr_entry *e = (void *)(h + 1); !is_last(e); e = next_entry(e))
		hash = rotate_xor(hash, EXT2_XATTR_BLOCK_HASH_SHIFT, e->e_hash);
	return hash;
}

/* Does the block hold a well-formed attribute block?  Every entry and
 * value lies inside it, and the list ends. */
static bool block_valid(const void *data, uint32_t size)
{
	const struct ext2_xattr_header *h = data;
	if (h->h_magic != EXT2_XATTR_MAGIC || h->h_blocks != 1)
		return false;
	uint32_t off = sizeof(*h);
	for (;;) {
		if (off + EXT2_XATTR_END_LEN > size)
			return false;
		const struct ext2_xattr_entry *e = (const void *)((const char *)data + off);
		if (is_last(e))
			return true;
		if (off + EXT2_XATTR_LEN(e->e_name_len) + EXT2_XATTR_END_LEN > size ||
		    e->e_name_len == 0 || e->e_value_block != 0 ||
		    e->e_value_size > size || e->e_value_offs > size - e->e_value_size)
			return false;
		off += EXT2_XATTR_LEN(e->e_name_len);
	}
}

/* The inode's attribute block, read and locked, or NULL when it has none;
 * ERR_PTR(-EIO) when the block is not one. */
static struct buf *read_block(struct inode *inode)
{
	struct ext2_inode_info *ei = EXT2_I(inode);
	struct super_block *sb = inode->sb;
	if (!ei->file_acl)
		return NULL;
	if (ei->file_acl < EXT2_SB(sb)->es.s_first_data_block ||
	    ei->file_acl >= EXT2_SB(sb)->es.s_blocks_count)
		return ERR_PTR(-EIO);
	struct buf *b = bread(sb->bdev, ei->file_acl, sb->block_size);
	if (!IS_ERR(b) && !block_valid(b->data, sb->block_size)) {
		brelse(b);
		return ERR_PTR(-EIO);
	}
	return b;
}

/* Order of entries in a block: <0 when (index, name) comes before e. */
static int entry_cmp(int index, const char *name, size_t len, const struct ext2_xattr_entry *e)
{
	if (index != e->e_name_index)
		return index - e->e_name_index;
	if (len != e->e_name_len)
		return (int)len - e->e_name_len;
	return memcmp(name, e->e_name, len);
}

static struct ext2_xattr_entry *find_entry(void *data, int index, const char *name)
{
	size_t len = strlen(name);
	struct ext2_xattr_entry *e = (void *)((struct ext2_xattr_header *)data + 1);
	for (; !is_last(e); e = next_entry(e))
		if (entry_cmp(index, name, len, e) == 0)
			return e;
	return NULL;
}

ssize_t ext2_getxattr(struct inode *inode, int index, const char *name, void *buf,
		      size_t size)
{
	struct buf *b = read_block(inode);
	if (!b)
		return -ENODATA;
	if (IS_ERR(b))
		return PTR_ERR(b);
	struct ext2_xattr_entry *e = find_entry(b->data, index, name);
	ssize_t len = e ? (ssize_t)e->e_value_size : -ENODATA;
	if (e && size) {
		if ((size_t)len > size)
			len = -ERANGE;
		else
			memcpy(buf, b->data + e->e_value_offs, len);
	}
	brelse(b);
	return len;
}

int ext2_listxattr(struct inode *inode,
		   int (*emit)(void *ctx, int index, const char *name, size_t len), void *ctx)
{
	struct buf *b = read_block(inode);
	int err = 0;
	if (!b)
		return 0;
	if (IS_ERR(b))
		return PTR_ERR(b);
	struct ext2_xattr_entry *e = (void *)((struct ext2_xattr_header *)b->data + 1);
	for (; !is_last(e) && !err; e = next_entry(e))
		err = emit(ctx, e->e_name_index, e->e_name, e->e_name_len);
	brelse(b);
	return err;
}

/* Lay entry e (its name and value) out at *eoff in the new block nb,
 * its value below *voff: false when it does not fit. */
static bool put_entry(char *nb, uint32_t *eoff, uint32_t *voff, int index, const char *name,
		      size_t len, const void *value, uint32_t size)
{
	uint32_t vlen = EXT2_XATTR_ROUND(size);
	if (*eoff + EXT2_XATTR_LEN(len) + EXT2_XATTR_END_LEN + vlen > *voff)
		return false;
	struct ext2_xattr_entry *e = (void *)(nb + *eoff);
	e->e_name_len = (uint8_t)len;
	e->e_name_index = (uint8_t)index;
	memcpy(e->e_name, name, len);
	e->e_value_size = size;
	if (size) {
		*voff -= vlen;
		e->e_value_offs = (uint16_t)*voff;
		memcpy(nb + *voff, value, size);
	}
	e->e_hash = entry_hash(e, nb + e->e_value_offs);
	*eoff += EXT2_XATTR_LEN(len);
	return true;
}

/* The new contents of the block into nb (zeroed, block_size bytes): old's
 * entries (old may be NULL) with (index, name) set to value or, value
 * NULL, removed.  Returns the entries in nb, -ENOSPC, -EEXIST or -ENODATA. */
static int rebuild(const char *old, char *nb, uint32_t block_size, int index, const char *name,
		   const void *value, size_t size, int flags)
{
	size_t len = strlen(name);
	uint32_t eoff = sizeof(struct ext2_xattr_header), voff = block_size;
	bool found = false, placed = !value;
	int count = 0;

	if (old) {
		struct ext2_xattr_entry *e = (void *)((struct ext2_xattr_header *)old + 1);
		for (; !is_last(e); e = next_entry(e)) {
			int cmp = entry_cmp(index, name, len, e);
			if (cmp == 0)
				found = true;
			if (cmp <= 0 && !placed) {
				if (!put_entry(nb, &eoff, &voff, index, name, len, value, size))
					return -ENOSPC;
				placed = true;
				count++;
			}
			if (cmp == 0)
				continue;
			if (!put_entry(nb, &eoff, &voff, e->e_name_index, e->e_name,
				       e->e_name_len, old + e->e_value_offs, e->e_value_size))
				return -ENOSPC;
			count++;
		}
	}
	if (found && (flags & XATTR_CREATE))
		return -EEXIST;
	if (!found && (!value || (flags & XATTR_REPLACE)))
		return -ENODATA;
	if (!placed) {
		if (!put_entry(nb, &eoff, &voff, index, name, len, value, size))
			return -ENOSPC;
		count++;
	}
	struct ext2_xattr_header *h = (void *)nb;
	h->h_magic = EXT2_XATTR_MAGIC;
	h->h_refcount = 1;
	h->h_blocks = 1;
	h->h_hash = block_hash(h);
	return count;
}

static void add_blocks(struct inode *inode, int64_t units)
{
	struct ext2_inode_info *ei = EXT2_I(inode);
	mutex_lock(&ei->map_lock);
	if (units > 0 || inode->blocks >= (uint64_t)-units)
		inode->blocks += units;
	mutex_unlock(&ei->map_lock);
}

void ext2_xattr_drop(struct inode *inode)
{
	struct ext2_inode_info *ei = EXT2_I(inode);
	struct super_block *sb = inode->sb;
	struct ext2_xattr_header *h;
	struct buf *b;
	bool last;

	if (!ei->file_acl)
		return;
	b = bread(sb->bdev, ei->file_acl, sb->block_size);
	if (IS_ERR(b))
		return;
	h = (struct ext2_xattr_header *)b->data;
	last = h->h_refcount <= 1;
	if (!last) {
		h->h_refcount--;
		bdirty(b);
	}
	brelse(b);
	if (last)
		ext2_free_block(sb, ei->file_acl);
	add_blocks(inode, -(int64_t)(sb->block_size / 512));
	ei->file_acl = 0;
}

/* Put the rebuilt block nb in place: over the old one if the inode has it
 * alone, else in a fresh block (dropping the inode's share of the old). */
static int store_block(struct inode *inode, const char *nb, bool shared)
{
	struct ext2_inode_info *ei = EXT2_I(inode);
	struct super_block *sb = inode->sb;
	struct buf *b;
	uint32_t blk;
	int err;

	if (ei->file_acl && !shared) {
		b = bread(sb->bdev, ei->file_acl, sb->block_size);
		if (IS_ERR(b))
			return PTR_ERR(b);
		memcpy(b->data, nb, sb->block_size);
		bdirty(b);
		brelse(b);
		return 0;
	}
	err = ext2_set_compat(sb, EXT2_FEATURE_COMPAT_EXT_ATTR);
	if (err)
		return err;
	err = ext2_alloc_block(sb, ei->alloc_goal, &blk);
	if (err)
		return err;
	b = bget_overwrite(sb->bdev, blk, sb->block_size);
	if (IS_ERR(b)) {
		ext2_free_block(sb, blk);
		return PTR_ERR(b);
	}
	memcpy(b->data, nb, sb->block_size);
	bdirty(b);
	brelse(b);
	ext2_xattr_drop(inode);
	ei->file_acl = blk;
	add_blocks(inode, sb->block_size / 512);
	return 0;
}

int ext2_setxattr(struct inode *inode, int index, const char *name, const void *value,
		  size_t size, int flags)
{
	struct super_block *sb = inode->sb;
	uint32_t bs = sb->block_size;
	char *old = NULL, *nb;
	bool shared = false;
	int count, err;

	if (strlen(name) > EXT2_NAME_LEN || size > bs)
		return -ERANGE;
	nb = kzalloc(bs);
	if (!nb)
		return -ENOMEM;
	struct buf *b = read_block(inode);
	if (IS_ERR(b)) {
		err = PTR_ERR(b);
		goto out;
	}
	if (b) {
		old = kmalloc(bs);
		if (old) {
			memcpy(old, b->data, bs);
			shared = ((struct ext2_xattr_header *)old)->h_refcount > 1;
		}
		brelse(b);
		if (!old) {
			err = -ENOMEM;
			goto out;
		}
	}
	count = rebuild(old, nb, bs, index, name, value, size, flags);
	if (count < 0) {
		err = count;
		goto out;
	}
	if (count == 0) {
		ext2_xattr_drop(inode);
		err = 0;
	} else {
		err = store_block(inode, nb, shared);
	}
	if (!err) {
		inode->ctime = current_time();
		err = ext2_write_inode(inode);
	}
out:
	kfree(old);
	kfree(nb);
	return err;
}
