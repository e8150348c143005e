/*
 * ITIMER_REAL (setitimer, getitimer; alarm is setitimer in libc): one
 * kernel timer per process that sends SIGALRM and re-arms itself with the
 * interval.  The timer lives in signal_struct and is cancelled at exit.
 */
#include "proc.h"
#include "signal.h"
#include "timer.h"
#include "uaccess.h"
#include <linux/time.h>

struct itimerval_k {
	struct { long tv_sec, tv_usec; } it_interval, it_value;
};

static uint64_t real_timer_fire(struct ktimer *k)
{
	struct signal_struct *sig = container_of(k, struct signal_struct, real_timer);
	struct task *leader = READ_ONCE(sig->leader);
	if (leader)
		send_signal(leader, SIGALRM);
	return sig->real_interval ? k->deadline + sig->real_interval : 0;
}

static uint64_t tv_to_ns(long sec, long usec)
{
	return sec * 1000000000ull + usec * 1000ull;
}

static void get_real(struct signal_struct *sig, struct itimerval_k *out)
{
	uint64_t now = timer_now_ns();
	uint64_t left = sig->real_timer.armed && sig->real_timer.deadline > now ?
			sig->real_timer.deadline - now : 0;
	out->it_value.tv_sec = left / 1000000000ull;
	out->it_value.tv_usec = left % 1000000000ull / 1000;
	out->it_interval.tv_sec = sig->real_interval / 1000000000ull;
	out->it_interval.tv_usec = sig->real_interval % 1000000000ull / 1000;
}

long sys_getitimer(int which, struct itimerval_k __user *uval)
{
	if (which != ITIMER_REAL)
		return -EINVAL;
	struct itimerval_k v;
	get_real(current->signal, &v);
	return copy_to_user(uval, &v, sizeof(v)) ? -EFAULT : 0;
}

long sys_setitimer(int which, const struct itimerval_k __user *unew,
		   struct itimerval_k __user *uold)
{
	if (which != ITIMER_REAL)
		return -EINVAL;
	struct signal_struct *sig = current->signal;
	struct itimerval_k v, old;
	if (unew && copy_from_user(&v, unew, sizeof(v)))
		return -EFAULT;
	if (unew && (v.it_value.tv_usec < 0 || v.it_value.tv_usec >= 1000000 ||
		     v.it_interval.tv_usec < 0 || v.it_interval.tv_usec >= 1000000 ||
		     v.it_value.tv_sec < 0 || v.it_interval.tv_sec < 0))
		return -EINVAL;
	get_real(sig, &old);
	if (unew) {
		ktimer_cancel(&sig->real_timer);
		sig->real_timer.fn = real_timer_fire;
		sig->leader = current->group_leader;
		sig->real_interval = tv_to_ns(v.it_interval.tv_sec, v.it_interval.tv_usec);
		uint64_t value = tv_to_ns(v.it_value.tv_sec, v.it_value.tv_usec);
		if (value)
			ktimer_arm(&sig->real_timer, timer_now_ns() + value);
	}
	return uold && copy_to_user(uold, &old, sizeof(old)) ? -EFAULT : 0;
}
