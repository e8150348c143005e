/*
 * The cpu controller: cpu.weight (and cpu.weight.nice) shares a hart among
 * groups, cpu.max caps a group's run time per period, cpu.stat tells the
 * usage (always, as Linux: the usage lines exist with the controller off)
 * and the throttling.  The state lives in struct cgroup's cpu_state; the
 * scheduler (proc/sched.c) charges and throttles under sched_lock, and
 * the settings are written here under cgroup_mutex, through
 * sched_group_set so the scheduler sees them whole.
 */
#include "cgroup.h"
#include "internal.h"
#include "proc.h"
#include "timer.h"
#include "string.h"

#define WEIGHT_DFL	100
#define WEIGHT_MIN	1
#define WEIGHT_MAX	10000
#define PERIOD_DFL_US	100000
#define PERIOD_MIN_US	1000		/* Linux's 1 ms .. 1 s */
#define PERIOD_MAX_US	1000000
#define QUOTA_MIN_US	1000
#define QUOTA_MAX_US	((1ull << 44) / 1000)	/* Linux's max_cfs_runtime, about 203 days */

/* Linux's sched_prio_to_weight, to translate cpu.weight.nice. */
static const uint32_t nice_weight[40] = {
	88761, 71755, 56483, 46273, 36291, 29154, 23254, 18705, 14949, 11916,
	9548, 7620, 6100, 4904, 3906, 3121, 2501, 1991, 1586, 1277,
	1024, 820, 655, 526, 423, 335, 272, 215, 172, 137,
	110, 87, 70, 56, 45, 36, 29, 23, 18, 15,
};

void cpu_cgroup_init(struct cgroup *cgrp)
{
	cgrp->cpu.weight = WEIGHT_DFL;
	cgrp->cpu.period = PERIOD_DFL_US * (NSEC_PER_SEC / USEC_PER_SEC);
	list_init(&cgrp->cpu.parked);
	list_init(&cgrp->cpu.throttle_link);
}

static void cpu_attach(struct task *t, struct cgroup *from, struct cgroup *to)
{
	sched_move_task(t, to);
}

static void cpu_release(struct task *t, struct cgroup *cgrp)
{
	sched_release_task(t);
}

static void cpu_reset(struct cgroup *cgrp)
{
	sched_group_set(cgrp, WEIGHT_DFL, 0, PERIOD_DFL_US * (NSEC_PER_SEC / USEC_PER_SEC));
}

/* Trailing newlines and blanks off; the length left. */
static size_t trim(char *buf)
{
	size_t n = strlen(buf);
	while (n && (buf[n - 1] == '\n' || buf[n - 1] == ' '))
		buf[--n] = 0;
	return n;
}

/* A decimal number, optionally negative, the whole of s: 0 or -EINVAL. */
static int parse_num(const char *s, bool neg_ok, long long *out)
{
	bool neg = false;
	if (neg_ok && *s == '-') {
		neg = true;
		s++;
	}
	if (!*s)
		return -EINVAL;
	unsigned long long v = 0;
	for (; *s; s++) {
		if (*s < '0' || *s > '9' || v > (1ull << 50))
			return -EINVAL;
		v = v * 10 + (*s - '0');
	}
	*out = neg ? -(long long)v : (long long)v;
	return 0;
}

static int show_weight(struct cgroup *cgrp, struct cgroup_buf *b)
{
	cgbuf_printf(b, "%d\n", READ_ONCE(cgrp->cpu.weight));
	return 0;
}

static ssize_t write_weight(struct cgroup *cgrp, char *buf, size_t len, struct file *f)
{
	long long v;
	trim(buf);
	if (parse_num(buf, false, &v))
		return -EINVAL;
	if (v < WEIGHT_MIN || v > WEIGHT_MAX)
		return -ERANGE;
	sched_group_set(cgrp, v, cgrp->cpu.quota, cgrp->cpu.period);
	return len;
}

/* The nice whose weight is nearest the group's, as Linux shows it. */
static int show_weight_nice(struct cgroup *cgrp, struct cgroup_buf *b)
{
	uint64_t w = ((uint64_t)READ_ONCE(cgrp->cpu.weight) * 1024 + WEIGHT_DFL / 2) / WEIGHT_DFL;
	int best = 0;
	uint64_t best_d = ~0ull;
	for (int i = 0; i < 40; i++) {
		uint64_t d = w > nice_weight[i] ? w - nice_weight[i] : nice_weight[i] - w;
		if (d < best_d) {
			best_d = d;
			best = i;
		}
	}
	cgbuf_printf(b, "%d\n", best - 20);
	return 0;
}

static ssize_t write_weight_nice(struct cgroup *cgrp, char *buf, size_t len, struct file *f)
{
	long long v;
	trim(buf);
	if (parse_num(buf, true, &v))
		return -EINVAL;
	if (v < -20 || v > 19)
		return -ERANGE;
	uint64_t w = ((uint64_t)nice_weight[v + 20] * WEIGHT_DFL + 512) / 1024;
	if (w < WEIGHT_MIN)
		w = WEIGHT_MIN;
	if (w > WEIGHT_MAX)
		w = WEIGHT_MAX;
	sched_group_set(cgrp, w, cgrp->cpu.quota, cgrp->cpu.period);
	return len;
}

static int show_max(struct cgroup *cgrp, struct cgroup_buf *b)
{
	struct cpu_state s;
	sched_group_read(cgrp, &s);
	if (s.quota)
		cgbuf_printf(b, "%llu %llu\n", (unsigned long long)(s.quota / (NSEC_PER_SEC / USEC_PER_SEC)),
			     (unsigned long long)(s.period / (NSEC_PER_SEC / USEC_PER_SEC)));
	else
		cgbuf_printf(b, "max %llu\n", (unsigned long long)(s.period / (NSEC_PER_SEC / USEC_PER_SEC)));
	return 0;
}

/* "QUOTA [PERIOD]" in microseconds, QUOTA "max" for no limit; a missing
 * PERIOD keeps the current one. */
static ssize_t write_max(struct cgroup *cgrp, char *buf, size_t len, struct file *f)
{
	trim(buf);
	char *sp = strchr(buf, ' ');
	if (sp)
		*sp++ = 0;
	long long quota = 0, period = cgrp->cpu.period / (NSEC_PER_SEC / USEC_PER_SEC);
	if (sp && parse_num(sp, false, &period))
		return -EINVAL;
	if (strcmp(buf, "max") != 0) {
		if (parse_num(buf, false, &quota))
			return -EINVAL;
		if (quota < QUOTA_MIN_US || (unsigned long long)quota > QUOTA_MAX_US)
			return -EINVAL;
	}
	if (period < PERIOD_MIN_US || period > PERIOD_MAX_US)
		return -EINVAL;
	sched_group_set(cgrp, 0, quota * (NSEC_PER_SEC / USEC_PER_SEC), period * (NSEC_PER_SEC / USEC_PER_SEC));
	return len;
}

int cpu_stat_show(struct cgroup *cgrp, struct cgroup_buf *b)
{
	struct cpu_state s;
	sched_group_read(cgrp, &s);
	cgbuf_printf(b, "usage_usec %llu\nuser_usec %llu\nsystem_usec %llu\n",
		     (unsigned long long)(s.usage / (NSEC_PER_SEC / USEC_PER_SEC)),
		     (unsigned long long)(s.user / (NSEC_PER_SEC / USEC_PER_SEC)),
		     (unsigned long long)(s.system / (NSEC_PER_SEC / USEC_PER_SEC)));
	if (cgrp->parent && (cgroup_control(cgrp) & (1u << CGROUP_SUBSYS_CPU)))
		cgbuf_printf(b, "nr_periods %llu\nnr_throttled %llu\nthrottled_usec %llu\n"
			     "nr_bursts 0\nburst_usec 0\n",
			     (unsigned long long)s.nr_periods, (unsigned long long)s.nr_throttled,
			     (unsigned long long)(s.throttled / (NSEC_PER_SEC / USEC_PER_SEC)));
	return 0;
}

static const struct cftype cpu_files[] = {
	{ "cpu.weight", 0644, CFTYPE_NOT_ON_ROOT, show_weight, write_weight },
	{ "cpu.weight.nice", 0644, CFTYPE_NOT_ON_ROOT, show_weight_nice, write_weight_nice },
	{ "cpu.max", 0644, CFTYPE_NOT_ON_ROOT, show_max, write_max },
};

const struct cgroup_subsys cpu_subsys = {
	.name = "cpu",
	.files = cpu_files,
	.nr_files = sizeof(cpu_files) / sizeof(cpu_files[0]),
	.attach = cpu_attach,
	.release = cpu_release,
	.reset = cpu_reset,
};
