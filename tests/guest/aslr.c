/*
 * aslr.c - address-space layout randomization as Linux does it: the same
 * program run twice finds its stack, its heap (brk), a fresh mmap and, when
 * it is position independent, its own text at other addresses;
 * personality(ADDR_NO_RANDOMIZE) and `setarch -R` make two runs alike
 * (also for cat's text as /proc/self/maps shows it: in the guest one of our
 * programs, static PIEs, so the check of our libc's text); and
 * (with --sysctl, as root) /proc/sys/kernel/randomize_va_space 0 moves
 * nothing while 1 moves all but brk.
 *
 * Each run is this program again with --print, which writes the four
 * addresses on one line.  Natively on a Linux host (the oracle) it runs
 * without --sysctl: the sysctl is global there, and other people's
 * programs must not lose ASLR while this runs.  A random offset equal in
 * two runs has a chance of 2^-18 per region: small enough to ignore.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/personality.h>
#include <sys/wait.h>
#include <stdint.h>
#include <elf.h>
#include "t.h"

#define RANDOMIZE_VA_SPACE "/proc/sys/kernel/randomize_va_space"

/* Where one run found its parts. */
struct layout {
	unsigned long stack, brk, mmap, text;
};

static const char *self;

static int print_layout(void)
{
	int local = 0;
	void *map = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (map == MAP_FAILED)
		return 1;
	printf("%lx %lx %lx %lx\n", (unsigned long)(uintptr_t)&local,
	       (unsigned long)(uintptr_t)sbrk(0), (unsigned long)(uintptr_t)map,
	       (unsigned long)(uintptr_t)print_layout);
	return 0;
}

/*
 * Run this program with --print, through setarch -R when setarch is set,
 * after personality(persona) when persona is not 0; 0 with *out filled.
 */
static int run(const char *setarch, unsigned long persona, struct layout *out)
{
	int fds[2];
	if (pipe(fds) != 0)
		return -1;
	pid_t pid = fork();
	if (pid == 0) {
		dup2(fds[1], 1);
		close(fds[0]);
		close(fds[1]);
		if (persona && personality(persona) == -1)
			_exit(126);
		if (setarch)
			execl(setarch, "setarch", "-R", self, "--print", (char *)NULL);
		else
			execl(self, self, "--print", (char *)NULL);
		_exit(127);
	}
	close(fds[1]);
	char line[200];
	ssize_t n, len = 0;
	while (len < (ssize_t)sizeof(line) - 1 &&
	       (n = read(fds[0], line + len, sizeof(line) - 1 - len)) > 0)
		len += n;
	line[len] = 0;
	close(fds[0]);
	int status;
	if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
	    WEXITSTATUS(status) != 0)
		return -1;
	return sscanf(line, "%lx %lx %lx %lx", &out->stack, &out->brk, &out->mmap,
		      &out->text) == 4 ? 0 : -1;
}

/* Two runs in the same conditions, both reported. */
static int run_twice(const char *name, const char *setarch, unsigned long persona,
		     struct layout *a, struct layout *b)
{
	return check(name, run(setarch, persona, a) == 0 && run(setarch, persona, b) == 0,
		     "a run failed");
}

/* Is this program position independent (ELF type ET_DYN)?  Only then
 * does its text move. */
static int text_moves;

static int is_pie(const char *path)
{
	Elf64_Ehdr eh;
	int fd = open(path, O_RDONLY);
	ssize_t n = fd >= 0 ? read(fd, &eh, sizeof(eh)) : -1;
	if (fd >= 0)
		close(fd);
	return n == (ssize_t)sizeof(eh) && eh.e_type == ET_DYN;
}

static void check_moved(const char *prefix, const struct layout *a, const struct layout *b,
			int brk_moves)
{
	char name[80];
	snprintf(name, sizeof(name), "%s-stack", prefix);
	check(name, a->stack != b->stack, "both at %lx", a->stack);
	snprintf(name, sizeof(name), "%s-mmap", prefix);
	check(name, a->mmap != b->mmap, "both at %lx", a->mmap);
	snprintf(name, sizeof(name), "%s-text", prefix);
	check(name, (a->text != b->text) == text_moves, "%lx and %lx, %s", a->text, b->text,
	      text_moves ? "a PIE should move" : "not a PIE: should stay");
	/* brk follows the program; only its own offset is random. */
	snprintf(name, sizeof(name), "%s-brk", prefix);
	check(name, (a->brk - a->text != b->brk - b->text) == brk_moves,
	      "brk %lx and %lx (text %lx and %lx), %s", a->brk, b->brk, a->text, b->text,
	      brk_moves ? "should move" : "should follow the program");
}

static void check_same(const char *prefix, const struct layout *a, const struct layout *b)
{
	char name[80];
	snprintf(name, sizeof(name), "%s-same", prefix);
	check(name, a->stack == b->stack && a->brk == b->brk && a->mmap == b->mmap &&
	      a->text == b->text, "stack %lx/%lx brk %lx/%lx mmap %lx/%lx text %lx/%lx",
	      a->stack, b->stack, a->brk, b->brk, a->mmap, b->mmap, a->text, b->text);
}

static const char *find_setarch(void)
{
	static const char *const paths[] = { "/bin/setarch", "/usr/bin/setarch" };
	for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++)
		if (access(paths[i], X_OK) == 0)
			return paths[i];
	return NULL;
}

/* Write level to randomize_va_space: 0 or -1. */
static int set_level(const char *level)
{
	int fd = open(RANDOMIZE_VA_SPACE, O_WRONLY);
	if (fd < 0)
		return -1;
	ssize_t n = write(fd, level, strlen(level));
	close(fd);
	return n == (ssize_t)strlen(level) ? 0 : -1;
}

/*
 * The start of cat's text as /proc/self/maps shows it, cat run directly or
 * through setarch -R: in the guest /bin/cat is one of our programs, so
 * this sees our libc's static PIEs move (on the host, GNU cat).  0 with
 * *text set.
 */
static int cat_text(const char *cat, const char *setarch, unsigned long *text)
{
	int fds[2];
	if (pipe(fds) != 0)
		return -1;
	pid_t pid = fork();
	if (pid == 0) {
		dup2(fds[1], 1);
		close(fds[0]);
		close(fds[1]);
		if (setarch)
			execl(setarch, "setarch", "-R", cat, "/proc/self/maps", (char *)NULL);
		else
			execl(cat, "cat", "/proc/self/maps", (char *)NULL);
		_exit(127);
	}
	close(fds[1]);
	static char maps[16384];
	ssize_t n, len = 0;
	while (len < (ssize_t)sizeof(maps) - 1 &&
	       (n = read(fds[0], maps + len, sizeof(maps) - 1 - len)) > 0)
		len += n;
	maps[len] = 0;
	close(fds[0]);
	int status;
	if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
	    WEXITSTATUS(status) != 0)
		return -1;
	for (char *line = maps; line && *line; line = strchr(line, '\n'), line = line ? line + 1 : NULL) {
		unsigned long start, end;
		char perms[5];
		int name = 0;
		char *nl = strchr(line, '\n');
		/* The program's own name ends its line ("/usr/bin/cat" on a host
		 * where /bin is a link). */
		if (sscanf(line, "%lx-%lx %4s %*x %*x:%*x %*u %n", &start, &end, perms, &name) == 3 &&
		    perms[2] == 'x' && name && nl && nl - line >= name + 4 &&
		    strncmp(nl - 4, "/cat", 4) == 0) {
			*text = start;
			return 0;
		}
	}
	return -1;
}

static void test_cat_text(const char *setarch)
{
	const char *cat = access("/bin/cat", X_OK) == 0 ? "/bin/cat" : "/usr/bin/cat";
	unsigned long a = 0, b = 0;
	if (check("aslr-cat-text-runs", cat_text(cat, NULL, &a) == 0 && cat_text(cat, NULL, &b) == 0,
		  "%s /proc/self/maps showed no text of %s", cat, cat))
		check("aslr-cat-text", a != b, "both at %lx", a);
	if (!setarch)
		return;
	if (check("aslr-cat-text-setarch-runs", cat_text(cat, setarch, &a) == 0 &&
		  cat_text(cat, setarch, &b) == 0, "setarch -R %s failed", cat))
		check("aslr-cat-text-setarch", a == b, "%lx and %lx", a, b);
}

static void test_sysctl(void)
{
	char old[8] = "";
	int fd = open(RANDOMIZE_VA_SPACE, O_RDONLY);
	ssize_t n = fd >= 0 ? read(fd, old, sizeof(old) - 1) : -1;
	if (fd >= 0)
		close(fd);
	if (!check("aslr-sysctl-read", n > 0 && strcmp(old, "2\n") == 0, "'%s'", old))
		return;
	struct layout a, b;
	if (check("aslr-sysctl-0", set_level("0\n") == 0, "%s", strerror(errno)) &&
	    run_twice("aslr-sysctl-0-runs", NULL, 0, &a, &b))
		check_same("aslr-sysctl-0", &a, &b);
	if (check("aslr-sysctl-1", set_level("1") == 0, "%s", strerror(errno)) &&
	    run_twice("aslr-sysctl-1-runs", NULL, 0, &a, &b))
		check_moved("aslr-sysctl-1", &a, &b, 0);
	check_err("aslr-sysctl-3-einval", set_level("3"), EINVAL);
	check_err("aslr-sysctl-junk-einval", set_level("1x"), EINVAL);
	check("aslr-sysctl-restore", set_level("2") == 0, "%s", strerror(errno));
	/* Only root may change it. */
	pid_t pid = fork();
	if (pid == 0) {
		if (setuid(1000) != 0)
			_exit(2);
		int wfd = open(RANDOMIZE_VA_SPACE, O_WRONLY);
		_exit(wfd < 0 && errno == EACCES ? 0 : 1);
	}
	int status;
	check("aslr-sysctl-user-eacces", waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
	      WEXITSTATUS(status) == 0, "an ordinary user could open it for writing");
}

int main(int argc, char **argv)
{
	if (argc == 2 && strcmp(argv[1], "--print") == 0)
		return print_layout();
	self = argv[0];
	text_moves = is_pie(self);
#ifdef __PICOLIBC__
	/* Built with our libc: a static PIE, so its text moves too. */
	check("aslr-our-libc-pie", text_moves, "%s is not ET_DYN", self);
#endif
	struct layout a, b;
	if (run_twice("aslr-default-runs", NULL, 0, &a, &b))
		check_moved("aslr-default", &a, &b, 1);
	check("aslr-stack-high", a.stack > a.mmap && a.mmap > a.text, "stack %lx mmap %lx text %lx",
	      a.stack, a.mmap, a.text);
	if (run_twice("aslr-personality-runs", NULL, ADDR_NO_RANDOMIZE, &a, &b))
		check_same("aslr-personality", &a, &b);
	/* personality(0xffffffff) asks without changing. */
	unsigned long before = personality(0xffffffff);
	personality(before | ADDR_NO_RANDOMIZE);
	check("aslr-personality-query", (unsigned long)personality(0xffffffff) ==
	      (before | ADDR_NO_RANDOMIZE), "flag not kept");
	personality(before);
	const char *setarch = find_setarch();
	if (setarch && run_twice("aslr-setarch-runs", setarch, 0, &a, &b))
		check_same("aslr-setarch", &a, &b);
	else if (!setarch)
		check_say("SKIP aslr-setarch: no setarch");
	test_cat_text(setarch);
	if (argc == 2 && strcmp(argv[1], "--sysctl") == 0)
		test_sysctl();
	return 0;
}
