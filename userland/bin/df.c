/*
 * df: report file system space, from statfs(2) on each mount point of
 * /proc/self/mounts (or /proc/mounts).
 *   df [-ahk] [file ...]
 * Columns as GNU df: Filesystem 1K-blocks Used Available Use% Mounted on,
 * or Size Used Avail with -h (powers of 1024).  File systems without
 * blocks (proc, sysfs...) and second mounts of one device are left out
 * unless -a; a file operand shows the file system that holds it.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <unistd.h>

#include "human.h"

#define MOUNTS_SELF "/proc/self/mounts"
#define MOUNTS_ALL "/proc/mounts"
#define KIB 1024ULL
#define PERCENT 100ULL
#define FIELD_MAX 32

enum column { COL_SOURCE, COL_SIZE, COL_USED, COL_AVAIL, COL_PCENT, COL_TARGET, NCOLUMNS };

/* GNU df's smallest column widths; the header or the values may widen them. */
static const int min_width[NCOLUMNS] = { 14, 5, 5, 5, 4, 0 };

struct mount_entry {
	char *source, *target;
};

struct row {
	char *field[NCOLUMNS];
};

struct table {
	struct row *rows;
	size_t count, capacity;
};

static int opt_all, opt_human;

static void
usage(void)
{
	fprintf(stderr, "usage: df [-ahk] [file ...]\n");
	exit(1);
}

static void *
xrealloc(void *p, size_t size)
{
	p = realloc(p, size);
	if (p == NULL) {
		fprintf(stderr, "df: %s\n", strerror(errno));
		exit(1);
	}
	return p;
}

static char *
xstrdup(const char *s)
{
	size_t len = strlen(s) + 1;
	return memcpy(xrealloc(NULL, len), s, len);
}

/* Undo the octal escapes of /proc/mounts ("\040" is a space), in place. */
static void
unescape(char *s)
{
	char *out = s;

	for (; *s; s++) {
		if (s[0] == '\\' && s[1] >= '0' && s[1] <= '3' && s[2] >= '0' &&
		    s[2] <= '7' && s[3] >= '0' && s[3] <= '7') {
			*out++ = (char)((s[1] - '0') * 64 + (s[2] - '0') * 8 + (s[3] - '0'));
			s += 3;
		} else {
			*out++ = *s;
		}
	}
	*out = '\0';
}

/* "source target type options 0 0"; returns -1 for a short line. */
static int
parse_mount_line(char *line, struct mount_entry *m)
{
	char *save = NULL;

	m->source = strtok_r(line, " \t\n", &save);
	m->target = strtok_r(NULL, " \t\n", &save);
	if (m->source == NULL || m->target == NULL)
		return -1;
	unescape(m->source);
	unescape(m->target);
	return 0;
}

/* Every mount, in the order of the table; *count receives how many. */
static struct mount_entry *
read_mounts(size_t *count)
{
	FILE *f = fopen(MOUNTS_SELF, "r");
	struct mount_entry *mounts = NULL, m;
	size_t n = 0, cap = 0, line_cap = 0;
	char *line = NULL;

	if (f == NULL)
		f = fopen(MOUNTS_ALL, "r");
	if (f == NULL) {
		fprintf(stderr, "df: %s: %s\n", MOUNTS_ALL, strerror(errno));
		exit(1);
	}
	while (getline(&line, &line_cap, f) >= 0) {
		if (parse_mount_line(line, &m) < 0)
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 32;
			mounts = xrealloc(mounts, cap * sizeof(*mounts));
		}
		mounts[n].source = xstrdup(m.source);
		mounts[n].target = xstrdup(m.target);
		n++;
	}
	free(line);
	fclose(f);
	*count = n;
	return mounts;
}

/* A size in the unit of the listing: 1 KiB blocks (rounded up), or -h. */
static char *
size_field(unsigned long long bytes)
{
	char buf[HUMAN_SIZE_MAX];

	if (opt_human)
		return xstrdup(human_size(bytes, buf));
	snprintf(buf, sizeof(buf), "%llu", (bytes + KIB - 1) / KIB);
	return xstrdup(buf);
}

/* Use%: used over what a user could have, rounded up; "-" when empty. */
static char *
percent_field(unsigned long long used, unsigned long long avail)
{
	char buf[FIELD_MAX];

	if (used + avail == 0)
		return xstrdup("-");
	snprintf(buf, sizeof(buf), "%llu%%", (used * PERCENT + used + avail - 1) / (used + avail));
	return xstrdup(buf);
}

static void
table_add(struct table *t, char *field[NCOLUMNS])
{
	if (t->count == t->capacity) {
		t->capacity = t->capacity ? t->capacity * 2 : 16;
		t->rows = xrealloc(t->rows, t->capacity * sizeof(*t->rows));
	}
	memcpy(t->rows[t->count++].field, field, sizeof(t->rows[0].field));
}

static void
add_header(struct table *t)
{
	char *field[NCOLUMNS] = {
		xstrdup("Filesystem"), xstrdup(opt_human ? "Size" : "1K-blocks"),
		xstrdup("Used"), xstrdup(opt_human ? "Avail" : "Available"),
		xstrdup("Use%"), xstrdup("Mounted on"),
	};
	table_add(t, field);
}

/* One line for the file system mounted at m, whose statfs is sf. */
static void
add_usage(struct table *t, const struct mount_entry *m, const struct statfs *sf)
{
	unsigned long long unit = sf->f_frsize ? (unsigned long long)sf->f_frsize
	    : (unsigned long long)sf->f_bsize;
	unsigned long long used = (sf->f_blocks - sf->f_bfree) * unit;
	unsigned long long avail = sf->f_bavail * unit;
	char *field[NCOLUMNS] = {
		xstrdup(m->source), size_field(sf->f_blocks * unit), size_field(used),
		size_field(avail), percent_field(used, avail), xstrdup(m->target),
	};

	table_add(t, field);
}

static void
print_table(const struct table *t)
{
	int width[NCOLUMNS];

	memcpy(width, min_width, sizeof(width));
	for (size_t r = 0; r < t->count; r++)
		for (int c = 0; c < NCOLUMNS; c++)
			if ((int)strlen(t->rows[r].field[c]) > width[c])
				width[c] = (int)strlen(t->rows[r].field[c]);
	for (size_t r = 0; r < t->count; r++) {
		char *const *f = t->rows[r].field;
		printf("%-*s", width[COL_SOURCE], f[COL_SOURCE]);
		for (int c = COL_SIZE; c <= COL_PCENT; c++)
			printf(" %*s", width[c], f[c]);
		printf(" %s\n", f[COL_TARGET]);
	}
}

/* Every file system, or with -a every mount (see the top comment). */
static void
list_all(struct table *t, const struct mount_entry *mounts, size_t count)
{
	dev_t *seen = xrealloc(NULL, (count + 1) * sizeof(*seen));
	size_t nseen = 0;
	struct statfs sf;
	struct stat st;

	for (size_t i = 0; i < count; i++) {
		int duplicate = 0;

		if (statfs(mounts[i].target, &sf) < 0 || stat(mounts[i].target, &st) < 0)
			continue;	/* unreachable from here, as GNU df skips it */
		for (size_t j = 0; j < nseen; j++)
			duplicate |= seen[j] == st.st_dev;
		seen[nseen++] = st.st_dev;
		if (!opt_all && (sf.f_blocks == 0 || duplicate))
			continue;
		add_usage(t, &mounts[i], &sf);
	}
	free(seen);
}

/* The last mount whose mount point is on the device of path. */
static int
list_file(struct table *t, const char *path, const struct mount_entry *mounts,
    size_t count)
{
	const struct mount_entry *found = NULL;
	struct stat file_st, st;
	struct statfs sf;

	if (stat(path, &file_st) < 0) {
		fprintf(stderr, "df: %s: %s\n", path, strerror(errno));
		return -1;
	}
	for (size_t i = 0; i < count; i++)
		if (stat(mounts[i].target, &st) == 0 && st.st_dev == file_st.st_dev)
			found = &mounts[i];
	if (found == NULL) {
		fprintf(stderr, "df: %s: no file system found in %s\n", path, MOUNTS_SELF);
		return -1;
	}
	if (statfs(path, &sf) < 0) {
		fprintf(stderr, "df: %s: %s\n", path, strerror(errno));
		return -1;
	}
	add_usage(t, found, &sf);
	return 0;
}

int
main(int argc, char *argv[])
{
	struct table t = { NULL, 0, 0 };
	struct mount_entry *mounts;
	size_t count;
	int status = 0, c;

	while ((c = getopt(argc, argv, "ahk")) != -1) {
		switch (c) {
		case 'a': opt_all = 1; break;
		case 'h': opt_human = 1; break;
		case 'k': opt_human = 0; break;
		default: usage();
		}
	}
	mounts = read_mounts(&count);
	add_header(&t);
	if (optind == argc)
		list_all(&t, mounts, count);
	for (int i = optind; i < argc; i++)
		if (list_file(&t, argv[i], mounts, count) < 0)
			status = 1;
	if (t.count > 1 || optind == argc)
		print_table(&t);
	return fflush(stdout) != 0 ? 1 : status;
}
