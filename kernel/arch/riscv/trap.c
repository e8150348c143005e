/*
 * Trap dispatch: system calls, page faults, interrupts, and the checks made
 * on every return to user mode (reschedule, signals).
 */
#include "memcontrol.h"
#include "proc.h"
#include "riscv.h"
#include "printk.h"
#include "ns.h"
#include "vm.h"
#include "irq.h"
#include "timer.h"
#include "signal.h"
#include "syscall.h"
#include "seccomp.h"
#include "trap_offsets.h"
#include "sections.h"
#include "kstack.h"
#include "panic.h"

void trap_init_hart(void)
{
	csr_write(stvec, (unsigned long)trap_entry);
	csr_write(sscratch, 0);
	csr_set(sie, SIE_SSIE);
	/* User programs may read cycle, time and instret (rdtime, benchmarks). */
	csr_write(scounteren, 7);
}

static bool fixup_exception(struct trapframe *tf)
{
	for (struct ex_entry *e = __ex_table_start; e < __ex_table_end; e++) {
		if (e->insn == tf->epc) {
			tf->epc = e->fixup;
			return true;
		}
	}
	return false;
}

static void kernel_fault(struct trapframe *tf)
{
	oops(tf, "kernel trap: cause %lu at %p, tval %p, ra %p", tf->cause,
	     (void *)tf->epc, (void *)tf->tval, (void *)tf->ra);
}

static void handle_interrupt(struct trapframe *tf, unsigned long irq, bool from_user)
{
	struct cpu *c = this_cpu();
	switch (irq) {
	case IRQ_S_TIMER:
		c->timer_irqs++;
		/* The PC a profiler sample is charged to: the caller of a lock
		 * function, as Linux's profile_pc on x86 does. */
		timer_interrupt(in_lock_functions(tf->epc) ? tf->ra : tf->epc, from_user);
		break;
	case IRQ_S_EXT:
		plic_handle();
		break;
	case IRQ_S_SOFT:
		if (READ_ONCE(panic_in_progress))
			panic_stop_this_hart();	/* another hart halted the machine */
		c->ipi_irqs++;
		csr_clear(sip, 1ul << IRQ_S_SOFT);
		tlb_flush_ipi();
		/* A hart's own cpu_relax (riscv.h) leaves it pending too. */
		if (__atomic_exchange_n(&c->resched_ipi, 0, __ATOMIC_ACQ_REL))
			current->need_resched = true;
		break;
	}
}

static void user_fault(struct trapframe *tf, int sig, int code)
{
	struct task *t = current;
	if (t == init_pid_ns.child_reaper) {
		/* init dies of this unless it handles it: say where, always. */
		console_quiet = false;
		printk("kernel: init: signal %d at pc %lx, address %lx, cause %lu\n", sig,
		       tf->epc, tf->tval, tf->cause);
	} else if (t->sighand && t->sighand->action[sig - 1].handler == (unsigned long)SIG_DFL) {
		/* As Linux's show_unhandled_signals: a fault that kills. */
		printk("%s[%d]: unhandled signal %d code %d at pc %lx address %lx cause %lu ra %lx sp %lx\n",
		       t->comm, task_tgid_vnr(t), sig, code, tf->epc, tf->tval, tf->cause, tf->ra,
		       tf->sp);
	}
	force_sig_fault(sig, code, tf->tval);
}

static void handle_exception(struct trapframe *tf, bool from_user)
{
	unsigned long cause = tf->cause;
	int err;

	switch (cause) {
	case EXC_INST_PAGE_FAULT:
	case EXC_LOAD_PAGE_FAULT:
	case EXC_STORE_PAGE_FAULT:
		/* The stack ran into the unmapped slot below it (kstack.h);
		 * trap.S took the task's stack top for this frame. */
		if (!from_user && kstack_guard(tf->tval))
			oops(tf, "kernel stack overflow: task %s, at %p, address %p", current->comm,
			     (void *)tf->epc, (void *)tf->tval);
		local_irq_enable();
		err = handle_page_fault(tf->tval, cause);
		if (err == 0)
			return;
		if (!from_user) {
			if (fixup_exception(tf))
				return;
			kernel_fault(tf);
		}
		if (err == -EIO)
			user_fault(tf, SIGBUS, BUS_ADRERR);
		else
			user_fault(tf, SIGSEGV, err == -EACCES ? SEGV_ACCERR : SEGV_MAPERR);
		return;
	}
	if (!from_user)
		kernel_fault(tf);
	local_irq_enable();
	switch (cause) {
	case EXC_ILLEGAL_INST:
		user_fault(tf, SIGILL, ILL_ILLOPC);
		break;
	case EXC_BREAKPOINT:
		user_fault(tf, SIGTRAP, TRAP_BRKPT);
		break;
	case EXC_INST_MISALIGNED:
	case EXC_LOAD_MISALIGNED:
	case EXC_STORE_MISALIGNED:
		user_fault(tf, SIGBUS, BUS_ADRALN);
		break;
	default:
		user_fault(tf, SIGSEGV, SEGV_ACCERR);
		break;
	}
}

/* trap.S tests these fields itself on the way out of a system call. */
_Static_assert(offsetof(struct task, need_resched) == TASK_EXIT_FLAGS &&
	       offsetof(struct task, regs_replaced) == TASK_EXIT_FLAGS + 1, "exit flags");
_Static_assert(offsetof(struct task, set_child_tid) == TASK_SET_CHILD_TID, "set_child_tid");
_Static_assert(offsetof(struct task, syscall_work) == TASK_SYSCALL_WORK, "syscall_work");

/* On entry to a system call when trap.S found task->syscall_work set,
 * interrupts on, the frame saved: 0 to make the call (trap.S reloads its
 * arguments from the frame), else skip it, the result in tf->a0. */
long syscall_entry_work(struct trapframe *tf)
{
	return seccomp_syscall(tf);
}
_Static_assert(offsetof(struct task, blocked) == TASK_BLOCKED, "blocked");
_Static_assert(offsetof(struct task, pending) == TASK_PENDING, "pending");
_Static_assert(offsetof(struct task, stack_canary) == TASK_STACK_CANARY, "stack_canary");

/* After a system call, interrupts off, when trap.S found exit work
 * (need_resched, regs_replaced or signal_work_pending): the whole frame is
 * reloaded after this. */
void syscall_exit_work(void)
{
	current->regs_replaced = false;
	prepare_user_return();
}

/* Called with interrupts off just before trap_return to user mode. */
void prepare_user_return(void)
{
	for (;;) {
		struct task *t = current;
		if (t->need_resched) {
			local_irq_enable();
			schedule();
			local_irq_disable();
			continue;
		}
		if (signal_work_pending(t)) {
			local_irq_enable();
			do_signal(t->tf);
			local_irq_disable();
			continue;
		}
		if (unlikely(t->memcg_high)) {	/* over memory.high */
			local_irq_enable();
			memcg_throttle();
			local_irq_disable();
			continue;
		}
		break;
	}
}

void trap_handler(struct trapframe *tf)
{
	bool from_user = !(tf->status & SSTATUS_SPP);

	/* System calls do not come here: trap.S dispatches them itself and
	 * then calls syscall_exit_work. */
	if (tf->cause & CAUSE_INTERRUPT)
		handle_interrupt(tf, tf->cause & ~CAUSE_INTERRUPT, from_user);
	else
		handle_exception(tf, from_user);
	local_irq_disable();
	if (from_user)
		prepare_user_return();
}
