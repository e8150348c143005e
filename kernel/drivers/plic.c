/*
 * The platform-level interrupt controller.  Every source we use is enabled
 * for the S-mode context of every hart with priority 1; whichever hart
 * claims an interrupt handles it.  handlers[] is written before the source
 * is enabled and only read afterwards.  Each source counts its interrupts
 * per hart (counts[irq][cpu index]); only that hart writes its counter, in
 * the handler with interrupts off.
 */
#include "irq.h"
#include "boot.h"
#include "proc.h"
#include "riscv.h"
#include "printk.h"

#define MAX_IRQ		128
#define PLIC_PRIORITY(irq)	(4 * (irq))
#define PLIC_ENABLE(ctx)	(0x2000 + 0x80 * (ctx))
#define PLIC_THRESHOLD(ctx)	(0x200000 + 0x1000 * (ctx))
#define PLIC_CLAIM(ctx)		(0x200004 + 0x1000 * (ctx))

static struct {
	irq_handler_t fn;
	void *arg;
	const char *name;
	unsigned long counts[MAX_HARTS];
} handlers[MAX_IRQ];

static inline volatile uint32_t *plic_reg(unsigned long off)
{
	return (volatile uint32_t *)((char *)phys_to_virt(boot_info.plic.base) + off);
}

/* qemu virt: context 2*hartid+1 is the hart's S-mode context. */
static unsigned int s_context(void)
{
	return 2 * this_cpu()->hartid + 1;
}

void plic_init(void)
{
}

void plic_init_hart(void)
{
	unsigned int ctx = s_context();
	for (unsigned int irq = 1; irq < MAX_IRQ; irq++)
		if (handlers[irq].fn)
			plic_reg(PLIC_ENABLE(ctx))[irq / 32] |= 1u << (irq % 32);
	*plic_reg(PLIC_THRESHOLD(ctx)) = 0;
	csr_set(sie, SIE_SEIE);
}

int irq_register(unsigned int irq, irq_handler_t handler, void *arg, const char *name)
{
	if (!irq || irq >= MAX_IRQ)
		return -EINVAL;
	handlers[irq].name = name;
	handlers[irq].arg = arg;
	__atomic_store_n(&handlers[irq].fn, handler, __ATOMIC_RELEASE);
	*plic_reg(PLIC_PRIORITY(irq)) = 1;
	/* Enable on the harts already running; later harts do it at init. */
	for (int i = 0; i < ncpus; i++) {
		unsigned int ctx = 2 * cpus[i].hartid + 1;
		plic_reg(PLIC_ENABLE(ctx))[irq / 32] |= 1u << (irq % 32);
	}
	return 0;
}

void plic_handle(void)
{
	unsigned int ctx = s_context();
	uint32_t irq;

	while ((irq = *plic_reg(PLIC_CLAIM(ctx))) != 0) {
		if (irq < MAX_IRQ && handlers[irq].fn) {
			handlers[irq].counts[this_cpu()->id]++;
			handlers[irq].fn(handlers[irq].arg);
		}
		*plic_reg(PLIC_CLAIM(ctx)) = irq;
	}
}

void plic_for_each_irq(void (*fn)(unsigned int irq, const char *name,
				  const unsigned long *counts, void *arg), void *arg)
{
	for (unsigned int irq = 1; irq < MAX_IRQ; irq++)
		if (__atomic_load_n(&handlers[irq].fn, __ATOMIC_ACQUIRE))
			fn(irq, handlers[irq].name, handlers[irq].counts, arg);
}
