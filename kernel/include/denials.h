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
 * first; they survive exec and are the process's own (kept with its
 * signal_struct, freed with it), so a flood of another process's refusals
 * cannot push them out.  Only a refusal pays: the ring is made at the
 * process's first one, and the line is formatted when it is recorded.
 */
#ifndef KERNEL_DENIALS_H
#define KERNEL_DENIALS_H

#include "types.h"

#define DENIALS_SHOWN	8	/* lines /proc/PID/denials shows */
#define DENIAL_LEN	128	/* bytes of one line, with its NUL */

struct task;
struct denials;		/* a process's lines: signal_struct->denials */

/* Record one line for current's process; " (syscall NAME)" is appended. */
void denial_record(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The last lines of t's process, oldest first, each ending in '\n', into
 * buf: the length written (cut at len - 1, NUL-terminated). */
size_t denials_read(struct task *t, char *buf, size_t len);
/* The process's signal_struct goes: its lines go with it (NULL: none). */
void denials_free(struct denials *d);

#endif
