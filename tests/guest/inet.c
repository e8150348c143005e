/*
 * inet: the IPv4 stack over loopback, in a fresh network namespace (the
 * program makes one for itself: a new user namespace where it is root,
 * and a new network namespace, so the host's run sees what a fresh Linux
 * namespace has).  Loopback starts down with no address, sending fails
 * with ENETUNREACH; SIOCSIFFLAGS brings it up and it gets 127.0.0.1/8.
 * Then: the device ioctls, UDP echo over 127.0.0.1 (ephemeral ports,
 * MSG_PEEK, MSG_TRUNC, MSG_DONTWAIT, poll), ECONNREFUSED after an ICMP
 * port unreachable, bind rules, options, /proc/net/udp, a namespace not
 * seeing another's sockets, and ICMP echo through a ping socket (after
 * ping_group_range allows it) and a raw socket.  Also natively on the
 * Linux host, and built with glibc.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <fcntl.h>
#include <net/if.h>
#include <netinet/in.h>
#include <netinet/ip.h>
#include <netinet/ip_icmp.h>
#include <poll.h>
#include <sched.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/wait.h>
#include "t.h"

static int write_text(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY);
	if (fd < 0)
		return -1;
	ssize_t n = write(fd, text, strlen(text));
	close(fd);
	return n == (ssize_t)strlen(text) ? 0 : -1;
}

static long slurp(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY);
	long n = 0, got;

	if (fd < 0)
		return -1;
	while (n < (long)size - 1 && (got = read(fd, buf + n, size - 1 - n)) > 0)
		n += got;
	close(fd);
	buf[n] = 0;
	return n;
}

/* Root of a new user namespace owning a new network namespace. */
static int new_netns(void)
{
	char map[64];
	uid_t uid = getuid();
	gid_t gid = getgid();

	if (unshare(CLONE_NEWUSER | CLONE_NEWNET) != 0)
		return -1;
	snprintf(map, sizeof(map), "0 %u 1\n", (unsigned)uid);
	if (write_text("/proc/self/uid_map", map) != 0)
		return -1;
	if (write_text("/proc/self/setgroups", "deny") != 0)
		return -1;
	snprintf(map, sizeof(map), "0 %u 1\n", (unsigned)gid);
	return write_text("/proc/self/gid_map", map);
}

static struct sockaddr_in sin_of(const char *addr, int port)
{
	struct sockaddr_in a;

	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_port = htons(port);
	inet_pton(AF_INET, addr, &a.sin_addr);
	return a;
}

static int lo_flags(int fd)
{
	struct ifreq r;

	memset(&r, 0, sizeof(r));
	strcpy(r.ifr_name, "lo");
	return ioctl(fd, SIOCGIFFLAGS, &r) == 0 ? r.ifr_flags : -1;
}

static int lo_up(int fd)
{
	struct ifreq r;

	memset(&r, 0, sizeof(r));
	strcpy(r.ifr_name, "lo");
	if (ioctl(fd, SIOCGIFFLAGS, &r) != 0)
		return -1;
	r.ifr_flags |= IFF_UP;
	return ioctl(fd, SIOCSIFFLAGS, &r);
}

static int udp_bound(const char *addr, int port)
{
	int fd = socket(AF_INET, SOCK_DGRAM, 0);
	struct sockaddr_in a = sin_of(addr, port);

	if (fd < 0 || bind(fd, (struct sockaddr *)&a, sizeof(a)) != 0) {
		if (fd >= 0)
			close(fd);
		return -1;
	}
	return fd;
}

static int port_of(int fd)
{
	struct sockaddr_in a;
	socklen_t len = sizeof(a);

	if (getsockname(fd, (struct sockaddr *)&a, &len) != 0)
		return -1;
	return ntohs(a.sin_port);
}

static void test_down_and_up(void)
{
	int fd = socket(AF_INET, SOCK_DGRAM, 0);
	check("inet-socket-udp", fd >= 0, "%s", strerror(errno));

	int fl = lo_flags(fd);
	check("inet-lo-down-at-creation", fl >= 0 && (fl & IFF_LOOPBACK) && !(fl & IFF_UP),
	      "flags 0x%x", fl);
	struct ifreq r;
	memset(&r, 0, sizeof(r));
	strcpy(r.ifr_name, "lo");
	check_err("inet-lo-down-no-address", ioctl(fd, SIOCGIFADDR, &r), EADDRNOTAVAIL);

	struct ifconf ifc;
	char buf[sizeof(struct ifreq) * 4];
	ifc.ifc_len = sizeof(buf);
	ifc.ifc_buf = buf;
	check("inet-ifconf-empty-when-down", ioctl(fd, SIOCGIFCONF, &ifc) == 0 && ifc.ifc_len == 0,
	      "len %d: %s", ifc.ifc_len, strerror(errno));

	struct sockaddr_in to = sin_of("127.0.0.1", 9);
	long n = sendto(fd, "x", 1, 0, (struct sockaddr *)&to, sizeof(to));
	check_err("inet-send-lo-down-enetunreach", n, ENETUNREACH);

	check("inet-lo-up", lo_up(fd) == 0, "%s", strerror(errno));
	fl = lo_flags(fd);
	check("inet-lo-flags-up", fl == (IFF_UP | IFF_LOOPBACK | IFF_RUNNING), "flags 0x%x", fl);

	memset(&r, 0, sizeof(r));
	strcpy(r.ifr_name, "lo");
	struct sockaddr_in *sa = (struct sockaddr_in *)&r.ifr_addr;
	check("inet-lo-address", ioctl(fd, SIOCGIFADDR, &r) == 0 && sa->sin_family == AF_INET &&
	      sa->sin_addr.s_addr == htonl(INADDR_LOOPBACK), "%s addr %x", strerror(errno),
	      sa->sin_addr.s_addr);
	check("inet-lo-netmask", ioctl(fd, SIOCGIFNETMASK, &r) == 0 &&
	      sa->sin_addr.s_addr == htonl(0xff000000), "%s mask %x", strerror(errno),
	      sa->sin_addr.s_addr);
	ifc.ifc_len = sizeof(buf);
	ifc.ifc_buf = buf;
	struct ifreq *first = (struct ifreq *)buf;
	check("inet-ifconf-lo", ioctl(fd, SIOCGIFCONF, &ifc) == 0 &&
	      ifc.ifc_len == sizeof(struct ifreq) && strcmp(first->ifr_name, "lo") == 0 &&
	      ((struct sockaddr_in *)&first->ifr_addr)->sin_addr.s_addr == htonl(INADDR_LOOPBACK),
	      "len %d: %s", ifc.ifc_len, strerror(errno));
	ifc.ifc_buf = NULL;
	ifc.ifc_len = 0;
	check("inet-ifconf-size-only", ioctl(fd, SIOCGIFCONF, &ifc) == 0 &&
	      ifc.ifc_len == sizeof(struct ifreq), "len %d", ifc.ifc_len);

	memset(&r, 0, sizeof(r));
	strcpy(r.ifr_name, "lo");
	check("inet-ifindex-lo", ioctl(fd, SIOCGIFINDEX, &r) == 0 && r.ifr_ifindex == 1,
	      "index %d", r.ifr_ifindex);
	memset(&r, 0, sizeof(r));
	r.ifr_ifindex = 1;
	check("inet-ifname-1", ioctl(fd, SIOCGIFNAME, &r) == 0 && strcmp(r.ifr_name, "lo") == 0,
	      "'%s'", r.ifr_name);
	strcpy(r.ifr_name, "lo");
	check("inet-mtu-lo", ioctl(fd, SIOCGIFMTU, &r) == 0 && r.ifr_mtu == 65536, "mtu %d",
	      r.ifr_mtu);
	check("inet-hwaddr-lo", ioctl(fd, SIOCGIFHWADDR, &r) == 0 &&
	      r.ifr_hwaddr.sa_family == 772 /* ARPHRD_LOOPBACK */, "family %d",
	      r.ifr_hwaddr.sa_family);
	strcpy(r.ifr_name, "nosuch0");
	check_err("inet-ifflags-nodev", ioctl(fd, SIOCGIFFLAGS, &r), ENODEV);
	check("inet-if-nametoindex", if_nametoindex("lo") == 1, "%u", if_nametoindex("lo"));
	close(fd);
}

static void test_udp_echo(void)
{
	int a = udp_bound("127.0.0.1", 0);
	int b = socket(AF_INET, SOCK_DGRAM, 0);
	int pa = port_of(a);
	check("inet-udp-ephemeral-port", pa >= 32768 && pa <= 60999, "port %d", pa);

	struct sockaddr_in to = sin_of("127.0.0.1", pa), from;
	socklen_t flen = sizeof(from);
	char buf[64];
	check("inet-udp-sendto", sendto(b, "ping", 4, 0, (struct sockaddr *)&to, sizeof(to)) == 4,
	      "%s", strerror(errno));
	int pb = port_of(b);
	check("inet-udp-autobind", pb >= 32768 && pb <= 60999, "port %d", pb);

	struct pollfd p = { a, POLLIN, 0 };
	check("inet-udp-poll-in", poll(&p, 1, 5000) == 1 && (p.revents & POLLIN), "revents 0x%x",
	      p.revents);
	long n = recv(a, buf, sizeof(buf), MSG_PEEK);
	check("inet-udp-peek", n == 4 && memcmp(buf, "ping", 4) == 0, "n %ld", n);
	n = recvfrom(a, buf, sizeof(buf), 0, (struct sockaddr *)&from, &flen);
	check("inet-udp-recvfrom", n == 4 && memcmp(buf, "ping", 4) == 0 && flen == sizeof(from) &&
	      from.sin_family == AF_INET && from.sin_addr.s_addr == htonl(INADDR_LOOPBACK) &&
	      ntohs(from.sin_port) == pb, "n %ld len %u port %d", n, flen, ntohs(from.sin_port));
	check("inet-udp-echo-back", sendto(a, "pong!", 5, 0, (struct sockaddr *)&from, flen) == 5,
	      "%s", strerror(errno));
	n = recv(b, buf, sizeof(buf), 0);
	check("inet-udp-echo-received", n == 5 && memcmp(buf, "pong!", 5) == 0, "n %ld", n);

	n = recv(a, buf, sizeof(buf), MSG_DONTWAIT);
	check_err("inet-udp-dontwait-eagain", n, EAGAIN);
	p.revents = 0;
	check("inet-udp-poll-empty", poll(&p, 1, 0) == 0, "revents 0x%x", p.revents);

	/* Truncation: MSG_TRUNC gives the real length, msg_flags says so. */
	sendto(b, "0123456789", 10, 0, (struct sockaddr *)&to, sizeof(to));
	n = recv(a, buf, 4, MSG_TRUNC | MSG_PEEK);
	check("inet-udp-msg-trunc-length", n == 10, "n %ld", n);
	struct iovec v = { buf, 4 };
	struct msghdr m = { .msg_name = &from, .msg_namelen = sizeof(from), .msg_iov = &v,
			    .msg_iovlen = 1 };
	n = recvmsg(a, &m, 0);
	check("inet-udp-recvmsg-trunc", n == 4 && (m.msg_flags & MSG_TRUNC) &&
	      memcmp(buf, "0123", 4) == 0 && m.msg_namelen == sizeof(from), "n %ld flags 0x%x",
	      n, m.msg_flags);
	check_err("inet-udp-rest-discarded", recv(a, buf, sizeof(buf), MSG_DONTWAIT), EAGAIN);

	/* A large datagram, and FIONREAD its size. */
	static char big[60000], got[60000];
	for (size_t i = 0; i < sizeof(big); i++)
		big[i] = (char)(i * 7);
	sendto(b, big, sizeof(big), 0, (struct sockaddr *)&to, sizeof(to));
	int avail = -1;
	ioctl(a, FIONREAD, &avail);
	check("inet-udp-fionread", avail == (int)sizeof(big), "%d", avail);
	n = recv(a, got, sizeof(got), 0);
	check("inet-udp-large", n == (long)sizeof(big) && memcmp(big, got, sizeof(big)) == 0,
	      "n %ld", n);

	/* Connected: send without an address, getpeername. */
	struct sockaddr_in peer;
	socklen_t plen = sizeof(peer);
	check_err("inet-udp-getpeername-enotconn", getpeername(b, (struct sockaddr *)&peer, &plen), ENOTCONN);
	check_err("inet-udp-send-edestaddrreq", send(b, "x", 1, 0), EDESTADDRREQ);
	check("inet-udp-connect", connect(b, (struct sockaddr *)&to, sizeof(to)) == 0, "%s",
	      strerror(errno));
	plen = sizeof(peer);
	check("inet-udp-getpeername", getpeername(b, (struct sockaddr *)&peer, &plen) == 0 &&
	      ntohs(peer.sin_port) == pa, "%s", strerror(errno));
	struct sockaddr_in me;
	socklen_t mlen = sizeof(me);
	getsockname(b, (struct sockaddr *)&me, &mlen);
	check("inet-udp-connect-sets-source", me.sin_addr.s_addr == htonl(INADDR_LOOPBACK) &&
	      ntohs(me.sin_port) == pb, "%x:%d", me.sin_addr.s_addr, ntohs(me.sin_port));
	check("inet-udp-send-connected", send(b, "abc", 3, 0) == 3 &&
	      recv(a, buf, sizeof(buf), 0) == 3, "%s", strerror(errno));
	close(a);

	/* Nobody at pa now: the ICMP port unreachable reaches the connected
	 * socket as ECONNREFUSED on its next receive. */
	struct timeval tv = { 5, 0 };
	setsockopt(b, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	send(b, "lost", 4, 0);
	check_err("inet-udp-econnrefused", recv(b, buf, sizeof(buf), 0), ECONNREFUSED);
	check_err("inet-udp-error-once", recv(b, buf, sizeof(buf), MSG_DONTWAIT), EAGAIN);
	close(b);
}

static void test_bind_rules(void)
{
	int a = udp_bound("127.0.0.1", 5000);
	check("inet-bind-fixed-port", a >= 0 && port_of(a) == 5000, "%s", strerror(errno));
	check_err("inet-bind-in-use", udp_bound("127.0.0.1", 5000), EADDRINUSE);
	check_err("inet-bind-in-use-any", udp_bound("0.0.0.0", 5000), EADDRINUSE);
	int b = udp_bound("127.0.0.2", 5000);
	check("inet-bind-other-address", b >= 0, "%s", strerror(errno));
	close(b);
	check_err("inet-bind-not-local", udp_bound("10.1.2.3", 5001), EADDRNOTAVAIL);
	check_err("inet-bind-twice", bind(a, (struct sockaddr *)&(struct sockaddr_in){
		.sin_family = AF_INET }, sizeof(struct sockaddr_in)), EINVAL);
	close(a);

	/* SO_REUSEADDR on both: the same port twice. */
	int s1 = socket(AF_INET, SOCK_DGRAM, 0), s2 = socket(AF_INET, SOCK_DGRAM, 0), one = 1;
	struct sockaddr_in at = sin_of("127.0.0.1", 5002);
	setsockopt(s1, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	setsockopt(s2, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	check("inet-reuseaddr", bind(s1, (struct sockaddr *)&at, sizeof(at)) == 0 &&
	      bind(s2, (struct sockaddr *)&at, sizeof(at)) == 0, "%s", strerror(errno));
	int v = 0;
	socklen_t vl = sizeof(v);
	check("inet-reuseaddr-get", getsockopt(s1, SOL_SOCKET, SO_REUSEADDR, &v, &vl) == 0 && v == 1,
	      "%d", v);
	close(s1);
	close(s2);

	/* IP_TTL and SO_BROADCAST. */
	int s = socket(AF_INET, SOCK_DGRAM, 0);
	vl = sizeof(v);
	check("inet-ttl-default", getsockopt(s, IPPROTO_IP, IP_TTL, &v, &vl) == 0 && v == 64,
	      "%d", v);
	v = 5;
	setsockopt(s, IPPROTO_IP, IP_TTL, &v, sizeof(v));
	v = 0;
	vl = sizeof(v);
	check("inet-ttl-set", getsockopt(s, IPPROTO_IP, IP_TTL, &v, &vl) == 0 && v == 5, "%d", v);
	v = 0;
	check_err("inet-ttl-zero", setsockopt(s, IPPROTO_IP, IP_TTL, &v, sizeof(v)), EINVAL);
	struct sockaddr_in bc = sin_of("255.255.255.255", 9);
	/* Loopback alone has no route to the limited broadcast. */
	check_err("inet-broadcast-no-route", sendto(s, "x", 1, 0, (struct sockaddr *)&bc, sizeof(bc)),
		  ENETUNREACH);
	close(s);
}

/* The /proc/net/udp line of a socket bound to 127.0.0.1:port. */
static void test_proc_udp(void)
{
	int s = udp_bound("127.0.0.1", 5003);
	char buf[8192], want[64];
	slurp("/proc/net/udp", buf, sizeof(buf));
	check("inet-proc-udp-header", strncmp(buf, "   sl  local_address rem_address   st tx_queue "
	      "rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops", 95) == 0,
	      "'%.100s'", buf);
	snprintf(want, sizeof(want), ": 0100007F:%04X 00000000:0000 07 ", 5003);
	check("inet-proc-udp-row", strstr(buf, want) != NULL, "no '%s' in '%s'", want, buf);
	char *nl = strchr(buf, '\n');
	check("inet-proc-udp-width", nl && nl - buf == 127, "header %ld wide",
	      nl ? (long)(nl - buf) : -1L);
	close(s);
}

/* /proc/net/route: Linux's header padded to 127 columns, and no row for
 * lo's addresses (they are in the local table, which it does not show). */
static void test_proc_route(void)
{
	char buf[4096];
	slurp("/proc/net/route", buf, sizeof(buf));
	check("inet-proc-route-header", strncmp(buf, "Iface\tDestination\tGateway \tFlags\t"
	      "RefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT ", 71) == 0, "'%.100s'", buf);
	char *nl = strchr(buf, '\n');
	check("inet-proc-route-width", nl && nl - buf == 127, "header %ld wide",
	      nl ? (long)(nl - buf) : -1L);
	check("inet-proc-route-no-rows", nl && nl[1] == 0, "'%s'", buf);
}

/* A counter of /proc/net/snmp: the value under name on the line of
 * section ("Udp", "Icmp", "IcmpMsg"...); 0 when the column is absent
 * (IcmpMsg shows only the types seen), -1 when the file is unreadable. */
static long mib_file(const char *path, const char *section, const char *name);

static long snmp(const char *section, const char *name)
{
	return mib_file("/proc/net/snmp", section, name);
}

/* The same in /proc/net/netstat (TcpExt, IpExt). */
static long netstat(const char *section, const char *name)
{
	return mib_file("/proc/net/netstat", section, name);
}

static long mib_file(const char *path, const char *section, const char *name)
{
	char buf[8192];
	if (slurp(path, buf, sizeof(buf)) <= 0)
		return -1;
	char tag[32];
	snprintf(tag, sizeof(tag), "%s:", section);
	for (char *line = buf; line && *line;) {
		char *next = strchr(line, '\n');
		if (next)
			*next++ = 0;
		if (strncmp(line, tag, strlen(tag)) == 0 && line[strlen(tag)] == ' ' && next &&
		    strncmp(next, tag, strlen(tag)) == 0) {
			char *values = next, *vend = strchr(values, '\n');
			if (vend)
				*vend = 0;
			/* The column of name, then the value in that column. */
			int col = -1, i = 0;
			for (char *w = strtok(line + strlen(tag), " "); w; w = strtok(NULL, " "), i++)
				if (strcmp(w, name) == 0)
					col = i;
			if (col < 0)
				return 0;
			i = 0;
			for (char *w = strtok(values + strlen(tag), " "); w; w = strtok(NULL, " "), i++)
				if (i == col)
					return strtol(w, NULL, 10);
			return -1;
		}
		line = next;
	}
	return 0;
}

/* The counters move by exactly what was done, in a namespace where
 * nothing else happens: datagrams out and in, a closed port's ICMP both
 * ways, an echo and its reply.  Linux counts the same. */
static void test_snmp(void)
{
	long out0 = snmp("Udp", "OutDatagrams"), in0 = snmp("Udp", "InDatagrams");
	long ipout0 = snmp("Ip", "OutRequests"), ipin0 = snmp("Ip", "InReceives");
	long ipdel0 = snmp("Ip", "InDelivers");
	long octin0 = netstat("IpExt", "InOctets"), octout0 = netstat("IpExt", "OutOctets");
	int a = udp_bound("127.0.0.1", 5010);
	struct sockaddr_in to = sin_of("127.0.0.1", 5010);
	char buf[64];
	int sent = 0, got = 0;
	for (int i = 0; i < 3; i++)
		sent += sendto(a, "x", 1, 0, (struct sockaddr *)&to, sizeof(to)) == 1;
	for (int i = 0; i < 3; i++)
		got += recv(a, buf, sizeof(buf), MSG_DONTWAIT) == 1;
	check("inet-snmp-udp-out", sent == 3 && snmp("Udp", "OutDatagrams") - out0 == 3,
	      "%ld", snmp("Udp", "OutDatagrams") - out0);
	check("inet-snmp-udp-in", got == 3 && snmp("Udp", "InDatagrams") - in0 == 3,
	      "%ld", snmp("Udp", "InDatagrams") - in0);
	check("inet-snmp-ip-out", snmp("Ip", "OutRequests") - ipout0 == 3, "%ld",
	      snmp("Ip", "OutRequests") - ipout0);
	check("inet-snmp-ip-in", snmp("Ip", "InReceives") - ipin0 == 3 &&
	      snmp("Ip", "InDelivers") - ipdel0 == 3, "%ld %ld", snmp("Ip", "InReceives") - ipin0,
	      snmp("Ip", "InDelivers") - ipdel0);
	/* Each 1-byte datagram is a 29-byte IPv4 packet, out and in. */
	check("inet-netstat-octets", netstat("IpExt", "InOctets") - octin0 == 87 &&
	      netstat("IpExt", "OutOctets") - octout0 == 87, "in %ld out %ld",
	      netstat("IpExt", "InOctets") - octin0, netstat("IpExt", "OutOctets") - octout0);
	/* A closed port: NoPorts, and the port unreachable sent and received. */
	long noports0 = snmp("Udp", "NoPorts");
	long du_out0 = snmp("Icmp", "OutDestUnreachs"), du_in0 = snmp("Icmp", "InDestUnreachs");
	long t3_0 = snmp("IcmpMsg", "OutType3");
	struct sockaddr_in closed = sin_of("127.0.0.1", 5011);
	sendto(a, "x", 1, 0, (struct sockaddr *)&closed, sizeof(closed));
	check("inet-snmp-udp-noports", snmp("Udp", "NoPorts") - noports0 == 1, "%ld",
	      snmp("Udp", "NoPorts") - noports0);
	check("inet-snmp-icmp-unreach", snmp("Icmp", "OutDestUnreachs") - du_out0 == 1 &&
	      snmp("Icmp", "InDestUnreachs") - du_in0 == 1 && snmp("IcmpMsg", "OutType3") - t3_0 == 1,
	      "out %ld in %ld type3 %ld", snmp("Icmp", "OutDestUnreachs") - du_out0,
	      snmp("Icmp", "InDestUnreachs") - du_in0, snmp("IcmpMsg", "OutType3") - t3_0);
	close(a);
	char head[64];
	slurp("/proc/net/snmp", head, sizeof(head));
	check("inet-snmp-first-line", strncmp(head, "Ip: Forwarding DefaultTTL InReceives", 36) == 0,
	      "'%.40s'", head);
	check("inet-snmp-tcp-rto", snmp("Tcp", "RtoMin") == 200 && snmp("Tcp", "MaxConn") == -1,
	      "%ld %ld", snmp("Tcp", "RtoMin"), snmp("Tcp", "MaxConn"));
}

/* A namespace of its own sees none of this one's sockets. */
static void test_isolation(void)
{
	int s = udp_bound("127.0.0.1", 5004);
	pid_t pid = fork();
	if (pid == 0) {
		if (unshare(CLONE_NEWNET) != 0)
			_exit(10);
		int fd = socket(AF_INET, SOCK_DGRAM, 0);
		if (lo_up(fd) != 0)
			_exit(11);
		char buf[4096];
		slurp("/proc/net/udp", buf, sizeof(buf));
		if (strchr(buf, '\n') && strchr(buf, '\n')[1])
			_exit(12);
		int t = udp_bound("127.0.0.1", 5004);	/* free here */
		if (t < 0)
			_exit(13);
		_exit(0);
	}
	int status = -1;
	waitpid(pid, &status, 0);
	check("inet-netns-isolated", WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "status 0x%x", status);
	close(s);
}

static unsigned short icmp_csum(const void *buf, size_t len)
{
	const unsigned char *b = buf;
	unsigned long sum = 0;
	for (size_t i = 0; i + 1 < len; i += 2)
		sum += b[i] | b[i + 1] << 8;
	if (len & 1)
		sum += b[len - 1];
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (unsigned short)~sum;
}

static void test_ping(void)
{
	int fd = socket(AF_INET, SOCK_DGRAM, IPPROTO_ICMP);
	check_err("inet-ping-socket-denied", fd, EACCES);
	if (fd >= 0)
		close(fd);
	check("inet-ping-group-range-write",
	      write_text("/proc/sys/net/ipv4/ping_group_range", "0 0\n") == 0, "%s",
	      strerror(errno));
	char buf[256];
	slurp("/proc/sys/net/ipv4/ping_group_range", buf, sizeof(buf));
	check("inet-ping-group-range-read", strcmp(buf, "0\t0\n") == 0, "'%s'", buf);
	slurp("/proc/sys/net/ipv4/ip_local_port_range", buf, sizeof(buf));
	check("inet-port-range-read", strcmp(buf, "32768\t60999\n") == 0, "'%s'", buf);

	fd = socket(AF_INET, SOCK_DGRAM, IPPROTO_ICMP);
	check("inet-ping-socket", fd >= 0, "%s", strerror(errno));
	struct icmphdr h;
	char pkt[64];
	memset(&h, 0, sizeof(h));
	h.type = ICMP_ECHO;
	h.un.echo.sequence = htons(7);
	memcpy(pkt, &h, sizeof(h));
	memcpy(pkt + sizeof(h), "payload!", 8);
	struct sockaddr_in to = sin_of("127.0.0.1", 0);
	check("inet-ping-send", sendto(fd, pkt, sizeof(h) + 8, 0, (struct sockaddr *)&to,
				       sizeof(to)) == (long)sizeof(h) + 8, "%s", strerror(errno));
	struct timeval tv = { 5, 0 };
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	long n = recv(fd, buf, sizeof(buf), 0);
	struct icmphdr *r = (struct icmphdr *)buf;
	check("inet-ping-reply", n == (long)sizeof(h) + 8 && r->type == ICMP_ECHOREPLY &&
	      ntohs(r->un.echo.sequence) == 7 && memcmp(buf + sizeof(h), "payload!", 8) == 0,
	      "n %ld type %d", n, n > 0 ? r->type : -1);
	close(fd);

	/* Raw: the whole packet with its IPv4 header; ours first, then the
	 * reply. */
	fd = socket(AF_INET, SOCK_RAW, IPPROTO_ICMP);
	check("inet-raw-socket", fd >= 0, "%s", strerror(errno));
	h.un.echo.id = htons(0x1234);
	h.checksum = 0;
	memcpy(pkt, &h, sizeof(h));
	h.checksum = icmp_csum(pkt, sizeof(h) + 8);
	memcpy(pkt, &h, sizeof(h));
	check("inet-raw-send", sendto(fd, pkt, sizeof(h) + 8, 0, (struct sockaddr *)&to,
				      sizeof(to)) == (long)sizeof(h) + 8, "%s", strerror(errno));
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	int got_reply = 0;
	for (int i = 0; i < 4 && !got_reply; i++) {
		n = recv(fd, buf, sizeof(buf), 0);
		if (n < (long)(sizeof(struct iphdr) + sizeof(h)))
			break;
		struct iphdr *ip = (struct iphdr *)buf;
		r = (struct icmphdr *)(buf + ip->ihl * 4);
		if (r->type == ICMP_ECHOREPLY && ntohs(r->un.echo.id) == 0x1234 &&
		    ip->protocol == IPPROTO_ICMP && ip->ttl == 64)
			got_reply = 1;
	}
	check("inet-raw-reply", got_reply, "n %ld", n);
	close(fd);
}

/* /bin/ping (userland/bin/ping.c; $PING elsewhere): iputils' lines. */
static void test_ping_program(void)
{
	const char *prog = getenv("PING") ? getenv("PING") : "/bin/ping";
	if (access(prog, X_OK) != 0) {
		t_print("SKIP inet-ping-program: no %s", prog);
		return;
	}
	int fds[2];
	if (pipe(fds) != 0)
		return;
	pid_t pid = fork();
	if (pid == 0) {
		dup2(fds[1], 1);
		execl(prog, "ping", "-c", "2", "-i", "0.1", "127.0.0.1", (char *)NULL);
		_exit(127);
	}
	close(fds[1]);
	char out[2048];
	size_t n = 0;
	ssize_t got;
	while (n < sizeof(out) - 1 && (got = read(fds[0], out + n, sizeof(out) - 1 - n)) > 0)
		n += got;
	out[n] = 0;
	close(fds[0]);
	int status = -1;
	waitpid(pid, &status, 0);
	check("inet-ping-program-status", WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "status 0x%x", status);
	check("inet-ping-program-header",
	      strncmp(out, "PING 127.0.0.1 (127.0.0.1) 56(84) bytes of data.\n", 49) == 0,
	      "'%s'", out);
	check("inet-ping-program-replies",
	      strstr(out, "\n64 bytes from 127.0.0.1: icmp_seq=1 ttl=64 time=") &&
	      strstr(out, "\n64 bytes from 127.0.0.1: icmp_seq=2 ttl=64 time="), "'%s'", out);
	check("inet-ping-program-stats",
	      strstr(out, "\n--- 127.0.0.1 ping statistics ---\n2 packets transmitted, 2 received, "
		     "0% packet loss, time ") && strstr(out, "\nrtt min/avg/max/mdev = "),
	      "'%s'", out);
}

static int in_netns(void)
{
	test_down_and_up();
	test_udp_echo();
	test_bind_rules();
	test_proc_udp();
	test_proc_route();
	test_snmp();
	test_isolation();
	test_ping();
	test_ping_program();

	char buf[4096];
	slurp("/proc/net/dev", buf, sizeof(buf));
	unsigned long long rxb = 0, rxp = 0;
	char *row = strstr(buf, "lo:");
	check("inet-lo-counters", row && sscanf(row, "lo:%llu %llu", &rxb, &rxp) == 2 && rxp > 0,
	      "'%.80s'", row ? row : "");
	return 0;
}

int main(void)
{
	pid_t pid = fork();
	if (pid == 0) {
		if (new_netns() != 0) {
			check("inet-new-netns", 0, "%s", strerror(errno));
			_exit(1);
		}
		_exit(in_netns());
	}
	int status = -1;
	waitpid(pid, &status, 0);
	check("inet-child", WIFEXITED(status) && WEXITSTATUS(status) == 0, "status 0x%x", status);
	return 0;
}
