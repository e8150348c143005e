/*
 * init: the decisions of PID 1 that need no system calls, kept apart so
 * a host test (init_test.c) can check them.  init.c does the rest.
 */
#ifndef INIT_H
#define INIT_H

#include <stddef.h>
#include <time.h>

/* A shell that dies sooner than this after starting is restarted late. */
#define RESPAWN_MIN_LIFETIME 2
#define RESPAWN_DELAY 3

/*
 * Take the host name from the text of /etc/hostname: the first line,
 * without surrounding blanks; comment lines (#) and blank lines are
 * skipped.  Returns 0 and fills out, or -1 when there is no name or it
 * does not fit in size bytes.
 */
int hostname_parse(const char *text, char *out, size_t size);

/*
 * Check the arguments the kernel passed to init.  Known runlevel-style
 * words ("single", "S", "1"-"5", "emergency") are accepted and ignored.
 * Returns 0 if all are acceptable, else the index of the first bad one.
 */
int init_args_check(int argc, char *argv[]);

/*
 * Seconds to wait before starting the console program again, given
 * when the last one started and ended: 0 normally, RESPAWN_DELAY when
 * it died too quickly (exec failure, crash loop).
 */
unsigned respawn_delay(time_t started, time_t ended);

#endif
