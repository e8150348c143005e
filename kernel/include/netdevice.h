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
 * adds and read without the lock.
 *
 * Lifecycle (net/dev.c, rtnetlink.c, veth.c): devices are made, renamed,
 * moved between namespaces and deleted under the rtnl mutex (rtnl_lock),
 * which every configuration path takes first (lock order: rtnl, then
 * inet->lock, then dev_lock / rx_lock).  A device is reference counted:
 * its namespace's list holds one reference while it is registered, and a
 * packet queued by netif_rx holds one until it is freed (pkt->dev_ref);
 * the memory goes with the last dev_put.  Unregistering takes the device
 * down, removes its addresses and routes (inet_dev_unregister) and takes
 * it off the list; a namespace that dies unregisters all its devices
 * (a veth's peer too, wherever it is).  Pointers kept elsewhere: routes
 * and addresses are removed at unregister (under inet->lock, so an
 * rt_result is good while inet->lock is held); net->loopback_dev lives as
 * long as its namespace.  A device whose namespace is gone keeps a stale
 * dev->net: only dev_put may be called on an unregistered device.
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
	/* Optional, rtnl held.  open: the device is coming up (0 or -errno
	 * refuses); stop: it went down; uninit: it is being unregistered
	 * (veth: unregisters its peer too); free: its last reference went. */
	int (*open)(struct net_device *dev);
	void (*stop)(struct net_device *dev);
	void (*uninit)(struct net_device *dev);
	void (*free)(struct net_device *dev);
	/* A master device's (a bridge's), rtnl held.  add_slave: take port
	 * in (0 or -errno, *errmsg an extended ack's text); del_slave: let
	 * it go; slave_changed: one of its ports went up, down, gained or
	 * lost its carrier, or changed its MTU or address. */
	int (*add_slave)(struct net_device *dev, struct net_device *port, const char **errmsg);
	void (*del_slave)(struct net_device *dev, struct net_device *port);
	void (*slave_changed)(struct net_device *dev, struct net_device *port);
	/* Its kind's settings (IFLA_INFO_DATA, whose attributes are the
	 * kind's), rtnl held: 0 or -errno. */
	int (*changelink)(struct net_device *dev, const struct nlattr *data);
};

/* A receive hook: the frame p (p->data at its link header) arrived on a
 * device that a master (a bridge) took.  true: the hook took p; false:
 * the device has no master any more and its own stack receives p. */
typedef bool rx_handler_func(struct pkt *p);

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
	/* lifecycle (rtnl) */
	int refcnt;			/* atomic: dev_hold / dev_put */
	bool registered;		/* in its namespace's list */
	bool carrier;			/* the link is there (IFF_RUNNING when up) */
	uint8_t broadcast[6];
	unsigned int tx_queue_len;
	unsigned int min_mtu, max_mtu;
	const char *kind;		/* IFLA_INFO_KIND: "veth", or NULL */
	void *priv;			/* the kind's: alloc_netdev's priv bytes */
	/* A port of a master (rtnl; the master's lock guards rx_handler_data
	 * too): the master, and the hook eth_rcv calls first.  NULL: none. */
	struct net_device *master;
	rx_handler_func *rx_handler;
	void *rx_handler_data;
	bool addr_set;			/* its address was chosen by user space */
	bool netns_local;		/* may not move to another namespace */
};

#define LOOPBACK_MTU	65536		/* Linux's */

/* Make a namespace's device list and its loopback device (0 or -ENOMEM),
 * and unregister them all when the namespace goes (rtnl not held; veth
 * peers in other namespaces go too). */
int netdev_init_net(struct net *net);
void netdev_exit_net(struct net *net);

/* Call fn for each device of net in ifindex order, under net->dev_lock
 * (fn must not sleep): /proc/net/dev's rows. */
void netdev_for_each(struct net *net, void (*fn)(const struct net_device *dev, void *arg),
		     void *arg);

/* The device of net named name / numbered ifindex, or NULL: not
 * referenced, so the caller holds rtnl (or takes dev_hold under it). */
struct net_device *dev_get_by_name(struct net *net, const char *name);
struct net_device *dev_get_by_index(struct net *net, int ifindex);
/* Set a device's flags (IFF_UP and the others user space may change), as
 * SIOCSIFFLAGS, rtnl held: 0 or -errno. */
int dev_change_flags(struct net_device *dev, unsigned int flags);
/* Send p through dev: -ENETDOWN when it is down, else its xmit's answer.
 * A packet sent without its transport checksum (p->csum_ok) gets it
 * first unless dev is loopback, a veth end or a bridge (whose ports are
 * checked in turn): what goes on a wire is always summed. */
int dev_queue_xmit(struct pkt *p, struct net_device *dev);

/* ---- lifecycle (rtnl held unless said) ---- */

struct mutex;
void rtnl_lock(void);
void rtnl_unlock(void);
bool rtnl_is_locked(void);	/* by the caller */

static inline struct net_device *dev_hold(struct net_device *dev)
{
	__atomic_add_fetch(&dev->refcnt, 1, __ATOMIC_RELAXED);
	return dev;
}
/* Any context that may take a spinlock: the last put frees the device. */
void dev_put(struct net_device *dev);

/* A new Ethernet-like or bare device (one reference, the caller's) with
 * priv bytes of its own at dev->priv, named name (may hold "%d"), or
 * NULL. */
struct net_device *alloc_netdev(size_t priv, const char *name);
/* Ethernet defaults: ARPHRD_ETHER, ETH_HLEN, broadcast ff.., MTU 1500
 * (68..65535), IFF_BROADCAST | IFF_MULTICAST, a random locally
 * administered address, txqueuelen 1000. */
void ether_setup(struct net_device *dev);
/* Add dev to net (a "%d" in its name takes the lowest free number; a
 * preset dev->ifindex is kept if free there): the list takes the
 * caller's reference.  0, -EEXIST (name taken), -EINVAL (bad name). */
int register_netdevice(struct net *net, struct net_device *dev);
/* Take dev down and out of its namespace, its addresses and routes with
 * it; the list's reference is dropped. */
void unregister_netdevice(struct net_device *dev);
/* Move dev to net: it goes down and loses its addresses and routes, and
 * keeps its ifindex unless taken there.  0, -EEXIST (its name is taken
 * there), -EINVAL (loopback). */
int dev_change_net_namespace(struct net_device *dev, struct net *net);
/* Rename (up or down, as Linux 6.x): -EEXIST, -EINVAL (a bad name). */
int dev_change_name(struct net_device *dev, const char *name);
int dev_set_mtu(struct net_device *dev, unsigned int mtu);	/* -EINVAL out of range */
/* A new hardware address (addr_len bytes, checked by the caller), chosen
 * by user space. */
void dev_set_mac_address(struct net_device *dev, const uint8_t *addr);
/* Is name a valid device name (Linux's dev_valid_name)? */
bool dev_valid_name(const char *name);
/* Make dev a port of the device numbered master_ifindex in its
 * namespace (ops->add_slave), or release it (0).  A port of another
 * master is released from it first, even when the new one is refused
 * (Linux's IFLA_MASTER).  0, -EINVAL (no such device), -EOPNOTSUPP (that
 * device takes no ports), or add_slave's error with *errmsg. */
int dev_set_master(struct net_device *dev, int master_ifindex, const char **errmsg);
/* The carrier came / went: IFF_RUNNING follows (when up). */
void netif_carrier_on(struct net_device *dev);
void netif_carrier_off(struct net_device *dev);
/* ---- veth (net/veth.c), rtnl held ---- */

/* One end's settings: name ("" for "veth%d"), mtu (0: 1500), address,
 * txqueuelen. */
struct link_cfg {
	char name[IFNAMSIZ];
	unsigned int mtu;
	bool has_addr, has_txqlen;
	uint8_t addr[6];
	unsigned int txqlen;
};
/* Make a pair: dc's end in net (*out), pc's (registered first) in
 * peer_net.  0, -EEXIST (a name taken), -EINVAL, -ENOMEM. */
int veth_create(struct net *net, const struct link_cfg *dc, struct net *peer_net,
		const struct link_cfg *pc, struct net_device **out);
/* dev's peer if dev is a veth end (rtnl held), else NULL. */
struct net_device *veth_peer(struct net_device *dev);
/* Is dev a veth end?  (No lock: a device's kind never changes.) */
bool netif_is_veth(const struct net_device *dev);

/* Is dev up and running (up with carrier)? */
static inline bool netif_running_carrier(const struct net_device *dev)
{
	unsigned int f = __atomic_load_n(&dev->flags, __ATOMIC_RELAXED);
	return (f & IFF_UP) && (f & IFF_RUNNING);
}

#endif
