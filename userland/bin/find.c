/*
 * find: walk file trees and evaluate an expression on every file.
 *   find [path ...] [expression]
 * Paths default to ".", the expression to -print.  The expression is
 * primaries joined by ! (not), -a (and, also implied by juxtaposition),
 * -o (or) and parentheses, with the usual precedence:
 *   tests    -name PAT  -iname PAT  -path PAT  -type [bcdflps][,...]
 *            -newer FILE  -size [+-]N[cwbkMG]  -perm [-/]MODE (as chmod's)
 *            -user NAME|UID  -group NAME|GID  -mtime [+-]N  -empty
 *            -true  -false
 *   actions  -print  -print0  -exec CMD ;  -exec CMD {} +  -delete  -prune
 *   options  -maxdepth N  -mindepth N  -depth
 * An expression without an action (other than -prune) prints what it
 * matches.  -delete implies -depth (children before their directory).
 * Symbolic links are never followed.  Unlike GNU find, the entries of a
 * directory are visited in name order, so the output is repeatable.
 * Exit status 1 if a file could not be read, a -delete or an -exec ... +
 * failed, or the expression is wrong; 0 otherwise.
 */
#define _GNU_SOURCE	/* FNM_CASEFOLD in glibc */
#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <grp.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "modeexpr.h"

#define ST_BLOCK_SIZE 512	/* the unit of -size without a suffix */
#define SECONDS_PER_DAY (24 * 60 * 60)
/* Bytes of paths gathered by one -exec ... + before it runs. */
#define EXEC_BATCH_BYTES (128 * 1024)
#define PERM_MASK 07777
#define REPLACE "{}"

/* The file being looked at, as the primaries see it. */
struct visit {
	const char *path;
	const char *name;	/* last component, for -name */
	struct stat st;
	int depth;
	int prune;		/* set by -prune: do not descend */
};

struct node;
typedef int eval_fn(struct node *n, struct visit *v);

/* A comparison with a number: +N greater, -N less, N equal. */
struct compare {
	int sign;
	unsigned long long value;
};

/* The command of -exec; with plus, the paths gathered for it. */
struct exec {
	char **argv;		/* the command, up to ; or {} + */
	int argc;
	int plus;
	char **paths;
	size_t npaths, cap, bytes;
};

struct node {
	eval_fn *eval;		/* NULL for the operators */
	enum { OP_AND, OP_OR, OP_NOT, OP_PRIMARY } op;
	struct node *left, *right;
	const char *arg;	/* pattern, type letters */
	struct compare cmp;	/* -size -mtime */
	unsigned long long unit;	/* -size */
	mode_t mode;		/* -perm */
	int perm_kind;		/* '=', '-', '/' */
	unsigned id;		/* -user -group */
	struct timespec time;	/* -newer */
	struct exec exec;
};

/* The command line being parsed. */
struct parser {
	char **argv;
	int argc, pos;
	int has_action;
};

static int opt_maxdepth = INT_MAX, opt_mindepth, opt_depth_first;
static int status;
static time_t now;
static struct node **exec_plus_nodes;
static size_t nexec_plus;

static void
usage(void)
{
	fprintf(stderr, "usage: find [path ...] [expression]\n");
	exit(1);
}

static void
die(const char *fmt, const char *arg)
{
	fprintf(stderr, "find: ");
	fprintf(stderr, fmt, arg);
	fputc('\n', stderr);
	exit(1);
}

static void *
xrealloc(void *p, size_t size)
{
	p = realloc(p, size);
	if (p == NULL)
		die("%s", strerror(errno));
	return p;
}

static void
warn_path(const char *path)
{
	fprintf(stderr, "find: %s: %s\n", path, strerror(errno));
	status = 1;
}

/* ---- tests */

static int
eval_true(struct node *n, struct visit *v)
{
	(void)n, (void)v;
	return 1;
}

static int
eval_false(struct node *n, struct visit *v)
{
	(void)n, (void)v;
	return 0;
}

static int
eval_name(struct node *n, struct visit *v)
{
	return fnmatch(n->arg, v->name, 0) == 0;
}

static int
eval_iname(struct node *n, struct visit *v)
{
	return fnmatch(n->arg, v->name, FNM_CASEFOLD) == 0;
}

static int
eval_path(struct node *n, struct visit *v)
{
	return fnmatch(n->arg, v->path, 0) == 0;
}

static char
type_letter(mode_t mode)
{
	switch (mode & S_IFMT) {
	case S_IFREG: return 'f';
	case S_IFDIR: return 'd';
	case S_IFLNK: return 'l';
	case S_IFBLK: return 'b';
	case S_IFCHR: return 'c';
	case S_IFIFO: return 'p';
	case S_IFSOCK: return 's';
	}
	return '?';
}

static int
eval_type(struct node *n, struct visit *v)
{
	return strchr(n->arg, type_letter(v->st.st_mode)) != NULL;
}

static int
compare(const struct compare *c, unsigned long long value)
{
	if (c->sign > 0)
		return value > c->value;
	if (c->sign < 0)
		return value < c->value;
	return value == c->value;
}

/* Sizes are counted in whole units, rounded up, as GNU find does. */
static int
eval_size(struct node *n, struct visit *v)
{
	unsigned long long size = v->st.st_size;

	return compare(&n->cmp, size / n->unit + (size % n->unit != 0));
}

static int
eval_mtime(struct node *n, struct visit *v)
{
	time_t age = now - v->st.st_mtime;

	return compare(&n->cmp, age < 0 ? 0 : (unsigned long long)age / SECONDS_PER_DAY);
}

static int
eval_newer(struct node *n, struct visit *v)
{
	const struct timespec *t = &v->st.st_mtim;

	return t->tv_sec > n->time.tv_sec ||
	    (t->tv_sec == n->time.tv_sec && t->tv_nsec > n->time.tv_nsec);
}

static int
eval_perm(struct node *n, struct visit *v)
{
	mode_t mode = v->st.st_mode & PERM_MASK;

	switch (n->perm_kind) {
	case '-': return (mode & n->mode) == n->mode;
	case '/': return n->mode == 0 || (mode & n->mode) != 0;
	default: return mode == n->mode;
	}
}

static int
eval_user(struct node *n, struct visit *v)
{
	return v->st.st_uid == (uid_t)n->id;
}

static int
eval_group(struct node *n, struct visit *v)
{
	return v->st.st_gid == (gid_t)n->id;
}

static int
eval_empty(struct node *n, struct visit *v)
{
	struct dirent *de;
	int empty = 1;
	DIR *dir;

	(void)n;
	if (S_ISREG(v->st.st_mode))
		return v->st.st_size == 0;
	if (!S_ISDIR(v->st.st_mode))
		return 0;
	if ((dir = opendir(v->path)) == NULL) {
		warn_path(v->path);
		return 0;
	}
	while (empty && (de = readdir(dir)) != NULL)
		empty = strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0;
	closedir(dir);
	return empty;
}

/* ---- actions */

static int
eval_print(struct node *n, struct visit *v)
{
	(void)n;
	printf("%s\n", v->path);
	return 1;
}

static int
eval_print0(struct node *n, struct visit *v)
{
	(void)n;
	fputs(v->path, stdout);
	putchar('\0');
	return 1;
}

static int
eval_prune(struct node *n, struct visit *v)
{
	(void)n;
	v->prune = 1;
	return 1;
}

static int
eval_delete(struct node *n, struct visit *v)
{
	int r;

	(void)n;
	if (strcmp(v->path, ".") == 0)
		return 1;	/* GNU find leaves the starting "." alone */
	r = S_ISDIR(v->st.st_mode) ? rmdir(v->path) : unlink(v->path);
	if (r < 0) {
		warn_path(v->path);
		return 0;
	}
	return 1;
}

/* Run argv and wait; returns its exit status, or -1 if it did not run. */
static int
run(char **argv)
{
	int wstatus;
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid < 0) {
		warn_path(argv[0]);
		return -1;
	}
	if (pid == 0) {
		execvp(argv[0], argv);
		fprintf(stderr, "find: %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	if (waitpid(pid, &wstatus, 0) < 0) {
		warn_path(argv[0]);
		return -1;
	}
	return WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : -1;
}

/* A copy of arg with every {} replaced by path. */
static char *
replace_braces(const char *arg, const char *path)
{
	size_t plen = strlen(path), n = 0;
	char *out = xrealloc(NULL, strlen(arg) + 1);
	const char *hit;

	while ((hit = strstr(arg, REPLACE)) != NULL) {
		size_t head = hit - arg;
		out = xrealloc(out, n + head + plen + strlen(hit) + 1);
		memcpy(out + n, arg, head);
		memcpy(out + n + head, path, plen);
		n += head + plen;
		arg = hit + strlen(REPLACE);
	}
	strcpy(out + n, arg);
	return out;
}

static int
exec_one(struct exec *e, const char *path)
{
	char **argv = xrealloc(NULL, (e->argc + 1) * sizeof(*argv));
	int r;

	for (int i = 0; i < e->argc; i++)
		argv[i] = replace_braces(e->argv[i], path);
	argv[e->argc] = NULL;
	r = run(argv);
	for (int i = 0; i < e->argc; i++)
		free(argv[i]);
	free(argv);
	return r == 0;
}

/* -exec ... {} +: the command with every path gathered so far. */
static void
exec_flush(struct exec *e)
{
	char **argv;

	if (e->npaths == 0)
		return;
	argv = xrealloc(NULL, (e->argc + e->npaths + 1) * sizeof(*argv));
	memcpy(argv, e->argv, e->argc * sizeof(*argv));
	memcpy(argv + e->argc, e->paths, e->npaths * sizeof(*argv));
	argv[e->argc + e->npaths] = NULL;
	if (run(argv) != 0)
		status = 1;
	for (size_t i = 0; i < e->npaths; i++)
		free(e->paths[i]);
	free(argv);
	e->npaths = 0;
	e->bytes = 0;
}

static int
eval_exec(struct node *n, struct visit *v)
{
	struct exec *e = &n->exec;
	size_t len = strlen(v->path) + 1;

	if (!e->plus)
		return exec_one(e, v->path);
	if (e->npaths > 0 && e->bytes + len > EXEC_BATCH_BYTES)
		exec_flush(e);
	if (e->npaths == e->cap) {
		e->cap = e->cap ? e->cap * 2 : 64;
		e->paths = xrealloc(e->paths, e->cap * sizeof(*e->paths));
	}
	e->paths[e->npaths] = xrealloc(NULL, len);
	memcpy(e->paths[e->npaths++], v->path, len);
	e->bytes += len;
	return 1;
}

/* ---- parsing */

static struct node *
new_node(int op, eval_fn *eval)
{
	struct node *n = xrealloc(NULL, sizeof(*n));

	memset(n, 0, sizeof(*n));
	n->op = op;
	n->eval = eval;
	return n;
}

static const char *
take_arg(struct parser *p, const char *primary)
{
	if (p->pos >= p->argc)
		die("missing argument to '%s'", primary);
	return p->argv[p->pos++];
}

static unsigned long long
parse_number(const char *s, const char *primary, char **end)
{
	unsigned long long n;

	if (*s < '0' || *s > '9')
		die("invalid argument to '%s'", primary);
	errno = 0;
	n = strtoull(s, end, 10);
	if (errno != 0)
		die("invalid argument to '%s'", primary);
	return n;
}

/* "+N", "-N" or "N", then what may follow it (the suffix), in *rest. */
static void
parse_compare(const char *s, const char *primary, struct compare *c, char **rest)
{
	c->sign = *s == '+' ? 1 : *s == '-' ? -1 : 0;
	c->value = parse_number(s + (c->sign != 0), primary, rest);
}

static void
parse_size(struct node *n, const char *s)
{
	static const struct {
		char suffix;
		unsigned long long unit;
	} units[] = {
		{ 'c', 1 }, { 'w', 2 }, { 'b', ST_BLOCK_SIZE }, { 'k', 1ULL << 10 },
		{ 'M', 1ULL << 20 }, { 'G', 1ULL << 30 },
	};
	char *rest;

	parse_compare(s, "-size", &n->cmp, &rest);
	n->unit = ST_BLOCK_SIZE;
	if (*rest == '\0')
		return;
	for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++)
		if (rest[0] == units[i].suffix && rest[1] == '\0') {
			n->unit = units[i].unit;
			return;
		}
	die("invalid -size '%s'", s);
}

/* "[-/]MODE", MODE octal or symbolic (applied to 0, umask ignored, as GNU). */
static void
parse_perm(struct node *n, const char *s)
{
	long mode;

	n->perm_kind = (*s == '-' || *s == '/') ? *s : '=';
	mode = mode_apply(s + (n->perm_kind != '='), 0, 0);
	if (mode < 0)
		die("invalid mode '%s'", s);
	n->mode = (mode_t)mode;
}

static void
parse_type(struct node *n, const char *s)
{
	for (const char *t = s; *t; t++) {
		if (strchr("bcdflps", *t) == NULL || (t[1] != '\0' && t[1] != ','))
			die("unknown argument to -type: %s", s);
		if (t[1] == ',')
			t++;
	}
	n->arg = s;
}

/* A decimal id, the whole of s; -1 if s is not one. */
static long
parse_id(const char *s)
{
	char *end;
	unsigned long id = strtoul(s, &end, 10);

	return *s >= '0' && *s <= '9' && *end == '\0' && id <= UINT_MAX ? (long)id : -1;
}

static void
parse_user(struct node *n, const char *s)
{
	struct passwd *pw;
	long id = parse_id(s);

	if (id < 0 && (pw = getpwnam(s)) == NULL)
		die("'%s' is not the name of a known user", s);
	n->id = id >= 0 ? (unsigned)id : pw->pw_uid;
}

static void
parse_group(struct node *n, const char *s)
{
	struct group *gr;
	long id = parse_id(s);

	if (id < 0 && (gr = getgrnam(s)) == NULL)
		die("'%s' is not the name of an existing group", s);
	n->id = id >= 0 ? (unsigned)id : gr->gr_gid;
}

static void
parse_pattern(struct node *n, const char *s)
{
	n->arg = s;
}

static void
parse_mtime(struct node *n, const char *s)
{
	char *rest;

	parse_compare(s, "-mtime", &n->cmp, &rest);
	if (*rest != '\0')
		die("invalid argument to '%s'", "-mtime");
}

static void
parse_newer(struct node *n, const char *file)
{
	struct stat st;

	if (stat(file, &st) < 0) {
		fprintf(stderr, "find: %s: %s\n", file, strerror(errno));
		exit(1);
	}
	n->time = st.st_mtim;
}

/* -exec CMD ... ; or -exec CMD ... {} + */
static void
parse_exec(struct parser *p, struct node *n)
{
	struct exec *e = &n->exec;
	int first = p->pos;

	for (; p->pos < p->argc; p->pos++) {
		const char *a = p->argv[p->pos];
		if (strcmp(a, ";") == 0)
			break;
		if (strcmp(a, "+") == 0 && p->pos > first &&
		    strcmp(p->argv[p->pos - 1], REPLACE) == 0) {
			e->plus = 1;
			break;
		}
	}
	if (p->pos >= p->argc || p->pos == first)
		die("missing argument to '%s'", "-exec");
	e->argv = p->argv + first;
	e->argc = p->pos - first - e->plus;	/* the {} before + is not kept */
	p->pos++;
	if (e->plus) {
		exec_plus_nodes = xrealloc(exec_plus_nodes,
		    (nexec_plus + 1) * sizeof(*exec_plus_nodes));
		exec_plus_nodes[nexec_plus++] = n;
	}
}

static int
parse_depth(const char *s, const char *primary)
{
	char *end;
	unsigned long long n = parse_number(s, primary, &end);

	if (*end != '\0' || n > INT_MAX)
		die("invalid argument to '%s'", primary);
	return (int)n;
}

/* -maxdepth and -mindepth are options: they set the walk, and are true. */
static void
parse_maxdepth(struct node *n, const char *s)
{
	(void)n;
	opt_maxdepth = parse_depth(s, "-maxdepth");
}

static void
parse_mindepth(struct node *n, const char *s)
{
	(void)n;
	opt_mindepth = parse_depth(s, "-mindepth");
}

typedef void parse_fn(struct node *n, const char *arg);

#define ACTION 1		/* no implied -print */
#define DEPTH_FIRST 2		/* children before their directory */
#define EXEC_ARGS 4		/* a command up to ; or {} + follows */

static const struct primary {
	const char *name;
	eval_fn *eval;
	parse_fn *parse;	/* the one argument, if it takes one */
	int flags;
} primaries[] = {
	{ "-name", eval_name, parse_pattern, 0 },
	{ "-iname", eval_iname, parse_pattern, 0 },
	{ "-path", eval_path, parse_pattern, 0 },
	{ "-type", eval_type, parse_type, 0 },
	{ "-size", eval_size, parse_size, 0 },
	{ "-mtime", eval_mtime, parse_mtime, 0 },
	{ "-newer", eval_newer, parse_newer, 0 },
	{ "-perm", eval_perm, parse_perm, 0 },
	{ "-user", eval_user, parse_user, 0 },
	{ "-group", eval_group, parse_group, 0 },
	{ "-empty", eval_empty, NULL, 0 },
	{ "-true", eval_true, NULL, 0 },
	{ "-false", eval_false, NULL, 0 },
	{ "-print", eval_print, NULL, ACTION },
	{ "-print0", eval_print0, NULL, ACTION },
	{ "-delete", eval_delete, NULL, ACTION | DEPTH_FIRST },
	{ "-prune", eval_prune, NULL, 0 },
	{ "-exec", eval_exec, NULL, ACTION | EXEC_ARGS },
	{ "-maxdepth", eval_true, parse_maxdepth, 0 },
	{ "-mindepth", eval_true, parse_mindepth, 0 },
	{ "-depth", eval_true, NULL, DEPTH_FIRST },
};
#define NPRIMARIES (sizeof(primaries) / sizeof(primaries[0]))

static struct node *
parse_primary(struct parser *p)
{
	const char *word = p->argv[p->pos++];
	const struct primary *pr = NULL;
	struct node *n;

	for (size_t i = 0; i < NPRIMARIES && pr == NULL; i++)
		if (strcmp(word, primaries[i].name) == 0)
			pr = &primaries[i];
	if (pr == NULL) {
		if (word[0] == '-')
			die("unknown predicate '%s'", word);
		die("paths must precede expression: '%s'", word);
	}
	n = new_node(OP_PRIMARY, pr->eval);
	if (pr->flags & ACTION)
		p->has_action = 1;
	if (pr->flags & DEPTH_FIRST)
		opt_depth_first = 1;
	if (pr->flags & EXEC_ARGS)
		parse_exec(p, n);
	if (pr->parse)
		pr->parse(n, take_arg(p, pr->name));
	return n;
}

static struct node *parse_or(struct parser *p);

static int
at(struct parser *p, const char *word)
{
	return p->pos < p->argc && strcmp(p->argv[p->pos], word) == 0;
}

static struct node *
parse_unary(struct parser *p)
{
	struct node *n;

	if (p->pos >= p->argc)
		die("%s", "expected an expression");
	if (at(p, "!") || at(p, "-not")) {
		p->pos++;
		n = new_node(OP_NOT, NULL);
		n->left = parse_unary(p);
		return n;
	}
	if (at(p, "(")) {
		p->pos++;
		n = parse_or(p);
		if (!at(p, ")"))
			die("%s", "missing ')'");
		p->pos++;
		return n;
	}
	if (at(p, ")") || at(p, "-o") || at(p, "-a"))
		die("expected an expression before '%s'", p->argv[p->pos]);
	return parse_primary(p);
}

static struct node *
binary(int op, struct node *left, struct node *right)
{
	struct node *n = new_node(op, NULL);

	n->left = left;
	n->right = right;
	return n;
}

static struct node *
parse_and(struct parser *p)
{
	struct node *n = parse_unary(p);

	while (p->pos < p->argc && !at(p, "-o") && !at(p, ")")) {
		if (at(p, "-a") || at(p, "-and"))
			p->pos++;
		n = binary(OP_AND, n, parse_unary(p));
	}
	return n;
}

static struct node *
parse_or(struct parser *p)
{
	struct node *n = parse_and(p);

	while (at(p, "-o") || at(p, "-or")) {
		p->pos++;
		n = binary(OP_OR, n, parse_and(p));
	}
	return n;
}

/* The whole expression, with the implied -print when it has no action. */
static struct node *
parse_expression(char **argv, int argc)
{
	struct parser p = { argv, argc, 0, 0 };
	struct node *n;

	if (argc == 0)
		return new_node(OP_PRIMARY, eval_print);
	n = parse_or(&p);
	if (p.pos < argc)
		die("unexpected '%s'", argv[p.pos]);
	if (!p.has_action)
		n = binary(OP_AND, n, new_node(OP_PRIMARY, eval_print));
	return n;
}

/* ---- walking */

static int
evaluate(struct node *n, struct visit *v)
{
	switch (n->op) {
	case OP_AND: return evaluate(n->left, v) && evaluate(n->right, v);
	case OP_OR: return evaluate(n->left, v) || evaluate(n->right, v);
	case OP_NOT: return !evaluate(n->left, v);
	case OP_PRIMARY: break;
	}
	return n->eval(n, v);
}

static int
compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The entries of a directory but . and .., sorted; NULL if unreadable. */
static char **
read_names(const char *path, size_t *count)
{
	DIR *dir = opendir(path);
	struct dirent *de;
	char **names = NULL;
	size_t n = 0, cap = 0;

	if (dir == NULL)
		return NULL;
	while ((de = readdir(dir)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 32;
			names = xrealloc(names, cap * sizeof(*names));
		}
		names[n] = xrealloc(NULL, strlen(de->d_name) + 1);
		strcpy(names[n++], de->d_name);
	}
	closedir(dir);
	if (n > 1)
		qsort(names, n, sizeof(*names), compare_names);
	*count = n;
	return names ? names : xrealloc(NULL, sizeof(*names));
}

static void walk(struct node *expr, const char *path, const char *name, int depth);

static void
walk_children(struct node *expr, const char *path, int depth)
{
	char child[PATH_MAX];
	size_t count = 0, len = strlen(path);
	char **names = read_names(path, &count);

	if (names == NULL) {
		warn_path(path);
		return;
	}
	for (size_t i = 0; i < count; i++) {
		const char *sep = len > 0 && path[len - 1] == '/' ? "" : "/";
		if (snprintf(child, sizeof(child), "%s%s%s", path, sep, names[i]) >= PATH_MAX) {
			errno = ENAMETOOLONG;
			warn_path(child);
		} else {
			walk(expr, child, names[i], depth + 1);
		}
		free(names[i]);
	}
	free(names);
}

static void
walk(struct node *expr, const char *path, const char *name, int depth)
{
	struct visit v = { path, name, { 0 }, depth, 0 };
	int evaluate_here = depth >= opt_mindepth;

	if (lstat(path, &v.st) < 0) {
		warn_path(path);
		return;
	}
	if (evaluate_here && !opt_depth_first)
		evaluate(expr, &v);
	if (S_ISDIR(v.st.st_mode) && depth < opt_maxdepth && !v.prune)
		walk_children(expr, path, depth);
	if (evaluate_here && opt_depth_first)
		evaluate(expr, &v);
}

/* The name -name matches for a starting path: its last component. */
static const char *
operand_name(const char *path, char *buf, size_t size)
{
	size_t len = strlen(path);
	const char *start;

	while (len > 1 && path[len - 1] == '/')
		len--;
	start = path + len;
	while (start > path && start[-1] != '/')
		start--;
	if (start == path + len)
		start = path;	/* "/" itself */
	snprintf(buf, size, "%.*s", (int)(path + len - start), start);
	return buf;
}

static int
is_expression_start(const char *arg)
{
	return arg[0] == '-' || strcmp(arg, "!") == 0 || strcmp(arg, "(") == 0;
}

int
main(int argc, char *argv[])
{
	char name[NAME_MAX + 1];
	struct node *expr;
	int npaths = 1;

	if (argc > 1 && strcmp(argv[1], "--help") == 0)
		usage();
	while (npaths < argc && !is_expression_start(argv[npaths]))
		npaths++;
	now = time(NULL);
	expr = parse_expression(argv + npaths, argc - npaths);
	if (npaths == 1)
		walk(expr, ".", ".", 0);
	for (int i = 1; i < npaths; i++)
		walk(expr, argv[i], operand_name(argv[i], name, sizeof(name)), 0);
	for (size_t i = 0; i < nexec_plus; i++)
		exec_flush(&exec_plus_nodes[i]->exec);
	if (fflush(stdout) != 0)
		return 1;
	return status;
}
