/*
 * w: who is logged in and what they are doing, as procps prints it:
 *    23:10:04 up  1:02,  2 users,  load average: 0.00, 0.01, 0.05
 *   USER     TTY      LOGIN@   IDLE WHAT
 *   alice    tty1     22:08    3:07 sh
 * (the load average only when /proc/loadavg exists).  IDLE is the time
 * since the terminal was last read (its access time); WHAT the command
 * line of the terminal's foreground process group.  A program cannot ask
 * another terminal for that group (tcgetpgrp works only on its own), so
 * it comes from the tpgid field of the session leader's /proc/PID/stat.
 * -h leaves the two header lines out.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "accounts.h"
#include "logins.h"

#define CMDLINE_MAX 256
#define STAT_MAX 1024
#define SECONDS_PER_DAY 86400
#define DAYS_PER_WEEK 7
/* /proc/PID/stat: tpgid is the 6th field after the ")" ending comm. */
#define STAT_TPGID_FIELD 6

static void
usage(void)
{
	fprintf(stderr, "usage: w [-h] [user]\n");
	exit(1);
}

static void
print_header(int users)
{
	double up, load[3];
	char line[160];
	int have_load = 0;
	FILE *f = fopen(sys_path("/proc/uptime"), "r");

	if (f == NULL || fscanf(f, "%lf", &up) != 1)
		up = 0;
	if (f)
		fclose(f);
	f = fopen(sys_path("/proc/loadavg"), "r");
	if (f && fscanf(f, "%lf %lf %lf", &load[0], &load[1], &load[2]) == 3)
		have_load = 1;
	if (f)
		fclose(f);
	format_uptime(line, sizeof(line), time(NULL), (long)up, users,
		      have_load ? load : NULL);
	printf("%s\n", line);
	printf("%-8s %-8s %-8s %5s %s\n", "USER", "TTY", "LOGIN@", "IDLE", "WHAT");
}

/* procps's LOGIN@: "22:08" today, "Mon22" this week, else "06Dec26". */
static void
format_login(char *buf, size_t size, time_t login, time_t now)
{
	const char *form = "%d%b%y";

	if (now - login < SECONDS_PER_DAY &&
	    localtime(&now)->tm_yday == localtime(&login)->tm_yday)
		form = "%H:%M";
	else if (now - login < DAYS_PER_WEEK * SECONDS_PER_DAY)
		form = "%a%H";
	strftime(buf, size, form, localtime(&login));
}

/* The foreground process group of pid's terminal, or 0. */
static long
foreground_of(long pid)
{
	char path[64], text[STAT_MAX], *p;
	long tpgid = 0;
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/proc/%ld/stat", pid);
	fd = open(sys_path(path), O_RDONLY);
	if (fd < 0)
		return 0;
	n = read(fd, text, sizeof(text) - 1);
	close(fd);
	if (n <= 0)
		return 0;
	text[n] = '\0';
	p = strrchr(text, ')');
	for (int field = 0; p && field < STAT_TPGID_FIELD; field++)
		p = strchr(p + 1, ' ');
	if (p)
		tpgid = strtol(p + 1, NULL, 10);
	return tpgid > 0 ? tpgid : 0;
}

/* pid's command line, its arguments joined by spaces; 0 or -1. */
static int
command_of(long pid, char *buf, size_t size)
{
	char path[64];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/proc/%ld/cmdline", pid);
	fd = open(sys_path(path), O_RDONLY);
	if (fd < 0)
		return -1;
	n = read(fd, buf, size - 1);
	close(fd);
	if (n <= 0)
		return -1;
	while (n > 0 && buf[n - 1] == '\0')
		n--;
	for (ssize_t i = 0; i < n; i++)
		if (buf[i] == '\0')
			buf[i] = ' ';
	buf[n] = '\0';
	return 0;
}

static void
print_user(const struct utmp *r, time_t now)
{
	char user[UT_NAMESIZE + 1], line[UT_LINESIZE + 1], tty[UT_LINESIZE + 8];
	char login[16], idle[16] = "?", what[CMDLINE_MAX] = "-";
	long fg = foreground_of(r->ut_pid);
	struct stat st;

	record_field(user, r->ut_user, sizeof(r->ut_user));
	record_field(line, r->ut_line, sizeof(r->ut_line));
	format_login(login, sizeof(login), r->ut_tv.tv_sec, now);
	snprintf(tty, sizeof(tty), "/dev/%s", line);
	if (stat(sys_path(tty), &st) == 0)
		format_idle(idle, sizeof(idle), (long)(now - st.st_atime));
	if ((fg == 0 || command_of(fg, what, sizeof(what)) < 0) &&
	    command_of(r->ut_pid, what, sizeof(what)) < 0)
		strcpy(what, "-");
	printf("%-8.8s %-8.8s %-8s %5s %s\n", user, line, login, idle, what);
}

int
main(int argc, char *argv[])
{
	char name[UT_NAMESIZE + 1];
	struct utmp *records;
	int header = 1, c, n;
	time_t now = time(NULL);

	while ((c = getopt(argc, argv, "h")) != -1) {
		if (c != 'h')
			usage();
		header = 0;
	}
	if (argc - optind > 1)
		usage();
	n = read_records(sys_path(_PATH_UTMP), &records);
	if (n < 0) {
		fprintf(stderr, "w: %s: %s\n", sys_path(_PATH_UTMP), strerror(errno));
		return 1;
	}
	if (header)
		print_header(count_logins(records, n));
	for (int i = 0; i < n; i++) {
		if (!is_login(&records[i]))
			continue;
		record_field(name, records[i].ut_user, sizeof(records[i].ut_user));
		if (optind == argc || strcmp(name, argv[optind]) == 0)
			print_user(&records[i], now);
	}
	free(records);
	return 0;
}
