/*
 * main.c - startup: command-line options, the environment, profile files,
 * and the read-parse-execute loop of an interactive shell.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sh.h"

extern char **environ;

struct options opt;
char *script_name;

struct option_name {
	const char *name;
	char letter;
	int *flag;
};

static const struct option_name option_names[] = {
	{"allexport", 'a', &opt.allexport},
	{"errexit", 'e', &opt.errexit},
	{"noglob", 'f', &opt.noglob},
	{"hashall", 'h', &opt.hashall},
	{"interactive", 'i', &opt.interactive},
	{"monitor", 'm', &opt.monitor},
	{"noexec", 'n', &opt.noexec},
	{"nounset", 'u', &opt.nounset},
	{"verbose", 'v', &opt.verbose},
	{"xtrace", 'x', &opt.xtrace},
	{"noclobber", 'C', &opt.noclobber},
	{"notify", 'b', &opt.notify},
	{"ignoreeof", 0, &opt.ignoreeof},
	{"pipefail", 0, &opt.pipefail},
	{"emacs", 0, &opt.emacs},
	{"vi", 0, &opt.vi},
};
#define NOPTIONS (int)(sizeof option_names / sizeof option_names[0])

static void option_changed(int *flag)
{
	if (flag == &opt.monitor && opt.monitor && opt.interactive && tty_fd < 0)
		jobs_init();
}

int option_by_name(const char *name, int on)
{
	for (int i = 0; i < NOPTIONS; i++)
		if (strcmp(option_names[i].name, name) == 0) {
			*option_names[i].flag = on;
			option_changed(option_names[i].flag);
			return 0;
		}
	return -1;
}

int option_by_letter(int c, int on)
{
	for (int i = 0; i < NOPTIONS; i++)
		if (option_names[i].letter == c) {
			*option_names[i].flag = on;
			option_changed(option_names[i].flag);
			return 0;
		}
	return -1;
}

void options_print(int reusable)
{
	for (int i = 0; i < NOPTIONS; i++) {
		int on = *option_names[i].flag;
		if (reusable)
			printf("set %co %s\n", on ? '-' : '+', option_names[i].name);
		else
			printf("%-16s%s\n", option_names[i].name, on ? "on" : "off");
	}
}

char *option_flags(void)
{
	struct str b = {0};
	str_puts(&b, "");
	for (int i = 0; i < NOPTIONS; i++)
		if (option_names[i].letter && *option_names[i].flag)
			str_putc(&b, option_names[i].letter);
	return str_take(&b);
}

static void usage(void)
{
	fprintf(stderr, "usage: sh [-abCefimnuvx] [-o option] [-c command [name [arg...]] | "
			"-s [arg...] | file [arg...]]\n");
	exit(2);
}

static void run_file_if_exists(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return;
	fd = fd_move_high(fd);
	exec_fd(fd, 0);
	close(fd);
}

static void set_defaults(void)
{
	char buf[32];
	if (!var_get("IFS"))
		var_set("IFS", " \t\n", 0);
	if (!var_get("PS2"))
		var_set("PS2", "> ", 0);
	if (!var_get("PS4"))
		var_set("PS4", "+ ", 0);
	if (!var_get("PATH"))
		var_set("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", 0);
	var_set("OPTIND", "1", 0);
	snprintf(buf, sizeof buf, "%d", (int)getppid());
	var_set("PPID", buf, 0);
	/* PWD is kept only if it really names the current directory. */
	const char *pwd = var_get("PWD");
	struct stat a, b;
	if (!pwd || pwd[0] != '/' || stat(pwd, &a) < 0 || stat(".", &b) < 0 ||
	    a.st_ino != b.st_ino || a.st_dev != b.st_dev) {
		char *cwd = getcwd(NULL, 0);
		if (cwd) {
			var_set("PWD", cwd, V_EXPORT);
			free(cwd);
		}
	}
}

/* Resets the execution state after an error in an interactive shell. */
static void recover(void)
{
	skip_kind = SKIP_NONE;
	loop_depth = 0;
	func_depth = 0;
	while (var_scope_depth() > 0)
		var_pop_scope();
}

static void interactive_loop(void)
{
	struct parser p;
	jmp_buf jb;
	volatile int eof_warned = 0;
	parser_init_fd(&p, 0, 1);
	error_jmp = &jb;
	if (setjmp(jb))
		recover();
	for (;;) {
		jobs_notify();
		if (pending_signals)
			trap_run_pending();
		got_sigint = 0;
		int eof;
		struct node *n = parse_command(&p, &eof);
		if (eof) {
			if (opt.ignoreeof && isatty(0)) {
				fprintf(stderr, "Use \"exit\" to leave the shell.\n");
				p.eof = 0;
				continue;
			}
			if (jobs_stopped_count() && !eof_warned) {
				fprintf(stderr, "There are stopped jobs.\n");
				eof_warned = 1;
				p.eof = 0;
				continue;
			}
			break;
		}
		size_t end = p.pos;
		while (end > p.cmd_start && p.buf[end - 1] == '\n')
			end--;
		if (end > p.cmd_start && (n || !got_sigint)) {
			char *line = xstrndup(p.buf + p.cmd_start, end - p.cmd_start);
			history_add(line);
			free(line);
		}
		if (!n) {
			if (p.error && !got_sigint)
				exit_status = 2;
			continue;
		}
		exec_node(n, 0);
		node_free(n);
		skip_kind = SKIP_NONE;
	}
	parser_free(&p);
	if (isatty(2))
		fputs("exit\n", stderr);
}

int main(int argc, char **argv)
{
	int i = 1, command = 0, read_stdin = 0, login = 0;
	shell_pid = getpid();
	arg0 = argv[0] ? argv[0] : "sh";
	if (arg0[0] == '-')
		login = 1;
	opt.hashall = 1;
	for (; i < argc; i++) {
		char *a = argv[i];
		if (strcmp(a, "--") == 0 || strcmp(a, "-") == 0) {
			i++;
			break;
		}
		if ((a[0] != '-' && a[0] != '+') || !a[1])
			break;
		int on = a[0] == '-';
		for (char *c = a + 1; *c; c++) {
			if (*c == 'c' && on)
				command = 1;
			else if (*c == 's' && on)
				read_stdin = 1;
			else if (*c == 'l' && on)
				login = 1;
			else if (*c == 'o') {
				if (++i >= argc || option_by_name(argv[i], on) < 0)
					usage();
			} else if (option_by_letter(*c, on) < 0)
				usage();
		}
	}
	var_import(environ);
	set_defaults();
	const char *cmd = NULL;
	if (command) {
		if (i >= argc)
			usage();
		cmd = argv[i++];
		if (i < argc)
			arg0 = argv[i++];
	} else if (!read_stdin && i < argc) {
		script_name = argv[i];
		arg0 = argv[i++];
	}
	params_set(argc - i, argv + i);
	if (!cmd && !script_name && isatty(0) && isatty(2))
		opt.interactive = 1;
	if (opt.interactive) {
		opt.monitor = 1;
		if (!var_get("PS1"))
			var_set("PS1", getuid() == 0 ? "\\u@\\h:\\w# " : "\\u@\\h:\\w\\$ ", 0);
		trap_set_interactive(1);
		jobs_init();
		lineedit_init();
		history_init();
	}
	if (login) {
		run_file_if_exists("/etc/profile");
		const char *home = var_get("HOME");
		if (home) {
			char *path = xmalloc(strlen(home) + 16);
			sprintf(path, "%s/.profile", home);
			run_file_if_exists(path);
			free(path);
		}
	}
	if (opt.interactive && var_get("ENV")) {
		char *env = expand_string(var_get("ENV"), 0);
		run_file_if_exists(env);
		free(env);
	}
	if (cmd)
		sh_exit(exec_string(cmd, EV_EXIT));
	if (script_name) {
		int fd = open(script_name, O_RDONLY | O_CLOEXEC);
		if (fd < 0) {
			sh_warn("%s: %s", script_name, strerror(errno));
			exit(errno == ENOENT ? 127 : 126);
		}
		fd = fd_move_high(fd);
		sh_exit(exec_fd(fd, 0));
	}
	if (opt.interactive)
		interactive_loop();
	else
		exit_status = exec_fd(0, 0);
	sh_exit(exit_status);
}
