/*
 * builtins.c - the table of builtin commands and the ones that manage the
 * shell's own state: cd, pwd, exit, export, readonly, unset, set, shift,
 * eval, ".", exec, return, break, continue, alias, type, command, local,
 * echo, true, false, times, hash.  Longer builtins have their own files
 * (test.c, printf.c, read.c, getopts.c, ulimit.c, jobs.c, trap.c).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/times.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sh.h"

static int bi_true(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return 0;
}

static int bi_false(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return 1;
}

/* Removes "." and ".." from an absolute path, textually (cd -L). */
static char *canonical_path(const char *path)
{
	struct str out = {0};
	const char *p = path;
	while (*p) {
		while (*p == '/')
			p++;
		const char *e = p;
		while (*e && *e != '/')
			e++;
		size_t n = e - p;
		if (n == 0 || (n == 1 && p[0] == '.')) {
			/* nothing */
		} else if (n == 2 && p[0] == '.' && p[1] == '.') {
			while (out.len > 0 && out.s[out.len - 1] != '/')
				out.len--;
			if (out.len > 0)
				out.len--;
			if (out.s)
				out.s[out.len] = '\0';
		} else {
			str_putc(&out, '/');
			str_putn(&out, p, n);
		}
		p = e;
	}
	if (out.len == 0)
		str_putc(&out, '/');
	return str_take(&out);
}

static int bi_cd(int argc, char **argv)
{
	int physical = 0, i = 1;
	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		}
		if (strcmp(argv[i], "-P") == 0)
			physical = 1;
		else if (strcmp(argv[i], "-L") == 0)
			physical = 0;
		else {
			fprintf(stderr, "usage: cd [-L|-P] [dir]\n");
			return 2;
		}
	}
	const char *dir = i < argc ? argv[i] : var_get("HOME");
	int print = 0;
	if (!dir) {
		sh_warn("cd: HOME not set");
		return 1;
	}
	if (strcmp(dir, "-") == 0) {
		dir = var_get("OLDPWD");
		if (!dir) {
			sh_warn("cd: OLDPWD not set");
			return 1;
		}
		print = 1;
	}
	const char *pwd = var_get("PWD");
	char *target;
	if (dir[0] == '/' || !pwd || pwd[0] != '/') {
		target = xstrdup(dir);
	} else {
		struct str b = {0};
		str_puts(&b, pwd);
		str_putc(&b, '/');
		str_puts(&b, dir);
		target = str_take(&b);
	}
	char *canon = canonical_path(target);
	free(target);
	char *newpwd = NULL;
	if (!physical && dir[0] && chdir(canon) == 0) {
		newpwd = canon;
	} else {
		free(canon);
		if (chdir(dir) < 0) {
			sh_warn("cd: %s: %s", dir, strerror(errno));
			return 1;
		}
		newpwd = getcwd(NULL, 0);
		if (!newpwd)
			newpwd = xstrdup(dir);
	}
	if (pwd)
		var_set("OLDPWD", pwd, V_EXPORT);
	var_set("PWD", newpwd, V_EXPORT);
	if (print)
		printf("%s\n", newpwd);
	free(newpwd);
	return 0;
}

static int bi_pwd(int argc, char **argv)
{
	const char *pwd = var_get("PWD");
	int physical = argc > 1 && strcmp(argv[1], "-P") == 0;
	struct stat a, b;
	if (!physical && pwd && pwd[0] == '/' && stat(pwd, &a) == 0 &&
	    stat(".", &b) == 0 && a.st_ino == b.st_ino && a.st_dev == b.st_dev) {
		printf("%s\n", pwd);
		return 0;
	}
	char *cwd = getcwd(NULL, 0);
	if (!cwd) {
		sh_warn("pwd: %s", strerror(errno));
		return 1;
	}
	printf("%s\n", cwd);
	free(cwd);
	return 0;
}

static int parse_count(const char *name, const char *arg, int *n)
{
	char *end;
	long v = strtol(arg, &end, 10);
	if (!*arg || *end || v < 0) {
		sh_warn("%s: %s: numeric argument required", name, arg);
		return -1;
	}
	*n = (int)v;
	return 0;
}

static int bi_exit(int argc, char **argv)
{
	int st = trap_entry_status >= 0 ? trap_entry_status : exit_status;
	if (argc > 1 && parse_count("exit", argv[1], &st) < 0)
		st = 2;
	if (opt.interactive && !in_subshell && jobs_stopped_count()) {
		static int warned;
		if (!warned) {
			warned = 1;
			fprintf(stderr, "There are stopped jobs.\n");
			return 1;
		}
	}
	sh_exit(st);
}

static void print_quoted(const char *s)
{
	putchar('\'');
	for (; *s; s++) {
		if (*s == '\'')
			fputs("'\\''", stdout);
		else
			putchar(*s);
	}
	putchar('\'');
}

struct var_list {
	struct var **v;
	int n, cap;
	int flags;
};

static void collect_var(struct var *v, void *arg)
{
	struct var_list *l = arg;
	if (l->flags && !(v->flags & l->flags))
		return;
	if (!l->flags && !v->value)
		return;
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 64;
		l->v = xrealloc(l->v, l->cap * sizeof *l->v);
	}
	l->v[l->n++] = v;
}

static int cmp_var(const void *a, const void *b)
{
	return strcmp((*(struct var *const *)a)->name, (*(struct var *const *)b)->name);
}

static void print_vars(int flags, const char *prefix)
{
	struct var_list l = { NULL, 0, 0, flags };
	var_each(collect_var, &l);
	qsort(l.v, l.n, sizeof *l.v, cmp_var);
	for (int i = 0; i < l.n; i++) {
		if (prefix)
			printf("%s ", prefix);
		fputs(l.v[i]->name, stdout);
		if (l.v[i]->value) {
			putchar('=');
			print_quoted(l.v[i]->value);
		}
		putchar('\n');
	}
	free(l.v);
}

static int export_or_readonly(int argc, char **argv, int flag)
{
	int i = 1, st = 0;
	if (i < argc && strcmp(argv[i], "-p") == 0)
		i++;
	if (i == argc) {
		print_vars(flag, flag == V_EXPORT ? "export" : "readonly");
		return 0;
	}
	for (; i < argc; i++) {
		char *eq = strchr(argv[i], '=');
		size_t n = eq ? (size_t)(eq - argv[i]) : strlen(argv[i]);
		if (!is_name(argv[i], n)) {
			sh_warn("%s: %s: bad variable name", argv[0], argv[i]);
			st = 1;
			continue;
		}
		if (eq) {
			if (var_setn(argv[i], n, eq + 1, flag) < 0)
				st = 1;
		} else {
			var_set_flags(argv[i], flag);
		}
	}
	return st;
}

static int bi_export(int argc, char **argv)
{
	return export_or_readonly(argc, argv, V_EXPORT);
}

static int bi_readonly(int argc, char **argv)
{
	return export_or_readonly(argc, argv, V_READONLY);
}

static int bi_unset(int argc, char **argv)
{
	int funcs = 0, i = 1, st = 0;
	for (; i < argc && argv[i][0] == '-'; i++) {
		if (strcmp(argv[i], "-f") == 0)
			funcs = 1;
		else if (strcmp(argv[i], "-v") == 0)
			funcs = 0;
		else if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		} else {
			fprintf(stderr, "usage: unset [-fv] name...\n");
			return 2;
		}
	}
	for (; i < argc; i++) {
		if (funcs)
			func_unset(argv[i]);
		else if (var_unset(argv[i]) < 0)
			st = 1;
	}
	return st;
}

static int bi_set(int argc, char **argv)
{
	if (argc == 1) {
		print_vars(0, NULL);
		return 0;
	}
	int i = 1;
	for (; i < argc; i++) {
		char *a = argv[i];
		if (strcmp(a, "--") == 0) {
			i++;
			goto positional;
		}
		if ((a[0] != '-' && a[0] != '+') || !a[1])
			break;
		int on = a[0] == '-';
		for (char *c = a + 1; *c; c++) {
			if (*c == 'o') {
				if (i + 1 >= argc) {
					options_print(!on);
					continue;
				}
				if (option_by_name(argv[++i], on) < 0) {
					sh_warn("set: %s: bad option", argv[i]);
					return 2;
				}
			} else if (option_by_letter(*c, on) < 0) {
				sh_warn("set: -%c: bad option", *c);
				return 2;
			}
		}
	}
	if (i == argc)
		return 0;
	if (strcmp(argv[i], "-") == 0)
		i++;
positional:
	params_set(argc - i, argv + i);
	return 0;
}

static int bi_shift(int argc, char **argv)
{
	int n = 1;
	if (argc > 1 && parse_count("shift", argv[1], &n) < 0)
		return 2;
	if (n > params.n) {
		sh_warn("shift: can't shift that many");
		return 1;
	}
	struct params old = params;
	params.n = 0;
	params.v = NULL;
	params_set(old.n - n, old.v + n);
	params_free(&old);
	return 0;
}

static char *join_args(int argc, char **argv)
{
	struct str b = {0};
	str_puts(&b, "");
	for (int i = 0; i < argc; i++) {
		if (i)
			str_putc(&b, ' ');
		str_puts(&b, argv[i]);
	}
	return str_take(&b);
}

static int bi_eval(int argc, char **argv)
{
	char *s = join_args(argc - 1, argv + 1);
	int st = exec_string(s, builtin_tested ? EV_TESTED : 0);
	free(s);
	return st;
}

static int bi_dot(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: . file [args]\n");
		return 2;
	}
	char *path;
	int err = ENOENT;
	if (strchr(argv[1], '/'))
		path = xstrdup(argv[1]);
	else {
		path = path_search(argv[1], &err);
		if (!path && access(argv[1], R_OK) == 0)
			path = xstrdup(argv[1]);
	}
	int fd = path ? open(path, O_RDONLY | O_CLOEXEC) : -1;
	if (fd < 0) {
		sh_error(".: %s: %s", argv[1], strerror(path ? errno : err));
	}
	free(path);
	fd = fd_move_high(fd);
	struct params saved = params;
	int has_args = argc > 2;
	if (has_args) {
		params.n = 0;
		params.v = NULL;
		params_set(argc - 2, argv + 2);
	}
	func_depth++;
	int st = exec_fd(fd, builtin_tested ? EV_TESTED : 0);
	func_depth--;
	if (skip_kind == SKIP_RETURN) {
		skip_kind = SKIP_NONE;
		st = exit_status;
	}
	close(fd);
	if (has_args) {
		params_free(&params);
		params = saved;
	}
	return st;
}


static int bi_exec(int argc, char **argv)
{
	if (argc < 2)
		return 0;
	shell_execve(argv + 1);
	return 127;
}

static int skip_builtin(int argc, char **argv, enum skip kind)
{
	int n = 1;
	if (argc > 1 && parse_count(argv[0], argv[1], &n) < 0)
		return 2;
	if (kind == SKIP_RETURN) {
		if (argc > 1)
			exit_status = n;
		skip_kind = SKIP_RETURN;
		return exit_status;
	}
	if (n < 1) {
		sh_warn("%s: %s: loop count out of range", argv[0], argv[1]);
		return 1;
	}
	if (loop_depth == 0)
		return 0;
	skip_kind = kind;
	skip_count = n > loop_depth ? loop_depth : n;
	return 0;
}

static int bi_return(int argc, char **argv)
{
	return skip_builtin(argc, argv, SKIP_RETURN);
}

static int bi_break(int argc, char **argv)
{
	return skip_builtin(argc, argv, SKIP_BREAK);
}

static int bi_continue(int argc, char **argv)
{
	return skip_builtin(argc, argv, SKIP_CONT);
}

static int bi_local(int argc, char **argv)
{
	if (var_scope_depth() == 0) {
		sh_warn("local: not in a function");
		return 1;
	}
	for (int i = 1; i < argc; i++) {
		char *eq = strchr(argv[i], '=');
		if (eq)
			*eq = '\0';
		if (!is_name(argv[i], strlen(argv[i]))) {
			sh_warn("local: %s: bad variable name", argv[i]);
			return 1;
		}
		var_make_local(argv[i]);
		if (eq) {
			var_set(argv[i], eq + 1, 0);
			*eq = '=';
		}
	}
	return 0;
}

static void print_alias(const char *name, const char *value, void *arg)
{
	(void)arg;
	printf("%s=", name);
	print_quoted(value);
	putchar('\n');
}

static int bi_alias(int argc, char **argv)
{
	int st = 0;
	if (argc == 1) {
		alias_each(print_alias, NULL);
		return 0;
	}
	for (int i = 1; i < argc; i++) {
		char *eq = strchr(argv[i], '=');
		if (eq) {
			*eq = '\0';
			alias_set(argv[i], eq + 1);
			*eq = '=';
		} else {
			const char *v = alias_get(argv[i]);
			if (v) {
				print_alias(argv[i], v, NULL);
			} else {
				sh_warn("alias: %s: not found", argv[i]);
				st = 1;
			}
		}
	}
	return st;
}

static int bi_unalias(int argc, char **argv)
{
	int st = 0;
	if (argc == 2 && strcmp(argv[1], "-a") == 0) {
		alias_clear();
		return 0;
	}
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-a") == 0)
			continue;
		if (alias_unset(argv[i]) < 0) {
			sh_warn("unalias: %s: not found", argv[i]);
			st = 1;
		}
	}
	return st;
}

static const char *const keywords[] = {
	"!", "{", "}", "case", "do", "done", "elif", "else", "esac", "fi",
	"for", "if", "in", "then", "until", "while", NULL
};

/* type and command -v/-V: how a name would be run. */
static int describe(const char *name, int verbose)
{
	for (int i = 0; keywords[i]; i++)
		if (strcmp(name, keywords[i]) == 0) {
			printf(verbose ? "%s is a shell keyword\n" : "%s\n", name);
			return 0;
		}
	const char *a = alias_get(name);
	if (a) {
		if (verbose)
			printf("%s is an alias for %s\n", name, a);
		else
			printf("alias %s='%s'\n", name, a);
		return 0;
	}
	const struct builtin *bi = builtin_lookup(name);
	if (bi && (bi->flags & BI_SPECIAL)) {
		printf(verbose ? "%s is a special shell builtin\n" : "%s\n", name);
		return 0;
	}
	if (func_lookup(name)) {
		printf(verbose ? "%s is a shell function\n" : "%s\n", name);
		return 0;
	}
	if (bi) {
		printf(verbose ? "%s is a shell builtin\n" : "%s\n", name);
		return 0;
	}
	int err;
	char *path = strchr(name, '/') ? (access(name, X_OK) == 0 ? xstrdup(name) : NULL)
				       : path_search(name, &err);
	if (path) {
		if (verbose)
			printf("%s is %s\n", name, path);
		else
			printf("%s\n", path);
		free(path);
		return 0;
	}
	if (verbose)
		fprintf(stderr, "%s: not found\n", name);
	return 127;
}

static int bi_type(int argc, char **argv)
{
	int st = 0;
	for (int i = 1; i < argc; i++)
		if (describe(argv[i], 1))
			st = 1;
	return st;
}

static int bi_command(int argc, char **argv)
{
	int i = 1, mode = 0;
	for (; i < argc && argv[i][0] == '-'; i++) {
		if (strcmp(argv[i], "-v") == 0)
			mode = 'v';
		else if (strcmp(argv[i], "-V") == 0)
			mode = 'V';
		else if (strcmp(argv[i], "-p") == 0)
			;
		else if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		} else {
			fprintf(stderr, "usage: command [-pvV] name [arg...]\n");
			return 2;
		}
	}
	if (i == argc)
		return 0;
	if (mode)
		return describe(argv[i], mode == 'V');
	const struct builtin *bi = builtin_lookup(argv[i]);
	if (bi)
		return bi->fn(argc - i, argv + i);
	fflush(stdout);
	pid_t pid = fork();
	if (pid < 0) {
		sh_warn("fork: %s", strerror(errno));
		return 2;
	}
	if (pid == 0) {
		job_child_setup(0, 1);
		shell_reset_child();
		shell_execve(argv + i);
	}
	struct job *j = job_new(0, argv[i], 1);
	job_add_proc(j, pid);
	return job_wait_fg(j);
}

static int bi_echo(int argc, char **argv)
{
	int i = 1, newline = 1;
	if (i < argc && strcmp(argv[i], "-n") == 0) {
		newline = 0;
		i++;
	}
	struct str out = {0};
	for (; i < argc; i++) {
		const char *s = argv[i];
		while (*s) {
			if (*s != '\\' || !s[1]) {
				str_putc(&out, *s++);
				continue;
			}
			s++;
			char c = *s++;
			switch (c) {
			case 'a': str_putc(&out, '\a'); break;
			case 'b': str_putc(&out, '\b'); break;
			case 'c': newline = 0; goto done;
			case 'e': str_putc(&out, 033); break;
			case 'f': str_putc(&out, '\f'); break;
			case 'n': str_putc(&out, '\n'); break;
			case 'r': str_putc(&out, '\r'); break;
			case 't': str_putc(&out, '\t'); break;
			case 'v': str_putc(&out, '\v'); break;
			case '\\': str_putc(&out, '\\'); break;
			case '0': {
				int v = 0;
				for (int k = 0; k < 3 && *s >= '0' && *s <= '7'; k++)
					v = v * 8 + (*s++ - '0');
				str_putc(&out, (char)v);
				break;
			}
			default:
				str_putc(&out, '\\');
				str_putc(&out, c);
			}
		}
		if (i + 1 < argc)
			str_putc(&out, ' ');
	}
done:
	if (newline)
		str_putc(&out, '\n');
	if (out.len)
		fwrite(out.s, 1, out.len, stdout);
	free(out.s);
	if (fflush(stdout) == EOF) {
		clearerr(stdout);
		return 1;
	}
	return 0;
}

static int bi_times(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	struct tms t;
	long hz = sysconf(_SC_CLK_TCK);
	times(&t);
	printf("%ldm%.3fs %ldm%.3fs\n%ldm%.3fs %ldm%.3fs\n",
	       (long)(t.tms_utime / hz / 60), (double)(t.tms_utime % (hz * 60)) / hz,
	       (long)(t.tms_stime / hz / 60), (double)(t.tms_stime % (hz * 60)) / hz,
	       (long)(t.tms_cutime / hz / 60), (double)(t.tms_cutime % (hz * 60)) / hz,
	       (long)(t.tms_cstime / hz / 60), (double)(t.tms_cstime % (hz * 60)) / hz);
	return 0;
}

static int bi_hash(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "-r") == 0)
		path_hash_clear();
	return 0;
}

const struct builtin builtins[] = {
	{".", bi_dot, BI_SPECIAL},
	{":", bi_true, BI_SPECIAL},
	{"[", bi_test, 0},
	{"alias", bi_alias, 0},
	{"bg", bi_bg, 0},
	{"break", bi_break, BI_SPECIAL},
	{"cd", bi_cd, 0},
	{"command", bi_command, 0},
	{"continue", bi_continue, BI_SPECIAL},
	{"echo", bi_echo, 0},
	{"eval", bi_eval, BI_SPECIAL},
	{"exec", bi_exec, BI_SPECIAL},
	{"exit", bi_exit, BI_SPECIAL},
	{"export", bi_export, BI_SPECIAL},
	{"false", bi_false, 0},
	{"fg", bi_fg, 0},
	{"getopts", bi_getopts, 0},
	{"hash", bi_hash, 0},
	{"history", bi_history, 0},
	{"jobs", bi_jobs, 0},
	{"kill", bi_kill, 0},
	{"local", bi_local, 0},
	{"printf", bi_printf, 0},
	{"pwd", bi_pwd, 0},
	{"read", bi_read, 0},
	{"readonly", bi_readonly, BI_SPECIAL},
	{"return", bi_return, BI_SPECIAL},
	{"set", bi_set, BI_SPECIAL},
	{"shift", bi_shift, BI_SPECIAL},
	{"test", bi_test, 0},
	{"times", bi_times, BI_SPECIAL},
	{"trap", bi_trap, BI_SPECIAL},
	{"true", bi_true, 0},
	{"type", bi_type, 0},
	{"ulimit", bi_ulimit, 0},
	{"umask", bi_umask, 0},
	{"unalias", bi_unalias, 0},
	{"unset", bi_unset, BI_SPECIAL},
	{"wait", bi_wait, 0},
};
const int nbuiltins = sizeof builtins / sizeof builtins[0];

static int cmp_builtin(const void *key, const void *elem)
{
	return strcmp(key, ((const struct builtin *)elem)->name);
}

const struct builtin *builtin_lookup(const char *name)
{
	return bsearch(name, builtins, nbuiltins, sizeof builtins[0], cmp_builtin);
}
