/*
 * cp: copy files.
 *   cp [-fpRr] source target
 *   cp [-fpRr] source ... directory
 * -r/-R copies directories recursively (symbolic links inside are copied
 * as links), -p keeps mode, owner and times, -f removes a destination
 * that cannot be opened and tries again.  The copying itself is
 * userland/lib/copy.c, which mv uses too.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "copy.h"

static void
usage(void)
{
	fprintf(stderr, "usage: cp [-fpRr] source target\n"
	    "       cp [-fpRr] source ... directory\n");
	exit(1);
}

int
main(int argc, char *argv[])
{
	struct copy_options opt = { .prog = "cp" };
	char dst[PATH_MAX];
	struct stat st;
	int status = 0, c;

	while ((c = getopt(argc, argv, "fpRr")) != -1) {
		switch (c) {
		case 'f': opt.force = 1; break;
		case 'p': opt.preserve = 1; break;
		case 'R':
		case 'r': opt.recursive = 1; break;
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
			fprintf(stderr, "cp: %s: %s\n", target, strerror(ENOTDIR));
			usage();
		}
		return copy_path(&opt, argv[0], target, 1) < 0;
	}
	for (int i = 0; i < argc - 1; i++) {
		if (path_in_dir(target, argv[i], dst, sizeof(dst)) < 0) {
			fprintf(stderr, "cp: %s: %s\n", argv[i], strerror(errno));
			status = 1;
			continue;
		}
		if (copy_path(&opt, argv[i], dst, 1) < 0)
			status = 1;
	}
	return status;
}
