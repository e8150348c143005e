/*
 * uptime: " HH:MM:SS up D days, HH:MM,  load average: 0.00, 0.00, 0.00"
 * from /proc/uptime and /proc/loadavg (the load part is left out when
 * the kernel has no /proc/loadavg).  -p prints only "up ...".
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define SECONDS_PER_DAY 86400

static void
print_duration(long seconds)
{
	long days = seconds / SECONDS_PER_DAY;
	long hours = seconds % SECONDS_PER_DAY / 3600, minutes = seconds % 3600 / 60;

	if (days)
		printf("%ld day%s, ", days, days == 1 ? "" : "s");
	if (hours)
		printf("%2ld:%02ld", hours, minutes);
	else
		printf("%ld min", minutes);
}

int
main(int argc, char *argv[])
{
	double up, load[3];
	int pretty = 0, c;
	FILE *f;

	while ((c = getopt(argc, argv, "p")) != -1) {
		if (c != 'p') {
			fprintf(stderr, "usage: uptime [-p]\n");
			return 1;
		}
		pretty = 1;
	}
	if (optind < argc) {
		fprintf(stderr, "usage: uptime [-p]\n");
		return 1;
	}
	f = fopen("/proc/uptime", "r");
	if (f == NULL || fscanf(f, "%lf", &up) != 1) {
		fprintf(stderr, "uptime: /proc/uptime: %s\n", f ? "bad format" : strerror(errno));
		return 1;
	}
	fclose(f);
	if (pretty) {
		printf("up ");
		print_duration((long)up);
		putchar('\n');
		return 0;
	}
	time_t now = time(NULL);
	char clock[16];
	strftime(clock, sizeof(clock), "%H:%M:%S", localtime(&now));
	printf(" %s up ", clock);
	print_duration((long)up);
	f = fopen("/proc/loadavg", "r");
	if (f && fscanf(f, "%lf %lf %lf", &load[0], &load[1], &load[2]) == 3)
		printf(",  load average: %.2f, %.2f, %.2f", load[0], load[1], load[2]);
	if (f)
		fclose(f);
	putchar('\n');
	return 0;
}
