/*
 * Network devices (net/dev.c): each network namespace has its own list of
 * devices, numbered from 1 (ifindex) in the order they were made there,
 * and a loopback device "lo" made with the namespace, down, as Linux.
 * Drivers add Ethernet devices (alloc_etherdev, register_netdev: the
 * virtio-net driver's eth0 in the initial namespace).  A device is its
 * name, number, flags, MTU, address, counters (/proc/net/dev) and the
 * ops that send through it.
 *
 * Locking: net->dev_lock guards the namespace's device list, its next
 * ifindex and every device's flags; the counters are updated with atomic
 * adds and read without the lock.  A device belongs to one namespace and
 * is freed with it (netdev_exit_net).
 */
#ifndef KERNEL_NETDEVICE_H
#define KERNEL_NETDEVICE_H

#include "types.h"
#include "list.h"
#include "uapi_if.h"
#include <linux/if_arp.h>
#include <linux/if_ether.h>

struct net;
struct net_device;
struct pkt;

/* What a device does (net/dev.c: loopback's).  xmit takes the packet: it
 * is the device's to deliver or free.  0 or -errno. */
struct net_device_ops {
	int (*xmit)(struct pkt *p, struct net_device *dev);
};

struct net_device_stats64 {
	uint64_t rx_packets, tx_packets, rx_bytes, tx_bytes;
	uint64_t rx_errors, tx_errors, rx_dropped, tx_dropped;
	uint64_t multicast, collisions;
};

/*
 * The link layer (the contract every device and the stack keep):
 * - dev->type is ARPHRD_LOOPBACK (frames are bare IPv4 packets, no link
 *   header, hard_header_len 0) or ARPHRD_ETHER (frames begin with the
 *   14-byte Ethernet header, hard_header_len ETH_HLEN).
 * - xmit is given a frame whose data begins at the link header (for an
 *   Ethernet device the stack has already filled destination, source
 *   and type); the device owns it from then on.
 * - A device that receives a frame sets p->dev to itself and p->data at
 *   the link header and calls netif_rx(p) (any context that may take a
 *   spinlock); the stack strips the link header (net/ethernet.c) and
 *   dispatches by type (IPv4, ARP).
 * - broadcast is ff:ff:ff:ff:ff:ff for Ethernet devices.
 */
struct net_device {
	char name[IFNAMSIZ];
	int ifindex;
	unsigned int flags;		/* IFF_UP, IFF_LOOPBACK, ... */
	unsigned int mtu;
	unsigned short type;		/* ARPHRD_LOOPBACK, ARPHRD_ETHER */
	unsigned short hard_header_len;	/* 0 or ETH_HLEN */
	unsigned char addr_len;
	uint8_t dev_addr[6];
	struct net *net;		/* not referenced: the namespace owns it */
	struct net_device_stats64 stats;
	const struct net_device_ops *ops;
	struct list_head link;		/* in net->dev_list */
	void *priv;			/* its driver's */
	unsigned int max_mtu;		/* 0: LOOPBACK_MTU */
};

#define LOOPBACK_MTU	65536		/* Linux's */

/* Make a namespace's device list and its loopback device (0 or -ENOMEM),
 * and free them all when the namespace goes. */
int netdev_init_net(struct net *net);
void netdev_exit_net(struct net *net);

/* Call fn for each device of net in ifindex order, under net->dev_lock
 * (fn must not sleep): /proc/net/dev's rows. */
void netdev_for_each(struct net *net, void (*fn)(const struct net_device *dev, void *arg),
		     void *arg);

/* The device of net named name / numbered ifindex, or NULL (devices live
 * as long as their namespace). */
struct net_device *dev_get_by_name(struct net *net, const char *name);
struct net_device *dev_get_by_index(struct net *net, int ifindex);
/* Set a device's flags (IFF_UP and the others user space may change), as
 * SIOCSIFFLAGS: 0 or -errno. */
int dev_change_flags(struct net_device *dev, unsigned int flags);
/* A new Ethernet device (ARPHRD_ETHER, MTU 1500, broadcast, down) named
 * name, its address and ops for the caller to fill, or NULL; then
 * register_netdev gives it the next ifindex of net and lists it. */
struct net_device *alloc_etherdev(const char *name);
void register_netdev(struct net *net, struct net_device *dev);
/* Send p through dev: -ENETDOWN when it is down, else its xmit's answer. */
int dev_queue_xmit(struct pkt *p, struct net_device *dev);

#endif
