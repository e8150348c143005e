/*
 * ether: the virtio-net device under qemu's restricted user network
 * (tests/guest/run-guest attaches it, with ip=10.0.2.15::10.0.2.2:
 * 255.255.255.0::eth0:off on the command line and the guest's port 80
 * forwarded from a port of the host's 127.0.0.1).  In the initial
 * network namespace:
 *  - eth0 is there, an Ethernet device with qemu's address, up, with
 *    10.0.2.15/24, its broadcast and MTU 1500, and a default route via
 *    10.0.2.2 (a datagram for a far network leaves from 10.0.2.15; both
 *    routes in /proc/net/route);
 *  - ARP resolves the gateway: /proc/net/arp shows 10.0.2.2 at the
 *    address qemu's network answers with (52:55:0a:00:02:02), complete;
 *  - an ICMP echo of 3000 bytes to the gateway comes back whole (sent as
 *    fragments at MTU 1500, the reply reassembled);
 *  - a neighbour nobody answers for fails: what waited is answered with
 *    an ICMP host unreachable (a raw socket sees it), a TCP connect gets
 *    EHOSTUNREACH, and /proc/net/arp shows the entry incomplete;
 *  - a TCP server on port 80 takes a connection from the host (the
 *    harness, tests/guest/ether-host.py, connects once the READY line is
 *    printed): 1 MiB each way, checked byte for byte on both sides, with
 *    an MSS of 1460.
 * Only in our kernel (the host has no such device); every wait is for a
 * condition, bounded only to stop a hang.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <fcntl.h>
#include <net/if.h>
#include <netinet/in.h>
#include <netinet/ip.h>
#include <netinet/ip_icmp.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/time.h>
#include "t.h"

#ifndef ARPHRD_ETHER
#define ARPHRD_ETHER	1	/* <net/if_arp.h>'s, which our libc lacks */
#endif

#define GUEST_ADDR	"10.0.2.15"
#define GATEWAY		"10.0.2.2"
#define GATEWAY_MAC	"52:55:0a:00:02:02"	/* qemu's user network */
#define GUEST_MAC	"52:54:00:12:34:56"	/* qemu's first NIC */
#define NOBODY_UDP	"10.0.2.99"		/* on the link, never answered */
#define NOBODY_TCP	"10.0.2.98"
#define HANG_SECONDS	60			/* only stops a hang */
#define XFER_BYTES	(1 << 20)
#define ECHO_BYTES	3000

static struct sockaddr_in sin_of(const char *addr, int port)
{
	struct sockaddr_in a;

	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_port = htons(port);
	inet_pton(AF_INET, addr, &a.sin_addr);
	return a;
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

static void set_timeout(int fd, int seconds)
{
	struct timeval tv = { seconds, 0 };

	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
}

static const char *ntoa(const struct sockaddr *sa)
{
	return inet_ntoa(((const struct sockaddr_in *)sa)->sin_addr);
}

/* The stream both sides of the transfer generate (ether-host.py too). */
static unsigned char pattern_next(unsigned int *x)
{
	*x = *x * 1103515245u + 12345u;
	return *x >> 24;
}

static void test_device(void)
{
	int fd = socket(AF_INET, SOCK_DGRAM, 0);
	struct ifreq r;
	char mac[32];

	memset(&r, 0, sizeof(r));
	strcpy(r.ifr_name, "eth0");
	check("ether-dev-present", ioctl(fd, SIOCGIFINDEX, &r) == 0 && r.ifr_ifindex > 1,
	      "SIOCGIFINDEX: %s, index %d", strerror(errno), r.ifr_ifindex);
	check("ether-dev-hwaddr", ioctl(fd, SIOCGIFHWADDR, &r) == 0 &&
	      r.ifr_hwaddr.sa_family == ARPHRD_ETHER, "SIOCGIFHWADDR: %s, family %d",
	      strerror(errno), r.ifr_hwaddr.sa_family);
	const unsigned char *h = (const unsigned char *)r.ifr_hwaddr.sa_data;
	snprintf(mac, sizeof(mac), "%02x:%02x:%02x:%02x:%02x:%02x", h[0], h[1], h[2], h[3],
		 h[4], h[5]);
	check("ether-dev-mac", !strcmp(mac, GUEST_MAC), "%s, want %s", mac, GUEST_MAC);
	int want = IFF_UP | IFF_BROADCAST | IFF_RUNNING | IFF_MULTICAST;
	check("ether-dev-up", ioctl(fd, SIOCGIFFLAGS, &r) == 0 && r.ifr_flags == want,
	      "flags %#x, want %#x", r.ifr_flags, want);
	check("ether-dev-mtu", ioctl(fd, SIOCGIFMTU, &r) == 0 && r.ifr_mtu == 1500,
	      "mtu %d", r.ifr_mtu);
	check("ether-dev-addr", ioctl(fd, SIOCGIFADDR, &r) == 0 &&
	      !strcmp(ntoa(&r.ifr_addr), GUEST_ADDR), "%s", ntoa(&r.ifr_addr));
	check("ether-dev-netmask", ioctl(fd, SIOCGIFNETMASK, &r) == 0 &&
	      !strcmp(ntoa(&r.ifr_netmask), "255.255.255.0"), "%s", ntoa(&r.ifr_netmask));
	check("ether-dev-broadcast", ioctl(fd, SIOCGIFBRDADDR, &r) == 0 &&
	      !strcmp(ntoa(&r.ifr_broadaddr), "10.0.2.255"), "%s", ntoa(&r.ifr_broadaddr));
	/* The default route: a far destination is reached from our address. */
	struct sockaddr_in far = sin_of("192.0.2.1", 9), me;
	socklen_t len = sizeof(me);
	check("ether-default-route", connect(fd, (struct sockaddr *)&far, sizeof(far)) == 0 &&
	      getsockname(fd, (struct sockaddr *)&me, &len) == 0 &&
	      !strcmp(ntoa((struct sockaddr *)&me), GUEST_ADDR), "connect: %s, source %s",
	      strerror(errno), ntoa((struct sockaddr *)&me));
	close(fd);
	/* The main table as /proc/net/route shows it (Linux's layout). */
	static char routes[1024], want_routes[1024];
	snprintf(want_routes, sizeof(want_routes), "%-127s\n%-127s\n%-127s\n",
		 "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT",
		 "eth0\t00000000\t0202000A\t0003\t0\t0\t0\t00000000\t0\t0\t0",
		 "eth0\t0002000A\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0");
	check("ether-proc-route", slurp("/proc/net/route", routes, sizeof(routes)) > 0 &&
	      !strcmp(routes, want_routes), "%s", routes);
}

/* The /proc/net/arp row of addr, waiting (bounded) until it has flags. */
static int arp_row(const char *addr, const char *flags, char *row, size_t size)
{
	static char buf[8192];

	for (int i = 0; i < HANG_SECONDS * 10; i++) {
		if (slurp("/proc/net/arp", buf, sizeof(buf)) < 0)
			return -1;
		for (char *l = buf; l && *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL) {
			char a[32], t[16], f[16];
			if (sscanf(l, "%31s %15s %15s", a, t, f) == 3 && !strcmp(a, addr) &&
			    !strcmp(f, flags)) {
				size_t n = strcspn(l, "\n");
				snprintf(row, size, "%.*s", (int)n, l);
				return 0;
			}
		}
		usleep(100000);
	}
	snprintf(row, size, "%.400s", buf);
	return -1;
}

static void test_arp(void)
{
	char row[512], want[256];
	int fd = socket(AF_INET, SOCK_DGRAM, 0);
	struct sockaddr_in gw = sin_of(GATEWAY, 9);

	check("ether-arp-header", slurp("/proc/net/arp", row, sizeof(row)) > 0 &&
	      !strncmp(row, "IP address       HW type     Flags       HW address            "
		       "Mask     Device\n", 79), "%s", row);
	/* restrict=on: qemu drops the datagram, but answers ARP first. */
	sendto(fd, "x", 1, 0, (struct sockaddr *)&gw, sizeof(gw));
	close(fd);
	snprintf(want, sizeof(want), "%-16s 0x%-10x0x%-10x%s     *        %s", GATEWAY, 1, 2,
		 GATEWAY_MAC, "eth0");
	int err = arp_row(GATEWAY, "0x2", row, sizeof(row));
	check("ether-arp-gateway", !err && !strcmp(row, want), "row \"%s\", want \"%s\"", row, want);
}

static uint16_t icmp_sum(const void *buf, size_t len)
{
	const unsigned char *b = buf;
	uint32_t s = 0;

	for (size_t i = 0; i + 1 < len; i += 2)
		s += b[i] << 8 | b[i + 1];
	if (len & 1)
		s += b[len - 1] << 8;
	while (s >> 16)
		s = (s & 0xffff) + (s >> 16);
	return htons(~s);
}

/* A 3000-byte echo to the gateway: out as fragments, back reassembled. */
static void test_big_echo(void)
{
	static unsigned char out[sizeof(struct icmphdr) + ECHO_BYTES], in[65536];
	int fd = socket(AF_INET, SOCK_RAW, IPPROTO_ICMP);
	struct sockaddr_in gw = sin_of(GATEWAY, 0);
	struct icmphdr *ic = (struct icmphdr *)out;

	set_timeout(fd, HANG_SECONDS);
	memset(out, 0, sizeof(out));
	ic->type = ICMP_ECHO;
	ic->un.echo.id = htons(0x4554);
	ic->un.echo.sequence = htons(1);
	for (int i = 0; i < ECHO_BYTES; i++)
		out[sizeof(*ic) + i] = i * 7 + 3;
	ic->checksum = icmp_sum(out, sizeof(out));
	ssize_t n = sendto(fd, out, sizeof(out), 0, (struct sockaddr *)&gw, sizeof(gw));
	check("ether-frag-send", n == (ssize_t)sizeof(out), "sendto: %zd %s", n, strerror(errno));
	int ok = 0;
	for (;;) {
		n = recv(fd, in, sizeof(in), 0);
		if (n < 0)
			break;
		struct iphdr *ih = (struct iphdr *)in;
		struct icmphdr *r = (struct icmphdr *)(in + ih->ihl * 4);
		if (n >= ih->ihl * 4 + (ssize_t)sizeof(*r) && r->type == ICMP_ECHOREPLY &&
		    r->un.echo.id == ic->un.echo.id) {
			ok = n == ih->ihl * 4 + (ssize_t)sizeof(out) &&
			     !memcmp(r + 1, out + sizeof(*ic), ECHO_BYTES);
			break;
		}
	}
	check("ether-frag-echo", ok, "reply: %zd bytes, errno %s", n, strerror(errno));
	close(fd);
}

/* The next ICMP host unreachable the raw socket fd sees about a packet
 * to addr: 1, or 0 when none came. */
static int host_unreachable_about(int fd, const char *addr)
{
	unsigned char buf[2048];
	struct in_addr want;
	ssize_t n;

	inet_pton(AF_INET, addr, &want);
	while ((n = recv(fd, buf, sizeof(buf), 0)) > 0) {
		struct iphdr *ih = (struct iphdr *)buf;
		struct icmphdr *ic = (struct icmphdr *)(buf + ih->ihl * 4);
		struct iphdr *inner = (struct iphdr *)(ic + 1);
		if (n >= ih->ihl * 4 + (ssize_t)(sizeof(*ic) + sizeof(*inner)) &&
		    ic->type == ICMP_DEST_UNREACH && ic->code == ICMP_HOST_UNREACH &&
		    inner->daddr == want.s_addr)
			return 1;
	}
	return 0;
}

/* Nobody answers for NOBODY_*: after three requests the entry fails and
 * what waited is answered with host unreachable, an ICMP error from this
 * host to itself (through loopback, which must be up, as on Linux).  A
 * raw socket sees it; a connect fails with it (a UDP socket does not: to
 * Linux, without IP_RECVERR, it is a soft error). */
static void test_unreachable(void)
{
	char row[512], want[256];
	int fd = socket(AF_INET, SOCK_DGRAM, 0);
	int raw = socket(AF_INET, SOCK_RAW, IPPROTO_ICMP);
	struct ifreq r;

	memset(&r, 0, sizeof(r));
	strcpy(r.ifr_name, "lo");
	check("ether-lo-up", ioctl(fd, SIOCGIFFLAGS, &r) == 0 &&
	      (r.ifr_flags |= IFF_UP, ioctl(fd, SIOCSIFFLAGS, &r) == 0), "%s", strerror(errno));
	struct sockaddr_in a = sin_of(NOBODY_UDP, 9);
	set_timeout(raw, HANG_SECONDS);
	check("ether-unreach-send", sendto(fd, "x", 1, 0, (struct sockaddr *)&a, sizeof(a)) == 1,
	      "%s", strerror(errno));
	check("ether-unreach-icmp", host_unreachable_about(raw, NOBODY_UDP),
	      "no ICMP host unreachable about %s: %s", NOBODY_UDP, strerror(errno));
	close(fd);
	close(raw);
	snprintf(want, sizeof(want), "%-16s 0x%-10x0x%-10x%s     *        %s", NOBODY_UDP, 1, 0,
		 "00:00:00:00:00:00", "eth0");
	int err = arp_row(NOBODY_UDP, "0x0", row, sizeof(row));
	check("ether-unreach-arp-row", !err && !strcmp(row, want), "row \"%s\", want \"%s\"",
	      row, want);
	fd = socket(AF_INET, SOCK_STREAM, 0);
	a = sin_of(NOBODY_TCP, 80);
	set_timeout(fd, HANG_SECONDS);
	check_err("ether-unreach-tcp", connect(fd, (struct sockaddr *)&a, sizeof(a)), EHOSTUNREACH);
	close(fd);
}

static int read_full(int fd, unsigned char *buf, size_t len)
{
	size_t got = 0;

	while (got < len) {
		ssize_t n = read(fd, buf + got, len - got);
		if (n <= 0)
			return -1;
		got += n;
	}
	return 0;
}

/* The host connects to port 80 through qemu's forwarding. */
static void test_tcp_server(void)
{
	static unsigned char buf[XFER_BYTES];
	int l = socket(AF_INET, SOCK_STREAM, 0), one = 1;
	struct sockaddr_in a = sin_of("0.0.0.0", 80);

	setsockopt(l, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (!check("ether-tcp-listen", bind(l, (struct sockaddr *)&a, sizeof(a)) == 0 &&
		   listen(l, 1) == 0, "%s", strerror(errno)))
		return;
	t_print("ETHER-READY tcp %s:80 %d bytes", GUEST_ADDR, XFER_BYTES);
	struct pollfd p = { l, POLLIN, 0 };
	if (!check("ether-tcp-accept", poll(&p, 1, 10 * HANG_SECONDS * 1000) == 1,
		   "nobody connected (is tests/guest/ether-host.py running?)"))
		return;
	struct sockaddr_in peer;
	socklen_t len = sizeof(peer);
	int c = accept(l, (struct sockaddr *)&peer, &len);
	close(l);
	if (!check("ether-tcp-accepted", c >= 0, "%s", strerror(errno)))
		return;
	set_timeout(c, HANG_SECONDS);
	check("ether-tcp-peer", !strcmp(ntoa((struct sockaddr *)&peer), GATEWAY), "peer %s",
	      ntoa((struct sockaddr *)&peer));
	int mss = 0;
	len = sizeof(mss);
	check("ether-tcp-mss", getsockopt(c, IPPROTO_TCP, TCP_MAXSEG, &mss, &len) == 0 &&
	      mss == 1460, "mss %d", mss);
	int bad = -1;
	if (read_full(c, buf, XFER_BYTES) == 0) {
		unsigned int x = 1;
		bad = 0;
		for (int i = 0; i < XFER_BYTES; i++)
			if (buf[i] != pattern_next(&x)) {
				bad = i + 1;
				break;
			}
	}
	if (bad < 0)
		check("ether-tcp-receive", 0, "read: %s", strerror(errno));
	else
		check("ether-tcp-receive", bad == 0, "byte %d differs", bad - 1);
	unsigned int x = 2;
	for (int i = 0; i < XFER_BYTES; i++)
		buf[i] = pattern_next(&x);
	size_t sent = 0;
	while (sent < XFER_BYTES) {
		ssize_t n = write(c, buf + sent, XFER_BYTES - sent);
		if (n <= 0)
			break;
		sent += n;
	}
	check("ether-tcp-send", sent == XFER_BYTES, "sent %zu: %s", sent, strerror(errno));
	shutdown(c, SHUT_WR);
	char verdict = 0;
	ssize_t n = read(c, &verdict, 1);
	check("ether-tcp-host-verdict", n == 1 && verdict == 'Y',
	      "the host read %s", n == 1 ? "other bytes than sent" : "nothing back");
	close(c);
}

static void test_counters(void)
{
	static char buf[4096];
	unsigned long long rxb, rxp, txb, txp;
	char *l = slurp("/proc/net/dev", buf, sizeof(buf)) > 0 ? strstr(buf, "eth0:") : NULL;

	check("ether-counters", l && sscanf(l, "eth0: %llu %llu %*u %*u %*u %*u %*u %*u %llu %llu",
					    &rxb, &rxp, &txb, &txp) == 4 &&
	      rxp > 700 && txp > 700 && rxb > XFER_BYTES && txb > XFER_BYTES,
	      "%.120s", l ? l : buf);
}

int main(void)
{
	test_device();
	test_arp();
	test_big_echo();
	test_unreachable();
	test_tcp_server();
	test_counters();
	return 0;
}
