/*
 * File capabilities (kernel/security/fcaps.c): the security.capability
 * attribute, struct vfs_cap_data of <linux/capability.h>, as Linux keeps
 * it.  Revision 2 holds permitted and inheritable sets and the effective
 * bit; revision 3 adds the root uid of the user namespace it was written
 * in, so that the capabilities count only for that namespace's root and
 * for the namespaces its root owns.  The stored root uid is a uid of the
 * file system's namespace (the initial one).
 */
#ifndef KERNEL_FCAPS_H
#define KERNEL_FCAPS_H

#include "types.h"
#include <linux/capability.h>

struct inode;

struct file_caps {
	uint64_t permitted, inheritable;
	bool effective;			/* VFS_CAP_FLAGS_EFFECTIVE */
};

/* setxattr of security.capability by current: a v2 or v3 value of *size
 * bytes in value (a buffer of at least XATTR_CAPS_SZ_3) made into what is
 * stored: kept as v2 by the initial namespace's CAP_SETFCAP, else v3 with
 * the root uid current names (0 in v2) as a uid of the file system.
 * 0, -EINVAL for a malformed value or an unmapped root, -EPERM without
 * CAP_SETFCAP over the inode. */
int fcaps_convert_for_set(struct inode *in, void *value, size_t *size);

/* getxattr: turn the stored value (len bytes in buf, room for
 * XATTR_CAPS_SZ_3) into what current's namespace sees: v3 with the root
 * uid as it reads there, or v2 when that root is 0 there or an ancestor's
 * root.  Its new length, -EINVAL if malformed, -EOVERFLOW if the root is
 * foreign to current. */
ssize_t fcaps_convert_for_get(void *buf, ssize_t len);

/* The capabilities in's attribute gives current at exec: 0 with *out,
 * -ENODATA when it has none (or none that count in current's namespace),
 * -EINVAL when the attribute is malformed. */
int fcaps_read(struct inode *in, struct file_caps *out);

#endif
