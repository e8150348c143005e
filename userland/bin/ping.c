/*
 * ping: send ICMP echo requests to an IPv4 host and report the replies,
 * with the output and statistics of iputils' ping.  Uses an ICMP datagram
 * socket (net.ipv4.ping_group_range), else a raw socket (CAP_NET_RAW).
 *
 *   ping [-c count] [-i interval] [-W timeout] [-s size] destination
 *
 * The destination is a dotted IPv4 address or "localhost".  Each request
 * carries the time it was sent (when size allows 16 bytes) and bytes
 * counting up after it.  Without -c, ping runs until interrupted.  Exit
 * status: 0 if a reply came, 1 if none, 2 on an error.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/ip.h>
#include <netinet/ip_icmp.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define DEFAULT_DATALEN	56
#define MAX_DATALEN	(65535 - 20 - 8)
#define STAMP_LEN	16		/* struct timeval: two 64-bit words */
#define DEFAULT_LINGER	10		/* seconds to wait for the last replies */

static volatile sig_atomic_t interrupted;

static void
on_signal(int sig)
{
	(void)sig;
	interrupted = 1;
}

static void
usage(void)
{
	fprintf(stderr, "usage: ping [-c count] [-i interval] [-W timeout] [-s size] destination\n");
	exit(2);
}

static long long
now_us(clockid_t clock)
{
	struct timespec ts;

	clock_gettime(clock, &ts);
	return (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* "SECONDS[.FRACTION]" in microseconds, or -1. */
static long long
parse_seconds(const char *s)
{
	long long us = 0, scale = 100000;
	int digits = 0;

	for (; *s >= '0' && *s <= '9'; s++, digits++) {
		if (us > 1000000000000LL)
			return -1;
		us = us * 10 + (*s - '0') * 1000000LL;
	}
	if (*s == '.')
		for (s++; *s >= '0' && *s <= '9'; s++, digits++) {
			us += (*s - '0') * scale;
			scale /= 10;
		}
	return *s || !digits ? -1 : us;
}

static long
parse_count(const char *s, long min, long max)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || *end || end == s || v < min || v > max)
		return -1;
	return v;
}

static unsigned short
checksum(const void *buf, size_t len)
{
	const unsigned char *b = buf;
	unsigned long sum = 0;

	for (size_t i = 0; i + 1 < len; i += 2)
		sum += b[i] | b[i + 1] << 8;
	if (len & 1)
		sum += b[len - 1];
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (unsigned short)~sum;
}

static long long
isqrt(long long v)
{
	long long r = 0;

	if (v <= 0)
		return 0;
	for (long long bit = 1LL << 62; bit; bit >>= 2) {
		if (v >= r + bit) {
			v -= r + bit;
			r = (r >> 1) + bit;
		} else {
			r >>= 1;
		}
	}
	return r;
}

/* iputils' round-trip time: fewer decimals as it grows. */
static void
print_time(long long us)
{
	if (us >= 100000 - 50)
		printf(" time=%lld ms", (us + 500) / 1000);
	else if (us >= 10000 - 5)
		printf(" time=%lld.%01lld ms", (us + 50) / 1000, ((us + 50) % 1000) / 100);
	else if (us >= 1000)
		printf(" time=%lld.%02lld ms", (us + 5) / 1000, ((us + 5) % 1000) / 10);
	else
		printf(" time=%lld.%03lld ms", us / 1000, us % 1000);
}

struct stats {
	long sent, received;
	long long tmin, tmax, tsum, tsum2;
};

int
main(int argc, char *argv[])
{
	long count = 0, datalen = DEFAULT_DATALEN;
	long long interval = 1000000, linger = -1;
	int opt;

	while ((opt = getopt(argc, argv, "c:i:W:s:")) != -1) {
		switch (opt) {
		case 'c':
			if ((count = parse_count(optarg, 1, 0x7fffffffL)) < 0) {
				fprintf(stderr, "ping: invalid argument: '%s'\n", optarg);
				return 2;
			}
			break;
		case 'i':
			if ((interval = parse_seconds(optarg)) < 0) {
				fprintf(stderr, "ping: bad timing interval: %s\n", optarg);
				return 2;
			}
			break;
		case 'W':
			if ((linger = parse_seconds(optarg)) < 0) {
				fprintf(stderr, "ping: bad linger time: %s\n", optarg);
				return 2;
			}
			break;
		case 's':
			if ((datalen = parse_count(optarg, 0, MAX_DATALEN)) < 0) {
				fprintf(stderr, "ping: invalid argument: '%s'\n", optarg);
				return 2;
			}
			break;
		default:
			usage();
		}
	}
	if (optind != argc - 1)
		usage();
	const char *target = argv[optind];
	struct sockaddr_in to = { .sin_family = AF_INET };
	if (strcmp(target, "localhost") == 0)
		to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	else if (inet_aton(target, &to.sin_addr) != 1) {
		fprintf(stderr, "ping: %s: Name or service not known\n", target);
		return 2;
	}
	char addr[INET_ADDRSTRLEN];
	inet_ntop(AF_INET, &to.sin_addr, addr, sizeof(addr));
	bool numeric = strcmp(target, addr) == 0;

	/* As iputils: a UDP socket's connect finds the route first, so an
	 * unreachable destination is an error before anything is sent. */
	int probe = socket(AF_INET, SOCK_DGRAM, 0);
	struct sockaddr_in dst = to;
	dst.sin_port = htons(1025);
	if (probe >= 0 && connect(probe, (struct sockaddr *)&dst, sizeof(dst)) < 0) {
		fprintf(stderr, "ping: connect: %s\n", strerror(errno));
		return 2;
	}
	if (probe >= 0)
		close(probe);

	bool raw = false;
	int fd = socket(AF_INET, SOCK_DGRAM, IPPROTO_ICMP);
	if (fd < 0 && (errno == EACCES || errno == EPERM || errno == EPROTONOSUPPORT)) {
		int err = errno;
		fd = socket(AF_INET, SOCK_RAW, IPPROTO_ICMP);
		raw = true;
		if (fd < 0 && errno == EPERM)
			errno = err;
	}
	if (fd < 0) {
		fprintf(stderr, "ping: socket: %s\n", strerror(errno));
		return 2;
	}
	int one = 1;
	if (!raw)
		setsockopt(fd, IPPROTO_IP, IP_RECVTTL, &one, sizeof(one));
	unsigned short ident = raw ? (unsigned short)getpid() : 0;

	struct sigaction sa = { .sa_handler = on_signal };
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGALRM, &sa, NULL);

	size_t packlen = sizeof(struct icmphdr) + datalen;
	unsigned char *out = calloc(1, packlen), *in = malloc(packlen + 60 + 76);
	if (!out || !in) {
		fprintf(stderr, "ping: out of memory\n");
		return 2;
	}
	for (long i = 0; i < datalen; i++)
		out[sizeof(struct icmphdr) + i] = (unsigned char)i;
	bool timing = datalen >= STAMP_LEN;

	printf("PING %s (%s) %ld(%ld) bytes of data.\n", numeric ? addr : target, addr, datalen,
	       datalen + 8 + 20);
	fflush(stdout);

	struct stats st = { 0 };
	long long start = now_us(CLOCK_MONOTONIC), next_send = start, last_sent = start;
	if (linger < 0)
		linger = DEFAULT_LINGER * 1000000LL;
	int status = 0;
	while (!interrupted) {
		long long now = now_us(CLOCK_MONOTONIC);
		bool done_sending = count && st.sent >= count;
		if (done_sending && (st.received >= count || now >= last_sent + linger))
			break;
		if (!done_sending && now >= next_send) {
			struct icmphdr *h = (struct icmphdr *)out;
			h->type = ICMP_ECHO;
			h->code = 0;
			h->un.echo.id = htons(ident);
			h->un.echo.sequence = htons((unsigned short)(st.sent + 1));
			if (timing) {
				long long t = now_us(CLOCK_REALTIME);
				long long stamp[2] = { t / 1000000, t % 1000000 };
				memcpy(out + sizeof(*h), stamp, sizeof(stamp));
			}
			h->checksum = 0;
			h->checksum = checksum(out, packlen);
			if (sendto(fd, out, packlen, 0, (struct sockaddr *)&to, sizeof(to)) < 0) {
				fprintf(stderr, "ping: sendmsg: %s\n", strerror(errno));
				status = 2;
			}
			st.sent++;
			last_sent = now;
			next_send = now + interval;
			continue;
		}
		long long until = done_sending ? last_sent + linger : next_send;
		struct pollfd p = { fd, POLLIN, 0 };
		int ms = (int)((until - now + 999) / 1000);
		if (poll(&p, 1, ms) <= 0)
			continue;

		char ctl[64];
		struct sockaddr_in from;
		struct iovec v = { in, packlen + 60 + 76 };
		struct msghdr m = { .msg_name = &from, .msg_namelen = sizeof(from), .msg_iov = &v,
				    .msg_iovlen = 1, .msg_control = ctl,
				    .msg_controllen = sizeof(ctl) };
		ssize_t n = recvmsg(fd, &m, MSG_DONTWAIT);
		if (n < 0)
			continue;
		long long arrived = now_us(CLOCK_REALTIME);
		unsigned char *icmp = in;
		int ttl = -1;
		if (raw) {
			struct iphdr *ip = (struct iphdr *)in;
			if (n < (ssize_t)sizeof(*ip) || n < ip->ihl * 4 + (ssize_t)sizeof(struct icmphdr))
				continue;
			ttl = ip->ttl;
			icmp = in + ip->ihl * 4;
			n -= ip->ihl * 4;
		} else {
			for (struct cmsghdr *c = CMSG_FIRSTHDR(&m); c; c = CMSG_NXTHDR(&m, c))
				if (c->cmsg_level == IPPROTO_IP && c->cmsg_type == IP_TTL)
					memcpy(&ttl, CMSG_DATA(c), sizeof(ttl));
		}
		struct icmphdr *r = (struct icmphdr *)icmp;
		if (n < (ssize_t)sizeof(*r) || r->type != ICMP_ECHOREPLY ||
		    (raw && ntohs(r->un.echo.id) != ident))
			continue;
		st.received++;
		char fromaddr[INET_ADDRSTRLEN];
		inet_ntop(AF_INET, &from.sin_addr, fromaddr, sizeof(fromaddr));
		/* A name given is shown with the address it stood for. */
		if (!numeric && from.sin_addr.s_addr == to.sin_addr.s_addr)
			printf("%zd bytes from %s (%s): icmp_seq=%u", n, target, fromaddr,
			       ntohs(r->un.echo.sequence));
		else
			printf("%zd bytes from %s: icmp_seq=%u", n, fromaddr,
			       ntohs(r->un.echo.sequence));
		if (ttl >= 0)
			printf(" ttl=%d", ttl);
		if (timing && n >= (ssize_t)(sizeof(*r) + STAMP_LEN)) {
			long long stamp[2];
			memcpy(stamp, icmp + sizeof(*r), sizeof(stamp));
			long long rtt = arrived - (stamp[0] * 1000000 + stamp[1]);
			if (rtt < 0)
				rtt = 0;
			if (st.received == 1 || rtt < st.tmin)
				st.tmin = rtt;
			if (rtt > st.tmax)
				st.tmax = rtt;
			st.tsum += rtt;
			st.tsum2 += rtt * rtt;
			print_time(rtt);
		}
		printf("\n");
		fflush(stdout);
	}

	long long elapsed = now_us(CLOCK_MONOTONIC) - start;
	printf("\n--- %s ping statistics ---\n", numeric ? addr : target);
	printf("%ld packets transmitted, %ld received", st.sent, st.received);
	if (st.sent) {
		double loss = (st.sent - st.received) * 100.0 / st.sent;
		printf(", %g%% packet loss", loss);
		printf(", time %lldms", (elapsed + 500) / 1000);
	}
	printf("\n");
	if (st.received && timing) {
		long long avg = st.tsum / st.received;
		long long mdev = isqrt(st.tsum2 / st.received - avg * avg);
		printf("rtt min/avg/max/mdev = %lld.%03lld/%lld.%03lld/%lld.%03lld/%lld.%03lld ms\n",
		       st.tmin / 1000, st.tmin % 1000, avg / 1000, avg % 1000, st.tmax / 1000,
		       st.tmax % 1000, mdev / 1000, mdev % 1000);
	}
	if (status)
		return status;
	return st.received ? 0 : 1;
}
