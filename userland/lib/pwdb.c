/*
 * pwdb.c - the account files' lock and atomic rewrites (pwdb.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "accounts.h"
#include "pwdb.h"

#define LOCK_FILE "/etc/.pwd.lock"
#define PATH_BUF 4096

static int lock_fd = -1;

int
pwdb_lock(void)
{
	struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET };

	lock_fd = open(sys_path(LOCK_FILE), O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
	if (lock_fd < 0)
		return -1;
	if (fcntl(lock_fd, F_SETLKW, &fl) < 0) {
		int saved = errno;
		close(lock_fd);
		lock_fd = -1;
		errno = saved;
		return -1;
	}
	return 0;
}

void
pwdb_unlock(void)
{
	if (lock_fd >= 0)
		close(lock_fd);	/* closing drops the lock */
	lock_fd = -1;
}

int
valid_account_name(const char *name)
{
	size_t len = strlen(name);

	if (len == 0 || len > ACCOUNT_NAME_MAX)
		return 0;
	if (!((name[0] >= 'a' && name[0] <= 'z') || name[0] == '_'))
		return 0;
	for (size_t i = 1; i < len; i++) {
		char c = name[i];
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    c == '_' || c == '-')
			continue;
		if (c == '$' && i == len - 1)
			continue;
		return 0;
	}
	return 1;
}

void
line_name(const char *line, char *out, size_t size)
{
	size_t len = strcspn(line, ":");

	if (len >= size)
		len = size - 1;
	memcpy(out, line, len);
	out[len] = '\0';
}

/* Copies the old file's lines through edit into out. */
static int
filter_lines(FILE *in, FILE *out, line_edit edit, void *arg)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	int r = 0;

	while (r == 0 && (len = getline(&line, &cap, in)) > 0) {
		if (line[len - 1] == '\n')
			line[len - 1] = '\0';
		r = edit(line, out, arg);
	}
	free(line);
	return r;
}

/* The new text into tmp, with old's mode and owner, synced to disk. */
static int
write_new(const char *tmp, FILE *old, const struct stat *st, line_edit edit,
	  void *arg, const char *append)
{
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	FILE *out;
	int r;

	if (fd < 0)
		return -1;
	out = fdopen(fd, "w");
	if (out == NULL) {
		close(fd);
		return -1;
	}
	r = filter_lines(old, out, edit, arg);
	if (r == 0 && append)
		fputs(append, out);
	if (fflush(out) != 0 || ferror(out))
		r = -1;
	if (r == 0 && (fchown(fd, st->st_uid, st->st_gid) < 0 ||
		       fchmod(fd, st->st_mode & 07777) < 0 || fsync(fd) < 0))
		r = -1;
	if (fclose(out) != 0)
		r = -1;
	return r;
}

int
rewrite_file(const char *path, line_edit edit, void *arg, const char *append)
{
	const char *real = sys_path(path);
	char tmp[PATH_BUF];
	struct stat st;
	FILE *old;
	int r, saved;

	snprintf(tmp, sizeof(tmp), "%s+", real);
	old = fopen(real, "r");
	if (old == NULL)
		return -1;
	if (fstat(fileno(old), &st) < 0) {
		saved = errno;
		fclose(old);
		errno = saved;
		return -1;
	}
	r = write_new(tmp, old, &st, edit, arg, append);
	saved = errno;
	fclose(old);
	if (r == 0 && rename(tmp, real) == 0)
		return 0;
	if (r == 0)
		saved = errno;
	unlink(tmp);
	errno = saved;
	return -1;
}

char *
edit_members(const char *members, const char *add, const char *remove)
{
	size_t size = strlen(members) + (add ? strlen(add) : 0) + 2;
	char *out = malloc(size), *p = out;
	int have_add = 0;

	if (out == NULL)
		return NULL;
	*out = '\0';
	for (const char *m = members; *m; ) {
		size_t n = strcspn(m, ",");
		int drop = remove && strlen(remove) == n &&
			   strncmp(m, remove, n) == 0;
		if (add && strlen(add) == n && strncmp(m, add, n) == 0)
			have_add = 1;
		if (!drop && n > 0) {
			if (p != out)
				*p++ = ',';
			memcpy(p, m, n);
			p += n;
			*p = '\0';
		}
		m += n;
		if (*m == ',')
			m++;
	}
	if (add && !have_add)
		snprintf(p, size - (size_t)(p - out), "%s%s", p != out ? "," : "", add);
	return out;
}
