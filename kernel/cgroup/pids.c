/*
 * The pids controller: how many tasks (threads, as Linux counts) a
 * subtree holds, and a limit on it.  A fork is charged to its cgroup and
 * every ancestor and refused with EAGAIN if any of them would pass its
 * pids.max; a migration moves the charge without a check (as Linux); the
 * charge goes when the task is reaped.  The counters are under
 * css_set_lock, the limits under cgroup_mutex (read without it: a limit
 * being written is either the old or the new one).
 */
#include "cgroup.h"
#include "internal.h"
#include "proc.h"
#include "denials.h"
#include "string.h"

static void charge(struct cgroup *cgrp, long n)
{
	for (struct cgroup *c = cgrp; c; c = c->parent) {
		c->pids.count += n;
		if (c->pids.count > c->pids.peak)
			c->pids.peak = c->pids.count;
	}
}

/* The denial line of a fork refused by c's pids.max (css_set_lock held,
 * as cgroup_path_from wants). */
static void record_refusal(struct cgroup *c)
{
	char path[DENIAL_LEN / 2];
	if (cgroup_path_from(c, current_cgroup_ns_root(), path, sizeof(path)) < 0)
		strlcpy(path, "...", sizeof(path));
	denial_record("cgroup pids.max of %s", path);
}

static int pids_can_fork(struct cgroup *cgrp)
{
	for (struct cgroup *c = cgrp; c; c = c->parent) {
		if (c->pids.count + 1 > READ_ONCE(c->pids.max)) {
			c->pids.events_max++;
			record_refusal(c);
			return -EAGAIN;
		}
	}
	charge(cgrp, 1);
	return 0;
}

static void pids_cancel_fork(struct cgroup *cgrp)
{
	charge(cgrp, -1);
}

static void pids_attach(struct task *t, struct cgroup *from, struct cgroup *to)
{
	charge(to, 1);
	charge(from, -1);
}

static void pids_release(struct task *t, struct cgroup *cgrp)
{
	charge(cgrp, -1);
}

static void pids_reset(struct cgroup *cgrp)
{
	WRITE_ONCE(cgrp->pids.max, CGROUP_LIMIT_MAX);
}

static int show_max(struct cgroup *cgrp, struct cgroup_buf *b)
{
	cgroup_show_count(b, READ_ONCE(cgrp->pids.max));
	return 0;
}

static ssize_t write_max(struct cgroup *cgrp, char *buf, size_t len, struct file *f)
{
	long v;
	int err = cgroup_parse_count(buf, true, &v);
	if (err)
		return err;
	WRITE_ONCE(cgrp->pids.max, v);
	return len;
}

static long read_counter(long *p)
{
	spin_lock(&css_set_lock);
	long v = *p;
	spin_unlock(&css_set_lock);
	return v;
}

static int show_current(struct cgroup *cgrp, struct cgroup_buf *b)
{
	cgbuf_printf(b, "%ld\n", read_counter(&cgrp->pids.count));
	return 0;
}

static int show_peak(struct cgroup *cgrp, struct cgroup_buf *b)
{
	cgbuf_printf(b, "%ld\n", read_counter(&cgrp->pids.peak));
	return 0;
}

static int show_events(struct cgroup *cgrp, struct cgroup_buf *b)
{
	cgbuf_printf(b, "max %ld\n", read_counter(&cgrp->pids.events_max));
	return 0;
}

static const struct cftype pids_files[] = {
	{ "pids.max", 0644, CFTYPE_NOT_ON_ROOT, show_max, write_max },
	{ "pids.current", 0444, CFTYPE_NOT_ON_ROOT, show_current, NULL },
	{ "pids.peak", 0444, CFTYPE_NOT_ON_ROOT, show_peak, NULL },
	{ "pids.events", 0444, CFTYPE_NOT_ON_ROOT, show_events, NULL },
};

const struct cgroup_subsys pids_subsys = {
	.name = "pids",
	.files = pids_files,
	.nr_files = sizeof(pids_files) / sizeof(pids_files[0]),
	.can_fork = pids_can_fork,
	.cancel_fork = pids_cancel_fork,
	.attach = pids_attach,
	.release = pids_release,
	.reset = pids_reset,
};
