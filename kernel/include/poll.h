/*
 * poll support for file operations: a file's poll() returns the POLL*
 * events ready now and calls poll_wait() on each wait queue whose wake_up
 * could change that answer.
 */
#ifndef KERNEL_POLL_H
#define KERNEL_POLL_H

#include "lock.h"
#include <linux/poll.h>

#define POLL_MAX_WAITS 64

struct poll_table {
	int n;
	struct {
		struct waitqueue *wq;
		struct wait_entry w;
	} e[POLL_MAX_WAITS];
};

void poll_wait(struct waitqueue *wq, struct poll_table *pt);

#endif
