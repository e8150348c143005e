/*
 * t.h - the few helpers every guest test program shares.  Each check
 * prints one line, "PASS name" or "FAIL name: why", with a single write(2)
 * so that lines from concurrent processes never interleave and nothing is
 * lost in a stdio buffer when a test is killed.
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

static inline void t_line(const char *fmt, va_list ap)
{
	char buf[512];
	int n = vsnprintf(buf, sizeof(buf) - 1, fmt, ap);

	if (n < 0)
		return;
	if (n > (int)sizeof(buf) - 2)
		n = sizeof(buf) - 2;
	buf[n++] = '\n';
	(void)!write(1, buf, n);
}

static inline void t_print(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	t_line(fmt, ap);
	va_end(ap);
}

/* check(name, ok, why...): PASS when ok, else FAIL with the formatted why. */
static inline int check(const char *name, int ok, const char *fmt, ...)
{
	char why[400];
	va_list ap;

	if (ok) {
		t_print("PASS %s", name);
		return 1;
	}
	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	t_print("FAIL %s: %s", name, why);
	return 0;
}

/* check_err: a call that must fail with -1 and the errno want. */
static inline int check_err(const char *name, long ret, int want)
{
	int err = errno;

	if (ret == -1 && err == want)
		return check(name, 1, "");
	if (ret == -1)
		return check(name, 0, "errno %d (%s), want %d (%s)", err,
			     strerror(err), want, strerror(want));
	return check(name, 0, "returned %ld, want -1 errno %d (%s)", ret,
		     want, strerror(want));
}

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
