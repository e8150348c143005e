/*
 * debugfs (debugfs.h): the registered files and the file system showing
 * them.  files[] only grows: debugfs_lock serialises registrations and
 * each is published by a release store of nr_files, so lookups and
 * listings read the table without the lock.  Inode numbers: 1 is the
 * root directory, 2 + i the file files[i].
 */
#include "debugfs.h"
#include "fs.h"
#include "vfs.h"
#include "spinlock.h"
#include "string.h"
#include <linux/magic.h>

#define DEBUGFS_ROOT_INO	1
#define DEBUGFS_FIRST_INO	2

struct debugfs_file {
	const char *name;
	umode_t mode;
	const struct file_operations *fops;
};

static struct debugfs_file files[DEBUGFS_MAX_FILES];
static int nr_files;
static struct spinlock debugfs_lock = SPINLOCK_INIT("debugfs");

int debugfs_create_file(const char *name, umode_t mode, const struct file_operations *fops)
{
	int err = 0;
	spin_lock(&debugfs_lock);
	if (nr_files == DEBUGFS_MAX_FILES) {
		err = -ENOSPC;
	} else {
		files[nr_files] = (struct debugfs_file){ name, S_IFREG | (mode & 07777), fops };
		__atomic_store_n(&nr_files, nr_files + 1, __ATOMIC_RELEASE);
	}
	spin_unlock(&debugfs_lock);
	return err;
}

static int files_published(void)
{
	return __atomic_load_n(&nr_files, __ATOMIC_ACQUIRE);
}

static int debugfs_lookup(struct inode *dir, const char *name, size_t len, struct inode **out)
{
	int n = files_published();
	for (int i = 0; i < n; i++) {
		if (strlen(files[i].name) != len || memcmp(files[i].name, name, len))
			continue;
		struct inode *in = iget(dir->sb, DEBUGFS_FIRST_INO + i);
		if (IS_ERR(in))
			return PTR_ERR(in);
		*out = in;
		return 0;
	}
	return -ENOENT;
}

/* Positions: 0 ".", 1 "..", 2 + i the file files[i]; ctx->pos is the
 * position after the entry while it is emitted, as the VFS wants. */
static int debugfs_iterate(struct file *f, struct dir_context *ctx)
{
	int n = files_published();
	while (ctx->pos < DEBUGFS_FIRST_INO + n) {
		off_t at = ctx->pos;
		const char *name = at == 0 ? "." : at == 1 ? ".." : files[at - DEBUGFS_FIRST_INO].name;
		ino_t ino = at < DEBUGFS_FIRST_INO ? DEBUGFS_ROOT_INO : (ino_t)at;
		ctx->pos = at + 1;
		if (!ctx->emit(ctx, name, strlen(name), ino, at < DEBUGFS_FIRST_INO ? DT_DIR : DT_REG)) {
			ctx->pos = at;
			return 0;
		}
	}
	f->pos = ctx->pos;
	return 0;
}

static const struct inode_operations debugfs_dir_iops = { .lookup = debugfs_lookup };
static const struct file_operations debugfs_dir_fops = { .iterate = debugfs_iterate };

static int debugfs_read_inode(struct inode *in)
{
	in->atime = in->mtime = in->ctime = current_time();
	if (in->ino == DEBUGFS_ROOT_INO) {
		in->mode = S_IFDIR | 0700;
		in->nlink = 2;
		in->i_op = &debugfs_dir_iops;
		in->i_fop = &debugfs_dir_fops;
		return 0;
	}
	int i = in->ino - DEBUGFS_FIRST_INO;
	if (i < 0 || i >= files_published())
		return -ENOENT;
	in->mode = files[i].mode;
	in->nlink = 1;
	in->i_fop = files[i].fops;
	return 0;
}

static const struct super_operations debugfs_sops = { .read_inode = debugfs_read_inode };

static int debugfs_mount(struct file_system_type *type, struct blockdev *bdev,
			 unsigned long flags, const char *data, struct super_block **out)
{
	struct super_block *sb = sb_alloc(type, NULL);
	if (!sb)
		return -ENOMEM;
	sb->s_op = &debugfs_sops;
	sb->magic = DEBUGFS_MAGIC;
	sb->flags = flags;
	sb->root = iget(sb, DEBUGFS_ROOT_INO);
	if (IS_ERR(sb->root)) {
		int err = PTR_ERR(sb->root);
		sb_free(sb);
		return err;
	}
	*out = sb;
	return 0;
}

static struct file_system_type debugfs_type = {
	.name = "debugfs", .mount = debugfs_mount, .kill_sb = kill_anon_super,
};

void debugfs_init(void)
{
	register_filesystem(&debugfs_type);
}
