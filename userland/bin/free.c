/*
 * free: show memory use from /proc/meminfo, in the layout of procps free.
 *   free [-k | -m | -g]
 * used = total - available (MemAvailable; without it, free + buff/cache).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "procinfo.h"

#define MEMINFO PROC_ROOT "/meminfo"

int
main(int argc, char *argv[])
{
	struct mem_info m;
	int shift = 0, c;

	while ((c = getopt(argc, argv, "kmg")) != -1) {
		switch (c) {
		case 'k': shift = 0; break;
		case 'm': shift = 10; break;
		case 'g': shift = 20; break;
		default:
			fprintf(stderr, "usage: free [-k | -m | -g]\n");
			return 1;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "usage: free [-k | -m | -g]\n");
		return 1;
	}
	if (proc_read_meminfo(&m) < 0) {
		fprintf(stderr, "free: %s: %s\n", MEMINFO, strerror(errno));
		return 1;
	}
	unsigned long long cache = m.buffers + m.cached + m.reclaimable;
	unsigned long long available = m.has_available ? m.available : m.free + cache;
	unsigned long long used = m.total > available ? m.total - available : 0;

	printf("%20s%12s%12s%12s%12s%12s\n", "total", "used", "free",
	    "shared", "buff/cache", "available");
	printf("%-7s%13llu%12llu%12llu%12llu%12llu%12llu\n", "Mem:", m.total >> shift,
	    used >> shift, m.free >> shift, m.shmem >> shift, cache >> shift,
	    available >> shift);
	printf("%-7s%13llu%12llu%12llu\n", "Swap:", m.swap_total >> shift,
	    (m.swap_total - m.swap_free) >> shift, m.swap_free >> shift);
	return 0;
}
