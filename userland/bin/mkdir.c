/*
 * mkdir: create directories.  -p creates missing parents and accepts
 * existing directories; -m MODE sets the mode (octal) of the final one.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void
usage(void)
{
	fprintf(stderr, "usage: mkdir [-p] [-m mode] directory ...\n");
	exit(1);
}

/* mkdir that succeeds when a directory already exists there. */
static int
mkdir_existing_ok(const char *path, mode_t mode)
{
	struct stat st;

	if (mkdir(path, mode) == 0)
		return 0;
	if (errno == EEXIST && stat(path, &st) == 0 && S_ISDIR(st.st_mode))
		return 0;
	if (errno == EEXIST)
		errno = ENOTDIR;
	return -1;
}

/* Create every missing component of path; parents get mode 0777 & ~umask. */
static int
mkdir_parents(char *path, mode_t mode)
{
	for (char *p = path + 1; *p; p++) {
		if (*p != '/' || p[-1] == '/')
			continue;
		*p = '\0';
		int r = mkdir_existing_ok(path, 0777);
		*p = '/';
		if (r < 0) {
			*p = '\0';
			fprintf(stderr, "mkdir: %s: %s\n", path, strerror(errno));
			*p = '/';
			return -1;
		}
	}
	if (mkdir_existing_ok(path, mode) < 0) {
		fprintf(stderr, "mkdir: %s: %s\n", path, strerror(errno));
		return -1;
	}
	return 0;
}

int
main(int argc, char *argv[])
{
	mode_t mode = 0777;
	int parents = 0, explicit_mode = 0, status = 0, c;
	char *end;

	while ((c = getopt(argc, argv, "pm:")) != -1) {
		switch (c) {
		case 'p':
			parents = 1;
			break;
		case 'm':
			mode = strtoul(optarg, &end, 8);
			if (*optarg == '\0' || *end != '\0' || mode > 07777) {
				fprintf(stderr, "mkdir: invalid mode '%s'\n", optarg);
				return 1;
			}
			explicit_mode = 1;
			break;
		default:
			usage();
		}
	}
	if (optind >= argc)
		usage();
	for (int i = optind; i < argc; i++) {
		if (parents) {
			if (mkdir_parents(argv[i], mode) < 0)
				status = 1;
		} else if (mkdir(argv[i], mode) < 0) {
			fprintf(stderr, "mkdir: %s: %s\n", argv[i], strerror(errno));
			status = 1;
			continue;
		}
		/* mkdir(2) applies the umask; an explicit -m must not be masked. */
		if (explicit_mode && status == 0 && chmod(argv[i], mode) < 0) {
			fprintf(stderr, "mkdir: %s: %s\n", argv[i], strerror(errno));
			status = 1;
		}
	}
	return status;
}
