/* sys/prctl.h - prctl(2) and the options the system uses (linux/prctl.h). */
#ifndef _SYS_PRCTL_H
#define _SYS_PRCTL_H

#include <sys/cdefs.h>

__BEGIN_DECLS

#define PR_SET_PDEATHSIG        1
#define PR_GET_PDEATHSIG        2
#define PR_GET_DUMPABLE         3
#define PR_SET_DUMPABLE         4
#define PR_GET_KEEPCAPS         7
#define PR_SET_KEEPCAPS         8
#define PR_SET_NAME             15
#define PR_GET_NAME             16
#define PR_GET_SECCOMP          21
#define PR_SET_SECCOMP          22
#define PR_CAPBSET_READ         23
#define PR_CAPBSET_DROP         24
#define PR_GET_SECUREBITS       27
#define PR_SET_SECUREBITS       28
#define PR_SET_CHILD_SUBREAPER  36
#define PR_GET_CHILD_SUBREAPER  37
#define PR_SET_NO_NEW_PRIVS     38
#define PR_GET_NO_NEW_PRIVS     39
#define PR_CAP_AMBIENT          47
#define PR_CAP_AMBIENT_IS_SET     1
#define PR_CAP_AMBIENT_RAISE      2
#define PR_CAP_AMBIENT_LOWER      3
#define PR_CAP_AMBIENT_CLEAR_ALL  4

int prctl(int option, ...);

__END_DECLS

#endif /* _SYS_PRCTL_H */
