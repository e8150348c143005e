/*
 * Mutexes and wait queues: the locks that sleep, so they need the scheduler
 * (the spinlock is arch/riscv/spinlock.c).  Each waitqueue's list is
 * guarded by its own spinlock; a mutex is an atomic word and a waitqueue.
 * With lock statistics on, mutex_lock and mutex_unlock time the wait
 * (sleeping included, as Linux counts it) and the hold (lock_stat.h).
 */
#include "lock.h"
#include "proc.h"
#include "printk.h"
#include "riscv.h"
#include "lock_stat.h"

void waitqueue_init(struct waitqueue *wq)
{
	spin_init(&wq->lock, "wq");
	list_init(&wq->waiters);
}

/* Ends with a full fence: the waiter's entry is visible before it tests its
 * condition, so a waker that changed the condition and then found the list
 * empty (wake_up's quick test) cannot have missed it. */
void prepare_to_wait(struct waitqueue *wq, struct wait_entry *w, bool interruptible)
{
	spin_lock(&wq->lock);
	if (list_empty(&w->link)) {
		w->task = current;
		list_add_tail(&w->link, &wq->waiters);
	}
	current->state = interruptible ? TASK_INTERRUPTIBLE : TASK_UNINTERRUPTIBLE;
	spin_unlock(&wq->lock);
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
}

void finish_wait(struct waitqueue *wq, struct wait_entry *w)
{
	current->state = TASK_RUNNING;
	spin_lock(&wq->lock);
	if (!list_empty(&w->link))
		list_del(&w->link);
	spin_unlock(&wq->lock);
}

/* Callers change the condition first; the fence orders that before the
 * test for waiters (see prepare_to_wait), so most wake-ups with nobody
 * waiting take no lock. */
__attribute__((noinline)) void wake_up(struct waitqueue *wq)
{
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	if (list_empty(&wq->waiters))
		return;
	spin_lock(&wq->lock);
	wake_up_locked(wq);
	spin_unlock(&wq->lock);
}

void wake_up_locked(struct waitqueue *wq)
{
	struct wait_entry *w, *n;
	bool exclusive_done = false;
	list_for_each_entry_safe(w, n, &wq->waiters, link) {
		if (!w->func) {
			list_del(&w->link);
			wake_up_task(w->task);
		} else if (!w->exclusive) {
			w->func(w);
		} else if (!exclusive_done) {
			exclusive_done = w->func(w);
		}
	}
}

void wait_entry_add(struct waitqueue *wq, struct wait_entry *w)
{
	spin_lock(&wq->lock);
	list_add_tail(&w->link, &wq->waiters);
	spin_unlock(&wq->lock);
	__atomic_thread_fence(__ATOMIC_SEQ_CST);	/* as prepare_to_wait */
}

void wait_entry_remove(struct waitqueue *wq, struct wait_entry *w)
{
	spin_lock(&wq->lock);
	if (!list_empty(&w->link))
		list_del(&w->link);
	spin_unlock(&wq->lock);
}

void mutex_init(struct mutex *m, const char *name)
{
	m->locked = 0;
	m->owner = NULL;
	m->name = name;
	m->acquired_at = 0;
	waitqueue_init(&m->wq);
}

static __attribute__((noinline, cold)) void mutex_lock_stat(struct mutex *m)
{
	uint64_t start = rdtime();
	bool contended = false;
	while (__atomic_exchange_n(&m->locked, 1, __ATOMIC_ACQUIRE)) {
		contended = true;
		wait_event(m->wq, !__atomic_load_n(&m->locked, __ATOMIC_RELAXED));
	}
	m->owner = current;
	uint64_t now = rdtime();
	m->acquired_at = now;
	lock_stat_acquired(m->name, now - start, contended);
}

/* A held mutex (or lock statistics on): out of line, so that taking a
 * free one is a leaf that saves no registers. */
static __attribute__((noinline, cold)) void mutex_lock_slow(struct mutex *m)
{
	if (lock_stat_enabled) {
		mutex_lock_stat(m);
		return;
	}
	while (__atomic_exchange_n(&m->locked, 1, __ATOMIC_ACQUIRE))
		wait_event(m->wq, !__atomic_load_n(&m->locked, __ATOMIC_RELAXED));
	m->owner = current;
}

void mutex_lock(struct mutex *m)
{
	if (likely(!lock_stat_enabled) && !__atomic_exchange_n(&m->locked, 1, __ATOMIC_ACQUIRE)) {
		m->owner = current;
		return;
	}
	mutex_lock_slow(m);
}

static __attribute__((noinline, cold)) void mutex_unlock_stat(struct mutex *m)
{
	if (m->acquired_at) {
		lock_stat_released(m->name, rdtime() - m->acquired_at);
		m->acquired_at = 0;
	}
	m->owner = NULL;
	__atomic_store_n(&m->locked, 0, __ATOMIC_RELEASE);
	wake_up(&m->wq);
}

void mutex_unlock(struct mutex *m)
{
	if (unlikely(lock_stat_enabled)) {
		mutex_unlock_stat(m);
		return;
	}
	m->owner = NULL;
	__atomic_store_n(&m->locked, 0, __ATOMIC_RELEASE);
	wake_up(&m->wq);
}

bool mutex_holding(struct mutex *m)
{
	return __atomic_load_n(&m->locked, __ATOMIC_RELAXED) && m->owner == current;
}
