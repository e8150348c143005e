/*
 * exec.c - walks the command tree.
 *
 * exec_node runs one node and returns its exit status.  Builtins,
 * functions, assignments and compound commands run in the shell process;
 * only external commands, pipelines, subshells and background jobs fork.
 * EV_EXIT says nothing runs after this node in the current process, so an
 * external command can replace the process instead of forking a child.
 * break, continue and return set skip_kind, which every loop and list checks
 * on the way up.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sh.h"

int exit_status;
int builtin_tested;
int in_subshell;
int func_depth;
int loop_depth;
enum skip skip_kind;
int skip_count;
jmp_buf *error_jmp;
pid_t last_bg_pid;
pid_t shell_pid;

void sh_warn(const char *fmt, ...)
{
	va_list ap;
	fflush(stdout);
	fputs("sh: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/* An error that abandons the current command: a non-interactive shell
 * exits (XCU 2.8.1), an interactive one returns to its prompt. */
void sh_error(const char *fmt, ...)
{
	va_list ap;
	fflush(stdout);
	fputs("sh: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit_status = 2;
	if (!opt.interactive || in_subshell || !error_jmp)
		sh_exit(2);
	longjmp(*error_jmp, 1);
}

void sh_exit(int status)
{
	exit_status = status;
	trap_run_exit();
	fflush(stdout);
	exit(exit_status & 0xff);
}

/* ---- PATH search with a small cache */
struct path_cache {
	struct path_cache *next;
	char *name, *path;
};
static struct path_cache *path_cache;

void path_hash_clear(void)
{
	while (path_cache) {
		struct path_cache *c = path_cache->next;
		free(path_cache->name);
		free(path_cache->path);
		free(path_cache);
		path_cache = c;
	}
}

char *path_search(const char *name, int *err)
{
	for (struct path_cache *c = path_cache; c; c = c->next)
		if (strcmp(c->name, name) == 0)
			return xstrdup(c->path);
	const char *path = var_get("PATH");
	if (!path)
		path = "/usr/local/bin:/usr/bin:/bin";
	*err = ENOENT;
	struct str cand = {0};
	for (const char *p = path;; ) {
		const char *colon = strchr(p, ':');
		size_t n = colon ? (size_t)(colon - p) : strlen(p);
		cand.len = 0;
		if (n)
			str_putn(&cand, p, n);
		else
			str_putc(&cand, '.');
		str_putc(&cand, '/');
		str_puts(&cand, name);
		struct stat st;
		if (stat(cand.s, &st) == 0 && S_ISREG(st.st_mode)) {
			if (access(cand.s, X_OK) == 0) {
				struct path_cache *c = xmalloc(sizeof *c);
				c->name = xstrdup(name);
				c->path = xstrdup(cand.s);
				c->next = path_cache;
				path_cache = c;
				return str_take(&cand);
			}
			*err = EACCES;
		}
		if (!colon)
			break;
		p = colon + 1;
	}
	free(cand.s);
	return NULL;
}

/* ---- processes */
void shell_reset_child(void)
{
	in_subshell = 1;
	opt.monitor = 0;
	trap_child_reset();
}

static pid_t fork_child(void)
{
	fflush(stdout);
	fflush(stderr);
	pid_t pid = fork();
	if (pid < 0)
		sh_error("fork: %s", strerror(errno));
	return pid;
}

static int run_script_in_child(const char *path, char **argv);

#define BINARY_CHECK_BYTES 80	/* as much of the first line as bash reads */
static const char elf_magic[] = "\177ELF";

/* A file execve refused (ENOEXEC) runs as a shell script only if it looks
 * like text: not an ELF file, and no NUL byte in its first line. */
static int is_binary_file(const char *path)
{
	char head[BINARY_CHECK_BYTES];
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;	/* run_script_in_child reports the error */
	ssize_t n;
	do
		n = read(fd, head, sizeof head);
	while (n < 0 && errno == EINTR);
	close(fd);
	if (n <= 0)
		return 0;
	if ((size_t)n >= sizeof elf_magic - 1 &&
	    memcmp(head, elf_magic, sizeof elf_magic - 1) == 0)
		return 1;
	for (ssize_t i = 0; i < n && head[i] != '\n'; i++)
		if (head[i] == '\0')
			return 1;
	return 0;
}

/* EV_EXIT lets the last command replace the process, unless an EXIT trap
 * still has to run after it. */
static int may_exec_in_place(int flags)
{
	return (flags & EV_EXIT) && !trap_exit_set();
}

/* Replaces the process with argv[0]; only returns through exit. */
static void exec_external(char **argv, struct arglist *assigns)
{
	fflush(stdout);
	for (int i = 0; i < assigns->n; i++) {
		char *eq = strchr(assigns->v[i], '=');
		var_setn(assigns->v[i], eq - assigns->v[i], eq + 1, V_EXPORT);
	}
	char *path;
	int err = ENOENT;
	if (strchr(argv[0], '/'))
		path = xstrdup(argv[0]);
	else
		path = path_search(argv[0], &err);
	if (!path) {
		if (err == EACCES)
			sh_warn("%s: Permission denied", argv[0]);
		else
			sh_warn("%s: not found", argv[0]);
		_exit(err == EACCES ? 126 : 127);
	}
	char **env = var_environ();
	execve(path, argv, env);
	err = errno;
	if (err == ENOEXEC && !is_binary_file(path))
		_exit(run_script_in_child(path, argv));
	if (err == ENOEXEC) {
		sh_warn("%s: cannot execute binary file: %s", path, strerror(err));
		_exit(126);
	}
	sh_warn("%s: %s", argv[0], strerror(err));
	_exit(err == ENOENT || err == ENOTDIR ? 127 : 126);
}

void shell_execve(char **argv)
{
	struct arglist none = {0};
	exec_external(argv, &none);
	_exit(127);
}

/* A file without #! is a shell script run by a new shell: this one. */
static int run_script_in_child(const char *path, char **argv)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		sh_warn("%s: %s", path, strerror(errno));
		return 126;
	}
	int argc = 0;
	while (argv[argc])
		argc++;
	params_set(argc - 1, argv + 1);
	arg0 = xstrdup(path);
	script_name = arg0;
	func_depth = loop_depth = 0;
	fd = fd_move_high(fd);
	int st = exec_fd(fd, 0);
	sh_exit(st);
}

/* ---- simple commands */
static void xtrace(struct arglist *assigns, struct arglist *args)
{
	const char *ps4 = var_get("PS4");
	fputs(ps4 ? ps4 : "+ ", stderr);
	for (int i = 0; i < assigns->n; i++)
		fprintf(stderr, "%s%s", i ? " " : "", assigns->v[i]);
	for (int i = 0; i < args->n; i++)
		fprintf(stderr, "%s%s", i || assigns->n ? " " : "", args->v[i]);
	fputc('\n', stderr);
}

/* name=value with the value expanded. */
static void expand_assign(struct word *w, struct arglist *out)
{
	char *eq = strchr(w->text, '=');
	char *val = expand_string(eq + 1, EXP_ASSIGN);
	size_t nl = eq - w->text, vl = strlen(val);
	char *s = xmalloc(nl + vl + 2);
	memcpy(s, w->text, nl + 1);
	memcpy(s + nl + 1, val, vl + 1);
	free(val);
	arglist_add(out, s);
}

static void expand_assigns(struct word *w, struct arglist *out)
{
	for (; w; w = w->next)
		expand_assign(w, out);
}

static int set_assigns(struct arglist *assigns, int flags)
{
	for (int i = 0; i < assigns->n; i++) {
		char *eq = strchr(assigns->v[i], '=');
		if (var_setn(assigns->v[i], eq - assigns->v[i], eq + 1, flags) < 0)
			return 1;
	}
	return 0;
}

/* Assignments in front of a builtin or function last for that command. */
static void set_temp_assigns(struct arglist *assigns)
{
	for (int i = 0; i < assigns->n; i++) {
		char *eq = strchr(assigns->v[i], '=');
		*eq = '\0';
		var_make_local(assigns->v[i]);
		*eq = '=';
	}
	set_assigns(assigns, V_EXPORT);
}

#define FUNC_DEPTH_MAX 1000	/* well inside an 8 MiB stack */

static int run_function(struct func *f, struct arglist *args, int flags)
{
	if (func_depth >= FUNC_DEPTH_MAX)
		sh_error("%s: functions nested too deeply", f->name);
	struct params saved = params;
	params.n = 0;
	params.v = NULL;
	params_set(args->n - 1, args->v + 1);
	f->refs++;
	func_depth++;
	int loops = loop_depth;
	loop_depth = 0;
	int st = exec_node(f->body, flags & EV_TESTED);
	loop_depth = loops;
	func_depth--;
	if (skip_kind == SKIP_RETURN) {
		skip_kind = SKIP_NONE;
		st = exit_status;
	}
	func_put(f);
	params_free(&params);
	params = saved;
	return st;
}

/* Runs a builtin or function in the shell, with its redirections and
 * temporary assignments undone afterwards, even if it fails with
 * sh_error. */
static int run_in_shell(const struct builtin *bi, struct func *f, struct node *n,
			struct arglist *assigns, struct arglist *args, int flags)
{
	struct saved_fds *save = NULL;
	int special = bi && (bi->flags & BI_SPECIAL);
	int is_exec = bi && strcmp(bi->name, "exec") == 0;
	jmp_buf jb, *volatile prev = error_jmp;
	int scoped = assigns->n && !special;
	int depth = var_scope_depth();
	if (scoped)
		var_push_scope();
	if (setjmp(jb)) {
		redir_restore(save);
		while (var_scope_depth() > depth)
			var_pop_scope();
		error_jmp = prev;
		longjmp(*prev, 1);
	}
	if (prev)
		error_jmp = &jb;
	int st;
	if (redir_apply(n->redirs, is_exec ? NULL : &save) < 0) {
		st = 1;
		if (special && !opt.interactive)
			sh_exit(1);
	} else {
		if (special)
			set_assigns(assigns, 0);
		else if (scoped)
			set_temp_assigns(assigns);
		if (bi) {
			int tested = builtin_tested;
			builtin_tested = flags & EV_TESTED;
			st = bi->fn(args->n, args->v);
			builtin_tested = tested;
			fflush(stdout);
		} else {
			if (!scoped)
				var_push_scope();
			st = run_function(f, args, flags);
			if (!scoped)
				var_pop_scope();
		}
	}
	redir_restore(save);
	if (scoped)
		var_pop_scope();
	error_jmp = prev;
	return st;
}

static int exec_simple(struct node *n, int flags)
{
	struct arglist args = {0}, assigns = {0};
	int st;
	last_subst_status = 0;
	expand_fields(n->cmd.args, &args);
	if (args.n == 0) {
		/* Each assignment sees the ones before it: a=1 b=$a. */
		st = 0;
		for (struct word *w = n->cmd.assigns; w && !st; w = w->next) {
			expand_assign(w, &assigns);
			st = set_assigns(&assigns, 0);
			if (opt.xtrace)
				xtrace(&assigns, &args);
			arglist_free(&assigns);
		}
		st = st ? 1 : last_subst_status;
		if (n->redirs) {
			struct saved_fds *save = NULL;
			if (redir_apply(n->redirs, &save) < 0)
				st = 1;
			redir_restore(save);
		}
		goto out;
	}
	expand_assigns(n->cmd.assigns, &assigns);
	if (opt.xtrace)
		xtrace(&assigns, &args);
	const char *name = args.v[0];
	const struct builtin *bi = NULL;
	struct func *f = NULL;
	if (!strchr(name, '/')) {
		bi = builtin_lookup(name);
		if (!(bi && (bi->flags & BI_SPECIAL)) && (f = func_lookup(name)))
			bi = NULL;
	}
	if (bi || f) {
		st = run_in_shell(bi, f, n, &assigns, &args, flags);
		goto out;
	}
	if (may_exec_in_place(flags)) {
		if (redir_apply(n->redirs, NULL) < 0)
			_exit(1);
		exec_external(args.v, &assigns);
	}
	struct str text = {0};
	if (job_control_active())
		node_text(&text, n);
	struct job *j = job_new(0, text.s ? text.s : name, 1);
	free(text.s);
	pid_t pid = fork_child();
	if (pid == 0) {
		job_child_setup(0, 1);
		shell_reset_child();
		if (redir_apply(n->redirs, NULL) < 0)
			_exit(1);
		exec_external(args.v, &assigns);
	}
	job_add_proc(j, pid);
	st = job_wait_fg(j);
out:
	arglist_free(&args);
	arglist_free(&assigns);
	return st;
}

/* ---- pipelines, subshells, background jobs */
static int exec_pipeline(struct node *n, int flags)
{
	int bg = flags & EV_BG;
	struct str text = {0};
	if (job_control_active() || bg)
		node_text(&text, n);
	struct job *j = job_new(0, text.s ? text.s : "", !bg);
	free(text.s);
	int prev_read = -1;
	pid_t pgid = 0;
	for (int i = 0; i < n->pipe.n; i++) {
		int fds[2] = { -1, -1 };
		if (i < n->pipe.n - 1 && pipe(fds) < 0) {
			sh_warn("pipe: %s", strerror(errno));
			break;
		}
		pid_t pid = fork_child();
		if (pid == 0) {
			job_child_setup(pgid, !bg);
			shell_reset_child();
			if (prev_read >= 0) {
				dup2(prev_read, 0);
				close(prev_read);
			} else if (bg && !job_control_active()) {
				int null = open("/dev/null", O_RDONLY);
				if (null >= 0 && null != 0) {
					dup2(null, 0);
					close(null);
				}
			}
			if (fds[1] >= 0) {
				close(fds[0]);
				dup2(fds[1], 1);
				close(fds[1]);
			}
			_exit(exec_node(n->pipe.cmds[i], EV_EXIT | (flags & EV_TESTED)) & 0xff);
		}
		if (!pgid)
			pgid = pid;
		job_add_proc(j, pid);
		if (prev_read >= 0)
			close(prev_read);
		if (fds[1] >= 0)
			close(fds[1]);
		prev_read = fds[0];
	}
	if (prev_read >= 0)
		close(prev_read);
	if (bg) {
		job_started(j);
		return 0;
	}
	return job_wait_fg(j);
}

/* set -e stays off inside a subshell whose status is tested (XCU 2.14). */
static int exec_subshell(struct node *n, int flags)
{
	int body_flags = EV_EXIT | (flags & EV_TESTED);
	if (may_exec_in_place(flags)) {
		if (redir_apply(n->redirs, NULL) < 0)
			_exit(1);
		sh_exit(exec_node(n->sub.body, body_flags));
	}
	struct str text = {0};
	node_text(&text, n);
	struct job *j = job_new(0, text.s, 1);
	free(text.s);
	pid_t pid = fork_child();
	if (pid == 0) {
		job_child_setup(0, 1);
		shell_reset_child();
		if (redir_apply(n->redirs, NULL) < 0)
			_exit(1);
		sh_exit(exec_node(n->sub.body, body_flags));
	}
	job_add_proc(j, pid);
	return job_wait_fg(j);
}


static int exec_background(struct node *n)
{
	struct node *body = n->sub.body;
	if (body->type == N_PIPE)
		return exec_pipeline(body, EV_BG);
	struct str text = {0};
	node_text(&text, body);
	struct job *j = job_new(0, text.s, 0);
	free(text.s);
	pid_t pid = fork_child();
	if (pid == 0) {
		int jc = job_control_active();
		job_child_setup(0, 0);
		shell_reset_child();
		if (!jc) {
			signal(SIGINT, SIG_IGN);
			signal(SIGQUIT, SIG_IGN);
			int null = open("/dev/null", O_RDONLY);
			if (null > 0) {
				dup2(null, 0);
				close(null);
			}
		}
		sh_exit(exec_node(body, EV_EXIT));
	}
	job_add_proc(j, pid);
	job_started(j);
	return 0;
}

/* ---- compound commands */
/* After a loop body: returns 1 if the loop must stop. */
static int loop_skip(void)
{
	if (skip_kind == SKIP_BREAK || skip_kind == SKIP_CONT) {
		if (--skip_count > 0)
			return 1;
		int brk = skip_kind == SKIP_BREAK;
		skip_kind = SKIP_NONE;
		return brk;
	}
	return skip_kind != SKIP_NONE;
}

static int exec_loop(struct node *n, int flags)
{
	int st = 0;
	loop_depth++;
	for (;;) {
		int c = exec_node(n->loop.cond, (flags & ~EV_EXIT) | EV_TESTED);
		if (skip_kind != SKIP_NONE) {
			if (loop_skip())
				break;
			continue;
		}
		if ((c == 0) != (n->type == N_WHILE))
			break;
		st = exec_node(n->loop.body, flags & ~EV_EXIT);
		if (skip_kind != SKIP_NONE && loop_skip())
			break;
	}
	loop_depth--;
	return st;
}

static int exec_for(struct node *n, int flags)
{
	struct arglist words = {0};
	if (n->forn.has_in)
		expand_fields(n->forn.words, &words);
	else
		for (int i = 0; i < params.n; i++)
			arglist_add(&words, xstrdup(params.v[i]));
	int st = 0;
	loop_depth++;
	for (int i = 0; i < words.n; i++) {
		if (var_set(n->forn.var, words.v[i], 0) < 0) {
			st = 1;
			break;
		}
		st = exec_node(n->forn.body, flags & ~EV_EXIT);
		if (skip_kind != SKIP_NONE && loop_skip())
			break;
	}
	loop_depth--;
	arglist_free(&words);
	return st;
}

static int exec_case(struct node *n, int flags)
{
	char *subject = expand_string(n->casen.subject, 0);
	int st = 0;
	for (struct case_item *ci = n->casen.items; ci; ci = ci->next) {
		for (struct word *w = ci->patterns; w; w = w->next) {
			char *pat = expand_string(w->text, EXP_PATTERN);
			int m = pattern_match(pat, subject);
			free(pat);
			if (m) {
				free(subject);
				return ci->body ? exec_node(ci->body, flags) : 0;
			}
		}
	}
	free(subject);
	return st;
}

static int exec_compound(struct node *n, int flags)
{
	int st;
	switch (n->type) {
	case N_GROUP:
		return exec_node(n->sub.body, flags);
	case N_IF:
		st = exec_node(n->ifn.cond, (flags & ~EV_EXIT) | EV_TESTED);
		if (skip_kind != SKIP_NONE)
			return st;
		if (st == 0)
			return exec_node(n->ifn.then, flags);
		return n->ifn.els ? exec_node(n->ifn.els, flags) : 0;
	case N_WHILE: case N_UNTIL:
		return exec_loop(n, flags);
	case N_FOR:
		return exec_for(n, flags);
	case N_CASE:
		return exec_case(n, flags);
	default:
		return 0;
	}
}

static int exec_with_redirs(struct node *n, int flags)
{
	struct saved_fds *save = NULL;
	jmp_buf jb, *volatile prev = error_jmp;
	if (setjmp(jb)) {
		redir_restore(save);
		error_jmp = prev;
		longjmp(*prev, 1);
	}
	if (prev)
		error_jmp = &jb;
	int st = 1;
	if (redir_apply(n->redirs, &save) == 0)
		st = exec_compound(n, flags & ~EV_EXIT);
	redir_restore(save);
	error_jmp = prev;
	return st;
}

int exec_node(struct node *n, int flags)
{
	int st = 0;
	if (!n)
		return 0;
	if (pending_signals)
		trap_run_pending();
	if (got_sigint && opt.interactive && !in_subshell && error_jmp) {
		/* ^C stops whatever the interactive command line was doing. */
		exit_status = 130;
		longjmp(*error_jmp, 1);
	}
	switch (n->type) {
	case N_SEQ:
		exec_node(n->bin.left, flags & ~EV_EXIT);
		if (skip_kind != SKIP_NONE)
			return exit_status;
		return exec_node(n->bin.right, flags);
	case N_AND: case N_OR:
		st = exec_node(n->bin.left, (flags & ~EV_EXIT) | EV_TESTED);
		if (skip_kind != SKIP_NONE)
			return st;
		if ((st == 0) == (n->type == N_AND))
			return exec_node(n->bin.right, flags);
		return st;
	case N_NOT:
		st = !exec_node(n->sub.body, (flags & ~EV_EXIT) | EV_TESTED);
		break;
	case N_BG:
		st = exec_background(n);
		break;
	case N_PIPE:
		st = exec_pipeline(n, flags);
		break;
	case N_CMD:
		st = exec_simple(n, flags);
		break;
	case N_SUBSHELL:
		st = exec_subshell(n, flags);
		break;
	case N_FUNC:
		func_define(n->func.name, node_copy(n->func.body));
		st = 0;
		break;
	default:
		st = n->redirs ? exec_with_redirs(n, flags) : exec_compound(n, flags);
		if (skip_kind == SKIP_RETURN)
			return exit_status;
		exit_status = st;
		return st;
	}
	exit_status = st;
	if (st && opt.errexit && !(flags & EV_TESTED) && n->type != N_NOT &&
	    skip_kind == SKIP_NONE)
		sh_exit(st);
	if ((flags & EV_EXIT) && !skip_kind)
		sh_exit(st);
	return st;
}

/* ---- running text */
static int only_blanks_left(struct parser *p)
{
	if (p->kind != SRC_STRING)
		return 0;
	for (size_t i = p->pos; i < p->len; i++)
		if (!strchr(" \t\n", p->buf[i]))
			return 0;
	return 1;
}

int exec_parser(struct parser *p, int flags)
{
	int st = 0, eof;
	for (;;) {
		struct node *n = parse_command(p, &eof);
		if (eof)
			break;
		if (!n) {
			st = exit_status = 2;
			if (!opt.interactive || in_subshell)
				break;
			continue;
		}
		int f = flags & ~EV_EXIT;
		if ((flags & EV_EXIT) && only_blanks_left(p))
			f = flags;
		if (!opt.noexec)
			st = exec_node(n, f);
		node_free(n);
		if (skip_kind != SKIP_NONE)
			break;
	}
	return st;
}

int exec_string(const char *s, int flags)
{
	struct parser p;
	parser_init_string(&p, s);
	int st = exec_parser(&p, flags);
	parser_free(&p);
	return st;
}

int exec_fd(int fd, int flags)
{
	struct parser p;
	parser_init_fd(&p, fd, 0);
	int st = exec_parser(&p, flags);
	parser_free(&p);
	return st;
}
