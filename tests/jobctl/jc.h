/*
 * jc.h - helpers shared by the job-control tests.  Every test program of
 * tests/jobctl builds twice: with our libc for the guest, and with the host
 * gcc against glibc, so that each assertion is first checked against the
 * real Linux kernel.  Checks and their PASS/FAIL lines are
 * tests/check.h's (check, check_err, check_errno).
 *
 * Nothing here waits for a fixed time to pass.  Where a test needs another
 * process to be asleep inside a system call before it sends a signal, it
 * watches the state letter of /proc/PID/stat (jc_wait_sleeping); where it
 * needs data, it blocks on it (with poll and a generous limit, so that a
 * broken kernel turns into a FAIL line instead of a hung test).
 */
#ifndef JOBCTL_JC_H
#define JOBCTL_JC_H

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include "../check.h"

/* How long a blocking helper waits before it calls the kernel broken. */
#define JC_LIMIT_MS 10000
#define JC_GUARD_S  10
/* Every child of a test dies of SIGALRM by then if nobody killed it, so a
 * stray one never keeps the test's output pipe open (and the run waiting). */
#define JC_STRAY_S  40

/* The name the jobctl tests use for a line of their own. */
#define jc_say check_say

/* A readable description of a wait status, for FAIL lines. */
static inline const char *jc_status(int st)
{
	static char buf[4][64];
	static int next;
	char *b = buf[next++ & 3];

	if (WIFEXITED(st))
		snprintf(b, sizeof(buf[0]), "exited %d", WEXITSTATUS(st));
	else if (WIFSIGNALED(st))
		snprintf(b, sizeof(buf[0]), "killed by %d%s", WTERMSIG(st),
			 WCOREDUMP(st) ? " (core)" : "");
	else if (WIFSTOPPED(st))
		snprintf(b, sizeof(buf[0]), "stopped by %d", WSTOPSIG(st));
	else if (WIFCONTINUED(st))
		snprintf(b, sizeof(buf[0]), "continued");
	else
		snprintf(b, sizeof(buf[0]), "status 0x%x", st);
	return b;
}

/*
 * A guard: SIGALRM after JC_GUARD_S seconds interrupts a call that should
 * have returned, so that a kernel bug costs one FAIL line, not the whole
 * program.  jc_guard_on saves the caller's SIGALRM action; jc_guard_off
 * puts it back.
 */
static volatile sig_atomic_t jc_guard_fired;
static unsigned int jc_guard_saved;

static inline void jc_guard_alarm(int sig)
{
	(void)sig;
	jc_guard_fired = 1;
}

static inline void jc_guard_on(struct sigaction *old)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = jc_guard_alarm;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGALRM, &sa, old);
	jc_guard_fired = 0;
	jc_guard_saved = alarm(JC_GUARD_S);
}

static inline void jc_guard_off(const struct sigaction *old)
{
	alarm(jc_guard_saved);
	sigaction(SIGALRM, old, 0);
}

/* fork, with the stray-child timer set in the child. */
static inline pid_t jc_fork(void)
{
	pid_t pid = fork();

	if (pid == 0)
		alarm(JC_STRAY_S);
	return pid;
}

/* waitpid that retries on EINTR, but gives up when the guard fires. */
static inline pid_t jc_waitpid(pid_t pid, int *st, int options)
{
	struct sigaction old;
	pid_t r;

	*st = -1;
	if (options & WNOHANG)
		return waitpid(pid, st, options);
	jc_guard_on(&old);
	do
		r = waitpid(pid, st, options);
	while (r == -1 && errno == EINTR && !jc_guard_fired);
	jc_guard_off(&old);
	return r;
}

/* A read that may block, cut short by the guard (-1, EINTR). */
static inline ssize_t jc_guarded_read(int fd, void *buf, size_t len)
{
	struct sigaction old;
	ssize_t n;

	jc_guard_on(&old);
	n = read(fd, buf, len);
	jc_guard_off(&old);
	return n;
}

/* Kill a process (or group, pid < 0) and reap what can be reaped. */
static inline void jc_kill_reap(pid_t pid)
{
	int st;

	if (pid == 0 || pid == -1)
		return;
	kill(pid, SIGKILL);
	kill(pid, SIGCONT);
	if (pid > 0)
		jc_waitpid(pid, &st, 0);
	else
		while (jc_waitpid(pid, &st, WNOHANG) > 0)
			;
}

/* Wait until fd is readable; 1 when it is, 0 after the limit. */
static inline int jc_readable(int fd, int limit_ms)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	int r;

	do
		r = poll(&p, 1, limit_ms);
	while (r == -1 && errno == EINTR);
	return r > 0;
}

/*
 * Read from fd until len bytes arrived, or end of file, or nothing more
 * came within the limit.  Returns the count read (NUL-terminates buf, which
 * must hold len + 1 bytes).
 */
static inline size_t jc_read_n(int fd, char *buf, size_t len)
{
	size_t got = 0;
	ssize_t n;

	while (got < len && jc_readable(fd, JC_LIMIT_MS)) {
		n = read(fd, buf + got, len - got);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		got += n;
	}
	buf[got] = 0;
	return got;
}

/* Read what is available right now (after it became readable), once. */
static inline ssize_t jc_read_some(int fd, char *buf, size_t len)
{
	ssize_t n;

	if (!jc_readable(fd, JC_LIMIT_MS))
		return -2;
	do
		n = read(fd, buf, len);
	while (n == -1 && errno == EINTR);
	if (n >= 0)
		buf[n] = 0;
	return n;
}

/* Show control characters of s in a FAIL line. */
static inline const char *jc_vis(const char *s, size_t n)
{
	static char buf[4][200];
	static int next;
	char *b = buf[next++ & 3];
	size_t o = 0;

	for (size_t i = 0; i < n && o + 5 < sizeof(buf[0]); i++) {
		unsigned char c = s[i];

		if (c == '\n')
			o += snprintf(b + o, 5, "\\n");
		else if (c == '\r')
			o += snprintf(b + o, 5, "\\r");
		else if (c < 32 || c >= 127)
			o += snprintf(b + o, 6, "\\x%02x", c);
		else
			b[o++] = c;
	}
	b[o] = 0;
	return b;
}

/* One byte over a pipe: the simplest "I am ready" between processes. */
static inline void jc_post(int fd)
{
	(void)!write(fd, "x", 1);
}

/* Wait for jc_post on fd; 1 when it came, 0 at end of file or the limit. */
static inline int jc_await(int fd)
{
	char c;
	ssize_t n;

	if (!jc_readable(fd, JC_LIMIT_MS))
		return 0;
	do
		n = read(fd, &c, 1);
	while (n == -1 && errno == EINTR);
	return n == 1;
}

/* The state letter of /proc/PID/stat ('R', 'S', 'T', 'Z'...), or 0. */
static inline char jc_proc_state(pid_t pid)
{
	char path[64], buf[512], *p;
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	fd = open(path, O_RDONLY);
	if (fd == -1)
		return 0;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return 0;
	buf[n] = 0;
	p = strrchr(buf, ')');
	if (!p || p[1] != ' ')
		return 0;
	return p[2];
}

/*
 * Wait until pid sleeps (state S) in the blocking call it announced: the
 * way to know that a signal will interrupt that call rather than arrive
 * before it.  Returns 1 when it sleeps, 0 if it never did.
 */
static inline int jc_wait_sleeping(pid_t pid)
{
	struct timespec ts = { 0, 1000000 };

	for (int i = 0; i < JC_LIMIT_MS; i++) {
		if (jc_proc_state(pid) == 'S')
			return 1;
		nanosleep(&ts, 0);
	}
	return 0;
}

/* Wait until pid is stopped (state T) without reaping its status. */
static inline int jc_wait_stopped(pid_t pid)
{
	struct timespec ts = { 0, 1000000 };

	for (int i = 0; i < JC_LIMIT_MS; i++) {
		char s = jc_proc_state(pid);

		if (s == 'T' || s == 't')
			return 1;
		nanosleep(&ts, 0);
	}
	return 0;
}

/*
 * Open a new pseudo-terminal pair.  The master is returned; the slave's
 * path goes to name.  The caller opens the slave itself, because whether
 * that open gives it a controlling terminal is part of what is tested.
 */
static inline int jc_open_master(char *name, size_t len)
{
	char *p;
	int m = posix_openpt(O_RDWR | O_NOCTTY);

	if (m == -1) {
		jc_say("FAIL jc-posix-openpt: %s", strerror(errno));
		return -1;
	}
	if (grantpt(m) == -1 || unlockpt(m) == -1 || !(p = ptsname(m))) {
		jc_say("FAIL jc-unlockpt: %s", strerror(errno));
		close(m);
		return -1;
	}
	snprintf(name, len, "%s", p);
	return m;
}

/* Open both ends without giving anyone a controlling terminal. */
static inline int jc_open_pair(int *m, int *s)
{
	char name[64];

	*m = jc_open_master(name, sizeof(name));
	if (*m == -1)
		return -1;
	*s = open(name, O_RDWR | O_NOCTTY);
	if (*s == -1) {
		jc_say("FAIL jc-open-slave: %s: %s", name, strerror(errno));
		close(*m);
		return -1;
	}
	return 0;
}

/* Write all of s to fd (a master, usually: "typing" on the terminal). */
static inline int jc_type(int fd, const char *s, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, s, n);

		if (w == -1 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		s += w;
		n -= w;
	}
	return 0;
}

#define JC_TYPE(fd, lit) jc_type((fd), (lit), sizeof(lit) - 1)

/* Read and drop whatever the master has to show right now (echo). */
static inline void jc_drain(int fd)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	char buf[256];

	while (poll(&p, 1, 0) == 1 && (p.revents & POLLIN))
		if (read(fd, buf, sizeof(buf)) <= 0)
			break;
}

/* Put a signal back to its default action and unblock it. */
static inline void jc_default(int sig)
{
	struct sigaction sa;
	sigset_t set;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = SIG_DFL;
	sigaction(sig, &sa, 0);
	sigemptyset(&set);
	sigaddset(&set, sig);
	sigprocmask(SIG_UNBLOCK, &set, 0);
}

/* Install handler for sig with flags. */
static inline int jc_handle(int sig, void (*handler)(int), unsigned long flags)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = handler;
	sa.sa_flags = flags;
	sigemptyset(&sa.sa_mask);
	return sigaction(sig, &sa, 0);
}

static inline void jc_block(int sig, int how)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, sig);
	sigprocmask(how, &set, 0);
}

/* Is sig pending for the calling thread or process? */
static inline int jc_pending(int sig)
{
	sigset_t set;

	sigemptyset(&set);
	return sigpending(&set) == 0 && sigismember(&set, sig);
}

/* Read exactly n bytes from a pipe (fewer at end of file or error). */
static inline int jc_read_exact(int fd, char *buf, int n)
{
	int got = 0;

	while (got < n) {
		ssize_t r = read(fd, buf + got, n - got);

		if (r == -1 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		got += r;
	}
	return got;
}

/* Wait for one byte on fd (a reply); 1 when it came. */
static inline int jc_await_byte(int fd, char *c)
{
	if (!jc_readable(fd, 3 * JC_LIMIT_MS))
		return 0;
	return jc_read_exact(fd, c, 1) == 1;
}

/*
 * A terminal session.  jc_session() plays the terminal emulator: it opens a
 * pty master, forks a "shell" that calls setsid() and opens the slave (so
 * the slave becomes its controlling terminal), and then serves the shell's
 * requests on two pipes: type these bytes on the keyboard (the master), or
 * wait until the screen (what the master read) shows a string.  The shell
 * function runs the scenario and prints its own checks.  The terminal also
 * keeps a slave descriptor (O_NOCTTY) so that the master never sees a
 * hangup while the scenario starts and ends processes.
 */
static int jc_req_fd = -1, jc_rep_fd = -1;	/* in the shell process */
static char jc_slave_name[64];			/* in both */

static inline int jc_request(const char *op, size_t oplen)
{
	char r;

	if (write(jc_req_fd, op, oplen) != (ssize_t)oplen)
		return 0;
	return jc_await_byte(jc_rep_fd, &r) && r == '1';
}

/* Type n bytes on the terminal's keyboard (at most 250). */
static inline int jc_key(const char *s, size_t n)
{
	char op[256];

	op[0] = 'T';
	op[1] = (char)n;
	memcpy(op + 2, s, n);
	return jc_request(op, n + 2);
}

#define JC_KEY(lit) jc_key((lit), sizeof(lit) - 1)

/* Wait until the screen shows s since the last jc_screen_clear(). */
static inline int jc_screen_shows(const char *s)
{
	char op[256];
	size_t n = strlen(s);

	op[0] = 'W';
	op[1] = (char)n;
	memcpy(op + 2, s, n);
	return jc_request(op, n + 2);
}

static inline int jc_screen_clear(void)
{
	char op[2] = { 'C', 0 };

	return jc_request(op, 2);
}

/* What the terminal saw on the screen, searched without strstr (NULs). */
struct jc_screen {
	char buf[8192];
	size_t len;
};

static inline int jc_screen_has(const struct jc_screen *sc, const char *s,
				size_t n)
{
	for (size_t i = 0; i + n <= sc->len; i++)
		if (memcmp(sc->buf + i, s, n) == 0)
			return 1;
	return 0;
}

static inline int jc_screen_read(struct jc_screen *sc, int master)
{
	char buf[1024];
	ssize_t n = read(master, buf, sizeof(buf));

	if (n <= 0)
		return 0;
	if (sc->len + n > sizeof(sc->buf))
		sc->len = 0;	/* old output is of no interest */
	memcpy(sc->buf + sc->len, buf, n);
	sc->len += n;
	return 1;
}

/* Serve one request; 0 when the shell closed its end. */
static inline int jc_serve(struct jc_screen *sc, int master, int req, int rep)
{
	unsigned char hdr[2];
	char arg[256], ok = '1';
	int len;

	if (jc_read_exact(req, (char *)hdr, 2) != 2)
		return 0;
	len = hdr[1];
	if (len && jc_read_exact(req, arg, len) != len)
		return 0;
	if (hdr[0] == 'T') {
		ok = jc_type(master, arg, len) == 0 ? '1' : '0';
	} else if (hdr[0] == 'C') {
		sc->len = 0;
	} else if (hdr[0] == 'W') {
		while (!jc_screen_has(sc, arg, len))
			if (!jc_readable(master, JC_LIMIT_MS) ||
			    !jc_screen_read(sc, master)) {
				ok = '0';
				break;
			}
	}
	return write(rep, &ok, 1) == 1;
}

/*
 * Run shell(tty) in a new session whose controlling terminal is a fresh
 * pty slave (tty is the shell's descriptor for it), and serve it until it
 * exits.  Returns the shell's wait status, or -1.
 */
static inline int jc_session(const char *name, void (*shell)(int tty))
{
	int req[2], rep[2], master, keep, st = -1;
	struct jc_screen *sc;
	pid_t pid;

	master = jc_open_master(jc_slave_name, sizeof(jc_slave_name));
	if (master == -1)
		return -1;
	keep = open(jc_slave_name, O_RDWR | O_NOCTTY);
	if (keep == -1 || pipe(req) == -1 || pipe(rep) == -1) {
		jc_say("FAIL %s: setup: %s", name, strerror(errno));
		close(master);
		return -1;
	}
	pid = jc_fork();
	if (pid == 0) {
		int tty;

		close(master);
		close(keep);
		close(req[0]);
		close(rep[1]);
		jc_req_fd = req[1];
		jc_rep_fd = rep[0];
		if (setsid() == -1) {
			jc_say("FAIL %s: setsid: %s", name, strerror(errno));
			_exit(1);
		}
		tty = open(jc_slave_name, O_RDWR);
		if (tty == -1) {
			jc_say("FAIL %s: open %s: %s", name, jc_slave_name,
			       strerror(errno));
			_exit(1);
		}
		shell(tty);
		_exit(0);
	}
	close(req[1]);
	close(rep[0]);
	sc = calloc(1, sizeof(*sc));
	if (pid > 0 && sc) {
		for (;;) {
			struct pollfd p[2] = { { .fd = master, .events = POLLIN },
					       { .fd = req[0], .events = POLLIN } };

			int r = poll(p, 2, 3 * JC_LIMIT_MS);

			if (r == -1 && errno == EINTR)
				continue;
			if (r <= 0) {
				jc_say("FAIL %s: the shell hangs", name);
				kill(pid, SIGKILL);
				break;
			}
			if (p[0].revents & POLLIN)
				jc_screen_read(sc, master);
			if (p[1].revents && !jc_serve(sc, master, req[0], rep[1]))
				break;
		}
		if (jc_waitpid(pid, &st, 0) != pid) {
			kill(pid, SIGKILL);
			waitpid(pid, &st, 0);
		}
		if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
			jc_say("FAIL %s: the shell %s", name, jc_status(st));
	} else {
		jc_say("FAIL %s: fork: %s", name, strerror(errno));
	}
	free(sc);
	close(req[0]);
	close(rep[1]);
	close(keep);
	close(master);
	return st;
}

#endif
