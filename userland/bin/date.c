/*
 * date: print the date and time.
 *   date [-u] [-d @seconds] [+format]
 * The format is strftime(3)'s; the default is GNU date's
 * "%a %b %e %H:%M:%S %Z %Y".  -u uses UTC, -d @N shows time N.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define DEFAULT_FORMAT "%a %b %e %H:%M:%S %Z %Y"
#define MAX_OUTPUT 1024

static void
usage(void)
{
	fprintf(stderr, "usage: date [-u] [-d @seconds] [+format]\n");
	exit(1);
}

int
main(int argc, char *argv[])
{
	char out[MAX_OUTPUT];
	const char *format = DEFAULT_FORMAT;
	time_t t = time(NULL);
	struct tm *tm;
	int utc = 0, c;
	char *end;

	while ((c = getopt(argc, argv, "ud:")) != -1) {
		switch (c) {
		case 'u':
			utc = 1;
			break;
		case 'd':
			errno = 0;
			t = (time_t)strtoll(optarg + 1, &end, 10);
			if (optarg[0] != '@' || optarg[1] == '\0' || *end != '\0' || errno) {
				fprintf(stderr, "date: invalid date '%s'\n", optarg);
				return 1;
			}
			break;
		default:
			usage();
		}
	}
	if (optind < argc) {
		if (argv[optind][0] != '+' || optind + 1 < argc)
			usage();
		format = argv[optind] + 1;
	}
	/* "UTC0" makes localtime() name the zone UTC, as GNU date -u does. */
	if (utc)
		setenv("TZ", "UTC0", 1);
	tzset();
	tm = localtime(&t);
	if (tm == NULL) {
		fprintf(stderr, "date: %lld: %s\n", (long long)t, strerror(EOVERFLOW));
		return 1;
	}
	/* strftime returns 0 both for "too long" and for an empty result. */
	if (strftime(out, sizeof(out), format, tm) == 0)
		out[0] = '\0';
	puts(out);
	return 0;
}
