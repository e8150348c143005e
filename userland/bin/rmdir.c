/* rmdir: remove empty directories; -p also removes emptied parents. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int
remove_dir(const char *path)
{
	if (rmdir(path) < 0) {
		fprintf(stderr, "rmdir: %s: %s\n", path, strerror(errno));
		return -1;
	}
	return 0;
}

int
main(int argc, char *argv[])
{
	int parents = 0, status = 0, c;

	while ((c = getopt(argc, argv, "p")) != -1) {
		if (c != 'p') {
			fprintf(stderr, "usage: rmdir [-p] directory ...\n");
			return 1;
		}
		parents = 1;
	}
	if (optind >= argc) {
		fprintf(stderr, "usage: rmdir [-p] directory ...\n");
		return 1;
	}
	for (int i = optind; i < argc; i++) {
		char *path = argv[i], *slash;
		size_t len = strlen(path);

		/* "a/b/" names a/b: drop trailing slashes before walking up. */
		while (len > 1 && path[len - 1] == '/')
			path[--len] = '\0';
		if (remove_dir(path) < 0) {
			status = 1;
			continue;
		}
		while (parents && (slash = strrchr(path, '/')) != NULL) {
			while (slash > path && slash[-1] == '/')
				slash--;
			if (slash == path)
				break;
			*slash = '\0';
			if (remove_dir(path) < 0) {
				status = 1;
				break;
			}
		}
	}
	return status;
}
