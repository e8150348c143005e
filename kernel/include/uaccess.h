/* Access to user memory from the kernel: every function returns 0 (or a
 * length) on success and -EFAULT for an address outside user space or one
 * that faults (the exception table in trap.S recovers). */
#ifndef KERNEL_UACCESS_H
#define KERNEL_UACCESS_H

#include "types.h"
#include "riscv.h"	/* USER_TOP */

long __copy_user(void *dst, const void *src, size_t n);
long __clear_user(void *dst, size_t n);
long __strncpy_user(char *dst, const char *src, long n);
long __get_user_u32(uint32_t *dst, const uint32_t *uaddr);

static inline bool access_ok(const void *uaddr, size_t n)
{
	unsigned long a = (unsigned long)uaddr;
	return a < USER_TOP && n <= USER_TOP - a;
}

static inline int copy_to_user(void *udst, const void *src, size_t n)
{
	if (!access_ok(udst, n))
		return -EFAULT;
	return __copy_user(udst, src, n);
}

static inline int copy_from_user(void *dst, const void *usrc, size_t n)
{
	if (!access_ok(usrc, n))
		return -EFAULT;
	return __copy_user(dst, usrc, n);
}

static inline int clear_user(void *udst, size_t n)
{
	if (!access_ok(udst, n))
		return -EFAULT;
	return __clear_user(udst, n);
}

/* Copy a NUL-terminated string of at most max-1 bytes: its length,
 * -EFAULT, or -ENAMETOOLONG when it does not fit. */
long strncpy_from_user(char *dst, const char *usrc, long max);

#define put_user(val, uptr) ({ typeof(*(uptr)) __v = (val); \
	copy_to_user((uptr), &__v, sizeof(__v)); })
#define get_user(var, uptr) copy_from_user(&(var), (uptr), sizeof(*(uptr)))

#endif
