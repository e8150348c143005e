/*
 * Waiting for readiness, the shape Linux gives it.  A file's poll()
 * returns the POLL* events ready now and calls poll_wait() on each wait
 * queue whose wake_up could change that answer.  poll_wait hands the queue
 * to the table's queue_proc, which says what waiting means for the caller:
 * poll and select (fs/poll.c) queue an entry that wakes the sleeping task;
 * epoll (fs/eventpoll.c) queues a callback entry that stays for as long as
 * the file is watched and moves it onto the epoll's ready list.  A NULL
 * table (or a NULL queue_proc) asks for the events only.
 */
#ifndef KERNEL_POLL_H
#define KERNEL_POLL_H

#include "lock.h"
#include <linux/poll.h>
#include <linux/eventpoll.h>

struct file;
struct poll_table;

typedef void (*poll_queue_proc)(struct waitqueue *wq, struct poll_table *pt);

struct poll_table {
	poll_queue_proc queue_proc;
};

static inline void poll_wait(struct waitqueue *wq, struct poll_table *pt)
{
	if (pt && pt->queue_proc && wq)
		pt->queue_proc(wq, pt);
}

/* f's ready events (registering on pt's queues when pt is given).  Files
 * without a poll operation (regular files, directories) are always ready
 * for reading and writing, as Linux's DEFAULT_POLLMASK. */
unsigned int vfs_poll(struct file *f, struct poll_table *pt);
/* Can f be waited for (has it a poll operation)?  epoll refuses others. */
bool file_can_poll(struct file *f);

#endif
