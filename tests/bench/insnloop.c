/*
 * insnloop: the guest half of tests/bench/insnprof, run as PID 1.  Reads
 * insnprof.n=N and insnprof.cmd=PROGRAM,ARG,... from /proc/cmdline and
 * starts the command N times in a row (fork, execve, wait), then powers
 * off.  ASLR is turned off first, so that every run does the same work.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAX_ARGS 32

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

int main(void)
{
	char line[2048] = "", cmd[1024] = "/bin/true", *argv[MAX_ARGS + 1];
	char *envp[] = { "PATH=/bin:/sbin", NULL };
	long n = 0;
	int argc = 0;

	mount("proc", "/proc", "proc", 0, NULL);
	mount("tmpfs", "/tmp", "tmpfs", 0, NULL);
	FILE *f = fopen("/proc/cmdline", "r");
	if (f) {
		if (!fgets(line, sizeof(line), f))
			line[0] = '\0';
		fclose(f);
	}
	char *p = strstr(line, "insnprof.n=");
	if (p)
		n = atol(p + strlen("insnprof.n="));
	p = strstr(line, "insnprof.cmd=");
	if (p)
		sscanf(p + strlen("insnprof.cmd="), "%1023s", cmd);
	for (char *t = strtok(cmd, ","); t && argc < MAX_ARGS; t = strtok(NULL, ","))
		argv[argc++] = t;
	argv[argc] = NULL;
	write_file("/proc/sys/kernel/randomize_va_space", "0");
	for (long i = 0; i < n; i++) {
		int status;
		pid_t pid = fork();
		if (pid == 0) {
			execve(argv[0], argv, envp);
			_exit(127);
		}
		if (pid < 0 || waitpid(pid, &status, 0) < 0) {
			perror("insnloop");
			break;
		}
		if (i == 0 && status)
			printf("insnloop: %s: status %#x\n", argv[0], status);
	}
	fflush(stdout);
	sync();
	reboot(RB_POWER_OFF);
	return 0;
}
