/*
 * limits.c - the container's cgroup: every container gets one of its own
 * when the cgroup v2 tree is there and writable, and --pids N sets its
 * pids.max, --memory SIZE its memory.max, --memory-high SIZE its
 * memory.high and --io-max DEV:KEY=VALUE,... its io.max.  Where: root's
 * containers go in /sys/fs/cgroup/isolate/PID
 * (isolate's pid; "isolate" is made on first use, with the controllers
 * the limits need handed down to it), another user's in
 * /sys/fs/cgroup/user/UID/isolate-PID, the subtree login delegates to
 * each user (userland/login).  --cpus F sets cpu.max to F * 100000 per
 * 100000 us and --cpu-weight N cpu.weight (the cpu controller is handed
 * down only then).  Without that tree the container simply stays in
 * isolate's cgroup, unless a limit was asked for: then isolate fails
 * rather than run PROGRAM unlimited.  The child is cloned into the group
 * (clone3's CLONE_INTO_CGROUP, through the directory isolate opened) on
 * riscv, and elsewhere moves itself in through cgroup.procs, which isolate
 * opened.  The group is removed
 * (what is left in it killed) when PROGRAM has ended.
 */
#include "cgroup.h"	/* quoted: natively it is found by -iquote (userland.mk) */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/sysmacros.h>
#include <time.h>
#include <unistd.h>

#include "isolate.h"

#define FREEZE_WAIT_TICKS 5000	/* 1 ms each: a hung freeze is a failure */

#define CGROUP2_MAGIC 0x63677270	/* CGROUP2_SUPER_MAGIC */
#define CGROUP_MODE 0755		/* as cgroup_create makes them */

/* Is the cgroup v2 tree mounted where <cgroup.h> looks for it? */
static int
tree_present(void)
{
	struct statfs st;

	return statfs(CGROUP_MOUNT, &st) == 0 && st.f_type == CGROUP2_MAGIC;
}

/* cgroup_set_limit as a step: told under -v as the call it is. */
static int
set_file(const char *name, const char *file, const char *value)
{
	return told(cgroup_set_limit(name, file, value), "cgroup_set_limit(\"%s\", \"%s\", \"%s\")",
	    name, file, value);
}

/* One word onto a space-separated list in buf. */
static void
add_word(char *buf, size_t size, const char *word)
{
	size_t used = strlen(buf);

	snprintf(buf + used, size - used, "%s%s", used ? " " : "", word);
}

/* The controllers opts' limits need handed down ("+pids +memory"), "" for
 * none. */
static void
controllers(const struct isolate_options *opts, char *buf, size_t size)
{
	buf[0] = '\0';
	if (opts->cpu_quota || opts->cpu_weight)
		add_word(buf, size, "+cpu");
	if (opts->io_limits[0])
		add_word(buf, size, "+io");
	if (opts->memory_max || opts->memory_high)
		add_word(buf, size, "+memory");
	if (opts->pids_max)
		add_word(buf, size, "+pids");
}

static int
limited(const struct isolate_options *opts)
{
	return opts->pids_max || opts->memory_max || opts->memory_high || opts->io_limits[0] ||
	    opts->cpu_quota || opts->cpu_weight;
}

/* root's base group, made on first use; a controller is handed down to
 * it only for a container that has a limit of its kind (--pids,
 * --memory, --io-max, --cpus, --cpu-weight): the others need the group alone, and each write
 * costs. */
static int
make_root_base(const char *ctl)
{
	if (*ctl && set_file(CGROUP_MOUNT, "cgroup.subtree_control", ctl) < 0)
		return -1;
	if (told(cgroup_create("isolate"), "cgroup_create(\"isolate\")") < 0 && errno != EEXIST)
		return -1;
	return *ctl ? set_file("isolate", "cgroup.subtree_control", ctl) : 0;
}

/* --io-max's io.max line: the device as MAJ:MIN (a path is looked up). */
static int
io_max_line(const struct isolate_options *opts, char *line, size_t size)
{
	struct stat st;

	if (opts->io_dev[0] != '/') {
		snprintf(line, size, "%s %s", opts->io_dev, opts->io_limits);
		return 0;
	}
	if (told(stat(opts->io_dev, &st), "stat(\"%s\")", opts->io_dev) < 0)
		return -1;
	if (!S_ISBLK(st.st_mode)) {
		errno = ENOTBLK;
		return -1;
	}
	snprintf(line, size, "%u:%u %s", major(st.st_rdev), minor(st.st_rdev), opts->io_limits);
	return 0;
}

/* The parent group's directory (relative to CGROUP_MOUNT), opened: the
 * container's group is made, entered and removed relative to it, so that
 * no later call walks the whole path again. */
static int
open_base(const char *base)
{
	char path[sizeof(CGROUP_MOUNT) + 64];

	if (str_join(path, sizeof(path), (const char *const[]){ CGROUP_MOUNT "/", base,
	    NULL }) < 0) {
		errno = ENAMETOOLONG;
		return -1;
	}
	return open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
}

/* Is fd a directory of the cgroup v2 tree? */
static int
in_tree(int fd)
{
	struct statfs st;

	return fstatfs(fd, &st) == 0 && st.f_type == CGROUP2_MAGIC;
}

/* root's groups: isolate/PID, under a base made on first use (and each
 * time a controller must be handed down). */
static int
open_root_base(const char *ctl)
{
	int fd = *ctl ? -1 : open_base("isolate");

	if (fd >= 0 && in_tree(fd))
		return fd;
	if (fd >= 0) {
		close(fd);
		return -1;
	}
	if (!tree_present() || make_root_base(ctl) < 0)
		return -1;
	return open_base("isolate");
}

static int
make_group(struct container_cgroup *cg, const char *ctl)
{
	char uid[STR_DECIMAL_MAX], pid[STR_DECIMAL_MAX], base[64];

	str_decimal(pid, (unsigned long)getpid());
	if (getuid() == 0) {
		str_join(cg->leaf, sizeof(cg->leaf), (const char *const[]){ pid, NULL });
		str_join(cg->name, sizeof(cg->name), (const char *const[]){ "isolate/", pid,
		    NULL });
		cg->base_fd = open_root_base(ctl);
	} else {
		str_decimal(uid, (unsigned long)getuid());
		str_join(base, sizeof(base), (const char *const[]){ "user/", uid, NULL });
		str_join(cg->leaf, sizeof(cg->leaf), (const char *const[]){ "isolate-", pid, NULL });
		str_join(cg->name, sizeof(cg->name), (const char *const[]){ base, "/", cg->leaf,
		    NULL });
		if (!tree_present())
			return -1;
		cg->base_fd = open_base(base);
		if (cg->base_fd >= 0 && faccessat(cg->base_fd, ".", W_OK, 0) < 0)
			return -1;
	}
	if (cg->base_fd < 0)
		return -1;
	if (told(mkdirat(cg->base_fd, cg->leaf, CGROUP_MODE), "cgroup_create(\"%s\")",
	    cg->name) < 0)
		return -1;
	cg->made = 1;
	return 0;
}

/* The container's directory to clone the child into, or its
 * cgroup.procs, open for the child to write. */
static int
open_procs(struct container_cgroup *cg)
{
	char path[sizeof(cg->leaf) + sizeof("/cgroup.procs")];

#ifdef ISOLATE_CLONE_INTO_CGROUP
	cg->dir_fd = openat(cg->base_fd, cg->leaf, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	(void)path;
	return told(cg->dir_fd, "open(\"%s/%s\", O_DIRECTORY)", CGROUP_MOUNT, cg->name);
#else
	str_join(path, sizeof(path), (const char *const[]){ cg->leaf, "/cgroup.procs", NULL });
	cg->procs_fd = openat(cg->base_fd, path, O_WRONLY | O_CLOEXEC);
	return told(cg->procs_fd, "open(\"%s/%s/cgroup.procs\", O_WRONLY)", CGROUP_MOUNT,
	    cg->name);
#endif
}

int
container_cgroup_make(const struct isolate_options *opts, struct container_cgroup *cg)
{
	char value[24], ctl[48], line[192];
	int err;

	cg->made = 0;
	cg->name[0] = '\0';
	cg->procs_fd = -1;
	cg->dir_fd = -1;
	cg->base_fd = -1;
	controllers(opts, ctl, sizeof(ctl));
	if (make_group(cg, ctl) < 0)
		goto unavailable;
	if (opts->pids_max) {
		snprintf(value, sizeof(value), "%ld", opts->pids_max);
		if (set_file(cg->name, "pids.max", value) < 0)
			goto unavailable;
	}
	if (opts->memory_high && set_file(cg->name, "memory.high", opts->memory_high) < 0)
		goto unavailable;
	if (opts->memory_max && set_file(cg->name, "memory.max", opts->memory_max) < 0)
		goto unavailable;
	if (opts->io_limits[0] && (io_max_line(opts, line, sizeof(line)) < 0 ||
	    set_file(cg->name, "io.max", line) < 0))
		goto unavailable;
	if (opts->cpu_quota) {
		snprintf(value, sizeof(value), "%ld 100000", opts->cpu_quota);
		if (set_file(cg->name, "cpu.max", value) < 0)
			goto unavailable;
	}
	if (opts->cpu_weight) {
		snprintf(value, sizeof(value), "%d", opts->cpu_weight);
		if (set_file(cg->name, "cpu.weight", value) < 0)
			goto unavailable;
	}
	if (open_procs(cg) < 0)
		goto unavailable;
	return 0;
unavailable:
	/* Without a limit the container runs in isolate's own cgroup. */
	err = errno;
	container_cgroup_leave(cg);
	if (!limited(opts))
		return 0;
	errno = err;
	return step_failed("cgroup", cg->name[0] ? cg->name : CGROUP_MOUNT);
}

int
container_cgroup_enter(const struct isolate_options *opts, int fd)
{
	/* "0": the writer itself, the container's first process. */
	if (told(write(fd, "0", 1), "write cgroup.procs \"0\"") == 1 || !limited(opts))
		return 0;
	return step_failed("cgroup", "cgroup.procs");
}

/* Is the group frozen, by its cgroup.events? */
static int
is_frozen(const struct container_cgroup *cg)
{
	char path[4096], text[256];
	ssize_t n = -1;
	int fd;

	cgroup_path(cg->name, path, sizeof(path));
	strncat(path, "/cgroup.events", sizeof(path) - strlen(path) - 1);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd >= 0) {
		n = read(fd, text, sizeof(text) - 1);
		close(fd);
	}
	text[n > 0 ? n : 0] = '\0';
	return strstr(text, "frozen 1") != NULL;
}

int
container_cgroup_freeze(struct container_cgroup *cg, int frozen)
{
	struct timespec tick = { 0, 1000000 };	/* 1 ms */

	if (!cg->made)
		return -1;
	if (set_file(cg->name, "cgroup.freeze", frozen ? "1" : "0") < 0)
		return -1;
	/* Freezing completes on its own time (Linux's is asynchronous):
	 * wait for it, for at most FREEZE_WAIT_TICKS. */
	for (int i = 0; frozen && !is_frozen(cg); i++) {
		if (i == FREEZE_WAIT_TICKS) {
			errno = ETIMEDOUT;
			return told(-1, "cgroup.events: frozen 1");
		}
		nanosleep(&tick, NULL);
	}
	return 0;
}

/* Remove the group; one with processes still in it (EBUSY) is emptied by
 * cgroup_destroy, which kills them. */
static int
remove_group(struct container_cgroup *cg)
{
	if (unlinkat(cg->base_fd, cg->leaf, AT_REMOVEDIR) == 0)
		return 0;
	return errno == EBUSY ? cgroup_destroy(cg->name) : -1;
}

void
container_cgroup_leave(struct container_cgroup *cg)
{
	if (cg->made)
		told(remove_group(cg), "cgroup_destroy(\"%s\")", cg->name);
	if (cg->base_fd >= 0)
		close(cg->base_fd);
	if (cg->dir_fd >= 0)
		close(cg->dir_fd);
	cg->made = 0;
	cg->base_fd = -1;
	cg->dir_fd = -1;
}
