/*
 * The virtual file system's contract with file systems.
 *
 * A file system provides a struct file_system_type whose mount() builds a
 * super_block with a root inode.  Inodes are cached per super_block and
 * reference counted (iget/iput); the VFS above keeps dentries and mounts and
 * never looks inside a file system's private data.
 *
 * Locking: inode->lock (a mutex) is held by the VFS around every call that
 * changes a directory (create, mkdir, unlink, rmdir, link, symlink, rename:
 * both directories, lower address first) and around write/setattr of a file;
 * lookup and read are called with it held too for directories, so a file
 * system may assume one modifier per inode at a time.  Anything shared across
 * inodes (allocation bitmaps, a superblock's counters) is the file system's
 * to lock, with a mutex of its own in its super_block private data.
 *
 * Return values: 0 or a count on success, -errno on failure.  Buffers passed
 * to read/write are user addresses when `user` is true (copy with copy_out /
 * copy_in below, which fail with -EFAULT) and kernel addresses otherwise.
 */
#ifndef KERNEL_FS_H
#define KERNEL_FS_H

#include "types.h"
#include "lock.h"
#include "list.h"
#include <linux/stat.h>

/* Directory entry types for getdents64 (d_type). */
#ifndef DT_UNKNOWN
#define DT_UNKNOWN	0
#define DT_FIFO		1
#define DT_CHR		2
#define DT_DIR		4
#define DT_BLK		6
#define DT_REG		8
#define DT_LNK		10
#define DT_SOCK		12
#endif

struct inode;
struct file;
struct super_block;
struct blockdev;
struct poll_table;

/* Attribute changes for setattr; `valid` says which fields apply. */
#define ATTR_MODE	(1u << 0)
#define ATTR_UID	(1u << 1)
#define ATTR_GID	(1u << 2)
#define ATTR_SIZE	(1u << 3)
#define ATTR_ATIME	(1u << 4)
#define ATTR_MTIME	(1u << 5)
#define ATTR_CTIME	(1u << 6)

struct iattr {
	unsigned int valid;
	umode_t mode;
	uid_t uid;
	gid_t gid;
	off_t size;
	struct timespec64 atime, mtime, ctime;
};

/* Passed to iterate(): emit() returns false when the caller's buffer is
 * full; the file system then stops and leaves file->pos at that entry. */
struct dir_context {
	bool (*emit)(struct dir_context *ctx, const char *name, size_t len,
		     ino_t ino, unsigned int dtype);	/* dtype: DT_* */
	off_t pos;	/* updated by the fs to the position after each entry */
};

struct path;

struct inode_operations {
	/* Find name in dir: 0 with *out referenced, or -ENOENT. */
	int (*lookup)(struct inode *dir, const char *name, size_t len,
		      struct inode **out);
	/* A no_dcache file system's say on a cached positive name: true
	 * when name in dir still means inode (brought up to date as lookup
	 * would), so lookup need not be asked again; optional, called
	 * without dir's mutex. */
	bool (*revalidate)(struct inode *dir, const char *name, size_t len,
			   struct inode *inode);
	/* Make a regular file, fifo, socket or device node (mode has the
	 * S_IF* type; rdev for devices). */
	int (*create)(struct inode *dir, const char *name, size_t len,
		      umode_t mode, dev_t rdev, struct inode **out);
	int (*mkdir)(struct inode *dir, const char *name, size_t len,
		     umode_t mode, struct inode **out);
	int (*symlink)(struct inode *dir, const char *name, size_t len,
		       const char *target, struct inode **out);
	int (*link)(struct inode *target, struct inode *dir, const char *name,
		    size_t len);
	/* Remove the entry; victim is the inode it names (the VFS checked
	 * its type and, for rmdir, emptiness is the fs's to check: -ENOTEMPTY). */
	int (*unlink)(struct inode *dir, const char *name, size_t len,
		      struct inode *victim);
	int (*rmdir)(struct inode *dir, const char *name, size_t len,
		     struct inode *victim);
	/* Move an entry; the VFS has resolved both names and checked types.
	 * If the new name exists it is replaced (target is its inode, or NULL).
	 * flags: RENAME_NOREPLACE / RENAME_EXCHANGE (may return -EINVAL). */
	int (*rename)(struct inode *old_dir, const char *old_name, size_t old_len,
		      struct inode *new_dir, const char *new_name, size_t new_len,
		      struct inode *source, struct inode *target,
		      unsigned int flags);
	/* Copy the link target into a kernel buffer; returns its length. */
	ssize_t (*readlink)(struct inode *inode, char *buf, size_t len);
	/* A "magic" link (procfs's fd/N, exe, cwd, root): following it goes
	 * to the object itself, not to the name readlink shows.  Sets *out
	 * (referenced) or returns -errno. */
	int (*get_link_path)(struct inode *inode, struct path *out);
	/* Optional: 0 grants access that the mode bits refuse (procfs: a
	 * process may always look into its own fd/); else the mode decides. */
	int (*permission)(struct inode *inode, int mask);
	/* Apply attribute changes (ATTR_SIZE truncates or extends). */
	int (*setattr)(struct inode *inode, const struct iattr *attr);
	/* Extended attributes (optional: without them the VFS answers
	 * -EOPNOTSUPP).  Called with inode->lock held and permissions
	 * checked (kernel/fs/xattr.c); index is the namespace
	 * (XATTR_INDEX_* in xattr.h), name the part after its prefix.
	 * getxattr copies the value into buf when size is not 0 and returns
	 * its length: -ENODATA when absent, -ERANGE when size is too small.
	 * setxattr with value NULL removes; flags XATTR_CREATE/XATTR_REPLACE
	 * give -EEXIST/-ENODATA; -ENOSPC when it does not fit.
	 * listxattr calls emit once per attribute until emit returns
	 * nonzero, which it returns. */
	ssize_t (*getxattr)(struct inode *inode, int index, const char *name,
			    void *buf, size_t size);
	int (*setxattr)(struct inode *inode, int index, const char *name,
			const void *value, size_t size, int flags);
	int (*listxattr)(struct inode *inode,
			 int (*emit)(void *ctx, int index, const char *name, size_t len),
			 void *ctx);
};

struct file_operations {
	int (*open)(struct inode *inode, struct file *file);
	int (*release)(struct inode *inode, struct file *file);
	ssize_t (*read)(struct file *file, void *buf, size_t len, off_t *pos,
			bool user);
	ssize_t (*write)(struct file *file, const void *buf, size_t len,
			 off_t *pos, bool user);
	int (*iterate)(struct file *file, struct dir_context *ctx);
	long (*ioctl)(struct file *file, unsigned int cmd, unsigned long arg);
	/* Returns the POLL* events ready now and registers on pt's queues. */
	unsigned int (*poll)(struct file *file, struct poll_table *pt);
	int (*fsync)(struct file *file);
	off_t (*llseek)(struct file *file, off_t off, int whence);
	/* Optional: the lines /proc/PID/fdinfo/N shows after Linux's first
	 * four (eventfd-count ...), at most len bytes into buf; the count. */
	size_t (*show_fdinfo)(struct file *file, char *buf, size_t len);
	/* For a file on no path (an anonymous inode's, as Linux): the name
	 * /proc/PID/fd/N shows after "anon_inode:", such as "[eventfd]". */
	const char *anon_name;
};

struct statfs_info {
	unsigned long type, bsize, blocks, bfree, bavail, files, ffree, namelen;
};

struct super_operations {
	/* Fill inode (ino, sb and lock already set) from disk: mode, uid,
	 * gid, nlink, size, times, rdev, blocks, i_op, i_fop, private. */
	int (*read_inode)(struct inode *inode);
	/* Write the in-memory fields back (to the block cache is enough). */
	int (*write_inode)(struct inode *inode);
	/* The last reference is gone: free the fs's private part, and if
	 * nlink is 0 release the inode's blocks and the inode on disk. */
	void (*evict_inode)(struct inode *inode);
	int (*sync_fs)(struct super_block *sb);
	int (*statfs)(struct super_block *sb, struct statfs_info *st);
	void (*put_super)(struct super_block *sb);
};

struct inode {
	ino_t ino;
	umode_t mode;
	uid_t uid;
	gid_t gid;
	unsigned int nlink;
	off_t size;
	uint64_t blocks;		/* in 512-byte units, for stat */
	dev_t rdev;
	struct timespec64 atime, mtime, ctime;
	struct super_block *sb;
	const struct inode_operations *i_op;
	const struct file_operations *i_fop;
	void *private;			/* the file system's */
	struct mutex lock;		/* see the top of this file */
	int refcnt;			/* guarded by the inode cache lock */
	struct list_head hash_link;	/* in the super_block's inode cache */
	void *pipe;			/* a fifo's pipe, set on first open */
	struct list_head i_flock;	/* POSIX record locks (locks.c, its lock) */
	/* Known to carry no security.capability (so a write need not look);
	 * under inode->lock, cleared when that attribute is set (xattr.c). */
	bool nosec;
	/* The page cache (mm/pcache.c), under its one lock: */
	struct page **pc_slots;		/* page index -> cached page or NULL */
	uint32_t pc_nslots, pc_count;
	unsigned long pc_gen;		/* bumped by every write and truncate */
	struct list_head pc_link;	/* in the list of inodes with slots */
	uint32_t pc_dirty;		/* dirty pages; while any, a reference to itself */
	struct list_head pc_dirty_link;	/* in the list of inodes with dirty pages */
	/* Mappings of the file (mm/vm.c, under its i_mmap_lock): */
	struct vma *i_mmap;		/* every vma mapping it */
	int i_mmap_writable;		/* shared writable ones among them */
};

struct file_system_type {
	const char *name;
	bool needs_device;	/* source names a block device */
	/* Build a super_block: root inode referenced in sb->root. */
	int (*mount)(struct file_system_type *type, struct blockdev *bdev,
		     unsigned long flags, const char *data,
		     struct super_block **out);
	/* Free an instance whose last mount went (deactivate_super); NULL
	 * for file systems kept for good (the disk, devtmpfs, devpts). */
	void (*kill_sb)(struct super_block *sb);
	struct list_head link;
};

struct super_block {
	struct file_system_type *type;
	const struct super_operations *s_op;
	struct blockdev *bdev;	/* NULL for a nodev file system */
	dev_t dev;		/* st_dev of every inode here */
	unsigned long flags;	/* MS_RDONLY ... */
	bool no_dcache;		/* names change on their own (procfs): always look up */
	bool pcache;		/* file data changes only by write and truncate:
				 * mapped pages may be shared (mm/pcache.c) */
	unsigned int block_size;
	unsigned long magic;	/* f_type for statfs */
	struct inode *root;
	struct dentry *s_root;	/* the root dentry every mount of it shares,
				 * while one exists (dcache_lock) */
	void *private;		/* the file system's */
	int refcnt;		/* atomic: its mounts, and the reference ->mount
				 * returned until the mount is made */
	struct spinlock icache_lock;	/* guards the inode list, refcnts */
	struct list_head inodes;	/* unused by the VFS's cache */
	struct list_head *inode_hash;	/* the VFS's inode cache buckets */
	unsigned int inode_hash_shift;	/* 64 - log2 of their number */
};

int register_filesystem(struct file_system_type *type);
struct file_system_type *find_filesystem(const char *name);
/* Call fn for each registered type, in registration order, under the
 * registry's spinlock (fn must not sleep). */
void for_each_filesystem(void (*fn)(struct file_system_type *type, void *arg), void *arg);
/* The file system types register themselves at boot (init_task.c). */
void ext2_init(void);
void tmpfs_init(void);
void procfs_init(void);
struct pid;
/* A reaped process's /proc names go from every procfs instance. */
void proc_flush_pid(struct pid *pid);
void sysfs_init(void);		/* the /sys/fs/cgroup directories alone */
/* devpts (tmpfs.c): the /dev/pts/N node of pty N, for pty.c. */
int devpts_add(int index, uid_t uid);
void devpts_remove(int index);
/* tmpfs.c: an unnamed regular file of size bytes (zeros) on an internal
 * tmpfs, open for reading and writing, with no path (as Linux's
 * shmem_file_setup): what a System V shared memory segment keeps its
 * pages in.  ERR_PTR(-ENOMEM) on failure. */
struct file *shmem_file_setup(off_t size);
void sync_all(void);	/* write back every dirty inode and block */

/* A super_block with fields zeroed and its inode cache ready.  The fs sets
 * the rest.  For nodev file systems dev is a fresh anonymous device number. */
struct super_block *sb_alloc(struct file_system_type *type, struct blockdev *bdev);
void sb_free(struct super_block *sb);
struct super_block *sb_get(struct super_block *sb);
/* Drop a reference; at the last, type->kill_sb frees the instance (the
 * caller has pruned its dentries, d_prune_tree). */
void deactivate_super(struct super_block *sb);
/* kill_sb of an in-memory file system: the root inode put (evicting it),
 * s_op->put_super, and the super_block freed. */
void kill_anon_super(struct super_block *sb);

/* The inode cache.  iget() returns the inode with ino on sb, read through
 * s_op->read_inode on first use; iput() drops a reference and evicts at 0.
 * new_inode() makes an in-memory inode for a freshly allocated ino (the fs
 * fills it).  mark_inode_dirty() writes the inode back via s_op. */
struct inode *iget(struct super_block *sb, ino_t ino);	/* ERR_PTR on error */
struct inode *new_inode(struct super_block *sb, ino_t ino);
struct inode *igrab(struct inode *inode);
void iput(struct inode *inode);
int mark_inode_dirty(struct inode *inode);

/* Copy to or from a read/write buffer: user or kernel address. */
int copy_out(void *dst, const void *src, size_t n, bool user);
int copy_in(void *dst, const void *src, size_t n, bool user);
/* Zero n bytes at dst (user or kernel). */
int zero_out(void *dst, size_t n, bool user);

/* The current time for inode stamps (CLOCK_REALTIME). */
struct timespec64 current_time(void);

struct mount;
struct dentry;
/* A place in the mount tree (the VFS's; file systems ignore it). */
struct path {
	struct mount *mnt;
	struct dentry *dentry;
};

/* An open file description. */
struct file {
	struct inode *inode;
	struct path f_path;		/* the VFS's; file systems ignore it */
	const struct file_operations *f_op;
	unsigned int flags;		/* O_* status flags: O_APPEND, O_NONBLOCK, ... */
	unsigned int mode;		/* FMODE_READ | FMODE_WRITE */
	off_t pos;
	struct mutex pos_lock;		/* serialises pos updates */
	int refcnt;			/* atomic */
	const struct cred *f_cred;	/* who opened it: kept for its life */
	void *private;			/* the file system's or driver's */
	/* The epoll watches on this file (eventpoll.c, under its epmutex);
	 * the last file_put removes them. */
	struct list_head f_ep_links;
};
#define FMODE_READ	1u
#define FMODE_WRITE	2u

#endif
