/*
 * A reader for the flattened device tree that OpenSBI passes at boot.  We
 * walk the structure block once and record the few devices we drive.  The
 * qemu virt machine uses #address-cells = #size-cells = 2 for devices and
 * #address-cells = 1 under /cpus, which is all this reader assumes.
 */
#include "boot.h"
#include "string.h"
#include "printk.h"

#define FDT_MAGIC	0xd00dfeed
#define FDT_BEGIN_NODE	1
#define FDT_END_NODE	2
#define FDT_PROP	3
#define FDT_NOP		4
#define FDT_END		9
#define MAX_DEPTH	8

struct boot_info boot_info;

static uint32_t be32(const void *p)
{
	const uint8_t *b = p;
	return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
}

static uint64_t be64(const void *p)
{
	return (uint64_t)be32(p) << 32 | be32((const char *)p + 4);
}

/* What we learn about one node while inside it. */
struct node {
	const char *name;
	const char *compat;	/* the compatible list, NUL-separated */
	uint32_t compat_len;
	const void *reg;
	uint32_t reg_len;
	uint32_t irq;
	bool is_memory, is_cpu, disabled;
	uint64_t timebase;
};

static bool compatible(const struct node *n, const char *want)
{
	const char *p = n->compat, *end = n->compat + n->compat_len;

	while (p && p < end) {
		if (strcmp(p, want) == 0)
			return true;
		p += strlen(p) + 1;
	}
	return false;
}

static void set_dev(struct mmio_dev *d, const struct node *n)
{
	if (n->reg_len >= 16) {
		d->base = be64(n->reg);
		d->size = be64((const char *)n->reg + 8);
	}
	d->irq = n->irq;
}

static void node_done(struct boot_info *bi, const struct node *n, int depth)
{
	if (n->is_memory && n->reg_len >= 16 && !bi->mem_size) {
		bi->mem_base = be64(n->reg);
		bi->mem_size = be64((const char *)n->reg + 8);
	} else if (n->is_cpu && !n->disabled && n->reg_len >= 4 &&
		   bi->nharts < MAX_HARTS) {
		bi->hartids[bi->nharts++] = be32(n->reg);
	} else if (compatible(n, "ns16550a")) {
		set_dev(&bi->uart, n);
	} else if (compatible(n, "riscv,plic0") || compatible(n, "sifive,plic-1.0.0")) {
		set_dev(&bi->plic, n);
	} else if (compatible(n, "google,goldfish-rtc")) {
		set_dev(&bi->rtc, n);
	} else if (compatible(n, "virtio,mmio") && bi->nvirtio < MAX_VIRTIO) {
		set_dev(&bi->virtio[bi->nvirtio++], n);
	}
	if (n->timebase)
		bi->timebase_freq = n->timebase;
	(void)depth;
}

static void prop(struct boot_info *bi, struct node *n, int depth,
		 const char *name, const void *val, uint32_t len)
{
	if (strcmp(name, "compatible") == 0) {
		n->compat = val;
		n->compat_len = len;
	} else if (strcmp(name, "reg") == 0) {
		n->reg = val;
		n->reg_len = len;
	} else if (strcmp(name, "interrupts") == 0 && len >= 4) {
		n->irq = be32(val);
	} else if (strcmp(name, "device_type") == 0) {
		if (strcmp(val, "memory") == 0)
			n->is_memory = true;
		else if (strcmp(val, "cpu") == 0)
			n->is_cpu = true;
	} else if (strcmp(name, "status") == 0) {
		n->disabled = strcmp(val, "okay") != 0;
	} else if (strcmp(name, "timebase-frequency") == 0 && len >= 4) {
		n->timebase = be32(val);
	} else if (strcmp(name, "riscv,isa") == 0 && !bi->isa[0]) {
		strlcpy(bi->isa, val, sizeof(bi->isa));
	} else if (strcmp(name, "bootargs") == 0 && depth == 2 &&
		   strcmp(n->name, "chosen") == 0) {
		strlcpy(bi->bootargs, val, sizeof(bi->bootargs));
	}
}

int fdt_parse(const void *fdt, struct boot_info *bi)
{
	const char *base = fdt;
	struct node stack[MAX_DEPTH];
	int depth = 0;

	if (be32(base) != FDT_MAGIC)
		return -EINVAL;
	bi->fdt_size = be32(base + 4);
	const char *p = base + be32(base + 8);
	const char *strings = base + be32(base + 12);

	for (;;) {
		uint32_t tok = be32(p);
		p += 4;
		if (tok == FDT_BEGIN_NODE) {
			const char *name = p;
			p += ALIGN_UP(strlen(name) + 1, 4);
			if (depth < MAX_DEPTH) {
				memset(&stack[depth], 0, sizeof(stack[depth]));
				stack[depth].name = name;
			}
			depth++;
		} else if (tok == FDT_END_NODE) {
			depth--;
			if (depth < MAX_DEPTH)
				node_done(bi, &stack[depth], depth);
		} else if (tok == FDT_PROP) {
			uint32_t len = be32(p), nameoff = be32(p + 4);
			const void *val = p + 8;
			p += 8 + ALIGN_UP(len, 4);
			if (depth >= 1 && depth <= MAX_DEPTH)
				prop(bi, &stack[depth - 1], depth, strings + nameoff, val, len);
		} else if (tok == FDT_NOP) {
			continue;
		} else {
			break;
		}
	}
	if (!bi->timebase_freq)
		bi->timebase_freq = 10000000;
	return 0;
}

static const char *cmdline_find(const char *key)
{
	size_t klen = strlen(key);
	const char *p = boot_info.bootargs;

	while (*p) {
		while (*p == ' ')
			p++;
		if (strncmp(p, key, klen) == 0 && (p[klen] == '=' || p[klen] == ' ' || !p[klen]))
			return p + klen;
		while (*p && *p != ' ')
			p++;
	}
	return NULL;
}

const char *cmdline_get(const char *key, char *buf, size_t len)
{
	const char *v = cmdline_find(key);
	size_t n = 0;

	if (!v || *v != '=')
		return NULL;
	v++;
	while (v[n] && v[n] != ' ')
		n++;
	if (n >= len)
		n = len - 1;
	memcpy(buf, v, n);
	buf[n] = 0;
	return buf;
}

bool cmdline_has(const char *word)
{
	const char *v = cmdline_find(word);
	return v && *v != '=';
}
