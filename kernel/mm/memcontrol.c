/*
 * The memory controller's charging, reclaim and OOM killer (the contract
 * and the design are in memcontrol.h; the cgroup files in
 * kernel/cgroup/memory.c).
 *
 * Locks: none on the charge path -- the counters of struct memcg_state are
 * atomic, the limits are read with READ_ONCE, current->memcg is changed
 * only by current.  Looking current's cgroup up again after a migration
 * takes css_set_lock.  The OOM killer takes tasklist_lock, then
 * css_set_lock (cgroup.h's order), to walk the group's tasks; reclaim takes
 * pcache_lock (pcache.c).  Nothing here sleeps with a lock held.
 */
#include "memcontrol.h"
#include "cgroup.h"
#include "mm.h"
#include "vm.h"
#include "proc.h"
#include "signal.h"
#include "printk.h"
#include "timer.h"
#include "string.h"
#include "ns.h"
#include "kstack.h"
#include "cred.h"

#define RECLAIM_BATCH	32		/* pages reclaimed at a time over a limit */
#define OOM_WAIT_NS	10000000ull	/* 10 ms between looks at a dying victim */
#define OOM_WAIT_TRIES	500		/* outside a fault: 5 s at most */
#define HIGH_SLEEP_NS	1000000ull	/* the throttle over memory.high: 1 ms */

#define ADD(p, v)	__atomic_add_fetch((p), (v), __ATOMIC_RELAXED)

static bool fatal_signal(struct task *t)
{
	return READ_ONCE(t->pending) & sigmask(SIGKILL);
}

static void event(struct cgroup *c, enum memcg_event e)
{
	ADD(&c->mem.events[e], 1);
}

static __attribute__((noinline)) void refresh_memcg(struct task *t)
{
	spin_lock(&css_set_lock);
	struct cgroup *old = t->memcg, *cg = t->cgroup;
	t->memcg = cg && cg->parent ? cgroup_get(cg) : NULL;
	WRITE_ONCE(t->memcg_stale, false);
	spin_unlock(&css_set_lock);
	cgroup_put(old);
}

/* current's charging cgroup, looked up again after a migration. */
static inline struct cgroup *current_memcg(void)
{
	struct task *t = current;
	if (unlikely(READ_ONCE(t->memcg_stale)))
		refresh_memcg(t);
	return t->memcg;
}

static void uncharge_counters(struct cgroup *cg, long nr)
{
	for (struct cgroup *c = cg; c->parent; c = c->parent)
		ADD(&c->mem.usage, -nr);
}

/* Add nr pages to cg and its ancestors below the root.  NULL, or the
 * first whose memory.max it would pass (nothing is then charged). */
static inline __attribute__((always_inline)) struct cgroup *
charge_counters(struct cgroup *cg, long nr, bool force)
{
	for (struct cgroup *c = cg; c->parent; c = c->parent) {
		long v = ADD(&c->mem.usage, nr);
		if (!force && v > READ_ONCE(c->mem.max)) {
			for (struct cgroup *u = cg; u != c; u = u->parent)
				ADD(&u->mem.usage, -nr);
			ADD(&c->mem.usage, -nr);
			return c;
		}
		/* As Linux's page_counter: a racy store (two charges at once
		 * may leave the smaller of their values). */
		if (v > READ_ONCE(c->mem.peak))
			WRITE_ONCE(c->mem.peak, v);
		if (unlikely(v > READ_ONCE(c->mem.high))) {
			event(c, MEMCG_HIGH);
			WRITE_ONCE(current->memcg_high, true);
		}
	}
	return NULL;
}

/* Is t one the OOM killer already took (or exiting anyway)? */
static bool dying(struct task *t)
{
	return fatal_signal(t) || (t->signal && READ_ONCE(t->signal->group_exiting));
}

/* The highest cgroup from t's up to oom (the one at its limit) with
 * memory.oom.group set, or NULL. */
static struct cgroup *oom_group_of(struct cgroup *cg, struct cgroup *oom)
{
	struct cgroup *g = NULL;
	for (struct cgroup *c = cg; c; c = c->parent) {
		if (READ_ONCE(c->mem.oom_group))
			g = c;
		if (c == oom)
			break;
	}
	return g;
}

static void kill_one(struct task *t, struct cgroup *oom)
{
	struct mm *mm = t->mm;
	console_quiet = false;
	printk("Memory cgroup out of memory: Killed process %d (%s) total-rss:%lukB, UID:%u "
	       "oom_score_adj:0\n", task_tgid_vnr(t), t->comm, mm ? mm->rss * (PAGE_SIZE / 1024) : 0,
	       t->cred ? t->cred->uid : 0);
	send_signal(t, SIGKILL);
	event(t->cgroup, MEMCG_OOM_KILL);
}

/*
 * oom's subtree is at its limit with nothing to reclaim: SIGKILL its
 * largest process by resident pages (never the system's init), or every
 * process of the memory.oom.group it is in.  Nobody new while a victim is
 * still dying.  True if there is a victim to wait for.
 */
static bool memcg_oom(struct cgroup *oom)
{
	struct task *victim = NULL, *t;
	unsigned long most = 0;
	bool waiting = false;

	spin_lock(&tasklist_lock);
	spin_lock(&css_set_lock);
	for (struct cgroup *c = oom; c; c = cgroup_next_descendant(c, oom)) {
		list_for_each_entry(t, &c->tasks, cg_node) {
			if (!t->mm || t == init_pid_ns.child_reaper || t->state == TASK_ZOMBIE ||
			    t->state == TASK_DEAD)
				continue;
			if (dying(t))
				waiting = true;
			else if (!victim || t->mm->rss > most) {
				most = t->mm->rss;
				victim = t;
			}
		}
	}
	if (!waiting && victim) {
		event(oom, MEMCG_OOM);
		struct cgroup *g = oom_group_of(victim->cgroup, oom);
		if (g) {
			event(g, MEMCG_OOM_GROUP_KILL);
			for (struct cgroup *c = g; c; c = cgroup_next_descendant(c, g))
				list_for_each_entry(t, &c->tasks, cg_node)
					if (t->mm && t == t->group_leader && !dying(t) &&
					    t != init_pid_ns.child_reaper)
						kill_one(t, oom);
		} else {
			kill_one(victim, oom);
		}
	}
	spin_unlock(&css_set_lock);
	spin_unlock(&tasklist_lock);
	return waiting || victim;
}

/* Charge nr pages to cg, reclaiming and killing in the group at its limit
 * as needed: 0 or -ENOMEM (see memcontrol.h for the fault case).  over is
 * where a first try stopped. */
static __attribute__((noinline)) int try_charge_slow(struct cgroup *cg, long nr,
						     struct cgroup *over)
{
	struct task *t = current;
	for (int tries = 0;; tries++) {
		if (tries && !(over = charge_counters(cg, nr, false)))
			return 0;
		event(over, MEMCG_MAX);
		if (pcache_memcg_reclaim(over, MAX(nr, (long)RECLAIM_BATCH)))
			continue;
		if (fatal_signal(t))
			return -ENOMEM;
		if (!memcg_oom(over)) {
			if (t->in_user_fault)
				t->memcg_oom = MEMCG_OOM_FAIL;
			return -ENOMEM;
		}
		if (fatal_signal(t))
			return -ENOMEM;		/* current was the victim */
		if (t->in_user_fault) {
			/* Wait outside mm->lock: handle_page_fault. */
			t->memcg_oom = MEMCG_OOM_WAIT;
			return -ENOMEM;
		}
		if (tries >= OOM_WAIT_TRIES || sleep_until(timer_now_ns() + OOM_WAIT_NS, true))
			return -ENOMEM;
	}
}

int __memcg_charge_page(struct page *pg, enum memcg_kind kind)
{
	struct cgroup *cg = current_memcg();
	if (!cg)
		return 0;
	struct cgroup *over = charge_counters(cg, 1, false);
	if (unlikely(over) && try_charge_slow(cg, 1, over))
		return -ENOMEM;
	ADD(&cg->refcnt, 1);	/* cgroup_get: the page's reference */
	pg->memcg = cg;
	pg->memcg_kind = kind;
	ADD(&cg->mem.stat[kind], 1);
	return 0;
}

void memcg_uncharge_page(struct page *pg, unsigned int order)
{
	struct cgroup *cg = pg->memcg;
	long nr = 1l << order;
	pg->memcg = NULL;
	ADD(&cg->mem.stat[pg->memcg_kind], -nr);
	uncharge_counters(cg, nr);
	cgroup_put(cg);
}

bool memcg_oom_synchronize(void)
{
	struct task *t = current;
	int what = t->memcg_oom;
	t->memcg_oom = MEMCG_OOM_NONE;
	if (what != MEMCG_OOM_WAIT || fatal_signal(t))
		return false;
	sleep_until(timer_now_ns() + OOM_WAIT_NS, true);
	return !fatal_signal(t);
}

void __memcg_count_fault(void)
{
	struct cgroup *cg = current_memcg();
	if (cg)
		ADD(&cg->mem.pgfault, 1);
}

void memcg_throttle(void)
{
	struct task *t = current;
	WRITE_ONCE(t->memcg_high, false);
	struct cgroup *cg = t->memcg;
	bool over = false;
	for (struct cgroup *c = cg; c && c->parent; c = c->parent) {
		long excess = READ_ONCE(c->mem.usage) - READ_ONCE(c->mem.high);
		if (excess > 0 && pcache_memcg_reclaim(c, excess) < (unsigned long)excess)
			over = true;
	}
	if (over && !fatal_signal(t))
		sleep_until(timer_now_ns() + HIGH_SLEEP_NS, true);
}

/* ---- protection: memory.min and memory.low (see memcontrol.h) ---- */

/* What a child claims: the part of its usage its setting covers. */
static long claim(long usage, long setting)
{
	return MIN(usage, setting);
}

/* c's share of its parent's effective protection parent_eff, when its
 * siblings (c included) claim siblings in all. */
static long effective(long usage, long setting, long parent_eff, long siblings)
{
	long mine = claim(usage, setting);
	if (siblings > parent_eff)	/* overcommitted: in proportion */
		return (long)((__int128)mine * parent_eff / siblings);
	return mine;
}

/* The claims of c's children, added up for their shares, and their
 * usage (the rest of c's is its own). */
static void sum_claims(struct cgroup *c)
{
	struct cgroup *k;
	c->mem.children_min = c->mem.children_low = c->mem.children_usage = 0;
	list_for_each_entry(k, &c->children, sibling) {
		long usage = READ_ONCE(k->mem.usage);
		c->mem.children_usage += usage;
		c->mem.children_min += claim(usage, READ_ONCE(k->mem.min));
		c->mem.children_low += claim(usage, READ_ONCE(k->mem.low));
	}
}

void memcg_calc_protection(struct cgroup *root)
{
	root->mem.emin = root->mem.elow = 0;
	sum_claims(root);
	/* Pre-order: a parent's values are ready before its children's. */
	for (struct cgroup *c = cgroup_next_descendant(root, root); c;
	     c = cgroup_next_descendant(c, root)) {
		struct cgroup *p = c->parent;
		long usage = READ_ONCE(c->mem.usage);
		if (p == root) {
			c->mem.emin = READ_ONCE(c->mem.min);
			c->mem.elow = READ_ONCE(c->mem.low);
		} else {
			c->mem.emin = effective(usage, READ_ONCE(c->mem.min), p->mem.emin,
						p->mem.children_min);
			c->mem.elow = effective(usage, READ_ONCE(c->mem.low), p->mem.elow,
						p->mem.children_low);
		}
		sum_claims(c);
	}
}

long memcg_protected(struct cgroup *root, struct cgroup *c, bool low_reclaim, bool *by_low)
{
	*by_low = false;
	if (c == root || !c->parent)
		return 0;
	long emin = c->mem.emin, elow = c->mem.elow;
	*by_low = elow > emin;
	return low_reclaim ? emin : MAX(emin, elow);
}

long memcg_reclaim_room(struct cgroup *root, struct cgroup *c, bool low_reclaim, bool *by_low,
			bool *held)
{
	long floor = memcg_protected(root, c, low_reclaim, by_low);
	long usage = READ_ONCE(c->mem.usage);
	long own = usage - c->mem.children_usage;	/* its own pages, and its dead children's */
	*held = *by_low && usage - floor < own;
	return MAX(0, MIN(own, usage - floor));
}

void memcg_count_low(struct cgroup *c)
{
	event(c, MEMCG_LOW);
}

void memcg_charge_kstack(struct cgroup *cgrp, long nr)
{
	if (!cgrp->parent)
		return;
	if (nr > 0)
		charge_counters(cgrp, nr, true);
	else
		uncharge_counters(cgrp, -nr);
	ADD(&cgrp->mem.stat[MEMCG_KSTACK], nr);
}

struct cgroup *memcg_get_current(void)
{
	if (!memcg_current_charges())
		return NULL;
	struct cgroup *cg = current_memcg();
	return cg ? cgroup_get(cg) : NULL;
}

bool memcg_charge_sock(struct cgroup *cg, long nr, bool force)
{
	struct cgroup *over = charge_counters(cg, nr, false);
	if (unlikely(over)) {
		/* Reclaim, as Linux's try_charge with GFP_KERNEL; never kill. */
		event(over, MEMCG_MAX);
		if (pcache_memcg_reclaim(over, MAX(nr, (long)RECLAIM_BATCH)))
			over = charge_counters(cg, nr, false);
		if (over) {
			if (!force)
				return false;
			charge_counters(cg, nr, true);
		}
	}
	ADD(&cg->mem.stat[MEMCG_SOCK], nr);
	return true;
}

void memcg_uncharge_sock(struct cgroup *cg, long nr)
{
	ADD(&cg->mem.stat[MEMCG_SOCK], -nr);
	uncharge_counters(cg, nr);
}

void memcg_task_release(struct task *t)
{
	struct cgroup *cg = t->memcg;
	t->memcg = NULL;
	cgroup_put(cg);
}

void memcg_enforce_limit(struct cgroup *cgrp, bool oom)
{
	for (int tries = 0; tries < OOM_WAIT_TRIES; tries++) {
		long usage = READ_ONCE(cgrp->mem.usage);
		long limit = oom ? READ_ONCE(cgrp->mem.max) : READ_ONCE(cgrp->mem.high);
		if (usage <= limit)
			return;
		if (pcache_memcg_reclaim(cgrp, usage - limit))
			continue;
		if (!oom || fatal_signal(current))
			return;
		event(cgrp, MEMCG_MAX);
		if (!memcg_oom(cgrp) || sleep_until(timer_now_ns() + OOM_WAIT_NS, true))
			return;
	}
}
