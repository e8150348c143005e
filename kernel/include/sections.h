/* Symbols that kernel/kernel.ld and the assembly files define: the bounds
 * of the image's sections and entry points C takes the address of. */
#ifndef KERNEL_SECTIONS_H
#define KERNEL_SECTIONS_H

extern char _kernel_start[], _etext[], _erodata[], _kernel_end[];
/* The spinlock and interrupt-nesting functions, kept together so the
 * profiler can tell a PC is in them (in_lock_functions): a sample held
 * back while interrupts were off lands in spin_unlock or irq_pop_off (at
 * the instruction that turns them back on), and belongs to whoever
 * released the lock, the return address: both are leaves. */
extern char __lock_text_start[], __lock_text_end[];
#define __lockfunc __attribute__((section(".text.lock")))
static inline int in_lock_functions(unsigned long pc)
{
	return pc >= (unsigned long)__lock_text_start && pc < (unsigned long)__lock_text_end;
}
extern char _start_secondary[];		/* entry.S: where a started hart begins */
/* entry.S: run fn, which never returns, on the stack ending at top. */
void call_on_stack(unsigned long top, void (*fn)(void)) __attribute__((noreturn));
extern char trap_entry[];		/* trap.S: stvec */
extern char sigreturn_trampoline[];	/* vdso.S: the page mapped into every process */

/* The exception table: a user access at insn that faults resumes at fixup
 * (the user-copy routines in trap.S add the entries). */
struct ex_entry {
	unsigned long insn, fixup;
};
extern struct ex_entry __ex_table_start[], __ex_table_end[];

#endif
