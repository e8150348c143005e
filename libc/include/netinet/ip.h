/* netinet/ip.h - the IPv4 header, as the UAPI <linux/ip.h> gives it. */
#ifndef _LIBC_NETINET_IP_H
#define _LIBC_NETINET_IP_H

#include <netinet/in.h>
#include <linux/ip.h>

#endif
