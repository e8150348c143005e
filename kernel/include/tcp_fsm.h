/*
 * The pure parts of TCP's state machine (net/tcp_fsm.c): no locks, no
 * memory, no kernel calls, so that the same file builds natively for the
 * host unit test (tests/kernel/tcp_fsm_test.c).  tcp.c calls these to
 * decide; it does the sending and the bookkeeping itself.
 *
 * States have Linux's numbers (the st column of /proc/net/tcp).
 * Sequence numbers are compared modulo 2^32.
 */
#ifndef KERNEL_TCP_FSM_H
#define KERNEL_TCP_FSM_H

#include <stdint.h>
#include <stdbool.h>

enum {
	TCP_ESTABLISHED = 1, TCP_SYN_SENT, TCP_SYN_RECV, TCP_FIN_WAIT1, TCP_FIN_WAIT2,
	TCP_TIME_WAIT, TCP_CLOSE, TCP_CLOSE_WAIT, TCP_LAST_ACK, TCP_LISTEN, TCP_CLOSING,
};

static inline bool tcp_before(uint32_t a, uint32_t b) { return (int32_t)(a - b) < 0; }
static inline bool tcp_after(uint32_t a, uint32_t b) { return (int32_t)(a - b) > 0; }

/* RFC 793's acceptability test of a segment of slen sequence numbers
 * (data, SYN and FIN) starting at seq, for a receive window of wnd bytes
 * from rcv_nxt. */
bool tcp_seq_acceptable(uint32_t rcv_nxt, uint32_t wnd, uint32_t seq, uint32_t slen);
/* The state after the peer's FIN is taken (fin_acked: ours is already
 * acknowledged); states that take no FIN stay. */
int tcp_state_on_fin(int state, bool fin_acked);
/* The state once our FIN is acknowledged. */
int tcp_state_on_fin_acked(int state);
/* The state when the user closes the sending side (close or
 * shutdown(SHUT_WR)): a FIN is queued in the states returning another. */
int tcp_state_on_close(int state);
/* RFC 6298: fold an RTT sample into srtt and rttvar (srtt 0: the first)
 * and return the retransmission timeout, clamped to [min, max] (ns). */
uint64_t tcp_rto_update(uint64_t *srtt, uint64_t *rttvar, uint64_t sample, uint64_t min,
			uint64_t max);

#endif
