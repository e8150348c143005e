/*
 * Reading and writing the small files of cgroupfs and procfs, as the
 * cgroup tests do (cgroup.c, memcg.c, sockmem.c).
 */
#ifndef GUEST_CGTEST_H
#define GUEST_CGTEST_H

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

/* The file's text, NUL-terminated, in a static buffer ("" on error). */
static inline const char *rd(const char *file)
{
	static char buf[8192];
	int fd = open(file, O_RDONLY);
	ssize_t n = fd < 0 ? -1 : read(fd, buf, sizeof(buf) - 1);
	if (fd >= 0)
		close(fd);
	buf[n > 0 ? n : 0] = 0;
	return buf;
}

/* One write of text: 0, or -1 with errno. */
static inline int wr(const char *file, const char *text)
{
	int fd = open(file, O_WRONLY);
	if (fd < 0)
		return -1;
	ssize_t n = write(fd, text, strlen(text));
	int err = errno;
	close(fd);
	errno = err;
	return n == (ssize_t)strlen(text) ? 0 : -1;
}

#endif
