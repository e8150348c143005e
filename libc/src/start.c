/*
 * start.c - from the kernel's initial stack to main().
 *
 * Owns environ, the saved auxiliary vector (getauxval), the main
 * thread's TLS block and the stack protector's canary (ssp.c), which is set
 * first of all.  The block is laid out as the linker placed .tdata
 * and .tbss (user.ld): tp points at its start, which is what the riscv
 * local-exec TLS model expects (no TCB before the variables).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <stdint.h>
#include <sys/auxv.h>
#include "syscall.h"

extern char __tdata_source[], __tdata_size[], __tbss_offset[], __tbss_size[];
extern char __tls_block[];
extern void (*__preinit_array_start[])(int, char **, char **);
extern void (*__preinit_array_end[])(int, char **, char **);
extern void (*__init_array_start[])(int, char **, char **);
extern void (*__init_array_end[])(int, char **, char **);

extern uintptr_t __stack_chk_guard;
int main(int argc, char **argv, char **envp);
void __stdio_init(void);

unsigned long *__auxv;
char *program_invocation_name = "";
char *program_invocation_short_name = "";

static void tls_init(void)
{
	memcpy(__tls_block, __tdata_source, (size_t)__tdata_size);
	memset(__tls_block + (size_t)__tbss_offset, 0, (size_t)__tbss_size);
	__asm__ volatile ("mv tp, %0" : : "r"(__tls_block));
}

static void run_constructors(int argc, char **argv, char **envp)
{
	void (**fn)(int, char **, char **);

	for (fn = __preinit_array_start; fn < __preinit_array_end; fn++)
		(*fn)(argc, argv, envp);
	for (fn = __init_array_start; fn < __init_array_end; fn++)
		(*fn)(argc, argv, envp);
}

unsigned long getauxval(unsigned long type)
{
	unsigned long *a;

	for (a = __auxv; a && a[0] != AT_NULL; a += 2)
		if (a[0] == type)
			return a[1];
	errno = ENOENT;
	return 0;
}

static void set_program_name(char *name)
{
	char *slash;

	if (!name)
		return;
	program_invocation_name = name;
	slash = strrchr(name, '/');
	program_invocation_short_name = slash ? slash + 1 : name;
}

/*
 * The canary from the kernel's 16 random bytes (AT_RANDOM), as glibc takes
 * it, with its lowest byte zero: a string copy running past a buffer stops
 * at that NUL, so it cannot write the canary back unchanged.
 */
static inline __attribute__((always_inline)) void stack_guard_init(unsigned long *auxv)
{
	for (unsigned long *a = auxv; a[0] != AT_NULL; a += 2)
		if (a[0] == AT_RANDOM) {
			uintptr_t guard;
			memcpy(&guard, (const void *)a[1], sizeof(guard));
			__stack_chk_guard = guard & ~(uintptr_t)0xff;
		}
}

/* Never returns, so the canary it changes is never checked here; the
 * attribute keeps it from checking anyway. */
void __libc_start(long *sp) __attribute__((noreturn, no_stack_protector));

void __libc_start(long *sp)
{
	int argc = (int)sp[0];
	char **argv = (char **)(sp + 1);
	char **envp = argv + argc + 1;
	char **e = envp;

	while (*e)
		e++;
	__auxv = (unsigned long *)(e + 1);
	stack_guard_init(__auxv);
	environ = envp;

	tls_init();
	set_program_name(argv[0]);
	__stdio_init();
	run_constructors(argc, argv, envp);
	exit(main(argc, argv, envp));
}
