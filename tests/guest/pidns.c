/*
 * pidns.c - pid namespaces: unshare(CLONE_NEWPID) and clone(CLONE_NEWPID)
 * make the next child PID 1 of a namespace of its own, with getppid() 0;
 * numbers there start again; the parent outside sees the child under its
 * own number; the namespace's init reaps orphans, ignores signals it has
 * no handler for (from outside too, but SIGKILL), and its death kills the
 * rest of the namespace, after which fork there fails with ENOMEM; a
 * procfs mounted inside shows only the namespace's processes.  Run as
 * root; also natively on a Linux host, where Linux is the oracle.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/syscall.h>
#include <linux/reboot.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include "t.h"

static int wait_status(pid_t pid)
{
	int status;

	if (waitpid(pid, &status, 0) != pid)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

static int read_int(int fd)
{
	char buf[32];
	ssize_t n = read(fd, buf, sizeof(buf) - 1);

	if (n <= 0)
		return -1;
	buf[n] = '\0';
	return atoi(buf);
}

static void write_int(int fd, int v)
{
	char buf[32];
	int n = snprintf(buf, sizeof(buf), "%d", v);

	(void)!write(fd, buf, n);
}

/* ---- inside: the namespace's init ---- */

static char procdir[200];

/* Init of the namespace: its numbers, its children's, orphan reaping. */
static int init_main(void)
{
	int ok = 1;

	ok &= check("pidns-init-pid-1", getpid() == 1, "getpid %d", (int)getpid());
	ok &= check("pidns-init-ppid-0", getppid() == 0, "getppid %d", (int)getppid());
	/* SIGTERM with no handler, sent to itself, does nothing (else the
	 * exit status below tells). */
	kill(1, SIGTERM);
	/* ... but one it blocks is queued, as its handler may change before
	 * it is unblocked (it is ignored, so dropped, before the unblock). */
	sigset_t usr1, pending;
	sigemptyset(&usr1);
	sigaddset(&usr1, SIGUSR1);
	sigprocmask(SIG_BLOCK, &usr1, NULL);
	kill(1, SIGUSR1);
	sigpending(&pending);
	ok &= check("pidns-init-blocked-signal-queued", sigismember(&pending, SIGUSR1) == 1,
		    "SIGUSR1 not pending");
	signal(SIGUSR1, SIG_IGN);
	sigprocmask(SIG_UNBLOCK, &usr1, NULL);
	signal(SIGUSR1, SIG_DFL);
	/* A child is 2, its parent 1. */
	int p[2];
	if (pipe(p) != 0)
		return 1;
	pid_t c = fork();
	if (c == 0) {
		write_int(p[1], (int)getpid() * 100 + (int)getppid());
		_exit(0);
	}
	int got = read_int(p[0]);
	ok &= check("pidns-child-numbers", c == 2 && got == 201, "fork %d, child says %d", (int)c,
		    got);
	wait_status(c);
	/* An orphan comes to init: a grandchild whose parent exits.  It asks
	 * for its parent once init has reaped that parent (told by "go"). */
	int go[2], told[2];
	if (pipe(go) != 0 || pipe(told) != 0)
		return 1;
	pid_t mid = fork();
	if (mid == 0) {
		pid_t g = fork();
		if (g == 0) {
			char ch;
			close(go[1]);
			if (read(go[0], &ch, 1) == 1)
				write_int(told[1], (int)getppid());
			_exit(0);
		}
		_exit(0);
	}
	close(go[0]);
	wait_status(mid);
	(void)!write(go[1], "g", 1);
	got = read_int(told[0]);
	ok &= check("pidns-orphan-to-init", got == 1, "orphan's parent %d", got);
	/* wait for the orphan: init is its parent now */
	pid_t w = wait(NULL);
	ok &= check("pidns-init-reaps-orphan", w > 0, "wait: %s", strerror(errno));
	/* procfs of this namespace: only its processes. */
	if (mount("proc", procdir, "proc", 0, NULL) == 0) {
		DIR *d = opendir(procdir);
		int n = 0, saw_one = 0, other = 0;
		struct dirent *e;
		while (d && (e = readdir(d))) {
			if (e->d_name[0] < '1' || e->d_name[0] > '9')
				continue;
			n++;
			if (strcmp(e->d_name, "1") == 0)
				saw_one = 1;
			else
				other = 1;
		}
		if (d)
			closedir(d);
		ok &= check("pidns-proc-only-init", n == 1 && saw_one && !other,
			    "%d entries, 1 %s", n, saw_one ? "seen" : "missing");
		char self[256];
		ssize_t len = readlink(t_path(procdir, "self"), self, sizeof(self) - 1);
		self[len > 0 ? len : 0] = '\0';
		ok &= check("pidns-proc-self-is-1", strcmp(self, "1") == 0, "self -> '%s'", self);
		umount(procdir);
	} else {
		ok &= check("pidns-proc-mount", 0, "mount proc: %s", strerror(errno));
	}
	return ok ? 0 : 1;
}

/* The process that unshares: its own numbers stay; its child is 1. */
static int unsharer(void)
{
	pid_t before = getpid();

	if (unshare(CLONE_NEWPID) != 0) {
		check_say("FAIL pidns-unshare: %s", strerror(errno));
		return 1;
	}
	check("pidns-unsharer-keeps-pid", getpid() == before, "pid %d, was %d", (int)getpid(),
	      (int)before);
	check_err("pidns-unshare-twice", unshare(CLONE_NEWPID), EINVAL);
	pid_t init = fork();
	if (init == 0)
		_exit(init_main());
	check("pidns-outer-number", init > 1, "fork returned %d", (int)init);
	int st = wait_status(init);
	check("pidns-init-exit-status", st == 0, "init ended %d", st);
	/* The namespace's init is gone: no new process there. */
	pid_t again = fork();
	if (again == 0)
		_exit(0);
	int err = errno;
	if (again > 0)
		wait_status(again);
	check("pidns-fork-after-init-enomem", again < 0 && err == ENOMEM,
	      "fork gave %d (%s)", (int)again, strerror(err));
	return 0;
}

/* ---- from outside: signals to init, and its death ---- */

static int sleeper_init(void *arg)
{
	int *p = arg;	/* p[0] read end (unused), p[1] a write end held open */

	(void)p;
	/* A child that holds the pipe open too, to be killed with the ns. */
	if (fork() == 0) {
		for (;;)
			pause();
	}
	(void)!write(p[2], "r", 1);
	for (;;)
		pause();
	return 0;
}

static void test_from_outside(void)
{
	static char stack[64 * 1024];
	int p[3], ready[2];

	if (pipe(p) != 0 || pipe(ready) != 0)
		return;
	p[2] = ready[1];
	pid_t init = clone(sleeper_init, stack + sizeof(stack), CLONE_NEWPID | SIGCHLD, p);
	if (!check("pidns-clone-newpid", init > 0, "clone: %s", strerror(errno)))
		return;
	close(p[1]);
	close(ready[1]);
	char c;
	(void)!read(ready[0], &c, 1);
	/* SIGTERM without a handler, from the parent namespace: ignored. */
	kill(init, SIGTERM);
	/* still alive: a zero signal finds it, and it is not a zombie */
	int status;
	check("pidns-init-ignores-sigterm-from-outside",
	      kill(init, 0) == 0 && waitpid(init, &status, WNOHANG) == 0, "init ended");
	check("pidns-init-sigkill-from-outside", kill(init, SIGKILL) == 0, "%s", strerror(errno));
	int st = wait_status(init);
	check("pidns-init-killed", st == 128 + SIGKILL, "status %d", st);
	/* Its child went with it: the last write end of the pipe is closed. */
	int n = read(p[0], &c, 1);
	check("pidns-death-kills-namespace", n == 0, "read gave %d", n);
	close(p[0]);
	close(ready[0]);
}

/* ---- reboot(2) inside: only the namespace goes ---- */

/* The init of a new pid namespace; a child of it calls reboot with cmd
 * (the init itself waits), and reports reboot's result on fd if it
 * returns. */
static int rebooting_init(void *arg)
{
	int *a = arg;	/* a[0] cmd, a[1] write end */

	if (fork() == 0) {
		long r = syscall(SYS_reboot, LINUX_REBOOT_MAGIC1, LINUX_REBOOT_MAGIC2, a[0], NULL);
		int err = r < 0 ? errno : 0;
		(void)!write(a[1], &err, sizeof(err));
		_exit(0);
	}
	for (;;)
		pause();
	return 0;
}

/* The status the init of a namespace whose member called reboot(cmd) ends
 * with; *err is reboot's errno when it returned (-1 when it did not). */
static int reboot_in_ns(int cmd, int *err)
{
	static char stack[64 * 1024];
	int p[2], a[2];

	*err = -1;
	if (pipe(p) != 0)
		return -1;
	a[0] = cmd;
	a[1] = p[1];
	pid_t init = clone(rebooting_init, stack + sizeof(stack), CLONE_NEWPID | SIGCHLD, a);
	close(p[1]);
	if (init < 0) {
		close(p[0]);
		return -1;
	}
	int st = -1;
	if (read(p[0], err, sizeof(*err)) == sizeof(*err)) {
		kill(init, SIGKILL);	/* reboot returned: end the namespace */
		waitpid(init, &st, 0);
	} else {
		waitpid(init, &st, 0);
	}
	close(p[0]);
	return st;
}

static void test_reboot(void)
{
	int err, st;

	st = reboot_in_ns(LINUX_REBOOT_CMD_RESTART, &err);
	check("pidns-reboot-restart-kills-init-sighup",
	      err == -1 && WIFSIGNALED(st) && WTERMSIG(st) == SIGHUP, "status 0x%x, err %d", st, err);
	st = reboot_in_ns(LINUX_REBOOT_CMD_POWER_OFF, &err);
	check("pidns-reboot-poweroff-kills-init-sigint",
	      err == -1 && WIFSIGNALED(st) && WTERMSIG(st) == SIGINT, "status 0x%x, err %d", st, err);
	st = reboot_in_ns(LINUX_REBOOT_CMD_CAD_ON, &err);
	check("pidns-reboot-cad-einval", err == EINVAL, "err %d (%s)", err,
	      err > 0 ? strerror(err) : "none");
}

int main(void)
{
	if (getuid() != 0) {
		check_say("SKIP pidns: must run as root");
		return 0;
	}
	snprintf(procdir, sizeof(procdir), "%s/pidns-proc.%d", T_TMP, (int)getpid());
	mkdir(procdir, 0755);
	pid_t c = fork();
	if (c == 0)
		_exit(unsharer());
	wait_status(c);
	test_from_outside();
	test_reboot();
	rmdir(procdir);
	return 0;
}
