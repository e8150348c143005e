/*
 * events.c - waiting for many descriptors: epoll (riscv64 has only
 * epoll_create1 and epoll_pwait/epoll_pwait2 in the kernel: epoll_create
 * and epoll_wait are built on them, as glibc does), eventfd, timerfd and
 * signalfd.
 */
#include <errno.h>
#include <unistd.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/timerfd.h>
#include <sys/signalfd.h>
#include "syscall.h"

int epoll_create1(int flags)
{
	return SC1(SYS_epoll_create1, flags);
}

int epoll_create(int size)
{
	if (size <= 0) {
		errno = EINVAL;
		return -1;
	}
	return epoll_create1(0);
}

int epoll_ctl(int epfd, int op, int fd, struct epoll_event *event)
{
	return SC4(SYS_epoll_ctl, epfd, op, fd, event);
}

int epoll_pwait(int epfd, struct epoll_event *events, int maxevents, int timeout,
		const sigset_t *mask)
{
	return SC6(SYS_epoll_pwait, epfd, events, maxevents, timeout, mask,
		   KERNEL_SIGSET_SIZE);
}

int epoll_wait(int epfd, struct epoll_event *events, int maxevents, int timeout)
{
	return epoll_pwait(epfd, events, maxevents, timeout, 0);
}

int epoll_pwait2(int epfd, struct epoll_event *events, int maxevents,
		 const struct timespec *timeout, const sigset_t *mask)
{
	return SC6(SYS_epoll_pwait2, epfd, events, maxevents, timeout, mask,
		   KERNEL_SIGSET_SIZE);
}

int eventfd(unsigned int count, int flags)
{
	return SC2(SYS_eventfd2, count, flags);
}

int eventfd_read(int fd, eventfd_t *value)
{
	return read(fd, value, sizeof(*value)) == sizeof(*value) ? 0 : -1;
}

int eventfd_write(int fd, eventfd_t value)
{
	return write(fd, &value, sizeof(value)) == sizeof(value) ? 0 : -1;
}

int timerfd_create(clockid_t clock, int flags)
{
	return SC2(SYS_timerfd_create, clock, flags);
}

int timerfd_settime(int fd, int flags, const struct itimerspec *value,
		    struct itimerspec *old)
{
	return SC4(SYS_timerfd_settime, fd, flags, value, old);
}

int timerfd_gettime(int fd, struct itimerspec *value)
{
	return SC2(SYS_timerfd_gettime, fd, value);
}

int signalfd(int fd, const sigset_t *mask, int flags)
{
	return SC4(SYS_signalfd4, fd, mask, KERNEL_SIGSET_SIZE, flags);
}
