/*
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
void put_cred(struct cred *c);
struct cred *prepare_creds(void);	/* a private copy of current's */
void commit_creds(struct cred *c);	/* replace current's */
bool in_group(const struct cred *c, gid_t gid);
bool capable(int cap);

#endif
