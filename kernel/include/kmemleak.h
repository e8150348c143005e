/*
 * kmemleak: a leak detector in Linux's style.  Booted with kmemleak=on,
 * every kmalloc'd object is recorded with its size, its caller (return
 * address) and when and by whom it was made.  A scan (a write of "scan"
 * to /sys/kernel/debug/kmemleak) marks every object a word of the roots
 * points into -- the kernel's data and bss, the page array, the live part
 * of every task's kernel stack -- and then every word of the marked objects, until no new
 * object is found; objects left unmarked and older than
 * KMEMLEAK_MIN_AGE_NS are reported when the file is read.  Like Linux's,
 * it is conservative: any word that looks like a pointer keeps an object
 * alive, so it misses leaks but reports no object something points to.
 *
 * Callers are printed as kernel addresses; /boot/System.map names them
 * (the ksym command does it: ksym < /sys/kernel/debug/kmemleak).
 *
 * Off, kmalloc and kfree pay one test of kmemleak_enabled.
 */
#ifndef KERNEL_KMEMLEAK_H
#define KERNEL_KMEMLEAK_H

#include "types.h"

#define KMEMLEAK_MIN_AGE_NS	1000000000ull	/* younger objects are not reported */

extern bool kmemleak_enabled;

void kmemleak_init(void);	/* after the page allocator: reads kmemleak= */
/* kmalloc's reports: an object made at the request of caller, one freed. */
void kmemleak_alloc(const void *ptr, size_t size, unsigned long caller);
void kmemleak_free(const void *ptr);

#endif
