/*
 * sockmem: socket memory is charged to the memory cgroup of the socket's
 * creator (cgroup v2 "sock" in memory.stat).  In a fresh group, a TCP
 * pair over loopback whose reader does not read: "sock" rises by at least
 * the bytes queued on both sides, memory.current holds it; reading it all
 * brings "sock" back to under a few pages, closing both ends to 0.  UDP
 * datagrams flooding a socket that does not read, in a group whose
 * memory.max leaves little room: datagrams are dropped (MemErrors in
 * /proc/net/snmp, not RcvbufErrors), "sock" stays under the limit, and
 * the process lives (no OOM kill).  A TCP stream through a group at its
 * limit still gets every byte across (the receiver drops, counted as
 * TCPRcvQDrop or TCPOFODrop in /proc/net/netstat, and the sender
 * resends).
 *
 * Run as root.  On a host whose cgroup2 cannot make a memory group (v1,
 * or no delegation) it says so and checks nothing.  On Linux, memory.stat
 * lags the charges by up to a batch of 64 pages a CPU (its rstat flush),
 * which the bounds allow for there; and Linux charges what softirq
 * receives past memory.max (GFP_ATOMIC) instead of dropping (and its
 * sender's charges may OOM-kill), so the two limit cases run only in this
 * kernel (it says so on Linux).  The host here has cgroup v1: the Linux
 * run skips, unchecked.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <fcntl.h>
#include <net/if.h>
#include <sched.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdbool.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <linux/sockios.h>
#include "t.h"

#define CGROOT		"/sys/fs/cgroup"
#define G		CGROOT "/t-sockmem"
#define PAGE		4096L
#define POLL_TRIES	1000	/* waits of 10 ms for a condition */
#define TCPLIM_BYTES	(512 * 1024L)

static long slack;		/* what memory.stat may lag the charges by */

#include "cgtest.h"

/* The value of k in a "key value" file; -1 if absent. */
static long key(const char *file, const char *k)
{
	const char *text = rd(file);
	size_t n = strlen(k);
	for (const char *p = text; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL)
		if (!strncmp(p, k, n) && p[n] == ' ')
			return atol(p + n + 1);
	return -1;
}

static long sock_bytes(void)
{
	return key(G "/memory.stat", "sock");
}

static long current_bytes(void)
{
	return atol(rd(G "/memory.current"));
}

/* A column of a section of /proc/net/snmp or netstat (its header line,
 * then its values). */
static long mib(const char *file, const char *section, const char *name)
{
	const char *text = rd(file);
	char head[64];
	snprintf(head, sizeof(head), "%s: ", section);
	const char *h = strstr(text, head);
	if (!h)
		return -1;
	const char *v = strstr(h + 1, head);	/* the values line */
	if (!v)
		return -1;
	int col = -1, i = 0;
	for (const char *p = h + strlen(head); *p && *p != '\n'; i++) {
		size_t n = strcspn(p, " \n");
		if (n == strlen(name) && !strncmp(p, name, n))
			col = i;
		p += n;
		if (*p == ' ')
			p++;
	}
	if (col < 0)
		return -1;
	const char *p = v + strlen(head);
	for (i = 0; i < col; i++) {
		p = strchr(p, ' ');
		if (!p)
			return -1;
		p++;
	}
	return atol(p);
}

static long snmp(const char *section, const char *name)
{
	return mib("/proc/net/snmp", section, name);
}

static long netstat_tcp(const char *name)
{
	return mib("/proc/net/netstat", "TcpExt", name);
}

static void pause_10ms(void)
{
	struct timespec ts = { 0, 10000000 };
	nanosleep(&ts, NULL);
}

/* Wait until "sock" is at most limit; its last value. */
static long wait_sock_below(long limit)
{
	long v = sock_bytes();
	for (int i = 0; i < POLL_TRIES && v > limit; i++) {
		pause_10ms();
		v = sock_bytes();
	}
	return v;
}

static int join(const char *group)
{
	char pid[32];
	snprintf(pid, sizeof(pid), "%d", getpid());
	return wr(t_path(group, "cgroup.procs"), pid);
}

/* A network namespace of the test's own, with lo up: the counters of
 * /proc/net/snmp are then the test's alone. */
static int own_netns(void)
{
	if (unshare(CLONE_NEWNET))
		return -1;
	int fd = socket(AF_INET, SOCK_DGRAM, 0);
	struct ifreq r;
	memset(&r, 0, sizeof(r));
	strcpy(r.ifr_name, "lo");
	int err = fd < 0 || ioctl(fd, SIOCGIFFLAGS, &r) ? -1 : 0;
	r.ifr_flags |= IFF_UP;
	if (!err)
		err = ioctl(fd, SIOCSIFFLAGS, &r);
	if (fd >= 0)
		close(fd);
	return err;
}

static void nonblock(int fd)
{
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
}

/* A connected TCP pair over 127.0.0.1: *c the client, *s the accepted. */
static int tcp_pair(int *c, int *s)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t len = sizeof(a);
	int l = socket(AF_INET, SOCK_STREAM, 0);
	if (l < 0 || bind(l, (struct sockaddr *)&a, sizeof(a)) || listen(l, 1) ||
	    getsockname(l, (struct sockaddr *)&a, &len))
		return -1;
	*c = socket(AF_INET, SOCK_STREAM, 0);
	if (*c < 0 || connect(*c, (struct sockaddr *)&a, sizeof(a)))
		return -1;
	*s = accept(l, NULL, NULL);
	close(l);
	return *s < 0 ? -1 : 0;
}

/* ---- the tests (each in a child that joins G) ---- */

/* A reader that does not read: what is queued is charged. */
static void tcp_unread(void)
{
	int c, s;
	long base = sock_bytes();
	if (!check("sockmem-tcp-pair", tcp_pair(&c, &s) == 0, "%s", strerror(errno)))
		return;
	nonblock(c);
	nonblock(s);
	static char buf[65536];
	memset(buf, 'x', sizeof(buf));
	long sent = 0;
	/* Fill until the sender's buffer is full and stays full. */
	for (int idle = 0; idle < 50;) {
		ssize_t n = send(c, buf, sizeof(buf), 0);
		if (n > 0) {
			sent += n;
			idle = 0;
		} else {
			idle++;
			pause_10ms();
		}
	}
	int inq = 0, outq = 0;
	ioctl(s, SIOCINQ, &inq);
	ioctl(c, SIOCOUTQ, &outq);
	long sock = sock_bytes(), cur = current_bytes();
	long queued = (long)inq + outq;
	t_print("sockmem: %ld bytes queued (in %d, out %d): sock %ld, current %ld", queued, inq,
		outq, sock - base, cur);
	check("sockmem-tcp-queued", inq > 0 && queued == sent, "inq %d outq %d sent %ld", inq,
	      outq, sent);
	check("sockmem-tcp-sock-rises", sock - base + slack >= queued,
	      "sock %ld (from %ld) for %ld queued", sock, base, queued);
	check("sockmem-tcp-current", cur >= sock, "current %ld < sock %ld", cur, sock);
	/* Read it all: the charge goes (the sender's queue empties once acked). */
	long got = 0;
	for (int tries = 0; got < sent && tries < POLL_TRIES * 10; tries++) {
		ssize_t n = recv(s, buf, sizeof(buf), 0);
		if (n > 0)
			got += n;
		else
			pause_10ms();
	}
	check("sockmem-tcp-read-all", got == sent, "read %ld of %ld", got, sent);
	long after = wait_sock_below(base + 4 * PAGE + slack);
	check("sockmem-tcp-read-returns", after <= base + 4 * PAGE + slack,
	      "sock %ld after reading (from %ld)", after, base);
	/* Queue some again and close both ends with it unread. */
	for (int i = 0; i < 4; i++)
		(void)!send(c, buf, sizeof(buf), 0);
	close(c);
	close(s);
	after = wait_sock_below(base + slack);
	check("sockmem-tcp-close-returns", after <= base + slack, "sock %ld after close (from %ld)",
	      after, base);
}

/* A TCP stream through a group whose limit the receiver's queue would
 * pass: every byte still comes across, in order. */
static void tcp_limited(void)
{
	int c, s;
	if (!check("sockmem-tcplim-pair", tcp_pair(&c, &s) == 0, "%s", strerror(errno)))
		return;
	/* The sockets stay G's; what the process touches next is not. */
	if (!check("sockmem-tcplim-leave", join(CGROOT) == 0, "%s", strerror(errno)))
		return;
	char max[32];
	snprintf(max, sizeof(max), "%ld", current_bytes() + 24 * PAGE);
	if (!check("sockmem-tcplim-max", wr(G "/memory.max", max) == 0, "%s", strerror(errno)))
		return;
	long drops0 = netstat_tcp("TCPRcvQDrop") + netstat_tcp("TCPOFODrop");
	pid_t pid = fork();
	if (pid == 0) {
		static char buf[16384];
		unsigned char k = 0;
		for (long i = 0; i < TCPLIM_BYTES; i += sizeof(buf)) {
			for (size_t j = 0; j < sizeof(buf); j++)
				buf[j] = k++;
			if (send(c, buf, sizeof(buf), 0) != (ssize_t)sizeof(buf))
				_exit(1);
		}
		_exit(0);
	}
	close(c);
	/* Let the receive queue fill to the limit before reading. */
	long peak = 0;
	for (int i = 0; i < 50; i++) {
		int inq = 0;
		ioctl(s, SIOCINQ, &inq);
		if (inq > peak)
			peak = inq;
		pause_10ms();
	}
	static char buf[16384];
	unsigned char k = 0;
	long got = 0;
	bool same = true;
	ssize_t n;
	while (got < TCPLIM_BYTES && (n = recv(s, buf, sizeof(buf), 0)) > 0) {
		for (ssize_t j = 0; j < n; j++)
			same &= (unsigned char)buf[j] == k++;
		got += n;
	}
	int st;
	waitpid(pid, &st, 0);
	long drops = netstat_tcp("TCPRcvQDrop") + netstat_tcp("TCPOFODrop") - drops0;
	t_print("sockmem: limited stream: receive queue peaked at %ld, %ld max events, %ld drops",
		peak, key(G "/memory.events", "max"), drops);
	check("sockmem-tcplim-dropped", drops > 0, "TCPRcvQDrop+TCPOFODrop +%ld", drops);
	check("sockmem-tcplim-all", got == TCPLIM_BYTES && same, "got %ld, same %d", got, same);
	check("sockmem-tcplim-sender", WIFEXITED(st) && WEXITSTATUS(st) == 0, "status %#x", st);
	check("sockmem-tcplim-no-oom", key(G "/memory.events", "oom_kill") == 0, "%s",
	      rd(G "/memory.events"));
	close(s);
	wr(G "/memory.max", "max");
}

/* UDP into a socket that does not read, with little room under the
 * limit: datagrams are dropped and counted, the process lives. */
static void udp_flood(void)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t len = sizeof(a);
	int r = socket(AF_INET, SOCK_DGRAM, 0), w = socket(AF_INET, SOCK_DGRAM, 0);
	int big = 1 << 20;
	setsockopt(r, SOL_SOCKET, SO_RCVBUF, &big, sizeof(big));
	if (!check("sockmem-udp-socket", r >= 0 && w >= 0 &&
		   bind(r, (struct sockaddr *)&a, sizeof(a)) == 0 &&
		   getsockname(r, (struct sockaddr *)&a, &len) == 0, "%s", strerror(errno)))
		return;
	if (!check("sockmem-udp-leave", join(CGROOT) == 0, "%s", strerror(errno)))
		return;
	long base = sock_bytes();
	long limit = current_bytes() + 16 * PAGE;
	char max[32];
	snprintf(max, sizeof(max), "%ld", limit);
	if (!check("sockmem-udp-max", wr(G "/memory.max", max) == 0, "%s", strerror(errno)))
		return;
	long mem0 = snmp("Udp", "MemErrors"), rcvbuf0 = snmp("Udp", "RcvbufErrors");
	static char buf[1000];
	int n = 150;		/* ~190 KB of truesize: under SO_RCVBUF, over the room */
	for (int i = 0; i < n; i++)
		sendto(w, buf, sizeof(buf), 0, (struct sockaddr *)&a, sizeof(a));
	long sock = sock_bytes();
	long mem = snmp("Udp", "MemErrors") - mem0, rcvbuf = snmp("Udp", "RcvbufErrors") - rcvbuf0;
	int got = 0;
	nonblock(r);
	while (recv(r, buf, sizeof(buf), 0) > 0)
		got++;
	t_print("sockmem: %d of %d datagrams in, sock %ld (from %ld), MemErrors +%ld", got, n,
		sock, base, mem);
	check("sockmem-udp-dropped", got > 0 && got < n, "received %d of %d", got, n);
	check("sockmem-udp-memerrors", mem == n - got, "MemErrors +%ld for %d dropped", mem,
	      n - got);
	check("sockmem-udp-not-rcvbuf", rcvbuf == 0, "RcvbufErrors +%ld", rcvbuf);
	check("sockmem-udp-sock-bounded", sock > base && sock <= 16 * PAGE + base,
	      "sock %ld (from %ld)", sock, base);
	check("sockmem-udp-no-oom", key(G "/memory.events", "oom_kill") == 0, "%s",
	      rd(G "/memory.events"));
	check("sockmem-udp-read-returns", sock_bytes() <= base, "sock %ld after reading (from %ld)",
	      sock_bytes(), base);
	close(r);
	close(w);
	wr(G "/memory.max", "max");
}

static void run(const char *name, void (*fn)(void))
{
	pid_t pid = fork();
	if (pid == 0) {
		if (!check(name, join(G) == 0, "join %s: %s", G, strerror(errno)))
			_exit(1);
		fn();
		_exit(0);
	}
	int st;
	waitpid(pid, &st, 0);
	check(name, WIFEXITED(st) && WEXITSTATUS(st) == 0, "status %#x", st);
}

int main(void)
{
	if (!strstr(rd(CGROOT "/cgroup.controllers"), "memory") ||
	    wr(CGROOT "/cgroup.subtree_control", "+memory")) {
		t_print("sockmem: no cgroup2 memory controller here (%s): skipped", strerror(errno));
		return 0;
	}
	rmdir(G);
	if (mkdir(G, 0755)) {
		t_print("sockmem: cannot make %s (%s): skipped", G, strerror(errno));
		return 0;
	}
	/* Linux's memory.stat has slab lines; its counters lag by a batch. */
	bool linux_host = key(G "/memory.stat", "slab") >= 0;
	if (linux_host)
		slack = 64 * PAGE * sysconf(_SC_NPROCESSORS_ONLN);
	if (!check("sockmem-netns", own_netns() == 0, "%s", strerror(errno)))
		return 0;
	check("sockmem-stat-line", key(G "/memory.stat", "sock") == 0, "%s",
	      rd(G "/memory.stat"));
	run("sockmem-tcp-unread", tcp_unread);
	if (linux_host) {
		t_print("sockmem: Linux charges softirq receives past memory.max: limit cases skipped");
	} else {
		run("sockmem-tcp-limited", tcp_limited);
		run("sockmem-udp-flood", udp_flood);
	}
	for (int i = 0; i < POLL_TRIES && rmdir(G); i++)
		pause_10ms();
	check("sockmem-cleanup", access(G, F_OK) != 0, "%s still there", G);
	return 0;
}
