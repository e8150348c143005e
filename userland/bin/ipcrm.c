/*
 * ipcrm: remove System V IPC objects, as util-linux's ipcrm:
 *   -q ID  -Q KEY   a message queue
 *   -m ID  -M KEY   a shared memory segment (gone at its last detach)
 *   -s ID  -S KEY   a semaphore set
 *   -a              every object of every kind the caller may remove
 * Options may repeat and mix; each failure is reported in util-linux's
 * words ("invalid id (ID)", "permission denied for key (KEY)", ...) and
 * the others are still done; the status is 1 if any failed.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>

#ifndef MSG_STAT_ANY
#define MSG_STAT_ANY	13
#endif
#ifndef SEM_STAT_ANY
#define SEM_STAT_ANY	20
#endif
#ifndef SHM_STAT_ANY
#define SHM_STAT_ANY	15
#endif

enum kind { KIND_MSG, KIND_SHM, KIND_SEM, NR_KINDS };

union semun {
	int val;
	struct semid_ds *buf;
	unsigned short *array;
	struct seminfo *__buf;
};

static void usage(void)
{
	fprintf(stderr, "usage: ipcrm [-a] [-q id] [-Q key] [-m id] [-M key] [-s id] [-S key]\n");
	exit(1);
}

static int rmid(enum kind kind, int id)
{
	union semun arg = { .val = 0 };

	switch (kind) {
	case KIND_MSG:
		return msgctl(id, IPC_RMID, NULL);
	case KIND_SHM:
		return shmctl(id, IPC_RMID, NULL);
	default:
		return semctl(id, 0, IPC_RMID, arg);
	}
}

/* The id of kind's object with key, or -1 (reported). */
static int key_to_id(enum kind kind, const char *arg, key_t key)
{
	int id;
	const char *why;

	switch (kind) {
	case KIND_MSG:
		id = msgget(key, 0);
		break;
	case KIND_SHM:
		id = shmget(key, 0, 0);
		break;
	default:
		id = semget(key, 0, 0);
		break;
	}
	if (id >= 0)
		return id;
	switch (errno) {
	case EACCES:
		why = "permission denied for key";
		break;
	case EIDRM:
		why = "already removed key";
		break;
	case ENOENT:
		why = "invalid key";
		break;
	default:
		fprintf(stderr, "ipcrm: key failed: %s\n", strerror(errno));
		return -1;
	}
	fprintf(stderr, "ipcrm: %s (%s)\n", why, arg);
	return -1;
}

/* Remove kind's object named by arg (an id, or a key when by_key): 0,
 * or 1 after reporting why not. */
static int remove_one(enum kind kind, const char *arg, int by_key)
{
	char *end;
	const char *why;

	errno = 0;
	long n = by_key ? (long)strtoul(arg, &end, 0) : strtol(arg, &end, 10);
	if (errno || end == arg || *end || (!by_key && (n < 0 || n > 0x7fffffff))) {
		fprintf(stderr, "ipcrm: failed to parse argument: '%s'\n", arg);
		return 1;
	}
	int id = (int)n;
	if (by_key) {
		if ((key_t)(int)n == IPC_PRIVATE) {
			fprintf(stderr, "ipcrm: illegal key (%s)\n", arg);
			return 1;
		}
		if ((id = key_to_id(kind, arg, (key_t)(int)n)) < 0)
			return 1;
	}
	if (rmid(kind, id) == 0)
		return 0;
	switch (errno) {
	case EACCES:
	case EPERM:
		why = by_key ? "permission denied for key" : "permission denied for id";
		break;
	case EINVAL:
		why = by_key ? "invalid key" : "invalid id";
		break;
	case EIDRM:
		why = by_key ? "already removed key" : "already removed id";
		break;
	default:
		fprintf(stderr, "ipcrm: %s failed: %s\n", by_key ? "key" : "id", strerror(errno));
		return 1;
	}
	fprintf(stderr, "ipcrm: %s (%s)\n", why, arg);
	return 1;
}

/* -a: every object of kind, found by index as ipcs finds them. */
static int remove_all(enum kind kind)
{
	struct msqid_ds msq;
	struct shmid_ds shm;
	struct semid_ds sem;
	union semun arg = { .buf = &sem };
	int max, status = 0;

	switch (kind) {
	case KIND_MSG:
		max = msgctl(0, MSG_INFO, (struct msqid_ds *)&(struct msginfo){ 0 });
		break;
	case KIND_SHM:
		max = shmctl(0, SHM_INFO, (struct shmid_ds *)&(struct shm_info){ 0 });
		break;
	default:
		arg.__buf = &(struct seminfo){ 0 };
		max = semctl(0, 0, SEM_INFO, arg);
		arg.buf = &sem;
		break;
	}
	for (int i = 0; i <= max; i++) {
		int id = kind == KIND_MSG ? msgctl(i, MSG_STAT_ANY, &msq) :
			 kind == KIND_SHM ? shmctl(i, SHM_STAT_ANY, &shm) :
			 semctl(i, 0, SEM_STAT_ANY, arg);
		if (id < 0)
			continue;
		if (rmid(kind, id) != 0) {
			fprintf(stderr, "ipcrm: %s (%d)\n", errno == EACCES || errno == EPERM ?
				"permission denied for id" : "invalid id", id);
			status = 1;
		}
	}
	return status;
}

int main(int argc, char **argv)
{
	int c, status = 0, done = 0;

	while ((c = getopt(argc, argv, "aq:Q:m:M:s:S:")) != -1) {
		switch (c) {
		case 'a':
			for (int k = 0; k < NR_KINDS; k++)
				status |= remove_all(k);
			break;
		case 'q':
		case 'Q':
			status |= remove_one(KIND_MSG, optarg, c == 'Q');
			break;
		case 'm':
		case 'M':
			status |= remove_one(KIND_SHM, optarg, c == 'M');
			break;
		case 's':
		case 'S':
			status |= remove_one(KIND_SEM, optarg, c == 'S');
			break;
		default:
			usage();
		}
		done = 1;
	}
	if (optind < argc || !done)
		usage();
	return status;
}
