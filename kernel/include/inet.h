/*
 * The IPv4 stack (net/pkt.c, devinet.c, route.c, ip.c, udp.c): packet
 * buffers, the addresses and routes of a network namespace, IPv4 input and
 * output, ICMP, and the AF_INET datagram sockets (UDP, ICMP "ping"
 * sockets, raw ICMP sockets).
 *
 * Packets: a struct pkt is one allocation, headroom for the headers first
 * (PKT_HEADROOM), the payload after; a send copies the user's data into it
 * once and a receive copies it out once.  A device's xmit takes the packet
 * (it frees it or passes it on); loopback hands it to netif_rx, which only
 * queues it on the namespace's backlog.  The backlog is run by net_rx_run,
 * called by every send path after it has dropped its locks, so the
 * receive side never runs inside a sender's critical section; one task
 * at a time runs a namespace's backlog and takes every packet queued
 * meanwhile (replies the receive path itself sends too).
 *
 * Locking: inet->lock (a mutex, one per namespace) guards the addresses,
 * both route tables, the port hashes, the raw socket list and every
 * AF_INET socket's state and queues.  inet->rx_lock (a spinlock) guards
 * the backlog and its running flag only.  The device flags stay under
 * net->dev_lock (netdevice.h); the stack reads IFF_UP racily, as Linux.
 * Nothing is taken in the other order: the backlog is never run with
 * inet->lock held.
 *
 * Lifetime: struct inet_net is made with its namespace (inet_init_net)
 * and freed with it (inet_exit_net), with every address and route; a
 * namespace outlives its sockets (each socket references it).
 *
 * Fragments (ipfrag.c): a datagram larger than its device's MTU is sent
 * as fragments (without DF; one that fits carries DF, as Linux's
 * IP_PMTUDISC_WANT), and fragments received for this host are
 * reassembled before the transport sees them.
 *
 * Forwarding (ip.c): with net.ipv4.ip_forward on, a packet for another
 * host is routed on (TTL decremented, fragmented or refused with
 * "fragmentation needed" when DF) and the ICMP errors of RFC 1812 sent.
 */
#ifndef KERNEL_INET_H
#define KERNEL_INET_H

#include "types.h"
#include "list.h"
#include "lock.h"
#include "uapi_if.h"
#include <linux/in.h>
#include <linux/ip.h>
#include <linux/icmp.h>
#include <linux/udp.h>
#include <linux/snmp.h>
#include <linux/rtnetlink.h>

struct net;
struct net_device;
struct socket;
struct neigh_table;
struct ipfrag_queues;

/* Byte order: the machine is little-endian. */
static inline uint16_t htons(uint16_t v) { return __builtin_bswap16(v); }
static inline uint16_t ntohs(uint16_t v) { return __builtin_bswap16(v); }
static inline uint32_t htonl(uint32_t v) { return __builtin_bswap32(v); }
static inline uint32_t ntohl(uint32_t v) { return __builtin_bswap32(v); }

/* ---- packets ---- */

/* Room for the headers in front of a payload: Ethernet (14), IPv4 (20)
 * and TCP with the most options (60), rounded up to a word. */
#define PKT_HEADROOM	96
#define ETH_P_IP	0x0800

struct pkt {
	struct list_head link;		/* in a backlog or a socket's queue */
	struct net_device *dev;		/* the device it came in on */
	uint16_t protocol;		/* ETH_P_IP */
	uint8_t pkt_type;		/* PACKET_HOST...: who its frame was for */
	unsigned char *data;		/* the current header */
	size_t len;			/* bytes from data */
	size_t truesize;		/* what it costs a receive buffer */
	unsigned char *nh;		/* its IPv4 header, on receive */
	uint32_t saddr;			/* network order: who sent it */
	uint16_t sport;			/* network order (UDP) */
	uint32_t seq;			/* TCP: the sequence number of data[0] */
	struct net_device *dev_ref;	/* held from netif_rx to pkt_free (dev_put) */
	/* Sent through loopback: it never left this machine, so its TCP or
	 * UDP checksum was neither computed nor is checked (Linux's
	 * CHECKSUM_PARTIAL on loopback; the field reads 0). */
	bool csum_ok;
	unsigned char head[] __attribute__((aligned(8)));	/* words copy fast */
};

/* A packet with room for len bytes of payload after PKT_HEADROOM; data
 * points at the payload and len is len.  NULL when memory is short. */
struct pkt *pkt_alloc(size_t len);
/* The same for hdrlen bytes of headers and len of payload, placed so
 * that the payload (data + hdrlen) is 8-byte aligned: copying it in and
 * out then goes a word at a time. */
struct pkt *pkt_alloc_hdr(size_t hdrlen, size_t len);
void pkt_free(struct pkt *p);
static inline void *pkt_push(struct pkt *p, size_t n)
{
	p->data -= n;
	p->len += n;
	return p->data;
}
static inline void *pkt_pull(struct pkt *p, size_t n)
{
	p->data += n;
	p->len -= n;
	return p->data;
}

/* Queue a received packet on its device's namespace backlog (any
 * context that may take a spinlock; p->dev registered); net_rx_run
 * delivers it.  The packet holds its device until it is freed.  A device
 * other than loopback finds at most NETDEV_MAX_BACKLOG packets waiting
 * (Linux's netdev_max_backlog); beyond, its frames are dropped. */
#define NETDEV_MAX_BACKLOG	1000
void netif_rx(struct pkt *p);
/* Deliver the backlog of net (no AF_INET lock held by the caller): at
 * most NET_RX_BUDGET packets (Linux's netdev_budget), the rest left to
 * the network work thread, so that no sender and no namespace is held
 * by a backlog that refills as fast as it drains (a bridge loop). */
#define NET_RX_BUDGET	300
void net_rx_run(struct net *net);

/*
 * The network work thread ("netrx", pkt.c), Linux's softirq: devices
 * receive in interrupt context and the stack's timers fire there, but
 * delivering takes inet->lock, a mutex.  netif_rx from any device but
 * loopback (whose sender runs the backlog itself) and the timers call
 * net_schedule_work, which queues the namespace (holding a reference
 * while queued) for the thread; it runs the work asked for, then the
 * backlog.  Any context that may take a spinlock.
 */
#define NET_WORK_RX	1	/* the backlog has packets */
#define NET_WORK_NEIGH	2	/* neighbour deadlines (neigh_run_timers) */
#define NET_WORK_FRAG	4	/* reassembly deadlines (ipfrag_expire) */
void net_schedule_work(struct net *net, unsigned int what);
int net_work_init(void);	/* boot: start the thread (0 or -ENOMEM) */

/* The Internet checksum: the one's complement sum folded (not inverted)
 * of len bytes, added to sum. */
uint32_t csum_partial(const void *buf, size_t len, uint32_t sum);
uint16_t csum_fold(uint32_t sum);	/* the inverted 16-bit checksum */

/* ---- addresses and routes (devinet.c, route.c) ---- */

struct in_ifaddr {
	struct list_head link;		/* in inet->ifa_list */
	struct net_device *dev;
	uint32_t local;			/* network order */
	uint32_t mask;			/* network order */
	uint32_t broadcast;		/* network order */
	uint8_t prefixlen;
	uint8_t scope;			/* RT_SCOPE_* */
	char label[IFNAMSIZ];
	uint32_t flags;			/* IFA_F_* (IFA_F_PERMANENT, IFA_F_SECONDARY) */
	uint64_t cstamp;		/* made, in ticks of 10 ms since boot */
};

/* RT_SCOPE_*, RTN_*, RTPROT_*, RT_TABLE_*: <linux/rtnetlink.h>'s. */

struct inet_route {
	struct list_head link;		/* in a table, longest prefix first */
	uint32_t dst;			/* network order, masked */
	uint8_t plen;
	uint8_t type;			/* RTN_* */
	uint8_t scope;
	struct net_device *dev;
	uint32_t gw;			/* network order, 0: directly reached */
	uint32_t prefsrc;		/* the source it suggests */
	struct in_ifaddr *ifa;		/* the address that made it (NULL: added) */
	uint8_t protocol;		/* RTPROT_* */
	uint32_t priority;		/* the metric */
};

/* A route lookup's answer (a copy: valid after the lock is dropped for
 * as long as the namespace lives). */
struct rt_result {
	uint8_t type;
	struct net_device *dev;		/* the device to send through */
	uint32_t gw;
	uint32_t src;			/* the source address to use */
};

/* Buckets of bound ports (UDP, ping, TCP's bind hash), by port, and of
 * TCP connections, by address pair; powers of two.  The initial
 * namespace has the big tables; a new one (a container's, which seldom
 * has many sockets) small ones, so that making it is cheap and it holds
 * a page, not four. */
#define INET_PORT_BUCKETS	128
#define INET_CONN_BUCKETS	256
#define INET_PORT_BUCKETS_NS	32
#define INET_CONN_BUCKETS_NS	64

/*
 * The counters of /proc/net/snmp (RFC 1213's MIB as Linux keeps it, with
 * the UAPI's numbering), per namespace, each added to with an atomic add
 * and read without a lock.  ICMP is counted by message type (IcmpMsg),
 * the Icmp line's In/Out per type columns being read from those.
 */
/* /proc/net/netstat's TcpExt columns this stack counts (Linux has more). */
enum { TCPEXT_TW, TCPEXT_DELAYEDACKS, TCPEXT_LISTENOVERFLOWS, TCPEXT_LISTENDROPS,
       TCPEXT_RENORECOVERY, TCPEXT_FASTRETRANS, TCPEXT_TIMEOUTS,
       TCPEXT_SACKRECOVERY, TCPEXT_SLOWSTARTRETRANS, TCPEXT_OFOQUEUE,
       TCPEXT_RCVQDROP, TCPEXT_OFODROP, TCPEXT_MAX };
struct inet_mib {
	unsigned long ip[__IPSTATS_MIB_MAX];
	unsigned long icmp[__ICMP_MIB_MAX];	/* the columns not per type */
	unsigned long icmp_in[19], icmp_out[19];	/* by type, up to 18 */
	long tcp[__TCP_MIB_MAX];		/* CURRESTAB goes down too */
	unsigned long udp[__UDP_MIB_MAX];
	unsigned long tcpext[TCPEXT_MAX];	/* the TcpExt columns counted */
};
#define INET_MIB_ADD(net, kind, field, n) \
	__atomic_add_fetch(&(net)->inet->mib.kind[field], (n), __ATOMIC_RELAXED)
#define IP_INC(net, field)	INET_MIB_ADD(net, ip, IPSTATS_MIB_##field, 1)
#define ICMP_INC(net, field)	INET_MIB_ADD(net, icmp, ICMP_MIB_##field, 1)
#define TCP_INC(net, field)	INET_MIB_ADD(net, tcp, TCP_MIB_##field, 1)
#define UDP_INC(net, field)	INET_MIB_ADD(net, udp, UDP_MIB_##field, 1)
#define TCPEXT_INC(net, field)	INET_MIB_ADD(net, tcpext, TCPEXT_##field, 1)
/* May a transport packet of len bytes (its header included) sent through
 * dev go without a checksum?  Through loopback or a veth end,
 * unfragmented: it is received as it was sent (pkt->csum_ok). */
bool inet_csum_needless(const struct net_device *dev, size_t len);
/* Fill in the TCP or UDP checksum of p, an IPv4 packet nh bytes into it
 * (after an Ethernet header: nh is ETH_HLEN), that was sent without one
 * (pkt->csum_ok), and clear csum_ok.  Anything else is left as it is. */
void inet_csum_fill(struct pkt *p, size_t nh);
/* Is net forwarding IPv4 (net.ipv4.ip_forward)? */
bool inet_forwarding(struct net *net);
/* An ICMP message of type in or out (InMsgs/OutMsgs and its type's). */
void icmp_count(struct net *net, int type, bool out);

struct inet_net {
	struct net *net;		/* its namespace (not referenced) */
	struct mutex lock;
	struct inet_mib mib;
	struct list_head ifa_list;	/* struct in_ifaddr, every device's */
	struct list_head local_table;	/* RTN_LOCAL, RTN_BROADCAST routes */
	struct list_head main_table;	/* the connected and other routes */
	unsigned int port_mask;		/* port buckets - 1 */
	unsigned int conn_mask;		/* connection buckets - 1 */
	struct list_head *udp_hash;	/* [port_mask + 1], in buckets[] */
	struct list_head *ping_hash;	/* [port_mask + 1] */
	struct list_head *tcp_bhash;	/* [port_mask + 1]: bound TCP sockets, by port */
	struct list_head *tcp_ehash;	/* [conn_mask + 1]: connections, by address pair */
	struct list_head raw_list;	/* SOCK_RAW sockets */
	int nsockets;			/* AF_INET sockets alive */
	uint16_t ip_id;			/* the next IPv4 identification */
	/* sysctls */
	int port_lo, port_hi;		/* ip_local_port_range */
	int ping_gid_lo, ping_gid_hi;	/* ping_group_range, kernel gids */
	int tcp_rto_min_us;		/* tcp_rto_min_us (Linux 6.11's), 200000 */
	int tcp_sack;			/* tcp_sack: SYNs offer SACK, 1 */
	int lo_loss;			/* loopback_loss: percent of packets lo drops */
	int veth_loss;			/* veth_loss: percent the namespace's veths drop */
	uint32_t loss_rand;		/* its generator's state */
	/* the backlog */
	struct spinlock rx_lock;
	struct list_head backlog;
	unsigned int backlog_len;	/* packets on it */
	bool rx_running;
	/* the link layer and forwarding (neighbour.h, ipfrag.c) */
	struct neigh_table *neigh;	/* ARP's: its own lock */
	struct ipfrag_queues *frags;	/* reassembly: inet->lock */
	int ip_forward;			/* net.ipv4.ip_forward, 0 or 1 */
	/* the network work thread's (pkt.c): netrx_lock */
	unsigned int work;		/* NET_WORK_*; nonzero: queued */
	struct list_head work_link;
	struct list_head buckets[];	/* the four hash tables, one after another */
};

/* The test knobs /proc/sys/net/ipv4/loopback_loss and veth_loss (this
 * kernel's): should the packet being sent be dropped, the knob's percent
 * of the time?  (A xorshift generator; racy updates are fine.) */
bool net_test_lose(struct inet_net *in, const int *pct_knob);

int inet_init_net(struct net *net);	/* 0 or -ENOMEM */
void inet_exit_net(struct net *net);

/* Under inet->lock: the address of dev with the lowest... first one. */
struct in_ifaddr *inet_dev_first_addr(struct inet_net *in, struct net_device *dev);
/* Under inet->lock: is addr one of net's own (a local route)? */
bool inet_addr_is_local(struct net *net, uint32_t addr);
/* Under inet->lock: the route to dst (longest prefix match over the local
 * table then the main table, devices that are up only): 0 or
 * -ENETUNREACH. */
int inet_route_lookup(struct net *net, uint32_t dst, struct rt_result *res);
/* A device came up (dev_lock not held): loopback gets 127.0.0.1/8 the
 * first time, as Linux. */
void inet_dev_up(struct net_device *dev);
/* A device went down: the routes added through it go (those of its
 * addresses stay, unused while it is down, as Linux brings them back);
 * rtnl held, inet->lock not. */
void inet_dev_down(struct net_device *dev);
/* A device leaves its namespace (unregistered or moved): its addresses
 * and every route through it go.  rtnl held, inet->lock not. */
void inet_dev_unregister(struct net_device *dev);
/* A device was renamed from old: labels follow ("old" and "old:x"). */
void inet_dev_rename(struct net_device *dev, const char *old);

/* For rtnetlink (inet->lock held).  Add an address: -EEXIST if dev has
 * it already; broadcast 0 for none. */
int inet_addr_add(struct net *net, struct net_device *dev, uint32_t local, int plen,
		  uint32_t broadcast, int scope, const char *label);
/* Delete the address of dev matching (local, when has_local; plen and
 * the prefix of addr, when has_addr; label, when non-NULL):
 * -EADDRNOTAVAIL if none. */
int inet_addr_del(struct net *net, struct net_device *dev, bool has_local, uint32_t local,
		  bool has_addr, uint32_t addr, int plen, const char *label);
/* A route to add or delete.  table: RT_TABLE_MAIN or RT_TABLE_LOCAL. */
struct inet_route_cfg {
	int table;
	uint32_t dst;
	int plen;
	int type, scope, protocol;
	uint32_t priority;
	uint32_t gw, prefsrc;
	struct net_device *dev;		/* NULL: by the gateway */
	bool has_priority;
	unsigned int nlflags;		/* NLM_F_CREATE, EXCL, REPLACE */
	const char *errmsg;		/* out: Linux's extended-ack message */
	/* delete: called with the route found, before it goes */
	void (*deleted)(struct net *net, struct inet_route *r, struct inet_route_cfg *cfg);
};
int inet_route_add(struct net *net, struct inet_route_cfg *cfg);
int inet_route_del(struct net *net, struct inet_route_cfg *cfg);
/* Walking a table in Linux's dump order (key ascending, longer prefix
 * first): the route after the one whose key is after (NULL: the first),
 * or NULL.  A key outlives its route, so a dump resumes after changes. */
struct inet_route_key {
	uint32_t dst;			/* host order */
	int plen;
	uint32_t priority;
	uintptr_t id;
};
void inet_route_key(const struct inet_route *r, struct inet_route_key *k);
struct inet_route *inet_route_next(struct net *net, int table, const struct inet_route_key *after);
/* Is r in use (shown in dumps, found by lookups)? */
bool inet_route_alive(const struct inet_route *r);
/* The kernel command line's ip= (Linux's nfsroot.txt form, static only:
 * ip=CLIENT:SERVER:GATEWAY:NETMASK:HOSTNAME:DEVICE:off), at boot once the
 * devices are probed (ipconfig.c). */
void ip_auto_config(void);
/* Call fn for each live route of the main table in Linux's order (as
 * inet_route_next), under inet->lock (fn must not sleep): /proc/net/route's
 * rows. */
void inet_route_for_each(struct net *net, void (*fn)(const struct inet_route *r, void *arg),
			 void *arg);

/* The device ioctls every socket answers (SIOCGIFFLAGS ...): the result,
 * or -ENOIOCTLCMD when cmd is none of them. */
#define ENOIOCTLCMD	515
long dev_ioctl(struct net *net, unsigned int cmd, unsigned long arg);

/* ---- IPv4 and ICMP (ip.c) ---- */

#define IPDEFTTL	64
/* The bits of iphdr.frag_off (host order), Linux's names. */
#define IP_CE		0x8000
#define IP_DF		0x4000
#define IP_MF		0x2000
#define IP_OFFSET	0x1fff

/* Prepend an IPv4 header to p (its payload the transport's) and send it
 * by the route found for daddr: 0 or -errno (p is consumed either way).
 * Called with inet->lock held; the caller runs the backlog after. */
int ip_output(struct net *net, struct pkt *p, uint32_t saddr, uint32_t daddr, int proto,
	      int ttl, const struct rt_result *rt);
/* Receive an IPv4 packet from the backlog (p->data at its header);
 * takes inet->lock itself.  p is consumed. */
void ip_rcv(struct net *net, struct pkt *p);
/* Send an ICMP error about the received packet p (its IPv4 header at
 * p->nh), inet->lock held. */
void icmp_send(struct net *net, struct pkt *p, int type, int code);

/* Send a packet with its IPv4 header filled (p->data at it) to the next
 * hop of rt: through the neighbour table on an Ethernet device, straight
 * to the device otherwise.  inet->lock held; p consumed. */
int ip_finish_output(struct net *net, struct pkt *p, uint32_t daddr, const struct rt_result *rt);
/* ICMP error with its 32-bit field (the next hop MTU of "fragmentation
 * needed", in host order). */
void icmp_send_info(struct net *net, struct pkt *p, int type, int code, uint32_t info);

/* ---- fragments (ipfrag.c) ---- */

/* Send the IPv4 datagram p (its header filled, p->data at it, larger than
 * mtu) as fragments of at most mtu bytes.  inet->lock held; p consumed. */
int ip_fragment(struct net *net, struct pkt *p, unsigned int mtu, uint32_t daddr,
		const struct rt_result *rt);
/* A received fragment (p->data after its header, p->nh at it), inet->lock
 * held: the whole datagram when p completes one (p->data at its payload,
 * p->nh at its header), else NULL (p kept or freed). */
struct pkt *ip_defrag(struct net *net, struct pkt *p);
/* The reassembly queues of a namespace: made and freed with it; expired
 * ones (IPFRAG_TIME_NS after their first fragment) dropped by
 * ipfrag_expire (the work thread, no lock held). */
#define IPFRAG_TIME_NS		30000000000ull
#define IPFRAG_HIGH_THRESH	(4u << 20)	/* bytes queued per namespace */
int ipfrag_init_net(struct net *net);
void ipfrag_exit_net(struct net *net);
void ipfrag_expire(struct net *net);

/* ---- the transports (udp.c) ---- */

/* Receive a UDP datagram / an ICMP message (p->data at its header,
 * p->nh the IPv4 header), inet->lock held: the packet is consumed. */
void udp_rcv(struct net *net, struct pkt *p);
void ping_rcv(struct net *net, struct pkt *p);		/* echo replies */
/* An ICMP error about a datagram we sent (inner: its IPv4 header and the
 * first 8 bytes after) */
void udp_err(struct net *net, const struct iphdr *inner, size_t len, int type, int code);
/* Copies of an ICMP packet for the raw sockets (p untouched). */
void raw_rcv(struct net *net, struct pkt *p);

extern const struct net_proto_family inet_family;

/* TCP (tcp.c): make sock a TCP socket (0 or -ENOMEM); receive a segment
 * (p->data at the TCP header, p->nh the IPv4 header), inet->lock held. */
int tcp_create(struct socket *sock);
void tcp_rcv(struct net *net, struct pkt *p);
/* An ICMP error about a segment we sent, as udp_err; mtu: what a
 * "fragmentation needed" names (path MTU discovery, RFC 1191). */
void tcp_err(struct net *net, const struct iphdr *inner, size_t len, int type, int code,
	     unsigned int mtu);
/* One row of /proc/net/tcp per socket, listeners first; inet->lock held
 * around the walk (fn must not sleep). */
struct tcp_row {
	int sl;
	uint32_t laddr, raddr;
	uint16_t lport, rport;
	int state;
	uint32_t txq, rxq;
	int timer;			/* 0 none, 1 retransmit, 2 keepalive, 3 TIME_WAIT */
	long when;			/* clock ticks to the timer */
	int retrans;
	uid_t uid;
	unsigned long ino;
	long rto, ato;			/* clock ticks */
	int cwnd, ssthresh;
	bool timewait;
};
void tcp_for_each(struct net *net, void (*fn)(const struct tcp_row *r, void *arg), void *arg);

/* One row of /proc/net/udp (addresses in network order, ports in host
 * order, uid a kernel uid). */
struct inet_sock_row {
	int bucket;
	uint32_t laddr, raddr;
	uint16_t lport, rport;
	int state;			/* TCP_ESTABLISHED 1 if connected, else TCP_CLOSE 7 */
	size_t txq, rxq;
	uid_t uid;
	unsigned long ino;
	unsigned int drops;
};
/* Call fn for each UDP socket of net, in bucket order, inet->lock held
 * (fn must not sleep). */
void udp_for_each(struct net *net, void (*fn)(const struct inet_sock_row *r, void *arg),
		  void *arg);

#endif
