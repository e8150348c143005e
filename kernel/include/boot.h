/* What the device tree told us about the machine (lib/fdt.c). */
#ifndef KERNEL_BOOT_H
#define KERNEL_BOOT_H

#include "types.h"

#define MAX_HARTS	8
#define MAX_VIRTIO	8
#define ISA_STRING_MAX	256

struct mmio_dev {
	paddr_t base;
	uint64_t size;
	unsigned int irq;
};

struct boot_info {
	paddr_t mem_base;
	uint64_t mem_size;
	int nharts;
	unsigned long hartids[MAX_HARTS];
	uint64_t timebase_freq;
	struct mmio_dev uart, plic, rtc;
	int nvirtio;
	struct mmio_dev virtio[MAX_VIRTIO];
	char bootargs[256];
	char isa[ISA_STRING_MAX];	/* riscv,isa of the first hart, e.g. "rv64imafdc_zicsr" */
	paddr_t fdt_pa;
	uint32_t fdt_size;
};

extern struct boot_info boot_info;

int fdt_parse(const void *fdt, struct boot_info *bi);
/* Value of "key=" in the kernel command line, or NULL; copies to buf. */
const char *cmdline_get(const char *key, char *buf, size_t len);
bool cmdline_has(const char *word);

#endif
