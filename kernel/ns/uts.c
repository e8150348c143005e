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
#include <linux/sched.h>

struct uts_namespace init_uts_ns = {
	.ns = { .inum = PROC_UTS_INIT_INO, .ops = &utsns_operations },
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
		ns_uncharge(&ns->ns, UCOUNT_UTS_NAMESPACES);
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
	ns->ns.inum = ns_alloc_inum();
	ns->ns.ops = &utsns_operations;
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

/* ---- /proc/PID/ns/uts ---- */

static struct uts_namespace *to_uts_ns(struct ns_common *ns)
{
	return container_of(ns, struct uts_namespace, ns);
}

static struct ns_common *utsns_get(struct task *t)
{
	struct nsproxy *nsproxy = task_nsproxy_get(t);
	if (!nsproxy)
		return NULL;
	struct ns_common *ns = &get_uts_ns(nsproxy->uts_ns)->ns;
	put_nsproxy(nsproxy);
	return ns;
}

static void utsns_put(struct ns_common *ns)
{
	put_uts_ns(to_uts_ns(ns));
}

static int utsns_install(struct nsset *nsset, struct ns_common *ns)
{
	struct uts_namespace *uts = to_uts_ns(ns);
	if (!setns_capable(nsset, uts->user_ns))
		return -EPERM;
	put_uts_ns(nsset->nsproxy->uts_ns);
	nsset->nsproxy->uts_ns = get_uts_ns(uts);
	return 0;
}

static struct user_namespace *utsns_owner(struct ns_common *ns)
{
	return to_uts_ns(ns)->user_ns;
}

const struct proc_ns_operations utsns_operations = {
	.name = "uts",
	.real_name = "uts",
	.type = CLONE_NEWUTS,
	.get = utsns_get,
	.put = utsns_put,
	.install = utsns_install,
	.owner = utsns_owner,
};
