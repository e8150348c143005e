/*
 * chmod: change file modes.
 *   chmod [-R] mode file ...
 * mode is octal (755) or symbolic: a comma list of [ugoa]*[+-=][rwxXst]*
 * or [ugoa]*[+-=][ugo], as POSIX describes.  Without who letters, +/-/=
 * act on all classes but leave bits set in the umask alone.
 */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define WHO_USER  (S_ISUID | S_IRWXU)
#define WHO_GROUP (S_ISGID | S_IRWXG)
#define WHO_OTHER (S_IRWXO)
#define WHO_ALL   (WHO_USER | WHO_GROUP | WHO_OTHER | S_ISVTX)

static int opt_recursive;
static mode_t saved_umask;

static void
usage(void)
{
	fprintf(stderr, "usage: chmod [-R] mode file ...\n");
	exit(1);
}

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
apply_symbolic(const char *expr, mode_t old_mode, int is_dir)
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
				bits &= ~saved_umask;
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

/* The new mode for a file of mode old; -1 on a malformed expression. */
static long
new_mode(const char *expr, mode_t old)
{
	if (is_octal(expr)) {
		unsigned long m = strtoul(expr, NULL, 8);
		return m > 07777 ? -1 : (long)m;
	}
	return apply_symbolic(expr, old, S_ISDIR(old));
}

static int change_path(const char *expr, const char *path);

static int
change_tree(const char *expr, const char *path)
{
	char child[PATH_MAX];
	struct dirent *de;
	int status = 0;
	DIR *dir = opendir(path);

	if (dir == NULL) {
		fprintf(stderr, "chmod: %s: %s\n", path, strerror(errno));
		return -1;
	}
	while ((de = readdir(dir)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		snprintf(child, sizeof(child), "%s/%s", path, de->d_name);
		if (change_path(expr, child) < 0)
			status = -1;
	}
	closedir(dir);
	return status;
}

static int
change_path(const char *expr, const char *path)
{
	struct stat st;
	long mode;

	/* Symbolic links met during -R are skipped, as GNU chmod does. */
	if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode) && opt_recursive)
		return 0;
	if (stat(path, &st) < 0) {
		fprintf(stderr, "chmod: %s: %s\n", path, strerror(errno));
		return -1;
	}
	mode = new_mode(expr, st.st_mode);
	if (chmod(path, (mode_t)mode) < 0) {
		fprintf(stderr, "chmod: %s: %s\n", path, strerror(errno));
		return -1;
	}
	if (opt_recursive && S_ISDIR(st.st_mode))
		return change_tree(expr, path);
	return 0;
}

int
main(int argc, char *argv[])
{
	int status = 0, i = 1;
	const char *expr;

	/*
	 * Parsed by hand rather than with getopt: "chmod -w file" names a
	 * mode that starts with '-', so only -R counts as an option.
	 */
	for (; i < argc && strcmp(argv[i], "-R") == 0; i++)
		opt_recursive = 1;
	if (i < argc && strcmp(argv[i], "--") == 0)
		i++;
	if (argc - i < 2)
		usage();
	expr = argv[i++];
	saved_umask = umask(0);
	umask(saved_umask);
	if (new_mode(expr, 0) < 0 || new_mode(expr, S_IFDIR) < 0) {
		fprintf(stderr, "chmod: invalid mode: '%s'\n", expr);
		usage();
	}
	for (; i < argc; i++)
		if (change_path(expr, argv[i]) < 0)
			status = 1;
	return status;
}
