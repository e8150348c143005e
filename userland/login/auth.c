/*
 * auth.c - does a password open an account?  The hash comes from the
 * passwd entry or the shadow file (see auth.h); crypt() computes the
 * candidate, and hash_equal compares the two in constant time.
 */
#include <crypt.h>
#include <errno.h>
#include <shadow.h>
#include <stdio.h>
#include <string.h>

#include "auth.h"

/* The passwd field that sends the reader to the shadow file. */
#define SHADOW_MARK "x"

static int copy_hash(const char *src, char *hash, size_t len)
{
	size_t n = strlen(src);

	if (n + 1 > len) {
		errno = ERANGE;
		return -1;
	}
	memcpy(hash, src, n + 1);
	return 0;
}

int auth_find_hash(const struct passwd *pw, const char *shadow_path,
		   char *hash, size_t len)
{
	struct spwd *sp;
	FILE *f;
	int ret = -1;

	if (strcmp(pw->pw_passwd, SHADOW_MARK) != 0)
		return copy_hash(pw->pw_passwd, hash, len);
	f = fopen(shadow_path, "re");
	if (!f)
		return -1;
	while ((sp = fgetspent(f)) != NULL) {
		if (strcmp(sp->sp_namp, pw->pw_name) == 0) {
			ret = copy_hash(sp->sp_pwdp, hash, len);
			break;
		}
	}
	if (!sp)
		errno = ENOENT;
	fclose(f);
	return ret;
}

int auth_locked(const char *hash)
{
	return hash[0] == '\0' || hash[0] == '!' || hash[0] == '*';
}

int hash_equal(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i;
	unsigned char diff = la != lb;

	/* Past a's end, compare b with a's terminating NUL (never 0 in b). */
	for (i = 0; i < lb; i++)
		diff |= (unsigned char)(a[i < la ? i : la] ^ b[i]);
	return diff == 0;
}

int auth_check(const char *hash, const char *password)
{
	const char *computed;

	if (auth_locked(hash))
		return 0;
	computed = crypt(password, hash);
	/* crypt fails with NULL or a string starting with '*' */
	if (!computed || computed[0] == '*')
		return 0;
	return hash_equal(computed, hash);
}

int auth_user(const struct passwd *pw, const char *shadow_path,
	      const char *password)
{
	char hash[HASH_MAX];
	int ok;

	if (auth_find_hash(pw, shadow_path, hash, sizeof(hash)) < 0)
		return 0;
	ok = auth_check(hash, password);
	auth_forget(hash, sizeof(hash));
	return ok;
}

void auth_forget(char *secret, size_t len)
{
	volatile char *p = secret;

	while (len--)
		*p++ = 0;
}
