/*
 * Per-user namespace counts (ns/ucount.c), Linux's ucounts: how many
 * namespaces of each kind each user has made in each user namespace, held
 * under the limits of /proc/sys/user/max_*_namespaces.
 *
 * A namespace made by kernel uid U, owned by user namespace N, counts for
 * (N, U) and then, up the tree, for the owner of N in N's parent, and so
 * on to the initial namespace; it may be made only if no count on that
 * way passes the limit of its namespace (ENOSPC, as Linux).  The initial
 * namespace's limits start at half the threads the memory could hold (as
 * Linux's max_threads / 2); a new user namespace's start unlimited
 * (INT_MAX) and its root may lower them.  When the namespace goes, its
 * counts go down again; so a count that does not come back to where it
 * was is a leaked namespace.
 *
 * Locking: ucounts_lock guards the hash of counts, their values and
 * reference counts; the limits are read and written atomically.
 */
#ifndef KERNEL_UCOUNT_H
#define KERNEL_UCOUNT_H

#include "types.h"
#include "list.h"

enum ucount_type {
	UCOUNT_USER_NAMESPACES,
	UCOUNT_PID_NAMESPACES,
	UCOUNT_UTS_NAMESPACES,
	UCOUNT_IPC_NAMESPACES,
	UCOUNT_NET_NAMESPACES,
	UCOUNT_MNT_NAMESPACES,
	UCOUNT_CGROUP_NAMESPACES,
	UCOUNT_TIME_NAMESPACES,
	UCOUNT_COUNTS,
};

struct user_namespace;

struct ucounts {
	struct list_head hash_link;
	struct user_namespace *ns;	/* not referenced: ns outlives its counts */
	uid_t uid;
	int refs;			/* charges made at this level */
	int count[UCOUNT_COUNTS];
};

/* Charge one namespace of type made by kuid in ns (and up the tree): the
 * counts to give back later, or NULL (a limit passed, or no memory). */
struct ucounts *inc_ucount(struct user_namespace *ns, uid_t kuid, enum ucount_type type);
void dec_ucount(struct ucounts *uc, enum ucount_type type);
/* A new namespace ns, owned by owner, made by current: charged (0), or
 * -ENOSPC (a limit passed, or no memory).  ns_uncharge at its end gives
 * the charge back (nothing for one never charged: the initial ones). */
struct ns_common;
int ns_charge(struct ns_common *ns, struct user_namespace *owner, enum ucount_type type);
void ns_uncharge(struct ns_common *ns, enum ucount_type type);
/* The initial namespace's limits, from the memory size (boot). */
void ucount_init(void);
/* The /proc/sys/user file names, by type (e.g. "max_pid_namespaces"). */
extern const char *const ucount_sysctl_names[UCOUNT_COUNTS];

#endif
