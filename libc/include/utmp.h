/*
 * utmp.h - the login records.  /var/run/utmp holds one record per
 * terminal (who is logged in now); /var/log/wtmp is a log to which every
 * login, logout and boot appends a record.  Both are arrays of struct utmp
 * with no header.
 *
 * struct utmp is glibc's on Linux riscv64, 384 bytes.  glibc defines
 * __WORDSIZE_TIME64_COMPAT32 on riscv64 and x86-64 alike, so ut_session and
 * ut_tv are 32-bit there and the files written by 32- and 64-bit programs,
 * ours and glibc's, are the same bytes (tests/libc/abi-check compares the
 * size and every offset).
 *
 * The functions keep one open file and a position in it (not thread-safe,
 * as glibc's non-_r forms).  pututline() and updwtmp() write under an
 * fcntl write lock on the whole file.
 */
#ifndef _UTMP_H
#define _UTMP_H

#include <sys/cdefs.h>
#include <sys/types.h>
#include <stdint.h>

__BEGIN_DECLS

#ifndef _PATH_UTMP
#define _PATH_UTMP	"/var/run/utmp"
#endif
#ifndef _PATH_WTMP
#define _PATH_WTMP	"/var/log/wtmp"
#endif

#define UT_LINESIZE	32
#define UT_NAMESIZE	32
#define UT_HOSTSIZE	256

/* ut_type: what a record says. */
#define EMPTY		0	/* unused slot */
#define RUN_LVL		1	/* the run level changed */
#define BOOT_TIME	2	/* the system booted */
#define NEW_TIME	3	/* the clock was set: the time after */
#define OLD_TIME	4	/* the clock was set: the time before */
#define INIT_PROCESS	5	/* a process init started */
#define LOGIN_PROCESS	6	/* getty or login waiting for a user */
#define USER_PROCESS	7	/* a user's session leader */
#define DEAD_PROCESS	8	/* a session that ended */
#define ACCOUNTING	9

struct exit_status {
	short e_termination;	/* the signal that ended a DEAD_PROCESS */
	short e_exit;		/* its exit status */
};

/* The character fields need not end in '\0' when full. */
struct utmp {
	short ut_type;
	pid_t ut_pid;
	char ut_line[UT_LINESIZE];	/* terminal without "/dev/" */
	char ut_id[4];			/* terminal suffix or inittab id */
	char ut_user[UT_NAMESIZE];
	char ut_host[UT_HOSTSIZE];	/* remote host, or "" */
	struct exit_status ut_exit;
	int32_t ut_session;
	struct {
		int32_t tv_sec;
		int32_t tv_usec;
	} ut_tv;
	int32_t ut_addr_v6[4];
	char __glibc_reserved[20];
};

/* The older names of glibc's struct utmp. */
#define ut_name		ut_user
#define ut_time		ut_tv.tv_sec
#define ut_xtime	ut_tv.tv_sec
#define ut_addr		ut_addr_v6[0]

/* The fields glibc announces. */
#define _HAVE_UT_TYPE	1
#define _HAVE_UT_PID	1
#define _HAVE_UT_ID	1
#define _HAVE_UT_TV	1
#define _HAVE_UT_HOST	1

/* Opens (or rewinds) the current file, _PATH_UTMP unless utmpname chose. */
void setutent(void);
void endutent(void);
/* Chooses the file the next setutent opens; 0 on success, -1 if out of
 * memory. */
int utmpname(const char *file);
/* The next record, or NULL at the end (records are read into one static
 * buffer, overwritten by the next call). */
struct utmp *getutent(void);
/* The next record, from the current position, that getutid: matches by
 * ut_type for RUN_LVL, BOOT_TIME, NEW_TIME and OLD_TIME; for the process
 * types, a record of any process type with the same ut_id. */
struct utmp *getutid(const struct utmp *ut);
/* The next LOGIN_PROCESS or USER_PROCESS record with the same ut_line. */
struct utmp *getutline(const struct utmp *ut);
/* Writes ut over the record getutid would find from the start of the
 * file, or at the end if none matches; returns ut's copy, NULL on error. */
struct utmp *pututline(const struct utmp *ut);

int getutent_r(struct utmp *buf, struct utmp **result);
int getutid_r(const struct utmp *ut, struct utmp *buf, struct utmp **result);
int getutline_r(const struct utmp *ut, struct utmp *buf,
		struct utmp **result);

/* Appends ut to the log file (normally _PATH_WTMP), under a lock. */
void updwtmp(const char *file, const struct utmp *ut);

__END_DECLS

#endif /* _UTMP_H */
