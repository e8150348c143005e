/* Extended attributes: thin wrappers over the twelve system calls. */
#include <sys/xattr.h>
#include "syscall.h"

int setxattr(const char *path, const char *name, const void *value, size_t size, int flags)
{
	return SC5(SYS_setxattr, path, name, value, size, flags);
}

int lsetxattr(const char *path, const char *name, const void *value, size_t size, int flags)
{
	return SC5(SYS_lsetxattr, path, name, value, size, flags);
}

int fsetxattr(int fd, const char *name, const void *value, size_t size, int flags)
{
	return SC5(SYS_fsetxattr, fd, name, value, size, flags);
}

ssize_t getxattr(const char *path, const char *name, void *value, size_t size)
{
	return SC4(SYS_getxattr, path, name, value, size);
}

ssize_t lgetxattr(const char *path, const char *name, void *value, size_t size)
{
	return SC4(SYS_lgetxattr, path, name, value, size);
}

ssize_t fgetxattr(int fd, const char *name, void *value, size_t size)
{
	return SC4(SYS_fgetxattr, fd, name, value, size);
}

ssize_t listxattr(const char *path, char *list, size_t size)
{
	return SC3(SYS_listxattr, path, list, size);
}

ssize_t llistxattr(const char *path, char *list, size_t size)
{
	return SC3(SYS_llistxattr, path, list, size);
}

ssize_t flistxattr(int fd, char *list, size_t size)
{
	return SC3(SYS_flistxattr, fd, list, size);
}

int removexattr(const char *path, const char *name)
{
	return SC2(SYS_removexattr, path, name);
}

int lremovexattr(const char *path, const char *name)
{
	return SC2(SYS_lremovexattr, path, name);
}

int fremovexattr(int fd, const char *name)
{
	return SC2(SYS_fremovexattr, fd, name);
}
