/*
 * The rtnetlink socket: requests built in a struct nl_req, sent one at a
 * time and answered by an ack (NLMSG_ERROR with error 0), a refusal
 * (NLMSG_ERROR with -errno and maybe an extended-ack message), or for a
 * dump a run of messages up to NLMSG_DONE.  One socket per process,
 * opened on first use in whatever network namespace the process is in
 * by then (-n switches before any request).
 *
 * The interface cache (ll_*) is one dump of RTM_GETLINK, kept until a
 * command changes the interfaces (ll_forget).
 */
#include <errno.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "ip.h"

/* Big enough for any datagram of a dump: Linux fills at most 32 KiB. */
#define NL_RECV_SIZE	65536

static int nl_sock = -1;
static unsigned int nl_seq;

static int
nl_open(void)
{
	struct sockaddr_nl sa;
	int one = 1;

	if (nl_sock >= 0)
		return nl_sock;
	nl_sock = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
	if (nl_sock < 0) {
		perror("Cannot open netlink socket");
		exit(1);
	}
	/* Ask for the kernel's messages with refusals ("Error: ..."); a
	 * kernel without extended acks refuses the option: no matter. */
	setsockopt(nl_sock, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	memset(&sa, 0, sizeof(sa));
	sa.nl_family = AF_NETLINK;
	if (bind(nl_sock, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		perror("Cannot bind netlink socket");
		exit(1);
	}
	return nl_sock;
}

void *
nl_start(struct nl_req *req, int type, int flags, size_t hdrlen)
{
	memset(req, 0, sizeof(*req));
	req->n.nlmsg_len = NLMSG_LENGTH(hdrlen);
	req->n.nlmsg_type = type;
	req->n.nlmsg_flags = NLM_F_REQUEST | flags;
	return NLMSG_DATA(&req->n);
}

void
nl_attr(struct nlmsghdr *n, int type, const void *data, size_t len)
{
	struct rtattr *rta = (struct rtattr *)((char *)n + NLMSG_ALIGN(n->nlmsg_len));

	if (NLMSG_ALIGN(n->nlmsg_len) + RTA_SPACE(len) > sizeof(struct nl_req)) {
		fprintf(stderr, "ip: request too long\n");
		exit(1);
	}
	rta->rta_type = type;
	rta->rta_len = RTA_LENGTH(len);
	if (len)
		memcpy(RTA_DATA(rta), data, len);
	n->nlmsg_len = NLMSG_ALIGN(n->nlmsg_len) + RTA_SPACE(len);
}

void
nl_attr_u8(struct nlmsghdr *n, int type, uint8_t v)
{
	nl_attr(n, type, &v, sizeof(v));
}

void
nl_attr_u32(struct nlmsghdr *n, int type, uint32_t v)
{
	nl_attr(n, type, &v, sizeof(v));
}

void
nl_attr_str(struct nlmsghdr *n, int type, const char *s)
{
	nl_attr(n, type, s, strlen(s) + 1);
}

struct rtattr *
nl_nest_start(struct nlmsghdr *n, int type)
{
	struct rtattr *nest = (struct rtattr *)((char *)n + NLMSG_ALIGN(n->nlmsg_len));

	nl_attr(n, type, NULL, 0);
	return nest;
}

void
nl_nest_end(struct nlmsghdr *n, struct rtattr *nest)
{
	nest->rta_len = (char *)n + n->nlmsg_len - (char *)nest;
}

void
nl_parse(struct rtattr **tb, int max, struct rtattr *rta, int len)
{
	memset(tb, 0, sizeof(*tb) * (max + 1));
	for (; RTA_OK(rta, len); rta = RTA_NEXT(rta, len)) {
		int type = rta->rta_type & ~(NLA_F_NESTED | NLA_F_NET_BYTEORDER);

		if (type <= max && !tb[type])
			tb[type] = rta;
	}
}

uint32_t
rta_u32(const struct rtattr *rta)
{
	uint32_t v;

	memcpy(&v, RTA_DATA(rta), sizeof(v));
	return v;
}

uint8_t
rta_u8(const struct rtattr *rta)
{
	return *(const uint8_t *)RTA_DATA(rta);
}

/* The extended-ack message of a refusal, or NULL. */
static const char *
ext_ack_msg(const struct nlmsghdr *h)
{
	const struct nlmsgerr *err = NLMSG_DATA(h);
	struct rtattr *tb[NLMSGERR_ATTR_MAX + 1];
	size_t off;

	if (!(h->nlmsg_flags & NLM_F_ACK_TLVS))
		return NULL;
	off = sizeof(*err);
	/* Without NLM_F_CAPPED the whole request follows the error. */
	if (!(h->nlmsg_flags & NLM_F_CAPPED))
		off += err->msg.nlmsg_len - sizeof(struct nlmsghdr);
	if (NLMSG_LENGTH(off) > h->nlmsg_len)
		return NULL;
	nl_parse(tb, NLMSGERR_ATTR_MAX, (struct rtattr *)((char *)err + NLMSG_ALIGN(off)),
	    (int)(h->nlmsg_len - NLMSG_LENGTH(NLMSG_ALIGN(off))));
	if (!tb[NLMSGERR_ATTR_MSG] || RTA_PAYLOAD(tb[NLMSGERR_ATTR_MSG]) == 0)
		return NULL;
	return RTA_DATA(tb[NLMSGERR_ATTR_MSG]);
}

/* iproute2's report of a refusal. */
static void
print_refusal(const struct nlmsghdr *h, int error)
{
	const char *msg = ext_ack_msg(h);

	if (msg && *msg) {
		size_t len = strnlen(msg, 1024);

		fprintf(stderr, "Error: %.*s%s\n", (int)len, msg,
		    msg[len - 1] == '.' ? "" : ".");
		return;
	}
	fprintf(stderr, "RTNETLINK answers: %s\n", strerror(-error));
}

/* 0, or -errno when the kernel refused the datagram itself. */
static int
nl_send(struct nlmsghdr *n)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };

	n->nlmsg_seq = ++nl_seq;
	if (sendto(nl_open(), n, n->nlmsg_len, 0, (struct sockaddr *)&sa, sizeof(sa)) < 0)
		return -errno;
	return 0;
}

/* One datagram into BUF; exits on a socket error. */
static ssize_t
nl_recv(char *buf, size_t size)
{
	ssize_t len;

	do
		len = recv(nl_sock, buf, size, 0);
	while (len < 0 && errno == EINTR);
	if (len < 0) {
		perror("netlink receive error");
		exit(1);
	}
	if (len == 0) {
		fprintf(stderr, "EOF on netlink\n");
		exit(1);
	}
	return len;
}

static int
talk(struct nlmsghdr *n, struct nlmsghdr **reply, int loud)
{
	static char buf[NL_RECV_SIZE];

	int err;

	if (reply)
		*reply = NULL;
	else
		n->nlmsg_flags |= NLM_F_ACK;
	err = nl_send(n);
	if (err < 0) {
		if (loud)
			fprintf(stderr, "Cannot talk to rtnetlink: %s\n", strerror(-err));
		return err;
	}
	for (;;) {
		ssize_t len = nl_recv(buf, sizeof(buf));
		struct nlmsghdr *h = (struct nlmsghdr *)buf;

		for (; NLMSG_OK(h, (size_t)len); h = NLMSG_NEXT(h, len)) {
			if (h->nlmsg_seq != n->nlmsg_seq)
				continue;
			if (h->nlmsg_type == NLMSG_ERROR) {
				const struct nlmsgerr *err = NLMSG_DATA(h);

				if (err->error == 0)
					return 0;
				if (loud)
					print_refusal(h, err->error);
				return err->error;
			}
			if (reply) {
				*reply = malloc(h->nlmsg_len);
				if (!*reply) {
					perror("ip");
					exit(1);
				}
				memcpy(*reply, h, h->nlmsg_len);
				return 0;
			}
		}
	}
}

int
nl_talk(struct nlmsghdr *n, struct nlmsghdr **reply)
{
	return talk(n, reply, 1) < 0 ? -1 : 0;
}

int
nl_talk_quiet(struct nlmsghdr *n, struct nlmsghdr **reply)
{
	return talk(n, reply, 0);
}

static void
list_add(struct nl_list *l, const struct nlmsghdr *h)
{
	struct nlmsghdr **msg = realloc(l->msg, (l->nr + 1) * sizeof(*msg));

	if (!msg || !(msg[l->nr] = malloc(h->nlmsg_len))) {
		perror("ip");
		exit(1);
	}
	memcpy(msg[l->nr], h, h->nlmsg_len);
	l->msg = msg;
	l->nr++;
}

/* The fixed part of a GET request of TYPE, as Linux reads it. */
static size_t
dump_hdrlen(int type)
{
	switch (type) {
	case RTM_GETADDR:
		return sizeof(struct ifaddrmsg);
	case RTM_GETROUTE:
		return sizeof(struct rtmsg);
	case RTM_GETNEIGH:
		return sizeof(struct ndmsg);
	default:
		return sizeof(struct ifinfomsg);
	}
}

int
nl_dump(int type, int family, struct nl_list *out)
{
	static char buf[NL_RECV_SIZE];
	struct nl_req req;
	/* Every GET's fixed part begins with the family byte. */
	struct rtgenmsg *g = nl_start(&req, type, NLM_F_DUMP, dump_hdrlen(type));

	g->rtgen_family = family;
	out->msg = NULL;
	out->nr = 0;
	if (nl_send(&req.n) < 0) {
		perror("Cannot send dump request");
		exit(1);
	}
	for (;;) {
		ssize_t len = nl_recv(buf, sizeof(buf));
		struct nlmsghdr *h = (struct nlmsghdr *)buf;

		for (; NLMSG_OK(h, (size_t)len); h = NLMSG_NEXT(h, len)) {
			if (h->nlmsg_seq != req.n.nlmsg_seq)
				continue;
			if (h->nlmsg_type == NLMSG_DONE)
				return 0;
			if (h->nlmsg_type == NLMSG_ERROR) {
				const struct nlmsgerr *err = NLMSG_DATA(h);

				print_refusal(h, err->error);
				return -1;
			}
			list_add(out, h);
		}
	}
}

void
nl_list_free(struct nl_list *l)
{
	for (size_t i = 0; i < l->nr; i++)
		free(l->msg[i]);
	free(l->msg);
	l->msg = NULL;
	l->nr = 0;
}

/* --- the interface cache --------------------------------------------- */

struct ll_entry {
	int index;
	unsigned int flags;
	char name[IFNAMSIZ];
};
static struct ll_entry *ll_table;
static size_t ll_nr;
static int ll_loaded;

static void
ll_load(void)
{
	struct nl_list links;

	if (ll_loaded)
		return;
	ll_loaded = 1;
	if (nl_dump(RTM_GETLINK, AF_UNSPEC, &links) < 0)
		exit(EXIT_KERNEL);
	ll_table = calloc(links.nr ? links.nr : 1, sizeof(*ll_table));
	if (!ll_table) {
		perror("ip");
		exit(1);
	}
	for (size_t i = 0; i < links.nr; i++) {
		struct ifinfomsg *ifi = NLMSG_DATA(links.msg[i]);
		struct rtattr *tb[IFLA_MAX + 1];

		NL_PARSE(tb, IFLA_MAX, links.msg[i], ifi);
		if (!tb[IFLA_IFNAME])
			continue;
		ll_table[ll_nr].index = ifi->ifi_index;
		ll_table[ll_nr].flags = ifi->ifi_flags;
		snprintf(ll_table[ll_nr].name, IFNAMSIZ, "%s", (char *)RTA_DATA(tb[IFLA_IFNAME]));
		ll_nr++;
	}
	nl_list_free(&links);
}

void
ll_forget(void)
{
	free(ll_table);
	ll_table = NULL;
	ll_nr = 0;
	ll_loaded = 0;
}

static struct ll_entry *
ll_find(int index)
{
	ll_load();
	for (size_t i = 0; i < ll_nr; i++)
		if (ll_table[i].index == index)
			return &ll_table[i];
	return NULL;
}

int
ll_name_to_index(const char *name)
{
	ll_load();
	for (size_t i = 0; i < ll_nr; i++)
		if (strcmp(ll_table[i].name, name) == 0)
			return ll_table[i].index;
	return 0;
}

const char *
ll_index_to_name(int index)
{
	static char buf[IFNAMSIZ + 8];
	struct ll_entry *e = ll_find(index);

	if (e)
		return e->name;
	snprintf(buf, sizeof(buf), "if%d", index);
	return buf;
}

unsigned int
ll_index_to_flags(int index)
{
	struct ll_entry *e = ll_find(index);

	return e ? e->flags : 0;
}

int
ll_need(const char *name)
{
	int index = ll_name_to_index(name);

	if (!index) {
		fprintf(stderr, "Cannot find device \"%s\"\n", name);
		exit(EXIT_NOTFOUND);
	}
	return index;
}
