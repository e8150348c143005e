/*
 * ip: iproute2's `ip` for the objects link, address, route, neigh and
 * netns, speaking rtnetlink (NETLINK_ROUTE) directly, with iproute2
 * 6.1's output and error texts so scripts and eyes trained on Linux read
 * ours the same way.
 *
 *   main.c     options, the object table, the top-level usage
 *   netlink.c  the socket: building requests, talking, dumping, and the
 *              interface cache (index <-> name, flags)
 *   names.c    numbers to words and back (scopes, protocols, tables,
 *              route types), addresses to text and back
 *   link.c     ip link: show, add (veth, bridge), set, delete
 *   addr.c     ip address: show, add, del, flush
 *   route.c    ip route: show, add, del, get
 *   neigh.c    ip neigh: show
 *   netns.c    ip netns and -n NETNS: /run/netns/NAME bind mounts
 *
 * Exit statuses follow iproute2: 0 done, 1 a name not found or a bad
 * value caught early, 2 the kernel refused a request, 255 a bad command
 * line.
 */
#ifndef IP_H
#define IP_H

#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>

/* The global options (ip -4, -o, -br, -d, -s, -n). */
struct ip_options {
	int family;		/* AF_UNSPEC, AF_INET, AF_INET6 or AF_PACKET */
	int oneline;		/* -o: one record per line, "\" for newlines */
	int brief;		/* -br */
	int details;		/* -d */
	int stats;		/* -s, counted */
};
extern struct ip_options opts;

/* What ends a line inside one record: "\n", or "\\" with -o. */
const char *nl_sep(void);

/* iproute2's matches(): PREFIX is a non-empty beginning of WORD, as a
 * command may be shortened ("a" for add, "d" for delete). */
int matches(const char *prefix, const char *word);

/* Exit statuses. */
#define EXIT_USAGE	255
#define EXIT_NOTFOUND	1
#define EXIT_KERNEL	2

/* A bad command line: iproute2's texts, exit 255.  WHAT of invarg ends
 * in "\n" where iproute2's does (an empty line follows). */
_Noreturn void invarg(const char *what, const char *arg);
_Noreturn void garbage(const char *arg);
_Noreturn void unknown_command(const char *cmd, const char *object);
_Noreturn void missing_arg(const char *keyword);

/* --- netlink.c ---------------------------------------------------- */

/* One request: the header, the family's fixed part, then attributes. */
#define NL_REQ_SIZE	4096
struct nl_req {
	struct nlmsghdr n;
	char body[NL_REQ_SIZE];
};

/* Start a request of TYPE with FLAGS (NLM_F_REQUEST is added) and a
 * zeroed fixed part of HDRLEN bytes, returned. */
void *nl_start(struct nl_req *req, int type, int flags, size_t hdrlen);
void nl_attr(struct nlmsghdr *n, int type, const void *data, size_t len);
void nl_attr_u8(struct nlmsghdr *n, int type, uint8_t v);
void nl_attr_u32(struct nlmsghdr *n, int type, uint32_t v);
void nl_attr_str(struct nlmsghdr *n, int type, const char *s);
struct rtattr *nl_nest_start(struct nlmsghdr *n, int type);
void nl_nest_end(struct nlmsghdr *n, struct rtattr *nest);

/* Send and wait for the acknowledgement.  On a refusal prints the
 * kernel's extended-ack message ("Error: ...") or "RTNETLINK answers:
 * strerror" and returns -1.  REPLY, when not NULL, receives a malloc'd
 * copy of the answer of a request that has one (RTM_GET*). */
int nl_talk(struct nlmsghdr *n, struct nlmsghdr **reply);
/* Same, printing nothing: -errno on refusal. */
int nl_talk_quiet(struct nlmsghdr *n, struct nlmsghdr **reply);

/* A dump: every message answering a GET of TYPE with NLM_F_DUMP for
 * FAMILY, as a malloc'd array of malloc'd copies (count in *nr). */
struct nl_list {
	struct nlmsghdr **msg;
	size_t nr;
};
int nl_dump(int type, int family, struct nl_list *out);
void nl_list_free(struct nl_list *l);

/* tb[0..max] = the attributes of the RTA run at RTA, LEN bytes. */
void nl_parse(struct rtattr **tb, int max, struct rtattr *rta, int len);
#define NL_PARSE(tb, max, msg, hdr) \
	nl_parse(tb, max, (struct rtattr *)((char *)(hdr) + NLMSG_ALIGN(sizeof(*(hdr)))), \
	    (int)((msg)->nlmsg_len - NLMSG_LENGTH(sizeof(*(hdr)))))
#define NL_NESTED(tb, max, rta) nl_parse(tb, max, RTA_DATA(rta), RTA_PAYLOAD(rta))
uint32_t rta_u32(const struct rtattr *rta);
uint8_t rta_u8(const struct rtattr *rta);

/* The interfaces of the current namespace, read once (ll_* as iproute2). */
int ll_name_to_index(const char *name);	/* 0: none */
const char *ll_index_to_name(int index);	/* "ifN" when unknown */
unsigned int ll_index_to_flags(int index);
void ll_forget(void);			/* reread after a change */
/* The index of NAME or "Cannot find device" and exit 1. */
int ll_need(const char *name);

/* --- names.c -------------------------------------------------------- */

const char *scope_name(int scope, char *buf, size_t len);
int scope_parse(const char *s, int *scope);
const char *proto_name(int proto, char *buf, size_t len);
int proto_parse(const char *s, int *proto);
const char *table_name(uint32_t table, char *buf, size_t len);
int table_parse(const char *s, uint32_t *table);
const char *rtntype_name(int type, char *buf, size_t len);
int rtntype_parse(const char *s, int *type);
const char *link_type_name(int type, char *buf, size_t len);

/* An address of a family as text (inet, inet6, or hex bytes). */
const char *addr_text(int family, const void *data, size_t len, char *buf, size_t size);
#define ADDR_TEXT_LEN	64
/* A link-layer address as aa:bb:..., and back: the number of bytes, or
 * -1 with the first piece that is no byte in BAD (iproute2 names it). */
const char *lladdr_text(const unsigned char *a, size_t len, char *buf, size_t size);
int lladdr_parse(const char *s, unsigned char *a, size_t size, char *bad, size_t badlen);

/* An address with its family and prefix length, as iproute2's inet_prefix. */
struct prefix {
	int family;
	int bytes;		/* 4 or 16; 0 for "default" */
	int bits;		/* the prefix length */
	int has_len;		/* a "/N" was given */
	unsigned char data[16];
};
/* "default"/"any"/"all" (when ALLOW_DEFAULT), A.B.C.D[/N], or IPv6. */
int prefix_parse(const char *s, int family, int allow_default, struct prefix *p);
/* The same, exit 1 with iproute2's message when S is no prefix/address. */
void prefix_need(const char *s, int family, struct prefix *p);
void addr_need(const char *s, int family, struct prefix *p);
int uint_parse(const char *s, unsigned int *v);

/* --- the objects ------------------------------------------------------ */

int do_link(int argc, char **argv);
/* The words of `show`: [up] [[dev] NAME] (a second NAME is garbage). */
void dev_up_args(int argc, char **argv, const char **dev, int *up);
int do_addr(int argc, char **argv);
int do_route(int argc, char **argv);
int do_neigh(int argc, char **argv);
int do_netns(int argc, char **argv);

/* link.c, for addr.c: print one RTM_NEWLINK as `ip link`/`ip addr` does;
 * DO_LINK says which of the two.  Returns -1 when filtered out. */
int print_link(struct nlmsghdr *n, int do_link);
/* link.c: the one interface INDEX, as a list (a dump's shape). */
int link_get(int index, struct nl_list *out);
/* addr.c: print one RTM_NEWADDR. */
void print_addr(struct nlmsghdr *n);

/* netns.c */
int netns_switch(const char *name);	/* -n NAME: join it (and its /sys) */
int netns_fd(const char *name);		/* open /run/netns/NAME, -1 if none */
const char *netns_name_of_nsid(int nsid);	/* NULL if none is known */

#endif
