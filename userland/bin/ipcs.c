/*
 * ipcs: list the System V IPC objects of the caller's IPC namespace, in
 * util-linux's default layout: a heading per kind, then a line per object
 *   -q  key msqid owner perms used-bytes messages
 *   -m  key shmid owner perms bytes nattch status ("dest", "locked")
 *   -s  key semid owner perms nsems
 * With no option, or -a, all three, always in that order; a blank line
 * comes first and after each table, as util-linux prints them.  The objects
 * are found as util-linux does without /proc/sysvipc: the *_INFO command
 * gives the highest index in use, and *_STAT_ANY each index up to it
 * (an index with no object answers EINVAL and is skipped).
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
#include "accounts.h"

/* Linux's commands that list every object whatever its permissions. */
#ifndef MSG_STAT_ANY
#define MSG_STAT_ANY	13
#endif
#ifndef SEM_STAT_ANY
#define SEM_STAT_ANY	20
#endif
#ifndef SHM_STAT_ANY
#define SHM_STAT_ANY	15
#endif

enum { SHOW_MSG = 1, SHOW_SHM = 2, SHOW_SEM = 4, SHOW_ALL = 7 };

union semun {
	int val;
	struct semid_ds *buf;
	unsigned short *array;
	struct seminfo *__buf;
};

static void usage(void)
{
	fprintf(stderr, "usage: ipcs [-a] [-q] [-m] [-s]\n");
	exit(1);
}

/* key, id, owner and perms: the four columns every kind starts with. */
static void print_common(const struct ipc_perm *perm, int id)
{
	const struct account *owner = user_by_id(perm->uid);

	printf("0x%08x %-10d ", (unsigned int)perm->__key, id);
	if (owner)
		printf("%-10.10s ", owner->name);
	else
		printf("%-10u ", (unsigned int)perm->uid);
	printf("%-10o ", perm->mode & 0777);
}

static void show_msg(void)
{
	struct msginfo info;
	struct msqid_ds ds;
	int max = msgctl(0, MSG_INFO, (struct msqid_ds *)&info);

	printf("------ Message Queues --------\n");
	printf("%-10s %-10s %-10s %-10s %-12s %-12s\n", "key", "msqid", "owner", "perms",
	       "used-bytes", "messages");
	for (int i = 0; i <= max; i++) {
		int id = msgctl(i, MSG_STAT_ANY, &ds);
		if (id < 0)
			continue;
		print_common(&ds.msg_perm, id);
		printf("%-12lu %-12lu\n", (unsigned long)ds.msg_cbytes,
		       (unsigned long)ds.msg_qnum);
	}
	printf("\n");
}

static void show_shm(void)
{
	struct shm_info info;
	struct shmid_ds ds;
	int max = shmctl(0, SHM_INFO, (struct shmid_ds *)&info);

	printf("------ Shared Memory Segments --------\n");
	printf("%-10s %-10s %-10s %-10s %-10s %-10s %-12s\n", "key", "shmid", "owner", "perms",
	       "bytes", "nattch", "status");
	for (int i = 0; i <= max; i++) {
		int id = shmctl(i, SHM_STAT_ANY, &ds);
		if (id < 0)
			continue;
		print_common(&ds.shm_perm, id);
		printf("%-10lu %-10lu %-6s %-6s\n", (unsigned long)ds.shm_segsz,
		       (unsigned long)ds.shm_nattch, ds.shm_perm.mode & SHM_DEST ? "dest" : " ",
		       ds.shm_perm.mode & SHM_LOCKED ? "locked" : " ");
	}
	printf("\n");
}

static void show_sem(void)
{
	struct seminfo info;
	struct semid_ds ds;
	union semun arg = { .__buf = &info };
	int max = semctl(0, 0, SEM_INFO, arg);

	printf("------ Semaphore Arrays --------\n");
	printf("%-10s %-10s %-10s %-10s %-10s\n", "key", "semid", "owner", "perms", "nsems");
	arg.buf = &ds;
	for (int i = 0; i <= max; i++) {
		int id = semctl(i, 0, SEM_STAT_ANY, arg);
		if (id < 0)
			continue;
		print_common(&ds.sem_perm, id);
		printf("%-10lu\n", (unsigned long)ds.sem_nsems);
	}
	printf("\n");
}

int main(int argc, char **argv)
{
	int show = 0, c;

	while ((c = getopt(argc, argv, "aqms")) != -1) {
		switch (c) {
		case 'a':
			show |= SHOW_ALL;
			break;
		case 'q':
			show |= SHOW_MSG;
			break;
		case 'm':
			show |= SHOW_SHM;
			break;
		case 's':
			show |= SHOW_SEM;
			break;
		default:
			usage();
		}
	}
	if (optind < argc)
		usage();
	if (!show)
		show = SHOW_ALL;
	/* One blank line first, and one after each table. */
	printf("\n");
	if (show & SHOW_MSG)
		show_msg();
	if (show & SHOW_SHM)
		show_shm();
	if (show & SHOW_SEM)
		show_sem();
	return fflush(stdout) == 0 ? 0 : 1;
}
