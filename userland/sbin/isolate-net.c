/*
 * isolate-net PID: join the network namespace of process PID to the
 * host's network through a veth pair from the container pool, and print
 * what it was given: "DEV HOSTADDR INNERADDR PLEN" (netpool.h).
 *
 * Set-user-ID root in the image, with one narrow job, as newuidmap has for
 * uid maps: an ordinary user's `isolate` cannot make a device in the
 * host's namespace, so it asks this helper.  The helper only acts for a
 * namespace the caller owns: the user namespace that owns PID's network
 * namespace must have been made by the caller's real uid, and it must not
 * be the helper's own network namespace.  The checks are made on the open
 * namespace file, so PID dying and its number being reused changes
 * nothing.  Everything else (the container's side of the pair, its
 * address and route) is done by isolate inside, where it is root.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <linux/nsfs.h>

#include "netpool.h"

static void
usage(void)
{
	fprintf(stderr, "usage: isolate-net PID\n");
	exit(2);
}

static void
fail(const char *what, const char *object)
{
	fprintf(stderr, "isolate-net: %s: %s: %s\n", what, object, strerror(errno));
	exit(1);
}

int
main(int argc, char *argv[])
{
	char path[64], *end, line[128];
	struct stat ns, own;
	struct netpool_lease lease;
	const char *step;
	uid_t owner;
	long pid;
	int fd, userns;

	if (argc != 2)
		usage();
	errno = 0;
	pid = strtol(argv[1], &end, 10);
	if (errno || end == argv[1] || *end || pid < 1 || pid > 0x7fffffff)
		usage();
	snprintf(path, sizeof(path), "/proc/%ld/ns/net", pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		fail("open", path);
	if (fstat(fd, &ns) < 0)
		fail("fstat", path);
	if (stat("/proc/self/ns/net", &own) < 0)
		fail("stat", "/proc/self/ns/net");
	if (ns.st_ino == own.st_ino && ns.st_dev == own.st_dev) {
		errno = EINVAL;
		fail(path, "not a network namespace of its own");
	}
	userns = ioctl(fd, NS_GET_USERNS);
	if (userns < 0)
		fail("ioctl(NS_GET_USERNS)", path);
	if (ioctl(userns, NS_GET_OWNER_UID, &owner) < 0)
		fail("ioctl(NS_GET_OWNER_UID)", path);
	close(userns);
	if (getuid() != 0 && owner != getuid()) {
		errno = EPERM;
		fail(path, "not a namespace of the caller's");
	}
	if (netpool_attach(fd, &lease, &step) < 0)
		fail("veth", step);
	if (netpool_lease_format(&lease, line, sizeof(line)) < 0 || fputs(line, stdout) == EOF ||
	    fflush(stdout) == EOF)
		fail("write", "standard output");
	return 0;
}
