/*
 * signals.c - delivery and return of handlers (SA_SIGINFO), blocking and
 * delivery on unblock, SA_RESTART against EINTR on a pipe read cut by
 * alarm(), kill(0) and kill(-pgid) reaching a whole group, SIGKILL that
 * cannot be caught, and a handler on an alternate stack.
 */
#include <signal.h>
#include <time.h>
#include <sys/wait.h>
#include "t.h"

static volatile sig_atomic_t got_signo, got_code, got_pid, hits;
static volatile void *handler_stack;
static int notify_fd = -1;	/* on_alarm writes a byte here */

static void on_info(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	got_signo = si->si_signo;
	got_code = si->si_code;
	got_pid = si->si_pid;
	hits++;
}

static void on_plain(int sig)
{
	int local;

	got_signo = sig;
	handler_stack = &local;
	hits++;
}

static void on_alarm(int sig)
{
	got_signo = sig;
	hits++;
	(void)!write(notify_fd, "a", 1);
}

static void set_handler(int sig, void (*fn)(int), int flags)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = fn;
	sa.sa_flags = flags;
	sigemptyset(&sa.sa_mask);
	sigaction(sig, &sa, 0);
}

static void test_handler(void)
{
	struct sigaction sa;
	volatile long after = 0;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_info;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGUSR1, &sa, 0);
	hits = 0;
	kill(getpid(), SIGUSR1);
	after = 1;
	check("sa_siginfo-handler-runs", hits == 1 && got_signo == SIGUSR1,
	      "hits %d signo %d", hits, got_signo);
	check("sa_siginfo-si_code-user", got_code == SI_USER, "si_code %d", got_code);
	check("sa_siginfo-si_pid-sender", got_pid == getpid(), "si_pid %d, sender %d",
	      got_pid, (int)getpid());
	check("handler-returns", after == 1, "");
	hits = 0;
	raise(SIGUSR1);
	raise(SIGUSR1);
	check("handler-runs-again", hits == 2, "hits %d", hits);
}

static void test_mask(void)
{
	sigset_t set, old, pending;

	set_handler(SIGUSR2, on_plain, 0);
	hits = 0;
	sigemptyset(&set);
	sigaddset(&set, SIGUSR2);
	sigprocmask(SIG_BLOCK, &set, &old);
	kill(getpid(), SIGUSR2);
	kill(getpid(), SIGUSR2);
	check("blocked-signal-not-delivered", hits == 0, "hits %d", hits);
	sigpending(&pending);
	check("sigpending-shows-blocked", sigismember(&pending, SIGUSR2) == 1, "");
	sigprocmask(SIG_SETMASK, &old, 0);
	check("delivered-once-on-unblock", hits == 1 && got_signo == SIGUSR2, "hits %d", hits);
	sigprocmask(SIG_BLOCK, &set, &old);
	kill(getpid(), SIGUSR2);
	hits = 0;
	sigsuspend(&old);
	check("sigsuspend-delivers", hits == 1, "hits %d", hits);
	sigprocmask(SIG_SETMASK, &old, 0);
	set_handler(SIGUSR2, SIG_IGN, 0);
	kill(getpid(), SIGUSR2);
	check("sig_ign-ignored", 1, "");
}

/* read_with_alarm: a read of an empty pipe (writer kept open) cut by
 * alarm(1); returns read's result and errno in *err.  The writer sends
 * its byte only after the handler has run (it tells through a second
 * pipe), so the order never depends on timing. */
static long read_with_alarm(int flags, int *err, int *done)
{
	int p[2], note[2];
	char c;
	long r;
	pid_t pid;

	set_handler(SIGALRM, on_alarm, flags);
	pipe(p);
	pipe(note);
	notify_fd = note[1];
	hits = 0;
	pid = fork();
	if (pid == 0) {
		close(p[0]);
		(void)!read(note[0], &c, 1);
		(void)!write(p[1], "r", 1);
		_exit(0);
	}
	alarm(1);
	r = read(p[0], &c, 1);
	*err = errno;
	*done = hits;
	alarm(0);
	waitpid(pid, 0, 0);
	close(p[0]);
	close(p[1]);
	close(note[0]);
	close(note[1]);
	return r;
}

static void test_restart(void)
{
	int err, done;
	long r;

	r = read_with_alarm(0, &err, &done);
	check("pipe-read-eintr-without-sa_restart", r == -1 && err == EINTR && done == 1,
	      "read %ld errno %d handler ran %d", r, err, done);
	r = read_with_alarm(SA_RESTART, &err, &done);
	check("pipe-read-restarted-with-sa_restart", r == 1 && done == 1,
	      "read %ld errno %d handler ran %d", r, err, done);
}

/* group_children: n children in a fresh group that exit 0 on SIGUSR1. */
static void on_usr1_exit(int sig)
{
	(void)sig;
	_exit(0);
}

static void test_groups(void)
{
	enum { N = 4 };
	pid_t kids[N], leader;
	int ready[2], ok = 0, s;
	char c;

	/* kill(-pgid): the children share a group led by the first. */
	pipe(ready);
	for (int i = 0; i < N; i++) {
		kids[i] = fork();
		if (kids[i] == 0) {
			setpgid(0, i == 0 ? 0 : kids[0]);
			set_handler(SIGUSR1, on_usr1_exit, 0);
			(void)!write(ready[1], "r", 1);
			for (;;)
				pause();
		}
		setpgid(kids[i], kids[0]);
	}
	for (int i = 0; i < N; i++)
		(void)!read(ready[0], &c, 1);
	leader = kids[0];
	check("kill-minus-pgid", kill(-leader, SIGUSR1) == 0, "%s", strerror(errno));
	for (int i = 0; i < N; i++)
		if (waitpid(kids[i], &s, 0) == kids[i] && WIFEXITED(s) && WEXITSTATUS(s) == 0)
			ok++;
	check("kill-minus-pgid-reaches-all", ok == N, "%d of %d exited by the handler", ok, N);

	/* kill(0): a child makes its own group, forks N, and signals the group. */
	pid_t boss = fork();
	if (boss == 0) {
		int n = 0;

		setpgid(0, 0);
		signal(SIGUSR1, SIG_IGN);
		for (int i = 0; i < N; i++) {
			if ((kids[i] = fork()) == 0) {
				set_handler(SIGUSR1, on_usr1_exit, 0);
				(void)!write(ready[1], "r", 1);
				for (;;)
					pause();
			}
		}
		for (int i = 0; i < N; i++)
			(void)!read(ready[0], &c, 1);
		kill(0, SIGUSR1);
		for (int i = 0; i < N; i++)
			if (waitpid(kids[i], &s, 0) == kids[i] && WIFEXITED(s))
				n++;
		_exit(n);
	}
	waitpid(boss, &s, 0);
	check("kill-0-reaches-group", WIFEXITED(s) && WEXITSTATUS(s) == N, "status %#x", s);
	close(ready[0]);
	close(ready[1]);
}

static void test_sigkill(void)
{
	struct sigaction sa;
	int s;
	pid_t pid;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_plain;
	check_err("sigkill-cannot-be-caught", sigaction(SIGKILL, &sa, 0), EINVAL);
	pid = fork();
	if (pid == 0) {
		sigset_t all;
		sigfillset(&all);
		sigprocmask(SIG_BLOCK, &all, 0);
		for (;;)
			pause();
	}
	kill(pid, SIGKILL);
	waitpid(pid, &s, 0);
	check("sigkill-cannot-be-blocked", WIFSIGNALED(s) && WTERMSIG(s) == SIGKILL,
	      "status %#x", s);
}

static void test_altstack(void)
{
	static char stack[16384];
	stack_t ss = { 0 }, old;

	ss.ss_sp = stack;
	ss.ss_size = sizeof(stack);
	check("sigaltstack-set", sigaltstack(&ss, &old) == 0, "%s", strerror(errno));
	set_handler(SIGUSR1, on_plain, SA_ONSTACK);
	handler_stack = 0;
	raise(SIGUSR1);
	check("handler-on-alternate-stack",
	      (char *)handler_stack >= stack && (char *)handler_stack < stack + sizeof(stack),
	      "handler local at %p, stack %p..%p", handler_stack, (void *)stack,
	      (void *)(stack + sizeof(stack)));
	set_handler(SIGUSR1, on_plain, 0);
	handler_stack = 0;
	raise(SIGUSR1);
	check("handler-without-sa_onstack-on-normal-stack",
	      handler_stack && !((char *)handler_stack >= stack &&
	      (char *)handler_stack < stack + sizeof(stack)), "local at %p", handler_stack);
}

static void test_resethand(void)
{
	int s;
	pid_t pid = fork();

	if (pid == 0) {
		hits = 0;
		set_handler(SIGUSR1, on_plain, SA_RESETHAND);
		raise(SIGUSR1);
		if (hits != 1)
			_exit(3);
		raise(SIGUSR1);
		_exit(4);
	}
	waitpid(pid, &s, 0);
	check("sa_resethand-second-signal-default", WIFSIGNALED(s) && WTERMSIG(s) == SIGUSR1,
	      "status %#x", s);
}

int main(void)
{
	test_handler();
	test_mask();
	test_restart();
	test_groups();
	test_sigkill();
	test_altstack();
	test_resethand();
	return 0;
}
