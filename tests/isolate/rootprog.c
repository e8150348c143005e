/*
 * rootprog: the one program of the tree tests/isolate/run.sh gives to
 * isolate --root, built static so it needs no library inside.  Prints its
 * pid, whether /proc/self exists (the new /proc), the names in / (so
 * the test sees the new root, not the host's), one per line, then for
 * each DIR argument whether a file can be created in it ("rw", "ro" for
 * EROFS, or the error).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static void
probe(const char *dir)
{
	char path[4096];
	int fd;

	snprintf(path, sizeof(path), "%s/probe", dir);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd >= 0) {
		close(fd);
		unlink(path);
		printf("%s rw\n", dir);
	} else {
		printf("%s %s\n", dir, errno == EROFS ? "ro" : strerror(errno));
	}
}

int
main(int argc, char *argv[])
{
	struct dirent *de;
	DIR *root = opendir("/");

	printf("pid %d\n", (int)getpid());
	printf("proc %s\n", access("/proc/self/stat", R_OK) == 0 ? "yes" : "no");
	if (root == NULL)
		return 1;
	while ((de = readdir(root)) != NULL)
		if (de->d_name[0] != '.')
			printf("entry %s\n", de->d_name);
	closedir(root);
	for (int i = 1; i < argc; i++)
		probe(argv[i]);
	return 0;
}
