/*
 * procfd.c - /proc/PID/fd, fdinfo and the other links of a process, and
 * the libc functions built on them (ttyname, realpath).  Every check also
 * passes on Linux (natively, or under qemu-riscv64 with T_TMP set).
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include "t.h"

#define NOBODY 65534
#define HIGH_FD 100
#define FD_LINK_SIZE 64	/* Linux's lstat size of an fd/N link */
#define HIGH_FD_NAME "100"

static char *fd_link(int fd)
{
	static char buf[PATH_MAX];
	char link[64];
	ssize_t n;

	snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	n = readlink(link, buf, sizeof(buf) - 1);
	if (n < 0)
		return strcpy(buf, strerror(errno));
	buf[n] = '\0';
	return buf;
}

/* The value of "key:\t..." in /proc/self/fdinfo/fd, or -1. */
static long long fdinfo_field(int fd, const char *key, int base)
{
	char path[64], line[256];
	long long v = -1;
	size_t klen = strlen(key);
	FILE *f;

	snprintf(path, sizeof(path), "/proc/self/fdinfo/%d", fd);
	f = fopen(path, "r");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (strncmp(line, key, klen) == 0 && line[klen] == ':')
			v = strtoll(line + klen + 1, 0, base);
	fclose(f);
	return v;
}

static int listed(const char *dir, const char *name)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	int found = 0;

	if (!d)
		return -1;
	while ((de = readdir(d)))
		if (strcmp(de->d_name, name) == 0)
			found = 1;
	closedir(d);
	return found;
}

/* A check name with the file system's tag in front. */
static const char *N(const char *tag, const char *name)
{
	static char buf[4][64];
	static int next;
	char *b = buf[next++ & 3];

	snprintf(b, sizeof(buf[0]), "%s-%s", tag, name);
	return b;
}

static void test_file_links(const char *dir, const char *tag)
{
	char path[PATH_MAX], name[16], buf[8] = { 0 }, rpath[PATH_MAX + 16];
	struct stat a, b, l;
	int fd, again;

	snprintf(path, sizeof(path), "%s/procfd-file", dir);	/* t_path's slots rotate */
	unlink(path);
	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (!check(N(tag, "fd-open"), fd >= 0, "%s: %s", path, strerror(errno)))
		return;
	if (!realpath(path, rpath))
		strcpy(rpath, path);
	check(N(tag, "fd-link-file"), strcmp(fd_link(fd), rpath) == 0, "readlink gives '%s', want '%s'",
	      fd_link(fd), rpath);
	check(N(tag, "fd-lstat-link"), lstat(t_path("/proc/self/fd", "0"), &l) == 0 && S_ISLNK(l.st_mode),
	      "not a symlink");
	snprintf(name, sizeof(name), "%d", fd);
	check(N(tag, "fd-listed"), listed("/proc/self/fd", name) == 1, "fd %d not in /proc/self/fd", fd);
	check(N(tag, "fdinfo-listed"), listed("/proc/self/fdinfo", name) == 1, "fd %d not in fdinfo/", fd);
	check(N(tag, "fd-rwx-bits"), lstat(t_path("/proc/self/fd", name), &l) == 0 &&
	      (l.st_mode & 0777) == 0700, "mode %o for a read-write fd", l.st_mode & 0777);
	check(N(tag, "fd-link-size"), l.st_size == FD_LINK_SIZE, "size %lld", (long long)l.st_size);
	(void)!write(fd, "hello", 5);
	/* Following the link opens the same file anew, with its own offset. */
	again = open(t_path("/proc/self/fd", name), O_RDWR);
	check(N(tag, "fd-reopen"), again >= 0 && fstat(fd, &a) == 0 && fstat(again, &b) == 0 &&
	      a.st_ino == b.st_ino && a.st_dev == b.st_dev, "open: %s", strerror(errno));
	check(N(tag, "fd-reopen-own-offset"), again >= 0 && read(again, buf, 5) == 5 &&
	      memcmp(buf, "hello", 5) == 0, "read '%s'", buf);
	check(N(tag, "fdinfo-pos"), fdinfo_field(fd, "pos", 10) == 5, "pos %lld, want 5",
	      fdinfo_field(fd, "pos", 10));
	check(N(tag, "fdinfo-flags"), fdinfo_field(fd, "flags", 8) == (fcntl(fd, F_GETFL) | O_CLOEXEC),
	      "flags 0%llo, F_GETFL|O_CLOEXEC 0%o", fdinfo_field(fd, "flags", 8),
	      fcntl(fd, F_GETFL) | O_CLOEXEC);
	check(N(tag, "fdinfo-flags-no-cloexec"), again >= 0 &&
	      fdinfo_field(again, "flags", 8) == fcntl(again, F_GETFL),
	      "flags 0%llo, F_GETFL 0%o", fdinfo_field(again, "flags", 8), fcntl(again, F_GETFL));
	check(N(tag, "fdinfo-ino"), fdinfo_field(fd, "ino", 10) == (long long)a.st_ino, "ino %lld, want %lld",
	      fdinfo_field(fd, "ino", 10), (long long)a.st_ino);
	check(N(tag, "fdinfo-mnt-id"), fdinfo_field(fd, "mnt_id", 10) > 0, "no mnt_id");
	check(N(tag, "fcntl-getfl-no-cloexec"), !(fcntl(fd, F_GETFL) & O_CLOEXEC), "F_GETFL shows O_CLOEXEC");
	close(again);
	/* A high descriptor, so that opendir's own cannot take its number. */
	check(N(tag, "fd-high-listed"), dup2(fd, HIGH_FD) == HIGH_FD &&
	      listed("/proc/self/fd", HIGH_FD_NAME) == 1, "fd %d not listed", HIGH_FD);
	close(HIGH_FD);
	close(fd);
	check_err(N(tag, "fd-closed-gone"), readlink(t_path("/proc/self/fd", name), buf, sizeof(buf)),
		  ENOENT);
	check(N(tag, "fd-closed-unlisted"), listed("/proc/self/fd", HIGH_FD_NAME) == 0,
	      "closed fd still listed");
	check_err(N(tag, "fd-leading-zero"), open("/proc/self/fd/00", O_RDONLY), ENOENT);
	unlink(path);
	/* An unlinked file keeps its name, marked. */
	fd = open(path, O_RDWR | O_CREAT, 0600);
	if (fd >= 0 && realpath(path, rpath) && unlink(path) == 0) {
		strcat(rpath, " (deleted)");
		check(N(tag, "fd-link-deleted"), strcmp(fd_link(fd), rpath) == 0, "'%s', want '%s'",
		      fd_link(fd), rpath);
	}
	close(fd);
}

/* A pipe opened again through /proc/self/fd/N (bash's <(...)): the new
 * file is another end of the same pipe, and says so. */
static void test_pipe_reopen(const int p[2], ino_t ino)
{
	char path[64], want[64], buf[16];
	struct stat st;
	int r, w;

	snprintf(path, sizeof(path), "/proc/self/fd/%d", p[0]);
	r = open(path, O_RDONLY);
	snprintf(path, sizeof(path), "/proc/self/fd/%d", p[1]);
	w = open(path, O_WRONLY);
	if (!check("pipe-reopen", r >= 0 && w >= 0, "open: %s", strerror(errno)))
		goto out;
	check("pipe-reopen-fstat", fstat(r, &st) == 0 && S_ISFIFO(st.st_mode) && st.st_ino == ino,
	      "mode %o ino %llu, want fifo %llu", st.st_mode, (unsigned long long)st.st_ino,
	      (unsigned long long)ino);
	snprintf(want, sizeof(want), "pipe:[%llu]", (unsigned long long)ino);
	check("pipe-reopen-link", strcmp(fd_link(r), want) == 0, "'%s', want '%s'", fd_link(r),
	      want);
	check("pipe-reopen-write", write(w, "ab", 2) == 2 && write(p[1], "cd", 2) == 2,
	      "write: %s", strerror(errno));
	close(w);
	check("pipe-reopen-read", read(p[0], buf, 1) == 1 && read(r, buf + 1, 3) == 3 &&
	      memcmp(buf, "abcd", 4) == 0, "read '%.4s'", buf);
	/* Every write end is a writer: with the original still open no EOF. */
	check("pipe-reopen-writers", fcntl(r, F_SETFL, O_NONBLOCK) == 0 &&
	      read(r, buf, 1) < 0 && errno == EAGAIN, "read gave no EAGAIN");
out:
	if (r >= 0)
		close(r);
	if (w >= 0)
		close(w);
}

/* Opened again after every writer has gone (bash's <(...) whose command
 * has already finished): no wait for a writer, as a fifo would; the data
 * written is there, then end of file. */
static void test_pipe_reopen_writers_gone(void)
{
	char path[64], buf[8];
	int p[2];

	if (pipe(p) != 0 || write(p[1], "x", 1) != 1)
		return;
	close(p[1]);
	snprintf(path, sizeof(path), "/proc/self/fd/%d", p[0]);
	int r = open(path, O_RDONLY);
	check("pipe-reopen-no-writer", r >= 0 && read(r, buf, sizeof(buf)) == 1 && buf[0] == 'x' &&
	      read(r, buf, sizeof(buf)) == 0, "open: %s", r < 0 ? strerror(errno) : "read wrong");
	if (r >= 0)
		close(r);
	close(p[0]);
}

/* /proc/PID/mem of a child: its memory at its addresses, read and
 * written (the same addresses as ours after fork). */
static void test_mem(void)
{
	static char secret[64] = "before";
	char path[64], buf[64] = "";
	int go[2], back[2];

	if (pipe(go) != 0 || pipe(back) != 0)
		return;
	pid_t pid = fork();
	if (pid == 0) {
		char c;
		strcpy(secret, "the child's own");
		(void)!write(back[1], "r", 1);
		if (read(go[0], &c, 1) != 1)
			_exit(2);
		_exit(strcmp(secret, "written") == 0 ? 0 : 1);
	}
	char c;
	(void)!read(back[0], &c, 1);
	snprintf(path, sizeof(path), "/proc/%d/mem", (int)pid);
	int fd = open(path, O_RDWR);
	check("mem-open", fd >= 0, "open %s: %s", path, strerror(errno));
	check("mem-read", fd >= 0 && pread(fd, buf, 16, (off_t)(uintptr_t)secret) == 16 &&
	      memcmp(buf, "the child's own", 16) == 0, "read '%.16s'", buf);
	check("mem-write", fd >= 0 && pwrite(fd, "written", 8, (off_t)(uintptr_t)secret) == 8,
	      "pwrite: %s", strerror(errno));
	check("mem-unmapped-eio", fd >= 0 && pread(fd, buf, 8, 4096) < 0 && errno == EIO,
	      "a read at an unmapped address did not fail with EIO");
	if (fd >= 0)
		close(fd);
	(void)!write(go[1], "g", 1);
	int status;
	waitpid(pid, &status, 0);
	check("mem-write-seen", WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "the child did not see the write (status %x)", status);
	check("mem-ours-untouched", strcmp(secret, "before") == 0, "ours: '%s'", secret);
	close(go[0]);
	close(go[1]);
	close(back[0]);
	close(back[1]);
}

static void test_dir_and_pipe(const char *dir)
{
	char rdir[PATH_MAX], want[64], cwd[PATH_MAX], link[PATH_MAX];
	struct stat st, here;
	ssize_t n;
	int fd = open(dir, O_RDONLY | O_DIRECTORY), p[2];

	if (!realpath(dir, rdir))
		strcpy(rdir, dir);
	check("fd-link-dir", fd >= 0 && strcmp(fd_link(fd), rdir) == 0, "'%s', want '%s'",
	      fd_link(fd), rdir);
	close(fd);
	if (!check("fd-pipe", pipe(p) == 0, "pipe: %s", strerror(errno)))
		return;
	snprintf(want, sizeof(want), "pipe:[%llu]",
		 fstat(p[0], &st) == 0 ? (unsigned long long)st.st_ino : 0ull);
	check("fd-link-pipe", strcmp(fd_link(p[0]), want) == 0, "'%s', want '%s'", fd_link(p[0]),
	      want);
	check("fd-pipe-fstat", S_ISFIFO(st.st_mode), "mode %o", st.st_mode);
	check("fdinfo-pipe-flags", fdinfo_field(p[1], "flags", 8) == O_WRONLY, "flags 0%llo",
	      fdinfo_field(p[1], "flags", 8));
	test_pipe_reopen(p, st.st_ino);
	test_pipe_reopen_writers_gone();
	close(p[0]);
	close(p[1]);
	n = readlink("/proc/self/cwd", link, sizeof(link) - 1);
	link[n > 0 ? n : 0] = '\0';
	check("cwd-link", getcwd(cwd, sizeof(cwd)) && strcmp(link, cwd) == 0, "'%s', cwd '%s'",
	      link, cwd);
	check("cwd-follow", stat("/proc/self/cwd/.", &st) == 0 && stat(".", &here) == 0 &&
	      st.st_ino == here.st_ino && st.st_dev == here.st_dev, "/proc/self/cwd/. is elsewhere");
	check("root-link", readlink("/proc/self/root", want, sizeof(want)) == 1 && want[0] == '/',
	      "root link is not /");
}

static void test_exe(const char *argv0)
{
	char exe[PATH_MAX], want[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);

	exe[n > 0 ? n : 0] = '\0';
	check("exe-link", n > 0 && realpath(argv0, want) && strcmp(exe, want) == 0,
	      "exe '%s', program '%s'", exe, argv0);
}

/* A process of another user may not look at our descriptors or links. */
static void test_other_user(void)
{
	char path[64], buf[64];
	int st, p[2];
	pid_t pid;

	if (geteuid() != 0)
		return;	/* needs root to become another user */
	if (pipe(p) < 0)
		return;
	pid = fork();
	if (pid == 0) {
		char r[4] = "xxx";
		DIR *d;

		snprintf(path, sizeof(path), "/proc/%d/fd/0", getppid());
		if (setgid(NOBODY) < 0 || setuid(NOBODY) < 0)
			_exit(1);
		r[0] = readlink(path, buf, sizeof(buf)) < 0 && errno == EACCES ? 'y' : 'n';
		snprintf(path, sizeof(path), "/proc/%d/fd", getppid());
		d = opendir(path);
		r[1] = !d && errno == EACCES ? 'y' : 'n';
		if (d)
			closedir(d);
		/* Its own, even not dumpable now (set-uid) and owned by root. */
		d = opendir("/proc/self/fd");
		r[2] = d && readlink("/proc/self/fd/0", buf, sizeof(buf)) > 0 ? 'y' : 'n';
		if (d)
			closedir(d);
		(void)!write(p[1], r, 3);
		_exit(0);
	}
	close(p[1]);
	memset(buf, 0, sizeof(buf));
	(void)!read(p[0], buf, 3);
	close(p[0]);
	waitpid(pid, &st, 0);
	check("other-user-fd-link", buf[0] == 'y', "reply '%s'", buf);
	check("other-user-fd-dir", buf[1] == 'y', "reply '%s'", buf);
	check("own-fd-after-setuid", buf[2] == 'y', "reply '%s'", buf);
}

static void test_ttyname(void)
{
	char small[4], name[64];
	int m = posix_openpt(O_RDWR | O_NOCTTY), s, p[2];
	const char *pts;

	if (!check("tty-ptmx", m >= 0, "posix_openpt: %s", strerror(errno)))
		return;
	pts = grantpt(m) == 0 && unlockpt(m) == 0 ? ptsname(m) : 0;
	s = pts ? open(pts, O_RDWR | O_NOCTTY) : -1;
	if (check("tty-pts-open", s >= 0, "%s: %s", pts ? pts : "ptsname", strerror(errno))) {
		check("ttyname-pts", ttyname(s) && strcmp(ttyname(s), pts) == 0, "'%s', want '%s'",
		      ttyname(s) ? ttyname(s) : strerror(errno), pts);
		check("ttyname-r-pts", ttyname_r(s, name, sizeof(name)) == 0 &&
		      strcmp(name, pts) == 0, "'%s'", name);
		check("ttyname-r-erange", ttyname_r(s, small, sizeof(small)) == ERANGE, "not ERANGE");
		check("fd-link-pts", strcmp(fd_link(s), pts) == 0, "'%s'", fd_link(s));
		close(s);
	}
	close(m);
	if (pipe(p) == 0) {
		check("ttyname-pipe", !ttyname(p[0]) && errno == ENOTTY, "errno %d", errno);
		check("ttyname-r-pipe", ttyname_r(p[0], name, sizeof(name)) == ENOTTY, "not ENOTTY");
		close(p[0]);
		close(p[1]);
	}
	check("ttyname-badf", !ttyname(-1) && errno == EBADF, "errno %d", errno);
}

static void test_realpath(const char *dir)
{
	char top[PATH_MAX], want[PATH_MAX + 64], got[PATH_MAX], path[PATH_MAX + 64];
	char longname[NAME_MAX + 2];
	char *m;

	if (!realpath(dir, top)) {
		check("realpath-dir", 0, "%s: %s", dir, strerror(errno));
		return;
	}
	snprintf(path, sizeof(path), "%s/rp", top);
	mkdir(path, 0755);
	snprintf(path, sizeof(path), "%s/rp/a", top);
	mkdir(path, 0755);
	snprintf(path, sizeof(path), "%s/rp/a/b", top);
	mkdir(path, 0755);
	snprintf(path, sizeof(path), "%s/rp/f", top);
	close(open(path, O_WRONLY | O_CREAT, 0644));
	snprintf(path, sizeof(path), "%s/rp/l", top);
	unlink(path);
	(void)!symlink("a/b", path);
	snprintf(path, sizeof(path), "%s/rp/abs", top);
	unlink(path);
	snprintf(want, sizeof(want), "%s/rp/a", top);
	(void)!symlink(want, path);
	snprintf(path, sizeof(path), "%s/rp/loop1", top);
	unlink(path);
	(void)!symlink("loop2", path);
	snprintf(path, sizeof(path), "%s/rp/loop2", top);
	unlink(path);
	(void)!symlink("loop1", path);

	snprintf(path, sizeof(path), "%s/rp/./l/../b/.", top);
	snprintf(want, sizeof(want), "%s/rp/a/b", top);
	check("realpath-link-dotdot", realpath(path, got) && strcmp(got, want) == 0, "'%s' -> '%s'",
	      path, realpath(path, got) ? got : strerror(errno));
	snprintf(path, sizeof(path), "%s/rp/abs/b//", top);
	check("realpath-abs-link", realpath(path, got) && strcmp(got, want) == 0, "'%s'", got);
	m = realpath("/", 0);
	check("realpath-root", m && strcmp(m, "/") == 0, "'%s'", m ? m : "NULL");
	free(m);
	m = realpath("/..", 0);
	check("realpath-root-dotdot", m && strcmp(m, "/") == 0, "'%s'", m ? m : "NULL");
	free(m);
	snprintf(path, sizeof(path), "%s/rp/missing", top);
	check("realpath-enoent", !realpath(path, got) && errno == ENOENT, "errno %d", errno);
	snprintf(path, sizeof(path), "%s/rp/f/x", top);
	check("realpath-enotdir", !realpath(path, got) && errno == ENOTDIR, "errno %d", errno);
	snprintf(path, sizeof(path), "%s/rp/f/", top);
	check("realpath-enotdir-slash", !realpath(path, got) && errno == ENOTDIR, "errno %d", errno);
	snprintf(path, sizeof(path), "%s/rp/f/..", top);
	check("realpath-enotdir-dotdot", !realpath(path, got) && errno == ENOTDIR, "errno %d",
	      errno);
	snprintf(path, sizeof(path), "%s/rp/loop1", top);
	check("realpath-eloop", !realpath(path, got) && errno == ELOOP, "errno %d", errno);
	memset(longname, 'n', NAME_MAX + 1);
	longname[NAME_MAX + 1] = '\0';
	snprintf(path, sizeof(path), "%.2048s/%s", top, longname);
	check("realpath-enametoolong", !realpath(path, got) && errno == ENAMETOOLONG, "errno %d",
	      errno);
	check("realpath-empty", !realpath("", got) && errno == ENOENT, "errno %d", errno);
	check("realpath-null", !realpath(0, got) && errno == EINVAL, "errno %d", errno);
	if (chdir(top) == 0) {
		snprintf(want, sizeof(want), "%s/rp/a/b", top);
		check("realpath-relative", realpath("rp/l", got) && strcmp(got, want) == 0, "'%s'",
		      got);
		check("realpath-dot", realpath(".", got) && strcmp(got, top) == 0, "'%s'", got);
	}
	snprintf(path, sizeof(path), "%s/rp/f", top);
	unlink(path);
	snprintf(path, sizeof(path), "%s/rp/l", top);
	unlink(path);
	snprintf(path, sizeof(path), "%s/rp/abs", top);
	unlink(path);
	snprintf(path, sizeof(path), "%s/rp/loop1", top);
	unlink(path);
	snprintf(path, sizeof(path), "%s/rp/loop2", top);
	unlink(path);
	snprintf(path, sizeof(path), "%s/rp/a/b", top);
	rmdir(path);
	snprintf(path, sizeof(path), "%s/rp/a", top);
	rmdir(path);
	snprintf(path, sizeof(path), "%s/rp", top);
	rmdir(path);
}

int main(int argc, char **argv)
{
	(void)argc;
	test_file_links(T_TMP, "tmp");
	test_file_links(T_DISK, "disk");
	test_dir_and_pipe(T_TMP);
	test_mem();
	test_exe(argv[0]);
	test_other_user();
	test_ttyname();
	test_realpath(T_TMP);
	return 0;
}
