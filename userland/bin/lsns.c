/*
 * lsns: list the namespaces the visible processes are in, as util-linux's
 * default output: one line per namespace, sorted by its inode number,
 *   NS TYPE NPROCS PID USER COMMAND
 * NS is the number in the /proc/PID/ns/TYPE link ("mnt:[4026531832]"),
 * NPROCS the processes in it, PID the lowest of them, USER that process's
 * owner and COMMAND its command line (its name for kernel threads).
 * The *_for_children links name what children will get, and are skipped.
 * A process whose links cannot be read (another user's) is not counted.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define PROC "/proc"
#define PATH_LEN 64
#define NAME_LEN 256	/* d_name's size on Linux */
#define TYPE_MAX 16
#define LINK_MAX_LEN 64
#define CMDLINE_MAX 4096
#define CHILDREN_SUFFIX "_for_children"

struct ns_entry {
	unsigned long long ino;
	char type[TYPE_MAX];
	int nprocs;
	int pid;	/* the lowest pid seen in it */
};

static struct ns_entry *entries;
static size_t nentries, capacity;

static void
usage(void)
{
	fprintf(stderr, "usage: lsns\n");
	exit(1);
}

static struct ns_entry *
entry_for(unsigned long long ino, const char *type)
{
	for (size_t i = 0; i < nentries; i++)
		if (entries[i].ino == ino)
			return &entries[i];
	if (nentries == capacity) {
		capacity = capacity ? capacity * 2 : 64;
		entries = realloc(entries, capacity * sizeof(*entries));
		if (entries == NULL) {
			fprintf(stderr, "lsns: %s\n", strerror(errno));
			exit(1);
		}
	}
	struct ns_entry *e = &entries[nentries++];
	e->ino = ino;
	snprintf(e->type, sizeof(e->type), "%s", type);
	e->nprocs = 0;
	e->pid = 0;
	return e;
}

/* Count pid in the namespace its link "TYPE:[INODE]" names. */
static void
count_link(int pid, const char *link)
{
	char type[TYPE_MAX];
	unsigned long long ino;
	struct ns_entry *e;

	if (sscanf(link, "%15[^:]:[%llu]", type, &ino) != 2)
		return;
	e = entry_for(ino, type);
	e->nprocs++;
	if (e->pid == 0 || pid < e->pid)
		e->pid = pid;
}

static int
ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcmp(s + n - m, suffix) == 0;
}

static void
scan_process(int pid)
{
	char dirpath[PATH_LEN], path[PATH_LEN + NAME_LEN + 1], link[LINK_MAX_LEN];
	struct dirent *de;
	DIR *dir;
	ssize_t n;

	snprintf(dirpath, sizeof(dirpath), PROC "/%d/ns", pid);
	dir = opendir(dirpath);
	if (dir == NULL)
		return;	/* gone, or not ours to see */
	while ((de = readdir(dir)) != NULL) {
		if (de->d_name[0] == '.' || ends_with(de->d_name, CHILDREN_SUFFIX))
			continue;
		snprintf(path, sizeof(path), "%s/%s", dirpath, de->d_name);
		n = readlink(path, link, sizeof(link) - 1);
		if (n < 0)
			continue;
		link[n] = '\0';
		count_link(pid, link);
	}
	closedir(dir);
}

/* The command line with spaces for NULs, or the name for kernel threads. */
static void
command_of(int pid, char *buf, size_t size)
{
	char path[PATH_LEN];
	ssize_t n = -1;
	int fd;

	snprintf(path, sizeof(path), PROC "/%d/cmdline", pid);
	if ((fd = open(path, O_RDONLY)) >= 0) {
		n = read(fd, buf, size - 1);
		close(fd);
	}
	if (n <= 0) {
		snprintf(path, sizeof(path), PROC "/%d/comm", pid);
		n = -1;
		if ((fd = open(path, O_RDONLY)) >= 0) {
			n = read(fd, buf, size - 1);
			close(fd);
		}
	}
	if (n < 0)
		n = 0;
	buf[n] = '\0';
	while (n > 0 && (buf[n - 1] == '\0' || buf[n - 1] == '\n' || buf[n - 1] == ' '))
		buf[--n] = '\0';
	for (ssize_t i = 0; i < n; i++)
		if (buf[i] == '\0')
			buf[i] = ' ';
}

static const char *
owner_of(int pid)
{
	static char number[16];
	char path[PATH_LEN];
	struct passwd *pw;
	struct stat st;

	snprintf(path, sizeof(path), PROC "/%d", pid);
	if (stat(path, &st) < 0)
		return "?";
	if ((pw = getpwuid(st.st_uid)) != NULL)
		return pw->pw_name;
	snprintf(number, sizeof(number), "%u", (unsigned)st.st_uid);
	return number;
}

static int
by_inode(const void *a, const void *b)
{
	const struct ns_entry *x = a, *y = b;

	return x->ino < y->ino ? -1 : x->ino > y->ino;
}

static int
digits(long long v)
{
	int n = 1;

	while (v >= 10) {
		v /= 10;
		n++;
	}
	return n;
}

/* Columns as wide as their widest value, as util-linux lays them out. */
static void
print_table(void)
{
	int w_ns = 2, w_type = 4, w_nprocs = 6, w_pid = 3, w_user = 4;
	char cmd[CMDLINE_MAX];

	for (size_t i = 0; i < nentries; i++) {
		const struct ns_entry *e = &entries[i];
		int len = strlen(owner_of(e->pid));
		if (digits(e->ino) > w_ns) w_ns = digits(e->ino);
		if ((int)strlen(e->type) > w_type) w_type = strlen(e->type);
		if (digits(e->nprocs) > w_nprocs) w_nprocs = digits(e->nprocs);
		if (digits(e->pid) > w_pid) w_pid = digits(e->pid);
		if (len > w_user) w_user = len;
	}
	printf("%*s %-*s %*s %*s %-*s COMMAND\n", w_ns, "NS", w_type, "TYPE",
	    w_nprocs, "NPROCS", w_pid, "PID", w_user, "USER");
	for (size_t i = 0; i < nentries; i++) {
		const struct ns_entry *e = &entries[i];
		command_of(e->pid, cmd, sizeof(cmd));
		printf("%*llu %-*s %*d %*d %-*s %s\n", w_ns, e->ino, w_type, e->type,
		    w_nprocs, e->nprocs, w_pid, e->pid, w_user, owner_of(e->pid), cmd);
	}
}

int
main(int argc, char *argv[])
{
	struct dirent *de;
	DIR *proc;

	if (getopt(argc, argv, "") != -1 || optind < argc)
		usage();
	proc = opendir(PROC);
	if (proc == NULL) {
		fprintf(stderr, "lsns: %s: %s\n", PROC, strerror(errno));
		return 1;
	}
	while ((de = readdir(proc)) != NULL)
		if (isdigit((unsigned char)de->d_name[0]))
			scan_process(atoi(de->d_name));
	closedir(proc);
	if (nentries == 0) {
		fprintf(stderr, "lsns: %s/*/ns: no namespace could be read\n", PROC);
		return 1;
	}
	qsort(entries, nentries, sizeof(*entries), by_inode);
	print_table();
	free(entries);
	return fflush(stdout) != 0;
}
