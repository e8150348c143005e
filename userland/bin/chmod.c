/*
 * chmod: change file modes.
 *   chmod [-R] mode file ...
 * mode is octal (755) or symbolic: a comma list of [ugoa]*[+-=][rwxXst]*
 * or [ugoa]*[+-=][ugo], as POSIX describes.  Without who letters, +/-/=
 * act on all classes but leave bits set in the umask alone.  The
 * expression is userland/lib/modeexpr.c's, which find -perm uses too.
 */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "modeexpr.h"

static int opt_recursive;
static mode_t saved_umask;

static void
usage(void)
{
	fprintf(stderr, "usage: chmod [-R] mode file ...\n");
	exit(1);
}

static int change_path(const char *expr, const char *path);

static int
change_tree(const char *expr, const char *path)
{
	char child[PATH_MAX];
	struct dirent *de;
	int status = 0;
	DIR *dir = opendir(path);

	if (dir == NULL) {
		fprintf(stderr, "chmod: %s: %s\n", path, strerror(errno));
		return -1;
	}
	while ((de = readdir(dir)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		snprintf(child, sizeof(child), "%s/%s", path, de->d_name);
		if (change_path(expr, child) < 0)
			status = -1;
	}
	closedir(dir);
	return status;
}

static int
change_path(const char *expr, const char *path)
{
	struct stat st;
	long mode;

	/* Symbolic links met during -R are skipped, as GNU chmod does. */
	if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode) && opt_recursive)
		return 0;
	if (stat(path, &st) < 0) {
		fprintf(stderr, "chmod: %s: %s\n", path, strerror(errno));
		return -1;
	}
	mode = mode_apply(expr, st.st_mode, saved_umask);
	if (chmod(path, (mode_t)mode) < 0) {
		fprintf(stderr, "chmod: %s: %s\n", path, strerror(errno));
		return -1;
	}
	if (opt_recursive && S_ISDIR(st.st_mode))
		return change_tree(expr, path);
	return 0;
}

int
main(int argc, char *argv[])
{
	int status = 0, i = 1;
	const char *expr;

	/*
	 * Parsed by hand rather than with getopt: "chmod -w file" names a
	 * mode that starts with '-', so only -R counts as an option.
	 */
	for (; i < argc && strcmp(argv[i], "-R") == 0; i++)
		opt_recursive = 1;
	if (i < argc && strcmp(argv[i], "--") == 0)
		i++;
	if (argc - i < 2)
		usage();
	expr = argv[i++];
	saved_umask = umask(0);
	umask(saved_umask);
	if (mode_apply(expr, 0, saved_umask) < 0 ||
	    mode_apply(expr, S_IFDIR, saved_umask) < 0) {
		fprintf(stderr, "chmod: invalid mode: '%s'\n", expr);
		usage();
	}
	for (; i < argc; i++)
		if (change_path(expr, argv[i]) < 0)
			status = 1;
	return status;
}
