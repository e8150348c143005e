/*
 * copyrange: sendfile, copy_file_range and fadvise64, through the raw
 * system calls.  sendfile from a file to a file and to a pipe, at the
 * file's position or at an offset it updates (the position then stays),
 * 0 at the end, and Linux's refusals (a pipe to read, an O_APPEND file to
 * write, a descriptor open the wrong way, a negative offset);
 * copy_file_range between two files at offsets and at the positions,
 * within one file where the ranges do not overlap, and refused where they
 * do, with flags, for a directory, a pipe, an O_APPEND destination, and
 * across file systems (EXDEV, when T_DISK and T_TMP are two); fadvise64
 * takes every advice and refuses an unknown one, a negative length and a
 * pipe.  Also natively on the Linux host, and built with glibc.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include "t.h"

#define SIZE 10000

static unsigned char pattern(size_t i)
{
	return (unsigned char)(i * 7 + (i >> 9) + 3);
}

static long x_sendfile(int out, int in, off_t *off, size_t n)
{
	return syscall(SYS_sendfile, out, in, off, n);
}

static long x_copy(int in, off_t *off_in, int out, off_t *off_out, size_t n, unsigned flags)
{
	return syscall(SYS_copy_file_range, in, off_in, out, off_out, n, flags);
}

static long x_fadvise(int fd, off_t off, off_t len, int advice)
{
	return syscall(SYS_fadvise64, fd, off, len, advice);
}

/* Linux may copy less than asked: repeat until n or the end. */
static long copy_all(int in, off_t *off_in, int out, off_t *off_out, size_t n)
{
	long total = 0;
	while ((size_t)total < n) {
		long r = x_copy(in, off_in, out, off_out, n - (size_t)total, 0);
		if (r < 0)
			return total ? total : r;
		if (r == 0)
			break;
		total += r;
	}
	return total;
}

/* Does path hold exactly the pattern's bytes from..from+n? */
static int holds(const char *path, size_t from, size_t n)
{
	static unsigned char buf[3 * SIZE];
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return 0;
	ssize_t got = read(fd, buf, sizeof(buf));
	close(fd);
	if (got != (ssize_t)n)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (buf[i] != pattern(from + i))
			return 0;
	return 1;
}

static int make_source(const char *path)
{
	unsigned char buf[SIZE];
	for (size_t i = 0; i < SIZE; i++)
		buf[i] = pattern(i);
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
	if (fd < 0 || write(fd, buf, SIZE) != SIZE)
		return -1;
	return fd;
}

static int fresh(const char *path, int flags)
{
	return open(path, flags | O_CREAT | O_TRUNC, 0644);
}

static void test_sendfile(const char *src)
{
	int in = open(src, O_RDONLY), out, p[2];
	const char *dst = t_path(T_DISK, "copyrange.sf");
	char why[96];

	out = fresh(dst, O_WRONLY);
	long r = x_sendfile(out, in, NULL, SIZE + 100);
	snprintf(why, sizeof(why), "returned %ld (%s)", r, strerror(errno));
	check("sendfile-at-position", r == SIZE && holds(dst, 0, SIZE), why);
	check("sendfile-moves-position", lseek(in, 0, SEEK_CUR) == SIZE, "at %ld",
	      (long)lseek(in, 0, SEEK_CUR));
	check("sendfile-at-end", x_sendfile(out, in, NULL, 10) == 0, "not 0");
	close(out);

	off_t off = 100;
	lseek(in, 7, SEEK_SET);
	out = fresh(dst, O_WRONLY);
	r = x_sendfile(out, in, &off, 500);
	check("sendfile-at-offset", r == 500 && holds(dst, 100, 500), "returned %ld", r);
	check("sendfile-offset-updated", off == 600, "offset %ld", (long)off);
	check("sendfile-offset-keeps-position", lseek(in, 0, SEEK_CUR) == 7, "at %ld",
	      (long)lseek(in, 0, SEEK_CUR));
	off = SIZE;
	check("sendfile-offset-at-end", x_sendfile(out, in, &off, 10) == 0 && off == SIZE,
	      "not 0");
	check("sendfile-zero", x_sendfile(out, in, NULL, 0) == 0, "not 0");
	off = -1;
	check_err("sendfile-negative-offset", x_sendfile(out, in, &off, 10), EINVAL);
	close(out);

	if (pipe(p) == 0) {
		unsigned char buf[1000];
		off = 1234;
		r = x_sendfile(p[1], in, &off, sizeof(buf));
		int same = r == (long)sizeof(buf) && read(p[0], buf, sizeof(buf)) == (ssize_t)sizeof(buf);
		for (size_t i = 0; same && i < sizeof(buf); i++)
			same = buf[i] == pattern(1234 + i);
		check("sendfile-to-pipe", same, "returned %ld", r);
		out = fresh(dst, O_WRONLY);
		check_err("sendfile-from-pipe", x_sendfile(out, p[0], NULL, 10), EINVAL);
		close(out);
		close(p[0]);
		close(p[1]);
	}
	out = fresh(dst, O_WRONLY | O_APPEND);
	check_err("sendfile-to-append", x_sendfile(out, in, NULL, 10), EINVAL);
	close(out);
	out = open(dst, O_RDONLY);
	check_err("sendfile-to-read-only", x_sendfile(out, in, NULL, 10), EBADF);
	close(out);
	out = fresh(dst, O_WRONLY);
	int wo = open(src, O_WRONLY);
	check_err("sendfile-from-write-only", x_sendfile(out, wo, NULL, 10), EBADF);
	check_err("sendfile-bad-fd", x_sendfile(out, 999, NULL, 10), EBADF);
	close(wo);
	close(out);
	close(in);
	unlink(dst);
}

static void test_copy_file_range(const char *src, const char *src_path_tmp)
{
	const char *dst = t_path(T_DISK, "copyrange.cfr");
	int in = open(src, O_RDONLY), out = fresh(dst, O_RDWR), p[2];
	off_t oi = 0, oo = 0;
	char why[96];

	long r = copy_all(in, &oi, out, &oo, SIZE);
	snprintf(why, sizeof(why), "returned %ld (%s)", r, strerror(errno));
	check("cfr-at-offsets", r == SIZE && holds(dst, 0, SIZE), why);
	check("cfr-offsets-updated", oi == SIZE && oo == SIZE, "%ld %ld", (long)oi, (long)oo);
	check("cfr-offsets-keep-positions", lseek(in, 0, SEEK_CUR) == 0 &&
	      lseek(out, 0, SEEK_CUR) == 0, "positions moved");
	check("cfr-at-end", x_copy(in, &oi, out, &oo, 10, 0) == 0, "not 0");

	/* At the positions: 300 bytes from 1000 to the start of a new file. */
	ftruncate(out, 0);
	lseek(in, 1000, SEEK_SET);
	lseek(out, 0, SEEK_SET);
	r = copy_all(in, NULL, out, NULL, 300);
	check("cfr-at-positions", r == 300 && holds(dst, 1000, 300), "returned %ld", r);
	check("cfr-positions-moved", lseek(in, 0, SEEK_CUR) == 1300 &&
	      lseek(out, 0, SEEK_CUR) == 300, "at %ld and %ld", (long)lseek(in, 0, SEEK_CUR),
	      (long)lseek(out, 0, SEEK_CUR));

	check_err("cfr-flags", x_copy(in, NULL, out, NULL, 10, 1), EINVAL);
	close(out);

	/* Within one file: apart is a copy, overlapping is refused. */
	int same = open(dst, O_RDWR);
	ftruncate(same, 0);
	oi = 0;
	oo = 0;
	copy_all(in, &oi, same, &oo, 1000);
	oi = 0;
	oo = 2000;
	r = copy_all(same, &oi, same, &oo, 1000);
	check("cfr-same-file-apart", r == 1000 && lseek(same, 0, SEEK_END) == 3000,
	      "returned %ld", r);
	oi = 0;
	oo = 500;
	check_err("cfr-same-file-overlap", x_copy(same, &oi, same, &oo, 1000, 0), EINVAL);
	close(same);

	int dir = open(T_DISK, O_RDONLY | O_DIRECTORY);
	out = fresh(dst, O_WRONLY);
	check_err("cfr-from-directory", x_copy(dir, NULL, out, NULL, 10, 0), EISDIR);
	close(dir);
	if (pipe(p) == 0) {
		check_err("cfr-from-pipe", x_copy(p[0], NULL, out, NULL, 10, 0), EINVAL);
		close(p[0]);
		close(p[1]);
	}
	close(out);
	out = fresh(dst, O_WRONLY | O_APPEND);
	check_err("cfr-to-append", x_copy(in, NULL, out, NULL, 10, 0), EBADF);
	close(out);
	out = open(dst, O_RDONLY);
	check_err("cfr-to-read-only", x_copy(in, NULL, out, NULL, 10, 0), EBADF);
	close(out);

	/* Across two file systems (the guest's ext2 and tmpfs): EXDEV. */
	struct stat a, b;
	if (stat(T_DISK, &a) == 0 && stat(T_TMP, &b) == 0 && a.st_dev != b.st_dev) {
		out = fresh(src_path_tmp, O_WRONLY);
		check_err("cfr-across-file-systems", x_copy(in, NULL, out, NULL, 10, 0), EXDEV);
		close(out);
		unlink(src_path_tmp);
	} else {
		check_say("SKIP cfr-across-file-systems: T_DISK and T_TMP are one file system");
	}
	close(in);
	unlink(dst);
}

static void test_fadvise(const char *src)
{
	int fd = open(src, O_RDONLY), p[2];
	int ok = 1;
	for (int advice = 0; advice <= 5; advice++)
		ok &= x_fadvise(fd, 0, 0, advice) == 0;
	check("fadvise-every-advice", ok, "one refused (%s)", strerror(errno));
	check_err("fadvise-unknown-advice", x_fadvise(fd, 0, 0, 99), EINVAL);
	check_err("fadvise-negative-length", x_fadvise(fd, 0, -1, 0), EINVAL);
	check_err("fadvise-bad-fd", x_fadvise(999, 0, 0, 0), EBADF);
	if (pipe(p) == 0) {
		check_err("fadvise-pipe", x_fadvise(p[0], 0, 0, 0), ESPIPE);
		close(p[0]);
		close(p[1]);
	}
	close(fd);
}

int main(void)
{
	const char *src = t_path(T_DISK, "copyrange.src");
	int fd = make_source(src);

	if (!check("source", fd >= 0, "%s", strerror(errno)))
		return 1;
	close(fd);
	test_sendfile(src);
	test_copy_file_range(src, t_path(T_TMP, "copyrange.tmp"));
	test_fadvise(src);
	unlink(src);
	return 0;
}
