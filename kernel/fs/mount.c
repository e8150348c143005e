/*
 * Mounts and mount namespaces: attaching and detaching mounts, bind and
 * recursive bind mounts, remounts, propagation types, copying a
 * namespace's tree for CLONE_NEWNS, pivot_root, and the lifetime of a
 * mount (the rule is in vfs.h).
 *
 * namespace_lock (a mutex) serialises every change to a mount tree:
 * mount, umount, remount, propagation changes, copying a namespace, its
 * teardown and pivot_root; it may be held across allocations, so a tree
 * stays as it was while it is copied.  mount_lock (a spinlock) guards the
 * mount hash, every mount's tree links (parent, mountpoint, children),
 * each namespace's list and the dentries' mounted counts: a change holds
 * both, a reader (a path walk, /proc/PID/mounts) holds mount_lock alone.
 * Freeing a mount takes mount_lock only, never namespace_lock.
 *
 * Propagation (the rules are mount_namespaces(7)'s and Linux's
 * sharedsubtree.txt): a peer group is a number, shared_id; its members
 * and its slaves (master_id) are found by scanning every namespace's
 * list, which namespace_lock keeps still.  A mount, a bind or a move onto
 * a mount of a group is copied onto every mount that receives from it
 * (prop_targets); an umount is repeated where a leaf mount sits at the
 * same place.  Locked mounts (vfs.h) come from copying a namespace for a
 * less privileged user namespace.  A mount's propagation fields and its
 * flags and locks change under both locks once it is in a namespace
 * (mountinfo reads them under mount_lock); a tree being built, in no
 * namespace yet, is its builder's alone.
 */
#include "vfs.h"
#include <linux/capability.h>
#include "cred.h"
#include "user_ns.h"
#include "bcache.h"
#include "kmalloc.h"
#include "string.h"
#include "printk.h"
#include "proc.h"
#include "ns.h"
#include <linux/mount.h>
#include <linux/limits.h>
#include <linux/sched.h>

#define MOUNT_BUCKETS 64
/* Mounts in one namespace, beyond which a mount fails ENOSPC: Linux's
 * default fs.mount-max (propagation can double a tree at each bind). */
#define MOUNT_MAX 100000
/* The per-mount flags mount(2) and remount set. */
#define MNT_USER_FLAGS	(MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC)
#define MS_PROPAGATION	(MS_SHARED | MS_PRIVATE | MS_SLAVE | MS_UNBINDABLE)

static struct list_head mount_hash[MOUNT_BUCKETS];
static struct spinlock mount_lock = SPINLOCK_INIT("mount");
static struct mutex namespace_lock;
static bool mount_ready;
static LIST_HEAD(all_mnt_ns);	/* every namespace: guarded by mount_lock */
static int last_group_id;	/* peer groups: atomic, never reused */

static unsigned int mount_bucket(struct mount *parent, struct dentry *mp)
{
	return (((uintptr_t)parent >> 4) ^ ((uintptr_t)mp >> 4)) % MOUNT_BUCKETS;
}

static struct mnt_namespace *current_mnt_ns(void)
{
	return current->nsproxy->mnt_ns;
}

struct mount *mnt_get(struct mount *m)
{
	__atomic_add_fetch(&m->refcnt, 1, __ATOMIC_RELAXED);
	return m;
}

/*
 * Unlink m from its parent (caller holds mount_lock) and return the parent,
 * whose reference m held, for the caller to put; NULL if m had none.  m
 * keeps its mountpoint dentry, referenced, until it is freed: d_path reads
 * a mount's parent and mountpoint without mount_lock, and must find a live
 * dentry even when it read the parent just before this.
 */
static struct mount *unlink_parent(struct mount *m)
{
	if (m->parent == m)
		return NULL;
	struct mount *parent = m->parent;
	list_del(&m->hash_link);
	list_del(&m->child_link);
	list_init(&m->hash_link);
	list_init(&m->child_link);
	m->mountpoint->mounted--;
	m->parent = m;
	return parent;
}

/*
 * Drop a reference; the last one frees m, and its parent if m held the
 * last reference to that, and so on up (a loop, not recursion).  The last
 * reference is dropped under mount_lock: lookup_mnt takes its reference
 * under it, so it never revives a mount that is being freed (a mount of
 * an unmounted tree stays in the hash until then).
 */
/* m's hold on its file system: the last mount of an instance that can go
 * takes its dentry tree with it, then the instance itself. */
static void mnt_drop_sb(struct mount *m)
{
	struct super_block *sb = m->sb;
	if (sb->type->kill_sb && __atomic_load_n(&sb->refcnt, __ATOMIC_ACQUIRE) == 1)
		d_prune_tree(m->root);
	dput(m->root);
	deactivate_super(sb);
}

/* Not the last reference: dropped without a lock.  False when it may be
 * the last, which only mount_lock decides. */
static inline bool mnt_put_fast(struct mount *m)
{
	int count = __atomic_load_n(&m->refcnt, __ATOMIC_RELAXED);
	while (count > 1)
		if (__atomic_compare_exchange_n(&m->refcnt, &count, count - 1, false,
						__ATOMIC_ACQ_REL, __ATOMIC_RELAXED))
			return true;
	return false;
}

/* The last reference may be going: apart, so that the common put above
 * saves no registers. */
static __attribute__((noinline)) void mnt_put_slow(struct mount *m)
{
	while (m) {
		if (mnt_put_fast(m))
			return;
		spin_lock(&mount_lock);
		if (__atomic_sub_fetch(&m->refcnt, 1, __ATOMIC_ACQ_REL)) {
			spin_unlock(&mount_lock);
			return;
		}
		struct mount *parent = unlink_parent(m);
		spin_unlock(&mount_lock);
		dput(m->mountpoint);
		mnt_drop_sb(m);
		if (m->source != m->source_inline)
			kfree(m->source);
		kfree(m);
		m = parent;
	}
}

void mnt_put(struct mount *m)
{
	if (m && !mnt_put_fast(m))
		mnt_put_slow(m);
}

void path_get(const struct path *p)
{
	mnt_get(p->mnt);
	dget(p->dentry);
}

void path_put(const struct path *p)
{
	dput(p->dentry);
	mnt_put(p->mnt);
}

struct mount *lookup_mnt(struct mount *parent, struct dentry *mp)
{
	struct mount *m, *found = NULL;
	spin_lock(&mount_lock);
	list_for_each_entry(m, &mount_hash[mount_bucket(parent, mp)], hash_link)
		if (m->parent == parent && m->mountpoint == mp)
			found = m;	/* the last one mounted wins: keep looking */
	if (found)
		mnt_get(found);
	spin_unlock(&mount_lock);
	return found;
}

bool mnt_parent_path(struct mount *m, struct path *out)
{
	spin_lock(&mount_lock);
	bool has_parent = m->parent != m;
	if (has_parent) {
		out->mnt = mnt_get(m->parent);
		out->dentry = dget(m->mountpoint);
	}
	spin_unlock(&mount_lock);
	return has_parent;
}

#define MOUNT_SOURCE_MAX 255	/* bytes of a source kept */

static struct mount *mount_alloc(struct super_block *sb, struct dentry *root,
				 const char *source)
{
	struct mount *m = kzalloc(sizeof(*m));
	if (!m)
		return NULL;
	if (!source)
		source = "none";
	size_t len = strnlen(source, MOUNT_SOURCE_MAX);
	if (len < sizeof(m->source_inline)) {
		memcpy(m->source_inline, source, len);	/* kzalloc ended it */
		m->source = m->source_inline;
	} else if (!(m->source = kstrndup(source, MOUNT_SOURCE_MAX))) {
		kfree(m);
		return NULL;
	}
	static int last_id;
	m->id = __atomic_add_fetch(&last_id, 1, __ATOMIC_RELAXED);
	m->sb = sb_get(sb);
	m->root = dget(root);
	m->parent = m;
	m->refcnt = 1;
	list_init(&m->hash_link);
	list_init(&m->children);
	list_init(&m->child_link);
	list_init(&m->ns_link);
	return m;
}

static int new_group_id(void)
{
	return __atomic_add_fetch(&last_group_id, 1, __ATOMIC_RELAXED);
}

/* How mount_clone relates a copy to its original (Linux's CL_ flags). */
#define CL_SLAVE		0x1	/* a slave of the original's group */
#define CL_SHARED_TO_SLAVE	0x2	/* so, if the original is shared */
#define CL_MAKE_SHARED		0x4	/* in a peer group, a new one if need be */
#define CL_LOCK			0x8	/* for a less privileged namespace */

/* A copy of m (same super block, flags and source) rooted at root, in no
 * tree; by default a copy of a shared mount is its peer, of a slave a
 * slave of the same group. */
static struct mount *mount_clone(struct mount *m, struct dentry *root, unsigned int cl)
{
	struct mount *c = mount_alloc(m->sb, root, m->source);
	if (!c)
		return NULL;
	c->flags = m->flags;
	c->unbindable = m->unbindable;
	c->locked = m->locked;
	c->locked_flags = m->locked_flags;
	if ((cl & CL_SLAVE) || ((cl & CL_SHARED_TO_SLAVE) && m->shared_id)) {
		c->master_id = m->shared_id ? m->shared_id : m->master_id;
	} else {
		c->shared_id = m->shared_id;
		c->master_id = m->master_id;
	}
	if ((cl & CL_MAKE_SHARED) && !c->shared_id)
		c->shared_id = new_group_id();
	if (cl & CL_LOCK) {
		c->locked = true;
		c->locked_flags = c->flags & MNT_USER_FLAGS;
	}
	return c;
}

struct mount *kern_mount(struct super_block *sb, const char *source)
{
	struct dentry *root = d_alloc_root(sb->root);
	struct mount *m = root ? mount_alloc(sb, root, source) : NULL;
	dput(root);
	return m;
}

static struct mnt_namespace *mnt_ns_alloc(struct user_namespace *owner)
{
	struct mnt_namespace *ns = kzalloc(sizeof(*ns));
	if (!ns)
		return NULL;
	ns->refcnt = 1;
	ns->user_ns = get_user_ns(owner);
	ns->ns.inum = ns_alloc_inum();
	ns->ns.ops = &mntns_operations;
	list_init(&ns->mounts);
	spin_lock(&mount_lock);
	list_add_tail(&ns->all_link, &all_mnt_ns);
	spin_unlock(&mount_lock);
	return ns;
}

static void mnt_ns_free(struct mnt_namespace *ns)
{
	spin_lock(&mount_lock);
	list_del(&ns->all_link);
	spin_unlock(&mount_lock);
	ns_uncharge(&ns->ns, UCOUNT_MNT_NAMESPACES);
	put_user_ns(ns->user_ns);
	kfree(ns);
}

bool may_mount(void)
{
	return ns_capable(current->nsproxy->mnt_ns->user_ns, CAP_SYS_ADMIN);
}

struct mnt_namespace *mnt_ns_create_root(struct super_block *root_sb, const char *source)
{
	if (!mount_ready) {
		for (int i = 0; i < MOUNT_BUCKETS; i++)
			list_init(&mount_hash[i]);
		mutex_init(&namespace_lock, "namespace");
		mount_ready = true;
	}
	struct mnt_namespace *ns = mnt_ns_alloc(&init_user_ns);
	struct dentry *root = d_alloc_root(root_sb->root);
	struct mount *m = root ? mount_alloc(root_sb, root, source) : NULL;
	dput(root);
	if (!ns || !m) {
		if (ns)
			mnt_ns_free(ns);
		if (m)
			mnt_put(m);
		return NULL;
	}
	ns->root = m;
	m->ns = ns;
	m->flags = root_sb->flags & MNT_USER_FLAGS;
	list_add_tail(&m->ns_link, &ns->mounts);
	return ns;
}

struct mnt_namespace *mnt_ns_get(struct mnt_namespace *ns)
{
	__atomic_add_fetch(&ns->refcnt, 1, __ATOMIC_RELAXED);
	return ns;
}

/* Link m below the directory at (parent, mp); its namespace is the
 * caller's business.  Caller holds mount_lock. */
static void link_mount(struct mount *m, struct mount *parent, struct dentry *mp)
{
	m->parent = mnt_get(parent);
	m->mountpoint = dget(mp);
	mp->mounted++;
	list_add_tail(&m->hash_link, &mount_hash[mount_bucket(parent, mp)]);
	list_add_tail(&m->child_link, &parent->children);
}

/* As on Linux, mounts put on a shared mount are shared too: each not yet
 * shared gets a peer group of its own.  Caller holds namespace_lock and
 * mount_lock. */
static void share_like(struct mount *dest, struct mount **v, int n)
{
	for (int i = 0; dest->shared_id && i < n; i++)
		if (!v[i]->shared_id)
			v[i]->shared_id = new_group_id();
}

/* m joins ns, at the end of its list: the reference m was made with
 * becomes the namespace's.  Caller holds mount_lock. */
static void ns_add(struct mount *m, struct mnt_namespace *ns)
{
	m->ns = ns;
	list_add_tail(&m->ns_link, &ns->mounts);
	ns->nr_mounts++;
}

/* Has m's peer group another member, in any namespace?  Caller holds
 * mount_lock. */
static bool has_peers(struct mount *m)
{
	struct mnt_namespace *ns;
	struct mount *o;
	list_for_each_entry(ns, &all_mnt_ns, all_link)
		list_for_each_entry(o, &ns->mounts, ns_link)
			if (o != m && o->shared_id == m->shared_id)
				return true;
	return false;
}

/* m leaves its peer group.  If it was the last member, the group's
 * slaves become slaves of m's master, or private (Linux's rule).  Caller
 * holds mount_lock. */
static void leave_group(struct mount *m)
{
	if (!m->shared_id)
		return;
	if (!has_peers(m)) {
		struct mnt_namespace *ns;
		struct mount *o;
		list_for_each_entry(ns, &all_mnt_ns, all_link)
			list_for_each_entry(o, &ns->mounts, ns_link)
				if (o->master_id == m->shared_id)
					o->master_id = m->master_id;
	}
	m->shared_id = 0;
}

/* The mounts of the tree rooted at top, top first (preorder), into an array
 * the caller frees; *n gets their number.  Caller holds namespace_lock, so
 * the tree, attached, cannot change. */
static struct mount **collect_tree(struct mount *top, int *n)
{
	int count = 0, cap = 16;
	struct mount **v = kmalloc(cap * sizeof(*v));
	if (!v)
		return NULL;
	v[count++] = top;
	for (int i = 0; i < count; i++) {
		struct mount *c;
		list_for_each_entry(c, &v[i]->children, child_link) {
			if (count == cap) {
				struct mount **w = kmalloc(2 * cap * sizeof(*w));
				if (!w) {
					kfree(v);
					return NULL;
				}
				memcpy(w, v, cap * sizeof(*v));
				kfree(v);
				v = w;
				cap *= 2;
			}
			v[count++] = c;
		}
	}
	*n = count;
	return v;
}

/*
 * Take the tree rooted at top out of its namespace: top leaves its parent,
 * the mounts below it stay linked to it (a process inside still walks the
 * whole detached tree), and each loses the namespace's reference, so it is
 * freed when its last user goes.  Caller holds namespace_lock.
 */
static int umount_tree(struct mount *top)
{
	int n;
	struct mount **v = collect_tree(top, &n);
	if (!v)
		return -ENOMEM;
	spin_lock(&mount_lock);
	struct mount *parent = unlink_parent(top);
	for (int i = 0; i < n; i++) {
		leave_group(v[i]);
		v[i]->ns->nr_mounts--;
		list_del(&v[i]->ns_link);
		list_init(&v[i]->ns_link);
		v[i]->ns = NULL;
	}
	spin_unlock(&mount_lock);
	mnt_put(parent);
	for (int i = n - 1; i >= 0; i--)
		mnt_put(v[i]);
	kfree(v);
	return 0;
}

/* The last nsproxy holding ns is gone: all its mounts leave it at once
 * (as one lazy umount of its root), each freed when its users go. */
void mnt_ns_put(struct mnt_namespace *ns)
{
	if (__atomic_sub_fetch(&ns->refcnt, 1, __ATOMIC_ACQ_REL))
		return;
	struct list_head dead;
	list_init(&dead);
	mutex_lock(&namespace_lock);
	spin_lock(&mount_lock);
	while (!list_empty(&ns->mounts)) {
		struct mount *m = list_first_entry(&ns->mounts, struct mount, ns_link);
		leave_group(m);
		list_del(&m->ns_link);
		list_add(&m->ns_link, &dead);	/* reversed: children before parents, mostly */
		m->ns = NULL;
	}
	spin_unlock(&mount_lock);
	mutex_unlock(&namespace_lock);
	while (!list_empty(&dead)) {
		struct mount *m = list_first_entry(&dead, struct mount, ns_link);
		list_del(&m->ns_link);
		list_init(&m->ns_link);
		mnt_put(m);
	}
	mnt_ns_free(ns);
}

/* fs's root and working directory, where they are mounts of from[i],
 * move to the same dentry on to[i]. */
static void fs_switch_mounts(struct fs_struct *fs, struct mount **from, struct mount **to, int n)
{
	struct path old[2] = { { 0 } };
	spin_lock(&fs->lock);
	for (int i = 0; i < n; i++) {
		if (fs->root.mnt == from[i]) {
			old[0] = fs->root;
			fs->root.mnt = mnt_get(to[i]);
			dget(fs->root.dentry);
		}
		if (fs->pwd.mnt == from[i]) {
			old[1] = fs->pwd;
			fs->pwd.mnt = mnt_get(to[i]);
			dget(fs->pwd.dentry);
		}
	}
	spin_unlock(&fs->lock);
	for (int i = 0; i < 2; i++)
		if (old[i].mnt)
			path_put(&old[i]);
}

/* Copy the tree of old (all of it, in its list's order) into new;
 * caller holds namespace_lock.  The copies of from[i] are to[i]. */
static int copy_tree(struct mnt_namespace *old, struct mnt_namespace *new,
		     struct mount ***from_out, struct mount ***to_out, int *n_out)
{
	/* Linux's rule: a namespace for a less privileged user namespace
	 * gets slaves of the shared mounts (its mounts must not reach
	 * back), and locked ones. */
	unsigned int cl = old->user_ns != new->user_ns ? CL_SHARED_TO_SLAVE | CL_LOCK : 0;
	int n = 0;
	struct mount *m;
	list_for_each_entry(m, &old->mounts, ns_link)
		n++;
	struct mount **from = kmalloc(n * sizeof(*from));
	struct mount **to = kzalloc(n * sizeof(*to));
	if (!from || !to) {
		kfree(from);
		kfree(to);
		return -ENOMEM;
	}
	int i = 0;
	list_for_each_entry(m, &old->mounts, ns_link) {
		from[i] = m;
		if (!(to[i] = mount_clone(m, m->root, cl)))
			goto fail;
		i++;
	}
	/* The list's order is kept; it is not always parents first (after
	 * pivot_root the old root comes last), so link by lookup. */
	spin_lock(&mount_lock);
	for (i = 0; i < n; i++) {
		if (from[i] == old->root) {
			new->root = to[i];
			to[i]->locked = false;	/* the top: as Linux's lock_mnt_tree */
		} else {
			int p = 0;
			while (from[p] != from[i]->parent)
				p++;
			link_mount(to[i], to[p], from[i]->mountpoint);
		}
		ns_add(to[i], new);
	}
	spin_unlock(&mount_lock);
	*from_out = from;
	*to_out = to;
	*n_out = n;
	return 0;
fail:
	while (i-- > 0)
		mnt_put(to[i]);
	kfree(from);
	kfree(to);
	return -ENOMEM;
}

struct mnt_namespace *copy_mnt_ns(struct mnt_namespace *old, struct fs_struct *fs,
				  struct user_namespace *user_ns)
{
	struct mnt_namespace *new = mnt_ns_alloc(user_ns);
	if (!new)
		return ERR_PTR(-ENOMEM);
	struct mount **from, **to;
	int n;
	mutex_lock(&namespace_lock);
	int err = copy_tree(old, new, &from, &to, &n);
	mutex_unlock(&namespace_lock);
	if (err) {
		mnt_ns_free(new);
		return ERR_PTR(err);
	}
	if (fs)
		fs_switch_mounts(fs, from, to, n);
	kfree(from);
	kfree(to);
	return new;
}

/* Is dentry d at or below dentry top (of the same file system)?  By their
 * names from the file system's root, which d_path gives under its lock. */
static bool is_subdir(struct dentry *d, struct dentry *top)
{
	if (d == top)
		return true;
	char *a = kmalloc(PATH_MAX), *b = kmalloc(PATH_MAX);
	bool below = false;
	if (a && b && dentry_fs_path(d, a, PATH_MAX) > 0 && dentry_fs_path(top, b, PATH_MAX) > 0) {
		size_t len = strlen(b);
		below = (len == 1) || (strncmp(a, b, len) == 0 && a[len] == '/');
	}
	kfree(a);
	kfree(b);
	return below;
}

int dentry_fs_path(struct dentry *d, char *buf, size_t len)
{
	/* A namespace's file is in no tree: its name stands (as Linux). */
	ssize_t ns_len = len ? nsfs_dentry_name(d, buf, len - 1) : -EINVAL;
	if (ns_len >= 0) {
		buf[ns_len] = '\0';
		return ns_len + 1;
	}
	/* A mount with no root stands for "the whole file system": d_path
	 * then climbs to the file system's top dentry. */
	struct mount whole = { .parent = &whole };
	struct path p = { &whole, d }, none = { NULL, NULL };
	return d_path(&p, &none, buf, len);
}

/* The mount after p in a preorder walk of the tree rooted at top, NULL
 * at the end.  Caller holds namespace_lock or has the tree to itself. */
static struct mount *next_mnt(struct mount *p, struct mount *top)
{
	if (!list_empty(&p->children))
		return list_first_entry(&p->children, struct mount, child_link);
	while (p != top) {
		if (p->child_link.next != &p->parent->children)
			return list_entry(p->child_link.next, struct mount, child_link);
		p = p->parent;
	}
	return NULL;
}

/* Every mount of the tree rooted at top joins ns (ns_add).  Caller holds
 * mount_lock. */
static void ns_add_tree(struct mount *top, struct mnt_namespace *ns)
{
	for (struct mount *m = top; m; m = next_mnt(m, top))
		ns_add(m, ns);
}

/* Drop a tree that was never attached (copy_for_bind's). */
static void put_tree(struct mount *top)
{
	int n;
	struct mount **v = collect_tree(top, &n);
	if (!v)
		return;	/* out of memory: the copies leak rather than dangle */
	for (int i = n - 1; i >= 0; i--)
		mnt_put(v[i]);
	kfree(v);
}

/*
 * Copy for a bind mount or a propagation: the mount src at dentry root
 * and, with rec, every mount below it whose mountpoint is under root, but
 * no unbindable one (nor what is below that); cl as for mount_clone.  The
 * copies are linked among themselves, in no namespace; the caller
 * attaches the top.  Caller holds namespace_lock.
 */
static struct mount *copy_for_bind(struct mount *src, struct dentry *root, bool rec,
				   unsigned int cl)
{
	struct mount *top = mount_clone(src, root, cl);
	if (!top || !rec)
		return top;
	int n;
	struct mount **v = collect_tree(src, &n);
	struct mount **copy = v ? kzalloc(n * sizeof(*copy)) : NULL;
	if (!copy) {
		kfree(v);
		mnt_put(top);
		return NULL;
	}
	copy[0] = top;
	for (int i = 1; i < n; i++) {
		int p = 0;
		while (v[p] != v[i]->parent)
			p++;
		if (!copy[p] || v[i]->unbindable)
			continue;	/* left out, with all below it */
		if (p == 0 && !is_subdir(v[i]->mountpoint, root))
			continue;
		if (!(copy[i] = mount_clone(v[i], v[i]->root, cl))) {
			put_tree(top);
			top = NULL;
			break;
		}
		spin_lock(&mount_lock);
		link_mount(copy[i], copy[p], v[i]->mountpoint);
		spin_unlock(&mount_lock);
	}
	kfree(v);
	kfree(copy);
	return top;
}

/*
 * A mount that receives the events of another: m gets a copy of what is
 * mounted there, made from the copy that target[from] got (from -1: the
 * original), as a peer of it or, with slave, as a slave of it.
 */
struct prop_target {
	struct mount *m;
	int from;
	bool slave;
};

/* A peer group met while gathering, and the first target in it. */
struct prop_group {
	int id;
	int first;	/* index in the targets, -1 for dest's own group */
};

static int find_group(struct prop_group *g, int ng, int id)
{
	for (int i = 0; i < ng; i++)
		if (g[i].id == id)
			return i;
	return -1;
}

static bool is_target(struct prop_target *t, int nt, struct mount *m)
{
	for (int i = 0; i < nt; i++)
		if (t[i].m == m)
			return true;
	return false;
}

static bool in_tree(struct mount **v, int n, struct mount *m)
{
	for (int i = 0; i < n; i++)
		if (v[i] == m)
			return true;
	return false;
}

/* Gather into t every mount receiving from group g->id (its members and
 * slaves, then their groups in turn, appended to g); none of skip[].
 * Caller holds mount_lock; t and g have room for every mount. */
static int gather_targets(struct mount *dest, struct mount **skip, int nskip,
			  struct prop_target *t, struct prop_group *g)
{
	int nt = 0, ng = 1;
	for (int k = 0; k < ng; k++) {
		struct mnt_namespace *ns;
		struct mount *m;
		list_for_each_entry(ns, &all_mnt_ns, all_link)
		list_for_each_entry(m, &ns->mounts, ns_link) {
			if (m == dest || is_target(t, nt, m) || in_tree(skip, nskip, m))
				continue;
			if (m->shared_id == g[k].id) {
				t[nt++] = (struct prop_target){ m, g[k].first, false };
			} else if (m->master_id == g[k].id) {
				/* A slave that is shared: the first of its group
				 * met is the slave, the rest its peers. */
				int peer = m->shared_id ? find_group(g, ng, m->shared_id) : -1;
				if (peer >= 0) {
					t[nt++] = (struct prop_target){ m, g[peer].first, false };
					continue;
				}
				if (m->shared_id)
					g[ng++] = (struct prop_group){ m->shared_id, nt };
				t[nt++] = (struct prop_target){ m, g[k].first, true };
			}
		}
	}
	return nt;
}

/*
 * The mounts that receive what is mounted on or unmounted from dest:
 * its peers, its slaves, their peers and slaves, and so on (in that
 * order: a target's from is always before it), leaving out the mounts
 * of skip[] (a tree being moved).  An array the caller frees, *nt its
 * length; NULL with *nt 0 for none.  Caller holds namespace_lock.
 */
static struct prop_target *prop_targets(struct mount *dest, struct mount **skip, int nskip,
					int *nt, int *err)
{
	*nt = 0;
	*err = 0;
	if (!dest->shared_id)
		return NULL;
	int total = 1;
	struct mnt_namespace *ns;
	struct mount *m;
	spin_lock(&mount_lock);
	list_for_each_entry(ns, &all_mnt_ns, all_link)
		list_for_each_entry(m, &ns->mounts, ns_link)
			total++;
	spin_unlock(&mount_lock);
	/* namespace_lock holds every list still: total stays right. */
	struct prop_target *t = kmalloc(total * sizeof(*t));
	struct prop_group *g = kmalloc(total * sizeof(*g));
	if (!t || !g) {
		kfree(t);
		kfree(g);
		*err = -ENOMEM;
		return NULL;
	}
	g[0] = (struct prop_group){ dest->shared_id, -1 };
	spin_lock(&mount_lock);
	*nt = gather_targets(dest, skip, nskip, t, g);
	spin_unlock(&mount_lock);
	kfree(g);
	return t;
}

/*
 * A copy of the tree rooted at top for each target where mp (a dentry of
 * dest's file system) is visible, in copies[i] (NULL where it is not).
 * A target gets a copy of its from's copy, or, where that one got none,
 * of the nearest one up the chain that did (a slave if any link on the
 * way is).  Caller holds namespace_lock.
 */
static int make_prop_copies(struct mount *top, struct mount *dest, struct dentry *mp,
			    struct prop_target *t, int nt, struct mount **copies)
{
	for (int i = 0; i < nt; i++) {
		copies[i] = NULL;
		if (!is_subdir(mp, t[i].m->root))
			continue;
		int from = t[i].from;
		bool slave = t[i].slave;
		while (from >= 0 && !copies[from]) {
			slave |= t[from].slave;
			from = t[from].from;
		}
		struct mount *tmpl = from >= 0 ? copies[from] : top;
		unsigned int cl = slave ? CL_SLAVE : 0;
		if (slave && t[i].m->shared_id)
			cl |= CL_MAKE_SHARED;
		if (t[i].m->ns->user_ns != dest->ns->user_ns)
			cl |= CL_LOCK;
		copies[i] = copy_for_bind(tmpl, tmpl->root, true, cl);
		if (!copies[i]) {
			while (i-- > 0)
				if (copies[i])
					put_tree(copies[i]);
			return -ENOMEM;
		}
		/* As Linux's lock_mnt_tree: all but the top are locked to
		 * their parents (what they cover stays hidden); the top
		 * covers nothing of the receiver's yet. */
		copies[i]->locked = false;
	}
	return 0;
}

static int count_tree(struct mount *top)
{
	int n = 0;
	for (struct mount *m = top; m; m = next_mnt(m, top))
		n++;
	return n;
}

/* Would a namespace receiving the tree (n mounts, joining dest's
 * namespace unless 0) or a copy go past MOUNT_MAX?  Caller holds
 * namespace_lock, which keeps every nr_mounts still. */
static bool too_many_mounts(struct mount *dest, int n, struct prop_target *t, int nt,
			    struct mount **copies)
{
	for (int i = -1; i < nt; i++) {
		struct mnt_namespace *ns = i < 0 ? dest->ns : t[i].m->ns;
		long total = ns->nr_mounts + (ns == dest->ns ? n : 0);
		for (int j = 0; j < nt; j++)
			if (copies[j] && t[j].m->ns == ns)
				total += count_tree(copies[j]);
		if (total > MOUNT_MAX)
			return true;
	}
	return false;
}

/*
 * Put the tree rooted at top on (dest, mp), and a copy of it on every
 * mount that receives from dest.  With moving, top is attached somewhere
 * in the caller's namespace and leaves that place; otherwise it is a
 * detached tree (copy_for_bind's, or a new mount) and joins dest's
 * namespace.  Caller holds namespace_lock; on failure top is untouched.
 */
static int attach_tree(struct mount *top, struct mount *dest, struct dentry *mp, bool moving)
{
	int n, nt, err;
	if (!dest->ns)
		return -ENOENT;	/* unmounted meanwhile: namespace_lock keeps it so */
	struct mount **v = collect_tree(top, &n);
	if (!v)
		return -ENOMEM;
	/* Groups made from here on are share_like's, to undo on failure:
	 * no one else gives v's mounts a group while namespace_lock is ours. */
	int first_new = __atomic_load_n(&last_group_id, __ATOMIC_RELAXED);
	spin_lock(&mount_lock);	/* a moving tree is in view */
	share_like(dest, v, n);
	spin_unlock(&mount_lock);
	struct prop_target *t = prop_targets(dest, moving ? v : NULL, moving ? n : 0, &nt, &err);
	struct mount **copies = nt ? kmalloc(nt * sizeof(*copies)) : NULL;
	if (!err && nt && !copies) {
		err = -ENOMEM;
		nt = 0;
	}
	if (!err && (err = make_prop_copies(top, dest, mp, t, nt, copies)))
		nt = 0;
	if (!err && too_many_mounts(dest, moving ? 0 : n, t, nt, copies))
		err = -ENOSPC;
	struct mount *old_parent = NULL;
	struct dentry *stale = NULL;
	spin_lock(&mount_lock);
	if (!err) {
		if (moving) {
			old_parent = unlink_parent(top);
			stale = top->mountpoint;
		}
		link_mount(top, dest, mp);
		if (!moving)
			ns_add_tree(top, dest->ns);
		for (int i = 0; i < nt; i++) {
			if (!copies[i])
				continue;
			link_mount(copies[i], t[i].m, mp);
			ns_add_tree(copies[i], t[i].m->ns);
		}
	}
	if (err)
		for (int i = 0; i < n; i++)
			if (v[i]->shared_id > first_new)
				v[i]->shared_id = 0;
	spin_unlock(&mount_lock);
	if (err)
		for (int i = 0; i < nt; i++)
			if (copies[i])
				put_tree(copies[i]);
	dput(stale);
	mnt_put(old_parent);
	kfree(copies);
	kfree(t);
	kfree(v);
	return err;
}

/* Has m a locked mount on a dentry at or under d?  What a bind of d
 * without MS_REC would uncover (Linux's EINVAL). */
static bool has_locked_children(struct mount *m, struct dentry *d)
{
	struct mount *c;
	list_for_each_entry(c, &m->children, child_link)
		if (c->locked && is_subdir(c->mountpoint, d))
			return true;
	return false;
}

static int mount_bind(const char *source, const struct path *at, unsigned long flags)
{
	if (!source)
		return -EINVAL;
	struct path src;
	int err = kern_path(source, LOOKUP_FOLLOW, &src);
	if (err)
		return err;
	/* A namespace's file (nsfs, in no namespace) may be bound anywhere
	 * but in an older mount namespace than its own (nsfs.c). */
	bool ns_file = nsfs_dentry_ns(src.dentry) != NULL;
	mutex_lock(&namespace_lock);
	struct mount *top = NULL;
	bool rec = flags & MS_REC;
	if (S_ISDIR(src.dentry->inode->mode) != S_ISDIR(at->dentry->inode->mode))
		err = -ENOTDIR;
	else if (ns_file ? nsfs_mnt_ns_loop(src.dentry)
			 : src.mnt->ns != current_mnt_ns() || src.mnt->unbindable)
		err = -EINVAL;
	else if (!rec && has_locked_children(src.mnt, src.dentry))
		err = -EINVAL;
	else if (!(top = copy_for_bind(src.mnt, src.dentry, rec, 0)))
		err = -ENOMEM;
	if (!err) {
		top->locked = false;	/* newly mounted here */
		if ((err = attach_tree(top, at->mnt, at->dentry, false)))
			put_tree(top);
	}
	mutex_unlock(&namespace_lock);
	path_put(&src);
	return err;
}

static bool tree_has_unbindable(struct mount *top)
{
	for (struct mount *m = top; m; m = next_mnt(m, top))
		if (m->unbindable)
			return true;
	return false;
}

/* MS_MOVE: the mount at source, with all below it, goes to at; Linux's
 * checks in Linux's order. */
static int mount_move(const char *source, const struct path *at)
{
	if (!source)
		return -EINVAL;
	struct path src;
	int err = kern_path(source, LOOKUP_FOLLOW, &src);
	if (err)
		return err;
	mutex_lock(&namespace_lock);
	struct mount *old = src.mnt;
	err = -EINVAL;
	if (old->ns != current_mnt_ns() || old->parent == old || old->locked)
		goto out;
	if (src.dentry != old->root)
		goto out;	/* not a mount point */
	if (S_ISDIR(src.dentry->inode->mode) != S_ISDIR(at->dentry->inode->mode))
		goto out;
	if (old->parent->shared_id)
		goto out;	/* Linux moves nothing out of a shared mount */
	if (at->mnt->shared_id && tree_has_unbindable(old))
		goto out;
	err = -ELOOP;
	for (struct mount *p = at->mnt; p->parent != p; p = p->parent)
		if (p == old)
			goto out;	/* under itself */
	err = attach_tree(old, at->mnt, at->dentry, true);
out:
	mutex_unlock(&namespace_lock);
	path_put(&src);
	return err;
}
static int mount_new(const char *source, const struct path *at, const char *type,
		     unsigned long flags, const char *data)
{
	struct file_system_type *fst = find_filesystem(type);
	if (!fst)
		return -ENODEV;
	struct blockdev *bdev = NULL;
	if (fst->needs_device) {
		/* A disk's file system trusts its image: only the initial
		 * namespace's administrator mounts one (Linux's FS_USERNS_MOUNT
		 * is for proc, tmpfs and their kind). */
		if (!capable(CAP_SYS_ADMIN))
			return -EPERM;
		if (!source)
			return -EINVAL;
		struct path dev;
		int err = kern_path(source, LOOKUP_FOLLOW, &dev);
		if (err)
			return err;
		struct inode *in = dev.dentry->inode;
		bdev = S_ISBLK(in->mode) ? blockdev_get(in->rdev) : NULL;
		path_put(&dev);
		if (!bdev)
			return S_ISBLK(in->mode) ? -ENXIO : -ENOTBLK;
	}
	struct super_block *sb;
	int err = fst->mount(fst, bdev, flags, data, &sb);
	if (err)
		return err;
	/* The same file system already on this very spot (devtmpfs twice). */
	if (at->mnt->sb == sb && at->dentry == at->mnt->root) {
		deactivate_super(sb);
		return -EBUSY;
	}
	struct dentry *root = d_alloc_root(sb->root);
	struct mount *m = root ? mount_alloc(sb, root, source) : NULL;
	dput(root);
	deactivate_super(sb);	/* ->mount's reference: the mount holds its own */
	if (!m)
		return -ENOMEM;
	m->flags = flags & MNT_USER_FLAGS;
	mutex_lock(&namespace_lock);
	err = attach_tree(m, at->mnt, at->dentry, false);
	mutex_unlock(&namespace_lock);
	if (err)
		mnt_put(m);
	return err;
}

/* mount(2) with MS_SHARED, MS_PRIVATE, MS_SLAVE or MS_UNBINDABLE (exactly
 * one), on m alone or with MS_REC on all below it too. */
static int change_type(struct mount *m, unsigned long flags)
{
	unsigned long type = flags & MS_PROPAGATION;
	if (type & (type - 1))
		return -EINVAL;
	int n = 1;
	struct mount **v = (flags & MS_REC) ? collect_tree(m, &n) : &m;
	if (!v)
		return -ENOMEM;
	spin_lock(&mount_lock);
	for (int i = 0; i < n; i++) {
		struct mount *c = v[i];
		c->unbindable = type == MS_UNBINDABLE;
		if (type == MS_SHARED && !c->shared_id)
			c->shared_id = new_group_id();
		/* A slave of its former peers; with none, as before (Linux). */
		int master = c->master_id;
		if (type == MS_SLAVE && c->shared_id && has_peers(c))
			master = c->shared_id;
		if (type != MS_SHARED)
			leave_group(c);
		c->master_id = (type == MS_PRIVATE || type == MS_UNBINDABLE) ? 0 : master;
	}
	spin_unlock(&mount_lock);
	if (v != &m)
		kfree(v);
	return 0;
}

/*
 * MS_REMOUNT: the mount's own flags, none of its locked ones cleared
 * (EPERM).  With MS_BIND that is all; without, Linux also makes the super
 * block read-only or writable (on every mount of it).  That is done here
 * for file systems without a device, by the initial namespace's
 * administrator (a super block here does not record the user namespace
 * it was made in); a disk's keeps its super block as mounted (ext2 would
 * have to write its state).
 */
static int remount(struct mount *m, unsigned long flags)
{
	unsigned long want = flags & MNT_USER_FLAGS;
	if (m->locked_flags & ~want)
		return -EPERM;
	spin_lock(&mount_lock);
	m->flags = (m->flags & ~MNT_USER_FLAGS) | want;
	if (!(flags & MS_BIND) && !m->sb->bdev && capable(CAP_SYS_ADMIN))
		m->sb->flags = (m->sb->flags & ~MS_RDONLY) | (flags & MS_RDONLY);
	spin_unlock(&mount_lock);
	return 0;
}

int do_mount(const char *source, const char *target, const char *type,
	     unsigned long flags, const char *data)
{
	struct path at;
	int err = kern_path(target, LOOKUP_FOLLOW, &at);
	if (err)
		return err;
	bool is_root = at.dentry == at.mnt->root;
	if (at.mnt->ns != current_mnt_ns()) {
		err = -EINVAL;	/* a mount of another namespace, or unmounted */
	} else if (flags & MS_REMOUNT) {
		err = is_root ? remount(at.mnt, flags) : -EINVAL;
	} else if (flags & MS_BIND) {
		err = mount_bind(source, &at, flags);
	} else if (flags & MS_PROPAGATION) {
		if (!is_root)
			err = -EINVAL;
		else {
			mutex_lock(&namespace_lock);
			err = change_type(at.mnt, flags);
			mutex_unlock(&namespace_lock);
		}
	} else if (flags & MS_MOVE) {
		err = mount_move(source, &at);
	} else if (!S_ISDIR(at.dentry->inode->mode)) {
		err = -ENOTDIR;
	} else if (!type) {
		err = -EINVAL;
	} else {
		err = mount_new(source, &at, type, flags, data);
	}
	path_put(&at);
	return err;
}

/* The mount on (parent, mp) last mounted; NULL if none.  Caller holds
 * mount_lock. */
static struct mount *child_at(struct mount *parent, struct dentry *mp)
{
	struct mount *m, *found = NULL;
	list_for_each_entry(m, &mount_hash[mount_bucket(parent, mp)], hash_link)
		if (m->parent == parent && m->mountpoint == mp)
			found = m;
	return found;
}

/* Are all of c's children in v[0..n)?  Caller holds mount_lock. */
static bool children_in(struct mount *c, struct mount **v, int n)
{
	struct mount *k;
	list_for_each_entry(k, &c->children, child_link)
		if (!in_tree(v, n, k))
			return false;
	return true;
}

/* Is c used by more than its namespace and its children?  Caller holds
 * mount_lock. */
static bool mount_busy(struct mount *c)
{
	int refs = 1;	/* the namespace's */
	struct mount *k;
	list_for_each_entry(k, &c->children, child_link)
		refs++;
	return __atomic_load_n(&c->refcnt, __ATOMIC_ACQUIRE) > refs;
}

/*
 * Add to set (*n of them, room for cap) the mounts an umount of v[i]
 * takes with it: at its place on each mount receiving from its parent,
 * one not locked whose children all go too.  One in use is -EBUSY unless
 * busy_ok (Linux fails the whole umount).  Caller holds namespace_lock.
 */
static int umount_propagate_one(struct mount *m, bool busy_ok, struct mount ***set, int *n,
				int *cap)
{
	int nt, err;
	struct prop_target *t = prop_targets(m->parent, NULL, 0, &nt, &err);
	for (int i = 0; !err && i < nt; i++) {
		if (*n == *cap) {
			struct mount **w = kmalloc(2 * *cap * sizeof(*w));
			if (!w) {
				err = -ENOMEM;
				break;
			}
			memcpy(w, *set, *n * sizeof(*w));
			kfree(*set);
			*set = w;
			*cap *= 2;
		}
		spin_lock(&mount_lock);
		struct mount *c = child_at(t[i].m, m->mountpoint);
		if (c && !c->locked && !in_tree(*set, *n, c) && children_in(c, *set, *n)) {
			if (!busy_ok && mount_busy(c))
				err = -EBUSY;
			(*set)[(*n)++] = c;
		}
		spin_unlock(&mount_lock);
	}
	kfree(t);
	return err;
}

/*
 * The tree rooted at m, then the mounts its umount takes with it
 * (umount_propagate_one for each of its mounts, the deepest first, so a
 * copy's children are in the set before it): an array the caller frees,
 * *n its length, *ntree how many of them are m's own tree.  Caller holds
 * namespace_lock.
 */
static struct mount **umount_set(struct mount *m, bool busy_ok, int *ntree, int *n, int *err)
{
	struct mount **set = collect_tree(m, ntree);
	if (!set) {
		*err = -ENOMEM;
		return NULL;
	}
	*n = *ntree;
	int cap = *n;
	*err = 0;
	for (int i = *ntree - 1; i >= 0 && !*err; i--)
		*err = umount_propagate_one(set[i], busy_ok, &set, n, &cap);
	if (*err) {
		kfree(set);
		return NULL;
	}
	return set;
}

/* MNT_EXPIRE: the first call marks an idle mount (EAGAIN), the second
 * unmounts it if nothing used it since.  Here nothing clears the mark:
 * a second call on a still idle mount unmounts it. */
static int expire_check(struct mount *m, int flags)
{
	if (flags & (MNT_FORCE | MNT_DETACH))
		return -EINVAL;
	if (__atomic_load_n(&m->refcnt, __ATOMIC_ACQUIRE) > 2 || !list_empty(&m->children))
		return -EBUSY;
	if (!m->expiry_mark) {
		m->expiry_mark = true;
		return -EAGAIN;
	}
	return 0;
}

/* umount2 on the mount whose root is p.  Without MNT_DETACH it must be
 * idle: no mounts below it and no reference but its namespace's and the
 * caller's path (open files, working directories count: EBUSY).  As on
 * Linux for file systems without a umount_begin (all of them here),
 * MNT_FORCE is a plain umount; Linux asks CAP_SYS_ADMIN over the super
 * block's user namespace for it, which a super block here does not
 * record, so it asks nothing more than for umount. */
int do_umount(const struct path *p, int flags)
{
	struct mount *m = p->mnt;
	if (flags & ~UMOUNT_FLAGS)
		return -EINVAL;
	if (p->dentry != m->root || m->ns != current_mnt_ns() || m->locked)
		return -EINVAL;
	if (m->parent == m)
		return -EBUSY;	/* the namespace's root: pivot_root away first */
	mutex_lock(&namespace_lock);
	int err = 0, ntree = 0, n = 0;
	struct mount **set = NULL;
	if (m->ns != current_mnt_ns()) {
		err = -EINVAL;	/* unmounted meanwhile */
	} else if (flags & MNT_EXPIRE) {
		err = expire_check(m, flags);
	} else if (!(flags & MNT_DETACH)) {
		spin_lock(&mount_lock);
		if (!list_empty(&m->children) || __atomic_load_n(&m->refcnt, __ATOMIC_ACQUIRE) > 2)
			err = -EBUSY;
		spin_unlock(&mount_lock);
	}
	if (!err)
		set = umount_set(m, flags & MNT_DETACH, &ntree, &n, &err);
	if (!err)
		err = umount_tree(m);
	/* The copies, children before parents: each a leaf when it goes. */
	for (int i = ntree; !err && i < n; i++)
		umount_tree(set[i]);	/* out of memory: that copy stays */
	mutex_unlock(&namespace_lock);
	kfree(set);
	if (err)
		return err;
	if (m->sb->s_op && m->sb->s_op->sync_fs)
		m->sb->s_op->sync_fs(m->sb);
	if (m->sb->bdev)
		bsync(m->sb->bdev);
	return 0;
}

/* Is (mnt, d) at or below root, walking up through the mounts? */
static bool path_reachable(struct mount *mnt, struct dentry *d, const struct path *root)
{
	spin_lock(&mount_lock);
	while (mnt != root->mnt && mnt->parent != mnt) {
		d = mnt->mountpoint;
		mnt = mnt->parent;
	}
	spin_unlock(&mount_lock);
	return mnt == root->mnt && is_subdir(d, root->dentry);
}

/* Every task whose root or working directory is old gets new instead. */
static void switch_fs_refs(const struct path *old, const struct path *new)
{
	int dropped = 0;
	struct task *t;
	spin_lock(&tasklist_lock);
	list_for_each_entry(t, &all_tasks, all_link) {
		struct fs_struct *fs = t->fs;
		if (!fs)
			continue;
		spin_lock(&fs->lock);
		if (fs->root.mnt == old->mnt && fs->root.dentry == old->dentry) {
			path_get(new);
			fs->root = *new;
			dropped++;
		}
		if (fs->pwd.mnt == old->mnt && fs->pwd.dentry == old->dentry) {
			path_get(new);
			fs->pwd = *new;
			dropped++;
		}
		spin_unlock(&fs->lock);
	}
	spin_unlock(&tasklist_lock);
	while (dropped-- > 0)
		path_put(old);	/* old stays mounted: never the last reference */
}

/*
 * pivot_root(2), with Linux's checks.  One difference: a namespace's root
 * mount here sits on nothing (Linux's sits on the initial rootfs), so
 * new_root becomes the namespace's root instead of taking the old root's
 * place on its parent.
 */
int do_pivot_root(const struct path *new, const struct path *put_old)
{
	struct mnt_namespace *ns = current_mnt_ns();
	struct fs_struct *fs = current->fs;
	struct path root;
	spin_lock(&fs->lock);
	root = fs->root;
	path_get(&root);
	spin_unlock(&fs->lock);
	mutex_lock(&namespace_lock);
	struct mount *root_mnt = root.mnt, *new_mnt = new->mnt, *old_mnt = put_old->mnt;
	int err = -EINVAL;
	if (root_mnt->ns != ns || new_mnt->ns != ns || old_mnt->ns != ns)
		goto out;
	err = -EBUSY;
	if (new_mnt == root_mnt || old_mnt == root_mnt)
		goto out;	/* on the current root's mount */
	err = -EINVAL;
	if (root.dentry != root_mnt->root || root_mnt != ns->root)
		goto out;	/* the root is not a mount's root (chroot) */
	if (new->dentry != new_mnt->root || new_mnt->parent == new_mnt)
		goto out;	/* new_root is not a mount point */
	if (old_mnt->shared_id || new_mnt->parent->shared_id)
		goto out;
	if (!path_reachable(old_mnt, put_old->dentry, new) ||
	    !path_reachable(new_mnt, new->dentry, &root))
		goto out;
	/* The old root may keep a mountpoint from an earlier pivot. */
	struct dentry *stale = root_mnt->mountpoint;
	root_mnt->mountpoint = NULL;
	spin_lock(&mount_lock);
	struct mount *parent = unlink_parent(new_mnt);
	link_mount(root_mnt, old_mnt, put_old->dentry);
	list_del(&root_mnt->ns_link);	/* the old root now comes last */
	list_add_tail(&root_mnt->ns_link, &ns->mounts);
	list_del(&new_mnt->ns_link);
	list_add(&new_mnt->ns_link, &ns->mounts);
	ns->root = new_mnt;
	/* The lock that held new_root to its place holds the old root to
	 * put_old now (Linux's rule). */
	if (new_mnt->locked) {
		new_mnt->locked = false;
		root_mnt->locked = true;
	}
	spin_unlock(&mount_lock);
	dput(stale);
	mnt_put(parent);
	err = 0;
out:
	mutex_unlock(&namespace_lock);
	if (!err)
		switch_fs_refs(&root, new);
	path_put(&root);
	return err;
}

/* Walk the mounts of ns in order, for /proc/PID/mounts and mountinfo. */
void for_each_mount(struct mnt_namespace *ns,
		    void (*fn)(struct mount *m, void *arg), void *arg)
{
	struct mount *m;
	spin_lock(&mount_lock);
	list_for_each_entry(m, &ns->mounts, ns_link)
		fn(m, arg);
	spin_unlock(&mount_lock);
}

/* The master of group id: the master_id of any member; 0 if none.
 * Caller holds mount_lock. */
static int group_master(int id)
{
	struct mnt_namespace *ns;
	struct mount *m;
	list_for_each_entry(ns, &all_mnt_ns, all_link)
		list_for_each_entry(m, &ns->mounts, ns_link)
			if (m->shared_id == id)
				return m->master_id;
	return 0;
}

static bool group_in_ns(int id, struct mnt_namespace *ns)
{
	struct mount *m;
	list_for_each_entry(m, &ns->mounts, ns_link)
		if (m->shared_id == id)
			return true;
	return false;
}

int mount_dominating_id(struct mount *m)
{
	/* Masters form a chain (a slave is never its own master's master);
	 * the bound only guards against a bug looping forever. */
	int id = m->master_id;
	for (int hops = 0; id && m->ns && hops < MOUNT_BUCKETS; hops++) {
		if (group_in_ns(id, m->ns))
			return id;
		id = group_master(id);
	}
	return 0;
}

struct fs_struct *fs_alloc(void)
{
	struct fs_struct *fs = kzalloc(sizeof(*fs));
	if (!fs)
		return NULL;
	fs->refcnt = 1;
	spin_init(&fs->lock, "fs");
	fs->umask = 022;
	return fs;
}

struct fs_struct *fs_dup(struct fs_struct *old)
{
	struct fs_struct *fs = fs_alloc();
	if (!fs)
		return NULL;
	spin_lock(&old->lock);
	fs->root = old->root;
	fs->pwd = old->pwd;
	fs->umask = old->umask;
	path_get(&fs->root);
	path_get(&fs->pwd);
	spin_unlock(&old->lock);
	return fs;
}

void fs_put(struct fs_struct *fs)
{
	if (__atomic_sub_fetch(&fs->refcnt, 1, __ATOMIC_ACQ_REL))
		return;
	path_put(&fs->root);
	path_put(&fs->pwd);
	kfree(fs);
}

/* ---- /proc/PID/ns/mnt ---- */

static struct mnt_namespace *to_mnt_ns(struct ns_common *ns)
{
	return container_of(ns, struct mnt_namespace, ns);
}

static struct ns_common *mntns_get(struct task *t)
{
	struct nsproxy *nsproxy = task_nsproxy_get(t);
	if (!nsproxy)
		return NULL;
	struct ns_common *ns = nsproxy->mnt_ns ? &mnt_ns_get(nsproxy->mnt_ns)->ns : NULL;
	put_nsproxy(nsproxy);
	return ns;
}

static void mntns_put(struct ns_common *ns)
{
	mnt_ns_put(to_mnt_ns(ns));
}

/* The top of ns's root: its root mount, or what is mounted over it. */
static void mnt_ns_root(struct mnt_namespace *ns, struct path *out)
{
	mutex_lock(&namespace_lock);
	out->mnt = mnt_get(ns->root);
	out->dentry = dget(ns->root->root);
	mutex_unlock(&namespace_lock);
	struct mount *over;
	while ((over = lookup_mnt(out->mnt, out->dentry))) {
		path_put(out);
		out->mnt = over;
		out->dentry = dget(over->root);
	}
}

/*
 * Joining a mount namespace (as Linux): CAP_SYS_ADMIN over it, and
 * CAP_SYS_CHROOT and CAP_SYS_ADMIN in the caller's own user namespace;
 * not with a root and working directory shared with another process.
 * Both move to the namespace's root.
 */
static int mntns_install(struct nsset *nsset, struct ns_common *ns)
{
	struct mnt_namespace *mnt_ns = to_mnt_ns(ns);
	struct cred *cred = nsset->cred;
	if (!cap_capable(cred, mnt_ns->user_ns, CAP_SYS_ADMIN) ||
	    !cap_capable(cred, cred->user_ns, CAP_SYS_CHROOT) ||
	    !cap_capable(cred, cred->user_ns, CAP_SYS_ADMIN))
		return -EPERM;
	if (!nsset->fs || __atomic_load_n(&current->fs->refcnt, __ATOMIC_ACQUIRE) > 1)
		return -EINVAL;
	struct path root, old_root, old_pwd;
	mnt_ns_root(mnt_ns, &root);
	struct fs_struct *fs = nsset->fs;
	spin_lock(&fs->lock);
	old_root = fs->root;
	old_pwd = fs->pwd;
	fs->root = fs->pwd = root;
	path_get(&root);
	spin_unlock(&fs->lock);
	path_put(&old_root);
	path_put(&old_pwd);
	if (nsset->nsproxy->mnt_ns)
		mnt_ns_put(nsset->nsproxy->mnt_ns);
	nsset->nsproxy->mnt_ns = mnt_ns_get(mnt_ns);
	return 0;
}

static struct user_namespace *mntns_owner(struct ns_common *ns)
{
	return to_mnt_ns(ns)->user_ns;
}

const struct proc_ns_operations mntns_operations = {
	.name = "mnt",
	.real_name = "mnt",
	.type = CLONE_NEWNS,
	.get = mntns_get,
	.put = mntns_put,
	.install = mntns_install,
	.owner = mntns_owner,
};
