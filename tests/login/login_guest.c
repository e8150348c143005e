/*
 * login_guest.c - login, su and passwd inside our kernel, run as root by
 * the test init (see login.mk).  It adds a user of its own, "lt" (uid
 * LT_UID, password "old"), to /etc/passwd and /etc/shadow, then runs the
 * real programs with their answers on a pipe (they read a line from
 * standard input when it is not a terminal) and checks what they print,
 * their exit status and what /etc/shadow holds afterwards.
 */
#define _GNU_SOURCE
#include <crypt.h>
#include <errno.h>
#include <fcntl.h>
#include <shadow.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "check.h"

#define LT_UID 1500
#define OUT_MAX 4096

/* Runs argv as uid (-1: as root) with input on stdin; stdout+stderr in out. */
static int run(uid_t uid, const char *input, char *out, char *const argv[])
{
	int in[2], res[2], status;
	size_t n = 0;
	ssize_t got;
	pid_t pid;

	if (pipe(in) < 0 || pipe(res) < 0)
		return -1;
	pid = fork();
	if (pid == 0) {
		dup2(in[0], 0);
		dup2(res[1], 1);
		dup2(res[1], 2);
		close(in[1]);
		close(res[0]);
		if (uid != (uid_t)-1 && (setgid(uid) < 0 || setuid(uid) < 0))
			_exit(125);
		execv(argv[0], argv);
		_exit(127);
	}
	close(in[0]);
	close(res[1]);
	(void)!write(in[1], input, strlen(input));
	close(in[1]);
	while (n < OUT_MAX - 1 && (got = read(res[0], out + n, OUT_MAX - 1 - n)) > 0)
		n += (size_t)got;
	out[n] = '\0';
	close(res[0]);
	waitpid(pid, &status, 0);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

static int append(const char *path, const char *line, mode_t mode)
{
	int fd = open(path, O_WRONLY | O_APPEND | O_CREAT, mode);
	int ok = fd >= 0 && write(fd, line, strlen(line)) == (ssize_t)strlen(line);

	return fd >= 0 && close(fd) == 0 && ok ? 0 : -1;
}

/* lt's shadow entry, read afresh. */
static struct spwd *lt_entry(void)
{
	static struct spwd copy;
	static char hash[256];
	struct spwd *sp = getspnam("lt");

	if (!sp)
		return NULL;
	copy = *sp;
	snprintf(hash, sizeof(hash), "%s", sp->sp_pwdp);
	copy.sp_pwdp = hash;
	return &copy;
}

static int lt_password_is(const char *password)
{
	struct spwd *sp = lt_entry();
	const char *h = sp ? crypt(password, sp->sp_pwdp) : NULL;

	return h && strcmp(h, sp->sp_pwdp) == 0;
}

/*
 * Does exec honour the set-user-ID bit?  A root-owned mode 4755 copy of
 * this program, run as lt with "euid", says what its effective uid is.
 */
static int setuid_works(void)
{
	char out[OUT_MAX], *probe[] = { "/scratch/euid-probe", "euid", NULL };
	int in = open("/proc/self/exe", O_RDONLY), fd, ok = 1;
	char buf[4096];
	ssize_t n;

	fd = open(probe[0], O_WRONLY | O_CREAT | O_TRUNC, 0755);
	if (in < 0 || fd < 0)
		return 0;
	while ((n = read(in, buf, sizeof(buf))) > 0)
		ok &= write(fd, buf, (size_t)n) == n;
	close(in);
	ok &= close(fd) == 0 && chmod(probe[0], 04755) == 0;
	ok &= run(LT_UID, "", out, probe) == 0 && strcmp(out, "0\n") == 0;
	unlink(probe[0]);
	return ok;
}

static void add_user(void)
{
	char line[256];

	snprintf(line, sizeof(line), "lt:%s:19000:0:99999:7:::\n",
		 crypt("old", "$6$guestsalt$"));
	check("setup-user", append("/etc/passwd", "lt:x:1500:1500::/tmp:/bin/sh\n", 0644) == 0 &&
	      append("/etc/shadow", line, 0600) == 0 &&
	      append("/etc/group", "lt:x:1500:\n", 0644) == 0, "%s", strerror(errno));
}

static void test_passwd(void)
{
	char out[OUT_MAX], *root_lt[] = { "/bin/passwd", "lt", NULL };
	char *self[] = { "/bin/passwd", NULL };
	char *lock[] = { "/bin/passwd", "-l", "lt", NULL };
	char *unlock[] = { "/bin/passwd", "-u", "lt", NULL };
	struct stat st;
	struct spwd *sp;
	int rc;

	rc = run(-1, "new1\nnew1\n", out, root_lt);
	sp = lt_entry();
	check("passwd-root-sets", rc == 0 && lt_password_is("new1"), "status %d: %s", rc, out);
	check("passwd-last-change-today", sp && sp->sp_lstchg == time(NULL) / 86400,
	      "last change %ld", sp ? sp->sp_lstchg : -1);
	check("passwd-shadow-mode", stat("/etc/shadow", &st) == 0 &&
	      (st.st_mode & 07777) == 0600 && st.st_uid == 0, "mode %o uid %u",
	      st.st_mode & 07777, st.st_uid);
	check("passwd-no-leftover", access("/etc/nshadow", F_OK) < 0, "nshadow left");

	rc = run(-1, "a\nb\n", out, root_lt);
	check("passwd-mismatch", rc == 1 && lt_password_is("new1") &&
	      strstr(out, "do not match"), "status %d: %s", rc, out);

	rc = run(LT_UID, "wrong\nx\nx\n", out, self);
	check("passwd-user-wrong-current", rc == 1 && lt_password_is("new1"),
	      "status %d: %s", rc, out);
	rc = run(LT_UID, "new1\nnew2\nnew2\n", out, self);
	if (!setuid_works())
		check_say("SKIP passwd-user-sets: no set-user-ID executables in this kernel yet");
	else
		check("passwd-user-sets", rc == 0 && lt_password_is("new2"),
		      "status %d: %s", rc, out);
	/* From here on lt's password is new2, whatever the kernel could do. */
	run(-1, "new2\nnew2\n", out, root_lt);
	rc = run(LT_UID, "", out, lock);
	check("passwd-user-may-not-lock", rc == 1, "status %d: %s", rc, out);

	rc = run(-1, "", out, lock);
	sp = lt_entry();
	check("passwd-lock", rc == 0 && sp && sp->sp_pwdp[0] == '!', "status %d: %s", rc, out);
	rc = run(-1, "", out, unlock);
	sp = lt_entry();
	check("passwd-unlock", rc == 0 && sp && sp->sp_pwdp[0] == '$', "status %d: %s", rc, out);
}

static void test_su(void)
{
	char out[OUT_MAX];
	char *id[] = { "/bin/su", "-c", "id -u", "lt", NULL };
	char *status[] = { "/bin/su", "-c", "exit 7", "lt", NULL };
	char *login[] = { "/bin/su", "-", "lt", "-c", "echo $HOME $USER $0; pwd", NULL };
	char *nouser[] = { "/bin/su", "nosuchuser", NULL };
	char *bad[] = { "/bin/su", "-x", NULL };
	int rc;

	rc = run(-1, "", out, id);
	check("su-root-no-password", rc == 0 && strcmp(out, "1500\n") == 0,
	      "status %d: %s", rc, out);
	rc = run(-1, "", out, status);
	check("su-exit-status", rc == 7, "status %d: %s", rc, out);
	rc = run(-1, "", out, login);
	check("su-login-env", rc == 0 && strcmp(out, "/tmp lt -sh\n/tmp\n") == 0,
	      "status %d: %s", rc, out);
	rc = run(-1, "", out, nouser);
	check("su-unknown-user", rc == 1, "status %d: %s", rc, out);
	rc = run(-1, "", out, bad);
	check("su-usage", rc == 2 && strstr(out, "usage: su"), "status %d: %s", rc, out);
}

static void test_login(void)
{
	char out[OUT_MAX];
	char *asked[] = { "/bin/login", NULL };
	char *named[] = { "/bin/login", "lt", NULL };
	char *forced[] = { "/bin/login", "-f", "lt", NULL };
	int rc;

	rc = run(-1, "lt\nnew2\necho $USER $LOGNAME $HOME $0; id -u; exit 3\n", out, asked);
	check("login-password", rc == 3 && strstr(out, "lt lt /tmp -sh\n1500\n"),
	      "status %d: %s", rc, out);
	rc = run(-1, "echo $USER $SHELL\n", out, forced);
	check("login-f-root", rc == 0 && strstr(out, "lt /bin/sh\n"),
	      "status %d: %s", rc, out);
	/* The session lands in the user's delegated cgroup subtree, which
	 * the user may divide: a group of its own beside "login". */
	rc = run(-1, "cat /proc/self/cgroup; mkdir /sys/fs/cgroup/user/1500/mine && "
		 "echo $$ > /sys/fs/cgroup/user/1500/mine/cgroup.procs && cat /proc/self/cgroup\n",
		 out, forced);
	check("login-cgroup-delegated", rc == 0 &&
	      strstr(out, "0::/user/1500/login\n0::/user/1500/mine\n"), "status %d: %s", rc, out);
	rmdir("/sys/fs/cgroup/user/1500/mine");
	rc = run(LT_UID, "", out, forced);
	check("login-f-not-root", rc == 1, "status %d: %s", rc, out);
	rc = run(-1, "bad1\nlt\nbad2\nlt\nbad3\n", out, named);
	check("login-three-failures", rc == 1 && strstr(out, "Login incorrect") &&
	      strstr(strstr(strstr(out, "Login incorrect") + 1, "Login incorrect") + 1,
		     "Login incorrect"), "status %d: %s", rc, out);
}

/* Two passwd runs at once, on two users: neither change may be lost. */
static void test_concurrent(void)
{
	char line[256], out1[OUT_MAX], out2[OUT_MAX];
	char *lt[] = { "/bin/passwd", "lt", NULL }, *lu[] = { "/bin/passwd", "lu", NULL };
	struct spwd *sp;
	int round, status, ok = 1;
	pid_t pid;

	snprintf(line, sizeof(line), "lu:%s:19000:0:99999:7:::\n", crypt("old", "$6$x$"));
	append("/etc/passwd", "lu:x:1501:1501::/tmp:/bin/sh\n", 0644);
	append("/etc/shadow", line, 0600);
	for (round = 0; round < 10 && ok; round++) {
		char p1[32], p2[32];

		snprintf(p1, sizeof(p1), "t%d\nt%d\n", round, round);
		snprintf(p2, sizeof(p2), "u%d\nu%d\n", round, round);
		pid = fork();
		if (pid == 0)
			_exit(run(-1, p2, out2, lu));
		ok = run(-1, p1, out1, lt) == 0;
		waitpid(pid, &status, 0);
		ok = ok && WIFEXITED(status) && WEXITSTATUS(status) == 0;
	}
	/* getspnam's entry is static: lt_password_is reads another over it. */
	char lu_hash[256] = "";
	sp = getspnam("lu");
	if (sp)
		snprintf(lu_hash, sizeof(lu_hash), "%s", sp->sp_pwdp);
	check("passwd-concurrent", ok && lt_password_is("t9") && *lu_hash &&
	      strcmp(crypt("u9", lu_hash), lu_hash) == 0,
	      "%s in round %d: %s", ok ? "an update was lost" : "a passwd run failed",
	      round - 1, out1);
}

int main(int argc, char **argv)
{
	if (argc == 2 && strcmp(argv[1], "euid") == 0) {
		printf("%u\n", (unsigned)geteuid());
		return 0;
	}
	add_user();
	test_passwd();
	test_su();
	test_login();
	test_concurrent();
	return 0;
}
