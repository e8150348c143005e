/*
 * term.c - terminals and pseudo-terminals over the kernel's termios
 * ioctls.  The line speed is the CBAUD field of c_cflag (input and output
 * speed are the same field, as on Linux without CIBAUD).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pty.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>

#define PASS_MAX_LEN 128

int tcgetattr(int fd, struct termios *t)
{
	return ioctl(fd, TCGETS, t);
}

int tcsetattr(int fd, int action, const struct termios *t)
{
	switch (action) {
	case TCSANOW:
		return ioctl(fd, TCSETS, t);
	case TCSADRAIN:
		return ioctl(fd, TCSETSW, t);
	case TCSAFLUSH:
		return ioctl(fd, TCSETSF, t);
	}
	errno = EINVAL;
	return -1;
}

int tcdrain(int fd)
{
	return ioctl(fd, TCSBRK, 1);
}

int tcflow(int fd, int action)
{
	return ioctl(fd, TCXONC, action);
}

int tcflush(int fd, int queue)
{
	return ioctl(fd, TCFLSH, queue);
}

int tcsendbreak(int fd, int duration)
{
	(void)duration;
	return ioctl(fd, TCSBRK, 0);
}

pid_t tcgetpgrp(int fd)
{
	pid_t pgrp;

	if (ioctl(fd, TIOCGPGRP, &pgrp) < 0)
		return -1;
	return pgrp;
}

int tcsetpgrp(int fd, pid_t pgrp)
{
	return ioctl(fd, TIOCSPGRP, &pgrp);
}

pid_t tcgetsid(int fd)
{
	pid_t sid;

	if (ioctl(fd, TIOCGSID, &sid) < 0)
		return -1;
	return sid;
}

void cfmakeraw(struct termios *t)
{
	t->c_iflag &= ~(IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR | IGNCR |
			ICRNL | IXON);
	t->c_oflag &= ~OPOST;
	t->c_lflag &= ~(ECHO | ECHONL | ICANON | ISIG | IEXTEN);
	t->c_cflag &= ~(CSIZE | PARENB);
	t->c_cflag |= CS8;
	t->c_cc[VMIN] = 1;
	t->c_cc[VTIME] = 0;
}

speed_t cfgetospeed(const struct termios *t)
{
	return t->c_cflag & CBAUD;
}

speed_t cfgetispeed(const struct termios *t)
{
	return cfgetospeed(t);
}

int cfsetospeed(struct termios *t, speed_t speed)
{
	if (speed & ~CBAUD) {
		errno = EINVAL;
		return -1;
	}
	t->c_cflag = (t->c_cflag & ~CBAUD) | speed;
	return 0;
}

/* Input speed 0 means "same as output"; the field is shared anyway. */
int cfsetispeed(struct termios *t, speed_t speed)
{
	return speed ? cfsetospeed(t, speed) : 0;
}

int cfsetspeed(struct termios *t, speed_t speed)
{
	return cfsetospeed(t, speed);
}

int isatty(int fd)
{
	struct termios t;

	return ioctl(fd, TCGETS, &t) == 0;
}

/* Looks in folder for the character device rdev; 0 when found. */
static int find_device(const char *folder, dev_t rdev, char *buf, size_t len)
{
	struct dirent *de;
	struct stat st;
	DIR *d = opendir(folder);
	int r = ENODEV;

	if (!d)
		return ENODEV;
	while (r && (de = readdir(d)) != 0) {
		if ((size_t)snprintf(buf, len, "%s/%s", folder, de->d_name) >= len)
			continue;
		if (stat(buf, &st) == 0 && S_ISCHR(st.st_mode) &&
		    st.st_rdev == rdev)
			r = 0;
	}
	closedir(d);
	return r;
}

/* Is the file called name the terminal whose status is *tty? */
static int names_tty(const char *name, const struct stat *tty)
{
	struct stat st;

	return name[0] == '/' && stat(name, &st) == 0 && S_ISCHR(st.st_mode) &&
	       st.st_ino == tty->st_ino && st.st_dev == tty->st_dev;
}

/*
 * The name behind /proc/self/fd/N when it is indeed the terminal (it is
 * stat'ed to make sure), or else the device file in /dev/pts or /dev with
 * the terminal's device number, as glibc does.
 */
int ttyname_r(int fd, char *buf, size_t len)
{
	char link[32], name[PATH_MAX];
	struct stat st;
	ssize_t n;

	if (!isatty(fd))
		return errno;
	if (fstat(fd, &st) < 0)
		return errno;
	snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	n = readlink(link, name, sizeof(name) - 1);
	if (n >= 0) {
		name[n] = '\0';
		if (names_tty(name, &st)) {
			if ((size_t)n + 1 > len)
				return ERANGE;
			memcpy(buf, name, (size_t)n + 1);
			return 0;
		}
	}
	if (find_device("/dev/pts", st.st_rdev, name, sizeof(name)) == 0 ||
	    find_device("/dev", st.st_rdev, name, sizeof(name)) == 0) {
		if (strlen(name) + 1 > len)
			return ERANGE;
		strcpy(buf, name);
		return 0;
	}
	return ENODEV;
}

char *ttyname(int fd)
{
	static char name[TTY_NAME_MAX + 32];
	int r = ttyname_r(fd, name, sizeof(name));

	if (r) {
		errno = r;
		return 0;
	}
	return name;
}

int posix_openpt(int flags)
{
	return open("/dev/ptmx", flags);
}

/* devpts gives the slave the right owner and mode already. */
int grantpt(int fd)
{
	unsigned int n;

	return ioctl(fd, TIOCGPTN, &n) < 0 ? -1 : 0;
}

int unlockpt(int fd)
{
	int unlock = 0;

	return ioctl(fd, TIOCSPTLCK, &unlock);
}

int ptsname_r(int fd, char *buf, size_t len)
{
	unsigned int n;

	if (ioctl(fd, TIOCGPTN, &n) < 0)
		return errno;
	if ((size_t)snprintf(buf, len, "/dev/pts/%u", n) >= len)
		return ERANGE;
	return 0;
}

char *ptsname(int fd)
{
	static char name[32];
	int r = ptsname_r(fd, name, sizeof(name));

	if (r) {
		errno = r;
		return 0;
	}
	return name;
}

int openpty(int *master, int *slave, char *name, const struct termios *t,
	    const struct winsize *ws)
{
	char path[32];
	int m, s;

	m = posix_openpt(O_RDWR | O_NOCTTY);
	if (m < 0)
		return -1;
	if (grantpt(m) < 0 || unlockpt(m) < 0 ||
	    ptsname_r(m, path, sizeof(path)) != 0)
		goto fail;
	s = open(path, O_RDWR | O_NOCTTY);
	if (s < 0)
		goto fail;
	if (t)
		tcsetattr(s, TCSANOW, t);
	if (ws)
		ioctl(s, TIOCSWINSZ, ws);
	if (name)
		strcpy(name, path);
	*master = m;
	*slave = s;
	return 0;
fail:
	close(m);
	return -1;
}

/*
 * getpass(): prompt on /dev/tty (or stderr/stdin without one) and read a
 * line with echo turned off.
 */
char *getpass(const char *prompt)
{
	static char buf[PASS_MAX_LEN + 1];
	struct termios old, noecho;
	int fd = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);
	int in = fd >= 0 ? fd : 0, out = fd >= 0 ? fd : 2;
	int have_tty = tcgetattr(in, &old) == 0;
	size_t n = 0;
	char c;

	if (have_tty) {
		noecho = old;
		noecho.c_lflag &= ~(ECHO | ISIG);
		noecho.c_lflag |= ICANON;
		tcsetattr(in, TCSAFLUSH, &noecho);
	}
	write(out, prompt, strlen(prompt));
	while (read(in, &c, 1) == 1 && c != '\n') {
		if (n < PASS_MAX_LEN)
			buf[n++] = c;
	}
	buf[n] = '\0';
	if (have_tty) {
		tcsetattr(in, TCSAFLUSH, &old);
		write(out, "\n", 1);
	}
	if (fd >= 0)
		close(fd);
	return buf;
}

int vhangup(void)
{
	return (int)syscall(SYS_vhangup);
}
