/*
 * procfiles.c - the /proc files that describe a process's resources and
 * the system, each read in Linux's format and checked against what the
 * system calls say: statm against status, limits against getrlimit,
 * oom_score_adj's range, floor and inheritance, /proc/sys/kernel against
 * uname (written in a new UTS namespace), cpuinfo against the number of
 * online processors, version, filesystems, loadavg, cgroup, and
 * thread-self and task/ seen from a second thread.  Runs on the Linux host too, as root, where Linux is the
 * oracle.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <dirent.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <sched.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <signal.h>
#include <time.h>
#include "t.h"

#define NOBODY		65534
#define OOM_ADJ_MIN	(-1000)
#define OOM_ADJ_MAX	1000

/* slurp: a whole file into buf (NUL-terminated); its length or -1. */
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

/* put: write text to path in one write; 0, or -1 with errno. */
static int put(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY);
	long n;

	if (fd < 0)
		return -1;
	n = write(fd, text, strlen(text));
	int err = errno;
	close(fd);
	errno = err;
	return n == (long)strlen(text) ? 0 : -1;
}

/* The number after "key:" in /proc/self/status, or -1. */
static long status_field(const char *key)
{
	char buf[4096], want[64];
	char *p;

	slurp("/proc/self/status", buf, sizeof(buf));
	snprintf(want, sizeof(want), "\n%s:", key);
	p = strstr(buf, want);
	return p ? strtol(p + strlen(want), NULL, 10) : -1;
}

static void test_statm(void)
{
	char buf[256];
	unsigned long size, res, shared, text, lib, data, dt, size2 = 0;
	long page_kb = sysconf(_SC_PAGESIZE) / 1024;

	slurp("/proc/self/statm", buf, sizeof(buf));
	int n = sscanf(buf, "%lu %lu %lu %lu %lu %lu %lu", &size, &res, &shared, &text, &lib,
		       &data, &dt);
	check("statm-seven-fields", n == 7 && buf[strlen(buf) - 1] == '\n', "'%s'", buf);
	/* The address space may change between the reads: one of two
	 * snapshots around status must agree with it. */
	long vmsize = status_field("VmSize");
	slurp("/proc/self/statm", buf, sizeof(buf));
	sscanf(buf, "%lu", &size2);
	check("statm-size-is-vmsize", (long)size * page_kb == vmsize || (long)size2 * page_kb == vmsize,
	      "statm %lu or %lu pages, VmSize %ld kB", size, size2, vmsize);
	check("statm-resident-within-size", res > 0 && res <= size, "resident %lu size %lu", res,
	      size);
	check("statm-parts-within-size", shared <= size && text <= size && data <= size,
	      "shared %lu text %lu data %lu size %lu", shared, text, data, size);
	check("statm-lib-dt-zero", lib == 0 && dt == 0, "lib %lu dt %lu", lib, dt);
}

/* One row of /proc/self/limits: its soft and hard values (RLIM_INFINITY
 * for "unlimited") and its unit; 0 when found. */
static int limits_row(const char *text, const char *name, rlim_t *soft, rlim_t *hard, char *unit)
{
	char line[256], a[32], b[32];
	const char *p = text;

	while (*p) {
		size_t len = strcspn(p, "\n");
		snprintf(line, sizeof(line), "%.*s", (int)len, p);
		p += len + (p[len] == '\n');
		if (strncmp(line, name, strlen(name)) != 0 || line[strlen(name)] != ' ')
			continue;
		unit[0] = 0;
		if (strlen(line) < 26 || sscanf(line + 26, "%31s %31s %31s", a, b, unit) < 2)
			return -1;
		*soft = strcmp(a, "unlimited") == 0 ? RLIM_INFINITY : strtoull(a, NULL, 10);
		*hard = strcmp(b, "unlimited") == 0 ? RLIM_INFINITY : strtoull(b, NULL, 10);
		return 0;
	}
	return -1;
}

static void test_limits(void)
{
	static const struct {
		int res;
		const char *name, *unit;
	} rows[] = {
		{ RLIMIT_CPU, "Max cpu time", "seconds" },
		{ RLIMIT_FSIZE, "Max file size", "bytes" },
		{ RLIMIT_DATA, "Max data size", "bytes" },
		{ RLIMIT_STACK, "Max stack size", "bytes" },
		{ RLIMIT_CORE, "Max core file size", "bytes" },
		{ RLIMIT_RSS, "Max resident set", "bytes" },
		{ RLIMIT_NPROC, "Max processes", "processes" },
		{ RLIMIT_NOFILE, "Max open files", "files" },
		{ RLIMIT_MEMLOCK, "Max locked memory", "bytes" },
		{ RLIMIT_AS, "Max address space", "bytes" },
		{ RLIMIT_LOCKS, "Max file locks", "locks" },
		{ RLIMIT_SIGPENDING, "Max pending signals", "signals" },
		{ RLIMIT_MSGQUEUE, "Max msgqueue size", "bytes" },
		{ RLIMIT_NICE, "Max nice priority", "" },
		{ RLIMIT_RTPRIO, "Max realtime priority", "" },
		{ RLIMIT_RTTIME, "Max realtime timeout", "us" },
	};
	struct rlimit set = { 123, 456 }, core = { 0, RLIM_INFINITY };
	char buf[4096], unit[32];
	int bad = -1, nlines = 0;

	check("limits-setrlimit", setrlimit(RLIMIT_NOFILE, &set) == 0, "%s", strerror(errno));
	getrlimit(RLIMIT_CORE, &core);
	core.rlim_cur = core.rlim_max == RLIM_INFINITY ? 4096 : core.rlim_max;
	setrlimit(RLIMIT_CORE, &core);
	slurp("/proc/self/limits", buf, sizeof(buf));
	check("limits-header", strncmp(buf, "Limit                     Soft Limit           "
				       "Hard Limit           Units     \n", 79) == 0,
	      "'%.80s'", buf);
	for (const char *p = buf; *p; p++)
		nlines += *p == '\n';
	check("limits-one-row-per-resource", nlines == 17, "%d lines", nlines);
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]) && bad < 0; i++) {
		struct rlimit rl;
		rlim_t soft = 0, hard = 0;
		getrlimit(rows[i].res, &rl);
		if (limits_row(buf, rows[i].name, &soft, &hard, unit) || soft != rl.rlim_cur ||
		    hard != rl.rlim_max || strcmp(unit, rows[i].unit) != 0)
			bad = i;
	}
	check("limits-match-getrlimit", bad < 0, "row '%s' differs: '%.400s'",
	      bad >= 0 ? rows[bad].name : "", buf);
	rlim_t soft = 0, hard = 0;
	limits_row(buf, "Max open files", &soft, &hard, unit);
	check("limits-shows-setrlimit", soft == 123 && hard == 456, "%llu %llu",
	      (unsigned long long)soft, (unsigned long long)hard);
}

/* Lines "ID:CONTROLLERS:/PATH", one of them the unified hierarchy's
 * "0::/PATH" (our kernel: only that one, the root, until there are
 * cgroups; a Linux host may also show v1 hierarchies). */
static void test_cgroup(void)
{
	char buf[4096], ctl[256], path[512];
	int id, unified = 0, bad = 0;
	long n = slurp("/proc/self/cgroup", buf, sizeof(buf));

	for (char *line = buf; !bad && *line; line = strchr(line, '\n') + 1) {
		ctl[0] = 0;
		bad = !strchr(line, '\n') ||
		      (sscanf(line, "%d::%511[^\n]", &id, path) != 2 &&
		       sscanf(line, "%d:%255[^:]:%511[^\n]", &id, ctl, path) != 3) || path[0] != '/';
		unified += !bad && id == 0 && !ctl[0];
	}
	check("cgroup-lines", n > 0 && !bad, "'%s'", buf);
	check("cgroup-unified-line", unified == 1, "'%s'", buf);
}

static long read_long(const char *path)
{
	char buf[64];

	return slurp(path, buf, sizeof(buf)) > 0 ? strtol(buf, NULL, 10) : LONG_MIN;
}

/* A child reports with its exit status: 0 for all well, else the number
 * of the step that went wrong. */
static int wait_status(pid_t pid)
{
	int st = 0;

	waitpid(pid, &st, 0);
	return WIFEXITED(st) ? WEXITSTATUS(st) : 100 + WTERMSIG(st);
}

/* As an unprivileged user: may go up and back down to the floor, never
 * below it (EACCES). */
static int oom_unprivileged(void)
{
	char text[24];

	if (setgid(NOBODY) || setuid(NOBODY))
		return 1;
	prctl(PR_SET_DUMPABLE, 1);	/* /proc/self stays ours after setuid */
	long cur = read_long("/proc/self/oom_score_adj");
	snprintf(text, sizeof(text), "%ld", cur + 10);
	if (put("/proc/self/oom_score_adj", text) || read_long("/proc/self/oom_score_adj") != cur + 10)
		return 2;
	snprintf(text, sizeof(text), "%ld", cur);
	if (put("/proc/self/oom_score_adj", text))
		return 3;
	if (put("/proc/self/oom_score_adj", "-1000") == 0 || errno != EACCES)
		return 4;
	return read_long("/proc/self/oom_score_adj") == cur ? 0 : 5;
}

/* Has the process the capability numbered cap (CapEff of status)? */
static int has_cap(int cap)
{
	char buf[4096];
	char *p;

	slurp("/proc/self/status", buf, sizeof(buf));
	p = strstr(buf, "\nCapEff:\t");
	return p && (strtoull(p + 9, NULL, 16) >> cap & 1);
}

#define CAP_SYS_RESOURCE_BIT	24

/* A parent with CAP_SYS_RESOURCE may go anywhere in range, and sets the
 * floor there; its children inherit both; one without may not go below
 * the floor (a container's root may lack it: then only that is seen). */
static void test_oom_score_adj(void)
{
	const char *path = "/proc/self/oom_score_adj";
	pid_t pid = fork();
	int st;

	if (pid == 0) {
		/* Privileged: any value in range, which becomes the floor. */
		if (put(path, "300\n") || read_long(path) != 300)
			_exit(1);
		if (put(path, "-1001") == 0 || errno != EINVAL)
			_exit(2);
		if (put(path, "1001") == 0 || errno != EINVAL)
			_exit(3);
		if (put(path, "12x") == 0 || errno != EINVAL)
			_exit(4);
		if (read_long(path) != 300 || read_long("/proc/self/oom_score") < 0)
			_exit(5);
		pid_t grandchild = fork();
		if (grandchild == 0)
			_exit(read_long(path) == 300 ? 0 : 1);
		if (wait_status(grandchild) != 0)
			_exit(6);
		if (has_cap(CAP_SYS_RESOURCE_BIT) &&
		    (put(path, "-1000") || read_long(path) != OOM_ADJ_MIN ||
		     read_long("/proc/self/oom_score") != 0))
			_exit(7);
		if (has_cap(CAP_SYS_RESOURCE_BIT) && put(path, "200"))
			_exit(8);
		grandchild = fork();
		if (grandchild == 0)
			_exit(oom_unprivileged());
		st = wait_status(grandchild);
		_exit(st ? 10 + st : 0);
	}
	st = wait_status(pid);
	check("oom-score-adj-privileged", st == 0 || st > 9, "step %d failed", st);
	check("oom-score-adj-inherited", st != 6, "a forked child has another value");
	check("oom-score-adj-unprivileged-floor", st == 0, "step %d failed", st);
	long score = read_long("/proc/self/oom_score");
	check("oom-score-range", score >= 0 && score <= 2000, "%ld", score);
	check("oom-score-adj-in-range", read_long(path) >= OOM_ADJ_MIN &&
	      read_long(path) <= OOM_ADJ_MAX, "%ld", read_long(path));
}

/* /proc/sys/kernel's names follow uname, in a new UTS namespace. */
static int uts_child(void)
{
	struct utsname u;
	char buf[128], want[128];

	if (unshare(CLONE_NEWUTS))
		return 1;
	if (put("/proc/sys/kernel/hostname", "procfiles-host\n"))
		return 2;
	if (uname(&u) || strcmp(u.nodename, "procfiles-host") != 0)
		return 3;
	slurp("/proc/sys/kernel/hostname", buf, sizeof(buf));
	if (strcmp(buf, "procfiles-host\n") != 0)
		return 4;
	if (put("/proc/sys/kernel/domainname", "procfiles.example"))
		return 5;
	if (uname(&u) || strcmp(u.domainname, "procfiles.example") != 0)
		return 6;
	slurp("/proc/sys/kernel/domainname", buf, sizeof(buf));
	if (strcmp(buf, "procfiles.example\n") != 0)
		return 7;
	/* Longer than a name can be: cut at 64 bytes, as Linux. */
	memset(buf, 'a', 70);
	buf[70] = 0;
	if (put("/proc/sys/kernel/hostname", buf))
		return 8;
	memset(want, 'a', 64);
	want[64] = 0;
	if (uname(&u) || strcmp(u.nodename, want) != 0)
		return 9;
	if (sethostname("by-syscall", 10))
		return 10;
	slurp("/proc/sys/kernel/hostname", buf, sizeof(buf));
	return strcmp(buf, "by-syscall\n") == 0 ? 0 : 11;
}

static void test_sys_kernel(void)
{
	struct utsname u, after;
	char buf[256], want[256];

	uname(&u);
	pid_t pid = fork();
	if (pid == 0)
		_exit(uts_child());
	int st = wait_status(pid);
	check("sys-kernel-hostname-is-uname", st == 0, "step %d failed", st);
	uname(&after);
	check("sys-kernel-hostname-per-namespace", strcmp(u.nodename, after.nodename) == 0,
	      "the parent's name became '%s'", after.nodename);
	snprintf(want, sizeof(want), "%s\n", u.nodename);
	slurp("/proc/sys/kernel/hostname", buf, sizeof(buf));
	check("sys-kernel-hostname", strcmp(buf, want) == 0, "'%s', uname '%s'", buf, u.nodename);
	snprintf(want, sizeof(want), "%s\n", u.sysname);
	slurp("/proc/sys/kernel/ostype", buf, sizeof(buf));
	check("sys-kernel-ostype", strcmp(buf, want) == 0, "'%s', uname '%s'", buf, u.sysname);
	snprintf(want, sizeof(want), "%s\n", u.release);
	slurp("/proc/sys/kernel/osrelease", buf, sizeof(buf));
	check("sys-kernel-osrelease", strcmp(buf, want) == 0, "'%s', uname '%s'", buf, u.release);
	long pid_max = read_long("/proc/sys/kernel/pid_max");
	check("sys-kernel-pid-max", pid_max >= 301 && pid_max > getpid(), "%ld", pid_max);
	check("sys-kernel-overflowuid", read_long("/proc/sys/kernel/overflowuid") == NOBODY,
	      "%ld", read_long("/proc/sys/kernel/overflowuid"));
	check("sys-kernel-overflowgid", read_long("/proc/sys/kernel/overflowgid") == NOBODY,
	      "%ld", read_long("/proc/sys/kernel/overflowgid"));
	long ngroups = read_long("/proc/sys/kernel/ngroups_max");
	check("sys-kernel-ngroups-max", ngroups >= 16, "%ld", ngroups);
	/* No more groups than that can be set. */
	if (ngroups > 0 && ngroups < 4096) {
		gid_t *groups = calloc(ngroups + 1, sizeof(gid_t));
		pid = fork();
		if (pid == 0)
			_exit(setgroups(ngroups + 1, groups) == -1 && errno == EINVAL ? 0 : 1);
		check("sys-kernel-ngroups-max-enforced", wait_status(pid) == 0,
		      "setgroups of %ld groups worked", ngroups + 1);
		free(groups);
	}
	if (getuid() == 0) {
		pid = fork();
		if (pid == 0) {
			setuid(NOBODY);
			_exit(put("/proc/sys/kernel/hostname", "x") == -1 && errno == EACCES ? 0 : 1);
		}
		check("sys-kernel-hostname-unprivileged", wait_status(pid) == 0, "not EACCES");
	}
	int found = 0;
	DIR *d = opendir("/proc/sys/kernel");
	struct dirent *e;
	while (d && (e = readdir(d)))
		found += strcmp(e->d_name, "hostname") == 0 || strcmp(e->d_name, "osrelease") == 0;
	if (d)
		closedir(d);
	check("sys-kernel-listed", found == 2, "%d of hostname, osrelease", found);
}

static void test_cpuinfo(void)
{
	static char buf[65536];
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN), blocks = 0, n;

	n = slurp("/proc/cpuinfo", buf, sizeof(buf));
	for (char *p = buf; (p = strstr(p, "processor\t: ")); p++) {
		blocks += (p == buf || p[-1] == '\n') && atol(p + 12) == blocks;
	}
	check("cpuinfo-block-per-cpu", blocks == ncpu, "%ld processor lines, %ld online", blocks,
	      ncpu);
	check("cpuinfo-blank-line-after-block", n > 2 && strcmp(buf + n - 2, "\n\n") == 0,
	      "ends '%s'", n > 8 ? buf + n - 8 : buf);
#ifdef __riscv
	long harts = 0, isa = 0, mmu = 0;
	for (char *p = buf; (p = strstr(p, "\nhart\t\t: ")); p++)
		harts++;
	for (char *p = buf; (p = strstr(p, "\nisa\t\t: rv64")); p++)
		isa++;
	for (char *p = buf; (p = strstr(p, "\nmmu\t\t: sv")); p++)
		mmu++;
	check("cpuinfo-riscv-fields", harts == ncpu && isa == ncpu && mmu == ncpu,
	      "hart %ld isa %ld mmu %ld lines", harts, isa, mmu);
#endif
}

static void test_version(void)
{
	struct utsname u;
	char buf[512], want[256];

	uname(&u);
	slurp("/proc/version", buf, sizeof(buf));
	snprintf(want, sizeof(want), "%s version %s ", u.sysname, u.release);
	check("version-banner", strncmp(buf, want, strlen(want)) == 0 &&
	      strstr(buf, u.version) && buf[strlen(buf) - 1] == '\n', "'%s'", buf);
}

static void test_filesystems(void)
{
	char buf[4096];
	int bad = 0;

	slurp("/proc/filesystems", buf, sizeof(buf));
	check("filesystems-proc", strstr(buf, "nodev\tproc\n") != 0, "'%s'", buf);
	check("filesystems-tmpfs", strstr(buf, "nodev\ttmpfs\n") != 0, "'%s'", buf);
	for (char *line = buf; *line; line = strchr(line, '\n') + 1) {
		if (!strchr(line, '\n'))
			bad = 1;
		if (bad)
			break;
		bad = !(line[0] == '\t' || strncmp(line, "nodev\t", 6) == 0);
	}
	check("filesystems-format", !bad, "'%s'", buf);
}

static void test_loadavg(void)
{
	char buf[128];
	double a, b, c;
	int running = 0, total = 0, last = 0;

	slurp("/proc/loadavg", buf, sizeof(buf));
	int n = sscanf(buf, "%lf %lf %lf %d/%d %d", &a, &b, &c, &running, &total, &last);
	check("loadavg-format", n == 6, "'%s'", buf);
	check("loadavg-tasks", running >= 1 && total >= running && last > 0, "'%s'", buf);

	/* A process that never sleeps raises the 1-minute average above 0
	 * within a sample or two (every 5 s); a minute only bounds a hang. */
	pid_t spinner = fork();
	if (spinner == 0)
		for (;;)
			;
	time_t give_up = time(NULL) + 60;
	a = 0;
	while (a <= 0 && time(NULL) < give_up) {
		slurp("/proc/loadavg", buf, sizeof(buf));
		sscanf(buf, "%lf", &a);
		if (a <= 0)
			usleep(100000);
	}
	kill(spinner, SIGKILL);
	waitpid(spinner, NULL, 0);
	check("loadavg-rises-with-a-busy-process", a > 0, "'%s'", buf);
}

/* A second thread (a bare clone: no pthreads here) reads thread-self. */
static char thread_got[64];
static volatile int thread_done, thread_release;

static int thread_self_link(void *unused)
{
	(void)unused;
	long n = readlink("/proc/thread-self", thread_got, sizeof(thread_got) - 1);

	thread_got[n > 0 ? n : 0] = 0;
	__atomic_store_n(&thread_done, 1, __ATOMIC_RELEASE);
	while (!__atomic_load_n(&thread_release, __ATOMIC_ACQUIRE))
		sched_yield();
	return 0;
}

/* task/ lists both threads; task/TID/stat is the thread's. */
static void check_task_dir(int tid)
{
	char path[64], buf[512];
	int found = 0, n = 0, stat_tid = 0;
	DIR *d = opendir("/proc/self/task");
	struct dirent *e;

	while (d && (e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		n++;
		found += atoi(e->d_name) == tid || atoi(e->d_name) == getpid();
	}
	if (d)
		closedir(d);
	check("task-dir-lists-threads", n == 2 && found == 2, "%d entries, %d ours", n, found);
	snprintf(path, sizeof(path), "/proc/self/task/%d/stat", tid);
	slurp(path, buf, sizeof(buf));
	sscanf(buf, "%d", &stat_tid);
	check("task-tid-stat", stat_tid == tid, "'%.60s', thread %d", buf, tid);
	snprintf(path, sizeof(path), "/proc/self/task/%d", getpid() + 1000000);
	int ret = access(path, F_OK);
	check_errno("task-no-such-thread", ret, errno, ENOENT);
}

static void test_thread_self(void)
{
	static char stack[16384] __attribute__((aligned(16)));
	char got[64] = "", want[64], path[128];
	struct stat st;

	snprintf(want, sizeof(want), "%d/task/%d", (int)getpid(), (int)getpid());
	long n = readlink("/proc/thread-self", got, sizeof(got) - 1);
	got[n > 0 ? n : 0] = 0;
	check("thread-self-main", strcmp(got, want) == 0, "'%s', want '%s'", got, want);
	snprintf(path, sizeof(path), "/proc/thread-self/stat");
	check("thread-self-reaches-task", stat(path, &st) == 0, "%s", strerror(errno));
	int tid = clone(thread_self_link, stack + sizeof(stack),
			CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD, NULL);
	while (tid > 0 && !__atomic_load_n(&thread_done, __ATOMIC_ACQUIRE))
		sched_yield();
	check_task_dir(tid);
	__atomic_store_n(&thread_release, 1, __ATOMIC_RELEASE);
	snprintf(want, sizeof(want), "%d/task/", (int)getpid());
	check("thread-self-thread", strncmp(thread_got, want, strlen(want)) == 0 &&
	      atoi(thread_got + strlen(want)) == tid, "'%s', thread %d", thread_got, tid);
}

/* Does directory dir list every name of names (NULL-terminated)?  The
 * first missing one, or NULL. */
static const char *first_unlisted(const char *dir, const char *const *names)
{
	for (; *names; names++) {
		DIR *d = opendir(dir);
		struct dirent *e;
		int found = 0;

		while (d && !found && (e = readdir(d)))
			found = strcmp(e->d_name, *names) == 0;
		if (d)
			closedir(d);
		if (!found)
			return *names;
	}
	return NULL;
}

static void test_listings(void)
{
	static const char *const root[] = { "self", "thread-self", "cpuinfo", "version",
		"filesystems", "loadavg", "meminfo", "uptime", "stat", "sys", NULL };
	static const char *const pid[] = { "stat", "statm", "status", "cmdline", "comm",
		"limits", "cgroup", "oom_score", "oom_score_adj", "task", "fd", NULL };
	static const char *const kernel[] = { "hostname", "domainname", "ostype", "osrelease",
		"pid_max", "overflowuid", "overflowgid", "ngroups_max", NULL };
	const char *missing;

	missing = first_unlisted("/proc", root);
	check("listing-proc", !missing, "no %s", missing);
	missing = first_unlisted("/proc/self", pid);
	check("listing-proc-self", !missing, "no %s", missing);
	missing = first_unlisted("/proc/sys/kernel", kernel);
	check("listing-proc-sys-kernel", !missing, "no %s", missing);
}

int main(void)
{
	test_statm();
	test_limits();
	test_cgroup();
	test_oom_score_adj();
	test_sys_kernel();
	test_cpuinfo();
	test_version();
	test_filesystems();
	test_loadavg();
	test_thread_self();
	test_listings();
	return 0;
}
