/*
 * nprocs.c - how many processors a program sees: sysconf(_SC_NPROCESSORS_*)
 * and sched_getaffinity must count every online hart.  The expected count
 * comes from outside the code under test: our kernel's boot line
 * "kernel: N harts online" (which tests/boot checks against qemu's -smp),
 * or on a Linux host /sys/devices/system/cpu/online.
 */
#define _GNU_SOURCE
#include <sched.h>
#include <sys/klog.h>
#include <sys/syscall.h>
#include "t.h"

#ifndef SYSLOG_ACTION_READ_ALL
#define SYSLOG_ACTION_READ_ALL 3	/* glibc's <sys/klog.h> does not name it */
#endif
#define KLOG_SIZE   (64 * 1024)
#define KLOG_MARKER " harts online"

/* N from the kernel log's "kernel: N harts online", or -1. */
static int harts_from_klog(void)
{
	static char log[KLOG_SIZE + 1];
	int n = klogctl(SYSLOG_ACTION_READ_ALL, log, KLOG_SIZE);
	char *hit, *p;

	if (n <= 0)
		return -1;
	log[n] = '\0';
	hit = strstr(log, KLOG_MARKER);
	if (!hit)
		return -1;
	for (p = hit; p > log && p[-1] >= '0' && p[-1] <= '9'; p--)
		;
	return p == hit ? -1 : atoi(p);
}

/* The number of CPUs in a list such as "0-3" or "0,2-5", or -1. */
static int cpus_from_sysfs(void)
{
	char buf[256];
	FILE *f = fopen("/sys/devices/system/cpu/online", "r");
	int count = 0, lo, hi, n;
	char *p = buf;

	if (!f)
		return -1;
	if (!fgets(buf, sizeof(buf), f)) {
		fclose(f);
		return -1;
	}
	fclose(f);
	while (sscanf(p, "%d%n", &lo, &n) == 1) {
		p += n;
		hi = lo;
		if (*p == '-' && sscanf(p + 1, "%d%n", &hi, &n) == 1)
			p += 1 + n;
		count += hi - lo + 1;
		if (*p != ',')
			break;
		p++;
	}
	return count ? count : -1;
}

int main(void)
{
	int want = harts_from_klog();
	cpu_set_t set;
	long r;

	if (want < 0)
		want = cpus_from_sysfs();
	if (!check("nprocs-expected", want > 0, "neither the kernel log nor sysfs names the count"))
		return 0;
	r = sysconf(_SC_NPROCESSORS_ONLN);
	check("nprocs-onln", r == want, "sysconf says %ld, want %d", r, want);
	r = sysconf(_SC_NPROCESSORS_CONF);
	check("nprocs-conf", r == want, "sysconf says %ld, want %d", r, want);
	r = sched_getaffinity(0, sizeof(set), &set);
	check("affinity-self", r == 0 && CPU_COUNT(&set) == want,
	      "returned %ld (%s), %d CPUs, want %d", r, strerror(errno), CPU_COUNT(&set), want);
	check("affinity-cpu0", r == 0 && CPU_ISSET(0, &set), "CPU 0 not in the set");
	r = sched_getaffinity(getppid(), sizeof(set), &set);
	check("affinity-parent", r == 0 && CPU_COUNT(&set) == want, "returned %ld, %d CPUs",
	      r, CPU_COUNT(&set));
	/* The raw call answers the kernel's mask size: whole longs. */
	r = syscall(SYS_sched_getaffinity, 0, sizeof(set), &set);
	check("affinity-raw-size", r > 0 && r % sizeof(long) == 0 && r <= (long)sizeof(set),
	      "returned %ld", r);
	errno = 0;
	check_err("affinity-len0", syscall(SYS_sched_getaffinity, 0, 0, &set), EINVAL);
	check_err("affinity-len-odd", syscall(SYS_sched_getaffinity, 0, sizeof(long) + 1, &set),
		  EINVAL);
	check_err("affinity-no-pid", syscall(SYS_sched_getaffinity, 999999, sizeof(set), &set),
		  ESRCH);
	check_err("affinity-efault", syscall(SYS_sched_getaffinity, 0, sizeof(set), (void *)8),
		  EFAULT);
	return 0;
}
