/*
 * stat: show file status in GNU stat's default layout.
 *   stat [-L] file ...
 * -L follows symbolic links.  Birth time is not reported ("-").
 */
#include <errno.h>
#include <grp.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <time.h>
#include <unistd.h>

#include "modestr.h"

static const char *
file_type(const struct stat *st)
{
	switch (st->st_mode & S_IFMT) {
	case S_IFREG: return st->st_size == 0 ? "regular empty file" : "regular file";
	case S_IFDIR: return "directory";
	case S_IFLNK: return "symbolic link";
	case S_IFCHR: return "character special file";
	case S_IFBLK: return "block special file";
	case S_IFIFO: return "fifo";
	case S_IFSOCK: return "socket";
	}
	return "weird file";
}

/* "2026-11-23 18:21:46.795819918 +0000" */
static void
print_time(const char *label, const struct timespec *ts)
{
	char date[64], zone[16];
	struct tm *tm = localtime(&ts->tv_sec);

	if (tm == NULL) {
		printf("%s: %lld\n", label, (long long)ts->tv_sec);
		return;
	}
	strftime(date, sizeof(date), "%Y-%m-%d %H:%M:%S", tm);
	strftime(zone, sizeof(zone), "%z", tm);
	printf("%s: %s.%09ld %s\n", label, date, ts->tv_nsec, zone);
}

static int
show(const char *path, int follow)
{
	struct stat st;
	struct passwd *pw;
	struct group *gr;
	char mode[MODE_STRING_SIZE], target[PATH_MAX];

	if ((follow ? stat(path, &st) : lstat(path, &st)) < 0) {
		fprintf(stderr, "stat: %s: %s\n", path, strerror(errno));
		return -1;
	}
	printf("  File: %s", path);
	if (S_ISLNK(st.st_mode)) {
		ssize_t n = readlink(path, target, sizeof(target) - 1);
		if (n >= 0) {
			target[n] = '\0';
			printf(" -> %s", target);
		}
	}
	printf("\n  Size: %-10lld\tBlocks: %-10lld IO Block: %-6ld %s\n",
	    (long long)st.st_size, (long long)st.st_blocks, (long)st.st_blksize,
	    file_type(&st));
	printf("Device: %u,%u\tInode: %-11llu Links: %lu",
	    major(st.st_dev), minor(st.st_dev),
	    (unsigned long long)st.st_ino, (unsigned long)st.st_nlink);
	if (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode))
		printf("     Device type: %u,%u", major(st.st_rdev), minor(st.st_rdev));
	putchar('\n');
	mode_string(st.st_mode, mode);
	pw = getpwuid(st.st_uid);
	gr = getgrgid(st.st_gid);
	printf("Access: (%04o/%s)  Uid: (%5u/%8s)   Gid: (%5u/%8s)\n",
	    (unsigned)(st.st_mode & 07777), mode,
	    (unsigned)st.st_uid, pw ? pw->pw_name : "UNKNOWN",
	    (unsigned)st.st_gid, gr ? gr->gr_name : "UNKNOWN");
	print_time("Access", &st.st_atim);
	print_time("Modify", &st.st_mtim);
	print_time("Change", &st.st_ctim);
	printf(" Birth: -\n");
	return 0;
}

int
main(int argc, char *argv[])
{
	int follow = 0, status = 0, c;

	while ((c = getopt(argc, argv, "L")) != -1) {
		if (c != 'L') {
			fprintf(stderr, "usage: stat [-L] file ...\n");
			return 1;
		}
		follow = 1;
	}
	if (optind == argc) {
		fprintf(stderr, "usage: stat [-L] file ...\n");
		return 1;
	}
	for (int i = optind; i < argc; i++)
		if (show(argv[i], follow) < 0)
			status = 1;
	return status;
}
