/*
 * check.h - how every test program in C reports (tests/guest/t.h and
 * tests/jobctl/jc.h include it).  Each check prints one line, "PASS name"
 * or "FAIL name: why", with a single write(2), so that lines written by
 * concurrent processes (a child often reports what it saw itself) never
 * interleave and nothing is lost in a stdio buffer when a test is killed.
 */
#ifndef TESTS_CHECK_H
#define TESTS_CHECK_H

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* One line (the newline is added) in one write. */
static inline void check_vsay(const char *fmt, va_list ap)
{
	char buf[600];
	int n = vsnprintf(buf, sizeof(buf) - 1, fmt, ap);

	if (n < 0)
		return;
	if (n > (int)sizeof(buf) - 2)
		n = sizeof(buf) - 2;
	buf[n++] = '\n';
	(void)!write(1, buf, n);
}

static inline void check_say(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	check_vsay(fmt, ap);
	va_end(ap);
}

/* check(name, ok, why...): PASS when ok, else FAIL with the formatted why. */
static inline int check(const char *name, int ok, const char *fmt, ...)
{
	char why[500];
	va_list ap;

	if (ok) {
		check_say("PASS %s", name);
		return 1;
	}
	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	check_say("FAIL %s: %s", name, why);
	return 0;
}

/* check_errno: a result ret, with errno err, must be -1 and errno want. */
static inline int check_errno(const char *name, long ret, int err, int want)
{
	if (ret == -1 && err == want)
		return check(name, 1, "");
	if (ret == -1)
		return check(name, 0, "errno %d (%s), want %d (%s)", err,
			     strerror(err), want, strerror(want));
	return check(name, 0, "returned %ld, want -1 errno %d (%s)", ret,
		     want, strerror(want));
}

/*
 * check_err(name, ret, want): ret (a call, or the result of one just made)
 * must be -1 with errno want.  A macro, so that errno is taken right after
 * ret is evaluated and before name is (a name built with snprintf could
 * change errno otherwise).  Its value is check's.
 */
#define check_err(name, ret, want) ({				\
		long ret_ = (long)(ret);			\
		int err_ = errno;				\
		check_errno((name), ret_, err_, (want));	\
	})

#endif
