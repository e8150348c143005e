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
#include "netpool.h"

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
long tell_result(long rc, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Without -v nothing is formatted, nor are the arguments computed. */
#define told(rc, ...) (step_verbose ? tell_result((rc), __VA_ARGS__) : (long)(rc))

/* Under -v, "isolate: WHAT" for a step with no result to show (execvp). */
void tell(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* "isolate: STEP: OBJECT: strerror(errno)"; returns -1. */
int step_failed(const char *step, const char *object);

/* What the child is given besides the options, fixed before the clone. */
struct container_start {
	int cgroup_fd;		/* the group's cgroup.procs, or -1 */
	int net_fd;		/* --net veth: the lease comes through it; or -1 */
	int net_wfd;		/* its other end, isolate's: the child closes it */
	uid_t uid;		/* isolate's effective ids, mapped to opts->inside_* */
	gid_t gid;
};

/*
 * The container's side, run in the child made by clone() (sharing
 * isolate's memory until it executes PROGRAM): moves itself into the
 * cgroup, writes its own id maps, sets up the hostname, the mounts and the
 * root, and executes PROGRAM (in isolate's process group).  Returns only
 * on failure, with the status the child should exit with.
 */
int container_main(const struct isolate_options *opts, const struct container_start *start);

/* net.c: the container's network.  DEFAULT becomes VETH or NONE. */
void container_net_resolve(struct isolate_options *opts);
/* isolate's side: the pair for the child's namespace (told): 0 or -1. */
int container_net_attach(pid_t child, struct netpool_lease *lease);
/* The child's side: lo up, and with a lease eth0 with its address and
 * default route (told): 0 or -1. */
int container_net_inside(const struct netpool_lease *lease);

/* publish.c: bind the --publish ports and fork the proxy relaying them to
 * the container: its pid, or -1 (told). */
pid_t publish_start(const struct isolate_options *opts, const struct netpool_lease *lease);

/* tcsetpgrp(0, pgrp) with SIGTTOU blocked meanwhile (told). */
void give_terminal(pid_t pgrp);

/* limits.c: the container's own cgroup (see there for where). */
struct container_cgroup {
	char name[128];		/* relative to CGROUP_MOUNT */
	char leaf[32];		/* its last component */
	int base_fd;		/* the parent group's directory, or -1 */
	int made;		/* to be removed when the container ends */
	int procs_fd;		/* its cgroup.procs, open for the child; or -1 */
	int dir_fd;		/* or its directory, to clone the child into; or -1 */
};

/*
 * On riscv isolate clones the child straight into its cgroup (clone3's
 * CLONE_INTO_CGROUP, Linux 5.7 and later): the child has no cgroup.procs
 * to write.  Elsewhere (a native build) the child moves itself in.
 */
#if defined(__riscv)
#define ISOLATE_CLONE_INTO_CGROUP 1
#endif
/* Make the group, set --pids and --memory(-high), and open its
 * directory to clone the child into (dir_fd) or its cgroup.procs for the
 * child to move itself in (procs_fd): 0 (both -1 when there is no tree
 * to use and no limit was asked for), or -1 (told) when a limit was asked
 * for and cannot be had. */
int container_cgroup_make(const struct isolate_options *opts, struct container_cgroup *cg);
/* The child's first step: into the group through fd (its cgroup.procs). */
int container_cgroup_enter(const struct isolate_options *opts, int fd);
/* cgroup.freeze: 1 freezes the group (0 once cgroup.events says it is
 * frozen), 0 thaws it; -1 (told) without a group or on failure. */
int container_cgroup_freeze(struct container_cgroup *cg, int frozen);
/* Remove the group, killing whatever is left in it. */
void container_cgroup_leave(struct container_cgroup *cg);

#endif
