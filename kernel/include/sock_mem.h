/*
 * Socket memory charged to the memory cgroup (net/sock_mem.c).
 *
 * As Linux's sk->sk_memcg: a socket remembers the cgroup of the task that
 * created it (TCP: of the task that accepts it), referenced, and the
 * buffers its queues hold are charged there as MEMCG_SOCK -- counted in
 * memory.current, shown as "sock" in memory.stat, held to memory.max.
 * What counts is the truesize of the packets on the socket's own queues
 * (TCP: receive, out-of-order and send/retransmit; UDP: receive), not
 * packets in flight in a backlog or a device queue.  Unix sockets are not
 * charged, as on Linux, whose "sock" counts only the protocols with
 * memory accounting (TCP, UDP).
 *
 * The cgroup is charged in whole pages, as Linux does (sk_forward_alloc):
 * the socket counts the bytes its queues hold and charges or uncharges
 * only when that count crosses a page, leaving under a page charged
 * beyond what is queued.  A socket of the root cgroup (memcg NULL)
 * only counts bytes: nothing touches a cgroup.
 *
 * Locking: a struct sk_mem is guarded by the lock of the queues it counts
 * (inet->lock for TCP and UDP); the cgroup's counters are atomic.
 */
#ifndef KERNEL_SOCK_MEM_H
#define KERNEL_SOCK_MEM_H

#include "types.h"
#include "mm.h"

struct cgroup;

struct sk_mem {
	struct cgroup *memcg;	/* referenced; NULL: not charged */
	long queued;		/* bytes (truesize) the socket's queues hold */
	long pages;		/* pages charged to memcg for them */
};

/* The socket now belongs to current's cgroup (creation, accept): what
 * its queues already hold is charged there, past the limit if need be. */
void sk_mem_attach(struct sk_mem *m);
/* The socket goes: its charge is given back and its cgroup put. */
void sk_mem_detach(struct sk_mem *m);

bool __sk_mem_raise(struct sk_mem *m, bool force);
void __sk_mem_reclaim(struct sk_mem *m);

/* bytes more are queued: true, or false (nothing counted) when the
 * cgroup's limit holds; force charges past it (the first packet of an
 * empty queue, so that a socket always makes progress). */
static inline bool sk_mem_charge(struct sk_mem *m, long bytes, bool force)
{
	m->queued += bytes;
	if (!m->memcg || m->queued <= m->pages * (long)PAGE_SIZE)
		return true;
	if (__sk_mem_raise(m, force))
		return true;
	m->queued -= bytes;
	return false;
}

/* bytes queued are freed. */
static inline void sk_mem_uncharge(struct sk_mem *m, long bytes)
{
	m->queued -= bytes;
	if (m->memcg && m->pages * (long)PAGE_SIZE - m->queued >= (long)PAGE_SIZE)
		__sk_mem_reclaim(m);
}

#endif
