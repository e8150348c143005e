/*
 * vars.c - shell variables, positional parameters, functions and aliases.
 *
 * Variables live in one hash table.  `local` in a function saves the old
 * value on a scope stack that var_pop_scope restores when the function
 * returns.  A few variables have side effects when set (PATH clears the
 * command cache, OPTIND restarts getopts); var_changed handles them.
 */
#include <stdlib.h>
#include <string.h>

#include "sh.h"

#define VAR_BUCKETS 256

static struct var *table[VAR_BUCKETS];

static unsigned hash(const char *s, size_t n)
{
	unsigned h = 5381;
	for (size_t i = 0; i < n; i++)
		h = h * 33 + (unsigned char)s[i];
	return h % VAR_BUCKETS;
}

static struct var *lookup_n(const char *name, size_t n)
{
	for (struct var *v = table[hash(name, n)]; v; v = v->next)
		if (strncmp(v->name, name, n) == 0 && v->name[n] == '\0')
			return v;
	return NULL;
}

struct var *var_lookup(const char *name)
{
	return lookup_n(name, strlen(name));
}

const char *var_get(const char *name)
{
	struct var *v = var_lookup(name);
	return v ? v->value : NULL;
}

void getopts_reset(void);

static void var_changed(const char *name)
{
	if (strcmp(name, "PATH") == 0)
		path_hash_clear();
	else if (strcmp(name, "OPTIND") == 0)
		getopts_reset();
}

static struct var *create(const char *name, size_t n)
{
	struct var *v = xmalloc(sizeof *v);
	unsigned h = hash(name, n);
	v->name = xstrndup(name, n);
	v->value = NULL;
	v->flags = 0;
	v->next = table[h];
	table[h] = v;
	return v;
}

int var_setn(const char *name, size_t n, const char *value, int flags)
{
	struct var *v = lookup_n(name, n);
	if (v && (v->flags & V_READONLY)) {
		sh_warn("%.*s: is read only", (int)n, name);
		return -1;
	}
	if (!v)
		v = create(name, n);
	if (value) {
		size_t len = strlen(value);
		char *copy = xmalloc(len + 1);
		memcpy(copy, value, len + 1);
		free(v->value);
		v->value = copy;
	}
	v->flags |= flags;
	if (opt.allexport)
		v->flags |= V_EXPORT;
	if (v->name[0] == 'P' || v->name[0] == 'O')
		var_changed(v->name);
	return 0;
}

int var_set(const char *name, const char *value, int flags)
{
	return var_setn(name, strlen(name), value, flags);
}

void var_set_flags(const char *name, int flags)
{
	struct var *v = var_lookup(name);
	if (!v)
		v = create(name, strlen(name));
	v->flags |= flags;
}

int var_unset(const char *name)
{
	struct var **pp = &table[hash(name, strlen(name))];
	for (; *pp; pp = &(*pp)->next) {
		struct var *v = *pp;
		if (strcmp(v->name, name) != 0)
			continue;
		if (v->flags & V_READONLY) {
			sh_warn("%s: is read only", name);
			return -1;
		}
		/* Keep the entry if a local scope refers to it. */
		free(v->value);
		v->value = NULL;
		v->flags = 0;
		var_changed(name);
		return 0;
	}
	return 0;
}

void var_each(void (*fn)(struct var *v, void *arg), void *arg)
{
	for (int i = 0; i < VAR_BUCKETS; i++)
		for (struct var *v = table[i]; v; v = v->next)
			fn(v, arg);
}

static void count_exported(struct var *v, void *arg)
{
	if ((v->flags & V_EXPORT) && v->value)
		++*(int *)arg;
}

struct env_fill {
	char **env;
	int n;
};

static void fill_exported(struct var *v, void *arg)
{
	struct env_fill *f = arg;
	if (!(v->flags & V_EXPORT) || !v->value)
		return;
	size_t a = strlen(v->name), b = strlen(v->value);
	char *s = xmalloc(a + b + 2);
	memcpy(s, v->name, a);
	s[a] = '=';
	memcpy(s + a + 1, v->value, b + 1);
	f->env[f->n++] = s;
}

char **var_environ(void)
{
	int n = 0;
	var_each(count_exported, &n);
	struct env_fill f = { xmalloc((n + 1) * sizeof(char *)), 0 };
	var_each(fill_exported, &f);
	f.env[f.n] = NULL;
	return f.env;
}

void var_import(char **env)
{
	for (; env && *env; env++) {
		const char *eq = strchr(*env, '=');
		if (eq && is_name(*env, eq - *env))
			var_setn(*env, eq - *env, eq + 1, V_EXPORT);
	}
}

/* ---- local variables */
struct saved_var {
	struct saved_var *next;
	char *name;
	char *value;
	int flags;
};

struct scope {
	struct scope *up;
	struct saved_var *saved;
};

static struct scope *scopes;
static int depth;

void var_push_scope(void)
{
	struct scope *s = xmalloc(sizeof *s);
	s->up = scopes;
	s->saved = NULL;
	scopes = s;
	depth++;
}

void var_pop_scope(void)
{
	struct scope *s = scopes;
	if (!s)
		return;
	while (s->saved) {
		struct saved_var *sv = s->saved;
		struct var *v = var_lookup(sv->name);
		if (!v)
			v = create(sv->name, strlen(sv->name));
		free(v->value);
		v->value = sv->value;
		v->flags = sv->flags;
		var_changed(v->name);
		s->saved = sv->next;
		free(sv->name);
		free(sv);
	}
	scopes = s->up;
	free(s);
	depth--;
}

int var_scope_depth(void)
{
	return depth;
}

int var_make_local(const char *name)
{
	if (!scopes)
		return -1;
	for (struct saved_var *sv = scopes->saved; sv; sv = sv->next)
		if (strcmp(sv->name, name) == 0)
			return 0;
	struct var *v = var_lookup(name);
	struct saved_var *sv = xmalloc(sizeof *sv);
	sv->name = xstrdup(name);
	sv->value = v && v->value ? xstrdup(v->value) : NULL;
	sv->flags = v ? v->flags : 0;
	sv->next = scopes->saved;
	scopes->saved = sv;
	return 0;
}

/* ---- positional parameters */
struct params params;
char *arg0;

void params_set(int n, char **v)
{
	char **copy = xmalloc((n + 1) * sizeof *copy);
	for (int i = 0; i < n; i++)
		copy[i] = xstrdup(v[i]);
	copy[n] = NULL;
	params_free(&params);
	params.n = n;
	params.v = copy;
}

void params_free(struct params *p)
{
	for (int i = 0; i < p->n; i++)
		free(p->v[i]);
	free(p->v);
	p->v = NULL;
	p->n = 0;
}

/* ---- functions */
static struct func *funcs;

struct func *func_lookup(const char *name)
{
	for (struct func *f = funcs; f; f = f->next)
		if (strcmp(f->name, name) == 0)
			return f;
	return NULL;
}

void func_put(struct func *f)
{
	if (--f->refs > 0)
		return;
	node_free(f->body);
	free(f->name);
	free(f);
}

void func_unset(const char *name)
{
	for (struct func **pp = &funcs; *pp; pp = &(*pp)->next) {
		if (strcmp((*pp)->name, name) == 0) {
			struct func *f = *pp;
			*pp = f->next;
			func_put(f);
			return;
		}
	}
}

void func_define(const char *name, struct node *body)
{
	func_unset(name);
	struct func *f = xmalloc(sizeof *f);
	f->name = xstrdup(name);
	f->body = body;
	f->refs = 1;
	f->next = funcs;
	funcs = f;
}

void func_each(void (*fn)(struct func *f, void *arg), void *arg)
{
	for (struct func *f = funcs; f; f = f->next)
		fn(f, arg);
}

/* ---- aliases */
struct alias {
	struct alias *next;
	char *name, *value;
};
static struct alias *aliases;

const char *alias_get(const char *name)
{
	for (struct alias *a = aliases; a; a = a->next)
		if (strcmp(a->name, name) == 0)
			return a->value;
	return NULL;
}

void alias_set(const char *name, const char *value)
{
	for (struct alias *a = aliases; a; a = a->next) {
		if (strcmp(a->name, name) == 0) {
			free(a->value);
			a->value = xstrdup(value);
			return;
		}
	}
	struct alias *a = xmalloc(sizeof *a);
	a->name = xstrdup(name);
	a->value = xstrdup(value);
	/* Keep the list sorted: `alias` prints in order. */
	struct alias **pp = &aliases;
	while (*pp && strcmp((*pp)->name, name) < 0)
		pp = &(*pp)->next;
	a->next = *pp;
	*pp = a;
}

int alias_unset(const char *name)
{
	for (struct alias **pp = &aliases; *pp; pp = &(*pp)->next) {
		if (strcmp((*pp)->name, name) == 0) {
			struct alias *a = *pp;
			*pp = a->next;
			free(a->name);
			free(a->value);
			free(a);
			return 0;
		}
	}
	return -1;
}

void alias_each(void (*fn)(const char *name, const char *value, void *arg), void *arg)
{
	for (struct alias *a = aliases; a; a = a->next)
		fn(a->name, a->value, arg);
}

void alias_clear(void)
{
	while (aliases)
		alias_unset(aliases->name);
}
