/*
 * modeexpr.c - mode expressions as chmod takes them: octal (755) or a
 * comma list of [ugoa]*[+-=][rwxXst]* or [ugoa]*[+-=][ugo] (POSIX chmod).
 * Used by chmod and by find -perm.  Shared by the guest and host builds
 * (userland/userland.mk).
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "modeexpr.h"

#define WHO_USER  (S_ISUID | S_IRWXU)
#define WHO_GROUP (S_ISGID | S_IRWXG)
#define WHO_OTHER (S_IRWXO)
#define WHO_ALL   (WHO_USER | WHO_GROUP | WHO_OTHER | S_ISVTX)

/* Permission bits of "rwx" for every class in who. */
static mode_t
bits_for(char perm, mode_t who)
{
	switch (perm) {
	case 'r': return who & (S_IRUSR | S_IRGRP | S_IROTH);
	case 'w': return who & (S_IWUSR | S_IWGRP | S_IWOTH);
	case 'x': return who & (S_IXUSR | S_IXGRP | S_IXOTH);
	case 's': return who & (S_ISUID | S_ISGID);
	case 't': return S_ISVTX;
	}
	return 0;
}

/* Copy one class's rwx (u, g or o) of mode to every class in who. */
static mode_t
copy_class(char from, mode_t mode, mode_t who)
{
	mode_t rwx;

	switch (from) {
	case 'u': rwx = (mode >> 6) & 7; break;
	case 'g': rwx = (mode >> 3) & 7; break;
	default:  rwx = mode & 7; break;
	}
	return who & ((rwx << 6) | (rwx << 3) | rwx);
}

/*
 * Apply a symbolic mode to old_mode.  Returns the new mode, or -1 if the
 * expression is malformed.  is_dir decides what 'X' means.
 */
static long
apply_symbolic(const char *expr, mode_t old_mode, int is_dir, mode_t umask_bits)
{
	mode_t mode = old_mode & 07777;
	const char *p = expr;

	for (;;) {
		mode_t who = 0;
		int masked;

		for (; strchr("ugoa", *p) && *p; p++) {
			switch (*p) {
			case 'u': who |= WHO_USER; break;
			case 'g': who |= WHO_GROUP; break;
			case 'o': who |= WHO_OTHER; break;
			case 'a': who |= WHO_ALL; break;
			}
		}
		masked = who == 0;
		if (masked)
			who = WHO_ALL;
		if (*p != '+' && *p != '-' && *p != '=')
			return -1;
		while (*p == '+' || *p == '-' || *p == '=') {
			char op = *p++;
			mode_t bits = 0;

			if (*p && strchr("ugo", *p)) {
				bits = copy_class(*p++, mode, who);
			} else {
				for (; *p && strchr("rwxXst", *p); p++) {
					if (*p == 'X') {
						if (is_dir || (mode & (S_IXUSR | S_IXGRP | S_IXOTH)))
							bits |= bits_for('x', who);
					} else
						bits |= bits_for(*p, who);
				}
			}
			if (masked)
				bits &= ~umask_bits;
			switch (op) {
			case '+': mode |= bits; break;
			case '-': mode &= ~bits; break;
			case '=':
				/* '=' clears the named classes (set-id bits of dirs kept). */
				mode &= ~(who & ~(is_dir ? (S_ISUID | S_ISGID) : 0));
				mode |= bits;
				break;
			}
		}
		if (*p == '\0')
			return mode;
		if (*p++ != ',')
			return -1;
	}
}

static int
is_octal(const char *s)
{
	return *s && strspn(s, "01234567") == strlen(s);
}

long
mode_apply(const char *expr, mode_t old, mode_t umask_bits)
{
	if (is_octal(expr)) {
		unsigned long m = strtoul(expr, NULL, 8);
		return m > 07777 ? -1 : (long)m;
	}
	return apply_symbolic(expr, old, S_ISDIR(old), umask_bits);
}
