/*
 * The guest half of `make bench`: times each operation with rdtime and
 * counts guest instructions with rdinstret, and prints one line per
 * benchmark: "bench NAME OPS INSTRUCTIONS_PER_OP NANOSECONDS_PER_OP".
 * Run as PID 1 (init=/tests/bench); powers off when done.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <net/if.h>
#include <netinet/in.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/socket.h>
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

/*
 * The scheduler's benchmarks (booted with "schedbench" on the command
 * line, on several harts).  CPU-bound children count loop iterations in
 * shared memory during a fixed stretch of guest time; what each got says
 * how the harts were shared.
 *
 * What "throughput" is depends on the clock.  In real time each hart is a
 * host thread and the host's load decides what it gets, so for N spinners
 * on N harts the figure there is also the share of the harts' time they
 * had (their user time over N times the window), 1.0 when the scheduler
 * kept every hart on them all along.
 *
 * Under -icount qemu runs the harts in turn on one thread, and the guest's
 * clock is the count of the instructions of all harts together (time,
 * cycle and instret alike: no counter tells one hart's share, and how
 * qemu splits the turns is qemu's, not the scheduler's).  N harts then do
 * not do N times the work of one in a guest second, and a halted (idle)
 * hart costs nothing: the N spinners' iterations over one spinner's, in
 * the same stretch (total/one), is 1.0 when no instruction went elsewhere
 * than to spinners and the work of switching, however many harts there
 * are.  What the scheduler decides is where they run, and that the
 * spinners' samples of sched_getcpu show.  So the N-on-N figure under
 * -icount is total/one times the harts the spinners held: each hart that
 * is some spinner's usual one counts the smallest share of samples the
 * spinners whose usual hart it is had there.  It is N when each spinner
 * kept a hart of its own all along, N - 1 when two shared one hart (and
 * one hart idled), less when they wandered; the target is 0.9 N.
 * In real time the same figure is printed beside the hart-time share.
 */
#define SPIN_NS		2000000000ull	/* guest time each case counts for */
#define MAXSPIN		8

struct spin_area {
	volatile int go, stop;
	struct {
		volatile unsigned long n, cpu_us;
		volatile unsigned int on[MAXSPIN];	/* samples of sched_getcpu */
		char pad[16];
	} count[MAXSPIN];
};

static struct spin_area *spin;

static int wr_file(const char *path, const char *s)
{
	int fd = open(path, O_WRONLY);
	if (fd < 0)
		return -1;
	int ok = write(fd, s, strlen(s)) == (ssize_t)strlen(s);
	close(fd);
	return ok ? 0 : -1;
}

/* A spinner: pinned to cpu (-1: anywhere), at nice, in cgroup dir (or
 * NULL); counts while go and not stop. */
static pid_t spinner(int i, int cpu, int nice, const char *cg)
{
	pid_t pid = fork();
	if (pid)
		return pid;
	if (cpu >= 0) {
		cpu_set_t s;
		CPU_ZERO(&s);
		CPU_SET(cpu, &s);
		sched_setaffinity(0, sizeof(s), &s);
	}
	if (nice)
		setpriority(PRIO_PROCESS, 0, nice);
	if (cg) {
		char path[128], v[16];
		snprintf(path, sizeof(path), "%s/cgroup.procs", cg);
		snprintf(v, sizeof(v), "%d", (int)getpid());
		wr_file(path, v);
	}
	while (!spin->go)
		;
	struct rusage r0, r1;
	getrusage(RUSAGE_SELF, &r0);
	unsigned long n = 0;
	while (!spin->stop) {
		if (!(++n & 0xfffff)) {
			int c = sched_getcpu();
			if (c >= 0 && c < MAXSPIN)
				spin->count[i].on[c]++;
		}
	}
	getrusage(RUSAGE_SELF, &r1);
	spin->count[i].n = n;
	spin->count[i].cpu_us = (r1.ru_utime.tv_sec - r0.ru_utime.tv_sec) * 1000000 +
				(r1.ru_utime.tv_usec - r0.ru_utime.tv_usec);
	_exit(0);
}

/* Run the spinners already forked (pids[0..n-1]) for SPIN_NS of guest
 * time; their counts land in spin->count. */
static void spin_run(pid_t *pids, int n)
{
	struct timespec ts = { SPIN_NS / 1000000000ull, SPIN_NS % 1000000000ull };
	struct timespec settle = { 0, 20000000 };
	nanosleep(&settle, NULL);	/* let them reach their cpus and groups */
	spin->go = 1;
	nanosleep(&ts, NULL);
	spin->stop = 1;
	for (int i = 0; i < n; i++)
		waitpid(pids[i], NULL, 0);
}

static void spin_reset(void)
{
	memset((void *)spin, 0, sizeof(*spin));
}

static void bench_sched(void)
{
	spin = mmap(NULL, sizeof(*spin), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (spin == MAP_FAILED) {
		printf("bench-error mmap\n");
		return;
	}
	cpu_set_t all;
	sched_getaffinity(0, sizeof(all), &all);
	int ncpu = CPU_COUNT(&all);
	if (ncpu > MAXSPIN)
		ncpu = MAXSPIN;
	pid_t pids[MAXSPIN];

	spin_reset();
	pids[0] = spinner(0, -1, 0, NULL);
	spin_run(pids, 1);
	unsigned long one = spin->count[0].n;
	printf("sbench spin-1 %lu\n", one);

	spin_reset();
	for (int i = 0; i < ncpu; i++)
		pids[i] = spinner(i, -1, 0, NULL);
	spin_run(pids, ncpu);
	unsigned long total = 0, lo = ~0ul, hi = 0, cpu_us = 0;
	for (int i = 0; i < ncpu; i++) {
		unsigned long c = spin->count[i].n;
		cpu_us += spin->count[i].cpu_us;
		total += c;
		lo = c < lo ? c : lo;
		hi = c > hi ? c : hi;
	}
	/* The share of the harts' time the spinners had (their user time
	 * over N times the window): 1.0 when all N harts ran them all along,
	 * whatever the host gave qemu's threads. */
	/* Placement: the share of each spinner's samples on its usual hart,
	 * and how many distinct harts the spinners kept to. */
	unsigned used = 0;
	double home = 1.0, held[MAXSPIN];
	for (int c = 0; c < MAXSPIN; c++)
		held[c] = 1.0;
	for (int i = 0; i < ncpu; i++) {
		unsigned best = 0, sum = 0, at = 0;
		for (int c = 0; c < MAXSPIN; c++) {
			sum += spin->count[i].on[c];
			if (spin->count[i].on[c] > best) {
				best = spin->count[i].on[c];
				at = c;
			}
		}
		double share = sum ? (double)best / sum : 0;
		used |= 1u << at;
		if (share < home)
			home = share;
		if (share < held[at])
			held[at] = share;
	}
	double harts_held = 0;
	for (int c = 0; c < MAXSPIN; c++)
		if (used >> c & 1)
			harts_held += held[c];
	printf("sbench spin-%d-on-%d-harts %lu total/one %.3f min/max %.3f hart-time-share %.3f "
	       "harts-used %d on-own-hart %.3f\n",
	       ncpu, ncpu, total, (double)total / one, (double)lo / hi,
	       (double)cpu_us * 1000 / ((double)ncpu * SPIN_NS), __builtin_popcount(used), home);
	printf("sbench spin-%d-on-%d-harts-icount-figure %.3f (total/one x harts held %.3f; "
	       "want >= %.1f)\n", ncpu, ncpu, (double)total / one * harts_held, harts_held,
	       0.9 * ncpu);

	/* nice 0 against nice 5 on one hart: 1024 to 335 is 3.06 */
	spin_reset();
	pids[0] = spinner(0, 0, 0, NULL);
	pids[1] = spinner(1, 0, 5, NULL);
	spin_run(pids, 2);
	printf("sbench nice0-vs-nice5 %lu %lu ratio %.3f (want 3.057)\n", spin->count[0].n,
	       spin->count[1].n, (double)spin->count[0].n / (spin->count[1].n ? spin->count[1].n : 1));

	/* Two groups, cpu.weight 100 and 300, one spinner each on one hart */
	mkdir("/tmp/cg", 0755);
	if (mount("cgroup2", "/tmp/cg", "cgroup2", 0, NULL) == 0 &&
	    wr_file("/tmp/cg/cgroup.subtree_control", "+cpu") == 0 &&
	    mkdir("/tmp/cg/a", 0755) == 0 && mkdir("/tmp/cg/b", 0755) == 0 &&
	    wr_file("/tmp/cg/a/cpu.weight", "100") == 0 && wr_file("/tmp/cg/b/cpu.weight", "300") == 0) {
		spin_reset();
		pids[0] = spinner(0, 0, 0, "/tmp/cg/a");
		pids[1] = spinner(1, 0, 0, "/tmp/cg/b");
		spin_run(pids, 2);
		printf("sbench cg-weight-100-vs-300 %lu %lu ratio %.3f (want 3.0)\n", spin->count[0].n,
		       spin->count[1].n, (double)spin->count[1].n / (spin->count[0].n ? spin->count[0].n : 1));
		/* cpu.max 20000 100000: a fifth of a hart */
		wr_file("/tmp/cg/a/cpu.max", "20000 100000");
		spin_reset();
		pids[0] = spinner(0, 0, 0, "/tmp/cg/a");
		spin_run(pids, 1);
		printf("sbench cg-max-20pct %lu of-one %.3f (want 0.2)\n", spin->count[0].n,
		       (double)spin->count[0].n / one);
		int fd = open("/tmp/cg/a/cpu.stat", O_RDONLY);
		char st[512];
		ssize_t n = fd < 0 ? -1 : read(fd, st, sizeof(st) - 1);
		if (fd >= 0)
			close(fd);
		st[n > 0 ? n : 0] = 0;
		for (char *p = st; *p; p++)
			if (*p == '\n')
				*p = ' ';
		printf("sbench cg-max-20pct-cpu.stat %s\n", st);
		rmdir("/tmp/cg/a");
		rmdir("/tmp/cg/b");
	} else {
		printf("bench-error cgroup setup\n");
	}
	fflush(stdout);
}

static int cmdline_has(const char *word)
{
	char buf[512];
	int fd = open("/proc/cmdline", O_RDONLY);
	ssize_t n = fd < 0 ? -1 : read(fd, buf, sizeof(buf) - 1);
	if (fd >= 0)
		close(fd);
	if (n <= 0)
		return 0;
	buf[n] = 0;
	return strstr(buf, word) != NULL;
}

int main(void)
{
	mount("proc", "/proc", "proc", 0, NULL);
	mount("tmpfs", "/tmp", "tmpfs", 0, NULL);
	if (cmdline_has("schedbench")) {
		/* The scheduler's cases, then the context switches on these harts. */
		bench_sched();
		bench_fork();
		bench_pipe();
		reboot(RB_POWER_OFF);
		return 0;
	}
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
