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
#include <arpa/inet.h>
#include <net/if.h>
#include <netinet/in.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/socket.h>
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

/* ---- the IPv4 stack over loopback ---- */

static int lo_up(void)
{
	int fd = socket(AF_INET, SOCK_DGRAM, 0);
	struct ifreq r;
	memset(&r, 0, sizeof(r));
	strcpy(r.ifr_name, "lo");
	if (fd < 0 || ioctl(fd, SIOCGIFFLAGS, &r))
		return -1;
	r.ifr_flags |= IFF_UP;
	int err = ioctl(fd, SIOCSIFFLAGS, &r);
	close(fd);
	return err;
}

static struct sockaddr_in lo_addr(int port)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(port),
				 .sin_addr = { htonl(INADDR_LOOPBACK) } };
	return a;
}

static int tcp_listener(int *port)
{
	int l = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in a = lo_addr(0);
	socklen_t len = sizeof(a);
	if (l < 0 || bind(l, (struct sockaddr *)&a, sizeof(a)) || listen(l, 64) ||
	    getsockname(l, (struct sockaddr *)&a, &len))
		return -1;
	*port = ntohs(a.sin_port);
	return l;
}

/* TCP throughput: 32 MiB in 64 KiB writes, per KiB received. */
static void bench_tcp_stream(void)
{
	int port, l = tcp_listener(&port);
	long kib = 32 * 1024;
	if (l < 0)
		return;
	pid_t pid = fork();
	if (pid == 0) {
		static char buf[65536];
		int c = socket(AF_INET, SOCK_STREAM, 0);
		struct sockaddr_in a = lo_addr(port);
		if (connect(c, (struct sockaddr *)&a, sizeof(a)))
			_exit(1);
		for (long i = 0; i < kib / 64; i++)
			if (write(c, buf, sizeof(buf)) != sizeof(buf))
				_exit(1);
		_exit(0);
	}
	int s = accept(l, NULL, NULL);
	static char buf[65536];
	long got = 0, n;
	struct mark a = now();
	while (s >= 0 && (n = read(s, buf, sizeof(buf))) > 0)
		got += n;
	struct mark b = now();
	waitpid(pid, NULL, 0);
	close(s);
	close(l);
	if (got == kib * 1024)
		report("tcp-stream-per-kib", kib, a, b);
}

/* connect + accept + close of both ends. */
static void bench_tcp_connect(void)
{
	int port, l = tcp_listener(&port);
	long n = 500;
	struct sockaddr_in a = lo_addr(port);
	struct mark m = now();
	for (long i = 0; i < n; i++) {
		int c = socket(AF_INET, SOCK_STREAM, 0);
		if (connect(c, (struct sockaddr *)&a, sizeof(a)))
			return;
		int s = accept(l, NULL, NULL);
		close(c);
		close(s);
	}
	report("tcp-connect-close", n, m, now());
	close(l);
}

/* A one-byte UDP datagram there and back. */
static void bench_udp_rtt(void)
{
	int a = socket(AF_INET, SOCK_DGRAM, 0), b = socket(AF_INET, SOCK_DGRAM, 0);
	struct sockaddr_in sa = lo_addr(0), sb = lo_addr(0);
	socklen_t len = sizeof(sa);
	if (bind(a, (struct sockaddr *)&sa, sizeof(sa)) || bind(b, (struct sockaddr *)&sb, sizeof(sb)) ||
	    getsockname(a, (struct sockaddr *)&sa, &len) || (len = sizeof(sb),
	    getsockname(b, (struct sockaddr *)&sb, &len)) ||
	    connect(a, (struct sockaddr *)&sb, sizeof(sb)) || connect(b, (struct sockaddr *)&sa, sizeof(sa)))
		return;
	long n = 5000;
	char c = 'x';
	pid_t pid = fork();
	if (pid == 0) {
		for (long i = 0; i < n; i++)
			if (recv(b, &c, 1, 0) != 1 || send(b, &c, 1, 0) != 1)
				_exit(1);
		_exit(0);
	}
	struct mark m = now();
	for (long i = 0; i < n; i++)
		if (send(a, &c, 1, 0) != 1 || recv(a, &c, 1, 0) != 1)
			break;
	struct mark e = now();
	waitpid(pid, NULL, 0);
	report("udp-roundtrip", n, m, e);
	close(a);
	close(b);
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
	if (lo_up() == 0) {
		bench_udp_rtt();
		bench_tcp_connect();
		bench_tcp_stream();
	}
	bench_file("/root/bench.dat");
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
