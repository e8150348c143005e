/*
 * sigstr.c - the one table of signal names for Linux's signal numbers
 * (riscv64 uses the asm-generic numbering): the abbreviation ("TERM",
 * what kill -l prints) and the description ("Terminated", strsignal).
 * Exposed as glibc does it, through sigabbrev_np and sigdescr_np, so
 * that code naming signals (userland/lib/signame.c) reads the same on a
 * glibc host.  Real-time signals have no entry; they are named relative
 * to SIGRTMIN and SIGRTMAX by their users.  Read-only data, no locks.
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>

struct signal_names {
	const char *abbrev;
	const char *descr;
};

/* glibc's abbreviations, so host and guest builds print the same. */
static const struct signal_names signal_table[SIGRTMIN] = {
	[SIGHUP] = { "HUP", "Hangup" },
	[SIGINT] = { "INT", "Interrupt" },
	[SIGQUIT] = { "QUIT", "Quit" },
	[SIGILL] = { "ILL", "Illegal instruction" },
	[SIGTRAP] = { "TRAP", "Trace/breakpoint trap" },
	[SIGABRT] = { "ABRT", "Aborted" },
	[SIGBUS] = { "BUS", "Bus error" },
	[SIGFPE] = { "FPE", "Floating point exception" },
	[SIGKILL] = { "KILL", "Killed" },
	[SIGUSR1] = { "USR1", "User defined signal 1" },
	[SIGSEGV] = { "SEGV", "Segmentation fault" },
	[SIGUSR2] = { "USR2", "User defined signal 2" },
	[SIGPIPE] = { "PIPE", "Broken pipe" },
	[SIGALRM] = { "ALRM", "Alarm clock" },
	[SIGTERM] = { "TERM", "Terminated" },
	[SIGSTKFLT] = { "STKFLT", "Stack fault" },
	[SIGCHLD] = { "CHLD", "Child exited" },
	[SIGCONT] = { "CONT", "Continued" },
	[SIGSTOP] = { "STOP", "Stopped (signal)" },
	[SIGTSTP] = { "TSTP", "Stopped" },
	[SIGTTIN] = { "TTIN", "Stopped (tty input)" },
	[SIGTTOU] = { "TTOU", "Stopped (tty output)" },
	[SIGURG] = { "URG", "Urgent I/O condition" },
	[SIGXCPU] = { "XCPU", "CPU time limit exceeded" },
	[SIGXFSZ] = { "XFSZ", "File size limit exceeded" },
	[SIGVTALRM] = { "VTALRM", "Virtual timer expired" },
	[SIGPROF] = { "PROF", "Profiling timer expired" },
	[SIGWINCH] = { "WINCH", "Window changed" },
	[SIGPOLL] = { "POLL", "I/O possible" },
	[SIGPWR] = { "PWR", "Power failure" },
	[SIGSYS] = { "SYS", "Bad system call" },
};

static __thread char unknown[32];

const char *sigabbrev_np(int sig)
{
	if (sig > 0 && sig < SIGRTMIN)
		return signal_table[sig].abbrev;
	return NULL;
}

const char *sigdescr_np(int sig)
{
	if (sig > 0 && sig < SIGRTMIN)
		return signal_table[sig].descr;
	return NULL;
}

char *strsignal(int sig)
{
	const char *descr = sigdescr_np(sig);

	if (descr)
		return (char *)descr;
	if (sig >= SIGRTMIN && sig <= SIGRTMAX)
		snprintf(unknown, sizeof(unknown), "Real-time signal %d",
			 sig - SIGRTMIN);
	else
		snprintf(unknown, sizeof(unknown), "Unknown signal %d", sig);
	return unknown;
}

void psignal(int sig, const char *msg)
{
	if (msg && *msg)
		fprintf(stderr, "%s: %s\n", msg, strsignal(sig));
	else
		fprintf(stderr, "%s\n", strsignal(sig));
}

void psiginfo(const siginfo_t *info, const char *msg)
{
	psignal(info->si_signo, msg);
}
