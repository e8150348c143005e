/*
 * System-call dispatch.  The table is indexed by Linux's asm-generic numbers;
 * a missing entry returns -ENOSYS and is reported once by number.
 */
#include "syscall.h"
#include "printk.h"
#include "sbi.h"
#include <asm/unistd.h>
#include <linux/reboot.h>

#define NR_SYSCALLS 512

typedef long (*syscall_fn)(unsigned long, unsigned long, unsigned long,
			   unsigned long, unsigned long, unsigned long);

long sys_reboot(unsigned long magic1, unsigned long magic2, unsigned long cmd);

#define SYSCALL(nr, fn) [nr] = (syscall_fn)(void (*)(void))(fn)
static const syscall_fn syscall_table[NR_SYSCALLS] = {
	SYSCALL(__NR_reboot, sys_reboot),
};

static uint64_t enosys_reported[NR_SYSCALLS / 64];

static long enosys(unsigned long nr)
{
	if (nr < NR_SYSCALLS) {
		uint64_t bit = 1ull << (nr % 64);
		if (!(__atomic_fetch_or(&enosys_reported[nr / 64], bit, __ATOMIC_RELAXED) & bit))
			printk("kernel: system call %lu not implemented (%s)\n", nr,
			       current->comm);
	}
	return -ENOSYS;
}

long syscall_dispatch(struct trapframe *tf)
{
	unsigned long nr = tf->a7;
	if (nr >= NR_SYSCALLS || !syscall_table[nr])
		return enosys(nr);
	return syscall_table[nr](tf->a0, tf->a1, tf->a2, tf->a3, tf->a4, tf->a5);
}

void sync_all(void);

long sys_reboot(unsigned long magic1, unsigned long magic2, unsigned long cmd)
{
	if (magic1 != LINUX_REBOOT_MAGIC1 ||
	    (magic2 != LINUX_REBOOT_MAGIC2 && magic2 != LINUX_REBOOT_MAGIC2A &&
	     magic2 != LINUX_REBOOT_MAGIC2B && magic2 != LINUX_REBOOT_MAGIC2C))
		return -EINVAL;
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
