/*
 * auth.h - checking a password, shared by login, su and passwd.
 *
 * An account's hash is its passwd entry's second field, or, when that is
 * "x", the second field of its entry in the shadow file.  An account is
 * locked when that hash is empty, starts with '!' or '*', or when the
 * shadow entry is missing: no password opens it.
 */
#ifndef LOGIN_AUTH_H
#define LOGIN_AUTH_H

#include <pwd.h>
#include <stddef.h>

#define SHADOW_PATH "/etc/shadow"
#define HASH_MAX 256		/* a "$6$rounds=N$salt$" hash is < 128 */
#define AUTH_FAIL_DELAY 2	/* seconds after a wrong password */

/*
 * Copies pw's hash into hash (looking in shadow_path when needed).
 * Returns 0, or -1 with errno (ENOENT: no shadow entry; ERANGE: too long).
 */
int auth_find_hash(const struct passwd *pw, const char *shadow_path,
		   char *hash, size_t len);

/* Is the account whose hash this is locked? */
int auth_locked(const char *hash);

/* Does password open the account guarded by hash?  Never for a locked one. */
int auth_check(const char *hash, const char *password);

/* auth_find_hash and auth_check: does password open pw's account? */
int auth_user(const struct passwd *pw, const char *shadow_path,
	      const char *password);

/*
 * Are the strings a and b equal?  The time taken depends on b's length
 * only, never on where the first difference is, so a caller comparing a
 * computed hash a with a stored one b tells an observer nothing about b.
 */
int hash_equal(const char *a, const char *b);

/* Forgets a password: zeroes len bytes in a way the compiler keeps. */
void auth_forget(char *secret, size_t len);

#endif
