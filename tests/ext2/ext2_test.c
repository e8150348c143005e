/*
 * ext2 on the host: drives the file system through its operation tables the
 * way the VFS does, on an image file made by mke2fs.
 *
 *   ext2_test IMAGE TAG write    make files, check them, unmount
 *   ext2_test IMAGE TAG verify   mount again and check what write left
 *   ext2_test IMAGE TAG populated  read and change an image made by mke2fs -d
 *   ext2_test IMAGE TAG fuzz     use corrupted copies of IMAGE: no crash
 *
 * Prints "PASS TAG-name" or "FAIL TAG-name: why" per check; e2fsck and
 * debugfs then judge the image from outside (run.sh).
 */
#include "types.h"
#include "fs.h"
#include "bcache.h"
#include "string.h"
#include "host.h"
#include "shim.h"
#include "ext2.h"	/* S_IF* where <linux/stat.h> hides them */
#include "xattr.h"

#define BIG_SIZE	(20u << 20)	/* the 20 MiB file */
#define MANY		3000		/* entries in one directory */
#define CHUNK		(64u << 10)

static const char *tag;
static struct super_block *sb;
static struct inode *root;

static void report(bool ok, const char *name, const char *why)
{
	if (ok)
		printf("PASS %s-%s\n", tag, name);
	else
		printf("FAIL %s-%s: %s\n", tag, name, why);
}
#define CHECK(name, cond) report((cond), (name), #cond)

static struct file open_file(struct inode *inode)
{
	struct file f = { .inode = inode, .f_op = inode->i_fop, .mode = FMODE_READ | FMODE_WRITE };
	return f;
}

static ssize_t write_at(struct inode *inode, off_t pos, const void *buf, size_t n)
{
	struct file f = open_file(inode);
	return inode->i_fop->write(&f, buf, n, &pos, false);
}

static ssize_t read_at(struct inode *inode, off_t pos, void *buf, size_t n)
{
	struct file f = open_file(inode);
	return inode->i_fop->read(&f, buf, n, &pos, false);
}

/* The inode name names in dir, or NULL (err has why). */
static struct inode *lookup(struct inode *dir, const char *name, int *err)
{
	struct inode *inode = NULL;
	int e = dir->i_op->lookup(dir, name, strlen(name), &inode);

	if (err)
		*err = e;
	return e ? NULL : inode;
}

static struct inode *create(struct inode *dir, const char *name, umode_t mode)
{
	struct inode *inode = NULL;

	if (dir->i_op->create(dir, name, strlen(name), S_IFREG | mode, 0, &inode))
		return NULL;
	return inode;
}

static struct inode *mkdir(struct inode *dir, const char *name)
{
	struct inode *inode = NULL;

	if (dir->i_op->mkdir(dir, name, strlen(name), 0755, &inode))
		return NULL;
	return inode;
}

static int unlink(struct inode *dir, const char *name)
{
	int err;
	struct inode *victim = lookup(dir, name, &err);

	if (!victim)
		return err;
	err = S_ISDIR(victim->mode) ?
		dir->i_op->rmdir(dir, name, strlen(name), victim) :
		dir->i_op->unlink(dir, name, strlen(name), victim);
	iput(victim);
	return err;
}

static int rename(struct inode *od, const char *on, struct inode *nd, const char *nn)
{
	int err;
	struct inode *source = lookup(od, on, &err), *target;

	if (!source)
		return err;
	target = lookup(nd, nn, NULL);
	err = od->i_op->rename(od, on, strlen(on), nd, nn, strlen(nn), source, target, 0);
	iput(source);
	if (target)
		iput(target);
	return err;
}

/* Whole-file contents compare. */
static bool file_is(struct inode *dir, const char *name, const char *want)
{
	char buf[256];
	struct inode *inode = lookup(dir, name, NULL);
	ssize_t n;

	if (!inode)
		return false;
	n = read_at(inode, 0, buf, sizeof(buf));
	iput(inode);
	return n == (ssize_t)strlen(want) && memcmp(buf, want, (size_t)n) == 0;
}

struct counter {
	struct dir_context ctx;
	int n, budget;		/* budget: entries before "buffer full" */
	bool dots;
};

static bool count_emit(struct dir_context *ctx, const char *name, size_t len,
		       ino_t ino, unsigned int dtype)
{
	struct counter *c = container_of(ctx, struct counter, ctx);

	(void)ino;
	(void)dtype;
	if (c->budget-- == 0)
		return false;
	if ((len == 1 && name[0] == '.') || (len == 2 && name[0] == '.' && name[1] == '.'))
		c->dots = true;
	c->n++;
	return true;
}

/* Entries of dir read through iterate with a small buffer, as getdents
 * does: each call takes at most 7 entries and resumes at file->pos. */
static int count_entries(struct inode *dir)
{
	struct file f = open_file(dir);
	struct counter c = { .ctx.emit = count_emit };
	int before;

	do {
		before = c.n;
		c.budget = 7;
		if (dir->i_fop->iterate(&f, &c.ctx))
			return -1;
	} while (c.n != before);
	return c.n;
}

static uint8_t pattern(uint64_t pos)
{
	return (uint8_t)(pos * 7 + (pos >> 12) * 13);
}

static bool write_big(struct inode *inode)
{
	static uint8_t buf[CHUNK];

	for (uint64_t pos = 0; pos < BIG_SIZE; pos += CHUNK) {
		for (uint32_t i = 0; i < CHUNK; i++)
			buf[i] = pattern(pos + i);
		if (write_at(inode, (off_t)pos, buf, CHUNK) != CHUNK)
			return false;
	}
	return true;
}

/* Compare [from, to) with the pattern (zero: with zeros). */
static bool check_range(struct inode *inode, uint64_t from, uint64_t to, bool zero)
{
	static uint8_t buf[CHUNK];

	for (uint64_t pos = from; pos < to; pos += CHUNK) {
		size_t n = (size_t)MIN((uint64_t)CHUNK, to - pos);
		if (read_at(inode, (off_t)pos, buf, n) != (ssize_t)n)
			return false;
		for (size_t i = 0; i < n; i++)
			if (buf[i] != (zero ? 0 : pattern(pos + i)))
				return false;
	}
	return true;
}

static void mount_image(struct blockdev *bdev)
{
	int err = shim_fs_type->mount(shim_fs_type, bdev, 0, NULL, &sb);

	CHECK("mount", err == 0 && S_ISDIR(sb->root->mode));
	if (err)
		host_die("cannot mount");
	root = sb->root;
}

static void unmount(void)
{
	iput(root);
	CHECK("no-inode-leak", shim_live_inodes(sb) == 0);
	sb->s_op->put_super(sb);
	sb_free(sb);
	bsync(NULL);
}

static void test_small_files(void)
{
	struct inode *f = create(root, "hello", 0644), *f2;
	char buf[64];
	int err;

	CHECK("create", f != NULL);
	if (!f)
		return;
	CHECK("write", write_at(f, 0, "hello, world\n", 13) == 13);
	CHECK("read-back", read_at(f, 0, buf, sizeof(buf)) == 13 &&
	      memcmp(buf, "hello, world\n", 13) == 0);
	CHECK("read-at-eof", read_at(f, 13, buf, sizeof(buf)) == 0);
	f2 = NULL;
	err = root->i_op->create(root, "hello", 5, S_IFREG | 0644, 0, &f2);
	CHECK("create-exists", err == -EEXIST);
	CHECK("link", root->i_op->link(f, root, "hello2", 6) == 0 && f->nlink == 2);
	iput(f);
	CHECK("unlink-one-link", unlink(root, "hello") == 0);
	CHECK("lookup-unlinked", lookup(root, "hello", &err) == NULL && err == -ENOENT);
	CHECK("other-link-reads", file_is(root, "hello2", "hello, world\n"));
	f = lookup(root, "hello2", NULL);
	CHECK("nlink-after-unlink", f && f->nlink == 1);
	if (f)
		iput(f);
}

static void test_many(void)
{
	struct inode *d = mkdir(root, "many"), *f;
	char name[32];
	bool ok = true;
	int err;

	CHECK("mkdir", d != NULL && d->nlink == 2 && root->nlink == 4);
	if (!d)
		return;
	for (int i = 0; i < MANY && ok; i++) {
		snprintf(name, sizeof(name), "file-with-a-longish-name-%05d", i);
		f = create(d, name, 0600);
		ok = f != NULL;
		if (f)
			iput(f);
	}
	CHECK("create-many", ok);
	f = lookup(d, "file-with-a-longish-name-02999", NULL);
	CHECK("lookup-last-of-many", f != NULL);
	if (f)
		iput(f);
	CHECK("iterate-many", count_entries(d) == MANY + 2);
	for (int i = 1; i < MANY && ok; i += 2) {
		snprintf(name, sizeof(name), "file-with-a-longish-name-%05d", i);
		ok = unlink(d, name) == 0;
	}
	CHECK("unlink-half", ok);
	CHECK("iterate-after-unlink", count_entries(d) == MANY / 2 + 2);
	CHECK("lookup-removed", lookup(d, "file-with-a-longish-name-00001", &err) == NULL &&
	      err == -ENOENT);
	CHECK("rmdir-nonempty", unlink(root, "many") == -ENOTEMPTY);
	iput(d);
}

static void test_big_and_sparse(void)
{
	struct inode *big = create(root, "big", 0644), *sp;
	struct iattr ia = { .valid = ATTR_SIZE };
	uint64_t bs = sb->block_size;

	CHECK("big-write", big && write_big(big));
	if (!big)
		return;
	CHECK("big-size", big->size == BIG_SIZE);
	CHECK("big-read", check_range(big, 0, BIG_SIZE, false));
	CHECK("big-blocks", big->blocks >= BIG_SIZE / 512 &&
	      big->blocks < BIG_SIZE / 512 + 128 * (bs / 512));
	ia.size = 5000;
	CHECK("truncate-shrink", big->i_op->setattr(big, &ia) == 0 && big->size == 5000);
	CHECK("truncate-keeps-head", check_range(big, 0, 5000, false));
	CHECK("truncate-frees", big->blocks <= ((5000 + bs - 1) / bs) * (bs / 512));
	ia.size = 1 << 20;
	CHECK("truncate-extend", big->i_op->setattr(big, &ia) == 0 && big->size == 1 << 20);
	CHECK("extend-reads-zeros", check_range(big, 5000, 1 << 20, true) &&
	      check_range(big, 0, 5000, false));
	iput(big);

	sp = create(root, "sparse", 0644);
	CHECK("sparse-create", sp != NULL);
	if (!sp)
		return;
	CHECK("sparse-write", write_at(sp, 0, "head", 4) == 4 &&
	      write_at(sp, (off_t)(3u << 30) + 100, "tail", 4) == 4);
	CHECK("sparse-size", sp->size == (off_t)(3u << 30) + 104);
	CHECK("sparse-hole-zeros", check_range(sp, 4, 1 << 20, true));
	CHECK("sparse-few-blocks", sp->blocks <= 8 * (bs / 512));
	iput(sp);
}

static bool readlink_is(struct inode *dir, const char *name, const char *want)
{
	char buf[4096];
	struct inode *l = lookup(dir, name, NULL);
	ssize_t n;

	if (!l)
		return false;
	n = S_ISLNK(l->mode) ? l->i_op->readlink(l, buf, sizeof(buf)) : -1;
	iput(l);
	return n == (ssize_t)strlen(want) && memcmp(buf, want, (size_t)n) == 0;
}

static void test_symlinks(void)
{
	char longt[301];
	struct inode *l;

	memset(longt, 'x', 300);
	longt[300] = 0;
	CHECK("symlink-short", root->i_op->symlink(root, "short", 5, "hello2", &l) == 0);
	if (l)
		iput(l);
	CHECK("symlink-long", root->i_op->symlink(root, "long", 4, longt, &l) == 0);
	if (l)
		iput(l);
	CHECK("readlink-short", readlink_is(root, "short", "hello2"));
	CHECK("readlink-long", readlink_is(root, "long", longt));
}

static void test_renames(void)
{
	struct inode *f, *p1, *p2, *sub, *dotdot;
	int err;

	f = create(root, "a", 0644);
	CHECK("rename-setup", f && write_at(f, 0, "A", 1) == 1);
	if (f)
		iput(f);
	f = create(root, "b", 0644);
	CHECK("rename-setup2", f && write_at(f, 0, "B", 1) == 1);
	if (f)
		iput(f);
	CHECK("rename-over", rename(root, "a", root, "b") == 0);
	CHECK("rename-old-gone", lookup(root, "a", &err) == NULL && err == -ENOENT);
	CHECK("rename-new-content", file_is(root, "b", "A"));
	CHECK("rename-same-dir", rename(root, "b", root, "c") == 0 && file_is(root, "c", "A"));

	p1 = mkdir(root, "p1");
	p2 = mkdir(root, "p2");
	sub = p1 ? mkdir(p1, "sub") : NULL;
	CHECK("rename-dir-setup", p1 && p2 && sub && p1->nlink == 3);
	if (!p1 || !p2 || !sub)
		return;
	f = create(sub, "inside", 0644);
	if (f)
		iput(f);
	CHECK("rename-dir", rename(p1, "sub", p2, "moved") == 0);
	CHECK("rename-dir-links", p1->nlink == 2 && p2->nlink == 3 && sub->nlink == 2);
	dotdot = lookup(sub, "..", NULL);
	CHECK("rename-dir-dotdot", dotdot == p2);
	if (dotdot)
		iput(dotdot);
	f = mkdir(p1, "empty");
	if (f)
		iput(f);
	CHECK("rename-dir-over-empty-dir", rename(p2, "moved", p1, "empty") == 0 &&
	      p1->nlink == 3 && p2->nlink == 2);
	f = mkdir(p2, "full");
	if (f) {
		struct inode *x = create(f, "x", 0644);
		if (x)
			iput(x);
		iput(f);
	}
	CHECK("rename-over-nonempty-dir", rename(p1, "empty", p2, "full") == -ENOTEMPTY);
	CHECK("rmdir-empty", (f = mkdir(p2, "gone")) && (iput(f), unlink(p2, "gone") == 0) &&
	      p2->nlink == 3);
	iput(sub);
	iput(p1);
	iput(p2);
}

static void test_open_unlinked(void)
{
	struct statfs_info before, after;
	struct inode *f;
	char buf[8];

	sb->s_op->statfs(sb, &before);
	f = create(root, "open", 0644);
	CHECK("unlinked-setup", f && write_at(f, 0, "still here", 10) == 10);
	if (!f)
		return;
	CHECK("unlink-open", unlink(root, "open") == 0 && f->nlink == 0);
	CHECK("read-unlinked-open", read_at(f, 6, buf, 8) == 4 && memcmp(buf, "here", 4) == 0);
	iput(f);
	sb->s_op->statfs(sb, &after);
	CHECK("unlinked-freed", after.ffree == before.ffree && after.bfree == before.bfree);
}

static void test_devices(void)
{
	struct inode *d;

	CHECK("mknod-chr", root->i_op->create(root, "tty", 3, S_IFCHR | 0620,
					      MKDEV(4, 64), &d) == 0 && d->i_fop == NULL);
	if (d)
		iput(d);
	CHECK("mknod-big", root->i_op->create(root, "bigdev", 6, S_IFBLK | 0600,
					      MKDEV(300, 70000), &d) == 0);
	if (d)
		iput(d);
	CHECK("mkfifo", root->i_op->create(root, "fifo", 4, S_IFIFO | 0600, 0, &d) == 0);
	if (d)
		iput(d);
}

/* ---- extended attributes (xattr.c); run.sh reads them with debugfs ---- */

static int xset(struct inode *in, int index, const char *name, const char *value, int flags)
{
	return in->i_op->setxattr(in, index, name, value, value ? strlen(value) : 0, flags);
}

static bool xget_is(struct inode *in, int index, const char *name, const char *want)
{
	char buf[256];
	ssize_t n = in->i_op->getxattr(in, index, name, buf, sizeof(buf));
	return n == (ssize_t)strlen(want) && memcmp(buf, want, n) == 0;
}

struct xlist {
	char names[256];
	size_t used;
};

static int xlist_emit(void *ctx, int index, const char *name, size_t len)
{
	struct xlist *l = ctx;
	l->used += snprintf(l->names + l->used, sizeof(l->names) - l->used, "%d.%.*s ",
			    index, (int)len, name);
	return 0;
}

static bool xlist_is(struct inode *in, const char *want)
{
	struct xlist l = { .used = 0 };
	l.names[0] = '\0';
	return in->i_op->listxattr(in, xlist_emit, &l) == 0 && strcmp(l.names, want) == 0;
}

static void test_xattrs(void)
{
	uint64_t units = sb->block_size / 512;
	struct inode *f = create(root, "xa", 0644), *g, *h;
	char buf[8];
	if (!f)
		return;
	CHECK("xattr-absent", f->i_op->getxattr(f, XATTR_INDEX_USER, "color", buf, 8) == -ENODATA);
	CHECK("xattr-set", xset(f, XATTR_INDEX_USER, "color", "blue", 0) == 0);
	CHECK("xattr-blocks", f->blocks == units);
	CHECK("xattr-set-more", xset(f, XATTR_INDEX_TRUSTED, "t", "x", 0) == 0 &&
	      xset(f, XATTR_INDEX_USER, "a", "", 0) == 0 &&
	      xset(f, XATTR_INDEX_SECURITY, "s", "sec", 0) == 0);
	CHECK("xattr-get", xget_is(f, XATTR_INDEX_USER, "color", "blue") &&
	      xget_is(f, XATTR_INDEX_USER, "a", ""));
	CHECK("xattr-size-query", f->i_op->getxattr(f, XATTR_INDEX_USER, "color", NULL, 0) == 4);
	CHECK("xattr-erange", f->i_op->getxattr(f, XATTR_INDEX_USER, "color", buf, 3) == -ERANGE);
	CHECK("xattr-create-exists", xset(f, XATTR_INDEX_USER, "color", "red", XATTR_CREATE) == -EEXIST);
	CHECK("xattr-replace-absent", xset(f, XATTR_INDEX_USER, "nope", "x", XATTR_REPLACE) == -ENODATA);
	CHECK("xattr-replace", xset(f, XATTR_INDEX_USER, "color", "green", XATTR_REPLACE) == 0 &&
	      xget_is(f, XATTR_INDEX_USER, "color", "green"));
	CHECK("xattr-list-sorted", xlist_is(f, "1.a 1.color 4.t 6.s "));
	CHECK("xattr-remove", xset(f, XATTR_INDEX_USER, "a", NULL, 0) == 0 &&
	      xset(f, XATTR_INDEX_USER, "a", NULL, 0) == -ENODATA);
	CHECK("xattr-blocks-one", f->blocks == units);

	/* Removing the last attribute frees the block. */
	g = create(root, "xb", 0644);
	CHECK("xattr-last-removed", g && xset(g, XATTR_INDEX_USER, "k", "v", 0) == 0 &&
	      xset(g, XATTR_INDEX_USER, "k", NULL, 0) == 0 && g->blocks == 0 &&
	      EXT2_I(g)->file_acl == 0);

	/* A full block: -ENOSPC, and what fit stays. */
	char name[32], value[200];
	int i, err = 0;
	memset(value, 'v', sizeof(value) - 1);
	value[sizeof(value) - 1] = '\0';
	for (i = 0; i < 100 && !err; i++) {
		snprintf(name, sizeof(name), "n%03d", i);
		err = xset(g, XATTR_INDEX_USER, name, value, 0);
	}
	CHECK("xattr-full", err == -ENOSPC && i > 3 && xget_is(g, XATTR_INDEX_USER, "n000", value));
	CHECK("xattr-too-big", g->i_op->setxattr(g, XATTR_INDEX_USER, "big", value,
						 sb->block_size + 1, 0) == -ERANGE);
	iput(g);

	/* A shared block (as mke2fs and Linux make them) is copied on write. */
	h = create(root, "xshared", 0644);
	if (h) {
		struct buf *b = bread(sb->bdev, EXT2_I(f)->file_acl, sb->block_size);
		((struct ext2_xattr_header *)b->data)->h_refcount++;
		bdirty(b);
		brelse(b);
		EXT2_I(h)->file_acl = EXT2_I(f)->file_acl;
		h->blocks += units;
		CHECK("xattr-shared-reads", xget_is(h, XATTR_INDEX_USER, "color", "green"));
		CHECK("xattr-shared-cow", xset(h, XATTR_INDEX_USER, "color", "cyan", 0) == 0 &&
		      EXT2_I(h)->file_acl != EXT2_I(f)->file_acl &&
		      xget_is(h, XATTR_INDEX_USER, "color", "cyan") &&
		      xget_is(f, XATTR_INDEX_USER, "color", "green"));
		b = bread(sb->bdev, EXT2_I(f)->file_acl, sb->block_size);
		CHECK("xattr-shared-refcount", ((struct ext2_xattr_header *)b->data)->h_refcount == 1);
		brelse(b);
		iput(h);
	}
	iput(f);
	/* A file with attributes goes: its block with it (e2fsck counts). */
	f = create(root, "xgone", 0644);
	if (f) {
		xset(f, XATTR_INDEX_USER, "k", "v", 0);
		iput(f);
	}
	CHECK("xattr-unlink", unlink(root, "xgone") == 0);
}

static void phase_write(void)
{
	test_small_files();
	test_many();
	test_big_and_sparse();
	test_symlinks();
	test_renames();
	test_open_unlinked();
	test_devices();
	test_xattrs();
}

static void phase_verify(void)
{
	struct inode *d, *f;
	struct iattr ia = { .valid = ATTR_SIZE | ATTR_MODE | ATTR_UID | ATTR_GID };

	CHECK("persist-file", file_is(root, "hello2", "hello, world\n"));
	CHECK("persist-rename", file_is(root, "c", "A"));
	CHECK("persist-symlinks", readlink_is(root, "short", "hello2"));
	f = lookup(root, "xa", NULL);
	CHECK("persist-xattr", f && xget_is(f, XATTR_INDEX_USER, "color", "green") &&
	      xlist_is(f, "1.color 4.t 6.s "));
	if (f)
		iput(f);
	d = lookup(root, "many", NULL);
	CHECK("persist-many", d && count_entries(d) == MANY / 2 + 2);
	if (d)
		iput(d);
	d = lookup(root, "tty", NULL);
	CHECK("persist-chr", d && S_ISCHR(d->mode) && d->rdev == MKDEV(4, 64));
	if (d)
		iput(d);
	d = lookup(root, "bigdev", NULL);
	CHECK("persist-big-rdev", d && S_ISBLK(d->mode) && d->rdev == MKDEV(300, 70000));
	if (d)
		iput(d);
	f = lookup(root, "big", NULL);
	CHECK("persist-truncated", f && f->size == 1 << 20 && check_range(f, 0, 5000, false) &&
	      check_range(f, 5000, 1 << 20, true));
	if (f)
		iput(f);
	f = lookup(root, "sparse", NULL);
	ia.size = 0;
	ia.mode = 0600;
	ia.uid = 70000;
	ia.gid = 1000;
	CHECK("setattr", f && f->i_op->setattr(f, &ia) == 0 && f->size == 0 &&
	      f->blocks == 0 && (f->mode & 07777) == 0600 && S_ISREG(f->mode));
	if (f)
		iput(f);
	f = lookup(root, "sparse", NULL);
	CHECK("setattr-persists", f && f->uid == 70000 && f->gid == 1000);
	if (f)
		iput(f);
	/* Remove the many directory's files and itself: counters come back. */
	d = lookup(root, "many", NULL);
	if (d) {
		char name[32];
		bool ok = true;
		for (int i = 0; i < MANY && ok; i += 2) {
			snprintf(name, sizeof(name), "file-with-a-longish-name-%05d", i);
			ok = unlink(d, name) == 0;
		}
		iput(d);
		CHECK("empty-then-rmdir", ok && unlink(root, "many") == 0);
	}
}

/* An image mke2fs -d filled from the tree run.sh made: read it, then
 * change the big directory (which mke2fs may have indexed). */
static void phase_populated(void)
{
	struct inode *d, *f;
	bool ok = true;

	CHECK("pop-read", file_is(root, "data.txt", "made by mke2fs -d\n"));
	CHECK("pop-symlink", readlink_is(root, "link", "data.txt"));
	d = lookup(root, "big", NULL);
	CHECK("pop-iterate", d && count_entries(d) == 602);
	if (!d)
		return;
	f = lookup(d, "f0599", NULL);
	CHECK("pop-lookup", f != NULL);
	if (f)
		iput(f);
	f = create(d, "new-file", 0644);
	CHECK("pop-create", f != NULL);
	if (f)
		iput(f);
	for (int i = 0; i < 600 && ok; i += 3) {
		char name[16];
		snprintf(name, sizeof(name), "f%04d", i);
		ok = unlink(d, name) == 0;
	}
	CHECK("pop-unlink", ok && count_entries(d) == 603 - 200);
	iput(d);
}

#ifndef FUZZ_ROUNDS
#define FUZZ_ROUNDS	300
#endif
#define FUZZ_SPAN	(96u << 10)	/* corrupt the metadata near the start */
#define FUZZ_NAMES	48		/* entries looked at per directory */

static uint64_t fuzz_state;

static uint32_t fuzz_next(void)
{
	fuzz_state ^= fuzz_state << 13;
	fuzz_state ^= fuzz_state >> 7;
	fuzz_state ^= fuzz_state << 17;
	return (uint32_t)fuzz_state;
}

struct name_list {
	struct dir_context ctx;
	int n;
	char names[FUZZ_NAMES][EXT2_NAME_LEN + 1];
};

static bool collect_emit(struct dir_context *ctx, const char *name, size_t len,
			 ino_t ino, unsigned int dtype)
{
	struct name_list *l = container_of(ctx, struct name_list, ctx);

	(void)ino;
	(void)dtype;
	if (l->n == FUZZ_NAMES)
		return false;
	memcpy(l->names[l->n], name, len);
	l->names[l->n++][len] = 0;
	return true;
}

/* Look at everything reachable, to a small depth; errors are fine. */
static void fuzz_walk(struct inode *dir, int depth)
{
	struct name_list *l = calloc(1, sizeof(*l));
	struct file f = open_file(dir);
	struct inode *child;
	char buf[4096];

	l->ctx.emit = collect_emit;
	dir->i_fop->iterate(&f, &l->ctx);
	for (int i = 0; i < l->n; i++) {
		if (!strcmp(l->names[i], ".") || !strcmp(l->names[i], ".."))
			continue;
		child = lookup(dir, l->names[i], NULL);
		if (!child)
			continue;
		if (S_ISDIR(child->mode) && depth < 3 && child != dir)
			fuzz_walk(child, depth + 1);
		else if (S_ISREG(child->mode))
			read_at(child, child->size > 100 ? child->size - 100 : 0, buf, sizeof(buf));
		else if (S_ISLNK(child->mode))
			child->i_op->readlink(child, buf, sizeof(buf));
		iput(child);
	}
	free(l);
}

/* Change things on a corrupt file system; errors are fine. */
static void fuzz_change(void)
{
	static char data[10000];
	struct iattr ia = { .valid = ATTR_SIZE, .size = 10 };
	struct inode *f = create(root, "fz", 0644), *d;

	if (f) {
		write_at(f, 0, data, sizeof(data));
		write_at(f, 300000, data, 10);
		f->i_op->setattr(f, &ia);
		iput(f);
	}
	rename(root, "fz", root, "fz2");
	d = mkdir(root, "fzd");
	if (d)
		iput(d);
	unlink(root, "fz2");
	unlink(root, "fzd");
	unlink(root, "data.txt");
	rename(root, "big", root, "big2");
}

/* Corrupt copies of a good image: mounting and using them must fail
 * cleanly (the sanitizers and the lock checks abort on anything else). */
static void phase_fuzz(const char *path)
{
	uint64_t size;
	char *good = host_slurp(path, &size), *disk = malloc(size);
	int mounted = 0;

	for (int round = 1; round <= FUZZ_ROUNDS; round++) {
		fuzz_state = 0x9e3779b97f4a7c15ull * (uint64_t)round;
		memcpy(disk, good, size);
		for (int i = 0; i < 24; i++) {
			uint32_t off = fuzz_next() % MIN((uint64_t)FUZZ_SPAN, size - 4);
			if (fuzz_next() & 1)
				disk[off] = (char)fuzz_next();
			else
				*(uint32_t *)(disk + (off & ~3u)) = fuzz_next() % 4096;
		}
		if (shim_fs_type->mount(shim_fs_type, shim_open_memory(disk, size), 0,
					NULL, &sb) != 0)
			continue;
		mounted++;
		root = sb->root;
		fuzz_walk(root, 0);
		fuzz_change();
		iput(root);
		sb->s_op->put_super(sb);
		sb_free(sb);
		bsync(NULL);
	}
	CHECK("fuzz-corrupt-images", mounted > FUZZ_ROUNDS / 4);
	free(disk);
	free(good);
}

int main(int argc, char **argv)
{
	struct blockdev *bdev;

	if (argc != 4 || (strcmp(argv[3], "write") && strcmp(argv[3], "verify") &&
			  strcmp(argv[3], "populated") && strcmp(argv[3], "fuzz"))) {
		printf("usage: ext2_test IMAGE TAG write|verify|populated|fuzz\n");
		return 2;
	}
	tag = argv[2];
	bcache_init();
	ext2_init();
	if (strcmp(argv[3], "fuzz") == 0) {
		phase_fuzz(argv[1]);
		return 0;
	}
	bdev = shim_open_image(argv[1]);
	mount_image(bdev);
	if (strcmp(argv[3], "write") == 0)
		phase_write();
	else if (strcmp(argv[3], "verify") == 0)
		phase_verify();
	else
		phase_populated();
	unmount();
	return 0;
}
