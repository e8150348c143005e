/*
 * AF_NETLINK (net/netlink.c) and the message helpers its kernel side
 * (net/rtnetlink.c) builds answers with.
 *
 * A netlink socket (SOCK_RAW or SOCK_DGRAM, protocol NETLINK_ROUTE) talks
 * to the kernel of its own network namespace: what is sent to port 0 is
 * parsed as a run of nlmsghdr requests, each handed to rtnetlink_rcv,
 * whose answers (and NLMSG_ERROR acks) are queued on the sender.  Every
 * queued struct nl_msg is one datagram for recvmsg.  A dump
 * (NLM_F_DUMP) is a callback run in steps: the first fills one message
 * at the request, each later one when recvmsg has emptied the queue, so
 * a dump larger than one receive continues on the next recvmsg (Linux's
 * netlink_dump); the last step adds NLMSG_DONE.
 *
 * Contract for the handlers: rtnetlink_rcv runs with rtnl held (it takes
 * it), in the sender's context (current's credentials decide
 * ns_capable), and answers with 0 (an ack if asked), -errno (an
 * NLMSG_ERROR), or NL_DUMP_STARTED after netlink_dump_start.
 */
#ifndef KERNEL_NETLINK_H
#define KERNEL_NETLINK_H

#include "types.h"
#include "list.h"
#include <linux/netlink.h>
#include <linux/rtnetlink.h>

#ifndef SOL_NETLINK
#define SOL_NETLINK	270
#endif

struct net;
struct nl_sock;

/* One datagram to a socket: data[0..len) of cap bytes. */
struct nl_msg {
	struct list_head link;
	size_t len, cap;
	uint32_t group;			/* multicast group number, 0: unicast */
	unsigned char data[] __attribute__((aligned(8)));
};

struct nl_msg *nl_msg_new(size_t cap);	/* NULL when memory is short */
void nl_msg_free(struct nl_msg *m);

/* Start a message (header and payload bytes of zeroes) at m's end:
 * NULL when it does not fit. */
struct nlmsghdr *nlmsg_put(struct nl_msg *m, uint32_t portid, uint32_t seq, int type,
			   size_t payload, int flags);
/* Close it (nlmsg_len from its start to m's end) / take it back out. */
void nlmsg_end(struct nl_msg *m, struct nlmsghdr *nlh);
void nlmsg_cancel(struct nl_msg *m, struct nlmsghdr *nlh);
/* Attributes: 0 or -EMSGSIZE. */
int nla_put(struct nl_msg *m, int type, size_t len, const void *data);
static inline int nla_put_u8(struct nl_msg *m, int type, uint8_t v) { return nla_put(m, type, 1, &v); }
static inline int nla_put_u32(struct nl_msg *m, int type, uint32_t v) { return nla_put(m, type, 4, &v); }
int nla_put_string(struct nl_msg *m, int type, const char *s);
struct nlattr *nla_nest_start(struct nl_msg *m, int type);	/* NULL: no room */
void nla_nest_end(struct nl_msg *m, struct nlattr *nest);

/* Parse the attributes in [buf, buf + len) into tb[0..max] (the last of
 * a type wins; unknown types above max are skipped): 0, or -EINVAL when
 * one is malformed. */
int nla_parse(struct nlattr **tb, int max, const void *buf, size_t len);
static inline void *nla_data(const struct nlattr *a) { return (char *)a + NLA_HDRLEN; }
static inline int nla_len(const struct nlattr *a) { return a->nla_len - NLA_HDRLEN; }

/* What a handler knows of the socket it answers. */
uint32_t nl_portid(struct nl_sock *sk);
bool nl_strict(struct nl_sock *sk);		/* NETLINK_GET_STRICT_CHK */
struct net *nl_net(struct nl_sock *sk);
/* Queue m on sk (m is consumed). */
void nl_unicast(struct nl_sock *sk, struct nl_msg *m);
/* A copy of m to every socket of net in group (m is consumed). */
void nl_broadcast(struct net *net, uint32_t group, struct nl_msg *m);

/* A dump in progress: its step fills m from where args say and returns
 * 1 while more is to come, 0 when done, or -errno. */
struct nl_dump_cb {
	struct nl_sock *sk;
	struct nlmsghdr *nlh;		/* a copy of the request */
	uint32_t portid, seq;
	int (*step)(struct nl_msg *m, struct nl_dump_cb *cb);
	long args[6];
};
#define NL_DUMP_STARTED	1
/* Start a dump for the request nlh on sk (its first step runs now):
 * NL_DUMP_STARTED, -EBUSY when one runs already, -ENOMEM. */
int netlink_dump_start(struct nl_sock *sk, const struct nlmsghdr *nlh,
		       int (*step)(struct nl_msg *m, struct nl_dump_cb *cb));

/* rtnetlink.c: one request (rtnl taken there).  *errmsg may be set to an
 * extended-ack message. */
int rtnetlink_rcv(struct nl_sock *sk, struct nlmsghdr *nlh, const char **errmsg);

extern const struct net_proto_family netlink_family;

#endif
