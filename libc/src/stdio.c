/*
 * stdio.c - picolibc's tinystdio bound to file descriptors.
 *
 * Owns stdin/stdout/stderr, fdopen()/fclose() (so that every open stream
 * is on a list and exit() flushes it, as POSIX requires and tinystdio
 * alone does not do), the mode-string parser fopen() uses, popen() and
 * getdelim().  Buffering: stdout is line-buffered on a terminal and
 * fully buffered otherwise; stderr is unbuffered.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio-bufio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <termios.h>

/* A stream from fdopen(): the bufio state first, as fclose frees it. */
struct stream {
	struct __file_bufio bf;
	struct stream *next;
	pid_t popen_pid;
	char buf[BUFSIZ];
};

static struct stream *open_streams;

static char stdin_buf[BUFSIZ], stdout_buf[BUFSIZ];

static struct __file_bufio stdin_bufio =
	FDEV_SETUP_BUFIO(0, stdin_buf, BUFSIZ, read, write, lseek, close,
			 __SRD, 0);
static struct __file_bufio stdout_bufio =
	FDEV_SETUP_BUFIO(1, stdout_buf, BUFSIZ, read, write, lseek, close,
			 __SWR, 0);
/* Unbuffered: a one-byte buffer is flushed at every character. */
static char stderr_buf[1];
static struct __file_bufio stderr_bufio =
	FDEV_SETUP_BUFIO(2, stderr_buf, 1, read, write, lseek, close,
			 __SWR, 0);

FILE *const stdin = &stdin_bufio.xfile.cfile.file;
FILE *const stdout = &stdout_bufio.xfile.cfile.file;
FILE *const stderr = &stderr_bufio.xfile.cfile.file;

static int is_std_stream(FILE *f)
{
	return f == stdin || f == stdout || f == stderr;
}

static void flush_all(void)
{
	struct stream *s;

	for (s = open_streams; s; s = s->next)
		fflush(&s->bf.xfile.cfile.file);
	fflush(stdout);
	fflush(stderr);
}

/* Called by crt0 before constructors and main. */
void __stdio_init(void)
{
	struct termios t;

	__bufio_lock_init(stdin);
	__bufio_lock_init(stdout);
	__bufio_lock_init(stderr);
	if (ioctl(1, TCGETS, &t) == 0)
		stdout_bufio.bflags |= __BLBF;
	atexit(flush_all);
}

/*
 * Parses an fopen() mode: returns the stdio read/write flags (0 and errno
 * EINVAL on a bad mode) and stores the open(2) flags in *oflags.
 */
int __posix_sflags(const char *mode, int *oflags)
{
	int rw, acc, extra;

	switch (*mode++) {
	case 'r':
		rw = __SRD;
		acc = O_RDONLY;
		extra = 0;
		break;
	case 'w':
		rw = __SWR;
		acc = O_WRONLY;
		extra = O_CREAT | O_TRUNC;
		break;
	case 'a':
		rw = __SWR;
		acc = O_WRONLY;
		extra = O_CREAT | O_APPEND;
		break;
	default:
		errno = EINVAL;
		return 0;
	}
	for (; *mode; mode++) {
		if (*mode == '+') {
			rw = __SRD | __SWR;
			acc = O_RDWR;
		} else if (*mode == 'x') {
			extra |= O_EXCL;
		} else if (*mode == 'e') {
			extra |= O_CLOEXEC;
		}
	}
	*oflags = acc | extra;
	return rw;
}

FILE *fdopen(int fd, const char *mode)
{
	struct stream *s;
	int oflags, rw;

	rw = __posix_sflags(mode, &oflags);
	if (!rw)
		return 0;
	s = calloc(1, sizeof(*s));
	if (!s)
		return 0;
	s->bf = (struct __file_bufio)FDEV_SETUP_BUFIO(fd, s->buf, BUFSIZ,
			read, write, lseek, close, rw, 0);
	__bufio_lock_init(&s->bf.xfile.cfile.file);
	if (oflags & O_APPEND)
		s->bf.pos = lseek(fd, 0, SEEK_END);
	s->next = open_streams;
	open_streams = s;
	return &s->bf.xfile.cfile.file;
}

static struct stream *unlink_stream(FILE *f)
{
	struct stream **p, *s;

	for (p = &open_streams; (s = *p); p = &s->next) {
		if (&s->bf.xfile.cfile.file == f) {
			*p = s->next;
			return s;
		}
	}
	return 0;
}

/*
 * fclose(): a stream from fdopen() is flushed, its descriptor closed and
 * its memory freed by bufio's close; the static standard streams are only
 * flushed and their descriptor closed.
 */
int fclose(FILE *f)
{
	struct __file_close *cf = (struct __file_close *)f;
	struct stream *s;
	int fd, r;

	if (is_std_stream(f)) {
		r = fflush(f);
		if (close(((struct __file_bufio *)f)->fd) < 0)
			r = EOF;
		return r;
	}
	s = unlink_stream(f);
	if (s) {
		fd = s->bf.fd;
		r = fflush(f);
		cf->close(f);
		if (fd <= 2 && close(fd) < 0)
			r = EOF;
		return r;
	}
	if (f->flags & __SCLOSE)
		return cf->close(f);
	return 0;
}

FILE *popen(const char *command, const char *mode)
{
	int fds[2], mine, theirs, child_fd;
	pid_t pid;
	FILE *f;

	if ((mode[0] != 'r' && mode[0] != 'w') || mode[1] == '+') {
		errno = EINVAL;
		return 0;
	}
	if (pipe2(fds, O_CLOEXEC) < 0)
		return 0;
	mine = mode[0] == 'r' ? fds[0] : fds[1];
	theirs = mode[0] == 'r' ? fds[1] : fds[0];
	child_fd = mode[0] == 'r' ? 1 : 0;
	pid = fork();
	if (pid < 0) {
		close(fds[0]);
		close(fds[1]);
		return 0;
	}
	if (pid == 0) {
		if (dup2(theirs, child_fd) < 0)
			_exit(127);
		execl("/bin/sh", "sh", "-c", command, (char *)0);
		_exit(127);
	}
	close(theirs);
	f = fdopen(mine, mode[0] == 'r' ? "r" : "w");
	if (!f) {
		close(mine);
		waitpid(pid, 0, 0);
		return 0;
	}
	((struct stream *)f)->popen_pid = pid;
	return f;
}

int pclose(FILE *f)
{
	struct stream *s = (struct stream *)f;
	pid_t pid = s->popen_pid;
	int status;

	if (pid <= 0) {
		errno = ECHILD;
		return -1;
	}
	fclose(f);
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return status;
}

ssize_t getdelim(char **line, size_t *cap, int delim, FILE *f)
{
	size_t len = 0;
	char *p;
	int c;

	if (!line || !cap) {
		errno = EINVAL;
		return -1;
	}
	for (;;) {
		if (!*line || len + 2 > *cap) {
			size_t ncap = *cap < 64 ? 128 : *cap * 2;

			p = realloc(*line, ncap);
			if (!p)
				return -1;
			*line = p;
			*cap = ncap;
		}
		c = getc(f);
		if (c == EOF)
			break;
		(*line)[len++] = (char)c;
		if (c == delim)
			break;
	}
	(*line)[len] = '\0';
	return len ? (ssize_t)len : -1;
}

ssize_t getline(char **line, size_t *cap, FILE *f)
{
	return getdelim(line, cap, '\n', f);
}
