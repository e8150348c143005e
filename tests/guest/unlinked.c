/*
 * unlinked.c - an open file whose name is gone is still the file: fstat
 * (glibc's is fstatat with AT_EMPTY_PATH), statx, fchmod, fchown,
 * futimens, ftruncate and a write to it work through the descriptor, as
 * on Linux (the host is the oracle).  Runs as root on the disk (T_DISK).
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include "t.h"

int main(void)
{
	const char *f = t_path(T_DISK, "unlinked-file");
	struct stat st;
	struct timespec times[2] = { { 1000000000, 0 }, { 1000000000, 0 } };
	unlink(f);
	int fd = open(f, O_RDWR | O_CREAT | O_TRUNC, 0644);
	if (fd < 0)
		return check("open", 0, "%s: %s", f, strerror(errno)), 1;
	check("unlink", unlink(f) == 0, "%s", strerror(errno));
	check("write", write(fd, "hello", 5) == 5, "%s", strerror(errno));
	check("fstat", fstat(fd, &st) == 0 && st.st_size == 5 && st.st_nlink == 0,
	      "%s size %lld nlink %lu", strerror(errno), (long long)st.st_size,
	      (unsigned long)st.st_nlink);
	check("fstatat-empty-path", fstatat(fd, "", &st, AT_EMPTY_PATH) == 0 && st.st_size == 5,
	      "%s", strerror(errno));
	check("fchmod", fchmod(fd, 0600) == 0 && fstat(fd, &st) == 0 &&
	      (st.st_mode & 07777) == 0600, "%s", strerror(errno));
	check("fchown", fchown(fd, 1000, 1000) == 0 && fstat(fd, &st) == 0 && st.st_uid == 1000,
	      "%s", strerror(errno));
	check("futimens", futimens(fd, times) == 0 && fstat(fd, &st) == 0 &&
	      st.st_mtime == 1000000000, "%s", strerror(errno));
	check("ftruncate", ftruncate(fd, 2) == 0 && fstat(fd, &st) == 0 && st.st_size == 2,
	      "%s", strerror(errno));
	close(fd);
	return 0;
}
