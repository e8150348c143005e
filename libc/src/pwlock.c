/*
 * pwlock.c - lckpwdf/ulckpwdf: the advisory lock that every program
 * editing /etc/passwd, /etc/group or /etc/shadow takes first.  It is an
 * fcntl write lock over the whole of /etc/.pwd.lock, as glibc takes it, so
 * our programs and glibc's (shadow-utils on a host mounting the image)
 * exclude each other.  A waiting caller gives up after PWD_LOCK_TIMEOUT
 * seconds: SIGALRM interrupts the wait (glibc waits the same 15 s).
 *
 * The lock belongs to the process (fcntl locks do) and is released by
 * ulckpwdf, by closing the file or by exit.  One process holds it at most
 * once: a second lckpwdf fails until ulckpwdf.
 */
#include <errno.h>
#include <fcntl.h>
#include <shadow.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

/* The host test builds this file with a lock file of its own. */
#ifndef PWD_LOCKFILE
#define PWD_LOCKFILE "/etc/.pwd.lock"
#endif
#define PWD_LOCK_TIMEOUT 15	/* seconds */

static int lock_fd = -1;

/* SIGALRM only has to interrupt fcntl(F_SETLKW); nothing else to do. */
static void lock_timeout(int sig)
{
	(void)sig;
}

/* Waits for the write lock on fd, at most PWD_LOCK_TIMEOUT seconds. */
static int wait_for_lock(int fd)
{
	struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET };
	struct sigaction act = { .sa_handler = lock_timeout }, old_act;
	sigset_t alrm, old_mask;
	unsigned int old_alarm;
	int ret, err;

	sigemptyset(&act.sa_mask);
	if (sigaction(SIGALRM, &act, &old_act) < 0)
		return -1;
	sigemptyset(&alrm);
	sigaddset(&alrm, SIGALRM);
	sigprocmask(SIG_UNBLOCK, &alrm, &old_mask);
	old_alarm = alarm(PWD_LOCK_TIMEOUT);
	ret = fcntl(fd, F_SETLKW, &fl);
	err = errno;
	alarm(old_alarm);
	sigprocmask(SIG_SETMASK, &old_mask, 0);
	sigaction(SIGALRM, &old_act, 0);
	errno = err;
	return ret;
}

int lckpwdf(void)
{
	int fd;

	if (lock_fd >= 0) {
		errno = EDEADLK;
		return -1;
	}
	fd = open(PWD_LOCKFILE, O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0)
		return -1;
	if (wait_for_lock(fd) < 0) {
		int err = errno;

		close(fd);
		errno = err;
		return -1;
	}
	lock_fd = fd;
	return 0;
}

int ulckpwdf(void)
{
	int fd = lock_fd;

	if (fd < 0) {
		errno = ENOLCK;
		return -1;
	}
	lock_fd = -1;
	return close(fd);
}
