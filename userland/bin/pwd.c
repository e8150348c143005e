/*
 * pwd: print the working directory.  -L (default) prints $PWD when it
 * names the current directory; -P always prints the physical path.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* $PWD is trusted only if it is absolute and names the same inode as ".". */
static const char *
logical_pwd(void)
{
	const char *pwd = getenv("PWD");
	struct stat a, b;

	if (pwd == NULL || pwd[0] != '/' || strstr(pwd, "/./") || strstr(pwd, "/../"))
		return NULL;
	if (stat(pwd, &a) < 0 || stat(".", &b) < 0)
		return NULL;
	if (a.st_dev != b.st_dev || a.st_ino != b.st_ino)
		return NULL;
	return pwd;
}

int
main(int argc, char *argv[])
{
	char buf[PATH_MAX];
	const char *path = NULL;
	int physical = 0, c;

	while ((c = getopt(argc, argv, "LP")) != -1) {
		switch (c) {
		case 'L': physical = 0; break;
		case 'P': physical = 1; break;
		default:
			fprintf(stderr, "usage: pwd [-LP]\n");
			return 1;
		}
	}
	if (!physical)
		path = logical_pwd();
	if (path == NULL) {
		if (getcwd(buf, sizeof(buf)) == NULL) {
			fprintf(stderr, "pwd: %s\n", strerror(errno));
			return 1;
		}
		path = buf;
	}
	puts(path);
	return 0;
}
