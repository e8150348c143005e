/*
 * Capabilities (see cred.h): the checks, whether a cred holds CAP_X in a
 * user namespace (they read only immutable things: creds, and a
 * namespace's parent, level and owner); capget and capset; and the
 * capability prctls.  Changes make a new cred (prepare_creds, then
 * commit_creds), so no lock guards them; capget of another task reads its
 * cred under tasklist_lock.
 */
#include "cred.h"
#include "denials.h"
#include "proc.h"
#include "fs.h"
#include "uaccess.h"
#include <linux/prctl.h>
#include <linux/securebits.h>

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

/* By number, as linux/capability.h spells them, for the denial lines. */
static const char *const cap_names[CAP_LAST_CAP + 1] = {
	"CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH", "CAP_FOWNER", "CAP_FSETID",
	"CAP_KILL", "CAP_SETGID", "CAP_SETUID", "CAP_SETPCAP", "CAP_LINUX_IMMUTABLE",
	"CAP_NET_BIND_SERVICE", "CAP_NET_BROADCAST", "CAP_NET_ADMIN", "CAP_NET_RAW",
	"CAP_IPC_LOCK", "CAP_IPC_OWNER", "CAP_SYS_MODULE", "CAP_SYS_RAWIO", "CAP_SYS_CHROOT",
	"CAP_SYS_PTRACE", "CAP_SYS_PACCT", "CAP_SYS_ADMIN", "CAP_SYS_BOOT", "CAP_SYS_NICE",
	"CAP_SYS_RESOURCE", "CAP_SYS_TIME", "CAP_SYS_TTY_CONFIG", "CAP_MKNOD", "CAP_LEASE",
	"CAP_AUDIT_WRITE", "CAP_AUDIT_CONTROL", "CAP_SETFCAP", "CAP_MAC_OVERRIDE",
	"CAP_MAC_ADMIN", "CAP_SYSLOG", "CAP_WAKE_ALARM", "CAP_BLOCK_SUSPEND", "CAP_AUDIT_READ",
	"CAP_PERFMON", "CAP_BPF", "CAP_CHECKPOINT_RESTORE",
};

bool ns_capable_noaudit(struct user_namespace *ns, int cap)
{
	return cap_capable(current->cred, ns, cap);
}

bool ns_capable(struct user_namespace *ns, int cap)
{
	if (cap_capable(current->cred, ns, cap))
		return true;
	denial_record("cap %s in user ns %u",
		      cap >= 0 && cap <= CAP_LAST_CAP ? cap_names[cap] : "?", ns->ns.inum);
	return false;
}

bool capable(int cap)
{
	return ns_capable(&init_user_ns, cap);
}

struct user_namespace *current_user_ns(void)
{
	return current->cred->user_ns;
}

bool capable_wrt_inode_uidgid_noaudit(const struct inode *in, int cap)
{
	struct user_namespace *ns = current_user_ns();
	return ns_capable_noaudit(ns, cap) && kuid_has_mapping(ns, in->uid) &&
	       kgid_has_mapping(ns, in->gid);
}

bool capable_wrt_inode_uidgid(const struct inode *in, int cap)
{
	struct user_namespace *ns = current_user_ns();
	return ns_capable(ns, cap) && kuid_has_mapping(ns, in->uid) &&
	       kgid_has_mapping(ns, in->gid);
}

/* ---- capget, capset ---- */

/* The number of 32-bit words of each set the header's version carries, or
 * -EINVAL after writing back the version the kernel prefers. */
static int cap_words(struct __user_cap_header_struct __user *h)
{
	uint32_t version;
	if (get_user(version, &h->version))
		return -EFAULT;
	switch (version) {
	case _LINUX_CAPABILITY_VERSION_1:
		return _LINUX_CAPABILITY_U32S_1;
	case _LINUX_CAPABILITY_VERSION_2:
	case _LINUX_CAPABILITY_VERSION_3:
		return _LINUX_CAPABILITY_U32S_3;
	default:
		if (put_user((uint32_t)_LINUX_CAPABILITY_VERSION_3, &h->version))
			return -EFAULT;
		return -EINVAL;
	}
}

long sys_capget(void __user *header, void __user *data)
{
	struct __user_cap_header_struct __user *h = header;
	int words = cap_words(h);
	/* A null data pointer asks only for the version. */
	if (!data)
		return words == -EINVAL ? 0 : words < 0 ? words : 0;
	if (words < 0)
		return words;
	int pid;
	if (get_user(pid, &h->pid))
		return -EFAULT;
	if (pid < 0)
		return -EINVAL;
	uint64_t e, p, i;
	if (pid == 0) {
		const struct cred *c = current->cred;
		e = c->cap_effective, p = c->cap_permitted, i = c->cap_inheritable;
	} else {
		spin_lock(&tasklist_lock);
		struct task *t = find_task_by_vpid(pid);
		if (!t || !t->cred) {
			spin_unlock(&tasklist_lock);
			return -ESRCH;
		}
		e = t->cred->cap_effective, p = t->cred->cap_permitted, i = t->cred->cap_inheritable;
		spin_unlock(&tasklist_lock);
	}
	struct __user_cap_data_struct d[_LINUX_CAPABILITY_U32S_3];
	for (int w = 0; w < words; w++) {
		d[w].effective = (uint32_t)(e >> (32 * w));
		d[w].permitted = (uint32_t)(p >> (32 * w));
		d[w].inheritable = (uint32_t)(i >> (32 * w));
	}
	return copy_to_user(data, d, words * sizeof(d[0])) ? -EFAULT : 0;
}

static bool subset(uint64_t a, uint64_t b)
{
	return !(a & ~b);
}

long sys_capset(void __user *header, const void __user *data)
{
	struct __user_cap_header_struct __user *h = header;
	int words = cap_words(h);
	if (words < 0)
		return words;
	int pid;
	if (get_user(pid, &h->pid))
		return -EFAULT;
	/* Only one's own sets can change. */
	if (pid != 0 && pid != task_pid_vnr(current))
		return -EPERM;
	struct __user_cap_data_struct d[_LINUX_CAPABILITY_U32S_3];
	if (copy_from_user(d, data, words * sizeof(d[0])))
		return -EFAULT;
	uint64_t e = 0, p = 0, i = 0;
	for (int w = 0; w < words; w++) {
		e |= (uint64_t)d[w].effective << (32 * w);
		p |= (uint64_t)d[w].permitted << (32 * w);
		i |= (uint64_t)d[w].inheritable << (32 * w);
	}
	e &= CAP_FULL, p &= CAP_FULL, i &= CAP_FULL;
	const struct cred *old = current->cred;
	/* The inheritable set grows only within the permitted set (without
	 * CAP_SETPCAP) and never beyond the bounding set. */
	if (!cap_capable(old, old->user_ns, CAP_SETPCAP) &&
	    !subset(i, old->cap_inheritable | old->cap_permitted))
		return -EPERM;
	if (!subset(i, old->cap_inheritable | old->cap_bset))
		return -EPERM;
	if (!subset(p, old->cap_permitted) || !subset(e, p))
		return -EPERM;
	struct cred *c = prepare_creds();
	if (!c)
		return -ENOMEM;
	c->cap_effective = e;
	c->cap_permitted = p;
	c->cap_inheritable = i;
	c->cap_ambient &= p & i;
	commit_creds(c);
	return 0;
}

/* ---- prctl ---- */

long cap_prctl(int option, unsigned long arg2, unsigned long arg3, unsigned long arg4,
	       unsigned long arg5)
{
	const struct cred *old = current->cred;
	struct cred *c;
	switch (option) {
	case PR_CAPBSET_READ:
		if (!cap_valid(arg2))
			return -EINVAL;
		return (old->cap_bset >> arg2) & 1;
	case PR_CAPBSET_DROP:
		if (!ns_capable(old->user_ns, CAP_SETPCAP))
			return -EPERM;
		if (!cap_valid(arg2))
			return -EINVAL;
		if (!(old->cap_bset & (1ull << arg2)))
			return 0;	/* gone already: nothing to change */
		return cred_clear_bset(1ull << arg2);
	case PR_GET_SECUREBITS:
		return old->securebits;
	case PR_SET_SECUREBITS:
		/* A locked bit cannot change nor be unlocked; only known bits;
		 * and only with CAP_SETPCAP. */
		if ((((old->securebits & SECURE_ALL_LOCKS) >> 1) & (old->securebits ^ arg2)) ||
		    (old->securebits & SECURE_ALL_LOCKS & ~arg2) ||
		    (arg2 & ~(unsigned long)(SECURE_ALL_LOCKS | SECURE_ALL_BITS)) ||
		    !cap_capable(old, old->user_ns, CAP_SETPCAP))
			return -EPERM;
		if (!(c = prepare_creds()))
			return -ENOMEM;
		c->securebits = arg2;
		commit_creds(c);
		return 0;
	case PR_GET_KEEPCAPS:
		return issecure(old, SECURE_KEEP_CAPS);
	case PR_SET_KEEPCAPS:
		if (arg2 > 1)
			return -EINVAL;
		if (issecure(old, SECURE_KEEP_CAPS_LOCKED))
			return -EPERM;
		if (!(c = prepare_creds()))
			return -ENOMEM;
		if (arg2)
			c->securebits |= SECBIT_KEEP_CAPS;
		else
			c->securebits &= ~SECBIT_KEEP_CAPS;
		commit_creds(c);
		return 0;
	case PR_CAP_AMBIENT:
		if (arg2 == PR_CAP_AMBIENT_CLEAR_ALL) {
			if (arg3 | arg4 | arg5)
				return -EINVAL;
			if (!(c = prepare_creds()))
				return -ENOMEM;
			c->cap_ambient = 0;
			commit_creds(c);
			return 0;
		}
		if (!cap_valid(arg3) || arg4 || arg5)
			return -EINVAL;
		if (arg2 == PR_CAP_AMBIENT_IS_SET)
			return (old->cap_ambient >> arg3) & 1;
		if (arg2 != PR_CAP_AMBIENT_RAISE && arg2 != PR_CAP_AMBIENT_LOWER)
			return -EINVAL;
		/* Only what is both permitted and inheritable may be raised. */
		if (arg2 == PR_CAP_AMBIENT_RAISE &&
		    (!((old->cap_permitted >> arg3) & 1) || !((old->cap_inheritable >> arg3) & 1) ||
		     issecure(old, SECURE_NO_CAP_AMBIENT_RAISE)))
			return -EPERM;
		if (!(c = prepare_creds()))
			return -ENOMEM;
		if (arg2 == PR_CAP_AMBIENT_RAISE)
			c->cap_ambient |= 1ull << arg3;
		else
			c->cap_ambient &= ~(1ull << arg3);
		commit_creds(c);
		return 0;
	default:
		return -EINVAL;
	}
}
