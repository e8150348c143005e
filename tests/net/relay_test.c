/*
 * relay_test: userland/lib/relay.c as the TCP proxy of isolate --publish
 * will use it, over loopback (run inside a fresh network namespace by
 * tests/net/run.sh).  A proxy process accepts on one port and relays to
 * a "service" listening on another; through it, the client sends 1 MiB
 * and half-closes, the service must see exactly that and then an end of
 * file, answers 1 MiB of its own afterwards (the client's read side still
 * open) and closes; the client must get all of it and an end of file, and
 * the proxy must end by itself with RELAY_DONE.  Built with sanitizers.
 * Prints PASS/FAIL lines.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "netaddr.h"
#include "relay.h"

#define PAYLOAD	(1 << 20)

static int failures;

static void
check(const char *name, int ok, const char *detail)
{
	if (ok) {
		printf("PASS net-relay-%s\n", name);
	} else {
		printf("FAIL net-relay-%s: %s\n", name, detail);
		failures++;
	}
	fflush(stdout);
}

/* Byte i of the stream seeded with seed. */
static unsigned char
pattern(unsigned seed, size_t i)
{
	return (unsigned char)((i * 2654435761u) >> 13 ^ seed);
}

static int
send_pattern(int fd, unsigned seed)
{
	static unsigned char buf[8192];

	for (size_t done = 0; done < PAYLOAD;) {
		size_t n = PAYLOAD - done < sizeof(buf) ? PAYLOAD - done : sizeof(buf);
		for (size_t i = 0; i < n; i++)
			buf[i] = pattern(seed, done + i);
		ssize_t w = write(fd, buf, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		done += w;
	}
	return 0;
}

/* Reads to end of file: the count, or -1; *bad counts wrong bytes. */
static long
receive_pattern(int fd, unsigned seed, long *bad)
{
	static unsigned char buf[8192];
	long total = 0;

	*bad = 0;
	for (;;) {
		ssize_t r = read(fd, buf, sizeof(buf));
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -1;
		if (r == 0)
			return total;
		for (ssize_t i = 0; i < r; i++)
			if (buf[i] != pattern(seed, total + i))
				(*bad)++;
		total += r;
	}
}

static int
local_listener(struct sockaddr_in *sa)
{
	struct in_addr lo = { htonl(INADDR_LOOPBACK) };
	socklen_t len = sizeof(*sa);

	*sa = net_sockaddr(lo, 0);
	int fd = net_listen(sa, SOCK_STREAM, 4);
	if (fd < 0 || getsockname(fd, (struct sockaddr *)sa, &len) < 0) {
		printf("FAIL net-relay-setup: listen: %s\n", strerror(errno));
		exit(1);
	}
	return fd;
}

/* The proxy: one connection from published to service. */
static pid_t
start_proxy(int published, const struct sockaddr_in *service)
{
	pid_t pid = fork();

	if (pid != 0)
		return pid;
	int c = accept(published, NULL, NULL);
	int s = c < 0 ? -1 : net_connect(service, SOCK_STREAM, -1);
	if (s < 0)
		_exit(2);
	struct relay_opts o;
	relay_opts_init(&o);
	_exit(relay(c, c, s, s, &o) == RELAY_DONE ? 0 : 1);
}

int
main(void)
{
	struct sockaddr_in service_sa, published_sa;
	char detail[128];
	long bad;

	signal(SIGPIPE, SIG_IGN);
	int service = local_listener(&service_sa);
	int published = local_listener(&published_sa);
	pid_t proxy = start_proxy(published, &service_sa);

	int client = net_connect(&published_sa, SOCK_STREAM, 10000);
	int conn = client < 0 ? -1 : accept(service, NULL, NULL);
	check("connect-through", client >= 0 && conn >= 0, strerror(errno));
	if (client < 0 || conn < 0)
		return 1;

	pid_t writer = fork();
	if (writer == 0)
		_exit(send_pattern(client, 1) == 0 && shutdown(client, SHUT_WR) == 0 ? 0 : 1);
	long got = receive_pattern(conn, 1, &bad);
	snprintf(detail, sizeof(detail), "%ld bytes, %ld wrong", got, bad);
	check("client-to-service-then-eof", got == PAYLOAD && bad == 0, detail);
	int status;
	waitpid(writer, &status, 0);
	check("client-half-closed", WIFEXITED(status) && WEXITSTATUS(status) == 0, "writer failed");

	check("service-answers-after-eof", send_pattern(conn, 7) == 0, strerror(errno));
	close(conn);
	got = receive_pattern(client, 7, &bad);
	snprintf(detail, sizeof(detail), "%ld bytes, %ld wrong", got, bad);
	check("service-to-half-closed-client", got == PAYLOAD && bad == 0, detail);
	close(client);

	waitpid(proxy, &status, 0);
	snprintf(detail, sizeof(detail), "proxy status %#x", status);
	check("proxy-ends-done", WIFEXITED(status) && WEXITSTATUS(status) == 0, detail);
	return failures != 0;
}
