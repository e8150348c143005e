/*
 * procfs.c - what /proc shows: /proc/self/stat (pid, comm, state, ppid),
 * status (Name, Pid, PPid, Uid), cmdline of another process (NUL
 * separated argv), /proc/self, meminfo and mounts.
 *   procfs          runs the checks
 *   procfs wait ... (internal) tells its parent it runs, then waits for EOF
 */
#include <dirent.h>
#include <fcntl.h>
#include <sys/wait.h>
#include <sched.h>
#include "t.h"

/* slurp: a whole /proc file, NUL bytes kept; returns its length or -1. */
static long slurp(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY);
	long len = 0, n;

	if (fd < 0)
		return -1;
	while (len < (long)size - 1 && (n = read(fd, buf + len, size - 1 - len)) > 0)
		len += n;
	close(fd);
	buf[len] = 0;
	return len;
}

static void test_stat(void)
{
	char buf[1024], comm[64] = "", state = 0;
	int pid = 0, ppid = 0;

	slurp("/proc/self/stat", buf, sizeof(buf));
	int n = sscanf(buf, "%d (%63[^)]) %c %d", &pid, comm, &state, &ppid);
	check("proc-self-stat-parses", n == 4, "'%.80s'", buf);
	check("proc-self-stat-pid", pid == getpid(), "pid %d, getpid %d", pid, (int)getpid());
	check("proc-self-stat-comm", strcmp(comm, "procfs") == 0, "comm '%s'", comm);
	check("proc-self-stat-state-running", state == 'R', "state '%c'", state);
	check("proc-self-stat-ppid", ppid == getppid(), "ppid %d, getppid %d", ppid,
	      (int)getppid());
}

static void test_status(void)
{
	char buf[4096], want[64];

	slurp("/proc/self/status", buf, sizeof(buf));
	check("proc-self-status-name", strncmp(buf, "Name:\tprocfs\n", 13) == 0,
	      "starts '%.20s'", buf);
	snprintf(want, sizeof(want), "\nPid:\t%d\n", (int)getpid());
	check("proc-self-status-pid", strstr(buf, want) != 0, "no '%s'", want + 1);
	snprintf(want, sizeof(want), "\nPPid:\t%d\n", (int)getppid());
	check("proc-self-status-ppid", strstr(buf, want) != 0, "no '%s'", want + 1);
	check("proc-self-status-uid", strstr(buf, "\nUid:\t0\t0\t0\t0\n") != 0, "no Uid line");
	check("proc-self-status-gid", strstr(buf, "\nGid:\t0\t0\t0\t0\n") != 0, "no Gid line");
}

static void test_cmdline(void)
{
	char path[64], buf[256], want[256], c;
	int up[2], down[2], wl;
	long n;
	pid_t pid;

	pipe(up);
	pipe(down);
	pid = fork();
	if (pid == 0) {
		dup2(down[0], 0);
		dup2(up[1], 1);
		close(up[0]);
		close(down[1]);
		execl(t_path(T_BIN, "procfs"), "procfs-child", "wait", "two words", "",
		      (char *)0);
		_exit(127);
	}
	close(up[1]);
	close(down[0]);
	(void)!read(up[0], &c, 1);
	snprintf(path, sizeof(path), "/proc/%d/cmdline", (int)pid);
	n = slurp(path, buf, sizeof(buf));
	wl = 29;
	memcpy(want, "procfs-child\0wait\0two words\0\0", wl);
	check("proc-pid-cmdline", n == wl && memcmp(buf, want, wl) == 0,
	      "%ld bytes: '%s'", n, buf);
	/* The child wrote its byte and goes on to read: until it is in that
	 * read it may still show R (wait for the state, a bound only against
	 * a hang, never a verdict). */
	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	snprintf(want, sizeof(want), "%d (procfs) S %d ", (int)pid, (int)getpid());
	for (int tries = 0; tries < 100000; tries++) {
		slurp(path, buf, sizeof(buf));
		if (strncmp(buf, want, strlen(want)) == 0)
			break;
		sched_yield();
	}
	check("proc-pid-stat-sleeping-child", strncmp(buf, want, strlen(want)) == 0,
	      "'%.40s' want '%s'", buf, want);
	close(down[1]);
	waitpid(pid, 0, 0);
	close(up[0]);
	check_err("proc-pid-gone-after-reap", open(path, O_RDONLY), ENOENT);
}

static void test_global(void)
{
	char buf[8192], want[32];
	long kb = 0;
	ssize_t n;
	DIR *d;
	struct dirent *de;
	int found = 0;

	n = readlink("/proc/self", buf, sizeof(buf) - 1);
	buf[n > 0 ? n : 0] = 0;
	snprintf(want, sizeof(want), "%d", (int)getpid());
	check("proc-self-link", strcmp(buf, want) == 0, "'%s'", buf);
	d = opendir("/proc");
	while (d && (de = readdir(d)))
		found |= strcmp(de->d_name, want) == 0;
	if (d)
		closedir(d);
	check("proc-lists-own-pid", found, "no %s in /proc", want);
	slurp("/proc/meminfo", buf, sizeof(buf));
	check("proc-meminfo-memtotal", sscanf(buf, "MemTotal: %ld kB", &kb) == 1 &&
	      kb > 100000 && kb <= 262144, "'%.40s'", buf);
	check("proc-meminfo-memfree", strstr(buf, "\nMemFree:") != 0, "no MemFree");
	slurp("/proc/mounts", buf, sizeof(buf));
	check("proc-mounts-root", strstr(buf, " / ext2 ") != 0, "'%.200s'", buf);
	check("proc-mounts-proc", strstr(buf, "proc /proc proc ") != 0, "'%.200s'", buf);
	check("proc-mounts-tmp", strstr(buf, " /tmp tmpfs ") != 0, "'%.200s'", buf);
	n = readlink("/proc/self/exe", buf, sizeof(buf) - 1);
	buf[n > 0 ? n : 0] = 0;
	check("proc-self-exe", strcmp(buf, t_path(T_BIN, "procfs")) == 0, "readlink: '%s' (%s)",
	      buf, n < 0 ? strerror(errno) : "");
}

int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "wait") == 0) {
		char c;

		(void)!write(1, "r", 1);
		while (read(0, &c, 1) > 0)
			;
		return 0;
	}
	test_stat();
	test_status();
	test_cmdline();
	test_global();
	return 0;
}
