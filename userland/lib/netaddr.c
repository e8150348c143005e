/*
 * netaddr.c - IPv4 endpoints for the network tools (netaddr.h).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "netaddr.h"

int
net_lookup(const char *host, bool numeric, struct in_addr *addr)
{
	struct addrinfo hints, *res;

	memset(&hints, 0, sizeof(hints));
	hints.ai_family = AF_INET;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = numeric ? AI_NUMERICHOST : 0;
	int err = getaddrinfo(host, NULL, &hints, &res);
	if (err)
		return err;
	*addr = ((struct sockaddr_in *)res->ai_addr)->sin_addr;
	freeaddrinfo(res);
	return 0;
}

long
net_port(const char *s)
{
	char *end;

	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	unsigned long v = strtoul(s, &end, 10);
	if (errno || *end || v > 65535)
		return -1;
	return (long)v;
}

struct sockaddr_in
net_sockaddr(struct in_addr addr, int port)
{
	struct sockaddr_in sa;

	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_port = htons(port);
	sa.sin_addr = addr;
	return sa;
}

static int
close_keep_errno(int fd)
{
	int e = errno;

	close(fd);
	errno = e;
	return -1;
}

int
net_listen(const struct sockaddr_in *sa, int type, int backlog)
{
	int one = 1;
	int fd = socket(AF_INET, type | SOCK_CLOEXEC, 0);

	if (fd < 0)
		return -1;
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(fd, (const struct sockaddr *)sa, sizeof(*sa)) < 0)
		return close_keep_errno(fd);
	if (type == SOCK_STREAM && listen(fd, backlog) < 0)
		return close_keep_errno(fd);
	return fd;
}

/* Waits for a non-blocking connect to finish. */
static int
connect_wait(int fd, int timeout_ms)
{
	struct pollfd p = { .fd = fd, .events = POLLOUT };
	int r, err = 0;
	socklen_t len = sizeof(err);

	do
		r = poll(&p, 1, timeout_ms);
	while (r < 0 && errno == EINTR);
	if (r < 0)
		return -1;
	if (r == 0) {
		errno = ETIMEDOUT;
		return -1;
	}
	if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) < 0)
		return -1;
	if (err) {
		errno = err;
		return -1;
	}
	return 0;
}

int
net_connect_fd(int fd, const struct sockaddr_in *sa, int timeout_ms)
{
	if (timeout_ms < 0)
		return connect(fd, (const struct sockaddr *)sa, sizeof(*sa));
	int flags = fcntl(fd, F_GETFL);
	if (flags < 0 || fcntl(fd, F_SETFL, flags | O_NONBLOCK) < 0)
		return -1;
	int r = connect(fd, (const struct sockaddr *)sa, sizeof(*sa));
	if (r < 0 && errno == EINPROGRESS)
		r = connect_wait(fd, timeout_ms);
	int e = errno;
	fcntl(fd, F_SETFL, flags);
	errno = e;
	return r;
}

int
net_connect(const struct sockaddr_in *sa, int type, int timeout_ms)
{
	int fd = socket(AF_INET, type | SOCK_CLOEXEC, 0);

	if (fd < 0)
		return -1;
	if (net_connect_fd(fd, sa, timeout_ms) < 0)
		return close_keep_errno(fd);
	return fd;
}
