/*
 * getlogin.c - the name of the user logged in on the controlling
 * terminal: the utmp record of the line standard input is (login writes
 * it), as glibc's getlogin_r reads it.  No environment variable is
 * consulted.  (glibc first asks /proc/self/loginuid, the audit login uid;
 * our kernel has none, and glibc falls back to utmp without it too.)
 *
 * Errors, as glibc's: standard input is not a terminal (ttyname_r's
 * error, ENOTTY), no record for the line (ENOENT), the name does not fit
 * (ERANGE).
 */
#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <utmp.h>

#define DEV_PREFIX "/dev/"
#define TTY_PATH_MAX 64

int getlogin_r(char *name, size_t len)
{
	char tty[TTY_PATH_MAX];
	const char *line = tty;
	struct utmp key, buf, *found;
	size_t n;
	int err;

	err = ttyname_r(STDIN_FILENO, tty, sizeof(tty));
	if (err)
		return err;
	if (strncmp(tty, DEV_PREFIX, strlen(DEV_PREFIX)) == 0)
		line += strlen(DEV_PREFIX);
	memset(&key, 0, sizeof(key));
	strncpy(key.ut_line, line, sizeof(key.ut_line) - 1);
	setutent();
	err = getutline_r(&key, &buf, &found) < 0 ? errno : 0;
	endutent();
	if (err)
		return err == ESRCH ? ENOENT : err;
	n = strnlen(found->ut_user, sizeof(found->ut_user));
	if (n + 1 > len)
		return ERANGE;
	memcpy(name, found->ut_user, n);
	name[n] = '\0';
	return 0;
}

char *getlogin(void)
{
	static char name[UT_NAMESIZE + 1];
	int err = getlogin_r(name, sizeof(name));

	if (err) {
		errno = err;
		return NULL;
	}
	return name;
}
