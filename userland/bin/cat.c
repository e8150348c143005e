/* cat: copy files (or standard input for none or "-") to standard output. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define COPY_BUF_SIZE 65536

static char buf[COPY_BUF_SIZE];

/* Write all of buf; returns -1 with errno on failure. */
static int
write_all(int fd, const char *data, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, data, len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		data += n;
		len -= n;
	}
	return 0;
}

static int
cat_fd(int fd, const char *name)
{
	ssize_t n;

	while ((n = read(fd, buf, sizeof(buf))) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			fprintf(stderr, "cat: %s: %s\n", name, strerror(errno));
			return -1;
		}
		if (write_all(STDOUT_FILENO, buf, n) < 0) {
			fprintf(stderr, "cat: stdout: %s\n", strerror(errno));
			return -1;
		}
	}
	return 0;
}

int
main(int argc, char *argv[])
{
	int status = 0, c;

	while ((c = getopt(argc, argv, "u")) != -1) {
		if (c != 'u') {
			fprintf(stderr, "usage: cat [-u] [file ...]\n");
			return 1;
		}
	}
	if (optind == argc)
		return cat_fd(STDIN_FILENO, "stdin") < 0;
	for (int i = optind; i < argc; i++) {
		if (strcmp(argv[i], "-") == 0) {
			if (cat_fd(STDIN_FILENO, "stdin") < 0)
				status = 1;
			continue;
		}
		int fd = open(argv[i], O_RDONLY);
		if (fd < 0) {
			fprintf(stderr, "cat: %s: %s\n", argv[i], strerror(errno));
			status = 1;
			continue;
		}
		if (cat_fd(fd, argv[i]) < 0)
			status = 1;
		close(fd);
	}
	return status;
}
