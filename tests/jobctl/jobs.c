/*
 * jobs.c - job control as a shell sees it through a terminal.  Each
 * scenario runs in its own session (jc_session): the "shell" puts jobs in
 * process groups, hands the terminal to one of them with tcsetpgrp, and
 * asks the terminal to type ^Z, ^C or ^\; the kernel's line discipline
 * must signal exactly the foreground group.  Background groups that touch
 * the terminal get SIGTTIN / SIGTTOU.
 */
#include "jc.h"
#include <sys/resource.h>
#include <sys/stat.h>

/* The shell ignores the job-control signals, as a shell does. */
static void shell_signals(void)
{
	signal(SIGTTOU, SIG_IGN);
	signal(SIGTTIN, SIG_IGN);
	signal(SIGTSTP, SIG_IGN);
}

static void member_signals(void)
{
	static const int sigs[] = { SIGTTOU, SIGTTIN, SIGTSTP, SIGINT,
				    SIGQUIT, SIGHUP, SIGCONT };

	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		jc_default(sigs[i]);
}

static void idle(int arg)
{
	(void)arg;
	for (;;)
		pause();
}

/*
 * Fork a job member into group pgid (0: a new group of its own).  It
 * returns once the member has its signals set, so that a key typed next
 * meets the default actions, not the shell's inherited SIG_IGN.
 */
static pid_t member(pid_t pgid, void (*body)(int), int arg)
{
	int ready[2];
	pid_t pid;

	if (pipe(ready) == -1)
		return -1;
	pid = jc_fork();
	if (pid == 0) {
		close(ready[0]);
		setpgid(0, pgid);
		member_signals();
		jc_post(ready[1]);
		close(ready[1]);
		body(arg);
		_exit(0);
	}
	close(ready[1]);
	if (pid > 0) {
		setpgid(pid, pgid ? pgid : pid);
		jc_await(ready[0]);
	}
	close(ready[0]);
	return pid;
}

/* ^Z stops a three-process pipeline; SIGCONT resumes it. */
static void tstp_shell(int tty)
{
	pid_t pids[3], pgid = 0, got;
	int st, stopped = 0, cont = 0, i;

	shell_signals();
	for (i = 0; i < 3; i++) {
		pids[i] = member(pgid, idle, 0);
		if (i == 0)
			pgid = pids[0];
	}
	check("tstp-tcsetpgrp", tcsetpgrp(tty, pgid) == 0, "tcsetpgrp: %s",
	      strerror(errno));
	check("tstp-tcgetpgrp", tcgetpgrp(tty) == pgid, "tcgetpgrp %d, want %d",
	      (int)tcgetpgrp(tty), (int)pgid);
	JC_KEY("\x1a");
	for (i = 0; i < 3; i++) {
		got = jc_waitpid(-pgid, &st, WUNTRACED);
		if (got > 0 && WIFSTOPPED(st) && WSTOPSIG(st) == SIGTSTP)
			stopped++;
		else
			jc_say("FAIL tstp-member-%d: waitpid %d: %s (%s)", i,
			       (int)got, got > 0 ? jc_status(st) : "",
			       got > 0 ? "" : strerror(errno));
	}
	check("tstp-all-stopped", stopped == 3, "%d of 3 members stopped by SIGTSTP",
	      stopped);
	got = jc_waitpid(-pgid, &st, WUNTRACED | WNOHANG);
	check("tstp-reported-once", got == 0, "a fourth waitpid returned %d",
	      (int)got);
	tcsetpgrp(tty, getpgrp());
	check("tstp-killpg-cont", killpg(pgid, SIGCONT) == 0, "killpg: %s",
	      strerror(errno));
	for (i = 0; i < 3; i++) {
		got = jc_waitpid(-pgid, &st, WCONTINUED);
		if (got > 0 && WIFCONTINUED(st))
			cont++;
		else
			jc_say("FAIL tstp-cont-member-%d: waitpid %d: %s", i,
			       (int)got, got > 0 ? jc_status(st) : strerror(errno));
	}
	check("tstp-all-continued", cont == 3, "%d of 3 reported WIFCONTINUED",
	      cont);
	for (cont = i = 0; i < 3; i++)
		cont += jc_wait_sleeping(pids[i]);
	check("tstp-running-again", cont == 3, "%d of 3 members back in pause()",
	      cont);
	jc_kill_reap(-pgid);
	for (i = 0; i < 3; i++)
		jc_waitpid(pids[i], &st, 0);
}

/* A background member blocks SIGINT, waits for SIGUSR1, then reports. */
static int bg_ready[2];
static void on_usr1(int sig)
{
	(void)sig;
}

static void bg_watch(int arg)
{
	sigset_t wait_mask;

	(void)arg;
	jc_handle(SIGUSR1, on_usr1, 0);
	jc_block(SIGINT, SIG_BLOCK);
	jc_block(SIGUSR1, SIG_BLOCK);
	jc_post(bg_ready[1]);
	sigfillset(&wait_mask);
	sigdelset(&wait_mask, SIGUSR1);
	sigsuspend(&wait_mask);
	_exit(jc_pending(SIGINT) ? 1 : 0);
}

/* ^C kills the two foreground members, not the background one. */
static void intr_shell(int tty)
{
	pid_t a, b, bg, got;
	int st, killed = 0;

	shell_signals();
	jc_block(SIGINT, SIG_BLOCK);
	if (pipe(bg_ready) == -1)
		return;
	bg = member(0, bg_watch, 0);
	a = member(0, idle, 0);
	b = member(a, idle, 0);
	jc_await(bg_ready[0]);
	tcsetpgrp(tty, a);
	JC_KEY("\x03");
	for (int i = 0; i < 2; i++) {
		got = jc_waitpid(-a, &st, 0);
		if (got > 0 && WIFSIGNALED(st) && WTERMSIG(st) == SIGINT)
			killed++;
		else
			jc_say("FAIL intr-member-%d: waitpid %d: %s", i, (int)got,
			       got > 0 ? jc_status(st) : strerror(errno));
	}
	check("intr-fg-killed", killed == 2, "%d of 2 killed by SIGINT", killed);
	got = jc_waitpid(bg, &st, WNOHANG);
	check("intr-bg-alive", got == 0, "waitpid(bg) %d %s", (int)got,
	      got > 0 ? jc_status(st) : "");
	kill(bg, SIGUSR1);
	got = jc_waitpid(bg, &st, 0);
	check("intr-bg-not-signalled", got == bg && WIFEXITED(st) &&
	      WEXITSTATUS(st) == 0, "background member %s (1: SIGINT pending)",
	      jc_status(st));
	check("intr-shell-not-signalled", !jc_pending(SIGINT),
	      "SIGINT pending for the shell");
	tcsetpgrp(tty, getpgrp());
	(void)b;
}

/*
 * ^\ sends SIGQUIT: the member dies with the core flag.  Linux sets the
 * flag only when it wrote a core file, so the member inherits an unlimited
 * RLIMIT_CORE and dumps in the current directory.
 */
static void quit_shell(int tty)
{
	struct rlimit rl;
	char core[32];
	pid_t a, got;
	int st;

	shell_signals();
	if (getrlimit(RLIMIT_CORE, &rl) == 0) {
		rl.rlim_cur = rl.rlim_max;
		setrlimit(RLIMIT_CORE, &rl);
	}
	a = member(0, idle, 0);
	tcsetpgrp(tty, a);
	JC_KEY("\x1c");
	got = jc_waitpid(a, &st, 0);
	check("quit-sigquit", got == a && WIFSIGNALED(st) && WTERMSIG(st) == SIGQUIT,
	      "member %s", jc_status(st));
	check("quit-core-flag", got == a && WIFSIGNALED(st) && WCOREDUMP(st),
	      "member %s, want the core flag (RLIMIT_CORE unlimited)",
	      jc_status(st));
	unlink("core");
	snprintf(core, sizeof(core), "core.%d", (int)a);
	unlink(core);
	tcsetpgrp(tty, getpgrp());
}

/*
 * Readers: in the background stopped by SIGTTIN, or EIO when SIGTTIN is
 * ignored (how 1) or blocked (how 2); how 3 waits on go until it is in the
 * foreground.
 */
static int bg_tty = -1, go[2];

static void bg_read(int how)
{
	char c;
	ssize_t n;
	int err;

	if (how == 1)
		signal(SIGTTIN, SIG_IGN);
	if (how == 2)
		jc_block(SIGTTIN, SIG_BLOCK);
	if (how == 3)
		jc_await(go[0]);
	n = read(bg_tty, &c, 1);
	err = errno;
	_exit(n == -1 ? err : 100 + (int)n);
}

static void ttin_shell(int tty)
{
	static const char *names[] = { "ttin-ignored-eio", "ttin-blocked-eio" };
	pid_t pid, got;
	int st;

	shell_signals();
	bg_tty = tty;
	pid = member(0, bg_read, 0);
	got = jc_waitpid(pid, &st, WUNTRACED);
	check("ttin-stops", got == pid && WIFSTOPPED(st) && WSTOPSIG(st) == SIGTTIN,
	      "background reader %s", jc_status(st));
	jc_kill_reap(pid);
	for (int how = 1; how <= 2; how++) {
		pid = member(0, bg_read, how);
		got = jc_waitpid(pid, &st, WUNTRACED);
		check(names[how - 1], got == pid && WIFEXITED(st) &&
		      WEXITSTATUS(st) == EIO,
		      "reader %s (an exit status < 100 is the errno of read)",
		      jc_status(st));
		jc_kill_reap(pid);
	}
	/* The foreground group reads what is typed. */
	if (pipe(go) == -1)
		return;
	pid = member(0, bg_read, 3);
	tcsetpgrp(tty, pid);
	jc_post(go[1]);
	JC_KEY("q\n");
	got = jc_waitpid(pid, &st, WUNTRACED);
	check("ttin-fg-reads", got == pid && WIFEXITED(st) && WEXITSTATUS(st) == 101,
	      "foreground reader %s, want exited 101", jc_status(st));
	tcsetpgrp(tty, getpgrp());
}

/* Background writers and tcsetattr with and without TOSTOP. */
static void bg_write(int how)
{
	ssize_t n;
	int err;

	if (how == 1)
		signal(SIGTTOU, SIG_IGN);
	if (how == 3) {
		struct termios t;

		tcgetattr(bg_tty, &t);
		n = tcsetattr(bg_tty, TCSANOW, &t);
		_exit(n == -1 ? errno : 100);
	}
	if (how == 4)
		_exit(tcsetpgrp(bg_tty, getpgrp()) == -1 ? errno : 100);
	n = write(bg_tty, how == 1 ? "ignored-ttou" : "bg-output", how == 1 ? 12 : 9);
	err = errno;
	_exit(n == -1 ? err : 100);
}

static void set_tostop(int tty, int on)
{
	struct termios t;

	tcgetattr(tty, &t);
	if (on)
		t.c_lflag |= TOSTOP;
	else
		t.c_lflag &= ~TOSTOP;
	tcsetattr(tty, TCSANOW, &t);
}

static void ttou_shell(int tty)
{
	pid_t pid, got;
	int st;

	shell_signals();
	bg_tty = tty;
	set_tostop(tty, 1);
	pid = member(0, bg_write, 0);
	got = jc_waitpid(pid, &st, WUNTRACED);
	check("ttou-tostop-stops", got == pid && WIFSTOPPED(st) &&
	      WSTOPSIG(st) == SIGTTOU, "background writer %s", jc_status(st));
	jc_kill_reap(pid);
	pid = member(0, bg_write, 1);
	got = jc_waitpid(pid, &st, WUNTRACED);
	check("ttou-ignored-writes", got == pid && WIFEXITED(st) &&
	      WEXITSTATUS(st) == 100, "writer ignoring SIGTTOU %s", jc_status(st));
	check("ttou-ignored-seen", jc_screen_shows("ignored-ttou"),
	      "the terminal did not show the output");
	jc_kill_reap(pid);
	set_tostop(tty, 0);
	pid = member(0, bg_write, 0);
	got = jc_waitpid(pid, &st, WUNTRACED);
	check("ttou-no-tostop-writes", got == pid && WIFEXITED(st) &&
	      WEXITSTATUS(st) == 100, "background writer %s", jc_status(st));
	check("ttou-no-tostop-seen", jc_screen_shows("bg-output"),
	      "the terminal did not show the output");
	pid = member(0, bg_write, 3);
	got = jc_waitpid(pid, &st, WUNTRACED);
	check("ttou-tcsetattr-stops", got == pid && WIFSTOPPED(st) &&
	      WSTOPSIG(st) == SIGTTOU, "background tcsetattr %s", jc_status(st));
	jc_kill_reap(pid);
	pid = member(0, bg_write, 4);
	got = jc_waitpid(pid, &st, WUNTRACED);
	check("ttou-tcsetpgrp-stops", got == pid && WIFSTOPPED(st) &&
	      WSTOPSIG(st) == SIGTTOU, "background tcsetpgrp %s", jc_status(st));
	jc_kill_reap(pid);
	pid = member(0, idle, 0);
	check("ttou-shell-tcsetpgrp", tcsetpgrp(tty, pid) == 0,
	      "a background shell ignoring SIGTTOU: %s", strerror(errno));
	jc_kill_reap(pid);
	tcsetpgrp(tty, getpgrp());
}

int main(void)
{
	jc_session("tstp", tstp_shell);
	jc_session("intr", intr_shell);
	jc_session("quit", quit_shell);
	jc_session("ttin", ttin_shell);
	jc_session("ttou", ttou_shell);
	return 0;
}
