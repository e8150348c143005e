/*
 * futex: sleeping on a user-space word.  A word is known by its key: (mm,
 * address) for process-private memory, and for a word in a shared mapping
 * (when the operation lacks FUTEX_PRIVATE_FLAG) its physical address, the
 * same in every process that maps it, so a pshared semaphore or mutex in
 * MAP_SHARED memory wakes across fork.  Waiters are hashed by key;
 * futex_lock guards the hash.  FUTEX_WAIT checks the word under the lock, so
 * a wake between the check and the sleep is never lost.
 */
#include "proc.h"
#include "uaccess.h"
#include "timer.h"
#include "signal.h"
#include "vm.h"
#include <linux/futex.h>

#define FUTEX_BUCKETS 64

/* Who a word is: mm NULL and addr physical for a shared word. */
struct futex_key {
	struct mm *mm;
	unsigned long addr;
};

struct futex_waiter {
	struct mm *mm;
	unsigned long addr;
	struct task *task;
	bool woken;
	struct list_head link;
};

static struct list_head buckets[FUTEX_BUCKETS] = {
	[0 ... FUTEX_BUCKETS - 1] = { NULL, NULL } };
static struct spinlock futex_lock = SPINLOCK_INIT("futex");

static struct list_head *bucket(struct mm *mm, unsigned long addr)
{
	struct list_head *b = &buckets[((addr >> 2) ^ ((uintptr_t)mm >> 6)) % FUTEX_BUCKETS];
	if (!b->next)
		list_init(b);
	return b;
}

/* The key of uaddr: shared only without FUTEX_PRIVATE_FLAG and in a shared
 * mapping (mm_shared_phys takes mm->lock: never under futex_lock). */
static struct futex_key futex_key(unsigned long uaddr, bool private)
{
	struct futex_key key = { current->mm, uaddr };
	unsigned long pa;
	if (!private && current->mm && mm_shared_phys(current->mm, uaddr, &pa))
		key = (struct futex_key){ NULL, pa };
	return key;
}

static int futex_wake(struct futex_key key, int n)
{
	struct mm *mm = key.mm;
	unsigned long addr = key.addr;
	int woken = 0;
	spin_lock(&futex_lock);
	struct list_head *b = bucket(mm, addr);
	struct futex_waiter *w, *tmp;
	list_for_each_entry_safe(w, tmp, b, link) {
		if (woken >= n)
			break;
		if (w->mm != mm || w->addr != addr)
			continue;
		list_del(&w->link);
		w->woken = true;
		wake_up_task(w->task);
		woken++;
	}
	spin_unlock(&futex_lock);
	return woken;
}

void futex_wake_addr(int *uaddr, int n)
{
	futex_wake(futex_key((unsigned long)uaddr, true), n);
}

/*
 * The monotonic deadline of a wait, 0 for none: FUTEX_WAIT's timeout is
 * relative, FUTEX_WAIT_BITSET's absolute on CLOCK_MONOTONIC, or on
 * CLOCK_REALTIME with FUTEX_CLOCK_REALTIME.
 */
static int futex_deadline(const struct timespec64 __user *ut, bool absolute, bool realtime,
			  uint64_t *deadline)
{
	struct timespec64 ts;
	*deadline = 0;
	if (!ut)
		return 0;
	int err = timespec_from_user(&ts, ut);
	if (err)
		return err;
	uint64_t t = timespec_to_ns(&ts), now = timer_now_ns();
	if (!absolute) {
		*deadline = now + t;
	} else if (realtime) {
		uint64_t rt = realtime_ns();
		*deadline = t > rt ? now + (t - rt) : now;
	} else {
		*deadline = t;
	}
	if (!*deadline)
		*deadline = 1;	/* long past, but a deadline */
	return 0;
}

static long futex_wait(uint32_t __user *uaddr, uint32_t val, uint64_t deadline, bool private)
{
	uint32_t cur;
	/* Fault the word in before taking the spinlock. */
	if (__get_user_u32(&cur, uaddr))
		return -EFAULT;
	struct futex_key key = futex_key((unsigned long)uaddr, private);
	struct futex_waiter w = { key.mm, key.addr, current, false, LIST_HEAD_INIT(w.link) };
	spin_lock(&futex_lock);
	if (__get_user_u32(&cur, uaddr)) {
		spin_unlock(&futex_lock);
		return -EFAULT;
	}
	if (cur != val) {
		spin_unlock(&futex_lock);
		return -EAGAIN;
	}
	list_add_tail(&w.link, bucket(w.mm, w.addr));
	current->state = TASK_INTERRUPTIBLE;
	spin_unlock(&futex_lock);
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	long ret = 0;
	if (deadline)
		ret = sleep_until(deadline, true) == 0 && !w.woken ? -ETIMEDOUT : 0;
	else if (!signal_pending_current())
		schedule();
	current->state = TASK_RUNNING;
	spin_lock(&futex_lock);
	if (!w.woken) {
		list_del(&w.link);
		if (!ret)
			ret = signal_pending_current() ? -ERESTARTSYS : 0;
	} else {
		ret = 0;
	}
	spin_unlock(&futex_lock);
	return ret;
}

long sys_futex(uint32_t __user *uaddr, int op, uint32_t val, const struct timespec64 __user *ut,
	       uint32_t __user *uaddr2, uint32_t val3)
{
	uint64_t deadline;
	long err;
	bool realtime = op & FUTEX_CLOCK_REALTIME;
	bool private = op & FUTEX_PRIVATE_FLAG;
	/* The bitsets are not kept: a BITSET wake wakes every waiter on the
	 * word, which futex users must take as a spurious wake-up at worst. */
	switch (op & FUTEX_CMD_MASK) {
	case FUTEX_WAIT:
		if ((err = futex_deadline(ut, false, realtime, &deadline)))
			return err;
		return futex_wait(uaddr, val, deadline, private);
	case FUTEX_WAKE:
		return futex_wake(futex_key((unsigned long)uaddr, private), val);
	case FUTEX_WAIT_BITSET:
		if (!val3)
			return -EINVAL;
		if ((err = futex_deadline(ut, true, realtime, &deadline)))
			return err;
		return futex_wait(uaddr, val, deadline, private);
	case FUTEX_WAKE_BITSET:
		if (!val3)
			return -EINVAL;
		return futex_wake(futex_key((unsigned long)uaddr, private), val);
	}
	return -ENOSYS;
}
