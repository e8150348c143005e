/*
 * threads: a process whose leader exits before its other threads.  As on
 * Linux, the leader stays a zombie its parent does not hear of until the
 * last thread is gone (a wait meanwhile finds nothing to report), and the
 * process's status is then the exit_group code, or the last thread's own
 * when it only leaves (not the leader's: Linux 6 says so).  The threads keep using their leader all
 * along (a signal to the process, getppid), which must never reach a
 * freed task: many such processes in a row, each followed by a fork.
 * Also runs natively on the Linux host.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include "t.h"

#define ROUNDS 40
#define STACK_SIZE 65536

struct late {
	int go;			/* read end: the thread waits for a byte */
	int how;		/* 1: exit_group(7); 0: exit(5), the thread only */
};

static char stack[STACK_SIZE] __attribute__((aligned(16)));

static int late_thread(void *arg)
{
	struct late *l = arg;
	char c;

	while (read(l->go, &c, 1) < 0 && errno == EINTR)
		;
	/* The process is still whole: a signal to it reaches this thread. */
	kill(getpid(), SIGUSR1);
	if (l->how)
		syscall(SYS_exit_group, 7);
	syscall(SYS_exit, 5);
	return 0;
}

/* The child: a thread that outlives the leader, which exits with 3. */
static void leader_leaves_first(int go, int how)
{
	static struct late l;

	signal(SIGUSR1, SIG_IGN);
	l.go = go;
	l.how = how;
	if (clone(late_thread, stack + sizeof(stack), CLONE_VM | CLONE_FS | CLONE_FILES |
		  CLONE_SIGHAND | CLONE_THREAD | CLONE_SYSVSEM, &l) < 0)
		_exit(100);
	syscall(SYS_exit, 3);
}

/* The state letter of pid's leader in /proc/PID/stat, or 0. */
static char state_of(pid_t pid)
{
	char path[64], buf[256];
	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return 0;
	ssize_t n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return 0;
	buf[n] = 0;
	char *p = strrchr(buf, ')');
	return p && p[1] == ' ' ? p[2] : 0;
}

/* One round: the status the parent finally gets, after checking that a
 * wait while the thread lives reports nothing.  -1 on a broken round. */
static int round_status(int how, int *early)
{
	int pipefd[2];
	if (pipe(pipefd))
		return -1;
	pid_t pid = fork();
	if (pid == 0) {
		close(pipefd[1]);
		leader_leaves_first(pipefd[0], how);
	}
	close(pipefd[0]);
	if (pid < 0)
		return -1;
	/* Wait for the leader to be a zombie (no fixed time: it will be). */
	while (state_of(pid) != 'Z')
		sched_yield();
	int status;
	*early = waitpid(pid, &status, WNOHANG);
	if (write(pipefd[1], "x", 1) != 1)
		return -1;
	close(pipefd[1]);
	if (waitpid(pid, &status, 0) != pid)
		return -1;
	return status;
}

int main(void)
{
	int early = -2, status;

	status = round_status(1, &early);
	check("threads-leader-zombie-not-reported", early == 0, "waitpid(WNOHANG) gave %d", early);
	check("threads-exit-group-status", WIFEXITED(status) && WEXITSTATUS(status) == 7,
	      "status 0x%x", status);
	status = round_status(0, &early);
	check("threads-last-thread-exit-status",
	      early == 0 && WIFEXITED(status) && WEXITSTATUS(status) == 5,
	      "early %d, status 0x%x", early, status);

	/* Many in a row, each followed by a plain child that must run to its
	 * own end (a freed leader reused by it would get a stray SIGKILL). */
	int bad = 0;
	for (int i = 0; i < ROUNDS; i++) {
		status = round_status(i & 1, &early);
		pid_t pid = fork();
		if (pid == 0)
			_exit(42);
		int st2 = -1;
		waitpid(pid, &st2, 0);
		if (early != 0 || !WIFEXITED(status) || !WIFEXITED(st2) || WEXITSTATUS(st2) != 42)
			bad++;
	}
	check("threads-rounds", bad == 0, "%d of %d rounds went wrong", bad, ROUNDS);
	return 0;
}
