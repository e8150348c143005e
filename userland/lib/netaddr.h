/*
 * netaddr: IPv4 endpoints for the network tools (nc, httpd, wget): host
 * names through getaddrinfo, port numbers, and the usual socket set-ups.
 * Functions that fail set errno and return -1, except where said.
 */
#ifndef NETADDR_H
#define NETADDR_H

#include <netinet/in.h>
#include <stdbool.h>

/* The IPv4 address of host (numeric only, when numeric); 0, or an EAI_*
 * value for gai_strerror. */
int net_lookup(const char *host, bool numeric, struct in_addr *addr);

/* A decimal port, 0..65535, or -1. */
long net_port(const char *s);

/* addr:port as a sockaddr_in. */
struct sockaddr_in net_sockaddr(struct in_addr addr, int port);

/* A socket of type bound to sa (SO_REUSEADDR set), listening when it is
 * a stream socket; its descriptor. */
int net_listen(const struct sockaddr_in *sa, int type, int backlog);

/* Connects the socket fd to sa, waiting at most timeout_ms (-1: the
 * system's own limit; ETIMEDOUT past it); 0 or -1. */
int net_connect_fd(int fd, const struct sockaddr_in *sa, int timeout_ms);

/* A new socket of type connected to sa as net_connect_fd does; its
 * descriptor. */
int net_connect(const struct sockaddr_in *sa, int type, int timeout_ms);

#endif /* NETADDR_H */
