/*
 * The inode cache, super_block allocation and file system registration.
 * Each super_block keeps its in-memory inodes on sb->inodes, guarded by
 * sb->icache_lock together with their refcnt.  Lookup is by hash bucket.
 */
#include "pcache.h"
#include "fs.h"
#include "bcache.h"
#include "kmalloc.h"
#include "string.h"
#include "uaccess.h"
#include "timer.h"
#include "printk.h"
#include "file.h"

/* Inode cache buckets: a disk's file system may hold many inodes at once;
 * a memory one (a container's /proc, an mqueue or tmpfs instance) is made
 * often and holds few, and clearing a page of buckets would cost more than
 * its lookups save. */
#define ICACHE_BITS_DISK	8
#define ICACHE_BITS_MEM		5
/* Numbers mixed (procfs puts the pid in the high bits). */
#define BUCKET(sb, ino)	(&(sb)->inode_hash[((uint64_t)(ino) * 0x9E3779B97F4A7C15ull) >> \
					   (sb)->inode_hash_shift])

static LIST_HEAD(fs_types);
static struct spinlock fs_types_lock = SPINLOCK_INIT("fs_types");
static unsigned int next_anon_dev = 1;

int register_filesystem(struct file_system_type *type)
{
	spin_lock(&fs_types_lock);
	list_add_tail(&type->link, &fs_types);
	spin_unlock(&fs_types_lock);
	return 0;
}

struct file_system_type *find_filesystem(const char *name)
{
	struct file_system_type *t, *found = NULL;
	spin_lock(&fs_types_lock);
	list_for_each_entry(t, &fs_types, link)
		if (strcmp(t->name, name) == 0) {
			found = t;
			break;
		}
	spin_unlock(&fs_types_lock);
	return found;
}

void for_each_filesystem(void (*fn)(struct file_system_type *type, void *arg), void *arg)
{
	struct file_system_type *t;
	spin_lock(&fs_types_lock);
	list_for_each_entry(t, &fs_types, link)
		fn(t, arg);
	spin_unlock(&fs_types_lock);
}

struct super_block *sb_alloc(struct file_system_type *type, struct blockdev *bdev)
{
	struct super_block *sb = kzalloc(sizeof(*sb));
	unsigned int buckets = 1u << (bdev ? ICACHE_BITS_DISK : ICACHE_BITS_MEM);
	struct list_head *hash = kmalloc(buckets * sizeof(*hash));
	if (!sb || !hash) {
		kfree(sb);
		kfree(hash);
		return NULL;
	}
	for (unsigned int i = 0; i < buckets; i++)
		list_init(&hash[i]);
	sb->type = type;
	sb->bdev = bdev;
	sb->refcnt = 1;
	spin_init(&sb->icache_lock, "icache");
	list_init(&sb->inodes);
	sb->inode_hash = hash;
	sb->inode_hash_shift = 64 - (bdev ? ICACHE_BITS_DISK : ICACHE_BITS_MEM);
	if (bdev)
		sb->dev = bdev->dev;
	else
		sb->dev = MKDEV(0, __atomic_fetch_add(&next_anon_dev, 1, __ATOMIC_RELAXED));
	return sb;
}

void sb_free(struct super_block *sb)
{
	kfree(sb->inode_hash);
	kfree(sb);
}

struct super_block *sb_get(struct super_block *sb)
{
	__atomic_add_fetch(&sb->refcnt, 1, __ATOMIC_RELAXED);
	return sb;
}

void deactivate_super(struct super_block *sb)
{
	if (__atomic_sub_fetch(&sb->refcnt, 1, __ATOMIC_ACQ_REL) == 0 && sb->type->kill_sb)
		sb->type->kill_sb(sb);
}

void kill_anon_super(struct super_block *sb)
{
	if (sb->root)
		iput(sb->root);
	if (sb->s_op && sb->s_op->put_super)
		sb->s_op->put_super(sb);
	sb_free(sb);
}

static struct inode *icache_find(struct super_block *sb, ino_t ino)
{
	struct list_head *b = BUCKET(sb, ino);
	struct inode *in;
	list_for_each_entry(in, b, hash_link)
		if (in->ino == ino)
			return in;
	return NULL;
}

static struct inode *inode_new(struct super_block *sb, ino_t ino)
{
	struct inode *in = kzalloc(sizeof(*in));
	if (!in)
		return NULL;
	in->ino = ino;
	in->sb = sb;
	in->refcnt = 1;
	mutex_init(&in->lock, "inode");
	list_init(&in->hash_link);
	list_init(&in->i_flock);
	return in;
}

struct inode *iget(struct super_block *sb, ino_t ino)
{
	spin_lock(&sb->icache_lock);
	struct inode *in = icache_find(sb, ino);
	if (in) {
		in->refcnt++;
		spin_unlock(&sb->icache_lock);
		/* A concurrent first reader may still be filling it. */
		mutex_lock(&in->lock);
		mutex_unlock(&in->lock);
		return in;
	}
	spin_unlock(&sb->icache_lock);

	struct inode *fresh = inode_new(sb, ino);
	if (!fresh)
		return ERR_PTR(-ENOMEM);
	mutex_lock(&fresh->lock);
	spin_lock(&sb->icache_lock);
	in = icache_find(sb, ino);
	if (in) {
		in->refcnt++;
		spin_unlock(&sb->icache_lock);
		kfree(fresh);
		mutex_lock(&in->lock);
		mutex_unlock(&in->lock);
		return in;
	}
	list_add(&fresh->hash_link, BUCKET(sb, ino));
	spin_unlock(&sb->icache_lock);
	int err = sb->s_op->read_inode(fresh);
	mutex_unlock(&fresh->lock);
	if (err) {
		spin_lock(&sb->icache_lock);
		list_del(&fresh->hash_link);
		spin_unlock(&sb->icache_lock);
		kfree(fresh);
		return ERR_PTR(err);
	}
	return fresh;
}

struct inode *new_inode(struct super_block *sb, ino_t ino)
{
	struct inode *in = inode_new(sb, ino);
	if (!in)
		return NULL;
	spin_lock(&sb->icache_lock);
	list_add(&in->hash_link, BUCKET(sb, ino));
	spin_unlock(&sb->icache_lock);
	return in;
}

struct inode *igrab(struct inode *in)
{
	spin_lock(&in->sb->icache_lock);
	in->refcnt++;
	spin_unlock(&in->sb->icache_lock);
	return in;
}

void iput(struct inode *in)
{
	struct super_block *sb = in->sb;
	spin_lock(&sb->icache_lock);
	if (--in->refcnt > 0) {
		spin_unlock(&sb->icache_lock);
		return;
	}
	list_del(&in->hash_link);
	spin_unlock(&sb->icache_lock);
	pcache_evict(in);
	fifo_inode_evict(in);
	if (sb->s_op && sb->s_op->evict_inode)
		sb->s_op->evict_inode(in);
	kfree(in);
}

int mark_inode_dirty(struct inode *in)
{
	if (in->sb->s_op && in->sb->s_op->write_inode)
		return in->sb->s_op->write_inode(in);
	return 0;
}

int copy_out(void *dst, const void *src, size_t n, bool user)
{
	if (user)
		return copy_to_user(dst, src, n);
	memcpy(dst, src, n);
	return 0;
}

int copy_in(void *dst, const void *src, size_t n, bool user)
{
	if (user)
		return copy_from_user(dst, src, n);
	memcpy(dst, src, n);
	return 0;
}

int zero_out(void *dst, size_t n, bool user)
{
	if (user)
		return clear_user(dst, n);
	memset(dst, 0, n);
	return 0;
}

struct timespec64 current_time(void)
{
	uint64_t ns = realtime_ns();
	return (struct timespec64){ ns / 1000000000ull, ns % 1000000000ull };
}

long strncpy_from_user(char *dst, const char *usrc, long max)
{
	if (!access_ok(usrc, 1))
		return -EFAULT;
	unsigned long room = USER_TOP - (unsigned long)usrc;
	long n = __strncpy_user(dst, usrc, MIN((unsigned long)max, room));
	if (n < 0)
		return n;
	if (n >= max)
		return -ENAMETOOLONG;
	if ((unsigned long)n == room)
		return -EFAULT;
	return n;
}
