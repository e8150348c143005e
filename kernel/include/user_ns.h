/*
 * User namespaces (ns/user.c): what the ids a process names mean, and
 * where its capabilities count.
 *
 * Every cred, inode and kernel structure holds kernel ids ("kuids"): the
 * ids of the initial namespace.  A user namespace translates between the
 * ids its processes see and kernel ids through its uid and gid maps: up to
 * UID_GID_MAP_MAX_EXTENTS extents of (first id inside, first kernel id,
 * count), written once through /proc/PID/uid_map and gid_map.  An id with
 * no extent is unmapped: it cannot be set, and reads as the overflow id
 * (65534, /proc/sys/kernel/overflowuid).  make_kuid turns an id named by a
 * program into a kernel id (INVALID_UID when unmapped); from_kuid_munged
 * turns a kernel id into what a program is shown.
 *
 * A process's capabilities count in its own user namespace and in every
 * namespace below it; and the owner of a namespace (the euid that made it)
 * has every capability in it when acting from the parent (ns_capable in
 * security/capability.c).
 *
 * Locking: a map is written once, under userns_lock (user.c), extents
 * first and then nr_extents with release order; readers take nr_extents
 * with acquire order and read the extents without a lock.  The setgroups
 * flag is read and written under userns_lock.  parent, level and the
 * owner never change.  refcnt is atomic; the last put frees the namespace
 * and drops its reference on its parent.
 */
#ifndef KERNEL_USER_NS_H
#define KERNEL_USER_NS_H

#include "types.h"
#include "ucount.h"
#include "ns_common.h"

#define UID_GID_MAP_MAX_EXTENTS	5	/* as Linux's maps stored inline */
/* The deepest level that may still have a child, as Linux: 33 namespaces
 * nest below the initial one (user_namespaces(7) speaks of 32 levels). */
#define MAX_USER_NS_LEVEL	32
#define OVERFLOW_UID		65534	/* what an unmapped id reads as */
#define OVERFLOW_GID		65534
#define INVALID_UID		((uid_t)-1)
#define INVALID_GID		((gid_t)-1)

struct uid_gid_extent {
	uint32_t first;		/* the first id inside */
	uint32_t lower_first;	/* the kernel id it stands for */
	uint32_t count;
};

struct uid_gid_map {
	uint32_t nr_extents;	/* 0 until written; then never changes */
	struct uid_gid_extent extent[UID_GID_MAP_MAX_EXTENTS];
};

struct user_namespace {
	struct ns_common ns;
	int refcnt;
	unsigned int level;		/* 0 for the initial namespace */
	struct user_namespace *parent;	/* referenced; NULL for the initial one */
	uid_t owner;			/* the creator's euid and egid (kernel ids) */
	gid_t group;
	struct uid_gid_map uid_map, gid_map;
	bool setgroups_allowed;		/* /proc/PID/setgroups: "allow" or "deny" */
	bool parent_could_setfcap;	/* the creator had CAP_SETFCAP (see user.c) */
	/* ucount.h: the limits of namespaces made in it (atomic), and its
	 * owner's counts in the parent, charged for it (NULL for the first) */
	int ucount_max[UCOUNT_COUNTS];
	struct ucounts *ucounts;
};

extern struct user_namespace init_user_ns;

struct cred;
struct user_namespace *get_user_ns(struct user_namespace *ns);
void put_user_ns(struct user_namespace *ns);
/* Put cred (a new, unpublished copy of current's) in a new user namespace
 * below its own, owned by its euid and egid, with every capability there.
 * -EPERM from a chroot or when the creator's ids are unmapped in its own
 * namespace; -ENOSPC when its namespace is deeper than MAX_USER_NS_LEVEL
 * (as Linux since 4.9; EUSERS before); -ENOMEM. */
int create_user_ns(struct cred *cred);

uid_t make_kuid(struct user_namespace *ns, uid_t uid);		/* or INVALID_UID */
gid_t make_kgid(struct user_namespace *ns, gid_t gid);		/* or INVALID_GID */
uid_t from_kuid(struct user_namespace *ns, uid_t kuid);		/* or INVALID_UID */
gid_t from_kgid(struct user_namespace *ns, gid_t kgid);		/* or INVALID_GID */
uid_t from_kuid_munged(struct user_namespace *ns, uid_t kuid);	/* or OVERFLOW_UID */
gid_t from_kgid_munged(struct user_namespace *ns, gid_t kgid);	/* or OVERFLOW_GID */
static inline bool kuid_has_mapping(struct user_namespace *ns, uid_t kuid)
{
	return from_kuid(ns, kuid) != INVALID_UID;
}
static inline bool kgid_has_mapping(struct user_namespace *ns, gid_t kgid)
{
	return from_kgid(ns, kgid) != INVALID_GID;
}
/* May a process of ns call setgroups(2)?  Its gid map is written and its
 * setgroups file does not say "deny". */
bool userns_may_setgroups(struct user_namespace *ns);

/* /proc/PID/uid_map, gid_map, setgroups (procfs shows the text; these
 * hold the rules).  userns_read_map fills out (UID_GID_MAP_MAX_EXTENTS
 * room) with ns's extents as a reader in `reader` sees them: the lower ids
 * as named in the reader's namespace, or in ns's parent for a reader
 * inside ns; it returns how many.  userns_write_map parses text (lines of
 * "ID-inside ID-outside LENGTH"; modified in place) and installs the map
 * with Linux's rules for the writer (current) and the opener of the file:
 * 0, -EINVAL for bad text, -EPERM when refused. */
enum id_map_kind { ID_MAP_UID, ID_MAP_GID };
int userns_read_map(struct user_namespace *ns, enum id_map_kind kind,
		    struct user_namespace *reader, struct uid_gid_extent *out);
int userns_write_map(struct user_namespace *ns, enum id_map_kind kind, const struct cred *opener,
		     char *text);
/* setgroups: "allow" (true) may become "deny" only before the gid map is
 * written; "deny" never becomes "allow" again.  -EPERM when refused. */
bool userns_setgroups_allowed(struct user_namespace *ns);
int userns_set_setgroups(struct user_namespace *ns, bool allow);

#endif
