/*
 * kernel/security: identity and privilege.
 *
 * Credentials: who a task acts as.  A cred is shared by reference and never
 * changed once published; a task that changes identity makes a new one
 * (prepare_creds / commit_creds).  Privilege is the capability sets:
 * capable() tests the effective set, and the set-uid calls (uid.c) drop and
 * restore it as Linux does when uids leave or return to 0 (the uid that
 * is 0 in the cred's user namespace).
 *
 * Every id in a cred is a kernel id (see user_ns.h); user_ns is the user
 * namespace the task lives in, which says how its ids read and where its
 * capabilities count.  A cred holds a reference on its user_ns.
 */
#ifndef KERNEL_CRED_H
#define KERNEL_CRED_H

#include "types.h"
#include "user_ns.h"
#include <linux/capability.h>

#define NGROUPS_MAX_K	32

struct cred {
	int refcnt;
	uid_t uid, euid, suid, fsuid;
	gid_t gid, egid, sgid, fsgid;
	int ngroups;
	gid_t groups[NGROUPS_MAX_K];
	uint64_t cap_effective, cap_permitted, cap_inheritable, cap_bset, cap_ambient;
	unsigned securebits;		/* SECBIT_* (linux/securebits.h) */
	struct user_namespace *user_ns;
};

#define CAP_FULL ((1ull << (CAP_LAST_CAP + 1)) - 1)

struct task;
extern struct cred root_cred;
struct cred *get_cred(struct cred *c);
void put_cred(const struct cred *c);
struct cred *prepare_creds(void);	/* a private copy of current's */
/* Replace current's, under tasklist_lock: who reads another task's cred
 * takes what it needs (a reference) under that lock. */
void commit_creds(struct cred *c);
/* Another task's cred, referenced (put_cred it), or NULL when t has none
 * (it is exiting); taken under tasklist_lock. */
struct cred *get_task_cred(struct task *t);
/* The user namespace of t's cred, referenced, or NULL. */
struct user_namespace *get_task_user_ns(struct task *t);
bool in_group(const struct cred *c, gid_t gid);
/*
 * PR_CAPBSET_DROP's change: bits leave current's bounding set; 0 or
 * -ENOMEM.  A cred that only current holds (its one reference, checked
 * under tasklist_lock, under which any other task takes its own) is
 * changed in place, since no one can see it change; any other is
 * replaced by a changed copy, as commit_creds does.  A container drops
 * 27 capabilities one call each: a copy each time was most of their cost.
 */
int cred_clear_bset(uint64_t bits);
/* The cred a child made by clone starts with: current's, or with
 * CLONE_NEWUSER a copy in a new user namespace; ERR_PTR on failure. */
struct cred *copy_creds(unsigned long clone_flags);

/*
 * security/capability.c.  The one way any code asks for privilege; no code
 * tests a uid for 0 instead.  cap_capable: does cred have CAP_X
 * (linux/capability.h) in user namespace ns?  Yes when it lives in ns and
 * CAP_X is in its effective set, or when it lives in an ancestor of ns and
 * its euid owns ns or the ancestor of ns just below its own namespace (the
 * owner of a namespace has every capability there).  ns_capable asks it of
 * current; capable() asks it in the initial namespace: what only the real
 * administrator may do.
 */
bool cap_capable(const struct cred *cred, struct user_namespace *ns, int cap);
bool ns_capable(struct user_namespace *ns, int cap);
bool capable(int cap);
/* ns_capable and capable_wrt_inode_uidgid record a refusal in current's
 * denials (denials.h); the _noaudit forms are for a question that is no
 * refusal (may it see this? does a write keep set-ID?). */
bool ns_capable_noaudit(struct user_namespace *ns, int cap);
/* CAP_X over inode in: in current's namespace, and only over an inode
 * whose owner and group are both mapped there (so root in a namespace
 * cannot override the permissions of ids it does not have). */
struct inode;
bool capable_wrt_inode_uidgid(const struct inode *in, int cap);
bool capable_wrt_inode_uidgid_noaudit(const struct inode *in, int cap);
/* The user namespace current lives in. */
struct user_namespace *current_user_ns(void);

/* Is securebit SECURE_X (linux/securebits.h) set in cred c? */
#define issecure(c, x)	(((c)->securebits >> (x)) & 1)

/* capget/capset (capability.c): Linux's, versions 1 to 3. */
long sys_capget(void __user *header, void __user *data);
long sys_capset(void __user *header, const void __user *data);
/* The capability prctls (PR_CAPBSET_*, PR_CAP_AMBIENT, PR_*_KEEPCAPS,
 * PR_*_SECUREBITS) for sys_prctl: -EINVAL for another option. */
long cap_prctl(int option, unsigned long arg2, unsigned long arg3, unsigned long arg4,
	       unsigned long arg5);

/* The capabilities that follow the file-system uid to and from 0. */
#define CAP_FS_MASK	((1ull << 0) | (1ull << 1) | (1ull << 2) | (1ull << 3) | \
			 (1ull << 4) | (1ull << 9) | (1ull << 27) | (1ull << 32))

/* The credentials a program starts with when current executes f (exec.c
 * calls it before the point of no return and commits the result after):
 * a set-user-ID or set-group-ID file gives its owner or group as the
 * effective and saved ids, unless its mount is nosuid or the task has
 * no_new_privs; capabilities as capabilities(7) transforms them: a file's
 * own (security.capability, fcaps.h; ignored on a nosuid mount) give
 * P'(permitted) = (bounding & F(permitted)) | (P(inheritable) &
 * F(inheritable)), all of it effective with the file's effective bit;
 * root (real or effective, unless SECBIT_NOROOT) gets P'(permitted) =
 * bounding | inheritable, and P'(effective) = P'(permitted) when the
 * effective uid is root; everyone keeps the ambient set (cleared by a
 * set-id exec or file capabilities) in both; under no_new_privs permitted
 * cannot grow.  SECBIT_KEEP_CAPS is cleared.  *secure is Linux's
 * AT_SECURE: ids changed, or a non-root program gained capabilities beyond
 * its ambient set.  ERR_PTR: -ENOMEM, -EINVAL for a malformed attribute,
 * -EPERM when the file's effective bit asks for capabilities the bounding
 * set withholds. */
struct file;
struct cred *prepare_exec_creds(const struct file *f, bool *secure);

#endif
