/*
 * mqueue.h - POSIX message queues (mq_overview(7)): descriptors of queues
 * that live in the kernel's mqueue file system, one per IPC namespace.
 * Names are "/name": one leading slash and no other.  struct mq_attr is
 * glibc's (and the kernel's) layout.
 */
#ifndef _MQUEUE_H
#define _MQUEUE_H

#include <sys/cdefs.h>
#include <sys/types.h>
#include <sys/_timespec.h>
#include <fcntl.h>
#include <signal.h>

__BEGIN_DECLS

typedef int mqd_t;

struct mq_attr {
	long mq_flags;		/* 0 or O_NONBLOCK */
	long mq_maxmsg;		/* messages the queue holds */
	long mq_msgsize;	/* the largest message, in bytes */
	long mq_curmsgs;	/* messages queued now */
	long __pad[4];
};

mqd_t mq_open(const char *name, int oflag, ...);
int mq_close(mqd_t mqd);
int mq_unlink(const char *name);
int mq_send(mqd_t mqd, const char *msg, size_t len, unsigned int prio);
int mq_timedsend(mqd_t mqd, const char *msg, size_t len, unsigned int prio,
		 const struct timespec *abs_timeout);
ssize_t mq_receive(mqd_t mqd, char *msg, size_t len, unsigned int *prio);
ssize_t mq_timedreceive(mqd_t mqd, char *msg, size_t len, unsigned int *prio,
			const struct timespec *abs_timeout);
/* SIGEV_SIGNAL and SIGEV_NONE; SIGEV_THREAD fails with ENOSYS (glibc
 * runs it over a netlink socket, which the kernel does not have). */
int mq_notify(mqd_t mqd, const struct sigevent *sev);
int mq_getattr(mqd_t mqd, struct mq_attr *attr);
int mq_setattr(mqd_t mqd, const struct mq_attr *attr, struct mq_attr *old);

__END_DECLS

#endif /* _MQUEUE_H */
