/*
 * memcg.c - the cgroup v2 memory controller: memory.current grows by the
 * pages a process of the group touches and falls when it exits, and
 * memory.peak remembers; what a process charged stays with its group
 * when it moves and what it touches next goes to the new one; a hog in a group with memory.max 8M is killed
 * (SIGKILL) by the group's OOM killer, memory.events counts it and the
 * kernel log names it, while the test outside lives on; a group reading
 * a file through mappings past its limit reclaims its page cache instead
 * of being killed, also the cache a removed child group left; a parent's limit applies to its child group;
 * memory.oom.group kills the whole group; memory.max written below the
 * usage kills; memory.high counts "high" without killing; the values are
 * parsed as Linux's memparse (K/M/G, "max", rounded down to pages) and bad
 * ones give EINVAL; the <cgroup.h> example (1 MiB limit, a 2 MiB
 * allocation fails or is killed); and memory.min and memory.low protect
 * a group's page cache from reclaim at its parent's limit (see
 * test_protect_cache).
 *
 * "memcg hog" only touches memory until it is killed (isolate-memcg.sh).
 *
 * Run as root.  On a host whose cgroup2 cannot make a memory group (v1,
 * or no delegation) it says so and checks nothing.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <sys/klog.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include "cgroup.h"
#include "t.h"

#define G		CGROUP_MOUNT "/t-memcg"
#define MIB		(1024 * 1024L)
#define PAGE		4096L
#define POLL_TRIES	1000	/* waits of 10 ms for a condition */

#include "cgtest.h"

static const char *cg(const char *name)
{
	return t_path(G, name);
}

static long num(const char *file)
{
	return atol(rd(file));
}

/* The value of key in a "key value" file (memory.events, memory.stat). */
static long key(const char *file, const char *k)
{
	const char *text = rd(file);
	size_t n = strlen(k);
	for (const char *p = text; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL)
		if (!strncmp(p, k, n) && p[n] == ' ')
			return atol(p + n + 1);
	return -1;
}

static void pause_10ms(void)
{
	struct timespec ts = { 0, 10000000 };
	nanosleep(&ts, NULL);
}

/* Touch n bytes of fresh anonymous memory, a page at a time. */
static void touch(long n)
{
	char *p = mmap(NULL, n, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		_exit(3);
	for (long i = 0; i < n; i += PAGE)
		p[i] = 1;
}

/* A child that joins group, then runs fn; the parent gets its pid once it
 * is in.  A pipe tells the child when to go on (go); the child answers on
 * another after fn's first part (see the current test). */
static pid_t spawn(const char *group, void (*fn)(void))
{
	int p[2];
	if (pipe(p))
		return -1;
	pid_t pid = fork();
	if (pid == 0) {
		close(p[0]);
		if (cgroup_add(group, 0))
			_exit(4);
		close(p[1]);
		fn();
		_exit(0);
	}
	close(p[1]);
	char c;
	(void)!read(p[0], &c, 1);	/* EOF once it has joined */
	close(p[0]);
	return pid;
}

static int reap(pid_t pid)
{
	int st;
	return waitpid(pid, &st, 0) == pid ? st : -1;
}

static int killed(int st)
{
	return st != -1 && WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL;
}

static int mkgroup(const char *name, const char *max)
{
	rmdir(cg(name));
	if (mkdir(cg(name), 0755))
		return -1;
	return max ? wr(t_path(cg(name), "memory.max"), max) : 0;
}

/* ---- the tests ---- */

static void test_files(void)
{
	check_err("memcg-root-no-max", open(CGROUP_MOUNT "/memory.max", O_RDONLY), ENOENT);
	check("memcg-controllers", strstr(rd(G "/cgroup.controllers"), "memory") != NULL, "'%s'",
	      rd(G "/cgroup.controllers"));
	mkgroup("f", NULL);
	check("memcg-max-default", !strcmp(rd(cg("f/memory.max")), "max\n"), "'%s'",
	      rd(cg("f/memory.max")));
	check("memcg-high-default", !strcmp(rd(cg("f/memory.high")), "max\n"), "'%s'",
	      rd(cg("f/memory.high")));
	check("memcg-low-default", !strcmp(rd(cg("f/memory.low")), "0\n"), "'%s'",
	      rd(cg("f/memory.low")));
	check("memcg-current-empty", num(cg("f/memory.current")) == 0, "%s",
	      rd(cg("f/memory.current")));
	check("memcg-oom-group-default", !strcmp(rd(cg("f/memory.oom.group")), "0\n"), "'%s'",
	      rd(cg("f/memory.oom.group")));
	static const char *const keys[] = { "low", "high", "max", "oom", "oom_kill",
					    "oom_group_kill" };
	int ok = 1;
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		ok &= key(cg("f/memory.events"), keys[i]) == 0 &&
		      key(cg("f/memory.events.local"), keys[i]) == 0;
	check("memcg-events-keys", ok, "'%s'", rd(cg("f/memory.events")));
	static const char *const stat_keys[] = { "anon", "file", "kernel", "kernel_stack",
						 "pagetables", "sock", "shmem", "file_mapped",
						 "file_dirty", "pgfault" };
	ok = 1;
	for (size_t i = 0; i < sizeof(stat_keys) / sizeof(stat_keys[0]); i++)
		ok &= key(cg("f/memory.stat"), stat_keys[i]) >= 0;
	check("memcg-stat-keys", ok, "'%s'", rd(cg("f/memory.stat")));

	/* memparse: suffixes, bases, "max", rounding down to pages. */
	static const struct { const char *in, *out; } good[] = {
		{ "1M", "1048576\n" }, { "4097", "4096\n" }, { "0x100000", "1048576\n" },
		{ " 2m\n", "2097152\n" }, { "1G", "1073741824\n" }, { "8k", "8192\n" },
		{ "max\n", "max\n" }, { "0", "0\n" },
	};
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		char name[64];
		snprintf(name, sizeof(name), "memcg-parse-%zu", i);
		int w = wr(cg("f/memory.max"), good[i].in);
		check(name, w == 0 && !strcmp(rd(cg("f/memory.max")), good[i].out),
		      "'%s' -> %d '%s'", good[i].in, w, rd(cg("f/memory.max")));
	}
	check_err("memcg-einval-word", wr(cg("f/memory.max"), "lots"), EINVAL);
	check_err("memcg-einval-frac", wr(cg("f/memory.max"), "1.5M"), EINVAL);
	check_err("memcg-einval-neg", wr(cg("f/memory.max"), "-1"), EINVAL);
	check_err("memcg-einval-suffix", wr(cg("f/memory.max"), "1Q"), EINVAL);
	check_err("memcg-einval-high", wr(cg("f/memory.high"), "12 M"), EINVAL);
	check_err("memcg-einval-oom-group", wr(cg("f/memory.oom.group"), "2"), EINVAL);
	check_err("memcg-current-ro", wr(cg("f/memory.current"), "0"), EACCES);
	check("memcg-oom-group-set", wr(cg("f/memory.oom.group"), "1\n") == 0 &&
	      !strcmp(rd(cg("f/memory.oom.group")), "1\n"), "'%s'", rd(cg("f/memory.oom.group")));
	rmdir(cg("f"));
}

/* current: a child touches 1 MiB between two pipe messages. */
static int cur_go[2], cur_done[2];

static void cur_child(void)
{
	char c;
	close(cur_go[1]);
	close(cur_done[0]);
	(void)!read(cur_go[0], &c, 1);
	touch(MIB);
	(void)!write(cur_done[1], "x", 1);
	(void)!read(cur_go[0], &c, 1);	/* EOF: exit */
}

static void test_current(void)
{
	mkgroup("a", NULL);
	if (pipe(cur_go) || pipe(cur_done))
		return;
	pid_t pid = spawn(cg("a"), cur_child);
	close(cur_done[1]);
	long before = num(cg("a/memory.current"));
	(void)!write(cur_go[1], "x", 1);
	char c;
	(void)!read(cur_done[0], &c, 1);
	long during = num(cg("a/memory.current"));
	check("memcg-current-grows", during - before >= MIB && during - before < 2 * MIB,
	      "before %ld during %ld", before, during);
	check("memcg-stat-anon", key(cg("a/memory.stat"), "anon") >= MIB, "'%s'",
	      rd(cg("a/memory.stat")));
	check("memcg-stat-pgfault", key(cg("a/memory.stat"), "pgfault") >= MIB / PAGE, "'%s'",
	      rd(cg("a/memory.stat")));
	close(cur_go[1]);
	int st = reap(pid);
	long after = num(cg("a/memory.current"));
	for (int i = 0; i < POLL_TRIES && after > during - MIB; i++) {
		pause_10ms();
		after = num(cg("a/memory.current"));
	}
	check("memcg-child-exit", st == 0, "status %x", st);
	check("memcg-current-falls", after <= during - MIB, "during %ld after %ld", during, after);
	long peak = num(cg("a/memory.peak"));
	check("memcg-peak", peak >= during && peak >= MIB, "peak %ld during %ld", peak, during);
	close(cur_go[0]);
	close(cur_done[0]);
	rmdir(cg("a"));
}

/* A process moving from group m1 to m2 leaves what it has charged behind
 * (as Linux: charges do not move) and charges what it touches next to
 * m2.  The child tells each step on a pipe. */
static int mv_done[2];

static void mover(void)
{
	touch(MIB);
	(void)!write(mv_done[1], "1", 1);
	if (cgroup_add(G "/m2", 0))
		_exit(4);
	touch(MIB);
	(void)!write(mv_done[1], "2", 1);
	pause();
}

static void test_move(void)
{
	mkgroup("m1", NULL);
	mkgroup("m2", NULL);
	if (pipe(mv_done))
		return;
	pid_t pid = spawn(cg("m1"), mover);
	char c;
	int ok = read(mv_done[0], &c, 1) == 1;
	long m1 = num(cg("m1/memory.current"));
	ok &= read(mv_done[0], &c, 1) == 1;
	long m1_after = num(cg("m1/memory.current")), m2 = num(cg("m2/memory.current"));
	check("memcg-move-stays", ok && m1 >= MIB && m1_after >= MIB - 64 * 1024,
	      "m1 %ld then %ld", m1, m1_after);
	check("memcg-move-charges-new", ok && m2 >= MIB && m2 < m1_after + MIB,
	      "m2 %ld (m1 %ld)", m2, m1_after);
	kill(pid, SIGKILL);
	reap(pid);
	close(mv_done[0]);
	close(mv_done[1]);
	rmdir(cg("m1"));
	rmdir(cg("m2"));
}

static void hog(void)
{
	for (;;)
		touch(4 * MIB);
}

/* Is there a kernel log line "Memory cgroup out of memory: Killed process PID (" ? */
static int logged_kill(pid_t pid)
{
	static char buf[1 << 17];
	int n = klogctl(3, buf, sizeof(buf) - 1);	/* SYSLOG_ACTION_READ_ALL */
	if (n < 0)
		return -1;
	buf[n] = 0;
	char want[96];
	snprintf(want, sizeof(want), "Memory cgroup out of memory: Killed process %d (", (int)pid);
	return strstr(buf, want) != NULL;
}

static void test_oom(void)
{
	mkgroup("oom", "8M");
	pid_t pid = spawn(cg("oom"), hog);
	int st = reap(pid);
	check("memcg-oom-sigkill", killed(st), "status %x", st);
	check("memcg-oom-kill-event", key(cg("oom/memory.events"), "oom_kill") == 1, "'%s'",
	      rd(cg("oom/memory.events")));
	check("memcg-oom-event", key(cg("oom/memory.events"), "oom") >= 1 &&
	      key(cg("oom/memory.events"), "max") >= 1, "'%s'", rd(cg("oom/memory.events")));
	check("memcg-oom-local", key(cg("oom/memory.events.local"), "oom_kill") == 1, "'%s'",
	      rd(cg("oom/memory.events.local")));
	check("memcg-oom-peak", num(cg("oom/memory.peak")) <= 8 * MIB, "%s",
	      rd(cg("oom/memory.peak")));
	check("memcg-oom-logged", logged_kill(pid) == 1, "no log line for %d", (int)pid);
	check("memcg-oom-outside-lives", 1, "");
	/* Everything the hog had is given back: its pages, page tables and
	 * kernel stack. */
	const char *stat = cg("oom/memory.stat");
	long left = 0;
	for (int i = 0; i < POLL_TRIES; i++, pause_10ms())
		if (!(left = key(stat, "anon") + key(stat, "pagetables") + key(stat, "kernel_stack")))
			break;
	check("memcg-oom-all-uncharged", left == 0, "'%s'", rd(stat));
	rmdir(cg("oom"));
}

/* Page cache: a 16 MiB file read through 1 MiB mappings, each unmapped
 * after, in a group of 8 MiB: its clean pages are reclaimed. */
#define CACHE_FILE_MIB	16
static char cache_path[256];

static void reader(void)
{
	int fd = open(cache_path, O_RDONLY);
	if (fd < 0)
		_exit(5);
#ifdef POSIX_FADV_DONTNEED
	posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);	/* Linux: not the writer's cache */
#endif
	long sum = 0;
	for (int pass = 0; pass < 2; pass++)
		for (long off = 0; off < CACHE_FILE_MIB * MIB; off += MIB) {
			char *p = mmap(NULL, MIB, PROT_READ, MAP_PRIVATE, fd, off);
			if (p == MAP_FAILED)
				_exit(6);
			for (long i = 0; i < MIB; i += PAGE)
				sum += p[i];
			munmap(p, MIB);
		}
	_exit(sum == 2 * CACHE_FILE_MIB * (MIB / PAGE) ? 0 : 7);
}

static void test_cache(void)
{
	snprintf(cache_path, sizeof(cache_path), "%s", t_path(T_DISK, "memcg-cache"));
	int fd = open(cache_path, O_RDWR | O_CREAT | O_TRUNC, 0644);
	static char page[PAGE];
	memset(page, 1, sizeof(page));
	long off = 0;
	for (; fd >= 0 && off < CACHE_FILE_MIB * MIB; off += PAGE)
		if (write(fd, page, PAGE) != PAGE)
			break;
	check("memcg-cache-file", off == CACHE_FILE_MIB * MIB, "wrote %ld: %s", off,
	      strerror(errno));
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
	mkgroup("pc", "8M");
	int st = reap(spawn(cg("pc"), reader));
	check("memcg-cache-survives", st == 0, "status %x", st);
	check("memcg-cache-no-oom", key(cg("pc/memory.events"), "oom_kill") == 0, "'%s'",
	      rd(cg("pc/memory.events")));
	long peak = num(cg("pc/memory.peak"));
	check("memcg-cache-reclaimed", key(cg("pc/memory.events"), "max") >= 1 &&
	      peak <= 8 * MIB && peak >= 4 * MIB, "peak %ld '%s'", peak,
	      rd(cg("pc/memory.events")));

	/* The cache a removed group leaves stays charged, and its parent's
	 * limit reclaims it: a child of rp reads the file once (16 MiB of
	 * cache, no limit), goes and is removed; rp's memory.max set to 4M
	 * then takes it back to 4M by reclaim alone. */
	mkgroup("rp", NULL);
	wr(cg("rp/cgroup.subtree_control"), "+memory");
	mkdir(cg("rp/k"), 0755);
	st = reap(spawn(cg("rp/k"), reader));
	long held = num(cg("rp/memory.current"));
	int gone = rmdir(cg("rp/k"));
	check("memcg-reparent-setup", st == 0 && gone == 0 && held >= 8 * MIB, "status %x, rmdir %d, "
	      "current %ld", st, gone, held);
	int w = wr(cg("rp/memory.max"), "4M");
	long now = num(cg("rp/memory.current"));
	check("memcg-reparent-reclaimed", w == 0 && now <= 4 * MIB &&
	      key(cg("rp/memory.events"), "oom_kill") == 0, "write %d, current %ld, '%s'", w, now,
	      rd(cg("rp/memory.events")));
	rmdir(cg("rp"));
	unlink(cache_path);
	rmdir(cg("pc"));
}

/* A child group under a parent of 8 MiB: the parent's limit holds. */
static void test_hierarchy(void)
{
	mkgroup("h", "8M");
	wr(cg("h/cgroup.subtree_control"), "+memory");
	mkdir(cg("h/c"), 0755);
	check("memcg-child-unlimited", !strcmp(rd(cg("h/c/memory.max")), "max\n"), "'%s'",
	      rd(cg("h/c/memory.max")));
	int st = reap(spawn(cg("h/c"), hog));
	check("memcg-hier-sigkill", killed(st), "status %x", st);
	check("memcg-hier-parent-events", key(cg("h/memory.events"), "oom_kill") == 1 &&
	      key(cg("h/memory.events.local"), "oom") == 1, "'%s' local '%s'",
	      rd(cg("h/memory.events")), rd(cg("h/memory.events.local")));
	check("memcg-hier-child-local", key(cg("h/c/memory.events.local"), "oom_kill") == 1, "'%s'",
	      rd(cg("h/c/memory.events.local")));
	rmdir(cg("h/c"));
	rmdir(cg("h"));
}

static void sleeper(void)
{
	pause();
}

static void test_oom_group(void)
{
	mkgroup("og", "8M");
	wr(cg("og/memory.oom.group"), "1");
	pid_t quiet = spawn(cg("og"), sleeper);
	pid_t big = spawn(cg("og"), hog);
	int st_big = reap(big), st_quiet = reap(quiet);
	check("memcg-group-hog-killed", killed(st_big), "status %x", st_big);
	check("memcg-group-all-killed", killed(st_quiet), "status %x", st_quiet);
	check("memcg-group-kill-event", key(cg("og/memory.events"), "oom_group_kill") == 1 &&
	      key(cg("og/memory.events"), "oom_kill") == 2, "'%s'", rd(cg("og/memory.events")));
	rmdir(cg("og"));
}

/* memory.max written below what the group holds: reclaim, then OOM. */
static int low_done[2];

static void holder(void)
{
	touch(16 * MIB);
	(void)!write(low_done[1], "x", 1);
	pause();
}

static void test_lower(void)
{
	mkgroup("lw", NULL);
	if (pipe(low_done))
		return;
	pid_t pid = spawn(cg("lw"), holder);
	close(low_done[1]);
	char c;
	(void)!read(low_done[0], &c, 1);
	close(low_done[0]);
	check("memcg-lower-write", wr(cg("lw/memory.max"), "4M") == 0, "%s", strerror(errno));
	int st = reap(pid);
	check("memcg-lower-killed", killed(st), "status %x", st);
	check("memcg-lower-event", key(cg("lw/memory.events"), "oom_kill") == 1, "'%s'",
	      rd(cg("lw/memory.events")));
	rmdir(cg("lw"));
}

/* memory.high: over it the group is throttled and counted, not killed. */
static void high_child(void)
{
	touch(6 * MIB);
}

static void test_high(void)
{
	mkgroup("hi", NULL);
	wr(cg("hi/memory.high"), "4M");
	int st = reap(spawn(cg("hi"), high_child));
	check("memcg-high-survives", st == 0, "status %x", st);
	check("memcg-high-event", key(cg("hi/memory.events"), "high") >= 1 &&
	      key(cg("hi/memory.events"), "oom_kill") == 0, "'%s'", rd(cg("hi/memory.events")));
	rmdir(cg("hi"));
}

/*
 * memory.min and memory.low (cgroup-v2.rst, "Memory Protection"): a parent
 * pr with memory.max 6M and two children; a reads a 4 MiB file through
 * mappings (4 MiB of its page cache), then b reads a 12 MiB one.  Reclaim
 * at pr's limit (memory.max, or memory.high) takes b's cache and leaves a
 * what its protection covers, where without protection a's goes too.  When b's memory
 * cannot be reclaimed (anonymous, no swap), memory.low gives way and
 * counts "low", memory.min does not and b is killed instead.  Nested
 * protection claiming more than its parent's is shared out in proportion.
 */
#define PROT_A_MIB	4	/* a's file */
#define PROT_B_MIB	12	/* b's file */
static char map_path[256];
static long map_mib;

static void map_read(void)
{
	int fd = open(map_path, O_RDONLY);
	if (fd < 0)
		_exit(5);
	long sum = 0;
	for (long off = 0; off < map_mib * MIB; off += MIB) {
		char *p = mmap(NULL, MIB, PROT_READ, MAP_PRIVATE, fd, off);
		if (p == MAP_FAILED)
			_exit(6);
		for (long i = 0; i < MIB; i += PAGE)
			sum += p[i];
		munmap(p, MIB);
	}
	_exit(sum == map_mib * (MIB / PAGE) ? 0 : 7);
}

/* A fresh file of mib MiB (so none of it is in the page cache yet). */
static int make_file(const char *name, long mib)
{
	static char page[PAGE];
	memset(page, 1, sizeof(page));
	const char *path = t_path(T_DISK, name);
	unlink(path);
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	long off = 0;
	for (; fd >= 0 && off < mib * MIB; off += PAGE)
		if (write(fd, page, PAGE) != PAGE)
			break;
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
	return off == mib * MIB ? 0 : -1;
}

/* A child in group reads file name (mib MiB) through mappings and exits:
 * its status. */
static int read_in(const char *group, const char *name, long mib)
{
	snprintf(map_path, sizeof(map_path), "%s", t_path(T_DISK, name));
	map_mib = mib;
	return reap(spawn(group, map_read));
}

static void anon_hog(void)
{
	touch(PROT_A_MIB * MIB);
}

/* pr with children a (protected by file = value) and b; a's file read
 * into a's cache.  0 when set up. */
static int prot_setup(const char *limit, const char *file, const char *value)
{
	rmdir(cg("pr/a"));
	rmdir(cg("pr/b"));
	if (mkgroup("pr", NULL) || wr(t_path(cg("pr"), limit), "6M") ||
	    wr(cg("pr/cgroup.subtree_control"), "+memory") ||
	    mkdir(cg("pr/a"), 0755) || mkdir(cg("pr/b"), 0755))
		return -1;
	if (file && wr(t_path(cg("pr/a"), file), value))
		return -1;
	if (make_file("memlow-a", PROT_A_MIB) || make_file("memlow-b", PROT_B_MIB))
		return -1;
	return read_in(cg("pr/a"), "memlow-a", PROT_A_MIB) == 0 ? 0 : -1;
}

static void prot_cleanup(void)
{
	rmdir(cg("pr/a"));
	rmdir(cg("pr/b"));
	rmdir(cg("pr"));
	unlink(t_path(T_DISK, "memlow-a"));
	unlink(t_path(T_DISK, "memlow-b"));
}

static void test_protect_cache(const char *name, const char *limit, const char *file)
{
	char what[64];
	snprintf(what, sizeof(what), "memcg-%s-setup", name);
	int ok = prot_setup(limit, file, "2M") == 0;
	long a_before = num(cg("pr/a/memory.current"));
	check(what, ok && a_before >= PROT_A_MIB * MIB, "%s, a holds %ld", strerror(errno), a_before);
	int st = read_in(cg("pr/b"), "memlow-b", PROT_B_MIB);
	long a = num(cg("pr/a/memory.current")), b = num(cg("pr/b/memory.current"));
	snprintf(what, sizeof(what), "memcg-%s-b-reads", name);
	check(what, st == 0 && key(cg("pr/memory.events"), "oom_kill") == 0 &&
	      key(cg("pr/memory.events"), strchr(limit, '.') + 1) >= 1, "status %x, '%s'", st,
	      rd(cg("pr/memory.events")));
	snprintf(what, sizeof(what), "memcg-%s-a-kept", name);
	if (file)
		check(what, a >= 2 * MIB && b < PROT_B_MIB * MIB, "a %ld, b %ld", a, b);
	else	/* the control: unprotected, a's cache goes too */
		check(what, a < 2 * MIB, "a %ld, b %ld", a, b);
	snprintf(what, sizeof(what), "memcg-%s-no-low-event", name);
	check(what, key(cg("pr/a/memory.events"), "low") == 0, "'%s'", rd(cg("pr/a/memory.events")));
	prot_cleanup();
}

/* b's memory is anonymous: only a's cache can go. */
static void test_protect_anon(void)
{
	int ok = prot_setup("memory.max", "memory.low", "2M") == 0;
	check("memcg-low-anon-setup", ok, "%s", strerror(errno));
	int st = reap(spawn(cg("pr/b"), anon_hog));
	long a = num(cg("pr/a/memory.current"));
	check("memcg-low-gives-way", st == 0 && a < 2 * MIB, "status %x, a %ld", st, a);
	check("memcg-low-event", key(cg("pr/a/memory.events"), "low") >= 1 &&
	      key(cg("pr/a/memory.events.local"), "low") >= 1 &&
	      key(cg("pr/memory.events"), "low") >= 1 &&
	      key(cg("pr/memory.events.local"), "low") == 0, "a '%s' pr '%s'",
	      rd(cg("pr/a/memory.events")), rd(cg("pr/memory.events")));
	prot_cleanup();

	ok = prot_setup("memory.max", "memory.min", "2M") == 0;
	check("memcg-min-anon-setup", ok, "%s", strerror(errno));
	st = reap(spawn(cg("pr/b"), anon_hog));
	a = num(cg("pr/a/memory.current"));
	check("memcg-min-holds", killed(st) && a >= 2 * MIB, "status %x, a %ld", st, a);
	check("memcg-min-no-low-event", key(cg("pr/a/memory.events"), "low") == 0 &&
	      key(cg("pr/b/memory.events"), "oom_kill") == 1, "a '%s' b '%s'",
	      rd(cg("pr/a/memory.events")), rd(cg("pr/b/memory.events")));
	prot_cleanup();
}

/* pr/q has memory.low 2M; its children q/x and q/y each claim 2M of it
 * (2 MiB of cache each, memory.low 2M): each has a share of q's 2M in
 * proportion to its usage, so together they keep at least q's 2M, each
 * gives some of its 2M, and they shrink together (about 1M each when the
 * pressure lasts, as on Linux). */
static void test_protect_nested(void)
{
	int ok = mkgroup("pr", "6M") == 0 && wr(cg("pr/cgroup.subtree_control"), "+memory") == 0 &&
		 mkdir(cg("pr/q"), 0755) == 0 && mkdir(cg("pr/b"), 0755) == 0 &&
		 wr(cg("pr/q/memory.low"), "2M") == 0 &&
		 wr(cg("pr/q/cgroup.subtree_control"), "+memory") == 0 &&
		 mkdir(cg("pr/q/x"), 0755) == 0 && mkdir(cg("pr/q/y"), 0755) == 0 &&
		 wr(cg("pr/q/x/memory.low"), "2M") == 0 && wr(cg("pr/q/y/memory.low"), "2M") == 0 &&
		 make_file("memlow-a", 2) == 0 && make_file("memlow-y", 2) == 0 &&
		 make_file("memlow-b", PROT_B_MIB) == 0 &&
		 read_in(cg("pr/q/x"), "memlow-a", 2) == 0 && read_in(cg("pr/q/y"), "memlow-y", 2) == 0;
	check("memcg-nested-setup", ok, "%s", strerror(errno));
	int st = read_in(cg("pr/b"), "memlow-b", PROT_B_MIB);
	long x = num(cg("pr/q/x/memory.current")), y = num(cg("pr/q/y/memory.current"));
	check("memcg-nested-shared", st == 0 && x + y >= 2 * MIB && x < 2 * MIB && y < 2 * MIB &&
	      labs(x - y) <= MIB / 4,
	      "status %x, x %ld, y %ld", st, x, y);
	rmdir(cg("pr/q/x"));
	rmdir(cg("pr/q/y"));
	rmdir(cg("pr/q"));
	unlink(t_path(T_DISK, "memlow-y"));
	prot_cleanup();
}

/*
 * Global reclaim (the page allocator out of free pages shrinks the page
 * cache) honours protection too: gl/a (memory.low 4M) holds 4 MiB of
 * cache, read after gl/c's 32 MiB.  Its ancestors up to the root have
 * memory.low max, since a protection counts only as far as theirs allow
 * (here the root is the top of the reclaim).  A process in gl/b then
 * takes memory (1 MiB shared mappings, populated: all there at once, or
 * ENOMEM) until what is left free or reclaimable is a's 4 MiB and a
 * margin, or mmap refuses (vm.c keeps a sixteenth of memory for others),
 * so the block cache and then much of c's cache must go -- and a's, the
 * newest file, which the shrinker looks at first, stays.  Without its
 * ancestors' memory.low it is the first to go.
 */
#define GLOBAL_C_MIB	32
#define GLOBAL_MARGIN	(8 * MIB)
#define GLOBAL_MAX_MIB	4096	/* the hog's bound, only against a hang */

/* A /proc/meminfo line's value, in bytes. */
static long meminfo(const char *k)
{
	long kb = key("/proc/meminfo", k);
	return kb < 0 ? -1 : kb * 1024;
}

static void global_hog(void)
{
	long keep = meminfo("MemTotal:") / 16;
	for (int i = 0; i < GLOBAL_MAX_MIB; i++) {
		if (meminfo("MemAvailable:") - keep - PROT_A_MIB * MIB - GLOBAL_MARGIN < MIB)
			_exit(0);
		if (mmap(NULL, MIB, PROT_READ | PROT_WRITE,
			 MAP_SHARED | MAP_ANONYMOUS | MAP_POPULATE, -1, 0) == MAP_FAILED)
			_exit(errno == ENOMEM ? 0 : 8);	/* vm.c's populate: no more */
	}
	_exit(9);
}

/* One round: with ancestors, gl and G have memory.low max; without, a's
 * own 4M protects nothing from the root's reclaim (Linux's rule). */
static void protect_global_round(const char *name, int ancestors)
{
	char what[64];
	const char *anc = ancestors ? "max" : "0";
	int ok = mkgroup("gl", NULL) == 0 && wr(cg("gl/cgroup.subtree_control"), "+memory") == 0 &&
		 mkdir(cg("gl/a"), 0755) == 0 && mkdir(cg("gl/b"), 0755) == 0 &&
		 mkdir(cg("gl/c"), 0755) == 0 && wr(cg("gl/a/memory.low"), "4M") == 0 &&
		 wr(G "/memory.low", anc) == 0 && wr(cg("gl/memory.low"), anc) == 0 &&
		 make_file("memlow-a", PROT_A_MIB) == 0 && make_file("memlow-c", GLOBAL_C_MIB) == 0 &&
		 read_in(cg("gl/c"), "memlow-c", GLOBAL_C_MIB) == 0 &&
		 read_in(cg("gl/a"), "memlow-a", PROT_A_MIB) == 0;
	long c_before = num(cg("gl/c/memory.current"));
	snprintf(what, sizeof(what), "memcg-global-%s-setup", name);
	check(what, ok && c_before >= GLOBAL_C_MIB * MIB, "%s, c %ld", strerror(errno), c_before);
	int st = reap(spawn(cg("gl/b"), global_hog));
	long a = num(cg("gl/a/memory.current")), c = num(cg("gl/c/memory.current"));
	snprintf(what, sizeof(what), "memcg-global-%s", name);
	if (ancestors)
		check(what, st == 0 && a >= PROT_A_MIB * MIB && c < c_before - GLOBAL_MARGIN,
		      "status %x, a %ld, c %ld (was %ld)", st, a, c, c_before);
	else
		check(what, st == 0 && a < PROT_A_MIB * MIB, "status %x, a %ld, c %ld (was %ld)",
		      st, a, c, c_before);
	snprintf(what, sizeof(what), "memcg-global-%s-no-low-event", name);
	check(what, key(cg("gl/a/memory.events"), "low") == 0, "'%s'", rd(cg("gl/a/memory.events")));
	rmdir(cg("gl/a"));
	rmdir(cg("gl/b"));
	rmdir(cg("gl/c"));
	rmdir(cg("gl"));
	wr(G "/memory.low", "0");
	unlink(t_path(T_DISK, "memlow-a"));
	unlink(t_path(T_DISK, "memlow-c"));
}

static void test_protect_global(void)
{
	protect_global_round("low-kept", 1);
	protect_global_round("ancestors-bound", 0);
}

/* The files: 0 by default, "max", sizes rounded down to pages, EINVAL. */
static void test_protect_files(void)
{
	mkgroup("pf", NULL);
	static const char *const files[] = { "pf/memory.low", "pf/memory.min" };
	for (int i = 0; i < 2; i++) {
		char what[64];
		const char *f = cg(files[i]);
		snprintf(what, sizeof(what), "memcg-%s", strchr(files[i], '.') + 1);
		int ok = !strcmp(rd(f), "0\n") && wr(f, "max") == 0 && !strcmp(rd(f), "max\n") &&
			 wr(f, "5000\n") == 0 && !strcmp(rd(f), "4096\n") &&
			 wr(f, "1k") == 0 && !strcmp(rd(f), "0\n") && wr(f, "0x2000") == 0 &&
			 !strcmp(rd(f), "8192\n");
		check(what, ok, "'%s'", rd(f));
		snprintf(what, sizeof(what), "memcg-%s-einval", strchr(files[i], '.') + 1);
		errno = 0;
		int bad = wr(f, "12Q") == -1 && errno == EINVAL && wr(f, "-1") == -1 &&
			  errno == EINVAL && wr(f, "max1") == -1 && errno == EINVAL &&
			  !strcmp(rd(f), "8192\n");
		check(what, bad, "%s, now '%s'", strerror(errno), rd(f));
	}
	rmdir(cg("pf"));
}

/* <cgroup.h>'s example: a 1 MiB limit, then a 2 MiB allocation fails
 * (exit 2) or is killed. */
static void test_libc(void)
{
	rmdir(cg("lib"));
	int ok = cgroup_create("t-memcg/lib") == 0 &&
		 cgroup_set_limit("t-memcg/lib", "memory.max", "1M") == 0;
	check("memcg-libc-setup", ok, "%s", strerror(errno));
	pid_t pid = fork();
	if (pid == 0) {
		if (cgroup_add("t-memcg/lib", 0))
			_exit(4);
		char *p = malloc(2 * MIB);
		if (!p)
			_exit(2);
		memset(p, 1, 2 * MIB);
		__asm__ volatile("" : : "r"(p) : "memory");	/* the stores stay */
		_exit(0);
	}
	int st = reap(pid);
	check("memcg-libc-limit", killed(st) || (WIFEXITED(st) && WEXITSTATUS(st) == 2),
	      "status %x", st);
	check("memcg-libc-destroy", cgroup_destroy("t-memcg/lib") == 0, "%s", strerror(errno));
}

int main(int argc, char *argv[])
{
	/* "memcg hog": touch memory until killed (isolate-memcg.sh's). */
	if (argc == 2 && !strcmp(argv[1], "hog"))
		hog();
	/* A cgroup2 tree with a memory controller to hand on, or nothing. */
	if (!strstr(rd(CGROUP_MOUNT "/cgroup.controllers"), "memory") ||
	    wr(CGROUP_MOUNT "/cgroup.subtree_control", "+memory")) {
		t_print("memcg: no cgroup2 memory controller here (%s): skipped",
			strerror(errno));
		return 0;
	}
	rmdir(G);
	if (mkdir(G, 0755) || wr(G "/cgroup.subtree_control", "+memory")) {
		t_print("memcg: cannot make %s (%s): skipped", G, strerror(errno));
		return 0;
	}
	test_files();
	test_current();
	test_move();
	test_oom();
	test_cache();
	test_hierarchy();
	test_oom_group();
	test_lower();
	test_high();
	test_libc();
	test_protect_files();
	test_protect_cache("unprotected", "memory.max", NULL);
	test_protect_cache("low", "memory.max", "memory.low");
	test_protect_cache("min", "memory.max", "memory.min");
	test_protect_cache("low-under-high", "memory.high", "memory.low");
	test_protect_anon();
	test_protect_nested();
	test_protect_global();
	check("memcg-cleanup", rmdir(G) == 0, "%s", strerror(errno));
	return 0;
}
