/*
 * Cgroup namespaces: a task sees the cgroup tree from its namespace's
 * root, the cgroup the namespace was made in (/proc/PID/cgroup paths, a
 * cgroup2 mount made inside, which cgroups a cgroup.procs write may
 * name).  The objects never change once made; reference counted like the
 * other namespaces, each holds its owning user namespace and its root.
 */
#include "cgroup.h"
#include "ns.h"
#include "user_ns.h"
#include "proc.h"
#include "kmalloc.h"
#include "ucount.h"
#include <linux/sched.h>

struct cgroup_namespace init_cgroup_ns = {
	.ns = { .inum = PROC_CGROUP_INIT_INO, .ops = &cgroupns_operations },
	.refcnt = 1,
	.user_ns = &init_user_ns,
	.root = &cgroup_root,
};

struct cgroup_namespace *get_cgroup_ns(struct cgroup_namespace *ns)
{
	__atomic_add_fetch(&ns->refcnt, 1, __ATOMIC_RELAXED);
	return ns;
}

void put_cgroup_ns(struct cgroup_namespace *ns)
{
	if (__atomic_sub_fetch(&ns->refcnt, 1, __ATOMIC_ACQ_REL) == 0 && ns != &init_cgroup_ns) {
		ns_uncharge(&ns->ns, UCOUNT_CGROUP_NAMESPACES);
		cgroup_put(ns->root);
		put_user_ns(ns->user_ns);
		kfree(ns);
	}
}

struct cgroup_namespace *copy_cgroup_ns(struct user_namespace *user_ns)
{
	struct cgroup_namespace *ns = kzalloc(sizeof(*ns));
	if (!ns)
		return NULL;
	ns->ns.inum = ns_alloc_inum();
	ns->ns.ops = &cgroupns_operations;
	ns->refcnt = 1;
	ns->user_ns = get_user_ns(user_ns);
	ns->root = task_get_cgroup(current);
	return ns;
}

struct cgroup *current_cgroup_ns_root(void)
{
	struct nsproxy *nsp = current->nsproxy;
	return nsp && nsp->cgroup_ns ? nsp->cgroup_ns->root : &cgroup_root;
}

/* ---- /proc/PID/ns/cgroup ---- */

static struct cgroup_namespace *to_cgroup_ns(struct ns_common *ns)
{
	return container_of(ns, struct cgroup_namespace, ns);
}

static struct ns_common *cgroupns_get(struct task *t)
{
	struct nsproxy *nsproxy = task_nsproxy_get(t);
	if (!nsproxy)
		return NULL;
	struct ns_common *ns = &get_cgroup_ns(nsproxy->cgroup_ns)->ns;
	put_nsproxy(nsproxy);
	return ns;
}

static void cgroupns_put(struct ns_common *ns)
{
	put_cgroup_ns(to_cgroup_ns(ns));
}

/* setns: CAP_SYS_ADMIN over the namespace and in one's own user
 * namespace, as for the others. */
static int cgroupns_install(struct nsset *nsset, struct ns_common *ns)
{
	struct cgroup_namespace *cgns = to_cgroup_ns(ns);
	if (!setns_capable(nsset, cgns->user_ns))
		return -EPERM;
	put_cgroup_ns(nsset->nsproxy->cgroup_ns);
	nsset->nsproxy->cgroup_ns = get_cgroup_ns(cgns);
	return 0;
}

static struct user_namespace *cgroupns_owner(struct ns_common *ns)
{
	return to_cgroup_ns(ns)->user_ns;
}

const struct proc_ns_operations cgroupns_operations = {
	.name = "cgroup",
	.real_name = "cgroup",
	.type = CLONE_NEWCGROUP,
	.get = cgroupns_get,
	.put = cgroupns_put,
	.install = cgroupns_install,
	.owner = cgroupns_owner,
};
