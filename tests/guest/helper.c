/*
 * helper.c - a program the other tests execve.  Not run on its own.
 *   helper args ...    prints "argc=N", each argv and each environment
 *                      string on its own line
 *   helper fd N        exits 0 if descriptor N is closed, 1 if it is open
 *   helper ppid        prints getppid()
 *   helper exit N      exits with status N
 *   helper keyctl      prints what keyctl(KEYCTL_GET_KEYRING_ID, ...) gave:
 *                      "ok" or strerror (isolate's filter: EPERM)
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <errno.h>
#include <sys/syscall.h>

extern char **environ;

int main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "fd") == 0)
		return fcntl(atoi(argv[2]), F_GETFD) == -1 ? 0 : 1;
	if (argc == 2 && strcmp(argv[1], "ppid") == 0) {
		printf("%d\n", (int)getppid());
		return 0;
	}
	if (argc == 3 && strcmp(argv[1], "exit") == 0)
		return atoi(argv[2]);
	if (argc == 2 && strcmp(argv[1], "keyctl") == 0) {
		long r = syscall(SYS_keyctl, 0, -1, 0, 0, 0);
		printf("%s\n", r < 0 ? strerror(errno) : "ok");
		return 0;
	}
	printf("argc=%d\n", argc);
	for (int i = 0; i < argc; i++)
		printf("argv[%d]=%s\n", i, argv[i]);
	for (char **e = environ; *e; e++)
		printf("env=%s\n", *e);
	return 0;
}
