/*
 * riscv_hwprobe(2): answers about the harts as Linux does.  Every hart of
 * qemu virt is the same cpu, so one answer holds for any set of them: the
 * ISA extensions come from the device tree's riscv,isa string (boot_info,
 * read once at boot, never written after: no lock), the machine ids from
 * the SBI base extension.
 */
#include "hwprobe.h"
#include "boot.h"
#include "proc.h"
#include "sbi.h"
#include "string.h"
#include "uaccess.h"

#define SBI_EXT_BASE		0x10
#define SBI_BASE_GET_MVENDORID	4
#define SBI_BASE_GET_MARCHID	5
#define SBI_BASE_GET_MIMPID	6

/* The multi-letter extensions hwprobe reports, by their riscv,isa name. */
static const struct {
	const char *name;
	uint64_t bit;
} isa_exts[] = {
	{ "zba", RISCV_HWPROBE_EXT_ZBA },	{ "zbb", RISCV_HWPROBE_EXT_ZBB },
	{ "zbs", RISCV_HWPROBE_EXT_ZBS },	{ "zbc", RISCV_HWPROBE_EXT_ZBC },
	{ "zfh", RISCV_HWPROBE_EXT_ZFH },	{ "zfhmin", RISCV_HWPROBE_EXT_ZFHMIN },
	{ "zfa", RISCV_HWPROBE_EXT_ZFA },	{ "ztso", RISCV_HWPROBE_EXT_ZTSO },
	{ "zacas", RISCV_HWPROBE_EXT_ZACAS },	{ "zicond", RISCV_HWPROBE_EXT_ZICOND },
	{ "zihintpause", RISCV_HWPROBE_EXT_ZIHINTPAUSE },
	{ "zawrs", RISCV_HWPROBE_EXT_ZAWRS },
};

static uint64_t multi_letter_bit(const char *name, size_t len)
{
	for (size_t i = 0; i < sizeof(isa_exts) / sizeof(isa_exts[0]); i++)
		if (strlen(isa_exts[i].name) == len && memcmp(isa_exts[i].name, name, len) == 0)
			return isa_exts[i].bit;
	return 0;
}

/*
 * IMA_EXT_0 from "rv64imafdch_zicsr_zba...": single letters up to the first
 * '_' (or z/s/x, which start the multi-letter part), then '_'-separated
 * names.  V is never reported: the kernel keeps no vector state.
 */
static uint64_t ima_ext_0(const char *isa)
{
	bool f = false, d = false, c = false;
	const char *p = isa;
	if (strncmp(p, "rv64", 4) == 0 || strncmp(p, "rv32", 4) == 0)
		p += 4;
	for (; *p && *p != '_' && *p != 'z' && *p != 's' && *p != 'x'; p++) {
		f |= *p == 'f' || *p == 'g';
		d |= *p == 'd' || *p == 'g';
		c |= *p == 'c';
	}
	uint64_t bits = (f && d ? RISCV_HWPROBE_IMA_FD : 0) | (c ? RISCV_HWPROBE_IMA_C : 0);
	while (*p) {
		while (*p == '_')
			p++;
		const char *name = p;
		while (*p && *p != '_')
			p++;
		bits |= multi_letter_bit(name, p - name);
	}
	return bits;
}

static uint64_t sbi_machine_id(long fid)
{
	struct sbiret r = sbi_call(SBI_EXT_BASE, fid, 0, 0, 0);
	return r.error ? 0 : (uint64_t)r.value;
}

/* Fill pair->value for a known key; an unknown one gets key -1, value 0. */
static void hwprobe_one(struct riscv_hwprobe *pair)
{
	pair->value = 0;
	switch (pair->key) {
	case RISCV_HWPROBE_KEY_MVENDORID:
		pair->value = sbi_machine_id(SBI_BASE_GET_MVENDORID);
		break;
	case RISCV_HWPROBE_KEY_MARCHID:
		pair->value = sbi_machine_id(SBI_BASE_GET_MARCHID);
		break;
	case RISCV_HWPROBE_KEY_MIMPID:
		pair->value = sbi_machine_id(SBI_BASE_GET_MIMPID);
		break;
	case RISCV_HWPROBE_KEY_BASE_BEHAVIOR:
		pair->value = RISCV_HWPROBE_BASE_BEHAVIOR_IMA;
		break;
	case RISCV_HWPROBE_KEY_IMA_EXT_0:
		pair->value = ima_ext_0(boot_info.isa);
		break;
	case RISCV_HWPROBE_KEY_CPUPERF_0:
		pair->value = RISCV_HWPROBE_MISALIGNED_UNKNOWN;
		break;
	case RISCV_HWPROBE_KEY_MISALIGNED_SCALAR_PERF:
		pair->value = RISCV_HWPROBE_MISALIGNED_SCALAR_UNKNOWN;
		break;
	case RISCV_HWPROBE_KEY_ZICBOZ_BLOCK_SIZE:
		break;	/* no Zicboz */
	case RISCV_HWPROBE_KEY_HIGHEST_VIRT_ADDRESS:
		pair->value = USER_TOP - 1;
		break;
	case RISCV_HWPROBE_KEY_TIME_CSR_FREQ:
		pair->value = boot_info.timebase_freq;
		break;
	default:
		pair->key = -1;
	}
}

/* The cpu set must name at least one online cpu (cpus 0..ncpus-1). */
static int check_cpus(size_t cpusetsize, const unsigned long __user *cpus)
{
	unsigned long set = 0;
	if (!cpusetsize && !cpus)
		return 0;
	if (cpusetsize > sizeof(set))
		cpusetsize = sizeof(set);	/* harts beyond the first word do not exist */
	if (copy_from_user(&set, cpus, cpusetsize))
		return -EFAULT;
	unsigned long online = ncpus >= (int)(8 * sizeof(set)) ? ~0ul : (1ul << ncpus) - 1;
	return set & online ? 0 : -EINVAL;
}

long sys_riscv_hwprobe(struct riscv_hwprobe __user *pairs, size_t pair_count,
		       size_t cpusetsize, const unsigned long __user *cpus, unsigned int flags)
{
	if (flags)
		return -EINVAL;
	int err = check_cpus(cpusetsize, cpus);
	if (err)
		return err;
	for (size_t i = 0; i < pair_count; i++) {
		struct riscv_hwprobe pair;
		if (copy_from_user(&pair.key, &pairs[i].key, sizeof(pair.key)))
			return -EFAULT;
		hwprobe_one(&pair);
		if (copy_to_user(&pairs[i], &pair, sizeof(pair)))
			return -EFAULT;
	}
	return 0;
}
