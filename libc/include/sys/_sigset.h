/* sys/_sigset.h - the kernel's signal mask: one bit per signal 1..64. */
#ifndef _SYS__SIGSET_H_
#define _SYS__SIGSET_H_
typedef unsigned long __sigset_t;
#endif
