/*
 * net/ethernet.c - Ethernet framing (neighbour.h): what an ARPHRD_ETHER
 * device receives is checked against its address, stripped of its
 * 14-byte header and handed to IPv4 (unless from or to a loopback
 * address) or ARP by type; what the stack sends
 * gets its header here.  A frame of a device that is a bridge's port
 * goes to the bridge's receive hook first (dev->rx_handler).  Holds no
 * state and takes no lock (ip_rcv, arp_rcv and the hook take theirs).
 */
#include "neighbour.h"
#include "inet.h"
#include "netdevice.h"
#include "string.h"
#include <linux/if_packet.h>

const uint8_t eth_broadcast_addr[ETH_ALEN] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };

void eth_header(struct pkt *p, const struct net_device *dev, const uint8_t *dest,
		uint16_t proto)
{
	struct ethhdr *eh = pkt_push(p, ETH_HLEN);
	memcpy(eh->h_dest, dest, ETH_ALEN);
	memcpy(eh->h_source, dev->dev_addr, ETH_ALEN);
	eh->h_proto = htons(proto);
}

/* Who a frame is for, as Linux's pkt_type: us, everyone, a group, or
 * another host (seen only in promiscuous mode). */
static int eth_pkt_type(const struct ethhdr *eh, const struct net_device *dev)
{
	if (!memcmp(eh->h_dest, dev->dev_addr, ETH_ALEN))
		return PACKET_HOST;
	if (!memcmp(eh->h_dest, eth_broadcast_addr, ETH_ALEN))
		return PACKET_BROADCAST;
	if (eh->h_dest[0] & 1)
		return PACKET_MULTICAST;
	return PACKET_OTHERHOST;
}

/* A loopback address from or to the wire (RFC 1122 3.2.1.3: 127/8 never
 * leaves a host), which Linux drops as martian: else a neighbour could
 * reach what listens on 127.0.0.1. */
static bool martian(const struct pkt *p)
{
	const struct iphdr *ih = (const struct iphdr *)p->data;
	if (p->len < sizeof(*ih))
		return false;	/* ip_rcv counts it as an error */
	return (ntohl(ih->saddr) >> 24) == IN_LOOPBACKNET ||
	       (ntohl(ih->daddr) >> 24) == IN_LOOPBACKNET;
}

void eth_rcv(struct net *net, struct pkt *p)
{
	struct net_device *dev = p->dev;
	/* A port's frames are its master's (a bridge: net/bridge.c). */
	rx_handler_func *handler = __atomic_load_n(&dev->rx_handler, __ATOMIC_ACQUIRE);
	if (handler && handler(p))
		return;
	if (p->len < ETH_HLEN) {
		__atomic_add_fetch(&dev->stats.rx_errors, 1, __ATOMIC_RELAXED);
		pkt_free(p);
		return;
	}
	const struct ethhdr *eh = (const struct ethhdr *)p->data;
	unsigned int flags = __atomic_load_n(&dev->flags, __ATOMIC_RELAXED);
	p->pkt_type = eth_pkt_type(eh, dev);
	if (p->pkt_type == PACKET_MULTICAST)
		__atomic_add_fetch(&dev->stats.multicast, 1, __ATOMIC_RELAXED);
	/* No multicast group is joined: only ALLMULTI or PROMISC let them in;
	 * another host's frames only PROMISC (and IPv4 drops them then, as
	 * Linux: there are no packet sockets to see them). */
	if ((p->pkt_type == PACKET_MULTICAST && !(flags & (IFF_ALLMULTI | IFF_PROMISC))) ||
	    (p->pkt_type == PACKET_OTHERHOST && !(flags & IFF_PROMISC))) {
		pkt_free(p);
		return;
	}
	uint16_t proto = ntohs(eh->h_proto);
	pkt_pull(p, ETH_HLEN);
	p->protocol = proto;
	switch (proto) {
	case ETH_P_IP:
		if (martian(p)) {
			__atomic_add_fetch(&dev->stats.rx_dropped, 1, __ATOMIC_RELAXED);
			pkt_free(p);
			break;
		}
		ip_rcv(net, p);
		break;
	case ETH_P_ARP:
		arp_rcv(net, p);
		break;
	default:
		__atomic_add_fetch(&dev->stats.rx_dropped, 1, __ATOMIC_RELAXED);
		pkt_free(p);
	}
}
