/*
 * semaphore.c - POSIX semaphores on the futex system call.
 *
 * The value is a 32-bit word that sem_trywait decrements with a
 * compare-and-swap; a waiter that finds it 0 counts itself in `waiters`
 * and sleeps on the word with FUTEX_WAIT_BITSET (an absolute
 * CLOCK_REALTIME deadline for sem_timedwait), and sem_post wakes one
 * sleeper when anyone counts as waiting.  Every access is sequentially
 * consistent, so a post that reads `waiters` as 0 made its value visible
 * before the waiter's futex wait compares it: no wake-up is lost.  A
 * process-shared semaphore uses shared futexes (keyed by the memory, not
 * the address space); a private one adds FUTEX_PRIVATE_FLAG.
 *
 * Named semaphores are files /dev/shm/sem.NAME holding one sem_t, mapped
 * MAP_SHARED.  sem_open makes a new one complete under a temporary name
 * and links it into place, so nobody ever opens a half-made semaphore.
 */
#include <errno.h>
#include <limits.h>
#include <semaphore.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <linux/futex.h>
#include "syscall.h"

struct semaphore {
	unsigned int value;
	unsigned int waiters;
	int futex_private;	/* FUTEX_PRIVATE_FLAG, or 0 when pshared */
};

_Static_assert(sizeof(struct semaphore) <= sizeof(sem_t), "sem_t too small");

#define SEM(s)		((struct semaphore *)(s))
#define SEM_DIR		"/dev/shm/"
#define SEM_PREFIX	"sem."

int sem_init(sem_t *sem, int pshared, unsigned int value)
{
	if (value > SEM_VALUE_MAX) {
		errno = EINVAL;
		return -1;
	}
	memset(sem, 0, sizeof(*sem));
	SEM(sem)->value = value;
	SEM(sem)->futex_private = pshared ? 0 : FUTEX_PRIVATE_FLAG;
	return 0;
}

int sem_destroy(sem_t *sem)
{
	(void)sem;
	return 0;
}

int sem_post(sem_t *sem)
{
	struct semaphore *s = SEM(sem);
	unsigned int v = __atomic_load_n(&s->value, __ATOMIC_SEQ_CST);

	do {
		if (v >= SEM_VALUE_MAX) {
			errno = EOVERFLOW;
			return -1;
		}
	} while (!__atomic_compare_exchange_n(&s->value, &v, v + 1, 0,
					      __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST));
	if (__atomic_load_n(&s->waiters, __ATOMIC_SEQ_CST))
		__syscall6(SYS_futex, (long)&s->value, FUTEX_WAKE | s->futex_private, 1, 0, 0, 0);
	return 0;
}

int sem_trywait(sem_t *sem)
{
	struct semaphore *s = SEM(sem);
	unsigned int v = __atomic_load_n(&s->value, __ATOMIC_SEQ_CST);

	while (v > 0)
		if (__atomic_compare_exchange_n(&s->value, &v, v - 1, 0,
						__ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))
			return 0;
	errno = EAGAIN;
	return -1;
}

/* Sleep while the value is 0: 0 (look again), ETIMEDOUT or EINTR. */
static int sem_sleep(struct semaphore *s, const struct timespec *abs_timeout)
{
	long r;

	__atomic_add_fetch(&s->waiters, 1, __ATOMIC_SEQ_CST);
	r = __syscall6(SYS_futex, (long)&s->value,
		       FUTEX_WAIT_BITSET | FUTEX_CLOCK_REALTIME | s->futex_private, 0,
		       (long)abs_timeout, 0, FUTEX_BITSET_MATCH_ANY);
	__atomic_sub_fetch(&s->waiters, 1, __ATOMIC_SEQ_CST);
	if (r == -ETIMEDOUT || r == -EINTR)
		return -r;
	return 0;
}

int sem_timedwait(sem_t *sem, const struct timespec *abs_timeout)
{
	int err;

	/* As glibc: a bad timeout is refused even when the value is free. */
	if (abs_timeout && (abs_timeout->tv_nsec < 0 || abs_timeout->tv_nsec >= 1000000000)) {
		errno = EINVAL;
		return -1;
	}
	while (sem_trywait(sem) < 0) {
		if (abs_timeout && abs_timeout->tv_sec < 0) {
			errno = ETIMEDOUT;
			return -1;
		}
		if ((err = sem_sleep(SEM(sem), abs_timeout))) {
			errno = err;
			return -1;
		}
	}
	return 0;
}

int sem_wait(sem_t *sem)
{
	return sem_timedwait(sem, 0);
}

int sem_getvalue(sem_t *sem, int *sval)
{
	*sval = (int)__atomic_load_n(&SEM(sem)->value, __ATOMIC_SEQ_CST);
	return 0;
}

/* /dev/shm/sem.NAME from "/NAME" (leading slashes skipped, as glibc). */
static int sem_path(const char *name, char *path, size_t size)
{
	while (*name == '/')
		name++;
	if (!*name || strchr(name, '/')) {
		errno = EINVAL;
		return -1;
	}
	if (strlen(name) + strlen(SEM_PREFIX) > NAME_MAX) {
		errno = ENAMETOOLONG;
		return -1;
	}
	snprintf(path, size, SEM_DIR SEM_PREFIX "%s", name);
	return 0;
}

static sem_t *sem_map(int fd)
{
	void *p = mmap(0, sizeof(sem_t), PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);

	close(fd);
	return p == MAP_FAILED ? SEM_FAILED : p;
}

/* A new semaphore file under a temporary name, linked to path: the
 * descriptor, or -1 (errno EEXIST when path appeared meanwhile). */
static int sem_create(const char *path, mode_t mode, unsigned int value)
{
	static unsigned int seq;
	char tmp[sizeof(SEM_DIR) + 32];
	sem_t init;
	int fd;

	sem_init(&init, 1, value);
	do {
		snprintf(tmp, sizeof(tmp), SEM_DIR "sem.tmp%d.%u", (int)getpid(), seq++);
		fd = open(tmp, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, mode);
	} while (fd < 0 && errno == EEXIST);
	if (fd < 0)
		return -1;
	if (write(fd, &init, sizeof(init)) != sizeof(init) || link(tmp, path) < 0) {
		int err = errno;

		close(fd);
		unlink(tmp);
		errno = err;
		return -1;
	}
	unlink(tmp);
	return fd;
}

sem_t *sem_open(const char *name, int oflag, ...)
{
	char path[sizeof(SEM_DIR SEM_PREFIX) + NAME_MAX];
	mode_t mode = 0;
	unsigned int value = 0;
	int fd;

	if (sem_path(name, path, sizeof(path)) < 0)
		return SEM_FAILED;
	if (oflag & O_CREAT) {
		va_list ap;

		va_start(ap, oflag);
		mode = va_arg(ap, mode_t);
		value = va_arg(ap, unsigned int);
		va_end(ap);
		if (value > SEM_VALUE_MAX) {
			errno = EINVAL;
			return SEM_FAILED;
		}
	}
	for (;;) {
		if (!(oflag & O_EXCL) || !(oflag & O_CREAT)) {
			fd = open(path, O_RDWR | O_NOFOLLOW | O_CLOEXEC);
			if (fd >= 0 || errno != ENOENT || !(oflag & O_CREAT))
				break;
		}
		fd = sem_create(path, mode, value);
		if (fd >= 0 || errno != EEXIST || (oflag & O_EXCL))
			break;
	}
	return fd < 0 ? SEM_FAILED : sem_map(fd);
}

int sem_close(sem_t *sem)
{
	return munmap(sem, sizeof(sem_t));
}

int sem_unlink(const char *name)
{
	char path[sizeof(SEM_DIR SEM_PREFIX) + NAME_MAX];

	if (sem_path(name, path, sizeof(path)) < 0)
		return -1;
	if (unlink(path) < 0) {
		if (errno == EPERM)
			errno = EACCES;
		return -1;
	}
	return 0;
}
