/*
 * ctty.c - the controlling terminal: how a session gets one (a session
 * leader opening a terminal without O_NOCTTY, or TIOCSCTTY), what /dev/tty,
 * TIOCGSID and tcgetpgrp say, how TIOCNOTTY and the leader's exit take it
 * away (SIGHUP to the foreground group), and the SIGHUP + SIGCONT that an
 * orphaned process group with a stopped member receives.
 */
#include "jc.h"

static int has_ctty(void)
{
	int fd = open("/dev/tty", O_RDWR);

	if (fd == -1)
		return -errno;
	close(fd);
	return 1;
}

/* Run fn in a child and wait for it; fn prints its own checks. */
static void in_child(const char *name, void (*fn)(void))
{
	pid_t pid = jc_fork();
	int st;

	if (pid == 0) {
		fn();
		_exit(0);
	}
	jc_waitpid(pid, &st, 0);
	if (!WIFEXITED(st) || WEXITSTATUS(st))
		jc_say("FAIL %s: the test process %s", name, jc_status(st));
}

/* The jc_session shell opened the slave without O_NOCTTY. */
static void acquired_shell(int tty)
{
	pid_t sid = -1, other;
	int r;

	check("ctty-open-acquires", has_ctty() == 1, "open /dev/tty: %s",
	      strerror(-has_ctty()));
	r = ioctl(tty, TIOCGSID, &sid);
	check("ctty-tiocgsid", r == 0 && sid == getsid(0), "TIOCGSID %d (%s), want %d",
	      (int)sid, r ? strerror(errno) : "ok", (int)getsid(0));
	check("ctty-tcgetsid", tcgetsid(tty) == getsid(0), "tcgetsid %d",
	      (int)tcgetsid(tty));
	check("ctty-fg-is-leader", tcgetpgrp(tty) == getpgrp(), "tcgetpgrp %d, want %d",
	      (int)tcgetpgrp(tty), (int)getpgrp());
	signal(SIGTTOU, SIG_IGN);
	other = getppid();
	check_err("ctty-tcsetpgrp-other-session-eperm",
		  tcsetpgrp(tty, getpgid(other)), EPERM);
	check_err("ctty-tcsetpgrp-no-group-esrch", tcsetpgrp(tty, 0x3ffffff0), ESRCH);
	/* A child in the session reaches the terminal through /dev/tty. */
	other = jc_fork();
	if (other == 0)
		_exit(has_ctty() == 1 ? 0 : 1);
	jc_waitpid(other, &r, 0);
	check("ctty-child-inherits", WIFEXITED(r) && WEXITSTATUS(r) == 0,
	      "a child could not open /dev/tty");
}

/* A second terminal opened by a leader that has one does not replace it. */
static void second_shell(int tty)
{
	char name[64];
	int m, s;
	pid_t sid = 0;

	m = jc_open_master(name, sizeof(name));
	if (m == -1)
		return;
	s = open(name, O_RDWR);
	check_err("ctty-second-open-keeps-first", ioctl(s, TIOCGSID, &sid), ENOTTY);
	check("ctty-first-still", tcgetpgrp(tty) == getpgrp(), "tcgetpgrp %s",
	      strerror(errno));
	check_err("ctty-tcgetpgrp-not-ctty-enotty", tcgetpgrp(s), ENOTTY);
	check_err("ctty-tcsetpgrp-not-ctty-enotty", tcsetpgrp(s, getpgrp()), ENOTTY);
	close(s);
	close(m);
}

static char pty_name[64];
static int pty_slave = -1;

/* Another session cannot take a terminal that is someone's: EPERM. */
static void steal(void)
{
	setsid();
	check_err("ctty-sctty-taken-eperm", ioctl(pty_slave, TIOCSCTTY, 0), EPERM);
}

/* TIOCSCTTY by a process that is not a session leader: EPERM. */
static void not_leader(void)
{
	check_err("ctty-sctty-not-leader-eperm", ioctl(pty_slave, TIOCSCTTY, 0), EPERM);
}

/* A member that gives up the terminal keeps the session's. */
static void member_notty(void)
{
	int fd = open("/dev/tty", O_RDWR);

	check("ctty-member-has-tty", fd != -1, "open /dev/tty: %s", strerror(errno));
	check("ctty-member-notty", fd != -1 && ioctl(fd, TIOCNOTTY) == 0,
	      "TIOCNOTTY: %s", strerror(errno));
	check_err("ctty-member-notty-enxio", open("/dev/tty", O_RDWR), ENXIO);
}

/* After the leader's TIOCNOTTY a new session can take the terminal. */
static void take_over(void)
{
	pid_t sid = 0;

	setsid();
	check("ctty-sctty-after-release", ioctl(pty_slave, TIOCSCTTY, 0) == 0 &&
	      ioctl(pty_slave, TIOCGSID, &sid) == 0 && sid == getpid(),
	      "TIOCSCTTY: %s, TIOCGSID %d", strerror(errno), (int)sid);
}

/*
 * The leader of a new session opens the slave with O_NOCTTY (no terminal),
 * then takes it with TIOCSCTTY, lends it to a foreground group and gives it
 * up with TIOCNOTTY: the group gets SIGHUP and SIGCONT.
 */
static void sctty_leader(void)
{
	int ready[2], go[2], st, m;
	pid_t sid = 0, fg;

	if (setsid() == -1 || pipe(ready) == -1 || pipe(go) == -1)
		return;
	m = jc_open_master(pty_name, sizeof(pty_name));
	pty_slave = open(pty_name, O_RDWR | O_NOCTTY);
	check("ctty-noctty-open", pty_slave != -1 && m != -1, "open: %s",
	      strerror(errno));
	check_err("ctty-noctty-none-enxio", open("/dev/tty", O_RDWR), ENXIO);
	check_err("ctty-noctty-tiocgsid-enotty", ioctl(pty_slave, TIOCGSID, &sid),
		  ENOTTY);
	check("ctty-sctty", ioctl(pty_slave, TIOCSCTTY, 0) == 0, "TIOCSCTTY: %s",
	      strerror(errno));
	check("ctty-sctty-has-tty", has_ctty() == 1, "open /dev/tty: %s",
	      strerror(-has_ctty()));
	check("ctty-sctty-fg", tcgetpgrp(pty_slave) == getpgrp(), "tcgetpgrp %d",
	      (int)tcgetpgrp(pty_slave));
	check("ctty-sctty-again", ioctl(pty_slave, TIOCSCTTY, 0) == 0,
	      "TIOCSCTTY on its own terminal: %s", strerror(errno));
	in_child("ctty-steal", steal);
	in_child("ctty-not-leader", not_leader);
	in_child("ctty-member-notty", member_notty);
	check("ctty-leader-keeps", has_ctty() == 1, "open /dev/tty: %s",
	      strerror(-has_ctty()));
	signal(SIGTTOU, SIG_IGN);
	fg = jc_fork();
	if (fg == 0) {
		setpgid(0, 0);
		jc_block(SIGHUP, SIG_BLOCK);
		jc_block(SIGCONT, SIG_BLOCK);
		jc_post(ready[1]);
		jc_await(go[0]);
		check("ctty-notty-fg-sighup", jc_pending(SIGHUP), "no SIGHUP pending");
		check("ctty-notty-fg-sigcont", jc_pending(SIGCONT), "no SIGCONT pending");
		check_err("ctty-notty-fg-loses-tty", open("/dev/tty", O_RDWR), ENXIO);
		_exit(0);
	}
	setpgid(fg, fg);
	jc_await(ready[0]);
	tcsetpgrp(pty_slave, fg);
	check("ctty-leader-notty", ioctl(pty_slave, TIOCNOTTY) == 0, "TIOCNOTTY: %s",
	      strerror(errno));
	check_err("ctty-leader-notty-enxio", open("/dev/tty", O_RDWR), ENXIO);
	jc_post(go[1]);
	jc_waitpid(fg, &st, 0);
	in_child("ctty-take-over", take_over);
	close(m);
}

/*
 * The leader of a session exits while a group of its session is in the
 * foreground: that group gets SIGHUP and loses the terminal; a background
 * group does not get SIGHUP.
 */
static void leader_exit(void)
{
	int ready[2], go[2], done[2];
	pid_t leader;
	char c;
	int st;

	if (pipe(ready) == -1 || pipe(go) == -1 || pipe(done) == -1)
		return;
	leader = jc_fork();
	if (leader == 0) {
		pid_t kid[2];
		int tty;

		setsid();
		tty = open(pty_name, O_RDWR);
		signal(SIGTTOU, SIG_IGN);
		for (int i = 0; i < 2; i++) {
			kid[i] = jc_fork();
			if (kid[i] == 0) {
				setpgid(0, 0);
				jc_block(SIGHUP, SIG_BLOCK);
				jc_post(ready[1]);
				jc_await(go[0]);
				if (i == 0) {
					check("ctty-exit-fg-sighup", jc_pending(SIGHUP),
					      "no SIGHUP pending");
					check_err("ctty-exit-fg-loses-tty",
						  open("/dev/tty", O_RDWR), ENXIO);
				} else {
					check("ctty-exit-bg-no-sighup",
					      !jc_pending(SIGHUP), "SIGHUP pending");
				}
				_exit(0);
			}
			setpgid(kid[i], kid[i]);
			jc_await(ready[0]);
		}
		check("ctty-exit-setup", tty != -1 && tcsetpgrp(tty, kid[0]) == 0,
		      "open or tcsetpgrp: %s", strerror(errno));
		_exit(0);
	}
	close(done[1]);
	jc_waitpid(leader, &st, 0);
	/* The leader is gone; both children may look now. */
	jc_post(go[1]);
	jc_post(go[1]);
	close(go[1]);
	close(ready[1]);
	while (jc_readable(done[0], JC_LIMIT_MS) && read(done[0], &c, 1) > 0)
		;
	close(done[0]);
}

/* The pty for the leader's exit: a fresh one, nobody's terminal yet. */
static void leader_exit_test(void)
{
	int m = jc_open_master(pty_name, sizeof(pty_name));

	if (m == -1)
		return;
	leader_exit();
	close(m);
}

/*
 * An orphaned process group with a stopped member: when the last process
 * that tied the group to its session (the stopped member's parent) exits,
 * the kernel sends SIGHUP and then SIGCONT to the group.
 */
static int report[2];

static void note_hup(int sig)
{
	(void)sig;
	(void)!write(report[1], "H", 1);
}

static void note_cont(int sig)
{
	(void)sig;
	(void)!write(report[1], "C", 1);
}

static void orphan_test(void)
{
	int gone[2], st;
	pid_t mid, leader;
	char buf[16];
	size_t n;

	if (pipe(report) == -1 || pipe(gone) == -1)
		return;
	leader = jc_fork();
	if (leader == 0) {
		setsid();
		mid = jc_fork();
		if (mid == 0) {
			pid_t stopped;

			setpgid(0, 0);
			stopped = jc_fork();
			if (stopped == 0) {
				jc_handle(SIGHUP, note_hup, 0);
				jc_handle(SIGCONT, note_cont, 0);
				raise(SIGSTOP);
				(void)!write(report[1], "E", 1);
				_exit(0);
			}
			jc_waitpid(stopped, &st, WUNTRACED);
			_exit(WIFSTOPPED(st) ? 0 : 1);
		}
		setpgid(mid, mid);
		(void)!write(gone[1], &mid, sizeof(mid));
		jc_waitpid(mid, &st, 0);
		_exit(WIFEXITED(st) ? WEXITSTATUS(st) : 2);
	}
	close(report[1]);
	close(gone[1]);
	mid = 0;
	(void)!read(gone[0], &mid, sizeof(mid));
	jc_waitpid(leader, &st, 0);
	check("orphan-member-stopped", WIFEXITED(st) && WEXITSTATUS(st) == 0,
	      "the group's parent %s (1: member not stopped)", jc_status(st));
	n = jc_read_n(report[0], buf, 3);
	check("orphan-sighup", memchr(buf, 'H', n) != 0, "handlers saw \"%s\"",
	      jc_vis(buf, n));
	check("orphan-sigcont", memchr(buf, 'C', n) != 0, "handlers saw \"%s\"",
	      jc_vis(buf, n));
	check("orphan-resumed", memchr(buf, 'E', n) != 0, "the member saw \"%s\"",
	      jc_vis(buf, n));
	if (n < 3 && mid > 0)
		kill(-mid, SIGKILL);
	close(report[0]);
	close(gone[0]);
}

int main(void)
{
	jc_session("ctty-acquired", acquired_shell);
	jc_session("ctty-second", second_shell);
	in_child("ctty-sctty", sctty_leader);
	in_child("ctty-leader-exit", leader_exit_test);
	orphan_test();
	return 0;
}
