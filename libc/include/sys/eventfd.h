/* sys/eventfd.h - eventfd counters, as glibc declares them. */
#ifndef _SYS_EVENTFD_H
#define _SYS_EVENTFD_H

#include <sys/cdefs.h>
#include <stdint.h>

__BEGIN_DECLS

#define EFD_SEMAPHORE	1
#define EFD_CLOEXEC	02000000
#define EFD_NONBLOCK	04000

typedef uint64_t eventfd_t;

int eventfd(unsigned int count, int flags);
/* One 8-byte read or write: 0, or -1 with errno. */
int eventfd_read(int fd, eventfd_t *value);
int eventfd_write(int fd, eventfd_t value);

__END_DECLS

#endif /* _SYS_EVENTFD_H */
