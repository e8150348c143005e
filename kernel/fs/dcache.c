/*
 * The dentry cache: names resolved to inodes, hashed by (parent, name).
 * See vfs.h for the locking rules.  A dentry holds a reference on its inode
 * and on its parent, so a cached path keeps its directories alive.
 */
#include "vfs.h"
#include "kmalloc.h"
#include "string.h"
#include "printk.h"

#define DCACHE_BUCKETS 1024

static struct list_head dentry_hash[DCACHE_BUCKETS];

/* Reference counts are atomic (see vfs.h for who may take them from 0 and
 * to 0). */
static inline void d_ref_inc(struct dentry *d)
{
	__atomic_add_fetch(&d->refcnt, 1, __ATOMIC_RELAXED);
}

static inline int d_ref_dec(struct dentry *d)
{
	return __atomic_sub_fetch(&d->refcnt, 1, __ATOMIC_ACQ_REL);
}

static inline int d_refs(struct dentry *d)
{
	return __atomic_load_n(&d->refcnt, __ATOMIC_ACQUIRE);
}
static struct spinlock dcache_lock = SPINLOCK_INIT("dcache");
static bool dcache_ready;

static uint32_t name_hash(const struct dentry *parent, const char *name, size_t len)
{
	uint32_t h = (uint32_t)((uintptr_t)parent >> 4) * 2654435761u;
	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)name[i]) * 16777619u;
	return h;
}

static void dcache_init_once(void)
{
	if (dcache_ready)
		return;
	for (int i = 0; i < DCACHE_BUCKETS; i++)
		list_init(&dentry_hash[i]);
	dcache_ready = true;
}

struct dentry *dget(struct dentry *d)
{
	d_ref_inc(d);	/* the caller holds one: never from 0 */
	return d;
}

static void d_free(struct dentry *d)
{
	if (d->inode)
		iput(d->inode);
	kfree(d->name);
	kfree(d);
}

/* Take d out of the hash and its parent's children; the parent loses the
 * reference d held.  dcache_lock held. */
static void d_unlink(struct dentry *d)
{
	list_del(&d->hash_link);
	list_del(&d->child_link);
	list_init(&d->child_link);
	d_ref_dec(d->parent);
}

/* Is an unused d of no further use?  An anonymous one, a root and one
 * taken out of the hash (d_invalidate_child, superseded by a rename, or
 * under a removed directory) cannot be found again; a negative procfs
 * name (a pid that is gone) would only pile up. */
static bool d_unwanted(struct dentry *d)
{
	if (d->anon || d->parent == d || list_empty(&d->hash_link))
		return true;
	struct inode *dir = d->parent->inode;
	return dir && dir->sb->no_dcache && !d->inode && !d->mounted;
}

/* Dentries are kept after the last reference, except unwanted ones, whose
 * parent may become unwanted in turn (a loop up the tree). */
static inline bool dput_fast(struct dentry *d)
{
	/* Not the last reference: no lock. */
	int c = d_refs(d);
	while (c > 1)
		if (__atomic_compare_exchange_n(&d->refcnt, &c, c - 1, false,
						__ATOMIC_ACQ_REL, __ATOMIC_RELAXED))
			return true;
	return false;
}

/* Maybe the last reference: apart, so that the common dput saves no
 * registers. */
static __attribute__((noinline)) void dput_slow(struct dentry *d)
{
	while (d) {
		if (dput_fast(d))
			return;
		spin_lock(&dcache_lock);
		BUG_ON(d_refs(d) <= 0);
		if (d_ref_dec(d) > 0 || !d_unwanted(d)) {
			spin_unlock(&dcache_lock);
			return;
		}
		struct dentry *parent = NULL;
		if (!d->anon && d->parent != d) {
			parent = d->parent;
			d_unlink(d);
			d_ref_inc(parent);	/* moved to the dput below */
		} else if (d->parent == d && d->inode && d->inode->sb->s_root == d) {
			d->inode->sb->s_root = NULL;
		}
		spin_unlock(&dcache_lock);
		d_free(d);
		d = parent;
	}
}

void dput(struct dentry *d)
{
	if (d && !dput_fast(d))
		dput_slow(d);
}

static unsigned int prune_gen;	/* dcache_lock */

/*
 * Take the unused dentries below top off the tree, depth first, onto dead
 * (their hash links chain them): a leaf with no reference goes, and its
 * parent may then become such a leaf.  A dentry still referenced (or with
 * a referenced descendant) stays, marked with this pass's number so the
 * walk does not go down into it again; top itself stays.  dcache_lock
 * held; the caller frees them after dropping it (eviction may sleep).
 */
static void d_prune_below(struct dentry *top, struct list_head *dead)
{
	unsigned int gen = ++prune_gen;
	struct dentry *d = top;
	for (;;) {
		struct dentry *c, *n, *down = NULL;
		list_for_each_entry_safe(c, n, &d->children, child_link) {
			if (!list_empty(&c->children) && c->prune_gen != gen) {
				down = c;
				break;
			}
			if (d_refs(c) == 0) {
				d_unlink(c);
				list_add(&c->hash_link, dead);
			}
		}
		if (down) {
			d = down;
			continue;
		}
		if (d == top)
			break;
		struct dentry *parent = d->parent;
		if (d_refs(d) == 0 && list_empty(&d->children)) {
			d_unlink(d);
			list_add(&d->hash_link, dead);
		} else {
			d->prune_gen = gen;
		}
		d = parent;
	}
}

static void d_free_list(struct list_head *dead)
{
	struct dentry *c, *n;
	list_for_each_entry_safe(c, n, dead, hash_link)
		d_free(c);
}

void d_prune_tree(struct dentry *d)
{
	LIST_HEAD(dead);
	spin_lock(&dcache_lock);
	struct dentry *top = d;
	while (top->parent != top)
		top = top->parent;
	d_prune_below(top, &dead);
	spin_unlock(&dcache_lock);
	d_free_list(&dead);
}


static struct dentry *d_alloc(struct dentry *parent, const char *name, size_t len)
{
	struct dentry *d = kzalloc(sizeof(*d));
	if (!d)
		return NULL;
	d->name = kstrndup(name, len);
	if (!d->name) {
		kfree(d);
		return NULL;
	}
	d->len = len;
	d->refcnt = 1;
	list_init(&d->children);
	list_init(&d->child_link);
	list_init(&d->hash_link);
	if (parent) {
		d->parent = parent;
		d_ref_inc(parent);	/* caller holds dcache_lock */
		d->hash = name_hash(parent, name, len);
	} else {
		d->parent = d;
	}
	return d;
}

/* Every mount of a file system shares its root dentry (sb->s_root), and
 * so one tree of cached names, as Linux. */
struct dentry *d_alloc_root(struct inode *root)
{
	struct super_block *sb = root->sb;
	spin_lock(&dcache_lock);
	dcache_init_once();
	struct dentry *d = sb->s_root;
	if (d) {
		d_ref_inc(d);
		spin_unlock(&dcache_lock);
		return d;
	}
	d = d_alloc(NULL, "/", 1);
	if (d) {
		d->inode = igrab(root);
		sb->s_root = d;
	}
	spin_unlock(&dcache_lock);
	return d;
}

struct dentry *d_alloc_anon(struct inode *inode)
{
	spin_lock(&dcache_lock);
	dcache_init_once();
	struct dentry *d = d_alloc(NULL, "/", 1);
	spin_unlock(&dcache_lock);
	if (d) {
		d->inode = inode;
		d->anon = true;
	}
	return d;
}

static struct dentry *d_find(struct dentry *parent, const char *name, size_t len,
			     uint32_t hash)
{
	struct dentry *d;
	list_for_each_entry(d, &dentry_hash[hash % DCACHE_BUCKETS], hash_link)
		if (d->parent == parent && d->hash == hash && d->len == len &&
		    memcmp(d->name, name, len) == 0)
			return d;
	return NULL;
}

/* Ask the file system again about a cached name (procfs's pids come and
 * go): a positive one is first revalidated, as d_lookup_cached does, which
 * is what a lookup would find without making an inode to compare. */
static struct dentry *d_refresh(struct dentry *d)
{
	struct inode *dir = d->parent->inode, *inode = NULL;
	if (d->inode && dir->i_op->revalidate &&
	    dir->i_op->revalidate(dir, d->name, d->len, d->inode))
		return d;
	int err = dir->i_op->lookup(dir, d->name, d->len, &inode);
	if (err && err != -ENOENT) {
		dput(d);
		return ERR_PTR(err);
	}
	if (inode != d->inode)
		d_instantiate(d, inode);
	else if (inode)
		iput(inode);
	return d;
}

struct dentry *d_lookup_cached(struct dentry *parent, const char *name, size_t len)
{
	struct inode *dir = parent->inode;
	bool fresh = dir && dir->sb->no_dcache;
	if (fresh && (!dir->i_op || !dir->i_op->revalidate))
		return NULL;
	uint32_t hash = name_hash(parent, name, len);
	spin_lock(&dcache_lock);
	struct dentry *d = d_find(parent, name, len, hash);
	if (d && fresh && !d->inode)
		d = NULL;	/* a negative procfs name: ask again */
	if (d)
		d_ref_inc(d);
	spin_unlock(&dcache_lock);
	if (d && fresh && !dir->i_op->revalidate(dir, name, len, d->inode)) {
		dput(d);
		return NULL;
	}
	return d;
}

struct dentry *d_lookup_or_fetch(struct dentry *parent, const char *name, size_t len)
{
	uint32_t hash = name_hash(parent, name, len);
	spin_lock(&dcache_lock);
	struct dentry *d = d_find(parent, name, len, hash);
	bool fresh = parent->inode && parent->inode->sb->no_dcache;
	if (d) {
		d_ref_inc(d);
		spin_unlock(&dcache_lock);
		if (fresh)
			return d_refresh(d);
		return d;
	}
	spin_unlock(&dcache_lock);

	struct inode *dir = parent->inode, *inode = NULL;
	if (!dir)
		return ERR_PTR(-ENOENT);
	if (!dir->i_op || !dir->i_op->lookup)
		return ERR_PTR(-ENOTDIR);
	int err = dir->i_op->lookup(dir, name, len, &inode);
	if (err && err != -ENOENT)
		return ERR_PTR(err);
	spin_lock(&dcache_lock);
	d = d_alloc(parent, name, len);
	if (!d) {
		spin_unlock(&dcache_lock);
		if (inode)
			iput(inode);
		return ERR_PTR(-ENOMEM);
	}
	d->inode = inode;
	list_add(&d->hash_link, &dentry_hash[hash % DCACHE_BUCKETS]);
	list_add(&d->child_link, &parent->children);
	spin_unlock(&dcache_lock);
	return d;
}

void d_instantiate(struct dentry *d, struct inode *inode)
{
	spin_lock(&dcache_lock);
	struct inode *old = d->inode;
	d->inode = inode;
	spin_unlock(&dcache_lock);
	if (old)
		iput(old);
}

void d_make_negative(struct dentry *d)
{
	d_instantiate(d, NULL);
}

void d_move(struct dentry *d, struct dentry *new_parent, const char *name, size_t len)
{
	char *copy = kstrndup(name, len);
	spin_lock(&dcache_lock);
	uint32_t hash = name_hash(new_parent, name, len);
	/* A cached entry of the target name is superseded. */
	struct dentry *old = d_find(new_parent, name, len, hash), *superseded = NULL;
	if (old && old != d) {
		/* Out of the tree; freed by the dput below, or by its holders'. */
		list_del(&old->hash_link);
		list_del(&old->child_link);
		d_ref_inc(old);
		superseded = old;
	}
	list_del(&d->hash_link);
	list_del(&d->child_link);
	struct dentry *old_parent = d->parent;
	d_ref_inc(new_parent);
	d_ref_dec(old_parent);
	d->parent = new_parent;
	if (copy) {
		kfree(d->name);
		d->name = copy;
		d->len = len;
	}
	d->hash = name_hash(new_parent, d->name, d->len);
	list_add(&d->hash_link, &dentry_hash[d->hash % DCACHE_BUCKETS]);
	list_add(&d->child_link, &new_parent->children);
	spin_unlock(&dcache_lock);
	if (superseded)
		dput(superseded);
}

/* A directory was removed: forget the cached entries under it. */
void d_drop_children(struct dentry *dir)
{
	LIST_HEAD(unused);
	spin_lock(&dcache_lock);
	struct dentry *c, *n;
	list_for_each_entry_safe(c, n, &dir->children, child_link) {
		list_del(&c->hash_link);
		list_del(&c->child_link);
		if (d_refs(c) == 0) {
			d_ref_inc(c);	/* dropped below, which frees it */
			list_add(&c->child_link, &unused);
		} else {
			list_init(&c->child_link);
		}
	}
	spin_unlock(&dcache_lock);
	list_for_each_entry_safe(c, n, &unused, child_link)
		dput(c);
}

int d_path(const struct path *p, const struct path *root, char *buf, size_t len)
{
	struct mount *mnt = p->mnt;
	struct dentry *d = p->dentry;
	size_t pos = len;

	if (len < 2)
		return -ERANGE;
	buf[--pos] = 0;
	spin_lock(&dcache_lock);
	for (;;) {
		if (d == root->dentry && mnt == root->mnt)
			break;
		if (d == mnt->root) {
			if (mnt->parent == mnt)
				break;
			d = mnt->mountpoint;
			mnt = mnt->parent;
			continue;
		}
		if (d->parent == d)	/* an anonymous dentry: in no tree */
			break;
		if (pos < d->len + 1) {
			spin_unlock(&dcache_lock);
			return -ERANGE;
		}
		pos -= d->len;
		memcpy(buf + pos, d->name, d->len);
		buf[--pos] = '/';
		d = d->parent;
	}
	spin_unlock(&dcache_lock);
	if (pos == len - 1)
		buf[--pos] = '/';
	memmove(buf, buf + pos, len - pos);
	return len - pos;
}

void d_invalidate_child(struct super_block *sb, const char *name, size_t len)
{
	LIST_HEAD(dead);
	spin_lock(&dcache_lock);
	struct dentry *root = sb->s_root, *d = NULL;
	if (root)
		d = d_find(root, name, len, name_hash(root, name, len));
	if (d) {
		d_prune_below(d, &dead);
		/* Out of the hash: no lookup finds it again; it goes now if
		 * unused, else at its last dput. */
		list_del(&d->hash_link);
		list_init(&d->hash_link);
		if (d_refs(d) == 0 && list_empty(&d->children)) {
			d_unlink(d);
			list_add(&d->hash_link, &dead);
		}
	}
	spin_unlock(&dcache_lock);
	d_free_list(&dead);
}
