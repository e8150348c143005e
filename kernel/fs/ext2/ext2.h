/*
 * ext2 revision 1: the on-disk format and this file system's private state.
 *
 * The on-disk structures are little-endian; so is RISC-V (and the host the
 * tests run on), so they are read and written in place without swapping.
 *
 * Files of the ext2 driver:
 *   super.c   mount, superblock and group descriptors, statfs, sync
 *   alloc.c   block and inode bitmaps: allocate and free
 *   inode.c   read/write/evict of inodes, the block map, truncate
 *   file.c    read and write of regular files, setattr, fsync
 *   dir.c     directory entries: lookup, iterate, create, link, rename ...
 *   xattr.c   extended attributes in the i_file_acl block
 *
 * Locks, outermost first:
 *   inode->lock            (the VFS's) one modifier per inode
 *   ext2_inode_info.map_lock  guards i_block[] and the indirect blocks
 *   ext2_sb_info.lock      guards the superblock copy, the group
 *                          descriptors and the bitmaps
 *   buf->lock              one block's contents (bcache)
 * A block of file data, a directory or an inode table is locked before
 * ext2_sb_info.lock, never after; bitmap, group descriptor and superblock
 * blocks are only locked under ext2_sb_info.lock.  Nobody holds two inode
 * table or directory blocks at once.
 */
#ifndef KERNEL_FS_EXT2_H
#define KERNEL_FS_EXT2_H

#include "types.h"
#include "fs.h"
#include "bcache.h"
#include "kmalloc.h"
#include "string.h"
#include <linux/fs.h>	/* RENAME_* */
#include <linux/mount.h>	/* MS_RDONLY */
#include <linux/fcntl.h>	/* O_APPEND */


#define EXT2_SUPER_MAGIC	0xEF53
#define EXT2_SUPER_OFFSET	1024	/* bytes from the start of the device */
#define EXT2_SUPER_SIZE		1024
#define EXT2_ROOT_INO		2
#define EXT2_GOOD_OLD_FIRST_INO	11
#define EXT2_GOOD_OLD_INODE_SIZE 128
#define EXT2_GOOD_OLD_REV	0
#define EXT2_DYNAMIC_REV	1
#define EXT2_MIN_BLOCK_LOG	10	/* 1024-byte blocks */
#define EXT2_MAX_BLOCK_LOG	12	/* 4096-byte blocks: what we support */
#define EXT2_NAME_LEN		255
#define EXT2_LINK_MAX		32000
#define EXT2_N_BLOCKS		15	/* i_block[]: 12 direct + 3 indirect */
#define EXT2_NDIR_BLOCKS	12
#define EXT2_IND_BLOCK		12
#define EXT2_DIND_BLOCK		13
#define EXT2_TIND_BLOCK		14
#define EXT2_FAST_SYMLINK_MAX	(EXT2_N_BLOCKS * 4)	/* bytes in i_block */

/* s_state */
#define EXT2_VALID_FS		0x0001	/* cleanly unmounted */
#define EXT2_ERROR_FS		0x0002

/* Features we understand. */
#define EXT2_FEATURE_INCOMPAT_FILETYPE		0x0002
#define EXT2_FEATURE_RO_COMPAT_SPARSE_SUPER	0x0001
#define EXT2_FEATURE_RO_COMPAT_LARGE_FILE	0x0002
#define EXT2_FEATURE_COMPAT_EXT_ATTR		0x0008
#define EXT2_FEATURE_COMPAT_DIR_INDEX		0x0020
#define EXT2_SUPPORTED_INCOMPAT	EXT2_FEATURE_INCOMPAT_FILETYPE
#define EXT2_SUPPORTED_RO_COMPAT (EXT2_FEATURE_RO_COMPAT_SPARSE_SUPER | \
				  EXT2_FEATURE_RO_COMPAT_LARGE_FILE)

/* i_flags */
#define EXT2_INDEX_FL		0x00001000	/* hashed directory (htree) */

/* Directory entry file types (the filetype feature). */
#define EXT2_FT_UNKNOWN		0
#define EXT2_FT_REG_FILE	1
#define EXT2_FT_DIR		2
#define EXT2_FT_CHRDEV		3
#define EXT2_FT_BLKDEV		4
#define EXT2_FT_FIFO		5
#define EXT2_FT_SOCK		6
#define EXT2_FT_SYMLINK		7

/*
 * <linux/stat.h> hides the S_IF* names when glibc's headers came first
 * (as when <stdint.h> resolves to glibc's): the Linux values, then.
 */
#ifndef S_IFMT
#define S_IFMT		00170000
#define S_IFSOCK	0140000
#define S_IFLNK		0120000
#define S_IFREG		0100000
#define S_IFBLK		0060000
#define S_IFDIR		0040000
#define S_IFCHR		0020000
#define S_IFIFO		0010000
#define S_ISUID		0004000
#define S_ISGID		0002000
#define S_ISVTX		0001000
#define S_ISLNK(m)	(((m) & S_IFMT) == S_IFLNK)
#define S_ISREG(m)	(((m) & S_IFMT) == S_IFREG)
#define S_ISDIR(m)	(((m) & S_IFMT) == S_IFDIR)
#define S_ISCHR(m)	(((m) & S_IFMT) == S_IFCHR)
#define S_ISBLK(m)	(((m) & S_IFMT) == S_IFBLK)
#define S_ISFIFO(m)	(((m) & S_IFMT) == S_IFIFO)
#define S_ISSOCK(m)	(((m) & S_IFMT) == S_IFSOCK)
#endif

/* d_type values of getdents (the S_IF* type shifted down), as Linux. */
#define EXT2_DT_UNKNOWN		0
#define EXT2_DT_FIFO		1
#define EXT2_DT_CHR		2
#define EXT2_DT_DIR		4
#define EXT2_DT_BLK		6
#define EXT2_DT_REG		8
#define EXT2_DT_LNK		10
#define EXT2_DT_SOCK		12

/* The superblock, 1024 bytes at byte 1024; fields past s_uuid we keep as
 * they are on disk. */
struct ext2_super_block {
	uint32_t s_inodes_count;
	uint32_t s_blocks_count;
	uint32_t s_r_blocks_count;
	uint32_t s_free_blocks_count;
	uint32_t s_free_inodes_count;
	uint32_t s_first_data_block;
	uint32_t s_log_block_size;	/* block size = 1024 << this */
	uint32_t s_log_frag_size;
	uint32_t s_blocks_per_group;
	uint32_t s_frags_per_group;
	uint32_t s_inodes_per_group;
	uint32_t s_mtime;
	uint32_t s_wtime;
	uint16_t s_mnt_count;
	int16_t  s_max_mnt_count;
	uint16_t s_magic;
	uint16_t s_state;
	uint16_t s_errors;
	uint16_t s_minor_rev_level;
	uint32_t s_lastcheck;
	uint32_t s_checkinterval;
	uint32_t s_creator_os;
	uint32_t s_rev_level;
	uint16_t s_def_resuid;
	uint16_t s_def_resgid;
	/* revision 1 */
	uint32_t s_first_ino;
	uint16_t s_inode_size;
	uint16_t s_block_group_nr;
	uint32_t s_feature_compat;
	uint32_t s_feature_incompat;
	uint32_t s_feature_ro_compat;
	uint8_t  s_uuid[16];
	uint8_t  s_rest[EXT2_SUPER_SIZE - 120];
};

struct ext2_group_desc {
	uint32_t bg_block_bitmap;
	uint32_t bg_inode_bitmap;
	uint32_t bg_inode_table;
	uint16_t bg_free_blocks_count;
	uint16_t bg_free_inodes_count;
	uint16_t bg_used_dirs_count;
	uint16_t bg_pad;
	uint32_t bg_reserved[3];
};

/* The first 128 bytes of an on-disk inode; larger inodes carry the
 * extra part described by ext2_inode_extra right behind. */
struct ext2_inode {
	uint16_t i_mode;
	uint16_t i_uid;
	uint32_t i_size;
	uint32_t i_atime;
	uint32_t i_ctime;
	uint32_t i_mtime;
	uint32_t i_dtime;
	uint16_t i_gid;
	uint16_t i_links_count;
	uint32_t i_blocks;		/* 512-byte units */
	uint32_t i_flags;
	uint32_t i_osd1;
	uint32_t i_block[EXT2_N_BLOCKS];
	uint32_t i_generation;
	uint32_t i_file_acl;
	uint32_t i_size_high;
	uint32_t i_faddr;
	uint16_t i_blocks_hi;
	uint16_t i_file_acl_high;
	uint16_t i_uid_high;
	uint16_t i_gid_high;
	uint16_t i_checksum_lo;
	uint16_t i_reserved;
};

/* Behind the 128 bytes when s_inode_size > 128: nanoseconds of the times
 * (shifted left by 2; the low 2 bits extend the seconds' epoch). */
struct ext2_inode_extra {
	uint16_t i_extra_isize;		/* bytes used from here on */
	uint16_t i_checksum_hi;
	uint32_t i_ctime_extra;
	uint32_t i_mtime_extra;
	uint32_t i_atime_extra;
	uint32_t i_crtime;
	uint32_t i_crtime_extra;
};
#define EXT2_EXTRA_ISIZE	32	/* what we give new inodes (as mke2fs) */

struct ext2_dir_entry {
	uint32_t inode;			/* 0: unused entry */
	uint16_t rec_len;		/* to the next entry */
	uint8_t  name_len;
	uint8_t  file_type;		/* EXT2_FT_* with the filetype feature */
	char     name[];
};
#define EXT2_DIR_ENTRY_HEADER	8
/* Bytes an entry with a name of len bytes needs (4-byte aligned). */
#define EXT2_DIR_REC_LEN(len)	(((len) + EXT2_DIR_ENTRY_HEADER + 3) & ~3u)

/* Header of an extended attribute block (i_file_acl); xattr.c. */
struct ext2_xattr_header {
	uint32_t h_magic;		/* EXT2_XATTR_MAGIC */
	uint32_t h_refcount;		/* inodes sharing the block */
	uint32_t h_blocks;		/* always 1 */
	uint32_t h_hash;		/* of the entries' hashes */
	uint32_t h_reserved[4];
};

/* One attribute: the entry, its name behind it; the value elsewhere in
 * the block. */
struct ext2_xattr_entry {
	uint8_t  e_name_len;
	uint8_t  e_name_index;		/* XATTR_INDEX_* */
	uint16_t e_value_offs;		/* from the start of the block */
	uint32_t e_value_block;		/* 0 */
	uint32_t e_value_size;
	uint32_t e_hash;		/* of name and value */
	char     e_name[];
};

/* The mounted file system (super_block->private). */
struct ext2_sb_info {
	struct mutex lock;		/* see the top of this file */
	struct ext2_super_block es;	/* in-memory copy, written through */
	struct ext2_group_desc *gd;	/* ngroups descriptors */
	uint32_t ngroups;
	uint32_t block_size;
	uint32_t addr_per_block;	/* block numbers in an indirect block */
	uint32_t inode_size;
	uint32_t inodes_per_block;
	uint32_t first_ino;
	uint32_t gd_per_block;
	uint32_t gd_block;		/* first block of the descriptor table */
	uint32_t last_group;		/* where the last inode came from */
	bool counts_dirty;		/* free counts not yet in their blocks */
	bool has_filetype;
	uint32_t generation;		/* for new inodes' i_generation */
};

/* An inode's ext2 part (inode->private). */
struct ext2_inode_info {
	struct mutex map_lock;		/* i_block[] and indirect blocks */
	uint32_t i_block[EXT2_N_BLOCKS];
	uint32_t flags;
	uint32_t file_acl;
	uint32_t dtime;
	uint32_t generation;
	uint32_t crtime;
	uint32_t alloc_goal;		/* next block to try for this file */
	/* Shortcuts through the block map (changed under map_lock;
	 * truncation forgets them): logical blocks run_lblk .. run_lblk +
	 * run_len - 1 lie at run_phys onwards, and the indirect block
	 * leaf_blk (0: none known) holds the entries of the logical blocks
	 * from leaf_lblk.  The run is also read without the lock: run_seq is
	 * odd while it changes. */
	uint32_t run_seq;
	uint64_t run_lblk;
	uint32_t run_phys;
	uint32_t run_len;
	uint64_t leaf_lblk;
	uint32_t leaf_blk;
};

static inline struct ext2_sb_info *EXT2_SB(struct super_block *sb)
{
	return sb->private;
}
static inline struct ext2_inode_info *EXT2_I(struct inode *inode)
{
	return inode->private;
}

extern const struct super_operations ext2_super_ops;
extern const struct inode_operations ext2_dir_iops, ext2_file_iops,
	ext2_symlink_iops, ext2_special_iops;
extern const struct file_operations ext2_dir_fops, ext2_file_fops;

/* super.c (ext2_init is in fs.h) */
int ext2_commit_super(struct super_block *sb);
int ext2_sync(struct super_block *sb);
int ext2_set_ro_compat(struct super_block *sb, uint32_t feature);
int ext2_set_compat(struct super_block *sb, uint32_t feature);

/* alloc.c */
int ext2_alloc_block(struct super_block *sb, uint32_t goal, uint32_t *out);
int ext2_free_block(struct super_block *sb, uint32_t block);
int ext2_alloc_inode(struct super_block *sb, uint32_t dir_group, bool is_dir,
		     uint32_t *out);
int ext2_free_inode(struct super_block *sb, uint32_t ino, bool is_dir);

/* inode.c */
int ext2_read_inode(struct inode *inode);
int ext2_write_inode(struct inode *inode);
void ext2_evict_inode(struct inode *inode);
struct inode *ext2_new_inode(struct inode *dir, umode_t mode);
int ext2_bmap(struct inode *inode, uint64_t lblk, bool create, uint32_t *phys,
	      bool *fresh);
int ext2_truncate_blocks(struct inode *inode, off_t size);
uint64_t ext2_max_file_size(struct super_block *sb);
void ext2_set_ops(struct inode *inode);

/* dir.c */
unsigned int ext2_file_type(umode_t mode);
int ext2_make_empty_dir(struct inode *dir, struct inode *parent);

/* xattr.c: the inode operations (fs.h), and dropping the inode's share
 * of its attribute block when the inode goes. */
ssize_t ext2_getxattr(struct inode *inode, int index, const char *name, void *buf,
		      size_t size);
int ext2_setxattr(struct inode *inode, int index, const char *name, const void *value,
		  size_t size, int flags);
int ext2_listxattr(struct inode *inode,
		   int (*emit)(void *ctx, int index, const char *name, size_t len), void *ctx);
void ext2_xattr_drop(struct inode *inode);

/* file.c */
int ext2_setattr(struct inode *inode, const struct iattr *attr);
int ext2_dir_fsync(struct file *file);

#endif
