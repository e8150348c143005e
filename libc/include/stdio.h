/* stdio.h - picolibc's tinystdio plus the POSIX calls it leaves to the OS. */
#ifndef _LIBC_STDIO_H
#define _LIBC_STDIO_H

#include_next <stdio.h>
#include <sys/types.h>

__BEGIN_DECLS

ssize_t getline(char **line, size_t *cap, FILE *stream);
ssize_t getdelim(char **line, size_t *cap, int delim, FILE *stream);
FILE *popen(const char *command, const char *mode);
int pclose(FILE *stream);
int renameat(int olddirfd, const char *oldpath, int newdirfd,
	     const char *newpath);

__END_DECLS

#endif /* _LIBC_STDIO_H */
