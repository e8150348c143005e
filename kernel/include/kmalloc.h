/* kmalloc: power-of-two size classes up to a page, whole pages beyond. */
#ifndef KERNEL_KMALLOC_H
#define KERNEL_KMALLOC_H

#include "types.h"

void *kmalloc(size_t size);	/* NULL when memory is exhausted */
void *kzalloc(size_t size);
void kfree(void *p);		/* kfree(NULL) is a no-op */
char *kstrndup(const char *s, size_t n);

/* The slab size classes, for /proc/slabinfo: class c holds objects of
 * 16 << c bytes, each slab is one page. */
#define KMALLOC_NR_CLASSES	8
struct kmalloc_class_stats {
	size_t size;			/* object size */
	unsigned long active_objs;	/* objects in use */
	unsigned long num_slabs;	/* pages the class holds */
};
void kmalloc_class_stats(int c, struct kmalloc_class_stats *st);

/* "slab_debug" on the command line: freed objects are poisoned and
 * quarantined (kmalloc.c); slab_debug_explain names the freed object addr
 * lies in, with who freed it (an oops asks it for each register). */
extern bool slab_debug;
void slab_debug_explain(unsigned long addr);

#endif
