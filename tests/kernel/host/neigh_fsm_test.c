/*
 * Host unit test of the neighbour state machine (kernel/net/neigh_fsm.c,
 * built natively): resolving (three broadcasts 1 s apart, then FAILED),
 * a reply confirming, REACHABLE ageing to STALE after 30 s, a STALE entry
 * used going through DELAY (5 s) to PROBE (unicast) and back to REACHABLE
 * or to FAILED, learning from requests, and a FAILED entry starting over.
 */
#include <stdio.h>
#include "neigh_fsm.h"
#include "../../check.h"

#define S 1000000000ull

int main(void)
{
	struct neigh_fsm n = { NUD_NONE, 0, 0 };
	uint64_t t = 100 * S;

	/* Resolving: the first packet queues and sends a request. */
	check("neigh-first-output", neigh_fsm_output(&n, t) == NEIGH_QUEUE_RESOLVE &&
	      n.state == NUD_INCOMPLETE && n.deadline == t + S && n.probes == 1,
	      "state %#x deadline %llu", n.state, (unsigned long long)n.deadline);
	check("neigh-incomplete-queues", neigh_fsm_output(&n, t) == NEIGH_QUEUE, "");
	int a1 = neigh_fsm_timeout(&n, t + S), a2 = neigh_fsm_timeout(&n, t + 2 * S);
	check("neigh-retries-broadcast", a1 == NEIGH_PROBE_BROADCAST &&
	      a2 == NEIGH_PROBE_BROADCAST && n.probes == 3 && n.deadline == t + 3 * S,
	      "%d %d probes %d", a1, a2, n.probes);
	check("neigh-fails-after-3", neigh_fsm_timeout(&n, t + 3 * S) == NEIGH_FAIL &&
	      n.state == NUD_FAILED && n.deadline == 0, "state %#x", n.state);
	/* A FAILED entry starts over on the next packet. */
	check("neigh-failed-restarts", neigh_fsm_output(&n, t + 10 * S) == NEIGH_QUEUE_RESOLVE &&
	      n.state == NUD_INCOMPLETE && n.probes == 1, "state %#x", n.state);

	/* A reply confirms: REACHABLE for 30 s, then STALE. */
	t += 20 * S;
	check("neigh-reply-reachable", neigh_fsm_learn(&n, t, true, false) &&
	      n.state == NUD_REACHABLE && n.deadline == t + 30 * S, "state %#x", n.state);
	check("neigh-reachable-sends", neigh_fsm_output(&n, t) == NEIGH_SEND &&
	      n.state == NUD_REACHABLE, "");
	check("neigh-ages-stale", neigh_fsm_timeout(&n, t + 30 * S) == NEIGH_NOTHING &&
	      n.state == NUD_STALE && n.deadline == 0, "state %#x", n.state);

	/* STALE used: sent at once, DELAY for 5 s, then unicast probes. */
	t += 40 * S;
	check("neigh-stale-used-delay", neigh_fsm_output(&n, t) == NEIGH_SEND &&
	      n.state == NUD_DELAY && n.deadline == t + 5 * S, "state %#x", n.state);
	check("neigh-delay-probes-unicast", neigh_fsm_timeout(&n, t + 5 * S) == NEIGH_PROBE_UNICAST &&
	      n.state == NUD_PROBE && n.probes == 1, "state %#x", n.state);
	check("neigh-probe-still-sends", neigh_fsm_output(&n, t + 5 * S) == NEIGH_SEND, "");
	check("neigh-probe-confirmed", neigh_fsm_learn(&n, t + 6 * S, true, true) &&
	      n.state == NUD_REACHABLE, "state %#x", n.state);
	/* ...or unanswered: FAILED after three. */
	n.state = NUD_STALE;
	neigh_fsm_output(&n, t);
	neigh_fsm_timeout(&n, t + 5 * S);
	neigh_fsm_timeout(&n, t + 6 * S);
	neigh_fsm_timeout(&n, t + 7 * S);
	check("neigh-probe-fails", neigh_fsm_timeout(&n, t + 8 * S) == NEIGH_FAIL &&
	      n.state == NUD_FAILED, "state %#x", n.state);

	/* A request addressed to us: STALE with the sender's address, unless
	 * the entry is reachable at the same one. */
	struct neigh_fsm m = { NUD_NONE, 0, 0 };
	check("neigh-learn-new-stale", neigh_fsm_learn(&m, t, false, false) && m.state == NUD_STALE,
	      "state %#x", m.state);
	m.state = NUD_REACHABLE;
	m.deadline = t + S;
	check("neigh-learn-same-keeps", neigh_fsm_learn(&m, t, false, true) &&
	      m.state == NUD_REACHABLE && m.deadline == t + S, "state %#x", m.state);
	check("neigh-learn-moved-stale", neigh_fsm_learn(&m, t, false, false) &&
	      m.state == NUD_STALE, "state %#x", m.state);
	m.state = NUD_PERMANENT;
	check("neigh-permanent-kept", !neigh_fsm_learn(&m, t, true, false) &&
	      m.state == NUD_PERMANENT && neigh_fsm_output(&m, t) == NEIGH_SEND, "");
	return 0;
}
