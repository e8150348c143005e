/*
 * events.c - waiting for many descriptors: epoll (level and edge
 * triggered, EPOLLONESHOT re-armed with EPOLL_CTL_MOD, EPOLLEXCLUSIVE with
 * two waiters, EPOLLRDHUP, an epoll inside another and the loop and depth
 * checks, watches that go with the file), eventfd (the counter, semaphore
 * mode, the 8-byte rule, overflow), timerfd (expirations counted, never
 * timed: absolute times already past, counts of at least one), signalfd
 * (a signal from another process with its pid and uid, the mask changed
 * through the same fd, the sender as a pid namespace sees it), and their
 * /proc/self/fd names and fdinfo lines.  Every errno is checked.  Run as
 * root; also natively on a Linux host (glibc), where Linux is the oracle.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <time.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/signalfd.h>
#include <sys/syscall.h>
#include <sys/timerfd.h>
#include <sys/wait.h>
#include "t.h"

#define NESTS_ALLOWED	5	/* epolls on one chain (Linux's EP_MAX_NESTS + 1) */

/* Wait until process pid sleeps ('S' in /proc/PID/stat): in a blocking call. */
static void wait_sleeping(pid_t pid)
{
	char path[64], buf[256];

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	for (;;) {
		FILE *f = fopen(path, "r");
		char *p = NULL;

		if (f) {
			p = fgets(buf, sizeof(buf), f) ? strrchr(buf, ')') : NULL;
			fclose(f);
		}
		if (!p || (p[1] == ' ' && p[2] == 'S'))
			return;
		usleep(1000);
	}
}

/* The state letter of pid ('S', 'R', 'Z' ...), or '?' once it is gone. */
static char proc_state(pid_t pid)
{
	char path[64], buf[256];
	char *p = NULL;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	f = fopen(path, "r");
	if (f) {
		p = fgets(buf, sizeof(buf), f) ? strrchr(buf, ')') : NULL;
		fclose(f);
	}
	return p && p[1] == ' ' ? p[2] : '?';
}

static int fd_link_is(int fd, const char *want)
{
	char path[64], buf[128];
	ssize_t n;

	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	n = readlink(path, buf, sizeof(buf) - 1);
	if (n < 0)
		return 0;
	buf[n] = 0;
	return strcmp(buf, want) == 0;
}

/* Does /proc/self/fdinfo/FD have the line want (or one that starts with
 * it, when prefix)? */
static int fdinfo_line(int fd, const char *want, int prefix)
{
	char path[64], line[256];
	int found = 0;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/self/fdinfo/%d", fd);
	f = fopen(path, "r");
	if (!f)
		return 0;
	while (!found && fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = 0;
		found = prefix ? strncmp(line, want, strlen(want)) == 0 : strcmp(line, want) == 0;
	}
	fclose(f);
	return found;
}

static int fdinfo_has(int fd, const char *want)
{
	return fdinfo_line(fd, want, 0);
}

static int ep_add(int ep, int fd, uint32_t events, uint64_t data)
{
	struct epoll_event ev = { .events = events, .data.u64 = data };

	return epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
}

/* epoll_wait with no waiting: the number of events, the first in *ev. */
static int ep_now(int ep, struct epoll_event *ev)
{
	struct epoll_event evs[8];
	int n = epoll_wait(ep, evs, 8, 0);

	if (ev)
		memset(ev, 0, sizeof(*ev));
	if (n > 0 && ev)
		*ev = evs[0];
	return n;
}

/* epoll_wait with no waiting, past the compiler's checks of the buffer. */
static long raw_epoll_wait(int ep, struct epoll_event *evs, long max)
{
	return syscall(SYS_epoll_pwait, ep, evs, max, 0, NULL, 8);
}

static void test_epoll_errors(void)
{
	struct epoll_event ev = { .events = EPOLLIN };
	int ep = epoll_create1(0), p[2], file;
	char name[64];

	check_err("epoll-create-size-0", epoll_create(0), EINVAL);
	check_err("epoll-create1-bad-flags", epoll_create1(1), EINVAL);
	int cl = epoll_create1(EPOLL_CLOEXEC);
	check("epoll-create1-cloexec", cl >= 0 && (fcntl(cl, F_GETFD) & FD_CLOEXEC), "fd %d", cl);
	close(cl);
	check("epoll-anon-name", fd_link_is(ep, "anon_inode:[eventpoll]"), "readlink");
	if (pipe(p) != 0)
		return;
	snprintf(name, sizeof(name), "%s/events-file", T_TMP);
	file = open(name, O_RDWR | O_CREAT | O_TRUNC, 0600);
	check_err("epoll-ctl-bad-epfd", epoll_ctl(-1, EPOLL_CTL_ADD, p[0], &ev), EBADF);
	check_err("epoll-ctl-bad-fd", epoll_ctl(ep, EPOLL_CTL_ADD, 999, &ev), EBADF);
	check_err("epoll-ctl-not-epoll", epoll_ctl(p[1], EPOLL_CTL_ADD, p[0], &ev), EINVAL);
	check_err("epoll-ctl-self", epoll_ctl(ep, EPOLL_CTL_ADD, ep, &ev), EINVAL);
	check_err("epoll-ctl-regular-file", epoll_ctl(ep, EPOLL_CTL_ADD, file, &ev), EPERM);
	check_err("epoll-ctl-bad-op", epoll_ctl(ep, 99, p[0], &ev), EINVAL);
	check_err("epoll-ctl-efault", epoll_ctl(ep, EPOLL_CTL_ADD, p[0], NULL), EFAULT);
	check_err("epoll-ctl-mod-missing", epoll_ctl(ep, EPOLL_CTL_MOD, p[0], &ev), ENOENT);
	check_err("epoll-ctl-del-missing", epoll_ctl(ep, EPOLL_CTL_DEL, p[0], NULL), ENOENT);
	check("epoll-ctl-add", epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev) == 0, "%s", strerror(errno));
	check_err("epoll-ctl-add-twice", epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev), EEXIST);
	char line[96];
	snprintf(line, sizeof(line), "tfd: %8d events: %8x data: %16llx  pos:0 ino:", p[0],
		 EPOLLIN | EPOLLERR | EPOLLHUP, 0ull);
	check("epoll-fdinfo", fdinfo_line(ep, line, 1), "no line \"%s\"", line);
	check_err("epoll-wait-maxevents-0", epoll_wait(ep, &ev, 0, 0), EINVAL);
	check_err("epoll-wait-maxevents-neg", raw_epoll_wait(ep, &ev, -1), EINVAL);
	check_err("epoll-wait-not-epoll", epoll_wait(p[0], &ev, 1, 0), EINVAL);
	check_err("epoll-wait-bad-fd", epoll_wait(-1, &ev, 1, 0), EBADF);
	check("epoll-wait-none-ready", epoll_wait(ep, &ev, 1, 0) == 0, "ready");
	check("epoll-wait-timeout", epoll_wait(ep, &ev, 1, 1) == 0, "ready");
	(void)!write(p[1], "x", 1);
	check_err("epoll-wait-efault", raw_epoll_wait(ep, NULL, 1), EFAULT);
	struct timespec bad = { 0, 1000000000 };
	check_err("epoll-pwait2-bad-timeout", epoll_pwait2(ep, &ev, 1, &bad, NULL), EINVAL);
	struct timespec zero = { 0, 0 };
	check("epoll-pwait2-ready", epoll_pwait2(ep, &ev, 1, &zero, NULL) == 1 &&
	      ev.events == EPOLLIN, "events %#x", ev.events);
	check("epoll-ctl-del", epoll_ctl(ep, EPOLL_CTL_DEL, p[0], NULL) == 0, "%s", strerror(errno));
	check("epoll-del-no-events", ep_now(ep, NULL) == 0, "still reported");
	close(file);
	unlink(name);
	close(p[0]);
	close(p[1]);
	close(ep);
}

/* Level triggered reports a readable pipe at every wait; edge triggered
 * once per write. */
static void test_level_edge(void)
{
	int ep = epoll_create1(0), lt[2], et[2];
	struct epoll_event ev = { 0 };
	char buf[8];

	if (pipe(lt) || pipe(et))
		return;
	ep_add(ep, lt[0], EPOLLIN, 0x1111222233334444ull);
	(void)!write(lt[1], "ab", 2);
	check("epoll-lt-first", ep_now(ep, &ev) == 1 && ev.events == EPOLLIN &&
	      ev.data.u64 == 0x1111222233334444ull, "events %#x data %llx", ev.events,
	      (unsigned long long)ev.data.u64);
	check("epoll-lt-again", ep_now(ep, &ev) == 1, "not reported again");
	(void)!read(lt[0], buf, 2);
	check("epoll-lt-drained", ep_now(ep, &ev) == 0, "still reported");
	epoll_ctl(ep, EPOLL_CTL_DEL, lt[0], NULL);

	ep_add(ep, et[0], EPOLLIN | EPOLLET, 7);
	(void)!write(et[1], "a", 1);
	check("epoll-et-first", ep_now(ep, &ev) == 1 && ev.data.u64 == 7, "none");
	check("epoll-et-once", ep_now(ep, &ev) == 0, "reported again without a write");
	(void)!write(et[1], "b", 1);
	check("epoll-et-new-write", ep_now(ep, &ev) == 1, "a new write not reported");
	check("epoll-et-once-more", ep_now(ep, &ev) == 0, "reported again");

	/* The writer goes: EPOLLHUP with what is left; a pipe has no RDHUP. */
	epoll_ctl(ep, EPOLL_CTL_DEL, et[0], NULL);
	ep_add(ep, et[0], EPOLLIN | EPOLLRDHUP, 8);
	close(et[1]);
	check("epoll-pipe-hup", ep_now(ep, &ev) == 1 && ev.events == (EPOLLIN | EPOLLHUP),
	      "events %#x", ev.events);
	/* The reader goes: the write end says EPOLLERR as well as EPOLLOUT. */
	ep_add(ep, lt[1], EPOLLOUT, 9);
	close(lt[0]);
	struct epoll_event evs[4];
	int n = epoll_wait(ep, evs, 4, 0), found = 0;
	for (int i = 0; i < n; i++)
		if (evs[i].data.u64 == 9)
			found = evs[i].events == (EPOLLOUT | EPOLLERR);
	check("epoll-pipe-err", found, "%d events", n);
	close(lt[1]);
	close(et[0]);
	close(ep);
}

static void on_usr1(int sig)
{
	(void)sig;
}

/* epoll_pwait's mask holds for the call: a pending signal it unblocks
 * interrupts the wait (EINTR, never restarted), and the old mask is back
 * afterwards.  A wait is woken by another process's write. */
static void test_wait(void)
{
	struct sigaction sa = { .sa_handler = on_usr1, .sa_flags = SA_RESTART };
	sigset_t block, empty, now;
	int ep = epoll_create1(0), p[2];
	struct epoll_event ev = { 0 };

	if (pipe(p))
		return;
	ep_add(ep, p[0], EPOLLIN, 11);
	sigaction(SIGUSR1, &sa, NULL);
	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	sigprocmask(SIG_BLOCK, &block, NULL);
	kill(getpid(), SIGUSR1);
	sigemptyset(&empty);
	check_err("epoll-pwait-eintr", epoll_pwait(ep, &ev, 1, -1, &empty), EINTR);
	sigprocmask(SIG_BLOCK, NULL, &now);
	check("epoll-pwait-mask-restored", sigismember(&now, SIGUSR1), "SIGUSR1 unblocked");
	sigprocmask(SIG_UNBLOCK, &block, NULL);
	sa.sa_handler = SIG_DFL;
	sigaction(SIGUSR1, &sa, NULL);

	pid_t parent = getpid(), pid = fork();
	if (pid == 0) {
		wait_sleeping(parent);
		_exit(write(p[1], "x", 1) == 1 ? 0 : 1);
	}
	check("epoll-wait-woken", epoll_wait(ep, &ev, 1, -1) == 1 && ev.data.u64 == 11,
	      "%s", strerror(errno));
	waitpid(pid, NULL, 0);
	close(p[0]);
	close(p[1]);
	close(ep);
}

/* A watch goes with the open file's last descriptor, not with the one
 * it was added by. */
static void test_close(void)
{
	int ep = epoll_create1(0), p[2], d;
	struct epoll_event ev = { 0 };

	if (pipe(p))
		return;
	d = dup(p[0]);
	ep_add(ep, d, EPOLLIN, 42);
	close(d);
	(void)!write(p[1], "x", 1);
	check("epoll-dup-closed-still-watched", ep_now(ep, &ev) == 1 && ev.data.u64 == 42,
	      "the watch went with one of two descriptors");
	close(p[0]);
	check("epoll-closed-unwatched", ep_now(ep, &ev) == 0, "a closed file still reported");
	int q[2];
	if (pipe(q))
		return;
	check("epoll-closed-fd-reusable", ep_add(ep, q[0], EPOLLIN, 1) == 0, "%s", strerror(errno));
	/* The last writer closing reaches readers: the watch holds no reference. */
	ep_add(ep, q[1], EPOLLOUT, 2);
	struct pollfd pfd = { q[0], POLLIN, 0 };
	close(q[1]);
	check("epoll-watch-holds-no-ref", poll(&pfd, 1, 0) == 1 && (pfd.revents & POLLHUP),
	      "revents %#x", pfd.revents);
	close(q[0]);
	close(p[1]);
	close(ep);
}

static void test_oneshot(void)
{
	int ep = epoll_create1(0), p[2];
	struct epoll_event ev = { .events = EPOLLIN | EPOLLONESHOT, .data.u64 = 5 };

	if (pipe(p))
		return;
	epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev);
	(void)!write(p[1], "x", 1);
	check("epoll-oneshot-first", ep_now(ep, &ev) == 1 && ev.data.u64 == 5, "none");
	check("epoll-oneshot-disabled", ep_now(ep, &ev) == 0, "reported again");
	(void)!write(p[1], "y", 1);
	check("epoll-oneshot-stays-disabled", ep_now(ep, &ev) == 0, "reported after a write");
	ev.events = EPOLLIN | EPOLLONESHOT;
	ev.data.u64 = 6;
	check("epoll-oneshot-mod", epoll_ctl(ep, EPOLL_CTL_MOD, p[0], &ev) == 0, "%s",
	      strerror(errno));
	check("epoll-oneshot-rearmed", ep_now(ep, &ev) == 1 && ev.data.u64 == 6, "none");
	check("epoll-oneshot-disabled-again", ep_now(ep, &ev) == 0, "reported again");
	close(p[0]);
	close(p[1]);
	close(ep);
}

/* A child waits in epoll_wait on its own epoll with an exclusive watch on
 * the pipe, says "done" on report when woken, and exits. */
static pid_t exclusive_waiter(int rfd, int report)
{
	pid_t pid = fork();

	if (pid == 0) {
		int ep = epoll_create1(0);
		struct epoll_event ev = { 0 };

		ep_add(ep, rfd, EPOLLIN | EPOLLEXCLUSIVE, 0);
		if (epoll_wait(ep, &ev, 1, -1) == 1)
			(void)!write(report, "w", 1);
		_exit(0);
	}
	return pid;
}

static void test_exclusive(void)
{
	int ep = epoll_create1(0), inner = epoll_create1(0), p[2], rep[2];
	struct epoll_event ev = { .events = EPOLLIN | EPOLLEXCLUSIVE };
	char c;

	if (pipe(p) || pipe(rep))
		return;
	ev.events = EPOLLIN | EPOLLEXCLUSIVE | EPOLLONESHOT;
	check_err("epoll-exclusive-oneshot", epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev), EINVAL);
	ev.events = EPOLLIN | EPOLLEXCLUSIVE | EPOLLRDHUP;
	check_err("epoll-exclusive-rdhup", epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev), EINVAL);
	ev.events = EPOLLIN | EPOLLEXCLUSIVE;
	check_err("epoll-exclusive-epoll", epoll_ctl(ep, EPOLL_CTL_ADD, inner, &ev), EINVAL);
	check_err("epoll-exclusive-mod-missing", epoll_ctl(ep, EPOLL_CTL_MOD, p[0], &ev), EINVAL);
	check("epoll-exclusive-add", epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev) == 0, "%s",
	      strerror(errno));
	ev.events = EPOLLIN;
	check_err("epoll-exclusive-mod", epoll_ctl(ep, EPOLL_CTL_MOD, p[0], &ev), EINVAL);
	close(ep);
	close(inner);

	/* Two waiters, one byte: one is woken, the other sleeps on. */
	pid_t a = exclusive_waiter(p[0], rep[1]), b = exclusive_waiter(p[0], rep[1]);
	wait_sleeping(a);
	wait_sleeping(b);
	(void)!write(p[1], "x", 1);
	check("epoll-exclusive-one-woken", read(rep[0], &c, 1) == 1, "no waiter woke");
	pid_t woken = waitpid(-1, NULL, 0), other = woken == a ? b : a;
	char st = proc_state(other);
	check("epoll-exclusive-other-sleeps", st == 'S', "the other is '%c'", st);
	/* Another wake-up reaches the second. */
	(void)!write(p[1], "y", 1);
	check("epoll-exclusive-second-woken", read(rep[0], &c, 1) == 1, "not woken");
	waitpid(other, NULL, 0);
	close(p[0]);
	close(p[1]);
	close(rep[0]);
	close(rep[1]);
}

static void test_nested(void)
{
	int outer = epoll_create1(0), inner = epoll_create1(0), p[2];
	struct epoll_event ev = { 0 };
	struct pollfd pfd = { inner, POLLIN, 0 };

	if (pipe(p))
		return;
	ep_add(inner, p[0], EPOLLIN, 1);
	check("epoll-nested-add", ep_add(outer, inner, EPOLLIN, 2) == 0, "%s", strerror(errno));
	check("epoll-nested-idle", ep_now(outer, &ev) == 0 && poll(&pfd, 1, 0) == 0,
	      "ready with nothing written");
	(void)!write(p[1], "x", 1);
	check("epoll-nested-ready", ep_now(outer, &ev) == 1 && ev.data.u64 == 2 &&
	      ev.events == EPOLLIN, "events %#x", ev.events);
	check("epoll-nested-poll", poll(&pfd, 1, 0) == 1 && pfd.revents == POLLIN,
	      "revents %#x", pfd.revents);
	check_err("epoll-nested-loop", ep_add(inner, outer, EPOLLIN, 3), ELOOP);
	char buf[4];
	(void)!read(p[0], buf, 1);
	check("epoll-nested-drained", ep_now(outer, &ev) == 0, "still ready");

	/* A chain of NESTS_ALLOWED epolls may be built, one more may not. */
	int chain[NESTS_ALLOWED + 1], ok = 1, i;
	chain[0] = epoll_create1(0);
	for (i = 1; i < NESTS_ALLOWED; i++) {
		chain[i] = epoll_create1(0);
		if (ep_add(chain[i], chain[i - 1], EPOLLIN, i) != 0)
			ok = 0;
	}
	check("epoll-nested-depth-ok", ok, "a chain of %d refused", NESTS_ALLOWED);
	chain[i] = epoll_create1(0);
	check_err("epoll-nested-too-deep", ep_add(chain[i], chain[i - 1], EPOLLIN, i), ELOOP);
	/* Nor may the chain grow from the top down. */
	check_err("epoll-nested-too-deep-above", ep_add(chain[0], outer, EPOLLIN, 0), ELOOP);
	for (i = 0; i <= NESTS_ALLOWED; i++)
		close(chain[i]);
	check_err("epoll-nested-self-loop", ep_add(inner, inner, EPOLLIN, 0), EINVAL);
	close(p[0]);
	close(p[1]);
	close(inner);
	close(outer);
}

/* A pseudo-terminal's two sides: what one writes the other's epoll sees. */
static void test_pty(void)
{
	int m = posix_openpt(O_RDWR | O_NOCTTY), sl, ep = epoll_create1(0);
	struct epoll_event ev = { 0 };
	char buf[16];

	if (m < 0 || grantpt(m) || unlockpt(m) || (sl = open(ptsname(m), O_RDWR | O_NOCTTY)) < 0) {
		check("epoll-pty", 0, "no pty: %s", strerror(errno));
		return;
	}
	ep_add(ep, m, EPOLLIN, 1);
	ep_add(ep, sl, EPOLLIN, 2);
	check("epoll-pty-idle", ep_now(ep, &ev) == 0, "data %llu ready", (unsigned long long)ev.data.u64);
	(void)!write(sl, "x", 1);
	/* Linux moves pty data in a worker: wait for it, do not poll. */
	check("epoll-pty-master", epoll_wait(ep, &ev, 1, -1) == 1 && ev.data.u64 == 1 &&
	      ev.events == EPOLLIN,
	      "events %#x data %llu", ev.events, (unsigned long long)ev.data.u64);
	(void)!read(m, buf, sizeof(buf));
	/* The slave alone (the master also gets the echo). */
	int ep2 = epoll_create1(0);
	ep_add(ep2, sl, EPOLLIN, 3);
	(void)!write(m, "y\n", 2);
	check("epoll-pty-slave", epoll_wait(ep2, &ev, 1, -1) == 1 && ev.data.u64 == 3 &&
	      ev.events == EPOLLIN, "events %#x", ev.events);
	close(ep2);
	close(sl);
	close(m);
	close(ep);
}

/* With sockets: EPOLLRDHUP when the peer shuts down its writing side
 * (skipped where AF_UNIX sockets do not exist yet; raw system calls, as
 * our libc has no <sys/socket.h> yet). */
#ifndef AF_UNIX
#define AF_UNIX		1
#define SOCK_STREAM	1
#define SHUT_WR		1
#endif
static void test_rdhup(void)
{
	int sv[2], ep = epoll_create1(0);
	struct epoll_event ev = { 0 };

	if (syscall(SYS_socketpair, AF_UNIX, SOCK_STREAM, 0, sv) != 0) {
		t_print("SKIP epoll-rdhup: socketpair: %s", strerror(errno));
		close(ep);
		return;
	}
	ep_add(ep, sv[0], EPOLLIN | EPOLLRDHUP, 1);
	check("epoll-rdhup-idle", ep_now(ep, &ev) == 0, "events %#x", ev.events);
	syscall(SYS_shutdown, sv[1], SHUT_WR);
	check("epoll-rdhup", ep_now(ep, &ev) == 1 && ev.events == (EPOLLIN | EPOLLRDHUP),
	      "events %#x", ev.events);
	close(sv[0]);
	close(sv[1]);
	close(ep);
}

static void test_eventfd(void)
{
	uint64_t v = 0;
	int efd = eventfd(3, EFD_NONBLOCK);
	char line[64];

	check_err("eventfd-bad-flags", eventfd(0, 0x10), EINVAL);
	check("eventfd-anon-name", fd_link_is(efd, "anon_inode:[eventfd]"), "readlink");
	check("eventfd-fdinfo-count", fdinfo_has(efd, "eventfd-count:                3"), "no line");
	check_err("eventfd-read-short", read(efd, &v, 4), EINVAL);
	check_err("eventfd-write-short", write(efd, &v, 4), EINVAL);
	v = ~0ull;
	check_err("eventfd-write-max", write(efd, &v, 8), EINVAL);
	check("eventfd-read-all", read(efd, &v, 8) == 8 && v == 3, "read %llu", (unsigned long long)v);
	check_err("eventfd-read-empty", read(efd, &v, 8), EAGAIN);
	v = 5;
	check("eventfd-write", write(efd, &v, 8) == 8, "%s", strerror(errno));
	v = 2;
	(void)!write(efd, &v, 8);
	char big[16];
	check("eventfd-read-long-buffer", read(efd, big, sizeof(big)) == 8 &&
	      *(uint64_t *)big == 7, "not 8 bytes of 7");
	/* The counter tops out at 2^64 - 2. */
	v = ~0ull - 1;
	check("eventfd-fill", write(efd, &v, 8) == 8, "%s", strerror(errno));
	struct pollfd pfd = { efd, POLLIN | POLLOUT, 0 };
	check("eventfd-full-poll", poll(&pfd, 1, 0) == 1 && pfd.revents == POLLIN,
	      "revents %#x", pfd.revents);
	v = 1;
	check_err("eventfd-overflow", write(efd, &v, 8), EAGAIN);
	v = 0;
	check("eventfd-add-zero", write(efd, &v, 8) == 8, "%s", strerror(errno));
	snprintf(line, sizeof(line), "eventfd-count: %16llx", (unsigned long long)(~0ull - 1));
	check("eventfd-fdinfo-full", fdinfo_has(efd, line), "no line");
	(void)!read(efd, &v, 8);
	close(efd);

	int sem = eventfd(3, EFD_SEMAPHORE | EFD_NONBLOCK | EFD_CLOEXEC), ok = 1;
	check("eventfd-cloexec", (fcntl(sem, F_GETFD) & FD_CLOEXEC) &&
	      (fcntl(sem, F_GETFL) & O_NONBLOCK), "flags");
	check("eventfd-fdinfo-semaphore", fdinfo_has(sem, "eventfd-semaphore: 1"), "no line");
	for (int i = 0; i < 3; i++)
		if (read(sem, &v, 8) != 8 || v != 1)
			ok = 0;
	check("eventfd-semaphore-ones", ok, "not three reads of 1");
	check_err("eventfd-semaphore-empty", read(sem, &v, 8), EAGAIN);
	close(sem);

	/* A blocked reader is woken by another process's write. */
	int b = eventfd(0, 0);
	pid_t parent = getpid(), pid = fork();
	if (pid == 0) {
		uint64_t one = 9;
		wait_sleeping(parent);
		_exit(write(b, &one, 8) == 8 ? 0 : 1);
	}
	check("eventfd-blocking-read", read(b, &v, 8) == 8 && v == 9, "read %llu",
	      (unsigned long long)v);
	waitpid(pid, NULL, 0);

	/* epoll on it, edge triggered: each write is one event. */
	int ep = epoll_create1(0);
	struct epoll_event ev = { 0 };
	ep_add(ep, b, EPOLLIN | EPOLLET, 3);
	v = 1;
	(void)!write(b, &v, 8);
	check("eventfd-epoll", ep_now(ep, &ev) == 1 && ev.events == EPOLLIN, "none");
	check("eventfd-epoll-et", ep_now(ep, &ev) == 0, "again");
	(void)!write(b, &v, 8);
	check("eventfd-epoll-et-again", ep_now(ep, &ev) == 1, "none after a write");
	close(ep);
	close(b);
}

static void test_timerfd(void)
{
	struct itimerspec its = { { 0, 0 }, { 0, 0 } }, old;
	uint64_t n = 0;
	int tfd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK), p[2];

	check_err("timerfd-bad-clock", timerfd_create(99, 0), EINVAL);
	check_err("timerfd-bad-flags", timerfd_create(CLOCK_MONOTONIC, 1), EINVAL);
	int bt = timerfd_create(CLOCK_BOOTTIME, TFD_CLOEXEC);
	check("timerfd-boottime", bt >= 0 && (fcntl(bt, F_GETFD) & FD_CLOEXEC), "%s", strerror(errno));
	close(bt);
	check("timerfd-anon-name", fd_link_is(tfd, "anon_inode:[timerfd]"), "readlink");
	check_err("timerfd-settime-bad-flags", timerfd_settime(tfd, 4, &its, NULL), EINVAL);
	its.it_value.tv_nsec = 1000000000;
	check_err("timerfd-settime-bad-nsec", timerfd_settime(tfd, 0, &its, NULL), EINVAL);
	its.it_value.tv_nsec = 0;
	check_err("timerfd-settime-efault", timerfd_settime(tfd, 0, NULL, NULL), EFAULT);
	if (pipe(p))
		return;
	check_err("timerfd-settime-not-timerfd", timerfd_settime(p[0], 0, &its, NULL), EINVAL);
	check_err("timerfd-gettime-not-timerfd", timerfd_gettime(p[0], &its), EINVAL);
	check_err("timerfd-gettime-bad-fd", timerfd_gettime(-1, &its), EBADF);
	close(p[0]);
	close(p[1]);
	check_err("timerfd-read-unarmed", read(tfd, &n, 8), EAGAIN);
	check_err("timerfd-read-short", read(tfd, &n, 4), EINVAL);
	check("timerfd-fdinfo-unarmed", fdinfo_has(tfd, "clockid: 1") && fdinfo_has(tfd, "ticks: 0") &&
	      fdinfo_has(tfd, "settime flags: 00") && fdinfo_has(tfd, "it_value: (0, 0)") &&
	      fdinfo_has(tfd, "it_interval: (0, 0)"), "lines");

	/* An absolute time already past: one expiry. */
	its.it_value.tv_sec = 0;
	its.it_value.tv_nsec = 1;
	timerfd_settime(tfd, TFD_TIMER_ABSTIME, &its, NULL);
	struct pollfd pfd = { tfd, POLLIN, 0 };
	check("timerfd-past-poll", poll(&pfd, 1, -1) == 1 && pfd.revents == POLLIN,
	      "revents %#x", pfd.revents);
	check("timerfd-past-one", read(tfd, &n, 8) == 8 && n == 1, "count %llu",
	      (unsigned long long)n);
	check_err("timerfd-read-cleared", read(tfd, &n, 8), EAGAIN);
	check("timerfd-gettime-expired", timerfd_gettime(tfd, &its) == 0 && its.it_value.tv_sec == 0 &&
	      its.it_value.tv_nsec == 0, "it_value %ld.%09ld", (long)its.it_value.tv_sec,
	      its.it_value.tv_nsec);

	/* Far ahead: gettime says what is left, settime what was set. */
	its = (struct itimerspec){ { 0, 0 }, { 1000, 0 } };
	timerfd_settime(tfd, 0, &its, NULL);
	check("timerfd-gettime-left", timerfd_gettime(tfd, &its) == 0 && its.it_value.tv_sec <= 1000 &&
	      (its.it_value.tv_sec > 0 || its.it_value.tv_nsec > 0) && its.it_interval.tv_sec == 0,
	      "it_value %ld", (long)its.it_value.tv_sec);
	its = (struct itimerspec){ { 0, 0 }, { 0, 0 } };
	check("timerfd-settime-old", timerfd_settime(tfd, 0, &its, &old) == 0 &&
	      old.it_value.tv_sec <= 1000 && old.it_value.tv_sec > 0, "old %ld",
	      (long)old.it_value.tv_sec);
	check_err("timerfd-disarmed", read(tfd, &n, 8), EAGAIN);

	/* A period from a time long past: every period counted at once. */
	its = (struct itimerspec){ { 0, 1000000 }, { 0, 1 } };
	timerfd_settime(tfd, TFD_TIMER_ABSTIME, &its, NULL);
	poll(&pfd, 1, -1);
	check("timerfd-overruns", read(tfd, &n, 8) == 8 && n >= 1, "count %llu",
	      (unsigned long long)n);
	/* It goes on: a blocking read gets at least one more. */
	int fl = fcntl(tfd, F_GETFL);
	fcntl(tfd, F_SETFL, fl & ~O_NONBLOCK);
	check("timerfd-interval", read(tfd, &n, 8) == 8 && n >= 1, "count %llu",
	      (unsigned long long)n);
	check("timerfd-gettime-interval", timerfd_gettime(tfd, &its) == 0 &&
	      its.it_interval.tv_nsec == 1000000, "interval %ld", its.it_interval.tv_nsec);
	check("timerfd-fdinfo-armed", fdinfo_has(tfd, "settime flags: 01") &&
	      fdinfo_has(tfd, "it_interval: (0, 1000000)"), "lines");
	/* A period of 1 ns neither stops the machine nor loses a count. */
	its = (struct itimerspec){ { 0, 1 }, { 0, 1 } };
	timerfd_settime(tfd, 0, &its, NULL);
	uint64_t first = 0;
	check("timerfd-1ns-period", read(tfd, &first, 8) == 8 && first >= 1 &&
	      read(tfd, &n, 8) == 8 && n >= 1, "counts %llu %llu", (unsigned long long)first,
	      (unsigned long long)n);
	its = (struct itimerspec){ { 0, 0 }, { 0, 0 } };
	timerfd_settime(tfd, 0, &its, NULL);
	close(tfd);

	/* CLOCK_REALTIME, absolute, in the past (1970), with CANCEL_ON_SET. */
	tfd = timerfd_create(CLOCK_REALTIME, 0);
	its = (struct itimerspec){ { 0, 0 }, { 1, 0 } };
	check("timerfd-realtime-cancel-on-set",
	      timerfd_settime(tfd, TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET, &its, NULL) == 0,
	      "%s", strerror(errno));
	check("timerfd-realtime-past", read(tfd, &n, 8) == 8 && n == 1, "count %llu",
	      (unsigned long long)n);
	/* epoll sees it too. */
	int ep = epoll_create1(0);
	struct epoll_event ev = { 0 };
	ep_add(ep, tfd, EPOLLIN, 4);
	check("timerfd-epoll-idle", ep_now(ep, &ev) == 0, "ready with no expiry");
	timerfd_settime(tfd, TFD_TIMER_ABSTIME, &its, NULL);
	check("timerfd-epoll", epoll_wait(ep, &ev, 1, -1) == 1 && ev.data.u64 == 4, "none");
	close(ep);
	close(tfd);
}

/* The child sends SIGUSR1 to parent once it sleeps, and exits. */
static pid_t signal_sender(pid_t parent, int sig)
{
	pid_t pid = fork();

	if (pid == 0) {
		wait_sleeping(parent);
		_exit(kill(parent, sig) == 0 ? 0 : 1);
	}
	return pid;
}

static void test_signalfd(void)
{
	sigset_t set, pend;
	struct signalfd_siginfo si;
	int sfd, p[2];
	uint64_t small = 0;

	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigaddset(&set, SIGUSR2);
	sigprocmask(SIG_BLOCK, &set, NULL);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	check_err("signalfd-bad-flags", signalfd(-1, &set, 1), EINVAL);
	check_err("signalfd-bad-size", syscall(SYS_signalfd4, -1, &set, 4, 0), EINVAL);
	check_err("signalfd-efault", syscall(SYS_signalfd4, -1, NULL, 8, 0), EFAULT);
	check_err("signalfd-bad-fd", signalfd(999, &set, 0), EBADF);
	if (pipe(p))
		return;
	check_err("signalfd-not-signalfd", signalfd(p[0], &set, 0), EINVAL);
	close(p[0]);
	close(p[1]);
	sfd = signalfd(-1, &set, SFD_NONBLOCK);
	check("signalfd-anon-name", fd_link_is(sfd, "anon_inode:[signalfd]"), "readlink");
	check("signalfd-fdinfo", fdinfo_has(sfd, "sigmask:\t0000000000000200"), "no line");
	check_err("signalfd-read-none", read(sfd, &si, sizeof(si)), EAGAIN);
	check_err("signalfd-read-short", read(sfd, &small, sizeof(small)), EINVAL);

	/* A signal from another process: its pid and uid. */
	int fl = fcntl(sfd, F_GETFL);
	fcntl(sfd, F_SETFL, fl & ~O_NONBLOCK);
	pid_t child = signal_sender(getpid(), SIGUSR1);
	ssize_t n = read(sfd, &si, sizeof(si));
	check("signalfd-read", n == sizeof(si) && si.ssi_signo == SIGUSR1 && si.ssi_code == SI_USER,
	      "n %zd signo %u code %d", n, si.ssi_signo, si.ssi_code);
	check("signalfd-sender-pid", si.ssi_pid == (uint32_t)child, "pid %u, want %d",
	      si.ssi_pid, (int)child);
	check("signalfd-sender-uid", si.ssi_uid == getuid(), "uid %u", si.ssi_uid);
	waitpid(child, NULL, 0);
	fcntl(sfd, F_SETFL, fl | O_NONBLOCK);

	/* The mask changes through the same fd; other signals stay pending. */
	sigemptyset(&set);
	sigaddset(&set, SIGUSR2);
	check("signalfd-new-mask", signalfd(sfd, &set, 0) == sfd, "%s", strerror(errno));
	check("signalfd-fdinfo-new-mask", fdinfo_has(sfd, "sigmask:\t0000000000000800"), "no line");
	kill(getpid(), SIGUSR1);
	kill(getpid(), SIGUSR2);
	struct signalfd_siginfo two[2];
	n = read(sfd, two, sizeof(two));
	check("signalfd-mask-only", n == sizeof(si) && two[0].ssi_signo == SIGUSR2, "n %zd signo %u",
	      n, two[0].ssi_signo);
	sigpending(&pend);
	check("signalfd-other-pending", sigismember(&pend, SIGUSR1), "SIGUSR1 not pending");
	struct pollfd pfd = { sfd, POLLIN, 0 };
	check("signalfd-poll-idle", poll(&pfd, 1, 0) == 0, "revents %#x", pfd.revents);
	sigaddset(&set, SIGUSR1);
	signalfd(sfd, &set, 0);
	check("signalfd-poll", poll(&pfd, 1, 0) == 1 && pfd.revents == POLLIN, "revents %#x",
	      pfd.revents);
	int ep = epoll_create1(0);
	struct epoll_event ev = { 0 };
	ep_add(ep, sfd, EPOLLIN, 5);
	check("signalfd-epoll", ep_now(ep, &ev) == 1 && ev.data.u64 == 5, "none");
	n = read(sfd, two, sizeof(two));
	check("signalfd-read-pending", n == sizeof(si) && two[0].ssi_signo == SIGUSR1, "n %zd", n);
	check("signalfd-epoll-drained", ep_now(ep, &ev) == 0, "still ready");
	/* Woken through epoll by another process's signal. */
	child = signal_sender(getpid(), SIGUSR2);
	check("signalfd-epoll-wait", epoll_wait(ep, &ev, 1, -1) == 1, "%s", strerror(errno));
	waitpid(child, NULL, 0);
	(void)!read(sfd, two, sizeof(two));
	close(ep);
	close(sfd);
}

/* The reader in a pid namespace (not its init, which Linux shields) sends
 * its pid as the outer /proc names it, then reads a signal sent from
 * outside: the sender has no pid there, so ssi_pid is 0. */
static int pidns_reader(int rep)
{
	sigset_t set;
	struct signalfd_siginfo si;
	char self[32] = "";

	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_BLOCK, &set, NULL);
	int sfd = signalfd(-1, &set, 0);
	if (sfd < 0 || readlink("/proc/self", self, sizeof(self) - 1) <= 0)
		return 3;
	(void)!write(rep, self, sizeof(self));
	if (read(sfd, &si, sizeof(si)) != sizeof(si))
		return 2;
	return si.ssi_pid == 0 && si.ssi_signo == SIGUSR1 ? 0 : 1;
}

static void test_signalfd_pidns(void)
{
	int rep[2], status = -1;
	char self[32];
	pid_t pid;

	if (pipe(rep) || unshare(CLONE_NEWPID) != 0) {
		check("signalfd-pidns", 0, "unshare: %s", strerror(errno));
		return;
	}
	pid = fork();
	if (pid == 0) {
		/* The namespace's init: waits for the reader. */
		pid_t r = fork();
		if (r == 0)
			_exit(pidns_reader(rep[1]));
		int st = -1;
		waitpid(r, &st, 0);
		_exit(WIFEXITED(st) ? WEXITSTATUS(st) : 4);
	}
	if (read(rep[0], self, sizeof(self)) == sizeof(self)) {
		pid_t reader = atoi(self);
		wait_sleeping(reader);
		kill(reader, SIGUSR1);
	}
	waitpid(pid, &status, 0);
	check("signalfd-pidns", WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "status %#x (1: a pid outside the namespace was shown)", status);
	close(rep[0]);
	close(rep[1]);
}

int main(void)
{
	test_epoll_errors();
	test_level_edge();
	test_wait();
	test_close();
	test_oneshot();
	test_exclusive();
	test_nested();
	test_pty();
	test_rdhup();
	test_eventfd();
	test_timerfd();
	test_signalfd();
	test_signalfd_pidns();
	return 0;
}
