/*
 * dir.c - directory streams.  A DIR holds an open directory descriptor and
 * a buffer of linux_dirent64 records read with getdents64(2); readdir()
 * returns pointers into that buffer (struct dirent has the same layout).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include "syscall.h"

#define DIR_BUFSIZE 4096

struct __dirstream {
	int fd;
	size_t pos;	/* next record in buf */
	size_t len;	/* bytes of records in buf */
	long offset;	/* d_off of the last record returned */
	char buf[DIR_BUFSIZE] __attribute__((aligned(8)));
};

ssize_t getdents64(int fd, void *buf, size_t len)
{
	return SC3(SYS_getdents64, fd, buf, len);
}

DIR *fdopendir(int fd)
{
	struct stat st;
	DIR *d;

	if (fstat(fd, &st) < 0)
		return 0;
	if (!S_ISDIR(st.st_mode)) {
		errno = ENOTDIR;
		return 0;
	}
	d = calloc(1, sizeof(*d));
	if (!d)
		return 0;
	d->fd = fd;
	fcntl(fd, F_SETFD, FD_CLOEXEC);
	return d;
}

DIR *opendir(const char *path)
{
	int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	DIR *d;

	if (fd < 0)
		return 0;
	d = fdopendir(fd);
	if (!d)
		close(fd);
	return d;
}

struct dirent *readdir(DIR *d)
{
	struct dirent *de;
	ssize_t n;

	if (d->pos >= d->len) {
		n = getdents64(d->fd, d->buf, sizeof(d->buf));
		if (n <= 0)
			return 0;
		d->len = (size_t)n;
		d->pos = 0;
	}
	de = (struct dirent *)(d->buf + d->pos);
	d->pos += de->d_reclen;
	d->offset = de->d_off;
	return de;
}

int readdir_r(DIR *d, struct dirent *entry, struct dirent **result)
{
	int saved = errno;
	struct dirent *de;

	errno = 0;
	de = readdir(d);
	if (!de && errno)
		return errno;
	errno = saved;
	if (de)
		memcpy(entry, de, de->d_reclen);
	*result = de ? entry : 0;
	return 0;
}

int closedir(DIR *d)
{
	int r = close(d->fd);

	free(d);
	return r;
}

void rewinddir(DIR *d)
{
	lseek(d->fd, 0, SEEK_SET);
	d->pos = d->len = 0;
	d->offset = 0;
}

long telldir(DIR *d)
{
	return d->offset;
}

void seekdir(DIR *d, long pos)
{
	lseek(d->fd, pos, SEEK_SET);
	d->pos = d->len = 0;
	d->offset = pos;
}

int dirfd(DIR *d)
{
	return d->fd;
}

int alphasort(const struct dirent **a, const struct dirent **b)
{
	return strcoll((*a)->d_name, (*b)->d_name);
}

static void sort_entries(struct dirent **list, size_t n,
	int (*compare)(const struct dirent **, const struct dirent **))
{
	size_t i, j;
	struct dirent *t;

	/* insertion sort: directories are short and this keeps it simple */
	for (i = 1; i < n; i++) {
		t = list[i];
		for (j = i; j > 0 &&
		     compare((const struct dirent **)&list[j - 1],
			     (const struct dirent **)&t) > 0; j--)
			list[j] = list[j - 1];
		list[j] = t;
	}
}

int scandir(const char *path, struct dirent ***out,
	    int (*filter)(const struct dirent *),
	    int (*compare)(const struct dirent **, const struct dirent **))
{
	struct dirent **list = 0, **bigger, *de, *copy;
	size_t n = 0, cap = 0;
	DIR *d = opendir(path);

	if (!d)
		return -1;
	while ((de = readdir(d)) != 0) {
		if (filter && !filter(de))
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			bigger = realloc(list, cap * sizeof(*list));
			if (!bigger)
				goto fail;
			list = bigger;
		}
		copy = malloc(de->d_reclen);
		if (!copy)
			goto fail;
		memcpy(copy, de, de->d_reclen);
		list[n++] = copy;
	}
	closedir(d);
	if (compare)
		sort_entries(list, n, compare);
	*out = list;
	return (int)n;
fail:
	while (n)
		free(list[--n]);
	free(list);
	closedir(d);
	errno = ENOMEM;
	return -1;
}
