/*
 * sysctl: read and write the kernel's tunables under /proc/sys, as
 * procps's sysctl does.
 *   sysctl [-neqN] NAME...           print "NAME = VALUE" for each
 *   sysctl [-neqN] -a                every readable tunable, sorted
 *   sysctl [-neq] [-w] NAME=VALUE... write VALUE, then print it
 * A NAME uses dots for the slashes of its path (kernel.hostname is
 * /proc/sys/kernel/hostname); slashes are accepted too.  A directory's
 * name prints everything below it.  -n prints values only, -N names
 * only, -e ignores unknown names, -q prints nothing after a write.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define PROC_SYS "/proc/sys/"
#define VALUE_MAX 4096

static int values_only, names_only, ignore_unknown, quiet;

static void
usage(void)
{
	fprintf(stderr, "usage: sysctl [-neqN] [-a | [-w] name[=value] ...]\n");
	exit(1);
}

/* The path of NAME (dots to slashes, up to the first '=' or the end). */
static void
name_to_path(const char *name, size_t len, char *path, size_t size)
{
	size_t n = strlen(PROC_SYS);
	memcpy(path, PROC_SYS, n);
	for (size_t i = 0; i < len && n + 1 < size; i++)
		path[n++] = name[i] == '.' ? '/' : name[i];
	path[n] = '\0';
}

/* The name of a path below /proc/sys: slashes to dots. */
static void
path_to_name(const char *path, char *name, size_t size)
{
	size_t i = 0;
	for (const char *p = path + strlen(PROC_SYS); *p && i + 1 < size; p++)
		name[i++] = *p == '/' ? '.' : *p;
	name[i] = '\0';
}

/* Print VALUE (its lines, each as "name = line"). */
static void
print_value(const char *name, const char *value, size_t len)
{
	size_t start = 0;

	if (names_only) {
		printf("%s\n", name);
		return;
	}
	if (len > 0 && value[len - 1] == '\n')
		len--;
	do {
		const char *nl = memchr(value + start, '\n', len - start);
		size_t end = nl ? (size_t)(nl - value) : len;
		if (values_only)
			printf("%.*s\n", (int)(end - start), value + start);
		else
			printf("%s = %.*s\n", name, (int)(end - start), value + start);
		start = end + 1;
	} while (start < len);
}

static int read_path(const char *path, int walking);

static int
compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every tunable below directory PATH, in name order. */
static int
read_dir(const char *path)
{
	DIR *d = opendir(path);
	struct dirent *de;
	char **names = NULL;
	size_t n = 0, cap = 0;
	int err = 0;

	if (d == NULL) {
		fprintf(stderr, "sysctl: cannot open directory %s: %s\n", path, strerror(errno));
		return 1;
	}
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		if (n == cap) {
			cap = cap ? 2 * cap : 32;
			char **more = realloc(names, cap * sizeof(*names));
			if (more == NULL) {
				fprintf(stderr, "sysctl: %s\n", strerror(errno));
				exit(1);
			}
			names = more;
		}
		names[n] = strdup(de->d_name);
		if (names[n] == NULL) {
			fprintf(stderr, "sysctl: %s\n", strerror(errno));
			exit(1);
		}
		n++;
	}
	closedir(d);
	qsort(names, n, sizeof(*names), compare_names);
	for (size_t i = 0; i < n; i++) {
		char sub[512];
		snprintf(sub, sizeof(sub), "%s/%s", path, names[i]);
		err |= read_path(sub, 1);
		free(names[i]);
	}
	free(names);
	return err;
}

/* Print the tunable (or directory) at PATH.  While walking a directory,
 * files that cannot be read (write-only, or closed to this user) are
 * skipped, as procps does. */
static int
read_path(const char *path, int walking)
{
	char name[512], value[VALUE_MAX];
	struct stat st;
	ssize_t len;
	int fd;

	path_to_name(path, name, sizeof(name));
	if (stat(path, &st) < 0) {
		if (errno == ENOENT && ignore_unknown)
			return 0;
		fprintf(stderr, "sysctl: cannot stat %s: %s\n", path, strerror(errno));
		return 1;
	}
	if (S_ISDIR(st.st_mode))
		return read_dir(path);
	if (walking && !(st.st_mode & (S_IRUSR | S_IRGRP | S_IROTH)))
		return 0;
	fd = open(path, O_RDONLY);
	if (fd < 0 && (errno == EACCES || errno == EPERM)) {
		if (walking)
			return 0;
		fprintf(stderr, "sysctl: permission denied on key '%s'\n", name);
		return 1;
	}
	if (fd < 0 || (len = read(fd, value, sizeof(value))) < 0) {
		fprintf(stderr, "sysctl: reading key \"%s\": %s\n", name, strerror(errno));
		if (fd >= 0)
			close(fd);
		return 1;
	}
	close(fd);
	print_value(name, value, len);
	return 0;
}

/* NAME=VALUE: write VALUE (a newline added, as procps writes it). */
static int
write_setting(const char *arg)
{
	const char *eq = strchr(arg, '=');
	char path[512], name[512], value[VALUE_MAX];
	struct stat st;
	int fd;

	if (eq == NULL || eq == arg) {
		fprintf(stderr, "sysctl: \"%s\" must be of the form name=value\n", arg);
		return 1;
	}
	name_to_path(arg, eq - arg, path, sizeof(path));
	path_to_name(path, name, sizeof(name));
	snprintf(value, sizeof(value), "%s\n", eq + 1);
	if (stat(path, &st) < 0) {
		if (errno == ENOENT && ignore_unknown)
			return 0;
		fprintf(stderr, "sysctl: cannot stat %s: %s\n", path, strerror(errno));
		return 1;
	}
	fd = open(path, O_WRONLY);
	if (fd < 0 && (errno == EACCES || errno == EPERM)) {
		fprintf(stderr, "sysctl: permission denied on key '%s'\n", name);
		return 1;
	}
	if (fd < 0 || write(fd, value, strlen(value)) < 0) {
		if (errno == EACCES || errno == EPERM)
			fprintf(stderr, "sysctl: permission denied on key '%s'\n", name);
		else
			fprintf(stderr, "sysctl: setting key \"%s\": %s\n", name, strerror(errno));
		if (fd >= 0)
			close(fd);
		return 1;
	}
	close(fd);
	if (!quiet)
		print_value(name, value, strlen(value));
	return 0;
}

int
main(int argc, char *argv[])
{
	int all = 0, write_mode = 0, err = 0, c;

	while ((c = getopt(argc, argv, "aAXenNqw")) != -1) {
		switch (c) {
		case 'a': case 'A': case 'X': all = 1; break;
		case 'e': ignore_unknown = 1; break;
		case 'n': values_only = 1; break;
		case 'N': names_only = 1; break;
		case 'q': quiet = 1; break;
		case 'w': write_mode = 1; break;
		default: usage();
		}
	}
	if (all) {
		if (optind < argc || write_mode)
			usage();
		err = read_dir("/proc/sys");
		return fflush(stdout) != 0 || err;
	}
	if (optind == argc) {
		fprintf(stderr, "sysctl: no variables specified\n");
		usage();
	}
	for (; optind < argc; optind++) {
		const char *arg = argv[optind];
		if (write_mode || strchr(arg, '=')) {
			err |= write_setting(arg);
		} else {
			char path[512];
			name_to_path(arg, strlen(arg), path, sizeof(path));
			err |= read_path(path, 0);
		}
	}
	return fflush(stdout) != 0 || err;
}
