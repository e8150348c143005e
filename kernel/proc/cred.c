/* Credentials (see cred.h).  root_cred is the boot identity. */
#include "cred.h"
#include "proc.h"
#include "signal.h"
#include "kmalloc.h"
#include <linux/capability.h>

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

void put_cred(struct cred *c)
{
	if (__atomic_sub_fetch(&c->refcnt, 1, __ATOMIC_ACQ_REL) == 0 && c != &root_cred)
		kfree(c);
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
