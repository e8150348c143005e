/* shadow.h - the shadow password database, read from /etc/shadow. */
#ifndef _SHADOW_H
#define _SHADOW_H

#include <sys/cdefs.h>
#include <stdio.h>

__BEGIN_DECLS

struct spwd {
	char *sp_namp;
	char *sp_pwdp;
	long sp_lstchg;
	long sp_min;
	long sp_max;
	long sp_warn;
	long sp_inact;
	long sp_expire;
	unsigned long sp_flag;
};

struct spwd *getspnam(const char *name);
struct spwd *getspent(void);
void setspent(void);
void endspent(void);
struct spwd *fgetspent(FILE *stream);
int putspent(const struct spwd *sp, FILE *stream);

/* The lock on the user databases (/etc/.pwd.lock, waits up to 15 s). */
int lckpwdf(void);
int ulckpwdf(void);

__END_DECLS

#endif /* _SHADOW_H */
