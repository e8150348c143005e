/*
 * The guest half of `make bench`: times each operation with rdtime and
 * counts guest instructions with rdinstret, and prints one line per
 * benchmark: "bench NAME OPS INSTRUCTIONS_PER_OP NANOSECONDS_PER_OP".
 * Run as PID 1 (init=/tests/bench); powers off when done.
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/reboot.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#define TIMEBASE_HZ 10000000ull	/* qemu virt's time CSR */

static inline uint64_t rdtime(void)
{
	uint64_t v;
	__asm__ volatile("rdtime %0" : "=r"(v));
	return v;
}

static inline uint64_t rdinstret(void)
{
	uint64_t v;
	__asm__ volatile("rdinstret %0" : "=r"(v));
	return v;
}

struct mark {
	uint64_t time, instret;
};

static struct mark now(void)
{
	struct mark m = { rdtime(), rdinstret() };
	return m;
}

static void report(const char *name, long ops, struct mark a, struct mark b)
{
	uint64_t ns = (b.time - a.time) * (1000000000ull / TIMEBASE_HZ);
	printf("bench %s %ld %llu %llu\n", name, ops,
	       (unsigned long long)((b.instret - a.instret) / ops),
	       (unsigned long long)(ns / ops));
	fflush(stdout);
}

static void bench_syscall(void)
{
	long n = 20000;
	struct mark a = now();
	for (long i = 0; i < n; i++)
		syscall(SYS_getppid);
	report("getppid", n, a, now());
}

static void bench_fork(void)
{
	long n = 200;
	struct mark a = now();
	for (long i = 0; i < n; i++) {
		pid_t pid = fork();
		if (pid == 0)
			_exit(0);
		waitpid(pid, NULL, 0);
	}
	report("fork+exit+wait", n, a, now());
}

static void bench_exec(const char *path, const char *name)
{
	long n = 100;
	char *argv[] = { (char *)path, NULL };
	struct mark a = now();
	for (long i = 0; i < n; i++) {
		pid_t pid = fork();
		if (pid == 0) {
			execv(path, argv);
			_exit(127);
		}
		int st;
		waitpid(pid, &st, 0);
		if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) {
			printf("bench-error %s: status %d\n", path, st);
			return;
		}
	}
	report(name, n, a, now());
}

static void bench_pipe(void)
{
	int ab[2], ba[2];
	long n = 5000;
	char c = 'x';
	if (pipe(ab) || pipe(ba))
		return;
	pid_t pid = fork();
	if (pid == 0) {
		for (long i = 0; i < n; i++) {
			if (read(ab[0], &c, 1) != 1 || write(ba[1], &c, 1) != 1)
				_exit(1);
		}
		_exit(0);
	}
	struct mark a = now();
	for (long i = 0; i < n; i++) {
		if (write(ab[1], &c, 1) != 1 || read(ba[0], &c, 1) != 1)
			break;
	}
	struct mark b = now();
	waitpid(pid, NULL, 0);
	report("pipe-pingpong", n, a, b);
}

static void bench_file(const char *path)
{
	static char buf[4096];
	long n = (16 << 20) / sizeof(buf);
	memset(buf, 'a', sizeof(buf));
	int fd = open(path, O_CREAT | O_TRUNC | O_RDWR, 0644);
	if (fd < 0) {
		printf("bench-error open %s\n", path);
		return;
	}
	struct mark a = now();
	for (long i = 0; i < n; i++)
		if (write(fd, buf, sizeof(buf)) != sizeof(buf))
			break;
	fsync(fd);
	report("write-4k", n, a, now());
	a = now();
	for (int pass = 0; pass < 2; pass++) {
		lseek(fd, 0, SEEK_SET);
		for (long i = 0; i < n; i++)
			if (read(fd, buf, sizeof(buf)) != sizeof(buf))
				break;
	}
	report("read-4k-cached", 2 * n, a, now());
	close(fd);
	unlink(path);
}

/* Page faults: an anonymous mapping touched a page at a time (each touch a
 * fault that allocates, zeroes, and, in a memory cgroup, charges a page). */
static void bench_fault(const char *name)
{
	long n = 2048;
	char *p = mmap(NULL, n * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return;
	struct mark a = now();
	for (long i = 0; i < n; i++)
		p[i * 4096] = 1;
	struct mark b = now();
	munmap(p, n * 4096);
	report(name, n, a, b);
}

/* fork+exit+wait and the faults again, from a cgroup with the memory
 * controller (when the kernel has one: else one with no controller). */
static void bench_memcg(void)
{
	mkdir("/tmp/cg", 0755);
	if (mount("cgroup2", "/tmp/cg", "cgroup2", 0, NULL))
		return;
	int fd = open("/tmp/cg/cgroup.subtree_control", O_WRONLY);
	if (fd >= 0) {
		write(fd, "+memory", 7);
		close(fd);
	}
	mkdir("/tmp/cg/bench", 0755);
	pid_t pid = fork();
	if (pid == 0) {
		fd = open("/tmp/cg/bench/cgroup.procs", O_WRONLY);
		if (fd < 0 || write(fd, "0", 1) != 1)
			_exit(1);
		close(fd);
		long n = 200;
		struct mark a = now();
		for (long i = 0; i < n; i++) {
			pid_t c = fork();
			if (c == 0)
				_exit(0);
			waitpid(c, NULL, 0);
		}
		report("fork+exit+wait-memcg", n, a, now());
		bench_fault("fault-4k-memcg");
		_exit(0);
	}
	waitpid(pid, NULL, 0);
}

/* The static glibc benchmark (tests/bench/glibcbench.c) prints its own lines. */
static void bench_glibc(void)
{
	char *argv[] = { "/tests/glibcbench", NULL };
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		execv(argv[0], argv);
		printf("bench-error exec %s\n", argv[0]);
		_exit(127);
	}
	waitpid(pid, NULL, 0);
}

/* The shell's benchmark scripts (tests/sh/bench), run once each by /bin/sh. */
static void bench_shell(const char *name)
{
	char path[64];
	snprintf(path, sizeof(path), "/tests/shbench/%s.sh", name);
	if (access(path, R_OK))
		return;
	char *argv[] = { "/bin/sh", path, NULL };
	struct mark a = now();
	pid_t pid = fork();
	if (pid == 0) {
		int null = open("/dev/null", O_WRONLY);
		dup2(null, 1);
		char *envp[] = { "SH=/bin/sh", "PATH=/bin:/sbin", NULL };
		execve("/bin/sh", argv, envp);
		_exit(127);
	}
	int st;
	waitpid(pid, &st, 0);
	struct mark b = now();
	uint64_t ns = (b.time - a.time) * (1000000000ull / TIMEBASE_HZ);
	printf("shbench %s 1 %llu %llu\n", name, (unsigned long long)(b.instret - a.instret),
	       (unsigned long long)ns);
	fflush(stdout);
}

int main(void)
{
	mount("proc", "/proc", "proc", 0, NULL);
	mount("tmpfs", "/tmp", "tmpfs", 0, NULL);
	bench_syscall();
	bench_fork();
	bench_exec("/bin/true", "fork+execve+wait");
	bench_pipe();
	bench_file("/root/bench.dat");
	bench_fault("fault-4k");
	bench_memcg();
	bench_glibc();
	bench_shell("loop");
	bench_shell("strings");
	bench_shell("startup");
	FILE *f = fopen("/proc/meminfo", "r");
	char line[128];
	while (f && fgets(line, sizeof(line), f))
		if (!strncmp(line, "MemFree:", 8) || !strncmp(line, "MemTotal:", 9))
			printf("bench-mem %s", line);
	fflush(stdout);
	sync();
	reboot(RB_POWER_OFF);
	return 0;
}
