/*
 * http_test.c - host tests of userland/lib/http.c, built with
 * AddressSanitizer and UBSan (tests/net/net.mk): the request and response
 * parsers, path normalization, URLs, then a fuzz run that feeds the
 * parsers mutated and random heads (a fixed seed, so a failure repeats)
 * and checks what every accepted request promises: a path that starts
 * with '/', holds no NUL, no "." or ".." segment and no "//".  Prints
 * PASS/FAIL lines; never linked into a program.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http.h"

#define FUZZ_ROUNDS	200000

static int failures;

static void
check(const char *name, int ok, const char *detail)
{
	if (ok) {
		printf("PASS net-http-%s\n", name);
	} else {
		printf("FAIL net-http-%s: %s\n", name, detail);
		failures++;
	}
}

static void
check_status(const char *name, const char *head, int want)
{
	struct http_request req;
	char detail[64];
	int got = http_parse_request(head, strlen(head), &req);

	snprintf(detail, sizeof(detail), "status %d, expected %d", got, want);
	check(name, got == want, detail);
}

static void
check_path(const char *name, const char *target, const char *want)
{
	char out[HTTP_MAX_PATH], detail[2 * HTTP_MAX_PATH];
	int r = http_normalize_path(target, strlen(target), out, sizeof(out));

	snprintf(detail, sizeof(detail), "'%s' gave %s", target, r < 0 ? "an error" : out);
	check(name, want ? r == 0 && strcmp(out, want) == 0 : r < 0, detail);
}

static void
test_requests(void)
{
	struct http_request req;
	const char *get = "GET /a/b.txt?x=1 HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n";

	check("parse-get", http_parse_request(get, strlen(get), &req) == 0 &&
	    req.method == HTTP_GET && req.version == 11 && !req.keep_alive &&
	    strcmp(req.path, "/a/b.txt") == 0, req.path);
	const char *head10 = "HEAD / HTTP/1.0\nConnection: Keep-Alive\n\n";
	check("parse-head-1.0-bare-newlines", http_parse_request(head10, strlen(head10), &req) == 0 &&
	    req.method == HTTP_HEAD && req.version == 10 && req.keep_alive, req.path);
	check_status("no-host-1.1", "GET / HTTP/1.1\r\n\r\n", 400);
	check_status("no-host-1.0", "GET / HTTP/1.0\r\n\r\n", 0);
	check_status("post-405", "POST / HTTP/1.0\r\n\r\n", 0);
	check_status("unknown-501", "BREW /pot HTTP/1.0\r\n\r\n", 501);
	check_status("version-505", "GET / HTTP/2.0\r\n\r\n", 505);
	check_status("garbage", "garbage\r\n\r\n", 400);
	check_status("empty", "\r\n\r\n", 400);
	check_status("http-0.9", "GET /\r\n\r\n", 400);
	check_status("two-spaces", "GET  / HTTP/1.0\r\n\r\n", 400);
	check_status("header-without-colon", "GET / HTTP/1.0\r\nfoo\r\n\r\n", 400);
	check_status("header-space-before-colon", "GET / HTTP/1.0\r\nHost : x\r\n\r\n", 400);
	check_status("absolute-form", "GET http://h/ HTTP/1.0\r\n\r\n", 400);
	check_status("escape", "GET /../x HTTP/1.0\r\n\r\n", 400);
	check_status("escape-encoded", "GET /%2e%2e/x HTTP/1.0\r\n\r\n", 400);
	char longer[HTTP_MAX_PATH + 64];
	snprintf(longer, sizeof(longer), "GET /%0*d HTTP/1.0\r\n\r\n", HTTP_MAX_PATH, 0);
	check_status("too-long-414", longer, 414);
	check("head-end-crlf", http_head_end("A\r\n\r\nrest", 10) == 5, "");
	check("head-end-lf", http_head_end("A\n\nrest", 7) == 3, "");
	check("head-end-missing", http_head_end("A\r\nB\r\n", 6) == 0, "");
}

static void
test_paths(void)
{
	check_path("path-root", "/", "/");
	check_path("path-plain", "/a/b", "/a/b");
	check_path("path-dir", "/a/b/", "/a/b/");
	check_path("path-dots", "/a/./b/../c", "/a/c");
	check_path("path-dotdot-end", "/a/b/..", "/a/");
	check_path("path-slashes", "//a///b", "/a/b");
	check_path("path-decode", "/a%20b%2Fc", "/a b/c");
	check_path("path-query", "/x?../../y", "/x");
	check_path("path-above", "/a/../..", NULL);
	check_path("path-above-encoded", "/%2E%2E/etc", NULL);
	check_path("path-nul", "/a%00b", NULL);
	check_path("path-bad-escape", "/a%zz", NULL);
	check_path("path-short-escape", "/a%2", NULL);
	check_path("path-relative", "a/b", NULL);
	check_path("path-control", "/a\tb", NULL);
}

static void
test_responses(void)
{
	struct http_response r;
	const char *ok = "HTTP/1.1 200 OK\r\nContent-Length: 1234\r\n\r\n";
	const char *moved = "HTTP/1.0 301 Moved\r\nLocation: /b/\r\n\r\n";
	const char *chunked = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n";

	check("response-ok", http_parse_response(ok, strlen(ok), &r) == 0 && r.status == 200 &&
	    r.content_length == 1234 && !r.chunked, "");
	check("response-moved", http_parse_response(moved, strlen(moved), &r) == 0 &&
	    r.status == 301 && strcmp(r.location, "/b/") == 0 && r.content_length == -1, "");
	check("response-chunked", http_parse_response(chunked, strlen(chunked), &r) == 0 &&
	    r.chunked, "");
	check("response-no-reason", http_parse_response("HTTP/1.1 404\r\n\r\n", 16, &r) == 0 &&
	    r.status == 404, "");
	check("response-garbage", http_parse_response("HTTP/1.1 2x0 OK\r\n\r\n", 19, &r) < 0, "");
	check("response-bad-length",
	    http_parse_response("HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n", 39, &r) < 0, "");
}

static void
test_urls(void)
{
	struct http_url u;
	char name[64];

	check("url-full", http_parse_url("http://host:8080/a/b.txt?q", &u) == 0 &&
	    strcmp(u.host, "host") == 0 && u.port == 8080 && strcmp(u.path, "/a/b.txt?q") == 0, "");
	check("url-bare", http_parse_url("http://127.0.0.1", &u) == 0 && u.port == 80 &&
	    strcmp(u.path, "/") == 0, "");
	check("url-https", http_parse_url("https://h/", &u) < 0, "");
	check("url-no-host", http_parse_url("http:///x", &u) < 0, "");
	check("url-bad-port", http_parse_url("http://h:99999/", &u) < 0, "");
	check("url-port-zero", http_parse_url("http://h:0/", &u) < 0, "");
	check("url-space", http_parse_url("http://h/a b", &u) < 0, "");
	http_url_filename("/a/b.txt?x=1", name, sizeof(name));
	check("url-filename", strcmp(name, "b.txt") == 0, name);
	http_url_filename("/dir/", name, sizeof(name));
	check("url-filename-index", strcmp(name, "index.html") == 0, name);
	http_url_filename("/..", name, sizeof(name));
	check("url-filename-dotdot", strcmp(name, "index.html") == 0, name);
	check("content-type", strcmp(http_content_type("/x/A.HTML"), "text/html") == 0 &&
	    strcmp(http_content_type("/x.d/file"), "application/octet-stream") == 0, "");
}

/* What every accepted request's path must be. */
static int
path_is_safe(const char *p)
{
	if (p[0] != '/' || strstr(p, "//") || strstr(p, "/./") || strstr(p, "/../"))
		return 0;
	size_t n = strlen(p);
	if ((n >= 2 && strcmp(p + n - 2, "/.") == 0) || (n >= 3 && strcmp(p + n - 3, "/..") == 0))
		return 0;
	return n < HTTP_MAX_PATH;
}

static const char *const seeds[] = {
	"GET /a/b.txt HTTP/1.1\r\nHost: x\r\nConnection: keep-alive, close\r\n\r\n",
	"HEAD /%2e%2e/%2F/./.. HTTP/1.0\r\n\r\n",
	"GET /a/../b/./c//d%41 HTTP/1.1\r\nHost: h\r\n\r\n",
	"HTTP/1.1 200 OK\r\nContent-Length: 12\r\nLocation: /x\r\nTransfer-Encoding: chunked\r\n\r\n",
};

static const char alphabet[] = "GETHEAD /.%2eE0fF:\r\n\t HTTP/1.01?#Host: a\x00\x7f\xff";

static void
fuzz(void)
{
	static char buf[HTTP_MAX_HEAD];
	unsigned long bad = 0;

	srand(12345);
	for (long round = 0; round < FUZZ_ROUNDS; round++) {
		const char *seed = seeds[round % (sizeof(seeds) / sizeof(seeds[0]))];
		size_t len = strlen(seed);
		memcpy(buf, seed, len);
		for (int k = rand() % 8; k >= 0; k--) {
			size_t at = len ? (size_t)rand() % len : 0;
			switch (rand() % 4) {
			case 0:
				buf[at] = alphabet[rand() % (sizeof(alphabet) - 1)];
				break;
			case 1:
				buf[at] = (char)rand();
				break;
			case 2:
				if (len + 1 < sizeof(buf)) {
					memmove(buf + at + 1, buf + at, len - at);
					buf[at] = alphabet[rand() % (sizeof(alphabet) - 1)];
					len++;
				}
				break;
			default:
				if (len > 0) {
					memmove(buf + at, buf + at + 1, len - at - 1);
					len--;
				}
			}
		}
		/* An exact-size heap copy: ASan sees any read past the end. */
		char *copy = malloc(len ? len : 1);
		memcpy(copy, buf, len);
		struct http_request req;
		struct http_response resp;
		struct http_url u;
		size_t end = http_head_end(copy, len);
		if (end > len)
			bad++;
		if (http_parse_request(copy, len, &req) == 0 && !path_is_safe(req.path))
			bad++;
		http_parse_response(copy, len, &resp);
		char target[HTTP_MAX_PATH];
		if (http_normalize_path(copy, len, target, sizeof(target)) == 0 &&
		    !path_is_safe(target))
			bad++;
		free(copy);
		buf[len < sizeof(buf) ? len : sizeof(buf) - 1] = 0;
		if (http_parse_url(buf, &u) == 0 && (!u.host[0] || u.path[0] != '/'))
			bad++;
	}
	char detail[64];
	snprintf(detail, sizeof(detail), "%lu inputs broke a promise", bad);
	check("fuzz", bad == 0, detail);
}

int
main(void)
{
	test_requests();
	test_paths();
	test_responses();
	test_urls();
	fuzz();
	return failures != 0;
}
