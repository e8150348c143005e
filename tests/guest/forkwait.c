/*
 * forkwait.c - the exit/wait handshake under load: 3000 rounds of fork,
 * child exit and wait4 for it, with children on other harts exiting while
 * the parent goes to sleep in wait4.  A lost wakeup hangs here (testinit's
 * watchdog then reports the test as killed).
 */
#include <sys/wait.h>
#include "t.h"

#define ROUNDS 3000

int main(void)
{
	int bad = 0, status, i;

	for (i = 0; i < ROUNDS && !bad; i++) {
		pid_t pid = fork();

		if (pid == 0)
			_exit(i & 0x7f);
		if (pid < 0) {
			bad = 1;
			break;
		}
		if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
		    WEXITSTATUS(status) != (i & 0x7f))
			bad = 2;
	}
	check("fork-exit-wait-3000-rounds", !bad, "round %d: %s status %#x", i,
	      bad == 1 ? "fork failed" : "wrong wait", status);
	return 0;
}
