/*
 * ipfrag: IPv4 fragments, the MSS a device's MTU gives, and the
 * forwarding switch, over loopback in a fresh network namespace (a new
 * user namespace where the program is root, so the host's run sees what
 * a fresh Linux namespace has).  Loopback's MTU is lowered to 1500, so:
 *  - a UDP datagram of 4000 bytes, and one of the largest size (65507),
 *    leave as fragments and arrive whole;
 *  - an ICMP echo of 3000 bytes through a raw socket comes back whole;
 *  - a TCP connection's MSS follows the MTU (1460; Linux says 1448,
 *    less its timestamp option), and 256 KiB cross it intact;
 *  - net.ipv4.ip_forward and conf/all/forwarding are one switch.
 * Also natively on the Linux host, and built with glibc.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <fcntl.h>
#include <net/if.h>
#include <netinet/in.h>
#include <netinet/ip.h>
#include <netinet/ip_icmp.h>
#include <netinet/tcp.h>
#include <sched.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/wait.h>
#include "t.h"

#define HANG_SECONDS	60	/* only stops a hang */
#define TCP_BYTES	(256 << 10)

static int write_text(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY);
	if (fd < 0)
		return -1;
	ssize_t n = write(fd, text, strlen(text));
	close(fd);
	return n == (ssize_t)strlen(text) ? 0 : -1;
}

static int read_int(const char *path)
{
	char buf[32];
	int fd = open(path, O_RDONLY);
	ssize_t n = fd < 0 ? -1 : read(fd, buf, sizeof(buf) - 1);

	if (fd >= 0)
		close(fd);
	if (n <= 0)
		return -1;
	buf[n] = 0;
	return atoi(buf);
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
	return write_text("/proc/self/gid_map", map);
}

static struct sockaddr_in sin_of(const char *addr, int port)
{
	struct sockaddr_in a;

	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_port = htons(port);
	inet_pton(AF_INET, addr, &a.sin_addr);
	return a;
}

static void set_timeout(int fd)
{
	struct timeval tv = { HANG_SECONDS, 0 };

	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
}

static int lo_setup(void)
{
	int fd = socket(AF_INET, SOCK_DGRAM, 0);
	struct ifreq r;

	memset(&r, 0, sizeof(r));
	strcpy(r.ifr_name, "lo");
	if (ioctl(fd, SIOCGIFFLAGS, &r) != 0)
		return -1;
	r.ifr_flags |= IFF_UP;
	if (ioctl(fd, SIOCSIFFLAGS, &r) != 0)
		return -1;
	r.ifr_mtu = 1500;
	int err = ioctl(fd, SIOCSIFMTU, &r);
	close(fd);
	return err;
}

static void fill(unsigned char *b, size_t n, unsigned int seed)
{
	for (size_t i = 0; i < n; i++) {
		seed = seed * 1103515245u + 12345u;
		b[i] = seed >> 24;
	}
}

static void test_udp(size_t len, const char *name)
{
	static unsigned char out[65507], in[65536];
	int fd = socket(AF_INET, SOCK_DGRAM, 0);
	struct sockaddr_in a = sin_of("127.0.0.1", 0);
	socklen_t alen = sizeof(a);
	char n[64];

	set_timeout(fd);
	bind(fd, (struct sockaddr *)&a, sizeof(a));
	getsockname(fd, (struct sockaddr *)&a, &alen);
	fill(out, len, len);
	ssize_t sent = sendto(fd, out, len, 0, (struct sockaddr *)&a, sizeof(a));
	snprintf(n, sizeof(n), "ipfrag-udp-%s-send", name);
	check(n, sent == (ssize_t)len, "sendto: %zd %s", sent, strerror(errno));
	ssize_t got = recv(fd, in, sizeof(in), 0);
	snprintf(n, sizeof(n), "ipfrag-udp-%s-whole", name);
	check(n, got == (ssize_t)len && !memcmp(in, out, len), "recv: %zd of %zu (%s)", got, len,
	      got < 0 ? strerror(errno) : "content");
	close(fd);
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

static void test_echo(void)
{
	static unsigned char out[sizeof(struct icmphdr) + 3000], in[65536];
	int fd = socket(AF_INET, SOCK_RAW, IPPROTO_ICMP);
	struct sockaddr_in a = sin_of("127.0.0.1", 0);
	struct icmphdr *ic = (struct icmphdr *)out;

	if (!check("ipfrag-raw-socket", fd >= 0, "%s", strerror(errno)))
		return;
	set_timeout(fd);
	memset(out, 0, sizeof(out));
	ic->type = ICMP_ECHO;
	ic->un.echo.id = htons(0x4652);
	ic->un.echo.sequence = htons(1);
	fill(out + sizeof(*ic), 3000, 7);
	ic->checksum = icmp_sum(out, sizeof(out));
	check("ipfrag-echo-send", sendto(fd, out, sizeof(out), 0, (struct sockaddr *)&a,
					 sizeof(a)) == (ssize_t)sizeof(out), "%s", strerror(errno));
	ssize_t n;
	int ok = 0;
	/* The raw socket sees the request go by, then the reply. */
	while ((n = recv(fd, in, sizeof(in), 0)) > 0) {
		struct iphdr *ih = (struct iphdr *)in;
		struct icmphdr *r = (struct icmphdr *)(in + ih->ihl * 4);
		if (r->type == ICMP_ECHOREPLY && r->un.echo.id == ic->un.echo.id) {
			ok = n == ih->ihl * 4 + (ssize_t)sizeof(out) &&
			     !memcmp(r + 1, out + sizeof(*ic), 3000);
			break;
		}
	}
	check("ipfrag-echo-whole", ok, "reply %zd bytes (%s)", n, n < 0 ? strerror(errno) : "");
	close(fd);
}

static void test_tcp(void)
{
	static unsigned char out[TCP_BYTES], in[TCP_BYTES];
	int l = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in a = sin_of("127.0.0.1", 0);
	socklen_t alen = sizeof(a);

	bind(l, (struct sockaddr *)&a, sizeof(a));
	listen(l, 1);
	getsockname(l, (struct sockaddr *)&a, &alen);
	fill(out, sizeof(out), 3);
	pid_t pid = fork();
	if (pid == 0) {
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
	int mss = 0;
	socklen_t len = sizeof(mss);
	check("ipfrag-tcp-mss", getsockopt(c, IPPROTO_TCP, TCP_MAXSEG, &mss, &len) == 0 &&
	      (mss == 1460 || mss == 1448), "mss %d, want 1460 (Linux: 1448)", mss);
	size_t got = 0;
	ssize_t n;
	while (got < sizeof(in) && (n = read(c, in + got, sizeof(in) - got)) > 0)
		got += n;
	check("ipfrag-tcp-stream", got == sizeof(in) && !memcmp(in, out, sizeof(in)),
	      "read %zu of %zu", got, sizeof(in));
	int status;
	waitpid(pid, &status, 0);
	check("ipfrag-tcp-sender", WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "status %#x", status);
	close(c);
	close(l);
}

static void test_forward_switch(void)
{
	const char *fwd = "/proc/sys/net/ipv4/ip_forward";
	const char *all = "/proc/sys/net/ipv4/conf/all/forwarding";

	int a = read_int(fwd), b = read_int(all);
	check("ipfrag-forward-read", (a == 0 || a == 1) && a == b, "ip_forward %d, all %d", a, b);
	check("ipfrag-forward-on", write_text(fwd, "1\n") == 0 && read_int(fwd) == 1 &&
	      read_int(all) == 1, "%s", strerror(errno));
	check("ipfrag-forward-off", write_text(all, "0\n") == 0 && read_int(fwd) == 0 &&
	      read_int(all) == 0, "%s", strerror(errno));
}

int main(void)
{
	if (!check("ipfrag-netns", new_netns() == 0, "%s", strerror(errno)))
		return 0;
	if (!check("ipfrag-lo-mtu", lo_setup() == 0, "%s", strerror(errno)))
		return 0;
	test_udp(4000, "4000");
	test_udp(65507, "max");
	test_echo();
	test_tcp();
	test_forward_switch();
	return 0;
}
