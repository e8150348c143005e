/* netinet/ip_icmp.h - ICMP messages, as the UAPI <linux/icmp.h> gives
 * them (struct icmphdr, ICMP_ECHO, ...). */
#ifndef _LIBC_NETINET_IP_ICMP_H
#define _LIBC_NETINET_IP_ICMP_H

#include <netinet/in.h>
#include <netinet/ip.h>
/* picolibc's <sys/cdefs.h> makes __unused an attribute, which would take
 * the name out of struct icmphdr's frag.__unused and move frag.mtu onto
 * its place: the UAPI header is read without it. */
#pragma push_macro("__unused")
#undef __unused
#include <linux/icmp.h>
#pragma pop_macro("__unused")

#endif
