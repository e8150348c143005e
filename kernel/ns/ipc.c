/*
 * IPC namespaces: each holds its own System V message queues, semaphore
 * sets and shared memory segments (kernel/ipc/, ipc.h) and its POSIX
 * message queues (ipc/mqueue.c: an mqueue instance each).  The object is
 * reference counted, owned by the user namespace that made it, and freed
 * with everything in it at its last put.
 */
#include "ns.h"
#include "ipc.h"
#include "uapi_shm.h"
#include "user_ns.h"
#include "kmalloc.h"
#include "proc.h"
#include <linux/sched.h>
#include "mqueue.h"

#include <linux/msg.h>
#include <linux/sem.h>

/* What ipc_ns_init sets up in a new namespace, written out for the
 * initial one, which exists before any code runs. */
#define IPC_IDS_INIT(ids, limit, destructor) {					\
	.lock = { .name = "ipc_ids", .wq = WAITQUEUE_INIT((ids).lock.wq) },	\
	.max = (limit), .last_idx = -1, .free = (destructor) }

struct ipc_namespace init_ipc_ns = {
	.ns = { .inum = PROC_IPC_INIT_INO, .ops = &ipcns_operations },
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
	ns->ns.inum = ns_alloc_inum();
	ns->ns.ops = &ipcns_operations;
	ipc_ns_init(ns);	/* its mqueue instance comes with its first use */
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
		mq_put_ns(ns);
		ns_uncharge(&ns->ns, UCOUNT_IPC_NAMESPACES);
		put_user_ns(ns->user_ns);
		kfree(ns);
	}
}

/* ---- /proc/PID/ns/ipc ---- */

static struct ipc_namespace *to_ipc_ns(struct ns_common *ns)
{
	return container_of(ns, struct ipc_namespace, ns);
}

static struct ns_common *ipcns_get(struct task *t)
{
	struct nsproxy *nsproxy = task_nsproxy_get(t);
	if (!nsproxy)
		return NULL;
	struct ns_common *ns = &get_ipc_ns(nsproxy->ipc_ns)->ns;
	put_nsproxy(nsproxy);
	return ns;
}

static void ipcns_put(struct ns_common *ns)
{
	put_ipc_ns(to_ipc_ns(ns));
}

static int ipcns_install(struct nsset *nsset, struct ns_common *ns)
{
	struct ipc_namespace *ipc = to_ipc_ns(ns);
	if (!setns_capable(nsset, ipc->user_ns))
		return -EPERM;
	put_ipc_ns(nsset->nsproxy->ipc_ns);
	nsset->nsproxy->ipc_ns = get_ipc_ns(ipc);
	return 0;
}

static struct user_namespace *ipcns_owner(struct ns_common *ns)
{
	return to_ipc_ns(ns)->user_ns;
}

const struct proc_ns_operations ipcns_operations = {
	.name = "ipc",
	.real_name = "ipc",
	.type = CLONE_NEWIPC,
	.get = ipcns_get,
	.put = ipcns_put,
	.install = ipcns_install,
	.owner = ipcns_owner,
};
