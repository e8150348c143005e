/*
 * idle.c - no periodic tick: a hart with nothing to run sleeps in wfi
 * until the next timer someone asked for.  The per-hart timer counts of
 * /proc/interrupts (the LOC row) are read, this process sleeps one
 * second, and they are read again: with the machine otherwise idle, each
 * hart took at most a few timer interrupts (the sleep's own wake-up, the
 * load average's sample every 5 s), where a periodic tick of even 20 Hz
 * would have given 20.  No verdict depends on time: a busy host only makes
 * the second longer, and without a tick a longer idle time brings no more
 * interrupts.  Only in our kernel (a Linux host is not idle).
 */
#include <time.h>
#include <fcntl.h>
#include "t.h"

#define MAX_CPUS	64
#define IDLE_MAX	10	/* timer interrupts a hart may take in the second */

/* The LOC row's counts into count[]: the number of harts, or -1. */
static int timer_counts(unsigned long *count)
{
	static char buf[16384];
	int fd = open("/proc/interrupts", O_RDONLY);
	ssize_t len = 0, n;
	if (fd < 0)
		return -1;
	while (len < (ssize_t)sizeof(buf) - 1 && (n = read(fd, buf + len, sizeof(buf) - 1 - len)) > 0)
		len += n;
	close(fd);
	buf[len] = 0;
	for (char *line = buf; line; line = strchr(line, '\n'), line = line ? line + 1 : NULL) {
		char *p = line;
		while (*p == ' ')
			p++;
		if (strncmp(p, "LOC:", 4) != 0)
			continue;
		p += 4;
		int ncpu = 0;
		for (;;) {
			char *end;
			unsigned long v = strtoul(p, &end, 10);
			if (end == p || ncpu == MAX_CPUS)
				break;
			count[ncpu++] = v;
			p = end;
		}
		return ncpu;
	}
	return -1;
}

int main(void)
{
	unsigned long before[MAX_CPUS], after[MAX_CPUS];
	int n = timer_counts(before);
	if (!check("idle-loc-row", n > 0, "no LOC row in /proc/interrupts"))
		return 0;
	struct timespec one = { 1, 0 };
	nanosleep(&one, NULL);
	int m = timer_counts(after);
	check("idle-loc-row-again", m == n, "%d harts, then %d", n, m);
	char line[256];
	int len = 0, worst = 0;
	for (int i = 0; i < n && i < m; i++) {
		unsigned long d = after[i] - before[i];
		if ((int)d > worst)
			worst = (int)d;
		len += snprintf(line + len, sizeof(line) - len, " %lu", d);
		if (len >= (int)sizeof(line))
			break;
	}
	t_print("timer interrupts per hart over an idle second:%s", line);
	check("idle-no-tick", worst <= IDLE_MAX, "a hart took %d timer interrupts (at most %d):%s",
	      worst, IDLE_MAX, line);
	return 0;
}
