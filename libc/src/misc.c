/*
 * misc.c - the remaining POSIX pieces: working directory, realpath,
 * sysconf, system(), temporary files and the environment.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/auxv.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include "syscall.h"

char *getcwd(char *buf, size_t len)
{
	char tmp[PATH_MAX];
	long r;

	if (!buf) {
		r = __syscall2(SYS_getcwd, (long)tmp, sizeof(tmp));
		if (r < 0) {
			__syscall_ret(r);
			return 0;
		}
		return strdup(tmp);
	}
	if (len == 0) {
		errno = EINVAL;
		return 0;
	}
	r = __syscall2(SYS_getcwd, (long)buf, (long)len);
	if (r < 0) {
		__syscall_ret(r);
		return 0;
	}
	return buf;
}

char *get_current_dir_name(void)
{
	return getcwd(0, 0);
}

char *getwd(char *buf)
{
	return getcwd(buf, PATH_MAX);
}

/*
 * realpath(): the path walked one component at a time, as glibc does:
 * readlink() on each prefix tells a symlink (whose target replaces it)
 * from anything else (EINVAL), and reports ENOENT, ENOTDIR, ENAMETOOLONG
 * and EACCES on the way; "." is dropped and ".." removes the last
 * component of what is resolved so far.  More than REALPATH_MAX_LINKS
 * links is ELOOP.  Opening the path instead would run device and fifo
 * open code (a pty from /dev/ptmx, a fifo that blocks).
 */
#define REALPATH_MAX_LINKS 40

struct realpath_state {
	char out[PATH_MAX];	/* resolved so far: "/" or "/a/b" */
	char rest[PATH_MAX];	/* still to walk */
	int links;
};

/* "/..." after a name that must then be a directory: a trailing slash, or
 * "." or ".." next (glibc checks these at once, as the kernel would). */
static int needs_dir(const char *rest)
{
	while (*rest == '/') {
		while (*rest == '/')
			rest++;
		if (*rest == '\0')
			return 1;
		if (rest[0] != '.')
			return 0;
		if (rest[1] == '\0' || rest[1] == '/' ||
		    (rest[1] == '.' && (rest[2] == '\0' || rest[2] == '/')))
			return 1;
		return 0;
	}
	return 0;
}

/* The symlink st->out names has target (n bytes): walk it, then the rest;
 * parent_len is the length of the folder the link is in. */
static int realpath_follow(struct realpath_state *st, const char *target, size_t n,
			   const char *rest, size_t parent_len)
{
	char joined[PATH_MAX];
	size_t rlen = strlen(rest);

	if (++st->links > REALPATH_MAX_LINKS) {
		errno = ELOOP;
		return -1;
	}
	if (n + rlen + 1 > sizeof(joined)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	memcpy(joined, target, n);
	memcpy(joined + n, rest, rlen + 1);
	strcpy(st->rest, joined);
	if (target[0] == '/')
		strcpy(st->out, "/");
	else
		st->out[parent_len > 1 ? parent_len : 1] = '\0';	/* back to the link's folder */
	return 0;
}

/* Resolve the first component of st->rest onto st->out. */
static int realpath_step(struct realpath_state *st)
{
	char *name = st->rest, *end, target[PATH_MAX];
	size_t len, olen = strlen(st->out), olen_before;
	ssize_t n;

	while (*name == '/')
		name++;
	end = strchrnul(name, '/');
	len = (size_t)(end - name);
	if (len == 0 || (len == 1 && name[0] == '.')) {
		memmove(st->rest, end, strlen(end) + 1);
		return 0;
	}
	if (len == 2 && name[0] == '.' && name[1] == '.') {
		char *slash = strrchr(st->out, '/');

		slash[slash == st->out ? 1 : 0] = '\0';
		memmove(st->rest, end, strlen(end) + 1);
		return 0;
	}
	if (olen + len + 2 > PATH_MAX) {
		errno = ENAMETOOLONG;
		return -1;
	}
	olen_before = olen;
	if (olen > 1)
		st->out[olen++] = '/';
	memcpy(st->out + olen, name, len);
	st->out[olen + len] = '\0';
	n = readlink(st->out, target, sizeof(target) - 1);
	if (n >= 0)
		return realpath_follow(st, target, (size_t)n, end, olen_before);
	if (errno != EINVAL)
		return -1;
	if (needs_dir(end)) {
		struct stat sb;

		if (stat(st->out, &sb) < 0)
			return -1;
		if (!S_ISDIR(sb.st_mode)) {
			errno = ENOTDIR;
			return -1;
		}
	}
	memmove(st->rest, end, strlen(end) + 1);
	return 0;
}

char *realpath(const char *path, char *resolved)
{
	struct realpath_state *st;
	char *ret = 0;

	if (!path) {
		errno = EINVAL;
		return 0;
	}
	if (!*path) {
		errno = ENOENT;
		return 0;
	}
	if (strlen(path) >= PATH_MAX) {
		errno = ENAMETOOLONG;
		return 0;
	}
	st = malloc(sizeof(*st));
	if (!st)
		return 0;
	st->links = 0;
	strcpy(st->rest, path);
	if (path[0] == '/')
		strcpy(st->out, "/");
	else if (!getcwd(st->out, sizeof(st->out)))
		goto out;
	while (st->rest[0])
		if (realpath_step(st) < 0)
			goto out;
	ret = resolved ? strcpy(resolved, st->out) : strdup(st->out);
out:
	free(st);
	return ret;
}

/*
 * The harts this process may run on, which the kernel reports as the
 * online set (no hart is ever taken offline, so it is also the configured
 * count).  glibc reads /sys/devices/system/cpu/online first; the answer
 * is the same.
 */
static long online_cpus(void)
{
	cpu_set_t set;

	if (sched_getaffinity(0, sizeof(set), &set) < 0)
		return 1;
	return CPU_COUNT(&set);
}

long sysconf(int name)
{
	struct rlimit rl;

	switch (name) {
	case _SC_ARG_MAX:
		return ARG_MAX;
	case _SC_CHILD_MAX:
		return getrlimit(RLIMIT_NPROC, &rl) == 0 ? (long)rl.rlim_cur : -1;
	case _SC_CLK_TCK:
		return getauxval(AT_CLKTCK);	/* the kernel's HZ */
	case _SC_NGROUPS_MAX:
		return NGROUPS_MAX;
	case _SC_OPEN_MAX:
		return getrlimit(RLIMIT_NOFILE, &rl) == 0 ? (long)rl.rlim_cur : -1;
	case _SC_PAGESIZE:
		return 4096;
	case _SC_NPROCESSORS_CONF:
	case _SC_NPROCESSORS_ONLN:
		return online_cpus();
	case _SC_LINE_MAX:
		return 2048;
	case _SC_HOST_NAME_MAX:
		return HOST_NAME_MAX;
	case _SC_LOGIN_NAME_MAX:
		return LOGIN_NAME_MAX;
	case _SC_TTY_NAME_MAX:
		return TTY_NAME_MAX;
	case _SC_GETPW_R_SIZE_MAX:
	case _SC_GETGR_R_SIZE_MAX:
		return 4096;
	}
	errno = EINVAL;
	return -1;
}

/*
 * system(): /bin/sh -c command, with SIGCHLD blocked and SIGINT/SIGQUIT
 * ignored in the caller while the command runs, as POSIX describes.
 */
int system(const char *command)
{
	struct sigaction ignore, old_int, old_quit;
	sigset_t block, old_mask;
	int status;
	pid_t pid;

	if (!command)
		return access("/bin/sh", X_OK) == 0;
	memset(&ignore, 0, sizeof(ignore));
	ignore.sa_handler = SIG_IGN;
	sigaction(SIGINT, &ignore, &old_int);
	sigaction(SIGQUIT, &ignore, &old_quit);
	sigemptyset(&block);
	sigaddset(&block, SIGCHLD);
	sigprocmask(SIG_BLOCK, &block, &old_mask);
	pid = fork();
	if (pid == 0) {
		sigaction(SIGINT, &old_int, 0);
		sigaction(SIGQUIT, &old_quit, 0);
		sigprocmask(SIG_SETMASK, &old_mask, 0);
		execl("/bin/sh", "sh", "-c", command, (char *)0);
		_exit(127);
	}
	status = -1;
	if (pid > 0)
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
	sigaction(SIGINT, &old_int, 0);
	sigaction(SIGQUIT, &old_quit, 0);
	sigprocmask(SIG_SETMASK, &old_mask, 0);
	return status;
}

/* Replaces the XXXXXX before suffix_len trailing bytes with random letters. */
static int fill_template(char *tmpl, int suffix_len)
{
	static const char letters[] =
		"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
	size_t len = strlen(tmpl);
	unsigned char rnd[6];
	char *x;
	int i;

	if (suffix_len < 0 || len < 6 + (size_t)suffix_len) {
		errno = EINVAL;
		return -1;
	}
	x = tmpl + len - suffix_len - 6;
	if (memcmp(x, "XXXXXX", 6) != 0) {
		errno = EINVAL;
		return -1;
	}
	if (getentropy(rnd, sizeof(rnd)) < 0)
		return -1;
	for (i = 0; i < 6; i++)
		x[i] = letters[rnd[i] % (sizeof(letters) - 1)];
	return 0;
}

#define TEMP_ATTEMPTS 100

int mkostemps(char *tmpl, int suffix_len, int flags)
{
	int i, fd;

	for (i = 0; i < TEMP_ATTEMPTS; i++) {
		char saved[7];
		size_t off = strlen(tmpl) - (size_t)suffix_len - 6;

		if (fill_template(tmpl, suffix_len) < 0)
			return -1;
		fd = open(tmpl, O_RDWR | O_CREAT | O_EXCL | flags, 0600);
		if (fd >= 0 || errno != EEXIST)
			return fd;
		memcpy(saved, "XXXXXX", 7);
		memcpy(tmpl + off, saved, 6);
	}
	errno = EEXIST;
	return -1;
}

int mkstemps(char *tmpl, int suffix_len)
{
	return mkostemps(tmpl, suffix_len, 0);
}

int mkostemp(char *tmpl, int flags)
{
	return mkostemps(tmpl, 0, flags);
}

int mkstemp(char *tmpl)
{
	return mkostemps(tmpl, 0, 0);
}

char *mkdtemp(char *tmpl)
{
	size_t off = strlen(tmpl) - 6;
	int i;

	for (i = 0; i < TEMP_ATTEMPTS; i++) {
		if (fill_template(tmpl, 0) < 0)
			return 0;
		if (mkdir(tmpl, 0700) == 0)
			return tmpl;
		if (errno != EEXIST)
			return 0;
		memcpy(tmpl + off, "XXXXXX", 6);
	}
	errno = EEXIST;
	return 0;
}

char *mktemp(char *tmpl)
{
	struct stat st;
	size_t off = strlen(tmpl) - 6;
	int i;

	for (i = 0; i < TEMP_ATTEMPTS; i++) {
		if (fill_template(tmpl, 0) < 0)
			break;
		if (lstat(tmpl, &st) < 0 && errno == ENOENT)
			return tmpl;
		memcpy(tmpl + off, "XXXXXX", 6);
	}
	tmpl[0] = '\0';
	return tmpl;
}

/*
 * An empty list from malloc, never NULL: picolibc's setenv walks environ
 * without checking it, and once it has grown the list itself it goes on
 * with realloc on whatever environ is.
 */
int clearenv(void)
{
	char **none = calloc(1, sizeof(*none));

	if (!none)
		return -1;
	environ = none;
	return 0;
}

/* Environment values are not trusted in set-id programs (AT_SECURE). */
char *secure_getenv(const char *name)
{
	return issetugid() ? 0 : getenv(name);
}

int issetugid(void)
{
	return getauxval(AT_SECURE) != 0;
}

int daemon(int nochdir, int noclose)
{
	int fd;

	switch (fork()) {
	case -1:
		return -1;
	case 0:
		break;
	default:
		_exit(0);
	}
	if (setsid() < 0)
		return -1;
	if (!nochdir && chdir("/") < 0)
		return -1;
	if (!noclose && (fd = open("/dev/null", O_RDWR)) >= 0) {
		dup2(fd, 0);
		dup2(fd, 1);
		dup2(fd, 2);
		if (fd > 2)
			close(fd);
	}
	return 0;
}

static long path_limit(int name)
{
	switch (name) {
	case _PC_LINK_MAX:
		return 65000;
	case _PC_MAX_CANON:
	case _PC_MAX_INPUT:
		return 255;
	case _PC_NAME_MAX:
		return NAME_MAX;
	case _PC_PATH_MAX:
		return PATH_MAX;
	case _PC_PIPE_BUF:
		return PIPE_BUF;
	case _PC_CHOWN_RESTRICTED:
	case _PC_NO_TRUNC:
		return 1;
	case _PC_VDISABLE:
		return 0;
	}
	errno = EINVAL;
	return -1;
}

long pathconf(const char *path, int name)
{
	(void)path;
	return path_limit(name);
}

long fpathconf(int fd, int name)
{
	(void)fd;
	return path_limit(name);
}

int getdtablesize(void)
{
	struct rlimit rl;

	return getrlimit(RLIMIT_NOFILE, &rl) == 0 ? (int)rl.rlim_cur : 1024;
}

/* lockf() in terms of fcntl() record locks over [offset, offset+len). */
int lockf(int fd, int cmd, off_t len)
{
	struct flock fl = { .l_whence = SEEK_CUR, .l_start = 0, .l_len = len };

	switch (cmd) {
	case F_ULOCK:
		fl.l_type = F_UNLCK;
		return fcntl(fd, F_SETLK, &fl);
	case F_LOCK:
		fl.l_type = F_WRLCK;
		return fcntl(fd, F_SETLKW, &fl);
	case F_TLOCK:
		fl.l_type = F_WRLCK;
		return fcntl(fd, F_SETLK, &fl);
	case F_TEST:
		fl.l_type = F_RDLCK;
		if (fcntl(fd, F_GETLK, &fl) < 0)
			return -1;
		if (fl.l_type == F_UNLCK || fl.l_pid == getpid())
			return 0;
		errno = EACCES;
		return -1;
	}
	errno = EINVAL;
	return -1;
}

int fgetpos(FILE *f, fpos_t *pos)
{
	off_t off = ftello(f);

	if (off < 0)
		return -1;
	*pos = off;
	return 0;
}

int fsetpos(FILE *f, fpos_t *pos)
{
	return fseeko(f, *pos, SEEK_SET);
}
