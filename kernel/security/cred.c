/* Credentials (see cred.h).  root_cred is the boot identity. */
#include "cred.h"
#include "proc.h"
#include "signal.h"
#include "kmalloc.h"
#include "vfs.h"
#include "file.h"
#include <linux/capability.h>
#include <linux/mount.h>

#define CAP_FULL ((1ull << (CAP_LAST_CAP + 1)) - 1)

struct cred root_cred = {
	.refcnt = 1,
	.cap_effective = CAP_FULL,
	.cap_permitted = CAP_FULL,
	.cap_bset = CAP_FULL,
};

struct cred *get_cred(struct cred *c)
{
	__atomic_add_fetch(&c->refcnt, 1, __ATOMIC_RELAXED);
	return c;
}

void put_cred(const struct cred *c)
{
	struct cred *w = (struct cred *)c;	/* the count is not the contents */
	if (__atomic_sub_fetch(&w->refcnt, 1, __ATOMIC_ACQ_REL) == 0 && w != &root_cred)
		kfree(w);
}

struct cred *prepare_creds(void)
{
	struct cred *c = kmalloc(sizeof(*c));
	if (c) {
		*c = *current->cred;
		c->refcnt = 1;
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
	current->cred = c;
	put_cred(old);
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

bool capable(int cap)
{
	return current->cred->cap_effective & (1ull << cap);
}

struct cred *prepare_exec_creds(const struct file *f, bool *secure)
{
	struct cred *c = prepare_creds();
	if (!c)
		return NULL;
	const struct inode *in = f->inode;
	bool nosuid = (f->f_path.mnt->flags & MS_NOSUID) || current->no_new_privs;
	if (!nosuid && (in->mode & S_ISUID))
		c->euid = in->uid;
	if (!nosuid && (in->mode & (S_ISGID | S_IXGRP)) == (S_ISGID | S_IXGRP))
		c->egid = in->gid;
	c->suid = c->fsuid = c->euid;
	c->sgid = c->fsgid = c->egid;
	if (c->uid == 0 || c->euid == 0) {
		c->cap_permitted = c->cap_bset | (c->cap_inheritable & c->cap_bset);
		c->cap_effective = c->euid == 0 ? c->cap_permitted : 0;
		c->cap_ambient = 0;
	} else {
		c->cap_permitted = c->cap_effective = c->cap_ambient;
	}
	*secure = c->euid != c->uid || c->egid != c->gid;
	return c;
}
