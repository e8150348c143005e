/*
 * relay: copy bytes both ways between two endpoints with poll(2), the
 * heart of nc and of a TCP proxy (isolate --publish).
 *
 * An endpoint is a pair of descriptors, one read and one written (the
 * same socket twice, or stdin and stdout).  Direction 0 copies a's input
 * to b's output, direction 1 b's input to a's output.  A direction ends
 * when its input reaches end of file and what was read has been written,
 * or when its output fails (EPIPE, ECONNRESET); its input is then no
 * longer read.  Half-closes are respected: with shut_on_eof[d], the end of
 * direction d shuts down the write side of its output (shutdown(SHUT_WR);
 * on something that is not a socket nothing is done) and the other
 * direction goes on.  An input of -1 is a direction ended from the start
 * (nc -d).  Callers ignore SIGPIPE, so that a vanished reader is an
 * EPIPE the relay can see.
 */
#ifndef RELAY_H
#define RELAY_H

#include <stdbool.h>

struct relay_opts {
	bool shut_on_eof[2];	/* half-close the output when direction d ends */
	bool stop_on_eof[2];	/* the relay is over when direction d ends */
	int linger_ms[2];	/* after direction d ends, wait at most this long
				   for the other, then stop; -1: no limit */
	int idle_ms;		/* stop when nothing moved for this long; -1: never */
};

/* Default options: half-close both ways, no time limits. */
void relay_opts_init(struct relay_opts *opts);

enum relay_result {
	RELAY_DONE = 0,		/* both directions ended, or one that stops it */
	RELAY_IDLE = 1,		/* idle_ms or a linger_ms passed */
	RELAY_ERROR = -1,	/* poll or a read failed: errno says why */
};

/* Runs until the relay is over.  Descriptors are neither closed nor made
 * non-blocking (a write may block while the other direction waits). */
enum relay_result relay(int a_in, int a_out, int b_in, int b_out,
			const struct relay_opts *opts);

#endif /* RELAY_H */
