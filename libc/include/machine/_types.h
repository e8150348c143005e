/*
 * machine/_types.h - widths of the system types, as Linux riscv64 has them.
 *
 * picolibc's <sys/_types.h> uses these when the __machine_*_defined macros
 * say so; its own defaults (16-bit uid_t, dev_t and ino_t) would not match
 * the kernel's struct stat or the uid arguments of the system calls.
 * clock_t is signed and clockid_t an int, as on Linux.
 */
#ifndef _MACHINE__TYPES_H
#define _MACHINE__TYPES_H

#include <machine/_default_types.h>

#define __machine_dev_t_defined
typedef unsigned long __dev_t;

#define __machine_uid_t_defined
typedef unsigned int __uid_t;

#define __machine_gid_t_defined
typedef unsigned int __gid_t;

#define __machine_ino_t_defined
typedef unsigned long __ino_t;

#define __machine_mode_t_defined
typedef unsigned int __mode_t;

#define __machine_blksize_t_defined
typedef int __blksize_t;

#define __machine_blkcnt_t_defined
typedef long __blkcnt_t;

#define __machine_fsblkcnt_t_defined
typedef unsigned long __fsblkcnt_t;

#define __machine_fsfilcnt_t_defined
typedef unsigned long __fsfilcnt_t;

#define __machine_clock_t_defined
#define _CLOCK_T_ long

#define __machine_clockid_t_defined
#define _CLOCKID_T_ int

#endif /* _MACHINE__TYPES_H */
