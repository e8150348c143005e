/*
 * net/sock_mem.c - socket buffers charged to the memory cgroup in whole
 * pages (the contract is sock_mem.h).  A struct sk_mem is guarded by its
 * socket's queue lock; the cgroup counters are memcontrol.c's (atomic).
 */
#include "sock_mem.h"
#include "memcontrol.h"
#include "cgroup.h"

static long pages_for(long bytes)
{
	return (bytes + PAGE_SIZE - 1) / PAGE_SIZE;
}

bool __sk_mem_raise(struct sk_mem *m, bool force)
{
	long nr = pages_for(m->queued) - m->pages;
	if (nr <= 0)
		return true;
	if (!memcg_charge_sock(m->memcg, nr, force))
		return false;
	m->pages += nr;
	return true;
}

void __sk_mem_reclaim(struct sk_mem *m)
{
	long nr = m->pages - pages_for(m->queued);
	if (nr <= 0)
		return;
	memcg_uncharge_sock(m->memcg, nr);
	m->pages -= nr;
}

void sk_mem_attach(struct sk_mem *m)
{
	if (m->memcg)
		return;
	m->memcg = memcg_get_current();
	if (m->memcg)
		__sk_mem_raise(m, true);
}

void sk_mem_detach(struct sk_mem *m)
{
	struct cgroup *cg = m->memcg;
	if (!cg)
		return;
	if (m->pages)
		memcg_uncharge_sock(cg, m->pages);
	m->pages = 0;
	m->memcg = NULL;
	cgroup_put(cg);
}
