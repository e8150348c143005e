/*
 * netns-lo PROGRAM [ARGS...]: runs PROGRAM in a new network namespace
 * whose loopback is up, for the shell tests of the network tools
 * (nettools.sh) while there is no ip(8) in the image to say
 * "unshare -n ip link set lo up".  Not a test itself: it prints nothing
 * but errors, as "netns-lo: what: why", and exits 1.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <net/if.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

static int fail(const char *what)
{
	fprintf(stderr, "netns-lo: %s: %s\n", what, strerror(errno));
	return 1;
}

int main(int argc, char *argv[])
{
	struct ifreq r;

	if (argc < 2) {
		fprintf(stderr, "usage: netns-lo PROGRAM [ARGS...]\n");
		return 1;
	}
	if (unshare(CLONE_NEWNET) != 0)
		return fail("unshare");
	int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return fail("socket");
	memset(&r, 0, sizeof(r));
	strcpy(r.ifr_name, "lo");
	if (ioctl(fd, SIOCGIFFLAGS, &r) != 0)
		return fail("SIOCGIFFLAGS lo");
	r.ifr_flags |= IFF_UP;
	if (ioctl(fd, SIOCSIFFLAGS, &r) != 0)
		return fail("SIOCSIFFLAGS lo");
	close(fd);
	execvp(argv[1], argv + 1);
	return fail(argv[1]);
}
