/*
 * Host unit test of TCP's state machine decisions (kernel/net/tcp_fsm.c,
 * built natively): the RFC 793 acceptability test, the transitions on a
 * FIN, on the ACK of ours and on close, and RFC 6298's timeout.
 */
#include <stdio.h>
#include "tcp_fsm.h"
#include "../../check.h"

#define MS 1000000ull

int main(void)
{
	/* Acceptability: empty segments, data, a zero window, wrap-around. */
	check("fsm-ack-in-window", tcp_seq_acceptable(1000, 100, 1050, 0), "");
	check("fsm-ack-at-right-edge-out", !tcp_seq_acceptable(1000, 100, 1100, 0), "");
	check("fsm-zero-window-only-rcv-nxt", tcp_seq_acceptable(1000, 0, 1000, 0) &&
	      !tcp_seq_acceptable(1000, 0, 1001, 0), "");
	check("fsm-zero-window-no-data", !tcp_seq_acceptable(1000, 0, 1000, 10), "");
	check("fsm-data-overlapping-left", tcp_seq_acceptable(1000, 100, 990, 20), "");
	check("fsm-data-old", !tcp_seq_acceptable(1000, 100, 900, 50), "");
	check("fsm-data-beyond", !tcp_seq_acceptable(1000, 100, 1100, 10), "");
	check("fsm-wraparound", tcp_seq_acceptable(0xfffffff0u, 0x100, 0x10, 10) &&
	      tcp_before(0xfffffff0u, 0x10) && tcp_after(0x10, 0xfffffff0u), "");

	/* FIN. */
	check("fsm-fin-established", tcp_state_on_fin(TCP_ESTABLISHED, false) == TCP_CLOSE_WAIT, "");
	check("fsm-fin-fin-wait1", tcp_state_on_fin(TCP_FIN_WAIT1, false) == TCP_CLOSING, "");
	check("fsm-fin-fin-wait1-acked", tcp_state_on_fin(TCP_FIN_WAIT1, true) == TCP_TIME_WAIT, "");
	check("fsm-fin-fin-wait2", tcp_state_on_fin(TCP_FIN_WAIT2, true) == TCP_TIME_WAIT, "");
	check("fsm-fin-close-wait-stays", tcp_state_on_fin(TCP_CLOSE_WAIT, false) == TCP_CLOSE_WAIT,
	      "");
	/* Our FIN acknowledged. */
	check("fsm-acked-fin-wait1", tcp_state_on_fin_acked(TCP_FIN_WAIT1) == TCP_FIN_WAIT2, "");
	check("fsm-acked-closing", tcp_state_on_fin_acked(TCP_CLOSING) == TCP_TIME_WAIT, "");
	check("fsm-acked-last-ack", tcp_state_on_fin_acked(TCP_LAST_ACK) == TCP_CLOSE, "");
	/* Close. */
	check("fsm-close-established", tcp_state_on_close(TCP_ESTABLISHED) == TCP_FIN_WAIT1, "");
	check("fsm-close-close-wait", tcp_state_on_close(TCP_CLOSE_WAIT) == TCP_LAST_ACK, "");
	check("fsm-close-listen-stays", tcp_state_on_close(TCP_LISTEN) == TCP_LISTEN, "");
	/* Both ends closing at once: FIN_WAIT1, CLOSING, TIME_WAIT. */
	int s = tcp_state_on_close(TCP_ESTABLISHED);
	s = tcp_state_on_fin(s, false);
	s = tcp_state_on_fin_acked(s);
	check("fsm-simultaneous-close", s == TCP_TIME_WAIT, "state %d", s);

	/* RFC 6298: the first sample sets srtt = R, rttvar = R/2, RTO =
	 * srtt + 4 rttvar; the minimum and maximum clamp it. */
	uint64_t srtt = 0, rttvar = 0;
	uint64_t rto = tcp_rto_update(&srtt, &rttvar, 100 * MS, 1 * MS, 120000 * MS);
	check("fsm-rto-first", srtt == 100 * MS && rttvar == 50 * MS && rto == 300 * MS,
	      "srtt %llu rttvar %llu rto %llu", (unsigned long long)srtt,
	      (unsigned long long)rttvar, (unsigned long long)rto);
	rto = tcp_rto_update(&srtt, &rttvar, 100 * MS, 1 * MS, 120000 * MS);
	check("fsm-rto-steady", srtt == 100 * MS && rttvar == 37500000 && rto == 250 * MS,
	      "rto %llu", (unsigned long long)rto);
	srtt = rttvar = 0;
	rto = tcp_rto_update(&srtt, &rttvar, 20000, 200 * MS, 120000 * MS);
	check("fsm-rto-min", rto == 200 * MS, "rto %llu", (unsigned long long)rto);
	rto = tcp_rto_update(&srtt, &rttvar, 500000 * MS, 200 * MS, 120000 * MS);
	check("fsm-rto-max", rto == 120000 * MS, "rto %llu", (unsigned long long)rto);
	return 0;
}
