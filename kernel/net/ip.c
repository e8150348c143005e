/*
 * net/ip.c - IPv4 input and output, forwarding and ICMP (inet.h).  Input
 * checks the header (version, length, checksum), keeps what is addressed
 * to this host (reassembling fragments, ipfrag.c), forwards the rest when
 * net.ipv4.ip_forward is on, and hands the payload to its protocol; ICMP
 * echo requests are answered here.  Output prepends the header to a
 * transport's packet and sends it through the route's device, to the
 * next hop's hardware address on Ethernet (neighbour.h).  Everything here runs with inet->lock held (ip_rcv
 * takes it); packets sent while receiving go to the backlog, which the
 * running net_rx_run loop delivers next.
 */
#include "inet.h"
#include "neighbour.h"
#include "netdevice.h"
#include "ns.h"
#include "string.h"
#include <linux/if_packet.h>
#include <linux/tcp.h>

int ip_finish_output(struct net *net, struct pkt *p, uint32_t daddr, const struct rt_result *rt)
{
	struct net_device *dev = rt->dev;
	if (dev->type != ARPHRD_ETHER)
		return dev_queue_xmit(p, dev);
	if (rt->type == RTN_BROADCAST || daddr == htonl(INADDR_BROADCAST)) {
		eth_header(p, dev, eth_broadcast_addr, ETH_P_IP);
		return dev_queue_xmit(p, dev);
	}
	return neigh_output(net, p, rt->gw ? rt->gw : daddr, dev);
}

bool inet_csum_needless(const struct net_device *dev, size_t len)
{
	return ((dev->flags & IFF_LOOPBACK) || netif_is_veth(dev)) &&
	       len + sizeof(struct iphdr) <= __atomic_load_n(&dev->mtu, __ATOMIC_RELAXED);
}

void inet_csum_fill(struct pkt *p, size_t nh)
{
	p->csum_ok = false;
	if (nh && (p->len < nh || ((const uint8_t *)p->data)[nh - 2] != (ETH_P_IP >> 8) ||
		   ((const uint8_t *)p->data)[nh - 1] != (ETH_P_IP & 0xff)))
		return;
	if (p->len < nh + sizeof(struct iphdr))
		return;
	struct iphdr *ih = (struct iphdr *)((char *)p->data + nh);
	size_t hl = ih->ihl * 4, tot = ntohs(ih->tot_len);
	if (ih->version != 4 || hl < sizeof(*ih) || tot < hl || nh + tot > p->len ||
	    (ih->frag_off & htons(IP_MF | IP_OFFSET)))
		return;
	char *th = (char *)ih + hl;
	size_t len = tot - hl;
	uint16_t *check;
	if (ih->protocol == IPPROTO_TCP && len >= sizeof(struct tcphdr))
		check = &((struct tcphdr *)th)->check;
	else if (ih->protocol == IPPROTO_UDP && len >= sizeof(struct udphdr))
		check = &((struct udphdr *)th)->check;
	else
		return;
	uint32_t sum = csum_partial(&ih->saddr, 4, csum_partial(&ih->daddr, 4, 0));
	sum += htons(ih->protocol) + htons(len);
	*check = 0;
	uint16_t c = csum_fold(csum_partial(th, len, sum));
	/* UDP's 0 means "no checksum": a sum of 0 is sent as 0xffff. */
	*check = c == 0 && ih->protocol == IPPROTO_UDP ? 0xffff : c;
}

int ip_output(struct net *net, struct pkt *p, uint32_t saddr, uint32_t daddr, int proto,
	      int ttl, const struct rt_result *rt)
{
	struct net_device *dev = rt->dev;
	IP_INC(net, OUTPKTS);
	unsigned int mtu = MIN(__atomic_load_n(&dev->mtu, __ATOMIC_RELAXED), 65535u);
	bool fits = p->len + sizeof(struct iphdr) <= mtu;
	if (p->len + sizeof(struct iphdr) > 65535) {
		IP_INC(net, OUTDISCARDS);
		pkt_free(p);
		return -EMSGSIZE;
	}
	struct iphdr *ih = pkt_push(p, sizeof(*ih));
	ih->version = 4;
	ih->ihl = 5;
	ih->tos = 0;
	ih->tot_len = htons(p->len);
	ih->id = htons(net->inet->ip_id++);
	ih->frag_off = fits ? htons(IP_DF) : 0;
	ih->ttl = ttl;
	ih->protocol = proto;
	ih->saddr = saddr;
	ih->daddr = daddr;
	ih->check = 0;
	ih->check = csum_fold(csum_partial(ih, sizeof(*ih), 0));
	INET_MIB_ADD(net, ip, IPSTATS_MIB_OUTOCTETS, p->len);
	if (daddr == htonl(INADDR_BROADCAST))
		IP_INC(net, OUTBCASTPKTS);
	if (!fits)
		return ip_fragment(net, p, mtu, daddr, rt);
	int err = ip_finish_output(net, p, daddr, rt);
	if (err)
		IP_INC(net, OUTDISCARDS);
	return err;
}

/* ---- ICMP ---- */

void icmp_count(struct net *net, int type, bool out)
{
	if (out)
		ICMP_INC(net, OUTMSGS);
	else
		ICMP_INC(net, INMSGS);
	if (type >= 0 && type <= 18)
		__atomic_add_fetch(out ? &net->inet->mib.icmp_out[type] : &net->inet->mib.icmp_in[type],
				   1, __ATOMIC_RELAXED);
}

static void icmp_reply(struct net *net, struct pkt *p)
{
	struct iphdr *ih = (struct iphdr *)p->nh;
	struct rt_result rt;
	if (inet_route_lookup(net, ih->saddr, &rt)) {
		pkt_free(p);
		return;
	}
	uint32_t src = ih->daddr, dst = ih->saddr;
	struct icmphdr *icmp = (struct icmphdr *)p->data;
	icmp->type = ICMP_ECHOREPLY;
	icmp_count(net, ICMP_ECHOREPLY, true);
	icmp->checksum = 0;
	icmp->checksum = csum_fold(csum_partial(p->data, p->len, 0));
	/* The packet is reused: its payload stays where it is. */
	p->nh = NULL;
	ip_output(net, p, src, dst, IPPROTO_ICMP, IPDEFTTL, &rt);
}

static bool icmp_is_error(int type)
{
	return type == ICMP_DEST_UNREACH || type == ICMP_SOURCE_QUENCH || type == ICMP_REDIRECT ||
	       type == ICMP_TIME_EXCEEDED || type == ICMP_PARAMETERPROB;
}

/* May an ICMP error be sent about orig (RFC 1122 3.2.2)?  Not about an
 * ICMP error, a fragment but the first, a packet to a broadcast or
 * multicast address or from one that names no single host. */
static bool icmp_may_send(struct net *net, const struct pkt *orig)
{
	const struct iphdr *oh = (const struct iphdr *)orig->nh;
	uint32_t d = ntohl(oh->daddr), s = ntohl(oh->saddr);
	if (orig->pkt_type != PACKET_HOST || IN_MULTICAST(d) || d == INADDR_BROADCAST ||
	    IN_MULTICAST(s) || s == INADDR_BROADCAST || !s || (ntohs(oh->frag_off) & IP_OFFSET))
		return false;
	struct rt_result rt;
	if (!inet_route_lookup(net, oh->daddr, &rt) && rt.type == RTN_BROADCAST)
		return false;
	if (oh->protocol == IPPROTO_ICMP) {
		const uint8_t *t = orig->nh + oh->ihl * 4;
		if (t >= orig->data + orig->len || icmp_is_error(*t))
			return false;
	}
	return true;
}

void icmp_send_info(struct net *net, struct pkt *orig, int type, int code, uint32_t info)
{
	struct iphdr *oh = (struct iphdr *)orig->nh;
	if (!icmp_may_send(net, orig))
		return;
	size_t olen = oh->ihl * 4 + 8;
	size_t have = orig->data + orig->len - orig->nh;
	if (olen > have)
		olen = have;
	struct rt_result rt;
	if (inet_route_lookup(net, oh->saddr, &rt))
		return;
	/* From the address it was sent to when that is ours, else from the
	 * one the way back suggests (a router's). */
	uint32_t src = inet_addr_is_local(net, oh->daddr) ? oh->daddr : rt.src;
	struct pkt *p = pkt_alloc(sizeof(struct icmphdr) + olen);
	if (!p)
		return;
	struct icmphdr *icmp = (struct icmphdr *)p->data;
	memset(icmp, 0, sizeof(*icmp));
	icmp->type = type;
	icmp->code = code;
	if (type == ICMP_DEST_UNREACH && code == ICMP_FRAG_NEEDED)
		icmp->un.frag.mtu = htons(info);
	memcpy(icmp + 1, oh, olen);
	icmp->checksum = csum_fold(csum_partial(p->data, p->len, 0));
	icmp_count(net, type, true);
	ip_output(net, p, src, oh->saddr, IPPROTO_ICMP, IPDEFTTL, &rt);
}

void icmp_send(struct net *net, struct pkt *orig, int type, int code)
{
	icmp_send_info(net, orig, type, code, 0);
}

static void icmp_rcv(struct net *net, struct pkt *p)
{
	if (p->len < sizeof(struct icmphdr) || csum_fold(csum_partial(p->data, p->len, 0))) {
		ICMP_INC(net, INERRORS);
		if (p->len >= sizeof(struct icmphdr))
			ICMP_INC(net, CSUMERRORS);
		pkt_free(p);
		return;
	}
	raw_rcv(net, p);
	struct icmphdr *icmp = (struct icmphdr *)p->data;
	icmp_count(net, icmp->type, false);
	switch (icmp->type) {
	case ICMP_ECHO:
		icmp_reply(net, p);
		return;
	case ICMP_ECHOREPLY:
		ping_rcv(net, p);
		return;
	}
	if (icmp_is_error(icmp->type) && p->len >= sizeof(*icmp) + sizeof(struct iphdr) + 8) {
		const struct iphdr *inner = (const struct iphdr *)(icmp + 1);
		if (inner->ihl >= 5 && p->len >= sizeof(*icmp) + inner->ihl * 4u + 8) {
			if (inner->protocol == IPPROTO_UDP)
				udp_err(net, inner, p->len - sizeof(*icmp), icmp->type, icmp->code);
			else if (inner->protocol == IPPROTO_TCP)
				tcp_err(net, inner, p->len - sizeof(*icmp), icmp->type, icmp->code,
					ntohs(icmp->un.frag.mtu));
		}
	}
	pkt_free(p);
}

/* ---- forwarding ---- */

/* A packet for another host (p->data at its header), inet->lock held:
 * routed on when forwarding is on (RFC 1812 5.2), else dropped.
 * Consumes p. */
static void ip_forward(struct net *net, struct pkt *p)
{
	struct iphdr *ih = (struct iphdr *)p->data;
	struct rt_result rt;
	if (!net->inet->ip_forward || p->pkt_type != PACKET_HOST) {
		IP_INC(net, INADDRERRORS);
		goto drop;
	}
	if (ih->ttl <= 1) {
		IP_INC(net, INHDRERRORS);	/* Linux counts an expiry so */
		icmp_send(net, p, ICMP_TIME_EXCEEDED, ICMP_EXC_TTL);
		goto drop;
	}
	if (inet_route_lookup(net, ih->daddr, &rt)) {
		IP_INC(net, OUTNOROUTES);
		icmp_send(net, p, ICMP_DEST_UNREACH, ICMP_NET_UNREACH);
		goto drop;
	}
	if (rt.type != RTN_UNICAST)
		goto drop;
	unsigned int mtu = MIN(__atomic_load_n(&rt.dev->mtu, __ATOMIC_RELAXED), 65535u);
	if (p->len > mtu && (ih->frag_off & htons(IP_DF))) {
		IP_INC(net, FRAGFAILS);
		icmp_send_info(net, p, ICMP_DEST_UNREACH, ICMP_FRAG_NEEDED, mtu);
		goto drop;
	}
	IP_INC(net, OUTFORWDATAGRAMS);
	/* TTL - 1: the checksum grows by 0x0100 in one's complement (RFC 1624). */
	ih->ttl--;
	uint32_t c = ntohs(ih->check) + 0x0100;
	ih->check = htons((uint16_t)(c + (c >> 16)));
	p->nh = NULL;
	if (p->len > mtu)
		ip_fragment(net, p, mtu, ih->daddr, &rt);
	else
		ip_finish_output(net, p, ih->daddr, &rt);
	return;
drop:
	pkt_free(p);
}

/* ---- input ---- */

void ip_rcv(struct net *net, struct pkt *p)
{
	struct inet_net *in = net->inet;
	struct iphdr *ih = (struct iphdr *)p->data;
	IP_INC(net, INPKTS);
	if (p->len < sizeof(*ih) || ih->version != 4 || ih->ihl < 5 ||
	    p->len < ih->ihl * 4u || ntohs(ih->tot_len) > p->len ||
	    ntohs(ih->tot_len) < ih->ihl * 4u ||
	    csum_fold(csum_partial(ih, ih->ihl * 4, 0))) {
		__atomic_add_fetch(&p->dev->stats.rx_errors, 1, __ATOMIC_RELAXED);
		IP_INC(net, INHDRERRORS);
		pkt_free(p);
		return;
	}
	p->len = ntohs(ih->tot_len);	/* trim any padding */
	INET_MIB_ADD(net, ip, IPSTATS_MIB_INOCTETS, p->len);
	p->nh = p->data;
	p->saddr = ih->saddr;
	mutex_lock(&in->lock);
	if (ih->daddr == htonl(INADDR_BROADCAST))
		IP_INC(net, INBCASTPKTS);
	if (!inet_addr_is_local(net, ih->daddr) && ih->daddr != htonl(INADDR_BROADCAST)) {
		struct rt_result rt;
		/* A subnet's broadcast is ours too; anything else another's. */
		if (inet_route_lookup(net, ih->daddr, &rt) || rt.type != RTN_BROADCAST) {
			ip_forward(net, p);
			goto out;
		}
	}
	pkt_pull(p, ih->ihl * 4);
	if (ih->frag_off & htons(IP_MF | IP_OFFSET)) {
		p = ip_defrag(net, p);
		if (!p)
			goto out;
		ih = (struct iphdr *)p->nh;
	}
	if (ih->protocol == IPPROTO_ICMP || ih->protocol == IPPROTO_UDP ||
	    ih->protocol == IPPROTO_TCP)
		IP_INC(net, INDELIVERS);
	switch (ih->protocol) {
	case IPPROTO_ICMP:
		icmp_rcv(net, p);
		break;
	case IPPROTO_UDP:
		udp_rcv(net, p);
		break;
	case IPPROTO_TCP:
		tcp_rcv(net, p);
		break;
	default:
		IP_INC(net, INUNKNOWNPROTOS);
		icmp_send(net, p, ICMP_DEST_UNREACH, ICMP_PROT_UNREACH);
		pkt_free(p);
	}
out:
	mutex_unlock(&in->lock);
}
