/*
 * dmesg: print the kernel log buffer.
 *   dmesg [-cCr]
 * Reads it with syslog(2) (glibc's klogctl): SYSLOG_ACTION_SIZE_BUFFER
 * for the size, then SYSLOG_ACTION_READ_ALL.  -c prints then clears,
 * -C only clears.  Each record starts with its level as "<N>", which
 * is dropped unless -r (raw) is given.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/klog.h>
#include <unistd.h>

/* syslog(2) action numbers, from the Linux man page. */
#define SYSLOG_ACTION_READ_ALL    3
#define SYSLOG_ACTION_READ_CLEAR  4
#define SYSLOG_ACTION_CLEAR       5
#define SYSLOG_ACTION_SIZE_BUFFER 10

static void
usage(void)
{
	fprintf(stderr, "usage: dmesg [-cCr]\n");
	exit(1);
}

/* Write the log, dropping the "<N>" level prefix at each line start. */
static void
print_log(const char *buf, int len, int raw)
{
	int at_line_start = 1;

	for (int i = 0; i < len; i++) {
		if (!raw && at_line_start && buf[i] == '<') {
			int j = i + 1;
			while (j < len && buf[j] >= '0' && buf[j] <= '9')
				j++;
			if (j < len && j > i + 1 && buf[j] == '>')
				i = j + 1;
			if (i >= len)
				break;
		}
		putchar(buf[i]);
		at_line_start = buf[i] == '\n';
	}
	if (len > 0 && buf[len - 1] != '\n')
		putchar('\n');
}

int
main(int argc, char *argv[])
{
	int action = SYSLOG_ACTION_READ_ALL, raw = 0, size, n, c;
	char *buf;

	while ((c = getopt(argc, argv, "cCr")) != -1) {
		switch (c) {
		case 'c': action = SYSLOG_ACTION_READ_CLEAR; break;
		case 'C': action = SYSLOG_ACTION_CLEAR; break;
		case 'r': raw = 1; break;
		default: usage();
		}
	}
	if (optind < argc)
		usage();
	if (action == SYSLOG_ACTION_CLEAR) {
		if (klogctl(action, NULL, 0) < 0) {
			fprintf(stderr, "dmesg: clear: %s\n", strerror(errno));
			return 1;
		}
		return 0;
	}
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
		fprintf(stderr, "dmesg: read kernel log: %s\n", strerror(errno));
		return 1;
	}
	print_log(buf, n, raw);
	free(buf);
	return fflush(stdout) != 0;
}
