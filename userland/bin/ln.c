/*
 * ln: make links.  ln [-sf] target [name]  or  ln [-sf] target ... dir.
 * -s makes symbolic links, -f removes an existing destination first.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int symbolic, force;

static void
usage(void)
{
	fprintf(stderr, "usage: ln [-fs] target [link]\n"
	    "       ln [-fs] target ... directory\n");
	exit(1);
}

/* The last path component of path, ignoring trailing slashes. */
static const char *
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
	return out;
}

static int
make_link(const char *target, const char *name)
{
	int r;

	if (force && unlink(name) < 0 && errno != ENOENT) {
		fprintf(stderr, "ln: %s: %s\n", name, strerror(errno));
		return -1;
	}
	r = symbolic ? symlink(target, name) : link(target, name);
	if (r < 0) {
		fprintf(stderr, "ln: %s: %s\n", name, strerror(errno));
		return -1;
	}
	return 0;
}

int
main(int argc, char *argv[])
{
	char path[PATH_MAX], base[NAME_MAX + 1];
	struct stat st;
	int status = 0, c;

	while ((c = getopt(argc, argv, "fs")) != -1) {
		switch (c) {
		case 'f': force = 1; break;
		case 's': symbolic = 1; break;
		default: usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (argc < 1)
		usage();
	if (argc == 1) {
		base_name(argv[0], base, sizeof(base));
		return make_link(argv[0], base) < 0;
	}
	const char *last = argv[argc - 1];
	/* A destination that is a directory (followed) receives the links. */
	if (stat(last, &st) == 0 && S_ISDIR(st.st_mode)) {
		for (int i = 0; i < argc - 1; i++) {
			snprintf(path, sizeof(path), "%s/%s", last,
			    base_name(argv[i], base, sizeof(base)));
			if (make_link(argv[i], path) < 0)
				status = 1;
		}
		return status;
	}
	if (argc > 2) {
		fprintf(stderr, "ln: %s: %s\n", last, strerror(ENOTDIR));
		usage();
	}
	return make_link(argv[0], last) < 0;
}
