/*
 * kill: send a signal to processes.
 *   kill [-s signal | -signal] pid ...    (default SIGTERM)
 *   kill -l [exit_status]                 list signal names
 * Signals are named with or without "SIG", or given by number.
 */
#include <ctype.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

/* The exit status of a process killed by a signal is 128 + its number. */
#define SIGNAL_EXIT_BASE 128

static const struct {
	const char *name;
	int number;
} signal_names[] = {
	{ "HUP", SIGHUP }, { "INT", SIGINT }, { "QUIT", SIGQUIT },
	{ "ILL", SIGILL }, { "TRAP", SIGTRAP }, { "ABRT", SIGABRT },
	{ "BUS", SIGBUS }, { "FPE", SIGFPE }, { "KILL", SIGKILL },
	{ "USR1", SIGUSR1 }, { "SEGV", SIGSEGV }, { "USR2", SIGUSR2 },
	{ "PIPE", SIGPIPE }, { "ALRM", SIGALRM }, { "TERM", SIGTERM },
	{ "STKFLT", 16 }, { "CHLD", SIGCHLD }, { "CONT", SIGCONT },
	{ "STOP", SIGSTOP }, { "TSTP", SIGTSTP }, { "TTIN", SIGTTIN },
	{ "TTOU", SIGTTOU }, { "URG", SIGURG }, { "XCPU", SIGXCPU },
	{ "XFSZ", SIGXFSZ }, { "VTALRM", SIGVTALRM }, { "PROF", SIGPROF },
	{ "WINCH", SIGWINCH }, { "IO", SIGIO }, { "PWR", SIGPWR },
	{ "SYS", SIGSYS },
};
#define NSIGNAL_NAMES (sizeof(signal_names) / sizeof(signal_names[0]))

static void
usage(void)
{
	fprintf(stderr, "usage: kill [-s signal | -signal] pid ...\n"
	    "       kill -l [exit_status]\n");
	exit(2);
}

/* Signal number for a name ("TERM", "SIGTERM") or number; -1 if unknown. */
static int
signal_number(const char *s)
{
	char *end;

	if (isdigit((unsigned char)*s)) {
		long n = strtol(s, &end, 10);
		return (*end == '\0' && n >= 0 && n < NSIG) ? (int)n : -1;
	}
	if (strncasecmp(s, "SIG", 3) == 0)
		s += 3;
	for (size_t i = 0; i < NSIGNAL_NAMES; i++)
		if (strcasecmp(s, signal_names[i].name) == 0)
			return signal_names[i].number;
	return -1;
}

static const char *
signal_name(int number)
{
	for (size_t i = 0; i < NSIGNAL_NAMES; i++)
		if (signal_names[i].number == number)
			return signal_names[i].name;
	return NULL;
}

static int
list_signals(int argc, char *argv[])
{
	if (argc == 0) {
		for (size_t i = 0; i < NSIGNAL_NAMES; i++)
			printf("%s%c", signal_names[i].name,
			    i + 1 == NSIGNAL_NAMES ? '\n' : ' ');
		return 0;
	}
	for (int i = 0; i < argc; i++) {
		const char *name;
		char *end;
		int n;

		if (isdigit((unsigned char)argv[i][0])) {
			n = (int)strtol(argv[i], &end, 10);
			if (n > SIGNAL_EXIT_BASE)
				n -= SIGNAL_EXIT_BASE;
			if (*end == '\0' && (name = signal_name(n)) != NULL) {
				puts(name);
				continue;
			}
		} else if ((n = signal_number(argv[i])) > 0) {
			printf("%d\n", n);
			continue;
		}
		fprintf(stderr, "kill: %s: invalid signal\n", argv[i]);
		return 1;
	}
	return 0;
}

int
main(int argc, char *argv[])
{
	int sig = SIGTERM, status = 0, i = 1;

	if (argc < 2)
		usage();
	if (strcmp(argv[1], "-l") == 0 || strcmp(argv[1], "-L") == 0)
		return list_signals(argc - 2, argv + 2);
	if (strcmp(argv[1], "-s") == 0) {
		if (argc < 3)
			usage();
		sig = signal_number(argv[2]);
		i = 3;
	} else if (strcmp(argv[1], "--") == 0) {
		i = 2;
	} else if (argv[1][0] == '-' && argv[1][1] != '\0') {
		sig = signal_number(argv[1] + 1);
		i = 2;
	}
	if (sig < 0) {
		fprintf(stderr, "kill: %s: invalid signal\n", argv[i - 1]);
		usage();
	}
	if (i < argc && strcmp(argv[i], "--") == 0)
		i++;
	if (i >= argc)
		usage();
	for (; i < argc; i++) {
		char *end;
		long pid = strtol(argv[i], &end, 10);

		if (*argv[i] == '\0' || *end != '\0') {
			fprintf(stderr, "kill: %s: arguments must be process IDs\n", argv[i]);
			status = 1;
			continue;
		}
		if (kill((pid_t)pid, sig) < 0) {
			fprintf(stderr, "kill: %s: %s\n", argv[i], strerror(errno));
			status = 1;
		}
	}
	return status;
}
