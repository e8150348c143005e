/*
 * procinfo: reading Linux's /proc formats, shared by ps, top and free.
 * Every reader takes what it finds and fails (-1, errno set) only when
 * the file is missing or its required part unreadable; a process that
 * exits between the listing and the reading is a failure the caller skips.
 */
#ifndef PROCINFO_H
#define PROCINFO_H

#include <stddef.h>
#include <sys/types.h>

#define PROC_ROOT	"/proc"
#define PROC_COMM_MAX	64

/* The fields of /proc/PID/stat the tools use (proc(5) numbers them). */
struct proc_stat {
	int pid, ppid, pgrp, session, tty_nr, tpgid;	/* 1, 4-8 */
	char state;					/* 3 */
	char comm[PROC_COMM_MAX];			/* 2, without the parentheses */
	unsigned long long utime, stime;		/* 14, 15: clock ticks */
	long priority, nice;				/* 18, 19 */
	int threads;					/* 20 */
	unsigned long long starttime;			/* 22: ticks after boot */
	unsigned long long vsize, rss;			/* 23: bytes, 24: pages */
};

/* /proc/meminfo, in kB; has_available when MemAvailable is there. */
struct mem_info {
	unsigned long long total, free, available, buffers, cached, reclaimable;
	unsigned long long shmem, swap_total, swap_free;
	int has_available;
};

/* The "cpu" line of /proc/stat, in clock ticks since boot. */
struct cpu_times {
	unsigned long long user, nice, system, idle, iowait, irq, softirq, steal;
};

/* A small file whole, NUL-terminated; its length or -1. */
ssize_t proc_read_file(const char *path, char *buf, size_t size);

/* Parse /proc/PID/stat's text (comm may hold spaces and ')'): 0 or -1. */
int proc_parse_stat(const char *text, struct proc_stat *p);

/* /proc/PID/stat of pid: 0, or -1 when it cannot be read or parsed. */
int proc_read_stat(int pid, struct proc_stat *p);

/* The effective uid of the "Uid:" line of a status text, 0 without one. */
unsigned proc_parse_euid(const char *status);

/* Every numeric name in /proc, in ascending order, in a malloc'd array
 * (*count of them); NULL with errno set when /proc cannot be read. */
int *proc_list_pids(size_t *count);

int proc_read_meminfo(struct mem_info *m);
int proc_read_cpu_times(struct cpu_times *c);

/* Seconds since boot from /proc/uptime: 0 or -1. */
int proc_read_uptime(double *seconds);

/* The three load averages of /proc/loadavg: 0 or -1. */
int proc_read_loadavg(double load[3]);

#endif /* PROCINFO_H */
