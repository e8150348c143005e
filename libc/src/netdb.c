/* netdb.c - getaddrinfo over numeric IPv4 addresses and /etc/hosts
 * (netdb.h states what is and is not looked up). */
#include <netdb.h>
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define HOSTS_FILE	"/etc/hosts"
#define MAX_ADDRS	16	/* addresses taken from /etc/hosts for one name */

/* The socket types an address is offered for, in glibc's order. */
static const struct { int socktype, protocol; } gai_types[] = {
	{ SOCK_STREAM, IPPROTO_TCP },
	{ SOCK_DGRAM, IPPROTO_UDP },
	{ SOCK_RAW, 0 },
};

/* One result entry: the addrinfo and the address it points to, freed
 * together. */
struct gai_entry {
	struct addrinfo ai;
	struct sockaddr_in sin;
};

const char *gai_strerror(int errcode)
{
	switch (errcode) {
	case EAI_BADFLAGS: return "Bad value for ai_flags";
	case EAI_NONAME: return "Name or service not known";
	case EAI_AGAIN: return "Temporary failure in name resolution";
	case EAI_FAIL: return "Non-recoverable failure in name resolution";
	case EAI_FAMILY: return "ai_family not supported";
	case EAI_SOCKTYPE: return "ai_socktype not supported";
	case EAI_SERVICE: return "Servname not supported for ai_socktype";
	case EAI_MEMORY: return "Memory allocation failure";
	case EAI_SYSTEM: return "System error";
	default: return "Unknown error";	/* also 0 and EAI_OVERFLOW, as glibc */
	}
}

void freeaddrinfo(struct addrinfo *res)
{
	while (res) {
		struct addrinfo *next = res->ai_next;
		free(res->ai_canonname);
		free(res);
		res = next;
	}
}

/* The port of a decimal service, truncated to 16 bits as glibc does;
 * -1 when service is not a number. */
static long service_port(const char *service)
{
	char *end;
	if (!*service || !isdigit((unsigned char)*service))
		return -1;
	unsigned long v = strtoul(service, &end, 10);
	return *end ? -1 : (long)(v & 0xffff);
}

/* Looks name up in /etc/hosts: up to max IPv4 addresses of the lines
 * naming it (as official name or alias, case ignored), and the official
 * name of the first such line into canon.  The count found. */
static int hosts_lookup(const char *name, struct in_addr *addrs, int max,
			char *canon, size_t canon_size)
{
	FILE *f = fopen(HOSTS_FILE, "r");
	if (!f)
		return 0;
	char line[512];
	int n = 0;
	while (n < max && fgets(line, sizeof(line), f)) {
		char *hash = strchr(line, '#');
		if (hash)
			*hash = 0;
		char *save, *addr = strtok_r(line, " \t\r\n", &save);
		struct in_addr a;
		if (!addr || inet_pton(AF_INET, addr, &a) != 1)
			continue;
		char *official = strtok_r(NULL, " \t\r\n", &save);
		for (char *h = official; h; h = strtok_r(NULL, " \t\r\n", &save)) {
			if (strcasecmp(h, name) != 0)
				continue;
			if (n == 0)
				snprintf(canon, canon_size, "%s", official);
			addrs[n++] = a;
			break;
		}
	}
	fclose(f);
	return n;
}

/* Appends one entry per wanted socket type for addr to *tail. */
static int add_entries(struct addrinfo ***tail, struct in_addr addr, int port,
		       const struct addrinfo *hints)
{
	for (size_t i = 0; i < sizeof(gai_types) / sizeof(gai_types[0]); i++) {
		if (hints && hints->ai_socktype && hints->ai_socktype != gai_types[i].socktype)
			continue;
		if (hints && hints->ai_protocol && hints->ai_protocol != gai_types[i].protocol &&
		    gai_types[i].socktype != hints->ai_socktype)
			continue;
		struct gai_entry *e = calloc(1, sizeof(*e));
		if (!e)
			return EAI_MEMORY;
		e->sin.sin_family = AF_INET;
		e->sin.sin_port = htons(port);
		e->sin.sin_addr = addr;
		e->ai.ai_flags = hints ? hints->ai_flags : 0;
		e->ai.ai_family = AF_INET;
		e->ai.ai_socktype = gai_types[i].socktype;
		e->ai.ai_protocol = gai_types[i].protocol;
		if (!gai_types[i].protocol && hints && hints->ai_protocol)
			e->ai.ai_protocol = hints->ai_protocol;
		e->ai.ai_addrlen = sizeof(e->sin);
		e->ai.ai_addr = (struct sockaddr *)&e->sin;
		**tail = &e->ai;
		*tail = &e->ai.ai_next;
	}
	return 0;
}

static int check_hints(const struct addrinfo *hints)
{
	if (!hints)
		return 0;
	if (hints->ai_flags & ~(AI_PASSIVE | AI_CANONNAME | AI_NUMERICHOST | AI_V4MAPPED |
				AI_ALL | AI_ADDRCONFIG | AI_NUMERICSERV))
		return EAI_BADFLAGS;
	if (hints->ai_family != AF_UNSPEC && hints->ai_family != AF_INET)
		return EAI_FAMILY;
	if (hints->ai_socktype && hints->ai_socktype != SOCK_STREAM &&
	    hints->ai_socktype != SOCK_DGRAM && hints->ai_socktype != SOCK_RAW)
		return EAI_SOCKTYPE;
	return 0;
}

int getaddrinfo(const char *node, const char *service,
		const struct addrinfo *hints, struct addrinfo **res)
{
	int flags = hints ? hints->ai_flags : 0;
	int err = check_hints(hints);
	if (err)
		return err;
	if (!node && !service)
		return EAI_NONAME;
	long port = 0;
	if (service) {
		port = service_port(service);
		if (port < 0)
			return flags & AI_NUMERICSERV ? EAI_NONAME : EAI_SERVICE;
	}
	struct in_addr addrs[MAX_ADDRS];
	char canon[256] = "";
	int n = 1;
	if (!node) {
		addrs[0].s_addr = htonl(flags & AI_PASSIVE ? INADDR_ANY : INADDR_LOOPBACK);
	} else if (inet_aton(node, &addrs[0])) {
		snprintf(canon, sizeof(canon), "%s", node);
	} else if (flags & AI_NUMERICHOST) {
		return EAI_NONAME;
	} else {
		n = hosts_lookup(node, addrs, MAX_ADDRS, canon, sizeof(canon));
		if (!n)
			return EAI_NONAME;
	}
	struct addrinfo *head = NULL, **tail = &head;
	for (int i = 0; i < n; i++) {
		err = add_entries(&tail, addrs[i], port, hints);
		if (err) {
			freeaddrinfo(head);
			return err;
		}
	}
	if (head && (flags & AI_CANONNAME) && node) {
		head->ai_canonname = strdup(canon);
		if (!head->ai_canonname) {
			freeaddrinfo(head);
			return EAI_MEMORY;
		}
	}
	*res = head;
	return 0;
}
