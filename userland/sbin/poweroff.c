/*
 * poweroff, reboot: shut the machine down or restart it; one program
 * installed under both names, which chooses by the name it is run as.
 *   poweroff [-f]
 *   reboot [-f]
 * Normally asks init (PID 1) to do it, so that it stops every process
 * and unmounts filesystems first: SIGUSR2 for poweroff, SIGINT for
 * reboot (Linux's ctrl-alt-del convention).  With -f, or when there is
 * no init to ask or it has not finished within a grace period, syncs
 * and calls reboot(2) itself with LINUX_REBOOT_CMD_POWER_OFF
 * (RB_POWER_OFF) or LINUX_REBOOT_CMD_RESTART (RB_AUTOBOOT).
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/reboot.h>
#include <unistd.h>

#define INIT_PID 1
/* init needs about 2 s to stop processes; give it ample time. */
#define INIT_GRACE_SECONDS 15

struct action {
	const char *name;	/* the program's name */
	int init_signal;	/* what init is asked with */
	int reboot_cmd;		/* what reboot(2) is called with */
};

static const struct action actions[] = {
	{ "poweroff", SIGUSR2, RB_POWER_OFF },
	{ "reboot", SIGINT, RB_AUTOBOOT },
};
#define NACTIONS (sizeof(actions) / sizeof(actions[0]))

/* The action named by argv[0]'s last component; poweroff if none is. */
static const struct action *
action_for(const char *argv0)
{
	const char *slash = strrchr(argv0, '/');
	const char *name = slash ? slash + 1 : argv0;

	for (size_t i = 0; i < NACTIONS; i++)
		if (strcmp(name, actions[i].name) == 0)
			return &actions[i];
	return &actions[0];
}

int
main(int argc, char *argv[])
{
	const struct action *act = action_for(argc > 0 ? argv[0] : "");
	int force = 0, c;

	while ((c = getopt(argc, argv, "f")) != -1) {
		if (c != 'f') {
			fprintf(stderr, "usage: %s [-f]\n", act->name);
			return 1;
		}
		force = 1;
	}
	if (optind < argc) {
		fprintf(stderr, "usage: %s [-f]\n", act->name);
		return 1;
	}
	sync();
	if (!force) {
		if (kill(INIT_PID, act->init_signal) == 0) {
			sleep(INIT_GRACE_SECONDS);
			fprintf(stderr, "%s: init did not answer; forcing\n", act->name);
		} else if (errno != ESRCH) {
			fprintf(stderr, "%s: init: %s\n", act->name, strerror(errno));
			return 1;
		}
	}
	sync();
	reboot(act->reboot_cmd);
	fprintf(stderr, "%s: reboot: %s\n", act->name, strerror(errno));
	return 1;
}
