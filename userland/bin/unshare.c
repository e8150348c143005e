/*
 * unshare: run a program with some namespaces unshared, as util-linux's.
 *   unshare [-Ufimnpru] [--mount-proc[=DIR]] [--kill-child[=SIG]]
 *           [--map-root-user] [--map-user=UID]
 *           [--propagation private|shared|slave|unchanged] [PROGRAM [ARGS...]]
 * The process unshares itself, writes its own uid_map and gid_map (the one
 * line an unprivileged process may write, setgroups denied first), and
 * with -f forks: the child is the first process of a new pid namespace.
 * A new mount namespace is made private recursively unless --propagation
 * says otherwise.  With -f, the exit status is the child's, and a child
 * killed by a signal kills unshare with the same signal.  PROGRAM defaults
 * to $SHELL, then /bin/sh.
 */
#define _GNU_SOURCE	/* CLONE_NEW* and unshare() in glibc */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "nsnames.h"
#include "runcmd.h"
#include "signame.h"

#define PROC_MOUNT_FLAGS (MS_NOSUID | MS_NODEV | MS_NOEXEC)
#define MAP_LINE_MAX 64
#define FLAG_NAMES_MAX 256
#define EXIT_USAGE 1
#define NO_PROPAGATION 0	/* --propagation unchanged */

enum long_only { OPT_MOUNT_PROC = 256, OPT_KILL_CHILD, OPT_MAP_USER, OPT_PROPAGATION };

static const struct option long_options[] = {
	{ "user", no_argument, NULL, 'U' },
	{ "mount", no_argument, NULL, 'm' },
	{ "uts", no_argument, NULL, 'u' },
	{ "ipc", no_argument, NULL, 'i' },
	{ "net", no_argument, NULL, 'n' },
	{ "pid", no_argument, NULL, 'p' },
	{ "fork", no_argument, NULL, 'f' },
	{ "map-root-user", no_argument, NULL, 'r' },
	{ "map-user", required_argument, NULL, OPT_MAP_USER },
	{ "mount-proc", optional_argument, NULL, OPT_MOUNT_PROC },
	{ "kill-child", optional_argument, NULL, OPT_KILL_CHILD },
	{ "propagation", required_argument, NULL, OPT_PROPAGATION },
	{ NULL, 0, NULL, 0 },
};

struct unshare_options {
	unsigned long flags;		/* CLONE_NEW* */
	int fork;
	int map;			/* write uid_map */
	int map_root_group;		/* -r: gid_map too, the group as 0 */
	unsigned long map_uid;		/* the uid inside */
	const char *proc_dir;		/* --mount-proc, or NULL */
	int kill_signal;		/* --kill-child, or 0 */
	unsigned long propagation;	/* MS_* for /, or NO_PROPAGATION */
};

static void
usage(void)
{
	fprintf(stderr, "usage: unshare [-Ufimnpru] [--mount-proc[=DIR]] [--kill-child[=SIG]]\n"
	    "               [--map-root-user] [--map-user=UID]\n"
	    "               [--propagation private|shared|slave|unchanged] [PROGRAM [ARGS...]]\n");
	exit(EXIT_USAGE);
}

static void
fail(const char *step, const char *object)
{
	fprintf(stderr, "unshare: %s: %s: %s\n", step, object, strerror(errno));
	exit(1);
}

static unsigned long
parse_propagation(const char *word)
{
	if (strcmp(word, "private") == 0)
		return MS_REC | MS_PRIVATE;
	if (strcmp(word, "shared") == 0)
		return MS_REC | MS_SHARED;
	if (strcmp(word, "slave") == 0)
		return MS_REC | MS_SLAVE;
	if (strcmp(word, "unchanged") == 0)
		return NO_PROPAGATION;
	fprintf(stderr, "unshare: --propagation %s: not private, shared, slave or unchanged\n", word);
	usage();
	return 0;
}

static void
parse_args(int argc, char *argv[], struct unshare_options *o)
{
	char *end;
	int c;

	memset(o, 0, sizeof(*o));
	o->propagation = MS_REC | MS_PRIVATE;
	while ((c = getopt_long(argc, argv, "+Umuinpfr", long_options, NULL)) != -1) {
		switch (c) {
		case 'U': o->flags |= CLONE_NEWUSER; break;
		case 'm': o->flags |= CLONE_NEWNS; break;
		case 'u': o->flags |= CLONE_NEWUTS; break;
		case 'i': o->flags |= CLONE_NEWIPC; break;
		case 'n': o->flags |= CLONE_NEWNET; break;
		case 'p': o->flags |= CLONE_NEWPID; break;
		case 'f': o->fork = 1; break;
		case 'r':
			o->flags |= CLONE_NEWUSER;
			o->map = 1;
			o->map_root_group = 1;
			o->map_uid = 0;
			break;
		case OPT_MAP_USER:
			o->map_uid = strtoul(optarg, &end, 10);
			if (optarg[0] < '0' || optarg[0] > '9' || *end != '\0') {
				fprintf(stderr, "unshare: --map-user %s: not a number\n", optarg);
				usage();
			}
			o->flags |= CLONE_NEWUSER;
			o->map = 1;
			break;
		case OPT_MOUNT_PROC:
			o->flags |= CLONE_NEWNS;
			o->proc_dir = optarg ? optarg : "/proc";
			break;
		case OPT_KILL_CHILD:
			o->fork = 1;
			o->kill_signal = optarg ? sig_number(optarg) : SIGKILL;
			if (o->kill_signal <= 0) {
				fprintf(stderr, "unshare: --kill-child %s: unknown signal\n", optarg);
				usage();
			}
			break;
		case OPT_PROPAGATION:
			o->propagation = parse_propagation(optarg);
			break;
		default:
			usage();
		}
	}
}

static void
write_file(const char *path, const char *text)
{
	size_t len = strlen(text);
	int fd = open(path, O_WRONLY | O_CLOEXEC);

	if (fd < 0 || write(fd, text, len) != (ssize_t)len)
		fail("write", path);
	close(fd);
}

/*
 * Map our own uid (taken before unshare) to o->map_uid inside; with -r
 * our group to 0 as well, setgroups denied first as an unprivileged
 * writer must.  --map-user alone leaves the groups unmapped, as util-linux.
 */
static void
write_maps(const struct unshare_options *o, uid_t uid, gid_t gid)
{
	char line[MAP_LINE_MAX];

	snprintf(line, sizeof(line), "%lu %u 1", o->map_uid, (unsigned)uid);
	write_file("/proc/self/uid_map", line);
	if (!o->map_root_group)
		return;
	write_file("/proc/self/setgroups", "deny");
	snprintf(line, sizeof(line), "0 %u 1", (unsigned)gid);
	write_file("/proc/self/gid_map", line);
}

static void
fork_child(const struct unshare_options *o)
{
	sigset_t block, old;
	pid_t pid;

	/* ^C and kill reach the child; unshare stays to report its status. */
	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	sigprocmask(SIG_BLOCK, &block, &old);
	pid = fork();
	if (pid < 0)
		fail("fork", "child");
	if (pid > 0)
		exit_as_child("unshare", pid);	/* the parent's side of -f */
	sigprocmask(SIG_SETMASK, &old, NULL);
	if (o->kill_signal && prctl(PR_SET_PDEATHSIG, o->kill_signal) < 0)
		fail("prctl", "PR_SET_PDEATHSIG");
}

int
main(int argc, char *argv[])
{
	struct unshare_options o;
	char names[FLAG_NAMES_MAX];
	uid_t uid = geteuid();
	gid_t gid = getegid();

	parse_args(argc, argv, &o);
	if (unshare(o.flags) < 0)
		fail("unshare", clone_flags_name(o.flags, names, sizeof(names)));
	if (o.map)
		write_maps(&o, uid, gid);
	if ((o.flags & CLONE_NEWNS) && o.propagation != NO_PROPAGATION &&
	    mount("none", "/", NULL, o.propagation, NULL) < 0)
		fail("mount", "/");
	if (o.fork)
		fork_child(&o);
	if (o.proc_dir) {
		if (mount("none", o.proc_dir, NULL, MS_REC | MS_PRIVATE, NULL) < 0)
			fail("mount", o.proc_dir);
		if (mount("proc", o.proc_dir, "proc", PROC_MOUNT_FLAGS, NULL) < 0)
			fail("mount", o.proc_dir);
	}
	return exec_command_or_shell("unshare", argv + optind);
}
