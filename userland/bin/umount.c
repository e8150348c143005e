/*
 * umount: detach filesystems.
 *   umount [-fl] dir ...
 * -l detaches lazily (MNT_DETACH), -f forces (MNT_FORCE).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <unistd.h>

int
main(int argc, char *argv[])
{
	int flags = 0, status = 0, c;

	while ((c = getopt(argc, argv, "fl")) != -1) {
		switch (c) {
		case 'f': flags |= MNT_FORCE; break;
		case 'l': flags |= MNT_DETACH; break;
		default:
			fprintf(stderr, "usage: umount [-fl] dir ...\n");
			return 1;
		}
	}
	if (optind == argc) {
		fprintf(stderr, "usage: umount [-fl] dir ...\n");
		return 1;
	}
	for (int i = optind; i < argc; i++) {
		if (umount2(argv[i], flags) < 0) {
			fprintf(stderr, "umount: %s: %s\n", argv[i], strerror(errno));
			status = 1;
		}
	}
	return status;
}
