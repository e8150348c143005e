/*
 * testinit.c - PID 1 of the guest test image.  It mounts proc on /proc and
 * tmpfs on /tmp, creates /scratch on the ext2 root, then runs every entry
 * of its list file (ARGV0.list, e.g. /tests/testinit.list) in order, each
 * in its own process group with stdout and stderr on a pipe that testinit
 * reads.  A watchdog process kills a test's group when its time is up, so
 * a hang becomes a FAIL line instead of a stuck machine.  At the end it
 * syncs and powers the machine off.
 *
 * A list line is:  NAME SECONDS MODE PROGRAM [ARGS...]
 *   MODE "-"        PASS/FAIL lines are passed on as they are
 *   MODE "+TEXT"    TEXT is put in front of each check's name
 *   MODE "raw"      every output line is passed on as "OUT NAME|line"
 *                   (a last line without newline as "OUTP NAME|line"),
 *                   then "EXIT NAME STATUS": for byte-exact comparison
 * Besides the test's own lines, testinit adds "FAIL NAME: ..." when the
 * test timed out, died of a signal, exited non-zero or printed no check.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/wait.h>

#define MAX_ARGS  16
#define LINE_MAX_ 1024

struct entry {
	char *name;
	int seconds;
	char *mode;
	char *argv[MAX_ARGS + 1];
};

/* What the output of one running test has shown so far. */
struct run {
	const struct entry *e;
	char line[LINE_MAX_];
	size_t len;
	int checks;
};

static void say(const char *fmt, ...)
{
	char buf[LINE_MAX_ + 128];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf) - 1, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if (n > (int)sizeof(buf) - 2)
		n = sizeof(buf) - 2;
	buf[n++] = '\n';
	(void)!write(1, buf, n);
}

static void emit_line(struct run *r, int partial)
{
	const struct entry *e = r->e;
	char *l = r->line;

	l[r->len] = 0;
	r->len = 0;
	if (strcmp(e->mode, "raw") == 0) {
		say("%s %s|%s", partial ? "OUTP" : "OUT", e->name, l);
		return;
	}
	if (strncmp(l, "PASS ", 5) == 0 || strncmp(l, "FAIL ", 5) == 0) {
		r->checks++;
		if (e->mode[0] == '+') {
			say("%.4s %s%s", l, e->mode + 1, l + 5);
			return;
		}
	}
	say("%s", l);
}

static void feed(struct run *r, const char *buf, ssize_t n)
{
	for (ssize_t i = 0; i < n; i++) {
		if (buf[i] == '\n') {
			emit_line(r, 0);
		} else {
			if (r->len == sizeof(r->line) - 1)
				emit_line(r, 1);
			r->line[r->len++] = buf[i];
		}
	}
}

static void sleep_seconds(int s)
{
	struct timespec ts = { s, 0 };

	while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
		;
}

static pid_t start_test(const struct entry *e, int out)
{
	pid_t pid = fork();

	if (pid != 0)
		return pid;
	setpgid(0, 0);
	dup2(out, 1);
	dup2(out, 2);
	execv(e->argv[0], e->argv);
	say("FAIL %s: execve %s: %s", e->name, e->argv[0], strerror(errno));
	_exit(127);
}

/* Every task's state and kernel stack to the console (/proc/sysrq-trigger). */
static void sysrq_tasks(void)
{
	int fd = open("/proc/sysrq-trigger", O_WRONLY);
	if (fd >= 0) {
		(void)!write(fd, "t", 1);
		close(fd);
	}
}

/* The watchdog kills the test after its seconds; whether it had to is
 * told by the clock (run_entry), since it lives on for a while after. */
static pid_t start_watchdog(pid_t test, int seconds)
{
	pid_t pid = fork();

	if (pid != 0)
		return pid;
	sleep_seconds(seconds);
	/* What the test was waiting for, on the console, before it goes. */
	sysrq_tasks();
	kill(-test, SIGKILL);
	kill(test, SIGKILL);
	/* A test that made process groups of its own (a shell with set -m)
	 * may leave one behind holding the output pipe; tests run one at a
	 * time, so everything but init and this watchdog goes. */
	kill(-1, SIGKILL);
	/* testinit kills this watchdog once it has reaped the test; still
	 * here after a while, the test outlived SIGKILL: a task stuck in
	 * the kernel.  Show every task's kernel stack on the console. */
	sleep_seconds(30);
	say("testinit: the test is not gone 30 s after SIGKILL; its tasks:");
	sysrq_tasks();
	_exit(0);
}

static void report_end(struct run *r, int status, int timed_out)
{
	const struct entry *e = r->e;

	if (strcmp(e->mode, "raw") == 0) {
		if (WIFSIGNALED(status))
			say("EXIT %s signal %d", e->name, WTERMSIG(status));
		else
			say("EXIT %s %d", e->name, WEXITSTATUS(status));
		if (timed_out)
			say("FAIL %s: killed after %d s", e->name, e->seconds);
		return;
	}
	if (timed_out)
		say("FAIL %s: killed after %d s", e->name, e->seconds);
	else if (WIFSIGNALED(status))
		say("FAIL %s: killed by signal %d", e->name, WTERMSIG(status));
	else if (WEXITSTATUS(status) != 0)
		say("FAIL %s: exit status %d", e->name, WEXITSTATUS(status));
	else if (r->checks == 0)
		say("FAIL %s: printed no PASS or FAIL line", e->name);
}

static void run_entry(const struct entry *e)
{
	static struct run r;
	char buf[4096];
	int p[2], status = 0, wstatus = 0;
	pid_t test, dog;
	ssize_t n;

	memset(&r, 0, sizeof(r));
	r.e = e;
	if (pipe2(p, O_CLOEXEC) == -1) {
		say("FAIL %s: pipe2: %s", e->name, strerror(errno));
		return;
	}
	test = start_test(e, p[1]);
	if (test == -1) {
		say("FAIL %s: fork: %s", e->name, strerror(errno));
		close(p[0]);
		close(p[1]);
		return;
	}
	setpgid(test, test);
	close(p[1]);
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	dog = start_watchdog(test, e->seconds);
	while ((n = read(p[0], buf, sizeof(buf))) != 0) {
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			say("FAIL %s: read: %s", e->name, strerror(errno));
			break;
		}
		feed(&r, buf, n);
	}
	if (r.len)
		emit_line(&r, 1);
	close(p[0]);
	while (waitpid(test, &status, 0) == -1 && errno == EINTR)
		;
	if (dog > 0) {
		kill(dog, SIGKILL);
		while (waitpid(dog, &wstatus, 0) == -1 && errno == EINTR)
			;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	report_end(&r, status, dog > 0 && t1.tv_sec - t0.tv_sec >= e->seconds);
	say("testinit: %s took %ld s", e->name, (long)(t1.tv_sec - t0.tv_sec));
	kill(-test, SIGKILL);
	while (waitpid(-1, &status, WNOHANG) > 0)
		;
}

/* parse_entry: split a list line in place; 0 for blank and comment lines. */
static int parse_entry(char *line, struct entry *e)
{
	char *f[MAX_ARGS + 3];
	int n = 0;

	for (char *t = strtok(line, " \t\n"); t && n < MAX_ARGS + 3;
	     t = strtok(0, " \t\n"))
		f[n++] = t;
	if (n == 0 || f[0][0] == '#')
		return 0;
	if (n < 4) {
		say("FAIL testinit-list: bad line for %s", f[0]);
		return 0;
	}
	e->name = f[0];
	e->seconds = atoi(f[1]);
	if (e->seconds <= 0)
		e->seconds = 60;
	e->mode = f[2];
	for (int i = 3; i < n; i++)
		e->argv[i - 3] = f[i];
	e->argv[n - 3] = 0;
	return 1;
}

static void setup(void)
{
	if (mount("proc", "/proc", "proc", 0, 0) == -1)
		say("FAIL testinit-mount-proc: %s", strerror(errno));
	if (mount("tmpfs", "/tmp", "tmpfs", 0, 0) == -1)
		say("FAIL testinit-mount-tmpfs: %s", strerror(errno));
	/* As init: POSIX shared memory and semaphores in /dev/shm, the
	 * IPC namespace's message queues in /dev/mqueue. */
	if (mount("tmpfs", "/dev/shm", "tmpfs", 0, "mode=1777") == -1)
		say("FAIL testinit-mount-shm: %s", strerror(errno));
	if (mount("mqueue", "/dev/mqueue", "mqueue", 0, 0) == -1)
		say("FAIL testinit-mount-mqueue: %s", strerror(errno));
	if (mkdir("/scratch", 0755) == -1 && errno != EEXIST)
		say("FAIL testinit-mkdir-scratch: %s", strerror(errno));
	setenv("PATH", "/bin:/sbin", 1);
	setenv("HOME", "/root", 1);
	setenv("TMPDIR", "/tmp", 1);
	umask(022);
}

int main(int argc, char **argv)
{
	char list[256], line[LINE_MAX_];
	struct entry e;
	FILE *f;

	(void)argc;
	setup();
	snprintf(list, sizeof(list), "%s.list",
		 argv[0] && argv[0][0] == '/' ? argv[0] : "/tests/testinit");
	f = fopen(list, "r");
	if (!f) {
		say("FAIL testinit-list: %s: %s", list, strerror(errno));
	} else {
		while (fgets(line, sizeof(line), f))
			if (parse_entry(line, &e))
				run_entry(&e);
		fclose(f);
	}
	sync();
	say("testinit: done, powering off");
	reboot(RB_POWER_OFF);
	say("FAIL testinit-poweroff: reboot: %s", strerror(errno));
	for (;;)
		pause();
}
