/*
 * wc: count lines, words and bytes.  Without options all three are
 * printed; -l, -w, -c select.  Several files end with a "total" line.
 * Like GNU wc, columns are as wide as the largest count needs.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define READ_BUF_SIZE 65536
/* GNU wc's column width when a count's size cannot be known in advance. */
#define PIPE_COLUMN_WIDTH 7

struct counts {
	unsigned long lines, words, bytes;
};

static int show_lines, show_words, show_bytes;

static int
count_fd(int fd, const char *name, struct counts *out)
{
	static unsigned char buf[READ_BUF_SIZE];
	int in_word = 0;
	ssize_t n;

	memset(out, 0, sizeof(*out));
	while ((n = read(fd, buf, sizeof(buf))) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			fprintf(stderr, "wc: %s: %s\n", name, strerror(errno));
			return -1;
		}
		out->bytes += n;
		for (ssize_t i = 0; i < n; i++) {
			if (buf[i] == '\n')
				out->lines++;
			if (isspace(buf[i]))
				in_word = 0;
			else if (!in_word) {
				in_word = 1;
				out->words++;
			}
		}
	}
	return 0;
}

static void
print_counts(const struct counts *c, const char *name, int width)
{
	const char *sep = "";

	if (show_lines) {
		printf("%*lu", width, c->lines);
		sep = " ";
	}
	if (show_words) {
		printf("%s%*lu", sep, width, c->words);
		sep = " ";
	}
	if (show_bytes)
		printf("%s%*lu", sep, width, c->bytes);
	if (name)
		printf(" %s", name);
	putchar('\n');
}

static int
digits(unsigned long n)
{
	int d = 1;
	while (n >= 10) {
		n /= 10;
		d++;
	}
	return d;
}

int
main(int argc, char *argv[])
{
	struct counts total = { 0, 0, 0 }, *each;
	int nfiles, status = 0, width, c;

	while ((c = getopt(argc, argv, "lwc")) != -1) {
		switch (c) {
		case 'l': show_lines = 1; break;
		case 'w': show_words = 1; break;
		case 'c': show_bytes = 1; break;
		default:
			fprintf(stderr, "usage: wc [-clw] [file ...]\n");
			return 1;
		}
	}
	if (!show_lines && !show_words && !show_bytes)
		show_lines = show_words = show_bytes = 1;
	int nfields = show_lines + show_words + show_bytes;

	if (optind == argc) {
		struct counts one;
		if (count_fd(STDIN_FILENO, "stdin", &one) < 0)
			return 1;
		struct stat st;
		width = digits(one.bytes);
		if (fstat(STDIN_FILENO, &st) == 0 && !S_ISREG(st.st_mode))
			width = PIPE_COLUMN_WIDTH;
		print_counts(&one, NULL, nfields == 1 ? 1 : width);
		return 0;
	}
	nfiles = argc - optind;
	each = calloc(nfiles, sizeof(*each));
	int *ok = calloc(nfiles, sizeof(*ok));
	if (each == NULL || ok == NULL) {
		fprintf(stderr, "wc: %s\n", strerror(errno));
		return 1;
	}
	for (int i = 0; i < nfiles; i++) {
		const char *name = argv[optind + i];
		int fd = strcmp(name, "-") == 0 ? STDIN_FILENO : open(name, O_RDONLY);
		if (fd < 0) {
			fprintf(stderr, "wc: %s: %s\n", name, strerror(errno));
			status = 1;
			continue;
		}
		if (count_fd(fd, name, &each[i]) == 0) {
			ok[i] = 1;
			total.lines += each[i].lines;
			total.words += each[i].words;
			total.bytes += each[i].bytes;
		} else
			status = 1;
		if (fd != STDIN_FILENO)
			close(fd);
	}
	width = digits(total.bytes);
	if (nfiles == 1 && nfields == 1)
		width = 1;
	for (int i = 0; i < nfiles; i++)
		if (ok[i])
			print_counts(&each[i], argv[optind + i], width);
	if (nfiles > 1)
		print_counts(&total, "total", width);
	free(each);
	free(ok);
	return status;
}
