/*
 * exec.c - execve and its front ends.  The execvp family searches PATH
 * (default "/bin:/usr/bin") and runs a file the kernel refuses with ENOEXEC
 * through /bin/sh, as POSIX asks.
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "syscall.h"

#define DEFAULT_PATH "/bin:/usr/bin"
#define MAX_EXEC_ARGS 4096

int execve(const char *path, char *const argv[], char *const envp[])
{
	return SC3(SYS_execve, path, argv, envp);
}

int fexecve(int fd, char *const argv[], char *const envp[])
{
	return SC5(SYS_execveat, fd, "", argv, envp, 0x1000 /* AT_EMPTY_PATH */);
}

int execv(const char *path, char *const argv[])
{
	return execve(path, argv, environ);
}

/* Runs a script without a #! line: /bin/sh path args... */
static void exec_as_script(const char *path, char *const argv[],
			   char *const envp[])
{
	int argc = 0;
	char **shargv;

	while (argv[argc])
		argc++;
	shargv = malloc(sizeof(char *) * (size_t)(argc + 2));
	if (!shargv)
		return;
	shargv[0] = "sh";
	shargv[1] = (char *)path;
	memcpy(shargv + 2, argv + 1, sizeof(char *) * (size_t)argc);
	execve("/bin/sh", shargv, envp);
	free(shargv);
}

static int try_exec(const char *path, char *const argv[], char *const envp[])
{
	execve(path, argv, envp);
	if (errno == ENOEXEC) {
		exec_as_script(path, argv, envp);
		errno = ENOEXEC;
	}
	return -1;
}

/* file (no '/' in it) in each directory of PATH.  A function of its own
 * so that its PATH_MAX buffer is on the stack only for a search: a
 * process cloned onto a small stack (isolate's child) execs a path. */
static __attribute__((noinline)) int exec_search(const char *file, char *const argv[],
						 char *const envp[])
{
	const char *path, *p, *end;
	char buf[PATH_MAX];
	int saw_eacces = 0;
	size_t flen, dlen;

	path = getenv("PATH");
	if (!path)
		path = DEFAULT_PATH;
	flen = strlen(file);
	for (p = path;; p = end + 1) {
		end = strchr(p, ':');
		if (!end)
			end = p + strlen(p);
		dlen = (size_t)(end - p);
		if (dlen + flen + 2 <= sizeof(buf)) {
			memcpy(buf, p, dlen);
			if (dlen == 0)
				buf[dlen++] = '.';
			buf[dlen] = '/';
			memcpy(buf + dlen + 1, file, flen + 1);
			try_exec(buf, argv, envp);
			if (errno == EACCES)
				saw_eacces = 1;
			else if (errno != ENOENT && errno != ENOTDIR)
				return -1;
		}
		if (!*end)
			break;
	}
	errno = saw_eacces ? EACCES : ENOENT;
	return -1;
}

int execvpe(const char *file, char *const argv[], char *const envp[])
{
	if (!*file) {
		errno = ENOENT;
		return -1;
	}
	if (strchr(file, '/'))
		return try_exec(file, argv, envp);
	return exec_search(file, argv, envp);
}

int execvp(const char *file, char *const argv[])
{
	return execvpe(file, argv, environ);
}

/* Collects the NULL-terminated variadic argument list of execl*. */
static char **collect_args(const char *arg0, va_list ap, char ***envp_out)
{
	static char *args[MAX_EXEC_ARGS];
	int n = 0;
	char *a;

	args[n++] = (char *)arg0;
	if (arg0) {
		while ((a = va_arg(ap, char *)) != 0) {
			if (n == MAX_EXEC_ARGS - 1) {
				errno = E2BIG;
				return 0;
			}
			args[n++] = a;
		}
	}
	args[n] = 0;
	if (envp_out)
		*envp_out = va_arg(ap, char **);
	return args;
}

int execl(const char *path, const char *arg0, ...)
{
	va_list ap;
	char **args;

	va_start(ap, arg0);
	args = collect_args(arg0, ap, 0);
	va_end(ap);
	return args ? execve(path, args, environ) : -1;
}

int execlp(const char *file, const char *arg0, ...)
{
	va_list ap;
	char **args;

	va_start(ap, arg0);
	args = collect_args(arg0, ap, 0);
	va_end(ap);
	return args ? execvp(file, args) : -1;
}

int execle(const char *path, const char *arg0, ...)
{
	va_list ap;
	char **args, **envp;

	va_start(ap, arg0);
	args = collect_args(arg0, ap, &envp);
	va_end(ap);
	return args ? execve(path, args, envp) : -1;
}
