/*
 * Changing identity: the set*id family with the POSIX and Linux rules, and
 * the capability changes Linux makes when a uid leaves or reaches 0 (see
 * fix_caps; the securebits SECBIT_NO_SETUID_FIXUP and SECBIT_KEEP_CAPS
 * change them).
 */
#include "proc.h"
#include "cred.h"
#include "uaccess.h"
#include <linux/capability.h>
#include <linux/securebits.h>

#define KEEP ((uid_t)-1)

/* User space passes ids as 32-bit unsigned values, zero-extended; the
 * handlers take the register whole and keep the low 32 bits (the calling
 * convention would otherwise assume a sign-extended value). */
#define ID(x) ((uid_t)(x))

/* After a change of the real, effective or saved uid (Linux's
 * cap_emulate_setxuid), unless SECBIT_NO_SETUID_FIXUP: losing every root
 * uid clears the ambient set, and the permitted and effective sets unless
 * SECBIT_KEEP_CAPS; the effective uid leaving root clears the effective
 * set, reaching it restores the effective set from the permitted one. */
static void fix_caps(const struct cred *old, struct cred *c)
{
	if (issecure(old, SECURE_NO_SETUID_FIXUP))
		return;
	uid_t root = make_kuid(old->user_ns, 0);	/* INVALID_UID: no root */
	bool had_root = old->uid == root || old->euid == root || old->suid == root;
	bool has_root = c->uid == root || c->euid == root || c->suid == root;
	if (had_root && !has_root) {
		if (!issecure(old, SECURE_KEEP_CAPS)) {
			c->cap_permitted = 0;
			c->cap_effective = 0;
		}
		c->cap_ambient = 0;
	}
	if (old->euid == root && c->euid != root)
		c->cap_effective = 0;
	if (old->euid != root && c->euid == root)
		c->cap_effective = c->cap_permitted;
}

/* After setfsuid: the file-system uid leaving root drops the file-system
 * capabilities from the effective set; reaching it restores them. */
static void fix_fs_caps(const struct cred *old, struct cred *c)
{
	if (issecure(old, SECURE_NO_SETUID_FIXUP))
		return;
	uid_t root = make_kuid(old->user_ns, 0);
	if (old->fsuid == root && c->fsuid != root)
		c->cap_effective &= ~CAP_FS_MASK;
	if (old->fsuid != root && c->fsuid == root)
		c->cap_effective |= c->cap_permitted & CAP_FS_MASK;
}

/* Is id one of the caller's real, effective or saved ids? */
static bool is_own(uid_t id, uid_t r, uid_t e, uid_t s)
{
	return id == r || id == e || id == s;
}

/* An id named by the caller as a kernel id: KEEP stays KEEP; *bad is set
 * when one has no mapping. */
static uid_t kuid_arg(unsigned long arg, bool *bad)
{
	uid_t id = ID(arg);
	if (id == KEEP)
		return KEEP;
	uid_t kid = make_kuid(current_user_ns(), id);
	if (kid == INVALID_UID)
		*bad = true;
	return kid;
}

static gid_t kgid_arg(unsigned long arg, bool *bad)
{
	gid_t id = ID(arg);
	if (id == KEEP)
		return KEEP;
	gid_t kid = make_kgid(current_user_ns(), id);
	if (kid == INVALID_GID)
		*bad = true;
	return kid;
}

/* set_res_uid and set_res_gid take kernel ids (KEEP: unchanged). */
static long set_res_uid(uid_t r, uid_t e, uid_t s)
{
	const struct cred *old = current->cred;
	bool priv = ns_capable(old->user_ns, CAP_SETUID);
	uid_t ids[3] = { r, e, s };
	for (int i = 0; i < 3; i++) {
		if (ids[i] == KEEP || priv)
			continue;
		if (!is_own(ids[i], old->uid, old->euid, old->suid))
			return -EPERM;
	}
	struct cred *c = prepare_creds();
	if (!c)
		return -ENOMEM;
	if (r != KEEP)
		c->uid = r;
	if (e != KEEP)
		c->euid = e;
	if (s != KEEP)
		c->suid = s;
	c->fsuid = c->euid;
	fix_caps(old, c);
	commit_creds(c);
	return 0;
}

static long set_res_gid(gid_t r, gid_t e, gid_t s)
{
	const struct cred *old = current->cred;
	bool priv = ns_capable(old->user_ns, CAP_SETGID);
	gid_t ids[3] = { r, e, s };
	for (int i = 0; i < 3; i++)
		if (ids[i] != KEEP && !priv && !is_own(ids[i], old->gid, old->egid, old->sgid))
			return -EPERM;
	struct cred *c = prepare_creds();
	if (!c)
		return -ENOMEM;
	if (r != KEEP)
		c->gid = r;
	if (e != KEEP)
		c->egid = e;
	if (s != KEEP)
		c->sgid = s;
	c->fsgid = c->egid;
	commit_creds(c);
	return 0;
}

long sys_setresuid(unsigned long ra, unsigned long ea, unsigned long sa)
{
	bool bad = false;
	uid_t r = kuid_arg(ra, &bad), e = kuid_arg(ea, &bad), s = kuid_arg(sa, &bad);
	return bad ? -EINVAL : set_res_uid(r, e, s);
}
long sys_setresgid(unsigned long ra, unsigned long ea, unsigned long sa)
{
	bool bad = false;
	gid_t r = kgid_arg(ra, &bad), e = kgid_arg(ea, &bad), s = kgid_arg(sa, &bad);
	return bad ? -EINVAL : set_res_gid(r, e, s);
}

long sys_setuid(unsigned long arg)
{
	bool bad = false;
	uid_t uid = kuid_arg(arg, &bad);
	const struct cred *c = current->cred;
	if (bad || uid == KEEP)
		return -EINVAL;
	if (ns_capable(c->user_ns, CAP_SETUID))
		return set_res_uid(uid, uid, uid);
	if (uid != c->uid && uid != c->suid)
		return -EPERM;
	return set_res_uid(KEEP, uid, KEEP);
}

long sys_setgid(unsigned long arg)
{
	bool bad = false;
	gid_t gid = kgid_arg(arg, &bad);
	const struct cred *c = current->cred;
	if (bad || gid == KEEP)
		return -EINVAL;
	if (ns_capable(c->user_ns, CAP_SETGID))
		return set_res_gid(gid, gid, gid);
	if (gid != c->gid && gid != c->sgid)
		return -EPERM;
	return set_res_gid(KEEP, gid, KEEP);
}

/* setreuid: the saved uid follows the effective one when the real uid is
 * set or the effective one changes to other than the real one. */
long sys_setreuid(unsigned long ra, unsigned long ea)
{
	bool bad = false;
	uid_t r = kuid_arg(ra, &bad), e = kuid_arg(ea, &bad);
	const struct cred *c = current->cred;
	bool priv = ns_capable(c->user_ns, CAP_SETUID);
	if (bad)
		return -EINVAL;
	if (!priv && r != KEEP && r != c->uid && r != c->euid)
		return -EPERM;
	if (!priv && e != KEEP && !is_own(e, c->uid, c->euid, c->suid))
		return -EPERM;
	uid_t s = KEEP;
	if (r != KEEP || (e != KEEP && e != c->uid))
		s = e != KEEP ? e : c->euid;
	return set_res_uid(r, e, s);
}

long sys_setregid(unsigned long ra, unsigned long ea)
{
	bool bad = false;
	gid_t r = kgid_arg(ra, &bad), e = kgid_arg(ea, &bad);
	const struct cred *c = current->cred;
	bool priv = ns_capable(c->user_ns, CAP_SETGID);
	if (bad)
		return -EINVAL;
	if (!priv && r != KEEP && r != c->gid && r != c->egid)
		return -EPERM;
	if (!priv && e != KEEP && !is_own(e, c->gid, c->egid, c->sgid))
		return -EPERM;
	gid_t s = KEEP;
	if (r != KEEP || (e != KEEP && e != c->gid))
		s = e != KEEP ? e : c->egid;
	return set_res_gid(r, e, s);
}

long sys_getresuid(uid_t __user *r, uid_t __user *e, uid_t __user *s)
{
	const struct cred *c = current->cred;
	struct user_namespace *ns = c->user_ns;
	if (put_user(from_kuid_munged(ns, c->uid), r) || put_user(from_kuid_munged(ns, c->euid), e) ||
	    put_user(from_kuid_munged(ns, c->suid), s))
		return -EFAULT;
	return 0;
}

long sys_getresgid(gid_t __user *r, gid_t __user *e, gid_t __user *s)
{
	const struct cred *c = current->cred;
	struct user_namespace *ns = c->user_ns;
	if (put_user(from_kgid_munged(ns, c->gid), r) || put_user(from_kgid_munged(ns, c->egid), e) ||
	    put_user(from_kgid_munged(ns, c->sgid), s))
		return -EFAULT;
	return 0;
}

/* setfsuid/setfsgid return the old value whether or not they succeed. */
long sys_setfsuid(unsigned long arg)
{
	bool bad = false;
	uid_t uid = kuid_arg(arg, &bad);
	const struct cred *old = current->cred;
	uid_t prev = from_kuid_munged(old->user_ns, old->fsuid);
	if (bad || uid == KEEP ||
	    (!ns_capable(old->user_ns, CAP_SETUID) && !is_own(uid, old->uid, old->euid, old->suid) &&
	     uid != old->fsuid))
		return prev;
	struct cred *c = prepare_creds();
	if (c) {
		c->fsuid = uid;
		fix_fs_caps(old, c);
		commit_creds(c);
	}
	return prev;
}

long sys_setfsgid(unsigned long arg)
{
	bool bad = false;
	gid_t gid = kgid_arg(arg, &bad);
	const struct cred *old = current->cred;
	gid_t prev = from_kgid_munged(old->user_ns, old->fsgid);
	if (bad || gid == KEEP ||
	    (!ns_capable(old->user_ns, CAP_SETGID) && !is_own(gid, old->gid, old->egid, old->sgid) &&
	     gid != old->fsgid))
		return prev;
	struct cred *c = prepare_creds();
	if (c) {
		c->fsgid = gid;
		commit_creds(c);
	}
	return prev;
}
