/*
 * psem.c - POSIX semaphores: sem_init/sem_post/sem_wait/sem_trywait/
 * sem_timedwait/sem_getvalue and their errors, process-shared ones in
 * MAP_SHARED memory (anonymous and a /dev/shm file) waking across fork,
 * a signal ending a wait, and named ones (sem_open, sem_close,
 * sem_unlink) shared by name between processes as /dev/shm/sem.NAME.
 * Also natively on a Linux host (glibc), where Linux is the oracle.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <limits.h>
#include <semaphore.h>
#include <poll.h>
#include <signal.h>
#include <time.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include "t.h"

#define ROUNDS 200

/* Wait until process pid sleeps ('S' in /proc/PID/stat): in a blocking call. */
static void wait_sleeping(pid_t pid)
{
	char path[64], buf[256];

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	for (;;) {
		FILE *f = fopen(path, "r");
		char *p = NULL;

		if (f) {
			p = fgets(buf, sizeof(buf), f) ? strrchr(buf, ')') : NULL;
			fclose(f);
		}
		if (!p || (p[1] == ' ' && p[2] == 'S'))
			return;
		usleep(1000);
	}
}

static int child_status(pid_t pid)
{
	int status;

	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

static void test_private(void)
{
	sem_t s;
	int v = -1;
	struct timespec past = { 1, 0 }, bad = { 0, 1000000000 };

	check_err("psem-init-too-big", sem_init(&s, 0, (unsigned int)SEM_VALUE_MAX + 1), EINVAL);
	check("psem-init", sem_init(&s, 0, 2) == 0 && sem_getvalue(&s, &v) == 0 && v == 2,
	      "value %d", v);
	check("psem-wait", sem_wait(&s) == 0 && sem_trywait(&s) == 0, "%s", strerror(errno));
	check_err("psem-trywait-eagain", sem_trywait(&s), EAGAIN);
	check_err("psem-timedwait-past", sem_timedwait(&s, &past), ETIMEDOUT);
	check_err("psem-timedwait-bad-nsec", sem_timedwait(&s, &bad), EINVAL);
	sem_post(&s);
	check_err("psem-timedwait-bad-nsec-available", sem_timedwait(&s, &bad), EINVAL);
	check("psem-timedwait-available", sem_timedwait(&s, &past) == 0, "%s", strerror(errno));

	struct timespec soon;
	clock_gettime(CLOCK_REALTIME, &soon);
	soon.tv_nsec += 20 * 1000 * 1000;
	if (soon.tv_nsec >= 1000000000) {
		soon.tv_sec++;
		soon.tv_nsec -= 1000000000;
	}
	check_err("psem-timedwait-etimedout", sem_timedwait(&s, &soon), ETIMEDOUT);
	sem_destroy(&s);

	sem_init(&s, 0, SEM_VALUE_MAX);
	check_err("psem-post-eoverflow", sem_post(&s), EOVERFLOW);
	sem_getvalue(&s, &v);
	check("psem-value-max", v == SEM_VALUE_MAX, "value %d", v);
	sem_destroy(&s);
}

static void on_signal(int sig)
{
	(void)sig;
}

static void test_eintr(void)
{
	sem_t s;
	struct sigaction sa = { .sa_handler = on_signal }, old;
	pid_t parent = getpid();

	sem_init(&s, 0, 0);
	sigemptyset(&sa.sa_mask);
	sigaction(SIGUSR1, &sa, &old);
	/* Signalled each time it sleeps until the wait ended: a signal that
	 * came before sem_wait only ran the handler. */
	int done[2];
	if (pipe(done) != 0)
		return;
	pid_t pid = fork();
	if (pid == 0) {
		struct pollfd p = { .fd = done[0], .events = POLLIN };
		do {
			wait_sleeping(parent);
			if (kill(parent, SIGUSR1) != 0)
				_exit(1);
		} while (poll(&p, 1, 10) == 0);
		_exit(0);
	}
	check_err("psem-wait-eintr", sem_wait(&s), EINTR);
	(void)!write(done[1], "", 1);
	child_status(pid);
	close(done[0]);
	close(done[1]);
	sigaction(SIGUSR1, &old, NULL);
	sem_destroy(&s);
}

/* Two pshared semaphores in mem bounce a turn ROUNDS times. */
static void ping_pong(sem_t *sems, int *counter, const char *name)
{
	sem_t *ping = &sems[0], *pong = &sems[1];

	sem_init(ping, 1, 0);
	sem_init(pong, 1, 0);
	*counter = 0;
	pid_t pid = fork();
	if (pid == 0) {
		for (int i = 0; i < ROUNDS; i++) {
			if (sem_wait(ping) != 0)
				_exit(1);
			(*counter)++;
			sem_post(pong);
		}
		_exit(0);
	}
	int ok = 1;
	for (int i = 0; i < ROUNDS && ok; i++) {
		sem_post(ping);
		ok = sem_wait(pong) == 0 && *counter == i + 1;
	}
	check(name, child_status(pid) == 0 && ok && *counter == ROUNDS, "counter %d", *counter);
	sem_destroy(ping);
	sem_destroy(pong);
}

static void test_pshared(void)
{
	struct shared {
		sem_t sems[2];
		int counter;
	};
	struct shared *m = mmap(NULL, sizeof(*m), PROT_READ | PROT_WRITE,
				MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	pid_t parent = getpid();

	if (m == MAP_FAILED) {
		check_say("FAIL psem-mmap: %s", strerror(errno));
		return;
	}
	/* A waiter asleep in the parent is woken by the child's post. */
	sem_init(&m->sems[0], 1, 0);
	pid_t pid = fork();
	if (pid == 0) {
		wait_sleeping(parent);
		_exit(sem_post(&m->sems[0]) == 0 ? 0 : 1);
	}
	int r = sem_wait(&m->sems[0]);
	check("psem-pshared-woken-by-child", r == 0 && child_status(pid) == 0, "%s", strerror(errno));
	ping_pong(m->sems, &m->counter, "psem-pshared-anon-ping-pong");
	munmap(m, sizeof(*m));

	/* The same in a file of /dev/shm mapped shared. */
	char path[64];
	snprintf(path, sizeof(path), "/dev/shm/psem-test-%d", (int)getpid());
	int fd = open(path, O_RDWR | O_CREAT | O_EXCL, 0600);
	if (fd < 0 || ftruncate(fd, sizeof(*m)) != 0) {
		check_say("FAIL psem-shm-file: %s", strerror(errno));
		return;
	}
	m = mmap(NULL, sizeof(*m), PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	close(fd);
	unlink(path);
	if (m == MAP_FAILED) {
		check_say("FAIL psem-shm-mmap: %s", strerror(errno));
		return;
	}
	ping_pong(m->sems, &m->counter, "psem-pshared-shm-file-ping-pong");
	munmap(m, sizeof(*m));
}

static void test_named(void)
{
	char name[64], path[96];
	struct stat st;
	int v = -1;

	snprintf(name, sizeof(name), "/psem-%d", (int)getpid());
	snprintf(path, sizeof(path), "/dev/shm/sem.%s", name + 1);
	check_err("psem-open-missing", sem_open(name, 0) == SEM_FAILED ? -1 : 0, ENOENT);
	check_err("psem-open-bad-name", sem_open("/a/b", O_CREAT, 0600, 0) == SEM_FAILED ? -1 : 0,
		  EINVAL);
	check_err("psem-open-too-big", sem_open(name, O_CREAT, 0600, (unsigned int)SEM_VALUE_MAX + 1)
		  == SEM_FAILED ? -1 : 0, EINVAL);
	mode_t mask = umask(022);
	sem_t *s = sem_open(name, O_CREAT | O_EXCL, 0640, 1);
	umask(mask);
	check("psem-open-create", s != SEM_FAILED, "%s", strerror(errno));
	if (s == SEM_FAILED)
		return;
	check("psem-open-file", stat(path, &st) == 0 && S_ISREG(st.st_mode) &&
	      (st.st_mode & 0777) == 0640, "%s mode %o", path, st.st_mode);
	check_err("psem-open-excl", sem_open(name, O_CREAT | O_EXCL, 0600, 0) == SEM_FAILED ? -1 : 0,
		  EEXIST);
	sem_t *again = sem_open(name, O_CREAT, 0600, 5);
	check("psem-open-again-same", again != SEM_FAILED && sem_getvalue(again, &v) == 0 && v == 1,
	      "value %d", v);
	sem_wait(s);

	/* Another process opens it by name and wakes the sleeping parent. */
	pid_t parent = getpid(), pid = fork();
	if (pid == 0) {
		sem_t *c = sem_open(name, 0);
		if (c == SEM_FAILED)
			_exit(1);
		wait_sleeping(parent);
		_exit(sem_post(c) == 0 && sem_close(c) == 0 ? 0 : 2);
	}
	int r = sem_wait(s);
	check("psem-named-across-processes", r == 0 && child_status(pid) == 0, "%s", strerror(errno));
	check("psem-close", sem_close(s) == 0, "%s", strerror(errno));
	if (again != SEM_FAILED)
		sem_close(again);
	check("psem-unlink", sem_unlink(name) == 0 && stat(path, &st) == -1 && errno == ENOENT,
	      "%s", strerror(errno));
	check_err("psem-unlink-missing", sem_unlink(name), ENOENT);
	check_err("psem-open-unlinked", sem_open(name, 0) == SEM_FAILED ? -1 : 0, ENOENT);
}

int main(void)
{
	test_private();
	test_eintr();
	test_pshared();
	test_named();
	return 0;
}
