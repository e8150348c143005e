/*
 * users.c - identity and permissions between users, run as root: children
 * become alice (uid 1000) and bob (1001) with setgroups/setgid/setuid and
 * check what each may do to the other's files and processes, set-user-ID
 * programs (and their absence on nosuid mounts), the sticky /tmp rule,
 * umask, chmod/chown and the mount flags noexec and nodev.
 *
 * It needs no passwd entries, so it also runs natively on a Linux host as
 * root, where Linux is the oracle for every assertion.  Files go under
 * T_TMP; the set-user-ID and mount-flag checks use tmpfs mounts of their
 * own there.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/auxv.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include "t.h"

#define ALICE 1000
#define BOB   1001
#define USERS 100

static char dir[128];

static const char *path(const char *name)
{
	return t_path(dir, name);
}

/* Become uid (its own group, plus `users` for alice), for good. */
static int become(uid_t uid)
{
	gid_t groups[1] = { USERS };

	if (setgroups(uid == ALICE ? 1 : 0, groups) != 0 || setgid(uid) != 0 || setuid(uid) != 0) {
		check_say("FAIL become-%u: %s", (unsigned)uid, strerror(errno));
		return -1;
	}
	return 0;
}

/* Run fn in a child that has become uid; wait for it. */
static void as_user(uid_t uid, void (*fn)(void *), void *arg)
{
	pid_t pid = fork();

	if (pid == 0) {
		if (become(uid) == 0)
			fn(arg);
		_exit(0);
	}
	if (pid > 0)
		waitpid(pid, NULL, 0);
}

static int write_file(const char *p, const char *text, mode_t mode)
{
	int fd = open(p, O_WRONLY | O_CREAT | O_TRUNC, mode);

	if (fd < 0)
		return -1;
	ssize_t n = write(fd, text, strlen(text));
	close(fd);
	return n == (ssize_t)strlen(text) ? 0 : -1;
}

/* ---- alice against bob's and root's things ---- */

struct victim {
	pid_t bob_pid;
	int root_ro_fd;		/* a file root opened read-only, inherited */
};

static void alice_checks(void *arg)
{
	struct victim *v = arg;
	char buf[64];

	check_err("alice-shadow-read", open(path("shadow"), O_RDONLY), EACCES);
	check_err("alice-bob-home-list", open(path("bobhome"), O_RDONLY | O_DIRECTORY), EACCES);
	check_err("alice-bob-home-search", open(path("bobhome/notes"), O_RDONLY), EACCES);
	check_err("alice-kill-bob", kill(v->bob_pid, SIGTERM), EPERM);
	check_err("alice-kill-bob-probe", kill(v->bob_pid, 0), EPERM);
	check_err("alice-chown", chown(path("alicefile"), BOB, BOB), EPERM);
	check_err("alice-chown-root-file", chown(path("shadow"), ALICE, ALICE), EPERM);
	check("alice-chgrp-own-group", chown(path("alicefile"), -1, USERS) == 0, "chgrp users: %s",
	      strerror(errno));
	check_err("alice-chgrp-other-group", chown(path("alicefile"), -1, BOB), EPERM);
	check_err("alice-chmod-root-file", chmod(path("shadow"), 0644), EPERM);
	check_err("alice-setuid-0", setuid(0), EPERM);
	check_err("alice-setresuid-0", setresuid(-1, 0, -1), EPERM);
	check_err("alice-setgid-0", setgid(0), EPERM);
	check_err("alice-setgroups", setgroups(0, NULL), EPERM);
	check_err("alice-write-ro-fd", write(v->root_ro_fd, "x", 1), EBADF);
	check("alice-read-ro-fd", read(v->root_ro_fd, buf, 4) == 4 && memcmp(buf, "root", 4) == 0,
	      "cannot read the file root passed");
	check_err("alice-reboot", reboot(RB_POWER_OFF), EPERM);
	check_err("alice-mknod", mknod(path("sticky/alice-null"), S_IFCHR | 0666, makedev(1, 3)), EPERM);
	/* umask and O_CREAT modes */
	umask(027);
	int fd = open(path("sticky/alice-umask"), O_WRONLY | O_CREAT | O_EXCL, 0666);
	struct stat st;
	check("alice-umask-mode", fd >= 0 && fstat(fd, &st) == 0 && (st.st_mode & 07777) == 0640 &&
	      st.st_uid == ALICE && st.st_gid == ALICE, "mode %o uid %u gid %u",
	      (unsigned)(st.st_mode & 07777), (unsigned)st.st_uid, (unsigned)st.st_gid);
	if (fd >= 0)
		close(fd);
	/* access() asks with the real ids: nothing differs here. */
	check_err("alice-access-shadow", access(path("shadow"), R_OK), EACCES);
	check("alice-access-own", access(path("alicefile"), R_OK | W_OK) == 0, "access: %s",
	      strerror(errno));
	/* /proc/PID/environ is the owner's. */
	snprintf(buf, sizeof(buf), "/proc/%d/environ", (int)v->bob_pid);
	check_err("alice-environ-bob", open(buf, O_RDONLY), EACCES);
	snprintf(buf, sizeof(buf), "/proc/%d/mem", (int)v->bob_pid);
	check_err("alice-mem-bob", open(buf, O_RDONLY), EACCES);
	/* Her own, once dumpable again (setuid made it not), as on Linux. */
	prctl(PR_SET_DUMPABLE, 1);
	check("alice-environ-self", (fd = open("/proc/self/environ", O_RDONLY)) >= 0,
	      "open: %s", strerror(errno));
	if (fd >= 0)
		close(fd);
	/* The set-id bit goes when its owner writes (no CAP_FSETID). */
	check("alice-write-clears-suid", chmod(path("alicefile"), 06755) == 0 &&
	      write_file(path("alicefile"), "more", 0) == 0 && stat(path("alicefile"), &st) == 0 &&
	      (st.st_mode & 07777) == 0755, "mode %o", (unsigned)(st.st_mode & 07777));
	/* chmod g+s keeps the bit on a file of her group, and drops it on a
	 * file (hers) of a group she is not in. */
	check("alice-chmod-sgid-own-group", chmod(path("alicefile"), 02755) == 0 &&
	      stat(path("alicefile"), &st) == 0 && (st.st_mode & 07777) == 02755, "mode %o",
	      (unsigned)(st.st_mode & 07777));
	check("alice-chmod-sgid-foreign-group", chmod(path("alice-foreign"), 02755) == 0 &&
	      stat(path("alice-foreign"), &st) == 0 && (st.st_mode & 07777) == 0755, "mode %o",
	      (unsigned)(st.st_mode & 07777));
	/* Sticky /tmp-like directory: she may remove her own file only. */
	check("alice-sticky-create", write_file(path("sticky/alice-file"), "a", 0644) == 0,
	      "create: %s", strerror(errno));
	check_err("alice-sticky-unlink-bob", unlink(path("sticky/bob-file")), EPERM);
	check_err("alice-sticky-rename-bob", rename(path("sticky/bob-file"), path("sticky/x")), EPERM);
	check("alice-sticky-unlink-own", unlink(path("sticky/alice-file")) == 0, "unlink: %s",
	      strerror(errno));
	/* utimensat: only the owner sets times other than now. */
	struct timespec ts[2] = { { 1, 0 }, { 2, 0 } };
	check_err("alice-utimes-foreign", utimensat(AT_FDCWD, path("public"), ts, 0), EPERM);
	check("alice-utimes-now-writable", utimensat(AT_FDCWD, path("public"), NULL, 0) == 0,
	      "utimensat NULL on a file she may write: %s", strerror(errno));
	check_err("alice-noatime-foreign", open(path("public"), O_RDONLY | O_NOATIME), EPERM);
}

static void bob_sticky(void *arg)
{
	(void)arg;
	if (write_file(path("sticky/bob-file"), "b", 0644) != 0)
		check_say("FAIL bob-sticky-create: %s", strerror(errno));
}

/* ---- set-user-ID programs ---- */

/* "users ids": print what exec gave this process. */
static int print_ids(void)
{
	uid_t r, e, s;
	char line[160];

	getresuid(&r, &e, &s);
	snprintf(line, sizeof(line), "ids %u %u %u secure %lu\n", (unsigned)r, (unsigned)e,
		 (unsigned)s, getauxval(AT_SECURE));
	return write(1, line, strlen(line)) > 0 ? 0 : 1;
}

/* Run prog as alice, with "ids" as its argument; its line in out. */
static int run_ids(const char *prog, char *out, size_t len)
{
	int p[2];

	if (pipe(p) != 0)
		return -1;
	pid_t pid = fork();
	if (pid == 0) {
		dup2(p[1], 1);
		close(p[0]);
		close(p[1]);
		if (become(ALICE) == 0)
			execl(prog, prog, "ids", (char *)NULL);
		_exit(127);
	}
	close(p[1]);
	ssize_t n = 0, got;
	while (n < (ssize_t)len - 1 && (got = read(p[0], out + n, len - 1 - n)) > 0)
		n += got;
	out[n > 0 ? n : 0] = '\0';
	close(p[0]);
	int status = 0;
	waitpid(pid, &status, 0);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

static int copy_self(const char *to, mode_t mode)
{
	char buf[8192];
	int in = open("/proc/self/exe", O_RDONLY), out = open(to, O_WRONLY | O_CREAT | O_TRUNC, 0700);
	ssize_t n;
	int err = in < 0 || out < 0;

	while (!err && (n = read(in, buf, sizeof(buf))) > 0)
		err = write(out, buf, n) != n;
	if (in >= 0)
		close(in);
	if (out >= 0)
		close(out);
	return err || chmod(to, mode) != 0 ? -1 : 0;
}

/* mount a fresh tmpfs at DIR/name with flags (0 or -errno). */
static int own_mount(const char *name, unsigned long flags)
{
	const char *p = path(name);

	mkdir(p, 0755);
	return mount("tmpfs", p, "tmpfs", flags, "mode=0755") == 0 ? 0 : -errno;
}

static void test_setuid(void)
{
	char out[160], want[160];
	int rc;

	if (!check("suid-mount", own_mount("suid", 0) == 0 && own_mount("nosuid", MS_NOSUID) == 0,
		   "mount tmpfs: %s", strerror(errno)))
		return;
	char prog[256], nprog[256];
	snprintf(prog, sizeof(prog), "%s", path("suid/ids"));
	snprintf(nprog, sizeof(nprog), "%s", path("nosuid/ids"));
	if (!check("suid-copy", copy_self(prog, 04755) == 0 && copy_self(nprog, 04755) == 0,
		   "copy: %s", strerror(errno)))
		goto out;
	rc = run_ids(prog, out, sizeof(out));
	snprintf(want, sizeof(want), "ids %u 0 0 secure 1\n", ALICE);
	check("suid-exec-euid-0", rc == 0 && strcmp(out, want) == 0, "got '%s' (status %d)", out,
	      rc);
	rc = run_ids(nprog, out, sizeof(out));
	snprintf(want, sizeof(want), "ids %u %u %u secure 0\n", ALICE, ALICE, ALICE);
	check("suid-nosuid-mount", rc == 0 && strcmp(out, want) == 0, "got '%s' (status %d)", out,
	      rc);
	/* Not set-user-ID: plain ids, AT_SECURE 0. */
	chmod(prog, 0755);
	rc = run_ids(prog, out, sizeof(out));
	check("suid-plain-exec", rc == 0 && strcmp(out, want) == 0, "got '%s' (status %d)", out,
	      rc);
	/* Set-group-ID: the file's group. */
	if (chown(prog, 0, 0) == 0 && chmod(prog, 02755) == 0) {
		gid_t g = 0;
		pid_t pid = fork();
		if (pid == 0) {
			if (become(ALICE) == 0) {
				/* exec the program in a mode that reports the egid */
				execl(prog, prog, "gids", (char *)NULL);
			}
			_exit(127);
		}
		int status;
		waitpid(pid, &status, 0);
		g = WIFEXITED(status) ? WEXITSTATUS(status) : 255;
		check("sgid-exec-egid", g == 0, "egid low bits %u, want 0 (root's group)", g);
	}
out:
	umount(path("suid"));
	umount(path("nosuid"));
}

/* ---- noexec, nodev ---- */

static void test_mount_flags(void)
{
	if (!check("noexec-mount", own_mount("noexec", MS_NOEXEC) == 0 &&
		   own_mount("nodev", MS_NODEV) == 0, "mount tmpfs: %s", strerror(errno)))
		return;
	char prog[256];
	snprintf(prog, sizeof(prog), "%s", path("noexec/prog"));
	if (copy_self(prog, 0755) == 0) {
		pid_t pid = fork();
		if (pid == 0) {
			execl(prog, prog, "ids", (char *)NULL);
			_exit(errno == EACCES ? 13 : 1);
		}
		int status;
		waitpid(pid, &status, 0);
		check("noexec-exec", WIFEXITED(status) && WEXITSTATUS(status) == 13,
		      "exec on a noexec mount was not EACCES (status %x)", status);
	}
	const char *node = path("nodev/null");
	check("nodev-mknod", mknod(node, S_IFCHR | 0666, makedev(1, 3)) == 0, "mknod: %s",
	      strerror(errno));
	check_err("nodev-open", open(node, O_RDWR), EACCES);
	umount(path("noexec"));
	umount(path("nodev"));
}

int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "ids") == 0)
		return print_ids();
	if (argc > 1 && strcmp(argv[1], "gids") == 0)
		return (int)(getegid() & 0xff);
	if (getuid() != 0) {
		check_say("SKIP users: must run as root");
		return 0;
	}
	snprintf(dir, sizeof(dir), "%s/users.%d", T_TMP, (int)getpid());
	if (mkdir(dir, 0755) != 0 && errno != EEXIST) {
		check_say("FAIL users-setup: mkdir %s: %s", dir, strerror(errno));
		return 1;
	}
	umask(022);
	/* root's private file, bob's private home, alice's file, a sticky dir */
	int ok = write_file(path("shadow"), "root:secret\n", 0600) == 0 &&
		 mkdir(path("bobhome"), 0700) == 0 && chown(path("bobhome"), BOB, BOB) == 0 &&
		 write_file(path("bobhome/notes"), "bob's\n", 0644) == 0 &&
		 chown(path("bobhome/notes"), BOB, BOB) == 0 &&
		 write_file(path("alicefile"), "alice\n", 0644) == 0 &&
		 chown(path("alicefile"), ALICE, ALICE) == 0 &&
		 write_file(path("alice-foreign"), "alice\n", 0644) == 0 &&
		 chown(path("alice-foreign"), ALICE, BOB) == 0 &&
		 write_file(path("public"), "anyone\n", 0666) == 0 && chmod(path("public"), 0666) == 0 &&
		 mkdir(path("sticky"), 01777) == 0 && chmod(path("sticky"), 01777) == 0 &&
		 write_file(path("rootro"), "root's data\n", 0644) == 0;
	if (!check("users-setup", ok, "%s", strerror(errno)))
		return 1;
	as_user(BOB, bob_sticky, NULL);

	/* bob's process, for alice to fail to kill */
	int ready[2];
	if (pipe(ready) != 0)
		return 1;
	pid_t bob = fork();
	if (bob == 0) {
		close(ready[0]);
		if (become(BOB) == 0) {
			(void)!write(ready[1], "r", 1);
			for (;;)
				pause();
		}
		_exit(1);
	}
	close(ready[1]);
	char c;
	check("bob-started", read(ready[0], &c, 1) == 1, "bob's process did not start");
	close(ready[0]);

	struct victim v = { bob, open(path("rootro"), O_RDONLY) };
	as_user(ALICE, alice_checks, &v);
	close(v.root_ro_fd);

	/* root may: CAP_KILL */
	check("root-kill-bob", kill(bob, SIGKILL) == 0, "kill: %s", strerror(errno));
	waitpid(bob, NULL, 0);
	/* root reads the private file and lists bob's home (CAP_DAC_*) */
	int fd = open(path("bobhome"), O_RDONLY | O_DIRECTORY);
	check("root-dac-override", fd >= 0 && access(path("shadow"), R_OK | W_OK) == 0,
	      "root refused: %s", strerror(errno));
	if (fd >= 0)
		close(fd);
	check_err("root-exec-no-x-bit", execl(path("shadow"), "x", (char *)NULL), EACCES);
	test_setuid();
	test_mount_flags();
	return 0;
}
