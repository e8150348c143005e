/*
 * userns.c - user namespaces as an ordinary user (alice, uid 1000) makes
 * them: unshare(CLONE_NEWUSER) needs no privilege; ids read 65534 until
 * the maps are written; /proc/self/uid_map, gid_map and setgroups follow
 * Linux's writing rules (one line mapping one's own id, "deny" before
 * gid_map, written once); then alice is root inside: her files show as
 * root's inside and hers outside, she may name a UTS namespace of her own,
 * and she is still kept out of root's private files.  Also: clone with
 * CLONE_NEWUSER and the map written by the parent, a program run by root
 * inside keeping root's capabilities, the nesting limit, and no user
 * namespace from a chroot.
 *
 * Run as root (children become alice); also natively on a Linux host,
 * where Linux is the oracle for every assertion.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <grp.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/auxv.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include "t.h"

#define ALICE		1000
#define OVERFLOW_ID	65534
/* How deep Linux lets user namespaces nest below the initial one. */
#define MAX_NEST	33

static char dir[128];
static const char *self;	/* argv[0], to run this program again */

static const char *path(const char *name)
{
	return t_path(dir, name);
}

/* Become alice for good.  Changing the effective uid made the process
 * undumpable, which would give its /proc/self files to root: undo that,
 * as a process that had exec'd a program would be. */
static int become_alice(void)
{
	if (setgroups(0, NULL) != 0 || setgid(ALICE) != 0 || setuid(ALICE) != 0 ||
	    prctl(PR_SET_DUMPABLE, 1) != 0) {
		check_say("FAIL userns-become-alice: %s", strerror(errno));
		return -1;
	}
	return 0;
}

/* Write text to file in one write: 0, or -1 with errno. */
static int write_text(const char *file, const char *text)
{
	int fd = open(file, O_WRONLY);

	if (fd < 0)
		return -1;
	ssize_t n = write(fd, text, strlen(text));
	int err = errno;
	close(fd);
	errno = err;
	return n == (ssize_t)strlen(text) ? 0 : -1;
}

/* The contents of file (at most size - 1 bytes), or "" on error. */
static const char *read_text(const char *file, char *buf, size_t size)
{
	int fd = open(file, O_RDONLY);
	ssize_t n = fd < 0 ? -1 : read(fd, buf, size - 1);

	if (fd >= 0)
		close(fd);
	buf[n > 0 ? n : 0] = '\0';
	return buf;
}

/* Run fn in a forked child and wait; its exit status, or -1. */
static int in_child(int (*fn)(void))
{
	int status;
	pid_t pid = fork();

	if (pid == 0)
		_exit(fn());
	if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

/* Is capability cap in the effective set (the CapEff line of status)? */
static int has_cap(int cap)
{
	char buf[4096];
	const char *line = strstr(read_text("/proc/self/status", buf, sizeof(buf)), "CapEff:");

	return line && (strtoull(line + 7, NULL, 16) >> cap) & 1;
}

/* ---- alice maps herself to root ---- */

/* The checks before any map is written. */
static void before_maps(void)
{
	char buf[256];

	check("userns-unmapped-ids", getuid() == OVERFLOW_ID && geteuid() == OVERFLOW_ID &&
	      getgid() == OVERFLOW_ID, "uid %u euid %u gid %u, want %d", (unsigned)getuid(),
	      (unsigned)geteuid(), (unsigned)getgid(), OVERFLOW_ID);
	check("userns-full-caps", has_cap(21) && has_cap(6) && has_cap(7),
	      "CAP_SYS_ADMIN, CAP_SETGID or CAP_SETUID missing");
	check("userns-map-empty", strcmp(read_text("/proc/self/uid_map", buf, sizeof(buf)), "") == 0,
	      "uid_map '%s'", buf);
	check("userns-setgroups-allow", strcmp(read_text("/proc/self/setgroups", buf, sizeof(buf)),
					      "allow\n") == 0, "setgroups '%s'", buf);
	check_err("userns-map-other-uid", write_text("/proc/self/uid_map", "0 1001 1\n"), EPERM);
	check_err("userns-map-two-ids", write_text("/proc/self/uid_map", "0 1000 2\n"), EPERM);
	check_err("userns-map-bad-text", write_text("/proc/self/uid_map", "0 x 1\n"), EINVAL);
	check_err("userns-gid-map-before-deny", write_text("/proc/self/gid_map", "0 1000 1\n"),
		  EPERM);
	check_err("userns-setgroups-bad-word", write_text("/proc/self/setgroups", "maybe"), EINVAL);
}

static volatile sig_atomic_t got_si_uid = -1;

static void note_si_uid(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	got_si_uid = si->si_uid;
}

/* A signal's si_uid is the sender's uid as the receiver's namespace sees
 * it; CAP_KILL inside reaches no process outside. */
static void test_signals_inside(void)
{
	struct sigaction sa = { .sa_sigaction = note_si_uid, .sa_flags = SA_SIGINFO };

	sigemptyset(&sa.sa_mask);
	sigaction(SIGUSR1, &sa, NULL);
	kill(getpid(), SIGUSR1);
	check("userns-si-uid-mapped", got_si_uid == 0, "si_uid %d", (int)got_si_uid);
	signal(SIGUSR1, SIG_DFL);
	check_err("userns-cap-kill-not-outside", kill(1, 0), EPERM);
}

static void after_maps(void)
{
	char buf[256];
	struct stat st;

	check("userns-root-inside", getuid() == 0 && geteuid() == 0 && getgid() == 0 &&
	      getegid() == 0, "uid %u euid %u gid %u", (unsigned)getuid(), (unsigned)geteuid(),
	      (unsigned)getgid());
	check("userns-uid-map-read", strcmp(read_text("/proc/self/uid_map", buf, sizeof(buf)),
					   "         0       1000          1\n") == 0,
	      "uid_map '%s'", buf);
	check("userns-status-uid", strstr(read_text("/proc/self/status", buf, sizeof(buf)),
					  "Uid:\t0\t0\t0\t0\n") != NULL, "status has no 'Uid: 0 0 0 0'");
	check_err("userns-map-written-once", write_text("/proc/self/uid_map", "0 1000 1\n"), EPERM);
	check_err("userns-allow-after-deny", write_text("/proc/self/setgroups", "allow"), EPERM);
	check_err("userns-setgroups-denied", setgroups(0, NULL), EPERM);
	check_err("userns-setuid-unmapped", setuid(5), EINVAL);
	check("userns-setuid-0", setuid(0) == 0, "%s", strerror(errno));

	int fd = open(path("mine"), O_WRONLY | O_CREAT | O_TRUNC, 0644);
	check("userns-create-file", fd >= 0, "%s: %s", path("mine"), strerror(errno));
	if (fd >= 0)
		close(fd);
	check("userns-file-owner-inside", stat(path("mine"), &st) == 0 && st.st_uid == 0 &&
	      st.st_gid == 0, "uid %u gid %u", (unsigned)st.st_uid, (unsigned)st.st_gid);
	check("userns-root-file-unmapped", stat(path("shadow"), &st) == 0 &&
	      st.st_uid == OVERFLOW_ID && st.st_gid == OVERFLOW_ID, "uid %u gid %u",
	      (unsigned)st.st_uid, (unsigned)st.st_gid);
	check_err("userns-root-file-eacces", open(path("shadow"), O_RDONLY), EACCES);
	check_err("userns-chown-root-file", chown(path("shadow"), 0, 0), EPERM);
	test_signals_inside();
}

/* A program run by root of a user namespace starts with every capability
 * there, as root does outside ("exec-check": is it so?). */
static int exec_check(void)
{
	return getuid() == 0 && geteuid() == 0 && has_cap(21) && getauxval(AT_UID) == 0 &&
	       getauxval(AT_EUID) == 0 && getauxval(AT_GID) == 0 ? 0 : 1;
}

static void test_exec_as_root(void)
{
	int status = -1;
	pid_t pid = fork();

	if (pid == 0) {
		execl(self, self, "exec-check", (char *)NULL);
		_exit(2);
	}
	if (pid > 0)
		waitpid(pid, &status, 0);
	check("userns-exec-keeps-root", WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "status %x", status);
}

/* alice, in a new user namespace, maps herself to root; tells the parent
 * through ready and waits on go while it looks from outside. */
static int alice_maps_herself(int ready, int go)
{
	char buf[32];

	if (become_alice() != 0)
		return 1;
	if (unshare(CLONE_NEWUSER) != 0) {
		check_say("FAIL userns-unshare: %s", strerror(errno));
		return 1;
	}
	check_say("PASS userns-unshare");
	before_maps();
	check("userns-setgroups-deny", write_text("/proc/self/setgroups", "deny\n") == 0 &&
	      strcmp(read_text("/proc/self/setgroups", buf, sizeof(buf)), "deny\n") == 0,
	      "%s", strerror(errno));
	check("userns-uid-map", write_text("/proc/self/uid_map", "0 1000 1\n") == 0, "%s",
	      strerror(errno));
	check("userns-gid-map", write_text("/proc/self/gid_map", "0 1000 1") == 0, "%s",
	      strerror(errno));
	after_maps();
	test_exec_as_root();
	(void)!write(ready, "r", 1);
	(void)!read(go, buf, 1);
	return 0;
}

/* What the parent sees of alice's namespace from outside. */
static void look_from_outside(pid_t pid)
{
	char file[64], buf[4096];
	struct stat st;

	snprintf(file, sizeof(file), "/proc/%d/uid_map", (int)pid);
	check("userns-uid-map-from-parent", strcmp(read_text(file, buf, sizeof(buf)),
						  "         0       1000          1\n") == 0,
	      "uid_map '%s'", buf);
	snprintf(file, sizeof(file), "/proc/%d/status", (int)pid);
	check("userns-status-from-parent", strstr(read_text(file, buf, sizeof(buf)),
						  "Uid:\t1000\t1000\t1000\t1000\n") != NULL,
	      "status has no 'Uid: 1000 ...'");
	check("userns-file-owner-outside", stat(path("mine"), &st) == 0 && st.st_uid == ALICE &&
	      st.st_gid == ALICE, "uid %u gid %u", (unsigned)st.st_uid, (unsigned)st.st_gid);
}

static void test_maps(void)
{
	int ready[2], go[2];
	char c;

	if (pipe(ready) != 0 || pipe(go) != 0)
		return;
	pid_t pid = fork();
	if (pid == 0) {
		close(ready[0]);
		close(go[1]);
		_exit(alice_maps_herself(ready[1], go[0]));
	}
	close(ready[1]);
	close(go[0]);
	if (read(ready[0], &c, 1) == 1)
		look_from_outside(pid);
	close(go[1]);
	close(ready[0]);
	int status;
	waitpid(pid, &status, 0);
	check("userns-maps-child", WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "status %x", status);
}

/* ---- a UTS namespace owned by alice's user namespace ---- */

static char outside_name[65];

static const char *nodename(void)
{
	static struct utsname u;

	return uname(&u) == 0 ? u.nodename : "?";
}

static int alice_names_her_host(void)
{
	if (become_alice() != 0)
		return 1;
	check_err("userns-uts-alone-eperm", unshare(CLONE_NEWUTS), EPERM);
	check_err("userns-sethostname-outside-eperm", sethostname("alice", 5), EPERM);
	if (unshare(CLONE_NEWUSER | CLONE_NEWUTS) != 0) {
		check_say("FAIL userns-unshare-user-uts: %s", strerror(errno));
		return 1;
	}
	check("userns-sethostname-inside", sethostname("alice", 5) == 0 &&
	      strcmp(nodename(), "alice") == 0, "%s, nodename '%s'", strerror(errno), nodename());
	return 0;
}

/* ---- /proc/sys/user: the namespace limits of a user namespace ---- */

#define LIMIT_FILE(kind) "/proc/sys/user/max_" kind "_namespaces"

static int unshare_in_child(int flags)
{
	pid_t pid = fork();
	if (pid == 0)
		_exit(unshare(flags) == 0 ? 0 : errno);
	int status = -1;
	waitpid(pid, &status, 0);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* alice, root of a user namespace of her own, sets its limits: a new one
 * starts unlimited; past a limit a namespace cannot be made (ENOSPC), and
 * a namespace that goes gives its place back. */
static int alice_limits(void)
{
	char buf[64];

	if (become_alice() != 0)
		return 1;
	if (unshare(CLONE_NEWUSER) != 0) {
		check_say("FAIL userns-limits-unshare: %s", strerror(errno));
		return 1;
	}
	check("userns-limit-unlimited-inside",
	      strcmp(read_text(LIMIT_FILE("uts"), buf, sizeof(buf)), "2147483647\n") == 0,
	      "'%s'", buf);
	check("userns-limit-set", write_text(LIMIT_FILE("uts"), "1\n") == 0, "%s", strerror(errno));
	check("userns-limit-read-back", strcmp(read_text(LIMIT_FILE("uts"), buf, sizeof(buf)),
					       "1\n") == 0, "'%s'", buf);
	check_err("userns-limit-negative", write_text(LIMIT_FILE("uts"), "-1"), EINVAL);
	check_err("userns-limit-not-number", write_text(LIMIT_FILE("uts"), "many"), EINVAL);
	check("userns-limit-one-allowed", unshare(CLONE_NEWUTS) == 0, "%s", strerror(errno));
	check_err("userns-limit-second-enospc", unshare(CLONE_NEWUTS), ENOSPC);
	/* The one this process holds counts; a child's goes with the child. */
	check("userns-limit-child-enospc", unshare_in_child(CLONE_NEWUTS) == ENOSPC, "wrong errno");
	check("userns-limit-raise", write_text(LIMIT_FILE("uts"), "2") == 0, "%s", strerror(errno));
	int a = unshare_in_child(CLONE_NEWUTS), b = unshare_in_child(CLONE_NEWUTS);
	check("userns-limit-given-back", a == 0 && b == 0, "children got %d and %d", a, b);
	/* A nested user namespace is counted here too. */
	check("userns-limit-user-zero", write_text(LIMIT_FILE("user"), "0") == 0, "%s",
	      strerror(errno));
	check("userns-limit-nested-user-enospc", unshare_in_child(CLONE_NEWUSER) == ENOSPC,
	      "wrong errno");
	return 0;
}

static void test_uts(void)
{
	snprintf(outside_name, sizeof(outside_name), "%s", nodename());
	check("userns-uts-child", in_child(alice_names_her_host) == 0, "child failed");
	check("userns-hostname-outside-unchanged", strcmp(nodename(), outside_name) == 0,
	      "nodename '%s', want '%s'", nodename(), outside_name);
}

/* ---- clone(CLONE_NEWUSER), the map written from the parent ---- */

static int looked[2], mapped[2];	/* child to parent, parent to child */

static int cloned_fn(void *arg)
{
	char c;

	(void)arg;
	int before = getuid();
	if (write(looked[1], "l", 1) != 1 || read(mapped[0], &c, 1) != 1)
		return 3;
	return before == OVERFLOW_ID && getuid() == 0 ? 0 : 1;
}

static int alice_clones(void)
{
	static char stack[64 * 1024];
	char file[64], c;
	int status = -1;

	if (become_alice() != 0 || pipe(looked) != 0 || pipe(mapped) != 0)
		return 1;
	pid_t pid = clone(cloned_fn, stack + sizeof(stack), CLONE_NEWUSER | SIGCHLD, NULL);
	if (pid < 0) {
		check_say("FAIL userns-clone: %s", strerror(errno));
		return 1;
	}
	snprintf(file, sizeof(file), "/proc/%d/uid_map", (int)pid);
	(void)!read(looked[0], &c, 1);
	check("userns-parent-writes-map", write_text(file, "0 1000 1\n") == 0, "%s",
	      strerror(errno));
	(void)!write(mapped[1], "m", 1);
	waitpid(pid, &status, 0);
	check("userns-clone-child-mapped", WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "status %x", status);
	check_err("userns-clone-with-fs", clone(cloned_fn, stack + sizeof(stack),
						CLONE_NEWUSER | CLONE_FS | SIGCHLD, NULL), EINVAL);
	return 0;
}

/* ---- limits ---- */

/* Root nests namespaces, each mapping root to the one outside, until the
 * kernel says no. */
static int nest(void)
{
	int depth = 0;

	for (;;) {
		if (unshare(CLONE_NEWUSER) != 0)
			break;
		depth++;
		if (write_text("/proc/self/setgroups", "deny") != 0 ||
		    write_text("/proc/self/uid_map", "0 0 1") != 0 ||
		    write_text("/proc/self/gid_map", "0 0 1") != 0) {
			check_say("FAIL userns-nest-map: level %d: %s", depth, strerror(errno));
			return 1;
		}
	}
	int err = errno;
	check("userns-nest-limit", depth == MAX_NEST && err == ENOSPC, "depth %d (want %d), %s",
	      depth, MAX_NEST, strerror(err));
	return 0;
}

static int chrooted(void)
{
	if (chroot(dir) != 0) {
		check_say("FAIL userns-chroot: %s", strerror(errno));
		return 1;
	}
	check_err("userns-chrooted-eperm", unshare(CLONE_NEWUSER), EPERM);
	return 0;
}

int main(int argc, char **argv)
{
	self = argv[0];
	if (argc > 1 && strcmp(argv[1], "exec-check") == 0)
		return exec_check();
	if (getuid() != 0) {
		check_say("SKIP userns: must run as root");
		return 0;
	}
	snprintf(dir, sizeof(dir), "%s/userns.%d", T_TMP, (int)getpid());
	umask(022);
	int fd = -1;
	int ok = mkdir(dir, 0755) == 0 && chown(dir, ALICE, ALICE) == 0 &&
		 (fd = open(path("shadow"), O_WRONLY | O_CREAT | O_TRUNC, 0600)) >= 0 &&
		 write(fd, "root:secret\n", 12) == 12;
	if (fd >= 0)
		close(fd);
	if (!check("userns-setup", ok, "%s: %s", dir, strerror(errno)))
		return 1;

	test_maps();
	test_uts();
	check("userns-clone-child", in_child(alice_clones) == 0, "child failed");
	check("userns-nest-child", in_child(nest) == 0, "child failed");
	check("userns-limits-child", in_child(alice_limits) == 0, "child failed");
	char limit[64];
	check("userns-limit-initial", atoi(read_text(LIMIT_FILE("pid"), limit, sizeof(limit))) > 0,
	      "'%s'", limit);
	check("userns-chroot-child", in_child(chrooted) == 0, "child failed");

	unlink(path("mine"));
	unlink(path("shadow"));
	rmdir(dir);
	return 0;
}
