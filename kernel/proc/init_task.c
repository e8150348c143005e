/*
 * Bringing up user space: the first kernel thread mounts the root file
 * system named by root= and then becomes init (once exec exists).
 */
#include "proc.h"
#include "boot.h"
#include "bcache.h"
#include "fs.h"
#include "file.h"
#include "printk.h"
#include "string.h"
#include "sbi.h"

void ext2_init(void);
struct file_system_type *find_filesystem(const char *name);
void virtio_init(void);
void sync_all(void);

struct super_block *root_sb;

/* Device names we know: /dev/vdX. */
static struct blockdev *root_device(const char *spec)
{
	if (strncmp(spec, "/dev/vd", 7) != 0 || spec[7] < 'a' || spec[7] > 'p' || spec[8])
		return NULL;
	return blockdev_get(MKDEV(254, 16 * (spec[7] - 'a')));
}

struct count_ctx {
	struct dir_context ctx;
	int entries;
};

static bool count_entry(struct dir_context *ctx, const char *name, size_t len,
			ino_t ino, unsigned int dtype)
{
	container_of(ctx, struct count_ctx, ctx)->entries++;
	return true;
}

/* Read the root directory once: entries, or -errno. */
static int count_root_entries(struct inode *root)
{
	struct file *f = file_alloc(root, root->i_fop, 0);
	if (!f)
		return -ENOMEM;
	struct count_ctx cc = { { count_entry, 0 }, 0 };
	int err = f->f_op && f->f_op->iterate ? f->f_op->iterate(f, &cc.ctx) : -ENOTDIR;
	file_put(f);
	return err ? err : cc.entries;
}

static int mount_root(void)
{
	char spec[32];
	if (!cmdline_get("root", spec, sizeof(spec)))
		strlcpy(spec, "/dev/vda", sizeof(spec));
	struct blockdev *bdev = root_device(spec);
	if (!bdev) {
		printk("kernel: root device %s not found\n", spec);
		return -ENODEV;
	}
	struct file_system_type *ext2 = find_filesystem("ext2");
	int err = ext2->mount(ext2, bdev, 0, NULL, &root_sb);
	if (err) {
		printk("kernel: cannot mount %s as ext2: error %d\n", spec, err);
		return err;
	}
	int entries = count_root_entries(root_sb->root);
	if (entries < 0) {
		printk("kernel: root directory unreadable: error %d\n", entries);
		return entries;
	}
	printk("kernel: root file system ext2 on %s, %d entries in /\n", spec, entries);
	return 0;
}

static int init_thread(void *arg)
{
	virtio_init();
	int err = mount_root();
	if (!err)
		printk("kernel: no init yet (exec is not built in)\n");
	sync_all();
	printk("kernel: power off\n");
	sbi_shutdown(false);
}

int start_init(void)
{
	bcache_init();
	ext2_init();
	return kthread_create(init_thread, NULL, "init") ? 0 : -ENOMEM;
}

void sync_all(void)
{
	struct blockdev *bdev = root_sb ? root_sb->bdev : NULL;
	if (root_sb && root_sb->s_op->sync_fs)
		root_sb->s_op->sync_fs(root_sb);
	if (bdev)
		bsync(bdev);
}
