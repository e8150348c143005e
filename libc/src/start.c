/*
 * start.c - from the kernel's initial stack to main().
 *
 * Owns environ, the saved auxiliary vector (getauxval) and the main
 * thread's TLS block.  The block is laid out as the linker placed .tdata
 * and .tbss (user.ld): tp points at its start, which is what the riscv
 * local-exec TLS model expects (no TCB before the variables).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/auxv.h>
#include "syscall.h"

extern char __tdata_source[], __tdata_size[], __tbss_offset[], __tbss_size[];
extern char __tls_block[];
extern void (*__preinit_array_start[])(int, char **, char **);
extern void (*__preinit_array_end[])(int, char **, char **);
extern void (*__init_array_start[])(int, char **, char **);
extern void (*__init_array_end[])(int, char **, char **);

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

void __libc_start(long *sp) __attribute__((noreturn));

void __libc_start(long *sp)
{
	int argc = (int)sp[0];
	char **argv = (char **)(sp + 1);
	char **envp = argv + argc + 1;
	char **e = envp;

	while (*e)
		e++;
	__auxv = (unsigned long *)(e + 1);
	environ = envp;

	tls_init();
	set_program_name(argv[0]);
	__stdio_init();
	run_constructors(argc, argv, envp);
	exit(main(argc, argv, envp));
}
