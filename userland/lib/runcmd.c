/* runcmd.c - see runcmd.h. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "runcmd.h"

int
exec_command_or_shell(const char *prog, char *const argv[])
{
	if (argv[0] != NULL) {
		execvp(argv[0], argv);
		fprintf(stderr, "%s: execvp: %s: %s\n", prog, argv[0], strerror(errno));
		return errno == ENOENT ? 127 : 126;
	}
	const char *shell = getenv("SHELL");
	if (shell == NULL || shell[0] == '\0')
		shell = "/bin/sh";
	execl(shell, shell, (char *)NULL);
	fprintf(stderr, "%s: execl: %s: %s\n", prog, shell, strerror(errno));
	return 127;
}

void
exit_as_child(const char *prog, pid_t child)
{
	int status;

	while (waitpid(child, &status, 0) < 0) {
		if (errno != EINTR) {
			fprintf(stderr, "%s: waitpid: child: %s\n", prog, strerror(errno));
			exit(1);
		}
	}
	if (WIFSIGNALED(status)) {
		signal(WTERMSIG(status), SIG_DFL);
		kill(getpid(), WTERMSIG(status));
		exit(128 + WTERMSIG(status));
	}
	exit(WEXITSTATUS(status));
}
