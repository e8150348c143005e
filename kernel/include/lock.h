/*
 * Locks and wait queues (proc/lock.c; the spinlock is in spinlock.h).
 *
 * mutex: may sleep; for anything that can wait on I/O or user memory.
 * waitqueue: tasks sleeping until a condition becomes true; wake_up() makes
 * every waiter runnable and each re-checks its condition.  An entry may
 * instead carry a callback (epoll's watch on a file): wake_up() calls it
 * with the queue's lock held and interrupts off, and leaves the entry
 * queued until its owner removes it (wait_entry_remove).  Of the callback
 * entries marked exclusive (EPOLLEXCLUSIVE), wake_up() stops calling
 * further ones after the first that says it woke someone.
 */
#ifndef KERNEL_LOCK_H
#define KERNEL_LOCK_H

#include "types.h"
#include "list.h"
#include "spinlock.h"

struct task;

struct waitqueue {
	struct spinlock lock;
	struct list_head waiters;	/* of struct wait_entry */
};
#define WAITQUEUE_INIT(wq) { SPINLOCK_INIT("wq"), LIST_HEAD_INIT((wq).waiters) }

struct wait_entry {
	struct task *task;		/* woken and dequeued, when func is NULL */
	struct list_head link;
	/* Called by wake_up instead; true: it woke a waiter of its own. */
	bool (*func)(struct wait_entry *w);
	bool exclusive;
};

/* A task's entry, for prepare_to_wait. */
#define WAIT_ENTRY_INIT(w, t) { (t), LIST_HEAD_INIT((w).link), NULL, false }

void waitqueue_init(struct waitqueue *wq);
void wake_up(struct waitqueue *wq);
/* The same with wq->lock held by the caller: a waker that sets the
 * condition under the lock too cannot touch wq after the waiter has seen
 * it and gone (finish_wait takes the lock), so the waiter may free the
 * object wq lives in at once (virtio_blk's requests). */
void wake_up_locked(struct waitqueue *wq);
/* Queue a callback entry (w->func set) / take it off again; after
 * wait_entry_remove returns, its callback runs nowhere. */
void wait_entry_add(struct waitqueue *wq, struct wait_entry *w);
void wait_entry_remove(struct waitqueue *wq, struct wait_entry *w);
/* The building blocks of wait_event(): see lock.c. */
void prepare_to_wait(struct waitqueue *wq, struct wait_entry *w, bool interruptible);
void finish_wait(struct waitqueue *wq, struct wait_entry *w);
void schedule(void);
bool signal_pending_current(void);
/* After the schedule() of an interruptible sleep, before the condition is
 * looked at again: a task of a frozen cgroup woken there freezes at once
 * (cgroup/freezer.c), so it takes nothing -- data, a wake-up's event --
 * until it is thawed, as Linux's freezer.  The sleeper holds no lock the
 * waker needs (it could not have been woken otherwise). */
void try_to_freeze(void);

/* Sleep until cond; never interrupted by signals. */
#define wait_event(wq, cond) do {					\
	struct wait_entry __w = WAIT_ENTRY_INIT(__w, NULL);	\
	for (;;) {							\
		prepare_to_wait(&(wq), &__w, false);			\
		if (cond)						\
			break;						\
		schedule();						\
	}								\
	finish_wait(&(wq), &__w);					\
} while (0)

/* Sleep until cond or a signal: 0, or -EINTR (callers restart or not). */
#define wait_event_interruptible(wq, cond) ({				\
	struct wait_entry __w = WAIT_ENTRY_INIT(__w, NULL);	\
	int __ret = 0;							\
	for (;;) {							\
		prepare_to_wait(&(wq), &__w, true);			\
		if (cond)						\
			break;						\
		__atomic_thread_fence(__ATOMIC_SEQ_CST);		\
		if (signal_pending_current()) {				\
			__ret = -EINTR;					\
			break;						\
		}							\
		schedule();						\
		try_to_freeze();					\
	}								\
	finish_wait(&(wq), &__w);					\
	__ret;								\
})

/* A sleeping lock: taking a free mutex or releasing one nobody waits for is
 * one atomic operation; contenders sleep on wq and retry when woken. */
struct mutex {
	int locked;		/* atomic: 1 while held */
	struct task *owner;	/* written by the holder only */
	const char *name;	/* also its lock_stat class (lock_stat.h) */
	struct waitqueue wq;
	uint64_t acquired_at;	/* time CSR when taken, while lock_stat is on */
};

void mutex_init(struct mutex *m, const char *name);
void mutex_lock(struct mutex *m);
void mutex_unlock(struct mutex *m);
bool mutex_holding(struct mutex *m);

#endif
