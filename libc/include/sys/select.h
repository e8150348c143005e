/*
 * sys/select.h - select() with the kernel's fd_set: 1024 bits in longs.
 */
#ifndef _SYS_SELECT_H
#define _SYS_SELECT_H

#include <sys/cdefs.h>
#include <sys/types.h>
#include <sys/_sigset.h>
#include <sys/_timeval.h>
#include <sys/_timespec.h>

__BEGIN_DECLS

#define FD_SETSIZE 1024
#define __NFDBITS  (8 * (int)sizeof(unsigned long))
#define NFDBITS    __NFDBITS

typedef unsigned long fd_mask;

typedef struct {
	unsigned long fds_bits[FD_SETSIZE / (8 * sizeof(unsigned long))];
} fd_set;

#define FD_ZERO(s)  __builtin_memset((s), 0, sizeof(fd_set))
#define FD_SET(d, s) \
	((s)->fds_bits[(d) / __NFDBITS] |= (1UL << ((d) % __NFDBITS)))
#define FD_CLR(d, s) \
	((s)->fds_bits[(d) / __NFDBITS] &= ~(1UL << ((d) % __NFDBITS)))
#define FD_ISSET(d, s) \
	(((s)->fds_bits[(d) / __NFDBITS] & (1UL << ((d) % __NFDBITS))) != 0)

int select(int nfds, fd_set *readfds, fd_set *writefds, fd_set *exceptfds,
	   struct timeval *timeout);
int pselect(int nfds, fd_set *readfds, fd_set *writefds, fd_set *exceptfds,
	    const struct timespec *timeout, const __sigset_t *mask);

__END_DECLS

#endif /* _SYS_SELECT_H */
