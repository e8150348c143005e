/*
 * id: print user and group identities, GNU format:
 *   uid=1000(alice) gid=1000(alice) groups=1000(alice),100(users)
 * with euid= and egid= when they differ from the real ids.  -u, -g, -G
 * print only the uid, the gid or all group ids (effective unless -r, as
 * numbers unless -n).  With a user name (or number), that user's ids and
 * groups from /etc/passwd and /etc/group instead of the process's.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "accounts.h"

#define MAX_GROUPS 256

static void
usage(void)
{
	fprintf(stderr, "usage: id [-G | -g | -u [-nr]] [user]\n");
	exit(1);
}

/* Whose ids are shown: the process's or a named user's. */
struct identity {
	uid_t ruid, euid;
	gid_t rgid, egid;
	gid_t groups[MAX_GROUPS];
	int ngroups;
};

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
	const struct account *u = user_by_id(uid);

	print_id((unsigned)uid, u ? u->name : NULL, form);
}

static void
print_group(gid_t gid, enum id_form form)
{
	const struct account *g = group_by_id(gid);

	print_id((unsigned)gid, g ? g->name : NULL, form);
}

/* Who name is (or what number it is); 1 with a message if no one. */
static int
named_identity(const char *name, struct identity *who)
{
	const struct account *u = user_by_name(name);
	uid_t uid;

	if (u == NULL && parse_user(name, &uid) == 0)
		u = user_by_id(uid);
	if (u == NULL) {
		fprintf(stderr, "id: '%s': no such user\n", name);
		return 1;
	}
	who->ruid = who->euid = (uid_t)u->id;
	who->rgid = who->egid = (gid_t)u->gid;
	who->ngroups = user_groups(u->name, who->rgid, who->groups, MAX_GROUPS);
	return 0;
}

static int
own_identity(struct identity *who)
{
	who->ruid = getuid();
	who->euid = geteuid();
	who->rgid = getgid();
	who->egid = getegid();
	who->ngroups = getgroups(MAX_GROUPS, who->groups);
	if (who->ngroups < 0) {
		fprintf(stderr, "id: getgroups: %s\n", strerror(errno));
		return 1;
	}
	return 0;
}

/* -G: the (effective or real) group first, then the others. */
static void
print_groups(const struct identity *who, gid_t first, enum id_form form,
	     char sep)
{
	print_group(first, form);
	for (int i = 0; i < who->ngroups; i++) {
		if (who->groups[i] == first)
			continue;
		putchar(sep);
		print_group(who->groups[i], form);
	}
}

static void
print_all(const struct identity *who)
{
	printf("uid=");
	print_user(who->ruid, ID_BOTH);
	printf(" gid=");
	print_group(who->rgid, ID_BOTH);
	if (who->euid != who->ruid) {
		printf(" euid=");
		print_user(who->euid, ID_BOTH);
	}
	if (who->egid != who->rgid) {
		printf(" egid=");
		print_group(who->egid, ID_BOTH);
	}
	printf(" groups=");
	print_groups(who, who->rgid, ID_BOTH, ',');
}

int
main(int argc, char *argv[])
{
	struct identity who;
	int only_u = 0, only_g = 0, only_groups = 0, names = 0, real = 0, c;

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
	if (argc - optind > 1 || only_u + only_g + only_groups > 1)
		usage();
	if ((names || real) && only_u + only_g + only_groups == 0) {
		fprintf(stderr, "id: printing only names or real IDs requires -u, -g, or -G\n");
		usage();
	}
	if (optind < argc ? named_identity(argv[optind], &who) : own_identity(&who))
		return 1;

	enum id_form form = names ? ID_NAME : ID_NUMBER;
	if (only_u)
		print_user(real ? who.ruid : who.euid, form);
	else if (only_g)
		print_group(real ? who.rgid : who.egid, form);
	else if (only_groups)
		print_groups(&who, real ? who.rgid : who.egid, form, ' ');
	else
		print_all(&who);
	putchar('\n');
	return 0;
}
