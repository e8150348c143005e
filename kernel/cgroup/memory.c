/*
 * The memory controller's files and cgroup hooks (the charging itself is
 * kernel/mm/memcontrol.c; memcontrol.h has the design).  Linux's
 * interface: memory.current, .peak, .max, .high, .low, .min, .stat,
 * .events, .events.local and .oom.group in every cgroup but the root,
 * sizes in bytes written as Linux's memparse reads them ("max", or a
 * number with an optional K, M, G, T, P or E), kept in pages (rounded
 * down).  The limits are written under cgroup_mutex and read without it;
 * memory.stat and memory.events add up the subtree under css_set_lock.
 */
#include "cgroup.h"
#include "internal.h"
#include "memcontrol.h"
#include "proc.h"
#include "kstack.h"
#include "string.h"

#define LOAD(p)		__atomic_load_n((p), __ATOMIC_RELAXED)

/* The hooks: a task's kernel stack is charged to its cgroup, and moves
 * with it; a moved task looks its charging cgroup up again (cgroup.c's
 * link_task marks it stale). */
static int memory_can_fork(struct cgroup *cgrp)
{
	memcg_charge_kstack(cgrp, (long)(KSTACK_SIZE / PAGE_SIZE));
	return 0;
}

static void memory_cancel_fork(struct cgroup *cgrp)
{
	memcg_charge_kstack(cgrp, -(long)(KSTACK_SIZE / PAGE_SIZE));
}

static void memory_attach(struct task *t, struct cgroup *from, struct cgroup *to)
{
	memcg_charge_kstack(to, (long)(KSTACK_SIZE / PAGE_SIZE));
	memcg_charge_kstack(from, -(long)(KSTACK_SIZE / PAGE_SIZE));
}

static void memory_release(struct task *t, struct cgroup *cgrp)
{
	memcg_charge_kstack(cgrp, -(long)(KSTACK_SIZE / PAGE_SIZE));
}

static void memory_reset(struct cgroup *cgrp)
{
	WRITE_ONCE(cgrp->mem.max, MEMCG_MAX_PAGES);
	WRITE_ONCE(cgrp->mem.high, MEMCG_MAX_PAGES);
	WRITE_ONCE(cgrp->mem.low, 0);
	WRITE_ONCE(cgrp->mem.min, 0);
	WRITE_ONCE(cgrp->mem.oom_group, false);
}

/* ---- parsing: Linux's strstrip, then page_counter_memparse ---- */

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

static char *strip(char *s)
{
	size_t n = strlen(s);
	while (n && is_space(s[n - 1]))
		s[--n] = 0;
	while (is_space(*s))
		s++;
	return s;
}

static int digit(char c, unsigned int base)
{
	unsigned int d = c >= '0' && c <= '9' ? (unsigned int)(c - '0') :
			 c >= 'a' && c <= 'z' ? (unsigned int)(c - 'a' + 10) :
			 c >= 'A' && c <= 'Z' ? (unsigned int)(c - 'A' + 10) : 99;
	return d < base ? (int)d : -1;
}

/* Linux's memparse: simple_strtoull in base 0, then one optional suffix. */
static unsigned long long memparse(const char *s, const char **end)
{
	unsigned int base = 10;
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X') && digit(s[2], 16) >= 0) {
		base = 16;
		s += 2;
	} else if (s[0] == '0') {
		base = 8;
	}
	unsigned long long v = 0;
	for (int d; (d = digit(*s, base)) >= 0; s++)
		v = v * base + (unsigned int)d;
	int shift = 0;
	switch (*s) {
	case 'E': case 'e': shift += 10; /* fall through */
	case 'P': case 'p': shift += 10; /* fall through */
	case 'T': case 't': shift += 10; /* fall through */
	case 'G': case 'g': shift += 10; /* fall through */
	case 'M': case 'm': shift += 10; /* fall through */
	case 'K': case 'k': shift += 10;
		s++;
		break;
	}
	*end = s;
	return v << shift;
}

static int parse_pages(char *buf, long *out)
{
	buf = strip(buf);
	if (strcmp(buf, "max") == 0) {
		*out = MEMCG_MAX_PAGES;
		return 0;
	}
	const char *end;
	unsigned long long pages = memparse(buf, &end) / PAGE_SIZE;
	if (*end)
		return -EINVAL;
	*out = pages > MEMCG_MAX_PAGES ? MEMCG_MAX_PAGES : (long)pages;
	return 0;
}

static void show_pages(struct cgroup_buf *b, long pages)
{
	if (pages >= MEMCG_MAX_PAGES)
		cgbuf_printf(b, "max\n");
	else
		cgbuf_printf(b, "%ld\n", pages * PAGE_SIZE);
}

/* ---- the files ---- */

static int show_current(struct cgroup *cgrp, struct cgroup_buf *b)
{
	cgbuf_printf(b, "%ld\n", LOAD(&cgrp->mem.usage) * PAGE_SIZE);
	return 0;
}

static int show_peak(struct cgroup *cgrp, struct cgroup_buf *b)
{
	cgbuf_printf(b, "%ld\n", LOAD(&cgrp->mem.peak) * PAGE_SIZE);
	return 0;
}

#define LIMIT_FILE(field, enforce)						\
static int show_##field(struct cgroup *cgrp, struct cgroup_buf *b)		\
{										\
	show_pages(b, READ_ONCE(cgrp->mem.field));				\
	return 0;								\
}										\
static ssize_t write_##field(struct cgroup *cgrp, char *buf, size_t len, struct file *f) \
{										\
	long v;									\
	int err = parse_pages(buf, &v);						\
	if (err)								\
		return err;							\
	WRITE_ONCE(cgrp->mem.field, v);						\
	enforce;								\
	return len;								\
}
LIMIT_FILE(max, memcg_enforce_limit(cgrp, true))
LIMIT_FILE(high, memcg_enforce_limit(cgrp, false))
LIMIT_FILE(low, (void)0)
LIMIT_FILE(min, (void)0)

/* The subtree's counters added up (css_set_lock for the walk). */
struct memcg_sums {
	long stat[MEMCG_NR_KINDS];
	long events[MEMCG_NR_EVENTS];
	long pgfault;
};

static void sum_subtree(struct cgroup *cgrp, struct memcg_sums *s, bool local)
{
	memset(s, 0, sizeof(*s));
	spin_lock(&css_set_lock);
	for (struct cgroup *c = cgrp; c; c = local ? NULL : cgroup_next_descendant(c, cgrp)) {
		for (int i = 0; i < MEMCG_NR_KINDS; i++)
			s->stat[i] += LOAD(&c->mem.stat[i]);
		for (int i = 0; i < MEMCG_NR_EVENTS; i++)
			s->events[i] += LOAD(&c->mem.events[i]);
		s->pgfault += LOAD(&c->mem.pgfault);
	}
	spin_unlock(&css_set_lock);
}

/* Linux's keys, in its order; the ones this kernel has no such memory
 * for (percpu, slab, vmalloc, swap, the LRU lists, the workingset and
 * reclaim counters, pgmajfault) are left out, shmem is 0. */
static int show_stat(struct cgroup *cgrp, struct cgroup_buf *b)
{
	struct memcg_sums s;
	unsigned long mapped, dirty;
	sum_subtree(cgrp, &s, false);
	pcache_memcg_stat(cgrp, &mapped, &dirty);
	long kstack = s.stat[MEMCG_KSTACK] * PAGE_SIZE, pt = s.stat[MEMCG_PAGETABLE] * PAGE_SIZE;
	cgbuf_printf(b, "anon %ld\n", s.stat[MEMCG_ANON] * PAGE_SIZE);
	cgbuf_printf(b, "file %ld\n", s.stat[MEMCG_FILE] * PAGE_SIZE);
	cgbuf_printf(b, "kernel %ld\n", kstack + pt);
	cgbuf_printf(b, "kernel_stack %ld\n", kstack);
	cgbuf_printf(b, "pagetables %ld\n", pt);
	cgbuf_printf(b, "sock %ld\n", s.stat[MEMCG_SOCK] * PAGE_SIZE);
	cgbuf_printf(b, "shmem 0\n");
	cgbuf_printf(b, "file_mapped %lu\n", mapped * PAGE_SIZE);
	cgbuf_printf(b, "file_dirty %lu\n", dirty * PAGE_SIZE);
	cgbuf_printf(b, "file_writeback 0\n");
	cgbuf_printf(b, "pgfault %ld\n", s.pgfault);
	return 0;
}

static void show_event_lines(struct cgroup_buf *b, const struct memcg_sums *s)
{
	static const char *const names[MEMCG_NR_EVENTS] = {
		"low", "high", "max", "oom", "oom_kill", "oom_group_kill",
	};
	for (int i = 0; i < MEMCG_NR_EVENTS; i++)
		cgbuf_printf(b, "%s %ld\n", names[i], s->events[i]);
}

static int show_events(struct cgroup *cgrp, struct cgroup_buf *b)
{
	struct memcg_sums s;
	sum_subtree(cgrp, &s, false);
	show_event_lines(b, &s);
	return 0;
}

static int show_events_local(struct cgroup *cgrp, struct cgroup_buf *b)
{
	struct memcg_sums s;
	sum_subtree(cgrp, &s, true);
	show_event_lines(b, &s);
	return 0;
}

static int show_oom_group(struct cgroup *cgrp, struct cgroup_buf *b)
{
	cgbuf_printf(b, "%d\n", READ_ONCE(cgrp->mem.oom_group) ? 1 : 0);
	return 0;
}

/* Linux's kstrtoint in base 0, then 0 or 1. */
static ssize_t write_oom_group(struct cgroup *cgrp, char *buf, size_t len, struct file *f)
{
	buf = strip(buf);
	const char *end;
	bool neg = *buf == '-';
	if (*buf == '+' || neg)
		buf++;
	if (!*buf)
		return -EINVAL;
	unsigned long long v = memparse(buf, &end);
	if (*end || end == buf || digit(end[-1], 16) < 0)
		return -EINVAL;	/* no digits, or a size suffix */
	if (neg ? v != 0 : v > 1)
		return -EINVAL;
	WRITE_ONCE(cgrp->mem.oom_group, v == 1);
	return len;
}

static const struct cftype memory_files[] = {
	{ "memory.current", 0444, CFTYPE_NOT_ON_ROOT, show_current, NULL },
	{ "memory.peak", 0444, CFTYPE_NOT_ON_ROOT, show_peak, NULL },
	{ "memory.min", 0644, CFTYPE_NOT_ON_ROOT, show_min, write_min },
	{ "memory.low", 0644, CFTYPE_NOT_ON_ROOT, show_low, write_low },
	{ "memory.high", 0644, CFTYPE_NOT_ON_ROOT, show_high, write_high },
	{ "memory.max", 0644, CFTYPE_NOT_ON_ROOT, show_max, write_max },
	{ "memory.events", 0444, CFTYPE_NOT_ON_ROOT, show_events, NULL },
	{ "memory.events.local", 0444, CFTYPE_NOT_ON_ROOT, show_events_local, NULL },
	{ "memory.stat", 0444, CFTYPE_NOT_ON_ROOT, show_stat, NULL },
	{ "memory.oom.group", 0644, CFTYPE_NOT_ON_ROOT, show_oom_group, write_oom_group },
};

const struct cgroup_subsys memory_subsys = {
	.name = "memory",
	.files = memory_files,
	.nr_files = sizeof(memory_files) / sizeof(memory_files[0]),
	.can_fork = memory_can_fork,
	.cancel_fork = memory_cancel_fork,
	.attach = memory_attach,
	.release = memory_release,
	.reset = memory_reset,
};
