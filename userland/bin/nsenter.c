/*
 * nsenter: run a program in the namespaces of another process, through
 * its /proc/PID/ns files and setns(2), as util-linux's nsenter.
 *   nsenter [-t PID] [-Uimnpu] [-r] [-w] [PROGRAM [ARGS...]]
 * The long options --user, --mount, --uts, --ipc, --net and --pid are
 * the letters; --KIND=FILE joins the namespace of FILE instead of the
 * target's (a bind mount of a /proc/PID/ns file kept by `ip netns`, say),
 * and -t is needed only for the kinds given without one and for -r, -w.
 * All the files are opened first (joining the mount namespace changes
 * what /proc shows), then joined user namespace first, so the others are
 * joined with its capabilities.  A namespace the caller is already in is
 * skipped (setns refuses to re-enter one's own user namespace).  After -U
 * the ids become 0 inside.  Joining a pid namespace affects children only,
 * so with -p nsenter forks, waits, and ends as the child ended.  -r takes
 * the target's root directory, -w its working directory.  PROGRAM
 * defaults to $SHELL, then /bin/sh.
 */
#define _GNU_SOURCE	/* setns() and CLONE_NEW* in glibc */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <grp.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "nsnames.h"
#include "runcmd.h"

#define PATH_LEN 1024
#define MAX_KINDS 8

static void
usage(void)
{
	fprintf(stderr, "usage: nsenter [-t PID] [-Uimnpu] [--KIND[=FILE]] [-r] [-w] "
	    "[PROGRAM [ARGS...]]\n");
	exit(1);
}

static void
fail(const char *step, const char *object)
{
	fprintf(stderr, "nsenter: %s: %s: %s\n", step, object, strerror(errno));
	exit(1);
}

/* The kinds the options ask for, by their option letters. */
static const struct {
	char letter;
	const char *name;
} kind_options[] = {
	{ 'U', "user" }, { 'i', "ipc" }, { 'm', "mnt" }, { 'n', "net" },
	{ 'p', "pid" }, { 'u', "uts" },
};
#define NR_KIND_OPTIONS (sizeof(kind_options) / sizeof(kind_options[0]))

static const struct option long_options[] = {
	{ "target", required_argument, NULL, 't' },
	{ "user", optional_argument, NULL, 'U' },
	{ "mount", optional_argument, NULL, 'm' },
	{ "uts", optional_argument, NULL, 'u' },
	{ "ipc", optional_argument, NULL, 'i' },
	{ "net", optional_argument, NULL, 'n' },
	{ "pid", optional_argument, NULL, 'p' },
	{ "root", no_argument, NULL, 'r' },
	{ "wd", no_argument, NULL, 'w' },
	{ NULL, 0, NULL, 0 },
};

/* The files --KIND=FILE named, by kind (NULL: the target's). */
static const char *kind_files[MAX_KINDS];

struct join {
	const struct ns_kind *kind;
	int fd;
	char path[PATH_LEN];
};

/* Is /proc/PID/ns/NAME the namespace we are in already? */
static int
already_in(const char *path, const char *name)
{
	char own[PATH_LEN];
	struct stat theirs, ours;

	snprintf(own, sizeof(own), "/proc/self/ns/%s", name);
	if (stat(path, &theirs) < 0 || stat(own, &ours) < 0)
		return 0;
	return theirs.st_ino == ours.st_ino && theirs.st_dev == ours.st_dev;
}

/* Open every wanted namespace file, in nsnames.h's order (user first). */
static int
open_all(const char *pid, unsigned long wanted, struct join joins[])
{
	int n = 0;

	for (size_t i = 0; i < ns_kinds_count; i++) {
		const struct ns_kind *kind = &ns_kinds[i];
		struct join *j = &joins[n];

		if (!(wanted & kind->flag))
			continue;
		if (kind_files[i] && strlen(kind_files[i]) >= sizeof(j->path)) {
			errno = ENAMETOOLONG;
			fail("open", kind_files[i]);
		}
		if (kind_files[i])
			snprintf(j->path, sizeof(j->path), "%s", kind_files[i]);
		else
			snprintf(j->path, sizeof(j->path), "/proc/%s/ns/%s", pid, kind->name);
		j->kind = kind;
		j->fd = open(j->path, O_RDONLY | O_CLOEXEC);
		if (j->fd < 0)
			fail("open", j->path);
		if (already_in(j->path, kind->name)) {
			close(j->fd);
			continue;
		}
		n++;
	}
	return n;
}

static int
open_dir(const char *pid, const char *which)
{
	char path[PATH_LEN];
	int fd;

	snprintf(path, sizeof(path), "/proc/%s/%s", pid, which);
	fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		fail("open", path);
	return fd;
}

/* Become root of the user namespace just joined, as util-linux does. */
static void
become_root(void)
{
	if (setgroups(0, NULL) < 0 && errno != EPERM)
		fail("setgroups", "0");
	if (setgid(0) < 0)
		fail("setgid", "0");
	if (setuid(0) < 0)
		fail("setuid", "0");
}

/* -p: only children enter the pid namespace; the parent waits for one. */
static void
fork_into_pid_ns(void)
{
	pid_t child = fork();

	if (child < 0)
		fail("fork", "child");
	if (child == 0)
		return;
	exit_as_child("nsenter", child);
}

static unsigned long
parse_args(int argc, char *argv[], const char **pid, int *root, int *cwd)
{
	unsigned long wanted = 0;
	int c;

	int need_pid = 0;

	while ((c = getopt_long(argc, argv, "+t:Uimnpurw", long_options, NULL)) != -1) {
		switch (c) {
		case 't': *pid = optarg; continue;
		case 'r': *root = need_pid = 1; continue;
		case 'w': *cwd = need_pid = 1; continue;
		case '?': usage();
		}
		for (size_t i = 0; i < NR_KIND_OPTIONS; i++) {
			const struct ns_kind *kind;

			if (kind_options[i].letter != c)
				continue;
			kind = ns_kind_by_name(kind_options[i].name, strlen(kind_options[i].name));
			wanted |= kind->flag;
			kind_files[kind - ns_kinds] = optarg;
			if (optarg == NULL)
				need_pid = 1;
		}
	}
	if (*pid == NULL ? need_pid || wanted == 0 :
	    strspn(*pid, "0123456789") != strlen(*pid) || **pid == '\0')
		usage();
	return wanted;
}

int
main(int argc, char *argv[])
{
	struct join joins[MAX_KINDS];
	const char *pid = NULL;
	int want_root = 0, want_cwd = 0, root_fd = -1, cwd_fd = -1, entered_pid = 0;
	unsigned long wanted = parse_args(argc, argv, &pid, &want_root, &want_cwd);
	int n = open_all(pid, wanted, joins);

	if (want_root)
		root_fd = open_dir(pid, "root");
	if (want_cwd)
		cwd_fd = open_dir(pid, "cwd");
	for (int i = 0; i < n; i++) {
		if (setns(joins[i].fd, joins[i].kind->flag) < 0)
			fail("setns", joins[i].path);
		close(joins[i].fd);
		if (joins[i].kind->flag == CLONE_NEWUSER)
			become_root();
		if (joins[i].kind->flag == CLONE_NEWPID)
			entered_pid = 1;
	}
	if (root_fd >= 0 && (fchdir(root_fd) < 0 || chroot(".") < 0))
		fail("chroot", "target's root");
	if (cwd_fd >= 0 ? fchdir(cwd_fd) < 0 : root_fd >= 0 && chdir("/") < 0)
		fail("chdir", "target's working directory");
	if (entered_pid)
		fork_into_pid_ns();
	return exec_command_or_shell("nsenter", argv + optind);
}
