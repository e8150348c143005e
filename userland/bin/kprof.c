/*
 * kprof - profile the kernel while one command runs: clear the kernel's
 * sampling profile (/proc/profile; the kernel must be booted with
 * profile=SHIFT), run COMMAND, and print the kernel functions the samples
 * fell in, most first, with their share, and the command's user and
 * system time (its rusage, children included) beside them.  The course plan's
 * kprof_start/kprof_stop/kprof_read, done the Linux way.  The samples are
 * of the whole machine while COMMAND runs, not of COMMAND alone.
 *
 * usage: kprof [-n COUNT] [-m MAP] COMMAND [ARGS...]
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "kprofile.h"

#define DEFAULT_MAP "/boot/System.map"
#define PROFILE "/proc/profile"

static void usage(void)
{
	fprintf(stderr, "usage: kprof [-n count] [-m mapfile] command [args...]\n");
	exit(2);
}

static int by_ticks(const void *a, const void *b)
{
	const struct kprof_fn *x = a, *y = b;

	return x->ticks < y->ticks ? 1 : x->ticks > y->ticks ? -1 : strcmp(x->name, y->name);
}

int main(int argc, char **argv)
{
	const char *map = DEFAULT_MAP;
	long count = 20;
	int c, status;
	char err[512], *end;
	struct kprofile kp;

	while ((c = getopt(argc, argv, "+m:n:")) != -1) {
		switch (c) {
		case 'm': map = optarg; break;
		case 'n':
			count = strtol(optarg, &end, 10);
			if (*end || count <= 0)
				usage();
			break;
		default: usage();
		}
	}
	if (optind == argc)
		usage();
	if (kprofile_reset(PROFILE)) {
		fprintf(stderr, "kprof: %s: %s%s\n", PROFILE, strerror(errno),
			errno == ENOENT ? " (boot with profile=2)" : "");
		return 1;
	}
	pid_t pid = fork();
	if (pid < 0) {
		fprintf(stderr, "kprof: fork: %s\n", strerror(errno));
		return 1;
	}
	if (pid == 0) {
		execvp(argv[optind], argv + optind);
		fprintf(stderr, "kprof: %s: %s\n", argv[optind], strerror(errno));
		_exit(errno == ENOENT ? 127 : 126);
	}
	struct rusage ru;
	while (wait4(pid, &status, 0, &ru) < 0)
		if (errno != EINTR) {
			fprintf(stderr, "kprof: wait4: %s\n", strerror(errno));
			return 1;
		}
	if (kprofile_load(&kp, map, PROFILE, err, sizeof(err))) {
		fprintf(stderr, "kprof: %s\n", err);
		return 1;
	}
	qsort(kp.fns, kp.nfns, sizeof(kp.fns[0]), by_ticks);
	fprintf(stderr, "kprof: %lu kernel samples while %s ran (user %ld.%03lds, system %ld.%03lds)\n",
		kp.total, argv[optind], (long)ru.ru_utime.tv_sec, (long)ru.ru_utime.tv_usec / 1000,
		(long)ru.ru_stime.tv_sec, (long)ru.ru_stime.tv_usec / 1000);
	for (size_t i = 0; i < kp.nfns && (long)i < count && kp.fns[i].ticks; i++)
		printf("%6lu %5.1f%% %s\n", kp.fns[i].ticks, 100.0 * kp.fns[i].ticks / kp.total,
		       kp.fns[i].name);
	kprofile_free(&kp);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}
