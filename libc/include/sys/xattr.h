/* sys/xattr.h - extended attributes, as glibc declares them. */
#ifndef _SYS_XATTR_H
#define _SYS_XATTR_H

#include <sys/cdefs.h>
#include <sys/types.h>

__BEGIN_DECLS

#define XATTR_CREATE	0x1	/* fail if the attribute exists */
#define XATTR_REPLACE	0x2	/* fail if it does not */

int setxattr(const char *path, const char *name, const void *value, size_t size, int flags);
int lsetxattr(const char *path, const char *name, const void *value, size_t size, int flags);
int fsetxattr(int fd, const char *name, const void *value, size_t size, int flags);
ssize_t getxattr(const char *path, const char *name, void *value, size_t size);
ssize_t lgetxattr(const char *path, const char *name, void *value, size_t size);
ssize_t fgetxattr(int fd, const char *name, void *value, size_t size);
ssize_t listxattr(const char *path, char *list, size_t size);
ssize_t llistxattr(const char *path, char *list, size_t size);
ssize_t flistxattr(int fd, char *list, size_t size);
int removexattr(const char *path, const char *name);
int lremovexattr(const char *path, const char *name);
int fremovexattr(int fd, const char *name);

__END_DECLS

#endif /* _SYS_XATTR_H */
