/*
 * env: run a command in a modified environment, or print the environment.
 *   env [-i] [-u name] [name=value ...] [command [arg ...]]
 * Exit status 127 if the command is not found, 126 if it cannot run.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

extern char **environ;

static void
usage(void)
{
	fprintf(stderr, "usage: env [-i] [-u name] [name=value ...] [command [arg ...]]\n");
	exit(125);
}

int
main(int argc, char *argv[])
{
	static char *empty_env[] = { NULL };
	int c;

	while ((c = getopt(argc, argv, "+iu:")) != -1) {
		switch (c) {
		case 'i':
			environ = empty_env;
			break;
		case 'u':
			if (unsetenv(optarg) < 0) {
				fprintf(stderr, "env: %s: %s\n", optarg, strerror(errno));
				return 125;
			}
			break;
		default:
			usage();
		}
	}
	/* A lone "-" is the historical spelling of -i. */
	if (optind < argc && strcmp(argv[optind], "-") == 0) {
		environ = empty_env;
		optind++;
	}
	for (; optind < argc && strchr(argv[optind], '='); optind++) {
		if (putenv(argv[optind]) != 0) {
			fprintf(stderr, "env: %s: %s\n", argv[optind], strerror(errno));
			return 125;
		}
	}
	if (optind == argc) {
		for (char **e = environ; *e; e++)
			puts(*e);
		return 0;
	}
	execvp(argv[optind], argv + optind);
	fprintf(stderr, "env: %s: %s\n", argv[optind], strerror(errno));
	return errno == ENOENT ? 127 : 126;
}
