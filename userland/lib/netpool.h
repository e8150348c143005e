/*
 * netpool.h - containers on a network: the pool of addresses isolate's
 * veth pairs take theirs from, and the privileged half of joining a
 * container to the host's network.
 *
 * The pool is set in /etc/isolate/net.conf (paths through sys_path) by a line "pool A.B.C.D/N"
 * (N from 16 to 28; '#' starts a comment).  Each container gets a block of
 * four addresses (a /30) of it: the first usable one for the host's end of
 * the pair, the second for the container's eth0, whose default route goes
 * through the host's end.  A block is free when no address of the host's
 * namespace lies in it.
 *
 * Joining (netpool_attach) needs CAP_NET_ADMIN over the host's namespace:
 * isolate does it itself when run by root, and through the set-user-ID
 * helper isolate-net (userland/sbin/isolate-net.c) otherwise, as newuidmap
 * does for uid maps.  It makes the pair "isoN" (N the block's number) with
 * its peer "eth0" in the container's network namespace, gives the host's
 * end its address, brings it up, and turns forwarding on.  When the
 * container's namespace goes, the kernel deletes both ends.
 */
#ifndef USERLAND_NETPOOL_H
#define USERLAND_NETPOOL_H

#include <net/if.h>
#include <stdint.h>

#define NETPOOL_CONF     "/etc/isolate/net.conf"
#define NETPOOL_LOCK     "/run/isolate-net.lock"
#define NETPOOL_HELPER   "/sbin/isolate-net"
#define NETPOOL_PLEN     30		/* each container's block */
#define NETPOOL_MIN_PLEN 16		/* the largest pool: 16384 blocks */

/* What a container was given (addresses in network order). */
struct netpool_lease {
	char host_dev[IFNAMSIZ];	/* the host's end, "isoN" */
	uint32_t host_addr;		/* its address: the container's gateway */
	uint32_t inner_addr;		/* the container's eth0 */
	int plen;			/* NETPOOL_PLEN */
};

/* The pool of conf: 0 with *net (network order) and *plen, or -1 (errno
 * ENOENT: no pool line; EINVAL: a bad one). */
int netpool_read(const char *conf, uint32_t *net, int *plen);

/*
 * Join the network namespace open as netns_fd to the host's through a
 * new veth pair (see above).  0 with *lease filled, or -1 with errno and
 * step naming what failed ("veth iso3", "pool") for the message.
 */
int netpool_attach(int netns_fd, struct netpool_lease *lease, const char **step);

/* The lease as one line "DEV HOSTADDR INNERADDR PLEN" (what isolate-net
 * prints) and back: 0, or -1 if the line is not one. */
int netpool_lease_format(const struct netpool_lease *lease, char *buf, size_t size);
int netpool_lease_parse(const char *line, struct netpool_lease *lease);

#endif
