/*
 * node.c - freeing, copying and printing command trees.
 * Function definitions outlive the parse that produced them, so the
 * function table keeps its own copy of each body (node_copy).
 */
#include <stdlib.h>
#include <string.h>

#include "sh.h"

static void words_free(struct word *w)
{
	while (w) {
		struct word *next = w->next;
		free(w);
		w = next;
	}
}

static void redirs_free(struct redir *r)
{
	while (r) {
		struct redir *next = r->next;
		free(r->target);
		free(r->heredoc_delim);
		free(r);
		r = next;
	}
}

void node_free(struct node *n)
{
	if (!n)
		return;
	redirs_free(n->redirs);
	switch (n->type) {
	case N_CMD:
		words_free(n->cmd.assigns);
		words_free(n->cmd.args);
		break;
	case N_PIPE:
		for (int i = 0; i < n->pipe.n; i++)
			node_free(n->pipe.cmds[i]);
		free(n->pipe.cmds);
		break;
	case N_AND: case N_OR: case N_SEQ:
		node_free(n->bin.left);
		node_free(n->bin.right);
		break;
	case N_BG: case N_NOT: case N_SUBSHELL: case N_GROUP:
		node_free(n->sub.body);
		break;
	case N_IF:
		node_free(n->ifn.cond);
		node_free(n->ifn.then);
		node_free(n->ifn.els);
		break;
	case N_WHILE: case N_UNTIL:
		node_free(n->loop.cond);
		node_free(n->loop.body);
		break;
	case N_FOR:
		free(n->forn.var);
		words_free(n->forn.words);
		node_free(n->forn.body);
		break;
	case N_CASE:
		free(n->casen.subject);
		for (struct case_item *ci = n->casen.items, *nx; ci; ci = nx) {
			nx = ci->next;
			words_free(ci->patterns);
			node_free(ci->body);
			free(ci);
		}
		break;
	case N_FUNC:
		free(n->func.name);
		node_free(n->func.body);
		break;
	}
	free(n);
}

static struct word *words_copy(const struct word *w)
{
	struct word *head = NULL, **tail = &head;
	for (; w; w = w->next) {
		size_t len = strlen(w->text);
		struct word *c = xmalloc(sizeof *c + len + 1);
		memcpy(c->text, w->text, len + 1);
		c->next = NULL;
		*tail = c;
		tail = &c->next;
	}
	return head;
}

static char *strdup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

static struct redir *redirs_copy(const struct redir *r)
{
	struct redir *head = NULL, **tail = &head;
	for (; r; r = r->next) {
		struct redir *c = xmalloc(sizeof *c);
		*c = *r;
		c->target = strdup_or_null(r->target);
		c->heredoc_delim = strdup_or_null(r->heredoc_delim);
		c->next = NULL;
		*tail = c;
		tail = &c->next;
	}
	return head;
}

struct node *node_copy(const struct node *n)
{
	if (!n)
		return NULL;
	struct node *c = xmalloc(sizeof *c);
	*c = *n;
	c->redirs = redirs_copy(n->redirs);
	switch (n->type) {
	case N_CMD:
		c->cmd.assigns = words_copy(n->cmd.assigns);
		c->cmd.args = words_copy(n->cmd.args);
		break;
	case N_PIPE:
		c->pipe.cmds = xmalloc(n->pipe.n * sizeof *c->pipe.cmds);
		for (int i = 0; i < n->pipe.n; i++)
			c->pipe.cmds[i] = node_copy(n->pipe.cmds[i]);
		break;
	case N_AND: case N_OR: case N_SEQ:
		c->bin.left = node_copy(n->bin.left);
		c->bin.right = node_copy(n->bin.right);
		break;
	case N_BG: case N_NOT: case N_SUBSHELL: case N_GROUP:
		c->sub.body = node_copy(n->sub.body);
		break;
	case N_IF:
		c->ifn.cond = node_copy(n->ifn.cond);
		c->ifn.then = node_copy(n->ifn.then);
		c->ifn.els = node_copy(n->ifn.els);
		break;
	case N_WHILE: case N_UNTIL:
		c->loop.cond = node_copy(n->loop.cond);
		c->loop.body = node_copy(n->loop.body);
		break;
	case N_FOR:
		c->forn.var = xstrdup(n->forn.var);
		c->forn.words = words_copy(n->forn.words);
		c->forn.body = node_copy(n->forn.body);
		break;
	case N_CASE: {
		c->casen.subject = xstrdup(n->casen.subject);
		struct case_item **tail = &c->casen.items;
		for (const struct case_item *ci = n->casen.items; ci; ci = ci->next) {
			struct case_item *cc = xmalloc(sizeof *cc);
			cc->patterns = words_copy(ci->patterns);
			cc->body = node_copy(ci->body);
			cc->next = NULL;
			*tail = cc;
			tail = &cc->next;
		}
		break;
	}
	case N_FUNC:
		c->func.name = xstrdup(n->func.name);
		c->func.body = node_copy(n->func.body);
		break;
	}
	return c;
}

static void words_text(struct str *b, const struct word *w, int space_first)
{
	for (; w; w = w->next) {
		if (space_first)
			str_putc(b, ' ');
		str_puts(b, w->text);
		space_first = 1;
	}
}

static void redirs_text(struct str *b, const struct redir *r)
{
	static const char *ops[] = { "<", ">", ">>", "<>", ">|", "<&", ">&", "<<" };
	for (; r; r = r->next) {
		int deffd = (r->type == R_IN || r->type == R_DUPIN ||
			     r->type == R_RDWR || r->type == R_HEREDOC) ? 0 : 1;
		str_putc(b, ' ');
		if (r->fd != deffd) {
			char d[16];
			int k = 0, fd = r->fd;
			do
				d[k++] = '0' + fd % 10;
			while ((fd /= 10) > 0);
			while (k)
				str_putc(b, d[--k]);
		}
		str_puts(b, ops[r->type]);
		str_puts(b, r->type == R_HEREDOC ? "EOF" : r->target);
	}
}

/* A one-line rendering of a command, as `jobs` and `type` show it. */
void node_text(struct str *b, const struct node *n)
{
	if (!n)
		return;
	switch (n->type) {
	case N_CMD: {
		size_t start = b->len;
		words_text(b, n->cmd.assigns, 0);
		words_text(b, n->cmd.args, b->len > start);
		break;
	}
	case N_PIPE:
		for (int i = 0; i < n->pipe.n; i++) {
			if (i)
				str_puts(b, " | ");
			node_text(b, n->pipe.cmds[i]);
		}
		break;
	case N_AND: case N_OR: case N_SEQ:
		node_text(b, n->bin.left);
		str_puts(b, n->type == N_AND ? " && " : n->type == N_OR ? " || " : "; ");
		node_text(b, n->bin.right);
		break;
	case N_BG:
		node_text(b, n->sub.body);
		str_puts(b, " &");
		break;
	case N_NOT:
		str_puts(b, "! ");
		node_text(b, n->sub.body);
		break;
	case N_SUBSHELL:
		str_puts(b, "(");
		node_text(b, n->sub.body);
		str_puts(b, ")");
		break;
	case N_GROUP:
		str_puts(b, "{ ");
		node_text(b, n->sub.body);
		str_puts(b, "; }");
		break;
	case N_IF:
		str_puts(b, "if ");
		node_text(b, n->ifn.cond);
		str_puts(b, "; then ");
		node_text(b, n->ifn.then);
		if (n->ifn.els) {
			str_puts(b, "; else ");
			node_text(b, n->ifn.els);
		}
		str_puts(b, "; fi");
		break;
	case N_WHILE: case N_UNTIL:
		str_puts(b, n->type == N_WHILE ? "while " : "until ");
		node_text(b, n->loop.cond);
		str_puts(b, "; do ");
		node_text(b, n->loop.body);
		str_puts(b, "; done");
		break;
	case N_FOR:
		str_puts(b, "for ");
		str_puts(b, n->forn.var);
		if (n->forn.has_in) {
			str_puts(b, " in");
			words_text(b, n->forn.words, 1);
		}
		str_puts(b, "; do ");
		node_text(b, n->forn.body);
		str_puts(b, "; done");
		break;
	case N_CASE:
		str_puts(b, "case ");
		str_puts(b, n->casen.subject);
		str_puts(b, " in ");
		for (const struct case_item *ci = n->casen.items; ci; ci = ci->next) {
			for (const struct word *w = ci->patterns; w; w = w->next) {
				str_puts(b, w->text);
				str_puts(b, w->next ? "|" : ") ");
			}
			node_text(b, ci->body);
			str_puts(b, ";; ");
		}
		str_puts(b, "esac");
		break;
	case N_FUNC:
		str_puts(b, n->func.name);
		str_puts(b, "() ");
		node_text(b, n->func.body);
		break;
	}
	if (n->type != N_FUNC)
		redirs_text(b, n->redirs);
}
