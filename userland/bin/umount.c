/*
 * umount: detach filesystems.
 *   umount [-fl] dir ...
 * -l (--lazy) detaches lazily (MNT_DETACH), -f (--force) forces
 * (MNT_FORCE).  A failure is told in util-linux's words (libmount's), and
 * the exit status is util-linux's: 32 if any umount failed.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <unistd.h>

#define EXIT_USAGE 1
#define EXIT_FAILED 32		/* util-linux's MNT_EX_FAIL */

static const struct option long_options[] = {
	{ "force", no_argument, NULL, 'f' },
	{ "lazy", no_argument, NULL, 'l' },
	{ NULL, 0, NULL, 0 },
};

static void
usage(void)
{
	fprintf(stderr, "usage: umount [-fl] dir ...\n");
	exit(EXIT_USAGE);
}

/* util-linux's words for umount2 failing with err. */
static const char *
explain(int err, char *msg, size_t size)
{
	switch (err) {
	case EINVAL: return "not mounted.";
	case EBUSY: return "target is busy.";
	case ENOENT: return "no mount point specified.";
	case EPERM: return geteuid() ? "must be superuser to unmount." : "permission denied.";
	}
	snprintf(msg, size, "umount(2) system call failed: %s.", strerror(err));
	return msg;
}

int
main(int argc, char *argv[])
{
	int flags = 0, status = 0, c;
	char msg[256];

	while ((c = getopt_long(argc, argv, "fl", long_options, NULL)) != -1) {
		switch (c) {
		case 'f': flags |= MNT_FORCE; break;
		case 'l': flags |= MNT_DETACH; break;
		default: usage();
		}
	}
	if (optind == argc)
		usage();
	for (int i = optind; i < argc; i++) {
		if (umount2(argv[i], flags) < 0) {
			fprintf(stderr, "umount: %s: %s\n", argv[i], explain(errno, msg, sizeof(msg)));
			status = EXIT_FAILED;
		}
	}
	return status;
}
