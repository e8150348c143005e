/*
 * wx.c - W^X as user space can see it in /proc/PID/maps: no mapping of a
 * freshly started program is both writable and executable (this program
 * itself, built with our libc or static with glibc, and /bin/cat, one of
 * our programs in the guest), yet mmap and mprotect grant
 * PROT_WRITE|PROT_EXEC when asked, as Linux does (a JIT needs it), and
 * maps shows it.  The kernel's own page permissions cannot be read from
 * user space (the README's hardening section describes them); what can be
 * seen is that the bounds where they change, System.map's _etext (text
 * R+X below, rodata R above) and _erodata (data R+W above), fall on page
 * boundaries, so no page needs two kinds.
 * Runs on the Linux host too (the oracle) and as a static glibc program.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <stdint.h>
#include "t.h"

#define MAPS_MAX	65536
#define PAGE		4096

static char maps[MAPS_MAX];

/* Read all of fd into maps; the length. */
static long slurp_fd(int fd)
{
	long len = 0, n;
	while (len < MAPS_MAX - 1 && (n = read(fd, maps + len, MAPS_MAX - 1 - len)) > 0)
		len += n;
	maps[len] = 0;
	return len;
}

static long slurp(const char *path)
{
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return -1;
	long n = slurp_fd(fd);
	close(fd);
	return n;
}

/* The number of lines of maps both writable and executable, the first of
 * them copied into first; -1 if a line does not parse. */
static int count_wx(char *first, size_t size)
{
	int wx = 0;
	first[0] = 0;
	for (char *line = maps; *line;) {
		char *nl = strchr(line, '\n');
		size_t len = nl ? (size_t)(nl - line) : strlen(line);
		unsigned long start, end;
		char perms[5];
		if (sscanf(line, "%lx-%lx %4s", &start, &end, perms) != 3)
			return -1;
		if (perms[1] == 'w' && perms[2] == 'x' && wx++ == 0)
			snprintf(first, size, "%.*s", (int)len, line);
		line += len + (nl != NULL);
	}
	return wx;
}

/* The permissions of the line containing addr, or "" */
static const char *perms_at(const void *addr)
{
	static char perms[5];
	perms[0] = 0;
	for (char *line = maps; *line;) {
		unsigned long start, end;
		if (sscanf(line, "%lx-%lx %4s", &start, &end, perms) == 3 &&
		    (uintptr_t)addr >= start && (uintptr_t)addr < end)
			return perms;
		char *nl = strchr(line, '\n');
		if (!nl)
			break;
		line = nl + 1;
	}
	perms[0] = 0;
	return perms;
}

/* Run cat /proc/self/maps and read what it printed into maps. */
static int cat_maps(const char *cat)
{
	int fds[2];
	if (pipe(fds) != 0)
		return -1;
	pid_t pid = fork();
	if (pid == 0) {
		dup2(fds[1], 1);
		close(fds[0]);
		close(fds[1]);
		execl(cat, "cat", "/proc/self/maps", (char *)NULL);
		_exit(127);
	}
	close(fds[1]);
	long n = slurp_fd(fds[0]);
	close(fds[0]);
	int status;
	if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
	    WEXITSTATUS(status) != 0)
		return -1;
	return n > 0 ? 0 : -1;
}

/* The value of symbol in System.map, or 0. */
static unsigned long map_symbol(FILE *f, const char *symbol)
{
	char line[256], type, name[128];
	unsigned long addr;
	rewind(f);
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "%lx %c %127s", &addr, &type, name) == 3 && strcmp(name, symbol) == 0)
			return addr;
	return 0;
}

static void test_kernel_bounds(void)
{
	FILE *f = fopen("/boot/System.map", "r");
	if (!f) {
		check_say("SKIP wx-kernel-bounds: no /boot/System.map (not our kernel)");
		return;
	}
	unsigned long text = map_symbol(f, "_kernel_start"), etext = map_symbol(f, "_etext"),
		      erodata = map_symbol(f, "_erodata");
	fclose(f);
	check("wx-kernel-bounds", text && etext > text && erodata > etext &&
	      (etext | erodata) % PAGE == 0, "_kernel_start %lx _etext %lx _erodata %lx",
	      text, etext, erodata);
}

int main(void)
{
	char first[256];
	if (!check("wx-maps-open", slurp("/proc/self/maps") > 0, "%s", strerror(errno)))
		return 0;
	int wx = count_wx(first, sizeof(first));
	check("wx-self-none", wx == 0, "%d mappings writable and executable: %s", wx, first);

	const char *cat = access("/bin/cat", X_OK) == 0 ? "/bin/cat" : "/usr/bin/cat";
	if (check("wx-cat-runs", cat_maps(cat) == 0, "%s /proc/self/maps failed", cat)) {
		wx = count_wx(first, sizeof(first));
		check("wx-cat-none", wx == 0, "%d mappings writable and executable: %s", wx, first);
	}

	/* Asked for, write and execute together are granted (Linux does not
	 * forbid it) and maps shows it. */
	char *jit = mmap(NULL, PAGE, PROT_READ | PROT_WRITE | PROT_EXEC,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	slurp("/proc/self/maps");
	check("wx-mmap-granted", jit != MAP_FAILED && strcmp(perms_at(jit), "rwxp") == 0,
	      "%s, perms '%s'", jit == MAP_FAILED ? strerror(errno) : "mapped", perms_at(jit));
	char *data = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int err = data != MAP_FAILED ? mprotect(data, PAGE, PROT_READ | PROT_WRITE | PROT_EXEC) : -1;
	slurp("/proc/self/maps");
	check("wx-mprotect-granted", err == 0 && strcmp(perms_at(data), "rwxp") == 0,
	      "mprotect %d (%s), perms '%s'", err, strerror(errno), perms_at(data));
	mprotect(data, PAGE, PROT_READ | PROT_EXEC);
	slurp("/proc/self/maps");
	check("wx-mprotect-back", strcmp(perms_at(data), "r-xp") == 0, "perms '%s'", perms_at(data));
	munmap(jit, PAGE);
	munmap(data, PAGE);
	slurp("/proc/self/maps");
	wx = count_wx(first, sizeof(first));
	check("wx-self-none-after", wx == 0, "%d mappings writable and executable: %s", wx, first);
	test_kernel_bounds();
	return 0;
}
