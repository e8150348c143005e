/*
 * Network namespaces: where the devices, addresses and sockets of the
 * network stack will live (not written yet).  The object is reference
 * counted, owned by the user namespace that made it, and freed at its
 * last put.
 */
#include "ns.h"
#include "user_ns.h"
#include "kmalloc.h"

struct net init_net = { .refcnt = 1, .user_ns = &init_user_ns };

struct net *create_net(struct user_namespace *user_ns)
{
	struct net *ns = kzalloc(sizeof(*ns));
	if (!ns)
		return NULL;
	ns->refcnt = 1;
	ns->user_ns = get_user_ns(user_ns);
	return ns;
}

struct net *get_net(struct net *ns)
{
	__atomic_add_fetch(&ns->refcnt, 1, __ATOMIC_RELAXED);
	return ns;
}

void put_net(struct net *ns)
{
	if (ns != &init_net && __atomic_sub_fetch(&ns->refcnt, 1, __ATOMIC_ACQ_REL) == 0) {
		put_user_ns(ns->user_ns);
		kfree(ns);
	}
}
