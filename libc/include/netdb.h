/* netdb.h - name-to-address translation (libc/src/netdb.c).
 *
 * getaddrinfo knows IPv4 only: numeric addresses in inet_aton's forms,
 * and names from /etc/hosts (no DNS: the system reaches no resolver).
 * Services are decimal port numbers (there is no /etc/services, so a
 * service name fails with EAI_SERVICE).  Results come in glibc's order:
 * one entry per socket type (stream/TCP, datagram/UDP, raw) for each
 * address, unless hints ask for one type; ai_canonname on the first. */
#ifndef _NETDB_H
#define _NETDB_H

#include <sys/cdefs.h>
#include <sys/socket.h>
#include <netinet/in.h>

__BEGIN_DECLS

struct addrinfo {
	int ai_flags;
	int ai_family;
	int ai_socktype;
	int ai_protocol;
	socklen_t ai_addrlen;
	struct sockaddr *ai_addr;
	char *ai_canonname;
	struct addrinfo *ai_next;
};

/* ai_flags */
#define AI_PASSIVE	0x0001	/* no node: the wildcard address, not loopback */
#define AI_CANONNAME	0x0002
#define AI_NUMERICHOST	0x0004
#define AI_V4MAPPED	0x0008
#define AI_ALL		0x0010
#define AI_ADDRCONFIG	0x0020
#define AI_NUMERICSERV	0x0400

/* Results of getaddrinfo (glibc's values). */
#define EAI_BADFLAGS	-1
#define EAI_NONAME	-2
#define EAI_AGAIN	-3
#define EAI_FAIL	-4
#define EAI_FAMILY	-6
#define EAI_SOCKTYPE	-7
#define EAI_SERVICE	-8
#define EAI_MEMORY	-10
#define EAI_SYSTEM	-11
#define EAI_OVERFLOW	-12

#define NI_MAXHOST	1025
#define NI_MAXSERV	32

/* 0, or an EAI_* value (EAI_SYSTEM: see errno). */
int getaddrinfo(const char *node, const char *service,
		const struct addrinfo *hints, struct addrinfo **res);
void freeaddrinfo(struct addrinfo *res);
/* glibc's message for an EAI_* value. */
const char *gai_strerror(int errcode);

__END_DECLS

#endif
