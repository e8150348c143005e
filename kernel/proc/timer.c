/*
 * Timekeeping and sleeping.  Each hart programs its SBI timer for the
 * earlier of its next scheduler tick and the earliest sleeper's deadline;
 * an idle hart has no tick (timer_idle_enter), so a machine with nothing
 * to run takes timer interrupts only when someone's deadline comes.
 * Sleepers sit in `sleepers`, sorted by deadline, guarded by sleep_lock.
 */
#include "profile.h"
#include "timer.h"
#include "proc.h"
#include "boot.h"
#include "sbi.h"
#include "riscv.h"
#include "uaccess.h"

#define GOLDFISH_TIME_LOW	0x00
#define GOLDFISH_TIME_HIGH	0x04

struct sleeper {
	uint64_t deadline;
	struct task *task;
	struct list_head link;
};

static struct spinlock sleep_lock = SPINLOCK_INIT("sleep");
static LIST_HEAD(sleepers);
static uint64_t boot_realtime_ns;
static LIST_HEAD(ktimers);	/* sorted by deadline; sleep_lock */

static uint64_t ticks_to_ns(uint64_t t)
{
	uint64_t f = boot_info.timebase_freq;
	return t / f * 1000000000ull + (t % f) * 1000000000ull / f;
}

static uint64_t ns_to_ticks(uint64_t ns)
{
	uint64_t f = boot_info.timebase_freq;
	return ns / 1000000000ull * f + (ns % 1000000000ull) * f / 1000000000ull;
}

uint64_t timer_now_ns(void)
{
	return ticks_to_ns(rdtime());
}

uint64_t realtime_ns(void)
{
	return boot_realtime_ns + timer_now_ns();
}

int timespec_from_user(struct timespec64 *ts, const struct timespec64 __user *uts)
{
	if (copy_from_user(ts, uts, sizeof(*ts)))
		return -EFAULT;
	if (ts->tv_sec < 0 || ts->tv_nsec < 0 || ts->tv_nsec >= (long)NSEC_PER_SEC)
		return -EINVAL;
	return 0;
}

void timer_init(void)
{
	if (boot_info.rtc.base) {
		volatile uint32_t *rtc = phys_to_virt(boot_info.rtc.base);
		uint64_t lo = rtc[GOLDFISH_TIME_LOW / 4];	/* reading low latches high */
		uint64_t hi = rtc[GOLDFISH_TIME_HIGH / 4];
		uint64_t now = hi << 32 | lo;
		boot_realtime_ns = now - timer_now_ns();
	}
}

/* Put t in the sorted list (sleep_lock held). */
static void insert_ktimer(struct ktimer *t, uint64_t deadline_ns)
{
	t->deadline = deadline_ns;
	struct ktimer *pos;
	list_for_each_entry(pos, &ktimers, link)
		if (pos->deadline > deadline_ns)
			break;
	list_add_tail(&t->link, &pos->link);
	t->armed = true;
}

static void program_timer(void)
{
	struct cpu *c = this_cpu();
	uint64_t next = c->tick_stopped ? ~0ull : c->next_tick;
	if (profile_enabled() && c->next_sample < next)
		next = c->next_sample;
	spin_lock(&sleep_lock);
	if (!list_empty(&sleepers)) {
		struct sleeper *s = list_first_entry(&sleepers, struct sleeper, link);
		uint64_t d = ns_to_ticks(s->deadline);
		if (d < next)
			next = d;
	}
	if (!list_empty(&ktimers)) {
		struct ktimer *k = list_first_entry(&ktimers, struct ktimer, link);
		uint64_t d = ns_to_ticks(k->deadline);
		if (d < next)
			next = d;
	}
	spin_unlock(&sleep_lock);
	/* The SBI call traps to the firmware (under qemu in real time it
	 * cost half of a veth stream's time, once per packet): skip it when
	 * the hart's timer already holds next.  Interrupts off, so that the
	 * timer interrupt's own programming cannot come in between. */
	irq_push_off();
	if (c->timer_programmed != next) {
		c->timer_programmed = next;
		sbi_set_timer(next);
	}
	irq_pop_off();
}

void timer_init_hart(void)
{
	struct cpu *c = this_cpu();
	c->next_tick = rdtime() + ns_to_ticks(TICK_NSEC);
	/* Never a value program_timer asks for here (the profiler's first
	 * sample is at 0): the first call programs the timer. */
	c->timer_programmed = ~0ull;
	program_timer();
	csr_set(sie, SIE_STIE);
}

void timer_idle_enter(void)
{
	this_cpu()->tick_stopped = true;
	program_timer();
}

void timer_idle_exit(void)
{
	struct cpu *c = this_cpu();
	uint64_t now = rdtime(), tick = ns_to_ticks(TICK_NSEC);
	c->tick_stopped = false;
	/* The ticks that would have come while it slept were all idle; the
	 * tick keeps its phase. */
	if (now >= c->next_tick) {
		uint64_t missed = (now - c->next_tick) / tick + 1;
		c->idle_ticks += missed;
		c->next_tick += missed * tick;
	}
	program_timer();
}

void timer_interrupt(unsigned long pc, bool from_user)
{
	struct cpu *c = this_cpu();
	uint64_t now = rdtime();
	if (profile_enabled() && now >= c->next_sample) {
		c->next_sample = now + ns_to_ticks(PROFILE_SAMPLE_NSEC);
		profile_tick(pc, from_user);
	}
	if (now >= c->next_tick) {
		c->next_tick = now + ns_to_ticks(TICK_NSEC);
		struct task *t = current;
		if (t != c->idle) {
			if (from_user) {
				t->utime++;
				c->user_ticks++;
			} else {
				t->stime++;
				c->system_ticks++;
			}
		} else {
			c->idle_ticks++;
		}
		sched_tick(from_user);
	}
	uint64_t now_ns = ticks_to_ns(now);
	spin_lock(&sleep_lock);
	while (!list_empty(&sleepers)) {
		struct sleeper *s = list_first_entry(&sleepers, struct sleeper, link);
		if (s->deadline > now_ns)
			break;
		list_del(&s->link);
		wake_up_task(s->task);
	}
	while (!list_empty(&ktimers)) {
		struct ktimer *k = list_first_entry(&ktimers, struct ktimer, link);
		if (k->deadline > now_ns)
			break;
		list_del(&k->link);
		k->armed = false;
		k->running = true;
		unsigned int seq = k->seq;
		spin_unlock(&sleep_lock);
		uint64_t next = k->fn(k);
		spin_lock(&sleep_lock);
		WRITE_ONCE(k->running, false);
		if (next && k->seq == seq)
			insert_ktimer(k, next);
	}
	spin_unlock(&sleep_lock);
	program_timer();
}

void ktimer_arm(struct ktimer *t, uint64_t deadline_ns)
{
	spin_lock(&sleep_lock);
	t->seq++;
	if (t->armed)
		list_del(&t->link);
	insert_ktimer(t, deadline_ns);
	spin_unlock(&sleep_lock);
	program_timer();
}

void ktimer_cancel(struct ktimer *t)
{
	spin_lock(&sleep_lock);
	t->seq++;
	if (t->armed) {
		list_del(&t->link);
		t->armed = false;
	}
	/* Wait out a run of fn on another hart (it cannot be this one: fn
	 * runs in the timer interrupt, which this code is not inside). */
	while (t->running) {
		spin_unlock(&sleep_lock);
		while (READ_ONCE(t->running))
			cpu_relax();
		spin_lock(&sleep_lock);
	}
	spin_unlock(&sleep_lock);
}

/* Put s in the sorted list of sleepers (sleep_lock held). */
static void add_sleeper(struct sleeper *s)
{
	struct sleeper *pos;
	list_for_each_entry(pos, &sleepers, link)
		if (pos->deadline > s->deadline)
			break;
	list_add_tail(&s->link, &pos->link);
}

int sleep_until(uint64_t deadline_ns, bool interruptible)
{
	struct sleeper s = { deadline_ns, current, LIST_HEAD_INIT(s.link) };
	int ret = 0;

	while (timer_now_ns() < deadline_ns) {
		spin_lock(&sleep_lock);
		add_sleeper(&s);
		current->state = interruptible ? TASK_INTERRUPTIBLE : TASK_UNINTERRUPTIBLE;
		spin_unlock(&sleep_lock);
		__atomic_thread_fence(__ATOMIC_SEQ_CST);
		program_timer();
		if (interruptible && signal_pending_current())
			ret = -EINTR;
		else
			schedule();
		current->state = TASK_RUNNING;
		spin_lock(&sleep_lock);
		if (!list_empty(&s.link))
			list_del(&s.link);
		spin_unlock(&sleep_lock);
		if (ret || (interruptible && signal_pending_current())) {
			ret = -EINTR;
			break;
		}
	}
	return ret;
}

/* Sleep (in the state the caller set) until woken or the deadline passes. */
void schedule_until(uint64_t deadline_ns)
{
	struct sleeper s = { deadline_ns, current, LIST_HEAD_INIT(s.link) };
	spin_lock(&sleep_lock);
	add_sleeper(&s);
	spin_unlock(&sleep_lock);
	program_timer();
	schedule();
	spin_lock(&sleep_lock);
	if (!list_empty(&s.link))
		list_del(&s.link);
	spin_unlock(&sleep_lock);
}
