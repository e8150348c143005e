/*
 * accounts: users and groups by name and number, read from /etc/passwd and
 * /etc/group once per program and kept in memory, so that ls -l of a big
 * directory or chown -R of a tree reads each file once.
 *
 * The files are named through sys_path().  In the guest it returns its
 * argument: the programs read /etc exactly as on Linux.  The native build
 * is compiled with USERLAND_ROOT_ENV (userland/userland.mk), and there,
 * when that environment variable is set, every system file is looked for
 * under the folder it names: tests give a scratch /etc, /var and /home.
 */
#ifndef ACCOUNTS_H
#define ACCOUNTS_H

#include <sys/types.h>

/* A line of /etc/passwd or /etc/group, the fields the utilities use. */
struct account {
	char *name;
	unsigned id;		/* the uid, or the gid of a group */
	unsigned gid;		/* users: the login group */
	char *home;		/* users: the home folder */
	char *shell;		/* users: the login shell */
	char *members;		/* groups: the members, comma-separated */
};

/* path ("/etc/passwd") as this build reads it; a static buffer in the
 * native build under USERLAND_ROOT, one of a few reused in turn. */
const char *sys_path(const char *path);

/* The entries, or NULL when there is none (or the file is unreadable). */
const struct account *user_by_id(uid_t uid);
const struct account *user_by_name(const char *name);
const struct account *group_by_id(gid_t gid);
const struct account *group_by_name(const char *name);

/* A user or group as chown takes it: a name, else a decimal number;
 * 0 with the id, -1 when it is neither. */
int parse_user(const char *arg, uid_t *uid);
int parse_group(const char *arg, gid_t *gid);

/* Whether name appears in a comma-separated member list. */
int is_member(const char *members, const char *name);

/* user's groups as getgrouplist gives them: primary first, then every
 * group listing the user, each once.  Returns how many (at most max). */
int user_groups(const char *user, gid_t primary, gid_t *list, int max);

/* Forget what was read (after rewriting the files). */
void accounts_reload(void);

#endif /* ACCOUNTS_H */
