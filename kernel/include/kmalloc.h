/* kmalloc: power-of-two size classes up to a page, whole pages beyond. */
#ifndef KERNEL_KMALLOC_H
#define KERNEL_KMALLOC_H

#include "types.h"

void *kmalloc(size_t size);	/* NULL when memory is exhausted */
void *kzalloc(size_t size);
void kfree(void *p);		/* kfree(NULL) is a no-op */
char *kstrndup(const char *s, size_t n);

#endif
