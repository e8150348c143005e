/*
 * files.c - file system calls on ext2 (T_DISK) and tmpfs (T_TMP): the same
 * checks run on both, with "-ext2" or "-tmpfs" after each name.
 */
#include <dirent.h>
#include <fcntl.h>
#include <time.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include "t.h"

static const char *fs;	/* "ext2" or "tmpfs", the suffix of every name */
static char base[256];	/* this run's directory */

static const char *nm(const char *what)
{
	static char buf[4][96];
	static int next;
	char *b = buf[next++ & 3];

	snprintf(b, sizeof(buf[0]), "%s-%s", what, fs);
	return b;
}

static const char *p(const char *name)
{
	return t_path(base, name);
}

static int put(const char *path, const char *text)
{
	int fd = open(path, O_CREAT | O_WRONLY | O_TRUNC, 0644);
	int n;

	if (fd < 0)
		return -1;
	n = write(fd, text, strlen(text));
	close(fd);
	return n;
}

/* get: the whole (small) file as a string; "" when it cannot be read. */
static const char *get(const char *path)
{
	static char buf[256];
	int fd = open(path, O_RDONLY);
	ssize_t n = fd < 0 ? 0 : read(fd, buf, sizeof(buf) - 1);

	if (fd >= 0)
		close(fd);
	buf[n > 0 ? n : 0] = 0;
	return buf;
}

static void test_rw(void)
{
	char buf[64] = "";
	struct stat st;
	int fd;

	check(nm("create-write"), put(p("a"), "hello world") == 11, "%s", strerror(errno));
	check(nm("read-back"), strcmp(get(p("a")), "hello world") == 0, "read '%s'",
	      get(p("a")));
	fd = open(p("a"), O_WRONLY | O_APPEND);
	lseek(fd, 0, SEEK_SET);
	(void)!write(fd, "!", 1);
	close(fd);
	check(nm("o_append-writes-at-end"), strcmp(get(p("a")), "hello world!") == 0,
	      "got '%s'", get(p("a")));
	fd = open(p("a"), O_RDWR);
	check(nm("lseek-seek_end"), lseek(fd, 0, SEEK_END) == 12, "not 12");
	check(nm("lseek-seek_cur"), lseek(fd, -6, SEEK_CUR) == 6, "not 6");
	check(nm("read-after-lseek"), read(fd, buf, 5) == 5 && memcmp(buf, "world", 5) == 0,
	      "got '%.5s'", buf);
	check(nm("pwrite"), pwrite(fd, "HELLO", 5, 0) == 5, "%s", strerror(errno));
	memset(buf, 0, sizeof(buf));
	check(nm("pread"), pread(fd, buf, 7, 0) == 7 && strcmp(buf, "HELLO w") == 0,
	      "got '%s'", buf);
	check(nm("pread-pwrite-keep-offset"), lseek(fd, 0, SEEK_CUR) == 11,
	      "offset %ld", (long)lseek(fd, 0, SEEK_CUR));
	check(nm("ftruncate-shrink"), ftruncate(fd, 5) == 0 && fstat(fd, &st) == 0 &&
	      st.st_size == 5, "size %ld", (long)st.st_size);
	check(nm("truncate-grow"), truncate(p("a"), 100) == 0 && stat(p("a"), &st) == 0 &&
	      st.st_size == 100, "size %ld", (long)st.st_size);
	memset(buf, 'x', sizeof(buf));
	pread(fd, buf, 10, 3);
	check(nm("truncate-grow-reads-zeros"),
	      memcmp(buf, "LO\0\0\0\0\0\0\0\0", 10) == 0, "bytes differ");
	check(nm("fsync"), fsync(fd) == 0, "%s", strerror(errno));
	close(fd);
	fd = open(p("a"), O_WRONLY | O_TRUNC);
	close(fd);
	check(nm("o_trunc"), stat(p("a"), &st) == 0 && st.st_size == 0, "size %ld",
	      (long)st.st_size);
	fd = open(p("excl"), O_CREAT | O_EXCL | O_WRONLY, 0600);
	check(nm("o_excl-creates"), fd >= 0 && fstat(fd, &st) == 0 &&
	      (st.st_mode & 07777) == 0600, "fd %d mode %o", fd, st.st_mode);
	close(fd);
	fd = open(base, O_RDONLY | O_DIRECTORY);
	check(nm("o_directory-on-dir"), fd >= 0, "%s", strerror(errno));
	close(fd);
	unlink(p("excl"));
	unlink(p("a"));
}

static void test_sparse(void)
{
	const long off = 10 << 20;
	char buf[4096], zero[4096] = { 0 };
	struct stat st;
	int fd = open(p("sparse"), O_CREAT | O_RDWR | O_TRUNC, 0644);

	lseek(fd, off, SEEK_SET);
	check(nm("sparse-write"), write(fd, "end", 3) == 3, "%s", strerror(errno));
	fstat(fd, &st);
	check(nm("sparse-size"), st.st_size == off + 3, "size %ld", (long)st.st_size);
	check(nm("sparse-few-blocks"), st.st_blocks * 512 < (1 << 20),
	      "%ld blocks allocated", (long)st.st_blocks);
	memset(buf, 1, sizeof(buf));
	pread(fd, buf, sizeof(buf), 5 << 20);
	check(nm("sparse-hole-reads-zeros"), memcmp(buf, zero, sizeof(buf)) == 0,
	      "nonzero byte in hole");
	memset(buf, 0, sizeof(buf));
	check(nm("sparse-tail"), pread(fd, buf, 10, off) == 3 && memcmp(buf, "end", 3) == 0,
	      "got '%s'", buf);
	close(fd);
	unlink(p("sparse"));
}

static void test_links(void)
{
	struct stat a, b;
	char buf[64];
	ssize_t n;

	put(p("orig"), "linked");
	check(nm("link"), link(p("orig"), p("hard")) == 0, "%s", strerror(errno));
	stat(p("orig"), &a);
	stat(p("hard"), &b);
	check(nm("link-nlink-2"), a.st_nlink == 2 && b.st_nlink == 2 && a.st_ino == b.st_ino,
	      "nlink %ld ino %ld/%ld", (long)a.st_nlink, (long)a.st_ino, (long)b.st_ino);
	unlink(p("orig"));
	stat(p("hard"), &b);
	check(nm("unlink-nlink-1"), b.st_nlink == 1 && strcmp(get(p("hard")), "linked") == 0,
	      "nlink %ld", (long)b.st_nlink);
	check(nm("symlink"), symlink("hard", p("soft")) == 0, "%s", strerror(errno));
	n = readlink(p("soft"), buf, sizeof(buf));
	check(nm("readlink"), n == 4 && memcmp(buf, "hard", 4) == 0, "n %ld", (long)n);
	check(nm("symlink-follow"), strcmp(get(p("soft")), "linked") == 0, "got '%s'",
	      get(p("soft")));
	check(nm("lstat-symlink"), lstat(p("soft"), &a) == 0 && S_ISLNK(a.st_mode) &&
	      a.st_size == 4, "mode %o size %ld", a.st_mode, (long)a.st_size);
	check(nm("stat-follows"), stat(p("soft"), &a) == 0 && S_ISREG(a.st_mode) &&
	      a.st_size == 6, "mode %o", a.st_mode);
	symlink("loop2", p("loop1"));
	symlink("loop1", p("loop2"));
	check_err(nm("symlink-loop-eloop"), open(p("loop1"), O_RDONLY), ELOOP);
	check_err(nm("readlink-regular-einval"), readlink(p("hard"), buf, sizeof(buf)), EINVAL);
	unlink(p("loop1"));
	unlink(p("loop2"));
	unlink(p("soft"));
	check_err(nm("dangling-after-unlink"), stat(p("soft"), &a), ENOENT);
	unlink(p("hard"));
}

static void test_rename(void)
{
	char cwd[512], want[512], old[512];
	struct stat st;

	put(p("r1"), "one");
	put(p("r2"), "two");
	check(nm("rename-over-existing"), rename(p("r1"), p("r2")) == 0 &&
	      strcmp(get(p("r2")), "one") == 0 && stat(p("r1"), &st) == -1,
	      "r2 '%s'", get(p("r2")));
	mkdir(p("d1"), 0755);
	mkdir(p("d2"), 0755);
	mkdir(p("d1/moving"), 0755);
	put(p("d1/moving/f"), "inside");
	check(nm("rename-dir-other-parent"),
	      rename(p("d1/moving"), p("d2/moved")) == 0 &&
	      strcmp(get(p("d2/moved/f")), "inside") == 0, "%s", strerror(errno));
	stat(p("d1"), &st);
	check(nm("rename-dir-parent-nlink"), st.st_nlink == 2, "d1 nlink %ld",
	      (long)st.st_nlink);
	stat(p("d2"), &st);
	check(nm("rename-dir-new-parent-nlink"), st.st_nlink == 3, "d2 nlink %ld",
	      (long)st.st_nlink);
	getcwd(old, sizeof(old));
	chdir(p("d2/moved"));
	rename(p("d2/moved"), p("d1/back"));
	snprintf(want, sizeof(want), "%s/d1/back", base);
	check(nm("getcwd-after-rename"), getcwd(cwd, sizeof(cwd)) && strcmp(cwd, want) == 0,
	      "getcwd '%s' want '%s'", cwd, want);
	check(nm("dotdot-after-rename"), stat("../back/f", &st) == 0, "%s", strerror(errno));
	chdir(old);
	unlink(p("d1/back/f"));
	rmdir(p("d1/back"));
	rmdir(p("d1"));
	rmdir(p("d2"));
	unlink(p("r2"));
}

static void test_attrs(void)
{
	struct timespec times[2] = { { 1000000000, 0 }, { 1234567890, 500 } };
	struct stat st, st2;
	mode_t old;

	put(p("attr"), "x");
	check(nm("chmod"), chmod(p("attr"), 04750) == 0 && stat(p("attr"), &st) == 0 &&
	      (st.st_mode & 07777) == 04750, "mode %o", st.st_mode);
	check(nm("chown"), chown(p("attr"), 1000, 100) == 0 && stat(p("attr"), &st) == 0 &&
	      st.st_uid == 1000 && st.st_gid == 100, "uid %d gid %d", st.st_uid, st.st_gid);
	check(nm("utimensat"), utimensat(AT_FDCWD, p("attr"), times, 0) == 0 &&
	      stat(p("attr"), &st) == 0 && st.st_atime == 1000000000 &&
	      st.st_mtime == 1234567890, "atime %ld mtime %ld", (long)st.st_atime,
	      (long)st.st_mtime);
	check(nm("utimensat-utime_omit"),
	      utimensat(AT_FDCWD, p("attr"), (struct timespec[2]){ { 0, UTIME_OMIT },
	      { 5, 0 } }, 0) == 0 && stat(p("attr"), &st) == 0 &&
	      st.st_atime == 1000000000 && st.st_mtime == 5, "atime %ld mtime %ld",
	      (long)st.st_atime, (long)st.st_mtime);
	check(nm("write-updates-mtime"), put(p("attr"), "y") == 1 &&
	      stat(p("attr"), &st2) == 0 && st2.st_mtime > 1000000000, "mtime %ld",
	      (long)st2.st_mtime);
	old = umask(027);
	mkdir(p("um"), 0777);
	umask(old);
	check(nm("mkdir-umask"), stat(p("um"), &st) == 0 && (st.st_mode & 0777) == 0750,
	      "mode %o", st.st_mode);
	rmdir(p("um"));
	unlink(p("attr"));
}

static void test_fds(void)
{
	char buf[8] = "";
	int fd, fd2, status, flags;
	pid_t pid;

	put(p("fdf"), "abcdefgh");
	fd = open(p("fdf"), O_RDWR | O_APPEND);
	fd2 = dup2(fd, 40);
	check(nm("dup2-returns-target"), fd2 == 40, "got %d", fd2);
	(void)!read(fd, buf, 3);
	check(nm("dup2-shares-offset"), lseek(fd2, 0, SEEK_CUR) == 3, "offset %ld",
	      (long)lseek(fd2, 0, SEEK_CUR));
	flags = fcntl(fd2, F_GETFL);
	check(nm("fcntl-getfl"), (flags & (O_ACCMODE | O_APPEND)) == (O_RDWR | O_APPEND),
	      "flags %#x", flags);
	check(nm("fcntl-getfd-dup-not-cloexec"), fcntl(fd2, F_GETFD) == 0, "%d",
	      fcntl(fd2, F_GETFD));
	dup3(fd, 41, O_CLOEXEC);
	check(nm("dup3-cloexec"), fcntl(41, F_GETFD) == FD_CLOEXEC, "%d", fcntl(41, F_GETFD));
	fcntl(40, F_SETFD, FD_CLOEXEC);
	fcntl(41, F_SETFD, 0);
	pid = fork();
	if (pid == 0) {
		execl(t_path(T_BIN, "helper"), "helper", "fd", "40", (char *)0);
		_exit(99);
	}
	waitpid(pid, &status, 0);
	check(nm("cloexec-closed-across-execve"), WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "status %#x", status);
	pid = fork();
	if (pid == 0) {
		execl(t_path(T_BIN, "helper"), "helper", "fd", "41", (char *)0);
		_exit(99);
	}
	waitpid(pid, &status, 0);
	check(nm("no-cloexec-open-across-execve"),
	      WIFEXITED(status) && WEXITSTATUS(status) == 1, "status %#x", status);
	close(40);
	close(41);
	close(fd);
	fd = open(p("fdf"), O_RDONLY);
	unlink(p("fdf"));
	memset(buf, 0, sizeof(buf));
	check(nm("read-after-unlink"), read(fd, buf, 8) == 8 && memcmp(buf, "abcdefgh", 8) == 0,
	      "got '%s'", buf);
	close(fd);
}

static void test_readdir(void)
{
	int seen = 0, dots = 0;
	struct dirent *de;
	DIR *d;

	mkdir(p("rd"), 0755);
	put(p("rd/one"), "1");
	put(p("rd/two"), "2");
	mkdir(p("rd/three"), 0755);
	unlink(p("rd/two"));
	d = opendir(p("rd"));
	while (d && (de = readdir(d))) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			dots++;
		else if (strcmp(de->d_name, "one") == 0 && de->d_type == DT_REG)
			seen |= 1;
		else if (strcmp(de->d_name, "three") == 0 && de->d_type == DT_DIR)
			seen |= 2;
		else
			seen |= 4;
	}
	if (d)
		closedir(d);
	check(nm("readdir-entries-and-types"), seen == 3 && dots == 2, "seen %d dots %d",
	      seen, dots);
	unlink(p("rd/one"));
	rmdir(p("rd/three"));
	check(nm("rmdir-emptied"), rmdir(p("rd")) == 0, "%s", strerror(errno));
}

static void run(const char *dir, const char *name)
{
	fs = name;
	snprintf(base, sizeof(base), "%s/files-%d", dir, (int)getpid());
	if (!check(nm("files-setup"), mkdir(base, 0755) == 0, "mkdir %s: %s", base,
		   strerror(errno)))
		return;
	test_rw();
	test_sparse();
	test_links();
	test_rename();
	test_attrs();
	test_fds();
	test_readdir();
	check(nm("files-cleanup"), rmdir(base) == 0, "rmdir %s: %s", base, strerror(errno));
}

int main(void)
{
	run(T_DISK, "ext2");
	run(T_TMP, "tmpfs");
	return 0;
}
