/*
 * Denials (kernel/security/denials.c): why a process was refused.  Each
 * EPERM/EACCES decided by a capability check, a seccomp rule, a mode bit or
 * a cgroup limit leaves one line naming the check, the capability or rule,
 * the namespace it was asked in and the system call, e.g.
 *   cap CAP_SYS_ADMIN in user ns 4026531837 (syscall mount)
 *   seccomp: reboot -> errno 1 (syscall reboot)
 *   mode: inode 1234 on 254:0 0640 0:42, want r, fsuid 1000 (syscall openat)
 *   cgroup pids.max of /box (syscall clone)
 * /proc/PID/denials shows the last DENIALS_SHOWN of a process, oldest
 * first; they survive exec (a process is its group leader).  Only a refusal
 * pays: the line is formatted when it is recorded, into one ring shared by
 * the system (so a flood of another process's refusals can push a
 * process's older lines out).
 */
#ifndef KERNEL_DENIALS_H
#define KERNEL_DENIALS_H

#include "types.h"

#define DENIALS_SHOWN	8	/* lines /proc/PID/denials shows */
#define DENIAL_LEN	128	/* bytes of one line, with its NUL */

struct task;

/* Record one line for current's process; " (syscall NAME)" is appended. */
void denial_record(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The last lines of t's process, oldest first, each ending in '\n', into
 * buf: the length written (cut at len - 1, NUL-terminated). */
size_t denials_read(struct task *t, char *buf, size_t len);

#endif
