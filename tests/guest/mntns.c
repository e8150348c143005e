/*
 * mntns.c - mount namespaces.  A child that unshares CLONE_NEWNS gets a
 * copy of the mount tree: after making / private it mounts, binds,
 * remounts and unmounts without the parent seeing any of it, and its
 * /proc/self/mountinfo shows its own tree in Linux's format.  Also:
 * propagation types as mountinfo records them (peer groups survive the
 * copy), recursive binds, umount2 with MNT_DETACH of a busy mount (still
 * usable through an open descriptor and a working directory) and
 * UMOUNT_NOFOLLOW, pivot_root into a tmpfs holding a copy of this
 * program and running it there, chroot's order of checks, and who may
 * make a namespace.  Propagation between namespaces: mounts and unmounts
 * on a shared mount reach its peers and slaves, not the other way from a
 * slave, not at all to a private mount; mountinfo's shared:, master: and
 * propagate_from: fields; rbind and unbindable mounts; MS_MOVE; umount2's
 * flags (MNT_EXPIRE, MNT_FORCE); a remount read-only of a file system and
 * of one mount; and the mounts a namespace copied for a new user
 * namespace gets locked (no umount, no move, no clearing of their
 * MS_RDONLY and kin).  Run as root; also natively on a Linux host, where
 * Linux is the oracle (built static there, so the copy runs after
 * pivot_root).
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include "t.h"

#define PROBE_STATUS	42	/* what the copy run after pivot_root exits with */
#define INFO_MAX	(64 * 1024)
#define LESSER(a, b)	((a) < (b) ? (a) : (b))

static char dir_a[200], dir_b[200], dir_c[200], dir_r[200], dir_p[200], dir_q[200];
static char dir_s[200], dir_m[200], dir_l[200];
static char info[INFO_MAX];

/* The mountinfo (or mounts) line of mount point path, the last one, split
 * into fields; the number of fields, 0 if there is none. */
static int mount_line(const char *file, const char *path, char **field, int max)
{
	static char line[1024];
	int fd = open(file, O_RDONLY), n = 0, got;

	if (fd < 0)
		return 0;
	while (n < INFO_MAX - 1 && (got = read(fd, info + n, INFO_MAX - 1 - n)) > 0)
		n += got;
	close(fd);
	info[n] = 0;
	int nfields = 0;
	int point = strcmp(file, "/proc/self/mounts") == 0 ? 1 : 4;
	for (char *l = info, *next; *l; l = next) {
		next = strchr(l, '\n');
		next = next ? next + 1 : l + strlen(l);
		char copy[sizeof(line)];
		size_t len = LESSER((size_t)(next - l), sizeof(copy) - 1);
		memcpy(copy, l, len);
		copy[len] = 0;
		copy[strcspn(copy, "\n")] = 0;
		char *f[32];
		int nf = 0;
		for (char *s = strtok(copy, " "); s && nf < 32; s = strtok(NULL, " "))
			f[nf++] = s;
		if (nf > point && strcmp(f[point], path) == 0) {
			memcpy(line, copy, sizeof(line));
			nfields = LESSER(nf, max);
			for (int i = 0; i < nfields; i++)
				field[i] = line + (f[i] - copy);
		}
	}
	return nfields;
}

/* The optional fields and more of path's line in mountinfo file, as one
 * string (" shared:3 - tmpfs ..."), or "" if it has no line. */
static const char *info_tail_of(const char *file, const char *path)
{
	static char tail[512];
	char *f[32];
	int n = mount_line(file, path, f, 32);

	tail[0] = 0;
	for (int i = 6; i < n; i++)
		snprintf(tail + strlen(tail), sizeof(tail) - strlen(tail), " %s", f[i]);
	return tail;
}

static const char *info_tail(const char *path)
{
	return info_tail_of("/proc/self/mountinfo", path);
}

/* The peer group in a "shared:N" or "master:N" of path's line; 0 if none. */
static int info_group_of(const char *file, const char *path, const char *kind)
{
	const char *s = strstr(info_tail_of(file, path), kind);

	return s ? atoi(s + strlen(kind)) : 0;
}

static int info_group(const char *path, const char *kind)
{
	return info_group_of("/proc/self/mountinfo", path, kind);
}

/* The first of path's super options in mountinfo: "ro" or "rw". */
static const char *super_opts(const char *path)
{
	static char opts[3];
	char *f[32];
	int n = mount_line("/proc/self/mountinfo", path, f, 32), dash = 6;

	while (dash < n && strcmp(f[dash], "-") != 0)
		dash++;
	snprintf(opts, sizeof(opts), "%s", dash + 3 < n ? f[dash + 3] : "");
	return opts;
}

static int exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0;
}

static int make_file(const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

	if (fd < 0)
		return -1;
	close(fd);
	return 0;
}

/* Run fn in a forked child; its exit status, or -1. */
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

static void check_mountinfo_format(void)
{
	char *f[32];
	int n = mount_line("/proc/self/mountinfo", dir_a, f, 32);
	int dash = 6;

	while (dash < n && strcmp(f[dash], "-") != 0)
		dash++;
	unsigned int major, minor;
	check("mntns-mountinfo-format", n >= 10 && atoi(f[0]) > 0 && atoi(f[1]) > 0 &&
	      sscanf(f[2], "%u:%u", &major, &minor) == 2 && strcmp(f[3], "/") == 0 &&
	      strncmp(f[5], "rw", 2) == 0 && dash + 3 < n + 1 && dash + 2 < n &&
	      strcmp(f[dash + 1], "tmpfs") == 0 && strcmp(f[dash + 2], "mntns-src") == 0,
	      "line for %s: %d fields, '%s'", dir_a, n, n > 5 ? f[5] : "");
	check("mntns-mountinfo-private", n > 0 && !strstr(info_tail(dir_a), "shared:"),
	      "a mount on a private / is shared:%s", info_tail(dir_a));
	n = mount_line("/proc/self/mounts", dir_a, f, 32);
	check("mntns-mounts", n == 6 && strcmp(f[0], "mntns-src") == 0 &&
	      strcmp(f[2], "tmpfs") == 0 && strncmp(f[3], "rw", 2) == 0,
	      "%d fields in /proc/self/mounts for %s", n, dir_a);
}

/* A new namespace keeps peer groups: this copy's dir_a is a peer of the
 * original's, so making it a slave makes it a slave of that group. */
static int peers_child(void)
{
	int group = info_group(dir_a, "shared:");

	if (unshare(CLONE_NEWNS) != 0)
		return 1;
	check("mntns-copy-keeps-peers", group > 0 && info_group(dir_a, "shared:") == group,
	      "shared:%d before, '%s' after", group, info_tail(dir_a));
	check("mntns-slave-of-peers", mount(NULL, dir_a, NULL, MS_SLAVE, NULL) == 0 &&
	      info_group(dir_a, "master:") == group && !strstr(info_tail(dir_a), "shared:"),
	      "'%s', want master:%d", info_tail(dir_a), group);
	return 0;
}

static void check_propagation(void)
{
	check("mntns-make-shared", mount(NULL, dir_a, NULL, MS_SHARED, NULL) == 0 &&
	      info_group(dir_a, "shared:") > 0, "'%s'", info_tail(dir_a));
	check("mntns-copy-child", in_child(peers_child) == 0, "child failed");
	/* With no peer left, MS_SLAVE leaves it private, as on Linux. */
	check("mntns-make-slave-alone", mount(NULL, dir_a, NULL, MS_SLAVE, NULL) == 0 &&
	      !strstr(info_tail(dir_a), "shared:") && !strstr(info_tail(dir_a), "master:"),
	      "'%s'", info_tail(dir_a));
	check("mntns-make-unbindable", mount(NULL, dir_a, NULL, MS_UNBINDABLE, NULL) == 0 &&
	      strstr(info_tail(dir_a), "unbindable"), "'%s'", info_tail(dir_a));
	check_err("mntns-bind-unbindable", mount(dir_a, dir_c, NULL, MS_BIND, NULL), EINVAL);
	check_err("mntns-two-types", mount(NULL, dir_a, NULL, MS_SHARED | MS_PRIVATE, NULL),
		  EINVAL);
	check("mntns-make-private", mount(NULL, dir_a, NULL, MS_PRIVATE, NULL) == 0 &&
	      !strstr(info_tail(dir_a), "unbindable"), "'%s'", info_tail(dir_a));
}

static void check_remount(void)
{
	char f[300], *fl[32];

	snprintf(f, sizeof(f), "%s/ro-file", dir_a);

	check("mntns-remount-bind-ro",
	      mount(NULL, dir_a, NULL, MS_REMOUNT | MS_BIND | MS_RDONLY, NULL) == 0, "%s",
	      strerror(errno));
	check("mntns-remount-ro-shown", mount_line("/proc/self/mountinfo", dir_a, fl, 32) > 5 &&
	      strncmp(fl[5], "ro", 2) == 0, "options not ro");
	check_err("mntns-remount-ro-erofs", make_file(f), EROFS);
	check("mntns-remount-rw", mount(NULL, dir_a, NULL, MS_REMOUNT | MS_BIND, NULL) == 0 &&
	      make_file(f) == 0, "%s", strerror(errno));
	check("mntns-remount-bind-one-mount", mount(dir_a, dir_c, NULL, MS_BIND, NULL) == 0 &&
	      mount(NULL, dir_c, NULL, MS_REMOUNT | MS_BIND | MS_RDONLY, NULL) == 0 &&
	      make_file(f) == 0 && strcmp(super_opts(dir_c), "rw") == 0, "%s", strerror(errno));
	check_err("mntns-remount-bind-one-erofs", make_file(t_path(dir_c, "ro-file")), EROFS);
	/* Without MS_BIND the file system itself: every mount of it. */
	check("mntns-remount-sb-ro", mount(NULL, dir_a, NULL, MS_REMOUNT | MS_RDONLY, NULL) == 0 &&
	      strcmp(super_opts(dir_a), "ro") == 0 && strcmp(super_opts(dir_c), "ro") == 0,
	      "%s; super options '%s'", strerror(errno), super_opts(dir_a));
	check_err("mntns-remount-sb-erofs", make_file(f), EROFS);
	check("mntns-remount-sb-rw", mount(NULL, dir_a, NULL, MS_REMOUNT, NULL) == 0 &&
	      make_file(f) == 0 && umount(dir_c) == 0, "%s", strerror(errno));
	mkdir(t_path(dir_a, "plain"), 0755);
	check_err("mntns-remount-not-mountpoint",
		  mount(NULL, t_path(dir_a, "plain"), NULL, MS_REMOUNT | MS_BIND, NULL), EINVAL);
}

static void check_binds(void)
{
	char sub[300], sub_file[300], seen[300];

	snprintf(sub, sizeof(sub), "%s/sub", dir_a);
	snprintf(sub_file, sizeof(sub_file), "%s/sub/f", dir_a);
	snprintf(seen, sizeof(seen), "%s/sub/f", dir_c);
	if (mkdir(sub, 0755) != 0 || mount("mntns-sub", sub, "tmpfs", 0, NULL) != 0 ||
	    make_file(sub_file) != 0) {
		check("mntns-bind-setup", 0, "%s", strerror(errno));
		return;
	}
	check("mntns-bind", mount(dir_a, dir_c, NULL, MS_BIND, NULL) == 0 &&
	      exists(t_path(dir_c, "inside")) && !exists(seen), "%s", strerror(errno));
	check("mntns-bind-umount", umount(dir_c) == 0, "%s", strerror(errno));
	check("mntns-bind-rec", mount(dir_a, dir_c, NULL, MS_BIND | MS_REC, NULL) == 0 &&
	      exists(seen), "%s", strerror(errno));
	check_err("mntns-umount-has-submounts", umount(dir_c), EBUSY);
	check("mntns-umount-detach-tree", umount2(dir_c, MNT_DETACH) == 0 && !exists(seen) &&
	      exists(sub_file), "%s", strerror(errno));
}

static void check_detach(void)
{
	char busy[300], link[300];

	snprintf(busy, sizeof(busy), "%s/busy", dir_a);
	snprintf(link, sizeof(link), "%s/link", dir_a);
	if (mkdir(busy, 0755) != 0 || mount("mntns-busy", busy, "tmpfs", 0, NULL) != 0) {
		check("mntns-detach-setup", 0, "%s", strerror(errno));
		return;
	}
	int fd = open(t_path(busy, "held"), O_RDWR | O_CREAT, 0644);
	int dirfd = open(busy, O_RDONLY | O_DIRECTORY);
	check_err("mntns-umount-busy", umount(busy), EBUSY);
	check("mntns-detach-busy", umount2(busy, MNT_DETACH) == 0 &&
	      !exists(t_path(busy, "held")), "%s", strerror(errno));
	char buf[4] = { 0 };
	check("mntns-detach-fd-works", write(fd, "abc", 3) == 3 && pread(fd, buf, 3, 0) == 3 &&
	      memcmp(buf, "abc", 3) == 0, "%s", strerror(errno));
	int here = open(".", O_RDONLY | O_DIRECTORY);
	check("mntns-detach-cwd", fchdir(dirfd) == 0 && make_file("made-after") == 0 &&
	      exists("held"), "%s", strerror(errno));
	(void)!fchdir(here);
	close(here);
	close(fd);
	close(dirfd);

	/* UMOUNT_NOFOLLOW: a symbolic link to a mount point is not one. */
	if (mount("mntns-busy2", busy, "tmpfs", 0, NULL) != 0 || symlink(busy, link) != 0) {
		check("mntns-nofollow-setup", 0, "%s", strerror(errno));
		return;
	}
	check_err("mntns-umount-nofollow", umount2(link, UMOUNT_NOFOLLOW), EINVAL);
	check("mntns-umount-follow", umount2(link, 0) == 0, "%s", strerror(errno));
}

/*
 * Propagation between namespaces.  A peer is a forked child in a mount
 * namespace of its own; the two meet at sync points (one byte each way),
 * so each side's step is done before the other looks.
 */
struct peer {
	int to, from;
};

static int peer_sync(struct peer *p)
{
	char c = 0;

	return write(p->to, "s", 1) == 1 && read(p->from, &c, 1) == 1 ? 0 : -1;
}

/* Fork fn as a peer; the parent's side of the pipes in *p, the pid out. */
static pid_t peer_start(struct peer *p, int (*fn)(struct peer *))
{
	int down[2], up[2];

	if (pipe(down) != 0 || pipe(up) != 0)
		return -1;
	pid_t pid = fork();
	if (pid == 0) {
		struct peer child = { up[1], down[0] };
		close(down[1]);
		close(up[0]);
		_exit(fn(&child));
	}
	close(down[0]);
	close(up[1]);
	p->to = down[1];
	p->from = up[0];
	return pid;
}

static int peer_end(struct peer *p, pid_t pid)
{
	int status = -1;

	close(p->to);
	close(p->from);
	if (pid > 0)
		waitpid(pid, &status, 0);
	return pid > 0 && WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* The parent's mountinfo: the peer's view of the other namespace. */
static const char *parent_info(void)
{
	static char file[64];

	snprintf(file, sizeof(file), "/proc/%d/mountinfo", (int)getppid());
	return file;
}

static int mount_with_file(const char *source, const char *dir)
{
	if (mkdir(dir, 0755) != 0 && errno != EEXIST)
		return -1;
	if (mount(source, dir, "tmpfs", 0, NULL) != 0)
		return -1;
	return make_file(t_path(dir, "f"));
}

static const char *sub(const char *dir, const char *name)
{
	static char path[4][300];
	static int slot;

	slot = (slot + 1) % 4;
	snprintf(path[slot], sizeof(path[slot]), "%s/%s", dir, name);
	return path[slot];
}

/* The peer of events_parent, in a copy of its namespace. */
static int events_child(struct peer *p)
{
	if (unshare(CLONE_NEWNS) != 0 || peer_sync(p))
		return 1;
	peer_sync(p);	/* the parent mounted "one" */
	check("mntns-prop-to-peer", exists(t_path(sub(dir_s, "one"), "f")),
	      "a mount on a shared mount did not reach its peer");
	int group = info_group_of(parent_info(), sub(dir_s, "one"), "shared:");
	check("mntns-prop-peer-group", group > 0 &&
	      info_group(sub(dir_s, "one"), "shared:") == group,
	      "'%s', the parent's shared:%d", info_tail(sub(dir_s, "one")), group);
	check("mntns-prop-from-peer", mount_with_file("mntns-two", sub(dir_s, "two")) == 0,
	      "%s", strerror(errno));
	int fd = open(t_path(sub(dir_s, "one"), "f"), O_RDONLY);
	peer_sync(p);
	peer_sync(p);	/* the parent's umount of "one" met this open file */
	close(fd);
	peer_sync(p);
	peer_sync(p);	/* the parent unmounted "one" */
	check("mntns-prop-umount", !exists(t_path(sub(dir_s, "one"), "f")) &&
	      !*info_tail(sub(dir_s, "one")), "'%s' is still mounted", sub(dir_s, "one"));
	int shared = info_group(dir_s, "shared:");
	check("mntns-prop-make-slave", mount(NULL, dir_s, NULL, MS_SLAVE, NULL) == 0 &&
	      info_group(dir_s, "master:") == shared && !strstr(info_tail(dir_s), "shared:"),
	      "'%s', want master:%d", info_tail(dir_s), shared);
	peer_sync(p);
	peer_sync(p);	/* the parent mounted "three" and moved one to "moved" */
	group = info_group_of(parent_info(), sub(dir_s, "three"), "shared:");
	check("mntns-prop-to-slave", exists(t_path(sub(dir_s, "three"), "f")) && group > 0 &&
	      info_group(sub(dir_s, "three"), "master:") == group &&
	      !strstr(info_tail(sub(dir_s, "three")), "shared:"),
	      "'%s', want master:%d", info_tail(sub(dir_s, "three")), group);
	check("mntns-prop-move-to-slave", exists(t_path(sub(dir_s, "moved"), "f")),
	      "a move onto a shared mount did not reach its slave");
	check("mntns-prop-from-slave", mount_with_file("mntns-four", sub(dir_s, "four")) == 0,
	      "%s", strerror(errno));
	check("mntns-prop-make-private", mount(NULL, dir_s, NULL, MS_PRIVATE, NULL) == 0 &&
	      !strstr(info_tail(dir_s), "master:"), "'%s'", info_tail(dir_s));
	peer_sync(p);
	peer_sync(p);	/* the parent mounted "five" */
	check("mntns-prop-private", !exists(t_path(sub(dir_s, "five"), "f")),
	      "a mount reached a private mount");
	return 0;
}

/* dir_s, shared, with a peer in another namespace: mounts and unmounts
 * go both ways between peers, one way to a slave, none to a private. */
static void check_events(void)
{
	struct peer p;

	if (mount_with_file("mntns-shared", dir_s) != 0 ||
	    mount(NULL, dir_s, NULL, MS_SHARED, NULL) != 0 ||
	    mount_with_file("mntns-moving", dir_m) != 0) {
		check("mntns-prop-setup", 0, "%s", strerror(errno));
		return;
	}
	mkdir(sub(dir_s, "one"), 0755);
	mkdir(sub(dir_s, "two"), 0755);
	mkdir(sub(dir_s, "moved"), 0755);
	pid_t pid = peer_start(&p, events_child);
	peer_sync(&p);	/* the child has its namespace */
	mount_with_file("mntns-one", sub(dir_s, "one"));
	peer_sync(&p);
	peer_sync(&p);	/* the child mounted "two" */
	check("mntns-prop-peer-back", exists(t_path(sub(dir_s, "two"), "f")),
	      "a peer's mount did not come back");
	check_err("mntns-prop-umount-busy-peer", umount(sub(dir_s, "one")), EBUSY);
	peer_sync(&p);
	peer_sync(&p);	/* the child closed its file */
	check("mntns-prop-umount-sent", umount(sub(dir_s, "one")) == 0, "%s", strerror(errno));
	peer_sync(&p);
	peer_sync(&p);	/* the child made dir_s a slave */
	mount_with_file("mntns-three", sub(dir_s, "three"));
	check("mntns-move-onto-shared", mount(dir_m, sub(dir_s, "moved"), NULL, MS_MOVE, NULL) == 0,
	      "%s", strerror(errno));
	peer_sync(&p);
	peer_sync(&p);	/* the child mounted "four" and made dir_s private */
	check("mntns-prop-slave-one-way", !exists(t_path(sub(dir_s, "four"), "f")),
	      "a slave's mount reached its master");
	mount_with_file("mntns-five", sub(dir_s, "five"));
	peer_sync(&p);
	check("mntns-prop-child", peer_end(&p, pid) == 0, "child failed");
	check_err("mntns-move-shared-parent",
		  mount(sub(dir_s, "moved"), dir_m, NULL, MS_MOVE, NULL), EINVAL);
	umount2(dir_s, MNT_DETACH);
}

/* P shared (group G), R a slave of G and shared (group H), T a peer of R;
 * in a copy, T' a slave of H and R' private: no member of H is left in
 * the copy, so T' shows propagate_from:G (G's P' is there). */
static int propagate_from_child(void)
{
	if (unshare(CLONE_NEWNS) != 0)
		return 1;
	int g = info_group(dir_s, "shared:"), h = info_group(dir_c, "shared:");
	if (mount(NULL, dir_q, NULL, MS_SLAVE, NULL) != 0 ||
	    mount(NULL, dir_c, NULL, MS_PRIVATE, NULL) != 0)
		return 1;
	char want[64];
	snprintf(want, sizeof(want), "master:%d propagate_from:%d", h, g);
	check("mntns-propagate-from", g > 0 && h > 0 && strstr(info_tail(dir_q), want),
	      "'%s', want '%s'", info_tail(dir_q), want);
	return 0;
}

static void check_propagate_from(void)
{
	if (mount_with_file("mntns-p", dir_s) != 0 ||
	    mount(NULL, dir_s, NULL, MS_SHARED, NULL) != 0 ||
	    mount(dir_s, dir_c, NULL, MS_BIND, NULL) != 0 ||
	    mount(NULL, dir_c, NULL, MS_SLAVE, NULL) != 0 ||
	    mount(NULL, dir_c, NULL, MS_SHARED, NULL) != 0 ||
	    mount(dir_c, dir_q, NULL, MS_BIND, NULL) != 0) {
		check("mntns-propagate-from-setup", 0, "%s", strerror(errno));
		return;
	}
	check("mntns-shared-slave", info_group(dir_c, "master:") == info_group(dir_s, "shared:") &&
	      info_group(dir_c, "shared:") > 0, "'%s'", info_tail(dir_c));
	check("mntns-propagate-from-child", in_child(propagate_from_child) == 0, "child failed");
	umount(dir_q);
	umount(dir_c);
	umount(dir_s);
}

/* rbind leaves out an unbindable mount and what is below it. */
static void check_unbindable_tree(void)
{
	if (mount_with_file("mntns-ub", dir_s) != 0 ||
	    mount_with_file("mntns-ub-inner", sub(dir_s, "u")) != 0 ||
	    mount(NULL, sub(dir_s, "u"), NULL, MS_UNBINDABLE, NULL) != 0) {
		check("mntns-unbindable-setup", 0, "%s", strerror(errno));
		return;
	}
	check("mntns-rbind-skips-unbindable", mount(dir_s, dir_c, NULL, MS_BIND | MS_REC, NULL) == 0 &&
	      exists(t_path(dir_c, "f")) && exists(sub(dir_c, "u")) &&
	      !exists(t_path(sub(dir_c, "u"), "f")), "%s", strerror(errno));
	umount2(dir_c, MNT_DETACH);
	umount2(dir_s, MNT_DETACH);
}

/* An rbind of a shared mount is its peer; detaching the copy takes the
 * mounts below it with it and, as Linux propagates each one's umount,
 * their counterparts on the original too. */
static void check_detach_propagates(void)
{
	if (mount_with_file("mntns-dp", dir_s) != 0 ||
	    mount(NULL, dir_s, NULL, MS_SHARED, NULL) != 0 || mkdir(sub(dir_s, "sub"), 0755) ||
	    mount(dir_s, dir_c, NULL, MS_BIND | MS_REC, NULL) != 0 ||
	    mount_with_file("mntns-dp-sub", sub(dir_s, "sub")) != 0) {
		check("mntns-detach-propagates-setup", 0, "%s", strerror(errno));
		return;
	}
	check("mntns-prop-to-rbind-peer", exists(t_path(sub(dir_c, "sub"), "f")),
	      "a mount did not reach the rbind copy");
	check("mntns-detach-propagates", umount2(dir_c, MNT_DETACH) == 0 &&
	      !exists(t_path(sub(dir_s, "sub"), "f")), "%s", errno ? strerror(errno) :
	      "the original's submount stayed");
	umount2(dir_s, MNT_DETACH);
}

/* MS_MOVE: the mount goes with its submounts; Linux's errors. */
static void check_move(void)
{
	if (mount_with_file("mntns-move", dir_m) != 0 ||
	    mount_with_file("mntns-move-sub", sub(dir_m, "sub")) != 0) {
		check("mntns-move-setup", 0, "%s", strerror(errno));
		return;
	}
	check("mntns-move", mount(dir_m, dir_c, NULL, MS_MOVE, NULL) == 0 &&
	      exists(t_path(dir_c, "f")) && exists(t_path(sub(dir_c, "sub"), "f")) &&
	      !exists(t_path(dir_m, "f")), "%s", strerror(errno));
	check("mntns-move-mountinfo", *info_tail(dir_c) && *info_tail(sub(dir_c, "sub")) &&
	      !*info_tail(dir_m), "the move does not show");
	mkdir(sub(dir_c, "plain"), 0755);
	check_err("mntns-move-not-mountpoint",
		  mount(sub(dir_c, "plain"), dir_m, NULL, MS_MOVE, NULL), EINVAL);
	check_err("mntns-move-under-itself",
		  mount(dir_c, sub(dir_c, "plain"), NULL, MS_MOVE, NULL), ELOOP);
	check("mntns-move-back", mount(dir_c, dir_m, NULL, MS_MOVE, NULL) == 0 &&
	      exists(t_path(sub(dir_m, "sub"), "f")), "%s", strerror(errno));
	umount2(dir_m, MNT_DETACH);
}

/* umount2's flags. */
static void check_umount_flags(void)
{
	check_err("mntns-umount-bad-flag-first", umount2("/nonexistent-mntns", 0x100), EINVAL);
	if (mount_with_file("mntns-flags", dir_m) != 0) {
		check("mntns-umount-flags-setup", 0, "%s", strerror(errno));
		return;
	}
	check_err("mntns-umount-bad-flag", umount2(dir_m, 0x100), EINVAL);
	check_err("mntns-expire-detach", umount2(dir_m, MNT_EXPIRE | MNT_DETACH), EINVAL);
	check_err("mntns-expire-force", umount2(dir_m, MNT_EXPIRE | MNT_FORCE), EINVAL);
	check_err("mntns-umount-not-mountpoint", umount2(dir_p, 0), EINVAL);
	check_err("mntns-expire-mark", umount2(dir_m, MNT_EXPIRE), EAGAIN);
	check("mntns-expire", umount2(dir_m, MNT_EXPIRE) == 0 && !exists(t_path(dir_m, "f")),
	      "%s", strerror(errno));
	int fd = -1;
	if (mount_with_file("mntns-force", dir_m) == 0)
		fd = open(t_path(dir_m, "f"), O_RDONLY);
	check_err("mntns-force-busy", umount2(dir_m, MNT_FORCE), EBUSY);
	close(fd);
	check("mntns-force", umount2(dir_m, MNT_FORCE) == 0, "%s", strerror(errno));
}

static int write_text(const char *file, const char *text)
{
	int fd = open(file, O_WRONLY);
	ssize_t n = fd < 0 ? -1 : write(fd, text, strlen(text));

	if (fd >= 0)
		close(fd);
	return n == (ssize_t)strlen(text) ? 0 : -1;
}

/* In a user namespace of its own (root there, mapped to root), with a
 * copy of the parent's mount namespace: the copies are locked. */
static int locked_child(struct peer *p)
{
	int group = info_group(dir_l, "shared:");

	if (unshare(CLONE_NEWUSER | CLONE_NEWNS) != 0 ||
	    write_text("/proc/self/setgroups", "deny") != 0 ||
	    write_text("/proc/self/uid_map", "0 0 1\n") != 0 ||
	    write_text("/proc/self/gid_map", "0 0 1\n") != 0) {
		check("mntns-locked-setup", 0, "%s", strerror(errno));
		return 1;
	}
	char inner[300], mine[300], mine_inner[320];

	snprintf(inner, sizeof(inner), "%s/inner", dir_l);
	snprintf(mine, sizeof(mine), "%s/mine", dir_l);
	snprintf(mine_inner, sizeof(mine_inner), "%s/inner", mine);
	check("mntns-locked-becomes-slave", group > 0 && info_group(dir_l, "master:") == group &&
	      !strstr(info_tail(dir_l), "shared:"), "'%s', want master:%d", info_tail(dir_l), group);
	check_err("mntns-locked-umount", umount(inner), EINVAL);
	check_err("mntns-locked-detach", umount2(dir_l, MNT_DETACH), EINVAL);
	check_err("mntns-locked-move", mount(inner, mine, NULL, MS_MOVE, NULL), EINVAL);
	check_err("mntns-locked-clear-ro",
		  mount(NULL, inner, NULL, MS_REMOUNT | MS_BIND | MS_NOSUID, NULL), EPERM);
	check_err("mntns-locked-clear-nosuid",
		  mount(NULL, inner, NULL, MS_REMOUNT | MS_BIND | MS_RDONLY, NULL), EPERM);
	check("mntns-locked-remount-keeps",
	      mount(NULL, inner, NULL, MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID, NULL) == 0,
	      "%s", strerror(errno));
	check("mntns-locked-add-flag",
	      mount(NULL, inner, NULL, MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID | MS_NODEV,
		    NULL) == 0 &&
	      mount(NULL, inner, NULL, MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID, NULL) == 0,
	      "%s", strerror(errno));
	check_err("mntns-locked-bind-uncovers", mount(dir_l, mine, NULL, MS_BIND, NULL), EINVAL);
	check("mntns-locked-rbind", mount(dir_l, mine, NULL, MS_BIND | MS_REC, NULL) == 0,
	      "%s", strerror(errno));
	check_err("mntns-locked-rbind-keeps-lock", umount(mine_inner), EINVAL);
	check("mntns-locked-detach-own", umount2(mine, MNT_DETACH) == 0, "%s", strerror(errno));
	check("mntns-locked-own-mount", mount("mntns-mine", mine, "tmpfs", 0, NULL) == 0,
	      "%s", strerror(errno));
	check("mntns-locked-own-umount-force", umount2(mine, MNT_FORCE) == 0, "%s",
	      strerror(errno));
	peer_sync(p);
	peer_sync(p);	/* the parent mounted "later" */
	check("mntns-locked-propagated", exists(t_path(sub(dir_l, "later"), "f")),
	      "the parent's mount did not reach the slave");
	/* Only what is below the top of a propagated tree is locked. */
	check("mntns-locked-propagated-top", umount(sub(dir_l, "later")) == 0, "%s",
	      strerror(errno));
	return 0;
}

/* What a container does: in a new user and mount namespace, pivot_root
 * into a fresh tmpfs and detach the old root, locked mounts and all. */
static int locked_pivot_child(void)
{
	if (unshare(CLONE_NEWUSER | CLONE_NEWNS) != 0 ||
	    write_text("/proc/self/setgroups", "deny") != 0 ||
	    write_text("/proc/self/uid_map", "0 0 1\n") != 0 ||
	    write_text("/proc/self/gid_map", "0 0 1\n") != 0 ||
	    mount("mntns-uroot", dir_r, "tmpfs", 0, NULL) != 0 ||
	    mkdir(t_path(dir_r, "oldroot"), 0755) != 0 || chdir(dir_r) != 0) {
		check("mntns-locked-pivot-setup", 0, "%s", strerror(errno));
		return 1;
	}
	check("mntns-locked-pivot", syscall(SYS_pivot_root, ".", "oldroot") == 0, "%s",
	      strerror(errno));
	check("mntns-locked-pivot-detach-old", umount2("/oldroot", MNT_DETACH) == 0 &&
	      !exists(t_path("/oldroot", "proc")), "%s", strerror(errno));
	return 0;
}

/* Locked mounts: what a less privileged namespace copied from this one
 * may not undo. */
static void check_locked(void)
{
	struct peer p;

	if (mount_with_file("mntns-locked", dir_l) != 0 || mkdir(sub(dir_l, "inner"), 0755) ||
	    mkdir(sub(dir_l, "mine"), 0755) || mkdir(sub(dir_l, "later"), 0755) ||
	    mount("mntns-inner", sub(dir_l, "inner"), "tmpfs", MS_RDONLY | MS_NOSUID, NULL) ||
	    mount(NULL, dir_l, NULL, MS_SHARED, NULL) != 0) {
		check("mntns-locked-parent-setup", 0, "%s", strerror(errno));
		return;
	}
	pid_t pid = peer_start(&p, locked_child);
	peer_sync(&p);	/* the child is done with its own checks */
	mount_with_file("mntns-later", sub(dir_l, "later"));
	peer_sync(&p);
	check("mntns-locked-child", peer_end(&p, pid) == 0, "child failed");
	check("mntns-locked-pivot-child", in_child(locked_pivot_child) == 0, "child failed");
	umount(sub(dir_l, "later"));
	umount(sub(dir_l, "inner"));
	umount(dir_l);
}

/* Copy this program to path (for running it after pivot_root). */
static int copy_self(const char *path)
{
	static char buf[64 * 1024];
	int in = open("/proc/self/exe", O_RDONLY);
	int out = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0755);
	ssize_t n = 0;

	while (in >= 0 && out >= 0 && (n = read(in, buf, sizeof(buf))) > 0)
		if (write(out, buf, n) != n)
			n = -1;
	if (in >= 0)
		close(in);
	if (out >= 0)
		close(out);
	return in >= 0 && out >= 0 && n == 0 ? 0 : -1;
}

static int pivot_child(void)
{
	char old_view[300], plain[300];

	if (unshare(CLONE_NEWNS) != 0 || mount("mntns-root", dir_r, "tmpfs", 0, NULL) != 0 ||
	    mkdir(t_path(dir_r, "oldroot"), 0755) != 0 || make_file(t_path(dir_r, "marker")) ||
	    copy_self(t_path(dir_r, "prog")) != 0 || chdir(dir_r) != 0) {
		check("mntns-pivot-setup", 0, "%s", strerror(errno));
		return 1;
	}
	if (!check("mntns-pivot-root", syscall(SYS_pivot_root, ".", "oldroot") == 0, "%s",
		   strerror(errno)))
		return 1;
	char cwd[256] = "";
	check("mntns-pivot-cwd", getcwd(cwd, sizeof(cwd)) && strcmp(cwd, "/") == 0,
	      "cwd '%s'", cwd);
	snprintf(old_view, sizeof(old_view), "/oldroot%s", dir_p);
	check("mntns-pivot-new-root", exists("/marker") && exists("/prog") && exists(old_view),
	      "marker, prog or %s missing", old_view);
	check_err("mntns-pivot-ebusy", syscall(SYS_pivot_root, "/", "/oldroot"), EBUSY);
	snprintf(plain, sizeof(plain), "/oldroot%s", dir_p);
	check_err("mntns-pivot-not-mountpoint", syscall(SYS_pivot_root, plain, plain), EINVAL);
	check("mntns-pivot-detach-old", umount2("/oldroot", MNT_DETACH) == 0 && !exists(old_view),
	      "%s", strerror(errno));
	pid_t pid = fork();
	if (pid == 0) {
		execl("/prog", "prog", "probe", (char *)NULL);
		_exit(127);
	}
	int status = 0;
	waitpid(pid, &status, 0);
	check("mntns-pivot-exec", WIFEXITED(status) && WEXITSTATUS(status) == PROBE_STATUS,
	      "status %x", status);
	return 0;
}

static int clone_fn(void *arg)
{
	(void)arg;
	/* Private first: on a host whose / is shared the mount would
	 * otherwise propagate back to the parent, as Linux means it to. */
	return mount("none", "/", NULL, MS_REC | MS_PRIVATE, NULL) == 0 &&
	       mount("mntns-cloned", dir_q, "tmpfs", 0, NULL) == 0 &&
	       make_file(t_path(dir_q, "cloned")) == 0 ? 0 : 1;
}

static int as_user(void)
{
	if (setgid(1000) != 0 || setuid(1000) != 0)
		return 2;
	int ok = check_err("mntns-unprivileged-eperm", unshare(CLONE_NEWNS), EPERM);
	ok &= check_err("mntns-chroot-path-first", chroot("/nonexistent-mntns"), ENOENT);
	ok &= check_err("mntns-chroot-eperm", chroot(dir_p), EPERM);
	ok &= check_err("mntns-pivot-eperm", syscall(SYS_pivot_root, dir_r, dir_r), EPERM);
	return ok ? 0 : 1;
}

/* Namespaces for clone: CLONE_NEWNS alone, and never with CLONE_FS. */
static void check_clone(void)
{
	static char stack[64 * 1024];
	pid_t pid = clone(clone_fn, stack + sizeof(stack), CLONE_NEWNS | SIGCHLD, NULL);
	int status = -1;

	if (pid > 0)
		waitpid(pid, &status, 0);
	check("mntns-clone-newns", pid > 0 && WIFEXITED(status) && WEXITSTATUS(status) == 0 &&
	      !exists(t_path(dir_q, "cloned")), "clone: %s (status %x)",
	      pid < 0 ? strerror(errno) : "ran", status);
	check_err("mntns-clone-newns-fs", clone(clone_fn, stack + sizeof(stack),
		  CLONE_NEWNS | CLONE_FS | SIGCHLD, NULL), EINVAL);
}

/* The child of main: a namespace of its own; the parent checks between
 * its steps what it sees (one byte through a pipe each way). */
static int child(int to_parent, int from_parent)
{
	char c = 0;

	if (!check("mntns-unshare", unshare(CLONE_NEWNS) == 0, "%s", strerror(errno)))
		return 1;
	check("mntns-make-root-private", mount("none", "/", NULL, MS_REC | MS_PRIVATE, NULL) == 0 &&
	      !strstr(info_tail("/"), "shared:"), "%s", strerror(errno));
	check("mntns-child-mount", mount("mntns-src", dir_a, "tmpfs", 0, NULL) == 0 &&
	      make_file(t_path(dir_a, "inside")) == 0, "%s", strerror(errno));
	check_mountinfo_format();
	/* dir_b was mounted by the parent before the copy. */
	check("mntns-child-umount", umount(dir_b) == 0 && !exists(t_path(dir_b, "kept")),
	      "%s", strerror(errno));
	if (write(to_parent, "1", 1) != 1 || read(from_parent, &c, 1) != 1)
		return 1;
	check_propagation();
	check_remount();
	check_binds();
	check_detach();
	check_umount_flags();
	check_move();
	check_unbindable_tree();
	check_detach_propagates();
	check_events();
	check_propagate_from();
	check_locked();
	check("mntns-pivot-child", in_child(pivot_child) == 0, "pivot_root child failed");
	check("mntns-child-root-kept", exists(t_path(dir_a, "inside")) && exists(dir_p),
	      "the pivot in another namespace moved this one's root");

	/* The namespace goes (its last holder leaves it) while an open
	 * directory still holds one of its mounts. */
	int dirfd = open(dir_a, O_RDONLY | O_DIRECTORY);
	check("mntns-unshare-again", unshare(CLONE_NEWNS) == 0, "%s", strerror(errno));
	int fd = openat(dirfd, "inside", O_RDONLY);
	check("mntns-old-ns-fd", fd >= 0, "%s", strerror(errno));
	if (fd >= 0)
		close(fd);
	close(dirfd);
	check("mntns-copy-of-copy", exists(t_path(dir_a, "inside")), "the copy lost %s", dir_a);
	return 0;
}

static void make_dirs(void)
{
	const char *tmp = T_TMP;

	snprintf(dir_a, sizeof(dir_a), "%s/mntns-a", tmp);
	snprintf(dir_b, sizeof(dir_b), "%s/mntns-b", tmp);
	snprintf(dir_c, sizeof(dir_c), "%s/mntns-c", tmp);
	snprintf(dir_r, sizeof(dir_r), "%s/mntns-r", tmp);
	snprintf(dir_p, sizeof(dir_p), "%s/mntns-p", tmp);
	snprintf(dir_q, sizeof(dir_q), "%s/mntns-q", tmp);
	snprintf(dir_s, sizeof(dir_s), "%s/mntns-s", tmp);
	snprintf(dir_m, sizeof(dir_m), "%s/mntns-m", tmp);
	snprintf(dir_l, sizeof(dir_l), "%s/mntns-l", tmp);
	const char *dirs[] = { dir_a, dir_b, dir_c, dir_r, dir_p, dir_q, dir_s, dir_m, dir_l };
	for (size_t i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++)
		mkdir(dirs[i], 0755);
}

int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "probe") == 0)
		return PROBE_STATUS;
	if (getuid() != 0) {
		check_say("SKIP mntns: must run as root");
		return 0;
	}
	make_dirs();
	if (mount("mntns-keep", dir_b, "tmpfs", 0, NULL) != 0 ||
	    make_file(t_path(dir_b, "kept")) != 0) {
		check_say("FAIL mntns-setup: %s", strerror(errno));
		return 1;
	}
	int up[2], down[2];
	if (pipe(up) != 0 || pipe(down) != 0)
		return 1;
	pid_t pid = fork();
	if (pid == 0) {
		close(up[0]);
		close(down[1]);
		_exit(child(up[1], down[0]));
	}
	close(up[1]);
	close(down[0]);
	char c;
	if (read(up[0], &c, 1) == 1) {
		check("mntns-parent-unseen", !exists(t_path(dir_a, "inside")),
		      "the child's mount shows in the parent");
		char *f[32];
		check("mntns-parent-mountinfo", mount_line("/proc/self/mountinfo", dir_a, f, 32) == 0,
		      "the parent's mountinfo lists %s", dir_a);
		check("mntns-umount-isolated", exists(t_path(dir_b, "kept")),
		      "the child's umount reached the parent");
		(void)!write(down[1], "1", 1);
	}
	int status;
	waitpid(pid, &status, 0);
	check("mntns-child", WIFEXITED(status) && WEXITSTATUS(status) == 0, "status %x", status);
	check("mntns-parent-after", !exists(t_path(dir_a, "inside")) && !exists(t_path(dir_r, "marker")) &&
	      exists(t_path(dir_b, "kept")), "the child's mounts leaked out");
	check_clone();
	in_child(as_user);
	check("mntns-parent-umount", umount(dir_b) == 0, "%s", strerror(errno));
	const char *dirs[] = { dir_a, dir_b, dir_c, dir_r, dir_p, dir_q, dir_s, dir_m, dir_l };
	for (size_t i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++)
		rmdir(dirs[i]);
	return 0;
}
