/*
 * netpool.c - the address pool of containers and the privileged half of
 * joining one to the host's network (see netpool.h).
 *
 * Two isolates starting at once must not take the same block: the choice
 * of a block and the making of its pair happen under a write lock on
 * NETPOOL_LOCK (fcntl, released when the file is closed or the process
 * ends), so the second one sees the first one's address.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "netpool.h"
#include "rtnl.h"
#include "accounts.h"	/* sys_path */

#define FORWARD_SYSCTL "/proc/sys/net/ipv4/ip_forward"

static uint32_t
mask_of(int plen)
{
	return plen ? htonl(0xffffffffu << (32 - plen)) : 0;
}

int
netpool_read(const char *conf, uint32_t *net, int *plen)
{
	char line[256];
	FILE *f = fopen(conf, "r");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		char addr[64], extra[2];
		unsigned n;
		struct in_addr in;
		char *hash = strchr(line, '#');

		if (hash)
			*hash = '\0';
		if (sscanf(line, " pool %63[0-9.]/%u %1s", addr, &n, extra) != 2)
			continue;
		fclose(f);
		if (inet_pton(AF_INET, addr, &in) != 1 || n < NETPOOL_MIN_PLEN || n > 28) {
			errno = EINVAL;
			return -1;
		}
		*plen = (int)n;
		*net = in.s_addr & mask_of((int)n);
		return 0;
	}
	fclose(f);
	errno = ENOENT;
	return -1;
}

/* The blocks some address of the host's namespace is in, one bit each. */
struct used_blocks {
	uint32_t net;		/* the pool, host order */
	int plen;
	unsigned char *bits;	/* 1 << (NETPOOL_PLEN - plen) of them */
};

static int
mark_used(int ifindex, uint32_t addr, int plen, void *arg)
{
	struct used_blocks *u = arg;
	uint32_t a = ntohl(addr);
	uint32_t mask = u->plen ? 0xffffffffu << (32 - u->plen) : 0;

	(void)ifindex;
	(void)plen;
	if ((a & mask) == u->net) {
		uint32_t block = (a - u->net) >> (32 - NETPOOL_PLEN);
		u->bits[block / 8] |= (unsigned char)(1u << (block % 8));
	}
	return 0;
}

/* Turn forwarding on; already on costs a read only. */
static int
forward_on(void)
{
	char c = '0';
	int fd = open(FORWARD_SYSCTL, O_RDWR | O_CLOEXEC);

	if (fd < 0)
		return -1;
	if (read(fd, &c, 1) == 1 && c == '1') {
		close(fd);
		return 0;
	}
	int rc = pwrite(fd, "1\n", 2, 0) == 2 ? 0 : -1;
	int saved = errno;
	close(fd);
	errno = saved;
	return rc;
}

static int
lock_pool(void)
{
	struct flock lk = { .l_type = F_WRLCK, .l_whence = SEEK_SET };
	int fd = open(sys_path(NETPOOL_LOCK), O_RDWR | O_CREAT | O_CLOEXEC, 0600);

	if (fd < 0)
		return -1;
	while (fcntl(fd, F_SETLKW, &lk) < 0) {
		if (errno != EINTR) {
			int saved = errno;
			close(fd);
			errno = saved;
			return -1;
		}
	}
	return fd;
}

/* Choose a free block and make its pair, under the lock. */
static int
attach_locked(int rt, int netns_fd, uint32_t net, int plen, struct netpool_lease *lease,
    const char **step)
{
	unsigned nblocks = 1u << (NETPOOL_PLEN - plen);
	unsigned char bits[(1u << (NETPOOL_PLEN - NETPOOL_MIN_PLEN)) / 8];
	struct used_blocks used = { ntohl(net), plen, bits };
	unsigned block;
	int ifindex;

	memset(bits, 0, (nblocks + 7) / 8);
	/* Block 0 holds the pool's network address: never given out. */
	bits[0] |= 1;
	*step = "RTM_GETADDR";
	if (rtnl_addr_walk(rt, mark_used, &used) < 0)
		return -1;
	for (block = 0; block < nblocks; block++)
		if (!(bits[block / 8] & (1u << (block % 8))))
			break;
	if (block == nblocks) {
		*step = "pool";
		errno = EADDRNOTAVAIL;
		return -1;
	}
	uint32_t base = ntohl(net) + (block << (32 - NETPOOL_PLEN));
	lease->host_addr = htonl(base + 1);
	lease->inner_addr = htonl(base + 2);
	lease->plen = NETPOOL_PLEN;
	snprintf(lease->host_dev, sizeof(lease->host_dev), "iso%u", block);
	*step = lease->host_dev;
	if (rtnl_veth_add(rt, lease->host_dev, "eth0", netns_fd) < 0)
		return -1;
	ifindex = rtnl_ifindex(rt, lease->host_dev);
	if (ifindex < 0 || rtnl_addr_add(rt, ifindex, lease->host_addr, lease->plen) < 0 ||
	    rtnl_link_up(rt, ifindex, 1) < 0) {
		int saved = errno;
		if (ifindex >= 0)
			rtnl_link_del(rt, ifindex);
		errno = saved;
		return -1;
	}
	return 0;
}

int
netpool_attach(int netns_fd, struct netpool_lease *lease, const char **step)
{
	uint32_t net;
	int plen, rt, lock, rc, saved;

	*step = NETPOOL_CONF;
	if (netpool_read(sys_path(NETPOOL_CONF), &net, &plen) < 0)
		return -1;
	*step = NETPOOL_LOCK;
	lock = lock_pool();
	if (lock < 0)
		return -1;
	*step = "socket(AF_NETLINK)";
	rt = rtnl_open();
	if (rt < 0) {
		saved = errno;
		close(lock);
		errno = saved;
		return -1;
	}
	rc = attach_locked(rt, netns_fd, net, plen, lease, step);
	if (rc == 0) {
		*step = FORWARD_SYSCTL;
		rc = forward_on();
	}
	saved = errno;
	close(rt);
	close(lock);
	errno = saved;
	return rc;
}

int
netpool_lease_format(const struct netpool_lease *lease, char *buf, size_t size)
{
	char host[INET_ADDRSTRLEN], inner[INET_ADDRSTRLEN];
	int n;

	inet_ntop(AF_INET, &lease->host_addr, host, sizeof(host));
	inet_ntop(AF_INET, &lease->inner_addr, inner, sizeof(inner));
	n = snprintf(buf, size, "%s %s %s %d\n", lease->host_dev, host, inner, lease->plen);
	return n < 0 || (size_t)n >= size ? -1 : 0;
}

int
netpool_lease_parse(const char *line, struct netpool_lease *lease)
{
	char dev[IFNAMSIZ + 1], host[INET_ADDRSTRLEN], inner[INET_ADDRSTRLEN], extra[2];
	int plen;

	if (sscanf(line, "%16s %15s %15s %d %1s", dev, host, inner, &plen, extra) != 4 ||
	    strlen(dev) >= IFNAMSIZ || plen < 8 || plen > 30 ||
	    inet_pton(AF_INET, host, &lease->host_addr) != 1 ||
	    inet_pton(AF_INET, inner, &lease->inner_addr) != 1)
		return -1;
	strcpy(lease->host_dev, dev);
	lease->plen = plen;
	return 0;
}
