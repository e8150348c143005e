/*
 * POSIX message queues (ipc/mqueue.c): the "mqueue" file system, one
 * instance per IPC namespace, and the mq_* system calls over it.
 *
 * A queue is a file in its namespace's instance: mq_open finds or makes
 * it there, `ls /dev/mqueue` lists them, reading one gives Linux's
 * "QSIZE:... NOTIFY:... SIGNO:... NOTIFY_PID:..." line, and unlink (or
 * mq_unlink) removes the name; the queue itself goes with its last open
 * descriptor.  Mounting type "mqueue" shows the mounting task's IPC
 * namespace's instance, as on Linux.
 */
#ifndef KERNEL_MQUEUE_H
#define KERNEL_MQUEUE_H

struct ipc_namespace;

/* Limits, as Linux's /proc/sys/fs/mqueue gives them by default: a queue
 * made without attributes gets the defaults; one asking for more than
 * the *_MAX values needs CAP_SYS_RESOURCE, and even then stays within the
 * HARD_* ones.  More than MQ_QUEUES_MAX queues in a namespace need
 * CAP_SYS_RESOURCE too. */
#define MQ_MSG_DEFAULT		10
#define MQ_MSGSIZE_DEFAULT	8192
#define MQ_MSG_MAX		10
#define MQ_MSGSIZE_MAX		8192
#define MQ_HARD_MSGMAX		65536
#define MQ_HARD_MSGSIZEMAX	(16 * 1024 * 1024)
#define MQ_QUEUES_MAX		256
#define MQ_PRIO_MAX		32768

/* Register the file system type and make the initial namespace's
 * instance (boot, before any task runs). */
void mqueue_init(void);
/* Give the initial IPC namespace its instance at boot: 0 or -ENOMEM
 * (another one gets its own at its first use of a queue). */
int mq_init_ns(struct ipc_namespace *ns);
/* The namespace is going: its queues lose their names (each is freed
 * with its last descriptor) and the instance is let go. */
void mq_put_ns(struct ipc_namespace *ns);

#endif
