/*
 * ps: report processes, reading Linux's /proc formats:
 *   /proc/PID/stat     pid, comm, state, ppid, pgrp, session, tty_nr,
 *                      tpgid, utime, stime, nice, num_threads, starttime,
 *                      vsize, rss (fields 1-8, 14, 15, 19, 20, 22-24)
 *   /proc/PID/status   the "Uid:" line (real and effective uid)
 *   /proc/PID/cmdline  the arguments, NUL separated
 *   /proc/meminfo      MemTotal, for %MEM
 *   /proc/uptime       seconds since boot, for %CPU, START and STIME
 *
 *   ps              PID TTY TIME CMD for this user's processes on this tty
 *   ps -e | -A      the same columns for every process
 *   ps -f, ps -ef   UID PID PPID C STIME TTY TIME CMD
 *   ps aux          USER PID %CPU %MEM VSZ RSS TTY STAT START TIME COMMAND
 *   ps ax           PID TTY STAT TIME COMMAND
 *   ps -o LIST      the columns named, comma separated: pid, ppid, user,
 *                   pidns (the inode of the /proc/PID/ns/pid link: which
 *                   pid namespace the process is in), comm, cmd (or args)
 *   --forest        children under their parents, drawn as procps draws
 *                   them ("\_ " before a child, four columns per level)
 * A process that exits while it is being read is silently skipped.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "procinfo.h"

#define PROC PROC_ROOT
#define CMDLINE_MAX 4096
#define COMM_MAX PROC_COMM_MAX
#define SECONDS_PER_DAY (24 * 60 * 60)
#define NS_LINK_MAX 64
#define MAX_COLUMNS 16
#define FOREST_INDENT 4		/* columns per level of --forest */
#define INIT_PID 1

/* Character-device majors that name terminals (Linux devices.txt). */
#define TTY_MAJOR 4		/* tty0..63 virtual consoles, ttyS serial */
#define TTY_SERIAL_MINOR 64
#define TTYAUX_MAJOR 5		/* 5,1 is /dev/console */
#define CONSOLE_MINOR 1
#define PTS_MAJOR_FIRST 136
#define PTS_MAJOR_LAST 143

enum format { FMT_DEFAULT, FMT_FULL, FMT_USER, FMT_BSD, FMT_CUSTOM };

struct proc {
	struct proc_stat st;
	unsigned euid;
	unsigned long long pidns;	/* 0 when the link cannot be read */
	int depth;			/* --forest: ancestors shown above it */
	char cmdline[CMDLINE_MAX];	/* empty for kernel threads */
};

/* A column of ps -o. */
enum column_kind { COL_PID, COL_PPID, COL_USER, COL_PIDNS, COL_COMM, COL_CMD };

static const struct column {
	const char *name;	/* as -o takes it */
	const char *header;
	enum column_kind kind;
} columns[] = {
	{ "pid", "  PID", COL_PID },
	{ "ppid", " PPID", COL_PPID },
	{ "user", "USER    ", COL_USER },
	{ "pidns", "     PIDNS", COL_PIDNS },
	{ "comm", "COMMAND", COL_COMM },
	{ "cmd", "CMD", COL_CMD },
	{ "args", "COMMAND", COL_CMD },
};
#define NCOLUMNS (sizeof(columns) / sizeof(columns[0]))

static const struct column *chosen[MAX_COLUMNS];
static int nchosen;
static int forest;

static long clock_ticks, page_size;
static double uptime_seconds;
static unsigned long long mem_total_kib;
static time_t boot_time;

static void
usage(void)
{
	fprintf(stderr, "usage: ps [-Aef] [-o pid,ppid,user,pidns,comm,cmd] [--forest]\n"
	    "       ps [aux]\n");
	exit(1);
}

/* The inode in the /proc/PID/ns/pid link, "pid:[4026531836]"; 0 if unreadable. */
static unsigned long long
read_pidns(int pid)
{
	char path[64], link[NS_LINK_MAX];
	unsigned long long ino;
	ssize_t n;

	snprintf(path, sizeof(path), PROC "/%d/ns/pid", pid);
	n = readlink(path, link, sizeof(link) - 1);
	if (n < 0)
		return 0;
	link[n] = '\0';
	return sscanf(link, "pid:[%llu]", &ino) == 1 ? ino : 0;
}

/*
 * Only stat is required; a kernel without status or cmdline still gets
 * a listing (uid 0, command shown as [comm]).
 */
static int
read_proc(int pid, struct proc *p)
{
	char path[64], buf[CMDLINE_MAX];
	ssize_t n;

	memset(p, 0, sizeof(*p));
	if (proc_read_stat(pid, &p->st) < 0)
		return -1;
	snprintf(path, sizeof(path), PROC "/%d/status", pid);
	if (proc_read_file(path, buf, sizeof(buf)) >= 0)
		p->euid = proc_parse_euid(buf);
	p->pidns = read_pidns(pid);
	snprintf(path, sizeof(path), PROC "/%d/cmdline", pid);
	n = proc_read_file(path, p->cmdline, sizeof(p->cmdline));
	for (ssize_t i = 0; i < n; i++)
		if (p->cmdline[i] == '\0' || p->cmdline[i] == '\n' || p->cmdline[i] == '\t')
			p->cmdline[i] = ' ';	/* procps shows them so: one row a process */
	while (n > 0 && p->cmdline[n - 1] == ' ')
		p->cmdline[--n] = '\0';
	return 0;
}

static void
read_system(void)
{
	struct mem_info mem;

	clock_ticks = sysconf(_SC_CLK_TCK);
	page_size = sysconf(_SC_PAGESIZE);
	if (clock_ticks <= 0)
		clock_ticks = 100;
	if (page_size <= 0)
		page_size = 4096;
	proc_read_uptime(&uptime_seconds);
	if (proc_read_meminfo(&mem) == 0)
		mem_total_kib = mem.total;
	boot_time = time(NULL) - (time_t)uptime_seconds;
}

static void
tty_name(int tty_nr, char *out, size_t size)
{
	unsigned major = (tty_nr >> 8) & 0xfff;
	unsigned minor = (tty_nr & 0xff) | ((tty_nr >> 12) & 0xfff00);

	if (tty_nr == 0)
		snprintf(out, size, "?");
	else if (major >= PTS_MAJOR_FIRST && major <= PTS_MAJOR_LAST)
		snprintf(out, size, "pts/%u", (major - PTS_MAJOR_FIRST) * 256 + minor);
	else if (major == TTY_MAJOR && minor >= TTY_SERIAL_MINOR)
		snprintf(out, size, "ttyS%u", minor - TTY_SERIAL_MINOR);
	else if (major == TTY_MAJOR)
		snprintf(out, size, "tty%u", minor);
	else if (major == TTYAUX_MAJOR && minor == CONSOLE_MINOR)
		snprintf(out, size, "console");
	else
		snprintf(out, size, "%u,%u", major, minor);
}

static const char *
user_name(unsigned uid)
{
	static char buf[16];
	struct passwd *pw = getpwuid(uid);

	if (pw)
		return pw->pw_name;
	snprintf(buf, sizeof(buf), "%u", uid);
	return buf;
}

static unsigned long long
cpu_seconds(const struct proc *p)
{
	return (p->st.utime + p->st.stime) / clock_ticks;
}

/* CPU use over the process's lifetime, in percent. */
static double
cpu_percent(const struct proc *p)
{
	double alive = uptime_seconds - (double)p->st.starttime / clock_ticks;

	if (alive <= 0)
		return 0;
	return (double)(p->st.utime + p->st.stime) / clock_ticks / alive * 100;
}

/* "HH:MM" today, "MonDD" this year, else the year. */
static void
start_time(const struct proc *p, char *out, size_t size)
{
	time_t now = time(NULL);
	time_t start = boot_time + (time_t)(p->st.starttime / clock_ticks);
	struct tm start_tm, now_tm;

	localtime_r(&start, &start_tm);
	localtime_r(&now, &now_tm);
	if (now - start < SECONDS_PER_DAY)
		strftime(out, size, "%H:%M", &start_tm);
	else if (start_tm.tm_year == now_tm.tm_year)
		strftime(out, size, "%b%d", &start_tm);
	else
		strftime(out, size, "%Y", &start_tm);
}

static void
bsd_state(const struct proc *p, char *out)
{
	char *s = out;

	*s++ = p->st.state;
	if (p->st.nice < 0)
		*s++ = '<';
	else if (p->st.nice > 0)
		*s++ = 'N';
	if (p->st.pid == p->st.session)
		*s++ = 's';
	if (p->st.threads > 1)
		*s++ = 'l';
	if (p->st.tty_nr != 0 && p->st.tpgid == p->st.pgrp)
		*s++ = '+';
	*s = '\0';
}

/* Arguments, or "[comm]" for processes without any (kernel threads). */
static const char *
command(const struct proc *p, char *buf, size_t size)
{
	if (p->cmdline[0])
		return p->cmdline;
	snprintf(buf, size, "[%s]", p->st.comm);
	return buf;
}

/* --forest: what goes before a command, by its depth in the tree. */
static const char *
tree(const struct proc *p)
{
	static char prefix[256];
	int spaces = (p->depth - 1) * FOREST_INDENT;

	if (!forest || p->depth == 0)
		return "";
	if (spaces > (int)sizeof(prefix) - 5)
		spaces = sizeof(prefix) - 5;
	snprintf(prefix, sizeof(prefix), "%*s \\_ ", spaces, "");
	return prefix;
}

/* One row of -o: each column as wide as its header, the last unpadded. */
static void
print_columns(const struct proc *p)
{
	char cmd[COMM_MAX + 2];

	for (int i = 0; i < nchosen; i++) {
		const char *sep = i + 1 < nchosen ? " " : "\n";
		int w = strlen(chosen[i]->header);

		switch (chosen[i]->kind) {
		case COL_PID: printf("%*d%s", w, p->st.pid, sep); break;
		case COL_PPID: printf("%*d%s", w, p->st.ppid, sep); break;
		case COL_USER:
			printf("%-*s%s", i + 1 < nchosen ? w : 0, user_name(p->euid), sep);
			break;
		case COL_PIDNS:
			if (p->pidns)
				printf("%*llu%s", w, p->pidns, sep);
			else
				printf("%*s%s", w, "-", sep);
			break;
		case COL_COMM: printf("%s%s%s", tree(p), p->st.comm, sep); break;
		case COL_CMD: printf("%s%s%s", tree(p), command(p, cmd, sizeof(cmd)), sep); break;
		}
	}
}

static void
print_header(enum format fmt)
{
	switch (fmt) {
	case FMT_DEFAULT:
		puts("  PID TTY          TIME CMD");
		break;
	case FMT_FULL:
		puts("UID        PID  PPID  C STIME TTY          TIME CMD");
		break;
	case FMT_USER:
		puts("USER       PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND");
		break;
	case FMT_BSD:
		puts("  PID TTY      STAT   TIME COMMAND");
		break;
	case FMT_CUSTOM:
		for (int i = 0; i < nchosen; i++)
			printf("%s%s", chosen[i]->header, i + 1 < nchosen ? " " : "\n");
		break;
	}
}

static void
print_proc(enum format fmt, const struct proc *p)
{
	char tty[32], start[16], stat[8], cmd[COMM_MAX + 2];
	unsigned long long cpu = cpu_seconds(p);
	unsigned long long rss_kib = p->st.rss * page_size / 1024;

	tty_name(p->st.tty_nr, tty, sizeof(tty));
	switch (fmt) {
	case FMT_DEFAULT:
		printf("%5d %-8s %02llu:%02llu:%02llu %s%s\n", p->st.pid, tty,
		    cpu / 3600, cpu / 60 % 60, cpu % 60, tree(p), p->st.comm);
		break;
	case FMT_FULL:
		start_time(p, start, sizeof(start));
		printf("%-8s %5d %5d %2d %5s %-8s %02llu:%02llu:%02llu %s%s\n",
		    user_name(p->euid), p->st.pid, p->st.ppid, (int)cpu_percent(p), start,
		    tty, cpu / 3600, cpu / 60 % 60, cpu % 60, tree(p),
		    command(p, cmd, sizeof(cmd)));
		break;
	case FMT_USER:
		start_time(p, start, sizeof(start));
		bsd_state(p, stat);
		printf("%-8s %5d %4.1f %4.1f %6llu %5llu %-8s %-4s %5s %3llu:%02llu %s%s\n",
		    user_name(p->euid), p->st.pid, cpu_percent(p),
		    mem_total_kib ? (double)rss_kib * 100 / mem_total_kib : 0.0,
		    p->st.vsize / 1024, rss_kib, tty, stat, start, cpu / 60, cpu % 60,
		    tree(p), command(p, cmd, sizeof(cmd)));
		break;
	case FMT_BSD:
		bsd_state(p, stat);
		printf("%5d %-8s %-4s %3llu:%02llu %s%s\n", p->st.pid, tty, stat,
		    cpu / 60, cpu % 60, tree(p), command(p, cmd, sizeof(cmd)));
		break;
	case FMT_CUSTOM:
		print_columns(p);
		break;
	}
}

/* -o pid,ppid,...: the columns, in order. */
static void
parse_columns(const char *list)
{
	const char *word = list;

	for (;;) {
		size_t len = strcspn(word, ",");
		size_t i;

		for (i = 0; i < NCOLUMNS; i++)
			if (strlen(columns[i].name) == len && strncmp(columns[i].name, word, len) == 0)
				break;
		if (i == NCOLUMNS || nchosen == MAX_COLUMNS) {
			fprintf(stderr, "ps: -o %s: unknown or too many columns\n", list);
			usage();
		}
		chosen[nchosen++] = &columns[i];
		if (word[len] == '\0')
			return;
		word += len + 1;
	}
}

/*
 * Parse either BSD words ("aux") or dash options ("-ef").  select_all
 * is 2 for every process, 1 for those with a terminal (BSD "a").
 */
static void
parse_args(int argc, char *argv[], enum format *fmt, int *select_all)
{
	int c;

	if (argc == 2 && argv[1][0] != '-') {
		int a = 0, x = 0;
		for (const char *s = argv[1]; *s; s++) {
			switch (*s) {
			case 'a': a = 1; break;
			case 'x': x = 1; break;
			case 'u': *fmt = FMT_USER; break;
			default: usage();
			}
		}
		if (*fmt != FMT_USER)
			*fmt = FMT_BSD;
		*select_all = a && x ? 2 : a ? 1 : 0;
		return;
	}
	static const struct option long_options[] = {
		{ "forest", no_argument, NULL, 'F' },
		{ NULL, 0, NULL, 0 },
	};
	while ((c = getopt_long(argc, argv, "Aefo:", long_options, NULL)) != -1) {
		switch (c) {
		case 'A':
		case 'e': *select_all = 2; break;
		case 'f': *fmt = FMT_FULL; break;
		case 'o': *fmt = FMT_CUSTOM; parse_columns(optarg); break;
		case 'F': forest = 1; break;
		default: usage();
		}
	}
	if (optind < argc)
		usage();
}

/* The processes the options select, in pid order. */
static struct proc *
read_selected(int select_all, const struct proc *self, size_t *nprocs)
{
	size_t count, n = 0;
	int *pids = proc_list_pids(&count);
	struct proc *procs;

	if (pids == NULL) {
		fprintf(stderr, "ps: %s: %s\n", PROC, strerror(errno));
		exit(1);
	}
	procs = calloc(count ? count : 1, sizeof(*procs));
	if (procs == NULL) {
		fprintf(stderr, "ps: %s\n", strerror(errno));
		exit(1);
	}
	for (size_t i = 0; i < count; i++) {
		struct proc *p = &procs[n];
		if (read_proc(pids[i], p) < 0)
			continue;	/* it exited meanwhile */
		if (select_all == 1 && p->st.tty_nr == 0)
			continue;
		if (select_all == 0 && (p->st.tty_nr != self->st.tty_nr || p->euid != self->euid))
			continue;
		n++;
	}
	free(pids);
	*nprocs = n;
	return procs;
}

static int
is_listed(const struct proc *procs, size_t n, int pid)
{
	for (size_t i = 0; i < n; i++)
		if (procs[i].st.pid == pid)
			return 1;
	return 0;
}

/*
 * --forest starts a tree at each process whose parent is not shown, and,
 * as procps does, at each child of PID 1: init's children stand at the
 * left rather than all under it.
 */
static int
is_root(const struct proc *procs, size_t n, const struct proc *p)
{
	return p->st.ppid == INIT_PID || !is_listed(procs, n, p->st.ppid);
}

/* Print p, then its children (depth first, in pid order) below it. */
static void
print_subtree(enum format fmt, struct proc *procs, size_t n, size_t at, int depth)
{
	procs[at].depth = depth;
	print_proc(fmt, &procs[at]);
	for (size_t i = 0; i < n; i++)
		if (procs[i].st.ppid == procs[at].st.pid && !is_root(procs, n, &procs[i]))
			print_subtree(fmt, procs, n, i, depth + 1);
}

int
main(int argc, char *argv[])
{
	enum format fmt = FMT_DEFAULT;
	struct proc self, *procs;
	int select_all = 0;
	size_t n;

	parse_args(argc, argv, &fmt, &select_all);
	read_system();
	if (read_proc(getpid(), &self) < 0) {
		fprintf(stderr, "ps: %s/%d: %s\n", PROC, getpid(), strerror(errno));
		return 1;
	}
	procs = read_selected(select_all, &self, &n);
	print_header(fmt);
	for (size_t i = 0; i < n; i++) {
		if (!forest)
			print_proc(fmt, &procs[i]);
		else if (is_root(procs, n, &procs[i]))
			print_subtree(fmt, procs, n, i, 0);
	}
	free(procs);
	return fflush(stdout) != 0;
}
