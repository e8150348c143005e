/*
 * The memory event counters of vmstat.h: the array and the names
 * /proc/vmstat prints them under.  No lock: each counter is updated and
 * read atomically on its own.
 */
#include "vmstat.h"

unsigned long vm_events[NR_VM_EVENTS];

const char *const vm_event_names[NR_VM_EVENTS] = {
	[PGPGIN] = "pgpgin",
	[PGPGOUT] = "pgpgout",
	[PGALLOC_NORMAL] = "pgalloc_normal",
	[PGFREE] = "pgfree",
	[PGFAULT] = "pgfault",
};
