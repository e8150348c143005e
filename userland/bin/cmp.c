/*
 * cmp: compare two files byte by byte.
 *   cmp [-l | -s] file1 [file2]
 * Prints where the first difference is ("a b differ: byte 3, line 1"),
 * every differing byte with -l (offset, then both bytes in octal), or
 * nothing with -s.  A file that ends first is reported on stderr as GNU
 * cmp reports it.  "-" or a missing file2 is standard input.
 * Exit status: 0 same, 1 different, 2 trouble.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define STATUS_SAME 0
#define STATUS_DIFFER 1
#define STATUS_TROUBLE 2

enum mode { MODE_FIRST, MODE_LIST, MODE_SILENT };

struct input {
	FILE *fp;
	const char *name;
};

static void
usage(void)
{
	fprintf(stderr, "usage: cmp [-l | -s] file1 [file2]\n");
	exit(STATUS_TROUBLE);
}

static int
open_input(struct input *in, const char *name)
{
	in->name = name;
	if (strcmp(name, "-") == 0) {
		in->fp = stdin;
		return 0;
	}
	in->fp = fopen(name, "r");
	if (in->fp == NULL) {
		fprintf(stderr, "cmp: %s: %s\n", name, strerror(errno));
		return -1;
	}
	return 0;
}

/* Digits of the smaller regular file's size: the width of -l offsets. */
static int
offset_width(struct input *a, struct input *b)
{
	struct stat sa, sb;
	long long size;
	int width = 1;

	if (fstat(fileno(a->fp), &sa) < 0 || fstat(fileno(b->fp), &sb) < 0 ||
	    !S_ISREG(sa.st_mode) || !S_ISREG(sb.st_mode))
		return width;
	size = sa.st_size < sb.st_size ? sa.st_size : sb.st_size;
	for (; size >= 10; size /= 10)
		width++;
	return width;
}

static void
report_eof(const struct input *shorter, long long bytes, long long lines, int last)
{
	if (bytes == 0)
		fprintf(stderr, "cmp: EOF on %s which is empty\n", shorter->name);
	else if (last == '\n')
		fprintf(stderr, "cmp: EOF on %s after byte %lld, line %lld\n",
		    shorter->name, bytes, lines);
	else
		fprintf(stderr, "cmp: EOF on %s after byte %lld, in line %lld\n",
		    shorter->name, bytes, lines + 1);
}

static int
compare(struct input *a, struct input *b, enum mode mode)
{
	long long bytes = 0, lines = 0;
	int width = mode == MODE_LIST ? offset_width(a, b) : 0;
	int status = STATUS_SAME, ca, cb, last = 0;

	for (;;) {
		ca = getc(a->fp);
		cb = getc(b->fp);
		if (ca == EOF || cb == EOF)
			break;
		bytes++;
		if (ca != cb) {
			status = STATUS_DIFFER;
			if (mode == MODE_SILENT)
				return status;
			if (mode == MODE_FIRST) {
				printf("%s %s differ: byte %lld, line %lld\n",
				    a->name, b->name, bytes, lines + 1);
				return status;
			}
			printf("%*lld %3o %3o\n", width, bytes, ca, cb);
		}
		if (ca == '\n')
			lines++;
		last = ca;
	}
	if (ferror(a->fp) || ferror(b->fp)) {
		fprintf(stderr, "cmp: %s: %s\n", ferror(a->fp) ? a->name : b->name,
		    strerror(errno));
		return STATUS_TROUBLE;
	}
	if (ca == cb)
		return status;
	if (mode != MODE_SILENT)
		report_eof(ca == EOF ? a : b, bytes, lines, last);
	return STATUS_DIFFER;
}

int
main(int argc, char *argv[])
{
	enum mode mode = MODE_FIRST;
	struct input a, b;
	int c, status;

	while ((c = getopt(argc, argv, "ls")) != -1) {
		switch (c) {
		case 'l': mode = MODE_LIST; break;
		case 's': mode = MODE_SILENT; break;
		default: usage();
		}
	}
	if (argc - optind < 1 || argc - optind > 2)
		usage();
	if (open_input(&a, argv[optind]) < 0 ||
	    open_input(&b, optind + 1 < argc ? argv[optind + 1] : "-") < 0)
		return STATUS_TROUBLE;
	status = compare(&a, &b, mode);
	if (fflush(stdout) != 0)
		return STATUS_TROUBLE;
	return status;
}
