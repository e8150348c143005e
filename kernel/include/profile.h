/*
 * The sampling profiler, as Linux's: booted with `profile=SHIFT`, every
 * hart records the kernel PC each timer sample interrupted in a histogram
 * of the kernel text, one counter per 2^SHIFT bytes; samples taken in user
 * mode are only counted.  /proc/profile reads the histogram in Linux's
 * layout (a 32-bit sample step, then one 32-bit counter per bucket) and a
 * write clears it; readprofile and kprof turn it into function names with
 * /boot/System.map.
 *
 * While profiling is on, the harts take a sample every PROFILE_SAMPLE_NSEC
 * (the scheduler tick alone, HZ, would give too few); off, nothing is
 * added to the timer path but one branch.  Counters are updated with
 * atomic adds, without a lock; a reader sees each counter whole.
 */
#ifndef KERNEL_PROFILE_H
#define KERNEL_PROFILE_H

#include "types.h"

#define PROFILE_SAMPLE_NSEC	1000000		/* 1 kHz per hart */

void profile_init(void);	/* reads profile= from the command line */
bool profile_enabled(void);
/* A sample: pc interrupted in user or kernel mode (timer interrupt). */
void profile_tick(unsigned long pc, bool from_user);
/* The /proc/profile file: its size in bytes, a read at *pos, a reset. */
size_t profile_size(void);
ssize_t profile_read(void *buf, size_t len, off_t *pos, bool user);
void profile_reset(void);

#endif
