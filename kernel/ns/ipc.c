/*
 * IPC namespaces: each holds its own System V message queues, semaphore
 * sets and shared memory segments (kernel/ipc/, ipc.h).  The object is
 * reference counted, owned by the user namespace that made it, and freed
 * with everything in it at its last put.
 */
#include "ns.h"
#include "ipc.h"
#include "uapi_shm.h"
#include "user_ns.h"
#include "kmalloc.h"

#include <linux/msg.h>
#include <linux/sem.h>

/* What ipc_ns_init sets up in a new namespace, written out for the
 * initial one, which exists before any code runs. */
#define IPC_IDS_INIT(ids, limit, destructor) {					\
	.lock = { .name = "ipc_ids", .wq = WAITQUEUE_INIT((ids).lock.wq) },	\
	.max = (limit), .last_idx = -1, .free = (destructor) }

struct ipc_namespace init_ipc_ns = {
	.refcnt = 1,
	.user_ns = &init_user_ns,
	.ids = {
		[IPC_MSG_IDS] = IPC_IDS_INIT(init_ipc_ns.ids[IPC_MSG_IDS], MSGMNI, msg_free),
		[IPC_SEM_IDS] = IPC_IDS_INIT(init_ipc_ns.ids[IPC_SEM_IDS], SEMMNI, sem_free),
		[IPC_SHM_IDS] = IPC_IDS_INIT(init_ipc_ns.ids[IPC_SHM_IDS], SHMMNI, shm_free),
	},
};

struct ipc_namespace *create_ipc_ns(struct user_namespace *user_ns)
{
	struct ipc_namespace *ns = kzalloc(sizeof(*ns));
	if (!ns)
		return NULL;
	ns->refcnt = 1;
	ns->user_ns = get_user_ns(user_ns);
	ipc_ns_init(ns);
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
		ipc_ns_destroy(ns);
		put_user_ns(ns->user_ns);
		kfree(ns);
	}
}
