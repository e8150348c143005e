/*
 * The VFS above the file systems: dentries, mounts, paths, the per-process
 * root and working directory.
 *
 * dcache_lock (a spinlock, fs/dcache.c) guards the dentry hash, parent and
 * child links, names and refcnts.  Dentries stay cached after their last
 * reference (negative ones too) until their directory is removed.
 * mount_lock (fs/mount.c) guards the mount hash and every mount tree.
 * A directory's inode mutex is held while it is searched or changed.
 */
#ifndef KERNEL_VFS_H
#define KERNEL_VFS_H

#include "fs.h"

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
	struct list_head hash_link;
	struct list_head child_link;	/* in parent->children */
	struct list_head children;
};

struct mnt_namespace;

struct mount {
	struct super_block *sb;
	struct dentry *root;
	struct mount *parent;		/* itself for a namespace's root mount */
	struct dentry *mountpoint;	/* in parent */
	unsigned long flags;		/* MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC */
	struct mnt_namespace *ns;
	struct list_head hash_link;	/* keyed by (parent, mountpoint) */
	struct list_head children;	/* mounts on this one */
	struct list_head child_link;
	struct list_head ns_link;	/* in ns->mounts, in mount order */
	int refcnt;
	int id;				/* unique, never reused: fdinfo's mnt_id */
	char *source;			/* "/dev/vda", "proc" ... for /proc/mounts */
};

struct mnt_namespace {
	int refcnt;
	struct mount *root;
	struct list_head mounts;
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
struct dentry *d_alloc_root(struct inode *root);
/* A dentry for inode (reference taken over) that belongs to no directory:
 * an object reached only through a magic link (a pipe reopened through
 * /proc/PID/fd).  Its last dput frees it and puts the inode. */
struct dentry *d_alloc_anon(struct inode *inode);
/* The cached child of parent named name, looking it up in the file system
 * when it is not cached; the result may be negative.  Caller holds parent's
 * inode mutex. */
struct dentry *d_lookup_or_fetch(struct dentry *parent, const char *name, size_t len);
void d_instantiate(struct dentry *d, struct inode *inode);	/* takes the ref */
void d_make_negative(struct dentry *d);
void d_move(struct dentry *d, struct dentry *new_parent, const char *name, size_t len);
void d_drop_children(struct dentry *d);

/* mount.c */
struct mount *mnt_get(struct mount *m);
void mnt_put(struct mount *m);
struct mount *lookup_mnt(struct mount *parent, struct dentry *mountpoint);
void path_get(const struct path *p);
void path_put(const struct path *p);
int do_mount(const char *source, const char *target, const char *type,
	     unsigned long flags, const char *data);
/* A mount of sb in no namespace, for objects the kernel alone names. */
struct mount *kern_mount(struct super_block *sb, const char *source);
struct mnt_namespace *mnt_ns_create_root(struct super_block *root_sb, const char *source);
struct mnt_namespace *mnt_ns_get(struct mnt_namespace *ns);
void mnt_ns_put(struct mnt_namespace *ns);
/* umount2 flags: Linux's values (not in the UAPI headers). */
#define MNT_FORCE		1
#define MNT_DETACH		2
#define UMOUNT_NOFOLLOW		8
int do_umount(const struct path *p, int flags);
void for_each_mount(struct mnt_namespace *ns, void (*fn)(struct mount *m, void *arg), void *arg);

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

/* fs_struct */
struct fs_struct *fs_alloc(void);
struct fs_struct *fs_dup(struct fs_struct *old);
void fs_put(struct fs_struct *fs);

/* d_path: the name of p as seen from root: length written (with NUL) or -errno. */
int d_path(const struct path *p, const struct path *root, char *buf, size_t len);

#endif
