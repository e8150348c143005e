/*
 * Memory event counters, Linux's /proc/vmstat events (mm/vmstat.c owns
 * them): each is a global counter bumped with one relaxed atomic add at
 * the place the event happens, so a reader sees a value that may be a
 * little stale but never torn.  The state counters of /proc/vmstat
 * (nr_free_pages, nr_file_pages, ...) are read from their owners.
 */
#ifndef KERNEL_VMSTAT_H
#define KERNEL_VMSTAT_H

#include "types.h"

enum vm_event_item {
	PGPGIN,			/* kB read from block devices */
	PGPGOUT,		/* kB written to them */
	PGALLOC_NORMAL,		/* pages handed out by alloc_pages */
	PGFREE,			/* pages given back */
	PGFAULT,		/* user page faults */
	NR_VM_EVENTS,
};

extern unsigned long vm_events[NR_VM_EVENTS];
extern const char *const vm_event_names[NR_VM_EVENTS];	/* Linux's names */

static inline void count_vm_events(enum vm_event_item item, unsigned long n)
{
	__atomic_fetch_add(&vm_events[item], n, __ATOMIC_RELAXED);
}

static inline void count_vm_event(enum vm_event_item item)
{
	count_vm_events(item, 1);
}

static inline unsigned long vm_event_read(enum vm_event_item item)
{
	return __atomic_load_n(&vm_events[item], __ATOMIC_RELAXED);
}

#endif
