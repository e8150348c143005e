/*
 * getopt_cases.c - runs argument vectors through getopt/getopt_long and
 * prints each result, the final optind and argv order.  Built twice: for
 * the host against glibc and as a guest against our libc; the libc suite
 * compares the two outputs case by case.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define MAX_ARGS 16

static int flag;

static const struct option longopts[] = {
	{ "all", no_argument, 0, 'a' },
	{ "name", required_argument, 0, 'n' },
	{ "color", optional_argument, 0, 'c' },
	{ "colour", optional_argument, 0, 'c' },
	{ "flag", no_argument, &flag, 7 },
	{ "verbose", no_argument, 0, 'v' },
	{ "version", no_argument, 0, 'V' },
	{ 0, 0, 0, 0 },
};

struct getopt_case {
	const char *optstring;
	int use_long;		/* 0 getopt, 1 getopt_long, 2 _long_only */
	const char *args[MAX_ARGS];
};

static const struct getopt_case cases[] = {
	{ "ab:c::", 0, { "-a", "-b", "x", "-cy", "-c", "rest" } },
	{ "ab:", 0, { "-abval", "file", "-a", "--", "-b" } },
	{ "ab:", 0, { "one", "-a", "two", "-b", "z", "three" } },
	{ "+ab:", 0, { "-a", "one", "-b", "z" } },
	{ "-ab:", 0, { "one", "-a", "two" } },
	{ "ab:", 0, { "-x", "-b" } },
	{ ":ab:", 0, { "-x", "-b" } },
	{ "ab:", 0, { "-", "-a" } },
	{ "an:c::", 1, { "--all", "--name=bob", "--name", "al", "--col",
			 "--color=red", "f" } },
	{ "an:", 1, { "--flag", "--ver", "--nope", "--all=1", "--name" } },
	{ "an:", 1, { "x", "--all", "y", "-n", "v", "--", "--all" } },
	{ "an:", 2, { "-all", "-name", "q", "-a", "-verbose" } },
	{ "an:", 1, { "--verb", "--vers", "--a" } },
};

static void run_case(int index, const struct getopt_case *c)
{
	char *argv[MAX_ARGS + 2];
	int argc = 1, r, i, li;

	argv[0] = "prog";
	while (c->args[argc - 1])
		argv[argc] = (char *)c->args[argc - 1], argc++;
	argv[argc] = 0;
	optind = 0;
	opterr = 0;
	flag = 0;
	printf("case %d:", index);
	for (;;) {
		li = -1;
		if (c->use_long == 0)
			r = getopt(argc, argv, c->optstring);
		else if (c->use_long == 1)
			r = getopt_long(argc, argv, c->optstring, longopts, &li);
		else
			r = getopt_long_only(argc, argv, c->optstring, longopts,
					     &li);
		if (r == -1)
			break;
		printf(" [%d", r);
		if (r == '?' || r == ':')
			printf(" optopt=%d", optopt);
		if (optarg)
			printf(" arg=%s", optarg);
		if (li >= 0)
			printf(" li=%d", li);
		printf(" flag=%d]", flag);
	}
	printf(" optind=%d argv:", optind);
	for (i = 1; i < argc; i++)
		printf(" %s", argv[i]);
	printf("\n");
}

int main(void)
{
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		run_case((int)i, &cases[i]);
	return 0;
}
