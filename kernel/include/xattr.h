/*
 * Extended attributes: name/value pairs beside a file's data, in
 * namespaces named by a prefix.  kernel/fs/xattr.c owns the system calls
 * and who may do what (Linux's rules); a file system stores them through
 * the getxattr/setxattr/listxattr inode operations (fs.h), keyed by the
 * namespace index below (ext2's on-disk numbers) and the name after the
 * prefix.  File systems without those operations answer -EOPNOTSUPP.
 *
 *   user.*      regular files and directories; the mode bits decide
 *   trusted.*   CAP_SYS_ADMIN to read, list or write
 *   security.*  anyone reads; CAP_SYS_ADMIN writes, except
 *               security.capability: CAP_SETFCAP over the inode
 *               (kernel/security/fcaps.c checks and converts its value)
 */
#ifndef KERNEL_XATTR_H
#define KERNEL_XATTR_H

#include "types.h"
#include <linux/xattr.h>	/* XATTR_CREATE, XATTR_*_PREFIX */
#include <linux/limits.h>	/* XATTR_NAME_MAX, XATTR_SIZE_MAX, XATTR_LIST_MAX */

#define XATTR_INDEX_USER	1
#define XATTR_INDEX_TRUSTED	4
#define XATTR_INDEX_SECURITY	6

#define XATTR_CAPS_SUFFIX	"capability"

struct inode;
struct path;

/* Read an attribute of inode for the kernel (no permission check), with
 * inode->lock taken: its length or -errno, as the getxattr operation. */
ssize_t vfs_getxattr_kernel(struct inode *inode, int index, const char *name,
			    void *buf, size_t size);

/* A write to an open file (file_remove_privs) and chown drop the file's
 * capabilities, as Linux does: 0 or -errno.  Cheap once the inode is
 * known to have none (inode->nosec).  p is where in was reached (its
 * dentry may have gone negative since: an unlinked open file). */
int vfs_remove_fcaps(struct inode *in, const struct path *p);

#endif
