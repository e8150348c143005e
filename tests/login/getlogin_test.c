/*
 * getlogin_test.c - our libc's getlogin/getlogin_r, run under
 * qemu-riscv64: the name comes from the utmp record of the terminal on
 * standard input, and from nowhere else (not LOGNAME).  The utmp file is
 * a scratch one (utmpname), argv[1].
 */
#include <errno.h>
#include <fcntl.h>
#include <pty.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <utmp.h>

#include "check.h"

static void add_record(const char *line, const char *user, short type)
{
	struct utmp ut;

	memset(&ut, 0, sizeof(ut));
	ut.ut_type = type;
	ut.ut_pid = getpid();
	strncpy(ut.ut_line, line, sizeof(ut.ut_line) - 1);
	strncpy(ut.ut_user, user, sizeof(ut.ut_user) - 1);
	setutent();
	pututline(&ut);
	endutent();
}

int main(int argc, char **argv)
{
	char name[64], tty[64], small[3];
	int master, slave, fd, err;

	if (argc != 2)
		return 2;
	/* pututline, as glibc's, writes only to a file that exists. */
	close(open(argv[1], O_WRONLY | O_CREAT, 0644));
	utmpname(argv[1]);
	setenv("LOGNAME", "fromenv", 1);
	fd = open("/dev/null", O_RDONLY);
	dup2(fd, 0);
	check("getlogin-not-a-tty", getlogin_r(name, sizeof(name)) == ENOTTY,
	      "stdin /dev/null");
	if (openpty(&master, &slave, tty, NULL, NULL) < 0) {
		check("getlogin-pty", 0, "openpty: %s", strerror(errno));
		return 0;
	}
	dup2(slave, 0);
	check("getlogin-no-record", getlogin_r(name, sizeof(name)) == ENOENT &&
	      getlogin() == NULL && errno == ENOENT, "found a name");
	add_record("tty9", "bob", USER_PROCESS);
	add_record(tty + strlen("/dev/"), "alice", USER_PROCESS);
	name[0] = '\0';
	err = getlogin_r(name, sizeof(name));
	check("getlogin-r-from-utmp", err == 0 && strcmp(name, "alice") == 0,
	      "error %d, name %s", err, name);
	check("getlogin-from-utmp", getlogin() && strcmp(getlogin(), "alice") == 0,
	      "getlogin failed");
	check("getlogin-r-erange", getlogin_r(small, sizeof(small)) == ERANGE,
	      "a 5-letter name fit in 3 bytes");
	return 0;
}
