/*
 * init: the decisions of PID 1 that need no system calls, kept apart so
 * a host test (init_test.c) can check them.  init.c does the rest.
 */
#ifndef INIT_H
#define INIT_H

#include <stddef.h>
#include <time.h>

/*
 * The respawn guard: a program that ends within RESPAWN_FAST_SECONDS of
 * starting RESPAWN_FAST_LIMIT times in a row is started again only after
 * RESPAWN_DELAY seconds, and so on until one run lasts longer.
 */
#define RESPAWN_FAST_SECONDS 1
#define RESPAWN_FAST_LIMIT 3
#define RESPAWN_DELAY 5

/* /etc/inittab: lines "TTY PROGRAM [ARGS...]"; # starts a comment. */
#define INITTAB_MAX_ENTRIES 8
#define INITTAB_MAX_ARGS 15	/* program and arguments */

struct inittab_entry {
	const char *tty;			/* the terminal's device path */
	char *argv[INITTAB_MAX_ARGS + 1];	/* argv[0] is the program */
	int line;				/* where the entry was in the file */
};

/* Told of every line inittab_parse skips, with the reason. */
typedef void inittab_complain_fn(void *ctx, int line, const char *why);

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
 * The run history of one terminal's program: when the last run started
 * and how many runs in a row ended quickly.
 */
struct respawn {
	time_t started;
	unsigned fast_exits;
};

/*
 * Seconds to wait before starting the program again, now that the run
 * that began at r->started ended at ended; updates r->fast_exits.  0
 * normally, RESPAWN_DELAY once RESPAWN_FAST_LIMIT runs in a row ended
 * within RESPAWN_FAST_SECONDS (exec failure, crash loop).
 */
unsigned respawn_delay(struct respawn *r, time_t ended);

/*
 * Parse the text of /etc/inittab in place: words are split at blanks
 * (the text is changed, and the entries point into it).  Blank lines and
 * comments are skipped silently; a malformed line (no program, a terminal
 * or program that is not an absolute path, too many arguments, a terminal
 * named twice, more than max entries) is skipped and told to complain.
 * Returns the number of entries filled.
 */
int inittab_parse(char *text, struct inittab_entry *entries, int max,
    inittab_complain_fn *complain, void *ctx);

#endif
