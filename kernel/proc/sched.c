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
 * Locks: sched_lock guards every run queue, task state, on_rq, the
 * scheduler's fields of struct task and of struct cgroup (cpu_state).
 * It nests inside css_set_lock and sleep_lock.  (One lock for all the
 * queues: the split per hart is still to come.)  A task is on at most one
 * hart (on_cpu) and in a queue at most once (on_rq: 1 in a run queue, 2
 * parked by a throttled group); a hart that picks a task still switching
 * out elsewhere waits for its on_cpu to clear.
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

/* Linux's sched_prio_to_weight: nice -20 .. 19, each step about 1.25x. */
static const uint32_t nice_weight[40] = {
	88761, 71755, 56483, 46273, 36291, 29154, 23254, 18705, 14949, 11916,
	9548, 7620, 6100, 4904, 3906, 3121, 2501, 1991, 1586, 1277,
	1024, 820, 655, 526, 423, 335, 272, 215, 172, 137,
	110, 87, 70, 56, 45, 36, 29, 23, 18, 15,
};

struct rq {
	struct list_head fair;		/* by vruntime, smallest first */
	struct list_head rt;		/* by rt_priority, highest first */
	int nr_queued;			/* in both lists */
	uint64_t min_vruntime;		/* never goes back */
	struct task *curr;		/* running on this hart (its idle task too) */
	unsigned int ticks;
};

struct cpu cpus[MAX_CPUS];
int ncpus;
static struct spinlock sched_lock = SPINLOCK_INIT("sched");
static struct rq rqs[MAX_CPUS];
static unsigned long idle_mask;		/* cpus waiting in wfi */
static LIST_HEAD(throttled_groups);	/* cgroups with parked tasks */

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
	uint64_t w = t->policy == SCHED_IDLE ? IDLE_WEIGHT : nice_weight[t->nice + 20];
	for (struct cgroup *g = t->sched_cg; g; g = g->parent) {
		if (!cpu_controlled(g))
			continue;
		w = w * g->cpu.weight / 100;
		if (g == t->sched_cg && g->cpu.nr_running > 1)
			w /= g->cpu.nr_running;
	}
	return w ? w : 1;
}

static void activate(struct task *t)
{
	if (t->sched_active)
		return;
	t->sched_active = true;
	if (t->sched_cg)
		t->sched_cg->cpu.nr_running++;
}

static void deactivate(struct task *t)
{
	if (!t->sched_active)
		return;
	t->sched_active = false;
	if (t->sched_cg)
		t->sched_cg->cpu.nr_running--;
}

/* The first group of t's chain throttled at now (0: read the clock only
 * if some group was ever throttled), or NULL. */
static struct cgroup *throttled_group(struct task *t, uint64_t now)
{
	if (is_rt(t))
		return NULL;
	for (struct cgroup *g = t->sched_cg; g; g = g->parent) {
		if (!g->cpu.throttle_end)
			continue;
		if (!now)
			now = timer_now_ns();
		if (g->cpu.throttle_end > now)
			return g;
	}
	return NULL;
}

/* Charge delta ns of t's running to its groups; throttle those past quota. */
static void charge_groups(struct task *t, uint64_t delta, uint64_t now)
{
	for (struct cgroup *g = t->sched_cg; g; g = g->parent) {
		struct cpu_state *s = &g->cpu;
		s->usage += delta;
		if (!s->quota)
			continue;
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
	}
}

/* Charge the time current (t, on rq) ran since exec_start. */
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

static void park(struct task *t, struct cgroup *g)
{
	if (list_empty(&g->cpu.parked))
		list_add_tail(&g->cpu.throttle_link, &throttled_groups);
	list_add_tail(&t->run_link, &g->cpu.parked);
	t->on_rq = ON_RQ_PARKED;
	t->parked_on = g;
}

/* Take t out of its run queue or its group's parked list. */
static void dequeue(struct task *t)
{
	if (t->on_rq == ON_RQ_QUEUED) {
		rqs[t->rq_cpu].nr_queued--;
		list_del(&t->run_link);
	} else if (t->on_rq == ON_RQ_PARKED) {
		list_del(&t->run_link);
		if (list_empty(&t->parked_on->cpu.parked))
			list_del(&t->parked_on->cpu.throttle_link);
		t->parked_on = NULL;
	}
	t->on_rq = 0;
}

static bool rq_idle(int cpu)
{
	struct rq *rq = &rqs[cpu];
	return rq->curr == cpus[cpu].idle && !rq->nr_queued;
}

static int nr_running(int cpu)
{
	struct rq *rq = &rqs[cpu];
	return rq->nr_queued + (rq->curr != cpus[cpu].idle);
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
	struct cgroup *g = throttled_group(t, now);
	if (g) {
		park(t, g);
		return;
	}
	if (is_rt(t))
		insert_rt(rq, t);
	else
		insert_fair(rq, t);
	t->on_rq = ON_RQ_QUEUED;
	rq->nr_queued++;
	if (flags & ENQ_NOKICK)
		return;
	if (rq->curr == cpus[cpu].idle) {
		if (idle_mask & (1ul << cpu)) {
			idle_mask &= ~(1ul << cpu);
			kick(cpu);
		}
	} else if (should_preempt(rq->curr, t)) {
		rq->curr->need_resched = true;
		kick(cpu);
	}
}

/* A task allowed on cpu waiting in the busiest other queue, or NULL. */
static struct task *find_stealable(int cpu, int min_queued)
{
	struct task *best = NULL;
	int best_n = min_queued - 1;
	for (int i = 0; i < ncpus; i++) {
		struct rq *rq = &rqs[i];
		if (i == cpu || rq->nr_queued <= best_n)
			continue;
		struct task *t;
		list_for_each_entry(t, &rq->rt, run_link)
			if (cpu_ok(t, cpu))
				goto found;
		list_for_each_entry(t, &rq->fair, run_link)
			if (cpu_ok(t, cpu))
				goto found;
		continue;
found:
		best = t;
		best_n = rq->nr_queued;
	}
	return best;
}

static bool steal(int cpu, int min_queued, uint64_t now)
{
	struct task *t = find_stealable(cpu, min_queued);
	if (!t)
		return false;
	dequeue(t);
	enqueue(t, cpu, ENQ_NOKICK, now);
	return true;
}

static struct task *pick_next(struct rq *rq, int cpu, uint64_t now)
{
	for (;;) {
		struct task *t;
		if (!list_empty(&rq->rt))
			t = list_first_entry(&rq->rt, struct task, run_link);
		else if (!list_empty(&rq->fair))
			t = list_first_entry(&rq->fair, struct task, run_link);
		else if (steal(cpu, 1, now))
			continue;
		else
			return NULL;
		dequeue(t);
		struct cgroup *g = throttled_group(t, now);
		if (g) {
			park(t, g);
			continue;
		}
		return t;
	}
}

/* Groups whose period ended take their parked tasks back. */
static void unthrottle(uint64_t now)
{
	struct cgroup *g, *n;
	list_for_each_entry_safe(g, n, &throttled_groups, cpu.throttle_link) {
		if (g->cpu.throttle_end > now)
			continue;
		list_del(&g->cpu.throttle_link);
		while (!list_empty(&g->cpu.parked)) {
			struct task *t = list_first_entry(&g->cpu.parked, struct task, run_link);
			list_del(&t->run_link);
			t->on_rq = 0;
			t->parked_on = NULL;
			enqueue(t, select_cpu(t), 0, now);
		}
	}
}

static void wake_up_state(struct task *t, bool stopped)
{
	spin_lock(&sched_lock);
	bool match = stopped ? t->state == TASK_STOPPED :
		     t->state == TASK_INTERRUPTIBLE || t->state == TASK_UNINTERRUPTIBLE;
	if (match) {
		t->state = TASK_RUNNING;
		/* A task still running will see the new state when it calls
		 * schedule(); only one already on its way out is queued (the
		 * hart that picks it waits for the switch to finish). */
		if (!t->on_rq && (!t->on_cpu || t->sched_out))
			enqueue(t, select_cpu(t), ENQ_WAKE, 0);
	}
	spin_unlock(&sched_lock);
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
	spin_lock(&sched_lock);
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
	spin_unlock(&sched_lock);
}

void sched_add_new(struct task *t)
{
	spin_lock(&css_set_lock);
	spin_lock(&sched_lock);
	t->sched_cg = t->cgroup;
	if (!(t->cpus_allowed & online_mask()))
		t->cpus_allowed = online_mask();
	t->state = TASK_RUNNING;
	int cpu = select_cpu(t);
	t->rq_cpu = cpu;
	enqueue(t, cpu, ENQ_NEW, timer_now_ns());
	spin_unlock(&sched_lock);
	spin_unlock(&css_set_lock);
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
	spin_lock(&sched_lock);
	uint64_t now = timer_now_ns();
	update_curr(rq, prev, now);
	prev->need_resched = false;
	if (prev->state == TASK_RUNNING && prev != c->idle && !prev->on_rq) {
		if (cpu_ok(prev, c->id))
			enqueue(prev, c->id, ENQ_NOKICK, now);
		else	/* its affinity no longer includes this hart */
			enqueue(prev, select_cpu(prev), 0, now);
	} else if (prev->state != TASK_RUNNING) {
		/* Woken while still running, then went to sleep (or died) again. */
		if (prev->on_rq)
			dequeue(prev);
		deactivate(prev);
	}
	if (prev->state != TASK_RUNNING)
		prev->sched_out = true;	/* it leaves this hart below */
	struct task *next = pick_next(rq, c->id, now);
	if (next) {
		/* sched_out changes only under sched_lock, so a waker that sees
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
	spin_unlock(&sched_lock);
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
	spin_lock(&sched_lock);
	struct rq *rq = &rqs[t->cpu->id];
	if (!is_rt(t) && t != t->cpu->idle) {
		update_curr(rq, t, timer_now_ns());
		if (!list_empty(&rq->fair)) {
			struct task *last = list_entry(rq->fair.prev, struct task, run_link);
			if (vr_before(t->vruntime, last->vruntime))
				t->vruntime = last->vruntime;
		}
	}
	spin_unlock(&sched_lock);
	schedule();
}

void sched_tick(bool from_user)
{
	struct task *t = current;
	struct cpu *c = t->cpu;
	struct rq *rq = &rqs[c->id];
	spin_lock(&sched_lock);
	uint64_t now = timer_now_ns();
	if (!list_empty(&throttled_groups))
		unthrottle(now);
	if (t == c->idle) {
		spin_unlock(&sched_lock);
		return;
	}
	for (struct cgroup *g = t->sched_cg; g; g = g->parent) {
		if (from_user)
			g->cpu.user += TICK_NSEC;
		else
			g->cpu.system += TICK_NSEC;
	}
	update_curr(rq, t, now);
	/* A task picked between two ticks may go at the second. */
	bool ran = now - t->slice_start >= SLICE_NS / 2;
	if (throttled_group(t, now)) {
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
				steal(c->id, 2, now);
				break;
			}
	}
	spin_unlock(&sched_lock);
}

void cpu_idle_loop(void)
{
	struct cpu *c = this_cpu();
	struct rq *rq = &rqs[c->id];
	for (;;) {
		local_irq_disable();
		spin_lock(&sched_lock);
		bool empty = !rq->nr_queued && !find_stealable(c->id, 1);
		/* A throttled group's tasks come back at a tick (unthrottle):
		 * while there are any, an idle hart keeps its tick. */
		bool tickless = list_empty(&throttled_groups);
		if (empty)
			idle_mask |= 1ul << c->id;
		spin_unlock(&sched_lock);
		if (empty) {
			switch_mm(NULL);
			if (tickless)
				timer_idle_enter();
			wfi();
			if (tickless)
				timer_idle_exit();
			spin_lock(&sched_lock);
			idle_mask &= ~(1ul << c->id);
			spin_unlock(&sched_lock);
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
	list_init(&rq->fair);
	list_init(&rq->rt);
	rq->curr = idle;
	idle->rq_cpu = c->id;
}

int sched_task_cpu(struct task *t)
{
	spin_lock(&sched_lock);
	int cpu = t->on_cpu && t->cpu ? t->cpu->id : t->rq_cpu;
	spin_unlock(&sched_lock);
	return cpu;
}

/* Put a queued task back in order after its weight or class changed. */
static void requeue(struct task *t, uint64_t now)
{
	if (t->on_rq != ON_RQ_QUEUED)
		return;
	int cpu = t->rq_cpu;
	dequeue(t);
	enqueue(t, cpu_ok(t, cpu) ? cpu : select_cpu(t), 0, now);
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
	spin_lock(&sched_lock);
	uint64_t now = timer_now_ns();
	before_change(t, now);
	t->nice = nice;
	after_change(t, now);
	spin_unlock(&sched_lock);
}

void sched_set_policy(struct task *t, int policy, int rt_priority, int nice, bool reset_on_fork)
{
	spin_lock(&sched_lock);
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
	spin_unlock(&sched_lock);
}

void sched_set_affinity(struct task *t, unsigned long mask)
{
	spin_lock(&sched_lock);
	t->cpus_allowed = mask & online_mask();
	uint64_t now = timer_now_ns();
	if (t->on_rq == ON_RQ_QUEUED && !cpu_ok(t, t->rq_cpu)) {
		dequeue(t);
		enqueue(t, select_cpu(t), 0, now);
	} else if (t->on_cpu && !t->sched_out && t->cpu && !cpu_ok(t, t->cpu->id)) {
		/* schedule() moves it; the system call's return there sees to
		 * it for current. */
		t->need_resched = true;
		kick(t->cpu->id);
	}
	spin_unlock(&sched_lock);
}

unsigned long sched_get_affinity(struct task *t)
{
	spin_lock(&sched_lock);
	unsigned long m = t->cpus_allowed & online_mask();
	spin_unlock(&sched_lock);
	return m ? m : online_mask();
}

uint64_t sched_task_runtime(struct task *t)
{
	spin_lock(&sched_lock);
	uint64_t ns = t->sum_exec_runtime;
	spin_unlock(&sched_lock);
	return ns;
}

/* ---- the cpu controller's side (cpu.c) ---- */

/* t moves from one cgroup to another (css_set_lock held). */
void sched_move_task(struct task *t, struct cgroup *to)
{
	spin_lock(&sched_lock);
	bool active = t->sched_active;
	uint64_t now = timer_now_ns();
	before_change(t, now);
	deactivate(t);
	bool parked = t->on_rq == ON_RQ_PARKED;
	if (parked)
		dequeue(t);
	t->sched_cg = to;
	if (active)
		activate(t);
	if (parked)
		enqueue(t, select_cpu(t), 0, now);
	else
		requeue(t, now);
	spin_unlock(&sched_lock);
}

/* t is reaped (css_set_lock held): it no longer points at a group. */
void sched_release_task(struct task *t)
{
	spin_lock(&sched_lock);
	deactivate(t);
	t->sched_cg = NULL;
	spin_unlock(&sched_lock);
}

/* Change a group's settings under sched_lock: weight (0 keeps it), quota
 * (0: none) and period. */
void sched_group_set(struct cgroup *g, int weight, uint64_t quota, uint64_t period)
{
	spin_lock(&sched_lock);
	if (weight)
		g->cpu.weight = weight;
	if (g->cpu.quota != quota || g->cpu.period != period) {
		g->cpu.quota = quota;
		g->cpu.period = period;
		g->cpu.period_used = 0;
		g->cpu.period_start = 0;	/* the next charge starts a period */
		g->cpu.throttle_end = 0;	/* the next tick unparks */
	}
	spin_unlock(&sched_lock);
}

/* A consistent copy of a group's cpu state. */
void sched_group_read(struct cgroup *g, struct cpu_state *out)
{
	spin_lock(&sched_lock);
	*out = g->cpu;
	spin_unlock(&sched_lock);
}
