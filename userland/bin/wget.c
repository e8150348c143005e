/*
 * wget: fetch http:// URLs into files, with GNU wget's messages and exit
 * statuses.
 *
 *   wget [-q] [-O FILE|-] [-T SECONDS] URL...
 *
 * Each URL is saved under the last segment of its path ("index.html"
 * for a directory), as NAME.1, NAME.2, ... when NAME exists; -O writes
 * every body to FILE, "-" meaning stdout.  Redirections (3xx with a
 * Location) are followed, up to MAX_REDIRECTS.  Bodies are read to their
 * Content-Length, through chunked encoding, or to the end of the
 * connection.  -T limits the connect and each wait for data (default 900
 * seconds, GNU's read timeout).  Messages go to stderr; -q silences all
 * but usage errors.  Exit status: 0, 1 (usage, unsupported URL), 3 (a
 * file could not be written), 4 (network failure), 8 (the server answered
 * with an error status), the last failure winning, as GNU's.  IPv4 only,
 * no proxies, no HTTPS.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "http.h"
#include "netaddr.h"

#define MAX_REDIRECTS	20
#define DEFAULT_TIMEOUT	900
#define BUF_SIZE	65536

enum {
	EXIT_GENERIC = 1, EXIT_IO = 3, EXIT_NETWORK = 4, EXIT_SERVER = 8,
};

static bool quiet;
static int timeout_ms = DEFAULT_TIMEOUT * 1000;

static void
usage(void)
{
	fprintf(stderr, "usage: wget [-q] [-O FILE|-] [-T SECONDS] URL...\n");
	exit(EXIT_GENERIC);
}

static void
say(const char *fmt, ...)
{
	va_list ap;

	if (quiet)
		return;
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
}

static void
stamp(char *buf, size_t size)
{
	time_t now = time(NULL);
	struct tm tm;

	localtime_r(&now, &tm);
	strftime(buf, size, "%Y-%m-%d %H:%M:%S", &tm);
}

/* The connection's input, buffered: the head is read through it, then
 * the body. */
struct conn {
	int fd;
	char buf[BUF_SIZE];
	size_t start, len;
};

/* Fills the buffer when empty: bytes available, 0 at end, -1 on error. */
static ssize_t
fill(struct conn *c)
{
	if (c->start < c->len)
		return c->len - c->start;
	struct pollfd p = { .fd = c->fd, .events = POLLIN };
	int r;
	do
		r = poll(&p, 1, timeout_ms);
	while (r < 0 && errno == EINTR);
	if (r == 0)
		errno = ETIMEDOUT;
	if (r <= 0)
		return -1;
	ssize_t n;
	do
		n = read(c->fd, c->buf, sizeof(c->buf));
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return -1;
	c->start = 0;
	c->len = n;
	return n;
}

static int
write_all(int fd, const char *buf, size_t len)
{
	while (len > 0) {
		ssize_t w = write(fd, buf, len);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		buf += w;
		len -= w;
	}
	return 0;
}

/* Copies up to max bytes (-1: to the end) of the body to out: the count
 * copied, or -1 (errno set; EIO for the output). */
static long long
copy_body(struct conn *c, int out, long long max, bool *write_failed)
{
	long long done = 0;

	while (max < 0 || done < max) {
		ssize_t n = fill(c);
		if (n < 0)
			return -1;
		if (n == 0)
			break;
		if (max >= 0 && n > max - done)
			n = max - done;
		if (write_all(out, c->buf + c->start, n) < 0) {
			*write_failed = true;
			return -1;
		}
		c->start += n;
		done += n;
	}
	return done;
}

/* One line (chunk size or trailer) of a chunked body, without CRLF. */
static int
read_line(struct conn *c, char *line, size_t size)
{
	size_t n = 0;

	for (;;) {
		ssize_t a = fill(c);
		if (a <= 0)
			return -1;
		char ch = c->buf[c->start++];
		if (ch == '\n')
			break;
		if (ch != '\r' && n + 1 < size)
			line[n++] = ch;
	}
	line[n] = 0;
	return 0;
}

static long long
copy_chunked(struct conn *c, int out, bool *write_failed)
{
	long long total = 0;
	char line[128];

	for (;;) {
		if (read_line(c, line, sizeof(line)) < 0)
			return -1;
		char *end;
		errno = 0;
		long long size = strtoll(line, &end, 16);
		if (end == line || errno || size < 0 || (*end && *end != ';')) {
			errno = EPROTO;
			return -1;
		}
		if (size == 0)
			break;
		long long got = copy_body(c, out, size, write_failed);
		if (got < 0)
			return -1;
		if (got < size || read_line(c, line, sizeof(line)) < 0) {
			errno = ECONNRESET;
			return -1;
		}
		total += got;
	}
	/* Trailers, up to the blank line. */
	while (read_line(c, line, sizeof(line)) == 0 && line[0])
		;
	return total;
}

/* The output for a URL path: -O's descriptor, or a new file NAME[.N];
 * -1 once reported. */
static int
open_output(const char *opt_file, int opt_fd, const char *path, char *name, size_t size)
{
	if (opt_file) {
		snprintf(name, size, "%s", opt_file);
		return opt_fd;
	}
	char base[HTTP_MAX_PATH];
	struct stat st;
	http_url_filename(path, base, sizeof(base));
	snprintf(name, size, "%s", base);
	for (int i = 1; lstat(name, &st) == 0; i++)
		snprintf(name, size, "%s.%d", base, i);
	int fd = open(name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
	if (fd < 0)
		fprintf(stderr, "%s: %s\n", name, strerror(errno));
	return fd;
}

/* Sends the request and reads the head into c: 0, or -1 once reported. */
static int
request(struct conn *c, const struct http_url *u, struct http_response *resp)
{
	char req[HTTP_MAX_PATH + HTTP_MAX_HOST + 128];
	int n = snprintf(req, sizeof(req), "GET %s HTTP/1.1\r\nHost: %s%s%.0d\r\n"
	    "User-Agent: Wget\r\nAccept: */*\r\nConnection: close\r\n\r\n", u->path, u->host,
	    u->port != 80 ? ":" : "", u->port != 80 ? u->port : 0);
	static char head[HTTP_MAX_HEAD];
	size_t len = 0, end = 0;

	if (n < 0 || (size_t)n >= sizeof(req) || write_all(c->fd, req, n) < 0) {
		say("failed: %s.\n", strerror(errno));
		return -1;
	}
	say("HTTP request sent, awaiting response... ");
	while (!end) {
		ssize_t a = fill(c);
		if (a <= 0 || len == sizeof(head)) {
			say(a < 0 ? "Read error (%s) in headers.\n" : "No data received.\n",
			    strerror(errno));
			return -1;
		}
		size_t take = (size_t)a < sizeof(head) - len ? (size_t)a : sizeof(head) - len;
		memcpy(head + len, c->buf + c->start, take);
		size_t before = len;
		len += take;
		end = http_head_end(head, len);
		c->start += end ? end - before : take;
	}
	if (http_parse_response(head, end, resp) < 0) {
		say("Malformed status line\n");
		return -1;
	}
	say("%d %s\n", resp->status, http_reason(resp->status)[0] ?
	    http_reason(resp->status) : "");
	return 0;
}

/* The URL a Location leads to, from the current one. */
static int
follow(struct http_url *u, const char *location)
{
	if (strncasecmp(location, "http://", 7) == 0)
		return http_parse_url(location, u);
	if (location[0] == '/') {
		if (strlen(location) >= sizeof(u->path))
			return -1;
		strcpy(u->path, location);
		return 0;
	}
	char *slash = strrchr(u->path, '/');
	size_t keep = slash ? (size_t)(slash - u->path) + 1 : 0;
	if (keep + strlen(location) >= sizeof(u->path))
		return -1;
	strcpy(u->path + keep, location);
	return 0;
}

static int
connect_to(const struct http_url *u)
{
	struct in_addr addr;
	int err = net_lookup(u->host, false, &addr);

	if (err) {
		fprintf(stderr, "wget: unable to resolve host address '%s'\n", u->host);
		return -1;
	}
	char a[INET_ADDRSTRLEN];
	inet_ntop(AF_INET, &addr, a, sizeof(a));
	if (strcmp(a, u->host) == 0)
		say("Connecting to %s:%d... ", u->host, u->port);
	else
		say("Connecting to %s (%s)|%s|:%d... ", u->host, u->host, a, u->port);
	struct sockaddr_in sa = net_sockaddr(addr, u->port);
	int fd = net_connect(&sa, SOCK_STREAM, timeout_ms);
	if (fd < 0) {
		say("failed: %s.\n", strerror(errno));
		return -1;
	}
	say("connected.\n");
	return fd;
}

/* Fetches one URL: 0 or an exit status. */
static int
fetch(const char *url, const char *opt_file, int opt_fd)
{
	struct http_url u;
	char when[32], name[HTTP_MAX_PATH + 16], first_path[HTTP_MAX_PATH];
	static struct conn c;
	struct http_response resp;

	if (http_parse_url(url, &u) < 0) {
		fprintf(stderr, "%s: Unsupported scheme or malformed URL.\n", url);
		return EXIT_GENERIC;
	}
	strcpy(first_path, u.path);
	for (int hops = 0;; hops++) {
		stamp(when, sizeof(when));
		char port[8] = "";
		if (u.port != 80)
			snprintf(port, sizeof(port), ":%d", u.port);
		say("--%s--  http://%s%s%s\n", when, u.host, port, u.path);
		c.fd = connect_to(&u);
		c.start = c.len = 0;
		if (c.fd < 0)
			return EXIT_NETWORK;
		if (request(&c, &u, &resp) < 0) {
			close(c.fd);
			return EXIT_NETWORK;
		}
		if (resp.status >= 300 && resp.status < 400 && resp.location[0]) {
			close(c.fd);
			say("Location: %s [following]\n", resp.location);
			if (hops + 1 >= MAX_REDIRECTS) {
				say("%d redirections exceeded.\n", MAX_REDIRECTS);
				return EXIT_SERVER;
			}
			if (follow(&u, resp.location) < 0) {
				fprintf(stderr, "%s: Unsupported scheme or malformed URL.\n",
				    resp.location);
				return EXIT_GENERIC;
			}
			continue;
		}
		break;
	}
	if (resp.status >= 300) {
		close(c.fd);
		stamp(when, sizeof(when));
		say("%s ERROR %d: %s.\n\n", when, resp.status, http_reason(resp.status));
		return EXIT_SERVER;
	}
	char type[sizeof(resp.content_type) + 3] = "";
	if (resp.content_type[0])
		snprintf(type, sizeof(type), " [%s]", resp.content_type);
	if (resp.content_length >= 0)
		say("Length: %lld%s\n", resp.content_length, type);
	else
		say("Length: unspecified%s\n", type);
	int out = open_output(opt_file, opt_fd, first_path, name, sizeof(name));
	if (out < 0) {
		close(c.fd);
		return EXIT_IO;
	}
	say("Saving to: '%s'\n\n", opt_fd == 1 && opt_file ? "STDOUT" : name);
	bool write_failed = false;
	long long got = resp.chunked ? copy_chunked(&c, out, &write_failed) :
	    copy_body(&c, out, resp.content_length, &write_failed);
	int e = errno;
	close(c.fd);
	if (out != opt_fd && close(out) < 0 && !write_failed) {
		write_failed = true;
		e = errno;
	}
	if (write_failed) {
		fprintf(stderr, "wget: Cannot write to '%s' (%s).\n", name, strerror(e));
		return EXIT_IO;
	}
	if (got < 0 || (resp.content_length >= 0 && got < resp.content_length)) {
		stamp(when, sizeof(when));
		say("%s - Read error at byte %lld (%s).\n", when, got < 0 ? 0 : got,
		    strerror(got < 0 ? e : ECONNRESET));
		return EXIT_NETWORK;
	}
	stamp(when, sizeof(when));
	if (resp.content_length >= 0)
		say("%s - '%s' saved [%lld/%lld]\n\n", when, name, got, resp.content_length);
	else
		say("%s - '%s' saved [%lld]\n\n", when, name, got);
	return 0;
}

int
main(int argc, char *argv[])
{
	const char *opt_file = NULL;
	int opt, opt_fd = -1, status = 0;

	while ((opt = getopt(argc, argv, "qO:T:")) != -1) {
		switch (opt) {
		case 'q': quiet = true; break;
		case 'O': opt_file = optarg; break;
		case 'T': {
			char *end;
			long t = strtol(optarg, &end, 10);
			if (*end || end == optarg || t <= 0 || t > 1000000) {
				fprintf(stderr, "wget: -T: invalid timeout '%s'\n", optarg);
				usage();
			}
			timeout_ms = (int)t * 1000;
			break;
		}
		default: usage();
		}
	}
	if (optind == argc) {
		fprintf(stderr, "wget: missing URL\n");
		usage();
	}
	signal(SIGPIPE, SIG_IGN);
	if (opt_file && strcmp(opt_file, "-") == 0) {
		opt_fd = 1;
	} else if (opt_file) {
		opt_fd = open(opt_file, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
		if (opt_fd < 0) {
			fprintf(stderr, "%s: %s\n", opt_file, strerror(errno));
			return EXIT_IO;
		}
	}
	for (int i = optind; i < argc; i++) {
		int s = fetch(argv[i], opt_file, opt_fd);
		if (s)
			status = s;
	}
	if (opt_fd > 1 && close(opt_fd) < 0) {
		fprintf(stderr, "%s: %s\n", opt_file, strerror(errno));
		return EXIT_IO;
	}
	return status;
}
