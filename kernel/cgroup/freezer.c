/*
 * cgroup.freeze and cgroup.kill.
 *
 * Freezing is not a signal: a task of a frozen subtree is asked to stop
 * (task->cg_freeze, which makes the way back to user mode call do_signal)
 * and stops in cgroup_freezer_trap, in the kernel, whatever it does with
 * SIGTSTP or SIGSTOP.  A task asleep in the kernel counts as frozen
 * already: it cannot reach user mode without passing the trap.  One woken
 * there (data came into the pipe or socket it reads) freezes where it
 * woke (try_to_freeze, which the interruptible sleeps of lock.h, net.h
 * and ipc/ call) before it takes anything, and takes it once thawed.
 * Thawing, moving the task out, and SIGKILL end the stop.
 *
 * The flags and each cgroup's effective state (e_freeze: it or an
 * ancestor is frozen) are under css_set_lock; the setting itself under
 * cgroup_mutex.  A task in the trap sleeps in TASK_STOPPED with
 * cg_frozen set, which is what the thawer looks for: a task stopped by
 * job control is never woken by a thaw.
 */
#include "cgroup.h"
#include "internal.h"
#include "proc.h"
#include "signal.h"

/* css_set_lock held. */
void cgroup_freezer_join(struct task *t, struct cgroup *cgrp)
{
	if (cgrp->e_freeze) {
		WRITE_ONCE(t->cg_freeze, true);
		/* The system-call return path tests need_resched, not
		 * cg_freeze: this sends it the slow way, past the trap.  One
		 * running in user mode enters the kernel at its next tick. */
		t->need_resched = true;
	} else if (t->cg_frozen) {
		wake_up_stopped(t);
	}
}

void cgroup_freeze_apply(struct cgroup *cgrp)
{
	spin_lock(&css_set_lock);
	for (struct cgroup *c = cgrp; c; c = cgroup_next_descendant(c, cgrp)) {
		c->e_freeze = c->freeze || (c->parent && c->parent->e_freeze);
		struct task *t;
		list_for_each_entry(t, &c->tasks, cg_node)
			cgroup_freezer_join(t, c);
	}
	spin_unlock(&css_set_lock);
}

/* Frozen, or asleep in the kernel (it passes the trap before user mode). */
static bool task_frozen(struct task *t)
{
	int state = READ_ONCE(t->state);
	return t->cg_frozen || state == TASK_INTERRUPTIBLE || state == TASK_UNINTERRUPTIBLE ||
	       state == TASK_STOPPED;
}

bool cgroup_is_frozen(struct cgroup *cgrp)
{
	bool frozen = true;
	spin_lock(&css_set_lock);
	if (!cgrp->e_freeze)
		frozen = false;
	for (struct cgroup *c = cgrp; c && frozen; c = cgroup_next_descendant(c, cgrp)) {
		struct task *t;
		list_for_each_entry(t, &c->tasks, cg_node)
			if (!task_frozen(t))
				frozen = false;
	}
	spin_unlock(&css_set_lock);
	return frozen;
}

void cgroup_freezer_trap(void)
{
	struct task *t = current;
	for (;;) {
		set_current_state(TASK_STOPPED);
		spin_lock(&css_set_lock);
		bool stay = t->cgroup && t->cgroup->e_freeze &&
			    !(READ_ONCE(t->pending) & sigmask(SIGKILL));
		t->cg_frozen = stay;
		if (!stay)
			WRITE_ONCE(t->cg_freeze, false);
		spin_unlock(&css_set_lock);
		if (!stay)
			break;
		schedule();
	}
	set_current_state(TASK_RUNNING);
}

void try_to_freeze(void)
{
	if (unlikely(READ_ONCE(current->cg_freeze)))
		cgroup_freezer_trap();
}

void cgroup_kill(struct cgroup *cgrp)
{
	spin_lock(&css_set_lock);
	for (struct cgroup *c = cgrp; c; c = cgroup_next_descendant(c, cgrp)) {
		struct task *t;
		list_for_each_entry(t, &c->tasks, cg_node)
			send_signal(t, SIGKILL);
	}
	spin_unlock(&css_set_lock);
}
