/*
 * isolate.h - what the two halves of isolate share: the parent
 * (isolate.c), which creates the container and waits for it, and the
 * container's side (container.c), which sets its world up and becomes
 * PROGRAM.  Both report every step through step.c.
 */
#ifndef ISOLATE_H
#define ISOLATE_H

#include <sys/types.h>

#include "options.h"

/* isolate's own failures; PROGRAM's status is passed through otherwise. */
#define ISOLATE_FAILED      125
#define ISOLATE_CANNOT_EXEC 126
#define ISOLATE_NOT_FOUND   127

/* Set by -v: every step is told on standard error as it happens. */
extern int step_verbose;

/*
 * Under -v, print "isolate: CALL = RESULT", CALL formatted from fmt and
 * RESULT being rc, or "-1 (strerror)" when rc < 0.  Returns rc with errno
 * as the call left it, so it wraps a call: told(mount(...), "mount(...)").
 */
long told(long rc, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Under -v, "isolate: WHAT" for a step with no result to show (execvp). */
void tell(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* "isolate: STEP: OBJECT: strerror(errno)"; returns -1. */
int step_failed(const char *step, const char *object);

/*
 * The container's side, run in the child made by clone(): waits on
 * sync_fd until the parent has written the id maps, then sets up the
 * hostname, the mounts and the root, and executes PROGRAM.  Returns only
 * on failure, with the status the child should exit with.
 */
int container_main(const struct isolate_options *opts, int sync_fd);

/* limits.c: the container's own cgroup (see there for where). */
struct container_cgroup {
	char name[128];		/* relative to CGROUP_MOUNT */
	int made;		/* to be removed when the container ends */
};
/* Make the group, set --pids and --memory(-high), move child in: 0, or -1 (told) when a
 * limit was asked for and cannot be had. */
int container_cgroup_join(const struct isolate_options *opts, pid_t child,
    struct container_cgroup *cg);
/* Remove the group, killing whatever is left in it. */
void container_cgroup_leave(struct container_cgroup *cg);

#endif
