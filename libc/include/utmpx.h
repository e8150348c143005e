/*
 * utmpx.h - POSIX's names for the login records of utmp.h.  On Linux
 * struct utmpx is struct utmp field for field (384 bytes), and these
 * functions work on the same file: _PATH_UTMP unless utmpxname chose.
 */
#ifndef _UTMPX_H
#define _UTMPX_H

#include <utmp.h>

__BEGIN_DECLS

#define __UT_LINESIZE	UT_LINESIZE
#define __UT_NAMESIZE	UT_NAMESIZE
#define __UT_HOSTSIZE	UT_HOSTSIZE

struct utmpx {
	short ut_type;
	pid_t ut_pid;
	char ut_line[UT_LINESIZE];
	char ut_id[4];
	char ut_user[UT_NAMESIZE];
	char ut_host[UT_HOSTSIZE];
	struct exit_status ut_exit;
	int32_t ut_session;
	struct {
		int32_t tv_sec;
		int32_t tv_usec;
	} ut_tv;
	int32_t ut_addr_v6[4];
	char __glibc_reserved[20];
};

void setutxent(void);
void endutxent(void);
int utmpxname(const char *file);
struct utmpx *getutxent(void);
struct utmpx *getutxid(const struct utmpx *ut);
struct utmpx *getutxline(const struct utmpx *ut);
struct utmpx *pututxline(const struct utmpx *ut);
void updwtmpx(const char *file, const struct utmpx *ut);

__END_DECLS

#endif /* _UTMPX_H */
