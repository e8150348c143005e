/*
 * Small process and system calls: identities, names, time, sleeping,
 * randomness, limits, the kernel log, set_tid_address.
 */
#include "proc.h"
#include "ns.h"
#include "cred.h"
#include "seccomp.h"
#include "signal.h"
#include "timer.h"
#include "random.h"
#include "uaccess.h"
#include "string.h"
#include "printk.h"
#include "mm.h"
#include "kmalloc.h"
#include <linux/time.h>
#include <linux/resource.h>
#include <linux/random.h>
#include <linux/capability.h>
#include <linux/prctl.h>

long sys_getpid(void) { return task_tgid_vnr(current); }
long sys_gettid(void) { return task_pid_vnr(current); }
/* Ids as the caller's user namespace names them (see user_ns.h). */
long sys_getuid(void) { return from_kuid_munged(current_user_ns(), current->cred->uid); }
long sys_geteuid(void) { return from_kuid_munged(current_user_ns(), current->cred->euid); }
long sys_getgid(void) { return from_kgid_munged(current_user_ns(), current->cred->gid); }
long sys_getegid(void) { return from_kgid_munged(current_user_ns(), current->cred->egid); }

/* The parent's pid is kept referenced in the child and changed only by
 * its own reparenting, so no lock is needed to read it. */
long sys_getppid(void)
{
	struct pid *pp = READ_ONCE(current->group_leader->parent_pid);
	struct pid *me = current->pid;		/* a user task always has one */
	return pp ? pid_nr_ns(pp, me->numbers[me->level].ns) : 0;
}

long sys_set_tid_address(int __user *tidptr)
{
	current->clear_child_tid = tidptr;
	return task_pid_vnr(current);
}

long sys_set_robust_list(void __user *head, size_t len)
{
	return len == 24 ? 0 : -EINVAL;
}

/* Linux's rule: 0xffffffff only asks; anything else is taken as is (the
 * kernel acts on ADDR_NO_RANDOMIZE alone, at the next exec).  The argument
 * comes as a full register: a C unsigned int parameter would be assumed
 * sign-extended (the riscv64 calling convention), which user code need
 * not have done, so it is cut to 32 bits here. */
long sys_personality(unsigned long arg)
{
	unsigned int persona = (unsigned int)arg;
	unsigned int old = current->personality;
	if (persona != 0xffffffff)
		current->personality = persona;
	return old;
}

long sys_uname(struct new_utsname __user *u)
{
	struct new_utsname n;
	uts_get_name(&n);
	return copy_to_user(u, &n, sizeof(n)) ? -EFAULT : 0;
}

static long set_uts(int which, const char __user *uname, int len)
{
	char buf[__NEW_UTS_LEN + 1];
	if (!ns_capable(current->nsproxy->uts_ns->user_ns, CAP_SYS_ADMIN))
		return -EPERM;
	if (len < 0 || len > __NEW_UTS_LEN)
		return -EINVAL;
	if (copy_from_user(buf, uname, len))
		return -EFAULT;
	return uts_set_field(which, buf, len);
}

long sys_sethostname(const char __user *name, int len) { return set_uts(0, name, len); }
long sys_setdomainname(const char __user *name, int len) { return set_uts(1, name, len); }

long sys_clock_gettime(int clk, struct timespec64 __user *uts)
{
	uint64_t ns;
	switch (clk) {
	case CLOCK_REALTIME:
	case CLOCK_REALTIME_COARSE:
		ns = realtime_ns();
		break;
	case CLOCK_MONOTONIC:
	case CLOCK_MONOTONIC_RAW:
	case CLOCK_MONOTONIC_COARSE:
	case CLOCK_BOOTTIME:
		ns = timer_now_ns();
		break;
	case CLOCK_PROCESS_CPUTIME_ID:
	case CLOCK_THREAD_CPUTIME_ID:
		ns = (current->utime + current->stime) * TICK_NSEC;
		break;
	default:
		return -EINVAL;
	}
	struct timespec64 ts = { ns / 1000000000ull, ns % 1000000000ull };
	return copy_to_user(uts, &ts, sizeof(ts)) ? -EFAULT : 0;
}

long sys_clock_getres(int clk, struct timespec64 __user *uts)
{
	if (clk < 0 || clk > CLOCK_BOOTTIME)
		return -EINVAL;
	struct timespec64 ts = { 0, 100 };
	return uts && copy_to_user(uts, &ts, sizeof(ts)) ? -EFAULT : 0;
}

long sys_gettimeofday(struct timeval __user *tv, void __user *tz)
{
	uint64_t ns = realtime_ns();
	struct { long sec, usec; } t = { ns / 1000000000ull, ns % 1000000000ull / 1000 };
	return tv && copy_to_user(tv, &t, sizeof(t)) ? -EFAULT : 0;
}

static long do_nanosleep(uint64_t deadline, struct timespec64 __user *rem)
{
	int err = sleep_until(deadline, true);
	if (err && rem) {
		uint64_t now = timer_now_ns(), left = deadline > now ? deadline - now : 0;
		struct timespec64 r = { left / 1000000000ull, left % 1000000000ull };
		if (copy_to_user(rem, &r, sizeof(r)))
			return -EFAULT;
	}
	return err;
}

long sys_nanosleep(const struct timespec64 __user *ureq, struct timespec64 __user *rem)
{
	struct timespec64 req;
	int err = timespec_from_user(&req, ureq);
	if (err)
		return err;
	return do_nanosleep(timer_now_ns() + timespec_to_ns(&req), rem);
}

long sys_clock_nanosleep(int clk, int flags, const struct timespec64 __user *ureq,
			 struct timespec64 __user *rem)
{
	struct timespec64 req;
	if (clk != CLOCK_REALTIME && clk != CLOCK_MONOTONIC && clk != CLOCK_BOOTTIME)
		return -EINVAL;
	int err = timespec_from_user(&req, ureq);
	if (err)
		return err;
	uint64_t ns = timespec_to_ns(&req);
	if (flags & TIMER_ABSTIME) {
		if (clk == CLOCK_REALTIME) {
			uint64_t now = realtime_ns();
			ns = ns > now ? timer_now_ns() + (ns - now) : 0;
		}
		return do_nanosleep(ns, NULL);
	}
	return do_nanosleep(timer_now_ns() + ns, rem);
}

long sys_sched_yield(void)
{
	yield();
	return 0;
}

long sys_getrandom(void __user *ubuf, size_t len, unsigned int flags)
{
	if (flags & ~(GRND_NONBLOCK | GRND_RANDOM | GRND_INSECURE))
		return -EINVAL;
	char tmp[256];
	size_t done = 0;
	while (done < len) {
		size_t n = MIN(len - done, sizeof(tmp));
		get_random_bytes(tmp, n);
		if (copy_to_user((char *)ubuf + done, tmp, n))
			return done ? (long)done : -EFAULT;
		done += n;
		if (done < len && signal_pending_current())
			break;
	}
	return done;
}

static const uint64_t default_rlim[RLIM_NLIMITS][2] = {
	[RLIMIT_STACK] = { 8 << 20, RLIM_INFINITY },
	[RLIMIT_NOFILE] = { 1024, 1024 },
	[RLIMIT_NPROC] = { 4096, 4096 },
	[RLIMIT_CORE] = { 0, RLIM_INFINITY },
	[RLIMIT_MSGQUEUE] = { 819200, 819200 },	/* Linux's MQ_BYTES_MAX */
};

void rlimits_init(struct signal_struct *sig)
{
	for (int i = 0; i < RLIM_NLIMITS; i++) {
		bool set = default_rlim[i][1] != 0;
		sig->rlim_cur[i] = set ? default_rlim[i][0] : RLIM_INFINITY;
		sig->rlim_max[i] = set ? default_rlim[i][1] : RLIM_INFINITY;
	}
}

long sys_prlimit64(pid_t pid, unsigned int res, const struct rlimit64 __user *unew,
		   struct rlimit64 __user *uold)
{
	if (res >= RLIM_NLIMITS)
		return -EINVAL;
	if (pid && pid != task_tgid_vnr(current))
		return -ESRCH;	/* other processes' limits: not yet */
	struct signal_struct *sig = current->signal;
	struct rlimit64 old = { sig->rlim_cur[res], sig->rlim_max[res] };
	if (unew) {
		struct rlimit64 n;
		if (copy_from_user(&n, unew, sizeof(n)))
			return -EFAULT;
		if (n.rlim_cur > n.rlim_max)
			return -EINVAL;
		if (n.rlim_max > old.rlim_max && !capable(CAP_SYS_RESOURCE))
			return -EPERM;
		sig->rlim_cur[res] = n.rlim_cur;
		sig->rlim_max[res] = n.rlim_max;
	}
	return uold && copy_to_user(uold, &old, sizeof(old)) ? -EFAULT : 0;
}

long sys_getrusage(int who, struct rusage __user *uru)
{
	struct rusage ru;
	memset(&ru, 0, sizeof(ru));
	uint64_t ut, st;
	if (who == RUSAGE_SELF || who == RUSAGE_THREAD) {
		ut = current->utime;
		st = current->stime;
	} else if (who == RUSAGE_CHILDREN) {
		ut = current->signal->cutime;
		st = current->signal->cstime;
	} else {
		return -EINVAL;
	}
	ru.ru_utime.tv_sec = ut / HZ;
	ru.ru_utime.tv_usec = ut % HZ * (USEC_PER_SEC / HZ);
	ru.ru_stime.tv_sec = st / HZ;
	ru.ru_stime.tv_usec = st % HZ * (USEC_PER_SEC / HZ);
	return copy_to_user(uru, &ru, sizeof(ru)) ? -EFAULT : 0;
}

long sys_times(void __user *ubuf)
{
	struct { long utime, stime, cutime, cstime; } t = {
		current->utime, current->stime, current->signal->cutime, current->signal->cstime };
	if (ubuf && copy_to_user(ubuf, &t, sizeof(t)))
		return -EFAULT;
	return timer_now_ns() / TICK_NSEC;
}

#define SYSLOG_ACTION_READ_ALL		3
#define SYSLOG_ACTION_READ_CLEAR	4
#define SYSLOG_ACTION_CLEAR		5
#define SYSLOG_ACTION_CONSOLE_OFF	6
#define SYSLOG_ACTION_CONSOLE_ON	7
#define SYSLOG_ACTION_CONSOLE_LEVEL	8
#define SYSLOG_ACTION_SIZE_UNREAD	9
#define SYSLOG_ACTION_SIZE_BUFFER	10

/* As Linux with dmesg_restrict off: anyone may read the log and its size;
 * clearing it and the console level need CAP_SYSLOG. */
long sys_syslog(int type, char __user *ubuf, int len)
{
	if (type >= SYSLOG_ACTION_READ_CLEAR && type <= SYSLOG_ACTION_SIZE_UNREAD &&
	    !capable(CAP_SYSLOG))
		return -EPERM;
	switch (type) {
	case SYSLOG_ACTION_READ_ALL:
	case SYSLOG_ACTION_READ_CLEAR: {
		if (len < 0)
			return -EINVAL;
		char *buf = kmalloc(klog_size() + 1);
		if (!buf)
			return -ENOMEM;
		size_t n = klog_read_all(buf, MIN((size_t)len, klog_size()));
		long ret = copy_to_user(ubuf, buf, n) ? -EFAULT : (long)n;
		kfree(buf);
		if (type == SYSLOG_ACTION_READ_CLEAR && ret >= 0)
			klog_clear();
		return ret;
	}
	case SYSLOG_ACTION_CLEAR:
		klog_clear();
		return 0;
	case SYSLOG_ACTION_CONSOLE_OFF:
	case SYSLOG_ACTION_CONSOLE_ON:
		console_set_enabled(type == SYSLOG_ACTION_CONSOLE_ON);
		return 0;
	case SYSLOG_ACTION_CONSOLE_LEVEL:
		if (len < 1 || len > 8)
			return -EINVAL;
		WRITE_ONCE(console_loglevel, MAX(len, READ_ONCE(minimum_console_loglevel)));
		return 0;
	case SYSLOG_ACTION_SIZE_UNREAD:
	case SYSLOG_ACTION_SIZE_BUFFER:
		return klog_size();
	case 0: case 1: case 2:
		return 0;
	}
	return -EINVAL;
}

long sys_sysinfo(void __user *uinfo)
{
	struct {
		long uptime;
		unsigned long loads[3], totalram, freeram, sharedram, bufferram, totalswap,
			freeswap;
		unsigned short procs, pad;
		unsigned long totalhigh, freehigh;
		unsigned int mem_unit;
		char f[0];
	} info;
	memset(&info, 0, sizeof(info));
	info.uptime = timer_now_ns() / 1000000000ull;
	info.totalram = nr_total_pages() * PAGE_SIZE;
	info.freeram = nr_free_pages() * PAGE_SIZE;
	info.mem_unit = 1;
	return copy_to_user(uinfo, &info, sizeof(info)) ? -EFAULT : 0;
}

/* Process groups and sessions (the POSIX rules). */
static void change_pid(struct task *t, enum pid_type type, struct pid *newp)
{
	struct pid **slot = type == PIDTYPE_PGID ? &t->signal->pgrp : &t->signal->session;
	struct pid *old = *slot;
	spin_lock(&pidmap_lock);
	list_del(&t->pid_links[type]);
	list_add_tail(&t->pid_links[type], &newp->tasks[type]);
	spin_unlock(&pidmap_lock);
	*slot = get_pid(newp);
	put_pid(old);
}

long sys_setpgid(pid_t pid, pid_t pgid)
{
	struct pid_namespace *ns = task_active_pid_ns(current);
	struct task *self = current->group_leader;
	if (pgid < 0 || pid < 0)
		return -EINVAL;
	spin_lock(&tasklist_lock);
	struct task *t = pid ? find_task_by_vpid(pid) : self;
	long err = 0;
	if (!t || (t != self && t->parent != self)) {
		err = -ESRCH;
	} else if (t != self && t->exec_done) {
		err = -EACCES;
	} else if (t->signal->session != self->signal->session) {
		err = -EPERM;
	} else if (t->signal->session == t->pid) {
		err = -EPERM;	/* a session leader */
	}
	if (!err) {
		if (!pgid)
			pgid = pid_nr_ns(t->pid, ns);
		spin_lock(&pidmap_lock);
		struct pid *pg = find_pid_ns(pgid, ns);
		spin_unlock(&pidmap_lock);
		if (!pg)
			err = -EPERM;
		else if (pg != t->pid) {
			bool exists = false;
			struct task *m;
			spin_lock(&pidmap_lock);
			list_for_each_entry(m, &pg->tasks[PIDTYPE_PGID], pid_links[PIDTYPE_PGID])
				if (m->signal->session == self->signal->session)
					exists = true;
			spin_unlock(&pidmap_lock);
			if (!exists)
				err = -EPERM;
		}
		if (!err && pg != t->signal->pgrp)
			change_pid(t, PIDTYPE_PGID, pg);
	}
	spin_unlock(&tasklist_lock);
	return err;
}

long sys_getpgid(pid_t pid)
{
	struct task *t = pid ? find_task_by_vpid(pid) : current;
	if (!t)
		return -ESRCH;
	return pid_nr_ns(t->signal->pgrp, task_active_pid_ns(current));
}

long sys_getsid(pid_t pid)
{
	struct task *t = pid ? find_task_by_vpid(pid) : current;
	if (!t)
		return -ESRCH;
	return pid_nr_ns(t->signal->session, task_active_pid_ns(current));
}

long sys_setsid(void)
{
	struct task *t = current->group_leader;
	long ret;
	spin_lock(&tasklist_lock);
	spin_lock(&pidmap_lock);
	bool is_pgrp = !list_empty(&t->pid->tasks[PIDTYPE_PGID]);
	spin_unlock(&pidmap_lock);
	if (is_pgrp) {
		ret = -EPERM;
	} else {
		change_pid(t, PIDTYPE_PGID, t->pid);
		change_pid(t, PIDTYPE_SID, t->pid);
		t->signal->tty = NULL;
		ret = pid_nr_ns(t->pid, task_active_pid_ns(current));
	}
	spin_unlock(&tasklist_lock);
	return ret;
}

long sys_getgroups(int size, gid_t __user *list)
{
	const struct cred *c = current->cred;
	gid_t groups[NGROUPS_MAX_K];
	if (size < 0)
		return -EINVAL;
	if (size == 0)
		return c->ngroups;
	if (size < c->ngroups)
		return -EINVAL;
	for (int i = 0; i < c->ngroups; i++)
		groups[i] = from_kgid_munged(c->user_ns, c->groups[i]);
	return copy_to_user(list, groups, c->ngroups * sizeof(gid_t)) ? -EFAULT : c->ngroups;
}

/* setgroups needs CAP_SETGID in the caller's user namespace, whose gid map
 * must be written and whose setgroups file must not say "deny"; every
 * group must be mapped there. */
long sys_setgroups(int size, const gid_t __user *list)
{
	struct user_namespace *ns = current_user_ns();
	if (!ns_capable(ns, CAP_SETGID) || !userns_may_setgroups(ns))
		return -EPERM;
	if (size < 0 || size > NGROUPS_MAX_K)
		return -EINVAL;
	struct cred *c = prepare_creds();
	if (!c)
		return -ENOMEM;
	if (copy_from_user(c->groups, list, size * sizeof(gid_t))) {
		put_cred(c);
		return -EFAULT;
	}
	for (int i = 0; i < size; i++) {
		c->groups[i] = make_kgid(ns, c->groups[i]);
		if (c->groups[i] == INVALID_GID) {
			put_cred(c);
			return -EINVAL;
		}
	}
	c->ngroups = size;
	commit_creds(c);
	return 0;
}

/* ---- prctl ---- */

/* The values PR_SET_DUMPABLE takes (Linux's names; not in the UAPI). */
#define SUID_DUMP_DISABLE	0
#define SUID_DUMP_USER		1

void set_task_comm(struct task *t, const char *name)
{
	size_t i = 0;
	for (; i < TASK_COMM_LEN - 1 && name[i]; i++)
		WRITE_ONCE(t->comm[i], name[i]);
	for (; i < TASK_COMM_LEN; i++)
		WRITE_ONCE(t->comm[i], '\0');
}

void get_task_comm(char buf[TASK_COMM_LEN], struct task *t)
{
	for (size_t i = 0; i < TASK_COMM_LEN; i++)
		buf[i] = READ_ONCE(t->comm[i]);
	buf[TASK_COMM_LEN - 1] = '\0';
}

/* PR_SET_NAME: at most TASK_COMM_LEN - 1 bytes, truncated, never failing on
 * a longer string; the thread's own name. */
static long prctl_set_name(const char __user *uname)
{
	char name[TASK_COMM_LEN];
	size_t i;
	for (i = 0; i < sizeof(name) - 1; i++) {
		if (get_user(name[i], uname + i))
			return -EFAULT;
		if (!name[i])
			break;
	}
	name[i] = '\0';
	set_task_comm(current, name);
	return 0;
}

static long prctl_get_name(char __user *uname)
{
	char name[TASK_COMM_LEN];
	get_task_comm(name, current);
	return copy_to_user(uname, name, sizeof(name)) ? -EFAULT : 0;
}

/* The options about the task itself (out of line: their buffers give it a
 * frame and a stack canary); the rest are the capabilities'. */
static __attribute__((noinline)) long task_prctl(int option, unsigned long arg2,
		unsigned long arg3, unsigned long arg4, unsigned long arg5)
{
	struct task *me = current;
	switch (option) {
	case PR_SET_NAME:
		return prctl_set_name((const char __user *)arg2);
	case PR_GET_NAME:
		return prctl_get_name((char __user *)arg2);
	case PR_SET_PDEATHSIG:
		if (arg2 > _NSIG)
			return -EINVAL;
		WRITE_ONCE(me->pdeath_signal, (int)arg2);
		return 0;
	case PR_GET_PDEATHSIG:
		return put_user(READ_ONCE(me->pdeath_signal), (int __user *)arg2) ? -EFAULT : 0;
	case PR_SET_DUMPABLE:
		if (arg2 != SUID_DUMP_DISABLE && arg2 != SUID_DUMP_USER)
			return -EINVAL;
		WRITE_ONCE(me->signal->undumpable, arg2 == SUID_DUMP_DISABLE);
		return 0;
	case PR_GET_DUMPABLE:
		return READ_ONCE(me->signal->undumpable) ? SUID_DUMP_DISABLE : SUID_DUMP_USER;
	case PR_SET_NO_NEW_PRIVS:
		if (arg2 != 1 || arg3 || arg4 || arg5)
			return -EINVAL;
		WRITE_ONCE(me->no_new_privs, true);
		return 0;
	case PR_GET_NO_NEW_PRIVS:
		if (arg2 || arg3 || arg4 || arg5)
			return -EINVAL;
		return READ_ONCE(me->no_new_privs);
	case PR_SET_CHILD_SUBREAPER:
		WRITE_ONCE(me->signal->is_child_subreaper, arg2 != 0);
		return 0;
	case PR_GET_CHILD_SUBREAPER:
		return put_user((int)READ_ONCE(me->signal->is_child_subreaper),
				(int __user *)arg2) ? -EFAULT : 0;
	case PR_GET_SECCOMP:
		return seccomp_get_mode();
	case PR_SET_SECCOMP:
		return prctl_set_seccomp(arg2, (void __user *)arg3);
	default:
		return cap_prctl(option, arg2, arg3, arg4, arg5);
	}
}

/* The capability options straight to cap_prctl, with no frame on the way:
 * isolate drops a bounding-set capability at a time, 26 calls a start. */
long sys_prctl(int option, unsigned long arg2, unsigned long arg3, unsigned long arg4,
	       unsigned long arg5)
{
	switch (option) {
	case PR_CAPBSET_READ:
	case PR_CAPBSET_DROP:
	case PR_GET_SECUREBITS:
	case PR_SET_SECUREBITS:
	case PR_GET_KEEPCAPS:
	case PR_SET_KEEPCAPS:
	case PR_CAP_AMBIENT:
		return cap_prctl(option, arg2, arg3, arg4, arg5);
	default:
		return task_prctl(option, arg2, arg3, arg4, arg5);
	}
}
