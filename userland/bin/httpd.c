/*
 * httpd: serve a directory over HTTP/1.0 and 1.1 (GET and HEAD).
 *
 *   httpd [-f] [-p PORT] [-d DIR]
 *
 * Files are sent with their Content-Type (by extension) and length; a
 * directory is served by its index.html, or listed as simple HTML; a
 * directory named without its final slash is redirected to it.  Errors
 * are answered with small HTML bodies: 400, 403, 404, 405 (other
 * methods), 414, 501 (unknown methods), 505.  No request leaves DIR:
 * the path is normalized by userland/lib/http.c, which refuses to climb
 * above the root, and the file's real path (symbolic links resolved)
 * must lie inside DIR's real path, or the answer is 403.
 *
 * One process per connection: the listener forks a child for each, so a
 * slow or silent client (it has REQUEST_TIMEOUT_MS to send its request)
 * holds up only its own child, and a child that fails takes no other
 * connection with it.  Each connection carries one request and is closed
 * after the answer ("Connection: close"), which HTTP/1.1 allows.  One
 * line per request goes to stderr.  Without -f, httpd puts itself in the
 * background once listening, as BusyBox's does.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "http.h"
#include "netaddr.h"

#define DEFAULT_PORT		80
#define LISTEN_BACKLOG		64
#define REQUEST_TIMEOUT_MS	30000
#define SEND_BUF_SIZE		65536

static char root[PATH_MAX];	/* DIR's real path */

static void
usage(void)
{
	fprintf(stderr, "usage: httpd [-f] [-p PORT] [-d DIR]\n");
	exit(1);
}

/* The connection being served: its peer and what the log line says. */
struct conn {
	int fd;
	char peer[INET_ADDRSTRLEN];
	char request_line[200];		/* printable copy of the first line */
	int status;
	long long sent;			/* body bytes */
};

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

/* The status line and headers; extra is more header lines, or "". */
static int
send_head(struct conn *c, int status, const char *type, long long length, const char *extra)
{
	char head[1024], date[64];
	time_t now = time(NULL);
	struct tm tm;

	gmtime_r(&now, &tm);
	strftime(date, sizeof(date), "%a, %d %b %Y %H:%M:%S GMT", &tm);
	int n = snprintf(head, sizeof(head), "HTTP/1.1 %d %s\r\nServer: httpd\r\nDate: %s\r\n"
	    "Content-Type: %s\r\nContent-Length: %lld\r\n%sConnection: close\r\n\r\n",
	    status, http_reason(status), date, type, length, extra);
	c->status = status;
	if (n < 0 || (size_t)n >= sizeof(head))
		return -1;
	return write_all(c->fd, head, n);
}

static void
send_error(struct conn *c, int status, bool head_only, const char *extra)
{
	char body[256];
	int n = snprintf(body, sizeof(body), "<html><head><title>%d %s</title></head>"
	    "<body><h1>%d %s</h1></body></html>\n", status, http_reason(status), status,
	    http_reason(status));

	if (send_head(c, status, "text/html", n, extra) == 0 && !head_only &&
	    write_all(c->fd, body, n) == 0)
		c->sent = n;
}

/* Is the real path of rel (under root) inside root?  Fills real. */
static int
resolve(const char *rel, char *real)
{
	char path[PATH_MAX + HTTP_MAX_PATH];
	size_t rl = strlen(root);

	snprintf(path, sizeof(path), "%s%s", root, rel);
	if (!realpath(path, real))
		return errno == ENOENT || errno == ENOTDIR ? 404 : 403;
	if (strncmp(real, root, rl) != 0 || (real[rl] != '/' && real[rl] != 0))
		return 403;
	return 0;
}

static void
send_file(struct conn *c, const char *real, const struct stat *st, bool head_only)
{
	int fd = open(real, O_RDONLY | O_CLOEXEC);
	static char buf[SEND_BUF_SIZE];

	if (fd < 0) {
		send_error(c, errno == ENOENT ? 404 : 403, head_only, "");
		return;
	}
	if (send_head(c, 200, http_content_type(real), st->st_size, "") < 0 || head_only) {
		close(fd);
		return;
	}
	for (;;) {
		ssize_t r = read(fd, buf, sizeof(buf));
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0 || write_all(c->fd, buf, r) < 0)
			break;
		c->sent += r;
	}
	close(fd);
}

/* A listing being built: a growing buffer that remembers a failure. */
struct page {
	char *data;
	size_t len, cap;
	bool failed;
};

static void
page_put(struct page *pg, const char *s, size_t n)
{
	if (pg->failed)
		return;
	if (pg->len + n > pg->cap) {
		size_t cap = pg->cap ? pg->cap : 4096;
		while (cap < pg->len + n)
			cap *= 2;
		char *more = realloc(pg->data, cap);
		if (!more) {
			pg->failed = true;
			return;
		}
		pg->data = more;
		pg->cap = cap;
	}
	memcpy(pg->data + pg->len, s, n);
	pg->len += n;
}

static void
page_str(struct page *pg, const char *s)
{
	page_put(pg, s, strlen(s));
}

/* Appends s HTML-escaped (for an href: also percent-encoded). */
static void
page_escaped(struct page *pg, const char *s, bool href)
{
	for (; *s; s++) {
		unsigned char ch = *s;
		char hex[4];
		if (ch == '&')
			page_str(pg, "&amp;");
		else if (ch == '<')
			page_str(pg, "&lt;");
		else if (ch == '>')
			page_str(pg, "&gt;");
		else if (ch == '"')
			page_str(pg, "&quot;");
		else if (href && (ch <= ' ' || ch >= 0x7f || ch == '%' || ch == '?' || ch == '#')) {
			snprintf(hex, sizeof(hex), "%%%02X", ch);
			page_str(pg, hex);
		} else
			page_put(pg, s, 1);
	}
}

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names in dir, sorted, "." and ".." left out; NULL on failure. */
static char **
read_names(const char *dir, size_t *count)
{
	DIR *d = opendir(dir);
	char **names = NULL;
	size_t n = 0, cap = 0;
	struct dirent *e;

	if (!d)
		return NULL;
	while ((e = readdir(d))) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 32;
			char **more = realloc(names, cap * sizeof(*names));
			if (!more)
				break;
			names = more;
		}
		if (!(names[n] = strdup(e->d_name)))
			break;
		n++;
	}
	closedir(d);
	if (!names)
		names = malloc(sizeof(*names));
	if (names)
		qsort(names, n, sizeof(*names), name_cmp);
	*count = n;
	return names;
}

static void
send_listing(struct conn *c, const char *real, const char *path, bool head_only)
{
	size_t n;
	char **names = read_names(real, &n);
	struct page pg = { 0 };

	if (!names) {
		send_error(c, 403, head_only, "");
		return;
	}
	page_str(&pg, "<html><head><title>Index of ");
	page_escaped(&pg, path, false);
	page_str(&pg, "</title></head>\n<body><h1>Index of ");
	page_escaped(&pg, path, false);
	page_str(&pg, "</h1>\n<ul>\n");
	if (strcmp(path, "/") != 0)
		page_str(&pg, "<li><a href=\"../\">../</a></li>\n");
	for (size_t i = 0; i < n; i++) {
		char full[PATH_MAX + NAME_MAX + 2];
		struct stat st;
		snprintf(full, sizeof(full), "%s/%s", real, names[i]);
		const char *slash = stat(full, &st) == 0 && S_ISDIR(st.st_mode) ? "/" : "";
		page_str(&pg, "<li><a href=\"");
		page_escaped(&pg, names[i], true);
		page_str(&pg, slash);
		page_str(&pg, "\">");
		page_escaped(&pg, names[i], false);
		page_str(&pg, slash);
		page_str(&pg, "</a></li>\n");
		free(names[i]);
	}
	free(names);
	page_str(&pg, "</ul>\n</body></html>\n");
	if (pg.failed)
		send_error(c, 500, head_only, "");
	else if (send_head(c, 200, "text/html", pg.len, "") == 0 && !head_only &&
	    write_all(c->fd, pg.data, pg.len) == 0)
		c->sent = pg.len;
	free(pg.data);
}

static void
serve_directory(struct conn *c, const struct http_request *req, const char *real,
    bool head_only)
{
	char index[PATH_MAX + 16];
	struct stat st;

	if (req->path[strlen(req->path) - 1] != '/') {
		char loc[HTTP_MAX_PATH + 16];
		snprintf(loc, sizeof(loc), "Location: %s/\r\n", req->path);
		send_error(c, 301, head_only, loc);
		return;
	}
	snprintf(index, sizeof(index), "%s/index.html", real);
	if (stat(index, &st) == 0 && S_ISREG(st.st_mode)) {
		send_file(c, index, &st, head_only);
		return;
	}
	send_listing(c, real, req->path, head_only);
}

static void
serve(struct conn *c, const struct http_request *req)
{
	bool head_only = req->method == HTTP_HEAD;
	char real[PATH_MAX];
	struct stat st;

	if (req->method == HTTP_OTHER_KNOWN) {
		send_error(c, 405, false, "Allow: GET, HEAD\r\n");
		return;
	}
	int err = resolve(req->path, real);
	if (err) {
		send_error(c, err, head_only, "");
		return;
	}
	if (stat(real, &st) < 0)
		send_error(c, 404, head_only, "");
	else if (S_ISDIR(st.st_mode))
		serve_directory(c, req, real, head_only);
	else if (S_ISREG(st.st_mode))
		send_file(c, real, &st, head_only);
	else
		send_error(c, 403, head_only, "");
}

/* Reads the request head: its length, 0 when the client sent nothing,
 * or -status to answer. */
static long
read_head(int fd, char *buf, size_t size)
{
	size_t len = 0;
	struct pollfd p = { .fd = fd, .events = POLLIN };

	while (len < size) {
		int r = poll(&p, 1, REQUEST_TIMEOUT_MS);
		if (r == 0)
			return len ? -408 : 0;
		if (r < 0 && errno == EINTR)
			continue;
		ssize_t n = r < 0 ? -1 : read(fd, buf + len, size - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return len ? -400 : 0;
		len += n;
		size_t end = http_head_end(buf, len);
		if (end)
			return (long)end;
	}
	return -400;
}

static void
log_request(const struct conn *c)
{
	fprintf(stderr, "%s \"%s\" %d %lld\n", c->peer, c->request_line, c->status, c->sent);
}

static void
handle(int fd, const struct sockaddr_in *peer)
{
	static char buf[HTTP_MAX_HEAD];
	struct conn c = { .fd = fd };
	struct http_request req;

	inet_ntop(AF_INET, &peer->sin_addr, c.peer, sizeof(c.peer));
	long n = read_head(fd, buf, sizeof(buf));
	if (n == 0)
		return;
	size_t first = 0, avail = n < 0 ? sizeof(buf) : (size_t)n;
	while (first < avail && first + 1 < sizeof(c.request_line) &&
	    buf[first] != '\r' && buf[first] != '\n') {
		unsigned char ch = buf[first];
		c.request_line[first++] = ch < ' ' || ch >= 0x7f || ch == '"' ? '?' : ch;
	}
	int status = n < 0 ? (int)-n : http_parse_request(buf, n, &req);
	if (status)
		send_error(&c, status, false, "");
	else
		serve(&c, &req);
	log_request(&c);
}

static void
accept_loop(int listener)
{
	for (;;) {
		struct sockaddr_in peer;
		socklen_t len = sizeof(peer);
		int fd = accept4(listener, (struct sockaddr *)&peer, &len, SOCK_CLOEXEC);
		if (fd < 0) {
			if (errno != EINTR && errno != ECONNABORTED)
				fprintf(stderr, "httpd: accept: %s\n", strerror(errno));
			continue;
		}
		pid_t pid = fork();
		if (pid == 0) {
			close(listener);
			handle(fd, &peer);
			shutdown(fd, SHUT_WR);
			close(fd);
			_exit(0);
		}
		if (pid < 0) {
			/* No child to spare: serve this one ourselves. */
			fprintf(stderr, "httpd: fork: %s\n", strerror(errno));
			handle(fd, &peer);
		}
		close(fd);
	}
}

int
main(int argc, char *argv[])
{
	const char *dir = ".";
	long port = DEFAULT_PORT;
	bool foreground = false;
	int opt;

	while ((opt = getopt(argc, argv, "fp:d:")) != -1) {
		switch (opt) {
		case 'f': foreground = true; break;
		case 'p':
			if ((port = net_port(optarg)) < 0) {
				fprintf(stderr, "httpd: bad port: %s\n", optarg);
				usage();
			}
			break;
		case 'd': dir = optarg; break;
		default: usage();
		}
	}
	if (optind != argc)
		usage();
	if (!realpath(dir, root)) {
		fprintf(stderr, "httpd: %s: %s\n", dir, strerror(errno));
		return 1;
	}
	if (strcmp(root, "/") == 0)
		root[0] = 0;	/* paths are appended to it */
	struct in_addr any = { htonl(INADDR_ANY) };
	struct sockaddr_in sa = net_sockaddr(any, port);
	int listener = net_listen(&sa, SOCK_STREAM, LISTEN_BACKLOG);
	if (listener < 0) {
		fprintf(stderr, "httpd: port %ld: %s\n", port, strerror(errno));
		return 1;
	}
	signal(SIGPIPE, SIG_IGN);
	signal(SIGCHLD, SIG_IGN);	/* children are reaped by the system */
	if (!foreground) {
		pid_t pid = fork();
		if (pid < 0) {
			fprintf(stderr, "httpd: fork: %s\n", strerror(errno));
			return 1;
		}
		if (pid > 0)
			return 0;
		setsid();
	}
	accept_loop(listener);
}
