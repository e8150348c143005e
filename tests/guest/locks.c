/*
 * locks.c - POSIX record locks through fcntl: conflicts between processes,
 * shared read locks, an owner's locks split and trimmed, F_GETLK's report,
 * release on close of any descriptor of the file, F_SETLKW waiting for the
 * holder and interrupted by a signal, and several processes incrementing a
 * counter file under the lock without losing an update.  Runs natively on
 * a Linux host too, where Linux is the oracle.
 */
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include "t.h"

static char file[200];

static int lk(int fd, int cmd, short type, off_t start, off_t len)
{
	struct flock fl = { .l_type = type, .l_whence = SEEK_SET, .l_start = start, .l_len = len };

	return fcntl(fd, cmd, &fl);
}

/* F_GETLK for [start, start+len) as the caller: the struct filled in. */
static struct flock getlk(int fd, short type, off_t start, off_t len)
{
	struct flock fl = { .l_type = type, .l_whence = SEEK_SET, .l_start = start, .l_len = len };

	if (fcntl(fd, F_GETLK, &fl) != 0)
		fl.l_type = -1;
	return fl;
}

/* Run fn in a child process and return its exit status. */
static int in_child(int (*fn)(void *), void *arg)
{
	int status;
	pid_t pid = fork();

	if (pid == 0)
		_exit(fn(arg));
	if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

static int try_write_lock(void *arg)
{
	off_t *r = arg;
	int fd = open(file, O_RDWR);

	if (fd < 0)
		return 99;
	if (lk(fd, F_SETLK, F_WRLCK, r[0], r[1]) == 0)
		return 0;
	return errno == EAGAIN || errno == EACCES ? 1 : 98;
}

static int try_read_lock(void *arg)
{
	off_t *r = arg;
	int fd = open(file, O_RDONLY);

	if (fd < 0)
		return 99;
	return lk(fd, F_SETLK, F_RDLCK, r[0], r[1]) == 0 ? 0 : 1;
}

struct report { pid_t pid; short type; off_t start, len; };

static int report_getlk(void *arg)
{
	struct report *want = arg;
	int fd = open(file, O_RDONLY);
	struct flock fl = getlk(fd, F_WRLCK, want->start, want->len);

	if (fl.l_type == F_UNLCK && want->type == F_UNLCK)
		return 0;
	if (fl.l_type != want->type || fl.l_pid != want->pid || fl.l_start != want->start ||
	    fl.l_len != want->len) {
		check_say("INFO getlk: type %d pid %d start %lld len %lld", fl.l_type, fl.l_pid,
			  (long long)fl.l_start, (long long)fl.l_len);
		return 1;
	}
	return 0;
}

static void test_basic(void)
{
	int fd = open(file, O_RDWR | O_CREAT | O_TRUNC, 0644);
	off_t whole[2] = { 0, 0 }, head[2] = { 0, 10 }, mid[2] = { 40, 20 }, tail[2] = { 200, 10 };

	check("lock-write", lk(fd, F_SETLK, F_WRLCK, 0, 100) == 0, "F_SETLK: %s", strerror(errno));
	check("lock-conflict-write", in_child(try_write_lock, head) == 1, "another process locked");
	check("lock-conflict-read", in_child(try_read_lock, head) == 1, "read lock under a write lock");
	check("lock-outside-range", in_child(try_write_lock, tail) == 0, "past the range refused");
	struct report r = { getpid(), F_WRLCK, 0, 100 };
	check("lock-getlk-reports-holder", in_child(report_getlk, &r) == 0, "F_GETLK report wrong");
	struct flock own = getlk(fd, F_WRLCK, 0, 0);
	check("lock-getlk-own-unlocked", own.l_type == F_UNLCK, "type %d", own.l_type);
	/* Unlocking the middle splits the lock in two. */
	check("lock-split", lk(fd, F_SETLK, F_UNLCK, 40, 20) == 0, "unlock: %s", strerror(errno));
	check("lock-split-middle-free", in_child(try_write_lock, mid) == 0, "middle still locked");
	struct report left = { getpid(), F_WRLCK, 0, 40 }, right = { getpid(), F_WRLCK, 60, 40 };
	check("lock-split-left", in_child(report_getlk, &left) == 0, "left part wrong");
	check("lock-split-right", in_child(report_getlk, &right) == 0, "right part wrong");
	/* Downgrade to a read lock: readers share it, writers still wait. */
	check("lock-downgrade", lk(fd, F_SETLK, F_RDLCK, 0, 0) == 0, "%s", strerror(errno));
	check("lock-read-shared", in_child(try_read_lock, whole) == 0, "read lock refused");
	check("lock-read-excludes-write", in_child(try_write_lock, whole) == 1, "write lock given");
	/* Closing any descriptor of the file drops the process's locks. */
	int other = open(file, O_RDONLY);
	close(other);
	check("lock-close-releases", in_child(try_write_lock, whole) == 0,
	      "lock kept after a close");
	int ro = open(file, O_RDONLY);
	check_err("lock-write-on-readonly", lk(ro, F_SETLK, F_WRLCK, 0, 0), EBADF);
	check_err("lock-bad-type", lk(fd, F_SETLK, 42, 0, 0), EINVAL);
	close(ro);
	close(fd);
}

static void on_alarm(int sig)
{
	(void)sig;
}

/* F_SETLKW waits for the holder, and a signal ends the wait with EINTR. */
static void test_wait(void)
{
	int fd = open(file, O_RDWR), p[2];

	if (lk(fd, F_SETLK, F_WRLCK, 0, 0) != 0 || pipe(p) != 0) {
		check_say("FAIL lock-wait-setup: %s", strerror(errno));
		return;
	}
	pid_t pid = fork();
	if (pid == 0) {
		int cfd = open(file, O_RDWR);
		close(p[0]);
		if (lk(cfd, F_SETLKW, F_WRLCK, 0, 0) == 0)
			(void)!write(p[1], "g", 1);
		_exit(0);
	}
	close(p[1]);
	fcntl(p[0], F_SETFL, O_NONBLOCK);
	char c;
	check("lock-wait-blocks", read(p[0], &c, 1) < 0 && errno == EAGAIN,
	      "the waiter got the lock while it was held");
	lk(fd, F_SETLK, F_UNLCK, 0, 0);
	fcntl(p[0], F_SETFL, 0);
	check("lock-wait-wakes", read(p[0], &c, 1) == 1 && c == 'g', "the waiter never got it");
	waitpid(pid, NULL, 0);
	close(p[0]);

	/* interrupted */
	lk(fd, F_SETLK, F_WRLCK, 0, 0);
	pid = fork();
	if (pid == 0) {
		struct sigaction sa = { .sa_handler = on_alarm };
		sigaction(SIGALRM, &sa, NULL);	/* no SA_RESTART */
		int cfd = open(file, O_RDWR);
		alarm(1);
		int r = lk(cfd, F_SETLKW, F_WRLCK, 0, 0);
		_exit(r < 0 && errno == EINTR ? 0 : 1);
	}
	int status;
	waitpid(pid, &status, 0);
	check("lock-wait-eintr", WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "F_SETLKW not ended by a signal (status %x)", status);
	close(fd);
}

/* N processes add 1 to a counter in the file M times each, under the lock. */
static void test_counter(void)
{
	enum { N = 4, M = 100 };
	int fd = open(file, O_RDWR | O_TRUNC);

	(void)!write(fd, "0", 1);
	close(fd);
	for (int i = 0; i < N; i++) {
		if (fork() == 0) {
			int cfd = open(file, O_RDWR);
			char buf[32];
			for (int j = 0; j < M; j++) {
				if (lk(cfd, F_SETLKW, F_WRLCK, 0, 0) != 0)
					_exit(1);
				ssize_t n = pread(cfd, buf, sizeof(buf) - 1, 0);
				buf[n > 0 ? n : 0] = '\0';
				int v = atoi(buf) + 1;
				n = snprintf(buf, sizeof(buf), "%d", v);
				if (pwrite(cfd, buf, n, 0) != n)
					_exit(1);
				lk(cfd, F_SETLK, F_UNLCK, 0, 0);
			}
			_exit(0);
		}
	}
	int bad = 0, status;
	for (int i = 0; i < N; i++)
		if (wait(&status) < 0 || !WIFEXITED(status) || WEXITSTATUS(status))
			bad++;
	char buf[32] = "";
	fd = open(file, O_RDONLY);
	ssize_t n = read(fd, buf, sizeof(buf) - 1);
	buf[n > 0 ? n : 0] = '\0';
	close(fd);
	check("lock-counter-no-lost-update", !bad && atoi(buf) == N * M, "counter %s, want %d",
	      buf, N * M);
}

int main(void)
{
	snprintf(file, sizeof(file), "%s/locks.%d", T_DISK, (int)getpid());
	test_basic();
	test_wait();
	test_counter();
	unlink(file);
	return 0;
}
