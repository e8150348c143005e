/*
 * login: let a user in on this terminal.
 *
 *   login [user]      ask for the password (and the name, if not given)
 *   login -f user     no password: root only (init or getty has checked)
 *
 * Three wrong tries and login exits 1; each costs AUTH_FAIL_DELAY seconds.
 * A locked account answers exactly as a wrong password does.  Once the
 * password is right: the terminal becomes the user's (group tty, mode
 * 0620), utmp and wtmp record the login, the user's groups, group and user
 * ids are taken in that order, and the user's shell starts as a login
 * shell in a fresh environment and the home folder.
 */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>
#include <utmp.h>

#include "auth.h"
#include "prompt.h"
#include "session.h"

#define LOGIN_TRIES 3
#define TTY_GROUP "tty"
#define TTY_GID_DEFAULT 5	/* Debian's group tty */
#define TTY_MODE (S_IRUSR | S_IWUSR | S_IWGRP)	/* 0620 */
#define MOTD_PATH "/etc/motd"
#define DEFAULT_TERM "vt100"
#define DEV_PREFIX "/dev/"

static const char prog[] = "login";

static void usage(void)
{
	fprintf(stderr, "usage: login [-f user | user]\n");
	exit(1);
}

/* One try: the name (asked unless given), then the password unless -f. */
static struct passwd *try_login(const char *given, int preauth)
{
	char name[ANSWER_MAX], password[ANSWER_MAX];
	struct passwd *pw;
	int ok;

	if (given) {
		snprintf(name, sizeof(name), "%s", given);
	} else {
		do {
			if (prompt_line("login: ", name, sizeof(name)) < 0)
				exit(1);
		} while (name[0] == '\0');
	}
	pw = getpwnam(name);
	if (preauth)
		return pw;
	/* Unknown users are asked for a password too: nothing tells them apart. */
	if (prompt_password("Password: ", password, sizeof(password)) < 0)
		exit(1);
	ok = pw && auth_user(pw, SHADOW_PATH, password);
	auth_forget(password, sizeof(password));
	return ok ? pw : NULL;
}

static void give_tty(const char *tty, const struct passwd *pw)
{
	struct group *gr = getgrnam(TTY_GROUP);
	gid_t gid = gr ? gr->gr_gid : TTY_GID_DEFAULT;

	if (chown(tty, pw->pw_uid, gid) < 0 || chmod(tty, TTY_MODE) < 0)
		fprintf(stderr, "%s: %s: %s\n", prog, tty, strerror(errno));
}

/* utmp's text fields are NUL-padded, with no NUL when full. */
static void put_field(char *field, size_t size, const char *text)
{
	size_t n = strlen(text);

	memcpy(field, text, n < size ? n : size);
}

/* The utmp entry of this terminal becomes the user's; wtmp says so too. */
static void record_login(const char *tty, const struct passwd *pw)
{
	const char *line = tty;
	struct utmp ut;
	struct timeval now;
	size_t n;

	if (strncmp(line, DEV_PREFIX, strlen(DEV_PREFIX)) == 0)
		line += strlen(DEV_PREFIX);
	memset(&ut, 0, sizeof(ut));
	ut.ut_type = USER_PROCESS;
	ut.ut_pid = getpid();
	put_field(ut.ut_line, sizeof(ut.ut_line), line);
	/* The id is the line's end, as getty and init write it: "pts/3" -> "ts/3". */
	n = strlen(line);
	n = n > sizeof(ut.ut_id) ? n - sizeof(ut.ut_id) : 0;
	put_field(ut.ut_id, sizeof(ut.ut_id), line + n);
	put_field(ut.ut_user, sizeof(ut.ut_user), pw->pw_name);
	gettimeofday(&now, NULL);
	ut.ut_tv.tv_sec = now.tv_sec;
	ut.ut_tv.tv_usec = now.tv_usec;
	setutent();
	pututline(&ut);
	endutent();
	updwtmp(_PATH_WTMP, &ut);
}

static void become(const struct passwd *pw)
{
	if (initgroups(pw->pw_name, pw->pw_gid) < 0) {
		fprintf(stderr, "%s: initgroups: %s\n", prog, strerror(errno));
		exit(1);
	}
	if (setgid(pw->pw_gid) < 0) {
		fprintf(stderr, "%s: setgid: %s\n", prog, strerror(errno));
		exit(1);
	}
	if (setuid(pw->pw_uid) < 0) {
		fprintf(stderr, "%s: setuid: %s\n", prog, strerror(errno));
		exit(1);
	}
}

static void show_motd(void)
{
	char buf[512];
	ssize_t n;
	int fd = open(MOTD_PATH, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return;
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		if (write(STDOUT_FILENO, buf, (size_t)n) != n)
			break;
	close(fd);
}

static void start_session(const struct passwd *pw)
{
	const char *tty = ttyname(STDIN_FILENO);
	const char *shell = session_shell(pw);

	if (tty) {
		give_tty(tty, pw);
		record_login(tty, pw);
	}
	if (session_delegate_cgroup(pw) < 0)
		fprintf(stderr, "%s: cgroup of %s: %s\n", prog, pw->pw_name, strerror(errno));
	become(pw);
	if (session_login_env(pw, shell, DEFAULT_TERM) < 0) {
		fprintf(stderr, "%s: environment: %s\n", prog, strerror(errno));
		exit(1);
	}
	session_chdir_home(prog, pw);
	show_motd();
	session_exec_shell(shell, 1, NULL);
	fprintf(stderr, "%s: %s: %s\n", prog, shell, strerror(errno));
	exit(1);
}

int main(int argc, char **argv)
{
	const char *given = NULL;
	struct passwd *pw = NULL;
	int preauth = 0, c, tries;

	while ((c = getopt(argc, argv, "f")) != -1) {
		if (c != 'f')
			usage();
		preauth = 1;
	}
	if (argc - optind > 1 || (preauth && argc - optind != 1))
		usage();
	if (optind < argc)
		given = argv[optind];
	if (preauth && getuid() != 0) {
		fprintf(stderr, "%s: -f: permission denied\n", prog);
		return 1;
	}
	for (tries = 0; tries < LOGIN_TRIES && !pw; tries++) {
		pw = try_login(tries == 0 ? given : NULL, preauth && tries == 0);
		if (!pw) {
			sleep(AUTH_FAIL_DELAY);
			printf("Login incorrect\n");
			fflush(stdout);
		}
	}
	if (!pw)
		return 1;
	start_session(pw);
	return 1;
}
