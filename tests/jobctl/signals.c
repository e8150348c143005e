/*
 * signals.c - signal delivery as job control relies on it: restarting or
 * interrupting blocked calls, the SIGCHLD siginfo, handler flags, the
 * signals nobody can catch, kill's process-group forms, automatic reaping,
 * waitid, rt_sigtimedwait / rt_sigqueueinfo, pause, alarm, setitimer and
 * sigaltstack.  Where a signal must interrupt a blocked call, the sender
 * first waits until the receiver sleeps in it (jc_wait_sleeping).
 */
#include "jc.h"
#include <sys/syscall.h>
#include <sys/time.h>

static int note[2];		/* a handler writes one byte here */

static void note_handler(int sig)
{
	char c = (char)sig;

	(void)!write(note[1], &c, 1);
}

/* How a blocked call ended, as the child's exit status. */
enum { ENDED_DATA, ENDED_EINTR, ENDED_OTHER };

/*
 * A child blocks reading fd with a SIGUSR1 handler installed with flags;
 * the parent interrupts it, then makes data available with feed().
 */
static void restart_case(const char *name, unsigned long flags, int fd,
			 int feed_fd, const char *data, int want)
{
	char buf[16];
	pid_t pid;
	int st;

	pid = jc_fork();
	if (pid == 0) {
		ssize_t n;

		jc_handle(SIGUSR1, note_handler, flags);
		n = read(fd, buf, sizeof(buf));
		_exit(n > 0 ? ENDED_DATA : n == -1 && errno == EINTR ? ENDED_EINTR :
		      ENDED_OTHER);
	}
	if (!jc_wait_sleeping(pid)) {
		check(name, 0, "the reader never slept (state %c)", jc_proc_state(pid));
		jc_kill_reap(pid);
		return;
	}
	kill(pid, SIGUSR1);
	jc_await(note[0]);
	jc_type(feed_fd, data, strlen(data));
	jc_waitpid(pid, &st, 0);
	check(name, WIFEXITED(st) && WEXITSTATUS(st) == want,
	      "reader %s (0: read data, 1: EINTR, 2: other), want %d",
	      jc_status(st), want);
}

static void restart(void)
{
	int p[2], m, s;
	struct termios t;
	char buf[16];

	if (pipe(p) == -1 || jc_open_pair(&m, &s) == -1)
		return;
	restart_case("restart-pipe", SA_RESTART, p[0], p[1], "x", ENDED_DATA);
	restart_case("eintr-pipe", 0, p[0], p[1], "y", ENDED_EINTR);
	(void)!read(p[0], buf, sizeof(buf));
	tcgetattr(s, &t);
	t.c_lflag &= ~ECHO;
	tcsetattr(s, TCSANOW, &t);
	restart_case("restart-pty", SA_RESTART, s, m, "line\n", ENDED_DATA);
	restart_case("eintr-pty", 0, s, m, "more\n", ENDED_EINTR);
	close(p[0]);
	close(p[1]);
	close(m);
	close(s);
}

static void nanosleep_remaining(void)
{
	pid_t pid = jc_fork();
	int st;

	if (pid == 0) {
		struct timespec req = { 30, 0 }, rem = { -1, -1 };
		int r;

		jc_handle(SIGUSR1, note_handler, SA_RESTART);
		r = nanosleep(&req, &rem);
		if (r != -1 || errno != EINTR)
			_exit(1);
		_exit(rem.tv_sec >= 0 && rem.tv_sec <= 30 && rem.tv_nsec >= 0 &&
		      rem.tv_nsec < 1000000000 && rem.tv_sec + rem.tv_nsec > 0 ? 0 : 2);
	}
	jc_wait_sleeping(pid);
	kill(pid, SIGUSR1);
	jc_waitpid(pid, &st, 0);
	jc_await(note[0]);
	check("nanosleep-eintr-remaining", WIFEXITED(st) && WEXITSTATUS(st) == 0,
	      "sleeper %s (1: not EINTR, 2: bad remaining time)", jc_status(st));
}

/* SIGCHLD with SA_SIGINFO: the fields for exit, kill, stop and continue. */
static siginfo_t chld_info;
static volatile sig_atomic_t chld_hits;

static void chld_handler(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	chld_info = *si;
	chld_hits++;
}

static void await_chld(void)
{
	struct sigaction old;
	sigset_t mask;
	int before = chld_hits;

	sigprocmask(SIG_SETMASK, 0, &mask);
	sigdelset(&mask, SIGCHLD);
	sigdelset(&mask, SIGALRM);
	jc_guard_on(&old);
	while (chld_hits == before && !jc_guard_fired)
		sigsuspend(&mask);
	jc_guard_off(&old);
	if (chld_hits == before)
		memset(&chld_info, 0, sizeof(chld_info));
}

static void chld_case(const char *name, pid_t pid, int code, int status)
{
	check(name, chld_info.si_signo == SIGCHLD && chld_info.si_code == code &&
	      chld_info.si_pid == pid && chld_info.si_uid == getuid() &&
	      chld_info.si_status == status,
	      "signo %d code %d pid %d uid %d status %d, want code %d pid %d "
	      "uid %d status %d", chld_info.si_signo, chld_info.si_code,
	      (int)chld_info.si_pid, (int)chld_info.si_uid, chld_info.si_status,
	      code, (int)pid, (int)getuid(), status);
}

static void sigchld_info(void)
{
	struct sigaction sa;
	pid_t pid;
	int st;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = chld_handler;
	sa.sa_flags = SA_SIGINFO | SA_RESTART;
	sigemptyset(&sa.sa_mask);
	jc_block(SIGCHLD, SIG_BLOCK);
	sigaction(SIGCHLD, &sa, 0);
	pid = jc_fork();
	if (pid == 0)
		_exit(42);
	await_chld();
	chld_case("sigchld-exited", pid, CLD_EXITED, 42);
	waitpid(pid, &st, 0);
	pid = jc_fork();
	if (pid == 0)
		for (;;)
			pause();
	kill(pid, SIGSTOP);
	await_chld();
	chld_case("sigchld-stopped", pid, CLD_STOPPED, SIGSTOP);
	waitpid(pid, &st, WUNTRACED);
	kill(pid, SIGCONT);
	await_chld();
	chld_case("sigchld-continued", pid, CLD_CONTINUED, SIGCONT);
	kill(pid, SIGKILL);
	await_chld();
	chld_case("sigchld-killed", pid, CLD_KILLED, SIGKILL);
	waitpid(pid, &st, 0);
	jc_default(SIGCHLD);
}

/* SA_NODEFER lets the handler nest; without it the second waits. */
static volatile int depth, max_depth, calls;

static void nest_handler(int sig)
{
	calls++;
	if (++depth > max_depth)
		max_depth = depth;
	if (calls == 1)
		kill(getpid(), sig);
	depth--;
}

static void mask_handler(int sig)
{
	sigset_t in;

	(void)sig;
	sigprocmask(SIG_SETMASK, 0, &in);
	calls = sigismember(&in, SIGUSR1) * 1 + sigismember(&in, SIGUSR2) * 2;
}

static void handler_flags(void)
{
	struct sigaction sa, now;
	sigset_t after;
	pid_t pid;
	int st;

	calls = depth = max_depth = 0;
	jc_handle(SIGUSR1, nest_handler, SA_NODEFER);
	kill(getpid(), SIGUSR1);
	check("sa-nodefer-nests", calls == 2 && max_depth == 2,
	      "calls %d, deepest %d, want 2 and 2", calls, max_depth);
	calls = depth = max_depth = 0;
	jc_handle(SIGUSR1, nest_handler, 0);
	kill(getpid(), SIGUSR1);
	check("sa-defer-waits", calls == 2 && max_depth == 1,
	      "calls %d, deepest %d, want 2 and 1", calls, max_depth);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = mask_handler;
	sigemptyset(&sa.sa_mask);
	sigaddset(&sa.sa_mask, SIGUSR2);
	sigaction(SIGUSR1, &sa, 0);
	kill(getpid(), SIGUSR1);
	sigprocmask(SIG_SETMASK, 0, &after);
	check("sa-mask-in-handler", calls == 3, "in the handler: SIGUSR1 %s, SIGUSR2 %s",
	      calls & 1 ? "blocked" : "not blocked", calls & 2 ? "blocked" : "not blocked");
	check("sa-mask-restored", !sigismember(&after, SIGUSR1) &&
	      !sigismember(&after, SIGUSR2), "mask not restored after the handler");
	calls = 5;	/* the handler raises again only on its first call */
	depth = max_depth = 0;
	jc_handle(SIGUSR2, nest_handler, SA_RESETHAND);
	kill(getpid(), SIGUSR2);
	sigaction(SIGUSR2, 0, &now);
	calls -= 5;
	check("sa-resethand", calls == 1 && now.sa_handler == SIG_DFL,
	      "calls %d, handler now %s", calls,
	      now.sa_handler == SIG_DFL ? "SIG_DFL" : "still set");
	jc_default(SIGUSR1);
	jc_default(SIGUSR2);
	pid = jc_fork();
	if (pid == 0) {
		calls = 0;
		jc_handle(SIGUSR1, nest_handler, SA_RESETHAND | SA_NODEFER);
		kill(getpid(), SIGUSR1);
		_exit(0);
	}
	jc_waitpid(pid, &st, 0);
	check("sa-resethand-second-kills", WIFSIGNALED(st) && WTERMSIG(st) == SIGUSR1,
	      "child %s", jc_status(st));
}

/* SIGKILL and SIGSTOP: no handler, no SIG_IGN, no blocking. */
static void uncatchable(void)
{
	struct sigaction sa;
	sigset_t all, now;
	pid_t pid;
	int st;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = note_handler;
	check_err("sigkill-handler-einval", sigaction(SIGKILL, &sa, 0), EINVAL);
	check_err("sigstop-handler-einval", sigaction(SIGSTOP, &sa, 0), EINVAL);
	sa.sa_handler = SIG_IGN;
	check_err("sigkill-ignore-einval", sigaction(SIGKILL, &sa, 0), EINVAL);
	check_err("sigstop-ignore-einval", sigaction(SIGSTOP, &sa, 0), EINVAL);
	check("sigkill-query", sigaction(SIGKILL, 0, &sa) == 0 && sa.sa_handler == SIG_DFL,
	      "sigaction(SIGKILL, 0, &old): %s", strerror(errno));
	check_err("sigaction-zero-einval", sigaction(0, 0, &sa), EINVAL);
	check_err("sigaction-65-einval", sigaction(65, 0, &sa), EINVAL);
	pid = jc_fork();
	if (pid == 0) {
		sigfillset(&all);
		sigprocmask(SIG_SETMASK, &all, 0);
		sigprocmask(SIG_SETMASK, 0, &now);
		if (sigismember(&now, SIGKILL) || sigismember(&now, SIGSTOP))
			_exit(1);
		for (;;)
			pause();
	}
	kill(pid, SIGSTOP);
	jc_waitpid(pid, &st, WUNTRACED);
	check("sigstop-not-blockable", WIFSTOPPED(st) && WSTOPSIG(st) == SIGSTOP,
	      "child blocking everything %s", jc_status(st));
	kill(pid, SIGCONT);
	jc_waitpid(pid, &st, WCONTINUED);
	check("sigcont-with-all-blocked", WIFCONTINUED(st), "child %s", jc_status(st));
	kill(pid, SIGKILL);
	jc_waitpid(pid, &st, 0);
	check("sigkill-not-blockable", WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL,
	      "child blocking everything %s (exit 1: mask kept SIGKILL/SIGSTOP)",
	      jc_status(st));
}

/* Two members that die of the default action, in group pgid (0: own). */
static pid_t victim(pid_t pgid)
{
	pid_t pid = jc_fork();

	if (pid == 0) {
		setpgid(0, pgid);
		jc_default(SIGUSR1);
		jc_default(SIGUSR2);
		for (;;)
			pause();
	}
	setpgid(pid, pgid ? pgid : pid);
	return pid;
}

static int killed_by(pid_t pid, int sig)
{
	int st;

	return jc_waitpid(pid, &st, 0) == pid && WIFSIGNALED(st) && WTERMSIG(st) == sig;
}

static void kill_forms_child(void)
{
	pid_t a, b, g;

	/* kill(0): our own group. */
	setpgid(0, 0);
	a = victim(getpgrp());
	b = victim(getpgrp());
	signal(SIGUSR1, SIG_IGN);
	check("kill-zero-sends", kill(0, SIGUSR1) == 0, "kill(0): %s", strerror(errno));
	check("kill-zero-group", killed_by(a, SIGUSR1) && killed_by(b, SIGUSR1),
	      "a member of the group survived");
	/* kill(-pgid): another group; we are not in it. */
	signal(SIGUSR1, SIG_DFL);
	a = victim(0);
	b = victim(a);
	g = a;
	check("kill-negative-pgid", kill(-g, SIGUSR2) == 0 && killed_by(a, SIGUSR2) &&
	      killed_by(b, SIGUSR2), "kill(-%d): %s", (int)g, strerror(errno));
	check_err("kill-empty-group-esrch", kill(-g, SIGUSR2), ESRCH);
	check_err("killpg-empty-group-esrch", killpg(g, 0), ESRCH);
}

/*
 * kill(-1) reaches every process we may signal: done as a uid nobody else
 * uses, so that it reaches only our own children.
 */
#define LONELY_UID 54321

static void kill_all_child(void)
{
	pid_t a, b;

	if (setgid(LONELY_UID) == -1 || setuid(LONELY_UID) == -1) {
		check("kill-all-setuid", 0, "setuid %d: %s", LONELY_UID, strerror(errno));
		return;
	}
	a = victim(0);
	b = victim(0);
	signal(SIGUSR1, SIG_DFL);
	check("kill-all-sends", kill(-1, SIGUSR1) == 0, "kill(-1): %s", strerror(errno));
	check("kill-all-reaches", killed_by(a, SIGUSR1) && killed_by(b, SIGUSR1),
	      "a child survived kill(-1)");
	check_err("kill-other-uid-eperm", kill(1, 0), EPERM);
}

static void in_child(const char *name, void (*fn)(void))
{
	pid_t pid = jc_fork();
	int st;

	if (pid == 0) {
		fn();
		_exit(0);
	}
	if (jc_waitpid(pid, &st, 0) != pid) {
		jc_say("FAIL %s: the test process hangs", name);
		jc_kill_reap(pid);
	} else if (!WIFEXITED(st) || WEXITSTATUS(st)) {
		jc_say("FAIL %s: the test process %s", name, jc_status(st));
	}
}

/* kill(pid, 0) once the exited, auto-reaped pid is gone: Linux may still
 * be releasing it for a moment after wait() has returned, so ask again
 * for a while before taking the answer. */
static int kill_gone(pid_t pid)
{
	for (int i = 0; i < JC_LIMIT_MS && kill(pid, 0) == 0; i++)
		usleep(1000);
	return kill(pid, 0);
}

/* SIGCHLD ignored or SA_NOCLDWAIT: children leave no zombie; wait: ECHILD. */
static void autoreap_ign(void)
{
	pid_t pid;

	signal(SIGCHLD, SIG_IGN);
	pid = jc_fork();
	if (pid == 0)
		_exit(3);
	check_err("sigchld-ign-echild", wait(0), ECHILD);
	check_err("sigchld-ign-no-zombie", kill_gone(pid), ESRCH);
}

static void autoreap_nocldwait(void)
{
	struct sigaction sa;
	pid_t pid;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = SIG_DFL;
	sa.sa_flags = SA_NOCLDWAIT;
	sigaction(SIGCHLD, &sa, 0);
	pid = jc_fork();
	if (pid == 0)
		_exit(3);
	check_err("sa-nocldwait-echild", wait(0), ECHILD);
	check_err("sa-nocldwait-no-zombie", kill_gone(pid), ESRCH);
}

static void waitid_cases(void)
{
	siginfo_t si;
	pid_t pid;
	int r, go[2];

	pid = jc_fork();
	if (pid == 0)
		_exit(7);
	memset(&si, 0, sizeof(si));
	r = waitid(P_PID, pid, &si, WEXITED | WNOWAIT);
	check("waitid-wnowait", r == 0 && si.si_pid == pid && si.si_code == CLD_EXITED &&
	      si.si_status == 7 && si.si_signo == SIGCHLD, "r %d pid %d code %d status %d",
	      r, (int)si.si_pid, si.si_code, si.si_status);
	memset(&si, 0, sizeof(si));
	r = waitid(P_ALL, 0, &si, WEXITED);
	check("waitid-after-wnowait", r == 0 && si.si_pid == pid && si.si_status == 7,
	      "r %d pid %d status %d", r, (int)si.si_pid, si.si_status);
	check_err("waitid-reaped-echild", waitid(P_PID, pid, &si, WEXITED), ECHILD);
	check_err("waitid-no-flags-einval", waitid(P_ALL, 0, &si, 0), EINVAL);
	if (pipe(go) == -1)
		return;
	pid = jc_fork();
	if (pid == 0) {
		setpgid(0, 0);
		raise(SIGSTOP);
		jc_await(go[0]);
		_exit(9);
	}
	setpgid(pid, pid);
	memset(&si, 0, sizeof(si));
	r = waitid(P_PGID, pid, &si, WSTOPPED);
	check("waitid-wstopped", r == 0 && si.si_pid == pid && si.si_code == CLD_STOPPED &&
	      si.si_status == SIGSTOP, "r %d pid %d code %d status %d", r,
	      (int)si.si_pid, si.si_code, si.si_status);
	memset(&si, 0xff, sizeof(si));
	r = waitid(P_PID, pid, &si, WSTOPPED | WNOHANG);
	check("waitid-wnohang-nothing", r == 0 && si.si_pid == 0,
	      "r %d pid %d (a stop is reported once)", r, (int)si.si_pid);
	kill(pid, SIGCONT);
	memset(&si, 0, sizeof(si));
	r = waitid(P_PID, pid, &si, WCONTINUED);
	check("waitid-wcontinued", r == 0 && si.si_pid == pid &&
	      si.si_code == CLD_CONTINUED && si.si_status == SIGCONT,
	      "r %d pid %d code %d status %d", r, (int)si.si_pid, si.si_code,
	      si.si_status);
	jc_post(go[1]);
	close(go[1]);
	close(go[0]);
	memset(&si, 0, sizeof(si));
	r = waitid(P_PID, pid, &si, WEXITED);
	check("waitid-exit-9", r == 0 && si.si_status == 9 && si.si_code == CLD_EXITED,
	      "r %d code %d status %d", r, si.si_code, si.si_status);
}

#define RT_SIG 40

static void sigwait_cases(void)
{
	struct timespec zero = { 0, 0 }, short_wait = { 0, 20000000 };
	siginfo_t si, in;
	sigset_t set;
	pid_t pid;
	int r, st;

	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigaddset(&set, SIGUSR2);
	sigaddset(&set, RT_SIG);
	sigprocmask(SIG_BLOCK, &set, 0);
	kill(getpid(), SIGUSR1);
	memset(&si, 0, sizeof(si));
	r = sigtimedwait(&set, &si, &zero);
	check("sigtimedwait-pending", r == SIGUSR1 && si.si_signo == SIGUSR1 &&
	      si.si_code == SI_USER && si.si_pid == getpid() && si.si_uid == getuid(),
	      "r %d signo %d code %d pid %d", r, si.si_signo, si.si_code, (int)si.si_pid);
	check_err("sigtimedwait-none-eagain", sigtimedwait(&set, &si, &zero), EAGAIN);
	check_err("sigtimedwait-timeout-eagain", sigtimedwait(&set, &si, &short_wait),
		  EAGAIN);
	memset(&in, 0, sizeof(in));
	in.si_signo = SIGUSR2;
	in.si_code = SI_QUEUE;
	in.si_pid = getpid();
	in.si_uid = getuid();
	in.si_value.sival_int = 1234;
	r = syscall(SYS_rt_sigqueueinfo, getpid(), SIGUSR2, &in);
	check("rt-sigqueueinfo", r == 0, "rt_sigqueueinfo: %s", strerror(errno));
	memset(&si, 0, sizeof(si));
	r = sigtimedwait(&set, &si, &zero);
	check("rt-sigqueueinfo-received", r == SIGUSR2 && si.si_code == SI_QUEUE &&
	      si.si_value.sival_int == 1234, "r %d code %d value %d", r, si.si_code,
	      si.si_value.sival_int);
	pid = jc_fork();
	if (pid == 0)
		for (;;)
			pause();
	in.si_code = SI_USER;
	check_err("rt-sigqueueinfo-other-si-user-eperm",
		  syscall(SYS_rt_sigqueueinfo, pid, SIGUSR2, &in), EPERM);
	jc_kill_reap(pid);
	(void)st;
	/* Real-time signals queue; standard ones merge. */
	kill(getpid(), RT_SIG);
	kill(getpid(), RT_SIG);
	kill(getpid(), SIGUSR1);
	kill(getpid(), SIGUSR1);
	r = 0;
	while (sigtimedwait(&set, &si, &zero) > 0)
		r += si.si_signo == RT_SIG ? 10 : 1;
	check("rt-signals-queue", r == 21, "got %d real-time and %d SIGUSR1, want 2 and 1",
	      r / 10, r % 10);
	sigprocmask(SIG_UNBLOCK, &set, 0);
}

static volatile sig_atomic_t alarms;

static void on_alarm(int sig)
{
	(void)sig;
	alarms++;
}

static void pause_eintr(void)
{
	pid_t pid;
	int st;

	pid = jc_fork();
	if (pid == 0) {
		jc_handle(SIGUSR1, note_handler, SA_RESTART);
		_exit(pause() == -1 && errno == EINTR ? 0 : 1);
	}
	jc_wait_sleeping(pid);
	kill(pid, SIGUSR1);
	jc_waitpid(pid, &st, 0);
	jc_await(note[0]);
	check("pause-eintr", WIFEXITED(st) && WEXITSTATUS(st) == 0, "child %s",
	      jc_status(st));
}

/* In a child: if SIGALRM never comes, the parent's guard ends it. */
static void alarm_child(void)
{
	struct itimerval it = { { 0, 0 }, { 0, 30000 } }, cur;
	unsigned int left;

	alarm(0);
	alarm(10);
	left = alarm(0);
	check("alarm-remaining", left == 10 || left == 9, "alarm(0) returned %u", left);
	jc_handle(SIGALRM, on_alarm, 0);
	alarms = 0;
	alarm(1);
	while (alarms == 0)
		pause();
	check("alarm-fires", alarms == 1, "%d SIGALRM", (int)alarms);
	alarms = 0;
	check("setitimer", setitimer(ITIMER_REAL, &it, 0) == 0, "setitimer: %s",
	      strerror(errno));
	check("getitimer", getitimer(ITIMER_REAL, &cur) == 0 &&
	      (cur.it_value.tv_sec || cur.it_value.tv_usec || alarms),
	      "getitimer: %s", strerror(errno));
	while (alarms == 0)
		pause();
	check("setitimer-fires", alarms == 1, "%d SIGALRM", (int)alarms);
	jc_default(SIGALRM);
}

/* A handler with SA_ONSTACK runs on the alternate stack. */
static char *alt_base;
static size_t alt_size;
static volatile int on_alt, alt_flag;

static void alt_handler(int sig)
{
	char here;
	stack_t cur;

	(void)sig;
	on_alt = &here >= alt_base && &here < alt_base + alt_size;
	alt_flag = sigaltstack(0, &cur) == 0 && (cur.ss_flags & SS_ONSTACK);
}

static void altstack(void)
{
	stack_t ss, cur;

	alt_size = 64 * 1024;
	alt_base = malloc(alt_size);
	if (!alt_base)
		return;
	ss.ss_sp = alt_base;
	ss.ss_size = alt_size;
	ss.ss_flags = 0;
	check("sigaltstack-set", sigaltstack(&ss, 0) == 0, "sigaltstack: %s",
	      strerror(errno));
	jc_handle(SIGUSR1, alt_handler, SA_ONSTACK);
	kill(getpid(), SIGUSR1);
	check("sigaltstack-used", on_alt, "the handler ran on the normal stack");
	check("sigaltstack-ss-onstack", alt_flag, "SS_ONSTACK not reported inside");
	check("sigaltstack-after", sigaltstack(0, &cur) == 0 && !(cur.ss_flags & SS_ONSTACK) &&
	      cur.ss_sp == alt_base, "flags %d", cur.ss_flags);
	ss.ss_size = 100;
	check_err("sigaltstack-small-enomem", sigaltstack(&ss, 0), ENOMEM);
	ss.ss_flags = SS_DISABLE;
	sigaltstack(&ss, 0);
	jc_default(SIGUSR1);
}

int main(void)
{
	if (pipe(note) == -1)
		return 1;
	restart();
	nanosleep_remaining();
	sigchld_info();
	handler_flags();
	uncatchable();
	in_child("kill-forms", kill_forms_child);
	in_child("kill-all", kill_all_child);
	in_child("sigchld-ign", autoreap_ign);
	in_child("sa-nocldwait", autoreap_nocldwait);
	waitid_cases();
	sigwait_cases();
	pause_eintr();
	in_child("alarm", alarm_child);
	altstack();
	return 0;
}
