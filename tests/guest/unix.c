/*
 * unix: AF_UNIX sockets as Linux has them.  socket's flags and errors,
 * S_IFSOCK files; stream, datagram and seqpacket socketpairs with their
 * message boundaries, MSG_PEEK, MSG_TRUNC, MSG_WAITALL, MSG_DONTWAIT and
 * EPIPE/SIGPIPE; path names (bind makes the node, EADDRINUSE, write
 * permission for connect, ECONNREFUSED), abstract names (invisible from
 * another network namespace), autobind; listen's backlog and accept;
 * descriptors (SCM_RIGHTS) and credentials (SCM_CREDENTIALS, SO_PEERCRED)
 * passed between processes and seen from other namespaces; poll; the
 * options.  Every blocking path is woken by another process.  Runs as
 * root or not, in the guest and natively on the Linux host.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <stddef.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/un.h>
#include <sys/wait.h>
#include "t.h"

#ifndef FIONREAD
#define FIONREAD 0x541B
#endif
#ifndef FIONBIO
#define FIONBIO 0x5421
#endif

static volatile sig_atomic_t sigpipes;

static void on_sigpipe(int sig)
{
	(void)sig;
	sigpipes++;
}

/* A child's exit status: 0 for success. */
static int wait_child(pid_t pid)
{
	int status = -1;
	if (waitpid(pid, &status, 0) != pid)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

static socklen_t sun_make(struct sockaddr_un *a, const char *path)
{
	memset(a, 0, sizeof(*a));
	a->sun_family = AF_UNIX;
	snprintf(a->sun_path, sizeof(a->sun_path), "%s", path);
	return offsetof(struct sockaddr_un, sun_path) + strlen(path) + 1;
}

/* An abstract name: a NUL, then name (no terminating NUL). */
static socklen_t sun_abstract(struct sockaddr_un *a, const char *name)
{
	memset(a, 0, sizeof(*a));
	a->sun_family = AF_UNIX;
	memcpy(a->sun_path + 1, name, strlen(name));
	return offsetof(struct sockaddr_un, sun_path) + 1 + strlen(name);
}

static int intopt(int fd, int name)
{
	int v = -12345;
	socklen_t len = sizeof(v);
	if (getsockopt(fd, SOL_SOCKET, name, &v, &len) != 0)
		return -errno - 1000;
	return v;
}

static void test_socket_call(void)
{
	int fd = socket(AF_UNIX, SOCK_STREAM, 0);
	struct stat st;
	check("unix-socket", fd >= 0, "%s", strerror(errno));
	check("unix-fstat-sock", fstat(fd, &st) == 0 && S_ISSOCK(st.st_mode), "mode 0%o",
	      st.st_mode);
	char link[64], want[64], proc[64];
	snprintf(proc, sizeof(proc), "/proc/self/fd/%d", fd);
	snprintf(want, sizeof(want), "socket:[%lu]", (unsigned long)st.st_ino);
	ssize_t ln = readlink(proc, link, sizeof(link) - 1);
	link[ln > 0 ? ln : 0] = 0;
	check("unix-proc-fd-link", strcmp(link, want) == 0, "'%s' want '%s'", link, want);
	check("unix-so-type", intopt(fd, SO_TYPE) == SOCK_STREAM, "%d", intopt(fd, SO_TYPE));
	check("unix-so-domain", intopt(fd, SO_DOMAIN) == AF_UNIX, "%d", intopt(fd, SO_DOMAIN));
	check("unix-so-protocol", intopt(fd, SO_PROTOCOL) == 0, "%d", intopt(fd, SO_PROTOCOL));
	check("unix-so-acceptconn-0", intopt(fd, SO_ACCEPTCONN) == 0, "%d",
	      intopt(fd, SO_ACCEPTCONN));
	check("unix-so-error-0", intopt(fd, SO_ERROR) == 0, "%d", intopt(fd, SO_ERROR));
	int v = 65536;
	setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &v, sizeof(v));
	check("unix-so-sndbuf-doubled", intopt(fd, SO_SNDBUF) == 131072, "%d",
	      intopt(fd, SO_SNDBUF));
	setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &v, sizeof(v));
	check("unix-so-rcvbuf-doubled", intopt(fd, SO_RCVBUF) == 131072, "%d",
	      intopt(fd, SO_RCVBUF));
	struct timeval tv = { 2, 500000 }, got = { 0, 0 };
	socklen_t len = sizeof(got);
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	getsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &got, &len);
	check("unix-so-rcvtimeo", len == sizeof(got) && got.tv_sec == 2 && got.tv_usec == 500000,
	      "%ld.%06ld len %u", (long)got.tv_sec, (long)got.tv_usec, len);
	check_err("unix-setsockopt-short", setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &v, 2), EINVAL);
	check_err("unix-getsockopt-unknown", getsockopt(fd, SOL_SOCKET, 9999, &v, &len),
		  ENOPROTOOPT);
	close(fd);

	fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	check("unix-sock-cloexec", fcntl(fd, F_GETFD) == FD_CLOEXEC, "%d", fcntl(fd, F_GETFD));
	check("unix-sock-nonblock", (fcntl(fd, F_GETFL) & O_NONBLOCK) != 0, "0%o",
	      fcntl(fd, F_GETFL));
	check("unix-so-type-dgram", intopt(fd, SO_TYPE) == SOCK_DGRAM, "%d", intopt(fd, SO_TYPE));
	close(fd);
	check_err("unix-bad-family", socket(255, SOCK_STREAM, 0), EAFNOSUPPORT);
	check_err("unix-bad-type", socket(AF_UNIX, 7, 0), ESOCKTNOSUPPORT);
	check_err("unix-bad-flags", socket(AF_UNIX, SOCK_STREAM | 0x1000, 0), EINVAL);
	check_err("unix-bad-protocol", socket(AF_UNIX, SOCK_STREAM, 5), EPROTONOSUPPORT);
	int p[2];
	if (pipe(p) == 0) {
		struct sockaddr_un a;
		check_err("unix-notsock", bind(p[0], (struct sockaddr *)&a, sun_make(&a, "/x")),
			  ENOTSOCK);
		close(p[0]);
		close(p[1]);
	}
	check_err("unix-bind-badf", bind(-1, NULL, 0), EBADF);
}

static void test_stream_pair(void)
{
	int sv[2];
	char buf[64];
	check("unix-socketpair", socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0, "%s",
	      strerror(errno));
	check("unix-pair-write", write(sv[0], "hello", 5) == 5, "%s", strerror(errno));
	int n = -1;
	ioctl(sv[1], FIONREAD, &n);
	check("unix-fionread", n == 5, "%d", n);
	check("unix-peek", recv(sv[1], buf, sizeof(buf), MSG_PEEK) == 5 &&
	      memcmp(buf, "hello", 5) == 0, "%s", strerror(errno));
	memset(buf, 0, sizeof(buf));
	check("unix-read-after-peek", read(sv[1], buf, sizeof(buf)) == 5 &&
	      memcmp(buf, "hello", 5) == 0, "'%s'", buf);
	check_err("unix-dontwait-empty", recv(sv[1], buf, sizeof(buf), MSG_DONTWAIT), EAGAIN);
	struct timeval tv = { 0, 20000 };
	setsockopt(sv[1], SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	check_err("unix-rcvtimeo-eagain", recv(sv[1], buf, sizeof(buf), 0), EAGAIN);
	tv.tv_usec = 0;
	setsockopt(sv[1], SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	/* A stream keeps no boundaries. */
	send(sv[0], "ab", 2, 0);
	send(sv[0], "cde", 3, 0);
	check("unix-stream-merges", recv(sv[1], buf, sizeof(buf), 0) == 5, "");
	int one = 1, zero = 0;
	check("unix-fionbio", ioctl(sv[1], FIONBIO, &one) == 0 &&
	      (fcntl(sv[1], F_GETFL) & O_NONBLOCK), "%s", strerror(errno));
	check_err("unix-fionbio-eagain", read(sv[1], buf, sizeof(buf)), EAGAIN);
	ioctl(sv[1], FIONBIO, &zero);
	check("unix-fionbio-off", !(fcntl(sv[1], F_GETFL) & O_NONBLOCK), "");
	check("unix-stream-zero-write", write(sv[0], buf, 0) == 0, "%s", strerror(errno));
	check_err("unix-stream-zero-queues-nothing", recv(sv[1], buf, sizeof(buf), MSG_DONTWAIT),
		  EAGAIN);

	struct ucred c;
	socklen_t len = sizeof(c);
	check("unix-peercred-pair", getsockopt(sv[0], SOL_SOCKET, SO_PEERCRED, &c, &len) == 0 &&
	      len == sizeof(c) && c.pid == getpid() && c.uid == geteuid() && c.gid == getegid(),
	      "%d %d %d len %u", c.pid, c.uid, c.gid, len);
	struct sockaddr_un a;
	len = sizeof(a);
	check("unix-pair-getsockname", getsockname(sv[0], (struct sockaddr *)&a, &len) == 0 &&
	      len == sizeof(sa_family_t) && a.sun_family == AF_UNIX, "len %u", len);
	len = sizeof(a);
	check("unix-pair-getpeername", getpeername(sv[0], (struct sockaddr *)&a, &len) == 0 &&
	      len == sizeof(sa_family_t), "len %u", len);

	/* MSG_WAITALL gathers what another process writes in two parts. */
	pid_t pid = fork();
	if (pid == 0) {
		if (write(sv[0], "12345", 5) != 5 || write(sv[0], "67890", 5) != 5)
			_exit(1);
		_exit(0);
	}
	memset(buf, 0, sizeof(buf));
	ssize_t got = recv(sv[1], buf, 10, MSG_WAITALL);
	check("unix-waitall", got == 10 && memcmp(buf, "1234567890", 10) == 0, "%zd '%s'", got,
	      buf);
	wait_child(pid);

	shutdown(sv[0], SHUT_WR);
	check("unix-shut-wr-eof", read(sv[1], buf, sizeof(buf)) == 0, "");
	sigpipes = 0;
	check_err("unix-shut-wr-epipe", write(sv[0], "x", 1), EPIPE);
	check("unix-shut-wr-sigpipe", sigpipes == 1, "%d", (int)sigpipes);
	check("unix-other-way-open", write(sv[1], "y", 1) == 1 && read(sv[0], buf, 1) == 1, "");
	close(sv[1]);
	sigpipes = 0;
	check_err("unix-closed-peer-nosignal", send(sv[0], "x", 1, MSG_NOSIGNAL), EPIPE);
	check("unix-nosignal-no-sigpipe", sigpipes == 0, "%d", (int)sigpipes);
	close(sv[0]);
}

/* A blocked read is woken by another process's write; after its close
 * the rest is read and then the end. */
static void test_stream_block(void)
{
	int sv[2];
	char buf[16];
	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	pid_t pid = fork();
	if (pid == 0) {
		close(sv[1]);
		_exit(write(sv[0], "wake", 4) == 4 ? 0 : 1);
	}
	close(sv[0]);
	memset(buf, 0, sizeof(buf));
	check("unix-blocked-read-woken", read(sv[1], buf, sizeof(buf)) == 4 &&
	      strcmp(buf, "wake") == 0, "'%s'", buf);
	check("unix-eof-after-close", read(sv[1], buf, sizeof(buf)) == 0, "");
	check("unix-child-ok", wait_child(pid) == 0, "");
	close(sv[1]);

	/* A full stream: EAGAIN without blocking, no POLLOUT; a blocking write
	 * goes through once another process reads. */
	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	int v = 4096;
	setsockopt(sv[0], SOL_SOCKET, SO_SNDBUF, &v, sizeof(v));
	fcntl(sv[0], F_SETFL, O_NONBLOCK);
	static char chunk[1024];
	long total = 0;
	ssize_t w;
	while ((w = write(sv[0], chunk, sizeof(chunk))) > 0 && total < (1 << 24))
		total += w;
	check_err("unix-full-eagain", w, EAGAIN);
	struct pollfd pfd = { sv[0], POLLOUT, 0 };
	check("unix-full-no-pollout", poll(&pfd, 1, 0) == 0, "revents 0x%x", pfd.revents);
	struct timeval tv = { 0, 20000 };
	setsockopt(sv[0], SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
	fcntl(sv[0], F_SETFL, 0);
	check_err("unix-sndtimeo-eagain", write(sv[0], chunk, sizeof(chunk)), EAGAIN);
	tv.tv_usec = 0;
	setsockopt(sv[0], SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
	pid = fork();
	if (pid == 0) {
		long want = total + sizeof(chunk), got = 0;
		ssize_t r;
		close(sv[0]);
		while (got < want && (r = read(sv[1], chunk, sizeof(chunk))) > 0)
			got += r;
		_exit(got == want ? 0 : 1);
	}
	fcntl(sv[0], F_SETFL, 0);
	check("unix-full-blocking-write", write(sv[0], chunk, sizeof(chunk)) == sizeof(chunk),
	      "%s", strerror(errno));
	check("unix-full-reader", wait_child(pid) == 0, "");
	close(sv[0]);
	close(sv[1]);
}

static void test_dgram_pair(void)
{
	int sv[2];
	char buf[64];
	socketpair(AF_UNIX, SOCK_DGRAM, 0, sv);
	send(sv[0], "ab", 2, 0);
	send(sv[0], "cde", 3, 0);
	send(sv[0], "", 0, 0);
	check("unix-dgram-boundary1", recv(sv[1], buf, sizeof(buf), 0) == 2, "");
	check("unix-dgram-boundary2", recv(sv[1], buf, sizeof(buf), 0) == 3, "");
	check("unix-dgram-empty", recv(sv[1], buf, sizeof(buf), 0) == 0, "");
	send(sv[0], "12345", 5, 0);
	int n = -1;
	ioctl(sv[1], FIONREAD, &n);
	check("unix-dgram-fionread", n == 5, "%d", n);
	struct iovec iov = { buf, 2 };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1 };
	ssize_t got = recvmsg(sv[1], &m, 0);
	check("unix-dgram-trunc", got == 2 && (m.msg_flags & MSG_TRUNC), "%zd flags 0x%x", got,
	      m.msg_flags);
	send(sv[0], "12345", 5, 0);
	check("unix-dgram-msg-trunc-len", recv(sv[1], buf, 2, MSG_TRUNC) == 5, "");
	check_err("unix-dgram-empty-nonblock", recv(sv[1], buf, 2, MSG_DONTWAIT), EAGAIN);

	/* Scatter and gather; several messages at once. */
	struct iovec out[2] = { { "ab", 2 }, { "cd", 2 } };
	struct msghdr om = { .msg_iov = out, .msg_iovlen = 2 };
	check("unix-sendmsg-iov", sendmsg(sv[0], &om, 0) == 4, "%s", strerror(errno));
	char x[2], y[8];
	struct iovec in[2] = { { x, 1 }, { y, sizeof(y) } };
	struct msghdr im = { .msg_iov = in, .msg_iovlen = 2 };
	check("unix-recvmsg-iov", recvmsg(sv[1], &im, 0) == 4 && x[0] == 'a' &&
	      memcmp(y, "bcd", 3) == 0, "");
	struct mmsghdr mm[3];
	struct iovec mv[3];
	char mb[3][8];
	memset(mm, 0, sizeof(mm));
	for (int i = 0; i < 3; i++) {
		snprintf(mb[i], sizeof(mb[i]), "m%d", i);
		mv[i].iov_base = mb[i];
		mv[i].iov_len = 2 + i;
		mm[i].msg_hdr.msg_iov = &mv[i];
		mm[i].msg_hdr.msg_iovlen = 1;
	}
	check("unix-sendmmsg", sendmmsg(sv[0], mm, 3, 0) == 3 && mm[2].msg_len == 4, "");
	memset(mb, 0, sizeof(mb));
	for (int i = 0; i < 3; i++)
		mv[i].iov_len = sizeof(mb[i]);
	check("unix-recvmmsg", recvmmsg(sv[1], mm, 3, 0, NULL) == 3 && mm[0].msg_len == 2 &&
	      mm[1].msg_len == 3 && mm[2].msg_len == 4 && strcmp(mb[1], "m1") == 0, "");
	close(sv[0]);
	close(sv[1]);

	/* Seqpacket: boundaries, then the end and EPIPE when the peer goes. */
	socketpair(AF_UNIX, SOCK_SEQPACKET, 0, sv);
	send(sv[0], "one", 3, 0);
	send(sv[0], "three", 5, 0);
	check("unix-seqpacket-boundary", recv(sv[1], buf, sizeof(buf), 0) == 3 &&
	      recv(sv[1], buf, sizeof(buf), 0) == 5, "");
	close(sv[0]);
	check("unix-seqpacket-eof", recv(sv[1], buf, sizeof(buf), 0) == 0, "");
	sigpipes = 0;
	check_err("unix-seqpacket-epipe", send(sv[1], "x", 1, 0), EPIPE);
	check("unix-seqpacket-no-sigpipe", sigpipes == 0, "%d", (int)sigpipes);
	close(sv[1]);

	/* Unconnected sockets. */
	int s = socket(AF_UNIX, SOCK_STREAM, 0);
	check_err("unix-stream-unconnected-recv", recv(s, buf, 1, 0), EINVAL);
	check_err("unix-stream-unconnected-send", send(s, "x", 1, MSG_NOSIGNAL), ENOTCONN);
	check("unix-shutdown-unconnected", shutdown(s, SHUT_RD) == 0, "%s", strerror(errno));
	check_err("unix-shutdown-bad-how", shutdown(s, 3), EINVAL);
	close(s);
	s = socket(AF_UNIX, SOCK_SEQPACKET, 0);
	check_err("unix-seqpacket-unconnected-recv", recv(s, buf, 1, 0), ENOTCONN);
	check_err("unix-seqpacket-unconnected-send", send(s, "x", 1, MSG_NOSIGNAL), ENOTCONN);
	close(s);
}

static void test_paths(const char *dir)
{
	char path[200], file[200];
	struct sockaddr_un a, b, c;
	socklen_t clen;
	snprintf(path, sizeof(path), "%s/sock", dir);
	snprintf(file, sizeof(file), "%s/regular", dir);
	unlink(path);
	socklen_t alen = sun_make(&a, path);
	int srv = socket(AF_UNIX, SOCK_STREAM, 0);
	check("unix-bind-path", bind(srv, (struct sockaddr *)&a, alen) == 0, "%s", strerror(errno));
	struct stat st;
	check("unix-bind-made-sock", stat(path, &st) == 0 && S_ISSOCK(st.st_mode), "mode 0%o",
	      st.st_mode);
	check_err("unix-open-node-enxio", open(path, O_RDWR), ENXIO);
	char fdpath[64];
	snprintf(fdpath, sizeof(fdpath), "/proc/self/fd/%d", srv);
	check_err("unix-open-proc-fd-enxio", open(fdpath, O_RDWR), ENXIO);
	check_err("unix-bind-same-path", bind(srv, (struct sockaddr *)&a, alen), EADDRINUSE);
	clen = sun_make(&c, file);
	check_err("unix-bind-twice", bind(srv, (struct sockaddr *)&c, clen), EINVAL);
	int other = socket(AF_UNIX, SOCK_STREAM, 0);
	check_err("unix-bind-addrinuse", bind(other, (struct sockaddr *)&a, alen), EADDRINUSE);
	socklen_t len = sizeof(b);
	memset(&b, 0, sizeof(b));
	check("unix-getsockname-path", getsockname(srv, (struct sockaddr *)&b, &len) == 0 &&
	      len == alen && strcmp(b.sun_path, path) == 0, "len %u want %u '%s'", len, alen,
	      b.sun_path);
	check_err("unix-connect-not-listening", connect(other, (struct sockaddr *)&a, alen),
		  ECONNREFUSED);
	int dg = socket(AF_UNIX, SOCK_DGRAM, 0);
	check_err("unix-connect-prototype", connect(dg, (struct sockaddr *)&a, alen), EPROTOTYPE);
	close(dg);
	clen = sun_make(&c, file);
	close(open(file, O_CREAT | O_WRONLY, 0666));
	check_err("unix-connect-regular-file", connect(other, (struct sockaddr *)&c, clen),
		  ECONNREFUSED);
	clen = sun_make(&c, "/nonexistent/sock");
	check_err("unix-connect-enoent", connect(other, (struct sockaddr *)&c, clen), ENOENT);
	check_err("unix-accept-not-listening", accept(srv, NULL, NULL), EINVAL);

	check("unix-listen", listen(srv, 1) == 0, "%s", strerror(errno));
	check("unix-so-acceptconn", intopt(srv, SO_ACCEPTCONN) == 1, "%d",
	      intopt(srv, SO_ACCEPTCONN));
	struct ucred own;
	len = sizeof(own);
	check("unix-peercred-listener-own", getsockopt(srv, SOL_SOCKET, SO_PEERCRED, &own, &len) == 0 &&
	      own.pid == getpid() && own.uid == geteuid(), "%d %d", own.pid, own.uid);
	struct pollfd pfd = { srv, POLLIN, 0 };
	check("unix-listener-not-ready", poll(&pfd, 1, 0) == 0, "0x%x", pfd.revents);
	/* Backlog 1 holds two pending connections, as Linux. */
	int cl[3];
	for (int i = 0; i < 3; i++) {
		cl[i] = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0);
		errno = 0;
		int r = connect(cl[i], (struct sockaddr *)&a, alen);
		if (i < 2)
			check(i ? "unix-backlog-second" : "unix-backlog-first", r == 0, "%s",
			      strerror(errno));
		else
			check_err("unix-backlog-full-eagain", r, EAGAIN);
	}
	check("unix-listener-pollin", poll(&pfd, 1, 0) == 1 && (pfd.revents & POLLIN), "0x%x",
	      pfd.revents);
	check("unix-send-before-accept", write(cl[0], "early", 5) == 5, "%s", strerror(errno));
	struct ucred cred;
	len = sizeof(cred);
	check("unix-peercred-connect", getsockopt(cl[0], SOL_SOCKET, SO_PEERCRED, &cred, &len) == 0 &&
	      cred.pid == getpid() && cred.uid == geteuid(), "%d %d", cred.pid, cred.uid);

	/* A blocking connect waits for room: the accept below makes it. */
	pid_t pid = fork();
	if (pid == 0) {
		int s = socket(AF_UNIX, SOCK_STREAM, 0);
		if (connect(s, (struct sockaddr *)&a, alen) != 0)
			_exit(1);
		_exit(write(s, "late", 4) == 4 ? 0 : 2);
	}
	len = sizeof(b);
	int s0 = accept(srv, (struct sockaddr *)&b, &len);
	check("unix-accept", s0 >= 0 && len == sizeof(sa_family_t), "%s len %u", strerror(errno),
	      len);
	char buf[16] = { 0 };
	check("unix-data-before-accept", read(s0, buf, sizeof(buf)) == 5 &&
	      strcmp(buf, "early") == 0, "'%s'", buf);
	len = sizeof(b);
	check("unix-accepted-getsockname", getsockname(s0, (struct sockaddr *)&b, &len) == 0 &&
	      strcmp(b.sun_path, path) == 0, "'%s'", b.sun_path);
	len = sizeof(b);
	check("unix-client-getpeername", getpeername(cl[0], (struct sockaddr *)&b, &len) == 0 &&
	      len == alen && strcmp(b.sun_path, path) == 0, "len %u '%s'", len, b.sun_path);
	int s1 = accept4(srv, NULL, NULL, SOCK_CLOEXEC);
	check("unix-accept4-cloexec", s1 >= 0 && fcntl(s1, F_GETFD) == FD_CLOEXEC, "%s",
	      strerror(errno));
	int s2 = accept(srv, NULL, NULL);
	memset(buf, 0, sizeof(buf));
	check("unix-blocking-connect-woken", s2 >= 0 && read(s2, buf, sizeof(buf)) == 4 &&
	      strcmp(buf, "late") == 0, "'%s'", buf);
	check("unix-blocking-connect-child", wait_child(pid) == 0, "");
	fcntl(srv, F_SETFL, O_NONBLOCK);
	check_err("unix-accept-nonblock-empty", accept(srv, NULL, NULL), EAGAIN);

	/* Write permission on the node is needed to connect. */
	chmod(path, 0555);
	pid = fork();
	if (pid == 0) {
		if (getuid() == 0 && setgid(65534) + setuid(65534) != 0)
			_exit(3);
		int s = socket(AF_UNIX, SOCK_STREAM, 0);
		_exit(connect(s, (struct sockaddr *)&a, alen) == -1 && errno == EACCES ? 0 : 1);
	}
	int cst = wait_child(pid);
	check("unix-connect-eacces", cst == 0, "child status %d", cst);
	chmod(path, 0777);

	/* Closing the listener ends the pending connection's peer. */
	int late = socket(AF_UNIX, SOCK_STREAM, 0);
	connect(late, (struct sockaddr *)&a, alen);
	close(srv);
	check("unix-listener-gone-eof", read(late, buf, sizeof(buf)) <= 0, "");
	for (int i = 0; i < 3; i++)
		close(cl[i]);
	close(s0), close(s1), close(s2), close(late), close(other);
	check("unix-unlink-node", unlink(path) == 0, "%s", strerror(errno));
	unlink(file);
}

static void test_abstract(void)
{
	char name[64];
	struct sockaddr_un a, b;
	snprintf(name, sizeof(name), "unix-test-%d", getpid());
	socklen_t alen = sun_abstract(&a, name);
	int srv = socket(AF_UNIX, SOCK_STREAM, 0);
	check("unix-bind-abstract", bind(srv, (struct sockaddr *)&a, alen) == 0, "%s",
	      strerror(errno));
	listen(srv, 5);
	int other = socket(AF_UNIX, SOCK_STREAM, 0);
	check_err("unix-abstract-addrinuse", bind(other, (struct sockaddr *)&a, alen), EADDRINUSE);
	socklen_t len = sizeof(b);
	check("unix-abstract-getsockname", getsockname(srv, (struct sockaddr *)&b, &len) == 0 &&
	      len == alen && memcmp(&a, &b, alen) == 0, "len %u want %u", len, alen);
	check("unix-connect-abstract", connect(other, (struct sockaddr *)&a, alen) == 0, "%s",
	      strerror(errno));
	check_err("unix-connect-isconn", connect(other, (struct sockaddr *)&a, alen), EISCONN);

	/* Another network namespace has names of its own. */
	pid_t pid = fork();
	if (pid == 0) {
		if (unshare(CLONE_NEWNET | (getuid() ? CLONE_NEWUSER : 0)) != 0)
			_exit(10);
		int s = socket(AF_UNIX, SOCK_STREAM, 0);
		if (connect(s, (struct sockaddr *)&a, alen) == 0 || errno != ECONNREFUSED)
			_exit(1);
		int t = socket(AF_UNIX, SOCK_STREAM, 0);
		_exit(bind(t, (struct sockaddr *)&a, alen) == 0 ? 0 : 2);
	}
	int st = wait_child(pid);
	check("unix-abstract-per-netns", st == 0, "child %d (10: unshare, 1: visible, 2: bind)", st);
	close(other);
	close(srv);
	other = socket(AF_UNIX, SOCK_STREAM, 0);
	check("unix-abstract-free-after-close", bind(other, (struct sockaddr *)&a, alen) == 0,
	      "%s", strerror(errno));
	close(other);

	/* Autobind: an abstract name of five hex digits. */
	int s = socket(AF_UNIX, SOCK_DGRAM, 0);
	b.sun_family = AF_UNIX;
	check("unix-autobind", bind(s, (struct sockaddr *)&b, sizeof(sa_family_t)) == 0, "%s",
	      strerror(errno));
	len = sizeof(b);
	getsockname(s, (struct sockaddr *)&b, &len);
	check("unix-autobind-name", len == offsetof(struct sockaddr_un, sun_path) + 6 &&
	      b.sun_path[0] == 0, "len %u", len);
	close(s);
}

static void test_dgram_names(const char *dir)
{
	char path[200], path2[200], buf[32];
	struct sockaddr_un a, c, from;
	snprintf(path, sizeof(path), "%s/dgram", dir);
	snprintf(path2, sizeof(path2), "%s/dgram2", dir);
	unlink(path), unlink(path2);
	socklen_t alen = sun_make(&a, path), clen = sun_make(&c, path2);
	int r = socket(AF_UNIX, SOCK_DGRAM, 0);
	bind(r, (struct sockaddr *)&a, alen);
	int s = socket(AF_UNIX, SOCK_DGRAM, 0);
	check_err("unix-dgram-enotconn", send(s, "x", 1, 0), ENOTCONN);
	check("unix-sendto-path", sendto(s, "anon", 4, 0, (struct sockaddr *)&a, alen) == 4, "%s",
	      strerror(errno));
	socklen_t flen = sizeof(from);
	check("unix-recvfrom-unbound", recvfrom(r, buf, sizeof(buf), 0, (struct sockaddr *)&from,
					       &flen) == 4 && flen == 0, "flen %u", flen);
	bind(s, (struct sockaddr *)&c, clen);
	sendto(s, "named", 5, 0, (struct sockaddr *)&a, alen);
	flen = sizeof(from);
	check("unix-recvfrom-named", recvfrom(r, buf, sizeof(buf), 0, (struct sockaddr *)&from,
					     &flen) == 5 && flen == clen &&
	      strcmp(from.sun_path, path2) == 0, "flen %u", flen);
	/* r connected to s takes datagrams from s alone. */
	connect(r, (struct sockaddr *)&c, clen);
	int t = socket(AF_UNIX, SOCK_DGRAM, 0);
	check_err("unix-dgram-eperm", sendto(t, "x", 1, 0, (struct sockaddr *)&a, alen), EPERM);
	check("unix-dgram-connected-send", send(r, "back", 4, 0) == 4 &&
	      recv(s, buf, sizeof(buf), 0) == 4, "%s", strerror(errno));
	/* Datagrams to a receiver that does not read: EAGAIN at last. */
	int u = socket(AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK, 0);
	int sent = 0;
	while (sent < 100000 && sendto(u, "q", 1, 0, (struct sockaddr *)&c, clen) == 1)
		sent++;
	check_err("unix-dgram-queue-full", sendto(u, "q", 1, 0, (struct sockaddr *)&c, clen),
		  EAGAIN);
	close(s);
	check_err("unix-dgram-peer-gone", send(r, "x", 1, 0), ECONNREFUSED);
	check_err("unix-dgram-peer-gone-then", send(r, "x", 1, 0), ENOTCONN);
	close(r), close(t), close(u);
	unlink(path), unlink(path2);
}

/* Send fds (and nothing else) over sock with one byte. */
static ssize_t send_fds(int sock, const int *fds, int n)
{
	char ctl[CMSG_SPACE(4 * sizeof(int))];
	struct iovec iov = { "F", 1 };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = ctl,
			    .msg_controllen = CMSG_SPACE(n * sizeof(int)) };
	memset(ctl, 0, sizeof(ctl));
	struct cmsghdr *c = CMSG_FIRSTHDR(&m);
	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_RIGHTS;
	c->cmsg_len = CMSG_LEN(n * sizeof(int));
	memcpy(CMSG_DATA(c), fds, n * sizeof(int));
	return sendmsg(sock, &m, 0);
}

/* Receive up to room fds: how many came (-1 on error), in fds; *flags
 * gets msg_flags. */
static int recv_fds(int sock, int *fds, int room, int rflags, int *flags)
{
	char ctl[CMSG_SPACE(4 * sizeof(int))], b;
	struct iovec iov = { &b, 1 };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = ctl,
			    .msg_controllen = CMSG_SPACE(room * sizeof(int)) };
	if (recvmsg(sock, &m, rflags) != 1)
		return -1;
	*flags = m.msg_flags;
	int n = 0;
	for (struct cmsghdr *c = CMSG_FIRSTHDR(&m); c; c = CMSG_NXTHDR(&m, c))
		if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS) {
			n = (c->cmsg_len - CMSG_LEN(0)) / sizeof(int);
			memcpy(fds, CMSG_DATA(c), n * sizeof(int));
		}
	return n;
}

static void test_rights(const char *dir)
{
	char path[200], buf[16];
	int sv[2], fds[4], flags = 0;
	snprintf(path, sizeof(path), "%s/passed", dir);
	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	/* A child opens a file, sends it and exits: the file lives on in flight. */
	pid_t pid = fork();
	if (pid == 0) {
		int fd = open(path, O_CREAT | O_TRUNC | O_RDWR, 0600);
		if (fd < 0 || write(fd, "passed", 6) != 6 || send_fds(sv[0], &fd, 1) != 1)
			_exit(1);
		close(fd);
		unlink(path);
		_exit(0);
	}
	check("unix-rights-child", wait_child(pid) == 0, "");
	int n = recv_fds(sv[1], fds, 1, MSG_CMSG_CLOEXEC, &flags);
	memset(buf, 0, sizeof(buf));
	check("unix-rights-received", n == 1 && pread(fds[0], buf, sizeof(buf), 0) == 6 &&
	      strcmp(buf, "passed") == 0, "n %d '%s'", n, buf);
	check("unix-rights-cmsg-cloexec", n == 1 && fcntl(fds[0], F_GETFD) == FD_CLOEXEC, "%d",
	      fcntl(fds[0], F_GETFD));
	if (n == 1)
		close(fds[0]);

	/* The other way: a pipe's write end to a child, which writes to it. */
	int p[2];
	pipe(p);
	pid = fork();
	if (pid == 0) {
		int got[1];
		if (recv_fds(sv[0], got, 1, 0, &flags) != 1)
			_exit(1);
		if (fcntl(got[0], F_GETFD) != 0)
			_exit(2);
		_exit(write(got[0], "via", 3) == 3 ? 0 : 3);
	}
	send_fds(sv[1], &p[1], 1);
	close(p[1]);
	memset(buf, 0, sizeof(buf));
	check("unix-rights-to-child", read(p[0], buf, sizeof(buf)) == 3 && strcmp(buf, "via") == 0,
	      "'%s'", buf);
	check("unix-rights-child-status", wait_child(pid) == 0, "");
	close(p[0]);

	/* Room for two of three: MSG_CTRUNC, the third is dropped. */
	pipe(p);
	int three[3] = { p[0], p[1], p[0] };
	send_fds(sv[0], three, 3);
	n = recv_fds(sv[1], fds, 1, 0, &flags);
	check("unix-rights-ctrunc", n == 2 && (flags & MSG_CTRUNC), "n %d flags 0x%x", n, flags);
	for (int i = 0; i < n; i++)
		close(fds[i]);
	close(p[0]);
	close(p[1]);
	/* Peeked descriptors are new ones, and the message stays. */
	pipe(p);
	send_fds(sv[0], &p[0], 1);
	int a = recv_fds(sv[1], fds, 1, MSG_PEEK, &flags);
	int b = recv_fds(sv[1], fds + 1, 1, 0, &flags);
	check("unix-rights-peek", a == 1 && b == 1 && fds[0] != fds[1] && fds[0] != p[0], "%d %d",
	      a, b);
	close(fds[0]), close(fds[1]), close(p[0]), close(p[1]);
	int bad = 1000;
	check_err("unix-rights-ebadf", send_fds(sv[0], &bad, 1), EBADF);
	check("unix-rights-none", send_fds(sv[0], &bad, 0) == 1 &&
	      recv_fds(sv[1], fds, 1, 0, &flags) == 0 && !(flags & MSG_CTRUNC), "flags 0x%x", flags);
	close(sv[0]);
	close(sv[1]);
}

/* Sockets in flight inside sockets in flight, 400 deep: closing the
 * last pair releases them all (the kernel must not recurse that deep). */
static void test_nested(void)
{
	enum { DEPTH = 400 };
	int prev[2], cur[2], i, ok = 1;
	socketpair(AF_UNIX, SOCK_STREAM, 0, prev);
	for (i = 0; i < DEPTH && ok; i++) {
		if (socketpair(AF_UNIX, SOCK_STREAM, 0, cur) != 0 || send_fds(cur[0], prev, 2) != 1)
			ok = 0;
		close(prev[0]);
		close(prev[1]);
		prev[0] = cur[0];
		prev[1] = cur[1];
	}
	close(prev[0]);
	close(prev[1]);
	int sv[2];
	check("unix-nested-in-flight", ok && socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0,
	      "at depth %d: %s", i, strerror(errno));
	close(sv[0]);
	close(sv[1]);
}

/* Receive one byte with SO_PASSCRED: the credentials, or pid -1. */
static struct ucred recv_cred(int sock)
{
	struct ucred u = { -1, 0, 0 };
	char ctl[CMSG_SPACE(sizeof(struct ucred))], b;
	struct iovec iov = { &b, 1 };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = ctl,
			    .msg_controllen = sizeof(ctl) };
	if (recvmsg(sock, &m, 0) != 1)
		return u;
	for (struct cmsghdr *c = CMSG_FIRSTHDR(&m); c; c = CMSG_NXTHDR(&m, c))
		if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_CREDENTIALS)
			memcpy(&u, CMSG_DATA(c), sizeof(u));
	return u;
}

static ssize_t send_cred(int sock, struct ucred u)
{
	char ctl[CMSG_SPACE(sizeof(struct ucred))];
	struct iovec iov = { "C", 1 };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = ctl,
			    .msg_controllen = sizeof(ctl) };
	memset(ctl, 0, sizeof(ctl));
	struct cmsghdr *c = CMSG_FIRSTHDR(&m);
	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_CREDENTIALS;
	c->cmsg_len = CMSG_LEN(sizeof(u));
	memcpy(CMSG_DATA(c), &u, sizeof(u));
	return sendmsg(sock, &m, 0);
}

static void test_creds(void)
{
	int sv[2], on = 1;
	socketpair(AF_UNIX, SOCK_DGRAM, 0, sv);
	setsockopt(sv[1], SOL_SOCKET, SO_PASSCRED, &on, sizeof(on));
	check("unix-so-passcred", intopt(sv[1], SO_PASSCRED) == 1, "%d", intopt(sv[1], SO_PASSCRED));
	pid_t pid = fork();
	if (pid == 0)
		_exit(send(sv[0], "c", 1, 0) == 1 ? 0 : 1);
	wait_child(pid);
	struct ucred u = recv_cred(sv[1]);
	check("unix-scm-creds-implicit", u.pid == pid && u.uid == getuid() && u.gid == getgid(),
	      "%d %d %d (child %d)", u.pid, u.uid, u.gid, pid);
	send(sv[0], "t", 1, 0);
	char small[sizeof(struct cmsghdr) + 4], one;
	struct iovec iov = { &one, 1 };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = small,
			    .msg_controllen = sizeof(small), .msg_namelen = 77 };
	ssize_t got = recvmsg(sv[1], &m, 0);
	struct cmsghdr *ch = (struct cmsghdr *)small;
	check("unix-scm-creds-ctrunc", got == 1 && (m.msg_flags & MSG_CTRUNC) &&
	      m.msg_controllen == sizeof(small) && ch->cmsg_len == sizeof(small) &&
	      m.msg_namelen == 77, "flags 0x%x controllen %zu cmsg_len %zu namelen %u",
	      m.msg_flags, (size_t)m.msg_controllen, (size_t)ch->cmsg_len, m.msg_namelen);
	struct ucred mine = { getpid(), getuid(), getgid() };
	check("unix-scm-creds-own", send_cred(sv[0], mine) == 1, "%s", strerror(errno));
	u = recv_cred(sv[1]);
	check("unix-scm-creds-own-received", u.pid == getpid() && u.uid == getuid(), "%d %d",
	      u.pid, u.uid);
	/* Messages carry the real ids, SO_PEERCRED the effective ones
	 * (root alone can make them differ here). */
	pid = fork();
	if (pid == 0) {
		if (getuid() != 0)
			_exit(0);
		if (setresgid(-1, 65533, -1) != 0 || setresuid(-1, 65534, -1) != 0)
			_exit(3);
		int p[2];
		struct ucred pc;
		socklen_t pl = sizeof(pc);
		if (socketpair(AF_UNIX, SOCK_STREAM, 0, p) != 0 ||
		    getsockopt(p[0], SOL_SOCKET, SO_PEERCRED, &pc, &pl) != 0)
			_exit(4);
		if (pc.uid != 65534 || pc.gid != 65533)
			_exit(1);
		_exit(send(sv[0], "e", 1, 0) == 1 ? 0 : 5);
	}
	int est = wait_child(pid);
	int real_ok = 1;
	if (getuid() == 0 && est == 0) {
		u = recv_cred(sv[1]);
		real_ok = u.uid == 0 && u.gid == 0;
	}
	check("unix-creds-real-peercred-effective", est == 0 && real_ok, "child %d, scm uid %d",
	      est, u.uid);

	/* Another's ids need privilege. */
	pid = fork();
	if (pid == 0) {
		if (getuid() == 0 && (setgid(65534) != 0 || setuid(65534) != 0))
			_exit(3);
		struct ucred root = { getpid(), 0, 0 };
		if (send_cred(sv[0], root) != -1 || errno != EPERM)
			_exit(1);
		struct ucred init = { 1, getuid(), getgid() };
		_exit(send_cred(sv[0], init) == -1 && errno == EPERM ? 0 : 2);
	}
	check("unix-scm-creds-eperm", wait_child(pid) == 0, "");

	/* Seen from a new user namespace with no mapping: the overflow ids. */
	pid = fork();
	if (pid == 0) {
		if (unshare(CLONE_NEWUSER) != 0)
			_exit(10);
		if (write(sv[0], "r", 1) != 1)	/* ready */
			_exit(11);
		struct ucred c = recv_cred(sv[0]);
		_exit(c.pid == getppid() && c.uid == 65534 && c.gid == 65534 ? 0 : 1);
	}
	char b;
	on = 1;
	setsockopt(sv[0], SOL_SOCKET, SO_PASSCRED, &on, sizeof(on));
	read(sv[1], &b, 1);
	send(sv[1], "x", 1, 0);
	int st = wait_child(pid);
	check("unix-scm-creds-userns", st == 0, "child %d", st);
	close(sv[0]);
	close(sv[1]);

	/* SO_PEERCRED seen from a new pid namespace: the peer's pid is 0. */
	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	pid = fork();
	if (pid == 0) {
		if (unshare(CLONE_NEWPID | (getuid() ? CLONE_NEWUSER : 0)) != 0)
			_exit(10);
		pid_t inner = fork();
		if (inner == 0) {
			struct ucred c;
			socklen_t len = sizeof(c);
			if (getsockopt(sv[0], SOL_SOCKET, SO_PEERCRED, &c, &len) != 0)
				_exit(2);
			_exit(c.pid == 0 ? 0 : 1);
		}
		_exit(wait_child(inner));
	}
	st = wait_child(pid);
	check("unix-peercred-pidns", st == 0, "child %d", st);
	close(sv[0]);
	close(sv[1]);
}

/* An address nothing is mapped at (volatile: the compiler cannot see it). */
static void *volatile bad_address = (void *)16;

/* Bad addresses and lengths are errors, never a crash. */
static void test_bad_args(void)
{
	int sv[2];
	char buf[8];
	void *bad = bad_address;
	socketpair(AF_UNIX, SOCK_DGRAM, 0, sv);
	check_err("unix-efault-sendmsg", sendmsg(sv[0], bad, 0), EFAULT);
	check_err("unix-efault-recvmsg", recvmsg(sv[1], bad, 0), EFAULT);
	struct iovec iov = { bad, 4 };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1 };
	check_err("unix-efault-send-data", sendmsg(sv[0], &m, 0), EFAULT);
	m.msg_iov = bad;
	check_err("unix-efault-iov", sendmsg(sv[0], &m, 0), EFAULT);
	m.msg_iov = &iov;
	m.msg_iovlen = 1025;
	check_err("unix-iov-too-many", sendmsg(sv[0], &m, 0), EMSGSIZE);
	send(sv[0], "data", 4, 0);
	check_err("unix-efault-recv-data", recv(sv[1], bad, 4, 0), EFAULT);
	check_err("unix-efault-socketpair", socketpair(AF_UNIX, SOCK_STREAM, 0, bad), EFAULT);
	check_err("unix-efault-bind", bind(sv[0], bad, sizeof(struct sockaddr_un)), EFAULT);
	struct sockaddr_un a;
	check_err("unix-bind-too-long", bind(sv[0], (struct sockaddr *)&a, sizeof(a) + 1), EINVAL);
	a.sun_family = AF_INET;
	check_err("unix-bind-wrong-family", bind(sv[0], (struct sockaddr *)&a, sizeof(a)), EINVAL);
	socklen_t len = sizeof(a);
	check_err("unix-efault-getsockname", getsockname(sv[0], bad, &len), EFAULT);
	check_err("unix-efault-optlen", getsockopt(sv[0], SOL_SOCKET, SO_TYPE, buf, bad), EFAULT);
	int v = 1;
	check_err("unix-efault-optval", setsockopt(sv[0], SOL_SOCKET, SO_PASSCRED, bad, sizeof(v)),
		  EFAULT);
	close(sv[0]);
	close(sv[1]);

	/* An unbound sender with SO_PASSCRED gets a name (autobind). */
	socketpair(AF_UNIX, SOCK_DGRAM, 0, sv);
	setsockopt(sv[0], SOL_SOCKET, SO_PASSCRED, &v, sizeof(v));
	send(sv[0], "a", 1, 0);
	len = sizeof(a);
	check("unix-passcred-autobind", recvfrom(sv[1], buf, 1, 0, (struct sockaddr *)&a, &len) == 1 &&
	      len == offsetof(struct sockaddr_un, sun_path) + 6 && a.sun_path[0] == 0, "len %u",
	      len);
	close(sv[0]);
	close(sv[1]);
}

/* Several processes connect and talk at once (all harts busy). */
static void test_many(void)
{
	enum { CLIENTS = 8, MESSAGES = 50 };
	char name[64];
	struct sockaddr_un a;
	snprintf(name, sizeof(name), "unix-many-%d", getpid());
	socklen_t alen = sun_abstract(&a, name);
	int srv = socket(AF_UNIX, SOCK_STREAM, 0);
	bind(srv, (struct sockaddr *)&a, alen);
	listen(srv, 2);
	pid_t pids[CLIENTS];
	for (int i = 0; i < CLIENTS; i++) {
		pids[i] = fork();
		if (pids[i] == 0) {
			int s = socket(AF_UNIX, SOCK_STREAM, 0);
			if (connect(s, (struct sockaddr *)&a, alen) != 0)
				_exit(1);
			for (int j = 0; j < MESSAGES; j++) {
				char msg[16], back[16];
				snprintf(msg, sizeof(msg), "%02d-%03d", i, j);
				if (write(s, msg, 6) != 6 || recv(s, back, 6, MSG_WAITALL) != 6 ||
				    memcmp(msg, back, 6) != 0)
					_exit(2);
			}
			_exit(0);
		}
	}
	/* Echo for every client: each in a child of its own. */
	int ok = 1;
	for (int i = 0; i < CLIENTS; i++) {
		int c = accept(srv, NULL, NULL);
		if (c < 0) {
			ok = 0;
			break;
		}
		if (fork() == 0) {
			char b[64];
			ssize_t n;
			while ((n = read(c, b, sizeof(b))) > 0)
				if (write(c, b, n) != n)
					_exit(1);
			_exit(0);
		}
		close(c);
	}
	for (int i = 0; i < CLIENTS; i++)
		if (wait_child(pids[i]) != 0)
			ok = 0;
	while (wait(NULL) > 0)
		;
	check("unix-many-clients", ok, "a client failed");
	close(srv);
}

static void test_poll(void)
{
	int sv[2];
	char buf[8];
	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	struct pollfd pfd = { sv[1], POLLIN | POLLOUT, 0 };
	check("unix-poll-writable", poll(&pfd, 1, 0) == 1 && pfd.revents == POLLOUT, "0x%x",
	      pfd.revents);
	pid_t pid = fork();
	if (pid == 0)
		_exit(write(sv[0], "p", 1) == 1 ? 0 : 1);
	pfd.events = POLLIN;
	check("unix-poll-woken", poll(&pfd, 1, -1) == 1 && pfd.revents == POLLIN, "0x%x",
	      pfd.revents);
	wait_child(pid);
	read(sv[1], buf, 1);
	close(sv[0]);
	pfd.events = POLLIN | POLLOUT;
	poll(&pfd, 1, 0);
	check("unix-poll-peer-closed", (pfd.revents & (POLLIN | POLLHUP)) == (POLLIN | POLLHUP),
	      "0x%x", pfd.revents);
	close(sv[1]);
	int s = socket(AF_UNIX, SOCK_STREAM, 0);
	pfd.fd = s;
	poll(&pfd, 1, 0);
	check("unix-poll-unconnected-hup", (pfd.revents & POLLHUP) != 0, "0x%x", pfd.revents);
	close(s);
}

/* Two sockets sent over each other and closed hold only each other: the
 * collector, run at the next release, frees them and what they carry
 * (a pipe's write end here, whose reader then sees the end). */
static void test_cycle(void)
{
	int sv[2], p[2];
	socketpair(AF_UNIX, SOCK_DGRAM, 0, sv);
	pipe(p);
	int three[3] = { sv[0], sv[1], p[1] };
	int sent = send_fds(sv[0], three, 3) == 1;
	int back[1] = { sv[1] };
	sent = sent && send_fds(sv[1], back, 1) == 1;
	close(sv[0]);
	close(sv[1]);
	close(p[1]);
	close(socket(AF_UNIX, SOCK_DGRAM, 0));	/* a release: the collector runs */
	/* The bound only stops a hang; the verdict is the end of the pipe. */
	struct pollfd pfd = { p[0], POLLIN, 0 };
	char c;
	int ready = poll(&pfd, 1, 60000);
	check("unix-cycle-collected", sent && ready == 1 && read(p[0], &c, 1) == 0,
	      "sent %d ready %d", sent, ready);
	close(p[0]);
}

/* The /proc/net/unix row of socket fd (found by its inode), or "" . */
static void proc_unix_row(int fd, char *row, size_t size)
{
	struct stat st;
	char line[256];
	row[0] = 0;
	if (fstat(fd, &st) != 0)
		return;
	FILE *f = fopen("/proc/net/unix", "r");
	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		unsigned long ino;
		char *colon = strchr(line, ':');
		/* Num: RefCount Protocol Flags Type St Inode [Path] */
		if (colon && sscanf(colon + 1, "%*x %*x %*x %*x %*x %lu", &ino) == 1 &&
		    ino == (unsigned long)st.st_ino) {
			line[strcspn(line, "\n")] = 0;
			snprintf(row, size, "%s", colon + 2);
			break;
		}
	}
	fclose(f);
}

/* /proc/net/unix: Linux's header; a listener's row with __SO_ACCEPTCON,
 * its type, state and path; an abstract name after '@'; a connected pair. */
static void test_proc_net_unix(const char *dir)
{
	char row[256], want[256], path[108];
	FILE *f = fopen("/proc/net/unix", "r");
	char head[128] = "";
	if (f) {
		if (!fgets(head, sizeof(head), f))
			head[0] = 0;
		fclose(f);
	}
	check("unix-proc-net-header", strcmp(head, "Num       RefCount Protocol Flags    Type St Inode Path\n") == 0,
	      "'%s'", head);
	int l = socket(AF_UNIX, SOCK_STREAM, 0);
	struct sockaddr_un a = { .sun_family = AF_UNIX };
	snprintf(path, sizeof(path), "%.90s/listener", dir);
	strcpy(a.sun_path, path);
	struct stat st;
	int ok = l >= 0 && bind(l, (struct sockaddr *)&a, sizeof(a)) == 0 && listen(l, 4) == 0 &&
		  fstat(l, &st) == 0;
	proc_unix_row(l, row, sizeof(row));
	snprintf(want, sizeof(want), "00010000 0001 01 %5lu %s", (unsigned long)st.st_ino, path);
	/* RefCount and Protocol vary with the kernel's bookkeeping: skip them. */
	check("unix-proc-net-listener", ok && strlen(row) > 18 && strcmp(row + 18, want) == 0,
	      "'%s' want '... %s'", row, want);
	int d = socket(AF_UNIX, SOCK_DGRAM, 0);
	struct sockaddr_un ab = { .sun_family = AF_UNIX };
	char name[] = "\0proc-net-unix-test";
	memcpy(ab.sun_path, name, sizeof(name) - 1);
	ok = d >= 0 && bind(d, (struct sockaddr *)&ab, offsetof(struct sockaddr_un, sun_path) +
			    sizeof(name) - 1) == 0 && fstat(d, &st) == 0;
	proc_unix_row(d, row, sizeof(row));
	snprintf(want, sizeof(want), "00000000 0002 01 %5lu @proc-net-unix-test",
		 (unsigned long)st.st_ino);
	check("unix-proc-net-abstract", ok && strlen(row) > 18 && strcmp(row + 18, want) == 0,
	      "'%s' want '... %s'", row, want);
	int sv[2];
	ok = socketpair(AF_UNIX, SOCK_SEQPACKET, 0, sv) == 0 && fstat(sv[0], &st) == 0;
	proc_unix_row(sv[0], row, sizeof(row));
	snprintf(want, sizeof(want), "00000000 0005 03 %5lu", (unsigned long)st.st_ino);
	check("unix-proc-net-pair", ok && strlen(row) > 18 && strcmp(row + 18, want) == 0,
	      "'%s' want '... %s'", row, want);
	close(sv[0]);
	close(sv[1]);
	close(d);
	close(l);
	unlink(path);
}

int main(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_sigpipe;
	sigaction(SIGPIPE, &sa, NULL);
	char dir[100];
	snprintf(dir, sizeof(dir), "%s/unix-%d", T_TMP, getpid());
	if (mkdir(dir, 0755) != 0) {
		check("unix-mkdir", 0, "%s: %s", dir, strerror(errno));
		return 1;
	}
	test_socket_call();
	test_stream_pair();
	test_stream_block();
	test_dgram_pair();
	test_paths(dir);
	test_abstract();
	test_dgram_names(dir);
	test_rights(dir);
	test_nested();
	test_creds();
	test_poll();
	test_bad_args();
	test_many();
	test_cycle();
	test_proc_net_unix(dir);
	rmdir(dir);
	return 0;
}
