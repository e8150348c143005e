/*
 * dmesg: print or control the kernel log buffer.
 *   dmesg [-cCrt] [-l LEVEL[,LEVEL...]] [-n LEVEL]
 * Reads it with syslog(2) (glibc's klogctl): SYSLOG_ACTION_SIZE_BUFFER
 * for the size, then SYSLOG_ACTION_READ_ALL.  Each line of the log is
 * "<N>[seconds.micros] text" as Linux's syslog gives it: N is the level
 * (low three bits) and facility.  dmesg prints "[seconds.micros] text",
 * the level dropped unless -r (raw), the time dropped with -t.
 *   -c prints then clears, -C only clears;
 *   -l keeps only the lines of the levels named (emerg ... debug);
 *   -n sets the console level: a number, or a name meaning its level + 1
 *      ("-n 1" and "-n emerg" both leave only emergencies on the console).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/klog.h>
#include <unistd.h>

/* syslog(2) action numbers, from the Linux man page. */
#define SYSLOG_ACTION_READ_ALL      3
#define SYSLOG_ACTION_READ_CLEAR    4
#define SYSLOG_ACTION_CLEAR         5
#define SYSLOG_ACTION_CONSOLE_LEVEL 8
#define SYSLOG_ACTION_SIZE_BUFFER   10

#define NLEVELS        8
#define LEVEL_DEFAULT  4	/* of a line without "<N>" */
#define ALL_LEVELS     ((1u << NLEVELS) - 1)

static const char *const level_names[NLEVELS] = {
	"emerg", "alert", "crit", "err", "warn", "notice", "info", "debug",
};

static void
usage(void)
{
	fprintf(stderr, "usage: dmesg [-cCrt] [-l level[,level...]] [-n level]\n");
	exit(1);
}

/* A level by name (0..7), or -1. */
static int
level_by_name(const char *s, size_t len)
{
	for (int i = 0; i < NLEVELS; i++)
		if (strlen(level_names[i]) == len && strncmp(level_names[i], s, len) == 0)
			return i;
	return -1;
}

/* -l's list of names: the mask of levels, or exits with a message. */
static unsigned
parse_levels(const char *list)
{
	unsigned mask = 0;
	const char *p = list;

	for (;;) {
		size_t len = strcspn(p, ",");
		int lv = level_by_name(p, len);
		if (lv < 0) {
			fprintf(stderr, "dmesg: unknown level '%.*s'\n", (int)len, p);
			exit(1);
		}
		mask |= 1u << lv;
		if (p[len] == '\0')
			return mask;
		p += len + 1;
	}
}

/* -n's argument: a console level 1..8. */
static int
parse_console_level(const char *s)
{
	char *end;
	long v = strtol(s, &end, 10);

	if (*s && *end == '\0')
		return v;
	int lv = level_by_name(s, strlen(s));
	if (lv < 0) {
		fprintf(stderr, "dmesg: unknown level '%s'\n", s);
		exit(1);
	}
	return lv + 1;
}

/* One line of the log (without its newline): printed unless filtered. */
static void
print_line(const char *line, size_t len, unsigned levels, int raw, int notime)
{
	int level = LEVEL_DEFAULT;
	size_t i = 0;

	if (len > 0 && line[0] == '<') {
		size_t j = 1;
		int v = 0;
		while (j < len && line[j] >= '0' && line[j] <= '9')
			v = v * 10 + (line[j++] - '0');
		if (j < len && j > 1 && line[j] == '>') {
			level = v & 7;
			if (!raw)
				i = j + 1;
		}
	}
	if (!(levels & (1u << level)))
		return;
	if (notime && i < len && line[i] == '[') {
		const char *close = memchr(line + i, ']', len - i);
		if (close) {
			i = close - line + 1;
			if (i < len && line[i] == ' ')
				i++;
		}
	}
	fwrite(line + i, 1, len - i, stdout);
	putchar('\n');
}

static void
print_log(const char *buf, size_t len, unsigned levels, int raw, int notime)
{
	size_t start = 0;

	while (start < len) {
		const char *nl = memchr(buf + start, '\n', len - start);
		size_t end = nl ? (size_t)(nl - buf) : len;
		print_line(buf + start, end - start, levels, raw, notime);
		start = end + 1;
	}
}

static int
control(int action, int arg, const char *what)
{
	if (klogctl(action, NULL, arg) < 0) {
		fprintf(stderr, "dmesg: %s: %s\n", what, strerror(errno));
		return 1;
	}
	return 0;
}

int
main(int argc, char *argv[])
{
	int action = SYSLOG_ACTION_READ_ALL, raw = 0, notime = 0, console_level = 0;
	unsigned levels = ALL_LEVELS;
	int size, n, c;
	char *buf;

	while ((c = getopt(argc, argv, "cCrtl:n:")) != -1) {
		switch (c) {
		case 'c': action = SYSLOG_ACTION_READ_CLEAR; break;
		case 'C': action = SYSLOG_ACTION_CLEAR; break;
		case 'r': raw = 1; break;
		case 't': notime = 1; break;
		case 'l': levels = parse_levels(optarg); break;
		case 'n':
			action = SYSLOG_ACTION_CONSOLE_LEVEL;
			console_level = parse_console_level(optarg);
			break;
		default: usage();
		}
	}
	if (optind < argc)
		usage();
	if (action == SYSLOG_ACTION_CLEAR)
		return control(action, 0, "clear kernel buffer");
	if (action == SYSLOG_ACTION_CONSOLE_LEVEL)
		return control(action, console_level, "klogctl failed");
	size = klogctl(SYSLOG_ACTION_SIZE_BUFFER, NULL, 0);
	if (size <= 0) {
		fprintf(stderr, "dmesg: kernel log size: %s\n", strerror(size < 0 ? errno : ENODATA));
		return 1;
	}
	buf = malloc(size);
	if (buf == NULL) {
		fprintf(stderr, "dmesg: %s\n", strerror(errno));
		return 1;
	}
	n = klogctl(action, buf, size);
	if (n < 0) {
		fprintf(stderr, "dmesg: read kernel buffer failed: %s\n", strerror(errno));
		return 1;
	}
	print_log(buf, n, levels, raw, notime);
	free(buf);
	return fflush(stdout) != 0;
}
