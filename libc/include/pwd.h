/* pwd.h - the password database, read from /etc/passwd. */
#ifndef _PWD_H
#define _PWD_H

#include <sys/cdefs.h>
#include <sys/types.h>
#include <stdio.h>

__BEGIN_DECLS

struct passwd {
	char *pw_name;
	char *pw_passwd;
	uid_t pw_uid;
	gid_t pw_gid;
	char *pw_gecos;
	char *pw_dir;
	char *pw_shell;
};

struct passwd *getpwnam(const char *name);
struct passwd *getpwuid(uid_t uid);
int getpwnam_r(const char *name, struct passwd *pw, char *buf, size_t len,
	       struct passwd **result);
int getpwuid_r(uid_t uid, struct passwd *pw, char *buf, size_t len,
	       struct passwd **result);
struct passwd *getpwent(void);
void setpwent(void);
void endpwent(void);
struct passwd *fgetpwent(FILE *stream);
int putpwent(const struct passwd *pw, FILE *stream);

__END_DECLS

#endif /* _PWD_H */
