/*
 * trap.c - signal dispositions and the trap builtin.
 *
 * A caught signal only sets a flag in the handler; the action runs
 * between commands (exec_node checks pending_signals), never inside the
 * handler.  An interactive shell catches SIGINT the same way so ^C abandons
 * the line being edited instead of killing the shell.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sh.h"

static char *actions[NSIG];	/* NULL: default, "": ignored */
static volatile sig_atomic_t pending[NSIG];
volatile int pending_signals;
volatile int got_sigint;
int trap_entry_status = -1;
static int interactive_signals;

/* Runs a trap action; $? is restored afterwards, and `exit` without an
 * operand inside it exits with the $? the action started with. */
static void run_action(const char *text)
{
	int saved = exit_status, outer = trap_entry_status;
	char *action = xstrdup(text);
	trap_entry_status = saved;
	exec_string(action, 0);
	trap_entry_status = outer;
	exit_status = saved;
	free(action);
}

static void on_signal(int sig)
{
	pending[sig] = 1;
	pending_signals = 1;
	if (sig == SIGINT)
		got_sigint = 1;
}

static void set_handler(int sig, void (*fn)(int))
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = fn;
	sigemptyset(&sa.sa_mask);
	sigaction(sig, &sa, NULL);
}

void trap_set_interactive(int on)
{
	interactive_signals = on;
	if (!on)
		return;
	if (!actions[SIGINT])
		set_handler(SIGINT, on_signal);
	if (!actions[SIGQUIT])
		set_handler(SIGQUIT, SIG_IGN);
	if (!actions[SIGTERM])
		set_handler(SIGTERM, SIG_IGN);
}

void trap_run_pending(void)
{
	pending_signals = 0;
	for (int sig = 1; sig < NSIG; sig++) {
		if (!pending[sig])
			continue;
		pending[sig] = 0;
		if (actions[sig] && *actions[sig])
			run_action(actions[sig]);
	}
}

void trap_run_exit(void)
{
	char *action = actions[0];
	if (!action)
		return;
	actions[0] = NULL;
	run_action(action);
	free(action);
}

int trap_exit_set(void)
{
	return actions[0] && *actions[0];
}

void trap_child_reset(void)
{
	trap_entry_status = -1;
	for (int sig = 0; sig < NSIG; sig++) {
		if (actions[sig] && *actions[sig]) {
			free(actions[sig]);
			actions[sig] = NULL;
			if (sig)
				set_handler(sig, SIG_DFL);
		}
	}
	if (interactive_signals) {
		interactive_signals = 0;
		if (!actions[SIGINT])
			set_handler(SIGINT, SIG_DFL);
		if (!actions[SIGQUIT])
			set_handler(SIGQUIT, SIG_DFL);
		if (!actions[SIGTERM])
			set_handler(SIGTERM, SIG_DFL);
	}
}

static void print_trap(int sig)
{
	if (!actions[sig])
		return;
	printf("trap -- '");
	for (const char *s = actions[sig]; *s; s++) {
		if (*s == '\'')
			fputs("'\\''", stdout);
		else
			putchar(*s);
	}
	printf("' %s\n", signal_name(sig) ? signal_name(sig) : "?");
}

static int set_trap(const char *action, int sig)
{
	if (sig == SIGKILL || sig == SIGSTOP) {
		sh_warn("trap: cannot trap %s", signal_name(sig));
		return 1;
	}
	free(actions[sig]);
	actions[sig] = action ? xstrdup(action) : NULL;
	if (sig == 0)
		return 0;
	if (!action) {
		int keep_ignored = interactive_signals &&
			(sig == SIGINT || sig == SIGQUIT || sig == SIGTERM);
		set_handler(sig, keep_ignored ? (sig == SIGINT ? on_signal : SIG_IGN)
					      : SIG_DFL);
	} else if (!*action) {
		set_handler(sig, SIG_IGN);
	} else {
		set_handler(sig, on_signal);
	}
	return 0;
}

int bi_trap(int argc, char **argv)
{
	int i = 1;
	if (i < argc && strcmp(argv[i], "--") == 0)
		i++;
	if (i >= argc || strcmp(argv[i], "-p") == 0) {
		for (int sig = 0; sig < NSIG; sig++)
			print_trap(sig);
		return 0;
	}
	if (strcmp(argv[i], "-l") == 0) {
		for (int sig = 1; sig < NSIG; sig++)
			if (signal_name(sig))
				printf("%d) SIG%s\n", sig, signal_name(sig));
		return 0;
	}
	const char *action = argv[i];
	/* "trap N..." with a number first resets those signals. */
	if (signal_number(action) >= 0 && action[0] >= '0' && action[0] <= '9')
		action = "-";
	else
		i++;
	if (strcmp(action, "-") == 0)
		action = NULL;
	int st = 0;
	for (; i < argc; i++) {
		int sig = signal_number(argv[i]);
		if (sig < 0) {
			sh_warn("trap: %s: bad trap", argv[i]);
			st = 1;
			continue;
		}
		st |= set_trap(action, sig);
	}
	return st;
}
