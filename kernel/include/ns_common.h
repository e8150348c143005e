/*
 * What every namespace has in common: an inode number (its name in
 * /proc/PID/ns links, "uts:[4026531838]", and the st_ino of its nsfs
 * file) and the operations of its kind.  Each namespace structure embeds
 * a struct ns_common; the kind's operations find the rest from it.
 *
 * The initial namespaces have Linux's fixed numbers; every other one takes
 * the next number of a counter that starts at PROC_DYNAMIC_FIRST, so a
 * newer namespace has a larger number (bind-mounting a mount namespace's
 * file relies on that).  The number never changes once set.
 *
 * Files of namespaces (fs/nsfs.c): opening /proc/PID/ns/NAME, or asking an
 * nsfs file for a related namespace (NS_GET_USERNS, NS_GET_PARENT), gives
 * an open file that holds a reference to the namespace; so does a bind
 * mount of such a file (the mount holds the file's dentry and inode).
 * setns(2) (ns/setns.c) joins the namespace of such a file, or those of a
 * process named by a pidfd.
 */
#ifndef KERNEL_NS_COMMON_H
#define KERNEL_NS_COMMON_H

#include "types.h"

#define PROC_IPC_INIT_INO	0xEFFFFFFFU
#define PROC_UTS_INIT_INO	0xEFFFFFFEU
#define PROC_USER_INIT_INO	0xEFFFFFFDU
#define PROC_PID_INIT_INO	0xEFFFFFFCU
#define PROC_CGROUP_INIT_INO	0xEFFFFFFBU
#define PROC_DYNAMIC_FIRST	0xF0000000U

struct ns_common;
struct task;
struct cred;
struct nsproxy;
struct fs_struct;
struct user_namespace;

/*
 * What setns is building: copies of the caller's nsproxy, cred and (for a
 * mount namespace) fs_struct, which the install operations change and
 * which replace the caller's only when every namespace asked for was
 * installed.  cred is the one capability checks are made with, so that a
 * user namespace joined in the same call counts for the others.
 */
struct nsset {
	unsigned long flags;		/* CLONE_NEW* being joined */
	struct nsproxy *nsproxy;	/* private copy */
	struct cred *cred;		/* private copy */
	struct fs_struct *fs;		/* private copy, or NULL without CLONE_NEWNS */
};

struct proc_ns_operations {
	const char *name;		/* the link's name in /proc/PID/ns */
	const char *real_name;		/* its kind in the link text: pid_for_children reads "pid:[...]" */
	int type;			/* CLONE_NEW* */
	/* t's namespace of this kind, referenced, or NULL (t is exiting). */
	struct ns_common *(*get)(struct task *t);
	void (*put)(struct ns_common *ns);
	/* Put ns in nsset (checks made with nsset->cred): 0 or -errno. */
	int (*install)(struct nsset *nsset, struct ns_common *ns);
	/* The user namespace that owns ns (not referenced); for a user
	 * namespace, its parent (NULL for the initial one). */
	struct user_namespace *(*owner)(struct ns_common *ns);
	/* pid and user only: the parent, referenced; ERR_PTR(-EPERM) at the
	 * top or when the parent is above the caller's own namespace. */
	struct ns_common *(*get_parent)(struct ns_common *ns);
};

struct ucounts;
struct ns_common {
	unsigned int inum;
	const struct proc_ns_operations *ops;
	struct ucounts *ucounts;	/* its maker's charge (ucount.h); NULL for
					 * the initial namespaces */
};

/* The next dynamic inode number. */
unsigned int ns_alloc_inum(void);

/* Each kind's operations, defined next to the namespace they work on. */
extern const struct proc_ns_operations utsns_operations, ipcns_operations, netns_operations,
	pidns_operations, pidns_for_children_operations, userns_operations, mntns_operations,
	cgroupns_operations;

/* ---- fs/nsfs.c ---- */

struct path;
struct dentry;
struct file;
/* The nsfs file of ns: its path (a dentry of its own on the nsfs mount)
 * in *out, referenced; ns's reference (the caller's) moves to it, and is
 * put on failure.  0 or -ENOMEM. */
int nsfs_path(struct ns_common *ns, struct path *out);
/* A new descriptor (O_CLOEXEC) for ns's nsfs file; the caller's reference
 * to ns moves to it.  The descriptor or -errno. */
long nsfs_open_fd(struct ns_common *ns);
/* The namespace an open nsfs file stands for (not referenced: the file
 * holds it), or NULL if f is no nsfs file. */
struct ns_common *nsfs_file_ns(struct file *f);
/* The same for a dentry (of an nsfs file or bind mount), or NULL. */
struct ns_common *nsfs_dentry_ns(const struct dentry *d);
/* "uts:[4026531838]" for an nsfs dentry, without NUL, at most len bytes:
 * the length, or -EINVAL if d is no nsfs dentry. */
ssize_t nsfs_dentry_name(const struct dentry *d, char *buf, size_t len);
/* Is d a file of a mount namespace made before the one of the caller?
 * Binding it there would let the namespace hold itself. */
bool nsfs_mnt_ns_loop(const struct dentry *d);

/* /proc/PID/ns (fs/nsfs.c; procfs names the entries by index). */
extern const struct proc_ns_operations *const proc_ns_kinds[];
extern const size_t proc_ns_kinds_count;
/* The index of name among proc_ns_kinds, or -1. */
int proc_ns_lookup(const char *name, size_t len);
/* The link text of t's namespace of kind i ("uts:[4026531838]", no NUL). */
ssize_t proc_ns_readlink(struct task *t, int i, char *buf, size_t len);
/* The nsfs path of t's namespace of kind i, referenced. */
int proc_ns_get_link(struct task *t, int i, struct path *out);

#endif
