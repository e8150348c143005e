/*
 * chown, chgrp: change who owns files; one program installed under both
 * names, which chooses by the name it is run as.
 *   chown [-R] user[:group] file...    (also user: for the user's login
 *                                        group, and :group alone)
 *   chgrp [-R] group file...
 * Users and groups are names from /etc, else numbers.  A symbolic link
 * named on the command line is followed, as coreutils does; with -R
 * nothing is followed, and the links themselves change (lchown).
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

/* What to set: (uid_t)-1 or (gid_t)-1 leaves that id as it is. */
struct owner {
	uid_t uid;
	gid_t gid;
};

static const char *prog = "chown";
static int recursive;

static void
usage(void)
{
	if (strcmp(prog, "chgrp") == 0)
		fprintf(stderr, "usage: chgrp [-R] group file...\n");
	else
		fprintf(stderr, "usage: chown [-R] user[:group] file...\n");
	exit(1);
}

/* chown's first argument; -1 after saying what is wrong. */
static int
parse_owner(char *spec, struct owner *to)
{
	char *colon = strchr(spec, ':');
	const struct account *u;

	to->uid = (uid_t)-1;
	to->gid = (gid_t)-1;
	if (colon)
		*colon = '\0';
	if (*spec && parse_user(spec, &to->uid) < 0) {
		fprintf(stderr, "%s: invalid user: '%s'\n", prog, spec);
		return -1;
	}
	if (colon == NULL)
		return 0;
	*colon = ':';
	if (colon[1] == '\0') {
		/* "user:": the user's login group */
		u = *spec ? user_by_id(to->uid) : NULL;
		if (u == NULL) {
			fprintf(stderr, "%s: invalid spec: '%s'\n", prog, spec);
			return -1;
		}
		to->gid = (gid_t)u->gid;
	} else if (parse_group(colon + 1, &to->gid) < 0) {
		fprintf(stderr, "%s: invalid group: '%s'\n", prog, spec);
		return -1;
	}
	return 0;
}

static int change(const char *path, const struct owner *to, int follow);

/* Every entry below dir (already changed itself). */
static int
change_below(const char *dir, const struct owner *to)
{
	char child[PATH_MAX];
	struct dirent *d;
	DIR *dp = opendir(dir);
	int status = 0;

	if (dp == NULL) {
		fprintf(stderr, "%s: cannot read directory '%s': %s\n", prog,
			dir, strerror(errno));
		return 1;
	}
	while ((d = readdir(dp)) != NULL) {
		if (strcmp(d->d_name, ".") == 0 || strcmp(d->d_name, "..") == 0)
			continue;
		if (snprintf(child, sizeof(child), "%s/%s", dir, d->d_name) >=
		    (int)sizeof(child)) {
			fprintf(stderr, "%s: %s/%s: %s\n", prog, dir, d->d_name,
				strerror(ENAMETOOLONG));
			status = 1;
			continue;
		}
		status |= change(child, to, 0);
	}
	closedir(dp);
	return status;
}

static int
change(const char *path, const struct owner *to, int follow)
{
	struct stat st;
	int r;

	r = follow ? stat(path, &st) : lstat(path, &st);
	if (r < 0) {
		fprintf(stderr, "%s: cannot access '%s': %s\n", prog, path,
			strerror(errno));
		return 1;
	}
	r = follow ? chown(path, to->uid, to->gid) :
		     lchown(path, to->uid, to->gid);
	if (r < 0) {
		fprintf(stderr, "%s: changing %s of '%s': %s\n", prog,
			to->uid == (uid_t)-1 ? "group" : "ownership", path,
			strerror(errno));
		return 1;
	}
	if (recursive && S_ISDIR(st.st_mode))
		return change_below(path, to);
	return 0;
}

int
main(int argc, char *argv[])
{
	const char *slash = strrchr(argv[0], '/');
	struct owner to;
	int c, status = 0;

	prog = slash ? slash + 1 : argv[0];
	if (strcmp(prog, "chgrp") != 0)
		prog = "chown";
	while ((c = getopt(argc, argv, "R")) != -1) {
		if (c != 'R')
			usage();
		recursive = 1;
	}
	if (argc - optind < 2)
		usage();
	if (strcmp(prog, "chgrp") == 0) {
		to.uid = (uid_t)-1;
		if (parse_group(argv[optind], &to.gid) < 0) {
			fprintf(stderr, "chgrp: invalid group: '%s'\n", argv[optind]);
			return 1;
		}
	} else if (parse_owner(argv[optind], &to) < 0) {
		return 1;
	}
	for (int i = optind + 1; i < argc; i++)
		status |= change(argv[i], &to, !recursive);
	return status;
}
