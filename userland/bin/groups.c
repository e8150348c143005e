/*
 * groups: print the names of a user's groups, the process's own without
 * an argument (effective group first), as coreutils does:
 *   $ groups alice bob
 *   alice : alice users
 *   bob : bob
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "accounts.h"

#define MAX_GROUPS 256

static void
print_group(gid_t gid)
{
	const struct account *g = group_by_id(gid);

	if (g)
		printf("%s", g->name);
	else
		printf("%u", (unsigned)gid);
}

/* first, then the rest of list without it, space-separated. */
static void
print_list(gid_t first, const gid_t *list, int n)
{
	print_group(first);
	for (int i = 0; i < n; i++) {
		if (list[i] == first)
			continue;
		putchar(' ');
		print_group(list[i]);
	}
	putchar('\n');
}

static int
own_groups(void)
{
	gid_t list[MAX_GROUPS];
	int n = getgroups(MAX_GROUPS, list);

	if (n < 0) {
		fprintf(stderr, "groups: getgroups: %s\n", strerror(errno));
		return 1;
	}
	print_list(getegid(), list, n);
	return 0;
}

static int
user_line(const char *name)
{
	const struct account *u = user_by_name(name);
	gid_t list[MAX_GROUPS];
	int n;

	if (u == NULL) {
		fprintf(stderr, "groups: '%s': no such user\n", name);
		return 1;
	}
	n = user_groups(u->name, (gid_t)u->gid, list, MAX_GROUPS);
	printf("%s : ", name);
	print_list((gid_t)u->gid, list, n);
	return 0;
}

int
main(int argc, char *argv[])
{
	int status = 0;

	if (argc > 1 && argv[1][0] == '-' && strcmp(argv[1], "--") != 0) {
		fprintf(stderr, "usage: groups [user...]\n");
		return 1;
	}
	if (argc == 1)
		return own_groups();
	for (int i = argv[1][0] == '-' ? 2 : 1; i < argc; i++)
		status |= user_line(argv[i]);
	return status;
}
