/* External interrupts through the PLIC (drivers/plic.c). */
#ifndef KERNEL_IRQ_H
#define KERNEL_IRQ_H

typedef void (*irq_handler_t)(void *arg);

void plic_init(void);
void plic_init_hart(void);
/* name: the device's, shown in /proc/interrupts (a string that lives on). */
int irq_register(unsigned int irq, irq_handler_t handler, void *arg, const char *name);
void plic_handle(void);

/* /proc/interrupts: fn is called for each source with a handler, with
 * its number, name and per-hart counts (indexed as cpus[]). */
void plic_for_each_irq(void (*fn)(unsigned int irq, const char *name,
				  const unsigned long *counts, void *arg), void *arg);

#endif
