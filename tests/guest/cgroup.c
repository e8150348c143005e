/*
 * cgroup.c - the cgroup v2 file interface at /sys/fs/cgroup: directories
 * are cgroups (mkdir, rmdir and their errors, the max.depth and
 * max.descendants limits), cgroup.procs moves processes (with the "no
 * internal processes" rule and Linux's permission rules), subtree_control
 * hands the pids controller down, pids.max stops a fork bomb with EAGAIN
 * while the outside still forks, cgroup.freeze stops a loop that ignores
 * SIGTSTP (its own counter stands still) and thaw resumes it, a frozen
 * task woken in a pipe or socket (AF_UNIX, UDP, TCP) read leaves the data
 * queued until thawed, cgroup.kill
 * ends a subtree, a subtree chowned to alice is hers to divide, clone3
 * with CLONE_INTO_CGROUP starts a child in a cgroup, and a cgroup
 * namespace shows paths and a cgroup2 mount from its root.
 *
 * Run as root in the root cgroup.  Not run on the host: the host's
 * cgroup tree is not the test's to change.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <grp.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <arpa/inet.h>
#include <net/if.h>
#include <netinet/in.h>
#include <linux/sched.h>
#include "t.h"

#define CGROOT		"/sys/fs/cgroup"
#define G		CGROOT "/t-cgroup"
#define ALICE		1000
#define CGROUP2_MAGIC	0x63677270
#define POLL_LIMIT	200000	/* tries while waiting for a state (each yields) */
#define PIDS_LIMIT	5

#include "cgtest.h"

static int wr_pid(const char *file, pid_t pid)
{
	char text[16];
	snprintf(text, sizeof(text), "%d\n", (int)pid);
	return wr(file, text);
}

static const char *cg(const char *name)
{
	return t_path(G, name);
}

/* Does file's text contain line (a whole line)? */
static int has_line(const char *file, const char *line)
{
	const char *text = rd(file);
	size_t n = strlen(line);
	for (const char *p = text; (p = strstr(p, line)); p++)
		if ((p == text || p[-1] == '\n') && (p[n] == '\n' || p[n] == 0))
			return 1;
	return 0;
}

/* Does file's text contain word (between spaces or line ends)? */
static int has_word(const char *file, const char *word)
{
	const char *text = rd(file);
	size_t n = strlen(word);
	for (const char *p = text; (p = strstr(p, word)); p++)
		if ((p == text || p[-1] == '\n' || p[-1] == ' ') &&
		    (p[n] == '\n' || p[n] == ' ' || p[n] == 0))
			return 1;
	return 0;
}

static int has_pid(const char *file, pid_t pid)
{
	char line[16];
	snprintf(line, sizeof(line), "%d", (int)pid);
	return has_line(file, line);
}

/* A child that waits until its pipe closes, then exits 0. */
static pid_t sleeper(int *release_fd)
{
	int p[2];
	if (pipe(p) < 0)
		return -1;
	pid_t pid = fork();
	if (pid == 0) {
		char c;
		close(p[1]);
		(void)!read(p[0], &c, 1);
		_exit(0);
	}
	close(p[0]);
	*release_fd = p[1];
	return pid;
}

static int reap(pid_t pid)
{
	int status;
	return waitpid(pid, &status, 0) == pid ? status : -1;
}

static void test_mount(void)
{
	struct statfs sf = { 0 };
	check("cgroup-statfs", statfs(CGROOT, &sf) == 0 && sf.f_type == CGROUP2_MAGIC,
	      "f_type %lx", (long)sf.f_type);
	check("cgroup-root-controllers", has_word(CGROOT "/cgroup.controllers", "pids"),
	      "'%s'", rd(CGROOT "/cgroup.controllers"));
	check("cgroup-self-root", strcmp(rd("/proc/self/cgroup"), "0::/\n") == 0,
	      "'%s'", rd("/proc/self/cgroup"));
	check("cgroup-root-lists-self", has_pid(CGROOT "/cgroup.procs", getpid()), "not listed");
	check_err("cgroup-root-no-freeze", open(CGROOT "/cgroup.freeze", O_RDONLY), ENOENT);
	check_err("cgroup-root-no-kill", open(CGROOT "/cgroup.kill", O_WRONLY), ENOENT);
}

static void test_dirs(void)
{
	check("cgroup-mkdir", mkdir(G, 0755) == 0, "%s", strerror(errno));
	check_err("cgroup-mkdir-eexist", mkdir(G, 0755), EEXIST);
	check_err("cgroup-mkdir-enoent", mkdir(cg("none/x"), 0755), ENOENT);
	check_err("cgroup-creat-eacces", open(cg("file"), O_CREAT | O_WRONLY, 0644), EACCES);
	check_err("cgroup-mknod-eperm", mknod(cg("fifo"), S_IFIFO | 0644, 0), EPERM);
	check_err("cgroup-symlink-eperm", symlink("x", cg("link")), EPERM);
	check_err("cgroup-unlink-file", unlink(cg("cgroup.procs")), EPERM);
	struct stat st;
	check("cgroup-dir-mode", stat(G, &st) == 0 && S_ISDIR(st.st_mode) && st.st_uid == 0,
	      "mode %o", st.st_mode);
	check("cgroup-procs-mode", stat(cg("cgroup.procs"), &st) == 0 &&
	      (st.st_mode & 07777) == 0644, "mode %o", st.st_mode);
	check("cgroup-type", strcmp(rd(cg("cgroup.type")), "domain\n") == 0, "'%s'",
	      rd(cg("cgroup.type")));
	check("cgroup-events-empty", strcmp(rd(cg("cgroup.events")), "populated 0\nfrozen 0\n") == 0,
	      "'%s'", rd(cg("cgroup.events")));
	check("cgroup-max-depth", strcmp(rd(cg("cgroup.max.depth")), "max\n") == 0, "'%s'",
	      rd(cg("cgroup.max.depth")));
	/* Depth: no child below a cgroup whose max.depth is 0. */
	mkdir(cg("d"), 0755);
	check("cgroup-set-depth", wr(cg("d/cgroup.max.depth"), "0") == 0, "%s", strerror(errno));
	check_err("cgroup-depth-eagain", mkdir(cg("d/x"), 0755), EAGAIN);
	check_err("cgroup-depth-einval", wr(cg("d/cgroup.max.depth"), "deep"), EINVAL);
	/* Descendants: one child allowed, the second refused. */
	mkdir(cg("e"), 0755);
	check("cgroup-set-desc", wr(cg("e/cgroup.max.descendants"), "1\n") == 0, "%s",
	      strerror(errno));
	check("cgroup-desc-first", mkdir(cg("e/x"), 0755) == 0, "%s", strerror(errno));
	check_err("cgroup-desc-eagain", mkdir(cg("e/y"), 0755), EAGAIN);
	check("cgroup-stat", strstr(rd(cg("cgroup.stat")), "nr_descendants 3\n") != NULL,
	      "'%s'", rd(cg("cgroup.stat")));
	check_err("cgroup-rmdir-children", rmdir(cg("e")), EBUSY);
	check("cgroup-rmdir", rmdir(cg("e/x")) == 0 && rmdir(cg("e")) == 0 && rmdir(cg("d")) == 0,
	      "%s", strerror(errno));
	check_err("cgroup-rmdir-gone", rmdir(cg("e")), ENOENT);
}

static void test_procs(void)
{
	int rel;
	mkdir(cg("a"), 0755);
	mkdir(cg("b"), 0755);
	pid_t pid = sleeper(&rel);
	check("cgroup-move", wr_pid(cg("a/cgroup.procs"), pid) == 0, "%s", strerror(errno));
	check("cgroup-move-listed", has_pid(cg("a/cgroup.procs"), pid) &&
	      !has_pid(CGROOT "/cgroup.procs", pid), "'%s'", rd(cg("a/cgroup.procs")));
	char file[64];
	snprintf(file, sizeof(file), "/proc/%d/cgroup", (int)pid);
	check("cgroup-proc-path", strcmp(rd(file), "0::/t-cgroup/a\n") == 0, "'%s'", rd(file));
	check("cgroup-threads", has_pid(cg("a/cgroup.threads"), pid), "'%s'",
	      rd(cg("a/cgroup.threads")));
	check("cgroup-populated", strcmp(rd(cg("a/cgroup.events")), "populated 1\nfrozen 0\n") == 0 &&
	      strncmp(rd(G "/cgroup.events"), "populated 1\n", 12) == 0, "'%s'",
	      rd(G "/cgroup.events"));
	check_err("cgroup-threads-eopnotsupp", wr_pid(cg("b/cgroup.threads"), pid), EOPNOTSUPP);
	check_err("cgroup-procs-esrch", wr(cg("b/cgroup.procs"), "999999"), ESRCH);
	check_err("cgroup-procs-einval", wr(cg("b/cgroup.procs"), "abc"), EINVAL);
	check_err("cgroup-rmdir-busy", rmdir(cg("a")), EBUSY);
	check("cgroup-move-again", wr_pid(cg("b/cgroup.procs"), pid) == 0 &&
	      has_pid(cg("b/cgroup.procs"), pid) && !has_pid(cg("a/cgroup.procs"), pid),
	      "%s", strerror(errno));
	close(rel);
	reap(pid);
	check("cgroup-exit-unpopulated", strncmp(rd(cg("b/cgroup.events")), "populated 0", 11) == 0,
	      "'%s'", rd(cg("b/cgroup.events")));
	check("cgroup-rmdir-after-exit", rmdir(cg("a")) == 0 && rmdir(cg("b")) == 0, "%s",
	      strerror(errno));
}

static void test_subtree_control(void)
{
	int rel;
	mkdir(cg("h"), 0755);
	check_err("cgroup-pids-absent", open(cg("h/pids.max"), O_RDONLY), ENOENT);
	check_err("cgroup-control-enoent", wr(cg("h/cgroup.subtree_control"), "+pids"), ENOENT);
	check_err("cgroup-control-einval", wr(CGROOT "/cgroup.subtree_control", "+bogus"), EINVAL);
	check("cgroup-enable-root", wr(CGROOT "/cgroup.subtree_control", "+pids") == 0, "%s",
	      strerror(errno));
	check("cgroup-enable-g", wr(G "/cgroup.subtree_control", "+pids") == 0, "%s",
	      strerror(errno));
	check("cgroup-controllers", strcmp(rd(cg("h/cgroup.controllers")), "pids\n") == 0, "'%s'",
	      rd(cg("h/cgroup.controllers")));
	check("cgroup-pids-present", strcmp(rd(cg("h/pids.max")), "max\n") == 0, "'%s'",
	      rd(cg("h/pids.max")));
	/* No internal processes: a process cannot join G, which hands on
	 * pids, and h cannot hand on pids while a process is in it. */
	pid_t pid = sleeper(&rel);
	check_err("cgroup-internal-move", wr_pid(G "/cgroup.procs", pid), EBUSY);
	wr_pid(cg("h/cgroup.procs"), pid);
	check_err("cgroup-internal-enable", wr(cg("h/cgroup.subtree_control"), "+pids"), EBUSY);
	close(rel);
	reap(pid);
	check("cgroup-enable-h", wr(cg("h/cgroup.subtree_control"), "+pids") == 0, "%s",
	      strerror(errno));
	check_err("cgroup-disable-busy", wr(G "/cgroup.subtree_control", "-pids"), EBUSY);
	check("cgroup-disable-h", wr(cg("h/cgroup.subtree_control"), "-pids") == 0 &&
	      strcmp(rd(cg("h/cgroup.subtree_control")), "\n") == 0, "'%s'",
	      rd(cg("h/cgroup.subtree_control")));
	rmdir(cg("h"));
}

/* In cgroup p (pids.max PIDS_LIMIT): fork children that wait, until fork
 * fails; exit with the number made, or 100 + errno if it was not EAGAIN. */
static int fork_bomb(void)
{
	int p[2], made = 0;
	if (pipe(p) < 0)
		return 99;
	for (;;) {
		pid_t c = fork();
		if (c == 0) {
			char ch;
			close(p[1]);
			(void)!read(p[0], &ch, 1);
			_exit(0);
		}
		if (c < 0)
			break;
		made++;
	}
	int err = errno;
	close(p[1]);
	while (wait(NULL) > 0)
		;
	return err == EAGAIN ? made : 100 + err;
}

static void test_pids(void)
{
	mkdir(cg("p"), 0755);
	check_err("cgroup-pids-einval", wr(cg("p/pids.max"), "-1"), EINVAL);
	check("cgroup-pids-set", wr(cg("p/pids.max"), "5\n") == 0 &&
	      strcmp(rd(cg("p/pids.max")), "5\n") == 0, "'%s'", rd(cg("p/pids.max")));
	int go[2];
	if (pipe(go) < 0)
		return;
	pid_t pid = fork();
	if (pid == 0) {
		char ch;
		close(go[1]);
		(void)!read(go[0], &ch, 1);
		_exit(fork_bomb());
	}
	close(go[0]);
	wr_pid(cg("p/cgroup.procs"), pid);
	check("cgroup-pids-current", strcmp(rd(cg("p/pids.current")), "1\n") == 0, "'%s'",
	      rd(cg("p/pids.current")));
	close(go[1]);
	int status = reap(pid);
	check("cgroup-pids-bomb", WIFEXITED(status) && WEXITSTATUS(status) == PIDS_LIMIT - 1,
	      "status %x (made %d)", status, WEXITSTATUS(status));
	check("cgroup-pids-peak", strcmp(rd(cg("p/pids.peak")), "5\n") == 0, "'%s'",
	      rd(cg("p/pids.peak")));
	check("cgroup-pids-events", strcmp(rd(cg("p/pids.events")), "max 1\n") == 0, "'%s'",
	      rd(cg("p/pids.events")));
	check("cgroup-pids-released", strcmp(rd(cg("p/pids.current")), "0\n") == 0, "'%s'",
	      rd(cg("p/pids.current")));
	pid_t outside = fork();
	if (outside == 0)
		_exit(0);
	check("cgroup-pids-outside-forks", outside > 0 && reap(outside) == 0, "%s",
	      strerror(errno));
	rmdir(cg("p"));
}

/* A loop that ignores SIGTSTP and counts in shared memory. */
static pid_t counter_loop(volatile unsigned long *counter)
{
	pid_t pid = fork();
	if (pid == 0) {
		signal(SIGTSTP, SIG_IGN);
		for (;;)
			(*counter)++;
	}
	return pid;
}

static int wait_events(const char *file, const char *want)
{
	for (int i = 0; i < POLL_LIMIT; i++) {
		if (strcmp(rd(file), want) == 0)
			return 1;
		sched_yield();
	}
	return 0;
}

static char proc_state(pid_t pid)
{
	char file[64];
	snprintf(file, sizeof(file), "/proc/%d/stat", (int)pid);
	const char *p = strrchr(rd(file), ')');
	return p && p[1] ? p[2] : '?';
}

static void test_freeze(void)
{
	volatile unsigned long *counter = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
					       MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (counter == MAP_FAILED)
		return;
	mkdir(cg("f"), 0755);
	pid_t pid = counter_loop(counter);
	wr_pid(cg("f/cgroup.procs"), pid);
	while (*counter == 0)
		sched_yield();
	check("cgroup-freeze-write", wr(cg("f/cgroup.freeze"), "1") == 0 &&
	      strcmp(rd(cg("f/cgroup.freeze")), "1\n") == 0, "%s", strerror(errno));
	check("cgroup-frozen", wait_events(cg("f/cgroup.events"), "populated 1\nfrozen 1\n"),
	      "'%s'", rd(cg("f/cgroup.events")));
	check("cgroup-frozen-state", proc_state(pid) == 'T', "state %c", proc_state(pid));
	kill(pid, SIGTSTP);
	unsigned long before = *counter;
	/* Something else to wait for: a child's whole life. */
	pid_t other = fork();
	if (other == 0) {
		for (volatile int i = 0; i < 1000000; i++)
			;
		_exit(0);
	}
	reap(other);
	unsigned long after = *counter;
	check("cgroup-frozen-still", before == after, "counter moved %lu -> %lu", before, after);
	check_err("cgroup-freeze-erange", wr(cg("f/cgroup.freeze"), "2"), ERANGE);
	check("cgroup-thaw", wr(cg("f/cgroup.freeze"), "0") == 0 &&
	      wait_events(cg("f/cgroup.events"), "populated 1\nfrozen 0\n"), "'%s'",
	      rd(cg("f/cgroup.events")));
	int moved = 0;
	for (int i = 0; i < POLL_LIMIT && !moved; i++) {
		moved = *counter != after;
		sched_yield();
	}
	check("cgroup-thawed-runs", moved, "counter stuck at %lu", after);
	/* Frozen again, then killed: SIGKILL reaches a frozen task. */
	wr(cg("f/cgroup.freeze"), "1");
	wait_events(cg("f/cgroup.events"), "populated 1\nfrozen 1\n");
	kill(pid, SIGKILL);
	int status = reap(pid);
	check("cgroup-frozen-killed", WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL,
	      "status %x", status);
	rmdir(cg("f"));
	munmap((void *)counter, 4096);
}

/* Wait until pid's state (in /proc/PID/stat) is want. */
static int wait_state(pid_t pid, char want)
{
	for (int i = 0; i < POLL_LIMIT; i++) {
		if (proc_state(pid) == want)
			return 1;
		sched_yield();
	}
	return 0;
}

/*
 * A task of a frozen group woken in a read takes nothing until thawed: the
 * reader sleeps in read(rfd) (state S), the group is frozen, "hello" is
 * written to wfd; the reader wakes and freezes where it woke (state T)
 * with the 5 bytes still queued (FIONREAD), and reads them once thawed.
 * (Linux's freezer wakes the sleeper at the freeze and it waits in the
 * freezer from then on; the data stays queued there as well.)
 */
static void frozen_read_case(const char *name, int rfd, int wfd)
{
	char what[64], got[64];
	int res[2];
	if (pipe(res))
		return;
	pid_t pid = fork();
	if (pid == 0) {
		close(wfd);
		close(res[0]);
		ssize_t n = read(rfd, got, sizeof(got));
		(void)!write(res[1], got, n > 0 ? (size_t)n : 0);
		_exit(n == 5 ? 0 : 1);
	}
	close(res[1]);
	wr_pid(cg("fr/cgroup.procs"), pid);
	int asleep = wait_state(pid, 'S');
	int frozen = wr(cg("fr/cgroup.freeze"), "1") == 0 &&
		     wait_events(cg("fr/cgroup.events"), "populated 1\nfrozen 1\n");
	snprintf(what, sizeof(what), "cgroup-frozen-%s-setup", name);
	check(what, asleep && frozen, "state %c, '%s'", proc_state(pid), rd(cg("fr/cgroup.events")));
	int wrote = write(wfd, "hello", 5) == 5;
	int refrozen = wait_state(pid, 'T');
	int queued = -1;
	ioctl(rfd, FIONREAD, &queued);
	snprintf(what, sizeof(what), "cgroup-frozen-%s-keeps-data", name);
	check(what, wrote && refrozen && queued == 5 &&
	      strcmp(rd(cg("fr/cgroup.events")), "populated 1\nfrozen 1\n") == 0,
	      "state %c, %d bytes queued, '%s'", proc_state(pid), queued, rd(cg("fr/cgroup.events")));
	wr(cg("fr/cgroup.freeze"), "0");
	ssize_t n = read(res[0], got, sizeof(got));
	int st = reap(pid);
	queued = -1;
	ioctl(rfd, FIONREAD, &queued);
	snprintf(what, sizeof(what), "cgroup-frozen-%s-thawed-reads", name);
	check(what, n == 5 && memcmp(got, "hello", 5) == 0 && WIFEXITED(st) &&
	      WEXITSTATUS(st) == 0 && queued == 0, "read %zd, status %x, %d queued", n, st, queued);
	close(res[0]);
}

/* UDP and TCP over 127.0.0.1, in a network namespace of its own (its
 * loopback brought up here): run in a child. */
static int inet_cases(void)
{
	struct ifreq r;
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t alen = sizeof(a);
	if (unshare(CLONE_NEWNET))
		return 2;
	int fd = socket(AF_INET, SOCK_DGRAM, 0);
	memset(&r, 0, sizeof(r));
	strcpy(r.ifr_name, "lo");
	if (fd < 0 || ioctl(fd, SIOCGIFFLAGS, &r))
		return 3;
	r.ifr_flags |= IFF_UP;
	if (ioctl(fd, SIOCSIFFLAGS, &r))
		return 4;
	int to = socket(AF_INET, SOCK_DGRAM, 0);
	if (bind(fd, (struct sockaddr *)&a, sizeof(a)) || getsockname(fd, (struct sockaddr *)&a, &alen) ||
	    to < 0 || connect(to, (struct sockaddr *)&a, sizeof(a)))
		return 5;
	frozen_read_case("udp", fd, to);
	close(fd);
	close(to);
	int l = socket(AF_INET, SOCK_STREAM, 0), c = socket(AF_INET, SOCK_STREAM, 0);
	a.sin_port = 0;
	alen = sizeof(a);
	if (l < 0 || c < 0 || bind(l, (struct sockaddr *)&a, sizeof(a)) || listen(l, 1) ||
	    getsockname(l, (struct sockaddr *)&a, &alen) || connect(c, (struct sockaddr *)&a, sizeof(a)))
		return 6;
	int s = accept(l, NULL, NULL);
	if (s < 0)
		return 7;
	frozen_read_case("tcp", s, c);
	close(s);
	close(c);
	close(l);
	return 0;
}

static void test_freeze_read(void)
{
	mkdir(cg("fr"), 0755);
	int p[2], sv[2];
	if (pipe(p) == 0) {
		frozen_read_case("pipe", p[0], p[1]);
		close(p[0]);
		close(p[1]);
	}
	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0) {
		frozen_read_case("unix", sv[0], sv[1]);
		close(sv[0]);
		close(sv[1]);
	}
	if (socketpair(AF_UNIX, SOCK_DGRAM, 0, sv) == 0) {
		frozen_read_case("unix-dgram", sv[0], sv[1]);
		close(sv[0]);
		close(sv[1]);
	}
	pid_t pid = fork();
	if (pid == 0)
		_exit(inet_cases());
	int st = reap(pid);
	check("cgroup-frozen-inet", WIFEXITED(st) && WEXITSTATUS(st) == 0, "status %x", st);
	rmdir(cg("fr"));
}

static void test_kill(void)
{
	mkdir(cg("k"), 0755);
	int rel[2];
	pid_t a = sleeper(&rel[0]), b = sleeper(&rel[1]);
	wr_pid(cg("k/cgroup.procs"), a);
	wr_pid(cg("k/cgroup.procs"), b);
	check_err("cgroup-kill-erange", wr(cg("k/cgroup.kill"), "2"), ERANGE);
	check("cgroup-kill", wr(cg("k/cgroup.kill"), "1") == 0, "%s", strerror(errno));
	int sa = reap(a), sb = reap(b);
	check("cgroup-killed", WIFSIGNALED(sa) && WTERMSIG(sa) == SIGKILL && WIFSIGNALED(sb) &&
	      WTERMSIG(sb) == SIGKILL, "status %x %x", sa, sb);
	close(rel[0]);
	close(rel[1]);
	check("cgroup-kill-rmdir", rmdir(cg("k")) == 0, "%s", strerror(errno));
}

/* As alice in the delegated subtree: exit 0 when every step went as
 * Linux says, else the number of the failed step. */
static int alice_steps(void)
{
	if (setgroups(0, NULL) || setgid(ALICE) || setuid(ALICE))
		return 1;
	struct stat st;
	if (mkdir(cg("deleg/a1"), 0755) || mkdir(cg("deleg/a2"), 0755))
		return 2;
	if (stat(cg("deleg/a1/cgroup.procs"), &st) || st.st_uid != ALICE)
		return 3;
	if (wr(cg("deleg/a1/cgroup.procs"), "0") || !has_pid(cg("deleg/a1/cgroup.procs"), getpid()))
		return 4;
	if (wr(cg("deleg/a2/cgroup.procs"), "0") ||
	    strcmp(rd("/proc/self/cgroup"), "0::/t-cgroup/deleg/a2\n") != 0)
		return 5;
	if (wr(CGROOT "/cgroup.procs", "0") == 0 || errno != EACCES)
		return 6;
	if (wr(cg("deleg/pids.max"), "3") == 0 || errno != EACCES)
		return 7;
	if (mkdir(cg("notmine"), 0755) == 0 || errno != EACCES)
		return 8;
	/* Root's process (the test) may not be moved by alice. */
	if (wr_pid(cg("deleg/a1/cgroup.procs"), getppid()) == 0 || errno != EACCES)
		return 9;
	if (wr(cg("deleg/cgroup.procs"), "0") || rmdir(cg("deleg/a1")) || rmdir(cg("deleg/a2")))
		return 10;
	return 0;
}

static void test_delegation(void)
{
	mkdir(cg("deleg"), 0755);
	int ok = chown(cg("deleg"), ALICE, ALICE) == 0 &&
		 chown(cg("deleg/cgroup.procs"), ALICE, ALICE) == 0 &&
		 chown(cg("deleg/cgroup.subtree_control"), ALICE, ALICE) == 0 &&
		 chown(cg("deleg/cgroup.threads"), ALICE, ALICE) == 0;
	check("cgroup-chown", ok, "%s", strerror(errno));
	int go[2];
	if (pipe(go) < 0)
		return;
	pid_t pid = fork();
	if (pid == 0) {
		char ch;
		close(go[1]);
		(void)!read(go[0], &ch, 1);
		_exit(alice_steps());
	}
	close(go[0]);
	wr_pid(cg("deleg/cgroup.procs"), pid);
	close(go[1]);
	int status = reap(pid);
	check("cgroup-delegation", WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "failed at step %d", WEXITSTATUS(status));
	rmdir(cg("deleg"));
}

static long clone3_into(int cgfd)
{
	struct clone_args args;
	memset(&args, 0, sizeof(args));
	args.flags = CLONE_INTO_CGROUP;
	args.exit_signal = SIGCHLD;
	args.cgroup = cgfd;
	return syscall(SYS_clone3, &args, sizeof(args));
}

static void test_clone3(void)
{
	mkdir(cg("c"), 0755);
	int fd = open(cg("c"), O_RDONLY | O_DIRECTORY);
	long pid = clone3_into(fd);
	if (pid == 0)
		_exit(strcmp(rd("/proc/self/cgroup"), "0::/t-cgroup/c\n") == 0 ? 0 : 1);
	int status = pid > 0 ? reap(pid) : -1;
	check("cgroup-clone3-into", WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "pid %ld status %x errno %s", pid, status, strerror(errno));
	check_err("cgroup-clone3-ebadf", clone3_into(999), EBADF);
	int gfd = open(G, O_RDONLY | O_DIRECTORY);
	check_err("cgroup-clone3-ebusy", clone3_into(gfd), EBUSY);
	/* clone3's size rules: below the first version EINVAL, past a page
	 * E2BIG, and unknown bytes beyond struct clone_args must be zero. */
	struct { struct clone_args args; uint64_t extra; } big;
	memset(&big, 0, sizeof(big));
	big.args.exit_signal = SIGCHLD;
	big.extra = 1;
	check_err("cgroup-clone3-small", syscall(SYS_clone3, &big, 32), EINVAL);
	check_err("cgroup-clone3-huge", syscall(SYS_clone3, &big, 8192), E2BIG);
	check_err("cgroup-clone3-tail", syscall(SYS_clone3, &big, sizeof(big)), E2BIG);
	int tfd = open("/tmp", O_RDONLY | O_DIRECTORY);
	check_err("cgroup-clone3-not-cgroup", clone3_into(tfd), EBADF);
	close(tfd);
	close(gfd);
	close(fd);
	rmdir(cg("c"));
}

/* In a cgroup namespace rooted at G/ns: exit 0 or the failed step. */
static int ns_steps(pid_t outside)
{
	char file[64];
	if (unshare(CLONE_NEWCGROUP | CLONE_NEWNS))
		return 1;
	if (strcmp(rd("/proc/self/cgroup"), "0::/\n") != 0)
		return 2;
	snprintf(file, sizeof(file), "/proc/%d/cgroup", (int)outside);
	if (strcmp(rd(file), "0::/../..\n") != 0)
		return 3;
	if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) ||
	    mount("cgroup2", "/tmp", "cgroup2", 0, NULL))
		return 4;
	if (!has_pid("/tmp/cgroup.procs", getpid()) || access("/tmp/t-cgroup", F_OK) == 0)
		return 5;
	if (mkdir("/tmp/inner", 0755) || access(cg("ns/inner"), F_OK))
		return 6;
	if (wr("/tmp/inner/cgroup.procs", "0") ||
	    strcmp(rd("/proc/self/cgroup"), "0::/inner\n") != 0)
		return 7;
	return 0;
}

static void test_namespace(void)
{
	mkdir(cg("ns"), 0755);
	pid_t self = getpid();
	pid_t pid = fork();
	if (pid == 0) {
		if (wr(cg("ns/cgroup.procs"), "0"))
			_exit(100);
		_exit(ns_steps(self));
	}
	int status = reap(pid);
	check("cgroup-namespace", WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "failed at step %d", WEXITSTATUS(status));
	rmdir(cg("ns/inner"));
	rmdir(cg("ns"));
}

int main(void)
{
	if (access(CGROOT "/cgroup.procs", F_OK) != 0) {
		check("cgroup-mounted", 0, "%s", strerror(errno));
		return 1;
	}
	rmdir(G);
	test_mount();
	test_dirs();
	test_procs();
	test_subtree_control();
	test_pids();
	test_freeze();
	test_freeze_read();
	test_kill();
	test_delegation();
	test_clone3();
	test_namespace();
	check("cgroup-cleanup", rmdir(G) == 0 &&
	      wr(CGROOT "/cgroup.subtree_control", "-pids") == 0, "%s", strerror(errno));
	return 0;
}
