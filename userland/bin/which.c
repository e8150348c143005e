/*
 * which: show where the shell would find commands.
 *   which [-a] name ...
 * Each name is looked up in the directories of $PATH (an empty entry is
 * the current directory); the first executable regular file is printed,
 * or every one with -a.  A name with a slash is checked as it is.
 * Exit status 0 if every name was found, 1 if some was not, 2 for bad
 * usage (as Debian's which).
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define USAGE_STATUS 2
/* The search path when PATH is unset, as execvp's. */
#define DEFAULT_PATH "/bin:/usr/bin"

static int opt_all;

static void
usage(void)
{
	fprintf(stderr, "usage: which [-a] name ...\n");
	exit(USAGE_STATUS);
}

static int
is_executable(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode) && access(path, X_OK) == 0;
}

/* Print where name is found; returns how many places were printed. */
static int
search(const char *name, const char *path_list)
{
	char candidate[PATH_MAX];
	const char *dir = path_list;
	int found = 0;

	if (strchr(name, '/')) {
		if (!is_executable(name))
			return 0;
		puts(name);
		return 1;
	}
	for (;;) {
		size_t len = strcspn(dir, ":");
		int n = len == 0 ? snprintf(candidate, sizeof(candidate), "./%s", name)
		    : snprintf(candidate, sizeof(candidate), "%.*s/%s", (int)len, dir, name);

		if (n < (int)sizeof(candidate) && is_executable(candidate)) {
			puts(candidate);
			found++;
			if (!opt_all)
				return found;
		}
		if (dir[len] == '\0')
			return found;
		dir += len + 1;
	}
}

int
main(int argc, char *argv[])
{
	const char *path_list = getenv("PATH");
	int status = 0, c;

	while ((c = getopt(argc, argv, "a")) != -1) {
		if (c != 'a')
			usage();
		opt_all = 1;
	}
	if (optind == argc)
		usage();
	if (path_list == NULL)
		path_list = DEFAULT_PATH;
	for (int i = optind; i < argc; i++)
		if (search(argv[i], path_list) == 0)
			status = 1;
	return fflush(stdout) != 0 ? 1 : status;
}
