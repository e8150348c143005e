/*
 * semaphore.h - POSIX semaphores.  An unnamed one (sem_init) lives in the
 * caller's memory, in shared memory (MAP_SHARED) when pshared; a named
 * one (sem_open) is the file /dev/shm/sem.NAME mapped shared, as glibc
 * does.  Waiting is a futex wait on the value.  sem_t has glibc's size
 * and alignment.
 */
#ifndef _SEMAPHORE_H
#define _SEMAPHORE_H

#include <sys/cdefs.h>
#include <sys/types.h>
#include <sys/_timespec.h>
#include <fcntl.h>
#include <limits.h>

__BEGIN_DECLS

typedef union {
	char __size[32];
	long __align;
} sem_t;

#define SEM_VALUE_MAX	INT_MAX
#define SEM_FAILED	((sem_t *)0)

int sem_init(sem_t *sem, int pshared, unsigned int value);
int sem_destroy(sem_t *sem);
int sem_post(sem_t *sem);
int sem_wait(sem_t *sem);
int sem_trywait(sem_t *sem);
int sem_timedwait(sem_t *sem, const struct timespec *abs_timeout);
int sem_getvalue(sem_t *sem, int *sval);
sem_t *sem_open(const char *name, int oflag, ...);
int sem_close(sem_t *sem);
int sem_unlink(const char *name);

__END_DECLS

#endif /* _SEMAPHORE_H */
