/*
 * pwdb: changing /etc/passwd, /etc/group and /etc/shadow safely, for
 * useradd and userdel.
 *
 * Writers hold the lock for the whole change (pwdb_lock), as shadow's
 * tools do with lckpwdf: an exclusive fcntl lock on /etc/.pwd.lock.  Each
 * file is rewritten whole: the new text goes to FILE+ with the old file's
 * mode and owner, is synced, and is renamed over the old one, so a reader
 * sees either version and a crash leaves one of them.
 */
#ifndef PWDB_H
#define PWDB_H

#include <stdio.h>

#define ACCOUNT_NAME_MAX 32

/* Takes the lock (waiting for another holder); 0, or -1 with errno. */
int pwdb_lock(void);
void pwdb_unlock(void);

/* Whether name is a user or group name as shadow accepts by default: a
 * lowercase letter or '_', then [a-z0-9_-], an optional final '$', at
 * most ACCOUNT_NAME_MAX characters. */
int valid_account_name(const char *name);

/* Called for each line of the old file (without its newline): writes to
 * out what the new file holds instead (the line, a change, or nothing).
 * Returns 0, or -1 to abandon the rewrite. */
typedef int (*line_edit)(const char *line, FILE *out, void *arg);

/* Rewrites path (under sys_path) through edit, then appends append (may be
 * NULL).  0, or -1 with errno; the old file is left as it was. */
int rewrite_file(const char *path, line_edit edit, void *arg,
		 const char *append);

/* The first field of a line ("name" of "name:x:..."), in out. */
void line_name(const char *line, char *out, size_t size);

/* A group's member list ("a,b") with add appended unless present and
 * remove taken out (either may be NULL); malloc'd, NULL if out of memory. */
char *edit_members(const char *members, const char *add, const char *remove);

#endif /* PWDB_H */
