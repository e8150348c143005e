/*
 * The scheduler.  One run queue shared by all harts, guarded by sched_lock,
 * round robin with a time slice of SLICE_NS; idle harts wait in wfi, with
 * no tick (timer_idle_enter), and are woken by an IPI when work arrives.  A task is on at most one hart
 * (on_cpu) and in the queue at most once (on_rq); a hart that picks a task
 * still switching out elsewhere waits for its on_cpu to clear.
 */
#include "proc.h"
#include "vm.h"
#include "sbi.h"
#include "printk.h"
#include "timer.h"

#define SLICE_NS	TICK_NSEC	/* a task runs a tick before it yields */

struct cpu cpus[MAX_CPUS];
int ncpus;
static struct spinlock sched_lock = SPINLOCK_INIT("sched");
static LIST_HEAD(run_queue);
static unsigned long idle_mask;		/* cpus waiting in wfi; sched_lock */

static void enqueue(struct task *t)
{
	list_add_tail(&t->run_link, &run_queue);
	t->on_rq = 1;
	if (idle_mask) {
		int id = __builtin_ctzl(idle_mask);
		idle_mask &= ~(1ul << id);
		if (&cpus[id] != this_cpu())
			sbi_send_ipi(1, cpus[id].hartid);
	}
}

void sched_add_new(struct task *t)
{
	spin_lock(&sched_lock);
	t->state = TASK_RUNNING;
	enqueue(t);
	spin_unlock(&sched_lock);
}

void wake_up_task(struct task *t)
{
	spin_lock(&sched_lock);
	if (t->state == TASK_INTERRUPTIBLE || t->state == TASK_UNINTERRUPTIBLE) {
		t->state = TASK_RUNNING;
		/* A task still running will see the new state when it calls
		 * schedule(); only one already on its way out is queued (the
		 * hart that picks it waits for the switch to finish). */
		if (!t->on_rq && (!t->on_cpu || t->sched_out))
			enqueue(t);
	}
	spin_unlock(&sched_lock);
}

/* Stopped tasks are continued by the signal code with this. */
void wake_up_stopped(struct task *t)
{
	spin_lock(&sched_lock);
	if (t->state == TASK_STOPPED) {
		t->state = TASK_RUNNING;
		if (!t->on_rq && (!t->on_cpu || t->sched_out))
			enqueue(t);
	}
	spin_unlock(&sched_lock);
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

	irq_push_off();
	spin_lock(&sched_lock);
	prev->need_resched = false;
	if (prev->state == TASK_RUNNING && prev != c->idle && !prev->on_rq) {
		enqueue(prev);
	} else if (prev->state != TASK_RUNNING && prev->on_rq) {
		/* Woken while still running, then went to sleep (or died) again. */
		list_del(&prev->run_link);
		prev->on_rq = 0;
	}
	if (prev->state != TASK_RUNNING)
		prev->sched_out = true;	/* it leaves this hart below */
	struct task *next = c->idle;
	if (!list_empty(&run_queue)) {
		next = list_first_entry(&run_queue, struct task, run_link);
		list_del(&next->run_link);
		next->on_rq = 0;
		/* sched_out changes only under sched_lock, so a waker that sees
		 * on_cpu set and sched_out clear knows the task has yet to reach
		 * this lock and will find itself woken. */
		next->sched_out = false;
	}
	spin_unlock(&sched_lock);
	if (next != prev) {
		int idle = 0;
		while (!__atomic_compare_exchange_n(&next->on_cpu, &idle, 1, false,
						    __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
			idle = 0;
		next->cpu = c;
		c->nr_switches++;
		next->slice_start = timer_now_ns();
		switch_mm(next->mm);
		switch_fp(prev, next);
		prev = __switch(prev, next);
		schedule_tail(prev);
	}
	irq_pop_off();
}

void yield(void)
{
	schedule();
}

void sched_tick(void)
{
	struct task *t = current;
	if (t == t->cpu->idle)
		return;
	if (timer_now_ns() - t->slice_start >= SLICE_NS)
		t->need_resched = true;
}

void cpu_idle_loop(void)
{
	struct cpu *c = this_cpu();
	for (;;) {
		local_irq_disable();
		spin_lock(&sched_lock);
		bool empty = list_empty(&run_queue);
		if (empty)
			idle_mask |= 1ul << c->id;
		spin_unlock(&sched_lock);
		if (empty) {
			switch_mm(NULL);
			timer_idle_enter();
			wfi();
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
