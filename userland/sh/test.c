/*
 * test.c - the test and [ builtins (XCU test): file, string and integer
 * tests combined with ! -a -o and parentheses, parsed by recursive descent.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sh.h"

struct tparse {
	char **argv;
	int pos, argc;
	int error;
};

static const char *tpeek(struct tparse *t, int off)
{
	return t->pos + off < t->argc ? t->argv[t->pos + off] : NULL;
}

static int to_long(struct tparse *t, const char *s, long *v)
{
	char *end;
	errno = 0;
	while (*s == ' ' || *s == '\t')
		s++;
	*v = strtol(s, &end, 10);
	while (*end == ' ' || *end == '\t')
		end++;
	if (!*s || *end || errno) {
		sh_warn("test: %s: bad number", s);
		t->error = 1;
		return 0;
	}
	return 1;
}

static int file_test(char op, const char *path)
{
	struct stat st;
	if (op == 'h' || op == 'L') {
		if (lstat(path, &st) < 0)
			return 0;
		return S_ISLNK(st.st_mode);
	}
	if (op == 't') {
		long fd = strtol(path, NULL, 10);
		return isatty((int)fd);
	}
	if (stat(path, &st) < 0)
		return 0;
	switch (op) {
	case 'e': return 1;
	case 'f': return S_ISREG(st.st_mode);
	case 'd': return S_ISDIR(st.st_mode);
	case 'b': return S_ISBLK(st.st_mode);
	case 'c': return S_ISCHR(st.st_mode);
	case 'p': return S_ISFIFO(st.st_mode);
	case 'S': return S_ISSOCK(st.st_mode);
	case 's': return st.st_size > 0;
	case 'g': return (st.st_mode & S_ISGID) != 0;
	case 'u': return (st.st_mode & S_ISUID) != 0;
	case 'k': return (st.st_mode & S_ISVTX) != 0;
	case 'r': return access(path, R_OK) == 0;
	case 'w': return access(path, W_OK) == 0;
	case 'x': return access(path, X_OK) == 0;
	}
	return 0;
}

static int is_unary(const char *s)
{
	return s && s[0] == '-' && s[1] && !s[2] && strchr("bcdefghkLprsStuwxzn", s[1]);
}

static int binary_op(struct tparse *t, const char *l, const char *op, const char *r, int *res)
{
	long a, b;
	if (strcmp(op, "=") == 0 || strcmp(op, "==") == 0)
		*res = strcmp(l, r) == 0;
	else if (strcmp(op, "!=") == 0)
		*res = strcmp(l, r) != 0;
	else if (strcmp(op, "<") == 0)
		*res = strcmp(l, r) < 0;
	else if (strcmp(op, ">") == 0)
		*res = strcmp(l, r) > 0;
	else if (strcmp(op, "-nt") == 0 || strcmp(op, "-ot") == 0) {
		struct stat sa, sb;
		int ea = stat(l, &sa), eb = stat(r, &sb);
		if (op[1] == 'n')
			*res = ea == 0 && (eb < 0 || sa.st_mtime > sb.st_mtime);
		else
			*res = eb == 0 && (ea < 0 || sa.st_mtime < sb.st_mtime);
	} else if (strcmp(op, "-ef") == 0) {
		struct stat sa, sb;
		*res = stat(l, &sa) == 0 && stat(r, &sb) == 0 &&
		       sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
	} else if (op[0] == '-' && strlen(op) == 3) {
		if (!to_long(t, l, &a) || !to_long(t, r, &b))
			return 1;
		if (strcmp(op, "-eq") == 0) *res = a == b;
		else if (strcmp(op, "-ne") == 0) *res = a != b;
		else if (strcmp(op, "-lt") == 0) *res = a < b;
		else if (strcmp(op, "-le") == 0) *res = a <= b;
		else if (strcmp(op, "-gt") == 0) *res = a > b;
		else if (strcmp(op, "-ge") == 0) *res = a >= b;
		else return 0;
	} else {
		return 0;
	}
	return 1;
}

static int is_binop(const char *s)
{
	static const char *ops[] = { "=", "==", "!=", "<", ">", "-nt", "-ot", "-ef",
		"-eq", "-ne", "-lt", "-le", "-gt", "-ge", NULL };
	for (int i = 0; s && ops[i]; i++)
		if (strcmp(s, ops[i]) == 0)
			return 1;
	return 0;
}

static int t_or(struct tparse *t);

static int t_primary(struct tparse *t)
{
	const char *a = tpeek(t, 0);
	if (!a) {
		t->error = 1;
		sh_warn("test: argument expected");
		return 0;
	}
	if (strcmp(a, "!") == 0 && tpeek(t, 1)) {
		t->pos++;
		return !t_primary(t);
	}
	if (is_binop(tpeek(t, 1)) && tpeek(t, 2)) {
		int res = 0;
		const char *op = tpeek(t, 1), *r = tpeek(t, 2);
		t->pos += 3;
		binary_op(t, a, op, r, &res);
		return res;
	}
	if (strcmp(a, "(") == 0 && tpeek(t, 1)) {
		t->pos++;
		int r = t_or(t);
		if (!tpeek(t, 0) || strcmp(tpeek(t, 0), ")") != 0) {
			sh_warn("test: missing )");
			t->error = 1;
			return 0;
		}
		t->pos++;
		return r;
	}
	if (is_unary(a) && tpeek(t, 1)) {
		const char *arg = tpeek(t, 1);
		t->pos += 2;
		if (a[1] == 'z')
			return arg[0] == '\0';
		if (a[1] == 'n')
			return arg[0] != '\0';
		return file_test(a[1], arg);
	}
	t->pos++;
	return a[0] != '\0';
}

static int t_and(struct tparse *t)
{
	int r = t_primary(t);
	while (tpeek(t, 0) && strcmp(tpeek(t, 0), "-a") == 0) {
		t->pos++;
		int r2 = t_primary(t);
		r = r && r2;
	}
	return r;
}

static int t_or(struct tparse *t)
{
	int r = t_and(t);
	while (tpeek(t, 0) && strcmp(tpeek(t, 0), "-o") == 0) {
		t->pos++;
		int r2 = t_and(t);
		r = r || r2;
	}
	return r;
}

int bi_test(int argc, char **argv)
{
	if (strcmp(argv[0], "[") == 0) {
		if (strcmp(argv[argc - 1], "]") != 0) {
			sh_warn("[: missing ]");
			return 2;
		}
		argc--;
	}
	struct tparse t = { argv, 1, argc, 0 };
	int n = argc - 1;
	if (n == 0)
		return 1;
	int r;
	/* The POSIX rules by argument count come first: they decide
	 * cases like [ "!" = "!" ] that a grammar gets wrong. */
	if (n == 1) {
		r = argv[1][0] != '\0';
	} else if (n == 2 && strcmp(argv[1], "!") == 0) {
		r = argv[2][0] == '\0';
	} else if (n == 3 && is_binop(argv[2])) {
		r = 0;
		if (!binary_op(&t, argv[1], argv[2], argv[3], &r))
			t.error = 1;
	} else if (n == 3 && strcmp(argv[1], "!") == 0) {
		t.pos = 2;
		r = !t_primary(&t);
	} else {
		r = t_or(&t);
		if (!t.error && t.pos < argc) {
			sh_warn("test: %s: unexpected operator", argv[t.pos]);
			return 2;
		}
	}
	if (t.error)
		return 2;
	return !r;
}
