/*
 * System V semaphores: semget, semop, semtimedop, semctl, and the
 * SEM_UNDO adjustments applied when a process exits.
 *
 * A set is an array of values.  semop applies all its operations or none:
 * it tries them in order on the values themselves and rolls back the ones
 * done when one would block; a caller that must wait sleeps on the set's
 * one wait queue, and every change of a value wakes all of them to try
 * again.  The namespace's sem ids->lock guards the sets, their values and
 * counts of waiters, and each undo entry's adjustments and its link on
 * its set (see ipc.h).
 *
 * Undo lists: a process has one (task->sysvsem, made at its first
 * SEM_UNDO), shared with the tasks it made with CLONE_SYSVSEM.  Its
 * entries, one per set it adjusted, hang on the list under the list's
 * spinlock and on their set under ids->lock; each holds a reference to
 * its set and to the set's namespace.  The last task to drop the list
 * applies every entry whose set still exists, clamped to 0..SEMVMX.
 */
#include "ipc.h"
#include "ns.h"
#include "proc.h"
#include "kmalloc.h"
#include "string.h"
#include "uaccess.h"
#include "timer.h"
#include "syscalls.h"
#include <linux/stat.h>
#include <linux/sem.h>
#include <linux/sched.h>

struct sem {
	int val;
	struct pid *pid;		/* the last process to change it */
	int ncnt, zcnt;			/* sleepers waiting for more, for zero */
};

struct sem_array {
	struct kern_ipc_perm perm;	/* first */
	long otime, ctime;
	int nsems;
	struct list_head undos;		/* of struct sem_undo, by array_link */
	struct waitqueue wq;
	struct sem sems[];
};

struct sem_undo {
	struct list_head list_link;	/* in the process's list (its lock) */
	struct list_head array_link;	/* in sma->undos (ids->lock) */
	struct sem_array *sma;		/* referenced */
	struct ipc_namespace *ns;	/* referenced */
	short adj[];			/* sma->nsems of them */
};

struct sem_undo_list {
	int refcnt;			/* atomic: tasks sharing it */
	struct spinlock lock;
	struct list_head undos;
};

#define SMA(p) ((struct sem_array *)(p))

static struct ipc_ids *sem_ids(struct ipc_namespace *ns)
{
	return &ns->ids[IPC_SEM_IDS];
}

void sem_free(struct kern_ipc_perm *p)
{
	struct sem_array *sma = SMA(p);
	for (int i = 0; i < sma->nsems; i++)
		ipc_put_pid(&sma->sems[i].pid);
	kfree(sma);
}

static long newary(struct ipc_namespace *ns, struct ipc_params *params)
{
	int nsems = params->size;
	if (!nsems)
		return -EINVAL;
	struct sem_array *sma = kzalloc(sizeof(*sma) + nsems * sizeof(struct sem));
	if (!sma)
		return -ENOMEM;
	sma->nsems = nsems;
	sma->ctime = ipc_seconds();
	list_init(&sma->undos);
	waitqueue_init(&sma->wq);
	int id = ipc_addid(sem_ids(ns), &sma->perm, params->key, params->flags);
	if (id < 0)
		kfree(sma);
	return id;
}

static int sem_more_checks(struct kern_ipc_perm *p, struct ipc_params *params)
{
	return params->size > (unsigned long)SMA(p)->nsems ? -EINVAL : 0;
}

long sys_semget(key_t key, int nsems, int flags)
{
	if (nsems < 0 || nsems > SEMMSL)
		return -EINVAL;
	struct ipc_params params = { .key = key, .flags = flags, .size = nsems };
	return ipcget(current_ipc_ns(), IPC_SEM_IDS, &params, newary, sem_more_checks);
}

/* The undo entry of current's process for sma, made if need be: NULL
 * when no memory.  ids->lock held. */
/* current's undo list, made if it has none yet: NULL when no memory.
 * Only current sets its own pointer, so no lock. */
static struct sem_undo_list *get_undo_list(void)
{
	struct sem_undo_list *ulp = current->sysvsem;
	if (ulp)
		return ulp;
	if (!(ulp = kzalloc(sizeof(*ulp))))
		return NULL;
	ulp->refcnt = 1;
	spin_init(&ulp->lock, "sem_undo");
	list_init(&ulp->undos);
	current->sysvsem = ulp;
	return ulp;
}

static struct sem_undo *find_alloc_undo(struct ipc_namespace *ns, struct sem_array *sma)
{
	struct sem_undo_list *ulp = get_undo_list();
	struct sem_undo *un;
	if (!ulp)
		return NULL;
	spin_lock(&ulp->lock);
	list_for_each_entry(un, &ulp->undos, list_link)
		if (un->sma == sma) {
			spin_unlock(&ulp->lock);
			return un;
		}
	spin_unlock(&ulp->lock);
	if (!(un = kzalloc(sizeof(*un) + sma->nsems * sizeof(short))))
		return NULL;
	un->sma = sma;
	ipc_get(&sma->perm);
	un->ns = get_ipc_ns(ns);
	list_add_tail(&un->array_link, &sma->undos);
	spin_lock(&ulp->lock);
	list_add_tail(&un->list_link, &ulp->undos);
	spin_unlock(&ulp->lock);
	return un;
}

/*
 * Try sops on sma: 0 when all were done, -EAGAIN or -ERANGE when they
 * cannot be (nothing changed), or 1 when the caller must wait (then
 * *blocked is the operation that would block).
 */
static int perform_atomic(struct sem_array *sma, struct sembuf *sops, int nsops,
			  struct sem_undo *un, int *blocked)
{
	int i, err = 0;
	for (i = 0; i < nsops; i++) {
		struct sembuf *sop = &sops[i];
		struct sem *s = &sma->sems[sop->sem_num];
		int result = s->val + sop->sem_op;
		if ((sop->sem_op == 0 && s->val != 0) || result < 0) {
			*blocked = i;
			err = (sop->sem_flg & IPC_NOWAIT) ? -EAGAIN : 1;
			break;
		}
		if (result > SEMVMX) {
			err = -ERANGE;
			break;
		}
		if (sop->sem_flg & SEM_UNDO) {
			int undo = un->adj[sop->sem_num] - sop->sem_op;
			if (undo < -SEMAEM - 1 || undo > SEMAEM) {
				err = -ERANGE;
				break;
			}
		}
		s->val = result;
	}
	if (err) {
		while (--i >= 0)
			sma->sems[sops[i].sem_num].val -= sops[i].sem_op;
		return err;
	}
	for (i = 0; i < nsops; i++) {
		if (sops[i].sem_flg & SEM_UNDO)
			un->adj[sops[i].sem_num] -= sops[i].sem_op;
		ipc_set_pid(&sma->sems[sops[i].sem_num].pid);
	}
	sma->otime = ipc_seconds();
	return 0;
}

/* Count current among the sleepers that sop waits for (one = +1 or -1). */
static void count_waiter(struct sem_array *sma, struct sembuf *sop, int one)
{
	struct sem *s = &sma->sems[sop->sem_num];
	if (sop->sem_op == 0)
		s->zcnt += one;
	else
		s->ncnt += one;
}

static long do_semop(struct ipc_namespace *ns, struct sem_array *sma, struct sembuf *sops,
		     int nsops, bool undos, uint64_t deadline)
{
	struct ipc_ids *ids = sem_ids(ns);
	struct sem_undo *un = NULL;
	bool alter = false;
	long err;

	for (int i = 0; i < nsops; i++)
		alter |= sops[i].sem_op != 0;
	if ((err = ipcperms(ns, &sma->perm, alter ? S_IWUGO : S_IRUGO)))
		return err;
	if (undos && !(un = find_alloc_undo(ns, sma)))
		return -ENOMEM;
	ipc_get(&sma->perm);
	for (;;) {
		int blocked;
		err = -EIDRM;
		if (sma->perm.deleted)
			break;
		err = perform_atomic(sma, sops, nsops, un, &blocked);
		if (err <= 0) {
			if (!err && alter)
				wake_up(&sma->wq);
			break;
		}
		count_waiter(sma, &sops[blocked], 1);
		err = ipc_sleep(ids, &sma->wq, deadline);
		count_waiter(sma, &sops[blocked], -1);
		if (err)
			break;
	}
	ipc_put(ids, &sma->perm);
	return err;
}

#define SEMOPS_ON_STACK	16

long sys_semtimedop(int semid, struct sembuf __user *usops, unsigned int nsops,
		    const struct timespec64 __user *utimeout)
{
	struct ipc_namespace *ns = current_ipc_ns();
	struct ipc_ids *ids = sem_ids(ns);
	struct sembuf fast[SEMOPS_ON_STACK], *sops = fast;
	uint64_t deadline = 0;
	long err;

	if (nsops < 1 || semid < 0)
		return -EINVAL;
	if (nsops > SEMOPM)
		return -E2BIG;
	if (nsops > SEMOPS_ON_STACK && !(sops = kmalloc(nsops * sizeof(*sops))))
		return -ENOMEM;
	err = -EFAULT;
	if (copy_from_user(sops, usops, nsops * sizeof(*sops)))
		goto out;
	if (utimeout) {
		struct timespec64 ts;
		if ((err = timespec_from_user(&ts, utimeout)))
			goto out;
		deadline = timer_now_ns() + timespec_to_ns(&ts);
		if (!deadline)
			deadline = 1;
	}
	unsigned int max = 0;
	bool undos = false;
	for (unsigned int i = 0; i < nsops; i++) {
		if (sops[i].sem_num > max)
			max = sops[i].sem_num;
		undos |= (sops[i].sem_flg & SEM_UNDO) != 0;
	}
	mutex_lock(&ids->lock);
	struct sem_array *sma = SMA(ipc_find_id(ids, semid));
	if (!sma)
		err = -EINVAL;
	else if (max >= (unsigned int)sma->nsems)
		err = -EFBIG;
	else
		err = do_semop(ns, sma, sops, nsops, undos, deadline);
	mutex_unlock(&ids->lock);
out:
	if (sops != fast)
		kfree(sops);
	return err;
}

long sys_semop(int semid, struct sembuf __user *usops, unsigned int nsops)
{
	return sys_semtimedop(semid, usops, nsops, NULL);
}

static void fill_semid(struct sem_array *sma, struct semid64_ds *out)
{
	memset(out, 0, sizeof(*out));
	ipc_fill_perm(&sma->perm, &out->sem_perm);
	out->sem_otime = sma->otime;
	out->sem_ctime = sma->ctime;
	out->sem_nsems = sma->nsems;
}

static long sem_info(struct ipc_ids *ids, int cmd, void __user *buf)
{
	struct seminfo info = {
		.semmni = SEMMNI, .semmns = SEMMNS, .semmsl = SEMMSL, .semopm = SEMOPM,
		.semvmx = SEMVMX, .semmnu = SEMMNU, .semmap = SEMMAP, .semume = SEMUME,
		.semusz = SEMUSZ, .semaem = SEMAEM,
	};
	mutex_lock(&ids->lock);
	if (cmd == SEM_INFO) {
		int total = 0;
		for (int i = 0; i < ids->size; i++)
			if (ids->entries[i])
				total += SMA(ids->entries[i])->nsems;
		info.semusz = ids->in_use;
		info.semaem = total;
	}
	int max = ipc_max_idx(ids);
	mutex_unlock(&ids->lock);
	if (copy_to_user(buf, &info, sizeof(info)))
		return -EFAULT;
	return max < 0 ? 0 : max;
}

static long sem_stat(struct ipc_namespace *ns, int id, int cmd, void __user *buf)
{
	struct ipc_ids *ids = sem_ids(ns);
	struct semid64_ds ds;
	long ret;
	mutex_lock(&ids->lock);
	struct kern_ipc_perm *p = cmd == IPC_STAT ? ipc_find_id(ids, id) : ipc_find_idx(ids, id);
	if (!p)
		ret = -EINVAL;
	else if (cmd != SEM_STAT_ANY && (ret = ipcperms(ns, p, S_IRUGO)))
		;
	else {
		fill_semid(SMA(p), &ds);
		ret = cmd == IPC_STAT ? 0 : p->id;
	}
	mutex_unlock(&ids->lock);
	if (ret >= 0 && copy_to_user(buf, &ds, sizeof(ds)))
		return -EFAULT;
	return ret;
}

/* SETVAL and SETALL: the undo adjustments of semnum (all: -1) are void. */
static void clear_undos(struct sem_array *sma, int semnum)
{
	struct sem_undo *un;
	list_for_each_entry(un, &sma->undos, array_link) {
		if (semnum >= 0)
			un->adj[semnum] = 0;
		else
			memset(un->adj, 0, sma->nsems * sizeof(short));
	}
}

/* The values come in (SETALL) or go out (GETALL) as unsigned shorts. */
static long sem_all(struct ipc_namespace *ns, int semid, int cmd, unsigned short __user *uvals)
{
	struct ipc_ids *ids = sem_ids(ns);
	unsigned short *vals = NULL;
	long err;
	mutex_lock(&ids->lock);
	struct sem_array *sma = SMA(ipc_find_id(ids, semid));
	err = -EINVAL;
	if (!sma)
		goto out;
	if ((err = ipcperms(ns, &sma->perm, cmd == GETALL ? S_IRUGO : S_IWUGO)))
		goto out;
	int nsems = sma->nsems;
	ipc_get(&sma->perm);
	mutex_unlock(&ids->lock);
	vals = kmalloc(nsems * sizeof(*vals));
	err = -ENOMEM;
	if (!vals)
		goto relock;
	err = 0;
	if (cmd == SETALL && copy_from_user(vals, uvals, nsems * sizeof(*vals)))
		err = -EFAULT;
	for (int i = 0; !err && cmd == SETALL && i < nsems; i++)
		if (vals[i] > SEMVMX)
			err = -ERANGE;
relock:
	mutex_lock(&ids->lock);
	if (!err && sma->perm.deleted)
		err = -EIDRM;
	if (!err) {
		for (int i = 0; i < nsems; i++) {
			if (cmd == GETALL) {
				vals[i] = sma->sems[i].val;
				continue;
			}
			sma->sems[i].val = vals[i];
			ipc_set_pid(&sma->sems[i].pid);
		}
		if (cmd == SETALL) {
			clear_undos(sma, -1);
			sma->ctime = ipc_seconds();
			wake_up(&sma->wq);
		}
	}
	ipc_put(ids, &sma->perm);
out:
	mutex_unlock(&ids->lock);
	if (!err && cmd == GETALL && copy_to_user(uvals, vals, nsems * sizeof(*vals)))
		err = -EFAULT;
	kfree(vals);
	return err;
}

/* GETVAL, GETPID, GETNCNT, GETZCNT and SETVAL: one semaphore. */
static long sem_one(struct ipc_namespace *ns, int semid, int semnum, int cmd, int val)
{
	struct ipc_ids *ids = sem_ids(ns);
	long ret;
	mutex_lock(&ids->lock);
	struct sem_array *sma = SMA(ipc_find_id(ids, semid));
	if (!sma || semnum < 0 || semnum >= sma->nsems) {
		ret = -EINVAL;
		goto out;
	}
	if (cmd == SETVAL && (val < 0 || val > SEMVMX)) {
		ret = -ERANGE;
		goto out;
	}
	if ((ret = ipcperms(ns, &sma->perm, cmd == SETVAL ? S_IWUGO : S_IRUGO)))
		goto out;
	struct sem *s = &sma->sems[semnum];
	switch (cmd) {
	case GETVAL:
		ret = s->val;
		break;
	case GETPID:
		ret = ipc_pid_vnr(s->pid);
		break;
	case GETNCNT:
		ret = s->ncnt;
		break;
	case GETZCNT:
		ret = s->zcnt;
		break;
	case SETVAL:
		s->val = val;
		ipc_set_pid(&s->pid);
		clear_undos(sma, semnum);
		sma->ctime = ipc_seconds();
		wake_up(&sma->wq);
		break;
	}
out:
	mutex_unlock(&ids->lock);
	return ret;
}

static long sem_set_or_rm(struct ipc_namespace *ns, int semid, int cmd, void __user *buf)
{
	struct ipc_ids *ids = sem_ids(ns);
	struct semid64_ds ds;
	long ret;
	if (cmd == IPC_SET && copy_from_user(&ds, buf, sizeof(ds)))
		return -EFAULT;
	mutex_lock(&ids->lock);
	struct sem_array *sma = SMA(ipc_find_id(ids, semid));
	if (!sma)
		ret = -EINVAL;
	else if ((ret = ipc_owner_check(ns, &sma->perm)))
		;
	else if (cmd == IPC_RMID) {
		wake_up(&sma->wq);
		ipc_rmid(ids, &sma->perm);
	} else if (!(ret = ipc_set_perm(&sma->perm, ds.sem_perm.uid, ds.sem_perm.gid,
				      ds.sem_perm.mode))) {
		sma->ctime = ipc_seconds();
	}
	mutex_unlock(&ids->lock);
	return ret;
}

long sys_semctl(int semid, int semnum, int cmd, unsigned long arg)
{
	struct ipc_namespace *ns = current_ipc_ns();
	if (semid < 0)
		return -EINVAL;
	cmd = ipc_cmd(cmd);
	switch (cmd) {
	case IPC_INFO:
	case SEM_INFO:
		return sem_info(sem_ids(ns), cmd, (void __user *)arg);
	case IPC_STAT:
	case SEM_STAT:
	case SEM_STAT_ANY:
		return sem_stat(ns, semid, cmd, (void __user *)arg);
	case GETALL:
	case SETALL:
		return sem_all(ns, semid, cmd, (unsigned short __user *)arg);
	case GETVAL:
	case GETPID:
	case GETNCNT:
	case GETZCNT:
	case SETVAL:
		return sem_one(ns, semid, semnum, cmd, (int)arg);
	case IPC_SET:
	case IPC_RMID:
		return sem_set_or_rm(ns, semid, cmd, (void __user *)arg);
	}
	return -EINVAL;
}

int copy_semundo(unsigned long clone_flags, struct task *t)
{
	t->sysvsem = NULL;
	if (!(clone_flags & CLONE_SYSVSEM))
		return 0;
	/* Made now if need be, so that both hold the same one. */
	struct sem_undo_list *ulp = get_undo_list();
	if (!ulp)
		return -ENOMEM;
	__atomic_add_fetch(&ulp->refcnt, 1, __ATOMIC_RELAXED);
	t->sysvsem = ulp;
	return 0;
}

/* Apply un's adjustments if its set still exists, and let go of it. */
static void apply_undo(struct sem_undo *un)
{
	struct ipc_namespace *ns = un->ns;
	struct ipc_ids *ids = sem_ids(ns);
	struct sem_array *sma = un->sma;
	mutex_lock(&ids->lock);
	if (!sma->perm.deleted) {
		for (int i = 0; i < sma->nsems; i++) {
			if (!un->adj[i])
				continue;
			int val = sma->sems[i].val + un->adj[i];
			sma->sems[i].val = val < 0 ? 0 : val > SEMVMX ? SEMVMX : val;
			ipc_set_pid(&sma->sems[i].pid);
		}
		sma->otime = ipc_seconds();
		wake_up(&sma->wq);
	}
	list_del(&un->array_link);
	ipc_put(ids, &sma->perm);
	mutex_unlock(&ids->lock);
	put_ipc_ns(ns);
	kfree(un);
}

void exit_sem(struct task *t)
{
	struct sem_undo_list *ulp = t->sysvsem;
	t->sysvsem = NULL;
	if (!ulp || __atomic_sub_fetch(&ulp->refcnt, 1, __ATOMIC_ACQ_REL))
		return;
	/* The last holder: nobody else adds entries any more. */
	struct sem_undo *un, *n;
	list_for_each_entry_safe(un, n, &ulp->undos, list_link)
		apply_undo(un);
	kfree(ulp);
}
