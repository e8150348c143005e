/* netinet/in.h - IPv4 addresses and protocols: the kernel's UAPI
 * <linux/in.h> (struct sockaddr_in, IPPROTO_*, INADDR_*, IP_* options)
 * and the byte-order conversions. */
#ifndef _LIBC_NETINET_IN_H
#define _LIBC_NETINET_IN_H

#include <sys/cdefs.h>
#include <sys/socket.h>
#include <stdint.h>
#include <linux/in.h>

__BEGIN_DECLS

typedef uint32_t in_addr_t;
typedef uint16_t in_port_t;

#define INET_ADDRSTRLEN 16
#define IPPORT_RESERVED 1024

static inline uint16_t htons(uint16_t v) { return __builtin_bswap16(v); }
static inline uint16_t ntohs(uint16_t v) { return __builtin_bswap16(v); }
static inline uint32_t htonl(uint32_t v) { return __builtin_bswap32(v); }
static inline uint32_t ntohl(uint32_t v) { return __builtin_bswap32(v); }

__END_DECLS

#endif
