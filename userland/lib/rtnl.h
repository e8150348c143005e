/*
 * rtnl.h - a small client of the kernel's routing netlink (NETLINK_ROUTE),
 * for programs that set a network up without iproute2: make a veth pair,
 * move a device to another network namespace, bring it up, give it an
 * address and a route.  One request at a time, each acknowledged: a call
 * returns 0, or -1 with errno the kernel's answer.
 *
 * Addresses are IPv4 in network order (struct in_addr's s_addr).
 */
#ifndef USERLAND_RTNL_H
#define USERLAND_RTNL_H

#include <stdint.h>

/* A NETLINK_ROUTE socket bound by the kernel (close it with close()). */
int rtnl_open(void);

/* The index of the device called name in the caller's namespace, or -1
 * (errno ENODEV). */
int rtnl_ifindex(int fd, const char *name);

/*
 * Make a veth pair: name here, and peer in the network namespace open as
 * peer_netns_fd (a /proc/PID/ns/net file), or here when it is -1.
 */
int rtnl_veth_add(int fd, const char *name, const char *peer, int peer_netns_fd);

/* Delete the device numbered ifindex (a veth takes its peer with it). */
int rtnl_link_del(int fd, int ifindex);

/* Bring the device up (up 1) or down (0). */
int rtnl_link_up(int fd, int ifindex, int up);

/* Give the device the address addr/plen (its broadcast address too). */
int rtnl_addr_add(int fd, int ifindex, uint32_t addr, int plen);

/* Route dst/plen (0/0: the default route) through gateway gw (0: none,
 * the destination is on the device's link) on device ifindex. */
int rtnl_route_add(int fd, uint32_t dst, int plen, uint32_t gw, int ifindex);

/*
 * Call fn for every IPv4 address of the namespace (ifindex, address,
 * prefix length); fn returns nonzero to stop the walk early.
 */
int rtnl_addr_walk(int fd, int (*fn)(int ifindex, uint32_t addr, int plen, void *arg), void *arg);

#endif
