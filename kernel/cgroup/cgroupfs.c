/*
 * The "cgroup2" file system: the cgroup tree as directories and files.
 * One super block per cgroup that is the root of a mount (the root
 * cgroup, or the root of the mounter's cgroup namespace), kept in
 * cgroup->sb under cgroup_mutex, so every mount from the same root shares
 * it.  Names come and go on their own (another mount's mkdir, a process
 * moving changes nothing but a controller enabled shows files), so the
 * VFS trusts no cached name here (no_dcache): each is revalidated.
 *
 * Inode numbers: the cgroup's id above CGROUP_INO_SHIFT, and the file's
 * index + 1 in the table of cgroup files below it (0: the directory).
 * An inode holds a reference on its cgroup (inode->private); its owner
 * and mode are the cgroup's attributes, which setattr changes (under
 * cgroup_mutex) for every mount at once.  A file's text is generated when
 * it is read from offset 0, so reading a file again after lseek(0) shows
 * the present, as Linux's.
 */
#include "cgroup.h"
#include "internal.h"
#include "fs.h"
#include "vfs.h"
#include "proc.h"
#include "kmalloc.h"
#include "string.h"
#include "mm.h"
#include <linux/magic.h>

#define CGROUP_INO_SHIFT	6
#define INO_OF(id, idx)		(((ino_t)(id) << CGROUP_INO_SHIFT) | (ino_t)((idx) + 1))
#define INO_DIR(id)		((ino_t)(id) << CGROUP_INO_SHIFT)
#define INO_ID(ino)		((unsigned int)((ino) >> CGROUP_INO_SHIFT))
#define INO_IDX(ino)		((int)((ino) & ((1u << CGROUP_INO_SHIFT) - 1)) - 1)
#define TEXT_MAX		(256 * 1024)	/* cgroup.procs of every task */
#define CHILDREN_POS		(2 + CGROUP_MAX_FILES)	/* readdir's first child */

static const struct inode_operations cgroupfs_dir_iops;
static const struct inode_operations cgroupfs_file_iops;
static const struct file_operations cgroupfs_dir_fops;
static const struct file_operations cgroupfs_file_fops;
static struct file_system_type cgroup2_type;

#define CG(in) ((struct cgroup *)(in)->private)

/* The attributes of the name inode stands for (cgroup_mutex). */
static struct cgroup_attr *attr_of(struct inode *in)
{
	int idx = INO_IDX(in->ino);
	return idx < 0 ? &CG(in)->dir_attr : &CG(in)->attrs[idx];
}

static void refresh_attrs(struct inode *in)
{
	mutex_lock(&cgroup_mutex);
	struct cgroup_attr *a = attr_of(in);
	in->uid = a->uid;
	in->gid = a->gid;
	in->mode = a->mode;
	mutex_unlock(&cgroup_mutex);
}

static int cgroupfs_read_inode(struct inode *in)
{
	struct cgroup *cgrp = cgroup_find_id(INO_ID(in->ino));
	if (!cgrp)
		return -ENOENT;
	in->private = cgrp;
	int idx = INO_IDX(in->ino);
	if (idx >= cgroup_nr_files()) {
		in->private = NULL;
		cgroup_put(cgrp);
		return -ENOENT;
	}
	in->nlink = idx < 0 ? 2 : 1;
	in->atime = in->mtime = in->ctime = current_time();
	in->i_op = idx < 0 ? &cgroupfs_dir_iops : &cgroupfs_file_iops;
	in->i_fop = idx < 0 ? &cgroupfs_dir_fops : &cgroupfs_file_fops;
	struct cgroup_attr *a = attr_of(in);
	in->uid = a->uid;
	in->gid = a->gid;
	in->mode = a->mode;
	return 0;
}

static void cgroupfs_evict(struct inode *in)
{
	cgroup_put(in->private);
	in->private = NULL;
}

static int cgroupfs_iget(struct super_block *sb, ino_t ino, struct inode **out)
{
	struct inode *in = iget(sb, ino);
	if (IS_ERR(in))
		return PTR_ERR(in);
	refresh_attrs(in);
	*out = in;
	return 0;
}

/* Is the string a the len bytes at name?  Stops at the first difference
 * (a lookup compares a name with every file of the table). */
static bool name_is(const char *a, const char *name, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (a[i] != name[i])
			return false;
	return a[len] == '\0';
}

static int cgroupfs_lookup(struct inode *dir, const char *name, size_t len, struct inode **out)
{
	struct cgroup *cgrp = CG(dir), *c;
	int n = cgroup_nr_files();
	for (int i = 0; i < n; i++) {
		const char *file = cgroup_file(i)->cft->name;
		if (file[0] == name[0] && name_is(file, name, len) && cgroup_file_visible(cgrp, i))
			return cgroupfs_iget(dir->sb, INO_OF(cgrp->id, i), out);
	}
	unsigned int id = 0;
	spin_lock(&css_set_lock);
	list_for_each_entry(c, &cgrp->children, sibling)
		if (name_is(c->name, name, len))
			id = c->id;
	spin_unlock(&css_set_lock);
	return id ? cgroupfs_iget(dir->sb, INO_DIR(id), out) : -ENOENT;
}

/*
 * A cached name still means its inode: a file while its controller is
 * enabled here, a child group while it has not been removed (groups are
 * never renamed, and a removed one's number is never reused).  Its owner
 * and mode are brought up to date, as a lookup would.
 */
static bool cgroupfs_revalidate(struct inode *dir, const char *name, size_t len,
				struct inode *in)
{
	(void)name;
	(void)len;
	struct cgroup *cgrp = CG(in);
	int idx = INO_IDX(in->ino);
	bool valid;
	if (!cgrp || __atomic_load_n(&cgrp->dead, __ATOMIC_ACQUIRE))
		return false;
	if (idx >= 0)
		valid = cgrp == CG(dir) && cgroup_file_visible(cgrp, idx);
	else
		valid = cgrp->parent == CG(dir);
	if (valid)
		refresh_attrs(in);
	return valid;
}

static int cgroupfs_mkdir(struct inode *dir, const char *name, size_t len, umode_t mode,
			  struct inode **out)
{
	for (size_t i = 0; i < len; i++)
		if (name[i] == '\n')
			return -EINVAL;
	struct cgroup *child;
	int err = cgroup_mkdir(CG(dir), name, len, mode, &child);
	if (err)
		return err;
	err = cgroupfs_iget(dir->sb, INO_DIR(child->id), out);
	cgroup_put(child);
	if (!err)
		dir->nlink++;
	return err;
}

/* Only mkdir makes anything here: a regular file is refused as Linux's
 * vfs_create refuses it without a create operation (EACCES), anything
 * else as its vfs_mknod does (EPERM). */
static int cgroupfs_create(struct inode *dir, const char *name, size_t len, umode_t mode,
			   dev_t rdev, struct inode **out)
{
	return S_ISREG(mode) ? -EACCES : -EPERM;
}

static int cgroupfs_rmdir(struct inode *dir, const char *name, size_t len, struct inode *victim)
{
	int err = cgroup_rmdir(CG(victim));
	if (!err) {
		victim->nlink = 0;
		dir->nlink--;
	}
	return err;
}

/* chown and chmod change the cgroup's attributes (every mount sees them);
 * sizes and times are accepted and forgotten (a shell's O_TRUNC). */
static int cgroupfs_setattr(struct inode *in, const struct iattr *a)
{
	mutex_lock(&cgroup_mutex);
	struct cgroup_attr *attr = attr_of(in);
	if (a->valid & ATTR_MODE)
		attr->mode = in->mode = (in->mode & S_IFMT) | (a->mode & 07777);
	if (a->valid & ATTR_UID)
		attr->uid = in->uid = a->uid;
	if (a->valid & ATTR_GID)
		attr->gid = in->gid = a->gid;
	if (a->valid & ATTR_CTIME)
		in->ctime = a->ctime;
	mutex_unlock(&cgroup_mutex);
	return 0;
}

static unsigned int dtype(umode_t mode)
{
	return S_ISDIR(mode) ? DT_DIR : DT_REG;
}

/* ".", "..", the files this cgroup shows (by table index), the children
 * (by place in the list); a position names one of them. */
static int cgroupfs_iterate(struct file *f, struct dir_context *ctx)
{
	struct inode *dir = f->inode;
	struct cgroup *cgrp = CG(dir);
	/* Position 0 is ".", 1 "..": the name is ctx->pos characters of "..". */
	for (; ctx->pos < 2; f->pos = ctx->pos) {
		ctx->pos++;
		if (!ctx->emit(ctx, "..", ctx->pos, dir->ino, DT_DIR))
			return 0;
	}
	for (; ctx->pos < CHILDREN_POS; f->pos = ctx->pos) {
		int i = ctx->pos - 2;
		ctx->pos++;
		if (!cgroup_file_visible(cgrp, i))
			continue;
		const char *name = cgroup_file(i)->cft->name;
		if (!ctx->emit(ctx, name, strlen(name), INO_OF(cgrp->id, i), DT_REG))
			return 0;
	}
	for (;;) {
		char name[CGROUP_NAME_MAX + 1];
		unsigned int id = 0;
		off_t k = ctx->pos - CHILDREN_POS;
		struct cgroup *c;
		spin_lock(&css_set_lock);
		list_for_each_entry(c, &cgrp->children, sibling) {
			if (k-- == 0) {
				id = c->id;
				strlcpy(name, c->name, sizeof(name));
				break;
			}
		}
		spin_unlock(&css_set_lock);
		if (!id)
			return 0;
		ctx->pos++;
		if (!ctx->emit(ctx, name, strlen(name), INO_DIR(id), dtype(S_IFDIR)))
			return 0;
		f->pos = ctx->pos;
	}
}

/* ---- files ---- */

/* An open file's text; lock serialises its readers (pread at 0 from two
 * threads would otherwise both regenerate it). */
struct cgroup_open {
	struct mutex lock;
	struct cgroup_buf text;
};

static const struct cftype *cft_of(struct inode *in)
{
	return cgroup_file(INO_IDX(in->ino))->cft;
}

static int cgroupfs_open(struct inode *in, struct file *f)
{
	const struct cftype *cft = cft_of(in);
	if (((f->mode & FMODE_READ) && !cft->show) || ((f->mode & FMODE_WRITE) && !cft->write))
		return -EACCES;
	struct cgroup_open *o = kzalloc(sizeof(*o));
	if (!o)
		return -ENOMEM;
	mutex_init(&o->lock, "cgroup file");
	f->private = o;
	return 0;
}

static int cgroupfs_release(struct inode *in, struct file *f)
{
	struct cgroup_open *o = f->private;
	if (o)
		kfree(o->text.buf);
	kfree(o);
	return 0;
}

static int generate(struct inode *in, struct cgroup_open *o)
{
	const struct cftype *cft = cft_of(in);
	for (size_t cap = PAGE_SIZE; cap <= TEXT_MAX; cap *= 2) {
		kfree(o->text.buf);
		o->text = (struct cgroup_buf){ kmalloc(cap), 0, cap, false };
		if (!o->text.buf)
			return -ENOMEM;
		int err = cft->show(CG(in), &o->text);
		if (err)
			return err;
		if (!o->text.overflow)
			return 0;
	}
	return -EFBIG;
}

static ssize_t cgroupfs_read(struct file *f, void *buf, size_t len, off_t *pos, bool user)
{
	struct cgroup_open *o = f->private;
	ssize_t ret = 0;
	mutex_lock(&o->lock);
	if (*pos == 0 || !o->text.buf)
		ret = generate(f->inode, o);
	if (!ret && *pos < (off_t)o->text.len) {
		size_t n = MIN(len, o->text.len - *pos);
		ret = copy_out(buf, o->text.buf + *pos, n, user) ? -EFAULT : (ssize_t)n;
		if (ret > 0)
			*pos += n;
	}
	mutex_unlock(&o->lock);
	return ret;
}

/* One write is one command, as on Linux (at most a page). */
static ssize_t cgroupfs_write(struct file *f, const void *buf, size_t len, off_t *pos, bool user)
{
	if (len > PAGE_SIZE)
		return -E2BIG;
	char *kbuf = kmalloc(len + 1);
	if (!kbuf)
		return -ENOMEM;
	if (copy_in(kbuf, buf, len, user)) {
		kfree(kbuf);
		return -EFAULT;
	}
	kbuf[len] = 0;
	mutex_lock(&cgroup_mutex);
	ssize_t ret = cft_of(f->inode)->write(CG(f->inode), kbuf, len, f);
	mutex_unlock(&cgroup_mutex);
	kfree(kbuf);
	if (ret > 0)
		*pos += ret;
	return ret;
}

static const struct inode_operations cgroupfs_dir_iops = {
	.lookup = cgroupfs_lookup, .revalidate = cgroupfs_revalidate,
	.create = cgroupfs_create, .mkdir = cgroupfs_mkdir,
	.rmdir = cgroupfs_rmdir,
	.setattr = cgroupfs_setattr,
};
static const struct inode_operations cgroupfs_file_iops = { .setattr = cgroupfs_setattr };
static const struct file_operations cgroupfs_dir_fops = { .iterate = cgroupfs_iterate };
static const struct file_operations cgroupfs_file_fops = {
	.open = cgroupfs_open, .release = cgroupfs_release,
	.read = cgroupfs_read, .write = cgroupfs_write,
};

struct cgroup *cgroup_of_file(struct file *f)
{
	struct inode *in = f->inode;
	if (!in || in->sb->type != &cgroup2_type || !S_ISDIR(in->mode))
		return NULL;
	return cgroup_get(CG(in));
}

/* ---- the file system ---- */

static int cgroupfs_statfs(struct super_block *sb, struct statfs_info *st)
{
	st->type = CGROUP2_SUPER_MAGIC;
	st->bsize = PAGE_SIZE;
	st->namelen = CGROUP_NAME_MAX;
	return 0;
}

static void cgroupfs_put_super(struct super_block *sb)
{
	cgroup_put(sb->private);
}

static const struct super_operations cgroupfs_sops = {
	.read_inode = cgroupfs_read_inode, .evict_inode = cgroupfs_evict,
	.statfs = cgroupfs_statfs, .put_super = cgroupfs_put_super,
};

/* A reference to sb unless its last one is gone (it is being killed). */
static bool sb_get_live(struct super_block *sb)
{
	int n = __atomic_load_n(&sb->refcnt, __ATOMIC_RELAXED);
	while (n > 0)
		if (__atomic_compare_exchange_n(&sb->refcnt, &n, n + 1, false, __ATOMIC_ACQUIRE,
						__ATOMIC_RELAXED))
			return true;
	return false;
}

/* The hierarchy from the root of the mounter's cgroup namespace; mount
 * options (Linux's nsdelegate and the like) change nothing here. */
static int cgroup2_mount(struct file_system_type *type, struct blockdev *bdev,
			 unsigned long flags, const char *data, struct super_block **out)
{
	struct cgroup *root = current_cgroup_ns_root();
	int err = 0;
	mutex_lock(&cgroup_mutex);
	if (root->sb && sb_get_live(root->sb)) {
		*out = root->sb;
		goto out;
	}
	struct super_block *sb = sb_alloc(type, NULL);
	if (!sb) {
		err = -ENOMEM;
		goto out;
	}
	sb->s_op = &cgroupfs_sops;
	sb->magic = CGROUP2_SUPER_MAGIC;
	sb->no_dcache = true;
	sb->flags = flags;
	sb->block_size = PAGE_SIZE;
	sb->private = cgroup_get(root);
	mutex_unlock(&cgroup_mutex);
	struct inode *in = iget(sb, INO_DIR(root->id));
	mutex_lock(&cgroup_mutex);
	if (IS_ERR(in)) {
		err = PTR_ERR(in);
		cgroup_put(sb->private);
		sb_free(sb);
		goto out;
	}
	sb->root = in;
	root->sb = sb;
	*out = sb;
out:
	mutex_unlock(&cgroup_mutex);
	return err;
}

static void cgroup2_kill_sb(struct super_block *sb)
{
	struct cgroup *root = sb->private;
	mutex_lock(&cgroup_mutex);
	if (root->sb == sb)
		root->sb = NULL;
	mutex_unlock(&cgroup_mutex);
	kill_anon_super(sb);
}

static struct file_system_type cgroup2_type = {
	.name = "cgroup2", .mount = cgroup2_mount, .kill_sb = cgroup2_kill_sb,
};

void cgroupfs_init(void)
{
	cgroup_init();
	register_filesystem(&cgroup2_type);
}
