/* sys/uio.h - scatter/gather I/O. */
#ifndef _SYS_UIO_H
#define _SYS_UIO_H

#include <sys/cdefs.h>
#include <sys/types.h>

__BEGIN_DECLS

struct iovec {
	void *iov_base;
	size_t iov_len;
};

#define UIO_MAXIOV 1024

ssize_t readv(int fd, const struct iovec *iov, int count);
ssize_t writev(int fd, const struct iovec *iov, int count);
ssize_t preadv(int fd, const struct iovec *iov, int count, off_t off);
ssize_t pwritev(int fd, const struct iovec *iov, int count, off_t off);

__END_DECLS

#endif /* _SYS_UIO_H */
