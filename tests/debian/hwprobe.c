/*
 * hwprobe.c - riscv_hwprobe(2) as Linux answers it on qemu virt: the base
 * behaviour is IMA, IMA_EXT_0 has FD and C (the cpu is rv64gc), an
 * unknown key comes back as -1 with value 0, nonzero flags and a cpu set
 * naming no online cpu are EINVAL.  Prints PASS/FAIL lines; the values
 * themselves go to "info" lines for the log.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>

#define NR_riscv_hwprobe		258
#define KEY_MVENDORID			0
#define KEY_BASE_BEHAVIOR		3
#define BASE_BEHAVIOR_IMA		(1 << 0)
#define KEY_IMA_EXT_0			4
#define IMA_FD				(1 << 0)
#define IMA_C				(1 << 1)
#define KEY_CPUPERF_0			5
#define KEY_UNKNOWN			999

struct riscv_hwprobe {
	int64_t key;
	uint64_t value;
};

static int failures;

static void check(int ok, const char *name, const char *why)
{
	if (ok)
		printf("PASS %s\n", name);
	else
		printf("FAIL %s: %s\n", name, why);
	failures += !ok;
}

static long hwprobe(struct riscv_hwprobe *p, size_t n, size_t setsize, void *cpus,
		    unsigned int flags)
{
	long r = syscall(NR_riscv_hwprobe, p, n, setsize, cpus, flags);
	return r < 0 ? -errno : r;
}

int main(void)
{
	struct riscv_hwprobe p[] = {
		{ KEY_BASE_BEHAVIOR, 0 }, { KEY_IMA_EXT_0, 0 }, { KEY_UNKNOWN, 7 },
		{ KEY_CPUPERF_0, 0 }, { KEY_MVENDORID, 0 },
	};
	unsigned long cpu0 = 1, none = 0;

	long r = hwprobe(p, 5, 0, NULL, 0);
	check(r == 0, "hwprobe-call", strerror((int)-r));
	check(p[0].key == KEY_BASE_BEHAVIOR && p[0].value == BASE_BEHAVIOR_IMA,
	      "hwprobe-base-ima", "base behavior is not IMA");
	check((p[1].value & (IMA_FD | IMA_C)) == (IMA_FD | IMA_C), "hwprobe-ima-fd-c",
	      "FD or C missing in IMA_EXT_0");
	check(p[2].key == -1 && p[2].value == 0, "hwprobe-unknown-key",
	      "an unknown key is not answered with key -1, value 0");
	printf("info: ima_ext_0 %#llx cpuperf_0 %#llx mvendorid %#llx\n",
	       (unsigned long long)p[1].value, (unsigned long long)p[3].value,
	       (unsigned long long)p[4].value);
	check(hwprobe(p, 1, 0, NULL, 1) == -EINVAL, "hwprobe-flags-einval", "flags 1 accepted");
	check(hwprobe(p, 1, sizeof(cpu0), &cpu0, 0) == 0, "hwprobe-cpu0", "cpu set {0} refused");
	check(hwprobe(p, 1, sizeof(none), &none, 0) == -EINVAL, "hwprobe-empty-set-einval",
	      "an empty cpu set accepted");
	check(hwprobe((void *)8, 1, 0, NULL, 0) == -EFAULT, "hwprobe-efault",
	      "a bad pairs pointer not EFAULT");
	return failures != 0;
}
