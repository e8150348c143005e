/*
 * Numbers to words and back, as iproute2 names them (its /etc/iproute2
 * tables' built-in entries), and addresses to text and back.  IPv6
 * addresses are written and read here rather than by inet_ntop and
 * inet_pton, which in our libc know IPv4 only.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <limits.h>
#include <linux/if_arp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ip.h"

struct name {
	int value;
	const char *name;
};
#define NR(a)	(sizeof(a) / sizeof((a)[0]))

static const struct name scopes[] = {
	{ RT_SCOPE_UNIVERSE, "global" }, { RT_SCOPE_NOWHERE, "nowhere" },
	{ RT_SCOPE_HOST, "host" }, { RT_SCOPE_LINK, "link" }, { RT_SCOPE_SITE, "site" },
};
static const struct name protos[] = {
	{ RTPROT_UNSPEC, "unspec" }, { RTPROT_REDIRECT, "redirect" },
	{ RTPROT_KERNEL, "kernel" }, { RTPROT_BOOT, "boot" }, { RTPROT_STATIC, "static" },
	{ RTPROT_GATED, "gated" }, { RTPROT_RA, "ra" }, { RTPROT_MRT, "mrt" },
	{ RTPROT_ZEBRA, "zebra" }, { RTPROT_BIRD, "bird" }, { RTPROT_DNROUTED, "dnrouted" },
	{ RTPROT_XORP, "xorp" }, { RTPROT_NTK, "ntk" }, { RTPROT_DHCP, "dhcp" },
	{ RTPROT_KEEPALIVED, "keepalived" }, { RTPROT_BABEL, "babel" },
	{ RTPROT_BGP, "bgp" }, { RTPROT_ISIS, "isis" }, { RTPROT_OSPF, "ospf" },
	{ RTPROT_RIP, "rip" }, { RTPROT_EIGRP, "eigrp" },
};
static const struct name tables[] = {
	{ RT_TABLE_UNSPEC, "unspec" }, { RT_TABLE_DEFAULT, "default" },
	{ RT_TABLE_MAIN, "main" }, { RT_TABLE_LOCAL, "local" },
};
static const struct name rtntypes[] = {
	{ RTN_UNSPEC, "none" }, { RTN_UNICAST, "unicast" }, { RTN_LOCAL, "local" },
	{ RTN_BROADCAST, "broadcast" }, { RTN_ANYCAST, "anycast" },
	{ RTN_MULTICAST, "multicast" }, { RTN_BLACKHOLE, "blackhole" },
	{ RTN_UNREACHABLE, "unreachable" }, { RTN_PROHIBIT, "prohibit" },
	{ RTN_THROW, "throw" }, { RTN_NAT, "nat" }, { RTN_XRESOLVE, "xresolve" },
};
static const struct name link_types[] = {
	{ ARPHRD_ETHER, "ether" }, { ARPHRD_LOOPBACK, "loopback" },
	{ ARPHRD_NONE, "none" }, { ARPHRD_VOID, "void" }, { ARPHRD_IPGRE, "gre" },
	{ ARPHRD_TUNNEL, "ipip" }, { ARPHRD_SIT, "sit" }, { ARPHRD_PPP, "ppp" },
	{ ARPHRD_IEEE80211, "ieee802.11" }, { ARPHRD_INFINIBAND, "infiniband" },
};

static const char *
lookup(const struct name *t, size_t n, int value, char *buf, size_t len)
{
	for (size_t i = 0; i < n; i++)
		if (t[i].value == value)
			return t[i].name;
	snprintf(buf, len, "%d", value);
	return buf;
}

/* A word of the table or a number up to MAX. */
static int
parse(const struct name *t, size_t n, const char *s, unsigned int max, int *value)
{
	unsigned int v;

	for (size_t i = 0; i < n; i++)
		if (strcmp(t[i].name, s) == 0) {
			*value = t[i].value;
			return 0;
		}
	if (uint_parse(s, &v) < 0 || v > max)
		return -1;
	*value = v;
	return 0;
}

const char *
scope_name(int scope, char *buf, size_t len)
{
	return lookup(scopes, NR(scopes), scope, buf, len);
}

int
scope_parse(const char *s, int *scope)
{
	return parse(scopes, NR(scopes), s, 255, scope);
}

const char *
proto_name(int proto, char *buf, size_t len)
{
	return lookup(protos, NR(protos), proto, buf, len);
}

int
proto_parse(const char *s, int *proto)
{
	return parse(protos, NR(protos), s, 255, proto);
}

const char *
table_name(uint32_t table, char *buf, size_t len)
{
	if (table > INT_MAX) {
		snprintf(buf, len, "%u", table);
		return buf;
	}
	return lookup(tables, NR(tables), (int)table, buf, len);
}

int
table_parse(const char *s, uint32_t *table)
{
	int v;

	if (strcmp(s, "all") == 0) {
		*table = 0;
		return 0;
	}
	for (size_t i = 0; i < NR(tables); i++)
		if (strcmp(tables[i].name, s) == 0) {
			*table = tables[i].value;
			return 0;
		}
	if (parse(NULL, 0, s, UINT_MAX, &v) < 0)
		return -1;
	*table = (uint32_t)v;
	return 0;
}

const char *
rtntype_name(int type, char *buf, size_t len)
{
	return lookup(rtntypes, NR(rtntypes), type, buf, len);
}

int
rtntype_parse(const char *s, int *type)
{
	for (size_t i = 0; i < NR(rtntypes); i++)
		if (strcmp(rtntypes[i].name, s) == 0) {
			*type = rtntypes[i].value;
			return 0;
		}
	return -1;
}

const char *
link_type_name(int type, char *buf, size_t len)
{
	for (size_t i = 0; i < NR(link_types); i++)
		if (link_types[i].value == type)
			return link_types[i].name;
	snprintf(buf, len, "[%d]", type);
	return buf;
}

int
uint_parse(const char *s, unsigned int *v)
{
	char *end;
	unsigned long n;

	if (!*s || *s == '-')
		return -1;
	errno = 0;
	n = strtoul(s, &end, 0);
	if (errno || *end || n > UINT_MAX)
		return -1;
	*v = n;
	return 0;
}

/* RFC 5952 text, as glibc's inet_ntop writes it: the longest run of two
 * or more zero groups (the first of equals) as "::", and an IPv4 address
 * last when the first 96 bits are zero or ::ffff:0:0/96. */
static const char *
inet6_text(const unsigned char *a, char *buf, size_t size)
{
	unsigned int w[8];
	int best = -1, best_len = 0;
	char *p = buf;

	for (int i = 0; i < 8; i++)
		w[i] = a[2 * i] << 8 | a[2 * i + 1];
	for (int i = 0; i < 8; ) {
		int j = i;

		while (j < 8 && w[j] == 0)
			j++;
		if (j - i > best_len && j - i >= 2) {
			best = i;
			best_len = j - i;
		}
		i = j > i ? j : i + 1;
	}
	for (int i = 0; i < 8; i++) {
		if (i == best) {
			p += snprintf(p, size - (p - buf), "::");
			i += best_len - 1;
			continue;
		}
		if (i == 6 && best == 0 && (best_len == 6 || (best_len == 5 && w[5] == 0xffff))) {
			snprintf(p, size - (p - buf), "%s%u.%u.%u.%u", p[-1] != ':' ? ":" : "",
			    a[12], a[13], a[14], a[15]);
			return buf;
		}
		p += snprintf(p, size - (p - buf), "%s%x", p > buf && p[-1] != ':' ? ":" : "", w[i]);
	}
	return buf;
}

const char *
addr_text(int family, const void *data, size_t len, char *buf, size_t size)
{
	if (family == AF_INET && len == 4)
		return inet_ntop(AF_INET, data, buf, size);
	if (family == AF_INET6 && len == 16)
		return inet6_text(data, buf, size);
	return lladdr_text(data, len, buf, size);
}

const char *
lladdr_text(const unsigned char *a, size_t len, char *buf, size_t size)
{
	size_t off = 0;

	buf[0] = 0;
	for (size_t i = 0; i < len && off + 3 < size; i++)
		off += snprintf(buf + off, size - off, i ? ":%02x" : "%02x", a[i]);
	return buf;
}

int
lladdr_parse(const char *s, unsigned char *a, size_t size, char *bad, size_t badlen)
{
	size_t n = 0;

	for (;;) {
		const char *colon = strchr(s, ':');
		size_t len = colon ? (size_t)(colon - s) : strlen(s);
		unsigned long byte;
		char *end;

		/* As sscanf("%x"): the leading hex digits count, the rest not. */
		byte = strtoul(s, &end, 16);
		if (n == size || len == 0 || end == s || end > s + len || byte > 255) {
			snprintf(bad, badlen, "%.*s", (int)len, s);
			return -1;
		}
		a[n++] = byte;
		if (!colon)
			return (int)n;
		s = colon + 1;
	}
}

/* One group of up to four hex digits at *P, or -1. */
static int
inet6_group(const char **p)
{
	int v = 0, n = 0;

	for (; n < 4; n++, (*p)++) {
		int c = **p;

		if (c >= '0' && c <= '9')
			v = v * 16 + c - '0';
		else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
			v = v * 16 + (c | 0x20) - 'a' + 10;
		else
			break;
	}
	return n ? v : -1;
}

/* IPv6 text to 16 bytes: up to eight groups, one "::" for a run of zero
 * groups, an IPv4 address as the last two.  0, or -1 when S is none. */
static int
inet6_parse(const char *s, unsigned char *a)
{
	unsigned int w[8];
	int n = 0, gap = -1;

	if (s[0] == ':') {
		if (s[1] != ':')
			return -1;
		gap = 0;
		s += 2;
	}
	while (*s) {
		const char *colon = strchr(s, ':'), *dot = strchr(s, '.');
		int v;

		if (dot && !colon) {	/* the IPv4 tail */
			unsigned char v4[4];

			if (n > 6 || inet_pton(AF_INET, s, v4) != 1)
				return -1;
			w[n++] = v4[0] << 8 | v4[1];
			w[n++] = v4[2] << 8 | v4[3];
			break;
		}
		if (n == 8 || (v = inet6_group(&s)) < 0)
			return -1;
		w[n++] = v;
		if (!*s)
			break;
		if (*s++ != ':' || !*s)
			return -1;
		if (*s == ':') {
			if (gap >= 0)
				return -1;
			gap = n;
			s++;
		}
	}
	if (gap < 0 ? n != 8 : n > 7)
		return -1;
	memset(a, 0, 16);
	for (int i = 0, j = 0; i < n; i++, j++) {
		if (i == gap)
			j += 8 - n;
		a[2 * j] = w[i] >> 8;
		a[2 * j + 1] = w[i] & 0xff;
	}
	return 0;
}

int
prefix_parse(const char *s, int family, int allow_default, struct prefix *p)
{
	char host[64];
	const char *slash = strchr(s, '/');
	size_t hlen = slash ? (size_t)(slash - s) : strlen(s);

	memset(p, 0, sizeof(*p));
	if (allow_default && (strcmp(s, "default") == 0 || strcmp(s, "any") == 0 ||
	    strcmp(s, "all") == 0)) {
		p->family = family == AF_UNSPEC ? AF_INET : family;
		return 0;
	}
	if (hlen >= sizeof(host))
		return -1;
	memcpy(host, s, hlen);
	host[hlen] = 0;
	if (family == AF_INET6 || (family == AF_UNSPEC && strchr(host, ':'))) {
		if (inet6_parse(host, p->data) < 0)
			return -1;
		p->family = AF_INET6;
		p->bytes = 16;
	} else if (family == AF_UNSPEC || family == AF_INET) {
		if (inet_pton(AF_INET, host, p->data) != 1)
			return -1;
		p->family = AF_INET;
		p->bytes = 4;
	} else {
		return -1;
	}
	p->bits = p->bytes * 8;
	if (slash) {
		unsigned int len;

		if (uint_parse(slash + 1, &len) < 0 || len > (unsigned int)p->bits)
			return -1;
		p->bits = len;
		p->has_len = 1;
	}
	return 0;
}

static const char *
family_word(int family)
{
	return family == AF_INET ? "inet" : family == AF_INET6 ? "inet6" : "any valid";
}

void
prefix_need(const char *s, int family, struct prefix *p)
{
	if (prefix_parse(s, family, 1, p) < 0) {
		fprintf(stderr, "Error: %s prefix is expected rather than \"%s\".\n",
		    family_word(family), s);
		exit(1);
	}
}

void
addr_need(const char *s, int family, struct prefix *p)
{
	if (prefix_parse(s, family, 0, p) < 0 || p->has_len) {
		fprintf(stderr, "Error: %s address is expected rather than \"%s\".\n",
		    family_word(family), s);
		exit(1);
	}
}
