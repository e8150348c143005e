/*
 * netdb_cases: getaddrinfo's answers, one line per case, built once with
 * glibc (natively) and once with our libc (under qemu-riscv64); both read
 * the host's /etc/hosts, and tests/libc/compare-cases wants the same
 * lines.  Only what our libc promises is asked: IPv4, numeric services,
 * names from /etc/hosts ("localhost").
 */
#include <netdb.h>
#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

static int ncase;

static void show(const char *node, const char *service, int family, int socktype,
		 int protocol, int flags)
{
	struct addrinfo hints, *res;
	memset(&hints, 0, sizeof(hints));
	hints.ai_family = family;
	hints.ai_socktype = socktype;
	hints.ai_protocol = protocol;
	hints.ai_flags = flags;
	printf("case %d: %s %s:", ++ncase, node ? node : "(null)", service ? service : "(null)");
	int err = getaddrinfo(node, service, &hints, &res);
	if (err) {
		printf(" error %d %s\n", err, gai_strerror(err));
		return;
	}
	for (struct addrinfo *ai = res; ai; ai = ai->ai_next) {
		const struct sockaddr_in *sin = (const struct sockaddr_in *)ai->ai_addr;
		char a[INET_ADDRSTRLEN];
		inet_ntop(AF_INET, &sin->sin_addr, a, sizeof(a));
		printf(" [%d %d %d %u %s:%u%s%s]", ai->ai_family, ai->ai_socktype, ai->ai_protocol,
		       (unsigned)ai->ai_addrlen, a, ntohs(sin->sin_port),
		       ai->ai_canonname ? " " : "", ai->ai_canonname ? ai->ai_canonname : "");
	}
	printf("\n");
	freeaddrinfo(res);
}

int main(void)
{
	show("127.0.0.1", "80", AF_INET, SOCK_STREAM, 0, 0);
	show("127.0.0.1", NULL, AF_INET, 0, 0, 0);
	show("localhost", "8080", AF_INET, 0, 0, 0);
	show("LocalHost", "1", AF_UNSPEC, SOCK_DGRAM, 0, 0);
	show("localhost", NULL, AF_INET, SOCK_STREAM, 0, AI_CANONNAME);
	show("10.1.2.3", "65535", AF_INET, SOCK_STREAM, IPPROTO_TCP, AI_CANONNAME);
	show("1.2", "0", AF_INET, SOCK_STREAM, 0, 0);
	show("0x7f.1", "7", AF_INET, SOCK_STREAM, 0, 0);
	show(NULL, "80", AF_INET, SOCK_STREAM, 0, AI_PASSIVE);
	show(NULL, "80", AF_INET, SOCK_STREAM, 0, 0);
	show(NULL, NULL, AF_INET, SOCK_STREAM, 0, 0);
	show("localhost", "x", AF_INET, SOCK_STREAM, 0, AI_NUMERICSERV);
	show("localhost", "no-such-service", AF_INET, SOCK_STREAM, 0, 0);
	show("host.invalid", "80", AF_INET, SOCK_STREAM, 0, AI_NUMERICHOST);
	show("localhost", "99999", AF_INET, SOCK_STREAM, 0, 0);
	show("localhost", "80", AF_INET, 42, 0, 0);
	show("localhost", "80", 12345, 0, 0, 0);
	show("localhost", "80", AF_INET, SOCK_DGRAM, IPPROTO_UDP, 0);
	show("localhost", "80", AF_INET, 0, IPPROTO_TCP, 0);
	show("127.0.0.1", "80", AF_INET, SOCK_STREAM, 0, 0x8000);
	for (int e = -12; e <= 0; e++)
		if (e != -5 && e != -9)
			printf("case %d: gai_strerror(%d) %s\n", ++ncase, e, gai_strerror(e));
	return 0;
}
