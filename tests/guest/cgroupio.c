/*
 * cgroupio.c - the io controller: +io in subtree_control shows io.max and
 * io.stat; io.stat counts what a group's process reads from the disk
 * (blocks of the device no one has read, so none is cached) in its
 * cgroup and the root, and nothing in a sibling; io.max reads back what
 * was written, drops a line that is all "max", and refuses bad text
 * (EINVAL) and a device that does not exist (ENODEV).  How fast a limited
 * group goes is a benchmark, not a verdict here: one limited read only
 * has to finish.  Runs as root in the root cgroup; guest only (the host's
 * cgroups are not the test's to change).
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include "t.h"

#define CGROOT	"/sys/fs/cgroup"
#define A	CGROOT "/io-a"
#define B	CGROOT "/io-b"
#define CHUNK	(64 << 10)

static char text[1024];

static const char *rd(const char *path)
{
	int fd = open(path, O_RDONLY);
	ssize_t n = fd >= 0 ? read(fd, text, sizeof(text) - 1) : -1;
	if (fd >= 0)
		close(fd);
	text[n > 0 ? n : 0] = '\0';
	return text;
}

static int wr(const char *path, const char *s)
{
	int fd = open(path, O_WRONLY);
	if (fd < 0)
		return -1;
	ssize_t n = write(fd, s, strlen(s));
	int err = errno;
	close(fd);
	errno = err;
	return n == (ssize_t)strlen(s) ? 0 : -1;
}

/* The value of key in dev's line of an io.stat text; -1 if none. */
static long long stat_of(const char *stat, const char *dev, const char *key)
{
	char want[64];
	const char *line = strstr(stat, dev);
	if (!line)
		return -1;
	snprintf(want, sizeof(want), " %s=", key);
	const char *p = strstr(line, want);
	const char *end = strchr(line, '\n');
	if (!p || (end && p > end))
		return -1;
	return atoll(p + strlen(want));
}

/* In cgroup dir: read len bytes of the disk from its far end. */
static int read_disk_in(const char *dir, const char *disk, off_t from, size_t len)
{
	pid_t pid = fork();
	if (pid == 0) {
		char me[16], buf[4096];
		snprintf(me, sizeof(me), "%d", getpid());
		if (wr(t_path(dir, "cgroup.procs"), me))
			_exit(2);
		int fd = open(disk, O_RDONLY);
		if (fd < 0 || lseek(fd, from, SEEK_SET) != from)
			_exit(3);
		for (size_t done = 0; done < len; done += sizeof(buf))
			if (read(fd, buf, sizeof(buf)) != sizeof(buf))
				_exit(4);
		_exit(0);
	}
	int st;
	return waitpid(pid, &st, 0) == pid && WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

int main(void)
{
	struct stat st;
	char dev[32], disk[64], line[128];
	if (stat("/", &st))
		return check("stat-root", 0, "%s", strerror(errno)), 1;
	snprintf(dev, sizeof(dev), "%u:%u", major(st.st_dev), minor(st.st_dev));
	snprintf(disk, sizeof(disk), "/dev/vda");
	/* The root file system fills the disk (tests/mkimage). */
	struct statfs sfs;
	off_t size = statfs("/", &sfs) == 0 ? (off_t)sfs.f_blocks * sfs.f_bsize : -1;
	if (size < 4 * CHUNK)
		return check("disk", 0, "%s: size %lld", disk, (long long)size), 1;

	rmdir(A);
	rmdir(B);
	check("enable-io", wr(CGROOT "/cgroup.subtree_control", "+io") == 0, "%s", strerror(errno));
	check("mkdir", mkdir(A, 0755) == 0 && mkdir(B, 0755) == 0, "%s", strerror(errno));
	check("files", access(A "/io.max", F_OK) == 0 && access(A "/io.stat", F_OK) == 0,
	      "no io.max or io.stat");
	check("max-empty", !strcmp(rd(A "/io.max"), ""), "'%s'", text);

	/* The last blocks of the disk: free space no one has read. */
	long long root_before = stat_of(rd(CGROOT "/io.stat"), dev, "rbytes");
	check("read-in-a", read_disk_in(A, disk, size - 2 * CHUNK, CHUNK) == 0, "child failed");
	const char *s = rd(A "/io.stat");
	long long rbytes = stat_of(s, dev, "rbytes"), rios = stat_of(s, dev, "rios");
	check("stat-rbytes", rbytes >= CHUNK && rios >= CHUNK / 4096, "'%s'", s);
	check("stat-format", strstr(s, "dbytes=0 dios=0\n") && !strncmp(s, dev, strlen(dev)),
	      "'%s'", s);
	long long root_after = stat_of(rd(CGROOT "/io.stat"), dev, "rbytes");
	check("stat-root-counts", root_after - (root_before < 0 ? 0 : root_before) >= CHUNK,
	      "before %lld after %lld", root_before, root_after);
	check("stat-sibling-none", stat_of(rd(B "/io.stat"), dev, "rbytes") < 0, "'%s'", text);

	/* io.max: what was written reads back; all "max" is no line. */
	snprintf(line, sizeof(line), "%s rbps=1048576 wiops=100", dev);
	check("max-set", wr(A "/io.max", line) == 0, "%s", strerror(errno));
	char want[128];
	snprintf(want, sizeof(want), "%s rbps=1048576 wbps=max riops=max wiops=100\n", dev);
	check("max-read", !strcmp(rd(A "/io.max"), want), "'%s'", text);
	snprintf(line, sizeof(line), "%s riops=1000", dev);
	wr(A "/io.max", line);
	snprintf(want, sizeof(want), "%s rbps=1048576 wbps=max riops=1000 wiops=100\n", dev);
	check("max-keeps-others", !strcmp(rd(A "/io.max"), want), "'%s'", text);
	check("limited-read", read_disk_in(A, disk, size - 4 * CHUNK, CHUNK) == 0, "child failed");
	snprintf(line, sizeof(line), "%s rbps=max wiops=max riops=max", dev);
	check("max-cleared", wr(A "/io.max", line) == 0 && !strcmp(rd(A "/io.max"), ""),
	      "'%s'", text);
	snprintf(line, sizeof(line), "%s bogus=1", dev);
	check_err("max-bad-key", wr(A "/io.max", line), EINVAL);
	snprintf(line, sizeof(line), "%s rbps=fast", dev);
	check_err("max-bad-value", wr(A "/io.max", line), EINVAL);
	snprintf(line, sizeof(line), "%s rbps=0", dev);
	check_err("max-zero", wr(A "/io.max", line), EINVAL);
	check_err("max-no-device", wr(A "/io.max", "nodev rbps=1"), EINVAL);
	check_err("max-enodev", wr(A "/io.max", "9:99 rbps=1"), ENODEV);
	check_err("max-not-on-root", open(CGROOT "/io.max", O_RDONLY), ENOENT);

	check("rmdir", rmdir(A) == 0 && rmdir(B) == 0, "%s", strerror(errno));
	check("disable-io", wr(CGROOT "/cgroup.subtree_control", "-io") == 0, "%s", strerror(errno));
	return 0;
}
