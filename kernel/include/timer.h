/* Time: the monotonic clock from the time CSR, the wall clock from the RTC
 * at boot, and sleeping until a deadline (timer.c). */
#ifndef KERNEL_TIMER_H
#define KERNEL_TIMER_H

#include "types.h"
#include "list.h"

/* The scheduler tick: HZ a second.  Task times (utime, stime) are counted
 * in ticks, and user space sees them in these units too (times(2),
 * /proc/PID/stat), told through AT_CLKTCK. */
#define HZ		100
#define NSEC_PER_SEC	1000000000ull
#define USEC_PER_SEC	1000000ull
#define TICK_NSEC	(NSEC_PER_SEC / HZ)

void timer_init(void);
void timer_init_hart(void);
void timer_interrupt(unsigned long pc, bool from_user);
/* Tickless idle, around the idle loop's wfi (interrupts off): enter stops
 * this hart's scheduler tick, so it wakes only for a deadline someone asked
 * for (a sleeper, a kernel timer, a profiler sample) or an interrupt; exit
 * counts the ticks slept through as idle time and starts the tick again. */
void timer_idle_enter(void);
void timer_idle_exit(void);
uint64_t timer_now_ns(void);		/* CLOCK_MONOTONIC */
uint64_t realtime_ns(void);		/* CLOCK_REALTIME */
/* Copy a timespec from user space and check it (0 <= tv_nsec < 1 s,
 * tv_sec >= 0): 0, -EFAULT or -EINVAL. */
int timespec_from_user(struct timespec64 *ts, const struct timespec64 __user *uts);
static inline uint64_t timespec_to_ns(const struct timespec64 *ts)
{
	return ts->tv_sec * NSEC_PER_SEC + ts->tv_nsec;
}
/* Sleep until the monotonic deadline: 0, or -EINTR on a signal. */
int sleep_until(uint64_t deadline_ns, bool interruptible);
/* Sleep in the state the caller set until woken or the deadline. */
void schedule_until(uint64_t deadline_ns);


/* A callback at a monotonic deadline, run from the timer interrupt. */
/*
 * A kernel timer: fn runs in the timer interrupt of some hart once the
 * deadline passes, and returns the next deadline (0: done) to be re-armed
 * with, unless the timer was armed or cancelled while fn ran.
 * ktimer_cancel returns only when fn is not running anywhere, so the
 * timer's memory may be freed after it.
 */
struct ktimer {
	uint64_t deadline;		/* ns */
	uint64_t (*fn)(struct ktimer *t);
	bool armed;			/* in the list */
	bool running;			/* fn is running on some hart */
	unsigned int seq;		/* bumped by every arm and cancel */
	struct list_head link;
};
void ktimer_arm(struct ktimer *t, uint64_t deadline_ns);
void ktimer_cancel(struct ktimer *t);

#endif
