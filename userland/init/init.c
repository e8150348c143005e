/*
 * init: process 1.  It sets up the system (pseudo filesystems, host
 * name, environment), keeps one program running on the console,
 * reaps every orphan, and on request stops everything and powers off
 * or reboots:
 *   SIGTERM, SIGUSR2  power off (poweroff sends SIGUSR2)
 *   SIGINT            reboot (reboot sends it; Linux's ctrl-alt-del too)
 * Signal handlers only set flags; the main loop waits in sigsuspend()
 * with those signals blocked in between, so no event is missed and
 * init never busy-waits.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "init.h"

#define CONSOLE "/dev/console"
#define HOSTNAME_FILE "/etc/hostname"
#define HOSTNAME_MAX 64
#define FILE_BUF_SIZE 256
/* How long processes get to exit after SIGTERM before SIGKILL. */
#define SHUTDOWN_GRACE_SECONDS 2

/*
 * The program init keeps on the console.  The users work replaces the
 * root shell with /bin/login here, and only here.
 */
#define CONSOLE_PROGRAM "/bin/sh"
#define CONSOLE_PROGRAM_NAME "shell"
static char *const console_argv[] = { "-sh", "-l", NULL };

/* The filesystems init mounts, in mount order; unmounted in reverse. */
struct init_mount {
	const char *source, *target, *type;
	unsigned long flags;
	const char *data;
	mode_t dir_mode;	/* for creating the mount point */
	int required;		/* complain when it fails */
	int mounted;		/* set once mounted, by init */
};

static struct init_mount mounts[] = {
	{ "proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL, 0555, 1, 0 },
	{ "devtmpfs", "/dev", "devtmpfs", MS_NOSUID, "mode=0755", 0755, 1, 0 },
	{ "tmpfs", "/tmp", "tmpfs", MS_NOSUID | MS_NODEV, "mode=1777", 01777, 1, 0 },
	{ "devpts", "/dev/pts", "devpts", MS_NOSUID | MS_NOEXEC, "gid=5,mode=620,ptmxmode=666", 0755, 0, 0 },
};
#define NMOUNTS (sizeof(mounts) / sizeof(mounts[0]))

enum shutdown_kind { RUNNING, POWER_OFF, REBOOT };

static volatile sig_atomic_t requested = RUNNING;
static volatile sig_atomic_t alarm_rang;

static void
say(const char *fmt, const char *arg, int err)
{
	fprintf(stderr, "init: ");
	fprintf(stderr, fmt, arg);
	if (err)
		fprintf(stderr, ": %s", strerror(err));
	fputc('\n', stderr);
}

static void
on_signal(int sig)
{
	switch (sig) {
	case SIGCHLD: break;	/* waking sigsuspend() is all it must do */
	case SIGALRM: alarm_rang = 1; break;
	case SIGINT: requested = REBOOT; break;
	default: requested = POWER_OFF; break;
	}
}

/* Handlers for every event; all of them blocked outside sigsuspend(). */
static void
setup_signals(sigset_t *waitmask)
{
	static const int events[] = { SIGCHLD, SIGALRM, SIGINT, SIGTERM, SIGUSR2 };
	struct sigaction sa;
	sigset_t block;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigemptyset(&block);
	for (size_t i = 0; i < sizeof(events) / sizeof(events[0]); i++) {
		sigaction(events[i], &sa, NULL);
		sigaddset(&block, events[i]);
	}
	sigprocmask(SIG_BLOCK, &block, waitmask);
	for (size_t i = 0; i < sizeof(events) / sizeof(events[0]); i++)
		sigdelset(waitmask, events[i]);
	/* Let ctrl-alt-del reach us as SIGINT instead of rebooting at once. */
	reboot(RB_DISABLE_CAD);
}

static void
mount_filesystems(void)
{
	for (size_t i = 0; i < NMOUNTS; i++) {
		struct init_mount *m = &mounts[i];

		if (mkdir(m->target, m->dir_mode) < 0 && errno != EEXIST && m->required)
			say("mkdir %s", m->target, errno);
		if (mount(m->source, m->target, m->type, m->flags, m->data) == 0)
			m->mounted = 1;
		else if (errno != EBUSY && m->required)
			say("mount %s", m->target, errno);
	}
	/* The mount point's mode shows through only after the mount. */
	chmod("/tmp", 01777);
}

static void
unmount_filesystems(void)
{
	for (size_t i = NMOUNTS; i-- > 0;) {
		if (mounts[i].mounted && umount2(mounts[i].target, 0) < 0 &&
		    umount2(mounts[i].target, MNT_DETACH) < 0)
			say("umount %s", mounts[i].target, errno);
	}
	/* A read-only root is clean on disk even if power is cut next. */
	if (mount(NULL, "/", NULL, MS_REMOUNT | MS_RDONLY, NULL) < 0 && errno != ENOSYS)
		say("remount / read-only", "", errno);
}

/* If the kernel started us without fds 0-2, use the console for them. */
static void
open_console_stdio(void)
{
	int fd;

	if (fcntl(STDERR_FILENO, F_GETFD) >= 0)
		return;
	fd = open(CONSOLE, O_RDWR | O_NOCTTY);
	if (fd < 0)
		return;
	for (int target = 0; target <= STDERR_FILENO; target++)
		if (fd != target)
			dup2(fd, target);
	if (fd > STDERR_FILENO)
		close(fd);
}

static void
set_hostname(void)
{
	char text[FILE_BUF_SIZE], name[HOSTNAME_MAX + 1];
	ssize_t n;
	int fd = open(HOSTNAME_FILE, O_RDONLY);

	if (fd < 0)
		return;
	n = read(fd, text, sizeof(text) - 1);
	close(fd);
	if (n < 0)
		return;
	text[n] = '\0';
	if (hostname_parse(text, name, sizeof(name)) < 0) {
		say("%s: no valid host name", HOSTNAME_FILE, 0);
		return;
	}
	if (sethostname(name, strlen(name)) < 0)
		say("sethostname %s", name, errno);
}

static void
set_environment(void)
{
	setenv("PATH", "/bin:/sbin", 1);
	setenv("HOME", "/root", 1);
	setenv("TERM", "vt100", 1);
}

/*
 * In the child: a new session whose controlling terminal is the
 * console, default signal state, then the console program.
 */
static void
exec_console_program(const sigset_t *child_mask)
{
	struct sigaction sa;
	int fd;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = SIG_DFL;
	for (int sig = 1; sig < NSIG; sig++)
		sigaction(sig, &sa, NULL);
	sigprocmask(SIG_SETMASK, child_mask, NULL);
	setsid();
	fd = open(CONSOLE, O_RDWR);
	if (fd < 0) {
		say("%s", CONSOLE, errno);
		_exit(127);
	}
	ioctl(fd, TIOCSCTTY, 0);
	for (int target = 0; target <= STDERR_FILENO; target++)
		if (fd != target)
			dup2(fd, target);
	if (fd > STDERR_FILENO)
		close(fd);
	execv(CONSOLE_PROGRAM, console_argv);
	say("exec %s", CONSOLE_PROGRAM, errno);
	_exit(127);
}

static pid_t
start_console_program(const sigset_t *child_mask)
{
	pid_t pid;

	say("starting %s", CONSOLE_PROGRAM_NAME, 0);
	pid = fork();
	if (pid < 0)
		say("fork", "", errno);
	else if (pid == 0)
		exec_console_program(child_mask);
	return pid;
}

/* Reap every exited child; returns 1 if console_pid was among them. */
static int
reap_children(pid_t console_pid)
{
	int status, console_died = 0;
	pid_t pid;

	while ((pid = waitpid(-1, &status, WNOHANG)) > 0)
		if (pid == console_pid)
			console_died = 1;
	return console_died;
}

/* Reap children until none is left, but for no longer than seconds. */
static void
wait_for_children(const sigset_t *waitmask, unsigned seconds)
{
	pid_t pid;

	alarm_rang = 0;
	alarm(seconds);
	while (!alarm_rang) {
		pid = waitpid(-1, NULL, WNOHANG);
		if (pid > 0)
			continue;
		if (pid < 0 && errno == ECHILD)
			break;
		sigsuspend(waitmask);
	}
	alarm(0);
}

static void
shut_down(enum shutdown_kind kind, const sigset_t *waitmask)
{
	say(kind == REBOOT ? "rebooting" : "powering off", "", 0);
	kill(-1, SIGTERM);
	kill(-1, SIGCONT);
	wait_for_children(waitmask, SHUTDOWN_GRACE_SECONDS);
	kill(-1, SIGKILL);
	wait_for_children(waitmask, SHUTDOWN_GRACE_SECONDS);
	sync();
	unmount_filesystems();
	sync();
	reboot(kind == REBOOT ? RB_AUTOBOOT : RB_POWER_OFF);
	say("reboot", "", errno);
	/* PID 1 must never exit: the kernel would panic. */
	for (;;)
		pause();
}

static void
usage(void)
{
	fprintf(stderr, "usage: init [single]\n"
	    "init: must be started by the kernel as process 1\n");
	exit(1);
}

int
main(int argc, char *argv[])
{
	sigset_t waitmask, child_mask;
	time_t started = 0;
	pid_t console_pid = -1;
	int delay_pending = 0, bad;

	if (getpid() != 1)
		usage();
	if ((bad = init_args_check(argc, argv)) != 0)
		say("ignoring argument '%s'", argv[bad], 0);
	umask(022);
	sigemptyset(&child_mask);
	setup_signals(&waitmask);
	mount_filesystems();
	open_console_stdio();
	set_hostname();
	set_environment();
	if (chdir("/") < 0)
		say("chdir /", "", errno);

	for (;;) {
		if (requested != RUNNING)
			shut_down(requested, &waitmask);
		if (alarm_rang) {
			alarm_rang = 0;
			delay_pending = 0;
		}
		if (reap_children(console_pid)) {
			unsigned delay = respawn_delay(started, time(NULL));
			say("%s exited", CONSOLE_PROGRAM_NAME, 0);
			console_pid = -1;
			if (delay) {
				delay_pending = 1;
				alarm(delay);
			}
		}
		if (console_pid < 0 && !delay_pending) {
			started = time(NULL);
			console_pid = start_console_program(&child_mask);
			if (console_pid < 0) {
				delay_pending = 1;
				alarm(RESPAWN_DELAY);
			}
		}
		sigsuspend(&waitmask);
	}
}
