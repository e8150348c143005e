/*
 * expand.c - word expansion (XCU 2.6): tilde, parameter, command and
 * arithmetic expansion, then field splitting, pathname expansion and quote
 * removal.
 *
 * A word is expanded left to right into one buffer that carries a flag
 * byte per character: F_QUOTED characters are literal (never split, never
 * glob), F_SPLIT characters came from an unquoted expansion and may be
 * split on IFS.  Zero-width F_MARK characters record field boundaries that
 * "$@" creates ('B'), soft boundaries between the words of unquoted $@
 * ('S'), and quoted empty strings that still make a field ('E').  Splitting
 * and globbing then walk the buffer once, so no step copies the word over
 * and over.
 */
#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sh.h"

#define F_QUOTED 1
#define F_SPLIT 2
#define F_MARK 4

struct xstate {
	char *c;
	unsigned char *f;
	size_t len, cap;
	int split;		/* fields context: splitting and globbing */
	int assign;		/* tilde expansion after ':' too */
	int heredoc;
	int at_empty;		/* "$@" expanded to nothing */
	int in_param;		/* inside the word of an unquoted ${v-word} */
	int in_word;		/* inside the word of a double-quoted ${v-word} */
};

int last_subst_status;

static void xput(struct xstate *x, char c, unsigned char flags)
{
	if (x->len + 1 >= x->cap) {
		x->cap = x->cap ? x->cap * 2 : 64;
		x->c = xrealloc(x->c, x->cap);
		x->f = xrealloc(x->f, x->cap);
	}
	x->c[x->len] = c;
	x->f[x->len++] = flags;
}

static void xputs(struct xstate *x, const char *s, size_t n, unsigned char flags)
{
	if (x->len + n + 1 >= x->cap) {
		while (x->len + n + 1 >= x->cap)
			x->cap = x->cap ? x->cap * 2 : 64;
		x->c = xrealloc(x->c, x->cap);
		x->f = xrealloc(x->f, x->cap);
	}
	memcpy(x->c + x->len, s, n);
	memset(x->f + x->len, flags, n);
	x->len += n;
}

static void xfree(struct xstate *x)
{
	free(x->c);
	free(x->f);
}

/* ---- finding the end of constructs in raw text (already validated) */
static const char *skip_dollar(const char *s, const char *end, int dq);

static const char *skip_squote(const char *s, const char *end)
{
	for (s++; s < end && *s != '\''; s++)
		;
	return s < end ? s + 1 : end;
}

static const char *skip_backquote(const char *s, const char *end)
{
	for (s++; s < end && *s != '`'; s++)
		if (*s == '\\' && s + 1 < end)
			s++;
	return s < end ? s + 1 : end;
}

static const char *skip_dquote(const char *s, const char *end)
{
	for (s++; s < end && *s != '"';) {
		if (*s == '\\' && s + 1 < end)
			s += 2;
		else if (*s == '$')
			s = skip_dollar(s, end, 1);
		else if (*s == '`')
			s = skip_backquote(s, end);
		else
			s++;
	}
	return s < end ? s + 1 : end;
}

static size_t braced_name_len(const char *s, const char *end);

int brace_word_is_pattern(const char *s, const char *end)
{
	if (s >= end)
		return 0;
	if (*s == '#')	/* ${##p} ${#%p}; any other ${#... has no pattern */
		return s + 2 < end && (s[1] == '#' || s[1] == '%') && s[2] != '}';
	size_t n = braced_name_len(s, end);
	return s + n < end && (s[n] == '#' || s[n] == '%');
}

/* s at "${": returns the position of the closing brace.  Inside double
 * quotes (dq) a single quote is an ordinary character in the word of
 * ${v-w} ${v+w} ${v=w} ${v?w}, and still quotes in a pattern (XCU 2.6.2). */
static const char *brace_end(const char *s, const char *end, int dq)
{
	if (dq && brace_word_is_pattern(s + 2, end))
		dq = 0;
	for (s += 2; s < end && *s != '}';) {
		if (*s == '\\' && s + 1 < end)
			s += 2;
		else if (*s == '\'' && !dq)
			s = skip_squote(s, end);
		else if (*s == '"')
			s = skip_dquote(s, end);
		else if (*s == '$')
			s = skip_dollar(s, end, dq);
		else if (*s == '`')
			s = skip_backquote(s, end);
		else
			s++;
	}
	return s;
}

/* s at "$((": returns the position of the first of the closing "))". */
static const char *arith_end(const char *s, const char *end)
{
	int depth = 0;
	for (s += 3; s < end; ) {
		if (*s == ')' && depth == 0)
			return s;
		if (*s == '(')
			depth++;
		else if (*s == ')')
			depth--;
		if (*s == '$')
			s = skip_dollar(s, end, 0);
		else if (*s == '\'')
			s = skip_squote(s, end);
		else if (*s == '"')
			s = skip_dquote(s, end);
		else if (*s == '`')
			s = skip_backquote(s, end);
		else
			s++;
	}
	return end;
}

static const char *skip_dollar(const char *s, const char *end, int dq)
{
	if (s + 1 >= end)
		return end;
	if (s[1] == '{') {
		const char *b = brace_end(s, end, dq);
		return b < end ? b + 1 : end;
	}
	if (s[1] == '(') {
		if (s + 2 < end && s[2] == '(') {
			const char *a = arith_end(s, end);
			return a + 2 <= end ? a + 2 : end;
		}
		size_t used;
		struct node *n = parse_subst_string(s + 2, &used);
		node_free(n);
		return used ? s + 2 + used : end;
	}
	return s + 1;
}

/* ---- command substitution */
char *cmdsubst_run(struct node *tree)
{
	int fds[2];
	if (pipe(fds) < 0) {
		sh_warn("pipe: %s", strerror(errno));
		return xstrdup("");
	}
	pid_t pid = fork();
	if (pid < 0) {
		sh_warn("fork: %s", strerror(errno));
		close(fds[0]);
		close(fds[1]);
		return xstrdup("");
	}
	if (pid == 0) {
		close(fds[0]);
		if (fds[1] != 1) {
			dup2(fds[1], 1);
			close(fds[1]);
		}
		shell_reset_child();
		int st = exec_node(tree, EV_EXIT);
		sh_exit(st);
	}
	close(fds[1]);
	struct str out = {0};
	char block[4096];
	for (;;) {
		ssize_t n = read(fds[0], block, sizeof block);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		str_putn(&out, block, n);
	}
	close(fds[0]);
	int status;
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	last_subst_status = WIFEXITED(status) ? WEXITSTATUS(status)
					       : 128 + WTERMSIG(status);
	char *s = str_take(&out);
	size_t len = strlen(s);
	while (len > 0 && s[len - 1] == '\n')
		s[--len] = '\0';
	return s;
}

char *cmdsubst_output(const char *text, size_t n)
{
	char *src = xstrndup(text, n);
	struct parser p;
	int err;
	parser_init_string(&p, src);
	free(src);
	struct node *tree = parse_all(&p, &err);
	parser_free(&p);
	if (err) {
		last_subst_status = 2;
		return xstrdup("");
	}
	char *r = cmdsubst_run(tree);
	node_free(tree);
	return r;
}

/* ---- parameters */
static void expand_part(struct xstate *x, const char *s, const char *end, int dq);

static char numbuf[32];

static const char *num(long v)
{
	snprintf(numbuf, sizeof numbuf, "%ld", v);
	return numbuf;
}

/* The value of a parameter other than @ and *, or NULL if unset. */
static const char *param_value(const char *name, size_t n)
{
	if (n == 1) {
		switch (name[0]) {
		case '?': return num(exit_status);
		case '$': return num(shell_pid);
		case '#': return num(params.n);
		case '!': return last_bg_pid ? num(last_bg_pid) : NULL;
		case '-': {
			static char *flags;
			free(flags);
			flags = option_flags();
			return flags;
		}
		case '0': return arg0;
		}
	}
	if (name[0] >= '0' && name[0] <= '9') {
		/* only the n digits named: $10 is ${1}0 */
		long i = 0;
		for (size_t k = 0; k < n && i <= params.n; k++)
			i = i * 10 + (name[k] - '0');
		return i >= 1 && i <= params.n ? params.v[i - 1] : NULL;
	}
	char tmp[256];
	if (n >= sizeof tmp)
		return NULL;
	memcpy(tmp, name, n);
	tmp[n] = '\0';
	return var_get(tmp);
}

static const char *ifs_value(void)
{
	const char *ifs = var_get("IFS");
	return ifs ? ifs : " \t\n";
}

/* Emits $@ or $* (or their braced forms). */
static void emit_all_params(struct xstate *x, int star, int dq)
{
	if (!x->split || (dq && star)) {
		const char *ifs = ifs_value();
		char sep = x->split || dq ? ifs[0] : ' ';
		if (!var_get("IFS"))
			sep = ' ';
		for (int i = 0; i < params.n; i++) {
			if (i && sep)
				xput(x, sep, dq ? F_QUOTED : 0);
			xputs(x, params.v[i], strlen(params.v[i]), dq ? F_QUOTED : 0);
		}
		return;
	}
	if (dq) {
		if (params.n == 0)
			x->at_empty = 1;
		for (int i = 0; i < params.n; i++) {
			if (i)
				xput(x, 'B', F_MARK);
			xput(x, 'E', F_MARK);
			xputs(x, params.v[i], strlen(params.v[i]), F_QUOTED);
		}
		return;
	}
	for (int i = 0; i < params.n; i++) {
		if (i)
			xput(x, 'S', F_MARK);
		xputs(x, params.v[i], strlen(params.v[i]), F_SPLIT);
	}
}

static void emit_value(struct xstate *x, const char *v, int dq)
{
	xputs(x, v, strlen(v), dq ? F_QUOTED : F_SPLIT);
}

static size_t param_name_len(const char *s, const char *end)
{
	if (s >= end)
		return 0;
	if (strchr("@*#?-$!0123456789", *s) && *s)
		return 1;
	size_t n = 0;
	while (s + n < end && (s[n] == '_' || (s[n] >= '0' && s[n] <= '9') ||
			       ((s[n] | 32) >= 'a' && (s[n] | 32) <= 'z')))
		n++;
	return is_name(s, n) ? n : 0;
}

static void check_nounset(const char *name, size_t n, const char *v)
{
	if (!v && opt.nounset && !(n == 1 && (*name == '@' || *name == '*')))
		sh_error("%.*s: parameter not set", (int)n, name);
}

/* Expands raw text into a string (no splitting), for ${v=w}, ${v?w} (dq:
 * inside double quotes) and patterns. */
static char *expand_sub(const char *s, const char *end, int pattern, int dq)
{
	struct xstate sub = {0};
	sub.in_word = dq;
	expand_part(&sub, s, end, dq);
	struct str out = {0};
	for (size_t i = 0; i < sub.len; i++) {
		if (sub.f[i] & F_MARK)
			continue;
		if (pattern && (sub.f[i] & F_QUOTED) && strchr("*?[\\]", sub.c[i]))
			str_putc(&out, '\\');
		str_putc(&out, sub.c[i]);
	}
	xfree(&sub);
	return str_take(&out);
}

static char *remove_affix(const char *v, const char *pat, int suffix, int longest)
{
	size_t len = strlen(v);
	char *tmp = xstrdup(v);
	char *res = NULL;
	for (size_t k = 0; k <= len; k++) {
		/* try the shortest or longest candidate first */
		size_t i = longest ? len - k : k;
		if (suffix) {
			size_t start = len - i;
			if (pattern_match(pat, v + start)) {
				res = xstrndup(v, start);
				break;
			}
		} else {
			char save = tmp[i];
			tmp[i] = '\0';
			int m = pattern_match(pat, tmp);
			tmp[i] = save;
			if (m) {
				res = xstrdup(v + i);
				break;
			}
		}
	}
	free(tmp);
	return res ? res : xstrdup(v);
}

/* The word of ${v-word} or ${v+word}: its result, like a parameter's
 * value, is split when the expansion is unquoted. */
static void expand_param_word(struct xstate *x, const char *s, const char *end, int dq)
{
	int saved = x->in_param, saved_word = x->in_word;
	x->in_param = !dq;
	x->in_word = dq;
	expand_part(x, s, end, dq);
	x->in_param = saved;
	x->in_word = saved_word;
}

/* ${name OP word}: op points at the operator (after the name).  Takes
 * ownership of vcopy, the parameter's value (NULL if unset). */
static void apply_param_op(struct xstate *x, const char *name, size_t n,
			   char *vcopy, const char *op, const char *end, int dq)
{
	int all = n == 1 && (*name == '@' || *name == '*');
	int colon = *op == ':';
	if (colon)
		op++;
	char o = *op;
	const char *word = op + 1;
	if ((o == '%' || o == '#') && word < end && *word == o)
		word++;
	int isset = vcopy && !(colon && !*vcopy);
	if (all)
		isset = colon ? params.n > 1 || (params.n == 1 && *params.v[0])
			      : params.n > 0;
	switch (o) {
	case '-':
		if (isset)
			all ? emit_all_params(x, *name == '*', dq) : emit_value(x, vcopy, dq);
		else
			expand_param_word(x, word, end, dq);
		break;
	case '+':
		if (isset)
			expand_param_word(x, word, end, dq);
		break;
	case '=':
		if (!isset) {
			if (!is_name(name, n))
				sh_error("%.*s: cannot assign in this way", (int)n, name);
			char *w = expand_sub(word, end, 0, dq);
			if (var_setn(name, n, w, 0) < 0) {
				free(w);
				sh_error("%.*s: is read only", (int)n, name);
			}
			free(vcopy);
			vcopy = w;
		}
		if (all)
			emit_all_params(x, *name == '*', dq);
		else
			emit_value(x, vcopy, dq);
		break;
	case '?':
		if (!isset) {
			char *w = expand_sub(word, end, 0, dq);
			free(vcopy);
			if (*w)
				sh_error("%.*s: %s", (int)n, name, w);
			free(w);
			sh_error("%.*s: parameter %s", (int)n, name,
				 colon ? "null or not set" : "not set");
		}
		all ? emit_all_params(x, *name == '*', dq) : emit_value(x, vcopy, dq);
		break;
	case '%': case '#': {
		if (colon)
			sh_error("bad substitution");
		check_nounset(name, n, vcopy);
		char *pat = expand_sub(word, end, 1, 0);
		char *r = remove_affix(vcopy ? vcopy : "", pat, o == '%', word - op == 2);
		emit_value(x, r, dq);
		free(r);
		free(pat);
		break;
	}
	default:
		free(vcopy);
		sh_error("${%.*s}: bad substitution", (int)(end - name), name);
	}
	free(vcopy);
}

/* s, end: the inside of ${...}.  The length of the parameter name at s, with
 * every digit of a positional parameter's number. */
static size_t braced_name_len(const char *s, const char *end)
{
	size_t n = param_name_len(s, end);
	if (n == 1 && *s >= '0' && *s <= '9')
		while (s + n < end && s[n] >= '0' && s[n] <= '9')
			n++;
	return n;
}

/* ${#name} is a length; ${#}, ${#-w}, ${##p}, ${#%p} work on $#. */
static int is_length_form(const char *s, const char *end)
{
	if (s + 1 >= end || *s != '#')
		return 0;
	size_t n = braced_name_len(s + 1, end);
	return n > 0 && s + 1 + n == end;
}

/* ${...}: s just after "${", end at the closing brace. */
static void expand_braced(struct xstate *x, const char *s, const char *end, int dq)
{
	int length = is_length_form(s, end);
	if (length)
		s++;
	size_t n = braced_name_len(s, end);
	if (n == 0)
		sh_error("${%.*s}: bad substitution", (int)(end - s), s);
	const char *name = s;
	const char *op = s + n;
	int all = n == 1 && (*name == '@' || *name == '*');
	const char *v = all ? (params.n ? "" : NULL) : param_value(name, n);
	char *vcopy = v ? xstrdup(v) : NULL;
	if (length) {
		if (op != end)
			sh_error("bad substitution");
		check_nounset(name, n, vcopy);
		long len = all ? params.n : (long)(vcopy ? strlen(vcopy) : 0);
		emit_value(x, num(len), dq);
		free(vcopy);
		return;
	}
	if (op == end) {
		check_nounset(name, n, vcopy);
		if (all)
			emit_all_params(x, *name == '*', dq);
		else if (vcopy)
			emit_value(x, vcopy, dq);
		free(vcopy);
		return;
	}
	apply_param_op(x, name, n, vcopy, op, end, dq);
}

static void emit_subst(struct xstate *x, char *out, int dq)
{
	emit_value(x, out, dq);
	free(out);
}

static void expand_arith(struct xstate *x, const char *s, const char *end, int dq)
{
	char *text = expand_sub(s, end, 0, 0);
	int err;
	jmp_buf jb, *volatile prev = error_jmp;
	/* Free the text even when the expression is bad. */
	if (prev) {
		if (setjmp(jb)) {
			error_jmp = prev;
			free(text);
			longjmp(*prev, 1);
		}
		error_jmp = &jb;
	}
	long v = arith_eval(text, &err);
	error_jmp = prev;
	free(text);
	emit_value(x, num(v), dq);
}

/* s at '$'; returns the position after the expansion. */
static const char *expand_dollar(struct xstate *x, const char *s, const char *end, int dq)
{
	const char *p = s + 1;
	if (p < end && *p == '{') {
		const char *b = brace_end(s, end, dq);
		expand_braced(x, p + 1, b, dq);
		return b < end ? b + 1 : end;
	}
	if (p < end && *p == '(') {
		if (p + 1 < end && p[1] == '(') {
			const char *a = arith_end(s, end);
			expand_arith(x, s + 3, a, dq);
			return a + 2 <= end ? a + 2 : end;
		}
		size_t used;
		struct node *tree = parse_subst_string(p + 1, &used);
		if (!used)
			sh_error("bad command substitution");
		emit_subst(x, cmdsubst_run(tree), dq);
		node_free(tree);
		return p + 1 + used;
	}
	size_t n = param_name_len(p, end);
	if (n == 0) {
		xput(x, '$', dq ? F_QUOTED : 0);
		return p;
	}
	if (n == 1 && (*p == '@' || *p == '*')) {
		emit_all_params(x, *p == '*', dq);
		return p + 1;
	}
	const char *v = param_value(p, n);
	check_nounset(p, n, v);
	if (v)
		emit_value(x, v, dq);
	return p + n;
}

static const char *expand_backquote(struct xstate *x, const char *s, const char *end, int dq)
{
	const char *close = skip_backquote(s, end);
	const char *body_end = close > s + 1 && close[-1] == '`' ? close - 1 : close;
	struct str body = {0};
	for (const char *p = s + 1; p < body_end; p++) {
		if (*p == '\\' && p + 1 < body_end &&
		    (p[1] == '$' || p[1] == '`' || p[1] == '\\' || (dq && p[1] == '"')))
			p++;
		str_putc(&body, *p);
	}
	emit_subst(x, cmdsubst_output(body.s ? body.s : "", body.len), dq);
	free(body.s);
	return close;
}

/* ~ or ~user at the start of a word or assignment part. */
static const char *expand_tilde(struct xstate *x, const char *s, const char *end)
{
	const char *p = s + 1;
	while (p < end && *p != '/' && !(x->assign && *p == ':')) {
		if (strchr("'\"\\$`", *p))
			return NULL;
		p++;
	}
	const char *home = NULL;
	if (p == s + 1) {
		home = var_get("HOME");
	} else {
		char *user = xstrndup(s + 1, p - s - 1);
		struct passwd *pw = getpwnam(user);
		free(user);
		if (pw)
			home = pw->pw_dir;
	}
	if (!home)
		return NULL;
	xputs(x, home, strlen(home), F_QUOTED);
	return p;
}

static void expand_part(struct xstate *x, const char *s, const char *end, int dq)
{
	const char *start = s;
	while (s < end) {
		char c = *s;
		if (c == '\'' && !dq) {
			const char *close = skip_squote(s, end);
			xput(x, 'E', F_MARK);
			const char *stop = close[-1] == '\'' && close - 1 > s ? close - 1 : close;
			xputs(x, s + 1, stop - s - 1, F_QUOTED);
			s = close;
		} else if (c == '"' && !dq) {
			const char *close = skip_dquote(s, end);
			const char *stop = close[-1] == '"' && close - 1 > s ? close - 1 : close;
			size_t before = x->len;
			int at = x->at_empty;
			x->at_empty = 0;
			expand_part(x, s + 1, stop, 1);
			if (x->len == before && !x->at_empty)
				xput(x, 'E', F_MARK);
			x->at_empty = at;
			s = close;
		} else if (c == '"' && x->in_word) {
			/* "${v-"w"}": the inner quotes only nest */
			const char *close = skip_dquote(s, end);
			const char *stop = close[-1] == '"' && close - 1 > s ? close - 1 : close;
			expand_part(x, s + 1, stop, 1);
			s = close;
		} else if (c == '\\') {
			if (s + 1 >= end) {
				xput(x, c, F_QUOTED);
				s++;
			} else if (!dq) {
				xput(x, s[1], F_QUOTED);
				s += 2;
			} else if (s[1] == '\n') {
				s += 2;
			} else if (strchr(x->in_word ? "$`\"\\}" :
					  x->heredoc ? "$`\\" : "$`\"\\", s[1])) {
				xput(x, s[1], F_QUOTED);
				s += 2;
			} else {
				xput(x, c, F_QUOTED);
				s++;
			}
		} else if (c == '$') {
			s = expand_dollar(x, s, end, dq);
		} else if (c == '`') {
			s = expand_backquote(x, s, end, dq);
		} else if (c == '~' && !dq && ((s == start && x->len == 0) ||
			   (x->assign && s > start && (s[-1] == ':' || s[-1] == '=')))) {
			const char *after = expand_tilde(x, s, end);
			if (after) {
				s = after;
			} else {
				xput(x, c, 0);
				s++;
			}
		} else {
			xput(x, c, dq ? F_QUOTED : x->in_param ? F_SPLIT : 0);
			s++;
		}
	}
}

/* ---- splitting and globbing */
struct field {
	struct str text;	/* quote-removed */
	struct str pat;		/* quoted specials escaped */
	int magic;		/* an unquoted * ? [ */
	int counts;		/* exists even if empty */
};

static void field_emit(struct field *f, struct arglist *out)
{
	if (f->text.len || f->counts) {
		int n = out->n;
		if (f->magic && !opt.noglob && pattern_has_magic(f->pat.s))
			glob_expand(f->pat.s, out);
		if (out->n == n)
			arglist_add(out, str_take(&f->text));
	}
	free(f->text.s);
	free(f->pat.s);
	memset(f, 0, sizeof *f);
}

static void field_putc(struct field *f, char c, unsigned char flags)
{
	str_putc(&f->text, c);
	if (!(flags & F_QUOTED) && (c == '*' || c == '?' || c == '['))
		f->magic = 1;
	if ((flags & F_QUOTED) && strchr("*?[\\]", c))
		str_putc(&f->pat, '\\');
	else if (c == '\\')
		str_putc(&f->pat, '\\');
	str_putc(&f->pat, c);
}

static void split_fields(struct xstate *x, struct arglist *out)
{
	const char *ifs = ifs_value();
	struct field f = {0};
	int after_ws = 0;
	for (size_t i = 0; i < x->len; i++) {
		char c = x->c[i];
		unsigned char fl = x->f[i];
		if (fl & F_MARK) {
			if (c == 'E') {
				f.counts = 1;
			} else if (c == 'B') {
				f.counts = 1;
				field_emit(&f, out);
			} else if (f.text.len || f.counts) {
				field_emit(&f, out);
			}
			continue;
		}
		if ((fl & F_SPLIT) && c && strchr(ifs, c)) {
			if (c == ' ' || c == '\t' || c == '\n') {
				if (f.text.len || f.counts) {
					field_emit(&f, out);
					after_ws = 1;
				}
			} else {
				if (!after_ws) {
					f.counts = 1;
					field_emit(&f, out);
				}
				after_ws = 0;
			}
			continue;
		}
		after_ws = 0;
		field_putc(&f, c, fl);
	}
	field_emit(&f, out);
}

static int needs_expansion(const char *s)
{
	return strpbrk(s, "'\"\\$`~*?[") != NULL;
}

void expand_fields(struct word *w, struct arglist *out)
{
	for (; w; w = w->next) {
		if (!needs_expansion(w->text)) {
			arglist_add(out, xstrdup(w->text));
			continue;
		}
		struct xstate x = {0};
		x.split = 1;
		expand_part(&x, w->text, w->text + strlen(w->text), 0);
		split_fields(&x, out);
		xfree(&x);
	}
}

char *expand_string(const char *raw, int flags)
{
	if (!needs_expansion(raw))
		return xstrdup(raw);
	struct xstate x = {0};
	x.assign = flags & EXP_ASSIGN;
	expand_part(&x, raw, raw + strlen(raw), 0);
	struct str out = {0};
	str_puts(&out, "");
	for (size_t i = 0; i < x.len; i++) {
		if (x.f[i] & F_MARK)
			continue;
		if ((flags & EXP_PATTERN) && (x.f[i] & F_QUOTED) &&
		    strchr("*?[\\]", x.c[i]))
			str_putc(&out, '\\');
		str_putc(&out, x.c[i]);
	}
	xfree(&x);
	return str_take(&out);
}

char *expand_heredoc(const char *body)
{
	struct xstate x = {0};
	x.heredoc = 1;
	expand_part(&x, body, body + strlen(body), 1);
	char *s = xstrndup(x.c ? x.c : "", x.len);
	/* markers never occur in double-quoted context except "$@" ones */
	size_t k = 0;
	for (size_t i = 0; i < x.len; i++)
		if (!(x.f[i] & F_MARK))
			s[k++] = x.c[i];
	s[k] = '\0';
	xfree(&x);
	return s;
}
