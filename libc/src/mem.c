/*
 * mem.c - the program break and memory mappings.  picolibc's malloc grows
 * the heap with sbrk(), which moves the break with brk(2).  The break is
 * remembered here; the first call asks the kernel where it starts.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <unistd.h>
#include <sys/mman.h>
#include "syscall.h"

static uintptr_t current_break;

int brk(void *addr)
{
	uintptr_t got = (uintptr_t)__syscall1(SYS_brk, (long)addr);

	if (got < (uintptr_t)addr) {
		errno = ENOMEM;
		return -1;
	}
	current_break = got;
	return 0;
}

void *sbrk(ptrdiff_t increment)
{
	uintptr_t old;

	if (!current_break)
		current_break = (uintptr_t)__syscall1(SYS_brk, 0);
	old = current_break;
	if (increment == 0)
		return (void *)old;
	if ((increment > 0 && old + (uintptr_t)increment < old) ||
	    (increment < 0 && (uintptr_t)-increment > old) ||
	    brk((void *)(old + increment)) < 0) {
		errno = ENOMEM;
		return (void *)-1;
	}
	return (void *)old;
}

void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off)
{
	return (void *)SC6(SYS_mmap, addr, len, prot, flags, fd, off);
}

int munmap(void *addr, size_t len)
{
	return SC2(SYS_munmap, addr, len);
}

int mprotect(void *addr, size_t len, int prot)
{
	return SC3(SYS_mprotect, addr, len, prot);
}

void *mremap(void *old, size_t old_len, size_t new_len, int flags, ...)
{
	va_list ap;
	void *new_addr = 0;

	if (flags & MREMAP_FIXED) {
		va_start(ap, flags);
		new_addr = va_arg(ap, void *);
		va_end(ap);
	}
	return (void *)SC5(SYS_mremap, old, old_len, new_len, flags, new_addr);
}

int madvise(void *addr, size_t len, int advice)
{
	return SC3(SYS_madvise, addr, len, advice);
}

int msync(void *addr, size_t len, int flags)
{
	return SC3(SYS_msync, addr, len, flags);
}

int getpagesize(void)
{
	return 4096;
}
