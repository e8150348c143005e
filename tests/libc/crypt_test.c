/*
 * crypt_test.c - host test: libc/src/crypt.c (built natively, renamed
 * our_crypt) must produce exactly what glibc's crypt() does for "$6$"
 * settings, valid and invalid.  Prints PASS/FAIL lines.
 */
#include <crypt.h>
#include <stdio.h>
#include <string.h>

char *our_crypt(const char *key, const char *setting);

static const char *const keys[] = {
	"", "a", "pw", "correct horse battery staple",
	"0123456789012345678901234567890123456789012345678901234567890123",
	"a password longer than one sixty-four byte digest, to repeat it....",
};

static const char *const settings[] = {
	"$6$saltsalt$", "$6$", "$6$x", "$6$rounds=1000$abc$",
	"$6$rounds=5000$abc$", "$6$rounds=1234$./ZZzz09$",
	"$6$0123456789abcdefXYZ$", "$6$x/y.Z$tail-ignored",
	"$6$rounds=10$short", "$6$rounds=0999$x", "$6$rounds=abc$x",
	"$6$rounds=1000", "$6$a:b$", "$6$a b$", "*0", "$1$md5salt$",
};

int main(void)
{
	char name[64], theirs[256], *ours;
	const char *t;
	size_t i, j;

	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		for (j = 0; j < sizeof(settings) / sizeof(settings[0]); j++) {
			snprintf(name, sizeof(name), "crypt-k%zu-s%zu", i, j);
			t = crypt(keys[i], settings[j]);
			snprintf(theirs, sizeof(theirs), "%s", t ? t : "(null)");
			/* we implement only "$6$": other schemes must fail */
			if (strncmp(settings[j], "$1$", 3) == 0)
				strcpy(theirs, "*0");
			ours = our_crypt(keys[i], settings[j]);
			if (strcmp(theirs, ours) == 0)
				printf("PASS %s\n", name);
			else
				printf("FAIL %s: setting %s: glibc %s, ours %s\n",
				       name, settings[j], theirs, ours);
		}
	}
	return 0;
}
