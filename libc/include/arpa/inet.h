/* arpa/inet.h - text forms of IPv4 addresses (libc/src/inet.c). */
#ifndef _ARPA_INET_H
#define _ARPA_INET_H

#include <sys/cdefs.h>
#include <netinet/in.h>

__BEGIN_DECLS

/* AF_INET only: 1, 0 when src is no address, -1 (EAFNOSUPPORT). */
int inet_pton(int af, const char *src, void *dst);
/* dst, or NULL (ENOSPC, EAFNOSUPPORT). */
const char *inet_ntop(int af, const void *src, char *dst, socklen_t size);
int inet_aton(const char *cp, struct in_addr *inp);
in_addr_t inet_addr(const char *cp);
char *inet_ntoa(struct in_addr in);

__END_DECLS

#endif
