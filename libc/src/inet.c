/* Text forms of IPv4 addresses and interface names (arpa/inet.h, net/if.h). */
#include <arpa/inet.h>
#include <net/if.h>
#include <sys/ioctl.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Strict dotted quad: four decimal parts, each 0..255. */
int inet_pton(int af, const char *src, void *dst)
{
	if (af != AF_INET) {
		errno = EAFNOSUPPORT;
		return -1;
	}
	uint8_t b[4];
	for (int i = 0; i < 4; i++) {
		if (*src < '0' || *src > '9')
			return 0;
		unsigned v = 0;
		int digits = 0;
		while (*src >= '0' && *src <= '9') {
			v = v * 10 + (*src++ - '0');
			if (++digits > 3 || v > 255)
				return 0;
		}
		b[i] = v;
		if (i < 3 && *src++ != '.')
			return 0;
	}
	if (*src)
		return 0;
	memcpy(dst, b, 4);
	return 1;
}

const char *inet_ntop(int af, const void *src, char *dst, socklen_t size)
{
	if (af != AF_INET) {
		errno = EAFNOSUPPORT;
		return NULL;
	}
	const uint8_t *b = src;
	char t[INET_ADDRSTRLEN];
	int n = snprintf(t, sizeof(t), "%u.%u.%u.%u", b[0], b[1], b[2], b[3]);
	if (n < 0 || (socklen_t)n >= size) {
		errno = ENOSPC;
		return NULL;
	}
	memcpy(dst, t, n + 1);
	return dst;
}

/* The classic forms: a, a.b, a.b.c, a.b.c.d, each part decimal, octal
 * (0...) or hex (0x...). */
int inet_aton(const char *cp, struct in_addr *inp)
{
	unsigned long parts[4];
	int n = 0;
	for (;;) {
		char *end;
		if (!(*cp >= '0' && *cp <= '9'))
			return 0;
		parts[n++] = strtoul(cp, &end, 0);
		cp = end;
		if (*cp != '.' || n == 4)
			break;
		cp++;
	}
	if (*cp)
		return 0;
	unsigned long v;
	switch (n) {
	case 1: v = parts[0]; if (v > 0xffffffff) return 0; break;
	case 2: if (parts[0] > 255 || parts[1] > 0xffffff) return 0;
		v = parts[0] << 24 | parts[1]; break;
	case 3: if (parts[0] > 255 || parts[1] > 255 || parts[2] > 0xffff) return 0;
		v = parts[0] << 24 | parts[1] << 16 | parts[2]; break;
	default: if (parts[0] > 255 || parts[1] > 255 || parts[2] > 255 || parts[3] > 255) return 0;
		v = parts[0] << 24 | parts[1] << 16 | parts[2] << 8 | parts[3]; break;
	}
	if (inp)
		inp->s_addr = htonl(v);
	return 1;
}

in_addr_t inet_addr(const char *cp)
{
	struct in_addr a;
	return inet_aton(cp, &a) ? a.s_addr : INADDR_NONE;
}

char *inet_ntoa(struct in_addr in)
{
	static char buf[INET_ADDRSTRLEN];
	inet_ntop(AF_INET, &in, buf, sizeof(buf));
	return buf;
}

unsigned int if_nametoindex(const char *ifname)
{
	struct ifreq r;
	memset(&r, 0, sizeof(r));
	strncpy(r.ifr_name, ifname, IFNAMSIZ - 1);
	int fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return 0;
	int err = ioctl(fd, SIOCGIFINDEX, &r);
	close(fd);
	return err < 0 ? 0 : r.ifr_ifindex;
}

char *if_indextoname(unsigned int ifindex, char *ifname)
{
	struct ifreq r;
	memset(&r, 0, sizeof(r));
	r.ifr_ifindex = ifindex;
	int fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return NULL;
	int err = ioctl(fd, SIOCGIFNAME, &r);
	close(fd);
	if (err < 0) {
		if (errno == ENODEV)
			errno = ENXIO;
		return NULL;
	}
	return strncpy(ifname, r.ifr_name, IFNAMSIZ);
}
