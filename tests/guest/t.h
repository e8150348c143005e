/*
 * t.h - the few helpers every guest test program shares.  Checks and their
 * PASS/FAIL lines are tests/check.h's (check, check_err, check_errno).
 *
 * Tests put their files under two directories: T_DISK (ext2, default
 * /scratch) and T_TMP (tmpfs, default /tmp).  The environment can move
 * them, which is how the same program runs on a Linux host under
 * qemu-riscv64 to confirm that each assertion matches Linux.
 */
#ifndef GUEST_T_H
#define GUEST_T_H

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "../check.h"

/* The name the guest tests use for a line of their own. */
#define t_print check_say

static inline const char *t_dir(const char *env, const char *def)
{
	const char *d = getenv(env);

	return d && *d ? d : def;
}

/* t_path: DIR/NAME in a static buffer (one of four rotating slots). */
static inline const char *t_path(const char *dir, const char *name)
{
	static char bufs[4][256];
	static int next;
	char *b = bufs[next++ & 3];

	snprintf(b, sizeof(bufs[0]), "%s/%s", dir, name);
	return b;
}

#define T_DISK t_dir("T_DISK", "/scratch")
#define T_TMP  t_dir("T_TMP", "/tmp")
#define T_BIN  t_dir("T_BIN", "/tests")

#endif
