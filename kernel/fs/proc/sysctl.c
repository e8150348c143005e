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

/* Only the UTS names can be changed; the limits are fixed at build time
 * (Linux lets root write pid_max and the overflow ids). */
static const struct proc_entry sys_kernel_entries[] = {
	{ "hostname", S_IFREG | 0644, .show = show_hostname, .write = write_hostname },
	{ "domainname", S_IFREG | 0644, .show = show_domainname, .write = write_domainname },
	{ "ostype", S_IFREG | 0444, .show = show_ostype },
	{ "osrelease", S_IFREG | 0444, .show = show_osrelease },
	{ "pid_max", S_IFREG | 0444, .show = show_pid_max },
	{ "overflowuid", S_IFREG | 0444, .show = show_overflowuid },
	{ "overflowgid", S_IFREG | 0444, .show = show_overflowgid },
	{ "ngroups_max", S_IFREG | 0444, .show = show_ngroups_max },
};

const struct proc_table proc_sys_kernel_table = {
	PROC_T_SYS_KERNEL, sys_kernel_entries, ARRAY_SIZE(sys_kernel_entries),
	PROC_T_ROOT, PROC_ROOT_SYS,
};

static const struct proc_entry sys_entries[] = {
	{ "kernel", S_IFDIR | 0555, .dir = &proc_sys_kernel_table },
};

const struct proc_table proc_sys_table = {
	PROC_T_SYS, sys_entries, ARRAY_SIZE(sys_entries), PROC_T_SPECIAL, PROC_ROOT_DIR,
};
