/*
 * head: print the first lines of files (10 by default, -n N).
 * With several files each gets a "==> name <==" header, as GNU head does.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void
usage(void)
{
	fprintf(stderr, "usage: head [-n count] [file ...]\n");
	exit(1);
}

static int
head_stream(FILE *in, const char *name, long count)
{
	int c;

	while (count > 0 && (c = getc(in)) != EOF) {
		putchar(c);
		if (c == '\n')
			count--;
	}
	if (ferror(in)) {
		fprintf(stderr, "head: %s: %s\n", name, strerror(errno));
		return -1;
	}
	return 0;
}

int
main(int argc, char *argv[])
{
	long count = 10;
	int status = 0, c;
	char *end;

	while ((c = getopt(argc, argv, "n:")) != -1) {
		if (c != 'n')
			usage();
		count = strtol(optarg, &end, 10);
		if (*optarg == '\0' || *end != '\0' || count < 0) {
			fprintf(stderr, "head: invalid number of lines: '%s'\n", optarg);
			return 1;
		}
	}
	if (optind == argc)
		return head_stream(stdin, "stdin", count) < 0;
	for (int i = optind; i < argc; i++) {
		int is_stdin = strcmp(argv[i], "-") == 0;
		FILE *in = is_stdin ? stdin : fopen(argv[i], "r");

		if (in == NULL) {
			fprintf(stderr, "head: %s: %s\n", argv[i], strerror(errno));
			status = 1;
			continue;
		}
		if (argc - optind > 1)
			printf("%s==> %s <==\n", i > optind ? "\n" : "",
			    is_stdin ? "standard input" : argv[i]);
		if (head_stream(in, argv[i], count) < 0)
			status = 1;
		if (!is_stdin)
			fclose(in);
	}
	return fflush(stdout) != 0 ? 1 : status;
}
