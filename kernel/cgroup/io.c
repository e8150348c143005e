/*
 * The io controller: what each cgroup read from and wrote to each block
 * device (io.stat, counted for the cgroup and every ancestor), and limits
 * on it (io.max: bytes and requests per second, per direction and device).
 *
 * The block cache charges every transfer to the cgroup of the task that
 * makes it (cgroup_io_charge, bcache.c) before the device sees it: a
 * reader, or a writer that syncs or evicts.  The background flusher is
 * in the root, so written-back data is limited only when its owner syncs
 * it itself (Linux's io.max without cgroup writeback does the same).
 *
 * A limit is a pacing clock per (cgroup, device, kind): each transfer
 * starts no earlier than the clock and moves it on by its cost (bytes /
 * bps, or 1 / iops seconds), so a burst is spread out at the limit; the
 * task sleeps (interruptibly: a signal lets the transfer go at once) until
 * the latest clock of its cgroup and ancestors.
 *
 * io_lock (a leaf spinlock) guards every cgroup's io_state; limits are
 * written under cgroup_mutex as well.
 */
#include "cgroup.h"
#include "internal.h"
#include "bcache.h"
#include "proc.h"
#include "timer.h"
#include "string.h"

static struct spinlock io_lock = SPINLOCK_INIT("cgroup io");

static const char *const limit_names[IO_NLIMITS] = { "rbps", "wbps", "riops", "wiops" };

/* The slot of dev in s, or a free one when add; NULL if none. */
static struct io_dev_state *dev_slot(struct io_state *s, dev_t dev, bool add)
{
	struct io_dev_state *free = NULL;
	for (int i = 0; i < IO_MAX_DEVS; i++) {
		if (s->dev[i].dev == dev && s->dev[i].used)
			return &s->dev[i];
		if (!s->dev[i].used && !free)
			free = &s->dev[i];
	}
	if (!add || !free)
		return NULL;
	memset(free, 0, sizeof(*free));
	free->dev = dev;
	free->used = true;
	return free;
}

/* Move the pacing clock of limit k on by the cost of this transfer; the
 * time the transfer may start. */
static uint64_t pace(struct io_dev_state *d, int k, uint64_t now, uint64_t units)
{
	if (!d->limit[k])
		return now;
	uint64_t start = d->next_ns[k] > now ? d->next_ns[k] : now;
	d->next_ns[k] = start + units * NSEC_PER_SEC / d->limit[k];
	return start;
}

void cgroup_io_charge(dev_t dev, bool write, size_t bytes)
{
	struct cgroup *cgrp = task_get_cgroup(current);
	uint64_t now = timer_now_ns(), until = now;
	int bps = write ? IO_WBPS : IO_RBPS, iops = write ? IO_WIOPS : IO_RIOPS;

	spin_lock(&io_lock);
	for (struct cgroup *c = cgrp; c; c = c->parent) {
		struct io_dev_state *d = dev_slot(&c->io, dev, true);
		if (!d)
			continue;
		if (write) {
			d->wbytes += bytes;
			d->wios++;
		} else {
			d->rbytes += bytes;
			d->rios++;
		}
		uint64_t t = pace(d, bps, now, bytes);
		until = MAX(until, t);
		t = pace(d, iops, now, 1);
		until = MAX(until, t);
	}
	spin_unlock(&io_lock);
	cgroup_put(cgrp);
	/* Over budget: wait for it.  A signal ends the wait early. */
	if (until > now)
		sleep_until(until, true);
}

static void io_reset(struct cgroup *cgrp)
{
	spin_lock(&io_lock);
	for (int i = 0; i < IO_MAX_DEVS; i++)
		memset(cgrp->io.dev[i].limit, 0, sizeof(cgrp->io.dev[i].limit));
	spin_unlock(&io_lock);
}

static int show_stat(struct cgroup *cgrp, struct cgroup_buf *b)
{
	struct io_dev_state copy[IO_MAX_DEVS];
	spin_lock(&io_lock);
	memcpy(copy, cgrp->io.dev, sizeof(copy));
	spin_unlock(&io_lock);
	for (int i = 0; i < IO_MAX_DEVS; i++) {
		struct io_dev_state *d = &copy[i];
		if (!d->used || !(d->rios || d->wios))
			continue;
		cgbuf_printf(b, "%u:%u rbytes=%llu wbytes=%llu rios=%llu wios=%llu dbytes=0 dios=0\n",
			     MAJOR(d->dev), MINOR(d->dev), (unsigned long long)d->rbytes,
			     (unsigned long long)d->wbytes, (unsigned long long)d->rios,
			     (unsigned long long)d->wios);
	}
	return 0;
}

static int show_max(struct cgroup *cgrp, struct cgroup_buf *b)
{
	struct io_dev_state copy[IO_MAX_DEVS];
	spin_lock(&io_lock);
	memcpy(copy, cgrp->io.dev, sizeof(copy));
	spin_unlock(&io_lock);
	for (int i = 0; i < IO_MAX_DEVS; i++) {
		struct io_dev_state *d = &copy[i];
		bool any = false;
		for (int k = 0; k < IO_NLIMITS; k++)
			any |= d->limit[k] != 0;
		if (!d->used || !any)
			continue;
		cgbuf_printf(b, "%u:%u", MAJOR(d->dev), MINOR(d->dev));
		for (int k = 0; k < IO_NLIMITS; k++) {
			if (d->limit[k])
				cgbuf_printf(b, " %s=%llu", limit_names[k],
					     (unsigned long long)d->limit[k]);
			else
				cgbuf_printf(b, " %s=max", limit_names[k]);
		}
		cgbuf_printf(b, "\n");
	}
	return 0;
}

/* A decimal number of at least 1, or "max" (0): the end of it, or NULL. */
static const char *parse_limit(const char *p, uint64_t *out)
{
	if (!strncmp(p, "max", 3)) {
		*out = 0;
		return p + 3;
	}
	uint64_t v = 0;
	const char *start = p;
	for (; *p >= '0' && *p <= '9'; p++) {
		if (v > (UINT64_MAX - 9) / 10)
			return NULL;
		v = v * 10 + (uint64_t)(*p - '0');
	}
	if (p == start || v == 0)
		return NULL;
	*out = v;
	return p;
}

static const char *parse_uint(const char *p, unsigned int *out)
{
	const char *start = p;
	unsigned long v = 0;
	for (; *p >= '0' && *p <= '9' && v <= 0xfffffff; p++)
		v = v * 10 + (unsigned long)(*p - '0');
	*out = (unsigned int)v;
	return p == start ? NULL : p;
}

/* "MAJ:MIN key=value..." (keys rbps wbps riops wiops, value a number or
 * "max"); keys not named keep their limits.  EINVAL for bad text, ENODEV
 * for a device that does not exist, ENOSPC past IO_MAX_DEVS devices. */
static ssize_t write_max(struct cgroup *cgrp, char *buf, size_t len, struct file *f)
{
	unsigned int major, minor;
	uint64_t limit[IO_NLIMITS];
	bool set[IO_NLIMITS] = { false };
	const char *p = parse_uint(buf, &major);
	if (!p || *p != ':' || !(p = parse_uint(p + 1, &minor)))
		return -EINVAL;
	dev_t dev = MKDEV(major, minor);
	for (;;) {
		while (*p == ' ' || *p == '\t' || *p == '\n')
			p++;
		if (!*p)
			break;
		int k;
		for (k = 0; k < IO_NLIMITS; k++) {
			size_t n = strlen(limit_names[k]);
			if (!strncmp(p, limit_names[k], n) && p[n] == '=')
				break;
		}
		if (k == IO_NLIMITS)
			return -EINVAL;
		p = parse_limit(p + strlen(limit_names[k]) + 1, &limit[k]);
		if (!p || (*p && *p != ' ' && *p != '\t' && *p != '\n'))
			return -EINVAL;
		set[k] = true;
	}
	if (!blockdev_get(dev))
		return -ENODEV;
	spin_lock(&io_lock);
	struct io_dev_state *d = dev_slot(&cgrp->io, dev, true);
	if (d) {
		for (int k = 0; k < IO_NLIMITS; k++) {
			if (set[k]) {
				d->limit[k] = limit[k];
				d->next_ns[k] = 0;
			}
		}
	}
	spin_unlock(&io_lock);
	return d ? (ssize_t)len : -ENOSPC;
}

static const struct cftype io_files[] = {
	{ "io.max", 0644, CFTYPE_NOT_ON_ROOT, show_max, write_max },
	{ "io.stat", 0444, 0, show_stat, NULL },
};

const struct cgroup_subsys io_subsys = {
	.name = "io",
	.files = io_files,
	.nr_files = ARRAY_SIZE(io_files),
	.reset = io_reset,
};
