/* stdlib.h - picolibc's <stdlib.h> plus the Unix calls libc/src adds. */
#ifndef _LIBC_STDLIB_H
#define _LIBC_STDLIB_H

#include_next <stdlib.h>

__BEGIN_DECLS

int clearenv(void);
int posix_openpt(int flags);
int grantpt(int fd);
int unlockpt(int fd);
char *ptsname(int fd);
int ptsname_r(int fd, char *buf, size_t len);
char *mkdtemp(char *template);

__END_DECLS

#endif /* _LIBC_STDLIB_H */
