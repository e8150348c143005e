/*
 * User namespaces (see user_ns.h): creation, translating ids through the
 * maps, and the rules for writing uid_map, gid_map and setgroups, which
 * are Linux's (user_namespaces(7)).  userns_lock serializes every writer
 * of a map or a setgroups flag; readers of a map take no lock.
 */
#include "user_ns.h"
#include "cred.h"
#include "proc.h"
#include "vfs.h"
#include "ns.h"
#include "kmalloc.h"
#include "lock.h"
#include "signal.h"
#include <linux/capability.h>
#include <linux/sched.h>

/* The initial namespace maps every id to itself (all but (uid_t)-1). */
#define IDENTITY_MAP { .nr_extents = 1, .extent = { { 0, 0, 4294967295u } } }

struct user_namespace init_user_ns = {
	.ns = { .inum = PROC_USER_INIT_INO, .ops = &userns_operations },
	.refcnt = 1,
	.uid_map = IDENTITY_MAP,
	.gid_map = IDENTITY_MAP,
	.setgroups_allowed = true,
};

static struct spinlock userns_lock = SPINLOCK_INIT("userns");

struct user_namespace *get_user_ns(struct user_namespace *ns)
{
	__atomic_add_fetch(&ns->refcnt, 1, __ATOMIC_RELAXED);
	return ns;
}

/* A namespace holds its parent: freeing one may free its ancestors. */
void put_user_ns(struct user_namespace *ns)
{
	while (ns && ns != &init_user_ns &&
	       __atomic_sub_fetch(&ns->refcnt, 1, __ATOMIC_ACQ_REL) == 0) {
		struct user_namespace *parent = ns->parent;
		if (ns->ucounts)
			dec_ucount(ns->ucounts, UCOUNT_USER_NAMESPACES);
		kfree(ns);
		ns = parent;
	}
}

/* ---- translation ---- */

static uint32_t map_nr_extents(const struct uid_gid_map *map)
{
	return __atomic_load_n(&map->nr_extents, __ATOMIC_ACQUIRE);
}

/* The kernel id of the ids [id, id + count) inside, when one extent holds
 * them all; else (uint32_t)-1. */
static uint32_t map_id_range_down(const struct uid_gid_map *map, uint32_t id, uint32_t count)
{
	uint32_t n = map_nr_extents(map), last = id + count - 1;
	for (uint32_t i = 0; i < n; i++) {
		const struct uid_gid_extent *e = &map->extent[i];
		uint32_t end = e->first + e->count - 1;
		if (id >= e->first && id <= end && last >= e->first && last <= end)
			return e->lower_first + (id - e->first);
	}
	return (uint32_t)-1;
}

/* The id inside that kernel id kid stands for; else (uint32_t)-1. */
static uint32_t map_id_up(const struct uid_gid_map *map, uint32_t kid)
{
	uint32_t n = map_nr_extents(map);
	for (uint32_t i = 0; i < n; i++) {
		const struct uid_gid_extent *e = &map->extent[i];
		if (kid >= e->lower_first && kid - e->lower_first < e->count)
			return e->first + (kid - e->lower_first);
	}
	return (uint32_t)-1;
}

uid_t make_kuid(struct user_namespace *ns, uid_t uid)
{
	return map_id_range_down(&ns->uid_map, uid, 1);
}

gid_t make_kgid(struct user_namespace *ns, gid_t gid)
{
	return map_id_range_down(&ns->gid_map, gid, 1);
}

uid_t from_kuid(struct user_namespace *ns, uid_t kuid)
{
	return map_id_up(&ns->uid_map, kuid);
}

gid_t from_kgid(struct user_namespace *ns, gid_t kgid)
{
	return map_id_up(&ns->gid_map, kgid);
}

uid_t from_kuid_munged(struct user_namespace *ns, uid_t kuid)
{
	uid_t uid = from_kuid(ns, kuid);
	return uid == INVALID_UID ? OVERFLOW_UID : uid;
}

gid_t from_kgid_munged(struct user_namespace *ns, gid_t kgid)
{
	gid_t gid = from_kgid(ns, kgid);
	return gid == INVALID_GID ? OVERFLOW_GID : gid;
}

/* ---- creation ---- */

/* Is current's root other than its mount namespace's?  A chrooted process
 * may not make a user namespace: root there would let it leave. */
static bool current_chrooted(void)
{
	struct mnt_namespace *mnt_ns = current->nsproxy->mnt_ns;
	struct fs_struct *fs = current->fs;
	if (!mnt_ns || !fs)
		return false;
	spin_lock(&fs->lock);
	bool chrooted = fs->root.mnt != mnt_ns->root || fs->root.dentry != mnt_ns->root->root;
	spin_unlock(&fs->lock);
	return chrooted;
}

int create_user_ns(struct cred *cred)
{
	struct user_namespace *parent = cred->user_ns;
	if (parent->level > MAX_USER_NS_LEVEL)
		return -ENOSPC;
	/* Counted for its creator in the parent (and above): ENOSPC past
	 * max_user_namespaces there, before the other checks, as Linux. */
	struct ucounts *ucounts = inc_ucount(parent, cred->euid, UCOUNT_USER_NAMESPACES);
	if (!ucounts)
		return -ENOSPC;
	int err = -EPERM;
	struct user_namespace *ns = NULL;
	if (current_chrooted())
		goto fail;
	if (!kuid_has_mapping(parent, cred->euid) || !kgid_has_mapping(parent, cred->egid))
		goto fail;
	err = -ENOMEM;
	ns = kzalloc(sizeof(*ns));
	if (!ns)
		goto fail;
	ns->ucounts = ucounts;
	for (int i = 0; i < UCOUNT_COUNTS; i++)
		ns->ucount_max[i] = INT_MAX;
	ns->refcnt = 1;
	ns->level = parent->level + 1;
	ns->parent = parent;		/* cred's reference moves here */
	ns->owner = cred->euid;
	ns->group = cred->egid;
	ns->ns.inum = ns_alloc_inum();
	ns->ns.ops = &userns_operations;
	ns->parent_could_setfcap = (cred->cap_effective >> CAP_SETFCAP) & 1;
	spin_lock(&userns_lock);
	ns->setgroups_allowed = parent->setgroups_allowed;
	spin_unlock(&userns_lock);

	/* The creator starts with every capability in its new namespace
	 * (and, through it, in the namespaces it will own). */
	cred->user_ns = ns;
	cred->cap_inheritable = 0;
	cred->cap_permitted = cred->cap_effective = cred->cap_bset = CAP_FULL;
	cred->cap_ambient = 0;
	cred->securebits = 0;	/* as Linux: the securebits start over too */
	return 0;
fail:
	dec_ucount(ucounts, UCOUNT_USER_NAMESPACES);
	return err;
}

/* ---- setgroups ---- */

bool userns_setgroups_allowed(struct user_namespace *ns)
{
	spin_lock(&userns_lock);
	bool allowed = ns->setgroups_allowed;
	spin_unlock(&userns_lock);
	return allowed;
}

bool userns_may_setgroups(struct user_namespace *ns)
{
	return map_nr_extents(&ns->gid_map) != 0 && userns_setgroups_allowed(ns);
}

int userns_set_setgroups(struct user_namespace *ns, bool allow)
{
	int err = 0;
	spin_lock(&userns_lock);
	if (allow && !ns->setgroups_allowed)
		err = -EPERM;		/* "deny" is for good */
	else if (!allow && ns->gid_map.nr_extents)
		err = -EPERM;		/* too late: gid_map was written */
	else
		ns->setgroups_allowed = allow;
	spin_unlock(&userns_lock);
	return err;
}

/* ---- writing a map ---- */

static bool is_space(char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

static const char *skip_spaces(const char *s)
{
	while (is_space(*s))
		s++;
	return s;
}

/* A decimal number, kept to 32 bits as Linux's parser does. */
static const char *parse_u32(const char *s, uint32_t *out)
{
	uint64_t v = 0;
	while (*s >= '0' && *s <= '9')
		v = v * 10 + (uint64_t)(*s++ - '0');
	*out = (uint32_t)v;
	return s;
}

/* Do two extents' ids overlap inside or below? */
static bool extents_overlap(const struct uid_gid_extent *a, const struct uid_gid_extent *b)
{
	uint32_t a_end = a->first + a->count - 1, b_end = b->first + b->count - 1;
	uint32_t a_lend = a->lower_first + a->count - 1, b_lend = b->lower_first + b->count - 1;
	return (a->first <= b_end && b->first <= a_end) ||
	       (a->lower_first <= b_lend && b->lower_first <= a_lend);
}

/* One line "first lower_first count" (NUL-terminated, no newline). */
static int parse_extent(const char *s, struct uid_gid_extent *e)
{
	s = parse_u32(skip_spaces(s), &e->first);
	if (!is_space(*s))
		return -EINVAL;
	s = parse_u32(skip_spaces(s), &e->lower_first);
	if (!is_space(*s))
		return -EINVAL;
	s = parse_u32(skip_spaces(s), &e->count);
	if (*skip_spaces(s))
		return -EINVAL;		/* trailing junk */
	if (e->first == (uint32_t)-1 || e->lower_first == (uint32_t)-1)
		return -EINVAL;
	if (e->first + e->count <= e->first || e->lower_first + e->count <= e->lower_first)
		return -EINVAL;		/* empty, or wraps around */
	return 0;
}

/* text: lines of extents, as written to uid_map (modified in place). */
static int parse_map(char *text, struct uid_gid_map *map)
{
	map->nr_extents = 0;
	for (char *line = text, *next; line; line = next) {
		next = line;
		while (*next && *next != '\n')
			next++;
		if (*next) {
			*next++ = '\0';
			if (!*next)
				next = NULL;
		} else {
			next = NULL;
		}
		if (map->nr_extents == UID_GID_MAP_MAX_EXTENTS)
			return -EINVAL;
		struct uid_gid_extent *e = &map->extent[map->nr_extents];
		if (parse_extent(line, e))
			return -EINVAL;
		for (uint32_t i = 0; i < map->nr_extents; i++)
			if (extents_overlap(&map->extent[i], e))
				return -EINVAL;
		map->nr_extents++;
	}
	return map->nr_extents ? 0 : -EINVAL;
}

/*
 * Mapping the parent's uid 0 (root's files' owner, whose file capabilities
 * the kernel would honour) needs CAP_SETFCAP: in the parent namespace for
 * an opener there, or, for an opener inside, in the creator when it made
 * the namespace (user_namespaces(7)).
 */
static bool root_map_permitted(struct user_namespace *ns, const struct cred *opener,
			       const struct uid_gid_map *map)
{
	bool maps_root = false;
	for (uint32_t i = 0; i < map->nr_extents; i++)
		if (map->extent[i].lower_first == 0)
			maps_root = true;
	if (!maps_root)
		return true;
	if (opener->user_ns == ns)
		return ns->parent_could_setfcap;
	return cap_capable(opener, ns->parent, CAP_SETFCAP);
}

/*
 * May this map be installed in ns?  Without privilege, only one id: the
 * opener's own euid (or egid, once setgroups says "deny", so that dropping
 * a group cannot be used to get past a "no access for this group" file).
 * Otherwise both the writer and the opener need CAP_SETUID (CAP_SETGID)
 * in the parent namespace.  The lower ids are still the parent's here.
 */
static bool idmap_permitted(struct user_namespace *ns, enum id_map_kind kind,
			    const struct cred *opener, const struct uid_gid_map *map)
{
	if (kind == ID_MAP_UID && !root_map_permitted(ns, opener, map))
		return false;
	if (map->nr_extents == 1 && map->extent[0].count == 1 && ns->owner == opener->euid) {
		uint32_t id = map->extent[0].lower_first;
		if (kind == ID_MAP_UID && make_kuid(ns->parent, id) == opener->euid)
			return true;
		if (kind == ID_MAP_GID && !userns_setgroups_allowed(ns) &&
		    make_kgid(ns->parent, id) == opener->egid)
			return true;
	}
	int cap = kind == ID_MAP_UID ? CAP_SETUID : CAP_SETGID;
	return ns_capable(ns->parent, cap) && cap_capable(opener, ns->parent, cap);
}

int userns_write_map(struct user_namespace *ns, enum id_map_kind kind, const struct cred *opener,
		     char *text)
{
	struct uid_gid_map *map = kind == ID_MAP_UID ? &ns->uid_map : &ns->gid_map;
	struct uid_gid_map *parent_map;
	struct uid_gid_map new_map;

	/* Only from inside the namespace or its parent, by one with power
	 * over it, and only once. */
	if (!ns->parent)
		return -EPERM;
	parent_map = kind == ID_MAP_UID ? &ns->parent->uid_map : &ns->parent->gid_map;
	if (opener->user_ns != ns && opener->user_ns != ns->parent)
		return -EPERM;
	if (map_nr_extents(map) || !cap_capable(opener, ns, CAP_SYS_ADMIN))
		return -EPERM;
	int err = parse_map(text, &new_map);
	if (err)
		return err;
	if (!idmap_permitted(ns, kind, opener, &new_map))
		return -EPERM;
	for (uint32_t i = 0; i < new_map.nr_extents; i++) {
		struct uid_gid_extent *e = &new_map.extent[i];
		e->lower_first = map_id_range_down(parent_map, e->lower_first, e->count);
		if (e->lower_first == (uint32_t)-1)
			return -EPERM;	/* not all mapped in the parent */
	}

	spin_lock(&userns_lock);
	if (map->nr_extents) {
		err = -EPERM;
	} else {
		for (uint32_t i = 0; i < new_map.nr_extents; i++)
			map->extent[i] = new_map.extent[i];
		__atomic_store_n(&map->nr_extents, new_map.nr_extents, __ATOMIC_RELEASE);
	}
	spin_unlock(&userns_lock);
	return err;
}

/* ---- reading a map ---- */

int userns_read_map(struct user_namespace *ns, enum id_map_kind kind,
		    struct user_namespace *reader, struct uid_gid_extent *out)
{
	const struct uid_gid_map *map = kind == ID_MAP_UID ? &ns->uid_map : &ns->gid_map;
	uint32_t n = map_nr_extents(map);
	/* A reader inside sees the lower ids as its parent names them. */
	struct user_namespace *lower_ns = reader == ns && ns->parent ? ns->parent : reader;
	for (uint32_t i = 0; i < n; i++) {
		out[i] = map->extent[i];
		out[i].lower_first = kind == ID_MAP_UID ? from_kuid(lower_ns, out[i].lower_first)
							: from_kgid(lower_ns, out[i].lower_first);
	}
	return n;
}

/* ---- /proc/PID/ns/user ---- */

static struct user_namespace *to_user_ns(struct ns_common *ns)
{
	return container_of(ns, struct user_namespace, ns);
}

/* t's cred is read under tasklist_lock, under which commit_creds
 * replaces it. */
static struct ns_common *userns_get(struct task *t)
{
	struct user_namespace *ns = get_task_user_ns(t);
	return ns ? &ns->ns : NULL;
}

static void userns_put(struct ns_common *ns)
{
	put_user_ns(to_user_ns(ns));
}

/*
 * Joining a user namespace, as Linux: not the one the caller is in, not
 * by a process with other threads or a shared root and working directory
 * (they must agree on what ids mean), and only with CAP_SYS_ADMIN there;
 * then with every capability there, as its creator had.
 */
static int userns_install(struct nsset *nsset, struct ns_common *ns)
{
	struct user_namespace *user_ns = to_user_ns(ns);
	struct cred *cred = nsset->cred;
	if (user_ns == cred->user_ns)
		return -EINVAL;
	if (__atomic_load_n(&current->signal->nr_threads, __ATOMIC_ACQUIRE) > 1)
		return -EINVAL;
	if (__atomic_load_n(&current->fs->refcnt, __ATOMIC_ACQUIRE) > 1)
		return -EINVAL;
	if (!cap_capable(cred, user_ns, CAP_SYS_ADMIN))
		return -EPERM;
	put_user_ns(cred->user_ns);
	cred->user_ns = get_user_ns(user_ns);
	cred->cap_inheritable = 0;
	cred->cap_permitted = cred->cap_effective = cred->cap_bset = CAP_FULL;
	cred->cap_ambient = 0;
	return 0;
}

static struct user_namespace *userns_owner(struct ns_common *ns)
{
	return to_user_ns(ns)->parent;
}

/* The parent, if it is the caller's namespace or below it. */
static struct ns_common *userns_get_parent(struct ns_common *ns)
{
	struct user_namespace *parent = to_user_ns(ns)->parent, *p = parent;
	struct user_namespace *mine = current_user_ns();
	while (p && p != mine)
		p = p->parent;
	if (!p)
		return ERR_PTR(-EPERM);
	return &get_user_ns(parent)->ns;
}

const struct proc_ns_operations userns_operations = {
	.name = "user",
	.real_name = "user",
	.type = CLONE_NEWUSER,
	.get = userns_get,
	.put = userns_put,
	.install = userns_install,
	.owner = userns_owner,
	.get_parent = userns_get_parent,
};
