/*
 * Host tests of names.c: addresses as ip writes and reads them (IPv6 as
 * glibc's inet_ntop writes it, the oracle here), and the words of the
 * route tables.  Prints PASS/FAIL lines (tests/ip/ip.mk runs it).
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

#include "ip.h"

static int failed;

static void
check(const char *name, int ok, const char *got)
{
	if (ok) {
		printf("PASS ip-names-%s\n", name);
	} else {
		printf("FAIL ip-names-%s: got '%s'\n", name, got);
		failed = 1;
	}
}

static void
check_inet6(const char *text)
{
	unsigned char a[16];
	char ours[ADDR_TEXT_LEN], glibc[INET6_ADDRSTRLEN];
	char name[80];

	inet_pton(AF_INET6, text, a);
	inet_ntop(AF_INET6, a, glibc, sizeof(glibc));
	addr_text(AF_INET6, a, 16, ours, sizeof(ours));
	snprintf(name, sizeof(name), "inet6-%s", text);
	check(name, strcmp(ours, glibc) == 0, ours);
}

/* Our reading of TEXT agrees with glibc's inet_pton, good or bad. */
static void
check_inet6_parse(const char *text)
{
	unsigned char glibc[16];
	struct prefix p;
	int theirs = inet_pton(AF_INET6, text, glibc) == 1;
	int ours = prefix_parse(text, AF_INET6, 0, &p) == 0;
	char name[80];

	snprintf(name, sizeof(name), "inet6-read-%s", text);
	check(name, ours == theirs && (!ours || memcmp(p.data, glibc, 16) == 0),
	    ours ? "accepted" : "refused");
}

int
main(void)
{
	static const char *const inet6_in[] = {
		"::", "::1", "1::", "fe80::1", "2001:DB8::a:B", "1:2:3:4:5:6:7:8",
		"1:2:3:4:5:6:7::", "::2:3:4:5:6:7:8", "::ffff:10.1.2.3", "1::2:3.4.5.6",
		":", ":::", "1:::2", "1::2::3", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7",
		"12345::", "1:", ":1", "g::", "::1.2.3", "1:2:3:4:5:6:7:1.2.3.4",
		"::1.2.3.4:5",
	};
	static const char *const inet6[] = {
		"::", "::1", "fe80::1", "2001:db8::", "2001:db8:0:0:1:0:0:1",
		"2001:0:0:1::1", "1:2:3:4:5:6:7:8", "::ffff:10.1.2.3", "::10.1.2.3",
		"ff02::16", "1::", "0:0:1::", "1:0:0:0:2:0:0:3",
	};
	unsigned char mac[8];
	char buf[64];
	struct prefix p;
	uint32_t table;
	unsigned int v;
	int n;

	for (size_t i = 0; i < sizeof(inet6) / sizeof(inet6[0]); i++)
		check_inet6(inet6[i]);
	for (size_t i = 0; i < sizeof(inet6_in) / sizeof(inet6_in[0]); i++)
		check_inet6_parse(inet6_in[i]);
	check("prefix-inet6", prefix_parse("2001:db8::1/64", AF_UNSPEC, 0, &p) == 0 &&
	    p.family == AF_INET6 && p.bits == 64 && p.bytes == 16 && p.data[15] == 1, "");
	check("prefix-inet6-bad", prefix_parse("::1/129", AF_UNSPEC, 0, &p) < 0 &&
	    prefix_parse("10.0.0.1", AF_INET6, 0, &p) < 0 &&
	    prefix_parse("::1", AF_INET, 0, &p) < 0, "accepted");

	n = lladdr_parse("02:00:0a:ff:1:2", mac, sizeof(mac), buf, sizeof(buf));
	check("lladdr", n == 6 && strcmp(lladdr_text(mac, 6, buf, sizeof(buf)),
	    "02:00:0a:ff:01:02") == 0, buf);
	/* The piece named in "\"%s\" is invalid lladdr." */
	check("lladdr-bad", lladdr_parse("zz", mac, sizeof(mac), buf, sizeof(buf)) < 0 &&
	    strcmp(buf, "zz") == 0, buf);
	check("lladdr-bad-middle", lladdr_parse("02:g0:03", mac, sizeof(mac), buf, sizeof(buf)) < 0 &&
	    strcmp(buf, "g0") == 0, buf);
	check("lladdr-junk", lladdr_parse("02:0g:03", mac, sizeof(mac), buf, sizeof(buf)) == 3 &&
	    mac[1] == 0, "refused");
	check("lladdr-bad-end", lladdr_parse("1:2:", mac, sizeof(mac), buf, sizeof(buf)) < 0 &&
	    strcmp(buf, "") == 0, buf);
	check("lladdr-bad-byte", lladdr_parse("123:4", mac, sizeof(mac), buf, sizeof(buf)) < 0 &&
	    strcmp(buf, "123") == 0, buf);

	check("prefix", prefix_parse("10.200.0.1/24", AF_UNSPEC, 0, &p) == 0 &&
	    p.family == AF_INET && p.bits == 24 && p.has_len && p.bytes == 4 &&
	    p.data[0] == 10 && p.data[3] == 1, "");
	check("prefix-host", prefix_parse("10.0.0.9", AF_UNSPEC, 0, &p) == 0 &&
	    p.bits == 32 && !p.has_len, "");
	check("prefix-default", prefix_parse("default", AF_UNSPEC, 1, &p) == 0 &&
	    p.bytes == 0 && p.bits == 0, "");
	check("prefix-bad", prefix_parse("1.2.3.4.5", AF_UNSPEC, 1, &p) < 0 &&
	    prefix_parse("10.0.0.0/33", AF_UNSPEC, 1, &p) < 0 &&
	    prefix_parse("default", AF_UNSPEC, 0, &p) < 0, "accepted");

	check("table-local", table_parse("local", &table) == 0 && table == RT_TABLE_LOCAL, "");
	check("table-all", table_parse("all", &table) == 0 && table == 0, "");
	check("table-number", table_parse("1000", &table) == 0 && table == 1000, "");
	check("table-name", strcmp(table_name(RT_TABLE_MAIN, buf, sizeof(buf)), "main") == 0 &&
	    strcmp(table_name(100, buf, sizeof(buf)), "100") == 0, buf);
	check("scope", strcmp(scope_name(RT_SCOPE_LINK, buf, sizeof(buf)), "link") == 0 &&
	    strcmp(scope_name(7, buf, sizeof(buf)), "7") == 0, buf);
	check("uint", uint_parse("1400", &v) == 0 && v == 1400 && uint_parse("-1", &v) < 0 &&
	    uint_parse("abc", &v) < 0 && uint_parse("", &v) < 0, "");
	return failed;
}
