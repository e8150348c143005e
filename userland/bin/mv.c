/*
 * mv: move (rename) files.
 *   mv [-fi] source target
 *   mv [-fi] source ... directory
 * rename(2) does the work; across filesystems (EXDEV) the source is
 * copied with its mode, owner and times, then removed.
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

static int opt_interactive;

static void
usage(void)
{
	fprintf(stderr, "usage: mv [-fi] source target\n"
	    "       mv [-fi] source ... directory\n");
	exit(1);
}

static int
fail(const char *path)
{
	fprintf(stderr, "mv: %s: %s\n", path, strerror(errno));
	return -1;
}

static int
copy_attributes(const char *dst, const struct stat *st)
{
	struct timespec times[2] = { st->st_atim, st->st_mtim };

	if (lchown(dst, st->st_uid, st->st_gid) < 0 && errno != EPERM)
		return fail(dst);
	if (!S_ISLNK(st->st_mode) && chmod(dst, st->st_mode & 07777) < 0)
		return fail(dst);
	if (utimensat(AT_FDCWD, dst, times, AT_SYMLINK_NOFOLLOW) < 0)
		return fail(dst);
	return 0;
}

static int
copy_regular(const char *src, const char *dst, const struct stat *st)
{
	static char buf[COPY_BUF_SIZE];
	int in, out, r = 0;
	ssize_t n;

	in = open(src, O_RDONLY);
	if (in < 0)
		return fail(src);
	out = open(dst, O_WRONLY | O_CREAT | O_TRUNC, st->st_mode & 0777);
	if (out < 0) {
		fail(dst);
		close(in);
		return -1;
	}
	while (r == 0 && (n = read(in, buf, sizeof(buf))) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			r = fail(src);
			break;
		}
		for (ssize_t done = 0, w; done < n; done += w) {
			w = write(out, buf + done, n - done);
			if (w < 0 && errno == EINTR) {
				w = 0;
				continue;
			}
			if (w < 0) {
				r = fail(dst);
				break;
			}
		}
	}
	close(in);
	if (close(out) < 0 && r == 0)
		r = fail(dst);
	return r == 0 ? copy_attributes(dst, st) : r;
}

static int copy_tree(const char *src, const char *dst);

static int
copy_directory(const char *src, const char *dst, const struct stat *st)
{
	char src_child[PATH_MAX], dst_child[PATH_MAX];
	struct dirent *de;
	int status = 0;
	DIR *dir;

	if (mkdir(dst, S_IRWXU) < 0)
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
		if (copy_tree(src_child, dst_child) < 0)
			status = -1;
	}
	closedir(dir);
	if (copy_attributes(dst, st) < 0)
		return -1;
	return status;
}

static int
copy_tree(const char *src, const char *dst)
{
	char target[PATH_MAX];
	struct stat st;
	ssize_t n;

	if (lstat(src, &st) < 0)
		return fail(src);
	switch (st.st_mode & S_IFMT) {
	case S_IFREG:
		return copy_regular(src, dst, &st);
	case S_IFDIR:
		return copy_directory(src, dst, &st);
	case S_IFLNK:
		n = readlink(src, target, sizeof(target) - 1);
		if (n < 0)
			return fail(src);
		target[n] = '\0';
		if (symlink(target, dst) < 0)
			return fail(dst);
		return copy_attributes(dst, &st);
	default:
		if (mknod(dst, st.st_mode, st.st_rdev) < 0)
			return fail(dst);
		return copy_attributes(dst, &st);
	}
}

static int
remove_tree(const char *path)
{
	char child[PATH_MAX];
	struct dirent *de;
	struct stat st;
	int status = 0;
	DIR *dir;

	if (lstat(path, &st) < 0)
		return fail(path);
	if (!S_ISDIR(st.st_mode))
		return unlink(path) < 0 ? fail(path) : 0;
	dir = opendir(path);
	if (dir == NULL)
		return fail(path);
	while ((de = readdir(dir)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		snprintf(child, sizeof(child), "%s/%s", path, de->d_name);
		if (remove_tree(child) < 0)
			status = -1;
	}
	closedir(dir);
	if (status == 0 && rmdir(path) < 0)
		return fail(path);
	return status;
}

/* Replace dst by a copy of src, then delete src (the EXDEV path). */
static int
move_across(const char *src, const char *dst)
{
	struct stat st;

	if (lstat(dst, &st) == 0) {
		if (S_ISDIR(st.st_mode) ? rmdir(dst) < 0 : unlink(dst) < 0)
			return fail(dst);
	}
	if (copy_tree(src, dst) < 0)
		return -1;
	return remove_tree(src);
}

static int
confirm(const char *dst)
{
	char answer[64];

	if (access(dst, F_OK) < 0)
		return 1;
	fprintf(stderr, "mv: overwrite '%s'? ", dst);
	if (fgets(answer, sizeof(answer), stdin) == NULL)
		return 0;
	return answer[0] == 'y' || answer[0] == 'Y';
}

static int
move(const char *src, const char *dst)
{
	if (opt_interactive && !confirm(dst))
		return 0;
	if (rename(src, dst) == 0)
		return 0;
	if (errno != EXDEV) {
		fprintf(stderr, "mv: %s -> %s: %s\n", src, dst, strerror(errno));
		return -1;
	}
	return move_across(src, dst);
}

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

	while ((c = getopt(argc, argv, "fi")) != -1) {
		switch (c) {
		case 'f': opt_interactive = 0; break;
		case 'i': opt_interactive = 1; break;
		default: usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (argc < 2)
		usage();
	const char *target = argv[argc - 1];

	if (stat(target, &st) < 0 || !S_ISDIR(st.st_mode)) {
		if (argc > 2) {
			errno = ENOTDIR;
			fail(target);
			usage();
		}
		return move(argv[0], target) < 0;
	}
	for (int i = 0; i < argc - 1; i++) {
		base_name(argv[i], base, sizeof(base));
		if (snprintf(dst, sizeof(dst), "%s/%s", target, base) >= (int)sizeof(dst)) {
			errno = ENAMETOOLONG;
			fail(argv[i]);
			status = 1;
			continue;
		}
		if (move(argv[i], dst) < 0)
			status = 1;
	}
	return status;
}
