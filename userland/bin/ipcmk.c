/*
 * ipcmk: make a System V IPC object with a fresh random key, as
 * util-linux's ipcmk, and print its id:
 *   -Q           a message queue        "Message queue id: ID"
 *   -M SIZE      a shared memory segment "Shared memory id: ID"
 *   -S NSEMS     a semaphore set         "Semaphore id: ID"
 *   -p MODE      its permissions, in octal (0644 by default)
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>

#define DEFAULT_MODE	0644
#define KEY_TRIES	16	/* random keys tried before giving up */

static void usage(void)
{
	fprintf(stderr, "usage: ipcmk [-Q] [-M size] [-S nsems] [-p mode]\n");
	exit(1);
}

/* A random key other than IPC_PRIVATE. */
static key_t random_key(void)
{
	unsigned int k = 0;
	int fd = open("/dev/urandom", O_RDONLY);

	if (fd >= 0) {
		if (read(fd, &k, sizeof(k)) != (ssize_t)sizeof(k))
			k = 0;
		close(fd);
	}
	if (!k)
		k = (unsigned int)getpid() * 2654435761u;
	return (key_t)(int)(k ? k : 1);
}

static unsigned long parse_number(const char *arg, int base)
{
	char *end;

	errno = 0;
	unsigned long n = strtoul(arg, &end, base);
	if (errno || end == arg || *end || arg[0] == '-') {
		fprintf(stderr, "ipcmk: failed to parse argument: '%s'\n", arg);
		exit(1);
	}
	return n;
}

int main(int argc, char **argv)
{
	int c, queue = 0, mode = DEFAULT_MODE;
	long nsems = -1;
	long size = -1;

	while ((c = getopt(argc, argv, "QM:S:p:")) != -1) {
		switch (c) {
		case 'Q':
			queue = 1;
			break;
		case 'M':
			size = (long)parse_number(optarg, 0);
			break;
		case 'S':
			nsems = (long)parse_number(optarg, 10);
			break;
		case 'p':
			mode = (int)parse_number(optarg, 8);
			break;
		default:
			usage();
		}
	}
	if (optind < argc || (!queue && size < 0 && nsems < 0))
		usage();
	int status = 0;
	int flags = IPC_CREAT | IPC_EXCL | (mode & 0777);
	if (size >= 0) {
		int id = -1;
		for (int i = 0; i < KEY_TRIES && id < 0; i++)
			if ((id = shmget(random_key(), size, flags)) < 0 && errno != EEXIST)
				break;
		if (id < 0) {
			fprintf(stderr, "ipcmk: create shared memory failed: %s\n", strerror(errno));
			status = 1;
		} else {
			printf("Shared memory id: %d\n", id);
		}
	}
	if (queue) {
		int id = -1;
		for (int i = 0; i < KEY_TRIES && id < 0; i++)
			if ((id = msgget(random_key(), flags)) < 0 && errno != EEXIST)
				break;
		if (id < 0) {
			fprintf(stderr, "ipcmk: create message queue failed: %s\n", strerror(errno));
			status = 1;
		} else {
			printf("Message queue id: %d\n", id);
		}
	}
	if (nsems >= 0) {
		int id = -1;
		for (int i = 0; i < KEY_TRIES && id < 0; i++)
			if ((id = semget(random_key(), (int)nsems, flags)) < 0 && errno != EEXIST)
				break;
		if (id < 0) {
			fprintf(stderr, "ipcmk: create semaphore failed: %s\n", strerror(errno));
			status = 1;
		} else {
			printf("Semaphore id: %d\n", id);
		}
	}
	return status;
}
