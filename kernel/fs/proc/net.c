/*
 * /proc/PID/net (and /proc/net, a link to self/net): the network of the
 * process's network namespace.  dev lists its devices with their
 * counters, in Linux's layout; the files of the network stack (tcp, udp,
 * unix, route, arp, snmp) join this table with it.
 */
#include "internal.h"
#include "netdevice.h"

static void dev_row(const struct net_device *dev, void *arg)
{
	const struct net_device_stats64 *s = &dev->stats;
	tb_printf(arg, "%6s:%8llu %7llu %4llu %4llu %4llu %5llu %10llu %9llu "
		  "%8llu %7llu %4llu %4llu %4llu %5llu %7llu %10llu\n", dev->name,
		  (unsigned long long)s->rx_bytes, (unsigned long long)s->rx_packets,
		  (unsigned long long)s->rx_errors, (unsigned long long)s->rx_dropped, 0ull, 0ull, 0ull,
		  (unsigned long long)s->multicast, (unsigned long long)s->tx_bytes,
		  (unsigned long long)s->tx_packets, (unsigned long long)s->tx_errors,
		  (unsigned long long)s->tx_dropped, 0ull, (unsigned long long)s->collisions, 0ull,
		  0ull);
}

static int show_net_dev(struct textbuf *tb, struct task *t, struct inode *in)
{
	struct nsproxy *nsproxy = task_nsproxy_get(t);
	if (!nsproxy)
		return -ESRCH;
	struct net *net = get_net(nsproxy->net_ns);
	put_nsproxy(nsproxy);
	tb_printf(tb, "Inter-|   Receive                                                |  Transmit\n"
		  " face |bytes    packets errs drop fifo frame compressed multicast|"
		  "bytes    packets errs drop fifo colls carrier compressed\n");
	netdev_for_each(net, dev_row, tb);
	put_net(net);
	return 0;
}

static const struct proc_entry net_entries[] = {
	{ "dev", S_IFREG | 0444, .show = show_net_dev },
};

const struct proc_table proc_net_table = {
	PROC_T_NET, net_entries, ARRAY_SIZE(net_entries), PROC_T_SPECIAL, PROC_PID_DIR,
};
