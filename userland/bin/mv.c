/*
 * mv: move (rename) files.
 *   mv [-fi] source target
 *   mv [-fi] source ... directory
 * rename(2) does the work; across filesystems (EXDEV) the source is
 * copied with its mode, owner and times by cp's copier
 * (userland/lib/copy.c), then removed.
 */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "copy.h"

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
	struct copy_options opt = { .prog = "mv", .recursive = 1, .preserve = 1 };
	struct stat st;

	if (lstat(dst, &st) == 0) {
		if (S_ISDIR(st.st_mode) ? rmdir(dst) < 0 : unlink(dst) < 0)
			return fail(dst);
	}
	if (copy_path(&opt, src, dst, 1) < 0)
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

int
main(int argc, char *argv[])
{
	char dst[PATH_MAX];
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
		if (path_in_dir(target, argv[i], dst, sizeof(dst)) < 0) {
			fail(argv[i]);
			status = 1;
			continue;
		}
		if (move(argv[i], dst) < 0)
			status = 1;
	}
	return status;
}
