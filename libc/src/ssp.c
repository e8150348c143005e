/*
 * ssp.c - the stack protector's two symbols, as GCC for riscv64 expects
 * them (-fstack-protector-strong, the default guard: a global): the canary
 * __stack_chk_guard, which every protected function copies below its
 * locals and compares before it returns, and __stack_chk_fail, called when
 * the copy changed.  start.c sets the canary from AT_RANDOM before any
 * protected function runs; nothing changes it afterwards.
 */
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

uintptr_t __stack_chk_guard;

#define SMASHED "*** stack smashing detected ***: terminated\n"

/* glibc's message and end: the stack is not to be trusted, so no stdio
 * and no return; abort() ends the process with SIGABRT. */
void __stack_chk_fail(void) __attribute__((noreturn));

void __stack_chk_fail(void)
{
	(void)!write(STDERR_FILENO, SMASHED, sizeof(SMASHED) - 1);
	abort();
}
