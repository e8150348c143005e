/*
 * getcap: print files' capabilities (the security.capability attribute)
 * as libcap's getcap does: "FILE CAPS" in libcap's text (captext.h), and
 * nothing for a file without them.
 *   getcap [-n] FILE...
 * -n adds " [rootid=N]" for capabilities of a user namespace (revision 3).
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
	fprintf(stderr, "usage: getcap [-n] file...\n");
	exit(1);
}

/* The sets and root uid a raw attribute of len bytes holds: 0, or -1. */
static int
decode(const struct vfs_ns_cap_data *v, ssize_t len, struct cap_sets *s, uint32_t *rootid)
{
	uint32_t rev = v->magic_etc & VFS_CAP_REVISION_MASK;
	int words = rev == VFS_CAP_REVISION_1 ? 1 : 2;

	if (!(rev == VFS_CAP_REVISION_1 && len == XATTR_CAPS_SZ_1) &&
	    !(rev == VFS_CAP_REVISION_2 && len == XATTR_CAPS_SZ_2) &&
	    !(rev == VFS_CAP_REVISION_3 && len == XATTR_CAPS_SZ_3))
		return -1;
	memset(s, 0, sizeof(*s));
	for (int i = 0; i < words; i++) {
		s->prm |= (uint64_t)v->data[i].permitted << (32 * i);
		s->inh |= (uint64_t)v->data[i].inheritable << (32 * i);
	}
	if (v->magic_etc & VFS_CAP_FLAGS_EFFECTIVE)
		s->eff = s->prm | s->inh;
	*rootid = rev == VFS_CAP_REVISION_3 ? v->rootid : 0;
	return 0;
}

int
main(int argc, char **argv)
{
	int c, show_root = 0, status = 0;

	while ((c = getopt(argc, argv, "n")) != -1) {
		if (c != 'n')
			usage();
		show_root = 1;
	}
	if (optind >= argc)
		usage();
	for (int i = optind; i < argc; i++) {
		struct vfs_ns_cap_data v;
		struct cap_sets s;
		uint32_t rootid;
		char text[2048];
		ssize_t len = getxattr(argv[i], XATTR_CAPS, &v, sizeof(v));

		if (len < 0 && (errno == ENODATA || errno == EOPNOTSUPP))
			continue;
		if (len < 0) {
			fprintf(stderr, "getcap: %s: %s\n", argv[i], strerror(errno));
			status = 1;
			continue;
		}
		if (decode(&v, len, &s, &rootid) != 0) {
			fprintf(stderr, "getcap: %s: malformed capabilities\n", argv[i]);
			status = 1;
			continue;
		}
		printf("%s %s", argv[i], captext_format(&s, text, sizeof(text)));
		if (show_root && rootid != 0)
			printf(" [rootid=%u]", rootid);
		printf("\n");
	}
	return status;
}
