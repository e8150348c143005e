/*
 * ip netns: named network namespaces, as iproute2 keeps them.  A name is
 * a file /run/netns/NAME on which /proc/self/ns/net of a process that
 * unshared CLONE_NEWNET is bind-mounted: the mount keeps the namespace
 * alive with no process in it.  /run/netns itself is made a shared mount
 * point (bound onto itself the first time) so the names made in one
 * mount namespace appear in the others.
 *
 * Entering one (ip netns exec, ip -n) is setns() on that file, then a
 * private mount namespace whose /sys is a fresh sysfs, as iproute2 does
 * so /sys/class/net shows the namespace's interfaces.  Our sysfs has
 * cgroup2 mounted at /sys/fs/cgroup, which a fresh sysfs would hide
 * from the command: when it was there, it is mounted again on the new
 * /sys (the same hierarchy, seen from the caller's cgroup namespace),
 * where that is allowed.
 * All of that happens in the new mount namespace only, which is made a
 * slave first: nothing of it reaches the caller's.
 */
#define _GNU_SOURCE	/* setns() and CLONE_NEW* in glibc */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/magic.h>
#include <linux/net_namespace.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/types.h>
#include <unistd.h>

#include "ip.h"

#define NETNS_RUN_DIR	"/run/netns"
#define NETNS_ETC_DIR	"/etc/netns"
#define CGROUP_DIR	"/sys/fs/cgroup"

static void
netns_path(char *buf, size_t size, const char *name)
{
	snprintf(buf, size, "%s/%s", NETNS_RUN_DIR, name);
}

int
netns_fd(const char *name)
{
	char path[PATH_MAX];

	if (strchr(name, '/'))
		return -1;
	netns_path(path, sizeof(path), name);
	return open(path, O_RDONLY | O_CLOEXEC);
}

/* The kernel's id for the namespace of FD as seen from ours, or -1. */
static int
nsid_of_fd(int fd)
{
	struct nl_req req;
	struct rtgenmsg *g = nl_start(&req, RTM_GETNSID, 0, sizeof(*g));
	struct nlmsghdr *answer;
	struct rtattr *tb[NETNSA_MAX + 1];
	int nsid = -1;

	g->rtgen_family = AF_UNSPEC;
	nl_attr_u32(&req.n, NETNSA_FD, fd);
	if (nl_talk_quiet(&req.n, &answer) < 0 || !answer)
		return -1;
	if (answer->nlmsg_type == RTM_NEWNSID) {
		NL_PARSE(tb, NETNSA_MAX, answer, (struct rtgenmsg *)NLMSG_DATA(answer));
		if (tb[NETNSA_NSID])
			nsid = (int)rta_u32(tb[NETNSA_NSID]);
	}
	free(answer);
	return nsid;
}

static int
nsid_of_name(const char *name)
{
	int fd = netns_fd(name), nsid;

	if (fd < 0)
		return -1;
	nsid = nsid_of_fd(fd);
	close(fd);
	return nsid;
}

static int
skip_entry(const char *name)
{
	return strcmp(name, ".") == 0 || strcmp(name, "..") == 0;
}

const char *
netns_name_of_nsid(int nsid)
{
	static char found[NAME_MAX + 1];
	DIR *dir = opendir(NETNS_RUN_DIR);
	struct dirent *e;
	const char *name = NULL;

	if (!dir)
		return NULL;
	while (!name && (e = readdir(dir)))
		if (!skip_entry(e->d_name) && nsid_of_name(e->d_name) == nsid) {
			snprintf(found, sizeof(found), "%s", e->d_name);
			name = found;
		}
	closedir(dir);
	return name;
}

static int
netns_list(void)
{
	DIR *dir = opendir(NETNS_RUN_DIR);
	struct dirent *e;

	if (!dir)
		return 0;
	while ((e = readdir(dir))) {
		int nsid;

		if (skip_entry(e->d_name))
			continue;
		printf("%s", e->d_name);
		nsid = nsid_of_name(e->d_name);
		if (nsid >= 0)
			printf(" (id: %d)", nsid);
		printf("\n");
	}
	closedir(dir);
	return 0;
}

/* /run/netns exists and is a shared mount point. */
static int
netns_run_dir(void)
{
	int bound = 0;

	if (mkdir(NETNS_RUN_DIR, 0755) < 0 && errno != EEXIST) {
		fprintf(stderr, "mkdir %s failed: %s\n", NETNS_RUN_DIR, strerror(errno));
		return -1;
	}
	while (mount("", NETNS_RUN_DIR, "none", MS_SHARED | MS_REC, NULL) < 0) {
		/* EINVAL: not a mount point yet; make it one, once. */
		if (errno != EINVAL || bound) {
			fprintf(stderr, "mount --make-shared %s failed: %s\n", NETNS_RUN_DIR,
			    strerror(errno));
			return -1;
		}
		if (mount(NETNS_RUN_DIR, NETNS_RUN_DIR, "none", MS_BIND | MS_REC, NULL) < 0) {
			fprintf(stderr, "mount --bind %s %s failed: %s\n", NETNS_RUN_DIR,
			    NETNS_RUN_DIR, strerror(errno));
			return -1;
		}
		bound = 1;
	}
	return 0;
}

static int
netns_delete_one(const char *name)
{
	char path[PATH_MAX];

	netns_path(path, sizeof(path), name);
	umount2(path, MNT_DETACH);
	if (unlink(path) < 0) {
		fprintf(stderr, "Cannot remove namespace file \"%s\": %s\n", path, strerror(errno));
		return -1;
	}
	return 0;
}

static int
netns_add(const char *name)
{
	char path[PATH_MAX];
	int fd, saved;

	if (netns_run_dir() < 0)
		return -1;
	netns_path(path, sizeof(path), name);
	fd = open(path, O_RDONLY | O_CREAT | O_EXCL, 0);
	if (fd < 0) {
		fprintf(stderr, "Cannot create namespace file \"%s\": %s\n", path, strerror(errno));
		return -1;
	}
	close(fd);
	/* Come back to the namespace we were in: -n and later requests. */
	saved = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
	if (unshare(CLONE_NEWNET) < 0) {
		fprintf(stderr, "Failed to create a new network namespace \"%s\": %s\n", name,
		    strerror(errno));
		goto undo;
	}
	if (mount("/proc/self/ns/net", path, "none", MS_BIND, NULL) < 0) {
		fprintf(stderr, "Bind %s -> %s failed: %s\n", "/proc/self/ns/net", path,
		    strerror(errno));
		goto undo;
	}
	if (saved >= 0) {
		setns(saved, CLONE_NEWNET);
		close(saved);
	}
	return 0;
undo:
	if (saved >= 0) {
		setns(saved, CLONE_NEWNET);
		close(saved);
	}
	netns_delete_one(name);
	return -1;
}

/* The files of /etc/netns/NAME over those of /etc, as iproute2. */
static void
bind_etc(const char *name)
{
	char dir_path[PATH_MAX], src[PATH_MAX + NAME_MAX + 2], dst[NAME_MAX + 8];
	DIR *dir;
	struct dirent *e;

	snprintf(dir_path, sizeof(dir_path), "%s/%s", NETNS_ETC_DIR, name);
	dir = opendir(dir_path);
	if (!dir)
		return;
	while ((e = readdir(dir))) {
		if (skip_entry(e->d_name))
			continue;
		snprintf(src, sizeof(src), "%s/%s", dir_path, e->d_name);
		snprintf(dst, sizeof(dst), "/etc/%s", e->d_name);
		if (mount(src, dst, "none", MS_BIND, NULL) < 0)
			fprintf(stderr, "Bind %s -> %s failed: %s\n", src, dst, strerror(errno));
	}
	closedir(dir);
}

/* A fresh /sys for the new namespace (see the top of the file). */
static int
remount_sys(const char *name)
{
	struct statfs st;
	unsigned long flags = 0;
	int had_cgroup = statfs(CGROUP_DIR, &st) == 0 && st.f_type == CGROUP2_SUPER_MAGIC;

	if (umount2("/sys", MNT_DETACH) < 0 && statfs("/sys", &st) == 0 &&
	    (st.f_flags & MS_RDONLY))
		flags = MS_RDONLY;	/* a read-only /sys cannot be shadowed read-write */
	if (mount(name, "/sys", "sysfs", flags, NULL) < 0) {
		fprintf(stderr, "mount of /sys failed: %s\n", strerror(errno));
		return -1;
	}
	/* Best effort: where it cannot be mounted (a user namespace that
	 * does not own the cgroup namespace: EPERM) the command goes without,
	 * as under iproute2's ip. */
	if (had_cgroup)
		mount("cgroup2", CGROUP_DIR, "cgroup2", 0, NULL);
	return 0;
}

int
netns_switch(const char *name)
{
	int fd = netns_fd(name);

	if (fd < 0) {
		fprintf(stderr, "Cannot open network namespace \"%s\": %s\n", name,
		    strerror(errno ? errno : ENOENT));
		return -1;
	}
	if (setns(fd, CLONE_NEWNET) < 0) {
		fprintf(stderr, "setting the network namespace \"%s\" failed: %s\n", name,
		    strerror(errno));
		close(fd);
		return -1;
	}
	close(fd);
	ll_forget();
	if (unshare(CLONE_NEWNS) < 0) {
		fprintf(stderr, "unshare failed: %s\n", strerror(errno));
		return -1;
	}
	if (mount("", "/", "none", MS_SLAVE | MS_REC, NULL) < 0) {
		fprintf(stderr, "\"mount --make-rslave /\" failed: %s\n", strerror(errno));
		return -1;
	}
	if (remount_sys(name) < 0)
		return -1;
	bind_etc(name);
	return 0;
}

static int
netns_exec(int argc, char **argv)
{
	if (argc < 1) {
		fprintf(stderr, "No netns name specified\n");
		return 1;
	}
	if (argc < 2) {
		fprintf(stderr, "No command specified\n");
		return 1;
	}
	if (netns_switch(argv[0]) < 0)
		return 1;
	fflush(stdout);
	execvp(argv[1], argv + 1);
	fprintf(stderr, "exec of \"%s\" failed: %s\n", argv[1], strerror(errno));
	return 1;
}

static int
is_pid(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return 0;
	return 1;
}

/* The first entry of DIR_PATH (only the numbers, for /proc) whose
 * FMT-named file is the namespace NS, or all of them (ALL), a line each. */
static void
print_same_ns(const struct stat *ns, const char *dir_path, const char *fmt, int pids, int all)
{
	DIR *dir = opendir(dir_path);
	struct dirent *e;

	if (!dir)
		return;
	while ((e = readdir(dir))) {
		char path[PATH_MAX];
		struct stat st;

		if (skip_entry(e->d_name) || (pids && !is_pid(e->d_name)))
			continue;
		snprintf(path, sizeof(path), fmt, e->d_name);
		if (stat(path, &st) == 0 && st.st_dev == ns->st_dev && st.st_ino == ns->st_ino) {
			printf(all ? "%s\n" : "%s", e->d_name);
			if (!all)
				break;
		}
	}
	closedir(dir);
}

/* ip netns identify [PID]: the names of PID's network namespace. */
static int
netns_identify(int argc, char **argv)
{
	const char *pid = argc < 1 ? "self" : argv[0];
	char path[PATH_MAX];
	struct stat ns;

	if (argc > 1) {
		fprintf(stderr, "extra arguments specified\n");
		return 1;
	}
	if (argc == 1 && !is_pid(pid)) {
		fprintf(stderr, "Specified string '%s' is not a pid\n", pid);
		return 1;
	}
	snprintf(path, sizeof(path), "/proc/%s/ns/net", pid);
	if (stat(path, &ns) < 0) {
		fprintf(stderr, "Cannot open network namespace: %s\n", strerror(errno));
		return 1;
	}
	/* One name, or an empty line when it has none. */
	print_same_ns(&ns, NETNS_RUN_DIR, NETNS_RUN_DIR "/%s", 0, 0);
	printf("\n");
	return 0;
}

/* ip netns pids NAME: the processes in it. */
static int
netns_pids(int argc, char **argv)
{
	char path[PATH_MAX];
	struct stat ns;

	if (argc < 1) {
		fprintf(stderr, "No netns name specified\n");
		return 1;
	}
	if (argc > 1) {
		fprintf(stderr, "extra arguments specified\n");
		return 1;
	}
	netns_path(path, sizeof(path), argv[0]);
	if (stat(path, &ns) < 0) {
		fprintf(stderr, "Cannot open network namespace: %s\n", strerror(errno));
		return 1;
	}
	print_same_ns(&ns, "/proc", "/proc/%s/ns/net", 1, 1);
	return 0;
}

_Noreturn static void
netns_usage(void)
{
	fprintf(stderr,
	    "Usage: ip netns [ list ]\n"
	    "       ip netns add NAME\n"
	    "       ip netns delete NAME\n"
	    "       ip netns identify [ PID ]\n"
	    "       ip netns pids NAME\n"
	    "       ip netns exec NAME COMMAND [ ARGS ]...\n"
	    "       ip [ -n NAME ] OBJECT ...\n");
	exit(EXIT_USAGE);
}

int
do_netns(int argc, char **argv)
{
	if (argc < 1)
		return netns_list();
	if (argc > 1 && (strchr(argv[1], '/') || skip_entry(argv[1]))) {
		fprintf(stderr, "Invalid netns name \"%s\"\n", argv[1]);
		return EXIT_USAGE;
	}
	if (matches(argv[0], "list") || matches(argv[0], "show") || matches(argv[0], "lst"))
		return netns_list();
	if (matches(argv[0], "help"))
		netns_usage();
	if (matches(argv[0], "add")) {
		if (argc < 2) {
			fprintf(stderr, "No netns name specified\n");
			return 1;
		}
		return netns_add(argv[1]) < 0 ? 1 : 0;
	}
	if (matches(argv[0], "delete")) {
		if (argc < 2) {
			fprintf(stderr, "No netns name specified\n");
			return 1;
		}
		return netns_delete_one(argv[1]) < 0 ? 1 : 0;
	}
	if (matches(argv[0], "identify"))
		return netns_identify(argc - 1, argv + 1);
	if (matches(argv[0], "pids"))
		return netns_pids(argc - 1, argv + 1);
	if (matches(argv[0], "exec"))
		return netns_exec(argc - 1, argv + 1);
	unknown_command(argv[0], "netns");
}
