/*
 * pidfds (proc/pidfd.c): an open file that names a process by its struct
 * pid, so that the name cannot come to mean another process once this one
 * is gone.  pidfd_open(2) makes one; setns(2) joins its process's
 * namespaces; poll(2) says POLLIN once the process has exited.
 */
#ifndef KERNEL_PIDFD_H
#define KERNEL_PIDFD_H

struct file;
struct pid;
struct task;

/* The pid a pidfd names (not referenced: the file holds it), or NULL if
 * f is no pidfd. */
struct pid *pidfd_pid(struct file *f);
/* The process (thread-group leader) pid names, referenced (task_put), or
 * NULL once it has been reaped. */
struct task *pid_task_get(struct pid *pid);
/* A thread-group leader has exited: wake pollers of pidfds (exit.c). */
void pidfd_notify_exit(void);

#endif
