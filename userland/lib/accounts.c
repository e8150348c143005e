/*
 * accounts.c - /etc/passwd and /etc/group held in memory (see accounts.h).
 * Each file is read whole at the first lookup into a table of entries
 * whose strings point into one copy of the line; later lookups search it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "accounts.h"

#define SYS_PATH_BUFS 4
#define SYS_PATH_MAX 4096
#define PASSWD_FIELDS 7
#define GROUP_FIELDS 4

struct table {
	struct account *entries;
	size_t count;
	int loaded;
};

static struct table users, groups;

const char *
sys_path(const char *path)
{
#ifdef USERLAND_ROOT_ENV
	static char bufs[SYS_PATH_BUFS][SYS_PATH_MAX];
	static int next;
	const char *root = getenv(USERLAND_ROOT_ENV);

	if (root && *root) {
		char *buf = bufs[next];
		next = (next + 1) % SYS_PATH_BUFS;
		snprintf(buf, SYS_PATH_MAX, "%s%s", root, path);
		return buf;
	}
#endif
	return path;
}

/* Splits line at ':' into exactly n fields; 0, or -1 for another count. */
static int
split(char *line, char **field, int n)
{
	int i = 0;

	field[i++] = line;
	for (char *p = line; *p; p++) {
		if (*p != ':')
			continue;
		if (i == n)
			return -1;
		*p = '\0';
		field[i++] = p + 1;
	}
	return i == n ? 0 : -1;
}

static int
parse_id(const char *s, unsigned *id)
{
	char *end;
	unsigned long v;

	if (*s < '0' || *s > '9')
		return -1;
	v = strtoul(s, &end, 10);
	if (*end || v > 0xfffffffeUL)
		return -1;
	*id = (unsigned)v;
	return 0;
}

/* One line into e (its strings point into line); -1 if malformed. */
static int
parse_line(char *line, struct account *e, int is_group)
{
	char *f[PASSWD_FIELDS];

	memset(e, 0, sizeof(*e));
	if (is_group) {
		if (split(line, f, GROUP_FIELDS) < 0)
			return -1;
		e->members = f[3];
	} else {
		if (split(line, f, PASSWD_FIELDS) < 0 ||
		    parse_id(f[3], &e->gid) < 0)
			return -1;
		e->home = f[5];
		e->shell = f[6];
	}
	e->name = f[0];
	return parse_id(f[2], &e->id);
}

static void
load(struct table *t, const char *path, int is_group)
{
	FILE *f;
	char *line = NULL;
	size_t cap = 0, room = 0;
	ssize_t len;

	t->loaded = 1;
	f = fopen(sys_path(path), "r");
	if (f == NULL)
		return;
	while ((len = getline(&line, &cap, f)) > 0) {
		struct account e;
		char *copy;

		if (line[len - 1] == '\n')
			line[--len] = '\0';
		copy = strdup(line);
		if (copy == NULL || parse_line(copy, &e, is_group) < 0) {
			free(copy);
			continue;
		}
		if (t->count == room) {
			size_t more = room ? room * 2 : 32;
			struct account *v = realloc(t->entries, more * sizeof(*v));
			if (v == NULL) {
				free(copy);
				break;
			}
			t->entries = v;
			room = more;
		}
		t->entries[t->count++] = e;
	}
	free(line);
	fclose(f);
}

static struct table *
user_table(void)
{
	if (!users.loaded)
		load(&users, "/etc/passwd", 0);
	return &users;
}

static struct table *
group_table(void)
{
	if (!groups.loaded)
		load(&groups, "/etc/group", 1);
	return &groups;
}

/* The first entry with this name (name != NULL) or else this id. */
static const struct account *
find(const struct table *t, const char *name, unsigned id)
{
	for (size_t i = 0; i < t->count; i++) {
		const struct account *e = &t->entries[i];
		if (name ? strcmp(e->name, name) == 0 : e->id == id)
			return e;
	}
	return NULL;
}

const struct account *
user_by_id(uid_t uid)
{
	return find(user_table(), NULL, (unsigned)uid);
}

const struct account *
user_by_name(const char *name)
{
	return find(user_table(), name, 0);
}

const struct account *
group_by_id(gid_t gid)
{
	return find(group_table(), NULL, (unsigned)gid);
}

const struct account *
group_by_name(const char *name)
{
	return find(group_table(), name, 0);
}

int
parse_user(const char *arg, uid_t *uid)
{
	const struct account *e = user_by_name(arg);
	unsigned id;

	if (e == NULL && parse_id(arg, &id) < 0)
		return -1;
	*uid = e ? (uid_t)e->id : (uid_t)id;
	return 0;
}

int
parse_group(const char *arg, gid_t *gid)
{
	const struct account *e = group_by_name(arg);
	unsigned id;

	if (e == NULL && parse_id(arg, &id) < 0)
		return -1;
	*gid = e ? (gid_t)e->id : (gid_t)id;
	return 0;
}

int
is_member(const char *members, const char *name)
{
	size_t len = strlen(name);

	for (const char *p = members; *p; ) {
		size_t n = strcspn(p, ",");
		if (n == len && strncmp(p, name, len) == 0)
			return 1;
		p += n;
		if (*p == ',')
			p++;
	}
	return 0;
}

static int
add_once(gid_t *list, int n, int max, gid_t gid)
{
	for (int i = 0; i < n; i++)
		if (list[i] == gid)
			return n;
	if (n < max)
		list[n++] = gid;
	return n;
}

int
user_groups(const char *user, gid_t primary, gid_t *list, int max)
{
	const struct table *t = group_table();
	int n = add_once(list, 0, max, primary);

	for (size_t i = 0; i < t->count; i++)
		if (is_member(t->entries[i].members, user))
			n = add_once(list, n, max, (gid_t)t->entries[i].id);
	return n;
}

static void
forget(struct table *t)
{
	for (size_t i = 0; i < t->count; i++)
		free(t->entries[i].name);	/* the line's copy starts there */
	free(t->entries);
	memset(t, 0, sizeof(*t));
}

void
accounts_reload(void)
{
	forget(&users);
	forget(&groups);
}
