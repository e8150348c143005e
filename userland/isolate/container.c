/*
 * container.c - the container's side of isolate: everything the child of
 * clone() does between its birth in the new namespaces and the execve of
 * PROGRAM.  It owns nothing the parent uses; a failure is told with its
 * step and object, and the child exits without running PROGRAM, so a
 * half-built container never runs anything.
 *
 * The child shares isolate's memory until execvp (CLONE_VM | CLONE_VFORK:
 * isolate sleeps meanwhile), on a stack of its own; with --net veth it is
 * a copy instead, since isolate must act meanwhile.  Order matters:
 *   1. ask for SIGKILL when isolate dies, and move into the container's
 *      cgroup (isolate opened its cgroup.procs), unless it was cloned
 *      into it (clone3's CLONE_INTO_CGROUP, on riscv);
 *   2. write its own setgroups ("deny"), uid_map and gid_map: one line
 *      mapping isolate's ids, which a process may write for itself
 *      (user_namespaces(7)); until then it has no uid inside;
 *   3. the hostname (the uts namespace belongs to the new user namespace),
 *      and the network: lo up, and for --net veth eth0 (net.c), once
 *      isolate has made the pair (the child waits for it first of all);
 *   4. / made private recursively, so no mount below leaks to the caller;
 *   5. --root bound onto itself, --bind mounts inside it, a new /proc
 *      (for a new pid namespace) while the old one is still visible (Linux refuses a proc mount in
 *      a user namespace that has no fully visible proc already), then
 *      pivot_root into the new root and the old one detached;
 *   6. --workdir, --env;
 *   7. last, just before execvp, what PROGRAM may do: the capability
 *      bounding set reduced to opts->caps, no_new_privs, and the seccomp
 *      filter (after it, isolate's own set-up calls might be refused).
 */
#define _GNU_SOURCE	/* CLONE_*, pipe2 and sethostname in glibc */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <linux/seccomp.h>

#include "isolate.h"

#define MAP_LINE_MAX 64
#define PROC_MOUNT_FLAGS (MS_NOSUID | MS_NODEV | MS_NOEXEC)
/*
 * Flags a read-only bind remount must keep: a mount inherited from a more
 * privileged user namespace has them locked, and a remount that drops one
 * is refused.  statfs reports them as ST_* bits equal to these MS_* bits,
 * except ST_RELATIME, whose value is MS_BIND's.
 */
#define KEPT_MOUNT_FLAGS (MS_NOSUID | MS_NODEV | MS_NOEXEC | MS_NOATIME | MS_NODIRATIME)
#define ST_RELATIME_BIT 0x1000

/* The whole of text into name under dir (path says both, for the
 * messages), as one write (the map files insist). */
static int
write_proc_file(int dir, const char *name, const char *path, const char *text)
{
	size_t len = strlen(text);
	int fd, rc = -1, saved;

	fd = openat(dir, name, O_WRONLY | O_CLOEXEC);
	if (fd >= 0) {
		rc = write(fd, text, len) == (ssize_t)len ? 0 : -1;
		saved = errno;
		close(fd);
		errno = saved;
	}
	told(rc, "write %s \"%.*s\"", path, (int)strcspn(text, "\n"), text);
	return rc < 0 ? step_failed("write", path) : 0;
}

/*
 * An unprivileged writer may map only its own ids, one line each, and
 * must deny setgroups before gid_map (user_namespaces(7)).  The three
 * files are reached from one open of /proc/self.
 */
static int
write_id_maps(const struct isolate_options *opts, const struct container_start *start)
{
	char line[MAP_LINE_MAX];
	int dir, rc = -1;

	dir = open("/proc/self", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dir < 0) {
		told(-1, "open /proc/self");
		return step_failed("open", "/proc/self");
	}
	if (write_proc_file(dir, "setgroups", "/proc/self/setgroups", "deny\n") < 0)
		goto out;
	map_line(line, sizeof(line), opts->inside_uid, start->uid);
	if (write_proc_file(dir, "uid_map", "/proc/self/uid_map", line) < 0)
		goto out;
	map_line(line, sizeof(line), opts->inside_gid, start->gid);
	rc = write_proc_file(dir, "gid_map", "/proc/self/gid_map", line);
out:
	close(dir);
	return rc;
}

static int
set_hostname(const char *name)
{
	if (told(sethostname(name, strlen(name)), "sethostname(\"%s\")", name) < 0)
		return step_failed("sethostname", name);
	return 0;
}

static int
do_mount(const char *source, const char *target, const char *type,
    unsigned long flags)
{
	char names[256];
	long rc = mount(source, target, type, flags, NULL);

	names[0] = '\0';	/* not the whole buffer: this is every mount's path */
	if (rc < 0 || step_verbose) {	/* naming them costs: only when told */
		int saved = errno;
		mount_flags_name(flags, names, sizeof(names));
		errno = saved;
	}
	if (told(rc, "mount(\"%s\", \"%s\", %s%s%s, %s)", source ? source : "none", target,
	    type ? "\"" : "", type ? type : "NULL", type ? "\"" : "", names) < 0)
		return step_failed("mount", target);
	return 0;
}

/* path under the new root, or as it is without one. */
static void
inside(const struct isolate_options *opts, const char *path, char *buf, size_t size)
{
	if (str_join(buf, size, (const char *const[]){ opts->root ? opts->root : "",
	    opts->root && strcmp(path, "/") == 0 ? "" : path, NULL }) < 0)
		buf[0] = '\0';	/* too long: no such path, the call fails */
}

/* noinline: its PATH_MAX buffer is on the stack only for a --bind (see
 * mount_proc_under_root) */
static __attribute__((noinline)) int
bind_one(const struct isolate_options *opts, const struct bind *bind)
{
	char target[PATH_MAX];
	struct statfs st;
	unsigned long kept;

	inside(opts, bind->target, target, sizeof(target));
	if (do_mount(bind->source, target, NULL, MS_BIND | MS_REC) < 0)
		return -1;
	if (!bind->read_only)
		return 0;
	if (statfs(target, &st) < 0)
		return step_failed("statfs", target);
	kept = st.f_flags & KEPT_MOUNT_FLAGS;
	if (st.f_flags & ST_RELATIME_BIT)
		kept |= MS_RELATIME;
	return do_mount(NULL, target, NULL, MS_REMOUNT | MS_BIND | MS_RDONLY | kept);
}

/* Make opts->root the root: the old one stays reachable nowhere. */
static int
enter_root(const char *root)
{
	if (told(chdir(root), "chdir(\"%s\")", root) < 0)
		return step_failed("chdir", root);
	/*
	 * The old root is stacked on "." by this call, and detached below.
	 * glibc has no pivot_root(), hence syscall().
	 */
	if (told(syscall(SYS_pivot_root, ".", "."), "pivot_root(\".\", \".\")") < 0)
		return step_failed("pivot_root", root);
	if (told(umount2(".", MNT_DETACH), "umount2(\".\", MNT_DETACH)") < 0)
		return step_failed("umount2", "old root");
	if (told(chdir("/"), "chdir(\"/\")") < 0)
		return step_failed("chdir", "/");
	return 0;
}

/*
 * /proc: a proc mount belongs to the mounter's pid namespace, and only a
 * new one is ours to mount; with --share pid a new root gets the old
 * /proc.  Under --root, the path is built in a buffer of this function's
 * own (noinline), so that the common case keeps the child's stack short:
 * it runs on a stack of its own, whose every page touched is a fault.
 */
static __attribute__((noinline)) int
mount_proc_under_root(const struct isolate_options *opts)
{
	char proc[PATH_MAX];

	inside(opts, "/proc", proc, sizeof(proc));
	if (opts->new_ns & CLONE_NEWPID)
		return do_mount("proc", proc, "proc", PROC_MOUNT_FLAGS);
	return do_mount("/proc", proc, NULL, MS_BIND | MS_REC);
}

static int
set_up_mounts(const struct isolate_options *opts)
{
	if (do_mount(NULL, "/", NULL, MS_REC | MS_PRIVATE) < 0)
		return -1;
	if (opts->root && do_mount(opts->root, opts->root, NULL, MS_BIND | MS_REC) < 0)
		return -1;
	for (int i = 0; i < opts->nbinds; i++)
		if (bind_one(opts, &opts->binds[i]) < 0)
			return -1;
	if (opts->root)
		return mount_proc_under_root(opts) < 0 ? -1 : enter_root(opts->root);
	if ((opts->new_ns & CLONE_NEWPID) && do_mount("proc", "/proc", "proc", PROC_MOUNT_FLAGS) < 0)
		return -1;
	return 0;
}

/* What isolate blocked for itself must not reach PROGRAM. */
static void
restore_signals(void)
{
	sigset_t none;

	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
}

/* The bounding set, no_new_privs and the filter (step 6). */
static int
limit_program(const struct isolate_options *opts)
{
	for (int cap = 0; cap < ISOLATE_NCAPS; cap++) {
		if ((opts->caps >> cap) & 1)
			continue;
		/* One call a capability: a kernel that knows fewer says EINVAL
		 * for the ones past its last, which are not there to drop. */
		int rc = prctl(PR_CAPBSET_DROP, cap, 0, 0, 0);
		if (rc < 0 && errno == EINVAL)
			continue;
		if (told(rc, "prctl(PR_CAPBSET_DROP, %s)", cap_name(cap)) < 0)
			return step_failed("prctl(PR_CAPBSET_DROP)", cap_name(cap));
	}
	if (opts->no_new_privs &&
	    told(prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0), "prctl(PR_SET_NO_NEW_PRIVS, 1)") < 0)
		return step_failed("prctl", "PR_SET_NO_NEW_PRIVS");
	if (opts->filter) {
		struct sock_fprog prog = { (unsigned short)opts->filter_len,
		    (struct sock_filter *)opts->filter };

		if (told(syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog),
		    "seccomp(SECCOMP_SET_MODE_FILTER, 0, %u instructions)", opts->filter_len) < 0)
			return step_failed("seccomp", "SECCOMP_SET_MODE_FILTER");
	}
	return 0;
}

static int
run_program(const struct isolate_options *opts)
{
	for (int i = 0; i < opts->nenv; i++) {
		if (told(putenv(opts->env[i]), "putenv(\"%s\")", opts->env[i]) != 0) {
			step_failed("putenv", opts->env[i]);
			return ISOLATE_FAILED;
		}
	}
	if (opts->workdir && told(chdir(opts->workdir), "chdir(\"%s\")", opts->workdir) < 0) {
		step_failed("chdir", opts->workdir);
		return ISOLATE_FAILED;
	}
	if (limit_program(opts) < 0)
		return ISOLATE_FAILED;
	restore_signals();
	tell("execvp(\"%s\", ...)", opts->argv[0]);
	execvp(opts->argv[0], opts->argv);
	step_failed("execvp", opts->argv[0]);
	return errno == ENOENT ? ISOLATE_NOT_FOUND : ISOLATE_CANNOT_EXEC;
}

/* --net veth: wait until isolate has made the pair and sent the lease;
 * nothing (isolate failed, and said why) ends the child quietly. */
static int
wait_for_lease(int fd, struct netpool_lease *lease)
{
	size_t got = 0;

	while (got < sizeof(*lease)) {
		ssize_t n = read(fd, (char *)lease + got, sizeof(*lease) - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		got += (size_t)n;
	}
	close(fd);
	return 0;
}

int
container_main(const struct isolate_options *opts, const struct container_start *start)
{
	struct netpool_lease lease;

	if (told(prctl(PR_SET_PDEATHSIG, SIGKILL), "prctl(PR_SET_PDEATHSIG, SIGKILL)") < 0) {
		step_failed("prctl", "PR_SET_PDEATHSIG");
		return ISOLATE_FAILED;
	}
	if (start->cgroup_fd >= 0 && container_cgroup_enter(opts, start->cgroup_fd) < 0)
		return ISOLATE_FAILED;
	/* The child is a copy then: without isolate's end closed here, a
	 * failed isolate's closing of its own would never be seen. */
	if (start->net_wfd >= 0)
		close(start->net_wfd);
	if (start->net_fd >= 0 && wait_for_lease(start->net_fd, &lease) < 0)
		return ISOLATE_FAILED;
	if ((opts->new_ns & CLONE_NEWUSER) && write_id_maps(opts, start) < 0)
		return ISOLATE_FAILED;
	if (opts->hostname && set_hostname(opts->hostname) < 0)
		return ISOLATE_FAILED;
	if ((opts->new_ns & CLONE_NEWNET) &&
	    container_net_inside(start->net_fd >= 0 ? &lease : NULL) < 0)
		return ISOLATE_FAILED;
	if ((opts->new_ns & CLONE_NEWNS) && set_up_mounts(opts) < 0)
		return ISOLATE_FAILED;
	return run_program(opts);
}
