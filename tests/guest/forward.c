/*
 * forward: ARP and IPv4 forwarding between network namespaces joined by
 * veth pairs, made with raw rtnetlink (RTM_NEWLINK "veth" with its peer
 * in another namespace, RTM_NEWROUTE for the default routes):
 *
 *     A (10.1.0.2) --ar/ra-- R (10.1.0.1 | 10.2.0.1) --rb/br-- B (10.2.0.2)
 *
 * A and B route everything through R.  With R's ip_forward off a datagram
 * from A to B is dropped; on, it arrives with its TTL one less, and the
 * reply comes back; A's /proc/net/arp shows R's address at ra's hardware
 * address; R answers a TTL of 1 with "time exceeded", a destination it
 * has no route to with "net unreachable" (a connect from A then fails
 * with ENETUNREACH), a datagram with DF too big for rb's MTU (1400)
 * with "fragmentation needed" naming 1400, and forwards a 3000-byte
 * datagram as fragments that B reassembles; a TCP connection from A to
 * B carries 256 KiB.
 *
 * The program makes its namespaces itself (a new user namespace where it
 * is root), so it runs natively on the Linux host, the oracle.  In our
 * kernel it needs veth and rtnetlink (the rtnl branch): it is not in
 * testinit.list until they are merged.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <fcntl.h>
#include <net/if.h>
#include <netinet/in.h>
#include <netinet/ip.h>
#include <netinet/ip_icmp.h>
#include <sched.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <sys/wait.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/veth.h>
#include "t.h"

#define HANG_SECONDS	60	/* only stops a hang */
#define PORT		7000
#define TCP_BYTES	(256 << 10)

static int ns_r, ns_a, ns_b;	/* the namespaces, as /proc/self/ns/net fds */

#define NT_TEST	"forward"
#include "nettest.h"

static int default_route(const char *gw, int ifindex)
{
	struct nlreq r;
	struct rtmsg rt = {
		.rtm_family = AF_INET, .rtm_table = RT_TABLE_MAIN, .rtm_protocol = RTPROT_BOOT,
		.rtm_scope = RT_SCOPE_UNIVERSE, .rtm_type = RTN_UNICAST,
	};
	struct in_addr a;

	inet_pton(AF_INET, gw, &a);
	memset(&r, 0, sizeof(r));
	r.h.nlmsg_len = NLMSG_LENGTH(0);
	r.h.nlmsg_type = RTM_NEWROUTE;
	r.h.nlmsg_flags = NLM_F_CREATE | NLM_F_EXCL;
	nl_bytes(&r, &rt, sizeof(rt));
	nl_attr(&r, RTA_GATEWAY, &a, sizeof(a));
	nl_attr(&r, RTA_OIF, &ifindex, sizeof(ifindex));
	return nl_talk(&r);
}

static int setup(void)
{
	if (map_root() != 0)
		return -1;
	if ((ns_a = new_ns()) < 0 || (ns_b = new_ns()) < 0 || (ns_r = new_ns()) < 0)
		return -1;
	int err;
	if ((err = veth_add("ra", "ar", ns_a)) || (err = veth_add("rb", "br", ns_b))) {
		errno = -err;
		return -1;
	}
	if (if_setup("ra", "10.1.0.1") < 0 || if_setup("rb", "10.2.0.1") < 0)
		return -1;
	enter(ns_a);
	int ifa = if_setup("ar", "10.1.0.2");
	if (ifa < 0 || (err = default_route("10.1.0.1", ifa)))
		return errno = err ? -err : errno, -1;
	enter(ns_b);
	int ifb = if_setup("br", "10.2.0.2");
	if (ifb < 0 || (err = default_route("10.2.0.1", ifb)))
		return errno = err ? -err : errno, -1;
	enter(ns_r);
	return 0;
}

static int udp_socket(int ns, const char *addr, int port)
{
	enter(ns);
	int fd = socket(AF_INET, SOCK_DGRAM, 0);
	struct sockaddr_in a = sin_of(addr, port);

	set_timeout(fd);
	if (bind(fd, (struct sockaddr *)&a, sizeof(a)) != 0) {
		close(fd);
		return -1;
	}
	return fd;
}

static ssize_t send_to(int fd, const char *addr, int port, const void *buf, size_t len)
{
	struct sockaddr_in a = sin_of(addr, port);

	return sendto(fd, buf, len, 0, (struct sockaddr *)&a, sizeof(a));
}

static int set_forward(const char *v)
{
	enter(ns_r);
	return write_text("/proc/sys/net/ipv4/ip_forward", v);
}

/* The next ICMP error the raw socket fd sees: its header (type 0 none). */
static struct icmphdr next_icmp_error(int fd)
{
	unsigned char buf[2048];
	struct icmphdr none = { 0 };
	ssize_t n;

	while ((n = recv(fd, buf, sizeof(buf), 0)) > 0) {
		struct iphdr *ih = (struct iphdr *)buf;
		struct icmphdr *ic = (struct icmphdr *)(buf + ih->ihl * 4);
		if (ic->type == ICMP_DEST_UNREACH || ic->type == ICMP_TIME_EXCEEDED)
			return *ic;
	}
	return none;
}

static void test_forwarding(void)
{
	char buf[4096];
	int r_sock = udp_socket(ns_r, "10.1.0.1", PORT);
	int b_sock = udp_socket(ns_b, "10.2.0.2", PORT);
	int a_sock = udp_socket(ns_a, "10.1.0.2", PORT);
	int one = 1;

	setsockopt(b_sock, IPPROTO_IP, IP_RECVTTL, &one, sizeof(one));
	/* R itself is reached with forwarding off (and ARP resolves it). */
	check("forward-to-router", send_to(a_sock, "10.1.0.1", PORT, "r", 1) == 1 &&
	      recv(r_sock, buf, sizeof(buf), 0) == 1, "%s", strerror(errno));
	/* Off: "1" is dropped; R's own marker after it proves R saw it. */
	send_to(a_sock, "10.2.0.2", PORT, "1", 1);
	send_to(a_sock, "10.1.0.1", PORT, "m", 1);
	check("forward-off-marker", recv(r_sock, buf, sizeof(buf), 0) == 1 && buf[0] == 'm',
	      "%s", strerror(errno));
	check("forward-on", set_forward("1\n") == 0, "%s", strerror(errno));
	send_to(a_sock, "10.2.0.2", PORT, "2", 1);
	struct iovec iov = { buf, sizeof(buf) };
	char cbuf[64];
	struct sockaddr_in from;
	struct msghdr m = { .msg_name = &from, .msg_namelen = sizeof(from), .msg_iov = &iov,
			    .msg_iovlen = 1, .msg_control = cbuf, .msg_controllen = sizeof(cbuf) };
	ssize_t n = recvmsg(b_sock, &m, 0);
	check("forward-off-dropped", n == 1 && buf[0] == '2', "got %zd bytes '%c'", n,
	      n > 0 ? buf[0] : '?');
	check("forward-source", n > 0 && from.sin_addr.s_addr == sin_of("10.1.0.2", 0).sin_addr.s_addr,
	      "from %s", inet_ntoa(from.sin_addr));
	int ttl = -1;
	for (struct cmsghdr *c = CMSG_FIRSTHDR(&m); c; c = CMSG_NXTHDR(&m, c))
		if (c->cmsg_level == IPPROTO_IP && c->cmsg_type == IP_TTL)
			memcpy(&ttl, CMSG_DATA(c), sizeof(ttl));
	check("forward-ttl", ttl == 63, "ttl %d, want 63", ttl);
	check("forward-reply", send_to(b_sock, "10.1.0.2", PORT, "3", 1) == 1 &&
	      recv(a_sock, buf, sizeof(buf), 0) == 1 && buf[0] == '3', "%s", strerror(errno));
	/* Fragments: 3000 bytes leave A as fragments, R fragments them again
	 * for rb's smaller MTU (set below), B reassembles. */
	static char big[3000];
	for (size_t i = 0; i < sizeof(big); i++)
		big[i] = i * 13 + 5;
	enter(ns_r);
	struct ifreq r;
	memset(&r, 0, sizeof(r));
	r.ifr_mtu = 1400;
	check("forward-rb-mtu", if_ioctl("rb", SIOCSIFMTU, &r) == 0, "%s", strerror(errno));
	send_to(a_sock, "10.2.0.2", PORT, big, sizeof(big));
	n = recv(b_sock, buf, sizeof(buf), 0);
	check("forward-fragments", n == (ssize_t)sizeof(big) && !memcmp(buf, big, sizeof(big)),
	      "got %zd bytes", n);
	close(r_sock);
	close(b_sock);
	close(a_sock);
}

static void test_errors(void)
{
	enter(ns_a);
	int raw = socket(AF_INET, SOCK_RAW, IPPROTO_ICMP);
	int u = socket(AF_INET, SOCK_DGRAM, 0), ttl = 1;

	set_timeout(raw);
	set_timeout(u);
	setsockopt(u, IPPROTO_IP, IP_TTL, &ttl, sizeof(ttl));
	send_to(u, "10.2.0.2", PORT, "t", 1);
	struct icmphdr ic = next_icmp_error(raw);
	check("forward-time-exceeded", ic.type == ICMP_TIME_EXCEEDED && ic.code == ICMP_EXC_TTL,
	      "type %d code %d", ic.type, ic.code);
	close(u);
	/* DF (set on what fits A's MTU) and too big for rb's 1400. */
	static char big[1450];
	u = socket(AF_INET, SOCK_DGRAM, 0);
	send_to(u, "10.2.0.2", PORT, big, sizeof(big));
	ic = next_icmp_error(raw);
	check("forward-frag-needed", ic.type == ICMP_DEST_UNREACH && ic.code == ICMP_FRAG_NEEDED &&
	      ntohs(ic.un.frag.mtu) == 1400, "type %d code %d mtu %d", ic.type, ic.code,
	      ntohs(ic.un.frag.mtu));
	close(u);
	/* R has no route to 10.3.0.0/16: a connect hears it. */
	u = socket(AF_INET, SOCK_STREAM, 0);
	set_timeout(u);
	struct sockaddr_in far = sin_of("10.3.0.1", PORT);
	check_err("forward-net-unreachable-connect", connect(u, (struct sockaddr *)&far,
							     sizeof(far)), ENETUNREACH);
	ic = next_icmp_error(raw);
	check("forward-net-unreachable", ic.type == ICMP_DEST_UNREACH && ic.code == ICMP_NET_UNREACH,
	      "type %d code %d", ic.type, ic.code);
	close(u);
	close(raw);
}

static void test_arp(void)
{
	static char buf[4096];
	struct ifreq r;
	char want[128];

	enter(ns_r);
	memset(&r, 0, sizeof(r));
	if_ioctl("ra", SIOCGIFHWADDR, &r);
	const unsigned char *h = (const unsigned char *)r.ifr_hwaddr.sa_data;
	snprintf(want, sizeof(want), "10.1.0.1         0x1         0x2         "
		 "%02x:%02x:%02x:%02x:%02x:%02x     *        ar", h[0], h[1], h[2], h[3], h[4], h[5]);
	enter(ns_a);
	check("forward-arp-row", slurp("/proc/net/arp", buf, sizeof(buf)) > 0 && strstr(buf, want),
	      "want \"%s\" in %s", want, buf);
}

static void test_tcp(void)
{
	static unsigned char out[TCP_BYTES], in[TCP_BYTES];
	for (size_t i = 0; i < sizeof(out); i++)
		out[i] = i * 31 + (i >> 9);
	enter(ns_b);
	int l = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in a = sin_of("10.2.0.2", PORT);
	bind(l, (struct sockaddr *)&a, sizeof(a));
	listen(l, 1);
	pid_t pid = fork();
	if (pid == 0) {
		enter(ns_a);
		int c = socket(AF_INET, SOCK_STREAM, 0);
		set_timeout(c);
		if (connect(c, (struct sockaddr *)&a, sizeof(a)) != 0)
			_exit(1);
		size_t sent = 0;
		while (sent < sizeof(out)) {
			ssize_t n = write(c, out + sent, sizeof(out) - sent);
			if (n <= 0)
				_exit(2);
			sent += n;
		}
		close(c);
		_exit(0);
	}
	int c = accept(l, NULL, NULL);
	set_timeout(c);
	size_t got = 0;
	ssize_t n;
	while (got < sizeof(in) && (n = read(c, in + got, sizeof(in) - got)) > 0)
		got += n;
	check("forward-tcp", got == sizeof(in) && !memcmp(in, out, sizeof(in)), "read %zu of %zu",
	      got, sizeof(in));
	int status;
	waitpid(pid, &status, 0);
	check("forward-tcp-sender", WIFEXITED(status) && WEXITSTATUS(status) == 0, "status %#x",
	      status);
	close(c);
	close(l);
}

/* Chunk k of a long stream (64-bit words from a counter), and a checksum
 * of what arrived (word by word: cheap enough for 64 MiB in a guest). */
#define STREAM_CHUNK	65536
static void stream_fill(uint64_t *w, unsigned long k)
{
	for (size_t i = 0; i < STREAM_CHUNK / 8; i++)
		w[i] = (k * (STREAM_CHUNK / 8) + i) * 0x9e3779b97f4a7c15ull;
}

/*
 * 64 MiB over the veth pair between A and R (no forwarding), its sum
 * compared, then again with each end dropping a tenth of what it sends
 * (veth_loss, this kernel's knob, with a 5 ms least retransmission
 * timeout as Linux 6.11's tcp_rto_min_us allows): retransmission puts
 * everything back in order.  On Linux (no knob) the lossy run is skipped.
 */
static void stream_over_veth(const char *name, unsigned long mib)
{
	static uint64_t buf[STREAM_CHUNK / 8], want[STREAM_CHUNK / 8];
	unsigned long chunks = mib << 20 >> 16;
	enter(ns_r);
	int l = socket(AF_INET, SOCK_STREAM, 0), one = 1;
	struct sockaddr_in a = sin_of("10.1.0.1", PORT + 1);
	char what[64];
	snprintf(what, sizeof(what), "forward-veth-stream%s", name);
	/* The last run's connection may still be closing here (its last
	 * ACK lost, as the loss begins): it keeps the port, which only
	 * SO_REUSEADDR on both sides lets a new listener share, as Linux. */
	setsockopt(l, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(l, (struct sockaddr *)&a, sizeof(a)) != 0 || listen(l, 1) != 0) {
		check(what, 0, "bind or listen: %s", strerror(errno));
		close(l);
		return;
	}
	pid_t pid = fork();
	if (pid == 0) {
		enter(ns_a);
		int c = socket(AF_INET, SOCK_STREAM, 0);
		set_timeout(c);
		if (connect(c, (struct sockaddr *)&a, sizeof(a)) != 0)
			_exit(1);
		for (unsigned long k = 0; k < chunks; k++) {
			stream_fill(buf, k);
			for (size_t off = 0; off < STREAM_CHUNK;) {
				ssize_t n = write(c, (char *)buf + off, STREAM_CHUNK - off);
				if (n <= 0)
					_exit(2);
				off += n;
			}
		}
		close(c);
		_exit(0);
	}
	set_timeout(l);
	int c = accept(l, NULL, NULL);
	if (c < 0) {
		check(what, 0, "accept: %s", strerror(errno));
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
		close(l);
		return;
	}
	set_timeout(c);
	unsigned long k = 0, bad = 0;
	size_t have = 0;
	ssize_t n;
	time_t start = time(NULL), told = start;
	while (k < chunks && (n = read(c, (char *)buf + have, STREAM_CHUNK - have)) > 0) {
		have += n;
		if (have == STREAM_CHUNK) {
			stream_fill(want, k++);
			bad += memcmp(buf, want, STREAM_CHUNK) != 0;
			have = 0;
		}
		if (time(NULL) - told >= 20) {	/* for a reader of the log only */
			told = time(NULL);
			t_print("forward: stream%s: %lu of %lu chunks after %ld s", name, k, chunks,
				(long)(told - start));
		}
	}
	check(what, k == chunks && !bad && read(c, buf, 1) == 0, "%lu of %lu chunks, %lu wrong",
	      k, chunks, bad);
	int status;
	waitpid(pid, &status, 0);
	snprintf(what, sizeof(what), "forward-veth-stream%s-sender", name);
	check(what, WIFEXITED(status) && WEXITSTATUS(status) == 0, "status %#x", status);
	close(c);
	close(l);
}

static void set_loss(int ns, const char *pct)
{
	enter(ns);
	write_text("/proc/sys/net/ipv4/veth_loss", pct);
	write_text("/proc/sys/net/ipv4/tcp_rto_min_us", strcmp(pct, "0\n") ? "5000\n" : "200000\n");
}

int main(int argc, char **argv)
{
	/* 64 MiB clean; with loss 8 MiB in the suite (MiB on the command
	 * line sets both): every timeout of a busy host's guest resends a
	 * whole window, so a lossy run's time grows with the host's load. */
	unsigned long mib = argc > 1 ? strtoul(argv[1], NULL, 0) : 64;
	unsigned long lossy_mib = argc > 1 ? mib : 8;
	if (!check("forward-setup", setup() == 0, "%s", strerror(errno)))
		return 0;
	test_forwarding();
	test_errors();
	test_arp();
	test_tcp();
	stream_over_veth("", mib);
	enter(ns_r);
	if (access("/proc/sys/net/ipv4/veth_loss", F_OK) == 0) {
		set_loss(ns_a, "10\n");
		set_loss(ns_r, "10\n");
		stream_over_veth("-10pct-loss", lossy_mib);
		set_loss(ns_a, "0\n");
		set_loss(ns_r, "0\n");
	} else {
		t_print("SKIP forward-veth-stream-10pct-loss: no veth_loss knob (Linux)");
	}
	return 0;
}
