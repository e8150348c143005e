/*
 * The link layer under IPv4 on Ethernet devices: Ethernet framing
 * (net/ethernet.c) and the neighbour table filled by ARP (net/arp.c).
 *
 * The neighbour table is per network namespace, hashed by IPv4 address;
 * an entry is (device, address) -> hardware address in one of Linux's
 * states (NUD_* of <linux/neighbour.h>):
 *   INCOMPLETE  a request is out (ARP_MAX_PROBES broadcasts 1 s apart);
 *               packets wait, up to ARP_UNRES_QLEN_BYTES of them
 *               (Linux's unres_qlen_bytes, counted as it does in the
 *               packets' truesize, the oldest dropped first): by bytes,
 *               not 3 packets, so that the 45 fragments of a 64 KiB
 *               datagram survive the resolution;
 *   REACHABLE   confirmed by a reply less than ARP_REACHABLE_TIME ago;
 *   STALE       known but not confirmed lately (learnt from a request,
 *               or REACHABLE that aged); used as is;
 *   DELAY       a STALE entry was used: it is probed (PROBE, unicast
 *               requests 1 s apart) after ARP_DELAY_TIME unless a reply
 *               confirms it meanwhile;
 *   FAILED      nobody answered: what waited is dropped, each packet
 *               answered with an ICMP host unreachable to its sender
 *               (which makes a connected socket's next call fail with
 *               EHOSTUNREACH); the next packet starts over;
 *   PERMANENT   set by hand (none of this kernel's paths yet).
 * The transitions are net/neigh_fsm.c's (neigh_fsm.h), tested on the
 * host; arp.c does what they decide.
 * Timers: one ktimer per namespace at the earliest deadline; it fires
 * in interrupt context and only schedules the namespace's network work
 * (net_schedule_work), whose thread sends the probes and the errors.
 *
 * Locks: tbl->lock (a spinlock) guards the table, every entry and its
 * queue.  It is taken under inet->lock, never the other way round, and
 * nothing is sent while it is held.
 */
#ifndef KERNEL_NEIGHBOUR_H
#define KERNEL_NEIGHBOUR_H

#include "types.h"
#include "uapi_if.h"
#include <linux/if_ether.h>
#include "neigh_fsm.h"

struct net;
struct net_device;
struct pkt;

#define ARP_UNRES_QLEN_BYTES	212992			/* waiting per entry (SK_WMEM_MAX) */
#define NEIGH_TABLE_MAX		512			/* entries per namespace: beyond,
							 * the oldest STALE or FAILED
							 * one makes room */

/* ---- Ethernet (ethernet.c) ---- */

/* Receive a frame of an ARPHRD_ETHER device (p->data at its Ethernet
 * header): checks the destination, strips the header and hands the
 * payload to ip_rcv or arp_rcv.  No lock held; p is consumed. */
void eth_rcv(struct net *net, struct pkt *p);
/* Prepend an Ethernet header from dev to dest carrying proto (host
 * order, ETH_P_*). */
void eth_header(struct pkt *p, const struct net_device *dev, const uint8_t *dest,
		uint16_t proto);
extern const uint8_t eth_broadcast_addr[ETH_ALEN];

/* ---- the neighbour table and ARP (arp.c) ---- */

int neigh_init_net(struct net *net);	/* 0 or -ENOMEM */
void neigh_exit_net(struct net *net);	/* frees every entry and queued packet */

/* Send p (p->data at its IPv4 header) through the Ethernet device dev to
 * the next hop nexthop (network order): at once when its hardware address
 * is known, else after resolving it.  inet->lock held; p is consumed.
 * 0 or -errno. */
int neigh_output(struct net *net, struct pkt *p, uint32_t nexthop, struct net_device *dev);
/* Receive an ARP packet (p->data at the ARP header).  No lock held. */
void arp_rcv(struct net *net, struct pkt *p);
/* The deadlines that passed: probes, ageing, failures (the namespace's
 * network work thread, no lock held). */
void neigh_run_timers(struct net *net);

/* dev went down or is going away: forget its entries (all of them: no
 * path makes PERMANENT ones yet, which Linux keeps while a device is only
 * down), dropping what waited on them.  No lock held.  The device lifecycle
 * (delete, a move to another namespace) must call it before the device
 * leaves net. */
void neigh_ifdown(struct net *net, struct net_device *dev);

/* One entry as /proc/net/arp and RTM_GETNEIGH show it. */
struct neigh_row {
	uint32_t addr;			/* network order */
	int ifindex;
	char dev[IFNAMSIZ];
	unsigned short type;		/* the device's ARPHRD_* */
	uint8_t ha[ETH_ALEN];		/* zero until resolved */
	uint8_t state;			/* NUD_* */
	uint64_t updated_ns;		/* when it last changed state */
};
/* Call fn for every entry of net's table in hash order, under the table's
 * lock (fn must not sleep). */
void neigh_for_each(struct net *net, void (*fn)(const struct neigh_row *r, void *arg), void *arg);

#endif
