/*
 * shadowdb.h - changing one entry of the shadow file, as passwd does.
 *
 * The file is never edited in place: under lckpwdf's lock, the whole file
 * is copied to a new one beside it (mode 0600, the old file's owner) with
 * the one entry changed, the copy is flushed to the disk, and renamed over
 * the old file.  Readers see the old file or the new one, never a mix;
 * two writers take turns, each starting from the other's result; and a
 * failure at any step (a full disk included) removes the copy and leaves
 * the old file exactly as it was.  Every other line is copied byte for
 * byte.
 */
#ifndef LOGIN_SHADOWDB_H
#define LOGIN_SHADOWDB_H

/* Which files, and which lock.  The tests point these at a scratch folder. */
struct shadow_files {
	const char *path;	/* the shadow file */
	const char *new_path;	/* its replacement while it is written */
	int (*lock)(void);	/* lckpwdf */
	int (*unlock)(void);	/* ulckpwdf */
};

extern const struct shadow_files system_shadow;

enum shadow_op {
	SHADOW_SET_HASH,	/* a new hash, last change today */
	SHADOW_LOCK,		/* put '!' before the hash */
	SHADOW_UNLOCK,		/* take it away again */
};

struct shadow_change {
	enum shadow_op op;
	const char *user;
	const char *hash;	/* SHADOW_SET_HASH's new hash */
	long today;		/* SHADOW_SET_HASH's day, see days_since_epoch */
};

/* Why shadow_update failed: "what: why" (why is strerror(err) if NULL). */
struct shadow_error {
	const char *what;
	const char *why;
	int err;
};

/* Applies change to files; 0, or -1 with *error filled in. */
int shadow_update(const struct shadow_files *files,
		  const struct shadow_change *change, struct shadow_error *error);

/* Today as the shadow file's last-change field counts: days since 1970. */
long days_since_epoch(void);

/* A new "$6$" setting with a 16-character random salt; 0 or -1 (errno). */
#define SALT_LEN 16
#define SETTING_MAX (sizeof("$6$") + SALT_LEN + 1)
int make_setting(char *setting, unsigned long size);

#endif
