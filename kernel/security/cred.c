/* Credentials (see cred.h).  root_cred is the boot identity. */
#include "cred.h"
#include "proc.h"
#include "signal.h"
#include "kmalloc.h"
#include "vfs.h"
#include "file.h"
#include "fcaps.h"
#include <linux/capability.h>
#include <linux/mount.h>
#include <linux/sched.h>
#include <linux/securebits.h>

static bool subset(uint64_t a, uint64_t b)
{
	return !(a & ~b);
}

struct cred root_cred = {
	.refcnt = 1,
	.cap_effective = CAP_FULL,
	.cap_permitted = CAP_FULL,
	.cap_bset = CAP_FULL,
	.user_ns = &init_user_ns,
};

struct cred *get_cred(struct cred *c)
{
	__atomic_add_fetch(&c->refcnt, 1, __ATOMIC_RELAXED);
	return c;
}

struct cred *get_task_cred(struct task *t)
{
	spin_lock(&tasklist_lock);
	struct cred *c = t->cred ? get_cred(t->cred) : NULL;
	spin_unlock(&tasklist_lock);
	return c;
}

struct user_namespace *get_task_user_ns(struct task *t)
{
	spin_lock(&tasklist_lock);
	struct user_namespace *ns = t->cred ? get_user_ns(t->cred->user_ns) : NULL;
	spin_unlock(&tasklist_lock);
	return ns;
}

void put_cred(const struct cred *c)
{
	struct cred *w = (struct cred *)c;	/* the count is not the contents */
	if (__atomic_sub_fetch(&w->refcnt, 1, __ATOMIC_ACQ_REL) == 0 && w != &root_cred) {
		put_user_ns(w->user_ns);
		kfree(w);
	}
}

struct cred *prepare_creds(void)
{
	struct cred *c = kmalloc(sizeof(*c));
	if (c) {
		*c = *current->cred;
		c->refcnt = 1;
		get_user_ns(c->user_ns);
	}
	return c;
}

struct cred *copy_creds(unsigned long clone_flags)
{
	if (!(clone_flags & CLONE_NEWUSER))
		return get_cred(current->cred);
	/* As Linux: a thread cannot be in another user namespace than its
	 * process, nor share a root and working directory across one. */
	if (clone_flags & (CLONE_THREAD | CLONE_FS))
		return ERR_PTR(-EINVAL);
	struct cred *c = prepare_creds();
	if (!c)
		return ERR_PTR(-ENOMEM);
	int err = create_user_ns(c);
	if (err) {
		put_cred(c);
		return ERR_PTR(err);
	}
	return c;
}

void commit_creds(struct cred *c)
{
	struct cred *old = current->cred;
	/* As Linux: a change of effective or file-system ids makes the process
	 * undumpable and forgets its parent-death signal. */
	if (old->euid != c->euid || old->egid != c->egid ||
	    old->fsuid != c->fsuid || old->fsgid != c->fsgid) {
		if (current->signal)
			current->signal->undumpable = true;
		current->pdeath_signal = 0;
	}
	/* Under tasklist_lock: another task's cred is read under it
	 * (nsfs's user namespace of a process), and the old one may go. */
	spin_lock(&tasklist_lock);
	current->cred = c;
	spin_unlock(&tasklist_lock);
	put_cred(old);
}

int cred_clear_bset(uint64_t bits)
{
	struct cred *c = current->cred;
	/* Nobody but current holds c (tasklist_lock keeps another task
	 * from taking a reference meanwhile): nobody can see it change. */
	spin_lock(&tasklist_lock);
	if (c != &root_cred && __atomic_load_n(&c->refcnt, __ATOMIC_ACQUIRE) == 1) {
		c->cap_bset &= ~bits;
		spin_unlock(&tasklist_lock);
		return 0;
	}
	spin_unlock(&tasklist_lock);
	if (!(c = prepare_creds()))
		return -ENOMEM;
	c->cap_bset &= ~bits;
	commit_creds(c);
	return 0;
}

bool in_group(const struct cred *c, gid_t gid)
{
	if (c->fsgid == gid)
		return true;
	for (int i = 0; i < c->ngroups; i++)
		if (c->groups[i] == gid)
			return true;
	return false;
}

/* The file's capabilities, if it has any that count: a nosuid mount
 * ignores them, as it ignores set-id bits.  0 (*has set or not) or -errno. */
static int exec_file_caps(const struct file *f, struct file_caps *fc, bool *has)
{
	*has = false;
	if (f->f_path.mnt->flags & MS_NOSUID)
		return 0;
	int err = fcaps_read(f->inode, fc);
	if (err == -ENODATA)
		return 0;
	*has = !err;
	return err;
}

struct cred *prepare_exec_creds(const struct file *f, bool *secure)
{
	const struct cred *old = current->cred;
	struct file_caps fc;
	bool has_fcaps;
	int err = exec_file_caps(f, &fc, &has_fcaps);
	if (err)
		return ERR_PTR(err);
	struct cred *c = prepare_creds();
	if (!c)
		return ERR_PTR(-ENOMEM);
	const struct inode *in = f->inode;
	bool nnp = current->no_new_privs;
	bool nosuid = (f->f_path.mnt->flags & MS_NOSUID) || nnp;
	/* A set-id file whose owner has no id in the namespace gives nothing. */
	if (!nosuid && (in->mode & S_ISUID) && kuid_has_mapping(c->user_ns, in->uid))
		c->euid = in->uid;
	if (!nosuid && (in->mode & (S_ISGID | S_IXGRP)) == (S_ISGID | S_IXGRP) &&
	    kgid_has_mapping(c->user_ns, in->gid))
		c->egid = in->gid;
	/* Root is the uid that is 0 in the cred's namespace, if any. */
	uid_t root = make_kuid(c->user_ns, 0);
	bool effective = false;
	c->cap_permitted = 0;
	if (has_fcaps) {
		/* P'(permitted) = (bounding & F(permitted)) | (P(inheritable) & F(inheritable)) */
		c->cap_permitted = (old->cap_bset & fc.permitted) |
				   (old->cap_inheritable & fc.inheritable);
		effective = fc.effective;
		/* A capability-dumb program (effective bit) that would miss
		 * some of its permitted set is refused, as Linux does. */
		if (effective && (fc.permitted & ~c->cap_permitted)) {
			put_cred(c);
			return ERR_PTR(-EPERM);
		}
	}
	/* Root's rule overrides the file's, except for a set-user-ID-root
	 * program with capabilities run by another user. */
	bool suid_root = c->euid == root && c->uid != root;
	if (!issecure(old, SECURE_NOROOT) && !(has_fcaps && suid_root)) {
		if (c->euid == root || c->uid == root)
			c->cap_permitted = old->cap_bset | old->cap_inheritable;
		if (c->euid == root)
			effective = true;
	}
	/* Linux's test: the new effective ids against the real ones. */
	bool setid = c->euid != old->uid || c->egid != old->gid;
	/* Under no_new_privs nothing is gained (set-id bits were ignored
	 * above; a root exec or file capabilities give no more than it had). */
	if ((setid || !subset(c->cap_permitted, old->cap_permitted)) && nnp) {
		c->euid = c->uid;
		c->egid = c->gid;
		c->cap_permitted &= old->cap_permitted;
	}
	c->suid = c->fsuid = c->euid;
	c->sgid = c->fsgid = c->egid;
	if (setid || has_fcaps)
		c->cap_ambient = 0;
	c->cap_permitted |= c->cap_ambient;
	c->cap_effective = effective ? c->cap_permitted : c->cap_ambient;
	c->securebits &= ~SECBIT_KEEP_CAPS;
	*secure = setid || (c->uid != root && (effective || !subset(c->cap_permitted, c->cap_ambient)));
	return c;
}
