/*
 * setarch: run a program with another personality, as util-linux's.
 *   setarch [ARCH] [-R|--addr-no-randomize] [PROGRAM [ARGS...]]
 * ARCH, when given, must be this machine's (the name `uname -m` prints,
 * riscv64 here, or linux64): there is no other execution domain here.  -R sets
 * ADDR_NO_RANDOMIZE, so PROGRAM (and what it runs) gets the layout without
 * random offsets.  PROGRAM defaults to /bin/sh.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/personality.h>
#include <sys/utsname.h>
#include "runcmd.h"

#define EXIT_USAGE	1
#define PERSONA_QUERY	0xffffffffUL
#define PER_TYPE_MASK	0xffUL	/* the execution domain; the flags are above */

static void
usage(void)
{
	fprintf(stderr, "usage: setarch [ARCH] [-R|--addr-no-randomize] [PROGRAM [ARGS...]]\n");
	exit(EXIT_USAGE);
}

/* Is name an architecture this machine runs natively? */
static int
native_arch(const char *name)
{
	struct utsname u;

	if (strcmp(name, "linux64") == 0)
		return 1;
	return uname(&u) == 0 && strcmp(name, u.machine) == 0;
}

int
main(int argc, char *argv[])
{
	int i = 1;
	unsigned long flags = 0;
	const char *arch = NULL;

	if (i < argc && argv[i][0] != '-')
		arch = argv[i++];
	for (; i < argc && argv[i][0] == '-'; i++) {
		if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		}
		if (strcmp(argv[i], "-R") == 0 || strcmp(argv[i], "--addr-no-randomize") == 0)
			flags |= ADDR_NO_RANDOMIZE;
		else
			usage();
	}
	if (arch == NULL && flags == 0)
		usage();
	if (arch != NULL && !native_arch(arch)) {
		fprintf(stderr, "setarch: %s: Unrecognized architecture\n", arch);
		return 1;
	}
	int old = personality(PERSONA_QUERY);
	if (old == -1) {
		fprintf(stderr, "setarch: personality: %s\n", strerror(errno));
		return 1;
	}
	unsigned long persona = (unsigned long)old | flags;
	if (arch != NULL)
		persona = (persona & ~PER_TYPE_MASK) | PER_LINUX;
	if (personality(persona) == -1) {
		fprintf(stderr, "setarch: personality: %s\n", strerror(errno));
		return 1;
	}
	if (i == argc) {
		char *shell[] = { "/bin/sh", NULL };
		return exec_command_or_shell("setarch", shell);
	}
	return exec_command_or_shell("setarch", argv + i);
}
