/*
 * unistd.h - picolibc's <unistd.h> plus the Linux calls it does not
 * declare.  Every function declared here is implemented by libc/src.
 */
#ifndef _LIBC_UNISTD_H
#define _LIBC_UNISTD_H

#include_next <unistd.h>

__BEGIN_DECLS

extern char **environ;

int brk(void *addr);
int pipe2(int fds[2], int flags);
int dup3(int fd, int newfd, int flags);
int execvpe(const char *file, char *const argv[], char *const envp[]);
long syscall(long number, ...);
pid_t gettid(void);
int getresuid(uid_t *ruid, uid_t *euid, uid_t *suid);
int getresgid(gid_t *rgid, gid_t *egid, gid_t *sgid);
int setresuid(uid_t ruid, uid_t euid, uid_t suid);
int setresgid(gid_t rgid, gid_t egid, gid_t sgid);
int pivot_root(const char *new_root, const char *put_old);
int renameat(int olddirfd, const char *oldpath, int newdirfd,
	     const char *newpath);
int renameat2(int olddirfd, const char *oldpath, int newdirfd,
	      const char *newpath, unsigned int flags);
int ttyname_r(int fd, char *buf, size_t len);
int getentropy(void *buf, size_t len);
int gethostname(char *name, size_t len);
int sethostname(const char *name, size_t len);
int setdomainname(const char *name, size_t len);
int initgroups(const char *user, gid_t group);
int getlogin_r(char *name, size_t len);

__END_DECLS

#endif /* _LIBC_UNISTD_H */
