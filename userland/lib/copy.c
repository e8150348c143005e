/*
 * copy.c - the one file and tree copier, used by cp and by mv when
 * rename(2) fails with EXDEV.  Shared by the guest and host builds
 * (userland/userland.mk).  Regular files are copied through a buffer,
 * symlinks as links, devices and fifos with mknod, directories entry by
 * entry with their real mode set once filled in.
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

#include "copy.h"

#define COPY_BUF_SIZE 65536

static int
fail(const struct copy_options *opt, const char *path)
{
	fprintf(stderr, "%s: %s: %s\n", opt->prog, path, strerror(errno));
	return -1;
}

/* Give dst the mode, owner and times of st (with preserve only). */
static int
copy_attributes(const struct copy_options *opt, const char *dst,
    const struct stat *st)
{
	struct timespec times[2] = { st->st_atim, st->st_mtim };

	if (!opt->preserve)
		return 0;
	/* Ownership may be refused to non-root users; GNU cp stays quiet. */
	if (lchown(dst, st->st_uid, st->st_gid) < 0 && errno != EPERM)
		return fail(opt, dst);
	if (!S_ISLNK(st->st_mode) && chmod(dst, st->st_mode & 07777) < 0)
		return fail(opt, dst);
	if (utimensat(AT_FDCWD, dst, times, AT_SYMLINK_NOFOLLOW) < 0)
		return fail(opt, dst);
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
copy_data(const struct copy_options *opt, int in, int out, const char *src,
    const char *dst)
{
	static char buf[COPY_BUF_SIZE];
	ssize_t n;

	while ((n = read(in, buf, sizeof(buf))) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return fail(opt, src);
		}
		if (write_all(out, buf, n) < 0)
			return fail(opt, dst);
	}
	return 0;
}

static int
copy_regular(const struct copy_options *opt, const char *src, const char *dst,
    const struct stat *st)
{
	int in, out, r;

	in = open(src, O_RDONLY);
	if (in < 0)
		return fail(opt, src);
	out = open(dst, O_WRONLY | O_CREAT | O_TRUNC, st->st_mode & 0777);
	if (out < 0 && opt->force && unlink(dst) == 0)
		out = open(dst, O_WRONLY | O_CREAT | O_TRUNC, st->st_mode & 0777);
	if (out < 0) {
		fail(opt, dst);
		close(in);
		return -1;
	}
	r = copy_data(opt, in, out, src, dst);
	close(in);
	if (close(out) < 0 && r == 0)
		r = fail(opt, dst);
	if (r == 0)
		r = copy_attributes(opt, dst, st);
	return r;
}

static int
copy_symlink(const struct copy_options *opt, const char *src, const char *dst,
    const struct stat *st)
{
	char target[PATH_MAX];
	ssize_t n = readlink(src, target, sizeof(target) - 1);

	if (n < 0)
		return fail(opt, src);
	target[n] = '\0';
	if (symlink(target, dst) < 0) {
		if (errno != EEXIST || unlink(dst) < 0 || symlink(target, dst) < 0)
			return fail(opt, dst);
	}
	return copy_attributes(opt, dst, st);
}

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
copy_entries(const struct copy_options *opt, const char *src, const char *dst)
{
	char src_child[PATH_MAX], dst_child[PATH_MAX];
	struct dirent *de;
	int status = 0;
	DIR *dir = opendir(src);

	if (dir == NULL)
		return fail(opt, src);
	while ((de = readdir(dir)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		if (snprintf(src_child, sizeof(src_child), "%s/%s", src, de->d_name) >= PATH_MAX ||
		    snprintf(dst_child, sizeof(dst_child), "%s/%s", dst, de->d_name) >= PATH_MAX) {
			errno = ENAMETOOLONG;
			status = fail(opt, src_child);
			continue;
		}
		if (copy_path(opt, src_child, dst_child, 0) < 0)
			status = -1;
	}
	closedir(dir);
	return status;
}

static int
copy_directory(const struct copy_options *opt, const char *src, const char *dst,
    const struct stat *st)
{
	struct stat dst_st;
	int status;

	if (!opt->recursive) {
		fprintf(stderr, "%s: %s: is a directory (not copied)\n", opt->prog, src);
		return -1;
	}
	if (is_inside(dst, src)) {
		fprintf(stderr, "%s: cannot copy %s into itself (%s)\n", opt->prog, src, dst);
		return -1;
	}
	/* Owner rwx while filling it in; the real mode is set afterwards. */
	if (mkdir(dst, (st->st_mode & 0777) | S_IRWXU) < 0 &&
	    (errno != EEXIST || stat(dst, &dst_st) < 0 || !S_ISDIR(dst_st.st_mode)))
		return fail(opt, dst);
	status = copy_entries(opt, src, dst);
	if (opt->preserve)
		return copy_attributes(opt, dst, st) < 0 ? -1 : status;
	if (chmod(dst, st->st_mode & 07777) < 0)
		return fail(opt, dst);
	return status;
}

static int
copy_special(const struct copy_options *opt, const char *dst, const struct stat *st)
{
	if (mknod(dst, st->st_mode, st->st_rdev) < 0)
		return fail(opt, dst);
	return copy_attributes(opt, dst, st);
}

int
copy_path(const struct copy_options *opt, const char *src, const char *dst, int top)
{
	struct stat st, dst_st;
	int follow = top && !opt->recursive;

	if ((follow ? stat(src, &st) : lstat(src, &st)) < 0)
		return fail(opt, src);
	if (stat(dst, &dst_st) == 0 && st.st_dev == dst_st.st_dev &&
	    st.st_ino == dst_st.st_ino) {
		fprintf(stderr, "%s: %s and %s are the same file\n", opt->prog, src, dst);
		return -1;
	}
	switch (st.st_mode & S_IFMT) {
	case S_IFREG: return copy_regular(opt, src, dst, &st);
	case S_IFLNK: return copy_symlink(opt, src, dst, &st);
	case S_IFDIR: return copy_directory(opt, src, dst, &st);
	default: return copy_special(opt, dst, &st);
	}
}

int
path_in_dir(const char *dir, const char *src, char *out, size_t size)
{
	size_t len = strlen(src);
	const char *start;

	while (len > 1 && src[len - 1] == '/')
		len--;
	start = src + len;
	while (start > src && start[-1] != '/')
		start--;
	if (snprintf(out, size, "%s/%.*s", dir, (int)(src + len - start), start) >= (int)size) {
		errno = ENAMETOOLONG;
		return -1;
	}
	return 0;
}
