/*
 * The pure parts of the neighbour state machine (net/neigh_fsm.c): no
 * locks, no memory, no kernel calls, so that the same file builds
 * natively for the host unit test (tests/kernel/host/neigh_fsm_test.c).
 * net/arp.c keeps an entry's struct neigh_fsm under the table's lock,
 * asks these functions what to do and does it (sending, queueing, the
 * timer).  States are Linux's NUD_* (see neighbour.h for what each means).
 */
#ifndef KERNEL_NEIGH_FSM_H
#define KERNEL_NEIGH_FSM_H

#include <stdint.h>
#include <stdbool.h>
#include <linux/neighbour.h>

#define ARP_MAX_PROBES		3
#define ARP_RETRANS_NS		1000000000ull		/* 1 s between requests */
#define ARP_REACHABLE_TIME_NS	30000000000ull		/* 30 s */
#define ARP_DELAY_TIME_NS	5000000000ull		/* delay_first_probe_time */

struct neigh_fsm {
	uint8_t state;			/* NUD_* */
	uint8_t probes;			/* requests sent in this round */
	uint64_t deadline;		/* ns; 0: none */
};

/* What a packet to the neighbour does. */
enum {
	NEIGH_SEND,			/* the address is known: send it now */
	NEIGH_QUEUE,			/* resolving: it waits */
	NEIGH_QUEUE_RESOLVE,		/* it waits, and the first request goes now */
};
int neigh_fsm_output(struct neigh_fsm *n, uint64_t now);

/* What the passing of n's deadline does. */
enum {
	NEIGH_NOTHING,
	NEIGH_PROBE_BROADCAST,		/* a request to everyone */
	NEIGH_PROBE_UNICAST,		/* a request to the address we have */
	NEIGH_FAIL,			/* give up: drop what waits, report it */
};
int neigh_fsm_timeout(struct neigh_fsm *n, uint64_t now);

/* An ARP packet from the neighbour: confirmed when it is a reply to us,
 * same when it gives the address the entry has.  False when the entry
 * keeps its address (PERMANENT), true when the caller takes the new one
 * (and sends what waited). */
bool neigh_fsm_learn(struct neigh_fsm *n, uint64_t now, bool confirmed, bool same);

/* Whether a state has a usable hardware address (Linux's NUD_VALID). */
static inline bool neigh_fsm_valid(uint8_t state)
{
	return state & (NUD_PERMANENT | NUD_NOARP | NUD_REACHABLE | NUD_STALE | NUD_DELAY |
			NUD_PROBE);
}

#endif
