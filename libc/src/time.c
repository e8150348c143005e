/*
 * time.c - clocks and sleeping.  picolibc's time() and clock() build on
 * gettimeofday() and times(), which are the system calls here.
 */
#include <errno.h>
#include <time.h>
#include <unistd.h>
#include <poll.h>
#include <signal.h>
#include <sys/select.h>
#include <sys/time.h>
#include "syscall.h"

int clock_gettime(clockid_t clock, struct timespec *ts)
{
	return SC2(SYS_clock_gettime, clock, ts);
}

int clock_settime(clockid_t clock, const struct timespec *ts)
{
	return SC2(SYS_clock_settime, clock, ts);
}

int clock_getres(clockid_t clock, struct timespec *res)
{
	return SC2(SYS_clock_getres, clock, res);
}

/* Returns the error number itself, as POSIX specifies. */
int clock_nanosleep(clockid_t clock, int flags, const struct timespec *req,
		    struct timespec *rem)
{
	return (int)-__syscall4(SYS_clock_nanosleep, clock, flags, (long)req,
				(long)rem);
}

int nanosleep(const struct timespec *req, struct timespec *rem)
{
	return SC4(SYS_clock_nanosleep, CLOCK_REALTIME, 0, req, rem);
}

int gettimeofday(struct timeval *tv, void *tz)
{
	struct timespec ts;

	(void)tz;
	if (clock_gettime(CLOCK_REALTIME, &ts) < 0)
		return -1;
	tv->tv_sec = ts.tv_sec;
	tv->tv_usec = ts.tv_nsec / 1000;
	return 0;
}

int settimeofday(const struct timeval *tv, const struct timezone *tz)
{
	struct timespec ts;

	(void)tz;
	ts.tv_sec = tv->tv_sec;
	ts.tv_nsec = tv->tv_usec * 1000;
	return clock_settime(CLOCK_REALTIME, &ts);
}

unsigned int sleep(unsigned int seconds)
{
	struct timespec req = { .tv_sec = seconds }, rem = { 0 };

	if (nanosleep(&req, &rem) < 0)
		return (unsigned int)rem.tv_sec + (rem.tv_nsec ? 1 : 0);
	return 0;
}

int usleep(useconds_t usec)
{
	struct timespec req;

	req.tv_sec = usec / 1000000;
	req.tv_nsec = (long)(usec % 1000000) * 1000;
	return nanosleep(&req, 0);
}

int ppoll(struct pollfd *fds, nfds_t nfds, const struct timespec *timeout,
	  const sigset_t *mask)
{
	return SC5(SYS_ppoll, fds, nfds, timeout, mask, KERNEL_SIGSET_SIZE);
}

int poll(struct pollfd *fds, nfds_t nfds, int timeout)
{
	struct timespec ts;

	if (timeout < 0)
		return ppoll(fds, nfds, 0, 0);
	ts.tv_sec = timeout / 1000;
	ts.tv_nsec = (long)(timeout % 1000) * 1000000;
	return ppoll(fds, nfds, &ts, 0);
}

int pselect(int nfds, fd_set *r, fd_set *w, fd_set *e,
	    const struct timespec *timeout, const sigset_t *mask)
{
	/* pselect6 takes the mask as { pointer, size } */
	long sigdata[2] = { (long)mask, KERNEL_SIGSET_SIZE };
	struct timespec ts, *tp = 0;

	if (timeout) {
		ts = *timeout;
		tp = &ts;
	}
	return SC6(SYS_pselect6, nfds, r, w, e, tp, mask ? sigdata : 0);
}

int select(int nfds, fd_set *r, fd_set *w, fd_set *e, struct timeval *tv)
{
	struct timespec ts, *tp = 0;
	long n;

	if (tv) {
		ts.tv_sec = tv->tv_sec;
		ts.tv_nsec = tv->tv_usec * 1000;
		tp = &ts;
	}
	n = SC6(SYS_pselect6, nfds, r, w, e, tp, 0);
	if (tv && n >= 0) {
		tv->tv_sec = ts.tv_sec;
		tv->tv_usec = ts.tv_nsec / 1000;
	}
	return (int)n;
}

/* Processor time in CLOCKS_PER_SEC (microsecond) units. */
clock_t clock(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts) < 0)
		return (clock_t)-1;
	return (clock_t)(ts.tv_sec * (CLOCKS_PER_SEC) +
			 ts.tv_nsec / (1000000000L / CLOCKS_PER_SEC));
}
