/* limits.h - picolibc's limits with Linux's file-system and exec limits. */
#ifndef _LIBC_LIMITS_H
#define _LIBC_LIMITS_H

#include_next <limits.h>

#undef PATH_MAX
#undef NAME_MAX
#undef ARG_MAX
#undef NGROUPS_MAX
#undef PIPE_BUF
#undef LOGIN_NAME_MAX
#undef HOST_NAME_MAX
#undef TTY_NAME_MAX

#define PATH_MAX        4096
#define NAME_MAX        255
#define ARG_MAX         131072
#define NGROUPS_MAX     65536
#define PIPE_BUF        4096
#define LOGIN_NAME_MAX  256
#define HOST_NAME_MAX   64
#define TTY_NAME_MAX    32

#endif /* _LIBC_LIMITS_H */
