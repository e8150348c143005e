/*
 * Basic kernel types and helpers.  ABI types (struct stat, termios, ...) come
 * from Linux's UAPI headers, which are the contract with user programs.
 */
#ifndef KERNEL_TYPES_H
#define KERNEL_TYPES_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>
#include <stdarg.h>
#include <asm-generic/errno.h>

/* Kernel-internal: a system call interrupted by a signal, to be restarted
 * or turned into EINTR by signal delivery; never seen by user programs. */
#define ERESTARTSYS	512

typedef long ssize_t;
typedef long off_t;
typedef unsigned int umode_t;
typedef unsigned int uid_t;
typedef unsigned int gid_t;
typedef unsigned int dev_t;	/* MKDEV(major, minor), as Linux's new encoding */
typedef int pid_t;
typedef uint64_t ino_t;
typedef uint64_t paddr_t;
typedef uint64_t vaddr_t;

#define MINORBITS	20
#define MKDEV(ma, mi)	(((dev_t)(ma) << MINORBITS) | (mi))
#define MAJOR(d)	((unsigned int)((d) >> MINORBITS))
#define MINOR(d)	((unsigned int)((d) & ((1u << MINORBITS) - 1)))
/* dev_t as user space sees it in st_dev/st_rdev (glibc's encoding). */
static inline unsigned long dev_to_user(dev_t d)
{
	unsigned long ma = MAJOR(d), mi = MINOR(d);
	return (mi & 0xff) | ((ma & 0xfff) << 8) | ((mi & ~0xfful) << 12) |
	       ((ma & ~0xffful) << 32);
}
static inline dev_t dev_from_user(unsigned long u)
{
	unsigned int ma = ((u >> 8) & 0xfff) | ((u >> 32) & ~0xfffu);
	unsigned int mi = (u & 0xff) | ((u >> 12) & ~0xffu);
	return MKDEV(ma, mi);
}

struct timespec64 {
	int64_t tv_sec;
	long tv_nsec;
};

#define container_of(ptr, type, member) \
	((type *)((char *)(ptr) - offsetof(type, member)))
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#define MIN(a, b)	((a) < (b) ? (a) : (b))
#define MAX(a, b)	((a) > (b) ? (a) : (b))
#define INT_MAX		__INT_MAX__
#define ALIGN_UP(x, a)	(((x) + (a) - 1) & ~((typeof(x))(a) - 1))
#define ALIGN_DOWN(x, a) ((x) & ~((typeof(x))(a) - 1))
#define likely(x)	__builtin_expect(!!(x), 1)
#define unlikely(x)	__builtin_expect(!!(x), 0)
#define __user
#define READ_ONCE(x)	(*(volatile typeof(x) *)&(x))
#define WRITE_ONCE(x, v) (*(volatile typeof(x) *)&(x) = (v))

/* Pointers that carry an error: -4095..-1 encoded in the pointer. */
#define MAX_ERRNO	4095
static inline void *ERR_PTR(long err) { return (void *)err; }
static inline long PTR_ERR(const void *p) { return (long)p; }
static inline bool IS_ERR(const void *p)
{
	return (unsigned long)p >= (unsigned long)-MAX_ERRNO;
}

#define PAGE_SHIFT	12
#define PAGE_SIZE	(1ul << PAGE_SHIFT)

#endif
