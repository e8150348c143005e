/*
 * termios.c - the line discipline of a pseudo-terminal slave, seen from the
 * master the way a terminal emulator sees it: canonical editing, end of
 * file, raw mode with VMIN/VTIME, echo, input and output translation,
 * flushing, FIONREAD and the window size with its SIGWINCH.  Most checks
 * use a fresh pair that is nobody's controlling terminal.
 */
#include "jc.h"

static int m = -1, s = -1;

/* A fresh pair with the lflag bits clear and set changed (iflag, oflag too). */
static int fresh(tcflag_t lclear, tcflag_t lset, tcflag_t iclear, tcflag_t oclear)
{
	struct termios t;

	if (m != -1) {
		close(m);
		close(s);
	}
	if (jc_open_pair(&m, &s) == -1)
		return -1;
	tcgetattr(s, &t);
	t.c_lflag = (t.c_lflag & ~lclear) | lset;
	t.c_iflag &= ~iclear;
	t.c_oflag &= ~oclear;
	return tcsetattr(s, TCSANOW, &t);
}

/* Type in, then the slave must read exactly want (one read call). */
static void line_case(const char *name, const char *in, size_t inlen,
		      const char *want, size_t wantlen)
{
	char buf[256];
	ssize_t n;

	jc_type(m, in, inlen);
	n = jc_read_some(s, buf, sizeof(buf) - 1);
	check(name, n == (ssize_t)wantlen && memcmp(buf, want, wantlen) == 0,
	      "read %zd \"%s\", want \"%s\"", n, n > 0 ? jc_vis(buf, n) : "",
	      jc_vis(want, wantlen));
}

#define LINE(name, in, want) line_case(name, in, sizeof(in) - 1, want, sizeof(want) - 1)

/* The master must show exactly want next. */
static void screen_case(const char *name, const char *want, size_t len)
{
	char buf[256];
	size_t n = jc_read_n(m, buf, len);

	check(name, n == len && memcmp(buf, want, len) == 0,
	      "screen \"%s\", want \"%s\"", jc_vis(buf, n), jc_vis(want, len));
}

#define SCREEN(name, want) screen_case(name, want, sizeof(want) - 1)

static void defaults(void)
{
	struct termios t;

	if (fresh(0, 0, 0, 0) == -1 || tcgetattr(s, &t) == -1) {
		check("termios-defaults", 0, "tcgetattr: %s", strerror(errno));
		return;
	}
	check("termios-default-lflag", (t.c_lflag & (ICANON | ECHO | ISIG | IEXTEN |
	      ECHOE | ECHOK | ECHOCTL | ECHOKE)) == (ICANON | ECHO | ISIG | IEXTEN |
	      ECHOE | ECHOK | ECHOCTL | ECHOKE), "c_lflag 0x%x", t.c_lflag);
	check("termios-default-iflag", (t.c_iflag & ICRNL) != 0, "c_iflag 0x%x",
	      t.c_iflag);
	check("termios-default-oflag", (t.c_oflag & (OPOST | ONLCR)) == (OPOST | ONLCR),
	      "c_oflag 0x%x", t.c_oflag);
	check("termios-default-cc", t.c_cc[VINTR] == 3 && t.c_cc[VQUIT] == 0x1c &&
	      t.c_cc[VERASE] == 0x7f && t.c_cc[VKILL] == 0x15 && t.c_cc[VEOF] == 4 &&
	      t.c_cc[VSUSP] == 0x1a && t.c_cc[VWERASE] == 0x17 && t.c_cc[VMIN] == 1 &&
	      t.c_cc[VTIME] == 0, "VINTR %d VQUIT %d VERASE %d VKILL %d VEOF %d "
	      "VSUSP %d VWERASE %d VMIN %d VTIME %d", t.c_cc[VINTR], t.c_cc[VQUIT],
	      t.c_cc[VERASE], t.c_cc[VKILL], t.c_cc[VEOF], t.c_cc[VSUSP],
	      t.c_cc[VWERASE], t.c_cc[VMIN], t.c_cc[VTIME]);
	check("termios-master-tcgetattr", tcgetattr(m, &t) == 0, "tcgetattr(master): %s",
	      strerror(errno));
	check("termios-isatty", isatty(s) && isatty(m), "isatty slave %d master %d",
	      isatty(s), isatty(m));
}

static void canonical(void)
{
	char buf[16];
	ssize_t n;

	fresh(ECHO, 0, 0, 0);
	LINE("canon-erase", "abc\x7f\x7f" "d\n", "ad\n");
	LINE("canon-erase-empty", "\x7f\x7f" "x\n", "x\n");
	LINE("canon-kill", "abc\x15xyz\n", "xyz\n");
	LINE("canon-werase", "foo bar\x17" "baz\n", "foo baz\n");
	LINE("canon-werase-spaces", "foo bar  \x17\x17" "q\n", "q\n");
	LINE("canon-eof-midline", "ab\x04", "ab");
	jc_type(m, "\x04", 1);
	n = jc_read_some(s, buf, sizeof(buf) - 1);
	check("canon-eof-at-start", n == 0, "read returned %zd, want 0", n);
	LINE("canon-icrnl", "ab\r", "ab\n");
	/* A short read takes the line in pieces. */
	jc_type(m, "hello\n", 6);
	n = jc_read_some(s, buf, 3);
	check("canon-short-read", n == 3 && memcmp(buf, "hel", 3) == 0, "first read %zd",
	      n);
	n = jc_read_some(s, buf, sizeof(buf) - 1);
	check("canon-short-read-rest", n == 3 && memcmp(buf, "lo\n", 3) == 0,
	      "second read %zd \"%s\"", n, n > 0 ? jc_vis(buf, n) : "");
	/* Two lines typed at once come back one per read. */
	jc_type(m, "one\ntwo\n", 8);
	n = jc_read_some(s, buf, sizeof(buf) - 1);
	check("canon-one-line-per-read", n == 4 && memcmp(buf, "one\n", 4) == 0,
	      "read %zd \"%s\"", n, n > 0 ? jc_vis(buf, n) : "");
	n = jc_read_some(s, buf, sizeof(buf) - 1);
	check("canon-second-line", n == 4, "read %zd", n);
	/* A partial line is not readable. */
	jc_type(m, "partial", 7);
	{
		struct pollfd p = { .fd = s, .events = POLLIN };

		check("canon-partial-not-readable", poll(&p, 1, 0) == 0,
		      "poll says readable (revents 0x%x)", p.revents);
	}
	jc_type(m, "\n", 1);
	n = jc_read_some(s, buf, sizeof(buf) - 1);
	check("canon-partial-completed", n == 8, "read %zd", n);
	fresh(ECHO, 0, ICRNL, 0);
	LINE("canon-no-icrnl", "ab\rc\n", "ab\rc\n");
}

static void echo(void)
{
	char buf[64];
	ssize_t n;

	fresh(0, 0, 0, 0);
	jc_type(m, "hi\n", 3);
	SCREEN("echo-on", "hi\r\n");
	jc_read_some(s, buf, sizeof(buf));
	jc_type(m, "ab\x7f" "c\n", 5);
	SCREEN("echo-erase", "ab\b \bc\r\n");
	jc_read_some(s, buf, sizeof(buf));
	jc_type(m, "\x03", 1);
	SCREEN("echo-ctl-intr", "^C");
	jc_type(m, "x\x01y\n", 4);
	SCREEN("echo-ctl-char", "x^Ay\r\n");
	n = jc_read_some(s, buf, sizeof(buf));
	check("echo-ctl-char-read", n == 4 && buf[1] == 1, "read %zd \"%s\"", n,
	      n > 0 ? jc_vis(buf, n) : "");
	fresh(ECHO, 0, 0, 0);
	jc_type(m, "secret\n", 7);
	n = jc_read_some(s, buf, sizeof(buf));
	check("echo-off-read", n == 7, "read %zd", n);
	(void)!write(s, "M", 1);
	SCREEN("echo-off-silent", "M");
	fresh(ECHO, ECHONL, 0, 0);
	jc_type(m, "quiet\n", 6);
	SCREEN("echo-echonl", "\r\n");
	jc_read_some(s, buf, sizeof(buf));
}

static void output(void)
{
	fresh(0, 0, 0, 0);
	(void)!write(s, "x\ny\n", 4);
	SCREEN("output-onlcr", "x\r\ny\r\n");
	fresh(0, 0, 0, ONLCR);
	(void)!write(s, "x\n", 2);
	SCREEN("output-no-onlcr", "x\n");
	fresh(0, 0, 0, OPOST);
	(void)!write(s, "z\n", 2);
	SCREEN("output-no-opost", "z\n");
}

/* A reader in raw mode: VMIN and VTIME decide when read returns. */
static void raw_set(int vmin, int vtime)
{
	struct termios t;

	tcgetattr(s, &t);
	t.c_lflag &= ~(ICANON | ECHO | ISIG | IEXTEN);
	t.c_iflag &= ~(ICRNL | IXON);
	t.c_cc[VMIN] = vmin;
	t.c_cc[VTIME] = vtime;
	tcsetattr(s, TCSAFLUSH, &t);
}

static void raw(void)
{
	char buf[64];
	ssize_t n;
	pid_t pid;
	int st, r;

	fresh(0, 0, 0, 0);
	raw_set(1, 0);
	jc_type(m, "x", 1);
	n = jc_read_some(s, buf, sizeof(buf));
	check("raw-vmin1", n == 1 && buf[0] == 'x', "read %zd", n);
	jc_type(m, "\x03\x1a\r", 3);
	n = jc_read_n(s, buf, 3);
	check("raw-no-isig-no-icrnl", n == 3 && memcmp(buf, "\x03\x1a\r", 3) == 0,
	      "read %zd \"%s\"", n, jc_vis(buf, n));
	raw_set(0, 0);
	n = jc_guarded_read(s, buf, sizeof(buf));
	check("raw-vmin0-vtime0-empty", n == 0, "read %zd (%s)", n, strerror(errno));
	raw_set(0, 2);
	n = jc_guarded_read(s, buf, sizeof(buf));
	check("raw-vtime-timeout", n == 0, "read %zd (%s)", n, strerror(errno));
	jc_type(m, "q", 1);
	jc_readable(s, JC_LIMIT_MS);
	n = jc_guarded_read(s, buf, sizeof(buf));
	check("raw-vtime-data", n == 1, "read %zd (%s)", n, strerror(errno));
	raw_set(5, 1);
	jc_type(m, "ab", 2);
	n = jc_guarded_read(s, buf, sizeof(buf));
	check("raw-vmin-vtime-interbyte", n == 2, "read %zd (%s)", n, strerror(errno));
	/* VMIN 3: one read returns all three bytes typed one by one. */
	raw_set(3, 0);
	pid = jc_fork();
	if (pid == 0) {
		n = jc_guarded_read(s, buf, sizeof(buf));
		_exit(n == 3 ? 0 : n < 0 ? 100 : (int)n);
	}
	jc_wait_sleeping(pid);
	jc_type(m, "a", 1);
	jc_type(m, "b", 1);
	jc_type(m, "c", 1);
	r = jc_waitpid(pid, &st, 0);
	check("raw-vmin3", r == pid && WIFEXITED(st) && WEXITSTATUS(st) == 0,
	      "reader %s (status: bytes read)", jc_status(st));
}

static void flush(void)
{
	char buf[64];
	struct termios t;
	int n = -1;

	fresh(ECHO, 0, 0, 0);
	jc_type(m, "abc\n", 4);
	jc_readable(s, JC_LIMIT_MS);
	check("fionread-canon", ioctl(s, FIONREAD, &n) == 0 && n == 4,
	      "FIONREAD %d (%s)", n, strerror(errno));
	tcgetattr(s, &t);
	check("tcsetsf", ioctl(s, TCSETSF, &t) == 0, "TCSETSF: %s", strerror(errno));
	n = -1;
	ioctl(s, FIONREAD, &n);
	check("tcsetsf-flushed-fionread", n == 0, "FIONREAD %d after TCSETSF", n);
	LINE("tcsetsf-flushed", "ok\n", "ok\n");
	jc_type(m, "junk\n", 5);
	jc_readable(s, JC_LIMIT_MS);
	check("tcflush", tcflush(s, TCIFLUSH) == 0, "tcflush: %s", strerror(errno));
	LINE("tcflush-flushed", "good\n", "good\n");
	(void)!write(s, "hello", 5);
	jc_readable(m, JC_LIMIT_MS);
	n = -1;
	check("fionread-master", ioctl(m, FIONREAD, &n) == 0 && n == 5,
	      "FIONREAD %d (%s)", n, strerror(errno));
	jc_read_n(m, buf, 5);
	raw_set(1, 0);
	jc_type(m, "xyz", 3);
	jc_readable(s, JC_LIMIT_MS);
	n = -1;
	check("fionread-raw", ioctl(s, FIONREAD, &n) == 0 && n == 3,
	      "FIONREAD %d (%s)", n, strerror(errno));
}

/* The terminal's emulator resizes the window: the foreground group learns. */
static void winch_shell(int tty)
{
	struct winsize ws = { 0 };
	int ready[2], go[2], st;
	pid_t fg;

	if (pipe(ready) == -1 || pipe(go) == -1)
		return;
	signal(SIGTTOU, SIG_IGN);
	fg = jc_fork();
	if (fg == 0) {
		sigset_t set;

		setpgid(0, 0);
		jc_block(SIGWINCH, SIG_BLOCK);
		jc_post(ready[1]);
		jc_await(go[0]);
		check("winch-fg-signalled", jc_pending(SIGWINCH), "no SIGWINCH pending");
		struct timespec limit = { JC_GUARD_S, 0 };

		sigemptyset(&set);
		sigaddset(&set, SIGWINCH);
		sigtimedwait(&set, 0, &limit);
		jc_post(ready[1]);
		jc_await(go[0]);
		check("winch-same-size-silent", !jc_pending(SIGWINCH),
		      "SIGWINCH for an unchanged size");
		_exit(0);
	}
	setpgid(fg, fg);
	jc_await(ready[0]);
	tcsetpgrp(tty, fg);
	jc_block(SIGWINCH, SIG_BLOCK);
	ws.ws_row = 33;
	ws.ws_col = 101;
	check("winch-tiocswinsz", ioctl(tty, TIOCSWINSZ, &ws) == 0, "TIOCSWINSZ: %s",
	      strerror(errno));
	memset(&ws, 0, sizeof(ws));
	check("winch-tiocgwinsz", ioctl(tty, TIOCGWINSZ, &ws) == 0 && ws.ws_row == 33 &&
	      ws.ws_col == 101, "TIOCGWINSZ %ux%u", ws.ws_row, ws.ws_col);
	check("winch-shell-not-signalled", !jc_pending(SIGWINCH),
	      "the background shell got SIGWINCH");
	jc_post(go[1]);
	jc_await(ready[0]);
	ws.ws_row = 33;
	ws.ws_col = 101;
	ioctl(tty, TIOCSWINSZ, &ws);
	jc_post(go[1]);
	jc_waitpid(fg, &st, 0);
	tcsetpgrp(tty, getpgrp());
}

/* The master's TIOCSWINSZ resizes the slave. */
static void winsize_master(void)
{
	struct winsize ws = { .ws_row = 50, .ws_col = 132 }, got = { 0 };

	fresh(0, 0, 0, 0);
	check("winsize-master-set", ioctl(m, TIOCSWINSZ, &ws) == 0, "TIOCSWINSZ: %s",
	      strerror(errno));
	check("winsize-slave-sees", ioctl(s, TIOCGWINSZ, &got) == 0 &&
	      got.ws_row == 50 && got.ws_col == 132, "slave TIOCGWINSZ %ux%u",
	      got.ws_row, got.ws_col);
}

int main(void)
{
	defaults();
	canonical();
	echo();
	output();
	raw();
	flush();
	winsize_master();
	jc_session("winch", winch_shell);
	close(m);
	close(s);
	return 0;
}
