/*
 * stress.c - load that must not break the kernel:
 *   300 processes alive at once, each blocked on a pipe, then released
 *   and reaped; 50 processes writing and reading back their own 256 KiB
 *   file on ext2 at the same time; and a fork bomb bounded by a loop that
 *   stops at the first failing fork, which must fail with EAGAIN or
 *   ENOMEM, after which everything is reaped and fork+exec still works.
 * The runner's e2fsck afterwards judges the file system.
 */
#include <fcntl.h>
#include <sys/wait.h>
#include "t.h"

#define ALIVE      300
#define WRITERS    50
#define FILE_SIZE  (256 << 10)
#define BOMB_LIMIT 20000

/* hold: children that block reading go[0] until its writer closes. */
static int spawn_blocked(int max, int *fork_errno, int go[2])
{
	int n = 0;

	*fork_errno = 0;
	while (n < max) {
		pid_t pid = fork();

		if (pid == 0) {
			char c;

			close(go[1]);
			(void)!read(go[0], &c, 1);
			_exit(0);
		}
		if (pid < 0) {
			*fork_errno = errno;
			break;
		}
		n++;
	}
	return n;
}

/* reap: wait for every child; returns how many exited with status 0. */
static int reap(int n, int *others)
{
	int ok = 0, status;

	*others = 0;
	for (int i = 0; i < n; i++) {
		if (wait(&status) < 0)
			break;
		if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
			ok++;
		else
			(*others)++;
	}
	return ok;
}

static void test_alive(void)
{
	int go[2], err, n, ok, others;

	pipe(go);
	n = spawn_blocked(ALIVE, &err, go);
	check("stress-300-alive", n == ALIVE, "only %d forks: %s", n, strerror(err));
	close(go[0]);
	close(go[1]);
	ok = reap(n, &others);
	check("stress-300-reaped", ok == n && others == 0, "%d exited 0, %d otherwise", ok,
	      others);
	check_err("stress-300-no-children-left", wait(0), ECHILD);
}

static int writer(int idx)
{
	static unsigned char buf[FILE_SIZE];
	char path[256];
	int fd;

	snprintf(path, sizeof(path), "%s/stress-%d-%d", T_DISK, (int)getppid(), idx);
	for (int i = 0; i < FILE_SIZE; i++)
		buf[i] = (unsigned char)(i * (idx + 3) + idx);
	fd = open(path, O_CREAT | O_RDWR | O_TRUNC, 0644);
	if (fd < 0)
		return 1;
	for (int off = 0; off < FILE_SIZE; off += 8192)
		if (write(fd, buf + off, 8192) != 8192)
			return 2;
	memset(buf, 0, sizeof(buf));
	if (pread(fd, buf, FILE_SIZE, 0) != FILE_SIZE)
		return 3;
	for (int i = 0; i < FILE_SIZE; i++)
		if (buf[i] != (unsigned char)(i * (idx + 3) + idx))
			return 4;
	close(fd);
	/* Half the files stay for e2fsck to see, half are freed again. */
	if (idx % 2 && unlink(path) != 0)
		return 5;
	return 0;
}

static void test_writers(void)
{
	int n = 0, ok, others, status, bad[6] = { 0 };

	for (int i = 0; i < WRITERS; i++) {
		pid_t pid = fork();

		if (pid == 0)
			_exit(writer(i));
		n += pid > 0;
	}
	ok = 0;
	others = 0;
	for (int i = 0; i < n; i++) {
		if (wait(&status) < 0)
			break;
		if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
			ok++;
		else if (WIFEXITED(status) && WEXITSTATUS(status) < 6)
			bad[WEXITSTATUS(status)]++;
		else
			others++;
	}
	check("stress-50-writers-ext2", n == WRITERS && ok == WRITERS,
	      "%d forked, %d ok; open %d write %d read %d compare %d unlink %d; %d died",
	      n, ok, bad[1], bad[2], bad[3], bad[4], bad[5], others);
	sync();
}

static void test_bomb(void)
{
	int go[2], err, n, ok, others, status;
	pid_t pid;

	pipe(go);
	n = spawn_blocked(BOMB_LIMIT, &err, go);
	check("fork-bomb-fork-fails", n < BOMB_LIMIT, "%d forks all succeeded", n);
	check("fork-bomb-errno-eagain-or-enomem", err == EAGAIN || err == ENOMEM,
	      "after %d forks errno %d (%s)", n, err, strerror(err));
	close(go[0]);
	close(go[1]);
	ok = reap(n, &others);
	check("fork-bomb-all-reaped", ok == n && others == 0, "%d of %d exited 0, %d otherwise",
	      ok, n, others);
	pid = fork();
	if (pid == 0) {
		execl(t_path(T_BIN, "helper"), "helper", "exit", "7", (char *)0);
		_exit(99);
	}
	status = 0;
	check("fork-bomb-then-fork-exec-works", pid > 0 && waitpid(pid, &status, 0) == pid &&
	      WIFEXITED(status) && WEXITSTATUS(status) == 7, "pid %d status %#x", (int)pid,
	      status);
	t_print("stress: fork bomb stopped after %d processes", n);
}

int main(void)
{
	test_alive();
	test_writers();
	test_bomb();
	return 0;
}
