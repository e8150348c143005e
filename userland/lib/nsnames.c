/* nsnames.c - names of the namespace kinds and of clone flags (nsnames.h). */
#define _GNU_SOURCE	/* CLONE_NEW* in glibc's <sched.h> */
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "nsnames.h"

/* Bits of a clone flags word below this mask are the exit signal. */
#define CLONE_SIGNAL_MASK 0xff

const struct ns_kind ns_kinds[] = {
	{ CLONE_NEWUSER, "CLONE_NEWUSER", "user" },
	{ CLONE_NEWCGROUP, "CLONE_NEWCGROUP", "cgroup" },
	{ CLONE_NEWUTS, "CLONE_NEWUTS", "uts" },
	{ CLONE_NEWIPC, "CLONE_NEWIPC", "ipc" },
	{ CLONE_NEWNET, "CLONE_NEWNET", "net" },
	{ CLONE_NEWPID, "CLONE_NEWPID", "pid" },
	{ CLONE_NEWNS, "CLONE_NEWNS", "mnt" },
};
const size_t ns_kinds_count = sizeof(ns_kinds) / sizeof(ns_kinds[0]);

const struct ns_kind *
ns_kind_by_name(const char *name, size_t len)
{
	for (size_t i = 0; i < ns_kinds_count; i++)
		if (strlen(ns_kinds[i].name) == len && strncmp(ns_kinds[i].name, name, len) == 0)
			return &ns_kinds[i];
	return NULL;
}

/* Append one name to a '|' list in buf (cut short if buf is). */
static void
append_name(char *buf, size_t size, const char *name)
{
	size_t used = strlen(buf);

	snprintf(buf + used, size - used, "%s%s", used ? "|" : "", name);
}

char *
clone_flags_name(unsigned long flags, char *buf, size_t size)
{
	unsigned long signal = flags & CLONE_SIGNAL_MASK;
	char number[2 + 2 * sizeof(flags) + 1];

	flags &= ~CLONE_SIGNAL_MASK;
	buf[0] = '\0';
	for (size_t i = 0; i < ns_kinds_count; i++) {
		if (flags & ns_kinds[i].flag) {
			append_name(buf, size, ns_kinds[i].flag_name);
			flags &= ~ns_kinds[i].flag;
		}
	}
	/* The two a spawner adds (isolate's child shares its memory until it
	 * executes PROGRAM). */
	if (flags & CLONE_VM) {
		append_name(buf, size, "CLONE_VM");
		flags &= ~CLONE_VM;
	}
	if (flags & CLONE_VFORK) {
		append_name(buf, size, "CLONE_VFORK");
		flags &= ~CLONE_VFORK;
	}
	if (flags) {
		snprintf(number, sizeof(number), "%#lx", flags);
		append_name(buf, size, number);
	}
	if (signal == SIGCHLD) {
		append_name(buf, size, "SIGCHLD");
	} else if (signal) {
		snprintf(number, sizeof(number), "%lu", signal);
		append_name(buf, size, number);
	}
	if (buf[0] == '\0')
		append_name(buf, size, "0");
	return buf;
}
