/*
 * The page cache of regular files (mm/pcache.c): pages of file data shared
 * by every mapping of them.
 */
#ifndef KERNEL_PCACHE_H
#define KERNEL_PCACHE_H

#include "types.h"
#include "fs.h"

struct file;
struct inode;
struct page;

/* Page index of f's file, read in if need be, with a reference for the
 * caller; *cached tells whether it is the shared cached page (map it
 * read-only) or a private copy.  ERR_PTR on failure. */
struct page *pcache_get(struct file *f, unsigned long index, bool *cached);
/* The pages index .. index + n - 1 of in that the cache holds, each
 * with a reference for the caller, in pages[] (NULL for the others):
 * nothing is read in.  Returns how many there were. */
int pcache_find_range(struct inode *in, unsigned long index, struct page **pages, int n);
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
bool pcache_resident(struct inode *in, unsigned long index);

/* Shared mappings (see the top of mm/pcache.c). */
#define PCACHE_EOF	((off_t)0x7fffffffffffffff)	/* a range's end: the whole file */
/* Page index of f's file for a shared mapping: always the cached page,
 * with a reference for the caller; ERR_PTR on failure (-EAGAIN: writes
 * kept racing with the read, try the access again). */
struct page *pcache_get_shared(struct file *f, unsigned long index);
/* pg, page index of in, is about to be stored to through a mapping; false
 * if it is no longer the cached page (truncated meanwhile). */
bool pcache_dirty(struct inode *in, unsigned long index, struct page *pg);
/* Write in's dirty pages within [start, end) back to the file; 0 or the
 * file system's error.  Never under mm->lock (it may take inode->lock). */
int pcache_writeback(struct inode *in, off_t start, off_t end);
void pcache_writeback_all(void);
/* Has in pages the file lacks?  A read() must write them back first. */
static inline bool pcache_has_dirty(struct inode *in)
{
	return __atomic_load_n(&in->pc_dirty, __ATOMIC_RELAXED) != 0;
}
/* Around a write() to in and its pcache_written: serialised with
 * write-back while the file has dirty pages (true: unlock after). */
void pcache_wb_lock(void);
void pcache_wb_unlock(void);
static inline bool pcache_write_lock(struct inode *in)
{
	if (!pcache_has_dirty(in))
		return false;
	pcache_wb_lock();
	return true;
}
unsigned long pcache_reclaimable(void);

#endif
