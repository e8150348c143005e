/*
 * cp: copy files.
 *   cp [-fpRr] source target
 *   cp [-fpRr] source ... directory
 * -r/-R copies directories recursively (symbolic links inside are copied
 * as links), -p keeps mode, owner and times, -f removes a destination
 * that cannot be opened and tries again.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define COPY_BUF_SIZE 65536

static int opt_recursive, opt_preserve, opt_force;

static void
usage(void)
{
	fprintf(stderr, "usage: cp [-fpRr] source target\n"
	    "       cp [-fpRr] source ... directory\n");
	exit(1);
}

static int
fail(const char *path)
{
	fprintf(stderr, "cp: %s: %s\n", path, strerror(errno));
	return -1;
}

/* Give dst the mode, owner and times of st (mode only without -p). */
static int
copy_attributes(const char *dst, const struct stat *st)
{
	struct timespec times[2] = { st->st_atim, st->st_mtim };

	if (!opt_preserve)
		return 0;
	/* Ownership may be refused to non-root users; GNU cp stays quiet. */
	if (lchown(dst, st->st_uid, st->st_gid) < 0 && errno != EPERM)
		return fail(dst);
	if (!S_ISLNK(st->st_mode) && chmod(dst, st->st_mode & 07777) < 0)
		return fail(dst);
	if (utimensat(AT_FDCWD, dst, times, AT_SYMLINK_NOFOLLOW) < 0)
		return fail(dst);
	return 0;
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

static int
copy_data(int in, int out, const char *src, const char *dst)
{
	static char buf[COPY_BUF_SIZE];
	ssize_t n;

	while ((n = read(in, buf, sizeof(buf))) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return fail(src);
		}
		if (write_all(out, buf, n) < 0)
			return fail(dst);
	}
	return 0;
}

static int
copy_regular(const char *src, const char *dst, const struct stat *st)
{
	int in, out, r;

	in = open(src, O_RDONLY);
	if (in < 0)
		return fail(src);
	out = open(dst, O_WRONLY | O_CREAT | O_TRUNC, st->st_mode & 0777);
	if (out < 0 && opt_force && unlink(dst) == 0)
		out = open(dst, O_WRONLY | O_CREAT | O_TRUNC, st->st_mode & 0777);
	if (out < 0) {
		fail(dst);
		close(in);
		return -1;
	}
	r = copy_data(in, out, src, dst);
	close(in);
	if (close(out) < 0 && r == 0)
		r = fail(dst);
	if (r == 0)
		r = copy_attributes(dst, st);
	return r;
}

static int
copy_symlink(const char *src, const char *dst, const struct stat *st)
{
	char target[PATH_MAX];
	ssize_t n = readlink(src, target, sizeof(target) - 1);

	if (n < 0)
		return fail(src);
	target[n] = '\0';
	if (symlink(target, dst) < 0) {
		if (errno != EEXIST || unlink(dst) < 0 || symlink(target, dst) < 0)
			return fail(dst);
	}
	return copy_attributes(dst, st);
}

static int copy_path(const char *src, const char *dst, int top);

/*
 * Whether path lies inside the directory dir, judged on the real paths
 * (the destination does not exist yet, so its parent is resolved).
 * Copying a directory into itself would never end.
 */
static int
is_inside(const char *path, const char *dir)
{
	char real_dir[PATH_MAX], parent[PATH_MAX], real_parent[PATH_MAX];
	char *slash;
	size_t len;

	if (realpath(dir, real_dir) == NULL)
		return 0;
	snprintf(parent, sizeof(parent), "%s", path);
	slash = strrchr(parent, '/');
	if (slash == NULL)
		snprintf(parent, sizeof(parent), ".");
	else if (slash == parent)
		slash[1] = '\0';
	else
		*slash = '\0';
	if (realpath(parent, real_parent) == NULL)
		return 0;
	len = strlen(real_dir);
	return strncmp(real_parent, real_dir, len) == 0 &&
	    (real_parent[len] == '/' || real_parent[len] == '\0');
}

static int
copy_directory(const char *src, const char *dst, const struct stat *st)
{
	char src_child[PATH_MAX], dst_child[PATH_MAX];
	struct stat dst_st;
	struct dirent *de;
	int status = 0;
	DIR *dir;

	if (!opt_recursive) {
		fprintf(stderr, "cp: %s: is a directory (not copied)\n", src);
		return -1;
	}
	if (is_inside(dst, src)) {
		fprintf(stderr, "cp: cannot copy %s into itself (%s)\n", src, dst);
		return -1;
	}
	/* Owner rwx while filling it in; the real mode is set afterwards. */
	if (mkdir(dst, (st->st_mode & 0777) | S_IRWXU) < 0 &&
	    (errno != EEXIST || stat(dst, &dst_st) < 0 || !S_ISDIR(dst_st.st_mode)))
		return fail(dst);
	dir = opendir(src);
	if (dir == NULL)
		return fail(src);
	while ((de = readdir(dir)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		if (snprintf(src_child, sizeof(src_child), "%s/%s", src, de->d_name) >= PATH_MAX ||
		    snprintf(dst_child, sizeof(dst_child), "%s/%s", dst, de->d_name) >= PATH_MAX) {
			errno = ENAMETOOLONG;
			status = fail(src_child);
			continue;
		}
		if (copy_path(src_child, dst_child, 0) < 0)
			status = -1;
	}
	closedir(dir);
	if (opt_preserve)
		return copy_attributes(dst, st) < 0 ? -1 : status;
	if (chmod(dst, st->st_mode & 07777) < 0)
		return fail(dst);
	return status;
}

static int
copy_special(const char *src, const char *dst, const struct stat *st)
{
	(void)src;
	if (mknod(dst, st->st_mode, st->st_rdev) < 0)
		return fail(dst);
	return copy_attributes(dst, st);
}

/* Copy one object.  Operands (top) follow symlinks unless recursive. */
static int
copy_path(const char *src, const char *dst, int top)
{
	struct stat st, dst_st;
	int follow = top && !opt_recursive;

	if ((follow ? stat(src, &st) : lstat(src, &st)) < 0)
		return fail(src);
	if (stat(dst, &dst_st) == 0 && st.st_dev == dst_st.st_dev &&
	    st.st_ino == dst_st.st_ino) {
		fprintf(stderr, "cp: %s and %s are the same file\n", src, dst);
		return -1;
	}
	switch (st.st_mode & S_IFMT) {
	case S_IFREG: return copy_regular(src, dst, &st);
	case S_IFLNK: return copy_symlink(src, dst, &st);
	case S_IFDIR: return copy_directory(src, dst, &st);
	default: return copy_special(src, dst, &st);
	}
}

/* The last component of path, ignoring trailing slashes. */
static void
base_name(const char *path, char *out, size_t size)
{
	size_t len = strlen(path);
	const char *start;

	while (len > 1 && path[len - 1] == '/')
		len--;
	start = path + len;
	while (start > path && start[-1] != '/')
		start--;
	snprintf(out, size, "%.*s", (int)(path + len - start), start);
}

int
main(int argc, char *argv[])
{
	char dst[PATH_MAX], base[NAME_MAX + 1];
	struct stat st;
	int status = 0, c;

	while ((c = getopt(argc, argv, "fpRr")) != -1) {
		switch (c) {
		case 'f': opt_force = 1; break;
		case 'p': opt_preserve = 1; break;
		case 'R':
		case 'r': opt_recursive = 1; break;
		default: usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (argc < 2)
		usage();
	const char *target = argv[argc - 1];
	int target_is_dir = stat(target, &st) == 0 && S_ISDIR(st.st_mode);

	if (!target_is_dir) {
		if (argc > 2) {
			errno = ENOTDIR;
			fail(target);
			usage();
		}
		return copy_path(argv[0], target, 1) < 0;
	}
	for (int i = 0; i < argc - 1; i++) {
		base_name(argv[i], base, sizeof(base));
		if (snprintf(dst, sizeof(dst), "%s/%s", target, base) >= (int)sizeof(dst)) {
			errno = ENAMETOOLONG;
			fail(argv[i]);
			status = 1;
			continue;
		}
		if (copy_path(argv[i], dst, 1) < 0)
			status = 1;
	}
	return status;
}
