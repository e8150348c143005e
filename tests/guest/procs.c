/*
 * procs.c - processes and memory: wait4 statuses, execve with argv and
 * envp, #! scripts, reparenting to init, copy-on-write, mmap/munmap/
 * mprotect faults, brk, a large malloc and a 1 MiB pipe transfer.
 */
#include <fcntl.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include "t.h"

/* status_of: fork, run fn in the child (its return is the exit code), wait. */
static int status_of(int (*fn)(void))
{
	int status = -1;
	pid_t pid = fork();

	if (pid == 0)
		_exit(fn());
	if (pid < 0)
		return -1;
	waitpid(pid, &status, 0);
	return status;
}

static int exit_42(void) { return 42; }
static int exit_255(void) { return 255; }
static int touch_bad_pointer(void)
{
	int *volatile bad = (int *)16;

	*bad = 1;
	return 0;
}
static int self_term(void) { kill(getpid(), SIGTERM); return 0; }

static int touch_after_munmap(void)
{
	char *m = mmap(0, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (m == MAP_FAILED)
		return 1;
	m[0] = 1;
	m[4096] = 2;
	if (munmap(m, 8192) != 0)
		return 2;
	return *(volatile char *)m;
}

static int write_readonly(void)
{
	char *m = mmap(0, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (m == MAP_FAILED)
		return 1;
	m[0] = 'a';
	if (mprotect(m, 4096, PROT_READ) != 0)
		return 2;
	if (m[0] != 'a')
		return 3;
	*(volatile char *)m = 'b';
	return 0;
}

static void test_wait(void)
{
	int s;
	pid_t pid;

	s = status_of(exit_42);
	check("wait-exit-42", WIFEXITED(s) && WEXITSTATUS(s) == 42, "status %#x", s);
	s = status_of(exit_255);
	check("wait-exit-255", WIFEXITED(s) && WEXITSTATUS(s) == 255, "status %#x", s);
	s = status_of(touch_bad_pointer);
	check("wait-sigsegv-bad-pointer", WIFSIGNALED(s) && WTERMSIG(s) == SIGSEGV,
	      "status %#x", s);
	s = status_of(self_term);
	check("wait-sigterm-default", WIFSIGNALED(s) && WTERMSIG(s) == SIGTERM, "status %#x", s);
	pid = fork();
	if (pid == 0) {
		for (;;)
			pause();
	}
	check("wait-wnohang-running", waitpid(pid, &s, WNOHANG) == 0, "child not running");
	kill(pid, SIGKILL);
	check("wait-sigkill", waitpid(pid, &s, 0) == pid && WIFSIGNALED(s) &&
	      WTERMSIG(s) == SIGKILL, "status %#x", s);
	s = status_of(touch_after_munmap);
	check("munmap-then-access-sigsegv", WIFSIGNALED(s) && WTERMSIG(s) == SIGSEGV,
	      "status %#x", s);
	s = status_of(write_readonly);
	check("mprotect-readonly-write-sigsegv", WIFSIGNALED(s) && WTERMSIG(s) == SIGSEGV,
	      "status %#x", s);
}

/* run_capture: execve argv/envp in a child, return its stdout (and status). */
static const char *run_capture(char *const argv[], char *const envp[], int *status)
{
	static char out[4096];
	size_t len = 0;
	ssize_t n;
	int p[2];
	pid_t pid;

	pipe(p);
	pid = fork();
	if (pid == 0) {
		dup2(p[1], 1);
		close(p[0]);
		close(p[1]);
		execve(argv[0], argv, envp);
		printf("execve: %s\n", strerror(errno));
		fflush(stdout);
		_exit(127);
	}
	close(p[1]);
	while (len < sizeof(out) - 1 && (n = read(p[0], out + len, sizeof(out) - 1 - len)) > 0)
		len += n;
	out[len] = 0;
	close(p[0]);
	waitpid(pid, status, 0);
	return out;
}

static void write_script(const char *path, const char *text)
{
	int fd = open(path, O_CREAT | O_WRONLY | O_TRUNC, 0755);

	(void)!write(fd, text, strlen(text));
	close(fd);
}

static void test_exec(void)
{
	char helper[256], script[256], shscript[256], text[300], want[1024];
	char *envp[] = { "X=1", "Y=two words", "EMPTY=", 0 };
	const char *out;
	int s;

	snprintf(helper, sizeof(helper), "%s", t_path(T_BIN, "helper"));
	out = run_capture((char *[]){ helper, "a b", "", "c", 0 }, envp, &s);
	snprintf(want, sizeof(want), "argc=4\nargv[0]=%s\nargv[1]=a b\nargv[2]=\n"
		 "argv[3]=c\nenv=X=1\nenv=Y=two words\nenv=EMPTY=\n", helper);
	check("execve-argv-envp", strcmp(out, want) == 0 && s == 0, "got '%s'", out);
	out = run_capture((char *[]){ helper, 0 }, (char *[]){ 0 }, &s);
	snprintf(want, sizeof(want), "argc=1\nargv[0]=%s\n", helper);
	check("execve-empty-envp", strcmp(out, want) == 0, "got '%s'", out);

	snprintf(script, sizeof(script), "%s/procs-script", T_TMP);
	snprintf(text, sizeof(text), "#!%s  one-arg\nignored\n", helper);
	write_script(script, text);
	out = run_capture((char *[]){ script, "x", 0 }, (char *[]){ 0 }, &s);
	snprintf(want, sizeof(want), "argc=4\nargv[0]=%s\nargv[1]=one-arg\n"
		 "argv[2]=%s\nargv[3]=x\n", helper, script);
	check("execve-shebang-argument", strcmp(out, want) == 0, "got '%s'", out);
	snprintf(shscript, sizeof(shscript), "%s/procs-sh", T_TMP);
	write_script(shscript, "#!/bin/sh\necho \"sh: $# $1\"\nexit 7\n");
	out = run_capture((char *[]){ shscript, "arg", 0 }, (char *[]){ 0 }, &s);
	check("execve-shebang-bin-sh", strcmp(out, "sh: 1 arg\n") == 0 && WIFEXITED(s) &&
	      WEXITSTATUS(s) == 7, "got '%s' status %#x", out, s);
	write_script(script, "no interpreter line\n");
	out = run_capture((char *[]){ script, 0 }, (char *[]){ 0 }, &s);
	check("execve-not-elf-enoexec", strstr(out, strerror(ENOEXEC)) != 0, "got '%s'", out);
	chmod(script, 0644);
	out = run_capture((char *[]){ script, 0 }, (char *[]){ 0 }, &s);
	check("execve-not-executable-eacces", strstr(out, strerror(EACCES)) != 0, "got '%s'",
	      out);
	unlink(script);
	unlink(shscript);
}

static void test_reparent(void)
{
	int go[2], back[2], s;
	pid_t a;
	char answer[32] = "";

	pipe(go);
	pipe(back);
	a = fork();
	if (a == 0) {
		if (fork() == 0) {
			char c;

			close(go[1]);
			(void)!read(go[0], &c, 1);
			snprintf(answer, sizeof(answer), "%d", (int)getppid());
			(void)!write(back[1], answer, strlen(answer));
			_exit(0);
		}
		_exit(0);
	}
	waitpid(a, &s, 0);
	close(go[0]);
	close(back[1]);
	(void)!write(go[1], "x", 1);
	close(go[1]);
	(void)!read(back[0], answer, sizeof(answer) - 1);
	close(back[0]);
	check("getppid-after-parent-exit-is-1", strcmp(answer, "1") == 0,
	      "orphan's getppid() is '%s'", answer);
}

static void test_memory(void)
{
	static int shared_value = 1234;
	static char big[1 << 20];
	int p[2], s;
	char got[64] = "";
	pid_t pid;

	memset(big, 'p', sizeof(big));
	pipe(p);
	pid = fork();
	if (pid == 0) {
		snprintf(got, sizeof(got), "%d %c", shared_value, big[777777]);
		shared_value = 99;
		memset(big, 'c', sizeof(big));
		(void)!write(p[1], got, strlen(got));
		_exit(shared_value == 99 && big[777777] == 'c' ? 0 : 1);
	}
	close(p[1]);
	(void)!read(p[0], got, sizeof(got) - 1);
	close(p[0]);
	waitpid(pid, &s, 0);
	check("cow-child-sees-parent-data", strcmp(got, "1234 p") == 0, "child saw '%s'", got);
	check("cow-child-writes-own-copy", WIFEXITED(s) && WEXITSTATUS(s) == 0, "status %#x", s);
	check("cow-parent-unchanged", shared_value == 1234 && big[0] == 'p' &&
	      big[sizeof(big) - 1] == 'p', "parent sees %d %c", shared_value, big[0]);

	{
		char *old = sbrk(0), *grown;
		grown = sbrk(1 << 20);
		check("brk-grow-1mib", grown == old && sbrk(0) == old + (1 << 20),
		      "sbrk gave %p, was %p", grown, old);
		if (grown == old) {
			memset(grown, 0x5a, 1 << 20);
			check("brk-memory-usable", grown[(1 << 20) - 1] == 0x5a, "");
			check("brk-shrink", sbrk(-(1 << 20)) != (void *)-1 && sbrk(0) == old,
			      "sbrk(0) %p", sbrk(0));
		}
	}
	{
		size_t size = 64 << 20;
		unsigned char *m = malloc(size);
		unsigned long sum = 0, want = 0;

		if (check("malloc-64mib", m != 0, "malloc returned NULL")) {
			for (size_t i = 0; i < size; i += 512)
				m[i] = (unsigned char)(i >> 9);
			for (size_t i = 0; i < size; i += 512) {
				sum += m[i];
				want += (unsigned char)(i >> 9);
			}
			check("malloc-64mib-touched", sum == want && m[1] == 0,
			      "sum %lu want %lu", sum, want);
			free(m);
		}
	}
	{
		char path[256];
		int fd;
		char *m;

		snprintf(path, sizeof(path), "%s/procs-mmap", T_TMP);
		fd = open(path, O_CREAT | O_RDWR | O_TRUNC, 0644);
		(void)!write(fd, "mapped file contents", 20);
		m = mmap(0, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
		check("mmap-file-private-read", m != MAP_FAILED &&
		      memcmp(m, "mapped file contents\0", 21) == 0, "%s", strerror(errno));
		if (m != MAP_FAILED) {
			char buf[8] = "";
			m[0] = 'M';
			pread(fd, buf, 6, 0);
			check("mmap-private-write-not-in-file", memcmp(buf, "mapped", 6) == 0,
			      "file has '%s'", buf);
			munmap(m, 4096);
		}
		close(fd);
		unlink(path);
	}
}

static void test_pipe_transfer(void)
{
	enum { TOTAL = 1 << 20 };
	static unsigned char buf[7919];
	unsigned long sum = 0, want = 0;
	long got = 0;
	int p[2], s;
	ssize_t n;
	pid_t pid;

	pipe(p);
	pid = fork();
	if (pid == 0) {
		long sent = 0;

		close(p[0]);
		while (sent < TOTAL) {
			size_t len = sizeof(buf);
			if (len > (size_t)(TOTAL - sent))
				len = TOTAL - sent;
			for (size_t i = 0; i < len; i++)
				buf[i] = (unsigned char)((sent + i) * 7 + (sent + i) / 251);
			if (write(p[1], buf, len) != (ssize_t)len)
				_exit(1);
			sent += len;
		}
		_exit(0);
	}
	close(p[1]);
	while ((n = read(p[0], buf, 4000)) > 0) {
		for (ssize_t i = 0; i < n; i++) {
			sum = sum * 33 + buf[i];
			want = want * 33 + (unsigned char)((got + i) * 7 + (got + i) / 251);
		}
		got += n;
	}
	close(p[0]);
	waitpid(pid, &s, 0);
	check("pipe-1mib-between-processes", got == TOTAL && sum == want && s == 0,
	      "got %ld bytes, sums %lx/%lx, writer status %#x", got, sum, want, s);
}

int main(void)
{
	test_wait();
	test_exec();
	test_reparent();
	test_memory();
	test_pipe_transfer();
	return 0;
}
