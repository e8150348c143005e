/* spawn.c - fork, execve ARGV[1..] with GREETING=hi, wait, report status. */
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	char *envp[] = { "GREETING=hi", 0 };
	int status;
	pid_t pid;

	if (argc < 2) {
		fprintf(stderr, "usage: spawn program [args...]\n");
		return 2;
	}
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		execve(argv[1], argv + 1, envp);
		perror(argv[1]);
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid) {
		perror("spawn");
		return 1;
	}
	printf("child exited: %d, status %d\n", WIFEXITED(status), WEXITSTATUS(status));
	return 3;
}
