/*
 * setcap: give files capabilities (the security.capability attribute), as
 * libcap's setcap does.
 *   setcap [-n ROOTID] (-r | CAPS) FILE [(-r | CAPS) FILE ...]
 * CAPS is libcap's text ("cap_net_raw+ep", "cap_a,cap_b=eip"; captext.h);
 * the effective flag is one bit on a file, so the effective set must be
 * empty or all of permitted and inheritable.  -r removes the
 * capabilities; -n writes revision 3, for the user namespace whose root is
 * ROOTID (else revision 2, which the kernel makes 3 inside a namespace).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/xattr.h>
#include <linux/capability.h>
#include "captext.h"

#define XATTR_CAPS "security.capability"

static void
usage(void)
{
	fprintf(stderr, "usage: setcap [-n rootid] (-r | caps) file [(-r | caps) file ...]\n");
	exit(1);
}

static int
set_file(const char *caps, const char *file, long rootid)
{
	struct cap_sets s;
	struct vfs_ns_cap_data v;
	size_t size = XATTR_CAPS_SZ_2;

	if (caps == NULL) {
		if (removexattr(file, XATTR_CAPS) == 0)
			return 0;
		fprintf(stderr, "setcap: %s: %s\n", file,
		    errno == ENODATA ? "no capabilities to remove" : strerror(errno));
		return -1;
	}
	if (captext_parse(caps, &s) != 0) {
		fprintf(stderr, "setcap: %s: not a capability text\n", caps);
		return -1;
	}
	if (s.eff != 0 && s.eff != (s.prm | s.inh)) {
		fprintf(stderr, "setcap: %s: the effective set must be empty or all of "
		    "permitted and inheritable\n", caps);
		return -1;
	}
	memset(&v, 0, sizeof(v));
	v.magic_etc = (s.eff ? VFS_CAP_FLAGS_EFFECTIVE : 0) |
	    (rootid > 0 ? VFS_CAP_REVISION_3 : VFS_CAP_REVISION_2);
	v.data[0].permitted = (uint32_t)s.prm;
	v.data[1].permitted = (uint32_t)(s.prm >> 32);
	v.data[0].inheritable = (uint32_t)s.inh;
	v.data[1].inheritable = (uint32_t)(s.inh >> 32);
	if (rootid > 0) {
		v.rootid = (uint32_t)rootid;
		size = XATTR_CAPS_SZ_3;
	}
	if (setxattr(file, XATTR_CAPS, &v, size, 0) != 0) {
		fprintf(stderr, "setcap: %s: %s\n", file, strerror(errno));
		return -1;
	}
	return 0;
}

int
main(int argc, char **argv)
{
	long rootid = 0;
	int i = 1, status = 0;
	char *end;

	/* -r is a capability text's place, not an option: only -n leads. */
	if (i + 1 < argc && strcmp(argv[i], "-n") == 0) {
		rootid = strtol(argv[i + 1], &end, 10);
		if (*argv[i + 1] == '\0' || *end != '\0' || rootid < 0 || rootid > 0x7fffffffL)
			usage();
		i += 2;
	}
	if (argc - i < 2 || (argc - i) % 2 != 0)
		usage();
	for (; i < argc; i += 2) {
		const char *caps = strcmp(argv[i], "-r") == 0 ? NULL : argv[i];
		if (set_file(caps, argv[i + 1], rootid) != 0)
			status = 1;
	}
	return status;
}
