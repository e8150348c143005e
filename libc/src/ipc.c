/*
 * ipc.c - System V IPC: each call is the Linux system call of the same
 * name (riscv64 has them all, no multiplexed ipc(2)), and ftok.
 */
#include <stdarg.h>
#include <sys/stat.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include "syscall.h"

key_t ftok(const char *path, int id)
{
	struct stat st;

	if (stat(path, &st) < 0)
		return -1;
	/* An int in the ABI: sign-extended, so it compares equal to the
	 * __key that IPC_STAT gives back. */
	return (int)((st.st_ino & 0xffff) | ((st.st_dev & 0xff) << 16) |
		     ((unsigned int)(id & 0xff) << 24));
}

int msgget(key_t key, int flags)
{
	return SC2(SYS_msgget, (int)key, flags);
}

int msgsnd(int msqid, const void *msgp, size_t msgsz, int flags)
{
	return SC4(SYS_msgsnd, msqid, msgp, msgsz, flags);
}

ssize_t msgrcv(int msqid, void *msgp, size_t msgsz, long msgtyp, int flags)
{
	return SC5(SYS_msgrcv, msqid, msgp, msgsz, msgtyp, flags);
}

int msgctl(int msqid, int cmd, struct msqid_ds *buf)
{
	return SC3(SYS_msgctl, msqid, cmd, buf);
}

int semget(key_t key, int nsems, int flags)
{
	return SC3(SYS_semget, (int)key, nsems, flags);
}

int semop(int semid, struct sembuf *sops, size_t nsops)
{
	return SC3(SYS_semop, semid, sops, nsops);
}

int semtimedop(int semid, struct sembuf *sops, size_t nsops, const struct timespec *timeout)
{
	return SC4(SYS_semtimedop, semid, sops, nsops, timeout);
}

/* The fourth argument is the caller's union semun: an int or a pointer,
 * passed in one register either way. */
int semctl(int semid, int semnum, int cmd, ...)
{
	unsigned long arg = 0;
	va_list ap;

	switch (cmd & 0xff) {
	case SETVAL:
	case GETALL:
	case SETALL:
	case IPC_STAT:
	case IPC_SET:
	case IPC_INFO:
	case SEM_STAT:
	case SEM_INFO:
	case SEM_STAT_ANY:
		va_start(ap, cmd);
		arg = va_arg(ap, unsigned long);
		va_end(ap);
		break;
	}
	return SC4(SYS_semctl, semid, semnum, cmd, arg);
}

int shmget(key_t key, size_t size, int flags)
{
	return SC3(SYS_shmget, (int)key, size, flags);
}

void *shmat(int shmid, const void *shmaddr, int flags)
{
	return (void *)SC3(SYS_shmat, shmid, shmaddr, flags);
}

int shmdt(const void *shmaddr)
{
	return SC1(SYS_shmdt, shmaddr);
}

int shmctl(int shmid, int cmd, struct shmid_ds *buf)
{
	return SC3(SYS_shmctl, shmid, cmd, buf);
}
