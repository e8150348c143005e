/*
 * The static glibc half of `make bench`: the operations ANCHORS.md measured
 * on Linux 6.1 with a static glibc program, measured the same way here.
 * Built with riscv64-linux-gnu-gcc -static -O2 (about 800 KiB, like the
 * program behind the Linux figures), so fork copies and exec maps what a
 * real glibc program has.  /tests/bench runs it once per boot.
 *
 * Each loop is timed with rdtime and counted with rdinstret; one line per
 * benchmark: "gbench NAME OPS INSTRUCTIONS_PER_OP NANOSECONDS_PER_OP".
 * Under -icount shift=0 on one hart the instruction figures are exact.
 *
 * The same binary runs as PID 1 on Linux (tests/bench/linux-ref boots
 * Debian's riscv64 kernel with it as an initramfs's /init): there it
 * mounts /proc, opens user access to instret, loads the veth module the
 * initramfs carries, brings lo up, skips the cases that need this
 * project's programs (/bin/isolate, /bin/true) and powers the machine off
 * at the end.
 *
 * usage: glibcbench [exit|net|tcp-stream|tcp-veth]   ("exit" returns at
 * once: the execve target; "net" runs the network cases only, "tcp-stream"
 * the loopback stream alone and "tcp-veth" the stream over a veth pair
 * alone, for make insnprof)
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <dirent.h>
#include <sched.h>
#include <setjmp.h>
#include <signal.h>
#include <stdlib.h>
#include <stddef.h>
#include <poll.h>
#include <arpa/inet.h>
#include <net/if.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/socket.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/if_link.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/seccomp.h>
#include <linux/veth.h>

#define TIMEBASE_HZ 10000000ull	/* qemu virt's time CSR */
#define SELF "/tests/glibcbench"
#define FILE_PATH "/root/glibcbench.dat"
#define FILE_SIZE (16 << 20)
#define IO_SIZE 4096

static inline uint64_t rdtime(void)
{
	uint64_t v;
	__asm__ volatile("rdtime %0" : "=r"(v));
	return v;
}

/* Linux 6.12 lets user mode read only the time CSR unless
 * kernel.perf_user_access is 2; init_linux() opens it, and when rdinstret
 * still traps the instruction figures are 0 (under -icount shift=0 the
 * nanoseconds are instructions anyway). */
static int have_instret = 1;

static inline uint64_t rdinstret(void)
{
	uint64_t v = 0;
	if (have_instret)
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
	printf("gbench %s %ld %llu %llu\n", name, ops,
	       (unsigned long long)((b.instret - a.instret) / ops),
	       (unsigned long long)(ns / ops));
	fflush(stdout);
}

static void bench_syscall(void)
{
	long n = 20000;
	struct mark a = now();
	for (long i = 0; i < n; i++)
		getppid();
	report("getppid", n, a, now());
}

/* getppid again, in a child with a ten-instruction seccomp filter (the
 * shape of isolate's: arch check, then a few denied calls): the cost of a
 * filter on every call, beside the unfiltered getppid above. */
static void bench_seccomp(void)
{
	struct sock_filter f[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_RISCV64, 1, 0),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_reboot, 4, 0),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_kexec_load, 3, 0),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_init_module, 2, 0),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_delete_module, 1, 0),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EPERM),
	};
	struct sock_fprog prog = { sizeof(f) / sizeof(f[0]), f };
	pid_t pid = fork();
	if (pid == 0) {
		if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) ||
		    syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog)) {
			printf("gbench-error seccomp: %s\n", strerror(errno));
			_exit(1);
		}
		long n = 20000;
		struct mark a = now();
		for (long i = 0; i < n; i++)
			getppid();
		report("getppid-seccomp10", n, a, now());
		_exit(0);
	}
	int st;
	waitpid(pid, &st, 0);
}

static int wait_ok(pid_t pid, const char *what)
{
	int st;
	if (pid < 0 || waitpid(pid, &st, 0) != pid || !WIFEXITED(st) || WEXITSTATUS(st)) {
		printf("gbench-error %s: child failed\n", what);
		return -1;
	}
	return 0;
}

static void bench_fork(void)
{
	long n = 200;
	struct mark a = now();
	for (long i = 0; i < n; i++) {
		pid_t pid = fork();
		if (pid == 0)
			_exit(0);
		if (wait_ok(pid, "fork"))
			return;
	}
	report("fork+exit+wait", n, a, now());
}

static void bench_exec(void)
{
	long n = 100;
	char *argv[] = { SELF, "exit", NULL };
	char *envp[] = { NULL };
	struct mark a = now();
	for (long i = 0; i < n; i++) {
		pid_t pid = fork();
		if (pid == 0) {
			execve(SELF, argv, envp);
			_exit(127);
		}
		if (wait_ok(pid, "execve " SELF))
			return;
	}
	report("fork+execve+wait", n, a, now());
}

/*
 * clone with new namespaces, exit and wait: the child is a fork made by the
 * raw system call (it runs on a copy of this stack and only exits), so the
 * figure is the kernel's cost of making and tearing down the namespaces
 * beside bench_fork's plain process.  ANCHORS.md: Linux 6.1 takes 1,757,000
 * instructions with all six flags, 280,000 without CLONE_NEWNET.
 */
static void bench_clone_ns(const char *name, unsigned long flags)
{
	long n = 100;
	struct mark a = now();
	for (long i = 0; i < n; i++) {
		long pid = syscall(SYS_clone, flags | SIGCHLD, 0L, 0L, 0L, 0L);
		if (pid == 0)
			syscall(SYS_exit_group, 0);
		if (pid < 0) {
			printf("gbench-error %s: clone: %s\n", name, strerror(errno));
			return;
		}
		if (wait_ok(pid, name))
			return;
	}
	report(name, n, a, now());
}

/* isolate PROGRAM beside fork+execve of the same PROGRAM: the whole
 * container sequence (six namespaces, the uid map, a private / and a new
 * /proc, PID 1 and its reaping) against a plain process start. */
static void bench_spawn(const char *name, char *const argv[], long n)
{
	char *envp[] = { "PATH=/bin:/sbin", NULL };
	struct mark a = now();
	/* One start first, not counted: PROGRAM's pages read from the disk
	 * (and what other work the wait for them lets the hart do) would
	 * otherwise weigh on one program and not on the other, which earlier
	 * benchmarks already ran (/bin/true). */
	for (long i = -1; i < n; i++) {
		if (i == 0)
			a = now();
		pid_t pid = fork();
		if (pid == 0) {
			execve(argv[0], argv, envp);
			_exit(127);
		}
		if (wait_ok(pid, name))
			return;
	}
	report(name, n, a, now());
}

static long mem_free_kb(void)
{
	char line[128];
	long kb = -1;
	FILE *f = fopen("/proc/meminfo", "r");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "MemFree: %ld kB", &kb) == 1)
			break;
	fclose(f);
	return kb;
}

/* Is a child of parent named comm asleep?  From /proc/PID/stat. */
static int child_asleep(pid_t parent, const char *comm)
{
	DIR *d = opendir("/proc");
	struct dirent *e;
	int found = 0;
	while (d && !found && (e = readdir(d))) {
		char path[300], buf[256], name[64], state;
		int ppid;
		if (e->d_name[0] < '1' || e->d_name[0] > '9')
			continue;
		snprintf(path, sizeof(path), "/proc/%s/stat", e->d_name);
		FILE *f = fopen(path, "r");
		if (!f)
			continue;
		if (fgets(buf, sizeof(buf), f) &&
		    sscanf(buf, "%*d (%63[^)]) %c %d", name, &state, &ppid) == 3)
			found = ppid == parent && state == 'S' && strcmp(name, comm) == 0;
		fclose(f);
	}
	if (d)
		closedir(d);
	return found;
}

#define MEM_SAMPLES	7

static long median_of(long *v, int n)
{
	for (int i = 1; i < n; i++)
		for (int j = i; j > 0 && v[j - 1] > v[j]; j--) {
			long t = v[j];
			v[j] = v[j - 1];
			v[j - 1] = t;
		}
	return v[n / 2];
}

/* Free memory taken while argv (an isolate running sleep) idles. */
static long idle_cost_kb(char *const argv[])
{
	char *envp[] = { "PATH=/bin:/sbin", NULL };
	long before = mem_free_kb();
	pid_t pid = fork();
	if (pid == 0) {
		execve(argv[0], argv, envp);
		_exit(127);
	}
	if (pid < 0)
		return -1;
	while (!child_asleep(pid, "sleep"))
		usleep(10000);
	long during = mem_free_kb();
	kill(pid, SIGKILL);		/* its child goes with it (PR_SET_PDEATHSIG) */
	waitpid(pid, NULL, 0);
	return before - during;
}

/*
 * An idle container's kernel memory: what `isolate sleep` takes beyond
 * the same two processes with every namespace shared (isolate --share),
 * which is the namespaces, their mounts, the new /proc and the id maps.
 * Each is run once before it is measured, so caches are warm.
 */
static void bench_idle_container(void)
{
	char *shared[] = { "/bin/isolate", "--share", "user,uts,ipc,net,pid,mnt", "/bin/sleep",
			   "1000", NULL };
	char *isolated[] = { "/bin/isolate", "/bin/sleep", "1000", NULL };
	/* One sample moves by whole pages that per-hart page stacks and slab
	 * pages happen to hold: the median of MEM_SAMPLES of each, taken
	 * in turn. */
	long b[MEM_SAMPLES], c[MEM_SAMPLES];
	idle_cost_kb(shared);
	idle_cost_kb(isolated);
	for (int i = 0; i < MEM_SAMPLES; i++) {
		b[i] = idle_cost_kb(shared);
		c[i] = idle_cost_kb(isolated);
	}
	long base = median_of(b, MEM_SAMPLES), cont = median_of(c, MEM_SAMPLES);
	printf("gbench-mem idle-isolate-sleep %ld kB, with every namespace shared %ld kB: "
	       "the container's own %ld kB\n", cont, base, cont - base);
	fflush(stdout);
}

static void bench_pipe(void)
{
	int ab[2], ba[2];
	long n = 5000;
	char c = 'x';
	if (pipe(ab) || pipe(ba)) {
		printf("gbench-error pipe: %s\n", strerror(errno));
		return;
	}
	pid_t pid = fork();
	if (pid == 0) {
		for (long i = 0; i < n; i++)
			if (read(ab[0], &c, 1) != 1 || write(ba[1], &c, 1) != 1)
				_exit(1);
		_exit(0);
	}
	struct mark a = now();
	for (long i = 0; i < n; i++)
		if (write(ab[1], &c, 1) != 1 || read(ba[0], &c, 1) != 1)
			break;
	struct mark b = now();
	if (wait_ok(pid, "pipe"))
		return;
	report("pipe-pingpong", n, a, b);
}

/*
 * Waiting for 1 ready descriptor out of WATCHED: epoll_wait looks at its
 * ready list only, poll at every descriptor.  The descriptors are fifos
 * opened for reading and writing (one fd each, and never a hang-up), so
 * that WATCHED of them fit under the 1,024-descriptor limit.
 */
#define WATCHED 1000
#define FIFO_DIR "/root"

static int open_fifos(int *fds)
{
	char path[64];
	for (int i = 0; i < WATCHED; i++) {
		snprintf(path, sizeof(path), FIFO_DIR "/gbench-fifo-%d", i);
		unlink(path);
		if (mkfifo(path, 0600) != 0 || (fds[i] = open(path, O_RDWR | O_NONBLOCK)) < 0) {
			printf("gbench-error fifo %s: %s\n", path, strerror(errno));
			while (i-- > 0)
				close(fds[i]);
			return -1;
		}
		unlink(path);
	}
	return 0;
}

static void bench_wait_many(void)
{
	static int fds[WATCHED];
	static struct pollfd pfds[WATCHED];
	struct epoll_event ev, evs[8];
	int ep = epoll_create1(0);
	if (ep < 0 || open_fifos(fds)) {
		printf("gbench-error epoll: %s\n", strerror(errno));
		return;
	}
	for (int i = 0; i < WATCHED; i++) {
		ev.events = EPOLLIN;
		ev.data.u32 = i;
		if (epoll_ctl(ep, EPOLL_CTL_ADD, fds[i], &ev) != 0)
			printf("gbench-error epoll_ctl: %s\n", strerror(errno));
		pfds[i] = (struct pollfd){ fds[i], POLLIN, 0 };
	}
	if (write(fds[WATCHED / 2], "x", 1) != 1)
		printf("gbench-error write: %s\n", strerror(errno));
	long n = 2000;
	struct mark a = now();
	for (long i = 0; i < n; i++)
		if (epoll_wait(ep, evs, 8, 0) != 1)
			break;
	report("epoll-1-of-1000", n, a, now());
	n = 200;
	a = now();
	for (long i = 0; i < n; i++)
		if (poll(pfds, WATCHED, 0) != 1)
			break;
	report("poll-1-of-1000", n, a, now());
	for (int i = 0; i < WATCHED; i++)
		close(fds[i]);
	close(ep);
}

static int read_all(int fd, char *buf)
{
	lseek(fd, 0, SEEK_SET);
	for (long i = 0; i < FILE_SIZE / IO_SIZE; i++)
		if (read(fd, buf, IO_SIZE) != IO_SIZE)
			return -1;
	return 0;
}

static void bench_file(void)
{
	static char buf[IO_SIZE];
	long n = FILE_SIZE / IO_SIZE;
	memset(buf, 'a', sizeof(buf));
	int fd = open(FILE_PATH, O_CREAT | O_TRUNC | O_RDWR, 0644);
	if (fd < 0) {
		printf("gbench-error open %s: %s\n", FILE_PATH, strerror(errno));
		return;
	}
	struct mark a = now();
	for (long i = 0; i < n; i++)
		if (write(fd, buf, sizeof(buf)) != sizeof(buf)) {
			printf("gbench-error write: %s\n", strerror(errno));
			goto out;
		}
	fsync(fd);
	report("write-4k", n, a, now());
	if (read_all(fd, buf))	/* the cache is warm from here on */
		goto fail;
	a = now();
	for (int pass = 0; pass < 2; pass++)
		if (read_all(fd, buf))
			goto fail;
	report("read-4k-cached", 2 * n, a, now());
	goto out;
fail:
	printf("gbench-error read: short read\n");
out:
	close(fd);
	unlink(FILE_PATH);
}

/* ---- the IPv4 stack over loopback, in the initial network namespace ---- */

#define STREAM_BYTES (64l << 20)
#define STREAM_WRITE 65536

/* lo up with SIOCSIFFLAGS: as PID 1 on Linux nobody else does it. */
static int lo_up(void)
{
	struct ifreq r;
	int fd = socket(AF_INET, SOCK_DGRAM, 0);
	memset(&r, 0, sizeof(r));
	strcpy(r.ifr_name, "lo");
	if (fd < 0 || ioctl(fd, SIOCGIFFLAGS, &r)) {
		printf("gbench-error lo: %s\n", strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	int err = 0;
	if (!(r.ifr_flags & IFF_UP)) {
		r.ifr_flags |= IFF_UP;
		err = ioctl(fd, SIOCSIFFLAGS, &r);
		if (err)
			printf("gbench-error lo up: %s\n", strerror(errno));
	}
	close(fd);
	return err;
}

static struct sockaddr_in lo_addr(int port)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(port),
				 .sin_addr = { htonl(INADDR_LOOPBACK) } };
	return a;
}

/* A listener on 127.0.0.1 and a port the kernel picks. */
static int tcp_listener(int *port)
{
	struct sockaddr_in a = lo_addr(0);
	socklen_t len = sizeof(a);
	int l = socket(AF_INET, SOCK_STREAM, 0);
	if (l < 0 || bind(l, (struct sockaddr *)&a, sizeof(a)) || listen(l, 64) ||
	    getsockname(l, (struct sockaddr *)&a, &len)) {
		printf("gbench-error tcp listener: %s\n", strerror(errno));
		if (l >= 0)
			close(l);
		return -1;
	}
	*port = ntohs(a.sin_port);
	return l;
}

/*
 * TCP throughput over loopback: a child writes 64 MiB in 64 KiB writes,
 * this process reads it all; per KiB received, from the accepted
 * connection to the end of the stream (both processes' instructions: one
 * hart).  MB/s = 1,024,000 / the nanoseconds per KiB.
 */
static void bench_tcp_stream(void)
{
	static char buf[STREAM_WRITE];
	int port, l = tcp_listener(&port);
	if (l < 0)
		return;
	pid_t pid = fork();
	if (pid == 0) {
		struct sockaddr_in a = lo_addr(port);
		int c = socket(AF_INET, SOCK_STREAM, 0);
		if (c < 0 || connect(c, (struct sockaddr *)&a, sizeof(a)))
			_exit(1);
		memset(buf, 'x', sizeof(buf));
		for (long sent = 0; sent < STREAM_BYTES;) {
			ssize_t n = write(c, buf, sizeof(buf));
			if (n <= 0)
				_exit(1);
			sent += n;
		}
		_exit(close(c) ? 1 : 0);
	}
	int s = accept(l, NULL, NULL);
	long got = 0;
	ssize_t n = 0;
	struct mark a = now();
	while (s >= 0 && (n = read(s, buf, sizeof(buf))) > 0)
		got += n;
	struct mark b = now();
	if (n < 0 || s < 0)
		printf("gbench-error tcp stream: %s\n", strerror(errno));
	if (s >= 0)
		close(s);
	close(l);
	if (wait_ok(pid, "tcp stream writer") == 0 && got == STREAM_BYTES)
		report("tcp-stream-per-kib", STREAM_BYTES / 1024, a, b);
	else if (got != STREAM_BYTES)
		printf("gbench-error tcp stream: %ld of %ld bytes\n", got, STREAM_BYTES);
}

/* One round: socket, connect, accept, and close of both ends, the
 * client's first (its end stays in TIME_WAIT, 500 of them at the end). */
static void bench_tcp_connect(void)
{
	long n = 500;
	int port, l = tcp_listener(&port);
	if (l < 0)
		return;
	struct sockaddr_in a = lo_addr(port);
	struct mark m = now();
	for (long i = 0; i < n; i++) {
		int c = socket(AF_INET, SOCK_STREAM, 0);
		if (c < 0 || connect(c, (struct sockaddr *)&a, sizeof(a))) {
			printf("gbench-error tcp connect: %s\n", strerror(errno));
			close(l);
			return;
		}
		int s = accept(l, NULL, NULL);
		close(c);
		if (s < 0) {
			printf("gbench-error tcp accept: %s\n", strerror(errno));
			close(l);
			return;
		}
		close(s);
	}
	report("tcp-connect-close", n, m, now());
	close(l);
}

/* A one-byte UDP datagram there and back, between two connected sockets
 * in two processes. */
static void bench_udp_rtt(void)
{
	long n = 5000;
	char c = 'x';
	struct sockaddr_in sa = lo_addr(0), sb = lo_addr(0);
	socklen_t la = sizeof(sa), lb = sizeof(sb);
	int a = socket(AF_INET, SOCK_DGRAM, 0), b = socket(AF_INET, SOCK_DGRAM, 0);
	if (a < 0 || b < 0 || bind(a, (struct sockaddr *)&sa, sizeof(sa)) ||
	    bind(b, (struct sockaddr *)&sb, sizeof(sb)) ||
	    getsockname(a, (struct sockaddr *)&sa, &la) || getsockname(b, (struct sockaddr *)&sb, &lb) ||
	    connect(a, (struct sockaddr *)&sb, sizeof(sb)) || connect(b, (struct sockaddr *)&sa, sizeof(sa))) {
		printf("gbench-error udp: %s\n", strerror(errno));
		goto out;
	}
	pid_t pid = fork();
	if (pid == 0) {
		for (long i = 0; i < n; i++)
			if (recv(b, &c, 1, 0) != 1 || send(b, &c, 1, 0) != 1)
				_exit(1);
		_exit(0);
	}
	struct mark m = now();
	long i;
	for (i = 0; i < n; i++)
		if (send(a, &c, 1, 0) != 1 || recv(a, &c, 1, 0) != 1)
			break;
	struct mark e = now();
	if (i < n)
		printf("gbench-error udp round trip %ld: %s\n", i, strerror(errno));
	if (wait_ok(pid, "udp echo") == 0 && i == n)
		report("udp-roundtrip", n, m, e);
out:
	if (a >= 0)
		close(a);
	if (b >= 0)
		close(b);
}

/* ---- the same stream over a veth pair, between two namespaces ---- */

#define VETH_HOST "gbveth0"	/* this namespace's end, 10.77.0.1/24 */
#define VETH_PEER "gbveth1"	/* the child's, 10.77.0.2/24 */
#define VETH_NET 0x0a4d0000u	/* 10.77.0.0 */

/* Set when Linux's veth module could not be loaded (init_linux). */
static const char *veth_missing;

/* One rtnetlink request and its acknowledgement: 0 or -errno. */
static int rtnl_request(struct nlmsghdr *h)
{
	char ack[1024];
	struct sockaddr_nl kernel = { .nl_family = AF_NETLINK };
	int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
	if (fd < 0)
		return -errno;
	h->nlmsg_flags |= NLM_F_REQUEST | NLM_F_ACK;
	h->nlmsg_seq = 1;
	int err = -EPROTO;
	if (sendto(fd, h, h->nlmsg_len, 0, (struct sockaddr *)&kernel, sizeof(kernel)) !=
	    (ssize_t)h->nlmsg_len) {
		err = -errno;
	} else {
		/* Skip anything but the answer to our request (seq 1). */
		for (;;) {
			ssize_t n = recv(fd, ack, sizeof(ack), 0);
			struct nlmsghdr *r = (struct nlmsghdr *)ack;
			if (n < 0) {
				err = -errno;
				break;
			}
			if (n >= (ssize_t)NLMSG_LENGTH(sizeof(struct nlmsgerr)) &&
			    r->nlmsg_type == NLMSG_ERROR && r->nlmsg_seq == 1) {
				err = ((struct nlmsgerr *)NLMSG_DATA(r))->error;
				break;
			}
		}
	}
	close(fd);
	return err;
}

struct rtnl_msg {
	struct nlmsghdr h;
	char room[512];
};

/* Append an attribute (data may be NULL: a nest, closed by rta_close). */
static struct rtattr *rta_put(struct rtnl_msg *m, int type, const void *data, size_t len)
{
	struct rtattr *a = (struct rtattr *)((char *)&m->h + NLMSG_ALIGN(m->h.nlmsg_len));
	a->rta_type = type;
	a->rta_len = RTA_LENGTH(len);
	if (data)
		memcpy(RTA_DATA(a), data, len);
	m->h.nlmsg_len = NLMSG_ALIGN(m->h.nlmsg_len) + RTA_ALIGN(a->rta_len);
	return a;
}

static void rta_close(struct rtnl_msg *m, struct rtattr *nest)
{
	nest->rta_len = (char *)&m->h + m->h.nlmsg_len - (char *)nest;
}

/* A link message's header: type, flags and an ifinfomsg. */
static void link_msg(struct rtnl_msg *m, int type, int flags)
{
	memset(m, 0, sizeof(*m));
	m->h.nlmsg_len = NLMSG_LENGTH(sizeof(struct ifinfomsg));
	m->h.nlmsg_type = type;
	m->h.nlmsg_flags = flags;
	((struct ifinfomsg *)NLMSG_DATA(&m->h))->ifi_family = AF_UNSPEC;
}

/* ip link add VETH_HOST type veth peer name VETH_PEER netns PID */
static int veth_pair(pid_t peer_pid)
{
	struct rtnl_msg m;
	struct ifinfomsg peer = { .ifi_family = AF_UNSPEC };
	uint32_t pid = peer_pid;
	link_msg(&m, RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL);
	rta_put(&m, IFLA_IFNAME, VETH_HOST, sizeof(VETH_HOST));
	struct rtattr *info = rta_put(&m, IFLA_LINKINFO, NULL, 0);
	rta_put(&m, IFLA_INFO_KIND, "veth", 4);
	struct rtattr *data = rta_put(&m, IFLA_INFO_DATA, NULL, 0);
	struct rtattr *p = rta_put(&m, VETH_INFO_PEER, NULL, 0);
	/* The peer's ifinfomsg, then its own attributes. */
	memcpy((char *)&m.h + m.h.nlmsg_len, &peer, sizeof(peer));
	m.h.nlmsg_len += NLMSG_ALIGN(sizeof(peer));
	rta_put(&m, IFLA_IFNAME, VETH_PEER, sizeof(VETH_PEER));
	rta_put(&m, IFLA_NET_NS_PID, &pid, sizeof(pid));
	rta_close(&m, p);
	rta_close(&m, data);
	rta_close(&m, info);
	return rtnl_request(&m.h);
}

/* ip link del NAME: 0, or -errno (-ENODEV once it went with its peer). */
static int link_del(const char *name)
{
	struct rtnl_msg m;
	link_msg(&m, RTM_DELLINK, 0);
	rta_put(&m, IFLA_IFNAME, name, strlen(name) + 1);
	return rtnl_request(&m.h);
}

/* NAME gets 10.77.0.HOST/24 and goes up (ifconfig NAME 10.77.0.HOST/24 up). */
static int veth_addr_up(const char *name, int host)
{
	struct ifreq r;
	struct sockaddr_in *sin = (struct sockaddr_in *)&r.ifr_addr;
	int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	const char *what = "socket";
	if (fd < 0)
		goto fail;
	memset(&r, 0, sizeof(r));
	strcpy(r.ifr_name, name);
	sin->sin_family = AF_INET;
	sin->sin_addr.s_addr = htonl(VETH_NET | host);
	what = "SIOCSIFADDR";
	if (ioctl(fd, SIOCSIFADDR, &r))
		goto fail;
	sin->sin_addr.s_addr = htonl(0xffffff00u);
	what = "SIOCSIFNETMASK";
	if (ioctl(fd, SIOCSIFNETMASK, &r))
		goto fail;
	what = "SIOCGIFFLAGS";
	if (ioctl(fd, SIOCGIFFLAGS, &r))
		goto fail;
	r.ifr_flags |= IFF_UP;
	what = "SIOCSIFFLAGS";
	if (ioctl(fd, SIOCSIFFLAGS, &r))
		goto fail;
	close(fd);
	return 0;
fail:
	printf("gbench-error tcp veth: %s %s: %s\n", name, what, strerror(errno));
	if (fd >= 0)
		close(fd);
	return -1;
}

/* The writer's side of bench_tcp_veth: in a new network namespace, it
 * tells the parent (ready), waits for the parent's port (go), sets its
 * end up and writes the stream to 10.77.0.1. */
static void veth_writer(int ready, int go, char *buf)
{
	uint16_t port;
	if (unshare(CLONE_NEWNET)) {
		printf("gbench-error tcp veth: unshare(CLONE_NEWNET): %s\n", strerror(errno));
		_exit(1);
	}
	if (write(ready, "u", 1) != 1 || read(go, &port, sizeof(port)) != sizeof(port))
		_exit(1);	/* the parent gave up */
	if (veth_addr_up(VETH_PEER, 2))
		_exit(1);
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(port),
				 .sin_addr = { htonl(VETH_NET | 1) } };
	int c = socket(AF_INET, SOCK_STREAM, 0);
	if (c < 0 || connect(c, (struct sockaddr *)&a, sizeof(a))) {
		printf("gbench-error tcp veth: connect: %s\n", strerror(errno));
		_exit(1);
	}
	memset(buf, 'x', STREAM_WRITE);
	for (long sent = 0; sent < STREAM_BYTES;) {
		ssize_t n = write(c, buf, STREAM_WRITE);
		if (n <= 0)
			_exit(1);
		sent += n;
	}
	_exit(close(c) ? 1 : 0);
}

/*
 * TCP throughput over a veth pair: the stream of bench_tcp_stream, from a
 * child in its own network namespace (10.77.0.2) to this process
 * (10.77.0.1), through a veth pair made by rtnetlink with one end moved
 * into the child's namespace (IFLA_NET_NS_PID).  Per KiB received, from
 * the accepted connection to the end of the stream; the pair is deleted
 * afterwards (the child's end and namespace go with the child anyway).
 */
static void bench_tcp_veth(void)
{
	static char buf[STREAM_WRITE];
	int ready[2], go[2];
	if (veth_missing) {
		printf("gbench-error tcp veth: skipped: %s\n", veth_missing);
		return;
	}
	if (pipe2(ready, O_CLOEXEC) || pipe2(go, O_CLOEXEC)) {
		printf("gbench-error tcp veth: pipe: %s\n", strerror(errno));
		return;
	}
	pid_t pid = fork();
	if (pid == 0) {
		close(ready[0]);
		close(go[1]);
		veth_writer(ready[1], go[0], buf);
	}
	close(ready[1]);
	close(go[0]);
	char c;
	int l = -1, err;
	if (pid < 0 || read(ready[0], &c, 1) != 1) {
		printf("gbench-error tcp veth: the writer did not start\n");
		goto out;
	}
	if ((err = veth_pair(pid)) != 0) {
		printf("gbench-error tcp veth: RTM_NEWLINK veth: %s\n", strerror(-err));
		goto out;
	}
	if (veth_addr_up(VETH_HOST, 1))
		goto out;
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_addr = { htonl(VETH_NET | 1) } };
	socklen_t len = sizeof(a);
	l = socket(AF_INET, SOCK_STREAM, 0);
	if (l < 0 || bind(l, (struct sockaddr *)&a, sizeof(a)) || listen(l, 8) ||
	    getsockname(l, (struct sockaddr *)&a, &len)) {
		printf("gbench-error tcp veth listener: %s\n", strerror(errno));
		goto out;
	}
	uint16_t port = ntohs(a.sin_port);
	if (write(go[1], &port, sizeof(port)) != sizeof(port))
		goto out;
	int s = accept(l, NULL, NULL);
	long got = 0;
	ssize_t n = 0;
	struct mark m = now();
	while (s >= 0 && (n = read(s, buf, sizeof(buf))) > 0)
		got += n;
	struct mark e = now();
	if (n < 0 || s < 0)
		printf("gbench-error tcp veth: %s\n", strerror(errno));
	if (s >= 0)
		close(s);
	close(go[1]);
	go[1] = -1;
	if (wait_ok(pid, "tcp veth writer") == 0 && got == STREAM_BYTES)
		report("tcp-veth-per-kib", STREAM_BYTES / 1024, m, e);
	else if (got != STREAM_BYTES)
		printf("gbench-error tcp veth: %ld of %ld bytes\n", got, STREAM_BYTES);
	pid = -1;
out:
	if (l >= 0)
		close(l);
	if (go[1] >= 0)
		close(go[1]);	/* a writer still waiting for its port gives up */
	close(ready[0]);
	if (pid > 0)
		waitpid(pid, NULL, 0);
	/* The child's namespace, and its end with it, may be gone already
	 * (Linux takes a dead namespace apart later, in a work queue). */
	err = link_del(VETH_HOST);
	if (err && err != -ENODEV)
		printf("gbench-error tcp veth: RTM_DELLINK %s: %s\n", VETH_HOST, strerror(-err));
}

static void bench_net(void)
{
	if (lo_up())
		return;
	bench_udp_rtt();
	bench_tcp_connect();
	bench_tcp_stream();
	bench_tcp_veth();
}

/* ---- PID 1 on Linux ---- */

static sigjmp_buf probe_jmp;

static void sigill(int sig)
{
	(void)sig;
	siglongjmp(probe_jmp, 1);
}

/* Does rdinstret trap (Linux's default for user mode), or stand still
 * (Linux's SBI PMU driver stops the counters it does not use)?  Then the
 * instruction figures are 0. */
static void probe_instret(void)
{
	struct sigaction sa = { .sa_handler = sigill }, old;
	sigaction(SIGILL, &sa, &old);
	if (sigsetjmp(probe_jmp, 1) == 0) {
		uint64_t first = rdinstret();
		getppid();
		if (rdinstret() == first)
			have_instret = 0;
	} else {
		have_instret = 0;
	}
	sigaction(SIGILL, &old, NULL);
}

/* Linux's modules the initramfs carries (tests/bench/linux-ref puts
 * Debian's veth.ko there, its dependencies first, named so that their
 * order is the names'), loaded in that order.  Our rootfs has no such
 * folder.  A module that does not load leaves the veth case skipped. */
#define MODULE_DIR "/lib/modules"

static void load_modules(void)
{
	struct dirent **names;
	int n = scandir(MODULE_DIR, &names, NULL, alphasort);
	if (n < 0)
		return;
	for (int i = 0; i < n; i++) {
		char path[300];
		const char *name = names[i]->d_name;
		size_t len = strlen(name);
		if (len > 3 && !strcmp(name + len - 3, ".ko")) {
			snprintf(path, sizeof(path), MODULE_DIR "/%s", name);
			int fd = open(path, O_RDONLY | O_CLOEXEC);
			if (fd < 0 || (syscall(SYS_finit_module, fd, "", 0) && errno != EEXIST)) {
				printf("gbench-error finit_module %s: %s\n", path, strerror(errno));
				veth_missing = "a module did not load";
			} else {
				printf("gbench-module %s loaded\n", name);
			}
			if (fd >= 0)
				close(fd);
		}
		free(names[i]);
	}
	free(names);
	fflush(stdout);
}

/* The console, /proc, /root for the file cases, user access to instret,
 * the modules, and a quiet machine. */
static void init_linux(void)
{
	if (fcntl(1, F_GETFD) < 0) {
		int fd = open("/dev/console", O_RDWR);
		if (fd >= 0) {
			dup2(fd, 0);
			dup2(fd, 1);
			dup2(fd, 2);
			if (fd > 2)
				close(fd);
		}
	}
	mkdir("/proc", 0555);
	mkdir("/root", 0700);
	if (mount("proc", "/proc", "proc", 0, NULL))
		printf("gbench-error mount /proc: %s\n", strerror(errno));
	int fd = open("/proc/sys/kernel/perf_user_access", O_WRONLY);
	if (fd >= 0) {
		if (write(fd, "2", 1) != 1)
			printf("gbench-error perf_user_access: %s\n", strerror(errno));
		close(fd);
	}
	load_modules();
	/* Let the boot's deferred work end first: right after boot, Linux's
	 * kernel threads run for about a second (async probing, workqueues),
	 * and under -icount their instructions land in the first cases (a
	 * getppid costs 800 to 2,800 instructions then, a steady 430 once
	 * quiet).  Wait a second, then until two batches of 20,000 getppid
	 * cost the same within 2% (at most 50 batches). */
	sleep(1);
	uint64_t prev = 0;
	int batches = 0;
	while (batches < 50) {
		uint64_t t = rdtime();
		for (int i = 0; i < 20000; i++)
			getppid();
		t = rdtime() - t;
		batches++;
		if (prev && t * 50 >= prev * 49 && t * 50 <= prev * 51)
			break;
		prev = t;
	}
	struct utsname u;
	if (uname(&u) == 0)
		printf("gbench-kernel %s %s %s\n", u.sysname, u.release, u.version);
	printf("gbench-settled after %d batches\n", batches);
	fflush(stdout);
}

/* Every case, in an order that keeps each from slowing the next. */
static void bench_all(void)
{
	bench_syscall();
	bench_seccomp();
	bench_fork();
	bench_exec();
	bench_pipe();
	bench_file();
	bench_net();
	bench_clone_ns("clone-newns-all6", CLONE_NEWUSER | CLONE_NEWPID | CLONE_NEWNS |
		       CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWNET);
	bench_clone_ns("clone-newns-no-net", CLONE_NEWUSER | CLONE_NEWPID | CLONE_NEWNS |
		       CLONE_NEWUTS | CLONE_NEWIPC);
	if (access("/bin/isolate", X_OK) == 0) {	/* this project's userland */
		char *true_argv[] = { "/bin/true", NULL };
		/* A container as #9 measures it: every namespace, the cgroup,
		 * the capabilities and the filter, and no network device
		 * (--net none: lo only); then isolate's default, which also
		 * joins it to the host's network by a veth pair. */
		char *isolate_argv[] = { "/bin/isolate", "--net", "none", "/bin/true", NULL };
		char *isolate_veth_argv[] = { "/bin/isolate", "/bin/true", NULL };
		bench_spawn("spawn-true", true_argv, 50);
		bench_spawn("isolate-true", isolate_argv, 50);
		bench_spawn("isolate-true-veth", isolate_veth_argv, 50);
		/* The namespaces alone: every capability kept, no filter. */
		char *isolate_ns_argv[] = { "/bin/isolate", "--net", "none", "--cap-add", "all",
					    "--seccomp", "none", "/bin/true", NULL };
		bench_spawn("isolate-true-ns", isolate_ns_argv, 50);
		bench_idle_container();
	}
	/* Last: its thousand descriptors leave a large descriptor table, which
	 * every later fork would copy. */
	bench_wait_many();
}

int main(int argc, char **argv)
{
	const char *only = argc > 1 ? argv[1] : "";
	if (!strcmp(only, "exit"))
		return 0;
	if (argc > 2 || (argc > 1 && strcmp(only, "net") && strcmp(only, "tcp-stream") &&
			 strcmp(only, "tcp-veth"))) {
		fprintf(stderr, "usage: glibcbench [exit|net|tcp-stream|tcp-veth]\n");
		return 2;
	}
	int linux_init = getpid() == 1;
	if (linux_init)
		init_linux();
	probe_instret();
	if (linux_init) {
		printf("gbench-instret %s\n", have_instret ? "counting" : "none");
		fflush(stdout);
	}
	if (!strcmp(only, "tcp-stream")) {
		if (lo_up() == 0)
			bench_tcp_stream();
	} else if (!strcmp(only, "tcp-veth")) {
		bench_tcp_veth();
	} else if (!strcmp(only, "net")) {
		bench_net();
	} else {
		bench_all();
	}
	if (linux_init) {	/* PID 1 must not return */
		printf("gbench-done\n");
		fflush(stdout);
		sync();
		reboot(RB_POWER_OFF);
	}
	return 0;
}
