/*
 * mqueue.c - POSIX message queues over Linux's mq_* system calls, as
 * glibc does them: the library checks and strips the leading slash of a
 * name, mq_send and mq_receive are the timed calls without a timeout, and
 * mq_getattr/mq_setattr are mq_getsetattr.
 */
#include <errno.h>
#include <mqueue.h>
#include <stdarg.h>
#include <unistd.h>
#include "syscall.h"

mqd_t mq_open(const char *name, int oflag, ...)
{
	mode_t mode = 0;
	struct mq_attr *attr = 0;

	if (name[0] != '/') {
		errno = EINVAL;
		return -1;
	}
	if (oflag & O_CREAT) {
		va_list ap;

		va_start(ap, oflag);
		mode = va_arg(ap, mode_t);
		attr = va_arg(ap, struct mq_attr *);
		va_end(ap);
	}
	return __syscall_ret(__syscall4(SYS_mq_open, (long)(name + 1), oflag, mode, (long)attr));
}

int mq_close(mqd_t mqd)
{
	return close(mqd);
}

int mq_unlink(const char *name)
{
	long r;

	if (name[0] != '/') {
		errno = EINVAL;
		return -1;
	}
	r = __syscall1(SYS_mq_unlink, (long)(name + 1));
	/* The kernel says EPERM for the sticky directory; POSIX wants EACCES. */
	if (r == -EPERM)
		r = -EACCES;
	return __syscall_ret(r);
}

int mq_timedsend(mqd_t mqd, const char *msg, size_t len, unsigned int prio,
		 const struct timespec *abs_timeout)
{
	return __syscall_ret(__syscall5(SYS_mq_timedsend, mqd, (long)msg, len, prio,
					(long)abs_timeout));
}

int mq_send(mqd_t mqd, const char *msg, size_t len, unsigned int prio)
{
	return mq_timedsend(mqd, msg, len, prio, 0);
}

ssize_t mq_timedreceive(mqd_t mqd, char *msg, size_t len, unsigned int *prio,
			const struct timespec *abs_timeout)
{
	return __syscall_ret(__syscall5(SYS_mq_timedreceive, mqd, (long)msg, len, (long)prio,
					(long)abs_timeout));
}

ssize_t mq_receive(mqd_t mqd, char *msg, size_t len, unsigned int *prio)
{
	return mq_timedreceive(mqd, msg, len, prio, 0);
}

int mq_notify(mqd_t mqd, const struct sigevent *sev)
{
	if (sev && sev->sigev_notify == SIGEV_THREAD) {
		errno = ENOSYS;
		return -1;
	}
	return __syscall_ret(__syscall2(SYS_mq_notify, mqd, (long)sev));
}

int mq_getattr(mqd_t mqd, struct mq_attr *attr)
{
	return __syscall_ret(__syscall3(SYS_mq_getsetattr, mqd, 0, (long)attr));
}

int mq_setattr(mqd_t mqd, const struct mq_attr *attr, struct mq_attr *old)
{
	return __syscall_ret(__syscall3(SYS_mq_getsetattr, mqd, (long)attr, (long)old));
}
