/*
 * last: the logins recorded in the wtmp file (or -f file), newest first,
 * as util-linux prints them:
 *   alice    pts/0        10.0.0.2         Sun Dec  6 22:00 - 22:31  (00:31)
 *   bob      tty1                          Sun Dec  6 21:40   still logged in
 *   reboot   system boot                   Sun Dec  6 21:39
 *
 *   wtmp begins Sun Dec  6 21:39:02 2026
 * A login ends at the next record of its terminal without a user (the
 * DEAD_PROCESS that login or init writes); one that has none but is
 * older than a reboot ended with the machine ("- crash").  last NAME...
 * shows only those users' logins (and reboots for "reboot").
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "accounts.h"
#include "logins.h"

static void
usage(void)
{
	fprintf(stderr, "usage: last [-f file] [name...]\n");
	exit(1);
}

static char **wanted;
static int nwanted;

static int
is_wanted(const char *user)
{
	if (nwanted == 0)
		return 1;
	for (int i = 0; i < nwanted; i++)
		if (strcmp(wanted[i], user) == 0)
			return 1;
	return 0;
}

/* The start of a line: user, terminal, host and time of login. */
static void
print_start(const char *user, const char *line, const struct utmp *r)
{
	char host[UT_HOSTSIZE + 1], when[32];
	time_t t = r->ut_tv.tv_sec;

	record_field(host, r->ut_host, sizeof(r->ut_host));
	strftime(when, sizeof(when), "%a %b %e %H:%M", localtime(&t));
	printf("%-8.8s %-12.12s %-16.16s %s", user, line, host, when);
}

/* The logout of login r: the first newer record of its terminal that is
 * not a login; NULL if there is none. */
static const struct utmp *
logout_of(const struct utmp *records, int n, int i)
{
	for (int j = i + 1; j < n; j++) {
		const struct utmp *r = &records[j];
		if (r->ut_type == BOOT_TIME)
			return NULL;
		if (strncmp(r->ut_line, records[i].ut_line, UT_LINESIZE) == 0 &&
		    !is_login(r) &&
		    (r->ut_type == DEAD_PROCESS || r->ut_type == USER_PROCESS))
			return r;
	}
	return NULL;
}

static int
booted_after(const struct utmp *records, int n, int i)
{
	for (int j = i + 1; j < n; j++)
		if (records[j].ut_type == BOOT_TIME)
			return 1;
	return 0;
}

static void
print_session(const struct utmp *records, int n, int i)
{
	const struct utmp *r = &records[i], *end = logout_of(records, n, i);
	char user[UT_NAMESIZE + 1], line[UT_LINESIZE + 1], when[16], len[32];
	time_t t;

	record_field(user, r->ut_user, sizeof(r->ut_user));
	if (!is_wanted(user))
		return;
	record_field(line, r->ut_line, sizeof(r->ut_line));
	print_start(user, line, r);
	if (end) {
		t = end->ut_tv.tv_sec;
		strftime(when, sizeof(when), "%H:%M", localtime(&t));
		format_session(len, sizeof(len),
			       (long)end->ut_tv.tv_sec - r->ut_tv.tv_sec);
		printf(" - %s  %s\n", when, len);
	} else if (booted_after(records, n, i)) {
		printf(" - crash\n");
	} else {
		printf("   still logged in\n");
	}
}

static void
print_boot(const struct utmp *r, int newest)
{
	if (!is_wanted("reboot"))
		return;
	print_start("reboot", "system boot", r);
	printf("%s\n", newest ? "   still running" : "");
}

/* "wtmp begins ...": the oldest record, or the file's time when empty. */
static void
print_begin(const char *path, const struct utmp *records, int n)
{
	const char *slash = strrchr(path, '/');
	char when[64];
	struct stat st;
	time_t t = time(NULL);

	if (n > 0)
		t = records[0].ut_tv.tv_sec;
	else if (stat(path, &st) == 0)
		t = st.st_mtime;
	strftime(when, sizeof(when), "%a %b %e %H:%M:%S %Y", localtime(&t));
	printf("\n%s begins %s\n", slash ? slash + 1 : path, when);
}

int
main(int argc, char *argv[])
{
	const char *path = sys_path(_PATH_WTMP);
	struct utmp *records;
	int c, n, boots = 0;

	while ((c = getopt(argc, argv, "f:")) != -1) {
		if (c != 'f')
			usage();
		path = optarg;
	}
	wanted = argv + optind;
	nwanted = argc - optind;
	n = read_records(path, &records);
	if (n < 0) {
		fprintf(stderr, "last: cannot open %s: %s\n", path, strerror(errno));
		return 1;
	}
	for (int i = n - 1; i >= 0; i--) {
		if (records[i].ut_type == BOOT_TIME)
			print_boot(&records[i], boots++ == 0);
		else if (is_login(&records[i]))
			print_session(records, n, i);
	}
	print_begin(path, records, n);
	free(records);
	return 0;
}
