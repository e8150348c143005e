/* sys/timerfd.h - timers behind file descriptors, as glibc declares them
 * (no TFD_IOC_SET_TICKS: the kernel has no such ioctl). */
#ifndef _SYS_TIMERFD_H
#define _SYS_TIMERFD_H

#include <sys/cdefs.h>
#include <time.h>

__BEGIN_DECLS

#define TFD_CLOEXEC		02000000
#define TFD_NONBLOCK		04000
#define TFD_TIMER_ABSTIME	(1 << 0)
#define TFD_TIMER_CANCEL_ON_SET	(1 << 1)

int timerfd_create(clockid_t clock, int flags);
int timerfd_settime(int fd, int flags, const struct itimerspec *value,
		    struct itimerspec *old);
int timerfd_gettime(int fd, struct itimerspec *value);

__END_DECLS

#endif /* _SYS_TIMERFD_H */
