/*
 * nc: TCP and UDP connections and listeners from the command line, as
 * OpenBSD's netcat in Debian's netcat-openbsd behaves.
 *
 *   nc [-46dhklNnuvz] [-p source_port] [-q seconds] [-s sourceaddr]
 *      [-w timeout] [destination] [port]
 *
 * Connecting, nc copies stdin to the socket and the socket to stdout
 * (userland/lib/relay.c) until both have reached end of file; the end of
 * stdin half-closes the connection only with -N, and -q ends nc that many
 * seconds after it.  Listening (-l), one connection is served and nc
 * ends when the peer's side is closed; -k accepts the next one.  A port
 * may be a range LOW-HIGH, tried in turn; with -z each is only probed,
 * -v saying which answered.  -w limits a connect and any idle time.
 * IPv4 only; addresses are printed as numbers and services as "*" (no
 * reverse lookups, no /etc/services).  A UDP "connection" is the first
 * datagram's sender.  Exit status 0, or 1 when nothing connected.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "netaddr.h"
#include "relay.h"

#define PROBE_WRITES	4	/* datagrams a UDP -z probe sends */

struct nc {
	bool listen, keep, numeric, udp, verbose, zero, shut_stdin, no_stdin;
	int quit_ms, timeout_ms;
	const char *source_addr;
	long source_port;
	const char *host;		/* as given, for messages */
	struct in_addr addr;
};

static void
usage(void)
{
	fprintf(stderr, "usage: nc [-46dhklNnuvz] [-p source_port] [-q seconds] "
	    "[-s sourceaddr]\n\t  [-w timeout] [destination] [port]\n");
	exit(1);
}

static const char *
proto(const struct nc *nc)
{
	return nc->udp ? "udp" : "tcp";
}

/* "NAME (ADDR)" for a name, "ADDR" for an address given as one. */
static const char *
host_desc(const struct nc *nc, char *buf, size_t size)
{
	char a[INET_ADDRSTRLEN];

	inet_ntop(AF_INET, &nc->addr, a, sizeof(a));
	if (strcmp(a, nc->host) == 0)
		snprintf(buf, size, "%s", a);
	else
		snprintf(buf, size, "%s (%s)", nc->host, a);
	return buf;
}

/* Seconds of -q and -w. */
static int
parse_seconds(const char *s, bool allow_negative)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || *end || end == s || v > 1000000 || (v < 0 && !allow_negative)) {
		fprintf(stderr, "nc: invalid time: %s\n", s);
		exit(1);
	}
	return v < 0 ? -1 : (int)v * 1000;
}

/* One port number, or nc ends with OpenBSD's words. */
static long
port_number(const char *s)
{
	long v = net_port(s);

	if (v >= 0)
		return v;
	if (*s >= '0' && *s <= '9' && s[strspn(s, "0123456789")] == 0)
		fprintf(stderr, "nc: port number too large: %s\n", s);
	else
		fprintf(stderr, "nc: port number invalid: %s\n", s);
	exit(1);
}

/* "PORT" or "LOW-HIGH" into *lo and *hi. */
static void
parse_ports(const char *s, long *lo, long *hi)
{
	char first[16];
	const char *dash = strchr(s, '-');
	size_t n = dash ? (size_t)(dash - s) : strlen(s);

	if (n >= sizeof(first))
		n = sizeof(first) - 1;
	memcpy(first, s, n);
	first[n] = 0;
	*lo = port_number(first);
	*hi = dash ? port_number(dash + 1) : *lo;
	if (*lo > *hi) {
		long t = *lo;
		*lo = *hi;
		*hi = t;
	}
}

/* port: as given, for the message */
static void
lookup(const struct nc *nc, const char *host, const char *port, struct in_addr *addr)
{
	int err = net_lookup(host, nc->numeric, addr);

	if (err) {
		fprintf(stderr, "nc: getaddrinfo for host \"%s\" port %s: %s\n", host,
		    port ? port : "", gai_strerror(err));
		exit(1);
	}
}

/* stdin to the socket, the socket to stdout. */
static void
relay_stdio(const struct nc *nc, int fd)
{
	struct relay_opts o;

	relay_opts_init(&o);
	o.shut_on_eof[0] = nc->shut_stdin;
	o.linger_ms[0] = nc->quit_ms;
	o.stop_on_eof[1] = nc->listen;
	o.idle_ms = nc->timeout_ms;
	if (relay(nc->no_stdin ? -1 : 0, 1, fd, fd, &o) == RELAY_ERROR)
		fprintf(stderr, "nc: %s\n", strerror(errno));
}

/* The -s and -p source of a connection, or NULL. */
static const struct sockaddr_in *
source(const struct nc *nc, struct sockaddr_in *sa)
{
	struct in_addr any = { htonl(INADDR_ANY) };

	if (!nc->source_addr && nc->source_port < 0)
		return NULL;
	*sa = net_sockaddr(any, nc->source_port < 0 ? 0 : nc->source_port);
	if (nc->source_addr)
		lookup(nc, nc->source_addr, NULL, &sa->sin_addr);
	return sa;
}

/* A UDP port "answers" when writes to it draw no ICMP refusal. */
static int
udp_probe(int fd)
{
	for (int i = 0; i < PROBE_WRITES; i++)
		if (write(fd, "X", 1) != 1)
			return -1;
	return 0;
}

/* Connects to one port: the socket, or -1 once reported. */
static int
connect_port(const struct nc *nc, long port)
{
	struct sockaddr_in sa = net_sockaddr(nc->addr, port), src;
	const struct sockaddr_in *from = source(nc, &src);
	char desc[300];
	int one = 1;
	int fd = socket(AF_INET, (nc->udp ? SOCK_DGRAM : SOCK_STREAM) | SOCK_CLOEXEC, 0);

	if (fd < 0) {
		fprintf(stderr, "nc: socket: %s\n", strerror(errno));
		exit(1);
	}
	if (from) {
		setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
		if (bind(fd, (const struct sockaddr *)from, sizeof(*from)) < 0) {
			fprintf(stderr, "nc: bind failed: %s\n", strerror(errno));
			exit(1);
		}
	}
	if (net_connect_fd(fd, &sa, nc->timeout_ms) < 0) {
		if (nc->verbose)
			fprintf(stderr, "nc: connect to %s port %ld (%s) failed: %s\n",
			    host_desc(nc, desc, sizeof(desc)), port, proto(nc), strerror(errno));
		close(fd);
		return -1;
	}
	/* OpenBSD's nc says nothing of a UDP port that refused a probe. */
	if (nc->udp && nc->zero && udp_probe(fd) < 0) {
		close(fd);
		return -1;
	}
	if (nc->verbose)
		fprintf(stderr, "Connection to %s %ld port [%s/*] succeeded!\n",
		    host_desc(nc, desc, sizeof(desc)), port, proto(nc));
	return fd;
}

static int
client(struct nc *nc, long lo, long hi)
{
	int status = 1;

	for (long port = lo; port <= hi; port++) {
		int fd = connect_port(nc, port);
		if (fd < 0)
			continue;
		status = 0;
		if (!nc->zero) {
			relay_stdio(nc, fd);
			close(fd);
			break;
		}
		close(fd);
	}
	return status;
}

static void
print_peer(const char *what, const struct sockaddr_in *sa)
{
	char a[INET_ADDRSTRLEN];

	inet_ntop(AF_INET, &sa->sin_addr, a, sizeof(a));
	fprintf(stderr, "%s %s %u\n", what, a, ntohs(sa->sin_port));
}

/* UDP: the first datagram's sender becomes the peer. */
static int
udp_accept(const struct nc *nc, int fd)
{
	struct sockaddr_in peer;
	socklen_t len = sizeof(peer);
	char c;

	if (recvfrom(fd, &c, 1, MSG_PEEK, (struct sockaddr *)&peer, &len) < 0 ||
	    connect(fd, (struct sockaddr *)&peer, len) < 0) {
		fprintf(stderr, "nc: %s\n", strerror(errno));
		return -1;
	}
	if (nc->verbose)
		print_peer("Connection received on", &peer);
	return 0;
}

static int
server(struct nc *nc, long port)
{
	struct sockaddr_in sa = net_sockaddr(nc->addr, port);
	int fd = net_listen(&sa, nc->udp ? SOCK_DGRAM : SOCK_STREAM, 1);

	if (fd < 0) {
		fprintf(stderr, "nc: %s failed: %s\n", errno == EADDRINUSE ||
		    errno == EADDRNOTAVAIL || errno == EACCES ? "bind" : "listen", strerror(errno));
		return 1;
	}
	if (nc->verbose)
		print_peer(nc->udp ? "Bound on" : "Listening on", &sa);
	if (nc->udp) {
		if (udp_accept(nc, fd) < 0)
			return 1;
		relay_stdio(nc, fd);
		close(fd);
		return 0;
	}
	do {
		struct sockaddr_in peer;
		socklen_t len = sizeof(peer);
		int c = accept4(fd, (struct sockaddr *)&peer, &len, SOCK_CLOEXEC);
		if (c < 0) {
			if (errno == EINTR || errno == ECONNABORTED)
				continue;
			fprintf(stderr, "nc: accept: %s\n", strerror(errno));
			return 1;
		}
		if (nc->verbose)
			print_peer("Connection received on", &peer);
		relay_stdio(nc, c);
		close(c);
	} while (nc->keep);
	close(fd);
	return 0;
}

int
main(int argc, char *argv[])
{
	struct nc nc = { .quit_ms = -1, .timeout_ms = -1, .source_port = -1 };
	int opt;

	while ((opt = getopt(argc, argv, "46dhklNnp:q:s:uvw:z")) != -1) {
		switch (opt) {
		case '4': break;
		case 'd': nc.no_stdin = true; break;
		case 'k': nc.keep = true; break;
		case 'l': nc.listen = true; break;
		case 'N': nc.shut_stdin = true; break;
		case 'n': nc.numeric = true; break;
		case 'p':
			nc.source_port = port_number(optarg);
			break;
		case 'q': nc.quit_ms = parse_seconds(optarg, true); break;
		case 's': nc.source_addr = optarg; break;
		case 'u': nc.udp = true; break;
		case 'v': nc.verbose = true; break;
		case 'w': nc.timeout_ms = parse_seconds(optarg, false); break;
		case 'z': nc.zero = true; break;
		default: usage();
		}
	}
	argc -= optind;
	argv += optind;
	signal(SIGPIPE, SIG_IGN);

	if (nc.listen) {
		/* nc -l [addr] port, or nc -l [-s addr] -p port */
		const char *host = nc.source_addr, *port = NULL;
		char portbuf[24];
		if (argc == 2) {
			host = argv[0];
			port = argv[1];
		} else if (argc == 1) {
			port = argv[0];
		} else if (argc == 0 && nc.source_port >= 0) {
			snprintf(portbuf, sizeof(portbuf), "%ld", nc.source_port);
			port = portbuf;
		}
		if (!port || argc > 2) {
			fprintf(stderr, "nc: missing port number\n");
			return 1;
		}
		long lo, hi;
		parse_ports(port, &lo, &hi);
		nc.addr.s_addr = htonl(INADDR_ANY);
		if (host)
			lookup(&nc, host, port, &nc.addr);
		return server(&nc, lo);
	}
	if (argc != 2) {
		fprintf(stderr, "nc: missing port number\n");
		return 1;
	}
	if (nc.keep) {
		fprintf(stderr, "nc: must use -l with -k\n");
		return 1;
	}
	long lo, hi;
	parse_ports(argv[1], &lo, &hi);
	nc.host = argv[0];
	lookup(&nc, nc.host, argv[1], &nc.addr);
	return client(&nc, lo, hi);
}
