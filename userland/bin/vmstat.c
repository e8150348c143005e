/*
 * vmstat: report processes, memory, swap, block I/O, interrupts and CPU
 * activity, in procps's columns:
 *   r b | swpd free buff cache | si so | bi bo | in cs | us sy id wa st
 * usage: vmstat [-n] [delay [count]]
 * The first line is the average since boot; with a delay, each further
 * line covers the last delay seconds (count lines in all, or forever).
 * Memory is in KiB (cache counts the reclaimable slab, as procps); si/so/bi/bo are KiB per second, in/cs per second,
 * the CPU columns percentages of the time spent.
 * Sources: /proc/stat (cpu times, intr, ctxt, procs_running/blocked),
 * /proc/meminfo and /proc/vmstat (pgpgin/pgpgout, pswpin/pswpout).
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define HEADER1 "procs -----------memory---------- ---swap-- -----io---- -system-- ------cpu-----"
#define HEADER2 " r  b   swpd   free   buff  cache   si   so    bi    bo   in   cs us sy id wa st"

enum { CPU_USER, CPU_NICE, CPU_SYS, CPU_IDLE, CPU_WAIT, CPU_IRQ, CPU_SOFTIRQ, CPU_STEAL, NCPU };

struct sample {
	unsigned long long cpu[NCPU];
	unsigned long long intr, ctxt, pgpgin, pgpgout, pswpin, pswpout;
	unsigned long running, blocked;
	unsigned long long mem_free, buffers, cached, reclaimable, swap_total, swap_free;
	double uptime;
};

static void
usage(void)
{
	fprintf(stderr, "usage: vmstat [-n] [delay [count]]\n");
	exit(1);
}

static FILE *
open_proc(const char *path)
{
	FILE *f = fopen(path, "r");
	if (f == NULL) {
		fprintf(stderr, "vmstat: %s: %s\n", path, strerror(errno));
		exit(1);
	}
	return f;
}

/* "key value" lines: the value of each key asked for. */
static void
read_keyed(const char *path, const char *const *keys, unsigned long long *const *vals, int n)
{
	FILE *f = open_proc(path);
	char line[256], key[64];
	unsigned long long v;

	while (fgets(line, sizeof(line), f) != NULL) {
		if (sscanf(line, "%63[^: ]%*[: ]%llu", key, &v) != 2)
			continue;
		for (int i = 0; i < n; i++)
			if (strcmp(key, keys[i]) == 0)
				*vals[i] = v;
	}
	fclose(f);
}

static void
read_sample(struct sample *s)
{
	char line[512];
	FILE *f;

	memset(s, 0, sizeof(*s));
	f = open_proc("/proc/stat");
	while (fgets(line, sizeof(line), f) != NULL) {
		if (strncmp(line, "cpu ", 4) == 0)
			sscanf(line + 4, "%llu %llu %llu %llu %llu %llu %llu %llu", &s->cpu[0],
			       &s->cpu[1], &s->cpu[2], &s->cpu[3], &s->cpu[4], &s->cpu[5],
			       &s->cpu[6], &s->cpu[7]);
		else if (strncmp(line, "intr ", 5) == 0)
			s->intr = strtoull(line + 5, NULL, 10);
		else if (strncmp(line, "ctxt ", 5) == 0)
			s->ctxt = strtoull(line + 5, NULL, 10);
		else if (strncmp(line, "procs_running ", 14) == 0)
			s->running = strtoul(line + 14, NULL, 10);
		else if (strncmp(line, "procs_blocked ", 14) == 0)
			s->blocked = strtoul(line + 14, NULL, 10);
	}
	fclose(f);

	static const char *const mem_keys[] = { "MemFree", "Buffers", "Cached", "SReclaimable",
						"SwapTotal", "SwapFree" };
	unsigned long long *const mem_vals[] = { &s->mem_free, &s->buffers, &s->cached,
						 &s->reclaimable, &s->swap_total, &s->swap_free };
	read_keyed("/proc/meminfo", mem_keys, mem_vals, 6);

	static const char *const vm_keys[] = { "pgpgin", "pgpgout", "pswpin", "pswpout" };
	unsigned long long *const vm_vals[] = { &s->pgpgin, &s->pgpgout, &s->pswpin, &s->pswpout };
	read_keyed("/proc/vmstat", vm_keys, vm_vals, 4);

	f = open_proc("/proc/uptime");
	if (fscanf(f, "%lf", &s->uptime) != 1)
		s->uptime = 0;
	fclose(f);
}

/* A rate over seconds, rounded down; 0 over no time. */
static unsigned long long
per_sec(unsigned long long delta, double seconds)
{
	return seconds > 0 ? (unsigned long long)(delta / seconds) : 0;
}

/* Print the line for what happened between *old (zeros: since boot) and *now. */
static void
print_line(const struct sample *old, const struct sample *now)
{
	unsigned long long d[NCPU], total = 0;
	double secs = now->uptime - old->uptime;
	unsigned pct[NCPU];

	for (int i = 0; i < NCPU; i++) {
		d[i] = now->cpu[i] - old->cpu[i];
		total += d[i];
	}
	for (int i = 0; i < NCPU; i++)
		pct[i] = total ? (unsigned)((d[i] * 100 + total / 2) / total) : 0;
	if (!total)
		pct[CPU_IDLE] = 100;
	printf("%2lu %2lu %6llu %6llu %6llu %6llu %4llu %4llu %5llu %5llu %4llu %4llu %2u %2u %2u %2u %2u\n",
	       now->running, now->blocked, now->swap_total - now->swap_free, now->mem_free,
	       now->buffers, now->cached + now->reclaimable,
	       per_sec(now->pswpin - old->pswpin, secs) * 4, per_sec(now->pswpout - old->pswpout, secs) * 4,
	       per_sec(now->pgpgin - old->pgpgin, secs), per_sec(now->pgpgout - old->pgpgout, secs),
	       per_sec(now->intr - old->intr, secs), per_sec(now->ctxt - old->ctxt, secs),
	       pct[CPU_USER] + pct[CPU_NICE], pct[CPU_SYS] + pct[CPU_IRQ] + pct[CPU_SOFTIRQ],
	       pct[CPU_IDLE], pct[CPU_WAIT], pct[CPU_STEAL]);
}

static long
parse_number(const char *s, long min)
{
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (*s == '\0' || *end != '\0' || errno || v < min || v > INT_MAX) {
		fprintf(stderr, "vmstat: invalid number: '%s'\n", s);
		usage();
	}
	return v;
}

int
main(int argc, char *argv[])
{
	struct sample old, now;
	long delay = 0, count = 1;
	int c;

	while ((c = getopt(argc, argv, "n")) != -1) {
		switch (c) {
		case 'n': break;	/* the header is printed once anyway */
		default: usage();
		}
	}
	if (argc - optind > 2)
		usage();
	if (optind < argc) {
		delay = parse_number(argv[optind++], 1);
		count = optind < argc ? parse_number(argv[optind], 1) : -1;
	}
	printf("%s\n%s\n", HEADER1, HEADER2);
	memset(&old, 0, sizeof(old));
	read_sample(&now);
	print_line(&old, &now);
	for (long i = 1; count < 0 || i < count; i++) {
		fflush(stdout);
		old = now;
		sleep(delay);
		read_sample(&now);
		print_line(&old, &now);
	}
	return fflush(stdout) != 0;
}
