/*
 * The pure parts of TCP's congestion control and SACK loss recovery
 * (net/tcp_cong.c): arithmetic on a congestion window and on the
 * sender's scoreboard of what the peer has SACKed.  No locks, no memory,
 * no kernel calls, so that the file builds natively for the host unit
 * test (tests/kernel/host/tcp_cong_test.c); tcp.c holds one of each per
 * connection under inet->lock and does the sending.
 *
 * Windows and pipe are in bytes; sequence numbers compare modulo 2^32.
 */
#ifndef KERNEL_TCP_CONG_H
#define KERNEL_TCP_CONG_H

#include <stdint.h>
#include <stdbool.h>

#define TCP_INIT_CWND	10		/* segments (RFC 6928) */
#define TCP_DUPTHRESH	3		/* duplicate ACKs that mean a loss (RFC 5681) */
#define TCP_CWND_MAX	(1u << 30)	/* bytes: keeps the sums from wrapping */
#define TCP_SACK_BOARD	16		/* SACKed ranges the sender remembers */

/* RFC 5681's state: cwnd and ssthresh, and the bytes acknowledged since
 * cwnd last grew in congestion avoidance (byte counting, RFC 3465). */
struct tcp_cc {
	uint32_t cwnd, ssthresh, bytes_acked;
};

/* A new connection of mss-byte segments: the initial window, slow start. */
void tcp_cc_init(struct tcp_cc *cc, uint32_t mss);
/* acked new bytes were acknowledged outside recovery, with flight bytes
 * outstanding before: cwnd grows by at most one mss per ACK in slow
 * start, by one mss per cwnd acknowledged in congestion avoidance, but
 * only while it limits the sender (flight within a segment of it: a
 * window the sender does not fill says nothing of the path, RFC 7661). */
void tcp_cc_acked(struct tcp_cc *cc, uint32_t acked, uint32_t flight, uint32_t mss);
/* The ssthresh after a loss with flight bytes outstanding (RFC 5681 (4)):
 * max(flight / 2, 2 * mss). */
uint32_t tcp_cc_ssthresh(uint32_t flight, uint32_t mss);

/* The ranges [start, end) the peer SACKed above snd_una, sorted and
 * disjoint (RFC 2018's blocks, merged). */
struct tcp_sack_range {
	uint32_t start, end;
};
struct tcp_scoreboard {
	int n;
	struct tcp_sack_range r[TCP_SACK_BOARD];
};

void tcp_sb_clear(struct tcp_scoreboard *sb);
/* Mark [start, end) SACKed; a full board forgets its highest range (the
 * peer repeats what matters). */
void tcp_sb_add(struct tcp_scoreboard *sb, uint32_t start, uint32_t end);
/* snd_una moved to una: ranges below it go. */
void tcp_sb_ack(struct tcp_scoreboard *sb, uint32_t una);
/* The bytes SACKed. */
uint32_t tcp_sb_sacked(const struct tcp_scoreboard *sb);
/* RFC 6675's IsLost: is the unSACKed byte seq deemed lost (DupThresh
 * ranges SACKed above it, or more than (DupThresh - 1) * mss bytes)? */
bool tcp_sb_is_lost(const struct tcp_scoreboard *sb, uint32_t seq, uint32_t mss);
/* RFC 6675's pipe: the bytes [una, nxt) still in the network: those not
 * SACKed and not lost, plus the retransmitted ones (below high_rxt). */
uint32_t tcp_sb_pipe(const struct tcp_scoreboard *sb, uint32_t una, uint32_t nxt,
		     uint32_t high_rxt, uint32_t mss);
/* RFC 6675's NextSeg, rule 1: the first lost, unSACKed bytes at or above
 * high_rxt, at most mss of them (*seq, *len); false when there are none. */
bool tcp_sb_next_lost(const struct tcp_scoreboard *sb, uint32_t una, uint32_t high_rxt,
		      uint32_t mss, uint32_t *seq, uint32_t *len);

#endif
