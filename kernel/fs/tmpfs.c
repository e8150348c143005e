/*
 * tmpfs: files and directories in memory.  A directory is a list of
 * entries; a file is a growable array of pages (holes are NULL pages and
 * read as zeros).  The VFS holds each inode's mutex around changes, which is
 * all the locking an inode's own data needs; tmpfs_lock guards the inode
 * number counter and the memory accounting of a super_block.
 * devtmpfs is a tmpfs into which the kernel puts the device nodes.
 */
#include "fs.h"
#include "vfs.h"
#include "mm.h"
#include "kmalloc.h"
#include "string.h"
#include "chrdev.h"
#include "file.h"
#include <linux/magic.h>
#include <linux/fs.h>
#include <linux/fcntl.h>

struct tmpfs_dirent {
	struct list_head link;
	struct inode *inode;		/* referenced */
	size_t len;
	char name[];
};

struct tmpfs_inode {
	struct list_head entries;	/* directories */
	void **pages;			/* regular files */
	size_t npages;
	char *link;			/* symlinks */
};

struct tmpfs_sb {
	struct spinlock lock;
	ino_t next_ino;
};

static const struct inode_operations tmpfs_dir_iops;
static const struct inode_operations tmpfs_file_iops;
static const struct file_operations tmpfs_dir_fops;
static const struct file_operations tmpfs_file_fops;
static const struct super_operations tmpfs_sops;

#define TI(in) ((struct tmpfs_inode *)(in)->private)

static struct inode *tmpfs_new_inode(struct super_block *sb, umode_t mode, dev_t rdev)
{
	struct tmpfs_sb *ts = sb->private;
	spin_lock(&ts->lock);
	ino_t ino = ts->next_ino++;
	spin_unlock(&ts->lock);
	struct tmpfs_inode *ti = kzalloc(sizeof(*ti));
	if (!ti)
		return NULL;
	struct inode *in = new_inode(sb, ino);
	if (!in) {
		kfree(ti);
		return NULL;
	}
	list_init(&ti->entries);
	in->private = ti;
	in->mode = mode;
	in->rdev = rdev;
	in->nlink = 1;
	in->atime = in->mtime = in->ctime = current_time();
	if (S_ISDIR(mode)) {
		in->i_op = &tmpfs_dir_iops;
		in->i_fop = &tmpfs_dir_fops;
		in->nlink = 2;
	} else if (S_ISREG(mode) || S_ISLNK(mode)) {
		in->i_op = &tmpfs_file_iops;
		in->i_fop = S_ISREG(mode) ? &tmpfs_file_fops : NULL;
	} else {
		in->i_op = &tmpfs_file_iops;
	}
	return in;
}

static struct tmpfs_dirent *find_entry(struct inode *dir, const char *name, size_t len)
{
	struct tmpfs_dirent *e;
	list_for_each_entry(e, &TI(dir)->entries, link)
		if (e->len == len && memcmp(e->name, name, len) == 0)
			return e;
	return NULL;
}

static int add_entry(struct inode *dir, const char *name, size_t len, struct inode *in)
{
	struct tmpfs_dirent *e = kmalloc(sizeof(*e) + len + 1);
	if (!e)
		return -ENOMEM;
	e->inode = igrab(in);
	e->len = len;
	memcpy(e->name, name, len);
	e->name[len] = 0;
	list_add_tail(&e->link, &TI(dir)->entries);
	dir->mtime = dir->ctime = current_time();
	dir->size += 1;
	return 0;
}

static void drop_entry(struct inode *dir, struct tmpfs_dirent *e)
{
	list_del(&e->link);
	iput(e->inode);
	kfree(e);
	dir->mtime = dir->ctime = current_time();
	dir->size -= 1;
}

static int tmpfs_lookup(struct inode *dir, const char *name, size_t len, struct inode **out)
{
	struct tmpfs_dirent *e = find_entry(dir, name, len);
	if (!e)
		return -ENOENT;
	*out = igrab(e->inode);
	return 0;
}

static int tmpfs_create(struct inode *dir, const char *name, size_t len, umode_t mode,
			dev_t rdev, struct inode **out)
{
	struct inode *in = tmpfs_new_inode(dir->sb, mode, rdev);
	if (!in)
		return -ENOSPC;
	int err = add_entry(dir, name, len, in);
	if (err) {
		in->nlink = 0;
		iput(in);
		return err;
	}
	*out = in;
	return 0;
}

static int tmpfs_mkdir(struct inode *dir, const char *name, size_t len, umode_t mode,
		       struct inode **out)
{
	int err = tmpfs_create(dir, name, len, mode, 0, out);
	if (!err)
		dir->nlink++;
	return err;
}

static int tmpfs_symlink(struct inode *dir, const char *name, size_t len, const char *target,
			 struct inode **out)
{
	char *copy = kstrndup(target, PAGE_SIZE);
	if (!copy)
		return -ENOMEM;
	int err = tmpfs_create(dir, name, len, S_IFLNK | 0777, 0, out);
	if (err) {
		kfree(copy);
		return err;
	}
	TI(*out)->link = copy;
	(*out)->size = strlen(copy);
	return 0;
}

static int tmpfs_link(struct inode *target, struct inode *dir, const char *name, size_t len)
{
	int err = add_entry(dir, name, len, target);
	if (!err) {
		target->nlink++;
		target->ctime = current_time();
	}
	return err;
}

static int tmpfs_unlink(struct inode *dir, const char *name, size_t len, struct inode *victim)
{
	struct tmpfs_dirent *e = find_entry(dir, name, len);
	if (!e)
		return -ENOENT;
	victim->nlink--;
	victim->ctime = current_time();
	drop_entry(dir, e);
	return 0;
}

static int tmpfs_rmdir(struct inode *dir, const char *name, size_t len, struct inode *victim)
{
	if (!list_empty(&TI(victim)->entries))
		return -ENOTEMPTY;
	struct tmpfs_dirent *e = find_entry(dir, name, len);
	if (!e)
		return -ENOENT;
	victim->nlink = 0;
	dir->nlink--;
	drop_entry(dir, e);
	return 0;
}

static int tmpfs_rename(struct inode *odir, const char *oname, size_t olen,
			struct inode *ndir, const char *nname, size_t nlen,
			struct inode *src, struct inode *dst, unsigned int flags)
{
	if (flags & RENAME_EXCHANGE)
		return -EINVAL;
	if (dst && S_ISDIR(dst->mode) && !list_empty(&TI(dst)->entries))
		return -ENOTEMPTY;
	int err = add_entry(ndir, nname, nlen, src);
	if (err)
		return err;
	if (dst) {
		struct tmpfs_dirent *old = NULL, *e;
		list_for_each_entry(e, &TI(ndir)->entries, link)
			if (e->inode == dst && e->len == nlen && memcmp(e->name, nname, nlen) == 0)
				old = e;
		if (S_ISDIR(dst->mode)) {
			dst->nlink = 0;
			ndir->nlink--;
		} else {
			dst->nlink--;
		}
		if (old)
			drop_entry(ndir, old);
	}
	if (S_ISDIR(src->mode) && odir != ndir) {
		odir->nlink--;
		ndir->nlink++;
	}
	drop_entry(odir, find_entry(odir, oname, olen));
	return 0;
}

static ssize_t tmpfs_readlink(struct inode *in, char *buf, size_t len)
{
	const char *l = TI(in)->link;
	if (!l)
		return -EINVAL;
	size_t n = MIN(len, strlen(l));
	memcpy(buf, l, n);
	return n;
}

static void free_pages_from(struct tmpfs_inode *ti, size_t first)
{
	for (size_t i = first; i < ti->npages; i++) {
		free_page(ti->pages[i]);
		ti->pages[i] = NULL;
	}
}

static int tmpfs_setattr(struct inode *in, const struct iattr *a)
{
	if (a->valid & ATTR_SIZE) {
		if (!S_ISREG(in->mode))
			return -EINVAL;
		struct tmpfs_inode *ti = TI(in);
		if (a->size < in->size) {
			size_t keep = ALIGN_UP((size_t)a->size, PAGE_SIZE) / PAGE_SIZE;
			free_pages_from(ti, keep);
			size_t off = a->size % PAGE_SIZE;
			if (off && keep <= ti->npages && ti->pages[keep - 1])
				memset((char *)ti->pages[keep - 1] + off, 0, PAGE_SIZE - off);
		}
		in->size = a->size;
		in->mtime = in->ctime = current_time();
	}
	if (a->valid & ATTR_MODE)
		in->mode = a->mode;
	if (a->valid & ATTR_UID)
		in->uid = a->uid;
	if (a->valid & ATTR_GID)
		in->gid = a->gid;
	if (a->valid & ATTR_ATIME)
		in->atime = a->atime;
	if (a->valid & ATTR_MTIME)
		in->mtime = a->mtime;
	if (a->valid & ATTR_CTIME)
		in->ctime = a->ctime;
	return 0;
}

static ssize_t tmpfs_read(struct file *f, void *buf, size_t len, off_t *pos, bool user)
{
	struct inode *in = f->inode;
	struct tmpfs_inode *ti = TI(in);
	size_t done = 0;
	while (done < len && *pos < in->size) {
		size_t idx = *pos / PAGE_SIZE, off = *pos % PAGE_SIZE;
		size_t n = MIN(len - done, PAGE_SIZE - off);
		if ((off_t)n > in->size - *pos)
			n = in->size - *pos;
		void *page = idx < ti->npages ? ti->pages[idx] : NULL;
		int err = page ? copy_out((char *)buf + done, (char *)page + off, n, user)
			       : zero_out((char *)buf + done, n, user);
		if (err)
			return done ? (ssize_t)done : err;
		done += n;
		*pos += n;
	}
	return done;
}

static int grow_pages(struct tmpfs_inode *ti, size_t need)
{
	if (need <= ti->npages)
		return 0;
	size_t cap = MAX(need, ti->npages * 2);
	void **pages = kzalloc(cap * sizeof(void *));
	if (!pages)
		return -ENOSPC;
	if (ti->pages)
		memcpy(pages, ti->pages, ti->npages * sizeof(void *));
	kfree(ti->pages);
	ti->pages = pages;
	ti->npages = cap;
	return 0;
}

static ssize_t tmpfs_write(struct file *f, const void *buf, size_t len, off_t *pos, bool user)
{
	struct inode *in = f->inode;
	struct tmpfs_inode *ti = TI(in);
	mutex_lock(&in->lock);
	if (f->flags & O_APPEND)
		*pos = in->size;
	size_t done = 0;
	int err = grow_pages(ti, ALIGN_UP(*pos + len, PAGE_SIZE) / PAGE_SIZE);
	while (!err && done < len) {
		size_t idx = *pos / PAGE_SIZE, off = *pos % PAGE_SIZE;
		size_t n = MIN(len - done, PAGE_SIZE - off);
		if (!ti->pages[idx] && !(ti->pages[idx] = get_zeroed_page())) {
			err = -ENOSPC;
			break;
		}
		if ((err = copy_in((char *)ti->pages[idx] + off, (const char *)buf + done, n, user)))
			break;
		done += n;
		*pos += n;
		if (*pos > in->size)
			in->size = *pos;
	}
	if (done)
		in->mtime = in->ctime = current_time();
	in->blocks = 0;
	mutex_unlock(&in->lock);
	return done ? (ssize_t)done : err;
}

static int tmpfs_iterate(struct file *f, struct dir_context *ctx)
{
	struct inode *dir = f->inode;
	off_t i = 0;
	if (ctx->pos == 0) {
		ctx->pos = 1;
		if (!ctx->emit(ctx, ".", 1, dir->ino, DT_DIR))
			return 0;
		f->pos = 1;
	}
	if (ctx->pos == 1) {
		ctx->pos = 2;
		if (!ctx->emit(ctx, "..", 2, dir->ino, DT_DIR))
			return 0;
		f->pos = 2;
	}
	struct tmpfs_dirent *e;
	list_for_each_entry(e, &TI(dir)->entries, link) {
		if (i++ < ctx->pos - 2)
			continue;
		ctx->pos++;
		if (!ctx->emit(ctx, e->name, e->len, e->inode->ino, (e->inode->mode >> 12) & 15))
			return 0;
		f->pos = ctx->pos;
	}
	return 0;
}

static void tmpfs_evict(struct inode *in)
{
	struct tmpfs_inode *ti = in->private;
	if (!ti)
		return;
	free_pages_from(ti, 0);
	kfree(ti->pages);
	kfree(ti->link);
	kfree(ti);
}

static int tmpfs_statfs(struct super_block *sb, struct statfs_info *st)
{
	st->type = TMPFS_MAGIC;
	st->bsize = PAGE_SIZE;
	st->blocks = nr_total_pages() / 2;
	st->bfree = st->bavail = MIN(nr_free_pages(), st->blocks);
	st->namelen = 255;
	return 0;
}

static const struct inode_operations tmpfs_dir_iops = {
	.lookup = tmpfs_lookup, .create = tmpfs_create, .mkdir = tmpfs_mkdir,
	.symlink = tmpfs_symlink, .link = tmpfs_link, .unlink = tmpfs_unlink,
	.rmdir = tmpfs_rmdir, .rename = tmpfs_rename, .setattr = tmpfs_setattr,
};
static const struct inode_operations tmpfs_file_iops = {
	.readlink = tmpfs_readlink, .setattr = tmpfs_setattr,
};
static const struct file_operations tmpfs_dir_fops = { .iterate = tmpfs_iterate };
static const struct file_operations tmpfs_file_fops = {
	.read = tmpfs_read, .write = tmpfs_write,
};
static void tmpfs_put_super(struct super_block *sb)
{
	kfree(sb->private);
}

static const struct super_operations tmpfs_sops = {
	.evict_inode = tmpfs_evict, .statfs = tmpfs_statfs, .put_super = tmpfs_put_super,
};

static umode_t parse_mode(const char *data, umode_t def)
{
	if (!data)
		return def;
	for (const char *p = data; *p; p++) {
		if ((p == data || p[-1] == ',') && strncmp(p, "mode=", 5) == 0) {
			umode_t m = 0;
			for (p += 5; *p >= '0' && *p <= '7'; p++)
				m = m * 8 + (*p - '0');
			return m & 07777;
		}
	}
	return def;
}

static int tmpfs_mount(struct file_system_type *type, struct blockdev *bdev,
		       unsigned long flags, const char *data, struct super_block **out)
{
	struct super_block *sb = sb_alloc(type, NULL);
	struct tmpfs_sb *ts = kzalloc(sizeof(*ts));
	if (!sb || !ts) {
		if (sb)
			sb_free(sb);
		kfree(ts);
		return -ENOMEM;
	}
	spin_init(&ts->lock, "tmpfs");
	ts->next_ino = 1;
	sb->private = ts;
	sb->s_op = &tmpfs_sops;
	sb->magic = TMPFS_MAGIC;
	sb->pcache = true;
	sb->block_size = PAGE_SIZE;
	sb->flags = flags;
	sb->root = tmpfs_new_inode(sb, S_IFDIR | parse_mode(data, 01777), 0);
	if (!sb->root)
		return -ENOMEM;
	*out = sb;
	return 0;
}

/*
 * The last mount of a tmpfs went: every file goes with it.  Directory
 * entries hold their inodes, so the tree is emptied from the root with a
 * list of entries still to put instead of recursion (a tree may be deeper
 * than a kernel stack allows): a directory's entries join the list before
 * the directory itself is put, empty.
 */
static void tmpfs_kill_sb(struct super_block *sb)
{
	LIST_HEAD(pending);
	struct list_head *root_entries = &TI(sb->root)->entries;
	while (!list_empty(root_entries)) {
		struct tmpfs_dirent *e = list_first_entry(root_entries, struct tmpfs_dirent, link);
		list_del(&e->link);
		list_add(&e->link, &pending);
	}
	while (!list_empty(&pending)) {
		struct tmpfs_dirent *e = list_first_entry(&pending, struct tmpfs_dirent, link);
		list_del(&e->link);
		struct inode *in = e->inode;
		if (S_ISDIR(in->mode)) {
			struct list_head *entries = &TI(in)->entries;
			while (!list_empty(entries)) {
				struct tmpfs_dirent *c = list_first_entry(entries, struct tmpfs_dirent,
									  link);
				list_del(&c->link);
				list_add(&c->link, &pending);
			}
		}
		iput(in);
		kfree(e);
	}
	kill_anon_super(sb);
}

static struct file_system_type tmpfs_type = {
	.name = "tmpfs", .mount = tmpfs_mount, .kill_sb = tmpfs_kill_sb,
};

/* devtmpfs: one instance shared by every mount, holding the device nodes. */
static struct super_block *devtmpfs_sb;

static int devtmpfs_mount(struct file_system_type *type, struct blockdev *bdev,
			  unsigned long flags, const char *data, struct super_block **out)
{
	if (!devtmpfs_sb)
		return -ENODEV;
	*out = sb_get(devtmpfs_sb);
	return 0;
}

static struct file_system_type devtmpfs_type = { .name = "devtmpfs", .mount = devtmpfs_mount };

/* devpts: the /dev/pts nodes of the pseudo-terminals, one instance.  It is
 * also linked into devtmpfs as "pts", so the nodes are there even before
 * anyone mounts devpts on /dev/pts. */
static struct super_block *devpts_sb;

static int devpts_mount(struct file_system_type *type, struct blockdev *bdev,
			unsigned long flags, const char *data, struct super_block **out)
{
	if (!devpts_sb)
		return -ENODEV;
	*out = sb_get(devpts_sb);
	return 0;
}

static struct file_system_type devpts_type = { .name = "devpts", .mount = devpts_mount };

static void pts_name(int index, char *name)
{
	int n = 0;
	char tmp[12];
	do {
		tmp[n++] = '0' + index % 10;
		index /= 10;
	} while (index);
	for (int i = 0; i < n; i++)
		name[i] = tmp[n - 1 - i];
	name[n] = 0;
}

int devpts_add(int index, uid_t uid)
{
	char name[12];
	struct inode *in, *dir = devpts_sb->root;
	pts_name(index, name);
	mutex_lock(&dir->lock);
	int err = tmpfs_create(dir, name, strlen(name), S_IFCHR | 0620,
			       MKDEV(136 + index / 256, index % 256), &in);
	mutex_unlock(&dir->lock);
	if (err)
		return err;
	in->uid = uid;
	in->gid = 5;	/* tty */
	iput(in);
	return 0;
}

void devpts_remove(int index)
{
	char name[12];
	struct inode *dir = devpts_sb->root;
	pts_name(index, name);
	mutex_lock(&dir->lock);
	struct tmpfs_dirent *e = find_entry(dir, name, strlen(name));
	if (e) {
		e->inode->nlink = 0;
		drop_entry(dir, e);
	}
	mutex_unlock(&dir->lock);
	/* The VFS may have cached the name: refresh at next lookup. */
}

static void dev_node(const char *name, umode_t mode, dev_t dev)
{
	struct inode *in;
	if (tmpfs_create(devtmpfs_sb->root, name, strlen(name), mode, dev, &in) == 0)
		iput(in);
}

/* The instance that holds System V shared memory: never mounted. */
static struct super_block *shm_sb;

struct file *shmem_file_setup(off_t size)
{
	if (!shm_sb)
		return ERR_PTR(-ENOMEM);
	struct inode *in = tmpfs_new_inode(shm_sb, S_IFREG | 0600, 0);
	if (!in)
		return ERR_PTR(-ENOMEM);
	in->size = size;
	struct file *f = file_alloc(in, &tmpfs_file_fops, O_RDWR);
	iput(in);		/* the file holds it now */
	if (!f)
		return ERR_PTR(-ENOMEM);
	f->mode = FMODE_READ | FMODE_WRITE;
	return f;
}

void tmpfs_init(void)
{
	register_filesystem(&tmpfs_type);
	register_filesystem(&devtmpfs_type);
	register_filesystem(&devpts_type);
	if (tmpfs_mount(&devtmpfs_type, NULL, 0, "mode=0755", &devtmpfs_sb) ||
	    tmpfs_mount(&devpts_type, NULL, 0, "mode=0755", &devpts_sb) ||
	    tmpfs_mount(&tmpfs_type, NULL, 0, "mode=0755", &shm_sb))
		return;
	dev_node("null", S_IFCHR | 0666, MKDEV(MEM_MAJOR, 3));
	dev_node("zero", S_IFCHR | 0666, MKDEV(MEM_MAJOR, 5));
	dev_node("full", S_IFCHR | 0666, MKDEV(MEM_MAJOR, 7));
	dev_node("random", S_IFCHR | 0666, MKDEV(MEM_MAJOR, 8));
	dev_node("urandom", S_IFCHR | 0666, MKDEV(MEM_MAJOR, 9));
	dev_node("kmsg", S_IFCHR | 0644, MKDEV(MEM_MAJOR, 11));
	dev_node("tty", S_IFCHR | 0666, MKDEV(TTY_MAJOR, 0));
	dev_node("console", S_IFCHR | 0600, MKDEV(TTY_MAJOR, 1));
	dev_node("hvc0", S_IFCHR | 0600, MKDEV(HVC_MAJOR, 0));
	dev_node("vda", S_IFBLK | 0660, MKDEV(254, 0));
	struct inode *in;
	dev_node("ptmx", S_IFCHR | 0666, MKDEV(TTY_MAJOR, 2));
	if (add_entry(devtmpfs_sb->root, "pts", 3, devpts_sb->root) == 0)
		devtmpfs_sb->root->nlink++;
	if (tmpfs_mkdir(devtmpfs_sb->root, "shm", 3, S_IFDIR | 01777, &in) == 0)
		iput(in);
	/* Where init mounts the IPC namespace's message queues. */
	if (tmpfs_mkdir(devtmpfs_sb->root, "mqueue", 6, S_IFDIR | 0755, &in) == 0)
		iput(in);
}
