/*
 * mkutmp FILE TYPE LINE USER HOST TIME [PID]: appends one login record to
 * FILE (created if missing) with the C library's updwtmp, for the checks
 * of who, w and last in tests/utils/accounts.sh.  TYPE is a number
 * (7 USER_PROCESS, 8 DEAD_PROCESS, 2 BOOT_TIME); ut_id is the last four
 * characters of LINE, as login makes it; "-" stands for an empty field.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <utmp.h>

static void
set_field(char *field, size_t size, const char *value)
{
	size_t len = strcmp(value, "-") == 0 ? 0 : strlen(value);

	memset(field, 0, size);
	memcpy(field, value, len < size ? len : size);
}

int
main(int argc, char *argv[])
{
	struct utmp ut;
	size_t len;
	int fd;

	if (argc < 7 || argc > 8) {
		fprintf(stderr, "usage: mkutmp FILE TYPE LINE USER HOST TIME [PID]\n");
		return 2;
	}
	fd = open(argv[1], O_WRONLY | O_CREAT, 0644);
	if (fd < 0) {
		perror(argv[1]);
		return 1;
	}
	close(fd);
	memset(&ut, 0, sizeof(ut));
	ut.ut_type = (short)atoi(argv[2]);
	set_field(ut.ut_line, sizeof(ut.ut_line), argv[3]);
	len = strlen(argv[3]);
	set_field(ut.ut_id, sizeof(ut.ut_id), len > 4 ? argv[3] + len - 4 : argv[3]);
	set_field(ut.ut_user, sizeof(ut.ut_user), argv[4]);
	set_field(ut.ut_host, sizeof(ut.ut_host), argv[5]);
	ut.ut_tv.tv_sec = (int32_t)atol(argv[6]);
	ut.ut_pid = argc > 7 ? atoi(argv[7]) : 0;
	updwtmp(argv[1], &ut);
	return 0;
}
