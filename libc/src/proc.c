/*
 * proc.c - processes: creation, waiting, identities, groups, sessions,
 * limits and namespaces.  fork and vfork are clone(2) with SIGCHLD as the
 * exit signal, as on Linux.
 */
#include <errno.h>
#include <grp.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/personality.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/times.h>
#include <sys/wait.h>
#include "syscall.h"

pid_t fork(void)
{
	return SC5(SYS_clone, SIGCHLD, 0, 0, 0, 0);
}

/* A real vfork would share our stack with the child; fork is always safe. */
pid_t vfork(void)
{
	return fork();
}

void _exit(int status)
{
	for (;;)
		__syscall1(SYS_exit_group, status);
}

void _Exit(int status)
{
	_exit(status);
}

pid_t wait(int *status)
{
	return wait4(-1, status, 0, 0);
}

pid_t waitpid(pid_t pid, int *status, int options)
{
	return wait4(pid, status, options, 0);
}

pid_t wait3(int *status, int options, struct rusage *usage)
{
	return wait4(-1, status, options, usage);
}

pid_t wait4(pid_t pid, int *status, int options, struct rusage *usage)
{
	return SC4(SYS_wait4, pid, status, options, usage);
}

int waitid(idtype_t idtype, id_t id, siginfo_t *info, int options)
{
	return SC5(SYS_waitid, idtype, id, info, options, 0);
}

pid_t getpid(void)   { return (pid_t)__syscall0(SYS_getpid); }
pid_t getppid(void)  { return (pid_t)__syscall0(SYS_getppid); }
pid_t gettid(void)   { return (pid_t)__syscall0(SYS_gettid); }
uid_t getuid(void)   { return (uid_t)__syscall0(SYS_getuid); }
uid_t geteuid(void)  { return (uid_t)__syscall0(SYS_geteuid); }
gid_t getgid(void)   { return (gid_t)__syscall0(SYS_getgid); }
gid_t getegid(void)  { return (gid_t)__syscall0(SYS_getegid); }

int setuid(uid_t uid)  { return SC1(SYS_setuid, uid); }
int setgid(gid_t gid)  { return SC1(SYS_setgid, gid); }
int seteuid(uid_t uid) { return SC3(SYS_setresuid, -1, uid, -1); }
int setegid(gid_t gid) { return SC3(SYS_setresgid, -1, gid, -1); }

int setreuid(uid_t ruid, uid_t euid)
{
	return SC2(SYS_setreuid, ruid, euid);
}

int setregid(gid_t rgid, gid_t egid)
{
	return SC2(SYS_setregid, rgid, egid);
}

int setresuid(uid_t ruid, uid_t euid, uid_t suid)
{
	return SC3(SYS_setresuid, ruid, euid, suid);
}

int setresgid(gid_t rgid, gid_t egid, gid_t sgid)
{
	return SC3(SYS_setresgid, rgid, egid, sgid);
}

int getresuid(uid_t *ruid, uid_t *euid, uid_t *suid)
{
	return SC3(SYS_getresuid, ruid, euid, suid);
}

int getresgid(gid_t *rgid, gid_t *egid, gid_t *sgid)
{
	return SC3(SYS_getresgid, rgid, egid, sgid);
}

int getgroups(int count, gid_t groups[])
{
	return SC2(SYS_getgroups, count, groups);
}

int setgroups(int count, const gid_t *groups)
{
	return SC2(SYS_setgroups, count, groups);
}

int setpgid(pid_t pid, pid_t pgid)  { return SC2(SYS_setpgid, pid, pgid); }
pid_t getpgid(pid_t pid)           { return SC1(SYS_getpgid, pid); }
pid_t getpgrp(void)                { return getpgid(0); }
int setpgrp(void)                  { return setpgid(0, 0); }
pid_t setsid(void)                 { return SC0(SYS_setsid); }
pid_t getsid(pid_t pid)            { return SC1(SYS_getsid, pid); }

/* The kernel's getpriority returns 20 - nice so the result is never < 0. */
int getpriority(int which, id_t who)
{
	long r = SC2(SYS_getpriority, which, who);

	return r < 0 ? -1 : 20 - (int)r;
}

int setpriority(int which, id_t who, int prio)
{
	return SC3(SYS_setpriority, which, who, prio);
}

int nice(int inc)
{
	int prio;

	errno = 0;
	prio = getpriority(PRIO_PROCESS, 0);
	if (prio == -1 && errno)
		return -1;
	if (setpriority(PRIO_PROCESS, 0, prio + inc) < 0)
		return -1;
	return getpriority(PRIO_PROCESS, 0);
}

int prlimit(pid_t pid, int resource, const struct rlimit *new_limit,
	    struct rlimit *old_limit)
{
	return SC4(SYS_prlimit64, pid, resource, new_limit, old_limit);
}

int getrlimit(int resource, struct rlimit *rlim)
{
	return prlimit(0, resource, 0, rlim);
}

int setrlimit(int resource, const struct rlimit *rlim)
{
	return prlimit(0, resource, rlim, 0);
}

int getrusage(int who, struct rusage *usage)
{
	return SC2(SYS_getrusage, who, usage);
}

clock_t times(struct tms *buf)
{
	return (clock_t)SC1(SYS_times, buf);
}

int sched_yield(void)
{
	return SC0(SYS_sched_yield);
}

int sched_getaffinity(pid_t pid, size_t size, cpu_set_t *set)
{
	long n = __syscall3(SYS_sched_getaffinity, pid, size, (long)set);

	if (n < 0)
		return __syscall_ret(n);
	memset((char *)set + n, 0, size - (size_t)n);
	return 0;
}

int sched_setaffinity(pid_t pid, size_t size, const cpu_set_t *set)
{
	return SC3(SYS_sched_setaffinity, pid, size, set);
}

int sched_getcpu(void)
{
	unsigned int cpu;
	long r = __syscall3(SYS_getcpu, (long)&cpu, 0, 0);

	return r < 0 ? __syscall_ret(r) : (int)cpu;
}

int sched_rr_get_interval(pid_t pid, struct timespec *tp)
{
	return SC2(SYS_sched_rr_get_interval, pid, tp);
}

int __sched_cpucount(size_t size, const cpu_set_t *set)
{
	int count = 0;

	for (size_t i = 0; i < size / sizeof(set->__bits[0]); i++)
		count += __builtin_popcountl(set->__bits[i]);
	return count;
}

int sched_getparam(pid_t pid, struct sched_param *param)
{
	return SC2(SYS_sched_getparam, pid, param);
}

int sched_setparam(pid_t pid, const struct sched_param *param)
{
	return SC2(SYS_sched_setparam, pid, param);
}

int sched_getscheduler(pid_t pid)
{
	return SC1(SYS_sched_getscheduler, pid);
}

int sched_setscheduler(pid_t pid, int policy, const struct sched_param *param)
{
	return SC3(SYS_sched_setscheduler, pid, policy, param);
}

int sched_get_priority_max(int policy)
{
	return SC1(SYS_sched_get_priority_max, policy);
}

int sched_get_priority_min(int policy)
{
	return SC1(SYS_sched_get_priority_min, policy);
}

int personality(unsigned long persona)
{
	return SC1(SYS_personality, (unsigned int)persona);
}

int unshare(int flags)
{
	return SC1(SYS_unshare, flags);
}

int setns(int fd, int nstype)
{
	return SC2(SYS_setns, fd, nstype);
}

int pivot_root(const char *new_root, const char *put_old)
{
	return SC2(SYS_pivot_root, new_root, put_old);
}

int prctl(int option, ...)
{
	va_list ap;
	long a2, a3, a4, a5;

	va_start(ap, option);
	a2 = va_arg(ap, long);
	a3 = va_arg(ap, long);
	a4 = va_arg(ap, long);
	a5 = va_arg(ap, long);
	va_end(ap);
	return SC5(SYS_prctl, option, a2, a3, a4, a5);
}

