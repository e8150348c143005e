/*
 * id: print user and group identities, GNU format:
 *   uid=0(root) gid=0(root) groups=0(root),1(bin)
 * -u, -g, -G print only the (effective) uid, gid, or all group ids;
 * -n prints names instead of numbers and -r the real ids.
 */
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAX_GROUPS 256

static void
usage(void)
{
	fprintf(stderr, "usage: id [-Ggu [-nr]]\n");
	exit(1);
}

static void
print_user(uid_t uid, int name_only)
{
	struct passwd *pw = getpwuid(uid);

	if (name_only && pw)
		printf("%s", pw->pw_name);
	else if (name_only || !pw)
		printf("%u", (unsigned)uid);
	else
		printf("%u(%s)", (unsigned)uid, pw->pw_name);
}

static void
print_group(gid_t gid, int name_only)
{
	struct group *gr = getgrgid(gid);

	if (name_only && gr)
		printf("%s", gr->gr_name);
	else if (name_only || !gr)
		printf("%u", (unsigned)gid);
	else
		printf("%u(%s)", (unsigned)gid, gr->gr_name);
}

int
main(int argc, char *argv[])
{
	gid_t groups[MAX_GROUPS];
	int only_u = 0, only_g = 0, only_groups = 0, names = 0, real = 0, c;
	int ngroups;

	while ((c = getopt(argc, argv, "Ggunr")) != -1) {
		switch (c) {
		case 'G': only_groups = 1; break;
		case 'g': only_g = 1; break;
		case 'u': only_u = 1; break;
		case 'n': names = 1; break;
		case 'r': real = 1; break;
		default: usage();
		}
	}
	if (optind < argc || only_u + only_g + only_groups > 1)
		usage();
	if ((names || real) && only_u + only_g + only_groups == 0)
		usage();

	uid_t uid = real ? getuid() : geteuid();
	gid_t gid = real ? getgid() : getegid();
	ngroups = getgroups(MAX_GROUPS, groups);
	if (ngroups < 0) {
		fprintf(stderr, "id: getgroups: %s\n", strerror(errno));
		return 1;
	}
	if (only_u) {
		print_user(uid, names);
	} else if (only_g) {
		print_group(gid, names);
	} else if (only_groups) {
		print_group(gid, names);
		for (int i = 0; i < ngroups; i++) {
			if (groups[i] == gid)
				continue;
			putchar(' ');
			print_group(groups[i], names);
		}
	} else {
		printf("uid=");
		print_user(getuid(), 0);
		printf(" gid=");
		print_group(getgid(), 0);
		if (geteuid() != getuid()) {
			printf(" euid=");
			print_user(geteuid(), 0);
		}
		if (getegid() != getgid()) {
			printf(" egid=");
			print_group(getegid(), 0);
		}
		printf(" groups=");
		print_group(getgid(), 0);
		for (int i = 0; i < ngroups; i++) {
			if (groups[i] == getgid())
				continue;
			putchar(',');
			print_group(groups[i], 0);
		}
	}
	putchar('\n');
	return 0;
}
