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

/* How an id is shown: "0" (-u), "root" (-un), "0(root)" (plain id). */
enum id_form { ID_NUMBER, ID_NAME, ID_BOTH };

/* An id and its name (NULL when it has none) in the given form. */
static void
print_id(unsigned id, const char *name, enum id_form form)
{
	if (form == ID_NAME && name)
		printf("%s", name);
	else if (form == ID_BOTH && name)
		printf("%u(%s)", id, name);
	else
		printf("%u", id);
}

static void
print_user(uid_t uid, enum id_form form)
{
	struct passwd *pw = getpwuid(uid);

	print_id((unsigned)uid, pw ? pw->pw_name : NULL, form);
}

static void
print_group(gid_t gid, enum id_form form)
{
	struct group *gr = getgrgid(gid);

	print_id((unsigned)gid, gr ? gr->gr_name : NULL, form);
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
	enum id_form form = names ? ID_NAME : ID_NUMBER;

	if (only_u) {
		print_user(uid, form);
	} else if (only_g) {
		print_group(gid, form);
	} else if (only_groups) {
		print_group(gid, form);
		for (int i = 0; i < ngroups; i++) {
			if (groups[i] == gid)
				continue;
			putchar(' ');
			print_group(groups[i], form);
		}
	} else {
		printf("uid=");
		print_user(getuid(), ID_BOTH);
		printf(" gid=");
		print_group(getgid(), ID_BOTH);
		if (geteuid() != getuid()) {
			printf(" euid=");
			print_user(geteuid(), ID_BOTH);
		}
		if (getegid() != getgid()) {
			printf(" egid=");
			print_group(getegid(), ID_BOTH);
		}
		printf(" groups=");
		print_group(getgid(), ID_BOTH);
		for (int i = 0; i < ngroups; i++) {
			if (groups[i] == getgid())
				continue;
			putchar(',');
			print_group(groups[i], ID_BOTH);
		}
	}
	putchar('\n');
	return 0;
}
