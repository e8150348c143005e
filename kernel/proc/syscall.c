/*
 * System-call dispatch.  The table is indexed by Linux's asm-generic numbers;
 * a missing entry returns -ENOSYS and is reported once, by name.
 */
#include "syscall.h"
#include "syscalls.h"
#include "printk.h"
#include "sbi.h"
#include "fs.h"
#include "hwprobe.h"
#include <asm/unistd.h>
#include <linux/reboot.h>
#include <linux/capability.h>
#include "cred.h"
#include "ns.h"

#define SYSCALL(nr, fn) [nr] = (syscall_fn)(void (*)(void))(fn)
const syscall_fn syscall_table[NR_SYSCALLS] = {
	SYSCALL(__NR_reboot, sys_reboot),
	SYSCALL(__NR_futex, sys_futex),
	SYSCALL(__NR_mq_open, sys_mq_open),
	SYSCALL(__NR_mq_unlink, sys_mq_unlink),
	SYSCALL(__NR_mq_timedsend, sys_mq_timedsend),
	SYSCALL(__NR_mq_timedreceive, sys_mq_timedreceive),
	SYSCALL(__NR_mq_notify, sys_mq_notify),
	SYSCALL(__NR_mq_getsetattr, sys_mq_getsetattr),
	SYSCALL(__NR_setuid, sys_setuid),
	SYSCALL(__NR_setgid, sys_setgid),
	SYSCALL(__NR_setreuid, sys_setreuid),
	SYSCALL(__NR_setregid, sys_setregid),
	SYSCALL(__NR_setresuid, sys_setresuid),
	SYSCALL(__NR_setresgid, sys_setresgid),
	SYSCALL(__NR_getresuid, sys_getresuid),
	SYSCALL(__NR_getresgid, sys_getresgid),
	SYSCALL(__NR_setfsuid, sys_setfsuid),
	SYSCALL(__NR_setfsgid, sys_setfsgid),
	SYSCALL(__NR_madvise, sys_madvise),
	SYSCALL(__NR_mremap, sys_mremap),
	SYSCALL(__NR_msync, sys_msync),
	SYSCALL(__NR_mincore, sys_mincore),
	SYSCALL(__NR_waitid, sys_waitid),
	SYSCALL(__NR_rt_sigtimedwait, sys_rt_sigtimedwait),
	SYSCALL(__NR_rt_sigqueueinfo, sys_rt_sigqueueinfo),
	SYSCALL(__NR_rt_tgsigqueueinfo, sys_rt_tgsigqueueinfo),
	SYSCALL(__NR_getgroups, sys_getgroups),
	SYSCALL(__NR_setgroups, sys_setgroups),
	SYSCALL(__NR_ppoll, sys_ppoll),
	SYSCALL(__NR_pselect6, sys_pselect6),
	SYSCALL(__NR_epoll_create1, sys_epoll_create1),
	SYSCALL(__NR_epoll_ctl, sys_epoll_ctl),
	SYSCALL(__NR_epoll_pwait, sys_epoll_pwait),
	SYSCALL(__NR_epoll_pwait2, sys_epoll_pwait2),
	SYSCALL(__NR_eventfd2, sys_eventfd2),
	SYSCALL(__NR_timerfd_create, sys_timerfd_create),
	SYSCALL(__NR_timerfd_settime, sys_timerfd_settime),
	SYSCALL(__NR_timerfd_gettime, sys_timerfd_gettime),
	SYSCALL(__NR_signalfd4, sys_signalfd4),
	SYSCALL(__NR_setitimer, sys_setitimer),
	SYSCALL(__NR_getitimer, sys_getitimer),
	SYSCALL(__NR_fchmod, sys_fchmod),
	SYSCALL(__NR_fchown, sys_fchown),
	SYSCALL(__NR_read, sys_read),
	SYSCALL(__NR_write, sys_write),
	SYSCALL(__NR_readv, sys_readv),
	SYSCALL(__NR_writev, sys_writev),
	SYSCALL(__NR_pread64, sys_pread64),
	SYSCALL(__NR_pwrite64, sys_pwrite64),
	SYSCALL(__NR_sendfile, sys_sendfile),
	SYSCALL(__NR_copy_file_range, sys_copy_file_range),
	SYSCALL(__NR_fadvise64, sys_fadvise64),
	SYSCALL(__NR_lseek, sys_lseek),
	SYSCALL(__NR_openat, sys_openat),
	SYSCALL(__NR_close, sys_close),
	SYSCALL(__NR_close_range, sys_close_range),
	SYSCALL(__NR_getdents64, sys_getdents64),
	SYSCALL(__NR_fstat, sys_fstat),
	SYSCALL(__NR_newfstatat, sys_newfstatat),
	SYSCALL(__NR_statx, sys_statx),
	SYSCALL(__NR_statfs, sys_statfs),
	SYSCALL(__NR_fstatfs, sys_fstatfs),
	SYSCALL(__NR_readlinkat, sys_readlinkat),
	SYSCALL(__NR_mkdirat, sys_mkdirat),
	SYSCALL(__NR_mknodat, sys_mknodat),
	SYSCALL(__NR_unlinkat, sys_unlinkat),
	SYSCALL(__NR_symlinkat, sys_symlinkat),
	SYSCALL(__NR_linkat, sys_linkat),
	SYSCALL(__NR_renameat2, sys_renameat2),
	SYSCALL(__NR_fchmodat, sys_fchmodat),
	SYSCALL(__NR_fchownat, sys_fchownat),
	SYSCALL(__NR_utimensat, sys_utimensat),
	SYSCALL(__NR_faccessat, sys_faccessat),
	SYSCALL(__NR_truncate, sys_truncate),
	SYSCALL(__NR_ftruncate, sys_ftruncate),
	SYSCALL(__NR_fsync, sys_fsync),
	SYSCALL(__NR_sync, sys_sync),
	SYSCALL(__NR_dup, sys_dup),
	SYSCALL(__NR_dup3, sys_dup3),
	SYSCALL(__NR_fcntl, sys_fcntl),
	SYSCALL(__NR_ioctl, sys_ioctl),
	SYSCALL(__NR_pipe2, sys_pipe2),
	SYSCALL(__NR_chdir, sys_chdir),
	SYSCALL(__NR_fchdir, sys_fchdir),
	SYSCALL(__NR_chroot, sys_chroot),
	SYSCALL(__NR_getcwd, sys_getcwd),
	SYSCALL(__NR_umask, sys_umask),
	SYSCALL(__NR_mount, sys_mount),
	SYSCALL(__NR_umount2, sys_umount2),
	SYSCALL(__NR_pivot_root, sys_pivot_root),
	SYSCALL(__NR_brk, sys_brk),
	SYSCALL(__NR_mmap, sys_mmap),
	SYSCALL(__NR_munmap, sys_munmap),
	SYSCALL(__NR_mprotect, sys_mprotect),
	SYSCALL(__NR_clone, sys_clone),
	SYSCALL(__NR_clone3, sys_clone3),
	SYSCALL(__NR_execve, sys_execve),
	SYSCALL(__NR_exit, sys_exit),
	SYSCALL(__NR_exit_group, sys_exit_group),
	SYSCALL(__NR_wait4, sys_wait4),
	SYSCALL(__NR_getpid, sys_getpid),
	SYSCALL(__NR_getppid, sys_getppid),
	SYSCALL(__NR_gettid, sys_gettid),
	SYSCALL(__NR_getuid, sys_getuid),
	SYSCALL(__NR_geteuid, sys_geteuid),
	SYSCALL(__NR_getgid, sys_getgid),
	SYSCALL(__NR_getegid, sys_getegid),
	SYSCALL(__NR_set_tid_address, sys_set_tid_address),
	SYSCALL(__NR_set_robust_list, sys_set_robust_list),
	SYSCALL(__NR_uname, sys_uname),
	SYSCALL(__NR_personality, sys_personality),
	SYSCALL(__NR_sethostname, sys_sethostname),
	SYSCALL(__NR_unshare, sys_unshare),
	SYSCALL(__NR_setns, sys_setns),
	SYSCALL(__NR_pidfd_open, sys_pidfd_open),
	SYSCALL(__NR_setdomainname, sys_setdomainname),
	SYSCALL(__NR_clock_gettime, sys_clock_gettime),
	SYSCALL(__NR_clock_getres, sys_clock_getres),
	SYSCALL(__NR_gettimeofday, sys_gettimeofday),
	SYSCALL(__NR_nanosleep, sys_nanosleep),
	SYSCALL(__NR_clock_nanosleep, sys_clock_nanosleep),
	SYSCALL(__NR_sched_yield, sys_sched_yield),
	SYSCALL(__NR_sched_getaffinity, sys_sched_getaffinity),
	SYSCALL(__NR_prctl, sys_prctl),
	SYSCALL(__NR_capget, sys_capget),
	SYSCALL(__NR_capset, sys_capset),
	SYSCALL(__NR_seccomp, sys_seccomp),
	SYSCALL(__NR_getrandom, sys_getrandom),
	SYSCALL(__NR_prlimit64, sys_prlimit64),
	SYSCALL(__NR_getrusage, sys_getrusage),
	SYSCALL(__NR_times, sys_times),
	SYSCALL(__NR_syslog, sys_syslog),
	SYSCALL(__NR_sysinfo, sys_sysinfo),
	SYSCALL(__NR_rt_sigreturn, sys_rt_sigreturn),
	SYSCALL(__NR_rt_sigaction, sys_rt_sigaction),
	SYSCALL(__NR_rt_sigprocmask, sys_rt_sigprocmask),
	SYSCALL(__NR_rt_sigpending, sys_rt_sigpending),
	SYSCALL(__NR_rt_sigsuspend, sys_rt_sigsuspend),
	SYSCALL(__NR_sigaltstack, sys_sigaltstack),
	SYSCALL(__NR_kill, sys_kill),
	SYSCALL(__NR_tkill, sys_tkill),
	SYSCALL(__NR_tgkill, sys_tgkill),
	SYSCALL(__NR_setpgid, sys_setpgid),
	SYSCALL(__NR_getpgid, sys_getpgid),
	SYSCALL(__NR_setsid, sys_setsid),
	SYSCALL(__NR_getsid, sys_getsid),
	SYSCALL(__NR_faccessat2, sys_faccessat2),
	SYSCALL(__NR_fdatasync, sys_fsync),
	SYSCALL(__NR_riscv_hwprobe, sys_riscv_hwprobe),
	SYSCALL(__NR_msgget, sys_msgget),
	SYSCALL(__NR_msgsnd, sys_msgsnd),
	SYSCALL(__NR_msgrcv, sys_msgrcv),
	SYSCALL(__NR_msgctl, sys_msgctl),
	SYSCALL(__NR_semget, sys_semget),
	SYSCALL(__NR_semop, sys_semop),
	SYSCALL(__NR_semtimedop, sys_semtimedop),
	SYSCALL(__NR_semctl, sys_semctl),
	SYSCALL(__NR_shmget, sys_shmget),
	SYSCALL(__NR_shmat, sys_shmat),
	SYSCALL(__NR_shmdt, sys_shmdt),
	SYSCALL(__NR_shmctl, sys_shmctl),
	SYSCALL(__NR_socket, sys_socket),
	SYSCALL(__NR_socketpair, sys_socketpair),
	SYSCALL(__NR_bind, sys_bind),
	SYSCALL(__NR_listen, sys_listen),
	SYSCALL(__NR_accept, sys_accept),
	SYSCALL(__NR_accept4, sys_accept4),
	SYSCALL(__NR_connect, sys_connect),
	SYSCALL(__NR_getsockname, sys_getsockname),
	SYSCALL(__NR_getpeername, sys_getpeername),
	SYSCALL(__NR_sendto, sys_sendto),
	SYSCALL(__NR_recvfrom, sys_recvfrom),
	SYSCALL(__NR_setsockopt, sys_setsockopt),
	SYSCALL(__NR_getsockopt, sys_getsockopt),
	SYSCALL(__NR_shutdown, sys_shutdown),
	SYSCALL(__NR_sendmsg, sys_sendmsg),
	SYSCALL(__NR_recvmsg, sys_recvmsg),
	SYSCALL(__NR_sendmmsg, sys_sendmmsg),
	SYSCALL(__NR_recvmmsg, sys_recvmmsg),
	SYSCALL(__NR_setxattr, sys_setxattr),
	SYSCALL(__NR_lsetxattr, sys_lsetxattr),
	SYSCALL(__NR_fsetxattr, sys_fsetxattr),
	SYSCALL(__NR_getxattr, sys_getxattr),
	SYSCALL(__NR_lgetxattr, sys_lgetxattr),
	SYSCALL(__NR_fgetxattr, sys_fgetxattr),
	SYSCALL(__NR_listxattr, sys_listxattr),
	SYSCALL(__NR_llistxattr, sys_llistxattr),
	SYSCALL(__NR_flistxattr, sys_flistxattr),
	SYSCALL(__NR_removexattr, sys_removexattr),
	SYSCALL(__NR_lremovexattr, sys_lremovexattr),
	SYSCALL(__NR_fremovexattr, sys_fremovexattr),
	SYSCALL(__NR_sched_setaffinity, sys_sched_setaffinity),
	SYSCALL(__NR_getcpu, sys_getcpu),
	SYSCALL(__NR_getpriority, sys_getpriority),
	SYSCALL(__NR_setpriority, sys_setpriority),
	SYSCALL(__NR_sched_setscheduler, sys_sched_setscheduler),
	SYSCALL(__NR_sched_setparam, sys_sched_setparam),
	SYSCALL(__NR_sched_getscheduler, sys_sched_getscheduler),
	SYSCALL(__NR_sched_getparam, sys_sched_getparam),
	SYSCALL(__NR_sched_setattr, sys_sched_setattr),
	SYSCALL(__NR_sched_getattr, sys_sched_getattr),
	SYSCALL(__NR_sched_get_priority_max, sys_sched_get_priority_max),
	SYSCALL(__NR_sched_get_priority_min, sys_sched_get_priority_min),
	SYSCALL(__NR_sched_rr_get_interval, sys_sched_rr_get_interval),
};

static uint64_t enosys_reported[NR_SYSCALLS / 64];

long syscall_enosys(unsigned long nr)
{
	if (nr < NR_SYSCALLS) {
		uint64_t bit = 1ull << (nr % 64);
		if (!(__atomic_fetch_or(&enosys_reported[nr / 64], bit, __ATOMIC_RELAXED) & bit))
			printk("kernel: system call %lu (%s) not implemented, called by %s\n", nr,
			       syscall_names[nr] ? syscall_names[nr] : "?", current->comm);
	}
	return -ENOSYS;
}

long sys_reboot(unsigned long magic1, unsigned long magic2, unsigned long cmd)
{
	/* Before the magic, as Linux; root of a container asks its own. */
	struct pid_namespace *pid_ns = task_active_pid_ns(current);
	if (!ns_capable(pid_ns->user_ns, CAP_SYS_BOOT))
		return -EPERM;
	/* Linux's arguments are ints: glibc passes 0xfee1dead sign-extended. */
	magic1 = (unsigned int)magic1;
	magic2 = (unsigned int)magic2;
	cmd = (unsigned int)cmd;
	if (magic1 != LINUX_REBOOT_MAGIC1 ||
	    (magic2 != LINUX_REBOOT_MAGIC2 && magic2 != LINUX_REBOOT_MAGIC2A &&
	     magic2 != LINUX_REBOOT_MAGIC2B && magic2 != LINUX_REBOOT_MAGIC2C))
		return -EINVAL;
	if (pid_ns != &init_pid_ns)
		return reboot_pid_ns(pid_ns, cmd);
	switch (cmd) {
	case LINUX_REBOOT_CMD_POWER_OFF:
	case LINUX_REBOOT_CMD_HALT:
		sync_all();
		printk("kernel: power off\n");
		sbi_shutdown(false);
	case LINUX_REBOOT_CMD_RESTART:
		sync_all();
		printk("kernel: restart\n");
		sbi_shutdown(true);
	case LINUX_REBOOT_CMD_CAD_ON:
	case LINUX_REBOOT_CMD_CAD_OFF:
		return 0;
	}
	return -EINVAL;
}
