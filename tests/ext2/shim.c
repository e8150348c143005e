/*
 * The kernel services ext2 and the block cache use, for a single-threaded
 * host test: kmalloc is malloc, locks only check that nobody takes a lock
 * twice (which would deadlock in the kernel), the inode cache is a list per
 * super_block, and the block device is an image file.
 */
#include "types.h"
#include "fs.h"
#include "bcache.h"
#include "mm.h"
#include "kmalloc.h"
#include "string.h"
#include "host.h"
#include "shim.h"

void *kmalloc(size_t size) { return malloc(size); }
void *kzalloc(size_t size) { return calloc(1, size); }
void kfree(void *p) { free(p); }

char *kstrndup(const char *s, size_t n)
{
	char *d = malloc(n + 1);

	if (d) {
		memcpy(d, s, n);
		d[n] = 0;
	}
	return d;
}

void spin_init(struct spinlock *lk, const char *name)
{
	lk->locked = 0;
	lk->name = name;
}

void spin_lock(struct spinlock *lk)
{
	if (lk->locked)
		host_die("spinlock taken twice");
	lk->locked = 1;
}

bool spin_trylock(struct spinlock *lk)
{
	if (lk->locked)
		return false;
	lk->locked = 1;
	return true;
}

void spin_unlock(struct spinlock *lk)
{
	if (!lk->locked)
		host_die("spinlock released while free");
	lk->locked = 0;
}

bool spin_holding(struct spinlock *lk) { return lk->locked; }

void mutex_init(struct mutex *m, const char *name)
{
	m->name = name;
	m->locked = false;
}

void mutex_lock(struct mutex *m)
{
	if (m->locked)
		host_die("mutex taken twice: a deadlock in the kernel");
	m->locked = true;
}

void mutex_unlock(struct mutex *m)
{
	if (!m->locked)
		host_die("mutex released while free");
	m->locked = false;
}

bool mutex_holding(struct mutex *m) { return m->locked; }

struct file_system_type *shim_fs_type;

int register_filesystem(struct file_system_type *type)
{
	shim_fs_type = type;
	return 0;
}

struct super_block *sb_alloc(struct file_system_type *type, struct blockdev *bdev)
{
	struct super_block *sb = calloc(1, sizeof(*sb));

	if (!sb)
		return NULL;
	sb->type = type;
	sb->bdev = bdev;
	spin_init(&sb->icache_lock, "icache");
	list_init(&sb->inodes);
	return sb;
}

void sb_free(struct super_block *sb)
{
	free(sb);
}

int shim_live_inodes(struct super_block *sb)
{
	struct inode *inode;
	int n = 0;

	list_for_each_entry(inode, &sb->inodes, hash_link)
		n++;
	return n;
}

static struct inode *inode_alloc(struct super_block *sb, ino_t ino)
{
	struct inode *inode = calloc(1, sizeof(*inode));

	if (!inode)
		return NULL;
	inode->ino = ino;
	inode->sb = sb;
	inode->refcnt = 1;
	mutex_init(&inode->lock, "inode");
	return inode;
}

struct inode *iget(struct super_block *sb, ino_t ino)
{
	struct inode *inode;
	int err;

	list_for_each_entry(inode, &sb->inodes, hash_link) {
		if (inode->ino == ino) {
			inode->refcnt++;
			return inode;
		}
	}
	inode = inode_alloc(sb, ino);
	if (!inode)
		return ERR_PTR(-ENOMEM);
	err = sb->s_op->read_inode(inode);
	if (err) {
		free(inode);
		return ERR_PTR(err);
	}
	list_add(&inode->hash_link, &sb->inodes);
	return inode;
}

struct inode *new_inode(struct super_block *sb, ino_t ino)
{
	struct inode *inode = inode_alloc(sb, ino);

	if (inode)
		list_add(&inode->hash_link, &sb->inodes);
	return inode;
}

struct inode *igrab(struct inode *inode)
{
	inode->refcnt++;
	return inode;
}

void iput(struct inode *inode)
{
	if (--inode->refcnt > 0)
		return;
	inode->sb->s_op->evict_inode(inode);
	list_del(&inode->hash_link);
	free(inode);
}

int mark_inode_dirty(struct inode *inode)
{
	return inode->sb->s_op->write_inode(inode);
}

int copy_out(void *dst, const void *src, size_t n, bool user)
{
	(void)user;
	memcpy(dst, src, n);
	return 0;
}

int copy_in(void *dst, const void *src, size_t n, bool user)
{
	(void)user;
	memcpy(dst, src, n);
	return 0;
}

int zero_out(void *dst, size_t n, bool user)
{
	(void)user;
	memset(dst, 0, n);
	return 0;
}

struct timespec64 current_time(void)
{
	struct timespec64 t;

	host_now(&t.tv_sec, &t.tv_nsec);
	return t;
}

static int image_transfer(struct blockdev *bdev, uint64_t sector, void *buf,
			  size_t nbytes, bool write)
{
	int fd = (int)(intptr_t)bdev->priv;

	if (write)
		shim_writes++;
	return host_io(fd, buf, nbytes, sector * SECTOR_SIZE, write) ? -EIO : 0;
}

unsigned long shim_writes;

struct blockdev *shim_open_image(const char *path)
{
	struct blockdev *bdev = calloc(1, sizeof(*bdev));
	uint64_t size;
	int fd = host_open(path, &size);

	bdev->dev = MKDEV(254, 0);
	bdev->name = "vda";
	bdev->nsectors = size / SECTOR_SIZE;
	bdev->transfer = image_transfer;
	bdev->priv = (void *)(intptr_t)fd;
	blockdev_register(bdev);
	return bdev;
}

static int memory_transfer(struct blockdev *bdev, uint64_t sector, void *buf,
			   size_t nbytes, bool write)
{
	char *disk = (char *)bdev->priv + sector * SECTOR_SIZE;

	if (sector + nbytes / SECTOR_SIZE > bdev->nsectors)
		return -EIO;
	if (write)
		memcpy(disk, buf, nbytes);
	else
		memcpy(buf, disk, nbytes);
	return 0;
}

/* A device on memory; each call makes a new one (the cache tells devices
 * apart by address, and the registered list keeps them all reachable). */
struct blockdev *shim_open_memory(void *disk, uint64_t size)
{
	struct blockdev *bdev = calloc(1, sizeof(*bdev));

	bdev->dev = MKDEV(254, 1);
	bdev->name = "mem";
	bdev->nsectors = size / SECTOR_SIZE;
	bdev->transfer = memory_transfer;
	bdev->priv = disk;
	blockdev_register(bdev);
	return bdev;
}

/* Memory the block cache sizes itself by: 16 MiB, so it keeps 4 MiB and
 * the tests' larger files go through eviction. */
unsigned long nr_total_pages(void)
{
	return 4096;
}

/* No page allocator runs dry here: the block cache's shrinker is never
 * asked. */
void register_shrinker(struct shrinker *s)
{
	(void)s;
}

/* Wait queues: the tests run one task, so nobody could wake a sleeper. */
void prepare_to_wait(struct waitqueue *wq, struct wait_entry *w, bool interruptible)
{
	(void)wq;
	(void)w;
	(void)interruptible;
}

void finish_wait(struct waitqueue *wq, struct wait_entry *w)
{
	(void)wq;
	(void)w;
}

void schedule(void)
{
	host_die("a task would sleep forever (a buffer locked twice?): a deadlock in the kernel");
}

void wake_up(struct waitqueue *wq)
{
	(void)wq;
}

void waitqueue_init(struct waitqueue *wq)
{
	list_init(&wq->waiters);
}

/* No threads here: the block cache's flusher does not run, and bsync and
 * eviction do all the writing. */
struct task *kthread_create(int (*fn)(void *), void *arg, const char *name)
{
	(void)fn;
	(void)arg;
	(void)name;
	return NULL;
}

/* The host has no cgroups: a transfer is charged to nobody. */
void cgroup_io_charge(dev_t dev, bool write, size_t bytes)
{
	(void)dev;
	(void)write;
	(void)bytes;
}
