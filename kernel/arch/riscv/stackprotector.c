/*
 * The kernel's stack protector (-fstack-protector-strong, kernel.mk): each
 * protected function copies its task's canary (task->stack_canary, read
 * through tp) below its locals and calls __stack_chk_fail when the copy
 * changed before it returns.  A canary per task rather than one per boot:
 * tp is the current task whenever kernel C code runs (trap.S swaps it in
 * from sscratch on entry from user mode), so GCC's tp-relative guard finds
 * it, and one task's stack disclosing its canary tells nothing of
 * another's.  Owns nothing else; no locks.
 */
#include "proc.h"
#include "printk.h"
#include "stackprotector.h"

/*
 * Named by the address of its call here (the 4-byte jalr just before the
 * return address, which may already be the next function's first byte,
 * since nothing follows a call that does not return): System.map or
 * addr2line on build/kernel.elf names the function; the kernel keeps no
 * symbol table of its own.
 */
void __stack_chk_fail(void)
{
	unsigned long call = (unsigned long)__builtin_return_address(0) - 4;
	panic("stack-protector: kernel stack corrupted in the function calling from %p (task %s)",
	      (void *)call, current->comm);
}
