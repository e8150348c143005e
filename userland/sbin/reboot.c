/*
 * reboot: restart the machine.
 *   reboot [-f]
 * Normally asks init (PID 1) with SIGINT (Linux's ctrl-alt-del
 * convention), so that it stops every process and unmounts filesystems
 * first.  With -f, or when there is no init to ask or it has not
 * finished within a grace period, syncs and calls reboot(2) with
 * LINUX_REBOOT_CMD_RESTART (RB_AUTOBOOT) itself.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/reboot.h>
#include <unistd.h>

#define INIT_PID 1
#define INIT_SIGNAL SIGINT
#define REBOOT_CMD RB_AUTOBOOT
#define PROG "reboot"
/* init needs about 2 s to stop processes; give it ample time. */
#define INIT_GRACE_SECONDS 15

int
main(int argc, char *argv[])
{
	int force = 0, c;

	while ((c = getopt(argc, argv, "f")) != -1) {
		if (c != 'f') {
			fprintf(stderr, "usage: " PROG " [-f]\n");
			return 1;
		}
		force = 1;
	}
	if (optind < argc) {
		fprintf(stderr, "usage: " PROG " [-f]\n");
		return 1;
	}
	sync();
	if (!force) {
		if (kill(INIT_PID, INIT_SIGNAL) == 0) {
			sleep(INIT_GRACE_SECONDS);
			fprintf(stderr, PROG ": init did not answer; forcing\n");
		} else if (errno != ESRCH) {
			fprintf(stderr, PROG ": init: %s\n", strerror(errno));
			return 1;
		}
	}
	sync();
	reboot(REBOOT_CMD);
	fprintf(stderr, PROG ": reboot: %s\n", strerror(errno));
	return 1;
}
