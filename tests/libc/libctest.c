/*
 * libctest.c - checks of the libc port, run as a guest program (under
 * qemu-riscv64 on the host, later inside our kernel).  Every check
 * prints "PASS name" or "FAIL name: why".  Files are created under the
 * directory given as argv[1] (default /tmp).
 */
#include <crypt.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <glob.h>
#include <grp.h>
#include <limits.h>
#include <pwd.h>
#include <regex.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/wait.h>

static const char *dir = "/tmp";
static char path_buf[512];

static const char *path(const char *name)
{
	snprintf(path_buf, sizeof(path_buf), "%s/%s", dir, name);
	return path_buf;
}

static void check(const char *name, int ok, const char *fmt, ...)
{
	va_list ap;

	if (ok) {
		printf("PASS %s\n", name);
		return;
	}
	printf("FAIL %s: ", name);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
}

static void test_stdio_file(void)
{
	char line[64] = "";
	FILE *f = fopen(path("stdio.txt"), "w");

	if (!f) {
		check("stdio-file", 0, "fopen: %s", strerror(errno));
		return;
	}
	fprintf(f, "%d %s %.2f\n", 42, "words", 2.5);
	fclose(f);
	f = fopen(path("stdio.txt"), "a");
	fputs("second\n", f);
	fclose(f);
	f = fopen(path("stdio.txt"), "r");
	fgets(line, sizeof(line), f);
	check("stdio-file", strcmp(line, "42 words 2.50\n") == 0, "read %s", line);
	fgets(line, sizeof(line), f);
	check("stdio-append", strcmp(line, "second\n") == 0, "read %s", line);
	fclose(f);
	f = fopen(path("nonexistent/x"), "r");
	check("stdio-fopen-enoent", !f && errno == ENOENT, "errno %d", errno);
}

static void test_stdio_pipe(void)
{
	char *line = 0;
	size_t cap = 0;
	FILE *p = popen("echo piped; exit 3", "r");
	int status;

	if (!p) {
		check("popen", 0, "popen: %s", strerror(errno));
		return;
	}
	getline(&line, &cap, p);
	status = pclose(p);
	check("popen", line && strcmp(line, "piped\n") == 0, "got %s", line);
	check("pclose-status", WIFEXITED(status) && WEXITSTATUS(status) == 3,
	      "status %#x", status);
	free(line);
}

static void test_fork_exec_wait(void)
{
	int status, fds[2];
	char buf[16] = "";
	pid_t pid = fork();

	if (pid == 0)
		_exit(7);
	check("fork-wait-exit", waitpid(pid, &status, 0) == pid &&
	      WIFEXITED(status) && WEXITSTATUS(status) == 7, "status %#x", status);

	pid = fork();
	if (pid == 0) {
		raise(SIGTERM);
		_exit(0);
	}
	waitpid(pid, &status, 0);
	check("fork-wait-signal", WIFSIGNALED(status) &&
	      WTERMSIG(status) == SIGTERM, "status %#x", status);

	pipe(fds);
	pid = fork();
	if (pid == 0) {
		dup2(fds[1], 1);
		close(fds[0]);
		execlp("sh", "sh", "-c", "printf exec-ok", (char *)0);
		_exit(127);
	}
	close(fds[1]);
	read(fds[0], buf, sizeof(buf) - 1);
	close(fds[0]);
	waitpid(pid, &status, 0);
	check("exec-pipe", strcmp(buf, "exec-ok") == 0 && status == 0,
	      "got '%s' status %#x", buf, status);
	check("system", system("exit 5") == 5 << 8, "wrong status");
}

static volatile sig_atomic_t got_signal;

static void handler(int sig)
{
	got_signal = sig;
}

static void test_signals(void)
{
	struct sigaction sa;
	sigset_t set, old, pending;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = handler;
	sigaction(SIGUSR1, &sa, 0);
	kill(getpid(), SIGUSR1);
	check("signal-handler", got_signal == SIGUSR1, "got %d", got_signal);

	got_signal = 0;
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_BLOCK, &set, &old);
	raise(SIGUSR1);
	sigpending(&pending);
	check("sigprocmask-block", got_signal == 0 &&
	      sigismember(&pending, SIGUSR1) == 1, "handler ran while blocked");
	sigprocmask(SIG_SETMASK, &old, 0);
	check("sigprocmask-unblock", got_signal == SIGUSR1, "not delivered");
	check("signal-numbers", SIGCHLD == 17 && SIGSTOP == 19 && SIGTSTP == 20 &&
	      SIGUSR1 == 10, "non-Linux values");
	check("strsignal", strcmp(strsignal(SIGINT), "Interrupt") == 0,
	      "%s", strsignal(SIGINT));
}

#define NFILES 300

static void test_dirent(void)
{
	char name[64];
	int i, seen = 0, fd;
	struct dirent *de;
	DIR *d;

	mkdir(path("many"), 0755);
	for (i = 0; i < NFILES; i++) {
		snprintf(name, sizeof(name), "many/file-%03d", i);
		fd = open(path(name), O_WRONLY | O_CREAT, 0644);
		close(fd);
	}
	d = opendir(path("many"));
	if (!d) {
		check("dirent", 0, "opendir: %s", strerror(errno));
		return;
	}
	while ((de = readdir(d)))
		if (strncmp(de->d_name, "file-", 5) == 0 && de->d_type == DT_REG)
			seen++;
	closedir(d);
	check("dirent-many", seen == NFILES, "saw %d of %d", seen, NFILES);
	for (i = 0; i < NFILES; i++) {
		snprintf(name, sizeof(name), "many/file-%03d", i);
		unlink(path(name));
	}
	check("rmdir", rmdir(path("many")) == 0, "%s", strerror(errno));
}

static void test_stat(void)
{
	struct stat st;
	int fd = open(path("stat.bin"), O_WRONLY | O_CREAT | O_TRUNC, 0640);

	write(fd, "12345", 5);
	fchmod(fd, 0640);
	close(fd);
	if (stat(path("stat.bin"), &st) < 0) {
		check("stat", 0, "%s", strerror(errno));
		return;
	}
	check("stat-size", st.st_size == 5, "size %ld", (long)st.st_size);
	check("stat-mode", S_ISREG(st.st_mode) && (st.st_mode & 07777) == 0640,
	      "mode %o", st.st_mode);
	check("stat-owner", st.st_uid == getuid() && st.st_nlink == 1,
	      "uid %u nlink %u", st.st_uid, st.st_nlink);
	check("stat-mtime", st.st_mtime > 1600000000, "mtime %ld",
	      (long)st.st_mtime);
	symlink("stat.bin", path("stat.lnk"));
	check("lstat-link", lstat(path("stat.lnk"), &st) == 0 &&
	      S_ISLNK(st.st_mode), "not a link");
	unlink(path("stat.lnk"));
	unlink(path("stat.bin"));
	unlink(path("stdio.txt"));
}

static void test_errno(void)
{
	check("errno-enoent", open(path("no/such"), O_RDONLY) < 0 &&
	      errno == ENOENT && ENOENT == 2, "errno %d", errno);
	check("errno-enosys", ENOSYS == 38 && ENOTEMPTY == 39 && ELOOP == 40,
	      "non-Linux values");
	check("errno-eexist", mkdir(dir, 0755) < 0 && errno == EEXIST,
	      "errno %d", errno);
	check("strerror-enoent",
	      strcmp(strerror(ENOENT), "No such file or directory") == 0,
	      "%s", strerror(ENOENT));
	check("strerror-enosys",
	      strcmp(strerror(ENOSYS), "Function not implemented") == 0,
	      "%s", strerror(ENOSYS));
	check("strerror-unknown", strcmp(strerror(4000), "Unknown error 4000") == 0,
	      "%s", strerror(4000));
}

/* errno is thread-local: it must live in the TLS block tp points to. */
static void test_tls_errno(void)
{
	char *tp;

	__asm__("mv %0, tp" : "=r"(tp));
	check("tls-errno", (char *)&errno >= tp && (char *)&errno < tp + 4096,
	      "errno at %p, tp %p", (void *)&errno, (void *)tp);
}

static void test_passwd(void)
{
	FILE *f = fopen(path("passwd"), "w");
	struct passwd *pw;
	int n = 0, found = 0;

	fputs("root:x:0:0:root:/root:/bin/sh\n"
	      "alice:x:1000:1000:Alice A.:/home/alice:/bin/sh\n"
	      "broken line\n"
	      "bob:x:1001:100::/home/bob:\n", f);
	fclose(f);
	f = fopen(path("passwd"), "r");
	while ((pw = fgetpwent(f))) {
		n++;
		if (strcmp(pw->pw_name, "alice") == 0 && pw->pw_uid == 1000 &&
		    strcmp(pw->pw_dir, "/home/alice") == 0 &&
		    strcmp(pw->pw_gecos, "Alice A.") == 0)
			found = 1;
	}
	fclose(f);
	unlink(path("passwd"));
	check("passwd-parse", n == 3 && found, "%d entries, alice %d", n, found);
	pw = getpwuid(0);
	check("getpwuid-root", pw && strcmp(pw->pw_name, "root") == 0,
	      "no root in /etc/passwd");
	pw = getpwnam("no-such-user-here");
	check("getpwnam-missing", pw == 0, "found a phantom user");
}

static void test_termios(void)
{
	struct termios t;
	char buf[16] = "";
	int m = posix_openpt(O_RDWR | O_NOCTTY), s;

	if (m < 0 || grantpt(m) < 0 || unlockpt(m) < 0) {
		check("pty-open", 0, "%s", strerror(errno));
		return;
	}
	s = open(ptsname(m), O_RDWR | O_NOCTTY);
	check("pty-open", s >= 0 && isatty(s) && !isatty(1) == !isatty(1),
	      "%s", strerror(errno));
	if (s < 0)
		return;
	check("tcgetattr", tcgetattr(s, &t) == 0 && (t.c_lflag & ICANON),
	      "lflag %#x", t.c_lflag);
	cfsetospeed(&t, B9600);
	cfmakeraw(&t);
	check("tcsetattr", tcsetattr(s, TCSANOW, &t) == 0, "%s",
	      strerror(errno));
	tcgetattr(s, &t);
	check("termios-raw", !(t.c_lflag & (ICANON | ECHO)) &&
	      cfgetospeed(&t) == B9600, "lflag %#x speed %#x", t.c_lflag,
	      cfgetospeed(&t));
	write(m, "abc", 3);
	check("pty-raw-read", read(s, buf, sizeof(buf)) == 3 &&
	      strcmp(buf, "abc") == 0, "got '%s'", buf);
	close(s);
	close(m);
}

static void test_clock_malloc(void)
{
	struct timespec a, b;
	size_t size = 64u << 20;
	char *p;

	clock_gettime(CLOCK_MONOTONIC, &a);
	clock_gettime(CLOCK_MONOTONIC, &b);
	check("clock-monotonic", b.tv_sec > a.tv_sec ||
	      (b.tv_sec == a.tv_sec && b.tv_nsec >= a.tv_nsec), "went back");
	clock_gettime(CLOCK_REALTIME, &a);
	check("clock-realtime", a.tv_sec > 1600000000 && time(0) >= a.tv_sec,
	      "time %ld", (long)a.tv_sec);
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &a);
	check("clock-cputime", clock() >= a.tv_sec * CLOCKS_PER_SEC +
	      a.tv_nsec / (1000000000L / CLOCKS_PER_SEC), "clock() %ld behind",
	      (long)clock());
	p = malloc(size);
	if (p) {
		memset(p, 0x5a, size);
		check("malloc-64MiB", p[size - 1] == 0x5a, "bad memory");
	} else {
		check("malloc-64MiB", 0, "%s", strerror(errno));
	}
	free(p);
}

static void test_getopt(void)
{
	static const struct option longopts[] = {
		{ "verbose", no_argument, 0, 'v' },
		{ "name", required_argument, 0, 'n' },
		{ 0, 0, 0, 0 },
	};
	char *argv[] = { "prog", "-v", "--name=x", "-n", "y", "rest", 0 };
	int c, v = 0, n = 0;
	char names[8] = "";

	optind = 1;
	while ((c = getopt_long(6, argv, "vn:", longopts, 0)) != -1) {
		if (c == 'v')
			v++;
		else if (c == 'n' && n < 2)
			names[n++] = optarg[0];
	}
	check("getopt_long", v == 1 && strcmp(names, "xy") == 0 && optind == 5,
	      "v %d names %s optind %d", v, names, optind);
}

static void test_glob_realpath(void)
{
	char buf[PATH_MAX], real[PATH_MAX];
	glob_t g;
	int fd, i;

	for (i = 0; i < 3; i++) {
		snprintf(buf, sizeof(buf), "%s/g%d.txt", dir, i);
		fd = open(buf, O_WRONLY | O_CREAT, 0644);
		close(fd);
	}
	snprintf(buf, sizeof(buf), "%s/g*.txt", dir);
	check("glob", glob(buf, 0, 0, &g) == 0 && g.gl_pathc == 3 &&
	      strstr(g.gl_pathv[2], "g2.txt"), "matched %zu", g.gl_pathc);
	globfree(&g);
	snprintf(buf, sizeof(buf), "%s/none*", dir);
	check("glob-nomatch", glob(buf, 0, 0, &g) == GLOB_NOMATCH, "matched");
	snprintf(buf, sizeof(buf), "%s/./g1.txt", dir);
	check("realpath", realpath(buf, real) && real[0] == '/' &&
	      strstr(real, "/./") == 0 && strstr(real, "g1.txt"), "%s", real);
	for (i = 0; i < 3; i++) {
		snprintf(buf, sizeof(buf), "%s/g%d.txt", dir, i);
		unlink(buf);
	}
}

static void test_strings_env_time(void)
{
	regex_t re;
	regmatch_t m[2];
	struct tm *tm;
	time_t t = 86400 * 365;
	char out[64];

	check("regex", regcomp(&re, "b(c+)d", REG_EXTENDED) == 0 &&
	      regexec(&re, "abcccde", 2, m, 0) == 0 && m[1].rm_so == 2 &&
	      m[1].rm_eo == 5, "no match");
	regfree(&re);
	setenv("LIBCTEST_VAR", "one", 1);
	setenv("LIBCTEST_VAR", "two", 0);
	check("setenv", strcmp(getenv("LIBCTEST_VAR"), "one") == 0, "%s",
	      getenv("LIBCTEST_VAR"));
	unsetenv("LIBCTEST_VAR");
	check("unsetenv", getenv("LIBCTEST_VAR") == 0, "still set");
	tm = gmtime(&t);
	strftime(out, sizeof(out), "%Y-%m-%d %H:%M:%S", tm);
	check("strftime", strcmp(out, "1971-01-01 00:00:00") == 0, "%s", out);
}

static volatile pid_t info_pid;

static void info_handler(int sig, siginfo_t *info, void *ctx)
{
	(void)sig;
	(void)ctx;
	info_pid = info->si_pid;
}

static void test_siginfo_sleep(void)
{
	struct sigaction sa;
	struct timespec req = { 0, 1000000 }, a, b;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = info_handler;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGUSR2, &sa, 0);
	kill(getpid(), SIGUSR2);
	check("sigaction-siginfo", info_pid == getpid(), "si_pid %d",
	      (int)info_pid);
	clock_gettime(CLOCK_MONOTONIC, &a);
	nanosleep(&req, 0);
	clock_gettime(CLOCK_MONOTONIC, &b);
	check("nanosleep", (b.tv_sec - a.tv_sec) * 1000000000L +
	      (b.tv_nsec - a.tv_nsec) >= 1000000, "returned early");
}

static void test_groups(void)
{
	struct group *gr = getgrgid(0);
	gid_t groups[16];
	int n = 16;

	check("getgrgid-root", gr && strcmp(gr->gr_name, "root") == 0,
	      "no group 0 in /etc/group");
	check("getgrouplist", getgrouplist("root", 0, groups, &n) >= 1 &&
	      groups[0] == 0, "n %d", n);
}

/* A new session takes the pty as controlling terminal and its foreground. */
static void test_controlling_tty(void)
{
	int m = posix_openpt(O_RDWR | O_NOCTTY), s, status;
	pid_t pid;

	if (m < 0 || grantpt(m) < 0 || unlockpt(m) < 0) {
		check("ctty", 0, "%s", strerror(errno));
		return;
	}
	pid = fork();
	if (pid == 0) {
		int ok;

		setsid();
		s = open(ptsname(m), O_RDWR);
		ok = s >= 0 && ioctl(s, TIOCSCTTY, 0) == 0 &&
		     getsid(0) == getpid() && tcsetpgrp(s, getpid()) == 0 &&
		     tcgetpgrp(s) == getpid() && ttyname(s) &&
		     strcmp(ttyname(s), ptsname(m)) == 0;
		_exit(ok ? 0 : 1);
	}
	waitpid(pid, &status, 0);
	check("ctty-session-pgrp", status == 0, "status %#x", status);
	close(m);
}

/* A hash glibc's crypt() gives for this key and setting. */
static void test_crypt(void)
{
	const char *want = "$6$saltsalt$pauPrmdmG4BTE9h2HPmywiw152IFch6BJCEsaY"
			   "6D.PLTfpV8sqvXwWdyfsgVgozkYH9B80bAip/08R2BPH2xk/";
	const char *got = crypt("pw", "$6$saltsalt$");

	check("crypt-sha512", got && strcmp(got, want) == 0, "got %s", got);
}

int main(int argc, char **argv)
{
	if (argc > 1)
		dir = argv[1];
	setvbuf(stdout, 0, _IOLBF, 0);
	test_stdio_file();
	test_stdio_pipe();
	test_fork_exec_wait();
	test_signals();
	test_dirent();
	test_stat();
	test_errno();
	test_tls_errno();
	test_passwd();
	test_termios();
	test_clock_malloc();
	test_crypt();
	test_getopt();
	test_glob_realpath();
	test_strings_env_time();
	test_siginfo_sleep();
	test_groups();
	test_controlling_tty();
	return 0;
}
