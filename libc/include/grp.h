/* grp.h - the group database, read from /etc/group. */
#ifndef _GRP_H
#define _GRP_H

#include <sys/cdefs.h>
#include <sys/types.h>
#include <stdio.h>

__BEGIN_DECLS

struct group {
	char *gr_name;
	char *gr_passwd;
	gid_t gr_gid;
	char **gr_mem;
};

struct group *getgrnam(const char *name);
struct group *getgrgid(gid_t gid);
int getgrnam_r(const char *name, struct group *gr, char *buf, size_t len,
	       struct group **result);
int getgrgid_r(gid_t gid, struct group *gr, char *buf, size_t len,
	       struct group **result);
struct group *getgrent(void);
void setgrent(void);
void endgrent(void);
struct group *fgetgrent(FILE *stream);
int getgrouplist(const char *user, gid_t group, gid_t *groups, int *ngroups);
int initgroups(const char *user, gid_t group);

__END_DECLS

#endif /* _GRP_H */
