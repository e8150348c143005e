/*
 * who: the users logged in now, one line each, from the utmp file (or the
 * file named), as coreutils prints them:
 *   alice    tty1         2026-12-06 23:02
 *   bob      pts/0        2026-12-06 23:10 (10.0.0.2)
 * -q prints only the names and their count.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "accounts.h"
#include "logins.h"

static void
usage(void)
{
	fprintf(stderr, "usage: who [-q] [file]\n");
	exit(1);
}

static void
print_login(const struct utmp *r)
{
	char user[UT_NAMESIZE + 1], line[UT_LINESIZE + 1];
	char host[UT_HOSTSIZE + 1], when[32];
	time_t t = r->ut_tv.tv_sec;

	record_field(user, r->ut_user, sizeof(r->ut_user));
	record_field(line, r->ut_line, sizeof(r->ut_line));
	record_field(host, r->ut_host, sizeof(r->ut_host));
	strftime(when, sizeof(when), "%Y-%m-%d %H:%M", localtime(&t));
	printf("%-8s %-12s %s", user, line, when);
	if (host[0])
		printf(" (%s)", host);
	putchar('\n');
}

/* -q: "alice bob" and "# users=2". */
static void
print_names(const struct utmp *records, int n)
{
	char user[UT_NAMESIZE + 1];
	int users = 0;

	for (int i = 0; i < n; i++) {
		if (!is_login(&records[i]))
			continue;
		record_field(user, records[i].ut_user, sizeof(records[i].ut_user));
		printf("%s%s", users++ ? " " : "", user);
	}
	printf("\n# users=%d\n", users);
}

int
main(int argc, char *argv[])
{
	const char *path = sys_path(_PATH_UTMP);
	struct utmp *records;
	int quick = 0, c, n;

	while ((c = getopt(argc, argv, "q")) != -1) {
		if (c != 'q')
			usage();
		quick = 1;
	}
	if (argc - optind > 1)
		usage();
	if (optind < argc)
		path = argv[optind];
	n = read_records(path, &records);
	if (n < 0) {
		fprintf(stderr, "who: %s: %s\n", path, strerror(errno));
		return 1;
	}
	if (quick) {
		print_names(records, n);
	} else {
		for (int i = 0; i < n; i++)
			if (is_login(&records[i]))
				print_login(&records[i]);
	}
	free(records);
	return 0;
}
