/*
 * procstatus.c - /proc/self/status through stdio: prints the lines that do
 * not depend on the process's number or the emulator (State, Uid, Gid) and
 * whether Pid and PPid agree with getpid() and getppid().
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(void)
{
	FILE *f = fopen("/proc/self/status", "r");
	char line[256];
	int name = 0, pid = -1, ppid = -1;

	if (!f) {
		perror("/proc/self/status");
		return 1;
	}
	while (fgets(line, sizeof(line), f)) {
		if (strncmp(line, "State:", 6) == 0 || strncmp(line, "Uid:", 4) == 0 ||
		    strncmp(line, "Gid:", 4) == 0)
			fputs(line, stdout);
		else if (strncmp(line, "Name:", 5) == 0)
			name = 1;
		sscanf(line, "Pid: %d", &pid);
		sscanf(line, "PPid: %d", &ppid);
	}
	fclose(f);
	printf("Name: line: %s\n", name ? "present" : "missing");
	printf("Pid matches getpid: %s\n", pid == getpid() ? "yes" : "no");
	printf("PPid matches getppid: %s\n", ppid == getppid() ? "yes" : "no");
	return 0;
}
