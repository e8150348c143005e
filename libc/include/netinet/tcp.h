/* netinet/tcp.h - TCP options (TCP_NODELAY, TCP_MAXSEG, ...) and the
 * header, as the UAPI <linux/tcp.h> gives them. */
#ifndef _LIBC_NETINET_TCP_H
#define _LIBC_NETINET_TCP_H

#include <netinet/in.h>
#include <linux/tcp.h>

#endif
