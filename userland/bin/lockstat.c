/*
 * lockstat: the most contended lock classes from /proc/lock_stat.
 *   lockstat [-n N] [-c] [-f FILE]
 * Reads the lock statistics (Linux's lock_stat layout, version 0.4),
 * sorts the classes by contentions, then acquisitions, and prints the
 * top N (10 by default): contentions, acquisitions, and the longest and
 * total wait and the longest and mean hold, in microseconds.  -c clears
 * the statistics (writes 0 to the file) instead.  The kernel collects
 * them when booted with "lockstat" or after sysctl kernel.lock_stat=1.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define LOCK_STAT	"/proc/lock_stat"
#define LOCK_STAT_ON	"/proc/sys/kernel/lock_stat"
#define DEFAULT_TOP	10
#define NAME_MAX_LEN	64

struct lock_row {
	char name[NAME_MAX_LEN];
	unsigned long long contentions, acquisitions;
	double wait_max, wait_total, hold_max, hold_avg;
};

static void
usage(void)
{
	fprintf(stderr, "usage: lockstat [-n count] [-c] [-f file]\n");
	exit(1);
}

/* A class line: "name: con-bounces contentions wmin wmax wtotal wavg
 * acq-bounces acquisitions hmin hmax htotal havg".  1 if it is one. */
static int
parse_row(const char *line, struct lock_row *r)
{
	const char *colon = strstr(line, ": ");
	const char *start = line;
	double wmin, wavg, hmin, htotal;
	unsigned long long cb, ab;

	if (colon == NULL)
		return 0;
	while (*start == ' ')
		start++;
	if (colon - start <= 0 || colon - start >= NAME_MAX_LEN)
		return 0;
	memcpy(r->name, start, colon - start);
	r->name[colon - start] = '\0';
	return sscanf(colon + 1, "%llu %llu %lf %lf %lf %lf %llu %llu %lf %lf %lf %lf",
		      &cb, &r->contentions, &wmin, &r->wait_max, &r->wait_total, &wavg,
		      &ab, &r->acquisitions, &hmin, &r->hold_max, &htotal, &r->hold_avg) == 12;
}

static int
compare_rows(const void *a, const void *b)
{
	const struct lock_row *x = a, *y = b;
	if (x->contentions != y->contentions)
		return x->contentions < y->contentions ? 1 : -1;
	if (x->acquisitions != y->acquisitions)
		return x->acquisitions < y->acquisitions ? 1 : -1;
	return strcmp(x->name, y->name);
}

/* Say so when the kernel is not collecting: the figures are not moving. */
static void
warn_if_off(void)
{
	FILE *f = fopen(LOCK_STAT_ON, "r");
	int on = 1;

	if (f != NULL) {
		if (fscanf(f, "%d", &on) != 1)
			on = 1;
		fclose(f);
	}
	if (!on)
		fprintf(stderr, "lockstat: lock statistics are off "
			"(boot with lockstat, or sysctl -w kernel.lock_stat=1)\n");
}

static int
clear(const char *path)
{
	FILE *f = fopen(path, "w");
	if (f == NULL || fputs("0\n", f) == EOF || fclose(f) == EOF) {
		fprintf(stderr, "lockstat: %s: %s\n", path, strerror(errno));
		return 1;
	}
	return 0;
}

int
main(int argc, char *argv[])
{
	const char *path = LOCK_STAT;
	long top = DEFAULT_TOP;
	int do_clear = 0, c;
	char line[1024], *end;
	struct lock_row *rows = NULL;
	size_t n = 0, cap = 0;
	FILE *f;

	while ((c = getopt(argc, argv, "n:cf:")) != -1) {
		switch (c) {
		case 'n':
			top = strtol(optarg, &end, 10);
			if (*optarg == '\0' || *end != '\0' || top < 1)
				usage();
			break;
		case 'c': do_clear = 1; break;
		case 'f': path = optarg; break;
		default: usage();
		}
	}
	if (optind < argc)
		usage();
	if (do_clear)
		return clear(path);
	f = fopen(path, "r");
	if (f == NULL) {
		fprintf(stderr, "lockstat: %s: %s\n", path, strerror(errno));
		return 1;
	}
	if (fgets(line, sizeof(line), f) == NULL || strncmp(line, "lock_stat version 0.4", 21) != 0) {
		fprintf(stderr, "lockstat: %s: not lock_stat version 0.4\n", path);
		return 1;
	}
	while (fgets(line, sizeof(line), f) != NULL) {
		if (n == cap) {
			cap = cap ? 2 * cap : 64;
			rows = realloc(rows, cap * sizeof(*rows));
			if (rows == NULL) {
				fprintf(stderr, "lockstat: %s\n", strerror(errno));
				return 1;
			}
		}
		n += parse_row(line, &rows[n]);
	}
	fclose(f);
	warn_if_off();
	qsort(rows, n, sizeof(*rows), compare_rows);
	printf("%-24s %12s %12s %14s %14s %12s %12s\n", "class", "contentions", "acquisitions",
	       "wait-max(us)", "wait-total(us)", "hold-max(us)", "hold-avg(us)");
	for (size_t i = 0; i < n && (long)i < top; i++)
		printf("%-24s %12llu %12llu %14.2f %14.2f %12.2f %12.2f\n", rows[i].name,
		       rows[i].contentions, rows[i].acquisitions, rows[i].wait_max,
		       rows[i].wait_total, rows[i].hold_max, rows[i].hold_avg);
	free(rows);
	return fflush(stdout) != 0;
}
