/*
 * File capabilities: the security.capability attribute checked and
 * converted on its way in (setxattr) and out (getxattr), and read at exec
 * (cred.c's prepare_exec_creds applies it).  See fcaps.h.  Nothing here
 * is shared state: the values live in the file system, the namespaces
 * read are immutable, so no lock is taken here.
 */
#include "fcaps.h"
#include "cred.h"
#include "xattr.h"
#include "string.h"

/* Is the value len bytes of a revision-2 or revision-3 attribute? */
static bool fcaps_v2(const struct vfs_ns_cap_data *c, size_t len)
{
	return len == XATTR_CAPS_SZ_2 &&
	       (c->magic_etc & VFS_CAP_REVISION_MASK) == VFS_CAP_REVISION_2;
}

static bool fcaps_v3(const struct vfs_ns_cap_data *c, size_t len)
{
	return len == XATTR_CAPS_SZ_3 &&
	       (c->magic_etc & VFS_CAP_REVISION_MASK) == VFS_CAP_REVISION_3;
}

/* Is kroot the root of current's namespace or of one above it? */
static bool root_owns_current_ns(uid_t kroot)
{
	for (struct user_namespace *ns = current_user_ns(); ns; ns = ns->parent)
		if (from_kuid(ns, kroot) == 0)
			return true;
	return false;
}

int fcaps_convert_for_set(struct inode *in, void *value, size_t *size)
{
	struct vfs_ns_cap_data *c = value;
	if (!fcaps_v2(c, *size) && !fcaps_v3(c, *size))
		return -EINVAL;
	if (!capable_wrt_inode_uidgid(in, CAP_SETFCAP))
		return -EPERM;
	if (*size == XATTR_CAPS_SZ_2 && capable(CAP_SETFCAP))
		return 0;
	uid_t root = make_kuid(current_user_ns(), *size == XATTR_CAPS_SZ_3 ? c->rootid : 0);
	if (root == INVALID_UID || !kuid_has_mapping(&init_user_ns, root))
		return -EINVAL;
	c->magic_etc = VFS_CAP_REVISION_3 | (c->magic_etc & VFS_CAP_FLAGS_EFFECTIVE);
	c->rootid = root;
	*size = XATTR_CAPS_SZ_3;
	return 0;
}

ssize_t fcaps_convert_for_get(void *buf, ssize_t len)
{
	struct vfs_ns_cap_data *c = buf;
	uid_t kroot;
	if (fcaps_v2(c, len))
		kroot = 0;
	else if (fcaps_v3(c, len))
		kroot = c->rootid;
	else
		return -EINVAL;
	uid_t mapped = from_kuid(current_user_ns(), kroot);
	if (mapped != INVALID_UID && mapped != 0) {
		c->magic_etc = VFS_CAP_REVISION_3 | (c->magic_etc & VFS_CAP_FLAGS_EFFECTIVE);
		c->rootid = mapped;
		return XATTR_CAPS_SZ_3;
	}
	if (!root_owns_current_ns(kroot))
		return -EOVERFLOW;
	c->magic_etc = VFS_CAP_REVISION_2 | (c->magic_etc & VFS_CAP_FLAGS_EFFECTIVE);
	return XATTR_CAPS_SZ_2;
}

int fcaps_read(struct inode *in, struct file_caps *out)
{
	struct vfs_ns_cap_data c;
	ssize_t len = vfs_getxattr_kernel(in, XATTR_INDEX_SECURITY, XATTR_CAPS_SUFFIX,
					  &c, sizeof(c));
	if (len == -ENODATA || len == -EOPNOTSUPP)
		return -ENODATA;
	if (len == -ERANGE)
		return -EINVAL;
	if (len < 0)
		return (int)len;
	if (len < (ssize_t)sizeof(c.magic_etc))
		return -EINVAL;
	uid_t kroot = 0;
	switch (c.magic_etc & VFS_CAP_REVISION_MASK) {
	case VFS_CAP_REVISION_1:
		if (len != XATTR_CAPS_SZ_1)
			return -EINVAL;
		c.data[1].permitted = c.data[1].inheritable = 0;
		break;
	case VFS_CAP_REVISION_2:
		if (len != XATTR_CAPS_SZ_2)
			return -EINVAL;
		break;
	case VFS_CAP_REVISION_3:
		if (len != XATTR_CAPS_SZ_3)
			return -EINVAL;
		kroot = c.rootid;
		break;
	default:
		return -EINVAL;
	}
	/* Capabilities written for another namespace's root do not count. */
	if (!root_owns_current_ns(kroot))
		return -ENODATA;
	out->permitted = (c.data[0].permitted | (uint64_t)c.data[1].permitted << 32) & CAP_FULL;
	out->inheritable = (c.data[0].inheritable | (uint64_t)c.data[1].inheritable << 32) &
			   CAP_FULL;
	out->effective = c.magic_etc & VFS_CAP_FLAGS_EFFECTIVE;
	return 0;
}
