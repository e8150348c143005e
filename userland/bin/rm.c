/*
 * rm: remove files.  -r removes directories and their contents, -f
 * ignores missing files and never asks, -i asks before each removal.
 */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int recursive, force, interactive;

static void
usage(void)
{
	fprintf(stderr, "usage: rm [-fiRr] file ...\n");
	exit(1);
}

/* Ask on stderr, read a line from stdin; yes when it starts with y/Y. */
static int
confirm(const char *what, const char *path)
{
	char answer[64];

	fprintf(stderr, "rm: remove %s '%s'? ", what, path);
	if (fgets(answer, sizeof(answer), stdin) == NULL)
		return 0;
	return answer[0] == 'y' || answer[0] == 'Y';
}

static int remove_path(const char *path);

static int
remove_contents(const char *path)
{
	char child[PATH_MAX];
	struct dirent *de;
	int status = 0;
	DIR *dir = opendir(path);

	if (dir == NULL) {
		fprintf(stderr, "rm: %s: %s\n", path, strerror(errno));
		return -1;
	}
	while ((de = readdir(dir)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		if (snprintf(child, sizeof(child), "%s/%s", path, de->d_name) >= (int)sizeof(child)) {
			fprintf(stderr, "rm: %s/%s: %s\n", path, de->d_name, strerror(ENAMETOOLONG));
			status = -1;
			continue;
		}
		if (remove_path(child) < 0)
			status = -1;
	}
	closedir(dir);
	return status;
}

static int
remove_path(const char *path)
{
	struct stat st;

	if (lstat(path, &st) < 0) {
		if (force && errno == ENOENT)
			return 0;
		fprintf(stderr, "rm: %s: %s\n", path, strerror(errno));
		return -1;
	}
	if (S_ISDIR(st.st_mode)) {
		if (!recursive) {
			fprintf(stderr, "rm: %s: %s\n", path, strerror(EISDIR));
			return -1;
		}
		if (interactive && !confirm("directory", path))
			return 0;
		if (remove_contents(path) < 0)
			return -1;
		if (rmdir(path) < 0) {
			fprintf(stderr, "rm: %s: %s\n", path, strerror(errno));
			return -1;
		}
		return 0;
	}
	if (interactive && !confirm("file", path))
		return 0;
	if (unlink(path) < 0) {
		fprintf(stderr, "rm: %s: %s\n", path, strerror(errno));
		return -1;
	}
	return 0;
}

/* POSIX forbids removing "." and ".." (and GNU also "/"). */
static int
is_forbidden(const char *path)
{
	const char *base = strrchr(path, '/');

	if (strspn(path, "/") == strlen(path) && *path)
		return 1;
	base = base ? base + 1 : path;
	return strcmp(base, ".") == 0 || strcmp(base, "..") == 0;
}

int
main(int argc, char *argv[])
{
	int status = 0, c;

	while ((c = getopt(argc, argv, "fiRr")) != -1) {
		switch (c) {
		case 'f': force = 1; interactive = 0; break;
		case 'i': interactive = 1; force = 0; break;
		case 'R':
		case 'r': recursive = 1; break;
		default: usage();
		}
	}
	if (optind >= argc) {
		if (force)
			return 0;
		usage();
	}
	for (int i = optind; i < argc; i++) {
		if (is_forbidden(argv[i])) {
			fprintf(stderr, "rm: %s: refusing to remove\n", argv[i]);
			status = 1;
			continue;
		}
		if (remove_path(argv[i]) < 0)
			status = 1;
	}
	return status;
}
