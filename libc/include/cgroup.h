/*
 * cgroup.h - cgroup v2 through its file interface, mounted at
 * CGROUP_MOUNT (/sys/fs/cgroup).  Not a Linux libc header: a small layer
 * of this project's libc, written in plain POSIX so that a program using
 * it also builds natively (isolate does, compiling libc/src/cgroup.c).
 *
 * A group is named by a path relative to the mount ("isolate/42") or by
 * an absolute path.  Every function returns 0, or -1 with errno set by the
 * file operation that failed (so Linux's errors come through: EEXIST,
 * EAGAIN past cgroup.max.*, EBUSY for the no-internal-process rule or a
 * populated group, EACCES without delegation, ENOENT for a controller the
 * parent does not hand on, EAGAIN from fork past pids.max).
 *
 * Making a group with a pids limit and joining it:
 *
 *	cgroup_set_limit("", "cgroup.subtree_control", "+pids");
 *	cgroup_create("jobs");
 *	cgroup_set_limit("jobs", "pids.max", "20");
 *	cgroup_add("jobs", 0);
 */
#ifndef _CGROUP_H
#define _CGROUP_H

#include <sys/types.h>

#define CGROUP_MOUNT "/sys/fs/cgroup"

#ifdef __cplusplus
extern "C" {
#endif

/* The directory of group name, in buf: 0, or -1 with ENAMETOOLONG. */
int cgroup_path(const char *name, char *buf, size_t size);

/* Make group name (mode 0755, owned by the caller); EEXIST if it is there. */
int cgroup_create(const char *name);

/* Move process pid (0: the caller) and all its threads into name. */
int cgroup_add(const char *name, pid_t pid);

/* Write value to the group's file ("pids.max", "cgroup.freeze",
 * "cgroup.subtree_control" ...) in one write, as the kernel wants. */
int cgroup_set_limit(const char *name, const char *file, const char *value);

/* Remove name.  If processes are still in it (EBUSY), they are killed
 * through cgroup.kill first and waited for (until cgroup.events says
 * "populated 0", at most a few seconds). */
int cgroup_destroy(const char *name);

#ifdef __cplusplus
}
#endif

#endif
