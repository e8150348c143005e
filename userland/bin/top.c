/*
 * top: a live view of the system and its busiest processes, in the layout
 * of procps top, read from /proc only (userland/lib/procinfo):
 *
 *   top - 10:20:30 up  3:04,  1 user,  load average: 0.00, 0.00, 0.00
 *   Tasks:  12 total,   1 running,  11 sleeping,   0 stopped,   0 zombie
 *   %Cpu(s):  1.0 us,  2.0 sy,  0.0 ni, 97.0 id,  0.0 wa,  0.0 hi,  0.0 si,  0.0 st
 *   MiB Mem :    241.2 total,    200.1 free,     20.3 used,     20.8 buff/cache
 *   MiB Swap:      0.0 total,      0.0 free,      0.0 used.    215.0 avail Mem
 *
 *       PID USER      PR  NI    VIRT    RES    SHR S  %CPU  %MEM     TIME+ COMMAND
 *
 * then the processes, busiest first.  %CPU is the share of one processor
 * a process used since the last refresh (the first screen: since it
 * started), %Cpu(s) the same for the whole system (first: since boot).
 *
 *   top [-b] [-d SECONDS] [-n COUNT] [-p PID[,PID...]]
 *   -b  batch: screens one after the other on stdout, no terminal needed
 *   -d  seconds between refreshes (default 3, fractions allowed)
 *   -n  stop after COUNT screens
 *   -p  only these processes
 * Interactively the terminal is in raw mode (restored on exit, on q, and
 * on SIGINT, SIGTERM or SIGHUP); q quits, any other key refreshes now.
 */
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "accounts.h"
#include "logins.h"
#include "procinfo.h"

#define DEFAULT_DELAY	3.0
#define MAX_PIDS	20	/* -p, as procps */
#define HEADER_LINES	7	/* the summary, a blank line, the column names */
#define DEFAULT_ROWS	24
#define KIB_PER_MIB	1024.0
#define RT_PRIORITY	(-100)	/* stat's priority of a real-time task at the top */

/* One process as a screen shows it. */
struct task_row {
	struct proc_stat st;
	unsigned euid;
	unsigned long long shr_pages;
	double cpu;		/* percent of one processor */
};

/* What one refresh read: the rows and the totals to compare with the next. */
struct sample {
	struct task_row *rows;
	size_t n;
	struct cpu_times cpu;
	double uptime;		/* seconds since boot */
};

static struct termios saved_tty;
static int tty_raw;
static volatile sig_atomic_t stop_signal;
static long clock_ticks, page_size;

static void
usage(void)
{
	fprintf(stderr, "usage: top [-b] [-d SECONDS] [-n COUNT] [-p PID[,PID...]]\n");
	exit(1);
}

static void
restore_tty(void)
{
	if (tty_raw) {
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved_tty);
		fputs("\n", stdout);
		fflush(stdout);
		tty_raw = 0;
	}
}

static void
on_stop_signal(int sig)
{
	stop_signal = sig;
}

/* Raw mode: keys arrive one by one, unechoed; output is left as it was. */
static void
enter_raw_mode(void)
{
	struct termios raw;
	struct sigaction sa;

	if (tcgetattr(STDIN_FILENO, &saved_tty) < 0) {
		fprintf(stderr, "top: stdin: %s (batch mode is -b)\n", strerror(errno));
		exit(1);
	}
	raw = saved_tty;
	raw.c_lflag &= ~(ICANON | ECHO);
	raw.c_cc[VMIN] = 1;
	raw.c_cc[VTIME] = 0;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop_signal;	/* no SA_RESTART: poll returns EINTR */
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	if (tcsetattr(STDIN_FILENO, TCSAFLUSH, &raw) < 0) {
		fprintf(stderr, "top: stdin: %s\n", strerror(errno));
		exit(1);
	}
	tty_raw = 1;
	atexit(restore_tty);
}

static double
monotonic_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int
selected(int pid, const int *pids, int npids)
{
	if (npids == 0)
		return 1;
	for (int i = 0; i < npids; i++)
		if (pids[i] == pid)
			return 1;
	return 0;
}

/* RES and SHR come from statm (pages); euid from status. */
static int
read_row(int pid, struct task_row *r)
{
	char path[64], buf[4096];
	unsigned long long size, resident;

	memset(r, 0, sizeof(*r));
	if (proc_read_stat(pid, &r->st) < 0)
		return -1;
	snprintf(path, sizeof(path), PROC_ROOT "/%d/status", pid);
	if (proc_read_file(path, buf, sizeof(buf)) >= 0)
		r->euid = proc_parse_euid(buf);
	snprintf(path, sizeof(path), PROC_ROOT "/%d/statm", pid);
	if (proc_read_file(path, buf, sizeof(buf)) < 0 ||
	    sscanf(buf, "%llu %llu %llu", &size, &resident, &r->shr_pages) != 3)
		r->shr_pages = 0;
	return 0;
}

static int
read_sample(struct sample *s)
{
	size_t count;
	int *all = proc_list_pids(&count);

	if (all == NULL)
		return -1;
	s->rows = calloc(count ? count : 1, sizeof(*s->rows));
	if (s->rows == NULL) {
		free(all);
		return -1;
	}
	s->n = 0;
	for (size_t i = 0; i < count; i++)
		if (read_row(all[i], &s->rows[s->n]) == 0)
			s->n++;		/* else it exited meanwhile */
	free(all);
	proc_read_cpu_times(&s->cpu);
	proc_read_uptime(&s->uptime);
	return 0;
}

static const struct task_row *
find_row(const struct sample *s, int pid)
{
	for (size_t i = 0; i < s->n; i++)
		if (s->rows[i].st.pid == pid)
			return &s->rows[i];
	return NULL;
}

/* %CPU of each row: ticks used since prev (over seconds elapsed), or
 * since it started when there is no earlier sample of it. */
static void
compute_cpu(struct sample *s, const struct sample *prev, double elapsed)
{
	for (size_t i = 0; i < s->n; i++) {
		struct task_row *r = &s->rows[i];
		unsigned long long used = r->st.utime + r->st.stime;
		const struct task_row *old = prev ? find_row(prev, r->st.pid) : NULL;
		double seconds;

		if (old && old->st.starttime == r->st.starttime) {
			used -= old->st.utime + old->st.stime;
			seconds = elapsed;
		} else {
			seconds = s->uptime - (double)r->st.starttime / clock_ticks;
		}
		r->cpu = seconds > 0 ? (double)used / clock_ticks / seconds * 100 : 0;
	}
}

static int
busiest_first(const void *a, const void *b)
{
	const struct task_row *x = a, *y = b;

	if (x->cpu != y->cpu)
		return x->cpu < y->cpu ? 1 : -1;
	return (x->st.pid > y->st.pid) - (x->st.pid < y->st.pid);
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

static void
print_tasks_line(const struct sample *s)
{
	unsigned running = 0, sleeping = 0, stopped = 0, zombie = 0;

	for (size_t i = 0; i < s->n; i++) {
		switch (s->rows[i].st.state) {
		case 'R': running++; break;
		case 'S': case 'D': case 'I': sleeping++; break;
		case 'T': case 't': stopped++; break;
		case 'Z': zombie++; break;
		}
	}
	printf("Tasks: %3zu total, %3u running, %3u sleeping, %3u stopped, %3u zombie\n",
	    s->n, running, sleeping, stopped, zombie);
}

static void
print_cpu_line(const struct cpu_times *now, const struct cpu_times *prev)
{
	static const struct cpu_times zero;
	const struct cpu_times *p = prev ? prev : &zero;
	double d[8] = {
		(double)(now->user - p->user), (double)(now->system - p->system),
		(double)(now->nice - p->nice), (double)(now->idle - p->idle),
		(double)(now->iowait - p->iowait), (double)(now->irq - p->irq),
		(double)(now->softirq - p->softirq), (double)(now->steal - p->steal),
	};
	double total = 0;

	for (int i = 0; i < 8; i++)
		total += d[i];
	if (total <= 0)
		total = 1;
	printf("%%Cpu(s): %4.1f us, %4.1f sy, %4.1f ni, %4.1f id, %4.1f wa, %4.1f hi, "
	    "%4.1f si, %4.1f st\n", d[0] * 100 / total, d[1] * 100 / total,
	    d[2] * 100 / total, d[3] * 100 / total, d[4] * 100 / total,
	    d[5] * 100 / total, d[6] * 100 / total, d[7] * 100 / total);
}

/* procps's memory lines: used is what neither free nor buff/cache holds. */
static void
print_memory_lines(const struct mem_info *mi)
{
	struct mem_info m = *mi;
	unsigned long long cache, used, avail;

	cache = m.buffers + m.cached + m.reclaimable;
	used = m.total > m.free + cache ? m.total - m.free - cache : 0;
	avail = m.has_available ? m.available : m.free + cache;
	printf("MiB Mem : %8.1f total, %8.1f free, %8.1f used, %8.1f buff/cache\n",
	    m.total / KIB_PER_MIB, m.free / KIB_PER_MIB, used / KIB_PER_MIB,
	    cache / KIB_PER_MIB);
	printf("MiB Swap: %8.1f total, %8.1f free, %8.1f used. %8.1f avail Mem\n",
	    m.swap_total / KIB_PER_MIB, m.swap_free / KIB_PER_MIB,
	    (m.swap_total - m.swap_free) / KIB_PER_MIB, avail / KIB_PER_MIB);
}

static int
users_now(void)
{
	struct utmp *records;
	int n = read_records(sys_path(_PATH_UTMP), &records), users;

	if (n < 0)
		return -1;
	users = count_logins(records, n);
	free(records);
	return users;
}

static void
print_summary(const struct sample *s, const struct sample *prev, const struct mem_info *m)
{
	char line[160];
	double load[3];
	int have_load = proc_read_loadavg(load) == 0;

	format_uptime(line, sizeof(line), time(NULL), (long)s->uptime, users_now(),
	    have_load ? load : NULL);
	printf("top -%s\n", line);
	print_tasks_line(s);
	print_cpu_line(&s->cpu, prev ? &prev->cpu : NULL);
	print_memory_lines(m);
}

/* TIME+: minutes:seconds.hundredths of CPU time. */
static void
format_time_plus(char *out, size_t size, unsigned long long ticks)
{
	unsigned long long hundredths = ticks * 100 / clock_ticks;

	snprintf(out, size, "%llu:%02llu.%02llu", hundredths / 6000, hundredths / 100 % 60,
	    hundredths % 100);
}

static void
print_row(const struct task_row *r, unsigned long long mem_total_kib, int width)
{
	char pr[8], time_plus[24], line[512];
	unsigned long long res_kib = r->st.rss * page_size / 1024;
	int n;

	if (r->st.priority == RT_PRIORITY)
		snprintf(pr, sizeof(pr), "rt");
	else
		snprintf(pr, sizeof(pr), "%ld", r->st.priority);
	format_time_plus(time_plus, sizeof(time_plus), r->st.utime + r->st.stime);
	n = snprintf(line, sizeof(line), "%7d %-8.8s %3s %3ld %7llu %6llu %6llu %c %5.1f %5.1f %9s %s",
	    r->st.pid, user_name(r->euid), pr, r->st.nice, r->st.vsize / 1024, res_kib,
	    r->shr_pages * page_size / 1024, r->st.state, r->cpu,
	    mem_total_kib ? (double)res_kib * 100 / mem_total_kib : 0.0, time_plus, r->st.comm);
	if (width > 0 && n > width)
		line[width] = '\0';	/* a screen row never wraps */
	puts(line);
}

/* One screen: the summary, then as many rows as fit (all in batch mode). */
static void
print_screen(struct sample *s, const struct sample *prev, const int *pids, int npids,
    int batch)
{
	struct winsize ws;
	int rows = 0, width = 0, shown = 0;
	struct mem_info m;

	if (!batch) {
		rows = DEFAULT_ROWS;
		if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0) {
			rows = ws.ws_row;
			width = ws.ws_col;
		}
		fputs("\033[H\033[2J", stdout);	/* home, clear */
	}
	if (proc_read_meminfo(&m) < 0)
		memset(&m, 0, sizeof(m));
	print_summary(s, prev, &m);
	printf("\n    PID USER      PR  NI    VIRT    RES    SHR S  %%CPU  %%MEM     TIME+ COMMAND\n");
	qsort(s->rows, s->n, sizeof(*s->rows), busiest_first);
	for (size_t i = 0; i < s->n; i++) {
		if (!selected(s->rows[i].st.pid, pids, npids))
			continue;
		if (!batch && shown >= rows - HEADER_LINES)
			break;
		print_row(&s->rows[i], m.total, width);
		shown++;
	}
	if (batch)
		putchar('\n');
	fflush(stdout);
}

/* Wait up to seconds for a key (interactive) or just wait (batch);
 * returns 'q' to quit. */
static int
wait_between(double seconds, int batch)
{
	double end = monotonic_seconds() + seconds;
	struct pollfd pfd = { .fd = STDIN_FILENO, .events = POLLIN };
	char key;

	for (;;) {
		double left = end - monotonic_seconds();
		if (stop_signal)
			return 'q';
		if (left <= 0)
			return 0;
		if (batch) {
			struct timespec ts = { (time_t)left, (long)((left - (time_t)left) * 1e9) };
			nanosleep(&ts, NULL);
			continue;
		}
		int n = poll(&pfd, 1, (int)(left * 1000) + 1);
		if (n > 0) {
			if (read(STDIN_FILENO, &key, 1) != 1)
				return 'q';	/* the terminal went away */
			return key == 'q' ? 'q' : 0;
		}
	}
}

/* -p 1,2,3 (and -p given again): the pids, at most MAX_PIDS. */
static void
parse_pids(const char *arg, int *pids, int *npids)
{
	char *end;

	for (const char *s = arg;; s = end + 1) {
		long pid = strtol(s, &end, 10);
		if (end == s || pid <= 0 || pid > INT_MAX || (*end != ',' && *end != '\0')) {
			fprintf(stderr, "top: -p %s: not a process id list\n", arg);
			usage();
		}
		if (*npids == MAX_PIDS) {
			fprintf(stderr, "top: -p: at most %d processes\n", MAX_PIDS);
			usage();
		}
		pids[(*npids)++] = (int)pid;
		if (*end == '\0')
			return;
	}
}

int
main(int argc, char *argv[])
{
	int batch = 0, pids[MAX_PIDS], npids = 0, c;
	long count = -1;
	double delay = DEFAULT_DELAY, last;
	char *end;
	struct sample s, prev = { 0 };
	int have_prev = 0;

	while ((c = getopt(argc, argv, "bd:n:p:")) != -1) {
		switch (c) {
		case 'b':
			batch = 1;
			break;
		case 'd':
			delay = strtod(optarg, &end);
			if (end == optarg || *end != '\0' || delay < 0 || delay > 1e6) {
				fprintf(stderr, "top: -d %s: not a delay in seconds\n", optarg);
				usage();
			}
			break;
		case 'n':
			count = strtol(optarg, &end, 10);
			if (end == optarg || *end != '\0' || count < 1) {
				fprintf(stderr, "top: -n %s: not a positive count\n", optarg);
				usage();
			}
			break;
		case 'p':
			parse_pids(optarg, pids, &npids);
			break;
		default:
			usage();
		}
	}
	if (optind < argc)
		usage();
	clock_ticks = sysconf(_SC_CLK_TCK);
	page_size = sysconf(_SC_PAGESIZE);
	if (clock_ticks <= 0)
		clock_ticks = 100;
	if (page_size <= 0)
		page_size = 4096;
	if (!batch)
		enter_raw_mode();
	last = monotonic_seconds();
	for (long shown = 0; count < 0 || shown < count; shown++) {
		if (shown > 0 && wait_between(delay, batch) == 'q')
			break;
		if (read_sample(&s) < 0) {
			restore_tty();
			fprintf(stderr, "top: %s: %s\n", PROC_ROOT, strerror(errno));
			return 1;
		}
		double now = monotonic_seconds();
		compute_cpu(&s, have_prev ? &prev : NULL, now - last);
		last = now;
		print_screen(&s, have_prev ? &prev : NULL, pids, npids, batch);
		free(prev.rows);
		prev = s;
		have_prev = 1;
	}
	free(prev.rows);
	restore_tty();
	if (stop_signal) {
		signal(stop_signal, SIG_DFL);
		raise(stop_signal);
	}
	return ferror(stdout) ? 1 : 0;
}
