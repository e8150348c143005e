/*
 * complete.c - Tab completion for the line editor: command names (builtins,
 * functions, aliases, executables in $PATH) in command position, variable
 * names after '$', paths everywhere else.  Matches are returned ready to
 * insert (special characters escaped, directories ending in '/'), sorted and
 * without duplicates.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sh.h"

#define SPECIAL_CHARS " \t\\'\"$`&|;<>()*?[]{}!#"

static char *escape(const char *s)
{
	struct str b = {0};
	str_puts(&b, "");
	for (; *s; s++) {
		if (strchr(SPECIAL_CHARS, *s))
			str_putc(&b, '\\');
		str_putc(&b, *s);
	}
	return str_take(&b);
}

static void add_match(struct arglist *m, const char *prefix, const char *name,
		      const char *suffix, int esc)
{
	struct str b = {0};
	str_puts(&b, prefix);
	if (esc) {
		char *e = escape(name);
		str_puts(&b, e);
		free(e);
	} else {
		str_puts(&b, name);
	}
	str_puts(&b, suffix);
	arglist_add(m, str_take(&b));
}

struct prefix_match {
	struct arglist *m;
	const char *word;
	size_t len;
};

static void match_var(struct var *v, void *arg)
{
	struct prefix_match *pm = arg;
	if (v->value && strncmp(v->name, pm->word, pm->len) == 0)
		add_match(pm->m, "$", v->name, "", 0);
}

static void match_func(struct func *f, void *arg)
{
	struct prefix_match *pm = arg;
	if (strncmp(f->name, pm->word, pm->len) == 0)
		add_match(pm->m, "", f->name, "", 1);
}

static void match_alias(const char *name, const char *value, void *arg)
{
	struct prefix_match *pm = arg;
	(void)value;
	if (strncmp(name, pm->word, pm->len) == 0)
		add_match(pm->m, "", name, "", 1);
}

static void complete_command(const char *word, struct arglist *m)
{
	struct prefix_match pm = { m, word, strlen(word) };
	for (int i = 0; i < nbuiltins; i++)
		if (strncmp(builtins[i].name, word, pm.len) == 0)
			add_match(m, "", builtins[i].name, "", 1);
	func_each(match_func, &pm);
	alias_each(match_alias, &pm);
	const char *path = var_get("PATH");
	if (!path)
		return;
	struct str dir = {0};
	for (const char *p = path;; ) {
		const char *colon = strchr(p, ':');
		size_t n = colon ? (size_t)(colon - p) : strlen(p);
		dir.len = 0;
		str_putn(&dir, n ? p : ".", n ? n : 1);
		DIR *d = opendir(dir.s);
		struct dirent *de;
		while (d && (de = readdir(d))) {
			if (de->d_name[0] == '.' || strncmp(de->d_name, word, pm.len) != 0)
				continue;
			size_t keep = dir.len;
			str_putc(&dir, '/');
			str_puts(&dir, de->d_name);
			struct stat st;
			if (stat(dir.s, &st) == 0 && S_ISREG(st.st_mode) &&
			    access(dir.s, X_OK) == 0)
				add_match(m, "", de->d_name, "", 1);
			dir.len = keep;
			dir.s[keep] = '\0';
		}
		if (d)
			closedir(d);
		if (!colon)
			break;
		p = colon + 1;
	}
	free(dir.s);
}

static void complete_path(const char *word, struct arglist *m)
{
	const char *slash = strrchr(word, '/');
	char *dir_typed = slash ? xstrndup(word, slash - word + 1) : xstrdup("");
	const char *base = slash ? slash + 1 : word;
	char *dir = xstrdup(dir_typed);
	if (dir[0] == '~') {
		char *exp = expand_string(dir, 0);
		free(dir);
		dir = exp;
	}
	DIR *d = opendir(*dir ? dir : ".");
	struct dirent *de;
	size_t blen = strlen(base);
	char *esc_dir = escape(dir_typed);
	while (d && (de = readdir(d))) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		if (de->d_name[0] == '.' && base[0] != '.')
			continue;
		if (strncmp(de->d_name, base, blen) != 0)
			continue;
		char *full = xmalloc(strlen(dir) + strlen(de->d_name) + 2);
		sprintf(full, "%s%s", dir, de->d_name);
		struct stat st;
		int is_dir = stat(full, &st) == 0 && S_ISDIR(st.st_mode);
		free(full);
		add_match(m, esc_dir, de->d_name, is_dir ? "/" : "", 1);
	}
	if (d)
		closedir(d);
	free(esc_dir);
	free(dir);
	free(dir_typed);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void sort_unique(struct arglist *m)
{
	if (m->n < 2)
		return;
	qsort(m->v, m->n, sizeof *m->v, cmp_str);
	int k = 1;
	for (int i = 1; i < m->n; i++) {
		if (strcmp(m->v[i], m->v[k - 1]) == 0)
			free(m->v[i]);
		else
			m->v[k++] = m->v[i];
	}
	m->n = k;
	m->v[k] = NULL;
}

void complete_line(const char *line, size_t cursor, struct arglist *matches,
		   size_t *word_start)
{
	/* The word under the cursor starts after an unescaped blank or
	 * operator character. */
	size_t start = 0;
	for (size_t i = 0; i < cursor; i++) {
		if (line[i] == '\\' && i + 1 < cursor) {
			i++;
			continue;
		}
		if (strchr(" \t;&|()<>", line[i]))
			start = i + 1;
	}
	*word_start = start;
	size_t k = start;
	while (k > 0 && (line[k - 1] == ' ' || line[k - 1] == '\t'))
		k--;
	int command_pos = k == 0 || strchr(";&|(", line[k - 1]);
	/* The word as typed, without its backslashes. */
	struct str w = {0};
	str_puts(&w, "");
	for (size_t i = start; i < cursor; i++) {
		if (line[i] == '\\' && i + 1 < cursor)
			i++;
		str_putc(&w, line[i]);
	}
	if (w.s[0] == '$') {
		struct prefix_match pm = { matches, w.s + 1, strlen(w.s + 1) };
		var_each(match_var, &pm);
	} else if (command_pos && !strchr(w.s, '/') && w.s[0] != '~' && w.s[0] != '.') {
		complete_command(w.s, matches);
	} else {
		complete_path(w.s, matches);
	}
	free(w.s);
	sort_unique(matches);
}
