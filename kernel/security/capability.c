/*
 * Capability checks (see cred.h): whether a cred holds CAP_X in a user
 * namespace.  Reads only immutable things: creds, and a namespace's
 * parent, level and owner.
 */
#include "cred.h"
#include "proc.h"
#include "fs.h"

bool cap_capable(const struct cred *cred, struct user_namespace *ns, int cap)
{
	/* Walk up from ns towards cred's namespace. */
	for (;;) {
		if (ns == cred->user_ns)
			return (cred->cap_effective >> cap) & 1;
		/* cred's namespace is not an ancestor of ns: no power there. */
		if (ns->level <= cred->user_ns->level)
			return false;
		/* The owner of a child of cred's namespace has everything in
		 * it, and so in everything below it. */
		if (ns->parent == cred->user_ns && ns->owner == cred->euid)
			return true;
		ns = ns->parent;
	}
}

bool ns_capable(struct user_namespace *ns, int cap)
{
	return cap_capable(current->cred, ns, cap);
}

bool capable(int cap)
{
	return ns_capable(&init_user_ns, cap);
}

struct user_namespace *current_user_ns(void)
{
	return current->cred->user_ns;
}

bool capable_wrt_inode_uidgid(const struct inode *in, int cap)
{
	struct user_namespace *ns = current_user_ns();
	return ns_capable(ns, cap) && kuid_has_mapping(ns, in->uid) &&
	       kgid_has_mapping(ns, in->gid);
}
