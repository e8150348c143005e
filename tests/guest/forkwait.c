/*
 * forkwait.c - the exit/wait handshake under load: 3000 rounds of fork,
 * child exit and wait4 for it, with children on other harts exiting while
 * the parent goes to sleep in wait4.  A lost wakeup hangs here (testinit's
 * watchdog then reports the test as killed).  Then 2000 rounds of fork,
 * execve of /bin/true and wait: a freshly exec'd program's first return
 * to user mode must survive an interrupt arriving at that moment.
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

	int failed = 0, first = 0;
	for (i = 0; i < 2000; i++) {
		pid_t pid = fork();
		if (pid == 0) {
			execl("/bin/true", "true", (char *)NULL);
			_exit(127);
		}
		if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
		    WEXITSTATUS(status) != 0) {
			if (!failed++)
				first = status;
		}
	}
	check("fork-exec-wait-2000-rounds", !failed, "%d rounds failed, the first with status %#x",
	      failed, first);
	return 0;
}
