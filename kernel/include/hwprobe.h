/*
 * riscv_hwprobe(2): what user space may ask about the harts.  The values
 * are Linux's UAPI (asm/hwprobe.h, Linux 6.11); Debian's 6.1 cross headers
 * predate the call, so they are written out here.
 */
#ifndef KERNEL_HWPROBE_H
#define KERNEL_HWPROBE_H

#include "types.h"

#ifndef __NR_riscv_hwprobe
#define __NR_riscv_hwprobe		258	/* __NR_arch_specific_syscall + 14 */
#endif

struct riscv_hwprobe {
	int64_t key;
	uint64_t value;
};

#define RISCV_HWPROBE_KEY_MVENDORID		0
#define RISCV_HWPROBE_KEY_MARCHID		1
#define RISCV_HWPROBE_KEY_MIMPID		2
#define RISCV_HWPROBE_KEY_BASE_BEHAVIOR		3
#define   RISCV_HWPROBE_BASE_BEHAVIOR_IMA	(1 << 0)
#define RISCV_HWPROBE_KEY_IMA_EXT_0		4
#define   RISCV_HWPROBE_IMA_FD			(1ull << 0)
#define   RISCV_HWPROBE_IMA_C			(1ull << 1)
#define   RISCV_HWPROBE_IMA_V			(1ull << 2)
#define   RISCV_HWPROBE_EXT_ZBA			(1ull << 3)
#define   RISCV_HWPROBE_EXT_ZBB			(1ull << 4)
#define   RISCV_HWPROBE_EXT_ZBS			(1ull << 5)
#define   RISCV_HWPROBE_EXT_ZICBOZ		(1ull << 6)
#define   RISCV_HWPROBE_EXT_ZBC			(1ull << 7)
#define   RISCV_HWPROBE_EXT_ZFH			(1ull << 27)
#define   RISCV_HWPROBE_EXT_ZFHMIN		(1ull << 28)
#define   RISCV_HWPROBE_EXT_ZFA			(1ull << 32)
#define   RISCV_HWPROBE_EXT_ZTSO		(1ull << 33)
#define   RISCV_HWPROBE_EXT_ZACAS		(1ull << 34)
#define   RISCV_HWPROBE_EXT_ZICOND		(1ull << 35)
#define   RISCV_HWPROBE_EXT_ZIHINTPAUSE		(1ull << 36)
#define   RISCV_HWPROBE_EXT_ZAWRS		(1ull << 48)
#define RISCV_HWPROBE_KEY_CPUPERF_0		5
#define   RISCV_HWPROBE_MISALIGNED_UNKNOWN	(0 << 0)
#define RISCV_HWPROBE_KEY_ZICBOZ_BLOCK_SIZE	6
#define RISCV_HWPROBE_KEY_HIGHEST_VIRT_ADDRESS	7
#define RISCV_HWPROBE_KEY_TIME_CSR_FREQ		8
#define RISCV_HWPROBE_KEY_MISALIGNED_SCALAR_PERF 9
#define   RISCV_HWPROBE_MISALIGNED_SCALAR_UNKNOWN 0

long sys_riscv_hwprobe(struct riscv_hwprobe __user *pairs, size_t pair_count,
		       size_t cpusetsize, const unsigned long __user *cpus, unsigned int flags);

#endif
