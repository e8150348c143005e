/* socket.c - the socket system calls (sys/socket.h). */
#include <sys/socket.h>
#include <time.h>
#include "syscall.h"

int socket(int domain, int type, int protocol)
{
	return SC3(SYS_socket, domain, type, protocol);
}

int socketpair(int domain, int type, int protocol, int sv[2])
{
	return SC4(SYS_socketpair, domain, type, protocol, sv);
}

int bind(int fd, const struct sockaddr *addr, socklen_t len)
{
	return SC3(SYS_bind, fd, addr, len);
}

int listen(int fd, int backlog)
{
	return SC2(SYS_listen, fd, backlog);
}

int accept(int fd, struct sockaddr *addr, socklen_t *len)
{
	return SC4(SYS_accept4, fd, addr, len, 0);
}

int accept4(int fd, struct sockaddr *addr, socklen_t *len, int flags)
{
	return SC4(SYS_accept4, fd, addr, len, flags);
}

int connect(int fd, const struct sockaddr *addr, socklen_t len)
{
	return SC3(SYS_connect, fd, addr, len);
}

int shutdown(int fd, int how)
{
	return SC2(SYS_shutdown, fd, how);
}

int getsockname(int fd, struct sockaddr *addr, socklen_t *len)
{
	return SC3(SYS_getsockname, fd, addr, len);
}

int getpeername(int fd, struct sockaddr *addr, socklen_t *len)
{
	return SC3(SYS_getpeername, fd, addr, len);
}

ssize_t sendto(int fd, const void *buf, size_t len, int flags,
	       const struct sockaddr *addr, socklen_t alen)
{
	return SC6(SYS_sendto, fd, buf, len, flags, addr, alen);
}

ssize_t recvfrom(int fd, void *buf, size_t len, int flags,
		 struct sockaddr *addr, socklen_t *alen)
{
	return SC6(SYS_recvfrom, fd, buf, len, flags, addr, alen);
}

ssize_t send(int fd, const void *buf, size_t len, int flags)
{
	return sendto(fd, buf, len, flags, 0, 0);
}

ssize_t recv(int fd, void *buf, size_t len, int flags)
{
	return recvfrom(fd, buf, len, flags, 0, 0);
}

ssize_t sendmsg(int fd, const struct msghdr *msg, int flags)
{
	return SC3(SYS_sendmsg, fd, msg, flags);
}

ssize_t recvmsg(int fd, struct msghdr *msg, int flags)
{
	return SC3(SYS_recvmsg, fd, msg, flags);
}

int sendmmsg(int fd, struct mmsghdr *vec, unsigned int vlen, int flags)
{
	return SC4(SYS_sendmmsg, fd, vec, vlen, flags);
}

int recvmmsg(int fd, struct mmsghdr *vec, unsigned int vlen, int flags,
	     struct timespec *timeout)
{
	return SC5(SYS_recvmmsg, fd, vec, vlen, flags, timeout);
}

int setsockopt(int fd, int level, int name, const void *val, socklen_t len)
{
	return SC5(SYS_setsockopt, fd, level, name, val, len);
}

int getsockopt(int fd, int level, int name, void *val, socklen_t *len)
{
	return SC5(SYS_getsockopt, fd, level, name, val, len);
}
