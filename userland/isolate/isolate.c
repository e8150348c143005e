/*
 * isolate: run PROGRAM in new namespaces, as PID 1 of its own pid
 * namespace, with the caller's ids mapped to root (or --map) inside.
 *
 *   isolate [-v] [--hostname NAME] [--root DIR] [--bind SRC:DST[:ro]]...
 *           [--share NS[,NS...]] [--map UID[:GID]] [--env NAME=VALUE]...
 *           [--workdir DIR] [--pids N] [--memory SIZE] [--memory-high SIZE]
 *           [--io-max DEV:KEY=VALUE[,...]] [--cpus FRACTION] [--cpu-weight N]
 *           [--cap-add CAP]... [--cap-drop CAP|all]...
 *           [--seccomp default|none|FILE] [--no-new-privs]
 *           [--net none|host|veth] [--publish HOSTPORT:PORT]... PROGRAM [ARGS...]
 *
 * PROGRAM runs with the capability bounding set reduced to Docker's
 * default list (changed by --cap-add and --cap-drop), no_new_privs, and a
 * seccomp filter refusing with EPERM what a container must not do
 * (options.c's default_filter), or the raw struct sock_filter array in
 * FILE; --seccomp none installs no filter.
 *
 * This file is the parent's side: make the container's cgroup (limits.c),
 * clone() the child into the new namespaces, and wait for it.  The child
 * shares isolate's memory and runs on a stack of its own until it
 * executes PROGRAM (CLONE_VM | CLONE_VFORK, as posix_spawn does: no copy
 * of the address space is made only to be thrown away, and isolate sleeps
 * meanwhile, so nothing else touches that memory).  The child's side is
 * container.c: it moves itself into the cgroup, writes its own uid_map
 * and gid_map (one line mapping the caller's ids is what an unprivileged
 * process may write for itself, as `unshare -r` does), sets its world
 * up and executes PROGRAM.  The cgroup goes when
 * PROGRAM has ended.
 *
 * Job control.  PROGRAM stays in isolate's process group, so that the
 * container is one job of the caller's shell, as any command is: ^Z sends
 * SIGTSTP to isolate too, which freezes the container's whole cgroup
 * (cgroup.freeze: every process in it stops, also one that ignores
 * SIGTSTP, as a pid namespace's init does) and stops itself, so the shell
 * sees its job stop; fg or bg continue isolate, which thaws the cgroup.
 * Without a cgroup of its own, isolate stops and continues PROGRAM with
 * SIGSTOP and SIGCONT instead.  ^C and ^\ are PROGRAM's to handle:
 * isolate ignores them.  A program inside that takes the terminal for a
 * group of its own (a shell) has it until it ends, when isolate takes it
 * back for the caller's job.
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
#include <stdint.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <linux/audit.h>
#include <linux/sched.h>	/* struct clone_args */

#include "isolate.h"
#include "nsnames.h"

#define EXIT_USAGE 2
#define SIGNAL_STATUS_BASE 128

static void
usage(FILE *to)
{
	fprintf(to, "usage: isolate [-hv] [--hostname NAME] [--root DIR] "
	    "[--bind SRC:DST[:ro]] [--share NS[,NS...]] [--map UID[:GID]] "
	    "[--env NAME=VALUE] [--workdir DIR] [--pids N] [--memory SIZE] [--memory-high SIZE] "
	    "[--io-max DEV:KEY=VALUE[,...]] [--cpus FRACTION] [--cpu-weight N] "
	    "[--cap-add CAP] [--cap-drop CAP|all] "
	    "[--seccomp default|none|FILE] [--no-new-privs] [--net none|host|veth] "
	    "[--publish HOSTPORT:PORT] PROGRAM [ARGS...]\n");
}

/*
 * tcsetpgrp from a background group raises SIGTTOU; isolate moves the
 * terminal on PROGRAM's behalf, so it blocks that signal meanwhile.
 */
void
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

/* The child's stack, while it shares isolate's memory (it needs a few
 * pages: the deepest path is a mount with PATH_MAX buffers). */
#define CHILD_STACK_SIZE (64 * 1024)
static char child_stack[CHILD_STACK_SIZE] __attribute__((aligned(16)));

struct child_args {
	const struct isolate_options *opts;
	struct container_start start;
};

static int
child_main(void *arg)
{
	const struct child_args *a = arg;

	return container_main(a->opts, &a->start);
}

#ifdef ISOLATE_CLONE_INTO_CGROUP
/*
 * clone3 with CLONE_INTO_CGROUP: the child is born in the group whose
 * directory is cgroup_fd (-1: where isolate is), on the stack given, and
 * runs fn(arg), then exits with what it returns; the parent gets the
 * child's pid or -1 with errno.  Written out for riscv (no libc has a
 * clone3 that runs a function): the child starts with the parent's
 * registers but a0 (0) and sp (the new stack), so fn and arg are kept in
 * a2 and a3 across the call.
 */
static long
clone3_run(unsigned long flags, int cgroup_fd, char *stack, size_t size, int (*fn)(void *),
    void *arg)
{
	struct clone_args ca;

	memset(&ca, 0, sizeof(ca));
	ca.flags = flags | (cgroup_fd >= 0 ? CLONE_INTO_CGROUP : 0);
	ca.exit_signal = SIGCHLD;
	ca.stack = (uintptr_t)stack;
	ca.stack_size = size;
	ca.cgroup = cgroup_fd >= 0 ? (uint64_t)cgroup_fd : 0;
	register long a0 __asm__("a0") = (long)&ca;
	register long a1 __asm__("a1") = sizeof(ca);
	register long a2 __asm__("a2") = (long)fn;
	register long a3 __asm__("a3") = (long)arg;
	register long a7 __asm__("a7") = SYS_clone3;
	__asm__ volatile("ecall\n\t"
	    "bnez a0, 1f\n\t"
	    "mv a0, a3\n\t"
	    "jalr a2\n\t"
	    "li a7, %[exit]\n\t"
	    "ecall\n\t"
	    "unimp\n"
	    "1:"
	    : "+r"(a0) : "r"(a1), "r"(a2), "r"(a3), "r"(a7), [exit] "i"(SYS_exit) : "memory");
	if (a0 < 0 && a0 > -4096) {
		errno = (int)-a0;
		return -1;
	}
	return a0;
}
#endif

/* Clone the child into the new namespaces (and, with clone3, straight
 * into its cgroup, whose directory is cgroup_fd); isolate sleeps until it
 * has executed PROGRAM or failed, unless it must make the child's network
 * meanwhile (waits: the child is then a copy, not a borrower of isolate's
 * memory). */
static pid_t
clone_child(unsigned long flags, struct child_args *args, int cgroup_fd, int waits)
{
	char names[256];
	long pid;

	names[0] = '\0';
	if (!waits)
		flags |= CLONE_VM | CLONE_VFORK;
	/* Told before: isolate sleeps until the child has executed PROGRAM,
	 * and the child's own steps come in between.  Naming the flags costs:
	 * only when told, or when it failed. */
	if (step_verbose) {
		clone_flags_name(flags | SIGCHLD, names, sizeof(names));
		tell("clone(%s)", names);
	}
#ifdef ISOLATE_CLONE_INTO_CGROUP
	pid = clone3_run(flags, cgroup_fd, child_stack, CHILD_STACK_SIZE, child_main, args);
#else
	(void)cgroup_fd;
	pid = clone(child_main, child_stack + CHILD_STACK_SIZE, (int)(flags | SIGCHLD), args);
#endif
	if (pid < 0) {
		int saved = errno;
		clone_flags_name(flags | SIGCHLD, names, sizeof(names));
		errno = saved;
		told(pid, "clone(%s)", names);
		step_failed("clone", names);
	}
	return pid;
}

/* PROGRAM stopped by itself (a SIGSTOP): stop isolate too, so the shell
 * sees its job stop, and continue PROGRAM when isolate is continued. */
static void
follow_stop(pid_t child)
{
	told(kill(getpid(), SIGSTOP), "kill(%d, SIGSTOP)", (int)getpid());
	told(kill(child, SIGCONT), "kill(%d, SIGCONT)", (int)child);
}

/* Set by ^Z (SIGTSTP to the job's group, isolate included). */
static volatile sig_atomic_t stop_asked;

static void
on_tstp(int sig)
{
	(void)sig;
	stop_asked = 1;
}

/* ^Z: freeze the container, stop like any job, and thaw it when continued
 * (fg, bg); without a cgroup, stop and continue PROGRAM itself. */
static void
stop_container(pid_t child, struct container_cgroup *cg)
{
	int frozen = container_cgroup_freeze(cg, 1) == 0;

	if (!frozen)
		told(kill(child, SIGSTOP), "kill(%d, SIGSTOP)", (int)child);
	told(kill(getpid(), SIGSTOP), "kill(%d, SIGSTOP)", (int)getpid());
	if (frozen)
		container_cgroup_freeze(cg, 0);
	else
		told(kill(child, SIGCONT), "kill(%d, SIGCONT)", (int)child);
}

/*
 * PROGRAM failed: under -v, say what the kernel refused the container's
 * init (/proc/PID/denials: the program itself, or whoever exec'd it there,
 * since the lines outlive exec).  Read while it is still a zombie; a
 * kernel without the file (Linux) has nothing to say.
 */
static void
tell_denials(pid_t child)
{
	char path[64], buf[4096], *line, *next;
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/denials", (int)child);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		if (errno != ENOENT)
			told(fd, "open(%s)", path);
		return;
	}
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	buf[n > 0 ? n : 0] = '\0';
	for (line = buf; *line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		else
			next = line + strlen(line);
		tell("denied: %s", line);
	}
}

/* Has child ended badly?  Asked without reaping it (WNOWAIT). */
static int
ended_badly(pid_t child)
{
	siginfo_t si;

	memset(&si, 0, sizeof(si));
	/* Interrupted (^Z): not known yet, the caller looks again. */
	if (waitid(P_PID, (id_t)child, &si, WEXITED | WSTOPPED | WNOWAIT) < 0)
		return 0;
	return si.si_code == CLD_KILLED || si.si_code == CLD_DUMPED ||
	    (si.si_code == CLD_EXITED && si.si_status != 0);
}

static int
wait_for(pid_t child, int job_control, struct container_cgroup *cg)
{
	int status;

	for (;;) {
		if (stop_asked) {
			stop_asked = 0;
			stop_container(child, cg);
			continue;
		}
		if (step_verbose && ended_badly(child))
			tell_denials(child);
		pid_t pid = waitpid(child, &status, WUNTRACED);

		if (pid < 0 && errno == EINTR)
			continue;
		if (pid < 0) {
			step_failed("waitpid", "PROGRAM");
			return ISOLATE_FAILED;
		}
		if (WIFSTOPPED(status)) {
			follow_stop(child);
			continue;
		}
		/* A shell inside may have taken the terminal: the caller's job
		 * gets it back (nothing to do when it did not). */
		if (job_control && tcgetpgrp(STDIN_FILENO) != getpgrp())
			give_terminal(getpgrp());
		if (WIFSIGNALED(status)) {
			told(pid, "waitpid(%d) killed by signal %d", (int)child, WTERMSIG(status));
			return SIGNAL_STATUS_BASE + WTERMSIG(status);
		}
		told(pid, "waitpid(%d) exited %d", (int)child, WEXITSTATUS(status));
		return WEXITSTATUS(status);
	}
}

/* Once PROGRAM runs (the child has executed it or failed): ^Z is isolate's
 * to act on, and ^C and ^\ are PROGRAM's alone.  Set only now, so that
 * PROGRAM inherits none of it. */
static void
catch_job_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = on_tstp;	/* no SA_RESTART: the wait returns */
	sigaction(SIGTSTP, &sa, NULL);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGQUIT, &sa, NULL);
}

/*
 * --net veth: make the pair for the child's namespace, start the
 * --publish proxy, and send the child the lease (closing the pipe without
 * it makes the child give up).  The proxy's pid, 0 without one, or -1.
 */
static pid_t
join_network(const struct isolate_options *opts, pid_t child, int to_child)
{
	struct netpool_lease lease;
	pid_t proxy = 0;

	if (container_net_attach(child, &lease) < 0)
		return -1;
	if (opts->npublish && (proxy = publish_start(opts, &lease)) < 0)
		return -1;
	if (write(to_child, &lease, sizeof(lease)) != (ssize_t)sizeof(lease)) {
		step_failed("write", "the child's pipe");
		if (proxy > 0)
			kill(proxy, SIGKILL);
		return -1;
	}
	return proxy;
}

static int
run(struct isolate_options *opts)
{
	struct container_cgroup cg;
	struct child_args args = { opts, { -1, -1, -1, geteuid(), getegid() } };
	int status, job_control, sync[2] = { -1, -1 };
	pid_t child, proxy = 0;

	/* Not a terminal: tcgetpgrp fails (ENOTTY), as isatty would. */
	job_control = tcgetpgrp(STDIN_FILENO) == getpgrp();
	container_net_resolve(opts);
	if (opts->net == ISOLATE_NET_VETH) {
		if (told(pipe2(sync, O_CLOEXEC), "pipe2()") < 0)
			return step_failed("pipe2", "veth"), ISOLATE_FAILED;
		args.start.net_fd = sync[0];
		args.start.net_wfd = sync[1];
	}
	if (container_cgroup_make(opts, &cg) < 0)
		return ISOLATE_FAILED;
	args.start.cgroup_fd = cg.procs_fd;
	fflush(stdout);	/* picolibc's fflush takes no NULL */
	child = clone_child(opts->new_ns, &args, cg.dir_fd, sync[0] >= 0);
	if (cg.procs_fd >= 0)
		close(cg.procs_fd);
	if (sync[0] >= 0) {
		close(sync[0]);
		if (child >= 0)
			proxy = join_network(opts, child, sync[1]);
		close(sync[1]);
	}
	if (child < 0) {
		container_cgroup_leave(&cg);
		return ISOLATE_FAILED;
	}
	catch_job_signals();
	status = wait_for(child, job_control, &cg);
	if (proxy > 0) {
		kill(proxy, SIGKILL);
		while (waitpid(proxy, NULL, 0) < 0 && errno == EINTR)
			;
	}
	container_cgroup_leave(&cg);
	return proxy < 0 ? ISOLATE_FAILED : status;
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
	/* 8-byte aligned: the kernel copies an aligned filter faster */
	static struct sock_filter prog[BPF_MAXINSNS + 1] __attribute__((aligned(8)));
	ssize_t n, len = 0;
	int fd;

	if (opts->seccomp == ISOLATE_SECCOMP_DEFAULT) {
		unsigned len;
		opts->filter = default_filter(prog, NATIVE_ARCH, &len);
		opts->filter_len = len;
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
