/*
 * jobs.c - the job table and job control (XCU 2.11, jobs/fg/bg/wait/kill).
 *
 * Every command the shell forks belongs to a job: one entry per pipeline.
 * Foreground jobs stay anonymous (number 0) unless they stop; background
 * and stopped jobs get the lowest free number.  With job control (set -m on
 * a terminal) each job is its own process group, and the foreground one
 * owns the terminal while it runs.  Child status is collected with
 * waitpid(-1), so a background job that ends while the shell waits for the
 * foreground one is recorded, and reported before the next prompt.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include "sh.h"
#include "signame.h"

enum { P_RUNNING, P_STOPPED, P_DONE };

#define TTY_TRIES 100	/* SIGTTIN rounds before giving up job control */

struct proc {
	pid_t pid;
	int status;		/* wait status once stopped or done */
	int state;
};

struct job {
	struct job *next;
	int num;		/* 0: an anonymous foreground job */
	pid_t pgid;
	char *text;
	struct proc *procs;
	int nprocs, cap;
	int notified;		/* current state already reported */
	unsigned seq;		/* recency, for %+ and %- */
	int waited;		/* status collected by wait or fg */
};

static struct job *jobs;
static unsigned job_seq;
int tty_fd = -1;
pid_t shell_pgid;
static struct termios shell_tmodes;
static int have_tmodes;

int job_control_active(void)
{
	return opt.monitor && tty_fd >= 0 && !in_subshell;
}

void jobs_init(void)
{
	int fd = open("/dev/tty", O_RDWR | O_CLOEXEC);
	if (fd < 0 && isatty(2))
		fd = fcntl(2, F_DUPFD_CLOEXEC, 10);
	if (fd < 0) {
		opt.monitor = 0;
		return;
	}
	tty_fd = fd_move_high(fd);
	/* Wait until we are in the foreground before taking the terminal
	 * (SIGTTIN stops us until then). */
	for (int tries = 0;; tries++) {
		pid_t fg = tcgetpgrp(tty_fd);
		if (fg == getpgrp())
			break;
		if (fg < 0 || tries == TTY_TRIES) {
			sh_warn("cannot take the terminal: job control off");
			close(tty_fd);
			tty_fd = -1;
			opt.monitor = 0;
			return;
		}
		kill(0, SIGTTIN);
	}
	signal(SIGTSTP, SIG_IGN);
	signal(SIGTTIN, SIG_IGN);
	signal(SIGTTOU, SIG_IGN);
	shell_pgid = getpid();
	if (getpgrp() != shell_pgid && setpgid(0, shell_pgid) < 0)
		shell_pgid = getpgrp();
	tcsetpgrp(tty_fd, shell_pgid);
	have_tmodes = tcgetattr(tty_fd, &shell_tmodes) == 0;
}

void job_child_setup(pid_t pgid, int foreground)
{
	if (!job_control_active())
		return;
	/* Default dispositions first: a ^C or ^Z typed while the child joins
	 * its group must not be lost.  SIGTTOU stays ignored until the child
	 * has taken the terminal, which it may do from the background. */
	trap_child_reset();
	signal(SIGTSTP, SIG_DFL);
	signal(SIGTTIN, SIG_DFL);
	setpgid(0, pgid);
	if (foreground)
		tcsetpgrp(tty_fd, getpgrp());
	signal(SIGTTOU, SIG_DFL);
}

/* The lowest number no job in the table uses. */
static int free_job_number(void)
{
	int num = 1;
	for (int again = 1; again; ) {
		again = 0;
		for (struct job *o = jobs; o; o = o->next)
			if (o->num == num) {
				num++;
				again = 1;
			}
	}
	return num;
}

struct job *job_new(pid_t pgid, const char *text, int foreground)
{
	struct job *j = xmalloc(sizeof *j);
	memset(j, 0, sizeof *j);
	j->pgid = pgid;
	j->text = xstrdup(text ? text : "");
	if (!foreground) {
		j->num = free_job_number();
		j->seq = ++job_seq;
	}
	j->next = jobs;
	jobs = j;
	return j;
}

void job_add_proc(struct job *j, pid_t pid)
{
	if (j->nprocs == j->cap) {
		j->cap = j->cap ? j->cap * 2 : 4;
		j->procs = xrealloc(j->procs, j->cap * sizeof *j->procs);
	}
	j->procs[j->nprocs++] = (struct proc){ pid, 0, P_RUNNING };
	if (!j->pgid)
		j->pgid = pid;
	if (job_control_active())
		setpgid(pid, j->pgid);
	if (j->num) {
		last_bg_pid = pid;
	}
}

void job_started(struct job *j)
{
	if (opt.interactive && !in_subshell && j->num)
		fprintf(stderr, "[%d] %d\n", j->num, (int)j->procs[j->nprocs - 1].pid);
}

static void job_free(struct job *j)
{
	for (struct job **pp = &jobs; *pp; pp = &(*pp)->next)
		if (*pp == j) {
			*pp = j->next;
			break;
		}
	free(j->text);
	free(j->procs);
	free(j);
}

static int job_state(struct job *j)
{
	int stopped = 0;
	for (int i = 0; i < j->nprocs; i++) {
		if (j->procs[i].state == P_RUNNING)
			return P_RUNNING;
		if (j->procs[i].state == P_STOPPED)
			stopped = 1;
	}
	return stopped ? P_STOPPED : P_DONE;
}

static void record_status(pid_t pid, int status)
{
	for (struct job *j = jobs; j; j = j->next)
		for (int i = 0; i < j->nprocs; i++) {
			if (j->procs[i].pid != pid)
				continue;
			j->procs[i].status = status;
			if (WIFSTOPPED(status))
				j->procs[i].state = P_STOPPED;
			else if (WIFCONTINUED(status))
				j->procs[i].state = P_RUNNING;
			else
				j->procs[i].state = P_DONE;
			j->notified = 0;
			return;
		}
}

/* WCONTINUED is dropped if the kernel does not know it. */
static int wait_flags = WUNTRACED | WCONTINUED;

/* Counts every running process done: nothing is left to wait for. */
static void mark_all_done(void)
{
	for (struct job *j = jobs; j; j = j->next)
		for (int i = 0; i < j->nprocs; i++)
			if (j->procs[i].state == P_RUNNING)
				j->procs[i].state = P_DONE;
}

void jobs_reap(int block)
{
	for (;;) {
		int status;
		pid_t pid = waitpid(-1, &status, (block ? 0 : WNOHANG) | wait_flags);
		if (pid < 0 && errno == EINTR) {
			if (block && pending_signals)
				return;
			continue;
		}
		if (pid < 0 && errno == EINVAL && (wait_flags & WCONTINUED)) {
			wait_flags &= ~WCONTINUED;
			continue;
		}
		if (pid < 0 && block) {
			if (errno != ECHILD)
				sh_warn("waitpid: %s", strerror(errno));
			mark_all_done();
			return;
		}
		if (pid <= 0)
			return;
		record_status(pid, status);
		if (block)
			return;
	}
}

static int status_code(int status)
{
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	if (WIFSTOPPED(status))
		return 128 + WSTOPSIG(status);
	return 0;
}

static int job_status(struct job *j)
{
	int st = status_code(j->procs[j->nprocs - 1].status);
	if (opt.pipefail)
		for (int i = j->nprocs - 1; i >= 0; i--) {
			int s = status_code(j->procs[i].status);
			if (s) {
				st = s;
				break;
			}
		}
	return st;
}

static struct job *job_current(int which)
{
	struct job *best = NULL, *second = NULL;
	for (struct job *j = jobs; j; j = j->next) {
		if (!j->num)
			continue;
		if (!best || j->seq > best->seq) {
			second = best;
			best = j;
		} else if (!second || j->seq > second->seq) {
			second = j;
		}
	}
	return which ? second : best;
}

static char job_mark(struct job *j)
{
	if (j == job_current(0))
		return '+';
	if (j == job_current(1))
		return '-';
	return ' ';
}

static const char *state_text(struct job *j, char *buf, size_t n)
{
	int st = job_state(j);
	if (st == P_RUNNING)
		return "Running";
	int status = j->procs[j->nprocs - 1].status;
	if (st == P_STOPPED)
		return "Stopped";
	if (WIFSIGNALED(status)) {
		snprintf(buf, n, "%s", strsignal(WTERMSIG(status)));
		return buf;
	}
	if (WEXITSTATUS(status)) {
		snprintf(buf, n, "Done(%d)", WEXITSTATUS(status));
		return buf;
	}
	return "Done";
}

static void job_print(struct job *j, FILE *f, int pids)
{
	char buf[64];
	fprintf(f, "[%d]%c  ", j->num, job_mark(j));
	if (pids)
		fprintf(f, "%d ", (int)j->pgid);
	fprintf(f, "%-24s%s\n", state_text(j, buf, sizeof buf), j->text);
}

static void restore_terminal(void)
{
	if (!job_control_active())
		return;
	tcsetpgrp(tty_fd, shell_pgid);
	if (have_tmodes)
		tcsetattr(tty_fd, TCSADRAIN, &shell_tmodes);
}

int job_wait_fg(struct job *j)
{
	while (job_state(j) == P_RUNNING)
		jobs_reap(1);
	restore_terminal();
	if (job_state(j) == P_STOPPED) {
		if (!j->num)
			j->num = free_job_number();
		j->seq = ++job_seq;
		if (opt.interactive) {
			fputc('\n', stderr);
			job_print(j, stderr, 0);
		}
		j->notified = 1;
		return status_code(j->procs[j->nprocs - 1].status);
	}
	int st = job_status(j);
	int last = j->procs[j->nprocs - 1].status;
	if (WIFSIGNALED(last) && WTERMSIG(last) != SIGPIPE) {
		if (WTERMSIG(last) != SIGINT)
			fprintf(stderr, "%s\n", strsignal(WTERMSIG(last)));
		else if (opt.interactive)
			fputc('\n', stderr);
	}
	if (WIFSIGNALED(last) && WTERMSIG(last) == SIGINT && opt.interactive)
		got_sigint = 1;
	job_free(j);
	return st;
}

void jobs_notify(void)
{
	jobs_reap(0);
	for (struct job *j = jobs, *next; j; j = next) {
		next = j->next;
		if (!j->num || j->notified)
			continue;
		int st = job_state(j);
		if (st == P_RUNNING)
			continue;
		if (opt.interactive)
			job_print(j, stderr, 0);
		j->notified = 1;
		if (st == P_DONE)
			job_free(j);
	}
}

int jobs_stopped_count(void)
{
	int n = 0;
	for (struct job *j = jobs; j; j = j->next)
		if (j->num && job_state(j) == P_STOPPED)
			n++;
	return n;
}

/* %n %+ %% %- %string %?string, or a process id. */
static struct job *job_find(const char *spec, int quiet)
{
	struct job *found = NULL;
	if (!spec || strcmp(spec, "%%") == 0 || strcmp(spec, "%+") == 0 ||
	    strcmp(spec, "%") == 0)
		found = job_current(0);
	else if (strcmp(spec, "%-") == 0)
		found = job_current(1);
	else if (spec[0] == '%' && spec[1] >= '0' && spec[1] <= '9') {
		int n = atoi(spec + 1);
		for (struct job *j = jobs; j; j = j->next)
			if (j->num == n)
				found = j;
	} else if (spec[0] == '%') {
		int sub = spec[1] == '?';
		const char *s = spec + 1 + sub;
		for (struct job *j = jobs; j; j = j->next) {
			if (!j->num)
				continue;
			if (sub ? strstr(j->text, s) != NULL
				: strncmp(j->text, s, strlen(s)) == 0) {
				if (found) {
					if (!quiet)
						sh_warn("%s: ambiguous job", spec);
					return NULL;
				}
				found = j;
			}
		}
	} else {
		pid_t pid = atoi(spec);
		for (struct job *j = jobs; j; j = j->next)
			for (int i = 0; i < j->nprocs; i++)
				if (j->procs[i].pid == pid)
					found = j;
	}
	if (!found && !quiet)
		sh_warn("%s: no such job", spec ? spec : "current");
	return found;
}

static void job_continue(struct job *j)
{
	for (int i = 0; i < j->nprocs; i++)
		if (j->procs[i].state == P_STOPPED)
			j->procs[i].state = P_RUNNING;
	j->notified = 0;
	if (job_control_active())
		kill(-j->pgid, SIGCONT);
	else
		for (int i = 0; i < j->nprocs; i++)
			kill(j->procs[i].pid, SIGCONT);
}

int bi_fg(int argc, char **argv)
{
	if (!job_control_active()) {
		sh_warn("fg: no job control");
		return 1;
	}
	struct job *j = job_find(argc > 1 ? argv[1] : NULL, 0);
	if (!j)
		return 1;
	printf("%s\n", j->text);
	fflush(stdout);
	tcsetpgrp(tty_fd, j->pgid);
	job_continue(j);
	j->seq = ++job_seq;
	j->num = 0;	/* a foreground job again; renumbered if it stops */
	return job_wait_fg(j);
}

int bi_bg(int argc, char **argv)
{
	if (!job_control_active()) {
		sh_warn("bg: no job control");
		return 1;
	}
	int st = 0;
	for (int i = 1; i < argc || i == 1; i++) {
		struct job *j = job_find(i < argc ? argv[i] : NULL, 0);
		if (!j) {
			st = 1;
			if (i >= argc)
				break;
			continue;
		}
		job_continue(j);
		printf("[%d]%c %s &\n", j->num, job_mark(j), j->text);
		if (i >= argc)
			break;
	}
	return st;
}

int bi_jobs(int argc, char **argv)
{
	int pids = 0, only_pids = 0, i = 1;
	for (; i < argc && argv[i][0] == '-'; i++) {
		if (strcmp(argv[i], "-l") == 0)
			pids = 1;
		else if (strcmp(argv[i], "-p") == 0)
			only_pids = 1;
		else {
			fprintf(stderr, "usage: jobs [-lp] [job...]\n");
			return 2;
		}
	}
	jobs_reap(0);
	/* Oldest first, as they were started. */
	struct job *list[256];
	int n = 0;
	for (struct job *j = jobs; j && n < 256; j = j->next)
		if (j->num)
			list[n++] = j;
	for (int k = n - 1; k >= 0; k--) {
		struct job *j = list[k];
		if (i < argc) {
			int want = 0;
			for (int a = i; a < argc; a++)
				if (job_find(argv[a], 1) == j)
					want = 1;
			if (!want)
				continue;
		}
		if (only_pids)
			printf("%d\n", (int)j->pgid);
		else
			job_print(j, stdout, pids);
		if (job_state(j) == P_DONE)
			job_free(j);
		else
			j->notified = 1;
	}
	return 0;
}

static int wait_job(struct job *j)
{
	while (job_state(j) == P_RUNNING) {
		if (pending_signals)
			return 128 + SIGINT;
		jobs_reap(1);
	}
	int st = job_state(j) == P_STOPPED ? 128 + SIGTSTP : job_status(j);
	if (job_state(j) == P_DONE)
		job_free(j);
	return st;
}

int bi_wait(int argc, char **argv)
{
	int st = 0;
	if (argc == 1) {
		for (;;) {
			struct job *j;
			for (j = jobs; j; j = j->next)
				if (j->num && job_state(j) == P_RUNNING)
					break;
			if (!j)
				break;
			wait_job(j);
		}
		for (struct job *j = jobs, *next; j; j = next) {
			next = j->next;
			if (j->num && job_state(j) == P_DONE)
				job_free(j);
		}
		return 0;
	}
	for (int i = 1; i < argc; i++) {
		struct job *j = job_find(argv[i], 1);
		st = j ? wait_job(j) : 127;
	}
	return st;
}

/* ---- signals by name: userland/lib/signame.c, shared with /bin/kill;
 * the shell adds EXIT, the pseudo-signal 0 of trap. */
int signal_number(const char *name)
{
	const char *bare = strncmp(name, "SIG", 3) == 0 ? name + 3 : name;

	if (strcmp(bare, "EXIT") == 0)
		return 0;
	return sig_number(name);
}

const char *signal_name(int sig)
{
	static char name[SIGNAME_MAX];

	if (sig == 0)
		return "EXIT";
	return sig_name(sig, name);
}

static int kill_list(int argc, char **argv)
{
	if (argc > 0) {
		for (int i = 0; i < argc; i++) {
			int numeric = argv[i][0] >= '0' && argv[i][0] <= '9';
			int n = atoi(argv[i]);
			if (n > 128)
				n -= 128;
			const char *s = numeric ? signal_name(n) : NULL;
			if (s)
				printf("%s\n", s);
			else if ((n = signal_number(argv[i])) > 0)
				printf("%d\n", n);
			else {
				sh_warn("kill: %s: bad signal", argv[i]);
				return 1;
			}
		}
		return 0;
	}
	int shown = 0;
	for (int sig = 1; sig < NSIG; sig++) {
		if (signal_name(sig) == NULL)
			continue;
		if (shown > 0)
			putchar(shown % 8 == 0 ? '\n' : ' ');
		fputs(signal_name(sig), stdout);
		shown++;
	}
	putchar('\n');
	return 0;
}

int bi_kill(int argc, char **argv)
{
	int sig = SIGTERM, i = 1;
	if (argc < 2) {
		fprintf(stderr, "usage: kill [-s sig | -sig] pid|%%job... | -l [status]\n");
		return 2;
	}
	if (strcmp(argv[1], "-l") == 0 || strcmp(argv[1], "-L") == 0)
		return kill_list(argc - 2, argv + 2);
	if (strcmp(argv[1], "-s") == 0 || strcmp(argv[1], "-n") == 0) {
		if (argc < 3 || (sig = signal_number(argv[2])) < 0) {
			sh_warn("kill: %s: bad signal", argc < 3 ? "" : argv[2]);
			return 2;
		}
		i = 3;
	} else if (argv[1][0] == '-' && argv[1][1] && strcmp(argv[1], "--") != 0) {
		if ((sig = signal_number(argv[1] + 1)) < 0) {
			sh_warn("kill: %s: bad signal", argv[1] + 1);
			return 2;
		}
		i = 2;
	}
	if (i < argc && strcmp(argv[i], "--") == 0)
		i++;
	int st = 0;
	for (; i < argc; i++) {
		pid_t pid;
		if (argv[i][0] == '%') {
			struct job *j = job_find(argv[i], 0);
			if (!j) {
				st = 1;
				continue;
			}
			pid = job_control_active() ? -j->pgid : j->procs[0].pid;
			if (sig == SIGCONT || sig == SIGKILL || sig == SIGTERM ||
			    sig == SIGHUP)
				j->notified = 0;
		} else {
			char *end;
			pid = (pid_t)strtol(argv[i], &end, 10);
			if (*end || !*argv[i]) {
				sh_warn("kill: %s: arguments must be jobs or process IDs", argv[i]);
				st = 1;
				continue;
			}
		}
		if (kill(pid, sig) < 0) {
			sh_warn("kill: %s: %s", argv[i], strerror(errno));
			st = 1;
			continue;
		}
		/* A stopped job only sees the signal once it runs again. */
		struct job *j = argv[i][0] == '%' ? job_find(argv[i], 1) : NULL;
		if (j && job_state(j) == P_STOPPED && sig != SIGCONT)
			kill(pid, SIGCONT);
	}
	return st;
}
