/*
 * utmp.c - reading and writing the login records (utmp.h, utmpx.h).
 *
 * One file is open at a time (utmp_fd), with a read position of our own
 * (utmp_pos, used through pread/pwrite) and a copy of the record last read
 * or written (last_record, valid when have_last).  Each search holds an
 * fcntl lock on the whole file for its duration: a read lock for the
 * get* functions, a write lock for pututline, so a reader never sees half
 * a record that another process is writing.
 *
 * Which record pututline replaces follows glibc 2.36, checked against it
 * on the host (tests/libc/utmp_glibc.c): the one just read if it matches,
 * else the next match from the current position, else a new record at
 * the end.  A process record matches by ut_id when both ids are set,
 * otherwise by ut_line.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <utmp.h>
#include <utmpx.h>

#define RECORD_SIZE ((off_t)sizeof(struct utmp))

static const char default_name[] = _PATH_UTMP;
static char *utmp_name = (char *)default_name;
static int utmp_fd = -1;
static int utmp_writable;
static off_t utmp_pos;
static struct utmp last_record;
static int have_last;

static int lock_file(int fd, short type)
{
	struct flock fl = { .l_type = type, .l_whence = SEEK_SET };

	return fcntl(fd, F_SETLKW, &fl);
}

static void unlock_file(int fd)
{
	struct flock fl = { .l_type = F_UNLCK, .l_whence = SEEK_SET };

	fcntl(fd, F_SETLK, &fl);
}

/* Opens the file read-write if we may, else read-only; 0 or -1. */
static int open_utmp(void)
{
	if (utmp_fd >= 0)
		return 0;
	utmp_fd = open(utmp_name, O_RDWR | O_CLOEXEC);
	utmp_writable = utmp_fd >= 0;
	if (utmp_fd < 0)
		utmp_fd = open(utmp_name, O_RDONLY | O_CLOEXEC);
	utmp_pos = 0;
	have_last = 0;
	return utmp_fd < 0 ? -1 : 0;
}

void setutent(void)
{
	if (open_utmp() == 0) {
		utmp_pos = 0;
		have_last = 0;
	}
}

void endutent(void)
{
	if (utmp_fd >= 0)
		close(utmp_fd);
	utmp_fd = -1;
	have_last = 0;
}

int utmpname(const char *file)
{
	char *copy = strdup(file);

	if (!copy)
		return -1;
	endutent();
	if (utmp_name != default_name)
		free(utmp_name);
	utmp_name = copy;
	return 0;
}

/* Reads the record at utmp_pos into last_record and moves past it; -1 at
 * the end (a partial record at the end counts as the end).  The caller
 * holds the lock. */
static int read_next(void)
{
	ssize_t n = pread(utmp_fd, &last_record, sizeof(last_record), utmp_pos);

	if (n != RECORD_SIZE) {
		have_last = 0;
		return -1;
	}
	utmp_pos += RECORD_SIZE;
	have_last = 1;
	return 0;
}

static int is_process_type(short type)
{
	return type == INIT_PROCESS || type == LOGIN_PROCESS ||
	       type == USER_PROCESS || type == DEAD_PROCESS;
}

static int is_time_type(short type)
{
	return type == RUN_LVL || type == BOOT_TIME || type == NEW_TIME ||
	       type == OLD_TIME;
}

/* Whether record stands for the same thing as key (getutid's rule). */
static int same_entry(const struct utmp *key, const struct utmp *record)
{
	if (is_time_type(key->ut_type))
		return record->ut_type == key->ut_type;
	if (!is_process_type(record->ut_type))
		return 0;
	if (key->ut_id[0] && record->ut_id[0])
		return strncmp(key->ut_id, record->ut_id,
			       sizeof(key->ut_id)) == 0;
	return strncmp(key->ut_line, record->ut_line, UT_LINESIZE) == 0;
}

static int same_line(const struct utmp *key, const struct utmp *record)
{
	return (record->ut_type == LOGIN_PROCESS ||
		record->ut_type == USER_PROCESS) &&
	       strncmp(key->ut_line, record->ut_line, UT_LINESIZE) == 0;
}

/* Reads on from utmp_pos to the first record for which match(key, record)
 * holds; 0 with it in last_record, or -1 (ESRCH) at the end. */
static int search(const struct utmp *key,
		  int (*match)(const struct utmp *, const struct utmp *))
{
	while (read_next() == 0)
		if (!match || match(key, &last_record))
			return 0;
	errno = ESRCH;
	return -1;
}

/* The get* functions: a search under a read lock, the result copied. */
static int locked_search(const struct utmp *key,
			 int (*match)(const struct utmp *, const struct utmp *),
			 struct utmp *buf, struct utmp **result)
{
	int found;

	*result = 0;
	if (open_utmp() < 0)
		return -1;
	if (lock_file(utmp_fd, F_RDLCK) < 0)
		return -1;
	found = search(key, match);
	unlock_file(utmp_fd);
	if (found < 0)
		return -1;
	*buf = last_record;
	*result = buf;
	return 0;
}

int getutent_r(struct utmp *buf, struct utmp **result)
{
	return locked_search(0, 0, buf, result);
}

int getutid_r(const struct utmp *ut, struct utmp *buf, struct utmp **result)
{
	if (!is_time_type(ut->ut_type) && !is_process_type(ut->ut_type)) {
		*result = 0;
		errno = EINVAL;
		return -1;
	}
	return locked_search(ut, same_entry, buf, result);
}

int getutline_r(const struct utmp *ut, struct utmp *buf,
		struct utmp **result)
{
	return locked_search(ut, same_line, buf, result);
}

static struct utmp result_buf;

struct utmp *getutent(void)
{
	struct utmp *r;

	getutent_r(&result_buf, &r);
	return r;
}

struct utmp *getutid(const struct utmp *ut)
{
	struct utmp *r;

	getutid_r(ut, &result_buf, &r);
	return r;
}

struct utmp *getutline(const struct utmp *ut)
{
	struct utmp *r;

	getutline_r(ut, &result_buf, &r);
	return r;
}

/* pututline needs the file open for writing, at the same position. */
static int make_writable(void)
{
	int fd;

	if (open_utmp() < 0)
		return -1;
	if (utmp_writable)
		return 0;
	fd = open(utmp_name, O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return -1;
	close(utmp_fd);
	utmp_fd = fd;
	utmp_writable = 1;
	return 0;
}

/* Where ut goes: over the matching record, or after the last whole one. */
static off_t place_for(const struct utmp *ut)
{
	off_t end;

	if (have_last && same_entry(ut, &last_record))
		return utmp_pos - RECORD_SIZE;
	if (search(ut, same_entry) == 0)
		return utmp_pos - RECORD_SIZE;
	end = lseek(utmp_fd, 0, SEEK_END);
	if (end < 0)
		return -1;
	return end / RECORD_SIZE * RECORD_SIZE;
}

struct utmp *pututline(const struct utmp *ut)
{
	struct utmp copy = *ut;	/* ut may be our own result_buf */
	off_t at;
	ssize_t n;

	if (make_writable() < 0)
		return 0;
	if (lock_file(utmp_fd, F_WRLCK) < 0)
		return 0;
	at = place_for(&copy);
	n = at < 0 ? -1 : pwrite(utmp_fd, &copy, sizeof(copy), at);
	unlock_file(utmp_fd);
	if (n != RECORD_SIZE) {
		have_last = 0;
		if (n >= 0)
			errno = EIO;
		return 0;
	}
	last_record = copy;
	have_last = 1;
	utmp_pos = at + RECORD_SIZE;
	result_buf = copy;
	return &result_buf;
}

void updwtmp(const char *file, const struct utmp *ut)
{
	int fd = open(file, O_WRONLY | O_CLOEXEC);
	off_t end;

	if (fd < 0)
		return;
	if (lock_file(fd, F_WRLCK) < 0)
		goto out_close;
	end = lseek(fd, 0, SEEK_END);
	if (end < 0)
		goto out_unlock;
	end = end / RECORD_SIZE * RECORD_SIZE;
	/* A failed write must not leave half a record for readers to skip. */
	if (pwrite(fd, ut, sizeof(*ut), end) != RECORD_SIZE)
		ftruncate(fd, end);
out_unlock:
	unlock_file(fd);
out_close:
	close(fd);
}

/* utmpx.h: the same records under POSIX's names (the layouts are one). */
void setutxent(void)
{
	setutent();
}

void endutxent(void)
{
	endutent();
}

int utmpxname(const char *file)
{
	return utmpname(file);
}

struct utmpx *getutxent(void)
{
	return (struct utmpx *)getutent();
}

struct utmpx *getutxid(const struct utmpx *ut)
{
	return (struct utmpx *)getutid((const struct utmp *)ut);
}

struct utmpx *getutxline(const struct utmpx *ut)
{
	return (struct utmpx *)getutline((const struct utmp *)ut);
}

struct utmpx *pututxline(const struct utmpx *ut)
{
	return (struct utmpx *)pututline((const struct utmp *)ut);
}

void updwtmpx(const char *file, const struct utmpx *ut)
{
	updwtmp(file, (const struct utmp *)ut);
}
