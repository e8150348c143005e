/*
 * arith.c - $((...)): C integer expressions on long values, with shell
 * variables as operands (XCU 2.6.4).  Precedence climbing over a string;
 * `noeval` suppresses assignments and errors in the branch that && || ?:
 * skip, as C does.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sh.h"

struct arith {
	const char *s;
	int noeval;
	int depth;
	const char *error;
};

static long assignment(struct arith *a);

static void skip_space(struct arith *a)
{
	while (isspace((unsigned char)*a->s))
		a->s++;
}

static void fail(struct arith *a, const char *msg)
{
	if (!a->error)
		a->error = msg;
}

/* A variable's value as a number; its text may itself be an expression. */
static long var_value(struct arith *a, const char *name)
{
	const char *v = var_get(name);
	if (!v || !*v)
		return 0;
	char *end;
	long n = strtol(v, &end, 0);
	while (isspace((unsigned char)*end))
		end++;
	if (*end == '\0')
		return n;
	if (a->depth > 32) {
		fail(a, "expression recursion too deep");
		return 0;
	}
	struct arith sub = { v, a->noeval, a->depth + 1, NULL };
	n = assignment(&sub);
	skip_space(&sub);
	if (sub.error || *sub.s)
		fail(a, sub.error ? sub.error : "bad number");
	return n;
}

static void set_var(struct arith *a, const char *name, long v)
{
	if (a->noeval)
		return;
	char buf[32];
	snprintf(buf, sizeof buf, "%ld", v);
	if (var_set(name, buf, 0) < 0)
		fail(a, "assignment to read-only variable");
}

static int read_name(struct arith *a, char *name, size_t cap)
{
	const char *s = a->s;
	if (!(isalpha((unsigned char)*s) || *s == '_'))
		return 0;
	size_t n = 0;
	while (isalnum((unsigned char)s[n]) || s[n] == '_')
		n++;
	if (n >= cap) {
		fail(a, "name too long");
		n = cap - 1;
	}
	memcpy(name, s, n);
	name[n] = '\0';
	a->s += n;
	while (isalnum((unsigned char)*a->s) || *a->s == '_')
		a->s++;
	return 1;
}

static long primary(struct arith *a)
{
	char name[256];
	skip_space(a);
	if (*a->s == '(') {
		a->s++;
		long v = assignment(a);
		skip_space(a);
		if (*a->s == ',') {
			while (*a->s == ',') {
				a->s++;
				v = assignment(a);
				skip_space(a);
			}
		}
		if (*a->s != ')')
			fail(a, "missing ')'");
		else
			a->s++;
		return v;
	}
	if (isdigit((unsigned char)*a->s)) {
		char *end;
		long v = strtol(a->s, &end, 0);
		if (isalnum((unsigned char)*end) || *end == '_')
			fail(a, "bad number");
		a->s = end;
		return v;
	}
	if (read_name(a, name, sizeof name)) {
		skip_space(a);
		if ((a->s[0] == '+' || a->s[0] == '-') && a->s[1] == a->s[0]) {
			long v = var_value(a, name);
			set_var(a, name, a->s[0] == '+' ? v + 1 : v - 1);
			a->s += 2;
			return v;
		}
		return var_value(a, name);
	}
	fail(a, *a->s ? "syntax error" : "missing operand");
	return 0;
}

static long unary(struct arith *a)
{
	skip_space(a);
	char c = *a->s;
	if ((c == '+' || c == '-') && a->s[1] == c) {
		char name[256];
		a->s += 2;
		skip_space(a);
		if (!read_name(a, name, sizeof name)) {
			fail(a, "bad ++/-- operand");
			return 0;
		}
		long v = var_value(a, name) + (c == '+' ? 1 : -1);
		set_var(a, name, v);
		return v;
	}
	if (c == '+' || c == '-' || c == '!' || c == '~') {
		a->s++;
		long v = unary(a);
		switch (c) {
		case '-': return -(unsigned long)v;
		case '!': return !v;
		case '~': return ~v;
		}
		return v;
	}
	return primary(a);
}

struct binop {
	const char *op;
	int prec;
};

/* Higher binds tighter.  Longer operators first so "<=" beats "<". */
static const struct binop binops[] = {
	{"||", 1}, {"&&", 2}, {"==", 6}, {"!=", 6}, {"<=", 7}, {">=", 7},
	{"<<", 8}, {">>", 8}, {"|", 3}, {"^", 4}, {"&", 5}, {"<", 7}, {">", 7},
	{"+", 9}, {"-", 9}, {"*", 10}, {"/", 10}, {"%", 10},
};

static const struct binop *peek_binop(struct arith *a)
{
	skip_space(a);
	if (!strchr("|&=!<>^+-*/%", *a->s) || !*a->s)
		return NULL;
	for (size_t i = 0; i < sizeof binops / sizeof binops[0]; i++) {
		const char *op = binops[i].op;
		size_t n = op[1] ? 2 : 1;
		if (a->s[0] != op[0] || (n == 2 && a->s[1] != op[1]))
			continue;
		/* "a += b", "a <<= b" are assignments, not these operators. */
		if (a->s[n] == '=' && (n == 1 || binops[i].op[0] == binops[i].op[1]) &&
		    binops[i].prec > 2 && binops[i].prec != 6)
			return NULL;
		return &binops[i];
	}
	return NULL;
}

static long apply(struct arith *a, const char *op, long l, long r)
{
	switch (op[0]) {
	case '*': return (unsigned long)l * r;
	case '/': case '%':
		if (r == 0) {
			if (!a->noeval)
				fail(a, "division by zero");
			return 0;
		}
		if (r == -1)
			return op[0] == '/' ? -(unsigned long)l : 0;
		return op[0] == '/' ? l / r : l % r;
	case '+': return (unsigned long)l + r;
	case '-': return (unsigned long)l - r;
	case '<':
		if (op[1] == '<')
			return (unsigned long)l << (r & 63);
		return op[1] == '=' ? l <= r : l < r;
	case '>':
		if (op[1] == '>')
			return l >> (r & 63);
		return op[1] == '=' ? l >= r : l > r;
	case '=': return l == r;
	case '!': return l != r;
	case '&': return l & r;
	case '^': return l ^ r;
	case '|': return l | r;
	}
	return 0;
}

static long binary(struct arith *a, int min_prec)
{
	long l = unary(a);
	const struct binop *b;
	while ((b = peek_binop(a)) && b->prec >= min_prec) {
		a->s += strlen(b->op);
		if (b->prec <= 2) {	/* && || short-circuit */
			int skip = b->prec == 2 ? !l : !!l;
			a->noeval += skip;
			long r = binary(a, b->prec + 1);
			a->noeval -= skip;
			l = b->prec == 2 ? (l && r) : (l || r);
			continue;
		}
		long r = binary(a, b->prec + 1);
		l = apply(a, b->op, l, r);
	}
	return l;
}

static long conditional(struct arith *a)
{
	long c = binary(a, 1);
	skip_space(a);
	if (*a->s != '?')
		return c;
	a->s++;
	a->noeval += !c;
	long t = assignment(a);
	a->noeval -= !c;
	skip_space(a);
	if (*a->s != ':') {
		fail(a, "missing ':'");
		return 0;
	}
	a->s++;
	a->noeval += !!c;
	long f = conditional(a);
	a->noeval -= !!c;
	return c ? t : f;
}

static const char *const assign_ops[] = {
	"<<=", ">>=", "*=", "/=", "%=", "+=", "-=", "&=", "^=", "|=", "=", NULL
};

static long assignment(struct arith *a)
{
	skip_space(a);
	const char *start = a->s;
	char name[256];
	if (read_name(a, name, sizeof name)) {
		skip_space(a);
		for (int i = 0; assign_ops[i]; i++) {
			size_t n = strlen(assign_ops[i]);
			if (strncmp(a->s, assign_ops[i], n) != 0)
				continue;
			if (n == 1 && a->s[1] == '=')
				break;
			a->s += n;
			long r = assignment(a);
			long v = r;
			if (n > 1) {
				char op[3] = { assign_ops[i][0], 0, 0 };
				if (n == 3)
					op[1] = assign_ops[i][1];
				v = apply(a, op, var_value(a, name), r);
			}
			set_var(a, name, v);
			return v;
		}
	}
	a->s = start;
	return conditional(a);
}

long arith_eval(const char *expr, int *error)
{
	struct arith a = { expr, 0, 0, NULL };
	skip_space(&a);
	if (*a.s == '\0') {
		*error = 0;
		return 0;
	}
	long v = assignment(&a);
	skip_space(&a);
	while (*a.s == ',' && !a.error) {
		a.s++;
		v = assignment(&a);
		skip_space(&a);
	}
	if (!a.error && *a.s)
		a.error = "syntax error";
	if (a.error) {
		*error = 1;
		sh_error("arithmetic: %s: \"%s\"", a.error, expr);
	}
	*error = 0;
	return v;
}
