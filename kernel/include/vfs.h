/*
 * The VFS above the file systems: dentries, mounts, paths, the per-process
 * root and working directory.
 *
 * dcache_lock (a spinlock, fs/dcache.c) guards the dentry hash, parent and
 * child links and names.  A dentry's refcnt is atomic: taking one more
 * reference on a dentry already held (dget) or dropping one that is not
 * the last (dput) takes no lock; a count goes from 0 to 1 (a lookup that
 * finds it) and to 0 (the last dput) only under dcache_lock, so whoever
 * holds the lock sees which dentries are unused.  A directory's cached
 * names are searched without its mutex (d_lookup_cached).
 * Dentries stay cached after their last
 * reference (negative ones too) until their directory is removed, except
 * where caching buys nothing: a file system's root (shared by its mounts)
 * and a negative name of a no_dcache file system (procfs) go at their
 * last dput; procfs drops a process's names when it is reaped
 * (d_invalidate_child); the whole tree goes with its file system
 * (d_prune_tree).
 * namespace_lock (a mutex, fs/mount.c) serialises changes to mount trees;
 * mount_lock (a spinlock, fs/mount.c) guards the mount hash, every mount's
 * tree links and each namespace's list, and is what readers take.
 * A directory's inode mutex is held while its file system is asked for a
 * name or changes it.
 */
#ifndef KERNEL_VFS_H
#define KERNEL_VFS_H

#include "fs.h"
#include "ns_common.h"

struct dentry {
	char *name;
	size_t len;
	uint32_t hash;
	struct dentry *parent;		/* itself for a file system root */
	struct inode *inode;		/* NULL: a negative entry */
	int refcnt;
	int mounted;			/* mounts on this dentry */
	bool anon;			/* in no tree (d_alloc_anon): freed, and its
					 * inode put, at the last dput */
	unsigned int prune_gen;		/* d_prune_tree kept it in this pass */
	struct list_head hash_link;
	struct list_head child_link;	/* in parent->children */
	struct list_head children;
};

struct mnt_namespace;

/*
 * A mount's lifetime.  refcnt counts
 *  - each path naming it (open files, fs_struct root and pwd, a walk in
 *    progress, lookup_mnt's result), and kern_mount's caller;
 *  - one for being in a namespace, from mounting until it is unmounted
 *    (umount2, lazily or not) or its namespace goes;
 *  - one for each mount linked below it (a child holds its parent).
 * The mnt_put that drops the last reference frees it: it leaves its
 * parent (putting that one in turn), and its root and mountpoint dentries
 * are put.  So a mount lives while any path names it, with all its
 * ancestors: a lazily unmounted tree stays whole, and walkable from
 * inside, until its last user goes; nothing is freed under a user.
 * Unmounting unlinks only the top of the unmounted tree from its parent.
 */
struct mount {
	struct super_block *sb;
	struct dentry *root;
	struct mount *parent;		/* itself for a namespace's root mount
					 * and the top of an unmounted tree */
	struct dentry *mountpoint;	/* in parent */
	unsigned long flags;		/* MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC */
	struct mnt_namespace *ns;	/* NULL once unmounted */
	struct list_head hash_link;	/* keyed by (parent, mountpoint) */
	struct list_head children;	/* mounts on this one */
	struct list_head child_link;
	struct list_head ns_link;	/* in ns->mounts, in mount order */
	int refcnt;
	int id;				/* unique, never reused: fdinfo's mnt_id */
	char *source;			/* "/dev/vda", "proc" ... for /proc/mounts */
	/* source itself when that is short (most are): no allocation for
	 * each mount a new mount namespace copies */
	char source_inline[16];
	/* Propagation (mount_namespaces(7)): the peer group if shared, and
	 * the group it is a slave of.  A mount or umount on a mount of group
	 * G is repeated on every other member of G and on every slave of G
	 * (and on to their peers and slaves), never from a slave to G.  The
	 * peers of a group are found by scanning every namespace. */
	int shared_id;			/* 0: not shared */
	int master_id;			/* 0: no master */
	bool unbindable;
	/* Copied into a namespace of a less privileged user namespace: it
	 * cannot be unmounted or moved away from its parent (which would
	 * show what it covers), nor can locked_flags (MS_RDONLY, MS_NOSUID,
	 * MS_NODEV, MS_NOEXEC) be cleared by a remount. */
	bool locked;
	unsigned long locked_flags;
	bool expiry_mark;		/* a first umount2(MNT_EXPIRE) passed */
};

/* A mount tree.  refcnt counts the nsproxies holding it; the last put
 * unmounts every mount in it (as a lazy umount of its root). */
struct user_namespace;
struct mnt_namespace {
	struct ns_common ns;
	int refcnt;
	struct user_namespace *user_ns;	/* its owner: mount needs CAP_SYS_ADMIN there */
	struct mount *root;		/* guarded by namespace_lock and mount_lock */
	struct list_head mounts;
	int nr_mounts;			/* on the list; guarded like it */
	struct list_head all_link;	/* every namespace, to find a mount's peers */
};

struct fs_struct {
	int refcnt;
	struct spinlock lock;		/* guards root, pwd, umask */
	struct path root, pwd;
	umode_t umask;
};

/* dcache.c */
struct dentry *dget(struct dentry *d);
void dput(struct dentry *d);
/* The root dentry of root's file system, shared by all its mounts (one
 * reference more); freed, and root put, at its last dput. */
struct dentry *d_alloc_root(struct inode *root);
/* The file system of d is going away: free every unused dentry of the
 * tree d belongs to (from its root down), putting their inodes. */
void d_prune_tree(struct dentry *d);
/* The cached name name in the root of sb, and what is cached below it, go
 * (procfs: a process that is gone); a part still in use goes at its last
 * dput. */
void d_invalidate_child(struct super_block *sb, const char *name, size_t len);
/* A dentry for inode (reference taken over) that belongs to no directory:
 * an object reached only through a magic link (a pipe reopened through
 * /proc/PID/fd).  Its last dput frees it and puts the inode. */
struct dentry *d_alloc_anon(struct inode *inode);
/* The cached child of parent named name, looking it up in the file system
 * when it is not cached; the result may be negative.  Caller holds parent's
 * inode mutex. */
struct dentry *d_lookup_or_fetch(struct dentry *parent, const char *name, size_t len);
/* The cached child of parent named name, referenced, without asking the
 * file system and without parent's mutex: NULL when it is not cached or
 * the file system must be asked (a no_dcache name its revalidate does not
 * vouch for); the caller then takes the mutex and calls d_lookup_or_fetch. */
struct dentry *d_lookup_cached(struct dentry *parent, const char *name, size_t len);
void d_instantiate(struct dentry *d, struct inode *inode);	/* takes the ref */
void d_make_negative(struct dentry *d);
void d_move(struct dentry *d, struct dentry *new_parent, const char *name, size_t len);
void d_drop_children(struct dentry *d);

/* mount.c */
struct mount *mnt_get(struct mount *m);
void mnt_put(struct mount *m);		/* the last put frees m (see above) */
/* The mount on (parent, mountpoint), referenced, or NULL. */
struct mount *lookup_mnt(struct mount *parent, struct dentry *mountpoint);
/* Where m is mounted: its parent and mountpoint, referenced, in *out;
 * false for a namespace's root or an unmounted tree's top. */
bool mnt_parent_path(struct mount *m, struct path *out);
void path_get(const struct path *p);
void path_put(const struct path *p);
/* mount(2) with its arguments in kernel memory: a new mount, MS_BIND,
 * MS_MOVE, MS_REMOUNT or a propagation change, each with Linux's rules;
 * what lands on a shared mount is copied to its peers and slaves, and
 * ENOSPC if a namespace would pass MOUNT_MAX (mount.c) mounts. */
int do_mount(const char *source, const char *target, const char *type,
	     unsigned long flags, const char *data);
/* A mount of sb in no namespace, for objects the kernel alone names. */
struct mount *kern_mount(struct super_block *sb, const char *source);
struct mnt_namespace *mnt_ns_create_root(struct super_block *root_sb, const char *source);
struct mnt_namespace *mnt_ns_get(struct mnt_namespace *ns);
void mnt_ns_put(struct mnt_namespace *ns);
/* CLONE_NEWNS: a copy of old's tree (every mount, with the same super
 * blocks, roots, flags and peer groups); fs's root and working directory,
 * where they are on old's mounts, move to the copies.  ERR_PTR on failure. */
struct mnt_namespace *copy_mnt_ns(struct mnt_namespace *old, struct fs_struct *fs,
				  struct user_namespace *user_ns);
/* May current mount and unmount in its mount namespace? */
bool may_mount(void);
/* pivot_root(2) once the paths are found: the checks and the move. */
int do_pivot_root(const struct path *new_root, const struct path *put_old);
/* The name of d from the top of its file system ("/" there): for
 * mountinfo's root field.  Length written (with NUL) or -errno. */
int dentry_fs_path(struct dentry *d, char *buf, size_t len);
/* umount2 flags: Linux's values (not in the UAPI headers). */
#define MNT_FORCE		1
#define MNT_DETACH		2
#define MNT_EXPIRE		4
#define UMOUNT_NOFOLLOW		8
#define UMOUNT_FLAGS		(MNT_FORCE | MNT_DETACH | MNT_EXPIRE | UMOUNT_NOFOLLOW)
/* umount2 of the mount whose root is p, in the caller's namespace: EBUSY
 * if it has mounts below it or users other than p, unless MNT_DETACH
 * (then the tree leaves the namespace now and is freed when unused);
 * EINVAL if it is locked.  The umount propagates to the mounts at the
 * same place on the parent's peers and slaves that are idle leaves. */
int do_umount(const struct path *p, int flags);
/* fn on each mount of ns in order, under mount_lock (fn must not sleep). */
void for_each_mount(struct mnt_namespace *ns, void (*fn)(struct mount *m, void *arg), void *arg);
/* For mountinfo's propagate_from: the nearest group up m's chain of
 * masters with a member in m's namespace; 0 if none.  Caller holds
 * mount_lock (for_each_mount's fn). */
int mount_dominating_id(struct mount *m);

/* namei.c */
#define LOOKUP_FOLLOW		0x1	/* follow a final symlink */
#define LOOKUP_DIRECTORY	0x2	/* the result must be a directory */
#define LOOKUP_PARENT		0x4	/* stop at the parent of the last name */
#define LOOKUP_EMPTY		0x8	/* "" means the start directory */

struct nameidata {
	struct path path;		/* the result (or the parent) */
	const char *last;		/* with LOOKUP_PARENT: the final name */
	size_t last_len;
	bool last_is_dot;		/* "." or ".." or trailing slash */
	bool trailing_slash;
};

/* Resolve a kernel-space path relative to dirfd (AT_FDCWD or an open
 * directory).  On success nd->path is referenced; release with path_put. */
int path_lookup_at(int dirfd, const char *name, unsigned int flags, struct nameidata *nd);
/* Same, for a user-space path. */
int user_path_at(int dirfd, const char __user *uname, unsigned int flags, struct path *out);
/* Resolve a kernel-space path from the current directory. */
int kern_path(const char *name, unsigned int flags, struct path *out);
/* Copy a user path into a fresh kernel page: the kernel pointer or ERR_PTR. */
char *getname(const char __user *uname);
void putname(char *name);
int vfs_permission(struct inode *inode, int mask);	/* MAY_* */
#define MAY_EXEC	1
#define MAY_WRITE	2
#define MAY_READ	4

/* open.c */
struct file *vfs_open(const struct path *path, unsigned int flags);
struct file *file_open_kernel(const char *name, unsigned int flags, umode_t mode);
/* A write by one without CAP_FSETID clears the file's set-user-ID bit (and
 * set-group-ID, where group execution makes it one). */
void file_remove_privs(struct file *f);
long do_sys_openat(int dirfd, const char __user *uname, int flags, umode_t mode);
/* Is the path on a read-only mount or file system? */
bool is_rdonly(const struct path *p);
/* Is current the owner of in, or has CAP_FOWNER over it? */
bool owner_or_cap(struct inode *in);
/* bind(2) of an AF_UNIX socket to a path name (a kernel string, from the
 * working directory): make the S_IFSOCK node (mode less the umask) and
 * return its path, referenced; -EEXIST if the name exists. */
int vfs_mknod_socket(const char *name, umode_t mode, struct path *out);

/* fs_struct */
struct fs_struct *fs_alloc(void);
struct fs_struct *fs_dup(struct fs_struct *old);
void fs_put(struct fs_struct *fs);

/* d_path: the name of p as seen from root: length written (with NUL) or -errno. */
int d_path(const struct path *p, const struct path *root, char *buf, size_t len);

#endif
