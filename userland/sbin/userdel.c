/*
 * userdel: remove a user account (root only).
 *   userdel [-r] name
 * Takes the user's lines out of /etc/passwd and /etc/shadow and the user
 * out of every group's member list; the group of the user's name goes
 * too when it is the user's login group and has no other members (as
 * shadow's userdel does).  -r also removes the home folder and all in it.
 * Each file is rewritten whole under the account files' lock (pwdb.h).
 * Exit statuses are shadow's: 1 not root, 2 usage, 6 no such user,
 * 10 cannot write the files, 12 cannot remove the home folder.
 */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "accounts.h"
#include "pwdb.h"

#define LINE_MAX_LEN 1024

enum {
	E_NOPERM = 1, E_USAGE = 2, E_NOTFOUND = 6, E_GRP_UPDATE = 10,
	E_HOMEDIR = 12,
};

struct old_user {
	char name[LINE_MAX_LEN];
	char home[PATH_MAX];
	gid_t gid;
};

static void
usage(void)
{
	fprintf(stderr, "usage: userdel [-r] name\n");
	exit(E_USAGE);
}

/* /etc/passwd's and /etc/shadow's edit: every line but the user's. */
static int
drop_user(const char *line, FILE *out, void *arg)
{
	const struct old_user *u = arg;
	char name[LINE_MAX_LEN];

	line_name(line, name, sizeof(name));
	if (strcmp(name, u->name) != 0)
		fprintf(out, "%s\n", line);
	return 0;
}

/* /etc/group's edit: the user leaves every group, and the user's own
 * group goes if no one else is in it. */
static int
leave_groups(const char *line, FILE *out, void *arg)
{
	const struct old_user *u = arg;
	char name[LINE_MAX_LEN];
	const char *members = strrchr(line, ':');
	const struct account *own = group_by_id(u->gid);
	char *left;

	line_name(line, name, sizeof(name));
	if (members == NULL) {
		fprintf(out, "%s\n", line);
		return 0;
	}
	left = edit_members(members + 1, NULL, u->name);
	if (left == NULL)
		return -1;
	if (!(strcmp(name, u->name) == 0 && own && strcmp(own->name, name) == 0 &&
	      *left == '\0'))
		fprintf(out, "%.*s:%s\n", (int)(members - line), line, left);
	free(left);
	return 0;
}

/* Removes path and everything below it; 0 or -1 once reported. */
static int
remove_tree(const char *path)
{
	char child[PATH_MAX];
	struct dirent *d;
	struct stat st;
	DIR *dp;
	int r = 0;

	if (lstat(path, &st) < 0)
		goto fail;
	if (S_ISDIR(st.st_mode)) {
		if ((dp = opendir(path)) == NULL)
			goto fail;
		while ((d = readdir(dp)) != NULL) {
			if (strcmp(d->d_name, ".") == 0 || strcmp(d->d_name, "..") == 0)
				continue;
			snprintf(child, sizeof(child), "%s/%s", path, d->d_name);
			r |= remove_tree(child);
		}
		closedir(dp);
		if (r == 0 && rmdir(path) < 0)
			goto fail;
		return r;
	}
	if (unlink(path) == 0)
		return 0;
fail:
	fprintf(stderr, "userdel: %s: %s\n", path, strerror(errno));
	return -1;
}

static int
write_accounts(struct old_user *u)
{
	static const char *const files[] = { "/etc/passwd", "/etc/shadow" };

	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		if (rewrite_file(files[i], drop_user, u, NULL) < 0) {
			fprintf(stderr, "userdel: cannot rewrite %s: %s\n",
				files[i], strerror(errno));
			return E_GRP_UPDATE;
		}
	}
	if (rewrite_file("/etc/group", leave_groups, u, NULL) < 0) {
		fprintf(stderr, "userdel: cannot rewrite /etc/group: %s\n",
			strerror(errno));
		return E_GRP_UPDATE;
	}
	return 0;
}

int
main(int argc, char *argv[])
{
	struct old_user u;
	const struct account *pw;
	int remove_home = 0, c, status;

	while ((c = getopt(argc, argv, "r")) != -1) {
		if (c != 'r')
			usage();
		remove_home = 1;
	}
	if (argc - optind != 1)
		usage();
	if (geteuid() != 0) {
		fprintf(stderr, "userdel: Permission denied.\n");
		return E_NOPERM;
	}
	if (pwdb_lock() < 0) {
		fprintf(stderr, "userdel: cannot lock /etc/passwd; try again later.\n");
		return E_GRP_UPDATE;
	}
	accounts_reload();
	pw = user_by_name(argv[optind]);
	if (pw == NULL) {
		fprintf(stderr, "userdel: user '%s' does not exist\n", argv[optind]);
		pwdb_unlock();
		return E_NOTFOUND;
	}
	snprintf(u.name, sizeof(u.name), "%s", pw->name);
	snprintf(u.home, sizeof(u.home), "%s", pw->home);
	u.gid = (gid_t)pw->gid;
	status = write_accounts(&u);
	pwdb_unlock();
	if (status == 0 && remove_home && remove_tree(sys_path(u.home)) < 0)
		status = E_HOMEDIR;
	return status;
}
