/*
 * nsproxy: the set of namespaces a task lives in (see ns.h).  Shared by
 * reference between the tasks that have the same set; changing one
 * namespace (clone or unshare with CLONE_NEW*) makes a new nsproxy, so an
 * nsproxy never changes once published and is read without a lock.
 */
#include "ns.h"
#include "proc.h"
#include "cred.h"
#include "user_ns.h"
#include "signal.h"
#include "vfs.h"
#include "file.h"
#include "kmalloc.h"
#include <linux/sched.h>
#include <linux/capability.h>

struct nsproxy init_nsproxy = {
	.refcnt = 1,
	.uts_ns = &init_uts_ns,
	.pid_ns_for_children = &init_pid_ns,
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
	if (ns->mnt_ns)
		mnt_ns_put(ns->mnt_ns);
	kfree(ns);
}

/* The CLONE_NEW* flags that make a new nsproxy (a new user namespace
 * lives in the cred instead). */
#define NSPROXY_FLAGS	(NS_CLONE_SUPPORTED & ~CLONE_NEWUSER)

struct nsproxy *copy_namespaces(unsigned long flags, struct nsproxy *old,
				struct user_namespace *user_ns)
{
	if (!(flags & NSPROXY_FLAGS))
		return get_nsproxy(old);
	if (!ns_capable(user_ns, CAP_SYS_ADMIN))
		return ERR_PTR(-EPERM);
	struct nsproxy *ns = kmalloc(sizeof(*ns));
	if (!ns)
		return ERR_PTR(-ENOMEM);
	*ns = *old;
	ns->refcnt = 1;
	ns->uts_ns = flags & CLONE_NEWUTS ? copy_uts_ns(old->uts_ns, user_ns)
					  : get_uts_ns(old->uts_ns);
	if (!ns->uts_ns) {
		kfree(ns);
		return ERR_PTR(-ENOMEM);
	}
	if (ns->mnt_ns)
		mnt_ns_get(ns->mnt_ns);
	return ns;
}

/*
 * unshare(2): the caller leaves what it shared.  A new user namespace
 * comes first, in a new cred (as Linux, it implies CLONE_THREAD, so a
 * process with other threads is refused, and CLONE_FS); the other
 * namespaces come from copy_namespaces, owned by it; CLONE_FS and
 * CLONE_FILES give the caller its own root and working directory, or
 * descriptor table; CLONE_SYSVSEM has nothing to undo yet.  The
 * namespaces not yet written (mount, pid, ipc, net, cgroup) are refused
 * with EINVAL, as clone refuses them.  Nothing changes unless all
 * succeed.
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
	ns = copy_namespaces(flags, t->nsproxy, cred ? cred->user_ns : t->cred->user_ns);
	if (IS_ERR(ns)) {
		err = PTR_ERR(ns);
		goto out_cred;
	}
	err = -ENOMEM;
	if ((flags & CLONE_FS) && __atomic_load_n(&t->fs->refcnt, __ATOMIC_ACQUIRE) > 1 &&
	    !(fs = fs_dup(t->fs)))
		goto out_ns;
	if (flags & CLONE_FILES) {
		err = unshare_files();
		if (err)
			goto out_fs;
	}
	if (fs) {
		struct fs_struct *old = t->fs;
		t->fs = fs;
		fs_put(old);
	}
	struct nsproxy *old = t->nsproxy;
	t->nsproxy = ns;
	put_nsproxy(old);
	if (cred)
		commit_creds(cred);
	return 0;

out_fs:
	if (fs)
		fs_put(fs);
out_ns:
	put_nsproxy(ns);
out_cred:
	if (cred)
		put_cred(cred);
	return err;
}
