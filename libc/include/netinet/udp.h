/* netinet/udp.h - the UDP header, as the UAPI <linux/udp.h> gives it. */
#ifndef _LIBC_NETINET_UDP_H
#define _LIBC_NETINET_UDP_H

#include <netinet/in.h>
#include <linux/udp.h>

#endif
