/*
 * syscall.h - the raw system-call layer, private to libc.
 *
 * A Linux riscv64 system call takes its number in a7 and up to six
 * arguments in a0-a5; ecall returns the result in a0, or -errno (a value
 * in [-4095, -1]) on failure.  __syscallN() returns the raw result;
 * __syscall_ret() turns it into the C convention (errno and -1).
 */
#ifndef LIBC_SYSCALL_H
#define LIBC_SYSCALL_H

#include <sys/syscall.h>

#define __SYSCALL_ASM(...) \
	__asm__ volatile ("ecall" : "+r"(a0) : __VA_ARGS__ : "memory")

static inline long __syscall0(long n)
{
	register long a7 __asm__("a7") = n;
	register long a0 __asm__("a0");
	__SYSCALL_ASM("r"(a7));
	return a0;
}

static inline long __syscall1(long n, long x0)
{
	register long a7 __asm__("a7") = n;
	register long a0 __asm__("a0") = x0;
	__SYSCALL_ASM("r"(a7));
	return a0;
}

static inline long __syscall2(long n, long x0, long x1)
{
	register long a7 __asm__("a7") = n;
	register long a0 __asm__("a0") = x0;
	register long a1 __asm__("a1") = x1;
	__SYSCALL_ASM("r"(a7), "r"(a1));
	return a0;
}

static inline long __syscall3(long n, long x0, long x1, long x2)
{
	register long a7 __asm__("a7") = n;
	register long a0 __asm__("a0") = x0;
	register long a1 __asm__("a1") = x1;
	register long a2 __asm__("a2") = x2;
	__SYSCALL_ASM("r"(a7), "r"(a1), "r"(a2));
	return a0;
}

static inline long __syscall4(long n, long x0, long x1, long x2, long x3)
{
	register long a7 __asm__("a7") = n;
	register long a0 __asm__("a0") = x0;
	register long a1 __asm__("a1") = x1;
	register long a2 __asm__("a2") = x2;
	register long a3 __asm__("a3") = x3;
	__SYSCALL_ASM("r"(a7), "r"(a1), "r"(a2), "r"(a3));
	return a0;
}

static inline long __syscall5(long n, long x0, long x1, long x2, long x3,
			      long x4)
{
	register long a7 __asm__("a7") = n;
	register long a0 __asm__("a0") = x0;
	register long a1 __asm__("a1") = x1;
	register long a2 __asm__("a2") = x2;
	register long a3 __asm__("a3") = x3;
	register long a4 __asm__("a4") = x4;
	__SYSCALL_ASM("r"(a7), "r"(a1), "r"(a2), "r"(a3), "r"(a4));
	return a0;
}

static inline long __syscall6(long n, long x0, long x1, long x2, long x3,
			      long x4, long x5)
{
	register long a7 __asm__("a7") = n;
	register long a0 __asm__("a0") = x0;
	register long a1 __asm__("a1") = x1;
	register long a2 __asm__("a2") = x2;
	register long a3 __asm__("a3") = x3;
	register long a4 __asm__("a4") = x4;
	register long a5 __asm__("a5") = x5;
	__SYSCALL_ASM("r"(a7), "r"(a1), "r"(a2), "r"(a3), "r"(a4), "r"(a5));
	return a0;
}

/* Converts a raw result: -errno becomes errno = errno, return -1. */
long __syscall_ret(long r);

/* Shorthands: the syscall with its C return convention. */
#define SC0(n)                   __syscall_ret(__syscall0(n))
#define SC1(n, a)                __syscall_ret(__syscall1(n, (long)(a)))
#define SC2(n, a, b)             __syscall_ret(__syscall2(n, (long)(a), (long)(b)))
#define SC3(n, a, b, c) \
	__syscall_ret(__syscall3(n, (long)(a), (long)(b), (long)(c)))
#define SC4(n, a, b, c, d) \
	__syscall_ret(__syscall4(n, (long)(a), (long)(b), (long)(c), (long)(d)))
#define SC5(n, a, b, c, d, e) \
	__syscall_ret(__syscall5(n, (long)(a), (long)(b), (long)(c), (long)(d), \
				 (long)(e)))
#define SC6(n, a, b, c, d, e, f) \
	__syscall_ret(__syscall6(n, (long)(a), (long)(b), (long)(c), (long)(d), \
				 (long)(e), (long)(f)))

/* The kernel's sigset is 8 bytes: the size argument of rt_sig* calls. */
#define KERNEL_SIGSET_SIZE 8

/* Start-up state kept by start.c. */
extern unsigned long *__auxv;

#endif /* LIBC_SYSCALL_H */
