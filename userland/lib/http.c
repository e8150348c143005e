/*
 * http.c - the pure parts of HTTP/1.x (http.h).  Every parser walks a
 * (pointer, length) pair and never reads past it, copies only into
 * buffers it checks the size of, and treats any byte as possible input:
 * httpd feeds it whatever a client sends.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "http.h"

size_t
http_head_end(const char *buf, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		if (buf[i] != '\n')
			continue;
		if (i + 1 < len && buf[i + 1] == '\n')
			return i + 2;
		if (i + 2 < len && buf[i + 1] == '\r' && buf[i + 2] == '\n')
			return i + 3;
	}
	return 0;
}

/* A line of the head: [*pos, end of line), the '\r' before '\n' left out;
 * *pos moves past the '\n'.  False at the end of the head. */
static bool
next_line(const char *head, size_t len, size_t *pos, const char **line, size_t *n)
{
	if (*pos >= len)
		return false;
	const char *s = head + *pos;
	const char *nl = memchr(s, '\n', len - *pos);
	size_t l = nl ? (size_t)(nl - s) : len - *pos;
	*pos += l + (nl ? 1 : 0);
	if (l > 0 && s[l - 1] == '\r')
		l--;
	*line = s;
	*n = l;
	return true;
}

static bool
is_tchar(unsigned char c)
{
	return isalnum(c) || (c && strchr("!#$%&'*+-.^_`|~", c));
}

/* "HTTP/D.D" into 10 * major + minor, or -1. */
static int
parse_version(const char *s, size_t n)
{
	if (n != 8 || memcmp(s, "HTTP/", 5) != 0 || !isdigit((unsigned char)s[5]) ||
	    s[6] != '.' || !isdigit((unsigned char)s[7]))
		return -1;
	return (s[5] - '0') * 10 + (s[7] - '0');
}

static int
hexval(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = tolower(c);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* Appends segment seg (n bytes) to out (used bytes *o), or handles it as
 * "." or "..".  -1 when it climbs above the root or does not fit. */
static int
add_segment(const char *seg, size_t n, char *out, size_t size, size_t *o)
{
	if (n == 0 || (n == 1 && seg[0] == '.'))
		return 0;
	if (n == 2 && seg[0] == '.' && seg[1] == '.') {
		if (*o == 0)
			return -1;
		while (*o > 0 && out[*o - 1] != '/')
			(*o)--;
		(*o)--;			/* the slash before the segment */
		return 0;
	}
	if (*o + 1 + n >= size)
		return -1;
	out[(*o)++] = '/';
	memcpy(out + *o, seg, n);
	*o += n;
	return 0;
}

int
http_normalize_path(const char *target, size_t len, char *out, size_t size)
{
	char dec[HTTP_MAX_PATH];
	size_t d = 0, o = 0;

	if (len == 0 || target[0] != '/' || size < 2)
		return -1;
	for (size_t i = 0; i < len && target[i] != '?' && target[i] != '#'; i++) {
		unsigned char c = target[i];
		if (c == '%') {
			if (i + 2 >= len)
				return -1;
			int hi = hexval(target[i + 1]), lo = hexval(target[i + 2]);
			if (hi < 0 || lo < 0 || (hi == 0 && lo == 0))
				return -1;
			c = hi * 16 + lo;
			i += 2;
		} else if (c <= ' ' || c == 0x7f) {
			return -1;
		}
		if (d + 1 >= sizeof(dec))
			return -1;
		dec[d++] = c;
	}
	/* Split on '/' after decoding, so "%2e%2e" and "%2f" are no way out. */
	size_t start = 0;
	bool dir = false;
	for (size_t i = 0; i <= d; i++) {
		if (i < d && dec[i] != '/')
			continue;
		const char *seg = dec + start;
		size_t n = i - start;
		if (add_segment(seg, n, out, size, &o) < 0)
			return -1;
		dir = (i == d) && (n == 0 || (n == 1 && seg[0] == '.') ||
		    (n == 2 && seg[0] == '.' && seg[1] == '.'));
		start = i + 1;
	}
	if (o == 0 || dir) {
		if (o + 1 >= size)
			return -1;
		out[o++] = '/';
	}
	out[o] = 0;
	return 0;
}

static enum http_method
method_kind(const char *m)
{
	static const char *const other[] = {
		"POST", "PUT", "DELETE", "OPTIONS", "TRACE", "CONNECT", "PATCH",
	};

	if (strcmp(m, "GET") == 0)
		return HTTP_GET;
	if (strcmp(m, "HEAD") == 0)
		return HTTP_HEAD;
	for (size_t i = 0; i < sizeof(other) / sizeof(other[0]); i++)
		if (strcmp(m, other[i]) == 0)
			return HTTP_OTHER_KNOWN;
	return HTTP_UNKNOWN;
}

/* Does the comma-separated header value hold word (case ignored)? */
static bool
has_token(const char *v, size_t n, const char *word)
{
	size_t w = strlen(word);

	for (size_t i = 0; i + w <= n; i++)
		if (strncasecmp(v + i, word, w) == 0 &&
		    (i == 0 || v[i - 1] == ',' || v[i - 1] == ' ') &&
		    (i + w == n || v[i + w] == ',' || v[i + w] == ' '))
			return true;
	return false;
}

/* Splits a header line into name and value (blanks trimmed); false when
 * it is no header. */
static bool
split_header(const char *line, size_t n, size_t *name_len, const char **value, size_t *vlen)
{
	const char *colon = memchr(line, ':', n);

	if (!colon || colon == line)
		return false;
	for (const char *p = line; p < colon; p++)
		if (!is_tchar(*p))
			return false;
	*name_len = colon - line;
	const char *v = colon + 1, *end = line + n;
	while (v < end && (*v == ' ' || *v == '\t'))
		v++;
	while (end > v && (end[-1] == ' ' || end[-1] == '\t'))
		end--;
	*value = v;
	*vlen = end - v;
	return true;
}

static bool
header_is(const char *line, size_t name_len, const char *name)
{
	return strlen(name) == name_len && strncasecmp(line, name, name_len) == 0;
}

/* The request line: METHOD SP TARGET SP VERSION. */
static int
parse_request_line(const char *line, size_t n, struct http_request *req)
{
	const char *sp1 = memchr(line, ' ', n);
	if (!sp1)
		return 400;
	const char *target = sp1 + 1;
	const char *sp2 = memchr(target, ' ', line + n - target);
	if (!sp2 || memchr(sp2 + 1, ' ', line + n - sp2 - 1))
		return 400;
	size_t mlen = sp1 - line, tlen = sp2 - target;
	if (mlen == 0 || mlen >= sizeof(req->method_name))
		return mlen ? 501 : 400;
	for (size_t i = 0; i < mlen; i++)
		if (!is_tchar(line[i]))
			return 400;
	memcpy(req->method_name, line, mlen);
	req->method_name[mlen] = 0;
	int v = parse_version(sp2 + 1, line + n - sp2 - 1);
	if (v < 0)
		return 400;
	if (v / 10 != 1)
		return 505;
	req->version = v % 10 ? 11 : 10;
	req->method = method_kind(req->method_name);
	if (req->method == HTTP_UNKNOWN)
		return 501;
	if (tlen >= HTTP_MAX_PATH)
		return 414;
	if (http_normalize_path(target, tlen, req->path, sizeof(req->path)) < 0)
		return 400;
	return 0;
}

int
http_parse_request(const char *head, size_t len, struct http_request *req)
{
	size_t pos = 0, n;
	const char *line;
	bool close = false, keep = false;

	memset(req, 0, sizeof(*req));
	if (!next_line(head, len, &pos, &line, &n) || n == 0)
		return 400;
	int err = parse_request_line(line, n, req);
	if (err)
		return err;
	while (next_line(head, len, &pos, &line, &n) && n > 0) {
		size_t name_len, vlen;
		const char *v;
		if (!split_header(line, n, &name_len, &v, &vlen))
			return 400;
		if (header_is(line, name_len, "Host"))
			req->has_host = true;
		else if (header_is(line, name_len, "Connection")) {
			close |= has_token(v, vlen, "close");
			keep |= has_token(v, vlen, "keep-alive");
		}
	}
	if (req->version == 11 && !req->has_host)
		return 400;
	req->keep_alive = req->version == 11 ? !close : keep && !close;
	return 0;
}

/* A decimal Content-Length, or -1. */
static long long
parse_length(const char *v, size_t n)
{
	long long x = 0;

	if (n == 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (!isdigit((unsigned char)v[i]) || x > (1LL << 50))
			return -1;
		x = x * 10 + (v[i] - '0');
	}
	return x;
}

int
http_parse_response(const char *head, size_t len, struct http_response *resp)
{
	size_t pos = 0, n;
	const char *line;

	memset(resp, 0, sizeof(*resp));
	resp->content_length = -1;
	if (!next_line(head, len, &pos, &line, &n) || n < 12)
		return -1;
	int v = parse_version(line, 8);
	if (v < 10 || v > 19 || line[8] != ' ' || (n > 12 && line[12] != ' '))
		return -1;
	resp->version = v % 10 ? 11 : 10;
	for (int i = 9; i < 12; i++) {
		if (!isdigit((unsigned char)line[i]))
			return -1;
		resp->status = resp->status * 10 + (line[i] - '0');
	}
	if (resp->status < 100)
		return -1;
	while (next_line(head, len, &pos, &line, &n) && n > 0) {
		size_t name_len, vlen;
		const char *val;
		if (!split_header(line, n, &name_len, &val, &vlen))
			return -1;
		if (header_is(line, name_len, "Content-Length")) {
			resp->content_length = parse_length(val, vlen);
			if (resp->content_length < 0)
				return -1;
		} else if (header_is(line, name_len, "Transfer-Encoding")) {
			resp->chunked = has_token(val, vlen, "chunked");
		} else if (header_is(line, name_len, "Content-Type")) {
			if (vlen < sizeof(resp->content_type)) {
				memcpy(resp->content_type, val, vlen);
				resp->content_type[vlen] = 0;
			}
		} else if (header_is(line, name_len, "Location")) {
			if (vlen >= sizeof(resp->location))
				return -1;
			memcpy(resp->location, val, vlen);
			resp->location[vlen] = 0;
		}
	}
	return 0;
}

const char *
http_reason(int status)
{
	static const struct { int status; const char *reason; } reasons[] = {
		{ 200, "OK" }, { 301, "Moved Permanently" }, { 302, "Found" },
		{ 304, "Not Modified" }, { 400, "Bad Request" }, { 403, "Forbidden" },
		{ 404, "Not Found" }, { 405, "Method Not Allowed" },
		{ 408, "Request Timeout" }, { 414, "URI Too Long" },
		{ 500, "Internal Server Error" }, { 501, "Not Implemented" },
		{ 505, "HTTP Version Not Supported" },
	};

	for (size_t i = 0; i < sizeof(reasons) / sizeof(reasons[0]); i++)
		if (reasons[i].status == status)
			return reasons[i].reason;
	return "";
}

const char *
http_content_type(const char *name)
{
	static const struct { const char *ext, *type; } types[] = {
		{ "html", "text/html" }, { "htm", "text/html" },
		{ "txt", "text/plain" }, { "c", "text/plain" }, { "h", "text/plain" },
		{ "sh", "text/plain" }, { "md", "text/plain" },
		{ "css", "text/css" }, { "js", "text/javascript" },
		{ "json", "application/json" }, { "xml", "application/xml" },
		{ "png", "image/png" }, { "jpg", "image/jpeg" }, { "jpeg", "image/jpeg" },
		{ "gif", "image/gif" }, { "svg", "image/svg+xml" }, { "ico", "image/x-icon" },
		{ "pdf", "application/pdf" }, { "gz", "application/gzip" },
		{ "tar", "application/x-tar" }, { "wasm", "application/wasm" },
	};
	const char *slash = strrchr(name, '/');
	const char *dot = strrchr(slash ? slash : name, '.');

	if (dot && dot[1])
		for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++)
			if (strcasecmp(dot + 1, types[i].ext) == 0)
				return types[i].type;
	return "application/octet-stream";
}

int
http_parse_url(const char *url, struct http_url *u)
{
	const char *p = url;

	memset(u, 0, sizeof(*u));
	if (strncasecmp(p, "http://", 7) != 0)
		return -1;
	p += 7;
	for (const char *q = p; *q; q++)
		if ((unsigned char)*q <= ' ' || *q == 0x7f)
			return -1;
	size_t h = strcspn(p, ":/?#");
	if (h == 0 || h >= sizeof(u->host))
		return -1;
	memcpy(u->host, p, h);
	u->host[h] = 0;
	p += h;
	u->port = 80;
	if (*p == ':') {
		long port = 0;
		int digits = 0;
		for (p++; isdigit((unsigned char)*p); p++, digits++)
			if ((port = port * 10 + (*p - '0')) > 65535)
				return -1;
		if (!digits || port == 0)
			return -1;
		u->port = (int)port;
	}
	if (*p && *p != '/' && *p != '?' && *p != '#')
		return -1;
	size_t n = strcspn(p, "#");
	if (n + 2 > sizeof(u->path))
		return -1;
	if (*p != '/')
		u->path[0] = '/';
	strncat(u->path, p, n);
	return 0;
}

void
http_url_filename(const char *path, char *out, size_t size)
{
	size_t n = strcspn(path, "?#");
	const char *name = path;

	for (size_t i = 0; i < n; i++)
		if (path[i] == '/')
			name = path + i + 1;
	n -= name - path;
	if (n == 0 || (n == 1 && name[0] == '.') || (n == 2 && name[0] == '.' && name[1] == '.'))
		snprintf(out, size, "index.html");
	else
		snprintf(out, size, "%.*s", (int)n, name);
}
