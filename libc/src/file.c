/*
 * file.c - file-descriptor and path system calls.  Each function is the
 * system call of the same name in the *at() form the asm-generic ABI has
 * (there is no open, stat or unlink syscall on riscv64, only openat, ...).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <unistd.h>
#include <utime.h>
#include <sys/file.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/time.h>
#include <sys/uio.h>
#include "syscall.h"

long __syscall_ret(long r)
{
	if (r < 0 && r > -4096) {
		errno = (int)-r;
		return -1;
	}
	return r;
}

/* open(2)'s mode argument is only present with O_CREAT or O_TMPFILE. */
static mode_t open_mode(int flags, va_list ap)
{
	if ((flags & O_CREAT) || (flags & O_TMPFILE) == O_TMPFILE)
		return va_arg(ap, mode_t);
	return 0;
}

int open(const char *path, int flags, ...)
{
	va_list ap;
	mode_t mode;

	va_start(ap, flags);
	mode = open_mode(flags, ap);
	va_end(ap);
	return SC4(SYS_openat, AT_FDCWD, path, flags, mode);
}

int openat(int dirfd, const char *path, int flags, ...)
{
	va_list ap;
	mode_t mode;

	va_start(ap, flags);
	mode = open_mode(flags, ap);
	va_end(ap);
	return SC4(SYS_openat, dirfd, path, flags, mode);
}

int creat(const char *path, mode_t mode)
{
	return open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);
}

int close(int fd)
{
	return SC1(SYS_close, fd);
}

ssize_t read(int fd, void *buf, size_t len)
{
	return SC3(SYS_read, fd, buf, len);
}

ssize_t write(int fd, const void *buf, size_t len)
{
	return SC3(SYS_write, fd, buf, len);
}

ssize_t readv(int fd, const struct iovec *iov, int count)
{
	return SC3(SYS_readv, fd, iov, count);
}

ssize_t writev(int fd, const struct iovec *iov, int count)
{
	return SC3(SYS_writev, fd, iov, count);
}

ssize_t preadv(int fd, const struct iovec *iov, int count, off_t off)
{
	return SC4(SYS_preadv, fd, iov, count, off);
}

ssize_t pwritev(int fd, const struct iovec *iov, int count, off_t off)
{
	return SC4(SYS_pwritev, fd, iov, count, off);
}

ssize_t pread(int fd, void *buf, size_t len, off_t off)
{
	return SC4(SYS_pread64, fd, buf, len, off);
}

ssize_t pwrite(int fd, const void *buf, size_t len, off_t off)
{
	return SC4(SYS_pwrite64, fd, buf, len, off);
}

off_t lseek(int fd, off_t off, int whence)
{
	return SC3(SYS_lseek, fd, off, whence);
}

int stat(const char *path, struct stat *st)
{
	return SC4(SYS_newfstatat, AT_FDCWD, path, st, 0);
}

int lstat(const char *path, struct stat *st)
{
	return SC4(SYS_newfstatat, AT_FDCWD, path, st, AT_SYMLINK_NOFOLLOW);
}

int fstat(int fd, struct stat *st)
{
	return SC2(SYS_fstat, fd, st);
}

int fstatat(int dirfd, const char *path, struct stat *st, int flags)
{
	return SC4(SYS_newfstatat, dirfd, path, st, flags);
}

int access(const char *path, int mode)
{
	return SC3(SYS_faccessat, AT_FDCWD, path, mode);
}

/* faccessat2 knows AT_EACCESS; fall back to faccessat when it is missing. */
int faccessat(int dirfd, const char *path, int mode, int flags)
{
	long r = __syscall4(SYS_faccessat2, dirfd, (long)path, mode, flags);

	if (r == -ENOSYS && flags == 0)
		r = __syscall3(SYS_faccessat, dirfd, (long)path, mode);
	return __syscall_ret(r);
}

int eaccess(const char *path, int mode)
{
	return faccessat(AT_FDCWD, path, mode, AT_EACCESS);
}

int euidaccess(const char *path, int mode)
{
	return eaccess(path, mode);
}

int mkdir(const char *path, mode_t mode)
{
	return SC3(SYS_mkdirat, AT_FDCWD, path, mode);
}

int mkdirat(int dirfd, const char *path, mode_t mode)
{
	return SC3(SYS_mkdirat, dirfd, path, mode);
}

int rmdir(const char *path)
{
	return SC3(SYS_unlinkat, AT_FDCWD, path, AT_REMOVEDIR);
}

int unlink(const char *path)
{
	return SC3(SYS_unlinkat, AT_FDCWD, path, 0);
}

int unlinkat(int dirfd, const char *path, int flags)
{
	return SC3(SYS_unlinkat, dirfd, path, flags);
}

int remove(const char *path)
{
	long r = __syscall3(SYS_unlinkat, AT_FDCWD, (long)path, 0);

	if (r == -EISDIR)
		r = __syscall3(SYS_unlinkat, AT_FDCWD, (long)path, AT_REMOVEDIR);
	return __syscall_ret(r);
}

int rename(const char *from, const char *to)
{
	return SC5(SYS_renameat2, AT_FDCWD, from, AT_FDCWD, to, 0);
}

int renameat(int fromdir, const char *from, int todir, const char *to)
{
	return SC5(SYS_renameat2, fromdir, from, todir, to, 0);
}

int renameat2(int fromdir, const char *from, int todir, const char *to,
	      unsigned int flags)
{
	return SC5(SYS_renameat2, fromdir, from, todir, to, flags);
}

int link(const char *from, const char *to)
{
	return SC5(SYS_linkat, AT_FDCWD, from, AT_FDCWD, to, 0);
}

int linkat(int fromdir, const char *from, int todir, const char *to,
	   int flags)
{
	return SC5(SYS_linkat, fromdir, from, todir, to, flags);
}

int symlink(const char *target, const char *path)
{
	return SC3(SYS_symlinkat, target, AT_FDCWD, path);
}

int symlinkat(const char *target, int dirfd, const char *path)
{
	return SC3(SYS_symlinkat, target, dirfd, path);
}

ssize_t readlink(const char *path, char *buf, size_t len)
{
	return SC4(SYS_readlinkat, AT_FDCWD, path, buf, len);
}

ssize_t readlinkat(int dirfd, const char *path, char *buf, size_t len)
{
	return SC4(SYS_readlinkat, dirfd, path, buf, len);
}

int chmod(const char *path, mode_t mode)
{
	return SC3(SYS_fchmodat, AT_FDCWD, path, mode);
}

int fchmod(int fd, mode_t mode)
{
	return SC2(SYS_fchmod, fd, mode);
}

int fchmodat(int dirfd, const char *path, mode_t mode, int flags)
{
	if (flags & ~AT_SYMLINK_NOFOLLOW) {
		errno = EINVAL;
		return -1;
	}
	if (flags) {
		errno = EOPNOTSUPP;
		return -1;
	}
	return SC3(SYS_fchmodat, dirfd, path, mode);
}

int chown(const char *path, uid_t uid, gid_t gid)
{
	return SC5(SYS_fchownat, AT_FDCWD, path, uid, gid, 0);
}

int lchown(const char *path, uid_t uid, gid_t gid)
{
	return SC5(SYS_fchownat, AT_FDCWD, path, uid, gid, AT_SYMLINK_NOFOLLOW);
}

int fchown(int fd, uid_t uid, gid_t gid)
{
	return SC3(SYS_fchown, fd, uid, gid);
}

int fchownat(int dirfd, const char *path, uid_t uid, gid_t gid, int flags)
{
	return SC5(SYS_fchownat, dirfd, path, uid, gid, flags);
}

int utimensat(int dirfd, const char *path, const struct timespec times[2],
	      int flags)
{
	return SC4(SYS_utimensat, dirfd, path, times, flags);
}

int futimens(int fd, const struct timespec times[2])
{
	return SC4(SYS_utimensat, fd, 0, times, 0);
}

static const struct timespec *timeval_to_timespec(const struct timeval *tv,
						  struct timespec ts[2])
{
	if (!tv)
		return 0;
	ts[0].tv_sec = tv[0].tv_sec;
	ts[0].tv_nsec = tv[0].tv_usec * 1000;
	ts[1].tv_sec = tv[1].tv_sec;
	ts[1].tv_nsec = tv[1].tv_usec * 1000;
	return ts;
}

int utimes(const char *path, const struct timeval tv[2])
{
	struct timespec ts[2];

	return utimensat(AT_FDCWD, path, timeval_to_timespec(tv, ts), 0);
}

int lutimes(const char *path, const struct timeval tv[2])
{
	struct timespec ts[2];

	return utimensat(AT_FDCWD, path, timeval_to_timespec(tv, ts),
			 AT_SYMLINK_NOFOLLOW);
}

int futimes(int fd, const struct timeval tv[2])
{
	struct timespec ts[2];

	return futimens(fd, timeval_to_timespec(tv, ts));
}

int utime(const char *path, const struct utimbuf *times)
{
	struct timespec ts[2];

	if (!times)
		return utimensat(AT_FDCWD, path, 0, 0);
	ts[0].tv_sec = times->actime;
	ts[0].tv_nsec = 0;
	ts[1].tv_sec = times->modtime;
	ts[1].tv_nsec = 0;
	return utimensat(AT_FDCWD, path, ts, 0);
}

int truncate(const char *path, off_t len)
{
	return SC2(SYS_truncate, path, len);
}

int ftruncate(int fd, off_t len)
{
	return SC2(SYS_ftruncate, fd, len);
}

int fsync(int fd)
{
	return SC1(SYS_fsync, fd);
}

int fdatasync(int fd)
{
	return SC1(SYS_fdatasync, fd);
}

void sync(void)
{
	__syscall0(SYS_sync);
}

int syncfs(int fd)
{
	return SC1(SYS_syncfs, fd);
}

int dup(int fd)
{
	return SC1(SYS_dup, fd);
}

/* There is no dup2 syscall on riscv64: dup3 refuses equal fds, dup2 not. */
int dup2(int fd, int newfd)
{
	if (fd == newfd)
		return SC2(SYS_fcntl, fd, F_GETFD) < 0 ? -1 : newfd;
	return SC3(SYS_dup3, fd, newfd, 0);
}

int dup3(int fd, int newfd, int flags)
{
	return SC3(SYS_dup3, fd, newfd, flags);
}

int pipe(int fds[2])
{
	return SC2(SYS_pipe2, fds, 0);
}

int pipe2(int fds[2], int flags)
{
	return SC2(SYS_pipe2, fds, flags);
}

int fcntl(int fd, int cmd, ...)
{
	va_list ap;
	long arg;

	va_start(ap, cmd);
	arg = va_arg(ap, long);
	va_end(ap);
	return SC3(SYS_fcntl, fd, cmd, arg);
}

int ioctl(int fd, unsigned long request, ...)
{
	va_list ap;
	long arg;

	va_start(ap, request);
	arg = va_arg(ap, long);
	va_end(ap);
	return SC3(SYS_ioctl, fd, request, arg);
}

int flock(int fd, int operation)
{
	return SC2(SYS_flock, fd, operation);
}

int chdir(const char *path)
{
	return SC1(SYS_chdir, path);
}

int fchdir(int fd)
{
	return SC1(SYS_fchdir, fd);
}

int chroot(const char *path)
{
	return SC1(SYS_chroot, path);
}

mode_t umask(mode_t mask)
{
	return (mode_t)__syscall1(SYS_umask, mask);
}

int mknod(const char *path, mode_t mode, dev_t dev)
{
	return SC4(SYS_mknodat, AT_FDCWD, path, mode, dev);
}

int mknodat(int dirfd, const char *path, mode_t mode, dev_t dev)
{
	return SC4(SYS_mknodat, dirfd, path, mode, dev);
}

int mkfifo(const char *path, mode_t mode)
{
	return mknod(path, (mode & ~S_IFMT) | S_IFIFO, 0);
}

int statfs(const char *path, struct statfs *buf)
{
	return SC2(SYS_statfs, path, buf);
}

int fstatfs(int fd, struct statfs *buf)
{
	return SC2(SYS_fstatfs, fd, buf);
}
