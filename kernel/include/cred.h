/*
 * kernel/security: identity and privilege.
 *
 * Credentials: who a task acts as.  A cred is shared by reference and never
 * changed once published; a task that changes identity makes a new one
 * (prepare_creds / commit_creds).  Privilege is the capability sets:
 * capable() tests the effective set, and the set-uid calls (uid.c) drop and
 * restore it as Linux does when uids leave or return to 0.  There is one
 * user namespace so far; the isolation work adds the others.
 */
#ifndef KERNEL_CRED_H
#define KERNEL_CRED_H

#include "types.h"

#define NGROUPS_MAX_K	32

struct cred {
	int refcnt;
	uid_t uid, euid, suid, fsuid;
	gid_t gid, egid, sgid, fsgid;
	int ngroups;
	gid_t groups[NGROUPS_MAX_K];
	uint64_t cap_effective, cap_permitted, cap_inheritable, cap_bset, cap_ambient;
};

extern struct cred root_cred;
struct cred *get_cred(struct cred *c);
void put_cred(const struct cred *c);
struct cred *prepare_creds(void);	/* a private copy of current's */
void commit_creds(struct cred *c);	/* replace current's */
bool in_group(const struct cred *c, gid_t gid);
/* The one way any code asks for privilege: is CAP_X (linux/capability.h)
 * in current's effective set?  No code tests a uid for 0 instead. */
bool capable(int cap);

/* The capabilities that follow the file-system uid to and from 0. */
#define CAP_FS_MASK	((1ull << 0) | (1ull << 1) | (1ull << 2) | (1ull << 3) | \
			 (1ull << 4) | (1ull << 9) | (1ull << 27) | (1ull << 32))

/* The credentials a program starts with when current executes f (exec.c
 * calls it before the point of no return and commits the result after):
 * a set-user-ID or set-group-ID file gives its owner or group as the
 * effective and saved ids, unless its mount is nosuid or the task has
 * no_new_privs; capabilities as capabilities(7) says for a file without
 * capabilities of its own (root: the bounding set; others: the ambient
 * set).  *secure says whether the ids changed (AT_SECURE). */
struct file;
struct cred *prepare_exec_creds(const struct file *f, bool *secure);

#endif
