/*
 * step.c - how isolate tells what it does (-v) and what went wrong.
 * Each message is one write(2) of one line, so the parent's and the
 * container's lines never cut into each other.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "isolate.h"

#define LINE_MAX_LEN 1024
#define PREFIX "isolate: "

int step_verbose;

/* Write line, ending it with a newline even when it was cut short. */
static void
say(char *line, size_t size)
{
	size_t len = strlen(line);

	if (len == size - 1)
		line[len - 1] = '\n';
	if (write(STDERR_FILENO, line, len) < 0)
		return;	/* nowhere left to tell it */
}

/* "isolate: " and the formatted call; returns the length used. */
static size_t
format_call(char *line, size_t size, const char *fmt, va_list ap)
{
	snprintf(line, size, PREFIX);
	vsnprintf(line + strlen(PREFIX), size - strlen(PREFIX), fmt, ap);
	return strlen(line);
}

long
tell_result(long rc, const char *fmt, ...)
{
	char line[LINE_MAX_LEN];
	int saved = errno;
	size_t used;
	va_list ap;

	if (!step_verbose)
		return rc;
	va_start(ap, fmt);
	used = format_call(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (rc < 0)
		snprintf(line + used, sizeof(line) - used, " = -1 (%s)\n", strerror(saved));
	else
		snprintf(line + used, sizeof(line) - used, " = %ld\n", rc);
	say(line, sizeof(line));
	errno = saved;
	return rc;
}

void
tell(const char *fmt, ...)
{
	char line[LINE_MAX_LEN];
	size_t used;
	va_list ap;

	if (!step_verbose)
		return;
	va_start(ap, fmt);
	used = format_call(line, sizeof(line), fmt, ap);
	va_end(ap);
	snprintf(line + used, sizeof(line) - used, "\n");
	say(line, sizeof(line));
}

int
step_failed(const char *step, const char *object)
{
	char line[LINE_MAX_LEN];

	snprintf(line, sizeof(line), PREFIX "%s: %s: %s\n", step, object, strerror(errno));
	say(line, sizeof(line));
	return -1;
}
