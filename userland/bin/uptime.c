/*
 * uptime: " HH:MM:SS up D days, HH:MM,  N users,  load average: 0.00, 0.00,
 * 0.00" from /proc/uptime, the utmp file and /proc/loadavg (the load part
 * is left out when the kernel has no /proc/loadavg, the users when there
 * is no utmp file).  -p prints only "up ...".
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "accounts.h"
#include "logins.h"

/* Logged-in users, from the utmp file; -1 (left out) if unreadable. */
static int
users_now(void)
{
	struct utmp *records;
	int n = read_records(sys_path(_PATH_UTMP), &records), users;

	if (n < 0)
		return -1;
	users = count_logins(records, n);
	free(records);
	return users;
}

int
main(int argc, char *argv[])
{
	double up, load[3];
	int pretty = 0, have_load = 0, c;
	char line[160];
	FILE *f;

	while ((c = getopt(argc, argv, "p")) != -1) {
		if (c != 'p') {
			fprintf(stderr, "usage: uptime [-p]\n");
			return 1;
		}
		pretty = 1;
	}
	if (optind < argc) {
		fprintf(stderr, "usage: uptime [-p]\n");
		return 1;
	}
	f = fopen("/proc/uptime", "r");
	if (f == NULL || fscanf(f, "%lf", &up) != 1) {
		fprintf(stderr, "uptime: /proc/uptime: %s\n", f ? "bad format" : strerror(errno));
		return 1;
	}
	fclose(f);
	f = fopen("/proc/loadavg", "r");
	if (f && fscanf(f, "%lf %lf %lf", &load[0], &load[1], &load[2]) == 3)
		have_load = 1;
	if (f)
		fclose(f);
	format_uptime(line, sizeof(line), time(NULL), (long)up,
		      pretty ? -1 : users_now(), have_load && !pretty ? load : NULL);
	/* -p: only "up ...", without the clock */
	puts(pretty ? strstr(line, "up ") : line);
	return 0;
}
