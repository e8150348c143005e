/*
 * glob.c - POSIX glob(): expands a pattern one path component at a time,
 * matching each component against directory entries with fnmatch().
 * Results are sorted unless GLOB_NOSORT.
 */
#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <glob.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

struct glob_state {
	glob_t *g;
	int flags;
	int (*errfunc)(const char *, int);
	size_t found;
};

static int has_magic(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (s[i] == '*' || s[i] == '?' || s[i] == '[')
			return 1;
	return 0;
}

static int add_path(struct glob_state *st, const char *path)
{
	glob_t *g = st->g;
	size_t n = g->gl_offs + g->gl_pathc;
	char **v = realloc(g->gl_pathv, (n + 2) * sizeof(char *));
	struct stat sb;
	size_t len = strlen(path);
	char *copy;

	if (!v)
		return GLOB_NOSPACE;
	g->gl_pathv = v;
	copy = malloc(len + 2);
	if (!copy)
		return GLOB_NOSPACE;
	memcpy(copy, path, len + 1);
	if ((st->flags & GLOB_MARK) && stat(path, &sb) == 0 &&
	    S_ISDIR(sb.st_mode) && len && path[len - 1] != '/') {
		copy[len] = '/';
		copy[len + 1] = '\0';
	}
	v[n] = copy;
	v[n + 1] = 0;
	g->gl_pathc++;
	st->found++;
	return 0;
}

/* dir: what has been matched so far ("" for relative); rest: the pattern. */
static int expand(struct glob_state *st, char *dir, size_t dlen,
		  const char *rest)
{
	const char *end;
	size_t clen;
	char pat[NAME_MAX + 1];
	struct dirent *de;
	struct stat sb;
	DIR *d;
	int r = 0;

	while (*rest == '/') {
		if (dlen + 1 >= PATH_MAX)
			return 0;
		dir[dlen++] = '/';
		dir[dlen] = '\0';
		rest++;
	}
	if (!*rest)
		return dlen ? add_path(st, dir) : 0;
	end = strchrnul(rest, '/');
	clen = (size_t)(end - rest);
	if (!has_magic(rest, clen)) {
		if (dlen + clen + 1 >= PATH_MAX)
			return 0;
		memcpy(dir + dlen, rest, clen);
		dir[dlen + clen] = '\0';
		if (lstat(dir, &sb) < 0)
			return 0;
		return expand(st, dir, dlen + clen, end);
	}
	if (clen > NAME_MAX)
		return 0;
	memcpy(pat, rest, clen);
	pat[clen] = '\0';
	d = opendir(dlen ? dir : ".");
	if (!d) {
		if ((st->errfunc && st->errfunc(dlen ? dir : ".", errno)) ||
		    (st->flags & GLOB_ERR))
			return GLOB_ABORTED;
		return 0;
	}
	while ((de = readdir(d)) != 0) {
		size_t nlen = strlen(de->d_name);

		if (de->d_name[0] == '.' && pat[0] != '.')
			continue;
		if (fnmatch(pat, de->d_name, (st->flags & GLOB_NOESCAPE) ?
			    FNM_NOESCAPE : 0) != 0)
			continue;
		if (dlen + nlen + 1 >= PATH_MAX)
			continue;
		memcpy(dir + dlen, de->d_name, nlen + 1);
		if (*end && (stat(dir, &sb) < 0 || !S_ISDIR(sb.st_mode)))
			continue;
		r = expand(st, dir, dlen + nlen, end);
		if (r)
			break;
	}
	closedir(d);
	dir[dlen] = '\0';
	return r;
}

static int compare_paths(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int glob(const char *pattern, int flags,
	 int (*errfunc)(const char *path, int err), glob_t *g)
{
	struct glob_state st = { g, flags, errfunc, 0 };
	char dir[PATH_MAX];
	size_t first;
	int r;

	if (!(flags & GLOB_APPEND)) {
		g->gl_pathc = 0;
		g->gl_pathv = 0;
		if (!(flags & GLOB_DOOFFS))
			g->gl_offs = 0;
		if (g->gl_offs) {
			g->gl_pathv = calloc(g->gl_offs + 1, sizeof(char *));
			if (!g->gl_pathv)
				return GLOB_NOSPACE;
		}
	}
	first = g->gl_pathc;
	dir[0] = '\0';
	r = expand(&st, dir, 0, pattern);
	if (r)
		return r;
	if (st.found == 0) {
		if (!(flags & GLOB_NOCHECK))
			return GLOB_NOMATCH;
		r = add_path(&st, pattern);
		if (r)
			return r;
	}
	if (!(flags & GLOB_NOSORT))
		qsort(g->gl_pathv + g->gl_offs + first, g->gl_pathc - first,
		      sizeof(char *), compare_paths);
	return 0;
}

void globfree(glob_t *g)
{
	size_t i;

	if (!g->gl_pathv)
		return;
	for (i = 0; i < g->gl_pathc; i++)
		free(g->gl_pathv[g->gl_offs + i]);
	free(g->gl_pathv);
	g->gl_pathv = 0;
	g->gl_pathc = 0;
}
