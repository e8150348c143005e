/*
 * net/ipconfig.c - the static network configuration of the kernel
 * command line, Linux's ip= parameter (Documentation/admin-guide/
 * nfs/nfsroot.rst), so a guest has its address and default route
 * without any user space tool:
 *   ip=CLIENT:SERVER:GATEWAY:NETMASK:HOSTNAME:DEVICE:AUTOCONF
 * e.g. ip=10.0.2.15::10.0.2.2:255.255.255.0::eth0:off.  Only the static
 * form is done (AUTOCONF off, none or empty); SERVER and HOSTNAME are
 * ignored.  The device (by default the first Ethernet one) of the
 * initial namespace is brought up, given CLIENT with NETMASK's prefix
 * (the address class's without one), and a default route via GATEWAY
 * when there is one.  Runs once at boot; takes the locks the calls it
 * makes take.
 */
#include "inet.h"
#include "netdevice.h"
#include "ns.h"
#include "boot.h"
#include "string.h"
#include "printk.h"

#define IPCONFIG_FIELDS	7

/* a.b.c.d into *addr (network order): 0, or -EINVAL. */
static int parse_ipv4(const char *s, uint32_t *addr)
{
	uint32_t a = 0;
	for (int i = 0; i < 4; i++) {
		if (*s < '0' || *s > '9')
			return -EINVAL;
		unsigned int v = 0;
		while (*s >= '0' && *s <= '9') {
			v = v * 10 + (*s++ - '0');
			if (v > 255)
				return -EINVAL;
		}
		a = a << 8 | v;
		if (i < 3 && *s++ != '.')
			return -EINVAL;
	}
	if (*s)
		return -EINVAL;
	*addr = htonl(a);
	return 0;
}

/* The prefix length of a contiguous mask, or -1. */
static int prefix_of(uint32_t mask)
{
	uint32_t m = ntohl(mask);
	int n = __builtin_popcount(m);
	return (n ? ~0u << (32 - n) : 0) == m ? n : -1;
}

static int class_prefix(uint32_t addr)
{
	uint32_t a = ntohl(addr);
	return !(a & 0x80000000) ? 8 : (a & 0xc0000000) == 0x80000000 ? 16 : 24;
}

static struct net_device *first_ether(struct net *net)
{
	for (int i = 1; i <= net->ifindex_last; i++) {
		struct net_device *dev = dev_get_by_index(net, i);
		if (dev && dev->type == ARPHRD_ETHER)
			return dev;
	}
	return NULL;
}

static int ipconfig(char *spec)
{
	char *field[IPCONFIG_FIELDS] = { 0 };
	for (int i = 0; i < IPCONFIG_FIELDS && spec; i++) {
		field[i] = spec;
		spec = strchr(spec, ':');
		if (spec)
			*spec++ = 0;
	}
	const char *autoconf = field[6] ? field[6] : "";
	if (*autoconf && strcmp(autoconf, "off") && strcmp(autoconf, "none"))
		return -EOPNOTSUPP;
	uint32_t client, gw = 0, mask = 0;
	if (!field[0] || parse_ipv4(field[0], &client) ||
	    (field[2] && *field[2] && parse_ipv4(field[2], &gw)) ||
	    (field[3] && *field[3] && parse_ipv4(field[3], &mask)))
		return -EINVAL;
	int plen = field[3] && *field[3] ? prefix_of(mask) : class_prefix(client);
	if (plen < 0)
		return -EINVAL;
	rtnl_lock();
	struct net_device *dev = field[5] && *field[5] ? dev_get_by_name(&init_net, field[5]) :
				 first_ether(&init_net);
	if (!dev) {
		rtnl_unlock();
		return -ENODEV;
	}
	int err = dev_change_flags(dev, dev->flags | IFF_UP);
	struct inet_net *in = init_net.inet;
	if (!err) {
		uint32_t host = plen > 0 && plen < 31 ? ~ntohl(0xffffffffu << (32 - plen)) : 0;
		mutex_lock(&in->lock);
		err = inet_addr_add(&init_net, dev, client, plen, plen < 31 ? client | host : 0,
				    RT_SCOPE_UNIVERSE, dev->name);
		mutex_unlock(&in->lock);
	}
	if (!err && gw) {
		struct inet_route_cfg cfg = {
			.table = RT_TABLE_MAIN, .type = RTN_UNICAST, .scope = RT_SCOPE_UNIVERSE,
			.protocol = RTPROT_BOOT, .gw = gw, .dev = dev,
			.nlflags = NLM_F_CREATE | NLM_F_EXCL,
		};
		mutex_lock(&in->lock);
		err = inet_route_add(&init_net, &cfg);
		mutex_unlock(&in->lock);
	}
	if (!err) {
		uint32_t c = ntohl(client), g = ntohl(gw);
		printk("IP-Config: %s: %u.%u.%u.%u/%d, gateway %u.%u.%u.%u\n", dev->name,
		       c >> 24, (c >> 16) & 255, (c >> 8) & 255, c & 255, plen,
		       g >> 24, (g >> 16) & 255, (g >> 8) & 255, g & 255);
	}
	rtnl_unlock();
	return err;
}

void ip_auto_config(void)
{
	char spec[128], fields[128];
	if (!cmdline_get("ip", spec, sizeof(spec)))
		return;
	strlcpy(fields, spec, sizeof(fields));
	int err = ipconfig(fields);
	if (err)
		printk("IP-Config: ip=%s: error %d\n", spec, err);
}
