/*
 * UTS namespaces: the host and domain names uname reports.  A new one
 * starts as a copy of its parent's.  uts_lock guards every namespace's
 * names; the objects are reference counted and freed at the last put.
 */
#include "ns.h"
#include "user_ns.h"
#include "proc.h"
#include "kmalloc.h"
#include "string.h"

struct uts_namespace init_uts_ns = {
	.refcnt = 1,
	.name = {
		.sysname = "Linux",
		.nodename = "(none)",
		.release = "6.1.0-isolate",
		.version = "#1 SMP",
		.machine = "riscv64",
		.domainname = "(none)",
	},
	.user_ns = &init_user_ns,
};
static struct spinlock uts_lock = SPINLOCK_INIT("uts");

struct uts_namespace *get_uts_ns(struct uts_namespace *ns)
{
	__atomic_add_fetch(&ns->refcnt, 1, __ATOMIC_RELAXED);
	return ns;
}

void put_uts_ns(struct uts_namespace *ns)
{
	if (__atomic_sub_fetch(&ns->refcnt, 1, __ATOMIC_ACQ_REL) == 0 && ns != &init_uts_ns) {
		put_user_ns(ns->user_ns);
		kfree(ns);
	}
}

struct uts_namespace *copy_uts_ns(struct uts_namespace *old, struct user_namespace *user_ns)
{
	struct uts_namespace *ns = kmalloc(sizeof(*ns));
	if (!ns)
		return NULL;
	ns->refcnt = 1;
	ns->user_ns = get_user_ns(user_ns);
	spin_lock(&uts_lock);
	ns->name = old->name;
	spin_unlock(&uts_lock);
	return ns;
}

void uts_get_name(struct new_utsname *out)
{
	struct uts_namespace *uts = current->nsproxy->uts_ns;
	spin_lock(&uts_lock);
	*out = uts->name;
	spin_unlock(&uts_lock);
}

int uts_set_field(int which, const char *val, size_t len)
{
	struct uts_namespace *uts = current->nsproxy->uts_ns;
	if (len >= __NEW_UTS_LEN + 1)
		return -EINVAL;
	spin_lock(&uts_lock);
	char *dst = which ? uts->name.domainname : uts->name.nodename;
	memcpy(dst, val, len);
	dst[len] = 0;
	spin_unlock(&uts_lock);
	return 0;
}
