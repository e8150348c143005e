/*
 * init: process 1.  It sets up the system (pseudo filesystems, host
 * name, environment), keeps one program running on each terminal that
 * /etc/inittab names (without the file: a root shell on the console),
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
#include <stdarg.h>
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
#define INITTAB_FILE "/etc/inittab"
#define INITTAB_SIZE_MAX 4096
/* How long processes get to exit after SIGTERM before SIGKILL. */
#define SHUTDOWN_GRACE_SECONDS 2
/* A terminal between two programs belongs to root, as login expects. */
#define TERMINAL_MODE 0600
#define LABEL_MAX 96
#define MESSAGE_MAX 256

/*
 * Without /etc/inittab: a root login shell on the console.  The users
 * work switches to the inittab that runs /bin/login on each terminal.
 */
#define DEFAULT_PROGRAM "/bin/sh"
#define DEFAULT_LABEL "shell"
static char *const default_argv[] = { "-sh", "-l", NULL };

/* One terminal and the program init keeps running on it. */
struct terminal {
	const char *tty;		/* device path */
	const char *program;		/* what to execute */
	char *const *argv;
	char label[LABEL_MAX];		/* for messages */
	pid_t pid;			/* 0 while not running */
	struct respawn history;
	time_t respawn_at;		/* not before this (monotonic seconds) */
	int disabled;			/* could not be opened: left alone */
};

static struct terminal terminals[INITTAB_MAX_ENTRIES];
static int nterminals;
static char inittab_text[INITTAB_SIZE_MAX + 1];
static struct inittab_entry inittab[INITTAB_MAX_ENTRIES];

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
	{ "tmpfs", "/dev/shm", "tmpfs", MS_NOSUID | MS_NODEV, "mode=1777", 01777, 1, 0 },
	{ "mqueue", "/dev/mqueue", "mqueue", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL, 0755, 1, 0 },
	{ "debugfs", "/sys/kernel/debug", "debugfs", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL, 0700, 0, 0 },
};
#define NMOUNTS (sizeof(mounts) / sizeof(mounts[0]))

enum shutdown_kind { RUNNING, POWER_OFF, REBOOT };

static volatile sig_atomic_t requested = RUNNING;
static volatile sig_atomic_t alarm_rang;

/*
 * One line on the console, written at once: the programs on the console
 * write too, and a message cut by a prompt is hard to read.
 */
static void
tell(const char *fmt, ...)
{
	char line[MESSAGE_MAX];
	va_list ap;
	int n = snprintf(line, sizeof(line), "init: ");

	va_start(ap, fmt);
	n += vsnprintf(line + n, sizeof(line) - n, fmt, ap);
	va_end(ap);
	if (n > (int)sizeof(line) - 1)
		n = sizeof(line) - 1;
	line[n++] = '\n';
	write(STDERR_FILENO, line, n);
}

static void
say(const char *fmt, const char *arg, int err)
{
	char what[MESSAGE_MAX];

	snprintf(what, sizeof(what), fmt, arg);
	if (err)
		tell("%s: %s", what, strerror(err));
	else
		tell("%s", what);
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

static time_t
monotonic_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec;
}

static void
complain_inittab(void *ctx, int line, const char *why)
{
	(void)ctx;
	tell("%s:%d: %s; line skipped", INITTAB_FILE, line, why);
}

/* Read /etc/inittab into inittab_text: its length, or -1 (told why). */
static ssize_t
read_inittab(void)
{
	size_t len = 0;
	ssize_t n = 0;
	char more;
	int fd = open(INITTAB_FILE, O_RDONLY);

	if (fd < 0) {
		if (errno != ENOENT)
			say("%s", INITTAB_FILE, errno);
		return -1;
	}
	while (len < INITTAB_SIZE_MAX &&
	    (n = read(fd, inittab_text + len, INITTAB_SIZE_MAX - len)) > 0)
		len += n;
	if (n < 0) {
		say("read %s", INITTAB_FILE, errno);
		close(fd);
		return -1;
	}
	if (len == INITTAB_SIZE_MAX && read(fd, &more, 1) > 0) {
		tell("%s: longer than %d bytes, ignored", INITTAB_FILE, INITTAB_SIZE_MAX);
		close(fd);
		return -1;
	}
	close(fd);
	inittab_text[len] = '\0';
	return len;
}

static void
add_terminal(const char *tty, const char *program, char *const *argv, const char *label)
{
	struct terminal *t = &terminals[nterminals++];

	t->tty = tty;
	t->program = program;
	t->argv = argv;
	snprintf(t->label, sizeof(t->label), "%s", label);
}

/* The terminals from /etc/inittab, or the console alone without it. */
static void
setup_terminals(void)
{
	char label[LABEL_MAX];
	int n = 0;

	if (read_inittab() >= 0) {
		n = inittab_parse(inittab_text, inittab, INITTAB_MAX_ENTRIES,
		    complain_inittab, NULL);
		if (n == 0)
			say("%s: no terminals; using the console", INITTAB_FILE, 0);
	}
	for (int i = 0; i < n; i++) {
		snprintf(label, sizeof(label), "%s on %s", inittab[i].argv[0], inittab[i].tty);
		add_terminal(inittab[i].tty, inittab[i].argv[0], inittab[i].argv, label);
	}
	if (n == 0)
		add_terminal(CONSOLE, DEFAULT_PROGRAM, default_argv, DEFAULT_LABEL);
}

/*
 * In the child: a new session whose controlling terminal is t's
 * (taken from any session still holding it: init owns the terminals),
 * default signal state, then t's program.
 */
static void
exec_terminal_program(const struct terminal *t, const sigset_t *child_mask)
{
	struct sigaction sa;
	int fd;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = SIG_DFL;
	for (int sig = 1; sig < NSIG; sig++)
		sigaction(sig, &sa, NULL);
	sigprocmask(SIG_SETMASK, child_mask, NULL);
	setsid();
	fd = open(t->tty, O_RDWR);
	if (fd < 0) {
		say("%s", t->tty, errno);
		_exit(127);
	}
	if (ioctl(fd, TIOCSCTTY, 1) < 0) {
		say("%s: cannot become the controlling terminal", t->tty, errno);
		_exit(127);
	}
	for (int target = 0; target <= STDERR_FILENO; target++)
		if (fd != target)
			dup2(fd, target);
	if (fd > STDERR_FILENO)
		close(fd);
	execv(t->program, t->argv);
	say("exec %s", t->program, errno);
	_exit(127);
}

/*
 * A terminal that cannot be opened (no such device: the machine has no
 * second console) is told once and left alone, not retried forever.
 */
static int
terminal_present(struct terminal *t)
{
	int fd = open(t->tty, O_RDWR | O_NOCTTY | O_NONBLOCK);

	if (fd < 0) {
		tell("%s: %s; not starting %s there", t->tty, strerror(errno), t->program);
		t->disabled = 1;
		return 0;
	}
	close(fd);
	return 1;
}

static void
start_terminal(struct terminal *t, const sigset_t *child_mask, time_t now)
{
	pid_t pid;

	if (!terminal_present(t))
		return;
	say("starting %s", t->label, 0);
	t->history.started = now;
	pid = fork();
	if (pid < 0) {
		say("fork", "", errno);
		t->respawn_at = now + RESPAWN_DELAY;
	} else if (pid == 0) {
		exec_terminal_program(t, child_mask);
	} else {
		t->pid = pid;
	}
}

/* Start every terminal's program that is due; seconds to the next due. */
static unsigned
start_due_terminals(const sigset_t *child_mask)
{
	time_t now = monotonic_seconds();
	unsigned next = 0;

	for (int i = 0; i < nterminals; i++) {
		struct terminal *t = &terminals[i];

		if (t->pid == 0 && !t->disabled && t->respawn_at <= now)
			start_terminal(t, child_mask, now);
		if (t->pid == 0 && !t->disabled) {
			unsigned wait = t->respawn_at - now;
			if (next == 0 || wait < next)
				next = wait;
		}
	}
	return next;
}

/*
 * The terminal's program ended: the terminal goes back to root (login
 * gave it to the user) and the program is due again, later if it keeps
 * ending at once.  Each terminal has its own history and its own delay.
 */
static void
terminal_ended(struct terminal *t)
{
	time_t now = monotonic_seconds();
	unsigned delay = respawn_delay(&t->history, now);

	say("%s exited", t->label, 0);
	t->pid = 0;
	if (chown(t->tty, 0, 0) < 0)
		say("chown %s", t->tty, errno);
	if (chmod(t->tty, TERMINAL_MODE) < 0)
		say("chmod %s", t->tty, errno);
	if (delay)
		tell("%s ended at once %u times in a row; starting it again in %u s",
		    t->label, t->history.fast_exits, delay);
	t->respawn_at = now + delay;
}

/* Reap every exited child; a terminal's program is started again later. */
static void
reap_children(void)
{
	int status;
	pid_t pid;

	while ((pid = waitpid(-1, &status, WNOHANG)) > 0)
		for (int i = 0; i < nterminals; i++)
			if (terminals[i].pid == pid)
				terminal_ended(&terminals[i]);
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
	int bad;

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
	setup_terminals();

	for (;;) {
		if (requested != RUNNING)
			shut_down(requested, &waitmask);
		reap_children();
		/* SIGALRM wakes the sigsuspend when a delayed start is due. */
		alarm(start_due_terminals(&child_mask));
		sigsuspend(&waitmask);
	}
}
