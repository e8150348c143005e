/*
 * Task lifetime and the first user process.  all_tasks and the parent/child
 * links are guarded by tasklist_lock.
 */
#include "proc.h"
#include "mm.h"
#include "kmalloc.h"
#include "printk.h"
#include "string.h"
#include "vm.h"
#include "signal.h"
#include "random.h"
#include "kstack.h"

LIST_HEAD(all_tasks);
struct spinlock tasklist_lock = SPINLOCK_INIT("tasklist");

struct task *task_alloc(void)
{
	struct task *t = kzalloc(sizeof(*t));
	if (!t)
		return NULL;
	void *stack = kstack_alloc();
	t->siginfo = kzalloc(64 * sizeof(struct kinfo));
	if (!stack || !t->siginfo) {
		if (stack)
			kstack_free(stack);
		kfree(t->siginfo);
		kfree(t);
		return NULL;
	}
	t->kstack = stack;
	t->kstack_top = (unsigned long)t->kstack + KSTACK_SIZE;
	t->tf = (struct trapframe *)(t->kstack_top - sizeof(struct trapframe));
	list_init(&t->children);
	list_init(&t->sibling);
	list_init(&t->threads);
	list_init(&t->thread_link);
	list_init(&t->run_link);
	list_init(&t->all_link);
	list_init(&t->dead_link);
	list_init(&t->cg_node);
	list_init(&t->rt_queue);
	spin_init(&t->rt_lock, "rtq");
	t->refcnt = 1;
	t->stack_canary = get_random_canary();
	return t;
}

/* The last reference to t is gone: what exit left (its credentials,
 * namespaces and signal handlers, which wait and procfs may still read
 * until then) goes with it. */
void task_free(struct task *t)
{
	release_task_parts(t);
	kstack_free(t->kstack);
	struct rt_sig *q, *n;
	list_for_each_entry_safe(q, n, &t->rt_queue, link)
		kfree(q);
	kfree(t->siginfo);
	kfree(t);
}

void task_put(struct task *t)
{
	if (__atomic_sub_fetch(&t->refcnt, 1, __ATOMIC_ACQ_REL) == 0)
		task_free(t);
}

/* A task that runs fn(arg) in the kernel, then exits. */
struct task *kthread_create(int (*fn)(void *), void *arg, const char *name)
{
	struct task *t = task_alloc();
	if (!t)
		return NULL;
	t->ctx.ra = (unsigned long)kthread_start;
	t->ctx.sp = (unsigned long)t->tf;	/* below the frame exec may fill */
	t->ctx.s[0] = (unsigned long)fn;
	t->ctx.s[1] = (unsigned long)arg;
	t->ctx.tp = (unsigned long)t;
	t->cpu = current->cpu;
	strlcpy(t->comm, name, sizeof(t->comm));
	spin_lock(&tasklist_lock);
	list_add_tail(&t->all_link, &all_tasks);
	spin_unlock(&tasklist_lock);
	sched_add_new(t);
	return t;
}

void kthread_exit(int code)
{
	do_exit(code);
}
