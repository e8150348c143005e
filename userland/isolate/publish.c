/*
 * publish.c - --publish HOSTPORT:PORT: a server inside the container
 * reached on the host's HOSTPORT, through a relay in userland as Docker's
 * proxy does.
 *
 * isolate binds every HOSTPORT (any address of the caller's namespace)
 * before PROGRAM starts, so a port already taken is a failure told before
 * anything runs, then forks the proxy: a process of its own group (the
 * terminal's ^C and ^Z are not for it) that dies with isolate
 * (PR_SET_PDEATHSIG) and is killed when the container ends.  The proxy
 * accepts connections and gives each one to a child that connects to the
 * container's address and PORT and copies both ways until both sides have
 * finished; an end that stops sending is passed on as a shutdown of the
 * other's write side, so half-closed exchanges (a request, then EOF, then
 * the answer) work.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "isolate.h"
#include "relay.h"

/* One accepted connection: connect inside and relay (in a child). */
static void
serve(int conn, uint32_t inner, unsigned short port)
{
	struct sockaddr_in to = { .sin_family = AF_INET, .sin_port = htons(port) };
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

	to.sin_addr.s_addr = inner;
	if (fd < 0 || connect(fd, (struct sockaddr *)&to, sizeof(to)) < 0) {
		char addr[INET_ADDRSTRLEN];
		inet_ntop(AF_INET, &inner, addr, sizeof(addr));
		fprintf(stderr, "isolate: publish: connect %s:%u: %s\n", addr, port,
		    strerror(errno));
		_exit(1);
	}
	struct relay_opts ro;
	relay_opts_init(&ro);		/* half-closes passed on both ways */
	signal(SIGPIPE, SIG_IGN);
	_exit(relay(conn, conn, fd, fd, &ro) == RELAY_ERROR);
}

static void
proxy_loop(const struct isolate_options *opts, const int *fds, uint32_t inner)
{
	struct pollfd p[ISOLATE_MAX_PUBLISH];
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = SIG_IGN;
	sigaction(SIGCHLD, &sa, NULL);	/* relays reap themselves */
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGQUIT, &sa, NULL);
	sigaction(SIGTSTP, &sa, NULL);
	for (int i = 0; i < opts->npublish; i++)
		p[i] = (struct pollfd){ fds[i], POLLIN, 0 };
	for (;;) {
		if (poll(p, (nfds_t)opts->npublish, -1) < 0) {
			if (errno == EINTR)
				continue;
			_exit(1);
		}
		for (int i = 0; i < opts->npublish; i++) {
			if (!(p[i].revents & POLLIN))
				continue;
			int conn = accept4(fds[i], NULL, NULL, SOCK_CLOEXEC);
			if (conn < 0)
				continue;
			pid_t pid = fork();
			if (pid == 0) {
				prctl(PR_SET_PDEATHSIG, SIGKILL);
				for (int j = 0; j < opts->npublish; j++)
					close(fds[j]);
				serve(conn, inner, opts->publish[i].port);
			}
			close(conn);
		}
	}
}

pid_t
publish_start(const struct isolate_options *opts, const struct netpool_lease *lease)
{
	int fds[ISOLATE_MAX_PUBLISH], one = 1;
	char what[32];
	pid_t pid;

	for (int i = 0; i < opts->npublish; i++) {
		struct sockaddr_in at = { .sin_family = AF_INET,
		    .sin_port = htons(opts->publish[i].host_port) };
		snprintf(what, sizeof(what), "0.0.0.0:%u", opts->publish[i].host_port);
		fds[i] = (int)told(socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0), "socket(AF_INET)");
		if (fds[i] < 0 ||
		    setsockopt(fds[i], SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) < 0 ||
		    told(bind(fds[i], (struct sockaddr *)&at, sizeof(at)), "bind(%s)", what) < 0 ||
		    told(listen(fds[i], 64), "listen(%s)", what) < 0) {
			step_failed("publish", what);
			for (int j = 0; j <= i; j++)
				if (fds[j] >= 0)
					close(fds[j]);
			return -1;
		}
	}
	pid = fork();
	if (pid < 0) {
		step_failed("fork", "publish");
	} else if (pid == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		setpgid(0, 0);
		proxy_loop(opts, fds, lease->inner_addr);
	} else {
		tell("publish: proxy %d", (int)pid);
	}
	for (int i = 0; i < opts->npublish; i++)
		close(fds[i]);
	return pid;
}
