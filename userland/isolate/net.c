/*
 * net.c - the container's network (--net, --publish; see netpool.h for
 * the pool and the veth pair).
 *
 *   none  a network namespace of its own with only lo, brought up;
 *   host  the caller's network namespace, shared;
 *   veth  as none, plus eth0: one end of a veth pair whose other end is
 *         in the caller's namespace, an address from the pool, and a
 *         default route through the host's end.  The default when the
 *         machine has a pool (NETPOOL_CONF) and isolate can use it: run
 *         by root, or with the set-user-ID helper NETPOOL_HELPER.
 *
 * The pair can only be made once the container's namespace exists and
 * only from the caller's side, so with veth the child of clone() waits
 * (a pipe, as the classic design has it) until isolate has made the pair
 * and sends it the lease; then it sets its side up itself, as root of its
 * own user namespace.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "isolate.h"
#include "rtnl.h"
#include "accounts.h"	/* sys_path */

/* Root of the initial user namespace, whose uid_map maps every id to
 * itself (a container's root is not: it cannot touch the host's network). */
static int
initial_root(void)
{
	char buf[64];
	unsigned long inside, outside, count;
	ssize_t n;
	int fd;

	if (geteuid() != 0)
		return 0;
	fd = open("/proc/self/uid_map", O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return 0;
	buf[n] = '\0';
	return sscanf(buf, "%lu %lu %lu", &inside, &outside, &count) == 3 && inside == 0 &&
	    outside == 0 && count == 4294967295ul;
}

void
container_net_resolve(struct isolate_options *opts)
{
	struct stat st;
	uint32_t net;
	int plen;

	if (opts->net != ISOLATE_NET_DEFAULT)
		return;
	opts->net = ISOLATE_NET_NONE;
	if (netpool_read(sys_path(NETPOOL_CONF), &net, &plen) < 0)
		return;
	if (initial_root() ||
	    (stat(sys_path(NETPOOL_HELPER), &st) == 0 && st.st_uid == 0 && (st.st_mode & S_ISUID)))
		opts->net = ISOLATE_NET_VETH;
}

/* Run the helper for child and read its one line. */
static int
attach_by_helper(pid_t child, struct netpool_lease *lease)
{
	char arg[16], line[128];
	int out[2], status;
	size_t len = 0;
	ssize_t n;
	pid_t pid;

	snprintf(arg, sizeof(arg), "%d", (int)child);
	if (told(pipe2(out, O_CLOEXEC), "pipe2()") < 0)
		return step_failed("pipe2", NETPOOL_HELPER);
	tell("%s %s", NETPOOL_HELPER, arg);
	pid = fork();
	if (pid < 0) {
		close(out[0]);
		close(out[1]);
		return step_failed("fork", NETPOOL_HELPER);
	}
	if (pid == 0) {
		dup2(out[1], STDOUT_FILENO);
		execl(sys_path(NETPOOL_HELPER), "isolate-net", arg, (char *)NULL);
		_exit(127);
	}
	close(out[1]);
	while (len < sizeof(line) - 1 && (n = read(out[0], line + len, sizeof(line) - 1 - len)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			break;
		len += (size_t)n;
	}
	line[len] = '\0';
	close(out[0]);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	/* The helper said why on standard error. */
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		errno = WIFEXITED(status) && WEXITSTATUS(status) == 127 ? ENOENT : EPERM;
		return step_failed("veth", NETPOOL_HELPER);
	}
	if (netpool_lease_parse(line, lease) < 0) {
		errno = EPROTO;
		return step_failed("veth", NETPOOL_HELPER);
	}
	return 0;
}

int
container_net_attach(pid_t child, struct netpool_lease *lease)
{
	char path[64], host[INET_ADDRSTRLEN], inner[INET_ADDRSTRLEN];
	const char *step;
	int fd, rc;

	if (geteuid() != 0) {
		rc = attach_by_helper(child, lease);
	} else {
		snprintf(path, sizeof(path), "/proc/%d/ns/net", (int)child);
		fd = (int)told(open(path, O_RDONLY | O_CLOEXEC), "open(%s)", path);
		if (fd < 0)
			return step_failed("open", path);
		rc = netpool_attach(fd, lease, &step);
		if (rc < 0) {
			step_failed("veth", step);
		}
		close(fd);
	}
	if (rc == 0 && step_verbose) {
		inet_ntop(AF_INET, &lease->host_addr, host, sizeof(host));
		inet_ntop(AF_INET, &lease->inner_addr, inner, sizeof(inner));
		tell("veth %s %s/%d <-> eth0 %s/%d", lease->host_dev, host, lease->plen,
		    inner, lease->plen);
	}
	return rc;
}

/* lo up, as `ip link set lo up`: its 127.0.0.1 comes with it. */
static int
loopback_up(void)
{
	struct ifreq ifr;
	int fd = (int)told(socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0), "socket(AF_INET)");

	if (fd < 0)
		return step_failed("socket", "AF_INET");
	memset(&ifr, 0, sizeof(ifr));
	strcpy(ifr.ifr_name, "lo");
	ifr.ifr_flags = IFF_UP | IFF_LOOPBACK | IFF_RUNNING;
	if (told(ioctl(fd, SIOCSIFFLAGS, &ifr), "ioctl(SIOCSIFFLAGS, lo, IFF_UP)") < 0) {
		step_failed("ioctl(SIOCSIFFLAGS)", "lo");
		close(fd);
		return -1;
	}
	close(fd);
	return 0;
}

int
container_net_inside(const struct netpool_lease *lease)
{
	char addr[INET_ADDRSTRLEN], gw[INET_ADDRSTRLEN];
	int rt, eth0;

	if (loopback_up() < 0)
		return -1;
	if (!lease)
		return 0;
	inet_ntop(AF_INET, &lease->inner_addr, addr, sizeof(addr));
	inet_ntop(AF_INET, &lease->host_addr, gw, sizeof(gw));
	rt = (int)told(rtnl_open(), "socket(AF_NETLINK, NETLINK_ROUTE)");
	if (rt < 0)
		return step_failed("socket", "AF_NETLINK");
	eth0 = rtnl_ifindex(rt, "eth0");
	if (told(eth0, "ioctl(SIOCGIFINDEX, eth0)") < 0 ||
	    told(rtnl_addr_add(rt, eth0, lease->inner_addr, lease->plen),
		"RTM_NEWADDR eth0 %s/%d", addr, lease->plen) < 0 ||
	    told(rtnl_link_up(rt, eth0, 1), "RTM_NEWLINK eth0 up") < 0 ||
	    told(rtnl_route_add(rt, 0, 0, lease->host_addr, eth0),
		"RTM_NEWROUTE default via %s dev eth0", gw) < 0) {
		step_failed("eth0", addr);
		close(rt);
		return -1;
	}
	close(rt);
	return 0;
}
