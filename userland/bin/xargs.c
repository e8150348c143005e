/*
 * xargs: build command lines from standard input and run them.
 *   xargs [-0rt] [-d delim] [-I replace] [-n max-args] [-P max-procs]
 *         [command [initial-arguments]]
 * Items are separated by blanks and newlines, with '...', "..." and
 * backslash quoting; -0 and -d take every byte up to a NUL or delim as
 * it is.  -I runs the command once per input line, putting the line in
 * place of each "replace" in the initial arguments.  The command is
 * echo when none is given; it runs once even for empty input unless -r.
 * -P runs up to max-procs commands at once (0: no limit).
 * Exit status as GNU xargs: 0, 123 if some command failed (1-125),
 * 124 if one exited 255, 125 if one was killed by a signal, 126 if the
 * command cannot run, 127 if it was not found, 1 for bad usage or input.
 */
#define _GNU_SOURCE	/* pipe2 in glibc */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define DEFAULT_COMMAND "echo"
/* Bytes of arguments per command line (GNU's default, well under ARG_MAX). */
#define ARG_BYTES_MAX (128 * 1024)

#define EXIT_BAD_INPUT 1
#define EXIT_SOME_FAILED 123
#define EXIT_STATUS_255 124
#define EXIT_KILLED 125
#define EXIT_CANNOT_RUN 126
#define EXIT_NOT_FOUND 127
#define STATUS_ABORT 255	/* a command exiting with it stops xargs */

enum split { SPLIT_BLANKS, SPLIT_LINES, SPLIT_DELIM };

struct input {
	enum split split;
	int delim;		/* SPLIT_DELIM */
	char *buf;		/* the item read last */
	size_t len, cap;
};

struct command {
	char **argv;		/* the initial arguments, then the items */
	size_t initial, count, cap;
	size_t bytes;		/* of the items so far, with their NULs */
};

static int opt_trace, opt_no_empty;
static const char *opt_replace;
static long opt_max_args, opt_max_procs = 1;
static long running;
static int exit_status;

static void
usage(void)
{
	fprintf(stderr, "usage: xargs [-0rt] [-d delim] [-I replace] [-n max-args] "
	    "[-P max-procs]\n             [command [initial-arguments]]\n");
	exit(EXIT_BAD_INPUT);
}

static void *
xrealloc(void *p, size_t size)
{
	p = realloc(p, size);
	if (p == NULL) {
		fprintf(stderr, "xargs: %s\n", strerror(errno));
		exit(EXIT_BAD_INPUT);
	}
	return p;
}

static void
put_byte(struct input *in, int c)
{
	if (in->len + 1 >= in->cap) {
		in->cap = in->cap ? in->cap * 2 : 256;
		in->buf = xrealloc(in->buf, in->cap);
	}
	in->buf[in->len++] = (char)c;
	in->buf[in->len] = '\0';
}

static int
is_blank(int c)
{
	return c == ' ' || c == '\t';
}

/* The rest of a quoted string, up to the closing quote (not across lines). */
static int
read_quoted(struct input *in, int quote)
{
	int c;

	while ((c = getchar()) != quote) {
		if (c == EOF || c == '\n') {
			fprintf(stderr, "xargs: unmatched %s quote; by default quotes are "
			    "special to xargs unless you use the -0 option\n",
			    quote == '\'' ? "single" : "double");
			return -1;
		}
		put_byte(in, c);
	}
	return 0;
}

/* An item in the quoting syntax; lines keep blanks.  1, 0 at end, -1. */
static int
read_quoting(struct input *in)
{
	int c, started = 0;

	do	/* leading blanks, and empty lines */
		c = getchar();
	while (is_blank(c) || c == '\n');
	for (; c != EOF; c = getchar()) {
		if (c == '\n' || (is_blank(c) && in->split == SPLIT_BLANKS))
			break;
		started = 1;
		if (c == '\'' || c == '"') {
			if (read_quoted(in, c) < 0)
				return -1;
		} else if (c == '\\' && (c = getchar()) != EOF) {
			put_byte(in, c);
		} else if (c != EOF) {
			put_byte(in, c);
		}
	}
	return started;
}

/* Everything up to the delimiter is the item.  1, 0 at end. */
static int
read_delimited(struct input *in)
{
	int c;

	while ((c = getchar()) != EOF && c != in->delim)
		put_byte(in, c);
	return c != EOF || in->len > 0;
}

static int
read_item(struct input *in)
{
	put_byte(in, '\0');	/* makes sure buf exists */
	in->len = 0;
	in->buf[0] = '\0';
	if (in->split == SPLIT_DELIM)
		return read_delimited(in);
	return read_quoting(in);
}

static void
command_push(struct command *cmd, char *arg)
{
	if (cmd->count + 2 > cmd->cap) {
		cmd->cap = cmd->cap ? cmd->cap * 2 : 64;
		cmd->argv = xrealloc(cmd->argv, cmd->cap * sizeof(*cmd->argv));
	}
	cmd->argv[cmd->count++] = arg;
	cmd->argv[cmd->count] = NULL;
}

/* What ended the command: its exit status as xargs reports it. */
static void
note_status(const char *name, int wstatus)
{
	if (WIFSIGNALED(wstatus)) {
		fprintf(stderr, "xargs: %s: terminated by signal %d\n", name, WTERMSIG(wstatus));
		exit_status = EXIT_KILLED;
	} else if (WEXITSTATUS(wstatus) == STATUS_ABORT) {
		fprintf(stderr, "xargs: %s: exited with status 255; aborting\n", name);
		exit_status = EXIT_STATUS_255;
	} else if (WEXITSTATUS(wstatus) != 0 && exit_status == 0) {
		exit_status = EXIT_SOME_FAILED;
	}
}

static int
must_stop(void)
{
	return exit_status != 0 && exit_status != EXIT_SOME_FAILED;
}

/* Wait for one child (any); returns -1 when none is left. */
static int
reap_one(const char *name)
{
	int wstatus;

	if (running == 0 || wait(&wstatus) < 0)
		return -1;
	running--;
	note_status(name, wstatus);
	return 0;
}

static void
trace(char **argv)
{
	for (size_t i = 0; argv[i]; i++)
		fprintf(stderr, "%s%s", i ? " " : "", argv[i]);
	fputc('\n', stderr);
}

/*
 * Start argv.  A close-on-exec pipe tells an exec failure (the child
 * writes its errno) from a command that ran and failed.
 */
static void
spawn(char **argv)
{
	int report[2], err = 0;
	pid_t pid;

	if (opt_trace)
		trace(argv);
	while (running >= opt_max_procs && reap_one(argv[0]) == 0)
		;
	if (pipe2(report, O_CLOEXEC) < 0 || (pid = fork()) < 0) {
		fprintf(stderr, "xargs: %s\n", strerror(errno));
		exit_status = EXIT_CANNOT_RUN;
		return;
	}
	if (pid == 0) {
		close(report[0]);
		execvp(argv[0], argv);
		err = errno;
		if (write(report[1], &err, sizeof(err)) < 0)
			_exit(EXIT_CANNOT_RUN);
		_exit(err == ENOENT ? EXIT_NOT_FOUND : EXIT_CANNOT_RUN);
	}
	close(report[1]);
	running++;
	if (read(report[0], &err, sizeof(err)) == (ssize_t)sizeof(err)) {
		fprintf(stderr, "xargs: %s: %s\n", argv[0], strerror(err));
		waitpid(pid, NULL, 0);
		running--;
		exit_status = err == ENOENT ? EXIT_NOT_FOUND : EXIT_CANNOT_RUN;
	}
	close(report[0]);
}

/* A copy of arg with every replace string replaced by item. */
static char *
replace_all(const char *arg, const char *item)
{
	size_t rlen = strlen(opt_replace), ilen = strlen(item), n = 0;
	char *out = xrealloc(NULL, 1);
	const char *hit;

	while ((hit = strstr(arg, opt_replace)) != NULL && rlen > 0) {
		size_t head = hit - arg;
		out = xrealloc(out, n + head + ilen + 1);
		memcpy(out + n, arg, head);
		memcpy(out + n + head, item, ilen);
		n += head + ilen;
		arg = hit + rlen;
	}
	out = xrealloc(out, n + strlen(arg) + 1);
	strcpy(out + n, arg);
	return out;
}

/* -I: one command per item, the item put into the initial arguments. */
static void
run_replacing(struct command *cmd, struct input *in)
{
	char **argv = xrealloc(NULL, (cmd->initial + 1) * sizeof(*argv));
	int r = 0;

	while (!must_stop() && (r = read_item(in)) > 0) {
		for (size_t i = 0; i < cmd->initial; i++)
			argv[i] = replace_all(cmd->argv[i], in->buf);
		argv[cmd->initial] = NULL;
		spawn(argv);
		for (size_t i = 0; i < cmd->initial; i++)
			free(argv[i]);
	}
	if (r < 0)
		exit_status = EXIT_BAD_INPUT;
	free(argv);
}

static void
run_batch(struct command *cmd)
{
	spawn(cmd->argv);
	for (size_t i = cmd->initial; i < cmd->count; i++)
		free(cmd->argv[i]);
	cmd->count = cmd->initial;
	cmd->argv[cmd->count] = NULL;
	cmd->bytes = 0;
}

/* Items appended to the initial arguments, as many as -n and the size allow. */
static void
run_appending(struct command *cmd, struct input *in)
{
	int r = 0, ran = 0;

	while (!must_stop() && (r = read_item(in)) > 0) {
		if (cmd->count > cmd->initial && cmd->bytes + in->len + 1 > ARG_BYTES_MAX) {
			run_batch(cmd);
			ran = 1;
		}
		command_push(cmd, strdup(in->buf));
		cmd->bytes += in->len + 1;
		if (opt_max_args > 0 && (long)(cmd->count - cmd->initial) >= opt_max_args) {
			run_batch(cmd);
			ran = 1;
		}
	}
	if (r < 0)
		exit_status = EXIT_BAD_INPUT;
	if (must_stop())
		return;
	if (cmd->count > cmd->initial || (!ran && !opt_no_empty && r == 0))
		run_batch(cmd);
}

/* "\n", "\t", "\0", "\\" or one character. */
static int
parse_delim(const char *s)
{
	static const char escapes[] = "n\nt\t0\0\\\\";

	if (s[0] != '\0' && s[1] == '\0')
		return (unsigned char)s[0];
	if (s[0] == '\\' && s[1] != '\0' && s[2] == '\0')
		for (size_t i = 0; i + 1 < sizeof(escapes); i += 2)
			if (escapes[i] == s[1])
				return (unsigned char)escapes[i + 1];
	fprintf(stderr, "xargs: invalid delimiter: '%s'\n", s);
	usage();
	return 0;
}

/* A count of at least min. */
static long
parse_count(const char *s, long min, const char *what)
{
	char *end;
	long n = strtol(s, &end, 10);

	if (*s == '\0' || *end != '\0' || n < min) {
		fprintf(stderr, "xargs: invalid %s: '%s'\n", what, s);
		usage();
	}
	return n;
}

static void
parse_options(int argc, char *argv[], struct input *in)
{
	int c;

	/* '+': options end at the command, whose own options stay its own. */
	while ((c = getopt(argc, argv, "+0d:I:n:P:rt")) != -1) {
		switch (c) {
		case '0': in->split = SPLIT_DELIM; in->delim = '\0'; break;
		case 'd': in->split = SPLIT_DELIM; in->delim = parse_delim(optarg); break;
		case 'I': opt_replace = optarg; break;
		case 'n': opt_max_args = parse_count(optarg, 1, "number of arguments"); break;
		case 'P':
			opt_max_procs = parse_count(optarg, 0, "number of processes");
			if (opt_max_procs == 0)
				opt_max_procs = LONG_MAX;	/* as many as there are commands */
			break;
		case 'r': opt_no_empty = 1; break;
		case 't': opt_trace = 1; break;
		default: usage();
		}
	}
	if (opt_replace && in->split == SPLIT_BLANKS)
		in->split = SPLIT_LINES;
}

int
main(int argc, char *argv[])
{
	struct input in = { SPLIT_BLANKS, '\n', NULL, 0, 0 };
	struct command cmd = { NULL, 0, 0, 0, 0 };

	parse_options(argc, argv, &in);
	if (optind == argc)
		command_push(&cmd, DEFAULT_COMMAND);
	for (int i = optind; i < argc; i++)
		command_push(&cmd, argv[i]);
	cmd.initial = cmd.count;
	if (opt_replace)
		run_replacing(&cmd, &in);
	else
		run_appending(&cmd, &in);
	while (reap_one(cmd.argv[0]) == 0)
		;
	return exit_status;
}
