/*
 * poll.c - poll, ppoll and pselect6 on pty masters and slaves and on
 * pipes: readiness, timeouts, hangups, and a signal ending the wait.
 */
#include "jc.h"
#include <sys/select.h>

static int poll1(int fd, short events, int ms)
{
	struct pollfd p = { .fd = fd, .events = events };
	int r = poll(&p, 1, ms);

	return r == 1 ? p.revents : r;
}

static volatile sig_atomic_t hits;

static void on_usr1(int sig)
{
	(void)sig;
	hits++;
}

static void pty_cases(void)
{
	char buf[32];
	int m, s, r;

	if (jc_open_pair(&m, &s) == -1)
		return;
	check("poll-master-writable", poll1(m, POLLOUT, 0) == POLLOUT, "revents %d",
	      poll1(m, POLLOUT, 0));
	check("poll-slave-writable", poll1(s, POLLOUT, 0) == POLLOUT, "revents %d",
	      poll1(s, POLLOUT, 0));
	check("poll-slave-empty-timeout", poll1(s, POLLIN, 20) == 0, "revents %d",
	      poll1(s, POLLIN, 0));
	check("poll-master-empty", poll1(m, POLLIN, 0) == 0, "revents %d",
	      poll1(m, POLLIN, 0));
	JC_TYPE(m, "ls\n");
	r = poll1(s, POLLIN, JC_LIMIT_MS);
	check("poll-slave-line", r & POLLIN, "revents %d", r);
	r = poll1(m, POLLIN, JC_LIMIT_MS);
	check("poll-master-echo", r & POLLIN, "revents %d (the echo)", r);
	jc_drain(m);
	(void)!read(s, buf, sizeof(buf));
	(void)!write(s, "out", 3);
	r = poll1(m, POLLIN, JC_LIMIT_MS);
	check("poll-master-output", r & POLLIN, "revents %d", r);
	jc_drain(m);
	close(s);
	r = poll1(m, POLLIN, JC_LIMIT_MS);
	check("poll-master-hup", r & POLLHUP, "revents 0x%x after the slave closed", r);
	r = read(m, buf, sizeof(buf));
	check("read-master-hup-eio", r == -1 && errno == EIO, "read %d (%s)", r,
	      strerror(errno));
	close(m);
	if (jc_open_pair(&m, &s) == -1)
		return;
	close(m);
	r = poll1(s, POLLIN, JC_LIMIT_MS);
	check("poll-slave-hup", r & POLLHUP, "revents 0x%x after the master closed", r);
	r = read(s, buf, sizeof(buf));
	check("read-slave-hup-eof", r == 0 || (r == -1 && errno == EIO),
	      "read %d (%s)", r, strerror(errno));
	close(s);
}

static void pipe_cases(void)
{
	struct timespec ts = { 0, 20000000 };
	struct timeval tv = { 0, 20000 };
	struct pollfd p[2];
	fd_set rd, wr;
	int fds[2], r;

	if (pipe(fds) == -1)
		return;
	p[0] = (struct pollfd){ .fd = fds[0], .events = POLLIN };
	p[1] = (struct pollfd){ .fd = fds[1], .events = POLLOUT };
	r = poll(p, 2, 0);
	check("poll-pipe-writable", r == 1 && p[1].revents == POLLOUT && !p[0].revents,
	      "r %d revents %d %d", r, p[0].revents, p[1].revents);
	r = ppoll(p, 1, &ts, 0);
	check("ppoll-timeout", r == 0, "ppoll returned %d", r);
	FD_ZERO(&rd);
	FD_SET(fds[0], &rd);
	r = pselect(fds[0] + 1, &rd, 0, 0, &ts, 0);
	check("pselect-timeout", r == 0 && !FD_ISSET(fds[0], &rd), "pselect returned %d", r);
	FD_ZERO(&rd);
	FD_SET(fds[0], &rd);
	r = select(fds[0] + 1, &rd, 0, 0, &tv);
	check("select-timeout", r == 0, "select returned %d", r);
	(void)!write(fds[1], "z", 1);
	FD_ZERO(&rd);
	FD_ZERO(&wr);
	FD_SET(fds[0], &rd);
	FD_SET(fds[1], &wr);
	r = pselect(fds[1] + 1, &rd, &wr, 0, 0, 0);
	check("pselect-ready", r == 2 && FD_ISSET(fds[0], &rd) && FD_ISSET(fds[1], &wr),
	      "pselect returned %d", r);
	close(fds[1]);
	r = poll1(fds[0], POLLIN, 0);
	check("poll-pipe-data-and-hup", (r & POLLIN) && (r & POLLHUP), "revents 0x%x", r);
	close(fds[0]);
}

/* A blocked signal, unblocked only during ppoll/pselect: EINTR at once. */
static void sigmask_cases(void)
{
	struct pollfd p;
	sigset_t block, during;
	fd_set rd;
	int fds[2], r;

	if (pipe(fds) == -1)
		return;
	jc_handle(SIGUSR1, on_usr1, SA_RESTART);
	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	sigprocmask(SIG_BLOCK, &block, &during);
	sigdelset(&during, SIGUSR1);
	kill(getpid(), SIGUSR1);
	p = (struct pollfd){ .fd = fds[0], .events = POLLIN };
	hits = 0;
	r = ppoll(&p, 1, 0, &during);
	check("ppoll-sigmask-eintr", r == -1 && errno == EINTR && hits == 1,
	      "ppoll %d (%s), handler ran %d times", r, strerror(errno), (int)hits);
	check("ppoll-mask-restored", jc_pending(SIGUSR1) == 0 && (kill(getpid(), SIGUSR1),
	      hits == 1), "SIGUSR1 delivered outside ppoll");
	FD_ZERO(&rd);
	FD_SET(fds[0], &rd);
	hits = 0;
	r = pselect(fds[0] + 1, &rd, 0, 0, 0, &during);
	check("pselect-sigmask-eintr", r == -1 && errno == EINTR && hits == 1,
	      "pselect %d (%s), handler ran %d times", r, strerror(errno), (int)hits);
	sigprocmask(SIG_UNBLOCK, &block, 0);
	close(fds[0]);
	close(fds[1]);
}

/* A signal to a process sleeping in poll: EINTR, even with SA_RESTART. */
static void interrupt_case(const char *name, int which)
{
	int m, s, st;
	pid_t pid;

	if (jc_open_pair(&m, &s) == -1)
		return;
	pid = jc_fork();
	if (pid == 0) {
		struct pollfd p = { .fd = which == 2 ? m : s, .events = POLLIN };
		struct timespec ts = { 30, 0 };
		fd_set rd;
		int r;

		hits = 0;
		jc_handle(SIGUSR1, on_usr1, SA_RESTART);
		FD_ZERO(&rd);
		FD_SET(s, &rd);
		if (which == 0)
			r = poll(&p, 1, -1);
		else if (which == 1)
			r = pselect(s + 1, &rd, 0, 0, &ts, 0);
		else
			r = ppoll(&p, 1, &ts, 0);
		_exit(r == -1 && errno == EINTR && hits == 1 ? 0 : 1);
	}
	jc_wait_sleeping(pid);
	kill(pid, SIGUSR1);
	jc_waitpid(pid, &st, 0);
	check(name, WIFEXITED(st) && WEXITSTATUS(st) == 0, "sleeper %s", jc_status(st));
	if (!WIFEXITED(st))
		jc_kill_reap(pid);
	close(m);
	close(s);
}

int main(void)
{
	pty_cases();
	pipe_cases();
	sigmask_cases();
	interrupt_case("poll-slave-eintr", 0);
	interrupt_case("pselect-slave-eintr", 1);
	interrupt_case("ppoll-master-eintr", 2);
	return 0;
}
