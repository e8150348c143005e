/*
 * observe.c - the files that show the kernel's statistics, each read in
 * Linux's layout and checked for behaviour: /proc/slabinfo (version 2.1
 * rows, counts that add up), /proc/vmstat (pgfault grows as pages are
 * touched), /proc/interrupts (a CPUn column per online processor, the
 * local timer counting), /proc/stat's intr/ctxt/procs lines (ctxt grows
 * as two processes take turns), /proc/sys/kernel/printk, and the kernel
 * log as syslog(2) gives it ("<N>[seconds.micros] text" lines, a record
 * written to /dev/kmsg found at its level).  Runs on the Linux host too,
 * where Linux is the oracle (slabinfo needs root there; the log is only
 * written to inside our kernel).
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <fcntl.h>
#include <sched.h>
#include <sys/klog.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include "t.h"

#define SYSLOG_ACTION_READ_ALL		3
#define SYSLOG_ACTION_SIZE_BUFFER	10
#define BIG	(256 * 1024)
#define TOUCH_PAGES	64
#define PINGPONGS	50

static char buf[BIG];

/* slurp: a whole file into buf (NUL-terminated); its length or -1. */
static long slurp(const char *path, char *out, size_t size)
{
	int fd = open(path, O_RDONLY);
	long len = 0, n;

	if (fd < 0)
		return -1;
	while (len < (long)size - 1 && (n = read(fd, out + len, size - 1 - len)) > 0)
		len += n;
	close(fd);
	out[len] = 0;
	return len;
}

/* The number after "key " (or "key:") at a line start in text; -1 when absent. */
static long long keyed(const char *text, const char *key)
{
	size_t n = strlen(key);
	for (const char *p = text; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL)
		if (strncmp(p, key, n) == 0 && (p[n] == ' ' || p[n] == ':'))
			return strtoll(p + n + 1, NULL, 10);
	return -1;
}

static long long vmstat_value(const char *key)
{
	static char text[16384];
	if (slurp("/proc/vmstat", text, sizeof(text)) < 0)
		return -1;
	return keyed(text, key);
}

static int in_our_kernel(void)
{
	char v[512];
	return slurp("/proc/version", v, sizeof(v)) > 0 && strstr(v, "isolate@build");
}

static void test_slabinfo(void)
{
	long len = slurp("/proc/slabinfo", buf, sizeof(buf));
	if (len < 0 && errno == EACCES && geteuid() != 0) {
		t_print("SKIP slabinfo: not root");
		return;
	}
	check("slabinfo-open", len > 0, "%s", strerror(errno));
	check("slabinfo-version", strncmp(buf, "slabinfo - version: 2.1\n", 24) == 0,
	      "first line '%.30s'", buf);
	char *line = strchr(buf, '\n');
	line = line ? line + 1 : buf;
	check("slabinfo-header", strncmp(line, "# name            <active_objs> <num_objs> <objsize> "
					     "<objperslab> <pagesperslab> : tunables", 74) == 0,
	      "'%.80s'", line);
	int rows = 0, bad = 0, kmalloc64 = 0;
	char badrow[200] = "";
	for (line = strchr(line, '\n'); line && line[1]; line = strchr(line + 1, '\n')) {
		char name[64];
		unsigned long active, num, size, perslab, pages, limit, batch, shared, aslabs, slabs, avail;
		int n = sscanf(line + 1, "%63s %lu %lu %lu %lu %lu : tunables %lu %lu %lu : slabdata %lu %lu %lu",
			       name, &active, &num, &size, &perslab, &pages, &limit, &batch, &shared,
			       &aslabs, &slabs, &avail);
		rows++;
		if (n != 12 || active > num || size * perslab > pages * 65536 || !perslab) {
			if (!bad++)
				snprintf(badrow, sizeof(badrow), "%.150s", line + 1);
			continue;
		}
		kmalloc64 |= strcmp(name, "kmalloc-64") == 0 && size == 64;
	}
	check("slabinfo-rows", rows > 0 && !bad, "%d rows, %d bad: '%s'", rows, bad, badrow);
	check("slabinfo-kmalloc-64", kmalloc64, "no kmalloc-64 row of 64-byte objects");
}

static void test_vmstat(void)
{
	long long free_pages = vmstat_value("nr_free_pages");
	check("vmstat-free", free_pages > 0, "nr_free_pages %lld", free_pages);
	check("vmstat-keys", vmstat_value("nr_file_pages") >= 0 && vmstat_value("pgpgin") >= 0 &&
	      vmstat_value("pgpgout") >= 0 && vmstat_value("pswpin") >= 0 &&
	      vmstat_value("pgalloc_normal") >= 0 && vmstat_value("pgfree") >= 0,
	      "a key of nr_file_pages pgpgin pgpgout pswpin pgalloc_normal pgfree is missing");
	long long before = vmstat_value("pgfault");
	long page = sysconf(_SC_PAGESIZE);
	char *p = mmap(NULL, TOUCH_PAGES * page, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED) {
		check("vmstat-pgfault", 0, "mmap: %s", strerror(errno));
		return;
	}
	for (int i = 0; i < TOUCH_PAGES; i++)
		p[i * page] = 1;
	long long after = vmstat_value("pgfault");
	munmap(p, TOUCH_PAGES * page);
	check("vmstat-pgfault", before >= 0 && after - before >= TOUCH_PAGES,
	      "pgfault %lld then %lld after touching %d pages", before, after, TOUCH_PAGES);
}

static void test_interrupts(void)
{
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	check("interrupts-open", slurp("/proc/interrupts", buf, sizeof(buf)) > 0, "%s",
	      strerror(errno));
	int cols = 0;
	const char *p = buf;
	while (*p && *p != '\n') {
		while (*p == ' ')
			p++;
		if (strncmp(p, "CPU", 3) == 0)
			cols++;
		while (*p && *p != ' ' && *p != '\n')
			p++;
	}
	check("interrupts-header", cols >= ncpu && strncmp(buf, "           CPU0", 15) == 0,
	      "%d CPU columns for %ld processors: '%.60s'", cols, ncpu, buf);
	/* Each row: a label and a colon, then one count per column. */
	int rows = 0, bad = 0;
	unsigned long long loc = 0;
	for (char *line = strchr(buf, '\n'); line && line[1]; line = strchr(line + 1, '\n')) {
		char label[16];
		int off;
		if (sscanf(line + 1, " %15[^:]:%n", label, &off) != 1) {
			bad++;
			continue;
		}
		char *q = line + 1 + off, *end;
		unsigned long long sum = 0;
		int counts = 0;
		for (; counts < cols; counts++) {
			unsigned long long v = strtoull(q, &end, 10);
			if (end == q)
				break;
			sum += v;
			q = end;
		}
		/* Linux's ERR and MIS rows have one count only. */
		if (counts != cols && strcmp(label, "ERR") && strcmp(label, "MIS"))
			bad++;
		if (strcmp(label, "LOC") == 0)
			loc = sum;
		rows++;
	}
	check("interrupts-rows", rows > 0 && !bad, "%d rows, %d bad", rows, bad);
	check("interrupts-timer", loc > 0, "no LOC row counting timer interrupts");
}

/* Two processes take turns through two pipes: each turn is a switch. */
static void pingpong(void)
{
	int ab[2], ba[2];
	char c = 0;
	if (pipe(ab) || pipe(ba))
		return;
	pid_t pid = fork();
	if (pid == 0) {
		for (int i = 0; i < PINGPONGS; i++)
			if (read(ab[0], &c, 1) != 1 || write(ba[1], &c, 1) != 1)
				_exit(1);
		_exit(0);
	}
	for (int i = 0; i < PINGPONGS; i++)
		if (write(ab[1], &c, 1) != 1 || read(ba[0], &c, 1) != 1)
			break;
	waitpid(pid, NULL, 0);
	close(ab[0]); close(ab[1]); close(ba[0]); close(ba[1]);
}

static void test_stat(void)
{
	static char text[65536];
	check("stat-open", slurp("/proc/stat", text, sizeof(text)) > 0, "%s", strerror(errno));
	long long intr = keyed(text, "intr"), ctxt = keyed(text, "ctxt");
	long long running = keyed(text, "procs_running"), blocked = keyed(text, "procs_blocked");
	check("stat-intr", intr > 0, "intr %lld", intr);
	check("stat-procs", running >= 1 && blocked >= 0, "procs_running %lld procs_blocked %lld",
	      running, blocked);
	pingpong();
	slurp("/proc/stat", text, sizeof(text));
	long long after = keyed(text, "ctxt");
	check("stat-ctxt", ctxt > 0 && after - ctxt >= PINGPONGS, "ctxt %lld then %lld after %d turns",
	      ctxt, after, PINGPONGS);
}

static void test_printk_sysctl(void)
{
	char text[64];
	int v[4];
	check("printk-read", slurp("/proc/sys/kernel/printk", text, sizeof(text)) > 0 &&
	      sscanf(text, "%d\t%d\t%d\t%d\n", &v[0], &v[1], &v[2], &v[3]) == 4 &&
	      v[0] >= 0 && v[0] <= 15 && v[2] >= 0 && v[3] >= 0,
	      "'%s'", text);
}

/* A log line: "<N>[ seconds.micros] text". */
static int log_line_ok(const char *line)
{
	const char *p = line;
	if (*p++ != '<' || !isdigit((unsigned char)*p))
		return 0;
	while (isdigit((unsigned char)*p))
		p++;
	if (*p++ != '>' || *p++ != '[')
		return 0;
	while (*p == ' ')
		p++;
	if (!isdigit((unsigned char)*p))
		return 0;
	while (isdigit((unsigned char)*p))
		p++;
	if (*p++ != '.')
		return 0;
	for (int i = 0; i < 6; i++)
		if (!isdigit((unsigned char)*p++))
			return 0;
	return p[0] == ']' && p[1] == ' ';
}

static void test_syslog(void)
{
	int size = klogctl(SYSLOG_ACTION_SIZE_BUFFER, NULL, 0);
	char *log = size > 0 ? malloc(size + 1) : NULL;
	if (!log) {
		check("syslog-size", 0, "size %d: %s", size, strerror(errno));
		return;
	}
	char mark[64];
	snprintf(mark, sizeof(mark), "observe-mark-%d", getpid());
	int ours = in_our_kernel();
	if (ours) {
		char rec[96];
		int fd = open("/dev/kmsg", O_WRONLY);
		snprintf(rec, sizeof(rec), "<3>%s\n", mark);
		check("kmsg-write", fd >= 0 && write(fd, rec, strlen(rec)) == (long)strlen(rec),
		      "%s", strerror(errno));
		if (fd >= 0)
			close(fd);
	}
	int n = klogctl(SYSLOG_ACTION_READ_ALL, log, size);
	if (n < 0 && errno == EPERM) {
		t_print("SKIP syslog: dmesg_restrict");
		free(log);
		return;
	}
	check("syslog-read", n > 0, "%s", strerror(errno));
	log[n > 0 ? n : 0] = 0;
	/* The buffer may begin in the middle of a line: judge the whole ones. */
	int lines = 0, bad = 0;
	char badline[100] = "";
	const char *found = NULL;
	for (char *line = strchr(log, '\n'); line && line[1]; line = strchr(line + 1, '\n')) {
		lines++;
		if (!log_line_ok(line + 1) && !bad++)
			snprintf(badline, sizeof(badline), "%.80s", line + 1);
		const char *m = strstr(line + 1, mark);
		if (m && m < (strchr(line + 1, '\n') ? strchr(line + 1, '\n') : m + 1))
			found = line + 1;
	}
	check("syslog-lines", lines > 0 && !bad, "%d lines, %d bad: '%s'", lines, bad, badline);
	/* LOG_USER (1 << 3) with level 3, as Linux's /dev/kmsg stores it. */
	if (ours)
		check("syslog-kmsg-level", found && strncmp(found, "<11>[", 5) == 0,
		      "record '%.60s'", found ? found : "(not found)");
	free(log);
}

int main(void)
{
	test_slabinfo();
	test_vmstat();
	test_interrupts();
	test_stat();
	test_printk_sysctl();
	test_syslog();
	return 0;
}
