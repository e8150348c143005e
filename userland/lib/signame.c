/*
 * signame.c - signal names for kill and the shell's kill and trap.
 * Shared by the guest and host builds (see userland/userland.mk).
 * The classic names come from the C library's one table, sigabbrev_np
 * (libc/src/sigstr.c in the guest, glibc on the host); real-time signals
 * are named relative to the library's SIGRTMIN and SIGRTMAX, the lower
 * half as RTMIN+n and the upper half as RTMAX-n, as bash and coreutils
 * print them.  Only the old aliases that no table prints live here.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "signame.h"

#define SIG_PREFIX "SIG"
#define RTMIN_NAME "RTMIN"
#define RTMAX_NAME "RTMAX"

/* Names accepted on input but never printed (the table has the others). */
static const struct {
	const char *name;
	int number;
} signal_aliases[] = {
	{ "IO", SIGIO }, { "IOT", SIGABRT }, { "CLD", SIGCHLD },
};
#define NSIGNAL_ALIASES (sizeof(signal_aliases) / sizeof(signal_aliases[0]))

const char *
sig_name(int sig, char buf[SIGNAME_MAX])
{
	const char *abbrev = sigabbrev_np(sig);
	int middle = (SIGRTMIN + SIGRTMAX) / 2;

	if (abbrev != NULL)
		snprintf(buf, SIGNAME_MAX, "%s", abbrev);
	else if (sig == SIGRTMIN)
		snprintf(buf, SIGNAME_MAX, RTMIN_NAME);
	else if (sig == SIGRTMAX)
		snprintf(buf, SIGNAME_MAX, RTMAX_NAME);
	else if (sig > SIGRTMIN && sig <= middle)
		snprintf(buf, SIGNAME_MAX, RTMIN_NAME "+%d", sig - SIGRTMIN);
	else if (sig > middle && sig < SIGRTMAX)
		snprintf(buf, SIGNAME_MAX, RTMAX_NAME "-%d", SIGRTMAX - sig);
	else
		return NULL;
	return buf;
}

/* A decimal number in [0, limit], the whole of s; -1 otherwise. */
static int
parse_small(const char *s, int limit)
{
	char *end;
	long n;

	if (!isdigit((unsigned char)*s))
		return -1;
	n = strtol(s, &end, 10);
	return *end == '\0' && n <= limit ? (int)n : -1;
}

/* "RTMIN", "RTMIN+n", "RTMAX", "RTMAX-n" (name without SIG); -1 if not. */
static int
rt_number(const char *name)
{
	size_t len = strlen(RTMIN_NAME);
	int span = SIGRTMAX - SIGRTMIN, n;

	if (strncasecmp(name, RTMIN_NAME, len) == 0) {
		if (name[len] == '\0')
			return SIGRTMIN;
		if (name[len] == '+' && (n = parse_small(name + len + 1, span)) >= 0)
			return SIGRTMIN + n;
	} else if (strncasecmp(name, RTMAX_NAME, len) == 0) {
		if (name[len] == '\0')
			return SIGRTMAX;
		if (name[len] == '-' && (n = parse_small(name + len + 1, span)) >= 0)
			return SIGRTMAX - n;
	}
	return -1;
}

int
sig_number(const char *name)
{
	if (isdigit((unsigned char)*name))
		return parse_small(name, NSIG - 1);
	if (strncasecmp(name, SIG_PREFIX, strlen(SIG_PREFIX)) == 0)
		name += strlen(SIG_PREFIX);
	for (int sig = 1; sig < NSIG; sig++) {
		const char *abbrev = sigabbrev_np(sig);
		if (abbrev != NULL && strcasecmp(name, abbrev) == 0)
			return sig;
	}
	for (size_t i = 0; i < NSIGNAL_ALIASES; i++)
		if (strcasecmp(name, signal_aliases[i].name) == 0)
			return signal_aliases[i].number;
	return rt_number(name);
}
