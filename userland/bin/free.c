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

#define MEMINFO "/proc/meminfo"

struct meminfo {
	unsigned long long total, free, available, buffers, cached, reclaimable;
	unsigned long long shmem, swap_total, swap_free;
	int has_available;
};

static int
read_meminfo(struct meminfo *m)
{
	char key[64];
	unsigned long long value;
	FILE *f = fopen(MEMINFO, "r");

	if (f == NULL)
		return -1;
	memset(m, 0, sizeof(*m));
	while (fscanf(f, "%63s %llu%*[^\n]", key, &value) == 2) {
		if (strcmp(key, "MemTotal:") == 0) m->total = value;
		else if (strcmp(key, "MemFree:") == 0) m->free = value;
		else if (strcmp(key, "MemAvailable:") == 0) {
			m->available = value;
			m->has_available = 1;
		}
		else if (strcmp(key, "Buffers:") == 0) m->buffers = value;
		else if (strcmp(key, "Cached:") == 0) m->cached = value;
		else if (strcmp(key, "SReclaimable:") == 0) m->reclaimable = value;
		else if (strcmp(key, "Shmem:") == 0) m->shmem = value;
		else if (strcmp(key, "SwapTotal:") == 0) m->swap_total = value;
		else if (strcmp(key, "SwapFree:") == 0) m->swap_free = value;
	}
	fclose(f);
	return 0;
}

int
main(int argc, char *argv[])
{
	struct meminfo m;
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
	if (read_meminfo(&m) < 0) {
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
