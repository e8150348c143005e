/*
 * logins.c - login records in memory and their times as text (logins.h).
 * The records are read through the C library's utmp functions, ours in
 * the guest and glibc's natively: the files are the same bytes.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "logins.h"

#define SECONDS_PER_MINUTE 60
#define SECONDS_PER_HOUR 3600
#define SECONDS_PER_DAY 86400

int
read_records(const char *path, struct utmp **records)
{
	struct utmp *r, *v = NULL;
	int n = 0, room = 0;
	FILE *probe = fopen(path, "r");

	/* setutent cannot say that the file is missing: ask first. */
	if (probe == NULL)
		return -1;
	fclose(probe);
	utmpname(path);
	setutent();
	while ((r = getutent()) != NULL) {
		if (n == room) {
			int more = room ? room * 2 : 64;
			struct utmp *bigger = realloc(v, (size_t)more * sizeof(*v));
			if (bigger == NULL) {
				free(v);
				endutent();
				errno = ENOMEM;
				return -1;
			}
			v = bigger;
			room = more;
		}
		v[n++] = *r;
	}
	endutent();
	*records = v;
	return n;
}

int
is_login(const struct utmp *r)
{
	return r->ut_type == USER_PROCESS && r->ut_user[0] != '\0';
}

int
count_logins(const struct utmp *records, int n)
{
	int users = 0;

	for (int i = 0; i < n; i++)
		users += is_login(&records[i]);
	return users;
}

void
record_field(char *out, const char *field, size_t size)
{
	size_t len = strnlen(field, size);

	memcpy(out, field, len);
	out[len] = '\0';
}

/* "2 days,  3:04", " 3:04" or "5 min", as procps's uptime. */
static size_t
format_up(char *buf, size_t size, long up)
{
	long days = up / SECONDS_PER_DAY;
	long hours = up % SECONDS_PER_DAY / SECONDS_PER_HOUR;
	long minutes = up % SECONDS_PER_HOUR / SECONDS_PER_MINUTE;
	size_t len = 0;

	if (days)
		len = (size_t)snprintf(buf, size, "%ld day%s, ", days,
				       days == 1 ? "" : "s");
	if (len >= size)
		return len;
	if (hours)
		len += (size_t)snprintf(buf + len, size - len, "%2ld:%02ld",
					hours, minutes);
	else
		len += (size_t)snprintf(buf + len, size - len, "%ld min",
					minutes);
	return len;
}

void
format_uptime(char *buf, size_t size, time_t now, long up, int users,
	      const double *load)
{
	char clock[16], upstr[64];
	size_t len;

	strftime(clock, sizeof(clock), "%H:%M:%S", localtime(&now));
	format_up(upstr, sizeof(upstr), up);
	len = (size_t)snprintf(buf, size, " %s up %s", clock, upstr);
	if (users >= 0 && len < size)
		len += (size_t)snprintf(buf + len, size - len, ", %2d user%s",
					users, users == 1 ? "" : "s");
	if (load && len < size)
		snprintf(buf + len, size - len,
			 ",  load average: %.2f, %.2f, %.2f",
			 load[0], load[1], load[2]);
}

void
format_idle(char *buf, size_t size, long seconds)
{
	if (seconds < 0)
		seconds = 0;
	if (seconds < SECONDS_PER_MINUTE)
		snprintf(buf, size, "%ld.00s", seconds);
	else if (seconds < SECONDS_PER_HOUR)
		snprintf(buf, size, "%ld:%02ld", seconds / SECONDS_PER_MINUTE,
			 seconds % SECONDS_PER_MINUTE);
	else if (seconds < SECONDS_PER_DAY)
		snprintf(buf, size, "%ld:%02ldm", seconds / SECONDS_PER_HOUR,
			 seconds % SECONDS_PER_HOUR / SECONDS_PER_MINUTE);
	else
		snprintf(buf, size, "%lddays", seconds / SECONDS_PER_DAY);
}

void
format_session(char *buf, size_t size, long seconds)
{
	long days, hours, minutes;

	if (seconds < 0)
		seconds = 0;
	days = seconds / SECONDS_PER_DAY;
	hours = seconds % SECONDS_PER_DAY / SECONDS_PER_HOUR;
	minutes = seconds % SECONDS_PER_HOUR / SECONDS_PER_MINUTE;
	if (days)
		snprintf(buf, size, "(%ld+%02ld:%02ld)", days, hours, minutes);
	else
		snprintf(buf, size, "(%02ld:%02ld)", hours, minutes);
}
