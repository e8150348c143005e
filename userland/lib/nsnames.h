/*
 * nsnames.h - the kinds of Linux namespace as programs name them: the
 * CLONE_NEW* flag, the flag's UAPI name (what isolate -v prints) and the
 * short name of its /proc/PID/ns file (what lsns, nsenter and isolate's
 * --share use).  Pure tables, no system calls.
 */
#ifndef USERLAND_NSNAMES_H
#define USERLAND_NSNAMES_H

#include <stddef.h>

struct ns_kind {
	unsigned long flag;	/* CLONE_NEWUSER ... */
	const char *flag_name;	/* "CLONE_NEWUSER" */
	const char *name;	/* "user": /proc/PID/ns/user */
};

/* Every kind, in the order setns should join them (user first). */
extern const struct ns_kind ns_kinds[];
extern const size_t ns_kinds_count;

/* The kind called name (len bytes of it), or NULL. */
const struct ns_kind *ns_kind_by_name(const char *name, size_t len);

/*
 * The clone flags word as -v shows it: "CLONE_NEWUSER|CLONE_NEWNS|SIGCHLD";
 * bits without a name as a hexadecimal number, the exit signal (the low
 * byte) as SIGCHLD or its number, and 0 as "0".  Returns buf.
 */
char *clone_flags_name(unsigned long flags, char *buf, size_t size);

#endif
