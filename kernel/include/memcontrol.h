/*
 * The memory controller of cgroup v2 (kernel/mm/memcontrol.c charges and
 * reclaims, kernel/cgroup/memory.c shows the files).
 *
 * Charging: every user page (anonymous, copy-on-write copy, page table),
 * every page-cache page and every kernel stack is charged, when it is
 * allocated, to the cgroup of the task that allocates it and to every
 * ancestor below the root (the root counts nothing, as Linux's shows
 * nothing); the limit of any of them applies.  The counters are atomic: a
 * charge is one atomic add per level, no lock.  A charged page remembers
 * its cgroup (page->memcg, one reference on the cgroup per page) and what
 * it is (page->memcg_kind), and free_pages uncharges it.
 *
 * A task's cgroup for charging is current->memcg, a reference only the
 * task itself changes: a migration (under css_set_lock) marks it stale
 * and the task's next charge looks its cgroup up again.  So the fault
 * path reads it with no lock.  Tasks of the root cgroup have none and are
 * not charged.
 *
 * Over memory.max: the group's clean, unmapped page-cache pages are
 * reclaimed first; when none are left, the group's OOM killer SIGKILLs its
 * largest process (or the whole group with memory.oom.group).  A page
 * fault then returns -ENOMEM with current->memcg_oom set, and
 * handle_page_fault waits (without mm->lock) for the victim to go and
 * retries; other callers wait where they are, a bounded number of times.
 * Over memory.high: reclaim and a short sleep on the way back to user mode
 * (current->memcg_high).
 *
 * Protection (memory.min, memory.low; cgroup-v2.rst "Memory Protection"):
 * a reclaim has a root -- the group at its memory.max or memory.high, or
 * the root cgroup when the page allocator runs short (pcache_shrink, the
 * only global reclaim: the page cache's clean unmapped pages; anonymous
 * memory has no swap to go to).  Below that root each group gets an
 * effective protection, as Linux's effective_protection computes it: a
 * child of the root has its own memory.min/low; deeper, a group's claim
 * is min(usage, setting), and when its siblings' claims add up to more
 * than their parent's effective protection, that is shared out in
 * proportion to the claims.  The root of the reclaim itself is never
 * protected.  Reclaim takes nothing from a group whose usage is at or
 * under its effective min, nor under its effective low unless a first
 * pass that honoured low freed nothing; a group then reclaimed from
 * under its low counts a "low" event.  Groups give pages in proportion to
 * what they have above their protection, so siblings shrink together.
 * Simplified from Linux: protection is a floor reclaim stops at (Linux
 * scales each group's scan by usage over protection instead), global
 * reclaim honours it but goes file by file, not in proportion, and
 * memory_recursiveprot does not exist.
 */
#ifndef KERNEL_MEMCONTROL_H
#define KERNEL_MEMCONTROL_H

#include "types.h"
#include "proc.h"
#include "mm.h"
#include "string.h"

struct cgroup;
struct page;
struct task;

/* What a charged page is (page->memcg_kind), the lines of memory.stat. */
enum memcg_kind {
	MEMCG_ANON,		/* anonymous and copy-on-write pages */
	MEMCG_FILE,		/* the page cache */
	MEMCG_PAGETABLE,	/* user page tables */
	MEMCG_KSTACK,		/* kernel stacks (charged per task) */
	MEMCG_SOCK,		/* socket buffers (counted in pages, sock_mem.h) */
	MEMCG_NR_KINDS,
};

/* memory.events, in Linux's order. */
enum memcg_event {
	MEMCG_LOW, MEMCG_HIGH, MEMCG_MAX, MEMCG_OOM, MEMCG_OOM_KILL, MEMCG_OOM_GROUP_KILL,
	MEMCG_NR_EVENTS,
};

/* current->memcg_oom after a fault's charge failed: a victim was killed
 * (or is dying), wait and retry; nobody could be killed, fail. */
enum { MEMCG_OOM_NONE, MEMCG_OOM_WAIT, MEMCG_OOM_FAIL };

/* Does current charge what it allocates?  (Tasks of the root cgroup do
 * not: the fast path of theirs is this test.) */
static inline bool memcg_current_charges(void)
{
	struct task *t = current;
	return t->memcg || READ_ONCE(t->memcg_stale);
}

/* Charge page pg (just allocated by current) as kind: 0, or -ENOMEM when
 * the limit holds after reclaim and the OOM killer (the page is then
 * not charged and the caller frees it). */
int __memcg_charge_page(struct page *pg, enum memcg_kind kind);
static inline int memcg_charge_page(struct page *pg, enum memcg_kind kind)
{
	return memcg_current_charges() ? __memcg_charge_page(pg, kind) : 0;
}
/* free_pages: give back the charge of a block of 2^order pages. */
void memcg_uncharge_page(struct page *pg, unsigned int order);


/* The one funnel for pages of user address spaces (vm.c): a page, zeroed
 * when zero, charged as kind to current's cgroup; NULL when there is no
 * memory or the cgroup's limit holds. */
static inline struct page *alloc_user_page(enum memcg_kind kind, bool zero)
{
	struct page *pg = alloc_pages(0);
	if (!pg)
		return NULL;
	if (memcg_charge_page(pg, kind)) {
		free_pages(pg, 0);
		return NULL;
	}
	if (zero)
		memset(page_address(pg), 0, PAGE_SIZE);
	return pg;
}

/* handle_page_fault: after a fault failed with -ENOMEM and
 * current->memcg_oom set, wait for the group's OOM victim to go.  True if
 * the fault should be tried again. */
bool memcg_oom_synchronize(void);
/* Back to user mode over memory.high: reclaim, then a short sleep. */
void memcg_throttle(void);
/* A page fault of current (memory.stat's pgfault). */
void __memcg_count_fault(void);
static inline void memcg_count_fault(void)
{
	if (memcg_current_charges())
		__memcg_count_fault();
}

/* The cgroup hooks (kernel/cgroup/memory.c): kernel stacks are charged
 * at fork, moved with the task, uncharged when it is reaped; a migrated
 * task's charging cgroup goes stale. */
void memcg_charge_kstack(struct cgroup *cgrp, long nr);
/* t is reaped: drop its charging reference (css_set_lock not held). */
void memcg_task_release(struct task *t);

/* Socket memory (net/sock_mem.c; not struct pages: counted only).
 * current's charging cgroup with a reference, or NULL in the root. */
struct cgroup *memcg_get_current(void);
/* Charge nr pages of socket memory to cg: true, or false when a limit
 * holds after its page cache is reclaimed (sockets never OOM-kill);
 * force charges past the limits (Linux's __GFP_NOFAIL). */
bool memcg_charge_sock(struct cgroup *cg, long nr, bool force);
void memcg_uncharge_sock(struct cgroup *cg, long nr);

/* memory.max or memory.high written below the usage: reclaim and, for
 * max, kill until it fits (cgroup_mutex held). */
void memcg_enforce_limit(struct cgroup *cgrp, bool oom);
/* A reclaim of root's subtree is about to run: compute emin and elow of
 * every group below root (css_set_lock held). */
void memcg_calc_protection(struct cgroup *root);
/* The usage that a reclaim of root's subtree, after
 * memcg_calc_protection(root), must leave to c: its effective min, and
 * its effective low too unless low_reclaim (css_set_lock held).  *by_low
 * tells whether its low protects more than its min (what a low_reclaim
 * gives up, counting a "low" event). */
long memcg_protected(struct cgroup *root, struct cgroup *c, bool low_reclaim, bool *by_low);
/* What reclaim may take from c's own pages (not its children's) before
 * its usage reaches what memcg_protected leaves it; *held tells whether
 * its memory.low keeps some of them (as memcg_protected, by_low). */
long memcg_reclaim_room(struct cgroup *root, struct cgroup *c, bool low_reclaim, bool *by_low,
			bool *held);
/* c was reclaimed from under its memory.low (memory.events "low"). */
void memcg_count_low(struct cgroup *c);
/* Page-cache pages of cgrp's subtree: mapped and dirty ones (memory.stat). */
void pcache_memcg_stat(struct cgroup *cgrp, unsigned long *mapped, unsigned long *dirty);
/* Drop up to want clean, unmapped page-cache pages charged to cgrp's
 * subtree, least recently used first (each group's list); how many went
 * (pcache.c).  Takes css_set_lock, then pcache_lock. */
unsigned long pcache_memcg_reclaim(struct cgroup *cgrp, unsigned long want);
/* rmdir: cgrp's page-cache pages go on its parent's list (they stay
 * charged to cgrp).  Caller holds css_set_lock. */
void pcache_memcg_reparent(struct cgroup *cgrp);

#endif
