/*
 * Changing identity: the set*id family with the POSIX and Linux rules, and
 * the capability changes Linux makes when a uid leaves or reaches 0
 * (without SECBIT_KEEP_CAPS): losing every root uid drops the permitted
 * and effective sets; an effective uid leaving 0 drops the effective set,
 * and one reaching 0 restores it from the permitted set.
 */
#include "proc.h"
#include "cred.h"
#include "uaccess.h"
#include <linux/capability.h>

#define KEEP ((uid_t)-1)

/* User space passes ids as 32-bit unsigned values, zero-extended; the
 * handlers take the register whole and keep the low 32 bits (the calling
 * convention would otherwise assume a sign-extended value). */
#define ID(x) ((uid_t)(x))

static void fix_caps(const struct cred *old, struct cred *c)
{
	bool had_root = old->uid == 0 || old->euid == 0 || old->suid == 0;
	bool has_root = c->uid == 0 || c->euid == 0 || c->suid == 0;
	if (had_root && !has_root) {
		c->cap_permitted = 0;
		c->cap_effective = 0;
		c->cap_ambient = 0;
	}
	if (old->euid == 0 && c->euid != 0)
		c->cap_effective = 0;
	if (old->euid != 0 && c->euid == 0)
		c->cap_effective = c->cap_permitted;
	/* The file-system uid leaving 0 drops the file-system capabilities
	 * from the effective set; reaching 0 restores them. */
	if (old->fsuid == 0 && c->fsuid != 0)
		c->cap_effective &= ~CAP_FS_MASK;
	if (old->fsuid != 0 && c->fsuid == 0)
		c->cap_effective |= c->cap_permitted & CAP_FS_MASK;
}

/* Is id one of the caller's real, effective or saved ids? */
static bool is_own(uid_t id, uid_t r, uid_t e, uid_t s)
{
	return id == r || id == e || id == s;
}

static long set_res_uid(uid_t r, uid_t e, uid_t s)
{
	const struct cred *old = current->cred;
	bool priv = capable(CAP_SETUID);
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
	bool priv = capable(CAP_SETGID);
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

long sys_setresuid(unsigned long r, unsigned long e, unsigned long s)
{
	return set_res_uid(ID(r), ID(e), ID(s));
}
long sys_setresgid(unsigned long r, unsigned long e, unsigned long s)
{
	return set_res_gid(ID(r), ID(e), ID(s));
}

long sys_setuid(unsigned long arg)
{
	uid_t uid = ID(arg);
	const struct cred *c = current->cred;
	if (uid == KEEP)
		return -EINVAL;
	if (capable(CAP_SETUID))
		return set_res_uid(uid, uid, uid);
	if (uid != c->uid && uid != c->suid)
		return -EPERM;
	return set_res_uid(KEEP, uid, KEEP);
}

long sys_setgid(unsigned long arg)
{
	gid_t gid = ID(arg);
	const struct cred *c = current->cred;
	if (gid == KEEP)
		return -EINVAL;
	if (capable(CAP_SETGID))
		return set_res_gid(gid, gid, gid);
	if (gid != c->gid && gid != c->sgid)
		return -EPERM;
	return set_res_gid(KEEP, gid, KEEP);
}

/* setreuid: the saved uid follows the effective one when the real uid is
 * set or the effective one changes to other than the real one. */
long sys_setreuid(unsigned long ra, unsigned long ea)
{
	uid_t r = ID(ra), e = ID(ea);
	const struct cred *c = current->cred;
	bool priv = capable(CAP_SETUID);
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
	gid_t r = ID(ra), e = ID(ea);
	const struct cred *c = current->cred;
	bool priv = capable(CAP_SETGID);
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
	if (put_user(c->uid, r) || put_user(c->euid, e) || put_user(c->suid, s))
		return -EFAULT;
	return 0;
}

long sys_getresgid(gid_t __user *r, gid_t __user *e, gid_t __user *s)
{
	const struct cred *c = current->cred;
	if (put_user(c->gid, r) || put_user(c->egid, e) || put_user(c->sgid, s))
		return -EFAULT;
	return 0;
}

/* setfsuid/setfsgid return the old value whether or not they succeed. */
long sys_setfsuid(unsigned long arg)
{
	uid_t uid = ID(arg);
	const struct cred *old = current->cred;
	uid_t prev = old->fsuid;
	if (uid == KEEP || (!capable(CAP_SETUID) && !is_own(uid, old->uid, old->euid, old->suid) &&
			    uid != old->fsuid))
		return prev;
	struct cred *c = prepare_creds();
	if (c) {
		c->fsuid = uid;
		fix_caps(old, c);
		commit_creds(c);
	}
	return prev;
}

long sys_setfsgid(unsigned long arg)
{
	gid_t gid = ID(arg);
	const struct cred *old = current->cred;
	gid_t prev = old->fsgid;
	if (gid == KEEP || (!capable(CAP_SETGID) && !is_own(gid, old->gid, old->egid, old->sgid) &&
			    gid != old->fsgid))
		return prev;
	struct cred *c = prepare_creds();
	if (c) {
		c->fsgid = gid;
		commit_creds(c);
	}
	return prev;
}
