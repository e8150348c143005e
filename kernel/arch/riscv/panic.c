/*
 * panic() and oops(): what the kernel says as it dies (panic.h).  The
 * message, the hart and the task, the registers of the trap for an oops,
 * and a backtrace named by kallsyms, written straight to the console
 * (console_write: no lock a dying hart might hold, and shown even under
 * "quiet"); then the machine powers off, or every hart halts with
 * "panic=0".
 *
 * The backtrace is a scan of the task's kernel stack, from the stack
 * pointer up, for words that are return addresses: in the kernel's text,
 * just after a call instruction.  The kernel keeps no frame pointers (they
 * cost every function), so, as Linux's stack dump without them, a line may
 * be a stale return address left by an earlier call ("?" marks them all).
 *
 * panic_in_progress is set once, by the first hart to panic (an atomic
 * compare-and-swap); a second panic on that hart (while printing the
 * first) goes straight to the end, and one on another hart stops it.
 */
#include "panic.h"
#include "kallsyms.h"
#include "printk.h"
#include "proc.h"
#include "sbi.h"
#include "boot.h"
#include "riscv.h"
#include "string.h"
#include "sections.h"
#include "irq.h"
#include "ns.h"
#include "kmalloc.h"
#include "signal.h"

#define BACKTRACE_MAX	24
#define OP_JAL		0x6f
#define OP_JALR		0x67
#define REG_RA		1

int panic_in_progress;		/* 1 + the id of the first hart to panic */

static void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void say(const char *fmt, ...)
{
	char line[192];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	console_write(line, strlen(line));
}

/* addr with its symbol; a return address is named by the call before it
 * (addr - 1): a call that never returns may end its function. */
static void say_symbol(const char *what, unsigned long addr, bool ret)
{
	unsigned long off, size;
	const char *name = kallsyms_lookup(addr - ret, &off, &size);
	if (name)
		say("%s%016lx %s+0x%lx/0x%lx\n", what, addr, name, off + ret, size);
	else
		say("%s%016lx\n", what, addr);
}

/* Is the instruction before addr (in the kernel's text) a call, one that
 * links ra: jal, jalr or c.jalr?  Read by halves: text is 2-aligned. */
static bool after_call(unsigned long addr)
{
	if (addr & 1 || addr < (unsigned long)_kernel_start + 4 || addr > (unsigned long)_etext)
		return false;
	const uint16_t *h = (const uint16_t *)addr;
	uint32_t insn = (uint32_t)h[-2] | (uint32_t)h[-1] << 16;
	if (((insn & 0x7f) == OP_JAL || (insn & 0x7f) == OP_JALR) && ((insn >> 7) & 0x1f) == REG_RA)
		return true;
	uint16_t c = h[-1];
	return (c & 0xf07f) == 0x9002 && ((c >> 7) & 0x1f) != 0;	/* c.jalr rs1 */
}

static void backtrace_of(const struct task *t, unsigned long sp)
{
	if (!t->kstack) {
		say("backtrace: not on a task's stack\n");
		return;
	}
	unsigned long lo = (unsigned long)t->kstack, hi = lo + KSTACK_SIZE;
	if (sp < lo || sp >= hi)
		sp = lo;	/* an overflow: the frame is at the top, the stack below */
	say("backtrace (? = found on the stack, maybe stale):\n");
	int shown = 0;
	for (sp = ALIGN_UP(sp, sizeof(long)); sp < hi && shown < BACKTRACE_MAX; sp += sizeof(long)) {
		unsigned long word = *(const unsigned long *)sp;
		if (!after_call(word))
			continue;
		say_symbol(" ? ", word, true);
		shown++;
	}
}

/* The return addresses on this task's stack from here up (at most max;
 * the rest of out zeroed): a cheap record of who called, for slab_debug. */
void stack_trace_save(unsigned long *out, int max)
{
	unsigned long sp;
	__asm__ volatile("mv %0, sp" : "=r"(sp));
	struct task *t = current;
	int n = 0;
	if (t && t->kstack) {
		unsigned long hi = (unsigned long)t->kstack + KSTACK_SIZE;
		for (; sp < hi && n < max; sp += sizeof(long)) {
			unsigned long word = *(const unsigned long *)sp;
			/* Stale copies of one return address (a callee's frames
			 * left below) are kept once. */
			if (after_call(word) && (!n || out[n - 1] != word))
				out[n++] = word;
		}
	}
	while (n < max)
		out[n++] = 0;
}

static void backtrace(unsigned long sp)
{
	backtrace_of(current, sp);
}

static void show_task(void)
{
	struct task *t = current;
	say("hart %lu, task %s (pid %d)\n", t->cpu ? t->cpu->hartid : 0ul, t->comm,
	    t->pid ? t->pid->numbers[0].nr : 0);
}

/* The trapframe's registers, in its order, with Linux's riscv names. */
static const char *const reg_names[] = {
	"epc", "ra", "sp", "gp", "tp", "t0", "t1", "t2", "s0", "s1",
	"a0", "a1", "a2", "a3", "a4", "a5", "a6", "a7",
	"s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9", "s10", "s11",
	"t3", "t4", "t5", "t6",
};

static void show_regs(const struct trapframe *tf)
{
	const unsigned long *r = (const unsigned long *)tf;
	say_symbol("epc: ", tf->epc, false);
	say_symbol(" ra: ", tf->ra, true);
	for (size_t i = 0; i < ARRAY_SIZE(reg_names); i += 3) {
		say(" %3s : %016lx", reg_names[i], r[i]);
		if (i + 1 < ARRAY_SIZE(reg_names))
			say(" %3s : %016lx", reg_names[i + 1], r[i + 1]);
		if (i + 2 < ARRAY_SIZE(reg_names))
			say(" %3s : %016lx", reg_names[i + 2], r[i + 2]);
		say("\n");
	}
	say("status: %016lx badaddr: %016lx cause: %016lx\n", tf->status, tf->tval, tf->cause);
}

void panic_stop_this_hart(void)
{
	for (;;) {
		csr_write(sie, 0);
		local_irq_disable();
		wfi();
	}
}

/* Interrupts off, the console loud; false when this hart is already
 * panicking (a fault while printing): then only the end is left. */
static bool panic_begin(void)
{
	__asm__ volatile("csrc sstatus, %0" :: "r"(SSTATUS_SIE));
	console_quiet = false;
	int me = 1 + (current->cpu ? current->cpu->id : 0), first = 0;
	if (__atomic_compare_exchange_n(&panic_in_progress, &first, me, false, __ATOMIC_SEQ_CST,
					__ATOMIC_SEQ_CST))
		return true;
	if (first != me)
		panic_stop_this_hart();	/* the first hart's panic goes on */
	say("\nkernel panic: nested, while printing the first\n");
	return false;
}

/* "panic=0": stay up, every hart halted, as Linux's default. */
static bool panic_halts(void)
{
	char buf[16];
	const char *v = cmdline_get("panic", buf, sizeof(buf));
	return v && strcmp(v, "0") == 0;
}

static void __attribute__((noreturn)) panic_end(void)
{
	if (panic_halts()) {
		say("kernel: halted (panic=0)\n");
		for (int i = 0; i < ncpus; i++)
			if (&cpus[i] != current->cpu)
				sbi_send_ipi(1, cpus[i].hartid);
		panic_stop_this_hart();
	}
	say("kernel: power off\n");
	sbi_shutdown(false);
	panic_stop_this_hart();
}

void panic(const char *fmt, ...)
{
	char line[256];
	va_list ap;
	if (!panic_begin())
		panic_end();
	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	say("\nkernel panic: %s\n", line);
	show_task();
	unsigned long sp;
	__asm__ volatile("mv %0, sp" : "=r"(sp));
	backtrace(sp);	/* from here: this frame holds the return to the caller */
	panic_end();
}

void oops(const struct trapframe *tf, const char *fmt, ...)
{
	char line[256];
	va_list ap;
	if (!panic_begin())
		panic_end();
	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	say("\nkernel panic: %s\n", line);
	show_task();
	show_regs(tf);
	backtrace(tf->sp);
	if (slab_debug) {
		const unsigned long *r = (const unsigned long *)tf;
		for (size_t i = 0; i < ARRAY_SIZE(reg_names); i++)
			slab_debug_explain(r[i]);
		slab_debug_explain(tf->tval);
	}
	panic_end();
}

/* ---- reports that do not kill: a lockup, the task list ---- */

void report_spin_lockup(const char *name, int holder, unsigned long holder_pc,
			unsigned long seconds)
{
	say("\nBUG: spinlock lockup: hart %d has waited %lu s for %s, held by hart %d\n",
	    current->cpu ? current->cpu->id : -1, seconds, name ? name : "?", holder);
	if (holder_pc)
		say_symbol("taken at ", holder_pc, true);
	show_task();
	unsigned long sp;
	__asm__ volatile("mv %0, sp" : "=r"(sp));
	backtrace(sp);
}

static char state_letter(int state)
{
	static const char letters[] = "RSDTZX";
	return state >= 0 && state < (int)sizeof(letters) - 1 ? letters[state] : '?';
}

/* Every task: pid, name, state, hart, and for one asleep the return
 * addresses on its stack from its saved stack pointer up.  The list is
 * walked with tasklist_lock when it can be had; a hang that holds it must
 * still be shown, so after a short wait the walk goes on without it. */
void show_all_tasks(void)
{
	bool locked = false;
	for (int i = 0; i < 1000000 && !(locked = spin_trylock(&tasklist_lock)); i++)
		cpu_relax();
	say("\nsysrq: show tasks%s\n", locked ? "" : " (tasklist_lock busy: read without it)");
	struct task *t;
	list_for_each_entry(t, &all_tasks, all_link) {
		say("%5d %-16s %c%s hart %d%s\n", t->pid ? t->pid->numbers[0].nr : 0, t->comm,
		    state_letter(t->state), t->on_cpu ? " (on a hart)" : "",
		    t->cpu ? t->cpu->id : -1,
		    READ_ONCE(t->pending) & sigmask(SIGKILL) ? ", SIGKILL pending" : "");
		if (!t->on_cpu && t != current && t->state != TASK_DEAD) {
			say_symbol(" switched out in ", t->ctx.ra, true);
			backtrace_of(t, t->ctx.sp);
		}
	}
	for (int i = 0; i < ncpus; i++)
		say("hart %d: irq_depth %d, %llu switches\n", i, cpus[i].irq_depth,
		    (unsigned long long)cpus[i].nr_switches);
	if (locked)
		spin_unlock(&tasklist_lock);
}
