/*
 * The scheduler.  Each hart has a run queue (struct rq): the real-time
 * tasks (SCHED_FIFO, SCHED_RR) by priority, then the fair ones (SCHED_OTHER,
 * SCHED_BATCH, SCHED_IDLE) by virtual runtime, as Linux's CFS: a task's
 * vruntime grows by the time it runs times NICE_0_WEIGHT over its weight
 * (its nice's weight, scaled by its cgroup's cpu.weight), and the smallest
 * runs next.  A woken task goes to an idle hart if it may (its last one
 * first), else to the less busy of its last hart and the waker's; an idle
 * hart steals from the others, and a busy one pulls from a busier one
 * every BALANCE_TICKS.  Idle harts wait in wfi, with no tick
 * (timer_idle_enter), and are woken by an IPI.
 *
 * cgroup cpu.max: usage is charged to the task's cgroup and its ancestors;
 * a group past its quota in the period is throttled until the period ends:
 * its tasks are parked on the group's list instead of a run queue and put
 * back by the tick of any hart once the period is over.
 *
 * Locks (Linux's rq->lock): each run queue has its own lock, rq->lock.  It
 * guards the queue (its lists, nr_queued, min_vruntime, curr, ticks) and
 * the scheduler's fields of every task whose rq_cpu names it: state (for
 * the scheduler's transitions: a waker reads and sets it under it), on_rq,
 * sched_out, vruntime, exec_start, nice, policy, cpus_allowed.  A task's
 * rq_cpu changes only with both the old and the new queue's lock held, so
 * task_rq_lock (lock t->rq_cpu's, check it did not move) pins it; a
 * running task's rq_cpu is the hart it runs on.  Two queues are locked in
 * the order of their index (rq_lock2); a hart that steals or pulls from
 * another holds its own lock and only tries the other's (spin_trylock),
 * so it needs no order.  sched_cg_lock, innermost, guards every cgroup's
 * cpu_state (the settings, a quota's period accounting, the throttling),
 * the list of throttled groups, the parked tasks' run_link and parked_on,
 * and a task's sched_cg (which its rq lock guards too); usage and
 * nr_running are atomic, and the hot paths read weights and throttle_end
 * without it (a hint that park_if_throttled checks under it).
 * idle_mask is atomic (its bit set under the hart's own rq->lock).
 * The rq locks nest inside css_set_lock and sleep_lock.
 *
 * A task is on at most one hart (on_cpu) and in a queue at most once
 * (on_rq: 1 in a run queue, 2 parked by a throttled group; a parked task
 * leaves its group's list only with every queue's lock held, as it may go
 * to any hart); a hart that picks a task still switching out elsewhere
 * waits for its on_cpu to clear.
 */
#include "proc.h"
#include "vm.h"
#include "sbi.h"
#include "printk.h"
#include "timer.h"
#include "cgroup.h"
#include <linux/sched.h>

#define SLICE_NS	TICK_NSEC		/* a task runs at least this before a tick preempts it */
#define RR_SLICE_NS	(100 * (NSEC_PER_SEC / 1000))	/* SCHED_RR's, Linux's RR_TIMESLICE */
#define SLEEPER_BONUS	(3 * (NSEC_PER_SEC / 1000))	/* how far behind min_vruntime a sleeper may wake */
#define WAKEUP_GRAN	(1 * (NSEC_PER_SEC / 1000))	/* a woken task preempts one this far ahead */
#define BALANCE_TICKS	4
#define NICE_0_WEIGHT	1024
#define IDLE_WEIGHT	3			/* SCHED_IDLE's */
#define ON_RQ_QUEUED	1
#define ON_RQ_PARKED	2
#define NO_CPU		(-1)

/* Linux's sched_prio_to_weight: nice -20 .. 19, each step about 1.25x. */
static const uint32_t nice_weight[40] = {
	88761, 71755, 56483, 46273, 36291, 29154, 23254, 18705, 14949, 11916,
	9548, 7620, 6100, 4904, 3906, 3121, 2501, 1991, 1586, 1277,
	1024, 820, 655, 526, 423, 335, 272, 215, 172, 137,
	110, 87, 70, 56, 45, 36, 29, 23, 18, 15,
};

struct rq {
	struct spinlock lock;		/* see the top of the file */
	struct list_head fair;		/* by vruntime, smallest first */
	struct list_head rt;		/* by rt_priority, highest first */
	int nr_queued;			/* in both lists */
	uint64_t min_vruntime;		/* never goes back */
	struct task *curr;		/* running on this hart (its idle task too) */
	unsigned int ticks;
};

struct cpu cpus[MAX_CPUS];
int ncpus;
static struct spinlock sched_cg_lock = SPINLOCK_INIT("sched_cg");
static struct rq rqs[MAX_CPUS];
static unsigned long idle_mask;		/* cpus waiting in wfi (atomic) */
static LIST_HEAD(throttled_groups);	/* cgroups with parked tasks */

/* Lock queues a and b (b may be a, or NO_CPU), the lower index first. */
static void rq_lock2(int a, int b)
{
	if (b == NO_CPU || b == a) {
		spin_lock(&rqs[a].lock);
	} else if (a < b) {
		spin_lock(&rqs[a].lock);
		spin_lock(&rqs[b].lock);
	} else {
		spin_lock(&rqs[b].lock);
		spin_lock(&rqs[a].lock);
	}
}

static void rq_unlock2(int a, int b)
{
	if (b != NO_CPU && b != a)
		spin_unlock(&rqs[b].lock);
	spin_unlock(&rqs[a].lock);
}

/* Lock t's queue (and cpu's, unless NO_CPU); returns t->rq_cpu, which
 * stays until rq_unlock2(it, cpu). */
static int task_rq_lock2(struct task *t, int cpu)
{
	for (;;) {
		int from = READ_ONCE(t->rq_cpu);
		rq_lock2(from, cpu);
		if (t->rq_cpu == from)
			return from;
		rq_unlock2(from, cpu);
	}
}

static inline bool vr_before(uint64_t a, uint64_t b)
{
	return (int64_t)(a - b) < 0;
}

static inline bool is_rt(const struct task *t)
{
	return t->policy == SCHED_FIFO || t->policy == SCHED_RR;
}

static inline bool cpu_ok(const struct task *t, int cpu)
{
	return t->cpus_allowed >> cpu & 1;
}

static unsigned long online_mask(void)
{
	return (1ul << ncpus) - 1;
}

static bool cpu_controlled(struct cgroup *g)
{
	return g->parent && (g->parent->subtree_control & (1u << CGROUP_SUBSYS_CPU));
}

/*
 * A fair task's weight.  Group scheduling is flattened: each cgroup level
 * with the cpu controller scales it by cpu.weight / 100, and the task's own
 * group divides it among its runnable tasks, so a group's tasks together
 * weigh what one task of the group's weight would against its siblings.
 */
static uint64_t task_weight(struct task *t)
{
	/* (weight and nr_running read without sched_cg_lock: a change
	 * takes effect from the next charge) */
	uint64_t w = t->policy == SCHED_IDLE ? IDLE_WEIGHT : nice_weight[t->nice + 20];
	for (struct cgroup *g = t->sched_cg; g; g = g->parent) {
		if (!cpu_controlled(g))
			continue;
		w = w * READ_ONCE(g->cpu.weight) / 100;
		int n = READ_ONCE(g->cpu.nr_running);
		if (g == t->sched_cg && n > 1)
			w /= n;
	}
	return w ? w : 1;
}

/* t (its rq lock held) counts in its group's runnable tasks, or not:
 * nr_running is atomic, as tasks of one group are on many queues. */
static void activate(struct task *t)
{
	if (t->sched_active)
		return;
	t->sched_active = true;
	if (t->sched_cg)
		__atomic_add_fetch(&t->sched_cg->cpu.nr_running, 1, __ATOMIC_RELAXED);
}

static void deactivate(struct task *t)
{
	if (!t->sched_active)
		return;
	t->sched_active = false;
	if (t->sched_cg)
		__atomic_sub_fetch(&t->sched_cg->cpu.nr_running, 1, __ATOMIC_RELAXED);
}

/* The first group of t's chain throttled at now (0: read the clock only
 * if some group was ever throttled), or NULL.  Without sched_cg_lock it
 * is a hint, which the caller checks again under the lock before it
 * parks t. */
static struct cgroup *throttled_group(struct task *t, uint64_t now)
{
	if (is_rt(t))
		return NULL;
	for (struct cgroup *g = t->sched_cg; g; g = g->parent) {
		uint64_t end = READ_ONCE(g->cpu.throttle_end);
		if (!end)
			continue;
		if (!now)
			now = timer_now_ns();
		if (end > now)
			return g;
	}
	return NULL;
}

/* Charge delta ns of t's running to its groups; throttle those past
 * quota.  Usage is atomic; a group with a quota is charged under
 * sched_cg_lock. */
static void charge_groups(struct task *t, uint64_t delta, uint64_t now)
{
	for (struct cgroup *g = t->sched_cg; g; g = g->parent) {
		struct cpu_state *s = &g->cpu;
		__atomic_add_fetch(&s->usage, delta, __ATOMIC_RELAXED);
		if (!READ_ONCE(s->quota))
			continue;
		spin_lock(&sched_cg_lock);
		if (!s->quota) {
			spin_unlock(&sched_cg_lock);
			continue;
		}
		if (now >= s->period_start + s->period) {
			/* Charges come at ticks and switches, so a period's
			 * use overshoots its quota by up to a tick: the
			 * overshoot is a debt the next period pays (as Linux's
			 * runtime_remaining), idle periods forgive it. */
			uint64_t elapsed = (now - s->period_start) / s->period;
			s->period_start += elapsed * s->period;
			s->period_used = elapsed == 1 && s->period_used > s->quota ?
					 s->period_used - s->quota : 0;
			s->nr_periods++;
		}
		s->period_used += delta;
		if (s->period_used >= s->quota && s->throttle_end <= now) {
			s->throttle_end = s->period_start + s->period;
			s->nr_throttled++;
			s->throttled += s->throttle_end - now;
		}
		spin_unlock(&sched_cg_lock);
	}
}

/* Charge the time current (t, on rq, whose lock is held) ran since
 * exec_start. */
static void update_curr(struct rq *rq, struct task *t, uint64_t now)
{
	if (t == t->cpu->idle)
		return;
	int64_t delta = now - t->exec_start;
	if (delta <= 0)
		return;
	t->exec_start = now;
	t->sum_exec_runtime += delta;
	charge_groups(t, delta, now);
	if (is_rt(t))
		return;
	uint64_t w = task_weight(t);
	t->vruntime += w == NICE_0_WEIGHT ? (uint64_t)delta : (uint64_t)delta * NICE_0_WEIGHT / w;
	uint64_t m = t->vruntime;
	if (!list_empty(&rq->fair)) {
		struct task *first = list_first_entry(&rq->fair, struct task, run_link);
		if (vr_before(first->vruntime, m))
			m = first->vruntime;
	}
	if (vr_before(rq->min_vruntime, m))
		rq->min_vruntime = m;
}

/* Insert in order: from whichever end is nearer, so both a sleeper (near
 * the front) and a task back from its slice (the back) go in at once. */
static void insert_fair(struct rq *rq, struct task *t)
{
	struct list_head *h = &rq->fair;
	if (list_empty(h)) {
		list_add(&t->run_link, h);
		return;
	}
	struct task *first = list_first_entry(h, struct task, run_link);
	struct task *last = list_entry(h->prev, struct task, run_link);
	struct task *pos;
	if ((int64_t)(t->vruntime - first->vruntime) < (int64_t)(last->vruntime - t->vruntime)) {
		list_for_each_entry(pos, h, run_link)
			if (vr_before(t->vruntime, pos->vruntime))
				break;
		list_add_tail(&t->run_link, &pos->run_link);
	} else {
		for (pos = last; &pos->run_link != h;
		     pos = list_entry(pos->run_link.prev, struct task, run_link))
			if (!vr_before(t->vruntime, pos->vruntime))
				break;
		list_add(&t->run_link, &pos->run_link);
	}
}

static void insert_rt(struct rq *rq, struct task *t)
{
	struct task *pos;
	list_for_each_entry(pos, &rq->rt, run_link)
		if (pos->rt_priority < t->rt_priority)
			break;
	list_add_tail(&t->run_link, &pos->run_link);
}

/* sched_cg_lock held. */
static void park(struct task *t, struct cgroup *g)
{
	if (list_empty(&g->cpu.parked))
		list_add_tail(&g->cpu.throttle_link, &throttled_groups);
	list_add_tail(&t->run_link, &g->cpu.parked);
	t->on_rq = ON_RQ_PARKED;
	t->parked_on = g;
}

/* Park t (its rq lock held, on no queue) if a group of its chain is
 * throttled at now; true if it did. */
static bool park_if_throttled(struct task *t, uint64_t now)
{
	if (!throttled_group(t, now))
		return false;
	spin_lock(&sched_cg_lock);
	struct cgroup *g = throttled_group(t, now);
	if (g)
		park(t, g);
	spin_unlock(&sched_cg_lock);
	return g != NULL;
}

/* Take t out of its run queue (t's rq lock held, t queued). */
static void dequeue(struct task *t)
{
	rqs[t->rq_cpu].nr_queued--;
	list_del(&t->run_link);
	t->on_rq = 0;
}

/* Take t off its group's parked list (t's rq lock and sched_cg_lock
 * held). */
static void unpark(struct task *t)
{
	list_del(&t->run_link);
	if (list_empty(&t->parked_on->cpu.parked))
		list_del(&t->parked_on->cpu.throttle_link);
	t->parked_on = NULL;
	t->on_rq = 0;
}

/* Every queue's lock, in index order: for the rare moves of parked tasks,
 * which may go to any hart. */
static void rq_lock_all(void)
{
	for (int i = 0; i < ncpus; i++)
		spin_lock(&rqs[i].lock);
}

static void rq_unlock_all(void)
{
	for (int i = ncpus - 1; i >= 0; i--)
		spin_unlock(&rqs[i].lock);
}

/* These two read another hart's queue without its lock: a hint for
 * placement, stale as soon as read. */
static bool rq_idle(int cpu)
{
	struct rq *rq = &rqs[cpu];
	return READ_ONCE(rq->curr) == cpus[cpu].idle && !READ_ONCE(rq->nr_queued);
}

static int nr_running(int cpu)
{
	struct rq *rq = &rqs[cpu];
	return READ_ONCE(rq->nr_queued) + (READ_ONCE(rq->curr) != cpus[cpu].idle);
}

/* Where a task that becomes runnable goes. */
static int select_cpu(struct task *t)
{
	int last = t->rq_cpu, self = this_cpu()->id;
	if (ncpus == 1)
		return 0;
	if (cpu_ok(t, last) && rq_idle(last))
		return last;
	if (cpu_ok(t, self) && rq_idle(self))
		return self;
	for (int i = 0; i < ncpus; i++)
		if (cpu_ok(t, i) && rq_idle(i))
			return i;
	int best = cpu_ok(t, last) ? last : -1;
	if (cpu_ok(t, self) && (best < 0 || nr_running(self) < nr_running(best)))
		best = self;
	if (best < 0)
		for (int i = 0; i < ncpus; i++)
			if (cpu_ok(t, i) && (best < 0 || nr_running(i) < nr_running(best)))
				best = i;
	return best < 0 ? self : best;
}

static void kick(int cpu)
{
	if (&cpus[cpu] != this_cpu()) {
		__atomic_store_n(&cpus[cpu].resched_ipi, 1, __ATOMIC_RELEASE);
		sbi_send_ipi(1, cpus[cpu].hartid);
	}
}

/* Would t, just queued, run before the running task curr? */
static bool should_preempt(struct task *curr, struct task *t)
{
	if (is_rt(t))
		return !is_rt(curr) || t->rt_priority > curr->rt_priority;
	if (is_rt(curr))
		return false;
	if (curr->policy == SCHED_IDLE && t->policy != SCHED_IDLE)
		return true;
	return vr_before(t->vruntime + WAKEUP_GRAN, curr->vruntime);
}

#define ENQ_NEW		1	/* starts at the queue's min_vruntime */
#define ENQ_WAKE	2	/* a sleeper: at most SLEEPER_BONUS behind it */
#define ENQ_NOKICK	4	/* the running task going back: nobody to wake */

/* Put t (on no queue) in cpu's: the locks of t->rq_cpu's queue and of
 * cpu's are held. */
static void enqueue(struct task *t, int cpu, int flags, uint64_t now)
{
	struct rq *rq = &rqs[cpu];
	if (flags & ENQ_NEW)
		t->vruntime = rq->min_vruntime;
	else if (t->rq_cpu != cpu)
		t->vruntime = t->vruntime - rqs[t->rq_cpu].min_vruntime + rq->min_vruntime;
	t->rq_cpu = cpu;
	if ((flags & ENQ_WAKE) && vr_before(t->vruntime, rq->min_vruntime - SLEEPER_BONUS))
		t->vruntime = rq->min_vruntime - SLEEPER_BONUS;
	activate(t);
	if (park_if_throttled(t, now))
		return;
	if (is_rt(t))
		insert_rt(rq, t);
	else
		insert_fair(rq, t);
	t->on_rq = ON_RQ_QUEUED;
	rq->nr_queued++;
	if (flags & ENQ_NOKICK)
		return;
	if (rq->curr == cpus[cpu].idle) {
		/* The bit is set under this lock by the idle loop, which then
		 * waits in wfi: the IPI cannot come too early to wake it. */
		if (__atomic_fetch_and(&idle_mask, ~(1ul << cpu), __ATOMIC_ACQ_REL) & (1ul << cpu))
			kick(cpu);
	} else if (should_preempt(rq->curr, t)) {
		rq->curr->need_resched = true;
		kick(cpu);
	}
}

/* A task allowed on cpu waiting in queue i (its lock held), or NULL. */
static struct task *stealable_in(int i, int cpu)
{
	struct task *t;
	list_for_each_entry(t, &rqs[i].rt, run_link)
		if (cpu_ok(t, cpu))
			return t;
	list_for_each_entry(t, &rqs[i].fair, run_link)
		if (cpu_ok(t, cpu))
			return t;
	return NULL;
}

/* Move a task allowed on cpu from queue i if it has at least min_queued
 * waiting; only tried: see steal. */
static bool steal_from(int i, int cpu, int min_queued, uint64_t now, bool *busy)
{
	if (!spin_trylock(&rqs[i].lock)) {
		if (busy)
			*busy = true;
		return false;
	}
	struct task *t = rqs[i].nr_queued >= min_queued ? stealable_in(i, cpu) : NULL;
	if (t) {
		dequeue(t);
		enqueue(t, cpu, ENQ_NOKICK, now);
	}
	spin_unlock(&rqs[i].lock);
	return t != NULL;
}

/*
 * Move a task allowed on cpu (whose lock is held) from another queue with
 * at least min_queued waiting, the busiest first.  The other queue is only
 * tried (spin_trylock): the caller holds its own, and a busy lock means
 * that hart is at work on its queue anyway.  *busy (if not NULL) says a
 * queue could not be looked at.
 */
static bool steal(int cpu, int min_queued, uint64_t now, bool *busy)
{
	int best = NO_CPU, best_n = min_queued - 1;
	for (int i = 0; i < ncpus; i++) {
		int n = READ_ONCE(rqs[i].nr_queued);
		if (i != cpu && n > best_n) {
			best = i;
			best_n = n;
		}
	}
	if (best == NO_CPU)
		return false;
	if (steal_from(best, cpu, min_queued, now, busy))
		return true;
	for (int i = 0; i < ncpus; i++)
		if (i != cpu && i != best && READ_ONCE(rqs[i].nr_queued) >= min_queued &&
		    steal_from(i, cpu, min_queued, now, busy))
			return true;
	return false;
}

static struct task *pick_next(struct rq *rq, int cpu, uint64_t now)
{
	for (;;) {
		struct task *t;
		if (!list_empty(&rq->rt))
			t = list_first_entry(&rq->rt, struct task, run_link);
		else if (!list_empty(&rq->fair))
			t = list_first_entry(&rq->fair, struct task, run_link);
		else if (steal(cpu, 1, now, NULL))
			continue;
		else
			return NULL;
		dequeue(t);
		if (!park_if_throttled(t, now))
			return t;
	}
}

/* Groups whose period ended take their parked tasks back; no rq lock
 * held.  Once a period per throttled group: it takes every queue's lock,
 * so that a task may go to any hart. */
static void unthrottle(uint64_t now)
{
	struct cgroup *g, *n;
	rq_lock_all();
	spin_lock(&sched_cg_lock);
	LIST_HEAD(ready);
	list_for_each_entry_safe(g, n, &throttled_groups, cpu.throttle_link) {
		if (g->cpu.throttle_end > now)
			continue;
		struct task *t;
		list_for_each_entry(t, &g->cpu.parked, run_link) {
			t->parked_on = NULL;
			t->on_rq = 0;
		}
		list_splice_init(&g->cpu.parked, &ready);
		list_del(&g->cpu.throttle_link);
	}
	spin_unlock(&sched_cg_lock);
	/* (enqueue takes sched_cg_lock itself, and may park a task again
	 * under a group still throttled) */
	while (!list_empty(&ready)) {
		struct task *t = list_first_entry(&ready, struct task, run_link);
		list_del(&t->run_link);
		enqueue(t, select_cpu(t), 0, now);
	}
	rq_unlock_all();
}

static void wake_up_state(struct task *t, bool stopped)
{
	int other = NO_CPU;
	for (;;) {
		int from = task_rq_lock2(t, other);
		bool match = stopped ? t->state == TASK_STOPPED :
			     t->state == TASK_INTERRUPTIBLE || t->state == TASK_UNINTERRUPTIBLE;
		/* A task still running will see the new state when it calls
		 * schedule(); only one already on its way out is queued (the
		 * hart that picks it waits for the switch to finish). */
		if (!match || t->on_rq || (t->on_cpu && !t->sched_out)) {
			if (match)
				t->state = TASK_RUNNING;
			rq_unlock2(from, other);
			return;
		}
		int to = select_cpu(t);
		if (to == from || to == other) {
			t->state = TASK_RUNNING;
			enqueue(t, to, ENQ_WAKE, 0);
			rq_unlock2(from, other);
			return;
		}
		rq_unlock2(from, other);
		other = to;
	}
}

void wake_up_task(struct task *t)
{
	wake_up_state(t, false);
}

/* Stopped tasks are continued by the signal code with this. */
void wake_up_stopped(struct task *t)
{
	wake_up_state(t, true);
}

void sched_fork(struct task *t, struct task *p)
{
	int from = task_rq_lock2(p, NO_CPU);
	t->nice = p->nice;
	t->policy = p->policy;
	t->rt_priority = p->rt_priority;
	if (p->reset_on_fork) {
		if (is_rt(t)) {
			t->policy = SCHED_NORMAL;
			t->rt_priority = 0;
		}
		if (t->nice < 0)
			t->nice = 0;
	}
	t->cpus_allowed = p->cpus_allowed;
	t->rq_cpu = p->rq_cpu;
	rq_unlock2(from, NO_CPU);
}

void sched_add_new(struct task *t)
{
	int other = NO_CPU;
	spin_lock(&css_set_lock);
	for (;;) {
		int from = task_rq_lock2(t, other);
		spin_lock(&sched_cg_lock);
		t->sched_cg = t->cgroup;
		spin_unlock(&sched_cg_lock);
		if (!(t->cpus_allowed & online_mask()))
			t->cpus_allowed = online_mask();
		int to = select_cpu(t);
		if (to == from || to == other) {
			t->state = TASK_RUNNING;
			t->rq_cpu = to;		/* new: no vruntime to carry over */
			enqueue(t, to, ENQ_NEW, timer_now_ns());
			rq_unlock2(from, other);
			break;
		}
		rq_unlock2(from, other);
		other = to;
	}
	spin_unlock(&css_set_lock);
}

/*
 * prev, running on this hart (cpu, whose lock is held), may no longer run
 * here: queue it on a hart it may use.  Nobody else queues a task that is
 * running and not on its way out, so the lock may be let go to take the
 * other's in order.
 */
static void enqueue_elsewhere(struct task *prev, int cpu, uint64_t now)
{
	int to = select_cpu(prev);
	if (to == cpu) {	/* allowed nowhere online: stay */
		enqueue(prev, cpu, ENQ_NOKICK, now);
		return;
	}
	if (to < cpu) {
		spin_unlock(&rqs[cpu].lock);
		rq_lock2(to, cpu);
	} else {
		spin_lock(&rqs[to].lock);
	}
	enqueue(prev, to, 0, now);
	spin_unlock(&rqs[to].lock);
}

static void switch_fp(struct task *prev, struct task *next)
{
	if (prev->tf && prev->mm && (prev->tf->status & SSTATUS_FS) == SSTATUS_FS_DIRTY) {
		fp_save(&prev->fp);
		prev->tf->status = (prev->tf->status & ~SSTATUS_FS) | SSTATUS_FS_CLEAN;
	}
	if (next->tf && next->mm && (next->tf->status & SSTATUS_FS) != SSTATUS_FS_OFF)
		fp_restore(&next->fp);
}

/* The first thing a task does on a hart after __switch. */
void schedule_tail(struct task *prev)
{
	__atomic_store_n(&prev->on_cpu, 0, __ATOMIC_RELEASE);
}

/* A new task's first code after __switch: what schedule() would have
 * done after the switch had the task been switched out by it. */
void finish_new_task(struct task *prev)
{
	schedule_tail(prev);
	irq_pop_off();
}

void schedule(void)
{
	struct task *prev = current;
	struct cpu *c = prev->cpu;
	struct rq *rq = &rqs[c->id];

	irq_push_off();
	spin_lock(&rq->lock);
	uint64_t now = timer_now_ns();
	update_curr(rq, prev, now);
	prev->need_resched = false;
	if (prev->state == TASK_RUNNING && prev != c->idle && !prev->on_rq) {
		if (cpu_ok(prev, c->id))
			enqueue(prev, c->id, ENQ_NOKICK, now);
		else	/* its affinity no longer includes this hart */
			enqueue_elsewhere(prev, c->id, now);
	} else if (prev->state != TASK_RUNNING) {
		/* Woken while still running, then went to sleep (or died) again. */
		if (prev->on_rq == ON_RQ_QUEUED)
			dequeue(prev);
		deactivate(prev);
	}
	if (prev->state != TASK_RUNNING)
		prev->sched_out = true;	/* it leaves this hart below */
	struct task *next = pick_next(rq, c->id, now);
	if (next) {
		/* sched_out changes only under the rq lock, so a waker that sees
		 * on_cpu set and sched_out clear knows the task has yet to reach
		 * this lock and will find itself woken. */
		next->sched_out = false;
		next->exec_start = now;
		if (next != prev)
			next->slice_start = now;
	} else {
		next = c->idle;
	}
	rq->curr = next;
	spin_unlock(&rq->lock);
	if (next != prev) {
		int idle = 0;
		while (!__atomic_compare_exchange_n(&next->on_cpu, &idle, 1, false,
						    __ATOMIC_ACQUIRE, __ATOMIC_RELAXED)) {
			idle = 0;
			cpu_relax();
		}
		next->cpu = c;
		c->nr_switches++;
		switch_mm(next->mm);
		switch_fp(prev, next);
		prev = __switch(prev, next);
		schedule_tail(prev);
	}
	irq_pop_off();
}

void yield(void)
{
	/* sched_yield: a fair task goes behind the others of its queue. */
	struct task *t = current;
	struct rq *rq = &rqs[t->cpu->id];
	spin_lock(&rq->lock);
	if (!is_rt(t) && t != t->cpu->idle) {
		update_curr(rq, t, timer_now_ns());
		if (!list_empty(&rq->fair)) {
			struct task *last = list_entry(rq->fair.prev, struct task, run_link);
			if (vr_before(t->vruntime, last->vruntime))
				t->vruntime = last->vruntime;
		}
	}
	spin_unlock(&rq->lock);
	schedule();
}

void sched_tick(bool from_user)
{
	struct task *t = current;
	struct cpu *c = t->cpu;
	struct rq *rq = &rqs[c->id];
	uint64_t now = timer_now_ns();
	/* (a hint read: a group throttled just now waits for the next tick) */
	if (!list_empty(&throttled_groups))
		unthrottle(now);
	if (t == c->idle)
		return;
	spin_lock(&rq->lock);
	update_curr(rq, t, now);
	spin_lock(&sched_cg_lock);
	for (struct cgroup *g = t->sched_cg; g; g = g->parent) {
		if (from_user)
			g->cpu.user += TICK_NSEC;
		else
			g->cpu.system += TICK_NSEC;
	}
	bool throttled = throttled_group(t, now);
	spin_unlock(&sched_cg_lock);
	/* A task picked between two ticks may go at the second. */
	bool ran = now - t->slice_start >= SLICE_NS / 2;
	if (throttled) {
		t->need_resched = true;
	} else if (!list_empty(&rq->rt)) {
		struct task *r = list_first_entry(&rq->rt, struct task, run_link);
		if (!is_rt(t) || r->rt_priority > t->rt_priority ||
		    (t->policy == SCHED_RR && r->rt_priority == t->rt_priority &&
		     now - t->slice_start >= RR_SLICE_NS))
			t->need_resched = true;
	} else if (!is_rt(t) && ran && !list_empty(&rq->fair)) {
		struct task *f = list_first_entry(&rq->fair, struct task, run_link);
		if (vr_before(f->vruntime, t->vruntime) || t->policy == SCHED_IDLE)
			t->need_resched = true;
	}
	/* A busy hart pulls work from a busier one now and then. */
	if (++rq->ticks % BALANCE_TICKS == 0) {
		for (int i = 0; i < ncpus; i++)
			if (i != c->id && nr_running(i) > nr_running(c->id) + 1) {
				steal(c->id, 2, now, NULL);
				break;
			}
	}
	spin_unlock(&rq->lock);
}

void cpu_idle_loop(void)
{
	struct cpu *c = this_cpu();
	struct rq *rq = &rqs[c->id];
	for (;;) {
		local_irq_disable();
		spin_lock(&rq->lock);
		/* Work waiting elsewhere is taken here, into this queue; a
		 * queue busy at the moment is looked at again. */
		bool busy = false;
		bool empty = !rq->nr_queued && !steal(c->id, 1, timer_now_ns(), &busy) && !busy;
		/* A throttled group's tasks come back at a tick (unthrottle):
		 * while there are any, an idle hart keeps its tick.  (Read
		 * without sched_cg_lock: a group throttled after this is
		 * one whose tasks ran on a hart that has its tick.) */
		bool tickless = list_empty(&throttled_groups);
		if (empty)
			__atomic_fetch_or(&idle_mask, 1ul << c->id, __ATOMIC_ACQ_REL);
		spin_unlock(&rq->lock);
		if (busy)
			cpu_relax();	/* let the hart that holds it go on */
		if (empty) {
			switch_mm(NULL);
			if (tickless)
				timer_idle_enter();
			wfi();
			if (tickless)
				timer_idle_exit();
			__atomic_fetch_and(&idle_mask, ~(1ul << c->id), __ATOMIC_ACQ_REL);
		}
		local_irq_enable();
		reap_dead_tasks();
		schedule();
	}
}

/* ---- for the system calls (sched_sys.c) and the cpu controller ---- */

/* At boot, before the hart runs anything: no lock yet (tp may not be set). */
void sched_init_cpu(struct cpu *c, struct task *idle)
{
	struct rq *rq = &rqs[c->id];
	spin_init(&rq->lock, "rq");
	list_init(&rq->fair);
	list_init(&rq->rt);
	rq->curr = idle;
	idle->rq_cpu = c->id;
}

int sched_task_cpu(struct task *t)
{
	int from = task_rq_lock2(t, NO_CPU);
	int cpu = t->on_cpu && t->cpu ? t->cpu->id : t->rq_cpu;
	rq_unlock2(from, NO_CPU);
	return cpu;
}

/* Put a queued task back in order after its weight or class changed (its
 * queue's lock held; it stays in that queue). */
static void requeue(struct task *t, uint64_t now)
{
	if (t->on_rq != ON_RQ_QUEUED)
		return;
	int cpu = t->rq_cpu;
	dequeue(t);
	enqueue(t, cpu, 0, now);
}

/* t's class or weight changes: charge what it ran at the old one first. */
static void before_change(struct task *t, uint64_t now)
{
	if (t->on_cpu && !t->sched_out && t->cpu && rqs[t->cpu->id].curr == t)
		update_curr(&rqs[t->cpu->id], t, now);
}

static void after_change(struct task *t, uint64_t now)
{
	requeue(t, now);
	if (t->on_cpu && !t->sched_out) {
		t->need_resched = true;
		if (t->cpu)
			kick(t->cpu->id);
	}
}

void sched_set_nice(struct task *t, int nice)
{
	int from = task_rq_lock2(t, NO_CPU);
	uint64_t now = timer_now_ns();
	before_change(t, now);
	t->nice = nice;
	after_change(t, now);
	rq_unlock2(from, NO_CPU);
}

void sched_set_policy(struct task *t, int policy, int rt_priority, int nice, bool reset_on_fork)
{
	int from = task_rq_lock2(t, NO_CPU);
	uint64_t now = timer_now_ns();
	before_change(t, now);
	if (is_rt(t) && policy != SCHED_FIFO && policy != SCHED_RR &&
	    vr_before(t->vruntime, rqs[t->rq_cpu].min_vruntime))
		t->vruntime = rqs[t->rq_cpu].min_vruntime;
	t->policy = policy;
	t->rt_priority = rt_priority;
	t->nice = nice;
	t->reset_on_fork = reset_on_fork;
	after_change(t, now);
	rq_unlock2(from, NO_CPU);
}

void sched_set_affinity(struct task *t, unsigned long mask)
{
	int other = NO_CPU;
	for (;;) {
		int from = task_rq_lock2(t, other);
		t->cpus_allowed = mask & online_mask();
		if (t->on_rq == ON_RQ_QUEUED && !cpu_ok(t, from)) {
			int to = select_cpu(t);
			if (to != other) {
				rq_unlock2(from, other);
				other = to;
				continue;
			}
			uint64_t now = timer_now_ns();
			dequeue(t);
			enqueue(t, to, 0, now);
		} else if (t->on_cpu && !t->sched_out && t->cpu && !cpu_ok(t, t->cpu->id)) {
			/* schedule() moves it; the system call's return there
			 * sees to it for current. */
			t->need_resched = true;
			kick(t->cpu->id);
		}
		rq_unlock2(from, other);
		return;
	}
}

unsigned long sched_get_affinity(struct task *t)
{
	unsigned long m = READ_ONCE(t->cpus_allowed) & online_mask();
	return m ? m : online_mask();
}

uint64_t sched_task_runtime(struct task *t)
{
	int from = task_rq_lock2(t, NO_CPU);
	uint64_t ns = t->sum_exec_runtime;
	rq_unlock2(from, NO_CPU);
	return ns;
}

/* ---- the cpu controller's side (cpu.c) ---- */

/* t moves from one cgroup to another (css_set_lock held). */
void sched_move_task(struct task *t, struct cgroup *to)
{
	int from = task_rq_lock2(t, NO_CPU);
	uint64_t now = timer_now_ns();
	before_change(t, now);
	spin_lock(&sched_cg_lock);
	bool active = t->sched_active;
	deactivate(t);
	t->sched_cg = to;
	if (active)
		activate(t);
	spin_unlock(&sched_cg_lock);
	if (t->on_rq != ON_RQ_PARKED) {
		requeue(t, now);
		rq_unlock2(from, NO_CPU);
		return;
	}
	/* A parked task is queued again (its new group may not be
	 * throttled), wherever suits it: with every queue's lock. */
	rq_unlock2(from, NO_CPU);
	rq_lock_all();
	if (t->on_rq == ON_RQ_PARKED) {
		spin_lock(&sched_cg_lock);
		unpark(t);
		spin_unlock(&sched_cg_lock);
		enqueue(t, select_cpu(t), 0, now);
	}
	rq_unlock_all();
}

/* t is reaped (css_set_lock held): it no longer points at a group. */
void sched_release_task(struct task *t)
{
	int from = task_rq_lock2(t, NO_CPU);
	spin_lock(&sched_cg_lock);
	deactivate(t);
	t->sched_cg = NULL;
	spin_unlock(&sched_cg_lock);
	rq_unlock2(from, NO_CPU);
}

/* Change a group's settings: weight (0 keeps it), quota (0: none) and
 * period. */
void sched_group_set(struct cgroup *g, int weight, uint64_t quota, uint64_t period)
{
	spin_lock(&sched_cg_lock);
	if (weight)
		g->cpu.weight = weight;
	if (g->cpu.quota != quota || g->cpu.period != period) {
		g->cpu.quota = quota;
		g->cpu.period = period;
		g->cpu.period_used = 0;
		g->cpu.period_start = 0;	/* the next charge starts a period */
		g->cpu.throttle_end = 0;	/* the next tick unparks */
	}
	spin_unlock(&sched_cg_lock);
}

/* A consistent copy of a group's cpu state. */
void sched_group_read(struct cgroup *g, struct cpu_state *out)
{
	spin_lock(&sched_cg_lock);
	*out = g->cpu;
	spin_unlock(&sched_cg_lock);
}
