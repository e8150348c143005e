/*
 * nsproxy: the set of namespaces a task lives in (see ns.h).  Shared by
 * reference between the tasks that have the same set; changing one
 * namespace (clone or unshare with CLONE_NEW*, setns) makes a new nsproxy,
 * so an nsproxy never changes once published and is read without a lock.
 * A task's pointer to it changes under tasklist_lock, where other tasks
 * take their references (task_nsproxy_get).
 */
#include "ns.h"
#include "ipc.h"
#include "proc.h"
#include "cred.h"
#include "user_ns.h"
#include "signal.h"
#include "vfs.h"
#include "file.h"
#include "kmalloc.h"
#include "cgroup.h"
#include <linux/sched.h>
#include <linux/capability.h>

struct nsproxy init_nsproxy = {
	.refcnt = 1,
	.uts_ns = &init_uts_ns,
	.ipc_ns = &init_ipc_ns,
	.pid_ns_for_children = &init_pid_ns,
	.net_ns = &init_net,
	.cgroup_ns = &init_cgroup_ns,
};

struct nsproxy *get_nsproxy(struct nsproxy *ns)
{
	__atomic_add_fetch(&ns->refcnt, 1, __ATOMIC_RELAXED);
	return ns;
}

void put_nsproxy(struct nsproxy *ns)
{
	if (__atomic_sub_fetch(&ns->refcnt, 1, __ATOMIC_ACQ_REL) || ns == &init_nsproxy)
		return;
	put_uts_ns(ns->uts_ns);
	put_ipc_ns(ns->ipc_ns);
	put_net(ns->net_ns);
	put_cgroup_ns(ns->cgroup_ns);
	put_pid_ns(ns->pid_ns_for_children);
	if (ns->mnt_ns)
		mnt_ns_put(ns->mnt_ns);
	kfree(ns);
}

struct nsproxy *task_nsproxy_get(struct task *t)
{
	spin_lock(&tasklist_lock);
	struct nsproxy *ns = t->nsproxy ? get_nsproxy(t->nsproxy) : NULL;
	spin_unlock(&tasklist_lock);
	return ns;
}

struct nsproxy *nsproxy_dup(struct nsproxy *old)
{
	struct nsproxy *ns = kmalloc(sizeof(*ns));
	if (!ns)
		return NULL;
	*ns = *old;
	ns->refcnt = 1;
	get_uts_ns(ns->uts_ns);
	get_ipc_ns(ns->ipc_ns);
	get_net(ns->net_ns);
	get_pid_ns(ns->pid_ns_for_children);
	if (ns->mnt_ns)
		mnt_ns_get(ns->mnt_ns);
	return ns;
}

/* The CLONE_NEW* flags that make a new nsproxy (a new user namespace
 * lives in the cred instead). */
#define NSPROXY_FLAGS	(NS_CLONE_SUPPORTED & ~CLONE_NEWUSER)

struct nsproxy *copy_namespaces(unsigned long flags, struct nsproxy *old,
				struct user_namespace *user_ns, struct fs_struct *fs)
{
	if (!(flags & NSPROXY_FLAGS))
		return get_nsproxy(old);
	if ((flags & CLONE_NEWNS) && (flags & CLONE_FS))
		return ERR_PTR(-EINVAL);	/* a shared root and cwd cannot be in two trees */
	if (!ns_capable(user_ns, CAP_SYS_ADMIN))
		return ERR_PTR(-EPERM);
	struct nsproxy *ns = kzalloc(sizeof(*ns));
	if (!ns)
		return ERR_PTR(-ENOMEM);
	ns->refcnt = 1;
	long err = -ENOMEM;
	/* Each new namespace is counted for its maker (ucount.h) as soon as
	 * it exists: past a limit, it is put again and the call fails with
	 * ENOSPC.  On failure, what was made or referenced so far is put. */
	if (flags & CLONE_NEWUTS) {
		ns->uts_ns = copy_uts_ns(old->uts_ns, user_ns);
		if (!ns->uts_ns || (err = ns_charge(&ns->uts_ns->ns, user_ns, UCOUNT_UTS_NAMESPACES)))
			goto fail;
	} else {
		ns->uts_ns = get_uts_ns(old->uts_ns);
	}
	if (flags & CLONE_NEWIPC) {
		ns->ipc_ns = create_ipc_ns(user_ns);
		if (!ns->ipc_ns || (err = ns_charge(&ns->ipc_ns->ns, user_ns, UCOUNT_IPC_NAMESPACES)))
			goto fail;
	} else {
		ns->ipc_ns = get_ipc_ns(old->ipc_ns);
	}
	if (flags & CLONE_NEWNET) {
		ns->net_ns = create_net(user_ns);
		if (!ns->net_ns || (err = ns_charge(&ns->net_ns->ns, user_ns, UCOUNT_NET_NAMESPACES)))
			goto fail;
	} else {
		ns->net_ns = get_net(old->net_ns);
	}
	if (flags & CLONE_NEWCGROUP) {
		ns->cgroup_ns = copy_cgroup_ns(user_ns);
		if (!ns->cgroup_ns ||
		    (err = ns_charge(&ns->cgroup_ns->ns, user_ns, UCOUNT_CGROUP_NAMESPACES)))
			goto fail;
	} else {
		ns->cgroup_ns = get_cgroup_ns(old->cgroup_ns);
	}
	/* A new pid namespace is for the children; the caller's own stays.
	 * One unshare(CLONE_NEWPID) until a child has used it (EINVAL). */
	struct pid_namespace *pidns = old->pid_ns_for_children;
	if ((flags & CLONE_NEWPID) && pidns != task_active_pid_ns(current))
		pidns = ERR_PTR(-EINVAL);
	else if (flags & CLONE_NEWPID)
		pidns = create_pid_ns(pidns, user_ns);
	else
		get_pid_ns(pidns);
	if (IS_ERR(pidns)) {
		err = PTR_ERR(pidns);
		goto fail;
	}
	ns->pid_ns_for_children = pidns;
	if ((flags & CLONE_NEWPID) &&
	    (err = ns_charge(&pidns->ns, user_ns, UCOUNT_PID_NAMESPACES)))
		goto fail;
	if (flags & CLONE_NEWNS) {
		struct mnt_namespace *mnt_ns = copy_mnt_ns(old->mnt_ns, fs, user_ns);
		if (IS_ERR(mnt_ns)) {
			err = PTR_ERR(mnt_ns);
			goto fail;
		}
		ns->mnt_ns = mnt_ns;
		if ((err = ns_charge(&mnt_ns->ns, user_ns, UCOUNT_MNT_NAMESPACES)))
			goto fail;
	} else if (old->mnt_ns) {
		ns->mnt_ns = mnt_ns_get(old->mnt_ns);
	}
	return ns;
fail:
	if (ns->mnt_ns)
		mnt_ns_put(ns->mnt_ns);
	if (ns->pid_ns_for_children)
		put_pid_ns(ns->pid_ns_for_children);
	if (ns->net_ns)
		put_net(ns->net_ns);
	if (ns->cgroup_ns)
		put_cgroup_ns(ns->cgroup_ns);
	if (ns->ipc_ns)
		put_ipc_ns(ns->ipc_ns);
	if (ns->uts_ns)
		put_uts_ns(ns->uts_ns);
	kfree(ns);
	return ERR_PTR(err);
}

/*
 * unshare(2): the caller leaves what it shared.  A new user namespace
 * comes first, in a new cred (as Linux, it implies CLONE_THREAD, so a
 * process with other threads is refused, and CLONE_FS); the other
 * namespaces come from copy_namespaces, owned by it; CLONE_FS and
 * CLONE_FILES give the caller its own root and working directory, or
 * descriptor table; CLONE_SYSVSEM (implied by CLONE_NEWIPC, as on Linux)
 * leaves the SEM_UNDO list, applying it if no other task shares it.  CLONE_NEWNS
 * implies CLONE_FS, as on Linux: the root and working directory move to
 * the new tree, so they are the caller's own.  The namespaces not yet
 * written are refused with EINVAL, as clone refuses them.  Nothing
 * changes unless all succeed.
 */
long sys_unshare(unsigned long flags)
{
	if (flags & ~(NS_CLONE_SUPPORTED | CLONE_FS | CLONE_FILES | CLONE_SYSVSEM))
		return -EINVAL;
	struct task *t = current;
	struct cred *cred = NULL;
	struct nsproxy *ns;
	struct fs_struct *fs = NULL;
	int err;
	if (flags & CLONE_NEWUSER) {
		if (__atomic_load_n(&t->signal->nr_threads, __ATOMIC_ACQUIRE) > 1)
			return -EINVAL;
		flags |= CLONE_FS;
		if (!(cred = prepare_creds()))
			return -ENOMEM;
		err = create_user_ns(cred);
		if (err)
			goto out_cred;
	}
	if (flags & CLONE_NEWNS)
		flags |= CLONE_FS;
	/* A new tree always gets a new fs_struct: a failure after the copy
	 * then leaves the caller's untouched. */
	err = -ENOMEM;
	if ((flags & CLONE_FS) && ((flags & CLONE_NEWNS) ||
	    __atomic_load_n(&t->fs->refcnt, __ATOMIC_ACQUIRE) > 1) && !(fs = fs_dup(t->fs)))
		goto out_cred;
	ns = copy_namespaces(flags & ~CLONE_FS, t->nsproxy,
			     cred ? cred->user_ns : t->cred->user_ns, fs);
	if (IS_ERR(ns)) {
		err = PTR_ERR(ns);
		goto out_fs;
	}
	if (flags & CLONE_FILES) {
		err = unshare_files();
		if (err)
			goto out_ns;
	}
	/* Under tasklist_lock: procfs takes its references to another task's
	 * fs and nsproxy under it. */
	spin_lock(&tasklist_lock);
	struct fs_struct *old_fs = fs ? t->fs : NULL;
	if (fs)
		t->fs = fs;
	struct nsproxy *old = t->nsproxy;
	t->nsproxy = ns;
	spin_unlock(&tasklist_lock);
	if (old_fs)
		fs_put(old_fs);
	put_nsproxy(old);
	if (cred)
		commit_creds(cred);
	if (flags & (CLONE_SYSVSEM | CLONE_NEWIPC))
		exit_sem(t);
	return 0;

out_ns:
	put_nsproxy(ns);
out_fs:
	if (fs)
		fs_put(fs);
out_cred:
	if (cred)
		put_cred(cred);
	return err;
}
