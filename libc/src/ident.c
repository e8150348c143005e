/*
 * ident.c - system identity and kernel services: uname, host names,
 * randomness, reboot, mount, the kernel log and capabilities.
 */
#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <sys/klog.h>
#include <sys/mount.h>
#include <sys/random.h>
#include <sys/reboot.h>
#include <sys/utsname.h>
#include "syscall.h"

int uname(struct utsname *buf)
{
	return SC1(SYS_uname, buf);
}

int gethostname(char *name, size_t len)
{
	struct utsname u;
	size_t n;

	if (uname(&u) < 0)
		return -1;
	n = strlen(u.nodename);
	if (n >= len) {
		errno = ENAMETOOLONG;
		return -1;
	}
	memcpy(name, u.nodename, n + 1);
	return 0;
}

int sethostname(const char *name, size_t len)
{
	return SC2(SYS_sethostname, name, len);
}

int setdomainname(const char *name, size_t len)
{
	return SC2(SYS_setdomainname, name, len);
}

int getdomainname(char *name, size_t len)
{
	struct utsname u;
	size_t n;

	if (uname(&u) < 0)
		return -1;
	n = strlen(u.domainname);
	if (n >= len) {
		errno = EINVAL;
		return -1;
	}
	memcpy(name, u.domainname, n + 1);
	return 0;
}

ssize_t getrandom(void *buf, size_t len, unsigned int flags)
{
	return SC3(SYS_getrandom, buf, len, flags);
}

int getentropy(void *buf, size_t len)
{
	char *p = buf;
	ssize_t n;

	if (len > 256) {
		errno = EIO;
		return -1;
	}
	while (len) {
		n = getrandom(p, len, 0);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

int reboot(int cmd)
{
	return SC4(SYS_reboot, LINUX_REBOOT_MAGIC1, LINUX_REBOOT_MAGIC2, cmd, 0);
}

int mount(const char *source, const char *target, const char *fstype,
	  unsigned long flags, const void *data)
{
	return SC5(SYS_mount, source, target, fstype, flags, data);
}

int umount(const char *target)
{
	return SC2(SYS_umount2, target, 0);
}

int umount2(const char *target, int flags)
{
	return SC2(SYS_umount2, target, flags);
}

int klogctl(int type, char *buf, int len)
{
	return SC3(SYS_syslog, type, buf, len);
}

int capget(void *header, void *data)
{
	return SC2(SYS_capget, header, data);
}

int capset(void *header, const void *data)
{
	return SC2(SYS_capset, header, data);
}
