/*
 * kill: send a signal to processes.
 *   kill [-s signal | -signal] pid ...    (default SIGTERM)
 *   kill -l [exit_status]                 list signal names
 * Signals are named with or without "SIG" ("TERM", "RTMIN+2"), or given
 * by number; the names are userland/lib/signame.c's, the shell's too.
 * kill -l lists one name a line, as coreutils does.
 */
#include <ctype.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "signame.h"

/* The exit status of a process killed by a signal is 128 + its number. */
#define SIGNAL_EXIT_BASE 128

static void
usage(void)
{
	fprintf(stderr, "usage: kill [-s signal | -signal] pid ...\n"
	    "       kill -l [exit_status]\n");
	exit(2);
}

static void
list_all(void)
{
	char name[SIGNAME_MAX];

	for (int sig = 1; sig < NSIG; sig++)
		if (sig_name(sig, name) != NULL)
			puts(name);
}

/* kill -l NUMBER|NAME: the name of a number (or exit status), or the reverse. */
static int
list_one(const char *arg)
{
	char name[SIGNAME_MAX];
	int n;

	if (isdigit((unsigned char)arg[0])) {
		char *end;
		long status = strtol(arg, &end, 10);

		if (status > SIGNAL_EXIT_BASE)
			status -= SIGNAL_EXIT_BASE;
		if (*end == '\0' && status < NSIG && sig_name((int)status, name) != NULL) {
			puts(name);
			return 0;
		}
	} else if ((n = sig_number(arg)) > 0) {
		printf("%d\n", n);
		return 0;
	}
	fprintf(stderr, "kill: %s: invalid signal\n", arg);
	return 1;
}

static int
list_signals(int argc, char *argv[])
{
	if (argc == 0) {
		list_all();
		return 0;
	}
	for (int i = 0; i < argc; i++)
		if (list_one(argv[i]) != 0)
			return 1;
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
		sig = sig_number(argv[2]);
		i = 3;
	} else if (strcmp(argv[1], "--") == 0) {
		i = 2;
	} else if (argv[1][0] == '-' && argv[1][1] != '\0') {
		sig = sig_number(argv[1] + 1);
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
