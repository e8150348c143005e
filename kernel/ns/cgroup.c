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

struct cgroup_namespace init_cgroup_ns = {
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
		cgroup_put(ns->root);
		put_user_ns(ns->user_ns);
		kfree(ns);
	}
}

struct cgroup_namespace *copy_cgroup_ns(struct user_namespace *user_ns)
{
	struct cgroup_namespace *ns = kmalloc(sizeof(*ns));
	if (!ns)
		return NULL;
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
