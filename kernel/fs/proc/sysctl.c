/*
 * procfs: /proc/sys/kernel/, the kernel's tunables as text files: the
 * UTS names (hostname and domainname, writable with sethostname's rules,
 * per UTS namespace: the reader's or the writer's own), and fixed limits.
 * The names are read and written under uts_lock (ns/uts.c).
 */
#include "internal.h"
#include "cred.h"
#include "user_ns.h"
#include "string.h"
#include "lock_stat.h"
#include "aslr.h"
#include <linux/capability.h>

static int show_hostname(struct textbuf *tb, struct task *t, struct inode *in)
{
	struct new_utsname u;
	uts_get_name(&u);
	tb_printf(tb, "%s\n", u.nodename);
	return 0;
}

static int show_domainname(struct textbuf *tb, struct task *t, struct inode *in)
{
	struct new_utsname u;
	uts_get_name(&u);
	tb_printf(tb, "%s\n", u.domainname);
	return 0;
}

static int show_ostype(struct textbuf *tb, struct task *t, struct inode *in)
{
	struct new_utsname u;
	uts_get_name(&u);
	tb_printf(tb, "%s\n", u.sysname);
	return 0;
}

static int show_osrelease(struct textbuf *tb, struct task *t, struct inode *in)
{
	struct new_utsname u;
	uts_get_name(&u);
	tb_printf(tb, "%s\n", u.release);
	return 0;
}

/*
 * A write sets the name as sethostname(2) would, with CAP_SYS_ADMIN over
 * the writer's UTS namespace.  As Linux's sysctl strings: one write from
 * the start, the name ends at the first newline or NUL, and what is past
 * __NEW_UTS_LEN bytes is dropped.
 */
static ssize_t write_uts(int which, const void *buf, size_t len, off_t *pos, bool user)
{
	char name[__NEW_UTS_LEN];
	if (!ns_capable(current->nsproxy->uts_ns->user_ns, CAP_SYS_ADMIN))
		return -EPERM;
	if (*pos != 0)
		return -EINVAL;
	size_t n = MIN(len, sizeof(name));
	if (copy_in(name, buf, n, user))
		return -EFAULT;
	size_t end = 0;
	while (end < n && name[end] != '\n' && name[end] != '\0')
		end++;
	int err = uts_set_field(which, name, end);
	if (err)
		return err;
	*pos = len;
	return len;
}

static ssize_t write_hostname(struct file *f, struct task *t, const void *buf, size_t len,
			      off_t *pos, bool user)
{
	return write_uts(0, buf, len, pos, user);
}

static ssize_t write_domainname(struct file *f, struct task *t, const void *buf, size_t len,
				off_t *pos, bool user)
{
	return write_uts(1, buf, len, pos, user);
}

static int show_pid_max(struct textbuf *tb, struct task *t, struct inode *in)
{
	tb_printf(tb, "%d\n", PID_MAX);
	return 0;
}

static int show_overflowuid(struct textbuf *tb, struct task *t, struct inode *in)
{
	tb_printf(tb, "%d\n", OVERFLOW_UID);
	return 0;
}

static int show_overflowgid(struct textbuf *tb, struct task *t, struct inode *in)
{
	tb_printf(tb, "%d\n", OVERFLOW_GID);
	return 0;
}

static int show_ngroups_max(struct textbuf *tb, struct task *t, struct inode *in)
{
	tb_printf(tb, "%d\n", NGROUPS_MAX_K);
	return 0;
}

/* printk: console_loglevel, default_message_loglevel,
 * minimum_console_loglevel and default_console_loglevel (printk.h). */
static int show_printk(struct textbuf *tb, struct task *t, struct inode *in)
{
	tb_printf(tb, "%d\t%d\t%d\t%d\n", READ_ONCE(console_printk[0]),
		  READ_ONCE(console_printk[1]), READ_ONCE(console_printk[2]),
		  READ_ONCE(console_printk[3]));
	return 0;
}

/* As Linux's integer vectors: up to four numbers separated by blanks set
 * the first values in order; the others keep theirs. */
static ssize_t write_printk(struct file *f, struct task *t, const void *buf, size_t len,
			    off_t *pos, bool user)
{
	char text[64];
	int vals[4], n = 0;
	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	if (*pos != 0 || len == 0 || len >= sizeof(text))
		return -EINVAL;
	if (copy_in(text, buf, len, user))
		return -EFAULT;
	text[len] = 0;
	for (size_t i = 0; text[i] && n < 4;) {
		while (text[i] == ' ' || text[i] == '\t' || text[i] == '\n')
			i++;
		if (!text[i])
			break;
		if (text[i] < '0' || text[i] > '9')
			return -EINVAL;
		int v = 0;
		for (; text[i] >= '0' && text[i] <= '9'; i++)
			if ((v = v * 10 + (text[i] - '0')) > 1000)
				return -EINVAL;
		vals[n++] = v;
	}
	if (!n)
		return -EINVAL;
	for (int i = 0; i < n; i++)
		WRITE_ONCE(console_printk[i], vals[i]);
	*pos = len;
	return len;
}

/* lock_stat: 1 while lock statistics are collected (lock_stat.h). */
static int show_lock_stat(struct textbuf *tb, struct task *t, struct inode *in)
{
	tb_printf(tb, "%d\n", READ_ONCE(lock_stat_enabled));
	return 0;
}

static ssize_t write_lock_stat(struct file *f, struct task *t, const void *buf, size_t len,
			       off_t *pos, bool user)
{
	char text[4] = "";
	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	if (*pos != 0 || len == 0)
		return -EINVAL;
	if (copy_in(text, buf, MIN(len, sizeof(text) - 1), user))
		return -EFAULT;
	if ((text[0] != '0' && text[0] != '1') || (text[1] && text[1] != '\n'))
		return -EINVAL;
	lock_stat_set(text[0] == '1');
	*pos = len;
	return len;
}

/*
 * The number one write() from the start gives a sysctl file, as Linux's
 * proc_dointvec_minmax reads it: blanks around it, a newline after, a
 * value in [min, max] (else EINVAL).  0, or -errno.
 */
static int sysctl_write_int(const void *buf, size_t len, off_t *pos, bool user, int min, int max,
			    int *out)
{
	char text[16];
	if (*pos != 0 || len == 0 || len >= sizeof(text))
		return -EINVAL;
	if (copy_in(text, buf, len, user))
		return -EFAULT;
	text[len] = 0;
	long v = 0;
	size_t i = 0;
	while (text[i] == ' ' || text[i] == '\t')
		i++;
	if (text[i] < '0' || text[i] > '9')
		return -EINVAL;
	for (; text[i] >= '0' && text[i] <= '9'; i++) {
		v = v * 10 + (text[i] - '0');
		if (v > max)
			return -EINVAL;
	}
	while (text[i] == ' ' || text[i] == '\n' || text[i] == '\t')
		i++;
	if (text[i] || v < min)
		return -EINVAL;
	*out = (int)v;
	return 0;
}

static int show_randomize_va_space(struct textbuf *tb, struct task *t, struct inode *in)
{
	tb_printf(tb, "%d\n", aslr_get_level());
	return 0;
}

/* 0, 1 or 2 (aslr.h); only root of the initial namespace may change it. */
static ssize_t write_randomize_va_space(struct file *f, struct task *t, const void *buf,
					size_t len, off_t *pos, bool user)
{
	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	int v, err = sysctl_write_int(buf, len, pos, user, 0, 2, &v);
	if (err || (err = aslr_set_level(v)))
		return err;
	*pos = len;
	return len;
}

/* The UTS names, printk, lock_stat and randomize_va_space can be changed;
 * the limits are fixed at build time (Linux lets root write pid_max and
 * the overflow ids). */
static const struct proc_entry sys_kernel_entries[] = {
	{ "hostname", S_IFREG | 0644, .show = show_hostname, .write = write_hostname },
	{ "domainname", S_IFREG | 0644, .show = show_domainname, .write = write_domainname },
	{ "ostype", S_IFREG | 0444, .show = show_ostype },
	{ "osrelease", S_IFREG | 0444, .show = show_osrelease },
	{ "pid_max", S_IFREG | 0444, .show = show_pid_max },
	{ "overflowuid", S_IFREG | 0444, .show = show_overflowuid },
	{ "overflowgid", S_IFREG | 0444, .show = show_overflowgid },
	{ "ngroups_max", S_IFREG | 0444, .show = show_ngroups_max },
	{ "printk", S_IFREG | 0644, .show = show_printk, .write = write_printk },
	{ "lock_stat", S_IFREG | 0644, .show = show_lock_stat, .write = write_lock_stat },
	{ "randomize_va_space", S_IFREG | 0644, .show = show_randomize_va_space,
	  .write = write_randomize_va_space },
};

const struct proc_table proc_sys_kernel_table = {
	PROC_T_SYS_KERNEL, sys_kernel_entries, ARRAY_SIZE(sys_kernel_entries),
	PROC_T_ROOT, PROC_ROOT_SYS,
};

/*
 * /proc/sys/user/max_*_namespaces: the limits of the reader's user
 * namespace (ucount.h), in Linux's (alphabetical) order.  Writing one
 * needs CAP_SYS_RESOURCE there; a value from 0 to INT_MAX.  The files are
 * root's, mode 0644, and whoever has CAP_SYS_RESOURCE in the reader's
 * namespace gets the owner's bits (root of a container too), as Linux.
 */
static const enum ucount_type sys_user_types[] = {
	UCOUNT_CGROUP_NAMESPACES, UCOUNT_IPC_NAMESPACES, UCOUNT_MNT_NAMESPACES,
	UCOUNT_NET_NAMESPACES, UCOUNT_PID_NAMESPACES, UCOUNT_TIME_NAMESPACES,
	UCOUNT_USER_NAMESPACES, UCOUNT_UTS_NAMESPACES,
};

static int show_ucount_max(struct textbuf *tb, struct task *t, struct inode *in)
{
	enum ucount_type type = sys_user_types[INO_INDEX(in->ino)];
	tb_printf(tb, "%d\n", __atomic_load_n(&current_user_ns()->ucount_max[type], __ATOMIC_RELAXED));
	return 0;
}

static ssize_t write_ucount_max(struct file *f, struct task *t, const void *buf, size_t len,
				off_t *pos, bool user)
{
	enum ucount_type type = sys_user_types[INO_INDEX(f->inode->ino)];
	struct user_namespace *ns = current_user_ns();
	if (!ns_capable(ns, CAP_SYS_RESOURCE))
		return -EPERM;
	int v, err = sysctl_write_int(buf, len, pos, user, 0, INT_MAX, &v);
	if (err)
		return err;
	__atomic_store_n(&ns->ucount_max[type], v, __ATOMIC_RELAXED);
	*pos = len;
	return len;
}

static int ucount_max_permission(struct inode *in, int mask)
{
	return !(mask & MAY_EXEC) && ns_capable(current_user_ns(), CAP_SYS_RESOURCE) ? 0 : -EACCES;
}

static const struct inode_operations ucount_max_iops = { .permission = ucount_max_permission };

#define UCOUNT_FILE(name) \
	{ name, S_IFREG | 0644, .show = show_ucount_max, .write = write_ucount_max, \
	  .iops = &ucount_max_iops }

static const struct proc_entry sys_user_entries[] = {
	UCOUNT_FILE("max_cgroup_namespaces"), UCOUNT_FILE("max_ipc_namespaces"),
	UCOUNT_FILE("max_mnt_namespaces"), UCOUNT_FILE("max_net_namespaces"),
	UCOUNT_FILE("max_pid_namespaces"), UCOUNT_FILE("max_time_namespaces"),
	UCOUNT_FILE("max_user_namespaces"), UCOUNT_FILE("max_uts_namespaces"),
};

const struct proc_table proc_sys_user_table = {
	PROC_T_SYS_USER, sys_user_entries, ARRAY_SIZE(sys_user_entries),
	PROC_T_ROOT, PROC_ROOT_SYS,
};

static const struct proc_entry sys_entries[] = {
	{ "kernel", S_IFDIR | 0555, .dir = &proc_sys_kernel_table },
	{ "net", S_IFDIR | 0555, .dir = &proc_sys_net_table },		/* PROC_SYS_NET */
	{ "user", S_IFDIR | 0555, .dir = &proc_sys_user_table },
};

const struct proc_table proc_sys_table = {
	PROC_T_SYS, sys_entries, ARRAY_SIZE(sys_entries), PROC_T_SPECIAL, PROC_ROOT_DIR,
};
