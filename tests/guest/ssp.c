/*
 * ssp.c - the stack protector: a function that writes past its local
 * array is stopped when it returns, as glibc stops it: the message
 * "*** stack smashing detected ***: terminated" on stderr and death by
 * SIGABRT.  The canary is the libc's, set from AT_RANDOM at start.  Built
 * with our libc and -fstack-protector-strong (libc.mk), with glibc, and
 * natively on the host, where Linux and glibc are the oracle; the
 * attribute below asks for the check in every build.
 */
#include <signal.h>
#include <stdint.h>
#include <sys/wait.h>
#include "t.h"

#define SMASHED "*** stack smashing detected ***: terminated\n"
#define OVERRUN 64

/* How far to write, hidden from the compiler (which would warn, or fold). */
static volatile size_t overrun = OVERRUN;

/* Writes len bytes of 'A' into an 8-byte array: len past 8 smashes it. */
__attribute__((noinline, optimize("stack-protector-all")))
static int fill(size_t len)
{
	char buf[8];
	memset(buf, 'A', len);
	__asm__ volatile ("" : : "r"(buf) : "memory");
	return buf[0];
}

/* Run fill(len) in a child with stderr on a pipe: its wait status, and
 * what it wrote in out. */
static int run_fill(size_t len, char *out, size_t outlen)
{
	int fds[2];
	if (pipe(fds) != 0)
		return -1;
	pid_t pid = fork();
	if (pid == 0) {
		dup2(fds[1], 2);
		close(fds[0]);
		close(fds[1]);
		fill(len);
		_exit(0);
	}
	close(fds[1]);
	size_t got = 0;
	ssize_t n;
	while (got < outlen - 1 && (n = read(fds[0], out + got, outlen - 1 - got)) > 0)
		got += n;
	out[got] = 0;
	close(fds[0]);
	int status;
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return -1;
	return status;
}

int main(void)
{
	char msg[256];
	int status = run_fill(8, msg, sizeof(msg));
	check("ssp-in-bounds", status == 0 && msg[0] == 0, "status %#x, stderr '%s'", status, msg);
	status = run_fill(overrun, msg, sizeof(msg));
	check("ssp-smash-sigabrt", status != -1 && WIFSIGNALED(status) &&
	      WTERMSIG(status) == SIGABRT, "status %#x", status);
	check("ssp-smash-message", strcmp(msg, SMASHED) == 0, "stderr '%s'", msg);
	return 0;
}
