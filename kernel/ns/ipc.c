/*
 * IPC namespaces: where System V message queues, semaphores and shared
 * memory will live (not written yet), and the POSIX message queues
 * (ipc/mqueue.c: an mqueue instance each).  The object is reference
 * counted, owned by the user namespace that made it, and freed at its
 * last put.
 */
#include "ns.h"
#include "user_ns.h"
#include "kmalloc.h"
#include "mqueue.h"

struct ipc_namespace init_ipc_ns = { .refcnt = 1, .user_ns = &init_user_ns };

struct ipc_namespace *create_ipc_ns(struct user_namespace *user_ns)
{
	struct ipc_namespace *ns = kzalloc(sizeof(*ns));
	if (!ns)
		return NULL;
	ns->refcnt = 1;
	ns->user_ns = get_user_ns(user_ns);
	if (mq_init_ns(ns)) {
		put_user_ns(ns->user_ns);
		kfree(ns);
		return NULL;
	}
	return ns;
}

struct ipc_namespace *get_ipc_ns(struct ipc_namespace *ns)
{
	__atomic_add_fetch(&ns->refcnt, 1, __ATOMIC_RELAXED);
	return ns;
}

void put_ipc_ns(struct ipc_namespace *ns)
{
	if (ns != &init_ipc_ns && __atomic_sub_fetch(&ns->refcnt, 1, __ATOMIC_ACQ_REL) == 0) {
		mq_put_ns(ns);
		put_user_ns(ns->user_ns);
		kfree(ns);
	}
}
