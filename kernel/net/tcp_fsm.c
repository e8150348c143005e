/*
 * net/tcp_fsm.c - the pure decisions of TCP's state machine (tcp_fsm.h):
 * no state of its own, no locks; also built natively by the host unit
 * test.
 */
#include "tcp_fsm.h"

bool tcp_seq_acceptable(uint32_t rcv_nxt, uint32_t wnd, uint32_t seq, uint32_t slen)
{
	bool starts_in = !tcp_before(seq, rcv_nxt) && tcp_before(seq, rcv_nxt + wnd);
	if (!slen)
		return wnd ? starts_in : seq == rcv_nxt;
	if (!wnd)
		return false;
	bool ends_in = tcp_after(seq + slen, rcv_nxt) && !tcp_after(seq + slen, rcv_nxt + wnd);
	return starts_in || ends_in;
}

int tcp_state_on_fin(int state, bool fin_acked)
{
	switch (state) {
	case TCP_SYN_RECV:
	case TCP_ESTABLISHED:
		return TCP_CLOSE_WAIT;
	case TCP_FIN_WAIT1:
		return fin_acked ? TCP_TIME_WAIT : TCP_CLOSING;
	case TCP_FIN_WAIT2:
		return TCP_TIME_WAIT;
	}
	return state;
}

int tcp_state_on_fin_acked(int state)
{
	switch (state) {
	case TCP_FIN_WAIT1:
		return TCP_FIN_WAIT2;
	case TCP_CLOSING:
		return TCP_TIME_WAIT;
	case TCP_LAST_ACK:
		return TCP_CLOSE;
	}
	return state;
}

int tcp_state_on_close(int state)
{
	switch (state) {
	case TCP_SYN_RECV:
	case TCP_ESTABLISHED:
		return TCP_FIN_WAIT1;
	case TCP_CLOSE_WAIT:
		return TCP_LAST_ACK;
	}
	return state;
}

uint64_t tcp_rto_update(uint64_t *srtt, uint64_t *rttvar, uint64_t r, uint64_t min, uint64_t max)
{
	if (!*srtt) {
		*srtt = r ? r : 1;
		*rttvar = r / 2;
	} else {
		uint64_t d = r > *srtt ? r - *srtt : *srtt - r;
		*rttvar = (3 * *rttvar + d) / 4;
		*srtt = (7 * *srtt + r) / 8;
		if (!*srtt)
			*srtt = 1;
	}
	/* RFC 6298's G, the clock granularity: a millisecond here. */
	uint64_t k = 4 * *rttvar > 1000000 ? 4 * *rttvar : 1000000;
	uint64_t rto = *srtt + k;
	return rto < min ? min : rto > max ? max : rto;
}
