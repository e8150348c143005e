/*
 * touch: set access and modification times to now, creating missing
 * files.  -c does not create; -a / -m change only one of the two times.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int
main(int argc, char *argv[])
{
	struct timespec times[2] = { { 0, UTIME_NOW }, { 0, UTIME_NOW } };
	int no_create = 0, only_a = 0, only_m = 0, status = 0, c;

	while ((c = getopt(argc, argv, "acm")) != -1) {
		switch (c) {
		case 'a': only_a = 1; break;
		case 'c': no_create = 1; break;
		case 'm': only_m = 1; break;
		default:
			fprintf(stderr, "usage: touch [-acm] file ...\n");
			return 1;
		}
	}
	if (optind >= argc) {
		fprintf(stderr, "usage: touch [-acm] file ...\n");
		return 1;
	}
	if (only_a && !only_m)
		times[1].tv_nsec = UTIME_OMIT;
	if (only_m && !only_a)
		times[0].tv_nsec = UTIME_OMIT;
	for (int i = optind; i < argc; i++) {
		if (utimensat(AT_FDCWD, argv[i], times, 0) == 0)
			continue;
		if (errno == ENOENT && no_create)
			continue;
		if (errno == ENOENT) {
			int fd = open(argv[i], O_WRONLY | O_CREAT, 0666);
			if (fd >= 0) {
				close(fd);
				continue;
			}
		}
		fprintf(stderr, "touch: %s: %s\n", argv[i], strerror(errno));
		status = 1;
	}
	return status;
}
