/* net/if.h - network interfaces: the UAPI <linux/if.h> (struct ifreq,
 * struct ifconf, IFF_*) and the name/index conversions (libc/src/inet.c). */
#ifndef _LIBC_NET_IF_H
#define _LIBC_NET_IF_H

#include <sys/cdefs.h>
#include <sys/socket.h>
#include <linux/if.h>

__BEGIN_DECLS

#define IF_NAMESIZE IFNAMSIZ

unsigned int if_nametoindex(const char *ifname);
char *if_indextoname(unsigned int ifindex, char *ifname);

__END_DECLS

#endif
