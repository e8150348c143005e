/*
 * What the three kinds of System V IPC object share: the per-namespace id
 * tables, key lookup with IPC_CREAT and IPC_EXCL, the permission checks of
 * struct ipc_perm, and sleeping on an object.  Each table is guarded by
 * its own ids->lock (see ipc.h), which also guards the objects in it.
 */
#include "ipc.h"
#include "uapi_shm.h"
#include "ns.h"
#include "proc.h"
#include "cred.h"
#include "kmalloc.h"
#include "string.h"
#include "timer.h"
#include <linux/stat.h>
#include <linux/msg.h>
#include <linux/sem.h>

#define IPC_TABLE_START	16	/* slots a table starts with; it doubles */

struct ipc_namespace *current_ipc_ns(void)
{
	return current->nsproxy->ipc_ns;
}

static void ids_init(struct ipc_ids *ids, int max, void (*free)(struct kern_ipc_perm *p))
{
	mutex_init(&ids->lock, "ipc_ids");
	ids->in_use = 0;
	ids->max = max;
	ids->size = 0;
	ids->last_idx = -1;
	ids->seq = 0;
	ids->entries = NULL;
	ids->free = free;
}

void ipc_ns_init(struct ipc_namespace *ns)
{
	ids_init(&ns->ids[IPC_MSG_IDS], MSGMNI, msg_free);
	ids_init(&ns->ids[IPC_SEM_IDS], SEMMNI, sem_free);
	ids_init(&ns->ids[IPC_SHM_IDS], SHMMNI, shm_free);
}

/* Nobody else can reach ns any more: every object still in it goes. */
void ipc_ns_destroy(struct ipc_namespace *ns)
{
	for (int kind = 0; kind < IPC_NR_IDS; kind++) {
		struct ipc_ids *ids = &ns->ids[kind];
		mutex_lock(&ids->lock);
		for (int i = 0; i < ids->size; i++)
			if (ids->entries[i])
				ipc_rmid(ids, ids->entries[i]);
		mutex_unlock(&ids->lock);
		kfree(ids->entries);
		ids->entries = NULL;
	}
}

struct kern_ipc_perm *ipc_find_idx(struct ipc_ids *ids, int idx)
{
	if (idx < 0 || idx >= ids->size)
		return NULL;
	return ids->entries[idx];
}

struct kern_ipc_perm *ipc_find_id(struct ipc_ids *ids, int id)
{
	if (id < 0)
		return NULL;
	struct kern_ipc_perm *p = ipc_find_idx(ids, id % SEQ_MULTIPLIER);
	return p && p->id == id ? p : NULL;
}

static struct kern_ipc_perm *find_key(struct ipc_ids *ids, key_t key)
{
	for (int i = 0; i < ids->size; i++)
		if (ids->entries[i] && ids->entries[i]->key == key)
			return ids->entries[i];
	return NULL;
}

int ipc_max_idx(struct ipc_ids *ids)
{
	for (int i = ids->size - 1; i >= 0; i--)
		if (ids->entries[i])
			return i;
	return -1;
}

/* A free index after the last one handed out, wrapping (and bumping seq)
 * as Linux's cyclic allocation does; the table grows when it is full. */
static int alloc_idx(struct ipc_ids *ids)
{
	if (ids->in_use >= ids->max)
		return -ENOSPC;
	if (ids->in_use == ids->size) {
		int size = ids->size ? ids->size * 2 : IPC_TABLE_START;
		if (size > ids->max)
			size = ids->max;
		struct kern_ipc_perm **e = kzalloc(size * sizeof(*e));
		if (!e)
			return -ENOMEM;
		if (ids->entries)
			memcpy(e, ids->entries, ids->size * sizeof(*e));
		kfree(ids->entries);
		ids->entries = e;
		ids->size = size;
	}
	for (int i = ids->last_idx + 1; i < ids->size; i++)
		if (!ids->entries[i])
			return i;
	/* Wrapped: the next sequence number tells the new ids from the old. */
	ids->seq++;
	for (int i = 0; i < ids->size; i++)
		if (!ids->entries[i])
			return i;
	return -ENOSPC;
}

int ipc_addid(struct ipc_ids *ids, struct kern_ipc_perm *p, key_t key, int mode)
{
	const struct cred *c = current->cred;
	int idx = alloc_idx(ids);
	if (idx < 0)
		return idx;
	p->key = key;
	p->uid = p->cuid = c->euid;
	p->gid = p->cgid = c->egid;
	p->mode = mode & S_IRWXUGO;
	p->seq = ids->seq;
	p->id = ids->seq * SEQ_MULTIPLIER + idx;
	p->deleted = false;
	p->refcnt = 1;
	ids->entries[idx] = p;
	ids->last_idx = idx;
	ids->in_use++;
	return p->id;
}

void ipc_get(struct kern_ipc_perm *p)
{
	p->refcnt++;
}

void ipc_put(struct ipc_ids *ids, struct kern_ipc_perm *p)
{
	if (--p->refcnt == 0)
		ids->free(p);
}

void ipc_rmid(struct ipc_ids *ids, struct kern_ipc_perm *p)
{
	ids->entries[p->id % SEQ_MULTIPLIER] = NULL;
	ids->in_use--;
	p->deleted = true;
	ipc_put(ids, p);
}

long ipcget(struct ipc_namespace *ns, int kind, struct ipc_params *params,
	    long (*newobj)(struct ipc_namespace *ns, struct ipc_params *params),
	    int (*check)(struct kern_ipc_perm *p, struct ipc_params *params))
{
	struct ipc_ids *ids = &ns->ids[kind];
	long ret;
	mutex_lock(&ids->lock);
	struct kern_ipc_perm *p = params->key == IPC_PRIVATE ? NULL : find_key(ids, params->key);
	if (!p) {
		if (params->key != IPC_PRIVATE && !(params->flags & IPC_CREAT))
			ret = -ENOENT;
		else
			ret = newobj(ns, params);
	} else if ((params->flags & IPC_CREAT) && (params->flags & IPC_EXCL)) {
		ret = -EEXIST;
	} else if (check && (ret = check(p, params))) {
		/* ret says why */
	} else if ((ret = ipcperms(ns, p, params->flags))) {
		/* -EACCES */
	} else {
		ret = p->id;
	}
	mutex_unlock(&ids->lock);
	return ret;
}

int ipcperms(struct ipc_namespace *ns, struct kern_ipc_perm *p, int flag)
{
	const struct cred *c = current->cred;
	int want = (flag >> 6) | (flag >> 3) | flag;
	int granted = p->mode;
	if (c->euid == p->cuid || c->euid == p->uid)
		granted >>= 6;
	else if (in_group(c, p->cgid) || in_group(c, p->gid))
		granted >>= 3;
	if ((want & ~granted & 0007) && !ns_capable(ns->user_ns, CAP_IPC_OWNER))
		return -EACCES;
	return 0;
}

int ipc_owner_check(struct ipc_namespace *ns, struct kern_ipc_perm *p)
{
	uid_t euid = current->cred->euid;
	if (euid == p->cuid || euid == p->uid || ns_capable(ns->user_ns, CAP_SYS_ADMIN))
		return 0;
	return -EPERM;
}

int ipc_set_perm(struct kern_ipc_perm *p, unsigned int uid, unsigned int gid, unsigned int mode)
{
	uid_t kuid = make_kuid(current_user_ns(), uid);
	gid_t kgid = make_kgid(current_user_ns(), gid);
	if (kuid == INVALID_UID || kgid == INVALID_GID)
		return -EINVAL;
	p->uid = kuid;
	p->gid = kgid;
	p->mode = (p->mode & ~S_IRWXUGO) | (mode & S_IRWXUGO);
	return 0;
}

void ipc_fill_perm(const struct kern_ipc_perm *p, struct ipc64_perm *out)
{
	struct user_namespace *ns = current_user_ns();
	memset(out, 0, sizeof(*out));
	out->key = p->key;
	out->uid = from_kuid_munged(ns, p->uid);
	out->gid = from_kgid_munged(ns, p->gid);
	out->cuid = from_kuid_munged(ns, p->cuid);
	out->cgid = from_kgid_munged(ns, p->cgid);
	out->mode = p->mode;
	out->seq = p->seq;
}

long ipc_seconds(void)
{
	return (long)(realtime_ns() / NSEC_PER_SEC);
}

void ipc_set_pid(struct pid **slot)
{
	struct pid *pid = get_pid(current->group_leader->pid);
	if (*slot)
		put_pid(*slot);
	*slot = pid;
}

void ipc_put_pid(struct pid **slot)
{
	if (*slot)
		put_pid(*slot);
	*slot = NULL;
}

int ipc_pid_vnr(struct pid *pid)
{
	return pid ? pid_nr_ns(pid, task_active_pid_ns(current)) : 0;
}

int ipc_sleep(struct ipc_ids *ids, struct waitqueue *wq, uint64_t deadline_ns)
{
	struct wait_entry w = WAIT_ENTRY_INIT(w, NULL);
	int ret = 0;
	prepare_to_wait(wq, &w, true);
	mutex_unlock(&ids->lock);
	if (signal_pending_current())
		ret = -EINTR;
	else if (deadline_ns && timer_now_ns() >= deadline_ns)
		ret = -EAGAIN;
	else if (deadline_ns)
		schedule_until(deadline_ns);
	else
		schedule();
	finish_wait(wq, &w);
	try_to_freeze();	/* before the lock: see lock.h */
	mutex_lock(&ids->lock);
	return ret;
}
