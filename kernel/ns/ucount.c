/*
 * ns/ucount.c - how many namespaces each user has made where (see
 * ucount.h).  The counts are found by (user namespace, uid) in a small
 * hash under ucounts_lock; an entry lives while a charge made at its
 * level is outstanding.
 */
#include "ucount.h"
#include "user_ns.h"
#include "kmalloc.h"
#include "lock.h"
#include "mm.h"
#include "ns_common.h"
#include "cred.h"
#include "proc.h"

#define UCOUNTS_HASH 64
#define UCOUNT_MIN_DEFAULT 20		/* Linux's MIN_THREADS */

static struct list_head ucounts_hash[UCOUNTS_HASH];
static struct spinlock ucounts_lock = SPINLOCK_INIT("ucounts");

const char *const ucount_sysctl_names[UCOUNT_COUNTS] = {
	[UCOUNT_USER_NAMESPACES] = "max_user_namespaces",
	[UCOUNT_PID_NAMESPACES] = "max_pid_namespaces",
	[UCOUNT_UTS_NAMESPACES] = "max_uts_namespaces",
	[UCOUNT_IPC_NAMESPACES] = "max_ipc_namespaces",
	[UCOUNT_NET_NAMESPACES] = "max_net_namespaces",
	[UCOUNT_MNT_NAMESPACES] = "max_mnt_namespaces",
	[UCOUNT_CGROUP_NAMESPACES] = "max_cgroup_namespaces",
	[UCOUNT_TIME_NAMESPACES] = "max_time_namespaces",
};

void ucount_init(void)
{
	for (int i = 0; i < UCOUNTS_HASH; i++)
		list_init(&ucounts_hash[i]);
	/* Linux: max_threads / 2, where max_threads lets thread stacks
	 * (16 KiB) take an eighth of memory: pages / 32, halved. */
	long max = (long)(nr_total_pages() / 64);
	if (max < UCOUNT_MIN_DEFAULT)
		max = UCOUNT_MIN_DEFAULT;
	for (int i = 0; i < UCOUNT_COUNTS; i++)
		init_user_ns.ucount_max[i] = (int)max;
}

static struct list_head *bucket(struct user_namespace *ns, uid_t uid)
{
	return &ucounts_hash[(((uintptr_t)ns >> 4) ^ uid) % UCOUNTS_HASH];
}

static struct ucounts *find_ucounts(struct user_namespace *ns, uid_t uid)
{
	struct ucounts *uc;
	list_for_each_entry(uc, bucket(ns, uid), hash_link)
		if (uc->ns == ns && uc->uid == uid)
			return uc;
	return NULL;
}

static void put_ucounts_locked(struct ucounts *uc)
{
	if (--uc->refs == 0) {
		list_del(&uc->hash_link);
		kfree(uc);
	}
}

struct ucounts *inc_ucount(struct user_namespace *ns, uid_t kuid, enum ucount_type type)
{
	struct ucounts *spare = kzalloc(sizeof(*spare));
	spin_lock(&ucounts_lock);
	struct ucounts *first = find_ucounts(ns, kuid);
	if (!first) {
		if (!spare) {
			spin_unlock(&ucounts_lock);
			return NULL;
		}
		first = spare;
		spare = NULL;
		first->ns = ns;
		first->uid = kuid;
		list_add(&first->hash_link, bucket(ns, kuid));
	}
	first->refs++;
	/* Each level up is the entry its user namespace took when it was
	 * made (ns->ucounts), which that namespace keeps alive. */
	struct ucounts *uc;
	for (uc = first; uc; uc = uc->ns->ucounts) {
		int max = __atomic_load_n(&uc->ns->ucount_max[type], __ATOMIC_RELAXED);
		if (uc->count[type] >= max)
			break;
		uc->count[type]++;
	}
	if (uc) {		/* over a limit: give back what was taken below it */
		for (struct ucounts *u = first; u != uc; u = u->ns->ucounts)
			u->count[type]--;
		put_ucounts_locked(first);
		first = NULL;
	}
	spin_unlock(&ucounts_lock);
	kfree(spare);
	return first;
}

void dec_ucount(struct ucounts *first, enum ucount_type type)
{
	spin_lock(&ucounts_lock);
	for (struct ucounts *uc = first; uc; uc = uc->ns->ucounts)
		uc->count[type]--;
	put_ucounts_locked(first);
	spin_unlock(&ucounts_lock);
}

int ns_charge(struct ns_common *ns, struct user_namespace *owner, enum ucount_type type)
{
	ns->ucounts = inc_ucount(owner, current->cred->euid, type);
	return ns->ucounts ? 0 : -ENOSPC;
}

void ns_uncharge(struct ns_common *ns, enum ucount_type type)
{
	if (ns->ucounts)
		dec_ucount(ns->ucounts, type);
	ns->ucounts = NULL;
}
