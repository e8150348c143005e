/*
 * useradd: create a user account (root only).
 *   useradd [-m] [-d home] [-s shell] [-g group] [-G group,...] [-u uid] name
 * The uid is -u's, else one above the highest in use from 1000 up (as
 * shadow's useradd picks it).  Without -g the user gets a group of its own
 * name, whose gid is the uid when that is free.  The account is appended
 * to /etc/group (with -G's memberships), /etc/passwd and /etc/shadow,
 * each rewritten whole under the account files' lock (pwdb.h); the
 * password is "!" (locked) until passwd sets one.  -m creates the home
 * folder, mode 0700, with a copy of /etc/skel, all owned by the user.
 * Exit statuses are shadow's: 1 not root, 2 usage, 3 bad argument,
 * 4 uid in use, 6 no such group, 9 name in use, 10 cannot write the
 * files, 12 cannot create the home folder.
 */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "accounts.h"
#include "copy.h"
#include "pwdb.h"

#define FIRST_UID 1000
#define LAST_UID 60000
#define HOME_MODE 0700
#define SECONDS_PER_DAY 86400
#define MAX_SUPPLEMENTARY 64
#define LINE_MAX_LEN 1024

enum {
	E_NOPERM = 1, E_USAGE = 2, E_BAD_ARG = 3, E_UID_IN_USE = 4,
	E_NOTFOUND = 6, E_NAME_IN_USE = 9, E_GRP_UPDATE = 10, E_HOMEDIR = 12,
};

struct new_user {
	const char *name, *home, *shell;
	uid_t uid;
	gid_t gid;
	int own_group;		/* a group of the user's name is created */
	const char *supplementary[MAX_SUPPLEMENTARY];
	int nsupplementary;
};

static void
usage(void)
{
	fprintf(stderr, "usage: useradd [-m] [-d home] [-s shell] [-g group] "
		"[-G group,...] [-u uid] name\n");
	exit(E_USAGE);
}

static int
uid_used(unsigned id)
{
	return user_by_id((uid_t)id) != NULL;
}

static int
gid_used(unsigned id)
{
	return group_by_id((gid_t)id) != NULL;
}

/* One above the highest id in use in [FIRST_UID, LAST_UID], or the first
 * free one when that is past the range. */
static unsigned
next_id(int (*used)(unsigned))
{
	unsigned highest = FIRST_UID - 1;

	for (unsigned id = FIRST_UID; id <= LAST_UID; id++)
		if (used(id))
			highest = id;
	if (highest < LAST_UID)
		return highest + 1;
	for (unsigned id = FIRST_UID; id <= LAST_UID; id++)
		if (!used(id))
			return id;
	return 0;
}

/* -G's list into u->supplementary; the status to exit with, or 0. */
static int
parse_supplementary(char *list, struct new_user *u)
{
	for (char *g = strtok(list, ","); g; g = strtok(NULL, ",")) {
		const struct account *gr = group_by_name(g);
		gid_t gid;
		if (gr == NULL && parse_group(g, &gid) == 0)
			gr = group_by_id(gid);
		if (gr == NULL) {
			fprintf(stderr, "useradd: group '%s' does not exist\n", g);
			return E_NOTFOUND;
		}
		if (u->nsupplementary == MAX_SUPPLEMENTARY) {
			fprintf(stderr, "useradd: too many groups\n");
			return E_BAD_ARG;
		}
		u->supplementary[u->nsupplementary++] = gr->name;
	}
	return 0;
}

/* -g's group; the status to exit with, or 0. */
static int
parse_login_group(const char *arg, struct new_user *u)
{
	const struct account *gr = group_by_name(arg);
	gid_t gid;

	if (gr == NULL && parse_group(arg, &gid) == 0)
		gr = group_by_id(gid);
	if (gr == NULL) {
		fprintf(stderr, "useradd: group '%s' does not exist\n", arg);
		return E_NOTFOUND;
	}
	u->gid = (gid_t)gr->id;
	return 0;
}

/* The uid, and the gid of the user's own group; 0 or the exit status. */
static int
choose_ids(const char *uid_arg, struct new_user *u)
{
	char *end;

	if (uid_arg) {
		unsigned long v = strtoul(uid_arg, &end, 10);
		if (!*uid_arg || *end || v > LAST_UID * 100UL) {
			fprintf(stderr, "useradd: invalid user ID '%s'\n", uid_arg);
			return E_BAD_ARG;
		}
		if (uid_used((unsigned)v)) {
			fprintf(stderr, "useradd: UID %lu is not unique\n", v);
			return E_UID_IN_USE;
		}
		u->uid = (uid_t)v;
	} else if ((u->uid = (uid_t)next_id(uid_used)) == 0) {
		fprintf(stderr, "useradd: can't get unique UID (no more available UIDs)\n");
		return E_UID_IN_USE;
	}
	if (u->own_group) {
		if (group_by_name(u->name)) {
			fprintf(stderr, "useradd: group %s exists - if you want to add "
				"this user to that group, use -g.\n", u->name);
			return E_NAME_IN_USE;
		}
		u->gid = gid_used((unsigned)u->uid) ? (gid_t)next_id(gid_used) :
						      (gid_t)u->uid;
	}
	return 0;
}

static int
listed(const struct new_user *u, const char *group)
{
	for (int i = 0; i < u->nsupplementary; i++)
		if (strcmp(u->supplementary[i], group) == 0)
			return 1;
	return 0;
}

/* /etc/group's edit: the user joins the -G groups. */
static int
join_groups(const char *line, FILE *out, void *arg)
{
	const struct new_user *u = arg;
	char name[LINE_MAX_LEN];
	const char *members = strrchr(line, ':');
	char *joined;

	line_name(line, name, sizeof(name));
	if (!listed(u, name) || members == NULL) {
		fprintf(out, "%s\n", line);
		return 0;
	}
	joined = edit_members(members + 1, u->name, NULL);
	if (joined == NULL)
		return -1;
	fprintf(out, "%.*s:%s\n", (int)(members - line), line, joined);
	free(joined);
	return 0;
}

static int
keep_line(const char *line, FILE *out, void *arg)
{
	(void)arg;
	fprintf(out, "%s\n", line);
	return 0;
}

/* The three files, group first so the user's gid exists when it does. */
static int
write_accounts(struct new_user *u)
{
	char line[LINE_MAX_LEN];
	const char *file = "/etc/group";

	if (u->own_group)
		snprintf(line, sizeof(line), "%s:x:%u:\n", u->name, (unsigned)u->gid);
	if (rewrite_file(file, join_groups, u, u->own_group ? line : NULL) < 0)
		goto fail;
	file = "/etc/passwd";
	snprintf(line, sizeof(line), "%s:x:%u:%u::%s:%s\n", u->name,
		 (unsigned)u->uid, (unsigned)u->gid, u->home, u->shell);
	if (rewrite_file(file, keep_line, NULL, line) < 0)
		goto fail;
	file = "/etc/shadow";
	snprintf(line, sizeof(line), "%s:!:%ld:0:99999:7:::\n", u->name,
		 (long)(time(NULL) / SECONDS_PER_DAY));
	if (rewrite_file(file, keep_line, NULL, line) < 0)
		goto fail;
	return 0;
fail:
	fprintf(stderr, "useradd: cannot rewrite %s: %s\n", file, strerror(errno));
	return E_GRP_UPDATE;
}

/* Gives path and everything below it to the user (links themselves). */
static int
give_tree(const char *path, const struct new_user *u)
{
	char child[PATH_MAX];
	struct dirent *d;
	struct stat st;
	DIR *dp;
	int r = 0;

	if (lchown(path, u->uid, u->gid) < 0 || lstat(path, &st) < 0) {
		fprintf(stderr, "useradd: %s: %s\n", path, strerror(errno));
		return -1;
	}
	if (!S_ISDIR(st.st_mode) || (dp = opendir(path)) == NULL)
		return 0;
	while ((d = readdir(dp)) != NULL) {
		if (strcmp(d->d_name, ".") == 0 || strcmp(d->d_name, "..") == 0)
			continue;
		snprintf(child, sizeof(child), "%s/%s", path, d->d_name);
		r |= give_tree(child, u);
	}
	closedir(dp);
	return r;
}

/* -m: the home folder with /etc/skel's files in it. */
static int
make_home(const struct new_user *u)
{
	struct copy_options copy = { .prog = "useradd", .recursive = 1, .preserve = 1 };
	const char *home = sys_path(u->home);
	char skel[PATH_MAX], src[PATH_MAX], dst[PATH_MAX];
	struct dirent *d;
	DIR *dp;
	int r = 0;

	snprintf(skel, sizeof(skel), "%s", sys_path("/etc/skel"));
	if (mkdir(home, HOME_MODE) < 0 || chmod(home, HOME_MODE) < 0) {
		fprintf(stderr, "useradd: cannot create directory %s: %s\n",
			u->home, strerror(errno));
		return E_HOMEDIR;
	}
	if ((dp = opendir(skel)) != NULL) {
		while ((d = readdir(dp)) != NULL) {
			if (strcmp(d->d_name, ".") == 0 || strcmp(d->d_name, "..") == 0)
				continue;
			if (snprintf(src, sizeof(src), "%s/%s", skel, d->d_name) >=
			    (int)sizeof(src) ||
			    snprintf(dst, sizeof(dst), "%s/%s", home, d->d_name) >=
			    (int)sizeof(dst)) {
				fprintf(stderr, "useradd: %s/%s: %s\n", skel, d->d_name,
					strerror(ENAMETOOLONG));
				r = -1;
				continue;
			}
			r |= copy_path(&copy, src, dst, 1);
		}
		closedir(dp);
	}
	r |= give_tree(home, u);
	return r ? E_HOMEDIR : 0;
}

int
main(int argc, char *argv[])
{
	struct new_user u = { .shell = "/bin/sh", .own_group = 1 };
	char *groups_arg = NULL, home[PATH_MAX];
	const char *uid_arg = NULL, *group_arg = NULL;
	int make_home_dir = 0, c, status;

	while ((c = getopt(argc, argv, "md:s:g:G:u:")) != -1) {
		switch (c) {
		case 'm': make_home_dir = 1; break;
		case 'd': u.home = optarg; break;
		case 's': u.shell = optarg; break;
		case 'g': group_arg = optarg; u.own_group = 0; break;
		case 'G': groups_arg = optarg; break;
		case 'u': uid_arg = optarg; break;
		default: usage();
		}
	}
	if (argc - optind != 1)
		usage();
	u.name = argv[optind];
	if (geteuid() != 0) {
		fprintf(stderr, "useradd: Permission denied.\n");
		return E_NOPERM;
	}
	if (!valid_account_name(u.name)) {
		fprintf(stderr, "useradd: invalid user name '%s'\n", u.name);
		return E_BAD_ARG;
	}
	if (u.home == NULL) {
		snprintf(home, sizeof(home), "/home/%s", u.name);
		u.home = home;
	}
	if (pwdb_lock() < 0) {
		fprintf(stderr, "useradd: cannot lock /etc/passwd; try again later.\n");
		return E_GRP_UPDATE;
	}
	accounts_reload();	/* what the files say now that we hold the lock */
	status = 0;
	if (user_by_name(u.name)) {
		fprintf(stderr, "useradd: user '%s' already exists\n", u.name);
		status = E_NAME_IN_USE;
	}
	if (status == 0 && group_arg)
		status = parse_login_group(group_arg, &u);
	if (status == 0 && groups_arg)
		status = parse_supplementary(groups_arg, &u);
	if (status == 0)
		status = choose_ids(uid_arg, &u);
	if (status == 0)
		status = write_accounts(&u);
	pwdb_unlock();
	if (status == 0 && make_home_dir)
		status = make_home(&u);
	return status;
}
