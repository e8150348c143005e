/*
 * parser.c - builds the command tree from tokens (POSIX XCU 2.10 grammar,
 * written as recursive descent).
 *
 * Every piece of a tree under construction is allocated through palloc(),
 * which records it; on a syntax error the parse unwinds with longjmp and the
 * recorded pieces are freed, so a bad command leaks nothing.  On success the
 * record is simply forgotten and the tree belongs to the caller (node_free).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sh.h"

/* Allocations of the parse in progress (see the comment above). */
static void **pallocs;
static int npallocs, cappallocs;

static void *palloc(size_t n)
{
	void *ptr = xmalloc(n);
	if (npallocs == cappallocs) {
		cappallocs = cappallocs ? cappallocs * 2 : 64;
		pallocs = xrealloc(pallocs, cappallocs * sizeof *pallocs);
	}
	pallocs[npallocs++] = ptr;
	memset(ptr, 0, n);
	return ptr;
}

/* Puts a malloc'ed string under the parse's bookkeeping. */
char *parser_own(char *s)
{
	if (npallocs == cappallocs) {
		cappallocs = cappallocs ? cappallocs * 2 : 64;
		pallocs = xrealloc(pallocs, cappallocs * sizeof *pallocs);
	}
	pallocs[npallocs++] = s;
	return s;
}

static char *pstrdup(const char *s)
{
	size_t n = strlen(s);
	char *d = palloc(n + 1);
	memcpy(d, s, n + 1);
	return d;
}

/* Frees one recorded allocation that the tree will not use after all. */
static void pfree(void *ptr)
{
	for (int i = npallocs - 1; i >= 0; i--)
		if (pallocs[i] == ptr) {
			pallocs[i] = pallocs[--npallocs];
			free(ptr);
			return;
		}
}

static void palloc_fail(int mark)
{
	for (int i = mark; i < npallocs; i++)
		free(pallocs[i]);
	npallocs = mark;
}

static struct node *node_new(struct parser *p, enum node_type t)
{
	struct node *n = palloc(sizeof *n);
	n->type = t;
	n->lineno = p->lineno;
	return n;
}

static struct word *word_new(const char *text)
{
	size_t len = strlen(text);
	struct word *w = palloc(sizeof *w + len + 1);
	memcpy(w->text, text, len + 1);
	return w;
}

int is_name(const char *s, size_t n)
{
	if (n == 0 || !(s[0] == '_' || ((s[0] | 32) >= 'a' && (s[0] | 32) <= 'z')))
		return 0;
	for (size_t i = 1; i < n; i++)
		if (!(s[i] == '_' || (s[i] >= '0' && s[i] <= '9') ||
		      ((s[i] | 32) >= 'a' && (s[i] | 32) <= 'z')))
			return 0;
	return 1;
}

static int next(struct parser *p)
{
	return lex_next(p);
}

static int peek_tok(struct parser *p)
{
	int t = lex_next(p);
	p->peeked = 1;
	return t;
}

static int is_word(struct parser *p, int t, const char *kw)
{
	return t == T_WORD && !p->tok_quoted && strcmp(p->tok_word, kw) == 0;
}

static const char *tok_name(struct parser *p, int t)
{
	static const char *names[] = {
		"end of file", "newline", "word", ";", "&", "|", "&&", "||",
		";;", "(", ")", "<", ">", ">>", "<&", ">&", "<>", ">|", "<<", "<<-"
	};
	if (t == T_WORD)
		return p->tok_word;
	return names[t];
}

static void unexpected(struct parser *p, int t)
{
	char msg[128];
	snprintf(msg, sizeof msg, "unexpected %s%.40s%s",
		 t == T_WORD ? "word '" : "'", tok_name(p, t), "'");
	lex_syntax_error(p, msg);
}

static void expect_word(struct parser *p, const char *kw)
{
	int t = next(p);
	if (!is_word(p, t, kw)) {
		char msg[64];
		if (t == T_WORD || t == T_EOF || t == T_NEWLINE)
			unexpected(p, t);
		snprintf(msg, sizeof msg, "expected '%s'", kw);
		lex_syntax_error(p, msg);
	}
}

static void skip_newlines(struct parser *p)
{
	while (peek_tok(p) == T_NEWLINE)
		next(p);
}

static int is_closer(struct parser *p, int t)
{
	static const char *closers[] = {
		"then", "else", "elif", "fi", "do", "done", "esac", "}", NULL
	};
	if (t == T_EOF || t == T_RPAREN || t == T_DSEMI)
		return 1;
	if (t != T_WORD || p->tok_quoted)
		return 0;
	for (int i = 0; closers[i]; i++)
		if (strcmp(p->tok_word, closers[i]) == 0)
			return 1;
	return 0;
}

static struct node *parse_and_or(struct parser *p);
static struct node *parse_command_node(struct parser *p);

static struct node *join(struct parser *p, enum node_type t, struct node *l,
			 struct node *r)
{
	if (!l)
		return r;
	struct node *n = node_new(p, t);
	n->bin.left = l;
	n->bin.right = r;
	return n;
}

/* A compound list: and-or lists separated by ; & or newlines, ended by a
 * closing keyword, ')' or ';;'. */
static struct node *parse_list(struct parser *p)
{
	struct node *list = NULL;
	for (;;) {
		skip_newlines(p);
		if (is_closer(p, peek_tok(p)))
			break;
		struct node *n = parse_and_or(p);
		int t = next(p);
		if (t == T_AMP) {
			struct node *bg = node_new(p, N_BG);
			bg->sub.body = n;
			n = bg;
		} else if (t != T_SEMI && t != T_NEWLINE) {
			p->peeked = 1;
		}
		list = join(p, N_SEQ, list, n);
		if (t != T_AMP && t != T_SEMI && t != T_NEWLINE)
			break;
	}
	if (!list)
		unexpected(p, peek_tok(p));
	return list;
}

static struct node *parse_pipeline(struct parser *p)
{
	int bang = 0;
	int t = peek_tok(p);
	if (is_word(p, t, "!")) {
		next(p);
		bang = 1;
	}
	struct node *cmds[64];
	int n = 0;
	struct node *extra = NULL;	/* pipelines longer than 64 nest */
	cmds[n++] = parse_command_node(p);
	while (peek_tok(p) == T_PIPE) {
		next(p);
		skip_newlines(p);
		if (n == 64) {
			extra = node_new(p, N_PIPE);
			extra->pipe.n = n;
			extra->pipe.cmds = palloc(n * sizeof *cmds);
			memcpy(extra->pipe.cmds, cmds, n * sizeof *cmds);
			n = 0;
			cmds[n++] = extra;
		}
		cmds[n++] = parse_command_node(p);
	}
	struct node *r = cmds[0];
	if (n > 1) {
		r = node_new(p, N_PIPE);
		r->pipe.n = n;
		r->pipe.cmds = palloc(n * sizeof *cmds);
		memcpy(r->pipe.cmds, cmds, n * sizeof *cmds);
	}
	if (bang) {
		struct node *b = node_new(p, N_NOT);
		b->sub.body = r;
		r = b;
	}
	return r;
}

static struct node *parse_and_or(struct parser *p)
{
	struct node *left = parse_pipeline(p);
	for (;;) {
		int t = peek_tok(p);
		if (t != T_AND && t != T_OR)
			return left;
		next(p);
		skip_newlines(p);
		struct node *right = parse_pipeline(p);
		left = join(p, t == T_AND ? N_AND : N_OR, left, right);
	}
}

/* Removes quotes from a here-document delimiter. */
static char *unquote_delim(const char *s, int *quoted)
{
	struct str b = {0};
	char q = 0;
	*quoted = 0;
	for (; *s; s++) {
		if (q) {
			if (*s == q)
				q = 0;
			else if (q == '"' && *s == '\\' && s[1] &&
				 strchr("\\\"$`", s[1]))
				str_putc(&b, *++s);
			else
				str_putc(&b, *s);
		} else if (*s == '\'' || *s == '"') {
			q = *s;
			*quoted = 1;
		} else if (*s == '\\' && s[1]) {
			*quoted = 1;
			str_putc(&b, *++s);
		} else {
			str_putc(&b, *s);
		}
	}
	char *r = str_take(&b);
	char *d = pstrdup(r);
	free(r);
	return d;
}

static int is_redir_tok(int t)
{
	return t >= T_LESS && t <= T_DLESSDASH;
}

static struct redir *parse_redir(struct parser *p, int t)
{
	struct redir *r = palloc(sizeof *r);
	int fd = p->tok_fd;
	switch (t) {
	case T_LESS: r->type = R_IN; break;
	case T_GREAT: r->type = R_OUT; break;
	case T_DGREAT: r->type = R_APPEND; break;
	case T_LESSAND: r->type = R_DUPIN; break;
	case T_GREATAND: r->type = R_DUPOUT; break;
	case T_LESSGREAT: r->type = R_RDWR; break;
	case T_CLOBBER: r->type = R_CLOBBER; break;
	default: r->type = R_HEREDOC; break;
	}
	if (fd < 0)
		fd = (r->type == R_IN || r->type == R_DUPIN || r->type == R_RDWR ||
		      r->type == R_HEREDOC) ? 0 : 1;
	r->fd = fd;
	int w = next(p);
	if (w != T_WORD)
		unexpected(p, w);
	if (r->type == R_HEREDOC) {
		r->heredoc_strip = t == T_DLESSDASH;
		r->heredoc_delim = unquote_delim(p->tok_word, &r->heredoc_quoted);
		if (p->nheredocs == p->capheredocs) {
			p->capheredocs = p->capheredocs ? p->capheredocs * 2 : 4;
			p->heredocs = xrealloc(p->heredocs,
					       p->capheredocs * sizeof *p->heredocs);
		}
		p->heredocs[p->nheredocs++] = r;
	} else {
		r->target = pstrdup(p->tok_word);
	}
	return r;
}

/* Redirections after a compound command. */
static void parse_trailing_redirs(struct parser *p, struct node *n)
{
	struct redir **tail = &n->redirs;
	int t;
	while (is_redir_tok(t = peek_tok(p))) {
		next(p);
		*tail = parse_redir(p, t);
		tail = &(*tail)->next;
	}
}

static int is_assignment(const char *w)
{
	const char *eq = strchr(w, '=');
	return eq && is_name(w, eq - w);
}

/* Replaces the alias word just read with its value and rereads. */
static int try_alias(struct parser *p)
{
	if (p->tok_quoted || p->alias_depth > 16)
		return 0;
	if (p->alias_name && p->pos <= p->alias_end &&
	    strcmp(p->alias_name, p->tok_word) == 0)
		return 0;
	const char *val = alias_get(p->tok_word);
	if (!val)
		return 0;
	size_t start = p->tok_start, end = p->pos, vlen = strlen(val);
	size_t newlen = p->len - (end - start) + vlen;
	if (newlen + 1 > p->cap) {
		p->cap = newlen + 64;
		p->buf = xrealloc(p->buf, p->cap);
	}
	memmove(p->buf + start + vlen, p->buf + end, p->len - end + 1);
	memcpy(p->buf + start, val, vlen);
	p->len = newlen;
	p->pos = start;
	free(p->alias_name);
	p->alias_name = xstrdup(p->tok_word);
	p->alias_end = start + vlen;
	p->alias_depth++;
	/* An alias ending in a blank makes the next word alias-checked too. */
	p->alias_ok = vlen > 0 && (val[vlen - 1] == ' ' || val[vlen - 1] == '\t');
	return 1;
}

static struct node *parse_compound(struct parser *p, int t);
static struct node *parse_compound_body(struct parser *p, int t);

/* name ( ) compound-command, after the name and with '(' next. */
static struct node *parse_function(struct parser *p, const char *name)
{
	struct node *f = node_new(p, N_FUNC);
	f->func.name = pstrdup(name);
	next(p);	/* ( */
	int t = next(p);
	if (t != T_RPAREN)
		unexpected(p, t);
	if (!is_name(name, strlen(name)))
		lex_syntax_error(p, "bad function name");
	skip_newlines(p);
	t = next(p);
	f->func.body = parse_compound(p, t);
	if (!f->func.body)
		unexpected(p, t);
	return f;
}

static struct node *parse_simple(struct parser *p)
{
	struct node *n = node_new(p, N_CMD);
	struct word **atail = &n->cmd.assigns, **wtail = &n->cmd.args;
	struct redir **rtail = &n->redirs;
	int nitems = 0;
	for (;;) {
		int t = next(p);
		if (is_redir_tok(t)) {
			*rtail = parse_redir(p, t);
			rtail = &(*rtail)->next;
			nitems++;
			continue;
		}
		if (t != T_WORD) {
			p->peeked = 1;
			break;
		}
		if (!n->cmd.args && is_assignment(p->tok_word)) {
			*atail = word_new(p->tok_word);
			atail = &(*atail)->next;
			nitems++;
			continue;
		}
		if ((!n->cmd.args || p->alias_ok) && try_alias(p))
			continue;
		p->alias_ok = 0;
		*wtail = word_new(p->tok_word);
		wtail = &(*wtail)->next;
		nitems++;
		if (nitems == 1 && peek_tok(p) == T_LPAREN) {
			struct node *f = parse_function(p, n->cmd.args->text);
			pfree(n->cmd.args);
			pfree(n);
			return f;
		}
	}
	if (nitems == 0)
		unexpected(p, peek_tok(p));
	return n;
}

static struct node *parse_if(struct parser *p)
{
	struct node *n = node_new(p, N_IF);
	n->ifn.cond = parse_list(p);
	expect_word(p, "then");
	n->ifn.then = parse_list(p);
	int t = next(p);
	if (is_word(p, t, "elif")) {
		n->ifn.els = parse_if(p);
		return n;
	}
	if (is_word(p, t, "else")) {
		n->ifn.els = parse_list(p);
		t = next(p);
	}
	if (!is_word(p, t, "fi"))
		unexpected(p, t);
	return n;
}

static struct node *parse_loop(struct parser *p, enum node_type type)
{
	struct node *n = node_new(p, type);
	n->loop.cond = parse_list(p);
	expect_word(p, "do");
	n->loop.body = parse_list(p);
	expect_word(p, "done");
	return n;
}

static struct node *parse_for(struct parser *p)
{
	struct node *n = node_new(p, N_FOR);
	int t = next(p);
	if (t != T_WORD || !is_name(p->tok_word, strlen(p->tok_word)))
		lex_syntax_error(p, "bad for loop variable");
	n->forn.var = pstrdup(p->tok_word);
	skip_newlines(p);
	t = next(p);
	if (is_word(p, t, "in")) {
		n->forn.has_in = 1;
		struct word **tail = &n->forn.words;
		while ((t = next(p)) == T_WORD) {
			*tail = word_new(p->tok_word);
			tail = &(*tail)->next;
		}
		if (t != T_SEMI && t != T_NEWLINE)
			unexpected(p, t);
		skip_newlines(p);
	} else if (t == T_SEMI) {
		skip_newlines(p);
	} else {
		p->peeked = 1;
	}
	expect_word(p, "do");
	n->forn.body = parse_list(p);
	expect_word(p, "done");
	return n;
}

static struct node *parse_case(struct parser *p)
{
	struct node *n = node_new(p, N_CASE);
	int t = next(p);
	if (t != T_WORD)
		unexpected(p, t);
	n->casen.subject = pstrdup(p->tok_word);
	skip_newlines(p);
	expect_word(p, "in");
	struct case_item **tail = &n->casen.items;
	for (;;) {
		skip_newlines(p);
		t = next(p);
		if (is_word(p, t, "esac"))
			break;
		if (t == T_LPAREN)
			t = next(p);
		struct case_item *ci = palloc(sizeof *ci);
		struct word **wtail = &ci->patterns;
		for (;;) {
			if (t != T_WORD)
				unexpected(p, t);
			*wtail = word_new(p->tok_word);
			wtail = &(*wtail)->next;
			t = next(p);
			if (t == T_RPAREN)
				break;
			if (t != T_PIPE)
				unexpected(p, t);
			t = next(p);
		}
		skip_newlines(p);
		t = peek_tok(p);
		if (t != T_DSEMI && !is_word(p, t, "esac"))
			ci->body = parse_list(p);
		*tail = ci;
		tail = &ci->next;
		t = next(p);
		if (is_word(p, t, "esac"))
			break;
		if (t != T_DSEMI)
			unexpected(p, t);
	}
	return n;
}

#define NEST_MAX 500		/* compound commands inside each other */

static struct node *parse_compound(struct parser *p, int t)
{
	if (p->nest >= NEST_MAX)
		lex_syntax_error(p, "commands nested too deeply");
	p->nest++;
	struct node *n = parse_compound_body(p, t);
	p->nest--;
	return n;
}

static struct node *parse_compound_body(struct parser *p, int t)
{
	struct node *n;
	if (t == T_LPAREN) {
		n = node_new(p, N_SUBSHELL);
		n->sub.body = parse_list(p);
		if ((t = next(p)) != T_RPAREN)
			unexpected(p, t);
	} else if (is_word(p, t, "{")) {
		n = node_new(p, N_GROUP);
		n->sub.body = parse_list(p);
		expect_word(p, "}");
	} else if (is_word(p, t, "if")) {
		n = parse_if(p);
	} else if (is_word(p, t, "while")) {
		n = parse_loop(p, N_WHILE);
	} else if (is_word(p, t, "until")) {
		n = parse_loop(p, N_UNTIL);
	} else if (is_word(p, t, "for")) {
		n = parse_for(p);
	} else if (is_word(p, t, "case")) {
		n = parse_case(p);
	} else {
		return NULL;
	}
	parse_trailing_redirs(p, n);
	return n;
}

static struct node *parse_command_node(struct parser *p)
{
	p->alias_ok = 1;
	int t = next(p);
	if (t == T_WORD && !p->tok_quoted && try_alias(p))
		t = next(p);
	struct node *n = parse_compound(p, t);
	if (n)
		return n;
	if (t == T_WORD && !p->tok_quoted && is_closer(p, t))
		unexpected(p, t);
	p->peeked = 1;
	p->alias_ok = 0;
	return parse_simple(p);
}

static struct node *parse_subst_body(struct parser *p);

/* For the lexer: skips over the body of $(...) by parsing it. */
void parse_subst_skip(struct parser *p)
{
	int mark = npallocs, pending = p->nheredocs;
	struct node *n = parse_subst_body(p);
	if (p->nheredocs > pending) {
		/* The body would be read into the tree freed below. */
		node_free(n);
		npallocs = mark;
		p->nheredocs = pending;
		lex_syntax_error(p, "here-document not ended inside $(...)");
	}
	node_free(n);
	npallocs = mark;
}

/* Called by the lexer for $(...): the list, then the closing ')'. */
static struct node *parse_subst_body(struct parser *p)
{
	int saved_peek = p->peeked;
	if (p->nest >= NEST_MAX)
		lex_syntax_error(p, "commands nested too deeply");
	p->nest++;
	p->peeked = 0;
	struct node *n = NULL;
	skip_newlines(p);
	if (peek_tok(p) != T_RPAREN)
		n = parse_list(p);
	int t = next(p);
	if (t != T_RPAREN)
		unexpected(p, t);
	p->peeked = saved_peek;
	p->nest--;
	return n;
}

static void parser_init(struct parser *p)
{
	memset(p, 0, sizeof *p);
	p->lineno = 1;
}

void parser_init_string(struct parser *p, const char *s)
{
	parser_init(p);
	p->kind = SRC_STRING;
	p->len = strlen(s);
	p->cap = p->len + 1;
	p->buf = xmalloc(p->cap);
	memcpy(p->buf, s, p->cap);
	p->eof = 1;
}

void parser_init_fd(struct parser *p, int fd, int interactive)
{
	parser_init(p);
	p->kind = interactive ? SRC_INTERACTIVE : SRC_FD;
	p->fd = fd;
}

void parser_free(struct parser *p)
{
	free(p->buf);
	free(p->tok_word);
	free(p->heredocs);
	free(p->alias_name);
	memset(p, 0, sizeof *p);
}

/* Drops text already parsed and executed. */
static void discard_consumed(struct parser *p)
{
	if (p->pos == 0)
		return;
	memmove(p->buf, p->buf + p->pos, p->len - p->pos + 1);
	p->len -= p->pos;
	if (p->alias_end >= p->pos)
		p->alias_end -= p->pos;
	else
		p->alias_end = 0;
	p->pos = 0;
}

/* Skips the rest of a line after a syntax error. */
static void skip_line(struct parser *p)
{
	p->peeked = 0;
	p->nheredocs = 0;
	while (p->pos < p->len && p->buf[p->pos] != '\n')
		p->pos++;
	if (p->pos < p->len)
		p->pos++;
}

struct node *parse_command(struct parser *p, int *eof)
{
	jmp_buf jb;
	int mark = npallocs;
	*eof = 0;
	p->error = 0;
	p->continued = 0;
	p->alias_depth = 0;
	p->nest = 0;
	discard_consumed(p);
	p->jmp = &jb;
	if (setjmp(jb)) {
		palloc_fail(mark);
		p->jmp = NULL;
		skip_line(p);
		return NULL;
	}
	struct node *list = NULL;
	int t;
	for (;;) {
		size_t line_start = p->pos;
		t = peek_tok(p);
		if (t != T_NEWLINE) {
			p->cmd_start = line_start;
			break;
		}
		next(p);
		p->continued = 0;
		discard_consumed(p);
		if (p->kind == SRC_INTERACTIVE) {
			/* An empty line: back to the prompt loop, which
			 * reports finished jobs. */
			p->jmp = NULL;
			p->cmd_start = p->pos;
			return NULL;
		}
	}
	if (t == T_EOF) {
		next(p);
		*eof = 1;
		p->jmp = NULL;
		return NULL;
	}
	if (p->error)
		longjmp(jb, 1);
	for (;;) {
		struct node *n = parse_and_or(p);
		t = next(p);
		if (t == T_AMP) {
			struct node *bg = node_new(p, N_BG);
			bg->sub.body = n;
			n = bg;
		}
		list = join(p, N_SEQ, list, n);
		if (t == T_SEMI || t == T_AMP) {
			t = peek_tok(p);
			if (t == T_NEWLINE || t == T_EOF) {
				next(p);
				break;
			}
			continue;
		}
		if (t == T_NEWLINE || t == T_EOF)
			break;
		unexpected(p, t);
	}
	p->jmp = NULL;
	npallocs = mark;
	return list;
}

struct node *parse_all(struct parser *p, int *error)
{
	struct node *all = NULL;
	int eof;
	*error = 0;
	for (;;) {
		struct node *n = parse_command(p, &eof);
		if (eof)
			break;
		if (!n) {
			*error = 1;
			node_free(all);
			return NULL;
		}
		if (!all) {
			all = n;
			continue;
		}
		struct node *s = xmalloc(sizeof *s);
		memset(s, 0, sizeof *s);
		s->type = N_SEQ;
		s->bin.left = all;
		s->bin.right = n;
		all = s;
	}
	return all;
}

/* For expand.c: parses the $(...) body that starts at s (just after the
 * "$(").  Returns the tree (maybe NULL for an empty body) and stores the
 * length consumed including ')'; *consumed is 0 on a syntax error. */
struct node *parse_subst_string(const char *s, size_t *consumed)
{
	struct parser p;
	jmp_buf jb;
	int mark = npallocs;
	parser_init_string(&p, s);
	p.jmp = &jb;
	if (setjmp(jb)) {
		palloc_fail(mark);
		parser_free(&p);
		*consumed = 0;
		return NULL;
	}
	struct node *n = parse_subst_body(&p);
	npallocs = mark;
	*consumed = p.pos;
	parser_free(&p);
	return n;
}
