/*
 * Ethernet bridges (net/bridge.c): a software switch, Linux's
 * `ip link add br0 type bridge`.  A bridge is an Ethernet device of its
 * own (kind "bridge") whose ports are other Ethernet devices of its
 * namespace (`ip link set DEV master br0`).  A port's frames no longer
 * reach the port's own stack: the bridge learns which port each source
 * address lives behind (its forwarding database, FDB), forwards a frame
 * to the one port its destination is known behind, floods it to every
 * other port that is up otherwise (unknown unicast, broadcast,
 * multicast), and hands its own stack the frames addressed to it (its
 * address or a port's), broadcast and multicast.  What the bridge's own
 * stack sends goes out the same way.  A frame never leaves by the port it
 * came in on.  No spanning tree, no VLANs: a port forwards as soon as it
 * is up with a carrier (Linux with STP off).
 *
 * The contract with the device layer (netdevice.h): a port has
 * dev->master set to the bridge and dev->rx_handler to the bridge's
 * receive hook, which eth_rcv calls before anything else.  Releasing a
 * port (IFLA_MASTER 0, its deletion, a move to another namespace)
 * forgets what the FDB learnt behind it; deleting the bridge (or its
 * namespace's end) releases every port first.  Addresses: a bridge takes
 * the lowest of its ports' addresses (00:00:00:00:00:00 with none), as
 * Linux, until user space sets one; its MTU its ports' lowest (1500 with
 * none) until user space changes it.  Its carrier is on while it is up
 * and one of its ports is up with a carrier.
 *
 * Locks: configuration runs under rtnl.  br_lock (one spinlock for every
 * bridge) guards each bridge's port list, each port's rx_handler_data
 * and every FDB; the receive hook and the bridge's transmit hold it while
 * they choose ports and hand frames to them (the ports' xmit only
 * queues: veth's netif_rx).  Order: rtnl, inet->lock, net->dev_lock,
 * br_lock, then veth_lock, a namespace's rx_lock.
 *
 * Not here: adding or deleting FDB entries by hand (`bridge fdb add`),
 * the bridge's IFLA_INFO_DATA but ageing_time (stp_state, vlan_filtering...:
 * accepted, ignored, not dumped) and its ports' IFLA_INFO_SLAVE_DATA.
 */
#ifndef KERNEL_BRIDGE_H
#define KERNEL_BRIDGE_H

#include "netdevice.h"

#define BR_MAX_PORTS		1024		/* Linux's: beyond, -EXFULL */
#define BR_HASH_SIZE		256		/* FDB buckets, by address */
#define BR_FDB_MAX		4096		/* learnt entries per bridge: beyond,
						 * new sources are not learnt (their
						 * frames are flooded back) */
#define BR_AGEING_TIME_NS	(300ull * 1000000000)	/* Linux's default ageing_time
							 * (IFLA_BR_AGEING_TIME sets it) */

/* Make a bridge in net from c (name "" for "bridge%d"; mtu, address and
 * txqueuelen as given), down, its reference the namespace's: *out.  0,
 * -EEXIST, -EINVAL, -ENOMEM.  rtnl held. */
int br_create(struct net *net, const struct link_cfg *c, struct net_device **out);

struct nl_msg;
struct nl_dump_cb;
/* RTM_GETNEIGH dumped for AF_BRIDGE (`bridge fdb show`): every bridge of
 * the socket's namespace, each port's own address (NUD_PERMANENT) and
 * each learnt source (NUD_REACHABLE), as Linux's fdb_fill_info gives
 * them (NDA_LLADDR, NDA_MASTER, NDA_CACHEINFO; no VLAN, no entries of
 * the devices' own address lists).  cb->args[0]: entries given.  1: more
 * to come, 0: done. */
int br_fdb_dump(struct nl_msg *m, struct nl_dump_cb *cb);

#endif
