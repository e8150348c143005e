/*
 * sysfs, as small as it can be: the directories /sys/fs/cgroup, where the
 * kernel mounts cgroup2 at boot (init_task.c), and /sys/kernel/debug,
 * where init mounts debugfs.  A fixed tree of empty
 * directories, one instance shared by every mount, nothing to lock.
 * Nothing can be made in it (EPERM), as in Linux's sysfs.
 */
#include "fs.h"
#include "vfs.h"
#include "string.h"
#include <linux/magic.h>

/* The tree: each directory's number, name and parent's number. */
static const struct {
	ino_t ino;
	const char *name;
	ino_t parent;
} sysfs_dirs[] = {
	{ 1, "", 1 },
	{ 2, "fs", 1 },
	{ 3, "cgroup", 2 },
	{ 4, "kernel", 1 },
	{ 5, "debug", 4 },	/* where init mounts debugfs, as Linux */
};
#define NR_SYSFS_DIRS	(sizeof(sysfs_dirs) / sizeof(sysfs_dirs[0]))

static const struct inode_operations sysfs_dir_iops;
static const struct file_operations sysfs_dir_fops;
static struct super_block *sysfs_sb;

static int sysfs_read_inode(struct inode *in)
{
	if (in->ino < 1 || in->ino > NR_SYSFS_DIRS)
		return -ENOENT;
	in->mode = S_IFDIR | 0755;
	in->nlink = 2;
	in->atime = in->mtime = in->ctime = current_time();
	in->i_op = &sysfs_dir_iops;
	in->i_fop = &sysfs_dir_fops;
	return 0;
}

static int sysfs_lookup(struct inode *dir, const char *name, size_t len, struct inode **out)
{
	for (size_t i = 1; i < NR_SYSFS_DIRS; i++) {
		if (sysfs_dirs[i].parent == dir->ino && strlen(sysfs_dirs[i].name) == len &&
		    memcmp(sysfs_dirs[i].name, name, len) == 0) {
			struct inode *in = iget(dir->sb, sysfs_dirs[i].ino);
			if (IS_ERR(in))
				return PTR_ERR(in);
			*out = in;
			return 0;
		}
	}
	return -ENOENT;
}

/* Positions: 0 ".", 1 "..", then 2 + i for entry i of the table. */
static int sysfs_iterate(struct file *f, struct dir_context *ctx)
{
	struct inode *dir = f->inode;
	/* Position 0 is ".", 1 "..": the name is ctx->pos characters of "..". */
	for (; ctx->pos < 2; f->pos = ctx->pos) {
		ctx->pos++;
		if (!ctx->emit(ctx, "..", ctx->pos, dir->ino, DT_DIR))
			return 0;
	}
	for (; ctx->pos - 2 < (off_t)NR_SYSFS_DIRS; f->pos = ctx->pos) {
		size_t i = ctx->pos - 2;
		ctx->pos++;
		if (i == 0 || sysfs_dirs[i].parent != dir->ino)
			continue;
		if (!ctx->emit(ctx, sysfs_dirs[i].name, strlen(sysfs_dirs[i].name),
			       sysfs_dirs[i].ino, DT_DIR))
			return 0;
	}
	return 0;
}

static int sysfs_statfs(struct super_block *sb, struct statfs_info *st)
{
	st->type = SYSFS_MAGIC;
	st->bsize = 4096;
	st->namelen = 255;
	return 0;
}

static const struct inode_operations sysfs_dir_iops = { .lookup = sysfs_lookup };
static const struct file_operations sysfs_dir_fops = { .iterate = sysfs_iterate };
static const struct super_operations sysfs_sops = {
	.read_inode = sysfs_read_inode, .statfs = sysfs_statfs,
};

static int sysfs_mount(struct file_system_type *type, struct blockdev *bdev,
		       unsigned long flags, const char *data, struct super_block **out)
{
	if (!sysfs_sb)
		return -ENODEV;
	*out = sb_get(sysfs_sb);
	return 0;
}

static struct file_system_type sysfs_type = { .name = "sysfs", .mount = sysfs_mount };

void sysfs_init(void)
{
	struct super_block *sb = sb_alloc(&sysfs_type, NULL);
	if (!sb)
		return;
	sb->s_op = &sysfs_sops;
	sb->magic = SYSFS_MAGIC;
	sb->block_size = 4096;
	sb->root = iget(sb, 1);
	if (IS_ERR(sb->root)) {
		sb_free(sb);
		return;
	}
	sysfs_sb = sb;
	register_filesystem(&sysfs_type);
}
