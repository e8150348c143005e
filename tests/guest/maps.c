/*
 * maps.c - /proc/PID/maps in Linux's format: one line per mapping in
 * address order, "start-end perms offset major:minor inode", then, padded
 * to column 73, the name: a file's absolute path, [heap], [stack] or
 * [vdso]; an anonymous mapping ends with "0 " and no name.  Each line is
 * checked against what the test itself mapped (a file at an offset, with
 * the device and inode stat gives; an anonymous page; mprotect's change),
 * against its own text (the program's path, /proc/self/exe) and its
 * stack, heap and vDSO; task/TID/maps is the same file; another user's
 * maps cannot be opened (EACCES), as Linux's ptrace read rule says.
 * Runs on the Linux host too (the oracle) and as a static glibc program.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <limits.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <stdint.h>
#include "t.h"

#define MAPS_MAX	65536
#define NAME_COLUMN	73	/* where Linux starts a name: 25 + 6 * 8 padded, plus a space */
#define NOBODY		65534
#define PAGE		4096

/* One line of maps, parsed. */
struct map {
	unsigned long start, end, off, ino;
	char perms[5];
	unsigned int major, minor;
	const char *name;	/* "" when there is none */
	int name_col;		/* the column the name starts at */
	int trailing_space;	/* a nameless line ends in "0 ", as Linux's */
};

static char maps[MAPS_MAX];

/* The whole of path into maps; its length or -1 with errno. */
static long slurp(const char *path)
{
	int fd = open(path, O_RDONLY);
	long len = 0, n;
	if (fd < 0)
		return -1;
	while (len < MAPS_MAX - 1 && (n = read(fd, maps + len, MAPS_MAX - 1 - len)) > 0)
		len += n;
	close(fd);
	maps[len] = 0;
	return len;
}

/* Parse line (NUL-terminated, no newline) into m: 0, or -1 when it does
 * not have Linux's shape. */
static int parse(char *line, struct map *m)
{
	int n = 0;
	if (sscanf(line, "%lx-%lx %4s %lx %x:%x %lu %n", &m->start, &m->end, m->perms, &m->off,
		   &m->major, &m->minor, &m->ino, &n) != 7 || n == 0)
		return -1;
	m->name = line + n;
	m->name_col = *m->name ? n : 0;
	m->trailing_space = !*m->name && line[n - 1] == ' ' && line[n - 2] != ' ';
	const char *p = m->perms;
	if (strlen(p) != 4 || (p[0] != 'r' && p[0] != '-') || (p[1] != 'w' && p[1] != '-') ||
	    (p[2] != 'x' && p[2] != '-') || (p[3] != 'p' && p[3] != 's'))
		return -1;
	return m->start < m->end ? 0 : -1;
}

/* Walk the lines of maps: the line containing addr (copied into *out),
 * or, with addr 0, the first whose name is name.  1 when found. */
static int find(unsigned long addr, const char *name, struct map *out, char *copy, size_t size)
{
	for (char *line = maps; *line;) {
		char *nl = strchr(line, '\n');
		size_t len = nl ? (size_t)(nl - line) : strlen(line);
		if (len < size) {
			memcpy(copy, line, len);
			copy[len] = 0;
			if (parse(copy, out) == 0 &&
			    (addr ? addr >= out->start && addr < out->end : strcmp(out->name, name) == 0))
				return 1;
		}
		line += len + (nl != NULL);
	}
	return 0;
}

static void test_shape(void)
{
	char copy[512];
	struct map m;
	unsigned long last_end = 0;
	int lines = 0, bad = 0, order = 0, col = 0, anon_space = 0;
	for (char *line = maps; *line;) {
		char *nl = strchr(line, '\n');
		size_t len = nl ? (size_t)(nl - line) : strlen(line);
		if (!nl || len >= sizeof(copy)) {
			bad++;
			break;
		}
		memcpy(copy, line, len);
		copy[len] = 0;
		if (parse(copy, &m) != 0) {
			bad++;
			t_print("bad line: %s", copy);
		} else {
			order += m.start < last_end;
			col += m.name_col && m.name_col != NAME_COLUMN;
			anon_space += !*m.name && !m.trailing_space;
			last_end = m.end;
		}
		lines++;
		line += len + 1;
	}
	check("maps-lines", lines >= 4 && bad == 0, "%d lines, %d malformed", lines, bad);
	check("maps-ordered", order == 0, "%d lines start below the end of the one before", order);
	check("maps-name-column", col == 0, "%d names not at column %d", col, NAME_COLUMN);
	check("maps-anon-ends-in-space", anon_space == 0, "%d nameless lines", anon_space);
}

static void test_named(void)
{
	char copy[512], exe[PATH_MAX];
	struct map m;
	int local;
	check("maps-stack", find((unsigned long)(uintptr_t)&local, NULL, &m, copy, sizeof(copy)) &&
	      strcmp(m.name, "[stack]") == 0 && strcmp(m.perms, "rw-p") == 0, "%s", copy);
	void *brk_end = sbrk(0);
	check("maps-heap", find((unsigned long)(uintptr_t)brk_end - 1, NULL, &m, copy, sizeof(copy)) &&
	      strcmp(m.name, "[heap]") == 0 && strcmp(m.perms, "rw-p") == 0 &&
	      m.ino == 0 && m.off == 0, "%s", copy);
	check("maps-vdso", find(0, "[vdso]", &m, copy, sizeof(copy)) && m.perms[0] == 'r' &&
	      m.perms[2] == 'x' && m.ino == 0, "no [vdso] line");
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	exe[n > 0 ? n : 0] = 0;
	struct stat st;
	check("maps-text", n > 0 && stat(exe, &st) == 0 &&
	      find((unsigned long)(uintptr_t)test_named, NULL, &m, copy, sizeof(copy)) &&
	      strcmp(m.name, exe) == 0 && strcmp(m.perms, "r-xp") == 0 && m.ino == st.st_ino &&
	      makedev(m.major, m.minor) == st.st_dev, "%s (exe %s)", copy, exe);
}

static void test_mappings(void)
{
	char copy[512], path[PATH_MAX];
	struct map m;
	snprintf(path, sizeof(path), "%s", t_path(T_TMP, "maps-file"));
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	struct stat st;
	if (!check("maps-file-setup", fd >= 0 && ftruncate(fd, 3 * PAGE) == 0 && fstat(fd, &st) == 0,
		   "%s: %s", path, strerror(errno)))
		return;
	char *f = mmap(NULL, PAGE, PROT_READ, MAP_SHARED, fd, PAGE);
	char *a = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	close(fd);
	if (!check("maps-mmap", f != MAP_FAILED && a != MAP_FAILED, "%s", strerror(errno)))
		return;
	char real[PATH_MAX];
	if (!realpath(path, real))
		snprintf(real, sizeof(real), "%s", path);
	slurp("/proc/self/maps");
	check("maps-file-line", find((unsigned long)(uintptr_t)f, NULL, &m, copy, sizeof(copy)) &&
	      m.start == (unsigned long)(uintptr_t)f && m.end == m.start + PAGE &&
	      strcmp(m.perms, "r--s") == 0 && m.off == PAGE && m.ino == st.st_ino &&
	      makedev(m.major, m.minor) == st.st_dev && strcmp(m.name, real) == 0,
	      "%s (want %s, inode %lu)", copy, real, (unsigned long)st.st_ino);
	check("maps-anon-line", find((unsigned long)(uintptr_t)a, NULL, &m, copy, sizeof(copy)) &&
	      strcmp(m.perms, "rw-p") == 0 && m.off == 0 && m.major == 0 && m.minor == 0 &&
	      m.ino == 0 && !*m.name && m.trailing_space, "%s", copy);
	/* mprotect on one page splits the mapping. */
	mprotect(a + PAGE, PAGE, PROT_READ);
	slurp("/proc/self/maps");
	check("maps-mprotect", find((unsigned long)(uintptr_t)a + PAGE, NULL, &m, copy, sizeof(copy)) &&
	      strcmp(m.perms, "r--p") == 0 && m.start == (unsigned long)(uintptr_t)a + PAGE, "%s", copy);
	/* Removed, the file is shown as Linux shows it: " (deleted)". */
	unlink(path);
	slurp("/proc/self/maps");
	char want[PATH_MAX + 16];
	snprintf(want, sizeof(want), "%s (deleted)", real);
	check("maps-file-deleted", find((unsigned long)(uintptr_t)f, NULL, &m, copy, sizeof(copy)) &&
	      strcmp(m.name, want) == 0, "%s", copy);
	munmap(f, PAGE);
	munmap(a, 2 * PAGE);
	slurp("/proc/self/maps");
	check("maps-munmap", !find((unsigned long)(uintptr_t)f, NULL, &m, copy, sizeof(copy)) &&
	      !find((unsigned long)(uintptr_t)a, NULL, &m, copy, sizeof(copy)), "%s", copy);
}

/* task/TID/maps is the process's; read twice in a row they are alike. */
static void test_task(void)
{
	static char first[MAPS_MAX];
	char path[64];
	snprintf(path, sizeof(path), "/proc/self/task/%ld/maps", (long)syscall(SYS_gettid));
	long n = slurp(path);
	memcpy(first, maps, n > 0 ? n + 1 : 1);
	long m = slurp("/proc/self/maps");
	check("maps-task", n > 0 && n == m && memcmp(first, maps, n) == 0, "%ld and %ld bytes", n, m);
}

/* As Linux: another user may not open our maps; we may open our own. */
static void test_access(void)
{
	if (geteuid() != 0) {
		check_say("SKIP maps-other-user-eacces: not root");
		return;
	}
	char path[64];
	snprintf(path, sizeof(path), "/proc/%d/maps", (int)getpid());
	pid_t pid = fork();
	if (pid == 0) {
		if (setgid(NOBODY) || setuid(NOBODY))
			_exit(2);
		int fd = open(path, O_RDONLY);
		if (fd >= 0 || errno != EACCES)
			_exit(3);
		_exit(open("/proc/self/maps", O_RDONLY) >= 0 ? 0 : 4);
	}
	int status;
	check("maps-other-user-eacces", waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
	      WEXITSTATUS(status) == 0, "child status %#x", status);
}

int main(void)
{
	sbrk(4 * PAGE);	/* a heap to see */
	if (!check("maps-open", slurp("/proc/self/maps") > 0, "%s", strerror(errno)))
		return 0;
	test_shape();
	test_named();
	test_mappings();
	test_task();
	test_access();
	return 0;
}
