/*
 * mapped.c - file pages shared by their mappings (the page cache): a
 * private mapping sees what write() puts in the file until it writes the
 * page itself, its own writes stay its own (and out of the file, and out of
 * other processes' mappings), truncate and rewrite are seen by the next
 * mapping and the next exec, and pages nobody maps give way when memory
 * runs short.  Each case runs on ext2 (T_DISK) and on tmpfs (T_TMP).
 */
#include <time.h>
#include "t.h"
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>

#define PG 4096

static char path[256];

static int make_file(const char *dir, const char *name, int pages)
{
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
	if (fd < 0)
		return -1;
	char buf[PG];
	for (int i = 0; i < pages; i++) {
		memset(buf, 'a' + i % 26, sizeof(buf));
		if (write(fd, buf, sizeof(buf)) != PG) {
			close(fd);
			return -1;
		}
	}
	return fd;
}

static void cases(const char *dir, const char *fs)
{
	char name[64];
	int fd = make_file(dir, "mapped-1", 3);
	if (fd < 0) {
		check(fs, 0, "cannot make %s: %s", path, strerror(errno));
		return;
	}
	char *ro = mmap(0, 3 * PG, PROT_READ, MAP_PRIVATE, fd, 0);
	char *rw = mmap(0, 3 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	if (ro == MAP_FAILED || rw == MAP_FAILED) {
		check(fs, 0, "mmap: %s", strerror(errno));
		close(fd);
		return;
	}
	snprintf(name, sizeof(name), "%s-map-reads-file", fs);
	check(name, ro[0] == 'a' && ro[PG] == 'b' && rw[2 * PG + 7] == 'c',
	      "read %c %c %c", ro[0], ro[PG], rw[2 * PG + 7]);

	/* write() into the file: both mappings see it (nobody wrote the page). */
	(void)!pwrite(fd, "XYZ", 3, PG + 10);
	snprintf(name, sizeof(name), "%s-map-sees-write", fs);
	check(name, !memcmp(ro + PG + 10, "XYZ", 3) && !memcmp(rw + PG + 10, "XYZ", 3),
	      "mappings read %.3s and %.3s", ro + PG + 10, rw + PG + 10);

	/* A private write stays in that mapping. */
	rw[PG + 10] = 'Q';
	char b[4] = "";
	(void)!pread(fd, b, 3, PG + 10);
	snprintf(name, sizeof(name), "%s-private-write-own", fs);
	check(name, rw[PG + 10] == 'Q' && ro[PG + 10] == 'X' && b[0] == 'X',
	      "rw %c, ro %c, file %c", rw[PG + 10], ro[PG + 10], b[0]);

	/* ... and once written the page no longer follows the file. */
	(void)!pwrite(fd, "M", 1, PG + 11);
	snprintf(name, sizeof(name), "%s-private-page-detached", fs);
	check(name, rw[PG + 11] == 'Y' && ro[PG + 11] == 'M', "rw %c, ro %c",
	      rw[PG + 11], ro[PG + 11]);

	/* A child's private write is not the parent's, nor another mapping's. */
	pid_t pid = fork();
	if (pid == 0) {
		rw[2 * PG] = 'C';
		char *again = mmap(0, PG, PROT_READ, MAP_PRIVATE, fd, 2 * PG);
		_exit(again != MAP_FAILED && again[0] == 'c' && rw[2 * PG] == 'C' ? 0 : 1);
	}
	int st = -1;
	waitpid(pid, &st, 0);
	snprintf(name, sizeof(name), "%s-child-write-own", fs);
	check(name, WIFEXITED(st) && WEXITSTATUS(st) == 0 && rw[2 * PG] == 'c' &&
	      ro[2 * PG] == 'c', "child status %#x, parent sees %c", st, rw[2 * PG]);
	munmap(ro, 3 * PG);
	munmap(rw, 3 * PG);

	/* Truncate and write again: a new mapping reads the new contents. */
	if (ftruncate(fd, 0) == 0) {
		(void)!pwrite(fd, "new", 3, 0);
		char *m = mmap(0, PG, PROT_READ, MAP_PRIVATE, fd, 0);
		snprintf(name, sizeof(name), "%s-truncate-rewrite", fs);
		check(name, m != MAP_FAILED && !memcmp(m, "new", 3) && m[3] == 0 && m[PG - 1] == 0,
		      "reads %.3s", m == MAP_FAILED ? "(failed)" : m);
		if (m != MAP_FAILED)
			munmap(m, PG);
	}
	close(fd);
	unlink(path);
}

/* Copy from to to with open(O_TRUNC) and write, as cp does. */
static int copy(const char *from, const char *to)
{
	int in = open(from, O_RDONLY), out = open(to, O_WRONLY | O_CREAT | O_TRUNC, 0755);
	char buf[8192];
	ssize_t n;
	int ok = in >= 0 && out >= 0;
	while (ok && (n = read(in, buf, sizeof(buf))) > 0)
		ok = write(out, buf, n) == n;
	if (in >= 0)
		close(in);
	if (out >= 0)
		close(out);
	return ok ? 0 : -1;
}

static int run(const char *prog)
{
	pid_t pid = fork();
	if (pid == 0) {
		execl(prog, prog, (char *)NULL);
		_exit(127);
	}
	int st = -1;
	waitpid(pid, &st, 0);
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

/* A program file rewritten in place: the next exec runs the new program. */
static void rewritten_program(const char *dir, const char *fs)
{
	char name[64];
	snprintf(path, sizeof(path), "%s/mapped-prog", dir);
	int a = copy("/bin/true", path) ? -1 : run(path);
	int b = copy("/bin/false", path) ? -1 : run(path);
	int c = copy("/bin/true", path) ? -1 : run(path);
	snprintf(name, sizeof(name), "%s-exec-after-rewrite", fs);
	check(name, a == 0 && b == 1 && c == 0, "true %d, false %d, true %d", a, b, c);
	unlink(path);
}

static long meminfo(const char *key)
{
	FILE *f = fopen("/proc/meminfo", "r");
	char line[128];
	long v = -1;
	size_t n = strlen(key);
	while (f && fgets(line, sizeof(line), f))
		if (!strncmp(line, key, n) && line[n] == ':')
			v = atol(line + n + 1);
	if (f)
		fclose(f);
	return v;
}

/* Pages that only the cache holds give way to a program that needs them. */
static void pressure(void)
{
	const int pages = 2048;		/* 8 MiB */
	int fd = make_file(T_DISK, "mapped-big", pages);
	if (fd < 0) {
		check("cache-pressure", 0, "cannot make %s: %s", path, strerror(errno));
		return;
	}
	volatile char *m = mmap(0, (size_t)pages * PG, PROT_READ, MAP_PRIVATE, fd, 0);
	unsigned sum = 0;
	for (int i = 0; m != MAP_FAILED && i < pages; i++)
		sum += m[(size_t)i * PG];
	if (m != MAP_FAILED)
		munmap((void *)m, (size_t)pages * PG);
	close(fd);
	long total = meminfo("MemTotal"), free_kb = meminfo("MemFree");
	long avail = meminfo("MemAvailable"), cached = meminfo("Cached");
	check("cache-counted", cached >= pages * 4 && avail - free_kb >= pages * 4,
	      "Cached %ld kB, MemAvailable %ld kB, MemFree %ld kB (sum %u)", cached, avail,
	      free_kb, sum);
	if (total <= 0 || total > 1024 * 1024) {
		unlink(path);
		return;		/* a big machine (a host run): not a place to fill */
	}
	/* Ask for 4 MiB more than is free: only the cache can give it. */
	size_t want = (size_t)(free_kb + 4096) * 1024;
	pid_t pid = fork();
	if (pid == 0) {
		char *p = mmap(0, want, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (p == MAP_FAILED)
			_exit(2);
		for (size_t off = 0; off < want; off += PG)
			p[off] = 1;
		_exit(0);
	}
	int st = -1;
	waitpid(pid, &st, 0);
	check("cache-gives-way", WIFEXITED(st) && WEXITSTATUS(st) == 0,
	      "child touching %zu kB (free %ld kB) ended with status %#x", want / 1024, free_kb, st);
	long after = meminfo("Cached");
	check("cache-shrunk", after >= 0 && after < cached, "Cached %ld kB, was %ld kB", after, cached);
	unlink(path);
}

/* Shared anonymous memory is shared with a child even where nobody had
 * touched it before the fork. */
static void shared_anonymous(void)
{
	volatile int *p = mmap(0, 2 * PG, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED) {
		check("shared-anon-after-fork", 0, "mmap: %s", strerror(errno));
		return;
	}
	pid_t pid = fork();
	if (pid == 0) {
		p[0] = 42;
		p[PG / sizeof(int)] = 43;
		_exit(0);
	}
	int st;
	waitpid(pid, &st, 0);
	check("shared-anon-after-fork", p[0] == 42 && p[PG / sizeof(int)] == 43,
	      "parent reads %d and %d", p[0], p[PG / sizeof(int)]);
	munmap((void *)p, 2 * PG);
}

/* Touch every page of a fresh anonymous mapping of len bytes. */
static int touch(size_t len)
{
	char *p = mmap(0, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return -1;
	for (size_t off = 0; off < len; off += PG)
		p[off] = 1;
	return 0;
}

/* Clean blocks in the block cache give way too. */
static void buffers_give_way(void)
{
	long total = meminfo("MemTotal");
	if (total <= 0 || total > 1024 * 1024)
		return;		/* a big machine (a host run) */
	const int pages = 24 * 256;	/* 24 MiB */
	int fd = make_file(T_DISK, "mapped-buffers", pages);
	if (fd < 0 || fsync(fd)) {
		check("buffers-give-way", 0, "cannot make %s: %s", path, strerror(errno));
		return;
	}
	close(fd);
	long free_kb = meminfo("MemFree"), buffers = meminfo("Buffers");
	size_t want = (size_t)(free_kb + 8192) * 1024;
	pid_t pid = fork();
	if (pid == 0)
		_exit(touch(want) == 0 ? 0 : 1);
	int st = -1;
	waitpid(pid, &st, 0);
	check("buffers-give-way", buffers >= 16 * 1024 && WIFEXITED(st) && WEXITSTATUS(st) == 0,
	      "Buffers %ld kB, MemFree %ld kB, child touching %zu kB: status %#x", buffers,
	      free_kb, want / 1024, st);
	unlink(path);
}

/* Out of memory: the biggest process is killed (as Linux's OOM killer
 * does), not the one that happened to fault last. */
#define OOM_EXIT_WAIT_MS	30000

static void out_of_memory(void)
{
	long total = meminfo("MemTotal"), avail = meminfo("MemAvailable");
	if (total <= 0 || total > 1024 * 1024)
		return;		/* a big machine (a host run): not a place to fill */
	int ready[2];
	if (pipe(ready))
		return;
	pid_t hog = fork();
	if (hog == 0) {
		close(ready[0]);
		if (touch((size_t)(avail - 16 * 1024) * 1024) == 0)
			(void)!write(ready[1], "r", 1);
		for (;;)
			pause();
	}
	close(ready[1]);
	char c;
	time_t t0 = time(NULL);
	int got = read(ready[0], &c, 1);
	time_t t1 = time(NULL);
	pid_t grower = fork();
	if (grower == 0)
		_exit(touch(48ul << 20) == 0 ? 0 : 1);
	int gst = -1, hst = -1;
	waitpid(grower, &gst, 0);
	/* For a reader of the log only: where a slow run spent its time. */
	t_print("mapped: the hog filled %ld MiB in %ld s, the grower ended %ld s later",
		(avail - 16 * 1024) / 1024, (long)(t1 - t0), (long)(time(NULL) - t1));
	/* The hog must be dying already: the grower could not finish without
	 * its memory.  Its memory goes before it becomes a zombie, so wait
	 * for the end of the pipe it holds (closed as it exits); the limit
	 * only stops a hog that was never killed. */
	struct pollfd pfd = { .fd = ready[0], .events = POLLIN };
	int dying = poll(&pfd, 1, OOM_EXIT_WAIT_MS) == 1 && read(ready[0], &c, 1) == 0;
	close(ready[0]);
	if (!dying)
		kill(hog, SIGKILL);
	pid_t gone = waitpid(hog, &hst, 0);
	if (!dying)
		hst = -1;
	check("oom-biggest-killed", got == 1 && gone == hog && WIFSIGNALED(hst) &&
	      WTERMSIG(hst) == SIGKILL &&
	      WIFEXITED(gst) && WEXITSTATUS(gst) == 0,
	      "hog ready %d, status %#x; grower status %#x", got, hst, gst);
}

int main(void)
{
	shared_anonymous();
	cases(T_DISK, "ext2");
	cases(T_TMP, "tmpfs");
	rewritten_program(T_DISK, "ext2");
	rewritten_program(T_TMP, "tmpfs");
	pressure();
	buffers_give_way();
	out_of_memory();
	return 0;
}
