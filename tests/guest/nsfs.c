/*
 * nsfs.c - namespaces as files.  /proc/PID/ns holds one link per kind of
 * namespace, reading "uts:[4026531838]", whose target is a file (nsfs)
 * with that inode number: equal for processes that share the namespace,
 * different after unshare.  setns(2) joins the namespace of such a file
 * (uts, ipc, net, mnt, pid for children, user), with Linux's checks, or
 * several namespaces of a process at once through a pidfd (pidfd_open(2)),
 * all or none.  An open file or a bind mount of one keeps a namespace
 * alive after its last process left.  The NS_GET_* ioctls walk from a
 * namespace to its owner and parent.  Run as root (as an ordinary user on
 * a Linux host it becomes root of a user namespace of its own first, and
 * leaves out what needs another uid); also natively on a Linux host,
 * where Linux is the oracle.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <linux/futex.h>
#include <linux/nsfs.h>
#include "t.h"

#define USER_UID	1000	/* an ordinary user, for the EPERM checks */
#define PATH_LEN	128
#define LINK_LEN	64
#define FS_TAG		"nsfs-tmp"

static const struct kind {
	const char *name;
	const char *real;	/* the kind in the link text */
	int type;
} kinds[] = {
	{ "ipc", "ipc", CLONE_NEWIPC }, { "mnt", "mnt", CLONE_NEWNS },
	{ "net", "net", CLONE_NEWNET }, { "pid", "pid", CLONE_NEWPID },
	{ "pid_for_children", "pid", CLONE_NEWPID }, { "user", "user", CLONE_NEWUSER },
	{ "uts", "uts", CLONE_NEWUTS },
};
#define NKINDS	(sizeof(kinds) / sizeof(kinds[0]))

static int real_root;		/* root of the initial user namespace */
static char mnt_dir[PATH_LEN];	/* where the mount-namespace holder mounts */

static const char *ns_path(pid_t pid, const char *name)
{
	static char path[4][PATH_LEN];
	static int next;
	char *p = path[next++ & 3];

	if (pid)
		snprintf(p, PATH_LEN, "/proc/%d/ns/%s", (int)pid, name);
	else
		snprintf(p, PATH_LEN, "/proc/self/ns/%s", name);
	return p;
}

/* The inode number of a process's namespace (pid 0: our own), or 0. */
static unsigned long ns_ino(pid_t pid, const char *name)
{
	struct stat st;

	return stat(ns_path(pid, name), &st) == 0 ? (unsigned long)st.st_ino : 0;
}

static int ns_open(pid_t pid, const char *name)
{
	return open(ns_path(pid, name), O_RDONLY | O_CLOEXEC);
}

static unsigned long fd_ino(int fd)
{
	struct stat st;

	return fd >= 0 && fstat(fd, &st) == 0 ? (unsigned long)st.st_ino : 0;
}

static const char *nodename(void)
{
	static struct utsname u;

	return uname(&u) == 0 ? u.nodename : "?";
}

static int pidfd_open(pid_t pid, unsigned int flags)
{
	return syscall(SYS_pidfd_open, pid, flags);
}

static int child_status;	/* the last in_child's wait status */

/* Run fn in a forked child: its exit status, or -1. */
static int in_child(int (*fn)(void))
{
	pid_t pid = fork();

	child_status = -1;
	if (pid == 0)
		_exit(fn());
	if (pid < 0 || waitpid(pid, &child_status, 0) != pid || !WIFEXITED(child_status))
		return -1;
	return WEXITSTATUS(child_status);
}

/* Check that fn, run in a child, returns 0 (else the step it failed at). */
static void check_child(const char *name, int (*fn)(void))
{
	int step = in_child(fn);

	check(name, step == 0, "step %d (wait status %#x)", step, child_status);
}

static int write_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY);
	int ok = fd >= 0 && write(fd, text, strlen(text)) == (ssize_t)strlen(text);

	if (fd >= 0)
		close(fd);
	return ok ? 0 : -1;
}

/* ---- holders: processes that keep namespaces in use until released ---- */

struct holder {
	pid_t pid;		/* the forked child */
	pid_t target;		/* the process whose namespaces matter */
	int release;		/* closing it lets them end */
};

static int hold_down;	/* the holder's end of the release pipe */
#define MAX_HOLDERS 8
static int releases[MAX_HOLDERS];	/* every holder's release end, +1 (0: free) */

/* Fork a child that runs setup, then waits until released.  setup
 * returns the process whose namespaces it made (0: itself), or -1. */
static int hold(struct holder *h, pid_t (*setup)(void))
{
	int up[2], down[2];
	pid_t target = -1;

	if (pipe(up) != 0 || pipe(down) != 0)
		return -1;
	h->pid = fork();
	if (h->pid == 0) {
		close(up[0]);
		close(down[1]);
		/* Only its own holder may keep another holder waiting. */
		for (int i = 0; i < MAX_HOLDERS; i++)
			if (releases[i])
				close(releases[i] - 1);
		hold_down = down[0];
		target = setup();
		if (target == 0)
			target = getpid();
		(void)!write(up[1], &target, sizeof(target));
		char c;
		(void)!read(down[0], &c, 1);
		while (wait(NULL) > 0)
			;
		_exit(0);
	}
	close(up[1]);
	close(down[0]);
	if (h->pid < 0 || read(up[0], &target, sizeof(target)) != sizeof(target))
		target = -1;
	close(up[0]);
	h->target = target;
	h->release = down[1];
	for (int i = 0; i < MAX_HOLDERS; i++)
		if (!releases[i]) {
			releases[i] = down[1] + 1;
			break;
		}
	return target > 0 ? 0 : -1;
}

/* Let h's processes end (they see the pipe's end). */
static void let_go(struct holder *h)
{
	for (int i = 0; i < MAX_HOLDERS; i++)
		if (releases[i] == h->release + 1)
			releases[i] = 0;
	close(h->release);
}

static void release(struct holder *h)
{
	let_go(h);
	waitpid(h->pid, NULL, 0);
}

/* A process that waits for the holder's release (kept for its namespaces). */
static pid_t fork_waiter(void)
{
	pid_t pid = fork();

	if (pid == 0) {
		char c;
		(void)!read(hold_down, &c, 1);
		_exit(0);
	}
	return pid;
}

static pid_t setup_nothing(void)
{
	return 0;
}

/* New uts, ipc, net and mount namespaces; a name and a mount in them. */
static pid_t setup_unshared(void)
{
	if (unshare(CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWNET | CLONE_NEWNS) != 0 ||
	    sethostname("nsfs-held", 9) != 0 ||
	    mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0 ||
	    mount(FS_TAG, mnt_dir, "tmpfs", 0, NULL) != 0 ||
	    mkdir(t_path(mnt_dir, "marker"), 0755) != 0)
		return -1;
	return 0;
}

static pid_t setup_kept_uts(void)
{
	return unshare(CLONE_NEWUTS) == 0 && sethostname("nsfs-kept", 9) == 0 ? 0 : -1;
}

/* A new pid namespace: its init is the process that matters. */
static pid_t setup_pid_ns(void)
{
	return unshare(CLONE_NEWPID) == 0 ? fork_waiter() : -1;
}

/* A new user namespace where we are root (uid and gid 0 mapped to ours). */
static pid_t setup_user_ns(void)
{
	char map[32];
	uid_t uid = geteuid();
	gid_t gid = getegid();

	if (unshare(CLONE_NEWUSER) != 0)
		return -1;
	snprintf(map, sizeof(map), "0 %u 1\n", (unsigned)uid);
	if (write_file("/proc/self/uid_map", map) != 0)
		return -1;
	snprintf(map, sizeof(map), "0 %u 1\n", (unsigned)gid);
	if (write_file("/proc/self/setgroups", "deny") != 0 ||
	    write_file("/proc/self/gid_map", map) != 0)
		return -1;
	return 0;
}

/* ---- the links ---- */

static void check_links(void)
{
	char link[LINK_LEN], want[LINK_LEN], name[80];
	struct stat st, lst;
	dev_t dev = 0;
	int all_files = 1, same_dev = 1;

	for (size_t i = 0; i < NKINDS; i++) {
		const char *path = ns_path(0, kinds[i].name);
		ssize_t n = readlink(path, link, sizeof(link) - 1);
		link[n > 0 ? n : 0] = 0;
		int got = stat(path, &st) == 0 && lstat(path, &lst) == 0;
		snprintf(want, sizeof(want), "%s:[%lu]", kinds[i].real,
			 got ? (unsigned long)st.st_ino : 0);
		snprintf(name, sizeof(name), "nsfs-link-%s", kinds[i].name);
		check(name, got && strcmp(link, want) == 0 && S_ISLNK(lst.st_mode),
		      "link '%s', want '%s'", link, want);
		if (!got || !S_ISREG(st.st_mode) || (st.st_mode & 07777) != 0444)
			all_files = 0;
		if (i && got && st.st_dev != dev)
			same_dev = 0;
		if (got)
			dev = st.st_dev;
	}
	check("nsfs-regular-0444", all_files, "a namespace file is no regular file of mode 0444");
	check("nsfs-one-device", same_dev, "namespace files on several devices");

	/* An open namespace file: the same inode; /proc/self/fd names it. */
	int fd = ns_open(0, "uts");
	char fdpath[PATH_LEN];
	snprintf(fdpath, sizeof(fdpath), "/proc/self/fd/%d", fd);
	ssize_t n = readlink(fdpath, link, sizeof(link) - 1);
	link[n > 0 ? n : 0] = 0;
	snprintf(want, sizeof(want), "uts:[%lu]", ns_ino(0, "uts"));
	check("nsfs-open-same-inode", fd >= 0 && fd_ino(fd) == ns_ino(0, "uts"),
	      "fstat %lu, stat %lu", fd_ino(fd), ns_ino(0, "uts"));
	check("nsfs-fd-link", strcmp(link, want) == 0, "'%s', want '%s'", link, want);
	char c;
	check_err("nsfs-read-einval", read(fd, &c, 1), EINVAL);
	check("nsfs-mmap-enodev", mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, fd, 0) == MAP_FAILED &&
	      errno == ENODEV, "%s", strerror(errno));
	close(fd);

	DIR *d = opendir("/proc/self/ns");
	int seen = 0;
	struct dirent *de;
	while (d && (de = readdir(d)) != NULL)
		for (size_t i = 0; i < NKINDS; i++)
			if (strcmp(de->d_name, kinds[i].name) == 0)
				seen |= 1 << i;
	if (d)
		closedir(d);
	check("nsfs-readdir", seen == (1 << NKINDS) - 1, "found %#x of %#x", seen,
	      (1 << NKINDS) - 1);

	/* The initial namespaces' numbers are fixed (Linux's proc_ns.h). */
	if (ns_ino(0, "user") == 0xEFFFFFFDul)
		check("nsfs-initial-numbers", ns_ino(0, "uts") == 0xEFFFFFFEul &&
		      ns_ino(0, "ipc") == 0xEFFFFFFFul && ns_ino(0, "pid") == 0xEFFFFFFCul,
		      "uts %lu ipc %lu pid %lu", ns_ino(0, "uts"), ns_ino(0, "ipc"),
		      ns_ino(0, "pid"));
}

/* Another user's namespace links are behind the ptrace read check. */
static pid_t test_pid;

static int read_link_as_user(void)
{
	char link[LINK_LEN];

	if (setgid(USER_UID) != 0 || setuid(USER_UID) != 0)
		return 2;
	if (readlink(ns_path(test_pid, "uts"), link, sizeof(link)) != -1 || errno != EACCES)
		return 1;
	return open(ns_path(test_pid, "uts"), O_RDONLY) == -1 && errno == EACCES ? 0 : 3;
}

static void check_sharing(void)
{
	struct holder h;
	int same = 1;

	if (hold(&h, setup_nothing) != 0) {
		check("nsfs-child-shares", 0, "fork: %s", strerror(errno));
		return;
	}
	for (size_t i = 0; i < NKINDS; i++)
		if (ns_ino(h.target, kinds[i].name) != ns_ino(0, kinds[i].name) ||
		    !ns_ino(0, kinds[i].name))
			same = 0;
	check("nsfs-child-shares", same, "a child's namespace file differs from ours");
	release(&h);
}

/* ---- setns on namespace files ---- */

static struct holder held;	/* setup_unshared's */
static int other_fd;		/* a file that is no namespace */

static int join_uts(void)
{
	int fd = ns_open(held.target, "uts");
	if (setns(fd, CLONE_NEWUTS) != 0)
		return 1;
	return strcmp(nodename(), "nsfs-held") == 0 &&
	       ns_ino(0, "uts") == ns_ino(held.target, "uts") ? 0 : 2;
}

static int join_ipc_net(void)
{
	if (setns(ns_open(held.target, "ipc"), CLONE_NEWIPC) != 0 ||
	    setns(ns_open(held.target, "net"), 0) != 0)
		return 1;
	return ns_ino(0, "ipc") == ns_ino(held.target, "ipc") &&
	       ns_ino(0, "net") == ns_ino(held.target, "net") ? 0 : 2;
}

/* Joining a mount namespace moves the root and working directory to
 * its root: the holder's mount is there, and "." is "/". */
static int join_mnt(void)
{
	char cwd[PATH_LEN];
	struct stat st;

	if (chdir(T_TMP) != 0 || setns(ns_open(held.target, "mnt"), CLONE_NEWNS) != 0)
		return 1;
	if (ns_ino(0, "mnt") != ns_ino(held.target, "mnt"))
		return 2;
	if (stat(t_path(mnt_dir, "marker"), &st) != 0)
		return 3;
	return getcwd(cwd, sizeof(cwd)) && strcmp(cwd, "/") == 0 ? 0 : 4;
}

static int join_as_user(void)
{
	int fd = ns_open(held.target, "uts");
	if (setgid(USER_UID) != 0 || setuid(USER_UID) != 0)
		return 2;
	return setns(fd, CLONE_NEWUTS) == -1 && errno == EPERM ? 0 : 1;
}

static int shared_fs_fn(void *arg)
{
	return setns(*(int *)arg, CLONE_NEWNS) == -1 && errno == EINVAL ? 0 : 1;
}

static void check_setns_files(void)
{
	if (hold(&held, setup_unshared) != 0) {
		check("nsfs-unshare-holder", 0, "unshare or mount in the child failed");
		return;
	}
	pid_t t = held.target;
	check("nsfs-unshare-differs",
	      ns_ino(t, "uts") != ns_ino(0, "uts") && ns_ino(t, "ipc") != ns_ino(0, "ipc") &&
	      ns_ino(t, "net") != ns_ino(0, "net") && ns_ino(t, "mnt") != ns_ino(0, "mnt") &&
	      ns_ino(t, "user") == ns_ino(0, "user") && ns_ino(t, "pid") == ns_ino(0, "pid"),
	      "uts %lu/%lu ipc %lu/%lu net %lu/%lu mnt %lu/%lu", ns_ino(t, "uts"),
	      ns_ino(0, "uts"), ns_ino(t, "ipc"), ns_ino(0, "ipc"), ns_ino(t, "net"),
	      ns_ino(0, "net"), ns_ino(t, "mnt"), ns_ino(0, "mnt"));
	check_child("nsfs-setns-uts", join_uts);
	check_child("nsfs-setns-ipc-net", join_ipc_net);
	check_child("nsfs-setns-mnt", join_mnt);
	check("nsfs-outside-unchanged", strcmp(nodename(), "nsfs-held") != 0 &&
	      ns_ino(0, "uts") != ns_ino(t, "uts"), "the parent was moved");

	int fd = ns_open(t, "uts");
	check_err("nsfs-setns-wrong-type", setns(fd, CLONE_NEWIPC), EINVAL);
	check_err("nsfs-setns-not-ns", setns(other_fd, 0), EINVAL);
	check_err("nsfs-setns-bad-fd", setns(-1, CLONE_NEWUTS), EBADF);
	if (real_root)
		check_child("nsfs-setns-unprivileged-eperm", join_as_user);
	int mntfd = ns_open(t, "mnt");
	static char stack[64 * 1024];
	pid_t pid = clone(shared_fs_fn, stack + sizeof(stack), CLONE_FS | SIGCHLD, &mntfd);
	int status = -1;
	if (pid > 0)
		waitpid(pid, &status, 0);
	check("nsfs-setns-mnt-shared-fs", pid > 0 && WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "status %#x", status);
	close(mntfd);
	close(fd);
}

/* ---- a namespace outlives its processes ---- */

static int kept_fd;
static unsigned long kept_ino;

static int join_kept(void)
{
	if (setns(kept_fd, CLONE_NEWUTS) != 0)
		return 1;
	return strcmp(nodename(), "nsfs-kept") == 0 && ns_ino(0, "uts") == kept_ino ? 0 : 2;
}

static int bind_kept(void)
{
	char file[PATH_LEN + 8], dir[PATH_LEN];
	struct holder h;

	snprintf(dir, sizeof(dir), "%s/nsfs-bind", T_TMP);
	snprintf(file, sizeof(file), "%s/uts", dir);
	if (unshare(CLONE_NEWNS) != 0 || mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0 ||
	    (mkdir(dir, 0755) != 0 && errno != EEXIST) || mount(FS_TAG, dir, "tmpfs", 0, NULL) != 0 ||
	    close(open(file, O_CREAT | O_WRONLY, 0644)) != 0)
		return 1;
	if (hold(&h, setup_kept_uts) != 0)
		return 2;
	unsigned long ino = ns_ino(h.target, "uts");
	check("nsfs-bind-mount", mount(ns_path(h.target, "uts"), file, NULL, MS_BIND, NULL) == 0,
	      "%s", strerror(errno));
	check_err("nsfs-bind-onto-dir", mount(ns_path(h.target, "uts"), dir, NULL, MS_BIND, NULL),
		  ENOTDIR);
	release(&h);
	struct stat st;
	check("nsfs-bind-stat", stat(file, &st) == 0 && st.st_ino == ino, "ino %lu, want %lu",
	      (unsigned long)st.st_ino, ino);
	int fd = open(file, O_RDONLY);
	check("nsfs-bind-keeps-alive", setns(fd, CLONE_NEWUTS) == 0 &&
	      strcmp(nodename(), "nsfs-kept") == 0, "setns: %s, nodename '%s'", strerror(errno),
	      nodename());
	close(fd);
	static char info[64 * 1024];
	char want[PATH_LEN + 80];
	snprintf(want, sizeof(want), " uts:[%lu] %s ", ino, file);
	int fd_info = open("/proc/self/mountinfo", O_RDONLY);
	size_t len = 0;
	ssize_t got;
	while (fd_info >= 0 && len < sizeof(info) - 1 &&
	       (got = read(fd_info, info + len, sizeof(info) - 1 - len)) > 0)
		len += got;
	info[len] = 0;
	if (fd_info >= 0)
		close(fd_info);
	char *line = strstr(info, want), *end = line ? strchr(line, '\n') : NULL;
	if (end)
		*end = 0;
	check("nsfs-bind-mountinfo", line && strstr(line, " - nsfs nsfs "), "no line '...%s... - nsfs "
	      "nsfs ...' in the mountinfo", want);
	check("nsfs-bind-umount", umount(file) == 0, "%s", strerror(errno));
	/* A mount namespace's file in that namespace would hold it forever. */
	check_err("nsfs-bind-own-mnt-einval", mount("/proc/self/ns/mnt", file, NULL, MS_BIND, NULL),
		  EINVAL);
	return 0;
}

static void check_keep_alive(void)
{
	struct holder h;

	if (hold(&h, setup_kept_uts) != 0) {
		check("nsfs-kept-holder", 0, "unshare in the child failed");
		return;
	}
	kept_fd = ns_open(h.target, "uts");
	kept_ino = ns_ino(h.target, "uts");
	release(&h);
	check_child("nsfs-fd-keeps-alive", join_kept);
	check("nsfs-fd-inode-kept", fd_ino(kept_fd) == kept_ino, "%lu, want %lu", fd_ino(kept_fd),
	      kept_ino);
	close(kept_fd);
	check_child("nsfs-bind", bind_kept);
}

/* ---- pid namespaces ---- */

static struct holder pid_held;	/* setup_pid_ns's: target is the init */
static int own_pid_fd;

static int join_pid(void)
{
	unsigned long before = ns_ino(0, "pid");
	if (setns(ns_open(pid_held.target, "pid"), CLONE_NEWPID) != 0)
		return 1;
	if (ns_ino(0, "pid") != before || ns_ino(0, "pid_for_children") != ns_ino(pid_held.target, "pid"))
		return 2;
	pid_t pid = fork();
	if (pid == 0) {
		/* In the namespace: not its init, and its file is the init's. */
		int inside = getpid() > 1 && ns_ino(0, "pid") == ns_ino(0, "pid_for_children");
		if (!inside)
			_exit(3);
		/* Not back up to an ancestor; the own one is fine.  (Not
		 * root outside, the capability check refuses first.) */
		if (setns(own_pid_fd, CLONE_NEWPID) != -1 || errno != (real_root ? EINVAL : EPERM))
			_exit(4);
		int mine = ns_open(0, "pid");
		if (setns(mine, CLONE_NEWPID) != 0)
			_exit(5);
		/* Its parent is above its root. */
		if (ioctl(mine, NS_GET_PARENT) != -1 || errno != EPERM)
			_exit(6);
		_exit(0);
	}
	int status;
	return waitpid(pid, &status, 0) == pid && WIFEXITED(status) ? WEXITSTATUS(status) : 7;
}

static void check_pid_ns(void)
{
	if (hold(&pid_held, setup_pid_ns) != 0) {
		check("nsfs-pid-holder", 0, "unshare(CLONE_NEWPID) in the child failed");
		return;
	}
	own_pid_fd = ns_open(0, "pid");
	check("nsfs-pid-for-children", ns_ino(pid_held.pid, "pid_for_children") ==
	      ns_ino(pid_held.target, "pid") && ns_ino(pid_held.pid, "pid") == ns_ino(0, "pid") &&
	      ns_ino(pid_held.target, "pid") != ns_ino(0, "pid"), "the links do not tell the "
	      "unsharer's namespace from its children's");
	check_child("nsfs-setns-pid", join_pid);
	int fd = ns_open(pid_held.target, "pid");
	int parent = ioctl(fd, NS_GET_PARENT);
	check("nsfs-get-parent-pid", parent >= 0 && fd_ino(parent) == ns_ino(0, "pid"),
	      "%s", parent < 0 ? strerror(errno) : "another namespace");
	if (parent >= 0)
		close(parent);
	close(fd);
}

/* ---- user namespaces and the ioctls ---- */

static struct holder user_held;

static int join_user(void)
{
	if (setns(ns_open(user_held.target, "user"), CLONE_NEWUSER) != 0)
		return 1;
	if (ns_ino(0, "user") != ns_ino(user_held.target, "user") || getuid() != 0)
		return 2;
	/* With every capability there: a namespace of its own is allowed. */
	return unshare(CLONE_NEWUTS) == 0 ? 0 : 3;
}

static int join_user_as_user(void)
{
	int fd = ns_open(user_held.target, "user");
	if (fd < 0)
		return 3;
	if (setgid(USER_UID) != 0 || setuid(USER_UID) != 0)
		return 2;
	if (setns(fd, CLONE_NEWUSER) == 0)
		return 1;
	return errno == EPERM ? 0 : 10 + errno;
}

/* A thread that waits on a pipe; a process with it may not change its
 * user namespace (its threads would disagree on what ids mean). */
static int thread_fn(void *arg)
{
	char c;

	(void)!read(*(int *)arg, &c, 1);
	return 0;
}

/* The number after "Threads:" in /proc/self/status, or -1. */
static int nr_threads(void)
{
	char buf[4096];
	int fd = open("/proc/self/status", O_RDONLY);
	ssize_t n = fd >= 0 ? read(fd, buf, sizeof(buf) - 1) : -1;

	if (fd >= 0)
		close(fd);
	buf[n > 0 ? n : 0] = 0;
	char *line = strstr(buf, "Threads:");
	return line ? atoi(line + strlen("Threads:")) : -1;
}

static int join_user_threaded(void)
{
	static char stack[64 * 1024];
	static volatile pid_t thread_tid = 1;	/* 0 once the thread is gone */
	int p[2];

	if (pipe(p) != 0)
		return 2;
	if (clone(thread_fn, stack + sizeof(stack), CLONE_VM | CLONE_SIGHAND | CLONE_THREAD |
		  CLONE_FILES | CLONE_SYSVSEM | CLONE_CHILD_CLEARTID, &p[0], NULL, NULL,
		  &thread_tid) < 0)
		return 3;
	int ok = setns(ns_open(user_held.target, "user"), CLONE_NEWUSER) == -1 && errno == EINVAL;
	/* The thread ends first, and the process once it is gone. */
	close(p[1]);
	pid_t tid;
	while ((tid = thread_tid) != 0)
		syscall(SYS_futex, &thread_tid, FUTEX_WAIT, tid, NULL, NULL, 0);
	while (nr_threads() > 1)
		sched_yield();
	return ok ? 0 : 1;
}

static void check_user_ns(void)
{
	if (hold(&user_held, setup_user_ns) != 0) {
		check("nsfs-user-holder", 0, "unshare(CLONE_NEWUSER) in the child failed");
		return;
	}
	pid_t t = user_held.target;
	int ufd = ns_open(t, "user"), own_user = ns_open(0, "user"), own_uts = ns_open(0, "uts");
	check("nsfs-user-differs", ns_ino(t, "user") != ns_ino(0, "user"), "same user namespace");
	check_child("nsfs-setns-user", join_user);
	check_err("nsfs-setns-user-same", setns(own_user, CLONE_NEWUSER), EINVAL);
	check_child("nsfs-setns-user-threaded", join_user_threaded);
	if (real_root)
		check_child("nsfs-setns-user-eperm", join_user_as_user);

	uid_t uid = 12345;
	check("nsfs-owner-uid", ioctl(ufd, NS_GET_OWNER_UID, &uid) == 0 && uid == geteuid(),
	      "uid %u, want %u (%s)", (unsigned)uid, (unsigned)geteuid(), strerror(errno));
	check_err("nsfs-owner-uid-not-user", ioctl(own_uts, NS_GET_OWNER_UID, &uid), EINVAL);
	int p = ioctl(ufd, NS_GET_PARENT);
	check("nsfs-get-parent-user", p >= 0 && fd_ino(p) == ns_ino(0, "user"), "%s",
	      p < 0 ? strerror(errno) : "another namespace");
	if (p >= 0)
		close(p);
	/* The owner of a namespace made in ours (the held one) is ours. */
	int held_uts = ns_open(held.target, "uts");
	int o = ioctl(held_uts, NS_GET_USERNS);
	close(held_uts);
	check("nsfs-get-userns", o >= 0 && fd_ino(o) == ns_ino(0, "user"), "%s",
	      o < 0 ? strerror(errno) : "another namespace");
	check("nsfs-new-fd-cloexec", o >= 0 && (fcntl(o, F_GETFD) & FD_CLOEXEC), "no FD_CLOEXEC");
	if (o >= 0)
		close(o);
	check_err("nsfs-get-userns-above", ioctl(own_user, NS_GET_USERNS), EPERM);
	check_err("nsfs-get-parent-above", ioctl(own_user, NS_GET_PARENT), EPERM);
	check_err("nsfs-get-parent-uts", ioctl(own_uts, NS_GET_PARENT), EINVAL);
	check_err("nsfs-ioctl-unknown", ioctl(own_uts, _IO(NSIO, 0x7f)), ENOTTY);

	int types_ok = 1;
	for (size_t i = 0; i < NKINDS; i++) {
		int fd = ns_open(0, kinds[i].name);
		if (ioctl(fd, NS_GET_NSTYPE) != kinds[i].type)
			types_ok = 0;
		close(fd);
	}
	check("nsfs-nstype", types_ok, "NS_GET_NSTYPE gave another type");
	close(ufd);
	close(own_user);
	close(own_uts);
	release(&user_held);
}

/* ---- pidfds ---- */

static int held_pidfd;

static int join_by_pidfd(void)
{
	if (setns(held_pidfd, CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWNET) != 0)
		return 1;
	pid_t t = held.target;
	return ns_ino(0, "uts") == ns_ino(t, "uts") && ns_ino(0, "ipc") == ns_ino(t, "ipc") &&
	       ns_ino(0, "net") == ns_ino(t, "net") && strcmp(nodename(), "nsfs-held") == 0 ? 0 : 2;
}

/* From a pid namespace below the holder's, its pid namespace cannot be
 * joined: the uts namespace asked for with it is not joined either. */
static int pidfd_all_or_nothing(void)
{
	if (setns(ns_open(pid_held.target, "pid"), CLONE_NEWPID) != 0)
		return 1;
	pid_t pid = fork();
	if (pid == 0) {
		unsigned long uts = ns_ino(0, "uts");
		if (setns(held_pidfd, CLONE_NEWUTS | CLONE_NEWPID) != -1 ||
		    errno != (real_root ? EINVAL : EPERM))
			_exit(3);
		_exit(ns_ino(0, "uts") == uts && uts != ns_ino(held.target, "uts") ? 0 : 4);
	}
	int status;
	return waitpid(pid, &status, 0) == pid && WIFEXITED(status) ? WEXITSTATUS(status) : 5;
}

static void check_pidfd(void)
{
	char path[PATH_LEN], link[LINK_LEN];

	held_pidfd = pidfd_open(held.target, 0);
	check("nsfs-pidfd-open", held_pidfd >= 0 && (fcntl(held_pidfd, F_GETFD) & FD_CLOEXEC),
	      "%s", held_pidfd < 0 ? strerror(errno) : "no FD_CLOEXEC");
	snprintf(path, sizeof(path), "/proc/self/fd/%d", held_pidfd);
	ssize_t n = readlink(path, link, sizeof(link) - 1);
	link[n > 0 ? n : 0] = 0;
	check("nsfs-pidfd-fd-link", strcmp(link, "anon_inode:[pidfd]") == 0, "'%s'", link);
	check_child("nsfs-pidfd-setns", join_by_pidfd);
	check_err("nsfs-pidfd-no-flags", setns(held_pidfd, 0), EINVAL);
	/* Its user namespace is ours: joining it again is refused, and with
	 * it the rest. */
	check_err("nsfs-pidfd-same-user", setns(held_pidfd, CLONE_NEWUSER | CLONE_NEWUTS), EINVAL);
	check("nsfs-pidfd-same-user-nothing", ns_ino(0, "uts") != ns_ino(held.target, "uts"),
	      "the uts namespace was joined");
	check("nsfs-pidfd-mmap-enodev", mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, held_pidfd, 0) ==
	      MAP_FAILED && errno == ENODEV, "%s", strerror(errno));
	check_err("nsfs-pidfd-lseek-espipe", lseek(held_pidfd, 0, SEEK_END), ESPIPE);
	check_err("nsfs-pidfd-other-flags", setns(held_pidfd, CLONE_NEWUTS | CLONE_VM), EINVAL);
	check_child("nsfs-pidfd-all-or-nothing", pidfd_all_or_nothing);
	check_err("nsfs-pidfd-open-flags", pidfd_open(held.target, 0x1), EINVAL);
	check_err("nsfs-pidfd-open-zero", pidfd_open(0, 0), EINVAL);

	/* Readable once the process has exited, not before. */
	struct pollfd pfd = { .fd = held_pidfd, .events = POLLIN };
	check("nsfs-pidfd-poll-running", poll(&pfd, 1, 0) == 0, "revents %#x", pfd.revents);
	let_go(&held);
	check("nsfs-pidfd-poll-exited", poll(&pfd, 1, -1) == 1 && (pfd.revents & POLLIN),
	      "revents %#x", pfd.revents);
	waitpid(held.pid, NULL, 0);
	check_err("nsfs-pidfd-setns-gone", setns(held_pidfd, CLONE_NEWUTS), ESRCH);
	check_err("nsfs-pidfd-open-gone", pidfd_open(held.pid, 0), ESRCH);
	close(held_pidfd);
}

/* As an ordinary user on a Linux host: root of a user namespace first. */
static int become_root(void)
{
	return setup_user_ns() == 0 ? 0 : -1;
}

int main(void)
{
	real_root = getuid() == 0;
	if (!real_root && become_root() != 0) {
		check_say("SKIP nsfs: no user namespace to be root in (%s)", strerror(errno));
		return 0;
	}
	snprintf(mnt_dir, sizeof(mnt_dir), "%s/nsfs-mnt", T_TMP);
	mkdir(mnt_dir, 0755);
	other_fd = open("/", O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	check_links();
	test_pid = getpid();
	if (real_root)
		check_child("nsfs-link-ptrace-check", read_link_as_user);
	check_sharing();
	check_setns_files();
	check_keep_alive();
	check_user_ns();
	check_pid_ns();
	if (held.pid > 0)
		check_pidfd();
	release(&pid_held);
	rmdir(mnt_dir);
	rmdir(t_path(T_TMP, "nsfs-bind"));
	return 0;
}
