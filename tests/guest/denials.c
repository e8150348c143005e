/*
 * denials.c - /proc/PID/denials explains each kind of refusal: a mode bit
 * (a root-only file opened by another user), a capability (sethostname
 * without CAP_SYS_ADMIN, with the user namespace it was asked in), a
 * seccomp rule (uname refused with EPERM) and a cgroup limit (a fork past
 * pids.max).  The lines survive exec, a new process starts with none,
 * another user may not read them, and another process's flood of
 * refusals does not push a process's own lines out.  Guest only: Linux has no such file.
 * Runs as root; the refusals happen in children.
 *
 * `denials show` prints its own /proc/self/denials (the check across exec).
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stddef.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include "t.h"

#define NOBODY	1000
#define CGROOT	"/sys/fs/cgroup"
#define CG	CGROOT "/denials-test"

static const char *self;

static int slurp(const char *path, char *buf, size_t len)
{
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return -1;
	ssize_t n = read(fd, buf, len - 1);
	close(fd);
	buf[n > 0 ? n : 0] = '\0';
	return n < 0 ? -1 : 0;
}

static int wr(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY);
	int ok = fd >= 0 && write(fd, text, strlen(text)) == (ssize_t)strlen(text);
	if (fd >= 0)
		close(fd);
	return ok ? 0 : -1;
}

/* The process's denials file: what the last has_denial read. */
static char denials[2048];

/* Does this process's denials file hold a line with want in it? */
static int has_denial(const char *want)
{
	return slurp("/proc/self/denials", denials, sizeof(denials)) == 0 &&
	       strstr(denials, want) != NULL;
}

static int run(int (*fn)(void))
{
	pid_t pid = fork();
	if (pid == 0)
		_exit(fn());
	int st;
	return waitpid(pid, &st, 0) == pid && WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* Dumpable again after the change of ids, so that /proc/self is ours. */
static int become_nobody(void)
{
	return setgid(NOBODY) || setresuid(NOBODY, NOBODY, NOBODY) ||
	       prctl(PR_SET_DUMPABLE, 1, 0, 0, 0) ? -1 : 0;
}

/* A mode bit: read a 0600 root file as NOBODY. */
static int mode_child(void)
{
	struct stat st;
	char want[128];
	const char *f = t_path(T_DISK, "denials-secret");
	if (stat(f, &st) || become_nobody())
		return 2;
	check_err("mode-refused", open(f, O_RDONLY), EACCES);
	snprintf(want, sizeof(want), "mode: inode %lu on %u:%u 0600 0:0, want r, fsuid %d "
		 "(syscall openat)", (unsigned long)st.st_ino, major(st.st_dev), minor(st.st_dev),
		 NOBODY);
	check("mode-explained", has_denial(want), "no line '%s' in '%s'", want, denials);
	/* The lines outlive exec. */
	execl(self, self, "show", want, (char *)NULL);
	return 3;
}

/* A capability: sethostname as NOBODY, asked in the initial namespace. */
static int cap_child(void)
{
	char ns[64], want[128];
	ssize_t n = readlink("/proc/self/ns/user", ns, sizeof(ns) - 1);
	unsigned long inum = 0;
	if (n <= 0 || become_nobody())
		return 2;
	ns[n] = '\0';
	sscanf(ns, "user:[%lu]", &inum);
	check_err("cap-refused", sethostname("x", 1), EPERM);
	snprintf(want, sizeof(want), "cap CAP_SYS_ADMIN in user ns %lu (syscall sethostname)", inum);
	check("cap-explained", has_denial(want), "no line '%s' in '%s'", want, denials);
	return 0;
}

/* A seccomp rule: uname -> EPERM. */
static int seccomp_child(void)
{
	struct sock_filter insns[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_uname, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EPERM),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = { sizeof(insns) / sizeof(insns[0]), insns };
	struct utsname u;
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) ||
	    syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog))
		return 2;
	check_err("seccomp-refused", uname(&u), EPERM);
	check("seccomp-explained", has_denial("seccomp rule -> errno 1 (syscall uname)"),
	      "no seccomp line in '%s'", denials);
	return 0;
}

/* A cgroup limit: the second process of a group with pids.max 1. */
static int cgroup_child(void)
{
	char pid[16];
	snprintf(pid, sizeof(pid), "%d", getpid());
	if (wr(CG "/cgroup.procs", pid))
		return 2;
	check_err("cgroup-refused", fork(), EAGAIN);
	check("cgroup-explained", has_denial("cgroup pids.max of /denials-test (syscall clone)"),
	      "no cgroup line in '%s'", denials);
	return 0;
}

static int fresh_child(void)
{
	char buf[256];
	check("fresh-process-none", slurp("/proc/self/denials", buf, sizeof(buf)) == 0 &&
	      buf[0] == '\0', "'%s'", buf);
	return 0;
}

/*
 * Each process keeps its own lines: one refusal here, then another
 * process is refused FLOOD times (more than the old system-wide ring of
 * 128 lines held); this process's line is still there, and the flooder's
 * file shows its last 8, oldest first.
 */
#define FLOOD		300
#define SHOWN		8

static int flooder(void)
{
	if (become_nobody())
		return 2;
	for (int i = 0; i < FLOOD; i++)
		if (sethostname("x", 1) == 0 || errno != EPERM)
			return 3;
	char buf[2048];
	int lines = 0;
	if (slurp("/proc/self/denials", buf, sizeof(buf)))
		return 4;
	for (const char *p = buf; (p = strchr(p, '\n')); p++)
		lines++;
	check("flood-shows-last", lines == SHOWN && strstr(buf, "(syscall sethostname)"),
	      "%d lines: '%s'", lines, buf);
	return 0;
}

static int flood_child(void)
{
	const char *want = "cap CAP_SYS_ADMIN";
	if (become_nobody())
		return 2;
	check_err("flood-own-refused", setdomainname("x", 1), EPERM);
	check("flood-own-before", has_denial("(syscall setdomainname)"), "'%s'", denials);
	check("flood-other-ran", run(flooder) == 0, "flooder failed");
	check("flood-own-kept", has_denial("(syscall setdomainname)") && has_denial(want),
	      "'%s'", denials);
	return 0;
}

/* Another user may not read root's lines. */
static int other_child(void)
{
	char path[64], buf[64];
	snprintf(path, sizeof(path), "/proc/%d/denials", getppid());
	if (become_nobody())
		return 2;
	check_err("other-user-refused", slurp(path, buf, sizeof(buf)), EACCES);
	return 0;
}

int main(int argc, char **argv)
{
	self = argv[0];
	if (argc == 3 && !strcmp(argv[1], "show")) {
		check("survives-exec", has_denial(argv[2]), "lost over exec: '%s'", denials);
		return 0;
	}
	const char *secret = t_path(T_DISK, "denials-secret");
	int fd = open(secret, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd < 0 || fchmod(fd, 0600))
		return check("setup", 0, "%s: %s", secret, strerror(errno)), 1;
	close(fd);
	check("mode-child", run(mode_child) == 0, "child failed");
	check("cap-child", run(cap_child) == 0, "child failed");
	check("seccomp-child", run(seccomp_child) == 0, "child failed");
	rmdir(CG);
	if (wr(CGROOT "/cgroup.subtree_control", "+pids") || mkdir(CG, 0755) ||
	    wr(CG "/pids.max", "1"))
		check("cgroup-setup", 0, "%s", strerror(errno));
	else
		check("cgroup-child", run(cgroup_child) == 0, "child failed");
	rmdir(CG);
	check("fresh-child", run(fresh_child) == 0, "child failed");
	check("other-child", run(other_child) == 0, "child failed");
	check("flood-child", run(flood_child) == 0, "child failed");
	unlink(secret);
	return 0;
}
