/*
 * System V message queues: msgget, msgsnd, msgrcv, msgctl.  A queue is a
 * FIFO list of messages, each a kmalloc'ed copy of the sender's text.
 * The namespace's msg ids->lock guards every queue, its messages and its
 * two wait queues (see ipc.h): senders wait for room on `senders`,
 * receivers for a message on `receivers`; every change wakes all, and
 * each looks again.  Message text is copied from and to user memory with
 * the lock dropped.
 */
#include "ipc.h"
#include "ns.h"
#include "proc.h"
#include "kmalloc.h"
#include "string.h"
#include "uaccess.h"
#include "syscalls.h"
#include "cred.h"
#include <linux/stat.h>
#include <linux/msg.h>

#ifndef LONG_MIN
#define LONG_MIN	(-__LONG_MAX__ - 1)
#endif

struct msg_msg {
	struct list_head link;
	long type;
	size_t size;
	char text[];
};

struct msg_queue {
	struct kern_ipc_perm perm;	/* first */
	long stime, rtime, ctime;
	unsigned long cbytes;		/* bytes of text queued */
	unsigned long qnum;		/* messages queued */
	unsigned long qbytes;		/* the most cbytes (and qnum) may reach */
	struct pid *lspid, *lrpid;
	struct list_head messages;
	struct waitqueue senders, receivers;
};

#define MSQ(p) ((struct msg_queue *)(p))

static struct ipc_ids *msg_ids(struct ipc_namespace *ns)
{
	return &ns->ids[IPC_MSG_IDS];
}

void msg_free(struct kern_ipc_perm *p)
{
	struct msg_queue *q = MSQ(p);
	struct msg_msg *m, *n;
	list_for_each_entry_safe(m, n, &q->messages, link)
		kfree(m);
	ipc_put_pid(&q->lspid);
	ipc_put_pid(&q->lrpid);
	kfree(q);
}

static long newque(struct ipc_namespace *ns, struct ipc_params *params)
{
	struct msg_queue *q = kzalloc(sizeof(*q));
	if (!q)
		return -ENOMEM;
	q->qbytes = MSGMNB;
	q->ctime = ipc_seconds();
	list_init(&q->messages);
	waitqueue_init(&q->senders);
	waitqueue_init(&q->receivers);
	int id = ipc_addid(msg_ids(ns), &q->perm, params->key, params->flags);
	if (id < 0)
		kfree(q);
	return id;
}

long sys_msgget(key_t key, int flags)
{
	struct ipc_params params = { .key = key, .flags = flags };
	return ipcget(current_ipc_ns(), IPC_MSG_IDS, &params, newque, NULL);
}

/* Wake everyone and take q out: its sleepers return EIDRM. */
static void freeque(struct ipc_ids *ids, struct msg_queue *q)
{
	wake_up(&q->senders);
	wake_up(&q->receivers);
	ipc_rmid(ids, &q->perm);
}

static bool msg_fits(struct msg_queue *q, size_t size)
{
	return size + q->cbytes <= q->qbytes && 1 + q->qnum <= q->qbytes;
}

long sys_msgsnd(int msqid, const void __user *msgp, size_t msgsz, int flags)
{
	struct ipc_namespace *ns = current_ipc_ns();
	struct ipc_ids *ids = msg_ids(ns);
	long type;
	long err;

	if ((long)msgsz < 0 || msqid < 0)
		return -EINVAL;
	if (msgsz > MSGMAX)
		return -EINVAL;
	if (copy_from_user(&type, msgp, sizeof(type)))
		return -EFAULT;
	if (type < 1)
		return -EINVAL;
	struct msg_msg *m = kmalloc(sizeof(*m) + msgsz);
	if (!m)
		return -ENOMEM;
	m->type = type;
	m->size = msgsz;
	if (copy_from_user(m->text, (const char __user *)msgp + sizeof(long), msgsz)) {
		kfree(m);
		return -EFAULT;
	}
	mutex_lock(&ids->lock);
	struct msg_queue *q = MSQ(ipc_find_id(ids, msqid));
	err = -EINVAL;
	if (!q)
		goto out;
	ipc_get(&q->perm);
	for (;;) {
		err = -EIDRM;
		if (q->perm.deleted)
			break;
		err = ipcperms(ns, &q->perm, S_IWUGO);
		if (err)
			break;
		if (msgsz > q->qbytes) {
			err = -EINVAL;
			break;
		}
		if (msg_fits(q, msgsz)) {
			list_add_tail(&m->link, &q->messages);
			q->cbytes += msgsz;
			q->qnum++;
			ipc_set_pid(&q->lspid);
			q->stime = ipc_seconds();
			wake_up(&q->receivers);
			m = NULL;
			err = 0;
			break;
		}
		err = -EAGAIN;
		if (flags & IPC_NOWAIT)
			break;
		if ((err = ipc_sleep(ids, &q->senders, 0)))
			break;
	}
	ipc_put(ids, &q->perm);
out:
	mutex_unlock(&ids->lock);
	kfree(m);
	return err;
}

/* The message msgrcv takes for msgtyp and flags, or NULL. */
static struct msg_msg *find_msg(struct msg_queue *q, long msgtyp, int flags)
{
	struct msg_msg *m, *best = NULL;
	list_for_each_entry(m, &q->messages, link) {
		if (msgtyp == 0)
			return m;
		if (msgtyp > 0) {
			if ((flags & MSG_EXCEPT) ? m->type != msgtyp : m->type == msgtyp)
				return m;
		} else if (m->type <= -msgtyp && (!best || m->type < best->type)) {
			best = m;
		}
	}
	return best;
}

long sys_msgrcv(int msqid, void __user *msgp, size_t msgsz, long msgtyp, int flags)
{
	struct ipc_namespace *ns = current_ipc_ns();
	struct ipc_ids *ids = msg_ids(ns);
	struct msg_msg *m = NULL;
	long err;

	if ((long)msgsz < 0 || msqid < 0)
		return -EINVAL;
	if (flags & MSG_COPY)
		return -ENOSYS;		/* as Linux without checkpoint/restore */
	if (msgtyp == LONG_MIN)
		msgtyp++;		/* so that -msgtyp exists: the same set of types */
	mutex_lock(&ids->lock);
	struct msg_queue *q = MSQ(ipc_find_id(ids, msqid));
	err = -EINVAL;
	if (!q)
		goto out;
	ipc_get(&q->perm);
	for (;;) {
		err = -EIDRM;
		if (q->perm.deleted)
			break;
		if ((err = ipcperms(ns, &q->perm, S_IRUGO)))
			break;
		m = find_msg(q, msgtyp, flags);
		if (m) {
			if (m->size > msgsz && !(flags & MSG_NOERROR)) {
				m = NULL;
				err = -E2BIG;
				break;
			}
			list_del(&m->link);
			q->cbytes -= m->size;
			q->qnum--;
			ipc_set_pid(&q->lrpid);
			q->rtime = ipc_seconds();
			wake_up(&q->senders);
			err = 0;
			break;
		}
		err = -ENOMSG;
		if (flags & IPC_NOWAIT)
			break;
		if ((err = ipc_sleep(ids, &q->receivers, 0)))
			break;
	}
	ipc_put(ids, &q->perm);
out:
	mutex_unlock(&ids->lock);
	if (!m)
		return err;
	/* The message is ours now: a fault loses it, as on Linux. */
	size_t n = m->size < msgsz ? m->size : msgsz;
	err = n;
	if (copy_to_user(msgp, &m->type, sizeof(long)) ||
	    copy_to_user((char __user *)msgp + sizeof(long), m->text, n))
		err = -EFAULT;
	kfree(m);
	return err;
}

static void fill_msqid(struct msg_queue *q, struct msqid64_ds *out)
{
	memset(out, 0, sizeof(*out));
	ipc_fill_perm(&q->perm, &out->msg_perm);
	out->msg_stime = q->stime;
	out->msg_rtime = q->rtime;
	out->msg_ctime = q->ctime;
	out->msg_cbytes = q->cbytes;
	out->msg_qnum = q->qnum;
	out->msg_qbytes = q->qbytes;
	out->msg_lspid = ipc_pid_vnr(q->lspid);
	out->msg_lrpid = ipc_pid_vnr(q->lrpid);
}

/* IPC_INFO and MSG_INFO: the limits, and for MSG_INFO what is in use. */
static long msg_info(struct ipc_ids *ids, int cmd, void __user *buf)
{
	struct msginfo info = {
		.msgmni = MSGMNI, .msgmax = MSGMAX, .msgmnb = MSGMNB, .msgssz = MSGSSZ,
		.msgseg = MSGSEG, .msgpool = MSGPOOL, .msgmap = MSGMAP, .msgtql = MSGTQL,
	};
	mutex_lock(&ids->lock);
	if (cmd == MSG_INFO) {
		int msgs = 0, bytes = 0;
		for (int i = 0; i < ids->size; i++) {
			struct msg_queue *q = MSQ(ids->entries[i]);
			if (q) {
				msgs += q->qnum;
				bytes += q->cbytes;
			}
		}
		info.msgpool = ids->in_use;
		info.msgmap = msgs;
		info.msgtql = bytes;
	}
	int max = ipc_max_idx(ids);
	mutex_unlock(&ids->lock);
	if (copy_to_user(buf, &info, sizeof(info)))
		return -EFAULT;
	return max < 0 ? 0 : max;
}

static long msg_stat(struct ipc_namespace *ns, int id, int cmd, void __user *buf)
{
	struct ipc_ids *ids = msg_ids(ns);
	struct msqid64_ds ds;
	long ret;
	mutex_lock(&ids->lock);
	struct kern_ipc_perm *p = cmd == IPC_STAT ? ipc_find_id(ids, id) : ipc_find_idx(ids, id);
	if (!p)
		ret = -EINVAL;
	else if (cmd != MSG_STAT_ANY && (ret = ipcperms(ns, p, S_IRUGO)))
		;
	else {
		fill_msqid(MSQ(p), &ds);
		ret = cmd == IPC_STAT ? 0 : p->id;
	}
	mutex_unlock(&ids->lock);
	if (ret >= 0 && copy_to_user(buf, &ds, sizeof(ds)))
		return -EFAULT;
	return ret;
}

static long msg_set_or_rm(struct ipc_namespace *ns, int id, int cmd, void __user *buf)
{
	struct ipc_ids *ids = msg_ids(ns);
	struct msqid64_ds ds;
	long ret;
	if (cmd == IPC_SET && copy_from_user(&ds, buf, sizeof(ds)))
		return -EFAULT;
	mutex_lock(&ids->lock);
	struct msg_queue *q = MSQ(ipc_find_id(ids, id));
	if (!q)
		ret = -EINVAL;
	else if ((ret = ipc_owner_check(ns, &q->perm)))
		;
	else if (cmd == IPC_RMID)
		freeque(ids, q);
	else if (ds.msg_qbytes > MSGMNB && !ns_capable(ns->user_ns, CAP_SYS_RESOURCE))
		ret = -EPERM;
	else if (!(ret = ipc_set_perm(&q->perm, ds.msg_perm.uid, ds.msg_perm.gid,
				      ds.msg_perm.mode))) {
		q->qbytes = ds.msg_qbytes;
		q->ctime = ipc_seconds();
		/* More room, or less: senders and receivers look again. */
		wake_up(&q->senders);
		wake_up(&q->receivers);
	}
	mutex_unlock(&ids->lock);
	return ret;
}

long sys_msgctl(int msqid, int cmd, void __user *buf)
{
	struct ipc_namespace *ns = current_ipc_ns();
	if (msqid < 0 || cmd < 0)
		return -EINVAL;
	cmd = ipc_cmd(cmd);
	switch (cmd) {
	case IPC_INFO:
	case MSG_INFO:
		return msg_info(msg_ids(ns), cmd, buf);
	case IPC_STAT:
	case MSG_STAT:
	case MSG_STAT_ANY:
		return msg_stat(ns, msqid, cmd, buf);
	case IPC_SET:
	case IPC_RMID:
		return msg_set_or_rm(ns, msqid, cmd, buf);
	}
	return -EINVAL;
}
