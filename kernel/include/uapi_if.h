/*
 * <linux/if.h> for the kernel: the UAPI header includes glibc's
 * <sys/socket.h> for struct sockaddr, which a freestanding kernel cannot
 * build.  The kernel defines struct sockaddr itself (Linux's layout) and
 * keeps glibc's header out by its include guard.
 */
#ifndef KERNEL_UAPI_IF_H
#define KERNEL_UAPI_IF_H

#include <linux/socket.h>

typedef __kernel_sa_family_t sa_family_t;

struct sockaddr {
	sa_family_t sa_family;
	char sa_data[14];
};

#define _SYS_SOCKET_H 1
#include <linux/if.h>

#endif
