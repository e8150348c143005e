/*
 * Host unit test of TCP's congestion arithmetic and SACK scoreboard
 * (kernel/net/tcp_cong.c, built natively): slow start and congestion
 * avoidance by byte counting, ssthresh on a loss, the scoreboard's
 * merging and trimming, and RFC 6675's IsLost, pipe and NextSeg.
 */
#include <stdio.h>
#include "tcp_cong.h"
#include "../../check.h"

#define MSS 1000u

int main(void)
{
	struct tcp_cc cc;
	tcp_cc_init(&cc, MSS);
	check("cong-initial-window", cc.cwnd == 10 * MSS && cc.ssthresh == TCP_CWND_MAX, "%u",
	      cc.cwnd);
	/* Slow start: at most one MSS per ACK, whatever it acknowledges. */
	tcp_cc_acked(&cc, 3 * MSS, 10 * MSS, MSS);
	tcp_cc_acked(&cc, 500, 11 * MSS, MSS);
	check("cong-slow-start", cc.cwnd == 11 * MSS + 500, "%u", cc.cwnd);
	/* A window the sender does not fill does not grow. */
	tcp_cc_acked(&cc, MSS, 5 * MSS, MSS);
	check("cong-not-limited-no-growth", cc.cwnd == 11 * MSS + 500, "%u", cc.cwnd);
	/* Congestion avoidance: one MSS per cwnd acknowledged. */
	cc.cwnd = cc.ssthresh = 4 * MSS;
	for (int i = 0; i < 3; i++)
		tcp_cc_acked(&cc, MSS, 4 * MSS, MSS);
	int before_full = cc.cwnd == 4 * MSS;
	tcp_cc_acked(&cc, MSS, 4 * MSS, MSS);
	check("cong-avoidance", before_full && cc.cwnd == 5 * MSS && cc.bytes_acked == 0, "%u",
	      cc.cwnd);
	check("cong-ssthresh-half", tcp_cc_ssthresh(20 * MSS, MSS) == 10 * MSS, "");
	check("cong-ssthresh-floor", tcp_cc_ssthresh(3 * MSS, MSS) == 2 * MSS, "");

	/* The scoreboard: merging, order, trimming, wrap-around. */
	struct tcp_scoreboard sb;
	tcp_sb_clear(&sb);
	tcp_sb_add(&sb, 5000, 6000);
	tcp_sb_add(&sb, 3000, 4000);
	tcp_sb_add(&sb, 8000, 9000);
	check("sb-sorted", sb.n == 3 && sb.r[0].start == 3000 && sb.r[2].start == 8000, "n %d",
	      sb.n);
	tcp_sb_add(&sb, 3500, 5500);		/* joins the first two */
	check("sb-merge", sb.n == 2 && sb.r[0].start == 3000 && sb.r[0].end == 6000, "n %d",
	      sb.n);
	tcp_sb_add(&sb, 6000, 7000);		/* touching: one range */
	check("sb-merge-adjacent", sb.n == 2 && sb.r[0].end == 7000 && tcp_sb_sacked(&sb) == 5000,
	      "n %d sacked %u", sb.n, tcp_sb_sacked(&sb));
	tcp_sb_ack(&sb, 4000);
	check("sb-ack-trims", sb.n == 2 && sb.r[0].start == 4000, "");
	tcp_sb_ack(&sb, 8500);
	check("sb-ack-drops", sb.n == 1 && sb.r[0].start == 8500 && sb.r[0].end == 9000, "");
	tcp_sb_clear(&sb);
	tcp_sb_add(&sb, 0xffffff00u, 0x100);
	tcp_sb_add(&sb, 0x200, 0x300);
	check("sb-wraparound", sb.n == 2 && sb.r[0].start == 0xffffff00u, "");
	tcp_sb_clear(&sb);
	for (uint32_t i = 0; i < TCP_SACK_BOARD + 4; i++)
		tcp_sb_add(&sb, 10000 + i * 2 * MSS, 10000 + i * 2 * MSS + MSS);
	check("sb-full-keeps-lowest", sb.n == TCP_SACK_BOARD && sb.r[0].start == 10000, "n %d",
	      sb.n);

	/* Segments of MSS from 0: 0 lost, 1 2 3 SACKed, 4 lost, 5 SACKed, 6 7 out. */
	tcp_sb_clear(&sb);
	tcp_sb_add(&sb, 1 * MSS, 4 * MSS);
	tcp_sb_add(&sb, 5 * MSS, 6 * MSS);
	check("sb-is-lost-bytes", tcp_sb_is_lost(&sb, 0, MSS), "");
	check("sb-not-lost-one-above", !tcp_sb_is_lost(&sb, 4 * MSS, MSS), "");
	/* pipe: hole 0 lost (0), hole 4 not (1 MSS), 6..8 out (2 MSS). */
	uint32_t pipe = tcp_sb_pipe(&sb, 0, 8 * MSS, 0, MSS);
	check("sb-pipe", pipe == 3 * MSS, "%u", pipe);
	pipe = tcp_sb_pipe(&sb, 0, 8 * MSS, MSS, MSS);
	check("sb-pipe-retransmitted", pipe == 4 * MSS, "%u", pipe);
	uint32_t seq = 1, len = 0;
	check("sb-next-lost", tcp_sb_next_lost(&sb, 0, 0, MSS, &seq, &len) && seq == 0 &&
	      len == MSS, "%u %u", seq, len);
	check("sb-next-lost-none-after-resend", !tcp_sb_next_lost(&sb, 0, MSS, MSS, &seq, &len),
	      "%u %u", seq, len);
	return 0;
}
