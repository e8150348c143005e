/*
 * setns(2): joining namespaces that exist already, named by a file of one
 * (nsfs, ns_common.h) or by a pidfd (every namespace of that process that
 * the flags name, all or none).  The caller's nsproxy, cred and, for a
 * mount namespace, fs_struct are copied into an nsset, each namespace's
 * install operation checks the caller's right to join it and changes the
 * copies, and only when all are installed do the copies replace the
 * caller's: nsproxy and fs_struct under tasklist_lock (procfs takes its
 * references to them under it), the cred with commit_creds.
 *
 * Also here: the counter that numbers namespaces (atomic).
 */
#include "ns.h"
#include "ns_common.h"
#include "user_ns.h"
#include "cred.h"
#include "proc.h"
#include "vfs.h"
#include "file.h"
#include "pidfd.h"
#include "ipc.h"
#include <linux/sched.h>
#include <linux/capability.h>

/* init_net holds PROC_DYNAMIC_FIRST (net.c). */
static unsigned int next_inum = PROC_DYNAMIC_FIRST + 1;

unsigned int ns_alloc_inum(void)
{
	return __atomic_fetch_add(&next_inum, 1, __ATOMIC_RELAXED);
}

bool setns_capable(struct nsset *nsset, struct user_namespace *owner)
{
	return cap_capable(nsset->cred, owner, CAP_SYS_ADMIN) &&
	       cap_capable(nsset->cred, nsset->cred->user_ns, CAP_SYS_ADMIN);
}

/* What a pidfd may ask for.  Linux also takes CLONE_NEWTIME, a kind not
 * written here: EINVAL, as Linux built without it answers. */
#define SETNS_PIDFD_FLAGS	(CLONE_NEWUSER | CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC | \
				 CLONE_NEWPID | CLONE_NEWNET | CLONE_NEWCGROUP)

/* Drop what nsset still holds (its fields become NULL). */
static void put_nsset(struct nsset *nsset)
{
	if (nsset->fs)
		fs_put(nsset->fs);
	if (nsset->cred)
		put_cred(nsset->cred);
	if (nsset->nsproxy)
		put_nsproxy(nsset->nsproxy);
	nsset->fs = NULL;
	nsset->cred = NULL;
	nsset->nsproxy = NULL;
}

static int prepare_nsset(unsigned long flags, struct nsset *nsset)
{
	nsset->flags = flags;
	nsset->nsproxy = nsproxy_dup(current->nsproxy);
	nsset->cred = prepare_creds();
	nsset->fs = flags & CLONE_NEWNS ? fs_dup(current->fs) : NULL;
	if (!nsset->nsproxy || !nsset->cred || (!nsset->fs && (flags & CLONE_NEWNS))) {
		put_nsset(nsset);
		return -ENOMEM;
	}
	return 0;
}

/* Every install succeeded: the copies become the caller's. */
static void commit_nsset(struct nsset *nsset)
{
	struct task *t = current;
	spin_lock(&tasklist_lock);
	struct fs_struct *old_fs = nsset->fs ? t->fs : NULL;
	if (nsset->fs)
		t->fs = nsset->fs;
	struct nsproxy *old = t->nsproxy;
	t->nsproxy = nsset->nsproxy;
	spin_unlock(&tasklist_lock);
	nsset->fs = NULL;
	nsset->nsproxy = NULL;
	if (old_fs)
		fs_put(old_fs);
	put_nsproxy(old);
	if (nsset->flags & CLONE_NEWUSER) {
		commit_creds(nsset->cred);
		nsset->cred = NULL;
	}
	/* SEM_UNDO adjustments belong to the namespace left (as Linux). */
	if (nsset->flags & CLONE_NEWIPC)
		exit_sem(t);
	put_nsset(nsset);
}

/* setns on a namespace's file. */
static long join_ns(struct ns_common *ns)
{
	struct nsset nsset;
	int err = prepare_nsset(ns->ops->type, &nsset);
	if (err)
		return err;
	err = ns->ops->install(&nsset, ns);
	if (err)
		put_nsset(&nsset);
	else
		commit_nsset(&nsset);
	return err;
}

/* The kinds a pidfd joins, in the order Linux installs them: the user
 * namespace first, so that its capabilities count for the others; the
 * pid namespace is the one the process is in. */
static const struct proc_ns_operations *const pidfd_kinds[] = {
	&userns_operations, &mntns_operations, &cgroupns_operations, &utsns_operations,
	&ipcns_operations, &pidns_operations, &netns_operations,
};
#define NR_PIDFD_KINDS	ARRAY_SIZE(pidfd_kinds)

/* setns on a pidfd: the namespaces of its process that flags name. */
static long join_task_namespaces(struct pid *pid, unsigned long flags)
{
	struct ns_common *want[NR_PIDFD_KINDS] = { 0 };
	struct task *t = pid_task_get(pid);
	if (!t)
		return -ESRCH;
	long err = 0;
	for (size_t i = 0; i < NR_PIDFD_KINDS && !err; i++)
		if ((flags & pidfd_kinds[i]->type) && !(want[i] = pidfd_kinds[i]->get(t)))
			err = -ESRCH;	/* it is exiting */
	task_put(t);
	struct nsset nsset = { 0 };
	if (!err)
		err = prepare_nsset(flags, &nsset);
	for (size_t i = 0; i < NR_PIDFD_KINDS && !err; i++)
		if (want[i])
			err = want[i]->ops->install(&nsset, want[i]);
	if (!err)
		commit_nsset(&nsset);
	else
		put_nsset(&nsset);
	for (size_t i = 0; i < NR_PIDFD_KINDS; i++)
		if (want[i])
			want[i]->ops->put(want[i]);
	return err;
}

long sys_setns(int fd, int nstype)
{
	unsigned long flags = (unsigned int)nstype;
	struct file *f = fd_get(fd);
	if (!f)
		return -EBADF;
	struct ns_common *ns = nsfs_file_ns(f);
	struct pid *pid = ns ? NULL : pidfd_pid(f);
	long err;
	if (ns)
		err = flags && flags != (unsigned long)ns->ops->type ? -EINVAL : join_ns(ns);
	else if (pid)
		err = !flags || (flags & ~SETNS_PIDFD_FLAGS) ? -EINVAL
							      : join_task_namespaces(pid, flags);
	else
		err = -EINVAL;
	file_put(f);
	return err;
}
