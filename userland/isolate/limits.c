/*
 * limits.c - the container's cgroup: every container gets one of its own
 * when the cgroup v2 tree is there and writable, and --pids N sets its
 * pids.max.  Where: root's containers go in /sys/fs/cgroup/isolate/PID
 * (isolate's pid; "isolate" is made on first use, with the pids
 * controller handed down to it), another user's in
 * /sys/fs/cgroup/user/UID/isolate-PID, the subtree login delegates to
 * each user (userland/login).  --cpus F sets cpu.max to F * 100000 per
 * 100000 us and --cpu-weight N cpu.weight (the cpu controller is handed
 * down only then).  Without that tree the container simply stays in
 * isolate's cgroup, unless --pids, --cpus or --cpu-weight asked for a
 * limit: then isolate fails rather than run PROGRAM unlimited.  The group is removed
 * (what is left in it killed) when PROGRAM has ended.
 */
#include "cgroup.h"	/* quoted: natively it is found by -iquote (userland.mk) */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/statfs.h>
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

/* root's base group, made on first use; the pids and cpu controllers
 * are handed down to it only for a container that has such a limit
 * (--pids, --cpus, --cpu-weight): the others need the group alone, and
 * each write costs. */
static int
make_root_base(int pids, int cpu)
{
	if (pids && set_file(CGROUP_MOUNT, "cgroup.subtree_control", "+pids") < 0)
		return -1;
	if (cpu && set_file(CGROUP_MOUNT, "cgroup.subtree_control", "+cpu") < 0)
		return -1;
	if (told(cgroup_create("isolate"), "cgroup_create(\"isolate\")") < 0 && errno != EEXIST)
		return -1;
	if (pids && set_file("isolate", "cgroup.subtree_control", "+pids") < 0)
		return -1;
	return cpu ? set_file("isolate", "cgroup.subtree_control", "+cpu") : 0;
}

static int
make_group(struct container_cgroup *cg, int pids, int cpu)
{
	char base[64], path[4096];

	if (getuid() == 0) {
		snprintf(base, sizeof(base), "isolate");
		snprintf(cg->name, sizeof(cg->name), "isolate/%d", (int)getpid());
		if (make_root_base(pids, cpu) < 0)
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
	char value[24];
	int err, cpu = opts->cpu_quota || opts->cpu_weight;

	cg->made = 0;
	cg->name[0] = '\0';
	if (!tree_present() || make_group(cg, opts->pids_max != 0, cpu) < 0)
		goto unavailable;
	snprintf(value, sizeof(value), "%ld", opts->pids_max);
	if (opts->pids_max && set_file(cg->name, "pids.max", value) < 0)
		goto unavailable;
	snprintf(value, sizeof(value), "%ld 100000", opts->cpu_quota);
	if (opts->cpu_quota && set_file(cg->name, "cpu.max", value) < 0)
		goto unavailable;
	snprintf(value, sizeof(value), "%d", opts->cpu_weight);
	if (opts->cpu_weight && set_file(cg->name, "cpu.weight", value) < 0)
		goto unavailable;
	if (told(cgroup_add(cg->name, child), "cgroup_add(\"%s\", %d)", cg->name, (int)child) < 0)
		goto unavailable;
	return 0;
unavailable:
	/* Without a limit the container runs in isolate's own cgroup. */
	err = errno;
	container_cgroup_leave(cg);
	if (!opts->pids_max && !cpu)
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
