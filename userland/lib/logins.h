/*
 * logins: what who, w, last and uptime share: the records of a utmp or
 * wtmp file (utmp.h) read into memory, and the ways those programs print
 * times and durations.
 */
#ifndef LOGINS_H
#define LOGINS_H

#include <stddef.h>
#include <time.h>
#include <utmp.h>

/* Every record of path (a utmp or wtmp file), oldest first, in a malloc'd
 * array; returns how many (0 for an empty file), or -1 with errno. */
int read_records(const char *path, struct utmp **records);

/* Whether r stands for a logged-in user: USER_PROCESS with a name. */
int is_login(const struct utmp *r);

/* How many logins the records hold. */
int count_logins(const struct utmp *records, int n);

/* A fixed-size field of a record as a string (up to size bytes, which
 * need not end in '\0'); out holds size + 1. */
void record_field(char *out, const char *field, size_t size);

/* uptime's and w's first line, procps's format:
 *   " 10:20:30 up 2 days,  3:04,  2 users,  load average: 0.00, 0.01, 0.05"
 * users < 0 leaves the users out, load NULL the load average. */
void format_uptime(char *buf, size_t size, time_t now, long up, int users,
		   const double *load);

/* w's IDLE column: "12.00s" under a minute, "3:07" (m:ss) under an
 * hour, "2:05m" (h:mm) under a day, "3days" beyond. */
void format_idle(char *buf, size_t size, long seconds);

/* last's session length: "(01:02)", or "(3+01:02)" past a day. */
void format_session(char *buf, size_t size, long seconds);

#endif /* LOGINS_H */
