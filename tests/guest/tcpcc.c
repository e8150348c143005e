/*
 * tcpcc: TCP's congestion control and SACK between two network
 * namespaces joined by a veth pair (made with raw rtnetlink):
 *
 *     A (10.3.0.2) --ab/ba-- B (10.3.0.1)
 *
 * Both SYNs offer SACK (net.ipv4.tcp_sack, 1 by default): TCP_INFO says
 * TCPI_OPT_SACK on both ends, and not when A's tcp_sack is 0.  TCP_INFO's
 * basic fields before any loss: ESTABLISHED, the MSS of a 1500-byte MTU,
 * the initial window of 10 segments (RFC 6928), no ssthresh yet (Linux's
 * 0x7fffffff), an RTO of at least tcp_rto_min.
 *
 * Then, where the kernel has this one's veth_loss knob (each end drops
 * that percent of what it sends), 16 MiB go from A to B with 10% lost
 * both ways: they arrive intact, and the counters say how: A's
 * TCPSackRecovery, TCPFastRetrans and RetransSegs rose, B's TCPOFOQueue
 * (out-of-order segments kept, not dropped) too, and A's TCP_INFO
 * counts its resends.  With A's tcp_sack 0, 4 MiB more recover with
 * NewReno (TCPRenoRecovery rose, TCPSackRecovery did not).
 *
 * The program makes its namespaces itself (a new user namespace where it
 * is root), so it runs natively on the Linux host, the oracle, where
 * timestamps are turned off (tcp_timestamps 0: this stack has none, and
 * they take 12 bytes of each segment) and the lossy runs are skipped.
 * No verdict is a time: the socket timeouts only stop a hang.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <fcntl.h>
#include <net/if.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/veth.h>
#include "t.h"

#define HANG_SECONDS	120	/* only stops a hang */
#define PORT		7300
#define CHUNK		65536
#define LOSSY_MIB	16
#define RENO_MIB	4
#define MSS_1500	1460	/* 1500 - the IPv4 and TCP headers */
#define INIT_CWND	10
#define INFINITE_SSTHRESH 0x7fffffff
#define RTO_MIN_US	200000

static int ns_a, ns_b;	/* the namespaces, as /proc/self/ns/net fds */

#define NT_TEST	"tcpcc"
#include "nettest.h"

static int setup(void)
{
	if (map_root() != 0)
		return -1;
	if ((ns_a = new_ns()) < 0 || (ns_b = new_ns()) < 0)
		return -1;
	int err = veth_add("ba", "ab", ns_a);
	if (err) {
		errno = -err;
		return -1;
	}
	if (if_setup("ba", "10.3.0.1") < 0)
		return -1;
	enter(ns_a);
	if (if_setup("ab", "10.3.0.2") < 0)
		return -1;
	return 0;
}

/* ---- the counters ---- */

/* The column name of the two lines of /proc/net/FILE that begin with
 * prefix (its names, then its values), in the current namespace; -1 when
 * there is none. */
static long long counter(const char *file, const char *prefix, const char *name)
{
	static char buf[16384];
	char path[64];

	snprintf(path, sizeof(path), "/proc/net/%s", file);
	if (slurp(path, buf, sizeof(buf)) <= 0)
		return -1;
	size_t plen = strlen(prefix);
	char *names = NULL;
	for (char *line = buf; line && *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL) {
		if (strncmp(line, prefix, plen) != 0 || line[plen] != ' ')
			continue;
		if (!names) {
			names = line;
			continue;
		}
		/* The values: walk both lines word by word. */
		char *n = names + plen, *v = line + plen;
		for (;;) {
			while (*n == ' ')
				n++;
			while (*v == ' ')
				v++;
			if (*n == '\n' || !*n || *v == '\n' || !*v)
				return -1;
			size_t len = strcspn(n, " \n");
			if (len == strlen(name) && strncmp(n, name, len) == 0)
				return strtoll(v, NULL, 10);
			n += len;
			v += strcspn(v, " \n");
		}
	}
	return -1;
}

static long long tcpext(const char *name)
{
	return counter("netstat", "TcpExt:", name);
}

static long long snmp_tcp(const char *name)
{
	return counter("snmp", "Tcp:", name);
}

struct counters {
	long long sack_recovery, reno_recovery, fast_retrans, retrans_segs, ofo_queue;
};

static struct counters read_counters(int ns)
{
	enter(ns);
	struct counters c = {
		tcpext("TCPSackRecovery"), tcpext("TCPRenoRecovery"), tcpext("TCPFastRetrans"),
		snmp_tcp("RetransSegs"), tcpext("TCPOFOQueue"),
	};
	return c;
}

/* ---- a connection ---- */

static int get_info(int fd, struct tcp_info *ti)
{
	socklen_t len = sizeof(*ti);

	memset(ti, 0, sizeof(*ti));
	return getsockopt(fd, IPPROTO_TCP, TCP_INFO, ti, &len);
}

static void stream_fill(uint64_t *w, unsigned long k)
{
	for (size_t i = 0; i < CHUNK / 8; i++)
		w[i] = (k * (CHUNK / 8) + i) * 0x9e3779b97f4a7c15ull;
}

/* B listens, A connects: the return value is B's end; A's is the child's
 * (*pid), which writes its TCP_INFO to the pipe info_fd, waits for a
 * byte from B (go), sends chunks CHUNKs, waits for B's FIN and writes its
 * TCP_INFO again.  port: a new one each time. */
static int connect_pair(int port, unsigned long chunks, int info_fd, pid_t *pid)
{
	enter(ns_b);
	int l = socket(AF_INET, SOCK_STREAM, 0), one = 1;
	struct sockaddr_in a = sin_of("10.3.0.1", port);
	setsockopt(l, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(l, (struct sockaddr *)&a, sizeof(a)) != 0 || listen(l, 1) != 0) {
		close(l);
		return -1;
	}
	*pid = fork();
	if (*pid == 0) {
		static uint64_t buf[CHUNK / 8];
		enter(ns_a);
		int c = socket(AF_INET, SOCK_STREAM, 0);
		set_timeout(c);
		if (connect(c, (struct sockaddr *)&a, sizeof(a)) != 0)
			_exit(1);
		struct tcp_info ti;
		char go;
		get_info(c, &ti);
		if (write(info_fd, &ti, sizeof(ti)) != sizeof(ti) || read(c, &go, 1) != 1)
			_exit(2);
		for (unsigned long k = 0; k < chunks; k++) {
			stream_fill(buf, k);
			for (size_t off = 0; off < CHUNK;) {
				ssize_t n = write(c, (char *)buf + off, CHUNK - off);
				if (n <= 0)
					_exit(3);
				off += n;
			}
		}
		/* Everything acknowledged (SIOCOUTQ 0) before the last look. */
		shutdown(c, SHUT_WR);
		char byte;
		if (read(c, &byte, 1) != 0)
			_exit(4);
		get_info(c, &ti);
		if (write(info_fd, &ti, sizeof(ti)) != sizeof(ti))
			_exit(5);
		close(c);
		_exit(0);
	}
	set_timeout(l);
	int c = accept(l, NULL, NULL);
	close(l);
	if (c >= 0)
		set_timeout(c);
	return c;
}

/* B's word to A to begin sending. */
static int go(int c)
{
	return write(c, "g", 1) == 1;
}

/* Read chunks CHUNKs from c and compare them: the count of good ones. */
static unsigned long receive(int c, unsigned long chunks, unsigned long *bad)
{
	static uint64_t buf[CHUNK / 8], want[CHUNK / 8];
	unsigned long k = 0;
	size_t have = 0;
	ssize_t n;

	*bad = 0;
	while (k < chunks && (n = read(c, (char *)buf + have, CHUNK - have)) > 0) {
		have += n;
		if (have == CHUNK) {
			stream_fill(want, k++);
			*bad += memcmp(buf, want, CHUNK) != 0;
			have = 0;
		}
	}
	return k;
}

static int finish(const char *what, int c, pid_t pid)
{
	int status;
	char name[64];

	shutdown(c, SHUT_WR);
	close(c);
	waitpid(pid, &status, 0);
	snprintf(name, sizeof(name), "%s-sender", what);
	return check(name, WIFEXITED(status) && WEXITSTATUS(status) == 0, "status %#x", status);
}

/* ---- the tests ---- */

/* One chunk from A to B on port: both ends' TCP_INFO just after the
 * handshake (*ta, *tb); false when the connection failed. */
static int one_chunk(const char *what, int port, struct tcp_info *ta, struct tcp_info *tb)
{
	int pipefd[2];
	pid_t pid;
	unsigned long bad;

	if (pipe(pipefd) != 0)
		return 0;
	int c = connect_pair(port, 1, pipefd[1], &pid);
	int ok = c >= 0 && read(pipefd[0], ta, sizeof(*ta)) == sizeof(*ta) && get_info(c, tb) == 0 &&
		 go(c);
	if (!check(what, ok, "connect or TCP_INFO: %s", strerror(errno))) {
		if (c >= 0)
			close(c);
		if (pid > 0) {
			kill(pid, SIGKILL);
			waitpid(pid, NULL, 0);
		}
	} else {
		ok = check(what, receive(c, 1, &bad) == 1 && !bad, "the chunk");
		ok &= finish(what, c, pid);
	}
	close(pipefd[0]);
	close(pipefd[1]);
	return ok;
}

static void test_negotiation(void)
{
	struct tcp_info ta, tb;

	if (!one_chunk("tcpcc-connect", PORT, &ta, &tb))
		return;
	check("tcpcc-syn-sack-permitted", (tb.tcpi_options & TCPI_OPT_SACK) &&
	      (ta.tcpi_options & TCPI_OPT_SACK), "options A %#x B %#x", ta.tcpi_options,
	      tb.tcpi_options);
	check("tcpcc-info-wscale", (ta.tcpi_options & TCPI_OPT_WSCALE) &&
	      (tb.tcpi_options & TCPI_OPT_WSCALE), "options A %#x B %#x", ta.tcpi_options,
	      tb.tcpi_options);
	check("tcpcc-info-state", ta.tcpi_state == 1 && tb.tcpi_state == 1, "A %d B %d",
	      ta.tcpi_state, tb.tcpi_state);
	check("tcpcc-info-ca-open", ta.tcpi_ca_state == TCP_CA_Open, "%d", ta.tcpi_ca_state);
	check("tcpcc-info-snd-mss", ta.tcpi_snd_mss == MSS_1500 && tb.tcpi_snd_mss == MSS_1500,
	      "A %u B %u", ta.tcpi_snd_mss, tb.tcpi_snd_mss);
	check("tcpcc-info-rto", ta.tcpi_rto >= RTO_MIN_US, "%u", ta.tcpi_rto);
	/* A busy host may have resent the SYN (its timeout is a second),
	 * and Linux then counts a loss: the window's start is only
	 * compared after a handshake without one. */
	if (ta.tcpi_total_retrans == 0) {
		check("tcpcc-info-initial-cwnd", ta.tcpi_snd_cwnd == INIT_CWND, "%u",
		      ta.tcpi_snd_cwnd);
		check("tcpcc-info-no-ssthresh", ta.tcpi_snd_ssthresh == INFINITE_SSTHRESH, "%u",
		      ta.tcpi_snd_ssthresh);
	} else {
		t_print("SKIP tcpcc-info-initial-cwnd: the SYN was resent");
	}

	/* A's tcp_sack off: its SYN says nothing, B's answer neither. */
	enter(ns_a);
	if (!check("tcpcc-sysctl-tcp-sack-off", write_text("/proc/sys/net/ipv4/tcp_sack", "0\n") == 0,
		   "%s", strerror(errno)))
		return;
	if (one_chunk("tcpcc-connect-sack-off", PORT + 1, &ta, &tb))
		check("tcpcc-no-sack-when-off", !(tb.tcpi_options & TCPI_OPT_SACK) &&
		      !(ta.tcpi_options & TCPI_OPT_SACK), "options A %#x B %#x", ta.tcpi_options,
		      tb.tcpi_options);
	enter(ns_a);
	write_text("/proc/sys/net/ipv4/tcp_sack", "1\n");
}

static void set_loss(int ns, const char *pct)
{
	enter(ns);
	write_text("/proc/sys/net/ipv4/veth_loss", pct);
	write_text("/proc/sys/net/ipv4/tcp_rto_min_us", strcmp(pct, "0\n") ? "5000\n" : "200000\n");
}

/* mib MiB from A to B with 10% lost: intact?  The counters' rises
 * (after - before) in *da (A's) and *db (B's), A's last TCP_INFO in *ta. */
static int lossy_stream(const char *what, int port, unsigned long mib, struct counters *da,
			struct counters *db, struct tcp_info *ta)
{
	int pipefd[2];
	pid_t pid;
	unsigned long chunks = (mib << 20) / CHUNK, bad;

	if (pipe(pipefd) != 0)
		return 0;
	struct counters a0 = read_counters(ns_a), b0 = read_counters(ns_b);
	set_loss(ns_a, "10\n");
	set_loss(ns_b, "10\n");
	int c = connect_pair(port, chunks, pipefd[1], &pid);
	int ok = 0;
	if (check(what, c >= 0 && go(c), "connect: %s", strerror(errno))) {
		unsigned long k = receive(c, chunks, &bad);
		char byte;
		ok = check(what, k == chunks && !bad && read(c, &byte, 1) == 0,
			   "%lu of %lu chunks, %lu wrong", k, chunks, bad);
		ok &= finish(what, c, pid);
	} else if (pid > 0) {
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
	}
	set_loss(ns_a, "0\n");
	set_loss(ns_b, "0\n");
	ok &= read(pipefd[0], ta, sizeof(*ta)) == sizeof(*ta) &&
	      read(pipefd[0], ta, sizeof(*ta)) == sizeof(*ta);
	close(pipefd[0]);
	close(pipefd[1]);
	struct counters a1 = read_counters(ns_a), b1 = read_counters(ns_b);
	da->sack_recovery = a1.sack_recovery - a0.sack_recovery;
	da->reno_recovery = a1.reno_recovery - a0.reno_recovery;
	da->fast_retrans = a1.fast_retrans - a0.fast_retrans;
	da->retrans_segs = a1.retrans_segs - a0.retrans_segs;
	db->ofo_queue = b1.ofo_queue - b0.ofo_queue;
	t_print("tcpcc: %s: A SackRecovery +%lld RenoRecovery +%lld FastRetrans +%lld "
		"RetransSegs +%lld, B OFOQueue +%lld, A total_retrans %u cwnd %u ssthresh %u",
		what, da->sack_recovery, da->reno_recovery, da->fast_retrans, da->retrans_segs,
		db->ofo_queue, ta->tcpi_total_retrans, ta->tcpi_snd_cwnd, ta->tcpi_snd_ssthresh);
	return ok;
}

static void test_lossy(void)
{
	struct counters da, db;
	struct tcp_info ta;

	enter(ns_a);
	if (access("/proc/sys/net/ipv4/veth_loss", F_OK) != 0) {
		t_print("SKIP tcpcc-sack-16m-10pct-loss: no veth_loss knob (Linux)");
		return;
	}
	if (lossy_stream("tcpcc-sack-16m-10pct-loss", PORT + 2, LOSSY_MIB, &da, &db, &ta)) {
		check("tcpcc-sack-recovery-counted", da.sack_recovery > 0 && da.reno_recovery == 0,
		      "TCPSackRecovery +%lld TCPRenoRecovery +%lld", da.sack_recovery,
		      da.reno_recovery);
		check("tcpcc-fast-retrans-counted", da.fast_retrans > 0 &&
		      da.retrans_segs >= da.fast_retrans, "TCPFastRetrans +%lld RetransSegs +%lld",
		      da.fast_retrans, da.retrans_segs);
		check("tcpcc-ofo-queue-counted", db.ofo_queue > 0, "TCPOFOQueue +%lld", db.ofo_queue);
		check("tcpcc-info-total-retrans", ta.tcpi_total_retrans > 0 &&
		      (ta.tcpi_options & TCPI_OPT_SACK), "total_retrans %u options %#x",
		      ta.tcpi_total_retrans, ta.tcpi_options);
		check("tcpcc-info-ssthresh-set", ta.tcpi_snd_ssthresh != INFINITE_SSTHRESH &&
		      ta.tcpi_snd_ssthresh >= 2, "%u", ta.tcpi_snd_ssthresh);
	}
	enter(ns_a);
	write_text("/proc/sys/net/ipv4/tcp_sack", "0\n");
	if (lossy_stream("tcpcc-reno-4m-10pct-loss", PORT + 3, RENO_MIB, &da, &db, &ta))
		check("tcpcc-reno-recovery-counted", da.reno_recovery > 0 && da.sack_recovery == 0,
		      "TCPRenoRecovery +%lld TCPSackRecovery +%lld", da.reno_recovery,
		      da.sack_recovery);
	enter(ns_a);
	write_text("/proc/sys/net/ipv4/tcp_sack", "1\n");
}

int main(void)
{
	if (!check("tcpcc-setup", setup() == 0, "%s", strerror(errno)))
		return 0;
	/* Linux: no timestamps, as this stack (the MSS compared is then
	 * the same); this kernel has no such file. */
	enter(ns_a);
	write_text("/proc/sys/net/ipv4/tcp_timestamps", "0\n");
	enter(ns_b);
	write_text("/proc/sys/net/ipv4/tcp_timestamps", "0\n");
	test_negotiation();
	test_lossy();
	return 0;
}
