/*
 * lexer.c - turns source text into tokens.
 *
 * The parser's text lives in one buffer (struct parser.buf) that grows as
 * lines are read.  A WORD token is kept as its raw source text with quotes
 * and expansions still in place; expand.c interprets it each time the word
 * is expanded.  To find where a word ends the lexer must understand nesting:
 * quotes, ${...}, $((...)), backquotes, and $(...), whose end is found by
 * parsing the command inside it (a ')' in a case pattern does not end it).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sh.h"

void parse_subst_skip(struct parser *p);

static void buf_append(struct parser *p, const char *s, size_t n)
{
	if (opt.verbose && p->kind != SRC_STRING && write(2, s, n) < 0)
		opt.verbose = 0;
	if (p->len + n + 1 > p->cap) {
		size_t cap = p->cap ? p->cap * 2 : 256;
		while (cap < p->len + n + 1)
			cap *= 2;
		p->buf = xrealloc(p->buf, cap);
		p->cap = cap;
	}
	memcpy(p->buf + p->len, s, n);
	p->len += n;
	p->buf[p->len] = '\0';
}

static int fill_fd(struct parser *p)
{
	char block[4096];
	ssize_t n;
	/* Standard input is shared with the commands the script runs
	 * (think `read`), so never read past the end of the current line. */
	if (p->fd == 0) {
		size_t got = 0;
		for (;;) {
			n = read(0, block + got, 1);
			if (n < 0 && errno == EINTR)
				continue;
			if (n <= 0)
				break;
			got++;
			if (block[got - 1] == '\n' || got == sizeof block)
				break;
		}
		n = got;
	} else {
		do
			n = read(p->fd, block, sizeof block);
		while (n < 0 && errno == EINTR);
	}
	if (n <= 0)
		return 0;
	buf_append(p, block, n);
	return 1;
}

static int fill_interactive(struct parser *p)
{
	const char *ps = var_get(p->continued ? "PS2" : "PS1");
	char *prompt = prompt_expand(ps ? ps : "");
	int eof;
	char *line = lineedit_read(prompt, &eof);
	free(prompt);
	p->continued = 1;
	if (!line && eof)
		return 0;
	char *expanded;
	int r = line ? history_expand(line, &expanded) : -1;
	if (r < 0) {
		/* ^C or a bad ! event: drop the whole command being typed. */
		exit_status = line ? 1 : 130;
		free(line);
		p->pos = p->len;
		p->error = 1;
		if (p->jmp)
			longjmp(*p->jmp, 1);
		return 0;
	}
	if (r > 0) {
		fputs(expanded, stderr);
		free(line);
		line = expanded;
	}
	buf_append(p, line, strlen(line));
	free(line);
	return 1;
}

int lex_fill(struct parser *p)
{
	if (p->eof)
		return 0;
	int ok = 0;
	if (p->kind == SRC_FD)
		ok = fill_fd(p);
	else if (p->kind == SRC_INTERACTIVE)
		ok = fill_interactive(p);
	if (!ok)
		p->eof = 1;
	return ok;
}

/* The character at pos+off, reading more input if needed; -1 at EOF. */
static int peek(struct parser *p, size_t off)
{
	while (p->pos + off >= p->len)
		if (!lex_fill(p))
			return -1;
	return (unsigned char)p->buf[p->pos + off];
}

/* Removes backslash-newline line continuations at pos. */
static void join_lines(struct parser *p)
{
	while (peek(p, 0) == '\\' && peek(p, 1) == '\n') {
		memmove(p->buf + p->pos, p->buf + p->pos + 2, p->len - p->pos - 2);
		p->len -= 2;
		p->buf[p->len] = '\0';
		p->lineno++;
	}
}

void lex_syntax_error(struct parser *p, const char *what)
{
	if (!p->error) {
		if (script_name && p->kind == SRC_FD)
			fprintf(stderr, "sh: %s: line %d: syntax error: %s\n",
				script_name, p->lineno, what);
		else
			fprintf(stderr, "sh: syntax error: %s\n", what);
	}
	p->error = 1;
	if (p->jmp)
		longjmp(*p->jmp, 1);
}

static void scan_dollar(struct parser *p, int dq);
static void scan_backquote(struct parser *p);

static void scan_squote(struct parser *p)
{
	p->pos++;
	for (;;) {
		int c = peek(p, 0);
		if (c < 0)
			lex_syntax_error(p, "unterminated quoted string");
		p->pos++;
		if (c == '\'')
			return;
		if (c == '\n')
			p->lineno++;
	}
}

static void scan_dquote(struct parser *p)
{
	p->pos++;
	for (;;) {
		join_lines(p);
		int c = peek(p, 0);
		if (c < 0)
			lex_syntax_error(p, "unterminated quoted string");
		if (c == '"') {
			p->pos++;
			return;
		}
		if (c == '\\') {
			p->pos++;
			if (peek(p, 0) >= 0)
				p->pos++;
		} else if (c == '$') {
			scan_dollar(p, 1);
		} else if (c == '`') {
			scan_backquote(p);
		} else {
			if (c == '\n')
				p->lineno++;
			p->pos++;
		}
	}
}

static void scan_backquote(struct parser *p)
{
	p->pos++;
	for (;;) {
		int c = peek(p, 0);
		if (c < 0)
			lex_syntax_error(p, "unterminated `...`");
		p->pos++;
		if (c == '`')
			return;
		if (c == '\\' && peek(p, 0) >= 0)
			p->pos++;
		else if (c == '\n')
			p->lineno++;
	}
}

/* Inside double quotes, does the ${ at pos take a pattern (# or %)?  Reads
 * the parameter's name and the character after it into the buffer first. */
static int brace_in_dq_is_pattern(struct parser *p)
{
	size_t off = 2;
	int c = peek(p, off);
	if (c < 0)
		return 0;
	do
		c = peek(p, ++off);
	while (c == '_' || (c >= '0' && c <= '9') ||
	       ((c | 32) >= 'a' && (c | 32) <= 'z'));
	return brace_word_is_pattern(p->buf + p->pos + 2, p->buf + p->len);
}

/* ${...}: up to the matching brace, with quotes and expansions inside.
 * In double quotes (dq) a single quote is literal in the word, except in
 * the word of a pattern operator, as expand.c reads it. */
static void scan_brace(struct parser *p, int dq)
{
	if (dq && brace_in_dq_is_pattern(p))
		dq = 0;
	p->pos += 2;
	for (;;) {
		join_lines(p);
		int c = peek(p, 0);
		if (c < 0)
			lex_syntax_error(p, "missing '}'");
		if (c == '}') {
			p->pos++;
			return;
		}
		if (c == '\'' && !dq)
			scan_squote(p);
		else if (c == '"')
			scan_dquote(p);
		else if (c == '$')
			scan_dollar(p, dq);
		else if (c == '`')
			scan_backquote(p);
		else if (c == '\\') {
			p->pos++;
			if (peek(p, 0) >= 0)
				p->pos++;
		} else {
			if (c == '\n')
				p->lineno++;
			p->pos++;
		}
	}
}

/* $((...)): balanced parentheses up to "))". */
static void scan_arith(struct parser *p)
{
	int depth = 0;
	p->pos += 3;
	for (;;) {
		join_lines(p);
		int c = peek(p, 0);
		if (c < 0)
			lex_syntax_error(p, "missing '))'");
		if (c == ')' && depth == 0) {
			if (peek(p, 1) != ')')
				lex_syntax_error(p, "missing '))'");
			p->pos += 2;
			return;
		}
		if (c == '(')
			depth++;
		else if (c == ')')
			depth--;
		if (c == '$') {
			scan_dollar(p, 0);
			continue;
		}
		if (c == '\'') {
			scan_squote(p);
			continue;
		}
		if (c == '"') {
			scan_dquote(p);
			continue;
		}
		if (c == '`') {
			scan_backquote(p);
			continue;
		}
		p->pos++;
	}
}

static void scan_cmdsubst(struct parser *p)
{
	p->pos += 2;
	/* The inner parse reuses the token fields; the outer word only needs
	 * its start offset, which the caller keeps. */
	int alias_ok = p->alias_ok;
	parse_subst_skip(p);
	p->alias_ok = alias_ok;
}

static void scan_dollar(struct parser *p, int dq)
{
	join_lines(p);
	int c = peek(p, 1);
	if (c == '(') {
		if (peek(p, 2) == '(')
			scan_arith(p);
		else
			scan_cmdsubst(p);
	} else if (c == '{') {
		scan_brace(p, dq);
	} else {
		p->pos++;
	}
}

static int is_meta(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == ';' || c == '&' ||
	       c == '|' || c == '(' || c == ')' || c == '<' || c == '>' || c < 0;
}

/* Scans a word starting at pos; sets tok_word and tok_quoted. */
static void scan_word(struct parser *p)
{
	size_t start = p->pos;
	int quoted = 0;
	for (;;) {
		join_lines(p);
		int c = peek(p, 0);
		if (is_meta(c))
			break;
		if (c == '\'') {
			quoted = 1;
			scan_squote(p);
		} else if (c == '"') {
			quoted = 1;
			scan_dquote(p);
		} else if (c == '\\') {
			quoted = 1;
			p->pos++;
			if (peek(p, 0) >= 0)
				p->pos++;
		} else if (c == '$') {
			scan_dollar(p, 0);
		} else if (c == '`') {
			scan_backquote(p);
		} else {
			p->pos++;
		}
	}
	free(p->tok_word);
	p->tok_word = xstrndup(p->buf + start, p->pos - start);
	p->tok_quoted = quoted;
}

struct op {
	const char *text;
	int tok;
};

/* Longest first, so "<<-" wins over "<<" and "<". */
static const struct op ops[] = {
	{"<<-", T_DLESSDASH}, {"&&", T_AND}, {"||", T_OR}, {";;", T_DSEMI},
	{"<<", T_DLESS}, {">>", T_DGREAT}, {"<&", T_LESSAND}, {">&", T_GREATAND},
	{"<>", T_LESSGREAT}, {">|", T_CLOBBER}, {";", T_SEMI}, {"&", T_AMP},
	{"|", T_PIPE}, {"(", T_LPAREN}, {")", T_RPAREN}, {"<", T_LESS},
	{">", T_GREAT},
};

static int scan_operator(struct parser *p)
{
	for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++) {
		size_t n = strlen(ops[i].text), k;
		for (k = 0; k < n; k++) {
			if (k > 0)
				join_lines(p);
			if (peek(p, k) != (unsigned char)ops[i].text[k])
				break;
		}
		if (k == n) {
			p->pos += n;
			return ops[i].tok;
		}
	}
	return -1;
}

/* Reads the bodies of here-documents whose operators were on the line just
 * ended. */
void lex_read_heredocs(struct parser *p)
{
	for (int i = 0; i < p->nheredocs; i++) {
		struct redir *r = p->heredocs[i];
		struct str body = {0};
		size_t dlen = strlen(r->heredoc_delim);
		for (;;) {
			size_t end = p->pos;
			int c;
			while ((c = peek(p, end - p->pos)) >= 0 && c != '\n')
				end++;
			if (c < 0 && end == p->pos)
				break;	/* EOF ends the document, as in dash */
			size_t start = p->pos;
			if (r->heredoc_strip)
				while (start < end && p->buf[start] == '\t')
					start++;
			p->pos = c < 0 ? end : end + 1;
			p->lineno++;
			if (end - start == dlen &&
			    memcmp(p->buf + start, r->heredoc_delim, dlen) == 0)
				break;
			str_putn(&body, p->buf + start, end - start);
			str_putc(&body, '\n');
			if (c < 0)
				break;
		}
		r->target = parser_own(str_take(&body));
	}
	p->nheredocs = 0;
}

int lex_next(struct parser *p)
{
	int c;
	if (p->peeked) {
		p->peeked = 0;
		return p->tok;
	}
	for (;;) {
		join_lines(p);
		c = peek(p, 0);
		if (c == ' ' || c == '\t') {
			p->pos++;
			continue;
		}
		if (c == '#') {
			while ((c = peek(p, 0)) >= 0 && c != '\n')
				p->pos++;
		}
		break;
	}
	p->tok_start = p->pos;
	p->tok_fd = -1;
	if (c < 0) {
		if (p->nheredocs)
			lex_read_heredocs(p);
		return p->tok = T_EOF;
	}
	if (c == '\n') {
		p->pos++;
		p->lineno++;
		if (p->nheredocs)
			lex_read_heredocs(p);
		return p->tok = T_NEWLINE;
	}
	int t = scan_operator(p);
	if (t >= 0)
		return p->tok = t;
	scan_word(p);
	/* An all-digit word directly followed by < or > is an IO number. */
	c = peek(p, 0);
	if ((c == '<' || c == '>') && !p->tok_quoted) {
		const char *w = p->tok_word;
		size_t n = strlen(w);
		if (n > 0 && n < 5 && strspn(w, "0123456789") == n) {
			p->tok_fd = atoi(w);
			return p->tok = scan_operator(p);
		}
	}
	return p->tok = T_WORD;
}
