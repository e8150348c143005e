/*
 * isolate: run PROGRAM in new namespaces, as PID 1 of its own pid
 * namespace, with the caller's ids mapped to root (or --map) inside.
 *
 *   isolate [-v] [--hostname NAME] [--root DIR] [--bind SRC:DST[:ro]]...
 *           [--share NS[,NS...]] [--map UID[:GID]] [--env NAME=VALUE]...
 *           [--workdir DIR] [--pids N] [--cpus FRACTION] [--cpu-weight N]
 *           [--cap-add CAP]... [--cap-drop CAP|all]...
 *           [--seccomp default|none|FILE] [--no-new-privs] PROGRAM [ARGS...]
 *
 * PROGRAM runs with the capability bounding set reduced to Docker's
 * default list (changed by --cap-add and --cap-drop), no_new_privs, and a
 * seccomp filter refusing with EPERM what a container must not do
 * (options.c's default_filter), or the raw struct sock_filter array in
 * FILE; --seccomp none installs no filter.
 *
 * This file is the parent's side: clone() the child into the new
 * namespaces, write its uid_map and gid_map from outside (the child waits
 * on a pipe until they are written: before that it has no uid inside and
 * could not set its world up), hand it the terminal, and wait.  The
 * child's side is container.c.  Before the child may go on, it is moved
 * into a cgroup of its own (limits.c), which goes when PROGRAM has ended.
 *
 * Job control.  PROGRAM gets a process group of its own, which becomes
 * the terminal's foreground group, so ^C and ^Z go to PROGRAM as to any
 * foreground job (a pid namespace's init ignores signals it has no
 * handler for: that is Linux's rule, not ours).  When PROGRAM stops,
 * isolate takes the terminal back and stops itself, so the caller's shell
 * sees its job stop; when the shell continues isolate in the foreground,
 * isolate gives the terminal to PROGRAM again and continues it.
 *
 * Exit status: PROGRAM's, or 128+N when signal N killed it; 125 when
 * isolate itself failed, 126/127 when PROGRAM could not be executed, 2 for
 * a bad command line.  If isolate dies, PR_SET_PDEATHSIG kills PROGRAM, and
 * with it the whole pid namespace.
 */
#define _GNU_SOURCE	/* CLONE_*, pipe2 and sethostname in glibc */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <linux/audit.h>

#include "isolate.h"
#include "nsnames.h"

#define EXIT_USAGE 2
#define SIGNAL_STATUS_BASE 128
#define MAP_LINE_MAX 64
#define PROC_PATH_MAX 64

static void
usage(FILE *to)
{
	fprintf(to, "usage: isolate [-hv] [--hostname NAME] [--root DIR] "
	    "[--bind SRC:DST[:ro]] [--share NS[,NS...]] [--map UID[:GID]] "
	    "[--env NAME=VALUE] [--workdir DIR] [--pids N] [--cpus FRACTION] [--cpu-weight N] "
	    "[--cap-add CAP] [--cap-drop CAP|all] "
	    "[--seccomp default|none|FILE] [--no-new-privs] PROGRAM [ARGS...]\n");
}

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
 * must deny setgroups before gid_map (user_namespaces(7)).
 */
static int
write_id_maps(const struct isolate_options *opts, pid_t child)
{
	char dirpath[PROC_PATH_MAX], path[PROC_PATH_MAX + 16], line[MAP_LINE_MAX];
	int rc = -1;

	/* The child's /proc directory once, and the three files in it. */
	snprintf(dirpath, sizeof(dirpath), "/proc/%d", (int)child);
	int dir = open(dirpath, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dir < 0) {
		told(-1, "open %s", dirpath);
		return step_failed("open", dirpath);
	}
	snprintf(path, sizeof(path), "%s/setgroups", dirpath);
	if (write_proc_file(dir, "setgroups", path, "deny\n") < 0)
		goto out;
	snprintf(path, sizeof(path), "%s/uid_map", dirpath);
	map_line(line, sizeof(line), opts->inside_uid, geteuid());
	if (write_proc_file(dir, "uid_map", path, line) < 0)
		goto out;
	snprintf(path, sizeof(path), "%s/gid_map", dirpath);
	map_line(line, sizeof(line), opts->inside_gid, getegid());
	rc = write_proc_file(dir, "gid_map", path, line);
out:
	close(dir);
	return rc;
}

/*
 * tcsetpgrp from a background group raises SIGTTOU; isolate moves the
 * terminal on PROGRAM's behalf, so it blocks that signal meanwhile.
 */
static void
give_terminal(pid_t pgrp)
{
	sigset_t ttou, old;

	sigemptyset(&ttou);
	sigaddset(&ttou, SIGTTOU);
	sigprocmask(SIG_BLOCK, &ttou, &old);
	if (told(tcsetpgrp(STDIN_FILENO, pgrp), "tcsetpgrp(0, %d)", (int)pgrp) < 0)
		step_failed("tcsetpgrp", "standard input");
	sigprocmask(SIG_SETMASK, &old, NULL);
}

/* Fork into the new namespaces: the child returns 0, as from fork(). */
static pid_t
clone_child(unsigned long flags)
{
	char names[256];
	long pid;

	clone_flags_name(flags, names, sizeof(names));
	/* No stack given: the child runs on a copy of ours, as after fork. */
	pid = syscall(SYS_clone, flags, 0, 0, 0, 0);
	if (pid == 0)
		return 0;
	if (told(pid, "clone(%s)", names) < 0)
		step_failed("clone", names);
	return pid;
}

/* PROGRAM stopped: stop isolate too, and continue both when told to. */
static void
follow_stop(pid_t child, int job_control)
{
	if (job_control)
		give_terminal(getpgrp());
	told(kill(getpid(), SIGSTOP), "kill(%d, SIGSTOP)", (int)getpid());
	/* Continued: in the foreground again (fg) or in the background (bg). */
	if (job_control && tcgetpgrp(STDIN_FILENO) == getpgrp())
		give_terminal(child);
	told(kill(child, SIGCONT), "kill(%d, SIGCONT)", (int)child);
}

static int
wait_for(pid_t child, int job_control)
{
	int status;

	for (;;) {
		pid_t pid = waitpid(child, &status, WUNTRACED);

		if (pid < 0 && errno == EINTR)
			continue;
		if (pid < 0) {
			step_failed("waitpid", "PROGRAM");
			return ISOLATE_FAILED;
		}
		if (WIFSTOPPED(status)) {
			follow_stop(child, job_control);
			continue;
		}
		if (job_control)
			give_terminal(getpgrp());
		if (WIFSIGNALED(status)) {
			told(pid, "waitpid(%d) killed by signal %d", (int)child, WTERMSIG(status));
			return SIGNAL_STATUS_BASE + WTERMSIG(status);
		}
		told(pid, "waitpid(%d) exited %d", (int)child, WEXITSTATUS(status));
		return WEXITSTATUS(status);
	}
}

/*
 * Everything the child needs before it may go on: the maps, its own
 * process group and the terminal.  On failure the child is killed.
 */
static int
prepare_child(const struct isolate_options *opts, pid_t child, int job_control)
{
	if ((opts->new_ns & CLONE_NEWUSER) && write_id_maps(opts, child) < 0)
		return -1;
	if (job_control) {
		if (told(setpgid(child, child), "setpgid(%d, %d)", (int)child, (int)child) < 0)
			return step_failed("setpgid", "PROGRAM");
		give_terminal(child);
	}
	return 0;
}

static int
run(const struct isolate_options *opts)
{
	struct container_cgroup cg;
	int sync_pipe[2], job_control, status;
	pid_t child;

	if (told(pipe2(sync_pipe, O_CLOEXEC), "pipe2(O_CLOEXEC)") < 0) {
		step_failed("pipe2", "sync pipe");
		return ISOLATE_FAILED;
	}
	job_control = isatty(STDIN_FILENO) && tcgetpgrp(STDIN_FILENO) == getpgrp();
	fflush(stdout);	/* picolibc's fflush takes no NULL */
	child = clone_child(opts->new_ns | SIGCHLD);
	if (child == 0) {
		close(sync_pipe[1]);
		_exit(container_main(opts, sync_pipe[0]));
	}
	close(sync_pipe[0]);
	/* A child killed before it read the pipe must not take isolate with it. */
	signal(SIGPIPE, SIG_IGN);
	if (child < 0) {
		close(sync_pipe[1]);
		return ISOLATE_FAILED;
	}
	if (container_cgroup_join(opts, child, &cg) < 0 ||
	    prepare_child(opts, child, job_control) < 0) {
		kill(child, SIGKILL);
		close(sync_pipe[1]);
		waitpid(child, NULL, 0);
		container_cgroup_leave(&cg);
		return ISOLATE_FAILED;
	}
	told(write(sync_pipe[1], "", 1), "write sync pipe");
	close(sync_pipe[1]);
	status = wait_for(child, job_control);
	container_cgroup_leave(&cg);
	return status;
}

#if defined(__riscv)
#define NATIVE_ARCH AUDIT_ARCH_RISCV64
#elif defined(__x86_64__)
#define NATIVE_ARCH AUDIT_ARCH_X86_64
#elif defined(__aarch64__)
#define NATIVE_ARCH AUDIT_ARCH_AARCH64
#endif

/* The filter PROGRAM gets, into opts (before the clone: FILE is a path of
 * the caller's world).  FILE must hold whole instructions, 1 to
 * BPF_MAXINSNS of them. */
static int
load_filter(struct isolate_options *opts)
{
	static struct sock_filter prog[BPF_MAXINSNS + 1];
	ssize_t n, len = 0;
	int fd;

	if (opts->seccomp == ISOLATE_SECCOMP_DEFAULT) {
		opts->filter_len = default_filter(prog, NATIVE_ARCH);
		opts->filter = prog;
		return 0;
	}
	if (opts->seccomp != ISOLATE_SECCOMP_FILE)
		return 0;
	fd = open(opts->seccomp_file, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return step_failed("seccomp", opts->seccomp_file);
	while ((size_t)len < sizeof(prog) &&
	    (n = read(fd, (char *)prog + len, sizeof(prog) - len)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			close(fd);
			return step_failed("seccomp", opts->seccomp_file);
		}
		len += n;
	}
	close(fd);
	if (len == 0 || len % sizeof(prog[0]) || len > BPF_MAXINSNS * (ssize_t)sizeof(prog[0])) {
		errno = EINVAL;
		return step_failed("seccomp", opts->seccomp_file);
	}
	opts->filter = prog;
	opts->filter_len = len / sizeof(prog[0]);
	return 0;
}

int
main(int argc, char *argv[])
{
	struct isolate_options opts;
	char msg[ISOLATE_MSG_MAX];

	switch (options_parse(&opts, argc, argv, msg, sizeof(msg))) {
	case PARSE_HELP:
		usage(stdout);
		return 0;
	case PARSE_ERROR:
		fprintf(stderr, "isolate: %s\n", msg);
		usage(stderr);
		return EXIT_USAGE;
	case PARSE_RUN:
		break;
	}
	step_verbose = opts.verbose;
	if (load_filter(&opts) < 0)
		return ISOLATE_FAILED;
	return run(&opts);
}
