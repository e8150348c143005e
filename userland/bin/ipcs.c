/*
 * ipcs: list the System V IPC objects of the caller's IPC namespace, in
 * util-linux's default layout: a heading per kind, then a line per object
 *   -q  key msqid owner perms used-bytes messages
 *   -m  key shmid owner perms bytes nattch status ("dest", "locked")
 *   -s  key semid owner perms nsems
 * With no option, or -a, all three, always in that order; a blank line
 * comes first and after each table, as util-linux prints them.  -l
 * prints the limits of the kinds asked for instead (from IPC_INFO).  The objects
 * are found as util-linux does without /proc/sysvipc: the *_INFO command
 * gives the highest index in use, and *_STAT_ANY each index up to it
 * (an index with no object answers EINVAL and is skipped).
 */
#define _GNU_SOURCE	/* glibc: IPC_INFO and the *_STAT_ANY commands */
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
	fprintf(stderr, "usage: ipcs [-a] [-l] [-q] [-m] [-s]\n");
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

static void limits_msg(void)
{
	struct msginfo info;

	printf("------ Messages Limits --------\n");
	if (msgctl(0, IPC_INFO, (struct msqid_ds *)&info) < 0) {
		printf("unable to fetch message limits\n\n");
		return;
	}
	printf("max queues system wide = %d\n", info.msgmni);
	printf("max size of message (bytes) = %d\n", info.msgmax);
	printf("default max size of queue (bytes) = %d\n\n", info.msgmnb);
}

static void limits_shm(void)
{
	struct shminfo info;
	unsigned long long page_kb = (unsigned long long)sysconf(_SC_PAGESIZE) / 1024;
	unsigned long long total;

	printf("------ Shared Memory Limits --------\n");
	if (shmctl(0, IPC_INFO, (struct shmid_ds *)&info) < 0) {
		printf("unable to fetch shared memory limits\n\n");
		return;
	}
	/* shmall counts pages: in kbytes, the largest multiple of a page
	 * that fits when the product does not, as util-linux shows it. */
	total = info.shmall * page_kb;
	if (info.shmall && total / info.shmall != page_kb)
		total = ~0ull - ~0ull % page_kb;
	printf("max number of segments = %lu\n", info.shmmni);
	printf("max seg size (kbytes) = %lu\n", info.shmmax / 1024);
	printf("max total shared memory (kbytes) = %llu\n", total);
	printf("min seg size (bytes) = %lu\n\n", info.shmmin);
}

static void limits_sem(void)
{
	struct seminfo info;
	union semun arg = { .__buf = &info };

	printf("------ Semaphore Limits --------\n");
	if (semctl(0, 0, IPC_INFO, arg) < 0) {
		printf("unable to fetch semaphore limits\n\n");
		return;
	}
	printf("max number of arrays = %d\n", info.semmni);
	printf("max semaphores per array = %d\n", info.semmsl);
	printf("max semaphores system wide = %d\n", info.semmns);
	printf("max ops per semop call = %d\n", info.semopm);
	printf("semaphore max value = %d\n\n", info.semvmx);
}

int main(int argc, char **argv)
{
	int show = 0, limits = 0, c;

	while ((c = getopt(argc, argv, "alqms")) != -1) {
		switch (c) {
		case 'a':
			show |= SHOW_ALL;
			break;
		case 'l':
			limits = 1;
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
		limits ? limits_msg() : show_msg();
	if (show & SHOW_SHM)
		limits ? limits_shm() : show_shm();
	if (show & SHOW_SEM)
		limits ? limits_sem() : show_sem();
	return fflush(stdout) == 0 ? 0 : 1;
}
