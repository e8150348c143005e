/*
 * net/tcp_cong.c - the pure arithmetic of TCP's congestion control
 * (RFC 5681, 3465, 6928) and of the SACK scoreboard (RFC 2018, 6675):
 * see tcp_cong.h.  No state of its own, no locks; also built natively by
 * the host unit test.
 */
#include "tcp_cong.h"
#include "tcp_fsm.h"

#define MIN_U32(a, b)	((a) < (b) ? (a) : (b))

void tcp_cc_init(struct tcp_cc *cc, uint32_t mss)
{
	cc->cwnd = MIN_U32(TCP_INIT_CWND * mss, TCP_CWND_MAX);
	cc->ssthresh = TCP_CWND_MAX;		/* no loss yet: slow start */
	cc->bytes_acked = 0;
}

void tcp_cc_acked(struct tcp_cc *cc, uint32_t acked, uint32_t flight, uint32_t mss)
{
	if (flight + mss < cc->cwnd)
		return;
	if (cc->cwnd < cc->ssthresh) {
		cc->cwnd += MIN_U32(acked, mss);
	} else {
		cc->bytes_acked += acked;
		if (cc->bytes_acked >= cc->cwnd) {
			cc->bytes_acked -= cc->cwnd;
			cc->cwnd += mss;
		}
	}
	if (cc->cwnd > TCP_CWND_MAX)
		cc->cwnd = TCP_CWND_MAX;
}

uint32_t tcp_cc_ssthresh(uint32_t flight, uint32_t mss)
{
	return flight / 2 > 2 * mss ? flight / 2 : 2 * mss;
}

void tcp_sb_clear(struct tcp_scoreboard *sb)
{
	sb->n = 0;
}

void tcp_sb_add(struct tcp_scoreboard *sb, uint32_t start, uint32_t end)
{
	if (!tcp_after(end, start))
		return;
	/* i: the first range not wholly below start; j: past those it meets. */
	int i = 0;
	while (i < sb->n && tcp_before(sb->r[i].end, start))
		i++;
	int j = i;
	for (; j < sb->n && !tcp_after(sb->r[j].start, end); j++) {
		if (tcp_before(sb->r[j].start, start))
			start = sb->r[j].start;
		if (tcp_after(sb->r[j].end, end))
			end = sb->r[j].end;
	}
	if (j == i) {
		if (sb->n == TCP_SACK_BOARD) {
			if (i == sb->n)
				return;
			sb->n--;
		}
		for (int k = sb->n; k > i; k--)
			sb->r[k] = sb->r[k - 1];
		sb->n++;
	} else {
		int gone = j - i - 1;
		for (int k = i + 1; k + gone < sb->n; k++)
			sb->r[k] = sb->r[k + gone];
		sb->n -= gone;
	}
	sb->r[i].start = start;
	sb->r[i].end = end;
}

void tcp_sb_ack(struct tcp_scoreboard *sb, uint32_t una)
{
	int gone = 0;
	while (gone < sb->n && !tcp_after(sb->r[gone].end, una))
		gone++;
	for (int k = 0; k + gone < sb->n; k++)
		sb->r[k] = sb->r[k + gone];
	sb->n -= gone;
	if (sb->n && tcp_before(sb->r[0].start, una))
		sb->r[0].start = una;
}

uint32_t tcp_sb_sacked(const struct tcp_scoreboard *sb)
{
	uint32_t n = 0;
	for (int i = 0; i < sb->n; i++)
		n += sb->r[i].end - sb->r[i].start;
	return n;
}

bool tcp_sb_is_lost(const struct tcp_scoreboard *sb, uint32_t seq, uint32_t mss)
{
	uint32_t ranges = 0, bytes = 0;
	for (int i = sb->n - 1; i >= 0 && tcp_after(sb->r[i].start, seq); i--) {
		ranges++;
		bytes += sb->r[i].end - sb->r[i].start;
	}
	return ranges >= TCP_DUPTHRESH || bytes > (TCP_DUPTHRESH - 1) * mss;
}

/* The holes: [una, r[0].start), [r[0].end, r[1].start)... and the bytes
 * above the last range up to nxt, which nothing SACKed above makes lost. */
uint32_t tcp_sb_pipe(const struct tcp_scoreboard *sb, uint32_t una, uint32_t nxt,
		     uint32_t high_rxt, uint32_t mss)
{
	uint32_t pipe = 0, s = una;
	for (int i = 0; i <= sb->n; i++) {
		uint32_t e = i < sb->n && tcp_before(sb->r[i].start, nxt) ? sb->r[i].start : nxt;
		if (tcp_before(s, e)) {
			if (i == sb->n || !tcp_sb_is_lost(sb, s, mss))
				pipe += e - s;
			if (tcp_after(high_rxt, s))
				pipe += (tcp_before(high_rxt, e) ? high_rxt : e) - s;
		}
		if (i < sb->n && tcp_after(sb->r[i].end, s))
			s = sb->r[i].end;
	}
	return pipe;
}

bool tcp_sb_next_lost(const struct tcp_scoreboard *sb, uint32_t una, uint32_t high_rxt,
		      uint32_t mss, uint32_t *seq, uint32_t *len)
{
	uint32_t s = una;
	for (int i = 0; i < sb->n; i++) {
		uint32_t e = sb->r[i].start;
		uint32_t from = tcp_after(high_rxt, s) ? high_rxt : s;
		if (tcp_before(from, e) && tcp_sb_is_lost(sb, s, mss)) {
			*seq = from;
			*len = MIN_U32(e - from, mss);
			return true;
		}
		if (tcp_after(sb->r[i].end, s))
			s = sb->r[i].end;
	}
	return false;
}
