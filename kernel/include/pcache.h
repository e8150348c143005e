/*
 * The page cache of regular files (mm/pcache.c): pages of file data shared
 * by every mapping of them.
 */
#ifndef KERNEL_PCACHE_H
#define KERNEL_PCACHE_H

#include "types.h"

struct file;
struct inode;
struct page;

/* Page index of f's file, read in if need be, with a reference for the
 * caller; *cached tells whether it is the shared cached page (map it
 * read-only) or a private copy.  ERR_PTR on failure. */
struct page *pcache_get(struct file *f, unsigned long index, bool *cached);
/* After a write of [start, end) through f: cached pages follow it. */
void pcache_written(struct file *f, off_t start, off_t end);
/* After the size of in became size: pages past it leave the cache. */
void pcache_truncated(struct inode *in, off_t size);
/* in is going away: all its pages leave the cache. */
void pcache_evict(struct inode *in);
/* Free up to want pages mapped by nobody; returns how many went. */
unsigned long pcache_shrink(unsigned long want);
void pcache_init(void);		/* registers pcache_shrink as a shrinker */
unsigned long pcache_pages(void);
unsigned long pcache_reclaimable(void);

#endif
