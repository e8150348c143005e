/*
 * relay.c - the two-way copy of relay.h: one buffer per direction, one
 * poll(2) loop.  A direction reads only when its buffer is empty and
 * writes only what it holds, so each side is throttled by the other.
 */
#include <errno.h>
#include <poll.h>
#include <stddef.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "relay.h"

#define RELAY_BUF_SIZE 16384

struct direction {
	int in, out;
	char buf[RELAY_BUF_SIZE];
	size_t len, off;	/* bytes held, and how many of them were written */
	bool eof;		/* the input reached end of file */
	bool done;		/* ended: nothing more to read or write */
	long long done_at;	/* when it ended, in ms */
};

void
relay_opts_init(struct relay_opts *opts)
{
	opts->shut_on_eof[0] = opts->shut_on_eof[1] = true;
	opts->stop_on_eof[0] = opts->stop_on_eof[1] = false;
	opts->linger_ms[0] = opts->linger_ms[1] = -1;
	opts->idle_ms = -1;
}

static long long
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void
finish(struct direction *d, bool shut)
{
	d->done = true;
	d->len = d->off = 0;
	d->done_at = now_ms();
	/* On what is not a socket (a pipe, a terminal) this fails with
	 * ENOTSOCK and nothing is half-closed, as relay.h says. */
	if (shut)
		shutdown(d->out, SHUT_WR);
}

/* Adds (fd, events) to the poll set, merging with an entry for the same
 * descriptor (an endpoint's socket is both its input and its output). */
static int
want(struct pollfd *p, int *n, int fd, short events)
{
	for (int i = 0; i < *n; i++)
		if (p[i].fd == fd) {
			p[i].events |= events;
			return i;
		}
	p[*n].fd = fd;
	p[*n].events = events;
	p[*n].revents = 0;
	return (*n)++;
}

/* Moves what poll said is possible; -1 only when a read fails. */
static int
step(struct direction *d, const struct pollfd *in, const struct pollfd *out, bool shut)
{
	if (d->len == 0 && in && (in->revents & (POLLIN | POLLHUP | POLLERR))) {
		ssize_t r = read(d->in, d->buf, sizeof(d->buf));
		if (r < 0 && errno != EINTR && errno != EAGAIN) {
			if (errno != ECONNRESET)
				return -1;
			r = 0;	/* a reset peer has nothing more to say */
		}
		if (r == 0)
			d->eof = true;
		else if (r > 0)
			d->len = r;
	}
	if (d->len > d->off && out && (out->revents & (POLLOUT | POLLHUP | POLLERR))) {
		ssize_t w = write(d->out, d->buf + d->off, d->len - d->off);
		if (w < 0 && errno != EINTR && errno != EAGAIN) {
			finish(d, false);	/* the reader is gone */
			return 0;
		}
		if (w > 0)
			d->off += w;
		if (d->off == d->len)
			d->len = d->off = 0;
	}
	if (d->eof && d->len == 0)
		finish(d, shut);
	return 0;
}

/* The poll timeout: the nearest of the idle limit and a linger's end. */
static int
timeout_ms(const struct direction *dir, const struct relay_opts *o, long long last)
{
	long long now = now_ms(), t = -1;

	if (o->idle_ms >= 0)
		t = last + o->idle_ms - now;
	for (int i = 0; i < 2; i++)
		if (dir[i].done && o->linger_ms[i] >= 0) {
			long long l = dir[i].done_at + o->linger_ms[i] - now;
			if (t < 0 || l < t)
				t = l;
		}
	if (t == -1)
		return -1;
	return t < 0 ? 0 : t > 1000000 ? 1000000 : (int)t;
}

static bool
lingered(const struct direction *dir, const struct relay_opts *o)
{
	long long now = now_ms();

	for (int i = 0; i < 2; i++)
		if (dir[i].done && o->linger_ms[i] >= 0 &&
		    now >= dir[i].done_at + o->linger_ms[i])
			return true;
	return false;
}

enum relay_result
relay(int a_in, int a_out, int b_in, int b_out, const struct relay_opts *o)
{
	struct direction dir[2];
	long long last = now_ms();

	dir[0] = (struct direction){ .in = a_in, .out = b_out };
	dir[1] = (struct direction){ .in = b_in, .out = a_out };
	for (int i = 0; i < 2; i++)
		if (dir[i].in < 0)
			finish(&dir[i], false);
	for (;;) {
		for (int i = 0; i < 2; i++)
			if (dir[i].done && o->stop_on_eof[i])
				return RELAY_DONE;
		if (dir[0].done && dir[1].done)
			return RELAY_DONE;
		if (lingered(dir, o))
			return RELAY_IDLE;

		struct pollfd p[4];
		int n = 0, in[2] = { -1, -1 }, out[2] = { -1, -1 };
		for (int i = 0; i < 2; i++) {
			if (dir[i].done)
				continue;
			if (dir[i].len == 0)
				in[i] = want(p, &n, dir[i].in, POLLIN);
			else
				out[i] = want(p, &n, dir[i].out, POLLOUT);
		}
		int r = poll(p, n, timeout_ms(dir, o, last));
		if (r < 0) {
			if (errno == EINTR)
				continue;
			return RELAY_ERROR;
		}
		if (r == 0) {
			if (o->idle_ms >= 0 && now_ms() - last >= o->idle_ms)
				return RELAY_IDLE;
			continue;
		}
		last = now_ms();
		for (int i = 0; i < 2; i++) {
			if (dir[i].done)
				continue;
			if (step(&dir[i], in[i] >= 0 ? &p[in[i]] : NULL,
			    out[i] >= 0 ? &p[out[i]] : NULL, o->shut_on_eof[i]) < 0)
				return RELAY_ERROR;
		}
	}
}
