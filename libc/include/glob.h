/* glob.h - pathname expansion (POSIX glob). */
#ifndef _GLOB_H
#define _GLOB_H

#include <sys/cdefs.h>
#include <stddef.h>

__BEGIN_DECLS

typedef struct {
	size_t gl_pathc;
	char **gl_pathv;
	size_t gl_offs;
} glob_t;

#define GLOB_ERR       0x0001
#define GLOB_MARK      0x0002
#define GLOB_NOSORT    0x0004
#define GLOB_DOOFFS    0x0008
#define GLOB_NOCHECK   0x0010
#define GLOB_APPEND    0x0020
#define GLOB_NOESCAPE  0x0040

#define GLOB_NOSPACE   1
#define GLOB_ABORTED   2
#define GLOB_NOMATCH   3

int glob(const char *pattern, int flags,
	 int (*errfunc)(const char *path, int err), glob_t *g);
void globfree(glob_t *g);

__END_DECLS

#endif /* _GLOB_H */
