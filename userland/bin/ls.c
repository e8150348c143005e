/*
 * ls: list directory contents.
 *   -a all entries, -A all but . and .., -d directories themselves,
 *   -l long format (GNU style), -1 one per line, -F type suffixes,
 *   -i inode numbers, -r reverse order, -h sizes as 1.5K, 20M (with -l),
 *   -t newest first, -S largest first, -R subdirectories too.
 * Flags combine as usual: ls -la, ls -lah, ls -ltr.
 * Names are sorted bytewise.  Without -l and -1, a terminal gets
 * columns (filled top to bottom, as GNU ls does) and a pipe gets lines.
 */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <time.h>
#include <unistd.h>

#include "accounts.h"
#include "human.h"
#include "modestr.h"

#define DEFAULT_COLUMNS 80
#define COLUMN_GAP 2
#define ST_BLOCK_SIZE 512	/* the unit of st_blocks */
#define KIB 1024
/* GNU ls shows the year instead of the time for files older than this. */
#define RECENT_SECONDS (365L * 24 * 60 * 60 / 2)

struct entry {
	char *name;		/* as shown: the operand or the directory entry */
	struct stat st;
	char *link_target;	/* for symlinks under -l, else NULL */
};

struct listing {
	struct entry *entries;
	size_t count, capacity;
};

static int opt_all, opt_almost_all, opt_dir, opt_long, opt_one, opt_classify;
static int opt_inode, opt_reverse, opt_human, opt_recursive;
static enum { SORT_NAME, SORT_TIME, SORT_SIZE } opt_sort;
static int status;
static time_t now;

static void
usage(void)
{
	fprintf(stderr, "usage: ls [-1AadFhilRrSt] [file ...]\n");
	exit(2);
}

static void *
xrealloc(void *p, size_t size)
{
	p = realloc(p, size);
	if (p == NULL) {
		fprintf(stderr, "ls: %s\n", strerror(errno));
		exit(2);
	}
	return p;
}

static char *
xstrdup(const char *s)
{
	size_t len = strlen(s) + 1;
	return memcpy(xrealloc(NULL, len), s, len);
}

static char *
read_link(const char *path)
{
	char buf[PATH_MAX];
	ssize_t n = readlink(path, buf, sizeof(buf) - 1);

	if (n < 0)
		return NULL;
	buf[n] = '\0';
	return xstrdup(buf);
}

/* Add name (found at path) to the listing; returns -1 if lstat failed. */
static int
listing_add(struct listing *l, const char *name, const char *path, int follow)
{
	struct entry *e;

	if (l->count == l->capacity) {
		l->capacity = l->capacity ? l->capacity * 2 : 64;
		l->entries = xrealloc(l->entries, l->capacity * sizeof(*e));
	}
	e = &l->entries[l->count];
	if ((follow ? stat(path, &e->st) : lstat(path, &e->st)) < 0 &&
	    (!follow || lstat(path, &e->st) < 0)) {
		fprintf(stderr, "ls: %s: %s\n", path, strerror(errno));
		if (status == 0)
			status = 1;
		return -1;
	}
	e->name = xstrdup(name);
	e->link_target = NULL;
	if (opt_long && S_ISLNK(e->st.st_mode))
		e->link_target = read_link(path);
	l->count++;
	return 0;
}

static void
listing_free(struct listing *l)
{
	for (size_t i = 0; i < l->count; i++) {
		free(l->entries[i].name);
		free(l->entries[i].link_target);
	}
	free(l->entries);
	l->entries = NULL;
	l->count = l->capacity = 0;
}

/* -t and -S put the newest or largest first; ties, and the rest, by name. */
static int
compare_keys(const struct entry *a, const struct entry *b)
{
	const struct timespec *ta = &a->st.st_mtim, *tb = &b->st.st_mtim;

	if (opt_sort == SORT_TIME && ta->tv_sec != tb->tv_sec)
		return ta->tv_sec < tb->tv_sec ? 1 : -1;
	if (opt_sort == SORT_TIME && ta->tv_nsec != tb->tv_nsec)
		return ta->tv_nsec < tb->tv_nsec ? 1 : -1;
	if (opt_sort == SORT_SIZE && a->st.st_size != b->st.st_size)
		return a->st.st_size < b->st.st_size ? 1 : -1;
	return strcmp(a->name, b->name);
}

static int
compare_entries(const void *a, const void *b)
{
	int r = compare_keys(a, b);
	return opt_reverse ? -r : r;
}

/* User and group names, or the numbers when /etc knows none; the files
 * are read once (accounts.h), whatever the size of the listing. */
static const char *
user_name(uid_t uid, char *buf, size_t size)
{
	const struct account *u = user_by_id(uid);

	if (u)
		snprintf(buf, size, "%s", u->name);
	else
		snprintf(buf, size, "%u", (unsigned)uid);
	return buf;
}

static const char *
group_name(gid_t gid, char *buf, size_t size)
{
	const struct account *g = group_by_id(gid);

	if (g)
		snprintf(buf, size, "%s", g->name);
	else
		snprintf(buf, size, "%u", (unsigned)gid);
	return buf;
}

static void
size_string(const struct stat *st, char *buf, size_t size)
{
	char human[HUMAN_SIZE_MAX];

	if (S_ISCHR(st->st_mode) || S_ISBLK(st->st_mode))
		snprintf(buf, size, "%u, %u", major(st->st_rdev), minor(st->st_rdev));
	else if (opt_human)
		snprintf(buf, size, "%s", human_size(st->st_size, human));
	else
		snprintf(buf, size, "%lld", (long long)st->st_size);
}

static void
time_string(time_t t, char *buf, size_t size)
{
	struct tm *tm = localtime(&t);

	if (tm == NULL) {
		snprintf(buf, size, "%lld", (long long)t);
		return;
	}
	if (t > now - RECENT_SECONDS && t <= now + RECENT_SECONDS)
		strftime(buf, size, "%b %e %H:%M", tm);
	else
		strftime(buf, size, "%b %e  %Y", tm);
}

static char
type_suffix(mode_t mode)
{
	if (S_ISDIR(mode))
		return '/';
	if (S_ISLNK(mode))
		return '@';
	if (S_ISFIFO(mode))
		return '|';
	if (S_ISSOCK(mode))
		return '=';
	if (mode & (S_IXUSR | S_IXGRP | S_IXOTH))
		return '*';
	return 0;
}

static void
print_name(const struct entry *e)
{
	char suffix = opt_classify ? type_suffix(e->st.st_mode) : 0;

	fputs(e->name, stdout);
	if (e->link_target) {
		printf(" -> %s", e->link_target);
		return;
	}
	if (suffix)
		putchar(suffix);
}

/* Widths of the -l columns, so every line of one listing aligns. */
struct long_widths {
	int inode, links, user, group, size;
};

static int
width_of(const char *s)
{
	return (int)strlen(s);
}

static void
long_widths(const struct listing *l, struct long_widths *w)
{
	char buf[64];

	memset(w, 0, sizeof(*w));
	for (size_t i = 0; i < l->count; i++) {
		const struct stat *st = &l->entries[i].st;
		int n;

		n = snprintf(buf, sizeof(buf), "%lu", (unsigned long)st->st_ino);
		if (n > w->inode) w->inode = n;
		n = snprintf(buf, sizeof(buf), "%lu", (unsigned long)st->st_nlink);
		if (n > w->links) w->links = n;
		n = width_of(user_name(st->st_uid, buf, sizeof(buf)));
		if (n > w->user) w->user = n;
		n = width_of(group_name(st->st_gid, buf, sizeof(buf)));
		if (n > w->group) w->group = n;
		size_string(st, buf, sizeof(buf));
		n = width_of(buf);
		if (n > w->size) w->size = n;
	}
}

static void
print_long(const struct listing *l)
{
	struct long_widths w;
	char mode[MODE_STRING_SIZE], user[64], group[64], size[64], date[64];

	long_widths(l, &w);
	for (size_t i = 0; i < l->count; i++) {
		const struct entry *e = &l->entries[i];

		mode_string(e->st.st_mode, mode);
		size_string(&e->st, size, sizeof(size));
		time_string(e->st.st_mtime, date, sizeof(date));
		if (opt_inode)
			printf("%*lu ", w.inode, (unsigned long)e->st.st_ino);
		printf("%s %*lu %-*s %-*s %*s %s ", mode, w.links,
		    (unsigned long)e->st.st_nlink,
		    w.user, user_name(e->st.st_uid, user, sizeof(user)),
		    w.group, group_name(e->st.st_gid, group, sizeof(group)),
		    w.size, size, date);
		print_name(e);
		putchar('\n');
	}
}

static int
terminal_width(void)
{
	struct winsize ws;
	const char *env = getenv("COLUMNS");

	if (env && atoi(env) > 0)
		return atoi(env);
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return DEFAULT_COLUMNS;
}

static int
entry_width(const struct entry *e)
{
	int w = width_of(e->name);
	char buf[32];

	if (opt_classify && type_suffix(e->st.st_mode))
		w++;
	if (opt_inode)
		w += snprintf(buf, sizeof(buf), "%lu ", (unsigned long)e->st.st_ino);
	return w;
}

/* Columns filled top to bottom; the column count is the most that fit. */
static void
print_columns(const struct listing *l)
{
	int width = terminal_width(), max = 0, cols, rows;

	for (size_t i = 0; i < l->count; i++)
		if (entry_width(&l->entries[i]) > max)
			max = entry_width(&l->entries[i]);
	cols = (width + COLUMN_GAP) / (max + COLUMN_GAP);
	if (cols < 1)
		cols = 1;
	rows = (int)((l->count + cols - 1) / cols);
	for (int r = 0; r < rows; r++) {
		for (int c = 0; c < cols; c++) {
			size_t i = (size_t)c * rows + r;
			if (i >= l->count)
				break;
			const struct entry *e = &l->entries[i];
			if (opt_inode)
				printf("%lu ", (unsigned long)e->st.st_ino);
			print_name(e);
			if (i + rows < l->count)
				printf("%*s", max + COLUMN_GAP - entry_width(e), "");
		}
		putchar('\n');
	}
}

static void
print_listing(struct listing *l)
{
	if (l->count > 1)
		qsort(l->entries, l->count, sizeof(struct entry), compare_entries);
	if (opt_long) {
		print_long(l);
	} else if (opt_one) {
		for (size_t i = 0; i < l->count; i++) {
			if (opt_inode)
				printf("%lu ", (unsigned long)l->entries[i].st.st_ino);
			print_name(&l->entries[i]);
			putchar('\n');
		}
	} else {
		print_columns(l);
	}
}

static int
is_hidden(const char *name)
{
	if (name[0] != '.')
		return 0;
	if (opt_all)
		return 0;
	if (opt_almost_all)
		return strcmp(name, ".") == 0 || strcmp(name, "..") == 0;
	return 1;
}

static void list_directory(const char *path, int header);

/* -R: each directory of a listing in turn (never . or .., never a link). */
static void
list_subdirectories(const char *path, const struct listing *l)
{
	char child[PATH_MAX];

	for (size_t i = 0; i < l->count; i++) {
		const struct entry *e = &l->entries[i];

		if (!S_ISDIR(e->st.st_mode) || strcmp(e->name, ".") == 0 ||
		    strcmp(e->name, "..") == 0)
			continue;
		snprintf(child, sizeof(child), "%s%s%s", path,
		    path[strlen(path) - 1] == '/' ? "" : "/", e->name);
		putchar('\n');
		list_directory(child, 1);
	}
}

/* The "total" line of -l: the space used, in 1 KiB blocks or with -h. */
static void
print_total(const struct listing *l)
{
	unsigned long long blocks = 0;
	char human[HUMAN_SIZE_MAX];

	for (size_t i = 0; i < l->count; i++)
		blocks += l->entries[i].st.st_blocks;
	if (opt_human)
		printf("total %s\n", human_size(blocks * ST_BLOCK_SIZE, human));
	else
		printf("total %llu\n", blocks * ST_BLOCK_SIZE / KIB);
}

static void
list_directory(const char *path, int header)
{
	struct listing l = { NULL, 0, 0 };
	char child[PATH_MAX];
	struct dirent *de;
	DIR *dir = opendir(path);

	if (dir == NULL) {
		fprintf(stderr, "ls: %s: %s\n", path, strerror(errno));
		status = 2;
		return;
	}
	while ((de = readdir(dir)) != NULL) {
		if (is_hidden(de->d_name))
			continue;
		snprintf(child, sizeof(child), "%s/%s", path, de->d_name);
		listing_add(&l, de->d_name, child, 0);
	}
	closedir(dir);
	if (header)
		printf("%s:\n", path);
	if (opt_long)
		print_total(&l);
	print_listing(&l);
	if (opt_recursive)
		list_subdirectories(path, &l);
	listing_free(&l);
}

int
main(int argc, char *argv[])
{
	struct listing files = { NULL, 0, 0 }, dirs = { NULL, 0, 0 };
	int c;

	while ((c = getopt(argc, argv, "1AadFhilRrSt")) != -1) {
		switch (c) {
		case '1': opt_one = 1; opt_long = 0; break;
		case 'A': opt_almost_all = 1; break;
		case 'a': opt_all = 1; break;
		case 'd': opt_dir = 1; break;
		case 'F': opt_classify = 1; break;
		case 'h': opt_human = 1; break;
		case 'i': opt_inode = 1; break;
		case 'l': opt_long = 1; opt_one = 0; break;
		case 'R': opt_recursive = 1; break;
		case 'r': opt_reverse = 1; break;
		case 'S': opt_sort = SORT_SIZE; break;
		case 't': opt_sort = SORT_TIME; break;
		default: usage();
		}
	}
	if (!opt_long && !isatty(STDOUT_FILENO))
		opt_one = 1;
	now = time(NULL);
	if (optind == argc) {
		argv[--optind] = ".";
	}
	/* Operands: plain files are listed together first, then directories. */
	for (int i = optind; i < argc; i++) {
		struct stat st;
		int is_dir = !opt_dir && stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode);
		struct listing *l = is_dir ? &dirs : &files;

		/* Under -l a symlink operand is shown itself, not its target. */
		if (listing_add(l, argv[i], argv[i], !opt_long && !opt_dir && !opt_classify) < 0)
			status = 2;
	}
	if (files.count)
		print_listing(&files);
	if (dirs.count > 1)
		qsort(dirs.entries, dirs.count, sizeof(struct entry), compare_entries);
	for (size_t i = 0; i < dirs.count; i++) {
		if (i > 0 || files.count)
			putchar('\n');
		list_directory(dirs.entries[i].name, argc - optind > 1 || opt_recursive);
	}
	listing_free(&files);
	listing_free(&dirs);
	if (fflush(stdout) != 0)
		return 2;
	return status;
}
