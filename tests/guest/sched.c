/*
 * sched - the scheduler's system calls and the cgroup cpu controller:
 * affinity masks are honoured (getcpu inside the task stays within them),
 * nice through getpriority/setpriority with Linux's permission rules,
 * the sched_* policy calls, their values and errors; in the guest also
 * cpu.weight, cpu.weight.nice and cpu.max parsing, cpu.stat's usage
 * growing for a busy group and a throttled group counting nr_throttled.
 * No verdict depends on timing: the waits are for conditions.
 * Runs on the Linux host too (without the cgroup part), as the oracle.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include "t.h"

#define CGROOT	"/sys/fs/cgroup"
#define G	CGROOT "/t-sched"
#define NOBODY	54321		/* a uid nothing else runs as */

struct k_sched_attr {
	uint32_t size, sched_policy;
	uint64_t sched_flags;
	int32_t sched_nice;
	uint32_t sched_priority;
	uint64_t sched_runtime, sched_deadline, sched_period;
	uint32_t util_min, util_max;
};

static int ncpus;
static long self_stat(int n);

static int reap(pid_t pid)
{
	int status;
	return waitpid(pid, &status, 0) == pid && WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static int set_one_cpu(pid_t pid, int cpu)
{
	cpu_set_t s;
	CPU_ZERO(&s);
	CPU_SET(cpu, &s);
	return sched_setaffinity(pid, sizeof(s), &s);
}

static void test_affinity(void)
{
	cpu_set_t s;
	check("sched-getaffinity", sched_getaffinity(0, sizeof(s), &s) == 0 &&
	      CPU_COUNT(&s) >= 1, "%s", strerror(errno));
	ncpus = CPU_COUNT(&s);
	int cpu = sched_getcpu();
	check("sched-getcpu", cpu >= 0 && CPU_ISSET(cpu, &s), "cpu %d", cpu);
	long pc = self_stat(39);
	check("sched-stat-processor", pc >= 0 && CPU_ISSET(pc, &s), "processor %ld", pc);
	long r = syscall(SYS_getcpu, NULL, NULL, NULL);
	check("sched-getcpu-null", r == 0, "%ld %s", r, strerror(errno));
	check_err("sched-getcpu-efault", syscall(SYS_getcpu, (void *)8, NULL, NULL), EFAULT);

	/* Pinned to each allowed cpu in turn, in a child that yields and
	 * spins: getcpu always answers that cpu (from the return of
	 * sched_setaffinity on, as Linux). */
	pid_t pid = fork();
	if (pid == 0) {
		int bad = 0;
		for (int c = 0; c < CPU_SETSIZE && !bad; c++) {
			if (!CPU_ISSET(c, &s))
				continue;
			if (set_one_cpu(0, c) != 0)
				_exit(10);
			for (int i = 0; i < 300 && !bad; i++) {
				if (sched_getcpu() != c)
					bad = 1;
				if (i % 3 == 0)
					sched_yield();
				for (volatile int k = 0; k < 2000; k++)
					;
			}
			cpu_set_t g;
			if (sched_getaffinity(0, sizeof(g), &g) != 0 || CPU_COUNT(&g) != 1 ||
			    !CPU_ISSET(c, &g))
				_exit(11);
			/* A child inherits the mask. */
			pid_t k = fork();
			if (k == 0)
				_exit(sched_getcpu() == c && sched_getaffinity(0, sizeof(g), &g) == 0 &&
				      CPU_COUNT(&g) == 1 ? 0 : 1);
			if (reap(k) != 0)
				_exit(12);
		}
		_exit(bad);
	}
	int st = reap(pid);
	check("sched-affinity-honoured", st == 0, "status %d", st);

	/* Another process's mask, set from outside, while it spins. */
	if (ncpus > 1) {
		int p[2];
		if (pipe(p) < 0)
			return;
		pid = fork();
		if (pid == 0) {
			close(p[1]);
			char c;
			if (read(p[0], &c, 1) != 1)
				_exit(20);
			for (int i = 0; i < 2000; i++)
				if (sched_getcpu() != 1)
					_exit(21);
			_exit(0);
		}
		close(p[0]);
		int ok = set_one_cpu(pid, 1) == 0;
		cpu_set_t g;
		ok = ok && sched_getaffinity(pid, sizeof(g), &g) == 0 && CPU_COUNT(&g) == 1 &&
		     CPU_ISSET(1, &g);
		(void)!write(p[1], "x", 1);
		close(p[1]);
		st = reap(pid);
		check("sched-affinity-other", ok && st == 0, "ok %d status %d", ok, st);
	}

	CPU_ZERO(&s);
	check_err("sched-setaffinity-empty", sched_setaffinity(0, sizeof(s), &s), EINVAL);
	unsigned long big = 1ul << 63;
	check_err("sched-setaffinity-offline", syscall(SYS_sched_setaffinity, 0, sizeof(big), &big), EINVAL);
	CPU_SET(0, &s);
	check_err("sched-setaffinity-esrch", sched_setaffinity(99999999, sizeof(s), &s), ESRCH);
	check_err("sched-setaffinity-neg", sched_setaffinity(-1, sizeof(s), &s), ESRCH);
	check_err("sched-setaffinity-efault",
		    syscall(SYS_sched_setaffinity, 0, sizeof(s), (void *)8), EFAULT);
	check_err("sched-getaffinity-small", syscall(SYS_sched_getaffinity, 0, 1, &big), EINVAL);
	check_err("sched-getaffinity-esrch", sched_getaffinity(99999999, sizeof(s), &s), ESRCH);

	/* Someone else's process: EPERM without CAP_SYS_NICE. */
	pid_t parent = getpid();
	pid = fork();
	if (pid == 0) {
		if (setuid(NOBODY) != 0)
			_exit(30);
		CPU_ZERO(&s);
		CPU_SET(0, &s);
		_exit(sched_setaffinity(parent, sizeof(s), &s) == -1 && errno == EPERM ? 0 : 31);
	}
	st = reap(pid);
	check("sched-setaffinity-eperm", st == 0, "status %d", st);
}

/* Field n (1-based, as proc(5) counts) of /proc/self/stat, or -9999. */
static long self_stat(int n)
{
	char buf[1024];
	int fd = open("/proc/self/stat", O_RDONLY);
	ssize_t len = fd < 0 ? -1 : read(fd, buf, sizeof(buf) - 1);
	if (fd >= 0)
		close(fd);
	if (len <= 0)
		return -9999;
	buf[len] = 0;
	char *p = strrchr(buf, ')');
	if (!p)
		return -9999;
	p += 2;				/* at field 3 */
	for (int f = 3; f < n; f++) {
		p = strchr(p, ' ');
		if (!p)
			return -9999;
		p++;
	}
	return atol(p);
}

/* In a child: nice rules.  Exit 0 or the number of the failed step. */
static int nice_child(void)
{
	errno = 0;
	int n0 = getpriority(PRIO_PROCESS, 0);
	if (errno || n0 < -20 || n0 > 19)
		return 1;
	if (setpriority(PRIO_PROCESS, 0, 5) != 0 || getpriority(PRIO_PROCESS, 0) != 5)
		return 2;
	if (nice(1) != 6 || getpriority(PRIO_PROCESS, getpid()) != 6)
		return 3;
	if (self_stat(18) != 26 || self_stat(19) != 6)
		return 30;	/* /proc/PID/stat's priority and nice */
	if (setpriority(PRIO_PROCESS, 0, 100) != 0 || getpriority(PRIO_PROCESS, 0) != 19)
		return 4;
	/* root (CAP_SYS_NICE) may lower it again, below 0 too */
	if (setpriority(PRIO_PROCESS, 0, -3) != 0 || getpriority(PRIO_PROCESS, 0) != -3)
		return 5;
	if (setpriority(PRIO_PROCESS, 0, 2) != 0)
		return 6;
	/* a process group, its own */
	if (setpgid(0, 0) != 0 || setpriority(PRIO_PGRP, 0, 7) != 0 ||
	    getpriority(PRIO_PROCESS, 0) != 7 || getpriority(PRIO_PGRP, 0) != 7)
		return 7;
	/* RLIMIT_NICE 15 lets an unprivileged task go down to nice 5 (a host
	 * without CAP_SYS_RESOURCE keeps 0: no lowering at all) */
	struct rlimit rl = { 15, 15 };
	int floor = 5;
	if (setrlimit(RLIMIT_NICE, &rl) != 0) {
		rl.rlim_cur = rl.rlim_max = 0;
		floor = 10;
		if (setrlimit(RLIMIT_NICE, &rl) != 0)
			return 8;
	}
	if (setuid(NOBODY) != 0)
		return 9;
	if (setpriority(PRIO_PROCESS, 0, 10) != 0)
		return 10;
	if (setpriority(PRIO_PROCESS, 0, floor) != 0 || getpriority(PRIO_PROCESS, 0) != floor)
		return 11;
	if (setpriority(PRIO_PROCESS, 0, floor - 1) != -1 || errno != EACCES)
		return 12;
	if (getpriority(PRIO_USER, 0) != floor || getpriority(PRIO_USER, NOBODY) != floor)
		return 13;
	if (setpriority(PRIO_USER, 0, 12) != 0 || getpriority(PRIO_PROCESS, 0) != 12)
		return 14;
	errno = 0;
	if (getpriority(PRIO_USER, NOBODY + 1) != -1 || errno != ESRCH)
		return 15;
	/* init's nice: not ours to change */
	if (setpriority(PRIO_PROCESS, getppid(), 10) != -1 || errno != EPERM)
		return 16;
	return 0;
}

static void test_nice(void)
{
	pid_t pid = fork();
	if (pid == 0)
		_exit(nice_child());
	int st = reap(pid);
	check("sched-nice-rules", st == 0, "failed step %d", st);
	check_err("sched-getpriority-which", getpriority(42, 0), EINVAL);
	check_err("sched-setpriority-which", setpriority(-1, 0, 0), EINVAL);
	errno = 0;
	check_err("sched-getpriority-esrch", getpriority(PRIO_PROCESS, 99999999), ESRCH);
	check_err("sched-setpriority-esrch", setpriority(PRIO_PROCESS, 99999999, 0), ESRCH);
	errno = 0;
	check_err("sched-getpriority-pgrp-esrch", getpriority(PRIO_PGRP, 99999999), ESRCH);
}

static int policy_child(void)
{
	struct sched_param p = { 0 };
	if (sched_getscheduler(0) != SCHED_OTHER)
		return 1;
	if (sched_setscheduler(0, SCHED_BATCH, &p) != 0 || sched_getscheduler(0) != SCHED_BATCH)
		return 2;
	if (sched_setscheduler(0, SCHED_IDLE, &p) != 0 || sched_getscheduler(0) != SCHED_IDLE)
		return 3;
	if (sched_setscheduler(0, SCHED_OTHER, &p) != 0)
		return 4;
	p.sched_priority = 5;
	if (sched_setscheduler(0, SCHED_OTHER, &p) != -1 || errno != EINVAL)
		return 5;
	p.sched_priority = 0;
	if (sched_setscheduler(0, SCHED_FIFO, &p) != -1 || errno != EINVAL)
		return 6;
	p.sched_priority = 100;
	if (sched_setscheduler(0, SCHED_RR, &p) != -1 || errno != EINVAL)
		return 7;
	if (sched_setscheduler(0, 77, &p) != -1 || errno != EINVAL)
		return 8;
	/* root may take a real-time class; reset-on-fork gives children
	 * SCHED_OTHER back */
	p.sched_priority = 10;
	if (sched_setscheduler(0, SCHED_FIFO | SCHED_RESET_ON_FORK, &p) != 0 ||
	    sched_getscheduler(0) != (SCHED_FIFO | SCHED_RESET_ON_FORK))
		return 9;
	if (sched_getparam(0, &p) != 0 || p.sched_priority != 10)
		return 10;
	if (self_stat(18) != -11 || self_stat(40) != 10 || self_stat(41) != SCHED_FIFO)
		return 30;	/* /proc/PID/stat's priority, rt_priority, policy */
	pid_t k = fork();
	if (k == 0)
		_exit(sched_getscheduler(0) == SCHED_OTHER ? 0 : 1);
	if (reap(k) != 0)
		return 11;
	struct timespec ts;
	if (sched_rr_get_interval(0, &ts) != 0 || ts.tv_sec != 0 || ts.tv_nsec != 0)
		return 12;	/* FIFO: no slice */
	p.sched_priority = 0;
	if (sched_setscheduler(0, SCHED_OTHER, &p) != 0 || sched_getscheduler(0) != SCHED_OTHER)
		return 13;	/* still reset-on-fork? setscheduler replaced the flag */
	/* sched_setattr / sched_getattr */
	struct k_sched_attr a;
	memset(&a, 0, sizeof(a));
	a.size = 48;
	a.sched_policy = SCHED_OTHER;
	a.sched_nice = 3;
	if (syscall(SYS_sched_setattr, 0, &a, 0) != 0 || getpriority(PRIO_PROCESS, 0) != 3)
		return 14;
	memset(&a, 0xff, sizeof(a));
	if (syscall(SYS_sched_getattr, 0, &a, 48, 0) != 0 || a.size != 48 ||
	    a.sched_policy != SCHED_OTHER || a.sched_nice != 3 || a.sched_priority != 0)
		return 15;
	if (syscall(SYS_sched_getattr, 0, &a, 10, 0) != -1 || errno != EINVAL)
		return 16;
	if (syscall(SYS_sched_getattr, 0, &a, 48, 1) != -1 || errno != EINVAL)
		return 17;
	a.size = 4;
	if (syscall(SYS_sched_setattr, 0, &a, 0) != -1 || errno != E2BIG)
		return 18;
	a.size = 48;
	a.sched_policy = SCHED_OTHER;
	a.sched_flags = 0;
	if (syscall(SYS_sched_setattr, 0, &a, 1) != -1 || errno != EINVAL)
		return 19;
	/* unprivileged: no real-time class without RLIMIT_RTPRIO */
	struct rlimit rl = { 0, 0 };
	if (setrlimit(RLIMIT_RTPRIO, &rl) != 0 || setuid(NOBODY) != 0)
		return 20;
	p.sched_priority = 1;
	if (sched_setscheduler(0, SCHED_FIFO, &p) != -1 || errno != EPERM)
		return 21;
	p.sched_priority = 0;
	if (sched_setscheduler(getppid(), SCHED_BATCH, &p) != -1 || errno != EPERM)
		return 22;
	if (sched_setscheduler(0, SCHED_BATCH, &p) != 0)
		return 23;
	return 0;
}

static void test_policy(void)
{
	check("sched-priority-range", sched_get_priority_max(SCHED_FIFO) == 99 &&
	      sched_get_priority_min(SCHED_FIFO) == 1 && sched_get_priority_max(SCHED_RR) == 99 &&
	      sched_get_priority_min(SCHED_RR) == 1 && sched_get_priority_max(SCHED_OTHER) == 0 &&
	      sched_get_priority_min(SCHED_OTHER) == 0 && sched_get_priority_max(SCHED_BATCH) == 0 &&
	      sched_get_priority_max(SCHED_IDLE) == 0, "wrong range");
	check_err("sched-priority-max-einval", sched_get_priority_max(77), EINVAL);
	check_err("sched-priority-min-einval", sched_get_priority_min(-1), EINVAL);
	struct sched_param p = { 0 };
	check_err("sched-setscheduler-neg", sched_setscheduler(-1, SCHED_OTHER, &p), EINVAL);
	check_err("sched-setscheduler-null", syscall(SYS_sched_setscheduler, 0, SCHED_OTHER, NULL), EINVAL);
	check_err("sched-setscheduler-esrch", sched_setscheduler(99999999, SCHED_OTHER, &p), ESRCH);
	check_err("sched-getscheduler-neg", sched_getscheduler(-1), EINVAL);
	check_err("sched-getscheduler-esrch", sched_getscheduler(99999999), ESRCH);
	check_err("sched-getparam-efault", syscall(SYS_sched_getparam, 0, (void *)8), EFAULT);
	struct timespec ts;
	check("sched-rr-interval", sched_rr_get_interval(0, &ts) == 0 && ts.tv_sec == 0,
	      "%s", strerror(errno));
	check_err("sched-rr-interval-neg", sched_rr_get_interval(-1, &ts), EINVAL);
	pid_t pid = fork();
	if (pid == 0)
		_exit(policy_child());
	int st = reap(pid);
	check("sched-policies", st == 0, "failed step %d", st);
}

/* ---- the cgroup cpu controller (guest only) ---- */

static int wr(const char *path, const char *s)
{
	int fd = open(path, O_WRONLY);
	if (fd < 0)
		return -1;
	ssize_t n = write(fd, s, strlen(s));
	int e = errno;
	close(fd);
	errno = e;
	return n == (ssize_t)strlen(s) ? 0 : -1;
}

static const char *rd(const char *path)
{
	static char buf[1024];
	int fd = open(path, O_RDONLY);
	ssize_t n = fd < 0 ? -1 : read(fd, buf, sizeof(buf) - 1);
	if (fd >= 0)
		close(fd);
	buf[n > 0 ? n : 0] = 0;
	return buf;
}

/* A file's text on one line, for a message. */
static const char *flat(const char *path)
{
	static char buf[1024];
	snprintf(buf, sizeof(buf), "%s", rd(path));
	for (char *p = buf; *p; p++)
		if (*p == '\n')
			*p = ' ';
	return buf;
}

/* A field of a cpu.stat, or -1. */
static long long stat_field(const char *path, const char *name)
{
	const char *text = rd(path);
	size_t n = strlen(name);
	for (const char *p = text; (p = strstr(p, name)); p++)
		if ((p == text || p[-1] == '\n') && p[n] == ' ')
			return atoll(p + n + 1);
	return -1;
}

static pid_t spinner(void)
{
	pid_t pid = fork();
	if (pid == 0)
		for (;;)
			;
	return pid;
}

static void move(pid_t pid, const char *group)
{
	char path[128], s[16];
	snprintf(path, sizeof(path), "%s/cgroup.procs", group);
	snprintf(s, sizeof(s), "%d", (int)pid);
	wr(path, s);
}

/* Wait (without a verdict on time) until cond holds; the test's own
 * limit in testinit.list stops a kernel where it never does. */
#define WAIT_FOR(cond) do {						\
	for (int w_ = 0; w_ < 60000 && !(cond); w_++)			\
		usleep(5000);						\
} while (0)

static void test_cgroup(void)
{
	rmdir(G);
	check("sched-cg-mkdir", mkdir(G, 0755) == 0, "%s", strerror(errno));
	/* Another test may have left the controller on at the root. */
	int was_on = strstr(rd(CGROOT "/cgroup.subtree_control"), "cpu") != NULL;
	if (!was_on) {
		check("sched-cg-stat-off", stat_field(G "/cpu.stat", "usage_usec") >= 0 &&
		      stat_field(G "/cpu.stat", "nr_throttled") < 0, "'%s'", flat(G "/cpu.stat"));
		check_err("sched-cg-weight-absent", open(G "/cpu.weight", O_RDONLY), ENOENT);
	}
	check("sched-cg-enable", wr(CGROOT "/cgroup.subtree_control", "+cpu") == 0, "%s",
	      strerror(errno));
	check("sched-cg-weight-default", strcmp(rd(G "/cpu.weight"), "100\n") == 0, "'%s'",
	      rd(G "/cpu.weight"));
	check("sched-cg-weight-nice-default", strcmp(rd(G "/cpu.weight.nice"), "0\n") == 0, "'%s'",
	      rd(G "/cpu.weight.nice"));
	check("sched-cg-max-default", strcmp(rd(G "/cpu.max"), "max 100000\n") == 0, "'%s'",
	      rd(G "/cpu.max"));
	check("sched-cg-stat-on", stat_field(G "/cpu.stat", "nr_throttled") == 0 &&
	      stat_field(G "/cpu.stat", "nr_periods") == 0, "'%s'", flat(G "/cpu.stat"));
	check_err("sched-cg-weight-zero", wr(G "/cpu.weight", "0"), ERANGE);
	check_err("sched-cg-weight-big", wr(G "/cpu.weight", "10001"), ERANGE);
	check_err("sched-cg-weight-text", wr(G "/cpu.weight", "abc"), EINVAL);
	check("sched-cg-weight-set", wr(G "/cpu.weight", "300") == 0 &&
	      strcmp(rd(G "/cpu.weight"), "300\n") == 0, "'%s'", rd(G "/cpu.weight"));
	check("sched-cg-weight-max", wr(G "/cpu.weight", "10000\n") == 0 &&
	      strcmp(rd(G "/cpu.weight"), "10000\n") == 0, "'%s'", rd(G "/cpu.weight"));
	check("sched-cg-weight-nice", wr(G "/cpu.weight.nice", "5") == 0 &&
	      strcmp(rd(G "/cpu.weight.nice"), "5\n") == 0 &&
	      strcmp(rd(G "/cpu.weight"), "33\n") == 0, "'%s'", rd(G "/cpu.weight"));
	check_err("sched-cg-weight-nice-range", wr(G "/cpu.weight.nice", "-21"), ERANGE);
	check_err("sched-cg-weight-nice-text", wr(G "/cpu.weight.nice", "x"), EINVAL);
	wr(G "/cpu.weight", "100");
	check("sched-cg-max-set", wr(G "/cpu.max", "50000 200000") == 0 &&
	      strcmp(rd(G "/cpu.max"), "50000 200000\n") == 0, "'%s'", rd(G "/cpu.max"));
	check("sched-cg-max-quota-only", wr(G "/cpu.max", "20000") == 0 &&
	      strcmp(rd(G "/cpu.max"), "20000 200000\n") == 0, "'%s'", rd(G "/cpu.max"));
	check("sched-cg-max-max", wr(G "/cpu.max", "max") == 0 &&
	      strcmp(rd(G "/cpu.max"), "max 200000\n") == 0, "'%s'", rd(G "/cpu.max"));
	check("sched-cg-max-max-period", wr(G "/cpu.max", "max 100000") == 0 &&
	      strcmp(rd(G "/cpu.max"), "max 100000\n") == 0, "'%s'", rd(G "/cpu.max"));
	check_err("sched-cg-max-small-quota", wr(G "/cpu.max", "500 100000"), EINVAL);
	check_err("sched-cg-max-small-period", wr(G "/cpu.max", "1000 500"), EINVAL);
	check_err("sched-cg-max-big-period", wr(G "/cpu.max", "1000 2000000"), EINVAL);
	check_err("sched-cg-max-text", wr(G "/cpu.max", "lots"), EINVAL);
	check_err("sched-cg-max-bad-period", wr(G "/cpu.max", "max x"), EINVAL);

	/* A busy group's usage grows. */
	long long u0 = stat_field(G "/cpu.stat", "usage_usec");
	pid_t pid = spinner();
	move(pid, G);
	WAIT_FOR(stat_field(G "/cpu.stat", "usage_usec") > u0 + 50000);
	long long u1 = stat_field(G "/cpu.stat", "usage_usec");
	check("sched-cg-usage-grows", u1 > u0 + 50000, "%lld then %lld", u0, u1);
	check("sched-cg-user-usec", stat_field(G "/cpu.stat", "user_usec") > 0, "'%s'",
	      flat(G "/cpu.stat"));
	check("sched-cg-root-usage", stat_field(CGROOT "/cpu.stat", "usage_usec") >= u1, "'%s'",
	      flat(CGROOT "/cpu.stat"));

	/* 10 ms in every 100: the spinner is throttled. */
	check("sched-cg-throttle-set", wr(G "/cpu.max", "10000 100000") == 0, "%s", strerror(errno));
	WAIT_FOR(stat_field(G "/cpu.stat", "nr_throttled") > 0 &&
		 stat_field(G "/cpu.stat", "throttled_usec") > 0);
	check("sched-cg-throttled", stat_field(G "/cpu.stat", "nr_throttled") > 0 &&
	      stat_field(G "/cpu.stat", "nr_periods") > 0 &&
	      stat_field(G "/cpu.stat", "throttled_usec") > 0, "'%s'", flat(G "/cpu.stat"));
	/* Throttled, it still runs in later periods, and dies when killed. */
	long long u2 = stat_field(G "/cpu.stat", "usage_usec");
	WAIT_FOR(stat_field(G "/cpu.stat", "usage_usec") > u2 + 20000);
	check("sched-cg-throttled-runs", stat_field(G "/cpu.stat", "usage_usec") > u2 + 20000, "'%s'",
	      flat(G "/cpu.stat"));
	kill(pid, SIGKILL);
	int status;
	check("sched-cg-throttled-killed", waitpid(pid, &status, 0) == pid &&
	      WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL, "status %x", status);
	check("sched-cg-cleanup", rmdir(G) == 0 &&
	      (was_on || wr(CGROOT "/cgroup.subtree_control", "-cpu") == 0), "%s", strerror(errno));
}

int main(void)
{
	test_affinity();
	test_nice();
	test_policy();
	/* The host's cgroups are not ours to change. */
	if (!getenv("T_DISK") && access(CGROOT "/cgroup.procs", F_OK) == 0)
		test_cgroup();
	return 0;
}
