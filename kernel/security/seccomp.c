/*
 * seccomp: system-call filtering (contract and locks in seccomp.h).  Owns
 * struct seccomp_filter, the immutable reference-counted programs of a
 * filter stack; tasklist_lock guards every task's mode and stack pointer
 * when they change.  The programs are checked and run by seccomp_bpf.c.
 */
#include "seccomp.h"
#include "denials.h"
#include "seccomp_bpf.h"
#include "proc.h"
#include "cred.h"
#include "signal.h"
#include "kmalloc.h"
#include "uaccess.h"
#include "string.h"
#include <asm/unistd.h>
#include <linux/audit.h>

struct seccomp_filter {
	int refcnt;
	struct seccomp_filter *prev;	/* the older filters, referenced */
	unsigned int len;
	/* 8-byte aligned, as a filter in user memory usually is, so that
	 * copying it in moves 8 bytes at a time */
	struct sock_filter insns[] __attribute__((aligned(8)));
};

/* Linux's limit on the instructions of a whole stack, each filter
 * counting 4 more than its length. */
#define MAX_INSNS_PER_PATH	((1 << 18) / sizeof(struct sock_filter))

#define SUPPORTED_FLAGS	(SECCOMP_FILTER_FLAG_TSYNC | SECCOMP_FILTER_FLAG_LOG | \
			 SECCOMP_FILTER_FLAG_SPEC_ALLOW | SECCOMP_FILTER_FLAG_TSYNC_ESRCH)

static void put_filter(struct seccomp_filter *f)
{
	while (f && __atomic_sub_fetch(&f->refcnt, 1, __ATOMIC_ACQ_REL) == 0) {
		struct seccomp_filter *prev = f->prev;
		kfree(f);
		f = prev;
	}
}

static struct seccomp_filter *get_filter(struct seccomp_filter *f)
{
	if (f)
		__atomic_add_fetch(&f->refcnt, 1, __ATOMIC_RELAXED);
	return f;
}

void seccomp_fork(struct task *child, const struct task *parent)
{
	child->seccomp_filter = get_filter(parent->seccomp_filter);
	child->seccomp_count = parent->seccomp_count;
	child->seccomp_mode = parent->seccomp_mode;
	child->syscall_work = parent->syscall_work;
}

void seccomp_release(struct task *t)
{
	put_filter(t->seccomp_filter);
	t->seccomp_filter = NULL;
}

int seccomp_get_mode(void)
{
	return current->seccomp_mode;
}

/* t enters mode with stack f (a reference given): under tasklist_lock.
 * The stack before the mode, and both before the work flag, for t's
 * own reads on its entry path. */
static void set_mode(struct task *t, int mode, struct seccomp_filter *f, int count)
{
	struct seccomp_filter *old = t->seccomp_filter;
	__atomic_store_n(&t->seccomp_filter, f, __ATOMIC_RELEASE);
	t->seccomp_count = count;
	__atomic_store_n(&t->seccomp_mode, mode, __ATOMIC_RELEASE);
	__atomic_store_n(&t->syscall_work, true, __ATOMIC_RELEASE);
	put_filter(old);
}

static long set_mode_strict(void)
{
	long err = 0;
	spin_lock(&tasklist_lock);
	if (current->seccomp_mode && current->seccomp_mode != SECCOMP_MODE_STRICT)
		err = -EINVAL;
	else
		set_mode(current, SECCOMP_MODE_STRICT, NULL, 0);
	spin_unlock(&tasklist_lock);
	return err;
}

/* A filter copied from user space and checked, or ERR_PTR. */
static struct seccomp_filter *prepare_filter(const void __user *uprog)
{
	struct sock_fprog fprog;
	if (copy_from_user(&fprog, uprog, sizeof(fprog)))
		return ERR_PTR(-EFAULT);
	if (fprog.len == 0 || fprog.len > BPF_MAXINSNS)
		return ERR_PTR(-EINVAL);
	/* Without no_new_privs only an administrator may filter: a filter
	 * could otherwise mislead a set-id program it then runs. */
	if (!current->no_new_privs && !ns_capable(current_user_ns(), CAP_SYS_ADMIN))
		return ERR_PTR(-EACCES);
	struct seccomp_filter *f = kmalloc(sizeof(*f) + fprog.len * sizeof(struct sock_filter));
	__u16 *scratch = kmalloc(fprog.len * sizeof(__u16));
	if (!f || !scratch) {
		kfree(f);
		kfree(scratch);
		return ERR_PTR(-ENOMEM);
	}
	long err = 0;
	if (copy_from_user(f->insns, fprog.filter, fprog.len * sizeof(struct sock_filter)))
		err = -EFAULT;
	else if (!seccomp_bpf_check(f->insns, fprog.len, scratch))
		err = -EINVAL;
	kfree(scratch);
	if (err) {
		kfree(f);
		return ERR_PTR(err);
	}
	f->refcnt = 1;
	f->prev = NULL;
	f->len = fprog.len;
	return f;
}

/* Is a an ancestor of (or the same as) b?  NULL is everyone's. */
static bool is_ancestor(const struct seccomp_filter *a, const struct seccomp_filter *b)
{
	if (!a)
		return true;
	for (; b; b = b->prev)
		if (a == b)
			return true;
	return false;
}

static struct task *next_thread_of(struct task *leader, struct task *t)
{
	struct list_head *n = t == leader ? leader->threads.next : t->thread_link.next;
	return n == &leader->threads ? NULL : list_entry(n, struct task, thread_link);
}

static long set_mode_filter(unsigned int flags, const void __user *uprog)
{
	if (flags & ~SUPPORTED_FLAGS)
		return -EINVAL;
	struct seccomp_filter *f = prepare_filter(uprog);
	if (IS_ERR(f))
		return PTR_ERR(f);
	struct task *me = current;
	long err = 0;
	spin_lock(&tasklist_lock);
	if (me->seccomp_mode && me->seccomp_mode != SECCOMP_MODE_FILTER) {
		err = -EINVAL;
		goto out;
	}
	size_t total = f->len + 4;
	for (struct seccomp_filter *p = me->seccomp_filter; p; p = p->prev)
		total += p->len + 4;
	if (total > MAX_INSNS_PER_PATH) {
		err = -ENOMEM;
		goto out;
	}
	struct task *leader = me->group_leader;
	if (flags & SECCOMP_FILTER_FLAG_TSYNC) {
		/* Every other live thread must be unfiltered or filtered by an
		 * ancestor of this stack; else fail naming it. */
		for (struct task *t = leader; t; t = next_thread_of(leader, t)) {
			if (t == me || t->state == TASK_ZOMBIE || t->state == TASK_DEAD)
				continue;
			if (t->seccomp_mode == SECCOMP_MODE_DISABLED ||
			    (t->seccomp_mode == SECCOMP_MODE_FILTER &&
			     is_ancestor(t->seccomp_filter, me->seccomp_filter)))
				continue;
			err = (flags & SECCOMP_FILTER_FLAG_TSYNC_ESRCH) ? -ESRCH : task_pid_vnr(t);
			goto out;
		}
	}
	f->prev = me->seccomp_filter;	/* our reference moves to f */
	me->seccomp_filter = NULL;
	int count = me->seccomp_count + 1;
	set_mode(me, SECCOMP_MODE_FILTER, f, count);
	if (flags & SECCOMP_FILTER_FLAG_TSYNC) {
		for (struct task *t = leader; t; t = next_thread_of(leader, t)) {
			if (t == me || t->state == TASK_ZOMBIE || t->state == TASK_DEAD)
				continue;
			if (me->no_new_privs)
				WRITE_ONCE(t->no_new_privs, true);
			set_mode(t, SECCOMP_MODE_FILTER, get_filter(f), count);
		}
	}
	f = NULL;
out:
	spin_unlock(&tasklist_lock);
	if (f)
		put_filter(f);
	return err;
}

static long get_action_avail(const void __user *uaction)
{
	uint32_t action;
	if (get_user(action, (const uint32_t __user *)uaction))
		return -EFAULT;
	switch (action) {
	case SECCOMP_RET_KILL_PROCESS:
	case SECCOMP_RET_KILL_THREAD:
	case SECCOMP_RET_TRAP:
	case SECCOMP_RET_ERRNO:
	case SECCOMP_RET_TRACE:
	case SECCOMP_RET_LOG:
	case SECCOMP_RET_ALLOW:
		return 0;
	default:
		return -EOPNOTSUPP;	/* and SECCOMP_RET_USER_NOTIF: not here */
	}
}

long sys_seccomp(unsigned int op, unsigned int flags, void __user *uargs)
{
	switch (op) {
	case SECCOMP_SET_MODE_STRICT:
		if (flags || uargs)
			return -EINVAL;
		return set_mode_strict();
	case SECCOMP_SET_MODE_FILTER:
		return set_mode_filter(flags, uargs);
	case SECCOMP_GET_ACTION_AVAIL:
		if (flags)
			return -EINVAL;
		return get_action_avail(uargs);
	default:
		return -EINVAL;
	}
}

long prctl_set_seccomp(unsigned long mode, void __user *filter)
{
	switch (mode) {
	case SECCOMP_MODE_STRICT:
		return sys_seccomp(SECCOMP_SET_MODE_STRICT, 0, NULL);
	case SECCOMP_MODE_FILTER:
		return sys_seccomp(SECCOMP_SET_MODE_FILTER, 0, filter);
	default:
		return -EINVAL;
	}
}

/* The signed order of Linux: KILL_PROCESS (negative) first, ALLOW last. */
static int32_t action_rank(uint32_t ret)
{
	return (int32_t)(ret & SECCOMP_RET_ACTION_FULL);
}

/* The line a refusing action leaves in the process's denials. */
static void seccomp_record(uint32_t ret)
{
	uint32_t data = ret & SECCOMP_RET_DATA;
	switch (ret & SECCOMP_RET_ACTION_FULL) {
	case SECCOMP_RET_ERRNO:
		denial_record("seccomp rule -> errno %u", data);
		break;
	case SECCOMP_RET_TRAP:
		denial_record("seccomp rule -> SIGSYS");
		break;
	case SECCOMP_RET_TRACE:
	case SECCOMP_RET_USER_NOTIF:
		denial_record("seccomp rule -> ENOSYS (no tracer)");
		break;
	default:
		denial_record("seccomp rule -> killed");
	}
}

bool seccomp_syscall(struct trapframe *tf)
{
	struct task *t = current;
	int nr = (int)tf->a7;
	int mode = __atomic_load_n(&t->seccomp_mode, __ATOMIC_ACQUIRE);
	if (mode == SECCOMP_MODE_DISABLED)
		return false;
	if (mode == SECCOMP_MODE_STRICT) {
		if (nr == __NR_read || nr == __NR_write || nr == __NR_exit || nr == __NR_rt_sigreturn)
			return false;
		do_exit(SIGKILL);
	}
	struct seccomp_data d = {
		.nr = nr,
		.arch = AUDIT_ARCH_RISCV64,
		.instruction_pointer = tf->epc,
		.args = { tf->a0, tf->a1, tf->a2, tf->a3, tf->a4, tf->a5 },
	};
	uint32_t ret = SECCOMP_RET_ALLOW;
	for (struct seccomp_filter *f = __atomic_load_n(&t->seccomp_filter, __ATOMIC_ACQUIRE); f;
	     f = f->prev) {
		uint32_t r = seccomp_bpf_run(f->insns, &d);
		if (action_rank(r) < action_rank(ret))
			ret = r;
	}
	uint32_t data = ret & SECCOMP_RET_DATA;
	switch (ret & SECCOMP_RET_ACTION_FULL) {
	case SECCOMP_RET_ALLOW:
	case SECCOMP_RET_LOG:
		return false;
	default:
		seccomp_record(ret);
		break;
	}
	switch (ret & SECCOMP_RET_ACTION_FULL) {
	case SECCOMP_RET_ERRNO:
		tf->a0 = -(long)MIN(data, (uint32_t)MAX_ERRNO);
		return true;
	case SECCOMP_RET_TRAP:
		/* The handler sees the registers the call was made with. */
		tf->a0 = tf->orig_a0;
		force_sig_seccomp(nr, (int)data);
		return true;
	case SECCOMP_RET_TRACE:
	case SECCOMP_RET_USER_NOTIF:
		/* No tracer, no listener: the call fails. */
		tf->a0 = -ENOSYS;
		return true;
	case SECCOMP_RET_KILL_THREAD:
		if (READ_ONCE(t->signal->nr_threads) > 1)
			do_exit(SIGSYS);
		do_group_exit(SIGSYS | WCOREFLAG);	/* the last thread takes its process */
	default:	/* SECCOMP_RET_KILL_PROCESS and unknown actions */
		do_group_exit(SIGSYS | WCOREFLAG);
	}
}
