/*
 * pgrp.c - the rules of process groups and sessions: what setpgid and
 * setsid allow, and what getpgid and getsid report.  Run with "--idle" it
 * is the program a child execs (it waits for its standard input to close).
 */
#include "jc.h"

static const char *self;

/* A child that waits for one byte (or end of file) on in, then exits. */
static pid_t waiter(int in, int setsid_first)
{
	pid_t pid = jc_fork();

	if (pid == 0) {
		if (setsid_first)
			setsid();
		jc_await(in);
		_exit(0);
	}
	return pid;
}

static void getters(void)
{
	int go[2];
	pid_t pid, gone;
	int st;

	check("getpgid-self", getpgid(0) == getpgrp(), "getpgid(0) %d, getpgrp %d",
	      (int)getpgid(0), (int)getpgrp());
	check("getpgid-pid", getpgid(getpid()) == getpgrp(), "getpgid(pid) %d",
	      (int)getpgid(getpid()));
	/* 0 is right when the session's leader is outside our pid namespace
	 * (a host run inside a container); setsid below checks real ids. */
	check("getsid-self", getsid(0) == getsid(getpid()) && getsid(0) >= 0,
	      "getsid(0) %d, getsid(pid) %d", (int)getsid(0), (int)getsid(getpid()));
	if (pipe(go) == -1)
		return;
	pid = waiter(go[0], 0);
	check("getpgid-child", getpgid(pid) == getpgrp(), "child's group %d, ours %d",
	      (int)getpgid(pid), (int)getpgrp());
	check("getsid-child", getsid(pid) == getsid(0), "child's session %d, ours %d",
	      (int)getsid(pid), (int)getsid(0));
	jc_post(go[1]);
	jc_waitpid(pid, &st, 0);
	gone = pid;
	check_err("getpgid-esrch", getpgid(gone), ESRCH);
	check_err("getsid-esrch", getsid(gone), ESRCH);
	pid = waiter(go[0], 1);
	/* The child's setsid is done when its group is its own. */
	for (int i = 0; i < JC_LIMIT_MS && getpgid(pid) != pid; i++)
		usleep(1000);
	check("getsid-other-session", getsid(pid) == pid, "getsid(child) %d, want %d",
	      (int)getsid(pid), (int)pid);
	check_err("setpgid-other-session-eperm", setpgid(pid, getpgrp()), EPERM);
	check_err("setpgid-session-leader-eperm", setpgid(pid, pid), EPERM);
	jc_post(go[1]);
	jc_waitpid(pid, &st, 0);
	close(go[0]);
	close(go[1]);
}

/* Each rule runs in a child that reports and exits. */
static void in_child(void (*fn)(void))
{
	pid_t pid = jc_fork();
	int st;

	if (pid == 0) {
		fn();
		_exit(0);
	}
	jc_waitpid(pid, &st, 0);
	if (!WIFEXITED(st) || WEXITSTATUS(st))
		jc_say("FAIL pgrp-child: %s", jc_status(st));
}

static void setsid_rules(void)
{
	pid_t pid = getpid();

	check("setpgid-self-leader", setpgid(0, 0) == 0 && getpgrp() == pid,
	      "setpgid(0, 0): %s, group %d", strerror(errno), (int)getpgrp());
	check_err("setsid-leader-eperm", setsid(), EPERM);
}

static void setsid_new(void)
{
	pid_t pid = getpid(), sid = setsid();

	check("setsid-new", sid == pid && getsid(0) == pid && getpgrp() == pid,
	      "setsid %d (%s), getsid %d, getpgrp %d, pid %d", (int)sid,
	      sid == -1 ? strerror(errno) : "ok", (int)getsid(0), (int)getpgrp(),
	      (int)pid);
	check_err("setsid-twice-eperm", setsid(), EPERM);
	check_err("setpgid-leader-moves-eperm", setpgid(0, getppid()), EPERM);
}

static void setpgid_rules(void)
{
	int go[2], st;
	pid_t a, b, c;

	check_err("setpgid-not-child-esrch", setpgid(getppid(), getppid()), ESRCH);
	check_err("setpgid-negative-einval", setpgid(0, -1), EINVAL);
	if (pipe(go) == -1)
		return;
	a = waiter(go[0], 0);
	b = waiter(go[0], 0);
	check("setpgid-child-own", setpgid(a, a) == 0 && getpgid(a) == a,
	      "setpgid(a, a): %s, group %d", strerror(errno), (int)getpgid(a));
	check("setpgid-child-join", setpgid(b, a) == 0 && getpgid(b) == a,
	      "setpgid(b, a): %s, group %d", strerror(errno), (int)getpgid(b));
	check_err("setpgid-no-such-group-eperm", setpgid(0, 0x3ffffff0), EPERM);
	/* The group outlives its leader while b is in it. */
	kill(a, SIGKILL);
	jc_waitpid(a, &st, 0);
	c = waiter(go[0], 0);
	check("setpgid-group-outlives-leader", setpgid(c, a) == 0 && getpgid(c) == a,
	      "setpgid(c, %d): %s", (int)a, strerror(errno));
	check("setpgid-back-to-own", setpgid(c, getpgrp()) == 0 &&
	      getpgid(c) == getpgrp(), "setpgid(c, ours): %s", strerror(errno));
	kill(b, SIGKILL);
	kill(c, SIGKILL);
	jc_waitpid(b, &st, 0);
	jc_waitpid(c, &st, 0);
	close(go[0]);
	close(go[1]);
}

/* A child that has called execve can no longer be moved: EACCES. */
static void setpgid_after_exec(void)
{
	int sync[2], in[2], st;
	pid_t pid;
	char c;

	if (pipe2(sync, O_CLOEXEC) == -1 || pipe(in) == -1)
		return;
	pid = jc_fork();
	if (pid == 0) {
		close(sync[0]);
		close(in[1]);
		dup2(in[0], 0);
		execl(self, self, "--idle", (char *)0);
		_exit(127);
	}
	close(sync[1]);
	close(in[0]);
	/* The close-on-exec end closes when execve has succeeded. */
	check("exec-done", read(sync[0], &c, 1) == 0, "no end of file on the pipe");
	check_err("setpgid-after-exec-eacces", setpgid(pid, pid), EACCES);
	close(in[1]);
	jc_waitpid(pid, &st, 0);
	check("exec-child-exit", WIFEXITED(st) && WEXITSTATUS(st) == 0,
	      "the exec'd child %s", jc_status(st));
	close(sync[0]);
}

int main(int argc, char **argv)
{
	char c;

	if (argc == 2 && strcmp(argv[1], "--idle") == 0) {
		while (read(0, &c, 1) > 0)
			;
		return 0;
	}
	self = argv[0];
	getters();
	in_child(setsid_rules);
	in_child(setsid_new);
	in_child(setpgid_rules);
	in_child(setpgid_after_exec);
	return 0;
}
