/*
 * net/ip.c - IPv4 input and output and ICMP (inet.h).  Input checks the
 * header (version, length, checksum), keeps what is addressed to this
 * host and drops the rest (there is no forwarding yet), and hands the
 * payload to its protocol; ICMP echo requests are answered here.  Output
 * prepends the header to a transport's packet and sends it through the
 * route's device.  Everything here runs with inet->lock held (ip_rcv
 * takes it); packets sent while receiving go to the backlog, which the
 * running net_rx_run loop delivers next.
 */
#include "inet.h"
#include "netdevice.h"
#include "ns.h"
#include "string.h"

int ip_output(struct net *net, struct pkt *p, uint32_t saddr, uint32_t daddr, int proto,
	      int ttl, const struct rt_result *rt)
{
	struct net_device *dev = rt->dev;
	IP_INC(net, OUTPKTS);
	if (p->len + sizeof(struct iphdr) > MIN(__atomic_load_n(&dev->mtu, __ATOMIC_RELAXED), 65535u)) {
		IP_INC(net, FRAGFAILS);
		pkt_free(p);
		return -EMSGSIZE;	/* no fragmentation (inet.h) */
	}
	struct iphdr *ih = pkt_push(p, sizeof(*ih));
	ih->version = 4;
	ih->ihl = 5;
	ih->tos = 0;
	ih->tot_len = htons(p->len);
	ih->id = htons(net->inet->ip_id++);
	ih->frag_off = htons(0x4000)	/* IP_DF */;
	ih->ttl = ttl;
	ih->protocol = proto;
	ih->saddr = saddr;
	ih->daddr = daddr;
	ih->check = 0;
	ih->check = csum_fold(csum_partial(ih, sizeof(*ih), 0));
	INET_MIB_ADD(net, ip, IPSTATS_MIB_OUTOCTETS, p->len);
	if (daddr == htonl(INADDR_BROADCAST))
		IP_INC(net, OUTBCASTPKTS);
	int err = dev_queue_xmit(p, dev);
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

void icmp_send(struct net *net, struct pkt *orig, int type, int code)
{
	struct iphdr *oh = (struct iphdr *)orig->nh;
	/* Never about an ICMP error, nor to a broadcast. */
	if (!inet_addr_is_local(net, oh->daddr))
		return;
	size_t olen = oh->ihl * 4 + 8;
	size_t have = orig->data + orig->len - orig->nh;
	if (olen > have)
		olen = have;
	struct rt_result rt;
	if (inet_route_lookup(net, oh->saddr, &rt))
		return;
	struct pkt *p = pkt_alloc(sizeof(struct icmphdr) + olen);
	if (!p)
		return;
	struct icmphdr *icmp = (struct icmphdr *)p->data;
	memset(icmp, 0, sizeof(*icmp));
	icmp->type = type;
	icmp->code = code;
	memcpy(icmp + 1, oh, olen);
	icmp->checksum = csum_fold(csum_partial(p->data, p->len, 0));
	icmp_count(net, type, true);
	ip_output(net, p, oh->daddr, oh->saddr, IPPROTO_ICMP, IPDEFTTL, &rt);
}

static bool icmp_is_error(int type)
{
	return type == ICMP_DEST_UNREACH || type == ICMP_SOURCE_QUENCH || type == ICMP_REDIRECT ||
	       type == ICMP_TIME_EXCEEDED || type == ICMP_PARAMETERPROB;
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
		if (inner->ihl >= 5 && p->len >= sizeof(*icmp) + inner->ihl * 4u + 8 &&
		    inner->protocol == IPPROTO_UDP)
			udp_err(net, inner, p->len - sizeof(*icmp), icmp->type, icmp->code);
	}
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
		/* Not ours, and no forwarding yet. */
		IP_INC(net, INADDRERRORS);
		pkt_free(p);
		goto out;
	}
	pkt_pull(p, ih->ihl * 4);
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
