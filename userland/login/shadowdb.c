/*
 * shadowdb.c - rewriting the shadow file under its lock (see shadowdb.h),
 * and the pieces of a new entry: the salt and the day of the change.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <shadow.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "auth.h"
#include "shadowdb.h"

#define SECONDS_PER_DAY (24L * 60 * 60)
#define SHADOW_FIELDS 9
#define SHADOW_LINE_MAX 1024
#define URANDOM "/dev/urandom"

const struct shadow_files system_shadow = {
	.path = SHADOW_PATH,
	.new_path = "/etc/nshadow",
	.lock = lckpwdf,
	.unlock = ulckpwdf,
};

/* The characters of a crypt salt: 64 of them, so byte % 64 is unbiased. */
static const char salt_chars[] =
	"./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

long days_since_epoch(void)
{
	return (long)(time(NULL) / SECONDS_PER_DAY);
}

static int random_bytes(unsigned char *buf, size_t len)
{
	ssize_t got;
	int fd;

	if (getentropy(buf, len) == 0)
		return 0;
	fd = open(URANDOM, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	got = read(fd, buf, len);
	close(fd);
	if (got != (ssize_t)len) {
		if (got >= 0)
			errno = EIO;
		return -1;
	}
	return 0;
}

int make_setting(char *setting, unsigned long size)
{
	unsigned char rnd[SALT_LEN];
	char salt[SALT_LEN + 1];
	int i;

	if (size < SETTING_MAX) {
		errno = ERANGE;
		return -1;
	}
	if (random_bytes(rnd, sizeof(rnd)) < 0)
		return -1;
	for (i = 0; i < SALT_LEN; i++)
		salt[i] = salt_chars[rnd[i] % 64];
	salt[SALT_LEN] = '\0';
	snprintf(setting, size, "$6$%s$", salt);
	return 0;
}

static int fail(struct shadow_error *error, const char *what, const char *why)
{
	error->what = what;
	error->why = why;
	error->err = errno;
	return -1;
}

/* Is line the entry of user? */
static int is_entry_of(const char *line, const char *user)
{
	size_t n = strlen(user);

	return strncmp(line, user, n) == 0 && line[n] == ':';
}

/* The changed hash for old under change, in buf; NULL with *why if refused. */
static const char *changed_hash(const char *old, const struct shadow_change *change,
				char *buf, size_t len, const char **why)
{
	switch (change->op) {
	case SHADOW_SET_HASH:
		return change->hash;
	case SHADOW_LOCK:
		if (old[0] == '!')
			return old;
		snprintf(buf, len, "!%s", old);
		return buf;
	case SHADOW_UNLOCK:
		if (old[0] != '!')
			return old;
		if (old[1] == '\0') {
			*why = "unlocking the password would leave the account without one";
			return NULL;
		}
		return old + 1;
	}
	*why = "unknown change";
	return NULL;
}

/* Writes line, the entry of change->user, changed.  0 or -1 with *why. */
static int put_changed_entry(FILE *out, char *line,
			     const struct shadow_change *change, const char **why)
{
	char *field[SHADOW_FIELDS], buf[HASH_MAX + 1];
	const char *hash;
	int n = 0, i;

	line[strcspn(line, "\n")] = '\0';
	field[n++] = line;
	while (n < SHADOW_FIELDS && (line = strchr(line, ':')) != NULL) {
		*line++ = '\0';
		field[n++] = line;
	}
	if (n < 3) {
		*why = "malformed entry";
		return -1;
	}
	hash = changed_hash(field[1], change, buf, sizeof(buf), why);
	if (!hash)
		return -1;
	if (fprintf(out, "%s:%s:", field[0], hash) < 0)
		return -1;
	if (change->op == SHADOW_SET_HASH) {
		if (fprintf(out, "%ld", change->today) < 0)
			return -1;
	} else if (fputs(field[2], out) < 0) {
		return -1;
	}
	for (i = 3; i < n; i++)
		if (fprintf(out, ":%s", field[i]) < 0)
			return -1;
	return fputc('\n', out) < 0 ? -1 : 0;
}

/* Copies in to out with change applied; 0, or -1 with *error. */
static int copy_changed(FILE *in, FILE *out, const struct shadow_change *change,
			struct shadow_error *error)
{
	char line[SHADOW_LINE_MAX];
	const char *why = NULL;
	int found = 0, at_start = 1;

	/* A line longer than the buffer comes in pieces, copied as they are. */
	while (fgets(line, sizeof(line), in)) {
		if (at_start && !found && is_entry_of(line, change->user)) {
			found = 1;
			if (!strchr(line, '\n') && strlen(line) + 1 == sizeof(line)) {
				errno = E2BIG;
				return fail(error, change->user, "entry too long");
			}
			if (put_changed_entry(out, line, change, &why) < 0)
				return fail(error, why ? change->user : "write", why);
		} else if (fputs(line, out) < 0) {
			return fail(error, "write", NULL);
		}
		at_start = strchr(line, '\n') != NULL;
	}
	if (ferror(in))
		return fail(error, "read", NULL);
	if (!found) {
		errno = ENOENT;
		return fail(error, change->user, "no entry in the shadow file");
	}
	return 0;
}

/* Creates the new file with the old one's owner, mode 0600. */
static FILE *create_new(const struct shadow_files *files, FILE *old,
			struct shadow_error *error)
{
	struct stat st;
	FILE *out;
	int fd;

	if (fstat(fileno(old), &st) < 0) {
		fail(error, files->path, NULL);
		return NULL;
	}
	/* We hold the lock: a file left there is a dead writer's. */
	unlink(files->new_path);
	fd = open(files->new_path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0) {
		fail(error, files->new_path, NULL);
		return NULL;
	}
	if (fchown(fd, st.st_uid, st.st_gid) < 0 ||
	    fchmod(fd, S_IRUSR | S_IWUSR) < 0 ||
	    (out = fdopen(fd, "w")) == NULL) {
		fail(error, files->new_path, NULL);
		close(fd);
		unlink(files->new_path);
		return NULL;
	}
	return out;
}

/* Writes the new file in full, then puts it in place of the old one. */
static int replace_file(const struct shadow_files *files,
			const struct shadow_change *change,
			struct shadow_error *error)
{
	FILE *old, *out;
	int ret;

	old = fopen(files->path, "re");
	if (!old)
		return fail(error, files->path, NULL);
	out = create_new(files, old, error);
	if (!out) {
		fclose(old);
		return -1;
	}
	ret = copy_changed(old, out, change, error);
	fclose(old);
	if (ret == 0 && fflush(out) != 0)
		ret = fail(error, files->new_path, NULL);
	if (ret == 0 && fsync(fileno(out)) < 0)
		ret = fail(error, files->new_path, NULL);
	if (fclose(out) != 0 && ret == 0)
		ret = fail(error, files->new_path, NULL);
	if (ret == 0 && rename(files->new_path, files->path) < 0)
		ret = fail(error, files->path, NULL);
	if (ret < 0)
		unlink(files->new_path);
	return ret;
}

int shadow_update(const struct shadow_files *files,
		  const struct shadow_change *change, struct shadow_error *error)
{
	sigset_t all, old_mask;
	int ret;

	/* A signal must not stop us between the lock and its release. */
	sigfillset(&all);
	sigprocmask(SIG_BLOCK, &all, &old_mask);
	if (files->lock() < 0) {
		ret = fail(error, "cannot lock the password files", NULL);
	} else {
		ret = replace_file(files, change, error);
		files->unlock();
	}
	sigprocmask(SIG_SETMASK, &old_mask, NULL);
	if (ret < 0)
		errno = error->err;
	return ret;
}
