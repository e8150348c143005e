/*
 * tcp: TCP over loopback in a fresh network namespace (a new user
 * namespace where the program is root, and a new network namespace with
 * lo brought up).  Connect, accept4 and a 64 MiB transfer compared by
 * checksum; the same with 10% of loopback's packets lost, where the
 * kernel has the knob (/proc/sys/net/ipv4/loopback_loss, this kernel's
 * own: the host run skips it); 1,000 connections opened and closed leave
 * only TIME_WAIT rows in /proc/net/tcp, and none with SO_LINGER 0;
 * ECONNREFUSED from a closed port, blocking and non-blocking; shutdown,
 * resets, MSG_WAITALL, timeouts, poll.  Also natively on the Linux host,
 * and built with glibc.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <fcntl.h>
#include <net/if.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include "t.h"

/* The transfer's size: 64 MiB, or argv[1] MiB (for a quick look). */
static unsigned long BIG = 64ul << 20;

static int write_text(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY);
	if (fd < 0)
		return -1;
	ssize_t n = write(fd, text, strlen(text));
	close(fd);
	return n == (ssize_t)strlen(text) ? 0 : -1;
}

static long slurp(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY);
	long n = 0, got;

	if (fd < 0)
		return -1;
	while (n < (long)size - 1 && (got = read(fd, buf + n, size - 1 - n)) > 0)
		n += got;
	close(fd);
	buf[n] = 0;
	return n;
}

static int new_netns(void)
{
	char map[64];
	uid_t uid = getuid();
	gid_t gid = getgid();

	if (unshare(CLONE_NEWUSER | CLONE_NEWNET) != 0)
		return -1;
	snprintf(map, sizeof(map), "0 %u 1\n", (unsigned)uid);
	if (write_text("/proc/self/uid_map", map) != 0)
		return -1;
	if (write_text("/proc/self/setgroups", "deny") != 0)
		return -1;
	snprintf(map, sizeof(map), "0 %u 1\n", (unsigned)gid);
	if (write_text("/proc/self/gid_map", map) != 0)
		return -1;
	int fd = socket(AF_INET, SOCK_DGRAM, 0);
	struct ifreq r;
	memset(&r, 0, sizeof(r));
	strcpy(r.ifr_name, "lo");
	if (fd < 0 || ioctl(fd, SIOCGIFFLAGS, &r) != 0)
		return -1;
	r.ifr_flags |= IFF_UP;
	int err = ioctl(fd, SIOCSIFFLAGS, &r);
	close(fd);
	return err;
}

static struct sockaddr_in loop(int port)
{
	struct sockaddr_in a;

	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_port = htons(port);
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	return a;
}

static int port_of(int fd)
{
	struct sockaddr_in a;
	socklen_t len = sizeof(a);

	if (getsockname(fd, (struct sockaddr *)&a, &len) != 0)
		return -1;
	return ntohs(a.sin_port);
}

/* A listener on 127.0.0.1 at an ephemeral port. */
static int listener(int *port)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in a = loop(0);

	if (fd < 0 || bind(fd, (struct sockaddr *)&a, sizeof(a)) != 0 || listen(fd, 128) != 0)
		return -1;
	*port = port_of(fd);
	return fd;
}

static int connect_to(int port)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in a = loop(port);

	if (fd < 0 || connect(fd, (struct sockaddr *)&a, sizeof(a)) != 0) {
		if (fd >= 0) {
			int e = errno;
			close(fd);
			errno = e;
		}
		return -1;
	}
	return fd;
}

/* The transfer's 64 KiB chunk k (64-bit words from a counter), and a
 * checksum of chunks (word by word: cheap enough for 64 MiB in a guest). */
#define CHUNK 65536

static void fill(uint64_t *w, unsigned long k)
{
	for (size_t i = 0; i < CHUNK / 8; i++)
		w[i] = (k * (CHUNK / 8) + i + 1) * 0x9e3779b97f4a7c15ull;
}

static uint64_t fold(uint64_t sum, const uint64_t *w, size_t n)
{
	for (size_t i = 0; i < n / 8; i++)
		sum = (sum ^ w[i]) * 0x100000001b3ull + (sum >> 29);
	return sum;
}

/* A child writes BIG bytes through a connection and sends the checksum
 * of what it wrote through a pipe; the parent reads 64 KiB at a time
 * (MSG_WAITALL) and compares the count and the checksum. */
static void transfer(const char *name)
{
	int port, l = listener(&port), fds[2];
	if (pipe(fds) != 0)
		return;
	pid_t pid = fork();
	if (pid == 0) {
		int c = connect_to(port);
		if (c < 0)
			_exit(1);
		static uint64_t w[CHUNK / 8];
		uint64_t sum = 0;
		for (unsigned long k = 0; k < BIG / CHUNK; k++) {
			fill(w, k);
			sum = fold(sum, w, CHUNK);
			size_t done = 0;
			while (done < CHUNK) {
				ssize_t n = write(c, (char *)w + done, CHUNK - done);
				if (n <= 0)
					_exit(2);
				done += n;
			}
		}
		close(c);
		if (write(fds[1], &sum, sizeof(sum)) != sizeof(sum))
			_exit(3);
		_exit(0);
	}
	close(fds[1]);
	int s = accept(l, NULL, NULL);
	static uint64_t w[CHUNK / 8];
	uint64_t got = 0, sent = 1;
	unsigned long total = 0;
	ssize_t n;
	while (s >= 0 && (n = recv(s, w, CHUNK, MSG_WAITALL)) > 0) {
		got = fold(got, w, n);
		total += n;
		if (n < CHUNK)
			break;
	}
	if (read(fds[0], &sent, sizeof(sent)) != sizeof(sent))
		sent = ~got;
	close(fds[0]);
	int status = -1;
	waitpid(pid, &status, 0);
	char what[64];
	snprintf(what, sizeof(what), "tcp-transfer-64m%s", name);
	check(what, total == BIG && got == sent && WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "%lu bytes, checksum %s, writer status 0x%x", total, got == sent ? "same" : "differs",
	      status);
	close(s);
	close(l);
}

/* Rows of /proc/net/tcp with port at either end whose state is not LISTEN
 * (0A) or TIME_WAIT (06), and the TIME_WAIT ones. */
static void tcp_rows(int port, int *other, int *tw)
{
	static char buf[1 << 20];
	*other = *tw = 0;
	slurp("/proc/net/tcp", buf, sizeof(buf));
	char *line = strchr(buf, '\n');
	while (line && line[1]) {
		unsigned lport, rport, st;
		if (sscanf(line + 1, "%*d: %*x:%x %*x:%x %x", &lport, &rport, &st) == 3 &&
		    ((int)lport == port || (int)rport == port)) {
			if (st == 6)
				(*tw)++;
			else if (st != 0xA)
				(*other)++;
		}
		line = strchr(line + 1, '\n');
	}
}

/* Wait until only listeners and TIME_WAIT are left on port: the last
 * FIN's ACK may still be on its way.  The bound (two minutes) only stops
 * a hang; a busy machine only makes the wait longer. */
static void settle(int port, int *other, int *tw)
{
	for (int i = 0; i < 12000; i++) {
		tcp_rows(port, other, tw);
		if (!*other)
			return;
		usleep(10000);
	}
}

static double seconds_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* 1,000 connections to one listener opened and closed in a row leave no
 * socket behind but the closers' TIME_WAITs (none with SO_LINGER 0, which
 * resets).  A TIME_WAIT lasts 60 s: on a machine so slow that the run took
 * longer, the first ones have already gone, and only "none left in another
 * state" is asked. */
static void many(bool linger0)
{
	int port, l = listener(&port), bad = 0;
	double start = seconds_now();
	for (int i = 0; i < 1000 && !bad; i++) {
		int c = connect_to(port);
		int s = accept(l, NULL, NULL);
		if (c < 0 || s < 0) {
			bad = i + 1;
			break;
		}
		if (linger0) {
			struct linger lg = { 1, 0 };
			setsockopt(c, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg));
		}
		close(c);
		close(s);
	}
	close(l);
	int other, tw;
	settle(port, &other, &tw);
	bool quick = seconds_now() - start < 50;
	if (linger0) {
		check("tcp-1000-linger0-no-timewait", !bad && other == 0 && tw == 0,
		      "failed at %d, %d rows, TIME_WAIT %d", bad, other, tw);
	} else {
		check("tcp-1000-closed-only-timewait", !bad && other == 0 && (tw >= 1000 || !quick),
		      "failed at %d, %d rows not TIME_WAIT, TIME_WAIT %d", bad, other, tw);
	}
}

static void basics(void)
{
	int port, l = listener(&port);
	check("tcp-listen", l >= 0 && port >= 32768 && port <= 60999, "port %d: %s", port,
	      strerror(errno));
	char buf[8192], want[64];
	slurp("/proc/net/tcp", buf, sizeof(buf));
	snprintf(want, sizeof(want), ": 0100007F:%04X 00000000:0000 0A ", port);
	check("tcp-proc-listener", strstr(buf, want) != NULL, "no '%s' in '%.300s'", want, buf);
	check("tcp-proc-header", strncmp(buf, "  sl  local_address rem_address   st tx_queue "
	      "rx_queue tr tm->when retrnsmt   uid  timeout inode", 85) == 0 &&
	      strchr(buf, '\n') - buf == 149, "'%.100s'", buf);

	int c = connect_to(port);
	check("tcp-connect", c >= 0, "%s", strerror(errno));
	struct sockaddr_in peer;
	socklen_t plen = sizeof(peer);
	int s = accept4(l, (struct sockaddr *)&peer, &plen, SOCK_CLOEXEC | SOCK_NONBLOCK);
	check("tcp-accept4", s >= 0 && ntohs(peer.sin_port) == port_of(c) &&
	      peer.sin_addr.s_addr == htonl(INADDR_LOOPBACK), "%s", strerror(errno));
	check("tcp-accept4-flags", (fcntl(s, F_GETFL) & O_NONBLOCK) &&
	      (fcntl(s, F_GETFD) & FD_CLOEXEC), "fl 0x%x", fcntl(s, F_GETFL));
	check("tcp-accepted-port", port_of(s) == port, "%d", port_of(s));

	struct pollfd p = { c, POLLIN | POLLOUT, 0 };
	check("tcp-poll-out", poll(&p, 1, 0) == 1 && p.revents == POLLOUT, "revents 0x%x",
	      p.revents);
	check_err("tcp-read-nonblock-eagain", read(s, buf, 10), EAGAIN);
	check("tcp-write", write(c, "hello", 5) == 5, "%s", strerror(errno));
	p.fd = s;
	p.events = POLLIN;
	check("tcp-poll-in", poll(&p, 1, 5000) == 1 && (p.revents & POLLIN), "revents 0x%x",
	      p.revents);
	int avail = -1;
	ioctl(s, FIONREAD, &avail);
	check("tcp-fionread", avail == 5, "%d", avail);
	check("tcp-peek", recv(s, buf, sizeof(buf), MSG_PEEK) == 5, "%s", strerror(errno));
	check("tcp-read", read(s, buf, sizeof(buf)) == 5 && memcmp(buf, "hello", 5) == 0, "%s",
	      strerror(errno));

	/* MSG_WAITALL gathers several writes. */
	int one = 1;
	setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	int v = 0;
	socklen_t vl = sizeof(v);
	check("tcp-nodelay", getsockopt(c, IPPROTO_TCP, TCP_NODELAY, &v, &vl) == 0 && v,
	      "%d", v);
	pid_t pid = fork();
	if (pid == 0) {
		for (int i = 0; i < 3; i++) {
			if (write(c, "0123456789", 10) != 10)
				_exit(1);
			usleep(1000);
		}
		_exit(0);
	}
	int fl = fcntl(s, F_GETFL);
	fcntl(s, F_SETFL, fl & ~O_NONBLOCK);
	long n = recv(s, buf, 30, MSG_WAITALL);
	check("tcp-waitall", n == 30, "n %ld", n);
	waitpid(pid, NULL, 0);

	/* A receive timeout. */
	struct timeval tv = { 0, 100000 };
	setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	check_err("tcp-rcvtimeo", read(s, buf, 10), EAGAIN);

	/* shutdown(SHUT_WR): the peer reads the end, can still answer. */
	check("tcp-shutdown-wr", shutdown(c, SHUT_WR) == 0, "%s", strerror(errno));
	p.fd = s;
	p.events = POLLIN | POLLRDHUP;
	check("tcp-poll-rdhup", poll(&p, 1, 5000) == 1 && (p.revents & POLLRDHUP) &&
	      (p.revents & POLLIN), "revents 0x%x", p.revents);
	check("tcp-eof", read(s, buf, sizeof(buf)) == 0, "%s", strerror(errno));
	check("tcp-half-open-answer", write(s, "back", 4) == 4 && read(c, buf, 4) == 4, "%s",
	      strerror(errno));
	check_err("tcp-write-after-shutdown-epipe", send(c, "x", 1, MSG_NOSIGNAL), EPIPE);
	signal(SIGPIPE, SIG_IGN);
	check_err("tcp-write-after-shutdown-sigpipe-ignored", write(c, "x", 1), EPIPE);
	signal(SIGPIPE, SIG_DFL);
	close(s);
	close(c);

	/* Closing with unread data resets the peer. */
	c = connect_to(port);
	s = accept(l, NULL, NULL);
	write(c, "unread", 6);
	p.fd = s;
	p.events = POLLIN;
	poll(&p, 1, 5000);
	close(s);
	check_err("tcp-reset-by-close-unread", read(c, buf, sizeof(buf)), ECONNRESET);
	close(c);
	close(l);

	/* A closed port: ECONNREFUSED, blocking and not. */
	int free_port = port;
	check_err("tcp-connect-refused", connect_to(free_port), ECONNREFUSED);
	c = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	struct sockaddr_in a = loop(free_port);
	check_err("tcp-nonblock-einprogress-refused", connect(c, (struct sockaddr *)&a, sizeof(a)),
		  EINPROGRESS);
	p.fd = c;
	p.events = POLLOUT;
	poll(&p, 1, 5000);
	int err = 0;
	socklen_t el = sizeof(err);
	getsockopt(c, SOL_SOCKET, SO_ERROR, &err, &el);
	check("tcp-nonblock-refused-so-error", (p.revents & POLLERR) && err == ECONNREFUSED,
	      "revents 0x%x error %d", p.revents, err);
	close(c);

	/* Non-blocking connect that succeeds: EINPROGRESS, POLLOUT, SO_ERROR
	 * 0, then connect says 0 once and EISCONN after. */
	l = listener(&port);
	c = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	a = loop(port);
	check_err("tcp-nonblock-einprogress", connect(c, (struct sockaddr *)&a, sizeof(a)),
		  EINPROGRESS);
	p.fd = c;
	p.events = POLLOUT;
	check("tcp-nonblock-pollout", poll(&p, 1, 5000) == 1 && p.revents == POLLOUT,
	      "revents 0x%x", p.revents);
	err = -1;
	el = sizeof(err);
	getsockopt(c, SOL_SOCKET, SO_ERROR, &err, &el);
	check("tcp-nonblock-so-error-0", err == 0, "%d", err);
	check("tcp-nonblock-connect-again-0", connect(c, (struct sockaddr *)&a, sizeof(a)) == 0,
	      "%s", strerror(errno));
	check_err("tcp-connect-eisconn", connect(c, (struct sockaddr *)&a, sizeof(a)), EISCONN);
	close(c);
	close(l);

	c = socket(AF_INET, SOCK_STREAM, 0);
	check_err("tcp-shutdown-enotconn", shutdown(c, SHUT_WR), ENOTCONN);
	check_err("tcp-read-enotconn", read(c, buf, 1), ENOTCONN);
	close(c);
}

static long long ms_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

/*
 * Window scaling (RFC 7323): a receiver that reads nothing takes more
 * than a 16-bit window's 65535 bytes into its queue once its buffer is
 * larger, since both ends scale their windows.  The sender writes until
 * the window is full (EAGAIN and nothing more arrives); the receiver's
 * FIONREAD then says what the window let through.
 */
static void window_scaling(void)
{
	int port, l = listener(&port), big = 200000;
	int c = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in a = loop(port);
	/* Set before the SYN: the buffer decides the window offered. */
	setsockopt(c, SOL_SOCKET, SO_RCVBUF, &big, sizeof(big));
	setsockopt(l, SOL_SOCKET, SO_RCVBUF, &big, sizeof(big));
	bool ok = l >= 0 && c >= 0 && connect(c, (struct sockaddr *)&a, sizeof(a)) == 0;
	int s = ok ? accept(l, NULL, NULL) : -1;
	static char buf[16384];
	int queued = 0, flags = fcntl(c, F_GETFL);
	long sent = 0;
	ssize_t w;
	fcntl(c, F_SETFL, flags | O_NONBLOCK);
	/* Until the receiver holds more than 65535 bytes; the minute only
	 * bounds a hang (without scaling it never would). */
	long long end = ms_now() + 60000;
	while (s >= 0 && queued <= 65535 && ms_now() < end) {
		while ((w = send(c, buf, sizeof(buf), 0)) > 0)
			sent += w;
		usleep(1000);
		ioctl(s, FIONREAD, &queued);
	}
	check("tcp-window-scaled", queued > 65535, "receiver holds %d bytes", queued);
	/* And everything sent arrives once read, then the end. */
	shutdown(c, SHUT_WR);
	long got = 0;
	int n;
	while ((n = read(s, buf, sizeof(buf))) > 0)
		got += n;
	check("tcp-window-scaled-read", n == 0 && got == sent, "read %ld of %ld", got, sent);
	close(c);
	close(s);
	close(l);
}

/* A counter of a /proc/net MIB file: the column named name of the
 * section's lines ("\nTcp: " in snmp, "TcpExt: " first in netstat), or -1. */
static long mib_col(const char *path, const char *tag, const char *name)
{
	char buf[8192] = "\n";
	if (slurp(path, buf + 1, sizeof(buf) - 1) <= 0)
		return -1;
	char *names = strstr(buf, tag);
	char *values = names ? strstr(names + 1, tag) : NULL;
	if (!values)
		return -1;
	*strchr(names + 1, '\n') = 0;
	char *vend = strchr(values + 1, '\n');
	if (vend)
		*vend = 0;
	int col = -1, i = 0;
	char *save;
	size_t skip = strlen(tag);
	for (char *w = strtok_r(names + skip, " ", &save); w; w = strtok_r(NULL, " ", &save), i++)
		if (strcmp(w, name) == 0)
			col = i;
	i = 0;
	for (char *w = strtok_r(values + skip, " ", &save); w; w = strtok_r(NULL, " ", &save), i++)
		if (i == col)
			return strtol(w, NULL, 10);
	return -1;
}

static long tcp_mib(const char *name)
{
	return mib_col("/proc/net/snmp", "\nTcp: ", name);
}

static long tcp_ext(const char *name)
{
	return mib_col("/proc/net/netstat", "\nTcpExt: ", name);
}

/* /proc/net/snmp's Tcp line moves as Linux's does: one active and one
 * passive open for a connection over lo, both ends counted established
 * until they close; a refused connect is a failed attempt answered by a
 * reset. */
static void snmp_counters(void)
{
	long active0 = tcp_mib("ActiveOpens"), passive0 = tcp_mib("PassiveOpens");
	long estab0 = tcp_mib("CurrEstab");
	int port, l = listener(&port);
	int c = connect_to(port);
	int s = c >= 0 ? accept(l, NULL, NULL) : -1;
	check("tcp-snmp-opens", s >= 0 && tcp_mib("ActiveOpens") - active0 == 1 &&
	      tcp_mib("PassiveOpens") - passive0 == 1, "active %ld passive %ld",
	      tcp_mib("ActiveOpens") - active0, tcp_mib("PassiveOpens") - passive0);
	check("tcp-snmp-curr-estab", tcp_mib("CurrEstab") - estab0 == 2, "%ld",
	      tcp_mib("CurrEstab") - estab0);
	close(c);
	close(s);
	close(l);
	check("tcp-snmp-curr-estab-closed", tcp_mib("CurrEstab") == estab0, "%ld",
	      tcp_mib("CurrEstab"));
	long fails0 = tcp_mib("AttemptFails"), rsts0 = tcp_mib("OutRsts");
	l = listener(&port);
	close(l);			/* a port nobody listens on now */
	c = connect_to(port);
	int e = errno;
	check("tcp-snmp-refused", c < 0 && e == ECONNREFUSED && tcp_mib("AttemptFails") - fails0 == 1 &&
	      tcp_mib("OutRsts") - rsts0 == 1, "errno %d fails %ld rsts %ld", e,
	      tcp_mib("AttemptFails") - fails0, tcp_mib("OutRsts") - rsts0);
	/* A backlog of 1 holds two connections; the third SYN is dropped and
	 * counted (its connect keeps trying: non-blocking, then closed). */
	long over0 = tcp_ext("ListenOverflows"), drops0 = tcp_ext("ListenDrops");
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in a = loop(0);
	int cs[3];
	if (bind(fd, (struct sockaddr *)&a, sizeof(a)) == 0 && listen(fd, 1) == 0) {
		struct sockaddr_in to = loop(port_of(fd));
		for (int i = 0; i < 3; i++) {
			cs[i] = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
			connect(cs[i], (struct sockaddr *)&to, sizeof(to));
		}
		check("tcp-netstat-listen-overflow", tcp_ext("ListenOverflows") - over0 >= 1 &&
		      tcp_ext("ListenDrops") - drops0 >= 1, "overflows %ld drops %ld",
		      tcp_ext("ListenOverflows") - over0, tcp_ext("ListenDrops") - drops0);
		for (int i = 0; i < 3; i++)
			close(cs[i]);
	}
	close(fd);
}

static int in_netns(void)
{
	long long t0 = ms_now();
	basics();
	window_scaling();
	snmp_counters();
	long long t1 = ms_now();
	transfer("");
	long long t2 = ms_now();
	many(false);
	long long t3 = ms_now();
	many(true);
	long long t4 = ms_now();
	t_print("tcp: basics %lld ms, 64 MiB %lld ms, 1000 connections %lld ms, with SO_LINGER 0 %lld ms",
		t1 - t0, t2 - t1, t3 - t2, t4 - t3);
	if (access("/proc/sys/net/ipv4/loopback_loss", F_OK) == 0) {
		check("tcp-loss-knob", write_text("/proc/sys/net/ipv4/loopback_loss", "10\n") == 0,
		      "%s", strerror(errno));
		/* Linux 6.11's sysctl: a loss costs 5 ms, not 200. */
		check("tcp-rto-min", write_text("/proc/sys/net/ipv4/tcp_rto_min_us", "5000\n") == 0,
		      "%s", strerror(errno));
		long long t5 = ms_now();
		transfer("-10pct-loss");
		t_print("tcp: 64 MiB with 10%% loss %lld ms", ms_now() - t5);
		write_text("/proc/sys/net/ipv4/loopback_loss", "0\n");
		write_text("/proc/sys/net/ipv4/tcp_rto_min_us", "200000\n");
		char buf[4096];
		slurp("/proc/net/dev", buf, sizeof(buf));
		unsigned long long v[12];
		char *row = strstr(buf, "lo:");
		check("tcp-loss-dropped", row && sscanf(row, "lo:%llu %llu %llu %llu %llu %llu %llu "
		      "%llu %llu %llu %llu %llu", &v[0], &v[1], &v[2], &v[3], &v[4], &v[5], &v[6],
		      &v[7], &v[8], &v[9], &v[10], &v[11]) == 12 && v[11] > 0,
		      "'%.200s'", row ? row : "");
	} else {
		t_print("SKIP tcp-transfer-64m-10pct-loss: no loopback_loss knob (Linux)");
	}
	return 0;
}

int main(int argc, char **argv)
{
	if (argc > 1)
		BIG = strtoul(argv[1], NULL, 0) << 20;
	pid_t pid = fork();
	if (pid == 0) {
		if (new_netns() != 0) {
			check("tcp-new-netns", 0, "%s", strerror(errno));
			_exit(1);
		}
		_exit(in_netns());
	}
	int status = -1;
	waitpid(pid, &status, 0);
	check("tcp-child", WIFEXITED(status) && WEXITSTATUS(status) == 0, "status 0x%x", status);
	return 0;
}
