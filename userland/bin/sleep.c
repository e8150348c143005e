/* sleep: pause for a number of seconds; fractions ("0.5") are allowed. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define NSEC_PER_SEC 1000000000L

/* Parse "SECONDS[.FRACTION]" exactly; returns -1 on malformed input. */
static int
parse_duration(const char *s, struct timespec *ts)
{
	long sec = 0, nsec = 0, scale = NSEC_PER_SEC / 10;
	int digits = 0;

	for (; *s >= '0' && *s <= '9'; s++, digits++) {
		if (sec > (long)(~0UL >> 2) / 10)
			return -1;
		sec = sec * 10 + (*s - '0');
	}
	if (*s == '.') {
		for (s++; *s >= '0' && *s <= '9'; s++, digits++) {
			nsec += (*s - '0') * scale;
			scale /= 10;
		}
	}
	if (*s != '\0' || digits == 0)
		return -1;
	ts->tv_sec = sec;
	ts->tv_nsec = nsec;
	return 0;
}

int
main(int argc, char *argv[])
{
	struct timespec total = { 0, 0 }, one;

	if (argc < 2) {
		fprintf(stderr, "usage: sleep seconds ...\n");
		return 1;
	}
	for (int i = 1; i < argc; i++) {
		if (parse_duration(argv[i], &one) < 0) {
			fprintf(stderr, "sleep: invalid time interval '%s'\n", argv[i]);
			fprintf(stderr, "usage: sleep seconds ...\n");
			return 1;
		}
		total.tv_sec += one.tv_sec;
		total.tv_nsec += one.tv_nsec;
		if (total.tv_nsec >= NSEC_PER_SEC) {
			total.tv_sec++;
			total.tv_nsec -= NSEC_PER_SEC;
		}
	}
	while (nanosleep(&total, &total) < 0) {
		if (errno != EINTR) {
			perror("sleep");
			return 1;
		}
	}
	return 0;
}
