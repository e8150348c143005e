/*
 * bigfiles.c - size on both file systems: a 20 MiB file written in odd
 * chunk sizes and read back with a checksum, and a directory of 2000
 * entries that getdents64 must list completely before all are unlinked.
 */
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include "t.h"

#define BIG_SIZE    (20 << 20)
#define DIR_ENTRIES 2000

struct dirent64_hdr {
	unsigned long ino;
	long off;
	unsigned short reclen;
	unsigned char type;
	char name[];
};

/* The content of byte i of the big file: not periodic in any power of 2. */
static unsigned char pattern(unsigned long i)
{
	return (unsigned char)((i * 2654435761ul) >> 13 ^ i / 4093);
}

static unsigned long sum_add(unsigned long sum, const unsigned char *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		sum = sum * 31 + b[i];
	return sum;
}

static void test_big(const char *dir, const char *fs)
{
	static unsigned char buf[65536 + 123];
	unsigned long want = 0, got = 0, pos = 0;
	char name[64], path[256];
	struct stat st;
	ssize_t n;
	int fd, bad = 0;

	snprintf(path, sizeof(path), "%s/big-%d", dir, (int)getpid());
	fd = open(path, O_CREAT | O_RDWR | O_TRUNC, 0644);
	snprintf(name, sizeof(name), "big-20mib-open-%s", fs);
	if (!check(name, fd >= 0, "open %s: %s", path, strerror(errno)))
		return;
	while (pos < BIG_SIZE && !bad) {
		size_t len = sizeof(buf) - (pos / 7 % 1000);

		if (len > BIG_SIZE - pos)
			len = BIG_SIZE - pos;
		for (size_t i = 0; i < len; i++)
			buf[i] = pattern(pos + i);
		want = sum_add(want, buf, len);
		n = write(fd, buf, len);
		if (n != (ssize_t)len)
			bad = 1;
		pos += len;
	}
	snprintf(name, sizeof(name), "big-20mib-write-%s", fs);
	check(name, !bad, "short write at %lu: %s", pos, strerror(errno));
	snprintf(name, sizeof(name), "big-20mib-size-%s", fs);
	check(name, fstat(fd, &st) == 0 && st.st_size == BIG_SIZE, "size %ld",
	      (long)st.st_size);
	snprintf(name, sizeof(name), "big-20mib-fsync-%s", fs);
	check(name, fsync(fd) == 0, "%s", strerror(errno));
	close(fd);
	fd = open(path, O_RDONLY);
	pos = 0;
	while ((n = read(fd, buf, 40000)) > 0) {
		for (ssize_t i = 0; i < n; i++)
			if (buf[i] != pattern(pos + i) && !bad)
				bad = 1 + (pos + i);
		got = sum_add(got, buf, n);
		pos += n;
	}
	close(fd);
	snprintf(name, sizeof(name), "big-20mib-checksum-%s", fs);
	check(name, got == want && pos == BIG_SIZE && !bad,
	      "read %lu bytes, first bad byte at %d, sum %lx want %lx", pos, bad - 1, got,
	      want);
	snprintf(name, sizeof(name), "big-20mib-unlink-%s", fs);
	check(name, unlink(path) == 0, "%s", strerror(errno));
}

static int count_entries(const char *path, int *dots)
{
	static char buf[4096];
	int fd = open(path, O_RDONLY | O_DIRECTORY), count = 0;
	long n;

	*dots = 0;
	if (fd < 0)
		return -1;
	while ((n = syscall(SYS_getdents64, fd, buf, sizeof(buf))) > 0) {
		for (long off = 0; off < n;) {
			struct dirent64_hdr *d = (struct dirent64_hdr *)(buf + off);

			if (strcmp(d->name, ".") == 0 || strcmp(d->name, "..") == 0)
				(*dots)++;
			else if (strncmp(d->name, "entry-", 6) == 0)
				count++;
			off += d->reclen;
		}
	}
	close(fd);
	return n < 0 ? -1 : count;
}

static void test_dir(const char *dir, const char *fs)
{
	char name[64], path[256], f[300];
	int made = 0, removed = 0, dots, n;

	snprintf(path, sizeof(path), "%s/many-%d", dir, (int)getpid());
	mkdir(path, 0755);
	for (int i = 0; i < DIR_ENTRIES; i++) {
		int fd;

		snprintf(f, sizeof(f), "%s/entry-%d-with-a-longer-name", path, i);
		fd = open(f, O_CREAT | O_WRONLY | O_EXCL, 0644);
		if (fd >= 0) {
			made++;
			close(fd);
		}
	}
	snprintf(name, sizeof(name), "dir-2000-create-%s", fs);
	check(name, made == DIR_ENTRIES, "created %d: %s", made, strerror(errno));
	n = count_entries(path, &dots);
	snprintf(name, sizeof(name), "dir-2000-getdents64-%s", fs);
	check(name, n == DIR_ENTRIES && dots == 2, "listed %d entries, %d dots", n, dots);
	for (int i = 0; i < DIR_ENTRIES; i++) {
		snprintf(f, sizeof(f), "%s/entry-%d-with-a-longer-name", path, i);
		removed += unlink(f) == 0;
	}
	snprintf(name, sizeof(name), "dir-2000-unlink-%s", fs);
	check(name, removed == DIR_ENTRIES, "removed %d", removed);
	n = count_entries(path, &dots);
	snprintf(name, sizeof(name), "dir-2000-empty-after-%s", fs);
	check(name, n == 0 && dots == 2, "listed %d entries, %d dots", n, dots);
	snprintf(name, sizeof(name), "dir-2000-rmdir-%s", fs);
	check(name, rmdir(path) == 0, "%s", strerror(errno));
}

int main(void)
{
	test_big(T_DISK, "ext2");
	test_big(T_TMP, "tmpfs");
	test_dir(T_DISK, "ext2");
	test_dir(T_TMP, "tmpfs");
	return 0;
}
