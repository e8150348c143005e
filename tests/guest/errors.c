/*
 * errors.c - every system call family must fail the way Linux fails:
 * bad pointers give EFAULT (never a crash, never a kernel read of kernel
 * memory), bad descriptors EBADF, and each path error its own errno.
 * Raw syscall() is used where a libc wrapper might check first.
 */
#include <fcntl.h>
#include <signal.h>
#include <time.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/ioctl.h>
#include <sys/uio.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <termios.h>
#include "t.h"

/* An unmapped user address and an address in the kernel half. */
#define BAD_USER   ((void *)16)
#define BAD_KERNEL ((void *)0xffffffc000100000ul)

static char file_path[256];

static void test_efault(void)
{
	char buf[64];
	struct timespec ts;
	int fd = open(file_path, O_RDWR);

	check_err("efault-read", syscall(SYS_read, fd, BAD_USER, 10), EFAULT);
	lseek(fd, 0, SEEK_SET);
	check_err("efault-read-kernel-addr", syscall(SYS_read, fd, BAD_KERNEL, 10), EFAULT);
	check_err("efault-write", syscall(SYS_write, fd, BAD_USER, 10), EFAULT);
	check_err("efault-write-kernel-addr",
		  syscall(SYS_write, fd, BAD_KERNEL, 10), EFAULT);
	check_err("efault-pread", syscall(SYS_pread64, fd, BAD_USER, 10, 0), EFAULT);
	close(fd);
	check_err("efault-openat-path",
		  syscall(SYS_openat, AT_FDCWD, BAD_USER, O_RDONLY), EFAULT);
	check_err("efault-openat-kernel-path",
		  syscall(SYS_openat, AT_FDCWD, BAD_KERNEL, O_RDONLY), EFAULT);
	check_err("efault-stat-path",
		  syscall(SYS_newfstatat, AT_FDCWD, BAD_USER, buf, 0), EFAULT);
	check_err("efault-stat-buf",
		  syscall(SYS_newfstatat, AT_FDCWD, "/", BAD_USER, 0), EFAULT);
	check_err("efault-fstat-kernel-buf", syscall(SYS_fstat, 0, BAD_KERNEL), EFAULT);
	check_err("efault-getcwd", syscall(SYS_getcwd, BAD_USER, 100), EFAULT);
	check_err("efault-pipe2", syscall(SYS_pipe2, BAD_USER, 0), EFAULT);
	check_err("efault-clock_gettime",
		  syscall(SYS_clock_gettime, CLOCK_MONOTONIC, BAD_USER), EFAULT);
	check_err("efault-nanosleep", syscall(SYS_nanosleep, BAD_USER, 0), EFAULT);
	check_err("efault-uname", syscall(SYS_uname, BAD_USER), EFAULT);
	check_err("efault-rt_sigaction",
		  syscall(SYS_rt_sigaction, SIGUSR1, BAD_USER, 0, 8), EFAULT);
	check_err("efault-execve", syscall(SYS_execve, BAD_USER, 0, 0), EFAULT);
	check_err("efault-mkdirat",
		  syscall(SYS_mkdirat, AT_FDCWD, BAD_USER, 0755), EFAULT);
	unlink(t_path(T_TMP, "errors-link"));
	symlink("target", t_path(T_TMP, "errors-link"));
	check_err("efault-readlinkat-buf",
		  syscall(SYS_readlinkat, AT_FDCWD, t_path(T_TMP, "errors-link"),
			  BAD_USER, 64), EFAULT);
	unlink(t_path(T_TMP, "errors-link"));
	{
		struct iovec iov = { BAD_USER, 8 };
		check_err("efault-writev-iov-array",
			  syscall(SYS_writev, 1, BAD_USER, 1), EFAULT);
		fd = open(file_path, O_WRONLY);
		check_err("efault-writev-base", syscall(SYS_writev, fd, &iov, 1), EFAULT);
		close(fd);
	}
	check("clock_gettime-good", clock_gettime(CLOCK_MONOTONIC, &ts) == 0,
	      "%s", strerror(errno));
	check_err("einval-clock_gettime-bad-clock",
		  syscall(SYS_clock_gettime, 12345, &ts), EINVAL);
	check_err("erange-getcwd-small", syscall(SYS_getcwd, buf, 1), ERANGE);
}

static void test_ebadf(void)
{
	char buf[16];
	struct stat st;
	int rd = open(file_path, O_RDONLY), wr = open(file_path, O_WRONLY);

	check_err("ebadf-read-minus1", read(-1, buf, 1), EBADF);
	check_err("ebadf-read-unused", read(999, buf, 1), EBADF);
	check_err("ebadf-write-readonly-fd", write(rd, "x", 1), EBADF);
	check_err("ebadf-read-writeonly-fd", read(wr, buf, 1), EBADF);
	check_err("ebadf-close", close(999), EBADF);
	check_err("ebadf-fstat", fstat(999, &st), EBADF);
	check_err("ebadf-dup", dup(999), EBADF);
	check_err("ebadf-dup3", dup3(999, 50, 0), EBADF);
	check_err("ebadf-lseek", lseek(999, 0, SEEK_SET), EBADF);
	check_err("ebadf-fchdir", fchdir(999), EBADF);
	check_err("ebadf-getdents64", syscall(SYS_getdents64, 999, buf, sizeof(buf)), EBADF);
	check_err("ebadf-openat-dirfd", openat(999, "x", O_RDONLY), EBADF);
	check_err("ebadf-fcntl", fcntl(999, F_GETFD), EBADF);
	close(rd);
	close(wr);
	check_err("ebadf-read-closed", read(rd, buf, 1), EBADF);
}

/* Path errors, on the file system under dir (ext2 or tmpfs). */
static void test_paths(const char *dir, const char *fs)
{
	char name[80], d[256], f[256], sub[256], lnk[256];
	int fd;

	snprintf(d, sizeof(d), "%s/errdir", dir);
	snprintf(f, sizeof(f), "%s/errfile", dir);
	snprintf(sub, sizeof(sub), "%s/errdir/sub", dir);
	snprintf(lnk, sizeof(lnk), "%s/errloop", dir);
	mkdir(d, 0755);
	mkdir(sub, 0755);
	fd = open(f, O_CREAT | O_WRONLY | O_TRUNC, 0644);
	close(fd);

#define N(s) (snprintf(name, sizeof(name), "%s-%s", s, fs), name)
	check_err(N("enoent-open"), open(t_path(dir, "nonexistent"), O_RDONLY), ENOENT);
	check_err(N("enoent-open-dir-missing"),
		  open(t_path(dir, "none/x"), O_CREAT | O_WRONLY, 0644), ENOENT);
	check_err(N("enoent-unlink"), unlink(t_path(dir, "nonexistent")), ENOENT);
	check_err(N("enoent-rmdir"), rmdir(t_path(dir, "nonexistent")), ENOENT);
	check_err(N("enoent-empty-path"), open("", O_RDONLY), ENOENT);
	check_err(N("enoent-chdir"), chdir(t_path(dir, "nonexistent")), ENOENT);
	check_err(N("enoent-rename"),
		  rename(t_path(dir, "nonexistent"), t_path(dir, "x")), ENOENT);
	check_err(N("eexist-mkdir"), mkdir(d, 0755), EEXIST);
	check_err(N("eexist-open-excl"), open(f, O_CREAT | O_EXCL | O_WRONLY, 0644), EEXIST);
	check_err(N("eexist-link"), link(f, d), EEXIST);
	check_err(N("eexist-symlink"), symlink("x", f), EEXIST);
	check_err(N("eexist-mkdir-over-file"), mkdir(f, 0755), EEXIST);
	check_err(N("enotdir-open-through-file"),
		  open(t_path(f, "x"), O_RDONLY), ENOTDIR);
	check_err(N("enotdir-mkdir-through-file"), mkdir(t_path(f, "x"), 0755), ENOTDIR);
	check_err(N("enotdir-o_directory"), open(f, O_RDONLY | O_DIRECTORY), ENOTDIR);
	check_err(N("enotdir-rmdir-file"), rmdir(f), ENOTDIR);
	check_err(N("enotdir-chdir-file"), chdir(f), ENOTDIR);
	check_err(N("enotdir-rename-dir-over-file"), rename(d, f), ENOTDIR);
	check_err(N("eisdir-open-write"), open(d, O_WRONLY), EISDIR);
	check_err(N("eisdir-unlink-dir"), unlink(d), EISDIR);
	check_err(N("eisdir-rename-file-over-dir"), rename(f, d), EISDIR);
	fd = open(d, O_RDONLY);
	{
		char c;
		check_err(N("eisdir-read-dir"), read(fd, &c, 1), EISDIR);
	}
	close(fd);
	check_err(N("enotempty-rmdir"), rmdir(d), ENOTEMPTY);
	{
		char d2[256];
		snprintf(d2, sizeof(d2), "%s/errdir2", dir);
		mkdir(d2, 0755);
		/* Linux gives ENOTEMPTY (or EEXIST) for a non-empty target. */
		long r = rename(d2, d);
		int e = errno;
		check(N("enotempty-rename-over-dir"),
		      r == -1 && (e == ENOTEMPTY || e == EEXIST),
		      "rename returned %ld errno %d", r, e);
		rmdir(d2);
	}
	check_err(N("einval-rename-into-own-subdir"), rename(d, sub), EINVAL);
	check_err(N("einval-rmdir-dot"), rmdir(t_path(d, ".")), EINVAL);
	unlink(lnk);
	symlink("errloop", lnk);
	check_err(N("eloop-open-self-link"), open(lnk, O_RDONLY), ELOOP);
	check_err(N("eloop-o_nofollow"), open(lnk, O_RDONLY | O_NOFOLLOW), ELOOP);
	{
		char longname[600];
		int len = snprintf(longname, sizeof(longname), "%s/", dir);

		memset(longname + len, 'a', 300);
		longname[len + 300] = 0;
		check_err(N("enametoolong-component"),
			  open(longname, O_CREAT | O_WRONLY, 0644), ENAMETOOLONG);
		check_err(N("enametoolong-mkdir"), mkdir(longname, 0755), ENAMETOOLONG);
	}
	unlink(lnk);
	rmdir(sub);
	rmdir(d);
	unlink(f);
#undef N
}

static void test_misc(void)
{
	char big[5000];
	int p[2], fd;
	char buf[16];

	memset(big, 'a', sizeof(big) - 1);
	big[0] = '/';
	big[sizeof(big) - 1] = 0;
	for (int i = 100; i < (int)sizeof(big) - 1; i += 100)
		big[i] = '/';
	check_err("enametoolong-path-over-4096", open(big, O_RDONLY), ENAMETOOLONG);
	check_err("exdev-rename-tmp-to-disk",
		  rename(file_path, t_path(T_DISK, "exdev")), EXDEV);
	check_err("exdev-link-tmp-to-disk", link(file_path, t_path(T_DISK, "exdev")), EXDEV);
	pipe(p);
	check_err("espipe-lseek-pipe", lseek(p[0], 0, SEEK_CUR), ESPIPE);
	check_err("espipe-pread-pipe", pread(p[0], buf, 1, 0), ESPIPE);
	check_err("espipe-pwrite-pipe", pwrite(p[1], "x", 1, 0), ESPIPE);
	close(p[0]);
	close(p[1]);
	fd = open(file_path, O_RDONLY);
	check_err("einval-lseek-whence", lseek(fd, 0, 99), EINVAL);
	check_err("einval-lseek-negative", lseek(fd, -10, SEEK_SET), EINVAL);
	check_err("enotty-tcgets-file", ioctl(fd, TCGETS, buf), ENOTTY);
	check_err("einval-dup3-same-fd", dup3(fd, fd, 0), EINVAL);
	check_err("einval-fcntl-cmd", fcntl(fd, 9999), EINVAL);
	close(fd);
	check_err("einval-mmap-zero-length",
		  (long)mmap(0, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), EINVAL);
	check_err("einval-mmap-fixed-unaligned",
		  (long)mmap((void *)0x10000001, 4096, PROT_READ,
			     MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0), EINVAL);
	check_err("einval-munmap-unaligned", munmap((void *)0x10000001, 4096), EINVAL);
	check_err("einval-kill-signal", kill(getpid(), 999), EINVAL);
	{
		struct sigaction sa;
		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = SIG_IGN;
		check_err("einval-sigaction-sigkill", sigaction(SIGKILL, &sa, 0), EINVAL);
		check_err("einval-sigaction-sigstop", sigaction(SIGSTOP, &sa, 0), EINVAL);
	}
	check_err("einval-wait4-options", wait4(-1, 0, 0x7000000, 0), EINVAL);
	check_err("echild-wait-no-children", wait4(-1, 0, 0, 0), ECHILD);
	check_err("echild-waitpid-not-child", waitpid(1, 0, 0), ECHILD);
	check_err("esrch-kill-unused-pid", kill(4000000, 0), ESRCH);
	check_err("esrch-kill-unused-group", kill(-4000000, SIGTERM), ESRCH);
	check("kill-self-signal-0", kill(getpid(), 0) == 0, "%s", strerror(errno));
	check_err("enomem-mmap-1tib",
		  (long)mmap(0, 1ul << 40, PROT_READ | PROT_WRITE,
			     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), ENOMEM);
	{
		long cur = syscall(SYS_brk, 0);
		long r = syscall(SYS_brk, cur + (1l << 40));
		check("brk-beyond-limit-unchanged", r == cur, "brk(+1 TiB) gave %#lx, current %#lx",
		      r, cur);
		check("brk-unchanged-after", syscall(SYS_brk, 0) == cur, "moved");
	}
}

static void test_pipe_errors(void)
{
	int p[2], status, n;
	char buf[4096];
	long total = 0, r;
	pid_t pid;

	pipe2(p, O_NONBLOCK);
	check_err("eagain-read-empty-nonblocking-pipe", read(p[0], buf, 1), EAGAIN);
	memset(buf, 'x', sizeof(buf));
	for (n = 0; n < 1024 && (r = write(p[1], buf, sizeof(buf))) > 0; n++)
		total += r;
	check_err("eagain-write-full-nonblocking-pipe", r, EAGAIN);
	check("pipe-capacity-at-least-4k", total >= 4096 && total < 4 << 20,
	      "wrote %ld bytes before EAGAIN", total);
	close(p[0]);
	signal(SIGPIPE, SIG_IGN);
	check_err("epipe-write-no-reader", write(p[1], "x", 1), EPIPE);
	close(p[1]);
	signal(SIGPIPE, SIG_DFL);

	pipe(p);
	close(p[0]);
	pid = fork();
	if (pid == 0) {
		(void)!write(p[1], "x", 1);
		_exit(0);
	}
	close(p[1]);
	waitpid(pid, &status, 0);
	check("sigpipe-kills-writer", WIFSIGNALED(status) && WTERMSIG(status) == SIGPIPE,
	      "status %#x", status);
}

static void test_e2big(void)
{
	enum { ARGS = 40, ARG_LEN = 100 * 1024 };
	static char *argv[ARGS + 2];
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		char *s = malloc(ARG_LEN + 1);
		memset(s, 'b', ARG_LEN);
		s[ARG_LEN] = 0;
		argv[0] = (char *)t_path(T_BIN, "helper");
		for (int i = 1; i <= ARGS; i++)
			argv[i] = s;
		execv(argv[0], argv);
		_exit(errno == E2BIG ? 0 : errno);
	}
	waitpid(pid, &status, 0);
	check("e2big-execve-4mib-of-args", WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "status %#x (exit code is errno)", status);
}

static void test_emfile(void)
{
	struct rlimit old, rl = { 32, 32 };
	int fds[64], n = 0, fd = 0;

	getrlimit(RLIMIT_NOFILE, &old);
	if (setrlimit(RLIMIT_NOFILE, &rl) == -1) {
		check("emfile-setrlimit", 0, "%s", strerror(errno));
		return;
	}
	while (n < 64 && (fd = open("/", O_RDONLY)) >= 0)
		fds[n++] = fd;
	check_err("emfile-open-past-rlimit", fd, EMFILE);
	check("emfile-lowest-fd-below-limit", n > 0 && fds[n - 1] == 31,
	      "last fd %d", n ? fds[n - 1] : -1);
	while (n > 0)
		close(fds[--n]);
	setrlimit(RLIMIT_NOFILE, &old);
}

int main(void)
{
	int fd;

	snprintf(file_path, sizeof(file_path), "%s/errors-file", T_TMP);
	fd = open(file_path, O_CREAT | O_RDWR | O_TRUNC, 0644);
	if (fd < 0 || write(fd, "0123456789abcdef", 16) != 16) {
		check("errors-setup", 0, "%s: %s", file_path, strerror(errno));
		return 0;
	}
	close(fd);
	test_efault();
	test_ebadf();
	test_paths(T_TMP, "tmpfs");
	test_paths(T_DISK, "ext2");
	test_misc();
	test_pipe_errors();
	test_e2big();
	test_emfile();
	unlink(file_path);
	return 0;
}
