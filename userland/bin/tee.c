/*
 * tee: copy standard input to standard output and to files.
 *   tee [-ai] [file ...]
 * -a appends instead of truncating, -i ignores SIGINT.  A file that
 * cannot be opened or written is reported and dropped; the others go on,
 * and the exit status is 1.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define BUF_SIZE 8192
#define FILE_MODE 0666		/* before the umask */

struct output {
	int fd;			/* -1 once dropped */
	const char *name;
};

static void
usage(void)
{
	fprintf(stderr, "usage: tee [-ai] [file ...]\n");
	exit(1);
}

static int
write_all(int fd, const char *buf, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, buf, len);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		buf += n;
		len -= n;
	}
	return 0;
}

/* Copy stdin to every output still open; returns 1 if anything failed. */
static int
copy(struct output *out, int nout)
{
	char buf[BUF_SIZE];
	ssize_t n;
	int status = 0;

	while ((n = read(STDIN_FILENO, buf, sizeof(buf))) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			fprintf(stderr, "tee: standard input: %s\n", strerror(errno));
			return 1;
		}
		for (int i = 0; i < nout; i++) {
			if (out[i].fd < 0 || write_all(out[i].fd, buf, n) == 0)
				continue;
			fprintf(stderr, "tee: %s: %s\n", out[i].name, strerror(errno));
			if (out[i].fd != STDOUT_FILENO)
				close(out[i].fd);
			out[i].fd = -1;
			status = 1;
		}
	}
	return status;
}

int
main(int argc, char *argv[])
{
	int flags = O_WRONLY | O_CREAT | O_TRUNC, status = 0, nout = 0, c;
	struct output *out;

	while ((c = getopt(argc, argv, "ai")) != -1) {
		switch (c) {
		case 'a': flags = O_WRONLY | O_CREAT | O_APPEND; break;
		case 'i': signal(SIGINT, SIG_IGN); break;
		default: usage();
		}
	}
	out = calloc(argc - optind + 1, sizeof(*out));
	if (out == NULL) {
		fprintf(stderr, "tee: %s\n", strerror(errno));
		return 1;
	}
	out[nout++] = (struct output){ STDOUT_FILENO, "standard output" };
	for (int i = optind; i < argc; i++) {
		int fd = open(argv[i], flags, FILE_MODE);

		if (fd < 0) {
			fprintf(stderr, "tee: %s: %s\n", argv[i], strerror(errno));
			status = 1;
			continue;
		}
		out[nout++] = (struct output){ fd, argv[i] };
	}
	status |= copy(out, nout);
	for (int i = 1; i < nout; i++) {
		if (out[i].fd >= 0 && close(out[i].fd) < 0) {
			fprintf(stderr, "tee: %s: %s\n", out[i].name, strerror(errno));
			status = 1;
		}
	}
	free(out);
	return status;
}
