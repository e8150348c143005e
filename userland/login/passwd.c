/*
 * passwd: change a password, or lock and unlock an account.
 *
 *   passwd [user]       a new password: users change their own (the
 *                       current one is asked first), root anyone's
 *   passwd -l user      lock: '!' before the hash (root only)
 *   passwd -u user      unlock: the '!' taken away (root only)
 *
 * passwd is set-user-ID root.  The new hash is SHA-512 crypt with a
 * random 16-character salt; /etc/shadow is replaced as shadowdb.h says,
 * with the last-change field set to today.
 */
#include <crypt.h>
#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "auth.h"
#include "prompt.h"
#include "shadowdb.h"

static const char prog[] = "passwd";

static void usage(void)
{
	fprintf(stderr, "usage: passwd [-l | -u] [user]\n");
	exit(2);
}

static void unchanged(const char *why)
{
	fprintf(stderr, "%s: %s\n%s: password unchanged\n", prog, why, prog);
	exit(1);
}

static void check_current(const struct passwd *pw)
{
	char password[ANSWER_MAX];
	int ok;

	if (prompt_password("Current password: ", password, sizeof(password)) < 0)
		ok = 0;
	else
		ok = auth_user(pw, SHADOW_PATH, password);
	auth_forget(password, sizeof(password));
	if (!ok) {
		sleep(AUTH_FAIL_DELAY);
		unchanged("Authentication token manipulation error");
	}
}

/* Asks for the new password twice and returns its hash in hash. */
static void new_hash(char *hash, size_t len)
{
	char first[ANSWER_MAX], second[ANSWER_MAX], setting[SETTING_MAX];
	const char *computed = NULL;
	int same;

	if (prompt_password("New password: ", first, sizeof(first)) < 0 ||
	    prompt_password("Retype new password: ", second, sizeof(second)) < 0)
		unchanged("no password given");
	same = strcmp(first, second) == 0;
	auth_forget(second, sizeof(second));
	if (!same)
		unchanged("Sorry, passwords do not match");
	if (first[0] == '\0')
		unchanged("No password has been supplied");
	if (make_setting(setting, sizeof(setting)) < 0) {
		auth_forget(first, sizeof(first));
		fprintf(stderr, "%s: salt: %s\n", prog, strerror(errno));
		exit(1);
	}
	computed = crypt(first, setting);
	auth_forget(first, sizeof(first));
	if (!computed || computed[0] == '*' || strlen(computed) + 1 > len) {
		fprintf(stderr, "%s: crypt: cannot hash the password\n", prog);
		exit(1);
	}
	memcpy(hash, computed, strlen(computed) + 1);
}

static void update(const struct shadow_change *change)
{
	struct shadow_error error;

	if (shadow_update(&system_shadow, change, &error) == 0)
		return;
	fprintf(stderr, "%s: %s: %s\n", prog, error.what,
		error.why ? error.why : strerror(error.err));
	exit(1);
}

int main(int argc, char **argv)
{
	struct shadow_change change = { .op = SHADOW_SET_HASH };
	char hash[HASH_MAX];
	struct passwd *pw;
	uid_t uid = getuid();
	int c;

	while ((c = getopt(argc, argv, "lu")) != -1) {
		if (c == 'l' && change.op == SHADOW_SET_HASH)
			change.op = SHADOW_LOCK;
		else if (c == 'u' && change.op == SHADOW_SET_HASH)
			change.op = SHADOW_UNLOCK;
		else
			usage();
	}
	if (argc - optind > 1)
		usage();
	pw = optind < argc ? getpwnam(argv[optind]) : getpwuid(uid);
	if (!pw) {
		if (optind < argc)
			fprintf(stderr, "%s: user '%s' does not exist\n", prog, argv[optind]);
		else
			fprintf(stderr, "%s: uid %u has no name\n", prog, (unsigned)uid);
		return 1;
	}
	if (uid != 0 && (pw->pw_uid != uid || change.op != SHADOW_SET_HASH)) {
		fprintf(stderr, "%s: %s: Permission denied\n", prog, pw->pw_name);
		return 1;
	}
	change.user = pw->pw_name;
	if (change.op == SHADOW_SET_HASH) {
		if (uid != 0)
			check_current(pw);
		new_hash(hash, sizeof(hash));
		change.hash = hash;
		change.today = days_since_epoch();
	}
	update(&change);
	if (change.op == SHADOW_SET_HASH)
		printf("%s: password updated successfully\n", prog);
	else
		printf("%s: password expiry information changed.\n", prog);
	return 0;
}
