/*
 * limits.c - the container's cgroup: every container gets one of its own
 * when the cgroup v2 tree is there and writable, --pids N sets its
 * pids.max and --io-max DEV:KEY=VALUE,... its io.max.  Where: root's containers go in /sys/fs/cgroup/isolate/PID
 * (isolate's pid; "isolate" is made on first use, with the pids
 * controller handed down to it), another user's in
 * /sys/fs/cgroup/user/UID/isolate-PID, the subtree login delegates to
 * each user (userland/login).  Without that tree the container simply
 * stays in isolate's cgroup, unless a limit was asked for: then
 * isolate fails rather than run PROGRAM unlimited.  The group is removed
 * (what is left in it killed) when PROGRAM has ended.
 */
#include "cgroup.h"	/* quoted: natively it is found by -iquote (userland.mk) */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "isolate.h"

#define CGROUP2_MAGIC 0x63677270	/* CGROUP2_SUPER_MAGIC */

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

/* The controllers a container's limits need handed down ("+pids +io"),
 * into buf: "" for none. */
static const char *
controllers(const struct isolate_options *opts, char *buf, size_t size)
{
	snprintf(buf, size, "%s%s%s", opts->pids_max ? "+pids" : "",
	    opts->pids_max && opts->io_limits[0] ? " " : "", opts->io_limits[0] ? "+io" : "");
	return buf;
}

/* root's base group, made on first use; a controller is handed down to it
 * only for a container that has a limit of it (--pids, --io-max): the
 * others need the group alone, and each write costs. */
static int
make_root_base(const char *enable)
{
	if (enable[0] && set_file(CGROUP_MOUNT, "cgroup.subtree_control", enable) < 0)
		return -1;
	if (told(cgroup_create("isolate"), "cgroup_create(\"isolate\")") < 0 && errno != EEXIST)
		return -1;
	return enable[0] ? set_file("isolate", "cgroup.subtree_control", enable) : 0;
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

static int
make_group(struct container_cgroup *cg, const char *enable)
{
	char base[64], path[4096];

	if (getuid() == 0) {
		snprintf(base, sizeof(base), "isolate");
		snprintf(cg->name, sizeof(cg->name), "isolate/%d", (int)getpid());
		if (make_root_base(enable) < 0)
			return -1;
	} else {
		snprintf(base, sizeof(base), "user/%d", (int)getuid());
		snprintf(cg->name, sizeof(cg->name), "user/%d/isolate-%d", (int)getuid(),
		    (int)getpid());
		cgroup_path(base, path, sizeof(path));
		if (access(path, W_OK) < 0)
			return -1;
	}
	if (told(cgroup_create(cg->name), "cgroup_create(\"%s\")", cg->name) < 0)
		return -1;
	cg->made = 1;
	return 0;
}

int
container_cgroup_join(const struct isolate_options *opts, pid_t child,
    struct container_cgroup *cg)
{
	char value[24], enable[16], line[192];
	int limited = opts->pids_max || opts->io_limits[0], err;

	cg->made = 0;
	cg->name[0] = '\0';
	if (!tree_present() || make_group(cg, controllers(opts, enable, sizeof(enable))) < 0)
		goto unavailable;
	snprintf(value, sizeof(value), "%ld", opts->pids_max);
	if (opts->pids_max && set_file(cg->name, "pids.max", value) < 0)
		goto unavailable;
	if (opts->io_limits[0] && (io_max_line(opts, line, sizeof(line)) < 0 ||
	    set_file(cg->name, "io.max", line) < 0))
		goto unavailable;
	if (told(cgroup_add(cg->name, child), "cgroup_add(\"%s\", %d)", cg->name, (int)child) < 0)
		goto unavailable;
	return 0;
unavailable:
	/* Without limits the container runs in isolate's own cgroup. */
	err = errno;
	container_cgroup_leave(cg);
	if (!limited)
		return 0;
	errno = err;
	return step_failed("cgroup", cg->name[0] ? cg->name : CGROUP_MOUNT);
}

void
container_cgroup_leave(struct container_cgroup *cg)
{
	if (cg->made)
		told(cgroup_destroy(cg->name), "cgroup_destroy(\"%s\")", cg->name);
	cg->made = 0;
}
