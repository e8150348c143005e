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

/* The TLS image's bounds (user.ld), hidden so that they are reached
 * pc-relative, with no GOT entry. */
#define HIDDEN __attribute__((visibility("hidden")))
extern char __tdata_start[] HIDDEN, __tdata_end[] HIDDEN;
extern char __tbss_start[] HIDDEN, __tbss_end[] HIDDEN;
extern char __tls_block[] HIDDEN;
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
	memcpy(__tls_block, __tdata_start, __tdata_end - __tdata_start);
	memset(__tls_block + (__tbss_start - __tdata_start), 0, __tbss_end - __tbss_start);
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

/*
 * picolibc's exit() calls _fini() when it is defined, through a weak
 * reference in code that is not position independent: in our static PIE
 * the address of an undefined weak symbol comes out as the load base, not
 * 0, so it must be defined.  _init likewise, for its __libc_init_array.
 */
void _init(void);
void _fini(void);
void _init(void)
{
}

void _fini(void)
{
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
