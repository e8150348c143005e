/*
 * du: estimate the space files use, from st_blocks (512-byte units).
 *   du [-achks] [file ...]
 * Every directory is shown with the total of what lies under it, in
 * 1 KiB blocks (-k, the default) or as 1.5K, 20M (-h); -a shows files
 * too, -s only each operand's total, -c adds a "total" line.  Symbolic
 * links are not followed, a file with several hard links counts once,
 * and entries are visited in name order so the output is repeatable.
 */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "human.h"

#define ST_BLOCK_SIZE 512ULL	/* the unit of st_blocks */
#define KIB 1024ULL

static int opt_all, opt_human, opt_summary, opt_total;
static int status;

/* Files with more than one link already counted, by device and inode. */
static struct file_id {
	dev_t dev;
	ino_t ino;
} *seen;
static size_t nseen, seen_capacity;

static void
usage(void)
{
	fprintf(stderr, "usage: du [-achks] [file ...]\n");
	exit(1);
}

static void *
xrealloc(void *p, size_t size)
{
	p = realloc(p, size);
	if (p == NULL) {
		fprintf(stderr, "du: %s\n", strerror(errno));
		exit(1);
	}
	return p;
}

static void
warn_path(const char *path)
{
	fprintf(stderr, "du: %s: %s\n", path, strerror(errno));
	status = 1;
}

/* Whether st is a hard link already counted (and remember it if not). */
static int
counted_before(const struct stat *st)
{
	if (S_ISDIR(st->st_mode) || st->st_nlink < 2)
		return 0;
	for (size_t i = 0; i < nseen; i++)
		if (seen[i].dev == st->st_dev && seen[i].ino == st->st_ino)
			return 1;
	if (nseen == seen_capacity) {
		seen_capacity = seen_capacity ? seen_capacity * 2 : 64;
		seen = xrealloc(seen, seen_capacity * sizeof(*seen));
	}
	seen[nseen].dev = st->st_dev;
	seen[nseen].ino = st->st_ino;
	nseen++;
	return 0;
}

static void
print_size(unsigned long long blocks, const char *path)
{
	char buf[HUMAN_SIZE_MAX];
	unsigned long long bytes = blocks * ST_BLOCK_SIZE;

	if (opt_human)
		printf("%s\t%s\n", human_size(bytes, buf), path);
	else
		printf("%llu\t%s\n", (bytes + KIB - 1) / KIB, path);
}

static int
compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names in directory path but . and .., sorted; NULL if unreadable. */
static char **
read_names(const char *path, size_t *count)
{
	DIR *dir = opendir(path);
	struct dirent *de;
	char **names = NULL;
	size_t n = 0, cap = 0;

	if (dir == NULL)
		return NULL;
	while ((de = readdir(dir)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 32;
			names = xrealloc(names, cap * sizeof(*names));
		}
		names[n] = xrealloc(NULL, strlen(de->d_name) + 1);
		strcpy(names[n++], de->d_name);
	}
	closedir(dir);
	if (n > 1)
		qsort(names, n, sizeof(*names), compare_names);
	*count = n;
	return names ? names : xrealloc(NULL, sizeof(*names));
}

static unsigned long long walk(const char *path, int depth);

static unsigned long long
walk_directory(const char *path, int depth)
{
	char child[PATH_MAX];
	unsigned long long blocks = 0;
	size_t count = 0;
	char **names = read_names(path, &count);

	if (names == NULL) {
		warn_path(path);
		return 0;
	}
	for (size_t i = 0; i < count; i++) {
		const char *sep = path[strlen(path) - 1] == '/' ? "" : "/";
		if (snprintf(child, sizeof(child), "%s%s%s", path, sep, names[i]) >= PATH_MAX) {
			errno = ENAMETOOLONG;
			warn_path(child);
		} else {
			blocks += walk(child, depth + 1);
		}
		free(names[i]);
	}
	free(names);
	return blocks;
}

/* The blocks under path, printing what the options ask for. */
static unsigned long long
walk(const char *path, int depth)
{
	unsigned long long blocks;
	struct stat st;

	if (lstat(path, &st) < 0) {
		warn_path(path);
		return 0;
	}
	if (counted_before(&st))
		return 0;
	blocks = st.st_blocks;
	if (S_ISDIR(st.st_mode))
		blocks += walk_directory(path, depth);
	if (depth == 0 || (!opt_summary && (opt_all || S_ISDIR(st.st_mode))))
		print_size(blocks, path);
	return blocks;
}

int
main(int argc, char *argv[])
{
	unsigned long long total = 0;
	int c;

	while ((c = getopt(argc, argv, "achks")) != -1) {
		switch (c) {
		case 'a': opt_all = 1; break;
		case 'c': opt_total = 1; break;
		case 'h': opt_human = 1; break;
		case 'k': opt_human = 0; break;
		case 's': opt_summary = 1; break;
		default: usage();
		}
	}
	if (opt_all && opt_summary) {
		fprintf(stderr, "du: -a and -s cannot be used together\n");
		usage();
	}
	if (optind == argc)
		argv[--optind] = ".";
	for (int i = optind; i < argc; i++)
		total += walk(argv[i], 0);
	if (opt_total)
		print_size(total, "total");
	return fflush(stdout) != 0 ? 1 : status;
}
