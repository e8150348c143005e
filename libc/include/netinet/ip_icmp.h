/* netinet/ip_icmp.h - ICMP messages, as the UAPI <linux/icmp.h> gives
 * them (struct icmphdr, ICMP_ECHO, ...). */
#ifndef _LIBC_NETINET_IP_ICMP_H
#define _LIBC_NETINET_IP_ICMP_H

#include <netinet/in.h>
#include <netinet/ip.h>
#include <linux/icmp.h>

#endif
