/*
 * time.h - picolibc's <time.h> (struct tm, strftime, ...) with the clock
 * ids and TIMER_ABSTIME replaced by Linux's values.
 */
#ifndef _LIBC_TIME_H
#define _LIBC_TIME_H

#include_next <time.h>

#undef CLOCK_REALTIME
#undef CLOCK_MONOTONIC
#undef CLOCK_PROCESS_CPUTIME_ID
#undef CLOCK_THREAD_CPUTIME_ID
#undef CLOCK_MONOTONIC_RAW
#undef CLOCK_REALTIME_COARSE
#undef CLOCK_MONOTONIC_COARSE
#undef CLOCK_BOOTTIME
#undef CLOCK_REALTIME_ALARM
#undef CLOCK_BOOTTIME_ALARM
#undef TIMER_ABSTIME

#define CLOCK_REALTIME            ((clockid_t)0)
#define CLOCK_MONOTONIC           ((clockid_t)1)
#define CLOCK_PROCESS_CPUTIME_ID  ((clockid_t)2)
#define CLOCK_THREAD_CPUTIME_ID   ((clockid_t)3)
#define CLOCK_MONOTONIC_RAW       ((clockid_t)4)
#define CLOCK_REALTIME_COARSE     ((clockid_t)5)
#define CLOCK_MONOTONIC_COARSE    ((clockid_t)6)
#define CLOCK_BOOTTIME            ((clockid_t)7)
#define CLOCK_REALTIME_ALARM      ((clockid_t)8)
#define CLOCK_BOOTTIME_ALARM      ((clockid_t)9)
#define TIMER_ABSTIME             1

__BEGIN_DECLS
int clock_gettime(clockid_t clock, struct timespec *ts);
int clock_settime(clockid_t clock, const struct timespec *ts);
int clock_getres(clockid_t clock, struct timespec *res);
int clock_nanosleep(clockid_t clock, int flags, const struct timespec *req,
		    struct timespec *rem);
int nanosleep(const struct timespec *req, struct timespec *rem);
__END_DECLS

#endif /* _LIBC_TIME_H */
