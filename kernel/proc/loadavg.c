/*
 * Load averages, as Linux keeps them: every LOAD_FREQ the number of tasks
 * running, waiting to run or in uninterruptible sleep is folded into three
 * exponentially decaying averages (1, 5 and 15 minutes), in fixed point
 * with FSHIFT fraction bits.  The sample runs from a kernel timer and
 * counts under tasklist_lock; avenrun is written only there and read
 * without a lock (a reader may see one average a sample older than the
 * others, as on Linux).
 */
#include "proc.h"
#include "timer.h"

#define LOAD_FREQ	(5 * NSEC_PER_SEC)
/* exp(-5 s / 1 min), exp(-5 s / 5 min), exp(-5 s / 15 min) in fixed point */
#define EXP_1		1884
#define EXP_5		2014
#define EXP_15		2037

static unsigned long avenrun[3];
static struct ktimer load_timer;

static unsigned long calc_load(unsigned long load, unsigned long exp, unsigned long active)
{
	unsigned long next = load * exp + active * (LOAD_FIXED_1 - exp);
	if (active >= load)
		next += LOAD_FIXED_1 - 1;	/* round up while rising, so it reaches it */
	return next / LOAD_FIXED_1;
}

static unsigned long count_active(void)
{
	unsigned long active = 0;
	struct task *t;
	spin_lock(&tasklist_lock);
	list_for_each_entry(t, &all_tasks, all_link)
		active += t->state == TASK_RUNNING || t->state == TASK_UNINTERRUPTIBLE;
	spin_unlock(&tasklist_lock);
	return active;
}

static uint64_t load_sample(struct ktimer *timer)
{
	unsigned long active = count_active() * LOAD_FIXED_1;
	WRITE_ONCE(avenrun[0], calc_load(avenrun[0], EXP_1, active));
	WRITE_ONCE(avenrun[1], calc_load(avenrun[1], EXP_5, active));
	WRITE_ONCE(avenrun[2], calc_load(avenrun[2], EXP_15, active));
	return timer->deadline + LOAD_FREQ;
}

void loadavg_init(void)
{
	load_timer.fn = load_sample;
	ktimer_arm(&load_timer, timer_now_ns() + LOAD_FREQ);
}

void loadavg_read(unsigned long loads[3])
{
	for (int i = 0; i < 3; i++)
		loads[i] = READ_ONCE(avenrun[i]);
}
