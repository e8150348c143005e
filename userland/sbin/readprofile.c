/*
 * readprofile - print the kernel's sampling profile (/proc/profile, booted
 * with profile=SHIFT) by function, as util-linux's readprofile does: one
 * line per function that has samples (every function with -a): samples,
 * name, and samples per byte of the function ("load"), then the total.
 * Sort it yourself: readprofile | sort -nr | head.
 *
 * usage: readprofile [-air] [-v] [-m MAP] [-p PROFILE]
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kprofile.h"

#define DEFAULT_MAP "/boot/System.map"
#define DEFAULT_PROFILE "/proc/profile"

static void usage(void)
{
	fprintf(stderr, "usage: readprofile [-air] [-v] [-m mapfile] [-p pro-file]\n");
	exit(1);
}

int main(int argc, char **argv)
{
	const char *map = DEFAULT_MAP, *profile = DEFAULT_PROFILE;
	int all = 0, info = 0, reset = 0, verbose = 0, c;
	struct kprofile kp;
	char err[512];

	while ((c = getopt(argc, argv, "aim:p:rv")) != -1) {
		switch (c) {
		case 'a': all = 1; break;
		case 'i': info = 1; break;
		case 'm': map = optarg; break;
		case 'p': profile = optarg; break;
		case 'r': reset = 1; break;
		case 'v': verbose = 1; break;
		default: usage();
		}
	}
	if (optind != argc)
		usage();
	if (reset) {
		if (kprofile_reset(profile)) {
			fprintf(stderr, "readprofile: %s: %s\n", profile, strerror(errno));
			return 1;
		}
		return 0;
	}
	if (kprofile_load(&kp, map, profile, err, sizeof(err))) {
		fprintf(stderr, "readprofile: %s\n", err);
		return 1;
	}
	if (info) {
		printf("Sampling_step: %u\n", kp.step);
		kprofile_free(&kp);
		return 0;
	}
	for (size_t i = 0; i < kp.nfns; i++) {
		const struct kprof_fn *fn = &kp.fns[i];
		if (!fn->ticks && !all)
			continue;
		double load = fn->len ? fn->ticks / (double)fn->len : 0;
		if (verbose)
			printf("%016llx %-40s %6lu %8.4f\n", (unsigned long long)fn->addr, fn->name,
			       fn->ticks, load);
		else
			printf("%6lu %-40s %8.4f\n", fn->ticks, fn->name, load);
	}
	double load = kp.text_len ? kp.total / (double)kp.text_len : 0;
	if (verbose)
		printf("%016x %-40s %6lu %8.4f\n", 0, "total", kp.total, load);
	else
		printf("%6lu %-40s %8.4f\n", kp.total, "total", load);
	kprofile_free(&kp);
	return 0;
}
