/* Symbols that kernel/kernel.ld and the assembly files define: the bounds
 * of the image's sections and entry points C takes the address of. */
#ifndef KERNEL_SECTIONS_H
#define KERNEL_SECTIONS_H

extern char _kernel_start[], _etext[], _erodata[], _kernel_end[];
extern char _start_secondary[];		/* entry.S: where a started hart begins */
extern char trap_entry[];		/* trap.S: stvec */
extern char sigreturn_trampoline[];	/* vdso.S: the page mapped into every process */

/* The exception table: a user access at insn that faults resumes at fixup
 * (the user-copy routines in trap.S add the entries). */
struct ex_entry {
	unsigned long insn, fixup;
};
extern struct ex_entry __ex_table_start[], __ex_table_end[];

#endif
