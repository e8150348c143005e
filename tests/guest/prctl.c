/*
 * prctl.c - prctl(2) as Linux answers it: names (and /proc/PID/comm, stat,
 * status), the parent-death signal, child subreapers, no_new_privs, the
 * dumpable flag and the capability bounding set.  Passes on a Linux host
 * built natively (qemu-user fakes /proc/self/stat, so not under it).
 *
 * `prctl get-nnp` and `prctl get-dumpable` exit with the value prctl
 * gives: the checks across exec run the program again that way.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <linux/capability.h>
#include "t.h"

#define LONG_NAME    "abcdefghijklmnopqrstuvwxyz"
#define CUT_NAME     "abcdefghijklmno"	/* TASK_COMM_LEN - 1 bytes of it */
#define UNKNOWN_OPT  0x7fff1234
#define LAST_SIGNAL  64		/* the kernel's _NSIG (glibc's _NSIG is one more) */
#define PDEATH_WAIT  30		/* seconds a child waits for its signal: generous */

static char *read_file(const char *path)
{
	static char buf[4096];
	int fd = open(path, O_RDONLY);
	ssize_t n = fd >= 0 ? read(fd, buf, sizeof(buf) - 1) : -1;

	if (fd >= 0)
		close(fd);
	buf[n > 0 ? n : 0] = '\0';
	return buf;
}

static int write_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY);
	ssize_t n = fd >= 0 ? write(fd, text, strlen(text)) : -1;
	int err = errno;

	if (fd >= 0)
		close(fd);
	errno = err;
	return n < 0 ? -1 : (int)n;
}

static void test_names(void)
{
	char name[32];

	memset(name, 'x', sizeof(name));
	check("set-name", prctl(PR_SET_NAME, LONG_NAME, 0, 0, 0) == 0, "%s", strerror(errno));
	check("get-name", prctl(PR_GET_NAME, name, 0, 0, 0) == 0 && strcmp(name, CUT_NAME) == 0 &&
	      name[16] == 'x', "'%.20s'", name);
	check("comm-shows-name", strcmp(read_file("/proc/self/comm"), CUT_NAME "\n") == 0, "'%s'",
	      read_file("/proc/self/comm"));
	check("stat-shows-name", strstr(read_file("/proc/self/stat"), " (" CUT_NAME ") ") != 0,
	      "'%.40s'", read_file("/proc/self/stat"));
	check("status-shows-name", strncmp(read_file("/proc/self/status"), "Name:\t" CUT_NAME "\n",
	      strlen("Name:\t" CUT_NAME "\n")) == 0, "'%.30s'", read_file("/proc/self/status"));
	check("comm-write", write_file("/proc/self/comm", "renamed\n") == 8 &&
	      prctl(PR_GET_NAME, name, 0, 0, 0) == 0 && strcmp(name, "renamed\n") == 0, "'%s'", name);
	check("comm-write-cut", write_file("/proc/self/comm", LONG_NAME) == (int)strlen(LONG_NAME) &&
	      strcmp(read_file("/proc/self/comm"), CUT_NAME "\n") == 0, "'%s'",
	      read_file("/proc/self/comm"));
	check_err("get-name-efault", prctl(PR_GET_NAME, (char *)8, 0, 0, 0), EFAULT);
	check_err("set-name-efault", prctl(PR_SET_NAME, (char *)8, 0, 0, 0), EFAULT);
}

/* Another process's comm may not be written. */
static void test_comm_other(void)
{
	char path[64];
	int st;
	pid_t pid = fork();

	if (pid == 0) {
		pause();
		_exit(0);
	}
	snprintf(path, sizeof(path), "/proc/%d/comm", pid);
	check_err("comm-write-other", write_file(path, "nope"), EINVAL);
	kill(pid, SIGKILL);
	waitpid(pid, &st, 0);
}

static volatile sig_atomic_t got_usr1;

static void on_usr1(int sig)
{
	(void)sig;
	got_usr1 = 1;
}

/*
 * We are a subreaper.  Child A forks B; B asks for SIGUSR1 when its parent
 * dies and says so; A exits.  B must get SIGUSR1 and find us its parent;
 * it writes 'S' (signal) and 'P' (parent is us) on the pipe.
 */
static void grandchild(int out, int ready, pid_t reaper)
{
	char r[3] = "--";
	sigset_t usr1, old;

	sigemptyset(&usr1);
	sigaddset(&usr1, SIGUSR1);
	sigprocmask(SIG_BLOCK, &usr1, &old);
	signal(SIGUSR1, on_usr1);
	prctl(PR_SET_PDEATHSIG, SIGUSR1, 0, 0, 0);
	(void)!write(ready, "r", 1);
	alarm(PDEATH_WAIT);
	while (!got_usr1)
		sigsuspend(&old);
	r[0] = 'S';
	r[1] = getppid() == reaper ? 'P' : 'p';
	(void)!write(out, r, 2);
	_exit(0);
}

static void test_pdeath_subreaper(void)
{
	int out[2], ready[2], st, got = 0;
	char r[3] = { 0 }, c;
	pid_t me = getpid(), a, b = -1;

	check("subreaper-get-0", prctl(PR_GET_CHILD_SUBREAPER, &got, 0, 0, 0) == 0 && got == 0,
	      "%d", got);
	check("subreaper-set", prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0, "%s",
	      strerror(errno));
	check("subreaper-get-1", prctl(PR_GET_CHILD_SUBREAPER, &got, 0, 0, 0) == 0 && got == 1,
	      "%d", got);
	if (pipe(out) < 0 || pipe(ready) < 0)
		return;
	a = fork();
	if (a == 0) {
		if (fork() == 0)
			grandchild(out[1], ready[1], me);
		(void)!read(ready[0], &c, 1);	/* B has asked: now die */
		_exit(0);
	}
	close(out[1]);
	close(ready[1]);
	waitpid(a, &st, 0);
	(void)!read(out[0], r, 2);
	check("pdeath-signal", r[0] == 'S', "grandchild said '%s'", r);
	check("subreaper-adopts", r[1] == 'P', "grandchild said '%s'", r);
	b = waitpid(-1, &st, 0);
	check("subreaper-waits", b > 0 && WIFEXITED(st), "waitpid: %s", strerror(errno));
	close(out[0]);
	close(ready[0]);
	prctl(PR_SET_CHILD_SUBREAPER, 0, 0, 0, 0);
}

static void test_pdeath_values(void)
{
	int sig = -1, st;
	pid_t pid;

	check("pdeath-get-0", prctl(PR_GET_PDEATHSIG, &sig, 0, 0, 0) == 0 && sig == 0, "%d", sig);
	prctl(PR_SET_PDEATHSIG, SIGTERM, 0, 0, 0);
	check("pdeath-get", prctl(PR_GET_PDEATHSIG, &sig, 0, 0, 0) == 0 && sig == SIGTERM, "%d",
	      sig);
	pid = fork();
	if (pid == 0) {
		prctl(PR_GET_PDEATHSIG, &sig, 0, 0, 0);
		_exit(sig);
	}
	waitpid(pid, &st, 0);
	check("pdeath-cleared-on-fork", WIFEXITED(st) && WEXITSTATUS(st) == 0, "child had %d",
	      WEXITSTATUS(st));
	check_err("pdeath-bad-signal", prctl(PR_SET_PDEATHSIG, LAST_SIGNAL + 1, 0, 0, 0), EINVAL);
	check("pdeath-nsig-ok", prctl(PR_SET_PDEATHSIG, LAST_SIGNAL, 0, 0, 0) == 0, "%s", strerror(errno));
	prctl(PR_SET_PDEATHSIG, 0, 0, 0, 0);
	check_err("pdeath-get-efault", prctl(PR_GET_PDEATHSIG, (int *)8, 0, 0, 0), EFAULT);
}

/* The exit status of this program run again with argument arg. */
static int run_self(const char *self, const char *arg)
{
	int st;
	pid_t pid = fork();

	if (pid == 0) {
		execl(self, self, arg, (char *)0);
		_exit(255);
	}
	waitpid(pid, &st, 0);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static void test_no_new_privs(const char *self)
{
	int st;
	pid_t pid;

	check("nnp-get-0", prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0) == 0, "not 0");
	check_err("nnp-get-args", prctl(PR_GET_NO_NEW_PRIVS, 1, 0, 0, 0), EINVAL);
	pid = fork();
	if (pid == 0) {	/* no_new_privs is for good: try it in a child */
		int bad = prctl(PR_SET_NO_NEW_PRIVS, 0, 0, 0, 0) == -1 && errno == EINVAL;

		bad &= prctl(PR_SET_NO_NEW_PRIVS, 1, 1, 0, 0) == -1 && errno == EINVAL;
		bad &= prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 1) == -1 && errno == EINVAL;
		if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
			_exit(10);
		if (prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0) != 1)
			_exit(11);
		if (!strstr(read_file("/proc/self/status"), "\nNoNewPrivs:\t1\n"))
			_exit(12);
		if (run_self(self, "get-nnp") != 1)
			_exit(13);	/* kept over fork and exec */
		_exit(bad ? 0 : 14);
	}
	waitpid(pid, &st, 0);
	check("nnp-set-inherited", WIFEXITED(st) && WEXITSTATUS(st) == 0,
	      "child step %d failed (10 set, 11 get, 12 status, 13 exec, 14 bad args)",
	      WEXITSTATUS(st));
	check("nnp-parent-untouched", prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0) == 0, "changed");
}

static void test_dumpable(const char *self)
{
	int st;
	pid_t pid;

	check("dumpable-get-1", prctl(PR_GET_DUMPABLE, 0, 0, 0, 0) == 1, "not 1");
	check_err("dumpable-set-2", prctl(PR_SET_DUMPABLE, 2, 0, 0, 0), EINVAL);
	pid = fork();
	if (pid == 0) {
		if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) < 0 || prctl(PR_GET_DUMPABLE, 0, 0, 0, 0) != 0)
			_exit(10);
		pid_t gc = fork();
		if (gc == 0)
			_exit(prctl(PR_GET_DUMPABLE, 0, 0, 0, 0));
		waitpid(gc, &st, 0);
		if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
			_exit(11);	/* inherited over fork */
		if (run_self(self, "get-dumpable") != 1)
			_exit(12);	/* exec makes it dumpable again */
		if (prctl(PR_SET_DUMPABLE, 1, 0, 0, 0) < 0 || prctl(PR_GET_DUMPABLE, 0, 0, 0, 0) != 1)
			_exit(13);
		_exit(0);
	}
	waitpid(pid, &st, 0);
	check("dumpable-set-fork-exec", WIFEXITED(st) && WEXITSTATUS(st) == 0,
	      "child step %d failed (10 set, 11 fork, 12 exec, 13 set back)", WEXITSTATUS(st));
}

/* The bounding set as /proc/self/status shows it. */
static unsigned long long cap_bnd(void)
{
	const char *s = strstr(read_file("/proc/self/status"), "CapBnd:");

	return s ? strtoull(s + strlen("CapBnd:"), 0, 16) : 0;
}

static void test_capbset(void)
{
	unsigned long long bnd = cap_bnd();
	int cap, bad = -1;

	for (cap = 0; cap <= CAP_LAST_CAP; cap++)
		if (prctl(PR_CAPBSET_READ, cap, 0, 0, 0) != (int)((bnd >> cap) & 1))
			bad = cap;
	check("capbset-read", bnd && bad < 0, "capability %d differs from CapBnd %llx", bad, bnd);
	check_err("capbset-past-last", prctl(PR_CAPBSET_READ, CAP_LAST_CAP + 1, 0, 0, 0), EINVAL);
	check_err("capbset-negative", prctl(PR_CAPBSET_READ, -1, 0, 0, 0), EINVAL);
	check_err("unknown-option", prctl(UNKNOWN_OPT, 0, 0, 0, 0), EINVAL);
}

int main(int argc, char **argv)
{
	if (argc == 2 && strcmp(argv[1], "get-nnp") == 0)
		return prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0);
	if (argc == 2 && strcmp(argv[1], "get-dumpable") == 0)
		return prctl(PR_GET_DUMPABLE, 0, 0, 0, 0);
	test_names();
	test_comm_other();
	test_pdeath_values();
	test_pdeath_subreaper();
	test_no_new_privs(argv[0]);
	test_dumpable(argv[0]);
	test_capbset();
	return 0;
}
