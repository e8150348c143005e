/*
 * cgroup.c - the <cgroup.h> layer: cgroup v2 by its files.  Plain POSIX
 * (no system call of our own), so isolate's native build compiles it too.
 */
#include "cgroup.h"	/* quoted: natively it is found by -iquote (userland.mk) */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define CGROUP_MODE		0755
#define EVENTS_MAX		128
/* cgroup_destroy waits this many times this long for the killed to go. */
#define DESTROY_TRIES		500
#define DESTROY_WAIT_NS		10000000L

int cgroup_path(const char *name, char *buf, size_t size)
{
	int n = name[0] == '/' ? snprintf(buf, size, "%s", name)
			       : snprintf(buf, size, "%s/%s", CGROUP_MOUNT, name);
	if (n < 0 || (size_t)n >= size) {
		errno = ENAMETOOLONG;
		return -1;
	}
	return 0;
}

static int file_path(const char *name, const char *file, char *buf, size_t size)
{
	char dir[PATH_MAX];
	if (cgroup_path(name, dir, sizeof(dir)) < 0)
		return -1;
	int n = snprintf(buf, size, "%s/%s", dir, file);
	if (n < 0 || (size_t)n >= size) {
		errno = ENAMETOOLONG;
		return -1;
	}
	return 0;
}

int cgroup_create(const char *name)
{
	char dir[PATH_MAX];
	if (cgroup_path(name, dir, sizeof(dir)) < 0)
		return -1;
	return mkdir(dir, CGROUP_MODE);
}

int cgroup_set_limit(const char *name, const char *file, const char *value)
{
	char path[PATH_MAX];
	if (file_path(name, file, path, sizeof(path)) < 0)
		return -1;
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	size_t len = strlen(value);
	ssize_t n = write(fd, value, len);
	int err = errno;
	close(fd);
	if (n == (ssize_t)len)
		return 0;
	errno = n < 0 ? err : EIO;
	return -1;
}

int cgroup_add(const char *name, pid_t pid)
{
	char text[24];
	snprintf(text, sizeof(text), "%d\n", (int)pid);
	return cgroup_set_limit(name, "cgroup.procs", text);
}

/* Is "populated 0" what the group's cgroup.events says? */
static int unpopulated(const char *name)
{
	char path[PATH_MAX], text[EVENTS_MAX];
	if (file_path(name, "cgroup.events", path, sizeof(path)) < 0)
		return 1;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 1;
	ssize_t n = read(fd, text, sizeof(text) - 1);
	close(fd);
	text[n > 0 ? n : 0] = '\0';
	return strstr(text, "populated 0") != NULL;
}

int cgroup_destroy(const char *name)
{
	char dir[PATH_MAX];
	if (cgroup_path(name, dir, sizeof(dir)) < 0)
		return -1;
	if (rmdir(dir) == 0)
		return 0;
	if (errno != EBUSY)
		return -1;
	if (cgroup_set_limit(name, "cgroup.kill", "1") < 0)
		return -1;
	struct timespec pause = { 0, DESTROY_WAIT_NS };
	for (int i = 0; i < DESTROY_TRIES && !unpopulated(name); i++)
		nanosleep(&pause, NULL);
	return rmdir(dir);
}
