/*
 * The host side of the ext2 test shim: the few libc calls the kernel-side
 * shim needs, behind plain signatures (the kernel's headers and glibc's
 * disagree about dev_t, so the two never meet in one file).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "host.h"

int host_open(const char *path, uint64_t *size)
{
	struct stat st;
	int fd = open(path, O_RDWR);

	if (fd < 0 || fstat(fd, &st) < 0) {
		fprintf(stderr, "ext2_test: %s: %s\n", path, strerror(errno));
		exit(1);
	}
	*size = (uint64_t)st.st_size;
	return fd;
}

int host_io(int fd, void *buf, size_t n, uint64_t off, int write)
{
	ssize_t r = write ? pwrite(fd, buf, n, (off_t)off) : pread(fd, buf, n, (off_t)off);
	return r == (ssize_t)n ? 0 : -1;
}

void host_close(int fd)
{
	close(fd);
}

void host_now(int64_t *sec, long *nsec)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	*sec = ts.tv_sec;
	*nsec = ts.tv_nsec;
}

void host_die(const char *why)
{
	fprintf(stderr, "ext2_test: %s\n", why);
	abort();
}

int host_run(const char *cmd)
{
	int st = system(cmd);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

void *host_slurp(const char *path, uint64_t *size)
{
	uint64_t n;
	int fd = host_open(path, &n);
	char *buf = malloc(n ? n : 1);

	if (!buf || host_io(fd, buf, n, 0, 0)) {
		fprintf(stderr, "ext2_test: %s: cannot read\n", path);
		exit(1);
	}
	close(fd);
	*size = n;
	return buf;
}
