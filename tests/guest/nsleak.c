/*
 * nsleak: nothing is left behind by containers.  alice runs `isolate
 * /bin/true` 200 times in a row (after a few runs that warm the caches);
 * afterwards the kernel's free memory is where it was, and no namespace
 * is still counted: the runs are made under limits of NS_LIMIT namespaces
 * of each kind for alice (/proc/sys/user/max_*_namespaces), so a
 * namespace left behind by each run would make the runs fail with ENOSPC
 * long before the 200th.  Then 200 tmpfs mounts, each with 64 KiB
 * written, unmounted: memory comes back the same.
 *
 * Runs as root in the guest (testinit); on a host that is not ours it
 * skips, since other processes move the free memory there.
 */
#include <fcntl.h>
#include <grp.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include "t.h"

#define ALICE 1000
#define WARMUP 20
#define RUNS 200
/* Free memory may differ by a few pages a slab keeps for its next object
 * (kmalloc's partially used pages): a namespace leaked per run would cost
 * far more (a pid namespace alone is a page, times 200). */
#define SLACK_KB 64
#define NS_LIMIT "20"

static const char *const limit_files[] = {
	"/proc/sys/user/max_user_namespaces", "/proc/sys/user/max_pid_namespaces",
	"/proc/sys/user/max_uts_namespaces", "/proc/sys/user/max_ipc_namespaces",
	"/proc/sys/user/max_net_namespaces", "/proc/sys/user/max_mnt_namespaces",
};
#define NLIMITS (sizeof(limit_files) / sizeof(limit_files[0]))

/* Read or write a small text file: 0 or -1. */
static int file_text(const char *path, char *buf, size_t size, const char *text)
{
	int fd = open(path, text ? O_WRONLY : O_RDONLY);
	if (fd < 0)
		return -1;
	ssize_t n = text ? write(fd, text, strlen(text)) : read(fd, buf, size - 1);
	close(fd);
	if (n < 0)
		return -1;
	if (!text)
		buf[n] = 0;
	return 0;
}

static long meminfo(const char *field)
{
	char line[128];
	long v = -1;
	size_t n = strlen(field);
	FILE *f = fopen("/proc/meminfo", "r");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (strncmp(line, field, n) == 0 && line[n] == ':')
			v = strtol(line + n + 1, NULL, 10);
	fclose(f);
	return v;
}

/* One `isolate /bin/true` as alice; its exit status or -1. */
static int run_isolate(void)
{
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		char *argv[] = { "/bin/isolate", "/bin/true", NULL };
		char *envp[] = { "PATH=/bin:/sbin", NULL };
		if (setgroups(0, NULL) || setgid(ALICE) || setuid(ALICE))
			_exit(126);
		execve(argv[0], argv, envp);
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/* n runs; the number that failed, the first failure's status in *first. */
static int runs(int n, int *first)
{
	int failed = 0;

	for (int i = 0; i < n; i++) {
		int st = run_isolate();
		if (st != 0 && failed++ == 0)
			*first = st;
	}
	return failed;
}

/* A tmpfs with a file in it, mounted and unmounted n times: its pages
 * and the instance go with the last umount.  The number that failed. */
static int tmpfs_cycles(const char *dir, int n, const char **why)
{
	static char block[16384];
	char file[256];
	int failed = 0;

	snprintf(file, sizeof(file), "%s/data", dir);
	for (int i = 0; i < n; i++) {
		const char *step = "mount";
		int ok = mount("none", dir, "tmpfs", 0, NULL) == 0;
		int fd = -1;
		if (ok) {
			step = "open";
			fd = open(file, O_WRONLY | O_CREAT, 0600);
			ok = fd >= 0;
		}
		for (int k = 0; ok && k < 4; k++) {
			step = "write";
			ok = write(fd, block, sizeof(block)) == (ssize_t)sizeof(block);
		}
		if (fd >= 0)
			close(fd);
		if (ok)
			step = "umount";
		if (umount(dir) != 0)
			ok = 0;
		if (!ok && failed++ == 0)
			*why = step;
	}
	return failed;
}

int main(void)
{
	int first = 0;

	if (getuid() != 0 || access("/bin/isolate", X_OK) != 0) {
		check_say("SKIP nsleak: needs root and /bin/isolate (the guest's)");
		return 0;
	}
	int failed = runs(WARMUP, &first);
	check("nsleak-warmup", failed == 0, "%d of %d runs failed, the first with %d", failed,
	      WARMUP, first);
	char saved[NLIMITS][32];
	int limited = 1;
	for (size_t i = 0; i < NLIMITS; i++)
		limited &= file_text(limit_files[i], saved[i], sizeof(saved[i]), NULL) == 0 &&
			   file_text(limit_files[i], NULL, 0, NS_LIMIT) == 0;
	check("nsleak-limits-set", limited, "%s", strerror(errno));
	long before = meminfo("MemFree");
	failed = runs(RUNS, &first);
	long after = meminfo("MemFree");
	for (size_t i = 0; i < NLIMITS; i++)
		file_text(limit_files[i], NULL, 0, saved[i]);
	check("nsleak-200-runs", failed == 0, "%d of %d runs failed, the first with %d", failed,
	      RUNS, first);
	check_say("nsleak: MemFree %ld kB before, %ld kB after %d runs", before, after, RUNS);
	check("nsleak-free-memory", before > 0 && after > 0 && before - after <= SLACK_KB,
	      "free memory fell by %ld kB over %d runs", before - after, RUNS);

	char dir[256];
	const char *why = "";
	snprintf(dir, sizeof(dir), "%s/nsleak.mnt", t_dir("T_TMP", "/tmp"));
	check("nsleak-tmpfs-dir", mkdir(dir, 0700) == 0, "%s: %s", dir, strerror(errno));
	tmpfs_cycles(dir, WARMUP, &why);
	before = meminfo("MemFree");
	failed = tmpfs_cycles(dir, RUNS, &why);
	after = meminfo("MemFree");
	rmdir(dir);
	check("nsleak-tmpfs-cycles", failed == 0, "%d of %d mount cycles failed, the first at %s",
	      failed, RUNS, why);
	check("nsleak-tmpfs-freed", before - after <= SLACK_KB,
	      "free memory fell by %ld kB over %d tmpfs mounts of 64 KiB each", before - after,
	      RUNS);
	return 0;
}
