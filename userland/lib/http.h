/*
 * http: the pure parts of HTTP/1.x for httpd and wget, written so they
 * can be fuzzed on the host (http_test.c): finding the end of a message
 * head, parsing a request or a response status line and its headers,
 * turning a request target into a safe path, URLs, and media types.
 * Nothing here does I/O; every parser takes a length and accepts any
 * bytes.
 */
#ifndef HTTP_H
#define HTTP_H

#include <stdbool.h>
#include <stddef.h>

#define HTTP_MAX_HEAD	8192	/* request or response head, blank line included */
#define HTTP_MAX_PATH	1024	/* a decoded request path */
#define HTTP_MAX_HOST	256

/* The offset just past the blank line ending the head in buf ("\r\n\r\n"
 * or a bare "\n\n"), or 0 when it is not there yet. */
size_t http_head_end(const char *buf, size_t len);

enum http_method { HTTP_GET, HTTP_HEAD, HTTP_OTHER_KNOWN, HTTP_UNKNOWN };

struct http_request {
	enum http_method method;
	char method_name[16];
	int version;			/* 10 or 11 (HTTP/1.0, HTTP/1.1) */
	char path[HTTP_MAX_PATH];	/* decoded and normalized: starts with
					   '/', no "." or ".." segments, no NUL;
					   a trailing '/' kept */
	bool keep_alive;		/* what the client asked for */
	bool has_host;
};

/* Parses a request head of len bytes (as http_head_end delimits it).
 * 0 on success, else the status to answer: 400 (malformed, a path
 * escaping the root, HTTP/1.1 without Host), 414 (target too long), 501
 * (unknown method), 505 (HTTP version other than 1.x).  An HTTP_OTHER_KNOWN
 * method parses fine: the caller answers 405. */
int http_parse_request(const char *head, size_t len, struct http_request *req);

/* Percent-decodes the path part of target (up to '?' or '#') and removes
 * "." and ".." segments and repeated slashes into out.  0, or -1 when the
 * target is no origin-form path, holds a bad escape or %00, goes above
 * the root, or does not fit. */
int http_normalize_path(const char *target, size_t len, char *out, size_t size);

struct http_response {
	int version;			/* 10 or 11 */
	int status;			/* 100..999 */
	long long content_length;	/* -1 when absent */
	bool chunked;			/* Transfer-Encoding: chunked */
	char location[HTTP_MAX_PATH];	/* Location, "" when absent */
	char content_type[64];		/* Content-Type, "" when absent or long */
};

/* Parses a response head; 0 or -1 when malformed. */
int http_parse_response(const char *head, size_t len, struct http_response *resp);

/* The reason phrase of a status ("Not Found"), "" for one unknown. */
const char *http_reason(int status);

/* The media type for a file name, by its extension. */
const char *http_content_type(const char *name);

struct http_url {
	char host[HTTP_MAX_HOST];
	int port;
	char path[HTTP_MAX_PATH];	/* as given, "/" when empty */
};

/* Splits "http://HOST[:PORT][/PATH]"; 0, or -1 when it is no such URL. */
int http_parse_url(const char *url, struct http_url *u);

/* The file name wget saves a path as: its last segment, without query,
 * "index.html" when empty. */
void http_url_filename(const char *path, char *out, size_t size);

#endif /* HTTP_H */
