/*
 * Network namespaces: each has its own devices (a loopback device from
 * the start, net/dev.c); the addresses and sockets of the network stack
 * will live here too.  The object is reference counted, owned by the user
 * namespace that made it, and freed with its devices at its last put.
 */
#include "ns.h"
#include "user_ns.h"
#include "kmalloc.h"
#include "proc.h"
#include "netdevice.h"
#include "inet.h"
#include "printk.h"
#include <linux/sched.h>

/* As on Linux, the initial network namespace has no fixed number: it is
 * the first one handed out. */
struct net init_net = {
	.ns = { .inum = PROC_DYNAMIC_FIRST, .ops = &netns_operations },
	.refcnt = 1,
	.user_ns = &init_user_ns,
};

/* The devices of the first namespace, made at boot. */
void net_ns_init(void)
{
	if (netdev_init_net(&init_net) || inet_init_net(&init_net) || net_work_init())
		panic("no memory for the loopback device");
}

struct net *create_net(struct user_namespace *user_ns)
{
	struct net *ns = kzalloc(sizeof(*ns));
	if (!ns)
		return NULL;
	if (netdev_init_net(ns)) {
		kfree(ns);
		return NULL;
	}
	if (inet_init_net(ns)) {
		netdev_exit_net(ns);
		kfree(ns);
		return NULL;
	}
	ns->refcnt = 1;
	ns->user_ns = get_user_ns(user_ns);
	ns->ns.inum = ns_alloc_inum();
	ns->ns.ops = &netns_operations;
	return ns;
}

struct net *get_net(struct net *ns)
{
	__atomic_add_fetch(&ns->refcnt, 1, __ATOMIC_RELAXED);
	return ns;
}

void put_net(struct net *ns)
{
	if (ns != &init_net && __atomic_sub_fetch(&ns->refcnt, 1, __ATOMIC_ACQ_REL) == 0) {
		/* The devices first: their addresses and routes go with them
		 * (a veth's peer elsewhere too); then the stack, whose backlog
		 * may hold the last references to them. */
		netdev_exit_net(ns);
		inet_exit_net(ns);
		ns_uncharge(&ns->ns, UCOUNT_NET_NAMESPACES);
		put_user_ns(ns->user_ns);
		kfree(ns);
	}
}

/* ---- /proc/PID/ns/net ---- */

static struct net *to_net(struct ns_common *ns)
{
	return container_of(ns, struct net, ns);
}

static struct ns_common *netns_get(struct task *t)
{
	struct nsproxy *nsproxy = task_nsproxy_get(t);
	if (!nsproxy)
		return NULL;
	struct ns_common *ns = &get_net(nsproxy->net_ns)->ns;
	put_nsproxy(nsproxy);
	return ns;
}

static void netns_put(struct ns_common *ns)
{
	put_net(to_net(ns));
}

static int netns_install(struct nsset *nsset, struct ns_common *ns)
{
	struct net *net = to_net(ns);
	if (!setns_capable(nsset, net->user_ns))
		return -EPERM;
	put_net(nsset->nsproxy->net_ns);
	nsset->nsproxy->net_ns = get_net(net);
	return 0;
}

static struct user_namespace *netns_owner(struct ns_common *ns)
{
	return to_net(ns)->user_ns;
}

const struct proc_ns_operations netns_operations = {
	.name = "net",
	.real_name = "net",
	.type = CLONE_NEWNET,
	.get = netns_get,
	.put = netns_put,
	.install = netns_install,
	.owner = netns_owner,
};
