/*
 * net/neigh_fsm.c - the pure decisions of the neighbour state machine
 * (neigh_fsm.h): no state of its own, no locks; also built natively by
 * the host unit test.
 */
#include "neigh_fsm.h"

int neigh_fsm_output(struct neigh_fsm *n, uint64_t now)
{
	switch (n->state) {
	case NUD_STALE:
		/* Used: give a reply the chance to confirm it, then probe. */
		n->state = NUD_DELAY;
		n->deadline = now + ARP_DELAY_TIME_NS;
		return NEIGH_SEND;
	case NUD_REACHABLE:
	case NUD_DELAY:
	case NUD_PROBE:
	case NUD_PERMANENT:
	case NUD_NOARP:
		return NEIGH_SEND;
	case NUD_INCOMPLETE:
		return NEIGH_QUEUE;
	}
	/* NONE, FAILED: start resolving, the first request now. */
	n->state = NUD_INCOMPLETE;
	n->probes = 1;
	n->deadline = now + ARP_RETRANS_NS;
	return NEIGH_QUEUE_RESOLVE;
}

int neigh_fsm_timeout(struct neigh_fsm *n, uint64_t now)
{
	switch (n->state) {
	case NUD_REACHABLE:
		n->state = NUD_STALE;
		n->deadline = 0;
		return NEIGH_NOTHING;
	case NUD_DELAY:
		n->state = NUD_PROBE;
		n->probes = 0;
		/* fall through */
	case NUD_INCOMPLETE:
	case NUD_PROBE:
		if (n->probes >= ARP_MAX_PROBES) {
			n->state = NUD_FAILED;
			n->deadline = 0;
			return NEIGH_FAIL;
		}
		n->probes++;
		n->deadline = now + ARP_RETRANS_NS;
		return n->state == NUD_PROBE ? NEIGH_PROBE_UNICAST : NEIGH_PROBE_BROADCAST;
	}
	n->deadline = 0;
	return NEIGH_NOTHING;
}

bool neigh_fsm_learn(struct neigh_fsm *n, uint64_t now, bool confirmed, bool same)
{
	if (n->state & (NUD_PERMANENT | NUD_NOARP))
		return false;
	bool valid = neigh_fsm_valid(n->state);
	if (confirmed) {
		n->state = NUD_REACHABLE;
		n->deadline = now + ARP_REACHABLE_TIME_NS;
	} else if (!valid || !same) {
		n->state = NUD_STALE;
		n->deadline = 0;
	}
	return true;
}
